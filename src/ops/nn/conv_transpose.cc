// ConvTranspose: 2-D transposed convolution (TF Conv2DBackpropInput, ONNX ConvTranspose), the
// adjoint of Conv: every input pixel scatters `kernel * value` into the output. Also 1-D and
// 3-D (ONNX ConvTranspose on [N, C, L] and [N, C, D, H, W]).
//
// Operands: X (4-D, `data_layout`; 3-D [N, C, L] / [N, L, C] for 1-D, run as 2-D with
// H = 1; 5-D [N, C, D, H, W] / [N, D, H, W, C] for 3-D), W (rank of X; a 1-D filter drops
// its H: LOI, IOL; a 3-D one adds D before H: DHWOI, IODHW), optional B [out_channels].
// Params:
//   data_layout    "NHWC" (default) or "NCHW"
//   filter_layout  "HWOI" (TF: [kh, kw, out_channels/group, in_channels], the forward
//                  conv's HWIO filter, whose "in" is this op's output) or "IOHW" (ONNX:
//                  [in_channels, out_channels/group, kh, kw])
//   Spatial lists have one value per spatial dimension ([h, w], [l] for 1-D, [d, h, w]
//   for 3-D).
//   strides, dilations  (default 1 each)
//   padding        "SAME", "VALID" or "EXPLICIT" with pads [top, bottom, left, right]
//                  ([begin, end] for 1-D; [front, back, top, bottom, left, right] for 3-D:
//                  each dimension's [begin, end] pair in D, H, W order, NOT ONNX's
//                  all-begins-then-ends); all describe the *forward* convolution from this
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
// Cost: MACs = X elements * kd * kh * kw * out_channels / group (every input value meets every
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
  Layout5D layout5;
  int spatial_rank = 2;
  std::string filter_layout;
  std::string padding;
  std::vector<int64_t> strides, dilations, pads, output_padding;  // as 3-D ([d, h, w])
  std::vector<int64_t> output_size;                               // empty: derive from X
  int64_t group = 1;
};

