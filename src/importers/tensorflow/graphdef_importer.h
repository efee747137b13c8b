// TensorFlow GraphDef -> ir::Graph.
//
// Nodes keep their TF op type, name, device, inputs and attributes. Output k of node "x" is
// the value "x" for k = 0 and "x:k" otherwise, which is how TF spells inputs. Placeholders
// become the graph's inputs; the graph's outputs are the nodes nobody consumes, by the rule
// of TF's summarize_graph (spec 4.4), since a GraphDef does not declare its outputs.
#ifndef MODELBENCH_IMPORTERS_TENSORFLOW_GRAPHDEF_IMPORTER_H_
#define MODELBENCH_IMPORTERS_TENSORFLOW_GRAPHDEF_IMPORTER_H_

#include <cstdint>
#include <string>

#include "base/status.h"
#include "base/system.h"
#include "graph.pb.h"
#include "ir/graph.h"

namespace mb::importers::tf {

struct ImportOptions {
  // A constant tensor larger than this is refused before allocation.
  uint64_t max_tensor_bytes = DefaultMaxTensorBytes();
  // Map nodes onto engine ops (tf_op_table.h). Summaries do not need it.
  bool map_to_engine_ops = true;
};

// Converts `graph_def`, consuming its tensor data (moved, not copied). Errors name the node.
StatusOr<ir::Graph> ImportGraphDef(tfproto::GraphDef&& graph_def,
                                   const ImportOptions& options = {});

// Splits a TF input string: "^x" is a control input of node x; "x:2" is output 2 of x; "x"
// is output 0. Returns false for a malformed string (empty name or bad index).
struct TfInputRef {
  std::string node;
  int index = 0;
  bool is_control = false;
};
bool ParseTfInput(const std::string& input, TfInputRef* ref);

// The node name an input string refers to, as TF's NodeNameFromInput: "^x:1" -> "x".
std::string TfNodeNameFromInput(const std::string& input);

}  // namespace mb::importers::tf

#endif  // MODELBENCH_IMPORTERS_TENSORFLOW_GRAPHDEF_IMPORTER_H_
