// The drop-in replacement for TensorFlow's summarize_graph
// (tensorflow/tools/graph_transforms/summarize_graph_main.cc): same flags, same lines, same
// wording, order and number formatting (shared/spec/tf-tools.md section 4), quirks included,
// because scripts parse this output.
#ifndef MODELBENCH_TOOLS_SUMMARIZE_GRAPH_SUMMARIZE_GRAPH_H_
#define MODELBENCH_TOOLS_SUMMARIZE_GRAPH_SUMMARIZE_GRAPH_H_

#include <cstdint>
#include <ostream>

namespace mb::tools {

struct SummarizeGraphIo {
  std::ostream& out;               // the summary (TF: std::cout)
  std::ostream& log;               // TF's LOG(...) lines (TF: stderr)
  int64_t fixed_log_time_us = -1;  // for tests: a fixed log timestamp
};

// Runs the tool; returns the process exit status (0, or 255 for TF's `return -1`).
int SummarizeGraphMain(int argc, char** argv, const SummarizeGraphIo& io);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_SUMMARIZE_GRAPH_SUMMARIZE_GRAPH_H_
