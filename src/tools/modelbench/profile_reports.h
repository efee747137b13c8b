// `modelbench benchmark --trace=FILE --html=FILE`: the Chrome trace (report/trace_report.h) and
// the HTML report (report/html_report.h) of the benchmark's measured runs, whose per-step
// times the benchmark keeps (every run is profiled per step; no second pass runs the model).
// Each file is written atomically.
#ifndef MODELBENCH_TOOLS_MODELBENCH_PROFILE_REPORTS_H_
#define MODELBENCH_TOOLS_MODELBENCH_PROFILE_REPORTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "report/trace_report.h"
#include "runtime/session.h"

namespace mb::tools {

struct ProfileReportOptions {
  std::string trace_path;  // empty: no trace
  std::string html_path;   // empty: no HTML report
  std::string model_path;  // as given on the command line
  int num_threads = 1;
  // The benchmark's own figures (latency, throughput, ...), shown first among the HTML
  // report's model facts.
  std::vector<std::pair<std::string, std::string>> facts;
};

// How many measured runs the reports keep (the trace grows with every run).
inline constexpr int64_t kMaxProfiledRuns = 100;

// `runs` are measured runs of `session` in order: each one's start (on any clock) and step
// times. Writes nothing when neither path is set.
Status WriteProfileReports(const runtime::Session& session, std::vector<report::TraceRun> runs,
                           const ProfileReportOptions& options);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_MODELBENCH_PROFILE_REPORTS_H_
