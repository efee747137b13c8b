// Reductions (ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceProd, ReduceL1, ReduceL2,
// ReduceSumSquare, ReduceLogSumExp) and Softmax/LogSoftmax.
//
// Reduce operands: X (float32, float64, int32 or int64), optional axes (int32/int64; must be
// constant for the output shape to be known before running; without it the param `axes`).
// Params: axes ([]), keepdims (false, TF's default; the ONNX importer passes ONNX's true),
// empty_axes_reduce_all (false: TF reduces nothing when the axis list is empty; the ONNX
// importer sets it to !noop_with_empty_axes). Repeated axes count once.
// Per output element, over the reduced elements x_i (n of them):
//   Mean sum / n (NaN for n = 0)    Sum sum(x_i)      Max max(x_i) (-inf, or the type's
//   lowest, for n = 0)              Min likewise      Prod prod(x_i)
//   L1 sum(|x_i|)                   L2 sqrt(sum(x_i^2))                SumSquare sum(x_i^2)
//   LogSumExp log(sum(e^x_i)), computed as m + log(sum(e^(x_i - m))) with m = max(x_i).
// Reducing nothing (empty axes without empty_axes_reduce_all) applies the formula to each
// element alone: Sum is a copy, SumSquare squares, L1 and L2 take |x|, LogSumExp is x.
// Floats accumulate in double. Integers accumulate in int64 (sums and products wrap on
// overflow instead of being undefined); L2, LogSumExp and Mean of integers are computed in
// double and truncated toward zero.
//
// Softmax/LogSoftmax: operand X (float32). Params axis (-1), coerce_2d (false). false: the
// softmax runs along `axis` (ONNX opset >= 13, TF). true: ONNX opset < 13: X is seen as a
// matrix [d0 * ... * d(axis-1), d(axis) * ... * d(r-1)] and the softmax runs over each row,
// i.e. over all of the axes from `axis` on; axis may then be in [-r, r].
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

enum class Reduction { kMean, kSum, kMax, kMin, kProd, kL1, kL2, kSumSquare, kLogSumExp };

bool IsReducible(ir::DType dtype) {
  return dtype == ir::DType::kFloat32 || dtype == ir::DType::kFloat64 ||
         dtype == ir::DType::kInt32 || dtype == ir::DType::kInt64;
}

// Which axes of a rank-`rank` input are reduced, from the axes operand's values or the param.
StatusOr<std::vector<bool>> ReducedAxes(const Params& params, const std::vector<int64_t>& axes,
                                        int rank) {
  std::vector<bool> reduced(rank, false);
  if (axes.empty() && params.Bool("empty_axes_reduce_all", false)) {
    reduced.assign(rank, true);
  }
  for (int64_t axis : axes) {
    ASSIGN_OR_RETURN(int a, NormalizeAxis(axis, rank));
    // NormalizeAxis lets axis 0 through for a scalar, which has no axis to reduce.
    if (a >= rank) return InvalidArgumentError("axis " + std::to_string(axis) + " of a scalar");
    reduced[a] = true;
  }
  return reduced;
}

