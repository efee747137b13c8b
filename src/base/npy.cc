#include "base/npy.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

#include "base/file.h"
#include "base/strings.h"

namespace mb {
namespace {

// Layout of a .npy file (numpy.lib.format): the 6-byte magic, major and minor version bytes,
// a little-endian header length (uint16 in 1.0, uint32 in 2.0), the header (a Python dict
// literal padded with spaces and ended by '\n'), then the raw data.
constexpr std::string_view kMagic("\x93NUMPY", 6);
constexpr size_t kPreambleBytesV1 = 10;
constexpr size_t kPreambleBytesV2 = 12;

// numpy itself refuses more than NPY_MAXDIMS dimensions (32 before numpy 2.0, 64 since).
constexpr size_t kMaxRank = 64;

// numpy.load refuses headers over 10000 bytes by default; we allow more, but a header of a
// megabyte is damage, not data, and is not worth reading into memory.
constexpr uint64_t kMaxHeaderBytes = 1 << 20;

// numpy.save pads the header so that the data starts on a 64-byte boundary, and since numpy
// 1.24 leaves room for the first dimension to grow to 21 digits (format.py,
// ARRAY_ALIGN and GROWTH_AXIS_MAX_DIGITS). We do the same so our files match numpy's bytes.
constexpr size_t kArrayAlign = 64;
constexpr size_t kGrowthAxisMaxDigits = 21;

struct Preamble {
  size_t header_start = 0;  // Offset of the header text.
  uint64_t header_bytes = 0;
};

struct Header {
  std::string dtype;
  std::vector<int64_t> shape;
  uint64_t data_offset = 0;
  uint64_t data_bytes = 0;
};

// Python's repr of a shape tuple: "()", "(5,)", "(1, 2)".
std::string ShapeRepr(const std::vector<int64_t>& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  if (shape.size() == 1) text += ",";
  return text + ")";
}

// Bytes of data an array of `shape` and `item_size` needs, or an error on a negative dim or
// overflow. Any zero dim makes an empty array, whatever the other dims are.
StatusOr<uint64_t> DataBytes(const std::vector<int64_t>& shape, size_t item_size) {
  if (shape.size() > kMaxRank) {
    return UnimplementedError("shape has " + std::to_string(shape.size()) +
                              " dimensions; at most " + std::to_string(kMaxRank) +
                              " are supported");
  }
  for (int64_t dim : shape) {
    if (dim < 0) {
      return InvalidArgumentError("shape " + ShapeRepr(shape) + " has a negative dimension " +
                                  std::to_string(dim));
    }
  }
  for (int64_t dim : shape) {
    if (dim == 0) return uint64_t{0};
  }
  int64_t bytes = static_cast<int64_t>(item_size);
  for (int64_t dim : shape) {
    if (__builtin_mul_overflow(bytes, dim, &bytes)) {
      return InvalidArgumentError("shape " + ShapeRepr(shape) +
                                  " has more elements than fit in memory (size overflows)");
    }
  }
  // The data must also fit in a std::string on this machine.
  if (static_cast<uint64_t>(bytes) > std::numeric_limits<size_t>::max() / 2) {
    return InvalidArgumentError("shape " + ShapeRepr(shape) +
                                " needs more bytes than fit in memory");
  }
  return static_cast<uint64_t>(bytes);
}

// Reads the magic, version and header length from the start of a file. `bytes` may hold
// just the first kPreambleBytesV2 bytes.
StatusOr<Preamble> ParsePreamble(std::string_view bytes) {
  if (bytes.empty()) return InvalidArgumentError("file is empty");
  if (bytes.substr(0, kMagic.size()) != kMagic) {
    if (bytes.size() < kMagic.size() && kMagic.substr(0, bytes.size()) == bytes) {
      return InvalidArgumentError("truncated .npy file: " + std::to_string(bytes.size()) +
                                  " bytes, too short for the magic string");
    }
    return InvalidArgumentError("not a .npy file: bad magic (expected \\x93NUMPY)");
  }
  if (bytes.size() < kMagic.size() + 2) {
    return InvalidArgumentError("truncated header: file ends inside the version bytes");
  }
  auto major = static_cast<uint8_t>(bytes[6]);
  auto minor = static_cast<uint8_t>(bytes[7]);
  std::string version = std::to_string(major) + "." + std::to_string(minor);
  if (minor != 0 || major == 0 || major > 3) {
    return InvalidArgumentError("unknown .npy format version " + version);
  }
  if (major == 3) {
    return UnimplementedError(".npy format version 3.0 (UTF-8 header) is not supported");
  }
  Preamble preamble;
  preamble.header_start = major == 1 ? kPreambleBytesV1 : kPreambleBytesV2;
  if (bytes.size() < preamble.header_start) {
    return InvalidArgumentError("truncated header: file ends inside the header length");
  }
  // Little-endian, whatever this machine is.
  for (size_t i = preamble.header_start; i-- > 8;) {
    preamble.header_bytes = (preamble.header_bytes << 8) | static_cast<uint8_t>(bytes[i]);
  }
  if (preamble.header_bytes > kMaxHeaderBytes) {
    return InvalidArgumentError("header length " + std::to_string(preamble.header_bytes) +
                                " is implausible (more than " + std::to_string(kMaxHeaderBytes) +
                                " bytes)");
  }
  return preamble;
}

// A parser for the one dict literal numpy writes, e.g.
//   {'descr': '<f4', 'fortran_order': False, 'shape': (1, 64, 64, 1), }
// It accepts what Python's literal syntax allows there (either quote, any whitespace, trailing
// commas, any key order, Python 2's "3L"), and nothing that numpy.load would refuse.
class HeaderParser {
 public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  Status Parse(std::string* descr, bool* fortran_order, std::vector<int64_t>* shape) {
    SkipSpace();
    if (!Consume('{')) return Error("is not a dict (does not start with '{')");
    bool seen_descr = false, seen_fortran_order = false, seen_shape = false;
    while (true) {
      SkipSpace();
      if (Consume('}')) break;
      if (Peek() != '\'' && Peek() != '"') return Error("expected a quoted key or '}'");
      ASSIGN_OR_RETURN(std::string key, ParseString());
      SkipSpace();
      if (!Consume(':')) return Error("expected ':' after key '" + key + "'");
      SkipSpace();
      if (key == "descr") {
        if (seen_descr) return Error("has key 'descr' twice");
        seen_descr = true;
        if (Peek() == '[') {
          return UnimplementedError("structured dtypes (a list as 'descr') are not supported");
        }
        if (Peek() != '\'' && Peek() != '"') return Error("'descr' must be a string");
        ASSIGN_OR_RETURN(*descr, ParseString());
      } else if (key == "fortran_order") {
        if (seen_fortran_order) return Error("has key 'fortran_order' twice");
        seen_fortran_order = true;
        ASSIGN_OR_RETURN(*fortran_order, ParseBool());
      } else if (key == "shape") {
        if (seen_shape) return Error("has key 'shape' twice");
        seen_shape = true;
        ASSIGN_OR_RETURN(*shape, ParseShape());
      } else {
        return Error("has unexpected key '" + key + "'");
      }
      SkipSpace();
      if (Consume(',')) continue;
      if (Consume('}')) break;
      return Error("expected ',' or '}' after the value of '" + key + "'");
    }
    SkipSpace();
    if (pos_ != text_.size()) return Error("has bytes after the closing '}'");
    if (!seen_descr) return InvalidArgumentError("header has no 'descr'");
    if (!seen_fortran_order) return InvalidArgumentError("header has no 'fortran_order'");
    if (!seen_shape) return InvalidArgumentError("header has no 'shape'");
    return OkStatus();
  }

