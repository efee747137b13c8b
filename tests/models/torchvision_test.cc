// Real architectures against PyTorch: torchvision models exported to ONNX by
// scripts/export_torchvision.py (random seeded weights, opset 13), each with an input and
// PyTorch's float32 output for it. CTest runs the export first (fixture torchvision_models)
// into <build>/tests/torchvision; this test reads the folder given as its first argument.
//
// Tolerance: every output element within 1e-4 of PyTorch's, relative to the largest output
// magnitude. (An element-wise relative bound is meaningless for logits near zero; both
// runtimes accumulate float32 sums in different orders.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "analysis/cost_analysis.h"
#include "analysis/shape_inference.h"
#include "base/npy.h"
#include "importers/importer.h"
#include "runtime/session.h"
#include "tests/testing/tensor_matchers.h"

namespace mb {
namespace {

using ::mb::testing::FloatsOf;

std::string g_models_dir;

class TorchvisionTest : public ::testing::TestWithParam<std::tuple<const char*, int>> {};

TEST_P(TorchvisionTest, MatchesPyTorch) {
  const auto& [name, threads] = GetParam();
  const std::string dir = g_models_dir + "/" + name;
  ASSERT_TRUE(std::filesystem::exists(dir + "/model.onnx"))
      << dir << " is missing: run scripts/export_torchvision.py (CTest's torchvision_export)";
  auto input = ReadNpy(dir + "/input_0.npy");
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  auto expected = ReadNpy(dir + "/output_0.npy");
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  auto model = importers::LoadModel(dir + "/model.onnx");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  auto session = runtime::Session::Create(std::move(model).value(), {.num_threads = threads});
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  Status prepared = (*session)->Prepare({{"input", ir::DType::kFloat32, input->shape}}, {});
  ASSERT_TRUE(prepared.ok()) << prepared.ToString();
  std::memcpy((*session)->input(0).data, input->data.data(), input->data.size());
  Status ran = (*session)->Run();
  ASSERT_TRUE(ran.ok()) << ran.ToString();

  const ops::TensorView& actual = (*session)->output(0);
  ASSERT_EQ(actual.sizes, expected->shape);
  const std::vector<float> want = FloatsOf(expected->data);
  float scale = 0;
  for (float v : want) scale = std::max(scale, std::fabs(v));
  ASSERT_GT(scale, 0.0f) << "a reference of all zeros checks nothing";
  double worst = 0;
  int64_t worst_index = 0;
  for (int64_t i = 0; i < actual.num_elements(); ++i) {
    const double diff = std::fabs(static_cast<double>(actual.As<float>()[i]) - want[i]);
    if (diff > worst) worst = diff, worst_index = i;
  }
  EXPECT_LE(worst, 1e-4 * scale) << name << ": element " << worst_index << " is "
                                 << actual.As<float>()[worst_index] << ", PyTorch "
                                 << want[worst_index] << " (max |output| " << scale << ")";
}

INSTANTIATE_TEST_SUITE_P(Models, TorchvisionTest,
                         ::testing::Combine(::testing::Values("resnet18", "resnet50",
                                                              "mobilenet_v2", "mobilenet_v3_small",
                                                              "efficientnet_b0", "squeezenet1_1",
                                                              "shufflenet_v2_x1_0", "googlenet",
                                                              "densenet121", "vit_b_16"),
                                            ::testing::Values(1, 2)),
                         [](const ::testing::TestParamInfo<std::tuple<const char*, int>>& info) {
                           return std::string(std::get<0>(info.param)) + "_" +
                                  std::to_string(std::get<1>(info.param)) + "_threads";
                         });

// modelbench analyze's MAC count against the figures torchvision publishes for these
// architectures at 224x224 (its model table's "GFLOPS" column counts multiply-adds):
// ResNet-50 4.09 G, ResNet-18 1.81 G, MobileNetV2 0.30 G.
class PublishedMacsTest : public ::testing::TestWithParam<std::tuple<const char*, double>> {};

TEST_P(PublishedMacsTest, CostAnalysisMatchesPublishedMacs) {
  const auto& [name, published_gmacs] = GetParam();
  auto model = importers::LoadModel(g_models_dir + "/" + name + "/model.onnx");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  analysis::ShapeInferenceOptions options;
  options.input_shapes["input"] = ir::Shape::Static({1, 3, 224, 224});
  ASSERT_TRUE(analysis::InferShapes(&model->graph, options).ok());
  auto cost = analysis::AnalyzeCost(model->graph, analysis::FlopsConvention::kFull);
  ASSERT_TRUE(cost.ok()) << cost.status().ToString();
  const double gmacs = static_cast<double>(cost->total.macs) / 1e9;
  // The published figures have two or three significant digits.
  EXPECT_NEAR(gmacs, published_gmacs, 0.01 * published_gmacs) << name;
}

INSTANTIATE_TEST_SUITE_P(Models, PublishedMacsTest,
                         ::testing::Values(std::make_tuple("resnet50", 4.09),
                                           std::make_tuple("resnet18", 1.81),
                                           std::make_tuple("mobilenet_v2", 0.30)));

}  // namespace
}  // namespace mb

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: torchvision_test MODELS_DIR [gtest flags]\n");
    return 2;
  }
  mb::g_models_dir = argv[1];
  return RUN_ALL_TESTS();
}
