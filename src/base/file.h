// Reading and writing files with errors that name the file and say what went wrong.
#ifndef MODELBENCH_BASE_FILE_H_
#define MODELBENCH_BASE_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mb {

// Size in bytes of the regular file at `path`. A missing path, a directory or anything else
// that is not a regular file is an error.
StatusOr<uint64_t> RegularFileSize(const std::string& path);

// Reads a whole regular file. Errors: missing file, directory, unreadable.
StatusOr<std::string> ReadFile(const std::string& path);

// Reads up to `count` bytes from the start of a file (fewer if the file is shorter).
StatusOr<std::string> ReadFileHead(const std::string& path, size_t count);

// Writes `contents` to `path` atomically: a temporary file beside it, then rename, so a reader
// (or a failed run) never sees a half-written file.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

// "No such file or directory" and friends, from errno.
std::string ErrnoMessage(int error_number);

}  // namespace mb

#endif  // MODELBENCH_BASE_FILE_H_
