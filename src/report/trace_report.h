// Chrome trace-event JSON of profiled runs, for Perfetto (ui.perfetto.dev) and
// chrome://tracing. The layout is the trace-event "JSON Object Format":
//
//   {"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}
//
// with, per run, one complete event ("ph": "X", cat "run") spanning the run and, nested in
// it on the same thread, one complete event per executed step (name = node name, cat = op
// type, args = op type, output shape, FLOPs). Steps are laid end to end from their run's
// start: the engine runs them one after another on one thread, and only each step's own
// duration is measured. Times are in microseconds (fractions keep nanoseconds). Metadata
// events ("ph": "M") name the process and the thread. docs/report_formats.md documents it.
#ifndef MODELBENCH_REPORT_TRACE_REPORT_H_
#define MODELBENCH_REPORT_TRACE_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace mb::report {

inline constexpr const char* kTraceSchema = "modelbench.trace/1";

// One executed step (node) of the model, in execution order.
struct TraceStep {
  std::string name;          // the node's name
  std::string op_type;       // as in the model file
  std::string output_shape;  // of output 0, e.g. "[1,32,32,16]"; may be empty
  int64_t flops = -1;        // the node's FLOPs; < 0 when not known (not written)
};

// One profiled run.
struct TraceRun {
  int64_t start_ns = 0;          // from the first run's start; clamped so runs never overlap
  std::vector<int64_t> step_ns;  // one duration per step, in step order
};

struct TraceInput {
  std::string process_name;  // e.g. "modelbench benchmark resnet20_cifar10.pb"
  std::string model;         // the model path, copied into otherData
  int num_threads = 1;
  std::vector<TraceStep> steps;
  std::vector<TraceRun> runs;
};

// The trace document; an error if a run's step count differs from steps.size().
StatusOr<std::string> ChromeTraceJson(const TraceInput& input);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_TRACE_REPORT_H_
