// ONNX ModelProto -> ir::Model.
//
// The schema is our own onnx.proto subset (proto/onnx.proto), compiled by Debian's protoc,
// rather than Debian's libonnx: the importer needs only the data structures, and the
// parser is then the same protobuf runtime, limits and error handling as the TensorFlow
// importer's. (docs/architecture.md says more.)
//
// What becomes what:
// - initializers are constant Values (a graph input that is also an initializer is a
//   constant, as ONNX Runtime treats it unless the caller overrides it);
// - graph inputs are the remaining declared inputs, with their declared dtype and shape
//   (dim_param dims stay symbolic, by name); value_info shapes apply to node outputs;
// - nodes keep their ONNX op type, domain, name (or "<op_type>_<index>" when unnamed) and
//   attributes; an absent optional input is ir::kNoValue;
// - GRAPH attributes (If, Loop, Scan bodies) become Functions in the graph's library, named
//   "<node>/<attribute>", so summaries count their ops; names a body uses from enclosing
//   graphs become extra inputs of that body;
// - Constant nodes' values are stored on their output Values.
#ifndef MODELBENCH_IMPORTERS_ONNX_ONNX_IMPORTER_H_
#define MODELBENCH_IMPORTERS_ONNX_ONNX_IMPORTER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/system.h"
#include "ir/graph.h"

namespace mb::importers::onnx {

struct ImportOptions {
  // A constant tensor larger than this is refused before allocation.
  uint64_t max_tensor_bytes = DefaultMaxTensorBytes();
  // Map nodes onto engine ops (onnx_op_table.h). Summaries do not need it.
  bool map_to_engine_ops = true;
};

// True if `head`, the first bytes of a file, starts the way ONNX writers start a ModelProto
// (field 1, ir_version, as a varint).
bool LooksLikeOnnx(std::string_view head);

// Reads and imports the ONNX model at `path`. Errors do not repeat the path (the caller adds
// it) and name the node or tensor they concern.
StatusOr<ir::Model> ImportOnnxFile(const std::string& path, const ImportOptions& options = {});

// The opset an imported ONNX model declares for the default domain (from its
// "opset_import" property); 0 if none.
int64_t DefaultDomainOpset(const ir::ModelInfo& info);

}  // namespace mb::importers::onnx

#endif  // MODELBENCH_IMPORTERS_ONNX_ONNX_IMPORTER_H_
