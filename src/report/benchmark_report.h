// Formats a `modelbench benchmark` result: text for people, JSON (schema
// "modelbench.benchmark/1", docs/report_formats.md) and CSV (one row per node, then a total).
// The caller measures and resolves everything; this file only divides (GFLOP/s, % of peak).
#ifndef MODELBENCH_REPORT_BENCHMARK_REPORT_H_
#define MODELBENCH_REPORT_BENCHMARK_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/memory_summary.h"
#include "analysis/roofline.h"

namespace mb::report {

inline constexpr const char* kBenchmarkSchema = "modelbench.benchmark/1";

struct LatencySummary {
  int64_t runs = 0;
  double mean_ms = 0, min_ms = 0, max_ms = 0, p50_ms = 0, p90_ms = 0, p99_ms = 0;
};

struct BenchmarkInput {
  std::string name;
  std::string dtype;
  std::vector<int64_t> shape;
};

// One executed node. A node fused into its producer computes nothing itself (about 0 us):
// its time is in the producer's row.
struct BenchmarkNode {
  std::string name;
  std::string op_type;
  double mean_us = 0;  // mean over the measured runs
  int64_t flops = 0;   // full convention; 0 where no formula counts the op
  int64_t activation_bytes = 0;
  std::optional<analysis::RooflineTime> projected;  // with a target
};

struct BenchmarkReport {
  std::string model;
  int num_threads = 1;
  std::vector<BenchmarkInput> inputs;
  double load_ms = 0, prepare_ms = 0, first_run_ms = 0;
  int64_t warmup_runs = 0;
  LatencySummary latency;
  int64_t batch = 1;
  analysis::MemorySummary memory;
  int64_t flops = 0;                 // per run, every counted node
  double peak_gflops = 0;            // this machine at num_threads; 0: unknown
  std::string peak_source;           // "measured" or "--peak"
  std::vector<BenchmarkNode> nodes;  // in execution order
  std::optional<analysis::Device> target;
  double projected_s = 0;  // with a target: sum of the nodes' projected times
};

std::string BenchmarkToText(const BenchmarkReport& report);
std::string BenchmarkToJson(const BenchmarkReport& report);
std::string BenchmarkToCsv(const BenchmarkReport& report);

// Helpers shared with the compare report.
std::string FormatFixed(double value, int decimals);
std::string CsvQuote(const std::string& text);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_BENCHMARK_REPORT_H_
