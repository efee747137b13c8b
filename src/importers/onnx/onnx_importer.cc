#include "importers/onnx/onnx_importer.h"

#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/strings.h"
#include "importers/onnx/onnx_op_table.h"
#include "importers/onnx/onnx_tensor.h"
#include "importers/protobuf_file.h"
#include "onnx.pb.h"

namespace mb::importers::onnx {
namespace {

// Subgraphs nest (a Loop body holding an If holding ...); real models nest a few levels.
// The bound keeps recursion, and protobuf's own parser, far from the stack's limit.
constexpr int kMaxSubgraphDepth = 16;
// Each subgraph level is three protobuf message levels (graph > node > attribute).
constexpr int kProtobufRecursionLimit = 3 * kMaxSubgraphDepth + 16;

// AttributeProto.type values (onnx.proto).
enum AttributeType {
  kFloat = 1,
  kInt = 2,
  kString = 3,
  kTensor = 4,
  kGraph = 5,
  kFloats = 6,
  kInts = 7,
  kStrings = 8,
  kTensors = 9,
  kGraphs = 10,
  kSparseTensor = 11,
  kSparseTensors = 12,
  kTypeProto = 13,
  kTypeProtos = 14,
};

Status ParseModelFile(const std::string& path, onnxproto::ModelProto* model) {
  RETURN_IF_ERROR(ParseBinaryProtobufFile(
      path, "not a valid ONNX model (the protobuf data is truncated, corrupt or nested too deeply)",
      model, kProtobufRecursionLimit));
  if (!model->has_graph()) return InvalidArgumentError("not an ONNX model: it has no graph");
  return OkStatus();
}

ir::Shape ShapeFromOnnx(const onnxproto::TensorShapeProto& proto) {
  std::vector<ir::Dim> dims;
  dims.reserve(proto.dim_size());
  for (const auto& dim : proto.dim()) {
    if (dim.has_dim_value() && dim.dim_value() >= 0) {
      dims.push_back(ir::Dim::Known(dim.dim_value()));
    } else if (dim.has_dim_param() && !dim.dim_param().empty()) {
      dims.push_back(ir::Dim::Symbolic(dim.dim_param()));
    } else {
      dims.push_back(ir::Dim::Unknown());
    }
  }
  return ir::Shape(std::move(dims));
}

// A declared type: dtype and shape of a tensor type; other kinds (sequences, maps) stay
// unknown.
void ApplyType(const onnxproto::TypeProto& type, ir::Value* value) {
  if (!type.has_tensor_type()) return;
  const auto& tensor = type.tensor_type();
  if (std::optional<ir::DType> dtype = DTypeFromOnnx(tensor.elem_type())) value->dtype = *dtype;
  if (tensor.has_shape()) value->shape = ShapeFromOnnx(tensor.shape());
}

// The names visible in one graph, and the graphs enclosing it (for subgraph captures).
struct Scope {
  std::unordered_map<std::string, ir::ValueId> names;
  const Scope* parent = nullptr;

  bool contains(const std::string& name) const { return names.contains(name); }
  bool VisibleOutside(const std::string& name) const {
    for (const Scope* s = parent; s != nullptr; s = s->parent) {
      if (s->contains(name)) return true;
    }
    return false;
  }
};

// Converts one GraphProto (the model's, or a subgraph) into an ir::Graph. Functions made
// from subgraphs go into the root graph's library.
class GraphConverter {
 public:
  GraphConverter(const ImportOptions& options, std::string model_dir, ir::Graph* root)
      : options_(options), model_dir_(std::move(model_dir)), root_(root) {}

