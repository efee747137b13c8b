// ConvTranspose: 2-D transposed convolution (TF Conv2DBackpropInput, ONNX ConvTranspose), the
// adjoint of Conv: every input pixel scatters `kernel * value` into the output.
//
// Operands: X (4-D, `data_layout`; 3-D [N, C, L] / [N, L, C] for 1-D, run as 2-D with
// H = 1), W (rank of X; a 1-D filter drops its H: LOI, IOL), optional B [out_channels].
// Params:
//   data_layout    "NHWC" (default) or "NCHW"
//   filter_layout  "HWOI" (TF: [kh, kw, out_channels/group, in_channels], the forward
//                  conv's HWIO filter, whose "in" is this op's output) or "IOHW" (ONNX:
//                  [in_channels, out_channels/group, kh, kw])
//   Spatial lists have one value per spatial dimension ([h, w], or [l] for 1-D).
//   strides, dilations  (default 1 each)
//   padding        "SAME", "VALID" or "EXPLICIT" with pads [top, bottom, left, right]
//                  ([begin, end] for 1-D); all describe the *forward* convolution from this
//                  op's output to X (TF). Or ONNX's "SAME_UPPER" / "SAME_LOWER", below.
//   output_size    the output's spatial size (TF's input_sizes; ONNX's output_shape). The
//                  forward conv of that size, by the rule of shared/spec/tf-tools.md 6.1,
//                  must give X's spatial size; its pad_before places the kernel. Without it
//                  the output is the smallest consistent size: VALID (in - 1) * stride +
//                  effective_filter, SAME in * stride, EXPLICIT (in - 1) * stride +
//                  effective_filter - pads; then plus output_padding.
//   output_padding (default 0 each; ONNX) cells added at the end of each spatial dimension.
//   group          (default 1): X's channels and the output's split into `group` blocks.
//   ONNX's auto padding, "SAME_UPPER" and "SAME_LOWER" (and NOTSET with output_shape, which
//   the importer maps to SAME_LOWER): the output is output_size or in * stride, and the
//   total padding max(0, (in - 1) * stride + output_padding + effective_filter - output)
//   splits with the extra cell after (UPPER) or before (LOWER); no forward check.
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
  int spatial_rank = 2;
  std::string filter_layout;
  std::string padding;
  std::vector<int64_t> strides, dilations, pads, output_padding;  // as 2-D
  std::vector<int64_t> output_size;                               // empty: derive from X
  int64_t group = 1;
};

