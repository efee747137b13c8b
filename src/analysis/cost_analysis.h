// Static cost of a model, node by node: parameters, FLOPs and MACs (kept apart: a
// multiply-accumulate is 2 FLOPs), bytes read and written, arithmetic intensity. Two
// conventions: TensorFlow's benchmark_model estimate (Conv2D, DepthwiseConv2dNative, MatMul
// only; shared/spec/tf-tools.md section 2) and the full count from every op's cost function
// (docs/cost_model.md). Needs shapes: run InferShapes first.
#ifndef MODELBENCH_ANALYSIS_COST_ANALYSIS_H_
#define MODELBENCH_ANALYSIS_COST_ANALYSIS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::analysis {

enum class FlopsConvention { kTensorFlow, kFull };

struct NodeCost {
  ir::NodeId node = ir::kNoNode;
  std::string output_shape;  // of output 0, "?" for unknown dims
  int64_t parameters = 0;    // elements of the constant operands it reads (weights)
  int64_t flops = 0;
  int64_t macs = 0;
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
  int64_t parameter_bytes = 0;   // bytes of those weights, in their stored dtype
  int64_t activation_bytes = 0;  // bytes of its outputs: what the memory plan must hold
};

struct CostReport {
  FlopsConvention convention = FlopsConvention::kFull;
  std::vector<NodeCost> nodes;  // counted nodes, in topological order
  NodeCost total;
  // Op types that compute something but no formula of the convention counts, with how many
  // nodes of each: never dropped silently.
  std::map<std::string, int64_t> uncounted_op_types;
};

// TF's per-node estimate: 0 for op types TF does not count; an error if a counted node's
// shapes are unknown.
StatusOr<int64_t> TfNodeFlops(const ir::Graph& graph, const ir::Node& node);

StatusOr<CostReport> AnalyzeCost(const ir::Graph& graph, FlopsConvention convention);

}  // namespace mb::analysis

#endif  // MODELBENCH_ANALYSIS_COST_ANALYSIS_H_
