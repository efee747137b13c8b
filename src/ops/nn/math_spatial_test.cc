// Tests of the math and spatial ops (ConvTranspose, Where, Sum, FloorDiv, FloorMod, Resize,
// DepthToSpace, SpaceToDepth) through their OpDefs, and of their TensorFlow rows.
#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "importers/tensorflow/graphdef_importer.h"
#include "ops/op_def.h"
#include "tests/testing/op_testing.h"
#include "tests/testing/tf_graph_testing.h"

namespace mb::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;

// ---- Harness: a tensor the test owns, and one op run through its OpDef ----

using testing::DTypeOf;

struct Buffer {
  ir::DType dtype = ir::DType::kInvalid;
  std::vector<int64_t> sizes;
  std::string bytes;

  TensorView View() const { return {dtype, sizes, const_cast<char*>(bytes.data())}; }
  TensorType Type() const { return {dtype, ir::Shape::Static(sizes)}; }
  template <typename T>
  std::vector<T> Values() const {
    std::vector<T> values(bytes.size() / sizeof(T));
    std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
    return values;
  }
};

template <typename T>
Buffer Make(std::vector<int64_t> sizes, const std::vector<T>& values) {
  Buffer b{DTypeOf<T>(), std::move(sizes), std::string(values.size() * sizeof(T), '\0')};
  std::memcpy(b.bytes.data(), values.data(), b.bytes.size());
  return b;
}

Buffer Bools(std::vector<int64_t> sizes, const std::vector<int>& values) {
  Buffer b{ir::DType::kBool, std::move(sizes), std::string(values.size(), '\0')};
  for (size_t i = 0; i < values.size(); ++i) b.bytes[i] = values[i] != 0 ? 1 : 0;
  return b;
}

std::vector<float> Iota(int64_t count, float start = 1.0f) {
  std::vector<float> values(count);
  for (int64_t i = 0; i < count; ++i) values[i] = start + static_cast<float>(i);
  return values;
}

std::vector<float> Random(int64_t count, std::mt19937& rng) {
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> values(count);
  for (float& v : values) v = dist(rng);
  return values;
}

ir::Node MakeNode(OpKind kind, const ir::AttributeMap& params,
                  const std::vector<TensorType>& operands) {
  ir::Node node;
  node.name = "test";
  node.kind = kind;
  node.params = params;
  for (size_t i = 0; i < operands.size(); ++i) {
    node.operands.push_back(operands[i].dtype == ir::DType::kInvalid ? ir::kNoValue
                                                                     : static_cast<ir::ValueId>(i));
  }
  node.outputs = {static_cast<ir::ValueId>(operands.size())};
  return node;
}

StatusOr<TensorType> Infer(OpKind kind, const ir::AttributeMap& params,
                           std::vector<TensorType> operands) {
  const ir::Node node = MakeNode(kind, params, operands);
  const size_t count = operands.size();
  InferenceContext context(node, std::move(operands),
                           std::vector<const ir::Tensor*>(count, nullptr));
  RETURN_IF_ERROR(GetOpDef(kind).infer_shapes(context));
  return context.outputs()[0];
}

// Infers the output, allocates it and runs the reference math. An absent optional operand
// is a Buffer with dtype kInvalid.
StatusOr<Buffer> RunOp(OpKind kind, const ir::AttributeMap& params,
                       const std::vector<Buffer>& inputs) {
  std::vector<TensorType> types;
  std::vector<TensorView> views;
  for (const Buffer& input : inputs) {
    types.push_back(input.dtype == ir::DType::kInvalid ? TensorType{} : input.Type());
    views.push_back(input.dtype == ir::DType::kInvalid ? TensorView{} : input.View());
  }
  ASSIGN_OR_RETURN(TensorType type, Infer(kind, params, types));
  if (!type.shape.IsFullyKnown()) return InternalError("output shape is not fully known");
  Buffer out{type.dtype, type.shape.Sizes(),
             std::string(*type.shape.NumElements() * ir::DTypeSize(type.dtype), '\0')};
  std::vector<TensorView> outputs = {out.View()};
  const ir::Node node = MakeNode(kind, params, types);
  ComputeContext context{node, Params(node.params), views, outputs};
  RETURN_IF_ERROR(GetOpDef(kind).compute_reference(context));
  return out;
}

OpCost Cost(OpKind kind, const ir::AttributeMap& params, const std::vector<TensorType>& operands) {
  auto output = Infer(kind, params, operands);
  EXPECT_TRUE(output.ok()) << output.status().ToString();
  const ir::Node node = MakeNode(kind, params, operands);
  std::vector<TensorType> outputs = {output.ok() ? *output : TensorType{}};
  return GetOpDef(kind).count_cost(CostContext{node, Params(node.params), operands, outputs});
}

ir::Attribute S(const char* value) { return {std::string(value)}; }
ir::Attribute I(int64_t value) { return {value}; }
ir::Attribute B(bool value) { return {value}; }
ir::Attribute Ints(std::vector<int64_t> values) { return {std::move(values)}; }

TensorType Type(ir::DType dtype, std::vector<ir::Dim> dims) {
  return {dtype, ir::Shape(std::move(dims))};
}
ir::Dim D(int64_t size) { return ir::Dim::Known(size); }
const ir::Dim kUnknown = ir::Dim::Unknown();

// ---- ConvTranspose ----

ir::AttributeMap Deconv2x2To4x4Params() {
  return {{"strides", Ints({2, 2})}, {"padding", S("SAME")}, {"output_size", Ints({4, 4})}};
}

// X = [[1, 2], [3, 4]], kernel = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], stride 2, SAME to 4x4.
// The forward conv of 4 with kernel 3 stride 2 gives 2 with pad_total 1, pad_before 0, so
// input (ih, iw) puts kernel tap (kh, kw) at (2 ih + kh, 2 iw + kw); taps past 3 fall off.
// Output row 2 gets kernel row 2 from input row 0 and kernel row 0 from input row 1, e.g.
// out[2][2] = 1*9 + 2*7 + 3*3 + 4*1 = 36.
const std::vector<float> kDeconvExpected = {1,  2,  5,  4,   //
                                            4,  5,  14, 10,  //
                                            10, 14, 36, 24,  //
                                            12, 15, 34, 20};

