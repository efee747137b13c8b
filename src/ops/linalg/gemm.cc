// Gemm (ONNX): Y = alpha * A' * B' + beta * C, with A' = trans_a ? A^T : A and likewise B'.
//
// Operands: A [M, K] ([K, M] with trans_a), B [K, N] ([N, K] with trans_b), optional C,
// unidirectionally broadcast to [M, N] (rank <= 2, each dimension 1 or the output's).
// Params: alpha (default 1), beta (default 1), trans_a, trans_b (default false).
// The ONNX importer maps the common case (alpha = beta = 1, C absent or [N]) onto MatMul,
// whose oneDNN kernel is fast; this op is the general form, reference math only.
//
// Cost: MACs = M * N * K; FLOPs = 2 * MACs, plus M * N each for the alpha scale, the beta
// scale and the C add when C is present.
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

struct GemmDims {
  int64_t m, k, n;
};

StatusOr<GemmDims> ComputeDims(const Params& params, const std::vector<int64_t>& a,
                               const std::vector<int64_t>& b) {
  if (a.size() != 2 || b.size() != 2) {
    return InvalidArgumentError("Gemm operands must be 2-D, got ranks " + std::to_string(a.size()) +
                                " and " + std::to_string(b.size()));
  }
  const bool trans_a = params.Bool("trans_a", false);
  const bool trans_b = params.Bool("trans_b", false);
  GemmDims d;
  d.m = trans_a ? a[1] : a[0];
  d.k = trans_a ? a[0] : a[1];
  const int64_t kb = trans_b ? b[1] : b[0];
  d.n = trans_b ? b[0] : b[1];
  if (d.k != kb) {
    return InvalidArgumentError("inner dimensions differ: " + std::to_string(d.k) + " and " +
                                std::to_string(kb));
  }
  return d;
}

// C must broadcast to [M, N] without growing: right-aligned, each dimension 1 or equal.
Status CheckC(const std::vector<int64_t>& c, const GemmDims& d) {
  if (c.size() > 2) {
    return InvalidArgumentError("C has rank " + std::to_string(c.size()) + ", expected <= 2");
  }
  const int64_t out[2] = {d.m, d.n};
  for (size_t i = 0; i < c.size(); ++i) {
    const int64_t target = out[2 - c.size() + i];
    if (c[i] != 1 && c[i] != target) {
      return InvalidArgumentError("C " + ir::Shape::Static(c).ToString() +
                                  " does not broadcast to [" + std::to_string(d.m) + "," +
                                  std::to_string(d.n) + "]");
    }
  }
  return OkStatus();
}

Status InferGemm(InferenceContext& context) {
  if (context.num_operands() < 2 || context.num_operands() > 3) {
    return InvalidArgumentError("needs 2 or 3 operands (A, B, optional C)");
  }
  const TensorType& a = context.operand(0);
  const TensorType& b = context.operand(1);
  if (a.dtype != ir::DType::kFloat32 || b.dtype != ir::DType::kFloat32) {
    return UnimplementedError("Gemm supports float32 only");
  }
  const bool has_c = context.has_operand(2);
  if (has_c && context.operand(2).dtype != ir::DType::kFloat32) {
    return UnimplementedError("Gemm supports float32 only");
  }
  for (const TensorType* t : {&a, &b}) {
    if (t->shape.rank_known() && t->shape.rank() != 2) {
      return InvalidArgumentError("Gemm operands must be 2-D, got " + t->shape.ToString());
    }
  }
  if (!a.shape.IsFullyKnown() || !b.shape.IsFullyKnown()) {
    // Rank 2 is certain; M and N may still be known.
    const bool trans_a = context.params().Bool("trans_a", false);
    const bool trans_b = context.params().Bool("trans_b", false);
    ir::Dim m = a.shape.rank_known() ? a.shape.dim(trans_a ? 1 : 0) : ir::Dim::Unknown();
    ir::Dim n = b.shape.rank_known() ? b.shape.dim(trans_b ? 0 : 1) : ir::Dim::Unknown();
    context.set_output(0, {a.dtype, ir::Shape(std::vector<ir::Dim>{m, n})});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(GemmDims d, ComputeDims(context.params(), a.shape.Sizes(), b.shape.Sizes()));
  if (has_c && context.operand(2).shape.IsFullyKnown()) {
    RETURN_IF_ERROR(CheckC(context.operand(2).shape.Sizes(), d));
  }
  context.set_output(0, {a.dtype, ir::Shape::Static({d.m, d.n})});
  return OkStatus();
}

OpCost CountGemm(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  const TensorType& a = context.operands[0];
  const TensorType& b = context.operands[1];
  if (!a.shape.IsFullyKnown() || !b.shape.IsFullyKnown()) return cost;
  auto d = ComputeDims(context.params, a.shape.Sizes(), b.shape.Sizes());
  if (!d.ok()) return cost;
  cost.macs = d->m * d->n * d->k;
  cost.flops = 2 * cost.macs;
  const bool has_c =
      context.operands.size() > 2 && context.operands[2].dtype != ir::DType::kInvalid;
  if (has_c) cost.flops += 3 * d->m * d->n;  // alpha scale, beta scale, add
  return cost;
}

Status ComputeGemm(const ComputeContext& context) {
  const TensorView& a = context.inputs[0];
  const TensorView& b = context.inputs[1];
  const TensorView* c =
      context.inputs.size() > 2 && context.inputs[2].data != nullptr ? &context.inputs[2] : nullptr;
  ASSIGN_OR_RETURN(GemmDims d, ComputeDims(context.params, a.sizes, b.sizes));
  if (c != nullptr) RETURN_IF_ERROR(CheckC(c->sizes, d));
  const bool trans_a = context.params.Bool("trans_a", false);
  const bool trans_b = context.params.Bool("trans_b", false);
  const double alpha = context.params.Float("alpha", 1.0f);
  const double beta = context.params.Float("beta", 1.0f);
  // C's strides over [M, N]: 0 along a broadcast dimension.
  int64_t c_row_stride = 0, c_col_stride = 0;
  if (c != nullptr) {
    const int64_t rows = c->rank() == 2 ? c->sizes[0] : 1;
    const int64_t cols = c->rank() >= 1 ? c->sizes[c->rank() - 1] : 1;
    c_row_stride = rows == 1 ? 0 : cols;
    c_col_stride = cols == 1 ? 0 : 1;
  }
  const float* pa = a.As<float>();
  const float* pb = b.As<float>();
  const float* pc = c != nullptr ? c->As<float>() : nullptr;
  float* out = context.outputs[0].As<float>();
  for (int64_t i = 0; i < d.m; ++i) {
    for (int64_t j = 0; j < d.n; ++j) {
      double sum = 0.0;
      for (int64_t p = 0; p < d.k; ++p) {
        const float va = trans_a ? pa[p * d.m + i] : pa[i * d.k + p];
        const float vb = trans_b ? pb[j * d.k + p] : pb[p * d.n + j];
        sum += static_cast<double>(va) * vb;
      }
      double y = alpha * sum;
      if (pc != nullptr) y += beta * pc[i * c_row_stride + j * c_col_stride];
      out[i * d.n + j] = static_cast<float>(y);
    }
  }
  return OkStatus();
}

}  // namespace

const OpDef& GemmOpDef() {
  static const OpDef def{.kind = OpKind::kGemm,
                         .infer_shapes = InferGemm,
                         .count_cost = CountGemm,
                         .compute_reference = ComputeGemm};
  return def;
}

}  // namespace mb::ops
