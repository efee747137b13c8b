// Every registered kernel against the reference math of ops/, on random cases (DESIGN.md,
// "Adding an op", step 3). For each op kind that kernel_list.inc gives a faster kernel, a
// table of cases covers the layouts, paddings, strides, broadcasts and fused activations the
// kernels special-case; each case runs the OpDef's shape function and reference math, then
// every candidate whose Supports() accepts the case, at 1 and at 2 threads. A kind whose
// cases exercise no fast kernel fails, so the test cannot pass vacuously.
//
// Inputs come from std::mt19937 seeded per case (the seed is in every failure message); set
// MODELBENCH_TEST_SEED to try other seeds.
#include "kernels/kernel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ops/op_def.h"
#include "tests/testing/op_testing.h"

namespace mb {
namespace {

using ir::DType;
using ir::OpKind;

// ---- Cases ----

using ::mb::testing::ParamsBuilder;

struct Operand {
  DType dtype = DType::kFloat32;
  std::vector<int64_t> sizes;
  bool constant = false;          // weights and params: readable in Prepare, marked constant
  bool absent = false;            // an absent optional operand (kNoValue)
  std::vector<double> values;     // fixed values; empty: random
  double low = -1.0, high = 1.0;  // range of random values
};

Operand Input(std::vector<int64_t> sizes) { return Operand{.sizes = std::move(sizes)}; }
Operand Weights(std::vector<int64_t> sizes, double low = -1.0, double high = 1.0) {
  return Operand{.sizes = std::move(sizes), .constant = true, .low = low, .high = high};
}
Operand Ints(DType dtype, std::vector<int64_t> sizes, std::vector<double> values) {
  return Operand{
      .dtype = dtype, .sizes = std::move(sizes), .constant = true, .values = std::move(values)};
}
Operand Absent() { return Operand{.absent = true}; }

struct Case {
  std::string name;
  OpKind kind;
  ir::AttributeMap params;
  std::vector<Operand> operands;
  // Terms summed into each output element (conv, matmul): the absolute tolerance grows with
  // its square root, as rounding errors of a sum of random-sign terms do.
  int64_t reduction = 1;
};

std::string Join(const std::vector<int64_t>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ',';
    text += std::to_string(values[i]);
  }
  return text;
}

// ---- Conv ----

struct ConvSpec {
  std::string data_layout = "NHWC";
  std::string filter_layout = "HWIO";
  int64_t batch = 1, channels = 3, height = 7, width = 5;
  int64_t kernel_h = 3, kernel_w = 2;
  int64_t out = 4;  // output channels; for HWIM, the depth multiplier
  int64_t group = 1;
  bool set_group = false;  // pass `group` explicitly
  std::vector<int64_t> strides = {1, 1}, dilations = {1, 1};
  std::string padding = "VALID";
  std::vector<int64_t> pads;
  bool bias = false;
  std::string activation;
  std::optional<float> alpha;
};

Case MakeConv(const ConvSpec& s) {
  ParamsBuilder params;
  params.Set("data_layout", s.data_layout)
      .Set("filter_layout", s.filter_layout)
      .Set("strides", s.strides)
      .Set("dilations", s.dilations)
      .Set("padding", s.padding);
  if (!s.pads.empty()) params.Set("pads", s.pads);
  if (s.set_group) params.Set("group", s.group);
  if (!s.activation.empty()) params.Set("activation", s.activation);
  if (s.alpha) params.Set("alpha", *s.alpha);
  const std::vector<int64_t> x = s.data_layout == "NHWC"
                                     ? std::vector<int64_t>{s.batch, s.height, s.width, s.channels}
                                     : std::vector<int64_t>{s.batch, s.channels, s.height, s.width};
  std::vector<int64_t> w;
  int64_t out_channels = s.out, in_per_group = s.channels / s.group;
  if (s.filter_layout == "HWIO") {
    w = {s.kernel_h, s.kernel_w, in_per_group, s.out};
  } else if (s.filter_layout == "OIHW") {
    w = {s.out, in_per_group, s.kernel_h, s.kernel_w};
  } else {  // HWIM
    w = {s.kernel_h, s.kernel_w, s.channels, s.out};
    out_channels = s.channels * s.out;
    in_per_group = 1;
  }
  Case c{.kind = OpKind::kConv,
         .params = params.map(),
         .operands = {Input(x), Weights(w), s.bias ? Weights({out_channels}) : Absent()},
         .reduction = in_per_group * s.kernel_h * s.kernel_w};
  std::ostringstream name;
  name << "Conv " << s.data_layout << "/" << s.filter_layout << " x[" << Join(x) << "] w["
       << Join(w) << "] strides " << Join(s.strides) << " dilations " << Join(s.dilations) << " "
       << s.padding << (s.pads.empty() ? "" : " pads " + Join(s.pads))
       << (s.set_group ? " group " + std::to_string(s.group) : "") << (s.bias ? " bias" : "")
       << (s.activation.empty() ? "" : " " + s.activation)
       << (s.alpha ? " alpha " + std::to_string(*s.alpha) : "");
  c.name = name.str();
  return c;
}

std::vector<Case> ConvCases() {
  std::vector<ConvSpec> specs = {
      // NHWC, HWIO: the TF layout. 7x5 input, 3x2 kernel.
      {},
      {.batch = 2, .strides = {2, 2}, .padding = "SAME", .bias = true, .activation = "Relu"},
      {.batch = 2,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 5,
       .padding = "EXPLICIT",
       .pads = {1, 2, 0, 1},
       .bias = true,
       .activation = "Relu6"},
      {.channels = 4,
       .height = 9,
       .width = 8,
       .kernel_h = 3,
       .kernel_w = 3,
       .dilations = {2, 2},
       .padding = "SAME",
       .activation = "LeakyRelu",
       .alpha = 0.1f},
      {.channels = 4,
       .height = 9,
       .width = 8,
       .strides = {2, 2},
       .dilations = {2, 2},
       .activation = "Elu"},
      {.batch = 2,
       .channels = 4,
       .out = 6,
       .group = 2,
       .set_group = true,
       .padding = "SAME",
       .bias = true,
       .activation = "Sigmoid"},
      {.channels = 8,
       .height = 6,
       .width = 6,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 12,
       .group = 4,
       .strides = {2, 2},
       .activation = "Tanh"},
      // 1x1, stride 2.
      {.batch = 2, .channels = 8, .kernel_h = 1, .kernel_w = 1, .out = 16, .strides = {2, 2}},
      // A kernel larger than the input under SAME padding.
      {.channels = 2,
       .height = 3,
       .width = 2,
       .kernel_h = 5,
       .kernel_w = 5,
       .out = 3,
       .padding = "SAME",
       .bias = true},
      // Depthwise (HWIM), multiplier 1 and 2, and a single input channel (one group).
      {.filter_layout = "HWIM",
       .batch = 2,
       .channels = 5,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 1,
       .strides = {2, 2},
       .padding = "SAME",
       .bias = true,
       .activation = "Relu6"},
      {.filter_layout = "HWIM",
       .height = 9,
       .width = 7,
       .out = 2,
       .dilations = {2, 2},
       .bias = true,
       .activation = "Sigmoid"},
      {.filter_layout = "HWIM",
       .batch = 2,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 2,
       .padding = "EXPLICIT",
       .pads = {0, 1, 2, 1},
       .activation = "Elu"},
      {.filter_layout = "HWIM",
       .channels = 1,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 4,
       .padding = "SAME"},
      // NHWC with the ONNX filter layout.
      {.filter_layout = "OIHW",
       .kernel_h = 2,
       .kernel_w = 3,
       .strides = {1, 2},
       .padding = "SAME",
       .bias = true,
       .activation = "LeakyRelu",
       .alpha = 0.3f},
      // NCHW: the ONNX layout, and with every filter layout.
      {.data_layout = "NCHW",
       .filter_layout = "OIHW",
       .batch = 2,
       .bias = true,
       .activation = "Tanh"},
      {.data_layout = "NCHW",
       .filter_layout = "OIHW",
       .channels = 6,
       .out = 9,
       .group = 3,
       .set_group = true,
       .strides = {2, 2},
       .padding = "SAME",
       .activation = "LeakyRelu"},
      {.data_layout = "NCHW",
       .batch = 2,
       .dilations = {2, 2},
       .padding = "SAME",
       .bias = true,
       .activation = "Relu"},
      {.data_layout = "NCHW",
       .filter_layout = "HWIM",
       .batch = 2,
       .channels = 4,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 2,
       .strides = {2, 2},
       .padding = "EXPLICIT",
       .pads = {1, 1, 1, 1},
       .bias = true},
      {.data_layout = "NCHW",
       .channels = 4,
       .out = 6,
       .group = 2,
       .strides = {2, 1},
       .padding = "EXPLICIT",
       .pads = {2, 0, 1, 0},
       .activation = "Elu"},
      // Larger: long reductions, work enough for threads.
      {.batch = 2,
       .channels = 16,
       .height = 17,
       .width = 19,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 32,
       .padding = "SAME",
       .bias = true,
       .activation = "Relu"},
      {.filter_layout = "HWIM",
       .batch = 2,
       .channels = 32,
       .height = 17,
       .width = 19,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 1,
       .padding = "SAME",
       .bias = true,
       .activation = "Relu6"},
      {.data_layout = "NCHW",
       .filter_layout = "OIHW",
       .batch = 2,
       .channels = 16,
       .height = 15,
       .width = 13,
       .kernel_h = 3,
       .kernel_w = 3,
       .out = 24,
       .strides = {2, 2},
       .padding = "SAME",
       .bias = true},
  };
  std::vector<Case> cases;
  for (const ConvSpec& spec : specs) cases.push_back(MakeConv(spec));
  return cases;
}

// ---- MatMul ----

Case MakeMatMul(int64_t m, int64_t k, int64_t n, bool trans_a, bool trans_b, bool bias,
                const std::string& activation = "", std::optional<float> alpha = std::nullopt,
                std::vector<int64_t> batch = {}) {
  ParamsBuilder params;
  params.Set("trans_a", trans_a).Set("trans_b", trans_b);
  if (!activation.empty()) params.Set("activation", activation);
  if (alpha) params.Set("alpha", *alpha);
  std::vector<int64_t> a = batch, b;
  a.push_back(trans_a ? k : m);
  a.push_back(trans_a ? m : k);
  b = {trans_b ? n : k, trans_b ? k : n};
  Case c{.kind = OpKind::kMatMul,
         .params = params.map(),
         .operands = {Input(a), Weights(b), bias ? Weights({n}) : Absent()},
         .reduction = k};
  c.name = "MatMul a[" + Join(a) + "] b[" + Join(b) + "]" + (trans_a ? " trans_a" : "") +
           (trans_b ? " trans_b" : "") + (bias ? " bias" : "") +
           (activation.empty() ? "" : " " + activation) +
           (alpha ? " alpha " + std::to_string(*alpha) : "");
  return c;
}

// Both operands with their own batch dimensions; B is not constant (an activation).
Case MakeBatchedMatMul(std::vector<int64_t> a_batch, std::vector<int64_t> b_batch, int64_t m,
                       int64_t k, int64_t n, bool trans_a, bool trans_b, bool bias,
                       const std::string& activation = "") {
  Case c = MakeMatMul(m, k, n, trans_a, trans_b, bias, activation, std::nullopt, a_batch);
  std::vector<int64_t> b = b_batch;
  b.push_back(trans_b ? n : k);
  b.push_back(trans_b ? k : n);
  c.operands[1] = Input(b);
  std::ostringstream name;
  name << "MatMul a[" << Join(c.operands[0].sizes) << "] b[" << Join(b) << "]"
       << (trans_a ? " trans_a" : "") << (trans_b ? " trans_b" : "") << (bias ? " bias" : "")
       << (activation.empty() ? "" : " ") << activation;
  c.name = name.str();
  return c;
}

std::vector<Case> MatMulCases() {
  return {
      MakeMatMul(5, 7, 3, false, false, false),
      MakeMatMul(5, 7, 3, true, false, false),
      MakeMatMul(5, 7, 3, false, true, false),
      MakeMatMul(5, 7, 3, true, true, true, "Relu"),
      MakeMatMul(6, 9, 4, false, false, true, "Relu6"),
      MakeMatMul(6, 9, 4, false, true, true, "LeakyRelu", 0.05f),
      MakeMatMul(6, 9, 4, true, false, false, "Elu"),
      MakeMatMul(3, 11, 8, false, false, true, "Sigmoid"),
      MakeMatMul(3, 11, 8, true, true, false, "Tanh"),
      MakeMatMul(1, 64, 10, false, false, true),
      MakeMatMul(33, 65, 17, false, true, true, "Relu"),
      MakeMatMul(64, 256, 96, true, false, true),
      // Batched A against a 2-D B: the batch folds into M, also through a transposed A.
      MakeMatMul(4, 6, 3, false, false, true, "", std::nullopt, {2}),
      MakeMatMul(4, 6, 3, true, true, true, "Relu", std::nullopt, {3}),
      MakeMatMul(7, 33, 20, false, true, false, "", std::nullopt, {2, 3}),
      MakeMatMul(197, 64, 48, false, false, true, "", std::nullopt, {1}),
      // Both operands batched (attention), broadcast batches, transposes.
      MakeBatchedMatMul({3}, {3}, 5, 7, 4, false, false, false),
      MakeBatchedMatMul({2, 3}, {2, 3}, 6, 9, 5, true, false, true),
      MakeBatchedMatMul({2, 3}, {2, 3}, 6, 9, 5, false, true, false),
      MakeBatchedMatMul({4}, {4}, 5, 8, 3, true, true, true, "Sigmoid"),
      MakeBatchedMatMul({1, 12}, {1, 12}, 17, 16, 17, false, false, false),
      MakeBatchedMatMul({2, 3}, {1, 1}, 4, 5, 6, false, false, false),  // B broadcast
      MakeBatchedMatMul({2, 3}, {}, 4, 5, 6, true, false, true),        // B 2-D, A transposed
      MakeBatchedMatMul({1}, {3}, 4, 5, 6, false, false, false),        // A broadcast
      MakeBatchedMatMul({}, {2, 3}, 4, 5, 6, false, true, true),        // A 2-D
      // Kernels may decline: mixed broadcasts, 1-D operands, empty products.
      MakeBatchedMatMul({3}, {2, 1}, 4, 5, 6, false, false, false),
      MakeBatchedMatMul({2, 1}, {1, 3}, 4, 5, 6, false, false, false),
      MakeBatchedMatMul({2, 3}, {3}, 4, 5, 6, false, false, false),
      Case{.name = "MatMul a[5] b[2,5,3] (1-D A)",
           .kind = OpKind::kMatMul,
           .operands = {Input({5}), Input({2, 5, 3})},
           .reduction = 5},
      Case{.name = "MatMul a[2,4,5] b[5] (1-D B)",
           .kind = OpKind::kMatMul,
           .operands = {Input({2, 4, 5}), Input({5})},
           .reduction = 5},
      MakeBatchedMatMul({2}, {2}, 0, 5, 3, false, false, false),
  };
}

// ---- BatchNormalization, BiasAdd ----

Case MakeBatchNorm(const std::string& layout, std::vector<int64_t> x,
                   std::optional<float> epsilon = std::nullopt) {
  const int64_t channels = layout == "NHWC" ? x.back() : x[1];
  ParamsBuilder params;
  params.Set("data_layout", layout);
  if (epsilon) params.Set("epsilon", *epsilon);
  return Case{.name = "BatchNormalization " + layout + " x[" + Join(x) + "]" +
                      (epsilon ? " epsilon " + std::to_string(*epsilon) : ""),
              .kind = OpKind::kBatchNormalization,
              .params = params.map(),
              .operands = {Input(x), Weights({channels}, 0.5, 1.5), Weights({channels}),
                           Weights({channels}), Weights({channels}, 0.1, 2.0)}};
}

std::vector<Case> BatchNormCases() {
  return {
      MakeBatchNorm("NHWC", {2, 5, 7, 3}),    MakeBatchNorm("NCHW", {2, 3, 5, 7}, 1e-3f),
      MakeBatchNorm("NHWC", {6, 10}),         MakeBatchNorm("NCHW", {2, 4, 9}),
      MakeBatchNorm("NHWC", {2, 32, 32, 40}), MakeBatchNorm("NCHW", {2, 40, 32, 32}, 1e-3f),
  };
}

Case MakeBiasAdd(const std::string& layout, std::vector<int64_t> x) {
  const int64_t channels = layout == "NHWC" ? x.back() : x[1];
  return Case{.name = "BiasAdd " + layout + " x[" + Join(x) + "]",
              .kind = OpKind::kBiasAdd,
              .params = ParamsBuilder().Set("data_layout", layout).map(),
              .operands = {Input(x), Weights({channels})}};
}

std::vector<Case> BiasAddCases() {
  return {
      MakeBiasAdd("NHWC", {2, 5, 7, 3}),    MakeBiasAdd("NCHW", {2, 3, 5, 7}),
      MakeBiasAdd("NHWC", {6, 10}),         MakeBiasAdd("NHWC", {9}),
      MakeBiasAdd("NCHW", {2, 4, 9}),       MakeBiasAdd("NHWC", {2, 32, 32, 40}),
      MakeBiasAdd("NCHW", {2, 40, 32, 32}),
  };
}

// ---- Relu, Clip ----

Case MakeUnary(OpKind kind, std::vector<int64_t> x, ParamsBuilder params = {},
               const std::string& note = "") {
  Operand in = Input(x);
  in.low = -8.0, in.high = 8.0;
  return Case{.name = std::string(ir::OpKindName(kind)) + " x[" + Join(x) + "]" + note,
              .kind = kind,
              .params = params.map(),
              .operands = {in}};
}

std::vector<Case> ReluCases() {
  return {MakeUnary(OpKind::kRelu, {2, 7, 5, 3}), MakeUnary(OpKind::kRelu, {17}),
          MakeUnary(OpKind::kRelu, {2, 32, 32, 40})};
}

std::vector<Case> ClipCases() {
  return {
      MakeUnary(OpKind::kClip, {2, 7, 5, 3}, ParamsBuilder().Set("min", -0.5f).Set("max", 0.25f),
                " min -0.5 max 0.25"),
      MakeUnary(OpKind::kClip, {2, 7, 5, 3}, ParamsBuilder().Set("min", 0.0f).Set("max", 6.0f),
                " min 0 max 6"),
      MakeUnary(OpKind::kClip, {17}, ParamsBuilder().Set("min", 1.0f), " min 1"),
      MakeUnary(OpKind::kClip, {17}, ParamsBuilder().Set("max", -1.0f), " max -1"),
      MakeUnary(OpKind::kClip, {3, 5}, {}, " no bounds"),
      MakeUnary(OpKind::kClip, {2, 32, 32, 40}, ParamsBuilder().Set("min", -2.0f).Set("max", 3.0f),
                " min -2 max 3"),
  };
}

// ---- Add, Sub, Mul, Max, Min ----

std::vector<Case> BinaryCases(OpKind kind) {
  const std::vector<std::pair<std::vector<int64_t>, std::vector<int64_t>>> shapes = {
      {{2, 7, 5, 3}, {2, 7, 5, 3}},        // same shape
      {{2, 7, 5, 3}, {3}},                 // per-channel vector
      {{2, 7, 5, 3}, {1, 1, 1, 3}},        // vector with leading 1s
      {{2, 7, 5, 3}, {5, 3}},              // trailing dimensions
      {{17}, {17}},                        // rank 1
      {{2, 7, 5, 3}, {1}},                 // scalar-like: kernels may decline
      {{3}, {2, 5, 3}},                    // first operand broadcast: kernels may decline
      {{2, 7, 5, 3}, {7, 1, 3}},           // middle broadcast: kernels may decline
      {{2, 32, 32, 40}, {2, 32, 32, 40}},  // enough work for threads
      {{2, 32, 32, 40}, {40}},
      // ONNX exports: per-row (layer norm), per-channel NCHW (squeeze-and-excitation),
      // scalars on either side, both operands broadcast.
      {{2, 5, 7}, {2, 5, 1}},
      {{2, 3, 5, 7}, {1, 3, 1, 1}},
      {{2, 3, 5, 7}, {}},
      {{}, {2, 3, 5, 7}},
      {{768}, {197, 1, 768}},
      {{2, 1, 3}, {1, 4, 1}},
      {{1, 40, 32, 32}, {1, 40, 1, 1}},
      {{4, 197, 96}, {4, 197, 1}},
      // Too many alternating broadcasts to collapse: kernels may decline.
      {{2, 1, 2, 1, 2, 1, 2, 1}, {1, 2, 1, 2, 1, 2, 1, 2}},
  };
  std::vector<Case> cases;
  for (const auto& [a, b] : shapes) {
    cases.push_back(
        Case{.name = std::string(ir::OpKindName(kind)) + " a[" + Join(a) + "] b[" + Join(b) + "]",
             .kind = kind,
             .operands = {Input(a), Input(b)}});
  }
  // ONNX's Max and Min take any number of operands: kernels for two must decline these.
  if (kind == OpKind::kMax || kind == OpKind::kMin) {
    const std::string name(ir::OpKindName(kind));
    cases.push_back(Case{.name = name + " of three",
                         .kind = kind,
                         .operands = {Input({2, 7, 5, 3}), Input({3}), Input({2, 7, 5, 3})}});
    cases.push_back(Case{.name = name + " of one", .kind = kind, .operands = {Input({17})}});
  }
  return cases;
}

// ---- MaxPool, AveragePool ----

Case MakePool(OpKind kind, std::vector<int64_t> x, std::vector<int64_t> kernel,
              std::vector<int64_t> strides, const std::string& padding,
              std::vector<int64_t> pads = {}, const std::string& layout = "NHWC") {
  ParamsBuilder params;
  params.Set("data_layout", layout)
      .Set("kernel", kernel)
      .Set("strides", strides)
      .Set("padding", padding);
  if (!pads.empty()) params.Set("pads", pads);
  return Case{.name = std::string(ir::OpKindName(kind)) + " " + layout + " x[" + Join(x) +
                      "] kernel " + Join(kernel) + " strides " + Join(strides) + " " + padding +
                      (pads.empty() ? "" : " pads " + Join(pads)),
              .kind = kind,
              .params = params.map(),
              .operands = {Input(x)}};
}

std::vector<Case> PoolCases(OpKind kind) {
  std::vector<Case> cases = {
      MakePool(kind, {1, 7, 5, 3}, {3, 3}, {2, 2}, "SAME"),
      MakePool(kind, {2, 7, 5, 3}, {3, 3}, {2, 2}, "VALID"),
      MakePool(kind, {2, 7, 5, 4}, {2, 2}, {2, 2}, "SAME"),
      MakePool(kind, {1, 6, 6, 2}, {3, 3}, {1, 1}, "SAME"),
      MakePool(kind, {2, 7, 5, 3}, {2, 3}, {2, 1}, "VALID"),
      MakePool(kind, {1, 7, 5, 3}, {3, 3}, {2, 2}, "EXPLICIT", {1, 0, 2, 1}),
      // Padding as large as the window: some windows hold no input at all.
      MakePool(kind, {1, 3, 3, 2}, {2, 2}, {1, 1}, "EXPLICIT", {2, 1, 1, 2}),
      MakePool(kind, {1, 3, 2, 2}, {5, 5}, {1, 1}, "SAME"),
      // Strides larger than the window skip inputs; a 1x1 window subsamples.
      MakePool(kind, {2, 8, 7, 3}, {2, 2}, {3, 3}, "SAME"),
      MakePool(kind, {1, 7, 5, 3}, {1, 1}, {2, 2}, "VALID"),
      // NCHW: our kernels are NHWC only and must decline.
      MakePool(kind, {2, 3, 7, 5}, {3, 3}, {2, 2}, "SAME", {}, "NCHW"),
      // Enough work for threads.
      MakePool(kind, {2, 33, 33, 64}, {3, 3}, {1, 1}, "SAME"),
      MakePool(kind, {2, 65, 63, 32}, {3, 3}, {2, 2}, "VALID"),
  };
  // ONNX's forms: ceil_mode (a last window hanging over the end), count_include_pad, global.
  std::vector<Case> onnx = {
      MakePool(kind, {1, 8, 8, 3}, {3, 3}, {2, 2}, "EXPLICIT", {0, 0, 0, 0}),
      MakePool(kind, {1, 7, 6, 3}, {3, 3}, {2, 2}, "EXPLICIT", {1, 1, 1, 0}),
      MakePool(kind, {2, 5, 5, 4}, {2, 2}, {2, 2}, "EXPLICIT", {1, 0, 0, 1}),
      MakePool(kind, {2, 6, 5, 3}, {1, 1}, {1, 1}, "VALID"),
  };
  onnx[0].params["ceil_mode"] = ir::Attribute{true};
  onnx[0].name += " ceil_mode";
  onnx[1].params["ceil_mode"] = ir::Attribute{true};
  onnx[1].params["count_include_pad"] = ir::Attribute{true};
  onnx[1].name += " ceil_mode count_include_pad";
  onnx[2].params["count_include_pad"] = ir::Attribute{true};
  onnx[2].name += " count_include_pad";
  onnx[3].params["global"] = ir::Attribute{true};
  onnx[3].name += " global";
  cases.insert(cases.end(), onnx.begin(), onnx.end());
  return cases;
}

// ---- Pad ----

Case MakePad(Operand x, DType pads_dtype, std::vector<int64_t> pads, std::optional<Operand> value,
             const std::string& mode = "") {
  const std::vector<int64_t> x_sizes = x.sizes;
  Case c{.kind = OpKind::kPad};
  if (!mode.empty()) c.params = ParamsBuilder().Set("mode", mode).map();
  c.operands = {std::move(x), Ints(pads_dtype, {static_cast<int64_t>(pads.size() / 2), 2},
                                   std::vector<double>(pads.begin(), pads.end()))};
  if (value) c.operands.push_back(*value);
  c.name = "Pad " + std::string(ir::DTypeName(c.operands[0].dtype)) + " x[" + Join(x_sizes) +
           "] pads " + Join(pads) + " (" + std::string(ir::DTypeName(pads_dtype)) + ")" +
           (!value                  ? ""
            : value->absent         ? " value absent"
            : value->values.empty() ? " value random"
                                    : " value " + std::to_string(value->values[0])) +
           (value && !value->constant && !value->absent ? " (not constant)" : "") +
           (mode.empty() ? "" : " " + mode);
  return c;
}

Operand Scalar(DType dtype, double value, bool constant = true) {
  return Operand{.dtype = dtype, .sizes = {}, .constant = constant, .values = {value}};
}

std::vector<Case> PadCases() {
  Operand int_data{.dtype = DType::kInt32, .sizes = {3, 4}};
  return {
      MakePad(Input({2, 5, 7, 3}), DType::kInt32, {0, 0, 1, 2, 2, 1, 0, 0},
              Scalar(DType::kFloat32, 0.5)),
      MakePad(Input({2, 5, 7, 3}), DType::kInt32, {0, 0, 0, 0, 0, 0, 1, 2}, Absent()),
      MakePad(Input({2, 5, 7, 3}), DType::kInt64, {1, 0, 0, 1, 0, 0, 2, 0}, std::nullopt),
      MakePad(Input({7}), DType::kInt32, {2, 3}, Scalar(DType::kFloat32, -1.0)),
      MakePad(Input({5, 4}), DType::kInt64, {3, 0, 0, 2}, Scalar(DType::kFloat32, 2.5)),
      MakePad(Input({2, 3, 4}), DType::kInt32, {0, 0, 0, 0, 0, 0}, Scalar(DType::kFloat32, 9)),
      MakePad(int_data, DType::kInt32, {1, 1, 2, 0}, Scalar(DType::kInt32, 7)),
      MakePad(Input({}), DType::kInt32, {}, Scalar(DType::kFloat32, 1.0)),  // a scalar
      MakePad(Input({2, 32, 32, 40}), DType::kInt32, {0, 0, 1, 1, 1, 1, 0, 0},
              Scalar(DType::kFloat32, -3.0)),
      // Kernels must decline these: a fill value that is not constant, and other modes.
      MakePad(Input({5, 4}), DType::kInt32, {1, 2, 2, 1}, Scalar(DType::kFloat32, 4.0, false)),
      MakePad(Input({5, 4}), DType::kInt32, {1, 2, 2, 1}, std::nullopt, "REFLECT"),
      MakePad(Input({5, 4}), DType::kInt32, {1, 2, 2, 1}, std::nullopt, "SYMMETRIC"),
  };
}

// ---- ReduceMean, ReduceSum, ReduceMax ----

Case MakeReduce(OpKind kind, std::vector<int64_t> x, std::vector<int64_t> axes, bool axes_operand,
                bool keepdims, bool empty_axes_reduce_all = false) {
  ParamsBuilder params;
  params.Set("keepdims", keepdims);
  if (empty_axes_reduce_all) params.Set("empty_axes_reduce_all", true);
  if (!axes_operand) params.Set("axes", axes);
  Case c{.name = std::string(ir::OpKindName(kind)) + " x[" + Join(x) + "] axes " + Join(axes) +
                 (axes_operand ? " (operand)" : " (param)") + (keepdims ? " keepdims" : "") +
                 (empty_axes_reduce_all ? " empty_axes_reduce_all" : ""),
         .kind = kind,
         .operands = {Input(x)}};
  if (axes_operand) {
    c.operands.push_back(Ints(DType::kInt32, {static_cast<int64_t>(axes.size())},
                              std::vector<double>(axes.begin(), axes.end())));
  }
  c.params = params.map();
  // Terms per output element, for the tolerance.
  const int rank = static_cast<int>(x.size());
  std::vector<bool> reduced(rank, axes.empty() && empty_axes_reduce_all);
  for (int64_t axis : axes) reduced[axis < 0 ? axis + rank : axis] = true;
  for (int i = 0; i < rank; ++i) c.reduction *= reduced[i] ? x[i] : 1;
  return c;
}

std::vector<Case> ReduceCases(OpKind kind) {
  return {
      // Global average pooling: H and W of NHWC.
      MakeReduce(kind, {2, 5, 7, 3}, {1, 2}, false, true),
      MakeReduce(kind, {2, 5, 7, 3}, {1, 2}, true, false),
      MakeReduce(kind, {2, 5, 7, 3}, {-1}, true, true),
      MakeReduce(kind, {2, 5, 7, 3}, {0}, false, false),
      MakeReduce(kind, {2, 5, 7, 3}, {2, 3}, false, false),
      MakeReduce(kind, {6, 10}, {}, false, true, true),
      MakeReduce(kind, {6, 10}, {0, 1}, true, false),
      // Kernels may decline: axes that are not one block, and nothing to reduce.
      MakeReduce(kind, {2, 5, 7, 3}, {1, 3}, false, true),
      MakeReduce(kind, {2, 5, 7, 3}, {}, false, false),
      // Enough work for threads.
      MakeReduce(kind, {2, 32, 32, 40}, {1, 2}, true, true),
      MakeReduce(kind, {64, 1000}, {1}, false, false),
  };
}

// ---- Softmax, LogSoftmax ----

Case MakeSoftmax(OpKind kind, std::vector<int64_t> x, std::optional<int64_t> axis,
                 double range = 4.0) {
  Operand in = Input(x);
  in.low = -range, in.high = range;
  ParamsBuilder params;
  if (axis) params.Set("axis", *axis);
  return Case{.name = std::string(ir::OpKindName(kind)) + " x[" + Join(x) + "]" +
                      (axis ? " axis " + std::to_string(*axis) : "") + " values in +-" +
                      std::to_string(range),
              .kind = kind,
              .params = params.map(),
              .operands = {in}};
}

std::vector<Case> SoftmaxCases(OpKind kind) {
  std::vector<Case> cases = {
      MakeSoftmax(kind, {3}, std::nullopt),
      MakeSoftmax(kind, {2, 7}, std::nullopt),
      MakeSoftmax(kind, {2, 5, 7, 3}, int64_t{3}),
      MakeSoftmax(kind, {4, 10}, int64_t{-1}, 30.0),
      // Not the last axis: kernels may decline.
      MakeSoftmax(kind, {2, 5, 7, 3}, int64_t{1}),
      MakeSoftmax(kind, {4, 10}, int64_t{0}),
      // Enough work for threads.
      MakeSoftmax(kind, {64, 1000}, std::nullopt),
  };
  // ONNX opset < 13: softmax over all axes from `axis` on; kernels may decline unless that
  // is the last axis alone.
  for (int64_t axis : {1, 3}) {
    Case coerced = MakeSoftmax(kind, {2, 5, 7, 3}, axis);
    coerced.name += " coerced to 2-D";
    coerced.params["coerce_2d"] = ir::Attribute{true};
    cases.push_back(std::move(coerced));
  }
  return cases;
}

// ---- Sigmoid, Tanh, HardSigmoid, HardSwish, Erf, Sqrt ----

// `low`..`high`: the range of the random inputs.
Case MakeMath(OpKind kind, std::vector<int64_t> x, double low, double high,
              ParamsBuilder params = {}, const std::string& note = "") {
  Case c = MakeUnary(kind, std::move(x), std::move(params), note);
  c.operands[0].low = low, c.operands[0].high = high;
  c.name += " values in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
  return c;
}

std::vector<Case> UnaryMathCases(OpKind kind) {
  std::vector<Case> cases = {
      // Around 0, where the approximations switch formulas (0.5 for erf, 0.625 for tanh).
      MakeMath(kind, {2, 7, 5, 3}, -1.0, 1.0),
      // The saturating tails, and far beyond them (exp over- and underflow).
      MakeMath(kind, {17}, -8.0, 8.0),
      MakeMath(kind, {3, 50}, -100.0, 100.0),
      MakeMath(kind, {}, -2.0, 2.0),
      // Enough work for threads.
      MakeMath(kind, {2, 32, 32, 40}, -6.0, 6.0),
  };
  if (kind == OpKind::kSqrt) cases.push_back(MakeMath(kind, {2, 7, 5, 3}, 0.0, 1000.0));
  if (kind == OpKind::kHardSigmoid) {
    cases.push_back(MakeMath(kind, {2, 7, 5, 3}, -8.0, 8.0,
                             ParamsBuilder().Set("alpha", 1.0f / 6).Set("beta", 0.5f),
                             " alpha 1/6 beta 0.5"));
    cases.push_back(MakeMath(kind, {17}, -3.0, 3.0,
                             ParamsBuilder().Set("alpha", -0.5f).Set("beta", 0.25f),
                             " alpha -0.5 beta 0.25"));
  }
  return cases;
}

// ---- Pow ----

Case MakePow(std::vector<int64_t> x, Operand exponent, const std::string& note) {
  Operand base = Input(x);
  base.low = 0.0, base.high = 4.0;
  return Case{.name = "Pow x[" + Join(x) + "] " + note,
              .kind = OpKind::kPow,
              .operands = {base, std::move(exponent)}};
}

std::vector<Case> PowCases() {
  Operand square_1d = Scalar(DType::kFloat32, 2.0);
  square_1d.sizes = {1};
  Operand negative_base = Input({17});  // pow of a negative base: NaN for 0.5, x * x for 2
  negative_base.low = -4.0;
  return {
      MakePow({2, 7, 5, 3}, Scalar(DType::kFloat32, 2.0), "exponent 2"),
      MakePow({2, 7, 5, 3}, square_1d, "exponent [2]"),
      MakePow({2, 7, 5, 3}, Scalar(DType::kFloat32, 0.5), "exponent 0.5"),
      MakePow({2, 7, 5, 3}, Scalar(DType::kFloat32, 1.0), "exponent 1"),
      MakePow({2, 7, 5, 3}, Scalar(DType::kFloat32, 3.0), "exponent 3"),
      MakePow({2, 7, 5, 3}, Scalar(DType::kFloat32, -1.5), "exponent -1.5"),
      MakePow({2, 32, 32, 40}, Scalar(DType::kFloat32, 2.0), "exponent 2"),
      Case{.name = "Pow negative base exponent 2",
           .kind = OpKind::kPow,
           .operands = {negative_base, Scalar(DType::kFloat32, 2.0)}},
      Case{.name = "Pow negative base exponent 0.5",
           .kind = OpKind::kPow,
           .operands = {negative_base, Scalar(DType::kFloat32, 0.5)}},
      // Kernels may decline: an exponent that is not constant, or not a scalar.
      MakePow({2, 7, 5, 3}, Scalar(DType::kFloat32, 2.0, false), "exponent 2 (not constant)"),
      MakePow({2, 7, 5, 3}, Weights({3}, 0.5, 2.0), "exponents [3]"),
  };
}

// ---- Transpose ----

Case MakeTranspose(Operand x, std::vector<int64_t> perm) {
  ParamsBuilder params;
  if (!perm.empty()) params.Set("perm", perm);
  return Case{.name = "Transpose " + std::string(ir::DTypeName(x.dtype)) + " x[" + Join(x.sizes) +
                      "] perm " + (perm.empty() ? "default" : Join(perm)),
              .kind = OpKind::kTranspose,
              .params = params.map(),
              .operands = {std::move(x)}};
}

std::vector<Case> TransposeCases() {
  auto typed = [](DType dtype, std::vector<int64_t> sizes) {
    return Operand{.dtype = dtype, .sizes = std::move(sizes)};
  };
  return {
      // NCHW <-> NHWC, attention's head split and merge, the last-two-axes swap.
      MakeTranspose(Input({2, 3, 5, 7}), {0, 2, 3, 1}),
      MakeTranspose(Input({2, 5, 7, 3}), {0, 3, 1, 2}),
      MakeTranspose(Input({2, 5, 3, 7}), {0, 2, 1, 3}),
      MakeTranspose(Input({19, 12, 8}), {1, 0, 2}),
      MakeTranspose(Input({19, 12, 8}), {1, 2, 0}),
      MakeTranspose(Input({3, 4, 19, 21}), {0, 1, 3, 2}),
      MakeTranspose(Input({33, 47}), {}),  // default: reversed; tiles with remainders
      MakeTranspose(Input({33, 47}), {-1, -2}),
      // Size-1 axes: (1, 0, 2) on [1, 19, 8] is a copy; [1, 5, 1, 7] is a 2-D transpose.
      MakeTranspose(Input({1, 19, 8}), {1, 0, 2}),
      MakeTranspose(Input({1, 5, 1, 7}), {2, 3, 0, 1}),
      MakeTranspose(Input({2, 3}), {0, 1}),
      MakeTranspose(Input({}), {}),
      // Units of 12 and 16 bytes (the swapped blocks carry 3 or 4 floats).
      MakeTranspose(Input({4, 5, 3}), {1, 0, 2}),
      MakeTranspose(Input({4, 5, 4}), {1, 0, 2}),
      // Other element sizes.
      MakeTranspose(typed(DType::kInt32, {2, 3, 5, 7}), {0, 2, 3, 1}),
      MakeTranspose(typed(DType::kInt64, {6, 9}), {1, 0}),
      // Enough work for threads.
      MakeTranspose(Input({2, 40, 32, 32}), {0, 2, 3, 1}),
      MakeTranspose(Input({2, 32, 32, 40}), {0, 3, 1, 2}),
      MakeTranspose(Input({197, 12, 64}), {1, 0, 2}),
      // Blocks [0, 1] and [2] swap, [3] rides along.
      MakeTranspose(Input({2, 3, 5, 7}), {2, 0, 1, 3}),
      // Kernels may decline: three or more blocks move.
      MakeTranspose(Input({2, 3, 5, 7}), {3, 2, 1, 0}),
      MakeTranspose(Input({2, 3, 5, 7}), {2, 1, 0, 3}),
  };
}

// ---- Running a case ----

// An operand or output buffer, 8-byte aligned.
struct Buffer {
  DType dtype = DType::kFloat32;
  std::vector<int64_t> sizes;
  std::vector<uint64_t> storage;
  int64_t count = 0;
  bool absent = false;

