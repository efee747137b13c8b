// Tensor manipulation ops that move or generate data without arithmetic on it: Squeeze,
// Unsqueeze, Pack, Unpack, Split, Slice, Fill, Tile, Gather, OneHot and Range. Except for
// Range (int32, int64, float32, float64) they run on any plain-data dtype. TF semantics are in
// shared/spec/tf-tools.md 6.2 (#60, #61, #66-#69, #72-#74, #76).
//
// Squeeze operand X; param axes (int list; empty removes every size-1 dimension, which needs
//   every dimension known). A squeezed axis must have size 1.
// Unsqueeze operand X; param axes (int list, positions in the output; negative counts from
//   the output's end; no repeats).
// Pack operands X0..Xn-1 (same dtype and shape); param axis (0; in [-(r+1), r]). The output
//   has a new dimension of size n at axis.
// Unpack operand X; param axis (0). It has as many outputs as X has entries along axis;
//   output i is X[..., i, ...] with that dimension removed.
// Split operand X; params axis (0), splits (int list of output sizes along axis; one may be
//   -1, meaning the rest; empty means equal parts, one per output).
// Slice operands X, begin, size (int constants, one value per dimension); size -1 means to the
//   end. TF semantics: 0 <= begin[i] <= begin[i] + size[i] <= X.shape[i].
// Fill operands dims (int constant, 1-D, non-negative), value (scalar). Output dtype is the
//   value's.
// Tile operands X, multiples (int constant, one non-negative value per dimension).
// Gather operands X, indices (int32 or int64; run-time values allowed); params axis (0),
//   batch_dims (0; only 0 is supported), negative_indices (false). Output shape
//   X.shape[:axis] + indices.shape + X.shape[axis+1:]. An index outside [0, X.shape[axis])
//   is an error (TF's CPU behaviour); with negative_indices (ONNX), indices lie in
//   [-X.shape[axis], X.shape[axis]) and a negative one counts from the end.
// OneHot operands indices (int32 or int64), depth (int scalar constant), on_value, off_value
//   (scalars of the output dtype); param axis (-1: last; in [-(r+1), r]). Output entry is
//   on_value where the index equals the position along axis, else off_value, so an index
//   outside [0, depth) gives a row of off_value.
// Range operands start, limit, delta (scalar constants of one dtype). Output length is
//   max(0, ceil((limit - start) / delta)); element i is start + i * delta (ONNX's definition;
//   TF accumulates, which can differ in the last float bit). delta 0 is an error.
//
// Value operands are checked again by the reference math, and every reference checks its
// output sizes, so hostile constants give an error Status, never an out-of-bounds access.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

using ir::Dim;

size_t ElementSize(const TensorView& view) { return ir::DTypeSize(view.dtype); }

// A shape known to be rank `rank` with every dimension unknown.
ir::Shape UnknownDims(size_t rank) { return ir::Shape(std::vector<Dim>(rank, Dim::Unknown())); }

// ---- Reference-math guards ----

Status RequireArity(const ComputeContext& context, size_t inputs, size_t outputs) {
  if (context.inputs.size() < inputs) {
    return InvalidArgumentError("has " + std::to_string(context.inputs.size()) +
                                " operands, expected " + std::to_string(inputs));
  }
  for (size_t i = 0; i < inputs; ++i) {
    if (context.inputs[i].data == nullptr && context.inputs[i].num_elements() != 0) {
      return InvalidArgumentError("operand " + std::to_string(i) + " is absent");
    }
  }
  if (context.outputs.size() != outputs) {
    return InvalidArgumentError("has " + std::to_string(context.outputs.size()) +
                                " outputs, expected " + std::to_string(outputs));
  }
  return OkStatus();
}

// Product of sizes[begin, end).
int64_t Product(const std::vector<int64_t>& sizes, int begin, int end) {
  int64_t product = 1;
  for (int i = begin; i < end; ++i) product *= sizes[i];
  return product;
}

// Calls f(index) for every index over all but the last dimension of `sizes` (once for rank
// 0 or 1; never if an outer dimension is 0). `index` has rank - 1 entries.
template <typename F>
void ForEachRow(const std::vector<int64_t>& sizes, F&& f) {
  const int outer_rank = std::max(static_cast<int>(sizes.size()) - 1, 0);
  for (int d = 0; d < outer_rank; ++d) {
    if (sizes[d] == 0) return;
  }
  std::vector<int64_t> index(outer_rank, 0);
  while (true) {
    f(index);
    int d = outer_rank - 1;
    for (; d >= 0; --d) {
      if (++index[d] < sizes[d]) break;
      index[d] = 0;
    }
    if (d < 0) return;
  }
}

OpCost CountMove(const CostContext& context) { return ElementwiseCost(context, 0); }

// Ops that read only what they output (plus their small index operands): the bytes of
// operand 0 read equal the bytes written.
OpCost CountSelect(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  cost.bytes_read = cost.bytes_written;
  for (size_t i = 1; i < context.operands.size(); ++i) {
    cost.bytes_read += TypeBytes(context.operands[i]);
  }
  return cost;
}

// Copies X into the output unchanged (Squeeze and Unsqueeze change only the sizes).
Status ComputeCopySameCount(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 1, 1));
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  if (y.dtype != x.dtype || y.num_elements() != x.num_elements()) {
    return InvalidArgumentError("output " + SizesString(y.sizes) + " does not hold input " +
                                SizesString(x.sizes));
  }
  if (y.data != x.data && x.num_elements() > 0) {
    std::memcpy(y.data, x.data, x.num_elements() * ElementSize(x));
  }
  return OkStatus();
}

// ---- Squeeze ----

