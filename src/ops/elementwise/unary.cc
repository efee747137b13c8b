// Element-wise operations of one operand. The output has the operand's type.
//
// Operand X: float32 for every op, except Neg, Abs and Sign, which also take float64, int32
// and int64 (ONNX shape subgraphs negate and take absolute values of integers), and Not
// (ops/elementwise/logic.cc), which takes bool.
//
// Params (all optional; defaults are ONNX's, importers pass other frameworks' explicitly):
//   Clip:        min (-inf), max (+inf). Operands X, optional min, optional max: a min or max
//                operand (a scalar of X's dtype, ONNX Clip-11 inputs that are not constant,
//                or integer bounds) overrides the param. min > max gives max everywhere (as
//                numpy.clip). X may be float32, float64 or any integer type (int8..int64,
//                uint8..uint64; ONNX Clip-12). On integers the float params apply exactly:
//                min rounds up and max rounds down to the type's range (x >= 2.5 is x >= 3).
//   LeakyRelu:   alpha (0.01; the TF importer passes TF's 0.2).
//   Elu:         alpha (1.0): x < 0 ? alpha * (e^x - 1) : x.
//   Selu:        alpha (1.6732632...), gamma (1.0507009...), Klambauer et al. 2017 (TF's
//                and ONNX's defaults): gamma * (x <= 0 ? alpha * (e^x - 1) : x).
//   Celu:        alpha (1.0): max(0, x) + min(0, alpha * (e^(x / alpha) - 1)).
//   HardSigmoid: alpha (0.2), beta (0.5): max(0, min(1, alpha * x + beta)).
//   HardSwish:   none: x * max(0, min(1, x / 6 + 1 / 2)) (ONNX HardSwish-14).
// The rest have no params: Relu, Sigmoid, Tanh, Softplus (log(1 + e^x)), Softsign
// (x / (1 + |x|)), Erf, Exp, Log, Sin, Cos, Neg, Abs, Sign (-1, 0 or 1; NaN stays NaN), Sqrt,
// Rsqrt, Square, Floor, Ceil, Round (half to even, as TF's and ONNX's Round), Reciprocal.
// Integer Neg and Abs of the minimum value wrap (give the minimum) instead of being undefined.
//
// Cost: ElementwiseCost with a per-element FLOP count that approximates each formula.
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "ops/elementwise/numeric_dispatch.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

std::string DTypeString(ir::DType dtype) { return std::string(ir::DTypeName(dtype)); }

Status InferUnary(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  if (context.operand(0).dtype != ir::DType::kFloat32) {
    return UnimplementedError("supports float32 only, got " +
                              DTypeString(context.operand(0).dtype));
  }
  context.set_output(0, context.operand(0));
  return OkStatus();
}

// Neg, Abs, Sign: float32, float64, int32, int64.
Status InferSignedUnary(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  const ir::DType dtype = context.operand(0).dtype;
  if (dtype != ir::DType::kFloat32 && dtype != ir::DType::kFloat64 && dtype != ir::DType::kInt32 &&
      dtype != ir::DType::kInt64) {
    return UnimplementedError("supports float32, float64, int32 and int64, got " +
                              DTypeString(dtype));
  }
  context.set_output(0, context.operand(0));
  return OkStatus();
}

// Clip: X and up to two optional scalar bounds of X's dtype.
Status InferClip(InferenceContext& context) {
  if (context.num_operands() < 1 || context.num_operands() > 3) {
    return InvalidArgumentError("needs 1 to 3 operands (x, min, max)");
  }
  const TensorType& x = context.operand(0);
  if (!IsRealNumber(x.dtype)) {
    return UnimplementedError("supports float32, float64 and integers, got " +
                              DTypeString(x.dtype));
  }
  for (int i = 1; i < context.num_operands(); ++i) {
    if (!context.has_operand(i)) continue;
    const TensorType& bound = context.operand(i);
    if (bound.dtype != x.dtype) {
      return InvalidArgumentError("bound " + std::to_string(i) + " is " + DTypeString(bound.dtype) +
                                  ", x is " + DTypeString(x.dtype));
    }
    const std::optional<int64_t> count = bound.shape.NumElements();
    if (count && *count != 1) {
      return InvalidArgumentError("bound " + std::to_string(i) + " must be a scalar, has shape " +
                                  bound.shape.ToString());
    }
  }
  context.set_output(0, x);
  return OkStatus();
}

template <typename F>
Status Map(const ComputeContext& context, F f) {
  const TensorView& x = context.inputs[0];
  const float* in = x.As<float>();
  float* out = context.outputs[0].As<float>();
  const int64_t count = x.num_elements();
  for (int64_t i = 0; i < count; ++i) out[i] = f(in[i]);
  return OkStatus();
}

