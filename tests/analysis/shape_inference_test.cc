// Shape inference and constant folding on small TF graphs whose shapes are worked out by hand.
#include "analysis/shape_inference.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include <cstring>

#include "importers/tensorflow/graphdef_importer.h"
#include "runtime/session.h"
#include "tests/testing/tensor_matchers.h"

namespace mb {
namespace {

using ::testing::ElementsAre;

ir::Graph Import(const std::string& text) {
  tfproto::GraphDef graph_def;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph_def));
  auto graph = importers::tf::ImportGraphDef(std::move(graph_def));
  EXPECT_TRUE(graph.ok()) << graph.status().ToString();
  return std::move(graph).value();
}

// reshape(x, concat([shape(x)[0:1], [-1]])): the classic "flatten all but the batch" shape
// subgraph. With x fed as [2, 3, 4] the target shape folds to [2, -1] and the output is [2, 12].
constexpr const char* kFlatten = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value {
        shape {
          dim { size: -1 }
          dim { size: 3 }
          dim { size: 4 }
        }
      }
    }
  }
  node {
    name: "shape"
    op: "Shape"
    input: "x"
    attr {
      key: "out_type"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "begin"
    op: "Const"
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape { dim { size: 1 } }
          int_val: 0
        }
      }
    }
  }
  node {
    name: "end"
    op: "Const"
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape { dim { size: 1 } }
          int_val: 1
        }
      }
    }
  }
  node {
    name: "strides"
    op: "Const"
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape { dim { size: 1 } }
          int_val: 1
        }
      }
    }
  }
  node {
    name: "batch"
    op: "StridedSlice"
    input: "shape"
    input: "begin"
    input: "end"
    input: "strides"
  }
  node {
    name: "minus_one"
    op: "Const"
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape { dim { size: 1 } }
          int_val: -1
        }
      }
    }
  }
  node {
    name: "axis"
    op: "Const"
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape {}
          int_val: 0
        }
      }
    }
  }
  node { name: "target" op: "ConcatV2" input: "batch" input: "minus_one" input: "axis" }
  node { name: "flat" op: "Reshape" input: "x" input: "target" }
)pb";

TEST(ShapeInferenceTest, FoldsAShapeSubgraph) {
  ir::Graph graph = Import(kFlatten);
  analysis::ShapeInferenceOptions options;
  options.input_shapes["x"] = ir::Shape::Static({2, 3, 4});
  ASSERT_TRUE(analysis::InferShapes(&graph, options).ok());
  const ir::Value& target = graph.value(*graph.FindValue("target"));
  ASSERT_TRUE(target.constant);
  EXPECT_EQ(target.constant->At<int32_t>(0), 2);
  EXPECT_EQ(target.constant->At<int32_t>(1), -1);
  EXPECT_EQ(graph.value(*graph.FindValue("flat")).shape.ToString(), "[2,12]");
  EXPECT_TRUE(analysis::IsFolded(graph, graph.node(*graph.FindNode("batch"))));
  EXPECT_FALSE(analysis::IsFolded(graph, graph.node(*graph.FindNode("flat"))));
}

TEST(ShapeInferenceTest, UnknownBatchLeavesTheShapeUnknownWithoutError) {
  ir::Graph graph = Import(kFlatten);
  ASSERT_TRUE(analysis::InferShapes(&graph).ok());
  EXPECT_FALSE(graph.value(*graph.FindValue("target")).constant);
}

TEST(ShapeInferenceTest, OnlyTheReshapeRuns) {
  ir::Model model;
  model.graph = Import(kFlatten);
  auto session = runtime::Session::Create(std::move(model));
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE((*session)->Prepare({{"x", ir::DType::kFloat32, {2, 3, 4}}}, {"flat"}).ok());
  ASSERT_EQ((*session)->steps().size(), 1u);
  for (int i = 0; i < 24; ++i) (*session)->input(0).As<float>()[i] = static_cast<float>(i);
  ASSERT_TRUE((*session)->Run().ok());
  EXPECT_THAT((*session)->output(0).sizes, ElementsAre(2, 12));
  EXPECT_EQ((*session)->output(0).As<float>()[13], 13.0f);
}

