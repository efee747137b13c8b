// Conv: 2-D convolution, grouped and dilated, with an optional bias and fused activation;
// 1-D convolution (ONNX Conv on [N, C, L]) runs as 2-D with H = 1.
//
// Operands: X (4-D, `data_layout` NHWC or NCHW; 3-D [N, C, L] or [N, L, C] for 1-D), W (rank
// of X; 1-D filters drop the H of their layout: OIL, LIO, LIM), optional B [out_channels].
// Params:
//   data_layout    "NHWC" (default) or "NCHW"
//   filter_layout  "HWIO" (TF Conv2D: [kh, kw, in/group, out]), "OIHW" (ONNX) or
//                  "HWIM" (TF depthwise: [kh, kw, in, multiplier]; group = in)
//   strides, dilations  [h, w] (default [1, 1]; [l] for 1-D)
//   padding        "SAME" (TF SAME = ONNX SAME_UPPER, also accepted), "SAME_LOWER" (ONNX:
//                  an odd total padding puts the extra pixel before), "VALID" or "EXPLICIT"
//                  with pads [top, bottom, left, right] ([begin, end] for 1-D)
//   group          (default 1; ignored for HWIM)
//   activation     "" | Relu | Relu6 | Elu | LeakyRelu | Sigmoid | Tanh, alpha for LeakyRelu
#include <cmath>

#include "ops/activation.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

// Everything the shape function, cost function and reference math agree on.
struct ConvGeometry {
  Layout4D layout;
  std::vector<int64_t> x4;  // X's sizes as 4-D (1-D: H = 1 inserted)
  std::string filter_layout;
  int64_t batch, in_channels, in_h, in_w;
  int64_t out_channels, kernel_h, kernel_w;
  int64_t group, in_per_group, out_per_group;
  int64_t stride_h, stride_w, dilation_h, dilation_w;
  Window window_h, window_w;
};

