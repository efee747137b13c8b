// Where, Sum, Mean, Max and Min: element-wise ops whose operand count is not two.
//
// Where (TF Select, SelectV2; ONNX Where): operands cond (bool), x, y; out = cond ? x : y,
//   with x's dtype (x and y must agree; any plain-data dtype).
//   Param cond_matches_dim0 (false): false is NumPy broadcasting of all three operands
//   (SelectV2, ONNX). true is TF Select (v1), which does not broadcast: x and y have the
//   same shape and cond is a scalar, has x's shape, or (when x has rank > 1) is a vector
//   of x's first dimension that picks whole slices x[i] / y[i].
// Sum (TF AddN, ONNX Sum): N >= 1 operands of one dtype (float32, float64, int32, int64);
//   out = their element-wise sum. Integer sums wrap on overflow instead of being undefined.
//   Param broadcast (false): false requires one shape (TF's AddN); true is NumPy
//   broadcasting of all operands (ONNX Sum-8 and later; the ONNX importer sets it).
// Mean (ONNX Mean): N >= 1 operands of one dtype (float32, float64), NumPy broadcasting;
//   out = sum / N.
// Max, Min (TF Maximum/Minimum, ONNX Max/Min): N >= 1 operands of one dtype (float32,
//   float64 or any integer type, int8..int64 and uint8..uint64, as ONNX Max-13), NumPy
//   broadcasting; out = element-wise maximum (minimum). NaN from any operand propagates, as
//   in TF and NumPy. One operand is a copy.
//
// Costs: Where moves data only (0 FLOPs); Sum, Max and Min do N - 1 operations per output
// element, Mean N (N - 1 additions and a division).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "ops/elementwise/numeric_dispatch.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

// Two shapes that must be equal, merged: a known dim wins over an unknown one.
StatusOr<ir::Shape> MergeShapes(const ir::Shape& a, const ir::Shape& b) {
  if (!a.rank_known()) return b;
  if (!b.rank_known()) return a;
  if (a.rank() != b.rank()) {
    return InvalidArgumentError("shapes " + a.ToString() + " and " + b.ToString() + " differ");
  }
  std::vector<ir::Dim> dims(a.rank());
  for (int i = 0; i < a.rank(); ++i) {
    const ir::Dim& da = a.dim(i);
    const ir::Dim& db = b.dim(i);
    if (da.is_known() && db.is_known() && da.size() != db.size()) {
      return InvalidArgumentError("shapes " + a.ToString() + " and " + b.ToString() + " differ");
    }
    dims[i] = da.is_known() ? da : db;
  }
  return ir::Shape(std::move(dims));
}

// The NumPy broadcast of fully known sizes; an error if they do not broadcast.
StatusOr<std::vector<int64_t>> BroadcastSizes(const std::vector<const TensorView*>& views) {
  ir::Shape shape = ir::Shape::Scalar();
  for (const TensorView* view : views) {
    ASSIGN_OR_RETURN(shape, BroadcastShapes(shape, ir::Shape::Static(view->sizes)));
  }
  return shape.Sizes();
}

// ---- Where ----