// Which dimensions of a `shape` Squeeze removes. With no axes given, an unknown dimension
// might be 1: then *depends_on_unknown is set and the answer is only a lower bound.
StatusOr<std::vector<bool>> SqueezedAxes(const Params& params, const ir::Shape& shape,
                                         bool* depends_on_unknown) {
  const int rank = shape.rank();
  const std::vector<int64_t> axes = params.Ints("axes", {});
  std::vector<bool> removed(rank, false);
  *depends_on_unknown = false;
  if (axes.empty()) {
    for (int d = 0; d < rank; ++d) {
      const Dim& dim = shape.dim(d);
      if (!dim.is_known()) *depends_on_unknown = true;
      removed[d] = dim.is_known() && dim.size() == 1;
    }
    return removed;
  }
  for (int64_t axis : axes) {
    ASSIGN_OR_RETURN(int a, AxisIn(axis, rank, "squeeze axis"));
    const Dim& dim = shape.dim(a);
    if (dim.is_known() && dim.size() != 1) {
      return InvalidArgumentError("cannot squeeze axis " + std::to_string(axis) + ": its size is " +
                                  std::to_string(dim.size()) + ", not 1");
    }
    removed[a] = true;
  }
  return removed;
}

Status InferSqueeze(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x.dtype));
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  bool depends_on_unknown = false;
  ASSIGN_OR_RETURN(std::vector<bool> removed,
                   SqueezedAxes(context.params(), x.shape, &depends_on_unknown));
  if (depends_on_unknown) {  // an unknown dimension might be 1
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  std::vector<Dim> dims;
  for (int d = 0; d < x.shape.rank(); ++d) {
    if (!removed[d]) dims.push_back(x.shape.dim(d));
  }
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeSqueeze(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 1, 1));
  const TensorView& x = context.inputs[0];
  bool depends_on_unknown = false;
  ASSIGN_OR_RETURN(std::vector<bool> removed,
                   SqueezedAxes(context.params, ir::Shape::Static(x.sizes), &depends_on_unknown));
  std::vector<int64_t> sizes;
  for (int d = 0; d < x.rank(); ++d) {
    if (!removed[d]) sizes.push_back(x.sizes[d]);
  }
  RETURN_IF_ERROR(CheckOutputView(context.outputs[0], x.dtype, sizes));
  return ComputeCopySameCount(context);
}

// ---- Unsqueeze ----

// For each output dimension, whether it is an inserted one.
StatusOr<std::vector<bool>> InsertedAxes(const Params& params, int input_rank) {
  const std::vector<int64_t> axes = params.Ints("axes", {});
  if (axes.empty()) return InvalidArgumentError("Unsqueeze needs at least one axis");
  const int out_rank = input_rank + static_cast<int>(axes.size());
  std::vector<bool> inserted(out_rank, false);
  for (int64_t axis : axes) {
    ASSIGN_OR_RETURN(int a, AxisIn(axis, out_rank, "unsqueeze axis"));
    if (inserted[a]) {
      return InvalidArgumentError("unsqueeze axis " + std::to_string(axis) + " is repeated");
    }
    inserted[a] = true;
  }
  return inserted;
}

Status InferUnsqueeze(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x.dtype));
  if (!x.shape.rank_known()) {
    if (context.params().Ints("axes", {}).empty()) {
      return InvalidArgumentError("Unsqueeze needs at least one axis");
    }
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<bool> inserted, InsertedAxes(context.params(), x.shape.rank()));
  std::vector<Dim> dims;
  int next = 0;
  for (bool is_new : inserted) dims.push_back(is_new ? Dim::Known(1) : x.shape.dim(next++));
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeUnsqueeze(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 1, 1));
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(std::vector<bool> inserted, InsertedAxes(context.params, x.rank()));
  std::vector<int64_t> sizes;
  int next = 0;
  for (bool is_new : inserted) sizes.push_back(is_new ? 1 : x.sizes[next++]);
  RETURN_IF_ERROR(CheckOutputView(context.outputs[0], x.dtype, sizes));
  return ComputeCopySameCount(context);
}

// ---- Pack ----