TEST(ConvTransposeTest, HandComputedStride2SameTo4x4) {
  const Buffer x = Make<float>({1, 2, 2, 1}, {1, 2, 3, 4});
  const Buffer w = Make<float>({3, 3, 1, 1}, Iota(9));  // HWOI
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kConvTranspose, Deconv2x2To4x4Params(), {x, w}));
  EXPECT_THAT(y.sizes, ElementsAre(1, 4, 4, 1));
  EXPECT_THAT(y.Values<float>(), ElementsAreArray(kDeconvExpected));
}

TEST(ConvTransposeTest, SameWithoutOutputSizeIsInputTimesStride) {
  const Buffer x = Make<float>({1, 2, 2, 1}, {1, 2, 3, 4});
  const Buffer w = Make<float>({3, 3, 1, 1}, Iota(9));
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kConvTranspose,
                                {{"strides", Ints({2, 2})}, {"padding", S("SAME")}}, {x, w}));
  EXPECT_THAT(y.sizes, ElementsAre(1, 4, 4, 1));
  EXPECT_THAT(y.Values<float>(), ElementsAreArray(kDeconvExpected));
}

TEST(ConvTransposeTest, NchwIohwWithBias) {
  const Buffer x = Make<float>({1, 1, 2, 2}, {1, 2, 3, 4});
  const Buffer w = Make<float>({1, 1, 3, 3}, Iota(9));  // IOHW
  const Buffer b = Make<float>({1}, {10});
  ir::AttributeMap params = Deconv2x2To4x4Params();
  params["data_layout"] = S("NCHW");
  params["filter_layout"] = S("IOHW");
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kConvTranspose, params, {x, w, b}));
  EXPECT_THAT(y.sizes, ElementsAre(1, 1, 4, 4));
  std::vector<float> expected = kDeconvExpected;
  for (float& v : expected) v += 10;
  EXPECT_THAT(y.Values<float>(), ElementsAreArray(expected));
}

TEST(ConvTransposeTest, ValidStride1IsFullCorrelationOfTheFlippedKernel) {
  // 1-D in effect: x = [1, 2] (1x2), kernel 1x2 = [3, 5] -> [3, 5 + 6, 10].
  const Buffer x = Make<float>({1, 1, 2, 1}, {1, 2});
  const Buffer w = Make<float>({1, 2, 1, 1}, {3, 5});
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kConvTranspose, {{"padding", S("VALID")}}, {x, w}));
  EXPECT_THAT(y.sizes, ElementsAre(1, 1, 3, 1));
  EXPECT_THAT(y.Values<float>(), ElementsAre(3, 11, 10));
}

// <Conv(Y), X> = <Y, ConvTranspose(X)> for the same filter (HWIO for Conv is HWOI here).
void CheckAdjoint(const ir::AttributeMap& common, int64_t out_channels, int64_t in_channels,
                  int64_t group, const std::vector<int64_t>& output_hw, int64_t kh, int64_t kw,
                  uint32_t seed) {
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  const int64_t batch = 2;
  const std::vector<int64_t> y_sizes = {batch, output_hw[0], output_hw[1], out_channels};
  const std::vector<int64_t> w_sizes = {kh, kw, out_channels / group, in_channels};
  const Buffer y =
      Make<float>(y_sizes, Random(batch * output_hw[0] * output_hw[1] * out_channels, rng));
  const Buffer w = Make<float>(w_sizes, Random(kh * kw * out_channels / group * in_channels, rng));
  ASSERT_OK_AND_ASSIGN(conv_y, RunOp(OpKind::kConv, common, {y, w}));
  ASSERT_EQ(conv_y.sizes[3], in_channels);
  int64_t x_count = 1;
  for (int64_t s : conv_y.sizes) x_count *= s;
  const Buffer x = Make<float>(conv_y.sizes, Random(x_count, rng));
  ir::AttributeMap params = common;
  params["output_size"] = Ints(output_hw);
  params["group"] = I(group);
  ASSERT_OK_AND_ASSIGN(deconv_x, RunOp(OpKind::kConvTranspose, params, {x, w}));
  ASSERT_EQ(deconv_x.sizes, y_sizes);
  double lhs = 0, rhs = 0;
  const auto a = conv_y.Values<float>(), xs = x.Values<float>();
  for (size_t i = 0; i < a.size(); ++i) lhs += static_cast<double>(a[i]) * xs[i];
  const auto b = deconv_x.Values<float>(), ys = y.Values<float>();
  for (size_t i = 0; i < b.size(); ++i) rhs += static_cast<double>(b[i]) * ys[i];
  EXPECT_NEAR(lhs, rhs, 1e-3 * (1 + std::abs(lhs)));
}

TEST(ConvTransposeTest, IsTheAdjointOfConv) {
  CheckAdjoint({{"strides", Ints({2, 2})}, {"padding", S("SAME")}, {"dilations", Ints({1, 2})}},
               /*out_channels=*/2, /*in_channels=*/3, /*group=*/1, {7, 6}, 3, 2, 1);
  CheckAdjoint({{"strides", Ints({2, 3})}, {"padding", S("VALID")}}, 3, 2, 1, {8, 9}, 2, 3, 2);
  CheckAdjoint(
      {{"strides", Ints({2, 2})}, {"padding", S("EXPLICIT")}, {"pads", Ints({1, 0, 2, 1})}}, 2, 2,
      1, {5, 6}, 3, 3, 3);
  CheckAdjoint({{"strides", Ints({1, 2})}, {"padding", S("SAME")}}, 2, 4, /*group=*/2, {5, 5}, 3, 3,
               4);
}

TEST(ConvTransposeTest, CostCountsEveryInputAgainstTheKernel) {
  const OpCost cost = Cost(
      OpKind::kConvTranspose, Deconv2x2To4x4Params(),
      {Make<float>({1, 2, 2, 1}, {1, 2, 3, 4}).Type(), Make<float>({3, 3, 1, 1}, Iota(9)).Type()});
  EXPECT_EQ(cost.macs, 4 * 9);
  EXPECT_EQ(cost.flops, 2 * 4 * 9);
  EXPECT_EQ(cost.bytes_read, (4 + 9) * 4);
  EXPECT_EQ(cost.bytes_written, 16 * 4);
}

