// The model summary: what is in a model (inputs, outputs, variables, parameters by dtype,
// op types, control edges, devices), computed from the IR for any format.
#ifndef MODELBENCH_ANALYSIS_SUMMARY_H_
#define MODELBENCH_ANALYSIS_SUMMARY_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace mb::analysis {

struct TensorSummary {
  std::string name;
  std::string op_type;  // the producing node's op type; empty for a graph input with none
  ir::DType dtype = ir::DType::kInvalid;
  ir::Shape shape;
};

struct DTypeParameters {
  ir::DType dtype = ir::DType::kInvalid;
  int64_t tensors = 0;
  int64_t elements = 0;
  uint64_t bytes = 0;
};

struct OpTypeCount {
  std::string op_type;
  int64_t count = 0;
};

struct ModelSummary {
  ir::ModelInfo info;
  int64_t num_nodes = 0;  // top level
  int64_t num_functions = 0;
  int64_t num_function_nodes = 0;  // inside function bodies
  std::vector<TensorSummary> inputs;
  std::vector<TensorSummary> outputs;
  std::vector<TensorSummary> variables;  // TF variable nodes (VariableV2, VarHandleOp, ...)

  // Constant tensors (weights and other constants), each counted once however many nodes
  // read it.
  int64_t constant_tensors = 0;
  int64_t constant_elements = 0;
  uint64_t constant_bytes = 0;
  // Elements of floating-point constants: what people usually call "parameters".
  int64_t floating_point_parameters = 0;
  // Constants read by more than one node (shared weights).
  int64_t shared_constants = 0;
  std::vector<DTypeParameters> parameters_by_dtype;  // in DType order

  // Op types of top-level nodes and function bodies, most frequent first, ties by name.
  std::vector<OpTypeCount> op_types;
  int64_t control_edges = 0;
  std::map<std::string, int64_t> nodes_by_device;
};

ModelSummary SummarizeModel(const ir::Model& model);

}  // namespace mb::analysis

#endif  // MODELBENCH_ANALYSIS_SUMMARY_H_
