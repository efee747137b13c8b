// ONNX's linear algebra, normalization, convolution and pooling: Gemm, Einsum,
// InstanceNormalization, LayerNormalization, LRN (new ops), ONNX semantics on the existing
// ops (ceil_mode, count_include_pad, dilations, SAME_LOWER, 1-D conv and pooling,
// ConvTranspose's output_padding and output_shape, 1-D MatMul operands), and the rows of
// onnx_op_table_nn.cc. Expected values are worked by hand from the ONNX spec or copied from
// ONNX's own conformance cases (onnx/backend/test/case/node/*.py), as cited.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "importers/onnx/onnx_op_table.h"
#include "ir/graph.h"
#include "ops/op_def.h"
#include "tests/testing/op_testing.h"

namespace mb {
namespace {

using ir::DType;
using ir::OpKind;
using ops::TensorType;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using testing::ErrorOf;
using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::ParamsBuilder;
using ::testing::Pointwise;
using testing::RunOp;
using testing::Values;

// ---- Helpers ----

ir::Tensor Floats(std::vector<int64_t> sizes, const std::vector<float>& values) {
  return MakeTensor(std::move(sizes), values);
}

ir::Tensor Doubles(std::vector<int64_t> sizes, const std::vector<double>& values) {
  return MakeTensor(std::move(sizes), values);
}

// Shape inference alone, on types.
StatusOr<std::vector<TensorType>> Infer(OpKind kind, const ir::AttributeMap& params,
                                        std::vector<TensorType> types, int num_outputs = 1) {
  return testing::Infer(kind, params, std::move(types), {}, num_outputs);
}

TensorType F32(std::vector<int64_t> sizes) { return {DType::kFloat32, ir::Shape::Static(sizes)}; }

ops::OpCost Cost(OpKind kind, const ir::AttributeMap& params, std::vector<TensorType> operands,
                 std::vector<TensorType> outputs) {
  return testing::CostOf(kind, params, operands, outputs);
}

MATCHER(Near, "") { return std::abs(std::get<0>(arg) - std::get<1>(arg)) < 1e-5; }

// ---- Gemm ----

TEST(GemmTest, ShapesWithTransposes) {
  auto out = Infer(OpKind::kGemm, ParamsBuilder().Set("trans_a", true).Set("trans_b", true).map(),
                   {F32({3, 2}), F32({4, 3})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].shape.ToString(), "[2,4]");
}

TEST(GemmTest, RejectsMismatchedInnerDimensionsAndCThatDoesNotBroadcast) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGemm, {}, {F32({2, 3}), F32({4, 5})})),
              HasSubstr("inner dimensions differ"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGemm, {}, {F32({2, 3}), F32({3, 4}), F32({3})})),
              HasSubstr("does not broadcast"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGemm, {}, {F32({2, 3}), F32({3, 4}), F32({1, 2, 4})})),
              HasSubstr("rank 3"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGemm, {}, {F32({1, 2, 3}), F32({3, 4})})), HasSubstr("2-D"));
}

TEST(GemmTest, CostCountsMacsAndTheScaledAdd) {
  // M=2, K=3, N=4: 24 MACs, 48 FLOPs + 3 * 8 for alpha, beta and the add.
  ops::OpCost cost = Cost(OpKind::kGemm, {}, {F32({2, 3}), F32({3, 4}), F32({4})}, {F32({2, 4})});
  EXPECT_EQ(cost.macs, 24);
  EXPECT_EQ(cost.flops, 72);
  EXPECT_EQ(cost.bytes_read, (6 + 12 + 4) * 4);
  EXPECT_EQ(cost.bytes_written, 8 * 4);
}

TEST(GemmTest, AlphaBetaTransBAndColumnC) {
  // A [[1,2],[3,4]], B^T = [[5,7],[6,8]]: A B^T = [[17,23],[39,53]]; times 0.5 plus
  // 2 * C with C [[1],[2]] broadcast along N.
  auto out =
      RunOp(OpKind::kGemm,
            ParamsBuilder().Set("alpha", 0.5f).Set("beta", 2.0f).Set("trans_b", true).map(),
            {Floats({2, 2}, {1, 2, 3, 4}), Floats({2, 2}, {5, 6, 7, 8}), Floats({2, 1}, {1, 2})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(10.5f, 13.5f, 23.5f, 30.5f));
}

TEST(GemmTest, TransAWithoutC) {
  // A^T = [[1,3],[2,4]] times B [[5,6],[7,8]].
  auto out = RunOp(OpKind::kGemm, ParamsBuilder().Set("trans_a", true).map(),
                   {Floats({2, 2}, {1, 2, 3, 4}), Floats({2, 2}, {5, 6, 7, 8})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(26, 30, 38, 44));
}

TEST(GemmTest, ScalarCBroadcastsEverywhere) {
  auto out = RunOp(OpKind::kGemm, ParamsBuilder().Set("beta", 0.5f).map(),
                   {Floats({1, 2}, {1, 2}), Floats({2, 2}, {1, 0, 0, 1}), Floats({}, {10})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(6, 7));
}

// ---- MatMul with 1-D operands (NumPy rules) ----

TEST(MatMulTest, OneDimensionalOperandsDropTheirUnitDimension) {
  auto row = RunOp(OpKind::kMatMul, {}, {Floats({2}, {1, 2}), Floats({2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_THAT((*row)[0].sizes(), ElementsAre(3));
  EXPECT_THAT(Values<float>((*row)[0]), ElementsAre(9, 12, 15));
  auto column =
      RunOp(OpKind::kMatMul, {}, {Floats({2, 3}, {1, 2, 3, 4, 5, 6}), Floats({3}, {1, 0, -1})});
  ASSERT_TRUE(column.ok()) << column.status().ToString();
  EXPECT_THAT((*column)[0].sizes(), ElementsAre(2));
  EXPECT_THAT(Values<float>((*column)[0]), ElementsAre(-2, -2));
  auto dot = RunOp(OpKind::kMatMul, {}, {Floats({3}, {1, 2, 3}), Floats({3}, {4, 5, 6})});
  ASSERT_TRUE(dot.ok()) << dot.status().ToString();
  EXPECT_TRUE((*dot)[0].sizes().empty());
  EXPECT_THAT(Values<float>((*dot)[0]), ElementsAre(32));
  // Batched B against a vector A: [2] x [2, 2, 2] -> [2, 2].
  auto batched = RunOp(OpKind::kMatMul, {},
                       {Floats({2}, {1, 1}), Floats({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8})});
  ASSERT_TRUE(batched.ok()) << batched.status().ToString();
  EXPECT_THAT((*batched)[0].sizes(), ElementsAre(2, 2));
  EXPECT_THAT(Values<float>((*batched)[0]), ElementsAre(4, 6, 12, 14));
}

TEST(MatMulTest, RejectsABiasOfTheWrongSize) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kMatMul, {}, {F32({2, 3}), F32({3, 4}), F32({3})})),
              HasSubstr("bias has 3 elements"));
}

// ---- Einsum ----

ir::AttributeMap Equation(const char* equation) {
  return ParamsBuilder().Set("equation", equation).map();
}

TEST(EinsumTest, Shapes) {
  auto batch =
      Infer(OpKind::kEinsum, Equation("bij, bjk -> bik"), {F32({5, 2, 3}), F32({5, 3, 4})});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ((*batch)[0].shape.ToString(), "[5,2,4]");
  // Implicit output: letters seen once, sorted.
  auto implicit = Infer(OpKind::kEinsum, Equation("kj,ji"), {F32({2, 3}), F32({3, 4})});
  ASSERT_TRUE(implicit.ok());
  EXPECT_EQ((*implicit)[0].shape.ToString(), "[4,2]");
  auto ellipsis = Infer(OpKind::kEinsum, Equation("...ii->...i"), {F32({3, 5, 5})});
  ASSERT_TRUE(ellipsis.ok());
  EXPECT_EQ((*ellipsis)[0].shape.ToString(), "[3,5]");
  auto broadcast =
      Infer(OpKind::kEinsum, Equation("...ij,...jk"), {F32({2, 1, 2, 3}), F32({4, 3, 5})});
  ASSERT_TRUE(broadcast.ok()) << broadcast.status().ToString();
  EXPECT_EQ((*broadcast)[0].shape.ToString(), "[2,4,2,5]");
}

TEST(EinsumTest, Rejections) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, Equation("ij,jk->ik"), {F32({2, 3})})),
              HasSubstr("2 terms for 1 operands"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, Equation("ij,jk->ik"), {F32({2, 3}), F32({4, 5})})),
              HasSubstr("label 'j' has sizes 3 and 4"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, Equation("ij->k"), {F32({2, 3})})),
              HasSubstr("not in any input"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, Equation("ij->ii"), {F32({2, 3})})),
              HasSubstr("repeats"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, Equation("ijk->i"), {F32({2, 3})})),
              HasSubstr("rank 2"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, Equation("i1->i"), {F32({2})})),
              HasSubstr("unexpected character"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, Equation(".i->i"), {F32({2})})),
              HasSubstr("ellipsis"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kEinsum, {}, {F32({2})})), HasSubstr("equation"));
}

