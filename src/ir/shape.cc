#include "ir/shape.h"

#include <limits>

namespace mb::ir {

std::string Dim::ToString() const {
  if (is_known()) return std::to_string(size_);
  if (is_symbolic()) return symbol_;
  return "?";
}

Shape Shape::Static(const std::vector<int64_t>& sizes) {
  std::vector<Dim> dims;
  dims.reserve(sizes.size());
  for (int64_t size : sizes) dims.push_back(size >= 0 ? Dim::Known(size) : Dim::Unknown());
  return Shape(std::move(dims));
}

bool Shape::IsFullyKnown() const {
  if (!rank_known_) return false;
  for (const Dim& dim : dims_) {
    if (!dim.is_known()) return false;
  }
  return true;
}

std::vector<int64_t> Shape::Sizes() const {
  MB_CHECK(IsFullyKnown()) << ToString();
  std::vector<int64_t> sizes;
  sizes.reserve(dims_.size());
  for (const Dim& dim : dims_) sizes.push_back(dim.size());
  return sizes;
}

std::optional<int64_t> Shape::NumElements() const {
  if (!IsFullyKnown()) return std::nullopt;
  auto count = CheckedNumElements(Sizes());
  if (!count.ok()) return std::nullopt;
  return *count;
}

std::string Shape::ToString() const {
  if (!rank_known_) return "<unknown>";
  std::string text = "[";
  for (size_t i = 0; i < dims_.size(); ++i) {
    if (i > 0) text += ",";
    text += dims_[i].ToString();
  }
  return text + "]";
}

std::optional<int64_t> CheckedMultiply(int64_t a, int64_t b) {
  if (a < 0 || b < 0) return std::nullopt;
  if (a != 0 && b > std::numeric_limits<int64_t>::max() / a) return std::nullopt;
  return a * b;
}

StatusOr<int64_t> CheckedNumElements(const std::vector<int64_t>& sizes) {
  int64_t count = 1;
  for (int64_t size : sizes) {
    if (size < 0) return InvalidArgumentError("negative dimension " + std::to_string(size));
    auto product = CheckedMultiply(count, size);
    if (!product) return InvalidArgumentError("element count overflows 64 bits");
    count = *product;
  }
  return count;
}

}  // namespace mb::ir
