#include "importers/tensorflow/tensor_decoder.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

namespace mb::importers::tf {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

tfproto::TensorProto ParseTensor(const std::string& text) {
  tfproto::TensorProto proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

constexpr uint64_t kLimit = uint64_t{1} << 30;

std::vector<float> Floats(const ir::Tensor& tensor) {
  std::vector<float> values;
  for (int64_t i = 0; i < tensor.num_elements(); ++i) values.push_back(tensor.At<float>(i));
  return values;
}

TEST(TensorDecoderTest, ShortTypedListRepeatsItsLastValue) {
  auto proto = ParseTensor(
      "dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 3 } } float_val: 1.5 "
      "float_val: -2");
  auto tensor = DecodeTensorProto(&proto, kLimit);
  ASSERT_TRUE(tensor.ok()) << tensor.status().ToString();
  EXPECT_THAT(tensor->sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Floats(*tensor), ElementsAre(1.5f, -2.f, -2.f, -2.f, -2.f, -2.f));
}

TEST(TensorDecoderTest, EmptyTypedListMeansZeros) {
  auto proto = ParseTensor("dtype: DT_INT32 tensor_shape { dim { size: 3 } }");
  auto tensor = DecodeTensorProto(&proto, kLimit);
  ASSERT_TRUE(tensor.ok());
  EXPECT_EQ(tensor->At<int32_t>(0), 0);
  EXPECT_EQ(tensor->At<int32_t>(2), 0);
}

TEST(TensorDecoderTest, LongTypedListIsCutToTheShape) {
  auto proto = ParseTensor(
      "dtype: DT_INT64 tensor_shape { dim { size: 2 } } "
      "int64_val: 7 int64_val: 8 int64_val: 9");
  auto tensor = DecodeTensorProto(&proto, kLimit);
  ASSERT_TRUE(tensor.ok());
  EXPECT_EQ(tensor->num_elements(), 2);
  EXPECT_EQ(tensor->At<int64_t>(1), 8);
}

TEST(TensorDecoderTest, SmallIntegerTypesComeFromIntVal) {
  auto proto = ParseTensor(
      "dtype: DT_INT8 tensor_shape { dim { size: 2 } } "
      "int_val: -3 int_val: 100");
  auto tensor = DecodeTensorProto(&proto, kLimit);
  ASSERT_TRUE(tensor.ok());
  EXPECT_EQ(tensor->At<int8_t>(0), -3);
  EXPECT_EQ(tensor->At<int8_t>(1), 100);
}

TEST(TensorDecoderTest, TensorContentIsLittleEndianRowMajor) {
  tfproto::TensorProto proto = ParseTensor("dtype: DT_FLOAT tensor_shape { dim { size: 2 } }");
  const float values[2] = {0.25f, 3.0f};
  proto.set_tensor_content(std::string(reinterpret_cast<const char*>(values), sizeof(values)));
  auto tensor = DecodeTensorProto(&proto, kLimit);
  ASSERT_TRUE(tensor.ok());
  EXPECT_THAT(Floats(*tensor), ElementsAre(0.25f, 3.0f));
  EXPECT_TRUE(proto.tensor_content().empty()) << "content should be moved, not copied";
}

TEST(TensorDecoderTest, ContentSizeMismatchIsAnError) {
  tfproto::TensorProto proto = ParseTensor("dtype: DT_FLOAT tensor_shape { dim { size: 3 } }");
  proto.set_tensor_content(std::string(8, '\0'));
  Status status = DecodeTensorProto(&proto, kLimit).status();
  EXPECT_EQ(status.message(), "tensor_content has 8 bytes but shape [3] of float32 needs 12");
  EXPECT_FALSE(CheckTensorProto(proto).ok());
}

TEST(TensorDecoderTest, StringContentIsVarintLengthsThenBytes) {
  tfproto::TensorProto proto = ParseTensor("dtype: DT_STRING tensor_shape { dim { size: 2 } }");
  proto.set_tensor_content(
      std::string("\x02\x03"
                  "abxyz",
                  7));
  auto tensor = DecodeTensorProto(&proto, kLimit);
  ASSERT_TRUE(tensor.ok()) << tensor.status().ToString();
  EXPECT_THAT(tensor->strings(), ElementsAre("ab", "xyz"));

  proto.set_tensor_content(
      std::string("\x02\x09"
                  "abxyz",
                  7));
  EXPECT_THAT(DecodeTensorProto(&proto, kLimit).status().message(), HasSubstr("truncated"));
}

TEST(TensorDecoderTest, StringValRepeatsItsLastValue) {
  auto proto = ParseTensor(
      "dtype: DT_STRING tensor_shape { dim { size: 3 } } string_val: 'a' string_val: 'bc'");
  auto tensor = DecodeTensorProto(&proto, kLimit);
  ASSERT_TRUE(tensor.ok());
  EXPECT_THAT(tensor->strings(), ElementsAre("a", "bc", "bc"));
}

TEST(TensorDecoderTest, BoolContentMustBeZeroOrOne) {
  tfproto::TensorProto proto = ParseTensor("dtype: DT_BOOL tensor_shape { dim { size: 2 } }");
  proto.set_tensor_content(std::string("\x01\x02", 2));
  EXPECT_THAT(CheckTensorProto(proto).status().message(), HasSubstr("not 0 or 1"));
}

TEST(TensorDecoderTest, RejectsNegativeAndUnknownDims) {
  auto negative = ParseTensor("dtype: DT_FLOAT tensor_shape { dim { size: -4 } }");
  EXPECT_EQ(CheckTensorProto(negative).status().message(), "shape has negative dimension -4");
  auto unknown = ParseTensor("dtype: DT_FLOAT tensor_shape { dim { size: -1 } }");
  EXPECT_THAT(CheckTensorProto(unknown).status().message(), HasSubstr("not fully defined"));
}

TEST(TensorDecoderTest, RejectsUnknownAndInvalidDTypes) {
  auto unknown = ParseTensor("tensor_shape { dim { size: 1 } }");
  unknown.set_dtype(static_cast<tfproto::DataType>(77));
  EXPECT_EQ(CheckTensorProto(unknown).status().message(), "unknown dtype enum value 77");
  auto invalid = ParseTensor("tensor_shape { dim { size: 1 } }");
  EXPECT_FALSE(CheckTensorProto(invalid).ok());
}

TEST(TensorDecoderTest, RefusesAGiantSplatBeforeAllocating) {
  // 2^40 floats from one value: TF would try to allocate 4 TiB.
  auto proto = ParseTensor(
      "dtype: DT_FLOAT tensor_shape { dim { size: 1099511627776 } } "
      "float_val: 1");
  EXPECT_EQ(*CheckTensorProto(proto), int64_t{1} << 40);
  Status status = DecodeTensorProto(&proto, kLimit).status();
  EXPECT_EQ(status.code(), StatusCode::kResourceExhausted);
  EXPECT_THAT(status.message(), HasSubstr("exceeds the memory limit"));
}

TEST(TensorDecoderTest, DimensionProductOverflowIsAnError) {
  auto proto = ParseTensor(
      "dtype: DT_FLOAT tensor_shape { dim { size: 4294967296 } "
      "dim { size: 4294967296 } }");
  EXPECT_THAT(CheckTensorProto(proto).status().message(), HasSubstr("overflows"));
}

TEST(TensorDecoderTest, DataTypeStrings) {
  EXPECT_EQ(TfDataTypeString(1), "float");
  EXPECT_EQ(TfDataTypeString(0), "INVALID");
  EXPECT_EQ(TfDataTypeString(19), "half");
  EXPECT_EQ(TfDataTypeString(101), "float_ref");
  EXPECT_EQ(TfDataTypeString(999), "unknown dtype enum (999)");
  EXPECT_EQ(DTypeFromTf(103), ir::DType::kInt32);
  EXPECT_EQ(DTypeFromTf(14), ir::DType::kBFloat16);
}

}  // namespace
}  // namespace mb::importers::tf

