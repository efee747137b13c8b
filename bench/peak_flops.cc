// This machine's peak FP32 throughput: independent chains of fused multiply-adds, enough to
// cover the FMA latency, with AVX2 (8 lanes) and, where the CPU has it, AVX-512 (16 lanes),
// on 1 thread and on every core. The peak is the faster ISA: oneDNN uses AVX-512 where it
// exists, so an AVX2-only figure would understate what kernels can reach.
// Prints the median of several rounds. Usage: peak_flops [ROUNDS=5]
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

__attribute__((target("avx512f"))) float FmaLoop512(float seed) {
  __m512 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm512_set1_ps(seed + i);
  const __m512 a = _mm512_set1_ps(0.999999f);
  const __m512 b = _mm512_set1_ps(1e-7f);
  for (int64_t it = 0; it < kIterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  }
  __m512 sum = acc[0];
  for (int i = 1; i < kChains; ++i) sum = _mm512_add_ps(sum, acc[i]);
  float out[16];
  _mm512_storeu_ps(out, sum);
  return out[0] + out[15];
}

// GFLOP/s of `threads` threads each running one FMA loop of `lanes` lanes (8 or 16).
double Measure(int threads, int lanes) {
  float sink = 0;
  const auto start = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(threads)
  {
    const float seed = static_cast<float>(omp_get_thread_num());
    const float result = lanes == 16 ? FmaLoop512(seed) : FmaLoop(seed);
#pragma omp atomic
    sink += result;
  }
  if (sink == 12345.0f) std::printf(" ");  // keeps the result observable
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double flops = 2.0 * lanes * kChains * static_cast<double>(kIterations) * threads;
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
  const bool avx512 = __builtin_cpu_supports("avx512f");
  std::vector<double> one, all, one512, all512;
  for (int r = 0; r < rounds; ++r) {  // interleaved, so drift affects every variant alike
    one.push_back(Measure(1, 8));
    all.push_back(Measure(cores, 8));
    if (avx512) {
      one512.push_back(Measure(1, 16));
      all512.push_back(Measure(cores, 16));
    }
  }
  std::printf("FMA throughput, median of %d rounds:\n", rounds);
  std::printf("  AVX2:    1 thread %.1f GFLOP/s, %d threads %.1f GFLOP/s\n", Median(one), cores,
              Median(all));
  double peak1 = Median(one), peakn = Median(all);
  if (avx512) {
    std::printf("  AVX-512: 1 thread %.1f GFLOP/s, %d threads %.1f GFLOP/s\n", Median(one512),
                cores, Median(all512));
    peak1 = std::max(peak1, Median(one512));
    peakn = std::max(peakn, Median(all512));
  }
  std::printf("peak FP32:\n");
  std::printf("  1 thread:   %.1f GFLOP/s\n", peak1);
  std::printf("  %d threads: %.1f GFLOP/s\n", cores, peakn);
  return 0;
}
