// The ONNX indexing, generation and quantization ops (indexing.cc, generation.cc,
// elementwise/quantize.cc), Resize's ONNX parameter set (nn/resize.cc), Gather's negative
// indices, and the ONNX rows of onnx_op_table_tensor.cc. Expected values are worked out by
// hand from the ONNX spec's formulas (the derivations are in the comments) or are the
// examples of the ONNX operator documentation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
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
using testing::ErrorOf;
using ::testing::FloatNear;
using ::testing::HasSubstr;
using testing::Infer;
using testing::MakeTensor;
using ::testing::Pointwise;
using testing::RunOp;
using testing::Values;

// ---- Harness ----

ir::Tensor F(std::vector<int64_t> sizes, const std::vector<float>& v) {
  return MakeTensor(sizes, v);
}
ir::Tensor I64(std::vector<int64_t> sizes, const std::vector<int64_t>& v) {
  return MakeTensor(sizes, v);
}
ir::Tensor I32(std::vector<int64_t> sizes, const std::vector<int32_t>& v) {
  return MakeTensor(sizes, v);
}
ir::Tensor U8(std::vector<int64_t> sizes, const std::vector<uint8_t>& v) {
  return MakeTensor(sizes, v);
}
ir::Tensor S8(std::vector<int64_t> sizes, const std::vector<int8_t>& v) {
  return MakeTensor(sizes, v);
}
// An absent optional operand.
ir::Tensor Absent() { return ir::Tensor(); }

ir::AttributeMap P(std::initializer_list<std::pair<const char*, ir::AttributeValue>> list) {
  ir::AttributeMap map;
  for (const auto& [name, value] : list) map[name] = ir::Attribute{value};
  return map;
}
ir::AttributeValue Str(const char* s) { return std::string(s); }

ops::OpCost Cost(OpKind kind, ir::AttributeMap params, std::vector<TensorType> operands,
                 std::vector<TensorType> outputs) {
  return testing::CostOf(kind, std::move(params), operands, outputs);
}

TensorType Type(DType dtype, std::vector<int64_t> sizes) {
  return {dtype, ir::Shape::Static(sizes)};
}

// ---- GatherElements ----

TEST(GatherElementsTest, OnnxDocumentationExamples) {
  ASSERT_OK_AND_ASSIGN(a, RunOp(OpKind::kGatherElements, P({{"axis", int64_t{1}}}),
                                {F({2, 2}, {1, 2, 3, 4}), I64({2, 2}, {0, 0, 1, 0})}));
  EXPECT_THAT(Values<float>(a[0]), ElementsAre(1, 1, 4, 3));
  ASSERT_OK_AND_ASSIGN(
      b, RunOp(OpKind::kGatherElements, P({{"axis", int64_t{0}}}),
               {F({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), I32({2, 3}, {1, 2, 0, 2, 0, 0})}));
  EXPECT_THAT(b[0].sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<float>(b[0]), ElementsAre(4, 8, 3, 7, 2, 3));
}

TEST(GatherElementsTest, NegativeIndicesCountFromTheEnd) {
  // [[1, 2, 3]] with indices [[-1, -3]] along axis 1 -> [[3, 1]].
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kGatherElements, P({{"axis", int64_t{-1}}}),
                                  {F({1, 3}, {1, 2, 3}), I64({1, 2}, {-1, -3})}));
  EXPECT_THAT(Values<float>(out[0]), ElementsAre(3, 1));
}

TEST(GatherElementsTest, Rejections) {
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kGatherElements, {}, {F({2}, {1, 2}), I64({1}, {2})})),
              HasSubstr("out of range [-2, 2)"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kGatherElements, {}, {F({2}, {1, 2}), I64({1}, {-3})})),
              HasSubstr("out of range"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGatherElements, {},
                            {Type(DType::kFloat32, {2, 2}), Type(DType::kInt64, {2})})),
              HasSubstr("must have the rank of data"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGatherElements, P({{"axis", int64_t{0}}}),
                            {Type(DType::kFloat32, {2, 2}), Type(DType::kInt64, {1, 3})})),
              HasSubstr("exceed data"));
  EXPECT_FALSE(
      Infer(OpKind::kGatherElements, {}, {Type(DType::kFloat32, {2}), Type(DType::kFloat32, {2})})
          .ok());
}

// ---- GatherND ----

TEST(GatherNDTest, OnnxDocumentationExamples) {
  const ir::Tensor data = I32({2, 2}, {0, 1, 2, 3});
  ASSERT_OK_AND_ASSIGN(a, RunOp(OpKind::kGatherND, {}, {data, I64({2, 2}, {0, 0, 1, 1})}));
  EXPECT_THAT(a[0].sizes(), ElementsAre(2));
  EXPECT_THAT(Values<int32_t>(a[0]), ElementsAre(0, 3));
  ASSERT_OK_AND_ASSIGN(b, RunOp(OpKind::kGatherND, {}, {data, I64({2, 1}, {1, 0})}));
  EXPECT_THAT(b[0].sizes(), ElementsAre(2, 2));
  EXPECT_THAT(Values<int32_t>(b[0]), ElementsAre(2, 3, 0, 1));
  // batch_dims 1: data [[[0,1],[2,3]],[[4,5],[6,7]]], indices [[1],[0]] -> [[2,3],[4,5]].
  ASSERT_OK_AND_ASSIGN(c, RunOp(OpKind::kGatherND, P({{"batch_dims", int64_t{1}}}),
                                {I32({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}), I64({2, 1}, {1, 0})}));
  EXPECT_THAT(c[0].sizes(), ElementsAre(2, 2));
  EXPECT_THAT(Values<int32_t>(c[0]), ElementsAre(2, 3, 4, 5));
  // Negative indices: [-1, -2] is [1, 0].
  ASSERT_OK_AND_ASSIGN(d, RunOp(OpKind::kGatherND, {}, {data, I64({1, 2}, {-1, -2})}));
  EXPECT_THAT(Values<int32_t>(d[0]), ElementsAre(2));
}