TEST(EinsumTest, CostOfABatchMatMul) {
  // b=5, i=2, j=3, k=4: 120 combinations, one MAC each.
  ops::OpCost cost = Cost(OpKind::kEinsum, Equation("bij,bjk->bik"),
                          {F32({5, 2, 3}), F32({5, 3, 4})}, {F32({5, 2, 4})});
  EXPECT_EQ(cost.macs, 120);
  EXPECT_EQ(cost.flops, 240);
}

TEST(EinsumTest, MatMulAndBatchMatMul) {
  auto mm = RunOp(OpKind::kEinsum, Equation("ij,jk->ik"),
                  {Floats({2, 2}, {1, 2, 3, 4}), Floats({2, 2}, {5, 6, 7, 8})});
  ASSERT_TRUE(mm.ok()) << mm.status().ToString();
  EXPECT_THAT(Values<float>((*mm)[0]), ElementsAre(19, 22, 43, 50));
  // Batch 0: the same product; batch 1: identity times [[1,2],[3,4]].
  auto bmm = RunOp(
      OpKind::kEinsum, Equation("bij,bjk->bik"),
      {Floats({2, 2, 2}, {1, 2, 3, 4, 1, 0, 0, 1}), Floats({2, 2, 2}, {5, 6, 7, 8, 1, 2, 3, 4})});
  ASSERT_TRUE(bmm.ok()) << bmm.status().ToString();
  EXPECT_THAT(Values<float>((*bmm)[0]), ElementsAre(19, 22, 43, 50, 1, 2, 3, 4));
}

TEST(EinsumTest, TransposeReductionOuterProductAndDot) {
  const ir::Tensor m = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  auto transpose = RunOp(OpKind::kEinsum, Equation("ij->ji"), {m});
  ASSERT_TRUE(transpose.ok());
  EXPECT_THAT(Values<float>((*transpose)[0]), ElementsAre(1, 4, 2, 5, 3, 6));
  auto rows = RunOp(OpKind::kEinsum, Equation("ij->i"), {m});
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(Values<float>((*rows)[0]), ElementsAre(6, 15));
  auto total = RunOp(OpKind::kEinsum, Equation("ij->"), {m});
  ASSERT_TRUE(total.ok());
  EXPECT_THAT(Values<float>((*total)[0]), ElementsAre(21));
  auto outer =
      RunOp(OpKind::kEinsum, Equation("i,j->ij"), {Floats({2}, {1, 2}), Floats({3}, {3, 4, 5})});
  ASSERT_TRUE(outer.ok());
  EXPECT_THAT(Values<float>((*outer)[0]), ElementsAre(3, 4, 5, 6, 8, 10));
  auto dot =
      RunOp(OpKind::kEinsum, Equation("i,i"), {Floats({3}, {1, 2, 3}), Floats({3}, {4, 5, 6})});
  ASSERT_TRUE(dot.ok());
  EXPECT_TRUE((*dot)[0].sizes().empty());
  EXPECT_THAT(Values<float>((*dot)[0]), ElementsAre(32));
}

TEST(EinsumTest, DiagonalsInFloat64) {
  auto diagonal = RunOp(OpKind::kEinsum, Equation("ii->i"), {Doubles({2, 2}, {1, 2, 3, 4})});
  ASSERT_TRUE(diagonal.ok()) << diagonal.status().ToString();
  EXPECT_THAT(Values<double>((*diagonal)[0]), ElementsAre(1, 4));
  auto trace = RunOp(OpKind::kEinsum, Equation("ii"), {Doubles({2, 2}, {1, 2, 3, 4})});
  ASSERT_TRUE(trace.ok());
  EXPECT_THAT(Values<double>((*trace)[0]), ElementsAre(5));
  auto batched = RunOp(OpKind::kEinsum, Equation("...ii ->...i"),
                       {Doubles({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8})});
  ASSERT_TRUE(batched.ok());
  EXPECT_THAT(Values<double>((*batched)[0]), ElementsAre(1, 4, 5, 8));
}

TEST(EinsumTest, EllipsisBroadcasts) {
  // Batch dimensions [2] and [1] broadcast to [2]: rows [1,2] and [3,4] times [10,100].
  auto out = RunOp(OpKind::kEinsum, Equation("...ij,...jk->...ik"),
                   {Floats({2, 1, 2}, {1, 2, 3, 4}), Floats({1, 2, 1}, {10, 100})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(2, 1, 1));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(210, 430));
}

// ---- InstanceNormalization ----

TEST(InstanceNormTest, NormalizesEachChannelOfEachInstance) {
  // onnx instancenorm.py's first case, epsilon 0 for exact values: channel 0 [-1,0,1] has
  // mean 0 and variance 2/3; channel 1 [2,3,4] the same spread, scaled by 1.5 plus 1.
  const float r = std::sqrt(1.5f);
  auto out = RunOp(
      OpKind::kInstanceNormalization, ParamsBuilder().Set("epsilon", 0.0f).map(),
      {Floats({1, 2, 1, 3}, {-1, 0, 1, 2, 3, 4}), Floats({2}, {1, 1.5f}), Floats({2}, {0, 1})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Values<float>((*out)[0]),
              Pointwise(Near(), std::vector<float>{-r, 0, r, 1 - 1.5f * r, 1, 1 + 1.5f * r}));
}

TEST(InstanceNormTest, Rejections) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kInstanceNormalization, {}, {F32({2, 3}), F32({3}), F32({3})})),
              HasSubstr("rank >= 3"));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kInstanceNormalization, {}, {F32({1, 3, 4}), F32({2}), F32({3})})),
      HasSubstr("expected 3 channels"));
}

// ---- LayerNormalization ----

TEST(LayerNormTest, ShapesOfYMeanAndInvStdDev) {
  auto out = Infer(OpKind::kLayerNormalization, ParamsBuilder().Set("axis", int64_t{1}).map(),
                   {F32({2, 3, 4}), F32({3, 4}), F32({4})}, 3);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].shape.ToString(), "[2,3,4]");
  EXPECT_EQ((*out)[1].shape.ToString(), "[2,1,1]");
  EXPECT_EQ((*out)[2].shape.ToString(), "[2,1,1]");
  EXPECT_THAT(ErrorOf(Infer(OpKind::kLayerNormalization, {}, {F32({2, 3}), F32({4})})),
              HasSubstr("does not broadcast"));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kLayerNormalization, ParamsBuilder().Set("axis", int64_t{2}).map(),
                    {F32({2, 3}), F32({3})})),
      HasSubstr("out of range"));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kLayerNormalization,
                    ParamsBuilder().Set("stash_type", int64_t{11}).map(), {F32({2, 3}), F32({3})})),
      HasSubstr("stash_type"));
}

