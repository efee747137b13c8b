// `modelbench run` and `modelbench benchmark`, run as a user runs them. Values checked are
// facts of the models (shapes, names) and of the samples' reference outputs, never timings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "base/npy.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/tensor_matchers.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::AllClose;
using ::mb::testing::BinaryPath;
using ::mb::testing::FloatsOf;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;

std::string Modelbench() { return BinaryPath("bin/modelbench"); }
std::string Sample(const std::string& file) {
  return SourcePath("../shared/samples/tf/emotion/" + file);
}

TEST(ModelbenchRunTest, WritesOutputsNamedAfterTheirTensors) {
  const std::string dir = ScratchDir();
  auto result = RunCommand(Modelbench() + " run " + Sample("model.pb") + " --input input_1=" +
                               Sample("input_0.npy") + " --output Identity:0 --output-dir " +
                               dir + "/out",
                           dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // ':' is outside [A-Za-z0-9._-], so it becomes '_'.
  EXPECT_EQ(result.out, dir + "/out/Identity_0.npy\n");
  auto actual = ReadNpy(dir + "/out/Identity_0.npy");
  auto expected = ReadNpy(Sample("output_0.npy"));
  ASSERT_TRUE(actual.ok() && expected.ok());
  ASSERT_EQ(actual->shape, expected->shape);
  const auto a = FloatsOf(actual->data), e = FloatsOf(expected->data);
  EXPECT_TRUE(AllClose(a.data(), e.data(), static_cast<int64_t>(a.size()), 1e-3, 1e-4));
}

TEST(ModelbenchRunTest, MisShapedInputIsAClearError) {
  const std::string dir = ScratchDir();
  NpyArray wrong{"<f4", {1, 32, 32, 1}, std::string(32 * 32 * 4, '\0')};
  ASSERT_TRUE(WriteNpy(dir + "/wrong.npy", wrong).ok());
  auto result = RunCommand(Modelbench() + " run " + Sample("model.pb") + " --input input_1=" +
                               dir + "/wrong.npy --output-dir " + dir + "/out",
                           dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("input 'input_1' has shape [?,64,64,1], which [1,32,32,1] "
                                    "does not fit"));
  EXPECT_FALSE(std::filesystem::exists(dir + "/out"));
}

TEST(ModelbenchRunTest, MissingInputIsAClearError) {
  const std::string dir = ScratchDir();
  auto result = RunCommand(Modelbench() + " run " + SourcePath("examples/resnet20_cifar10.pb") +
                               " --output-dir " + dir + "/out",
                           dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("input 'net_input' (float32 [?,32,32,3]) was not given"));
}

TEST(ModelbenchBenchmarkTest, JsonReportsLatencyPercentilesAndPlannedMemory) {
  const std::string dir = ScratchDir();
  auto result = RunCommand(Modelbench() + " benchmark " +
                               SourcePath("examples/resnet20_cifar10.pb") +
                               " --runs 20 --warmup 2 --format=json",
                           dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string& json = result.out;
  EXPECT_THAT(json, HasSubstr("\"schema\": \"modelbench.benchmark/1\""));
  // net_input is declared [?,32,32,3]: the unknown batch defaults to 1.
  EXPECT_THAT(json, HasSubstr("\"shape\": [\n        1,\n        32,\n        32,\n        3\n"));
  EXPECT_THAT(json, HasSubstr("\"runs\": 20,"));
  EXPECT_THAT(json, HasSubstr("\"warmup_runs\": 2,"));
  for (const char* key : {"load_ms", "prepare_ms", "first_run_ms", "p50", "p90", "p99",
                          "throughput_per_s", "arena_bytes", "naive_activation_bytes"}) {
    EXPECT_THAT(json, ContainsRegex(std::string("\"") + key + "\": [0-9.e+-]+")) << key;
  }
}

TEST(ModelbenchBenchmarkTest, InputShapeOverride) {
  const std::string dir = ScratchDir();
  auto result = RunCommand(Modelbench() + " benchmark " +
                               SourcePath("examples/resnet20_cifar10.pb") +
                               " --input net_input:4x32x32x3:float --runs 3 --warmup 0",
                           dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Runs         3 (after 0 warm-up)\n"));
  EXPECT_THAT(result.out, ContainsRegex("Throughput   [0-9.]+ inferences/s\n"));
}

}  // namespace
}  // namespace mb
