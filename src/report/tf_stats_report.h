// The per-node timing tables of TensorFlow's benchmark_model, byte for byte as TF's
// StatSummarizer / tsl::StatsCalculator::GetOutputString prints them (shared/spec/tf-tools.md
// 3.3-3.7, current xla/tsl column widths): "Run Order", "Top by Computation Time", "Top by
// Memory Use", "Summary by node type" and the short summary, or their CSV form. The numbers
// come from profiling::StatsCalculator; this module only orders and formats them.
#ifndef MODELBENCH_REPORT_TF_STATS_REPORT_H_
#define MODELBENCH_REPORT_TF_STATS_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "profiling/stats.h"

namespace mb::report {

// What a per-node table is sorted by (TF's SortingMetric; its unused BY_NAME and BY_TYPE are
// left out).
enum class TfSortingMetric {
  kRunOrder,  // Ascending run_order.
  kTime,      // Descending average elapsed time.
  kMemory,    // Descending average memory (the table shows the newest value).
};

// TF's Stat line, e.g. "count=1 curr=335337" or "count=50 curr=1234(all same)".
std::string TfStatLine(const profiling::Stat<int64_t>& stat);

// The nodes in the order TF's OrderNodesByMetric gives them: each node's key is formatted as
// text (right-aligned in width 20, fixed, 10 decimals; for kRunOrder the key is
// details().size() - run_order) and the keys are compared as strings, descending. This equals
// numeric order only while keys fit in 20 characters and are not negative; TF's quirks beyond
// that are kept. TF breaks equal keys by the address of the node's map entry; we break them by
// the smaller run_order first, then the smaller name.
std::vector<const profiling::NodeStatsDetail*> TfOrderNodesByMetric(
    const profiling::StatsCalculator& stats, TfSortingMetric metric);

// One per-node table (GetStatsByMetric): title line, header, at most `num_stats` rows (all
// when num_stats <= 0) and a blank line.
std::string TfStatsByMetric(const profiling::StatsCalculator& stats, const std::string& title,
                            TfSortingMetric metric, int num_stats, bool format_as_csv);

// "Number of nodes executed: <n>" and the "Summary by node type" table (GetStatsByNodeType).
std::string TfStatsByNodeType(const profiling::StatsCalculator& stats, bool format_as_csv);

// The "Timings (microseconds): ...", "Memory (bytes): ..." and "<n> nodes observed" lines.
std::string TfShortSummary(const profiling::StatsCalculator& stats);

// Everything benchmark_model prints after its timings (GetOutputString): the enabled sections
// in TF's order, each followed by its blank line.
std::string TfStatsOutputString(const profiling::StatsCalculator& stats,
                                const profiling::StatSummarizerOptions& options);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_TF_STATS_REPORT_H_
