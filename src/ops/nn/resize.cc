// Resize: spatial resampling of a float32 tensor. Two parameter sets share the op: TF's
// (ResizeBilinear, ResizeNearestNeighbor; 4-D images) and ONNX's (Resize, Upsample; N-D). The
// ONNX set is chosen by the presence of param coordinate_transformation_mode.
//
// TF parameter set. Operand: X (4-D, float32).
// Params:
//   mode                "linear" (bilinear, default) or "nearest"
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
// ONNX parameter set (Resize 10/11/13/18 and Upsample 7/9 map onto it). Operands: X (float32,
// rank >= 1), roi (optional, float; 2 * rank values [starts..., ends...], read only by
// tf_crop_and_resize), scales (optional, float32, one per dimension, > 0), sizes (optional,
// int, one per dimension, > 0); roi, scales and sizes are value operands. Exactly one of
// scales and sizes is given (an empty tensor counts as absent).
// Params:
//   mode                            "nearest" (default), "linear" or "cubic"
//   coordinate_transformation_mode  "half_pixel", "pytorch_half_pixel", "align_corners",
//                                   "asymmetric", "tf_half_pixel_for_nn", "tf_crop_and_resize"
//   nearest_mode                    "round_prefer_floor" (default), "round_prefer_ceil",
//                                   "floor", "ceil"
//   cubic_coeff_a                   (-0.75)
//   exclude_outside                 (false): taps outside the input get weight 0 and the
//                                   others are renormalized; otherwise edges are replicated
//   extrapolation_value             (0), for tf_crop_and_resize coordinates outside the input
// Every dimension is resampled independently (ONNX's reference, onnx/backend/test/case/node/
// resize.py, interpolates one axis at a time, last axis first, in float64; so do we). With
// sizes, out[d] = sizes[d] and scale[d] = out[d] / in[d]; with scales, out[d] =
// floor(in[d] * scale[d]) and the coordinate transform uses scale[d] itself. For output
// coordinate o along a dimension of input length in (length_resized = in * scale):
//   half_pixel            x = (o + 0.5) / scale - 0.5
//   pytorch_half_pixel    x = length_resized > 1 ? (o + 0.5) / scale - 0.5 : 0
//   align_corners         x = length_resized > 1 ? o * (in - 1) / (length_resized - 1) : 0
//   asymmetric            x = o / scale
//   tf_half_pixel_for_nn  x = (o + 0.5) / scale
//   tf_crop_and_resize    x = length_resized > 1
//                             ? start * (in - 1) +
//                                   o * (end - start) * (in - 1) / (length_resized - 1)
//                             : 0.5 * (start + end) * (in - 1);
//                         x outside [0, in - 1] gives extrapolation_value.
// Then, with x0 = floor(x) and r = x - x0: nearest picks x0 or x0 + 1 by nearest_mode (an
// integer x picks itself; round_prefer_floor takes x0 when r <= 0.5, round_prefer_ceil when
// r < 0.5); linear weighs x0 and x0 + 1 by 1 - r and r; cubic weighs x0 - 1 .. x0 + 2 by
// Keys' kernel with a = cubic_coeff_a at distances r + 1, r, 1 - r, 2 - r. Indices outside
// the input are clamped to its edge (unless exclude_outside).
//
// Cost: TF linear does 3 lerps of 3 FLOPs per output element (9); ONNX linear and cubic do
// one multiply-add (2 FLOPs) per tap: 2 * taps^k per output element, k = the number of
// resized dimensions (input size != output size), taps = 2 or 4. Nearest only copies.
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

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