TEST(GatherNDTest, Rejections) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGatherND, {},
                            {Type(DType::kFloat32, {2, 2}), Type(DType::kInt64, {1, 3})})),
              HasSubstr("indices.shape[-1] is 3, expected 1 to 2"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGatherND, P({{"batch_dims", int64_t{1}}}),
                            {Type(DType::kFloat32, {2, 2}), Type(DType::kInt64, {3, 1})})),
              HasSubstr("batch dimension 0 differs"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kGatherND, {}, {F({2}, {1, 2}), I64({1, 1}, {2})})),
              HasSubstr("out of range"));
}

// ---- ScatterND ----

TEST(ScatterNDTest, OnnxDocumentationExampleAndReductions) {
  ASSERT_OK_AND_ASSIGN(a, RunOp(OpKind::kScatterND, {},
                                {F({8}, {1, 2, 3, 4, 5, 6, 7, 8}), I64({4, 1}, {4, 3, 1, 7}),
                                 F({4}, {9, 10, 11, 12})}));
  EXPECT_THAT(Values<float>(a[0]), ElementsAre(1, 11, 3, 10, 9, 6, 7, 12));
  // add: 1 + 5 + 6 = 12 at index 0; mul: 2 * 2 * 3 = 12 at index 1 (index -3 is 1).
  ASSERT_OK_AND_ASSIGN(add, RunOp(OpKind::kScatterND, P({{"reduction", Str("add")}}),
                                  {I64({4}, {1, 2, 3, 4}), I64({2, 1}, {0, 0}), I64({2}, {5, 6})}));
  EXPECT_THAT(Values<int64_t>(add[0]), ElementsAre(12, 2, 3, 4));
  ASSERT_OK_AND_ASSIGN(mul, RunOp(OpKind::kScatterND, P({{"reduction", Str("mul")}}),
                                  {F({4}, {1, 2, 3, 4}), I64({2, 1}, {1, -3}), F({2}, {2, 3})}));
  EXPECT_THAT(Values<float>(mul[0]), ElementsAre(1, 12, 3, 4));
  // Slices: a 2x2 data, one tuple [1] replaces row 1.
  ASSERT_OK_AND_ASSIGN(row, RunOp(OpKind::kScatterND, {},
                                  {F({2, 2}, {1, 2, 3, 4}), I64({1, 1}, {1}), F({1, 2}, {7, 8})}));
  EXPECT_THAT(Values<float>(row[0]), ElementsAre(1, 2, 7, 8));
}

TEST(ScatterNDTest, Rejections) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kScatterND, {},
                            {Type(DType::kFloat32, {4}), Type(DType::kInt64, {2, 1}),
                             Type(DType::kFloat32, {3})})),
              HasSubstr("updates [3] must be [2]"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kScatterND, P({{"reduction", Str("xor")}}),
                            {Type(DType::kFloat32, {4}), Type(DType::kInt64, {2, 1}),
                             Type(DType::kFloat32, {2})})),
              HasSubstr("unknown reduction"));
  EXPECT_THAT(
      ErrorOf(RunOp(OpKind::kScatterND, {}, {F({4}, {1, 2, 3, 4}), I64({1, 1}, {4}), F({1}, {0})})),
      HasSubstr("out of range"));
}

// ---- TopK ----

TEST(TopKTest, OnnxDocumentationExample) {
  ASSERT_OK_AND_ASSIGN(
      out, RunOp(OpKind::kTopK, {},
                 {F({3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), I64({1}, {3})}, 2));
  EXPECT_THAT(out[0].sizes(), ElementsAre(3, 3));
  EXPECT_THAT(Values<float>(out[0]), ElementsAre(3, 2, 1, 7, 6, 5, 11, 10, 9));
  EXPECT_THAT(Values<int64_t>(out[1]), ElementsAre(3, 2, 1, 3, 2, 1, 3, 2, 1));
}

TEST(TopKTest, TiesKeepTheLowerIndexFirst) {
  ASSERT_OK_AND_ASSIGN(largest,
                       RunOp(OpKind::kTopK, {}, {F({5}, {1, 3, 3, 2, 3}), I64({1}, {3})}, 2));
  EXPECT_THAT(Values<float>(largest[0]), ElementsAre(3, 3, 3));
  EXPECT_THAT(Values<int64_t>(largest[1]), ElementsAre(1, 2, 4));
  ASSERT_OK_AND_ASSIGN(smallest, RunOp(OpKind::kTopK, P({{"largest", false}}),
                                       {I32({4}, {2, 1, 1, 5}), I64({1}, {3})}, 2));
  EXPECT_THAT(Values<int32_t>(smallest[0]), ElementsAre(1, 1, 2));
  EXPECT_THAT(Values<int64_t>(smallest[1]), ElementsAre(1, 2, 0));
}

TEST(TopKTest, AxisZeroAndNaN) {
  // Columns of [[1, 6], [5, 2]]: the largest of each is in row 1 and row 0.
  ASSERT_OK_AND_ASSIGN(axis0, RunOp(OpKind::kTopK, P({{"axis", int64_t{0}}}),
                                    {F({2, 2}, {1, 6, 5, 2}), I64({1}, {1})}, 2));
  EXPECT_THAT(axis0[0].sizes(), ElementsAre(1, 2));
  EXPECT_THAT(Values<float>(axis0[0]), ElementsAre(5, 6));
  EXPECT_THAT(Values<int64_t>(axis0[1]), ElementsAre(1, 0));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  ASSERT_OK_AND_ASSIGN(with_nan, RunOp(OpKind::kTopK, {}, {F({3}, {1, nan, 2}), I64({1}, {2})}, 2));
  EXPECT_TRUE(std::isnan(Values<float>(with_nan[0])[0]));
  EXPECT_THAT(Values<int64_t>(with_nan[1]), ElementsAre(1, 2));
}

TEST(TopKTest, ShapesCostAndRejections) {
  const ir::Tensor k = I64({1}, {2});
  ASSERT_OK_AND_ASSIGN(
      shapes, Infer(OpKind::kTopK, {}, {Type(DType::kFloat32, {3, 8}), Type(DType::kInt64, {1})},
                    {nullptr, &k}, 2));
  EXPECT_EQ(shapes[0].shape.ToString(), "[3,2]");
  EXPECT_EQ(shapes[1].dtype, DType::kInt64);
  const ir::Tensor big = I64({1}, {9});
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kTopK, {}, {Type(DType::kFloat32, {3, 8}), Type(DType::kInt64, {1})},
                    {nullptr, &big}, 2)),
      HasSubstr("K 9 exceeds the axis size 8"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kTopK, {}, {F({2}, {1, 2}), I64({1}, {-1})}, 2)),
              HasSubstr("negative"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kTopK, {}, {F({2}, {1, 2}), I64({2}, {1, 1})}, 2)),
              HasSubstr("1 element"));
  // 3 lines of 8: 24 elements * ceil(log2(8)) = 72 comparisons.
  const ops::OpCost cost =
      Cost(OpKind::kTopK, {}, {Type(DType::kFloat32, {3, 8}), Type(DType::kInt64, {1})},
           {Type(DType::kFloat32, {3, 2}), Type(DType::kInt64, {3, 2})});
  EXPECT_EQ(cost.flops, 72);
  EXPECT_EQ(cost.bytes_written, 3 * 2 * 4 + 3 * 2 * 8);
}

