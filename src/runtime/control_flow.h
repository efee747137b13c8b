// If without run-time control flow: the engine plans memory and kernels once, before
// running, so it runs an ONNX If only when its condition is known by then (a constant, or
// folded from constants, as in exported models whose branches test a static shape). Such an
// If is replaced by the nodes of the branch it takes, copied into the graph under names
// "<if node>/<branch node>", with one Identity per output so the If's output values keep
// their names and consumers.
#ifndef MODELBENCH_RUNTIME_CONTROL_FLOW_H_
#define MODELBENCH_RUNTIME_CONTROL_FLOW_H_

#include "base/status.h"
#include "ir/graph.h"

namespace mb::runtime {

// REQUIRES: shapes inferred (so folded conditions are constants). Inlines every If whose
// condition is a constant; returns how many. Nested Ifs inside a copied branch are inlined
// by the next call, after shapes are inferred again.
StatusOr<int> InlineKnownIfs(ir::Graph* graph);

}  // namespace mb::runtime

#endif  // MODELBENCH_RUNTIME_CONTROL_FLOW_H_
