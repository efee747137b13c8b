// The element-wise, logic and reduction ops ONNX brought (elementwise/unary.cc, logic.cc,
// where_sum.cc, floor_ops.cc, reduce/reduce.cc): shapes and rejections, cost on hand-checked
// cases, reference math on hand-computed values (each worked out in a comment from the ONNX
// spec's formula), and the ONNX rows of importers/onnx/onnx_op_table_math.cc on nodes built
// by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>
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
using ::testing::FloatNear;
using ::testing::HasSubstr;
using ::testing::Pointwise;
using testing::Values;

// ---- Helpers ----

template <typename T>
ir::Tensor MakeTensor(DType dtype, std::vector<int64_t> sizes, const std::vector<T>& values) {
  return testing::MakeTensor(std::move(sizes), values, dtype);
}
ir::Tensor F32(std::vector<int64_t> sizes, const std::vector<float>& v) {
  return MakeTensor(DType::kFloat32, std::move(sizes), v);
}
ir::Tensor I32(std::vector<int64_t> sizes, const std::vector<int32_t>& v) {
  return MakeTensor(DType::kInt32, std::move(sizes), v);
}
ir::Tensor I64(std::vector<int64_t> sizes, const std::vector<int64_t>& v) {
  return MakeTensor(DType::kInt64, std::move(sizes), v);
}
ir::Tensor Bool(std::vector<int64_t> sizes, const std::vector<uint8_t>& v) {
  return MakeTensor(DType::kBool, std::move(sizes), v);
}

std::vector<float> Floats(const ir::Tensor& t) { return Values<float>(t); }

using Params = std::vector<std::pair<std::string, ir::AttributeValue>>;
ir::AttributeMap ToMap(const Params& params) {
  ir::AttributeMap map;
  for (const auto& [name, value] : params) map[name] = ir::Attribute{value};
  return map;
}
ir::AttributeValue I(int64_t v) { return v; }
ir::AttributeValue F(float v) { return v; }
ir::AttributeValue B(bool v) { return v; }
ir::AttributeValue Is(std::vector<int64_t> v) { return v; }

// Shape inference on types (and the given constant values); the one output's type.
StatusOr<TensorType> Infer(OpKind kind, const Params& params, std::vector<TensorType> types,
                           std::vector<const ir::Tensor*> values = {}) {
  ASSIGN_OR_RETURN(std::vector<TensorType> outputs,
                   testing::Infer(kind, ToMap(params), std::move(types), std::move(values)));
  return outputs[0];
}

TensorType Type(DType dtype, std::vector<ir::Dim> dims) { return {dtype, ir::Shape(dims)}; }
ir::Dim K(int64_t size) { return ir::Dim::Known(size); }
ir::Dim U() { return ir::Dim::Unknown(); }

// Runs an op as the runtime does (testing::RunOp); its one output.
StatusOr<ir::Tensor> RunOp(OpKind kind, const Params& params,
                           const std::vector<ir::Tensor>& operands) {
  ASSIGN_OR_RETURN(std::vector<ir::Tensor> outputs, testing::RunOp(kind, ToMap(params), operands));
  return std::move(outputs[0]);
}

// The cost with the outputs shape inference gives.
ops::OpCost Cost(OpKind kind, const Params& params, std::vector<TensorType> operands) {
  StatusOr<std::vector<TensorType>> outputs = testing::Infer(kind, ToMap(params), operands);
  EXPECT_TRUE(outputs.ok()) << outputs.status().ToString();
  return testing::CostOf(kind, ToMap(params), operands,
                         outputs.ok() ? *outputs : std::vector<TensorType>{});
}

constexpr float kTolerance = 1e-6f;
const float kNan = std::numeric_limits<float>::quiet_NaN();

// ---- Unary activations and math ----

TEST(UnaryTest, HardSigmoidDefaultsAndParams) {
  // Defaults alpha 0.2, beta 0.5: 0.2 x + 0.5 = -0.1, 0.5, 0.7, 1.1, clamped to [0, 1].
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kHardSigmoid, {}, {F32({4}, {-3, 0, 1, 3})}));
  EXPECT_THAT(Floats(y), Pointwise(FloatNear(kTolerance), {0.0f, 0.5f, 0.7f, 1.0f}));
  // alpha 0.5, beta 0.6: 0.1, 0.6, 1.1 -> 1.
  ASSERT_OK_AND_ASSIGN(z, RunOp(OpKind::kHardSigmoid, {{"alpha", F(0.5f)}, {"beta", F(0.6f)}},
                                {F32({3}, {-1, 0, 1})}));
  EXPECT_THAT(Floats(z), Pointwise(FloatNear(kTolerance), {0.1f, 0.6f, 1.0f}));
}

TEST(UnaryTest, HardSwishIsXTimesHardSigmoidOfSixth) {
  // x * clamp(x / 6 + 1/2, 0, 1): -4 -> 0, -3 -> 0, -1 -> -1/3, 0, 1 -> 2/3, 3 -> 3, 4 -> 4.
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kHardSwish, {}, {F32({7}, {-4, -3, -1, 0, 1, 3, 4})}));
  EXPECT_THAT(Floats(y), Pointwise(FloatNear(kTolerance),
                                   {0.0f, 0.0f, -1.0f / 3, 0.0f, 2.0f / 3, 3.0f, 4.0f}));
}

TEST(UnaryTest, SoftsignErfSinCos) {
  // x / (1 + |x|): -3 -> -0.75, 0 -> 0, 1 -> 0.5.
  ASSERT_OK_AND_ASSIGN(softsign, RunOp(OpKind::kSoftsign, {}, {F32({3}, {-3, 0, 1})}));
  EXPECT_THAT(Floats(softsign), Pointwise(FloatNear(kTolerance), {-0.75f, 0.0f, 0.5f}));
  // erf(0) = 0, erf(1) = 0.8427007929, erf(-0.5) = -0.5204998778.
  ASSERT_OK_AND_ASSIGN(erf, RunOp(OpKind::kErf, {}, {F32({3}, {0, 1, -0.5f})}));
  EXPECT_THAT(Floats(erf), Pointwise(FloatNear(kTolerance), {0.0f, 0.8427008f, -0.5204999f}));
  const float pi = 3.14159265358979f;
  // sin(0) = 0, sin(pi/6) = 1/2, sin(pi/2) = 1.
  ASSERT_OK_AND_ASSIGN(sin, RunOp(OpKind::kSin, {}, {F32({3}, {0, pi / 6, pi / 2})}));
  EXPECT_THAT(Floats(sin), Pointwise(FloatNear(kTolerance), {0.0f, 0.5f, 1.0f}));
  // cos(0) = 1, cos(pi/3) = 1/2, cos(pi) = -1.
  ASSERT_OK_AND_ASSIGN(cos, RunOp(OpKind::kCos, {}, {F32({3}, {0, pi / 3, pi})}));
  EXPECT_THAT(Floats(cos), Pointwise(FloatNear(kTolerance), {1.0f, 0.5f, -1.0f}));
}

TEST(UnaryTest, CeluAndSeluParams) {
  // Celu alpha 1: -1 -> e^-1 - 1 = -0.6321205588; 2 -> 2.
  ASSERT_OK_AND_ASSIGN(celu, RunOp(OpKind::kCelu, {}, {F32({2}, {-1, 2})}));
  EXPECT_THAT(Floats(celu), Pointwise(FloatNear(kTolerance), {-0.6321206f, 2.0f}));
  // alpha 2: -2 -> 2 (e^(-2/2) - 1) = -1.2642411177.
  ASSERT_OK_AND_ASSIGN(celu2, RunOp(OpKind::kCelu, {{"alpha", F(2)}}, {F32({1}, {-2})}));
  EXPECT_THAT(Floats(celu2), Pointwise(FloatNear(kTolerance), {-1.2642411f}));
  // Selu alpha 2, gamma 3 (ONNX's selu example): -1 -> 3 * 2 (e^-1 - 1) = -3.7927233530;
  // 1 -> 3.
  ASSERT_OK_AND_ASSIGN(
      selu, RunOp(OpKind::kSelu, {{"alpha", F(2)}, {"gamma", F(3)}}, {F32({2}, {-1, 1})}));
  EXPECT_THAT(Floats(selu), Pointwise(FloatNear(1e-5f), {-3.7927234f, 3.0f}));
  // Default constants: 1 -> gamma = 1.0507009873.
  ASSERT_OK_AND_ASSIGN(selu_default, RunOp(OpKind::kSelu, {}, {F32({1}, {1})}));
  EXPECT_THAT(Floats(selu_default), Pointwise(FloatNear(kTolerance), {1.0507010f}));
}

TEST(UnaryTest, RoundsHalfToEven) {
  ASSERT_OK_AND_ASSIGN(
      y, RunOp(OpKind::kRound, {}, {F32({6}, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.4f})}));
  EXPECT_THAT(Floats(y), ElementsAre(0.0f, 2.0f, 2.0f, -0.0f, -2.0f, 2.0f));
}

