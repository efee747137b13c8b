// ONNX's normalizations beyond BatchNormalization: InstanceNormalization, LayerNormalization
// and LRN. float32, channels at dimension 1 (NCHW and its other ranks), statistics in
// double.
//
// InstanceNormalization operands: X [N, C, D1, ...] (rank >= 3), scale [C], B [C].
//   Params: epsilon (default 1e-5).
//   y = scale[c] * (x - mean[n, c]) / sqrt(var[n, c] + epsilon) + B[c], with the mean and
//   (biased) variance over D1... of each (n, c).
// LayerNormalization operands: X, Scale, optional B; outputs Y, optional Mean, InvStdDev.
//   Params: axis (default -1), epsilon (default 1e-5), stash_type (default 1 = float32, the
//   only one supported).
//   Statistics over dimensions [axis, rank) of X: Y = (X - Mean) * InvStdDev * Scale + B with
//   InvStdDev = 1 / sqrt(Var + epsilon). Scale and B broadcast (NumPy, right-aligned) to
//   X's dimensions [axis, rank). Mean and InvStdDev have X's shape with dimensions [axis,
//   rank) set to 1.
// LRN operand: X [N, C, D1, ...] (rank >= 2). Params: size (required, > 0), alpha (1e-4),
//   beta (0.75), bias (1.0).
//   y = x / (bias + alpha / size * square_sum) ^ beta, square_sum over the channels
//   [c - floor((size - 1) / 2), c + ceil((size - 1) / 2)] clipped to [0, C).
#include <algorithm>
#include <cmath>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

Status RequireFloat32(const TensorType& x) {
  if (x.dtype != ir::DType::kFloat32) {
    return UnimplementedError("supports float32 only, got " + std::string(ir::DTypeName(x.dtype)));
  }
  return OkStatus();
}

// ---- InstanceNormalization ----

Status InferInstanceNorm(InferenceContext& context) {
  if (context.num_operands() != 3) return InvalidArgumentError("needs 3 operands (X, scale, B)");
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequireFloat32(x));
  if (x.shape.rank_known()) {
    if (x.shape.rank() < 3) {
      return InvalidArgumentError("input must have rank >= 3, got " + x.shape.ToString());
    }
    const ir::Dim& channels = x.shape.dim(1);
    for (int i = 1; i <= 2; ++i) {
      RETURN_IF_ERROR(RequireFloat32(context.operand(i)));
      std::optional<int64_t> count = context.operand(i).shape.NumElements();
      if (channels.is_known() && count && *count != channels.size()) {
        return InvalidArgumentError("operand " + std::to_string(i) + " has " +
                                    std::to_string(*count) + " elements, expected " +
                                    std::to_string(channels.size()) + " channels");
      }
    }
  }
  context.set_output(0, x);
  return OkStatus();
}

Status ComputeInstanceNorm(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  if (x.rank() < 3) return InvalidArgumentError("input must have rank >= 3");
  const int64_t batch = x.sizes[0], channels = x.sizes[1];
  if (context.inputs[1].num_elements() != channels ||
      context.inputs[2].num_elements() != channels) {
    return InvalidArgumentError("scale and B must have one value per channel");
  }
  const int64_t inner = channels > 0 && batch > 0 ? x.num_elements() / (batch * channels) : 0;
  const float epsilon = context.params.Float("epsilon", 1e-5f);
  const float* scale = context.inputs[1].As<float>();
  const float* shift = context.inputs[2].As<float>();
  const float* in = x.As<float>();
  float* out = context.outputs[0].As<float>();
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t base = (n * channels + c) * inner;
      double sum = 0.0;
      for (int64_t i = 0; i < inner; ++i) sum += in[base + i];
      const double mean = inner > 0 ? sum / inner : 0.0;
      double squares = 0.0;
      for (int64_t i = 0; i < inner; ++i) squares += (in[base + i] - mean) * (in[base + i] - mean);
      const double variance = inner > 0 ? squares / inner : 0.0;
      const double factor = scale[c] / std::sqrt(variance + epsilon);
      for (int64_t i = 0; i < inner; ++i) {
        out[base + i] = static_cast<float>((in[base + i] - mean) * factor + shift[c]);
      }
    }
  }
  return OkStatus();
}

// Mean, variance, a scale and a shift per (n, c): ~4 operations per element.
OpCost CountInstanceNorm(const CostContext& context) { return ElementwiseCost(context, 4); }

// ---- LayerNormalization ----

