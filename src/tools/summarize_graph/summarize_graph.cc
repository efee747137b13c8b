#include "tools/summarize_graph/summarize_graph.h"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/strings.h"
#include "importers/tensorflow/graphdef_importer.h"
#include "importers/tensorflow/graphdef_loader.h"
#include "importers/tensorflow/tensor_decoder.h"
#include "report/tf_format.h"
#include "tools/common/tf_flags.h"

namespace mb::tools {
namespace {

using importers::tf::CheckTensorProto;
using importers::tf::TfDataTypeString;
using importers::tf::TfNodeNameFromInput;
using tfproto::GraphDef;
using tfproto::NodeDef;

constexpr int kExitFailure = 255;  // TF's Main returns -1.
// Printing a Const decodes it whole to show three values; beyond this size (a splat of a
// huge shape, say) we warn as for an undecodable tensor instead of allocating it.
constexpr uint64_t kMaxPrintedTensorBytes = uint64_t{1} << 30;

constexpr const char* kSourceFile = "tensorflow/tools/graph_transforms/summarize_graph_main.cc";

// TensorShapeProto's DebugString: "[1,?,3]", "<unknown>".
std::string ShapeProtoDebugString(const tfproto::TensorShapeProto& proto) {
  if (proto.unknown_rank()) return "<unknown>";
  std::string text = "[";
  for (int i = 0; i < proto.dim_size(); ++i) {
    if (i > 0) text += ",";
    text += proto.dim(i).size() == -1 ? "?" : std::to_string(proto.dim(i).size());
  }
  return text + "]";
}

// PartialTensorShape::IsValidShape: the message TF prints in place of an invalid shape.
std::string ShapeValidationError(const tfproto::TensorShapeProto& proto) {
  if (proto.unknown_rank() && proto.dim_size() > 0) {
    return "An unknown shape must not have any dimensions set.";
  }
  if (proto.dim_size() > 254) {
    return "Shape " + ShapeProtoDebugString(proto) + " has too many dimensions";
  }
  for (const auto& dim : proto.dim()) {
    if (dim.size() < -1) {
      return "Shape " + ShapeProtoDebugString(proto) +
             " has dimensions with values below -1 (where -1 means unknown)";
    }
  }
  return "";
}

int NodeDType(const NodeDef& node) {
  auto it = node.attr().find("dtype");
  return it == node.attr().end() ? 0 : it->second.type();
}

void PrintNodeInfo(const NodeDef& node, std::ostream& out) {
  std::string shape_description = "None";
  auto shape = node.attr().find("shape");
  if (shape != node.attr().end()) {
    std::string error = ShapeValidationError(shape->second.shape());
    shape_description = error.empty() ? ShapeProtoDebugString(shape->second.shape()) : error;
  }
  const int dtype = NodeDType(node);
  out << "(name=" << node.name() << ", type=" << TfDataTypeString(dtype) << "(" << dtype
      << "), shape=" << shape_description << ") ";
}

// The shape part of the suggested benchmark_model command: dims joined by ",", unknown dims
// as -1, empty for unknown rank, a missing or invalid shape attr, or a scalar.
std::string BenchmarkShapeString(const NodeDef& node) {
  auto shape = node.attr().find("shape");
  if (shape == node.attr().end()) return "";
  const auto& proto = shape->second.shape();
  if (!ShapeValidationError(proto).empty() || proto.unknown_rank()) return "";
  std::vector<std::string> dims;
  for (const auto& dim : proto.dim()) dims.push_back(std::to_string(dim.size()));
  return Join(dims, ",");
}

// TF's SortByExecutionOrder (transform_utils.cc): Kahn's algorithm popping the ready list
// from the back, so the printed order matches TF's exactly.
Status SortByExecutionOrder(const GraphDef& graph, std::vector<int>* order, TfLogger& logger) {
  const int num_nodes = graph.node_size();
  std::map<std::string, int> name_index;  // the last node of a duplicated name wins, as in TF
  for (int i = 0; i < num_nodes; ++i) name_index[graph.node(i).name()] = i;
  std::vector<int> pending(num_nodes, 0);
  std::vector<std::vector<int>> consumers(num_nodes);
  std::vector<int> ready;
  for (int n = 0; n < num_nodes; ++n) {
    const NodeDef& node = graph.node(n);
    const std::string& op = node.op();
    if (op == "Merge" || op == "RefMerge" || op == "_XlaMerge") {
      // A Merge waits for one data input only.
      int controls = 0;
      for (const std::string& input : node.input()) controls += !input.empty() && input[0] == '^';
      pending[n] = controls + 1;
    } else {
      pending[n] = node.input_size();
    }
    if (node.input_size() == 0) {
      ready.push_back(n);
      continue;
    }
    for (const std::string& input : node.input()) {
      auto it = name_index.find(TfNodeNameFromInput(input));
      if (it == name_index.end()) {
        return InvalidArgumentError("Node '" + node.name() + "': Unknown input node '" + input +
                                    "'");
      }
      consumers[it->second].push_back(n);
    }
  }
  order->clear();
  while (!ready.empty()) {
    int n = ready.back();
    ready.pop_back();
    order->push_back(n);
    for (int consumer : consumers[n]) {
      if (--pending[consumer] == 0) ready.push_back(consumer);
    }
  }
  if (static_cast<int>(order->size()) < num_nodes) {
    const int stuck = num_nodes - static_cast<int>(order->size());
    logger.Warning(__LINE__,
                   "IN SortByExecutionOrder" + std::to_string(stuck) + " NODES IN A CYCLE");
    return InvalidArgumentError(std::to_string(stuck) + " nodes in a cycle");
  }
  return OkStatus();
}

Status PrintStructure(const GraphDef& graph, std::ostream& out, TfLogger& logger) {
  std::vector<int> order;
  RETURN_IF_ERROR(SortByExecutionOrder(graph, &order, logger));
  for (int n : order) {
    const NodeDef& node = graph.node(n);
    out << node.name() << " (" << node.op() << "): ["
        << Join(std::vector<std::string>(node.input().begin(), node.input().end()), ", ") << "]";
    if (node.op() == "Const") {
      auto value = node.attr().find("value");
      bool printed = false;
      if (value != node.attr().end()) {
        tfproto::TensorProto copy = value->second.tensor();
        auto tensor = importers::tf::DecodeTensorProto(&copy, kMaxPrintedTensorBytes);
        if (tensor.ok()) {
          out << ", value=" << report::TfTensorDebugString(*tensor, TfDataTypeString(copy.dtype()));
          printed = true;
        }
      }
      if (!printed) logger.Warning(__LINE__, "Decoding Tensor failed for node" + node.name());
    }
    out << std::endl;
  }
  return OkStatus();
}

Status SummarizeGraph(const GraphDef& graph, const std::string& graph_path, bool print_structure,
                      std::ostream& out, TfLogger& logger) {
  std::vector<const NodeDef*> placeholders;
  std::vector<const NodeDef*> variables;
  for (const NodeDef& node : graph.node()) {
    if (node.op() == "Placeholder") placeholders.push_back(&node);
    if (node.op() == "Variable" || node.op() == "VariableV2") variables.push_back(&node);
  }

  if (placeholders.empty()) {
    out << "No inputs spotted." << std::endl;
  } else {
    out << "Found " << placeholders.size() << " possible inputs: ";
    for (const NodeDef* node : placeholders) PrintNodeInfo(*node, out);
    out << std::endl;
  }

  if (variables.empty()) {
    out << "No variables spotted." << std::endl;
  } else {
    out << "Found " << variables.size() << " variables: ";
    for (const NodeDef* node : variables) PrintNodeInfo(*node, out);
    out << std::endl;
  }

  std::unordered_set<std::string> consumed;
  for (const NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) consumed.insert(TfNodeNameFromInput(input));
  }
  std::vector<const NodeDef*> outputs;
  for (const NodeDef& node : graph.node()) {
    const std::string& op = node.op();
    if (!consumed.contains(node.name()) && op != "Const" && op != "Assign" && op != "NoOp" &&
        op != "Placeholder") {
      outputs.push_back(&node);
    }
  }
  if (outputs.empty()) {
    out << "No outputs spotted." << std::endl;
  } else {
    out << "Found " << outputs.size() << " possible outputs: ";
    for (const NodeDef* node : outputs) {
      out << "(name=" << node->name() << ", op=" << node->op() << ") ";
    }
    out << std::endl;
  }

