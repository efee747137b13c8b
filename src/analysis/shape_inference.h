// Shape inference over a whole graph, with constant folding of the subgraphs that compute
// shapes (Shape -> StridedSlice -> Pack -> Reshape and the like), so that every shape the
// engine needs is known before anything runs.
#ifndef MODELBENCH_ANALYSIS_SHAPE_INFERENCE_H_
#define MODELBENCH_ANALYSIS_SHAPE_INFERENCE_H_

#include <cstdint>
#include <map>
#include <string>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::analysis {

struct ShapeInferenceOptions {
  // Shapes (and dtypes) that replace the graph inputs' declared ones, by value name.
  std::map<std::string, ir::Shape> input_shapes;
  // A node whose operands are all constant is evaluated at inference time when its outputs
  // total at most this many bytes. Identity of a constant is always folded (no copy).
  int64_t max_folded_bytes = int64_t{1} << 20;
};

// Sets Value::dtype and Value::shape for every value it can, in topological order, and
// stores folded results in Value::constant. Unsupported nodes and nodes whose operands have
// unknown types leave their outputs unknown. Errors name the node:
//   node 'conv1' (Conv2D): filter has rank 3, expected 4
Status InferShapes(ir::Graph* graph, const ShapeInferenceOptions& options = {});

// True if every output of the node holds a folded or original constant, so running the
// graph need not execute it.
bool IsFolded(const ir::Graph& graph, const ir::Node& node);

}  // namespace mb::analysis

#endif  // MODELBENCH_ANALYSIS_SHAPE_INFERENCE_H_