StatusOr<StaticParams> ParseStaticParams(const Params& params, int spatial_rank) {
  StaticParams p;
  p.spatial_rank = spatial_rank;
  ASSIGN_OR_RETURN(p.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  p.filter_layout = params.String("filter_layout", "HWOI");
  if (p.filter_layout != "HWOI" && p.filter_layout != "IOHW") {
    return InvalidArgumentError("unknown filter layout '" + p.filter_layout +
                                "' (expected HWOI or IOHW)");
  }
  p.padding = params.String("padding", "VALID");
  if (p.padding != "SAME" && p.padding != "VALID" && p.padding != "EXPLICIT" &&
      p.padding != "SAME_UPPER" && p.padding != "SAME_LOWER") {
    return InvalidArgumentError("unknown padding '" + p.padding + "'");
  }
  ASSIGN_OR_RETURN(p.strides, SpatialPair(params, "strides", 1, spatial_rank));
  ASSIGN_OR_RETURN(p.dilations, SpatialPair(params, "dilations", 1, spatial_rank));
  ASSIGN_OR_RETURN(p.pads, SpatialPads(params, spatial_rank));
  p.output_padding = params.Ints("output_padding", std::vector<int64_t>(spatial_rank, 0));
  if (static_cast<int>(p.output_padding.size()) != spatial_rank) {
    return InvalidArgumentError("output_padding has " + std::to_string(p.output_padding.size()) +
                                " values, expected " + std::to_string(spatial_rank));
  }
  for (int64_t v : p.output_padding) {
    if (v < 0 || v > (int64_t{1} << 40)) return InvalidArgumentError("bad output_padding");
  }
  if (spatial_rank == 1) p.output_padding.insert(p.output_padding.begin(), 0);
  p.output_size = params.Ints("output_size", {});
  if (!p.output_size.empty()) {
    if (static_cast<int>(p.output_size.size()) != spatial_rank) {
      return InvalidArgumentError("output_size needs " + std::to_string(spatial_rank) +
                                  " values, has " + std::to_string(p.output_size.size()));
    }
    for (int64_t v : p.output_size) {
      if (v < 0) return InvalidArgumentError("output_size is negative");
    }
    if (spatial_rank == 1) p.output_size.insert(p.output_size.begin(), 1);
  }
  p.group = params.Int("group", 1);
  if (p.group <= 0) return InvalidArgumentError("group must be positive");
  return p;
}

// What the filter says: kernel size, the X channels it expects and output channels.
struct FilterDims {
  int64_t kernel_h, kernel_w, in_channels, out_per_group;
};

StatusOr<FilterDims> ParseFilter(const StaticParams& p, const std::vector<int64_t>& w_sizes) {
  if (static_cast<int>(w_sizes.size()) != p.spatial_rank + 2) {
    return InvalidArgumentError("filter has rank " + std::to_string(w_sizes.size()) +
                                ", expected " + std::to_string(p.spatial_rank + 2));
  }
  // A 1-D filter gets its unit H where its layout has it: IOHW at 2, HWOI at 0.
  std::vector<int64_t> w = w_sizes;
  if (w.size() == 3) w.insert(w.begin() + (p.filter_layout == "IOHW" ? 2 : 0), 1);
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
                                    int64_t pad_after, int64_t output_padding,
                                    std::optional<int64_t> requested, const char* axis) {
  // Sizes beyond 2^40 are no real model's; bounding them keeps the arithmetic exact.
  constexpr int64_t kLimit = int64_t{1} << 40;
  const auto span = ir::CheckedMultiply(in > 0 ? in - 1 : 0, stride);
  const auto reach = ir::CheckedMultiply(kernel - 1, dilation);
  if (!span || !reach || *span > kLimit || *reach > kLimit || stride > kLimit || in > kLimit ||
      pad_before > kLimit || pad_after > kLimit || (requested && *requested > kLimit)) {
    return InvalidArgumentError(std::string(axis) + " size overflows");
  }
  if (padding == "SAME_UPPER" || padding == "SAME_LOWER") {
    // ONNX's rule (ConvTranspose's spec): no forward check, any output size is consistent.
    const int64_t output = requested ? *requested : *span + stride;  // in * stride
    if (output <= 0) return InvalidArgumentError(std::string(axis) + ": empty output");
    const int64_t total = std::max<int64_t>(0, *span + output_padding + *reach + 1 - output);
    return SpatialDim{output, padding == "SAME_UPPER" ? total / 2 : total - total / 2};
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
    output += output_padding;
  }
  // The output_padding cells at the end are beyond the forward convolution's reach.
  ASSIGN_OR_RETURN(Window forward,
                   ComputeWindow(std::max<int64_t>(output - output_padding, 0), kernel, stride,
                                 dilation, padding, pad_before, pad_after));
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
  std::vector<int64_t> x4;  // X's sizes as 4-D (1-D: H = 1 inserted)
  FilterDims filter;
  int64_t batch, in_channels, in_h, in_w;
  int64_t out_channels, in_per_group;
  SpatialDim h, w;
};

StatusOr<Geometry> ComputeGeometry(const Params& params, const std::vector<int64_t>& x,
                                   const std::vector<int64_t>& w) {
  if (x.size() != 4 && x.size() != 3) {
    return InvalidArgumentError("input must be 3-D or 4-D, got rank " + std::to_string(x.size()));
  }
  Geometry g;
  ASSIGN_OR_RETURN(g.p, ParseStaticParams(params, static_cast<int>(x.size()) - 2));
  ASSIGN_OR_RETURN(g.filter, ParseFilter(g.p, w));
  g.x4 = Expand4D(x, g.p.layout);
  g.batch = g.x4[g.p.layout.n];
  g.in_channels = g.x4[g.p.layout.c];
  g.in_h = g.x4[g.p.layout.h];
  g.in_w = g.x4[g.p.layout.w];
  if (g.in_channels != g.filter.in_channels) {
    return InvalidArgumentError("input has " + std::to_string(g.in_channels) +
                                " channels, the filter expects " +
                                std::to_string(g.filter.in_channels));
  }
  g.in_per_group = g.in_channels / g.p.group;
  g.out_channels = g.filter.out_per_group * g.p.group;
  std::optional<int64_t> out_h, out_w;
  if (!g.p.output_size.empty()) out_h = g.p.output_size[0], out_w = g.p.output_size[1];
  ASSIGN_OR_RETURN(
      g.h, ComputeSpatial(g.in_h, g.filter.kernel_h, g.p.strides[0], g.p.dilations[0], g.p.padding,
                          g.p.pads[0], g.p.pads[1], g.p.output_padding[0], out_h, "height"));
  ASSIGN_OR_RETURN(
      g.w, ComputeSpatial(g.in_w, g.filter.kernel_w, g.p.strides[1], g.p.dilations[1], g.p.padding,
                          g.p.pads[2], g.p.pads[3], g.p.output_padding[1], out_w, "width"));
  return g;
}

// The output's sizes as 4-D (for indexing) and at the input's rank.
std::vector<int64_t> OutputSizes4D(const Geometry& g) {
  std::vector<int64_t> sizes(4);
  sizes[g.p.layout.n] = g.batch;
  sizes[g.p.layout.c] = g.out_channels;
  sizes[g.p.layout.h] = g.h.output;
  sizes[g.p.layout.w] = g.w.output;
  return sizes;
}
std::vector<int64_t> OutputSizes(const Geometry& g) {
  std::vector<int64_t> sizes = OutputSizes4D(g);
  if (g.p.spatial_rank == 1) sizes.erase(sizes.begin() + g.p.layout.h);
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
  const int rank = x.shape.rank_known()   ? x.shape.rank()
                   : w.shape.rank_known() ? w.shape.rank()
                                          : -1;
  if (rank < 0) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  if (rank != 3 && rank != 4) {
    return InvalidArgumentError("input must be 3-D or 4-D, got rank " + std::to_string(rank));
  }
  ASSIGN_OR_RETURN(StaticParams p, ParseStaticParams(context.params(), rank - 2));
  if (x.shape.rank_known() && x.shape.rank() != rank) {
    return InvalidArgumentError("input must be " + std::to_string(rank) + "-D, got " +
                                x.shape.ToString());
  }
  if (w.shape.rank_known() && w.shape.rank() != rank) {
    return InvalidArgumentError("filter has rank " + std::to_string(w.shape.rank()) +
                                ", expected " + std::to_string(rank));
  }
  if (x.shape.IsFullyKnown() && w.shape.IsFullyKnown()) {
    ASSIGN_OR_RETURN(Geometry g,
                     ComputeGeometry(context.params(), x.shape.Sizes(), w.shape.Sizes()));
    RETURN_IF_ERROR(CheckBias(context, g.out_channels));
    context.set_output(0, {x.dtype, ir::Shape::Static(OutputSizes(g))});
    return OkStatus();
  }
  // Partly known: keep what each operand fixes on its own. Positions at X's rank (a 1-D
  // tensor lacks H).
  auto position = [&](int index4) {
    return rank == 4 || index4 < p.layout.h ? index4 : index4 - 1;
  };
  const int c = position(p.layout.c);
  std::optional<int64_t> out_channels;
  if (w.shape.IsFullyKnown()) {
    ASSIGN_OR_RETURN(FilterDims f, ParseFilter(p, w.shape.Sizes()));
    out_channels = f.out_per_group * p.group;
    if (x.shape.rank_known() && x.shape.dim(c).is_known() &&
        x.shape.dim(c).size() != f.in_channels) {
      return InvalidArgumentError("input has " + x.shape.dim(c).ToString() +
                                  " channels, the filter expects " + std::to_string(f.in_channels));
    }
  }
  RETURN_IF_ERROR(CheckBias(context, out_channels));
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  std::vector<ir::Dim> dims(rank);
  dims[position(p.layout.n)] = x.shape.dim(position(p.layout.n));
  if (out_channels) dims[c] = ir::Dim::Known(*out_channels);
  if (!p.output_size.empty()) {
    if (rank == 4) dims[p.layout.h] = ir::Dim::Known(p.output_size[0]);
    dims[position(p.layout.w)] = ir::Dim::Known(p.output_size[1]);
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
  const std::vector<int64_t> y4 = OutputSizes4D(g);
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
          const double value = in[Offset4D(g.p.layout, g.x4, n, ic, ih, iw)];
          for (int64_t kh = 0; kh < g.filter.kernel_h; ++kh) {
            const int64_t oh = ih * stride_h + kh * dilation_h - g.h.pad_before;
            if (oh < 0 || oh >= g.h.output) continue;
            for (int64_t kw = 0; kw < g.filter.kernel_w; ++kw) {
              const int64_t ow = iw * stride_w + kw * dilation_w - g.w.pad_before;
              if (ow < 0 || ow >= g.w.output) continue;
              for (int64_t oc = 0; oc < g.filter.out_per_group; ++oc) {
                sum[Offset4D(g.p.layout, y4, n, first_oc + oc, oh, ow)] +=
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
          const int64_t i = Offset4D(g.p.layout, y4, n, oc, oh, ow);
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