Status InferWhere(InferenceContext& context) {
  if (context.num_operands() != 3) {
    return InvalidArgumentError("needs exactly 3 operands (cond, x, y)");
  }
  const TensorType& cond = context.operand(0);
  const TensorType& x = context.operand(1);
  const TensorType& y = context.operand(2);
  if (cond.dtype != ir::DType::kBool) {
    return InvalidArgumentError("condition must be bool, got " +
                                std::string(ir::DTypeName(cond.dtype)));
  }
  if (x.dtype != y.dtype) {
    return InvalidArgumentError("x and y types differ: " + std::string(ir::DTypeName(x.dtype)) +
                                " and " + std::string(ir::DTypeName(y.dtype)));
  }
  if (!ir::IsPlainData(x.dtype)) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(x.dtype)) + " is not supported");
  }
  if (!context.params().Bool("cond_matches_dim0", false)) {
    ASSIGN_OR_RETURN(ir::Shape shape, BroadcastShapes(cond.shape, x.shape));
    ASSIGN_OR_RETURN(shape, BroadcastShapes(shape, y.shape));
    context.set_output(0, {x.dtype, std::move(shape)});
    return OkStatus();
  }
  // TF Select (v1).
  ASSIGN_OR_RETURN(ir::Shape shape, MergeShapes(x.shape, y.shape));
  if (cond.shape.rank_known() && cond.shape.rank() > 0) {
    const bool vector_over_dim0 =
        cond.shape.rank() == 1 && (!shape.rank_known() || shape.rank() >= 1);
    if (vector_over_dim0) {
      if (shape.rank_known() && shape.dim(0).is_known() && cond.shape.dim(0).is_known() &&
          shape.dim(0).size() != cond.shape.dim(0).size()) {
        return InvalidArgumentError("condition " + cond.shape.ToString() +
                                    " must match the first dimension of " + shape.ToString());
      }
    } else {
      auto merged = MergeShapes(cond.shape, shape);
      if (!merged.ok()) {
        return InvalidArgumentError("condition " + cond.shape.ToString() +
                                    " must be a scalar, a vector over dim 0 or of shape " +
                                    shape.ToString());
      }
      shape = std::move(merged).value();
    }
  }
  context.set_output(0, {x.dtype, std::move(shape)});
  return OkStatus();
}

Status ComputeWhere(const ComputeContext& context) {
  const TensorView& cond = context.inputs[0];
  const TensorView& x = context.inputs[1];
  const TensorView& y = context.inputs[2];
  const TensorView& out = context.outputs[0];
  if (cond.dtype != ir::DType::kBool || x.dtype != y.dtype || x.dtype != out.dtype ||
      !ir::IsPlainData(x.dtype)) {
    return InvalidArgumentError("Where needs a bool condition and x, y, output of one dtype");
  }
  const size_t element = ir::DTypeSize(x.dtype);
  const auto* pc = static_cast<const uint8_t*>(cond.data);
  const auto* px = static_cast<const char*>(x.data);
  const auto* py = static_cast<const char*>(y.data);
  auto* po = static_cast<char*>(out.data);
  const int64_t total = out.num_elements();
  if (context.params.Bool("cond_matches_dim0", false) && cond.rank() == 1 && x.rank() > 1) {
    if (x.sizes != y.sizes || x.sizes != out.sizes || cond.sizes[0] != x.sizes[0]) {
      return InvalidArgumentError("Select operands do not match: condition " +
                                  ir::Shape::Static(cond.sizes).ToString() + ", x " +
                                  ir::Shape::Static(x.sizes).ToString() + ", y " +
                                  ir::Shape::Static(y.sizes).ToString());
    }
    const int64_t inner = x.sizes[0] == 0 ? 0 : total / x.sizes[0];
    for (int64_t i = 0; i < total; ++i) {
      const char* source = pc[i / inner] != 0 ? px : py;
      std::memcpy(po + i * element, source + i * element, element);
    }
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes, BroadcastSizes({&cond, &x, &y}));
  if (sizes != out.sizes) {
    return InvalidArgumentError("output is allocated as " +
                                ir::Shape::Static(out.sizes).ToString() + ", expected " +
                                ir::Shape::Static(sizes).ToString());
  }
  const int rank = out.rank();
  const std::vector<int64_t> strides[3] = {BroadcastStrides(cond.sizes, rank, out.sizes),
                                           BroadcastStrides(x.sizes, rank, out.sizes),
                                           BroadcastStrides(y.sizes, rank, out.sizes)};
  std::vector<int64_t> index(rank, 0);
  int64_t offset[3] = {0, 0, 0};
  for (int64_t i = 0; i < total; ++i) {
    const char* source = pc[offset[0]] != 0 ? px + offset[1] * element : py + offset[2] * element;
    std::memcpy(po + i * element, source, element);
    for (int d = rank - 1; d >= 0; --d) {
      ++index[d];
      for (int k = 0; k < 3; ++k) offset[k] += strides[k][d];
      if (index[d] < out.sizes[d]) break;
      for (int k = 0; k < 3; ++k) offset[k] -= strides[k][d] * index[d];
      index[d] = 0;
    }
  }
  return OkStatus();
}

