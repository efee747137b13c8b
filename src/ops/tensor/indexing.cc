// Indexing ops from ONNX: GatherElements, GatherND, ScatterND, TopK, CumSum and NonZero.
// Semantics are ONNX's (onnx/defs/tensor/defs.cc, math/defs.cc); every index read from data is
// range-checked, so hostile indices give an error Status, never an out-of-bounds access.
// Negative indices count from the end of their dimension, as ONNX allows.
//
// GatherElements operands data (rank r >= 1, any plain dtype), indices (int32 or int64, rank
//   r); param axis (0; in [-r, r)). The output has the indices' shape and the data's dtype:
//   out[i] = data[i with its `axis` entry replaced by indices[i]]. Indices lie in [-s, s),
//   s = data.shape[axis]; every other dimension of indices must not exceed data's.
// GatherND operands data (rank r >= 1), indices (int32 or int64, rank q >= 1); param
//   batch_dims (b, 0; b < min(q, r)). With k = indices.shape[-1] (1 <= k <= r - b) the output
//   is indices.shape[:-1] + data.shape[b + k:]: each k-tuple of indices picks the slice
//   data[batch..., i0, ..., ik-1, ...]. The first b dims of data and indices must agree.
// ScatterND operands data (rank r >= 1), indices (int32 or int64, rank q >= 1), updates
//   (data's dtype, shape indices.shape[:-1] + data.shape[k:], 1 <= k <= r); param reduction
//   ("none"; "add", "mul", "max", "min"). The output starts as data; each k-tuple of indices,
//   in row-major order, then writes (or combines) its slice of updates. With "none" and
//   duplicate tuples the last write wins (ONNX leaves that undefined).
// TopK operands X (rank >= 1; float32, float64, int32, int64, int8, uint8), K (int constant
//   with one element, a value operand); params axis (-1), largest
//   (true), sorted (true; results are always sorted, which sorted=false permits). Outputs
//   Values (X's dtype) and Indices (int64), X's shape with dimension `axis` replaced by K,
//   0 <= K <= X.shape[axis]. Equal values keep the lower index first; NaN counts as larger
//   than every number (so a sort is always well defined).
// CumSum operands X (float32, float64, int32, int64), axis (int constant with one element, a
//   value operand; in [-r, r)); params exclusive (false), reverse (false). Float sums
//   accumulate in double; integer sums wrap (two's complement).
// NonZero operand X (any numeric dtype or bool; a value operand). Output int64 [rank, count]:
//   column j holds the coordinates of the j-th nonzero element in row-major order. The
//   count depends on the data, so shape inference succeeds only when X is constant (or
//   folded); otherwise it says so.
//
// Cost: the gathers, scatters and NonZero move data (0 FLOPs; ScatterND with a reduction and
// CumSum do 1 FLOP per combined element); TopK counts the comparisons of sorting each line of
// n elements, n * ceil(log2(n)), as FLOPs.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

using ir::Dim;
using ir::DType;

std::string Name(DType dtype) { return std::string(ir::DTypeName(dtype)); }

// An index in [-size, size), made non-negative.
StatusOr<int64_t> IndexIn(int64_t index, int64_t size, const char* what) {
  if (index < -size || index >= size) {
    return InvalidArgumentError(std::string(what) + " index " + std::to_string(index) +
                                " is out of range [" + std::to_string(-size) + ", " +
                                std::to_string(size) + ")");
  }
  return index < 0 ? index + size : index;
}

Status RequireOperands(const ComputeContext& context, size_t count) {
  if (context.inputs.size() < count || context.outputs.empty()) {
    return InvalidArgumentError("has " + std::to_string(context.inputs.size()) +
                                " operands, expected " + std::to_string(count));
  }
  for (size_t i = 0; i < count; ++i) {
    if (context.inputs[i].data == nullptr && context.inputs[i].num_elements() != 0) {
      return InvalidArgumentError("operand " + std::to_string(i) + " is absent");
    }
  }
  return OkStatus();
}