// ---- CumSum ----

TEST(CumSumTest, ExclusiveAndReverse) {
  const ir::Tensor x = F({5}, {1, 2, 3, 4, 5});
  const ir::Tensor axis = I64({}, {0});
  struct Case {
    bool exclusive, reverse;
    std::vector<float> expected;
  };
  const Case cases[] = {{false, false, {1, 3, 6, 10, 15}},
                        {true, false, {0, 1, 3, 6, 10}},
                        {false, true, {15, 14, 12, 9, 5}},
                        {true, true, {14, 12, 9, 5, 0}}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.exclusive) + std::to_string(c.reverse));
    ASSERT_OK_AND_ASSIGN(
        out,
        RunOp(OpKind::kCumSum, P({{"exclusive", c.exclusive}, {"reverse", c.reverse}}), {x, axis}));
    EXPECT_THAT(Values<float>(out[0]), ElementsAreArray(c.expected));
  }
}

TEST(CumSumTest, AlongEachAxisOfAMatrix) {
  const ir::Tensor x = I32({2, 3}, {1, 2, 3, 4, 5, 6});
  ASSERT_OK_AND_ASSIGN(rows, RunOp(OpKind::kCumSum, {}, {x, I32({1}, {1})}));
  EXPECT_THAT(Values<int32_t>(rows[0]), ElementsAre(1, 3, 6, 4, 9, 15));
  ASSERT_OK_AND_ASSIGN(columns, RunOp(OpKind::kCumSum, {}, {x, I64({}, {-2})}));
  EXPECT_THAT(Values<int32_t>(columns[0]), ElementsAre(1, 2, 3, 5, 7, 9));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kCumSum, {}, {x, I64({}, {2})})), HasSubstr("out of range"));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kCumSum, {}, {Type(DType::kFloat32, {2}), Type(DType::kInt64, {})})),
      HasSubstr("must be a constant"));
  // One addition per element.
  EXPECT_EQ(Cost(OpKind::kCumSum, {}, {Type(DType::kFloat32, {2, 3}), Type(DType::kInt64, {})},
                 {Type(DType::kFloat32, {2, 3})})
                .flops,
            6);
}

// ---- ConstantOfShape, NonZero, Expand, Size ----

TEST(ConstantOfShapeTest, DefaultValueAndTypedValue) {
  ASSERT_OK_AND_ASSIGN(zeros, RunOp(OpKind::kConstantOfShape, {}, {I64({2}, {2, 3})}));
  EXPECT_EQ(zeros[0].dtype(), DType::kFloat32);
  EXPECT_THAT(zeros[0].sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<float>(zeros[0]), ElementsAre(0, 0, 0, 0, 0, 0));
  auto seven = std::make_shared<const ir::Tensor>(I64({1}, {7}));
  ASSERT_OK_AND_ASSIGN(sevens,
                       RunOp(OpKind::kConstantOfShape, P({{"value", seven}}), {I64({1}, {3})}));
  EXPECT_EQ(sevens[0].dtype(), DType::kInt64);
  EXPECT_THAT(Values<int64_t>(sevens[0]), ElementsAre(7, 7, 7));
  ASSERT_OK_AND_ASSIGN(scalar, RunOp(OpKind::kConstantOfShape, {}, {I64({0}, {})}));
  EXPECT_EQ(scalar[0].shape().ToString(), "[]");
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kConstantOfShape, {}, {I64({2}, {2, -1})})),
              HasSubstr("negative"));
  auto two = std::make_shared<const ir::Tensor>(F({2}, {1, 2}));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kConstantOfShape, P({{"value", two}}), {I64({1}, {3})})),
              HasSubstr("one element"));
  // Not constant: the rank is the shape operand's length.
  ASSERT_OK_AND_ASSIGN(unknown, Infer(OpKind::kConstantOfShape, {}, {Type(DType::kInt64, {3})}));
  EXPECT_EQ(unknown[0].shape.ToString(), "[?,?,?]");
}

TEST(NonZeroTest, ConstantInputFoldsAndVariableInputIsRefused) {
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kNonZero, {}, {I32({2, 2}, {1, 0, 1, 1})}));
  EXPECT_THAT(out[0].sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<int64_t>(out[0]), ElementsAre(0, 1, 1, 0, 0, 1));
  // -0.0 is zero; NaN is not.
  ASSERT_OK_AND_ASSIGN(floats, RunOp(OpKind::kNonZero, {}, {F({3}, {-0.0f, std::nanf(""), 2})}));
  EXPECT_THAT(Values<int64_t>(floats[0]), ElementsAre(1, 2));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kNonZero, {}, {Type(DType::kFloat32, {4})})),
              HasSubstr("depends on the input data"));
}

TEST(ExpandTest, BidirectionalBroadcast) {
  ASSERT_OK_AND_ASSIGN(out,
                       RunOp(OpKind::kExpand, {}, {F({3, 1}, {1, 2, 3}), I64({3}, {2, 1, 2})}));
  EXPECT_THAT(out[0].sizes(), ElementsAre(2, 3, 2));
  EXPECT_THAT(Values<float>(out[0]), ElementsAre(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3));
  // A shape smaller than the input keeps the input's sizes.
  ASSERT_OK_AND_ASSIGN(same, RunOp(OpKind::kExpand, {}, {F({3, 1}, {1, 2, 3}), I64({1}, {1})}));
  EXPECT_THAT(same[0].sizes(), ElementsAre(3, 1));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kExpand, {}, {F({3}, {1, 2, 3}), I64({1}, {2})})),
              HasSubstr("do not broadcast"));
  // Expand reads X once and writes 12 floats.
  const ops::OpCost cost =
      Cost(OpKind::kExpand, {}, {Type(DType::kFloat32, {3, 1}), Type(DType::kInt64, {3})},
           {Type(DType::kFloat32, {2, 3, 2})});
  EXPECT_EQ(cost.bytes_read, 12);
  EXPECT_EQ(cost.bytes_written, 48);
}

