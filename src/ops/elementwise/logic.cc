// Comparisons and boolean logic (ONNX Equal, Less, LessOrEqual, Greater, GreaterOrEqual,
// Not, And, Or, Xor; TF Equal, Less, ..., LogicalNot, LogicalAnd, LogicalOr).
//
// Comparisons: operands a, b of one dtype (float32, float64, int32, int64, int8, uint8; Equal
//   also bool) with NumPy broadcasting; the output is bool. Comparisons with NaN are false
//   (Equal(NaN, NaN) is false), as IEEE 754 and NumPy.
// And, Or, Xor: operands a, b (bool) with NumPy broadcasting; bool output.
// Not: operand x (bool); bool output of x's shape.
// IsNaN (ONNX IsNaN): operand x (float32 or float64); bool output of x's shape, true where x
//   is NaN.
// IsInf (ONNX IsInf): operand x (float32 or float64); params detect_positive (true),
//   detect_negative (true); bool output of x's shape, true where x is +inf (if
//   detect_positive) or -inf (if detect_negative).
// No other params. Bool elements are bytes; any non-zero byte reads as true, and outputs are
// 0 or 1.
//
// Cost: one operation per output element.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

std::string DTypeString(ir::DType dtype) { return std::string(ir::DTypeName(dtype)); }

bool IsComparable(ir::DType dtype) {
  switch (dtype) {
    case ir::DType::kFloat32:
    case ir::DType::kFloat64:
    case ir::DType::kInt32:
    case ir::DType::kInt64:
    case ir::DType::kInt8:
    case ir::DType::kUInt8:
      return true;
    default:
      return false;
  }
}

// Two operands of one dtype that `allow_bool` and IsComparable accept; bool output of the
// broadcast shape.
Status InferBinaryToBool(InferenceContext& context, bool allow_numbers, bool allow_bool) {
  if (context.num_operands() != 2) return InvalidArgumentError("needs exactly 2 operands");
  const TensorType& a = context.operand(0);
  const TensorType& b = context.operand(1);
  if (a.dtype != b.dtype) {
    return InvalidArgumentError("operand types differ: " + DTypeString(a.dtype) + " and " +
                                DTypeString(b.dtype));
  }
  const bool ok =
      (allow_numbers && IsComparable(a.dtype)) || (allow_bool && a.dtype == ir::DType::kBool);
  if (!ok) return UnimplementedError("dtype " + DTypeString(a.dtype) + " is not supported");
  ASSIGN_OR_RETURN(ir::Shape shape, BroadcastShapes(a.shape, b.shape));
  context.set_output(0, {ir::DType::kBool, std::move(shape)});
  return OkStatus();
}

Status InferEqual(InferenceContext& context) { return InferBinaryToBool(context, true, true); }
Status InferCompare(InferenceContext& context) { return InferBinaryToBool(context, true, false); }
Status InferLogic(InferenceContext& context) { return InferBinaryToBool(context, false, true); }

Status InferNot(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  if (context.operand(0).dtype != ir::DType::kBool) {
    return InvalidArgumentError("needs a bool operand, got " +
                                DTypeString(context.operand(0).dtype));
  }
  context.set_output(0, context.operand(0));
  return OkStatus();
}

// out[i] = f(a[ia], b[ib]) under NumPy broadcasting, out holding bytes 0 or 1.
template <typename In, typename F>
void BroadcastToBool(const TensorView& a, const TensorView& b, const TensorView& out, F f) {
  BroadcastApplyMixed<In, In, uint8_t>(a, b, out,
                                       [&](In x, In y) -> uint8_t { return f(x, y) ? 1 : 0; });
}

// Checks what the runtime hands over against the shape function's contract.
Status CheckBinaryToBool(const ComputeContext& context) {
  if (context.inputs.size() != 2 || context.outputs.size() != 1) {
    return InvalidArgumentError("needs 2 operands and 1 output");
  }
  const TensorView& a = context.inputs[0];
  const TensorView& b = context.inputs[1];
  const TensorView& out = context.outputs[0];
  if (a.dtype != b.dtype || out.dtype != ir::DType::kBool) {
    return InvalidArgumentError("operands must share a dtype and the output must be bool");
  }
  return CheckBroadcastOutput(a, b, out);
}

template <typename F>
Status Compare(const ComputeContext& context, F f) {
  RETURN_IF_ERROR(CheckBinaryToBool(context));
  const TensorView& a = context.inputs[0];
  if (a.dtype == ir::DType::kBool) {
    BroadcastToBool<uint8_t>(a, context.inputs[1], context.outputs[0],
                             [&](uint8_t x, uint8_t y) { return f(x != 0, y != 0); });
    return OkStatus();
  }
  if (!IsComparable(a.dtype)) {
    return UnimplementedError("dtype " + DTypeString(a.dtype) + " is not supported");
  }
  return DispatchNumeric(a.dtype, [&](auto zero) {
    using T = decltype(zero);
    BroadcastToBool<T>(a, context.inputs[1], context.outputs[0], f);
  });
}

