// Tensor manipulation ops (manipulation.cc), Cast (elementwise/cast.cc) and ArgMax/ArgMin
// (reduce/arg_reduce.cc): shapes and their rejections, cost on hand-checked cases, reference
// math on hand-computed values, hostile constants, and the TensorFlow rows that map onto them.
#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "importers/tensorflow/graphdef_importer.h"
#include "ir/graph.h"
#include "ops/op_def.h"
#include "tests/testing/op_testing.h"
#include "tests/testing/tf_graph_testing.h"

namespace mb {
namespace {

using ir::DType;
using ir::OpKind;
using ops::TensorType;
using ::testing::ElementsAre;
using testing::ErrorOf;
using ::testing::HasSubstr;
using testing::Infer;
using testing::MakeTensor;
using testing::RunOp;
using testing::Values;

// ---- Helpers ----

ir::Tensor Floats(std::vector<int64_t> sizes, const std::vector<float>& values) {
  return MakeTensor(std::move(sizes), values);
}
ir::Tensor Ints32(std::vector<int64_t> sizes, const std::vector<int32_t>& values) {
  return MakeTensor(std::move(sizes), values);
}
ir::Tensor Ints64(std::vector<int64_t> sizes, const std::vector<int64_t>& values) {
  return MakeTensor(std::move(sizes), values);
}
ir::Tensor Bools(std::vector<int64_t> sizes, const std::vector<uint8_t>& values) {
  return MakeTensor(std::move(sizes), values, DType::kBool);
}
template <typename T>
ir::Tensor Scalar(T value) {
  return MakeTensor<T>({}, {value});
}

ir::AttributeMap Params(std::initializer_list<std::pair<const char*, ir::AttributeValue>> list) {
  ir::AttributeMap map;
  for (const auto& [name, value] : list) map[name] = ir::Attribute{value};
  return map;
}
ir::AttributeValue I(int64_t value) { return value; }
ir::AttributeValue Is(std::vector<int64_t> values) { return values; }

TensorType Type(DType dtype, std::vector<ir::Dim> dims) { return {dtype, ir::Shape(dims)}; }
ir::Dim K(int64_t size) { return ir::Dim::Known(size); }
ir::Dim U() { return ir::Dim::Unknown(); }

// The reference math alone, with outputs of the given sizes: what a kernel would see if
// shape inference had been bypassed.
Status RunReferenceOnly(OpKind kind, ir::AttributeMap params,
                        const std::vector<ir::Tensor>& operands, DType out_dtype,
                        std::vector<int64_t> out_sizes) {
  ir::Node node =
      testing::MakeOpNode(kind, std::move(params), std::vector<bool>(operands.size(), true));
  std::vector<ops::TensorView> inputs;
  for (const ir::Tensor& t : operands) {
    inputs.push_back({t.dtype(), t.sizes(), const_cast<char*>(t.bytes().data())});
  }
  int64_t count = 1;
  for (int64_t s : out_sizes) count *= s;
  std::string buffer(count * ir::DTypeSize(out_dtype), '\0');
  std::vector<ops::TensorView> outputs = {{out_dtype, std::move(out_sizes), buffer.data()}};
  ops::ComputeContext compute{node, ops::Params(node.params), inputs, outputs};
  return ops::GetOpDef(kind).compute_reference(compute);
}

// ---- Squeeze ----

TEST(SqueezeTest, RemovesListedAxes) {
  auto out = RunOp(OpKind::kSqueeze, Params({{"axes", Is({0, -2})}}),
                   {Floats({1, 3, 1, 2}, {1, 2, 3, 4, 5, 6})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(3, 2));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(1, 2, 3, 4, 5, 6));
}

TEST(SqueezeTest, NoAxesRemovesEverySizeOneDimension) {
  auto out = RunOp(OpKind::kSqueeze, {}, {Ints32({1, 3, 1}, {7, 8, 9})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(3));
  EXPECT_THAT(Values<int32_t>((*out)[0]), ElementsAre(7, 8, 9));
}

TEST(SqueezeTest, UnknownDimensionsKeepWhatIsKnown) {
  auto listed = Infer(OpKind::kSqueeze, Params({{"axes", Is({1})}}),
                      {Type(DType::kFloat32, {ir::Dim::Symbolic("batch"), K(1), U()})});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ((*listed)[0].shape.ToString(), "[batch,?]");
  // With no axes, an unknown dimension might be 1: the rank is unknown.
  auto all = Infer(OpKind::kSqueeze, {}, {Type(DType::kFloat32, {U(), K(1)})});
  ASSERT_TRUE(all.ok());
  EXPECT_FALSE((*all)[0].shape.rank_known());
}

TEST(SqueezeTest, RejectsAxisOfSizeOtherThanOne) {
  auto out =
      Infer(OpKind::kSqueeze, Params({{"axes", Is({1})}}), {Type(DType::kFloat32, {K(1), K(3)})});
  EXPECT_THAT(ErrorOf(out), HasSubstr("cannot squeeze axis 1: its size is 3, not 1"));
}

TEST(SqueezeTest, RejectsOutOfRangeAxis) {
  auto out =
      Infer(OpKind::kSqueeze, Params({{"axes", Is({2})}}), {Type(DType::kFloat32, {K(1), K(1)})});
  EXPECT_THAT(ErrorOf(out), HasSubstr("squeeze axis 2 is out of range for rank 2"));
  auto scalar = Infer(OpKind::kSqueeze, Params({{"axes", Is({0})}}), {Type(DType::kFloat32, {})});
  EXPECT_THAT(ErrorOf(scalar), HasSubstr("out of range for rank 0"));
}

// ---- Unsqueeze ----

TEST(UnsqueezeTest, InsertsAxesAtOutputPositions) {
  auto out = RunOp(OpKind::kUnsqueeze, Params({{"axes", Is({0, -1})}}),
                   {Floats({2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 2, 3, 1));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(1, 2, 3, 4, 5, 6));
  auto middle =
      Infer(OpKind::kUnsqueeze, Params({{"axes", Is({1})}}), {Type(DType::kInt64, {U(), K(5)})});
  ASSERT_TRUE(middle.ok());
  EXPECT_EQ((*middle)[0].shape.ToString(), "[?,1,5]");
}

TEST(UnsqueezeTest, RejectsRepeatedOrOutOfRangeAxes) {
  const TensorType x = Type(DType::kFloat32, {K(2)});
  EXPECT_THAT(ErrorOf(Infer(OpKind::kUnsqueeze, Params({{"axes", Is({0, -3})}}), {x})),
              HasSubstr("unsqueeze axis -3 is repeated"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kUnsqueeze, Params({{"axes", Is({2})}}), {x})),
              HasSubstr("unsqueeze axis 2 is out of range for rank 2"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kUnsqueeze, {}, {x})), HasSubstr("at least one axis"));
}

// ---- Pack ----

TEST(PackTest, StacksAlongAxis) {
  const std::vector<ir::Tensor> xs = {Floats({2}, {1, 2}), Floats({2}, {3, 4}),
                                      Floats({2}, {5, 6})};
  auto first = RunOp(OpKind::kPack, Params({{"axis", I(0)}}), xs);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_THAT((*first)[0].sizes(), ElementsAre(3, 2));
  EXPECT_THAT(Values<float>((*first)[0]), ElementsAre(1, 2, 3, 4, 5, 6));
  auto last = RunOp(OpKind::kPack, Params({{"axis", I(-1)}}), xs);
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_THAT((*last)[0].sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<float>((*last)[0]), ElementsAre(1, 3, 5, 2, 4, 6));
}

TEST(PackTest, MergesKnownDimensionsAcrossOperands) {
  auto out = Infer(OpKind::kPack, Params({{"axis", I(1)}}),
                   {Type(DType::kFloat32, {U(), K(3)}), Type(DType::kFloat32, {K(2), U()})});
  ASSERT_TRUE(out.ok()) << ErrorOf(out);
  EXPECT_EQ((*out)[0].shape.ToString(), "[2,2,3]");
}

TEST(PackTest, RejectsMismatchedOperandsAndBadAxis) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kPack, {},
                            {Type(DType::kFloat32, {K(2)}), Type(DType::kFloat32, {K(3)})})),
              HasSubstr("operand 1 has shape [3], which does not match [2]"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kPack, {},
                            {Type(DType::kFloat32, {K(2)}), Type(DType::kInt32, {K(2)})})),
              HasSubstr("operand 1 is int32"));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kPack, Params({{"axis", I(2)}}), {Type(DType::kFloat32, {K(2)})})),
      HasSubstr("pack axis 2 is out of range for rank 2"));
}

