// ReduceMean/Sum/Max/Min/Prod (float32) and Softmax/LogSoftmax.
//
// Reduce operands: X, optional axes (int32/int64 constant; or the param `axes`).
// Params: keepdims (false, TF's default), empty_axes_reduce_all (false: TF reduces nothing
// when the axis list is empty; the ONNX importer sets true).
// Softmax/LogSoftmax: param axis (default -1).
#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

enum class Reduction { kMean, kSum, kMax, kMin, kProd };

// Which axes of a rank-`rank` input are reduced.
StatusOr<std::vector<bool>> ReducedAxes(const Params& params, const ir::Tensor* axes_value,
                                        bool has_axes_operand, int rank) {
  std::vector<int64_t> axes;
  if (has_axes_operand) {
    ASSIGN_OR_RETURN(axes, ConstantInts(axes_value, "the reduction axes"));
  } else {
    axes = params.Ints("axes", {});
  }
  std::vector<bool> reduced(rank, false);
  if (axes.empty() && params.Bool("empty_axes_reduce_all", false)) {
    reduced.assign(rank, true);
  }
  for (int64_t axis : axes) {
    ASSIGN_OR_RETURN(int a, NormalizeAxis(axis, rank));
    reduced[a] = true;
  }
  return reduced;
}

Status InferReduce(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32) return UnimplementedError("supports float32 only");
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<bool> reduced,
                   ReducedAxes(context.params(), context.operand_value(1), context.has_operand(1),
                               x.shape.rank()));
  const bool keepdims = context.params().Bool("keepdims", false);
  std::vector<ir::Dim> dims;
  for (int i = 0; i < x.shape.rank(); ++i) {
    if (!reduced[i]) {
      dims.push_back(x.shape.dim(i));
    } else if (keepdims) {
      dims.push_back(ir::Dim::Known(1));
    }
  }
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

template <Reduction kReduction>
Status ComputeReduce(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const int rank = x.rank();
  const bool has_axes = context.inputs.size() > 1 && context.inputs[1].data != nullptr;
  const std::vector<int64_t> axes =
      has_axes ? ViewInts(context.inputs[1]) : context.params.Ints("axes", {});
  std::vector<bool> reduced(rank, false);
  if (axes.empty() && context.params.Bool("empty_axes_reduce_all", false)) {
    reduced.assign(rank, true);
  }
  for (int64_t axis : axes) {
    ASSIGN_OR_RETURN(int a, NormalizeAxis(axis, rank));
    reduced[a] = true;
  }
  // Output strides over the input's dimensions (0 along reduced ones).
  std::vector<int64_t> out_strides(rank, 0);
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    if (!reduced[i]) {
      out_strides[i] = stride;
      stride *= x.sizes[i];
    }
  }
  const int64_t out_count = context.outputs[0].num_elements();
  double init = 0.0;
  if (kReduction == Reduction::kMax) init = -std::numeric_limits<double>::infinity();
  if (kReduction == Reduction::kMin) init = std::numeric_limits<double>::infinity();
  if (kReduction == Reduction::kProd) init = 1.0;
  std::vector<double> acc(out_count, init);
  const float* in = x.As<float>();
  std::vector<int64_t> index(rank, 0);
  int64_t out_index = 0;
  const int64_t total = x.num_elements();
  for (int64_t i = 0; i < total; ++i) {
    const double v = in[i];
    double& a = acc[out_index];
    switch (kReduction) {
      case Reduction::kMean:
      case Reduction::kSum:
        a += v;
        break;
      case Reduction::kMax:
        a = std::max(a, v);
        break;
      case Reduction::kMin:
        a = std::min(a, v);
        break;
      case Reduction::kProd:
        a *= v;
        break;
    }
    for (int d = rank - 1; d >= 0; --d) {
      ++index[d];
      out_index += out_strides[d];
      if (index[d] < x.sizes[d]) break;
      out_index -= out_strides[d] * index[d];
      index[d] = 0;
    }
  }
  const int64_t per_output = out_count > 0 ? total / out_count : 0;
  float* out = context.outputs[0].As<float>();
  for (int64_t i = 0; i < out_count; ++i) {
    out[i] = static_cast<float>(
        kReduction == Reduction::kMean ? (per_output > 0 ? acc[i] / per_output : NAN) : acc[i]);
  }
  return OkStatus();
}

OpCost CountReduce(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  cost.flops = context.operands[0].shape.NumElements().value_or(0);
  return cost;
}

Status InferSoftmax(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32) return UnimplementedError("supports float32 only");
  if (x.shape.rank_known()) {
    RETURN_IF_ERROR(NormalizeAxis(context.params().Int("axis", -1), x.shape.rank()).status());
  }
  context.set_output(0, x);
  return OkStatus();
}

template <bool kLog>
Status ComputeSoftmax(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(int axis, NormalizeAxis(context.params.Int("axis", -1), x.rank()));
  int64_t outer = 1, inner = 1;
  for (int i = 0; i < axis; ++i) outer *= x.sizes[i];
  for (int i = axis + 1; i < x.rank(); ++i) inner *= x.sizes[i];
  const int64_t n = x.sizes[axis];
  const float* in = x.As<float>();
  float* out = context.outputs[0].As<float>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const float* src = in + o * n * inner + i;
      float* dst = out + o * n * inner + i;
      double max = -std::numeric_limits<double>::infinity();
      for (int64_t k = 0; k < n; ++k) max = std::max(max, static_cast<double>(src[k * inner]));
      double sum = 0;
      for (int64_t k = 0; k < n; ++k) sum += std::exp(src[k * inner] - max);
      for (int64_t k = 0; k < n; ++k) {
        const double shifted = src[k * inner] - max;
        dst[k * inner] =
            static_cast<float>(kLog ? shifted - std::log(sum) : std::exp(shifted) / sum);
      }
    }
  }
  return OkStatus();
}

OpCost CountSoftmax(const CostContext& context) { return ElementwiseCost(context, 5); }

}  // namespace

#define MB_DEFINE_REDUCE(Name, reduction)                                  \
  const OpDef& Name##OpDef() {                                             \
    static const OpDef def{.kind = OpKind::k##Name,                        \
                           .value_operands = {1},                          \
                           .infer_shapes = InferReduce,                    \
                           .count_cost = CountReduce,                      \
                           .compute_reference = ComputeReduce<reduction>}; \
    return def;                                                            \
  }
MB_DEFINE_REDUCE(ReduceMean, Reduction::kMean)
MB_DEFINE_REDUCE(ReduceSum, Reduction::kSum)
MB_DEFINE_REDUCE(ReduceMax, Reduction::kMax)
MB_DEFINE_REDUCE(ReduceMin, Reduction::kMin)
MB_DEFINE_REDUCE(ReduceProd, Reduction::kProd)
#undef MB_DEFINE_REDUCE

const OpDef& SoftmaxOpDef() {
  static const OpDef def{.kind = OpKind::kSoftmax,
                         .infer_shapes = InferSoftmax,
                         .count_cost = CountSoftmax,
                         .compute_reference = ComputeSoftmax<false>};
  return def;
}

const OpDef& LogSoftmaxOpDef() {
  static const OpDef def{.kind = OpKind::kLogSoftmax,
                         .infer_shapes = InferSoftmax,
                         .count_cost = CountSoftmax,
                         .compute_reference = ComputeSoftmax<true>};
  return def;
}

}  // namespace mb::ops