TEST(UnaryTest, SignNegAbsOnFloatsAndIntegers) {
  ASSERT_OK_AND_ASSIGN(sign, RunOp(OpKind::kSign, {}, {F32({4}, {-2.5f, 0, 3, kNan})}));
  const std::vector<float> s = Floats(sign);
  EXPECT_EQ(s[0], -1.0f);
  EXPECT_EQ(s[1], 0.0f);
  EXPECT_EQ(s[2], 1.0f);
  EXPECT_TRUE(std::isnan(s[3]));
  ASSERT_OK_AND_ASSIGN(sign32, RunOp(OpKind::kSign, {}, {I32({3}, {-7, 0, 9})}));
  EXPECT_THAT(Values<int32_t>(sign32), ElementsAre(-1, 0, 1));
  ASSERT_OK_AND_ASSIGN(sign64, RunOp(OpKind::kSign, {}, {I64({2}, {int64_t{-1} << 40, 5})}));
  EXPECT_THAT(Values<int64_t>(sign64), ElementsAre(-1, 1));
  // The minimum wraps instead of being undefined.
  const int32_t min32 = std::numeric_limits<int32_t>::min();
  ASSERT_OK_AND_ASSIGN(neg, RunOp(OpKind::kNeg, {}, {I32({3}, {-2, 5, min32})}));
  EXPECT_THAT(Values<int32_t>(neg), ElementsAre(2, -5, min32));
  ASSERT_OK_AND_ASSIGN(abs, RunOp(OpKind::kAbs, {}, {I64({2}, {-3, 4})}));
  EXPECT_THAT(Values<int64_t>(abs), ElementsAre(3, 4));
  ASSERT_OK_AND_ASSIGN(absf, RunOp(OpKind::kAbs, {}, {F32({2}, {-1.5f, 2})}));
  EXPECT_THAT(Floats(absf), ElementsAre(1.5f, 2.0f));
}

TEST(UnaryTest, ShapesAndRejections) {
  ASSERT_OK_AND_ASSIGN(y, Infer(OpKind::kHardSwish, {}, {Type(DType::kFloat32, {U(), K(3)})}));
  EXPECT_EQ(y.dtype, DType::kFloat32);
  EXPECT_EQ(y.shape.ToString(), Type(DType::kFloat32, {U(), K(3)}).shape.ToString());
  // Only Neg, Abs and Sign take integers.
  EXPECT_FALSE(Infer(OpKind::kErf, {}, {Type(DType::kInt32, {K(2)})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kSin, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kFloat32, {K(2)})}).ok());
  EXPECT_TRUE(Infer(OpKind::kSign, {}, {Type(DType::kInt64, {K(2)})}).ok());
  EXPECT_FALSE(Infer(OpKind::kSign, {}, {Type(DType::kBool, {K(2)})}).ok());
  EXPECT_FALSE(Infer(OpKind::kNeg, {}, {Type(DType::kUInt8, {K(2)})}).ok());
}

TEST(UnaryTest, CostIsPerElement) {
  // HardSigmoid on [2, 3] float32: 4 FLOPs per element, 24 bytes each way.
  const ops::OpCost cost = Cost(OpKind::kHardSigmoid, {}, {Type(DType::kFloat32, {K(2), K(3)})});
  EXPECT_EQ(cost.flops, 24);
  EXPECT_EQ(cost.macs, 0);
  EXPECT_EQ(cost.bytes_read, 24);
  EXPECT_EQ(cost.bytes_written, 24);
}

// ---- Clip with operand bounds ----

TEST(ClipTest, OperandBoundsOverrideParams) {
  // min -1, max 1 as operands.
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kClip, {{"min", F(-10)}},
                                {F32({3}, {-2, 0.5f, 3}), F32({}, {-1}), F32({}, {1})}));
  EXPECT_THAT(Floats(y), ElementsAre(-1.0f, 0.5f, 1.0f));
  // Absent min operand, param min 0, max operand 1.
  ASSERT_OK_AND_ASSIGN(z, RunOp(OpKind::kClip, {{"min", F(0)}},
                                {F32({3}, {-2, 0.5f, 3}), ir::Tensor(), F32({}, {1})}));
  EXPECT_THAT(Floats(z), ElementsAre(0.0f, 0.5f, 1.0f));
  // min > max gives max everywhere, as numpy.clip.
  ASSERT_OK_AND_ASSIGN(w, RunOp(OpKind::kClip, {{"min", F(2)}, {"max", F(1)}}, {F32({2}, {0, 5})}));
  EXPECT_THAT(Floats(w), ElementsAre(1.0f, 1.0f));
}

TEST(ClipTest, RejectsNonScalarOrMistypedBounds) {
  EXPECT_FALSE(
      Infer(OpKind::kClip, {}, {Type(DType::kFloat32, {K(3)}), Type(DType::kFloat32, {K(2)})})
          .ok());
  EXPECT_FALSE(
      Infer(OpKind::kClip, {}, {Type(DType::kFloat32, {K(3)}), Type(DType::kFloat64, {})}).ok());
}

// ---- Fmod ----

TEST(FmodTest, TruncatedRemainderHasTheDividendsSign) {
  // fmod(-7, 3) = -1, fmod(7, -3) = 1, fmod(-7, -3) = -1, fmod(7, 3) = 1; FloorMod(-7, 3) = 2.
  ASSERT_OK_AND_ASSIGN(
      f, RunOp(OpKind::kFmod, {}, {F32({4}, {-7, 7, -7, 7}), F32({4}, {3, -3, -3, 3})}));
  EXPECT_THAT(Floats(f), ElementsAre(-1.0f, 1.0f, -1.0f, 1.0f));
  ASSERT_OK_AND_ASSIGN(i, RunOp(OpKind::kFmod, {}, {I32({4}, {-7, 7, -7, 7}), I32({}, {3})}));
  EXPECT_THAT(Values<int32_t>(i), ElementsAre(-1, 1, -1, 1));
  // 5.5 fmod 2 = 1.5 (ONNX's mixed-sign float case, in miniature).
  ASSERT_OK_AND_ASSIGN(g, RunOp(OpKind::kFmod, {}, {F32({1}, {-5.5f}), F32({1}, {2})}));
  EXPECT_THAT(Floats(g), ElementsAre(-1.5f));
  const int64_t min64 = std::numeric_limits<int64_t>::min();
  ASSERT_OK_AND_ASSIGN(m, RunOp(OpKind::kFmod, {}, {I64({1}, {min64}), I64({1}, {-1})}));
  EXPECT_THAT(Values<int64_t>(m), ElementsAre(0));
}

TEST(FmodTest, IntegerDivisionByZeroIsAnError) {
  EXPECT_FALSE(RunOp(OpKind::kFmod, {}, {I32({2}, {1, 2}), I32({2}, {1, 0})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kFmod, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kInt32, {K(2)})}).ok());
}

// ---- Variadic Max, Min, Sum, Mean ----

TEST(VariadicTest, MaxMinOfThreeBroadcastOperands) {
  // a [3] = (1, 5, -2), b [1] = (2), c [2, 1] = (0, 4) -> [2, 3].
  const std::vector<ir::Tensor> operands = {F32({3}, {1, 5, -2}), F32({1}, {2}),
                                            F32({2, 1}, {0, 4})};
  ASSERT_OK_AND_ASSIGN(max, RunOp(OpKind::kMax, {}, operands));
  EXPECT_THAT(max.sizes(), ElementsAre(2, 3));
  // Row 0: max(1,2,0) = 2, max(5,2,0) = 5, max(-2,2,0) = 2; row 1 with 4: 4, 5, 4.
  EXPECT_THAT(Floats(max), ElementsAre(2, 5, 2, 4, 5, 4));
  ASSERT_OK_AND_ASSIGN(min, RunOp(OpKind::kMin, {}, operands));
  // Row 0: 0, 0, -2; row 1: 1, 2, -2.
  EXPECT_THAT(Floats(min), ElementsAre(0, 0, -2, 1, 2, -2));
  // One operand is a copy; integers work too.
  ASSERT_OK_AND_ASSIGN(one, RunOp(OpKind::kMax, {}, {I64({2}, {7, -8})}));
  EXPECT_THAT(Values<int64_t>(one), ElementsAre(7, -8));
  ASSERT_OK_AND_ASSIGN(
      ints, RunOp(OpKind::kMin, {}, {I32({2}, {7, -8}), I32({2}, {3, 9}), I32({1}, {5})}));
  EXPECT_THAT(Values<int32_t>(ints), ElementsAre(3, -8));
}

TEST(VariadicTest, MaxPropagatesNanFromAnyOperand) {
  ASSERT_OK_AND_ASSIGN(
      y, RunOp(OpKind::kMax, {},
               {F32({3}, {kNan, 1, 1}), F32({3}, {1, kNan, 1}), F32({3}, {0, 0, kNan})}));
  const std::vector<float> v = Floats(y);
  EXPECT_TRUE(std::isnan(v[0]) && std::isnan(v[1]) && std::isnan(v[2]));
}

TEST(VariadicTest, SumBroadcastsOnlyWhenAsked) {
  // [2] (1, 2) + [2, 1] (10, 20) = [[11, 12], [21, 22]].
  const std::vector<ir::Tensor> operands = {F32({2}, {1, 2}), F32({2, 1}, {10, 20})};
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kSum, {{"broadcast", B(true)}}, operands));
  EXPECT_THAT(Floats(y), ElementsAre(11, 12, 21, 22));
  EXPECT_FALSE(RunOp(OpKind::kSum, {}, operands).ok());  // TF's AddN does not broadcast
}

TEST(VariadicTest, MeanDividesBroadcastSumByCount) {
  // a [2] = (1, 2), b [2] = (3, 5), c [2, 1] = (0, 3):
  // [[(1+3+0)/3, (2+5+0)/3], [(1+3+3)/3, (2+5+3)/3]] = [[4/3, 7/3], [7/3, 10/3]].
  ASSERT_OK_AND_ASSIGN(
      y, RunOp(OpKind::kMean, {}, {F32({2}, {1, 2}), F32({2}, {3, 5}), F32({2, 1}, {0, 3})}));
  EXPECT_THAT(Floats(y),
              Pointwise(FloatNear(kTolerance), {4.0f / 3, 7.0f / 3, 7.0f / 3, 10.0f / 3}));
}

