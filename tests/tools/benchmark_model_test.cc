// The benchmark_model drop-in, run as TF users run it. Expected values are worked out by hand
// from the example model's architecture (examples/README.md) and the spec; no timing value is
// asserted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "test_log.pb.h"
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
using ::testing::Not;

// `scratch` receives the captured output; by default a fresh directory for the test.
::mb::testing::CommandResult RunBenchmarkModel(const std::string& flags,
                                               const std::string& scratch = "") {
  return RunCommand(
      "cd " + SourcePath("") + " && " + BinaryPath("bin/benchmark_model") + " " + flags,
      scratch.empty() ? ScratchDir() : scratch);
}

// The seed's command line, shortened to a few runs.
const char* kResNetFlags =
    "--graph=examples/resnet20_cifar10.pb --input_layer=net_input "
    "--input_layer_shape=1,32,32,3 --input_layer_type=float --output_layer=net_output "
    "--show_flops=true --num_threads=1 --max_num_runs=5";

TEST(BenchmarkModelTest, ResNet20FlowTablesAndFlops) {
  auto result = RunBenchmarkModel(kResNetFlags);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");  // everything goes to the log (stderr), as in TF
  const std::string& log = result.err;
  EXPECT_THAT(log, HasSubstr("] Graph: [examples/resnet20_cifar10.pb]\n"));
  EXPECT_THAT(log, HasSubstr("] Init ops:\n"));
  EXPECT_THAT(log, HasSubstr("] Num runs: [5]\n"));
  EXPECT_THAT(log, HasSubstr("] Show sizes: [0]\n"));
  EXPECT_THAT(log, HasSubstr("] Running benchmark for max 1 iterations, max -1 seconds without "
                             "detailed stat logging, with -1s sleep between inferences\n"));
  EXPECT_THAT(log, HasSubstr("] Running benchmark for max 5 iterations, max 10 seconds with "
                             "detailed stat logging, with -1s sleep between inferences\n"));
  EXPECT_THAT(log, ContainsRegex("\\] count=5 first=[0-9]+ curr=[0-9]+ min=[0-9]+ max=[0-9]+ "
                                 "avg=[0-9.e+]+ std=[0-9]+\n"));
  EXPECT_THAT(log, ContainsRegex("Average inference timings in us: Warmup: [0-9]+, no stats: "
                                 "[0-9]+, with stats: [0-9]+\n"));
  for (const char* title :
       {"Run Order", "Top by Computation Time", "Top by Memory Use", "Summary by node type"}) {
    EXPECT_THAT(log, HasSubstr(std::string("] ============================== ") + title +
                               " ==============================\n"));
  }
  // Executed nodes: 19 Conv2D, 19 FusedBatchNormV3, 19 Relu, 9 Add, 2 MaxPool, 2 Pad, Mean,
  // MatMul, BiasAdd, Softmax = 74. Consts, the Placeholder and the Identity reads of weights
  // are folded away before running.
  EXPECT_THAT(log, HasSubstr("] Number of nodes executed: 74\n"));
  EXPECT_THAT(log, HasSubstr("] 74 nodes observed\n"));
  EXPECT_THAT(log, ContainsRegex("\t +Conv2D\t +19\t"));
  // Memory: the 32x32x16 float output of conv1 is 65,536 bytes, printed as KB / 1000.
  EXPECT_THAT(log, ContainsRegex("\t +Conv2D\t +[0-9.]+\t +[0-9.]+\t +[0-9.]+%\t +[0-9.]+%\t +"
                                 "65.536\t +1\tconv1/Conv2D\n"));
  // FLOPs (spec 2): 2 x 40,551,040 MACs = 81,102,080 -> "81.10M".
  //   conv1 32*32*16*27 = 442,368; stage 1: 6 x 32*32*16*144; stages 2 and 3: first conv
  //   16*16*32*144 and 8*8*64*288, then 5 x 2,359,296 each; fc 64*10.
  EXPECT_THAT(log, HasSubstr("] FLOPs estimate: 81.10M\n"));
  EXPECT_THAT(log, ContainsRegex("\\] FLOPs/second: [0-9.]+[kMBT]?\n"));
}

TEST(BenchmarkModelTest, ShowFlagsTurnTablesOff) {
  auto result = RunBenchmarkModel(std::string(kResNetFlags) +
                                  " --show_run_order=false --show_time=false --show_memory=false "
                                  "--show_type=false --show_summary=false --show_flops=false");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, Not(HasSubstr("==============================")));
  EXPECT_THAT(result.err, Not(HasSubstr("FLOPs estimate")));
}

