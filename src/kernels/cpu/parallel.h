// ParallelFor: the one way our own kernels use the OpenMP pool. Small loops run inline,
// because forking a team (even of one thread) costs microseconds, more than streaming a
// few thousand floats.
#ifndef MODELBENCH_KERNELS_CPU_PARALLEL_H_
#define MODELBENCH_KERNELS_CPU_PARALLEL_H_

#include <omp.h>

#include <algorithm>
#include <cstdint>

namespace mb::kernels {

// Total elements below which a loop runs on the calling thread alone.
inline constexpr int64_t kParallelElements = int64_t{1} << 16;

// Calls body(begin, end) over [0, count) in contiguous blocks; `elements_per_item` says how
// much work one index is, to decide whether threads are worth it.
template <typename Body>
void ParallelFor(int64_t count, int64_t elements_per_item, Body body) {
  const int threads = omp_get_max_threads();
  if (threads == 1 || count < 2 || count * elements_per_item <= kParallelElements) {
    body(int64_t{0}, count);
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    const int64_t team = omp_get_num_threads();
    const int64_t id = omp_get_thread_num();
    const int64_t begin = count * id / team;
    const int64_t end = count * (id + 1) / team;
    if (begin < end) body(begin, end);
  }
}

}  // namespace mb::kernels

#endif  // MODELBENCH_KERNELS_CPU_PARALLEL_H_
