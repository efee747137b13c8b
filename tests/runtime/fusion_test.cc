// Conv -> batch norm -> ReLU chains fold into the convolution's kernel while every node
// keeps its step; the numbers stay right (the OpenCV and sample-model tests compare the
// fused ResNet-20 and the sample models with other runtimes).
#include <gtest/gtest.h>

#include "importers/importer.h"
#include "runtime/session.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

TEST(FusionTest, ResNet20BatchNormsAndFirstRelusFoldIntoTheirConvolutions) {
  auto model = importers::LoadModel(testing::SourcePath("examples/resnet20_cifar10.pb"));
  ASSERT_TRUE(model.ok());
  auto session = runtime::Session::Create(std::move(model).value());
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE((*session)->Prepare({{"net_input", ir::DType::kFloat32, {1, 32, 32, 3}}}, {}).ok());
  int fused_batch_norms = 0, fused_relus = 0, steps = 0;
  for (const runtime::Step& step : (*session)->steps()) {
    ++steps;
    const ir::Node& node = (*session)->graph().node(step.node);
    const bool fused = step.kernel->name().substr(0, 6) == "fused:";
    if (node.op_type == "FusedBatchNormV3") {
      EXPECT_TRUE(fused) << node.name;
      fused_batch_norms += fused;
    }
    if (node.op_type == "Relu") fused_relus += fused;
    if (fused) {
      EXPECT_EQ(step.output_bytes, 0) << node.name;
    }
  }
  // Every one of the 19 convolutions is followed by its batch norm; 10 ReLUs follow a batch
  // norm directly (the stem and the first of each block), the other 9 follow a residual Add.
  EXPECT_EQ(steps, 74);
  EXPECT_EQ(fused_batch_norms, 19);
  EXPECT_EQ(fused_relus, 10);
}

TEST(FusionTest, AFetchedIntermediateIsNotFused) {
  auto model = importers::LoadModel(testing::SourcePath("examples/resnet20_cifar10.pb"));
  ASSERT_TRUE(model.ok());
  auto session = runtime::Session::Create(std::move(model).value());
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE((*session)
                  ->Prepare({{"net_input", ir::DType::kFloat32, {1, 32, 32, 3}}},
                            {"net_output", "conv1/Conv2D"})
                  .ok());
  for (const runtime::Step& step : (*session)->steps()) {
    if ((*session)->graph().node(step.node).name == "bn1/FusedBatchNormV3") {
      EXPECT_EQ(step.kernel->name().substr(0, 6), "cpu:ch");
    }
  }
}

}  // namespace
}  // namespace mb