TEST(ConvTransposeTest, UnknownBatchKeepsTheRest) {
  ASSERT_OK_AND_ASSIGN(out, Infer(OpKind::kConvTranspose, Deconv2x2To4x4Params(),
                                  {Type(ir::DType::kFloat32, {kUnknown, D(2), D(2), D(1)}),
                                   Type(ir::DType::kFloat32, {D(3), D(3), D(5), D(1)})}));
  EXPECT_EQ(out.shape.ToString(), "[?,4,4,5]");
  ASSERT_OK_AND_ASSIGN(unknown, Infer(OpKind::kConvTranspose, Deconv2x2To4x4Params(),
                                      {TensorType{ir::DType::kFloat32, ir::Shape::UnknownRank()},
                                       Type(ir::DType::kFloat32, {D(3), D(3), D(5), D(1)})}));
  EXPECT_FALSE(unknown.shape.rank_known());
}

TEST(ConvTransposeTest, RejectsOutputSizeThatDoesNotProduceTheInput) {
  auto params = Deconv2x2To4x4Params();
  params["output_size"] = Ints({6, 4});  // forward conv of 6 with stride 2 gives 3, not 2
  auto out = Infer(
      OpKind::kConvTranspose, params,
      {Make<float>({1, 2, 2, 1}, {1, 2, 3, 4}).Type(), Make<float>({3, 3, 1, 1}, Iota(9)).Type()});
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(), HasSubstr("height"));
}

TEST(ConvTransposeTest, RejectsMismatchedOperands) {
  const TensorType x = Type(ir::DType::kFloat32, {D(1), D(2), D(2), D(1)});
  // The filter expects 2 input channels; X has 1.
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, Deconv2x2To4x4Params(),
                     {x, Type(ir::DType::kFloat32, {D(3), D(3), D(1), D(2)})})
                   .ok());
  const TensorType w = Type(ir::DType::kFloat32, {D(3), D(3), D(1), D(1)});
  // Bias of the wrong size.
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, Deconv2x2To4x4Params(),
                     {x, w, Type(ir::DType::kFloat32, {D(2)})})
                   .ok());
  // Rank-3 input, rank-3 filter.
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, Deconv2x2To4x4Params(),
                     {Type(ir::DType::kFloat32, {D(2), D(2), D(1)}), w})
                   .ok());
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, Deconv2x2To4x4Params(),
                     {x, Type(ir::DType::kFloat32, {D(3), D(3), D(1)})})
                   .ok());
  // Unknown layouts and padding, int input.
  auto params = Deconv2x2To4x4Params();
  params["filter_layout"] = S("HWIO");
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, params, {x, w}).ok());
  params = Deconv2x2To4x4Params();
  params["padding"] = S("FULL");
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, params, {x, w}).ok());
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, Deconv2x2To4x4Params(),
                     {Type(ir::DType::kInt32, {D(1), D(2), D(2), D(1)}), w})
                   .ok());
  // Group that does not divide the input channels.
  params = Deconv2x2To4x4Params();
  params["group"] = I(2);
  EXPECT_FALSE(Infer(OpKind::kConvTranspose, params, {x, w}).ok());
}

// ---- Where ----

TEST(WhereTest, SelectV2BroadcastsAllThree) {
  const Buffer cond = Bools({2, 1}, {1, 0});
  const Buffer x = Make<float>({1, 3}, {1, 2, 3});
  const Buffer y = Make<float>({}, {9});
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kWhere, {}, {cond, x, y}));
  EXPECT_THAT(out.sizes, ElementsAre(2, 3));
  EXPECT_THAT(out.Values<float>(), ElementsAre(1, 2, 3, 9, 9, 9));
}

TEST(WhereTest, SelectV1VectorConditionPicksRows) {
  const Buffer cond = Bools({2}, {0, 1});
  const Buffer x = Make<int32_t>({2, 2}, {1, 2, 3, 4});
  const Buffer y = Make<int32_t>({2, 2}, {5, 6, 7, 8});
  const ir::AttributeMap v1 = {{"cond_matches_dim0", B(true)}};
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kWhere, v1, {cond, x, y}));
  EXPECT_THAT(out.sizes, ElementsAre(2, 2));
  EXPECT_THAT(out.Values<int32_t>(), ElementsAre(5, 6, 3, 4));
  // Without v1 rules the same vector broadcasts against the last dimension instead.
  ASSERT_OK_AND_ASSIGN(v2, RunOp(OpKind::kWhere, {}, {cond, x, y}));
  EXPECT_THAT(v2.Values<int32_t>(), ElementsAre(5, 2, 7, 4));
}

TEST(WhereTest, SelectV1ScalarAndSameShapeConditions) {
  const ir::AttributeMap v1 = {{"cond_matches_dim0", B(true)}};
  const Buffer x = Make<float>({2, 2}, {1, 2, 3, 4});
  const Buffer y = Make<float>({2, 2}, {5, 6, 7, 8});
  ASSERT_OK_AND_ASSIGN(scalar, RunOp(OpKind::kWhere, v1, {Bools({}, {0}), x, y}));
  EXPECT_THAT(scalar.Values<float>(), ElementsAre(5, 6, 7, 8));
  ASSERT_OK_AND_ASSIGN(same, RunOp(OpKind::kWhere, v1, {Bools({2, 2}, {1, 0, 0, 1}), x, y}));
  EXPECT_THAT(same.Values<float>(), ElementsAre(1, 6, 7, 4));
  // A vector over a vector is element-wise.
  ASSERT_OK_AND_ASSIGN(vector, RunOp(OpKind::kWhere, v1,
                                     {Bools({3}, {1, 0, 1}), Make<float>({3}, {1, 2, 3}),
                                      Make<float>({3}, {4, 5, 6})}));
  EXPECT_THAT(vector.Values<float>(), ElementsAre(1, 5, 3));
}

TEST(WhereTest, UnknownDimsStayUnknown) {
  ASSERT_OK_AND_ASSIGN(
      out, Infer(OpKind::kWhere, {{"cond_matches_dim0", B(true)}},
                 {Type(ir::DType::kBool, {kUnknown}), Type(ir::DType::kFloat32, {kUnknown, D(4)}),
                  Type(ir::DType::kFloat32, {D(3), kUnknown})}));
  EXPECT_EQ(out.shape.ToString(), "[3,4]");
}

