// The reference math of ops/ on hand-computed values, and the shape functions' rejections
// (DESIGN.md, "Adding an op", step 3). Every expected value is worked out in a comment from
// the op's definition: TF's spatial rules (shared/spec/tf-tools.md 6.1), NumPy slicing and
// broadcasting, TF's StridedSlice masks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ops/op_def.h"
#include "tests/testing/op_testing.h"

namespace mb {
namespace {

using ir::DType;
using ir::OpKind;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::Pointwise;

using ::mb::testing::ParamsBuilder;

// An operand with known values; every operand is a constant, so shape functions that need
// values (Reshape's shape, Pad's paddings, StridedSlice's begin/end/strides) see them.
struct Operand {
  DType dtype = DType::kFloat32;
  std::vector<int64_t> sizes;
  std::vector<double> values;
  bool absent = false;
};

Operand F32(std::vector<int64_t> sizes, std::vector<double> values) {
  return {DType::kFloat32, std::move(sizes), std::move(values)};
}
Operand I32(std::vector<int64_t> sizes, std::vector<double> values) {
  return {DType::kInt32, std::move(sizes), std::move(values)};
}
Operand I64(std::vector<int64_t> sizes, std::vector<double> values) {
  return {DType::kInt64, std::move(sizes), std::move(values)};
}
// A 1-D int32 operand.
Operand Vec(std::vector<double> values) {
  const int64_t n = static_cast<int64_t>(values.size());
  return I32({n}, std::move(values));
}
Operand Absent() { return Operand{.absent = true}; }

std::string Pack(const Operand& operand) {
  const size_t element = ir::DTypeSize(operand.dtype);
  std::string bytes(operand.values.size() * element, '\0');
  for (size_t i = 0; i < operand.values.size(); ++i) {
    const double v = operand.values[i];
    if (operand.dtype == DType::kFloat32) {
      const float f = static_cast<float>(v);
      std::memcpy(bytes.data() + i * element, &f, element);
    } else if (operand.dtype == DType::kInt32) {
      const int32_t x = static_cast<int32_t>(v);
      std::memcpy(bytes.data() + i * element, &x, element);
    } else {
      const int64_t x = static_cast<int64_t>(v);
      std::memcpy(bytes.data() + i * element, &x, element);
    }
  }
  return bytes;
}

double Unpack(DType dtype, const char* data, int64_t i) {
  if (dtype == DType::kFloat32) {
    float f;
    std::memcpy(&f, data + i * 4, 4);
    return f;
  }
  if (dtype == DType::kInt32) {
    int32_t x;
    std::memcpy(&x, data + i * 4, 4);
    return x;
  }
  int64_t x;
  std::memcpy(&x, data + i * 8, 8);
  return static_cast<double>(x);
}

struct Result {
  Status status;  // of shape inference, then of the reference math
  DType dtype = DType::kInvalid;
  std::vector<int64_t> sizes;
  std::vector<double> values;
};

// Infers the output type with the OpDef's shape function and, if that succeeds, runs the
// reference math.
Result RunOp(OpKind kind, const ParamsBuilder& params, const std::vector<Operand>& operands) {
  Result result;
  ir::Node node;
  node.name = "node";
  node.op_type = std::string(ir::OpKindName(kind));
  node.kind = kind;
  node.params = params.map();
  const int count = static_cast<int>(operands.size());
  for (int i = 0; i < count; ++i) node.operands.push_back(operands[i].absent ? ir::kNoValue : i);
  node.outputs = {count};

  std::vector<ops::TensorType> types(count);
  std::vector<ir::Tensor> constants(count);
  std::vector<const ir::Tensor*> values(count, nullptr);
  std::vector<std::string> bytes(count);
  for (int i = 0; i < count; ++i) {
    if (operands[i].absent) continue;
    types[i] = {operands[i].dtype, ir::Shape::Static(operands[i].sizes)};
    bytes[i] = Pack(operands[i]);
    auto tensor = ir::Tensor::FromBytes(operands[i].dtype, operands[i].sizes, bytes[i]);
    if (!tensor.ok()) {
      result.status = tensor.status();
      return result;
    }
    constants[i] = *std::move(tensor);
    values[i] = &constants[i];
  }
  const ops::OpDef& def = ops::GetOpDef(kind);
  ops::InferenceContext inference(node, types, values);
  result.status = def.infer_shapes(inference);
  if (!result.status.ok()) return result;
  const ops::TensorType& out = inference.outputs()[0];
  if (!out.shape.IsFullyKnown()) {
    result.status = InternalError("output shape not fully known: " + out.shape.ToString());
    return result;
  }
  result.dtype = out.dtype;
  result.sizes = out.shape.Sizes();

  std::vector<ops::TensorView> inputs(count);
  for (int i = 0; i < count; ++i) {
    if (operands[i].absent) continue;
    inputs[i] = {operands[i].dtype, operands[i].sizes, bytes[i].data()};
  }
  int64_t out_count = 1;
  for (int64_t s : result.sizes) out_count *= s;
  std::vector<char> out_bytes(out_count * ir::DTypeSize(out.dtype) + 8, '\x5a');
  std::vector<ops::TensorView> outputs = {{out.dtype, result.sizes, out_bytes.data()}};
  result.status =
      def.compute_reference(ops::ComputeContext{node, ops::Params(node.params), inputs, outputs});
  for (int64_t i = 0; i < out_count; ++i) {
    result.values.push_back(Unpack(out.dtype, out_bytes.data(), i));
  }
  return result;
}

#define ASSERT_RAN(result) ASSERT_TRUE((result).status.ok()) << (result).status.ToString()

// ---- Conv ----

// x (NHWC 1x3x3x1):   w (HWIO 2x2x1x1):
//   1 2 3               1 2
//   4 5 6               3 4
//   7 8 9
const Operand kImage = F32({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
const Operand kFilter = F32({2, 2, 1, 1}, {1, 2, 3, 4});

TEST(ConvReferenceTest, ValidSlidesTheWindowInside) {
  // y[i][j] = x[i][j] + 2 x[i][j+1] + 3 x[i+1][j] + 4 x[i+1][j+1]:
  //   y00 = 1 + 4 + 12 + 20 = 37    y01 = 2 + 6 + 15 + 24 = 47
  //   y10 = 4 + 10 + 21 + 32 = 67   y11 = 5 + 12 + 24 + 36 = 77
  Result r =
      RunOp(OpKind::kConv, ParamsBuilder().Set("padding", "VALID"), {kImage, kFilter, Absent()});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 2, 2, 1));
  EXPECT_THAT(r.values, ElementsAre(37, 47, 67, 77));
}

TEST(ConvReferenceTest, SamePutsTheExtraPaddingAfter) {
  // out = 3, pad_total = (3-1)*1 + 2 - 3 = 1: pad_before 0, pad_after 1 (bottom and right),
  // so row 0 and column 0 match VALID and the last row/column see zeros:
  //   y02 = 3 + 3*6 = 21, y12 = 6 + 3*9 = 33, y20 = 7 + 2*8 = 23, y21 = 8 + 2*9 = 26, y22 = 9.
  // (Padding before instead would make y00 = 4*1 = 4.)
  Result r =
      RunOp(OpKind::kConv, ParamsBuilder().Set("padding", "SAME"), {kImage, kFilter, Absent()});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 3, 3, 1));
  EXPECT_THAT(r.values, ElementsAre(37, 47, 21, 67, 77, 33, 23, 26, 9));
}

