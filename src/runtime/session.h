// Session: a model prepared to run on this machine.
//
//   Create(model)     checks that every op the outputs need can run (one error lists every
//                     unsupported op type with its count and first node)
//   Prepare(inputs)   fixes input shapes, infers every shape (folding constant subgraphs),
//                     plans memory with buffer reuse, picks and prepares a kernel per node
//   Run()             executes the steps; allocates nothing. Repeat as often as needed.
#ifndef MODELBENCH_RUNTIME_SESSION_H_
#define MODELBENCH_RUNTIME_SESSION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/system.h"
#include "ir/graph.h"
#include "kernels/kernel.h"
#include "ops/op_def.h"

namespace mb::runtime {

struct SessionOptions {
  int num_threads = 1;
  int64_t max_folded_bytes = int64_t{1} << 20;
  // Activations and inputs together may not need more than this; checked before anything is
  // allocated (half of physical memory by default; `--memory_limit_mb` sets it).
  int64_t memory_limit_bytes = static_cast<int64_t>(DefaultMaxTensorBytes());
  // Run NCHW convolution chains on NHWC activations (runtime/layout.h); false keeps the
  // model's layout everywhere.
  bool channels_last = true;
};

// A tensor to feed: its name in the model ("input", or TF's "input:0") and shape.
struct TensorSpec {
  std::string name;
  ir::DType dtype = ir::DType::kFloat32;
  std::vector<int64_t> shape;
};

// One executed node.
struct Step {
  ir::NodeId node = ir::kNoNode;
  std::unique_ptr<kernels::Kernel> kernel;
  int64_t output_bytes = 0;  // bytes this node writes per run (its outputs)
};

// Per-step wall time of one run, in nanoseconds, in step order.
struct RunProfile {
  std::vector<int64_t> step_ns;
};

class Session {
 public:
  static StatusOr<std::unique_ptr<Session>> Create(ir::Model model,
                                                   const SessionOptions& options = {});
  ~Session();

  // The unsupported-op check of Prepare alone, for the given outputs (empty: the model's).
  Status CheckRunnable(const std::vector<std::string>& outputs) const;

  // `outputs` names the tensors to fetch; empty means the model's outputs.
  Status Prepare(const std::vector<TensorSpec>& inputs, const std::vector<std::string>& outputs);

  // REQUIRES: Prepare succeeded. Fill the inputs, Run, then read the outputs.
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  const ops::TensorView& input(int i) const { return inputs_[i]; }
  const std::string& input_name(int i) const { return input_names_[i]; }
  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  const ops::TensorView& output(int i) const { return outputs_[i]; }
  const std::string& output_name(int i) const { return output_names_[i]; }

  // `profile`, if given, receives each step's time.
  Status Run(RunProfile* profile = nullptr);

  const ir::Graph& graph() const { return model_.graph; }
  const ir::ModelInfo& model_info() const { return model_.info; }
  const std::vector<Step>& steps() const { return steps_; }
  int64_t arena_bytes() const { return arena_bytes_; }
  int64_t naive_activation_bytes() const { return naive_bytes_; }

 private:
  Session(ir::Model model, const SessionOptions& options);
  StatusOr<ir::ValueId> ResolveTensor(const std::string& name) const;

  ir::Model model_;
  SessionOptions options_;
  std::vector<std::string> input_names_;
  std::vector<ops::TensorView> inputs_;
  std::vector<std::string> output_names_;
  std::vector<ops::TensorView> outputs_;
  std::vector<Step> steps_;
  std::vector<std::unique_ptr<ir::Node>> fused_nodes_;  // what fusing kernels were built from
  std::vector<void*> allocations_;  // aligned buffers: the arena and one per input
  int64_t arena_bytes_ = 0;
  int64_t naive_bytes_ = 0;
  bool prepared_ = false;
};

// The unsupported-op check on its own: OK, or one error naming every op type the graph
// needs but the engine cannot run, e.g.
//   2 unsupported op types: Foo (3 nodes, first 'a/foo'), Bar (1 node, first 'b')
Status CheckSupported(const ir::Graph& graph, const std::vector<ir::NodeId>& needed);

}  // namespace mb::runtime

#endif  // MODELBENCH_RUNTIME_SESSION_H_
