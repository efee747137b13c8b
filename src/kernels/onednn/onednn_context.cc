#include "kernels/onednn/onednn_context.h"

namespace mb::kernels::onednn {

dnnl::engine& CpuEngine() {
  static dnnl::engine* engine = new dnnl::engine(dnnl::engine::kind::cpu, 0);
  return *engine;
}

dnnl::stream& CpuStream() {
  static dnnl::stream* stream = new dnnl::stream(CpuEngine());
  return *stream;
}

Status CatchOneDnn(const std::function<void()>& body) {
  try {
    body();
  } catch (const dnnl::error& error) {
    return InternalError(std::string("oneDNN: ") + error.what());
  }
  return OkStatus();
}

std::vector<dnnl_exec_arg_t> ExecArgs(const std::unordered_map<int, dnnl::memory>& args) {
  std::vector<dnnl_exec_arg_t> exec_args;
  for (const auto& [arg, memory] : args) exec_args.push_back({arg, memory.get()});
  return exec_args;
}

Status Execute(const dnnl::primitive& primitive, const std::vector<dnnl_exec_arg_t>& args) {
  dnnl_status_t status = dnnl_primitive_execute(primitive.get(), CpuStream().get(),
                                                static_cast<int>(args.size()), args.data());
  if (status == dnnl_success) status = dnnl_stream_wait(CpuStream().get());
  if (status != dnnl_success) {
    return InternalError("oneDNN execution failed with status " + std::to_string(status));
  }
  return OkStatus();
}

dnnl::memory::desc StridedDesc(const std::vector<int64_t>& sizes,
                               const std::vector<int64_t>& strides) {
  dnnl::memory::dims dims(sizes.begin(), sizes.end());
  dnnl::memory::dims steps(strides.begin(), strides.end());
  return dnnl::memory::desc(dims, dnnl::memory::data_type::f32, steps);
}

bool AppendActivation(ops::Activation activation, float alpha, dnnl::post_ops* post_ops) {
  using dnnl::algorithm;
  switch (activation) {
    case ops::Activation::kNone:
      return true;
    case ops::Activation::kRelu:
      post_ops->append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
      return true;
    case ops::Activation::kRelu6:
      post_ops->append_eltwise(1.f, algorithm::eltwise_clip, 0.f, 6.f);
      return true;
    case ops::Activation::kElu:
      post_ops->append_eltwise(1.f, algorithm::eltwise_elu, 1.f, 0.f);
      return true;
    case ops::Activation::kLeakyRelu:
      post_ops->append_eltwise(1.f, algorithm::eltwise_relu, alpha, 0.f);
      return true;
    case ops::Activation::kSigmoid:
      post_ops->append_eltwise(1.f, algorithm::eltwise_logistic, 0.f, 0.f);
      return true;
    case ops::Activation::kTanh:
      post_ops->append_eltwise(1.f, algorithm::eltwise_tanh, 0.f, 0.f);
      return true;
  }
  return false;
}

}  // namespace mb::kernels::onednn
