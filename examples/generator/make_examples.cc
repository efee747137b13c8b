// Writes the example models committed under examples/ (described in examples/README.md).
//
// Usage: make_examples OUTPUT_DIR
//
// The models are built from modelbench's own copy of TensorFlow's GraphDef schema, so the
// project never needs TensorFlow to make or remake them. Every byte is reproducible: weights
// come from a fixed-seed std::mt19937 through transformations written out here (the standard
// distributions differ between standard libraries), every multiplier applied to a random
// number is a power of two (so that a compiler contracting a*b+c into a fused multiply-add
// cannot change a rounding), tensor bytes are written little-endian by hand, and binary
// files use protobuf's deterministic serialization (map entries sorted by key).

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/repeated_ptr_field.h>
#include <google/protobuf/text_format.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph.pb.h"
#include "tensor.pb.h"
#include "types.pb.h"

namespace mb::examples {
namespace {

namespace tfp = ::mb::tfproto;

using NodeList = google::protobuf::RepeatedPtrField<tfp::NodeDef>;
using Attrs = std::initializer_list<std::pair<std::string, tfp::AttrValue>>;
using Shape = std::vector<int64_t>;

// ---------------------------------------------------------------------------------------------
// Random numbers.

class Rng {
 public:
  explicit Rng(uint32_t seed) : engine_(seed) {}

  // Uniform on [0, 1) with 24 random bits, so that every value is exact in a float.
  double Unit() { return static_cast<double>(engine_() >> 8) * 0x1p-24; }

  // Uniform on [-1, 1).
  double Uniform() { return 2.0 * Unit() - 1.0; }

  // Approximately standard normal: the Irwin-Hall sum of 12 uniforms minus 6 has mean 0 and
  // variance 1. Unlike Box-Muller it needs no log or cos, whose last bit differs between
  // math libraries; the sum of 24-bit values is exact in a double. Its tails stop at +-6,
  // which is harmless (even welcome) for weights.
  double Normal() {
    double sum = 0.0;
    for (int i = 0; i < 12; ++i) sum += Unit();
    return sum - 6.0;
  }