TEST(WhereTest, Rejections) {
  const TensorType f22 = Type(ir::DType::kFloat32, {D(2), D(2)});
  const TensorType b22 = Type(ir::DType::kBool, {D(2), D(2)});
  // Condition not bool.
  EXPECT_FALSE(Infer(OpKind::kWhere, {}, {f22, f22, f22}).ok());
  // x and y of different dtypes.
  EXPECT_FALSE(Infer(OpKind::kWhere, {}, {b22, f22, Type(ir::DType::kInt32, {D(2), D(2)})}).ok());
  // Shapes that do not broadcast.
  EXPECT_FALSE(Infer(OpKind::kWhere, {}, {b22, f22, Type(ir::DType::kFloat32, {D(3)})}).ok());
  // v1: a vector that does not match dim 0; x and y of different shapes; a condition of
  // another shape.
  const ir::AttributeMap v1 = {{"cond_matches_dim0", B(true)}};
  EXPECT_FALSE(Infer(OpKind::kWhere, v1, {Type(ir::DType::kBool, {D(3)}), f22, f22}).ok());
  EXPECT_FALSE(Infer(OpKind::kWhere, v1, {b22, f22, Type(ir::DType::kFloat32, {D(1), D(2)})}).ok());
  EXPECT_FALSE(Infer(OpKind::kWhere, v1, {Type(ir::DType::kBool, {D(1), D(2)}), f22, f22}).ok());
  // Wrong operand count.
  EXPECT_FALSE(Infer(OpKind::kWhere, {}, {b22, f22}).ok());
}

// ---- Sum ----

TEST(SumTest, AddsNOperands) {
  ASSERT_OK_AND_ASSIGN(
      out, RunOp(OpKind::kSum, {},
                 {Make<float>({2, 2}, {1, 2, 3, 4}), Make<float>({2, 2}, {10, 20, 30, 40}),
                  Make<float>({2, 2}, {0.5, 0.5, 0.5, -4})}));
  EXPECT_THAT(out.sizes, ElementsAre(2, 2));
  EXPECT_THAT(out.Values<float>(), ElementsAre(11.5, 22.5, 33.5, 40));
  ASSERT_OK_AND_ASSIGN(one, RunOp(OpKind::kSum, {}, {Make<int64_t>({3}, {1, -2, 3})}));
  EXPECT_THAT(one.Values<int64_t>(), ElementsAre(1, -2, 3));
  ASSERT_OK_AND_ASSIGN(
      ints, RunOp(OpKind::kSum, {}, {Make<int32_t>({2}, {1, 2}), Make<int32_t>({2}, {3, -4})}));
  EXPECT_THAT(ints.Values<int32_t>(), ElementsAre(4, -2));
}

TEST(SumTest, CostIsNMinusOneAddsPerElement) {
  const TensorType t = Type(ir::DType::kFloat32, {D(2), D(3)});
  const OpCost cost = Cost(OpKind::kSum, {}, {t, t, t});
  EXPECT_EQ(cost.flops, 2 * 6);
  EXPECT_EQ(cost.bytes_read, 3 * 6 * 4);
  EXPECT_EQ(cost.bytes_written, 6 * 4);
}

TEST(SumTest, MergesUnknownDimsAndRejectsMismatches) {
  ASSERT_OK_AND_ASSIGN(out, Infer(OpKind::kSum, {},
                                  {Type(ir::DType::kFloat32, {kUnknown, D(3)}),
                                   Type(ir::DType::kFloat32, {D(2), kUnknown})}));
  EXPECT_EQ(out.shape.ToString(), "[2,3]");
  // No broadcasting, as TF's AddN.
  EXPECT_FALSE(Infer(OpKind::kSum, {},
                     {Type(ir::DType::kFloat32, {D(2), D(3)}), Type(ir::DType::kFloat32, {D(3)})})
                   .ok());
  EXPECT_FALSE(
      Infer(OpKind::kSum, {}, {Type(ir::DType::kFloat32, {D(2)}), Type(ir::DType::kInt32, {D(2)})})
          .ok());
  EXPECT_FALSE(Infer(OpKind::kSum, {}, {Type(ir::DType::kBool, {D(2)})}).ok());
  EXPECT_FALSE(Infer(OpKind::kSum, {}, {}).ok());
}

// ---- FloorDiv, FloorMod ----

TEST(FloorOpsTest, IntegersFollowPython) {
  ASSERT_OK_AND_ASSIGN(div, RunOp(OpKind::kFloorDiv, {},
                                  {Make<int32_t>({6}, {-7, 7, -7, 7, 6, 0}),
                                   Make<int32_t>({6}, {2, 2, -2, -2, 3, -5})}));
  EXPECT_THAT(div.Values<int32_t>(), ElementsAre(-4, 3, 3, -4, 2, 0));
  ASSERT_OK_AND_ASSIGN(mod, RunOp(OpKind::kFloorMod, {},
                                  {Make<int32_t>({6}, {-7, 7, -7, 7, -6, 0}),
                                   Make<int32_t>({6}, {3, 3, -3, -3, 3, -5})}));
  EXPECT_THAT(mod.Values<int32_t>(), ElementsAre(2, 1, -1, -2, 0, 0));
}

TEST(FloorOpsTest, FloatsFollowPython) {
  ASSERT_OK_AND_ASSIGN(
      div, RunOp(OpKind::kFloorDiv, {},
                 {Make<float>({3}, {-7.5f, 7.0f, 7.5f}), Make<float>({3}, {2.0f, 2.0f, -2.0f})}));
  EXPECT_THAT(div.Values<float>(), ElementsAre(-4.0f, 3.0f, -4.0f));
  ASSERT_OK_AND_ASSIGN(mod, RunOp(OpKind::kFloorMod, {},
                                  {Make<float>({4}, {-7.5f, 7.5f, -7.0f, 6.0f}),
                                   Make<float>({4}, {2.0f, -2.0f, 3.0f, 3.0f})}));
  EXPECT_THAT(mod.Values<float>(), ElementsAre(0.5f, -0.5f, 2.0f, 0.0f));
  // Float division by zero is IEEE, not an error.
  ASSERT_OK_AND_ASSIGN(
      inf, RunOp(OpKind::kFloorDiv, {}, {Make<float>({1}, {1.0f}), Make<float>({1}, {0.0f})}));
  EXPECT_EQ(inf.Values<float>()[0], std::numeric_limits<float>::infinity());
}

