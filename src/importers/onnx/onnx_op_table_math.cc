#include "importers/onnx/onnx_op_table_util.h"

namespace mb::importers::onnx {

void AddOnnxMathRows(OpTable& table) { (void)table; }

}  // namespace mb::importers::onnx
