// Reads a TensorFlow GraphDef file, binary (.pb) or text (.pbtxt), telling them apart by
// content rather than by file name.
#ifndef MODELBENCH_IMPORTERS_TENSORFLOW_GRAPHDEF_LOADER_H_
#define MODELBENCH_IMPORTERS_TENSORFLOW_GRAPHDEF_LOADER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "graph.pb.h"

namespace mb::importers::tf {

enum class GraphDefEncoding { kBinary, kText };

struct LoadedGraphDef {
  tfproto::GraphDef graph_def;
  GraphDefEncoding encoding = GraphDefEncoding::kBinary;
  uint64_t file_bytes = 0;
};

// Loads `path`. Binary files up to protobuf's 2 GiB wire limit are read through a small
// buffer, so memory holds the parsed graph and not a second copy of the file. Errors do not
// repeat the path (callers prefix it); a text-format error gives line and column.
StatusOr<LoadedGraphDef> LoadGraphDef(const std::string& path);

// True if `head` (the first bytes of a file) reads as text: no NUL or other control bytes
// besides whitespace. Binary GraphDefs almost always start with 0x0a (field 1, a node).
bool LooksLikeText(std::string_view head);

// Parses text-format GraphDef data; errors say "line L, column C: ...".
Status ParseTextGraphDef(std::string_view text, tfproto::GraphDef* graph_def);

}  // namespace mb::importers::tf

#endif  // MODELBENCH_IMPORTERS_TENSORFLOW_GRAPHDEF_LOADER_H_
