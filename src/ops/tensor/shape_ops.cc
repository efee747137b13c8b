// Ops that move data without arithmetic: Reshape, Pad, StridedSlice, Concat, Transpose and
// Shape. They run on any plain-data dtype.
//
// Reshape operands: X, shape (int constant). At most one -1 (inferred). Param
//   zero_copies_input (false: TF, where 0 means a zero-sized dimension; ONNX sets true).
// Pad operands: X, paddings (int constant, [rank, 2] of (before, after)), optional constant
//   value (scalar). Param mode "CONSTANT" (default), "REFLECT", "SYMMETRIC" (TF MirrorPad)
//   or "EDGE" (ONNX Pad's "edge": the border element repeats; a padded dimension must not
//   be empty).
// StridedSlice operands: X, begin, end, strides (int constants); params begin_mask,
//   end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask (TF semantics).
//   With param onnx_axes (false) set, the operands are ONNX Slice's instead: X, starts,
//   ends, optional axes (default 0..n-1; negative counts from the end) and optional steps
//   (default 1), int constants of one length; dimensions not named keep their full range.
//   Bounds are clamped as in TF (which is ONNX's rule except where a negative step starts
//   before the first element: ONNX clamps that start to 0, TF makes the slice empty).
// Concat operands: X... ; param axis.  Transpose operand X; param perm (default reversed).
// Shape operand X; param out_dtype (int32 default, or int64).
#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

size_t ElementSize(const TensorView& view) { return ir::DTypeSize(view.dtype); }

Status RequirePlainData(const TensorType& type) {
  if (!ir::IsPlainData(type.dtype)) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(type.dtype)) +
                              " is not supported");
  }
  return OkStatus();
}

// ---- Reshape ----

StatusOr<std::vector<int64_t>> ReshapeSizes(const Params& params, const std::vector<int64_t>& in,
                                            std::vector<int64_t> requested) {
  const bool zero_copies = params.Bool("zero_copies_input", false);
  int64_t known = 1;
  int infer = -1;
  // A declared input shape can be absurd: its element count is checked too.
  ASSIGN_OR_RETURN(const int64_t in_count, ir::CheckedNumElements(in));
  for (size_t i = 0; i < requested.size(); ++i) {
    if (requested[i] == 0 && zero_copies) {
      if (i >= in.size()) return InvalidArgumentError("shape copies a dimension that is absent");
      requested[i] = in[i];
    }
    if (requested[i] == -1) {
      if (infer >= 0) return InvalidArgumentError("shape has more than one -1");
      infer = static_cast<int>(i);
    } else if (requested[i] < 0) {
      return InvalidArgumentError("shape has negative dimension " + std::to_string(requested[i]));
    } else {
      auto product = ir::CheckedMultiply(known, requested[i]);
      if (!product) return InvalidArgumentError("shape overflows");
      known = *product;
    }
  }
  if (infer >= 0) {
    if (known == 0 || in_count % known != 0) {
      return InvalidArgumentError("cannot reshape " + std::to_string(in_count) + " elements into " +
                                  ir::Shape::Static(requested).ToString());
    }
    requested[infer] = in_count / known;
  } else if (known != in_count) {
    return InvalidArgumentError("cannot reshape " + std::to_string(in_count) + " elements into " +
                                ir::Shape::Static(requested).ToString());
  }
  return requested;
}

Status InferReshape(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x));
  ASSIGN_OR_RETURN(std::vector<int64_t> requested,
                   ConstantInts(context.operand_value(1), "the target shape"));
  if (!x.shape.IsFullyKnown()) {
    // Without the input's size, only the explicit dimensions are known: -1 is unknown, and
    // an ONNX 0 copies the input's dimension (itself perhaps unknown or symbolic).
    const bool zero_copies = context.params().Bool("zero_copies_input", false);
    std::vector<ir::Dim> dims;
    for (size_t i = 0; i < requested.size(); ++i) {
      if (requested[i] == 0 && zero_copies) {
        dims.push_back(x.shape.rank_known() && static_cast<int>(i) < x.shape.rank()
                           ? x.shape.dim(static_cast<int>(i))
                           : ir::Dim::Unknown());
      } else if (requested[i] < 0) {
        dims.push_back(ir::Dim::Unknown());
      } else {
        dims.push_back(ir::Dim::Known(requested[i]));
      }
    }
    context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(auto sizes, ReshapeSizes(context.params(), x.shape.Sizes(), requested));
  context.set_output(0, {x.dtype, ir::Shape::Static(sizes)});
  return OkStatus();
}