Status InferPack(InferenceContext& context) {
  const int n = context.num_operands();
  if (n < 1) return InvalidArgumentError("Pack needs at least 1 operand");
  const ir::DType dtype = context.operand(0).dtype;
  RETURN_IF_ERROR(RequirePlainData(dtype));
  // The common shape: known dimensions of any operand fill in unknown ones of others.
  bool rank_known = false;
  std::vector<Dim> dims;
  for (int i = 0; i < n; ++i) {
    const TensorType& t = context.operand(i);
    if (t.dtype != dtype) {
      return InvalidArgumentError("operand " + std::to_string(i) + " is " +
                                  std::string(ir::DTypeName(t.dtype)) + ", operand 0 is " +
                                  std::string(ir::DTypeName(dtype)));
    }
    if (!t.shape.rank_known()) continue;
    if (!rank_known) {
      rank_known = true;
      dims = t.shape.dims();
      continue;
    }
    if (t.shape.rank() != static_cast<int>(dims.size())) {
      return InvalidArgumentError("operand " + std::to_string(i) + " has shape " +
                                  t.shape.ToString() + ", which differs in rank from " +
                                  ir::Shape(dims).ToString());
    }
    for (int d = 0; d < t.shape.rank(); ++d) {
      const Dim& b = t.shape.dim(d);
      if (!b.is_known()) continue;
      if (dims[d].is_known() && dims[d].size() != b.size()) {
        return InvalidArgumentError("operand " + std::to_string(i) + " has shape " +
                                    t.shape.ToString() + ", which does not match " +
                                    ir::Shape(dims).ToString());
      }
      dims[d] = b;
    }
  }
  if (!rank_known) {
    context.set_output(0, {dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  const int rank = static_cast<int>(dims.size());
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params().Int("axis", 0), rank + 1, "pack axis"));
  dims.insert(dims.begin() + axis, Dim::Known(n));
  RETURN_IF_ERROR(CheckElementCount(dims));
  context.set_output(0, {dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputePack(const ComputeContext& context) {
  const size_t n = context.inputs.size();
  if (n < 1) return InvalidArgumentError("Pack needs at least 1 operand");
  RETURN_IF_ERROR(RequireArity(context, n, 1));
  const TensorView& first = context.inputs[0];
  for (size_t i = 1; i < n; ++i) {
    if (context.inputs[i].dtype != first.dtype || context.inputs[i].sizes != first.sizes) {
      return InvalidArgumentError("operand " + std::to_string(i) + " is " +
                                  SizesString(context.inputs[i].sizes) + ", operand 0 is " +
                                  SizesString(first.sizes));
    }
  }
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params.Int("axis", 0), first.rank() + 1, "pack axis"));
  std::vector<int64_t> sizes = first.sizes;
  sizes.insert(sizes.begin() + axis, static_cast<int64_t>(n));
  RETURN_IF_ERROR(CheckOutputView(context.outputs[0], first.dtype, sizes));
  const int64_t outer = Product(first.sizes, 0, axis);
  const int64_t chunk = Product(first.sizes, axis, first.rank()) * ElementSize(first);
  char* out = static_cast<char*>(context.outputs[0].data);
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t i = 0; i < n; ++i) {
      std::memcpy(out, static_cast<const char*>(context.inputs[i].data) + o * chunk, chunk);
      out += chunk;
    }
  }
  return OkStatus();
}

// ---- Unpack ----

Status InferUnpack(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x.dtype));
  const int n = context.num_outputs();
  if (!x.shape.rank_known()) {
    for (int i = 0; i < n; ++i) context.set_output(i, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(int axis,
                   AxisIn(context.params().Int("axis", 0), x.shape.rank(), "unpack axis"));
  const Dim& dim = x.shape.dim(axis);
  if (dim.is_known() && dim.size() != n) {
    return InvalidArgumentError("axis " + std::to_string(axis) + " has size " +
                                std::to_string(dim.size()) + ", but the node has " +
                                std::to_string(n) + " outputs");
  }
  std::vector<Dim> dims = x.shape.dims();
  dims.erase(dims.begin() + axis);
  for (int i = 0; i < n; ++i) context.set_output(i, {x.dtype, ir::Shape(dims)});
  return OkStatus();
}

Status ComputeUnpack(const ComputeContext& context) {
  const size_t n = context.outputs.size();
  RETURN_IF_ERROR(RequireArity(context, 1, n));
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params.Int("axis", 0), x.rank(), "unpack axis"));
  if (x.sizes[axis] != static_cast<int64_t>(n)) {
    return InvalidArgumentError("axis " + std::to_string(axis) + " has size " +
                                std::to_string(x.sizes[axis]) + ", but the node has " +
                                std::to_string(n) + " outputs");
  }
  std::vector<int64_t> sizes = x.sizes;
  sizes.erase(sizes.begin() + axis);
  for (size_t i = 0; i < n; ++i)
    RETURN_IF_ERROR(CheckOutputView(context.outputs[i], x.dtype, sizes, i));
  const int64_t outer = Product(x.sizes, 0, axis);
  const int64_t chunk = Product(x.sizes, axis + 1, x.rank()) * ElementSize(x);
  const char* in = static_cast<const char*>(x.data);
  for (int64_t o = 0; o < outer; ++o) {
    for (size_t i = 0; i < n; ++i) {
      std::memcpy(static_cast<char*>(context.outputs[i].data) + o * chunk, in, chunk);
      in += chunk;
    }
  }
  return OkStatus();
}

// ---- Split ----

// Sizes of the `count` parts along a dimension of size `dim` (-1 if unknown); -1 in the
// result means unknown.
StatusOr<std::vector<int64_t>> SplitSizes(const Params& params, int64_t dim, int count) {
  std::vector<int64_t> splits = params.Ints("splits", {});
  if (splits.empty()) {
    if (count < 1) return InvalidArgumentError("Split needs at least 1 output");
    if (dim < 0) return std::vector<int64_t>(count, -1);
    if (dim % count != 0) {
      return InvalidArgumentError("axis of size " + std::to_string(dim) +
                                  " does not split evenly into " + std::to_string(count) +
                                  " parts");
    }
    return std::vector<int64_t>(count, dim / count);
  }
  if (static_cast<int>(splits.size()) != count) {
    return InvalidArgumentError("splits has " + std::to_string(splits.size()) +
                                " sizes, but the node has " + std::to_string(count) + " outputs");
  }
  int rest = -1;
  int64_t known = 0;
  for (int i = 0; i < count; ++i) {
    if (splits[i] == -1) {
      if (rest >= 0) return InvalidArgumentError("splits has more than one -1");
      rest = i;
    } else if (splits[i] < 0) {
      return InvalidArgumentError("split size " + std::to_string(splits[i]) + " is negative");
    } else {
      if (splits[i] > std::numeric_limits<int64_t>::max() - known) {
        return InvalidArgumentError("split sizes overflow");
      }
      known += splits[i];
    }
  }
  if (dim < 0) return splits;  // -1 stays unknown
  if (rest >= 0) {
    if (known > dim) {
      return InvalidArgumentError("split sizes add up to " + std::to_string(known) +
                                  ", more than the axis size " + std::to_string(dim));
    }
    splits[rest] = dim - known;
  } else if (known != dim) {
    return InvalidArgumentError("split sizes add up to " + std::to_string(known) +
                                ", not the axis size " + std::to_string(dim));
  }
  return splits;
}