TEST(VariadicTest, ShapesAndRejections) {
  ASSERT_OK_AND_ASSIGN(y,
                       Infer(OpKind::kMean, {},
                             {Type(DType::kFloat32, {U(), K(1)}), Type(DType::kFloat32, {K(4)})}));
  EXPECT_EQ(y.shape.ToString(), Type(DType::kFloat32, {U(), K(4)}).shape.ToString());
  EXPECT_FALSE(Infer(OpKind::kMean, {}, {}).ok());
  EXPECT_FALSE(Infer(OpKind::kMean, {}, {Type(DType::kInt32, {K(2)})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kMax, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kFloat32, {K(3)})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kMin, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kInt32, {K(2)})}).ok());
}

TEST(VariadicTest, CostCountsOperationsPerOutputElement) {
  // Mean of three [4] float32: 2 additions and a division per element = 12 FLOPs.
  const TensorType t = Type(DType::kFloat32, {K(4)});
  const ops::OpCost mean = Cost(OpKind::kMean, {}, {t, t, t});
  EXPECT_EQ(mean.flops, 12);
  EXPECT_EQ(mean.bytes_read, 48);
  EXPECT_EQ(mean.bytes_written, 16);
  // Max of three: 2 comparisons per element.
  EXPECT_EQ(Cost(OpKind::kMax, {}, {t, t, t}).flops, 8);
}

// ---- Comparisons and logic ----

TEST(CompareTest, FloatComparisonsWithNanAreFalse) {
  // a (1, 2, NaN) against b = 2.
  const std::vector<ir::Tensor> operands = {F32({3}, {1, 2, kNan}), F32({1}, {2})};
  const std::pair<OpKind, std::vector<uint8_t>> cases[] = {{OpKind::kEqual, {0, 1, 0}},
                                                           {OpKind::kLess, {1, 0, 0}},
                                                           {OpKind::kLessOrEqual, {1, 1, 0}},
                                                           {OpKind::kGreater, {0, 0, 0}},
                                                           {OpKind::kGreaterOrEqual, {0, 1, 0}}};
  for (const auto& [kind, expected] : cases) {
    ASSERT_OK_AND_ASSIGN(y, RunOp(kind, {}, operands));
    EXPECT_EQ(y.dtype(), DType::kBool);
    EXPECT_THAT(Values<uint8_t>(y), ElementsAreArray(expected)) << ir::OpKindName(kind);
  }
}

TEST(CompareTest, IntegersBroadcastAndEqualTakesBools) {
  // a [2, 1] = (1, 3) < b [3] = (1, 2, 3): row 0 (0, 1, 1), row 1 (0, 0, 0).
  ASSERT_OK_AND_ASSIGN(less, RunOp(OpKind::kLess, {}, {I64({2, 1}, {1, 3}), I64({3}, {1, 2, 3})}));
  EXPECT_THAT(less.sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<uint8_t>(less), ElementsAre(0, 1, 1, 0, 0, 0));
  ASSERT_OK_AND_ASSIGN(ge, RunOp(OpKind::kGreaterOrEqual, {}, {I32({2}, {-1, 4}), I32({}, {4})}));
  EXPECT_THAT(Values<uint8_t>(ge), ElementsAre(0, 1));
  // Any non-zero byte is true.
  ASSERT_OK_AND_ASSIGN(eq, RunOp(OpKind::kEqual, {}, {Bool({3}, {1, 0, 7}), Bool({3}, {1, 1, 1})}));
  EXPECT_THAT(Values<uint8_t>(eq), ElementsAre(1, 0, 1));
}

TEST(CompareTest, ShapesAndRejections) {
  ASSERT_OK_AND_ASSIGN(y, Infer(OpKind::kGreater, {},
                                {Type(DType::kInt32, {U(), K(3)}), Type(DType::kInt32, {K(3)})}));
  EXPECT_EQ(y.dtype, DType::kBool);
  EXPECT_EQ(y.shape.ToString(), Type(DType::kBool, {U(), K(3)}).shape.ToString());
  EXPECT_FALSE(
      Infer(OpKind::kLess, {}, {Type(DType::kBool, {K(2)}), Type(DType::kBool, {K(2)})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kEqual, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kInt32, {K(2)})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kEqual, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kFloat32, {K(3)})})
          .ok());
  EXPECT_FALSE(Infer(OpKind::kEqual, {}, {Type(DType::kFloat32, {K(2)})}).ok());
}

TEST(LogicTest, NotAndOrXor) {
  ASSERT_OK_AND_ASSIGN(n, RunOp(OpKind::kNot, {}, {Bool({2}, {1, 0})}));
  EXPECT_EQ(n.dtype(), DType::kBool);
  EXPECT_THAT(Values<uint8_t>(n), ElementsAre(0, 1));
  // a [2, 1] = (1, 0), b [2] = (1, 0): pairs (1,1) (1,0) (0,1) (0,0).
  const std::vector<ir::Tensor> operands = {Bool({2, 1}, {1, 0}), Bool({2}, {1, 0})};
  ASSERT_OK_AND_ASSIGN(a, RunOp(OpKind::kAnd, {}, operands));
  EXPECT_THAT(Values<uint8_t>(a), ElementsAre(1, 0, 0, 0));
  ASSERT_OK_AND_ASSIGN(o, RunOp(OpKind::kOr, {}, operands));
  EXPECT_THAT(Values<uint8_t>(o), ElementsAre(1, 1, 1, 0));
  ASSERT_OK_AND_ASSIGN(x, RunOp(OpKind::kXor, {}, operands));
  EXPECT_THAT(Values<uint8_t>(x), ElementsAre(0, 1, 1, 0));
}