StatusOr<ConvGeometry> ComputeGeometry(const Params& params, const std::vector<int64_t>& x,
                                       const std::vector<int64_t>& w_sizes) {
  if (x.size() != 4 && x.size() != 3) {
    return InvalidArgumentError("input must be 3-D or 4-D, got rank " + std::to_string(x.size()));
  }
  if (w_sizes.size() != x.size()) {
    return InvalidArgumentError("filter has rank " + std::to_string(w_sizes.size()) +
                                ", expected " + std::to_string(x.size()));
  }
  const int spatial_rank = static_cast<int>(x.size()) - 2;
  ConvGeometry g;
  ASSIGN_OR_RETURN(g.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  g.filter_layout = params.String("filter_layout", "HWIO");
  g.x4 = Expand4D(x, g.layout);
  // A 1-D filter gets its unit H where its layout has it: OIHW at 2, HWIO/HWIM at 0.
  std::vector<int64_t> w = w_sizes;
  if (w.size() == 3) w.insert(w.begin() + (g.filter_layout == "OIHW" ? 2 : 0), 1);
  g.batch = g.x4[g.layout.n];
  g.in_channels = g.x4[g.layout.c];
  g.in_h = g.x4[g.layout.h];
  g.in_w = g.x4[g.layout.w];
  int64_t filter_in;
  if (g.filter_layout == "HWIO") {
    g.kernel_h = w[0], g.kernel_w = w[1], filter_in = w[2], g.out_channels = w[3];
  } else if (g.filter_layout == "OIHW") {
    g.out_channels = w[0], filter_in = w[1], g.kernel_h = w[2], g.kernel_w = w[3];
  } else if (g.filter_layout == "HWIM") {
    g.kernel_h = w[0], g.kernel_w = w[1], filter_in = 1;
    if (w[2] != g.in_channels) {
      return InvalidArgumentError("depthwise filter has " + std::to_string(w[2]) +
                                  " input channels, input has " + std::to_string(g.in_channels));
    }
    g.out_channels = w[2] * w[3];
  } else {
    return InvalidArgumentError("unknown filter layout '" + g.filter_layout + "'");
  }
  // Zero input channels would make the group count 0, a divisor below.
  if (g.in_channels <= 0) return InvalidArgumentError("input has no channels");
  if (filter_in <= 0 || g.in_channels % filter_in != 0) {
    return InvalidArgumentError("input depth " + std::to_string(g.in_channels) +
                                " is not a multiple of filter depth " + std::to_string(filter_in));
  }
  g.group = g.in_channels / filter_in;
  if (g.filter_layout != "HWIM" && params.Has("group") && params.Int("group", 1) != g.group) {
    return InvalidArgumentError("group " + std::to_string(params.Int("group", 1)) +
                                " does not match the filter");
  }
  if (g.out_channels % g.group != 0) {
    return InvalidArgumentError("output channels are not a multiple of the group count");
  }
  g.in_per_group = filter_in;
  g.out_per_group = g.out_channels / g.group;
  ASSIGN_OR_RETURN(auto strides, SpatialPair(params, "strides", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto dilations, SpatialPair(params, "dilations", 1, spatial_rank));
  ASSIGN_OR_RETURN(auto pads, SpatialPads(params, spatial_rank));
  g.stride_h = strides[0], g.stride_w = strides[1];
  g.dilation_h = dilations[0], g.dilation_w = dilations[1];
  const std::string padding = params.String("padding", "VALID");
  ASSIGN_OR_RETURN(g.window_h, ComputeWindow(g.in_h, g.kernel_h, g.stride_h, g.dilation_h, padding,
                                             pads[0], pads[1]));
  ASSIGN_OR_RETURN(g.window_w, ComputeWindow(g.in_w, g.kernel_w, g.stride_w, g.dilation_w, padding,
                                             pads[2], pads[3]));
  return g;
}

// The output's sizes as 4-D (for indexing) and at the input's rank.
std::vector<int64_t> OutputSizes4D(const ConvGeometry& g) {
  std::vector<int64_t> sizes(4);
  sizes[g.layout.n] = g.batch;
  sizes[g.layout.c] = g.out_channels;
  sizes[g.layout.h] = g.window_h.output;
  sizes[g.layout.w] = g.window_w.output;
  return sizes;
}
std::vector<int64_t> OutputSizes(const ConvGeometry& g, size_t rank) {
  std::vector<int64_t> sizes = OutputSizes4D(g);
  if (rank == 3) sizes.erase(sizes.begin() + g.layout.h);
  return sizes;
}

Status InferConv(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  const TensorType& w = context.operand(1);
  if (x.dtype != ir::DType::kFloat32) {
    return UnimplementedError("Conv supports float32 only, got " +
                              std::string(ir::DTypeName(x.dtype)));
  }
  if (!x.shape.IsFullyKnown() || !w.shape.IsFullyKnown()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(ConvGeometry g,
                   ComputeGeometry(context.params(), x.shape.Sizes(), w.shape.Sizes()));
  if (context.has_operand(2)) {
    std::optional<int64_t> bias = context.operand(2).shape.NumElements();
    if (bias && *bias != g.out_channels) {
      return InvalidArgumentError("bias has " + std::to_string(*bias) + " elements, expected " +
                                  std::to_string(g.out_channels));
    }
  }
  RETURN_IF_ERROR(ParseActivation(context.params().String("activation", "")).status());
  context.set_output(0, {x.dtype, ir::Shape::Static(OutputSizes(g, x.shape.rank()))});
  return OkStatus();
}

OpCost CountConv(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  const TensorType& x = context.operands[0];
  const TensorType& w = context.operands[1];
  if (!x.shape.IsFullyKnown() || !w.shape.IsFullyKnown()) return cost;
  auto g = ComputeGeometry(context.params, x.shape.Sizes(), w.shape.Sizes());
  if (!g.ok()) return cost;
  const int64_t outputs = g->batch * g->out_channels * g->window_h.output * g->window_w.output;
  cost.macs = outputs * g->in_per_group * g->kernel_h * g->kernel_w;
  cost.flops = 2 * cost.macs;
  if (context.operands.size() > 2 && context.operands[2].dtype != ir::DType::kInvalid) {
    cost.flops += outputs;  // bias
  }
  return cost;
}

// Index of filter element (kh, kw, input channel within its group, output channel).
int64_t FilterIndex(const ConvGeometry& g, int64_t kh, int64_t kw, int64_t ic, int64_t oc) {
  if (g.filter_layout == "HWIO") {
    return ((kh * g.kernel_w + kw) * g.in_per_group + ic) * g.out_channels + oc;
  }
  if (g.filter_layout == "OIHW") {
    return ((oc * g.in_per_group + ic) * g.kernel_h + kh) * g.kernel_w + kw;
  }
  // HWIM: output channel oc = input channel c * multiplier + m.
  const int64_t multiplier = g.out_channels / g.in_channels;
  return ((kh * g.kernel_w + kw) * g.in_channels + oc / multiplier) * multiplier + oc % multiplier;
}

Status ComputeConv(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& w = context.inputs[1];
  const float* bias =
      context.inputs.size() > 2 ? context.inputs[2].As<float>() : nullptr;  // null if absent
  ASSIGN_OR_RETURN(ConvGeometry g, ComputeGeometry(context.params, x.sizes, w.sizes));
  ASSIGN_OR_RETURN(Activation activation, ParseActivation(context.params.String("activation", "")));
  const float alpha = context.params.Float("alpha", 0.2f);
  const TensorView& y = context.outputs[0];
  const std::vector<int64_t> y4 = OutputSizes4D(g);
  const float* in = x.As<float>();
  const float* filter = w.As<float>();
  float* out = y.As<float>();
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      const int64_t group = oc / g.out_per_group;
      for (int64_t oh = 0; oh < g.window_h.output; ++oh) {
        for (int64_t ow = 0; ow < g.window_w.output; ++ow) {
          double sum = bias ? bias[oc] : 0.0;
          for (int64_t kh = 0; kh < g.kernel_h; ++kh) {
            const int64_t ih = oh * g.stride_h + kh * g.dilation_h - g.window_h.pad_before;
            if (ih < 0 || ih >= g.in_h) continue;
            for (int64_t kw = 0; kw < g.kernel_w; ++kw) {
              const int64_t iw = ow * g.stride_w + kw * g.dilation_w - g.window_w.pad_before;
              if (iw < 0 || iw >= g.in_w) continue;
              for (int64_t ic = 0; ic < g.in_per_group; ++ic) {
                const int64_t c = group * g.in_per_group + ic;
                sum += static_cast<double>(in[Offset4D(g.layout, g.x4, n, c, ih, iw)]) *
                       filter[FilterIndex(g, kh, kw, ic, oc)];
              }
            }
          }
          out[Offset4D(g.layout, y4, n, oc, oh, ow)] =
              ApplyActivation(activation, alpha, static_cast<float>(sum));
        }
      }
    }
  }
  return OkStatus();
}

}  // namespace

const OpDef& ConvOpDef() {
  static const OpDef def{.kind = OpKind::kConv,
                         .infer_shapes = InferConv,
                         .count_cost = CountConv,
                         .compute_reference = ComputeConv};
  return def;
}

}  // namespace mb::ops
