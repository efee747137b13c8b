// Linear quantization from ONNX: QuantizeLinear and DequantizeLinear (opsets 10 and 13).
//
// QuantizeLinear operands x (float32 or int32), y_scale (float32), y_zero_point (optional;
//   uint8 or int8; y_scale's element count; absent means uint8 0); param axis (1; in [-r, r)).
//   y = saturate(round_half_to_even(x / y_scale) + y_zero_point), saturating to the range
//   of y's dtype ([0, 255] for uint8, [-128, 127] for int8). y has x's shape and the zero
//   point's dtype (uint8 when absent). x / y_scale is a float32 division, as ONNX's numpy
//   reference and onnxruntime compute it; NaN quantizes to the zero point.
// DequantizeLinear operands x (int8, uint8 or int32), x_scale (float32), x_zero_point
//   (optional; x's dtype and x_scale's element count; absent means 0); param axis (1).
//   y = (x - x_zero_point) * x_scale as float32, with x's shape. The difference is taken
//   exactly (in int64) before it becomes a float.
// Scale and zero point: one element means per-tensor quantization (onnxruntime reads a
// one-element 1-D tensor so too); otherwise a 1-D tensor with x.shape[axis] elements, one per
// index along axis (per-axis quantization).
//
// Cost: 2 FLOPs per element (a division or multiplication and an addition or subtraction;
// rounding and saturation are not counted).
#include <cmath>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

using ir::DType;

std::string Name(DType dtype) { return std::string(ir::DTypeName(dtype)); }

// Checks the scale and zero point types against x's: per-tensor or per-axis along `axis`.
Status CheckScaleShape(const TensorType& x, const TensorType& scale, const TensorType* zero_point,
                       int64_t axis_param) {
  if (scale.dtype != DType::kFloat32) {
    return UnimplementedError("scale must be float32, not " + Name(scale.dtype));
  }
  for (const TensorType* t : {&scale, zero_point}) {
    if (t == nullptr || !t->shape.rank_known()) continue;
    if (t->shape.rank() > 1) {
      return InvalidArgumentError("scale and zero point must be scalars or 1-D, not " +
                                  t->shape.ToString());
    }
  }
  if (zero_point != nullptr && scale.shape.IsFullyKnown() && zero_point->shape.IsFullyKnown() &&
      scale.shape.NumElements() != zero_point->shape.NumElements()) {
    return InvalidArgumentError("scale " + scale.shape.ToString() + " and zero point " +
                                zero_point->shape.ToString() + " differ in size");
  }
  if (!scale.shape.IsFullyKnown() || !x.shape.rank_known()) return OkStatus();
  const int64_t count = *scale.shape.NumElements();
  if (count == 1) return OkStatus();  // per-tensor
  const int rank = x.shape.rank();
  if (axis_param < -rank || axis_param >= rank) {
    return InvalidArgumentError("axis " + std::to_string(axis_param) +
                                " is out of range for rank " + std::to_string(rank));
  }
  const ir::Dim& dim =
      x.shape.dim(static_cast<int>(axis_param < 0 ? axis_param + rank : axis_param));
  if (dim.is_known() && dim.size() != count) {
    return InvalidArgumentError("scale has " + std::to_string(count) + " elements, but x " +
                                x.shape.ToString() + " has " + std::to_string(dim.size()) +
                                " along axis " + std::to_string(axis_param));
  }
  return OkStatus();
}

// Where each element of x finds its scale: element i uses scale[(i / inner) % count].
struct Channels {
  int64_t count = 1;
  int64_t inner = 1;
  int64_t Of(int64_t i) const { return count == 1 ? 0 : (i / inner) % count; }
};

StatusOr<Channels> ChannelsOf(const TensorView& x, const TensorView& scale,
                              const TensorView* zero_point, int64_t axis_param) {
  if (scale.dtype != DType::kFloat32 || scale.rank() > 1 || scale.num_elements() < 1) {
    return InvalidArgumentError("scale must be a non-empty float32 scalar or 1-D tensor");
  }
  if (zero_point != nullptr &&
      (zero_point->rank() > 1 || zero_point->num_elements() != scale.num_elements())) {
    return InvalidArgumentError("zero point must match the scale's size");
  }
  Channels channels;
  channels.count = scale.num_elements();
  if (channels.count == 1) return channels;
  const int rank = x.rank();
  if (axis_param < -rank || axis_param >= rank) {
    return InvalidArgumentError("axis " + std::to_string(axis_param) + " is out of range");
  }
  const int axis = static_cast<int>(axis_param < 0 ? axis_param + rank : axis_param);
  if (x.sizes[axis] != channels.count) {
    return InvalidArgumentError("scale does not match x along axis");
  }
  for (int d = axis + 1; d < rank; ++d) channels.inner *= x.sizes[d];
  return channels;
}

