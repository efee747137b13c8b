#include "importers/tensorflow/graphdef_importer.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "importers/importer.h"
#include "tests/testing/test_paths.h"
#include "tests/testing/tf_graph_testing.h"

namespace mb::importers::tf {
namespace {

using ::mb::testing::ScratchDir;
using ::mb::testing::SourcePath;
using ::mb::testing::WriteTextFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

ir::Model Load(const std::string& relative_path) {
  auto model = LoadModel(SourcePath(relative_path));
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? std::move(model).value() : ir::Model{};
}

StatusOr<ir::Graph> ImportText(const std::string& text) {
  return ::mb::testing::ImportTextGraph(text);
}

std::vector<std::string> ValueNames(const ir::Graph& graph, const std::vector<ir::ValueId>& ids) {
  std::vector<std::string> names;
  for (ir::ValueId id : ids) names.push_back(graph.value(id).name);
  return names;
}

TEST(GraphDefImporterTest, ResNet20KeepsTfNamesOpsAndAttributes) {
  ir::Model model = Load("examples/resnet20_cifar10.pb");
  const ir::Graph& graph = model.graph;
  EXPECT_EQ(graph.nodes().size(), 272u);
  EXPECT_EQ(model.info.format, "TensorFlow GraphDef (binary)");
  ASSERT_THAT(ValueNames(graph, graph.inputs()), ElementsAre("net_input"));
  const ir::Value& input = graph.value(graph.inputs()[0]);
  EXPECT_EQ(input.dtype, ir::DType::kFloat32);
  EXPECT_EQ(input.shape.ToString(), "[?,32,32,3]");
  EXPECT_THAT(ValueNames(graph, graph.outputs()), ElementsAre("net_output"));

  auto conv_id = graph.FindNode("conv1/Conv2D");
  ASSERT_TRUE(conv_id);
  const ir::Node& conv = graph.node(*conv_id);
  EXPECT_EQ(conv.op_type, "Conv2D");
  ASSERT_NE(conv.FindAttr("strides"), nullptr);
  EXPECT_THAT(conv.FindAttr("strides")->Get<std::vector<int64_t>>(), ElementsAre(1, 1, 1, 1));
  EXPECT_EQ(conv.FindAttr("padding")->Get<std::string>(), "SAME");
  EXPECT_EQ(conv.FindAttr("T")->Get<ir::DType>(), ir::DType::kFloat32);
  // The filter arrives through the frozen variable's Identity read of a Const.
  ASSERT_EQ(conv.inputs.size(), 2u);
  const ir::Value& filter_read = graph.value(conv.inputs[1]);
  EXPECT_EQ(filter_read.name, "conv1/kernel/read");
  const ir::Node& identity = graph.node(filter_read.producer);
  EXPECT_EQ(identity.op_type, "Identity");
  const ir::Value& kernel = graph.value(identity.inputs[0]);
  ASSERT_TRUE(kernel.constant);
  EXPECT_THAT(kernel.constant->sizes(), ElementsAre(3, 3, 3, 16));
  EXPECT_EQ(kernel.shape.ToString(), "[3,3,3,16]");
}

TEST(GraphDefImporterTest, OutputIndicesBecomeValues) {
  auto graph = ImportText(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node { name: "split" op: "Split" input: "x" }
    node { name: "y" op: "Add" input: "split:2" input: "split" }
  )pb");
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  const ir::Node& split = graph->node(*graph->FindNode("split"));
  EXPECT_THAT(ValueNames(*graph, split.outputs), ElementsAre("split", "split:1", "split:2"));
  const ir::Node& y = graph->node(*graph->FindNode("y"));
  EXPECT_THAT(ValueNames(*graph, y.inputs), ElementsAre("split:2", "split"));
  EXPECT_EQ(graph->value(y.inputs[0]).output_index, 2);
}

TEST(GraphDefImporterTest, ControlInputWithAnOutputIndexNamesTheNode) {
  auto graph = ImportText(R"pb(
    node { name: "a" op: "Split" }
    node { name: "b" op: "NoOp" input: "^a:1" }
  )pb");
  ASSERT_TRUE(graph.ok()) << graph.status().ToString();
  EXPECT_THAT(graph->node(1).control_inputs, ElementsAre("a"));
}

TEST(GraphDefImporterTest, ControlInputsAndDevicesAreKept) {
  ir::Model model = Load("examples/graphs/control_edges.pbtxt");
  int control_edges = 0, with_device = 0;
  for (const ir::Node& node : model.graph.nodes()) {
    control_edges += static_cast<int>(node.control_inputs.size());
    with_device += !node.device.empty();
  }
  EXPECT_EQ(control_edges, 3);
  EXPECT_EQ(with_device, 4);
  // check_input is consumed only through a control edge: not an output (spec 4.4).
  EXPECT_THAT(ValueNames(model.graph, model.graph.outputs()), ElementsAre("output"));
}

TEST(GraphDefImporterTest, SplattedConstantsRepeatTheirLastValue) {
  ir::Model model = Load("examples/graphs/multi_io.pbtxt");
  const ir::Value& gain = model.graph.value(*model.graph.FindValue("gain"));
  ASSERT_TRUE(gain.constant);
  EXPECT_EQ(gain.constant->At<float>(0), 2.0f);
  EXPECT_EQ(gain.constant->At<float>(1), 0.5f);
  EXPECT_EQ(gain.constant->At<float>(2), 0.5f);
  const ir::Value& paddings = model.graph.value(*model.graph.FindValue("paddings"));
  std::vector<int32_t> values;
  for (int i = 0; i < 8; ++i) values.push_back(paddings.constant->At<int32_t>(i));
  EXPECT_THAT(values, ElementsAre(0, 0, 1, 1, 1, 1, 0, 0));
}

TEST(GraphDefImporterTest, InputsOfSeveralDTypes) {
  ir::Model model = Load("examples/graphs/multi_io.pbtxt");
  const ir::Graph& graph = model.graph;
  ASSERT_THAT(ValueNames(graph, graph.inputs()), ElementsAre("image", "ids", "label", "scale"));
  EXPECT_EQ(graph.value(graph.inputs()[1]).dtype, ir::DType::kInt32);
  EXPECT_EQ(graph.value(graph.inputs()[1]).shape.ToString(), "[?]");
  EXPECT_EQ(graph.value(graph.inputs()[2]).dtype, ir::DType::kString);
  EXPECT_EQ(graph.value(graph.inputs()[2]).shape.ToString(), "[]");
  EXPECT_FALSE(graph.value(graph.inputs()[3]).shape.rank_known());
}

TEST(GraphDefImporterTest, FunctionLibraryBodiesAreImported) {
  ir::Model model = Load("examples/graphs/function_library.pb");
  ASSERT_EQ(model.graph.functions().size(), 2u);
  const ir::Function& square = *model.graph.functions()[0];
  EXPECT_EQ(square.name, "square_plus_one");
  std::vector<std::string> ops;
  for (const ir::Node& node : square.body.nodes()) ops.push_back(node.op_type);
  EXPECT_THAT(ops, ElementsAre("Mul", "Const", "AddV2"));
  EXPECT_THAT(ValueNames(square.body, square.body.inputs()), ElementsAre("a"));
  EXPECT_THAT(ValueNames(square.body, square.body.outputs()), ElementsAre("add:z:0"));
  auto call_id = model.graph.FindNode("call");
  ASSERT_TRUE(call_id);
  const ir::Node& call = model.graph.node(*call_id);
  EXPECT_EQ(call.op_type, "StatefulPartitionedCall");
  EXPECT_EQ(call.FindAttr("f")->Get<ir::FunctionRef>().name, "square_plus_one");
}

TEST(GraphDefImporterTest, BadConstErrorNamesFileNodeAndOp) {
  std::string path = ScratchDir() + "/bad_const.pbtxt";
  WriteTextFile(path, R"pb(
    node {
      name: "weights"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 4 } }
            tensor_content: "\000\000\000\000"
          }
        }
      }
    }
  )pb");
  EXPECT_EQ(LoadModel(path).status().message(),
            path +
                ": node 'weights' (Const): attr 'value': tensor_content has 4 bytes but "
                "shape [4] of float32 needs 16");
}

