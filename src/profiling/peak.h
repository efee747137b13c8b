// This machine's peak FP32 arithmetic throughput and memory bandwidth, measured: the
// ceilings that achieved GFLOP/s are compared against (`modelbench peak`, `benchmark`'s
// "% of peak", bench/peak_flops).
//
// Compute: independent chains of fused multiply-adds, enough of them to hide the FMA latency,
// with AVX2 (8 lanes) and, where the CPU has it, AVX-512 (16 lanes); the peak is the faster
// ISA, since oneDNN uses AVX-512 where it exists. Bandwidth: STREAM's triad a = b + s * c and
// copy a = b over arrays far larger than the caches, counting the bytes the program reads and
// writes (12 per triad element, 8 per copy element), as STREAM does.
#ifndef MODELBENCH_PROFILING_PEAK_H_
#define MODELBENCH_PROFILING_PEAK_H_

#include <cstdint>
#include <vector>

namespace mb::profiling {

struct PeakOptions {
  int rounds = 3;  // each figure is the median over this many interleaved rounds
  // FMA iterations per thread and round: 12 chains x 8 or 16 lanes x 2 FLOPs each.
  int64_t fma_iterations = 20'000'000;
  // Bytes of each of the three bandwidth arrays (64 MiB: well past any L3 of today).
  int64_t bandwidth_array_bytes = int64_t{64} << 20;
  int threads = 0;  // "all cores": 0 means every processor OpenMP sees
};

struct PeakResult {
  int threads = 1;        // how many "all cores" used
  bool avx512 = false;    // whether the AVX-512 loop ran (and may have set the peak)
  double gflops_one = 0;  // FP32 GFLOP/s, 1 thread
  double gflops_all = 0;  // FP32 GFLOP/s, `threads` threads
  double triad_gbps_one = 0, triad_gbps_all = 0;  // GB/s (1e9 bytes), triad
  double copy_gbps_one = 0, copy_gbps_all = 0;    // GB/s, copy
};

// True when the CPU has AVX2 and FMA (the compute loop needs them).
bool PeakSupported();

// GFLOP/s of `threads` threads each running one FMA loop of `lanes` (8 or 16) lanes.
// REQUIRES: PeakSupported(), and lanes == 16 only where the CPU has AVX-512F.
double MeasureFmaGflops(int threads, int lanes, int64_t iterations);

// Peak FP32 GFLOP/s on `threads` threads: the better of AVX2 and AVX-512, median of `rounds`.
// 0 when !PeakSupported().
double MeasurePeakGflops(int threads, int rounds = 1, int64_t iterations = 20'000'000);

// The full measurement; a few seconds at the defaults.
PeakResult MeasurePeak(const PeakOptions& options = {});

double Median(std::vector<double> values);

}  // namespace mb::profiling

#endif  // MODELBENCH_PROFILING_PEAK_H_
