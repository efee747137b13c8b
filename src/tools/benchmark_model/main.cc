// benchmark_model: a drop-in for TensorFlow's tool of the same name.
#include <iostream>

#include "tools/benchmark_model/benchmark_model.h"

int main(int argc, char** argv) { return mb::tools::BenchmarkModelMain(argc, argv, {std::cerr}); }
