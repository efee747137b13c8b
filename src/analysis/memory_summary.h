// How much memory a model needs: its weights, and its intermediate tensors (activations) at
// their peak, under a plan that reuses buffers whose lifetimes do not overlap and under a
// naive plan that gives every tensor its own buffer. Filled by the runtime's planner (the
// engine's real plan, after `benchmark` prepared a session) or by the same planner run over
// the graph's topological order without kernel fusion (`analyze`, an estimate).
#ifndef MODELBENCH_ANALYSIS_MEMORY_SUMMARY_H_
#define MODELBENCH_ANALYSIS_MEMORY_SUMMARY_H_

#include <cstdint>
#include <string>

namespace mb::analysis {

struct MemorySummary {
  int64_t parameter_bytes = 0;     // every distinct floating-point constant a node reads
  int64_t planned_peak_bytes = 0;  // activations with buffer reuse (the arena)
  int64_t naive_peak_bytes = 0;    // activations without reuse: the sum of all of them
  // "engine": the session's plan; "estimate": the planner over the topological order,
  // without fusion (a fused node's output shares its producer's buffer in the engine).
  std::string plan = "estimate";
};

}  // namespace mb::analysis

#endif  // MODELBENCH_ANALYSIS_MEMORY_SUMMARY_H_