TEST(LayerNormTest, NormalizesTheLastAxis) {
  // Row [1,2,3]: mean 2, variance 2/3; row [2,4,6]: mean 4, variance 8/3. Both normalize
  // to [-r, 0, r], r = sqrt(3/2); then * [1, 2, 0.5] + [0, 1, -1].
  const float r = std::sqrt(1.5f);
  auto out = RunOp(
      OpKind::kLayerNormalization, ParamsBuilder().Set("epsilon", 0.0f).map(),
      {Floats({2, 3}, {1, 2, 3, 2, 4, 6}), Floats({3}, {1, 2, 0.5f}), Floats({3}, {0, 1, -1})}, 3);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Values<float>((*out)[0]),
              Pointwise(Near(), std::vector<float>{-r, 1, 0.5f * r - 1, -r, 1, 0.5f * r - 1}));
  EXPECT_THAT(Values<float>((*out)[1]), Pointwise(Near(), std::vector<float>{2, 4}));
  EXPECT_THAT(Values<float>((*out)[2]),
              Pointwise(Near(), std::vector<float>{r, std::sqrt(3.0f / 8.0f)}));
}

TEST(LayerNormTest, AxisZeroWithoutBiasAndBroadcastScale) {
  // All four values [0, 2, 4, 6]: mean 3, variance 5, scale [[2]] broadcast.
  auto out = RunOp(OpKind::kLayerNormalization,
                   ParamsBuilder().Set("axis", int64_t{0}).Set("epsilon", 0.0f).map(),
                   {Floats({2, 2}, {0, 2, 4, 6}), Floats({1, 1}, {2})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const float s = 2 / std::sqrt(5.0f);
  EXPECT_THAT(Values<float>((*out)[0]),
              Pointwise(Near(), std::vector<float>{-3 * s, -s, s, 3 * s}));
}

// ---- LRN ----

TEST(LrnTest, SumsSquaresOverNeighbouringChannels) {
  // alpha / size = 1, beta = 1, bias = 1: y = x / (1 + square_sum). size 3: channel windows
  // [0,1], [0,2], [1,2]; size 2: floor(1/2) = 0 below, ceil(1/2) = 1 above.
  const ir::Tensor x = Floats({1, 3, 1, 1}, {1, 2, 3});
  auto three = RunOp(
      OpKind::kLRN,
      ParamsBuilder().Set("size", int64_t{3}).Set("alpha", 3.0f).Set("beta", 1.0f).map(), {x});
  ASSERT_TRUE(three.ok()) << three.status().ToString();
  EXPECT_THAT(Values<float>((*three)[0]),
              Pointwise(Near(), std::vector<float>{1.0f / 6, 2.0f / 15, 3.0f / 14}));
  auto two = RunOp(
      OpKind::kLRN,
      ParamsBuilder().Set("size", int64_t{2}).Set("alpha", 2.0f).Set("beta", 1.0f).map(), {x});
  ASSERT_TRUE(two.ok());
  EXPECT_THAT(Values<float>((*two)[0]),
              Pointwise(Near(), std::vector<float>{1.0f / 6, 2.0f / 14, 3.0f / 10}));
}

TEST(LrnTest, DefaultsAndRejections) {
  // Defaults alpha 1e-4, beta 0.75, bias 1 with size 1: y = x / (1 + 1e-4 x^2)^0.75.
  auto out = RunOp(OpKind::kLRN, ParamsBuilder().Set("size", int64_t{1}).map(),
                   {Floats({1, 1, 1, 1}, {10})});
  ASSERT_TRUE(out.ok());
  EXPECT_NEAR(Values<float>((*out)[0])[0], 10 / std::pow(1.01, 0.75), 1e-5);
  EXPECT_THAT(ErrorOf(Infer(OpKind::kLRN, {}, {F32({1, 3, 2, 2})})), HasSubstr("size"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kLRN, ParamsBuilder().Set("size", int64_t{0}).map(),
                            {F32({1, 3, 2, 2})})),
              HasSubstr("size"));
}

// ---- Pooling: ceil_mode, count_include_pad, dilations, SAME_LOWER, 1-D, global ----

ir::AttributeMap PoolParams(std::vector<int64_t> kernel, std::vector<int64_t> strides) {
  return ParamsBuilder()
      .Set("data_layout", "NCHW")
      .Set("kernel", std::move(kernel))
      .Set("strides", std::move(strides))
      .map();
}

const ir::Tensor& Grid4x4() {
  static const ir::Tensor* grid =
      new ir::Tensor(Floats({1, 1, 4, 4}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}));
  return *grid;
}

TEST(PoolTest, CeilModeMatchesOnnxCases) {
  // onnx maxpool.py / averagepool.py "2d_ceil": kernel 3, stride 2 over 4x4 gives 2x2; the
  // last windows hang past the input and average only their in-bounds cells.
  ir::AttributeMap params = PoolParams({3, 3}, {2, 2});
  params["ceil_mode"] = ir::Attribute{true};
  auto max = RunOp(OpKind::kMaxPool, params, {Grid4x4()});
  ASSERT_TRUE(max.ok()) << max.status().ToString();
  EXPECT_THAT(Values<float>((*max)[0]), ElementsAre(11, 12, 15, 16));
  auto avg = RunOp(OpKind::kAveragePool, params, {Grid4x4()});
  ASSERT_TRUE(avg.ok());
  EXPECT_THAT(Values<float>((*avg)[0]), ElementsAre(6, 7.5f, 12, 13.5f));
  // Without ceil_mode: a single window.
  auto floor = Infer(OpKind::kMaxPool, PoolParams({3, 3}, {2, 2}), {F32({1, 1, 4, 4})});
  ASSERT_TRUE(floor.ok());
  EXPECT_EQ((*floor)[0].shape.ToString(), "[1,1,1,1]");
}

TEST(PoolTest, CeilModeDropsAWindowThatStartsInTheTrailingPadding) {
  // Input 5, kernel 2, stride 2, pads 1 + 1: ceil((7 - 2) / 2) + 1 = 4, but window 3 would
  // start at 6 - 1 = 5, past the input: 3 outputs (PyTorch's and onnxruntime's rule).
  ir::AttributeMap params = PoolParams({1, 2}, {1, 2});
  params["ceil_mode"] = ir::Attribute{true};
  params["padding"] = ir::Attribute{std::string("EXPLICIT")};
  params["pads"] = ir::Attribute{std::vector<int64_t>{0, 0, 1, 1}};
  auto out = Infer(OpKind::kMaxPool, params, {F32({1, 1, 1, 5})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].shape.ToString(), "[1,1,1,3]");
  // Input 6, pad 1 before only: floor gives 3, ceil 4, and window 3 starts at 6 - 1 = 5,
  // inside the input: kept.
  params["pads"] = ir::Attribute{std::vector<int64_t>{0, 0, 1, 0}};
  auto kept = Infer(OpKind::kMaxPool, params, {F32({1, 1, 1, 6})});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ((*kept)[0].shape.ToString(), "[1,1,1,4]");
}

TEST(PoolTest, CountIncludePad) {
  // [[1,2],[3,4]], kernel 2, stride 1, pads 1 on every side: 3x3 windows. Corner (0,0)
  // sees only 1, edge (0,1) sees 1 and 2, the centre sees all four.
  ir::AttributeMap params = PoolParams({2, 2}, {1, 1});
  params["padding"] = ir::Attribute{std::string("EXPLICIT")};
  params["pads"] = ir::Attribute{std::vector<int64_t>{1, 1, 1, 1}};
  const ir::Tensor x = Floats({1, 1, 2, 2}, {1, 2, 3, 4});
  auto excluded = RunOp(OpKind::kAveragePool, params, {x});
  ASSERT_TRUE(excluded.ok()) << excluded.status().ToString();
  EXPECT_THAT(Values<float>((*excluded)[0]), ElementsAre(1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4));
  params["count_include_pad"] = ir::Attribute{true};
  auto included = RunOp(OpKind::kAveragePool, params, {x});
  ASSERT_TRUE(included.ok());
  EXPECT_THAT(Values<float>((*included)[0]),
              ElementsAre(0.25f, 0.75f, 0.5f, 1, 2.5f, 1.5f, 0.75f, 1.75f, 1));
}

