// Shared pieces of the ONNX op table (onnx_op_table.cc and its family files). Not for use
// outside the ONNX importer.
//
// How ONNX nodes arrive here (onnx_importer.cc):
// - Node::inputs are the node's inputs in order; an absent optional input ("" in the file)
//   is ir::kNoValue, and trailing absent inputs are dropped.
// - Node::attrs hold the ONNX attributes: INT -> int64_t, FLOAT -> float, STRING ->
//   std::string, INTS -> std::vector<int64_t>, FLOATS -> std::vector<float>, STRINGS ->
//   std::vector<std::string>, TENSOR -> ir::TensorPtr, GRAPH -> ir::FunctionRef (the
//   subgraph is a Function in the graph's library), TENSORS/GRAPHS -> vectors of those.
// - Legalization::opset is the model's default-domain opset version.
#ifndef MODELBENCH_IMPORTERS_ONNX_ONNX_OP_TABLE_UTIL_H_
#define MODELBENCH_IMPORTERS_ONNX_ONNX_OP_TABLE_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "importers/legalization.h"
#include "ir/graph.h"

namespace mb::importers::onnx {

using importers::Legalization;
using importers::LegalizeFn;
using importers::OpTable;
using importers::Simple;
using ir::OpKind;

// Ints from input `i` if the model's opset is at least `input_since` (ONNX moved many
// attributes to inputs: Squeeze's axes in 13, Pad's pads in 11...), which must then be a
// constant, else from attribute `attr`. nullopt if the node gives neither.
StatusOr<std::optional<std::vector<int64_t>>> IntsFromInputOrAttr(Legalization& l, int i,
                                                                  const std::string& attr,
                                                                  int64_t input_since);

// A new constant Value named "<node>/<suffix>", for operands that a row computes.
ir::ValueId AddInt64Constant(Legalization& l, const std::string& suffix, std::vector<int64_t> sizes,
                             const std::vector<int64_t>& values);
ir::ValueId AddFloatConstant(Legalization& l, const std::string& suffix, std::vector<int64_t> sizes,
                             const std::vector<float>& values);

// Rows of the family files, added to the table by BuildTable() in onnx_op_table.cc.
void AddOnnxCoreRows(OpTable& table);    // onnx_op_table.cc: plumbing, shape and layout
void AddOnnxMathRows(OpTable& table);    // onnx_op_table_math.cc: element-wise, logic,
                                         // reductions, softmax
void AddOnnxNnRows(OpTable& table);      // onnx_op_table_nn.cc: conv, pooling, gemm,
                                         // matmul, normalization
void AddOnnxTensorRows(OpTable& table);  // onnx_op_table_tensor.cc: indexing, generation,
                                         // quantization, resize

}  // namespace mb::importers::onnx

#endif  // MODELBENCH_IMPORTERS_ONNX_ONNX_OP_TABLE_UTIL_H_