TEST(FloorOpsTest, BroadcastsInt64) {
  ASSERT_OK_AND_ASSIGN(
      mod, RunOp(OpKind::kFloorMod, {},
                 {Make<int64_t>({2, 3}, {-7, -6, -5, 5, 6, 7}), Make<int64_t>({3}, {3, 4, -4})}));
  EXPECT_THAT(mod.sizes, ElementsAre(2, 3));
  EXPECT_THAT(mod.Values<int64_t>(), ElementsAre(2, 2, -1, 2, 2, -1));
}

TEST(FloorOpsTest, MinimumOverMinusOneWraps) {
  const int64_t min = std::numeric_limits<int64_t>::min();
  ASSERT_OK_AND_ASSIGN(
      div, RunOp(OpKind::kFloorDiv, {}, {Make<int64_t>({1}, {min}), Make<int64_t>({1}, {-1})}));
  EXPECT_EQ(div.Values<int64_t>()[0], min);
  ASSERT_OK_AND_ASSIGN(
      mod, RunOp(OpKind::kFloorMod, {}, {Make<int64_t>({1}, {min}), Make<int64_t>({1}, {-1})}));
  EXPECT_EQ(mod.Values<int64_t>()[0], 0);
}

TEST(FloorOpsTest, IntegerDivisionByZeroIsAnError) {
  for (OpKind kind : {OpKind::kFloorDiv, OpKind::kFloorMod}) {
    auto out = RunOp(kind, {}, {Make<int32_t>({2}, {1, 2}), Make<int32_t>({2}, {1, 0})});
    ASSERT_FALSE(out.ok());
    EXPECT_THAT(out.status().message(), HasSubstr("division by zero"));
  }
}

TEST(FloorOpsTest, Rejections) {
  EXPECT_FALSE(Infer(OpKind::kFloorDiv, {},
                     {Type(ir::DType::kFloat32, {D(2)}), Type(ir::DType::kInt32, {D(2)})})
                   .ok());
  EXPECT_FALSE(
      Infer(OpKind::kFloorMod, {}, {Type(ir::DType::kBool, {D(2)}), Type(ir::DType::kBool, {D(2)})})
          .ok());
  EXPECT_FALSE(Infer(OpKind::kFloorMod, {},
                     {Type(ir::DType::kInt32, {D(2)}), Type(ir::DType::kInt32, {D(3)})})
                   .ok());
}

// ---- Resize ----

ir::AttributeMap ResizeParams(const char* mode, std::vector<int64_t> size, bool align_corners,
                              bool half_pixel_centers) {
  return {{"mode", S(mode)},
          {"size", Ints(std::move(size))},
          {"align_corners", B(align_corners)},
          {"half_pixel_centers", B(half_pixel_centers)}};
}

// Input [[1, 2], [3, 4]] is the plane v = 1 + x + 2 y, which bilinear interpolation
// reproduces exactly, so each output is 1 + cx + 2 cy at the clamped source coordinates:
//   legacy:      c = o * 0.5            -> 0, 0.5, 1, 1 (1.5 clamps: lower = upper = 1)
//   align:       c = o * (1 / 3)        -> 0, 1/3, 2/3, 1
//   half pixel:  c = (o + 0.5) * 0.5 - 0.5 -> -0.25 (lower = upper = 0), 0.25, 0.75, 1.25
//                (lower = upper = 1), i.e. effectively 0, 0.25, 0.75, 1
std::vector<float> Plane(const std::vector<float>& coords) {
  std::vector<float> values;
  for (float cy : coords) {
    for (float cx : coords) values.push_back(1 + cx + 2 * cy);
  }
  return values;
}

TEST(ResizeTest, BilinearForEachFlagCombination) {
  const Buffer x = Make<float>({1, 2, 2, 1}, {1, 2, 3, 4});
  struct Case {
    bool align_corners, half_pixel_centers;
    std::vector<float> coords;
  };
  const Case cases[] = {{false, false, {0, 0.5f, 1, 1}},
                        {true, false, {0, 1.0f / 3, 2.0f / 3, 1}},
                        {false, true, {0, 0.25f, 0.75f, 1}}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.align_corners) + std::to_string(c.half_pixel_centers));
    ASSERT_OK_AND_ASSIGN(
        y, RunOp(OpKind::kResize,
                 ResizeParams("linear", {4, 4}, c.align_corners, c.half_pixel_centers), {x}));
    EXPECT_THAT(y.sizes, ElementsAre(1, 4, 4, 1));
    EXPECT_THAT(y.Values<float>(), Pointwise(FloatNear(1e-5f), Plane(c.coords)));
  }
  // The first rows spelled out for the legacy mapping.
  ASSERT_OK_AND_ASSIGN(legacy,
                       RunOp(OpKind::kResize, ResizeParams("linear", {4, 4}, false, false), {x}));
  EXPECT_THAT(legacy.Values<float>(),
              ElementsAre(1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4));
  // TF refuses both flags at once.
  auto both = RunOp(OpKind::kResize, ResizeParams("linear", {4, 4}, true, true), {x});
  EXPECT_FALSE(both.ok());
}

TEST(ResizeTest, BilinearNchwTwoChannels) {
  const Buffer x = Make<float>({1, 2, 2, 2}, {1, 2, 3, 4, 10, 20, 30, 40});
  ir::AttributeMap params = ResizeParams("linear", {1, 3}, true, false);
  params["data_layout"] = S("NCHW");
  // align_corners with out = 1 on the height: scale = in / out = 2, row 0. Width 2 -> 3 with
  // scale 1/2: columns 0, 0.5, 1.
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kResize, params, {x}));
  EXPECT_THAT(y.sizes, ElementsAre(1, 2, 1, 3));
  EXPECT_THAT(y.Values<float>(), ElementsAre(1, 1.5, 2, 10, 15, 20));
}

