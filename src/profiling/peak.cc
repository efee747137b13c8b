#include "profiling/peak.h"

#include <immintrin.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace mb::profiling {
namespace {

constexpr int kChains = 12;  // >= FMA latency (4-5 cycles) x FMA ports (2)

// Runs iterations x kChains FMAs; returns a value so the work cannot be optimised away.
__attribute__((target("avx2,fma"))) float FmaLoop256(float seed, int64_t iterations) {
  __m256 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm256_set1_ps(seed + static_cast<float>(i));
  const __m256 a = _mm256_set1_ps(0.999999f);
  const __m256 b = _mm256_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  }
  __m256 sum = acc[0];
  for (int i = 1; i < kChains; ++i) sum = _mm256_add_ps(sum, acc[i]);
  float out[8];
  _mm256_storeu_ps(out, sum);
  return out[0] + out[7];
}

__attribute__((target("avx512f"))) float FmaLoop512(float seed, int64_t iterations) {
  __m512 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm512_set1_ps(seed + static_cast<float>(i));
  const __m512 a = _mm512_set1_ps(0.999999f);
  const __m512 b = _mm512_set1_ps(1e-7f);
  for (int64_t it = 0; it < iterations; ++it) {
    for (int i = 0; i < kChains; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  }
  __m512 sum = acc[0];
  for (int i = 1; i < kChains; ++i) sum = _mm512_add_ps(sum, acc[i]);
  float out[16];
  _mm512_storeu_ps(out, sum);
  return out[0] + out[15];
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool HasAvx512() { return __builtin_cpu_supports("avx512f"); }

// Arrays for the bandwidth loops, 64-byte aligned, first touched by the threads that stream
// them (static schedule both times), so pages sit near those threads.
struct Arrays {
  struct Free {
    void operator()(float* p) const { std::free(p); }
  };
  std::unique_ptr<float, Free> a, b, c;
  int64_t n = 0;
};

Arrays MakeArrays(int64_t bytes, int threads) {
  Arrays arrays;
  arrays.n = std::max<int64_t>(bytes / 4 / 16 * 16, 16);
  const size_t size = static_cast<size_t>(arrays.n) * 4;
  arrays.a.reset(static_cast<float*>(std::aligned_alloc(64, size)));
  arrays.b.reset(static_cast<float*>(std::aligned_alloc(64, size)));
  arrays.c.reset(static_cast<float*>(std::aligned_alloc(64, size)));
  float *a = arrays.a.get(), *b = arrays.b.get(), *c = arrays.c.get();
  const int64_t n = arrays.n;
#pragma omp parallel for schedule(static) num_threads(threads)
  for (int64_t i = 0; i < n; ++i) {
    a[i] = 0.0f;
    b[i] = 1.0f;
    c[i] = 2.0f;
  }
  return arrays;
}

// GB/s of one triad (a = b + s * c: 12 bytes per element) or copy (a = b: 8 bytes) pass.
double StreamPass(Arrays& arrays, int threads, bool triad) {
  float *a = arrays.a.get(), *b = arrays.b.get(), *c = arrays.c.get();
  const int64_t n = arrays.n;
  const float s = 3.0f;
  const auto start = std::chrono::steady_clock::now();
  if (triad) {
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int64_t i = 0; i < n; ++i) a[i] = b[i] + s * c[i];
  } else {
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int64_t i = 0; i < n; ++i) a[i] = b[i];
  }
  const double seconds = Seconds(start);
  // Keep the stores observable.
  volatile float sink = a[n / 2];
  (void)sink;
  return static_cast<double>(n) * (triad ? 12.0 : 8.0) / seconds / 1e9;
}

}  // namespace

bool PeakSupported() { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"); }

double MeasureFmaGflops(int threads, int lanes, int64_t iterations) {
  float sink = 0;
  const auto start = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(threads) reduction(+ : sink)
  {
    const float seed = static_cast<float>(omp_get_thread_num());
    sink += lanes == 16 ? FmaLoop512(seed, iterations) : FmaLoop256(seed, iterations);
  }
  const double seconds = Seconds(start);
  volatile float observed = sink;  // keeps the result, so the loops, observable
  (void)observed;
  const double flops = 2.0 * lanes * kChains * static_cast<double>(iterations) * threads;
  return flops / seconds / 1e9;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double MeasurePeakGflops(int threads, int rounds, int64_t iterations) {
  if (!PeakSupported()) return 0;
  std::vector<double> avx2, avx512;
  for (int r = 0; r < std::max(rounds, 1); ++r) {
    avx2.push_back(MeasureFmaGflops(threads, 8, iterations));
    if (HasAvx512()) avx512.push_back(MeasureFmaGflops(threads, 16, iterations));
  }
  return std::max(Median(avx2), Median(avx512));
}

PeakResult MeasurePeak(const PeakOptions& options) {
  PeakResult result;
  result.threads = options.threads > 0 ? options.threads : omp_get_num_procs();
  result.avx512 = PeakSupported() && HasAvx512();
  const int rounds = std::max(options.rounds, 1);
  // Interleaved rounds, so drift (turbo, other load) affects every figure alike.
  std::vector<double> one, all, triad_one, triad_all, copy_one, copy_all;
  Arrays arrays = MakeArrays(options.bandwidth_array_bytes, result.threads);
  for (int r = 0; r < rounds; ++r) {
    if (PeakSupported()) {
      one.push_back(MeasurePeakGflops(1, 1, options.fma_iterations));
      all.push_back(MeasurePeakGflops(result.threads, 1, options.fma_iterations));
    }
    triad_one.push_back(StreamPass(arrays, 1, true));
    triad_all.push_back(StreamPass(arrays, result.threads, true));
    copy_one.push_back(StreamPass(arrays, 1, false));
    copy_all.push_back(StreamPass(arrays, result.threads, false));
  }
  result.gflops_one = Median(one);
  result.gflops_all = Median(all);
  result.triad_gbps_one = Median(triad_one);
  result.triad_gbps_all = Median(triad_all);
  result.copy_gbps_one = Median(copy_one);
  result.copy_gbps_all = Median(copy_all);
  return result;
}

}  // namespace mb::profiling