// f(T x) over float32, float64, int32 or int64 data.
template <typename F>
Status MapSigned(const ComputeContext& context, F f) {
  const TensorView& x = context.inputs[0];
  return DispatchArithmetic(x.dtype, [&](auto zero) {
    using T = decltype(zero);
    const T* in = x.As<T>();
    T* out = context.outputs[0].As<T>();
    const int64_t count = x.num_elements();
    for (int64_t i = 0; i < count; ++i) out[i] = f(in[i]);
  });
}

template <typename T>
T Negate(T x) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(U{0} - static_cast<U>(x));
  } else {
    return -x;
  }
}

// Selu's constants, from Klambauer et al. 2017 (also TF's and ONNX's defaults).
constexpr float kSeluAlpha = 1.67326319217681884765625f;
constexpr float kSeluGamma = 1.05070102214813232421875f;

// A float bound as a bound of integer type T that clips integers the same way: `up` rounds
// a min up, else a max down; bounds past T's range saturate.
template <typename T>
T IntegerBound(float bound, bool up) {
  const double v = up ? std::ceil(static_cast<double>(bound)) : std::floor(bound);
  if (std::isnan(v)) return up ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
  if (v <= static_cast<double>(std::numeric_limits<T>::lowest())) {
    return std::numeric_limits<T>::lowest();
  }
  if (v >= static_cast<double>(std::numeric_limits<T>::max())) {
    return std::numeric_limits<T>::max();
  }
  return static_cast<T>(v);
}

Status ComputeClip(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  for (int i = 1; i < static_cast<int>(context.inputs.size()); ++i) {
    const TensorView& bound = context.inputs[i];
    if (bound.data == nullptr) continue;
    if (bound.dtype != x.dtype || bound.num_elements() != 1) {
      return InvalidArgumentError("Clip bounds must be scalars of x's dtype");
    }
  }
  if (context.outputs[0].dtype != x.dtype) {
    return InvalidArgumentError("Clip's output must have x's dtype");
  }
  return DispatchRealNumber(x.dtype, [&](auto tag) {
    using T = decltype(tag);
    T low, high;
    if constexpr (std::is_floating_point_v<T>) {
      low = static_cast<T>(context.params.Float("min", -std::numeric_limits<float>::infinity()));
      high = static_cast<T>(context.params.Float("max", std::numeric_limits<float>::infinity()));
    } else {
      low = context.params.Has("min") ? IntegerBound<T>(context.params.Float("min", 0), true)
                                      : std::numeric_limits<T>::lowest();
      high = context.params.Has("max") ? IntegerBound<T>(context.params.Float("max", 0), false)
                                       : std::numeric_limits<T>::max();
    }
    for (int i = 1; i < static_cast<int>(context.inputs.size()); ++i) {
      if (context.inputs[i].data != nullptr) (i == 1 ? low : high) = *context.inputs[i].As<T>();
    }
    const T* in = x.As<T>();
    T* out = context.outputs[0].As<T>();
    const int64_t count = x.num_elements();
    for (int64_t k = 0; k < count; ++k) out[k] = std::min(std::max(in[k], low), high);
  });
}

Status ComputeLeakyRelu(const ComputeContext& context) {
  const float alpha = context.params.Float("alpha", 0.01f);
  return Map(context, [&](float x) { return x < 0 ? alpha * x : x; });
}

Status ComputeElu(const ComputeContext& context) {
  const float alpha = context.params.Float("alpha", 1.0f);
  return Map(context, [&](float x) { return x < 0 ? alpha * std::expm1(x) : x; });
}

Status ComputeSelu(const ComputeContext& context) {
  const float alpha = context.params.Float("alpha", kSeluAlpha);
  const float gamma = context.params.Float("gamma", kSeluGamma);
  return Map(context, [&](float x) { return x <= 0 ? gamma * alpha * std::expm1(x) : gamma * x; });
}

Status ComputeCelu(const ComputeContext& context) {
  const float alpha = context.params.Float("alpha", 1.0f);
  if (alpha == 0) return InvalidArgumentError("Celu alpha must not be 0");
  return Map(context, [&](float x) {
    return std::max(0.0f, x) + std::min(0.0f, alpha * std::expm1(x / alpha));
  });
}

Status ComputeHardSigmoid(const ComputeContext& context) {
  const float alpha = context.params.Float("alpha", 0.2f);
  const float beta = context.params.Float("beta", 0.5f);
  return Map(context, [&](float x) { return std::max(0.0f, std::min(1.0f, alpha * x + beta)); });
}

// One formula per op, on a float `x`.
#define MB_FLOAT_UNARY_OP(Name, expression)                           \
  Status Compute##Name(const ComputeContext& context) {               \
    return Map(context, [](float x) -> float { return expression; }); \
  }
