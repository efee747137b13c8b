// Tensor: a constant held by the IR (weights, shape constants, attribute tensors).
//
// Plain-data elements are stored as little-endian, row-major bytes exactly as the model file
// has them, so importers can hand over a file's buffer without copying element by element.
// String tensors hold one std::string per element.
#ifndef MODELBENCH_IR_TENSOR_H_
#define MODELBENCH_IR_TENSOR_H_

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/dtype.h"
#include "ir/shape.h"

namespace mb::ir {

class Tensor {
 public:
  Tensor() = default;

  // REQUIRES nothing: the byte count is checked against dtype and sizes.
  static StatusOr<Tensor> FromBytes(DType dtype, std::vector<int64_t> sizes, std::string bytes);
  static StatusOr<Tensor> FromStrings(std::vector<int64_t> sizes, std::vector<std::string> strings);

  DType dtype() const { return dtype_; }
  const std::vector<int64_t>& sizes() const { return sizes_; }
  Shape shape() const { return Shape::Static(sizes_); }
  int64_t num_elements() const { return num_elements_; }
  // Bytes of element data: for strings, the sum of their lengths.
  uint64_t byte_size() const;

  const std::string& bytes() const { return bytes_; }
  const std::vector<std::string>& strings() const { return strings_; }

  // Element i converted from its stored type. REQUIRES: sizeof(T) == DTypeSize(dtype()).
  template <typename T>
  T At(int64_t i) const {
    T value;
    std::memcpy(&value, bytes_.data() + i * sizeof(T), sizeof(T));
    return value;
  }

 private:
  DType dtype_ = DType::kInvalid;
  std::vector<int64_t> sizes_;
  int64_t num_elements_ = 0;
  std::string bytes_;
  std::vector<std::string> strings_;
};

}  // namespace mb::ir

#endif  // MODELBENCH_IR_TENSOR_H_