OpCost CountWhere(const CostContext& context) { return ElementwiseCost(context, 0); }

// ---- Sum, Mean, Max, Min ----

bool IsArithmetic(ir::DType dtype) {
  return dtype == ir::DType::kFloat32 || dtype == ir::DType::kFloat64 ||
         dtype == ir::DType::kInt32 || dtype == ir::DType::kInt64;
}
bool IsFloat(ir::DType dtype) {
  return dtype == ir::DType::kFloat32 || dtype == ir::DType::kFloat64;
}

// N >= 1 operands of one dtype accepted by `type_ok`, broadcast (or merged when
// `broadcast` is false) to the output shape.
Status InferVariadic(InferenceContext& context, bool (*type_ok)(ir::DType), bool broadcast) {
  if (context.num_operands() < 1) return InvalidArgumentError("needs at least 1 operand");
  const ir::DType dtype = context.operand(0).dtype;
  if (!type_ok(dtype)) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(dtype)) + " is not supported");
  }
  ir::Shape shape = context.operand(0).shape;
  for (int i = 1; i < context.num_operands(); ++i) {
    const TensorType& operand = context.operand(i);
    if (operand.dtype != dtype) {
      return InvalidArgumentError("operand " + std::to_string(i) + " is " +
                                  std::string(ir::DTypeName(operand.dtype)) + ", operand 0 is " +
                                  std::string(ir::DTypeName(dtype)));
    }
    if (broadcast) {
      ASSIGN_OR_RETURN(shape, BroadcastShapes(shape, operand.shape));
      continue;
    }
    auto merged = MergeShapes(shape, operand.shape);
    if (!merged.ok()) {
      return InvalidArgumentError("operands must have one shape: operand " + std::to_string(i) +
                                  " is " + operand.shape.ToString() + ", expected " +
                                  shape.ToString());
    }
    shape = std::move(merged).value();
  }
  context.set_output(0, {dtype, std::move(shape)});
  return OkStatus();
}

Status InferSum(InferenceContext& context) {
  return InferVariadic(context, IsArithmetic, context.params().Bool("broadcast", false));
}
Status InferMean(InferenceContext& context) { return InferVariadic(context, IsFloat, true); }
Status InferMaxMin(InferenceContext& context) { return InferVariadic(context, IsRealNumber, true); }

// out = f(...f(f(x0, x1), x2)..., xN-1) under NumPy broadcasting; out = x0 (broadcast) for
// one operand. Checks dtypes and that the operands broadcast to the allocated output.
// kWide accepts every IsRealNumber dtype, else DispatchArithmetic's four.
template <bool kWide = false, typename F>
Status Fold(const ComputeContext& context, F f) {
  const TensorView& out = context.outputs[0];
  if (context.inputs.empty()) return InvalidArgumentError("needs at least 1 operand");
  std::vector<const TensorView*> views;
  for (const TensorView& input : context.inputs) {
    if (input.dtype != out.dtype || input.data == nullptr) {
      return InvalidArgumentError("operands must be present and of the output's dtype");
    }
    views.push_back(&input);
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes, BroadcastSizes(views));
  if (sizes != out.sizes) {
    return InvalidArgumentError("output is allocated as " +
                                ir::Shape::Static(out.sizes).ToString() + ", expected " +
                                ir::Shape::Static(sizes).ToString());
  }
  const auto body = [&](auto zero) {
    using T = decltype(zero);
    const auto g = [&](T x, T y) { return static_cast<T>(f(x, y)); };
    const TensorView& first = context.inputs[0];
    if (context.inputs.size() == 1) {
      BroadcastApply<T>(first, first, out, [](T x, T) { return x; });
      return;
    }
    BroadcastApply<T>(first, context.inputs[1], out, g);
    // `out` has the full shape, so reading and writing it in place walks it in step.
    for (size_t i = 2; i < context.inputs.size(); ++i) {
      BroadcastApply<T>(out, context.inputs[i], out, g);
    }
  };
  if constexpr (kWide) {
    return DispatchRealNumber(out.dtype, body);
  } else {
    return DispatchArithmetic(out.dtype, body);
  }
}

