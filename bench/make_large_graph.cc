// Writes a large frozen GraphDef for the summarize speed benchmark: a chain of conv blocks
// (Const kernel -> Identity read -> Conv2D -> BiasAdd -> Relu), with kernels sized so the
// file reaches the requested size. Usage: make_large_graph OUT.pb SIZE_MB [CHANNELS=128]
// Few channels make a graph of many small nodes; many channels, one of few large tensors.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "graph.pb.h"

namespace {

namespace tfp = ::mb::tfproto;

tfp::NodeDef* AddNode(tfp::GraphDef* graph, const std::string& op, const std::string& name,
                      std::initializer_list<std::string> inputs) {
  tfp::NodeDef* node = graph->add_node();
  node->set_op(op);
  node->set_name(name);
  for (const std::string& input : inputs) node->add_input(input);
  (*node->mutable_attr())["T"].set_type(tfp::DT_FLOAT);
  return node;
}

void AddConst(tfp::GraphDef* graph, const std::string& name, std::initializer_list<int64_t> dims,
              int64_t elements) {
  tfp::NodeDef* node = graph->add_node();
  node->set_op("Const");
  node->set_name(name);
  (*node->mutable_attr())["dtype"].set_type(tfp::DT_FLOAT);
  tfp::TensorProto* tensor = (*node->mutable_attr())["value"].mutable_tensor();
  tensor->set_dtype(tfp::DT_FLOAT);
  for (int64_t d : dims) tensor->mutable_tensor_shape()->add_dim()->set_size(d);
  std::string content(static_cast<size_t>(elements) * 4, '\0');
  for (size_t i = 0; i < content.size(); i += 4) content[i + 2] = static_cast<char>(i * 7);
  tensor->set_tensor_content(std::move(content));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: %s OUT.pb SIZE_MB [CHANNELS]\n", argv[0]);
    return 2;
  }
  const int64_t target_bytes = std::atoll(argv[2]) * 1000 * 1000;
  const int64_t kChannels = argc == 4 ? std::atoll(argv[3]) : 128;
  const int64_t kKernelElements = 3 * 3 * kChannels * kChannels;
  tfp::GraphDef graph;
  graph.mutable_versions()->set_producer(27);
  tfp::NodeDef* input = graph.add_node();
  input->set_op("Placeholder");
  input->set_name("input");
  (*input->mutable_attr())["dtype"].set_type(tfp::DT_FLOAT);
  auto* shape = (*input->mutable_attr())["shape"].mutable_shape();
  for (int64_t d : {int64_t{-1}, int64_t{56}, int64_t{56}, kChannels}) {
    shape->add_dim()->set_size(d);
  }
  std::string previous = "input";
  int64_t bytes = 0;
  for (int block = 0; bytes < target_bytes; ++block) {
    const std::string scope = "block" + std::to_string(block) + "/";
    AddConst(&graph, scope + "kernel", {3, 3, kChannels, kChannels}, kKernelElements);
    AddNode(&graph, "Identity", scope + "kernel/read", {scope + "kernel"});
    tfp::NodeDef* conv =
        AddNode(&graph, "Conv2D", scope + "Conv2D", {previous, scope + "kernel/read"});
    (*conv->mutable_attr())["padding"].set_s("SAME");
    for (int s : {1, 1, 1, 1}) (*conv->mutable_attr())["strides"].mutable_list()->add_i(s);
    AddConst(&graph, scope + "bias", {kChannels}, kChannels);
    AddNode(&graph, "BiasAdd", scope + "BiasAdd", {scope + "Conv2D", scope + "bias"});
    AddNode(&graph, "Relu", scope + "Relu", {scope + "BiasAdd"});
    previous = scope + "Relu";
    bytes += (kKernelElements + kChannels) * 4;
  }
  std::ofstream out(argv[1], std::ios::binary);
  if (!graph.SerializeToOstream(&out)) {
    std::fprintf(stderr, "cannot write %s\n", argv[1]);
    return 1;
  }
  std::printf("%s: %d nodes\n", argv[1], graph.node_size());
  return 0;
}
