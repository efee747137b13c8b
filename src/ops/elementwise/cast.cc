// Cast: converts every element of X to another dtype (TF Cast, ONNX Cast).
//
// Operand X; param `to` (ir::DType, required). Both X's dtype and `to` must be one of
// float32, float64, int32, int64, int8, uint8, bool; any pair is allowed.
// Conversions (TF's, shared/spec/tf-tools.md 6.2 #53, where TF defines them):
// - float -> integer truncates toward zero. Where C++ leaves the result undefined, the
//   result is defined here: NaN gives 0, and values beyond the target's range saturate to
//   its minimum or maximum.
// - integer -> narrower integer wraps (two's complement), as TF's static_cast does.
// - anything -> bool is x != 0 (so NaN is true); bool -> number is 0 or 1. A bool byte other
//   than 0 or 1 reads as true.
// - float64 -> float32 rounds to nearest (IEEE), so beyond float32's range it becomes +-inf.
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

bool IsCastable(ir::DType dtype) {
  switch (dtype) {
    case ir::DType::kFloat32:
    case ir::DType::kFloat64:
    case ir::DType::kInt32:
    case ir::DType::kInt64:
    case ir::DType::kInt8:
    case ir::DType::kUInt8:
    case ir::DType::kBool:
      return true;
    default:
      return false;
  }
}

Status CheckCastTypes(ir::DType from, ir::DType to) {
  if (to == ir::DType::kInvalid) return InvalidArgumentError("Cast needs the param 'to'");
  for (ir::DType dtype : {from, to}) {
    if (!IsCastable(dtype)) {
      return UnimplementedError("Cast from " + std::string(ir::DTypeName(from)) + " to " +
                                std::string(ir::DTypeName(to)) + " is not supported");
    }
  }
  return OkStatus();
}

template <typename Out, typename In>
Out Convert(In value) {
  if constexpr (std::is_same_v<Out, bool>) {
    return value != In{0};
  } else if constexpr (std::is_same_v<In, bool>) {
    return static_cast<Out>(value ? 1 : 0);
  } else if constexpr (std::is_floating_point_v<In> && std::is_integral_v<Out>) {
    const double v = static_cast<double>(value);
    if (std::isnan(v)) return Out{0};
    // Both limits are exact in double or round outward (2^63 for int64's maximum), so a
    // value strictly inside them converts without overflow.
    constexpr double kLow = static_cast<double>(std::numeric_limits<Out>::min());
    constexpr double kHigh = static_cast<double>(std::numeric_limits<Out>::max());
    if (v <= kLow) return std::numeric_limits<Out>::min();
    if (v >= kHigh) return std::numeric_limits<Out>::max();
    return static_cast<Out>(v);  // truncates toward zero
  } else {
    return static_cast<Out>(value);
  }
}

template <typename In, typename Out>
void CastLoop(const void* in_data, void* out_data, int64_t count) {
  Out* out = static_cast<Out*>(out_data);
  if constexpr (std::is_same_v<In, bool>) {
    // Read bool bytes as bytes: a byte other than 0 or 1 is not a valid C++ bool.
    const uint8_t* in = static_cast<const uint8_t*>(in_data);
    for (int64_t i = 0; i < count; ++i) out[i] = Convert<Out, bool>(in[i] != 0);
  } else {
    const In* in = static_cast<const In*>(in_data);
    for (int64_t i = 0; i < count; ++i) out[i] = Convert<Out, In>(in[i]);
  }
}

Status InferCast(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  const ir::DType to = context.params().DType("to", ir::DType::kInvalid);
  RETURN_IF_ERROR(CheckCastTypes(x.dtype, to));
  context.set_output(0, {to, x.shape});
  return OkStatus();
}

Status ComputeCast(const ComputeContext& context) {
  if (context.inputs.empty() || context.outputs.size() != 1) {
    return InvalidArgumentError("Cast has one operand and one output");
  }
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  const ir::DType to = context.params.DType("to", ir::DType::kInvalid);
  RETURN_IF_ERROR(CheckCastTypes(x.dtype, to));
  if (y.dtype != to || y.sizes != x.sizes) {
    return InvalidArgumentError("output does not match the input's shape and 'to'");
  }
  const int64_t count = x.num_elements();
  if (count == 0) return OkStatus();
  if (x.data == nullptr || y.data == nullptr) return InvalidArgumentError("missing buffer");
  if (x.dtype == to) {
    if (x.data != y.data) std::memcpy(y.data, x.data, count * ir::DTypeSize(to));
    return OkStatus();
  }
  Status inner = OkStatus();
  Status outer = DispatchNumeric(x.dtype, [&](auto in_tag) {
    using In = decltype(in_tag);
    inner = DispatchNumeric(to, [&](auto out_tag) {
      using Out = decltype(out_tag);
      CastLoop<In, Out>(x.data, y.data, count);
    });
  });
  RETURN_IF_ERROR(outer);
  return inner;
}

// A conversion is not arithmetic: no FLOPs, only the bytes read and written.
OpCost CountCast(const CostContext& context) { return ElementwiseCost(context, 0); }

}  // namespace

const OpDef& CastOpDef() {
  static const OpDef def{.kind = OpKind::kCast,
                         .infer_shapes = InferCast,
                         .count_cost = CountCast,
                         .compute_reference = ComputeCast};
  return def;
}

}  // namespace mb::ops