TEST(BenchmarkModelTest, MismatchedListsLogFourLinesAndExit255) {
  auto result = RunBenchmarkModel(
      "--graph=x.pb --input_layer=a,b --input_layer_shape=1 "
      "--input_layer_type=float");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_THAT(result.err, HasSubstr("] There must be the same number of items in --input_layer, "
                                    "--input_layer_shape, and --input_layer_type, for example "
                                    "--input_layer=input1,input2 --input_layer_type=float,float  "
                                    "--input_layer_shape=1,224,224,4:1,20\n"));
  EXPECT_THAT(result.err, HasSubstr("] --input_layer=a,b (2 items)\n"));
  EXPECT_THAT(result.err, HasSubstr("] --input_layer_type=float (1 items)\n"));
  EXPECT_THAT(result.err, HasSubstr("] --input_layer_shape=1 (1 items)\n"));
}

TEST(BenchmarkModelTest, UnknownSizeIsRefused) {
  auto result = RunBenchmarkModel(
      "--graph=examples/resnet20_cifar10.pb --input_layer=net_input "
      "--input_layer_shape=-1,32,32,3 --output_layer=net_output");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_THAT(result.err, HasSubstr("] Any unknown sizes in the shapes (-1's) must be replaced "
                                    "with the size you want to benchmark with.\n"));
}

TEST(BenchmarkModelTest, UnknownArgument) {
  auto result = RunBenchmarkModel("--num_runs=5");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_THAT(result.err, HasSubstr("] Unknown argument --num_runs=5\nusage: "));
}

TEST(BenchmarkModelTest, InvalidTypeAbortsLikeTfCheck) {
  auto result = RunBenchmarkModel(
      "--graph=examples/resnet20_cifar10.pb --input_layer=net_input "
      "--input_layer_shape=1,32,32,3 --input_layer_type=floaty "
      "--output_layer=net_output");
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr(": F tensorflow/tools/benchmark/benchmark_model.cc:"));
  EXPECT_THAT(result.err, HasSubstr("floaty was an invalid type"));
}

TEST(BenchmarkModelTest, UnsupportedOpsAreListedBeforeAnythingRuns) {
  std::string dir = ScratchDir();
  WriteTextFile(
      dir + "/g.pbtxt",
      "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: DT_FLOAT } } }\n"
      "node { name: 'a' op: 'Frobnicate' input: 'x' }\n"
      "node { name: 'b' op: 'Frobnicate' input: 'a' }\n"
      "node { name: 'c' op: 'Zap' input: 'b' }\n");
  auto result = RunCommand(BinaryPath("bin/benchmark_model") + " --graph=" + dir +
                               "/g.pbtxt --input_layer=x --input_layer_shape=2 --output_layer=c",
                           dir);
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_THAT(result.err,
              HasSubstr("] Could not create TensorFlow Session: UNIMPLEMENTED: 2 unsupported op "
                        "types: Frobnicate (2 nodes, first 'a'), Zap (1 node, first 'c')\n"));
  EXPECT_THAT(result.err, Not(HasSubstr("Running benchmark")));
}

TEST(BenchmarkModelTest, WritesTestReporterFiles) {
  const std::string dir = ScratchDir();
  const std::string flags =
      std::string(kResNetFlags) + " --benchmark_name=resnet/20 " + "--output_prefix=" + dir + "/";
  auto result = RunBenchmarkModel(flags, dir);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // '/' in the name becomes "__" in the file name (spec 1.9).
  auto read = [&](const std::string& file) {
    tfproto::BenchmarkEntries entries;
    EXPECT_TRUE(entries.ParseFromString(testing::ReadTextFile(dir + "/" + file))) << file;
    return entries;
  };
  tfproto::BenchmarkEntries main_entry = read("resnet__20");
  ASSERT_EQ(main_entry.entry_size(), 1);
  EXPECT_EQ(main_entry.entry(0).name(), "resnet/20");
  EXPECT_EQ(main_entry.entry(0).iters(), 5);
  EXPECT_DOUBLE_EQ(main_entry.entry(0).cpu_time(), -1.0 / 5);
  EXPECT_GT(main_entry.entry(0).throughput(), 0);
  EXPECT_EQ(read("resnet__20_meta-init").entry(0).iters(), 1);
  EXPECT_EQ(read("resnet__20_meta-first-inference").entry(0).iters(), 1);
  EXPECT_EQ(read("resnet__20_Conv2D").entry(0).throughput(), -1);
  EXPECT_THAT(result.err, HasSubstr("] Outputting: [Conv2D]\n"));
  // A second run finds the files and aborts, as TF's QCHECK does.
  auto again = RunBenchmarkModel(flags, dir);
  EXPECT_NE(again.exit_code, 0);
  EXPECT_THAT(again.err,
              HasSubstr("Cannot create TestReporter, file exists: " + dir + "/resnet__20"));
}

TEST(BenchmarkModelTest, MissingGraph) {
  auto result = RunBenchmarkModel("--graph=no/such.pb --input_layer=x --input_layer_shape=1");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_THAT(result.err, HasSubstr("] Could not create TensorFlow Graph: "));
  EXPECT_THAT(result.err, HasSubstr("no/such.pb: no such file"));
}

}  // namespace
}  // namespace mb
