// `modelbench run` and `modelbench benchmark`, run as a user runs them. Values checked are
// facts of the models (shapes, names) and of the samples' reference outputs, never timings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
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

// Each sample model through `modelbench run`, every output against TF.js's (the samples'
// README: relative 1e-3, absolute 1e-4).
struct RunSample {
  const char* folder;
  const char* input;
  std::vector<std::pair<const char*, const char*>> outputs;  // tensor, reference file
};

void PrintTo(const RunSample& sample, std::ostream* os) { *os << sample.folder; }

class ModelbenchRunSampleTest : public ::testing::TestWithParam<RunSample> {};

TEST_P(ModelbenchRunSampleTest, OutputsMatchTfJs) {
  const RunSample& sample = GetParam();
  const std::string samples = SourcePath(std::string("../shared/samples/tf/") + sample.folder);
  const std::string dir = ScratchDir();
  std::string command = Modelbench() + " run " + samples + "/model.pb --input " + sample.input +
                        "=" + samples + "/input_0.npy --output-dir " + dir + "/out";
  for (const auto& [tensor, file] : sample.outputs) command += std::string(" --output ") + tensor;
  auto result = RunCommand(command, dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string expected_listing;
  for (const auto& [tensor, file] : sample.outputs) {
    // ':' is outside [A-Za-z0-9._-], so it becomes '_'.
    std::string name = tensor;
    std::replace(name.begin(), name.end(), ':', '_');
    const std::string path = dir + "/out/" + name + ".npy";
    expected_listing += path + "\n";
    auto actual = ReadNpy(path);
    auto expected = ReadNpy(samples + "/" + file);
    ASSERT_TRUE(actual.ok() && expected.ok()) << path;
    ASSERT_EQ(actual->shape, expected->shape) << tensor;
    const auto a = FloatsOf(actual->data), e = FloatsOf(expected->data);
    EXPECT_TRUE(AllClose(a.data(), e.data(), static_cast<int64_t>(a.size()), 1e-3, 1e-4)) << tensor;
  }
  EXPECT_EQ(result.out, expected_listing);
}

INSTANTIATE_TEST_SUITE_P(
    Samples, ModelbenchRunSampleTest,
    ::testing::Values(RunSample{"emotion", "input_1", {{"Identity:0", "output_0.npy"}}},
                      RunSample{"gender", "input_1", {{"Identity:0", "output_0.npy"}}},
                      RunSample{"blazeface-front",
                                "input",
                                {{"Identity_1:0", "output_0.npy"},
                                 {"Identity_2:0", "output_1.npy"},
                                 {"Identity_3:0", "output_2.npy"},
                                 {"Identity:0", "output_3.npy"}}}),
    [](const ::testing::TestParamInfo<RunSample>& info) {
      std::string name = info.param.folder;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

TEST(ModelbenchRunTest, MisShapedInputIsAClearError) {
  const std::string dir = ScratchDir();
  NpyArray wrong{"<f4", {1, 32, 32, 1}, std::string(32 * 32 * 4, '\0')};
  ASSERT_TRUE(WriteNpy(dir + "/wrong.npy", wrong).ok());
  auto result = RunCommand(Modelbench() + " run " + Sample("model.pb") + " --input input_1=" + dir +
                               "/wrong.npy --output-dir " + dir + "/out",
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
  auto result =
      RunCommand(Modelbench() + " benchmark " + SourcePath("examples/resnet20_cifar10.pb") +
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

TEST(ModelbenchBenchmarkTest, MemoryLimitIsCheckedBeforeAllocating) {
  const std::string dir = ScratchDir();
  // Batch 64: conv1's output alone is 64 x 32 x 32 x 16 floats = 4 MiB, over a 1 MiB limit.
  auto result =
      RunCommand(Modelbench() + " benchmark " + SourcePath("examples/resnet20_cifar10.pb") +
                     " --input net_input:64x32x32x3 --memory_limit_mb 1 --runs 1",
                 dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("exceeds the memory limit of 1048576 bytes"));
  // A hostile shape is refused the same way, not attempted.
  auto huge = RunCommand(Modelbench() + " benchmark " + SourcePath("examples/resnet20_cifar10.pb") +
                             " --input net_input:100000000x32x32x3 --runs 1",
                         dir);
  EXPECT_EQ(huge.exit_code, 1);
  EXPECT_THAT(huge.err, HasSubstr("memory limit"));
}

TEST(ModelbenchBenchmarkTest, InputShapeOverride) {
  const std::string dir = ScratchDir();
  auto result =
      RunCommand(Modelbench() + " benchmark " + SourcePath("examples/resnet20_cifar10.pb") +
                     " --input net_input:4x32x32x3:float --runs 3 --warmup 0",
                 dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Runs         3 (after 0 warm-up)\n"));
  EXPECT_THAT(result.out, ContainsRegex("Throughput   [0-9.]+ inferences/s\n"));
}

}  // namespace
}  // namespace mb