 private:
  Status Error(const std::string& what) const {
    return InvalidArgumentError("header " + what + " (at header byte " + std::to_string(pos_) +
                                ")");
  }

  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  bool Consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool ConsumeWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // A quoted string without escapes: dtype descrs and key names never contain them.
  StatusOr<std::string> ParseString() {
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos) return Error("has an unterminated string");
    std::string value(text_.substr(pos_, end - pos_));
    if (value.find('\\') != std::string::npos) return Error("has an escape in a string");
    pos_ = end + 1;
    return value;
  }

  StatusOr<bool> ParseBool() {
    if (ConsumeWord("True")) return true;
    if (ConsumeWord("False")) return false;
    return Error("'fortran_order' must be True or False");
  }

  StatusOr<std::vector<int64_t>> ParseShape() {
    if (!Consume('(')) return Error("'shape' must be a tuple");
    std::vector<int64_t> shape;
    while (true) {
      SkipSpace();
      if (Consume(')')) break;
      if (shape.size() == kMaxRank) {
        return UnimplementedError("shape has more than " + std::to_string(kMaxRank) +
                                  " dimensions");
      }
      ASSIGN_OR_RETURN(int64_t dim, ParseInt());
      shape.push_back(dim);
      SkipSpace();
      if (Consume(',')) continue;
      if (Consume(')')) break;
      return Error("expected ',' or ')' in 'shape'");
    }
    return shape;
  }

