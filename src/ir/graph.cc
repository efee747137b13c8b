#include "ir/graph.h"

namespace mb::ir {

NodeId Graph::AddNode(Node node) {
  NodeId id = static_cast<NodeId>(nodes_.size());
  node_index_.emplace(node.name, id);  // keeps the first of duplicate names
  nodes_.push_back(std::move(node));
  return id;
}

ValueId Graph::AddValue(Value value) {
  ValueId id = static_cast<ValueId>(values_.size());
  value_index_.emplace(value.name, id);
  values_.push_back(std::move(value));
  return id;
}

ValueId Graph::AddConstant(std::string name, Tensor tensor) {
  Value value;
  value.name = std::move(name);
  value.constant = std::make_shared<const Tensor>(std::move(tensor));
  value.dtype = value.constant->dtype();
  value.shape = value.constant->shape();
  return AddValue(std::move(value));
}

void Graph::Reserve(size_t num_nodes, size_t num_values) {
  nodes_.reserve(num_nodes);
  node_index_.reserve(num_nodes);
  values_.reserve(num_values);
  value_index_.reserve(num_values);
}

std::optional<NodeId> Graph::FindNode(const std::string& name) const {
  auto it = node_index_.find(name);
  if (it == node_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<ValueId> Graph::FindValue(const std::string& name) const {
  auto it = value_index_.find(name);
  if (it == value_index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace mb::ir
