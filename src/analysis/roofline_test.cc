// The roofline projection and the device table, on hand-checked cases.
#include "analysis/roofline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace mb::analysis {
namespace {

using ::testing::DoubleNear;
using ::testing::HasSubstr;

Device Make(double gflops, double gbps) { return {"d", "test device", gflops, gbps, "test"}; }

TEST(RooflineTest, MemoryBoundNode) {
  // 2 GFLOP and 1 GB on 1 TFLOP/s, 100 GB/s: compute 2 ms, memory 10 ms.
  RooflineTime t = Roofline(2e9, 1e9, Make(1000, 100));
  EXPECT_THAT(t.compute_s, DoubleNear(2e-3, 1e-15));
  EXPECT_THAT(t.memory_s, DoubleNear(10e-3, 1e-15));
  EXPECT_THAT(t.time_s, DoubleNear(10e-3, 1e-15));
  EXPECT_EQ(t.bound, Bound::kMemory);
}

TEST(RooflineTest, ComputeBoundNode) {
  // 20 GFLOP and 1 GB on the same device: compute 20 ms beats memory 10 ms.
  RooflineTime t = Roofline(20e9, 1e9, Make(1000, 100));
  EXPECT_THAT(t.time_s, DoubleNear(20e-3, 1e-15));
  EXPECT_EQ(t.bound, Bound::kCompute);
  EXPECT_STREQ(BoundName(t.bound), "compute");
}

TEST(RooflineTest, EmptyNodeIsNeitherBound) {
  RooflineTime t = Roofline(0, 0, Make(1, 1));
  EXPECT_EQ(t.time_s, 0);
  EXPECT_EQ(t.bound, Bound::kNone);
  EXPECT_STREQ(BoundName(t.bound), "-");
}

TEST(RooflineTest, ModelTimeIsTheSumOverNodes) {
  CostReport report;
  NodeCost a, b;
  a.flops = 2'000'000'000, a.bytes_read = 500'000'000, a.bytes_written = 500'000'000;  // 10 ms
  b.flops = 20'000'000'000, b.bytes_read = 1'000'000'000;                              // 20 ms
  report.nodes = {a, b};
  Projection p = ProjectCost(report, Make(1000, 100));
  ASSERT_EQ(p.nodes.size(), 2u);
  EXPECT_THAT(p.total_s, DoubleNear(30e-3, 1e-15));
  EXPECT_EQ(p.memory_bound, 1);
  EXPECT_EQ(p.compute_bound, 1);
}

TEST(DeviceTableTest, ParsesAndResolvesNamesCaseInsensitively) {
  auto table = ParseDeviceTable(
      "# comment\nname\tdescription\tfp32_gflops\tmemory_gbps\tsource\n"
      "p40\tNVIDIA Tesla P40\t12000\t346\tdatasheet\n");
  ASSERT_TRUE(table.ok()) << table.status().message();
  auto device = ResolveDevice("P40", *table);
  ASSERT_TRUE(device.ok());
  EXPECT_EQ(device->gflops, 12000);
  EXPECT_EQ(device->gbps, 346);
}

TEST(DeviceTableTest, CustomTarget) {
  auto device = ResolveDevice("1000,100", {});
  ASSERT_TRUE(device.ok());
  EXPECT_EQ(device->name, "custom");
  EXPECT_EQ(device->gflops, 1000);
  EXPECT_EQ(device->gbps, 100);
  for (const char* bad : {"1000,", ",100", "0,100", "1000,-1", "x,1", "1,2,3", "nan,1"}) {
    EXPECT_FALSE(ResolveDevice(bad, {}).ok()) << bad;
  }
}

TEST(DeviceTableTest, UnknownNameListsTheKnownOnes) {
  std::vector<Device> table = {Make(1, 1), Make(2, 2)};
  table[0].name = "t4";
  table[1].name = "a100";
  auto device = ResolveDevice("z80", table);
  ASSERT_FALSE(device.ok());
  EXPECT_THAT(device.status().message(), HasSubstr("known devices: t4, a100"));
}

TEST(DeviceTableTest, MalformedLinesAreErrorsNamingTheLine) {
  auto table =
      ParseDeviceTable("name\tdescription\tfp32_gflops\tmemory_gbps\tsource\nx\ty\t-5\t1\tz\n");
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr("line 2"));
  EXPECT_FALSE(ParseDeviceTable("h\nonly\ttwo\n").ok());
}

TEST(DeviceTableTest, CommittedTableParsesWithTheSeedsP40) {
  std::ifstream file(std::string(MODELBENCH_SOURCE_DIR) + "/data/devices.tsv");
  std::stringstream text;
  text << file.rdbuf();
  auto table = ParseDeviceTable(text.str());
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_GE(table->size(), 7u);
  auto p40 = ResolveDevice("p40", *table);
  ASSERT_TRUE(p40.ok());
  EXPECT_EQ(p40->gflops, 12000);  // the seed's figure: 12 TFLOP/s
  EXPECT_EQ(p40->gbps, 346);
  for (const Device& device : *table) EXPECT_FALSE(device.source.empty()) << device.name;
}

}  // namespace
}  // namespace mb::analysis
