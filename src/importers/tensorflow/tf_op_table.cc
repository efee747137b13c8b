#include "importers/tensorflow/tf_op_table.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <memory>

#include "importers/tensorflow/tf_op_table_util.h"
#include "ir/verifier.h"
#include "ops/nn/batch_norm_fold.h"

namespace mb::importers::tf {
namespace {

using ir::Attribute;
using ir::OpKind;

// fused_ops (_FusedConv2D, _FusedMatMul, FusedDepthwiseConv2dNative): the bias becomes the
// third operand and a trailing activation a param. A fused batch norm is folded into the
// (constant) filter and bias, which leaves one node computing the same function.
Status SetFusedOps(Legalization& l, bool is_conv, const std::string& filter_layout) {
  const std::vector<std::string> fused = l.StringsAttr("fused_ops");
  if (fused.empty()) return OkStatus();
  size_t next = 0;
  if (fused[0] == "BiasAdd" || fused[0] == "BiasAddV1") {
    RETURN_IF_ERROR(l.RequireInputs(3));
    l.node().operands.push_back(l.node().inputs[2]);
    next = 1;
  } else if (fused[0] == "FusedBatchNorm" && is_conv) {
    RETURN_IF_ERROR(l.RequireInputs(6));
    const ir::Tensor* filter = l.ConstantInput(1);
    const ir::Tensor* bn[4];
    for (int i = 0; i < 4; ++i) bn[i] = l.ConstantInput(2 + i);
    if (filter == nullptr || !bn[0] || !bn[1] || !bn[2] || !bn[3] ||
        filter->dtype() != ir::DType::kFloat32) {
      return UnimplementedError("a fused batch norm needs constant float filter and statistics");
    }
    const float epsilon = l.FloatAttr("epsilon", 1e-4f);
    const int64_t out_channels =
        filter_layout == "HWIM" ? filter->sizes()[2] * filter->sizes()[3] : filter->sizes()[3];
    for (int i = 0; i < 4; ++i) {
      if (bn[i]->num_elements() != out_channels || bn[i]->dtype() != ir::DType::kFloat32) {
        return InvalidArgumentError("batch norm statistics do not match the filter's channels");
      }
    }
    std::string weights = filter->bytes();
    std::string bias(out_channels * sizeof(float), '\0');
    float* w = reinterpret_cast<float*>(weights.data());
    float* b = reinterpret_cast<float*>(bias.data());
    const int64_t count = filter->num_elements();
    std::vector<float> scale(out_channels);
    auto floats = [](const ir::Tensor* t) {
      return reinterpret_cast<const float*>(t->bytes().data());
    };
    ops::BatchNormScaleShift(floats(bn[0]), floats(bn[1]), floats(bn[2]), floats(bn[3]), epsilon,
                             out_channels, scale.data(), b);
    // Output channel is the innermost index in both HWIO and HWIM (flattened [in, mult]).
    for (int64_t c = 0; c < out_channels; ++c) {
      for (int64_t k = c; k < count; k += out_channels) w[k] *= scale[c];
    }
    auto add_constant = [&](const std::string& suffix, std::vector<int64_t> sizes,
                            std::string bytes) -> StatusOr<ir::ValueId> {
      ASSIGN_OR_RETURN(
          ir::Tensor tensor,
          ir::Tensor::FromBytes(ir::DType::kFloat32, std::move(sizes), std::move(bytes)));
      return l.graph.AddConstant(l.node().name + "/" + suffix, std::move(tensor));
    };
    ASSIGN_OR_RETURN(ir::ValueId new_filter,
                     add_constant("folded_filter", filter->sizes(), std::move(weights)));
    ASSIGN_OR_RETURN(ir::ValueId new_bias,
                     add_constant("folded_bias", {out_channels}, std::move(bias)));
    l.node().operands[1] = new_filter;
    l.node().operands.push_back(new_bias);
    next = 1;
  }
  if (next < fused.size()) {
    const std::string& activation = fused[next];
    if (activation != "Relu" && activation != "Relu6" && activation != "Elu" &&
        activation != "LeakyRelu" && activation != "Sigmoid" && activation != "Tanh") {
      return UnimplementedError("fused op '" + activation + "' is not supported");
    }
    l.Set("activation", activation);
    if (activation == "LeakyRelu") l.Set("alpha", l.FloatAttr("leakyrelu_alpha", 0.2f));
    ++next;
  }
  if (next != fused.size() || next == 0) {
    std::string list;
    for (const auto& op : fused) list += (list.empty() ? "" : ",") + op;
    return UnimplementedError("fused_ops [" + list + "] is not supported");
  }
  return OkStatus();
}

Status Conv(Legalization& l, const std::string& filter_layout, bool fused) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  l.node().kind = OpKind::kConv;
  l.OperandsFromInputs(2);
  ASSIGN_OR_RETURN(auto hw, SpatialPositions(l));
  RETURN_IF_ERROR(SetWindowParams(l, hw));
  ASSIGN_OR_RETURN(auto dilations, SpatialPair(l, "dilations", hw));
  l.Set("dilations", dilations);
  l.Set("filter_layout", filter_layout);
  if (fused) RETURN_IF_ERROR(SetFusedOps(l, /*is_conv=*/true, filter_layout));
  return OkStatus();
}

Status MatMul(Legalization& l, bool fused, const char* trans_a, const char* trans_b) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  l.node().kind = OpKind::kMatMul;
  l.OperandsFromInputs(2);
  l.Set("trans_a", l.BoolAttr(trans_a, false));
  l.Set("trans_b", l.BoolAttr(trans_b, false));
  if (fused) RETURN_IF_ERROR(SetFusedOps(l, /*is_conv=*/false, ""));
  return OkStatus();
}

