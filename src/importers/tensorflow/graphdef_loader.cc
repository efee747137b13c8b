#include "importers/tensorflow/graphdef_loader.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <limits>

#include "base/file.h"
#include "importers/protobuf_file.h"

namespace mb::importers::tf {
namespace {

// Nesting limit for text format: GraphDefs nest only a few levels (graph > node > attr >
// list > tensor > shape > dim), so a deeper file is hostile or broken, and a bound keeps the
// recursive-descent parser's stack small.
constexpr int kMaxTextNesting = 64;

class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (!has_error_) {
      has_error_ = true;
      // Protobuf counts from 0; editors count from 1.
      first_error_ = "line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1) +
                     ": " + message;
    }
  }
  bool has_error() const { return has_error_; }
  const std::string& first_error() const { return first_error_; }

 private:
  bool has_error_ = false;
  std::string first_error_;
};

// The wire tags a GraphDef may start with: fields 1 (node), 2 (library), 4 (versions),
// 5 (debug_info) as length-delimited, and 3 (version) as a varint.
bool StartsLikeBinaryGraphDef(std::string_view head) {
  if (head.empty()) return false;
  unsigned char tag = static_cast<unsigned char>(head[0]);
  return tag == 0x0a || tag == 0x12 || tag == 0x18 || tag == 0x22 || tag == 0x2a;
}

}  // namespace

bool LooksLikeText(std::string_view head) {
  for (unsigned char c : head) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') return false;
    if (c == 0x7f) return false;
  }
  return true;
}

Status ParseTextGraphDef(std::string_view text, tfproto::GraphDef* graph_def) {
  if (text.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return InvalidArgumentError("text-format file is larger than 2 GiB");
  }
  SilenceProtobufLogging();
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  parser.SetRecursionLimit(kMaxTextNesting);
  // Newer TF versions add fields our schema does not declare (debug traces, full types);
  // skipping them keeps such files readable, as binary parsing does.
  parser.AllowUnknownField(true);
  google::protobuf::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  if (!parser.Parse(&input, graph_def)) {
    return InvalidArgumentError("text-format GraphDef: " + (errors.has_error()
                                                                ? errors.first_error()
                                                                : std::string("syntax error")));
  }
  return OkStatus();
}

StatusOr<LoadedGraphDef> LoadGraphDef(const std::string& path) {
  LoadedGraphDef loaded;
  ASSIGN_OR_RETURN(loaded.file_bytes, ProtobufFileSize(path));
  ASSIGN_OR_RETURN(std::string head, ReadFileHead(path, 4096));
  const bool text_like = LooksLikeText(head);

  Status binary_status = NotFoundError("not tried");
  if (StartsLikeBinaryGraphDef(head) || !text_like) {
    binary_status = ParseBinaryProtobufFile(
        path, "not a valid binary GraphDef (the protobuf data is truncated or corrupt)",
        &loaded.graph_def);
    if (binary_status.ok()) {
      loaded.encoding = GraphDefEncoding::kBinary;
      if (loaded.graph_def.node_size() == 0 && loaded.graph_def.library().function_size() == 0) {
        // Arbitrary bytes can happen to decode as a message of unknown fields only.
        return InvalidArgumentError("not a TensorFlow GraphDef: no nodes found");
      }
      return loaded;
    }
    if (!text_like) return binary_status;
  }

  loaded.graph_def.Clear();
  ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  Status text_status = ParseTextGraphDef(text, &loaded.graph_def);
  if (!text_status.ok()) {
    if (binary_status.code() == StatusCode::kNotFound) return text_status;
    return InvalidArgumentError(binary_status.message() + "; as text: " + text_status.message());
  }
  loaded.encoding = GraphDefEncoding::kText;
  if (loaded.graph_def.node_size() == 0 && loaded.graph_def.library().function_size() == 0) {
    // Whitespace alone parses as an empty text graph; if the bytes also looked binary, the
    // binary error says more.
    if (binary_status.code() != StatusCode::kNotFound) return binary_status;
    return InvalidArgumentError("text-format GraphDef has no nodes");
  }
  return loaded;
}

}  // namespace mb::importers::tf