// ---- Unpack ----

TEST(UnpackTest, SlicesAlongAxis) {
  auto out =
      RunOp(OpKind::kUnpack, Params({{"axis", I(1)}}), {Floats({2, 3}, {1, 2, 3, 4, 5, 6})}, 3);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 3u);
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(2));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(1, 4));
  EXPECT_THAT(Values<float>((*out)[1]), ElementsAre(2, 5));
  EXPECT_THAT(Values<float>((*out)[2]), ElementsAre(3, 6));
}

TEST(UnpackTest, RejectsOutputCountOtherThanAxisSize) {
  auto out = Infer(OpKind::kUnpack, {}, {Type(DType::kFloat32, {K(3), K(2)})}, {}, 2);
  EXPECT_THAT(ErrorOf(out), HasSubstr("axis 0 has size 3, but the node has 2 outputs"));
  auto scalar = Infer(OpKind::kUnpack, {}, {Type(DType::kFloat32, {})}, {}, 1);
  EXPECT_THAT(ErrorOf(scalar), HasSubstr("out of range for rank 0"));
}

// ---- Split ----

TEST(SplitTest, EqualParts) {
  auto out = RunOp(OpKind::kSplit, Params({{"axis", I(1)}}),
                   {Ints32({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8})}, 2);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(2, 2));
  EXPECT_THAT(Values<int32_t>((*out)[0]), ElementsAre(1, 2, 5, 6));
  EXPECT_THAT(Values<int32_t>((*out)[1]), ElementsAre(3, 4, 7, 8));
}

TEST(SplitTest, GivenSizesWithOneRest) {
  auto out = RunOp(OpKind::kSplit, Params({{"axis", I(-1)}, {"splits", Is({1, -1, 0})}}),
                   {Floats({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8})}, 3);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(2, 1));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(1, 5));
  EXPECT_THAT((*out)[1].sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<float>((*out)[1]), ElementsAre(2, 3, 4, 6, 7, 8));
  EXPECT_THAT((*out)[2].sizes(), ElementsAre(2, 0));
}

TEST(SplitTest, UnknownAxisSizeLeavesPartsUnknown) {
  auto out = Infer(OpKind::kSplit, Params({{"splits", Is({2, -1})}}),
                   {Type(DType::kFloat32, {U(), K(4)})}, {}, 2);
  ASSERT_TRUE(out.ok()) << ErrorOf(out);
  EXPECT_EQ((*out)[0].shape.ToString(), "[2,4]");
  EXPECT_EQ((*out)[1].shape.ToString(), "[?,4]");
}

