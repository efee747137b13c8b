#include "importers/onnx/onnx_op_table.h"

#include "importers/onnx/onnx_op_table_util.h"

namespace mb::importers::onnx {
namespace {

OpTable BuildTable() {
  OpTable table;
  AddOnnxCoreRows(table);
  AddOnnxMathRows(table);
  AddOnnxNnRows(table);
  AddOnnxTensorRows(table);
  return table;
}

const OpTable& Table() {
  static const auto* table = new OpTable(BuildTable());
  return *table;
}

}  // namespace

void LegalizeOnnxGraph(int64_t opset, ir::Graph* graph) { LegalizeGraph(Table(), opset, graph); }

std::vector<std::string_view> SupportedOnnxOpTypes() {
  std::vector<std::string_view> names;
  for (const auto& [name, fn] : Table()) names.push_back(name);
  return names;
}

}  // namespace mb::importers::onnx