 private:
  std::mt19937 engine_;
};

// ---------------------------------------------------------------------------------------------
// AttrValue and TensorProto builders.

tfp::AttrValue TypeAttr(tfp::DataType type) {
  tfp::AttrValue attr;
  attr.set_type(type);
  return attr;
}

tfp::AttrValue StringAttr(std::string_view value) {
  tfp::AttrValue attr;
  attr.set_s(std::string(value));
  return attr;
}

tfp::AttrValue FloatAttr(float value) {
  tfp::AttrValue attr;
  attr.set_f(value);
  return attr;
}

tfp::AttrValue BoolAttr(bool value) {
  tfp::AttrValue attr;
  attr.set_b(value);
  return attr;
}

tfp::AttrValue IntListAttr(std::initializer_list<int64_t> values) {
  tfp::AttrValue attr;
  // Taking mutable_list() first sets the oneof even for an empty list, which TF writes as
  // `explicit_paddings { list {} }` rather than leaving the attr value unset.
  tfp::AttrValue::ListValue* list = attr.mutable_list();
  for (int64_t value : values) list->add_i(value);
  return attr;
}

tfp::AttrValue StringListAttr(std::initializer_list<std::string_view> values) {
  tfp::AttrValue attr;
  for (std::string_view value : values) attr.mutable_list()->add_s(std::string(value));
  return attr;
}

tfp::AttrValue TypeListAttr(std::initializer_list<tfp::DataType> types) {
  tfp::AttrValue attr;
  for (tfp::DataType type : types) attr.mutable_list()->add_type(type);
  return attr;
}

tfp::AttrValue FuncAttr(std::string_view function_name) {
  tfp::AttrValue attr;
  attr.mutable_func()->set_name(std::string(function_name));
  return attr;
}

// A dim of -1 is unknown, as in TF's PartialTensorShape.
tfp::TensorShapeProto ShapeProto(const Shape& dims) {
  tfp::TensorShapeProto shape;
  for (int64_t dim : dims) shape.add_dim()->set_size(dim);
  return shape;
}

tfp::AttrValue ShapeAttr(const Shape& dims) {
  tfp::AttrValue attr;
  *attr.mutable_shape() = ShapeProto(dims);
  return attr;
}

tfp::AttrValue TensorAttr(tfp::TensorProto tensor) {
  tfp::AttrValue attr;
  *attr.mutable_tensor() = std::move(tensor);
  return attr;
}

// Appends a 32-bit word little-endian, whatever the host order: TF stores tensor_content in
// host order and every TF host that writes these files is little-endian (spec 5.4).
void AppendLittleEndian(uint32_t word, std::string* bytes) {
  for (int shift = 0; shift < 32; shift += 8) bytes->push_back(static_cast<char>(word >> shift));
}

// The form freeze_graph writes for weights: raw bytes in tensor_content.
tfp::TensorProto FloatContentTensor(const Shape& dims, const std::vector<float>& values) {
  tfp::TensorProto tensor;
  tensor.set_dtype(tfp::DT_FLOAT);
  *tensor.mutable_tensor_shape() = ShapeProto(dims);
  std::string bytes;
  bytes.reserve(values.size() * 4);
  for (float value : values) AppendLittleEndian(std::bit_cast<uint32_t>(value), &bytes);
  tensor.set_tensor_content(std::move(bytes));
  return tensor;
}

tfp::TensorProto Int32ContentTensor(const Shape& dims, const std::vector<int32_t>& values) {
  tfp::TensorProto tensor;
  tensor.set_dtype(tfp::DT_INT32);
  *tensor.mutable_tensor_shape() = ShapeProto(dims);
  std::string bytes;
  for (int32_t value : values) AppendLittleEndian(static_cast<uint32_t>(value), &bytes);
  tensor.set_tensor_content(std::move(bytes));
  return tensor;
}

// The typed *_val forms. They may list fewer values than the shape holds: readers repeat the
// last value (spec 5.4), which the text examples use on purpose.
tfp::TensorProto FloatValTensor(const Shape& dims, std::initializer_list<float> values) {
  tfp::TensorProto tensor;
  tensor.set_dtype(tfp::DT_FLOAT);
  *tensor.mutable_tensor_shape() = ShapeProto(dims);
  for (float value : values) tensor.add_float_val(value);
  return tensor;
}

tfp::TensorProto Int32ValTensor(const Shape& dims, std::initializer_list<int32_t> values) {
  tfp::TensorProto tensor;
  tensor.set_dtype(tfp::DT_INT32);
  *tensor.mutable_tensor_shape() = ShapeProto(dims);
  for (int32_t value : values) tensor.add_int_val(value);
  return tensor;
}

tfp::TensorProto BoolValTensor(const Shape& dims, std::initializer_list<bool> values) {
  tfp::TensorProto tensor;
  tensor.set_dtype(tfp::DT_BOOL);
  *tensor.mutable_tensor_shape() = ShapeProto(dims);
  for (bool value : values) tensor.add_bool_val(value);
  return tensor;
}

tfp::TensorProto StringValTensor(const Shape& dims,
                                 std::initializer_list<std::string_view> values) {
  tfp::TensorProto tensor;
  tensor.set_dtype(tfp::DT_STRING);
  *tensor.mutable_tensor_shape() = ShapeProto(dims);
  for (std::string_view value : values) tensor.add_string_val(std::string(value));
  return tensor;
}

// ---------------------------------------------------------------------------------------------
// Node builders. They take a NodeList so that the same helpers fill a graph's top level and
// a function body. Nodes are appended, so calling them in data-flow order keeps the file in
// topological order.

tfp::NodeDef* AddNode(NodeList* nodes, std::string_view op, std::string_view name,
                      std::initializer_list<std::string_view> inputs, Attrs attrs = {}) {
  tfp::NodeDef* node = nodes->Add();
  node->set_name(std::string(name));
  node->set_op(std::string(op));
  for (std::string_view input : inputs) node->add_input(std::string(input));
  for (const auto& [key, value] : attrs) (*node->mutable_attr())[key] = value;
  return node;
}

tfp::NodeDef* AddConst(NodeList* nodes, std::string_view name, tfp::TensorProto value) {
  tfp::DataType dtype = value.dtype();
  return AddNode(nodes, "Const", name, {},
                 {{"dtype", TypeAttr(dtype)}, {"value", TensorAttr(std::move(value))}});
}

tfp::NodeDef* AddPlaceholder(NodeList* nodes, std::string_view name, tfp::DataType dtype,
                             const Shape& dims) {
  return AddNode(nodes, "Placeholder", name, {},
                 {{"dtype", TypeAttr(dtype)}, {"shape", ShapeAttr(dims)}});
}

// Ops whose only attr is the element type T (Relu, Identity, Add, Mul, ...).
tfp::NodeDef* AddSimpleNode(NodeList* nodes, std::string_view op, std::string_view name,
                            std::initializer_list<std::string_view> inputs,
                            tfp::DataType type = tfp::DT_FLOAT) {
  return AddNode(nodes, op, name, inputs, {{"T", TypeAttr(type)}});
}

// ---------------------------------------------------------------------------------------------
// Output.

bool WriteFile(const tfp::GraphDef& graph, const std::filesystem::path& path,
               const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) {
    std::fprintf(stderr, "error: cannot write %s\n", path.string().c_str());
    return false;
  }
  std::printf("wrote %s: %d nodes, %zu bytes\n", path.string().c_str(), graph.node_size(),
              bytes.size());
  return true;
}

// Binary wire format. Plain SerializeToString may order map entries (the attr maps) by hash;
// deterministic serialization sorts them, so the file is the same on every run.
bool WriteBinary(const tfp::GraphDef& graph, const std::filesystem::path& path) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    if (!graph.SerializeToCodedStream(&coded)) {
      std::fprintf(stderr, "error: cannot serialize %s\n", path.string().c_str());
      return false;
    }
  }  // The coded stream flushes into `bytes` when it goes out of scope.
  return WriteFile(graph, path, bytes);
}