TEST(SizeTest, CountsElements) {
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kSize, {}, {U8({2, 3, 4}, std::vector<uint8_t>(24))}));
  EXPECT_EQ(out[0].shape().ToString(), "[]");
  EXPECT_THAT(Values<int64_t>(out[0]), ElementsAre(24));
}

// ---- QuantizeLinear, DequantizeLinear ----

TEST(QuantizeLinearTest, OnnxExampleSaturatesToUint8) {
  // x / 2 rounded + 128: 0 -> 128, 1 -> 129, 1.5 -> 2 (half to even) -> 130, 500 -> 255,
  // -127 -> 1, -500 -> 0.
  ASSERT_OK_AND_ASSIGN(out,
                       RunOp(OpKind::kQuantizeLinear, {},
                             {F({6}, {0, 2, 3, 1000, -254, -1000}), F({}, {2}), U8({}, {128})}));
  EXPECT_EQ(out[0].dtype(), DType::kUInt8);
  EXPECT_THAT(Values<uint8_t>(out[0]), ElementsAre(128, 129, 130, 255, 1, 0));
}

TEST(QuantizeLinearTest, RoundsHalfToEvenAndSaturatesInt8) {
  ASSERT_OK_AND_ASSIGN(
      out, RunOp(OpKind::kQuantizeLinear, {},
                 {F({7}, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 300, -300}), F({}, {1}), S8({}, {0})}));
  EXPECT_THAT(Values<int8_t>(out[0]), ElementsAre(0, 2, 2, 0, -2, 127, -128));
  // No zero point: uint8 with zero point 0, so negatives saturate to 0; 3.7 rounds to 4.
  ASSERT_OK_AND_ASSIGN(plain, RunOp(OpKind::kQuantizeLinear, {}, {F({2}, {-5, 3.7f}), F({}, {1})}));
  EXPECT_EQ(plain[0].dtype(), DType::kUInt8);
  EXPECT_THAT(Values<uint8_t>(plain[0]), ElementsAre(0, 4));
}

TEST(QuantizeLinearTest, PerAxis) {
  // Channel 0: scale 2, zero point 10: 2 -> 11, 4 -> 12. Channel 1: scale 4, zero point 20:
  // 6 -> 1.5 -> 2 -> 22, 8 -> 22.
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kQuantizeLinear, P({{"axis", int64_t{1}}}),
                                  {F({1, 2, 2}, {2, 4, 6, 8}), F({2}, {2, 4}), U8({2}, {10, 20})}));
  EXPECT_THAT(Values<uint8_t>(out[0]), ElementsAre(11, 12, 22, 22));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kQuantizeLinear, {},
                            {Type(DType::kFloat32, {1, 3}), Type(DType::kFloat32, {2}),
                             Type(DType::kUInt8, {2})})),
              HasSubstr("scale has 2 elements"));
  EXPECT_FALSE(
      Infer(OpKind::kQuantizeLinear, {},
            {Type(DType::kFloat32, {2}), Type(DType::kFloat32, {}), Type(DType::kInt32, {})})
          .ok());
  // 2 FLOPs per element.
  EXPECT_EQ(
      Cost(OpKind::kQuantizeLinear, {}, {Type(DType::kFloat32, {4}), Type(DType::kFloat32, {})},
           {Type(DType::kUInt8, {4})})
          .flops,
      8);
}

TEST(DequantizeLinearTest, ScalarAndPerAxis) {
  // (x - 128) * 2.
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kDequantizeLinear, {},
                                  {U8({4}, {0, 3, 128, 255}), F({}, {2}), U8({}, {128})}));
  EXPECT_THAT(Values<float>(out[0]), ElementsAre(-256, -250, 0, 254));
  ASSERT_OK_AND_ASSIGN(wide,
                       RunOp(OpKind::kDequantizeLinear, {}, {I32({2}, {-3, 7}), F({}, {0.5f})}));
  EXPECT_THAT(Values<float>(wide[0]), ElementsAre(-1.5, 3.5));
  // Axis 0 of a 2x2: row 0 scale 1 zero point -1, row 1 scale 10 zero point 2.
  ASSERT_OK_AND_ASSIGN(axis, RunOp(OpKind::kDequantizeLinear, P({{"axis", int64_t{0}}}),
                                   {S8({2, 2}, {1, -1, 3, 4}), F({2}, {1, 10}), S8({2}, {-1, 2})}));
  EXPECT_THAT(Values<float>(axis[0]), ElementsAre(2, 0, 10, 20));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kDequantizeLinear, {},
                    {Type(DType::kUInt8, {2}), Type(DType::kFloat32, {}), Type(DType::kInt8, {})})),
      HasSubstr("zero point is int8"));
}

// ---- Resize, ONNX parameter set ----

ir::AttributeMap OnnxResize(const char* mode, const char* transform,
                            const char* nearest = "round_prefer_floor") {
  return P({{"mode", Str(mode)},
            {"coordinate_transformation_mode", Str(transform)},
            {"nearest_mode", Str(nearest)}});
}

TEST(OnnxResizeTest, NearestUpsampleByScales) {
  // Half pixel along the width, scale 3: x = (o + 0.5) / 3 - 0.5 = -1/3, 0, 1/3, 2/3, 1, 4/3,
  // rounding (prefer floor) to 0, 0, 0, 1, 1, 1; along the height, scale 2: 0, 0, 1, 1.
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kResize, OnnxResize("nearest", "half_pixel"),
                                  {F({1, 1, 2, 2}, {1, 2, 3, 4}), Absent(), F({4}, {1, 1, 2, 3})}));
  EXPECT_THAT(out[0].sizes(), ElementsAre(1, 1, 4, 6));
  EXPECT_THAT(Values<float>(out[0]),
              ElementsAre(1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4));
}