template <typename T>
T WrappingAdd(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(x) + static_cast<U>(y));
  } else {
    return x + y;
  }
}

template <typename T>
bool IsNan(T x) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isnan(x);
  } else {
    return false;
  }
}

Status ComputeSum(const ComputeContext& context) {
  if (!context.params.Bool("broadcast", false)) {
    for (const TensorView& input : context.inputs) {
      if (input.sizes != context.outputs[0].sizes) {
        return InvalidArgumentError("Sum operands must match the output's shape");
      }
    }
  }
  return Fold(context, [](auto x, auto y) { return WrappingAdd(x, y); });
}

Status ComputeMean(const ComputeContext& context) {
  RETURN_IF_ERROR(Fold(context, [](auto x, auto y) { return x + y; }));
  const TensorView& out = context.outputs[0];
  const double count = static_cast<double>(context.inputs.size());
  const int64_t total = out.num_elements();
  if (out.dtype == ir::DType::kFloat32) {
    float* po = out.As<float>();
    for (int64_t i = 0; i < total; ++i) po[i] = static_cast<float>(po[i] / count);
  } else {
    double* po = out.As<double>();
    for (int64_t i = 0; i < total; ++i) po[i] /= count;
  }
  return OkStatus();
}

Status ComputeMax(const ComputeContext& context) {
  return Fold<true>(context,
                    [](auto x, auto y) { return IsNan(y) ? y : (x > y || IsNan(x) ? x : y); });
}

Status ComputeMin(const ComputeContext& context) {
  return Fold<true>(context,
                    [](auto x, auto y) { return IsNan(y) ? y : (x < y || IsNan(x) ? x : y); });
}

// N - 1 operations per element (`extra` more for Mean's division).
template <int extra>
OpCost CountVariadic(const CostContext& context) {
  const int64_t operations =
      std::max<int64_t>(0, static_cast<int64_t>(context.operands.size()) - 1) + extra;
  return ElementwiseCost(context, operations);
}

}  // namespace

const OpDef& WhereOpDef() {
  static const OpDef def{.kind = OpKind::kWhere,
                         .infer_shapes = InferWhere,
                         .count_cost = CountWhere,
                         .compute_reference = ComputeWhere};
  return def;
}

const OpDef& SumOpDef() {
  static const OpDef def{.kind = OpKind::kSum,
                         .infer_shapes = InferSum,
                         .count_cost = CountVariadic<0>,
                         .compute_reference = ComputeSum};
  return def;
}

const OpDef& MeanOpDef() {
  static const OpDef def{.kind = OpKind::kMean,
                         .infer_shapes = InferMean,
                         .count_cost = CountVariadic<1>,
                         .compute_reference = ComputeMean};
  return def;
}

const OpDef& MaxOpDef() {
  static const OpDef def{.kind = OpKind::kMax,
                         .infer_shapes = InferMaxMin,
                         .count_cost = CountVariadic<0>,
                         .compute_reference = ComputeMax};
  return def;
}

const OpDef& MinOpDef() {
  static const OpDef def{.kind = OpKind::kMin,
                         .infer_shapes = InferMaxMin,
                         .count_cost = CountVariadic<0>,
                         .compute_reference = ComputeMin};
  return def;
}

}  // namespace mb::ops