// Text format, as tf.io.write_graph(as_text=True) writes it. The printer sorts map entries.
bool WriteText(const tfp::GraphDef& graph, const std::filesystem::path& path) {
  std::string text;
  google::protobuf::TextFormat::Printer printer;
  if (!printer.PrintToString(graph, &text)) {
    std::fprintf(stderr, "error: cannot print %s\n", path.string().c_str());
    return false;
  }
  return WriteFile(graph, path, text);
}

// ---------------------------------------------------------------------------------------------
// 1. ResNet-20 for CIFAR-10 (He et al. 2015, section 4.2), as TF 1.x freeze_graph leaves it:
// each variable became a Const read through an Identity named "<variable>/read".

class ResNet20Builder {
 public:
  explicit ResNet20Builder(tfp::GraphDef* graph) : nodes_(graph->mutable_node()), rng_(20) {}

  void Build() {
    AddPlaceholder(nodes_, "net_input", tfp::DT_FLOAT, {-1, 32, 32, 3});
    std::string x = Conv("conv1", "net_input", 3, 16, 1);
    x = BatchNorm("bn1", x, 16);
    x = Relu("relu1", x);
    int channels = 16;
    const int stage_channels[] = {16, 32, 64};
    for (int stage = 0; stage < 3; ++stage) {
      for (int block = 0; block < 3; ++block) {
        std::string scope =
            "stage" + std::to_string(stage + 1) + "/block" + std::to_string(block + 1);
        // Stages 2 and 3 halve the feature map in their first block.
        int stride = (stage > 0 && block == 0) ? 2 : 1;
        x = BasicBlock(scope, x, channels, stage_channels[stage], stride);
        channels = stage_channels[stage];
      }
    }
    AddConst(nodes_, "pool/Mean/reduction_indices", Int32ContentTensor({2}, {1, 2}));
    AddNode(nodes_, "Mean", "pool/Mean", {x, "pool/Mean/reduction_indices"},
            {{"T", TypeAttr(tfp::DT_FLOAT)},
             {"Tidx", TypeAttr(tfp::DT_INT32)},
             {"keep_dims", BoolAttr(false)}});
    std::string kernel = Weight("fc/kernel", {64, 10}, HeNormal(64 * 10, 64));
    AddNode(nodes_, "MatMul", "fc/MatMul", {"pool/Mean", kernel},
            {{"T", TypeAttr(tfp::DT_FLOAT)},
             {"transpose_a", BoolAttr(false)},
             {"transpose_b", BoolAttr(false)}});
    std::string bias = Weight("fc/bias", {10}, Scaled(10, 0x1p-6));
    AddNode(nodes_, "BiasAdd", "fc/BiasAdd", {"fc/MatMul", bias},
            {{"T", TypeAttr(tfp::DT_FLOAT)}, {"data_format", StringAttr("NHWC")}});
    AddSimpleNode(nodes_, "Softmax", "net_output", {"fc/BiasAdd"});
  }

