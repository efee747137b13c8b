// NaN propagates through ReLU, clip, Max and Min, from either operand, in the reference math
// and in every fast kernel alike (TF and NumPy semantics).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/kernel.h"
#include "ops/op_def.h"

namespace mb {
namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();

// Runs `kind` on a and (if given) b with the reference and with every fast kernel that takes
// the case; returns the outputs, reference first.
std::vector<std::vector<float>> RunAll(ir::OpKind kind, std::vector<float> a, std::vector<float> b,
                                       ir::AttributeMap params = {}) {
  ir::Node node;
  node.name = "n";
  node.op_type = std::string(ir::OpKindName(kind));
  node.kind = kind;
  node.params = std::move(params);
  const int64_t n = static_cast<int64_t>(a.size());
  std::vector<ops::TensorView> inputs = {{ir::DType::kFloat32, {n}, a.data()}};
  if (!b.empty()) inputs.push_back({ir::DType::kFloat32, {n}, b.data()});
  std::vector<std::vector<float>> results;
  std::vector<float> out(n);
  std::vector<ops::TensorView> outputs = {{ir::DType::kFloat32, {n}, out.data()}};
  EXPECT_TRUE(ops::GetOpDef(kind)
                  .compute_reference({node, ops::Params(node.params), inputs, outputs})
                  .ok());
  results.push_back(out);
  bool constants[2] = {false, false};
  kernels::KernelContext context{node,
                                 ops::Params(node.params),
                                 inputs,
                                 outputs,
                                 std::span<const bool>(constants, inputs.size()),
                                 1};
  for (const kernels::KernelFactory* factory : kernels::KernelCandidates(kind)) {
    if (!factory->supports(context)) continue;
    auto kernel = factory->create();
    EXPECT_TRUE(kernel->Prepare(context).ok());
    std::fill(out.begin(), out.end(), 0.0f);
    EXPECT_TRUE(kernel->Run().ok());
    results.push_back(out);
  }
  EXPECT_GE(results.size(), 2u) << "no fast kernel took the case";
  return results;
}

TEST(NanTest, ReluAndClipPropagateNan) {
  for (const auto& out : RunAll(ir::OpKind::kRelu, {kNan, -1, 2}, {})) {
    EXPECT_TRUE(std::isnan(out[0]));
    EXPECT_EQ(out[1], 0.0f);
    EXPECT_EQ(out[2], 2.0f);
  }
  ir::AttributeMap clip{{"min", {0.0f}}, {"max", {6.0f}}};
  for (const auto& out : RunAll(ir::OpKind::kClip, {kNan, -1, 7}, {}, clip)) {
    EXPECT_TRUE(std::isnan(out[0]));
    EXPECT_EQ(out[1], 0.0f);
    EXPECT_EQ(out[2], 6.0f);
  }
}

TEST(NanTest, MaxAndMinPropagateNanFromEitherSide) {
  for (ir::OpKind kind : {ir::OpKind::kMax, ir::OpKind::kMin}) {
    for (const auto& out : RunAll(kind, {kNan, 1, 3}, {1, kNan, 2})) {
      EXPECT_TRUE(std::isnan(out[0])) << ir::OpKindName(kind);
      EXPECT_TRUE(std::isnan(out[1])) << ir::OpKindName(kind);
      EXPECT_EQ(out[2], kind == ir::OpKind::kMax ? 3.0f : 2.0f);
    }
  }
}

}  // namespace
}  // namespace mb