Status ComputeCopy(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  if (context.outputs[0].data != x.data) {
    std::memcpy(context.outputs[0].data, x.data, x.num_elements() * ElementSize(x));
  }
  return OkStatus();
}

// ---- Pad ----

StatusOr<std::vector<int64_t>> ReadPaddings(const std::vector<int64_t>& flat, int rank) {
  if (static_cast<int>(flat.size()) != 2 * rank) {
    return InvalidArgumentError("paddings have " + std::to_string(flat.size()) +
                                " values, expected " + std::to_string(2 * rank));
  }
  for (int64_t p : flat) {
    if (p < 0) return UnimplementedError("negative padding is not supported");
  }
  return flat;
}

Status InferPad(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x));
  ASSIGN_OR_RETURN(std::vector<int64_t> flat,
                   ConstantInts(context.operand_value(1), "the paddings"));
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(auto pads, ReadPaddings(flat, x.shape.rank()));
  const std::string mode = context.params().String("mode", "CONSTANT");
  if (mode != "CONSTANT" && mode != "REFLECT" && mode != "SYMMETRIC" && mode != "EDGE") {
    return InvalidArgumentError("unknown pad mode '" + mode + "'");
  }
  std::vector<ir::Dim> dims;
  for (int i = 0; i < x.shape.rank(); ++i) {
    const ir::Dim& d = x.shape.dim(i);
    if (!d.is_known()) {
      dims.push_back(ir::Dim::Unknown());
      continue;
    }
    const bool padded = pads[2 * i] > 0 || pads[2 * i + 1] > 0;
    if (mode == "EDGE" && padded && d.size() == 0) {
      return InvalidArgumentError("EDGE padding of an empty dimension");
    }
    const int64_t limit = mode == "REFLECT" ? d.size() - 1 : d.size();
    if ((mode == "REFLECT" || mode == "SYMMETRIC") &&
        (pads[2 * i] > limit || pads[2 * i + 1] > limit)) {
      return InvalidArgumentError(mode + " padding larger than the input dimension");
    }
    dims.push_back(ir::Dim::Known(d.size() + pads[2 * i] + pads[2 * i + 1]));
  }
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputePad(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  const std::vector<int64_t> pads = ViewInts(context.inputs[1]);
  const std::string mode = context.params.String("mode", "CONSTANT");
  const size_t element = ElementSize(x);
  const int rank = x.rank();
  // The fill value: the optional scalar operand, else zero bytes.
  std::vector<char> fill(element, 0);
  if (context.inputs.size() > 2 && context.inputs[2].data != nullptr) {
    std::memcpy(fill.data(), context.inputs[2].data, element);
  }
  const char* in = static_cast<const char*>(x.data);
  char* out = static_cast<char*>(y.data);
  std::vector<int64_t> in_strides(rank, 1);
  for (int i = rank - 2; i >= 0; --i) in_strides[i] = in_strides[i + 1] * x.sizes[i + 1];
  std::vector<int64_t> index(rank, 0);
  const int64_t total = y.num_elements();
  for (int64_t o = 0; o < total; ++o) {
    bool inside = true;
    int64_t source = 0;
    for (int d = 0; d < rank; ++d) {
      int64_t i = index[d] - pads[2 * d];
      const int64_t n = x.sizes[d];
      if (i < 0 || i >= n) {
        if (mode == "REFLECT") {
          i = i < 0 ? -i : 2 * (n - 1) - i;
        } else if (mode == "SYMMETRIC") {
          i = i < 0 ? -i - 1 : 2 * n - 1 - i;
        } else if (mode == "EDGE") {
          i = i < 0 ? 0 : n - 1;
        } else {
          inside = false;
          break;
        }
      }
      source += i * in_strides[d];
    }
    std::memcpy(out + o * element, inside ? in + source * element : fill.data(), element);
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < y.sizes[d]) break;
      index[d] = 0;
    }
  }
  return OkStatus();
}

