// BatchNormalization (inference form) and BiasAdd: per-channel affine maps.
//
// BatchNormalization operands: X, scale, offset, mean, variance (each [C]).
//   y = scale * (x - mean) / sqrt(variance + epsilon) + offset
//   Params: epsilon (default 1e-5), data_layout "NHWC" (channels last, any rank) or "NCHW"
//   (channels at dim 1), training (default false), momentum (default 0.9).
//   Outputs: Y; in training mode optionally also running_mean and running_var ([C] each).
//   training = true (ONNX's training_mode) normalizes with the batch's own statistics,
//   taken per channel over every other axis: batch_mean, and the population (biased, divide
//   by N) batch_var; mean and variance are then the running statistics, and
//     running_mean = mean * momentum + batch_mean * (1 - momentum)
//     running_var = variance * momentum + batch_var * (1 - momentum)
//   (ONNX 1.12's reference feeds the biased batch_var to running_var, too).
// BiasAdd operands: X, bias [C]; Params: data_layout as above.
#include <cmath>
#include <vector>

#include "ops/nn/batch_norm_fold.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

// Which dimension holds channels, for a tensor of `rank` in `layout`.
StatusOr<int> ChannelAxis(const Params& params, int rank) {
  const std::string layout = params.String("data_layout", "NHWC");
  if (rank < 1) return InvalidArgumentError("input must have rank >= 1");
  if (layout == "NHWC") return rank - 1;
  if (layout == "NCHW") {
    if (rank < 2) return InvalidArgumentError("NCHW input must have rank >= 2");
    return 1;
  }
  return InvalidArgumentError("unsupported data layout '" + layout + "'");
}