Status InferSplit(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x.dtype));
  const int n = context.num_outputs();
  if (!x.shape.rank_known()) {
    RETURN_IF_ERROR(SplitSizes(context.params(), -1, n).status());
    for (int i = 0; i < n; ++i) context.set_output(i, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params().Int("axis", 0), x.shape.rank(), "split axis"));
  const Dim& dim = x.shape.dim(axis);
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes,
                   SplitSizes(context.params(), dim.is_known() ? dim.size() : -1, n));
  for (int i = 0; i < n; ++i) {
    std::vector<Dim> dims = x.shape.dims();
    dims[axis] = sizes[i] >= 0 ? Dim::Known(sizes[i]) : Dim::Unknown();
    context.set_output(i, {x.dtype, ir::Shape(std::move(dims))});
  }
  return OkStatus();
}

Status ComputeSplit(const ComputeContext& context) {
  const size_t n = context.outputs.size();
  RETURN_IF_ERROR(RequireArity(context, 1, n));
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params.Int("axis", 0), x.rank(), "split axis"));
  ASSIGN_OR_RETURN(std::vector<int64_t> parts,
                   SplitSizes(context.params, x.sizes[axis], static_cast<int>(n)));
  for (size_t i = 0; i < n; ++i) {
    std::vector<int64_t> sizes = x.sizes;
    sizes[axis] = parts[i];
    RETURN_IF_ERROR(CheckOutputView(context.outputs[i], x.dtype, sizes, i));
  }
  const int64_t outer = Product(x.sizes, 0, axis);
  const int64_t inner = Product(x.sizes, axis + 1, x.rank()) * ElementSize(x);
  const int64_t in_row = x.sizes[axis] * inner;
  const char* in = static_cast<const char*>(x.data);
  int64_t offset = 0;
  for (size_t i = 0; i < n; ++i) {
    const int64_t row = parts[i] * inner;
    char* out = static_cast<char*>(context.outputs[i].data);
    for (int64_t o = 0; o < outer; ++o) std::memcpy(out + o * row, in + o * in_row + offset, row);
    offset += row;
  }
  return OkStatus();
}

// ---- Slice ----

// One dimension of a slice: the output size, or an error naming the problem. `dim` < 0 is
// unknown; then the result is -1 when size is -1.
StatusOr<int64_t> SliceDim(int d, int64_t begin, int64_t size, int64_t dim) {
  const std::string where = "slice of dimension " + std::to_string(d) + ": ";
  if (begin < 0) {
    return InvalidArgumentError(where + "begin " + std::to_string(begin) + " is negative");
  }
  if (size < -1) {
    return InvalidArgumentError(where + "size " + std::to_string(size) + " is invalid");
  }
  if (dim < 0) return size;
  if (begin > dim) {
    return InvalidArgumentError(where + "begin " + std::to_string(begin) +
                                " is past the end (size " + std::to_string(dim) + ")");
  }
  if (size == -1) return dim - begin;
  if (size > dim - begin) {
    return InvalidArgumentError(where + "begin " + std::to_string(begin) + " + size " +
                                std::to_string(size) + " is past the end (size " +
                                std::to_string(dim) + ")");
  }
  return size;
}

Status CheckSliceLengths(size_t begin, size_t size) {
  if (begin != size) {
    return InvalidArgumentError("begin has " + std::to_string(begin) + " values, size has " +
                                std::to_string(size));
  }
  return OkStatus();
}

Status InferSlice(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x.dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> begin, ConstantInts(context.operand_value(1), "begin"));
  ASSIGN_OR_RETURN(std::vector<int64_t> size, ConstantInts(context.operand_value(2), "size"));
  RETURN_IF_ERROR(CheckSliceLengths(begin.size(), size.size()));
  const int rank = static_cast<int>(begin.size());
  if (x.shape.rank_known() && x.shape.rank() != rank) {
    return InvalidArgumentError("begin and size have " + std::to_string(rank) +
                                " values for an input of rank " + std::to_string(x.shape.rank()));
  }
  std::vector<Dim> dims;
  for (int d = 0; d < rank; ++d) {
    const int64_t dim =
        x.shape.rank_known() && x.shape.dim(d).is_known() ? x.shape.dim(d).size() : -1;
    ASSIGN_OR_RETURN(int64_t out, SliceDim(d, begin[d], size[d], dim));
    dims.push_back(out >= 0 ? Dim::Known(out) : Dim::Unknown());
  }
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeSlice(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 3, 1));
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(std::vector<int64_t> begin, IntsOf(context.inputs[1], "begin"));
  ASSIGN_OR_RETURN(std::vector<int64_t> size, IntsOf(context.inputs[2], "size"));
  RETURN_IF_ERROR(CheckSliceLengths(begin.size(), size.size()));
  const int rank = x.rank();
  if (static_cast<int>(begin.size()) != rank) {
    return InvalidArgumentError("begin and size have " + std::to_string(begin.size()) +
                                " values for an input of rank " + std::to_string(rank));
  }
  std::vector<int64_t> sizes(rank);
  for (int d = 0; d < rank; ++d) {
    ASSIGN_OR_RETURN(sizes[d], SliceDim(d, begin[d], size[d], x.sizes[d]));
  }
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, x.dtype, sizes));
  if (y.num_elements() == 0) return OkStatus();
  const size_t element = ElementSize(x);
  if (rank == 0) {
    std::memcpy(y.data, x.data, element);
    return OkStatus();
  }
  std::vector<int64_t> in_strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) in_strides[d] = in_strides[d + 1] * x.sizes[d + 1];
  const int64_t row = sizes[rank - 1] * element;
  const char* in = static_cast<const char*>(x.data);
  char* out = static_cast<char*>(y.data);
  ForEachRow(sizes, [&](const std::vector<int64_t>& index) {
    int64_t source = begin[rank - 1];
    for (int d = 0; d < rank - 1; ++d) source += (begin[d] + index[d]) * in_strides[d];
    std::memcpy(out, in + source * element, row);
    out += row;
  });
  return OkStatus();
}

