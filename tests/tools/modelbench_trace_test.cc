// `modelbench benchmark --trace=FILE`, run as a user runs it, with the trace parsed back by
// an independent JSON parser. Counts come from the ResNet-20 example: the engine executes 74
// nodes per run (the 74 nodes `modelbench analyze` lists; examples/README.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/testing/json_parse.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::BinaryPath;
using ::mb::testing::Json;
using ::mb::testing::ParseJson;
using ::mb::testing::ReadTextFile;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::testing::HasSubstr;

constexpr int kSteps = 74;

std::string Str(const Json& json, const std::string& key) {
  auto it = json.object.find(key);
  return it != json.object.end() && it->second.type == Json::Type::kString ? it->second.string : "";
}

TEST(ModelbenchTraceTest, OneEventPerStepPerRunLaidEndToEnd) {
  const std::string dir = ScratchDir();
  auto result = RunCommand(BinaryPath("bin/modelbench") + " benchmark " +
                               SourcePath("examples/resnet20_cifar10.pb") +
                               " --runs=3 --warmup=0 --trace=" + dir + "/trace.json",
                           dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string error;
  auto doc = ParseJson(ReadTextFile(dir + "/trace.json"), &error);
  ASSERT_TRUE(doc) << error;
  ASSERT_EQ(doc->type, Json::Type::kObject);
  EXPECT_EQ(Str(*doc, "displayTimeUnit"), "ms");
  ASSERT_TRUE(doc->Has("otherData"));
  EXPECT_EQ(Str((*doc)["otherData"], "schema"), "modelbench.trace/1");
  ASSERT_TRUE(doc->Has("traceEvents"));
  const std::vector<Json>& events = (*doc)["traceEvents"].array;

  int metadata = 0, runs = 0, steps = 0;
  double previous_end = 0;  // end of the previous step on the thread
  for (const Json& e : events) {
    const std::string ph = Str(e, "ph");
    ASSERT_TRUE(e.Has("pid") && e.Has("tid")) << Str(e, "name");
    if (ph == "M") {
      ++metadata;
      EXPECT_FALSE(Str(e["args"], "name").empty());
      continue;
    }
    ASSERT_EQ(ph, "X");
    const double ts = e["ts"].number, dur = e["dur"].number;
    EXPECT_GE(dur, 0) << Str(e, "name");
    if (Str(e, "cat") == "run") {
      ++runs;
      EXPECT_GE(ts, previous_end) << "runs overlap";
      continue;
    }
    // Steps follow one another: each starts where the previous ended or later. 1e-3 us of
    // slack for the decimal spelling of fractional microseconds.
    EXPECT_GE(ts + 1e-3, previous_end) << Str(e, "name");
    previous_end = ts + dur;
    if (steps % kSteps == 0) {
      // The first step of each run: conv1, 32x32x16 outputs x 3x3x3 taps x 2 FLOPs.
      EXPECT_EQ(Str(e, "name"), "conv1/Conv2D");
      EXPECT_EQ(Str(e, "cat"), "Conv2D");
      EXPECT_EQ(Str(e["args"], "op_type"), "Conv2D");
      EXPECT_EQ(Str(e["args"], "output_shape"), "[1,32,32,16]");
      EXPECT_EQ(e["args"]["flops"].number, 884736);
    }
    ++steps;
  }
  EXPECT_EQ(metadata, 2);  // process_name, thread_name
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(steps, kSteps * 3);
}

TEST(ModelbenchTraceTest, FailedWriteLeavesNoFile) {
  const std::string dir = ScratchDir();
  const std::string trace = dir + "/missing_dir/trace.json";
  auto result = RunCommand(BinaryPath("bin/modelbench") + " benchmark " +
                               SourcePath("examples/resnet20_cifar10.pb") +
                               " --runs=1 --warmup=0 --trace=" + trace,
                           dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: " + trace));
  EXPECT_FALSE(std::filesystem::exists(trace));
}

}  // namespace
}  // namespace mb