int64_t Product(const std::vector<int64_t>& sizes, size_t begin, size_t end) {
  int64_t product = 1;
  for (size_t i = begin; i < end; ++i) product *= sizes[i];
  return product;
}

// Row-major strides in elements.
std::vector<int64_t> Strides(const std::vector<int64_t>& sizes) {
  std::vector<int64_t> strides(sizes.size(), 1);
  for (int d = static_cast<int>(sizes.size()) - 2; d >= 0; --d) {
    strides[d] = strides[d + 1] * sizes[d + 1];
  }
  return strides;
}

// Calls f(flat, index) for every index of `sizes` in row-major order.
template <typename F>
void ForEachIndex(const std::vector<int64_t>& sizes, F&& f) {
  const int64_t total = Product(sizes, 0, sizes.size());
  std::vector<int64_t> index(sizes.size(), 0);
  for (int64_t flat = 0; flat < total; ++flat) {
    f(flat, index);
    for (int d = static_cast<int>(sizes.size()) - 1; d >= 0; --d) {
      if (++index[d] < sizes[d]) break;
      index[d] = 0;
    }
  }
}

// ---- GatherElements ----

Status InferGatherElements(InferenceContext& context) {
  const TensorType& data = context.operand(0);
  const TensorType& indices = context.operand(1);
  RETURN_IF_ERROR(RequirePlainData(data.dtype));
  RETURN_IF_ERROR(RequireIndexType(indices.dtype, "indices"));
  if (data.shape.rank_known() && indices.shape.rank_known()) {
    const int rank = data.shape.rank();
    if (rank == 0) return InvalidArgumentError("data must have rank >= 1");
    if (indices.shape.rank() != rank) {
      return InvalidArgumentError("indices " + indices.shape.ToString() +
                                  " must have the rank of data " + data.shape.ToString());
    }
    ASSIGN_OR_RETURN(int axis, AxisIn(context.params().Int("axis", 0), rank, "axis"));
    for (int d = 0; d < rank; ++d) {
      const Dim& a = data.shape.dim(d);
      const Dim& b = indices.shape.dim(d);
      if (d != axis && a.is_known() && b.is_known() && b.size() > a.size()) {
        return InvalidArgumentError("indices " + indices.shape.ToString() + " exceed data " +
                                    data.shape.ToString() + " in dimension " + std::to_string(d));
      }
    }
  }
  context.set_output(0, {data.dtype, indices.shape});
  return OkStatus();
}

Status ComputeGatherElements(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireOperands(context, 2));
  const TensorView& data = context.inputs[0];
  const TensorView& indices_view = context.inputs[1];
  const int rank = data.rank();
  if (rank == 0 || indices_view.rank() != rank) {
    return InvalidArgumentError("data and indices must have one rank >= 1");
  }
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params.Int("axis", 0), rank, "axis"));
  for (int d = 0; d < rank; ++d) {
    if (d != axis && indices_view.sizes[d] > data.sizes[d]) {
      return InvalidArgumentError("indices exceed data in dimension " + std::to_string(d));
    }
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> indices, IntsOf(indices_view, "indices"));
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, data.dtype, indices_view.sizes));
  const std::vector<int64_t> strides = Strides(data.sizes);
  const size_t element = ir::DTypeSize(data.dtype);
  const char* in = static_cast<const char*>(data.data);
  char* out = static_cast<char*>(y.data);
  Status status = OkStatus();
  ForEachIndex(indices_view.sizes, [&](int64_t flat, const std::vector<int64_t>& index) {
    if (!status.ok()) return;
    auto position = IndexIn(indices[flat], data.sizes[axis], "gather");
    if (!position.ok()) {
      status = position.status();
      return;
    }
    int64_t offset = 0;
    for (int d = 0; d < rank; ++d) offset += (d == axis ? *position : index[d]) * strides[d];
    std::memcpy(out + flat * element, in + offset * element, element);
  });
  return status;
}

// ---- GatherND and ScatterND: k-tuples of indices addressing slices ----