// NaN stays NaN, as in TF and NumPy.
MB_FLOAT_UNARY_OP(Relu, x > 0 || std::isnan(x) ? x : 0.0f)
MB_FLOAT_UNARY_OP(HardSwish, x* std::max(0.0f, std::min(1.0f, x / 6.0f + 0.5f)))
MB_FLOAT_UNARY_OP(Sigmoid, 1.0f / (1.0f + std::exp(-x)))
MB_FLOAT_UNARY_OP(Tanh, std::tanh(x))
// log1p(e^x) is x to float precision beyond 20, where e^x would lose the 1.
MB_FLOAT_UNARY_OP(Softplus, x > 20.0f ? x : std::log1p(std::exp(x)))
MB_FLOAT_UNARY_OP(Softsign, x / (1.0f + std::fabs(x)))
MB_FLOAT_UNARY_OP(Erf, std::erf(x))
MB_FLOAT_UNARY_OP(Exp, std::exp(x))
MB_FLOAT_UNARY_OP(Log, std::log(x))
MB_FLOAT_UNARY_OP(Sin, std::sin(x))
MB_FLOAT_UNARY_OP(Cos, std::cos(x))
MB_FLOAT_UNARY_OP(Sqrt, std::sqrt(x))
MB_FLOAT_UNARY_OP(Rsqrt, 1.0f / std::sqrt(x))
MB_FLOAT_UNARY_OP(Square, x* x)
MB_FLOAT_UNARY_OP(Floor, std::floor(x))
MB_FLOAT_UNARY_OP(Ceil, std::ceil(x))
// nearbyint in the default rounding mode rounds half to even.
MB_FLOAT_UNARY_OP(Round, std::nearbyint(x))
MB_FLOAT_UNARY_OP(Reciprocal, 1.0f / x)
#undef MB_FLOAT_UNARY_OP

Status ComputeNeg(const ComputeContext& context) {
  return MapSigned(context, [](auto x) { return Negate(x); });
}
Status ComputeAbs(const ComputeContext& context) {
  return MapSigned(context, [](auto x) {
    using T = decltype(x);
    if constexpr (std::is_integral_v<T>) {
      return x < 0 ? Negate(x) : x;
    } else {
      return std::fabs(x);
    }
  });
}
Status ComputeSign(const ComputeContext& context) {
  return MapSigned(context, [](auto x) {
    using T = decltype(x);
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(x)) return x;  // as numpy.sign
    }
    return static_cast<T>((x > T{0}) - (x < T{0}));
  });
}

}  // namespace

#define MB_DEFINE_UNARY(Name, infer, flops)                                           \
  const OpDef& Name##OpDef() {                                                        \
    static const OpDef def{                                                           \
        .kind = OpKind::k##Name,                                                      \
        .infer_shapes = infer,                                                        \
        .count_cost = [](const CostContext& c) { return ElementwiseCost(c, flops); }, \
        .compute_reference = Compute##Name};                                          \
    return def;                                                                       \
  }
MB_DEFINE_UNARY(Relu, InferUnary, 1)
MB_DEFINE_UNARY(Clip, InferClip, 2)
MB_DEFINE_UNARY(LeakyRelu, InferUnary, 2)
MB_DEFINE_UNARY(Elu, InferUnary, 2)
MB_DEFINE_UNARY(Selu, InferUnary, 3)
MB_DEFINE_UNARY(Celu, InferUnary, 5)
MB_DEFINE_UNARY(HardSigmoid, InferUnary, 4)
MB_DEFINE_UNARY(HardSwish, InferUnary, 5)
MB_DEFINE_UNARY(Sigmoid, InferUnary, 4)
MB_DEFINE_UNARY(Tanh, InferUnary, 4)
MB_DEFINE_UNARY(Softplus, InferUnary, 3)
MB_DEFINE_UNARY(Softsign, InferUnary, 3)
MB_DEFINE_UNARY(Erf, InferUnary, 4)
MB_DEFINE_UNARY(Exp, InferUnary, 1)
MB_DEFINE_UNARY(Log, InferUnary, 1)
MB_DEFINE_UNARY(Sin, InferUnary, 1)
MB_DEFINE_UNARY(Cos, InferUnary, 1)
MB_DEFINE_UNARY(Neg, InferSignedUnary, 1)
MB_DEFINE_UNARY(Abs, InferSignedUnary, 1)
MB_DEFINE_UNARY(Sign, InferSignedUnary, 1)
MB_DEFINE_UNARY(Sqrt, InferUnary, 1)
MB_DEFINE_UNARY(Rsqrt, InferUnary, 2)
MB_DEFINE_UNARY(Square, InferUnary, 1)
MB_DEFINE_UNARY(Floor, InferUnary, 1)
MB_DEFINE_UNARY(Ceil, InferUnary, 1)
MB_DEFINE_UNARY(Round, InferUnary, 1)
MB_DEFINE_UNARY(Reciprocal, InferUnary, 1)
#undef MB_DEFINE_UNARY

}  // namespace mb::ops
