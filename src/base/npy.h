// NumPy .npy files: how test inputs and reference outputs travel between modelbench, other
// runtimes (TF.js, OpenCV, ONNX Runtime) and Python, without any of them sharing code.
//
// Supported: format versions 1.0 and 2.0 on read, 1.0 on write; little-endian, C order; the
// dtypes '<f4', '<f8', '<f2', '<i4', '<i8', '<i2', '<u2', '|i1', '|u1', '|b1'. The file is
// untrusted: every header field is checked, and nothing is allocated from a header value that
// has not been checked against the bytes actually present.
// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
#ifndef MODELBENCH_BASE_NPY_H_
#define MODELBENCH_BASE_NPY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mb {

struct NpyArray {
  std::string dtype;           // NumPy descr, e.g. "<f4".
  std::vector<int64_t> shape;  // Empty for a 0-d (scalar) array.
  std::string data;            // Raw little-endian element bytes, C order.
};

// Reads a .npy file. The file size is checked against the header before the data is read.
// Error messages describe the problem but do not repeat `path`; callers add it as context.
StatusOr<NpyArray> ReadNpy(const std::string& path);

// Parses the bytes of a whole .npy file. Trailing bytes after the data are an error.
StatusOr<NpyArray> ParseNpy(std::string_view bytes);

// The bytes of a version 1.0 .npy file, laid out as numpy.save writes them (same header text
// and padding), so numpy reads it back unchanged.
// REQUIRES: NpyItemSize(array.dtype) > 0, no negative dims, and array.data.size() equal to
// the element count times the item size (WriteNpy checks this and returns an error instead).
std::string SerializeNpy(const NpyArray& array);

// Validates `array`, then writes it with WriteFileAtomically.
Status WriteNpy(const std::string& path, const NpyArray& array);

// Bytes per element of a supported dtype; 0 if the dtype is not supported.
size_t NpyItemSize(const std::string& dtype);

}  // namespace mb

#endif  // MODELBENCH_BASE_NPY_H_