TEST(OnnxResizeTest, LinearHalfPixelAndAlignCorners) {
  // [[1, 2], [3, 4]] is the plane 1 + x + 2 y. Half pixel, scale 2: x = -0.25, 0.25, 0.75,
  // 1.25, the ends clamped to 0 and 1 by edge replication.
  ASSERT_OK_AND_ASSIGN(half,
                       RunOp(OpKind::kResize, OnnxResize("linear", "half_pixel"),
                             {F({1, 1, 2, 2}, {1, 2, 3, 4}), Absent(), F({4}, {1, 1, 2, 2})}));
  EXPECT_THAT(
      Values<float>(half[0]),
      Pointwise(FloatNear(1e-6f), std::vector<float>{1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5,
                                                     2.75, 3.25, 3.5, 3, 3.25, 3.75, 4}));
  // Align corners with scales 0.6 on [[1, 2, 3, 4], [5, 6, 7, 8]]: the height resizes to
  // floor(1.2) = 1 (x = 0); the width to floor(2.4) = 2 with length_resized 2.4, so o = 1
  // maps to 1 * 3 / 1.4 = 2.142857 -> 3 + 0.142857.
  ASSERT_OK_AND_ASSIGN(align, RunOp(OpKind::kResize, OnnxResize("linear", "align_corners"),
                                    {F({1, 1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8}), Absent(),
                                     F({4}, {1, 1, 0.6f, 0.6f})}));
  EXPECT_THAT(align[0].sizes(), ElementsAre(1, 1, 1, 2));
  EXPECT_THAT(Values<float>(align[0]),
              Pointwise(FloatNear(1e-5f), std::vector<float>{1, 3.142857f}));
}

TEST(OnnxResizeTest, CubicAsymmetricAndExcludeOutside) {
  // Row [1, 2, 4, 8] doubled, x = o / 2. Keys' kernel with a = -0.75 at r = 0.5 weighs the
  // four taps -0.09375, 0.59375, 0.59375, -0.09375; edges replicate:
  //   o = 1: -0.09375*1 + 0.59375*1 + 0.59375*2 - 0.09375*4 = 1.3125
  //   o = 3: -0.09375*1 + 0.59375*2 + 0.59375*4 - 0.09375*8 = 2.71875
  //   o = 5: -0.09375*2 + 0.59375*4 + 0.59375*8 - 0.09375*8 = 6.1875
  //   o = 7: -0.09375*4 + 0.59375*8 + 0.59375*8 - 0.09375*8 = 8.375
  const ir::Tensor x = F({1, 1, 1, 4}, {1, 2, 4, 8});
  const ir::Tensor scales = F({4}, {1, 1, 1, 2});
  ASSERT_OK_AND_ASSIGN(
      out, RunOp(OpKind::kResize, OnnxResize("cubic", "asymmetric"), {x, Absent(), scales}));
  EXPECT_THAT(
      Values<float>(out[0]),
      Pointwise(FloatNear(1e-5f), std::vector<float>{1, 1.3125, 2, 2.71875, 4, 6.1875, 8, 8.375}));
  // a = -0.5, exclude_outside, o = 1: weights -0.0625, 0.5625, 0.5625, -0.0625; tap -1 is
  // outside, so (0.5625*1 + 0.5625*2 - 0.0625*4) / 1.0625 = 1.4375 / 1.0625.
  ir::AttributeMap params = OnnxResize("cubic", "asymmetric");
  params["cubic_coeff_a"] = ir::Attribute{-0.5f};
  params["exclude_outside"] = ir::Attribute{true};
  ASSERT_OK_AND_ASSIGN(excluded, RunOp(OpKind::kResize, params, {x, Absent(), scales}));
  EXPECT_NEAR(Values<float>(excluded[0])[1], 1.4375 / 1.0625, 1e-5);
  EXPECT_NEAR(Values<float>(excluded[0])[0], 1, 1e-6);
}

TEST(OnnxResizeTest, NearestModes) {
  // Sizes 3 -> 5, asymmetric: x = o * 0.6 = 0, 0.6, 1.2, 1.8, 2.4.
  const ir::Tensor row = F({1, 3}, {10, 20, 30});
  const ir::Tensor sizes = I64({2}, {1, 5});
  struct Case {
    const char* mode;
    std::vector<float> expected;
  };
  const Case cases[] = {{"floor", {10, 10, 20, 20, 30}},
                        {"ceil", {10, 20, 30, 30, 30}},
                        {"round_prefer_floor", {10, 20, 20, 30, 30}},
                        {"round_prefer_ceil", {10, 20, 20, 30, 30}}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.mode);
    ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kResize, OnnxResize("nearest", "asymmetric", c.mode),
                                    {row, Absent(), Absent(), sizes}));
    EXPECT_THAT(Values<float>(out[0]), ElementsAreArray(c.expected));
  }
  // Halves (2 -> 4: x = 0, 0.5, 1, 1.5) tell the two rounding preferences apart.
  const ir::Tensor pair = F({1, 2}, {1, 2});
  const ir::Tensor four = I64({2}, {1, 4});
  ASSERT_OK_AND_ASSIGN(down, RunOp(OpKind::kResize, OnnxResize("nearest", "asymmetric"),
                                   {pair, Absent(), Absent(), four}));
  EXPECT_THAT(Values<float>(down[0]), ElementsAre(1, 1, 2, 2));
  ASSERT_OK_AND_ASSIGN(
      up, RunOp(OpKind::kResize, OnnxResize("nearest", "asymmetric", "round_prefer_ceil"),
                {pair, Absent(), Absent(), four}));
  EXPECT_THAT(Values<float>(up[0]), ElementsAre(1, 2, 2, 2));
  // tf_half_pixel_for_nn: x = (o + 0.5) / 2 = 0.25, 0.75, 1.25, 1.75 -> 0, 1, 1, 2 (clamped 1).
  ASSERT_OK_AND_ASSIGN(tf, RunOp(OpKind::kResize, OnnxResize("nearest", "tf_half_pixel_for_nn"),
                                 {pair, Absent(), Absent(), four}));
  EXPECT_THAT(Values<float>(tf[0]), ElementsAre(1, 2, 2, 2));
}

