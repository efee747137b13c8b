// This machine's peak FP32 throughput and memory bandwidth (profiling/peak.h, the same
// measurement as `modelbench peak`), on 1 thread and on every core.
// Prints the median of several rounds. Usage: peak_flops [ROUNDS=5]
#include <omp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "profiling/peak.h"

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  if (!mb::profiling::PeakSupported()) {
    std::fprintf(stderr, "peak_flops: this CPU has no AVX2+FMA\n");
    return 1;
  }
  const int cores = omp_get_num_procs();
  constexpr int64_t kIterations = 50'000'000;
  std::vector<double> one, all, one512, all512;
  const bool avx512 = __builtin_cpu_supports("avx512f");
  for (int r = 0; r < rounds; ++r) {  // interleaved, so drift affects every variant alike
    one.push_back(mb::profiling::MeasureFmaGflops(1, 8, kIterations));
    all.push_back(mb::profiling::MeasureFmaGflops(cores, 8, kIterations));
    if (avx512) {
      one512.push_back(mb::profiling::MeasureFmaGflops(1, 16, kIterations));
      all512.push_back(mb::profiling::MeasureFmaGflops(cores, 16, kIterations));
    }
  }
  using mb::profiling::Median;
  std::printf("FMA throughput, median of %d rounds:\n", rounds);
  std::printf("  AVX2:    1 thread %.1f GFLOP/s, %d threads %.1f GFLOP/s\n", Median(one), cores,
              Median(all));
  if (avx512) {
    std::printf("  AVX-512: 1 thread %.1f GFLOP/s, %d threads %.1f GFLOP/s\n", Median(one512),
                cores, Median(all512));
  }
  mb::profiling::PeakOptions options;
  options.rounds = rounds;
  options.fma_iterations = kIterations;
  const mb::profiling::PeakResult peak = mb::profiling::MeasurePeak(options);
  std::printf("peak FP32:\n  1 thread:   %.1f GFLOP/s\n  %d threads: %.1f GFLOP/s\n",
              peak.gflops_one, peak.threads, peak.gflops_all);
  std::printf(
      "memory bandwidth (triad / copy):\n  1 thread:   %.1f / %.1f GB/s\n"
      "  %d threads: %.1f / %.1f GB/s\n",
      peak.triad_gbps_one, peak.copy_gbps_one, peak.threads, peak.triad_gbps_all,
      peak.copy_gbps_all);
  return 0;
}
