// The graph verifier: structural checks every importer's output must pass before analysis
// or execution. Each error names the node, e.g.
//   node 'conv1' (Conv2D): input 'missing:0' refers to a node that does not exist
#ifndef MODELBENCH_IR_VERIFIER_H_
#define MODELBENCH_IR_VERIFIER_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::ir {

struct VerifyOptions {
  // Edges leaving nodes of these op types are loop back edges (TF1 while-loop frames:
  // NextIteration feeds Merge), so the cycles they close are legal.
  std::vector<std::string> loop_back_edge_op_types = {"NextIteration", "RefNextIteration"};
};

// Checks: unique node names; every data input produced by a node, a graph input or a
// constant; every control input naming an existing node; no cycles except through loop back
// edges; value ids and output indices in range.
Status VerifyGraph(const Graph& graph, const VerifyOptions& options = {});

// "node 'name' (OpType)", the prefix of every node-level error message.
std::string DescribeNode(const Node& node);

}  // namespace mb::ir

#endif  // MODELBENCH_IR_VERIFIER_H_