Status InferTfResize(InferenceContext& context) {
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

Status ComputeTfResize(const ComputeContext& context) {
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

OpCost CountTfResize(const CostContext& context) {
  const bool linear = context.params.String("mode", "linear") == "linear";
  return ElementwiseCost(context, linear ? 9 : 0);
}

// ---- ONNX parameter set ----

bool IsOnnxResize(const Params& params) { return params.Has("coordinate_transformation_mode"); }

enum class Interpolation { kNearest, kLinear, kCubic };
enum class Transform {
  kHalfPixel,
  kPytorchHalfPixel,
  kAlignCorners,
  kAsymmetric,
  kTfHalfPixelForNn,
  kTfCropAndResize
};
enum class NearestRounding { kRoundPreferFloor, kRoundPreferCeil, kFloor, kCeil };

struct OnnxResizeParams {
  Interpolation mode = Interpolation::kNearest;
  Transform transform = Transform::kHalfPixel;
  NearestRounding rounding = NearestRounding::kRoundPreferFloor;
  double cubic_a = -0.75;
  bool exclude_outside = false;
  double extrapolation_value = 0;
};

StatusOr<OnnxResizeParams> ParseOnnxResizeParams(const Params& params) {
  OnnxResizeParams p;
  const std::string mode = params.String("mode", "nearest");
  if (mode == "nearest") {
    p.mode = Interpolation::kNearest;
  } else if (mode == "linear") {
    p.mode = Interpolation::kLinear;
  } else if (mode == "cubic") {
    p.mode = Interpolation::kCubic;
  } else {
    return InvalidArgumentError("unknown resize mode '" + mode +
                                "' (expected nearest, linear or cubic)");
  }
  const std::string transform = params.String("coordinate_transformation_mode", "half_pixel");
  if (transform == "half_pixel") {
    p.transform = Transform::kHalfPixel;
  } else if (transform == "pytorch_half_pixel") {
    p.transform = Transform::kPytorchHalfPixel;
  } else if (transform == "align_corners") {
    p.transform = Transform::kAlignCorners;
  } else if (transform == "asymmetric") {
    p.transform = Transform::kAsymmetric;
  } else if (transform == "tf_half_pixel_for_nn") {
    p.transform = Transform::kTfHalfPixelForNn;
  } else if (transform == "tf_crop_and_resize") {
    p.transform = Transform::kTfCropAndResize;
  } else {
    return InvalidArgumentError("unknown coordinate_transformation_mode '" + transform + "'");
  }
  const std::string rounding = params.String("nearest_mode", "round_prefer_floor");
  if (rounding == "round_prefer_floor") {
    p.rounding = NearestRounding::kRoundPreferFloor;
  } else if (rounding == "round_prefer_ceil") {
    p.rounding = NearestRounding::kRoundPreferCeil;
  } else if (rounding == "floor") {
    p.rounding = NearestRounding::kFloor;
  } else if (rounding == "ceil") {
    p.rounding = NearestRounding::kCeil;
  } else {
    return InvalidArgumentError("unknown nearest_mode '" + rounding + "'");
  }
  p.cubic_a = params.Float("cubic_coeff_a", -0.75f);
  p.exclude_outside = params.Bool("exclude_outside", false);
  p.extrapolation_value = params.Float("extrapolation_value", 0.0f);
  return p;
}

// Float values of a float32 or float64 buffer.
StatusOr<std::vector<double>> FloatValues(ir::DType dtype, const void* data, int64_t count,
                                          const char* what) {
  std::vector<double> values(count);
  for (int64_t i = 0; i < count; ++i) {
    if (dtype == ir::DType::kFloat32) {
      values[i] = static_cast<const float*>(data)[i];
    } else if (dtype == ir::DType::kFloat64) {
      values[i] = static_cast<const double*>(data)[i];
    } else {
      return InvalidArgumentError(std::string(what) + " must be float32 or float64, not " +
                                  std::string(ir::DTypeName(dtype)));
    }
  }
  return values;
}

// The resize geometry of every dimension: output size, scale and length_resized.
struct ResizeAxis {
  int64_t in = 0;
  int64_t out = 0;
  double scale = 1;
  double length_resized = 0;
};

// What the scales, sizes and roi operands say, before the input's sizes are known. Exactly one of
// scales and sizes is non-empty.
struct ResizeTargets {
  std::vector<double> scales;
  std::vector<int64_t> sizes;
  std::vector<double> roi;
};

// Output sizes beyond this per dimension are refused rather than allocated.
constexpr double kMaxResizeDim = static_cast<double>(int64_t{1} << 40);

Status CheckTargets(const ResizeTargets& t, int rank, const OnnxResizeParams& p) {
  if (t.scales.empty() == t.sizes.empty()) {
    return InvalidArgumentError("Resize needs exactly one of scales and sizes");
  }
  const size_t count = t.scales.empty() ? t.sizes.size() : t.scales.size();
  if (static_cast<int>(count) != rank) {
    return InvalidArgumentError(std::string(t.scales.empty() ? "sizes" : "scales") + " has " +
                                std::to_string(count) + " values for an input of rank " +
                                std::to_string(rank));
  }
  for (double scale : t.scales) {
    if (!(scale > 0) || scale > kMaxResizeDim) {
      return InvalidArgumentError("scale " + std::to_string(scale) + " must be positive");
    }
  }
  for (int64_t size : t.sizes) {
    if (size <= 0)
      return InvalidArgumentError("size " + std::to_string(size) + " must be positive");
  }
  if (p.transform == Transform::kTfCropAndResize) {
    if (static_cast<int>(t.roi.size()) != 2 * rank) {
      return InvalidArgumentError("tf_crop_and_resize needs roi with " + std::to_string(2 * rank) +
                                  " values, has " + std::to_string(t.roi.size()));
    }
    for (double v : t.roi) {
      if (!std::isfinite(v)) return InvalidArgumentError("roi must be finite");
    }
  }
  return OkStatus();
}

// One dimension's geometry. REQUIRES: CheckTargets passed; in >= 1.
StatusOr<ResizeAxis> AxisGeometry(const ResizeTargets& t, int d, int64_t in) {
  ResizeAxis axis;
  axis.in = in;
  if (!t.sizes.empty()) {
    axis.out = t.sizes[d];
    axis.scale = static_cast<double>(axis.out) / static_cast<double>(in);
    axis.length_resized = static_cast<double>(axis.out);
  } else {
    axis.scale = t.scales[d];
    axis.length_resized = axis.scale * static_cast<double>(in);
    if (axis.length_resized >= kMaxResizeDim) {
      return InvalidArgumentError("resized dimension " + std::to_string(d) + " is too large");
    }
    axis.out = static_cast<int64_t>(std::floor(axis.length_resized));
  }
  return axis;
}

Status InferOnnxResize(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32) {
    return UnimplementedError("Resize supports float32 only, got " +
                              std::string(ir::DTypeName(x.dtype)));
  }
  ASSIGN_OR_RETURN(OnnxResizeParams p, ParseOnnxResizeParams(context.params()));
  // Which of scales and sizes is present is known from the operand types, even when values
  // are not: an empty tensor counts as absent.
  auto present = [&](int i) {
    if (!context.has_operand(i)) return false;
    const std::optional<int64_t> count = context.operand(i).shape.NumElements();
    return !count.has_value() || *count > 0;
  };
  ResizeTargets targets;
  bool known = true;
  if (present(2)) {
    const ir::Tensor* scales = context.operand_value(2);
    if (scales == nullptr) {
      known = false;
    } else {
      ASSIGN_OR_RETURN(targets.scales, FloatValues(scales->dtype(), scales->bytes().data(),
                                                   scales->num_elements(), "scales"));
    }
  }
  if (present(3)) {
    const ir::Tensor* sizes = context.operand_value(3);
    if (sizes == nullptr) {
      known = false;
    } else {
      ASSIGN_OR_RETURN(targets.sizes, ConstantInts(sizes, "sizes"));
    }
  }
  if (p.transform == Transform::kTfCropAndResize) {
    const ir::Tensor* roi = present(1) ? context.operand_value(1) : nullptr;
    if (present(1) && roi == nullptr) known = false;
    if (roi != nullptr) {
      ASSIGN_OR_RETURN(targets.roi,
                       FloatValues(roi->dtype(), roi->bytes().data(), roi->num_elements(), "roi"));
    }
  }
  if (!known || !x.shape.rank_known()) {
    ir::Shape shape = x.shape.rank_known()
                          ? ir::Shape(std::vector<ir::Dim>(x.shape.rank(), ir::Dim::Unknown()))
                          : ir::Shape::UnknownRank();
    context.set_output(0, {x.dtype, shape});
    return OkStatus();
  }
  const int rank = x.shape.rank();
  if (rank == 0) return InvalidArgumentError("cannot resize a scalar");
  RETURN_IF_ERROR(CheckTargets(targets, rank, p));
  std::vector<ir::Dim> dims(rank);
  for (int d = 0; d < rank; ++d) {
    const ir::Dim& in = x.shape.dim(d);
    if (in.is_known() && in.size() <= 0) {
      return InvalidArgumentError("input dimension " + std::to_string(d) + " is empty");
    }
    if (!targets.sizes.empty()) {
      dims[d] = ir::Dim::Known(targets.sizes[d]);
    } else if (in.is_known()) {
      ASSIGN_OR_RETURN(ResizeAxis axis, AxisGeometry(targets, d, in.size()));
      if (axis.out <= 0) {
        return InvalidArgumentError("dimension " + std::to_string(d) + " resizes to 0");
      }
      dims[d] = ir::Dim::Known(axis.out);
    } else {
      dims[d] = ir::Dim::Unknown();
    }
  }
  std::vector<int64_t> sizes;
  for (const ir::Dim& d : dims) {
    if (d.is_known()) sizes.push_back(d.size());
  }
  RETURN_IF_ERROR(ir::CheckedNumElements(sizes).status());
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

// Source coordinate of output index o along one axis; nullopt when tf_crop_and_resize maps
// it outside the input.
std::optional<double> SourceCoordinate(const OnnxResizeParams& p, const ResizeAxis& a, int64_t o,
                                       double roi_start, double roi_end) {
  const double x = static_cast<double>(o);
  const double in = static_cast<double>(a.in);
  switch (p.transform) {
    case Transform::kHalfPixel:
      return (x + 0.5) / a.scale - 0.5;
    case Transform::kPytorchHalfPixel:
      return a.length_resized > 1 ? (x + 0.5) / a.scale - 0.5 : 0.0;
    case Transform::kAlignCorners:
      return a.length_resized > 1 ? x * (in - 1) / (a.length_resized - 1) : 0.0;
    case Transform::kAsymmetric:
      return x / a.scale;
    case Transform::kTfHalfPixelForNn:
      return (x + 0.5) / a.scale;
    case Transform::kTfCropAndResize: {
      const double c =
          a.length_resized > 1
              ? roi_start * (in - 1) + x * (roi_end - roi_start) * (in - 1) / (a.length_resized - 1)
              : 0.5 * (roi_start + roi_end) * (in - 1);
      if (c < 0 || c > in - 1) return std::nullopt;
      return c;
    }
  }
  return std::nullopt;
}

// Keys' cubic convolution kernel at distance t >= 0.
double CubicWeight(double t, double a) {
  if (t <= 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  return 0;
}

struct Tap {
  int64_t index;
  double weight;
};

// The taps of each output index along one axis; an empty list means extrapolation_value.
std::vector<std::vector<Tap>> AxisTaps(const OnnxResizeParams& p, const ResizeAxis& a,
                                       double roi_start, double roi_end) {
  std::vector<std::vector<Tap>> taps(a.out);
  auto clamp = [&](int64_t i) { return std::clamp<int64_t>(i, 0, a.in - 1); };
  for (int64_t o = 0; o < a.out; ++o) {
    const std::optional<double> source = SourceCoordinate(p, a, o, roi_start, roi_end);
    if (!source) continue;
    // Coordinates are bounded by the checked sizes, so floor fits in int64.
    const double floored = std::floor(*source);
    const int64_t x0 = static_cast<int64_t>(floored);
    const double r = *source - floored;
    std::vector<Tap>& list = taps[o];
    switch (p.mode) {
      case Interpolation::kNearest: {
        bool up = false;
        if (r > 0) {
          switch (p.rounding) {
            case NearestRounding::kRoundPreferFloor:
              up = r > 0.5;
              break;
            case NearestRounding::kRoundPreferCeil:
              up = r >= 0.5;
              break;
            case NearestRounding::kFloor:
              up = false;
              break;
            case NearestRounding::kCeil:
              up = true;
              break;
          }
        }
        list.push_back({clamp(up ? x0 + 1 : x0), 1.0});
        break;
      }
      case Interpolation::kLinear:
        list.push_back({x0, 1 - r});
        list.push_back({x0 + 1, r});
        break;
      case Interpolation::kCubic:
        list.push_back({x0 - 1, CubicWeight(r + 1, p.cubic_a)});
        list.push_back({x0, CubicWeight(r, p.cubic_a)});
        list.push_back({x0 + 1, CubicWeight(1 - r, p.cubic_a)});
        list.push_back({x0 + 2, CubicWeight(2 - r, p.cubic_a)});
        break;
    }
    if (p.mode == Interpolation::kNearest) continue;
    if (p.exclude_outside) {
      double sum = 0;
      for (Tap& tap : list) {
        if (tap.index < 0 || tap.index >= a.in) tap.weight = 0;
        sum += tap.weight;
      }
      for (Tap& tap : list) tap.weight = sum != 0 ? tap.weight / sum : 0;
    }
    for (Tap& tap : list) tap.index = clamp(tap.index);
  }
  return taps;
}

Status ComputeOnnxResize(const ComputeContext& context) {
  ASSIGN_OR_RETURN(OnnxResizeParams p, ParseOnnxResizeParams(context.params));
  if (context.inputs.empty() || context.outputs.size() != 1) {
    return InvalidArgumentError("Resize has one output");
  }
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  if (x.dtype != ir::DType::kFloat32 || y.dtype != ir::DType::kFloat32) {
    return InvalidArgumentError("Resize needs float32 input and output");
  }
  auto present = [&](size_t i) {
    return i < context.inputs.size() && context.inputs[i].data != nullptr &&
           context.inputs[i].num_elements() > 0;
  };
  ResizeTargets targets;
  if (present(2)) {
    const TensorView& v = context.inputs[2];
    ASSIGN_OR_RETURN(targets.scales, FloatValues(v.dtype, v.data, v.num_elements(), "scales"));
  }
  if (present(3)) {
    const TensorView& v = context.inputs[3];
    if (v.dtype != ir::DType::kInt32 && v.dtype != ir::DType::kInt64) {
      return InvalidArgumentError("sizes must be int32 or int64");
    }
    targets.sizes = ViewInts(v);
  }
  if (p.transform == Transform::kTfCropAndResize && present(1)) {
    const TensorView& v = context.inputs[1];
    ASSIGN_OR_RETURN(targets.roi, FloatValues(v.dtype, v.data, v.num_elements(), "roi"));
  }
  const int rank = x.rank();
  if (rank == 0) return InvalidArgumentError("cannot resize a scalar");
  RETURN_IF_ERROR(CheckTargets(targets, rank, p));
  std::vector<ResizeAxis> axes(rank);
  std::vector<int64_t> out_sizes(rank);
  for (int d = 0; d < rank; ++d) {
    if (x.sizes[d] <= 0) return InvalidArgumentError("input dimension is empty");
    ASSIGN_OR_RETURN(axes[d], AxisGeometry(targets, d, x.sizes[d]));
    out_sizes[d] = axes[d].out;
  }
  if (y.sizes != out_sizes) {
    return InvalidArgumentError("output is allocated as " + ir::Shape::Static(y.sizes).ToString() +
                                ", expected " + ir::Shape::Static(out_sizes).ToString());
  }
  if (y.num_elements() == 0) return OkStatus();
  // One axis at a time, last axis first (as ONNX's reference nests them), in double.
  std::vector<int64_t> sizes = x.sizes;
  std::vector<double> current(x.num_elements());
  for (int64_t i = 0; i < x.num_elements(); ++i) current[i] = x.As<float>()[i];
  for (int d = rank - 1; d >= 0; --d) {
    const ResizeAxis& a = axes[d];
    const bool crop = p.transform == Transform::kTfCropAndResize;
    // tf_half_pixel_for_nn shifts even an unscaled axis by half a pixel.
    const bool identity =
        !crop && p.transform != Transform::kTfHalfPixelForNn && a.in == a.out && a.scale == 1.0;
    if (identity) continue;
    const std::vector<std::vector<Tap>> taps =
        AxisTaps(p, a, crop ? targets.roi[d] : 0, crop ? targets.roi[rank + d] : 0);
    int64_t outer = 1, inner = 1;
    for (int i = 0; i < d; ++i) outer *= sizes[i];
    for (int i = d + 1; i < rank; ++i) inner *= sizes[i];
    std::vector<double> next(outer * a.out * inner);
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t j = 0; j < a.out; ++j) {
        double* target = next.data() + (o * a.out + j) * inner;
        if (taps[j].empty()) {
          std::fill(target, target + inner, p.extrapolation_value);
          continue;
        }
        std::fill(target, target + inner, 0.0);
        for (const Tap& tap : taps[j]) {
          const double* source = current.data() + (o * a.in + tap.index) * inner;
          for (int64_t i = 0; i < inner; ++i) target[i] += tap.weight * source[i];
        }
      }
    }
    sizes[d] = a.out;
    current = std::move(next);
  }
  float* out = y.As<float>();
  for (int64_t i = 0; i < y.num_elements(); ++i) out[i] = static_cast<float>(current[i]);
  return OkStatus();
}

OpCost CountOnnxResize(const CostContext& context) {
  const std::string mode = context.params.String("mode", "nearest");
  const int64_t taps = mode == "cubic" ? 4 : mode == "linear" ? 2 : 0;
  int64_t per_output = 0;
  const TensorType& x = context.operands[0];
  if (taps > 0 && !context.outputs.empty() && x.shape.rank_known() &&
      context.outputs[0].shape.rank_known() && context.outputs[0].shape.rank() == x.shape.rank()) {
    per_output = 1;
    for (int d = 0; d < x.shape.rank(); ++d) {
      if (x.shape.dim(d) != context.outputs[0].shape.dim(d)) per_output *= taps;
    }
    per_output *= 2;
  }
  OpCost cost = ElementwiseCost(context, per_output);
  cost.bytes_read = TypeBytes(x);  // roi, scales and sizes are a few constants
  return cost;
}

Status InferResize(InferenceContext& context) {
  return IsOnnxResize(context.params()) ? InferOnnxResize(context) : InferTfResize(context);
}

Status ComputeResize(const ComputeContext& context) {
  return IsOnnxResize(context.params) ? ComputeOnnxResize(context) : ComputeTfResize(context);
}

OpCost CountResize(const CostContext& context) {
  return IsOnnxResize(context.params) ? CountOnnxResize(context) : CountTfResize(context);
}

}  // namespace

const OpDef& ResizeOpDef() {
  static const OpDef def{.kind = OpKind::kResize,
                         .value_operands = {1, 2, 3},
                         .infer_shapes = InferResize,
                         .count_cost = CountResize,
                         .compute_reference = ComputeResize};
  return def;
}

}  // namespace mb::ops