 private:
  // conv3x3 -> BN -> Relu -> conv3x3 -> BN -> Add(shortcut) -> Relu.
  std::string BasicBlock(const std::string& scope, const std::string& input, int in_channels,
                         int out_channels, int stride) {
    std::string x = Conv(scope + "/conv1", input, in_channels, out_channels, stride);
    x = BatchNorm(scope + "/bn1", x, out_channels);
    x = Relu(scope + "/relu1", x);
    x = Conv(scope + "/conv2", x, out_channels, out_channels, 1);
    x = BatchNorm(scope + "/bn2", x, out_channels);
    std::string shortcut =
        stride == 1 ? input : OptionAShortcut(scope + "/shortcut", input, in_channels);
    AddSimpleNode(nodes_, "Add", scope + "/add", {x, shortcut});
    return Relu(scope + "/relu2", scope + "/add");
  }

  // The paper's parameter-free "option A" shortcut: x[:, ::2, ::2, :], then zero channels
  // padded on both sides to double the depth. The subsampling is a 1x1 MaxPool with stride 2
  // (VALID), which takes exactly every other row and column; unlike StridedSlice with stride
  // 2, OpenCV's TF importer can read it, so OpenCV's dnn module can run the model as an
  // independent reference.
  std::string OptionAShortcut(const std::string& scope, const std::string& input, int in_channels) {
    std::string pool = scope + "/MaxPool";
    AddNode(nodes_, "MaxPool", pool, {input},
            {{"T", TypeAttr(tfp::DT_FLOAT)},
             {"data_format", StringAttr("NHWC")},
             {"ksize", IntListAttr({1, 1, 1, 1})},
             {"padding", StringAttr("VALID")},
             {"strides", IntListAttr({1, 2, 2, 1})}});
    std::string pad = scope + "/Pad";
    int32_t half = in_channels / 2;
    AddConst(nodes_, pad + "/paddings", Int32ContentTensor({4, 2}, {0, 0, 0, 0, 0, 0, half, half}));
    AddNode(nodes_, "Pad", pad, {pool, pad + "/paddings"},
            {{"T", TypeAttr(tfp::DT_FLOAT)}, {"Tpaddings", TypeAttr(tfp::DT_INT32)}});
    return pad;
  }

  // 3x3 SAME convolution without bias (the batch norm after it has the offset).
  std::string Conv(const std::string& scope, const std::string& input, int in_channels,
                   int out_channels, int stride) {
    int fan_in = 3 * 3 * in_channels;
    std::string kernel = Weight(scope + "/kernel", {3, 3, in_channels, out_channels},
                                HeNormal(fan_in * out_channels, fan_in));
    std::string name = scope + "/Conv2D";
    AddNode(nodes_, "Conv2D", name, {input, kernel},
            {{"T", TypeAttr(tfp::DT_FLOAT)},
             {"data_format", StringAttr("NHWC")},
             {"dilations", IntListAttr({1, 1, 1, 1})},
             {"explicit_paddings", IntListAttr({})},
             {"padding", StringAttr("SAME")},
             {"strides", IntListAttr({1, stride, stride, 1})},
             {"use_cudnn_on_gpu", BoolAttr(true)}});
    return name;
  }