  // `outer` is the enclosing graph's scope, for names a subgraph captures; null for the
  // main graph.
  Status Convert(onnxproto::GraphProto* proto, ir::Graph* graph, const Scope* outer,
                 const std::string& prefix, int depth) {
    if (depth > kMaxSubgraphDepth) {
      return InvalidArgumentError("subgraphs nest more than " + std::to_string(kMaxSubgraphDepth) +
                                  " levels deep");
    }
    Scope scope;
    scope.parent = outer;
    graph->Reserve(proto->node_size(), proto->node_size() + proto->initializer_size() + 8);

    for (auto& initializer : *proto->mutable_initializer()) {
      const std::string name = initializer.name();
      if (name.empty()) return InvalidArgumentError("an initializer has no name");
      if (scope.contains(name)) {
        return InvalidArgumentError("initializer '" + name + "' is defined twice");
      }
      auto tensor = DecodeOnnxTensor(&initializer, TensorOptions());
      if (!tensor.ok()) return tensor.status().WithContext("initializer '" + name + "'");
      ir::Value value;
      value.name = name;
      value.constant = std::make_shared<const ir::Tensor>(std::move(*tensor));
      value.dtype = value.constant->dtype();
      value.shape = value.constant->shape();
      initializer.Clear();  // its data now lives in the tensor
      scope.names[name] = graph->AddValue(std::move(value));
    }
    for (const auto& sparse : proto->sparse_initializer()) {
      return UnimplementedError("sparse initializer '" + sparse.values().name() +
                                "' is not supported");
    }
    for (const auto& input : proto->input()) {
      if (input.name().empty()) return InvalidArgumentError("a graph input has no name");
      if (scope.contains(input.name())) continue;  // an initializer: stays a constant
      ir::Value value;
      value.name = input.name();
      ApplyType(input.type(), &value);
      const ir::ValueId id = graph->AddValue(std::move(value));
      scope.names[input.name()] = id;
      graph->inputs().push_back(id);
    }

    // Outputs first, so that a graph whose nodes are not in topological order still
    // resolves (ONNX requires the order; some writers get it wrong).
    std::vector<ir::NodeId> node_ids;
    node_ids.reserve(proto->node_size());
    for (int index = 0; index < proto->node_size(); ++index) {
      const onnxproto::NodeProto& node_proto = proto->node(index);
      ir::Node node;
      node.name = node_proto.name().empty() ? node_proto.op_type() + "_" + std::to_string(index)
                                            : node_proto.name();
      node.op_type = node_proto.op_type();
      node.domain = node_proto.domain();
      if (node.op_type.empty()) {
        return InvalidArgumentError("node '" + node.name + "' has no op_type");
      }
      const ir::NodeId id = graph->AddNode(std::move(node));
      node_ids.push_back(id);
      int last_output = node_proto.output_size();
      while (last_output > 0 && node_proto.output(last_output - 1).empty()) --last_output;
      for (int k = 0; k < last_output; ++k) {
        std::string name = node_proto.output(k);
        if (name.empty()) name = graph->node(id).name + ":unused_output_" + std::to_string(k);
        if (scope.contains(name)) {
          return InvalidArgumentError(NodeContext(graph->node(id)) + ": output '" + name +
                                      "' is already defined");
        }
        ir::Value value;
        value.name = name;
        value.producer = id;
        value.output_index = k;
        const ir::ValueId value_id = graph->AddValue(std::move(value));
        graph->node(id).outputs.push_back(value_id);
        scope.names[name] = value_id;
      }
    }
    for (const auto& info : proto->value_info()) {
      auto it = scope.names.find(info.name());
      if (it != scope.names.end() && !graph->value(it->second).constant) {
        ApplyType(info.type(), &graph->value(it->second));
      }
    }

    for (int index = 0; index < proto->node_size(); ++index) {
      onnxproto::NodeProto* node_proto = proto->mutable_node(index);
      const ir::NodeId id = node_ids[index];
      int last_input = node_proto->input_size();
      while (last_input > 0 && node_proto->input(last_input - 1).empty()) --last_input;
      for (int k = 0; k < last_input; ++k) {
        const std::string& name = node_proto->input(k);
        if (name.empty()) {
          graph->node(id).inputs.push_back(ir::kNoValue);
          continue;
        }
        auto value = Resolve(name, graph, scope);
        if (!value.ok()) return value.status().WithContext(NodeContext(graph->node(id)));
        graph->node(id).inputs.push_back(*value);
      }
      for (auto& attribute : *node_proto->mutable_attribute()) {
        Status status = ConvertAttribute(&attribute, graph, id, scope, prefix, depth);
        if (!status.ok()) return status.WithContext(NodeContext(graph->node(id)));
      }
      if (graph->node(id).op_type == "Constant" && graph->node(id).domain.empty()) {
        RETURN_IF_ERROR(StoreConstantValue(graph, id));
      }
      node_proto->Clear();
    }

    for (const auto& output : proto->output()) {
      ASSIGN_OR_RETURN(ir::ValueId value, Resolve(output.name(), graph, scope));
      ir::Value& v = graph->value(value);
      if (v.dtype == ir::DType::kInvalid && !v.shape.rank_known()) ApplyType(output.type(), &v);
      graph->outputs().push_back(value);
    }
    return OkStatus();
  }

