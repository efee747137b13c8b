// Channels-last conversion: ONNX models (and TF graphs written NCHW) keep activations in
// NCHW, which oneDNN's convolutions and our pooling and element-wise kernels run slowly on
// (plain NCHW has no vectorizable channel dimension). This pass rewrites a prepared graph so
// that chains of layout-aware ops (Conv, pooling, batch norm, ...) and the element-wise ops
// between them run on NHWC activations. Where a chain meets an op that needs the model's
// layout (Flatten, Reshape, Gemm, a graph output...), a Reorder node (a Transpose) converts
// back. Reorders are named "<node that needs them>/reorder_in", so a profile charges their
// time to the node that caused them.
//
// Only the activations' memory order changes: every op computes what it computed before.
// bench/onnx_latency.py measures the gain (`modelbench benchmark --layout=model` keeps the
// model's layout).
#ifndef MODELBENCH_RUNTIME_LAYOUT_H_
#define MODELBENCH_RUNTIME_LAYOUT_H_

#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::runtime {

// REQUIRES: shapes inferred. Rewrites `graph` in place; `keep` lists values whose layout
// must not change (the fetched outputs). Returns the number of nodes converted to NHWC;
// shapes must be inferred again when it is not 0.
StatusOr<int> ConvertToChannelsLast(ir::Graph* graph, const std::vector<ir::ValueId>& keep);

}  // namespace mb::runtime

#endif  // MODELBENCH_RUNTIME_LAYOUT_H_