// ---- Fill ----

Status CheckFillDims(const std::vector<int64_t>& dims) {
  for (int64_t d : dims) {
    if (d < 0) {
      return InvalidArgumentError("dims " + SizesString(dims) + " has a negative dimension");
    }
  }
  return ir::CheckedNumElements(dims).status().WithContext("dims " + SizesString(dims));
}

Status InferFill(InferenceContext& context) {
  const TensorType& dims_type = context.operand(0);
  const TensorType& value = context.operand(1);
  RETURN_IF_ERROR(RequirePlainData(value.dtype));
  if (dims_type.shape.rank_known() && dims_type.shape.rank() != 1) {
    return InvalidArgumentError("dims must be 1-D, not " + dims_type.shape.ToString());
  }
  if (value.shape.rank_known() && value.shape.rank() != 0) {
    return InvalidArgumentError("value must be a scalar, not " + value.shape.ToString());
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> dims, ConstantInts(context.operand_value(0), "dims"));
  RETURN_IF_ERROR(CheckFillDims(dims));
  context.set_output(0, {value.dtype, ir::Shape::Static(dims)});
  return OkStatus();
}

Status ComputeFill(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 2, 1));
  ASSIGN_OR_RETURN(std::vector<int64_t> dims, IntsOf(context.inputs[0], "dims"));
  RETURN_IF_ERROR(CheckFillDims(dims));
  const TensorView& value = context.inputs[1];
  if (value.num_elements() != 1) {
    return InvalidArgumentError("value must be a scalar, not " + SizesString(value.sizes));
  }
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, value.dtype, dims));
  const size_t element = ElementSize(value);
  char* out = static_cast<char*>(y.data);
  const int64_t count = y.num_elements();
  for (int64_t i = 0; i < count; ++i) std::memcpy(out + i * element, value.data, element);
  return OkStatus();
}

// ---- Tile ----

Status CheckMultiples(const std::vector<int64_t>& multiples) {
  for (int64_t m : multiples) {
    if (m < 0) return InvalidArgumentError("multiple " + std::to_string(m) + " is negative");
  }
  return OkStatus();
}

Status InferTile(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x.dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> multiples,
                   ConstantInts(context.operand_value(1), "multiples"));
  RETURN_IF_ERROR(CheckMultiples(multiples));
  const int rank = static_cast<int>(multiples.size());
  if (x.shape.rank_known() && x.shape.rank() != rank) {
    return InvalidArgumentError("multiples has " + std::to_string(rank) +
                                " values for an input of rank " + std::to_string(x.shape.rank()));
  }
  std::vector<Dim> dims;
  for (int d = 0; d < rank; ++d) {
    const Dim in = x.shape.rank_known() ? x.shape.dim(d) : Dim::Unknown();
    if (multiples[d] == 0) {
      dims.push_back(Dim::Known(0));
    } else if (multiples[d] == 1) {
      dims.push_back(in);  // keeps a symbolic dimension's name
    } else if (!in.is_known()) {
      dims.push_back(Dim::Unknown());
    } else {
      std::optional<int64_t> product = ir::CheckedMultiply(in.size(), multiples[d]);
      if (!product) return InvalidArgumentError("tiled dimension overflows 64 bits");
      dims.push_back(Dim::Known(*product));
    }
  }
  RETURN_IF_ERROR(CheckElementCount(dims).WithContext("tiled shape"));
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeTile(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 2, 1));
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(std::vector<int64_t> multiples, IntsOf(context.inputs[1], "multiples"));
  RETURN_IF_ERROR(CheckMultiples(multiples));
  const int rank = x.rank();
  if (static_cast<int>(multiples.size()) != rank) {
    return InvalidArgumentError("multiples has " + std::to_string(multiples.size()) +
                                " values for an input of rank " + std::to_string(rank));
  }
  std::vector<int64_t> sizes(rank);
  for (int d = 0; d < rank; ++d) {
    std::optional<int64_t> product = ir::CheckedMultiply(x.sizes[d], multiples[d]);
    if (!product) return InvalidArgumentError("tiled dimension overflows 64 bits");
    sizes[d] = *product;
  }
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, x.dtype, sizes));
  if (y.num_elements() == 0) return OkStatus();
  const size_t element = ElementSize(x);
  if (rank == 0) {
    std::memcpy(y.data, x.data, element);
    return OkStatus();
  }
  // Every input size is positive here, since the output is not empty.
  std::vector<int64_t> in_strides(rank, 1);
  for (int d = rank - 2; d >= 0; --d) in_strides[d] = in_strides[d + 1] * x.sizes[d + 1];
  const int64_t in_row = x.sizes[rank - 1] * element;
  const char* in = static_cast<const char*>(x.data);
  char* out = static_cast<char*>(y.data);
  ForEachRow(sizes, [&](const std::vector<int64_t>& index) {
    int64_t source = 0;
    for (int d = 0; d < rank - 1; ++d) source += (index[d] % x.sizes[d]) * in_strides[d];
    for (int64_t m = 0; m < multiples[rank - 1]; ++m) {
      std::memcpy(out, in + source * element, in_row);
      out += in_row;
    }
  });
  return OkStatus();
}

// ---- Gather ----

