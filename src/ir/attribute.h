// Attribute: a node's named, typed parameter (strides, padding, dtype, a constant tensor...).
// Values keep the model's own representation; ops/ interprets them.
#ifndef MODELBENCH_IR_ATTRIBUTE_H_
#define MODELBENCH_IR_ATTRIBUTE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ir/dtype.h"
#include "ir/shape.h"
#include "ir/tensor.h"

namespace mb::ir {

// A reference to a function in the graph's library (TF `func` attrs: If branches,
// PartitionedCall bodies).
struct FunctionRef {
  std::string name;
  friend bool operator==(const FunctionRef&, const FunctionRef&) = default;
};

using TensorPtr = std::shared_ptr<const Tensor>;

using AttributeValue =
    std::variant<std::monostate, int64_t, float, bool, std::string, DType, Shape, TensorPtr,
                 FunctionRef, std::vector<int64_t>, std::vector<float>, std::vector<bool>,
                 std::vector<std::string>, std::vector<DType>, std::vector<Shape>,
                 std::vector<TensorPtr>, std::vector<FunctionRef>>;

struct Attribute {
  AttributeValue value;

  template <typename T>
  bool Is() const {
    return std::holds_alternative<T>(value);
  }
  // REQUIRES: Is<T>().
  template <typename T>
  const T& Get() const {
    return std::get<T>(value);
  }
};

// Sorted by name, so printing and hashing are deterministic.
using AttributeMap = std::map<std::string, Attribute>;

}  // namespace mb::ir

#endif  // MODELBENCH_IR_ATTRIBUTE_H_