TEST(ResizeTest, NearestForEachFlagCombination) {
  const Buffer x = Make<float>({1, 2, 2, 1}, {1, 2, 3, 4});
  for (bool align : {false, true}) {
    for (bool half : {false, true}) {
      if (align && half) continue;
      // 2 -> 4 maps to sources 0, 0, 1, 1 under all three rules.
      ASSERT_OK_AND_ASSIGN(
          y, RunOp(OpKind::kResize, ResizeParams("nearest", {4, 4}, align, half), {x}));
      EXPECT_THAT(y.Values<float>(), ElementsAre(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4));
    }
  }
  // 3 -> 5 tells the rules apart:
  //   legacy: floor(o * 0.6) = 0, 0, 1, 1, 2
  //   align: round(o * 0.5) = 0, 1 (0.5 rounds up), 1, 2 (1.5 rounds up), 2
  //   half pixel: floor((o + 0.5) * 0.6) = floor(0.3, 0.9, 1.5, 2.1, 2.7) = 0, 0, 1, 2, 2
  const Buffer row = Make<float>({1, 1, 3, 1}, {10, 20, 30});
  ASSERT_OK_AND_ASSIGN(
      legacy, RunOp(OpKind::kResize, ResizeParams("nearest", {1, 5}, false, false), {row}));
  EXPECT_THAT(legacy.Values<float>(), ElementsAre(10, 10, 20, 20, 30));
  ASSERT_OK_AND_ASSIGN(align,
                       RunOp(OpKind::kResize, ResizeParams("nearest", {1, 5}, true, false), {row}));
  EXPECT_THAT(align.Values<float>(), ElementsAre(10, 20, 20, 30, 30));
  ASSERT_OK_AND_ASSIGN(half,
                       RunOp(OpKind::kResize, ResizeParams("nearest", {1, 5}, false, true), {row}));
  EXPECT_THAT(half.Values<float>(), ElementsAre(10, 10, 20, 30, 30));
}

TEST(ResizeTest, ShapesAndCost) {
  ASSERT_OK_AND_ASSIGN(out, Infer(OpKind::kResize, ResizeParams("linear", {7, 9}, false, false),
                                  {Type(ir::DType::kFloat32, {kUnknown, D(3), D(4), D(5)})}));
  EXPECT_EQ(out.shape.ToString(), "[?,7,9,5]");
  ASSERT_OK_AND_ASSIGN(unknown,
                       Infer(OpKind::kResize, ResizeParams("nearest", {7, 9}, false, false),
                             {TensorType{ir::DType::kFloat32, ir::Shape::UnknownRank()}}));
  EXPECT_EQ(unknown.shape.ToString(), "[?,7,9,?]");
  const TensorType x = Type(ir::DType::kFloat32, {D(1), D(2), D(2), D(3)});
  EXPECT_EQ(Cost(OpKind::kResize, ResizeParams("linear", {4, 4}, false, false), {x}).flops,
            9 * 4 * 4 * 3);
  EXPECT_EQ(Cost(OpKind::kResize, ResizeParams("nearest", {4, 4}, false, false), {x}).flops, 0);
}

