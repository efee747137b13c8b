#include "importers/tensorflow/graphdef_importer.h"

#include <memory>

#include "base/strings.h"
#include "importers/tensorflow/tensor_decoder.h"
#include "importers/tensorflow/tf_op_table.h"
#include "ir/verifier.h"

namespace mb::importers::tf {
namespace {

// Bound on how many outputs an input string may address ("x:123456789" would otherwise make
// us create that many values).
constexpr int kMaxOutputIndex = 1 << 16;

StatusOr<ir::DType> ConvertDType(int tf_dtype) {
  std::optional<ir::DType> dtype = DTypeFromTf(tf_dtype);
  if (!dtype) return InvalidArgumentError("unknown dtype enum value " + std::to_string(tf_dtype));
  return *dtype;
}

StatusOr<ir::TensorPtr> ConvertTensor(tfproto::TensorProto* proto, const ImportOptions& options) {
  ASSIGN_OR_RETURN(ir::Tensor tensor, DecodeTensorProto(proto, options.max_tensor_bytes));
  return std::make_shared<const ir::Tensor>(std::move(tensor));
}

StatusOr<ir::Attribute> ConvertAttr(tfproto::AttrValue* attr, const ImportOptions& options) {
  using Case = tfproto::AttrValue::ValueCase;
  ir::Attribute out;
  switch (attr->value_case()) {
    case Case::kS:
      out.value = std::string(attr->s());
      break;
    case Case::kI:
      out.value = static_cast<int64_t>(attr->i());
      break;
    case Case::kF:
      out.value = attr->f();
      break;
    case Case::kB:
      out.value = attr->b();
      break;
    case Case::kType: {
      ASSIGN_OR_RETURN(ir::DType dtype, ConvertDType(attr->type()));
      out.value = dtype;
      break;
    }
    case Case::kShape: {
      ASSIGN_OR_RETURN(ir::Shape shape, ShapeFromTf(attr->shape()));
      out.value = std::move(shape);
      break;
    }
    case Case::kTensor: {
      ASSIGN_OR_RETURN(ir::TensorPtr tensor, ConvertTensor(attr->mutable_tensor(), options));
      out.value = std::move(tensor);
      break;
    }
    case Case::kFunc:
      out.value = ir::FunctionRef{attr->func().name()};
      break;
    case Case::kPlaceholder:
      out.value = std::string(attr->placeholder());
      break;
    case Case::kList: {
      tfproto::AttrValue::ListValue* list = attr->mutable_list();
      // TF writes an empty list with no members set; which member is used tells the type.
      if (list->s_size() > 0) {
        out.value = std::vector<std::string>(list->s().begin(), list->s().end());
      } else if (list->f_size() > 0) {
        out.value = std::vector<float>(list->f().begin(), list->f().end());
      } else if (list->b_size() > 0) {
        out.value = std::vector<bool>(list->b().begin(), list->b().end());
      } else if (list->type_size() > 0) {
        std::vector<ir::DType> types;
        for (int t : list->type()) {
          ASSIGN_OR_RETURN(ir::DType dtype, ConvertDType(t));
          types.push_back(dtype);
        }
        out.value = std::move(types);
      } else if (list->shape_size() > 0) {
        std::vector<ir::Shape> shapes;
        for (const auto& shape_proto : list->shape()) {
          ASSIGN_OR_RETURN(ir::Shape shape, ShapeFromTf(shape_proto));
          shapes.push_back(std::move(shape));
        }
        out.value = std::move(shapes);
      } else if (list->tensor_size() > 0) {
        std::vector<ir::TensorPtr> tensors;
        for (auto& tensor_proto : *list->mutable_tensor()) {
          ASSIGN_OR_RETURN(ir::TensorPtr tensor, ConvertTensor(&tensor_proto, options));
          tensors.push_back(std::move(tensor));
        }
        out.value = std::move(tensors);
      } else if (list->func_size() > 0) {
        std::vector<ir::FunctionRef> funcs;
        for (const auto& func : list->func()) funcs.push_back(ir::FunctionRef{func.name()});
        out.value = std::move(funcs);
      } else {
        out.value = std::vector<int64_t>(list->i().begin(), list->i().end());
      }
      break;
    }
    case Case::VALUE_NOT_SET:
      break;
  }
  return out;
}

Status ConvertAttrs(tfproto::NodeDef* node_def, ir::Node* node, const ImportOptions& options) {
  for (auto& [name, attr] : *node_def->mutable_attr()) {
    auto converted = ConvertAttr(&attr, options);
    if (!converted.ok()) return converted.status().WithContext("attr '" + name + "'");
    node->attrs.emplace(name, std::move(converted).value());
  }
  return OkStatus();
}

// Builds nodes and values for a list of NodeDefs. Top-level graphs use TF's "x:k" input
// syntax; function bodies use "x:out_arg:k" or a bare argument name, so for them every
// distinct input string that is not an argument becomes its own value of the named node.
class GraphBuilder {
 public:
  GraphBuilder(ir::Graph* graph, const ImportOptions& options, bool function_body)
      : graph_(graph), options_(options), function_body_(function_body) {}

