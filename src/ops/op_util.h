// Helpers shared by op definitions: broadcasting, convolution and pooling geometry, and
// dtype dispatch for reference math.
#ifndef MODELBENCH_OPS_OP_UTIL_H_
#define MODELBENCH_OPS_OP_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "ops/op_def.h"

namespace mb::ops {

// NumPy broadcasting of two shapes; unknown dims stay unknown unless the other is > 1.
StatusOr<ir::Shape> BroadcastShapes(const ir::Shape& a, const ir::Shape& b);

// Row-major strides of `sizes`; a broadcast dimension (size 1 against a larger output) gets
// stride 0 when aligned to `out_rank` trailing dimensions.
std::vector<int64_t> BroadcastStrides(const std::vector<int64_t>& sizes, int out_rank,
                                      const std::vector<int64_t>& out_sizes);

// out = f(a, b) element-wise under NumPy broadcasting, for operands and output of element
// types A, B and O, walking the output in row-major order with broadcast strides for both
// operands. REQUIRES: out has the broadcast shape.
template <typename A, typename B, typename O, typename F>
void BroadcastApplyMixed(const TensorView& a, const TensorView& b, const TensorView& out, F f) {
  const int rank = out.rank();
  const auto strides_a = BroadcastStrides(a.sizes, rank, out.sizes);
  const auto strides_b = BroadcastStrides(b.sizes, rank, out.sizes);
  const A* pa = a.As<A>();
  const B* pb = b.As<B>();
  O* po = out.As<O>();
  const int64_t total = out.num_elements();
  if (a.num_elements() == total && b.num_elements() == total) {
    for (int64_t i = 0; i < total; ++i) po[i] = f(pa[i], pb[i]);
    return;
  }
  std::vector<int64_t> index(rank, 0);
  int64_t ia = 0, ib = 0;
  for (int64_t i = 0; i < total; ++i) {
    po[i] = f(pa[ia], pb[ib]);
    for (int d = rank - 1; d >= 0; --d) {
      ++index[d];
      ia += strides_a[d];
      ib += strides_b[d];
      if (index[d] < out.sizes[d]) break;
      ia -= strides_a[d] * index[d];
      ib -= strides_b[d] * index[d];
      index[d] = 0;
    }
  }
}

// BroadcastApplyMixed with one element type T throughout.
template <typename T, typename F>
void BroadcastApply(const TensorView& a, const TensorView& b, const TensorView& out, F f) {
  BroadcastApplyMixed<T, T, T>(a, b, out, f);
}

// An error unless a and b broadcast (NumPy rules) and `out` is allocated with their broadcast
// shape: what a binary reference checks before BroadcastApply writes into `out`.
Status CheckBroadcastOutput(const TensorView& a, const TensorView& b, const TensorView& out);

// The spatial rule of TF's kernel_shape_util.cc (shared/spec/tf-tools.md 6.1), also ONNX's
// SAME_UPPER: the extra padding pixel goes after.
struct Window {
  int64_t output = 0;
  int64_t pad_before = 0;
  int64_t pad_after = 0;
};
// padding: "SAME" (= ONNX "SAME_UPPER", also accepted), "SAME_LOWER" (ONNX: as SAME, but an
// odd total puts the extra pixel before), "VALID" or "EXPLICIT" (then explicit_before/after
// are used).
// ceil_mode (ONNX pooling, VALID and EXPLICIT only): the output size rounds up, so the last
// window may hang past the padded input; as in PyTorch and onnxruntime, a last window that
// would start past the input and its leading padding is dropped. pad_after stays the
// declared padding (the overhang is not padding: count_include_pad does not count it).
StatusOr<Window> ComputeWindow(int64_t input, int64_t filter, int64_t stride, int64_t dilation,
                               const std::string& padding, int64_t explicit_before,
                               int64_t explicit_after, bool ceil_mode = false);

// Positions of N, C, H, W in a 4-D tensor of the given layout ("NHWC" or "NCHW").
struct Layout4D {
  int n, c, h, w;
};
StatusOr<Layout4D> ParseDataLayout(const std::string& layout);

// 1-D spatial ops (ONNX Conv and pooling on [N, C, L]) run as 2-D ones with H = 1. These
// insert that unit H: Expand4D turns the sizes of a rank-3 tensor in `layout` (NCHW: [N, C,
// L], NHWC: [N, L, C]) into the 4-D sizes of the same memory; a rank-4 tensor is returned
// as is. REQUIRES: sizes has rank 3 or 4.
std::vector<int64_t> Expand4D(const std::vector<int64_t>& sizes, const Layout4D& layout);
// The [h, w] value of spatial list param `name` for `spatial_rank` 1 or 2: a 1-D op's list
// has one value ([l]) and gets H's identity, 1, prepended. An error if the count is wrong or a
// value is not positive (strides, dilations, kernel sizes).
StatusOr<std::vector<int64_t>> SpatialPair(const Params& params, const std::string& name,
                                           int64_t fallback, int spatial_rank);
// Padding [top, bottom, left, right] from param `pads`: 4 values for 2-D, [begin, end] for
// 1-D (then top = bottom = 0). An error for a wrong count or a negative value.
StatusOr<std::vector<int64_t>> SpatialPads(const Params& params, int spatial_rank);

// 3-D spatial ops (ONNX pooling and ConvTranspose on [N, C, D, H, W]; "NHWC" means
// [N, D, H, W, C]) index through 5-D sizes, and the 1-D and 2-D ones can run the same code
// with unit D (and H). Layout5D gives the positions in a 5-D tensor of `layout`; Expand5D the
// 5-D sizes of a rank 3, 4 or 5 tensor's memory. REQUIRES: sizes has rank 3, 4 or 5.
struct Layout5D {
  int n, c, d, h, w;
};
Layout5D To5D(const Layout4D& layout);
std::vector<int64_t> Expand5D(const std::vector<int64_t>& sizes, const Layout4D& layout);
// SpatialPair's [d, h, w] for `spatial_rank` 1, 2 or 3 (unit D and H prepended as needed).
StatusOr<std::vector<int64_t>> SpatialTriple(const Params& params, const std::string& name,
                                             int64_t fallback, int spatial_rank);
// Padding [front, back, top, bottom, left, right] (the [begin, end] pair of D, then H, then
// W) from param `pads`: 6 values for 3-D, else as SpatialPads with front = back = 0.
StatusOr<std::vector<int64_t>> SpatialPads3(const Params& params, int spatial_rank);

// Row-major offset of element (n, c, d, h, w) of a 5-D tensor of `sizes` laid out as `layout`.
inline int64_t Offset5D(const Layout5D& layout, const std::vector<int64_t>& sizes, int64_t n,
                        int64_t c, int64_t d, int64_t h, int64_t w) {
  int64_t index[5];
  index[layout.n] = n, index[layout.c] = c, index[layout.d] = d, index[layout.h] = h;
  index[layout.w] = w;
  return (((index[0] * sizes[1] + index[1]) * sizes[2] + index[2]) * sizes[3] + index[3]) *
             sizes[4] +
         index[4];
}

// Row-major offset of element (n, c, h, w) of a 4-D tensor of `sizes` laid out as `layout`.
inline int64_t Offset4D(const Layout4D& layout, const std::vector<int64_t>& sizes, int64_t n,
                        int64_t c, int64_t h, int64_t w) {
  int64_t index[4];
  index[layout.n] = n, index[layout.c] = c, index[layout.h] = h, index[layout.w] = w;
  return ((index[0] * sizes[1] + index[1]) * sizes[2] + index[2]) * sizes[3] + index[3];
}

// Calls `f(T{})` with T the C++ type of `dtype` for the types arithmetic runs on (float32,
// float64, int32, int64); an error for any other dtype.
template <typename F>
Status DispatchArithmetic(ir::DType dtype, F&& f) {
  switch (dtype) {
    case ir::DType::kFloat32:
      f(float{});
      return OkStatus();
    case ir::DType::kFloat64:
      f(double{});
      return OkStatus();
    case ir::DType::kInt32:
      f(int32_t{});
      return OkStatus();
    case ir::DType::kInt64:
      f(int64_t{});
      return OkStatus();
    default:
      return UnimplementedError("dtype " + std::string(ir::DTypeName(dtype)) +
                                " is not supported by this op");
  }
}

// DispatchArithmetic's types plus int8, uint8 and bool, for ops that only move or compare.
template <typename F>
Status DispatchNumeric(ir::DType dtype, F&& f) {
  switch (dtype) {
    case ir::DType::kInt8:
      f(int8_t{});
      return OkStatus();
    case ir::DType::kUInt8:
      f(uint8_t{});
      return OkStatus();
    case ir::DType::kBool:
      f(bool{});
      return OkStatus();
    default:
      return DispatchArithmetic(dtype, f);
  }
}

// Reads a constant integer tensor (int32 or int64) as int64 values.
StatusOr<std::vector<int64_t>> ConstantInts(const ir::Tensor* tensor, const char* what);

// The same for a runtime view.
std::vector<int64_t> ViewInts(const TensorView& view);

// Makes an axis in [-rank, rank) non-negative; an error if out of range.
StatusOr<int> NormalizeAxis(int64_t axis, int rank);

// ---- Checks shared by shape functions and reference math ----

// "[2,3]"; unlike Shape::ToString, a negative (invalid) size prints as itself.
std::string SizesString(const std::vector<int64_t>& sizes);

// An error (Unimplemented) unless `dtype` is plain data (not a string, resource, ...).
Status RequirePlainData(ir::DType dtype);

// An error unless `dtype` is int32 or int64; `what` names the operand.
Status RequireIndexType(ir::DType dtype, const char* what);

// `axis` in [-rank, rank), made non-negative; `what` names it in the error. Unlike
// NormalizeAxis, rank 0 has no valid axis.
StatusOr<int> AxisIn(int64_t axis, int rank, const char* what);

// A fully known output shape must have a representable element count (a shape with an
// unknown dimension passes).
Status CheckElementCount(const std::vector<ir::Dim>& dims);

// The integer values of a run-time view, checking its dtype (ViewInts does not).
StatusOr<std::vector<int64_t>> IntsOf(const TensorView& view, const char* what);

// Outputs are allocated from the inferred shapes; the reference recomputes them from the
// actual operands and refuses to write into a buffer of another type or size, or into none.
// `index` names the output in the error.
Status CheckOutputView(const TensorView& output, ir::DType dtype, const std::vector<int64_t>& sizes,
                       size_t index = 0);

// Total bytes of a fully known tensor type (0 if unknown or beyond int64).
int64_t TypeBytes(const TensorType& type);

// True if cost functions can count a node with these operand and output types in int64:
// every dimension and every tensor's element count is at most 2^30. Costs multiply sizes
// across tensors (MACs = output elements x filter or reduction size), so with this bound
// they stay below 2^61. Larger nodes are reported as not counted instead of overflowing.
bool CostIsCountable(std::span<const TensorType> operands, std::span<const TensorType> outputs);

// Cost of an op that touches every element of its operands and outputs once and does
// `flops_per_element` operations per output element.
OpCost ElementwiseCost(const CostContext& context, int64_t flops_per_element);

}  // namespace mb::ops

#endif  // MODELBENCH_OPS_OP_UTIL_H_