TEST(OnnxResizeTest, TfCropAndResizeExtrapolates) {
  // Width 4 with roi [0.5, 1.5] to 3 outputs: x = 0.5 * 3 + o * 1 * 3 / 2 = 1.5, 3, 4.5;
  // 4.5 lies past 3, so it takes extrapolation_value 10. Linear: 1.5 -> 2.5, 3 -> 4.
  ir::AttributeMap params = OnnxResize("linear", "tf_crop_and_resize");
  params["extrapolation_value"] = ir::Attribute{10.0f};
  ASSERT_OK_AND_ASSIGN(out, RunOp(OpKind::kResize, params,
                                  {F({1, 4}, {1, 2, 3, 4}), F({4}, {0, 0.5f, 1, 1.5f}), Absent(),
                                   I64({2}, {1, 3})}));
  EXPECT_THAT(Values<float>(out[0]), Pointwise(FloatNear(1e-6f), std::vector<float>{2.5, 4, 10}));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kResize, params,
                            {F({1, 4}, {1, 2, 3, 4}), Absent(), Absent(), I64({2}, {1, 3})})),
              HasSubstr("needs roi with 4 values"));
}

TEST(OnnxResizeTest, ShapesCostAndRejections) {
  const ir::Tensor scales = F({4}, {1, 1, 0.6f, 0.6f});
  ASSERT_OK_AND_ASSIGN(
      down, Infer(OpKind::kResize, OnnxResize("linear", "half_pixel"),
                  {Type(DType::kFloat32, {1, 1, 2, 4}), TensorType{}, Type(DType::kFloat32, {4})},
                  {nullptr, nullptr, &scales}));
  EXPECT_EQ(down[0].shape.ToString(), "[1,1,1,2]");
  // Sizes not known yet: the rank is.
  ASSERT_OK_AND_ASSIGN(unknown, Infer(OpKind::kResize, OnnxResize("linear", "half_pixel"),
                                      {Type(DType::kFloat32, {1, 1, 2, 4}), TensorType{},
                                       TensorType{}, Type(DType::kInt64, {4})}));
  EXPECT_EQ(unknown[0].shape.ToString(), "[?,?,?,?]");
  const ir::Tensor x = F({1, 2}, {1, 2});
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kResize, OnnxResize("linear", "half_pixel"),
                            {x, Absent(), F({2}, {1, 2}), I64({2}, {1, 4})})),
              HasSubstr("exactly one of scales and sizes"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kResize, OnnxResize("linear", "half_pixel"),
                            {x, Absent(), F({3}, {1, 2, 2})})),
              HasSubstr("3 values for an input of rank 2"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kResize, OnnxResize("linear", "half_pixel"),
                            {x, Absent(), F({2}, {1, -2})})),
              HasSubstr("must be positive"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kResize, OnnxResize("area", "half_pixel"),
                            {x, Absent(), F({2}, {1, 2})})),
              HasSubstr("unknown resize mode"));
  EXPECT_THAT(
      ErrorOf(RunOp(OpKind::kResize, OnnxResize("linear", "magic"), {x, Absent(), F({2}, {1, 2})})),
      HasSubstr("unknown coordinate_transformation_mode"));
  // Linear on two resized axes: 4 taps of 2 FLOPs for each of 16 outputs.
  const ops::OpCost cost = Cost(
      OpKind::kResize, OnnxResize("linear", "half_pixel"),
      {Type(DType::kFloat32, {1, 1, 2, 2}), Type(DType::kFloat32, {0}), Type(DType::kFloat32, {4})},
      {Type(DType::kFloat32, {1, 1, 4, 4})});
  EXPECT_EQ(cost.flops, 16 * 8);
  EXPECT_EQ(cost.bytes_read, 16);
  EXPECT_EQ(Cost(OpKind::kResize, OnnxResize("nearest", "half_pixel"),
                 {Type(DType::kFloat32, {1, 1, 2, 2})}, {Type(DType::kFloat32, {1, 1, 4, 4})})
                .flops,
            0);
}

// ---- Gather with negative indices ----

TEST(GatherTest, NegativeIndicesOnlyWithTheParam) {
  const ir::Tensor x = F({3}, {10, 20, 30});
  ASSERT_OK_AND_ASSIGN(
      out, RunOp(OpKind::kGather, P({{"negative_indices", true}}), {x, I64({2}, {-1, -3})}));
  EXPECT_THAT(Values<float>(out[0]), ElementsAre(30, 10));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kGather, P({{"negative_indices", true}}), {x, I64({1}, {-4})})),
              HasSubstr("out of range [-3, 3)"));
  // TF's contract: negative indices are errors.
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kGather, {}, {x, I64({1}, {-1})})),
              HasSubstr("out of range [0, 3)"));
}

// ---- ONNX rows ----

// A graph of one ONNX node whose inputs are the given values (a default Value is an absent
// input; a Value with `constant` set is an initializer).
struct OnnxNode {
  ir::Graph graph;
  ir::NodeId id = 0;

  OnnxNode(const std::string& op_type, std::vector<std::optional<ir::Value>> inputs,
           ir::AttributeMap attrs, int num_outputs = 1) {
    ir::Node node;
    node.name = "n";
    node.op_type = op_type;
    node.attrs = std::move(attrs);
    for (auto& input : inputs) {
      node.inputs.push_back(input ? graph.AddValue(std::move(*input)) : ir::kNoValue);
    }
    id = graph.AddNode(std::move(node));
    for (int k = 0; k < num_outputs; ++k) {
      ir::Value out;
      out.name = "out";
      out.name += std::to_string(k);
      out.producer = id;
      out.output_index = k;
      graph.node(id).outputs.push_back(graph.AddValue(std::move(out)));
    }
  }
  const ir::Node& Legalize(int64_t opset) {
    importers::onnx::LegalizeOnnxGraph(opset, &graph);
    return graph.node(id);
  }
  const ir::Tensor* Operand(int i) const {
    const ir::ValueId v = graph.node(id).operands[i];
    return v == ir::kNoValue ? nullptr : graph.value(v).constant.get();
  }
};

ir::Value Input(DType dtype) {
  ir::Value v;
  v.name = "x";
  v.dtype = dtype;
  return v;
}
ir::Value Const(ir::Tensor tensor) {
  ir::Value v;
  v.name = "c";
  v.dtype = tensor.dtype();
  v.shape = tensor.shape();
  v.constant = std::make_shared<const ir::Tensor>(std::move(tensor));
  return v;
}

