#include "ir/verifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mb::ir {
namespace {

using ::testing::HasSubstr;

// A tiny graph builder for the tests: nodes with one output named after the node.
class GraphMaker {
 public:
  ValueId Input(const std::string& name) {
    Node node{.name = name, .op_type = "Placeholder"};
    NodeId id = graph_.AddNode(node);
    ValueId value = Output(id);
    graph_.inputs().push_back(value);
    return value;
  }
  ValueId Op(const std::string& op, const std::string& name, std::vector<ValueId> inputs,
             std::vector<std::string> controls = {}) {
    Node node{.name = name, .op_type = op, .inputs = std::move(inputs)};
    node.control_inputs = std::move(controls);
    return Output(graph_.AddNode(node));
  }
  ValueId Dangling(const std::string& name) { return graph_.AddValue(Value{.name = name}); }
  // Creates a value for `node` before the node exists (to build cycles).
  ValueId Forward(const std::string& name, NodeId producer) {
    return graph_.AddValue(Value{.name = name, .producer = producer});
  }
  Graph& graph() { return graph_; }

 private:
  ValueId Output(NodeId id) {
    ValueId value = graph_.AddValue(Value{.name = graph_.node(id).name, .producer = id});
    graph_.node(id).outputs.push_back(value);
    return value;
  }
  Graph graph_;
};

TEST(VerifierTest, AcceptsAWellFormedGraph) {
  GraphMaker g;
  ValueId x = g.Input("x");
  ValueId r = g.Op("Relu", "relu", {x});
  g.Op("Add", "add", {x, r}, {"relu"});
  EXPECT_TRUE(VerifyGraph(g.graph()).ok());
}

TEST(VerifierTest, ReportsDanglingInputNamingTheNode) {
  GraphMaker g;
  ValueId x = g.Input("x");
  g.Op("Add", "add", {x, g.Dangling("missing:1")});
  Status status = VerifyGraph(g.graph());
  EXPECT_EQ(status.message(),
            "node 'add' (Add): input 'missing:1' refers to a node that does not exist");
}

TEST(VerifierTest, ReportsMissingControlInput) {
  GraphMaker g;
  g.Op("NoOp", "init", {}, {"w/Assign"});
  EXPECT_THAT(VerifyGraph(g.graph()).message(),
              HasSubstr("node 'init' (NoOp): control input '^w/Assign'"));
}

TEST(VerifierTest, ReportsDuplicateNames) {
  GraphMaker g;
  g.Input("x");
  g.Op("Relu", "x", {});
  EXPECT_THAT(VerifyGraph(g.graph()).message(), HasSubstr("node 'x' (Relu): duplicate node name"));
}

TEST(VerifierTest, ReportsACycleWithItsPath) {
  // a = Relu(b), b = Relu(a): each node's input is the other's output.
  GraphMaker g;
  Graph& graph = g.graph();
  NodeId a = graph.AddNode(Node{.name = "a", .op_type = "Relu"});
  NodeId b = graph.AddNode(Node{.name = "b", .op_type = "Relu"});
  ValueId a_out = g.Forward("a", a);
  ValueId b_out = g.Forward("b", b);
  graph.node(a).outputs = {a_out};
  graph.node(b).outputs = {b_out};
  graph.node(a).inputs = {b_out};
  graph.node(b).inputs = {a_out};
  Status status = VerifyGraph(graph);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("is on a cycle"));
  EXPECT_THAT(status.message(), HasSubstr("'a' -> 'b' -> 'a'"));
}

TEST(VerifierTest, AllowsTf1LoopBackEdgesThroughNextIteration) {
  // Enter -> Merge -> Relu -> NextIteration -> back into Merge: a TF1 while-loop frame.
  GraphMaker g;
  Graph& graph = g.graph();
  ValueId x = g.Input("x");
  ValueId enter = g.Op("Enter", "enter", {x});
  NodeId merge = graph.AddNode(Node{.name = "merge", .op_type = "Merge"});
  ValueId merge_out = g.Forward("merge", merge);
  graph.node(merge).outputs = {merge_out};
  ValueId body = g.Op("Relu", "body", {merge_out});
  ValueId next = g.Op("NextIteration", "next", {body});
  graph.node(merge).inputs = {enter, next};
  EXPECT_TRUE(VerifyGraph(graph).ok());
  // Without the loop rule the same graph is a cycle.
  EXPECT_FALSE(VerifyGraph(graph, VerifyOptions{.loop_back_edge_op_types = {}}).ok());
}

}  // namespace
}  // namespace mb::ir
