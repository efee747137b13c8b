// Our own kernels for the memory-bound ops around convolutions, where plain loops beat
// library calls on this class of machine (shared/reference/kernels.md section 5): per-channel
// affine maps (inference batch norm, bias add), ReLU/clip, same-shape and per-channel binary
// arithmetic. Each parallelises over rows with the one OpenMP pool and allocates nothing in
// Run.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/cpu/parallel.h"
#include "kernels/kernel.h"
#include "ops/nn/batch_norm_fold.h"
#include "ops/op_util.h"

namespace mb::kernels {
namespace {

bool IsFloat(const ops::TensorView& view) { return view.dtype == ir::DType::kFloat32; }

// ---- y = x * scale[c] + shift[c] (BatchNormalization, BiasAdd) ----

class ChannelAffine : public Kernel {
 public:
  std::string_view name() const override { return "cpu:channel_affine"; }

  Status Prepare(const KernelContext& context) override {
    const ops::TensorView& x = context.inputs[0];
    in_ = x.As<float>();
    out_ = context.outputs[0].As<float>();
    const bool nchw = context.params.String("data_layout", "NHWC") == "NCHW";
    const int axis = nchw ? 1 : x.rank() - 1;
    channels_ = x.sizes[axis];
    inner_ = 1;
    for (int i = axis + 1; i < x.rank(); ++i) inner_ *= x.sizes[i];
    rows_ = x.num_elements() / (channels_ * inner_);
    scale_.assign(channels_, 1.0f);
    shift_.assign(channels_, 0.0f);
    if (context.node.kind == ir::OpKind::kBiasAdd) {
      std::copy_n(context.inputs[1].As<float>(), channels_, shift_.begin());
    } else {
      // Folded once here, not per run.
      ops::BatchNormScaleShift(context.inputs[1].As<float>(), context.inputs[2].As<float>(),
                               context.inputs[3].As<float>(), context.inputs[4].As<float>(),
                               context.params.Float("epsilon", 1e-5f), channels_, scale_.data(),
                               shift_.data());
    }
    return OkStatus();
  }

  Status Run() override {
    const float* scale = scale_.data();
    const float* shift = shift_.data();
    const int64_t channels = channels_, inner = inner_;
    if (inner == 1) {
      ParallelFor(rows_, channels, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
          const float* in = in_ + r * channels;
          float* out = out_ + r * channels;
#pragma omp simd
          for (int64_t c = 0; c < channels; ++c) out[c] = in[c] * scale[c] + shift[c];
        }
      });
    } else {
      ParallelFor(rows_ * channels, inner, [&](int64_t begin, int64_t end) {
        for (int64_t plane = begin; plane < end; ++plane) {
          const int64_t c = plane % channels;
          const float* in = in_ + plane * inner;
          float* out = out_ + plane * inner;
          const float s = scale[c], t = shift[c];
#pragma omp simd
          for (int64_t i = 0; i < inner; ++i) out[i] = in[i] * s + t;
        }
      });
    }
    return OkStatus();
  }

 private:
  const float* in_ = nullptr;
  float* out_ = nullptr;
  int64_t rows_ = 0, channels_ = 0, inner_ = 0;
  std::vector<float> scale_, shift_;
};

bool SupportsChannelAffine(const KernelContext& context) {
  if (!IsFloat(context.inputs[0]) || context.inputs[0].rank() < 1) return false;
  if (context.params.Bool("training", false)) return false;  // batch statistics: reference
  for (size_t i = 1; i < context.inputs.size(); ++i) {
    if (!context.input_is_constant[i] || !IsFloat(context.inputs[i])) return false;
  }
  const std::string layout = context.params.String("data_layout", "NHWC");
  return layout == "NHWC" || (layout == "NCHW" && context.inputs[0].rank() >= 2);
}

// ---- ReLU and clip ----

class Clamp : public Kernel {
 public:
  std::string_view name() const override { return "cpu:clamp"; }
  Status Prepare(const KernelContext& context) override {
    in_ = context.inputs[0].As<float>();
    out_ = context.outputs[0].As<float>();
    count_ = context.inputs[0].num_elements();
    if (context.node.kind == ir::OpKind::kRelu) {
      low_ = 0.0f;
      high_ = std::numeric_limits<float>::infinity();
    } else {
      low_ = context.params.Float("min", -std::numeric_limits<float>::infinity());
      high_ = context.params.Float("max", std::numeric_limits<float>::infinity());
    }
    return OkStatus();
  }
  Status Run() override {
    const float low = low_, high = high_;
    const float* in = in_;
    float* out = out_;
    ParallelFor(count_, 1, [&](int64_t begin, int64_t end) {
#pragma omp simd
      for (int64_t i = begin; i < end; ++i) out[i] = std::min(std::max(in[i], low), high);
    });
    return OkStatus();
  }

 private:
  const float* in_ = nullptr;
  float* out_ = nullptr;
  int64_t count_ = 0;
  float low_ = 0, high_ = 0;
};