TEST(SplitTest, RejectsSizesThatDoNotFit) {
  const TensorType x = Type(DType::kFloat32, {K(5)});
  EXPECT_THAT(ErrorOf(Infer(OpKind::kSplit, {}, {x}, {}, 2)),
              HasSubstr("axis of size 5 does not split evenly into 2 parts"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kSplit, Params({{"splits", Is({2, 2})}}), {x}, {}, 2)),
              HasSubstr("split sizes add up to 4, not the axis size 5"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kSplit, Params({{"splits", Is({-1, -1})}}), {x}, {}, 2)),
              HasSubstr("more than one -1"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kSplit, Params({{"splits", Is({7, -3})}}), {x}, {}, 2)),
              HasSubstr("split size -3 is negative"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kSplit, Params({{"splits", Is({9, -1})}}), {x}, {}, 2)),
              HasSubstr("more than the axis size 5"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kSplit, Params({{"splits", Is({5})}}), {x}, {}, 2)),
              HasSubstr("splits has 1 sizes, but the node has 2 outputs"));
}

// ---- Slice ----

TEST(SliceTest, BeginAndSizeWithMinusOne) {
  auto out = RunOp(OpKind::kSlice, {},
                   {Floats({3, 4}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), Ints32({2}, {1, 1}),
                    Ints64({2}, {2, -1})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(5, 6, 7, 9, 10, 11));
}

TEST(SliceTest, UnknownDimensionsWithExplicitSizesAreKnown) {
  const ir::Tensor begin = Ints32({2}, {0, 1});
  const ir::Tensor size = Ints32({2}, {2, -1});
  auto out = Infer(
      OpKind::kSlice, {},
      {Type(DType::kFloat32, {U(), U()}), Type(DType::kInt32, {K(2)}), Type(DType::kInt32, {K(2)})},
      {nullptr, &begin, &size});
  ASSERT_TRUE(out.ok()) << ErrorOf(out);
  EXPECT_EQ((*out)[0].shape.ToString(), "[2,?]");
}

TEST(SliceTest, RejectsHostileBeginAndSize) {
  const ir::Tensor x = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kSlice, {}, {x, Ints32({2}, {-1, 0}), Ints32({2}, {1, 1})})),
              HasSubstr("slice of dimension 0: begin -1 is negative"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kSlice, {}, {x, Ints32({2}, {1, 2}), Ints32({2}, {1, 2})})),
              HasSubstr("begin 2 + size 2 is past the end (size 3)"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kSlice, {}, {x, Ints32({2}, {0, 4}), Ints32({2}, {1, -1})})),
              HasSubstr("begin 4 is past the end"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kSlice, {}, {x, Ints32({1}, {0}), Ints32({1}, {1})})),
              HasSubstr("1 values for an input of rank 2"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kSlice, {}, {x, Ints32({2}, {0, 0}), Ints32({2}, {1, -2})})),
              HasSubstr("size -2 is invalid"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kSlice, {},
                            {x, Ints64({2}, {0, std::numeric_limits<int64_t>::max()}),
                             Ints64({2}, {1, std::numeric_limits<int64_t>::max()})})),
              HasSubstr("past the end"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kSlice, {}, {x, Floats({2}, {0, 0}), Ints32({2}, {1, 1})})),
              HasSubstr("begin must be int32 or int64"));
}

TEST(SliceTest, ReferenceChecksValuesEvenWithoutShapeInference) {
  const ir::Tensor x = Floats({2, 3}, {1, 2, 3, 4, 5, 6});
  Status status =
      RunReferenceOnly(OpKind::kSlice, {}, {x, Ints32({2}, {1, 1000000}), Ints32({2}, {1, 1})},
                       DType::kFloat32, {1, 1});
  EXPECT_THAT(status.message(), HasSubstr("past the end"));
  // Sizes that disagree with the buffer given are refused, not written.
  status = RunReferenceOnly(OpKind::kSlice, {}, {x, Ints32({2}, {0, 0}), Ints32({2}, {2, 3})},
                            DType::kFloat32, {1, 1});
  EXPECT_THAT(status.message(), HasSubstr("output 0 is float32 [1,1], expected float32 [2,3]"));
}

// ---- Fill ----

TEST(FillTest, RepeatsTheValue) {
  auto out = RunOp(OpKind::kFill, {}, {Ints32({2}, {2, 3}), Scalar<int32_t>(7)});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].dtype(), DType::kInt32);
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(2, 3));
  EXPECT_THAT(Values<int32_t>((*out)[0]), ElementsAre(7, 7, 7, 7, 7, 7));
  auto empty = RunOp(OpKind::kFill, {}, {Ints64({2}, {0, 3}), Scalar<float>(1.5f)});
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ((*empty)[0].num_elements(), 0);
}

TEST(FillTest, RejectsNegativeOverflowingOrNonScalar) {
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kFill, {}, {Ints32({2}, {2, -3}), Scalar<float>(1)})),
              HasSubstr("dims [2,-3] has a negative dimension"));
  const int64_t big = int64_t{1} << 40;
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kFill, {}, {Ints64({2}, {big, big}), Scalar<float>(1)})),
              HasSubstr("overflows"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kFill, {}, {Ints32({1}, {2}), Floats({2}, {1, 2})})),
              HasSubstr("value must be a scalar"));
}

// ---- Tile ----

TEST(TileTest, RepeatsAlongEachDimension) {
  auto flat = RunOp(OpKind::kTile, {}, {Floats({2}, {1, 2}), Ints32({1}, {3})});
  ASSERT_TRUE(flat.ok()) << flat.status().ToString();
  EXPECT_THAT(Values<float>((*flat)[0]), ElementsAre(1, 2, 1, 2, 1, 2));
  auto grid = RunOp(OpKind::kTile, {}, {Ints32({2, 2}, {1, 2, 3, 4}), Ints64({2}, {2, 2})});
  ASSERT_TRUE(grid.ok()) << grid.status().ToString();
  EXPECT_THAT((*grid)[0].sizes(), ElementsAre(4, 4));
  EXPECT_THAT(Values<int32_t>((*grid)[0]),
              ElementsAre(1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4));
  auto none = RunOp(OpKind::kTile, {}, {Ints32({2, 2}, {1, 2, 3, 4}), Ints64({2}, {0, 1})});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_THAT((*none)[0].sizes(), ElementsAre(0, 2));
}

