// Kernel: one implementation of one op for one node, knowing nothing of graphs.
//
// Lifecycle: the runtime picks the first kernel in kernel_list.inc whose Supports() accepts
// the node, calls Prepare() once with every shape fixed, constant operands readable and all
// buffers at their final addresses (pack weights, create oneDNN primitives, size scratch),
// then Run() any number of times. Run() allocates nothing and validates nothing beyond what
// the data itself decides.
#ifndef MODELBENCH_KERNELS_KERNEL_H_
#define MODELBENCH_KERNELS_KERNEL_H_

#include <memory>
#include <span>
#include <string_view>

#include "base/status.h"
#include "ops/op_def.h"

namespace mb::kernels {

struct KernelContext {
  const ir::Node& node;
  ops::Params params;
  // Operand and output views with final sizes and buffer addresses. Absent optional
  // operands have data == nullptr.
  std::span<const ops::TensorView> inputs;
  std::span<const ops::TensorView> outputs;
  // For each operand: true if its value is a constant (weights), readable in Prepare.
  std::span<const bool> input_is_constant;
  int num_threads = 1;
};

class Kernel {
 public:
  virtual ~Kernel() = default;
  // The implementation's name, for reports ("onednn:conv", "reference").
  virtual std::string_view name() const = 0;
  virtual Status Prepare(const KernelContext& context) = 0;
  virtual Status Run() = 0;
};

// One candidate implementation of an op.
struct KernelFactory {
  ir::OpKind kind;
  const char* name;
  bool (*supports)(const KernelContext& context);
  std::unique_ptr<Kernel> (*create)();
};

// Candidates for `kind` in priority order; the reference kernel is always last.
std::vector<const KernelFactory*> KernelCandidates(ir::OpKind kind);

// Creates and prepares the best kernel for the node.
StatusOr<std::unique_ptr<Kernel>> CreateKernel(const KernelContext& context);

// The reference math of ops/ wrapped as a kernel: correct for every op, not fast.
std::unique_ptr<Kernel> CreateReferenceKernel();

// The kernel of a node whose work another node's kernel does (fusion): it does nothing.
// Its name says which node computes it: "fused:<node>".
std::unique_ptr<Kernel> CreateFusedKernel(const std::string& computed_by);

// Sets the thread count for every kernel library (one OpenMP pool), and flush-to-zero /
// denormals-are-zero in every worker thread. Call before preparing any kernel: oneDNN fixes
// a primitive's thread count when it is created.
void ConfigureThreads(int num_threads);

}  // namespace mb::kernels

#endif  // MODELBENCH_KERNELS_KERNEL_H_