TEST(LogicTest, RejectsNonBoolOperands) {
  EXPECT_FALSE(Infer(OpKind::kNot, {}, {Type(DType::kFloat32, {K(2)})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kAnd, {}, {Type(DType::kInt32, {K(2)}), Type(DType::kInt32, {K(2)})}).ok());
  EXPECT_FALSE(Infer(OpKind::kXor, {}, {Type(DType::kBool, {K(2)})}).ok());
}

TEST(LogicTest, CostIsOneOperationPerOutput) {
  // Equal of [2, 3] and [3] float32: 6 comparisons, 24 + 12 bytes read, 6 bool bytes written.
  const ops::OpCost cost = Cost(
      OpKind::kEqual, {}, {Type(DType::kFloat32, {K(2), K(3)}), Type(DType::kFloat32, {K(3)})});
  EXPECT_EQ(cost.flops, 6);
  EXPECT_EQ(cost.bytes_read, 36);
  EXPECT_EQ(cost.bytes_written, 6);
}

// ---- Reductions ----

const std::vector<float> kRows = {1, -2, 3, -4, 5, -6};  // [2, 3]

TEST(ReduceTest, NormsAndSumSquareAlongAnAxis) {
  const ir::Tensor x = F32({2, 3}, kRows);
  // L1: 1+2+3 = 6, 4+5+6 = 15.
  ASSERT_OK_AND_ASSIGN(l1, RunOp(OpKind::kReduceL1, {{"axes", Is({1})}}, {x}));
  EXPECT_THAT(Floats(l1), ElementsAre(6, 15));
  // SumSquare: 1+4+9 = 14, 16+25+36 = 77; L2 their roots 3.7416573868, 8.7749643874.
  ASSERT_OK_AND_ASSIGN(ss, RunOp(OpKind::kReduceSumSquare, {{"axes", Is({1})}}, {x}));
  EXPECT_THAT(Floats(ss), ElementsAre(14, 77));
  ASSERT_OK_AND_ASSIGN(l2,
                       RunOp(OpKind::kReduceL2, {{"axes", Is({-1})}, {"keepdims", B(true)}}, {x}));
  EXPECT_THAT(l2.sizes(), ElementsAre(2, 1));
  EXPECT_THAT(Floats(l2), Pointwise(FloatNear(1e-5f), {3.7416574f, 8.7749644f}));
  // Axis 0 with the axes operand: L1 (5, 7, 9).
  ASSERT_OK_AND_ASSIGN(l1_0, RunOp(OpKind::kReduceL1, {}, {x, I64({1}, {0})}));
  EXPECT_THAT(Floats(l1_0), ElementsAre(5, 7, 9));
}

TEST(ReduceTest, LogSumExpIsStable) {
  // log(e^1 + e^-2 + e^3) = 3.1328452337; log(e^-4 + e^5 + e^-6) = 5.0001401017.
  ASSERT_OK_AND_ASSIGN(y,
                       RunOp(OpKind::kReduceLogSumExp, {{"axes", Is({1})}}, {F32({2, 3}, kRows)}));
  EXPECT_THAT(Floats(y), Pointwise(FloatNear(1e-5f), {3.1328452f, 5.0001401f}));
  // e^1000 overflows; 1000 + log 2 = 1000.6931472 does not.
  ASSERT_OK_AND_ASSIGN(big, RunOp(OpKind::kReduceLogSumExp, {{"empty_axes_reduce_all", B(true)}},
                                  {F32({2}, {1000, 1000})}));
  EXPECT_THAT(Floats(big), Pointwise(FloatNear(1e-3f), {1000.6931472f}));
}

TEST(ReduceTest, ReducingNothingAppliesTheFormulaPerElement) {
  // Empty axes without empty_axes_reduce_all (ONNX noop_with_empty_axes = 1).
  const ir::Tensor x = F32({2}, {-2, 3});
  ASSERT_OK_AND_ASSIGN(ss, RunOp(OpKind::kReduceSumSquare, {}, {x, I64({0}, {})}));
  EXPECT_THAT(Floats(ss), ElementsAre(4, 9));
  ASSERT_OK_AND_ASSIGN(l2, RunOp(OpKind::kReduceL2, {}, {x}));
  EXPECT_THAT(Floats(l2), ElementsAre(2, 3));
  ASSERT_OK_AND_ASSIGN(lse, RunOp(OpKind::kReduceLogSumExp, {}, {x}));
  EXPECT_THAT(Floats(lse), Pointwise(FloatNear(kTolerance), {-2.0f, 3.0f}));
  // With empty_axes_reduce_all: 4 + 9 = 13.
  ASSERT_OK_AND_ASSIGN(
      all, RunOp(OpKind::kReduceSumSquare,
                 {{"empty_axes_reduce_all", B(true)}, {"keepdims", B(true)}}, {x, I64({0}, {})}));
  EXPECT_THAT(all.sizes(), ElementsAre(1));
  EXPECT_THAT(Floats(all), ElementsAre(13));
}

TEST(ReduceTest, IntegerReductions) {
  const ir::Tensor x = I32({2, 3}, {1, 2, 3, 4, 5, 6});
  // Sum over axis 0: (5, 7, 9); Max over axis 1 keepdims: [[3], [6]]; Prod: (6, 120).
  ASSERT_OK_AND_ASSIGN(sum, RunOp(OpKind::kReduceSum, {{"axes", Is({0})}}, {x}));
  EXPECT_EQ(sum.dtype(), DType::kInt32);
  EXPECT_THAT(Values<int32_t>(sum), ElementsAre(5, 7, 9));
  ASSERT_OK_AND_ASSIGN(max,
                       RunOp(OpKind::kReduceMax, {{"axes", Is({1})}, {"keepdims", B(true)}}, {x}));
  EXPECT_THAT(max.sizes(), ElementsAre(2, 1));
  EXPECT_THAT(Values<int32_t>(max), ElementsAre(3, 6));
  ASSERT_OK_AND_ASSIGN(prod, RunOp(OpKind::kReduceProd, {{"axes", Is({1})}}, {x}));
  EXPECT_THAT(Values<int32_t>(prod), ElementsAre(6, 120));
  // Min of int64 beyond double's 53 bits stays exact.
  const int64_t big = (int64_t{1} << 60) + 1;
  ASSERT_OK_AND_ASSIGN(min, RunOp(OpKind::kReduceMin, {{"empty_axes_reduce_all", B(true)}},
                                  {I64({2}, {big, big + 2})}));
  EXPECT_THAT(Values<int64_t>(min), ElementsAre(big));
  // Mean truncates: (1 + 2) / 2 = 1; L1 of (-1, 2) = 3; SumSquare (9 + 16) = 25.
  ASSERT_OK_AND_ASSIGN(
      mean, RunOp(OpKind::kReduceMean, {{"empty_axes_reduce_all", B(true)}}, {I32({2}, {1, 2})}));
  EXPECT_THAT(Values<int32_t>(mean), ElementsAre(1));
  ASSERT_OK_AND_ASSIGN(
      l1, RunOp(OpKind::kReduceL1, {{"empty_axes_reduce_all", B(true)}}, {I64({2}, {-1, 2})}));
  EXPECT_THAT(Values<int64_t>(l1), ElementsAre(3));
  ASSERT_OK_AND_ASSIGN(ss, RunOp(OpKind::kReduceSumSquare, {{"empty_axes_reduce_all", B(true)}},
                                 {I32({2}, {3, -4})}));
  EXPECT_THAT(Values<int32_t>(ss), ElementsAre(25));
}

TEST(ReduceTest, ShapesAndRejections) {
  ASSERT_OK_AND_ASSIGN(y, Infer(OpKind::kReduceL2, {{"axes", Is({0, 2})}, {"keepdims", B(true)}},
                                {Type(DType::kFloat32, {U(), K(3), K(4)})}));
  EXPECT_EQ(y.shape.ToString(), Type(DType::kFloat32, {K(1), K(3), K(1)}).shape.ToString());
  // An axes operand without a value: shape inference does not call the shape function for
  // such a node (the shape depends on run-time data); called anyway, it refuses.
  EXPECT_FALSE(
      Infer(OpKind::kReduceL1, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kInt64, {K(1)})})
          .ok());
  EXPECT_FALSE(
      Infer(OpKind::kReduceSumSquare, {{"axes", Is({2})}}, {Type(DType::kFloat32, {K(2), K(2)})})
          .ok());
  EXPECT_FALSE(Infer(OpKind::kReduceLogSumExp, {}, {Type(DType::kBool, {K(2)})}).ok());
  const ir::Tensor axes = F32({1}, {0});
  EXPECT_FALSE(Infer(OpKind::kReduceL1, {},
                     {Type(DType::kFloat32, {K(2)}), Type(DType::kFloat32, {K(1)})},
                     {nullptr, &axes})
                   .ok());
}

TEST(ReduceTest, CostCountsPerInputAndPerOutputWork) {
  const TensorType x = Type(DType::kFloat32, {K(2), K(3)});
  const Params axis1 = {{"axes", Is({1})}};
  // L2: square and add per input (12), sqrt per output (2) = 14; 24 bytes in, 8 out.
  const ops::OpCost l2 = Cost(OpKind::kReduceL2, axis1, {x});
  EXPECT_EQ(l2.flops, 14);
  EXPECT_EQ(l2.bytes_read, 24);
  EXPECT_EQ(l2.bytes_written, 8);
  EXPECT_EQ(Cost(OpKind::kReduceL1, axis1, {x}).flops, 12);
  EXPECT_EQ(Cost(OpKind::kReduceSumSquare, axis1, {x}).flops, 12);
  EXPECT_EQ(Cost(OpKind::kReduceLogSumExp, axis1, {x}).flops, 26);
  EXPECT_EQ(Cost(OpKind::kReduceSum, axis1, {x}).flops, 6);
}

// ---- Softmax coerced to 2-D (ONNX opset < 13) ----

TEST(SoftmaxTest, CoercedFormRunsOverAllAxesFromAxis) {
  // x [1, 2, 2] = (0, 1, 2, 3). Coerced at axis 1: one row of 4, e^k / (1 + e + e^2 + e^3)
  // = (0.0320586, 0.0871443, 0.2368828, 0.6439143).
  const ir::Tensor x = F32({1, 2, 2}, {0, 1, 2, 3});
  ASSERT_OK_AND_ASSIGN(c, RunOp(OpKind::kSoftmax, {{"axis", I(1)}, {"coerce_2d", B(true)}}, {x}));
  EXPECT_THAT(Floats(c),
              Pointwise(FloatNear(1e-6f), {0.0320586f, 0.0871443f, 0.2368828f, 0.6439143f}));
  // Per axis 1: pairs (0, 2) and (1, 3): 1 / (1 + e^2) = 0.1192029 and 0.8807971.
  ASSERT_OK_AND_ASSIGN(a, RunOp(OpKind::kSoftmax, {{"axis", I(1)}}, {x}));
  EXPECT_THAT(Floats(a),
              Pointwise(FloatNear(1e-6f), {0.1192029f, 0.1192029f, 0.8807971f, 0.8807971f}));
  // LogSoftmax coerced: k - log(31.1928749) = k - 3.4401897.
  ASSERT_OK_AND_ASSIGN(l,
                       RunOp(OpKind::kLogSoftmax, {{"axis", I(-2)}, {"coerce_2d", B(true)}}, {x}));
  EXPECT_THAT(Floats(l),
              Pointwise(FloatNear(1e-5f), {-3.4401897f, -2.4401897f, -1.4401897f, -0.4401897f}));
  // axis = rank: groups of one element, all 1.
  ASSERT_OK_AND_ASSIGN(ones,
                       RunOp(OpKind::kSoftmax, {{"axis", I(3)}, {"coerce_2d", B(true)}}, {x}));
  EXPECT_THAT(Floats(ones), ElementsAre(1, 1, 1, 1));
}

TEST(SoftmaxTest, RejectsOutOfRangeAxes) {
  const TensorType x = Type(DType::kFloat32, {K(1), K(2), K(2)});
  EXPECT_FALSE(Infer(OpKind::kSoftmax, {{"axis", I(3)}}, {x}).ok());
  EXPECT_TRUE(Infer(OpKind::kSoftmax, {{"axis", I(3)}, {"coerce_2d", B(true)}}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kSoftmax, {{"axis", I(4)}, {"coerce_2d", B(true)}}, {x}).ok());
  EXPECT_FALSE(Infer(OpKind::kLogSoftmax, {{"axis", I(-4)}, {"coerce_2d", B(true)}}, {x}).ok());
}

// ---- ONNX rows ----

// ---- Pow with mixed dtypes (ONNX Pow-12: the output has the base's dtype) ----

