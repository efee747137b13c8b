// Formats `modelbench compare`: two models side by side (parameters, FLOPs, memory, the
// op-type histogram difference) and, when both were measured, their latencies and the ratio
// B/A with its spread over interleaved rounds. Text, JSON (schema "modelbench.compare/1",
// docs/report_formats.md) and CSV (metric,a,b,b_over_a).
#ifndef MODELBENCH_REPORT_COMPARE_REPORT_H_
#define MODELBENCH_REPORT_COMPARE_REPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "analysis/memory_summary.h"
#include "report/benchmark_report.h"

namespace mb::report {

inline constexpr const char* kCompareSchema = "modelbench.compare/1";

struct CompareSide {
  std::string model;
  int64_t nodes = 0;  // that compute (not inputs, constants or folded subgraphs)
  int64_t parameters = 0;
  int64_t flops = 0;  // full convention
  int64_t macs = 0;
  analysis::MemorySummary memory;
  std::map<std::string, int64_t> op_types;  // op type (as in the file) -> such nodes
  std::optional<LatencySummary> latency;    // when measured
};

struct CompareReport {
  CompareSide a, b;
  int num_threads = 1;
  // When measured: the per-round ratio latency(B) / latency(A) over `rounds` rounds.
  int64_t rounds = 0;
  double ratio_p10 = 0, ratio_p50 = 0, ratio_p90 = 0;
};

std::string CompareToText(const CompareReport& report);
std::string CompareToJson(const CompareReport& report);
std::string CompareToCsv(const CompareReport& report);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_COMPARE_REPORT_H_
