#include "analysis/shape_inference.h"

#include <memory>

#include "ir/topological_order.h"
#include "ir/verifier.h"
#include "ops/op_def.h"

namespace mb::analysis {
namespace {

using ir::OpKind;

// Evaluates `node` with its reference math on constant operands and stores the outputs as
// constants. Returns false (without error) if it cannot be folded.
StatusOr<bool> TryFold(ir::Graph* graph, ir::NodeId id, const ops::OpDef& def,
                       const std::vector<ops::TensorType>& outputs, int64_t max_bytes) {
  const ir::Node& node = graph->node(id);
  if (def.compute_reference == nullptr) return false;
  int64_t total = 0;
  for (const ops::TensorType& type : outputs) {
    if (!type.shape.IsFullyKnown() || !ir::IsPlainData(type.dtype)) return false;
    // Declared shapes can be absurd: every step is checked, so no product or sum overflows.
    const std::optional<int64_t> count = type.shape.NumElements();
    if (!count) return false;
    const std::optional<int64_t> bytes =
        ir::CheckedMultiply(*count, static_cast<int64_t>(ir::DTypeSize(type.dtype)));
    if (!bytes || *bytes > max_bytes - total) return false;
    total += *bytes;
  }
  std::vector<ops::TensorView> inputs;
  for (ir::ValueId operand : node.operands) {
    ops::TensorView view;
    if (operand != ir::kNoValue) {
      const ir::Tensor& tensor = *graph->value(operand).constant;
      if (!ir::IsPlainData(tensor.dtype())) return false;
      view.dtype = tensor.dtype();
      view.sizes = tensor.sizes();
      view.data = const_cast<char*>(tensor.bytes().data());  // reference math only reads it
    }
    inputs.push_back(std::move(view));
  }
  std::vector<std::string> buffers(outputs.size());
  std::vector<ops::TensorView> output_views(outputs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::vector<int64_t> sizes = outputs[i].shape.Sizes();
    buffers[i].assign(*outputs[i].shape.NumElements() * ir::DTypeSize(outputs[i].dtype), '\0');
    output_views[i] = {outputs[i].dtype, sizes, buffers[i].data()};
  }
  ops::ComputeContext context{node, ops::Params(node.params), inputs, output_views};
  RETURN_IF_ERROR(def.compute_reference(context));
  for (size_t i = 0; i < outputs.size(); ++i) {
    ASSIGN_OR_RETURN(
        ir::Tensor tensor,
        ir::Tensor::FromBytes(outputs[i].dtype, output_views[i].sizes, std::move(buffers[i])));
    graph->value(node.outputs[i]).constant = std::make_shared<const ir::Tensor>(std::move(tensor));
  }
  return true;
}

Status InferNode(ir::Graph* graph, ir::NodeId id, const ShapeInferenceOptions& options) {
  ir::Node& node = graph->node(id);
  if (node.kind == OpKind::kUnsupported || node.kind == OpKind::kInput ||
      node.kind == OpKind::kConstant) {
    return OkStatus();
  }
  const ops::OpDef& def = ops::GetOpDef(node.kind);
  if (def.infer_shapes == nullptr) return OkStatus();
  std::vector<ops::TensorType> types;
  std::vector<const ir::Tensor*> values;
  bool all_constant = true;
  for (ir::ValueId operand : node.operands) {
    if (operand == ir::kNoValue) {
      types.emplace_back();
      values.push_back(nullptr);
      continue;
    }
    const ir::Value& value = graph->value(operand);
    // An operand of unknown type (behind an unsupported node) leaves this node unknown too.
    if (value.dtype == ir::DType::kInvalid) return OkStatus();
    types.push_back({value.dtype, value.shape});
    values.push_back(value.constant.get());
    all_constant &= value.constant != nullptr;
  }
  for (int index : def.value_operands) {
    if (index < static_cast<int>(values.size()) && node.operands[index] != ir::kNoValue &&
        values[index] == nullptr) {
      // The shape depends on data only known at run time.
      return OkStatus();
    }
  }
  ops::InferenceContext context(node, std::move(types), values);
  RETURN_IF_ERROR(def.infer_shapes(context));
  if (context.outputs_needed() > context.num_outputs()) {
    return InvalidArgumentError("has " + std::to_string(context.num_outputs()) +
                                " outputs, but the op produces " +
                                std::to_string(context.outputs_needed()));
  }
  for (size_t i = 0; i < node.outputs.size(); ++i) {
    ir::Value& value = graph->value(node.outputs[i]);
    value.dtype = context.outputs()[i].dtype;
    value.shape = context.outputs()[i].shape;
  }
  // Identity of constants: share the tensors, whatever their size (frozen weight reads).
  if (node.kind == OpKind::kIdentity && all_constant) {
    for (size_t i = 0; i < node.outputs.size() && i < node.operands.size(); ++i) {
      if (node.operands[i] == ir::kNoValue) continue;  // an absent operand passes nothing
      graph->value(node.outputs[i]).constant = graph->value(node.operands[i]).constant;
    }
    return OkStatus();
  }
  // Shape of a fully known shape is a constant even though its operand is not.
  if (node.kind == OpKind::kShape && context.operand(0).shape.IsFullyKnown()) {
    const std::vector<int64_t> sizes = context.operand(0).shape.Sizes();
    const ir::DType dtype = context.outputs()[0].dtype;
    std::string bytes;
    for (int64_t s : sizes) {
      if (dtype == ir::DType::kInt32) {
        const int32_t v = static_cast<int32_t>(s);
        bytes.append(reinterpret_cast<const char*>(&v), sizeof(v));
      } else {
        bytes.append(reinterpret_cast<const char*>(&s), sizeof(s));
      }
    }
    ASSIGN_OR_RETURN(
        ir::Tensor tensor,
        ir::Tensor::FromBytes(dtype, {static_cast<int64_t>(sizes.size())}, std::move(bytes)));
    graph->value(node.outputs[0]).constant = std::make_shared<const ir::Tensor>(std::move(tensor));
    return OkStatus();
  }
  if (all_constant && !node.operands.empty()) {
    RETURN_IF_ERROR(TryFold(graph, id, def, context.outputs(), options.max_folded_bytes).status());
  }
  return OkStatus();
}

}  // namespace

Status InferShapes(ir::Graph* graph, const ShapeInferenceOptions& options) {
  for (const auto& [name, shape] : options.input_shapes) {
    std::optional<ir::ValueId> id = graph->FindValue(name);
    if (!id) return NotFoundError("no input named '" + name + "'");
    graph->value(*id).shape = shape;
  }
  ASSIGN_OR_RETURN(std::vector<ir::NodeId> order, ir::TopologicalOrder(*graph));
  for (ir::NodeId id : order) {
    Status status = InferNode(graph, id, options);
    if (!status.ok()) return status.WithContext(ir::DescribeNode(graph->node(id)));
  }
  return OkStatus();
}

bool IsFolded(const ir::Graph& graph, const ir::Node& node) {
  if (node.outputs.empty()) return false;
  for (ir::ValueId output : node.outputs) {
    if (!graph.value(output).constant) return false;
  }
  return true;
}

}  // namespace mb::analysis