  Status AddNodes(google::protobuf::RepeatedPtrField<tfproto::NodeDef>* node_defs) {
    first_id_ = static_cast<ir::NodeId>(graph_->nodes().size());
    graph_->Reserve(first_id_ + node_defs->size(), graph_->values().size() + node_defs->size());
    // Pass 1: nodes and their first output, so inputs can refer forward.
    for (tfproto::NodeDef& node_def : *node_defs) {
      ir::Node node;
      node.name = std::move(*node_def.mutable_name());
      node.op_type = std::move(*node_def.mutable_op());
      node.device = std::move(*node_def.mutable_device());
      ir::NodeId id = graph_->AddNode(std::move(node));
      if (IsFirstOfName(id)) OutputValue(id, 0);
    }
    // Pass 2: attributes and inputs.
    for (int i = 0; i < node_defs->size(); ++i) {
      tfproto::NodeDef* node_def = node_defs->Mutable(i);
      const ir::NodeId id = first_id_ + i;
      Status status = ConvertNode(node_def, id);
      if (!status.ok()) return status.WithContext(ir::DescribeNode(graph_->node(id)));
      // Free the NodeDef as soon as it is converted (swapping with an empty one releases its
      // strings and maps), so the parsed file and the IR are not both whole in memory.
      tfproto::NodeDef().Swap(node_def);
    }
    return OkStatus();
  }

  StatusOr<ir::ValueId> Resolve(const std::string& input) { return ResolveInput(input); }

 private:
  Status ConvertNode(tfproto::NodeDef* node_def, ir::NodeId id) {
    RETURN_IF_ERROR(ConvertAttrs(node_def, &graph_->node(id), options_));
    for (const std::string& input : node_def->input()) {
      if (!input.empty() && input[0] == '^') {
        // A control input names a node; strip any ":k", as TF's NodeNameFromInput does.
        graph_->node(id).control_inputs.push_back(TfNodeNameFromInput(input));
        continue;
      }
      ASSIGN_OR_RETURN(ir::ValueId value, ResolveInput(input));
      graph_->node(id).inputs.push_back(value);
    }
    const ir::Node& node = graph_->node(id);
    const std::string& op = node.op_type;
    if (!IsFirstOfName(id)) return OkStatus();  // a duplicate name: the verifier reports it
    ir::Value& output = graph_->value(graph_->node(id).outputs[0]);
    if (op == "Placeholder" || op == "PlaceholderWithDefault") {
      if (const ir::Attribute* dtype = node.FindAttr("dtype"); dtype && dtype->Is<ir::DType>()) {
        output.dtype = dtype->Get<ir::DType>();
      }
      if (const ir::Attribute* shape = node.FindAttr("shape"); shape && shape->Is<ir::Shape>()) {
        output.shape = shape->Get<ir::Shape>();
      }
    } else if (op == "Const") {
      const ir::Attribute* value = node.FindAttr("value");
      if (value == nullptr || !value->Is<ir::TensorPtr>()) {
        return InvalidArgumentError("Const has no 'value' tensor");
      }
      output.constant = value->Get<ir::TensorPtr>();
      output.dtype = output.constant->dtype();
      output.shape = output.constant->shape();
    }
    return OkStatus();
  }

  // The value an input string names, creating it (dangling if no such node) on first use.
  StatusOr<ir::ValueId> ResolveInput(const std::string& input) {
    if (function_body_) {
      if (auto existing = graph_->FindValue(input)) return *existing;
      std::string producer = input.substr(0, input.find(':'));
      ir::Value value;
      value.name = input;
      if (std::optional<ir::NodeId> node = graph_->FindNode(producer)) {
        value.producer = *node;
        value.output_index = static_cast<int>(graph_->node(*node).outputs.size());
        ir::ValueId id = graph_->AddValue(std::move(value));
        graph_->node(*node).outputs.push_back(id);
        return id;
      }
      return graph_->AddValue(std::move(value));  // dangling: the verifier names it
    }
    TfInputRef ref;
    if (!ParseTfInput(input, &ref)) {
      return InvalidArgumentError("malformed input '" + input + "'");
    }
    std::optional<ir::NodeId> node = graph_->FindNode(ref.node);
    if (!node) {
      std::string name = ref.index == 0 ? ref.node : ref.node + ":" + std::to_string(ref.index);
      if (auto existing = graph_->FindValue(name)) return *existing;
      ir::Value dangling;
      dangling.name = name;
      return graph_->AddValue(std::move(dangling));
    }
    return OutputValue(*node, ref.index);
  }

  bool IsFirstOfName(ir::NodeId id) const { return graph_->FindNode(graph_->node(id).name) == id; }

