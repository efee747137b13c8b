#include "profiling/stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

namespace mb::profiling {
namespace {

// Expected values below are worked by hand from shared/spec/tf-tools.md 3.2.
template <typename T>
std::string Line(const Stat<T>& stat) {
  std::ostringstream stream;
  stat.OutputToStream(&stream);
  return stream.str();
}

TEST(StatTest, EmptyPrintsCountZero) {
  Stat<int64_t> stat;
  EXPECT_TRUE(stat.empty());
  EXPECT_TRUE(stat.all_same());
  EXPECT_EQ(stat.count(), 0);
  EXPECT_TRUE(std::isnan(stat.avg()));
  EXPECT_EQ(stat.std_deviation(), 0);
  EXPECT_EQ(Line(stat), "count=0");
}

TEST(StatTest, OneValuePrintsCurrOnly) {
  Stat<int64_t> stat;
  stat.UpdateStat(335337);
  EXPECT_EQ(Line(stat), "count=1 curr=335337");
}

TEST(StatTest, RepeatedValueAppendsAllSameWithoutSpace) {
  Stat<int64_t> stat;
  for (int i = 0; i < 50; ++i) stat.UpdateStat(1234);
  EXPECT_TRUE(stat.all_same());
  EXPECT_EQ(Line(stat), "count=50 curr=1234(all same)");
  EXPECT_EQ("Memory (bytes): " + Line(stat), "Memory (bytes): count=50 curr=1234(all same)");
}

TEST(StatTest, FieldsFollowTheValues) {
  Stat<int64_t> stat;
  stat.UpdateStat(20);
  stat.UpdateStat(10);
  stat.UpdateStat(30);
  stat.UpdateStat(25);
  EXPECT_EQ(stat.first(), 20);
  EXPECT_EQ(stat.newest(), 25);
  EXPECT_EQ(stat.min(), 10);
  EXPECT_EQ(stat.max(), 30);
  EXPECT_EQ(stat.count(), 4);
  EXPECT_EQ(stat.sum(), 85);
  EXPECT_DOUBLE_EQ(stat.squared_sum(), 400 + 100 + 900 + 625);
  EXPECT_DOUBLE_EQ(stat.avg(), 21.25);
  EXPECT_FALSE(stat.all_same());
}

// 1 and 4: avg 2.5, squared_sum/count = 17/2 = 8.5, variance 8.5 - 6.25 = 2.25 -> 2,
// std sqrt(2) = 1.41 -> 1 (the true standard deviation is 1.5).
TEST(StatTest, StdIsTruncatedToAnInteger) {
  Stat<int64_t> stat;
  stat.UpdateStat(1);
  stat.UpdateStat(4);
  EXPECT_EQ(stat.variance(), 2);
  EXPECT_EQ(stat.std_deviation(), 1);
  EXPECT_EQ(Line(stat), "count=2 first=1 curr=4 min=1 max=4 avg=2.5 std=1");
}

// 0, 10, 20: avg 10, 500/3 - 100 = 66.67 -> variance 66, std sqrt(66) = 8.12 -> 8.
// 1, 2: 5/2 - 2.25 = 0.25 -> variance 0, std 0.
TEST(StatTest, VarianceIsTruncatedToAnInteger) {
  Stat<int64_t> wide;
  wide.UpdateStat(0);
  wide.UpdateStat(10);
  wide.UpdateStat(20);
  EXPECT_EQ(wide.variance(), 66);
  EXPECT_EQ(wide.std_deviation(), 8);
  EXPECT_EQ(Line(wide), "count=3 first=0 curr=20 min=0 max=20 avg=10 std=8");

  Stat<int64_t> narrow;
  narrow.UpdateStat(1);
  narrow.UpdateStat(2);
  EXPECT_EQ(narrow.variance(), 0);
  EXPECT_EQ(Line(narrow), "count=2 first=1 curr=2 min=1 max=2 avg=1.5 std=0");
}

// Default ostream format: six significant digits, scientific when the exponent is >= 6.
TEST(StatTest, AvgUsesDefaultStreamFormat) {
  Stat<int64_t> large;
  large.UpdateStat(1234567);
  large.UpdateStat(1234568);  // avg 1234567.5; variance 0.25 -> 0.
  EXPECT_EQ(Line(large),
            "count=2 first=1234567 curr=1234568 min=1234567 max=1234568 avg=1.23457e+06 std=0");

  Stat<int64_t> small;
  small.UpdateStat(10);
  small.UpdateStat(11);
  small.UpdateStat(11);  // avg 10.6667; 342/3 - 113.78 = 0.22 -> 0.
  EXPECT_EQ(Line(small), "count=3 first=10 curr=11 min=10 max=11 avg=10.6667 std=0");
}

TEST(StatTest, NegativeIntegers) {
  Stat<int64_t> stat;
  stat.UpdateStat(-5);
  stat.UpdateStat(3);  // avg -1; 34/2 - 1 = 16 -> std 4.
  EXPECT_EQ(Line(stat), "count=2 first=-5 curr=3 min=-5 max=3 avg=-1 std=4");
}

TEST(StatTest, DoublesKeepFractions) {
  Stat<double> stat;
  stat.UpdateStat(0.5);
  stat.UpdateStat(1.5);  // avg 1; 2.5/2 - 1 = 0.25; std 0.5.
  EXPECT_DOUBLE_EQ(stat.variance(), 0.25);
  EXPECT_EQ(Line(stat), "count=2 first=0.5 curr=1.5 min=0.5 max=1.5 avg=1 std=0.5");
}

// TF starts max at numeric_limits<double>::min() (a tiny positive number); ours is right.
TEST(StatTest, NegativeDoublesHaveANegativeMax) {
  Stat<double> stat;
  stat.UpdateStat(-2.5);
  stat.UpdateStat(-0.5);  // avg -1.5; 6.5/2 - 2.25 = 1; std 1.
  EXPECT_EQ(stat.max(), -0.5);
  EXPECT_EQ(Line(stat), "count=2 first=-2.5 curr=-0.5 min=-2.5 max=-0.5 avg=-1.5 std=1");
}

TEST(StatTest, ResetEmpties) {
  Stat<int64_t> stat;
  stat.UpdateStat(7);
  stat.Reset();
  EXPECT_TRUE(stat.empty());
  EXPECT_EQ(stat.max(), std::numeric_limits<int64_t>::lowest());
  EXPECT_EQ(stat.min(), std::numeric_limits<int64_t>::max());
  stat.UpdateStat(9);
  EXPECT_EQ(stat.first(), 9);
}

TEST(StatTest, StreamOperatorWritesTheLine) {
  Stat<int64_t> stat;
  stat.UpdateStat(3);
  std::ostringstream stream;
  stream << "x: " << stat;
  EXPECT_EQ(stream.str(), "x: count=1 curr=3");
}

// Linear interpolation between closest ranks: r = p/100 * (n-1).
TEST(PercentilesTest, InterpolatesLinearlyBetweenRanks) {
  Percentiles percentiles;
  for (double v : {5.0, 1.0, 4.0, 2.0, 3.0}) percentiles.Add(v);
  EXPECT_EQ(percentiles.count(), 5);
  EXPECT_DOUBLE_EQ(percentiles.p50(), 3.0);   // r = 2.
  EXPECT_DOUBLE_EQ(percentiles.p90(), 4.6);   // r = 3.6: 4 + 0.6 * (5 - 4).
  EXPECT_DOUBLE_EQ(percentiles.p99(), 4.96);  // r = 3.96.
  EXPECT_DOUBLE_EQ(percentiles.Percentile(25), 2.0);
  EXPECT_DOUBLE_EQ(percentiles.Percentile(0), 1.0);
  EXPECT_DOUBLE_EQ(percentiles.Percentile(100), 5.0);
  // Samples keep their insertion order.
  EXPECT_EQ(percentiles.samples().front(), 5.0);
}

TEST(PercentilesTest, MedianOfEvenCountIsTheMidpoint) {
  Percentiles percentiles;
  for (int64_t v : {40, 10, 30, 20}) percentiles.Add(static_cast<double>(v));
  EXPECT_DOUBLE_EQ(percentiles.p50(), 25.0);  // r = 1.5 between 20 and 30.

  Percentiles two;
  two.Add(10);
  two.Add(20);
  EXPECT_DOUBLE_EQ(two.p50(), 15.0);
  EXPECT_DOUBLE_EQ(two.p90(), 19.0);
  EXPECT_DOUBLE_EQ(two.p99(), 19.9);
}

TEST(PercentilesTest, OutOfRangePercentIsClamped) {
  Percentiles percentiles;
  for (double v : {1.0, 2.0, 3.0}) percentiles.Add(v);
  EXPECT_DOUBLE_EQ(percentiles.Percentile(-10), 1.0);
  EXPECT_DOUBLE_EQ(percentiles.Percentile(150), 3.0);
}

TEST(PercentilesTest, EmptyIsNanAndOneSampleIsItself) {
  Percentiles percentiles;
  EXPECT_TRUE(percentiles.empty());
  EXPECT_TRUE(std::isnan(percentiles.p50()));
  percentiles.Add(7.5);
  EXPECT_DOUBLE_EQ(percentiles.p50(), 7.5);
  EXPECT_DOUBLE_EQ(percentiles.p99(), 7.5);
  percentiles.Reset();
  EXPECT_TRUE(percentiles.empty());
}

TEST(StatsCalculatorTest, FirstSightingFixesTypeAndRunOrder) {
  StatsCalculator stats;
  stats.AddNodeStats("conv", "Conv2D", 1, 100, 4000);
  stats.AddNodeStats("relu", "Relu", 2, 10, 0);
  stats.UpdateRunTotalUs(110);
  stats.UpdateMemoryUsed(4000);
  // Second run: a different type and position for "conv" are ignored; samples still count.
  stats.AddNodeStats("relu", "Relu", 1, 12, 0);
  stats.AddNodeStats("conv", "Other", 2, 140, 6000);
  stats.UpdateRunTotalUs(152);
  stats.UpdateMemoryUsed(6000);

  EXPECT_EQ(stats.num_runs(), 2);
  EXPECT_EQ(stats.run_total_us().sum(), 262);
  EXPECT_EQ(stats.memory().newest(), 6000);
  ASSERT_EQ(stats.details().size(), 2u);
  const NodeStatsDetail& conv = stats.details().at("conv");
  EXPECT_EQ(conv.name, "conv");
  EXPECT_EQ(conv.type, "Conv2D");
  EXPECT_EQ(conv.run_order, 1);
  EXPECT_EQ(conv.times_called, 2);
  EXPECT_EQ(conv.elapsed_time.first(), 100);
  EXPECT_EQ(conv.elapsed_time.newest(), 140);
  EXPECT_EQ(conv.mem_used.newest(), 6000);
  EXPECT_DOUBLE_EQ(conv.mem_used.avg(), 5000.0);
  EXPECT_EQ(stats.details().at("relu").run_order, 2);
  // The map is ordered by name.
  EXPECT_EQ(stats.details().begin()->first, "conv");
}

TEST(StatsCalculatorTest, RepeatedExecutionInOneRunAddsSamples) {
  StatsCalculator stats;
  stats.AddNodeStats("loop/body", "Mul", 1, 5, 8);
  stats.AddNodeStats("loop/body", "Mul", 2, 7, 8);
  stats.UpdateRunTotalUs(12);
  const NodeStatsDetail& body = stats.details().at("loop/body");
  EXPECT_EQ(body.times_called, 2);
  EXPECT_EQ(body.elapsed_time.count(), 2);
  EXPECT_EQ(body.elapsed_time.sum(), 12);
  EXPECT_EQ(body.run_order, 1);
  EXPECT_EQ(stats.num_runs(), 1);
}

TEST(StatsCalculatorTest, ResetForgetsEverything) {
  StatsCalculator stats;
  stats.AddNodeStats("a", "A", 1, 1, 1);
  stats.UpdateRunTotalUs(1);
  stats.UpdateMemoryUsed(1);
  stats.Reset();
  EXPECT_EQ(stats.num_runs(), 0);
  EXPECT_TRUE(stats.details().empty());
  EXPECT_TRUE(stats.memory().empty());
}

TEST(StatSummarizerOptionsTest, DefaultsAreTfs) {
  StatSummarizerOptions options;
  EXPECT_TRUE(options.show_run_order);
  EXPECT_EQ(options.run_order_limit, 0);
  EXPECT_TRUE(options.show_time);
  EXPECT_EQ(options.time_limit, 10);
  EXPECT_TRUE(options.show_memory);
  EXPECT_EQ(options.memory_limit, 10);
  EXPECT_TRUE(options.show_type);
  EXPECT_TRUE(options.show_summary);
  EXPECT_FALSE(options.format_as_csv);
}

}  // namespace
}  // namespace mb::profiling