TEST(ShapeInferenceTest, ShapeErrorsNameTheNode) {
  ir::Graph graph = Import(R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
      attr {
        key: "shape"
        value {
          shape {
            dim { size: 2 }
            dim { size: 3 }
          }
        }
      }
    }
    node {
      name: "y"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
      attr {
        key: "shape"
        value { shape { dim { size: 4 } } }
      }
    }
    node { name: "sum" op: "AddV2" input: "x" input: "y" }
  )pb");
  Status status = analysis::InferShapes(&graph);
  EXPECT_EQ(status.message(), "node 'sum' (AddV2): shapes [2,3] and [4] do not broadcast");
}

// _FusedConv2D with fused_ops [FusedBatchNorm, Relu] folds the batch norm into the filter and
// bias at import; it must compute what Conv2D -> FusedBatchNormV3 -> Relu computes.
TEST(ShapeInferenceTest, FusedBatchNormFoldingMatchesTheUnfusedGraph) {
  const std::string constants = R"pb(
    node {
      name: "x"
      op: "Placeholder"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
    }
    node {
      name: "w"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape {
              dim { size: 2 }
              dim { size: 2 }
              dim { size: 1 }
              dim { size: 2 }
            }
            float_val: 0.5
            float_val: -1
            float_val: 2
            float_val: 0.25
            float_val: -0.5
            float_val: 1
            float_val: 1.5
            float_val: -2
          }
        }
      }
    }
    node {
      name: "gamma"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } }
            float_val: 1.5
            float_val: 0.5
          }
        }
      }
    }
    node {
      name: "beta"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } }
            float_val: 0.1
            float_val: -0.2
          }
        }
      }
    }
    node {
      name: "mean"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } }
            float_val: 0.3
            float_val: -0.4
          }
        }
      }
    }
    node {
      name: "var"
      op: "Const"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } }
            float_val: 2
            float_val: 0.5
          }
        }
      }
    }
  )pb";
  const std::string conv_attrs = R"pb(
    attr {
      key: "padding"
      value { s: "SAME" }
    }
    attr {
      key: "strides"
      value { list { i: 1 i: 1 i: 1 i: 1 } }
    }
    attr {
      key: "epsilon"
      value { f: 0.001 }
    }
  )pb";
  const std::string fused =
      constants + R"pb(
        node { name: "y" op: "_FusedConv2D" input: "x" input: "w" input: "gamma" input: "beta"
               input: "mean"
               input: "var"
               attr {
                 key: "fused_ops"
                 value { list { s: "FusedBatchNorm" s: "Relu" } }
               }
               attr {
                 key: "num_args"
                 value { i: 4 }
               })pb" +
      conv_attrs + "}";
  const std::string unfused = constants + R"pb(
                                node { name: "conv" op: "Conv2D" input: "x" input: "w")pb" +
                              conv_attrs + R"pb(}
                                                node { name: "bn" op: "FusedBatchNormV3" input: "conv" input: "gamma" input: "beta"
           input: "mean" input: "var" attr { key: "epsilon" value { f: 0.001 } }
           attr { key: "is_training" value { b: false } } }
    node { name: "y" op: "Relu" input: "bn" }
  )pb";
  std::vector<std::vector<float>> results;
  for (const std::string& text : {fused, unfused}) {
    ir::Model model;
    model.graph = Import(text);
    auto session = runtime::Session::Create(std::move(model));
    ASSERT_TRUE(session.ok());
    Status prepared = (*session)->Prepare({{"x", ir::DType::kFloat32, {1, 3, 3, 1}}}, {"y"});
    ASSERT_TRUE(prepared.ok()) << prepared.ToString();
    for (int i = 0; i < 9; ++i)
      (*session)->input(0).As<float>()[i] = 0.1f * static_cast<float>(i) - 0.3f;
    ASSERT_TRUE((*session)->Run().ok());
    const ops::TensorView& y = (*session)->output(0);
    results.emplace_back(y.As<float>(), y.As<float>() + y.num_elements());
  }
  ASSERT_EQ(results[0].size(), 18u);
  EXPECT_TRUE(testing::AllClose(results[0].data(), results[1].data(), 18, 1e-5, 1e-6));
}

}  // namespace
}  // namespace mb
