// The summarize_graph drop-in, run as TF users run it. The golden files in
// golden/summarize_graph/ were derived by hand from the spec's rules (see the README there),
// independently of the implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/testing/subprocess.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::BinaryPath;
using ::mb::testing::ReadTextFile;
using ::mb::testing::RunCommand;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

// Runs summarize_graph from the source root, so relative paths read as in the goldens.
::mb::testing::CommandResult RunSummarizeGraph(const std::string& flags) {
  return RunCommand(
      "cd " + SourcePath("") + " && " + BinaryPath("bin/summarize_graph") + " " + flags,
      ScratchDir());
}

std::string Golden(const std::string& name) {
  return ReadTextFile(SourcePath("tests/tools/golden/summarize_graph/" + name));
}

struct GoldenCase {
  const char* model;   // path relative to the source root
  const char* golden;  // file in golden/summarize_graph/
  bool print_structure;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.golden; }

class SummarizeGraphGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(SummarizeGraphGoldenTest, MatchesTensorFlowLayout) {
  const GoldenCase& c = GetParam();
  std::string flags = std::string("--in_graph=") + c.model;
  if (c.print_structure) flags += " --print_structure=true";
  auto result = RunSummarizeGraph(flags);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, Golden(c.golden));
}

INSTANTIATE_TEST_SUITE_P(
    Examples, SummarizeGraphGoldenTest,
    ::testing::Values(
        GoldenCase{"examples/resnet20_cifar10.pb", "resnet20_cifar10.pb.txt", false},
        GoldenCase{"examples/graphs/variables.pbtxt", "variables.pbtxt.txt", false},
        GoldenCase{"examples/graphs/variables.pbtxt", "variables.pbtxt.structure.txt", true},
        GoldenCase{"examples/graphs/control_edges.pbtxt", "control_edges.pbtxt.txt", false},
        GoldenCase{"examples/graphs/control_edges.pbtxt", "control_edges.pbtxt.structure.txt",
                   true},
        GoldenCase{"examples/graphs/multi_io.pbtxt", "multi_io.pbtxt.txt", false},
        GoldenCase{"examples/graphs/multi_io.pbtxt", "multi_io.pbtxt.structure.txt", true},
        GoldenCase{"examples/graphs/function_library.pb", "function_library.pb.txt", false},
        GoldenCase{"examples/graphs/function_library.pb", "function_library.pb.structure.txt",
                   true}),
    [](const ::testing::TestParamInfo<GoldenCase>& info) {
      std::string name = info.param.golden;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(SummarizeGraphTest, EmptyInGraphLogsUsageAndExits255) {
  auto result = RunSummarizeGraph("");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err,
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]{15}: E "
                           "tensorflow/tools/graph_transforms/summarize_graph_main.cc:[0-9]+\\] "
                           "in_graph graph can't be empty.\n(.|\n)*"));
  EXPECT_THAT(result.err, HasSubstr("\nusage: "));
  EXPECT_THAT(result.err, HasSubstr("\nFlags:\n\t--in_graph=\"\"                    \tstring\t"
                                    "input graph file name\n"));
  EXPECT_THAT(result.err, HasSubstr("\t--print_structure=false          \tbool\t"));
}

TEST(SummarizeGraphTest, UnknownArgument) {
  auto result = RunSummarizeGraph("--in_graph=x.pb --verbose");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_THAT(result.err, HasSubstr("] Unknown argument --verbose.\nusage: "));
}

TEST(SummarizeGraphTest, BadBoolValue) {
  auto result = RunSummarizeGraph("--in_graph=x.pb --print_structure=1");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_THAT(result.err, HasSubstr("Couldn't interpret value =1 for flag print_structure."));
}

TEST(SummarizeGraphTest, MissingFile) {
  auto result = RunSummarizeGraph("--in_graph=no/such.pb");
  EXPECT_EQ(result.exit_code, 255);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("] Loading graph 'no/such.pb' failed with "));
}

TEST(SummarizeGraphTest, InvalidInputsAreListedThenTheToolFails) {
  std::string dir = ScratchDir();
  WriteTextFile(dir + "/g.pbtxt",
                "node { name: 'x' op: 'Placeholder' }\n"
                "node { name: 'y' op: 'Relu' input: 'ghost:1' input: '^phantom' }\n");
  auto result =
      RunCommand(BinaryPath("bin/summarize_graph") + " --in_graph=" + dir + "/g.pbtxt", dir);
  EXPECT_EQ(result.exit_code, 255);
  // Summary lines up to the control-edge count, then one line per invalid input.
  EXPECT_THAT(result.out, EndsWith("and 1 control_edges\nInvalid input ghost for node y\n"
                                   "Invalid input phantom for node y\n"));
  EXPECT_THAT(result.err,
              HasSubstr("] Invalid graph with inputs referring to nonexistent nodes\nusage: "));
}

TEST(SummarizeGraphTest, UndecodableConstWarnsAndIsNotCounted) {
  std::string dir = ScratchDir();
  WriteTextFile(dir + "/g.pbtxt",
                "node { name: 'w' op: 'Const' attr { key: 'value' value { tensor { "
                "dtype: DT_FLOAT tensor_shape { dim { size: 2 } } tensor_content: 'abc' } } } }\n"
                "node { name: 'k' op: 'Const' attr { key: 'value' value { tensor { "
                "dtype: DT_INT32 tensor_shape { dim { size: 5 } } int_val: 1 } } } }\n");
  auto result =
      RunCommand(BinaryPath("bin/summarize_graph") + " --in_graph=" + dir + "/g.pbtxt", dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Found 5 (5) const parameters, 0 (0) variable parameters, "
                                    "and 0 control_edges\n"));
  EXPECT_THAT(result.err, HasSubstr("] Decoding Tensor failed for nodew\n"));
}

}  // namespace
}  // namespace mb
