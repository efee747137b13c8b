#include "base/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mb {

std::string ErrnoMessage(int error_number) { return std::strerror(error_number); }

StatusOr<uint64_t> RegularFileSize(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    int error = errno;
    if (error == ENOENT) return NotFoundError("no such file");
    return InvalidArgumentError("cannot read file: " + ErrnoMessage(error));
  }
  if (S_ISDIR(info.st_mode)) return InvalidArgumentError("is a directory, not a model file");
  if (!S_ISREG(info.st_mode)) return InvalidArgumentError("is not a regular file");
  return static_cast<uint64_t>(info.st_size);
}

StatusOr<std::string> ReadFile(const std::string& path) {
  ASSIGN_OR_RETURN(uint64_t size, RegularFileSize(path));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return InvalidArgumentError("cannot open file: " + ErrnoMessage(errno));
  std::string contents;
  contents.resize(size);
  uint64_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, contents.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error = n < 0 ? errno : 0;
      ::close(fd);
      return InvalidArgumentError(error ? "read failed: " + ErrnoMessage(error)
                                        : std::string("file shrank while being read"));
    }
    done += static_cast<uint64_t>(n);
  }
  ::close(fd);
  return contents;
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  std::string temp_path = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return InvalidArgumentError(path + ": cannot create file: " + ErrnoMessage(errno));
  }
  size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      ::unlink(temp_path.c_str());
      return InvalidArgumentError(path + ": write failed: " + ErrnoMessage(error));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || std::rename(temp_path.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp_path.c_str());
    return InvalidArgumentError(path + ": cannot write file: " + ErrnoMessage(error));
  }
  return OkStatus();
}

StatusOr<std::string> ReadFileHead(const std::string& path, size_t count) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return InvalidArgumentError("cannot open file: " + ErrnoMessage(errno));
  std::string head(count, '\0');
  ssize_t n = ::read(fd, head.data(), count);
  ::close(fd);
  if (n < 0) return InvalidArgumentError("read failed: " + ErrnoMessage(errno));
  head.resize(static_cast<size_t>(n));
  return head;
}

}  // namespace mb