  // The value for output `index` of `node`, creating it (and any below it) on first use.
  ir::ValueId OutputValue(ir::NodeId node, int index) {
    std::vector<ir::ValueId>& outputs = graph_->node(node).outputs;
    while (static_cast<int>(outputs.size()) <= index) {
      ir::Value value;
      int k = static_cast<int>(outputs.size());
      value.name =
          k == 0 ? graph_->node(node).name : graph_->node(node).name + ":" + std::to_string(k);
      value.producer = node;
      value.output_index = k;
      outputs.push_back(graph_->AddValue(std::move(value)));
    }
    return outputs[index];
  }

  ir::Graph* graph_;
  const ImportOptions& options_;
  bool function_body_;
  ir::NodeId first_id_ = 0;
};

// TF's summarize_graph output rule: consumed by nobody (data or control) and not one of
// Const, Assign, NoOp, Placeholder. A consumer of a name consumes every node of that name.
void MarkOutputs(ir::Graph* graph) {
  const auto num_nodes = static_cast<ir::NodeId>(graph->nodes().size());
  std::vector<bool> consumed(num_nodes, false);
  for (const ir::Node& node : graph->nodes()) {
    for (ir::ValueId input : node.inputs) {
      ir::NodeId producer = graph->value(input).producer;
      if (producer != ir::kNoNode) consumed[producer] = true;
    }
    for (const std::string& control : node.control_inputs) {
      if (std::optional<ir::NodeId> producer = graph->FindNode(control)) consumed[*producer] = true;
    }
  }
  for (ir::NodeId id = 0; id < num_nodes; ++id) {
    const ir::Node& node = graph->node(id);
    const std::string& op = node.op_type;
    const ir::NodeId first = graph->FindNode(node.name).value_or(id);
    if (consumed[first] || op == "Const" || op == "Assign" || op == "NoOp" || op == "Placeholder") {
      continue;
    }
    if (!node.outputs.empty()) graph->outputs().push_back(node.outputs[0]);
  }
}

Status ImportFunction(tfproto::FunctionDef* function_def, const ImportOptions& options,
                      ir::Graph* graph) {
  auto function = std::make_unique<ir::Function>();
  function->name = function_def->signature().name();
  for (const auto& arg : function_def->signature().input_arg()) {
    ir::Value value;
    value.name = arg.name();
    if (auto dtype = DTypeFromTf(arg.type())) value.dtype = *dtype;
    function->body.inputs().push_back(function->body.AddValue(std::move(value)));
  }
  GraphBuilder builder(&function->body, options, /*function_body=*/true);
  RETURN_IF_ERROR(builder.AddNodes(function_def->mutable_node_def())
                      .WithContext("function '" + function->name + "'"));
  for (const auto& arg : function_def->signature().output_arg()) {
    auto ret = function_def->ret().find(arg.name());
    if (ret == function_def->ret().end()) {
      return InvalidArgumentError("function '" + function->name + "': output '" + arg.name() +
                                  "' has no return value");
    }
    ASSIGN_OR_RETURN(ir::ValueId value, builder.Resolve(ret->second));
    function->body.outputs().push_back(value);
  }
  graph->functions().push_back(std::move(function));
  return OkStatus();
}

}  // namespace

bool ParseTfInput(const std::string& input, TfInputRef* ref) {
  std::string_view text = input;
  ref->is_control = !text.empty() && text[0] == '^';
  if (ref->is_control) text.remove_prefix(1);
  ref->index = 0;
  size_t colon = text.rfind(':');
  if (colon != std::string_view::npos && !ref->is_control) {
    std::optional<int64_t> index = ParseInt64(text.substr(colon + 1));
    if (!index || *index < 0 || *index >= kMaxOutputIndex) return false;
    ref->index = static_cast<int>(*index);
    text = text.substr(0, colon);
  }
  ref->node = std::string(text);
  return !ref->node.empty();
}

std::string TfNodeNameFromInput(const std::string& input) {
  std::string_view text = input;
  if (!text.empty() && text[0] == '^') text.remove_prefix(1);
  return std::string(text.substr(0, text.find(':')));
}

StatusOr<ir::Graph> ImportGraphDef(tfproto::GraphDef&& graph_def, const ImportOptions& options) {
  ir::Graph graph;
  GraphBuilder builder(&graph, options, /*function_body=*/false);
  RETURN_IF_ERROR(builder.AddNodes(graph_def.mutable_node()));
  for (const ir::Node& node : graph.nodes()) {
    if (node.op_type == "Placeholder" && !node.outputs.empty() &&
        graph.FindNode(node.name) == graph.value(node.outputs[0]).producer) {
      graph.inputs().push_back(node.outputs[0]);
    }
  }
  MarkOutputs(&graph);
  if (options.map_to_engine_ops) LegalizeTfGraph(&graph);
  for (tfproto::FunctionDef& function_def : *graph_def.mutable_library()->mutable_function()) {
    RETURN_IF_ERROR(ImportFunction(&function_def, options, &graph));
  }
  return graph;
}

}  // namespace mb::importers::tf
