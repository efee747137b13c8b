// ArgMax and ArgMin: the index of the largest (smallest) element along one axis
// (TF ArgMax/ArgMin, shared/spec/tf-tools.md 6.2 #58; ONNX ArgMax/ArgMin).
//
// Operand X (float32, float64, int32, int64, int8 or uint8). Params axis (0; in [-r, r)),
// keepdims (false: the axis is removed, TF's behaviour; true keeps it with size 1),
// out_dtype (int64, TF's default output_type; or int32), select_last_index (false).
// The first index wins on ties (TF and ONNX's default); select_last_index = true picks the
// last one (ONNX ArgMax-12). Comparisons are plain <, > (<=, >= for the last index), so a
// NaN is never chosen unless it comes first; the axis must not be empty.
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

Status CheckArgTypes(ir::DType in, ir::DType out) {
  if (in != ir::DType::kFloat32 && in != ir::DType::kFloat64 && in != ir::DType::kInt32 &&
      in != ir::DType::kInt64 && in != ir::DType::kInt8 && in != ir::DType::kUInt8) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(in)) + " is not supported");
  }
  if (out != ir::DType::kInt32 && out != ir::DType::kInt64) {
    return InvalidArgumentError("out_dtype must be int32 or int64, not " +
                                std::string(ir::DTypeName(out)));
  }
  return OkStatus();
}

StatusOr<int> ArgAxis(const Params& params, int rank) {
  const int64_t axis = params.Int("axis", 0);
  if (axis < -rank || axis >= rank) {
    return InvalidArgumentError("axis " + std::to_string(axis) + " is out of range for rank " +
                                std::to_string(rank));
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

Status CheckAxisSize(int64_t size, int axis, ir::DType out) {
  if (size == 0) {
    return InvalidArgumentError("axis " + std::to_string(axis) + " is empty");
  }
  if (out == ir::DType::kInt32 && size > std::numeric_limits<int32_t>::max()) {
    return InvalidArgumentError("axis " + std::to_string(axis) + " is too long for int32 output");
  }
  return OkStatus();
}

Status InferArgReduce(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  const ir::DType out = context.params().DType("out_dtype", ir::DType::kInt64);
  RETURN_IF_ERROR(CheckArgTypes(x.dtype, out));
  if (!x.shape.rank_known()) {
    context.set_output(0, {out, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(int axis, ArgAxis(context.params(), x.shape.rank()));
  if (x.shape.dim(axis).is_known()) {
    RETURN_IF_ERROR(CheckAxisSize(x.shape.dim(axis).size(), axis, out));
  }
  std::vector<ir::Dim> dims = x.shape.dims();
  if (context.params().Bool("keepdims", false)) {
    dims[axis] = ir::Dim::Known(1);
  } else {
    dims.erase(dims.begin() + axis);
  }
  context.set_output(0, {out, ir::Shape(std::move(dims))});
  return OkStatus();
}

template <bool kMax, bool kLast, typename T, typename Index>
void ArgReduce(const T* in, int64_t outer, int64_t n, int64_t inner, Index* out) {
  for (int64_t o = 0; o < outer; ++o) {
    const T* block = in + o * n * inner;
    for (int64_t i = 0; i < inner; ++i) {
      T best = block[i];
      int64_t best_index = 0;
      for (int64_t k = 1; k < n; ++k) {
        const T v = block[k * inner + i];
        const bool better = kLast ? (kMax ? v >= best : v <= best) : (kMax ? v > best : v < best);
        if (better) {
          best = v;
          best_index = k;
        }
      }
      out[o * inner + i] = static_cast<Index>(best_index);
    }
  }
}

template <bool kMax>
Status ComputeArgReduce(const ComputeContext& context) {
  if (context.inputs.empty() || context.outputs.size() != 1) {
    return InvalidArgumentError("has one operand and one output");
  }
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  const ir::DType out = context.params.DType("out_dtype", ir::DType::kInt64);
  RETURN_IF_ERROR(CheckArgTypes(x.dtype, out));
  ASSIGN_OR_RETURN(int axis, ArgAxis(context.params, x.rank()));
  RETURN_IF_ERROR(CheckAxisSize(x.sizes[axis], axis, out));
  std::vector<int64_t> sizes = x.sizes;
  if (context.params.Bool("keepdims", false)) {
    sizes[axis] = 1;
  } else {
    sizes.erase(sizes.begin() + axis);
  }
  if (y.dtype != out || y.sizes != sizes) {
    return InvalidArgumentError("output is " + ir::Shape::Static(y.sizes).ToString() +
                                ", expected " + ir::Shape::Static(sizes).ToString());
  }
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= x.sizes[d];
  for (int d = axis + 1; d < x.rank(); ++d) inner *= x.sizes[d];
  const int64_t n = x.sizes[axis];
  if (outer * inner == 0) return OkStatus();
  if (x.data == nullptr || y.data == nullptr) return InvalidArgumentError("missing buffer");
  const bool last = context.params.Bool("select_last_index", false);
  return DispatchNumeric(x.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* in = static_cast<const T*>(x.data);
    if (out == ir::DType::kInt32) {
      last ? ArgReduce<kMax, true>(in, outer, n, inner, y.As<int32_t>())
           : ArgReduce<kMax, false>(in, outer, n, inner, y.As<int32_t>());
    } else {
      last ? ArgReduce<kMax, true>(in, outer, n, inner, y.As<int64_t>())
           : ArgReduce<kMax, false>(in, outer, n, inner, y.As<int64_t>());
    }
  });
}

// One comparison per input element.
OpCost CountArgReduce(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  cost.flops = context.operands[0].shape.NumElements().value_or(0);
  return cost;
}

}  // namespace

const OpDef& ArgMaxOpDef() {
  static const OpDef def{.kind = OpKind::kArgMax,
                         .infer_shapes = InferArgReduce,
                         .count_cost = CountArgReduce,
                         .compute_reference = ComputeArgReduce<true>};
  return def;
}

const OpDef& ArgMinOpDef() {
  static const OpDef def{.kind = OpKind::kArgMin,
                         .infer_shapes = InferArgReduce,
                         .count_cost = CountArgReduce,
                         .compute_reference = ComputeArgReduce<false>};
  return def;
}

}  // namespace mb::ops