// Offset (in elements) of the slice a k-tuple addresses within one batch of `sizes` (whose
// first `first` dims are batch dims).
StatusOr<int64_t> TupleOffset(const int64_t* tuple, int64_t k, const std::vector<int64_t>& sizes,
                              const std::vector<int64_t>& strides, size_t first) {
  int64_t offset = 0;
  for (int64_t j = 0; j < k; ++j) {
    ASSIGN_OR_RETURN(int64_t index, IndexIn(tuple[j], sizes[first + j], "tuple"));
    offset += index * strides[first + j];
  }
  return offset;
}

Status InferGatherND(InferenceContext& context) {
  const TensorType& data = context.operand(0);
  const TensorType& indices = context.operand(1);
  RETURN_IF_ERROR(RequirePlainData(data.dtype));
  RETURN_IF_ERROR(RequireIndexType(indices.dtype, "indices"));
  const int64_t b = context.params().Int("batch_dims", 0);
  // Before reading indices' last dim, which a scalar does not have.
  if (indices.shape.rank_known() && indices.shape.rank() == 0) {
    return InvalidArgumentError("indices must have rank >= 1");
  }
  if (!data.shape.rank_known() || !indices.shape.rank_known() ||
      !indices.shape.dim(indices.shape.rank() - 1).is_known()) {
    context.set_output(0, {data.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  const int r = data.shape.rank();
  const int q = indices.shape.rank();
  if (r < 1 || q < 1) return InvalidArgumentError("data and indices must have rank >= 1");
  if (b < 0 || b >= std::min(r, q)) {
    return InvalidArgumentError("batch_dims " + std::to_string(b) + " must be in [0, " +
                                std::to_string(std::min(r, q)) + ")");
  }
  const int64_t k = indices.shape.dim(q - 1).size();
  if (k < 1 || k > r - b) {
    return InvalidArgumentError("indices.shape[-1] is " + std::to_string(k) + ", expected 1 to " +
                                std::to_string(r - b));
  }
  for (int d = 0; d < b; ++d) {
    const Dim& a = data.shape.dim(d);
    const Dim& i = indices.shape.dim(d);
    if (a.is_known() && i.is_known() && a.size() != i.size()) {
      return InvalidArgumentError("batch dimension " + std::to_string(d) + " differs: data " +
                                  data.shape.ToString() + ", indices " + indices.shape.ToString());
    }
  }
  std::vector<Dim> dims(indices.shape.dims().begin(), indices.shape.dims().end() - 1);
  dims.insert(dims.end(), data.shape.dims().begin() + b + k, data.shape.dims().end());
  RETURN_IF_ERROR(CheckElementCount(dims));
  context.set_output(0, {data.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeGatherND(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireOperands(context, 2));
  const TensorView& data = context.inputs[0];
  const TensorView& indices_view = context.inputs[1];
  const int r = data.rank(), q = indices_view.rank();
  const int64_t b = context.params.Int("batch_dims", 0);
  if (r < 1 || q < 1 || b < 0 || b >= std::min(r, q)) {
    return InvalidArgumentError("bad ranks or batch_dims");
  }
  const int64_t k = indices_view.sizes[q - 1];
  if (k < 1 || k > r - b) return InvalidArgumentError("bad indices.shape[-1]");
  for (int d = 0; d < b; ++d) {
    if (data.sizes[d] != indices_view.sizes[d]) return InvalidArgumentError("batch dims differ");
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> indices, IntsOf(indices_view, "indices"));
  std::vector<int64_t> sizes(indices_view.sizes.begin(), indices_view.sizes.end() - 1);
  sizes.insert(sizes.end(), data.sizes.begin() + b + k, data.sizes.end());
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, data.dtype, sizes));
  const int64_t batches = Product(data.sizes, 0, b);
  const int64_t tuples = Product(indices_view.sizes, b, q - 1);
  const std::vector<int64_t> strides = Strides(data.sizes);
  const int64_t batch_stride = Product(data.sizes, b, r);
  const size_t slice =
      static_cast<size_t>(Product(data.sizes, b + k, r)) * ir::DTypeSize(data.dtype);
  const size_t element = ir::DTypeSize(data.dtype);
  const char* in = static_cast<const char*>(data.data);
  char* out = static_cast<char*>(y.data);
  for (int64_t batch = 0; batch < batches; ++batch) {
    for (int64_t t = 0; t < tuples; ++t) {
      const int64_t* tuple = indices.data() + (batch * tuples + t) * k;
      ASSIGN_OR_RETURN(int64_t offset, TupleOffset(tuple, k, data.sizes, strides, b));
      std::memcpy(out, in + (batch * batch_stride + offset) * element, slice);
      out += slice;
    }
  }
  return OkStatus();
}

enum class Reduction { kNone, kAdd, kMul, kMax, kMin };

StatusOr<Reduction> ParseReduction(const Params& params) {
  const std::string name = params.String("reduction", "none");
  if (name == "none") return Reduction::kNone;
  if (name == "add") return Reduction::kAdd;
  if (name == "mul") return Reduction::kMul;
  if (name == "max") return Reduction::kMax;
  if (name == "min") return Reduction::kMin;
  return InvalidArgumentError("unknown reduction '" + name + "'");
}

Status InferScatterND(InferenceContext& context) {
  const TensorType& data = context.operand(0);
  const TensorType& indices = context.operand(1);
  const TensorType& updates = context.operand(2);
  RETURN_IF_ERROR(RequirePlainData(data.dtype));
  RETURN_IF_ERROR(RequireIndexType(indices.dtype, "indices"));
  ASSIGN_OR_RETURN(Reduction reduction, ParseReduction(context.params()));
  if (reduction != Reduction::kNone && data.dtype != DType::kFloat32 &&
      data.dtype != DType::kFloat64 && data.dtype != DType::kInt32 && data.dtype != DType::kInt64) {
    return UnimplementedError("ScatterND with a reduction on " + Name(data.dtype) +
                              " is not supported");
  }
  if (updates.dtype != data.dtype) {
    return InvalidArgumentError("updates are " + Name(updates.dtype) + ", data is " +
                                Name(data.dtype));
  }
  if (data.shape.rank_known() && indices.shape.rank_known() && updates.shape.rank_known()) {
    const int r = data.shape.rank(), q = indices.shape.rank();
    if (r < 1 || q < 1) return InvalidArgumentError("data and indices must have rank >= 1");
    const Dim& last = indices.shape.dim(q - 1);
    if (last.is_known()) {
      const int64_t k = last.size();
      if (k < 1 || k > r) {
        return InvalidArgumentError("indices.shape[-1] is " + std::to_string(k) +
                                    ", expected 1 to " + std::to_string(r));
      }
      std::vector<Dim> expected(indices.shape.dims().begin(), indices.shape.dims().end() - 1);
      expected.insert(expected.end(), data.shape.dims().begin() + k, data.shape.dims().end());
      bool match = updates.shape.rank() == static_cast<int>(expected.size());
      for (size_t d = 0; match && d < expected.size(); ++d) {
        const Dim& u = updates.shape.dim(static_cast<int>(d));
        match = !u.is_known() || !expected[d].is_known() || u.size() == expected[d].size();
      }
      if (!match) {
        return InvalidArgumentError("updates " + updates.shape.ToString() + " must be " +
                                    ir::Shape(expected).ToString());
      }
    }
  }
  context.set_output(0, {data.dtype, data.shape});
  return OkStatus();
}

template <typename T>
void Combine(Reduction reduction, const T* source, T* target, int64_t count) {
  for (int64_t i = 0; i < count; ++i) {
    switch (reduction) {
      case Reduction::kAdd:
        target[i] = target[i] + source[i];
        break;
      case Reduction::kMul:
        target[i] = target[i] * source[i];
        break;
      case Reduction::kMax:
        target[i] = std::max(target[i], source[i]);
        break;
      case Reduction::kMin:
        target[i] = std::min(target[i], source[i]);
        break;
      case Reduction::kNone:
        target[i] = source[i];
        break;
    }
  }
}

Status ComputeScatterND(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireOperands(context, 3));
  const TensorView& data = context.inputs[0];
  const TensorView& indices_view = context.inputs[1];
  const TensorView& updates = context.inputs[2];
  ASSIGN_OR_RETURN(Reduction reduction, ParseReduction(context.params));
  const int r = data.rank(), q = indices_view.rank();
  if (r < 1 || q < 1) return InvalidArgumentError("data and indices must have rank >= 1");
  const int64_t k = indices_view.sizes[q - 1];
  if (k < 1 || k > r) return InvalidArgumentError("bad indices.shape[-1]");
  std::vector<int64_t> expected(indices_view.sizes.begin(), indices_view.sizes.end() - 1);
  expected.insert(expected.end(), data.sizes.begin() + k, data.sizes.end());
  if (updates.dtype != data.dtype || updates.sizes != expected) {
    return InvalidArgumentError("updates must be " + Name(data.dtype) + " " +
                                SizesString(expected));
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> indices, IntsOf(indices_view, "indices"));
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, data.dtype, data.sizes));
  const size_t element = ir::DTypeSize(data.dtype);
  if (y.data != data.data && data.num_elements() > 0) {
    std::memcpy(y.data, data.data, data.num_elements() * element);
  }
  const int64_t tuples = Product(indices_view.sizes, 0, q - 1);
  const int64_t slice = Product(data.sizes, k, r);
  const std::vector<int64_t> strides = Strides(data.sizes);
  char* out = static_cast<char*>(y.data);
  const char* source = static_cast<const char*>(updates.data);
  for (int64_t t = 0; t < tuples; ++t) {
    ASSIGN_OR_RETURN(int64_t offset,
                     TupleOffset(indices.data() + t * k, k, data.sizes, strides, 0));
    char* target = out + offset * element;
    const char* from = source + t * slice * element;
    if (reduction == Reduction::kNone) {
      std::memcpy(target, from, slice * element);
      continue;
    }
    RETURN_IF_ERROR(DispatchArithmetic(data.dtype, [&](auto tag) {
      using T = decltype(tag);
      Combine<T>(reduction, reinterpret_cast<const T*>(from), reinterpret_cast<T*>(target), slice);
    }));
  }
  return OkStatus();
}

