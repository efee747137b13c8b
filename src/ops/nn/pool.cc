// MaxPool and AveragePool over the two spatial dimensions of a 4-D tensor.
// Params: data_layout ("NHWC"), kernel [h, w], strides [h, w] (default [1, 1]), padding
// "SAME" | "VALID" | "EXPLICIT" with pads [top, bottom, left, right].
// Padded cells are ignored: MaxPool treats them as -inf and AveragePool divides by the
// number of in-bounds cells (TF's rule; ONNX count_include_pad = 0).
#include <limits>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

struct PoolGeometry {
  Layout4D layout;
  int64_t batch, channels, in_h, in_w, kernel_h, kernel_w, stride_h, stride_w;
  Window window_h, window_w;
};

StatusOr<PoolGeometry> ComputeGeometry(const Params& params, const std::vector<int64_t>& x) {
  if (x.size() != 4) return InvalidArgumentError("input must be 4-D");
  PoolGeometry g;
  ASSIGN_OR_RETURN(g.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  const auto kernel = params.Ints("kernel", {});
  const auto strides = params.Ints("strides", {1, 1});
  const auto pads = params.Ints("pads", {0, 0, 0, 0});
  if (kernel.size() != 2 || strides.size() != 2 || pads.size() != 4) {
    return InvalidArgumentError("kernel and strides need 2 values, pads 4");
  }
  g.batch = x[g.layout.n], g.channels = x[g.layout.c];
  g.in_h = x[g.layout.h], g.in_w = x[g.layout.w];
  g.kernel_h = kernel[0], g.kernel_w = kernel[1];
  g.stride_h = strides[0], g.stride_w = strides[1];
  const std::string padding = params.String("padding", "VALID");
  ASSIGN_OR_RETURN(g.window_h,
                   ComputeWindow(g.in_h, g.kernel_h, g.stride_h, 1, padding, pads[0], pads[1]));
  ASSIGN_OR_RETURN(g.window_w,
                   ComputeWindow(g.in_w, g.kernel_w, g.stride_w, 1, padding, pads[2], pads[3]));
  return g;
}

std::vector<int64_t> OutputSizes(const PoolGeometry& g) {
  std::vector<int64_t> sizes(4);
  sizes[g.layout.n] = g.batch, sizes[g.layout.c] = g.channels;
  sizes[g.layout.h] = g.window_h.output, sizes[g.layout.w] = g.window_w.output;
  return sizes;
}

Status InferPool(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32) return UnimplementedError("supports float32 only");
  if (!x.shape.IsFullyKnown()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(PoolGeometry g, ComputeGeometry(context.params(), x.shape.Sizes()));
  context.set_output(0, {x.dtype, ir::Shape::Static(OutputSizes(g))});
  return OkStatus();
}

template <bool kMax>
Status ComputePool(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  ASSIGN_OR_RETURN(PoolGeometry g, ComputeGeometry(context.params, x.sizes));
  const float* in = x.As<float>();
  float* out = y.As<float>();
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t c = 0; c < g.channels; ++c) {
      for (int64_t oh = 0; oh < g.window_h.output; ++oh) {
        for (int64_t ow = 0; ow < g.window_w.output; ++ow) {
          double acc = kMax ? -std::numeric_limits<double>::infinity() : 0.0;
          int64_t count = 0;
          for (int64_t kh = 0; kh < g.kernel_h; ++kh) {
            const int64_t ih = oh * g.stride_h + kh - g.window_h.pad_before;
            if (ih < 0 || ih >= g.in_h) continue;
            for (int64_t kw = 0; kw < g.kernel_w; ++kw) {
              const int64_t iw = ow * g.stride_w + kw - g.window_w.pad_before;
              if (iw < 0 || iw >= g.in_w) continue;
              const double v = in[Offset4D(g.layout, x.sizes, n, c, ih, iw)];
              acc = kMax ? std::max(acc, v) : acc + v;
              ++count;
            }
          }
          out[Offset4D(g.layout, y.sizes, n, c, oh, ow)] =
              static_cast<float>(kMax ? acc : (count > 0 ? acc / count : 0.0));
        }
      }
    }
  }
  return OkStatus();
}

OpCost CountPool(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  const auto kernel = context.params.Ints("kernel", {1, 1});
  if (kernel.size() == 2 && !context.outputs.empty()) {
    cost.flops = context.outputs[0].shape.NumElements().value_or(0) * kernel[0] * kernel[1];
  }
  return cost;
}

}  // namespace

const OpDef& MaxPoolOpDef() {
  static const OpDef def{.kind = OpKind::kMaxPool,
                         .infer_shapes = InferPool,
                         .count_cost = CountPool,
                         .compute_reference = ComputePool<true>};
  return def;
}

const OpDef& AveragePoolOpDef() {
  static const OpDef def{.kind = OpKind::kAveragePool,
                         .infer_shapes = InferPool,
                         .count_cost = CountPool,
                         .compute_reference = ComputePool<false>};
  return def;
}

}  // namespace mb::ops