TEST(PoolTest, CountIncludePadDoesNotCountTheCeilOverhang) {
  // onnx averagepool "2d_ceil" with count_include_pad: no declared padding, so the
  // overhanging windows still divide by their in-bounds cells.
  ir::AttributeMap params = PoolParams({3, 3}, {2, 2});
  params["ceil_mode"] = ir::Attribute{true};
  params["count_include_pad"] = ir::Attribute{true};
  auto avg = RunOp(OpKind::kAveragePool, params, {Grid4x4()});
  ASSERT_TRUE(avg.ok());
  EXPECT_THAT(Values<float>((*avg)[0]), ElementsAre(6, 7.5f, 12, 13.5f));
}

TEST(PoolTest, SameLowerPutsTheExtraPadBefore) {
  // [[1,2],[3,4]], kernel 2, stride 1: one pad cell per dimension. SAME_LOWER pads top and
  // left, SAME_UPPER (and TF's SAME) bottom and right.
  const ir::Tensor x = Floats({1, 1, 2, 2}, {1, 2, 3, 4});
  ir::AttributeMap params = PoolParams({2, 2}, {1, 1});
  params["padding"] = ir::Attribute{std::string("SAME_LOWER")};
  auto lower = RunOp(OpKind::kAveragePool, params, {x});
  ASSERT_TRUE(lower.ok()) << lower.status().ToString();
  EXPECT_THAT(Values<float>((*lower)[0]), ElementsAre(1, 1.5f, 2, 2.5f));
  params["padding"] = ir::Attribute{std::string("SAME_UPPER")};
  auto upper = RunOp(OpKind::kAveragePool, params, {x});
  ASSERT_TRUE(upper.ok());
  EXPECT_THAT(Values<float>((*upper)[0]), ElementsAre(2.5f, 3, 3.5f, 4));
}

TEST(PoolTest, MaxPoolDilations) {
  // onnx maxpool.py "2d_dilations".
  ir::AttributeMap params = PoolParams({2, 2}, {1, 1});
  params["dilations"] = ir::Attribute{std::vector<int64_t>{2, 2}};
  auto out = RunOp(OpKind::kMaxPool, params, {Grid4x4()});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 1, 2, 2));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(11, 12, 15, 16));
}

TEST(PoolTest, OneDimensionalPooling) {
  ir::AttributeMap params = PoolParams({2}, {2});
  auto out = RunOp(OpKind::kMaxPool, params, {Floats({1, 1, 5}, {1, 2, 3, 4, 5})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 1, 2));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(2, 4));
  params["ceil_mode"] = ir::Attribute{true};
  auto ceil = RunOp(OpKind::kMaxPool, params, {Floats({1, 1, 5}, {1, 2, 3, 4, 5})});
  ASSERT_TRUE(ceil.ok());
  EXPECT_THAT(Values<float>((*ceil)[0]), ElementsAre(2, 4, 5));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kMaxPool, PoolParams({2, 2}, {1, 1}), {F32({1, 1, 5})})),
              HasSubstr("kernel has 2 values, expected 1"));
}

TEST(PoolTest, GlobalPooling) {
  ir::AttributeMap params = ParamsBuilder().Set("data_layout", "NCHW").Set("global", true).map();
  auto avg = RunOp(OpKind::kAveragePool, params, {Floats({1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 9})});
  ASSERT_TRUE(avg.ok()) << avg.status().ToString();
  EXPECT_THAT((*avg)[0].sizes(), ElementsAre(1, 2, 1, 1));
  EXPECT_THAT(Values<float>((*avg)[0]), ElementsAre(2.5f, 6.75f));
  auto max = RunOp(OpKind::kMaxPool, params, {Floats({1, 2, 3}, {1, 5, 3, -4, -2, -3})});
  ASSERT_TRUE(max.ok());
  EXPECT_THAT((*max)[0].sizes(), ElementsAre(1, 2, 1));
  EXPECT_THAT(Values<float>((*max)[0]), ElementsAre(5, -2));
}

// 3-D pooling on [N, C, D, H, W]: x holds 1..8 in (d, h, w) row-major order.
TEST(PoolTest, ThreeDimensionalPooling) {
  const ir::Tensor x = Floats({1, 1, 2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  ir::AttributeMap params = PoolParams({2, 2, 2}, {1, 1, 1});
  auto max = RunOp(OpKind::kMaxPool, params, {x});
  ASSERT_TRUE(max.ok()) << max.status().ToString();
  EXPECT_THAT((*max)[0].sizes(), ElementsAre(1, 1, 1, 1, 1));
  EXPECT_THAT(Values<float>((*max)[0]), ElementsAre(8));
  auto avg = RunOp(OpKind::kAveragePool, params, {x});
  ASSERT_TRUE(avg.ok()) << avg.status().ToString();
  EXPECT_THAT(Values<float>((*avg)[0]), ElementsAre(4.5f));  // 36 / 8

  // pads are [front, back, top, bottom, left, right]: one cell before H. Output [1, 2, 1]:
  // the first window sees only the h = 0 cells {1, 2, 5, 6}, the second all eight.
  params["padding"] = ir::Attribute{std::string("EXPLICIT")};
  params["pads"] = ir::Attribute{std::vector<int64_t>{0, 0, 1, 0, 0, 0}};
  auto padded_max = RunOp(OpKind::kMaxPool, params, {x});
  ASSERT_TRUE(padded_max.ok()) << padded_max.status().ToString();
  EXPECT_THAT((*padded_max)[0].sizes(), ElementsAre(1, 1, 1, 2, 1));
  EXPECT_THAT(Values<float>((*padded_max)[0]), ElementsAre(6, 8));
  auto padded_avg = RunOp(OpKind::kAveragePool, params, {x});
  ASSERT_TRUE(padded_avg.ok());
  EXPECT_THAT(Values<float>((*padded_avg)[0]), ElementsAre(3.5f, 4.5f));  // 14 / 4, 36 / 8
  params["count_include_pad"] = ir::Attribute{true};
  auto with_pad = RunOp(OpKind::kAveragePool, params, {x});
  ASSERT_TRUE(with_pad.ok());
  EXPECT_THAT(Values<float>((*with_pad)[0]), ElementsAre(1.75f, 4.5f));  // 14 / 8, 36 / 8

  // NDHWC with one channel is the same memory.
  ir::AttributeMap ndhwc = PoolParams({2, 2, 2}, {1, 1, 1});
  ndhwc["data_layout"] = ir::Attribute{std::string("NHWC")};
  auto last = RunOp(OpKind::kMaxPool, ndhwc, {Floats({1, 2, 2, 2, 1}, {1, 2, 3, 4, 5, 6, 7, 8})});
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_THAT((*last)[0].sizes(), ElementsAre(1, 1, 1, 1, 1));
  EXPECT_THAT(Values<float>((*last)[0]), ElementsAre(8));

  // Cost: one operation per window cell per output, 2 outputs * 8 cells.
  EXPECT_EQ(Cost(OpKind::kMaxPool, PoolParams({2, 2, 2}, {1, 1, 1}), {F32({1, 1, 2, 2, 3})},
                 {F32({1, 1, 1, 1, 2})})
                .flops,
            16);
  EXPECT_THAT(ErrorOf(Infer(OpKind::kMaxPool, PoolParams({2, 2}, {1, 1}), {F32({1, 1, 2, 2, 2})})),
              HasSubstr("kernel has 2 values, expected 3"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kMaxPool, PoolParams({2}, {1}), {F32({1, 1, 2, 2, 2, 2})})),
              HasSubstr("rank 6"));
}

// ---- Conv: 1-D and SAME_LOWER ----

ir::AttributeMap ConvParams(const char* padding) {
  return ParamsBuilder()
      .Set("data_layout", "NCHW")
      .Set("filter_layout", "OIHW")
      .Set("padding", padding)
      .map();
}

TEST(ConvTest, OneDimensionalConvolution) {
  // [1,2,3,4] correlated with [1,2]: [5,8,11]; with one pad cell before: [2,5,8,11].
  const ir::Tensor x = Floats({1, 1, 4}, {1, 2, 3, 4});
  const ir::Tensor w = Floats({1, 1, 2}, {1, 2});
  auto valid = RunOp(OpKind::kConv, ConvParams("VALID"), {x, w});
  ASSERT_TRUE(valid.ok()) << valid.status().ToString();
  EXPECT_THAT((*valid)[0].sizes(), ElementsAre(1, 1, 3));
  EXPECT_THAT(Values<float>((*valid)[0]), ElementsAre(5, 8, 11));
  ir::AttributeMap params = ConvParams("EXPLICIT");
  params["pads"] = ir::Attribute{std::vector<int64_t>{1, 0}};
  auto padded = RunOp(OpKind::kConv, params, {x, w, Floats({1}, {0.5f})});
  ASSERT_TRUE(padded.ok()) << padded.status().ToString();
  EXPECT_THAT(Values<float>((*padded)[0]), ElementsAre(2.5f, 5.5f, 8.5f, 11.5f));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kConv, ConvParams("VALID"), {F32({1, 1, 4}), F32({1, 1, 1, 2})})),
      HasSubstr("filter has rank 4, expected 3"));
}