TEST(ResizeTest, Rejections) {
  const TensorType x = Type(ir::DType::kFloat32, {D(1), D(2), D(2), D(1)});
  EXPECT_FALSE(Infer(OpKind::kResize, ResizeParams("linear", {0, 4}, false, false), {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kResize, ResizeParams("linear", {4}, false, false), {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kResize, ResizeParams("cubic", {4, 4}, false, false), {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kResize, {{"mode", S("linear")}}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kResize, ResizeParams("linear", {4, 4}, false, false),
                     {Type(ir::DType::kFloat32, {D(2), D(2), D(1)})})
                   .ok());
  EXPECT_FALSE(Infer(OpKind::kResize, ResizeParams("linear", {4, 4}, false, false),
                     {Type(ir::DType::kInt32, {D(1), D(2), D(2), D(1)})})
                   .ok());
  EXPECT_FALSE(Infer(OpKind::kResize, ResizeParams("linear", {4, 4}, false, false),
                     {Type(ir::DType::kFloat32, {D(1), D(0), D(2), D(1)})})
                   .ok());
}

// ---- DepthToSpace, SpaceToDepth ----

TEST(DepthSpaceTest, TfDocumentationExamples) {
  // TF's examples: [1, 1, 1, 4] -> [1, 2, 2, 1]; [1, 1, 1, 12] -> [1, 2, 2, 3].
  ASSERT_OK_AND_ASSIGN(small, RunOp(OpKind::kDepthToSpace, {{"block_size", I(2)}},
                                    {Make<float>({1, 1, 1, 4}, {1, 2, 3, 4})}));
  EXPECT_THAT(small.sizes, ElementsAre(1, 2, 2, 1));
  EXPECT_THAT(small.Values<float>(), ElementsAre(1, 2, 3, 4));
  ASSERT_OK_AND_ASSIGN(deep, RunOp(OpKind::kDepthToSpace, {{"block_size", I(2)}},
                                   {Make<float>({1, 1, 1, 12}, Iota(12))}));
  EXPECT_THAT(deep.sizes, ElementsAre(1, 2, 2, 3));
  EXPECT_THAT(deep.Values<float>(), ElementsAre(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
  // TF's 2x2 spatial example: [1, 2, 2, 4] -> [1, 4, 4, 1].
  ASSERT_OK_AND_ASSIGN(wide, RunOp(OpKind::kDepthToSpace, {{"block_size", I(2)}},
                                   {Make<float>({1, 2, 2, 4}, Iota(16))}));
  EXPECT_THAT(wide.Values<float>(),
              ElementsAre(1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16));
  ASSERT_OK_AND_ASSIGN(back, RunOp(OpKind::kSpaceToDepth, {{"block_size", I(2)}}, {wide}));
  EXPECT_THAT(back.sizes, ElementsAre(1, 2, 2, 4));
  EXPECT_THAT(back.Values<float>(), ElementsAreArray(Iota(16)));
}

TEST(DepthSpaceTest, NchwModes) {
  // 8 channels of 1x1, block 2 -> 2 channels of 2x2. Channel k = 0..7 holds k.
  const Buffer x = Make<float>({1, 8, 1, 1}, Iota(8, 0));
  // DCR: out[c][i][j] = in[(2 i + j) * 2 + c].
  ASSERT_OK_AND_ASSIGN(
      dcr, RunOp(OpKind::kDepthToSpace, {{"block_size", I(2)}, {"data_layout", S("NCHW")}}, {x}));
  EXPECT_THAT(dcr.sizes, ElementsAre(1, 2, 2, 2));
  EXPECT_THAT(dcr.Values<float>(), ElementsAre(0, 2, 4, 6, 1, 3, 5, 7));
  // CRD: out[c][i][j] = in[4 c + 2 i + j].
  ASSERT_OK_AND_ASSIGN(
      crd, RunOp(OpKind::kDepthToSpace,
                 {{"block_size", I(2)}, {"data_layout", S("NCHW")}, {"mode", S("CRD")}}, {x}));
  EXPECT_THAT(crd.Values<float>(), ElementsAre(0, 1, 2, 3, 4, 5, 6, 7));
}

TEST(DepthSpaceTest, RoundTrips) {
  std::mt19937 rng(7);
  for (const char* layout : {"NHWC", "NCHW"}) {
    for (const char* mode : {"DCR", "CRD"}) {
      for (int64_t block : {2, 3}) {
        SCOPED_TRACE(std::string(layout) + " " + mode + " " + std::to_string(block));
        const ir::AttributeMap params = {
            {"block_size", I(block)}, {"data_layout", S(layout)}, {"mode", S(mode)}};
        const bool nhwc = std::string(layout) == "NHWC";
        const std::vector<int64_t> sizes = nhwc ? std::vector<int64_t>{2, 2 * block, 3 * block, 5}
                                                : std::vector<int64_t>{2, 5, 2 * block, 3 * block};
        const Buffer x = Make<float>(sizes, Random(2 * 2 * block * 3 * block * 5, rng));
        ASSERT_OK_AND_ASSIGN(deep, RunOp(OpKind::kSpaceToDepth, params, {x}));
        ASSERT_OK_AND_ASSIGN(back, RunOp(OpKind::kDepthToSpace, params, {deep}));
        EXPECT_EQ(back.sizes, x.sizes);
        EXPECT_EQ(back.bytes, x.bytes);
      }
    }
  }
}

TEST(DepthSpaceTest, ShapesAndRejections) {
  ASSERT_OK_AND_ASSIGN(out, Infer(OpKind::kDepthToSpace, {{"block_size", I(2)}},
                                  {Type(ir::DType::kInt64, {kUnknown, D(3), kUnknown, D(8)})}));
  EXPECT_EQ(out.shape.ToString(), "[?,6,?,2]");
  ASSERT_OK_AND_ASSIGN(s2d, Infer(OpKind::kSpaceToDepth, {{"block_size", I(2)}},
                                  {Type(ir::DType::kUInt8, {D(1), D(4), D(6), D(3)})}));
  EXPECT_EQ(s2d.shape.ToString(), "[1,2,3,12]");
  const TensorType x = Type(ir::DType::kFloat32, {D(1), D(3), D(4), D(6)});
  // Depth 6 is not a multiple of 4; height 3 not a multiple of 2.
  EXPECT_FALSE(Infer(OpKind::kDepthToSpace, {{"block_size", I(2)}}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kSpaceToDepth, {{"block_size", I(2)}}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kSpaceToDepth, {{"block_size", I(1)}}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kSpaceToDepth, {}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kSpaceToDepth, {{"block_size", I(2)}, {"mode", S("RCD")}}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kDepthToSpace, {{"block_size", I(2)}},
                     {Type(ir::DType::kFloat32, {D(4), D(4), D(4)})})
                   .ok());
  EXPECT_EQ(Cost(OpKind::kSpaceToDepth, {{"block_size", I(2)}},
                 {Type(ir::DType::kFloat32, {D(1), D(4), D(6), D(3)})})
                .bytes_written,
            72 * 4);
}

// ---- TensorFlow rows ----

StatusOr<ir::Graph> ImportText(const std::string& text) {
  return ::mb::testing::ImportTextGraph(text);
}

const ir::Node& NodeNamed(const ir::Graph& graph, const std::string& name) {
  std::optional<ir::NodeId> id = graph.FindNode(name);
  EXPECT_TRUE(id) << name;
  return graph.node(id.value_or(0));
}

std::vector<std::string> OperandNames(const ir::Graph& graph, const ir::Node& node) {
  std::vector<std::string> names;
  for (ir::ValueId id : node.operands) names.push_back(graph.value(id).name);
  return names;
}

template <typename T>
T ParamOf(const ir::Node& node, const std::string& name) {
  auto it = node.params.find(name);
  EXPECT_NE(it, node.params.end()) << name;
  if (it == node.params.end() || !it->second.Is<T>()) return T{};
  return it->second.Get<T>();
}

constexpr char kTfGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value {
        shape {
          dim { size: 1 }
          dim { size: 2 }
          dim { size: 2 }
          dim { size: 8 }
        }
      }
    }
  }
  node {
    name: "input_sizes"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape { dim { size: 4 } }
          int_val: 1
          int_val: 4
          int_val: 3
          int_val: 2
        }
      }
    }
  }
  node {
    name: "filter"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_FLOAT
          tensor_shape {
            dim { size: 3 }
            dim { size: 3 }
            dim { size: 2 }
            dim { size: 8 }
          }
          float_val: 1
        }
      }
    }
  }
  node { name: "filter/read" op: "Identity" input: "filter" }
  node {
    name: "deconv"
    op: "Conv2DBackpropInput"
    input: "input_sizes"
    input: "filter/read"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
    attr {
      key: "strides"
      value { list { i: 1 i: 2 i: 2 i: 1 } }
    }
    attr {
      key: "padding"
      value { s: "SAME" }
    }
    attr {
      key: "data_format"
      value { s: "NHWC" }
    }
  }
  node {
    name: "size"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape { dim { size: 2 } }
          int_val: 8
          int_val: 6
        }
      }
    }
  }
  node {
    name: "up"
    op: "ResizeBilinear"
    input: "deconv"
    input: "size"
    attr {
      key: "half_pixel_centers"
      value { b: true }
    }
  }
  node { name: "up_nn" op: "ResizeNearestNeighbor" input: "deconv" input: "x" }
  node {
    name: "cond"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_BOOL }
    }
  }
  node { name: "select" op: "Select" input: "cond" input: "up" input: "up" }
  node { name: "select2" op: "SelectV2" input: "cond" input: "up" input: "up" }
  node {
    name: "addn"
    op: "AddN"
    input: "up"
    input: "select"
    input: "select2"
    input: "^x"
    attr {
      key: "N"
      value { i: 3 }
    }
  }
  node { name: "fmod" op: "FloorMod" input: "addn" input: "up" }
  node {
    name: "d2s"
    op: "DepthToSpace"
    input: "x"
    attr {
      key: "block_size"
      value { i: 2 }
    }
    attr {
      key: "data_format"
      value { s: "NCHW" }
    }
  }
  node { name: "s2d" op: "SpaceToDepth" input: "x" }
)pb";