  // Inference batch norm with stored statistics. The statistics are made up, but kept near
  // the identity (variance >= 1) so that activations stay in a sane range through the net.
  std::string BatchNorm(const std::string& scope, const std::string& input, int channels) {
    std::vector<float> gamma(channels), beta(channels), mean(channels), variance(channels);
    for (int c = 0; c < channels; ++c) {
      gamma[c] = static_cast<float>(1.0 + 0x1p-3 * rng_.Uniform());
      beta[c] = static_cast<float>(0x1p-3 * rng_.Uniform());
      mean[c] = static_cast<float>(0x1p-3 * rng_.Uniform());
      variance[c] = static_cast<float>(1.0 + 0x1p-1 * std::abs(rng_.Uniform()));
    }
    const int64_t c = channels;
    std::string scale = Weight(scope + "/gamma", {c}, gamma);
    std::string offset = Weight(scope + "/beta", {c}, beta);
    std::string moving_mean = Weight(scope + "/moving_mean", {c}, mean);
    std::string moving_variance = Weight(scope + "/moving_variance", {c}, variance);
    std::string name = scope + "/FusedBatchNormV3";
    AddNode(nodes_, "FusedBatchNormV3", name, {input, scale, offset, moving_mean, moving_variance},
            {{"T", TypeAttr(tfp::DT_FLOAT)},
             {"U", TypeAttr(tfp::DT_FLOAT)},
             {"data_format", StringAttr("NHWC")},
             {"epsilon", FloatAttr(0.001f)},
             {"exponential_avg_factor", FloatAttr(1.0f)},
             {"is_training", BoolAttr(false)}});
    return name;
  }

  std::string Relu(const std::string& name, const std::string& input) {
    AddSimpleNode(nodes_, "Relu", name, {input});
    return name;
  }

  // A frozen variable: the Const holding its value and the Identity that reads it. Returns
  // the Identity's name, which is what the compute node consumes.
  std::string Weight(const std::string& name, const Shape& dims, const std::vector<float>& values) {
    AddConst(nodes_, name, FloatContentTensor(dims, values));
    std::string read = name + "/read";
    AddSimpleNode(nodes_, "Identity", read, {name});
    return read;
  }

  // He-normal initialization, std = sqrt(2 / fan_in), keeps the activations' scale steady
  // through each conv followed by a Relu.
  std::vector<float> HeNormal(int64_t count, int fan_in) {
    const double stddev = std::sqrt(2.0 / fan_in);
    std::vector<float> values(count);
    for (float& value : values) value = static_cast<float>(stddev * rng_.Normal());
    return values;
  }

  std::vector<float> Scaled(int64_t count, double scale) {
    std::vector<float> values(count);
    for (float& value : values) value = static_cast<float>(scale * rng_.Uniform());
    return values;
  }

  NodeList* nodes_;
  Rng rng_;
};

tfp::GraphDef ResNet20Cifar10() {
  tfp::GraphDef graph;
  ResNet20Builder(&graph).Build();
  graph.mutable_versions()->set_producer(27);
  return graph;
}

// ---------------------------------------------------------------------------------------------
// 2. A TF1 training-style graph that was never frozen: VariableV2 nodes (which
// summarize_graph lists as variables but whose size it cannot count), their Assign
// initializers, and an `init` NoOp reached only through control edges.

void AddVariable(NodeList* nodes, std::string_view name, const Shape& dims,
                 tfp::TensorProto initial_value) {
  std::string var(name);
  AddConst(nodes, var + "/initial_value", std::move(initial_value));
  AddNode(nodes, "VariableV2", var, {},
          {{"container", StringAttr("")},
           {"dtype", TypeAttr(tfp::DT_FLOAT)},
           {"shape", ShapeAttr(dims)},
           {"shared_name", StringAttr("")}});
  // TF colocates a variable's initializer and reads with the variable itself.
  std::string colocation = "loc:@" + var;
  AddNode(nodes, "Assign", var + "/Assign", {var, var + "/initial_value"},
          {{"T", TypeAttr(tfp::DT_FLOAT)},
           {"_class", StringListAttr({colocation})},
           {"use_locking", BoolAttr(true)},
           {"validate_shape", BoolAttr(true)}});
  AddNode(nodes, "Identity", var + "/read", {var},
          {{"T", TypeAttr(tfp::DT_FLOAT)}, {"_class", StringListAttr({colocation})}});
}

tfp::GraphDef Variables() {
  tfp::GraphDef graph;
  NodeList* nodes = graph.mutable_node();
  AddPlaceholder(nodes, "x", tfp::DT_FLOAT, {-1, 4});
  AddVariable(nodes, "w", {4, 2},
              FloatValTensor({4, 2}, {0.5f, -0.25f, 0.125f, 0.75f, -0.5f, 0.25f, 1.0f, -1.0f}));
  AddVariable(nodes, "b", {2}, FloatValTensor({2}, {0.0f}));
  AddNode(nodes, "MatMul", "MatMul", {"x", "w/read"},
          {{"T", TypeAttr(tfp::DT_FLOAT)},
           {"transpose_a", BoolAttr(false)},
           {"transpose_b", BoolAttr(false)}});
  AddSimpleNode(nodes, "Add", "y", {"MatMul", "b/read"});
  AddNode(nodes, "NoOp", "init", {"^w/Assign", "^b/Assign"});
  graph.mutable_versions()->set_producer(27);
  return graph;
}

