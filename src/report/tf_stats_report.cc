#include "report/tf_stats_report.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>
#include <utility>

namespace mb::report {
namespace {

using profiling::NodeStatsDetail;
using profiling::StatsCalculator;

// Current (xla/tsl) width of the type column; legacy TF used 24 (spec 3.3).
constexpr int kNodeTypeWidth = 40;

std::string TitleLine(const std::string& title) {
  return "============================== " + title + " ==============================\n";
}

// TF's InitField: a tab, then the next value right-aligned in `width`, fixed with 3 decimals
// (integers and strings are unaffected by the precision; text longer than the width is not
// cut).
std::ostream& Field(std::ostream& stream, int width) {
  return stream << '\t' << std::right << std::setw(width) << std::fixed << std::setprecision(3);
}

// TF divides by the run count with integer division and crashes when node stats exist but no
// run was closed; we divide by 1 in that case instead.
int64_t RunDivisor(const StatsCalculator& stats) { return std::max<int64_t>(stats.num_runs(), 1); }

std::string MetricHeader(const std::string& title, bool format_as_csv) {
  std::ostringstream stream;
  stream << TitleLine(title);
  if (format_as_csv) {
    stream << "node type, first, avg_ms, %, cdf%, mem KB, times called, name";
  } else {
    // "[times called]" is 14 characters in a width of 9, so it gets no padding.
    Field(stream, kNodeTypeWidth) << "[node type]";
    Field(stream, 9) << "[first]";
    Field(stream, 9) << "[avg ms]";
    Field(stream, 8) << "[%]";
    Field(stream, 8) << "[cdf%]";
    Field(stream, 10) << "[mem KB]";
    Field(stream, 9) << "[times called]";
    stream << "\t[Name]";
  }
  stream << '\n';
  return stream.str();
}

// One row of a per-node table (TF's ColumnString). `cumulative_us` is the summed node time of
// the rows printed so far, this one included.
std::string MetricRow(const StatsCalculator& stats, const NodeStatsDetail& detail,
                      int64_t cumulative_us, bool format_as_csv) {
  const int64_t total_us = stats.run_total_us().sum();
  const double first_time_ms = static_cast<double>(detail.elapsed_time.first()) / 1000.0;
  const double avg_time_ms = detail.elapsed_time.avg() / 1000.0;
  const double percentage =
      static_cast<double>(detail.elapsed_time.sum()) * 100.0 / static_cast<double>(total_us);
  // TF computes the cdf as (int64 * 100.0f) / int64, which C++ evaluates in float.
  const double cdf_percentage =
      (static_cast<float>(cumulative_us) * 100.0f) / static_cast<float>(total_us);
  const double mem_kb = static_cast<double>(detail.mem_used.newest()) / 1000.0;
  const int64_t times_called = detail.times_called / RunDivisor(stats);

  std::ostringstream stream;
  if (format_as_csv) {
    std::string name = detail.name;
    std::replace(name.begin(), name.end(), ',', '\t');
    stream << detail.type << ", " << first_time_ms << ", " << avg_time_ms << ", " << percentage
           << "%, " << cdf_percentage << "%, " << mem_kb << ", " << times_called << ", " << name;
  } else {
    // The percentages use width 7 plus a literal '%', one less than their header's width 8.
    Field(stream, kNodeTypeWidth) << detail.type;
    Field(stream, 9) << first_time_ms;
    Field(stream, 9) << avg_time_ms;
    Field(stream, 7) << percentage << '%';
    Field(stream, 7) << cdf_percentage << '%';
    Field(stream, 10) << mem_kb;
    Field(stream, 9) << times_called;
    stream << '\t' << detail.name;
  }
  stream << '\n';
  return stream.str();
}

std::string SortKey(const NodeStatsDetail& detail, TfSortingMetric metric, int64_t num_nodes) {
  std::ostringstream stream;
  stream << std::setw(20) << std::right << std::setprecision(10) << std::fixed;
  switch (metric) {
    case TfSortingMetric::kRunOrder:
      stream << num_nodes - detail.run_order;
      break;
    case TfSortingMetric::kTime:
      stream << detail.elapsed_time.avg();
      break;
    case TfSortingMetric::kMemory:
      stream << detail.mem_used.avg();
      break;
  }
  return stream.str();
}

// Per-type totals of the node-type summary (TF's ComputeStatsByType maps).
struct TypeTotals {
  int64_t count = 0;
  int64_t time_us = 0;
  int64_t mem_bytes = 0;
  int64_t times_called = 0;
};

}  // namespace

std::string TfStatLine(const profiling::Stat<int64_t>& stat) {
  std::ostringstream stream;
  stat.OutputToStream(&stream);
  return stream.str();
}

std::vector<const NodeStatsDetail*> TfOrderNodesByMetric(const StatsCalculator& stats,
                                                         TfSortingMetric metric) {
  const int64_t num_nodes = static_cast<int64_t>(stats.details().size());
  std::vector<std::pair<std::string, const NodeStatsDetail*>> keyed;
  keyed.reserve(stats.details().size());
  for (const auto& [name, detail] : stats.details()) {
    keyed.emplace_back(SortKey(detail, metric, num_nodes), &detail);
  }
  // TF pops a max-priority-queue of (key string, Detail*): descending keys, equal keys by the
  // higher map-node address, which is arbitrary. Ours: equal keys by the smaller run_order,
  // then the smaller name (names are unique, so the order is total).
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    if (a.second->run_order != b.second->run_order) {
      return a.second->run_order < b.second->run_order;
    }
    return a.second->name < b.second->name;
  });
  std::vector<const NodeStatsDetail*> ordered;
  ordered.reserve(keyed.size());
  for (const auto& entry : keyed) ordered.push_back(entry.second);
  return ordered;
}