Status CheckOutput(const TensorView& y, DType dtype, const std::vector<int64_t>& sizes) {
  if (y.dtype != dtype || y.sizes != sizes) {
    return InvalidArgumentError("output is " + Name(y.dtype) + " " +
                                ir::Shape::Static(y.sizes).ToString() + ", expected " +
                                Name(dtype) + " " + ir::Shape::Static(sizes).ToString());
  }
  return OkStatus();
}

// ---- QuantizeLinear ----

Status InferQuantizeLinear(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  if (x.dtype != DType::kFloat32 && x.dtype != DType::kInt32) {
    return UnimplementedError("QuantizeLinear of " + Name(x.dtype) + " is not supported");
  }
  const TensorType* zero_point = context.has_operand(2) ? &context.operand(2) : nullptr;
  const DType out = zero_point != nullptr ? zero_point->dtype : DType::kUInt8;
  if (out != DType::kUInt8 && out != DType::kInt8) {
    return UnimplementedError("QuantizeLinear to " + Name(out) + " is not supported");
  }
  RETURN_IF_ERROR(
      CheckScaleShape(x, context.operand(1), zero_point, context.params().Int("axis", 1)));
  context.set_output(0, {out, x.shape});
  return OkStatus();
}

template <typename Out>
Out Saturate(float rounded, int zero_point) {
  if (std::isnan(rounded)) return static_cast<Out>(zero_point);
  const double value = static_cast<double>(rounded) + zero_point;
  constexpr double kLow = std::is_same_v<Out, uint8_t> ? 0.0 : -128.0;
  constexpr double kHigh = std::is_same_v<Out, uint8_t> ? 255.0 : 127.0;
  if (value <= kLow) return static_cast<Out>(kLow);
  if (value >= kHigh) return static_cast<Out>(kHigh);
  return static_cast<Out>(value);  // already an integer
}

template <typename In, typename Out>
void QuantizeLoop(const TensorView& x, const float* scale, const Out* zero_point,
                  const Channels& channels, Out* y) {
  const In* in = x.As<In>();
  for (int64_t i = 0; i < x.num_elements(); ++i) {
    const int64_t c = channels.Of(i);
    // std::nearbyint rounds half to even in the default rounding mode.
    const float rounded = std::nearbyint(static_cast<float>(in[i]) / scale[c]);
    y[i] = Saturate<Out>(rounded, zero_point != nullptr ? zero_point[c] : 0);
  }
}

Status ComputeQuantizeLinear(const ComputeContext& context) {
  if (context.inputs.size() < 2 || context.outputs.size() != 1) {
    return InvalidArgumentError("QuantizeLinear needs x and y_scale");
  }
  const TensorView& x = context.inputs[0];
  const TensorView& scale = context.inputs[1];
  const TensorView* zero_point =
      context.inputs.size() > 2 && context.inputs[2].data != nullptr ? &context.inputs[2] : nullptr;
  const DType out = zero_point != nullptr ? zero_point->dtype : DType::kUInt8;
  if ((x.dtype != DType::kFloat32 && x.dtype != DType::kInt32) ||
      (out != DType::kUInt8 && out != DType::kInt8)) {
    return InvalidArgumentError("unsupported QuantizeLinear types");
  }
  ASSIGN_OR_RETURN(Channels channels,
                   ChannelsOf(x, scale, zero_point, context.params.Int("axis", 1)));
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutput(y, out, x.sizes));
  const float* s = scale.As<float>();
  if (out == DType::kUInt8) {
    const uint8_t* z = zero_point != nullptr ? zero_point->As<uint8_t>() : nullptr;
    if (x.dtype == DType::kFloat32) {
      QuantizeLoop<float, uint8_t>(x, s, z, channels, y.As<uint8_t>());
    } else {
      QuantizeLoop<int32_t, uint8_t>(x, s, z, channels, y.As<uint8_t>());
    }
  } else {
    const int8_t* z = zero_point != nullptr ? zero_point->As<int8_t>() : nullptr;
    if (x.dtype == DType::kFloat32) {
      QuantizeLoop<float, int8_t>(x, s, z, channels, y.As<int8_t>());
    } else {
      QuantizeLoop<int32_t, int8_t>(x, s, z, channels, y.As<int8_t>());
    }
  }
  return OkStatus();
}