TEST(PowTest, FloatBaseIntegerExponentAndTheReverse) {
  // 1^4 = 1, 2^5 = 32, 3^6 = 729 (ONNX's test_pow_types cases).
  ASSERT_OK_AND_ASSIGN(f, RunOp(OpKind::kPow, {}, {F32({3}, {1, 2, 3}), I64({3}, {4, 5, 6})}));
  EXPECT_EQ(f.dtype(), DType::kFloat32);
  EXPECT_THAT(Floats(f), ElementsAre(1.0f, 32.0f, 729.0f));
  // int32 base, float32 exponent: 2^0.5 = 1.414 truncates to 1, 3^2 = 9, (-2)^3 = -8,
  // 4^-1 = 0.25 truncates to 0.
  ASSERT_OK_AND_ASSIGN(
      i, RunOp(OpKind::kPow, {}, {I32({4}, {2, 3, -2, 4}), F32({4}, {0.5f, 2, 3, -1})}));
  EXPECT_EQ(i.dtype(), DType::kInt32);
  EXPECT_THAT(Values<int32_t>(i), ElementsAre(1, 9, -8, 0));
  // A broadcast uint8 exponent: 2^10 = 1024, 3^10 = 59049.
  ASSERT_OK_AND_ASSIGN(
      u, RunOp(OpKind::kPow, {}, {F32({2}, {2, 3}), MakeTensor<uint8_t>(DType::kUInt8, {}, {10})}));
  EXPECT_THAT(Floats(u), ElementsAre(1024.0f, 59049.0f));
  // int64 ** int64: 3^3 = 27; 10^19 saturates to int64's maximum instead of being undefined.
  ASSERT_OK_AND_ASSIGN(l, RunOp(OpKind::kPow, {}, {I64({2}, {3, 10}), I64({2}, {3, 19})}));
  EXPECT_THAT(Values<int64_t>(l), ElementsAre(27, std::numeric_limits<int64_t>::max()));
}

TEST(PowTest, RejectsUnsupportedBaseOrExponentTypes) {
  EXPECT_FALSE(
      Infer(OpKind::kPow, {}, {Type(DType::kUInt8, {K(2)}), Type(DType::kUInt8, {K(2)})}).ok());
  EXPECT_FALSE(
      Infer(OpKind::kPow, {}, {Type(DType::kFloat32, {K(2)}), Type(DType::kBool, {K(2)})}).ok());
  ASSERT_OK_AND_ASSIGN(
      t, Infer(OpKind::kPow, {}, {Type(DType::kInt64, {K(2)}), Type(DType::kFloat64, {K(1)})}));
  EXPECT_EQ(t.dtype, DType::kInt64);
}

// ---- Arithmetic on narrow and unsigned integers ----

TEST(IntegerArithmeticTest, AddSubMulWrapModuloTheWidth) {
  using U8 = std::vector<uint8_t>;
  // 250 + 10 = 260 = 4 mod 256; 3 - 5 = -2 = 254 mod 256; 16 * 17 = 272 = 16 mod 256.
  ASSERT_OK_AND_ASSIGN(add, RunOp(OpKind::kAdd, {},
                                  {MakeTensor(DType::kUInt8, {1}, U8{250}),
                                   MakeTensor(DType::kUInt8, {1}, U8{10})}));
  EXPECT_THAT(Values<uint8_t>(add), ElementsAre(4));
  ASSERT_OK_AND_ASSIGN(
      sub, RunOp(OpKind::kSub, {},
                 {MakeTensor(DType::kUInt8, {1}, U8{3}), MakeTensor(DType::kUInt8, {1}, U8{5})}));
  EXPECT_THAT(Values<uint8_t>(sub), ElementsAre(254));
  ASSERT_OK_AND_ASSIGN(
      mul, RunOp(OpKind::kMul, {},
                 {MakeTensor(DType::kUInt8, {1}, U8{16}), MakeTensor(DType::kUInt8, {1}, U8{17})}));
  EXPECT_THAT(Values<uint8_t>(mul), ElementsAre(16));
  // uint16: 65535 * 65535 = (2^16 - 1)^2 = 1 mod 2^16 (would overflow int if promoted).
  ASSERT_OK_AND_ASSIGN(m16, RunOp(OpKind::kMul, {},
                                  {MakeTensor<uint16_t>(DType::kUInt16, {1}, {65535}),
                                   MakeTensor<uint16_t>(DType::kUInt16, {1}, {65535})}));
  EXPECT_THAT(Values<uint16_t>(m16), ElementsAre(1));
  // int16 broadcast: [100, -100] + 32700 = [32800 - 65536, 32600] = [-32736, 32600].
  ASSERT_OK_AND_ASSIGN(a16, RunOp(OpKind::kAdd, {},
                                  {MakeTensor<int16_t>(DType::kInt16, {2}, {100, -100}),
                                   MakeTensor<int16_t>(DType::kInt16, {}, {32700})}));
  EXPECT_THAT(Values<int16_t>(a16), ElementsAre(-32736, 32600));
  // uint64: 2^64 - 1 + 2 = 1.
  ASSERT_OK_AND_ASSIGN(a64, RunOp(OpKind::kAdd, {},
                                  {MakeTensor<uint64_t>(DType::kUInt64, {1}, {~uint64_t{0}}),
                                   MakeTensor<uint64_t>(DType::kUInt64, {1}, {2})}));
  EXPECT_THAT(Values<uint64_t>(a64), ElementsAre(1u));
}

TEST(IntegerArithmeticTest, DivTruncatesAndChecksZero) {
  // -7 / 2 = -3 (toward zero), 7 / -2 = -3, -128 / -1 wraps to -128.
  ASSERT_OK_AND_ASSIGN(d, RunOp(OpKind::kDiv, {},
                                {MakeTensor<int8_t>(DType::kInt8, {3}, {-7, 7, -128}),
                                 MakeTensor<int8_t>(DType::kInt8, {3}, {2, -2, -1})}));
  EXPECT_THAT(Values<int8_t>(d), ElementsAre(-3, -3, -128));
  // uint32: 4000000000 / 3 = 1333333333.
  ASSERT_OK_AND_ASSIGN(u, RunOp(OpKind::kDiv, {},
                                {MakeTensor<uint32_t>(DType::kUInt32, {1}, {4000000000u}),
                                 MakeTensor<uint32_t>(DType::kUInt32, {1}, {3})}));
  EXPECT_THAT(Values<uint32_t>(u), ElementsAre(1333333333u));
  EXPECT_FALSE(RunOp(OpKind::kDiv, {},
                     {MakeTensor<uint16_t>(DType::kUInt16, {2}, {1, 2}),
                      MakeTensor<uint16_t>(DType::kUInt16, {2}, {1, 0})})
                   .ok());
}

TEST(IntegerArithmeticTest, MaxMinOnUnsignedAndNarrowTypes) {
  const uint64_t big = (uint64_t{1} << 63) + 1;  // negative if read as int64
  ASSERT_OK_AND_ASSIGN(max, RunOp(OpKind::kMax, {},
                                  {MakeTensor<uint64_t>(DType::kUInt64, {2}, {big, 1}),
                                   MakeTensor<uint64_t>(DType::kUInt64, {2}, {5, ~uint64_t{0}})}));
  EXPECT_THAT(Values<uint64_t>(max), ElementsAre(big, ~uint64_t{0}));
  ASSERT_OK_AND_ASSIGN(min, RunOp(OpKind::kMin, {},
                                  {MakeTensor<int16_t>(DType::kInt16, {3}, {-5, 0, 7}),
                                   MakeTensor<int16_t>(DType::kInt16, {}, {1}),
                                   MakeTensor<int16_t>(DType::kInt16, {3}, {-9, 2, 3})}));
  EXPECT_THAT(Values<int16_t>(min), ElementsAre(-9, 0, 1));
  // Mean stays float-only; SquaredDifference stays on the four arithmetic types.
  EXPECT_FALSE(Infer(OpKind::kMean, {}, {Type(DType::kUInt8, {K(2)})}).ok());
  EXPECT_FALSE(Infer(OpKind::kSquaredDifference, {},
                     {Type(DType::kUInt8, {K(2)}), Type(DType::kUInt8, {K(2)})})
                   .ok());
}

// ---- Clip on integers ----

TEST(ClipTest, IntegerOperandBounds) {
  // int8 in [-3, 3]: -128 -> -3, -5 -> -3, 0, 5 -> 3, 127 -> 3.
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kClip, {},
                                {MakeTensor<int8_t>(DType::kInt8, {5}, {-128, -5, 0, 5, 127}),
                                 MakeTensor<int8_t>(DType::kInt8, {}, {-3}),
                                 MakeTensor<int8_t>(DType::kInt8, {}, {3})}));
  EXPECT_THAT(Values<int8_t>(y), ElementsAre(-3, -3, 0, 3, 3));
  // uint8 with only a max.
  ASSERT_OK_AND_ASSIGN(u, RunOp(OpKind::kClip, {},
                                {MakeTensor<uint8_t>(DType::kUInt8, {3}, {0, 100, 255}),
                                 ir::Tensor(), MakeTensor<uint8_t>(DType::kUInt8, {}, {200})}));
  EXPECT_THAT(Values<uint8_t>(u), ElementsAre(0, 100, 200));
  // No bounds: a copy.
  ASSERT_OK_AND_ASSIGN(c, RunOp(OpKind::kClip, {}, {I64({2}, {-9, 9})}));
  EXPECT_THAT(Values<int64_t>(c), ElementsAre(-9, 9));
}

TEST(ClipTest, FloatParamsOnIntegersRoundInward) {
  // x >= 2.5 is x >= 3 and x <= 6.7 is x <= 6 on integers.
  ASSERT_OK_AND_ASSIGN(
      y, RunOp(OpKind::kClip, {{"min", F(2.5f)}, {"max", F(6.7f)}}, {I64({4}, {0, 3, 5, 7})}));
  EXPECT_THAT(Values<int64_t>(y), ElementsAre(3, 3, 5, 6));
  // Bounds beyond uint8's range saturate: [-1e9, 1e9] clips nothing.
  ASSERT_OK_AND_ASSIGN(u, RunOp(OpKind::kClip, {{"min", F(-1e9f)}, {"max", F(1e9f)}},
                                {MakeTensor<uint8_t>(DType::kUInt8, {2}, {0, 255})}));
  EXPECT_THAT(Values<uint8_t>(u), ElementsAre(0, 255));
  // A bound of another dtype than x is refused.
  EXPECT_FALSE(
      Infer(OpKind::kClip, {}, {Type(DType::kInt8, {K(3)}), Type(DType::kInt32, {})}).ok());
  EXPECT_FALSE(Infer(OpKind::kClip, {}, {Type(DType::kBool, {K(3)})}).ok());
}