TEST(TileTest, RejectsBadMultiples) {
  const ir::Tensor x = Floats({2}, {1, 2});
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kTile, {}, {x, Ints32({1}, {-1})})),
              HasSubstr("multiple -1 is negative"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kTile, {}, {x, Ints32({2}, {1, 1})})),
              HasSubstr("multiples has 2 values for an input of rank 1"));
  EXPECT_THAT(
      ErrorOf(RunOp(OpKind::kTile, {}, {x, Ints64({1}, {std::numeric_limits<int64_t>::max()})})),
      HasSubstr("overflows"));
}

// ---- Gather ----

TEST(GatherTest, GathersRowsAndColumns) {
  const ir::Tensor x = Floats({3, 2}, {1, 2, 3, 4, 5, 6});
  auto rows = RunOp(OpKind::kGather, {}, {x, Ints32({2}, {2, 0})});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_THAT((*rows)[0].sizes(), ElementsAre(2, 2));
  EXPECT_THAT(Values<float>((*rows)[0]), ElementsAre(5, 6, 1, 2));
  auto columns = RunOp(OpKind::kGather, Params({{"axis", I(-1)}}), {x, Ints64({1, 2}, {1, 1})});
  ASSERT_TRUE(columns.ok()) << columns.status().ToString();
  EXPECT_THAT((*columns)[0].sizes(), ElementsAre(3, 1, 2));
  EXPECT_THAT(Values<float>((*columns)[0]), ElementsAre(2, 2, 4, 4, 6, 6));
  auto scalar_index = RunOp(OpKind::kGather, {}, {x, Scalar<int32_t>(1)});
  ASSERT_TRUE(scalar_index.ok()) << scalar_index.status().ToString();
  EXPECT_THAT((*scalar_index)[0].sizes(), ElementsAre(2));
  EXPECT_THAT(Values<float>((*scalar_index)[0]), ElementsAre(3, 4));
}

TEST(GatherTest, OutputShapeWithUnknownDimensions) {
  auto out = Infer(OpKind::kGather, Params({{"axis", I(1)}}),
                   {Type(DType::kFloat32, {U(), K(4), K(8)}), Type(DType::kInt64, {K(5), U()})});
  ASSERT_TRUE(out.ok()) << ErrorOf(out);
  EXPECT_EQ((*out)[0].shape.ToString(), "[?,5,?,8]");
}

TEST(GatherTest, OutOfRangeIndicesAreErrorsNotReads) {
  const ir::Tensor x = Floats({3, 2}, {1, 2, 3, 4, 5, 6});
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kGather, {}, {x, Ints32({2}, {0, 3})})),
              HasSubstr("index 3 is out of range [0, 3) of axis 0"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kGather, {}, {x, Ints64({1}, {-1})})),
              HasSubstr("index -1 is out of range"));
  EXPECT_THAT(
      ErrorOf(RunOp(OpKind::kGather, {}, {x, Ints64({1}, {std::numeric_limits<int64_t>::min()})})),
      HasSubstr("is out of range"));
  // Constant indices are checked by shape inference already.
  const ir::Tensor indices = Ints32({1}, {9});
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGather, {},
                            {Type(DType::kFloat32, {K(3), K(2)}), Type(DType::kInt32, {K(1)})},
                            {nullptr, &indices})),
              HasSubstr("index 9 is out of range"));
}

TEST(GatherTest, RejectsBadOperandsAndParams) {
  const TensorType x = Type(DType::kFloat32, {K(3)});
  EXPECT_THAT(ErrorOf(Infer(OpKind::kGather, {}, {x, Type(DType::kFloat32, {K(1)})})),
              HasSubstr("indices must be int32 or int64, not float32"));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kGather, Params({{"axis", I(1)}}), {x, Type(DType::kInt32, {K(1)})})),
      HasSubstr("gather axis 1 is out of range for rank 1"));
  EXPECT_THAT(
      ErrorOf(Infer(OpKind::kGather, {}, {Type(DType::kFloat32, {}), Type(DType::kInt32, {K(1)})})),
      HasSubstr("cannot gather from a scalar"));
  auto batched =
      Infer(OpKind::kGather, Params({{"batch_dims", I(1)}}), {x, Type(DType::kInt32, {K(1)})});
  ASSERT_FALSE(batched.ok());
  EXPECT_EQ(batched.status().code(), StatusCode::kUnimplemented);
}

// ---- OneHot ----

TEST(OneHotTest, LastAxisAndOutOfRangeIndices) {
  auto out =
      RunOp(OpKind::kOneHot, {},
            {Ints64({4}, {0, 2, -1, 3}), Scalar<int32_t>(3), Scalar<float>(5), Scalar<float>(-1)});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].dtype(), DType::kFloat32);
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(4, 3));
  EXPECT_THAT(Values<float>((*out)[0]), ElementsAre(5, -1, -1, -1, -1, 5, -1, -1, -1, -1, -1, -1));
}

TEST(OneHotTest, FirstAxis) {
  auto out =
      RunOp(OpKind::kOneHot, Params({{"axis", I(0)}}),
            {Ints32({2}, {1, 0}), Scalar<int64_t>(2), Scalar<int32_t>(1), Scalar<int32_t>(0)});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(2, 2));
  EXPECT_THAT(Values<int32_t>((*out)[0]), ElementsAre(0, 1, 1, 0));
}

