// Convolution through oneDNN: activations stay in the model's layout (NHWC or NCHW, no
// per-run reorder); weights are reordered once, in Prepare, into the layout oneDNN prefers
// (format `any`), which is what makes its AVX2 kernels fast (shared/reference/kernels.md:
// plain TF weights cost up to 2x for dense and ~100x for depthwise convolution). Bias and
// activation run as part of the primitive.
#include "kernels/kernel.h"
#include "kernels/onednn/onednn_context.h"
#include "ops/activation.h"
#include "ops/op_util.h"

namespace mb::kernels {
namespace {

using dnnl::memory;

class OneDnnConv : public Kernel {
 public:
  std::string_view name() const override { return "onednn:conv"; }

  Status Prepare(const KernelContext& context) override {
    return onednn::CatchOneDnn([&] { PrepareOrThrow(context); }).WithContext("conv");
  }

  Status Run() override { return onednn::Execute(primitive_, exec_args_); }

 private:
  void PrepareOrThrow(const KernelContext& context) {
    const ops::Params& params = context.params;
    const ops::TensorView& x = context.inputs[0];
    const ops::TensorView& w = context.inputs[1];
    const ops::TensorView& y = context.outputs[0];
    const std::string layout = params.String("data_layout", "NHWC");
    const std::string filter_layout = params.String("filter_layout", "HWIO");
    const int c = layout == "NHWC" ? 3 : 1, h = layout == "NHWC" ? 1 : 2,
              wd = layout == "NHWC" ? 2 : 3;
    const int64_t n = x.sizes[0], ic = x.sizes[c], ih = x.sizes[h], iw = x.sizes[wd];
    const int64_t oc = y.sizes[c], oh = y.sizes[h], ow = y.sizes[wd];
    int64_t kh, kw, ipg;
    if (filter_layout == "OIHW") {
      kh = w.sizes[2], kw = w.sizes[3], ipg = w.sizes[1];
    } else if (filter_layout == "HWIM") {
      kh = w.sizes[0], kw = w.sizes[1], ipg = 1;
    } else {
      kh = w.sizes[0], kw = w.sizes[1], ipg = w.sizes[2];
    }
    const int64_t groups = ic / ipg;
    const int64_t opg = oc / groups;

    const auto tag = layout == "NHWC" ? memory::format_tag::nhwc : memory::format_tag::nchw;
    const memory::desc src_md({n, ic, ih, iw}, memory::data_type::f32, tag);
    const memory::desc dst_md({n, oc, oh, ow}, memory::data_type::f32, tag);

    // The user's weights as a strided view with oneDNN's logical dimension order:
    // (O, I, H, W), or (G, O/G, I/G, H, W) when grouped.
    memory::desc user_weights_md;
    memory::dims weight_dims;
    if (groups == 1) {
      weight_dims = {oc, ipg, kh, kw};
      std::vector<int64_t> strides = filter_layout == "OIHW"
                                         ? std::vector<int64_t>{ipg * kh * kw, kh * kw, kw, 1}
                                         : std::vector<int64_t>{1, oc, kw * ipg * oc, ipg * oc};
      user_weights_md = onednn::StridedDesc({oc, ipg, kh, kw}, strides);
    } else {
      weight_dims = {groups, opg, ipg, kh, kw};
      std::vector<int64_t> strides;
      if (filter_layout == "OIHW") {
        strides = {opg * ipg * kh * kw, ipg * kh * kw, kh * kw, kw, 1};
      } else if (filter_layout == "HWIM") {
        // [kh][kw][c][m]: group g = input channel, o = multiplier index.
        strides = {opg, 1, 1, kw * ic * opg, ic * opg};
      } else {
        // [kh][kw][i][oc] with oc = g * opg + o.
        strides = {opg, 1, oc, kw * ipg * oc, ipg * oc};
      }
      user_weights_md = onednn::StridedDesc({groups, opg, ipg, kh, kw}, strides);
    }
    const memory::desc any_weights_md(weight_dims, memory::data_type::f32, memory::format_tag::any);

    const auto strides = params.Ints("strides", {1, 1});
    const auto dilations = params.Ints("dilations", {1, 1});
    auto window_h = ops::ComputeWindow(
        ih, kh, strides[0], dilations[0], params.String("padding", "VALID"),
        params.Ints("pads", {0, 0, 0, 0})[0], params.Ints("pads", {0, 0, 0, 0})[1]);
    auto window_w = ops::ComputeWindow(
        iw, kw, strides[1], dilations[1], params.String("padding", "VALID"),
        params.Ints("pads", {0, 0, 0, 0})[2], params.Ints("pads", {0, 0, 0, 0})[3]);
    MB_CHECK(window_h.ok() && window_w.ok()) << "shape inference accepted this conv";
    // oneDNN counts dilation from 0 (no dilation), TF and ONNX from 1.
    const memory::dims dnnl_strides = {strides[0], strides[1]};
    const memory::dims dnnl_dilations = {dilations[0] - 1, dilations[1] - 1};
    const memory::dims pad_l = {window_h->pad_before, window_w->pad_before};
    const memory::dims pad_r = {window_h->pad_after, window_w->pad_after};

    dnnl::post_ops post_ops;
    auto activation = ops::ParseActivation(params.String("activation", ""));
    MB_CHECK(activation.ok());
    onednn::AppendActivation(*activation, params.Float("alpha", 0.2f), &post_ops);
    dnnl::primitive_attr attr;
    attr.set_post_ops(post_ops);

    const bool has_bias = context.inputs.size() > 2 && context.inputs[2].data != nullptr;
    const memory::desc bias_md({oc}, memory::data_type::f32, memory::format_tag::x);
    auto desc =
        has_bias
            ? dnnl::convolution_forward::desc(
                  dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src_md,
                  any_weights_md, bias_md, dst_md, dnnl_strides, dnnl_dilations, pad_l, pad_r)
            : dnnl::convolution_forward::desc(
                  dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, src_md,
                  any_weights_md, dst_md, dnnl_strides, dnnl_dilations, pad_l, pad_r);
    dnnl::convolution_forward::primitive_desc pd(desc, attr, onednn::CpuEngine());

    // Reorder the weights once into oneDNN's chosen layout.
    memory user_weights(user_weights_md, onednn::CpuEngine(), w.data);
    weights_ = memory(pd.weights_desc(), onednn::CpuEngine());
    dnnl::reorder(user_weights, weights_).execute(onednn::CpuStream(), user_weights, weights_);
    onednn::CpuStream().wait();

    src_ = memory(src_md, onednn::CpuEngine(), x.data);
    dst_ = memory(dst_md, onednn::CpuEngine(), y.data);
    primitive_ = dnnl::convolution_forward(pd);
    args_ = {{DNNL_ARG_SRC, src_}, {DNNL_ARG_WEIGHTS, weights_}, {DNNL_ARG_DST, dst_}};
    if (has_bias) {
      bias_ = memory(bias_md, onednn::CpuEngine(), context.inputs[2].data);
      args_[DNNL_ARG_BIAS] = bias_;
    }
    exec_args_ = onednn::ExecArgs(args_);
  }

  memory src_, weights_, bias_, dst_;
  dnnl::primitive primitive_;
  std::unordered_map<int, memory> args_;
  std::vector<dnnl_exec_arg_t> exec_args_;  // args_ for the C API, built once
};

bool Supports(const KernelContext& context) {
  const auto& x = context.inputs[0];
  if (x.dtype != ir::DType::kFloat32 || x.rank() != 4) return false;
  if (!context.input_is_constant[1]) return false;
  if (context.inputs.size() > 2 && context.inputs[2].data != nullptr &&
      !context.input_is_constant[2]) {
    return false;
  }
  auto activation = ops::ParseActivation(context.params.String("activation", ""));
  return activation.ok();
}

std::unique_ptr<Kernel> Create() { return std::make_unique<OneDnnConv>(); }

}  // namespace

const KernelFactory& OneDnnConvFactory() {
  static const KernelFactory factory{ir::OpKind::kConv, "onednn:conv", Supports, Create};
  return factory;
}

}  // namespace mb::kernels
