// MaxPool and AveragePool over the spatial dimensions of a 4-D tensor (2-D pooling) or a
// 3-D one (1-D pooling, run as 2-D with H = 1).
//
// Operand: X (`data_layout`; rank 3 is [N, C, L] for NCHW, [N, L, C] for NHWC).
// Params (lists have one value per spatial dimension: [h, w], or [l] for 1-D):
//   data_layout        "NHWC" (default) or "NCHW"
//   kernel             window size (required)
//   strides            (default 1 each)
//   dilations          (default 1 each; ONNX MaxPool)
//   padding            "SAME" (= "SAME_UPPER"), "SAME_LOWER", "VALID" (default) or
//                      "EXPLICIT" with pads [top, bottom, left, right] ([begin, end] for 1-D)
//   ceil_mode          (default false; ONNX) output size rounds up, see ComputeWindow
//   global             (default false; ONNX GlobalAveragePool/GlobalMaxPool) the window is
//                      the whole spatial extent: kernel and the window params are ignored
//   count_include_pad  (default false; AveragePool) divide by the window's cells inside the
//                      padded input (declared padding counts, the ceil_mode overhang does
//                      not) instead of by the cells inside the input
// Padded cells are ignored by MaxPool (-inf). By default AveragePool divides by the number of
// in-bounds cells (TF's rule; ONNX count_include_pad = 0).
#include <algorithm>
#include <limits>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

struct PoolGeometry {
  Layout4D layout;
  std::vector<int64_t> x4;  // X's sizes as 4-D (1-D pooling: H = 1 inserted)
  int64_t batch, channels, in_h, in_w, kernel_h, kernel_w, stride_h, stride_w;
  int64_t dilation_h, dilation_w;
  Window window_h, window_w;
};

StatusOr<PoolGeometry> ComputeGeometry(const Params& params, const std::vector<int64_t>& x) {
  if (x.size() != 3 && x.size() != 4) {
    return InvalidArgumentError("input must be 3-D or 4-D, got rank " + std::to_string(x.size()));
  }
  const int spatial_rank = static_cast<int>(x.size()) - 2;
  PoolGeometry g;
  ASSIGN_OR_RETURN(g.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  g.x4 = Expand4D(x, g.layout);
  g.batch = g.x4[g.layout.n], g.channels = g.x4[g.layout.c];
  g.in_h = g.x4[g.layout.h], g.in_w = g.x4[g.layout.w];
  if (params.Bool("global", false)) {
    if (g.in_h <= 0 || g.in_w <= 0) return InvalidArgumentError("global pooling of an empty input");
    g.kernel_h = g.in_h, g.kernel_w = g.in_w;
    g.stride_h = g.stride_w = g.dilation_h = g.dilation_w = 1;
    g.window_h = Window{1, 0, 0};
    g.window_w = Window{1, 0, 0};
    return g;
  }
  if (!params.Has("kernel")) return InvalidArgumentError("kernel is required");
  ASSIGN_OR_RETURN(auto kernel, SpatialPair(params, "kernel", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto strides, SpatialPair(params, "strides", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto dilations, SpatialPair(params, "dilations", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto pads, SpatialPads(params, spatial_rank));
  g.kernel_h = kernel[0], g.kernel_w = kernel[1];
  g.stride_h = strides[0], g.stride_w = strides[1];
  g.dilation_h = dilations[0], g.dilation_w = dilations[1];
  const std::string padding = params.String("padding", "VALID");
  const bool ceil_mode = params.Bool("ceil_mode", false);
  ASSIGN_OR_RETURN(g.window_h, ComputeWindow(g.in_h, g.kernel_h, g.stride_h, g.dilation_h, padding,
                                             pads[0], pads[1], ceil_mode));
  ASSIGN_OR_RETURN(g.window_w, ComputeWindow(g.in_w, g.kernel_w, g.stride_w, g.dilation_w, padding,
                                             pads[2], pads[3], ceil_mode));
  return g;
}

// The output's sizes as 4-D (for indexing) and at the input's rank.
std::vector<int64_t> OutputSizes4D(const PoolGeometry& g) {
  std::vector<int64_t> sizes(4);
  sizes[g.layout.n] = g.batch, sizes[g.layout.c] = g.channels;
  sizes[g.layout.h] = g.window_h.output, sizes[g.layout.w] = g.window_w.output;
  return sizes;
}
std::vector<int64_t> OutputSizes(const PoolGeometry& g, size_t rank) {
  std::vector<int64_t> sizes = OutputSizes4D(g);
  if (rank == 3) sizes.erase(sizes.begin() + g.layout.h);
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
  context.set_output(0, {x.dtype, ir::Shape::Static(OutputSizes(g, x.shape.rank()))});
  return OkStatus();
}

template <bool kMax>
Status ComputePool(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  ASSIGN_OR_RETURN(PoolGeometry g, ComputeGeometry(context.params, x.sizes));
  const std::vector<int64_t> y4 = OutputSizes4D(g);
  const bool count_include_pad = context.params.Bool("count_include_pad", false);
  const float* in = x.As<float>();
  float* out = y.As<float>();
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t c = 0; c < g.channels; ++c) {
      for (int64_t oh = 0; oh < g.window_h.output; ++oh) {
        for (int64_t ow = 0; ow < g.window_w.output; ++ow) {
          double acc = kMax ? -std::numeric_limits<double>::infinity() : 0.0;
          int64_t count = 0, padded_count = 0;
          for (int64_t kh = 0; kh < g.kernel_h; ++kh) {
            const int64_t ih = oh * g.stride_h + kh * g.dilation_h - g.window_h.pad_before;
            if (ih < -g.window_h.pad_before || ih >= g.in_h + g.window_h.pad_after) continue;
            for (int64_t kw = 0; kw < g.kernel_w; ++kw) {
              const int64_t iw = ow * g.stride_w + kw * g.dilation_w - g.window_w.pad_before;
              if (iw < -g.window_w.pad_before || iw >= g.in_w + g.window_w.pad_after) continue;
              ++padded_count;  // inside the padded input (not in a ceil_mode overhang)
              if (ih < 0 || ih >= g.in_h || iw < 0 || iw >= g.in_w) continue;
              const double v = in[Offset4D(g.layout, g.x4, n, c, ih, iw)];
              acc = kMax ? std::max(acc, v) : acc + v;
              ++count;
            }
          }
          const int64_t divisor = count_include_pad ? padded_count : count;
          out[Offset4D(g.layout, y4, n, c, oh, ow)] =
              static_cast<float>(kMax ? acc : (divisor > 0 ? acc / divisor : 0.0));
        }
      }
    }
  }
  return OkStatus();
}

OpCost CountPool(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  if (context.params.Bool("global", false)) {  // one operation per input element
    cost.flops = context.operands[0].shape.NumElements().value_or(0);
    return cost;
  }
  int64_t window = 1;
  for (int64_t k : context.params.Ints("kernel", {})) {
    window = (k > 0 && k < (int64_t{1} << 20)) ? window * k : 0;  // garbage counts nothing
  }
  if (!context.outputs.empty()) {
    cost.flops = context.outputs[0].shape.NumElements().value_or(0) * window;
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
