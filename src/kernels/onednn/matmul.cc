// Matrix products through oneDNN's matmul primitive: transposes expressed as strides (no
// copies), the bias and the fused activation inside the primitive.
//
// Operands of rank >= 2 (1-D operands go to the reference). Batch dimensions are collapsed
// into one, which works when each operand's batch is either the whole output batch or all
// ones (broadcast): then A [..., M, K] x B [K, N] (B's batch all ones, A not transposed) is
// one 2-D product with M' = batch * M, and every other case is a 3-D product whose operands
// have a batch of `batch` or 1 (oneDNN broadcasts a batch of 1). Mixed broadcasts such as
// [2, 1] against [1, 3] are declined, and the reference computes them.
#include <numeric>
#include <optional>

#include "kernels/kernel.h"
#include "kernels/onednn/onednn_context.h"
#include "ops/activation.h"

namespace mb::kernels {
namespace {

using dnnl::memory;

int64_t Product(std::span<const int64_t> sizes) {
  return std::accumulate(sizes.begin(), sizes.end(), int64_t{1}, std::multiplies<int64_t>());
}

// The product as at most three dimensions: y[batch][m][n] = sum_k a[a_batch][m][k] *
// b[b_batch][k][n], where a_batch and b_batch are `batch` or 1.
struct Collapsed {
  int64_t batch = 1, a_batch = 1, b_batch = 1;
  int64_t m = 0, k = 0, n = 0;
  bool three_d = false;  // false: a plain 2-D product (batch folded into m, or no batch)
};

// Nullopt when the shapes are not a collapsible (or non-empty) product.
std::optional<Collapsed> Collapse(const KernelContext& context) {
  const ops::TensorView& a = context.inputs[0];
  const ops::TensorView& b = context.inputs[1];
  const ops::TensorView& y = context.outputs[0];
  const int ra = a.rank(), rb = b.rank(), ry = y.rank();
  if (ra < 2 || rb < 2 || ry != std::max(ra, rb)) return std::nullopt;
  const bool trans_a = context.params.Bool("trans_a", false);
  const bool trans_b = context.params.Bool("trans_b", false);
  Collapsed c;
  c.m = trans_a ? a.sizes[ra - 1] : a.sizes[ra - 2];
  c.k = trans_a ? a.sizes[ra - 2] : a.sizes[ra - 1];
  c.n = trans_b ? b.sizes[rb - 2] : b.sizes[rb - 1];
  const int64_t kb = trans_b ? b.sizes[rb - 1] : b.sizes[rb - 2];
  if (kb != c.k || y.sizes[ry - 2] != c.m || y.sizes[ry - 1] != c.n) return std::nullopt;
  const std::span<const int64_t> ya(y.sizes.data(), ry - 2);
  c.batch = Product(ya);
  const int64_t batch_a = Product(std::span<const int64_t>(a.sizes.data(), ra - 2));
  const int64_t batch_b = Product(std::span<const int64_t>(b.sizes.data(), rb - 2));
  // Under broadcasting each batch size is 1 or the output's, so an operand whose batch has
  // the output's element count has the output's batch exactly.
  if ((batch_a != 1 && batch_a != c.batch) || (batch_b != 1 && batch_b != c.batch)) {
    return std::nullopt;
  }
  if (c.batch == 0 || c.m == 0 || c.k == 0 || c.n == 0) return std::nullopt;
  if (c.batch == 1) return c;
  if (batch_b == 1 && !trans_a) {
    // Consecutive [M, K] matrices of A are one [batch * M, K] matrix, and the outputs one
    // [batch * M, N] matrix.
    c.m *= c.batch;
    c.batch = 1;
    return c;
  }
  c.three_d = true;
  c.a_batch = batch_a;
  c.b_batch = batch_b;
  return c;
}

class OneDnnMatMul : public Kernel {
 public:
  std::string_view name() const override { return "onednn:matmul"; }

  Status Prepare(const KernelContext& context) override {
    return onednn::CatchOneDnn([&] { PrepareOrThrow(context); }).WithContext("matmul");
  }

  Status Run() override { return onednn::Execute(primitive_, exec_args_); }

