#include "report/tf_stats_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mb::report {
namespace {

using profiling::NodeStatsDetail;
using profiling::StatsCalculator;
using profiling::StatSummarizerOptions;

// Every expected string below was worked out by hand from shared/spec/tf-tools.md 3.2-3.7
// (current xla/tsl widths): each field is a tab and a right-aligned value, fixed with three
// decimals; the percentages in per-node rows are width 7 plus '%'.

// Three nodes, two runs:
//   run 1: conv (Conv2D) 1000 us 8000 B, mul (Mul) 1000 us 0 B, relu (Relu) 3000 us 9000 B
//   run 2: conv          1000 us 6000 B, mul       1000 us 0 B, relu        2000 us 2000 B
// Run totals 5000 and 4000 us (sum 9000), memory totals 17000 and 8000 B.
//   conv: first 1.000 avg 1.000 ms, 2000/9000 = 22.222%, newest 6.000 KB (average 7000 B)
//   mul:  first 1.000 avg 1.000 ms, 22.222%, 0.000 KB (average 0 B)
//   relu: first 3.000 avg 2.500 ms, 5000/9000 = 55.556%, newest 2.000 KB (average 5500 B)
StatsCalculator ThreeNodesTwoRuns(const std::string& mul_name = "mul") {
  StatsCalculator stats;
  stats.AddNodeStats("conv", "Conv2D", 1, 1000, 8000);
  stats.AddNodeStats(mul_name, "Mul", 2, 1000, 0);
  stats.AddNodeStats("relu", "Relu", 3, 3000, 9000);
  stats.UpdateRunTotalUs(5000);
  stats.UpdateMemoryUsed(17000);
  stats.AddNodeStats("conv", "Conv2D", 1, 1000, 6000);
  stats.AddNodeStats(mul_name, "Mul", 2, 1000, 0);
  stats.AddNodeStats("relu", "Relu", 3, 2000, 2000);
  stats.UpdateRunTotalUs(4000);
  stats.UpdateMemoryUsed(8000);
  return stats;
}

constexpr char kMetricHeader[] =
    "\t                             [node type]"
    "\t  [first]\t [avg ms]\t     [%]\t  [cdf%]\t  [mem KB]\t[times called]\t[Name]\n";

constexpr char kTypeHeader[] =
    "\t                             [Node type]"
    "\t  [count]\t  [avg ms]\t    [avg %]\t    [cdf %]\t  [mem KB]\t[times called]\n";

TEST(TfStatLineTest, SpecExamples) {
  profiling::Stat<int64_t> one;
  one.UpdateStat(335337);
  EXPECT_EQ(TfStatLine(one), "count=1 curr=335337");

  profiling::Stat<int64_t> same;
  for (int i = 0; i < 50; ++i) same.UpdateStat(1234);
  EXPECT_EQ(TfStatLine(same), "count=50 curr=1234(all same)");

  EXPECT_EQ(TfStatLine(profiling::Stat<int64_t>()), "count=0");
}

TEST(TfStatsReportTest, TitleLineHasThirtyEqualsSignsEachSide) {
  const std::string table =
      TfStatsByMetric(StatsCalculator(), "Run Order", TfSortingMetric::kRunOrder, 0, false);
  const std::string equals(30, '=');
  EXPECT_EQ(table.substr(0, table.find('\n')), equals + " Run Order " + equals);
  EXPECT_EQ(table.substr(0, table.find('\n')),
            "============================== Run Order ==============================");
}

// "[times called]" (14 characters) overflows its width of 9 and so has no padding.
TEST(TfStatsReportTest, EmptyTableIsTitleHeaderAndBlankLine) {
  EXPECT_EQ(TfStatsByMetric(StatsCalculator(), "Run Order", TfSortingMetric::kRunOrder, 0, false),
            "============================== Run Order ==============================\n"
            "\t                             [node type]"
            "\t  [first]\t [avg ms]\t     [%]\t  [cdf%]\t  [mem KB]\t[times called]\t[Name]\n"
            "\n");
}

TEST(TfStatsReportTest, FullOutputWithDefaultOptions) {
  const std::string expected =
      std::string() +
      // Run Order: ascending run_order; cdf 2000, 4000, 9000 of 9000 us.
      "============================== Run Order ==============================\n" + kMetricHeader +
      "\t                                  Conv2D"
      "\t    1.000\t    1.000\t 22.222%\t 22.222%\t     6.000\t        1\tconv\n"
      "\t                                     Mul"
      "\t    1.000\t    1.000\t 22.222%\t 44.444%\t     0.000\t        1\tmul\n"
      "\t                                    Relu"
      "\t    3.000\t    2.500\t 55.556%\t100.000%\t     2.000\t        1\trelu\n"
      "\n"
      // Time: relu (avg 2500) first; conv and mul tie at 1000 and conv has the smaller
      // run_order.
      "============================== Top by Computation Time ==============================\n" +
      kMetricHeader +
      "\t                                    Relu"
      "\t    3.000\t    2.500\t 55.556%\t 55.556%\t     2.000\t        1\trelu\n"
      "\t                                  Conv2D"
      "\t    1.000\t    1.000\t 22.222%\t 77.778%\t     6.000\t        1\tconv\n"
      "\t                                     Mul"
      "\t    1.000\t    1.000\t 22.222%\t100.000%\t     0.000\t        1\tmul\n"
      "\n"
      // Memory: sorted by average bytes (conv 7000, relu 5500, mul 0), showing the newest;
      // the cdf still accumulates time: 2000, 7000, 9000 of 9000 us.
      "============================== Top by Memory Use ==============================\n" +
      kMetricHeader +
      "\t                                  Conv2D"
      "\t    1.000\t    1.000\t 22.222%\t 22.222%\t     6.000\t        1\tconv\n"
      "\t                                    Relu"
      "\t    3.000\t    2.500\t 55.556%\t 77.778%\t     2.000\t        1\trelu\n"
      "\t                                     Mul"
      "\t    1.000\t    1.000\t 22.222%\t100.000%\t     0.000\t        1\tmul\n"
      "\n"
      // Types: per-run times Relu 2500, Mul 1000, Conv2D 1000 of 4500 us. Mul and Conv2D tie,
      // and the larger type name ("Mul" > "Conv2D") comes first although conv ran first.
      "Number of nodes executed: 3\n"
      "============================== Summary by node type ==============================\n" +
      kTypeHeader +
      "\t                                    Relu"
      "\t        1\t     2.500\t    55.556%\t    55.556%\t     2.000\t        1\n"
      "\t                                     Mul"
      "\t        1\t     1.000\t    22.222%\t    77.778%\t     0.000\t        1\n"
      "\t                                  Conv2D"
      "\t        1\t     1.000\t    22.222%\t   100.000%\t     6.000\t        1\n"
      "\n"
      // Run totals 5000, 4000: avg 4500, 41e6/2 - 4500^2 = 250000, std 500.
      // Memory 17000, 8000: avg 12500, 353e6/2 - 12500^2 = 20250000, std 4500.
      "Timings (microseconds): count=2 first=5000 curr=4000 min=4000 max=5000 avg=4500 "
      "std=500\n"
      "Memory (bytes): count=2 first=17000 curr=8000 min=8000 max=17000 avg=12500 std=4500\n"
      "3 nodes observed\n"
      "\n";
  EXPECT_EQ(TfStatsOutputString(ThreeNodesTwoRuns(), StatSummarizerOptions()), expected);
}

TEST(TfStatsReportTest, SectionsFollowTheirOptions) {
  const StatsCalculator stats = ThreeNodesTwoRuns();
  StatSummarizerOptions options;
  options.show_run_order = false;
  options.show_time = false;
  options.show_memory = false;
  options.show_type = false;
  EXPECT_EQ(TfStatsOutputString(stats, options),
            "Timings (microseconds): count=2 first=5000 curr=4000 min=4000 max=5000 avg=4500 "
            "std=500\n"
            "Memory (bytes): count=2 first=17000 curr=8000 min=8000 max=17000 avg=12500 "
            "std=4500\n"
            "3 nodes observed\n"
            "\n");
  options.show_summary = false;
  EXPECT_EQ(TfStatsOutputString(stats, options), "");

  options.show_time = true;
  options.time_limit = 1;
  EXPECT_EQ(TfStatsOutputString(stats, options),
            "============================== Top by Computation Time "
            "==============================\n" +
                std::string(kMetricHeader) +
                "\t                                    Relu"
                "\t    3.000\t    2.500\t 55.556%\t 55.556%\t     2.000\t        1\trelu\n"
                "\n");
}

// Nodes whose names sort differently from their run order: c (1), a (2), b (3); one run of
// 100, 200 and 300 us (600 in all). The limit keeps the first two rows.
TEST(TfStatsReportTest, RunOrderIsAscendingAndLimitStopsRows) {
  StatsCalculator stats;
  stats.AddNodeStats("c", "T", 1, 100, 0);
  stats.AddNodeStats("a", "T", 2, 200, 0);
  stats.AddNodeStats("b", "T", 3, 300, 0);
  stats.UpdateRunTotalUs(600);
  stats.UpdateMemoryUsed(0);
  EXPECT_EQ(TfStatsByMetric(stats, "Run Order", TfSortingMetric::kRunOrder, 2, false),
            "============================== Run Order ==============================\n" +
                std::string(kMetricHeader) +
                "\t                                       T"
                "\t    0.100\t    0.100\t 16.667%\t 16.667%\t     0.000\t        1\tc\n"
                "\t                                       T"
                "\t    0.200\t    0.200\t 33.333%\t 50.000%\t     0.000\t        1\ta\n"
                "\n");
  // A limit of 0 (or less) prints every row.
  EXPECT_EQ(TfStatsByMetric(stats, "Run Order", TfSortingMetric::kRunOrder, -1, false),
            TfStatsByMetric(stats, "Run Order", TfSortingMetric::kRunOrder, 0, false));
  EXPECT_EQ(TfStatsByMetric(stats, "Top by Computation Time", TfSortingMetric::kTime, 1, false),
            "============================== Top by Computation Time "
            "==============================\n" +
                std::string(kMetricHeader) +
                "\t                                       T"
                "\t    0.300\t    0.300\t 50.000%\t 50.000%\t     0.000\t        1\tb\n"
                "\n");
}

std::vector<std::string> Names(const std::vector<const NodeStatsDetail*>& details) {
  std::vector<std::string> names;
  for (const NodeStatsDetail* detail : details) names.push_back(detail->name);
  return names;
}

// Equal keys (TF: arbitrary, by map-node address) go to the smaller run_order, whatever the
// names.
TEST(TfOrderNodesByMetricTest, TiesGoToTheSmallerRunOrder) {
  StatsCalculator stats;
  stats.AddNodeStats("z", "T", 1, 500, 64);
  stats.AddNodeStats("a", "T", 2, 500, 64);
  stats.AddNodeStats("m", "T", 3, 700, 32);
  stats.UpdateRunTotalUs(1700);
  EXPECT_EQ(Names(TfOrderNodesByMetric(stats, TfSortingMetric::kTime)),
            (std::vector<std::string>{"m", "z", "a"}));
  EXPECT_EQ(Names(TfOrderNodesByMetric(stats, TfSortingMetric::kMemory)),
            (std::vector<std::string>{"z", "a", "m"}));
  EXPECT_EQ(Names(TfOrderNodesByMetric(stats, TfSortingMetric::kRunOrder)),
            (std::vector<std::string>{"z", "a", "m"}));
}

// The keys are compared as text. With 3 nodes, run orders 1, 2 and 5 (a loop ran in between)
// give keys 2, 1 and -2, right-aligned in width 20; '-' sorts above ' ', so TF lists the
// run_order 5 node first. We keep that.
TEST(TfOrderNodesByMetricTest, KeysCompareAsTextLikeTf) {
  StatsCalculator stats;
  stats.AddNodeStats("p", "T", 1, 10, 0);
  stats.AddNodeStats("q", "T", 2, 10, 0);
  stats.AddNodeStats("r", "T", 5, 10, 0);
  stats.UpdateRunTotalUs(30);
  EXPECT_EQ(Names(TfOrderNodesByMetric(stats, TfSortingMetric::kRunOrder)),
            (std::vector<std::string>{"r", "p", "q"}));
}

// Two runs. x1 and x2 (Mul) take 1001 then 1000 us: 2001 / 2 = 1000 each after per-node
// truncation, so Mul totals 2000 (not 4002 / 2 = 2001). y (Sub) runs twice in run 1 (500 +
// 500) and once in run 2 (1000): 2000 / 2 = 1000 us, times called 3 / 2 = 1. Accumulated
// 3000 us: Mul 66.667%, Sub 33.333%. Memory is the newest sample: 1500 + 2500 bytes for Mul.
TEST(TfStatsByNodeTypeTest, TruncatesEachNodeAndSumsPerType) {
  StatsCalculator stats;
  stats.AddNodeStats("x1", "Mul", 1, 1001, 0);
  stats.AddNodeStats("x2", "Mul", 2, 1001, 0);
  stats.AddNodeStats("y", "Sub", 3, 500, 0);
  stats.AddNodeStats("y", "Sub", 4, 500, 0);
  stats.UpdateRunTotalUs(3002);
  stats.UpdateMemoryUsed(0);
  stats.AddNodeStats("x1", "Mul", 1, 1000, 1500);
  stats.AddNodeStats("x2", "Mul", 2, 1000, 2500);
  stats.AddNodeStats("y", "Sub", 3, 1000, 0);
  stats.UpdateRunTotalUs(3000);
  stats.UpdateMemoryUsed(4000);
  EXPECT_EQ(TfStatsByNodeType(stats, false),
            "Number of nodes executed: 3\n"
            "============================== Summary by node type "
            "==============================\n" +
                std::string(kTypeHeader) +
                "\t                                     Mul"
                "\t        2\t     2.000\t    66.667%\t    66.667%\t     4.000\t        2\n"
                "\t                                     Sub"
                "\t        1\t     1.000\t    33.333%\t   100.000%\t     0.000\t        1\n"
                "\n");
}

// TF divides by zero here; we divide by one run.
TEST(TfStatsByNodeTypeTest, NoClosedRunCountsAsOneRun) {
  StatsCalculator stats;
  stats.AddNodeStats("n", "N", 1, 30, 0);
  stats.AddNodeStats("n", "N", 2, 50, 0);
  EXPECT_EQ(TfStatsByNodeType(stats, false),
            "Number of nodes executed: 1\n"
            "============================== Summary by node type "
            "==============================\n" +
                std::string(kTypeHeader) +
                "\t                                       N"
                "\t        1\t     0.080\t   100.000%\t   100.000%\t     0.000\t        2\n"
                "\n");
}

// CSV: values in default stream format joined with ", ", commas in names become tabs.
TEST(TfStatsReportTest, CsvMode) {
  const StatsCalculator stats = ThreeNodesTwoRuns("mul,1");
  StatSummarizerOptions options;
  options.format_as_csv = true;
  options.show_time = false;
  options.show_memory = false;
  options.show_summary = false;
  EXPECT_EQ(TfStatsOutputString(stats, options),
            "============================== Run Order ==============================\n"
            "node type, first, avg_ms, %, cdf%, mem KB, times called, name\n"
            "Conv2D, 1, 1, 22.2222%, 22.2222%, 6, 1, conv\n"
            "Mul, 1, 1, 22.2222%, 44.4444%, 0, 1, mul\t1\n"
            "Relu, 3, 2.5, 55.5556%, 100%, 2, 1, relu\n"
            "\n"
            "Number of nodes executed: 3\n"
            "============================== Summary by node type "
            "==============================\n"
            "node type, count, avg_ms, avg %, cdf %, mem KB, times called\n"
            "Relu, 1, 2.5, 55.5556%, 55.5556%, 2, 1\n"
            "Mul, 1, 1, 22.2222%, 77.7778%, 0, 1\n"
            "Conv2D, 1, 1, 22.2222%, 100%, 6, 1\n"
            "\n");
}

TEST(TfShortSummaryTest, EmptyCalculator) {
  EXPECT_EQ(TfShortSummary(StatsCalculator()),
            "Timings (microseconds): count=0\n"
            "Memory (bytes): count=0\n"
            "0 nodes observed\n");
}

}  // namespace
}  // namespace mb::report
