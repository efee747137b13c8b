// Element-wise operations of two operands with NumPy broadcasting. Arithmetic (Add, Sub,
// Mul, Div, Max, Min) also runs on int32 and int64, which shape subgraphs compute with;
// Div on integers truncates toward zero, like TF's Div.
// PRelu: y = x < 0 ? slope * x : x, slope broadcast to x.
#include <cmath>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

bool IsArithmeticType(ir::DType dtype) {
  return dtype == ir::DType::kFloat32 || dtype == ir::DType::kInt32 || dtype == ir::DType::kInt64 ||
         dtype == ir::DType::kFloat64;
}

Status InferBinary(InferenceContext& context) {
  if (context.num_operands() != 2) return InvalidArgumentError("needs exactly 2 operands");
  const TensorType& a = context.operand(0);
  const TensorType& b = context.operand(1);
  if (a.dtype != b.dtype) {
    return InvalidArgumentError("operand types differ: " + std::string(ir::DTypeName(a.dtype)) +
                                " and " + std::string(ir::DTypeName(b.dtype)));
  }
  if (!IsArithmeticType(a.dtype)) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(a.dtype)) + " is not supported");
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

Status ComputeAdd(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return x + y; });
}
Status ComputeSub(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return x - y; });
}
Status ComputeMul(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return x * y; });
}
Status ComputeDiv(const ComputeContext& c) {
  if (c.inputs[0].dtype == ir::DType::kInt32 || c.inputs[0].dtype == ir::DType::kInt64) {
    const TensorView& b = c.inputs[1];
    const std::vector<int64_t> divisors = ViewInts(b);
    for (int64_t d : divisors) {
      if (d == 0) return InvalidArgumentError("integer division by zero");
    }
  }
  return ComputeTyped(c, [](auto x, auto y) { return x / y; });
}
// Max and Min propagate NaN from either side, as TF and NumPy do.
template <typename T>
bool IsNan(T x) {
  return x != x;  // false for integers
}
Status ComputeMax(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return IsNan(y) ? y : (x > y || IsNan(x) ? x : y); });
}
Status ComputeMin(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return IsNan(y) ? y : (x < y || IsNan(x) ? x : y); });
}
Status ComputePow(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return std::pow(x, y); });
}
Status ComputeSquaredDifference(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto y) { return (x - y) * (x - y); });
}
Status ComputePRelu(const ComputeContext& c) {
  return ComputeTyped(c, [](auto x, auto slope) { return x < 0 ? slope * x : x; });
}

OpCost CountOne(const CostContext& context) { return ElementwiseCost(context, 1); }
OpCost CountTwo(const CostContext& context) { return ElementwiseCost(context, 2); }

}  // namespace

#define MB_DEFINE_BINARY(Name, cost)                            \
  const OpDef& Name##OpDef() {                                  \
    static const OpDef def{.kind = OpKind::k##Name,             \
                           .infer_shapes = InferBinary,         \
                           .count_cost = cost,                  \
                           .compute_reference = Compute##Name}; \
    return def;                                                 \
  }
MB_DEFINE_BINARY(Add, CountOne)
MB_DEFINE_BINARY(Sub, CountOne)
MB_DEFINE_BINARY(Mul, CountOne)
MB_DEFINE_BINARY(Div, CountOne)
MB_DEFINE_BINARY(Max, CountOne)
MB_DEFINE_BINARY(Min, CountOne)
MB_DEFINE_BINARY(Pow, CountOne)
MB_DEFINE_BINARY(SquaredDifference, CountTwo)
MB_DEFINE_BINARY(PRelu, CountTwo)
#undef MB_DEFINE_BINARY

}  // namespace mb::ops
