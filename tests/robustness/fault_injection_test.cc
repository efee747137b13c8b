// Damaged model files: every example model truncated at many offsets and with bits flipped at
// many positions. Each case must end in a clean error or a successful load, never a crash, a
// hang or (under the sanitizer preset) a memory error, through both the modelbench loader
// and the summarize_graph drop-in. The ONNX sample (../shared/samples/onnx/ppocr_cls) goes
// through the loader, the summary and Session::Prepare.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "analysis/summary.h"
#include "importers/importer.h"
#include "report/summary_report.h"
#include "runtime/session.h"
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

constexpr char kOnnxModel[] = "../shared/samples/onnx/ppocr_cls/model.onnx";

// Loads `path`; when it loads, summarizes it and prepares a session with every input's
// declared shape (unknown dims: 1 for the batch, 48 elsewhere, which suits the OCR classifier's
// [N, 3, H, W]). Returns true if the loader accepted it.
bool LoadAndPrepareOnnx(const std::string& path) {
  auto model = importers::LoadModel(path);
  if (!model.ok()) {
    EXPECT_EQ(model.status().message().rfind(path + ": ", 0), 0u) << model.status().message();
    return false;
  }
  EXPECT_FALSE(report::SummaryToJson(analysis::SummarizeModel(*model)).empty());
  std::vector<runtime::TensorSpec> specs;
  int64_t elements = 0;
  for (ir::ValueId id : model->graph.inputs()) {
    const ir::Value& value = model->graph.value(id);
    if (!value.shape.rank_known()) return true;
    runtime::TensorSpec spec{value.name, value.dtype, {}};
    int64_t count = 1;
    for (int d = 0; d < value.shape.rank(); ++d) {
      const ir::Dim& dim = value.shape.dim(d);
      spec.shape.push_back(dim.is_known() ? dim.size() : (d == 0 ? 1 : 48));
      if (spec.shape.back() > 4096) return true;  // a flipped dim: too big to prepare quickly
      count *= spec.shape.back();
    }
    elements += count;
    specs.push_back(std::move(spec));
  }
  if (elements > (int64_t{1} << 20)) return true;
  auto session = runtime::Session::Create(std::move(model).value());
  if (session.ok()) (void)(*session)->Prepare(specs, {});
  return true;
}

class OnnxFaultInjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    original_ = ReadTextFile(SourcePath(kOnnxModel));
    if (original_.empty()) GTEST_SKIP() << kOnnxModel << " is not available";
  }
  std::string original_;
};

TEST_F(OnnxFaultInjectionTest, TruncationsEndCleanly) {
  const std::string path = ScratchDir() + "/model.onnx";
  const size_t kCuts = 64;
  int accepted = 0;
  for (size_t i = 0; i < kCuts; ++i) {
    // Denser near the start, where the graph's structure (nodes before their weights) is.
    const size_t cut = i < kCuts / 2 ? 4096 * i / (kCuts / 2) : original_.size() * i / kCuts;
    WriteTextFile(path, original_.substr(0, cut));
    SCOPED_TRACE("cut at " + std::to_string(cut));
    accepted += LoadAndPrepareOnnx(path);
  }
  EXPECT_LT(accepted, static_cast<int>(kCuts));
}

TEST_F(OnnxFaultInjectionTest, BitFlipsEndCleanly) {
  const std::string path = ScratchDir() + "/model.onnx";
  const unsigned seed = 20261127;
  std::mt19937 rng(seed);
  SCOPED_TRACE("seed " + std::to_string(seed));
  for (int trial = 0; trial < 256; ++trial) {
    std::string damaged = original_;
    const int flips = 1 + trial % 4;
    std::ostringstream where;
    where << "trial " << trial << ", flipped byte.bit";
    for (int f = 0; f < flips; ++f) {
      // Half the flips land in the first 8 KiB or the last 2 KiB (ModelProto header, the first
      // nodes, graph inputs and outputs); the rest anywhere, mostly constant data.
      size_t position = rng() % damaged.size();
      if (trial % 2 == 0) {
        const size_t offset = rng() % 10240;
        position = offset < 8192 ? offset : damaged.size() - 1 - (offset - 8192);
      }
      int bit = static_cast<int>(rng() % 8);
      damaged[position] = static_cast<char>(damaged[position] ^ (1 << bit));
      where << " " << position << "." << bit;
    }
    WriteTextFile(path, damaged);
    SCOPED_TRACE(where.str());
    LoadAndPrepareOnnx(path);
  }
}

}  // namespace
}  // namespace mb