// ---- ArgMax / ArgMin select_last_index ----

TEST(ArgReduceTest, SelectLastIndexPicksTheLastTie) {
  // [2, 5, 5, 1]: the maximum 5 sits at 1 and 2.
  ASSERT_OK_AND_ASSIGN(first, RunOp(OpKind::kArgMax, {}, {F32({4}, {2, 5, 5, 1})}));
  EXPECT_THAT(Values<int64_t>(first), ElementsAre(1));
  ASSERT_OK_AND_ASSIGN(
      last, RunOp(OpKind::kArgMax, {{"select_last_index", B(true)}}, {F32({4}, {2, 5, 5, 1})}));
  EXPECT_THAT(Values<int64_t>(last), ElementsAre(2));
  // ArgMin over axis 1 of [[1, 0, 0, 3], [4, 4, 4, 4]] with keepdims: [[2], [3]].
  ASSERT_OK_AND_ASSIGN(
      min, RunOp(OpKind::kArgMin,
                 {{"axis", I(1)}, {"keepdims", B(true)}, {"select_last_index", B(true)}},
                 {I32({2, 4}, {1, 0, 0, 3, 4, 4, 4, 4})}));
  EXPECT_EQ(min.shape(), ir::Shape::Static({2, 1}));
  EXPECT_THAT(Values<int64_t>(min), ElementsAre(2, 3));
}

// ---- Cast to and from float16 and bfloat16 ----

std::vector<uint16_t> CastToBits(DType to, const ir::Tensor& x) {
  auto y = RunOp(OpKind::kCast, {{"to", ir::AttributeValue(to)}}, {x});
  EXPECT_TRUE(y.ok()) << y.status().ToString();
  return y.ok() ? Values<uint16_t>(*y) : std::vector<uint16_t>();
}

TEST(CastTest, ToFloat16RoundsToNearestEven) {
  const float inf = std::numeric_limits<float>::infinity();
  // Encodings (sign | exponent << 10 | mantissa, bias 15):
  // 1 -> 0x3C00; -2 -> 0xC000; 65504 (largest) -> 0x7BFF; 65519 rounds down to 65504;
  // 65520 is the tie with 65536 and rounds to even, which is infinity 0x7C00;
  // 2^-24 (smallest subnormal) -> 0x0001; 2^-25 is the tie with 0 -> 0x0000 (even);
  // 3 * 2^-25 is the tie between 1 and 2 subnormal units -> 0x0002 (even);
  // 1 + 2^-11 is the tie between 0x3C00 and 0x3C01 -> 0x3C00 (even);
  // 1 + 3 * 2^-11 is the tie between 0x3C01 and 0x3C02 -> 0x3C02 (even);
  // +-inf -> 0x7C00, 0xFC00; -0 -> 0x8000.
  const std::vector<float> x = {1,
                                -2,
                                65504,
                                65519,
                                65520,
                                std::ldexp(1.0f, -24),
                                std::ldexp(1.0f, -25),
                                3 * std::ldexp(1.0f, -25),
                                1 + std::ldexp(1.0f, -11),
                                1 + 3 * std::ldexp(1.0f, -11),
                                inf,
                                -inf,
                                -0.0f};
  EXPECT_THAT(CastToBits(DType::kFloat16, F32({13}, x)),
              ElementsAre(0x3C00, 0xC000, 0x7BFF, 0x7BFF, 0x7C00, 0x0001, 0x0000, 0x0002, 0x3C00,
                          0x3C02, 0x7C00, 0xFC00, 0x8000));
  // NaN stays NaN: exponent all ones, mantissa not zero.
  const uint16_t nan_bits = CastToBits(DType::kFloat16, F32({1}, {kNan}))[0];
  EXPECT_EQ(nan_bits & 0x7C00, 0x7C00);
  EXPECT_NE(nan_bits & 0x03FF, 0);
}

TEST(CastTest, Float64ToFloat16RoundsOnce) {
  // 1 + 2^-11 + 2^-40 is just above the tie between 0x3C00 and 0x3C01, so it rounds up;
  // going through float32 first would lose the 2^-40 and round the tie down to 0x3C00.
  const double x = 1 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40);
  EXPECT_THAT(CastToBits(DType::kFloat16, MakeTensor<double>(DType::kFloat64, {1}, {x})),
              ElementsAre(0x3C01));
  // int32 70000 is past 65520: infinity. int8 -3 -> 0xC200 (-1.5 * 2^1).
  EXPECT_THAT(CastToBits(DType::kFloat16, I32({1}, {70000})), ElementsAre(0x7C00));
  EXPECT_THAT(CastToBits(DType::kFloat16, MakeTensor<int8_t>(DType::kInt8, {1}, {-3})),
              ElementsAre(0xC200));
}

TEST(CastTest, FromFloat16IsExact) {
  // 0x3555: exponent 13, mantissa 341: (1024 + 341) * 2^(13 - 25) = 1365 / 4096.
  // 0x0001 = 2^-24; 0x7C00 = inf; 0xC500: exponent 17, mantissa 256: -(1280 * 2^-8) = -5.
  const auto h =
      MakeTensor<uint16_t>(DType::kFloat16, {5}, {0x3555, 0x0001, 0x7C00, 0xC500, 0xFE00});
  ASSERT_OK_AND_ASSIGN(f, RunOp(OpKind::kCast, {{"to", ir::AttributeValue(DType::kFloat32)}}, {h}));
  const std::vector<float> v = Floats(f);
  EXPECT_EQ(v[0], 1365.0f / 4096.0f);
  EXPECT_EQ(v[1], std::ldexp(1.0f, -24));
  EXPECT_EQ(v[2], std::numeric_limits<float>::infinity());
  EXPECT_EQ(v[3], -5.0f);
  EXPECT_TRUE(std::isnan(v[4]));
  ASSERT_OK_AND_ASSIGN(d, RunOp(OpKind::kCast, {{"to", ir::AttributeValue(DType::kFloat64)}}, {h}));
  EXPECT_EQ(Values<double>(d)[0], 1365.0 / 4096.0);
  // float16 -> int32 truncates: -5 stays -5, 1365/4096 becomes 0.
  ASSERT_OK_AND_ASSIGN(i, RunOp(OpKind::kCast, {{"to", ir::AttributeValue(DType::kInt32)}}, {h}));
  EXPECT_EQ(Values<int32_t>(i)[0], 0);
  EXPECT_EQ(Values<int32_t>(i)[3], -5);
}

TEST(CastTest, BFloat16KeepsTheUpperHalfOfFloat32) {
  // 0.48033667f is 0x3EF5EEB0: the upper half 0x3EF5 (round to nearest would give 0x3EF6,
  // ONNX's case expects the truncation). 1 -> 0x3F80, -3 -> 0xC040, -inf -> 0xFF80.
  float x0;
  const uint32_t x0_bits = 0x3EF5EEB0u;
  std::memcpy(&x0, &x0_bits, sizeof(x0));
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_THAT(CastToBits(DType::kBFloat16, F32({4}, {x0, 1, -3, -inf})),
              ElementsAre(0x3EF5, 0x3F80, 0xC040, 0xFF80));
  // A NaN whose payload is only in the low 16 bits stays NaN (a quiet one), not infinity.
  float nan_low;
  const uint32_t nan_low_bits = 0x7F800001u;
  std::memcpy(&nan_low, &nan_low_bits, sizeof(nan_low));
  const uint16_t b = CastToBits(DType::kBFloat16, F32({1}, {nan_low}))[0];
  EXPECT_EQ(b & 0x7F80, 0x7F80);
  EXPECT_NE(b & 0x007F, 0);
  // Back: 0x3EF5 << 16 = 0x3EF50000 = 0.478515625; 0xC040 -> -3.
  ASSERT_OK_AND_ASSIGN(f, RunOp(OpKind::kCast, {{"to", ir::AttributeValue(DType::kFloat32)}},
                                {MakeTensor<uint16_t>(DType::kBFloat16, {2}, {0x3EF5, 0xC040})}));
  EXPECT_THAT(Floats(f), ElementsAre(0.478515625f, -3.0f));
}

TEST(CastTest, WiderIntegerTypes) {
  // int16 -1 -> uint16 65535 (wraps); uint64 max -> float32 2^64 (rounded);
  // uint32 4000000000 -> int64 unchanged.
  ASSERT_OK_AND_ASSIGN(u, RunOp(OpKind::kCast, {{"to", ir::AttributeValue(DType::kUInt16)}},
                                {MakeTensor<int16_t>(DType::kInt16, {1}, {-1})}));
  EXPECT_THAT(Values<uint16_t>(u), ElementsAre(65535));
  ASSERT_OK_AND_ASSIGN(f, RunOp(OpKind::kCast, {{"to", ir::AttributeValue(DType::kFloat32)}},
                                {MakeTensor<uint64_t>(DType::kUInt64, {1}, {~uint64_t{0}})}));
  EXPECT_THAT(Floats(f), ElementsAre(std::ldexp(1.0f, 64)));
  ASSERT_OK_AND_ASSIGN(l, RunOp(OpKind::kCast, {{"to", ir::AttributeValue(DType::kInt64)}},
                                {MakeTensor<uint32_t>(DType::kUInt32, {1}, {4000000000u})}));
  EXPECT_THAT(Values<int64_t>(l), ElementsAre(4000000000));
  EXPECT_FALSE(Infer(OpKind::kCast, {{"to", ir::AttributeValue(DType::kString)}},
                     {Type(DType::kFloat32, {K(1)})})
                   .ok());
}