// ---- StridedSlice (TF's ValidateStridedSliceOp, shared/spec/tf-tools.md 6.2 #70) ----

struct DenseSlice {
  std::vector<int64_t> begin, stride, size;  // per input dimension
  std::vector<int64_t> final_sizes;          // after new axes and shrinks
};

StatusOr<DenseSlice> ComputeSlice(const Params& params, const std::vector<int64_t>& in,
                                  const std::vector<int64_t>& begin,
                                  const std::vector<int64_t>& end,
                                  const std::vector<int64_t>& strides) {
  const int sparse_dims = static_cast<int>(begin.size());
  if (end.size() != begin.size() || strides.size() != begin.size()) {
    return InvalidArgumentError("begin, end and strides differ in length");
  }
  int64_t begin_mask = params.Int("begin_mask", 0), end_mask = params.Int("end_mask", 0);
  int64_t ellipsis_mask = params.Int("ellipsis_mask", 0);
  const int64_t new_axis_mask = params.Int("new_axis_mask", 0);
  const int64_t shrink_mask = params.Int("shrink_axis_mask", 0);
  const int rank = static_cast<int>(in.size());
  int dims = sparse_dims;
  if (ellipsis_mask == 0) {  // an implicit ellipsis at the end
    ellipsis_mask = int64_t{1} << sparse_dims;
    ++dims;
  }
  int ellipsis_at = 0;
  while (!((ellipsis_mask >> ellipsis_at) & 1)) ++ellipsis_at;
  int new_axes_after_ellipsis = 0;
  for (int i = ellipsis_at + 1; i < sparse_dims; ++i)
    new_axes_after_ellipsis += (new_axis_mask >> i) & 1;

  constexpr int64_t kNewAxis = -1, kShrink = -2;
  std::vector<int64_t> dense_begin(rank, 0), dense_end(rank, 0), dense_stride(rank, 1);
  std::vector<bool> dense_begin_masked(rank, false), dense_end_masked(rank, false),
      dense_shrink(rank, false);
  std::vector<int64_t> gather;  // per final dim: a dense index, kNewAxis or kShrink
  int full = 0;
  for (int i = 0; i < dims; ++i) {
    if ((ellipsis_mask >> i) & 1) {
      const int next = std::min(rank - (dims - i) + 1 + new_axes_after_ellipsis, rank);
      for (; full < next; ++full) {
        dense_begin_masked[full] = dense_end_masked[full] = true;
        gather.push_back(full);
      }
    } else if ((new_axis_mask >> i) & 1) {
      gather.push_back(kNewAxis);
    } else {
      if (full >= rank) return InvalidArgumentError("slice has more dimensions than the input");
      dense_begin[full] = begin[i];
      dense_end[full] = end[i];
      dense_stride[full] = strides[i];
      dense_begin_masked[full] = (begin_mask >> i) & 1;
      dense_end_masked[full] = (end_mask >> i) & 1;
      if ((shrink_mask >> i) & 1) {
        dense_shrink[full] = true;
        gather.push_back(kShrink);
      } else {
        gather.push_back(full);
      }
      ++full;
    }
  }
  DenseSlice slice;
  slice.begin.resize(rank);
  slice.stride.resize(rank);
  slice.size.resize(rank);
  for (int d = 0; d < rank; ++d) {
    const int64_t n = in[d];
    const int64_t s = dense_stride[d];
    if (s == 0) return InvalidArgumentError("slice stride is zero");
    if (dense_shrink[d]) {
      const int64_t b = dense_begin[d] < 0 ? dense_begin[d] + n : dense_begin[d];
      if (b < 0 || b >= n) return InvalidArgumentError("slice index out of bounds");
      slice.begin[d] = b, slice.stride[d] = 1, slice.size[d] = 1;
      continue;
    }
    auto canonical = [&](int64_t x, bool masked, bool is_begin) -> int64_t {
      if (masked) return s > 0 ? (is_begin ? 0 : n) : (is_begin ? n - 1 : -1);
      const int64_t forward = x < 0 ? x + n : x;
      return s > 0 ? std::clamp<int64_t>(forward, 0, n) : std::clamp<int64_t>(forward, -1, n - 1);
    };
    const int64_t b = canonical(dense_begin[d], dense_begin_masked[d], true);
    const int64_t e = canonical(dense_end[d], dense_end_masked[d], false);
    int64_t size = 0;
    // ceil(|e - b| / |s|) without s + ... or -s, which overflow for strides near the limits.
    if (s > 0 && e > b) size = 1 + (e - b - 1) / s;
    if (s < 0 && e < b) size = 1 - (b - e - 1) / s;
    slice.begin[d] = b, slice.stride[d] = s, slice.size[d] = size;
  }
  for (int64_t g : gather) {
    if (g == kNewAxis) slice.final_sizes.push_back(1);
    if (g >= 0) slice.final_sizes.push_back(slice.size[g]);
  }
  return slice;
}

