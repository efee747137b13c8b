// `modelbench analyze`, run as a user runs it. Expected totals are worked out by hand from
// the ResNet-20 architecture (examples/README.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/subprocess.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::BinaryPath;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string Analyze(const std::string& flags) {
  auto result = RunCommand(BinaryPath("bin/modelbench") + " analyze " +
                               SourcePath("examples/resnet20_cifar10.pb") + " " + flags,
                           ScratchDir());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result.out;
}

TEST(ModelbenchAnalyzeTest, FullCountOfResNet20) {
  const std::string out = Analyze("");
  // conv1: 32x32x16 outputs x 3x3x3 taps = 442,368 MACs = 884,736 FLOPs; 3x3x3x16 = 432 weights.
  EXPECT_THAT(out, ContainsRegex("Conv2D +conv1/Conv2D +\\[1,32,32,16\\] +432 +884,736 +442,368"));
  // All 19 convolutions and the fc: 40,551,040 MACs. Parameters: conv 267,696 + batch norm
  // 4 x 688 + fc 640 + 10 = 271,098.
  EXPECT_THAT(out, ContainsRegex("total +74 nodes +271,098 +[0-9,]+ +40,551,040"));
  EXPECT_THAT(out, Not(HasSubstr("Not counted")));
}

TEST(ModelbenchAnalyzeTest, TensorFlowConventionMatchesBenchmarkModel) {
  const std::string out = Analyze("--flops=tf");
  // TF counts the 19 Conv2D and the MatMul: 2 x 40,551,040 = 81,102,080 FLOPs.
  EXPECT_THAT(out, ContainsRegex("total +20 nodes +268,336 +81,102,080 +40,551,040"));
  EXPECT_THAT(out, HasSubstr("Not counted by this convention: 9 Add, 1 BiasAdd, 19 "
                             "FusedBatchNormV3, 2 MaxPool, 1 Mean, 2 Pad, 19 Relu, 1 Softmax\n"));
}

TEST(ModelbenchAnalyzeTest, JsonAndCsv) {
  const std::string json = Analyze("--format=json");
  EXPECT_THAT(json, StartsWith("{\n  \"schema\": \"modelbench.analysis/1\",\n"
                               "  \"flops_convention\": \"full\",\n"));
  EXPECT_THAT(json, HasSubstr("\"macs\": 40551040,"));
  const std::string csv = Analyze("--format=csv --flops=tf");
  EXPECT_THAT(csv, StartsWith("name,op_type,output_shape,parameters,flops,macs,bytes_read,"
                              "bytes_written,flops_per_byte,parameter_bytes,activation_bytes\n"
                              "conv1/Conv2D,Conv2D,\"[1,32,32,16]\",432,884736,442368,"));
  // conv1 reads 3x3x3x16 float weights (1,728 bytes) and writes 32x32x16 floats (65,536).
  EXPECT_THAT(csv, ContainsRegex("\nconv1/Conv2D,[^\n]*,1728,65536\n"));
  EXPECT_THAT(csv, ContainsRegex("\ntotal,,,268336,81102080,40551040,[0-9]+,[0-9]+,[0-9.]+,1073344,"
                                 "[0-9]+\n$"));
}

TEST(ModelbenchAnalyzeTest, BatchScalesTheCount) {
  EXPECT_THAT(Analyze("--input net_input:4x32x32x3 --flops=tf"),
              ContainsRegex("total +20 nodes +268,336 +324,408,320 +162,204,160"));
}

TEST(ModelbenchAnalyzeTest, OpsWithoutAFormulaAreListedNotDropped) {
  const std::string dir = ScratchDir();
  WriteTextFile(dir + "/g.pbtxt",
                "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } }"
                " attr { key: 'shape' value { shape { dim { size: 2 } } } } }\n"
                "node { name: 'r' op: 'Relu' input: 'x' }\n"
                "node { name: 'f' op: 'Frobnicate' input: 'r' }\n");
  auto result = RunCommand(BinaryPath("bin/modelbench") + " analyze " + dir + "/g.pbtxt", dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, ContainsRegex("Relu +r +\\[2\\] +0 +2 +0 +8 +8"));
  EXPECT_THAT(result.out, HasSubstr("Not counted by this convention: 1 Frobnicate\n"));
}

}  // namespace
}  // namespace mb
