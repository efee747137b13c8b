// libFuzzer harness, structure-aware: the fuzz bytes build an arbitrary ir::Graph structure
// (duplicate and empty names, dangling and out-of-range value ids, producers that do not
// exist or do not list the value, cycles with and without loop back edges, kNoValue inputs,
// control inputs naming missing nodes, graph inputs out of range) and ir::VerifyGraph and
// ir::TopologicalOrder run over it. Both must end in a clean error or a result, never a
// crash or hang. When the verifier accepts a graph, TopologicalOrder must succeed and return
// every node once with producers first.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "ir/topological_order.h"
#include "ir/verifier.h"

namespace {

constexpr const char* kNames[] = {"a", "b", "c", "d", "", "a:0", "^a", "e"};
constexpr const char* kOpTypes[] = {"Add",      "Merge", "NextIteration", "RefNextIteration",
                                    "Identity", "Loop"};

// "n<i>". (Built with += : GCC 12 warns falsely, -Wrestrict, on "n" + std::to_string(i).)
std::string NodeName(int i) {
  std::string name = "n";
  name += std::to_string(i);
  return name;
}

// A value id: usually a real one, sometimes kNoValue or out of range.
mb::ir::ValueId PickValueId(FuzzedDataProvider& in, int num_values) {
  switch (in.ConsumeIntegralInRange(0, 9)) {
    case 0:
      return mb::ir::kNoValue;
    case 1:
      return in.ConsumeIntegralInRange(-3, num_values + 3);
    default:
      return num_values == 0 ? mb::ir::kNoValue : in.ConsumeIntegralInRange(0, num_values - 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  mb::ir::Graph graph;
  const int num_nodes = in.ConsumeIntegralInRange(0, 8);
  const int num_values = in.ConsumeIntegralInRange(0, 12);
  for (int n = 0; n < num_nodes; ++n) {
    mb::ir::Node node;
    node.name = in.ConsumeBool() ? in.PickValueInArray(kNames) : NodeName(n);
    node.op_type = in.PickValueInArray(kOpTypes);
    graph.AddNode(std::move(node));
  }
  for (int v = 0; v < num_values; ++v) {
    mb::ir::Value value;
    value.name = "v";
    value.name += std::to_string(v);
    const int kind = in.ConsumeIntegralInRange(0, 9);
    if (kind == 0) {
      value.producer = in.ConsumeIntegralInRange(-3, num_nodes + 3);  // possibly bogus
    } else if (kind <= 6 && num_nodes > 0) {
      value.producer = in.ConsumeIntegralInRange(0, num_nodes - 1);
    }
    if (value.producer >= 0 && value.producer < num_nodes && in.ConsumeIntegralInRange(0, 7)) {
      // The usual case: the producer lists it as an output.
      auto& outputs = graph.node(value.producer).outputs;
      value.output_index = static_cast<int>(outputs.size());
      outputs.push_back(v);
    } else {
      value.output_index = in.ConsumeIntegralInRange(-1, 3);
    }
    if (value.producer == mb::ir::kNoNode && in.ConsumeBool()) {
      auto tensor = mb::ir::Tensor::FromBytes(mb::ir::DType::kFloat32, {}, std::string(4, '\0'));
      value.constant = std::make_shared<const mb::ir::Tensor>(std::move(tensor).value());
    }
    graph.AddValue(std::move(value));
  }
  for (int n = 0; n < num_nodes; ++n) {
    mb::ir::Node& node = graph.node(n);
    const int num_inputs = in.ConsumeIntegralInRange(0, 4);
    for (int k = 0; k < num_inputs; ++k) node.inputs.push_back(PickValueId(in, num_values));
    if (in.ConsumeIntegralInRange(0, 7) == 0) {
      node.outputs.push_back(PickValueId(in, num_values));  // not necessarily produced by it
    }
    const int num_controls =
        in.ConsumeIntegralInRange(0, 7) == 0 ? in.ConsumeIntegralInRange(1, 3) : 0;
    for (int k = 0; k < num_controls; ++k) {
      node.control_inputs.push_back(in.ConsumeBool() ? in.PickValueInArray(kNames)
                                                     : NodeName(in.ConsumeIntegralInRange(0, 9)));
    }
  }
  const int num_graph_inputs = in.ConsumeIntegralInRange(0, 3);
  for (int k = 0; k < num_graph_inputs; ++k) {
    graph.inputs().push_back(PickValueId(in, num_values));
  }
  const int num_graph_outputs = in.ConsumeIntegralInRange(0, 3);
  for (int k = 0; k < num_graph_outputs; ++k) {
    graph.outputs().push_back(PickValueId(in, num_values));
  }

  mb::ir::VerifyOptions options;
  if (in.ConsumeBool()) options.loop_back_edge_op_types.clear();
  const mb::Status verified = mb::ir::VerifyGraph(graph, options);
  if (verified.ok() || in.ConsumeBool()) {
    // TopologicalOrder is also called directly (shape inference, the runtime) on graphs an
    // importer built, so it must not crash on a broken one either.
    auto order = mb::ir::TopologicalOrder(graph, options.loop_back_edge_op_types);
    if (verified.ok()) {
      if (!order.ok() || order->size() != graph.nodes().size()) std::abort();
      std::vector<int> position(graph.nodes().size(), -1);
      for (size_t i = 0; i < order->size(); ++i) {
        const mb::ir::NodeId id = (*order)[i];
        if (id < 0 || id >= num_nodes || position[id] != -1) std::abort();
        position[id] = static_cast<int>(i);
      }
      const auto& back = options.loop_back_edge_op_types;
      for (mb::ir::NodeId id = 0; id < num_nodes; ++id) {
        for (mb::ir::ValueId input : graph.node(id).inputs) {
          if (input == mb::ir::kNoValue) continue;
          const mb::ir::NodeId producer = graph.value(input).producer;
          if (producer == mb::ir::kNoNode ||
              std::find(back.begin(), back.end(), graph.node(producer).op_type) != back.end()) {
            continue;
          }
          if (position[producer] >= position[id]) std::abort();  // consumer before producer
        }
      }
    }
  }
  return 0;
}