TEST(ConvReferenceTest, SameWithStride2) {
  // out = ceil(3/2) = 2, pad_total = (2-1)*2 + 2 - 3 = 1: again all after. Windows start at
  // rows/columns 0 and 2: y00 = 37, y01 = 3 + 3*6 = 21, y10 = 7 + 2*8 = 23, y11 = 9.
  Result r =
      RunOp(OpKind::kConv,
            ParamsBuilder().Set("padding", "SAME").Set("strides", std::vector<int64_t>{2, 2}),
            {kImage, kFilter, Absent()});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 2, 2, 1));
  EXPECT_THAT(r.values, ElementsAre(37, 21, 23, 9));
}

TEST(ConvReferenceTest, ExplicitPadding) {
  // pads [top 1, bottom 0, left 0, right 0]: out 3x2. Row 0 sees a zero row above:
  //   y00 = 3*1 + 4*2 = 11, y01 = 3*2 + 4*3 = 18; rows 1-2 are VALID's rows 0-1.
  Result r = RunOp(
      OpKind::kConv,
      ParamsBuilder().Set("padding", "EXPLICIT").Set("pads", std::vector<int64_t>{1, 0, 0, 0}),
      {kImage, kFilter, Absent()});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 3, 2, 1));
  EXPECT_THAT(r.values, ElementsAre(11, 18, 37, 47, 67, 77));
}