template <typename F>
Status Logic(const ComputeContext& context, F f) {
  RETURN_IF_ERROR(CheckBinaryToBool(context));
  if (context.inputs[0].dtype != ir::DType::kBool) {
    return InvalidArgumentError("needs bool operands");
  }
  BroadcastToBool<uint8_t>(context.inputs[0], context.inputs[1], context.outputs[0],
                           [&](uint8_t x, uint8_t y) { return f(x != 0, y != 0); });
  return OkStatus();
}

Status ComputeEqual(const ComputeContext& c) {
  return Compare(c, [](auto x, auto y) { return x == y; });
}
Status ComputeLess(const ComputeContext& c) {
  return Compare(c, [](auto x, auto y) { return x < y; });
}
Status ComputeLessOrEqual(const ComputeContext& c) {
  return Compare(c, [](auto x, auto y) { return x <= y; });
}
Status ComputeGreater(const ComputeContext& c) {
  return Compare(c, [](auto x, auto y) { return x > y; });
}
Status ComputeGreaterOrEqual(const ComputeContext& c) {
  return Compare(c, [](auto x, auto y) { return x >= y; });
}
Status ComputeAnd(const ComputeContext& c) {
  return Logic(c, [](bool x, bool y) { return x && y; });
}
Status ComputeOr(const ComputeContext& c) {
  return Logic(c, [](bool x, bool y) { return x || y; });
}
Status ComputeXor(const ComputeContext& c) {
  return Logic(c, [](bool x, bool y) { return x != y; });
}

Status ComputeNot(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& out = context.outputs[0];
  if (x.dtype != ir::DType::kBool || out.dtype != ir::DType::kBool || x.sizes != out.sizes) {
    return InvalidArgumentError("Not needs a bool operand and output of one shape");
  }
  const uint8_t* in = x.As<uint8_t>();
  uint8_t* po = out.As<uint8_t>();
  const int64_t total = x.num_elements();
  for (int64_t i = 0; i < total; ++i) po[i] = in[i] != 0 ? 0 : 1;
  return OkStatus();
}

// IsNaN, IsInf: one float32 or float64 operand; bool output of its shape.
Status InferFloatTest(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32 && x.dtype != ir::DType::kFloat64) {
    return UnimplementedError("supports float32 and float64, got " + DTypeString(x.dtype));
  }
  context.set_output(0, {ir::DType::kBool, x.shape});
  return OkStatus();
}

// out[i] = test(x[i]) for a float32 or float64 x.
template <typename F>
Status TestFloats(const ComputeContext& context, F test) {
  const TensorView& x = context.inputs[0];
  const TensorView& out = context.outputs[0];
  if (out.dtype != ir::DType::kBool || x.sizes != out.sizes) {
    return InvalidArgumentError("needs a bool output of the operand's shape");
  }
  uint8_t* po = out.As<uint8_t>();
  const int64_t total = x.num_elements();
  if (x.dtype == ir::DType::kFloat32) {
    const float* in = x.As<float>();
    for (int64_t i = 0; i < total; ++i) po[i] = test(static_cast<double>(in[i])) ? 1 : 0;
  } else if (x.dtype == ir::DType::kFloat64) {
    const double* in = x.As<double>();
    for (int64_t i = 0; i < total; ++i) po[i] = test(in[i]) ? 1 : 0;
  } else {
    return InvalidArgumentError("needs a float32 or float64 operand");
  }
  return OkStatus();
}

Status ComputeIsNaN(const ComputeContext& context) {
  return TestFloats(context, [](double v) { return std::isnan(v); });
}

Status ComputeIsInf(const ComputeContext& context) {
  const bool positive = context.params.Bool("detect_positive", true);
  const bool negative = context.params.Bool("detect_negative", true);
  return TestFloats(context,
                    [&](double v) { return std::isinf(v) && (v > 0 ? positive : negative); });
}

OpCost CountOne(const CostContext& context) { return ElementwiseCost(context, 1); }

}  // namespace

#define MB_DEFINE_LOGIC(Name, infer)                            \
  const OpDef& Name##OpDef() {                                  \
    static const OpDef def{.kind = OpKind::k##Name,             \
                           .infer_shapes = infer,               \
                           .count_cost = CountOne,              \
                           .compute_reference = Compute##Name}; \
    return def;                                                 \
  }
MB_DEFINE_LOGIC(Equal, InferEqual)
MB_DEFINE_LOGIC(Less, InferCompare)
MB_DEFINE_LOGIC(LessOrEqual, InferCompare)
MB_DEFINE_LOGIC(Greater, InferCompare)
MB_DEFINE_LOGIC(GreaterOrEqual, InferCompare)
MB_DEFINE_LOGIC(Not, InferNot)
MB_DEFINE_LOGIC(And, InferLogic)
MB_DEFINE_LOGIC(Or, InferLogic)
MB_DEFINE_LOGIC(Xor, InferLogic)
MB_DEFINE_LOGIC(IsNaN, InferFloatTest)
MB_DEFINE_LOGIC(IsInf, InferFloatTest)
#undef MB_DEFINE_LOGIC

}  // namespace mb::ops