// ---------------------------------------------------------------------------------------------
// 3. Control edges and device placement. `check_input` is consumed only through a control
// edge, so summarize_graph does not list it as an output although nothing reads its data
// (spec 4.4). Devices: three nodes on one device string, one on another (spec 4.5).

tfp::GraphDef ControlEdges() {
  constexpr std::string_view kCpu = "/device:CPU:0";
  constexpr std::string_view kFullCpu = "/job:localhost/replica:0/task:0/device:CPU:0";
  tfp::GraphDef graph;
  NodeList* nodes = graph.mutable_node();
  AddPlaceholder(nodes, "input", tfp::DT_FLOAT, {1, 4})->set_device(std::string(kCpu));
  AddNode(nodes, "CheckNumerics", "check_input", {"input"},
          {{"T", TypeAttr(tfp::DT_FLOAT)}, {"message", StringAttr("input has NaN or Inf")}});
  AddConst(nodes, "scale", FloatValTensor({}, {2.0f}));
  AddSimpleNode(nodes, "Mul", "scaled", {"input", "scale", "^check_input"})
      ->set_device(std::string(kCpu));
  AddSimpleNode(nodes, "Relu", "relu", {"scaled"})->set_device(std::string(kCpu));
  AddNode(nodes, "NoOp", "barrier", {"^relu"});
  AddConst(nodes, "bias", FloatValTensor({4}, {0.5f}));
  AddSimpleNode(nodes, "AddV2", "add", {"relu", "bias"})->set_device(std::string(kFullCpu));
  AddSimpleNode(nodes, "Identity", "output", {"add", "^barrier"});
  graph.mutable_versions()->set_producer(27);
  return graph;
}

// ---------------------------------------------------------------------------------------------
// 4. A TF2-style graph that calls a function instead of inlining it. The body lives in the
// library, whose nodes summarize_graph counts in "Op types used" (spec 4.7); `unused_helper`
// is never called but is counted all the same.

void AddArg(tfp::OpDef::ArgDef* arg, std::string_view name, tfp::DataType type) {
  arg->set_name(std::string(name));
  arg->set_type(type);
}

tfp::GraphDef FunctionLibrary() {
  tfp::GraphDef graph;
  NodeList* nodes = graph.mutable_node();
  AddPlaceholder(nodes, "x", tfp::DT_FLOAT, {2, 3});
  AddNode(nodes, "StatefulPartitionedCall", "call", {"x"},
          {{"Tin", TypeListAttr({tfp::DT_FLOAT})},
           {"Tout", TypeListAttr({tfp::DT_FLOAT})},
           {"config", StringAttr("")},
           {"config_proto", StringAttr("")},
           {"executor_type", StringAttr("")},
           {"f", FuncAttr("square_plus_one")}});
  AddSimpleNode(nodes, "Identity", "y", {"call"});

  // Inside a body, inputs name "node:output_arg:index" or a bare function argument.
  tfp::FunctionDef* square = graph.mutable_library()->add_function();
  square->mutable_signature()->set_name("square_plus_one");
  AddArg(square->mutable_signature()->add_input_arg(), "a", tfp::DT_FLOAT);
  AddArg(square->mutable_signature()->add_output_arg(), "out", tfp::DT_FLOAT);
  NodeList* body = square->mutable_node_def();
  AddSimpleNode(body, "Mul", "sq", {"a", "a"});
  AddConst(body, "one", FloatValTensor({}, {1.0f}));
  AddSimpleNode(body, "AddV2", "add", {"sq:z:0", "one:output:0"});
  (*square->mutable_ret())["out"] = "add:z:0";

  tfp::FunctionDef* helper = graph.mutable_library()->add_function();
  helper->mutable_signature()->set_name("unused_helper");
  AddArg(helper->mutable_signature()->add_input_arg(), "features", tfp::DT_FLOAT);
  AddArg(helper->mutable_signature()->add_output_arg(), "activations", tfp::DT_FLOAT);
  AddSimpleNode(helper->mutable_node_def(), "Relu", "relu", {"features"});
  (*helper->mutable_ret())["activations"] = "relu:activations:0";

  graph.mutable_versions()->set_producer(1087);
  return graph;
}