Status InferReduce(InferenceContext& context) {
  if (context.num_operands() < 1 || context.num_operands() > 2) {
    return InvalidArgumentError("needs 1 or 2 operands (x, axes)");
  }
  const TensorType& x = context.operand(0);
  if (!IsReducible(x.dtype)) {
    return UnimplementedError("supports float32, float64, int32 and int64, got " +
                              std::string(ir::DTypeName(x.dtype)));
  }
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  std::vector<int64_t> axes;
  if (context.has_operand(1)) {
    ASSIGN_OR_RETURN(axes, ConstantInts(context.operand_value(1), "the reduction axes"));
  } else {
    axes = context.params().Ints("axes", {});
  }
  ASSIGN_OR_RETURN(std::vector<bool> reduced, ReducedAxes(context.params(), axes, x.shape.rank()));
  const bool keepdims = context.params().Bool("keepdims", false);
  std::vector<ir::Dim> dims;
  for (int i = 0; i < x.shape.rank(); ++i) {
    if (!reduced[i]) {
      dims.push_back(x.shape.dim(i));
    } else if (keepdims) {
      dims.push_back(ir::Dim::Known(1));
    }
  }
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

// Calls visit(out_index, in_index) for every input element, in row-major input order.
template <typename Visit>
void ForEachReduced(const std::vector<int64_t>& sizes, const std::vector<int64_t>& out_strides,
                    int64_t total, Visit visit) {
  const int rank = static_cast<int>(sizes.size());
  std::vector<int64_t> index(rank, 0);
  int64_t out_index = 0;
  for (int64_t i = 0; i < total; ++i) {
    visit(out_index, i);
    for (int d = rank - 1; d >= 0; --d) {
      ++index[d];
      out_index += out_strides[d];
      if (index[d] < sizes[d]) break;
      out_index -= out_strides[d] * index[d];
      index[d] = 0;
    }
  }
}

template <Reduction kReduction, typename T>
void ReduceTyped(const TensorView& x, const std::vector<int64_t>& out_strides,
                 const TensorView& y) {
  // Integers accumulate exactly in int64 where the formula stays in integers.
  constexpr bool kExact = std::is_integral_v<T> && kReduction != Reduction::kMean &&
                          kReduction != Reduction::kL2 && kReduction != Reduction::kLogSumExp;
  using Acc = std::conditional_t<kExact, int64_t, double>;
  using U = uint64_t;
  const int64_t out_count = y.num_elements();
  const int64_t total = x.num_elements();
  Acc init = 0;
  if constexpr (kReduction == Reduction::kMax) {
    if constexpr (kExact) {
      init = std::numeric_limits<T>::lowest();
    } else {
      init = -std::numeric_limits<double>::infinity();
    }
  } else if constexpr (kReduction == Reduction::kMin) {
    if constexpr (kExact) {
      init = std::numeric_limits<T>::max();
    } else {
      init = std::numeric_limits<double>::infinity();
    }
  } else if constexpr (kReduction == Reduction::kProd) {
    init = 1;
  }
  std::vector<Acc> acc(out_count, init);
  const T* in = x.As<T>();
  // LogSumExp: a first pass finds each output's maximum, which the second pass subtracts.
  std::vector<double> shift;
  if constexpr (kReduction == Reduction::kLogSumExp) {
    shift.assign(out_count, -std::numeric_limits<double>::infinity());
    ForEachReduced(x.sizes, out_strides, total, [&](int64_t o, int64_t i) {
      shift[o] = std::max(shift[o], static_cast<double>(in[i]));
    });
    // An all -inf (or empty) group keeps sum 0 and gives -inf; +inf gives +inf.
    for (double& m : shift) {
      if (std::isinf(m)) m = 0;
    }
  }
  ForEachReduced(x.sizes, out_strides, total, [&](int64_t o, int64_t i) {
    const Acc v = static_cast<Acc>(in[i]);
    Acc& a = acc[o];
    if constexpr (kReduction == Reduction::kMean || kReduction == Reduction::kSum) {
      if constexpr (kExact) {
        a = static_cast<Acc>(static_cast<U>(a) + static_cast<U>(v));
      } else {
        a += v;
      }
    } else if constexpr (kReduction == Reduction::kMax) {
      a = std::max(a, v);
    } else if constexpr (kReduction == Reduction::kMin) {
      a = std::min(a, v);
    } else if constexpr (kReduction == Reduction::kProd) {
      if constexpr (kExact) {
        a = static_cast<Acc>(static_cast<U>(a) * static_cast<U>(v));
      } else {
        a *= v;
      }
    } else if constexpr (kReduction == Reduction::kL1) {
      if constexpr (kExact) {
        a = static_cast<Acc>(static_cast<U>(a) +
                             (v < 0 ? U{0} - static_cast<U>(v) : static_cast<U>(v)));
      } else {
        a += std::fabs(v);
      }
    } else if constexpr (kReduction == Reduction::kL2 || kReduction == Reduction::kSumSquare) {
      if constexpr (kExact) {
        a = static_cast<Acc>(static_cast<U>(a) + static_cast<U>(v) * static_cast<U>(v));
      } else {
        a += v * v;
      }
    } else {  // kLogSumExp
      a += std::exp(v - shift[o]);
    }
  });
  const int64_t per_output = out_count > 0 ? total / out_count : 0;
  T* out = y.As<T>();
  for (int64_t o = 0; o < out_count; ++o) {
    if constexpr (kExact) {
      out[o] = static_cast<T>(acc[o]);  // wraps to T's width
    } else {
      double value = acc[o];
      if constexpr (kReduction == Reduction::kMean) {
        value = per_output > 0 ? value / static_cast<double>(per_output) : NAN;
      } else if constexpr (kReduction == Reduction::kL2) {
        value = std::sqrt(value);
      } else if constexpr (kReduction == Reduction::kLogSumExp) {
        value = std::log(value) + shift[o];
      }
      if constexpr (std::is_integral_v<T>) {
        // Truncation toward zero; values outside T's range (and NaN) become 0 rather than
        // undefined behaviour.
        const bool fits = value > static_cast<double>(std::numeric_limits<T>::lowest()) - 1 &&
                          value < static_cast<double>(std::numeric_limits<T>::max());
        out[o] = fits ? static_cast<T>(value) : T{0};
      } else {
        out[o] = static_cast<T>(value);
      }
    }
  }
}

template <Reduction kReduction>
Status ComputeReduce(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  if (y.dtype != x.dtype) return InvalidArgumentError("output dtype differs from the input's");
  const int rank = x.rank();
  const bool has_axes = context.inputs.size() > 1 && context.inputs[1].data != nullptr;
  std::vector<int64_t> axes = context.params.Ints("axes", {});
  if (has_axes) {
    const ir::DType axes_dtype = context.inputs[1].dtype;
    if (axes_dtype != ir::DType::kInt32 && axes_dtype != ir::DType::kInt64) {
      return InvalidArgumentError("the reduction axes must be int32 or int64");
    }
    axes = ViewInts(context.inputs[1]);
  }
  ASSIGN_OR_RETURN(std::vector<bool> reduced, ReducedAxes(context.params, axes, rank));
  // Output strides over the input's dimensions (0 along reduced ones).
  std::vector<int64_t> out_strides(rank, 0);
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    if (!reduced[i]) {
      out_strides[i] = stride;
      stride *= x.sizes[i];
    }
  }
  if (stride != y.num_elements()) {
    return InvalidArgumentError("output has " + std::to_string(y.num_elements()) +
                                " elements, expected " + std::to_string(stride));
  }
  if (!IsReducible(x.dtype)) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(x.dtype)) + " is not supported");
  }
  return DispatchArithmetic(
      x.dtype, [&](auto zero) { ReduceTyped<kReduction, decltype(zero)>(x, out_strides, y); });
}