TEST(ConvTest, SameLowerAndSameUpper) {
  // x [1,2], w [1,10]: one pad cell. SAME_UPPER (pad after): [1 + 20, 2];
  // SAME_LOWER (pad before): [10, 1 + 20].
  const ir::Tensor x = Floats({1, 1, 1, 2}, {1, 2});
  const ir::Tensor w = Floats({1, 1, 1, 2}, {1, 10});
  auto upper = RunOp(OpKind::kConv, ConvParams("SAME_UPPER"), {x, w});
  ASSERT_TRUE(upper.ok()) << upper.status().ToString();
  EXPECT_THAT(Values<float>((*upper)[0]), ElementsAre(21, 2));
  auto lower = RunOp(OpKind::kConv, ConvParams("SAME_LOWER"), {x, w});
  ASSERT_TRUE(lower.ok());
  EXPECT_THAT(Values<float>((*lower)[0]), ElementsAre(10, 21));
}

// ---- ConvTranspose: ONNX's auto_pad, output_padding and output_shape ----

ir::AttributeMap ConvTransposeParams(const char* padding, std::vector<int64_t> strides) {
  return ParamsBuilder()
      .Set("data_layout", "NCHW")
      .Set("filter_layout", "IOHW")
      .Set("padding", padding)
      .Set("strides", std::move(strides))
      .map();
}

const ir::Tensor& X3x3() {
  static const ir::Tensor* x = new ir::Tensor(Floats({1, 1, 3, 3}, {0, 1, 2, 3, 4, 5, 6, 7, 8}));
  return *x;
}
const ir::Tensor& Ones1x2x3x3() {
  static const ir::Tensor* w = new ir::Tensor(Floats({1, 2, 3, 3}, std::vector<float>(18, 1)));
  return *w;
}

TEST(ConvTransposeTest, SameUpperMatchesOnnxAutopadSame) {
  // onnx convtranspose.py "autopad_same": output 3 * 2 = 6, one pad cell after.
  auto out = RunOp(OpKind::kConvTranspose, ConvTransposeParams("SAME_UPPER", {2, 2}),
                   {X3x3(), Ones1x2x3x3()});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 2, 6, 6));
  const std::vector<float> channel = {0, 0, 1, 1, 3, 2, 0, 0, 1,  1,  3,  2,  3, 3, 8,  5, 12, 7,
                                      3, 3, 7, 4, 9, 5, 9, 9, 20, 11, 24, 13, 6, 6, 13, 7, 15, 8};
  std::vector<float> expected = channel;
  expected.insert(expected.end(), channel.begin(), channel.end());
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAreArray(expected));
}

// onnx convtranspose.py "attributes": strides [3, 2] and either output_shape [10, 8] or
// output_padding [1, 1] give the same 10x8 output whose last row and column get nothing.
std::vector<float> OnnxAttributesExpected() {
  const std::vector<float> rows[3] = {
      {0, 0, 1, 1, 3, 2, 2, 0}, {3, 3, 7, 4, 9, 5, 5, 0}, {6, 6, 13, 7, 15, 8, 8, 0}};
  std::vector<float> channel;
  for (const auto& row : rows) {
    for (int i = 0; i < 3; ++i) channel.insert(channel.end(), row.begin(), row.end());
  }
  channel.insert(channel.end(), 8, 0.0f);
  std::vector<float> expected = channel;
  expected.insert(expected.end(), channel.begin(), channel.end());
  return expected;
}

TEST(ConvTransposeTest, OutputPaddingMatchesOnnxCase) {
  ir::AttributeMap params = ConvTransposeParams("EXPLICIT", {3, 2});
  params["output_padding"] = ir::Attribute{std::vector<int64_t>{1, 1}};
  auto out = RunOp(OpKind::kConvTranspose, params, {X3x3(), Ones1x2x3x3()});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 2, 10, 8));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAreArray(OnnxAttributesExpected()));
}

TEST(ConvTransposeTest, OutputShapeMatchesOnnxCase) {
  // output_shape with auto_pad NOTSET maps to SAME_LOWER: total padding 3*2 + 3 - 10 = -1,
  // clamped to 0.
  for (std::vector<int64_t> output_padding : {std::vector<int64_t>{0, 0}, {1, 1}}) {
    ir::AttributeMap params = ConvTransposeParams("SAME_LOWER", {3, 2});
    params["output_size"] = ir::Attribute{std::vector<int64_t>{10, 8}};
    params["output_padding"] = ir::Attribute{output_padding};
    auto out = RunOp(OpKind::kConvTranspose, params, {X3x3(), Ones1x2x3x3()});
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_THAT(Values<float>((*out)[0]), ElementsAreArray(OnnxAttributesExpected()));
  }
}

TEST(ConvTransposeTest, OneDimensional) {
  // x [1,2], w [1,1,1] (IOL [1,1,3]), stride 1: [1, 3, 3, 2].
  auto out = RunOp(OpKind::kConvTranspose, ConvTransposeParams("EXPLICIT", {1}),
                   {Floats({1, 1, 2}, {1, 2}), Floats({1, 1, 3}, {1, 1, 1})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 1, 4));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(1, 3, 3, 2));
}