// ONNX Slice's (starts, ends, axes, steps) as a TF slice over every dimension: named axes
// get their bounds, the others full range through begin_mask/end_mask.
StatusOr<DenseSlice> ComputeOnnxSlice(const std::vector<int64_t>& in,
                                      const std::vector<int64_t>& starts,
                                      const std::vector<int64_t>& ends,
                                      std::optional<std::vector<int64_t>> axes,
                                      std::optional<std::vector<int64_t>> steps) {
  const int rank = static_cast<int>(in.size());
  const size_t n = starts.size();
  if (!axes) {
    axes.emplace(n);
    for (size_t i = 0; i < n; ++i) (*axes)[i] = static_cast<int64_t>(i);
  }
  if (!steps) steps.emplace(n, 1);
  if (ends.size() != n || axes->size() != n || steps->size() != n) {
    return InvalidArgumentError("starts, ends, axes and steps differ in length");
  }
  std::vector<int64_t> begin(rank, 0), end(rank, 0), strides(rank, 1);
  int64_t begin_mask = (int64_t{1} << rank) - 1, end_mask = begin_mask;
  for (size_t i = 0; i < n; ++i) {
    ASSIGN_OR_RETURN(int axis, NormalizeAxis((*axes)[i], rank));
    if (!((begin_mask >> axis) & 1)) return InvalidArgumentError("slice axes repeat");
    begin_mask &= ~(int64_t{1} << axis);
    end_mask &= ~(int64_t{1} << axis);
    begin[axis] = starts[i];
    end[axis] = ends[i];
    strides[axis] = (*steps)[i];
  }
  ir::AttributeMap masks;
  masks["begin_mask"] = ir::Attribute{begin_mask};
  masks["end_mask"] = ir::Attribute{end_mask};
  return ComputeSlice(Params(masks), in, begin, end, strides);
}

// The slice of X that the operands (constants at inference, views when running) describe.
StatusOr<DenseSlice> SliceFromOperands(
    const Params& params, const std::vector<int64_t>& in,
    const std::vector<std::optional<std::vector<int64_t>>>& ints) {
  if (params.Bool("onnx_axes", false)) {
    if (!ints[1] || !ints[2]) return InvalidArgumentError("starts and ends are required");
    return ComputeOnnxSlice(in, *ints[1], *ints[2], ints[3], ints[4]);
  }
  if (!ints[1] || !ints[2] || !ints[3]) {
    return InvalidArgumentError("begin, end and strides are required");
  }
  return ComputeSlice(params, in, *ints[1], *ints[2], *ints[3]);
}

Status InferStridedSlice(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x));
  static constexpr const char* kNames[] = {"", "begin", "end", "strides", "steps"};
  std::vector<std::optional<std::vector<int64_t>>> ints(5);
  for (int i = 1; i < 5; ++i) {
    if (!context.has_operand(i)) continue;
    ASSIGN_OR_RETURN(ints[i], ConstantInts(context.operand_value(i), kNames[i]));
  }
  if (!x.shape.IsFullyKnown()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(DenseSlice slice, SliceFromOperands(context.params(), x.shape.Sizes(), ints));
  context.set_output(0, {x.dtype, ir::Shape::Static(slice.final_sizes)});
  return OkStatus();
}