// `per_input` operations per input element and `per_output` per output element: Sum, Mean,
// Max, Min, Prod 1 and 0; L1 and SumSquare 2 and 0 (abs or square, add); L2 2 and 1
// (square, add; sqrt); LogSumExp 4 and 1 (max, subtract, exp, add; log).
template <int per_input, int per_output>
OpCost CountReduce(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, per_output);
  cost.flops += per_input * context.operands[0].shape.NumElements().value_or(0);
  return cost;
}

// The softmax's [outer, n, inner] view of X: along one axis, or (coerce_2d) over all axes
// from `axis` on, where axis = r leaves groups of one element.
struct SoftmaxBlock {
  int64_t outer = 1, n = 1, inner = 1;
};

StatusOr<SoftmaxBlock> SoftmaxGeometry(const Params& params, const std::vector<int64_t>& sizes) {
  const int rank = static_cast<int>(sizes.size());
  const int64_t axis = params.Int("axis", -1);
  SoftmaxBlock block;
  if (params.Bool("coerce_2d", false)) {
    if (axis < -rank || axis > rank) {
      return InvalidArgumentError("axis " + std::to_string(axis) + " is out of range for rank " +
                                  std::to_string(rank));
    }
    const int first = static_cast<int>(axis < 0 ? axis + rank : axis);
    for (int i = 0; i < first; ++i) block.outer *= sizes[i];
    for (int i = first; i < rank; ++i) block.n *= sizes[i];
    return block;
  }
  ASSIGN_OR_RETURN(int a, NormalizeAxis(axis, rank));
  for (int i = 0; i < a; ++i) block.outer *= sizes[i];
  if (rank > 0) block.n = sizes[a];
  for (int i = a + 1; i < rank; ++i) block.inner *= sizes[i];
  return block;
}

