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
