// Element-wise operations of two operands with NumPy broadcasting: Add, Sub, Mul, Div, Pow,
// SquaredDifference, PRelu. No params.
//
// Operand dtypes (a and b agree unless noted):
// - Add, Sub, Mul, Div: float32, float64 and every integer type, int8..int64 and
//   uint8..uint64 (ONNX Add-14 and friends). Integer +, - and * wrap (two's complement) on
//   overflow instead of being undefined.
// - Div on integers truncates toward zero, like TF's Div and ONNX's Div (C semantics);
//   integer division by zero is an error; the signed minimum divided by -1 wraps to the
//   minimum.
// - Pow: base a of float32, float64, int32 or int64; exponent b of that same dtype or, as ONNX
//   Pow-12 allows, of any other of float32, float64, int8..int64, uint8..uint64. The output
//   has the base's dtype. Mixed dtypes and integer bases compute pow(double(a), double(b))
//   and convert as numpy's `astype` does in ONNX's reference: rounded to float, or truncated
//   toward zero for an integer base (NaN gives 0 and values past the range saturate, as
//   Cast does).
// - SquaredDifference, PRelu: float32, float64, int32 or int64.
// PRelu: y = x < 0 ? slope * x : x, slope broadcast to x.
// Max and Min take any number of operands (ONNX Max/Min): see where_sum.cc.
#include <cmath>
#include <limits>
#include <type_traits>

#include "ops/elementwise/numeric_dispatch.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

bool IsArithmeticType(ir::DType dtype) {
  return dtype == ir::DType::kFloat32 || dtype == ir::DType::kInt32 || dtype == ir::DType::kInt64 ||
         dtype == ir::DType::kFloat64;
}

std::string Name(ir::DType dtype) { return std::string(ir::DTypeName(dtype)); }

// a and b of one dtype accepted by `type_ok`.
Status InferSameTypes(InferenceContext& context, bool (*type_ok)(ir::DType)) {
  if (context.num_operands() != 2) return InvalidArgumentError("needs exactly 2 operands");
  const TensorType& a = context.operand(0);
  const TensorType& b = context.operand(1);
  if (a.dtype != b.dtype) {
    return InvalidArgumentError("operand types differ: " + Name(a.dtype) + " and " + Name(b.dtype));
  }
  if (!type_ok(a.dtype)) return UnimplementedError("dtype " + Name(a.dtype) + " is not supported");
  ASSIGN_OR_RETURN(ir::Shape shape, BroadcastShapes(a.shape, b.shape));
  context.set_output(0, {a.dtype, std::move(shape)});
  return OkStatus();
}

Status InferBinary(InferenceContext& context) { return InferSameTypes(context, IsArithmeticType); }
Status InferWideBinary(InferenceContext& context) { return InferSameTypes(context, IsRealNumber); }

Status InferPow(InferenceContext& context) {
  if (context.num_operands() != 2) return InvalidArgumentError("needs exactly 2 operands");
  const TensorType& a = context.operand(0);
  const TensorType& b = context.operand(1);
  if (!IsArithmeticType(a.dtype)) {
    return UnimplementedError("base dtype " + Name(a.dtype) + " is not supported");
  }
  if (!IsRealNumber(b.dtype)) {
    return UnimplementedError("exponent dtype " + Name(b.dtype) + " is not supported");
  }
  ASSIGN_OR_RETURN(ir::Shape shape, BroadcastShapes(a.shape, b.shape));
  context.set_output(0, {a.dtype, std::move(shape)});
  return OkStatus();
}

template <typename F>
Status ComputeTyped(const ComputeContext& context, F f) {
  const TensorView& a = context.inputs[0];
  return DispatchArithmetic(a.dtype, [&](auto zero) {
    using T = decltype(zero);
    BroadcastApply<T>(a, context.inputs[1], context.outputs[0],
                      [&](T x, T y) { return static_cast<T>(f(x, y)); });
  });
}

// ComputeTyped over every IsRealNumber dtype.
template <typename F>
Status ComputeWide(const ComputeContext& context, F f) {
  const TensorView& a = context.inputs[0];
  return DispatchRealNumber(a.dtype, [&](auto zero) {
    using T = decltype(zero);
    BroadcastApply<T>(a, context.inputs[1], context.outputs[0],
                      [&](T x, T y) { return static_cast<T>(f(x, y)); });
  });
}

