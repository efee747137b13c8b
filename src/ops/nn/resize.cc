// Resize: spatial resampling of a 4-D float32 image (TF ResizeBilinear, ResizeNearestNeighbor).
//
// Operand: X (4-D, float32).
// Params:
//   mode                "linear" (bilinear) or "nearest"
//   size                [h, w], the output's spatial size (TF's constant `size` input)
//   data_layout         "NHWC" (default; TF's only layout) or "NCHW"
//   align_corners       (false)
//   half_pixel_centers  (false); TF refuses it together with align_corners, and so do we.
//
// Coordinates follow TF's kernels (image_resizer_state.h, resize_bilinear_op.cc,
// resize_nearest_neighbor_op.cc), in float arithmetic as TF computes them:
//   scale = align_corners && out > 1 ? (in - 1) / (out - 1) : in / out
//   linear:  c = half_pixel_centers ? (o + 0.5) * scale - 0.5 : o * scale
//            lower = max(floor(c), 0), upper = min(ceil(c), in - 1), lerp = c - floor(c)
//            top = tl + (tr - tl) * x_lerp, bottom = bl + (br - bl) * x_lerp,
//            out = top + (bottom - top) * y_lerp
//   nearest: i = half_pixel_centers ? floor((o + 0.5) * scale)
//                                   : align_corners ? round(o * scale) : floor(o * scale)
//            (round halves away from zero, as roundf), then min(i, in - 1) and max(i, 0).
//
// Cost: linear does 3 lerps of 3 FLOPs per output element (9); nearest only copies.
#include <algorithm>
#include <cmath>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

struct ResizeParams {
  bool linear = true;
  std::vector<int64_t> size;
  Layout4D layout;
  bool align_corners = false;
  bool half_pixel_centers = false;
};