TEST(OneHotTest, RejectsBadDepthValuesAndAxis) {
  const ir::Tensor indices = Ints32({2}, {0, 1});
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kOneHot, {},
                            {indices, Scalar<int32_t>(-2), Scalar<float>(1), Scalar<float>(0)})),
              HasSubstr("depth -2 is negative"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kOneHot, {},
                            {indices, Scalar<int32_t>(2), Scalar<float>(1), Scalar<int32_t>(0)})),
              HasSubstr("on_value is float32 but off_value is int32"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kOneHot, Params({{"axis", I(2)}}),
                            {indices, Scalar<int32_t>(2), Scalar<float>(1), Scalar<float>(0)})),
              HasSubstr("one-hot axis 2 is out of range for rank 2"));
  EXPECT_THAT(
      ErrorOf(RunOp(OpKind::kOneHot, {},
                    {Floats({1}, {0}), Scalar<int32_t>(2), Scalar<float>(1), Scalar<float>(0)})),
      HasSubstr("indices must be int32 or int64"));
}

// ---- Range ----

TEST(RangeTest, IntegerFloatAndDescending) {
  auto ints =
      RunOp(OpKind::kRange, {}, {Scalar<int32_t>(0), Scalar<int32_t>(10), Scalar<int32_t>(3)});
  ASSERT_TRUE(ints.ok()) << ints.status().ToString();
  EXPECT_THAT(Values<int32_t>((*ints)[0]), ElementsAre(0, 3, 6, 9));
  auto floats =
      RunOp(OpKind::kRange, {}, {Scalar<float>(1), Scalar<float>(2), Scalar<float>(0.25f)});
  ASSERT_TRUE(floats.ok()) << floats.status().ToString();
  EXPECT_THAT(Values<float>((*floats)[0]), ElementsAre(1, 1.25, 1.5, 1.75));
  auto down =
      RunOp(OpKind::kRange, {}, {Scalar<int64_t>(5), Scalar<int64_t>(1), Scalar<int64_t>(-2)});
  ASSERT_TRUE(down.ok()) << down.status().ToString();
  EXPECT_THAT(Values<int64_t>((*down)[0]), ElementsAre(5, 3));
  auto empty =
      RunOp(OpKind::kRange, {}, {Scalar<int32_t>(5), Scalar<int32_t>(1), Scalar<int32_t>(1)});
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_THAT((*empty)[0].sizes(), ElementsAre(0));
}

TEST(RangeTest, ExtremeIntegersDoNotOverflow) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  auto out =
      RunOp(OpKind::kRange, {},
            {Scalar<int64_t>(kMin), Scalar<int64_t>(kMax), Scalar<int64_t>(int64_t{1} << 62)});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_THAT(Values<int64_t>((*out)[0]), ElementsAre(kMin, kMin / 2, 0, int64_t{1} << 62));
  auto down = RunOp(OpKind::kRange, {},
                    {Scalar<int64_t>(kMax), Scalar<int64_t>(kMin), Scalar<int64_t>(kMin)});
  ASSERT_TRUE(down.ok()) << down.status().ToString();
  EXPECT_THAT(Values<int64_t>((*down)[0]), ElementsAre(kMax, -1));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kRange, {},
                            {Scalar<int64_t>(kMin), Scalar<int64_t>(kMax), Scalar<int64_t>(1)})),
              HasSubstr("too many elements"));
}

TEST(RangeTest, RejectsZeroDeltaMixedTypesAndNonFinite) {
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kRange, {},
                            {Scalar<int32_t>(0), Scalar<int32_t>(4), Scalar<int32_t>(0)})),
              HasSubstr("Range delta is 0"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kRange, {},
                            {Scalar<int32_t>(0), Scalar<float>(4), Scalar<int32_t>(1)})),
              HasSubstr("limit is float32, start is int32"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kRange, {},
                            {Scalar<float>(0), Scalar<float>(INFINITY), Scalar<float>(1)})),
              HasSubstr("no finite length"));
  EXPECT_THAT(ErrorOf(RunOp(OpKind::kRange, {},
                            {Scalar<uint8_t>(0), Scalar<uint8_t>(4), Scalar<uint8_t>(1)})),
              HasSubstr("Range of uint8 is not supported"));
}

// ---- Cast ----

TEST(CastTest, FloatToIntTruncatesTowardZeroAndSaturates) {
  auto out = RunOp(OpKind::kCast, Params({{"to", DType::kInt32}}),
                   {Floats({7}, {1.7f, -1.7f, 2.5f, -0.5f, NAN, 1e20f, -1e20f})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].dtype(), DType::kInt32);
  EXPECT_THAT(Values<int32_t>((*out)[0]),
              ElementsAre(1, -1, 2, 0, 0, std::numeric_limits<int32_t>::max(),
                          std::numeric_limits<int32_t>::min()));
  auto bytes = RunOp(OpKind::kCast, Params({{"to", DType::kUInt8}}),
                     {MakeTensor<double>({3}, {-1.5, 255.9, 300})});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_THAT(Values<uint8_t>((*bytes)[0]), ElementsAre(0, 255, 255));
  // int64's limits are not exact in double: 2^63 saturates, -2^63 is exact.
  auto wide = RunOp(OpKind::kCast, Params({{"to", DType::kInt64}}),
                    {MakeTensor<double>({4}, {9.3e18, -9.3e18, 9.2e18, -0x1p63})});
  ASSERT_TRUE(wide.ok()) << wide.status().ToString();
  EXPECT_THAT(Values<int64_t>((*wide)[0]),
              ElementsAre(std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(),
                          int64_t{9200000000000000000}, std::numeric_limits<int64_t>::min()));
}

