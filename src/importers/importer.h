// Loading any supported model file into the IR. The format is detected from the file's
// content, never from its name.
#ifndef MODELBENCH_IMPORTERS_IMPORTER_H_
#define MODELBENCH_IMPORTERS_IMPORTER_H_

#include <string>

#include "base/status.h"
#include "base/system.h"
#include "ir/graph.h"

namespace mb::importers {

struct LoadOptions {
  // Constant tensors above this size are refused before allocation.
  uint64_t max_tensor_bytes = DefaultMaxTensorBytes();
  // Run the structural verifier (ir/verifier.h) after import.
  bool verify = true;
  // Map nodes onto engine ops (Node::kind, params, operands). Only running needs it; a
  // summary of a very large graph is faster and smaller without.
  bool map_to_engine_ops = true;
};

// Reads, imports and verifies the model at `path`. Every error message starts with the path,
// e.g. "model.pb: node 'conv1' (Conv2D): input 'x:0' refers to a node that does not exist".
StatusOr<ir::Model> LoadModel(const std::string& path, const LoadOptions& options = {});

}  // namespace mb::importers

#endif  // MODELBENCH_IMPORTERS_IMPORTER_H_