// Scale or B must broadcast to the normalized dimensions without growing them.
Status CheckNormalizedOperand(const TensorType& operand, const ir::Shape& x, int axis,
                              const char* what) {
  RETURN_IF_ERROR(RequireFloat32(operand));
  if (!operand.shape.rank_known() || !x.rank_known()) return OkStatus();
  const int normalized_rank = x.rank() - axis;
  if (operand.shape.rank() > normalized_rank) {
    return InvalidArgumentError(std::string(what) + " " + operand.shape.ToString() +
                                " has more dimensions than the normalized ones");
  }
  for (int i = 0; i < operand.shape.rank(); ++i) {
    const ir::Dim& d = operand.shape.dim(i);
    const ir::Dim& target = x.dim(x.rank() - operand.shape.rank() + i);
    if (d.is_known() && target.is_known() && d.size() != 1 && d.size() != target.size()) {
      return InvalidArgumentError(std::string(what) + " " + operand.shape.ToString() +
                                  " does not broadcast to the normalized dimensions of " +
                                  x.ToString());
    }
  }
  return OkStatus();
}

Status InferLayerNorm(InferenceContext& context) {
  if (context.num_operands() < 2 || context.num_operands() > 3) {
    return InvalidArgumentError("needs 2 or 3 operands (X, Scale, optional B)");
  }
  if (context.num_outputs() < 1 || context.num_outputs() > 3) {
    return InvalidArgumentError("has 1 to 3 outputs (Y, Mean, InvStdDev)");
  }
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequireFloat32(x));
  if (context.params().Int("stash_type", 1) != 1) {
    return UnimplementedError("stash_type other than 1 (float32) is not supported");
  }
  if (!x.shape.rank_known()) {
    for (int i = 0; i < context.num_outputs(); ++i) {
      context.set_output(i, {x.dtype, ir::Shape::UnknownRank()});
    }
    return OkStatus();
  }
  ASSIGN_OR_RETURN(int axis, NormalizeAxis(context.params().Int("axis", -1), x.shape.rank()));
  RETURN_IF_ERROR(CheckNormalizedOperand(context.operand(1), x.shape, axis, "Scale"));
  if (context.has_operand(2)) {
    RETURN_IF_ERROR(CheckNormalizedOperand(context.operand(2), x.shape, axis, "B"));
  }
  context.set_output(0, x);
  std::vector<ir::Dim> stats(x.shape.dims().begin(), x.shape.dims().end());
  for (int i = axis; i < x.shape.rank(); ++i) stats[i] = ir::Dim::Known(1);
  for (int i = 1; i < context.num_outputs(); ++i) {
    context.set_output(i, {ir::DType::kFloat32, ir::Shape(stats)});
  }
  return OkStatus();
}

Status ComputeLayerNorm(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(int axis, NormalizeAxis(context.params.Int("axis", -1), x.rank()));
  const std::vector<int64_t> normalized(x.sizes.begin() + axis, x.sizes.end());
  int64_t inner = 1;
  for (int64_t s : normalized) inner *= s;
  const int64_t outer = inner > 0 ? x.num_elements() / inner : 0;
  const int normalized_rank = static_cast<int>(normalized.size());
  // Offsets of Scale and B for each normalized position, under broadcasting.
  auto broadcast_offsets = [&](const TensorView& operand) -> StatusOr<std::vector<int64_t>> {
    if (operand.rank() > normalized_rank) {
      return InvalidArgumentError("Scale or B has more dimensions than the normalized ones");
    }
    for (int i = 0; i < operand.rank(); ++i) {
      const int64_t target = normalized[normalized_rank - operand.rank() + i];
      if (operand.sizes[i] != 1 && operand.sizes[i] != target) {
        return InvalidArgumentError("Scale or B does not broadcast to the normalized dimensions");
      }
    }
    const auto strides = BroadcastStrides(operand.sizes, normalized_rank, normalized);
    std::vector<int64_t> offsets(inner, 0);
    std::vector<int64_t> index(normalized_rank, 0);
    int64_t offset = 0;
    for (int64_t i = 0; i < inner; ++i) {
      offsets[i] = offset;
      for (int d = normalized_rank - 1; d >= 0; --d) {
        ++index[d];
        offset += strides[d];
        if (index[d] < normalized[d]) break;
        offset -= strides[d] * index[d];
        index[d] = 0;
      }
    }
    return offsets;
  };
  ASSIGN_OR_RETURN(std::vector<int64_t> scale_offsets, broadcast_offsets(context.inputs[1]));
  const bool has_b = context.inputs.size() > 2 && context.inputs[2].data != nullptr;
  std::vector<int64_t> b_offsets;
  if (has_b) {
    ASSIGN_OR_RETURN(b_offsets, broadcast_offsets(context.inputs[2]));
  }
  const float epsilon = context.params.Float("epsilon", 1e-5f);
  const float* in = x.As<float>();
  const float* scale = context.inputs[1].As<float>();
  const float* shift = has_b ? context.inputs[2].As<float>() : nullptr;
  float* out = context.outputs[0].As<float>();
  float* mean_out = context.outputs.size() > 1 ? context.outputs[1].As<float>() : nullptr;
  float* inv_out = context.outputs.size() > 2 ? context.outputs[2].As<float>() : nullptr;
  for (int64_t row = 0; row < outer; ++row) {
    const float* r = in + row * inner;
    double sum = 0.0;
    for (int64_t i = 0; i < inner; ++i) sum += r[i];
    const double mean = sum / inner;
    double squares = 0.0;
    for (int64_t i = 0; i < inner; ++i) squares += (r[i] - mean) * (r[i] - mean);
    const double inv_std = 1.0 / std::sqrt(squares / inner + epsilon);
    for (int64_t i = 0; i < inner; ++i) {
      double y = (r[i] - mean) * inv_std * scale[scale_offsets[i]];
      if (shift != nullptr) y += shift[b_offsets[i]];
      out[row * inner + i] = static_cast<float>(y);
    }
    if (mean_out != nullptr) mean_out[row] = static_cast<float>(mean);
    if (inv_out != nullptr) inv_out[row] = static_cast<float>(inv_std);
  }
  return OkStatus();
}

