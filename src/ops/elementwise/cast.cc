// Cast: converts every element of X to another dtype (TF Cast, ONNX Cast and CastLike).
//
// Operand X; param `to` (ir::DType, required). Both X's dtype and `to` must be one of
// float32, float64, float16, bfloat16, int8, int16, int32, int64, uint8, uint16, uint32,
// uint64, bool; any pair is allowed.
// Conversions (TF's, shared/spec/tf-tools.md 6.2 #53, where TF defines them):
// - float -> integer truncates toward zero. Where C++ leaves the result undefined, the
//   result is defined here: NaN gives 0, and values beyond the target's range saturate to
//   its minimum or maximum.
// - integer -> narrower integer wraps (two's complement), as TF's static_cast does.
// - anything -> bool is x != 0 (so NaN is true); bool -> number is 0 or 1. A bool byte other
//   than 0 or 1 reads as true.
// - float64 -> float32 rounds to nearest (IEEE), so beyond float32's range it becomes +-inf.
// - -> float16 rounds to nearest even, directly from the source value (numpy's astype, ONNX's
//   reference): beyond 65504 it becomes +-inf (65520 and up, the rounding boundary), below
//   2^-24 it becomes a subnormal or zero. NaN stays NaN (quiet), infinities stay infinite.
// - -> bfloat16 keeps the upper 16 bits of the float32 value (truncation toward zero), which
//   is what ONNX's own Cast cases expect (onnx 1.12 backend/test/case/node/cast.py builds the
//   expected output as the float32 bits' upper half). Integers and float64 first become
//   float32 (rounding to nearest). NaN stays a quiet NaN: truncating a NaN whose payload sits
//   only in the low bits would otherwise give infinity.
// - float16 and bfloat16 -> anything goes through their exact float32 value.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "ops/elementwise/numeric_dispatch.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

// Element tags for the two 16-bit float formats, stored as their bit patterns.
struct Half {
  uint16_t bits;
};
struct BFloat16 {
  uint16_t bits;
};

// The real numbers (numeric_dispatch.h), the two 16-bit floats and bool.
bool IsCastable(ir::DType dtype) {
  return IsRealNumber(dtype) || dtype == ir::DType::kFloat16 || dtype == ir::DType::kBFloat16 ||
         dtype == ir::DType::kBool;
}

// Calls f(T{}) with T the element type of a castable dtype (Half/BFloat16 for the 16-bit
// floats). REQUIRES: IsCastable(dtype).
template <typename F>
void DispatchCastable(ir::DType dtype, F&& f) {
  switch (dtype) {
    case ir::DType::kFloat16:
      return f(Half{});
    case ir::DType::kBFloat16:
      return f(BFloat16{});
    case ir::DType::kBool:
      return f(bool{});
    default:
      // Cannot fail: IsCastable leaves only the real numbers.
      (void)DispatchRealNumber(dtype, f);
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

// ---- 16-bit floats ----

float HalfToFloat(uint16_t h) {
  const bool negative = (h & 0x8000) != 0;
  const int exponent = (h >> 10) & 0x1f;
  const int mantissa = h & 0x3ff;
  float magnitude;
  if (exponent == 0x1f) {
    magnitude = mantissa == 0 ? std::numeric_limits<float>::infinity()
                              : std::numeric_limits<float>::quiet_NaN();
  } else if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);  // subnormal: m * 2^-24
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);
  }
  return negative ? -magnitude : magnitude;
}

// IEEE binary16 nearest to v, ties to even.
uint16_t DoubleToHalf(double v) {
  const uint16_t sign = std::signbit(v) ? 0x8000 : 0;
  if (std::isnan(v)) return sign | 0x7e00;
  const double a = std::fabs(v);
  if (std::isinf(a)) return sign | 0x7c00;
  if (a == 0) return sign;
  int exp2 = 0;
  std::frexp(a, &exp2);    // a = f * 2^exp2, f in [0.5, 1)
  const int e = exp2 - 1;  // a in [2^e, 2^(e+1))
  if (e > 15) return sign | 0x7c00;
  // The quantum of a's binade (2^-24 throughout the subnormal range): a / quantum is exact,
  // and nearbyint rounds it half to even in the default rounding mode.
  const int scale = std::max(e, -14) - 10;
  const double r = std::nearbyint(std::ldexp(a, -scale));
  // r in [1024, 2048] for a normal binade (2048 carries into the next exponent, as the sum
  // below does by itself) and [0, 1024] below: the encoding is (binade + 14) << 10 plus r.
  const int bits = ((std::max(e, -14) + 14) << 10) + static_cast<int>(r);
  if (bits >= 0x7c00) return sign | 0x7c00;
  return static_cast<uint16_t>(sign | bits);
}

float BFloat16ToFloat(uint16_t b) {
  const uint32_t bits = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

uint16_t FloatToBFloat16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  if (std::isnan(f)) return static_cast<uint16_t>((bits >> 16) | 0x0040);  // stays quiet NaN
  return static_cast<uint16_t>(bits >> 16);
}

// ---- Element conversion ----

template <typename Out, typename In>
Out Convert(In value) {
  if constexpr (std::is_same_v<In, Half>) {
    return Convert<Out, float>(HalfToFloat(value.bits));
  } else if constexpr (std::is_same_v<In, BFloat16>) {
    return Convert<Out, float>(BFloat16ToFloat(value.bits));
  } else if constexpr (std::is_same_v<Out, Half>) {
    return Half{DoubleToHalf(Convert<double, In>(value))};
  } else if constexpr (std::is_same_v<Out, BFloat16>) {
    return BFloat16{FloatToBFloat16(Convert<float, In>(value))};
  } else if constexpr (std::is_same_v<Out, bool>) {
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
  DispatchCastable(x.dtype, [&](auto in_tag) {
    using In = decltype(in_tag);
    DispatchCastable(to, [&](auto out_tag) {
      using Out = decltype(out_tag);
      CastLoop<In, Out>(x.data, y.data, count);
    });
  });
  return OkStatus();
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