// ---- TopK ----

Status RequireTopKType(DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
    case DType::kFloat64:
    case DType::kInt32:
    case DType::kInt64:
    case DType::kInt8:
    case DType::kUInt8:
      return OkStatus();
    default:
      return UnimplementedError("TopK of " + Name(dtype) + " is not supported");
  }
}

StatusOr<int64_t> TopKCount(std::vector<int64_t> k) {
  if (k.size() != 1) {
    return InvalidArgumentError("K must have 1 element, has " + std::to_string(k.size()));
  }
  if (k[0] < 0) return InvalidArgumentError("K " + std::to_string(k[0]) + " is negative");
  return k[0];
}

Status InferTopK(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequireTopKType(x.dtype));
  if (context.num_outputs() < 1 || context.num_outputs() > 2) {
    return InvalidArgumentError("TopK has 1 or 2 outputs");
  }
  if (!context.has_operand(1)) return InvalidArgumentError("TopK needs the operand K");
  RETURN_IF_ERROR(RequireIndexType(context.operand(1).dtype, "K"));
  std::optional<int64_t> k;
  if (const ir::Tensor* value = context.operand_value(1); value != nullptr) {
    ASSIGN_OR_RETURN(std::vector<int64_t> values, ConstantInts(value, "K"));
    ASSIGN_OR_RETURN(k, TopKCount(values));
  }
  ir::Shape shape = ir::Shape::UnknownRank();
  if (x.shape.rank_known()) {
    const int rank = x.shape.rank();
    if (rank == 0) return InvalidArgumentError("TopK needs rank >= 1");
    ASSIGN_OR_RETURN(int axis, AxisIn(context.params().Int("axis", -1), rank, "axis"));
    std::vector<Dim> dims = x.shape.dims();
    if (k && dims[axis].is_known() && *k > dims[axis].size()) {
      return InvalidArgumentError("K " + std::to_string(*k) + " exceeds the axis size " +
                                  std::to_string(dims[axis].size()));
    }
    dims[axis] = k ? Dim::Known(*k) : Dim::Unknown();
    shape = ir::Shape(std::move(dims));
  }
  context.set_output(0, {x.dtype, shape});
  if (context.num_outputs() == 2) context.set_output(1, {DType::kInt64, shape});
  return OkStatus();
}

