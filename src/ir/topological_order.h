// Topological order of a graph's nodes over data and control edges.
#ifndef MODELBENCH_IR_TOPOLOGICAL_ORDER_H_
#define MODELBENCH_IR_TOPOLOGICAL_ORDER_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::ir {

// Nodes in an order where every producer (and control predecessor) comes before its
// consumers; among ready nodes, file order. Edges leaving nodes whose op type is in
// `back_edge_op_types` are ignored (TF1 loop frames). A cycle is an error naming a node on it
// and the cycle's path.
StatusOr<std::vector<NodeId>> TopologicalOrder(
    const Graph& graph, const std::vector<std::string>& back_edge_op_types = {});

}  // namespace mb::ir

#endif  // MODELBENCH_IR_TOPOLOGICAL_ORDER_H_
