// MaxPool and AveragePool over the spatial dimensions of a 4-D tensor (2-D pooling), a 3-D
// one (1-D pooling, run as 2-D with H = 1) or a 5-D one (3-D pooling).
//
// Operand: X (`data_layout`; rank 3 is [N, C, L] for NCHW, [N, L, C] for NHWC; rank 5 is
// [N, C, D, H, W] for NCHW, [N, D, H, W, C] for NHWC).
// Params (lists have one value per spatial dimension: [h, w], [l] for 1-D, [d, h, w] for
// 3-D):
//   data_layout        "NHWC" (default) or "NCHW" (for 5-D: NDHWC / NCDHW)
//   kernel             window size (required)
//   strides            (default 1 each)
//   dilations          (default 1 each; ONNX MaxPool)
//   padding            "SAME" (= "SAME_UPPER"), "SAME_LOWER", "VALID" (default) or
//                      "EXPLICIT" with pads [top, bottom, left, right] ([begin, end] for 1-D;
//                      [front, back, top, bottom, left, right] for 3-D: each dimension's
//                      [begin, end] pair in D, H, W order, NOT ONNX's all-begins-then-ends)
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
  Layout5D layout;
  std::vector<int64_t> x5;  // X's sizes as 5-D (unit D, and for 1-D unit H, inserted)
  int64_t batch, channels;
  int64_t in[3], kernel[3], stride[3], dilation[3];  // [d, h, w]
  Window window[3];
};

StatusOr<PoolGeometry> ComputeGeometry(const Params& params, const std::vector<int64_t>& x) {
  if (x.size() < 3 || x.size() > 5) {
    return InvalidArgumentError("input must be 3-D, 4-D or 5-D, got rank " +
                                std::to_string(x.size()));
  }
  const int spatial_rank = static_cast<int>(x.size()) - 2;
  PoolGeometry g;
  ASSIGN_OR_RETURN(Layout4D layout4, ParseDataLayout(params.String("data_layout", "NHWC")));
  g.layout = To5D(layout4);
  g.x5 = Expand5D(x, layout4);
  g.batch = g.x5[g.layout.n], g.channels = g.x5[g.layout.c];
  g.in[0] = g.x5[g.layout.d], g.in[1] = g.x5[g.layout.h], g.in[2] = g.x5[g.layout.w];
  if (params.Bool("global", false)) {
    for (int i = 0; i < 3; ++i) {
      if (g.in[i] <= 0) return InvalidArgumentError("global pooling of an empty input");
      g.kernel[i] = g.in[i];
      g.stride[i] = g.dilation[i] = 1;
      g.window[i] = Window{1, 0, 0};
    }
    return g;
  }
  if (!params.Has("kernel")) return InvalidArgumentError("kernel is required");
  ASSIGN_OR_RETURN(auto kernel, SpatialTriple(params, "kernel", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto strides, SpatialTriple(params, "strides", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto dilations, SpatialTriple(params, "dilations", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto pads, SpatialPads3(params, spatial_rank));
  const std::string padding = params.String("padding", "VALID");
  const bool ceil_mode = params.Bool("ceil_mode", false);
  for (int i = 0; i < 3; ++i) {
    g.kernel[i] = kernel[i], g.stride[i] = strides[i], g.dilation[i] = dilations[i];
    ASSIGN_OR_RETURN(g.window[i], ComputeWindow(g.in[i], g.kernel[i], g.stride[i], g.dilation[i],
                                                padding, pads[2 * i], pads[2 * i + 1], ceil_mode));
  }
  return g;
}

// The output's sizes as 5-D (for indexing) and at the input's rank.
std::vector<int64_t> OutputSizes5D(const PoolGeometry& g) {
  std::vector<int64_t> sizes(5);
  sizes[g.layout.n] = g.batch, sizes[g.layout.c] = g.channels;
  sizes[g.layout.d] = g.window[0].output, sizes[g.layout.h] = g.window[1].output;
  sizes[g.layout.w] = g.window[2].output;
  return sizes;
}
std::vector<int64_t> OutputSizes(const PoolGeometry& g, size_t rank) {
  std::vector<int64_t> sizes = OutputSizes5D(g);
  // The unit D (and H) that Expand5D inserted sit at positions d, d + 1.
  sizes.erase(sizes.begin() + g.layout.d, sizes.begin() + g.layout.d + (5 - rank));
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

// One output cell: the max or average of its window, skipping padding (-inf for max; for
// the average, count_include_pad decides the divisor).
template <bool kMax>
float PoolCell(const PoolGeometry& g, const float* in, bool count_include_pad, int64_t n, int64_t c,
               const int64_t out[3]) {
  double acc = kMax ? -std::numeric_limits<double>::infinity() : 0.0;
  int64_t count = 0, padded_count = 0;
  int64_t start[3];
  for (int i = 0; i < 3; ++i) start[i] = out[i] * g.stride[i] - g.window[i].pad_before;
  // A position is inside the padded input (not in a ceil_mode overhang) if in
  // [-pad_before, in + pad_after).
  auto in_padded = [&](int i, int64_t p) {
    return p >= -g.window[i].pad_before && p < g.in[i] + g.window[i].pad_after;
  };
  for (int64_t kd = 0; kd < g.kernel[0]; ++kd) {
    const int64_t id = start[0] + kd * g.dilation[0];
    if (!in_padded(0, id)) continue;
    for (int64_t kh = 0; kh < g.kernel[1]; ++kh) {
      const int64_t ih = start[1] + kh * g.dilation[1];
      if (!in_padded(1, ih)) continue;
      for (int64_t kw = 0; kw < g.kernel[2]; ++kw) {
        const int64_t iw = start[2] + kw * g.dilation[2];
        if (!in_padded(2, iw)) continue;
        ++padded_count;
        if (id < 0 || id >= g.in[0] || ih < 0 || ih >= g.in[1] || iw < 0 || iw >= g.in[2]) {
          continue;
        }
        const double v = in[Offset5D(g.layout, g.x5, n, c, id, ih, iw)];
        acc = kMax ? std::max(acc, v) : acc + v;
        ++count;
      }
    }
  }
  const int64_t divisor = count_include_pad ? padded_count : count;
  return static_cast<float>(kMax ? acc : (divisor > 0 ? acc / divisor : 0.0));
}

template <bool kMax>
Status ComputePool(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  ASSIGN_OR_RETURN(PoolGeometry g, ComputeGeometry(context.params, x.sizes));
  RETURN_IF_ERROR(CheckOutputView(y, ir::DType::kFloat32, OutputSizes(g, x.sizes.size())));
  const std::vector<int64_t> y5 = OutputSizes5D(g);
  const bool count_include_pad = context.params.Bool("count_include_pad", false);
  const float* in = x.As<float>();
  float* out = y.As<float>();
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t c = 0; c < g.channels; ++c) {
      int64_t o[3];
      for (o[0] = 0; o[0] < g.window[0].output; ++o[0]) {
        for (o[1] = 0; o[1] < g.window[1].output; ++o[1]) {
          for (o[2] = 0; o[2] < g.window[2].output; ++o[2]) {
            out[Offset5D(g.layout, y5, n, c, o[0], o[1], o[2])] =
                PoolCell<kMax>(g, in, count_include_pad, n, c, o);
          }
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
