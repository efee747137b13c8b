// Reductions over a contiguous block of axes (global average pooling is ReduceMean over H
// and W of NHWC) and softmax over the last axis, without allocating in Run.
#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/cpu/parallel.h"
#include "kernels/kernel.h"
#include "ops/op_util.h"

namespace mb::kernels {
namespace {

// The reduced axes as one block: the input is [outer, reduced, inner] in row-major order.
struct ReduceBlock {
  int64_t outer = 1, reduced = 1, inner = 1;
};

std::optional<ReduceBlock> FindBlock(const KernelContext& context) {
  const ops::TensorView& x = context.inputs[0];
  const int rank = x.rank();
  std::vector<int64_t> axes;
  if (context.inputs.size() > 1 && context.inputs[1].data != nullptr) {
    if (!context.input_is_constant[1]) return std::nullopt;
    axes = ops::ViewInts(context.inputs[1]);
  } else {
    axes = context.params.Ints("axes", {});
  }
  std::vector<bool> reduced(rank, false);
  if (axes.empty() && context.params.Bool("empty_axes_reduce_all", false)) {
    reduced.assign(rank, true);
  }
  for (int64_t axis : axes) {
    auto a = ops::NormalizeAxis(axis, rank);
    if (!a.ok()) return std::nullopt;
    reduced[*a] = true;
  }
  int first = -1, last = -1;
  for (int i = 0; i < rank; ++i) {
    if (!reduced[i]) continue;
    if (first < 0) first = i;
    if (last >= 0 && last != i - 1) return std::nullopt;  // not contiguous
    last = i;
  }
  ReduceBlock block;
  if (first < 0) {  // nothing reduced: a copy, which the reference handles
    return std::nullopt;
  }
  for (int i = 0; i < first; ++i) block.outer *= x.sizes[i];
  for (int i = first; i <= last; ++i) block.reduced *= x.sizes[i];
  for (int i = last + 1; i < rank; ++i) block.inner *= x.sizes[i];
  return block;
}

class BlockReduce : public Kernel {
 public:
  std::string_view name() const override { return "cpu:reduce"; }
  Status Prepare(const KernelContext& context) override {
    kind_ = context.node.kind;
    in_ = context.inputs[0].As<float>();
    out_ = context.outputs[0].As<float>();
    block_ = *FindBlock(context);
    return OkStatus();
  }
  Status Run() override {
    const ReduceBlock b = block_;
    const bool is_max = kind_ == ir::OpKind::kReduceMax;
    const bool is_mean = kind_ == ir::OpKind::kReduceMean;
    ParallelFor(b.outer, b.reduced * b.inner, [&](int64_t begin, int64_t end) {
      for (int64_t o = begin; o < end; ++o) {
        float* out = out_ + o * b.inner;
        const float* in = in_ + o * b.reduced * b.inner;
        std::fill(out, out + b.inner, is_max ? -std::numeric_limits<float>::infinity() : 0.0f);
        for (int64_t r = 0; r < b.reduced; ++r) {
          const float* row = in + r * b.inner;
          if (is_max) {
#pragma omp simd
            for (int64_t i = 0; i < b.inner; ++i) out[i] = std::max(out[i], row[i]);
          } else {
#pragma omp simd
            for (int64_t i = 0; i < b.inner; ++i) out[i] += row[i];
          }
        }
        if (is_mean) {
          const float scale = b.reduced > 0 ? 1.0f / static_cast<float>(b.reduced) : NAN;
#pragma omp simd
          for (int64_t i = 0; i < b.inner; ++i) out[i] *= scale;
        }
      }
    });
    return OkStatus();
  }

 private:
  ir::OpKind kind_ = ir::OpKind::kReduceMean;
  const float* in_ = nullptr;
  float* out_ = nullptr;
  ReduceBlock block_;
};

bool SupportsBlockReduce(const KernelContext& context) {
  return context.inputs[0].dtype == ir::DType::kFloat32 && FindBlock(context).has_value();
}

class LastAxisSoftmax : public Kernel {
 public:
  explicit LastAxisSoftmax(bool log) : log_(log) {}
  std::string_view name() const override { return log_ ? "cpu:log_softmax" : "cpu:softmax"; }
  Status Prepare(const KernelContext& context) override {
    const ops::TensorView& x = context.inputs[0];
    in_ = x.As<float>();
    out_ = context.outputs[0].As<float>();
    width_ = x.sizes.back();
    rows_ = width_ > 0 ? x.num_elements() / width_ : 0;
    return OkStatus();
  }
  Status Run() override {
    const int64_t width = width_;
    ParallelFor(rows_, width, [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        const float* in = in_ + r * width;
        float* out = out_ + r * width;
        float max = -std::numeric_limits<float>::infinity();
        for (int64_t i = 0; i < width; ++i) max = std::max(max, in[i]);
        double sum = 0;
        for (int64_t i = 0; i < width; ++i) sum += std::exp(static_cast<double>(in[i] - max));
        if (log_) {
          const float log_sum = static_cast<float>(std::log(sum));
          for (int64_t i = 0; i < width; ++i) out[i] = in[i] - max - log_sum;
        } else {
          const double inverse = 1.0 / sum;
          for (int64_t i = 0; i < width; ++i) {
            out[i] = static_cast<float>(std::exp(static_cast<double>(in[i] - max)) * inverse);
          }
        }
      }
    });
    return OkStatus();
  }

 private:
  bool log_;
  const float* in_ = nullptr;
  float* out_ = nullptr;
  int64_t rows_ = 0, width_ = 0;
};

bool SupportsLastAxisSoftmax(const KernelContext& context) {
  const ops::TensorView& x = context.inputs[0];
  if (x.dtype != ir::DType::kFloat32 || x.rank() < 1) return false;
  auto axis = ops::NormalizeAxis(context.params.Int("axis", -1), x.rank());
  return axis.ok() && *axis == x.rank() - 1;
}

}  // namespace

#define MB_REDUCE_FACTORY(Name)                                                                    \
  const KernelFactory& Cpu##Name##Factory() {                                                      \
    static const KernelFactory factory{ir::OpKind::k##Name, "cpu:reduce", SupportsBlockReduce,     \
                                       [] { return std::unique_ptr<Kernel>(new BlockReduce()); }}; \
    return factory;                                                                                \
  }
MB_REDUCE_FACTORY(ReduceMean)
MB_REDUCE_FACTORY(ReduceSum)
MB_REDUCE_FACTORY(ReduceMax)
#undef MB_REDUCE_FACTORY

const KernelFactory& CpuSoftmaxFactory() {
  static const KernelFactory factory{
      ir::OpKind::kSoftmax, "cpu:softmax", SupportsLastAxisSoftmax,
      [] { return std::unique_ptr<Kernel>(new LastAxisSoftmax(false)); }};
  return factory;
}
const KernelFactory& CpuLogSoftmaxFactory() {
  static const KernelFactory factory{
      ir::OpKind::kLogSoftmax, "cpu:log_softmax", SupportsLastAxisSoftmax,
      [] { return std::unique_ptr<Kernel>(new LastAxisSoftmax(true)); }};
  return factory;
}

}  // namespace mb::kernels
