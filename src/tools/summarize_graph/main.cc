// summarize_graph: a drop-in for TensorFlow's tool of the same name.
#include <iostream>

#include "tools/summarize_graph/summarize_graph.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return mb::tools::SummarizeGraphMain(argc, argv, {std::cout, std::cerr});
}
