#include "runtime/control_flow.h"

#include <unordered_map>

#include "ir/verifier.h"
#include "ops/op_def.h"

namespace mb::runtime {
namespace {

const ir::Function* FindFunction(const ir::Graph& graph, const std::string& name) {
  for (const auto& function : graph.functions()) {
    if (function->name == name) return function.get();
  }
  return nullptr;
}

// Copies `body` into `graph` in place of If node `if_id`.
Status Inline(ir::Graph* graph, ir::NodeId if_id, const ir::Graph& body) {
  const std::string prefix = graph->node(if_id).name + "/";
  const std::vector<ir::ValueId> if_outputs = graph->node(if_id).outputs;
  if (body.outputs().size() != if_outputs.size()) {
    return InvalidArgumentError("the branch has " + std::to_string(body.outputs().size()) +
                                " outputs, the If " + std::to_string(if_outputs.size()));
  }
  // Body value -> graph value. Captured names (the body's inputs) are the enclosing graph's
  // values of the same name; constants are shared; the rest are new values.
  std::unordered_map<ir::ValueId, ir::ValueId> mapped;
  for (ir::ValueId input : body.inputs()) {
    std::optional<ir::ValueId> outer = graph->FindValue(body.value(input).name);
    if (!outer) {
      return InvalidArgumentError("the branch uses '" + body.value(input).name +
                                  "', which the graph does not have");
    }
    mapped[input] = *outer;
  }
  auto map_value = [&](ir::ValueId id) -> ir::ValueId {
    if (id == ir::kNoValue) return ir::kNoValue;
    if (auto it = mapped.find(id); it != mapped.end()) return it->second;
    ir::Value copy = body.value(id);
    copy.name = prefix + copy.name;
    copy.producer = ir::kNoNode;
    const ir::ValueId new_id = graph->AddValue(std::move(copy));
    mapped[id] = new_id;
    return new_id;
  };
  for (ir::NodeId id = 0; id < static_cast<ir::NodeId>(body.nodes().size()); ++id) {
    ir::Node node = body.node(id);
    node.name = prefix + node.name;
    for (ir::ValueId& v : node.inputs) v = map_value(v);
    for (ir::ValueId& v : node.operands) v = map_value(v);
    for (std::string& control : node.control_inputs) control = prefix + control;
    std::vector<ir::ValueId> outputs;
    for (ir::ValueId v : node.outputs) outputs.push_back(map_value(v));
    node.outputs = outputs;
    const ir::NodeId new_id = graph->AddNode(std::move(node));
    for (size_t k = 0; k < outputs.size(); ++k) {
      graph->value(outputs[k]).producer = new_id;
      graph->value(outputs[k]).output_index = static_cast<int>(k);
    }
  }
  // The If's outputs, now produced by Identities of the branch's outputs.
  for (size_t k = 0; k < if_outputs.size(); ++k) {
    ir::Node identity;
    identity.name = prefix + "output_" + std::to_string(k);
    identity.op_type = "Identity";
    identity.kind = ir::OpKind::kIdentity;
    const ir::ValueId source = map_value(body.outputs()[k]);
    identity.inputs.push_back(source);
    identity.operands.push_back(source);
    identity.outputs.push_back(if_outputs[k]);
    const ir::NodeId identity_id = graph->AddNode(std::move(identity));
    graph->value(if_outputs[k]).producer = identity_id;
    graph->value(if_outputs[k]).output_index = 0;
  }
  // The If itself now produces nothing and needs nothing.
  ir::Node& node = graph->node(if_id);
  node.kind = ir::OpKind::kNoOp;
  node.outputs.clear();
  node.operands.clear();
  return OkStatus();
}

}  // namespace

StatusOr<int> InlineKnownIfs(ir::Graph* graph) {
  int inlined = 0;
  const auto num_nodes = static_cast<ir::NodeId>(graph->nodes().size());
  for (ir::NodeId id = 0; id < num_nodes; ++id) {
    const ir::Node& node = graph->node(id);
    if (node.kind != ir::OpKind::kIf || node.operands.empty()) continue;
    const ir::Value& cond = graph->value(node.operands[0]);
    if (!cond.constant) continue;
    if (cond.constant->num_elements() != 1 || !ir::IsPlainData(cond.dtype)) {
      return InvalidArgumentError(ir::DescribeNode(node) + ": the condition must be one element");
    }
    bool taken = false;
    for (char byte : cond.constant->bytes()) taken |= byte != 0;
    const ops::Params params(node.params);
    const std::string branch = params.String(taken ? "then_branch" : "else_branch", "");
    const ir::Function* function = FindFunction(*graph, branch);
    if (function == nullptr) {
      return InvalidArgumentError(ir::DescribeNode(node) + ": no subgraph named '" + branch + "'");
    }
    // The function's body lives in the graph's library, which AddNode does not move.
    Status status = Inline(graph, id, function->body);
    if (!status.ok()) return status.WithContext(ir::DescribeNode(graph->node(id)));
    ++inlined;
  }
  return inlined;
}

}  // namespace mb::runtime
