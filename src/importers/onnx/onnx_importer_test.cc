// The ONNX importer on models built here with the schema's own classes, each written to a
// file and read back through LoadModel as a user's model would be. Expectations come from the
// ONNX IR spec (onnx/IR.md): initializers are constants, absent optional inputs are "",
// subgraphs may use names of enclosing graphs, external data lives beside the model.
#include "importers/onnx/onnx_importer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "importers/importer.h"
#include "onnx.pb.h"
#include "tests/testing/test_paths.h"

namespace mb::importers::onnx {
namespace {

using ::mb::testing::ScratchDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int kFloat = 1;
constexpr int kInt64 = 7;

onnxproto::ModelProto NewModel(int64_t opset = 13) {
  onnxproto::ModelProto model;
  model.set_ir_version(8);
  model.set_producer_name("modelbench-test");
  model.set_producer_version("1.0");
  auto* import = model.add_opset_import();
  import->set_domain("");
  import->set_version(opset);
  model.mutable_graph()->set_name("g");
  return model;
}

void AddInput(onnxproto::GraphProto* graph, const std::string& name, int dtype,
              const std::vector<std::string>& dims) {
  auto* input = graph->add_input();
  input->set_name(name);
  auto* tensor = input->mutable_type()->mutable_tensor_type();
  tensor->set_elem_type(dtype);
  for (const std::string& dim : dims) {
    auto* d = tensor->mutable_shape()->add_dim();
    if (!dim.empty() && std::isdigit(static_cast<unsigned char>(dim[0]))) {
      d->set_dim_value(std::stoll(dim));
    } else if (!dim.empty()) {
      d->set_dim_param(dim);
    }
  }
}

void AddOutput(onnxproto::GraphProto* graph, const std::string& name) {
  graph->add_output()->set_name(name);
}

onnxproto::NodeProto* AddNode(onnxproto::GraphProto* graph, const std::string& op,
                              std::vector<std::string> inputs, std::vector<std::string> outputs,
                              const std::string& name = "") {
  auto* node = graph->add_node();
  node->set_op_type(op);
  if (!name.empty()) node->set_name(name);
  for (auto& input : inputs) node->add_input(input);
  for (auto& output : outputs) node->add_output(output);
  return node;
}

onnxproto::TensorProto* AddFloatInitializer(onnxproto::GraphProto* graph, const std::string& name,
                                            std::vector<int64_t> dims, std::vector<float> values) {
  auto* t = graph->add_initializer();
  t->set_name(name);
  t->set_data_type(kFloat);
  for (int64_t d : dims) t->add_dims(d);
  for (float v : values) t->add_float_data(v);
  return t;
}

std::string WriteModel(const onnxproto::ModelProto& model, const std::string& dir) {
  const std::string path = dir + "/model.onnx";
  std::ofstream(path, std::ios::binary) << model.SerializeAsString();
  return path;
}

StatusOr<ir::Model> Load(const onnxproto::ModelProto& model, const std::string& dir) {
  return LoadModel(WriteModel(model, dir));
}

TEST(OnnxImporterTest, InputsInitializersSymbolicDimsAndModelFacts) {
  onnxproto::ModelProto model = NewModel();
  auto* g = model.mutable_graph();
  AddInput(g, "x", kFloat, {"batch", "3"});
  // A graph input that is also an initializer is a constant, not an input.
  AddInput(g, "w", kFloat, {"3", "2"});
  AddFloatInitializer(g, "w", {3, 2}, {1, 2, 3, 4, 5, 6});
  AddNode(g, "MatMul", {"x", "w"}, {"y"}, "mm");
  AddOutput(g, "y");
  const std::string dir = ScratchDir();
  auto loaded = Load(model, dir);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const ir::Graph& graph = loaded->graph;
  EXPECT_EQ(loaded->info.format, "ONNX");
  EXPECT_EQ(loaded->info.producer, "modelbench-test 1.0");
  EXPECT_EQ(loaded->info.properties.at("ir_version"), "8");
  EXPECT_EQ(loaded->info.properties.at("opset_import"), "ai.onnx 13");
  EXPECT_EQ(DefaultDomainOpset(loaded->info), 13);
  ASSERT_EQ(graph.inputs().size(), 1u);
  const ir::Value& x = graph.value(graph.inputs()[0]);
  EXPECT_EQ(x.name, "x");
  EXPECT_EQ(x.shape.ToString(), "[batch,3]");
  EXPECT_TRUE(x.shape.dim(0).is_symbolic());
  const ir::Value& w = graph.value(*graph.FindValue("w"));
  ASSERT_NE(w.constant, nullptr);
  EXPECT_EQ(w.constant->At<float>(5), 6.0f);
  ASSERT_EQ(graph.outputs().size(), 1u);
  EXPECT_EQ(graph.value(graph.outputs()[0]).name, "y");
  const ir::Node& mm = graph.node(*graph.FindNode("mm"));
  EXPECT_EQ(mm.op_type, "MatMul");
  EXPECT_EQ(mm.kind, ir::OpKind::kMatMul);
}

TEST(OnnxImporterTest, AbsentOptionalInputsAndUnnamedNodes) {
  onnxproto::ModelProto model = NewModel(13);
  auto* g = model.mutable_graph();
  AddInput(g, "x", kFloat, {"4"});
  AddFloatInitializer(g, "hi", {}, {6.0f});
  // Clip(x, min = absent, max = hi): the middle input is "", the node has no name.
  AddNode(g, "Clip", {"x", "", "hi"}, {"y"});
  AddOutput(g, "y");
  auto loaded = Load(model, ScratchDir());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const ir::Node& clip = loaded->graph.nodes()[0];
  EXPECT_EQ(clip.name, "Clip_0");
  ASSERT_EQ(clip.inputs.size(), 3u);
  EXPECT_EQ(clip.inputs[1], ir::kNoValue);
}

TEST(OnnxImporterTest, ConstantNodeValueIsStoredOnItsOutput) {
  onnxproto::ModelProto model = NewModel();
  auto* g = model.mutable_graph();
  auto* c = AddNode(g, "Constant", {}, {"shape"}, "c");
  auto* attr = c->add_attribute();
  attr->set_name("value_ints");
  attr->set_type(7);  // INTS
  attr->add_ints(2);
  attr->add_ints(-1);
  AddInput(g, "x", kFloat, {"2", "3"});
  AddNode(g, "Reshape", {"x", "shape"}, {"y"});
  AddOutput(g, "y");
  auto loaded = Load(model, ScratchDir());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const ir::Value& shape = loaded->graph.value(*loaded->graph.FindValue("shape"));
  ASSERT_NE(shape.constant, nullptr);
  EXPECT_EQ(shape.dtype, ir::DType::kInt64);
  EXPECT_EQ(shape.constant->At<int64_t>(0), 2);
  EXPECT_EQ(shape.constant->At<int64_t>(1), -1);
}

// An If whose branches use a value of the main graph: each branch is a Function whose body
// counts its ops and takes the captured value as an input.
TEST(OnnxImporterTest, SubgraphsBecomeFunctionsWithCapturedInputs) {
  onnxproto::ModelProto model = NewModel();
  auto* g = model.mutable_graph();
  AddInput(g, "cond", 9, {});
  AddInput(g, "x", kFloat, {"2"});
  AddNode(g, "Relu", {"x"}, {"r"}, "relu");
  auto* if_node = AddNode(g, "If", {"cond"}, {"y"}, "branch");
  for (const char* name : {"then_branch", "else_branch"}) {
    auto* attr = if_node->add_attribute();
    attr->set_name(name);
    attr->set_type(5);  // GRAPH
    auto* body = attr->mutable_g();
    AddNode(body, std::string(name) == "then_branch" ? "Neg" : "Abs", {"r"}, {"out"});
    AddOutput(body, "out");
  }
  AddOutput(g, "y");
  auto loaded = Load(model, ScratchDir());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const ir::Graph& graph = loaded->graph;
  ASSERT_EQ(graph.functions().size(), 2u);
  EXPECT_EQ(graph.functions()[0]->name, "branch/then_branch");
  const ir::Graph& then_body = graph.functions()[0]->body;
  ASSERT_EQ(then_body.nodes().size(), 1u);
  EXPECT_EQ(then_body.nodes()[0].op_type, "Neg");
  ASSERT_EQ(then_body.inputs().size(), 1u);
  EXPECT_EQ(then_body.value(then_body.inputs()[0]).name, "r");
  const ir::Node& node = graph.node(*graph.FindNode("branch"));
  ASSERT_NE(node.FindAttr("else_branch"), nullptr);
  EXPECT_EQ(node.FindAttr("else_branch")->Get<ir::FunctionRef>().name, "branch/else_branch");
}

TEST(OnnxImporterTest, ExternalDataIsReadFromBesideTheModel) {
  const std::string dir = ScratchDir();
  const float values[3] = {1.5f, -2.0f, 4.0f};
  {
    std::ofstream out(dir + "/weights.bin", std::ios::binary);
    out << "padding!";  // 8 bytes before the tensor
    out.write(reinterpret_cast<const char*>(values), sizeof(values));
  }
  onnxproto::ModelProto model = NewModel();
  auto* g = model.mutable_graph();
  auto* t = g->add_initializer();
  t->set_name("w");
  t->set_data_type(kFloat);
  t->add_dims(3);
  t->set_data_location(1);
  for (auto [key, value] :
       {std::pair{"location", "weights.bin"}, {"offset", "8"}, {"length", "12"}}) {
    auto* entry = t->add_external_data();
    entry->set_key(key);
    entry->set_value(value);
  }
  AddInput(g, "x", kFloat, {"3"});
  AddNode(g, "Add", {"x", "w"}, {"y"});
  AddOutput(g, "y");
  auto loaded = Load(model, dir);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const ir::Value& w = loaded->graph.value(*loaded->graph.FindValue("w"));
  ASSERT_NE(w.constant, nullptr);
  EXPECT_EQ(w.constant->At<float>(0), 1.5f);
  EXPECT_EQ(w.constant->At<float>(2), 4.0f);
}

TEST(OnnxImporterTest, ExternalDataMayNotLeaveTheModelsFolder) {
  const std::string dir = ScratchDir();
  for (const char* location : {"../outside.bin", "/etc/passwd"}) {
    onnxproto::ModelProto model = NewModel();
    auto* g = model.mutable_graph();
    auto* t = g->add_initializer();
    t->set_name("w");
    t->set_data_type(kFloat);
    t->add_dims(1);
    t->set_data_location(1);
    auto* entry = t->add_external_data();
    entry->set_key("location");
    entry->set_value(location);
    AddNode(g, "Identity", {"w"}, {"y"});
    AddOutput(g, "y");
    std::filesystem::create_directories(dir + "/model");
    std::ofstream(dir + "/outside.bin", std::ios::binary) << "1234";
    auto loaded = Load(model, dir + "/model");
    ASSERT_FALSE(loaded.ok()) << location;
    EXPECT_THAT(loaded.status().message(), HasSubstr("initializer 'w'")) << location;
  }
}

TEST(OnnxImporterTest, BadModelsGiveErrorsNamingTheProblem) {
  struct Case {
    const char* what;
    std::function<void(onnxproto::ModelProto&)> damage;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"raw_data size",
       [](onnxproto::ModelProto& m) {
         auto* t = AddFloatInitializer(m.mutable_graph(), "w", {4}, {});
         t->set_raw_data("abc");
       },
       "raw_data has 3 bytes, the shape needs 16"},
      {"unknown dtype",
       [](onnxproto::ModelProto& m) {
         auto* t = AddFloatInitializer(m.mutable_graph(), "w", {1}, {1});
         t->set_data_type(99);
       },
       "unknown tensor data type 99"},
      {"negative dim",
       [](onnxproto::ModelProto& m) { AddFloatInitializer(m.mutable_graph(), "w", {-2}, {}); },
       "initializer 'w'"},
      {"huge tensor",
       [](onnxproto::ModelProto& m) {
         AddFloatInitializer(m.mutable_graph(), "w", {1 << 20, 1 << 20, 1 << 20}, {});
       },
       "limit"},
      {"dangling input",
       [](onnxproto::ModelProto& m) {
         AddNode(m.mutable_graph(), "Relu", {"nowhere"}, {"y2"}, "r");
       },
       "node 'r' (Relu): 'nowhere' is not produced by any node"},
      {"duplicate output",
       [](onnxproto::ModelProto& m) { AddNode(m.mutable_graph(), "Relu", {"x"}, {"x"}, "r"); },
       "output 'x' is already defined"},
      {"no opset",
       [](onnxproto::ModelProto& m) {
         m.clear_opset_import();
         AddNode(m.mutable_graph(), "Relu", {"x"}, {"y2"});
       },
       "imports no opset"},
  };
  for (const Case& c : cases) {
    onnxproto::ModelProto model = NewModel();
    AddInput(model.mutable_graph(), "x", kFloat, {"1"});
    AddOutput(model.mutable_graph(), "x");
    c.damage(model);
    auto loaded = Load(model, ScratchDir());
    ASSERT_FALSE(loaded.ok()) << c.what;
    EXPECT_THAT(loaded.status().message(), HasSubstr(c.message)) << c.what;
    EXPECT_THAT(loaded.status().message(), HasSubstr("model.onnx")) << c.what;
  }
}

TEST(OnnxImporterTest, DeeplyNestedSubgraphsAreRefused) {
  onnxproto::ModelProto model = NewModel();
  onnxproto::GraphProto* g = model.mutable_graph();
  AddInput(g, "c", 9, {});
  for (int depth = 0; depth < 40; ++depth) {
    auto* node = AddNode(g, "If", {"c"}, {"y"});
    auto* attr = node->add_attribute();
    attr->set_name("then_branch");
    attr->set_type(5);
    AddOutput(g, "y");
    g = attr->mutable_g();
  }
  auto loaded = Load(model, ScratchDir());
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("nest"));
}

TEST(OnnxImporterTest, TruncatedFileIsAnError) {
  onnxproto::ModelProto model = NewModel();
  auto* g = model.mutable_graph();
  AddInput(g, "x", kFloat, {"3"});
  AddFloatInitializer(g, "w", {3}, {1, 2, 3});
  AddNode(g, "Add", {"x", "w"}, {"y"});
  AddOutput(g, "y");
  const std::string dir = ScratchDir();
  std::string bytes = model.SerializeAsString();
  std::ofstream(dir + "/model.onnx", std::ios::binary) << bytes.substr(0, bytes.size() - 7);
  auto loaded = LoadModel(dir + "/model.onnx");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("model.onnx"));
}

}  // namespace
}  // namespace mb::importers::onnx
