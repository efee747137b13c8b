// The drop-in replacement for TensorFlow's benchmark_model (tensorflow/tools/benchmark):
// the same flags with the same syntax and defaults, the same three timing passes (warm-up,
// no stats, with stats), the same log lines on stderr, TF's per-node tables and its FLOPs
// estimate (shared/spec/tf-tools.md sections 1-3), running on modelbench's engine.
#ifndef MODELBENCH_TOOLS_BENCHMARK_MODEL_BENCHMARK_MODEL_H_
#define MODELBENCH_TOOLS_BENCHMARK_MODEL_BENCHMARK_MODEL_H_

#include <cstdint>
#include <ostream>

namespace mb::tools {

struct BenchmarkModelIo {
  std::ostream& log;  // TF logs everything through LOG(INFO)/LOG(ERROR), i.e. stderr
  int64_t fixed_log_time_us = -1;
};

// Runs the tool; returns the exit status (0, or 255 for TF's `return -1`). Where TF's tool
// CHECK-fails (an invalid dtype or shape string), this logs the same message at severity F
// and aborts, as TF does.
int BenchmarkModelMain(int argc, char** argv, const BenchmarkModelIo& io);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_BENCHMARK_MODEL_BENCHMARK_MODEL_H_