 private:
  void PrepareOrThrow(const KernelContext& context) {
    const std::optional<Collapsed> c = Collapse(context);
    MB_CHECK(c.has_value());
    const ops::TensorView& a = context.inputs[0];
    const ops::TensorView& b = context.inputs[1];
    const ops::TensorView& y = context.outputs[0];
    const bool trans_a = context.params.Bool("trans_a", false);
    const bool trans_b = context.params.Bool("trans_b", false);
    const int64_t m = c->m, k = c->k, n = c->n;
    // Logical (M, K) and (K, N); a transposed operand is the same bytes with swapped strides.
    std::vector<int64_t> a_sizes = {m, k}, b_sizes = {k, n}, y_sizes = {m, n}, bias_sizes = {1, n};
    std::vector<int64_t> a_strides =
        trans_a ? std::vector<int64_t>{1, m} : std::vector<int64_t>{k, 1};
    std::vector<int64_t> b_strides =
        trans_b ? std::vector<int64_t>{1, k} : std::vector<int64_t>{n, 1};
    std::vector<int64_t> y_strides = {n, 1}, bias_strides = {n, 1};
    if (c->three_d) {
      a_sizes.insert(a_sizes.begin(), c->a_batch);
      a_strides.insert(a_strides.begin(), m * k);
      b_sizes.insert(b_sizes.begin(), c->b_batch);
      b_strides.insert(b_strides.begin(), k * n);
      y_sizes.insert(y_sizes.begin(), c->batch);
      y_strides.insert(y_strides.begin(), m * n);
      bias_sizes.insert(bias_sizes.begin(), 1);
      bias_strides.insert(bias_strides.begin(), n);
    }
    const memory::desc a_md = onednn::StridedDesc(a_sizes, a_strides);
    const memory::desc b_md = onednn::StridedDesc(b_sizes, b_strides);
    const memory::desc y_md = onednn::StridedDesc(y_sizes, y_strides);
    const bool has_bias = context.inputs.size() > 2 && context.inputs[2].data != nullptr;
    const memory::desc bias_md = onednn::StridedDesc(bias_sizes, bias_strides);

    dnnl::post_ops post_ops;
    auto activation = ops::ParseActivation(context.params.String("activation", ""));
    MB_CHECK(activation.ok());
    onednn::AppendActivation(*activation, context.params.Float("alpha", 0.2f), &post_ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(post_ops);
    auto desc = has_bias ? dnnl::matmul::desc(a_md, b_md, bias_md, y_md)
                         : dnnl::matmul::desc(a_md, b_md, y_md);
    dnnl::matmul::primitive_desc pd(desc, attr, onednn::CpuEngine());
    primitive_ = dnnl::matmul(pd);
    a_ = memory(a_md, onednn::CpuEngine(), a.data);
    b_ = memory(b_md, onednn::CpuEngine(), b.data);
    y_ = memory(y_md, onednn::CpuEngine(), y.data);
    args_ = {{DNNL_ARG_SRC, a_}, {DNNL_ARG_WEIGHTS, b_}, {DNNL_ARG_DST, y_}};
    if (has_bias) {
      bias_ = memory(bias_md, onednn::CpuEngine(), context.inputs[2].data);
      args_[DNNL_ARG_BIAS] = bias_;
    }
    exec_args_ = onednn::ExecArgs(args_);
  }

  memory a_, b_, bias_, y_;
  dnnl::primitive primitive_;
  std::unordered_map<int, memory> args_;
  std::vector<dnnl_exec_arg_t> exec_args_;  // args_ for the C API, built once
};

bool Supports(const KernelContext& context) {
  const auto& a = context.inputs[0];
  const auto& b = context.inputs[1];
  if (a.dtype != ir::DType::kFloat32 || b.dtype != ir::DType::kFloat32) return false;
  const std::optional<Collapsed> c = Collapse(context);
  if (!c.has_value()) return false;
  if (context.inputs.size() > 2 && context.inputs[2].data != nullptr &&
      (context.inputs[2].dtype != ir::DType::kFloat32 ||
       context.inputs[2].num_elements() != c->n)) {
    return false;
  }
  return ops::ParseActivation(context.params.String("activation", "")).ok();
}

std::unique_ptr<Kernel> Create() { return std::make_unique<OneDnnMatMul>(); }

}  // namespace

const KernelFactory& OneDnnMatMulFactory() {
  static const KernelFactory factory{ir::OpKind::kMatMul, "onednn:matmul", Supports, Create};
  return factory;
}

}  // namespace mb::kernels