  int64_t const_parameter_count = 0;
  int64_t variable_parameter_count = 0;
  int control_edge_count = 0;
  std::map<std::string, int> device_counts;
  for (const NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) {
      if (!input.empty() && input[0] == '^') ++control_edge_count;
    }
    if (!node.device().empty()) ++device_counts[node.device()];
    if (node.op() == "Const" || node.op() == "Variable" || node.op() == "VariableV2") {
      auto value = node.attr().find("value");
      StatusOr<int64_t> count = InvalidArgumentError("no value");
      if (value != node.attr().end()) count = CheckTensorProto(value->second.tensor());
      if (count.ok()) {
        (node.op() == "Const" ? const_parameter_count : variable_parameter_count) += *count;
      } else {
        logger.Warning(__LINE__, "Decoding Tensor failed for node" + node.name());
      }
    }
  }
  out << "Found " << const_parameter_count << " ("
      << report::TfHumanReadableNum(const_parameter_count) << ") const parameters, "
      << variable_parameter_count << " (" << report::TfHumanReadableNum(variable_parameter_count)
      << ") variable parameters, and " << control_edge_count << " control_edges" << std::endl;
  // TF writes no newline between or after these (spec 4.5), so "Op types used" follows on
  // the same line.
  for (const auto& [device, count] : device_counts) {
    out << count << " nodes assigned to device '" << device << "'";
  }