 private:
  TensorDecodeOptions TensorOptions() const {
    return TensorDecodeOptions{options_.max_tensor_bytes, model_dir_};
  }

  static std::string NodeContext(const ir::Node& node) {
    return "node '" + node.name + "' (" + node.op_type + ")";
  }

  // A name in this graph, or one captured from an enclosing graph (which becomes an extra
  // input of this one).
  StatusOr<ir::ValueId> Resolve(const std::string& name, ir::Graph* graph, Scope& scope) {
    auto it = scope.names.find(name);
    if (it != scope.names.end()) return it->second;
    if (scope.VisibleOutside(name)) {
      ir::Value value;
      value.name = name;
      const ir::ValueId id = graph->AddValue(std::move(value));
      graph->inputs().push_back(id);
      scope.names[name] = id;
      return id;
    }
    return InvalidArgumentError("'" + name +
                                "' is not produced by any node, initializer or graph input");
  }

  Status ConvertAttribute(onnxproto::AttributeProto* attribute, ir::Graph* graph, ir::NodeId id,
                          const Scope& scope, const std::string& prefix, int depth) {
    const std::string& name = attribute->name();
    if (name.empty()) return InvalidArgumentError("an attribute has no name");
    if (!attribute->ref_attr_name().empty()) {
      return UnimplementedError("attribute '" + name + "' refers to a function attribute");
    }
    ir::AttributeValue value;
    switch (attribute->type()) {
      case kFloat:
        value = attribute->f();
        break;
      case kInt:
        value = static_cast<int64_t>(attribute->i());
        break;
      case kString:
        value = attribute->s();
        break;
      case kFloats:
        value = std::vector<float>(attribute->floats().begin(), attribute->floats().end());
        break;
      case kInts:
        value = std::vector<int64_t>(attribute->ints().begin(), attribute->ints().end());
        break;
      case kStrings:
        value = std::vector<std::string>(attribute->strings().begin(), attribute->strings().end());
        break;
      case kTensor: {
        auto tensor = DecodeOnnxTensor(attribute->mutable_t(), TensorOptions());
        if (!tensor.ok()) return tensor.status().WithContext("attribute '" + name + "'");
        value = ir::TensorPtr(std::make_shared<const ir::Tensor>(std::move(*tensor)));
        break;
      }
      case kTensors: {
        std::vector<ir::TensorPtr> tensors;
        for (auto& t : *attribute->mutable_tensors()) {
          auto tensor = DecodeOnnxTensor(&t, TensorOptions());
          if (!tensor.ok()) return tensor.status().WithContext("attribute '" + name + "'");
          tensors.push_back(std::make_shared<const ir::Tensor>(std::move(*tensor)));
        }
        value = std::move(tensors);
        break;
      }
      case kGraph: {
        ASSIGN_OR_RETURN(ir::FunctionRef ref,
                         ConvertSubgraph(attribute->mutable_g(), graph->node(id).name + "/" + name,
                                         scope, prefix, depth));
        value = ref;
        break;
      }
      case kGraphs: {
        std::vector<ir::FunctionRef> refs;
        for (int k = 0; k < attribute->graphs_size(); ++k) {
          ASSIGN_OR_RETURN(ir::FunctionRef ref, ConvertSubgraph(attribute->mutable_graphs(k),
                                                                graph->node(id).name + "/" + name +
                                                                    "_" + std::to_string(k),
                                                                scope, prefix, depth));
          refs.push_back(std::move(ref));
        }
        value = std::move(refs);
        break;
      }
      case kSparseTensor:
      case kSparseTensors:
      case kTypeProto:
      case kTypeProtos:
        value = std::string("<unsupported attribute kind>");
        break;
      default:
        return InvalidArgumentError("attribute '" + name + "' has unknown type " +
                                    std::to_string(attribute->type()));
    }
    graph->node(id).attrs[name] = ir::Attribute{std::move(value)};
    return OkStatus();
  }

