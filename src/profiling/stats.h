// Statistics over repeated runs: TensorFlow's Stat<T> (count, first, curr, min, max, mean,
// std, with TF's exact one-line text), Percentiles for modelbench's own reports, and the
// per-node StatsCalculator that a benchmark feeds run by run, as TF's StatSummarizer feeds
// its StatsCalculator (shared/spec/tf-tools.md 3.1 and 3.2). Formatting the TF tables lives in
// report/tf_stats_report.h; nothing here prints more than one Stat line.
#ifndef MODELBENCH_PROFILING_STATS_H_
#define MODELBENCH_PROFILING_STATS_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

namespace mb::profiling {

// Running statistics over a stream of values, with the semantics of TF's `tsl::Stat<T>`
// (spec 3.2). Only the sum of squares is kept besides the summary values, so the standard
// deviation is the population one, computed as TF does (see variance()).
template <typename T>
class Stat {
  static_assert(std::is_arithmetic_v<T>, "Stat<T> needs an arithmetic T");

 public:
  void UpdateStat(T value) {
    if (count_ == 0) first_ = value;
    newest_ = value;
    max_ = std::max(value, max_);
    min_ = std::min(value, min_);
    ++count_;
    sum_ += value;
    squared_sum_ += static_cast<double>(value) * value;
  }

  void Reset() { *this = Stat(); }

  bool empty() const { return count_ == 0; }
  T first() const { return first_; }
  T newest() const { return newest_; }
  // On an empty Stat, min() is numeric_limits<T>::max() and max() is numeric_limits<T>::lowest().
  T min() const { return min_; }
  T max() const { return max_; }
  int64_t count() const { return count_; }
  T sum() const { return sum_; }
  double squared_sum() const { return squared_sum_; }

  // True when empty or when every value was equal.
  bool all_same() const { return count_ == 0 || min_ == max_; }

  // sum / count as a double; NaN when empty.
  double avg() const {
    return empty() ? std::numeric_limits<double>::quiet_NaN()
                   : static_cast<double>(sum_) / static_cast<double>(count_);
  }

  // Population variance squared_sum/count - avg^2, converted to T (so truncated for integer
  // T), exactly as TF computes it; 0 when all_same(). A negative result of rounding error is
  // clamped to 0.
  T variance() const {
    if (all_same()) return T{0};
    const double mean = avg();
    const double variance = squared_sum_ / static_cast<double>(count_) - mean * mean;
    return variance > 0 ? static_cast<T>(variance) : T{0};
  }

  // sqrt(variance()), converted to T again: an integer for integer T.
  T std_deviation() const {
    if (all_same()) return T{0};
    return static_cast<T>(std::sqrt(static_cast<double>(variance())));
  }

  // TF's one-line text (spec 3.2), written with the stream's current flags (TF writes into a
  // fresh stream, so avg appears in default format: 6 significant digits, e.g. 1.23457e+06):
  //   count=0
  //   count=<n> curr=<v>                 (all same; "(all same)" appended when n > 1)
  //   count=<n> first=<f> curr=<c> min=<m> max=<M> avg=<a> std=<s>
  void OutputToStream(std::ostream* stream) const {
    if (empty()) {
      *stream << "count=0";
    } else if (all_same()) {
      *stream << "count=" << count_ << " curr=" << newest_;
      if (count_ > 1) *stream << "(all same)";
    } else {
      *stream << "count=" << count_ << " first=" << first_ << " curr=" << newest_ << " min=" << min_
              << " max=" << max_ << " avg=" << avg() << " std=" << std_deviation();
    }
  }

  friend std::ostream& operator<<(std::ostream& stream, const Stat& stat) {
    stat.OutputToStream(&stream);
    return stream;
  }