Status ComputeStridedSlice(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  std::vector<std::optional<std::vector<int64_t>>> ints(5);
  for (size_t i = 1; i < 5 && i < context.inputs.size(); ++i) {
    if (context.inputs[i].data != nullptr) ints[i] = ViewInts(context.inputs[i]);
  }
  ASSIGN_OR_RETURN(DenseSlice slice, SliceFromOperands(context.params, x.sizes, ints));
  const int rank = x.rank();
  const size_t element = ElementSize(x);
  std::vector<int64_t> in_strides(rank, 1);
  for (int i = rank - 2; i >= 0; --i) in_strides[i] = in_strides[i + 1] * x.sizes[i + 1];
  int64_t total = 1;
  for (int64_t s : slice.size) total *= s;
  const char* in = static_cast<const char*>(x.data);
  char* out = static_cast<char*>(context.outputs[0].data);
  std::vector<int64_t> index(rank, 0);
  for (int64_t o = 0; o < total; ++o) {
    int64_t source = 0;
    for (int d = 0; d < rank; ++d) {
      source += (slice.begin[d] + index[d] * slice.stride[d]) * in_strides[d];
    }
    std::memcpy(out + o * element, in + source * element, element);
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < slice.size[d]) break;
      index[d] = 0;
    }
  }
  return OkStatus();
}

// ---- Concat ----