TEST(CastTest, BoolAndIntegerConversions) {
  auto to_bool = RunOp(OpKind::kCast, Params({{"to", DType::kBool}}), {Ints32({4}, {0, 3, -1, 0})});
  ASSERT_TRUE(to_bool.ok()) << to_bool.status().ToString();
  EXPECT_EQ((*to_bool)[0].dtype(), DType::kBool);
  EXPECT_THAT(Values<uint8_t>((*to_bool)[0]), ElementsAre(0, 1, 1, 0));
  auto from_bool = RunOp(OpKind::kCast, Params({{"to", DType::kFloat32}}), {Bools({3}, {1, 0, 2})});
  ASSERT_TRUE(from_bool.ok()) << from_bool.status().ToString();
  EXPECT_THAT(Values<float>((*from_bool)[0]), ElementsAre(1, 0, 1));
  auto wrap = RunOp(OpKind::kCast, Params({{"to", DType::kInt8}}), {Ints64({2}, {300, -129})});
  ASSERT_TRUE(wrap.ok()) << wrap.status().ToString();
  EXPECT_THAT(Values<int8_t>((*wrap)[0]), ElementsAre(44, 127));
  auto widen = RunOp(OpKind::kCast, Params({{"to", DType::kFloat64}}), {Ints64({1}, {-7})});
  ASSERT_TRUE(widen.ok()) << widen.status().ToString();
  EXPECT_THAT(Values<double>((*widen)[0]), ElementsAre(-7.0));
  auto same = RunOp(OpKind::kCast, Params({{"to", DType::kInt32}}), {Ints32({2}, {4, 5})});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_THAT(Values<int32_t>((*same)[0]), ElementsAre(4, 5));
}

TEST(CastTest, RejectsMissingOrUnsupportedTypes) {
  const TensorType x = Type(DType::kFloat32, {K(2)});
  EXPECT_THAT(ErrorOf(Infer(OpKind::kCast, {}, {x})), HasSubstr("needs the param 'to'"));
  auto text = Infer(OpKind::kCast, Params({{"to", DType::kString}}), {x});
  EXPECT_THAT(ErrorOf(text), HasSubstr("Cast from float32 to string is not supported"));
  auto shape =
      Infer(OpKind::kCast, Params({{"to", DType::kInt64}}), {Type(DType::kFloat32, {U(), K(3)})});
  ASSERT_TRUE(shape.ok());
  EXPECT_EQ((*shape)[0].dtype, DType::kInt64);
  EXPECT_EQ((*shape)[0].shape.ToString(), "[?,3]");
}

// ---- ArgMax / ArgMin ----

TEST(ArgReduceTest, FirstIndexWinsOnTies) {
  const ir::Tensor x = Floats({2, 3}, {1, 3, 3, 4, 0, -1});
  auto max = RunOp(OpKind::kArgMax, Params({{"axis", I(1)}}), {x});
  ASSERT_TRUE(max.ok()) << max.status().ToString();
  EXPECT_EQ((*max)[0].dtype(), DType::kInt64);
  EXPECT_THAT((*max)[0].sizes(), ElementsAre(2));
  EXPECT_THAT(Values<int64_t>((*max)[0]), ElementsAre(1, 0));
  auto min = RunOp(OpKind::kArgMin, Params({{"axis", I(-1)}}), {x});
  ASSERT_TRUE(min.ok()) << min.status().ToString();
  EXPECT_THAT(Values<int64_t>((*min)[0]), ElementsAre(0, 2));
  auto tie = RunOp(OpKind::kArgMin, {}, {Ints32({3}, {2, 2, 2})});
  ASSERT_TRUE(tie.ok()) << tie.status().ToString();
  EXPECT_THAT(Values<int64_t>((*tie)[0]), ElementsAre(0));
}

TEST(ArgReduceTest, KeepdimsAxisZeroAndInt32Output) {
  auto out = RunOp(OpKind::kArgMax,
                   Params({{"axis", I(0)}, {"keepdims", true}, {"out_dtype", DType::kInt32}}),
                   {Ints32({2, 3}, {1, 9, 3, 4, 0, 3})});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)[0].dtype(), DType::kInt32);
  EXPECT_THAT((*out)[0].sizes(), ElementsAre(1, 3));
  EXPECT_THAT(Values<int32_t>((*out)[0]), ElementsAre(1, 0, 0));
}

TEST(ArgReduceTest, RejectsBadAxisEmptyAxisAndTypes) {
  EXPECT_THAT(ErrorOf(Infer(OpKind::kArgMax, Params({{"axis", I(2)}}),
                            {Type(DType::kFloat32, {K(2), K(3)})})),
              HasSubstr("axis 2 is out of range for rank 2"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kArgMin, Params({{"axis", I(1)}}),
                            {Type(DType::kFloat32, {K(2), K(0)})})),
              HasSubstr("axis 1 is empty"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kArgMax, {}, {Type(DType::kBool, {K(2)})})),
              HasSubstr("dtype bool is not supported"));
  EXPECT_THAT(ErrorOf(Infer(OpKind::kArgMax, Params({{"out_dtype", DType::kFloat32}}),
                            {Type(DType::kFloat32, {K(2)})})),
              HasSubstr("out_dtype must be int32 or int64"));
}

// ---- Cost ----

ops::OpCost Cost(OpKind kind, std::vector<TensorType> operands, std::vector<TensorType> outputs) {
  return testing::CostOf(kind, {}, operands, outputs);
}

