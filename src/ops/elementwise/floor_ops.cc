// FloorDiv, FloorMod and Fmod: two operands a, b of one dtype (float32, float64, int32 or
// int64) with NumPy broadcasting; no params.
// FloorDiv and FloorMod (TF FloorDiv, FloorMod; ONNX Mod with fmod = 0) have Python
// semantics (shared/spec/tf-tools.md 6.2 row 47):
//   FloorDiv(x, y) = floor(x / y)                      FloorDiv(-7, 2) = -4
//   FloorMod(x, y) = x - FloorDiv(x, y) * y, which has y's sign    FloorMod(-7, 3) = 2
// Floats follow TF's functors: floor(x / y), and fmod(x, y) moved into y's sign by adding y
// (so division by zero gives inf or nan). Integer division by zero is an error. The one
// integer overflow, minimum / -1, wraps (FloorDiv gives the minimum, FloorMod 0) instead of
// being undefined behaviour.
//
// Fmod (ONNX Mod with fmod = 1): the remainder of truncated division, with x's sign, as C's
// fmod for floats (fmod(-7, 3) = -1; y = 0 gives nan) and C's % for integers (where y = 0
// is an error and minimum % -1 is 0).
//
// Cost: one FLOP per output element, as Div.
#include <cmath>
#include <type_traits>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

template <typename T>
T FloorDivide(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    if (y == -1) return static_cast<T>(U{0} - static_cast<U>(x));
    T quotient = x / y;
    const T remainder = x % y;
    if (remainder != 0 && ((remainder < 0) != (y < 0))) --quotient;
    return quotient;
  } else {
    return std::floor(x / y);
  }
}

template <typename T>
T FloorModulo(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    if (y == -1) return 0;
    const T remainder = x % y;
    return remainder != 0 && ((remainder < 0) != (y < 0)) ? remainder + y : remainder;
  } else {
    const T remainder = std::fmod(x, y);
    return remainder != 0 && ((remainder < 0) != (y < 0)) ? remainder + y : remainder;
  }
}

template <typename T>
T TruncatedModulo(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    return y == -1 ? 0 : x % y;
  } else {
    return std::fmod(x, y);
  }
}

Status InferFloorBinary(InferenceContext& context) {
  if (context.num_operands() != 2) return InvalidArgumentError("needs exactly 2 operands");
  const TensorType& a = context.operand(0);
  const TensorType& b = context.operand(1);
  if (a.dtype != b.dtype) {
    return InvalidArgumentError("operand types differ: " + std::string(ir::DTypeName(a.dtype)) +
                                " and " + std::string(ir::DTypeName(b.dtype)));
  }
  if (a.dtype != ir::DType::kFloat32 && a.dtype != ir::DType::kFloat64 &&
      a.dtype != ir::DType::kInt32 && a.dtype != ir::DType::kInt64) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(a.dtype)) + " is not supported");
  }
  ASSIGN_OR_RETURN(ir::Shape shape, BroadcastShapes(a.shape, b.shape));
  context.set_output(0, {a.dtype, std::move(shape)});
  return OkStatus();
}

template <typename F>
Status ComputeFloorBinary(const ComputeContext& context, F f) {
  const TensorView& a = context.inputs[0];
  const TensorView& b = context.inputs[1];
  const TensorView& out = context.outputs[0];
  if (a.dtype != b.dtype || a.dtype != out.dtype) {
    return InvalidArgumentError("operand and output types differ");
  }
  RETURN_IF_ERROR(CheckBroadcastOutput(a, b, out));
  if (a.dtype == ir::DType::kInt32 || a.dtype == ir::DType::kInt64) {
    for (int64_t divisor : ViewInts(b)) {
      if (divisor == 0) return InvalidArgumentError("integer division by zero");
    }
  }
  return DispatchArithmetic(a.dtype, [&](auto zero) {
    using T = decltype(zero);
    BroadcastApply<T>(a, b, out, [&](T x, T y) { return f(x, y); });
  });
}

Status ComputeFloorDiv(const ComputeContext& context) {
  return ComputeFloorBinary(context, [](auto x, auto y) { return FloorDivide(x, y); });
}

Status ComputeFloorMod(const ComputeContext& context) {
  return ComputeFloorBinary(context, [](auto x, auto y) { return FloorModulo(x, y); });
}

Status ComputeFmod(const ComputeContext& context) {
  return ComputeFloorBinary(context, [](auto x, auto y) { return TruncatedModulo(x, y); });
}

OpCost CountFloorBinary(const CostContext& context) { return ElementwiseCost(context, 1); }

}  // namespace

const OpDef& FloorDivOpDef() {
  static const OpDef def{.kind = OpKind::kFloorDiv,
                         .infer_shapes = InferFloorBinary,
                         .count_cost = CountFloorBinary,
                         .compute_reference = ComputeFloorDiv};
  return def;
}

const OpDef& FloorModOpDef() {
  static const OpDef def{.kind = OpKind::kFloorMod,
                         .infer_shapes = InferFloorBinary,
                         .count_cost = CountFloorBinary,
                         .compute_reference = ComputeFloorMod};
  return def;
}

const OpDef& FmodOpDef() {
  static const OpDef def{.kind = OpKind::kFmod,
                         .infer_shapes = InferFloorBinary,
                         .count_cost = CountFloorBinary,
                         .compute_reference = ComputeFmod};
  return def;
}

}  // namespace mb::ops