// a sorts before b when looking for the largest: NaN above every number, then ties by index.
template <typename T>
bool Greater(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(a)) return !std::isnan(b);
    if (std::isnan(b)) return false;
  }
  return a > b;
}

Status ComputeTopK(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireOperands(context, 2));
  const TensorView& x = context.inputs[0];
  RETURN_IF_ERROR(RequireTopKType(x.dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> k_values, IntsOf(context.inputs[1], "K"));
  ASSIGN_OR_RETURN(int64_t k, TopKCount(k_values));
  if (x.rank() == 0) return InvalidArgumentError("TopK needs rank >= 1");
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params.Int("axis", -1), x.rank(), "axis"));
  const int64_t n = x.sizes[axis];
  if (k > n) return InvalidArgumentError("K exceeds the axis size");
  std::vector<int64_t> sizes = x.sizes;
  sizes[axis] = k;
  RETURN_IF_ERROR(CheckOutputView(context.outputs[0], x.dtype, sizes));
  const bool with_indices = context.outputs.size() > 1;
  if (with_indices) RETURN_IF_ERROR(CheckOutputView(context.outputs[1], DType::kInt64, sizes, 1));
  const bool largest = context.params.Bool("largest", true);
  const int64_t outer = Product(x.sizes, 0, axis);
  const int64_t inner = Product(x.sizes, axis + 1, x.sizes.size());
  return DispatchNumeric(x.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* in = x.As<T>();
    T* values = context.outputs[0].As<T>();
    int64_t* indices = with_indices ? context.outputs[1].As<int64_t>() : nullptr;
    std::vector<int64_t> order(n);
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        const T* line = in + o * n * inner + i;
        std::iota(order.begin(), order.end(), int64_t{0});
        std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int64_t a, int64_t b) {
          const T va = line[a * inner], vb = line[b * inner];
          if (largest ? Greater(va, vb) : Greater(vb, va)) return true;
          if (largest ? Greater(vb, va) : Greater(va, vb)) return false;
          return a < b;
        });
        for (int64_t j = 0; j < k; ++j) {
          const int64_t at = (o * k + j) * inner + i;
          values[at] = line[order[j] * inner];
          if (indices != nullptr) indices[at] = order[j];
        }
      }
    }
  });
}