// ---- DequantizeLinear ----

bool IsQuantizedType(DType dtype) {
  return dtype == DType::kInt8 || dtype == DType::kUInt8 || dtype == DType::kInt32;
}

Status InferDequantizeLinear(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  if (!IsQuantizedType(x.dtype)) {
    return UnimplementedError("DequantizeLinear of " + Name(x.dtype) + " is not supported");
  }
  const TensorType* zero_point = context.has_operand(2) ? &context.operand(2) : nullptr;
  if (zero_point != nullptr && zero_point->dtype != x.dtype) {
    return InvalidArgumentError("zero point is " + Name(zero_point->dtype) + ", x is " +
                                Name(x.dtype));
  }
  RETURN_IF_ERROR(
      CheckScaleShape(x, context.operand(1), zero_point, context.params().Int("axis", 1)));
  context.set_output(0, {DType::kFloat32, x.shape});
  return OkStatus();
}

template <typename T>
void DequantizeLoop(const TensorView& x, const float* scale, const T* zero_point,
                    const Channels& channels, float* y) {
  const T* in = x.As<T>();
  for (int64_t i = 0; i < x.num_elements(); ++i) {
    const int64_t c = channels.Of(i);
    const int64_t difference = static_cast<int64_t>(in[i]) -
                               (zero_point != nullptr ? static_cast<int64_t>(zero_point[c]) : 0);
    y[i] = static_cast<float>(difference) * scale[c];
  }
}

Status ComputeDequantizeLinear(const ComputeContext& context) {
  if (context.inputs.size() < 2 || context.outputs.size() != 1) {
    return InvalidArgumentError("DequantizeLinear needs x and x_scale");
  }
  const TensorView& x = context.inputs[0];
  const TensorView& scale = context.inputs[1];
  const TensorView* zero_point =
      context.inputs.size() > 2 && context.inputs[2].data != nullptr ? &context.inputs[2] : nullptr;
  if (!IsQuantizedType(x.dtype) || (zero_point != nullptr && zero_point->dtype != x.dtype)) {
    return InvalidArgumentError("unsupported DequantizeLinear types");
  }
  ASSIGN_OR_RETURN(Channels channels,
                   ChannelsOf(x, scale, zero_point, context.params.Int("axis", 1)));
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutput(y, DType::kFloat32, x.sizes));
  const float* s = scale.As<float>();
  float* out = y.As<float>();
  switch (x.dtype) {
    case DType::kInt8:
      DequantizeLoop<int8_t>(x, s, zero_point ? zero_point->As<int8_t>() : nullptr, channels, out);
      break;
    case DType::kUInt8:
      DequantizeLoop<uint8_t>(x, s, zero_point ? zero_point->As<uint8_t>() : nullptr, channels,
                              out);
      break;
    default:
      DequantizeLoop<int32_t>(x, s, zero_point ? zero_point->As<int32_t>() : nullptr, channels,
                              out);
      break;
  }
  return OkStatus();
}

OpCost CountQuantization(const CostContext& context) { return ElementwiseCost(context, 2); }

}  // namespace

const OpDef& QuantizeLinearOpDef() {
  static const OpDef def{.kind = OpKind::kQuantizeLinear,
                         .infer_shapes = InferQuantizeLinear,
                         .count_cost = CountQuantization,
                         .compute_reference = ComputeQuantizeLinear};
  return def;
}

const OpDef& DequantizeLinearOpDef() {
  static const OpDef def{.kind = OpKind::kDequantizeLinear,
                         .infer_shapes = InferDequantizeLinear,
                         .count_cost = CountQuantization,
                         .compute_reference = ComputeDequantizeLinear};
  return def;
}

}  // namespace mb::ops
