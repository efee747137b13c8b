// The ONNX op table: for each ONNX op type (default domain) the importer knows, how a node
// becomes an engine op (Node::kind, params, operands). ONNX attributes become the op's
// canonical params (ops/ documents them); activations stay NCHW, so every spatial op gets
// data_layout "NCHW". A row may depend on the model's opset: attributes that later opsets
// turned into inputs (Reshape's shape, Squeeze's axes, Slice's starts...) are read from
// whichever place the opset puts them. Nodes of other op types, and of other domains, stay
// kUnsupported: they can be summarized but not run.
#ifndef MODELBENCH_IMPORTERS_ONNX_ONNX_OP_TABLE_H_
#define MODELBENCH_IMPORTERS_ONNX_ONNX_OP_TABLE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace mb::importers::onnx {

// Legalizes every top-level node of `graph` in the default ONNX domain ("" or "ai.onnx").
void LegalizeOnnxGraph(int64_t opset, ir::Graph* graph);

// The ONNX op types the table maps, sorted (for docs and tests).
std::vector<std::string_view> SupportedOnnxOpTypes();

}  // namespace mb::importers::onnx

#endif  // MODELBENCH_IMPORTERS_ONNX_ONNX_OP_TABLE_H_
