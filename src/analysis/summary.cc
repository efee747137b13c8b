#include "analysis/summary.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace mb::analysis {
namespace {

bool IsVariableOp(const std::string& op) {
  return op == "Variable" || op == "VariableV2" || op == "VarHandleOp";
}

TensorSummary DescribeValue(const ir::Graph& graph, ir::ValueId id) {
  const ir::Value& value = graph.value(id);
  TensorSummary summary;
  summary.name = value.name;
  summary.dtype = value.dtype;
  summary.shape = value.shape;
  if (value.producer != ir::kNoNode) summary.op_type = graph.node(value.producer).op_type;
  return summary;
}

}  // namespace

ModelSummary SummarizeModel(const ir::Model& model) {
  const ir::Graph& graph = model.graph;
  ModelSummary summary;
  summary.info = model.info;
  summary.num_nodes = static_cast<int64_t>(graph.nodes().size());
  summary.num_functions = static_cast<int64_t>(graph.functions().size());

  for (ir::ValueId id : graph.inputs()) summary.inputs.push_back(DescribeValue(graph, id));
  for (ir::ValueId id : graph.outputs()) summary.outputs.push_back(DescribeValue(graph, id));

  // How many nodes read each value, to find shared constants.
  std::vector<int> readers(graph.values().size(), 0);
  for (const ir::Node& node : graph.nodes()) {
    std::unordered_set<ir::ValueId> distinct(node.inputs.begin(), node.inputs.end());
    for (ir::ValueId input : distinct) {
      if (input != ir::kNoValue) ++readers[input];
    }
  }

  std::map<ir::DType, DTypeParameters> by_dtype;
  std::unordered_map<const ir::Tensor*, int> reads_per_tensor;
  for (ir::ValueId id = 0; id < static_cast<ir::ValueId>(graph.values().size()); ++id) {
    const ir::Value& value = graph.value(id);
    if (!value.constant) continue;
    auto [it, first_time] = reads_per_tensor.emplace(value.constant.get(), 0);
    it->second += readers[id];
    if (!first_time) continue;  // the same tensor behind two values counts once
    const ir::Tensor& tensor = *value.constant;
    DTypeParameters& entry = by_dtype[tensor.dtype()];
    entry.dtype = tensor.dtype();
    ++entry.tensors;
    entry.elements += tensor.num_elements();
    entry.bytes += tensor.byte_size();
    ++summary.constant_tensors;
    summary.constant_elements += tensor.num_elements();
    summary.constant_bytes += tensor.byte_size();
    if (ir::IsFloatingPoint(tensor.dtype())) {
      summary.floating_point_parameters += tensor.num_elements();
    }
  }
  for (const auto& [tensor, reads] : reads_per_tensor) summary.shared_constants += reads > 1;
  for (const auto& [dtype, entry] : by_dtype) summary.parameters_by_dtype.push_back(entry);

  std::map<std::string, int64_t> op_counts;
  for (const ir::Node& node : graph.nodes()) {
    ++op_counts[node.op_type];
    summary.control_edges += static_cast<int64_t>(node.control_inputs.size());
    if (!node.device.empty()) ++summary.nodes_by_device[node.device];
    if (IsVariableOp(node.op_type) && !node.outputs.empty()) {
      TensorSummary variable = DescribeValue(graph, node.outputs[0]);
      if (const ir::Attribute* dtype = node.FindAttr("dtype"); dtype && dtype->Is<ir::DType>()) {
        variable.dtype = dtype->Get<ir::DType>();
      }
      if (const ir::Attribute* shape = node.FindAttr("shape"); shape && shape->Is<ir::Shape>()) {
        variable.shape = shape->Get<ir::Shape>();
      }
      summary.variables.push_back(std::move(variable));
    }
  }
  for (const auto& function : graph.functions()) {
    for (const ir::Node& node : function->body.nodes()) {
      ++op_counts[node.op_type];
      ++summary.num_function_nodes;
    }
  }
  for (const auto& [op_type, count] : op_counts) summary.op_types.push_back({op_type, count});
  std::stable_sort(summary.op_types.begin(), summary.op_types.end(),
                   [](const OpTypeCount& a, const OpTypeCount& b) { return a.count > b.count; });
  return summary;
}

}  // namespace mb::analysis
