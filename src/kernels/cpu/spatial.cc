// Our own NHWC pooling and constant padding. oneDNN 2.6's max pool is about 8x slower than a
// plain NHWC loop on this class of machine (shared/reference/kernels.md section 5); padding
// is row copies.
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "kernels/cpu/parallel.h"
#include "kernels/kernel.h"
#include "ops/op_util.h"

namespace mb::kernels {
namespace {

// ---- MaxPool / AveragePool, NHWC float ----

class Pool : public Kernel {
 public:
  explicit Pool(bool is_max) : is_max_(is_max) {}
  std::string_view name() const override { return is_max_ ? "cpu:max_pool" : "cpu:avg_pool"; }

  Status Prepare(const KernelContext& context) override {
    const ops::TensorView& x = context.inputs[0];
    const ops::TensorView& y = context.outputs[0];
    in_ = x.As<float>();
    out_ = y.As<float>();
    batch_ = x.sizes[0], in_h_ = x.sizes[1], in_w_ = x.sizes[2], channels_ = x.sizes[3];
    out_h_ = y.sizes[1], out_w_ = y.sizes[2];
    count_include_pad_ = context.params.Bool("count_include_pad", false);
    if (context.params.Bool("global", false)) {  // ONNX GlobalAveragePool / GlobalMaxPool
      kernel_h_ = in_h_, kernel_w_ = in_w_, stride_h_ = stride_w_ = 1;
      pad_top_ = pad_bottom_ = pad_left_ = pad_right_ = 0;
      return OkStatus();
    }
    const auto kernel = context.params.Ints("kernel", {1, 1});
    const auto strides = context.params.Ints("strides", {1, 1});
    const auto pads = context.params.Ints("pads", {0, 0, 0, 0});
    const std::string padding = context.params.String("padding", "VALID");
    const bool ceil_mode = context.params.Bool("ceil_mode", false);
    kernel_h_ = kernel[0], kernel_w_ = kernel[1], stride_h_ = strides[0], stride_w_ = strides[1];
    ASSIGN_OR_RETURN(ops::Window h, ops::ComputeWindow(in_h_, kernel_h_, stride_h_, 1, padding,
                                                       pads[0], pads[1], ceil_mode));
    ASSIGN_OR_RETURN(ops::Window w, ops::ComputeWindow(in_w_, kernel_w_, stride_w_, 1, padding,
                                                       pads[2], pads[3], ceil_mode));
    pad_top_ = h.pad_before, pad_left_ = w.pad_before;
    pad_bottom_ = h.pad_after, pad_right_ = w.pad_after;
    return OkStatus();
  }

  Status Run() override {
    const int64_t channels = channels_;
    ParallelFor(batch_ * out_h_, out_w_ * channels, [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) PoolRow(row / out_h_, row % out_h_, channels);
    });
    return OkStatus();
  }

 private:
  // One output row (n, oh): every ow and channel.
  void PoolRow(int64_t n, int64_t oh, int64_t channels) {
    const int64_t h0 = std::max<int64_t>(0, oh * stride_h_ - pad_top_);
    const int64_t h1 = std::min<int64_t>(in_h_, oh * stride_h_ - pad_top_ + kernel_h_);
    for (int64_t ow = 0; ow < out_w_; ++ow) {
      const int64_t w0 = std::max<int64_t>(0, ow * stride_w_ - pad_left_);
      const int64_t w1 = std::min<int64_t>(in_w_, ow * stride_w_ - pad_left_ + kernel_w_);
      float* out = out_ + ((n * out_h_ + oh) * out_w_ + ow) * channels;
      std::fill(out, out + channels, is_max_ ? -std::numeric_limits<float>::infinity() : 0.0f);
      for (int64_t ih = h0; ih < h1; ++ih) {
        for (int64_t iw = w0; iw < w1; ++iw) {
          const float* in = in_ + ((n * in_h_ + ih) * in_w_ + iw) * channels;
          if (is_max_) {
#pragma omp simd
            for (int64_t c = 0; c < channels; ++c) out[c] = std::max(out[c], in[c]);
          } else {
#pragma omp simd
            for (int64_t c = 0; c < channels; ++c) out[c] += in[c];
          }
        }
      }
      if (!is_max_) {
        // Padding does not count (TF's rule), unless count_include_pad (ONNX) asks for the
        // declared padding to count; a ceil_mode overhang never counts.
        int64_t count = (h1 - h0) * (w1 - w0);
        if (count_include_pad_) {
          const int64_t top = oh * stride_h_ - pad_top_, left = ow * stride_w_ - pad_left_;
          const int64_t rows =
              std::min(top + kernel_h_, in_h_ + pad_bottom_) - std::max<int64_t>(top, -pad_top_);
          const int64_t cols =
              std::min(left + kernel_w_, in_w_ + pad_right_) - std::max<int64_t>(left, -pad_left_);
          count = std::max<int64_t>(rows, 0) * std::max<int64_t>(cols, 0);
        }
        const float inverse = count > 0 ? 1.0f / static_cast<float>(count) : 0.0f;
#pragma omp simd
        for (int64_t c = 0; c < channels; ++c) out[c] *= inverse;
      }
    }
  }