namespace mb::importers::tf {
namespace {

// Every DataType of spec 5.8 with plain data decodes from tensor_content of N x size bytes,
// sizes taken from the spec's table (sub-byte types stored one element per byte).
TEST(TensorDecoderTest, EveryPlainDataTypeDecodesFromContent) {
  const std::pair<int, size_t> kSpecSizes[] = {
      {1, 4},  {2, 8},  {3, 4},  {4, 1},  {5, 2},  {6, 1},  {8, 8},   {9, 8},  {10, 1}, {11, 1},
      {12, 1}, {13, 4}, {14, 2}, {15, 2}, {16, 2}, {17, 2}, {18, 16}, {19, 2}, {22, 4}, {23, 8},
      {24, 1}, {25, 1}, {26, 1}, {27, 1}, {28, 1}, {29, 1}, {30, 1},  {31, 1}, {32, 1}, {33, 1}};
  for (auto [tf_dtype, size] : kSpecSizes) {
    tfproto::TensorProto proto;
    proto.set_dtype(static_cast<tfproto::DataType>(tf_dtype));
    proto.mutable_tensor_shape()->add_dim()->set_size(3);
    proto.set_tensor_content(std::string(3 * size, '\0'));
    auto tensor = DecodeTensorProto(&proto, kLimit);
    ASSERT_TRUE(tensor.ok()) << TfDataTypeString(tf_dtype) << ": " << tensor.status().ToString();
    EXPECT_EQ(tensor->num_elements(), 3) << TfDataTypeString(tf_dtype);
    EXPECT_EQ(tensor->byte_size(), 3 * size) << TfDataTypeString(tf_dtype);
    // The *_REF variant (value + 100) decodes to the same type.
    EXPECT_EQ(DTypeFromTf(tf_dtype + 100), DTypeFromTf(tf_dtype));
  }
}

TEST(TensorDecoderTest, HalfAndComplexTypedValues) {
  auto half = ParseTensor("dtype: DT_HALF tensor_shape { dim { size: 2 } } half_val: 15360");
  auto tensor = DecodeTensorProto(&half, kLimit);
  ASSERT_TRUE(tensor.ok());
  EXPECT_EQ(tensor->At<uint16_t>(1), 15360);  // 0x3c00 is 1.0 in IEEE half
  auto complex = ParseTensor(
      "dtype: DT_COMPLEX64 tensor_shape { dim { size: 2 } } "
      "scomplex_val: 1 scomplex_val: -2");
  tensor = DecodeTensorProto(&complex, kLimit);
  ASSERT_TRUE(tensor.ok());
  EXPECT_EQ(tensor->At<float>(2), 1.0f);  // the second element repeats (1, -2)
  EXPECT_EQ(tensor->At<float>(3), -2.0f);
}

}  // namespace
}  // namespace mb::importers::tf