Status CheckBatchDims(const Params& params) {
  const int64_t batch_dims = params.Int("batch_dims", 0);
  if (batch_dims != 0) {
    return UnimplementedError("Gather with batch_dims " + std::to_string(batch_dims) +
                              " is not supported (only 0)");
  }
  return OkStatus();
}

// The index made non-negative; an error outside [0, dim) (or [-dim, dim) with
// negative_indices).
StatusOr<int64_t> CheckGatherIndex(int64_t index, int64_t dim, int axis, bool negative_indices) {
  const int64_t low = negative_indices ? -dim : 0;
  if (index < low || index >= dim) {
    return InvalidArgumentError("index " + std::to_string(index) + " is out of range [" +
                                std::to_string(low) + ", " + std::to_string(dim) + ") of axis " +
                                std::to_string(axis));
  }
  return index < 0 ? index + dim : index;
}

Status InferGather(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  const TensorType& indices = context.operand(1);
  RETURN_IF_ERROR(RequirePlainData(x.dtype));
  RETURN_IF_ERROR(RequireIndexType(indices.dtype, "indices"));
  RETURN_IF_ERROR(CheckBatchDims(context.params()));
  if (!x.shape.rank_known() || !indices.shape.rank_known()) {
    if (x.shape.rank_known() && x.shape.rank() == 0) {
      return InvalidArgumentError("cannot gather from a scalar");
    }
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  if (x.shape.rank() == 0) return InvalidArgumentError("cannot gather from a scalar");
  ASSIGN_OR_RETURN(int axis,
                   AxisIn(context.params().Int("axis", 0), x.shape.rank(), "gather axis"));
  // Constant indices are checked now, so a bad model fails before it runs.
  const Dim& dim = x.shape.dim(axis);
  if (const ir::Tensor* values = context.operand_value(1); values != nullptr && dim.is_known()) {
    ASSIGN_OR_RETURN(std::vector<int64_t> list, ConstantInts(values, "indices"));
    const bool negative_indices = context.params().Bool("negative_indices", false);
    for (int64_t index : list) {
      RETURN_IF_ERROR(CheckGatherIndex(index, dim.size(), axis, negative_indices).status());
    }
  }
  std::vector<Dim> dims(x.shape.dims().begin(), x.shape.dims().begin() + axis);
  dims.insert(dims.end(), indices.shape.dims().begin(), indices.shape.dims().end());
  dims.insert(dims.end(), x.shape.dims().begin() + axis + 1, x.shape.dims().end());
  RETURN_IF_ERROR(CheckElementCount(dims));
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeGather(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 2, 1));
  RETURN_IF_ERROR(CheckBatchDims(context.params));
  const TensorView& x = context.inputs[0];
  if (x.rank() == 0) return InvalidArgumentError("cannot gather from a scalar");
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params.Int("axis", 0), x.rank(), "gather axis"));
  ASSIGN_OR_RETURN(std::vector<int64_t> indices, IntsOf(context.inputs[1], "indices"));
  const int64_t dim = x.sizes[axis];
  const bool negative_indices = context.params.Bool("negative_indices", false);
  for (int64_t& index : indices) {
    ASSIGN_OR_RETURN(index, CheckGatherIndex(index, dim, axis, negative_indices));
  }
  std::vector<int64_t> sizes(x.sizes.begin(), x.sizes.begin() + axis);
  sizes.insert(sizes.end(), context.inputs[1].sizes.begin(), context.inputs[1].sizes.end());
  sizes.insert(sizes.end(), x.sizes.begin() + axis + 1, x.sizes.end());
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, x.dtype, sizes));
  const int64_t outer = Product(x.sizes, 0, axis);
  const int64_t chunk = Product(x.sizes, axis + 1, x.rank()) * ElementSize(x);
  const char* in = static_cast<const char*>(x.data);
  char* out = static_cast<char*>(y.data);
  for (int64_t o = 0; o < outer; ++o) {
    const char* block = in + o * dim * chunk;
    for (int64_t index : indices) {
      std::memcpy(out, block + index * chunk, chunk);
      out += chunk;
    }
  }
  return OkStatus();
}

// ---- OneHot ----

StatusOr<int64_t> OneHotDepth(const std::vector<int64_t>& depth) {
  if (depth.size() != 1) {
    return InvalidArgumentError("depth must be a scalar, has " + std::to_string(depth.size()) +
                                " values");
  }
  if (depth[0] < 0) {
    return InvalidArgumentError("depth " + std::to_string(depth[0]) + " is negative");
  }
  return depth[0];
}