Status Pool(Legalization& l, OpKind kind) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  l.node().kind = kind;
  l.OperandsFromInputs(1);
  ASSIGN_OR_RETURN(auto hw, SpatialPositions(l));
  RETURN_IF_ERROR(SetWindowParams(l, hw));
  ASSIGN_OR_RETURN(auto kernel, SpatialPair(l, "ksize", hw));
  l.Set("kernel", kernel);
  return OkStatus();
}

LegalizeFn Reduce(OpKind kind) {
  return [kind](Legalization& l) {
    RETURN_IF_ERROR(l.RequireInputs(2));
    l.node().kind = kind;
    l.OperandsFromInputs(2);
    l.Set("keepdims", l.BoolAttr("keep_dims", false));
    return OkStatus();
  };
}

TfOpTable BuildTable() {
  TfOpTable table{
      {"Placeholder", Simple(OpKind::kInput, 0)},
      {"Const", Simple(OpKind::kConstant, 0)},
      {"PlaceholderWithDefault", Simple(OpKind::kIdentity, 1)},
      {"Identity", Simple(OpKind::kIdentity, 1)},
      {"IdentityN", Simple(OpKind::kIdentity)},
      {"StopGradient", Simple(OpKind::kIdentity, 1)},
      {"PreventGradient", Simple(OpKind::kIdentity, 1)},
      {"Snapshot", Simple(OpKind::kIdentity, 1)},
      {"NoOp", Simple(OpKind::kNoOp, 0)},
      {"Conv2D", [](Legalization& l) { return Conv(l, "HWIO", false); }},
      {"_FusedConv2D", [](Legalization& l) { return Conv(l, "HWIO", true); }},
      {"DepthwiseConv2dNative", [](Legalization& l) { return Conv(l, "HWIM", false); }},
      {"FusedDepthwiseConv2dNative", [](Legalization& l) { return Conv(l, "HWIM", true); }},
      {"MatMul", [](Legalization& l) { return MatMul(l, false, "transpose_a", "transpose_b"); }},
      {"_FusedMatMul",
       [](Legalization& l) { return MatMul(l, true, "transpose_a", "transpose_b"); }},
      {"BatchMatMul", [](Legalization& l) { return MatMul(l, false, "adj_x", "adj_y"); }},
      {"BatchMatMulV2", [](Legalization& l) { return MatMul(l, false, "adj_x", "adj_y"); }},
      {"BatchMatMulV3", [](Legalization& l) { return MatMul(l, false, "adj_x", "adj_y"); }},
      {"BiasAdd",
       [](Legalization& l) {
         RETURN_IF_ERROR(l.RequireInputs(2));
         l.node().kind = OpKind::kBiasAdd;
         l.OperandsFromInputs(2);
         return SpatialPositions(l).status();
       }},
      {"BiasAddV1", Simple(OpKind::kBiasAdd, 2)},
      {"Relu", Simple(OpKind::kRelu, 1)},
      {"Relu6",
       [](Legalization& l) {
         RETURN_IF_ERROR(Simple(OpKind::kClip, 1)(l));
         l.Set("min", 0.0f);
         l.Set("max", 6.0f);
         return OkStatus();
       }},
      {"LeakyRelu",
       [](Legalization& l) {
         RETURN_IF_ERROR(Simple(OpKind::kLeakyRelu, 1)(l));
         l.Set("alpha", l.FloatAttr("alpha", 0.2f));
         return OkStatus();
       }},
      {"Elu", Simple(OpKind::kElu, 1)},
      {"Selu", Simple(OpKind::kSelu, 1)},
      {"Sigmoid", Simple(OpKind::kSigmoid, 1)},
      {"Tanh", Simple(OpKind::kTanh, 1)},
      {"Softplus", Simple(OpKind::kSoftplus, 1)},
      {"Exp", Simple(OpKind::kExp, 1)},
      {"Log", Simple(OpKind::kLog, 1)},
      {"Neg", Simple(OpKind::kNeg, 1)},
      {"Abs", Simple(OpKind::kAbs, 1)},
      {"Sqrt", Simple(OpKind::kSqrt, 1)},
      {"Rsqrt", Simple(OpKind::kRsqrt, 1)},
      {"Square", Simple(OpKind::kSquare, 1)},
      {"Floor", Simple(OpKind::kFloor, 1)},
      {"Ceil", Simple(OpKind::kCeil, 1)},
      {"Round", Simple(OpKind::kRound, 1)},
      {"Reciprocal", Simple(OpKind::kReciprocal, 1)},
      {"Inv", Simple(OpKind::kReciprocal, 1)},
      {"Add", Simple(OpKind::kAdd, 2)},
      {"AddV2", Simple(OpKind::kAdd, 2)},
      {"Sub", Simple(OpKind::kSub, 2)},
      {"Mul", Simple(OpKind::kMul, 2)},
      {"RealDiv", Simple(OpKind::kDiv, 2)},
      {"Div", Simple(OpKind::kDiv, 2)},
      {"Maximum", Simple(OpKind::kMax, 2)},
      {"Minimum", Simple(OpKind::kMin, 2)},
      {"Pow", Simple(OpKind::kPow, 2)},
      {"SquaredDifference", Simple(OpKind::kSquaredDifference, 2)},
      {"Prelu", Simple(OpKind::kPRelu, 2)},
      {"MaxPool", [](Legalization& l) { return Pool(l, OpKind::kMaxPool); }},
      {"AvgPool", [](Legalization& l) { return Pool(l, OpKind::kAveragePool); }},
      {"Mean", Reduce(OpKind::kReduceMean)},
      {"Sum", Reduce(OpKind::kReduceSum)},
      {"Max", Reduce(OpKind::kReduceMax)},
      {"Min", Reduce(OpKind::kReduceMin)},
      {"Prod", Reduce(OpKind::kReduceProd)},
      {"Softmax", Simple(OpKind::kSoftmax, 1)},
      {"LogSoftmax", Simple(OpKind::kLogSoftmax, 1)},
      {"Reshape", Simple(OpKind::kReshape, 2)},
      {"Pad", Simple(OpKind::kPad, 2)},
      {"PadV2", Simple(OpKind::kPad, 3)},
      {"MirrorPad",
       [](Legalization& l) {
         RETURN_IF_ERROR(Simple(OpKind::kPad, 2)(l));
         const std::string mode = l.StringAttr("mode", "REFLECT");
         if (mode != "REFLECT" && mode != "SYMMETRIC") {
           return InvalidArgumentError("unknown MirrorPad mode '" + mode + "'");
         }
         l.Set("mode", mode);
         return OkStatus();
       }},
      {"StridedSlice",
       [](Legalization& l) {
         RETURN_IF_ERROR(Simple(OpKind::kStridedSlice, 4)(l));
         for (const char* mask :
              {"begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask"}) {
           l.Set(mask, l.IntAttr(mask, 0));
         }
         return OkStatus();
       }},
      {"ConcatV2",
       [](Legalization& l) {
         RETURN_IF_ERROR(l.RequireInputs(2));
         const int n = static_cast<int>(l.node().inputs.size()) - 1;
         ASSIGN_OR_RETURN(auto axis, l.ConstantIntsInput(n, "the concat axis"));
         if (axis.size() != 1) return InvalidArgumentError("concat axis must be a scalar");
         l.node().kind = OpKind::kConcat;
         l.OperandsFromInputs(n);
         l.Set("axis", axis[0]);
         return OkStatus();
       }},
      {"Transpose",
       [](Legalization& l) {
         RETURN_IF_ERROR(l.RequireInputs(2));
         ASSIGN_OR_RETURN(auto perm, l.ConstantIntsInput(1, "the permutation"));
         l.node().kind = OpKind::kTranspose;
         l.OperandsFromInputs(1);
         l.Set("perm", perm);
         return OkStatus();
       }},
      {"Shape",
       [](Legalization& l) {
         RETURN_IF_ERROR(Simple(OpKind::kShape, 1)(l));
         const Attribute* out_type = l.Attr("out_type");
         l.Set("out_dtype", out_type && out_type->Is<ir::DType>() ? out_type->Get<ir::DType>()
                                                                  : ir::DType::kInt32);
         return OkStatus();
       }},
  };
  LegalizeFn batch_norm = [](Legalization& l) {
    RETURN_IF_ERROR(l.RequireInputs(5));
    if (l.BoolAttr("is_training", true)) {
      return UnimplementedError(
          "batch norm in training mode (is_training=true) is not "
          "supported; freeze the graph for inference");
    }
    l.node().kind = OpKind::kBatchNormalization;
    l.OperandsFromInputs(5);
    l.Set("epsilon", l.FloatAttr("epsilon", 1e-4f));
    return SpatialPositions(l).status();
  };
  table["FusedBatchNorm"] = batch_norm;
  table["FusedBatchNormV2"] = batch_norm;
  table["FusedBatchNormV3"] = batch_norm;
  AddTfTensorRows(table);
  AddTfMathAndSpatialRows(table);
  return table;
}

