// Damaged model files: every example model truncated at many offsets and with bits flipped at
// many positions. Each case must end in a clean error or a successful load, never a crash, a
// hang or (under the sanitizer preset) a memory error, through both the modelbench loader
// and the summarize_graph drop-in.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "analysis/summary.h"
#include "importers/importer.h"
#include "report/summary_report.h"
#include "tests/testing/test_paths.h"
#include "tools/summarize_graph/summarize_graph.h"

namespace mb {
namespace {

using ::mb::testing::ReadTextFile;
using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;

const char* const kModels[] = {
    "examples/resnet20_cifar10.pb",        "examples/graphs/variables.pbtxt",
    "examples/graphs/control_edges.pbtxt", "examples/graphs/function_library.pb",
    "examples/graphs/multi_io.pbtxt",
};

// Loads and summarizes `path` both ways; returns true if the modelbench loader accepted it.
bool LoadBothWays(const std::string& path) {
  auto model = importers::LoadModel(path);
  if (model.ok()) {
    analysis::ModelSummary summary = analysis::SummarizeModel(*model);
    EXPECT_FALSE(report::SummaryToJson(summary).empty());
  } else {
    EXPECT_FALSE(model.status().message().empty());
    EXPECT_EQ(model.status().message().rfind(path + ": ", 0), 0u) << model.status().message();
  }
  std::ostringstream out, log;
  std::string flag = "--in_graph=" + path;
  std::string argv0 = "summarize_graph";
  std::string structure = "--print_structure=true";
  char* argv[] = {argv0.data(), flag.data(), structure.data(), nullptr};
  int exit_code = tools::SummarizeGraphMain(3, argv, {out, log});
  EXPECT_TRUE(exit_code == 0 || exit_code == 255) << exit_code;
  return model.ok();
}

class FaultInjectionTest : public ::testing::TestWithParam<const char*> {};

TEST_P(FaultInjectionTest, TruncationsEndCleanly) {
  const std::string original = ReadTextFile(SourcePath(GetParam()));
  ASSERT_FALSE(original.empty());
  const std::string path = ScratchDir() + "/truncated";
  const size_t kCuts = 64;
  int accepted = 0;
  for (size_t i = 0; i < kCuts; ++i) {
    size_t cut = original.size() * i / kCuts;
    WriteTextFile(path, original.substr(0, cut));
    SCOPED_TRACE("cut at " + std::to_string(cut));
    accepted += LoadBothWays(path);
  }
  // A cut can land on a message boundary and leave a valid shorter graph; most must fail.
  EXPECT_LT(accepted, static_cast<int>(kCuts));
}

TEST_P(FaultInjectionTest, BitFlipsEndCleanly) {
  const std::string original = ReadTextFile(SourcePath(GetParam()));
  const std::string path = ScratchDir() + "/flipped";
  const unsigned seed = 20261126;
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  for (int trial = 0; trial < 200; ++trial) {
    std::string damaged = original;
    const int flips = 1 + trial % 4;
    std::ostringstream where;
    where << "trial " << trial << ", flipped byte.bit";
    for (int f = 0; f < flips; ++f) {
      size_t position = rng() % damaged.size();
      int bit = static_cast<int>(rng() % 8);
      damaged[position] = static_cast<char>(damaged[position] ^ (1 << bit));
      where << " " << position << "." << bit;
    }
    WriteTextFile(path, damaged);
    SCOPED_TRACE(where.str());
    LoadBothWays(path);
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, FaultInjectionTest, ::testing::ValuesIn(kModels),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name = info.param;
                           name = name.substr(name.rfind('/') + 1);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace mb