OpCost CountTopK(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  const TensorType& x = context.operands[0];
  const std::optional<int64_t> count = x.shape.NumElements();
  if (!count || !x.shape.rank_known() || x.shape.rank() == 0) return cost;
  auto axis = AxisIn(context.params.Int("axis", -1), x.shape.rank(), "axis");
  if (!axis.ok()) return cost;
  const int64_t n = x.shape.dim(*axis).size();
  // A sort of each line of n elements: about n * ceil(log2(n)) comparisons.
  int64_t log_n = 0;
  while ((int64_t{1} << log_n) < n) ++log_n;
  cost.flops = *count * log_n;
  return cost;
}

// ---- CumSum ----

Status RequireCumSumType(DType dtype) {
  if (dtype != DType::kFloat32 && dtype != DType::kFloat64 && dtype != DType::kInt32 &&
      dtype != DType::kInt64) {
    return UnimplementedError("CumSum of " + Name(dtype) + " is not supported");
  }
  return OkStatus();
}

StatusOr<int64_t> CumSumAxis(const std::vector<int64_t>& axis) {
  if (axis.size() != 1) {
    return InvalidArgumentError("axis must have 1 element, has " + std::to_string(axis.size()));
  }
  return axis[0];
}

Status InferCumSum(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequireCumSumType(x.dtype));
  RETURN_IF_ERROR(RequireIndexType(context.operand(1).dtype, "axis"));
  ASSIGN_OR_RETURN(std::vector<int64_t> values, ConstantInts(context.operand_value(1), "axis"));
  ASSIGN_OR_RETURN(int64_t axis, CumSumAxis(values));
  if (x.shape.rank_known()) RETURN_IF_ERROR(AxisIn(axis, x.shape.rank(), "axis").status());
  context.set_output(0, x);
  return OkStatus();
}

