// This machine's peak FP32 throughput: independent chains of AVX2 fused multiply-adds (one
// FMA = 2 FLOPs x 8 lanes), enough chains to cover the FMA latency, on 1 thread and on every
// core. Prints the median of several rounds. Usage: peak_flops [ROUNDS=5]
#include <immintrin.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

constexpr int kChains = 12;  // >= FMA latency (4-5 cycles) x FMA ports (2)
constexpr int64_t kIterations = 50'000'000;

// Runs kIterations x kChains FMAs; returns a value so the work cannot be optimised away.
__attribute__((target("avx2,fma"))) float FmaLoop(float seed) {
  __m256 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm256_set1_ps(seed + i);
  const __m256 a = _mm256_set1_ps(0.999999f);
  const __m256 b = _mm256_set1_ps(1e-7f);
  for (int64_t it = 0; it < kIterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  }
  __m256 sum = acc[0];
  for (int i = 1; i < kChains; ++i) sum = _mm256_add_ps(sum, acc[i]);
  float out[8];
  _mm256_storeu_ps(out, sum);
  return out[0] + out[7];
}

// GFLOP/s of `threads` threads each running FmaLoop once.
double Measure(int threads) {
  float sink = 0;
  const auto start = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(threads)
  {
    const float result = FmaLoop(static_cast<float>(omp_get_thread_num()));
#pragma omp atomic
    sink += result;
  }
  if (sink == 12345.0f) std::printf(" ");  // keeps the result observable
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double flops = 2.0 * 8 * kChains * static_cast<double>(kIterations) * threads;
  return flops / seconds / 1e9;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
    std::fprintf(stderr, "peak_flops: this CPU has no AVX2+FMA\n");
    return 1;
  }
  const int cores = omp_get_num_procs();
  std::vector<double> one, all;
  for (int r = 0; r < rounds; ++r) {  // interleaved, so drift affects both alike
    one.push_back(Measure(1));
    all.push_back(Measure(cores));
  }
  std::printf("peak FP32 (AVX2 FMA), median of %d rounds:\n", rounds);
  std::printf("  1 thread:   %.1f GFLOP/s\n", Median(one));
  std::printf("  %d threads: %.1f GFLOP/s\n", cores, Median(all));
  return 0;
}
