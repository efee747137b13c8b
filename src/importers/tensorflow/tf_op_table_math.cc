// TensorFlow op table rows: see tf_op_table.h.
#include "importers/tensorflow/tf_op_table_util.h"

namespace mb::importers::tf {

void AddTfMathAndSpatialRows(TfOpTable& table) { (void)table; }

}  // namespace mb::importers::tf
