#include "importers/onnx/onnx_op_table_util.h"

namespace mb::importers::onnx {

void AddOnnxTensorRows(OpTable& table) { (void)table; }

}  // namespace mb::importers::onnx
