// fuzz_onnx findings, as the clean errors they must now produce.
#include <gtest/gtest.h>

#include "analysis/shape_inference.h"
#include "importers/importer.h"
#include "tests/testing/test_paths.h"

namespace mb {
namespace {

// tests/regressions/onnx/relu_without_outputs.onnx: a Relu node that lists no outputs. The
// importer maps it onto the engine's Relu, whose shape function wrote output 0 of an empty
// vector (a write out of bounds, during shape inference and Session::Prepare). The model
// still loads (a summary can count the node); shape inference names the node.
TEST(FuzzOnnxRegressionTest, NodeWithoutOutputsFailsShapeInferenceCleanly) {
  auto model = importers::LoadModel(
      ::mb::testing::SourcePath("tests/regressions/onnx/relu_without_outputs.onnx"));
  ASSERT_TRUE(model.ok()) << model.status().message();
  const Status status = analysis::InferShapes(&model->graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "node 'Relu_0' (Relu): has 0 outputs, but the op produces 1");
}

// tests/regressions/onnx/identity_absent_input.onnx: Identity(input "" , x). Its one operand
// is absent (kNoValue), so "every operand is constant" held vacuously and shape inference
// read graph value -1 to pass a constant through. An absent operand now passes nothing.
TEST(FuzzOnnxRegressionTest, IdentityOfAbsentInputPassesNothing) {
  auto model = importers::LoadModel(
      ::mb::testing::SourcePath("tests/regressions/onnx/identity_absent_input.onnx"));
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_TRUE(analysis::InferShapes(&model->graph).ok());
  const std::optional<ir::ValueId> y = model->graph.FindValue("y");
  ASSERT_TRUE(y.has_value());
  EXPECT_EQ(model->graph.value(*y).constant, nullptr);
}

}  // namespace
}  // namespace mb
