// ConvTranspose: 2-D transposed convolution (TF Conv2DBackpropInput, ONNX ConvTranspose), the
// adjoint of Conv: every input pixel scatters `kernel * value` into the output.
//
// Operands: X (4-D, `data_layout`), W, optional B [out_channels].
// Params:
//   data_layout    "NHWC" (default) or "NCHW"
//   filter_layout  "HWOI" (TF: [kh, kw, out_channels/group, in_channels], the forward
//                  conv's HWIO filter, whose "in" is this op's output) or "IOHW" (ONNX:
//                  [in_channels, out_channels/group, kh, kw])
//   strides, dilations  [h, w] (default [1, 1])
//   padding        "SAME", "VALID" or "EXPLICIT" with pads [top, bottom, left, right]; all
//                  describe the *forward* convolution from this op's output to X
//   output_size    [h, w]: the output's spatial size (TF's input_sizes). The forward conv of
//                  that size, by the rule of shared/spec/tf-tools.md 6.1, must give X's
//                  spatial size; its pad_before places the kernel. Without it the output is
//                  the smallest consistent size: VALID (in - 1) * stride + effective_filter,
//                  SAME in * stride, EXPLICIT (in - 1) * stride + effective_filter - pads.
//   group          (default 1): X's channels and the output's split into `group` blocks.
//
// Cost: MACs = X elements * kh * kw * out_channels / group (every input value meets every
// kernel tap of its group's output channels, including taps that fall into padding, as
// TF's and ONNX's profilers count it); FLOPs = 2 * MACs, plus one add per output for a bias.
#include <cmath>
#include <optional>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

// Parameters that do not depend on operand shapes.
struct StaticParams {
  Layout4D layout;
  std::string filter_layout;
  std::string padding;
  std::vector<int64_t> strides, dilations, pads;
  std::vector<int64_t> output_size;  // empty: derive from X
  int64_t group = 1;
};