// ---- Pad mode EDGE ----

TEST(PadTest, EdgeRepeatsTheBorderElement) {
  // [1, 2, 3] padded (2, 1): [1, 1, 1, 2, 3, 3].
  ASSERT_OK_AND_ASSIGN(y, RunOp(OpKind::kPad, {{"mode", ir::AttributeValue(std::string("EDGE"))}},
                                {F32({3}, {1, 2, 3}), I64({1, 2}, {2, 1})}));
  EXPECT_THAT(Floats(y), ElementsAre(1, 1, 1, 2, 3, 3));
  // [[1, 2], [3, 4]] padded (1, 0) on rows and (0, 2) on columns:
  // [[1, 2, 2, 2], [1, 2, 2, 2], [3, 4, 4, 4]].
  ASSERT_OK_AND_ASSIGN(z, RunOp(OpKind::kPad, {{"mode", ir::AttributeValue(std::string("EDGE"))}},
                                {I32({2, 2}, {1, 2, 3, 4}), I64({2, 2}, {1, 0, 0, 2})}));
  EXPECT_EQ(z.shape(), ir::Shape::Static({3, 4}));
  EXPECT_THAT(Values<int32_t>(z), ElementsAre(1, 2, 2, 2, 1, 2, 2, 2, 3, 4, 4, 4));
  // Edge padding may exceed the dimension (unlike REFLECT): [7] padded (3, 0).
  ASSERT_OK_AND_ASSIGN(w, RunOp(OpKind::kPad, {{"mode", ir::AttributeValue(std::string("EDGE"))}},
                                {F32({1}, {7}), I64({1, 2}, {3, 0})}));
  EXPECT_THAT(Floats(w), ElementsAre(7, 7, 7, 7));
}

TEST(PadTest, RejectsEdgeOfEmptyDimensionAndUnknownModes) {
  const ir::Tensor pads = I64({1, 2}, {1, 0});
  EXPECT_FALSE(Infer(OpKind::kPad, {{"mode", ir::AttributeValue(std::string("EDGE"))}},
                     {Type(DType::kFloat32, {K(0)}), Type(DType::kInt64, {K(1), K(2)})},
                     {nullptr, &pads})
                   .ok());
  EXPECT_FALSE(Infer(OpKind::kPad, {{"mode", ir::AttributeValue(std::string("WRAP"))}},
                     {Type(DType::kFloat32, {K(3)}), Type(DType::kInt64, {K(1), K(2)})},
                     {nullptr, &pads})
                   .ok());
}

// ---- IsNaN, IsInf ----

TEST(FloatTestTest, IsNaNAndIsInf) {
  const float inf = std::numeric_limits<float>::infinity();
  const ir::Tensor x = F32({5}, {1, kNan, inf, -inf, -kNan});
  ASSERT_OK_AND_ASSIGN(nan, RunOp(OpKind::kIsNaN, {}, {x}));
  EXPECT_EQ(nan.dtype(), DType::kBool);
  EXPECT_THAT(Values<uint8_t>(nan), ElementsAre(0, 1, 0, 0, 1));
  ASSERT_OK_AND_ASSIGN(both, RunOp(OpKind::kIsInf, {}, {x}));
  EXPECT_THAT(Values<uint8_t>(both), ElementsAre(0, 0, 1, 1, 0));
  ASSERT_OK_AND_ASSIGN(positive, RunOp(OpKind::kIsInf, {{"detect_negative", B(false)}}, {x}));
  EXPECT_THAT(Values<uint8_t>(positive), ElementsAre(0, 0, 1, 0, 0));
  ASSERT_OK_AND_ASSIGN(negative, RunOp(OpKind::kIsInf, {{"detect_positive", B(false)}},
                                       {MakeTensor<double>(DType::kFloat64, {2}, {inf, -inf})}));
  EXPECT_THAT(Values<uint8_t>(negative), ElementsAre(0, 1));
  EXPECT_FALSE(Infer(OpKind::kIsNaN, {}, {Type(DType::kInt32, {K(2)})}).ok());
}

// A graph with one ONNX node of `op_type`: float inputs named in0.. of shape [2, 3], or
// constants where `constants` has a tensor (ir::Tensor() for none); "" names an absent input.
class OnnxRowTest : public ::testing::Test {
 protected:
  ir::Node& Legalize(int64_t opset, const std::string& op_type,
                     std::vector<std::pair<std::string, ir::AttributeValue>> attrs,
                     const std::vector<std::string>& inputs,
                     std::vector<ir::Tensor> constants = {}) {
    ir::Node node;
    node.name = "n";
    node.op_type = op_type;
    for (auto& [name, value] : attrs) node.attrs[name] = ir::Attribute{std::move(value)};
    constants.resize(inputs.size());
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].empty()) {
        node.inputs.push_back(ir::kNoValue);
        continue;
      }
      ir::Value value;
      value.name = inputs[i];
      value.dtype = DType::kFloat32;
      value.shape = ir::Shape::Static({2, 3});
      if (constants[i].dtype() != DType::kInvalid) {
        value.dtype = constants[i].dtype();
        value.shape = constants[i].shape();
        value.constant = std::make_shared<const ir::Tensor>(constants[i]);
      }
      node.inputs.push_back(graph_.AddValue(std::move(value)));
    }
    ir::Value out;
    out.name = "out";
    node.outputs.push_back(graph_.AddValue(std::move(out)));
    const ir::NodeId id = graph_.AddNode(std::move(node));
    importers::onnx::LegalizeOnnxGraph(opset, &graph_);
    return graph_.node(id);
  }

  ir::ValueId Id(const std::string& name) { return *graph_.FindValue(name); }

  ir::Graph graph_;
};

template <typename T>
T Param(const ir::Node& node, const std::string& name) {
  auto it = node.params.find(name);
  EXPECT_TRUE(it != node.params.end()) << "no param " << name;
  if (it == node.params.end() || !it->second.Is<T>()) return T{};
  return it->second.Get<T>();
}

TEST_F(OnnxRowTest, SoftmaxOpset11CoercesAndOpset13IsPerAxis) {
  ir::Node& old = Legalize(11, "Softmax", {}, {"x"});
  EXPECT_EQ(old.kind, OpKind::kSoftmax) << old.unsupported_reason;
  EXPECT_EQ(Param<int64_t>(old, "axis"), 1);
  EXPECT_TRUE(Param<bool>(old, "coerce_2d"));
  ir::Node& now = Legalize(13, "LogSoftmax", {}, {"y"});
  EXPECT_EQ(now.kind, OpKind::kLogSoftmax);
  EXPECT_EQ(Param<int64_t>(now, "axis"), -1);
  EXPECT_FALSE(now.params.contains("coerce_2d"));
  ir::Node& explicit_axis = Legalize(13, "Softmax", {{"axis", I(0)}}, {"z"});
  EXPECT_EQ(Param<int64_t>(explicit_axis, "axis"), 0);
}

TEST_F(OnnxRowTest, ClipOpset6UsesAttributes) {
  ir::Node& node = Legalize(6, "Clip", {{"min", F(-1)}, {"max", F(6)}}, {"x"});
  EXPECT_EQ(node.kind, OpKind::kClip);
  EXPECT_EQ(Param<float>(node, "min"), -1.0f);
  EXPECT_EQ(Param<float>(node, "max"), 6.0f);
  EXPECT_THAT(node.operands, ElementsAre(Id("x")));
  ir::Node& unbounded = Legalize(6, "Clip", {}, {"y"});
  EXPECT_FALSE(unbounded.params.contains("min"));
  EXPECT_FALSE(unbounded.params.contains("max"));
}

TEST_F(OnnxRowTest, ClipOpset11ConstantBoundsBecomeParams) {
  ir::Node& node =
      Legalize(11, "Clip", {}, {"x", "lo", "hi"}, {ir::Tensor(), F32({}, {0}), F32({}, {6})});
  EXPECT_EQ(node.kind, OpKind::kClip) << node.unsupported_reason;
  EXPECT_EQ(Param<float>(node, "min"), 0.0f);
  EXPECT_EQ(Param<float>(node, "max"), 6.0f);
  EXPECT_THAT(node.operands, ElementsAre(Id("x")));
  // Absent min, constant max.
  ir::Node& max_only =
      Legalize(12, "Clip", {}, {"a", "", "hi2"}, {ir::Tensor(), ir::Tensor(), F32({}, {1})});
  EXPECT_FALSE(max_only.params.contains("min"));
  EXPECT_EQ(Param<float>(max_only, "max"), 1.0f);
  EXPECT_THAT(max_only.operands, ElementsAre(Id("a")));
  // A bound computed at run time stays an operand.
  ir::Node& runtime = Legalize(13, "Clip", {}, {"b", "", "dynamic"});
  EXPECT_EQ(runtime.kind, OpKind::kClip);
  EXPECT_THAT(runtime.operands, ElementsAre(Id("b"), ir::kNoValue, Id("dynamic")));
  // A constant bound of two elements is refused.
  ir::Node& bad = Legalize(11, "Clip", {}, {"c", "two"}, {ir::Tensor(), F32({2}, {0, 1})});
  EXPECT_EQ(bad.kind, OpKind::kUnsupported);
  EXPECT_THAT(bad.unsupported_reason, HasSubstr("scalar"));
}

