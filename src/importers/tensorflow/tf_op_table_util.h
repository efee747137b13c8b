// Shared pieces of the TensorFlow op table (tf_op_table.cc and its family files). Not for use
// outside the TensorFlow importer.
#ifndef MODELBENCH_IMPORTERS_TENSORFLOW_TF_OP_TABLE_UTIL_H_
#define MODELBENCH_IMPORTERS_TENSORFLOW_TF_OP_TABLE_UTIL_H_

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "importers/legalization.h"
#include "ir/graph.h"

namespace mb::importers::tf {

using ir::Attribute;
using ir::OpKind;

using importers::Legalization;
using importers::LegalizeFn;
using importers::Simple;
using TfOpTable = importers::OpTable;

// data_format -> the data_layout param; returns the (h, w) positions in TF's 4-element
// attribute lists (1, 2 for NHWC; 2, 3 for NCHW).
StatusOr<std::pair<int, int>> SpatialPositions(Legalization& l);

// TF's 4-element strides/ksize/dilations attr -> [h, w]; a missing attr means ones.
StatusOr<std::vector<int64_t>> SpatialPair(Legalization& l, const std::string& attr,
                                           std::pair<int, int> hw);

// padding, strides and (for EXPLICIT) pads [top, bottom, left, right], as Conv2D sets them.
Status SetWindowParams(Legalization& l, std::pair<int, int> hw);

// Rows of the family files, added to the table by BuildTable().
void AddTfTensorRows(TfOpTable& table);
void AddTfMathAndSpatialRows(TfOpTable& table);

}  // namespace mb::importers::tf

#endif  // MODELBENCH_IMPORTERS_TENSORFLOW_TF_OP_TABLE_UTIL_H_
