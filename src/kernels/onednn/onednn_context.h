// The process-wide oneDNN engine and stream, and the one place oneDNN's exceptions become
// Status values (our code does not throw).
#ifndef MODELBENCH_KERNELS_ONEDNN_ONEDNN_CONTEXT_H_
#define MODELBENCH_KERNELS_ONEDNN_ONEDNN_CONTEXT_H_

#include <functional>
#include <oneapi/dnnl/dnnl.hpp>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "ops/activation.h"

namespace mb::kernels::onednn {

dnnl::engine& CpuEngine();
dnnl::stream& CpuStream();

// The argument list of the C API, built once in Prepare: the C++ `execute` would rebuild it
// (a heap allocation) on every call.
std::vector<dnnl_exec_arg_t> ExecArgs(const std::unordered_map<int, dnnl::memory>& args);

// Executes `primitive` on the CPU stream and waits. oneDNN 2.6 itself still allocates a
// little per call (its execution context keeps an argument map).
Status Execute(const dnnl::primitive& primitive, const std::vector<dnnl_exec_arg_t>& args);

// Runs `body`, turning a dnnl::error into an error Status.
Status CatchOneDnn(const std::function<void()>& body);

// A memory descriptor for a plain tensor of `sizes` with explicit `strides` (in elements).
dnnl::memory::desc StridedDesc(const std::vector<int64_t>& sizes,
                               const std::vector<int64_t>& strides);

// Appends the fused activation as an eltwise post-op; false if oneDNN has no equivalent.
bool AppendActivation(ops::Activation activation, float alpha, dnnl::post_ops* post_ops);

}  // namespace mb::kernels::onednn

#endif  // MODELBENCH_KERNELS_ONEDNN_ONEDNN_CONTEXT_H_