template <typename T>
const T& ParamOf(const ir::Node& node, const std::string& name) {
  static const T kEmpty{};
  auto it = node.params.find(name);
  if (it == node.params.end() || !it->second.Is<T>()) {
    ADD_FAILURE() << "param " << name << " missing or of another type";
    return kEmpty;
  }
  return it->second.Get<T>();
}

TEST(OnnxRowsTest, Resize13DefaultsAndOperands) {
  OnnxNode n("Resize", {Input(DType::kFloat32), std::nullopt, Const(F({4}, {1, 1, 2, 2}))}, {});
  const ir::Node& node = n.Legalize(13);
  ASSERT_EQ(node.kind, OpKind::kResize) << node.unsupported_reason;
  EXPECT_EQ(ParamOf<std::string>(node, "mode"), "nearest");
  EXPECT_EQ(ParamOf<std::string>(node, "coordinate_transformation_mode"), "half_pixel");
  EXPECT_EQ(ParamOf<std::string>(node, "nearest_mode"), "round_prefer_floor");
  EXPECT_EQ(ParamOf<float>(node, "cubic_coeff_a"), -0.75f);
  ASSERT_EQ(node.operands.size(), 3u);
  EXPECT_EQ(node.operands[1], ir::kNoValue);
}

TEST(OnnxRowsTest, Resize10AndUpsampleAreAsymmetricFloor) {
  OnnxNode resize("Resize", {Input(DType::kFloat32), Const(F({2}, {1, 2}))},
                  P({{"mode", Str("nearest")}}));
  const ir::Node& r = resize.Legalize(10);
  ASSERT_EQ(r.kind, OpKind::kResize) << r.unsupported_reason;
  EXPECT_EQ(ParamOf<std::string>(r, "coordinate_transformation_mode"), "asymmetric");
  EXPECT_EQ(ParamOf<std::string>(r, "nearest_mode"), "floor");
  ASSERT_EQ(r.operands.size(), 3u);
  EXPECT_EQ(r.operands[1], ir::kNoValue);
  // Upsample-7: scales attribute becomes a constant operand; run it: x = o / 2 -> floor.
  OnnxNode up("Upsample", {Input(DType::kFloat32)},
              P({{"mode", Str("nearest")}, {"scales", std::vector<float>{1, 2}}}));
  const ir::Node& u = up.Legalize(7);
  ASSERT_EQ(u.kind, OpKind::kResize) << u.unsupported_reason;
  ASSERT_NE(up.Operand(2), nullptr);
  EXPECT_THAT(Values<float>(*up.Operand(2)), ElementsAre(1, 2));
  ASSERT_OK_AND_ASSIGN(
      out, RunOp(OpKind::kResize, u.params, {F({1, 3}, {1, 2, 3}), Absent(), *up.Operand(2)}));
  EXPECT_THAT(Values<float>(out[0]), ElementsAre(1, 1, 2, 2, 3, 3));
}

TEST(OnnxRowsTest, Resize18RefusesAntialiasAndAxes) {
  OnnxNode anti("Resize", {Input(DType::kFloat32), std::nullopt, Const(F({2}, {1, 2}))},
                P({{"antialias", int64_t{1}}}));
  const ir::Node& a = anti.Legalize(18);
  EXPECT_EQ(a.kind, OpKind::kUnsupported);
  EXPECT_THAT(a.unsupported_reason, HasSubstr("antialias"));
  OnnxNode axes("Resize", {Input(DType::kFloat32), std::nullopt, Const(F({1}, {2}))},
                P({{"axes", std::vector<int64_t>{1}}}));
  EXPECT_THAT(axes.Legalize(18).unsupported_reason, HasSubstr("axes"));
}

TEST(OnnxRowsTest, TopKBeforeAndAfterOpset10) {
  OnnxNode old("TopK", {Input(DType::kFloat32)}, P({{"k", int64_t{2}}}), 2);
  const ir::Node& o = old.Legalize(1);
  ASSERT_EQ(o.kind, OpKind::kTopK) << o.unsupported_reason;
  ASSERT_NE(old.Operand(1), nullptr);
  EXPECT_THAT(Values<int64_t>(*old.Operand(1)), ElementsAre(2));
  EXPECT_EQ(ParamOf<int64_t>(o, "axis"), -1);
  EXPECT_TRUE(ParamOf<bool>(o, "largest"));
  OnnxNode now("TopK", {Input(DType::kFloat32), Const(I64({1}, {1}))},
               P({{"largest", int64_t{0}}, {"axis", int64_t{0}}}), 2);
  const ir::Node& n = now.Legalize(11);
  ASSERT_EQ(n.kind, OpKind::kTopK) << n.unsupported_reason;
  EXPECT_FALSE(ParamOf<bool>(n, "largest"));
  EXPECT_EQ(ParamOf<int64_t>(n, "axis"), 0);
}

