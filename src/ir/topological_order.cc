#include "ir/topological_order.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <unordered_map>

#include "ir/verifier.h"

namespace mb::ir {

// Kahn's algorithm over data and control edges, ignoring loop back edges. Nodes never
// released are on (or behind) a cycle; we then walk predecessors to name one cycle.
StatusOr<std::vector<NodeId>> TopologicalOrder(const Graph& graph,
                                               const std::vector<std::string>& back_edge_op_types) {
  const auto num_nodes = static_cast<NodeId>(graph.nodes().size());
  auto is_back_edge_source = [&](NodeId producer) {
    const std::string& op = graph.node(producer).op_type;
    return std::find(back_edge_op_types.begin(), back_edge_op_types.end(), op) !=
           back_edge_op_types.end();
  };
  // predecessors[n]: nodes whose completion n waits for.
  std::vector<std::vector<NodeId>> predecessors(num_nodes);
  for (NodeId id = 0; id < num_nodes; ++id) {
    const Node& node = graph.node(id);
    for (ValueId input : node.inputs) {
      if (input == kNoValue) continue;
      // Ids are checked before use: callers may hand over a graph the verifier has not seen.
      if (input < 0 || static_cast<size_t>(input) >= graph.values().size()) {
        return InternalError(DescribeNode(node) + ": input value id out of range");
      }
      NodeId producer = graph.value(input).producer;
      if (producer != kNoNode && (producer < 0 || producer >= num_nodes)) {
        return InternalError(DescribeNode(node) + ": input '" + graph.value(input).name +
                             "' names a producer node that does not exist");
      }
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
  // A min-heap on node id releases ready nodes in file order, so the order is stable and
  // reads like the model file.
  std::priority_queue<NodeId, std::vector<NodeId>, std::greater<NodeId>> ready;
  for (NodeId id = 0; id < num_nodes; ++id) {
    if (pending[id] == 0) ready.push(id);
  }
  std::vector<NodeId> order;
  order.reserve(num_nodes);
  while (!ready.empty()) {
    NodeId id = ready.top();
    ready.pop();
    order.push_back(id);
    for (NodeId next : successors[id]) {
      if (--pending[next] == 0) ready.push(next);
    }
  }
  if (order.size() == static_cast<size_t>(num_nodes)) return order;

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

}  // namespace mb::ir