  static Buffer Make(DType dtype, std::vector<int64_t> sizes) {
    Buffer buffer;
    buffer.dtype = dtype;
    buffer.sizes = std::move(sizes);
    buffer.count = 1;
    for (int64_t s : buffer.sizes) buffer.count *= s;
    buffer.storage.assign((buffer.count * ir::DTypeSize(dtype) + 7) / 8 + 1, 0);
    return buffer;
  }
  void* data() { return absent ? nullptr : storage.data(); }
  const void* data() const { return absent ? nullptr : storage.data(); }
  size_t bytes() const { return count * ir::DTypeSize(dtype); }
  ops::TensorView view() { return ops::TensorView{dtype, sizes, data()}; }

  void Set(int64_t i, double value) {
    switch (dtype) {
      case DType::kFloat32:
        static_cast<float*>(data())[i] = static_cast<float>(value);
        break;
      case DType::kInt32:
        static_cast<int32_t*>(data())[i] = static_cast<int32_t>(value);
        break;
      case DType::kInt64:
        static_cast<int64_t*>(data())[i] = static_cast<int64_t>(value);
        break;
      default:
        FAIL() << "unexpected dtype in a test case";
    }
  }
  // A sentinel that no kernel writes: NaN for floats, a byte pattern otherwise.
  void Poison() {
    if (dtype == DType::kFloat32) {
      for (int64_t i = 0; i < count; ++i) static_cast<float*>(data())[i] = NAN;
    } else {
      std::memset(data(), 0xA5, bytes());
    }
  }
};

Buffer Materialize(const Operand& operand, std::mt19937& rng) {
  if (operand.absent) {
    Buffer buffer;
    buffer.absent = true;
    return buffer;
  }
  Buffer buffer = Buffer::Make(operand.dtype, operand.sizes);
  if (!operand.values.empty()) {
    EXPECT_EQ(static_cast<int64_t>(operand.values.size()), buffer.count);
    for (int64_t i = 0; i < buffer.count; ++i) buffer.Set(i, operand.values[i]);
  } else if (operand.dtype == DType::kFloat32) {
    std::uniform_real_distribution<float> dist(static_cast<float>(operand.low),
                                               static_cast<float>(operand.high));
    for (int64_t i = 0; i < buffer.count; ++i) buffer.Set(i, dist(rng));
  } else {
    std::uniform_int_distribution<int> dist(-100, 100);
    for (int64_t i = 0; i < buffer.count; ++i) buffer.Set(i, dist(rng));
  }
  return buffer;
}

std::string IndexText(const std::vector<int64_t>& sizes, int64_t flat) {
  std::vector<int64_t> index(sizes.size());
  for (int d = static_cast<int>(sizes.size()) - 1; d >= 0; --d) {
    index[d] = flat % sizes[d];
    flat /= sizes[d];
  }
  // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "[" + std::string inlined here.
  std::string text = "[";
  text += Join(index);
  text += ']';
  return text;
}

// Floats: NumPy's allclose rule (|a - e| <= abs + rel * |e|), with equal values (infinities
// included) and NaN against NaN passing. Other dtypes: exact.
::testing::AssertionResult Matches(const Buffer& actual, const Buffer& expected,
                                   double rel_tolerance, double abs_tolerance) {
  if (actual.dtype != DType::kFloat32) {
    const size_t element = ir::DTypeSize(actual.dtype);
    for (int64_t i = 0; i < actual.count; ++i) {
      const char* a = reinterpret_cast<const char*>(actual.data()) + i * element;
      const char* e = reinterpret_cast<const char*>(expected.data()) + i * element;
      if (std::memcmp(a, e, element) != 0) {
        return ::testing::AssertionFailure()
               << "element " << IndexText(expected.sizes, i) << " differs";
      }
    }
    return ::testing::AssertionSuccess();
  }
  const float* a = static_cast<const float*>(actual.data());
  const float* e = static_cast<const float*>(expected.data());
  int64_t failures = 0, worst = -1;
  double worst_excess = 0;
  for (int64_t i = 0; i < actual.count; ++i) {
    if (a[i] == e[i] || (std::isnan(a[i]) && std::isnan(e[i]))) continue;
    const double excess = std::fabs(static_cast<double>(a[i]) - e[i]) -
                          (abs_tolerance + rel_tolerance * std::fabs(e[i]));
    if (excess <= 0) continue;
    ++failures;
    if (worst < 0 || !(excess <= worst_excess)) worst = i, worst_excess = excess;
  }
  if (failures == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << failures << " of " << actual.count << " elements differ; worst at "
         << IndexText(expected.sizes, worst) << ": kernel " << a[worst] << ", reference "
         << e[worst] << " (tolerance " << abs_tolerance << " + " << rel_tolerance << " * |ref|)";
}

uint32_t BaseSeed() {
  const char* text = std::getenv("MODELBENCH_TEST_SEED");
  return text != nullptr ? static_cast<uint32_t>(std::strtoul(text, nullptr, 10)) : 20240611u;
}

constexpr double kRelTolerance = 1e-4;
constexpr double kAbsTolerance = 1e-5;

// Runs one case through the reference and every candidate kernel that supports it; counts
// each fast kernel run into `exercised` (by kernel name).
void CheckCase(const Case& c, uint32_t seed, int threads, std::map<std::string, int>* exercised) {
  SCOPED_TRACE(c.name + " | seed " + std::to_string(seed) + " | threads " +
               std::to_string(threads));
  std::mt19937 rng(seed);
  std::vector<Buffer> operands;
  for (const Operand& operand : c.operands) operands.push_back(Materialize(operand, rng));

  ir::Node node;
  node.name = "node";
  node.op_type = std::string(ir::OpKindName(c.kind));
  node.kind = c.kind;
  node.params = c.params;
  const int count = static_cast<int>(c.operands.size());
  for (int i = 0; i < count; ++i) node.operands.push_back(c.operands[i].absent ? ir::kNoValue : i);
  node.outputs = {count};

  // Shape inference, with constant operands' values visible as they are to the analysis.
  std::vector<ops::TensorType> types(count);
  std::vector<ir::Tensor> constants(count);
  std::vector<const ir::Tensor*> values(count, nullptr);
  for (int i = 0; i < count; ++i) {
    if (c.operands[i].absent) continue;
    types[i] = {operands[i].dtype, ir::Shape::Static(operands[i].sizes)};
    if (c.operands[i].constant) {
      auto tensor = ir::Tensor::FromBytes(
          operands[i].dtype, operands[i].sizes,
          std::string(static_cast<const char*>(operands[i].data()), operands[i].bytes()));
      ASSERT_TRUE(tensor.ok()) << tensor.status().ToString();
      constants[i] = *std::move(tensor);
      values[i] = &constants[i];
    }
  }
  const ops::OpDef& def = ops::GetOpDef(c.kind);
  ops::InferenceContext inference(node, types, values);
  const Status inferred = def.infer_shapes(inference);
  ASSERT_TRUE(inferred.ok()) << inferred.ToString();
  const ops::TensorType out_type = inference.outputs()[0];
  ASSERT_TRUE(out_type.shape.IsFullyKnown()) << out_type.shape.ToString();

  std::vector<ops::TensorView> inputs;
  for (Buffer& operand : operands) inputs.push_back(operand.view());
  Buffer expected = Buffer::Make(out_type.dtype, out_type.shape.Sizes());
  Buffer actual = Buffer::Make(out_type.dtype, out_type.shape.Sizes());
  expected.Poison();
  std::vector<ops::TensorView> expected_views = {expected.view()};
  const Status computed = def.compute_reference(
      ops::ComputeContext{node, ops::Params(node.params), inputs, expected_views});
  ASSERT_TRUE(computed.ok()) << computed.ToString();

  std::unique_ptr<bool[]> is_constant(new bool[count]);
  for (int i = 0; i < count; ++i) is_constant[i] = c.operands[i].constant;
  std::vector<ops::TensorView> actual_views = {actual.view()};
  const kernels::KernelContext context{
      .node = node,
      .params = ops::Params(node.params),
      .inputs = inputs,
      .outputs = actual_views,
      .input_is_constant = std::span<const bool>(is_constant.get(), count),
      .num_threads = threads};
  const double abs_tolerance =
      kAbsTolerance * std::sqrt(static_cast<double>(std::max<int64_t>(c.reduction, 1)));

  for (const kernels::KernelFactory* factory : kernels::KernelCandidates(c.kind)) {
    ASSERT_EQ(factory->kind, c.kind) << factory->name;
    if (!factory->supports(context)) continue;
    SCOPED_TRACE(std::string("kernel ") + factory->name);
    std::unique_ptr<kernels::Kernel> kernel = factory->create();
    ASSERT_NE(kernel, nullptr);
    EXPECT_EQ(kernel->name(), factory->name);
    actual.Poison();
    const Status prepared = kernel->Prepare(context);
    ASSERT_TRUE(prepared.ok()) << prepared.ToString();
    // Run twice: a kernel may run any number of times after one Prepare.
    for (int run = 0; run < 2; ++run) {
      SCOPED_TRACE("run " + std::to_string(run));
      actual.Poison();
      const Status ran = kernel->Run();
      ASSERT_TRUE(ran.ok()) << ran.ToString();
      EXPECT_TRUE(Matches(actual, expected, kRelTolerance, abs_tolerance));
    }
    ++(*exercised)[factory->name];
  }

  // The reference kernel, the implicit last candidate, must be the reference math.
  std::unique_ptr<kernels::Kernel> reference = kernels::CreateReferenceKernel();
  actual.Poison();
  const Status prepared = reference->Prepare(context);
  ASSERT_TRUE(prepared.ok()) << prepared.ToString();
  const Status ran = reference->Run();
  ASSERT_TRUE(ran.ok()) << ran.ToString();
  EXPECT_TRUE(Matches(actual, expected, 0, 0)) << "reference kernel";
}

// Runs every case at `threads`; fails unless each kind in `cases` ran a fast kernel.
void RunCases(const std::vector<Case>& cases, int threads) {
  kernels::ConfigureThreads(threads);
  std::map<OpKind, std::map<std::string, int>> exercised;
  std::set<OpKind> kinds;
  const uint32_t base_seed = BaseSeed();
  for (size_t i = 0; i < cases.size(); ++i) {
    kinds.insert(cases[i].kind);
    CheckCase(cases[i], base_seed + static_cast<uint32_t>(i), threads, &exercised[cases[i].kind]);
  }
  for (OpKind kind : kinds) {
    int runs = 0;
    std::string names;
    for (const auto& [name, n] : exercised[kind]) {
      runs += n;
      names += " " + name + " x" + std::to_string(n);
    }
    EXPECT_GT(runs, 0) << ir::OpKindName(kind) << ": no fast kernel supported any case";
    std::cout << "[ kernels  ] " << ir::OpKindName(kind) << " (" << threads
              << " threads): " << cases.size() << " cases," << names << "\n";
  }
}

class KernelTest : public ::testing::TestWithParam<int> {};

TEST_P(KernelTest, Conv) { RunCases(ConvCases(), GetParam()); }
TEST_P(KernelTest, MatMul) { RunCases(MatMulCases(), GetParam()); }
TEST_P(KernelTest, BatchNormalization) { RunCases(BatchNormCases(), GetParam()); }
TEST_P(KernelTest, BiasAdd) { RunCases(BiasAddCases(), GetParam()); }
TEST_P(KernelTest, Relu) { RunCases(ReluCases(), GetParam()); }
TEST_P(KernelTest, Clip) { RunCases(ClipCases(), GetParam()); }
TEST_P(KernelTest, Add) { RunCases(BinaryCases(OpKind::kAdd), GetParam()); }
TEST_P(KernelTest, Sub) { RunCases(BinaryCases(OpKind::kSub), GetParam()); }
TEST_P(KernelTest, Mul) { RunCases(BinaryCases(OpKind::kMul), GetParam()); }
TEST_P(KernelTest, Max) { RunCases(BinaryCases(OpKind::kMax), GetParam()); }
TEST_P(KernelTest, Min) { RunCases(BinaryCases(OpKind::kMin), GetParam()); }
TEST_P(KernelTest, MaxPool) { RunCases(PoolCases(OpKind::kMaxPool), GetParam()); }
TEST_P(KernelTest, AveragePool) { RunCases(PoolCases(OpKind::kAveragePool), GetParam()); }
TEST_P(KernelTest, Pad) { RunCases(PadCases(), GetParam()); }
TEST_P(KernelTest, ReduceMean) { RunCases(ReduceCases(OpKind::kReduceMean), GetParam()); }
TEST_P(KernelTest, ReduceSum) { RunCases(ReduceCases(OpKind::kReduceSum), GetParam()); }
TEST_P(KernelTest, ReduceMax) { RunCases(ReduceCases(OpKind::kReduceMax), GetParam()); }
TEST_P(KernelTest, Softmax) { RunCases(SoftmaxCases(OpKind::kSoftmax), GetParam()); }
TEST_P(KernelTest, LogSoftmax) { RunCases(SoftmaxCases(OpKind::kLogSoftmax), GetParam()); }
TEST_P(KernelTest, Div) { RunCases(BinaryCases(OpKind::kDiv), GetParam()); }
TEST_P(KernelTest, Pow) { RunCases(PowCases(), GetParam()); }
TEST_P(KernelTest, Sigmoid) { RunCases(UnaryMathCases(OpKind::kSigmoid), GetParam()); }
TEST_P(KernelTest, Tanh) { RunCases(UnaryMathCases(OpKind::kTanh), GetParam()); }
TEST_P(KernelTest, HardSigmoid) { RunCases(UnaryMathCases(OpKind::kHardSigmoid), GetParam()); }
TEST_P(KernelTest, HardSwish) { RunCases(UnaryMathCases(OpKind::kHardSwish), GetParam()); }
TEST_P(KernelTest, Erf) { RunCases(UnaryMathCases(OpKind::kErf), GetParam()); }
TEST_P(KernelTest, Sqrt) { RunCases(UnaryMathCases(OpKind::kSqrt), GetParam()); }
TEST_P(KernelTest, Transpose) { RunCases(TransposeCases(), GetParam()); }

INSTANTIATE_TEST_SUITE_P(Threads, KernelTest, ::testing::Values(1, 2),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::to_string(info.param) + "Threads";
                         });

// A kernel added to kernel_list.inc must come with cases above.
TEST(KernelListTest, EveryKindWithFastKernelsHasCases) {
  const std::set<OpKind> covered = {
      OpKind::kConv,        OpKind::kMatMul,    OpKind::kBatchNormalization,
      OpKind::kBiasAdd,     OpKind::kRelu,      OpKind::kClip,
      OpKind::kAdd,         OpKind::kSub,       OpKind::kMul,
      OpKind::kMax,         OpKind::kMin,       OpKind::kMaxPool,
      OpKind::kAveragePool, OpKind::kPad,       OpKind::kReduceMean,
      OpKind::kReduceSum,   OpKind::kReduceMax, OpKind::kSoftmax,
      OpKind::kLogSoftmax,  OpKind::kDiv,       OpKind::kPow,
      OpKind::kSigmoid,     OpKind::kTanh,      OpKind::kHardSigmoid,
      OpKind::kHardSwish,   OpKind::kErf,       OpKind::kSqrt,
      OpKind::kTranspose};
  for (int i = 0; i < ir::kNumOpKinds; ++i) {
    const OpKind kind = static_cast<OpKind>(i);
    if (!kernels::KernelCandidates(kind).empty()) {
      EXPECT_TRUE(covered.contains(kind))
          << ir::OpKindName(kind) << " has a fast kernel but no cases in kernel_test.cc";
    }
  }
}

// Supports() must turn down what a kernel cannot do, so that the reference runs instead.
TEST(KernelListTest, KernelsDeclineWeightsThatAreNotConstant) {
  ir::Node node;
  node.kind = OpKind::kConv;
  node.operands = {0, 1};
  node.outputs = {2};
  Buffer x = Buffer::Make(DType::kFloat32, {1, 4, 4, 2});
  Buffer w = Buffer::Make(DType::kFloat32, {3, 3, 2, 2});
  Buffer y = Buffer::Make(DType::kFloat32, {1, 2, 2, 2});
  std::vector<ops::TensorView> inputs = {x.view(), w.view()};
  std::vector<ops::TensorView> outputs = {y.view()};
  bool is_constant[2] = {false, false};
  const kernels::KernelContext context{.node = node,
                                       .params = ops::Params(node.params),
                                       .inputs = inputs,
                                       .outputs = outputs,
                                       .input_is_constant = is_constant};
  for (const kernels::KernelFactory* factory : kernels::KernelCandidates(OpKind::kConv)) {
    EXPECT_FALSE(factory->supports(context)) << factory->name;
  }
}

}  // namespace
}  // namespace mb