StatusOr<ResizeParams> ParseResizeParams(const Params& params) {
  ResizeParams p;
  const std::string mode = params.String("mode", "linear");
  if (mode != "linear" && mode != "nearest") {
    return InvalidArgumentError("unknown resize mode '" + mode + "' (expected linear or nearest)");
  }
  p.linear = mode == "linear";
  p.size = params.Ints("size", {});
  if (p.size.size() != 2) {
    return InvalidArgumentError("size needs 2 values [h, w], has " + std::to_string(p.size.size()));
  }
  if (p.size[0] <= 0 || p.size[1] <= 0) {
    return InvalidArgumentError("size must be positive, got [" + std::to_string(p.size[0]) + ", " +
                                std::to_string(p.size[1]) + "]");
  }
  ASSIGN_OR_RETURN(p.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  p.align_corners = params.Bool("align_corners", false);
  p.half_pixel_centers = params.Bool("half_pixel_centers", false);
  if (p.align_corners && p.half_pixel_centers) {
    return InvalidArgumentError("align_corners and half_pixel_centers cannot both be true");
  }
  return p;
}

Status CheckInputSize(const ir::Dim& dim, const char* axis) {
  if (dim.is_known() && dim.size() <= 0) {
    return InvalidArgumentError(std::string("input ") + axis + " is empty");
  }
  return OkStatus();
}

Status InferResize(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32) {
    return UnimplementedError("Resize supports float32 only, got " +
                              std::string(ir::DTypeName(x.dtype)));
  }
  ASSIGN_OR_RETURN(ResizeParams p, ParseResizeParams(context.params()));
  std::vector<ir::Dim> dims(4);
  if (x.shape.rank_known()) {
    if (x.shape.rank() != 4) {
      return InvalidArgumentError("input must be 4-D, got " + x.shape.ToString());
    }
    RETURN_IF_ERROR(CheckInputSize(x.shape.dim(p.layout.h), "height"));
    RETURN_IF_ERROR(CheckInputSize(x.shape.dim(p.layout.w), "width"));
    dims[p.layout.n] = x.shape.dim(p.layout.n);
    dims[p.layout.c] = x.shape.dim(p.layout.c);
  }
  dims[p.layout.h] = ir::Dim::Known(p.size[0]);
  dims[p.layout.w] = ir::Dim::Known(p.size[1]);
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

float Scale(int64_t in, int64_t out, bool align_corners) {
  return align_corners && out > 1 ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
                                  : static_cast<float>(in) / static_cast<float>(out);
}

struct LinearTap {
  int64_t lower, upper;
  float lerp;
};

std::vector<LinearTap> LinearTaps(int64_t in, int64_t out, const ResizeParams& p) {
  const float scale = Scale(in, out, p.align_corners);
  std::vector<LinearTap> taps(out);
  for (int64_t o = 0; o < out; ++o) {
    const float coord = p.half_pixel_centers ? (static_cast<float>(o) + 0.5f) * scale - 0.5f
                                             : static_cast<float>(o) * scale;
    const float floored = std::floor(coord);
    taps[o].lower = std::clamp<int64_t>(static_cast<int64_t>(floored), 0, in - 1);
    taps[o].upper = std::clamp<int64_t>(static_cast<int64_t>(std::ceil(coord)), 0, in - 1);
    taps[o].lerp = coord - floored;
  }
  return taps;
}

std::vector<int64_t> NearestTaps(int64_t in, int64_t out, const ResizeParams& p) {
  const float scale = Scale(in, out, p.align_corners);
  std::vector<int64_t> taps(out);
  for (int64_t o = 0; o < out; ++o) {
    float coord;
    if (p.half_pixel_centers) {
      coord = std::floor((static_cast<float>(o) + 0.5f) * scale);
    } else if (p.align_corners) {
      coord = std::round(static_cast<float>(o) * scale);
    } else {
      coord = std::floor(static_cast<float>(o) * scale);
    }
    taps[o] = std::clamp<int64_t>(static_cast<int64_t>(coord), 0, in - 1);
  }
  return taps;
}

Status ComputeResize(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  ASSIGN_OR_RETURN(ResizeParams p, ParseResizeParams(context.params));
  if (x.rank() != 4 || x.dtype != ir::DType::kFloat32) {
    return InvalidArgumentError("Resize needs a 4-D float32 input");
  }
  const Layout4D& l = p.layout;
  const int64_t batch = x.sizes[l.n], channels = x.sizes[l.c];
  const int64_t in_h = x.sizes[l.h], in_w = x.sizes[l.w];
  std::vector<int64_t> expected(4);
  expected[l.n] = batch, expected[l.c] = channels;
  expected[l.h] = p.size[0], expected[l.w] = p.size[1];
  if (y.sizes != expected) {
    return InvalidArgumentError("output is allocated as " + ir::Shape::Static(y.sizes).ToString() +
                                ", expected " + ir::Shape::Static(expected).ToString());
  }
  if (in_h <= 0 || in_w <= 0) return InvalidArgumentError("input image is empty");
  const float* in = x.As<float>();
  float* out = y.As<float>();
  const int64_t out_h = p.size[0], out_w = p.size[1];
  if (p.linear) {
    const std::vector<LinearTap> ys = LinearTaps(in_h, out_h, p);
    const std::vector<LinearTap> xs = LinearTaps(in_w, out_w, p);
    for (int64_t n = 0; n < batch; ++n) {
      for (int64_t c = 0; c < channels; ++c) {
        for (int64_t oh = 0; oh < out_h; ++oh) {
          for (int64_t ow = 0; ow < out_w; ++ow) {
            const LinearTap& ty = ys[oh];
            const LinearTap& tx = xs[ow];
            const float top_left = in[Offset4D(l, x.sizes, n, c, ty.lower, tx.lower)];
            const float top_right = in[Offset4D(l, x.sizes, n, c, ty.lower, tx.upper)];
            const float bottom_left = in[Offset4D(l, x.sizes, n, c, ty.upper, tx.lower)];
            const float bottom_right = in[Offset4D(l, x.sizes, n, c, ty.upper, tx.upper)];
            const float top = top_left + (top_right - top_left) * tx.lerp;
            const float bottom = bottom_left + (bottom_right - bottom_left) * tx.lerp;
            out[Offset4D(l, y.sizes, n, c, oh, ow)] = top + (bottom - top) * ty.lerp;
          }
        }
      }
    }
    return OkStatus();
  }
  const std::vector<int64_t> ys = NearestTaps(in_h, out_h, p);
  const std::vector<int64_t> xs = NearestTaps(in_w, out_w, p);
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      for (int64_t oh = 0; oh < out_h; ++oh) {
        for (int64_t ow = 0; ow < out_w; ++ow) {
          out[Offset4D(l, y.sizes, n, c, oh, ow)] = in[Offset4D(l, x.sizes, n, c, ys[oh], xs[ow])];
        }
      }
    }
  }
  return OkStatus();
}

OpCost CountResize(const CostContext& context) {
  const bool linear = context.params.String("mode", "linear") == "linear";
  return ElementwiseCost(context, linear ? 9 : 0);
}

}  // namespace

const OpDef& ResizeOpDef() {
  static const OpDef def{.kind = OpKind::kResize,
                         .infer_shapes = InferResize,
                         .count_cost = CountResize,
                         .compute_reference = ComputeResize};
  return def;
}

}  // namespace mb::ops
