#include "runtime/fusion.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "ops/nn/batch_norm_fold.h"
#include "ops/op_def.h"

namespace mb::runtime {
namespace {

using ir::OpKind;

const ir::Tensor* ConstantOperand(const ir::Graph& graph, const ir::Node& node, size_t i) {
  if (i >= node.operands.size() || node.operands[i] == ir::kNoValue) return nullptr;
  const ir::Value& value = graph.value(node.operands[i]);
  if (!value.constant || value.constant->dtype() != ir::DType::kFloat32) return nullptr;
  return value.constant.get();
}

std::vector<float> Floats(const ir::Tensor& tensor) {
  std::vector<float> values(tensor.num_elements());
  std::memcpy(values.data(), tensor.bytes().data(), values.size() * sizeof(float));
  return values;
}

// The output channel of each filter element, for the filter layouts ops/nn/conv.cc knows.
int64_t OutputChannelOf(const std::string& layout, const std::vector<int64_t>& sizes,
                        int64_t flat) {
  if (layout == "OIHW") return flat / (sizes[1] * sizes[2] * sizes[3]);
  if (layout == "HWIM") return flat % (sizes[2] * sizes[3]);
  return flat % sizes[3];  // HWIO
}

ir::ValueId AddConstant(ir::Graph* graph, const std::string& name, std::vector<int64_t> sizes,
                        const std::vector<float>& values) {
  std::string bytes(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  return graph->AddConstant(
      name, *ir::Tensor::FromBytes(ir::DType::kFloat32, std::move(sizes), std::move(bytes)));
}

bool SameLayout(const ir::Node& a, const ir::Node& b) {
  ops::Params pa(a.params), pb(b.params);
  return pa.String("data_layout", "NHWC") == pb.String("data_layout", "NHWC");
}

}  // namespace

StatusOr<FusionPlan> PlanFusions(ir::Graph* graph, const std::vector<ir::NodeId>& steps,
                                 const std::vector<ir::ValueId>& fetched) {
  FusionPlan plan;
  const int num_steps = static_cast<int>(steps.size());
  plan.computed_by.resize(num_steps);
  for (int s = 0; s < num_steps; ++s) plan.computed_by[s] = s;
  const std::set<ir::ValueId> fetched_set(fetched.begin(), fetched.end());
  // Which steps read each value.
  std::map<ir::ValueId, std::vector<int>> readers;
  for (int s = 0; s < num_steps; ++s) {
    for (ir::ValueId operand : graph->node(steps[s]).operands) {
      if (operand != ir::kNoValue) readers[operand].push_back(s);
    }
  }
  // The single step that reads `value` as its first operand, if that is its only reader.
  auto sole_reader = [&](ir::ValueId value) -> int {
    auto it = readers.find(value);
    if (fetched_set.contains(value) || it == readers.end() || it->second.size() != 1) return -1;
    const int reader = it->second[0];
    const ir::Node& node = graph->node(steps[reader]);
    if (node.operands.empty() || node.operands[0] != value) return -1;
    return plan.computed_by[reader] == reader ? reader : -1;
  };

  for (int s = 0; s < num_steps; ++s) {
    const ir::Node& conv = graph->node(steps[s]);
    if (conv.kind != OpKind::kConv || plan.computed_by[s] != s) continue;
    const ir::Tensor* filter = ConstantOperand(*graph, conv, 1);
    if (filter == nullptr || filter->sizes().size() != 4) continue;
    const bool has_bias = conv.operands.size() > 2 && conv.operands[2] != ir::kNoValue;
    const ir::Tensor* bias_tensor = has_bias ? ConstantOperand(*graph, conv, 2) : nullptr;
    if (has_bias && bias_tensor == nullptr) continue;
    ops::Params conv_params(conv.params);
    if (!conv_params.String("activation", "").empty()) continue;
    const std::string filter_layout = conv_params.String("filter_layout", "HWIO");
    const std::vector<int64_t>& fsizes = filter->sizes();
    const int64_t out_channels = filter_layout == "OIHW"   ? fsizes[0]
                                 : filter_layout == "HWIM" ? fsizes[2] * fsizes[3]
                                                           : fsizes[3];
    std::vector<float> scale(out_channels, 1.0f);
    std::vector<float> shift =
        bias_tensor ? Floats(*bias_tensor) : std::vector<float>(out_channels, 0.0f);
    std::string activation;
    std::vector<int> chain;
    const ir::ValueId root = conv.outputs[0];
    ir::ValueId current = root;
    while (true) {
      const int next = sole_reader(current);
      if (next < 0) break;
      const ir::Node& node = graph->node(steps[next]);
      // A training-mode batch norm normalizes with the batch's own statistics: not foldable.
      if (node.kind == OpKind::kBatchNormalization && SameLayout(conv, node) &&
          !ops::Params(node.params).Bool("training", false)) {
        const ir::Tensor* p[4];
        bool constant = true;
        for (int i = 0; i < 4; ++i) {
          p[i] = ConstantOperand(*graph, node, i + 1);
          constant &= p[i] != nullptr && p[i]->num_elements() == out_channels;
        }
        if (!constant) break;
        std::vector<float> bn_scale(out_channels), bn_shift(out_channels);
        const auto gamma = Floats(*p[0]), beta = Floats(*p[1]), mean = Floats(*p[2]),
                   variance = Floats(*p[3]);
        ops::BatchNormScaleShift(gamma.data(), beta.data(), mean.data(), variance.data(),
                                 ops::Params(node.params).Float("epsilon", 1e-5f), out_channels,
                                 bn_scale.data(), bn_shift.data());
        for (int64_t c = 0; c < out_channels; ++c) {
          scale[c] *= bn_scale[c];
          shift[c] = shift[c] * bn_scale[c] + bn_shift[c];
        }
      } else if (node.kind == OpKind::kBiasAdd && SameLayout(conv, node)) {
        const ir::Tensor* bias = ConstantOperand(*graph, node, 1);
        if (bias == nullptr || bias->num_elements() != out_channels) break;
        const auto values = Floats(*bias);
        for (int64_t c = 0; c < out_channels; ++c) shift[c] += values[c];
      } else if (node.kind == OpKind::kRelu) {
        activation = "Relu";
      } else if (node.kind == OpKind::kClip) {
        ops::Params clip(node.params);
        if (clip.Float("min", -1) != 0.0f || clip.Float("max", -1) != 6.0f) break;
        activation = "Relu6";
      } else {
        break;
      }
      chain.push_back(next);
      current = graph->node(steps[next]).outputs[0];
      if (!activation.empty()) break;  // nothing folds after the activation
    }
    if (chain.empty()) continue;

    auto replacement = std::make_unique<ir::Node>(conv);
    std::vector<float> weights = Floats(*filter);
    for (int64_t k = 0; k < static_cast<int64_t>(weights.size()); ++k) {
      weights[k] *= scale[OutputChannelOf(filter_layout, fsizes, k)];
    }
    replacement->operands.resize(3, ir::kNoValue);
    replacement->operands[1] = AddConstant(graph, conv.name + "/fused_filter", fsizes, weights);
    replacement->operands[2] = AddConstant(graph, conv.name + "/fused_bias", {out_channels}, shift);
    if (!activation.empty()) replacement->params["activation"] = ir::Attribute{activation};
    plan.replacement_nodes[s] = std::move(replacement);
    for (int step : chain) {
      plan.computed_by[step] = s;
      plan.aliases[graph->node(steps[step]).outputs[0]] = root;
    }
  }
  return plan;
}

}  // namespace mb::runtime