TEST(ManipulationCostTest, DataMovementHasNoFlops) {
  // Pack of two float32 [2,3] into [2,2,3]: 48 bytes read, 48 written.
  const TensorType part = Type(DType::kFloat32, {K(2), K(3)});
  ops::OpCost pack = Cost(OpKind::kPack, {part, part}, {Type(DType::kFloat32, {K(2), K(2), K(3)})});
  EXPECT_EQ(pack.flops, 0);
  EXPECT_EQ(pack.bytes_read, 48);
  EXPECT_EQ(pack.bytes_written, 48);
  // Gather reads only the rows it copies: 2 rows of 128 floats (1024 bytes) from a
  // 1000-row table, plus 2 int32 indices.
  ops::OpCost gather =
      Cost(OpKind::kGather, {Type(DType::kFloat32, {K(1000), K(128)}), Type(DType::kInt32, {K(2)})},
           {Type(DType::kFloat32, {K(2), K(128)})});
  EXPECT_EQ(gather.flops, 0);
  EXPECT_EQ(gather.bytes_read, 1024 + 8);
  EXPECT_EQ(gather.bytes_written, 1024);
  // ArgMax compares each of 6 inputs once and writes 2 int64.
  ops::OpCost arg =
      Cost(OpKind::kArgMax, {Type(DType::kFloat32, {K(2), K(3)})}, {Type(DType::kInt64, {K(2)})});
  EXPECT_EQ(arg.flops, 6);
  EXPECT_EQ(arg.bytes_read, 24);
  EXPECT_EQ(arg.bytes_written, 16);
  // Cast float32 -> int8 of 10 elements: 40 bytes in, 10 out.
  ops::OpCost cast =
      Cost(OpKind::kCast, {Type(DType::kFloat32, {K(10)})}, {Type(DType::kInt8, {K(10)})});
  EXPECT_EQ(cast.flops, 0);
  EXPECT_EQ(cast.bytes_read, 40);
  EXPECT_EQ(cast.bytes_written, 10);
}

// ---- TensorFlow rows ----

StatusOr<ir::Graph> ImportText(const std::string& text) {
  return ::mb::testing::ImportTextGraph(text);
}

const ir::Node& NodeNamed(const ir::Graph& graph, const std::string& name) {
  std::optional<ir::NodeId> id = graph.FindNode(name);
  EXPECT_TRUE(id.has_value()) << name;
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
  EXPECT_TRUE(it != node.params.end() && it->second.Is<T>()) << node.name << ": " << name;
  return it != node.params.end() && it->second.Is<T>() ? it->second.Get<T>() : T{};
}

constexpr char kTfGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "two"
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
          tensor_shape {}
          int_val: 2
        }
      }
    }
  }
  node {
    name: "minus_one"
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
          tensor_shape {}
          int_val: -1
        }
      }
    }
  }
  node {
    name: "sizes"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT64 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT64
          tensor_shape { dim { size: 2 } }
          int64_val: 1
          int64_val: -1
        }
      }
    }
  }
  node {
    name: "indices"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "squeeze"
    op: "Squeeze"
    input: "x"
    attr {
      key: "squeeze_dims"
      value { list { i: 0 i: 2 } }
    }
  }
  node { name: "expand" op: "ExpandDims" input: "x" input: "minus_one" }
  node { name: "read" op: "Identity" input: "two" }
  node {
    name: "split"
    op: "Split"
    input: "read"
    input: "x"
    attr {
      key: "num_split"
      value { i: 3 }
    }
  }
  node {
    name: "split_v"
    op: "SplitV"
    input: "x"
    input: "sizes"
    input: "two"
    attr {
      key: "num_split"
      value { i: 2 }
    }
  }
  node {
    name: "unpack"
    op: "Unpack"
    input: "x"
    attr {
      key: "num"
      value { i: 4 }
    }
    attr {
      key: "axis"
      value { i: 1 }
    }
  }
  node { name: "use" op: "AddV2" input: "unpack:3" input: "split:1" }
  node {
    name: "pack"
    op: "Pack"
    input: "x"
    input: "x"
    attr {
      key: "axis"
      value { i: -1 }
    }
  }
  node {
    name: "gather"
    op: "GatherV2"
    input: "x"
    input: "indices"
    input: "two"
    attr {
      key: "batch_dims"
      value { i: 0 }
    }
  }
  node {
    name: "gather_batched"
    op: "GatherV2"
    input: "x"
    input: "indices"
    input: "two"
    attr {
      key: "batch_dims"
      value { i: 1 }
    }
  }
  node { name: "gather_v1" op: "Gather" input: "x" input: "indices" }
  node {
    name: "argmax"
    op: "ArgMax"
    input: "x"
    input: "minus_one"
    attr {
      key: "output_type"
      value { type: DT_INT32 }
    }
  }
  node { name: "argmin" op: "ArgMin" input: "x" input: "two" }
  node { name: "argmax_runtime_axis" op: "ArgMax" input: "x" input: "indices" }
  node {
    name: "cast"
    op: "Cast"
    input: "x"
    attr {
      key: "DstT"
      value { type: DT_INT64 }
    }
    attr {
      key: "SrcT"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "one_hot"
    op: "OneHot"
    input: "indices"
    input: "two"
    input: "x"
    input: "x"
    attr {
      key: "axis"
      value { i: 0 }
    }
  }
  node { name: "slice" op: "Slice" input: "x" input: "sizes" input: "sizes" }
  node { name: "range" op: "Range" input: "minus_one" input: "two" input: "two" }
)pb";