TEST_F(OnnxRowTest, ReduceSumAxesAttributeBefore13InputFrom13) {
  ir::Node& old = Legalize(11, "ReduceSum", {{"axes", Is({1})}}, {"x"});
  EXPECT_EQ(old.kind, OpKind::kReduceSum);
  EXPECT_THAT(Param<std::vector<int64_t>>(old, "axes"), ElementsAre(1));
  EXPECT_TRUE(Param<bool>(old, "keepdims"));  // ONNX's default
  EXPECT_TRUE(Param<bool>(old, "empty_axes_reduce_all"));
  EXPECT_THAT(old.operands, ElementsAre(Id("x")));

  ir::Node& now =
      Legalize(13, "ReduceSum", {{"keepdims", I(0)}}, {"y", "axes"}, {ir::Tensor(), I64({1}, {1})});
  EXPECT_EQ(now.kind, OpKind::kReduceSum);
  EXPECT_THAT(now.operands, ElementsAre(Id("y"), Id("axes")));
  EXPECT_FALSE(Param<bool>(now, "keepdims"));
  EXPECT_TRUE(Param<bool>(now, "empty_axes_reduce_all"));

  ir::Node& noop = Legalize(13, "ReduceSum", {{"noop_with_empty_axes", I(1)}}, {"z"});
  EXPECT_THAT(noop.operands, ElementsAre(Id("z")));
  EXPECT_FALSE(Param<bool>(noop, "empty_axes_reduce_all"));
}

TEST_F(OnnxRowTest, OtherReductionsTakeAxesInputFrom18) {
  ir::Node& old = Legalize(13, "ReduceL2", {{"axes", Is({0, 1})}}, {"x"});
  EXPECT_EQ(old.kind, OpKind::kReduceL2);
  EXPECT_THAT(Param<std::vector<int64_t>>(old, "axes"), ElementsAre(0, 1));
  ir::Node& now = Legalize(18, "ReduceLogSumExp", {}, {"y", "axes"}, {ir::Tensor(), I64({1}, {0})});
  EXPECT_EQ(now.kind, OpKind::kReduceLogSumExp);
  EXPECT_THAT(now.operands, ElementsAre(Id("y"), Id("axes")));
  EXPECT_FALSE(now.params.contains("axes"));
}

TEST_F(OnnxRowTest, ModPicksFloorModOrFmod) {
  EXPECT_EQ(Legalize(13, "Mod", {}, {"a", "b"}).kind, OpKind::kFloorMod);
  EXPECT_EQ(Legalize(13, "Mod", {{"fmod", I(1)}}, {"c", "d"}).kind, OpKind::kFmod);
  ir::Node& bad = Legalize(13, "Mod", {{"fmod", I(2)}}, {"e", "f"});
  EXPECT_EQ(bad.kind, OpKind::kUnsupported);
  EXPECT_THAT(bad.unsupported_reason, HasSubstr("fmod"));
}

TEST_F(OnnxRowTest, ArgMaxDefaultsAndSelectLastIndex) {
  ir::Node& node = Legalize(13, "ArgMax", {}, {"x"});
  EXPECT_EQ(node.kind, OpKind::kArgMax);
  EXPECT_EQ(Param<int64_t>(node, "axis"), 0);
  EXPECT_TRUE(Param<bool>(node, "keepdims"));
  EXPECT_EQ(Param<DType>(node, "out_dtype"), DType::kInt64);
  EXPECT_FALSE(Param<bool>(node, "select_last_index"));
  ir::Node& last = Legalize(13, "ArgMin", {{"select_last_index", I(1)}}, {"y"});
  EXPECT_EQ(last.kind, OpKind::kArgMin) << last.unsupported_reason;
  EXPECT_TRUE(Param<bool>(last, "select_last_index"));
  ir::Node& bad = Legalize(13, "ArgMax", {{"select_last_index", I(2)}}, {"z"});
  EXPECT_EQ(bad.kind, OpKind::kUnsupported);
  EXPECT_THAT(bad.unsupported_reason, HasSubstr("select_last_index"));
}

TEST_F(OnnxRowTest, ClipIntegerConstantBoundsStayOperands) {
  // A float param could not hold every int64 bound, so integer bounds are read at run time.
  ir::Node& node = Legalize(13, "Clip", {}, {"x", "lo", "hi"},
                            {ir::Tensor(), MakeTensor<int8_t>(DType::kInt8, {}, {-3}),
                             MakeTensor<int8_t>(DType::kInt8, {}, {3})});
  EXPECT_EQ(node.kind, OpKind::kClip) << node.unsupported_reason;
  EXPECT_FALSE(node.params.contains("min"));
  EXPECT_FALSE(node.params.contains("max"));
  EXPECT_THAT(node.operands, ElementsAre(Id("x"), Id("lo"), Id("hi")));
}

TEST_F(OnnxRowTest, IsInfDetectsBothSignsByDefault) {
  ir::Node& both = Legalize(10, "IsInf", {}, {"x"});
  EXPECT_EQ(both.kind, OpKind::kIsInf) << both.unsupported_reason;
  EXPECT_TRUE(Param<bool>(both, "detect_positive"));
  EXPECT_TRUE(Param<bool>(both, "detect_negative"));
  ir::Node& positive = Legalize(10, "IsInf", {{"detect_negative", I(0)}}, {"y"});
  EXPECT_FALSE(Param<bool>(positive, "detect_negative"));
  EXPECT_EQ(Legalize(13, "IsNaN", {}, {"z"}).kind, OpKind::kIsNaN);
}

TEST_F(OnnxRowTest, PadEdgeMode) {
  // pads [1, 2] for a rank-1 input: begin 1, end 2.
  ir::Node& node = Legalize(13, "Pad", {{"mode", std::string("edge")}}, {"x", "pads"},
                            {ir::Tensor(), I64({2}, {1, 2})});
  EXPECT_EQ(node.kind, OpKind::kPad) << node.unsupported_reason;
  EXPECT_EQ(Param<std::string>(node, "mode"), "EDGE");
  ir::Node& wrap = Legalize(13, "Pad", {{"mode", std::string("wrap")}}, {"y", "pads2"},
                            {ir::Tensor(), I64({2}, {1, 2})});
  EXPECT_EQ(wrap.kind, OpKind::kUnsupported);
}

TEST_F(OnnxRowTest, VariadicAndActivationRows) {
  ir::Node& max = Legalize(13, "Max", {}, {"a", "b", "c"});
  EXPECT_EQ(max.kind, OpKind::kMax);
  EXPECT_THAT(max.operands, ElementsAre(Id("a"), Id("b"), Id("c")));
  ir::Node& sum = Legalize(13, "Sum", {}, {"d"});
  EXPECT_EQ(sum.kind, OpKind::kSum);
  EXPECT_TRUE(Param<bool>(sum, "broadcast"));
  ir::Node& selu = Legalize(6, "Selu", {{"alpha", F(2)}}, {"e"});
  EXPECT_EQ(selu.kind, OpKind::kSelu);
  EXPECT_EQ(Param<float>(selu, "alpha"), 2.0f);
  EXPECT_FLOAT_EQ(Param<float>(selu, "gamma"), 1.0507010f);
  ir::Node& hs = Legalize(6, "HardSigmoid", {}, {"f"});
  EXPECT_FLOAT_EQ(Param<float>(hs, "alpha"), 0.2f);
  EXPECT_FLOAT_EQ(Param<float>(hs, "beta"), 0.5f);
  ir::Node& leaky = Legalize(6, "LeakyRelu", {}, {"g"});
  EXPECT_FLOAT_EQ(Param<float>(leaky, "alpha"), 0.01f);
  // Legacy broadcasting with an explicit axis (opset < 7) is refused.
  ir::Node& legacy = Legalize(6, "Add", {{"broadcast", I(1)}, {"axis", I(1)}}, {"h", "i"});
  EXPECT_EQ(legacy.kind, OpKind::kUnsupported);
  EXPECT_EQ(Legalize(7, "Less", {}, {"j", "k"}).kind, OpKind::kLess);
  EXPECT_EQ(Legalize(7, "Not", {}, {"l"}).kind, OpKind::kNot);
}

TEST(OnnxMathRowsTest, EveryRowIsInTheTable) {
  const auto supported = importers::onnx::SupportedOnnxOpTypes();
  for (const char* name : {"Relu",
                           "LeakyRelu",
                           "PRelu",
                           "Elu",
                           "Selu",
                           "Celu",
                           "Clip",
                           "Sigmoid",
                           "HardSigmoid",
                           "HardSwish",
                           "Tanh",
                           "Softplus",
                           "Softsign",
                           "Erf",
                           "Softmax",
                           "LogSoftmax",
                           "Add",
                           "Sub",
                           "Mul",
                           "Div",
                           "Pow",
                           "Sqrt",
                           "Reciprocal",
                           "Exp",
                           "Log",
                           "Abs",
                           "Neg",
                           "Floor",
                           "Ceil",
                           "Round",
                           "Sign",
                           "Sin",
                           "Cos",
                           "Min",
                           "Max",
                           "Sum",
                           "Mean",
                           "Mod",
                           "Where",
                           "Equal",
                           "Less",
                           "LessOrEqual",
                           "Greater",
                           "GreaterOrEqual",
                           "Not",
                           "And",
                           "Or",
                           "Xor",
                           "ReduceMean",
                           "ReduceSum",
                           "ReduceMax",
                           "ReduceMin",
                           "ReduceProd",
                           "ReduceL1",
                           "ReduceL2",
                           "ReduceSumSquare",
                           "ReduceLogSumExp",
                           "ArgMax",
                           "ArgMin",
                           "IsNaN",
                           "IsInf"}) {
    EXPECT_THAT(supported, ::testing::Contains(std::string_view(name))) << name;
  }
}

}  // namespace
}  // namespace mb
