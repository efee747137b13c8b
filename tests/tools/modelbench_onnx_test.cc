// The modelbench subcommands on an ONNX model (../shared/samples/onnx/ppocr_cls, a real
// PaddleOCR model), run as a user runs them. Expected facts come from the file as Python's
// onnx package reads it (IR version 8, default-domain opset 9, 471 nodes: 250 Constant,
// 53 Conv, 35 BatchNormalization) and from ONNX Runtime's output in the sample folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/npy.h"
#include "tests/testing/subprocess.h"
#include "tests/testing/tensor_matchers.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::BinaryPath;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::testing::HasSubstr;

std::string Modelbench() { return BinaryPath("bin/modelbench"); }
std::string Sample(const std::string& file) {
  return SourcePath("../shared/samples/onnx/ppocr_cls/" + file);
}

TEST(ModelbenchOnnxTest, SummarizeShowsOnnxFacts) {
  auto result = RunCommand(Modelbench() + " summarize " + Sample("model.onnx"), ScratchDir());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Format      ONNX\n"));
  EXPECT_THAT(result.out, HasSubstr("IR version  8\n"));
  EXPECT_THAT(result.out, HasSubstr("Opsets      ai.onnx 9\n"));
  EXPECT_THAT(result.out, HasSubstr("Nodes       471\n"));
  EXPECT_THAT(result.out, HasSubstr("  250  Constant\n"));
  EXPECT_THAT(result.out, HasSubstr("   53  Conv\n"));
  EXPECT_THAT(result.out, HasSubstr("   35  BatchNormalization\n"));
  // The declared input keeps its symbolic dimensions by name.
  EXPECT_THAT(result.out, HasSubstr("x  float32  [p2o.DynamicDimension.0,3,p2o.DynamicDimension.1,"
                                    "p2o.DynamicDimension.2]"));
}

TEST(ModelbenchOnnxTest, SymbolicInputNeedsAShapeThenBenchmarks) {
  const std::string scratch = ScratchDir();
  auto refused = RunCommand(Modelbench() + " benchmark " + Sample("model.onnx"), scratch);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("give --input x:DIMS"));
  auto result = RunCommand(Modelbench() + " benchmark " + Sample("model.onnx") +
                               " --input x:1x3x48x192 --runs 3 --warmup 1 --peak=100",
                           scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Latency"));
  EXPECT_THAT(result.out, HasSubstr("Conv"));
}

TEST(ModelbenchOnnxTest, RunMatchesOnnxRuntime) {
  const std::string scratch = ScratchDir();
  auto result = RunCommand(Modelbench() + " run " + Sample("model.onnx") + " --input x=" +
                               Sample("input_0.npy") + " --output-dir " + scratch + "/out",
                           scratch);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto actual = ReadNpy(scratch + "/out/softmax_0.tmp_0.npy");
  ASSERT_TRUE(actual.ok()) << actual.status().ToString();
  auto expected = ReadNpy(Sample("output_0.npy"));
  ASSERT_TRUE(expected.ok());
  ASSERT_EQ(actual->shape, expected->shape);
  const auto a = ::mb::testing::FloatsOf(actual->data);
  const auto e = ::mb::testing::FloatsOf(expected->data);
  EXPECT_TRUE(
      ::mb::testing::AllClose(a.data(), e.data(), static_cast<int64_t>(a.size()), 1e-3, 1e-4));
}

TEST(ModelbenchOnnxTest, AnalyzeCountsOnnxOps) {
  auto result = RunCommand(
      Modelbench() + " analyze " + Sample("model.onnx") + " --input x:1x3x48x192", ScratchDir());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Conv"));
  EXPECT_THAT(result.out, HasSubstr("HardSigmoid"));
}

}  // namespace
}  // namespace mb
