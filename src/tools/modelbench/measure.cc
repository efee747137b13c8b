#include "tools/modelbench/measure.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>

#include "analysis/cost_analysis.h"
#include "profiling/peak.h"

namespace mb::tools {
namespace {

class SteadyClock : public Clock {
 public:
  int64_t NowNs() override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
};

class FakeClock : public Clock {
 public:
  int64_t NowNs() override { return now_ns_ += 1'000'000; }
  bool fake() const override { return true; }
  void Advance(int64_t ns) override { now_ns_ += ns; }

 private:
  int64_t now_ns_ = 0;
};

int64_t SteadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::unique_ptr<Clock> MakeClock() {
  const char* fake = std::getenv("MODELBENCH_FAKE_CLOCK");
  if (fake != nullptr && *fake != '\0' && std::string(fake) != "0") {
    return std::make_unique<FakeClock>();
  }
  return std::make_unique<SteadyClock>();
}

double MillisecondsBetween(int64_t start_ns, int64_t end_ns) {
  return static_cast<double>(end_ns - start_ns) / 1e6;
}

Status TimedRun(runtime::Session& session, Clock& clock, int64_t run_index, double* ms,
                std::vector<int64_t>* step_total_ns, report::TraceRun* run) {
  runtime::RunProfile profile;
  const int64_t start = clock.NowNs();
  RETURN_IF_ERROR(session.Run(&profile));
  if (clock.fake()) {
    int64_t sum = 0;
    for (size_t s = 0; s < profile.step_ns.size(); ++s) {
      profile.step_ns[s] = (10 + 5 * static_cast<int64_t>(s % 3) + run_index % 4) * 1000;
      sum += profile.step_ns[s];
    }
    clock.Advance(sum);
  }
  *ms = MillisecondsBetween(start, clock.NowNs());
  if (step_total_ns != nullptr) {
    step_total_ns->resize(profile.step_ns.size(), 0);
    for (size_t s = 0; s < profile.step_ns.size(); ++s) (*step_total_ns)[s] += profile.step_ns[s];
  }
  if (run != nullptr) {
    run->start_ns = start;
    run->step_ns = std::move(profile.step_ns);
  }
  return OkStatus();
}

report::LatencySummary Summarize(const profiling::Percentiles& latency_ms) {
  report::LatencySummary summary;
  summary.runs = latency_ms.count();
  if (latency_ms.empty()) return summary;
  double sum = 0;
  summary.min_ms = summary.max_ms = latency_ms.samples()[0];
  for (double v : latency_ms.samples()) {
    sum += v;
    summary.min_ms = std::min(summary.min_ms, v);
    summary.max_ms = std::max(summary.max_ms, v);
  }
  summary.mean_ms = sum / static_cast<double>(summary.runs);
  summary.p50_ms = latency_ms.p50();
  summary.p90_ms = latency_ms.p90();
  summary.p99_ms = latency_ms.p99();
  return summary;
}

std::vector<report::BenchmarkNode> NodeRows(const runtime::Session& session,
                                            const std::vector<int64_t>& step_total_ns, int64_t runs,
                                            const std::optional<analysis::Device>& target,
                                            int64_t* flops, double* projected_s) {
  const ir::Graph& graph = session.graph();
  // The session's graph has every shape inferred; a node no formula counts has 0 FLOPs.
  std::map<ir::NodeId, analysis::NodeCost> costs;
  if (auto cost = analysis::AnalyzeCost(graph, analysis::FlopsConvention::kFull); cost.ok()) {
    for (const analysis::NodeCost& c : cost->nodes) costs[c.node] = c;
  }
  *flops = 0;
  *projected_s = 0;
  std::vector<report::BenchmarkNode> rows;
  const std::vector<runtime::Step>& steps = session.steps();
  for (size_t s = 0; s < steps.size(); ++s) {
    const ir::Node& node = graph.node(steps[s].node);
    report::BenchmarkNode row;
    row.name = node.name;
    row.op_type = node.op_type;
    row.mean_us = s < step_total_ns.size() && runs > 0
                      ? static_cast<double>(step_total_ns[s]) / 1e3 / static_cast<double>(runs)
                      : 0;
    auto it = costs.find(steps[s].node);
    if (it != costs.end()) {
      row.flops = it->second.flops;
      row.activation_bytes = it->second.activation_bytes;
      if (target) {
        row.projected = analysis::Roofline(
            static_cast<double>(it->second.flops),
            static_cast<double>(it->second.bytes_read + it->second.bytes_written), *target);
      }
    } else {
      row.activation_bytes = steps[s].output_bytes;
      if (target) row.projected = analysis::RooflineTime{};
    }
    *flops += row.flops;
    if (row.projected) *projected_s += row.projected->time_s;
    rows.push_back(std::move(row));
  }
  return rows;
}

StatusOr<double> PeakGflops(const std::string& peak_option, int threads, std::string* source) {
  if (!peak_option.empty()) {
    char* end = nullptr;
    const double value = std::strtod(peak_option.c_str(), &end);
    if (end != peak_option.c_str() + peak_option.size() || !(value > 0) || value > 1e9) {
      return InvalidArgumentError("--peak wants GFLOP/s, a positive number, not '" + peak_option +
                                  "'");
    }
    *source = "--peak";
    return value;
  }
  *source = "measured";
  return profiling::MeasurePeakGflops(threads, 1, 20'000'000);
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::ostream& err, bool enabled, std::string label, int64_t total)
    : err_(err), enabled_(enabled), label_(std::move(label)), total_(total) {}

void Progress::Update(int64_t done) {
  if (!enabled_) return;
  const int64_t now = SteadyNowNs();
  if (drawn_ && now - last_draw_ns_ < 100'000'000 && done < total_) return;
  last_draw_ns_ = now;
  drawn_ = true;
  // \r and "erase to end of line" (ESC [ K) redraw the line in place.
  err_ << "\r\033[K" << label_ << " " << done << "/" << total_;
  err_.flush();
}

void Progress::Done() {
  if (!enabled_ || !drawn_) return;
  err_ << "\r\033[K";
  err_.flush();
  drawn_ = false;
}

}  // namespace mb::tools
