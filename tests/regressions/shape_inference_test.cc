// The fuzz_shape_inference finding, as the clean error it must now produce.
#include "analysis/shape_inference.h"

#include <gtest/gtest.h>

#include <limits>

#include "ops/op_util.h"

namespace mb::analysis {
namespace {

// tests/regressions/shape_inference/shape_without_outputs (and, through the ONNX importer,
// tests/regressions/onnx/relu_without_outputs.onnx): a node mapped onto an engine op but
// with fewer outputs than the op produces. The op's shape function wrote output 0 of an
// empty vector: a write out of bounds. It is now an error naming the node.
TEST(FuzzShapeInferenceRegressionTest, NodeWithoutOutputsIsAnError) {
  ir::Graph graph;
  ir::Value input;
  input.name = "x";
  input.dtype = ir::DType::kFloat32;
  input.shape = ir::Shape::Static({2, 3});
  const ir::ValueId x = graph.AddValue(std::move(input));
  graph.inputs().push_back(x);
  ir::Node node;
  node.name = "shape";
  node.op_type = "Shape";
  node.kind = ir::OpKind::kShape;
  node.inputs = node.operands = {x};
  graph.AddNode(std::move(node));
  const Status status = InferShapes(&graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "node 'shape' (Shape): has 0 outputs, but the op produces 1");
}

// tests/regressions/shape_inference/fill_missing_operand: a Fill with only its dims operand.
// InferFill read operand 1 past the end of the operand types (heap-buffer-overflow); a
// missing operand now reads as an absent one, so the op reports the missing value cleanly.
TEST(FuzzShapeInferenceRegressionTest, MissingOperandReadsAsAbsent) {
  ir::Graph graph;
  ir::Value dims;
  dims.name = "dims";
  const int64_t two = 2;
  dims.constant = std::make_shared<const ir::Tensor>(
      ir::Tensor::FromBytes(ir::DType::kInt64, {1},
                            std::string(reinterpret_cast<const char*>(&two), sizeof(two)))
          .value());
  dims.dtype = ir::DType::kInt64;
  dims.shape = ir::Shape::Static({1});
  const ir::ValueId id = graph.AddValue(std::move(dims));
  ir::Node node;
  node.name = "fill";
  node.op_type = "Fill";
  node.kind = ir::OpKind::kFill;
  node.inputs = node.operands = {id};
  const ir::NodeId fill = graph.AddNode(std::move(node));
  ir::Value out;
  out.name = "fill:0";
  out.producer = fill;
  graph.node(fill).outputs.push_back(graph.AddValue(std::move(out)));
  const Status status = InferShapes(&graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind("node 'fill' (Fill): ", 0), 0u) << status.message();
}

// tests/regressions/shape_inference/reduce_scalar_axis_0: ReduceSum of a scalar over axes
// [0]. NormalizeAxis accepts axis 0 for rank 0, and ReducedAxes then set element 0 of an
// empty std::vector<bool> (a store through a null pointer). Also reachable from ONNX (a
// ReduceSum of a scalar with axes [0]).
TEST(FuzzShapeInferenceRegressionTest, ReducingAxisZeroOfAScalarIsAnError) {
  ir::Graph graph;
  ir::Value input;
  input.name = "x";
  input.dtype = ir::DType::kFloat32;
  input.shape = ir::Shape::Scalar();
  const ir::ValueId x = graph.AddValue(std::move(input));
  graph.inputs().push_back(x);
  ir::Node node;
  node.name = "sum";
  node.op_type = "ReduceSum";
  node.kind = ir::OpKind::kReduceSum;
  node.inputs = node.operands = {x};
  node.params["axes"] = ir::Attribute{std::vector<int64_t>{0}};
  const ir::NodeId sum = graph.AddNode(std::move(node));
  ir::Value out;
  out.name = "sum:0";
  out.producer = sum;
  graph.node(sum).outputs.push_back(graph.AddValue(std::move(out)));
  const Status status = InferShapes(&graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "node 'sum' (ReduceSum): axis 0 of a scalar");
}

// tests/regressions/shape_inference/gathernd_scalar_indices: GatherND whose indices are a
// scalar. InferGatherND read indices' last dim (dim(-1)) before rejecting rank 0.
TEST(FuzzShapeInferenceRegressionTest, GatherNDOfScalarIndicesIsAnError) {
  ir::Graph graph;
  ir::Value data, indices;
  data.name = "data";
  data.dtype = ir::DType::kFloat32;
  data.shape = ir::Shape::Static({2, 2});
  indices.name = "indices";
  indices.dtype = ir::DType::kInt64;
  indices.shape = ir::Shape::Scalar();
  const ir::ValueId d = graph.AddValue(std::move(data));
  const ir::ValueId i = graph.AddValue(std::move(indices));
  graph.inputs() = {d, i};
  ir::Node node;
  node.name = "gather";
  node.op_type = "GatherND";
  node.kind = ir::OpKind::kGatherND;
  node.inputs = node.operands = {d, i};
  const ir::NodeId gather = graph.AddNode(std::move(node));
  ir::Value out;
  out.name = "gather:0";
  out.producer = gather;
  graph.node(gather).outputs.push_back(graph.AddValue(std::move(out)));
  const Status status = InferShapes(&graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "node 'gather' (GatherND): indices must have rank >= 1");
}

// tests/regressions/shape_inference/cost_bytes_overflow: a declared [INT64_MAX] float64
// tensor through a cost function: TypeBytes multiplied its element count by 8 (signed
// overflow). A byte count beyond int64 now reads as unknown (0).
TEST(FuzzShapeInferenceRegressionTest, TypeBytesBeyondInt64IsUnknown) {
  const ops::TensorType huge{ir::DType::kFloat64,
                             ir::Shape::Static({std::numeric_limits<int64_t>::max()})};
  EXPECT_EQ(ops::TypeBytes(huge), 0);
  EXPECT_EQ(ops::TypeBytes({ir::DType::kFloat64, ir::Shape::Static({3, 2})}), 48);
}

// tests/regressions/shape_inference/{biasadd_absent_bias, concat_scalars,
// conv_zero_channels}: reference math and geometry on operands their shape functions
// accepted. Each is now rejected by the shape function.
ir::Graph OneNodeGraph(ir::OpKind kind, const std::vector<ir::TensorPtr>& constants,
                       ir::AttributeMap params = {}) {
  ir::Graph graph;
  ir::Node node;
  node.name = "n";
  node.op_type = std::string(ir::OpKindName(kind));
  node.kind = kind;
  node.params = std::move(params);
  for (size_t i = 0; i < constants.size(); ++i) {
    if (constants[i] == nullptr) {
      node.operands.push_back(ir::kNoValue);
      continue;
    }
    ir::Value value;
    value.name = "c" + std::to_string(i);
    value.dtype = constants[i]->dtype();
    value.shape = constants[i]->shape();
    value.constant = constants[i];
    const ir::ValueId id = graph.AddValue(std::move(value));
    node.operands.push_back(id);
    node.inputs.push_back(id);
  }
  const ir::NodeId id = graph.AddNode(std::move(node));
  ir::Value out;
  out.name = "n:0";
  out.producer = id;
  graph.node(id).outputs.push_back(graph.AddValue(std::move(out)));
  return graph;
}

ir::TensorPtr Floats(std::vector<int64_t> sizes) {
  int64_t count = 1;
  for (int64_t s : sizes) count *= s;
  return std::make_shared<const ir::Tensor>(
      ir::Tensor::FromBytes(ir::DType::kFloat32, std::move(sizes), std::string(count * 4, '\0'))
          .value());
}

TEST(FuzzShapeInferenceRegressionTest, BiasAddWithoutBiasIsAnError) {
  ir::Graph graph = OneNodeGraph(ir::OpKind::kBiasAdd, {Floats({2, 3}), nullptr});
  const Status status = InferShapes(&graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "node 'n' (BiasAdd): operand 1 must be a float32 tensor");
}

TEST(FuzzShapeInferenceRegressionTest, ConcatOfScalarsIsAnError) {
  ir::Graph graph = OneNodeGraph(ir::OpKind::kConcat, {Floats({}), Floats({})});
  const Status status = InferShapes(&graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "node 'n' (Concat): cannot concatenate scalars");
}

TEST(FuzzShapeInferenceRegressionTest, ConvOfZeroChannelsIsAnError) {
  ir::AttributeMap params;
  params["data_layout"] = ir::Attribute{std::string("NHWC")};
  params["filter_layout"] = ir::Attribute{std::string("HWIO")};
  ir::Graph graph =
      OneNodeGraph(ir::OpKind::kConv, {Floats({1, 2, 2, 0}), Floats({1, 1, 1, 1})}, params);
  const Status status = InferShapes(&graph);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "node 'n' (Conv): input has no channels");
}

}  // namespace
}  // namespace mb::analysis
