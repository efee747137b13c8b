#include "importers/protobuf_file.h"

#include <fcntl.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/message_lite.h>
#include <google/protobuf/stubs/logging.h>
#include <unistd.h>

#include <cerrno>

#include "base/file.h"

namespace mb::importers {

StatusOr<uint64_t> ProtobufFileSize(const std::string& path) {
  ASSIGN_OR_RETURN(uint64_t bytes, RegularFileSize(path));
  if (bytes == 0) return InvalidArgumentError("file is empty");
  if (bytes > kMaxProtobufBytes) {
    return InvalidArgumentError("file is " + std::to_string(bytes) +
                                " bytes; protobuf models are limited to 2 GiB");
  }
  return bytes;
}

void SilenceProtobufLogging() {
  static const bool silenced = [] {
    google::protobuf::SetLogHandler(nullptr);
    return true;
  }();
  (void)silenced;
}

Status ParseBinaryProtobufFile(const std::string& path, const std::string& invalid_data_message,
                               google::protobuf::MessageLite* message,
                               std::optional<int> recursion_limit) {
  SilenceProtobufLogging();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return InvalidArgumentError("cannot open file: " + ErrnoMessage(errno));
  bool parsed = false;
  {
    // The streams must go before the descriptor is closed.
    google::protobuf::io::FileInputStream file_stream(fd, 1 << 20);
    google::protobuf::io::CodedInputStream coded(&file_stream);
    coded.SetTotalBytesLimit(static_cast<int>(kMaxProtobufBytes));
    if (recursion_limit.has_value()) coded.SetRecursionLimit(*recursion_limit);
    parsed = message->ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
  }
  ::close(fd);
  if (!parsed) return InvalidArgumentError(invalid_data_message);
  return OkStatus();
}

}  // namespace mb::importers
