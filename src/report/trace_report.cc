#include "report/trace_report.h"

#include <algorithm>

#include "report/json_writer.h"

namespace mb::report {
namespace {

// The trace's one process and thread; the engine runs a model's steps on one thread (kernels
// may fan out internally, but steps never overlap).
constexpr int kPid = 1;
constexpr int kTid = 1;

// Nanoseconds to the format's microseconds. Integer nanoseconds in, so times computed from
// monotonic integer sums stay monotonic.
double Micros(int64_t ns) { return static_cast<double>(ns) / 1e3; }

void MetadataEvent(JsonWriter& json, const char* name, int tid, const std::string& value) {
  json.BeginObject();
  json.Key("name").String(name);
  json.Key("ph").String("M");
  json.Key("pid").Int(kPid);
  json.Key("tid").Int(tid);
  json.Key("args").BeginObject().Key("name").String(value).EndObject();
  json.EndObject();
}

}  // namespace

StatusOr<std::string> ChromeTraceJson(const TraceInput& input) {
  for (size_t r = 0; r < input.runs.size(); ++r) {
    if (input.runs[r].step_ns.size() != input.steps.size()) {
      return InvalidArgumentError("trace: run " + std::to_string(r) + " has " +
                                  std::to_string(input.runs[r].step_ns.size()) +
                                  " step times for " + std::to_string(input.steps.size()) +
                                  " steps");
    }
  }
  JsonWriter json;
  json.BeginObject();
  json.Key("traceEvents").BeginArray();
  MetadataEvent(json, "process_name", kTid, input.process_name);
  MetadataEvent(json, "thread_name", kTid, "steps");

  int64_t previous_end_ns = 0;
  for (size_t r = 0; r < input.runs.size(); ++r) {
    const TraceRun& run = input.runs[r];
    // Negative durations (a clock that stepped back) are drawn as 0; a run starts no earlier
    // than the previous one ended, so events on the thread never overlap.
    int64_t run_ns = 0;
    for (int64_t ns : run.step_ns) run_ns += std::max<int64_t>(ns, 0);
    int64_t t = std::max(run.start_ns, previous_end_ns);
    // The run's own event first: at equal timestamps viewers nest later events in earlier ones.
    json.BeginObject();
    json.Key("name").String("run " + std::to_string(r + 1));
    json.Key("cat").String("run");
    json.Key("ph").String("X");
    json.Key("ts").Double(Micros(t));
    json.Key("dur").Double(Micros(run_ns));
    json.Key("pid").Int(kPid);
    json.Key("tid").Int(kTid);
    json.Key("args").BeginObject().Key("run").Int(static_cast<int64_t>(r) + 1).EndObject();
    json.EndObject();
    for (size_t s = 0; s < input.steps.size(); ++s) {
      const TraceStep& step = input.steps[s];
      const int64_t dur = std::max<int64_t>(run.step_ns[s], 0);
      json.BeginObject();
      json.Key("name").String(step.name);
      json.Key("cat").String(step.op_type);
      json.Key("ph").String("X");
      json.Key("ts").Double(Micros(t));
      json.Key("dur").Double(Micros(dur));
      json.Key("pid").Int(kPid);
      json.Key("tid").Int(kTid);
      json.Key("args").BeginObject();
      json.Key("op_type").String(step.op_type);
      json.Key("output_shape").String(step.output_shape);
      if (step.flops >= 0) json.Key("flops").Int(step.flops);
      json.Key("step").Int(static_cast<int64_t>(s));
      json.Key("run").Int(static_cast<int64_t>(r) + 1);
      json.EndObject();
      json.EndObject();
      t += dur;
    }
    previous_end_ns = t;
  }
  json.EndArray();
  json.Key("displayTimeUnit").String("ms");
  json.Key("otherData").BeginObject();
  json.Key("schema").String(kTraceSchema);
  json.Key("model").String(input.model);
  json.Key("num_threads").Int(input.num_threads);
  json.Key("runs").Int(static_cast<int64_t>(input.runs.size()));
  json.Key("steps").Int(static_cast<int64_t>(input.steps.size()));
  json.EndObject();
  json.EndObject();
  return json.str();
}

}  // namespace mb::report
