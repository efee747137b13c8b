// 2-D matrix product through oneDNN's matmul primitive, with transposes expressed as
// strides (no copies), the bias and the fused activation inside the primitive. Batched
// products fall back to the reference kernel for now.
#include "kernels/kernel.h"
#include "kernels/onednn/onednn_context.h"
#include "ops/activation.h"

namespace mb::kernels {
namespace {

using dnnl::memory;

class OneDnnMatMul : public Kernel {
 public:
  std::string_view name() const override { return "onednn:matmul"; }

  Status Prepare(const KernelContext& context) override {
    return onednn::CatchOneDnn([&] { PrepareOrThrow(context); }).WithContext("matmul");
  }

  Status Run() override { return onednn::Execute(primitive_, exec_args_); }

 private:
  void PrepareOrThrow(const KernelContext& context) {
    const ops::TensorView& a = context.inputs[0];
    const ops::TensorView& b = context.inputs[1];
    const ops::TensorView& y = context.outputs[0];
    const bool trans_a = context.params.Bool("trans_a", false);
    const bool trans_b = context.params.Bool("trans_b", false);
    const int64_t m = y.sizes[0], n = y.sizes[1];
    const int64_t k = trans_a ? a.sizes[0] : a.sizes[1];
    // Logical (M, K) and (K, N); a transposed operand is the same bytes with swapped strides.
    const memory::desc a_md = onednn::StridedDesc(
        {m, k}, trans_a ? std::vector<int64_t>{1, m} : std::vector<int64_t>{k, 1});
    const memory::desc b_md = onednn::StridedDesc(
        {k, n}, trans_b ? std::vector<int64_t>{1, k} : std::vector<int64_t>{n, 1});
    const memory::desc y_md = onednn::StridedDesc({m, n}, {n, 1});
    const bool has_bias = context.inputs.size() > 2 && context.inputs[2].data != nullptr;
    const memory::desc bias_md = onednn::StridedDesc({1, n}, {n, 1});

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
  return a.dtype == ir::DType::kFloat32 && a.rank() == 2 && b.rank() == 2 &&
         ops::ParseActivation(context.params.String("activation", "")).ok();
}

std::unique_ptr<Kernel> Create() { return std::make_unique<OneDnnMatMul>(); }

}  // namespace

const KernelFactory& OneDnnMatMulFactory() {
  static const KernelFactory factory{ir::OpKind::kMatMul, "onednn:matmul", Supports, Create};
  return factory;
}

}  // namespace mb::kernels
