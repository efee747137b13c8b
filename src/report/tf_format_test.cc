#include "report/tf_format.h"

#include <gtest/gtest.h>

#include <cstring>

namespace mb::report {
namespace {

// Expected strings are the examples of shared/spec/tf-tools.md 1.8 and 4.9, worked by hand.
TEST(TfHumanReadableNumTest, SpecExamples) {
  EXPECT_EQ(TfHumanReadableNum(82154321), "82.15M");
  EXPECT_EQ(TfHumanReadableNum(3103591), "3.10M");
  EXPECT_EQ(TfHumanReadableNum(438536), "438.54k");
  EXPECT_EQ(TfHumanReadableNum(999), "999");
  EXPECT_EQ(TfHumanReadableNum(1000), "1.00k");
  EXPECT_EQ(TfHumanReadableNum(999999), "1000.00k");
  EXPECT_EQ(TfHumanReadableNum(21890123456), "21.89B");
  EXPECT_EQ(TfHumanReadableNum(1999999), "2.00M");
  EXPECT_EQ(TfHumanReadableNum(0), "0");
  EXPECT_EQ(TfHumanReadableNum(-438536), "-438.54k");
  EXPECT_EQ(TfHumanReadableNum(1234567890123456), "1.23E+15");
  EXPECT_EQ(TfHumanReadableNum(5000000000000), "5.00T");
}

TEST(TfFloatToStringTest, SixDigitsUnlessThatLosesTheValue) {
  EXPECT_EQ(TfFloatToString(1.5f), "1.5");
  EXPECT_EQ(TfFloatToString(0.0f), "0");
  EXPECT_EQ(TfFloatToString(-0.001f), "-0.001");
  EXPECT_EQ(TfFloatToString(1e-05f), "1e-05");
  // 0.1f is 0.100000001490116..., which "%.6g" prints as 0.1 and reads back exactly.
  EXPECT_EQ(TfFloatToString(0.1f), "0.1");
  // 1.0000001f needs more than six digits to survive a round trip.
  EXPECT_EQ(TfFloatToString(1.0000001f), "1.00000012");
  EXPECT_EQ(TfDoubleToString(0.5), "0.5");
}

ir::Tensor FloatTensor(std::vector<int64_t> sizes, int count) {
  std::vector<float> values(count);
  for (int i = 0; i < count; ++i) values[i] = static_cast<float>(i) + 0.5f;
  std::string bytes(reinterpret_cast<const char*>(values.data()), count * sizeof(float));
  return *ir::Tensor::FromBytes(ir::DType::kFloat32, std::move(sizes), std::move(bytes));
}

TEST(TfSummarizeValueTest, SpecExamples) {
  EXPECT_EQ(TfSummarizeValue(FloatTensor({64}, 64), 3), "0.5 1.5 2.5...");
  EXPECT_EQ(TfSummarizeValue(FloatTensor({3, 3, 3, 32}, 864), 3), "[[[0.5 1.5 2.5...]]]...");
  EXPECT_EQ(TfSummarizeValue(FloatTensor({2}, 2), 3), "0.5 1.5");
  EXPECT_EQ(TfSummarizeValue(FloatTensor({}, 1), 3), "0.5");
  // Rows shorter than the limit close and a new row opens before the cut.
  EXPECT_EQ(TfSummarizeValue(FloatTensor({2, 2}, 4), 3), "[0.5 1.5][2.5...]...");
  EXPECT_EQ(TfSummarizeValue(FloatTensor({2, 1}, 2), 3), "[0.5][1.5]");
}

TEST(TfSummarizeValueTest, BoolsAndStrings) {
  auto bools = *ir::Tensor::FromBytes(ir::DType::kBool, {2}, std::string("\x01\x00", 2));
  EXPECT_EQ(TfSummarizeValue(bools, 3), "1 0");
  auto strings = *ir::Tensor::FromStrings({}, {"a\"b\n"});
  EXPECT_EQ(TfSummarizeValue(strings, 3), "a\\\"b\\n");
}

TEST(TfTensorDebugStringTest, Layout) {
  EXPECT_EQ(TfTensorDebugString(FloatTensor({2, 2}, 4), "float"),
            "Tensor<type: float shape: [2,2] values: [0.5 1.5][2.5...]...>");
}

}  // namespace
}  // namespace mb::report