  std::unordered_set<std::string> node_names;
  for (const NodeDef& node : graph.node()) node_names.insert(node.name());
  bool has_invalid_input = false;
  for (const NodeDef& node : graph.node()) {
    for (const std::string& input : node.input()) {
      std::string input_node = TfNodeNameFromInput(input);
      if (!node_names.contains(input_node)) {
        out << "Invalid input " << input_node << " for node " << node.name() << std::endl;
        has_invalid_input = true;
      }
    }
  }
  if (has_invalid_input) {
    return InvalidArgumentError("Invalid graph with inputs referring to nonexistent nodes");
  }

  std::map<std::string, int> op_counts;
  for (const NodeDef& node : graph.node()) ++op_counts[node.op()];
  for (const auto& function : graph.library().function()) {
    for (const NodeDef& node : function.node_def()) ++op_counts[node.op()];
  }
  std::vector<std::pair<std::string, int>> sorted_counts(op_counts.begin(), op_counts.end());
  // std::sort, not stable_sort: TF's tie order is whatever libstdc++'s introsort produces
  // from name order, and we build with the same library (spec 4.7).
  std::sort(sorted_counts.begin(), sorted_counts.end(),
            [](const std::pair<std::string, int>& a, const std::pair<std::string, int>& b) {
              return a.second > b.second;
            });
  out << "Op types used: ";
  for (size_t i = 0; i < sorted_counts.size(); ++i) {
    if (i > 0) out << ", ";
    out << sorted_counts[i].second << " " << sorted_counts[i].first;
  }
  out << std::endl;

  std::vector<const NodeDef*> benchmark_inputs = placeholders;
  benchmark_inputs.insert(benchmark_inputs.end(), variables.begin(), variables.end());
  std::vector<std::string> names, types, shapes, output_names;
  for (const NodeDef* node : benchmark_inputs) {
    names.push_back(node->name());
    types.push_back(TfDataTypeString(NodeDType(*node)));
    shapes.push_back(BenchmarkShapeString(*node));
  }
  for (const NodeDef* node : outputs) output_names.push_back(node->name());
  out << "To use with tensorflow/tools/benchmark:benchmark_model try these arguments:" << std::endl;
  out << "bazel run tensorflow/tools/benchmark:benchmark_model -- --graph=" << graph_path
      << " --show_flops --input_layer=" << Join(names, ",")
      << " --input_layer_type=" << Join(types, ",") << " --input_layer_shape=" << Join(shapes, ":")
      << " --output_layer=" << Join(output_names, ",") << std::endl;

  if (print_structure) RETURN_IF_ERROR(PrintStructure(graph, out, logger));
  return OkStatus();
}

}  // namespace

int SummarizeGraphMain(int argc, char** argv, const SummarizeGraphIo& io) {
  TfLogger logger(io.log, kSourceFile);
  logger.set_fixed_time_us(io.fixed_log_time_us);
  std::string in_graph;
  bool print_structure = false;
  std::vector<TfFlag> flags = {
      TfFlag("in_graph", &in_graph, "input graph file name"),
      TfFlag("print_structure", &print_structure,
             "whether to print the network connections of the graph"),
  };
  const std::string usage = TfFlagsUsage(argv[0], flags);
  const bool parsed = ParseTfFlags(&argc, argv, flags, io.log);
  if (!parsed) {
    logger.Error(__LINE__, usage);
    return kExitFailure;
  }
  if (argc > 1) {
    logger.Error(__LINE__, std::string("Unknown argument ") + argv[1] + ".\n" + usage);
    return kExitFailure;
  }
  if (in_graph.empty()) {
    logger.Error(__LINE__, "in_graph graph can't be empty.\n" + usage);
    return kExitFailure;
  }
  auto loaded = importers::tf::LoadGraphDef(in_graph);
  if (!loaded.ok()) {
    logger.Error(__LINE__, "Loading graph '" + in_graph + "' failed with " +
                               loaded.status().message() + " (for file " + in_graph + ")");
    logger.Error(__LINE__, usage);
    return kExitFailure;
  }
  Status status = SummarizeGraph(loaded->graph_def, in_graph, print_structure, io.out, logger);
  if (!status.ok()) {
    logger.Error(__LINE__, status.message() + "\n" + usage);
    return kExitFailure;
  }
  return 0;
}

}  // namespace mb::tools