TEST(TfMathSpatialRowsTest, LegalizesEachRow) {
  auto graph_or = ImportText(kTfGraph);
  ASSERT_TRUE(graph_or.ok()) << graph_or.status().ToString();
  const ir::Graph& graph = *graph_or;

  const ir::Node& deconv = NodeNamed(graph, "deconv");
  EXPECT_EQ(deconv.kind, OpKind::kConvTranspose) << deconv.unsupported_reason;
  EXPECT_THAT(OperandNames(graph, deconv), ElementsAre("x", "filter/read"));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(deconv, "output_size"), ElementsAre(4, 3));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(deconv, "strides"), ElementsAre(2, 2));
  EXPECT_EQ(ParamOf<std::string>(deconv, "padding"), "SAME");
  EXPECT_EQ(ParamOf<std::string>(deconv, "filter_layout"), "HWOI");
  EXPECT_EQ(ParamOf<std::string>(deconv, "data_layout"), "NHWC");
  EXPECT_FALSE(deconv.params.contains("group"));
  // The legalized node infers TF's output shape: [1, 4, 3, 2].
  ASSERT_OK_AND_ASSIGN(deconv_out, Infer(deconv.kind, deconv.params,
                                         {Type(ir::DType::kFloat32, {D(1), D(2), D(2), D(8)}),
                                          Type(ir::DType::kFloat32, {D(3), D(3), D(2), D(8)})}));
  EXPECT_EQ(deconv_out.shape.ToString(), "[1,4,3,2]");

  const ir::Node& up = NodeNamed(graph, "up");
  EXPECT_EQ(up.kind, OpKind::kResize) << up.unsupported_reason;
  EXPECT_THAT(OperandNames(graph, up), ElementsAre("deconv"));
  EXPECT_EQ(ParamOf<std::string>(up, "mode"), "linear");
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(up, "size"), ElementsAre(8, 6));
  EXPECT_TRUE(ParamOf<bool>(up, "half_pixel_centers"));
  EXPECT_FALSE(ParamOf<bool>(up, "align_corners"));

  // A size that is not a constant leaves the node unsupported, with the reason.
  const ir::Node& up_nn = NodeNamed(graph, "up_nn");
  EXPECT_EQ(up_nn.kind, OpKind::kUnsupported);
  EXPECT_THAT(up_nn.unsupported_reason, HasSubstr("constant"));

  const ir::Node& select = NodeNamed(graph, "select");
  EXPECT_EQ(select.kind, OpKind::kWhere);
  EXPECT_THAT(OperandNames(graph, select), ElementsAre("cond", "up", "up"));
  EXPECT_TRUE(ParamOf<bool>(select, "cond_matches_dim0"));
  const ir::Node& select2 = NodeNamed(graph, "select2");
  EXPECT_EQ(select2.kind, OpKind::kWhere);
  EXPECT_FALSE(select2.params.contains("cond_matches_dim0"));

  const ir::Node& addn = NodeNamed(graph, "addn");
  EXPECT_EQ(addn.kind, OpKind::kSum);
  EXPECT_THAT(OperandNames(graph, addn), ElementsAre("up", "select", "select2"));

  const ir::Node& fmod = NodeNamed(graph, "fmod");
  EXPECT_EQ(fmod.kind, OpKind::kFloorMod);
  EXPECT_THAT(OperandNames(graph, fmod), ElementsAre("addn", "up"));

  const ir::Node& d2s = NodeNamed(graph, "d2s");
  EXPECT_EQ(d2s.kind, OpKind::kDepthToSpace);
  EXPECT_EQ(ParamOf<int64_t>(d2s, "block_size"), 2);
  EXPECT_EQ(ParamOf<std::string>(d2s, "data_layout"), "NCHW");
  EXPECT_EQ(ParamOf<std::string>(d2s, "mode"), "DCR");
  // block_size is required.
  const ir::Node& s2d = NodeNamed(graph, "s2d");
  EXPECT_EQ(s2d.kind, OpKind::kUnsupported);
  EXPECT_THAT(s2d.unsupported_reason, HasSubstr("block_size"));
}

TEST(TfMathSpatialRowsTest, GroupedBackpropInputAndExplicitPadding) {
  auto graph_or = ImportText(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "sizes"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_INT32
            tensor_shape { dim { size: 4 } }
            int_val: [ 1, 4, 5, 5 ]
          }
        }
      }
    }
    node {
      name: "w"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape {
              dim { size: 3 }
              dim { size: 3 }
              dim { size: 2 }
              dim { size: 6 }
            }
            float_val: 1
          }
        }
      }
    }
    node {
      name: "deconv"
      op: "Conv2DBackpropInput"
      input: "sizes"
      input: "w"
      input: "x"
      attr {
        key: "strides"
        value { list { i: [ 1, 1, 2, 2 ] } }
      }
      attr {
        key: "dilations"
        value { list { i: [ 1, 1, 1, 2 ] } }
      }
      attr {
        key: "padding"
        value { s: "EXPLICIT" }
      }
      attr {
        key: "explicit_paddings"
        value { list { i: [ 0, 0, 0, 0, 1, 2, 3, 4 ] } }
      }
      attr {
        key: "data_format"
        value { s: "NCHW" }
      }
    }
  )pb");
  ASSERT_TRUE(graph_or.ok()) << graph_or.status().ToString();
  const ir::Node& deconv = NodeNamed(*graph_or, "deconv");
  ASSERT_EQ(deconv.kind, OpKind::kConvTranspose) << deconv.unsupported_reason;
  EXPECT_EQ(ParamOf<std::string>(deconv, "data_layout"), "NCHW");
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(deconv, "output_size"), ElementsAre(5, 5));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(deconv, "strides"), ElementsAre(2, 2));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(deconv, "dilations"), ElementsAre(1, 2));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(deconv, "pads"), ElementsAre(1, 2, 3, 4));
  EXPECT_EQ(ParamOf<int64_t>(deconv, "group"), 2);  // 4 channels, filter holds 2 per group
}

}  // namespace
}  // namespace mb::ops
