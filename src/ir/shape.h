// Shape: a tensor's dimensions, each static (a size), symbolic (a name such as "batch") or
// unknown; the rank itself may be unknown.
#ifndef MODELBENCH_IR_SHAPE_H_
#define MODELBENCH_IR_SHAPE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mb::ir {

class Dim {
 public:
  Dim() = default;  // unknown
  static Dim Known(int64_t size) { return Dim(size, {}); }
  static Dim Unknown() { return Dim(); }
  static Dim Symbolic(std::string name) { return Dim(-1, std::move(name)); }

  bool is_known() const { return size_ >= 0; }
  bool is_symbolic() const { return size_ < 0 && !symbol_.empty(); }
  // REQUIRES: is_known().
  int64_t size() const { return size_; }
  const std::string& symbol() const { return symbol_; }

  // "32", "batch" or "?".
  std::string ToString() const;

  friend bool operator==(const Dim&, const Dim&) = default;

 private:
  Dim(int64_t size, std::string symbol) : size_(size), symbol_(std::move(symbol)) {}
  int64_t size_ = -1;
  std::string symbol_;
};

class Shape {
 public:
  Shape() = default;  // unknown rank
  explicit Shape(std::vector<Dim> dims) : rank_known_(true), dims_(std::move(dims)) {}
  static Shape UnknownRank() { return Shape(); }
  static Shape Scalar() { return Shape(std::vector<Dim>{}); }
  static Shape Static(const std::vector<int64_t>& sizes);

  bool rank_known() const { return rank_known_; }
  // REQUIRES: rank_known().
  int rank() const { return static_cast<int>(dims_.size()); }
  const std::vector<Dim>& dims() const { return dims_; }
  const Dim& dim(int i) const { return dims_[i]; }

  bool IsFullyKnown() const;
  // The sizes of a fully known shape. REQUIRES: IsFullyKnown().
  std::vector<int64_t> Sizes() const;
  // Element count of a fully known shape; nullopt if unknown or if it overflows int64.
  std::optional<int64_t> NumElements() const;

  // "[?,32,32,3]", "[]" for a scalar, "<unknown>" for unknown rank.
  std::string ToString() const;

  friend bool operator==(const Shape&, const Shape&) = default;

 private:
  bool rank_known_ = false;
  std::vector<Dim> dims_;
};

// Product of `sizes` with overflow and negativity checks; an error names the problem.
StatusOr<int64_t> CheckedNumElements(const std::vector<int64_t>& sizes);

// a * b for non-negative operands; nullopt on int64 overflow.
std::optional<int64_t> CheckedMultiply(int64_t a, int64_t b);

}  // namespace mb::ir

#endif  // MODELBENCH_IR_SHAPE_H_