std::string TfStatsByMetric(const StatsCalculator& stats, const std::string& title,
                            TfSortingMetric metric, int num_stats, bool format_as_csv) {
  std::string out = MetricHeader(title, format_as_csv);
  int64_t cumulative_us = 0;
  int row = 0;
  for (const NodeStatsDetail* detail : TfOrderNodesByMetric(stats, metric)) {
    ++row;
    if (num_stats > 0 && row > num_stats) break;
    // The cdf always accumulates time, even in the memory table (a TODO in TF's source).
    cumulative_us += detail->elapsed_time.sum();
    out += MetricRow(stats, *detail, cumulative_us, format_as_csv);
  }
  out += '\n';
  return out;
}

std::string TfStatsByNodeType(const StatsCalculator& stats, bool format_as_csv) {
  std::ostringstream stream;
  stream << "Number of nodes executed: " << stats.details().size() << '\n';
  stream << TitleLine("Summary by node type");

  // Each node contributes its time per run truncated to an integer (int64 division), so the
  // type totals and the denominator are sums of truncated values, as in TF.
  const int64_t run_count = RunDivisor(stats);
  std::map<std::string, TypeTotals> by_type;
  int64_t accumulated_us = 0;
  for (const auto& [name, detail] : stats.details()) {
    const int64_t time_us = detail.elapsed_time.sum() / run_count;
    accumulated_us += time_us;
    TypeTotals& totals = by_type[detail.type];
    totals.count += 1;
    totals.time_us += time_us;
    totals.mem_bytes += detail.mem_used.newest();
    totals.times_called += detail.times_called / run_count;
  }

  // TF pops a max-priority-queue of (time, (type, mem)): descending time, then the
  // lexicographically larger type name (types are unique, so mem never decides).
  std::vector<std::pair<const std::string*, const TypeTotals*>> rows;
  rows.reserve(by_type.size());
  for (const auto& [type, totals] : by_type) rows.emplace_back(&type, &totals);
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.second->time_us != b.second->time_us) return a.second->time_us > b.second->time_us;
    return *a.first > *b.first;
  });

  if (format_as_csv) {
    stream << "node type, count, avg_ms, avg %, cdf %, mem KB, times called\n";
  } else {
    // Header widths differ from the row widths below (avg % and cdf % 11 vs 10 plus '%',
    // times called 10 vs 9), as in TF.
    Field(stream, kNodeTypeWidth) << "[Node type]";
    Field(stream, 9) << "[count]";
    Field(stream, 10) << "[avg ms]";
    Field(stream, 11) << "[avg %]";
    Field(stream, 11) << "[cdf %]";
    Field(stream, 10) << "[mem KB]";
    Field(stream, 10) << "[times called]";
    stream << '\n';
  }

  // TF does this arithmetic in float; the float values are then printed.
  float cdf = 0.0f;
  for (const auto& [type, totals] : rows) {
    const float memory_kb = static_cast<float>(totals->mem_bytes) / 1000.0f;
    const float time_ms = static_cast<float>(totals->time_us) / 1000.0f;
    const float percentage =
        (static_cast<float>(totals->time_us) / static_cast<float>(accumulated_us)) * 100.0f;
    cdf += percentage;
    if (format_as_csv) {
      stream << *type << ", " << totals->count << ", " << time_ms << ", " << percentage << "%, "
             << cdf << "%, " << memory_kb << ", " << totals->times_called << '\n';
    } else {
      Field(stream, kNodeTypeWidth) << *type;
      Field(stream, 9) << totals->count;
      Field(stream, 10) << time_ms;
      Field(stream, 10) << percentage << '%';
      Field(stream, 10) << cdf << '%';
      Field(stream, 10) << memory_kb;
      Field(stream, 9) << totals->times_called;
      stream << '\n';
    }
  }
  stream << '\n';
  return stream.str();
}

std::string TfShortSummary(const StatsCalculator& stats) {
  std::ostringstream stream;
  stream << "Timings (microseconds): " << TfStatLine(stats.run_total_us()) << '\n';
  stream << "Memory (bytes): " << TfStatLine(stats.memory()) << '\n';
  stream << stats.details().size() << " nodes observed\n";
  return stream.str();
}

std::string TfStatsOutputString(const StatsCalculator& stats,
                                const profiling::StatSummarizerOptions& options) {
  const bool csv = options.format_as_csv;
  std::string out;
  if (options.show_run_order) {
    out += TfStatsByMetric(stats, "Run Order", TfSortingMetric::kRunOrder, options.run_order_limit,
                           csv);
  }
  if (options.show_time) {
    out += TfStatsByMetric(stats, "Top by Computation Time", TfSortingMetric::kTime,
                           options.time_limit, csv);
  }
  if (options.show_memory) {
    out += TfStatsByMetric(stats, "Top by Memory Use", TfSortingMetric::kMemory,
                           options.memory_limit, csv);
  }
  if (options.show_type) out += TfStatsByNodeType(stats, csv);
  if (options.show_summary) out += TfShortSummary(stats) + '\n';
  return out;
}

}  // namespace mb::report
