// The fuzz_verifier finding, as the clean error it must now produce.
#include "ir/verifier.h"

#include <gtest/gtest.h>

#include "ir/topological_order.h"

namespace mb::ir {
namespace {

// tests/regressions/verifier/producer_out_of_range: a value whose producer id names no node,
// consumed by a node. TopologicalOrder (run by VerifyGraph) indexed its per-node tables with
// the bogus id: a heap-buffer-overflow.
TEST(FuzzVerifierRegressionTest, ProducerOutOfRangeIsAnError) {
  Graph graph;
  Node node;
  node.name = "consumer";
  node.op_type = "Add";
  Value value;
  value.name = "v";
  value.producer = 7;  // only node 0 exists
  node.inputs.push_back(graph.AddValue(std::move(value)));
  graph.AddNode(std::move(node));
  const Status status = VerifyGraph(graph);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("producer node that does not exist"), std::string::npos)
      << status.message();
  EXPECT_FALSE(TopologicalOrder(graph).ok());
}

TEST(FuzzVerifierRegressionTest, InputIdOutOfRangeIsAnErrorOfTopologicalOrder) {
  Graph graph;
  Node node;
  node.name = "consumer";
  node.op_type = "Add";
  node.inputs = {3, -4};  // no values at all
  graph.AddNode(std::move(node));
  EXPECT_FALSE(TopologicalOrder(graph).ok());
  EXPECT_FALSE(VerifyGraph(graph).ok());
}

}  // namespace
}  // namespace mb::ir