TEST(TfManipulationRowsTest, AxisInputsBecomeParams) {
  auto graph = ImportText(kTfGraph);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();

  const ir::Node& squeeze = NodeNamed(*graph, "squeeze");
  EXPECT_EQ(squeeze.kind, OpKind::kSqueeze);
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(squeeze, "axes"), ElementsAre(0, 2));
  EXPECT_THAT(OperandNames(*graph, squeeze), ElementsAre("x"));

  const ir::Node& expand = NodeNamed(*graph, "expand");
  EXPECT_EQ(expand.kind, OpKind::kUnsqueeze);
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(expand, "axes"), ElementsAre(-1));
  EXPECT_THAT(OperandNames(*graph, expand), ElementsAre("x"));

  const ir::Node& pack = NodeNamed(*graph, "pack");
  EXPECT_EQ(pack.kind, OpKind::kPack);
  EXPECT_EQ(ParamOf<int64_t>(pack, "axis"), -1);
  EXPECT_THAT(OperandNames(*graph, pack), ElementsAre("x", "x"));

  const ir::Node& gather = NodeNamed(*graph, "gather");
  EXPECT_EQ(gather.kind, OpKind::kGather);
  EXPECT_EQ(ParamOf<int64_t>(gather, "axis"), 2);
  EXPECT_THAT(OperandNames(*graph, gather), ElementsAre("x", "indices"));
  const ir::Node& gather_v1 = NodeNamed(*graph, "gather_v1");
  EXPECT_EQ(gather_v1.kind, OpKind::kGather);
  EXPECT_EQ(ParamOf<int64_t>(gather_v1, "axis"), 0);

  const ir::Node& argmax = NodeNamed(*graph, "argmax");
  EXPECT_EQ(argmax.kind, OpKind::kArgMax);
  EXPECT_EQ(ParamOf<int64_t>(argmax, "axis"), -1);
  EXPECT_EQ(ParamOf<DType>(argmax, "out_dtype"), DType::kInt32);
  EXPECT_THAT(OperandNames(*graph, argmax), ElementsAre("x"));
  const ir::Node& argmin = NodeNamed(*graph, "argmin");
  EXPECT_EQ(argmin.kind, OpKind::kArgMin);
  EXPECT_EQ(ParamOf<DType>(argmin, "out_dtype"), DType::kInt64);  // TF's default

  const ir::Node& cast = NodeNamed(*graph, "cast");
  EXPECT_EQ(cast.kind, OpKind::kCast);
  EXPECT_EQ(ParamOf<DType>(cast, "to"), DType::kInt64);

  const ir::Node& one_hot = NodeNamed(*graph, "one_hot");
  EXPECT_EQ(one_hot.kind, OpKind::kOneHot);
  EXPECT_EQ(ParamOf<int64_t>(one_hot, "axis"), 0);
  EXPECT_THAT(OperandNames(*graph, one_hot), ElementsAre("indices", "two", "x", "x"));

  EXPECT_EQ(NodeNamed(*graph, "slice").kind, OpKind::kSlice);
  EXPECT_THAT(OperandNames(*graph, NodeNamed(*graph, "slice")), ElementsAre("x", "sizes", "sizes"));
  EXPECT_EQ(NodeNamed(*graph, "range").kind, OpKind::kRange);
}

TEST(TfManipulationRowsTest, SplitsAndUnpackGetEveryDeclaredOutput) {
  auto graph = ImportText(kTfGraph);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();

  // Split's axis comes through the Identity read of a Const; only split:1 is consumed.
  const ir::Node& split = NodeNamed(*graph, "split");
  EXPECT_EQ(split.kind, OpKind::kSplit);
  EXPECT_EQ(ParamOf<int64_t>(split, "axis"), 2);
  EXPECT_EQ(split.params.count("splits"), 0u);
  EXPECT_THAT(OperandNames(*graph, split), ElementsAre("x"));
  std::vector<std::string> names;
  for (ir::ValueId id : split.outputs) {
    names.push_back(graph->value(id).name);
    EXPECT_EQ(graph->value(id).producer, *graph->FindNode("split"));
  }
  EXPECT_THAT(names, ElementsAre("split", "split:1", "split:2"));
  EXPECT_EQ(graph->value(split.outputs[2]).output_index, 2);

  const ir::Node& split_v = NodeNamed(*graph, "split_v");
  EXPECT_EQ(split_v.kind, OpKind::kSplit);
  EXPECT_EQ(ParamOf<int64_t>(split_v, "axis"), 2);
  EXPECT_THAT(ParamOf<std::vector<int64_t>>(split_v, "splits"), ElementsAre(1, -1));
  EXPECT_EQ(split_v.outputs.size(), 2u);

  const ir::Node& unpack = NodeNamed(*graph, "unpack");
  EXPECT_EQ(unpack.kind, OpKind::kUnpack);
  EXPECT_EQ(ParamOf<int64_t>(unpack, "axis"), 1);
  EXPECT_EQ(unpack.outputs.size(), 4u);
  // The consumer still reads the value the importer made for unpack:3.
  const ir::Node& use = NodeNamed(*graph, "use");
  EXPECT_EQ(use.inputs[0], unpack.outputs[3]);
}

TEST(TfManipulationRowsTest, UnsupportedFormsSayWhy) {
  auto graph = ImportText(kTfGraph);
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  const ir::Node& batched = NodeNamed(*graph, "gather_batched");
  EXPECT_EQ(batched.kind, OpKind::kUnsupported);
  EXPECT_THAT(batched.unsupported_reason, HasSubstr("batch_dims 1 is not supported"));
  const ir::Node& runtime_axis = NodeNamed(*graph, "argmax_runtime_axis");
  EXPECT_EQ(runtime_axis.kind, OpKind::kUnsupported);
  EXPECT_THAT(runtime_axis.unsupported_reason, HasSubstr("must be a constant"));
}

TEST(TfManipulationRowsTest, HostileOutputCountsAreRefused) {
  auto graph = ImportText(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "huge"
      op: "Unpack"
      input: "x"
      attr {
        key: "num"
        value { i: 1000000000 }
      }
    }
    node {
      name: "few"
      op: "Unpack"
      input: "x"
      attr {
        key: "num"
        value { i: 2 }
      }
    }
    node { name: "use" op: "Identity" input: "few:4" }
    node { name: "none" op: "Unpack" input: "x" }
  )pb");
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  const ir::Node& huge = NodeNamed(*graph, "huge");
  EXPECT_EQ(huge.kind, OpKind::kUnsupported);
  EXPECT_THAT(huge.unsupported_reason, HasSubstr("attr 'num' is 1000000000"));
  EXPECT_EQ(huge.outputs.size(), 1u);
  const ir::Node& few = NodeNamed(*graph, "few");
  EXPECT_EQ(few.kind, OpKind::kUnsupported);
  EXPECT_THAT(few.unsupported_reason, HasSubstr("output 4 is consumed, but attr 'num' is 2"));
  EXPECT_THAT(NodeNamed(*graph, "none").unsupported_reason, HasSubstr("needs the int attr 'num'"));
}

}  // namespace
}  // namespace mb