const TfOpTable& Table() {
  static const auto* table = new TfOpTable(BuildTable());
  return *table;
}

}  // namespace

// data_format -> layout name and the (h, w) positions in TF's 4-element lists.
StatusOr<std::pair<int, int>> SpatialPositions(Legalization& l) {
  const std::string format = l.StringAttr("data_format", "NHWC");
  if (format == "NHWC") {
    l.Set("data_layout", std::string("NHWC"));
    return std::pair<int, int>{1, 2};
  }
  if (format == "NCHW") {
    l.Set("data_layout", std::string("NCHW"));
    return std::pair<int, int>{2, 3};
  }
  return UnimplementedError("data_format '" + format + "' is not supported");
}

// TF's 4-element strides/ksize/dilations -> [h, w]; missing means ones.
StatusOr<std::vector<int64_t>> SpatialPair(Legalization& l, const std::string& attr,
                                           std::pair<int, int> hw) {
  std::vector<int64_t> values = l.IntsAttr(attr);
  if (values.empty()) return std::vector<int64_t>{1, 1};
  if (values.size() != 4) {
    return InvalidArgumentError("attr '" + attr + "' needs 4 values, has " +
                                std::to_string(values.size()));
  }
  return std::vector<int64_t>{values[hw.first], values[hw.second]};
}