// Clip bounds given as operands (ONNX Clip-11 inputs that are not constant) are left to the
// reference, which reads them at run time.
bool SupportsClamp(const KernelContext& context) {
  for (size_t i = 1; i < context.inputs.size(); ++i) {
    if (context.inputs[i].data != nullptr) return false;
  }
  return IsFloat(context.inputs[0]);
}

// ---- Add, Sub, Mul, Max, Min: same shapes, or a vector broadcast along the last axis ----

class Binary : public Kernel {
 public:
  std::string_view name() const override { return "cpu:binary"; }
  Status Prepare(const KernelContext& context) override {
    kind_ = context.node.kind;
    a_ = context.inputs[0].As<float>();
    b_ = context.inputs[1].As<float>();
    out_ = context.outputs[0].As<float>();
    count_ = context.outputs[0].num_elements();
    // A second operand smaller than the output repeats every `b_count_` elements.
    b_count_ = context.inputs[1].num_elements();
    return OkStatus();
  }
  Status Run() override {
    switch (kind_) {
      case ir::OpKind::kAdd:
        return Apply([](float x, float y) { return x + y; });
      case ir::OpKind::kSub:
        return Apply([](float x, float y) { return x - y; });
      case ir::OpKind::kMul:
        return Apply([](float x, float y) { return x * y; });
      // NaN from either side propagates, as in the reference (x != x only for NaN).
      case ir::OpKind::kMax:
        return Apply([](float x, float y) { return y != y ? y : (x > y || x != x ? x : y); });
      case ir::OpKind::kMin:
        return Apply([](float x, float y) { return y != y ? y : (x < y || x != x ? x : y); });
      default:
        return InternalError("unexpected op for cpu:binary");
    }
  }

 private:
  template <typename F>
  Status Apply(F f) {
    const float* a = a_;
    const float* b = b_;
    float* out = out_;
    if (b_count_ == count_) {
      ParallelFor(count_, 1, [&](int64_t begin, int64_t end) {
#pragma omp simd
        for (int64_t i = begin; i < end; ++i) out[i] = f(a[i], b[i]);
      });
    } else {
      const int64_t width = b_count_;
      ParallelFor(count_ / width, width, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
#pragma omp simd
          for (int64_t i = 0; i < width; ++i) out[r * width + i] = f(a[r * width + i], b[i]);
        }
      });
    }
    return OkStatus();
  }

  ir::OpKind kind_ = ir::OpKind::kAdd;
  const float* a_ = nullptr;
  const float* b_ = nullptr;
  float* out_ = nullptr;
  int64_t count_ = 0, b_count_ = 0;
};

// The first operand has the output's shape; the second either the same shape or the shape
// of the output's trailing dimensions (a bias-like vector, possibly with leading 1s).
// Max and Min may have any number of operands (ONNX); only two are handled here.
bool SupportsBinary(const KernelContext& context) {
  if (context.inputs.size() != 2) return false;
  const ops::TensorView& a = context.inputs[0];
  const ops::TensorView& b = context.inputs[1];
  const ops::TensorView& y = context.outputs[0];
  if (!IsFloat(a) || !IsFloat(b) || a.sizes != y.sizes) return false;
  if (b.sizes == y.sizes) return true;
  std::vector<int64_t> trailing = b.sizes;
  while (!trailing.empty() && trailing.front() == 1) trailing.erase(trailing.begin());
  if (trailing.size() > y.sizes.size() || trailing.empty()) return false;
  return std::equal(trailing.begin(), trailing.end(), y.sizes.end() - trailing.size());
}

template <typename K>
std::unique_ptr<Kernel> Make() {
  return std::make_unique<K>();
}

}  // namespace

const KernelFactory& CpuBatchNormFactory() {
  static const KernelFactory factory{ir::OpKind::kBatchNormalization, "cpu:channel_affine",
                                     SupportsChannelAffine, Make<ChannelAffine>};
  return factory;
}
const KernelFactory& CpuBiasAddFactory() {
  static const KernelFactory factory{ir::OpKind::kBiasAdd, "cpu:channel_affine",
                                     SupportsChannelAffine, Make<ChannelAffine>};
  return factory;
}
const KernelFactory& CpuReluFactory() {
  static const KernelFactory factory{ir::OpKind::kRelu, "cpu:clamp", SupportsClamp, Make<Clamp>};
  return factory;
}
const KernelFactory& CpuClipFactory() {
  static const KernelFactory factory{ir::OpKind::kClip, "cpu:clamp", SupportsClamp, Make<Clamp>};
  return factory;
}
#define MB_BINARY_FACTORY(Name)                                                           \
  const KernelFactory& Cpu##Name##Factory() {                                             \
    static const KernelFactory factory{ir::OpKind::k##Name, "cpu:binary", SupportsBinary, \
                                       Make<Binary>};                                     \
    return factory;                                                                       \
  }
MB_BINARY_FACTORY(Add)
MB_BINARY_FACTORY(Sub)
MB_BINARY_FACTORY(Mul)
MB_BINARY_FACTORY(Max)
MB_BINARY_FACTORY(Min)
#undef MB_BINARY_FACTORY

}  // namespace mb::kernels
