// The static memory plan: every intermediate tensor gets an offset in one arena, and tensors
// whose lifetimes do not overlap share bytes.
#ifndef MODELBENCH_RUNTIME_MEMORY_PLANNER_H_
#define MODELBENCH_RUNTIME_MEMORY_PLANNER_H_

#include <cstdint>
#include <vector>

namespace mb::runtime {

// A buffer needed from the end of step `first_step` through step `last_step` inclusive.
struct BufferRequest {
  int64_t bytes = 0;
  int first_step = 0;
  int last_step = 0;
};

struct MemoryPlan {
  std::vector<int64_t> offsets;  // one per request
  int64_t arena_bytes = 0;       // peak with reuse
  int64_t naive_bytes = 0;       // the sum of all requests: peak without reuse
};

// Greedy by size (largest first), each buffer at the lowest offset that does not overlap a
// placed buffer whose lifetime intersects its own. Offsets are multiples of `alignment`.
MemoryPlan PlanMemory(const std::vector<BufferRequest>& requests, int64_t alignment = 64);

}  // namespace mb::runtime

#endif  // MODELBENCH_RUNTIME_MEMORY_PLANNER_H_
