// How `benchmark` and `compare` measure: a clock they read through an interface (so tests
// get deterministic timings), one timed and profiled run, the per-node rows of a report, and
// a progress line on stderr.
//
// The fake clock (tests only): with MODELBENCH_FAKE_CLOCK=1 in the environment, every clock
// read advances time by exactly 1 ms, and each run still computes for real but reports fixed
// step times, step s of a session's run r taking (10 + 5 * (s % 3) + r % 4) us, so load,
// prepare, latency and the per-node table are the same on every machine.
#ifndef MODELBENCH_TOOLS_MODELBENCH_MEASURE_H_
#define MODELBENCH_TOOLS_MODELBENCH_MEASURE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "analysis/roofline.h"
#include "base/status.h"
#include "profiling/stats.h"
#include "report/benchmark_report.h"
#include "report/trace_report.h"
#include "runtime/session.h"

namespace mb::tools {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowNs() = 0;
  // Fake clocks replace a run's measured step times (see the file comment).
  virtual bool fake() const { return false; }
  virtual void Advance(int64_t /*ns*/) {}
};

// steady_clock, or the fake clock when MODELBENCH_FAKE_CLOCK is set.
std::unique_ptr<Clock> MakeClock();

double MillisecondsBetween(int64_t start_ns, int64_t end_ns);

// Runs `session` once with per-step timing. `run_index` counts this session's runs (the fake
// clock's step pattern depends on it). Adds each step's time to `step_total_ns` (resized to
// the steps) when given; `run` (when given) receives the run's start on `clock` and its step
// times, for the trace and HTML reports.
Status TimedRun(runtime::Session& session, Clock& clock, int64_t run_index, double* ms,
                std::vector<int64_t>* step_total_ns = nullptr, report::TraceRun* run = nullptr);

report::LatencySummary Summarize(const profiling::Percentiles& latency_ms);

// The per-node rows: each step's mean time over `runs`, its FLOPs (full convention on the
// session's graph) and output bytes, and its projection on `target` if given. Returns the
// model's FLOPs per run in *flops and the projected sum in *projected_s.
std::vector<report::BenchmarkNode> NodeRows(const runtime::Session& session,
                                            const std::vector<int64_t>& step_total_ns, int64_t runs,
                                            const std::optional<analysis::Device>& target,
                                            int64_t* flops, double* projected_s);

// "--peak=GFLOPS" if given (error if not a positive number), else this machine's peak at
// `threads` threads, measured once (about a second).
StatusOr<double> PeakGflops(const std::string& peak_option, int threads, std::string* source);

// A one-line progress indicator on stderr, redrawn at most every 100 ms and erased by Done()
// or the destructor; silent unless `enabled` (stderr is a terminal).
class Progress {
 public:
  Progress(std::ostream& err, bool enabled, std::string label, int64_t total);
  ~Progress() { Done(); }
  void Update(int64_t done);
  void Done();

 private:
  std::ostream& err_;
  bool enabled_;
  std::string label_;
  int64_t total_;
  int64_t last_draw_ns_ = 0;
  bool drawn_ = false;
};

// Whether stderr is a terminal (progress is shown only then).
bool StderrIsTerminal();

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_MODELBENCH_MEASURE_H_