  StatusOr<ir::FunctionRef> ConvertSubgraph(onnxproto::GraphProto* proto,
                                            const std::string& local_name, const Scope& scope,
                                            const std::string& prefix, int depth) {
    auto function = std::make_unique<ir::Function>();
    function->name = prefix.empty() ? local_name : prefix + "/" + local_name;
    // Names the body uses from this graph or graphs around it become inputs of the body.
    Status status = Convert(proto, &function->body, &scope, function->name, depth + 1);
    if (!status.ok()) return status.WithContext("subgraph '" + function->name + "'");
    ir::FunctionRef ref{function->name};
    root_->functions().push_back(std::move(function));
    return ref;
  }

  // Constant: exactly one of value, value_float(s), value_int(s), value_string(s) gives the
  // output's value.
  Status StoreConstantValue(ir::Graph* graph, ir::NodeId id) {
    ir::Node& node = graph->node(id);
    if (node.outputs.size() != 1) {
      return InvalidArgumentError(NodeContext(node) + ": needs exactly one output");
    }
    StatusOr<ir::Tensor> tensor = InvalidArgumentError("no value attribute");
    if (const ir::Attribute* a = node.FindAttr("value"); a && a->Is<ir::TensorPtr>()) {
      tensor = *a->Get<ir::TensorPtr>();
    } else if (const ir::Attribute* f = node.FindAttr("value_float"); f && f->Is<float>()) {
      const float v = f->Get<float>();
      tensor = ir::Tensor::FromBytes(ir::DType::kFloat32, {},
                                     std::string(reinterpret_cast<const char*>(&v), sizeof(v)));
    } else if (const ir::Attribute* fs = node.FindAttr("value_floats");
               fs && fs->Is<std::vector<float>>()) {
      const auto& v = fs->Get<std::vector<float>>();
      tensor = ir::Tensor::FromBytes(
          ir::DType::kFloat32, {static_cast<int64_t>(v.size())},
          std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)));
    } else if (const ir::Attribute* i = node.FindAttr("value_int"); i && i->Is<int64_t>()) {
      const int64_t v = i->Get<int64_t>();
      tensor = ir::Tensor::FromBytes(ir::DType::kInt64, {},
                                     std::string(reinterpret_cast<const char*>(&v), sizeof(v)));
    } else if (const ir::Attribute* is = node.FindAttr("value_ints");
               is && is->Is<std::vector<int64_t>>()) {
      const auto& v = is->Get<std::vector<int64_t>>();
      tensor = ir::Tensor::FromBytes(
          ir::DType::kInt64, {static_cast<int64_t>(v.size())},
          std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(int64_t)));
    } else if (const ir::Attribute* s = node.FindAttr("value_string"); s && s->Is<std::string>()) {
      tensor = ir::Tensor::FromStrings({}, {s->Get<std::string>()});
    } else if (const ir::Attribute* ss = node.FindAttr("value_strings");
               ss && ss->Is<std::vector<std::string>>()) {
      const auto& v = ss->Get<std::vector<std::string>>();
      tensor = ir::Tensor::FromStrings({static_cast<int64_t>(v.size())}, v);
    } else if (node.FindAttr("sparse_value") != nullptr) {
      return UnimplementedError(NodeContext(node) + ": sparse constants are not supported");
    }
    if (!tensor.ok()) return tensor.status().WithContext(NodeContext(node));
    ir::Value& out = graph->value(node.outputs[0]);
    out.constant = std::make_shared<const ir::Tensor>(std::move(*tensor));
    out.dtype = out.constant->dtype();
    out.shape = out.constant->shape();
    return OkStatus();
  }

  const ImportOptions& options_;
  std::string model_dir_;
  ir::Graph* root_;
};

