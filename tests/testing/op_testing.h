// Helpers for op tests: building a node's canonical params, tensors of test values, and one
// op run through its OpDef (shape inference, reference math, cost) as the runtime runs it.
#ifndef MODELBENCH_TESTS_TESTING_OP_TESTING_H_
#define MODELBENCH_TESTS_TESTING_OP_TESTING_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/status.h"
#include "ir/attribute.h"
#include "ir/graph.h"
#include "ops/op_def.h"

// `ASSERT_OK_AND_ASSIGN(x, F());` declares x from a StatusOr, or fails the test with its error.
#define ASSERT_OK_AND_ASSIGN(lhs, expr)                       \
  auto lhs##_or = (expr);                                     \
  ASSERT_TRUE(lhs##_or.ok()) << lhs##_or.status().ToString(); \
  auto lhs = std::move(lhs##_or).value()

namespace mb::testing {

// Builds a node's canonical params: ParamsBuilder().Set("axis", int64_t{1}).map().
class ParamsBuilder {
 public:
  ParamsBuilder& Set(const std::string& name, const char* value) {
    map_[name] = ir::Attribute{std::string(value)};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, const std::string& value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, int64_t value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, float value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, bool value) {
    map_[name] = ir::Attribute{value};
    return *this;
  }
  ParamsBuilder& Set(const std::string& name, std::vector<int64_t> value) {
    map_[name] = ir::Attribute{std::move(value)};
    return *this;
  }
  const ir::AttributeMap& map() const { return map_; }

 private:
  ir::AttributeMap map_;
};

// ---- Tensors ----

// The DType of a C++ element type (kInvalid for one without its own DType).
template <typename T>
constexpr ir::DType DTypeOf() {
  if constexpr (std::is_same_v<T, float>) return ir::DType::kFloat32;
  if constexpr (std::is_same_v<T, double>) return ir::DType::kFloat64;
  if constexpr (std::is_same_v<T, int32_t>) return ir::DType::kInt32;
  if constexpr (std::is_same_v<T, int64_t>) return ir::DType::kInt64;
  if constexpr (std::is_same_v<T, int8_t>) return ir::DType::kInt8;
  if constexpr (std::is_same_v<T, uint8_t>) return ir::DType::kUInt8;
  return ir::DType::kInvalid;
}

// A tensor of `values` (row-major); `dtype` names it where T alone does not (kBool: uint8_t).
// Fails the test, and returns an empty tensor, when the values do not fill the sizes.
template <typename T>
ir::Tensor MakeTensor(std::vector<int64_t> sizes, const std::vector<T>& values,
                      ir::DType dtype = DTypeOf<T>()) {
  std::string bytes(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  auto tensor = ir::Tensor::FromBytes(dtype, std::move(sizes), std::move(bytes));
  EXPECT_TRUE(tensor.ok()) << tensor.status().ToString();
  return tensor.ok() ? std::move(tensor).value() : ir::Tensor();
}

// A tensor's elements, row-major.
template <typename T>
std::vector<T> Values(const ir::Tensor& tensor) {
  std::vector<T> values(tensor.num_elements());
  for (int64_t i = 0; i < tensor.num_elements(); ++i) values[i] = tensor.At<T>(i);
  return values;
}

// "ok", or the error message of a Status or StatusOr: for EXPECT_THAT(..., HasSubstr(...)).
template <typename R>
std::string ErrorOf(const R& result) {
  if constexpr (std::is_same_v<R, Status>) {
    return result.ok() ? "ok" : result.message();
  } else {
    return result.ok() ? "ok" : result.status().message();
  }
}

// ---- One op through its OpDef ----
// An operand (a tensor, or a type) whose dtype is kInvalid is an absent optional operand: the
// node gets kNoValue for it, as the ONNX importer writes "" inputs.

// A node with operands 0..n-1 (kNoValue where not `present`) and outputs n..n+k-1; the ids
// only matter to the contexts built on it.
inline ir::Node MakeOpNode(ir::OpKind kind, ir::AttributeMap params,
                           const std::vector<bool>& present, int num_outputs = 1) {
  ir::Node node;
  node.name = "node";
  node.kind = kind;
  node.params = std::move(params);
  for (size_t i = 0; i < present.size(); ++i) {
    node.operands.push_back(present[i] ? static_cast<ir::ValueId>(i) : ir::kNoValue);
  }
  for (int i = 0; i < num_outputs; ++i) {
    node.outputs.push_back(static_cast<ir::ValueId>(present.size() + i));
  }
  return node;
}

// Shape inference alone, on operand types, with the given operand values (nullptr, or none
// given: not constant).
inline StatusOr<std::vector<ops::TensorType>> Infer(ir::OpKind kind, ir::AttributeMap params,
                                                    std::vector<ops::TensorType> types,
                                                    std::vector<const ir::Tensor*> values = {},
                                                    int num_outputs = 1) {
  std::vector<bool> present;
  for (const ops::TensorType& t : types) present.push_back(t.dtype != ir::DType::kInvalid);
  ir::Node node = MakeOpNode(kind, std::move(params), present, num_outputs);
  values.resize(types.size(), nullptr);
  ops::InferenceContext context(node, std::move(types), std::move(values));
  RETURN_IF_ERROR(ops::GetOpDef(kind).infer_shapes(context));
  return context.outputs();
}

// Runs an op as the runtime does: shape inference sees the values of the OpDef's value
// operands only (with `all_values`, of every operand; the others are run-time data), then the
// reference math fills outputs allocated with the inferred shapes (and filled with a pattern
// first, so an output element the math forgets to write shows).
inline StatusOr<std::vector<ir::Tensor>> RunOp(ir::OpKind kind, ir::AttributeMap params,
                                               const std::vector<ir::Tensor>& operands,
                                               int num_outputs = 1, bool all_values = false) {
  const ops::OpDef& def = ops::GetOpDef(kind);
  std::vector<bool> present;
  for (const ir::Tensor& t : operands) present.push_back(t.dtype() != ir::DType::kInvalid);
  ir::Node node = MakeOpNode(kind, std::move(params), present, num_outputs);
  std::vector<ops::TensorType> types;
  std::vector<const ir::Tensor*> values(operands.size(), nullptr);
  for (size_t i = 0; i < operands.size(); ++i) {
    types.push_back(present[i] ? ops::TensorType{operands[i].dtype(), operands[i].shape()}
                               : ops::TensorType{});
    if (all_values && present[i]) values[i] = &operands[i];
  }
  for (int i : def.value_operands) {
    if (i < static_cast<int>(operands.size()) && present[i]) values[i] = &operands[i];
  }
  ops::InferenceContext inference(node, types, values);
  RETURN_IF_ERROR(def.infer_shapes(inference));
  std::vector<ops::TensorView> inputs;
  for (size_t i = 0; i < operands.size(); ++i) {
    if (!present[i]) {
      inputs.push_back({});
      continue;
    }
    const ir::Tensor& t = operands[i];
    inputs.push_back({t.dtype(), t.sizes(), const_cast<char*>(t.bytes().data())});
  }
  std::vector<std::string> buffers(num_outputs);
  std::vector<ops::TensorView> outputs(num_outputs);
  for (int i = 0; i < num_outputs; ++i) {
    const ops::TensorType& type = inference.outputs()[i];
    if (!type.shape.IsFullyKnown()) return InternalError("output shape is not known");
    buffers[i].assign(*type.shape.NumElements() * ir::DTypeSize(type.dtype), '\x5a');
    outputs[i] = {type.dtype, type.shape.Sizes(), buffers[i].data()};
  }
  ops::ComputeContext compute{node, ops::Params(node.params), inputs, outputs};
  RETURN_IF_ERROR(def.compute_reference(compute));
  std::vector<ir::Tensor> results;
  for (int i = 0; i < num_outputs; ++i) {
    ASSIGN_OR_RETURN(ir::Tensor t,
                     ir::Tensor::FromBytes(outputs[i].dtype, outputs[i].sizes, buffers[i]));
    results.push_back(std::move(t));
  }
  return results;
}

// The op's cost for the given operand and output types (all operands present).
inline ops::OpCost CostOf(ir::OpKind kind, ir::AttributeMap params,
                          const std::vector<ops::TensorType>& operands,
                          const std::vector<ops::TensorType>& outputs) {
  std::vector<bool> present(operands.size(), true);
  ir::Node node = MakeOpNode(kind, std::move(params), present, static_cast<int>(outputs.size()));
  ops::CostContext context{node, ops::Params(node.params), operands, outputs};
  return ops::GetOpDef(kind).count_cost(context);
}

}  // namespace mb::testing

#endif  // MODELBENCH_TESTS_TESTING_OP_TESTING_H_