 private:
  T first_ = 0;
  T newest_ = 0;
  // TF starts max_ at numeric_limits<T>::min(), which for floating T is the smallest positive
  // value; lowest() gives the same for integers and a correct max for negative doubles.
  T max_ = std::numeric_limits<T>::lowest();
  T min_ = std::numeric_limits<T>::max();
  int64_t count_ = 0;
  T sum_ = 0;
  double squared_sum_ = 0;
};

// Keeps every sample (as double: int64 microsecond or byte counts are exact up to 2^53) to
// answer percentile queries for modelbench's own reports. TF's tools print no percentiles.
//
// Percentile(p) interpolates linearly between the two closest ranks, like numpy.percentile's
// default method "linear": with the n samples sorted as x[0] <= ... <= x[n-1],
//   r = p / 100 * (n - 1),  i = floor(r),  result = x[i] + (r - i) * (x[i + 1] - x[i]).
// So p50 of {1, 2, 3, 4} is 2.5, and p0 / p100 are the minimum / maximum.
class Percentiles {
 public:
  // REQUIRES: `value` is not NaN.
  void Add(double value) { samples_.push_back(value); }
  void Reset() { samples_.clear(); }

  bool empty() const { return samples_.empty(); }
  int64_t count() const { return static_cast<int64_t>(samples_.size()); }
  // In the order they were added.
  const std::vector<double>& samples() const { return samples_; }

  // `percent` is in [0, 100]; values outside are clamped to it. NaN when empty (or when
  // `percent` is NaN). O(n).
  double Percentile(double percent) const;
  double p50() const { return Percentile(50); }
  double p90() const { return Percentile(90); }
  double p99() const { return Percentile(99); }

 private:
  std::vector<double> samples_;
};

// Everything recorded for one node (TF's StatsCalculator::Detail). `type`, `name` and
// `run_order` are fixed by the first AddNodeStats for the name.
struct NodeStatsDetail {
  std::string name;
  std::string type;
  // 1-based position of the node's entry in the run where it was first seen; it counts every
  // entry of that run, so a node executed twice in one run moves later nodes on by two.
  int64_t run_order = 0;
  Stat<int64_t> elapsed_time;  // Microseconds, one sample per execution.
  Stat<int64_t> mem_used;      // Bytes, one sample per execution.
  int64_t times_called = 0;    // Executions over all runs.
};

// Accumulates per-node and per-run statistics the way TF's StatSummarizer::ProcessStepStats
// feeds tsl::StatsCalculator (spec 3.1, steps 5-9), without StepStats protos. For each run the
// caller calls AddNodeStats once per node execution, in execution order, then
// UpdateRunTotalUs(sum of the node times) and UpdateMemoryUsed(sum of the node bytes).
class StatsCalculator {
 public:
  // The first call for `name` fixes its type and run order; every call adds one sample to its
  // elapsed time and memory and increments its times_called.
  void AddNodeStats(const std::string& name, const std::string& type, int64_t run_order,
                    int64_t elapsed_time_us, int64_t mem_used_bytes);

  // Close a run: its summed node time and summed node memory.
  void UpdateRunTotalUs(int64_t run_total_us) { run_total_us_.UpdateStat(run_total_us); }
  void UpdateMemoryUsed(int64_t memory_bytes) { memory_.UpdateStat(memory_bytes); }

  void Reset() { *this = StatsCalculator(); }

  // Runs closed so far: run_total_us().count().
  int64_t num_runs() const { return run_total_us_.count(); }
  const Stat<int64_t>& run_total_us() const { return run_total_us_; }
  const Stat<int64_t>& memory() const { return memory_; }
  // Keyed (and so ordered) by node name.
  const std::map<std::string, NodeStatsDetail>& details() const { return details_; }

 private:
  Stat<int64_t> run_total_us_;
  Stat<int64_t> memory_;
  std::map<std::string, NodeStatsDetail> details_;
};

// Which TF tables to print and how many rows (TF's StatSummarizerOptions, with its defaults).
// A limit of 0 (or less) means all rows.
struct StatSummarizerOptions {
  bool show_run_order = true;
  int run_order_limit = 0;
  bool show_time = true;
  int time_limit = 10;
  bool show_memory = true;
  int memory_limit = 10;
  bool show_type = true;
  bool show_summary = true;
  bool format_as_csv = false;
};

}  // namespace mb::profiling

#endif  // MODELBENCH_PROFILING_STATS_H_