TEST(OnnxRowsTest, IndexingAndGenerationRows) {
  OnnxNode gather("Gather", {Input(DType::kFloat32), Input(DType::kInt64)},
                  P({{"axis", int64_t{1}}}));
  const ir::Node& g = gather.Legalize(13);
  ASSERT_EQ(g.kind, OpKind::kGather);
  EXPECT_EQ(ParamOf<int64_t>(g, "axis"), 1);
  EXPECT_TRUE(ParamOf<bool>(g, "negative_indices"));

  OnnxNode ge("GatherElements", {Input(DType::kFloat32), Input(DType::kInt64)}, {});
  EXPECT_EQ(ParamOf<int64_t>(ge.Legalize(13), "axis"), 0);
  OnnxNode gnd("GatherND", {Input(DType::kFloat32), Input(DType::kInt64)},
               P({{"batch_dims", int64_t{1}}}));
  EXPECT_EQ(ParamOf<int64_t>(gnd.Legalize(13), "batch_dims"), 1);
  OnnxNode scatter("ScatterND",
                   {Input(DType::kFloat32), Input(DType::kInt64), Input(DType::kFloat32)},
                   P({{"reduction", Str("add")}}));
  EXPECT_EQ(ParamOf<std::string>(scatter.Legalize(16), "reduction"), "add");

  OnnxNode cumsum("CumSum", {Input(DType::kFloat32), Const(I64({}, {0}))},
                  P({{"exclusive", int64_t{1}}}));
  const ir::Node& c = cumsum.Legalize(14);
  ASSERT_EQ(c.kind, OpKind::kCumSum);
  EXPECT_TRUE(ParamOf<bool>(c, "exclusive"));
  EXPECT_FALSE(ParamOf<bool>(c, "reverse"));

  auto value = std::make_shared<const ir::Tensor>(I32({1}, {5}));
  OnnxNode cos("ConstantOfShape", {Const(I64({1}, {2}))}, P({{"value", value}}));
  const ir::Node& k = cos.Legalize(9);
  ASSERT_EQ(k.kind, OpKind::kConstantOfShape);
  EXPECT_EQ(ParamOf<ir::TensorPtr>(k, "value"), value);

  OnnxNode nonzero("NonZero", {Input(DType::kFloat32)}, {});
  EXPECT_EQ(nonzero.Legalize(13).kind, OpKind::kNonZero);
  OnnxNode size("Size", {Input(DType::kFloat32)}, {});
  EXPECT_EQ(size.Legalize(13).kind, OpKind::kSize);
  OnnxNode expand("Expand", {Input(DType::kFloat32), Const(I64({1}, {3}))}, {});
  EXPECT_EQ(expand.Legalize(13).kind, OpKind::kExpand);
  OnnxNode range("Range", {Const(I64({}, {0})), Const(I64({}, {5})), Const(I64({}, {2}))}, {});
  EXPECT_EQ(range.Legalize(11).kind, OpKind::kRange);
  OnnxNode tile("Tile", {Input(DType::kFloat32), Const(I64({1}, {2}))}, {});
  EXPECT_EQ(tile.Legalize(13).kind, OpKind::kTile);
  OnnxNode old_tile("Tile", {Input(DType::kFloat32), Input(DType::kInt64), Input(DType::kInt64)},
                    {});
  EXPECT_THAT(old_tile.Legalize(5).unsupported_reason, HasSubstr("opset 6"));
}

TEST(OnnxRowsTest, QuantizationRows) {
  OnnxNode q("QuantizeLinear", {Input(DType::kFloat32), Const(F({}, {2})), Const(U8({}, {128}))},
             P({{"axis", int64_t{0}}}));
  const ir::Node& node = q.Legalize(13);
  ASSERT_EQ(node.kind, OpKind::kQuantizeLinear);
  EXPECT_EQ(ParamOf<int64_t>(node, "axis"), 0);
  EXPECT_EQ(node.operands.size(), 3u);
  OnnxNode d("DequantizeLinear", {Input(DType::kUInt8), Const(F({}, {2}))}, {});
  const ir::Node& dn = d.Legalize(10);
  ASSERT_EQ(dn.kind, OpKind::kDequantizeLinear);
  EXPECT_EQ(ParamOf<int64_t>(dn, "axis"), 1);
}

TEST(OnnxRowsTest, CastUsesOnnxTypeCodes) {
  const std::pair<int64_t, DType> codes[] = {
      {1, DType::kFloat32}, {2, DType::kUInt8},    {3, DType::kInt8},
      {5, DType::kInt16},   {6, DType::kInt32},    {7, DType::kInt64},
      {9, DType::kBool},    {10, DType::kFloat16}, {11, DType::kFloat64}};
  for (const auto& [code, dtype] : codes) {
    OnnxNode cast("Cast", {Input(DType::kFloat32)}, P({{"to", code}}));
    const ir::Node& node = cast.Legalize(13);
    ASSERT_EQ(node.kind, OpKind::kCast) << code;
    EXPECT_EQ(ParamOf<DType>(node, "to"), dtype) << code;
  }
  OnnxNode bad("Cast", {Input(DType::kFloat32)}, P({{"to", int64_t{999}}}));
  EXPECT_THAT(bad.Legalize(13).unsupported_reason, HasSubstr("unknown ONNX type 999"));
  OnnxNode like("CastLike", {Input(DType::kFloat32), Input(DType::kInt32)}, {});
  const ir::Node& l = like.Legalize(15);
  ASSERT_EQ(l.kind, OpKind::kCast);
  EXPECT_EQ(ParamOf<DType>(l, "to"), DType::kInt32);
  EXPECT_EQ(l.operands.size(), 1u);
}

TEST(OnnxRowsTest, DepthSpaceRowsAreNchw) {
  OnnxNode d2s("DepthToSpace", {Input(DType::kFloat32)},
               P({{"blocksize", int64_t{2}}, {"mode", Str("CRD")}}));
  const ir::Node& d = d2s.Legalize(13);
  ASSERT_EQ(d.kind, OpKind::kDepthToSpace);
  EXPECT_EQ(ParamOf<int64_t>(d, "block_size"), 2);
  EXPECT_EQ(ParamOf<std::string>(d, "mode"), "CRD");
  EXPECT_EQ(ParamOf<std::string>(d, "data_layout"), "NCHW");
  // ONNX's CRD example: [1, 4, 1, 1] with channels 0..3 -> [1, 1, 2, 2] = [[0, 1], [2, 3]];
  // in DCR the same [1, 4, 1, 1] gives the same order since there is one output channel.
  ASSERT_OK_AND_ASSIGN(out,
                       RunOp(OpKind::kDepthToSpace, d.params, {F({1, 4, 1, 1}, {0, 1, 2, 3})}));
  EXPECT_THAT(out[0].sizes(), ElementsAre(1, 1, 2, 2));
  EXPECT_THAT(Values<float>(out[0]), ElementsAre(0, 1, 2, 3));
  OnnxNode s2d("SpaceToDepth", {Input(DType::kFloat32)}, P({{"blocksize", int64_t{2}}}));
  const ir::Node& s = s2d.Legalize(13);
  ASSERT_EQ(s.kind, OpKind::kSpaceToDepth);
  EXPECT_EQ(ParamOf<std::string>(s, "data_layout"), "NCHW");
  OnnxNode missing("SpaceToDepth", {Input(DType::kFloat32)}, {});
  EXPECT_THAT(missing.Legalize(13).unsupported_reason, HasSubstr("blocksize"));
}

}  // namespace
}  // namespace mb
