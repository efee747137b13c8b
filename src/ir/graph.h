// Graph, Node and Value: modelbench's format-neutral model representation.
//
// A Node is one operation as the model file wrote it: its source op type and name are kept
// verbatim (reports speak the user's language: "Conv2D", "FusedBatchNormV3", "Conv"). Nodes
// consume and produce Values (tensors). A Value with no producer is a graph input, a
// constant (initializer), or, in a broken model, a dangling reference that the verifier
// reports. Control inputs (TF's "^node") order nodes without passing data.
#ifndef MODELBENCH_IR_GRAPH_H_
#define MODELBENCH_IR_GRAPH_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/attribute.h"
#include "ir/dtype.h"
#include "ir/op_kind.h"
#include "ir/shape.h"
#include "ir/tensor.h"

namespace mb::ir {

using NodeId = int32_t;
using ValueId = int32_t;
inline constexpr NodeId kNoNode = -1;

struct Value {
  std::string name;
  DType dtype = DType::kInvalid;
  Shape shape;                // unknown rank until an importer or shape inference says more
  NodeId producer = kNoNode;  // kNoNode: graph input, constant, or dangling
  int output_index = 0;       // which output of `producer`
  TensorPtr constant;         // set for initializers / constant outputs
};

inline constexpr ValueId kNoValue = -1;

struct Node {
  std::string name;
  std::string op_type;  // exactly as in the model file
  std::string domain;   // ONNX operator domain; empty for the default
  std::string device;   // TF device placement, kept for summaries
  std::vector<ValueId> inputs;
  std::vector<ValueId> outputs;
  std::vector<std::string> control_inputs;  // names of nodes that must run first
  AttributeMap attrs;                       // as in the model file

  // What the engine runs, set by the importer's op table ("legalization"): the engine op,
  // its parameters under the op's own canonical names (ops/ documents them), and its
  // operands in the op's canonical order. Operands may be a subset of `inputs` (a TF axis
  // input becomes a parameter, say); kNoValue marks an absent optional operand. A node the
  // table does not know keeps kind kUnsupported.
  OpKind kind = OpKind::kUnsupported;
  AttributeMap params;
  std::vector<ValueId> operands;
  std::string unsupported_reason;  // why a known op type could not be mapped, if it could not

  const Attribute* FindAttr(const std::string& attr_name) const {
    auto it = attrs.find(attr_name);
    return it == attrs.end() ? nullptr : &it->second;
  }
};

struct Function;

class Graph {
 public:
  Graph() = default;
  Graph(Graph&&) = default;
  Graph& operator=(Graph&&) = default;

  // Appends and returns the id. Names need not be unique (the verifier reports duplicates);
  // lookups find the first node or value of a name.
  NodeId AddNode(Node node);
  ValueId AddValue(Value value);
  // A constant Value (no producer) holding `tensor`, with its dtype and shape: weights that
  // importers and runtime passes compute (folded batch norms, permuted constants).
  ValueId AddConstant(std::string name, Tensor tensor);
  // Capacity hints for importers that know the sizes up front.
  void Reserve(size_t num_nodes, size_t num_values);

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Value>& values() const { return values_; }
  Node& node(NodeId id) { return nodes_[id]; }
  const Node& node(NodeId id) const { return nodes_[id]; }
  Value& value(ValueId id) { return values_[id]; }
  const Value& value(ValueId id) const { return values_[id]; }

  std::optional<NodeId> FindNode(const std::string& name) const;
  std::optional<ValueId> FindValue(const std::string& name) const;

  // Values fed from outside, and values the model hands back, in the model's order.
  std::vector<ValueId>& inputs() { return inputs_; }
  const std::vector<ValueId>& inputs() const { return inputs_; }
  std::vector<ValueId>& outputs() { return outputs_; }
  const std::vector<ValueId>& outputs() const { return outputs_; }

  // Function library (TF FunctionDefs); their bodies count in summaries.
  std::vector<std::unique_ptr<Function>>& functions() { return functions_; }
  const std::vector<std::unique_ptr<Function>>& functions() const { return functions_; }

 private:
  std::vector<Node> nodes_;
  std::vector<Value> values_;
  std::vector<ValueId> inputs_;
  std::vector<ValueId> outputs_;
  std::unordered_map<std::string, NodeId> node_index_;
  std::unordered_map<std::string, ValueId> value_index_;
  std::vector<std::unique_ptr<Function>> functions_;
};

struct Function {
  std::string name;
  Graph body;  // inputs() are the arguments, outputs() the returned values
};

// What the file said about itself, for summaries.
struct ModelInfo {
  std::string path;
  std::string format;  // "TensorFlow GraphDef (binary)", ...
  uint64_t file_bytes = 0;
  std::string producer;  // e.g. "TensorFlow GraphDef version 27"
  std::map<std::string, std::string> properties;
};

struct Model {
  ModelInfo info;
  Graph graph;
};

}  // namespace mb::ir

#endif  // MODELBENCH_IR_GRAPH_H_
