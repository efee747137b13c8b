#include "importers/legalization.h"

namespace mb::importers {

LegalizeFn Simple(ir::OpKind kind, int operands) {
  return [kind, operands](Legalization& l) {
    if (operands > 0) RETURN_IF_ERROR(l.RequireInputs(operands));
    l.node().kind = kind;
    l.OperandsFromInputs(operands);
    return OkStatus();
  };
}

void LegalizeGraph(const OpTable& table, int64_t opset, ir::Graph* graph) {
  const auto num_nodes = static_cast<ir::NodeId>(graph->nodes().size());
  for (ir::NodeId id = 0; id < num_nodes; ++id) {
    const ir::Node& node = graph->node(id);
    if (!node.domain.empty() && node.domain != "ai.onnx") continue;  // a custom op set
    auto row = table.find(node.op_type);
    if (row == table.end()) continue;
    Legalization legalization{*graph, id, opset};
    Status status = row->second(legalization);
    if (!status.ok()) {
      ir::Node& node = graph->node(id);
      node.kind = ir::OpKind::kUnsupported;
      node.params.clear();
      node.operands.clear();
      node.unsupported_reason = status.message();
    }
  }
}

}  // namespace mb::importers