TEST(ConvTransposeTest, ThreeDimensional) {
  // x [1, 2] along W (D = H = 1); w (IODHW [1, 1, 2, 1, 1]) [1, 10] along D: output depth 2,
  // slice d is x * w[d]: [[1, 2], [10, 20]].
  const ir::Tensor w = Floats({1, 1, 2, 1, 1}, {1, 10});
  auto out = RunOp(OpKind::kConvTranspose, ConvTransposeParams("EXPLICIT", {1, 1, 1}),
                   {Floats({1, 1, 1, 1, 2}, {1, 2}), w});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 1, 2, 1, 2));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(1, 2, 10, 20));

  // x [1, 2] along D with stride 2 in D: x[0] lands at d 0, 1 and x[1] at d 2, 3; bias 0.5.
  auto strided = RunOp(OpKind::kConvTranspose, ConvTransposeParams("EXPLICIT", {2, 1, 1}),
                       {Floats({1, 1, 2, 1, 1}, {1, 2}), w, Floats({1}, {0.5f})});
  ASSERT_TRUE(strided.ok()) << strided.status().ToString();
  EXPECT_THAT((*strided)[0].sizes(), ElementsAre(1, 1, 4, 1, 1));
  EXPECT_THAT(Values<float>((*strided)[0]), ElementsAre(1.5f, 10.5f, 2.5f, 20.5f));

  // pads [front, back, ...] = [1, 0, ...] crop the first output slice.
  ir::AttributeMap cropped = ConvTransposeParams("EXPLICIT", {2, 1, 1});
  cropped["pads"] = ir::Attribute{std::vector<int64_t>{1, 0, 0, 0, 0, 0}};
  auto crop = RunOp(OpKind::kConvTranspose, cropped, {Floats({1, 1, 2, 1, 1}, {1, 2}), w});
  ASSERT_TRUE(crop.ok()) << crop.status().ToString();
  EXPECT_THAT((*crop)[0].sizes(), ElementsAre(1, 1, 3, 1, 1));
  EXPECT_THAT(Values<float>((*crop)[0]), ElementsAre(10, 2, 20));

  // TF-style layouts: NDHWC input, DHWOI filter [2, 1, 1, 1, 1].
  ir::AttributeMap tf = ParamsBuilder().Set("padding", "VALID").map();
  auto last = RunOp(OpKind::kConvTranspose, tf,
                    {Floats({1, 1, 1, 2, 1}, {1, 2}), Floats({2, 1, 1, 1, 1}, {1, 10})});
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_THAT((*last)[0].sizes(), ElementsAre(1, 2, 1, 2, 1));
  EXPECT_THAT(Values<float>((*last)[0]), ElementsAre(1, 2, 10, 20));

  // Cost: 2 inputs * 2 taps * 1 output channel = 4 MACs.
  const ops::OpCost cost =
      Cost(OpKind::kConvTranspose, ConvTransposeParams("EXPLICIT", {1, 1, 1}),
           {F32({1, 1, 1, 1, 2}), F32({1, 1, 2, 1, 1})}, {F32({1, 1, 2, 1, 2})});
  EXPECT_EQ(cost.macs, 4);
  EXPECT_EQ(cost.flops, 8);
  EXPECT_THAT(ErrorOf(Infer(OpKind::kConvTranspose, ConvTransposeParams("EXPLICIT", {1, 1, 1}),
                            {F32({1, 1, 1, 1, 2}), F32({1, 1, 2, 1})})),
              HasSubstr("filter has rank 4, expected 5"));
}

// ---- ONNX rows (onnx_op_table_nn.cc) ----

// A one-node graph for the rows: inputs are Values (constants where given), attrs as the
// ONNX importer stores them.
struct OnnxGraph {
  ir::Graph graph;
  ir::NodeId id = 0;

  ir::ValueId Input(const std::string& name, std::optional<ir::Shape> shape = std::nullopt) {
    ir::Value value;
    value.name = name;
    value.dtype = DType::kFloat32;
    if (shape) value.shape = *shape;
    return graph.AddValue(std::move(value));
  }
  ir::ValueId Constant(const std::string& name, ir::Tensor tensor) {
    ir::Value value;
    value.name = name;
    value.dtype = tensor.dtype();
    value.shape = tensor.shape();
    value.constant = std::make_shared<const ir::Tensor>(std::move(tensor));
    return graph.AddValue(std::move(value));
  }
  ir::Node& Node(const std::string& op_type, std::vector<ir::ValueId> inputs, int outputs = 1) {
    ir::Node node;
    node.name = "n";
    node.op_type = op_type;
    node.inputs = std::move(inputs);
    id = graph.AddNode(std::move(node));
    for (int i = 0; i < outputs; ++i) {
      ir::Value value;
      value.name = "out" + std::to_string(i);
      value.producer = id;
      value.output_index = i;
      const ir::ValueId v = graph.AddValue(std::move(value));
      graph.node(id).outputs.push_back(v);
    }
    return graph.node(id);
  }
  const ir::Node& Legalize(int64_t opset = 13) {
    importers::onnx::LegalizeOnnxGraph(opset, &graph);
    return graph.node(id);
  }
};

template <typename T>
T ParamOf(const ir::Node& node, const std::string& name) {
  auto it = node.params.find(name);
  EXPECT_TRUE(it != node.params.end()) << name;
  return it == node.params.end() ? T{} : it->second.Get<T>();
}

TEST(OnnxNnRowsTest, ConvReordersPads) {
  OnnxGraph g;
  ir::Node& node = g.Node("Conv", {g.Input("x"), g.Input("w"), g.Input("b")});
  node.attrs["pads"] = ir::Attribute{std::vector<int64_t>{1, 2, 3, 4}};  // h0, w0, h1, w1
  node.attrs["strides"] = ir::Attribute{std::vector<int64_t>{2, 1}};
  node.attrs["group"] = ir::Attribute{int64_t{2}};
  const ir::Node& out = g.Legalize();
  ASSERT_EQ(out.kind, OpKind::kConv) << out.unsupported_reason;
  EXPECT_EQ(out.operands.size(), 3u);
  EXPECT_EQ(ParamOf<std::string>(out, "padding"), "EXPLICIT");
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(out, "pads"), ElementsAre(1, 3, 2, 4));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(out, "strides"), ElementsAre(2, 1));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(out, "dilations"), ElementsAre(1, 1));
  EXPECT_EQ(ParamOf<std::string>(out, "data_layout"), "NCHW");
  EXPECT_EQ(ParamOf<std::string>(out, "filter_layout"), "OIHW");
  EXPECT_EQ(ParamOf<int64_t>(out, "group"), 2);
}

TEST(OnnxNnRowsTest, ConvAutoPadAndOneDimensionalAndRejections) {
  OnnxGraph same;
  same.Node("Conv", {same.Input("x"), same.Input("w")}).attrs["auto_pad"] =
      ir::Attribute{std::string("SAME_LOWER")};
  const ir::Node& lower = same.Legalize();
  ASSERT_EQ(lower.kind, OpKind::kConv) << lower.unsupported_reason;
  EXPECT_EQ(ParamOf<std::string>(lower, "padding"), "SAME_LOWER");

  OnnxGraph one;
  ir::Node& node = one.Node("Conv", {one.Input("x"), one.Constant("w", Floats({1, 1, 2}, {1, 2}))});
  node.attrs["pads"] = ir::Attribute{std::vector<int64_t>{1, 0}};
  const ir::Node& conv1d = one.Legalize();
  ASSERT_EQ(conv1d.kind, OpKind::kConv) << conv1d.unsupported_reason;
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(conv1d, "pads"), ElementsAre(1, 0));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(conv1d, "strides"), ElementsAre(1));

  OnnxGraph three;
  three.Node("Conv", {three.Input("x"), three.Input("w")}).attrs["kernel_shape"] =
      ir::Attribute{std::vector<int64_t>{3, 3, 3}};
  const ir::Node& conv3d = three.Legalize();
  EXPECT_EQ(conv3d.kind, OpKind::kUnsupported);
  EXPECT_THAT(conv3d.unsupported_reason, HasSubstr("3-D"));

  OnnxGraph bad;
  bad.Node("Conv", {bad.Input("x"), bad.Input("w")}).attrs["pads"] =
      ir::Attribute{std::vector<int64_t>{1, 1}};
  bad.graph.node(bad.id).attrs["kernel_shape"] = ir::Attribute{std::vector<int64_t>{3, 3}};
  EXPECT_THAT(bad.Legalize().unsupported_reason, HasSubstr("pads has 2 values, expected 4"));
}

TEST(OnnxNnRowsTest, ConvTransposeOutputShapeAndPadding) {
  OnnxGraph g;
  ir::Node& node = g.Node("ConvTranspose", {g.Input("x"), g.Input("w")});
  node.attrs["strides"] = ir::Attribute{std::vector<int64_t>{3, 2}};
  node.attrs["output_shape"] = ir::Attribute{std::vector<int64_t>{10, 8}};
  node.attrs["output_padding"] = ir::Attribute{std::vector<int64_t>{1, 1}};
  const ir::Node& out = g.Legalize();
  ASSERT_EQ(out.kind, OpKind::kConvTranspose) << out.unsupported_reason;
  EXPECT_EQ(ParamOf<std::string>(out, "filter_layout"), "IOHW");
  EXPECT_EQ(ParamOf<std::string>(out, "padding"), "SAME_LOWER");
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(out, "output_size"), ElementsAre(10, 8));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(out, "output_padding"), ElementsAre(1, 1));
}