template <typename T>
void CumSumLines(const T* in, T* out, int64_t outer, int64_t n, int64_t inner, bool exclusive,
                 bool reverse) {
  // Floats sum in double; integers in uint64, which wraps instead of overflowing.
  using Acc = std::conditional_t<std::is_floating_point_v<T>, double, uint64_t>;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      Acc sum = 0;
      for (int64_t step = 0; step < n; ++step) {
        const int64_t j = reverse ? n - 1 - step : step;
        const int64_t at = (o * n + j) * inner + i;
        const T value = in[at];
        if (!exclusive) sum += static_cast<Acc>(value);
        out[at] = static_cast<T>(sum);
        if (exclusive) sum += static_cast<Acc>(value);
      }
    }
  }
}

Status ComputeCumSum(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireOperands(context, 2));
  const TensorView& x = context.inputs[0];
  RETURN_IF_ERROR(RequireCumSumType(x.dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> values, IntsOf(context.inputs[1], "axis"));
  ASSIGN_OR_RETURN(int64_t axis_value, CumSumAxis(values));
  ASSIGN_OR_RETURN(int axis, AxisIn(axis_value, x.rank(), "axis"));
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, x.dtype, x.sizes));
  const int64_t outer = Product(x.sizes, 0, axis);
  const int64_t inner = Product(x.sizes, axis + 1, x.sizes.size());
  const bool exclusive = context.params.Bool("exclusive", false);
  const bool reverse = context.params.Bool("reverse", false);
  if (x.num_elements() == 0) return OkStatus();
  return DispatchArithmetic(x.dtype, [&](auto tag) {
    using T = decltype(tag);
    CumSumLines<T>(x.As<T>(), y.As<T>(), outer, x.sizes[axis], inner, exclusive, reverse);
  });
}

OpCost CountCumSum(const CostContext& context) { return ElementwiseCost(context, 1); }

// ---- NonZero ----

// Whether the element at `p` is nonzero; -0.0 is zero and NaN is not.
bool IsNonZero(const char* p, DType dtype) {
  auto read = [p](auto tag) {
    decltype(tag) value;
    std::memcpy(&value, p, sizeof(value));
    return value != decltype(tag){0};
  };
  switch (dtype) {
    case DType::kFloat32:
      return read(float{});
    case DType::kFloat64:
      return read(double{});
    case DType::kFloat16:
    case DType::kBFloat16: {
      uint16_t bits;
      std::memcpy(&bits, p, 2);
      return (bits & 0x7fff) != 0;
    }
    default: {
      // Integers and bool: any set byte.
      for (size_t i = 0; i < ir::DTypeSize(dtype); ++i) {
        if (p[i] != 0) return true;
      }
      return false;
    }
  }
}

Status RequireNonZeroType(DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
    case DType::kFloat64:
    case DType::kFloat16:
    case DType::kBFloat16:
    case DType::kInt8:
    case DType::kInt16:
    case DType::kInt32:
    case DType::kInt64:
    case DType::kUInt8:
    case DType::kUInt16:
    case DType::kUInt32:
    case DType::kUInt64:
    case DType::kBool:
      return OkStatus();
    default:
      return UnimplementedError("NonZero of " + Name(dtype) + " is not supported");
  }
}

