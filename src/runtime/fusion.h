// Fusion of element-wise nodes into the convolution that feeds them: a batch norm or bias
// add folds into the convolution's constant filter and bias, and a following ReLU/ReLU6
// becomes its activation, which oneDNN applies as a post-op. Every TF node keeps its own
// step (and row in the profile): a fused node's step does nothing, and its output shares
// the convolution's buffer.
#ifndef MODELBENCH_RUNTIME_FUSION_H_
#define MODELBENCH_RUNTIME_FUSION_H_

#include <map>
#include <memory>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::runtime {

struct FusionPlan {
  // Per step: the step whose kernel computes this step's output (itself if not fused).
  std::vector<int> computed_by;
  // Per fusing step: the node its kernel runs instead of the graph's (folded constants,
  // activation set).
  std::map<int, std::unique_ptr<ir::Node>> replacement_nodes;
  // A fused node's output value -> the convolution output whose buffer it shares.
  std::map<ir::ValueId, ir::ValueId> aliases;
};

// Finds Conv -> [BatchNormalization | BiasAdd]* -> [Relu | Clip(0, 6)] chains among `steps`
// where each intermediate value has exactly one consumer and is not fetched. Folded
// constants are added to `graph` as new values.
StatusOr<FusionPlan> PlanFusions(ir::Graph* graph, const std::vector<ir::NodeId>& steps,
                                 const std::vector<ir::ValueId>& fetched);

}  // namespace mb::runtime

#endif  // MODELBENCH_RUNTIME_FUSION_H_