TEST(OnnxNnRowsTest, GemmBecomesMatMulWhenItIsOne) {
  OnnxGraph g;
  ir::Node& node =
      g.Node("Gemm", {g.Input("a"), g.Constant("b", Floats({3, 2}, {1, 2, 3, 4, 5, 6})),
                      g.Constant("c", Floats({3}, {1, 2, 3}))});
  node.attrs["transB"] = ir::Attribute{int64_t{1}};
  const ir::Node& out = g.Legalize();
  ASSERT_EQ(out.kind, OpKind::kMatMul) << out.unsupported_reason;
  EXPECT_EQ(out.operands.size(), 3u);
  EXPECT_TRUE(ParamOf<bool>(out, "trans_b"));
  EXPECT_FALSE(ParamOf<bool>(out, "trans_a"));

  OnnxGraph no_c;
  no_c.Node("Gemm", {no_c.Input("a"), no_c.Input("b")});
  EXPECT_EQ(no_c.Legalize().kind, OpKind::kMatMul);
}

TEST(OnnxNnRowsTest, GemmStaysGemmOtherwise) {
  OnnxGraph scaled;
  scaled.Node("Gemm", {scaled.Input("a"), scaled.Input("b"), scaled.Input("c")}).attrs["alpha"] =
      ir::Attribute{0.5f};
  const ir::Node& a = scaled.Legalize();
  ASSERT_EQ(a.kind, OpKind::kGemm) << a.unsupported_reason;
  EXPECT_EQ(ParamOf<float>(a, "alpha"), 0.5f);
  EXPECT_EQ(ParamOf<float>(a, "beta"), 1.0f);

  // A 2-D C, or a one-value C against N = 3, is Gemm's broadcasting, not a bias.
  OnnxGraph matrix;
  matrix.Node("Gemm",
              {matrix.Input("a"), matrix.Constant("b", Floats({2, 3}, std::vector<float>(6, 1))),
               matrix.Constant("c", Floats({2, 3}, std::vector<float>(6, 1)))});
  EXPECT_EQ(matrix.Legalize().kind, OpKind::kGemm);
  OnnxGraph scalar;
  scalar.Node("Gemm",
              {scalar.Input("a"), scalar.Constant("b", Floats({2, 3}, std::vector<float>(6, 1))),
               scalar.Constant("c", Floats({1}, {1}))});
  EXPECT_EQ(scalar.Legalize().kind, OpKind::kGemm);
  // Unknown C shape: Gemm.
  OnnxGraph unknown;
  unknown.Node("Gemm", {unknown.Input("a"), unknown.Input("b"), unknown.Input("c")});
  EXPECT_EQ(unknown.Legalize().kind, OpKind::kGemm);
}

TEST(OnnxNnRowsTest, PoolRows) {
  OnnxGraph g;
  ir::Node& node = g.Node("AveragePool", {g.Input("x")});
  node.attrs["kernel_shape"] = ir::Attribute{std::vector<int64_t>{3, 3}};
  node.attrs["pads"] = ir::Attribute{std::vector<int64_t>{0, 1, 2, 3}};
  node.attrs["ceil_mode"] = ir::Attribute{int64_t{1}};
  node.attrs["count_include_pad"] = ir::Attribute{int64_t{1}};
  const ir::Node& avg = g.Legalize(11);
  ASSERT_EQ(avg.kind, OpKind::kAveragePool) << avg.unsupported_reason;
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(avg, "kernel"), ElementsAre(3, 3));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(avg, "pads"), ElementsAre(0, 2, 1, 3));
  EXPECT_TRUE(ParamOf<bool>(avg, "ceil_mode"));
  EXPECT_TRUE(ParamOf<bool>(avg, "count_include_pad"));

  OnnxGraph indices;
  indices.Node("MaxPool", {indices.Input("x")}, 2).attrs["kernel_shape"] =
      ir::Attribute{std::vector<int64_t>{2, 2}};
  EXPECT_THAT(indices.Legalize().unsupported_reason, HasSubstr("Indices"));
  OnnxGraph storage;
  ir::Node& s = storage.Node("MaxPool", {storage.Input("x")});
  s.attrs["kernel_shape"] = ir::Attribute{std::vector<int64_t>{2, 2}};
  s.attrs["storage_order"] = ir::Attribute{int64_t{1}};
  EXPECT_THAT(storage.Legalize().unsupported_reason, HasSubstr("storage_order"));
  OnnxGraph no_kernel;
  no_kernel.Node("MaxPool", {no_kernel.Input("x")});
  EXPECT_THAT(no_kernel.Legalize().unsupported_reason, HasSubstr("kernel_shape"));
}

TEST(OnnxNnRowsTest, ThreeDimensionalPoolAndConvTransposeRows) {
  OnnxGraph g;
  ir::Node& node = g.Node("MaxPool", {g.Input("x")});
  node.attrs["kernel_shape"] = ir::Attribute{std::vector<int64_t>{2, 2, 2}};
  // ONNX [d0, h0, w0, d1, h1, w1] -> engine [d0, d1, h0, h1, w0, w1].
  node.attrs["pads"] = ir::Attribute{std::vector<int64_t>{1, 2, 3, 4, 5, 6}};
  const ir::Node& max = g.Legalize();
  ASSERT_EQ(max.kind, OpKind::kMaxPool) << max.unsupported_reason;
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(max, "pads"), ElementsAre(1, 4, 2, 5, 3, 6));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(max, "strides"), ElementsAre(1, 1, 1));

  OnnxGraph avg;
  avg.Node("AveragePool", {avg.Input("x")}).attrs["kernel_shape"] =
      ir::Attribute{std::vector<int64_t>{2, 2, 2}};
  EXPECT_EQ(avg.Legalize().kind, OpKind::kAveragePool);

  OnnxGraph ct;
  ct.Node("ConvTranspose", {ct.Input("x"), ct.Constant("w", Floats({1, 1, 2, 1, 1}, {1, 10}))});
  const ir::Node& transpose = ct.Legalize();
  ASSERT_EQ(transpose.kind, OpKind::kConvTranspose) << transpose.unsupported_reason;
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(transpose, "output_padding"), ElementsAre(0, 0, 0));
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(transpose, "pads"), ElementsAre(0, 0, 0, 0, 0, 0));
}

TEST(OnnxNnRowsTest, GlobalPoolsReduceWhenTheRankIsKnown) {
  OnnxGraph known;
  known.Node("GlobalAveragePool",
             {known.Input("x", ir::Shape({ir::Dim::Symbolic("N"), ir::Dim::Known(8),
                                          ir::Dim::Known(7), ir::Dim::Known(7)}))});
  const ir::Node& reduce = known.Legalize();
  ASSERT_EQ(reduce.kind, OpKind::kReduceMean) << reduce.unsupported_reason;
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(reduce, "axes"), ElementsAre(2, 3));
  EXPECT_TRUE(ParamOf<bool>(reduce, "keepdims"));

  OnnxGraph unknown;
  unknown.Node("GlobalMaxPool", {unknown.Input("x")});
  const ir::Node& pool = unknown.Legalize();
  ASSERT_EQ(pool.kind, OpKind::kMaxPool) << pool.unsupported_reason;
  EXPECT_TRUE(ParamOf<bool>(pool, "global"));
}

TEST(OnnxNnRowsTest, NormalizationRows) {
  OnnxGraph bn;
  bn.Node("BatchNormalization",
          {bn.Input("x"), bn.Input("s"), bn.Input("b"), bn.Input("m"), bn.Input("v")})
      .attrs["epsilon"] = ir::Attribute{1e-3f};
  const ir::Node& batch_norm = bn.Legalize(9);
  ASSERT_EQ(batch_norm.kind, OpKind::kBatchNormalization) << batch_norm.unsupported_reason;
  EXPECT_EQ(ParamOf<std::string>(batch_norm, "data_layout"), "NCHW");
  EXPECT_EQ(ParamOf<float>(batch_norm, "epsilon"), 1e-3f);

  OnnxGraph training;
  training
      .Node("BatchNormalization", {training.Input("x"), training.Input("s"), training.Input("b"),
                                   training.Input("m"), training.Input("v")})
      .attrs["training_mode"] = ir::Attribute{int64_t{1}};
  EXPECT_EQ(training.Legalize(15).kind, OpKind::kBatchNormalization);  // see BatchNormTraining*

  OnnxGraph ln;
  ln.Node("LayerNormalization", {ln.Input("x"), ln.Input("s")}, 3).attrs["axis"] =
      ir::Attribute{int64_t{1}};
  const ir::Node& layer_norm = ln.Legalize(17);
  ASSERT_EQ(layer_norm.kind, OpKind::kLayerNormalization) << layer_norm.unsupported_reason;
  EXPECT_EQ(ParamOf<int64_t>(layer_norm, "axis"), 1);
  EXPECT_EQ(ParamOf<float>(layer_norm, "epsilon"), 1e-5f);

  OnnxGraph lrn;
  lrn.Node("LRN", {lrn.Input("x")});
  EXPECT_THAT(lrn.Legalize().unsupported_reason, HasSubstr("size"));
}

