// The TensorFlow op table: for each TF op type the importer knows, how a node becomes an
// engine op (Node::kind, params, operands). TF attributes become the op's canonical params
// (ops/ documents them): data_format -> data_layout, 4-element strides -> [h, w],
// _FusedConv2D's fused_ops -> a bias operand and an activation, and so on. Nodes of other
// op types stay kUnsupported: they can be summarized but not run.
#ifndef MODELBENCH_IMPORTERS_TENSORFLOW_TF_OP_TABLE_H_
#define MODELBENCH_IMPORTERS_TENSORFLOW_TF_OP_TABLE_H_

#include <string_view>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace mb::importers::tf {

// Legalizes every top-level node of `graph` that the table knows. A known op whose
// attributes the engine cannot honour (a training-mode batch norm, say) stays kUnsupported
// with Node::unsupported_reason saying why; so do op types the table does not know.
void LegalizeTfGraph(ir::Graph* graph);

// The TF op types the table maps, sorted (for docs and tests).
std::vector<std::string_view> SupportedTfOpTypes();

}  // namespace mb::importers::tf

#endif  // MODELBENCH_IMPORTERS_TENSORFLOW_TF_OP_TABLE_H_