  StatusOr<int64_t> ParseInt() {
    size_t start = pos_;
    Consume('-');
    size_t digits_start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    if (pos_ == digits_start) {
      pos_ = start;
      return Error("'shape' must hold integers");
    }
    std::string_view literal = text_.substr(start, pos_ - start);
    std::optional<int64_t> value = ParseInt64(literal);
    if (!value) {
      return InvalidArgumentError("shape dimension " + std::string(literal) +
                                  " does not fit in 64 bits");
    }
    Consume('L');  // Python 2 long literal, as old numpy versions wrote.
    return *value;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// Parses the preamble and header at the start of `bytes` (which must hold at least the whole
// header; it may hold the data too) and checks the header on its own terms.
StatusOr<Header> ParseHeader(std::string_view bytes) {
  ASSIGN_OR_RETURN(Preamble preamble, ParsePreamble(bytes));
  uint64_t available = bytes.size() - preamble.header_start;
  if (preamble.header_bytes > available) {
    return InvalidArgumentError("truncated header: it should be " +
                                std::to_string(preamble.header_bytes) + " bytes, the file has " +
                                std::to_string(available) + " after the preamble");
  }
  std::string_view text = bytes.substr(preamble.header_start, preamble.header_bytes);

  std::string descr;
  bool fortran_order = false;
  Header header;
  RETURN_IF_ERROR(HeaderParser(text).Parse(&descr, &fortran_order, &header.shape));

  // A byte has no byte order, and writers other than numpy (cnpy, for one) say '<u1' where
  // numpy says '|u1'; both mean the same array.
  if (descr.size() == 3 && descr[2] == '1' && (descr[0] == '<' || descr[0] == '>')) {
    descr[0] = '|';
  }
  if (NpyItemSize(descr) == 0) {
    if (!descr.empty() && descr[0] == '>') {
      return UnimplementedError("big-endian dtype '" + descr + "' is not supported");
    }
    return UnimplementedError("unsupported dtype '" + descr + "'");
  }
  header.dtype = std::move(descr);
  if (fortran_order) {
    return UnimplementedError("fortran_order True (column-major data) is not supported");
  }
  ASSIGN_OR_RETURN(header.data_bytes, DataBytes(header.shape, NpyItemSize(header.dtype)));
  header.data_offset = preamble.header_start + preamble.header_bytes;
  return header;
}

// The data length must match the header exactly: short data is a truncated file, and extra
// bytes mean the header does not describe what is there.
Status CheckDataLength(const Header& header, uint64_t data_bytes_present) {
  if (data_bytes_present == header.data_bytes) return OkStatus();
  std::string needs = "shape " + ShapeRepr(header.shape) + " of '" + header.dtype + "' needs " +
                      std::to_string(header.data_bytes) + " data bytes, the file has " +
                      std::to_string(data_bytes_present);
  if (data_bytes_present < header.data_bytes) {
    return InvalidArgumentError("truncated data: " + needs);
  }
  return InvalidArgumentError("data longer than the shape: " + needs);
}

// The checks ParseNpy makes, applied to an array about to be written.
Status CheckArray(const NpyArray& array) {
  if (NpyItemSize(array.dtype) == 0) {
    return UnimplementedError("unsupported dtype '" + array.dtype + "'");
  }
  ASSIGN_OR_RETURN(uint64_t data_bytes, DataBytes(array.shape, NpyItemSize(array.dtype)));
  if (array.data.size() != data_bytes) {
    return InvalidArgumentError("shape " + ShapeRepr(array.shape) + " of '" + array.dtype +
                                "' needs " + std::to_string(data_bytes) + " data bytes, got " +
                                std::to_string(array.data.size()));
  }
  return OkStatus();
}

Status ReadExactly(int fd, char* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, out + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return InvalidArgumentError("read failed: " + ErrnoMessage(errno));
    if (n == 0) return InvalidArgumentError("file shrank while being read");
    done += static_cast<size_t>(n);
  }
  return OkStatus();
}

// Closes the descriptor on every return path.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() { ::close(fd_); }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;

