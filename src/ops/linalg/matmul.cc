// MatMul: matrix product with optional transposes, batch broadcasting, bias and activation.
//
// Operands: A [..., M, K] (or [..., K, M] with trans_a), B [..., K, N] (or [..., N, K] with
// trans_b), optional bias [N]. Batch dimensions broadcast (TF BatchMatMulV2, ONNX MatMul).
// A 1-D operand follows NumPy (ONNX MatMul): A [K] is a row [1, K], B [K] a column [K, 1],
// and that unit dimension is dropped from the output; 1-D operands take no transpose.
// Params: trans_a, trans_b (default false); activation, alpha as for Conv.
#include "ops/activation.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

struct MatMulDims {
  int64_t m, k, n;
  bool a_vector = false, b_vector = false;  // 1-D operands (M or N dropped from the output)
  std::vector<int64_t> batch;               // broadcast batch sizes
};

StatusOr<MatMulDims> ComputeDims(const Params& params, std::vector<int64_t> a,
                                 std::vector<int64_t> b) {
  if (a.empty() || b.empty()) {
    return InvalidArgumentError("MatMul operands must have rank >= 1");
  }
  const bool trans_a = params.Bool("trans_a", false);
  const bool trans_b = params.Bool("trans_b", false);
  MatMulDims d;
  if (a.size() == 1) {
    if (trans_a) return InvalidArgumentError("a 1-D operand cannot be transposed");
    a.insert(a.begin(), 1);
    d.a_vector = true;
  }
  if (b.size() == 1) {
    if (trans_b) return InvalidArgumentError("a 1-D operand cannot be transposed");
    b.push_back(1);
    d.b_vector = true;
  }
  const size_t ra = a.size(), rb = b.size();
  d.m = trans_a ? a[ra - 1] : a[ra - 2];
  d.k = trans_a ? a[ra - 2] : a[ra - 1];
  const int64_t kb = trans_b ? b[rb - 1] : b[rb - 2];
  d.n = trans_b ? b[rb - 2] : b[rb - 1];
  if (d.k != kb) {
    return InvalidArgumentError("inner dimensions differ: " + std::to_string(d.k) + " and " +
                                std::to_string(kb));
  }
  std::vector<int64_t> batch_a(a.begin(), a.end() - 2), batch_b(b.begin(), b.end() - 2);
  ASSIGN_OR_RETURN(ir::Shape batch,
                   BroadcastShapes(ir::Shape::Static(batch_a), ir::Shape::Static(batch_b)));
  d.batch = batch.Sizes();
  return d;
}

Status InferMatMul(InferenceContext& context) {
  const TensorType& a = context.operand(0);
  const TensorType& b = context.operand(1);
  if (a.dtype != ir::DType::kFloat32) {
    return UnimplementedError("MatMul supports float32 only");
  }
  if (!a.shape.IsFullyKnown() || !b.shape.IsFullyKnown()) {
    context.set_output(0, {a.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(MatMulDims d, ComputeDims(context.params(), a.shape.Sizes(), b.shape.Sizes()));
  RETURN_IF_ERROR(ParseActivation(context.params().String("activation", "")).status());
  if (context.has_operand(2)) {
    std::optional<int64_t> bias = context.operand(2).shape.NumElements();
    if (bias && *bias != d.n) {
      return InvalidArgumentError("bias has " + std::to_string(*bias) + " elements, expected " +
                                  std::to_string(d.n));
    }
  }
  std::vector<int64_t> sizes = d.batch;
  if (!d.a_vector) sizes.push_back(d.m);
  if (!d.b_vector) sizes.push_back(d.n);
  context.set_output(0, {a.dtype, ir::Shape::Static(sizes)});
  return OkStatus();
}

OpCost CountMatMul(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  const TensorType& a = context.operands[0];
  const TensorType& b = context.operands[1];
  if (!a.shape.IsFullyKnown() || !b.shape.IsFullyKnown()) return cost;
  auto d = ComputeDims(context.params, a.shape.Sizes(), b.shape.Sizes());
  if (!d.ok()) return cost;
  int64_t batch = 1;
  for (int64_t s : d->batch) batch *= s;
  cost.macs = batch * d->m * d->n * d->k;
  cost.flops = 2 * cost.macs;
  return cost;
}

Status ComputeMatMul(const ComputeContext& context) {
  const TensorView& a = context.inputs[0];
  const TensorView& b = context.inputs[1];
  const float* bias =
      context.inputs.size() > 2 ? context.inputs[2].As<float>() : nullptr;  // null if absent
  ASSIGN_OR_RETURN(MatMulDims d, ComputeDims(context.params, a.sizes, b.sizes));
  if (bias != nullptr && context.inputs[2].num_elements() != d.n) {
    return InvalidArgumentError("bias does not match the output columns");
  }
  ASSIGN_OR_RETURN(Activation activation, ParseActivation(context.params.String("activation", "")));
  const float alpha = context.params.Float("alpha", 0.2f);
  const bool trans_a = context.params.Bool("trans_a", false);
  const bool trans_b = context.params.Bool("trans_b", false);
  const int batch_rank = static_cast<int>(d.batch.size());
  // Batch sizes: all but the matrix dimensions (a 1-D operand has none).
  std::vector<int64_t> batch_a(a.sizes.begin(), a.sizes.end() - (d.a_vector ? 1 : 2));
  std::vector<int64_t> batch_b(b.sizes.begin(), b.sizes.end() - (d.b_vector ? 1 : 2));
  const auto strides_a = BroadcastStrides(batch_a, batch_rank, d.batch);
  const auto strides_b = BroadcastStrides(batch_b, batch_rank, d.batch);
  int64_t batch_count = 1;
  for (int64_t s : d.batch) batch_count *= s;
  const float* pa = a.As<float>();
  const float* pb = b.As<float>();
  float* out = context.outputs[0].As<float>();
  for (int64_t batch = 0; batch < batch_count; ++batch) {
    // Offsets of this batch's matrices under broadcasting.
    int64_t offset_a = 0, offset_b = 0, rest = batch;
    for (int i = batch_rank - 1; i >= 0; --i) {
      const int64_t index = rest % d.batch[i];
      rest /= d.batch[i];
      offset_a += index * strides_a[i];
      offset_b += index * strides_b[i];
    }
    const float* ma = pa + offset_a * d.m * d.k;
    const float* mb = pb + offset_b * d.k * d.n;
    float* mc = out + batch * d.m * d.n;
    for (int64_t i = 0; i < d.m; ++i) {
      for (int64_t j = 0; j < d.n; ++j) {
        double sum = bias ? bias[j] : 0.0;
        for (int64_t p = 0; p < d.k; ++p) {
          const float va = trans_a ? ma[p * d.m + i] : ma[i * d.k + p];
          const float vb = trans_b ? mb[j * d.k + p] : mb[p * d.n + j];
          sum += static_cast<double>(va) * vb;
        }
        mc[i * d.n + j] = ApplyActivation(activation, alpha, static_cast<float>(sum));
      }
    }
  }
  return OkStatus();
}

}  // namespace

const OpDef& MatMulOpDef() {
  static const OpDef def{.kind = OpKind::kMatMul,
                         .infer_shapes = InferMatMul,
                         .count_cost = CountMatMul,
                         .compute_reference = ComputeMatMul};
  return def;
}

}  // namespace mb::ops