Status InferConcat(InferenceContext& context) {
  if (context.num_operands() < 1) return InvalidArgumentError("needs at least 1 operand");
  const TensorType& first = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(first));
  if (!first.shape.rank_known()) {
    context.set_output(0, {first.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  const int rank = first.shape.rank();
  // Scalars have no axis to join on (ONNX and TF reject them; NormalizeAxis would not).
  if (rank == 0) return InvalidArgumentError("cannot concatenate scalars");
  ASSIGN_OR_RETURN(int axis, NormalizeAxis(context.params().Int("axis", 0), rank));
  std::vector<ir::Dim> dims = first.shape.dims();
  for (int i = 1; i < context.num_operands(); ++i) {
    const TensorType& t = context.operand(i);
    if (t.dtype != first.dtype) return InvalidArgumentError("operands differ in dtype");
    if (!t.shape.rank_known() || t.shape.rank() != rank) {
      return InvalidArgumentError("operands differ in rank");
    }
    for (int d = 0; d < rank; ++d) {
      const ir::Dim& a = dims[d];
      const ir::Dim& b = t.shape.dim(d);
      if (d == axis) {
        if (a.is_known() && b.is_known() &&
            a.size() > std::numeric_limits<int64_t>::max() - b.size()) {
          return InvalidArgumentError("the concatenated dimension overflows int64");
        }
        dims[d] =
            a.is_known() && b.is_known() ? ir::Dim::Known(a.size() + b.size()) : ir::Dim::Unknown();
      } else if (a.is_known() && b.is_known() && a.size() != b.size()) {
        return InvalidArgumentError("operand " + std::to_string(i) + " has shape " +
                                    t.shape.ToString() + ", which does not match " +
                                    first.shape.ToString() + " off the concat axis");
      }
    }
  }
  context.set_output(0, {first.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeConcat(const ComputeContext& context) {
  const TensorView& y = context.outputs[0];
  ASSIGN_OR_RETURN(int axis, NormalizeAxis(context.params.Int("axis", 0), y.rank()));
  int64_t outer = 1;
  for (int i = 0; i < axis; ++i) outer *= y.sizes[i];
  const size_t element = ElementSize(y);
  int64_t inner = element;
  for (int i = axis + 1; i < y.rank(); ++i) inner *= y.sizes[i];
  char* out = static_cast<char*>(y.data);
  const int64_t out_row = y.sizes[axis] * inner;
  int64_t offset = 0;
  for (const TensorView& x : context.inputs) {
    const int64_t row = x.sizes[axis] * inner;
    const char* in = static_cast<const char*>(x.data);
    for (int64_t o = 0; o < outer; ++o) std::memcpy(out + o * out_row + offset, in + o * row, row);
    offset += row;
  }
  return OkStatus();
}

// ---- Transpose ----

StatusOr<std::vector<int64_t>> Permutation(const Params& params, int rank) {
  std::vector<int64_t> perm = params.Ints("perm", {});
  if (perm.empty()) {
    for (int i = rank - 1; i >= 0; --i) perm.push_back(i);
  }
  if (static_cast<int>(perm.size()) != rank) {
    return InvalidArgumentError("perm has " + std::to_string(perm.size()) + " entries for rank " +
                                std::to_string(rank));
  }
  std::vector<bool> seen(rank, false);
  for (int64_t& p : perm) {
    ASSIGN_OR_RETURN(int axis, NormalizeAxis(p, rank));
    if (seen[axis]) return InvalidArgumentError("perm repeats an axis");
    seen[axis] = true;
    p = axis;
  }
  return perm;
}

Status InferTranspose(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  RETURN_IF_ERROR(RequirePlainData(x));
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(auto perm, Permutation(context.params(), x.shape.rank()));
  std::vector<ir::Dim> dims;
  for (int64_t p : perm) dims.push_back(x.shape.dim(static_cast<int>(p)));
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status ComputeTranspose(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  const int rank = x.rank();
  ASSIGN_OR_RETURN(auto perm, Permutation(context.params, rank));
  std::vector<int64_t> in_strides(rank, 1);
  for (int i = rank - 2; i >= 0; --i) in_strides[i] = in_strides[i + 1] * x.sizes[i + 1];
  const size_t element = ElementSize(x);
  const char* in = static_cast<const char*>(x.data);
  char* out = static_cast<char*>(y.data);
  std::vector<int64_t> index(rank, 0);
  const int64_t total = y.num_elements();
  for (int64_t o = 0; o < total; ++o) {
    int64_t source = 0;
    for (int d = 0; d < rank; ++d) source += index[d] * in_strides[perm[d]];
    std::memcpy(out + o * element, in + source * element, element);
    for (int d = rank - 1; d >= 0; --d) {
      if (++index[d] < y.sizes[d]) break;
      index[d] = 0;
    }
  }
  return OkStatus();
}

// ---- Shape ----

Status InferShape(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  const ir::DType out_dtype = context.params().DType("out_dtype", ir::DType::kInt32);
  if (out_dtype != ir::DType::kInt32 && out_dtype != ir::DType::kInt64) {
    return InvalidArgumentError("Shape output must be int32 or int64");
  }
  context.set_output(
      0, {out_dtype, x.shape.rank_known() ? ir::Shape::Static({x.shape.rank()})
                                          : ir::Shape(std::vector<ir::Dim>{ir::Dim::Unknown()})});
  return OkStatus();
}

Status ComputeShape(const ComputeContext& context) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  for (int i = 0; i < x.rank(); ++i) {
    if (y.dtype == ir::DType::kInt32) {
      y.As<int32_t>()[i] = static_cast<int32_t>(x.sizes[i]);
    } else {
      y.As<int64_t>()[i] = x.sizes[i];
    }
  }
  return OkStatus();
}

OpCost CountMove(const CostContext& context) { return ElementwiseCost(context, 0); }

}  // namespace

const OpDef& ReshapeOpDef() {
  static const OpDef def{.kind = OpKind::kReshape,
                         .value_operands = {1},
                         .infer_shapes = InferReshape,
                         .count_cost = CountMove,
                         .compute_reference = ComputeCopy};
  return def;
}

const OpDef& PadOpDef() {
  static const OpDef def{.kind = OpKind::kPad,
                         .value_operands = {1},
                         .infer_shapes = InferPad,
                         .count_cost = CountMove,
                         .compute_reference = ComputePad};
  return def;
}

const OpDef& StridedSliceOpDef() {
  static const OpDef def{.kind = OpKind::kStridedSlice,
                         .value_operands = {1, 2, 3, 4},
                         .infer_shapes = InferStridedSlice,
                         .count_cost = CountMove,
                         .compute_reference = ComputeStridedSlice};
  return def;
}

const OpDef& ConcatOpDef() {
  static const OpDef def{.kind = OpKind::kConcat,
                         .infer_shapes = InferConcat,
                         .count_cost = CountMove,
                         .compute_reference = ComputeConcat};
  return def;
}

const OpDef& TransposeOpDef() {
  static const OpDef def{.kind = OpKind::kTranspose,
                         .infer_shapes = InferTranspose,
                         .count_cost = CountMove,
                         .compute_reference = ComputeTranspose};
  return def;
}

const OpDef& ShapeOpDef() {
  static const OpDef def{.kind = OpKind::kShape,
                         .infer_shapes = InferShape,
                         .count_cost = CountMove,
                         .compute_reference = ComputeShape};
  return def;
}

}  // namespace mb::ops
