// Reading protobuf model files (TensorFlow GraphDefs, ONNX models) safely: bounded in size and
// nesting, streamed rather than read whole, with protobuf's own stderr logging silenced. Shared
// by the importers.
#ifndef MODELBENCH_IMPORTERS_PROTOBUF_FILE_H_
#define MODELBENCH_IMPORTERS_PROTOBUF_FILE_H_

#include <climits>
#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"

namespace google::protobuf {
class MessageLite;
}  // namespace google::protobuf

namespace mb::importers {

// Protobuf's wire format cannot address more than 2 GiB in one message; TensorFlow has the
// same limit, and larger ONNX models keep their weights in external data files.
inline constexpr uint64_t kMaxProtobufBytes = static_cast<uint64_t>(INT_MAX);

// The size of the regular file at `path`, checked to be one protobuf message may hold.
// Errors: not a readable regular file, empty, or larger than kMaxProtobufBytes.
StatusOr<uint64_t> ProtobufFileSize(const std::string& path);

// Protobuf logs parse problems (invalid UTF-8 in a name, say) to stderr itself; the importers
// report them as one error line of their own, so its log is silenced, once, before the first
// parse. Safe to call from several threads, and as often as wanted.
void SilenceProtobufLogging();

// Parses the binary protobuf message in the file at `path` into `message`, streaming it (the
// file is never held whole in memory), up to kMaxProtobufBytes and at most `recursion_limit`
// nested message levels (protobuf's default limit, 100, when none is given). The whole file
// must be one message. Silences protobuf's logging first.
// Errors: the file cannot be opened; the data is truncated, corrupt or nested too deeply
// (InvalidArgumentError(`invalid_data_message`)).
Status ParseBinaryProtobufFile(const std::string& path, const std::string& invalid_data_message,
                               google::protobuf::MessageLite* message,
                               std::optional<int> recursion_limit = std::nullopt);

}  // namespace mb::importers

#endif  // MODELBENCH_IMPORTERS_PROTOBUF_FILE_H_