Status InferSoftmax(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  const TensorType& x = context.operand(0);
  if (x.dtype != ir::DType::kFloat32) return UnimplementedError("supports float32 only");
  if (x.shape.rank_known()) {
    // Sizes do not matter for the axis check.
    RETURN_IF_ERROR(
        SoftmaxGeometry(context.params(), std::vector<int64_t>(x.shape.rank(), 1)).status());
  }
  context.set_output(0, x);
  return OkStatus();
}

template <bool kLog>
Status ComputeSoftmax(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(SoftmaxBlock block, SoftmaxGeometry(context.params, x.sizes));
  const int64_t outer = block.outer, n = block.n, inner = block.inner;
  const float* in = x.As<float>();
  float* out = context.outputs[0].As<float>();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const float* src = in + o * n * inner + i;
      float* dst = out + o * n * inner + i;
      double max = -std::numeric_limits<double>::infinity();
      for (int64_t k = 0; k < n; ++k) max = std::max(max, static_cast<double>(src[k * inner]));
      double sum = 0;
      for (int64_t k = 0; k < n; ++k) sum += std::exp(src[k * inner] - max);
      for (int64_t k = 0; k < n; ++k) {
        const double shifted = src[k * inner] - max;
        dst[k * inner] =
            static_cast<float>(kLog ? shifted - std::log(sum) : std::exp(shifted) / sum);
      }
    }
  }
  return OkStatus();
}

OpCost CountSoftmax(const CostContext& context) { return ElementwiseCost(context, 5); }

}  // namespace

#define MB_DEFINE_REDUCE(Name, reduction, per_input, per_output)             \
  const OpDef& Name##OpDef() {                                               \
    static const OpDef def{.kind = OpKind::k##Name,                          \
                           .value_operands = {1},                            \
                           .infer_shapes = InferReduce,                      \
                           .count_cost = CountReduce<per_input, per_output>, \
                           .compute_reference = ComputeReduce<reduction>};   \
    return def;                                                              \
  }
MB_DEFINE_REDUCE(ReduceMean, Reduction::kMean, 1, 0)
MB_DEFINE_REDUCE(ReduceSum, Reduction::kSum, 1, 0)
MB_DEFINE_REDUCE(ReduceMax, Reduction::kMax, 1, 0)
MB_DEFINE_REDUCE(ReduceMin, Reduction::kMin, 1, 0)
MB_DEFINE_REDUCE(ReduceProd, Reduction::kProd, 1, 0)
MB_DEFINE_REDUCE(ReduceL1, Reduction::kL1, 2, 0)
MB_DEFINE_REDUCE(ReduceL2, Reduction::kL2, 2, 1)
MB_DEFINE_REDUCE(ReduceSumSquare, Reduction::kSumSquare, 2, 0)
MB_DEFINE_REDUCE(ReduceLogSumExp, Reduction::kLogSumExp, 4, 1)
#undef MB_DEFINE_REDUCE

const OpDef& SoftmaxOpDef() {
  static const OpDef def{.kind = OpKind::kSoftmax,
                         .infer_shapes = InferSoftmax,
                         .count_cost = CountSoftmax,
                         .compute_reference = ComputeSoftmax<false>};
  return def;
}

const OpDef& LogSoftmaxOpDef() {
  static const OpDef def{.kind = OpKind::kLogSoftmax,
                         .infer_shapes = InferSoftmax,
                         .count_cost = CountSoftmax,
                         .compute_reference = ComputeSoftmax<true>};
  return def;
}

}  // namespace mb::ops