StatusOr<StaticParams> ParseStaticParams(const Params& params, int spatial_rank) {
  StaticParams p;
  p.spatial_rank = spatial_rank;
  ASSIGN_OR_RETURN(p.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  p.layout5 = To5D(p.layout);
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
  ASSIGN_OR_RETURN(p.strides, SpatialTriple(params, "strides", 1, spatial_rank));
  ASSIGN_OR_RETURN(p.dilations, SpatialTriple(params, "dilations", 1, spatial_rank));
  ASSIGN_OR_RETURN(p.pads, SpatialPads3(params, spatial_rank));
  p.output_padding = params.Ints("output_padding", std::vector<int64_t>(spatial_rank, 0));
  if (static_cast<int>(p.output_padding.size()) != spatial_rank) {
    return InvalidArgumentError("output_padding has " + std::to_string(p.output_padding.size()) +
                                " values, expected " + std::to_string(spatial_rank));
  }
  for (int64_t v : p.output_padding) {
    if (v < 0 || v > (int64_t{1} << 40)) return InvalidArgumentError("bad output_padding");
  }
  p.output_padding.insert(p.output_padding.begin(), 3 - spatial_rank, 0);
  p.output_size = params.Ints("output_size", {});
  if (!p.output_size.empty()) {
    if (static_cast<int>(p.output_size.size()) != spatial_rank) {
      return InvalidArgumentError("output_size needs " + std::to_string(spatial_rank) +
                                  " values, has " + std::to_string(p.output_size.size()));
    }
    for (int64_t v : p.output_size) {
      if (v < 0) return InvalidArgumentError("output_size is negative");
    }
    p.output_size.insert(p.output_size.begin(), 3 - spatial_rank, 1);
  }
  p.group = params.Int("group", 1);
  if (p.group <= 0) return InvalidArgumentError("group must be positive");
  return p;
}

// What the filter says: kernel size, the X channels it expects and output channels.
struct FilterDims {
  int64_t kernel[3];  // [d, h, w]
  int64_t in_channels, out_per_group;
};

StatusOr<FilterDims> ParseFilter(const StaticParams& p, const std::vector<int64_t>& w_sizes) {
  if (static_cast<int>(w_sizes.size()) != p.spatial_rank + 2) {
    return InvalidArgumentError("filter has rank " + std::to_string(w_sizes.size()) +
                                ", expected " + std::to_string(p.spatial_rank + 2));
  }
  // A 1-D or 2-D filter gets its unit D (and H) where its layout has its spatial dimensions:
  // IOHW at 2, HWOI at 0.
  std::vector<int64_t> w = w_sizes;
  w.insert(w.begin() + (p.filter_layout == "IOHW" ? 2 : 0), 5 - w.size(), 1);
  FilterDims f;
  if (p.filter_layout == "HWOI") {  // [kd, kh, kw, O, I]
    f = {{w[0], w[1], w[2]}, w[4], w[3]};
  } else {  // [I, O, kd, kh, kw]
    f = {{w[2], w[3], w[4]}, w[0], w[1]};
  }
  for (int64_t k : f.kernel) {
    if (k <= 0) return InvalidArgumentError("empty filter window");
  }
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
  std::vector<int64_t> x5;  // X's sizes as 5-D (unit D, and for 1-D unit H, inserted)
  FilterDims filter;
  int64_t batch, in_channels;
  int64_t in[3];  // [d, h, w]
  int64_t out_channels, in_per_group;
  SpatialDim spatial[3];  // [d, h, w]
};

StatusOr<Geometry> ComputeGeometry(const Params& params, const std::vector<int64_t>& x,
                                   const std::vector<int64_t>& w) {
  if (x.size() < 3 || x.size() > 5) {
    return InvalidArgumentError("input must be 3-D, 4-D or 5-D, got rank " +
                                std::to_string(x.size()));
  }
  Geometry g;
  ASSIGN_OR_RETURN(g.p, ParseStaticParams(params, static_cast<int>(x.size()) - 2));
  ASSIGN_OR_RETURN(g.filter, ParseFilter(g.p, w));
  const Layout5D& l = g.p.layout5;
  g.x5 = Expand5D(x, g.p.layout);
  g.batch = g.x5[l.n];
  g.in_channels = g.x5[l.c];
  g.in[0] = g.x5[l.d], g.in[1] = g.x5[l.h], g.in[2] = g.x5[l.w];
  if (g.in_channels != g.filter.in_channels) {
    return InvalidArgumentError("input has " + std::to_string(g.in_channels) +
                                " channels, the filter expects " +
                                std::to_string(g.filter.in_channels));
  }
  g.in_per_group = g.in_channels / g.p.group;
  g.out_channels = g.filter.out_per_group * g.p.group;
  static constexpr const char* kAxes[3] = {"depth", "height", "width"};
  for (int i = 0; i < 3; ++i) {
    std::optional<int64_t> requested;
    if (!g.p.output_size.empty()) requested = g.p.output_size[i];
    ASSIGN_OR_RETURN(g.spatial[i],
                     ComputeSpatial(g.in[i], g.filter.kernel[i], g.p.strides[i], g.p.dilations[i],
                                    g.p.padding, g.p.pads[2 * i], g.p.pads[2 * i + 1],
                                    g.p.output_padding[i], requested, kAxes[i]));
  }
  return g;
}

// The output's sizes as 5-D (for indexing) and at the input's rank.
std::vector<int64_t> OutputSizes5D(const Geometry& g) {
  const Layout5D& l = g.p.layout5;
  std::vector<int64_t> sizes(5);
  sizes[l.n] = g.batch;
  sizes[l.c] = g.out_channels;
  sizes[l.d] = g.spatial[0].output;
  sizes[l.h] = g.spatial[1].output;
  sizes[l.w] = g.spatial[2].output;
  return sizes;
}
std::vector<int64_t> OutputSizes(const Geometry& g) {
  std::vector<int64_t> sizes = OutputSizes5D(g);
  // The unit D (and H) that Expand5D inserted sit at positions d, d + 1.
  const int missing = 3 - g.p.spatial_rank;
  sizes.erase(sizes.begin() + g.p.layout5.d, sizes.begin() + g.p.layout5.d + missing);
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
  if (rank < 3 || rank > 5) {
    return InvalidArgumentError("input must be 3-D, 4-D or 5-D, got rank " + std::to_string(rank));
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
  // Partly known: keep what each operand fixes on its own. Positions at X's rank: a 2-D
  // tensor lacks the 5-D D, a 1-D one D and H (they sit at d, d + 1).
  const int missing = 5 - rank;
  auto position = [&](int index5) { return index5 < p.layout5.d ? index5 : index5 - missing; };
  const int c = position(p.layout5.c);
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
  dims[position(p.layout5.n)] = x.shape.dim(position(p.layout5.n));
  if (out_channels) dims[c] = ir::Dim::Known(*out_channels);
  if (!p.output_size.empty()) {
    if (rank == 5) dims[p.layout5.d] = ir::Dim::Known(p.output_size[0]);
    if (rank >= 4) dims[position(p.layout5.h)] = ir::Dim::Known(p.output_size[1]);
    dims[position(p.layout5.w)] = ir::Dim::Known(p.output_size[2]);
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
  const int64_t inputs = g->batch * g->in_channels * g->in[0] * g->in[1] * g->in[2];
  cost.macs = inputs * g->filter.kernel[0] * g->filter.kernel[1] * g->filter.kernel[2] *
              g->filter.out_per_group;
  cost.flops = 2 * cost.macs;
  if (context.operands.size() > 2 && context.operands[2].dtype != ir::DType::kInvalid) {
    cost.flops += g->batch * g->out_channels * g->spatial[0].output * g->spatial[1].output *
                  g->spatial[2].output;  // bias
  }
  return cost;
}

// Index of filter element (kd, kh, kw, output channel within its group, input channel).
int64_t FilterIndex(const Geometry& g, const int64_t k[3], int64_t oc, int64_t ic) {
  const FilterDims& f = g.filter;
  const int64_t tap = (k[0] * f.kernel[1] + k[1]) * f.kernel[2] + k[2];
  if (g.p.filter_layout == "HWOI") return (tap * f.out_per_group + oc) * f.in_channels + ic;
  const int64_t taps = f.kernel[0] * f.kernel[1] * f.kernel[2];
  return (ic * f.out_per_group + oc) * taps + tap;  // IOHW
}

Status ComputeConvTranspose(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& w = context.inputs[1];
  const TensorView* b =
      context.inputs.size() > 2 && context.inputs[2].data != nullptr ? &context.inputs[2] : nullptr;
  ASSIGN_OR_RETURN(Geometry g, ComputeGeometry(context.params, x.sizes, w.sizes));
  const TensorView& y = context.outputs[0];
  const std::vector<int64_t> y5 = OutputSizes5D(g);
  if (y.sizes != OutputSizes(g)) {
    return InvalidArgumentError("output is allocated as " + ir::Shape::Static(y.sizes).ToString() +
                                ", expected " + ir::Shape::Static(OutputSizes(g)).ToString());
  }
  if (b != nullptr && b->num_elements() != g.out_channels) {
    return InvalidArgumentError("bias does not match the output channels");
  }
  const Layout5D& l = g.p.layout5;
  const float* in = x.As<float>();
  const float* filter = w.As<float>();
  std::vector<double> sum(y.num_elements(), 0.0);
  const std::vector<int64_t>& stride = g.p.strides;
  const std::vector<int64_t>& dilation = g.p.dilations;
  for (int64_t n = 0; n < g.batch; ++n) {
    for (int64_t ic = 0; ic < g.in_channels; ++ic) {
      const int64_t first_oc = (ic / g.in_per_group) * g.filter.out_per_group;
      int64_t i[3];  // input position [d, h, w]
      for (i[0] = 0; i[0] < g.in[0]; ++i[0]) {
        for (i[1] = 0; i[1] < g.in[1]; ++i[1]) {
          for (i[2] = 0; i[2] < g.in[2]; ++i[2]) {
            const double value = in[Offset5D(l, g.x5, n, ic, i[0], i[1], i[2])];
            int64_t k[3], o[3];  // kernel tap and the output position it reaches
            auto reach = [&](int axis) {
              o[axis] =
                  i[axis] * stride[axis] + k[axis] * dilation[axis] - g.spatial[axis].pad_before;
              return o[axis] >= 0 && o[axis] < g.spatial[axis].output;
            };
            for (k[0] = 0; k[0] < g.filter.kernel[0]; ++k[0]) {
              if (!reach(0)) continue;
              for (k[1] = 0; k[1] < g.filter.kernel[1]; ++k[1]) {
                if (!reach(1)) continue;
                for (k[2] = 0; k[2] < g.filter.kernel[2]; ++k[2]) {
                  if (!reach(2)) continue;
                  for (int64_t oc = 0; oc < g.filter.out_per_group; ++oc) {
                    sum[Offset5D(l, y5, n, first_oc + oc, o[0], o[1], o[2])] +=
                        value * filter[FilterIndex(g, k, oc, ic)];
                  }
                }
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
      int64_t o[3];
      for (o[0] = 0; o[0] < g.spatial[0].output; ++o[0]) {
        for (o[1] = 0; o[1] < g.spatial[1].output; ++o[1]) {
          for (o[2] = 0; o[2] < g.spatial[2].output; ++o[2]) {
            const int64_t index = Offset5D(l, y5, n, oc, o[0], o[1], o[2]);
            out[index] = static_cast<float>(sum[index] + (bias ? bias[oc] : 0.0));
          }
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