std::string ParentDirectory(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

bool LooksLikeOnnx(std::string_view head) {
  // Writers serialize fields in number order, so ir_version (field 1, varint: tag 0x08)
  // comes first; TF GraphDefs never start with it.
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x08;
}

int64_t DefaultDomainOpset(const ir::ModelInfo& info) {
  auto it = info.properties.find("opset_import");
  if (it == info.properties.end()) return 0;
  // "ai.onnx 13, com.microsoft 1"
  for (const std::string& entry : Split(it->second, ',')) {
    std::string_view text = entry;
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    constexpr std::string_view kDefault = "ai.onnx ";
    if (text.starts_with(kDefault)) {
      return ParseInt64(text.substr(kDefault.size())).value_or(0);
    }
  }
  return 0;
}

StatusOr<ir::Model> ImportOnnxFile(const std::string& path, const ImportOptions& options) {
  ir::Model model;
  model.info.path = path;
  ASSIGN_OR_RETURN(model.info.file_bytes, ProtobufFileSize(path));
  onnxproto::ModelProto proto;
  RETURN_IF_ERROR(ParseModelFile(path, &proto));

  model.info.format = "ONNX";
  std::string producer = proto.producer_name();
  if (!proto.producer_version().empty()) {
    producer += (producer.empty() ? "" : " ") + proto.producer_version();
  }
  model.info.producer = producer;
  model.info.properties["ir_version"] = std::to_string(proto.ir_version());
  if (!proto.domain().empty()) model.info.properties["domain"] = proto.domain();
  if (proto.model_version() != 0) {
    model.info.properties["model_version"] = std::to_string(proto.model_version());
  }
  int64_t opset = 0;
  std::string opsets;
  for (const auto& import : proto.opset_import()) {
    const std::string domain = import.domain().empty() ? "ai.onnx" : import.domain();
    if (domain == "ai.onnx") opset = import.version();
    opsets += (opsets.empty() ? "" : ", ") + domain + " " + std::to_string(import.version());
  }
  model.info.properties["opset_import"] = opsets;
  for (const auto& entry : proto.metadata_props()) {
    model.info.properties["metadata." + entry.key()] = entry.value();
  }
  if (!proto.graph().name().empty()) model.info.properties["graph_name"] = proto.graph().name();

  GraphConverter converter(options, ParentDirectory(path), &model.graph);
  RETURN_IF_ERROR(converter.Convert(proto.mutable_graph(), &model.graph, nullptr, "", 0));
  if (options.map_to_engine_ops) {
    if (opset == 0 && !model.graph.nodes().empty()) {
      return InvalidArgumentError("the model imports no opset for the default ONNX domain");
    }
    LegalizeOnnxGraph(opset, &model.graph);
    // Subgraph bodies too: an If's chosen branch is inlined into the graph before running.
    for (auto& function : model.graph.functions()) LegalizeOnnxGraph(opset, &function->body);
  }
  return model;
}

}  // namespace mb::importers::onnx
