// `modelbench benchmark --trace=FILE --html=FILE`: a profiled pass over a prepared session
// (per-step times), then the Chrome trace (report/trace_report.h) and the HTML report
// (report/html_report.h), each written atomically.
#ifndef MODELBENCH_TOOLS_MODELBENCH_PROFILE_REPORTS_H_
#define MODELBENCH_TOOLS_MODELBENCH_PROFILE_REPORTS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "runtime/session.h"

namespace mb::tools {

struct ProfileReportOptions {
  std::string trace_path;  // empty: no trace
  std::string html_path;   // empty: no HTML report
  std::string model_path;  // as given on the command line
  int num_threads = 1;
  // Profiled runs; the caller passes as many as it measured. At most kMaxProfiledRuns run.
  int64_t runs = 1;
  // The benchmark's own figures (latency, throughput, ...), shown first among the HTML
  // report's model facts.
  std::vector<std::pair<std::string, std::string>> facts;
};

inline constexpr int64_t kMaxProfiledRuns = 100;

// Runs `session` (prepared, inputs filled) options.runs times with per-step timing. The pass
// is separate from the measured runs, so profiling never touches the reported latencies.
Status WriteProfileReports(runtime::Session& session, const ProfileReportOptions& options);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_MODELBENCH_PROFILE_REPORTS_H_