Status InferOneHot(InferenceContext& context) {
  const TensorType& indices = context.operand(0);
  const TensorType& on = context.operand(2);
  const TensorType& off = context.operand(3);
  RETURN_IF_ERROR(RequireIndexType(indices.dtype, "indices"));
  RETURN_IF_ERROR(RequirePlainData(on.dtype));
  if (off.dtype != on.dtype) {
    return InvalidArgumentError("on_value is " + std::string(ir::DTypeName(on.dtype)) +
                                " but off_value is " + std::string(ir::DTypeName(off.dtype)));
  }
  for (const TensorType* t : {&on, &off}) {
    if (t->shape.rank_known() && t->shape.rank() != 0) {
      return InvalidArgumentError(std::string(t == &on ? "on_value" : "off_value") +
                                  " must be a scalar, not " + t->shape.ToString());
    }
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> depth_values,
                   ConstantInts(context.operand_value(1), "depth"));
  ASSIGN_OR_RETURN(int64_t depth, OneHotDepth(depth_values));
  if (!indices.shape.rank_known()) {
    context.set_output(0, {on.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  const int rank = indices.shape.rank();
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params().Int("axis", -1), rank + 1, "one-hot axis"));
  std::vector<Dim> dims = indices.shape.dims();
  dims.insert(dims.begin() + axis, Dim::Known(depth));
  RETURN_IF_ERROR(CheckElementCount(dims));
  context.set_output(0, {on.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeOneHot(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 4, 1));
  const TensorView& indices_view = context.inputs[0];
  const TensorView& on = context.inputs[2];
  const TensorView& off = context.inputs[3];
  ASSIGN_OR_RETURN(std::vector<int64_t> indices, IntsOf(indices_view, "indices"));
  ASSIGN_OR_RETURN(std::vector<int64_t> depth_values, IntsOf(context.inputs[1], "depth"));
  ASSIGN_OR_RETURN(int64_t depth, OneHotDepth(depth_values));
  if (on.dtype != off.dtype || on.num_elements() != 1 || off.num_elements() != 1) {
    return InvalidArgumentError("on_value and off_value must be scalars of one dtype");
  }
  const int rank = indices_view.rank();
  ASSIGN_OR_RETURN(int axis, AxisIn(context.params.Int("axis", -1), rank + 1, "one-hot axis"));
  std::vector<int64_t> sizes = indices_view.sizes;
  sizes.insert(sizes.begin() + axis, depth);
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutputView(y, on.dtype, sizes));
  const int64_t outer = Product(indices_view.sizes, 0, axis);
  const int64_t inner = Product(indices_view.sizes, axis, rank);
  const size_t element = ElementSize(on);
  char* out = static_cast<char*>(y.data);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t d = 0; d < depth; ++d) {
      for (int64_t i = 0; i < inner; ++i) {
        const void* source = indices[o * inner + i] == d ? on.data : off.data;
        std::memcpy(out, source, element);
        out += element;
      }
    }
  }
  return OkStatus();
}

// ---- Range ----

Status RequireRangeType(ir::DType dtype) {
  if (dtype != ir::DType::kInt32 && dtype != ir::DType::kInt64 && dtype != ir::DType::kFloat32 &&
      dtype != ir::DType::kFloat64) {
    return UnimplementedError("Range of " + std::string(ir::DTypeName(dtype)) +
                              " is not supported");
  }
  return OkStatus();
}

// max(0, ceil((limit - start) / delta)) without overflow: the distance is taken in uint64.
StatusOr<int64_t> RangeCount(int64_t start, int64_t limit, int64_t delta) {
  if (delta == 0) return InvalidArgumentError("Range delta is 0");
  if (delta > 0 ? limit <= start : limit >= start) return int64_t{0};
  const uint64_t distance = delta > 0 ? static_cast<uint64_t>(limit) - static_cast<uint64_t>(start)
                                      : static_cast<uint64_t>(start) - static_cast<uint64_t>(limit);
  const uint64_t step =
      delta > 0 ? static_cast<uint64_t>(delta) : static_cast<uint64_t>(-(delta + 1)) + 1;
  const uint64_t count = distance / step + (distance % step != 0 ? 1 : 0);
  if (count > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return InvalidArgumentError("Range has too many elements");
  }
  return static_cast<int64_t>(count);
}

StatusOr<int64_t> RangeCount(double start, double limit, double delta) {
  if (delta == 0) return InvalidArgumentError("Range delta is 0");
  const double count = std::ceil((limit - start) / delta);
  if (std::isnan(count) || count >= 9.0e18) {
    return InvalidArgumentError("Range from " + std::to_string(start) + " to " +
                                std::to_string(limit) + " by " + std::to_string(delta) +
                                " has no finite length");
  }
  return count > 0 ? static_cast<int64_t>(count) : int64_t{0};
}

// Reads the scalar operands of a dtype and returns the element count.
template <typename T>
StatusOr<int64_t> RangeCountOf(const void* start, const void* limit, const void* delta) {
  T s, l, d;
  std::memcpy(&s, start, sizeof(T));
  std::memcpy(&l, limit, sizeof(T));
  std::memcpy(&d, delta, sizeof(T));
  if constexpr (std::is_floating_point_v<T>) {
    return RangeCount(static_cast<double>(s), static_cast<double>(l), static_cast<double>(d));
  } else {
    return RangeCount(static_cast<int64_t>(s), static_cast<int64_t>(l), static_cast<int64_t>(d));
  }
}

StatusOr<int64_t> RangeCountOf(ir::DType dtype, const void* start, const void* limit,
                               const void* delta) {
  switch (dtype) {
    case ir::DType::kInt32:
      return RangeCountOf<int32_t>(start, limit, delta);
    case ir::DType::kInt64:
      return RangeCountOf<int64_t>(start, limit, delta);
    case ir::DType::kFloat32:
      return RangeCountOf<float>(start, limit, delta);
    case ir::DType::kFloat64:
      return RangeCountOf<double>(start, limit, delta);
    default:
      return RequireRangeType(dtype);
  }
}

Status InferRange(InferenceContext& context) {
  const ir::DType dtype = context.operand(0).dtype;
  RETURN_IF_ERROR(RequireRangeType(dtype));
  const char* names[] = {"start", "limit", "delta"};
  for (int i = 0; i < 3; ++i) {
    const TensorType& t = context.operand(i);
    if (t.dtype != dtype) {
      return InvalidArgumentError(std::string(names[i]) + " is " +
                                  std::string(ir::DTypeName(t.dtype)) + ", start is " +
                                  std::string(ir::DTypeName(dtype)));
    }
    if (t.shape.rank_known() && t.shape.rank() != 0) {
      return InvalidArgumentError(std::string(names[i]) + " must be a scalar, not " +
                                  t.shape.ToString());
    }
  }
  const ir::Tensor* start = context.operand_value(0);
  const ir::Tensor* limit = context.operand_value(1);
  const ir::Tensor* delta = context.operand_value(2);
  if (start == nullptr || limit == nullptr || delta == nullptr) {
    context.set_output(0, {dtype, UnknownDims(1)});
    return OkStatus();
  }
  for (const ir::Tensor* t : {start, limit, delta}) {
    if (t->num_elements() != 1) return InvalidArgumentError("Range operands must be scalars");
  }
  ASSIGN_OR_RETURN(int64_t count, RangeCountOf(dtype, start->bytes().data(), limit->bytes().data(),
                                               delta->bytes().data()));
  context.set_output(0, {dtype, ir::Shape::Static({count})});
  return OkStatus();
}