int64_t CountNonZero(const char* data, int64_t count, DType dtype) {
  const size_t element = ir::DTypeSize(dtype);
  int64_t nonzero = 0;
  for (int64_t i = 0; i < count; ++i) nonzero += IsNonZero(data + i * element, dtype) ? 1 : 0;
  return nonzero;
}

Status InferNonZero(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequireNonZeroType(x.dtype));
  const ir::Tensor* value = context.operand_value(0);
  if (value == nullptr) {
    return UnimplementedError(
        "the output size of NonZero depends on the input data, which is not constant");
  }
  const int64_t count = CountNonZero(value->bytes().data(), value->num_elements(), x.dtype);
  context.set_output(
      0, {DType::kInt64, ir::Shape::Static({static_cast<int64_t>(value->sizes().size()), count})});
  return OkStatus();
}

Status ComputeNonZero(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireOperands(context, 1));
  const TensorView& x = context.inputs[0];
  RETURN_IF_ERROR(RequireNonZeroType(x.dtype));
  const char* data = static_cast<const char*>(x.data);
  const int64_t total = x.num_elements();
  const int64_t count = CountNonZero(data, total, x.dtype);
  const int rank = x.rank();
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, DType::kInt64, {rank, count}));
  int64_t* out = y.As<int64_t>();
  const size_t element = ir::DTypeSize(x.dtype);
  int64_t j = 0;
  ForEachIndex(x.sizes, [&](int64_t flat, const std::vector<int64_t>& index) {
    if (!IsNonZero(data + flat * element, x.dtype)) return;
    for (int d = 0; d < rank; ++d) out[d * count + j] = index[d];
    ++j;
  });
  return OkStatus();
}

OpCost CountMove(const CostContext& context) { return ElementwiseCost(context, 0); }

// Gathers read what they write (plus their indices), not all of data.
OpCost CountGather(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  cost.bytes_read = cost.bytes_written;
  for (size_t i = 1; i < context.operands.size(); ++i) {
    cost.bytes_read += TypeBytes(context.operands[i]);
  }
  return cost;
}

// One FLOP per updated element when a reduction combines them.
OpCost CountScatterND(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  if (context.params.String("reduction", "none") != "none" && context.operands.size() > 2) {
    cost.flops = context.operands[2].shape.NumElements().value_or(0);
  }
  return cost;
}

}  // namespace

const OpDef& GatherElementsOpDef() {
  static const OpDef def{.kind = OpKind::kGatherElements,
                         .infer_shapes = InferGatherElements,
                         .count_cost = CountGather,
                         .compute_reference = ComputeGatherElements};
  return def;
}

const OpDef& GatherNDOpDef() {
  static const OpDef def{.kind = OpKind::kGatherND,
                         .infer_shapes = InferGatherND,
                         .count_cost = CountGather,
                         .compute_reference = ComputeGatherND};
  return def;
}

const OpDef& ScatterNDOpDef() {
  static const OpDef def{.kind = OpKind::kScatterND,
                         .infer_shapes = InferScatterND,
                         .count_cost = CountScatterND,
                         .compute_reference = ComputeScatterND};
  return def;
}

const OpDef& TopKOpDef() {
  static const OpDef def{.kind = OpKind::kTopK,
                         .value_operands = {1},
                         .infer_shapes = InferTopK,
                         .count_cost = CountTopK,
                         .compute_reference = ComputeTopK};
  return def;
}

const OpDef& CumSumOpDef() {
  static const OpDef def{.kind = OpKind::kCumSum,
                         .value_operands = {1},
                         .infer_shapes = InferCumSum,
                         .count_cost = CountCumSum,
                         .compute_reference = ComputeCumSum};
  return def;
}

const OpDef& NonZeroOpDef() {
  static const OpDef def{.kind = OpKind::kNonZero,
                         .value_operands = {0},
                         .infer_shapes = InferNonZero,
                         .count_cost = CountMove,
                         .compute_reference = ComputeNonZero};
  return def;
}

}  // namespace mb::ops