TEST(OnnxNnRowsTest, DropoutIsIdentityWithoutAMask) {
  OnnxGraph g;
  g.Node("Dropout", {g.Input("x"), g.Constant("ratio", Floats({}, {0.5f}))});
  const ir::Node& out = g.Legalize(13);
  ASSERT_EQ(out.kind, OpKind::kIdentity) << out.unsupported_reason;
  EXPECT_EQ(out.operands.size(), 1u);
  OnnxGraph mask;
  mask.Node("Dropout", {mask.Input("x")}, 2);
  EXPECT_THAT(mask.Legalize().unsupported_reason, HasSubstr("mask"));
  OnnxGraph training;
  training.Node("Dropout", {training.Input("x"), training.Input("ratio"), training.Input("t")});
  EXPECT_THAT(training.Legalize(13).unsupported_reason, HasSubstr("training_mode"));
}

TEST(OnnxNnRowsTest, FlattenBecomesReshape) {
  auto shape_of = [](OnnxGraph& g, const ir::Node& node) {
    const ir::Tensor* t = g.graph.value(node.operands[1]).constant.get();
    return t ? Values<int64_t>(*t) : std::vector<int64_t>{};
  };
  OnnxGraph one;
  one.Node("Flatten", {one.Input("x")});
  const ir::Node& a = one.Legalize();
  ASSERT_EQ(a.kind, OpKind::kReshape) << a.unsupported_reason;
  EXPECT_THAT(shape_of(one, a), ElementsAre(0, -1));
  EXPECT_TRUE(ParamOf<bool>(a, "zero_copies_input"));

  OnnxGraph two;
  two.Node("Flatten", {two.Input("x", ir::Shape::Static({2, 3, 4, 5}))}).attrs["axis"] =
      ir::Attribute{int64_t{-2}};
  const ir::Node& b = two.Legalize();
  ASSERT_EQ(b.kind, OpKind::kReshape) << b.unsupported_reason;
  EXPECT_THAT(shape_of(two, b), ElementsAre(6, -1));

  OnnxGraph unknown;
  unknown.Node("Flatten", {unknown.Input("x")}).attrs["axis"] = ir::Attribute{int64_t{2}};
  EXPECT_THAT(unknown.Legalize().unsupported_reason, HasSubstr("shape"));
}

TEST(OnnxNnRowsTest, MatMulAndEinsum) {
  OnnxGraph mm;
  mm.Node("MatMul", {mm.Input("a"), mm.Input("b")});
  EXPECT_EQ(mm.Legalize().kind, OpKind::kMatMul);
  OnnxGraph es;
  es.Node("Einsum", {es.Input("a"), es.Input("b")}).attrs["equation"] =
      ir::Attribute{std::string("ij,jk->ik")};
  const ir::Node& einsum = es.Legalize(12);
  ASSERT_EQ(einsum.kind, OpKind::kEinsum) << einsum.unsupported_reason;
  EXPECT_EQ(ParamOf<std::string>(einsum, "equation"), "ij,jk->ik");
}

// BatchNormalization with training = true (ONNX training_mode = 1), worked by hand. X is
// [N=2, C=2, L=2]: channel 0 holds {1, 3, 5, 7} (mean 4), channel 1 {10, 12, 14, 16} (mean
// 13); both have squared deviations 9 + 1 + 1 + 9 = 20, so the population variance is
// 20 / 4 = 5 (the sample variance 20 / 3 would give other running_var values).
// With epsilon 4, sqrt(5 + 4) = 3:
//   channel 0 (scale 2, B 0): 2 * (x - 4) / 3 -> -2, -2/3, 2/3, 2
//   channel 1 (scale 1, B 1): (x - 13) / 3 + 1 -> 0, 2/3, 4/3, 2
// Running statistics with momentum 0.5, input_mean {0, 10}, input_var {1, 2}:
//   running_mean = {0 * .5 + 4 * .5, 10 * .5 + 13 * .5} = {2, 11.5}
//   running_var = {1 * .5 + 5 * .5, 2 * .5 + 5 * .5} = {3, 3.5}
TEST(BatchNormTrainingTest, UsesBatchStatisticsAndUpdatesRunningOnes) {
  const std::vector<ir::Tensor> operands = {Floats({2, 2, 2}, {1, 3, 10, 12, 5, 7, 14, 16}),
                                            Floats({2}, {2, 1}), Floats({2}, {0, 1}),
                                            Floats({2}, {0, 10}), Floats({2}, {1, 2})};
  const auto params = ParamsBuilder()
                          .Set("data_layout", std::string("NCHW"))
                          .Set("epsilon", 4.0f)
                          .Set("training", true)
                          .Set("momentum", 0.5f)
                          .map();
  auto out = RunOp(OpKind::kBatchNormalization, params, operands, 3);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 3u);
  const std::vector<float> y = {-2, -2.0f / 3, 0, 2.0f / 3, 2.0f / 3, 2, 4.0f / 3, 2};
  EXPECT_THAT(Values<float>((*out)[0]), Pointwise(Near(), y));
  EXPECT_THAT((*out)[1].sizes(), ElementsAre(2));
  EXPECT_THAT(Values<float>((*out)[1]), Pointwise(Near(), std::vector<float>{2, 11.5f}));
  EXPECT_THAT(Values<float>((*out)[2]), Pointwise(Near(), std::vector<float>{3, 3.5f}));

  // Y alone is fine too; running statistics outside training are refused.
  auto y_only = RunOp(OpKind::kBatchNormalization, params, operands, 1);
  ASSERT_TRUE(y_only.ok()) << y_only.status().ToString();
  EXPECT_THAT(Values<float>((*y_only)[0]), Pointwise(Near(), y));
  auto inference =
      RunOp(OpKind::kBatchNormalization,
            ParamsBuilder().Set("data_layout", std::string("NCHW")).map(), operands, 3);
  EXPECT_FALSE(inference.ok());
}

TEST(BatchNormTrainingTest, OnnxRowSetsTrainingAndMomentum) {
  auto batch_norm = [](OnnxGraph& g, int outputs) -> ir::Node& {
    return g.Node("BatchNormalization",
                  {g.Input("x"), g.Input("s"), g.Input("b"), g.Input("m"), g.Input("v")}, outputs);
  };
  OnnxGraph train;
  batch_norm(train, 3).attrs["training_mode"] = ir::Attribute{int64_t{1}};
  const ir::Node& node = train.Legalize(15);
  ASSERT_EQ(node.kind, OpKind::kBatchNormalization) << node.unsupported_reason;
  EXPECT_TRUE(ParamOf<bool>(node, "training"));
  EXPECT_EQ(ParamOf<float>(node, "momentum"), 0.9f);  // ONNX's default

  // Three outputs without training_mode, or before opset 14's definition, are refused.
  OnnxGraph inference;
  batch_norm(inference, 3);
  EXPECT_THAT(inference.Legalize(15).unsupported_reason, HasSubstr("outputs"));
  OnnxGraph old;
  batch_norm(old, 5);
  EXPECT_THAT(old.Legalize(9).unsupported_reason, HasSubstr("training outputs"));
}

}  // namespace
}  // namespace mb