template <typename T>
void FillRange(const void* start_data, const void* delta_data, int64_t count, void* out_data) {
  T start, delta;
  std::memcpy(&start, start_data, sizeof(T));
  std::memcpy(&delta, delta_data, sizeof(T));
  T* out = static_cast<T*>(out_data);
  for (int64_t i = 0; i < count; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      out[i] = static_cast<T>(start + static_cast<T>(i) * delta);
    } else {
      // Every element lies between start and limit, so the wrapped uint64 sum is exact.
      const uint64_t value =
          static_cast<uint64_t>(static_cast<int64_t>(start)) +
          static_cast<uint64_t>(i) * static_cast<uint64_t>(static_cast<int64_t>(delta));
      out[i] = static_cast<T>(static_cast<int64_t>(value));
    }
  }
}

Status ComputeRange(const ComputeContext& context) {
  RETURN_IF_ERROR(RequireArity(context, 3, 1));
  const ir::DType dtype = context.inputs[0].dtype;
  for (int i = 0; i < 3; ++i) {
    if (context.inputs[i].dtype != dtype || context.inputs[i].num_elements() != 1) {
      return InvalidArgumentError("Range operands must be scalars of one dtype");
    }
  }
  const void* start = context.inputs[0].data;
  const void* delta = context.inputs[2].data;
  ASSIGN_OR_RETURN(int64_t count, RangeCountOf(dtype, start, context.inputs[1].data, delta));
  RETURN_IF_ERROR(CheckOutputView(context.outputs[0], dtype, {count}));
  void* out = context.outputs[0].data;
  switch (dtype) {
    case ir::DType::kInt32:
      FillRange<int32_t>(start, delta, count, out);
      break;
    case ir::DType::kInt64:
      FillRange<int64_t>(start, delta, count, out);
      break;
    case ir::DType::kFloat32:
      FillRange<float>(start, delta, count, out);
      break;
    default:
      FillRange<double>(start, delta, count, out);
      break;
  }
  return OkStatus();
}

OpCost CountRange(const CostContext& context) { return ElementwiseCost(context, 1); }

}  // namespace

const OpDef& SqueezeOpDef() {
  static const OpDef def{.kind = OpKind::kSqueeze,
                         .infer_shapes = InferSqueeze,
                         .count_cost = CountMove,
                         .compute_reference = ComputeSqueeze};
  return def;
}

const OpDef& UnsqueezeOpDef() {
  static const OpDef def{.kind = OpKind::kUnsqueeze,
                         .infer_shapes = InferUnsqueeze,
                         .count_cost = CountMove,
                         .compute_reference = ComputeUnsqueeze};
  return def;
}

const OpDef& PackOpDef() {
  static const OpDef def{.kind = OpKind::kPack,
                         .infer_shapes = InferPack,
                         .count_cost = CountMove,
                         .compute_reference = ComputePack};
  return def;
}

const OpDef& UnpackOpDef() {
  static const OpDef def{.kind = OpKind::kUnpack,
                         .infer_shapes = InferUnpack,
                         .count_cost = CountMove,
                         .compute_reference = ComputeUnpack};
  return def;
}

const OpDef& SplitOpDef() {
  static const OpDef def{.kind = OpKind::kSplit,
                         .infer_shapes = InferSplit,
                         .count_cost = CountMove,
                         .compute_reference = ComputeSplit};
  return def;
}

const OpDef& SliceOpDef() {
  static const OpDef def{.kind = OpKind::kSlice,
                         .value_operands = {1, 2},
                         .infer_shapes = InferSlice,
                         .count_cost = CountSelect,
                         .compute_reference = ComputeSlice};
  return def;
}

const OpDef& FillOpDef() {
  static const OpDef def{.kind = OpKind::kFill,
                         .value_operands = {0},
                         .infer_shapes = InferFill,
                         .count_cost = CountMove,
                         .compute_reference = ComputeFill};
  return def;
}

const OpDef& TileOpDef() {
  static const OpDef def{.kind = OpKind::kTile,
                         .value_operands = {1},
                         .infer_shapes = InferTile,
                         .count_cost = CountMove,
                         .compute_reference = ComputeTile};
  return def;
}

const OpDef& GatherOpDef() {
  static const OpDef def{.kind = OpKind::kGather,
                         .infer_shapes = InferGather,
                         .count_cost = CountSelect,
                         .compute_reference = ComputeGather};
  return def;
}

const OpDef& OneHotOpDef() {
  static const OpDef def{.kind = OpKind::kOneHot,
                         .value_operands = {1},
                         .infer_shapes = InferOneHot,
                         .count_cost = CountMove,
                         .compute_reference = ComputeOneHot};
  return def;
}

const OpDef& RangeOpDef() {
  static const OpDef def{.kind = OpKind::kRange,
                         .value_operands = {0, 1, 2},
                         .infer_shapes = InferRange,
                         .count_cost = CountRange,
                         .compute_reference = ComputeRange};
  return def;
}

}  // namespace mb::ops
