#include "runtime/memory_planner.h"

#include <algorithm>
#include <numeric>

namespace mb::runtime {

MemoryPlan PlanMemory(const std::vector<BufferRequest>& requests, int64_t alignment) {
  MemoryPlan plan;
  plan.offsets.assign(requests.size(), 0);
  auto aligned = [alignment](int64_t bytes) {
    return (bytes + alignment - 1) / alignment * alignment;
  };
  std::vector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return requests[a].bytes > requests[b].bytes; });
  std::vector<size_t> placed;
  for (size_t index : order) {
    const BufferRequest& request = requests[index];
    plan.naive_bytes += aligned(request.bytes);
    // Intervals of conflicting buffers, sorted by offset; take the first gap that fits.
    std::vector<std::pair<int64_t, int64_t>> busy;
    for (size_t other : placed) {
      const BufferRequest& o = requests[other];
      if (o.last_step < request.first_step || request.last_step < o.first_step) continue;
      busy.emplace_back(plan.offsets[other], plan.offsets[other] + aligned(o.bytes));
    }
    std::sort(busy.begin(), busy.end());
    int64_t offset = 0;
    for (const auto& [begin, end] : busy) {
      if (offset + aligned(request.bytes) <= begin) break;
      offset = std::max(offset, end);
    }
    plan.offsets[index] = offset;
    plan.arena_bytes = std::max(plan.arena_bytes, offset + aligned(request.bytes));
    placed.push_back(index);
  }
  return plan;
}

}  // namespace mb::runtime
