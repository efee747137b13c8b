// The example graphs against OpenCV's dnn module (Debian libopencv-dnn-dev), an
// implementation of TF graph semantics nobody here wrote: opencv_tf_reference runs the graph
// through cv::dnn and writes its output; the engine must agree within 1e-4 relative.
#include <gtest/gtest.h>

#include <random>

#include "base/npy.h"
#include "importers/importer.h"
#include "runtime/session.h"
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

NpyArray RandomInput(const std::vector<int64_t>& shape, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  NpyArray array{"<f4", shape, {}};
  int64_t count = 1;
  for (int64_t d : shape) count *= d;
  std::vector<float> values(count);
  for (float& v : values) v = uniform(rng);
  array.data.assign(reinterpret_cast<const char*>(values.data()), count * sizeof(float));
  return array;
}

class OpenCvReferenceTest : public ::testing::TestWithParam<int> {};

TEST_P(OpenCvReferenceTest, ResNet20MatchesOpenCv) {
  const int batch = GetParam();
  const unsigned seed = 20261126 + batch;
  SCOPED_TRACE("seed " + std::to_string(seed));
  const std::string dir = ScratchDir();
  const std::string model_path = SourcePath("examples/resnet20_cifar10.pb");
  const NpyArray input = RandomInput({batch, 32, 32, 3}, seed);
  ASSERT_TRUE(WriteNpy(dir + "/input.npy", input).ok());

  auto reference =
      RunCommand(BinaryPath("tests/opencv_tf_reference") + " " + model_path + " net_input " + dir +
                     "/input.npy net_output " + dir + "/opencv.npy",
                 dir);
  ASSERT_EQ(reference.exit_code, 0) << reference.err;
  auto expected = ReadNpy(dir + "/opencv.npy");
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();

  auto model = importers::LoadModel(model_path);
  ASSERT_TRUE(model.ok());
  auto session = runtime::Session::Create(std::move(model).value());
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE((*session)->Prepare({{"net_input", ir::DType::kFloat32, input.shape}}, {}).ok());
  std::memcpy((*session)->input(0).data, input.data.data(), input.data.size());
  ASSERT_TRUE((*session)->Run().ok());
  const ops::TensorView& actual = (*session)->output(0);
  ASSERT_EQ(actual.sizes, expected->shape);
  const std::vector<float> want = FloatsOf(expected->data);
  EXPECT_TRUE(AllClose(actual.As<float>(), want.data(), actual.num_elements(), 1e-4, 1e-6));
}

INSTANTIATE_TEST_SUITE_P(Batches, OpenCvReferenceTest, ::testing::Values(1, 3));

}  // namespace
}  // namespace mb
