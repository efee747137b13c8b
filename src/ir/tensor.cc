#include "ir/tensor.h"

namespace mb::ir {

StatusOr<Tensor> Tensor::FromBytes(DType dtype, std::vector<int64_t> sizes, std::string bytes) {
  if (!IsPlainData(dtype)) {
    return InvalidArgumentError(std::string("dtype ") + std::string(DTypeName(dtype)) +
                                " cannot be stored as plain bytes");
  }
  ASSIGN_OR_RETURN(int64_t count, CheckedNumElements(sizes));
  auto expected = CheckedMultiply(count, static_cast<int64_t>(DTypeSize(dtype)));
  if (!expected) return InvalidArgumentError("tensor byte size overflows 64 bits");
  if (static_cast<uint64_t>(*expected) != bytes.size()) {
    return InvalidArgumentError("tensor content has " + std::to_string(bytes.size()) +
                                " bytes but shape " + Shape::Static(sizes).ToString() + " of " +
                                std::string(DTypeName(dtype)) + " needs " +
                                std::to_string(*expected));
  }
  Tensor tensor;
  tensor.dtype_ = dtype;
  tensor.sizes_ = std::move(sizes);
  tensor.num_elements_ = count;
  tensor.bytes_ = std::move(bytes);
  return tensor;
}

StatusOr<Tensor> Tensor::FromStrings(std::vector<int64_t> sizes, std::vector<std::string> strings) {
  ASSIGN_OR_RETURN(int64_t count, CheckedNumElements(sizes));
  if (static_cast<uint64_t>(count) != strings.size()) {
    return InvalidArgumentError("string tensor has " + std::to_string(strings.size()) +
                                " elements but shape " + Shape::Static(sizes).ToString() +
                                " needs " + std::to_string(count));
  }
  Tensor tensor;
  tensor.dtype_ = DType::kString;
  tensor.sizes_ = std::move(sizes);
  tensor.num_elements_ = count;
  tensor.strings_ = std::move(strings);
  return tensor;
}

uint64_t Tensor::byte_size() const {
  if (dtype_ != DType::kString) return bytes_.size();
  uint64_t total = 0;
  for (const std::string& s : strings_) total += s.size();
  return total;
}

}  // namespace mb::ir