Status SetWindowParams(Legalization& l, std::pair<int, int> hw) {
  const std::string padding = l.StringAttr("padding", "VALID");
  if (padding != "SAME" && padding != "VALID" && padding != "EXPLICIT") {
    return InvalidArgumentError("unknown padding '" + padding + "'");
  }
  l.Set("padding", padding);
  ASSIGN_OR_RETURN(auto strides, SpatialPair(l, "strides", hw));
  l.Set("strides", strides);
  if (padding == "EXPLICIT") {
    // 2 values per dimension in data_format order: (before, after).
    std::vector<int64_t> explicit_pads = l.IntsAttr("explicit_paddings");
    if (explicit_pads.size() != 8) {
      return InvalidArgumentError("explicit_paddings needs 8 values");
    }
    l.Set("pads",
          std::vector<int64_t>{explicit_pads[2 * hw.first], explicit_pads[2 * hw.first + 1],
                               explicit_pads[2 * hw.second], explicit_pads[2 * hw.second + 1]});
  }
  return OkStatus();
}

void LegalizeTfGraph(ir::Graph* graph) { LegalizeGraph(Table(), /*opset=*/0, graph); }

std::vector<std::string_view> SupportedTfOpTypes() {
  std::vector<std::string_view> names;
  for (const auto& [name, fn] : Table()) names.push_back(name);
  return names;
}

}  // namespace mb::importers::tf
