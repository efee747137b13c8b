// OpDef: everything that is true of an engine operation, in one place: which operands shape
// inference needs the values of, the shape function, the cost function and the reference
// math. Each op's definition lives in ops/<family>/<op>.cc; kernels in kernels/ are faster
// replacements checked against the reference.
#ifndef MODELBENCH_OPS_OP_DEF_H_
#define MODELBENCH_OPS_OP_DEF_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"
#include "ir/op_kind.h"

namespace mb::ops {

using ir::OpKind;

// A value's static type as shape inference knows it.
struct TensorType {
  ir::DType dtype = ir::DType::kInvalid;
  ir::Shape shape;
};

// Typed, defaulted access to a node's canonical parameters (Node::params). A parameter of
// the wrong type is a programmer error in an importer's op table, so it CHECK-fails.
class Params {
 public:
  explicit Params(const ir::AttributeMap& params) : params_(params) {}
  bool Has(const std::string& name) const { return params_.contains(name); }
  int64_t Int(const std::string& name, int64_t fallback) const;
  float Float(const std::string& name, float fallback) const;
  bool Bool(const std::string& name, bool fallback) const;
  std::string String(const std::string& name, const std::string& fallback) const;
  std::vector<int64_t> Ints(const std::string& name, std::vector<int64_t> fallback) const;
  ir::DType DType(const std::string& name, ir::DType fallback) const;

 private:
  const ir::AttributeMap& params_;
};

// What a shape function sees: the node, its operands' types and, for constant operands,
// their values.
class InferenceContext {
 public:
  InferenceContext(const ir::Node& node, std::vector<TensorType> operand_types,
                   std::vector<const ir::Tensor*> operand_values);

  const ir::Node& node() const { return node_; }
  Params params() const { return Params(node_.params); }
  int num_operands() const { return static_cast<int>(operand_types_.size()); }
  // False for an absent optional operand (kNoValue).
  bool has_operand(int i) const { return i < num_operands() && node_.operands[i] != ir::kNoValue; }
  // An operand the node lacks (fewer operands than the op takes) reads as an absent one.
  const TensorType& operand(int i) const {
    static const TensorType kAbsent;
    return i >= 0 && i < num_operands() ? operand_types_[i] : kAbsent;
  }
  // The operand's value if it is a constant (or was folded into one), else nullptr.
  const ir::Tensor* operand_value(int i) const {
    return i < num_operands() ? operand_values_[i] : nullptr;
  }

  int num_outputs() const { return static_cast<int>(outputs_.size()); }
  // An output the node does not have (a model file's node with too few outputs) is not
  // written but remembered: shape inference then reports the node.
  void set_output(int i, TensorType type) {
    if (i < 0 || i >= num_outputs()) {
      outputs_needed_ = std::max(outputs_needed_, i + 1);
      return;
    }
    outputs_[i] = std::move(type);
  }
  const std::vector<TensorType>& outputs() const { return outputs_; }
  // More than num_outputs() if the shape function set an output the node lacks.
  int outputs_needed() const { return std::max(outputs_needed_, num_outputs()); }

 private:
  const ir::Node& node_;
  std::vector<TensorType> operand_types_;
  std::vector<const ir::Tensor*> operand_values_;
  std::vector<TensorType> outputs_;
  int outputs_needed_ = 0;
};

// A tensor during execution: a dtype, fixed sizes and a buffer the runtime owns.
struct TensorView {
  ir::DType dtype = ir::DType::kInvalid;
  std::vector<int64_t> sizes;
  void* data = nullptr;

  int64_t num_elements() const {
    int64_t n = 1;
    for (int64_t s : sizes) n *= s;
    return n;
  }
  int rank() const { return static_cast<int>(sizes.size()); }
  template <typename T>
  T* As() const {
    return static_cast<T*>(data);
  }
};

// What reference math sees. Absent optional operands have data == nullptr.
struct ComputeContext {
  const ir::Node& node;
  Params params;
  std::span<const TensorView> inputs;
  std::span<TensorView> outputs;
};

// FLOPs (2 per multiply-accumulate), MACs and bytes moved, for one execution.
struct OpCost {
  int64_t flops = 0;
  int64_t macs = 0;
  int64_t bytes_read = 0;
  int64_t bytes_written = 0;
};

struct CostContext {
  const ir::Node& node;
  Params params;
  std::span<const TensorType> operands;
  std::span<const TensorType> outputs;
};

struct OpDef {
  OpKind kind = OpKind::kUnsupported;
  // Operands whose values (not just shapes) the shape function needs: they must be constant
  // (possibly after folding) for shapes to be known before running.
  std::vector<int> value_operands;
  Status (*infer_shapes)(InferenceContext& context) = nullptr;
  OpCost (*count_cost)(const CostContext& context) = nullptr;
  // REQUIRES: outputs are allocated with the inferred sizes.
  Status (*compute_reference)(const ComputeContext& context) = nullptr;
};

// The definition of `kind`. REQUIRES: kind != kUnsupported.
const OpDef& GetOpDef(OpKind kind);

// Per-op definitions, one per row of op_list.inc.
#define MB_OP(name) const OpDef& name##OpDef();
#include "ops/op_list.inc"
#undef MB_OP

}  // namespace mb::ops

#endif  // MODELBENCH_OPS_OP_DEF_H_
