#include "ir/verifier.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

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

// Kahn's algorithm over data and control edges, ignoring loop back edges. Nodes never
// released are on (or behind) a cycle; we then walk predecessors to name one cycle.
Status CheckAcyclic(const Graph& graph, const VerifyOptions& options) {
  const auto num_nodes = static_cast<NodeId>(graph.nodes().size());
  auto is_back_edge_source = [&](NodeId producer) {
    const std::string& op = graph.node(producer).op_type;
    return std::find(options.loop_back_edge_op_types.begin(),
                     options.loop_back_edge_op_types.end(),
                     op) != options.loop_back_edge_op_types.end();
  };
  // predecessors[n]: nodes whose completion n waits for.
  std::vector<std::vector<NodeId>> predecessors(num_nodes);
  for (NodeId id = 0; id < num_nodes; ++id) {
    const Node& node = graph.node(id);
    for (ValueId input : node.inputs) {
      NodeId producer = graph.value(input).producer;
      if (producer != kNoNode && !is_back_edge_source(producer)) {
        predecessors[id].push_back(producer);
      }
    }
    for (const std::string& control : node.control_inputs) {
      std::optional<NodeId> producer = graph.FindNode(control);
      if (producer && !is_back_edge_source(*producer)) predecessors[id].push_back(*producer);
    }
  }
  std::vector<std::vector<NodeId>> successors(num_nodes);
  std::vector<int> pending(num_nodes, 0);
  for (NodeId id = 0; id < num_nodes; ++id) {
    pending[id] = static_cast<int>(predecessors[id].size());
    for (NodeId producer : predecessors[id]) successors[producer].push_back(id);
  }
  std::vector<NodeId> ready;
  for (NodeId id = 0; id < num_nodes; ++id) {
    if (pending[id] == 0) ready.push_back(id);
  }
  size_t released = 0;
  while (!ready.empty()) {
    NodeId id = ready.back();
    ready.pop_back();
    ++released;
    for (NodeId next : successors[id]) {
      if (--pending[next] == 0) ready.push_back(next);
    }
  }
  if (released == static_cast<size_t>(num_nodes)) return OkStatus();

  // Walk back from a stuck node through stuck predecessors until a node repeats.
  NodeId start = 0;
  while (pending[start] == 0) ++start;
  std::vector<NodeId> path;
  std::unordered_map<NodeId, size_t> position;
  NodeId current = start;
  while (!position.contains(current)) {
    position[current] = path.size();
    path.push_back(current);
    for (NodeId producer : predecessors[current]) {
      if (pending[producer] > 0) {
        current = producer;
        break;
      }
    }
  }
  // path[i + 1] feeds path[i], so data flows from the end of the path back to `current`.
  std::string cycle = "'" + graph.node(current).name + "'";
  for (size_t i = path.size() - 1; i > position[current]; --i) {
    cycle += " -> '" + graph.node(path[i]).name + "'";
  }
  cycle += " -> '" + graph.node(current).name + "'";
  return InvalidArgumentError(DescribeNode(graph.node(current)) + ": is on a cycle: " + cycle);
}

}  // namespace

Status VerifyGraph(const Graph& graph, const VerifyOptions& options) {
  RETURN_IF_ERROR(CheckNamesAndReferences(graph));
  return CheckAcyclic(graph, options);
}

}  // namespace mb::ir
