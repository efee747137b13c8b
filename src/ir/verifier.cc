#include "ir/verifier.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "ir/topological_order.h"

namespace mb::ir {

std::string DescribeNode(const Node& node) {
  return "node '" + node.name + "' (" + node.op_type + ")";
}

namespace {

Status CheckNamesAndReferences(const Graph& graph) {
  std::unordered_set<ValueId> graph_inputs(graph.inputs().begin(), graph.inputs().end());
  const auto num_values = static_cast<ValueId>(graph.values().size());
  for (NodeId id = 0; id < static_cast<NodeId>(graph.nodes().size()); ++id) {
    const Node& node = graph.node(id);
    // The graph's name index keeps the first node of each name.
    NodeId first = graph.FindNode(node.name).value_or(kNoNode);
    if (first != id) {
      return InvalidArgumentError(DescribeNode(node) + ": duplicate node name (node #" +
                                  std::to_string(first) + " has the same name)");
    }
    for (ValueId input : node.inputs) {
      if (input == kNoValue) continue;  // an absent optional input (ONNX "")
      if (input < 0 || input >= num_values) {
        return InternalError(DescribeNode(node) + ": input value id out of range");
      }
      const Value& value = graph.value(input);
      if (value.producer == kNoNode && !value.constant && !graph_inputs.contains(input)) {
        return InvalidArgumentError(DescribeNode(node) + ": input '" + value.name +
                                    "' refers to a node that does not exist");
      }
    }
    for (ValueId output : node.outputs) {
      if (output < 0 || output >= num_values || graph.value(output).producer != id) {
        return InternalError(DescribeNode(node) + ": output value is not produced by it");
      }
    }
  }
  for (const Node& node : graph.nodes()) {
    for (const std::string& control : node.control_inputs) {
      if (!graph.FindNode(control)) {
        return InvalidArgumentError(DescribeNode(node) + ": control input '^" + control +
                                    "' refers to a node that does not exist");
      }
    }
  }
  return OkStatus();
}

}  // namespace

Status VerifyGraph(const Graph& graph, const VerifyOptions& options) {
  RETURN_IF_ERROR(CheckNamesAndReferences(graph));
  return TopologicalOrder(graph, options.loop_back_edge_op_types).status();
}

}  // namespace mb::ir
