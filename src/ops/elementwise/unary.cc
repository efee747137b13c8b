// Element-wise operations of one operand (float32). Output has the operand's type.
// Params: Clip: min, max (default -inf, +inf); LeakyRelu: alpha (0.01, ONNX's default; the TF
// importer passes TF's 0.2 explicitly); Elu: alpha (1.0).
#include <cmath>
#include <limits>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

Status InferUnary(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  if (context.operand(0).dtype != ir::DType::kFloat32) {
    return UnimplementedError("supports float32 only, got " +
                              std::string(ir::DTypeName(context.operand(0).dtype)));
  }
  context.set_output(0, context.operand(0));
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

// Selu's constants, from Klambauer et al. 2017 (also TF's and ONNX's defaults).
constexpr float kSeluAlpha = 1.67326319217681884765625f;
constexpr float kSeluScale = 1.05070102214813232421875f;

#define MB_UNARY_OP(Name, flops, expression)                                     \
  Status Compute##Name(const ComputeContext& context) {                          \
    [[maybe_unused]] const Params& params = context.params;                      \
    [[maybe_unused]] const float alpha = params.Float("alpha", Default##Name()); \
    return Map(context, [&](float x) { return expression; });                    \
  }                                                                              \
  OpCost Count##Name(const CostContext& context) { return ElementwiseCost(context, flops); }

constexpr float DefaultRelu() { return 0; }
constexpr float DefaultClip() { return 0; }
constexpr float DefaultLeakyRelu() { return 0.01f; }
constexpr float DefaultElu() { return 1.0f; }
#define MB_NO_ALPHA(Name) \
  constexpr float Default##Name() { return 0; }
MB_NO_ALPHA(Selu)
MB_NO_ALPHA(Sigmoid)
MB_NO_ALPHA(Tanh)
MB_NO_ALPHA(Softplus)
MB_NO_ALPHA(Exp)
MB_NO_ALPHA(Log)
MB_NO_ALPHA(Neg)
MB_NO_ALPHA(Abs)
MB_NO_ALPHA(Sqrt)
MB_NO_ALPHA(Rsqrt)
MB_NO_ALPHA(Square)
MB_NO_ALPHA(Floor)
MB_NO_ALPHA(Ceil)
MB_NO_ALPHA(Round)
MB_NO_ALPHA(Reciprocal)
#undef MB_NO_ALPHA

// NaN stays NaN, as in TF and NumPy.
MB_UNARY_OP(Relu, 1, x > 0 || std::isnan(x) ? x : 0.0f)
MB_UNARY_OP(Clip, 2,
            std::min(std::max(x, params.Float("min", -std::numeric_limits<float>::infinity())),
                     params.Float("max", std::numeric_limits<float>::infinity())))
MB_UNARY_OP(LeakyRelu, 2, x < 0 ? alpha * x : x)
MB_UNARY_OP(Elu, 2, x < 0 ? alpha * std::expm1(x) : x)
MB_UNARY_OP(Selu, 3, x < 0 ? kSeluScale * kSeluAlpha * std::expm1(x) : kSeluScale * x)
MB_UNARY_OP(Sigmoid, 4, 1.0f / (1.0f + std::exp(-x)))
MB_UNARY_OP(Tanh, 4, std::tanh(x))
MB_UNARY_OP(Softplus, 3, x > 20.0f ? x : std::log1p(std::exp(x)))
MB_UNARY_OP(Exp, 1, std::exp(x))
MB_UNARY_OP(Log, 1, std::log(x))
MB_UNARY_OP(Neg, 1, -x)
MB_UNARY_OP(Abs, 1, std::fabs(x))
MB_UNARY_OP(Sqrt, 1, std::sqrt(x))
MB_UNARY_OP(Rsqrt, 2, 1.0f / std::sqrt(x))
MB_UNARY_OP(Square, 1, x* x)
MB_UNARY_OP(Floor, 1, std::floor(x))
MB_UNARY_OP(Ceil, 1, std::ceil(x))
// Round half to even, as TF's Round and ONNX's Round do.
MB_UNARY_OP(Round, 1, std::nearbyint(x))
MB_UNARY_OP(Reciprocal, 1, 1.0f / x)
#undef MB_UNARY_OP

}  // namespace

#define MB_DEFINE_UNARY(Name)                                   \
  const OpDef& Name##OpDef() {                                  \
    static const OpDef def{.kind = OpKind::k##Name,             \
                           .infer_shapes = InferUnary,          \
                           .count_cost = Count##Name,           \
                           .compute_reference = Compute##Name}; \
    return def;                                                 \
  }
MB_DEFINE_UNARY(Relu)
MB_DEFINE_UNARY(Clip)
MB_DEFINE_UNARY(LeakyRelu)
MB_DEFINE_UNARY(Elu)
MB_DEFINE_UNARY(Selu)
MB_DEFINE_UNARY(Sigmoid)
MB_DEFINE_UNARY(Tanh)
MB_DEFINE_UNARY(Softplus)
MB_DEFINE_UNARY(Exp)
MB_DEFINE_UNARY(Log)
MB_DEFINE_UNARY(Neg)
MB_DEFINE_UNARY(Abs)
MB_DEFINE_UNARY(Sqrt)
MB_DEFINE_UNARY(Rsqrt)
MB_DEFINE_UNARY(Square)
MB_DEFINE_UNARY(Floor)
MB_DEFINE_UNARY(Ceil)
MB_DEFINE_UNARY(Round)
MB_DEFINE_UNARY(Reciprocal)
#undef MB_DEFINE_UNARY

}  // namespace mb::ops
