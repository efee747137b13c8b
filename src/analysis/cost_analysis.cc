#include "analysis/cost_analysis.h"

#include "analysis/shape_inference.h"
#include "ir/topological_order.h"
#include "ir/verifier.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::analysis {
namespace {

std::string ShapeText(const ir::Shape& shape) {
  return shape.rank_known() ? shape.ToString() : "?";
}

int64_t ValueBytes(const ir::Value& value) {
  auto count = value.shape.NumElements();
  return count ? *count * static_cast<int64_t>(ir::DTypeSize(value.dtype)) : 0;
}

bool IsTfCounted(const std::string& op) {
  return op == "Conv2D" || op == "QuantizedConv2D" || op == "MatMul" || op == "QuantizedMatMul" ||
         op == "DepthwiseConv2dNative";
}

// Nodes that move or hold data without computing (inputs, constants, pass-throughs).
bool ComputesNothing(ir::OpKind kind) {
  return kind == ir::OpKind::kInput || kind == ir::OpKind::kConstant ||
         kind == ir::OpKind::kIdentity || kind == ir::OpKind::kNoOp;
}

}  // namespace

StatusOr<int64_t> TfNodeFlops(const ir::Graph& graph, const ir::Node& node) {
  const std::string& op = node.op_type;
  if (!IsTfCounted(op)) return 0;
  auto sizes_of = [&](ir::ValueId id, const char* what) -> StatusOr<std::vector<int64_t>> {
    const ir::Value& value = graph.value(id);
    if (!value.shape.IsFullyKnown()) {
      return InvalidArgumentError(std::string("shape of ") + what + " '" + value.name +
                                  "' is unknown");
    }
    return value.shape.Sizes();
  };
  if (node.inputs.size() < 2 || node.outputs.empty()) {
    return InvalidArgumentError("node '" + node.name + "' has too few inputs");
  }
  ASSIGN_OR_RETURN(auto output, sizes_of(node.outputs[0], "output"));
  int64_t output_count = 1;
  for (int64_t d : output) output_count *= d;
  if (op == "MatMul" || op == "QuantizedMatMul") {
    ASSIGN_OR_RETURN(auto a, sizes_of(node.inputs[0], "input"));
    if (a.size() < 2) return InvalidArgumentError("input of '" + node.name + "' is not 2-D");
    const ir::Attribute* transpose = node.FindAttr("transpose_a");
    const bool transpose_a = transpose && transpose->Is<bool>() && transpose->Get<bool>();
    return (transpose_a ? a[0] : a[1]) * output_count * 2;
  }
  ASSIGN_OR_RETURN(auto filter, sizes_of(node.inputs[1], "filter"));
  if (filter.size() < 3) return InvalidArgumentError("filter of '" + node.name + "' is not 4-D");
  // Conv2D: output x filter in-depth x filter h x filter w x 2; depthwise leaves out the
  // in-depth (its multiplier is already in the output count).
  return op == "DepthwiseConv2dNative" ? output_count * filter[0] * filter[1] * 2
                                       : output_count * filter[2] * filter[0] * filter[1] * 2;
}

StatusOr<CostReport> AnalyzeCost(const ir::Graph& graph, FlopsConvention convention) {
  CostReport report;
  report.convention = convention;
  ASSIGN_OR_RETURN(std::vector<ir::NodeId> order, ir::TopologicalOrder(graph));
  for (ir::NodeId id : order) {
    const ir::Node& node = graph.node(id);
    if (IsFolded(graph, node) || ComputesNothing(node.kind)) continue;
    NodeCost cost;
    cost.node = id;
    if (!node.outputs.empty()) cost.output_shape = ShapeText(graph.value(node.outputs[0]).shape);
    const std::vector<ir::ValueId>& reads =
        node.kind == ir::OpKind::kUnsupported ? node.inputs : node.operands;
    for (ir::ValueId input : reads) {
      if (input == ir::kNoValue) continue;
      const ir::Value& value = graph.value(input);
      if (value.constant && ir::IsFloatingPoint(value.dtype)) {
        cost.parameters += value.constant->num_elements();
        cost.parameter_bytes +=
            value.constant->num_elements() * static_cast<int64_t>(ir::DTypeSize(value.dtype));
      }
    }
    for (ir::ValueId output : node.outputs)
      cost.activation_bytes += ValueBytes(graph.value(output));
    if (convention == FlopsConvention::kTensorFlow) {
      if (!IsTfCounted(node.op_type)) {
        ++report.uncounted_op_types[node.op_type];
        continue;
      }
      auto flops = TfNodeFlops(graph, node);
      if (!flops.ok()) return flops.status().WithContext(ir::DescribeNode(node));
      cost.flops = *flops;
      cost.macs = *flops / 2;
    } else {
      if (node.kind == ir::OpKind::kUnsupported || ops::GetOpDef(node.kind).count_cost == nullptr) {
        ++report.uncounted_op_types[node.op_type];
        continue;
      }
      std::vector<ops::TensorType> operands, outputs;
      for (ir::ValueId v : node.operands) {
        operands.push_back(v == ir::kNoValue
                               ? ops::TensorType{}
                               : ops::TensorType{graph.value(v).dtype, graph.value(v).shape});
      }
      for (ir::ValueId v : node.outputs) {
        outputs.push_back({graph.value(v).dtype, graph.value(v).shape});
      }
      if (!ops::CostIsCountable(operands, outputs)) {
        ++report.uncounted_op_types[node.op_type + " (sizes too large to count)"];
        continue;
      }
      const ops::OpCost op_cost =
          ops::GetOpDef(node.kind).count_cost({node, ops::Params(node.params), operands, outputs});
      cost.flops = op_cost.flops;
      cost.macs = op_cost.macs;
      cost.bytes_read = op_cost.bytes_read;
      cost.bytes_written = op_cost.bytes_written;
    }
    if (convention == FlopsConvention::kTensorFlow) {
      for (ir::ValueId input : node.inputs) {
        if (input != ir::kNoValue) cost.bytes_read += ValueBytes(graph.value(input));
      }
      for (ir::ValueId output : node.outputs) cost.bytes_written += ValueBytes(graph.value(output));
    }
    report.total.parameters += cost.parameters;
    report.total.flops += cost.flops;
    report.total.macs += cost.macs;
    report.total.bytes_read += cost.bytes_read;
    report.total.bytes_written += cost.bytes_written;
    report.total.parameter_bytes += cost.parameter_bytes;
    report.total.activation_bytes += cost.activation_bytes;
    report.nodes.push_back(std::move(cost));
  }
  return report;
}

}  // namespace mb::analysis
