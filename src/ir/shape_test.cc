#include "ir/shape.h"

#include <gtest/gtest.h>

#include <limits>

#include "ir/dtype.h"
#include "ir/tensor.h"

namespace mb::ir {
namespace {

TEST(ShapeTest, PrintsUnknownDimsAsQuestionMarks) {
  Shape shape({Dim::Unknown(), Dim::Known(32), Dim::Symbolic("batch")});
  EXPECT_EQ(shape.ToString(), "[?,32,batch]");
  EXPECT_FALSE(shape.IsFullyKnown());
  EXPECT_EQ(shape.NumElements(), std::nullopt);
}

TEST(ShapeTest, ScalarAndUnknownRank) {
  EXPECT_EQ(Shape::Scalar().ToString(), "[]");
  EXPECT_EQ(Shape::Scalar().NumElements(), 1);
  EXPECT_EQ(Shape::UnknownRank().ToString(), "<unknown>");
  EXPECT_FALSE(Shape::UnknownRank().rank_known());
}

TEST(ShapeTest, NumElementsOfStaticShape) {
  EXPECT_EQ(Shape::Static({2, 3, 4}).NumElements(), 24);
  EXPECT_EQ(Shape::Static({2, 0, 4}).NumElements(), 0);
}

TEST(ShapeTest, NumElementsRejectsOverflowAndNegativeDims) {
  const int64_t big = int64_t{1} << 32;
  EXPECT_FALSE(CheckedNumElements({big, big}).ok());
  EXPECT_FALSE(CheckedNumElements({4, -2}).ok());
  EXPECT_EQ(*CheckedNumElements({big, 2}), big * 2);
  EXPECT_EQ(CheckedMultiply(std::numeric_limits<int64_t>::max(), 2), std::nullopt);
}

TEST(DTypeTest, NamesAndSizes) {
  EXPECT_EQ(DTypeName(DType::kFloat32), "float32");
  EXPECT_EQ(DTypeSize(DType::kFloat32), 4u);
  EXPECT_EQ(DTypeSize(DType::kComplex128), 16u);
  EXPECT_EQ(DTypeSize(DType::kString), 0u);
  EXPECT_EQ(DTypeFromName("bfloat16"), DType::kBFloat16);
  EXPECT_EQ(DTypeFromName("float"), std::nullopt);
  EXPECT_TRUE(IsFloatingPoint(DType::kFloat16));
  EXPECT_FALSE(IsFloatingPoint(DType::kInt8));
}

TEST(TensorTest, FromBytesChecksTheByteCount) {
  EXPECT_TRUE(Tensor::FromBytes(DType::kFloat32, {2, 2}, std::string(16, '\0')).ok());
  Status status = Tensor::FromBytes(DType::kFloat32, {2, 2}, std::string(15, '\0')).status();
  EXPECT_NE(status.message().find("15 bytes"), std::string::npos) << status.message();
  EXPECT_FALSE(Tensor::FromBytes(DType::kString, {1}, "x").ok());
}

}  // namespace
}  // namespace mb::ir