// Mean, variance, normalize, scale and shift: ~5 operations per element of Y.
OpCost CountLayerNorm(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  if (!context.outputs.empty()) {
    cost.flops = 5 * context.outputs[0].shape.NumElements().value_or(0);
  }
  return cost;
}

// ---- LRN ----

Status CheckLrnParams(const Params& params) {
  if (!params.Has("size")) return InvalidArgumentError("size is required");
  const int64_t size = params.Int("size", 0);
  if (size <= 0 || size > (int64_t{1} << 30)) {
    return InvalidArgumentError("size must be in [1, 2^30], got " + std::to_string(size));
  }
  return OkStatus();
}

Status InferLrn(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequireFloat32(x));
  RETURN_IF_ERROR(CheckLrnParams(context.params()));
  if (x.shape.rank_known() && x.shape.rank() < 2) {
    return InvalidArgumentError("input must have rank >= 2, got " + x.shape.ToString());
  }
  context.set_output(0, x);
  return OkStatus();
}

Status ComputeLrn(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  RETURN_IF_ERROR(CheckLrnParams(context.params));
  if (x.rank() < 2) return InvalidArgumentError("input must have rank >= 2");
  const int64_t size = context.params.Int("size", 1);
  const double alpha = context.params.Float("alpha", 1e-4f);
  const double beta = context.params.Float("beta", 0.75f);
  const double bias = context.params.Float("bias", 1.0f);
  const int64_t batch = x.sizes[0], channels = x.sizes[1];
  const int64_t inner = batch > 0 && channels > 0 ? x.num_elements() / (batch * channels) : 0;
  const int64_t below = (size - 1) / 2, above = size / 2;  // floor and ceil of (size - 1) / 2
  const float* in = x.As<float>();
  float* out = context.outputs[0].As<float>();
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t first = std::max<int64_t>(0, c - below);
      const int64_t last = std::min<int64_t>(channels - 1, c + above);
      for (int64_t i = 0; i < inner; ++i) {
        double square_sum = 0.0;
        for (int64_t k = first; k <= last; ++k) {
          const double v = in[(n * channels + k) * inner + i];
          square_sum += v * v;
        }
        const int64_t at = (n * channels + c) * inner + i;
        out[at] = static_cast<float>(in[at] / std::pow(bias + alpha / size * square_sum, beta));
      }
    }
  }
  return OkStatus();
}

// Per element: `size` multiply-adds for the square sum, then a scale, add, pow and divide.
OpCost CountLrn(const CostContext& context) {
  const int64_t size = context.params.Int("size", 1);
  return ElementwiseCost(context, 2 * std::clamp<int64_t>(size, 0, int64_t{1} << 30) + 4);
}

}  // namespace

const OpDef& InstanceNormalizationOpDef() {
  static const OpDef def{.kind = OpKind::kInstanceNormalization,
                         .infer_shapes = InferInstanceNorm,
                         .count_cost = CountInstanceNorm,
                         .compute_reference = ComputeInstanceNorm};
  return def;
}

const OpDef& LayerNormalizationOpDef() {
  static const OpDef def{.kind = OpKind::kLayerNormalization,
                         .infer_shapes = InferLayerNorm,
                         .count_cost = CountLayerNorm,
                         .compute_reference = ComputeLayerNorm};
  return def;
}

const OpDef& LRNOpDef() {
  static const OpDef def{.kind = OpKind::kLRN,
                         .infer_shapes = InferLrn,
                         .count_cost = CountLrn,
                         .compute_reference = ComputeLrn};
  return def;
}

}  // namespace mb::ops