Status CheckChannelOperands(InferenceContext& context, int first, int last) {
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32) {
    return UnimplementedError("supports float32 only, got " + std::string(ir::DTypeName(x.dtype)));
  }
  // The reference math reads every channel operand as float32 data.
  for (int i = first; i <= last; ++i) {
    if (!context.has_operand(i) || context.operand(i).dtype != ir::DType::kFloat32) {
      return InvalidArgumentError("operand " + std::to_string(i) + " must be a float32 tensor");
    }
  }
  if (x.shape.rank_known()) {
    ASSIGN_OR_RETURN(int axis, ChannelAxis(context.params(), x.shape.rank()));
    const ir::Dim& channels = x.shape.dim(axis);
    for (int i = first; i <= last; ++i) {
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

Status InferBatchNorm(InferenceContext& context) {
  if (context.num_operands() != 5) return InvalidArgumentError("needs 5 operands");
  const bool training = context.params().Bool("training", false);
  if (context.num_outputs() > (training ? 3 : 1)) {
    return InvalidArgumentError(training ? "has more than 3 outputs"
                                         : "has running statistics outputs outside training");
  }
  RETURN_IF_ERROR(CheckChannelOperands(context, 1, 4));
  // The running statistics take the types of the statistics they update.
  for (int i = 1; i < context.num_outputs(); ++i) context.set_output(i, context.operand(i + 2));
  return OkStatus();
}

Status InferBiasAdd(InferenceContext& context) {
  if (context.num_operands() != 2) return InvalidArgumentError("needs 2 operands");
  return CheckChannelOperands(context, 1, 1);
}

// Applies y = x * scale[c] + shift[c] over the channel axis.
Status ApplyChannelAffine(const ComputeContext& context, const std::vector<float>& scale,
                          const std::vector<float>& shift) {
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(int axis, ChannelAxis(context.params, x.rank()));
  int64_t inner = 1;
  for (int i = axis + 1; i < x.rank(); ++i) inner *= x.sizes[i];
  const int64_t channels = x.sizes[axis];
  const int64_t total = x.num_elements();
  const float* in = x.As<float>();
  float* out = context.outputs[0].As<float>();
  for (int64_t i = 0; i < total; ++i) {
    const int64_t c = (i / inner) % channels;
    out[i] = in[i] * scale[c] + shift[c];
  }
  return OkStatus();
}

// Training mode: per-channel mean and population variance of X (in double), the running
// statistics outputs, then the same affine map as inference with the batch's statistics.
Status ComputeBatchNormTraining(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(int axis, ChannelAxis(context.params, x.rank()));
  const int64_t channels = x.sizes[axis];
  int64_t inner = 1;
  for (int i = axis + 1; i < x.rank(); ++i) inner *= x.sizes[i];
  const int64_t total = x.num_elements();
  // Elements per channel; an empty batch gives 0 / 0 = NaN statistics, as numpy does.
  const int64_t count = channels > 0 ? total / channels : 0;
  const float* in = x.As<float>();
  std::vector<double> sum(channels, 0.0), squares(channels, 0.0);
  for (int64_t i = 0; i < total; ++i) sum[(i / inner) % channels] += in[i];
  std::vector<float> mean(channels), variance(channels);
  for (int64_t c = 0; c < channels; ++c) mean[c] = static_cast<float>(sum[c] / count);
  // Two passes: the deviations from the mean, not E[x^2] - E[x]^2, which cancels badly.
  for (int64_t i = 0; i < total; ++i) {
    const int64_t c = (i / inner) % channels;
    const double d = in[i] - sum[c] / count;
    squares[c] += d * d;
  }
  for (int64_t c = 0; c < channels; ++c) variance[c] = static_cast<float>(squares[c] / count);

  const float momentum = context.params.Float("momentum", 0.9f);
  for (size_t k = 1; k < context.outputs.size() && k < 3; ++k) {
    const float* running = context.inputs[k + 2].As<float>();
    const std::vector<float>& batch = k == 1 ? mean : variance;
    float* out = context.outputs[k].As<float>();
    for (int64_t c = 0; c < channels; ++c) {
      out[c] = running[c] * momentum + batch[c] * (1.0f - momentum);
    }
  }

  std::vector<float> scale(channels), shift(channels);
  BatchNormScaleShift(context.inputs[1].As<float>(), context.inputs[2].As<float>(), mean.data(),
                      variance.data(), context.params.Float("epsilon", 1e-5f), channels,
                      scale.data(), shift.data());
  return ApplyChannelAffine(context, scale, shift);
}

Status ComputeBatchNorm(const ComputeContext& context) {
  if (context.params.Bool("training", false)) return ComputeBatchNormTraining(context);
  const int64_t channels = context.inputs[1].num_elements();
  const float epsilon = context.params.Float("epsilon", 1e-5f);
  std::vector<float> scale(channels), shift(channels);
  BatchNormScaleShift(context.inputs[1].As<float>(), context.inputs[2].As<float>(),
                      context.inputs[3].As<float>(), context.inputs[4].As<float>(), epsilon,
                      channels, scale.data(), shift.data());
  return ApplyChannelAffine(context, scale, shift);
}

Status ComputeBiasAdd(const ComputeContext& context) {
  const int64_t channels = context.inputs[1].num_elements();
  std::vector<float> ones(channels, 1.0f);
  std::vector<float> bias(context.inputs[1].As<float>(), context.inputs[1].As<float>() + channels);
  return ApplyChannelAffine(context, ones, bias);
}

// Training adds the statistics: a sum (1) and a squared deviation (3) per element.
OpCost CountBatchNorm(const CostContext& context) {
  return ElementwiseCost(context, context.params.Bool("training", false) ? 6 : 2);
}
OpCost CountBiasAdd(const CostContext& context) { return ElementwiseCost(context, 1); }

}  // namespace

const OpDef& BatchNormalizationOpDef() {
  static const OpDef def{.kind = OpKind::kBatchNormalization,
                         .infer_shapes = InferBatchNorm,
                         .count_cost = CountBatchNorm,
                         .compute_reference = ComputeBatchNorm};
  return def;
}

const OpDef& BiasAddOpDef() {
  static const OpDef def{.kind = OpKind::kBiasAdd,
                         .infer_shapes = InferBiasAdd,
                         .count_cost = CountBiasAdd,
                         .compute_reference = ComputeBiasAdd};
  return def;
}

}  // namespace mb::ops