  bool is_max_;
  const float* in_ = nullptr;
  float* out_ = nullptr;
  int64_t batch_ = 0, in_h_ = 0, in_w_ = 0, channels_ = 0, out_h_ = 0, out_w_ = 0;
  int64_t kernel_h_ = 1, kernel_w_ = 1, stride_h_ = 1, stride_w_ = 1, pad_top_ = 0, pad_left_ = 0;
  int64_t pad_bottom_ = 0, pad_right_ = 0;
  bool count_include_pad_ = false;
};

// Dilated pooling (ONNX MaxPool) runs on the reference.
bool SupportsPool(const KernelContext& context) {
  const ops::Params& params = context.params;
  const auto dilations = params.Ints("dilations", {1, 1});
  return context.inputs[0].dtype == ir::DType::kFloat32 && context.inputs[0].rank() == 4 &&
         params.String("data_layout", "NHWC") == "NHWC" &&
         std::all_of(dilations.begin(), dilations.end(), [](int64_t d) { return d == 1; });
}

// ---- Pad, CONSTANT mode, any plain dtype: output rows are fills or a fill/copy/fill ----

class ConstantPad : public Kernel {
 public:
  std::string_view name() const override { return "cpu:pad"; }

  Status Prepare(const KernelContext& context) override {
    const ops::TensorView& x = context.inputs[0];
    const ops::TensorView& y = context.outputs[0];
    in_ = static_cast<const char*>(x.data);
    out_ = static_cast<char*>(y.data);
    element_ = ir::DTypeSize(x.dtype);
    const std::vector<int64_t> pads = ops::ViewInts(context.inputs[1]);
    const int rank = x.rank();
    fill_.assign(element_, 0);
    if (context.inputs.size() > 2 && context.inputs[2].data != nullptr) {
      std::memcpy(fill_.data(), context.inputs[2].data, element_);
    }
    in_row_ = rank > 0 ? x.sizes[rank - 1] : 1;
    out_row_ = rank > 0 ? y.sizes[rank - 1] : 1;
    before_ = rank > 0 ? pads[2 * (rank - 1)] : 0;
    // For every output row (all dimensions but the last), the input row it copies or -1.
    const int64_t out_rows = y.num_elements() / std::max<int64_t>(out_row_, 1);
    source_rows_.assign(out_rows, -1);
    std::vector<int64_t> index(std::max(rank - 1, 0), 0);
    for (int64_t r = 0; r < out_rows; ++r) {
      int64_t source = 0;
      bool inside = true;
      for (int d = 0; d < rank - 1; ++d) {
        const int64_t i = index[d] - pads[2 * d];
        if (i < 0 || i >= x.sizes[d]) {
          inside = false;
          break;
        }
        source = source * x.sizes[d] + i;
      }
      if (inside) source_rows_[r] = source;
      for (int d = rank - 2; d >= 0; --d) {
        if (++index[d] < y.sizes[d]) break;
        index[d] = 0;
      }
    }
    return OkStatus();
  }

  Status Run() override {
    const int64_t rows = static_cast<int64_t>(source_rows_.size());
    ParallelFor(rows, out_row_, [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        char* out = out_ + r * out_row_ * element_;
        const int64_t source = source_rows_[r];
        if (source < 0) {
          Fill(out, out_row_);
          continue;
        }
        Fill(out, before_);
        std::memcpy(out + before_ * element_, in_ + source * in_row_ * element_,
                    in_row_ * element_);
        Fill(out + (before_ + in_row_) * element_, out_row_ - before_ - in_row_);
      }
    });
    return OkStatus();
  }

 private:
  void Fill(char* out, int64_t count) const {
    for (int64_t i = 0; i < count; ++i) std::memcpy(out + i * element_, fill_.data(), element_);
  }

  const char* in_ = nullptr;
  char* out_ = nullptr;
  size_t element_ = 0;
  std::vector<char> fill_;
  int64_t in_row_ = 0, out_row_ = 0, before_ = 0;
  std::vector<int64_t> source_rows_;
};

bool SupportsPad(const KernelContext& context) {
  if (context.params.String("mode", "CONSTANT") != "CONSTANT") return false;
  if (!context.input_is_constant[1]) return false;
  return context.inputs.size() < 3 || context.inputs[2].data == nullptr ||
         context.input_is_constant[2];
}

}  // namespace

const KernelFactory& CpuMaxPoolFactory() {
  static const KernelFactory factory{ir::OpKind::kMaxPool, "cpu:max_pool", SupportsPool,
                                     [] { return std::unique_ptr<Kernel>(new Pool(true)); }};
  return factory;
}
const KernelFactory& CpuAveragePoolFactory() {
  static const KernelFactory factory{ir::OpKind::kAveragePool, "cpu:avg_pool", SupportsPool,
                                     [] { return std::unique_ptr<Kernel>(new Pool(false)); }};
  return factory;
}
const KernelFactory& CpuPadFactory() {
  static const KernelFactory factory{ir::OpKind::kPad, "cpu:pad", SupportsPad,
                                     [] { return std::unique_ptr<Kernel>(new ConstantPad()); }};
  return factory;
}

}  // namespace mb::kernels