TEST(ConvReferenceTest, BiasThenActivation) {
  // VALID (37, 47, 67, 77) + bias -40 = (-3, 7, 27, 37); Relu: (0, 7, 27, 37).
  Result r = RunOp(OpKind::kConv, ParamsBuilder().Set("activation", "Relu"),
                   {kImage, kFilter, F32({1}, {-40})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(0, 7, 27, 37));
  // LeakyRelu with alpha 0.5: (-1.5, 7, 27, 37).
  r = RunOp(OpKind::kConv, ParamsBuilder().Set("activation", "LeakyRelu").Set("alpha", 0.5f),
            {kImage, kFilter, F32({1}, {-40})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(-1.5, 7, 27, 37));
  // Relu6 with bias -70: (-33, -23, -3, 7) -> (0, 0, 0, 6).
  r = RunOp(OpKind::kConv, ParamsBuilder().Set("activation", "Relu6"),
            {kImage, kFilter, F32({1}, {-70})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(0, 0, 0, 6));
}

TEST(ConvReferenceTest, NchwOihwAgreesOnOneChannel) {
  // With one channel, NCHW/OIHW hold the same bytes as NHWC/HWIO: the same answer.
  Result r =
      RunOp(OpKind::kConv, ParamsBuilder().Set("data_layout", "NCHW").Set("filter_layout", "OIHW"),
            {F32({1, 1, 3, 3}, kImage.values), F32({1, 1, 2, 2}, kFilter.values), Absent()});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 1, 2, 2));
  EXPECT_THAT(r.values, ElementsAre(37, 47, 67, 77));
}

TEST(ConvReferenceTest, FilterLayoutsIndexInputAndOutputChannels) {
  // 1x1 conv on two pixels p0 = (1, 2), p1 = (3, 4) (NHWC 1x1x2x2).
  // HWIO [1,1,2,2] = [i0o0 1, i0o1 10, i1o0 100, i1o1 1000]:
  //   o0 = i0 + 100 i1, o1 = 10 i0 + 1000 i1
  //   p0: 1 + 200 = 201, 10 + 2000 = 2010;  p1: 3 + 400 = 403, 30 + 4000 = 4030.
  const Operand x = F32({1, 1, 2, 2}, {1, 2, 3, 4});
  Result r = RunOp(OpKind::kConv, ParamsBuilder(), {x, F32({1, 1, 2, 2}, {1, 10, 100, 1000})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(201, 2010, 403, 4030));
  // The same filter in OIHW [2,2,1,1] = [o0i0 1, o0i1 100, o1i0 10, o1i1 1000].
  r = RunOp(OpKind::kConv, ParamsBuilder().Set("filter_layout", "OIHW"),
            {x, F32({2, 2, 1, 1}, {1, 100, 10, 1000})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(201, 2010, 403, 4030));
}

TEST(ConvReferenceTest, GroupedConvolution) {
  // One pixel with channels (1, 2, 3, 4), group 2: HWIO [1,1,2,2] holds, per group, 2 inputs
  // for 1 output: [i0o0 1, i0o1 10, i1o0 100, i1o1 1000].
  //   oc0 (group 0: channels 1, 2) = 1*1 + 2*100 = 201
  //   oc1 (group 1: channels 3, 4) = 3*10 + 4*1000 = 4030
  Result r = RunOp(OpKind::kConv, ParamsBuilder().Set("group", int64_t{2}),
                   {F32({1, 1, 1, 4}, {1, 2, 3, 4}), F32({1, 1, 2, 2}, {1, 10, 100, 1000})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 1, 1, 2));
  EXPECT_THAT(r.values, ElementsAre(201, 4030));
}

TEST(ConvReferenceTest, Dilation) {
  // Row (1 2 3 4 5), kernel 1x2 of ones with dilation 2 (taps 2 apart), VALID: effective
  // width 3, out 3: (1+3, 2+4, 3+5) = (4, 6, 8).
  Result r = RunOp(OpKind::kConv, ParamsBuilder().Set("dilations", std::vector<int64_t>{1, 2}),
                   {F32({1, 1, 5, 1}, {1, 2, 3, 4, 5}), F32({1, 2, 1, 1}, {1, 1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(4, 6, 8));
}

TEST(ConvReferenceTest, DepthwiseMultiplier2) {
  // x NHWC 1x2x2x2: channel 0 = [[1,2],[3,4]], channel 1 = [[5,6],[7,8]].
  // HWIM [2,2,2,2], per tap (kh,kw) the values [c0m0, c0m1, c1m0, c1m1]:
  //   c0m0 = all ones (sum), c0m1 = top-left only, c1m0 = bottom-right only,
  //   c1m1 = [[1,-1],[1,-1]].
  // Output channel oc = c * 2 + m: (1+2+3+4, 1, 8, 5-6+7-8) = (10, 1, 8, -2).
  Result r = RunOp(
      OpKind::kConv, ParamsBuilder().Set("filter_layout", "HWIM"),
      {F32({1, 2, 2, 2}, {1, 5, 2, 6, 3, 7, 4, 8}), F32({2, 2, 2, 2}, {1, 1, 0, 1,       // (0,0)
                                                                       1, 0, 0, -1,      // (0,1)
                                                                       1, 0, 0, 1,       // (1,0)
                                                                       1, 0, 1, -1})});  // (1,1)
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 1, 1, 4));
  EXPECT_THAT(r.values, ElementsAre(10, 1, 8, -2));
}

// ---- MatMul, BatchNormalization ----

TEST(MatMulReferenceTest, TransposedBWithBiasAndRelu) {
  // A = [[1,2],[3,4]], B stored [N,K] = [[5,6],[7,8]] with trans_b: C = A B^T =
  // [[1*5+2*6, 1*7+2*8], [3*5+4*6, 3*7+4*8]] = [[17, 23], [39, 53]];
  // + bias (1, -100) = [[18, -77], [40, -47]]; Relu: [[18, 0], [40, 0]].
  Result r = RunOp(OpKind::kMatMul, ParamsBuilder().Set("trans_b", true).Set("activation", "Relu"),
                   {F32({2, 2}, {1, 2, 3, 4}), F32({2, 2}, {5, 6, 7, 8}), F32({2}, {1, -100})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(18, 0, 40, 0));
}

TEST(MatMulReferenceTest, TransposedA) {
  // A stored [K,M] = [[1,2,3]] (K=1, M=3), B = [[4, 5]] (K=1, N=2): C = A^T B, 3x2 =
  // [[4,5],[8,10],[12,15]].
  Result r = RunOp(OpKind::kMatMul, ParamsBuilder().Set("trans_a", true),
                   {F32({1, 3}, {1, 2, 3}), F32({1, 2}, {4, 5}), Absent()});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(3, 2));
  EXPECT_THAT(r.values, ElementsAre(4, 5, 8, 10, 12, 15));
}

TEST(BatchNormReferenceTest, NormalizesPerChannel) {
  // y = scale (x - mean) / sqrt(var + eps) + offset, eps 0:
  //   channel 0: 2 (3 - 1) / sqrt(4) + 1 = 3;  channel 1: 1 (5 - 5) / 1 + 0 = 0
  //   second row: 2 (-1 - 1) / 2 + 1 = -1;      1 (7 - 5) / 1 + 0 = 2
  Result r = RunOp(OpKind::kBatchNormalization, ParamsBuilder().Set("epsilon", 0.0f),
                   {F32({2, 2}, {3, 5, -1, 7}), F32({2}, {2, 1}), F32({2}, {1, 0}),
                    F32({2}, {1, 5}), F32({2}, {4, 1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(3, 0, -1, 2));
}

TEST(BiasAddReferenceTest, NchwAddsAlongDimension1) {
  // x NCHW [1,2,1,2] = channel 0 (1, 2), channel 1 (3, 4); bias (10, 100).
  Result r = RunOp(OpKind::kBiasAdd, ParamsBuilder().Set("data_layout", "NCHW"),
                   {F32({1, 2, 1, 2}, {1, 2, 3, 4}), F32({2}, {10, 100})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(11, 12, 103, 104));
}

// ---- Pooling ----

ParamsBuilder PoolParams(const char* padding, int64_t kernel, int64_t stride) {
  return ParamsBuilder()
      .Set("kernel", std::vector<int64_t>{kernel, kernel})
      .Set("strides", std::vector<int64_t>{stride, stride})
      .Set("padding", padding);
}

TEST(PoolReferenceTest, MaxPoolSameIgnoresPadding) {
  // x = 1..9 (3x3), 2x2 windows, stride 2, SAME: out 2x2, one padding row/column after.
  //   y00 = max(1,2,4,5) = 5, y01 = max(3,6) = 6, y10 = max(7,8) = 8, y11 = 9.
  Result r = RunOp(OpKind::kMaxPool, PoolParams("SAME", 2, 2), {kImage});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 2, 2, 1));
  EXPECT_THAT(r.values, ElementsAre(5, 6, 8, 9));
  // Negated input: padding must act as -inf, not 0: (-1, -3, -7, -9).
  r = RunOp(OpKind::kMaxPool, PoolParams("SAME", 2, 2),
            {F32({1, 3, 3, 1}, {-1, -2, -3, -4, -5, -6, -7, -8, -9})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(-1, -3, -7, -9));
}

TEST(PoolReferenceTest, AvgPoolSameDividesByInBoundsCount) {
  // Same windows as above: y00 = (1+2+4+5)/4 = 3, y01 = (3+6)/2 = 4.5, y10 = (7+8)/2 = 7.5,
  // y11 = 9/1 = 9. (Counting the padding would give 3, 2.25, 3.75, 2.25.)
  Result r = RunOp(OpKind::kAveragePool, PoolParams("SAME", 2, 2), {kImage});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(3, 4.5, 7.5, 9));
}

TEST(PoolReferenceTest, AvgPoolSame3x3Stride1) {
  // 3x3 windows, stride 1, SAME: pad 1 on each side. Corners average 4 cells, edges 6, the
  // centre 9:
  //   (1+2+4+5)/4 = 3     (1+2+3+4+5+6)/6 = 3.5   (2+3+5+6)/4 = 4
  //   (1+2+4+5+7+8)/6 = 4.5   45/9 = 5            (2+3+5+6+8+9)/6 = 5.5
  //   (4+5+7+8)/4 = 6     (4+5+6+7+8+9)/6 = 6.5   (5+6+8+9)/4 = 7
  Result r = RunOp(OpKind::kAveragePool, PoolParams("SAME", 3, 1), {kImage});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values,
              Pointwise(DoubleNear(1e-6), std::vector<double>{3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7}));
}

TEST(PoolReferenceTest, ValidPool) {
  // 2x2 windows, stride 1, VALID on 1..9: max (5, 6, 8, 9), mean (3, 4, 6, 7).
  Result r = RunOp(OpKind::kMaxPool, PoolParams("VALID", 2, 1), {kImage});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(5, 6, 8, 9));
  r = RunOp(OpKind::kAveragePool, PoolParams("VALID", 2, 1), {kImage});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(3, 4, 6, 7));
}

// ---- StridedSlice ----

Result Slice(const Operand& x, std::vector<double> begin, std::vector<double> end,
             std::vector<double> strides, ParamsBuilder masks = {}) {
  return RunOp(OpKind::kStridedSlice, masks,
               {x, Vec(std::move(begin)), Vec(std::move(end)), Vec(std::move(strides))});
}

// arange(10) and arange(12).reshape(3, 4) as float32.
const Operand kRange10 = F32({10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
const Operand kMatrix = F32({3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});

TEST(StridedSliceReferenceTest, NegativeStride) {
  // x[8:2:-2] = [8, 6, 4]
  Result r = Slice(kRange10, {8}, {2}, {-2});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(8, 6, 4));
  // x[-2:-8:-3] = indices 8, 5 (2 is the stop) = [8, 5]
  r = Slice(kRange10, {-2}, {-8}, {-3});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(8, 5));
}

TEST(StridedSliceReferenceTest, BeginAndEndMasks) {
  // x[:5:2] (begin masked, its value 7 ignored) = [0, 2, 4]
  Result r = Slice(kRange10, {7}, {5}, {2}, ParamsBuilder().Set("begin_mask", int64_t{1}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(0, 2, 4));
  // x[5::-1] (end masked: runs through index 0) = [5, 4, 3, 2, 1, 0]
  r = Slice(kRange10, {5}, {0}, {-1}, ParamsBuilder().Set("end_mask", int64_t{1}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(5, 4, 3, 2, 1, 0));
  // x[::-3] = [9, 6, 3, 0]
  r = Slice(kRange10, {0}, {0}, {-3},
            ParamsBuilder().Set("begin_mask", int64_t{1}).Set("end_mask", int64_t{1}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(9, 6, 3, 0));
}

TEST(StridedSliceReferenceTest, OutOfRangeBoundsClamp) {
  // x[2:100] = [2..9]; x[-100:3] = [0, 1, 2]
  Result r = Slice(kRange10, {2}, {100}, {1});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(2, 3, 4, 5, 6, 7, 8, 9));
  r = Slice(kRange10, {-100}, {3}, {1});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(0, 1, 2));
  // x[3:1] is empty.
  r = Slice(kRange10, {3}, {1}, {1});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(0));
}

TEST(StridedSliceReferenceTest, ShrinkAxis) {
  // m = arange(12).reshape(3, 4); m[1, ::-1] = [7, 6, 5, 4], shape [4].
  Result r = Slice(kMatrix, {1, 0}, {2, 0}, {1, -1},
                   ParamsBuilder()
                       .Set("shrink_axis_mask", int64_t{1})
                       .Set("begin_mask", int64_t{2})
                       .Set("end_mask", int64_t{2}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(4));
  EXPECT_THAT(r.values, ElementsAre(7, 6, 5, 4));
  // m[-1, -3:] = [9, 10, 11], shape [3].
  r = Slice(kMatrix, {-1, -3}, {0, 0}, {1, 1},
            ParamsBuilder().Set("shrink_axis_mask", int64_t{1}).Set("end_mask", int64_t{2}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(3));
  EXPECT_THAT(r.values, ElementsAre(9, 10, 11));
  // m[2, 1] = 9, a scalar.
  r = Slice(kMatrix, {2, 1}, {3, 2}, {1, 1}, ParamsBuilder().Set("shrink_axis_mask", int64_t{3}));
  ASSERT_RAN(r);
  EXPECT_TRUE(r.sizes.empty());
  EXPECT_THAT(r.values, ElementsAre(9));
}

TEST(StridedSliceReferenceTest, NewAxis) {
  // m[:, np.newaxis, 1:3] = [[[1, 2]], [[5, 6]], [[9, 10]]], shape [3, 1, 2].
  Result r = Slice(kMatrix, {0, 0, 1}, {0, 0, 3}, {1, 1, 1},
                   ParamsBuilder()
                       .Set("begin_mask", int64_t{1})
                       .Set("end_mask", int64_t{1})
                       .Set("new_axis_mask", int64_t{2}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(3, 1, 2));
  EXPECT_THAT(r.values, ElementsAre(1, 2, 5, 6, 9, 10));
  // m[np.newaxis, 1] = [[4, 5, 6, 7]], shape [1, 4].
  r = Slice(kMatrix, {0, 1}, {0, 2}, {1, 1},
            ParamsBuilder().Set("new_axis_mask", int64_t{1}).Set("shrink_axis_mask", int64_t{2}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 4));
  EXPECT_THAT(r.values, ElementsAre(4, 5, 6, 7));
}

TEST(StridedSliceReferenceTest, EllipsisAndImplicitTrailingDimensions) {
  // m[..., 1] = [1, 5, 9], shape [3].
  Result r =
      Slice(kMatrix, {0, 1}, {0, 2}, {1, 1},
            ParamsBuilder().Set("ellipsis_mask", int64_t{1}).Set("shrink_axis_mask", int64_t{2}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(3));
  EXPECT_THAT(r.values, ElementsAre(1, 5, 9));
  // m[1:3] keeps every column: shape [2, 4] = rows 1 and 2.
  r = Slice(kMatrix, {1}, {3}, {1});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2, 4));
  EXPECT_THAT(r.values, ElementsAre(4, 5, 6, 7, 8, 9, 10, 11));
  // m[::2, ::-2] = rows 0, 2; columns 3, 1 = [[3, 1], [11, 9]].
  r = Slice(kMatrix, {0, 0}, {0, 0}, {2, -2},
            ParamsBuilder().Set("begin_mask", int64_t{3}).Set("end_mask", int64_t{3}));
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2, 2));
  EXPECT_THAT(r.values, ElementsAre(3, 1, 11, 9));
}

TEST(StridedSliceReferenceTest, RejectsShrinkOutOfBoundsAndZeroStride) {
  Result r = Slice(kRange10, {10}, {11}, {1}, ParamsBuilder().Set("shrink_axis_mask", int64_t{1}));
  EXPECT_FALSE(r.status.ok());
  r = Slice(kRange10, {0}, {5}, {0});
  EXPECT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("stride"));
}

// ---- Pad ----

TEST(PadReferenceTest, ReflectAndSymmetric) {
  // [1, 2, 3] padded (2, 2):
  //   REFLECT (edge not repeated):  3 2 | 1 2 3 | 2 1
  //   SYMMETRIC (edge repeated):    2 1 | 1 2 3 | 3 2
  const Operand x = F32({3}, {1, 2, 3});
  Result r = RunOp(OpKind::kPad, ParamsBuilder().Set("mode", "REFLECT"), {x, I32({1, 2}, {2, 2})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(3, 2, 1, 2, 3, 2, 1));
  r = RunOp(OpKind::kPad, ParamsBuilder().Set("mode", "SYMMETRIC"), {x, I32({1, 2}, {2, 2})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(2, 1, 1, 2, 3, 3, 2));
}

TEST(PadReferenceTest, ConstantWithValueOperand) {
  // [1, 2, 3] padded (1, 2) with 9: 9 | 1 2 3 | 9 9; without a value: zeros.
  const Operand x = F32({3}, {1, 2, 3});
  Result r = RunOp(OpKind::kPad, ParamsBuilder(), {x, I64({1, 2}, {1, 2}), F32({}, {9})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(9, 1, 2, 3, 9, 9));
  r = RunOp(OpKind::kPad, ParamsBuilder(), {x, I32({1, 2}, {1, 2})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(0, 1, 2, 3, 0, 0));
  // 2-D int32: [[1, 2], [3, 4]] padded rows (1, 0), columns (0, 1) with -1:
  //   [[-1, -1, -1], [1, 2, -1], [3, 4, -1]]
  r = RunOp(OpKind::kPad, ParamsBuilder(),
            {I32({2, 2}, {1, 2, 3, 4}), I32({2, 2}, {1, 0, 0, 1}), I32({}, {-1})});
  ASSERT_RAN(r);
  EXPECT_EQ(r.dtype, DType::kInt32);
  EXPECT_THAT(r.sizes, ElementsAre(3, 3));
  EXPECT_THAT(r.values, ElementsAre(-1, -1, -1, 1, 2, -1, 3, 4, -1));
}

TEST(PadReferenceTest, RejectsReflectWiderThanTheInput) {
  // REFLECT can mirror at most n - 1 = 2 elements of [1, 2, 3]; SYMMETRIC at most 3.
  const Operand x = F32({3}, {1, 2, 3});
  EXPECT_FALSE(RunOp(OpKind::kPad, ParamsBuilder().Set("mode", "REFLECT"), {x, I32({1, 2}, {3, 0})})
                   .status.ok());
  EXPECT_TRUE(
      RunOp(OpKind::kPad, ParamsBuilder().Set("mode", "SYMMETRIC"), {x, I32({1, 2}, {3, 0})})
          .status.ok());
  EXPECT_FALSE(
      RunOp(OpKind::kPad, ParamsBuilder().Set("mode", "SYMMETRIC"), {x, I32({1, 2}, {4, 0})})
          .status.ok());
  // Paddings must be [rank, 2].
  EXPECT_FALSE(RunOp(OpKind::kPad, ParamsBuilder(), {x, I32({2, 2}, {1, 1, 1, 1})}).status.ok());
}

// ---- Reshape, Concat, Transpose ----

TEST(ReshapeReferenceTest, InfersMinusOne) {
  // 24 elements into [4, -1] = [4, 6]; data unchanged.
  std::vector<double> data(24);
  for (int i = 0; i < 24; ++i) data[i] = i;
  Result r = RunOp(OpKind::kReshape, ParamsBuilder(), {F32({2, 3, 4}, data), Vec({4, -1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(4, 6));
  EXPECT_THAT(r.values, ElementsAreArray(data));
  // ONNX's 0 copies the input dimension: [0, -1] = [2, 12].
  r = RunOp(OpKind::kReshape, ParamsBuilder().Set("zero_copies_input", true),
            {F32({2, 3, 4}, data), I64({2}, {0, -1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2, 12));
}

TEST(ReshapeReferenceTest, RejectsWrongElementCount) {
  std::vector<double> data(24, 1.0);
  Result r = RunOp(OpKind::kReshape, ParamsBuilder(), {F32({2, 3, 4}, data), Vec({5, 5})});
  EXPECT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("24"));
  // 24 is not a multiple of 5, so no -1 fits either.
  r = RunOp(OpKind::kReshape, ParamsBuilder(), {F32({2, 3, 4}, data), Vec({5, -1})});
  EXPECT_FALSE(r.status.ok());
}

TEST(ReshapeReferenceTest, RejectsMoreThanOneMinusOne) {
  std::vector<double> data(24, 1.0);
  Result r = RunOp(OpKind::kReshape, ParamsBuilder(), {F32({2, 3, 4}, data), Vec({-1, 2, -1})});
  EXPECT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("more than one -1"));
}

TEST(ConcatReferenceTest, Axis1) {
  // [[1, 2], [3, 4]] ++ [[5], [6]] along axis 1 = [[1, 2, 5], [3, 4, 6]].
  const Operand a = F32({2, 2}, {1, 2, 3, 4});
  const Operand b = F32({2, 1}, {5, 6});
  Result r = RunOp(OpKind::kConcat, ParamsBuilder().Set("axis", int64_t{1}), {a, b});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2, 3));
  EXPECT_THAT(r.values, ElementsAre(1, 2, 5, 3, 4, 6));
  // axis -1 is the same axis.
  r = RunOp(OpKind::kConcat, ParamsBuilder().Set("axis", int64_t{-1}), {a, b});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(1, 2, 5, 3, 4, 6));
  // Along axis 0 the shapes do not fit: [2, 2] and [2, 1] differ off the axis.
  r = RunOp(OpKind::kConcat, ParamsBuilder().Set("axis", int64_t{0}), {a, b});
  EXPECT_FALSE(r.status.ok());
}

TEST(TransposeReferenceTest, Perm) {
  // [[0, 1, 2], [3, 4, 5]] with perm [1, 0] = [[0, 3], [1, 4], [2, 5]]; the default
  // (reversed) perm is the same for rank 2.
  const Operand x = F32({2, 3}, {0, 1, 2, 3, 4, 5});
  Result r =
      RunOp(OpKind::kTranspose, ParamsBuilder().Set("perm", std::vector<int64_t>{1, 0}), {x});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(3, 2));
  EXPECT_THAT(r.values, ElementsAre(0, 3, 1, 4, 2, 5));
  r = RunOp(OpKind::kTranspose, ParamsBuilder(), {x});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(0, 3, 1, 4, 2, 5));
  // x = arange(8).reshape(2, 2, 2) (x[a][b][c] = 4a + 2b + c), perm [1, 2, 0]:
  // y[i][j][k] = x[k][i][j] = 4k + 2i + j -> 0 4 1 5 2 6 3 7.
  r = RunOp(OpKind::kTranspose, ParamsBuilder().Set("perm", std::vector<int64_t>{1, 2, 0}),
            {F32({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(0, 4, 1, 5, 2, 6, 3, 7));
  // A repeated axis is an error.
  EXPECT_FALSE(
      RunOp(OpKind::kTranspose, ParamsBuilder().Set("perm", std::vector<int64_t>{0, 0}), {x})
          .status.ok());
}

// ---- Reductions, Softmax ----

TEST(ReduceReferenceTest, MeanKeepdims) {
  // [[1, 2, 3], [4, 5, 6]]
  const Operand x = F32({2, 3}, {1, 2, 3, 4, 5, 6});
  // axis 1, keepdims: [[2], [5]]
  Result r = RunOp(OpKind::kReduceMean, ParamsBuilder().Set("keepdims", true), {x, Vec({1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2, 1));
  EXPECT_THAT(r.values, ElementsAre(2, 5));
  // axis 0, keepdims (axes as a param): [[2.5, 3.5, 4.5]]
  r = RunOp(OpKind::kReduceMean,
            ParamsBuilder().Set("keepdims", true).Set("axes", std::vector<int64_t>{0}), {x});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 3));
  EXPECT_THAT(r.values, ElementsAre(2.5, 3.5, 4.5));
  // both axes, keepdims: [[3.5]]
  r = RunOp(OpKind::kReduceMean, ParamsBuilder().Set("keepdims", true), {x, Vec({0, 1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(1, 1));
  EXPECT_THAT(r.values, ElementsAre(3.5));
  // axis -1 without keepdims (TF's default): [2, 5], shape [2].
  r = RunOp(OpKind::kReduceMean, ParamsBuilder(), {x, Vec({-1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2));
  EXPECT_THAT(r.values, ElementsAre(2, 5));
}

TEST(ReduceReferenceTest, SumMaxMinProd) {
  // [[1, 2, 3], [4, 5, 6]]: sum over axis 0 = [5, 7, 9]; max over axis 1 = [3, 6];
  // min over both = 1; prod over axis 1 = [6, 120].
  const Operand x = F32({2, 3}, {1, 2, 3, 4, 5, 6});
  Result r = RunOp(OpKind::kReduceSum, ParamsBuilder(), {x, Vec({0})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(5, 7, 9));
  r = RunOp(OpKind::kReduceMax, ParamsBuilder(), {x, Vec({1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(3, 6));
  r = RunOp(OpKind::kReduceMin, ParamsBuilder(), {x, Vec({0, 1})});
  ASSERT_RAN(r);
  EXPECT_TRUE(r.sizes.empty());
  EXPECT_THAT(r.values, ElementsAre(1));
  r = RunOp(OpKind::kReduceProd, ParamsBuilder(), {x, Vec({1})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(6, 120));
  // TF: an empty axis list reduces nothing; ONNX (empty_axes_reduce_all): everything.
  r = RunOp(OpKind::kReduceSum, ParamsBuilder(), {x, I32({0}, {})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2, 3));
  EXPECT_THAT(r.values, ElementsAre(1, 2, 3, 4, 5, 6));
  r = RunOp(OpKind::kReduceSum, ParamsBuilder().Set("empty_axes_reduce_all", true),
            {x, I32({0}, {})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(21));
}

TEST(ReduceReferenceTest, RejectsAxisOutOfRange) {
  Result r = RunOp(OpKind::kReduceMean, ParamsBuilder(), {F32({2}, {1, 2}), Vec({1})});
  EXPECT_FALSE(r.status.ok());
}

TEST(SoftmaxReferenceTest, OfOneTwoThree) {
  // e^1 = 2.718281828, e^2 = 7.389056099, e^3 = 20.085536923; sum 30.192874850:
  // (0.0900305732, 0.2447284711, 0.6652409558).
  Result r = RunOp(OpKind::kSoftmax, ParamsBuilder(), {F32({3}, {1, 2, 3})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, Pointwise(DoubleNear(1e-6),
                                  std::vector<double>{0.0900305732, 0.2447284711, 0.6652409558}));
  // Row-wise on [[1, 2, 3], [5, 5, 5]]: the second row is uniform.
  r = RunOp(OpKind::kSoftmax, ParamsBuilder(), {F32({2, 3}, {1, 2, 3, 5, 5, 5})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, Pointwise(DoubleNear(1e-6),
                                  std::vector<double>{0.0900305732, 0.2447284711, 0.6652409558,
                                                      1.0 / 3, 1.0 / 3, 1.0 / 3}));
}

TEST(SoftmaxReferenceTest, LogSoftmax) {
  // log(sum e^x) = log(30.192874850) = 3.4076059644, so [1, 2, 3] - 3.4076059644.
  Result r = RunOp(OpKind::kLogSoftmax, ParamsBuilder(), {F32({3}, {1, 2, 3})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values,
              Pointwise(DoubleNear(1e-6),
                        std::vector<double>{-2.4076059644, -1.4076059644, -0.4076059644}));
}

TEST(SoftmaxReferenceTest, AlongAxis0) {
  // Columns of [[1, 5], [2, 5], [3, 5]]: the first is softmax([1, 2, 3]), the second uniform.
  Result r = RunOp(OpKind::kSoftmax, ParamsBuilder().Set("axis", int64_t{0}),
                   {F32({3, 2}, {1, 5, 2, 5, 3, 5})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values,
              Pointwise(DoubleNear(1e-6), std::vector<double>{0.0900305732, 1.0 / 3, 0.2447284711,
                                                              1.0 / 3, 0.6652409558, 1.0 / 3}));
}

// ---- Binary arithmetic ----

TEST(BinaryReferenceTest, AddBroadcastsColumnAgainstRow) {
  // [[10], [20]] (shape [2, 1]) + [1, 2, 3] (shape [3]) -> shape [2, 3]:
  //   [[11, 12, 13], [21, 22, 23]]
  Result r = RunOp(OpKind::kAdd, ParamsBuilder(), {F32({2, 1}, {10, 20}), F32({3}, {1, 2, 3})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.sizes, ElementsAre(2, 3));
  EXPECT_THAT(r.values, ElementsAre(11, 12, 13, 21, 22, 23));
  // And the other way round: [3] - [2, 1] = [[-9, -8, -7], [-19, -18, -17]].
  r = RunOp(OpKind::kSub, ParamsBuilder(), {F32({3}, {1, 2, 3}), F32({2, 1}, {10, 20})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(-9, -8, -7, -19, -18, -17));
}

TEST(BinaryReferenceTest, IntegerDivTruncatesTowardZero) {
  // -7/2 = -3 (not floor's -4), 7/2 = 3, -7/-2 = 3, 7/-2 = -3.
  Result r =
      RunOp(OpKind::kDiv, ParamsBuilder(), {I32({4}, {-7, 7, -7, 7}), I32({4}, {2, 2, -2, -2})});
  ASSERT_RAN(r);
  EXPECT_EQ(r.dtype, DType::kInt32);
  EXPECT_THAT(r.values, ElementsAre(-3, 3, 3, -3));
  // int64 too, with a broadcast divisor.
  r = RunOp(OpKind::kDiv, ParamsBuilder(), {I64({2}, {-7, 9}), I64({}, {2})});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(-3, 4));
}

TEST(BinaryReferenceTest, IntegerDivisionByZeroIsAnError) {
  Result r = RunOp(OpKind::kDiv, ParamsBuilder(), {I32({2}, {1, 2}), I32({2}, {1, 0})});
  EXPECT_FALSE(r.status.ok());
}

TEST(BinaryReferenceTest, MaxMinPick) {
  const Operand a = F32({3}, {1, -5, 3});
  const Operand b = F32({3}, {2, -6, 3});
  Result r = RunOp(OpKind::kMax, ParamsBuilder(), {a, b});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(2, -5, 3));
  r = RunOp(OpKind::kMin, ParamsBuilder(), {a, b});
  ASSERT_RAN(r);
  EXPECT_THAT(r.values, ElementsAre(1, -6, 3));
}

// ---- Shape-function rejections ----

TEST(ShapeRejectionTest, ConvFilterOfRank3NamesTheRank) {
  Result r = RunOp(OpKind::kConv, ParamsBuilder(),
                   {F32({1, 3, 3, 1}, kImage.values), F32({2, 2, 1}, {1, 2, 3, 4})});
  ASSERT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("rank"));
  EXPECT_THAT(r.status.message(), HasSubstr("3"));
}

TEST(ShapeRejectionTest, ConvInputOfRank3) {
  Result r = RunOp(OpKind::kConv, ParamsBuilder(), {F32({3, 3, 1}, kImage.values), kFilter});
  ASSERT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("rank"));
}

TEST(ShapeRejectionTest, ConvDepthNotAMultipleOfFilterDepth) {
  // 3 input channels, HWIO filter expecting 2 per group.
  Result r = RunOp(OpKind::kConv, ParamsBuilder(),
                   {F32({1, 1, 1, 3}, {1, 2, 3}), F32({1, 1, 2, 1}, {1, 1})});
  EXPECT_FALSE(r.status.ok());
}

TEST(ShapeRejectionTest, ConvBiasOfWrongLength) {
  Result r = RunOp(OpKind::kConv, ParamsBuilder(), {kImage, kFilter, F32({2}, {1, 2})});
  ASSERT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("bias"));
}

TEST(ShapeRejectionTest, ConvValidWindowLargerThanInput) {
  Result r =
      RunOp(OpKind::kConv, ParamsBuilder(), {kImage, F32({4, 1, 1, 1}, {1, 1, 1, 1}), Absent()});
  EXPECT_FALSE(r.status.ok());
}

TEST(ShapeRejectionTest, IncompatibleBroadcast) {
  Result r = RunOp(OpKind::kAdd, ParamsBuilder(),
                   {F32({2, 3}, {1, 2, 3, 4, 5, 6}), F32({4}, {1, 2, 3, 4})});
  ASSERT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("broadcast"));
}

TEST(ShapeRejectionTest, BinaryOperandTypesDiffer) {
  Result r = RunOp(OpKind::kAdd, ParamsBuilder(), {F32({1}, {1}), I32({1}, {1})});
  EXPECT_FALSE(r.status.ok());
}

TEST(ShapeRejectionTest, MatMulInnerDimensionsDiffer) {
  Result r = RunOp(OpKind::kMatMul, ParamsBuilder(),
                   {F32({2, 3}, {1, 2, 3, 4, 5, 6}), F32({2, 2}, {1, 2, 3, 4})});
  ASSERT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("inner"));
}

TEST(ShapeRejectionTest, UnknownFusedActivation) {
  Result r = RunOp(OpKind::kConv, ParamsBuilder().Set("activation", "Swish"), {kImage, kFilter});
  ASSERT_FALSE(r.status.ok());
  EXPECT_THAT(r.status.message(), HasSubstr("Swish"));
}

}  // namespace
}  // namespace mb