Status ComputeAdd(const ComputeContext& c) {
  return ComputeWide(c, [](auto x, auto y) { return WrapAdd(x, y); });
}
Status ComputeSub(const ComputeContext& c) {
  return ComputeWide(c, [](auto x, auto y) { return WrapSub(x, y); });
}
Status ComputeMul(const ComputeContext& c) {
  return ComputeWide(c, [](auto x, auto y) { return WrapMul(x, y); });
}

// True if any element of an integer view is zero (false for floats).
bool HasIntegerZero(const TensorView& view) {
  bool zero = false;
  (void)DispatchRealNumber(view.dtype, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_integral_v<T>) {
      const T* p = view.As<T>();
      for (int64_t i = 0, n = view.num_elements(); i < n && !zero; ++i) zero = p[i] == T{0};
    }
  });
  return zero;
}

Status ComputeDiv(const ComputeContext& c) {
  if (HasIntegerZero(c.inputs[1])) return InvalidArgumentError("integer division by zero");
  return ComputeWide(c, [](auto x, auto y) { return SafeDiv(x, y); });
}

// A double converted to T as numpy's astype does on this platform's defined cases:
// rounding for floats, truncation toward zero for integers, with NaN giving 0 and values
// past the range saturating (where C++ leaves the conversion undefined).
template <typename T>
T FromDouble(double v) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(v);
  } else {
    if (std::isnan(v)) return T{0};
    constexpr double kLow = static_cast<double>(std::numeric_limits<T>::min());
    constexpr double kHigh = static_cast<double>(std::numeric_limits<T>::max());
    if (v <= kLow) return std::numeric_limits<T>::min();
    if (v >= kHigh) return std::numeric_limits<T>::max();
    return static_cast<T>(v);
  }
}

Status ComputePow(const ComputeContext& c) {
  const TensorView& a = c.inputs[0];
  const TensorView& b = c.inputs[1];
  // float32 ** float32 stays in float32's std::pow, as TF computes it.
  if (a.dtype == b.dtype && ir::IsFloatingPoint(a.dtype)) {
    return ComputeTyped(c, [](auto x, auto y) { return std::pow(x, y); });
  }
  if (c.outputs[0].dtype != a.dtype) {
    return InvalidArgumentError("Pow's output must have the base's dtype");
  }
  Status inner = OkStatus();
  Status outer = DispatchArithmetic(a.dtype, [&](auto base_tag) {
    using A = decltype(base_tag);
    inner = DispatchRealNumber(b.dtype, [&](auto exponent_tag) {
      using B = decltype(exponent_tag);
      BroadcastApplyMixed<A, B, A>(a, b, c.outputs[0], [](A x, B y) {
        return FromDouble<A>(std::pow(static_cast<double>(x), static_cast<double>(y)));
      });
    });
  });
  RETURN_IF_ERROR(outer);
  return inner;
}
Status ComputeSquaredDifference(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return WrapMul(WrapSub(x, y), WrapSub(x, y)); });
}
Status ComputePRelu(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto slope) { return x < 0 ? WrapMul(slope, x) : x; });
}

OpCost CountOne(const CostContext& context) { return ElementwiseCost(context, 1); }
OpCost CountTwo(const CostContext& context) { return ElementwiseCost(context, 2); }

}  // namespace

#define MB_DEFINE_BINARY(Name, infer, cost)                     \
  const OpDef& Name##OpDef() {                                  \
    static const OpDef def{.kind = OpKind::k##Name,             \
                           .infer_shapes = infer,               \
                           .count_cost = cost,                  \
                           .compute_reference = Compute##Name}; \
    return def;                                                 \
  }
MB_DEFINE_BINARY(Add, InferWideBinary, CountOne)
MB_DEFINE_BINARY(Sub, InferWideBinary, CountOne)
MB_DEFINE_BINARY(Mul, InferWideBinary, CountOne)
MB_DEFINE_BINARY(Div, InferWideBinary, CountOne)
MB_DEFINE_BINARY(Pow, InferPow, CountOne)
MB_DEFINE_BINARY(SquaredDifference, InferBinary, CountTwo)
MB_DEFINE_BINARY(PRelu, InferBinary, CountTwo)
#undef MB_DEFINE_BINARY

}  // namespace mb::ops