 private:
  int fd_;
};

}  // namespace

size_t NpyItemSize(const std::string& dtype) {
  static constexpr std::pair<std::string_view, size_t> kItemSizes[] = {
      {"<f4", 4}, {"<f8", 8}, {"<f2", 2}, {"<i4", 4}, {"<i8", 8},
      {"<i2", 2}, {"<u2", 2}, {"|i1", 1}, {"|u1", 1}, {"|b1", 1},
  };
  for (const auto& [name, size] : kItemSizes) {
    if (dtype == name) return size;
  }
  return 0;
}

StatusOr<NpyArray> ParseNpy(std::string_view bytes) {
  ASSIGN_OR_RETURN(Header header, ParseHeader(bytes));
  RETURN_IF_ERROR(CheckDataLength(header, bytes.size() - header.data_offset));
  NpyArray array;
  array.dtype = std::move(header.dtype);
  array.shape = std::move(header.shape);
  array.data.assign(bytes.substr(header.data_offset));
  return array;
}

StatusOr<NpyArray> ReadNpy(const std::string& path) {
  ASSIGN_OR_RETURN(uint64_t file_bytes, RegularFileSize(path));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return InvalidArgumentError("cannot open file: " + ErrnoMessage(errno));
  FdCloser closer(fd);

  // Read the header in two steps, each bounded by the file size, then check the data length
  // the header implies against the file size before allocating anything for the data.
  std::string head(std::min<uint64_t>(file_bytes, kPreambleBytesV2), '\0');
  RETURN_IF_ERROR(ReadExactly(fd, head.data(), head.size()));
  ASSIGN_OR_RETURN(Preamble preamble, ParsePreamble(head));
  uint64_t header_end =
      std::min<uint64_t>(preamble.header_start + preamble.header_bytes, file_bytes);
  size_t already_read = head.size();
  head.resize(std::max<uint64_t>(header_end, already_read));
  if (header_end > already_read) {
    RETURN_IF_ERROR(ReadExactly(fd, head.data() + already_read, header_end - already_read));
  }
  // A version 1.0 header ends before byte 12, so `head` may hold the first data bytes too.
  ASSIGN_OR_RETURN(Header header, ParseHeader(head));
  RETURN_IF_ERROR(CheckDataLength(header, file_bytes - header.data_offset));

  NpyArray array;
  array.dtype = std::move(header.dtype);
  array.shape = std::move(header.shape);
  array.data.resize(header.data_bytes);
  size_t prefix = head.size() - header.data_offset;
  std::memcpy(array.data.data(), head.data() + header.data_offset, prefix);
  RETURN_IF_ERROR(ReadExactly(fd, array.data.data() + prefix, array.data.size() - prefix));
  return array;
}

std::string SerializeNpy(const NpyArray& array) {
  MB_CHECK(CheckArray(array).ok()) << CheckArray(array).ToString();
  // The same text, key order and padding as numpy.lib.format._write_array_header.
  std::string header = "{'descr': '" + array.dtype +
                       "', 'fortran_order': False, 'shape': " + ShapeRepr(array.shape) + ", }";
  if (!array.shape.empty()) {
    size_t digits = std::to_string(array.shape[0]).size();
    if (digits < kGrowthAxisMaxDigits) header.append(kGrowthAxisMaxDigits - digits, ' ');
  }
  size_t unpadded = kPreambleBytesV1 + header.size() + 1;  // +1 for the final '\n'.
  header.append(kArrayAlign - unpadded % kArrayAlign, ' ');
  header += '\n';
  // At most kMaxRank dims of at most 20 characters each: far below the 1.0 limit.
  MB_CHECK(header.size() <= 0xffff) << "header too long for format 1.0";

  std::string bytes(kMagic);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  bytes += array.data;
  return bytes;
}

Status WriteNpy(const std::string& path, const NpyArray& array) {
  RETURN_IF_ERROR_WITH_CONTEXT(CheckArray(array), path);
  return WriteFileAtomically(path, SerializeNpy(array));
}

}  // namespace mb