TEST(GraphDefImporterTest, NegativeDimInShapeAttrIsAnError) {
  auto graph = ImportText(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "shape"
        value { shape { dim { size: -7 } } }
      }
    }
  )pb");
  EXPECT_EQ(graph.status().message(),
            "node 'x' (Placeholder): attr 'shape': shape has negative dimension -7");
}

TEST(GraphDefImporterTest, UnknownDTypeInAttrIsAnError) {
  tfproto::GraphDef graph_def;
  auto* node = graph_def.add_node();
  node->set_name("x");
  node->set_op("Placeholder");
  (*node->mutable_attr())["dtype"].set_type(static_cast<tfproto::DataType>(61));
  EXPECT_EQ(ImportGraphDef(std::move(graph_def)).status().message(),
            "node 'x' (Placeholder): attr 'dtype': unknown dtype enum value 61");
}

TEST(GraphDefImporterTest, DanglingInputIsReportedByTheVerifier) {
  std::string path = ScratchDir() + "/dangling.pbtxt";
  WriteTextFile(path, "node { name: 'y' op: 'Relu' input: 'ghost:1' }\n");
  EXPECT_EQ(LoadModel(path).status().message(),
            path + ": node 'y' (Relu): input 'ghost:1' refers to a node that does not exist");
}

TEST(GraphDefImporterTest, CycleIsReportedByTheVerifier) {
  std::string path = ScratchDir() + "/cycle.pbtxt";
  WriteTextFile(path,
                "node { name: 'a' op: 'Relu' input: 'b' }\n"
                "node { name: 'b' op: 'Relu' input: 'a' }\n");
  EXPECT_THAT(LoadModel(path).status().message(), HasSubstr("is on a cycle"));
}

TEST(GraphDefImporterTest, MalformedInputStringIsAnError) {
  auto graph = ImportText("node { name: 'y' op: 'Relu' input: 'x:abc' }");
  EXPECT_EQ(graph.status().message(), "node 'y' (Relu): malformed input 'x:abc'");
}

TEST(GraphDefImporterTest, ParsesTfInputStrings) {
  TfInputRef ref;
  ASSERT_TRUE(ParseTfInput("^init", &ref));
  EXPECT_TRUE(ref.is_control);
  EXPECT_EQ(ref.node, "init");
  ASSERT_TRUE(ParseTfInput("block/conv:3", &ref));
  EXPECT_EQ(ref.node, "block/conv");
  EXPECT_EQ(ref.index, 3);
  EXPECT_FALSE(ParseTfInput(":1", &ref));
  EXPECT_FALSE(ParseTfInput("x:-1", &ref));
  EXPECT_EQ(TfNodeNameFromInput("^a:1"), "a");
  EXPECT_EQ(TfNodeNameFromInput("f:out:0"), "f");
}

}  // namespace
}  // namespace mb::importers::tf
