// ONNX op table rows for element-wise math, activations, comparisons and logic, reductions,
// ArgMax/ArgMin and Softmax/LogSoftmax (see onnx_op_table.h and onnx_op_table_util.h for how
// nodes arrive). ONNX attribute defaults are written into the params explicitly where the
// engine op's default differs (keepdims) or where the default is the spec's (alpha, beta...),
// so a node reads the same in a dump whatever the op's defaults become.
//
// Opset differences handled here:
// - Softmax/LogSoftmax before 13 coerce X to 2-D at `axis` (default 1): param coerce_2d.
// - Clip before 11 has min/max attributes; from 11 optional inputs: float constants become
//   params, others (integer bounds, computed bounds) stay operands.
// - ReduceSum's axes is an input from 13, the other reductions' from 18; before that an
//   attribute. noop_with_empty_axes (ReduceSum 13, the others 18) becomes
//   empty_axes_reduce_all = !noop_with_empty_axes.
// - Add/Sub/Mul/Div before 7 had legacy `broadcast`/`axis` attributes: an explicit axis is
//   refused (trailing-aligned broadcasting, the only other case, is NumPy's).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "importers/onnx/onnx_op_table_util.h"

namespace mb::importers::onnx {
namespace {

bool HasInput(Legalization& l, size_t i) {
  return i < l.node().inputs.size() && l.node().inputs[i] != ir::kNoValue;
}

// A row for an op of one operand whose float attributes map onto params of the same names,
// with the ONNX defaults given.
LegalizeFn Unary(OpKind kind, std::vector<std::pair<const char*, float>> float_attrs = {}) {
  return [kind, float_attrs](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    l.node().kind = kind;
    l.OperandsFromInputs(1);
    for (const auto& [name, fallback] : float_attrs) l.Set(name, l.FloatAttr(name, fallback));
    return OkStatus();
  };
}

// Add, Sub, Mul, Div, Pow: two operands, NumPy broadcasting (opset >= 7).
LegalizeFn Arithmetic(OpKind kind) {
  return [kind](Legalization& l) -> Status {
    if (l.opset < 7 && l.IntAttr("broadcast", 0) != 0 && l.Attr("axis") != nullptr) {
      return UnimplementedError("legacy broadcasting with an explicit axis (opset < 7)");
    }
    return Simple(kind, 2)(l);
  };
}

// Max, Min, Sum, Mean: one or more operands, broadcast together.
LegalizeFn Variadic(OpKind kind) {
  return [kind](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    for (ir::ValueId input : l.node().inputs) {
      if (input == ir::kNoValue) return InvalidArgumentError("has an empty input name");
    }
    l.node().kind = kind;
    l.OperandsFromInputs();
    if (kind == OpKind::kSum) l.Set("broadcast", true);
    return OkStatus();
  };
}

// The value of a constant scalar bound (Clip-11 min or max) as float, or nullopt for an
// integer bound, which stays an operand: a float param could not hold every int64 exactly.
StatusOr<std::optional<float>> ScalarBound(Legalization& l, int i, const char* what) {
  const ir::Tensor* t = l.ConstantInput(i);
  if (t == nullptr) return UnimplementedError(std::string(what) + " is not a constant");
  if (t->num_elements() != 1) {
    return InvalidArgumentError(std::string(what) + " must be a scalar, has " +
                                std::to_string(t->num_elements()) + " elements");
  }
  if (t->dtype() == ir::DType::kFloat32) return std::optional<float>(t->At<float>(0));
  if (t->dtype() == ir::DType::kFloat64) {
    return std::optional<float>(static_cast<float>(t->At<double>(0)));
  }
  return std::optional<float>();
}

// Clip: opset < 11 attributes min, max (absent = unbounded); from 11 optional inputs 1, 2.
// Constant float bounds become params; others (integer or computed bounds) stay operands
// (x, min, max) the op reads at run time.
Status Clip(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  l.node().kind = OpKind::kClip;
  if (l.opset < 11) {
    l.OperandsFromInputs(1);
    // A mistyped attribute reads as absent (unbounded), like a missing one.
    constexpr float kInf = std::numeric_limits<float>::infinity();
    if (l.Attr("min") != nullptr) l.Set("min", l.FloatAttr("min", -kInf));
    if (l.Attr("max") != nullptr) l.Set("max", l.FloatAttr("max", kInf));
    return OkStatus();
  }
  if (l.node().inputs.size() > 3) return InvalidArgumentError("has more than 3 inputs");
  std::vector<ir::ValueId> operands = {l.node().inputs[0]};
  const char* names[] = {"", "min", "max"};
  for (size_t i = 1; i < l.node().inputs.size(); ++i) {
    if (!HasInput(l, i)) {
      operands.push_back(ir::kNoValue);
      continue;
    }
    if (l.ConstantInput(static_cast<int>(i)) == nullptr) {
      operands.push_back(l.node().inputs[i]);  // read at run time
      continue;
    }
    ASSIGN_OR_RETURN(std::optional<float> bound, ScalarBound(l, static_cast<int>(i), names[i]));
    if (!bound) {
      operands.push_back(l.node().inputs[i]);
      continue;
    }
    l.Set(names[i], *bound);
    operands.push_back(ir::kNoValue);
  }
  while (operands.size() > 1 && operands.back() == ir::kNoValue) operands.pop_back();
  l.node().operands = std::move(operands);
  return OkStatus();
}

// Softmax, LogSoftmax: opset < 13 coerces to 2-D at axis (default 1); from 13 per axis
// (default -1).
LegalizeFn Softmax(OpKind kind) {
  return [kind](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    l.node().kind = kind;
    l.OperandsFromInputs(1);
    if (l.opset < 13) {
      l.Set("axis", l.IntAttr("axis", 1));
      l.Set("coerce_2d", true);
    } else {
      l.Set("axis", l.IntAttr("axis", -1));
    }
    return OkStatus();
  };
}

// Reductions: axes from the attribute before `axes_input_opset`, from optional input 1 after;
// keepdims (default 1); noop_with_empty_axes (from `axes_input_opset`).
LegalizeFn Reduce(OpKind kind, int64_t axes_input_opset) {
  return [kind, axes_input_opset](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    l.node().kind = kind;
    bool reduce_all = true;
    if (l.opset >= axes_input_opset) {
      if (l.node().inputs.size() > 2) return InvalidArgumentError("has more than 2 inputs");
      reduce_all = l.IntAttr("noop_with_empty_axes", 0) == 0;
      if (HasInput(l, 1)) {
        l.OperandsFromInputs(2);
      } else {
        l.OperandsFromInputs(1);
      }
    } else {
      l.OperandsFromInputs(1);
      l.Set("axes", l.IntsAttr("axes"));
    }
    l.Set("keepdims", l.IntAttr("keepdims", 1) != 0);
    l.Set("empty_axes_reduce_all", reduce_all);
    return OkStatus();
  };
}

// ArgMax, ArgMin: axis (0), keepdims (1), select_last_index (0, from opset 12); int64
// indices.
LegalizeFn ArgReduce(OpKind kind) {
  return [kind](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    const int64_t select_last_index = l.IntAttr("select_last_index", 0);
    if (select_last_index != 0 && select_last_index != 1) {
      return InvalidArgumentError("select_last_index must be 0 or 1, got " +
                                  std::to_string(select_last_index));
    }
    l.node().kind = kind;
    l.OperandsFromInputs(1);
    l.Set("axis", l.IntAttr("axis", 0));
    l.Set("keepdims", l.IntAttr("keepdims", 1) != 0);
    l.Set("select_last_index", select_last_index == 1);
    l.Set("out_dtype", ir::DType::kInt64);
    return OkStatus();
  };
}

// Mod: fmod = 0 is Python's (floored) modulo, fmod = 1 C's fmod.
Status Mod(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  const int64_t fmod = l.IntAttr("fmod", 0);
  if (fmod != 0 && fmod != 1) {
    return InvalidArgumentError("fmod must be 0 or 1, got " + std::to_string(fmod));
  }
  l.node().kind = fmod == 1 ? OpKind::kFmod : OpKind::kFloorMod;
  l.OperandsFromInputs(2);
  return OkStatus();
}

}  // namespace

void AddOnnxMathRows(OpTable& table) {
  // Activations.
  table["Relu"] = Unary(OpKind::kRelu);
  table["LeakyRelu"] = Unary(OpKind::kLeakyRelu, {{"alpha", 0.01f}});
  table["PRelu"] = Simple(OpKind::kPRelu, 2);
  table["Elu"] = Unary(OpKind::kElu, {{"alpha", 1.0f}});
  table["Selu"] = Unary(OpKind::kSelu, {{"alpha", 1.67326319217681884765625f},
                                        {"gamma", 1.05070102214813232421875f}});
  table["Celu"] = Unary(OpKind::kCelu, {{"alpha", 1.0f}});
  table["Clip"] = Clip;
  table["Sigmoid"] = Unary(OpKind::kSigmoid);
  table["HardSigmoid"] = Unary(OpKind::kHardSigmoid, {{"alpha", 0.2f}, {"beta", 0.5f}});
  table["HardSwish"] = Unary(OpKind::kHardSwish);
  table["Tanh"] = Unary(OpKind::kTanh);
  table["Softplus"] = Unary(OpKind::kSoftplus);
  table["Softsign"] = Unary(OpKind::kSoftsign);
  table["Erf"] = Unary(OpKind::kErf);
  table["Softmax"] = Softmax(OpKind::kSoftmax);
  table["LogSoftmax"] = Softmax(OpKind::kLogSoftmax);

  // Arithmetic.
  table["Add"] = Arithmetic(OpKind::kAdd);
  table["Sub"] = Arithmetic(OpKind::kSub);
  table["Mul"] = Arithmetic(OpKind::kMul);
  table["Div"] = Arithmetic(OpKind::kDiv);
  table["Pow"] = Arithmetic(OpKind::kPow);
  table["Mod"] = Mod;
  table["Sqrt"] = Unary(OpKind::kSqrt);
  table["Reciprocal"] = Unary(OpKind::kReciprocal);
  table["Exp"] = Unary(OpKind::kExp);
  table["Log"] = Unary(OpKind::kLog);
  table["Abs"] = Unary(OpKind::kAbs);
  table["Neg"] = Unary(OpKind::kNeg);
  table["Floor"] = Unary(OpKind::kFloor);
  table["Ceil"] = Unary(OpKind::kCeil);
  table["Round"] = Unary(OpKind::kRound);
  table["Sign"] = Unary(OpKind::kSign);
  table["Sin"] = Unary(OpKind::kSin);
  table["Cos"] = Unary(OpKind::kCos);
  table["Max"] = Variadic(OpKind::kMax);
  table["Min"] = Variadic(OpKind::kMin);
  table["Sum"] = Variadic(OpKind::kSum);
  table["Mean"] = Variadic(OpKind::kMean);
  table["Where"] = Simple(OpKind::kWhere, 3);

  // Comparison and logic.
  table["Equal"] = Simple(OpKind::kEqual, 2);
  table["Less"] = Simple(OpKind::kLess, 2);
  table["LessOrEqual"] = Simple(OpKind::kLessOrEqual, 2);
  table["Greater"] = Simple(OpKind::kGreater, 2);
  table["GreaterOrEqual"] = Simple(OpKind::kGreaterOrEqual, 2);
  table["Not"] = Simple(OpKind::kNot, 1);
  table["And"] = Simple(OpKind::kAnd, 2);
  table["Or"] = Simple(OpKind::kOr, 2);
  table["Xor"] = Simple(OpKind::kXor, 2);
  table["IsNaN"] = Simple(OpKind::kIsNaN, 1);
  table["IsInf"] = [](Legalization& l) -> Status {
    RETURN_IF_ERROR(Simple(OpKind::kIsInf, 1)(l));
    l.Set("detect_positive", l.IntAttr("detect_positive", 1) != 0);
    l.Set("detect_negative", l.IntAttr("detect_negative", 1) != 0);
    return OkStatus();
  };

  // Reductions.
  table["ReduceSum"] = Reduce(OpKind::kReduceSum, 13);
  table["ReduceMean"] = Reduce(OpKind::kReduceMean, 18);
  table["ReduceMax"] = Reduce(OpKind::kReduceMax, 18);
  table["ReduceMin"] = Reduce(OpKind::kReduceMin, 18);
  table["ReduceProd"] = Reduce(OpKind::kReduceProd, 18);
  table["ReduceL1"] = Reduce(OpKind::kReduceL1, 18);
  table["ReduceL2"] = Reduce(OpKind::kReduceL2, 18);
  table["ReduceSumSquare"] = Reduce(OpKind::kReduceSumSquare, 18);
  table["ReduceLogSumExp"] = Reduce(OpKind::kReduceLogSumExp, 18);
  table["ArgMax"] = ArgReduce(OpKind::kArgMax);
  table["ArgMin"] = ArgReduce(OpKind::kArgMin);
}

}  // namespace mb::importers::onnx
