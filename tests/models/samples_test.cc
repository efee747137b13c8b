// Whole-model correctness against implementations nobody here wrote: the real-world models in
// ../shared/samples/ (TF graphs whose outputs TF.js computed, an ONNX model whose outputs ONNX
// Runtime computed; see the samples' README), run through the engine as `modelbench run`
// runs them.
#include <gtest/gtest.h>

#include "base/npy.h"
#include "importers/importer.h"
#include "runtime/session.h"
#include "tests/testing/tensor_matchers.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

using ::mb::testing::AllClose;
using ::mb::testing::FloatsOf;
using ::mb::testing::SourcePath;

struct Sample {
  const char* folder;  // under ../shared/samples/
  const char* model;   // file in the folder
  const char* input;
  std::vector<std::pair<const char*, const char*>> outputs;  // tensor name, reference file
};

void PrintTo(const Sample& sample, std::ostream* os) { *os << sample.folder; }

class SampleTest : public ::testing::TestWithParam<std::tuple<Sample, int>> {};

TEST_P(SampleTest, MatchesReferenceRuntimeOutputs) {
  const auto& [sample, threads] = GetParam();
  const std::string dir = SourcePath(std::string("../shared/samples/") + sample.folder);
  auto input = ReadNpy(dir + "/input_0.npy");
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  auto model = importers::LoadModel(dir + "/" + sample.model);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = runtime::Session::Create(std::move(model).value(), {.num_threads = threads});
  ASSERT_TRUE(session.ok());
  std::vector<std::string> output_names;
  for (const auto& [name, file] : sample.outputs) output_names.push_back(name);
  Status prepared =
      (*session)->Prepare({{sample.input, ir::DType::kFloat32, input->shape}}, output_names);
  ASSERT_TRUE(prepared.ok()) << prepared.ToString();
  std::memcpy((*session)->input(0).data, input->data.data(), input->data.size());
  Status ran = (*session)->Run();
  ASSERT_TRUE(ran.ok()) << ran.ToString();
  for (size_t i = 0; i < sample.outputs.size(); ++i) {
    auto expected = ReadNpy(dir + "/" + sample.outputs[i].second);
    ASSERT_TRUE(expected.ok());
    const ops::TensorView& actual = (*session)->output(static_cast<int>(i));
    ASSERT_EQ(actual.sizes, expected->shape) << sample.outputs[i].first;
    const std::vector<float> want = FloatsOf(expected->data);
    // The samples' README: relative 1e-3, absolute 1e-4.
    EXPECT_TRUE(AllClose(actual.As<float>(), want.data(), actual.num_elements(), 1e-3, 1e-4))
        << sample.outputs[i].first;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Samples, SampleTest,
    ::testing::Combine(
        ::testing::Values(
            Sample{"tf/emotion", "model.pb", "input_1", {{"Identity:0", "output_0.npy"}}},
            Sample{"tf/gender", "model.pb", "input_1", {{"Identity:0", "output_0.npy"}}},
            Sample{"tf/blazeface-front",
                   "model.pb",
                   "input",
                   {{"Identity_1:0", "output_0.npy"},
                    {"Identity_2:0", "output_1.npy"},
                    {"Identity_3:0", "output_2.npy"},
                    {"Identity:0", "output_3.npy"}}},
            // The declared input shape is symbolic; the npy file's shape is fed.
            Sample{"onnx/ppocr_cls", "model.onnx", "x", {{"softmax_0.tmp_0", "output_0.npy"}}}),
        ::testing::Values(1, 2)),
    [](const ::testing::TestParamInfo<std::tuple<Sample, int>>& info) {
      std::string name = std::get<0>(info.param).folder;
      for (char& c : name) {
        if (c == '-' || c == '/') c = '_';
      }
      return name + "_" + std::to_string(std::get<1>(info.param)) + "_threads";
    });

}  // namespace
}  // namespace mb
