// The peak measurement returns positive figures (never asserted against a time).
#include "profiling/peak.h"

#include <gtest/gtest.h>

namespace mb::profiling {
namespace {

TEST(PeakTest, SmallMeasurementIsPositive) {
  PeakOptions options;
  options.rounds = 1;
  options.fma_iterations = 100'000;
  options.bandwidth_array_bytes = 1 << 20;
  options.threads = 2;
  const PeakResult peak = MeasurePeak(options);
  EXPECT_EQ(peak.threads, 2);
  if (PeakSupported()) {
    EXPECT_GT(peak.gflops_one, 0);
    EXPECT_GT(peak.gflops_all, 0);
  }
  EXPECT_GT(peak.triad_gbps_one, 0);
  EXPECT_GT(peak.triad_gbps_all, 0);
  EXPECT_GT(peak.copy_gbps_one, 0);
  EXPECT_GT(peak.copy_gbps_all, 0);
}

TEST(PeakTest, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(Median({3, 1, 2}), 2);
  EXPECT_EQ(Median({4, 1, 2, 3}), 2.5);
  EXPECT_EQ(Median({}), 0);
}

}  // namespace
}  // namespace mb::profiling
