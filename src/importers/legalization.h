// Legalization: what one row of an importer's op table gets while it maps a node onto an
// engine op (Node::kind, params, operands), with typed access to the node's model-file
// attributes and to constant inputs. Shared by the TensorFlow and ONNX op tables.
#ifndef MODELBENCH_IMPORTERS_LEGALIZATION_H_
#define MODELBENCH_IMPORTERS_LEGALIZATION_H_

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::importers {

// What a row's function gets: the graph (to read constants) and the node to fill in.
struct Legalization {
  ir::Graph& graph;
  ir::NodeId id;
  // The ONNX default-domain opset the model imports (0 for TensorFlow graphs).
  int64_t opset = 0;
  ir::Node& node() { return graph.node(id); }

  void Set(const std::string& name, ir::AttributeValue value) {
    node().params[name] = ir::Attribute{std::move(value)};
  }
  const ir::Attribute* Attr(const std::string& name) { return node().FindAttr(name); }
  std::string StringAttr(const std::string& name, const std::string& fallback) {
    const ir::Attribute* a = Attr(name);
    return a && a->Is<std::string>() ? a->Get<std::string>() : fallback;
  }
  int64_t IntAttr(const std::string& name, int64_t fallback) {
    const ir::Attribute* a = Attr(name);
    return a && a->Is<int64_t>() ? a->Get<int64_t>() : fallback;
  }
  float FloatAttr(const std::string& name, float fallback) {
    const ir::Attribute* a = Attr(name);
    return a && a->Is<float>() ? a->Get<float>() : fallback;
  }
  bool BoolAttr(const std::string& name, bool fallback) {
    const ir::Attribute* a = Attr(name);
    return a && a->Is<bool>() ? a->Get<bool>() : fallback;
  }
  std::vector<int64_t> IntsAttr(const std::string& name) {
    const ir::Attribute* a = Attr(name);
    return a && a->Is<std::vector<int64_t>>() ? a->Get<std::vector<int64_t>>()
                                              : std::vector<int64_t>{};
  }
  std::vector<std::string> StringsAttr(const std::string& name) {
    const ir::Attribute* a = Attr(name);
    return a && a->Is<std::vector<std::string>>() ? a->Get<std::vector<std::string>>()
                                                  : std::vector<std::string>{};
  }
  // The constant behind input i, looking through Identity nodes (frozen variable reads).
  const ir::Tensor* ConstantInput(int i) {
    if (i >= static_cast<int>(node().inputs.size())) return nullptr;
    ir::ValueId value = node().inputs[i];
    if (value == ir::kNoValue) return nullptr;
    for (int depth = 0; depth < 16; ++depth) {
      const ir::Value& v = graph.value(value);
      if (v.constant) return v.constant.get();
      if (v.producer == ir::kNoNode) return nullptr;
      const ir::Node& producer = graph.node(v.producer);
      if (producer.op_type != "Identity" || producer.inputs.empty()) return nullptr;
      value = producer.inputs[0];
    }
    return nullptr;
  }
  StatusOr<std::vector<int64_t>> ConstantIntsInput(int i, const char* what) {
    const ir::Tensor* t = ConstantInput(i);
    if (t == nullptr) return UnimplementedError(std::string(what) + " must be a constant");
    std::vector<int64_t> values(t->num_elements());
    for (int64_t k = 0; k < t->num_elements(); ++k) {
      if (t->dtype() == ir::DType::kInt32) {
        values[k] = t->At<int32_t>(k);
      } else if (t->dtype() == ir::DType::kInt64) {
        values[k] = t->At<int64_t>(k);
      } else {
        return InvalidArgumentError(std::string(what) + " must be int32 or int64");
      }
    }
    return values;
  }
  // Operands = the first `count` data inputs (all if count < 0).
  void OperandsFromInputs(int count = -1) {
    const auto& inputs = node().inputs;
    const size_t n = count < 0 ? inputs.size() : std::min<size_t>(count, inputs.size());
    node().operands.assign(inputs.begin(), inputs.begin() + n);
  }
  Status RequireInputs(size_t count) {
    if (node().inputs.size() < count) {
      return InvalidArgumentError("has " + std::to_string(node().inputs.size()) +
                                  " inputs, expected at least " + std::to_string(count));
    }
    return OkStatus();
  }
};

using LegalizeFn = std::function<Status(Legalization&)>;
using OpTable = std::map<std::string_view, LegalizeFn>;

// A row that maps straight onto `kind` with the node's first `operands` data inputs (all if
// negative) as operands, requiring at least that many inputs.
LegalizeFn Simple(ir::OpKind kind, int operands = -1);

// Runs the table's row for every top-level node of the default domain whose op type it
// has. A row that fails leaves its node kUnsupported with Node::unsupported_reason set to the row's
// message.
void LegalizeGraph(const OpTable& table, int64_t opset, ir::Graph* graph);

}  // namespace mb::importers

#endif  // MODELBENCH_IMPORTERS_LEGALIZATION_H_