StatusOr<StaticParams> ParseStaticParams(const Params& params) {
  StaticParams p;
  ASSIGN_OR_RETURN(p.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  p.filter_layout = params.String("filter_layout", "HWOI");
  if (p.filter_layout != "HWOI" && p.filter_layout != "IOHW") {
    return InvalidArgumentError("unknown filter layout '" + p.filter_layout +
                                "' (expected HWOI or IOHW)");
  }
  p.padding = params.String("padding", "VALID");
  if (p.padding != "SAME" && p.padding != "VALID" && p.padding != "EXPLICIT") {
    return InvalidArgumentError("unknown padding '" + p.padding + "'");
  }
  p.strides = params.Ints("strides", {1, 1});
  p.dilations = params.Ints("dilations", {1, 1});
  p.pads = params.Ints("pads", {0, 0, 0, 0});
  if (p.strides.size() != 2 || p.dilations.size() != 2 || p.pads.size() != 4) {
    return InvalidArgumentError("strides and dilations need 2 values, pads 4");
  }
  for (int i = 0; i < 2; ++i) {
    if (p.strides[i] <= 0 || p.dilations[i] <= 0) {
      return InvalidArgumentError("strides and dilations must be positive");
    }
  }
  p.output_size = params.Ints("output_size", {});
  if (!p.output_size.empty()) {
    if (p.output_size.size() != 2) {
      return InvalidArgumentError("output_size needs 2 values [h, w], has " +
                                  std::to_string(p.output_size.size()));
    }
    if (p.output_size[0] < 0 || p.output_size[1] < 0) {
      return InvalidArgumentError("output_size is negative");
    }
  }
  p.group = params.Int("group", 1);
  if (p.group <= 0) return InvalidArgumentError("group must be positive");
  return p;
}

// What the filter says: kernel size, the X channels it expects and output channels.
struct FilterDims {
  int64_t kernel_h, kernel_w, in_channels, out_per_group;
};

StatusOr<FilterDims> ParseFilter(const StaticParams& p, const std::vector<int64_t>& w) {
  if (w.size() != 4) {
    return InvalidArgumentError("filter has rank " + std::to_string(w.size()) + ", expected 4");
  }
  FilterDims f;
  if (p.filter_layout == "HWOI") {
    f = {w[0], w[1], w[3], w[2]};
  } else {
    f = {w[2], w[3], w[0], w[1]};
  }
  if (f.kernel_h <= 0 || f.kernel_w <= 0) return InvalidArgumentError("empty filter window");
  if (f.in_channels % p.group != 0) {
    return InvalidArgumentError("filter input channels " + std::to_string(f.in_channels) +
                                " are not a multiple of group " + std::to_string(p.group));
  }
  return f;
}

// One spatial dimension: the output size and where the kernel starts (pad_before).
struct SpatialDim {
  int64_t output = 0;
  int64_t pad_before = 0;
};

StatusOr<SpatialDim> ComputeSpatial(int64_t in, int64_t kernel, int64_t stride, int64_t dilation,
                                    const std::string& padding, int64_t pad_before,
                                    int64_t pad_after, std::optional<int64_t> requested,
                                    const char* axis) {
  // Sizes beyond 2^40 are no real model's; bounding them keeps the arithmetic exact.
  constexpr int64_t kLimit = int64_t{1} << 40;
  const auto span = ir::CheckedMultiply(in > 0 ? in - 1 : 0, stride);
  const auto reach = ir::CheckedMultiply(kernel - 1, dilation);
  if (!span || !reach || *span > kLimit || *reach > kLimit || stride > kLimit || in > kLimit ||
      pad_before > kLimit || pad_after > kLimit || (requested && *requested > kLimit)) {
    return InvalidArgumentError(std::string(axis) + " size overflows");
  }
  int64_t output;
  if (requested) {
    output = *requested;
  } else {
    const int64_t effective = *reach + 1;
    if (padding == "SAME") {
      output = *span + stride;  // in * stride
    } else if (padding == "VALID") {
      output = *span + effective;
    } else {
      output = *span + effective - pad_before - pad_after;
    }
    if (output <= 0) {
      return InvalidArgumentError(std::string(axis) + ": the explicit padding leaves no output");
    }
  }
  ASSIGN_OR_RETURN(Window forward,
                   ComputeWindow(output, kernel, stride, dilation, padding, pad_before, pad_after));
  if (forward.output != in) {
    return InvalidArgumentError(std::string(axis) + ": output size " + std::to_string(output) +
                                " does not match the input: its forward convolution gives " +
                                std::to_string(forward.output) + ", the input has " +
                                std::to_string(in));
  }
  return SpatialDim{output, forward.pad_before};
}

// Everything the shape function, cost function and reference math agree on.
struct Geometry {
  StaticParams p;
  FilterDims filter;
  int64_t batch, in_channels, in_h, in_w;
  int64_t out_channels, in_per_group;
  SpatialDim h, w;
};

StatusOr<Geometry> ComputeGeometry(const Params& params, const std::vector<int64_t>& x,
                                   const std::vector<int64_t>& w) {
  if (x.size() != 4) {
    return InvalidArgumentError("input must be 4-D, got rank " + std::to_string(x.size()));
  }
  Geometry g;
  ASSIGN_OR_RETURN(g.p, ParseStaticParams(params));
  ASSIGN_OR_RETURN(g.filter, ParseFilter(g.p, w));
  g.batch = x[g.p.layout.n];
  g.in_channels = x[g.p.layout.c];
  g.in_h = x[g.p.layout.h];
  g.in_w = x[g.p.layout.w];
  if (g.in_channels != g.filter.in_channels) {
    return InvalidArgumentError("input has " + std::to_string(g.in_channels) +
                                " channels, the filter expects " +
                                std::to_string(g.filter.in_channels));
  }
  g.in_per_group = g.in_channels / g.p.group;
  g.out_channels = g.filter.out_per_group * g.p.group;
  std::optional<int64_t> out_h, out_w;
  if (!g.p.output_size.empty()) out_h = g.p.output_size[0], out_w = g.p.output_size[1];
  ASSIGN_OR_RETURN(g.h, ComputeSpatial(g.in_h, g.filter.kernel_h, g.p.strides[0], g.p.dilations[0],
                                       g.p.padding, g.p.pads[0], g.p.pads[1], out_h, "height"));
  ASSIGN_OR_RETURN(g.w, ComputeSpatial(g.in_w, g.filter.kernel_w, g.p.strides[1], g.p.dilations[1],
                                       g.p.padding, g.p.pads[2], g.p.pads[3], out_w, "width"));
  return g;
}

std::vector<int64_t> OutputSizes(const Geometry& g) {
  std::vector<int64_t> sizes(4);
  sizes[g.p.layout.n] = g.batch;
  sizes[g.p.layout.c] = g.out_channels;
  sizes[g.p.layout.h] = g.h.output;
  sizes[g.p.layout.w] = g.w.output;
  return sizes;
}

Status CheckBias(const InferenceContext& context, std::optional<int64_t> out_channels) {
  if (!context.has_operand(2)) return OkStatus();
  const TensorType& b = context.operand(2);
  if (b.dtype != ir::DType::kFloat32) return InvalidArgumentError("bias must be float32");
  if (b.shape.rank_known() && b.shape.rank() != 1) {
    return InvalidArgumentError("bias must be 1-D, got " + b.shape.ToString());
  }
  std::optional<int64_t> count = b.shape.NumElements();
  if (count && out_channels && *count != *out_channels) {
    return InvalidArgumentError("bias has " + std::to_string(*count) + " elements, expected " +
                                std::to_string(*out_channels));
  }
  return OkStatus();
}

Status InferConvTranspose(InferenceContext& context) {
  if (context.num_operands() < 2 || context.num_operands() > 3) {
    return InvalidArgumentError("needs 2 or 3 operands (X, W, optional B)");
  }
  const TensorType& x = context.operand(0);
  const TensorType& w = context.operand(1);
  if (x.dtype != ir::DType::kFloat32 || w.dtype != ir::DType::kFloat32) {
    return UnimplementedError("ConvTranspose supports float32 only, got " +
                              std::string(ir::DTypeName(x.dtype)) + " and " +
                              std::string(ir::DTypeName(w.dtype)));
  }
  ASSIGN_OR_RETURN(StaticParams p, ParseStaticParams(context.params()));
  if (x.shape.rank_known() && x.shape.rank() != 4) {
    return InvalidArgumentError("input must be 4-D, got " + x.shape.ToString());
  }
  if (w.shape.rank_known() && w.shape.rank() != 4) {
    return InvalidArgumentError("filter has rank " + std::to_string(w.shape.rank()) +
                                ", expected 4");
  }
  if (x.shape.IsFullyKnown() && w.shape.IsFullyKnown()) {
    ASSIGN_OR_RETURN(Geometry g,
                     ComputeGeometry(context.params(), x.shape.Sizes(), w.shape.Sizes()));
    RETURN_IF_ERROR(CheckBias(context, g.out_channels));
    context.set_output(0, {x.dtype, ir::Shape::Static(OutputSizes(g))});
    return OkStatus();
  }
  // Partly known: keep what each operand fixes on its own.
  std::optional<int64_t> out_channels;
  if (w.shape.IsFullyKnown()) {
    ASSIGN_OR_RETURN(FilterDims f, ParseFilter(p, w.shape.Sizes()));
    out_channels = f.out_per_group * p.group;
    if (x.shape.rank_known() && x.shape.dim(p.layout.c).is_known() &&
        x.shape.dim(p.layout.c).size() != f.in_channels) {
      return InvalidArgumentError("input has " + x.shape.dim(p.layout.c).ToString() +
                                  " channels, the filter expects " + std::to_string(f.in_channels));
    }
  }
  RETURN_IF_ERROR(CheckBias(context, out_channels));
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  std::vector<ir::Dim> dims(4);
  dims[p.layout.n] = x.shape.dim(p.layout.n);
  if (out_channels) dims[p.layout.c] = ir::Dim::Known(*out_channels);
  if (!p.output_size.empty()) {
    dims[p.layout.h] = ir::Dim::Known(p.output_size[0]);
    dims[p.layout.w] = ir::Dim::Known(p.output_size[1]);
  }
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

OpCost CountConvTranspose(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  const TensorType& x = context.operands[0];
  const TensorType& w = context.operands[1];
  if (!x.shape.IsFullyKnown() || !w.shape.IsFullyKnown()) return cost;
  auto g = ComputeGeometry(context.params, x.shape.Sizes(), w.shape.Sizes());
  if (!g.ok()) return cost;
  const int64_t inputs = g->batch * g->in_channels * g->in_h * g->in_w;
  cost.macs = inputs * g->filter.kernel_h * g->filter.kernel_w * g->filter.out_per_group;
  cost.flops = 2 * cost.macs;
  if (context.operands.size() > 2 && context.operands[2].dtype != ir::DType::kInvalid) {
    cost.flops += g->batch * g->out_channels * g->h.output * g->w.output;  // bias
  }
  return cost;
}

// Index of filter element (kh, kw, output channel within its group, input channel).
int64_t FilterIndex(const Geometry& g, int64_t kh, int64_t kw, int64_t oc, int64_t ic) {
  const FilterDims& f = g.filter;
  if (g.p.filter_layout == "HWOI") {
    return ((kh * f.kernel_w + kw) * f.out_per_group + oc) * f.in_channels + ic;
  }
  return ((ic * f.out_per_group + oc) * f.kernel_h + kh) * f.kernel_w + kw;  // IOHW
}

Status ComputeConvTranspose(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& w = context.inputs[1];
  const TensorView* b =
      context.inputs.size() > 2 && context.inputs[2].data != nullptr ? &context.inputs[2] : nullptr;
  ASSIGN_OR_RETURN(Geometry g, ComputeGeometry(context.params, x.sizes, w.sizes));
  const TensorView& y = context.outputs[0];
  if (y.sizes != OutputSizes(g)) {
    return InvalidArgumentError("output is allocated as " + ir::Shape::Static(y.sizes).ToString() +
                                ", expected " + ir::Shape::Static(OutputSizes(g)).ToString());
  }
  if (b != nullptr && b->num_elements() != g.out_channels) {
    return InvalidArgumentError("bias does not match the output channels");
  }
  const float* in = x.As<float>();
  const float* filter = w.As<float>();
  std::vector<double> sum(y.num_elements(), 0.0);
  const int64_t stride_h = g.p.strides[0], stride_w = g.p.strides[1];
  const int64_t dilation_h = g.p.dilations[0], dilation_w = g.p.dilations[1];
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t ic = 0; ic < g.in_channels; ++ic) {
      const int64_t first_oc = (ic / g.in_per_group) * g.filter.out_per_group;
      for (int64_t ih = 0; ih < g.in_h; ++ih) {
        for (int64_t iw = 0; iw < g.in_w; ++iw) {
          const double value = in[Offset4D(g.p.layout, x.sizes, n, ic, ih, iw)];
          for (int64_t kh = 0; kh < g.filter.kernel_h; ++kh) {
            const int64_t oh = ih * stride_h + kh * dilation_h - g.h.pad_before;
            if (oh < 0 || oh >= g.h.output) continue;
            for (int64_t kw = 0; kw < g.filter.kernel_w; ++kw) {
              const int64_t ow = iw * stride_w + kw * dilation_w - g.w.pad_before;
              if (ow < 0 || ow >= g.w.output) continue;
              for (int64_t oc = 0; oc < g.filter.out_per_group; ++oc) {
                sum[Offset4D(g.p.layout, y.sizes, n, first_oc + oc, oh, ow)] +=
                    value * filter[FilterIndex(g, kh, kw, oc, ic)];
              }
            }
          }
        }
      }
    }
  }
  float* out = y.As<float>();
  const float* bias = b != nullptr ? b->As<float>() : nullptr;
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t oc = 0; oc < g.out_channels; ++oc) {
      for (int64_t oh = 0; oh < g.h.output; ++oh) {
        for (int64_t ow = 0; ow < g.w.output; ++ow) {
          const int64_t i = Offset4D(g.p.layout, y.sizes, n, oc, oh, ow);
          out[i] = static_cast<float>(sum[i] + (bias ? bias[oc] : 0.0));
        }
      }
    }
  }
  return OkStatus();
}

}  // namespace

const OpDef& ConvTransposeOpDef() {
  static const OpDef def{.kind = OpKind::kConvTranspose,
                         .infer_shapes = InferConvTranspose,
                         .count_cost = CountConvTranspose,
                         .compute_reference = ComputeConvTranspose};
  return def;
}

}  // namespace mb::ops
