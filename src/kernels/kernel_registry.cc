#include <omp.h>
#include <pmmintrin.h>
#include <xmmintrin.h>

#include "kernels/kernel.h"

namespace mb::kernels {

#define MB_KERNEL(kind, factory) const KernelFactory& factory();
#include "kernels/kernel_list.inc"
#undef MB_KERNEL

namespace {

class ReferenceKernel : public Kernel {
 public:
  std::string_view name() const override { return "reference"; }
  Status Prepare(const KernelContext& context) override {
    node_ = &context.node;
    def_ = &ops::GetOpDef(context.node.kind);
    if (def_->compute_reference == nullptr) {
      return UnimplementedError("op has no reference implementation");
    }
    inputs_.assign(context.inputs.begin(), context.inputs.end());
    outputs_.assign(context.outputs.begin(), context.outputs.end());
    return OkStatus();
  }
  Status Run() override {
    ops::ComputeContext context{*node_, ops::Params(node_->params), inputs_, outputs_};
    return def_->compute_reference(context);
  }

 private:
  const ir::Node* node_ = nullptr;
  const ops::OpDef* def_ = nullptr;
  std::vector<ops::TensorView> inputs_;
  std::vector<ops::TensorView> outputs_;
};

class FusedKernel : public Kernel {
 public:
  explicit FusedKernel(const std::string& computed_by) : name_("fused:" + computed_by) {}
  std::string_view name() const override { return name_; }
  Status Prepare(const KernelContext&) override { return OkStatus(); }
  Status Run() override { return OkStatus(); }

 private:
  std::string name_;
};

}  // namespace

std::unique_ptr<Kernel> CreateFusedKernel(const std::string& computed_by) {
  return std::make_unique<FusedKernel>(computed_by);
}

std::unique_ptr<Kernel> CreateReferenceKernel() { return std::make_unique<ReferenceKernel>(); }

std::vector<const KernelFactory*> KernelCandidates(ir::OpKind kind) {
  std::vector<const KernelFactory*> candidates;
#define MB_KERNEL(op, factory) \
  if (kind == ir::OpKind::op) candidates.push_back(&factory());
#include "kernels/kernel_list.inc"
#undef MB_KERNEL
  return candidates;
}

StatusOr<std::unique_ptr<Kernel>> CreateKernel(const KernelContext& context) {
  for (const KernelFactory* factory : KernelCandidates(context.node.kind)) {
    if (!factory->supports(context)) continue;
    std::unique_ptr<Kernel> kernel = factory->create();
    RETURN_IF_ERROR_WITH_CONTEXT(kernel->Prepare(context), factory->name);
    return kernel;
  }
  std::unique_ptr<Kernel> kernel = CreateReferenceKernel();
  RETURN_IF_ERROR(kernel->Prepare(context));
  return kernel;
}

void ConfigureThreads(int num_threads) {
  omp_set_num_threads(num_threads);
  // MXCSR is per thread: set FTZ/DAZ inside a parallel region so every worker gets it.
#pragma omp parallel num_threads(num_threads)
  {
    _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
    _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
  }
}

}  // namespace mb::kernels