// ---------------------------------------------------------------------------------------------
// 5. Inputs and outputs of several kinds: a static shape, an unknown dim, a scalar string,
// a Placeholder with no shape attr, and a PlaceholderWithDefault (not an input to
// summarize_graph, spec 4.2). Consts use the typed *_val fields, some shorter than their
// shape so that readers must repeat the last value (spec 5.4).

tfp::GraphDef MultiIo() {
  tfp::GraphDef graph;
  NodeList* nodes = graph.mutable_node();
  AddPlaceholder(nodes, "image", tfp::DT_FLOAT, {1, 8, 8, 3});
  AddPlaceholder(nodes, "ids", tfp::DT_INT32, {-1});
  AddPlaceholder(nodes, "label", tfp::DT_STRING, {});
  AddNode(nodes, "Placeholder", "scale", {}, {{"dtype", TypeAttr(tfp::DT_FLOAT)}});
  AddConst(nodes, "training/input", BoolValTensor({}, {false}));
  AddNode(nodes, "PlaceholderWithDefault", "training", {"training/input"},
          {{"dtype", TypeAttr(tfp::DT_BOOL)}, {"shape", ShapeAttr({})}});

  // Image branch: offset splats 1.5 over 3 channels; gain lists 2 values for 3 channels,
  // giving [2, 0.5, 0.5]; paddings lists 7 of 8 values, the last 0 repeating.
  AddConst(nodes, "offset", FloatValTensor({3}, {1.5f}));
  AddSimpleNode(nodes, "Sub", "centered", {"image", "offset"});
  AddConst(nodes, "gain", FloatValTensor({1, 1, 1, 3}, {2.0f, 0.5f}));
  AddSimpleNode(nodes, "Mul", "gained", {"centered", "gain"});
  AddSimpleNode(nodes, "Mul", "scaled", {"gained", "scale"});
  // The caller's scale applies only in training mode.
  AddSimpleNode(nodes, "SelectV2", "selected", {"training", "scaled", "gained"});
  AddConst(nodes, "paddings", Int32ValTensor({4, 2}, {0, 0, 1, 1, 1, 1, 0}));
  AddNode(nodes, "Pad", "padded", {"selected", "paddings"},
          {{"T", TypeAttr(tfp::DT_FLOAT)}, {"Tpaddings", TypeAttr(tfp::DT_INT32)}});
  AddSimpleNode(nodes, "Relu", "features", {"padded"});

  AddNode(nodes, "Cast", "ids_float", {"ids"},
          {{"DstT", TypeAttr(tfp::DT_FLOAT)},
           {"SrcT", TypeAttr(tfp::DT_INT32)},
           {"Truncate", BoolAttr(false)}});

  // Add on strings concatenates them.
  AddConst(nodes, "prefix", StringValTensor({}, {"label:"}));
  AddSimpleNode(nodes, "Add", "tagged", {"prefix", "label"}, tfp::DT_STRING);
  AddSimpleNode(nodes, "Identity", "label_out", {"tagged"}, tfp::DT_STRING);
  graph.mutable_versions()->set_producer(27);
  return graph;
}

int Run(const std::filesystem::path& out_dir) {
  std::error_code error;
  std::filesystem::create_directories(out_dir / "graphs", error);
  if (error) {
    std::fprintf(stderr, "error: cannot create %s: %s\n", (out_dir / "graphs").string().c_str(),
                 error.message().c_str());
    return 1;
  }
  bool ok = WriteBinary(ResNet20Cifar10(), out_dir / "resnet20_cifar10.pb") &&
            WriteText(Variables(), out_dir / "graphs" / "variables.pbtxt") &&
            WriteText(ControlEdges(), out_dir / "graphs" / "control_edges.pbtxt") &&
            WriteBinary(FunctionLibrary(), out_dir / "graphs" / "function_library.pb") &&
            WriteText(MultiIo(), out_dir / "graphs" / "multi_io.pbtxt");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace mb::examples

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  return mb::examples::Run(argv[1]);
}
