// Engine latency on one model: median latency unprofiled and with per-node profiling,
// interleaved round by round so machine noise hits both alike; the profiling overhead ratio;
// and achieved GFLOP/s (FLOPs from the ops' cost functions).
// Usage: engine_latency MODEL INPUT_NAME DIMS(1,32,32,3) THREADS [ROUNDS=7] [RUNS=200]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "base/strings.h"
#include "importers/importer.h"
#include "ops/op_def.h"
#include "runtime/session.h"

namespace {

using Clock = std::chrono::steady_clock;

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// Median per-run microseconds of `runs` runs.
double TimeRuns(mb::runtime::Session& session, int runs, mb::runtime::RunProfile* profile) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    mb::Status status = session.Run(profile);
    const auto end = Clock::now();
    if (!status.ok()) {
      std::fprintf(stderr, "run failed: %s\n", status.ToString().c_str());
      std::exit(1);
    }
    times.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  return Median(times);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s MODEL INPUT_NAME DIMS THREADS [ROUNDS] [RUNS]\n", argv[0]);
    return 2;
  }
  const int threads = std::atoi(argv[4]);
  const int rounds = argc > 5 ? std::atoi(argv[5]) : 7;
  const int runs = argc > 6 ? std::atoi(argv[6]) : 200;
  std::vector<int64_t> dims;
  for (const std::string& d : mb::Split(argv[3], ',')) dims.push_back(std::atoll(d.c_str()));

  auto model = mb::importers::LoadModel(argv[1]);
  if (!model.ok()) {
    std::fprintf(stderr, "error: %s\n", model.status().message().c_str());
    return 1;
  }
  auto session = mb::runtime::Session::Create(std::move(model).value(), {.num_threads = threads});
  mb::Status prepared = session.ok()
                            ? (*session)->Prepare({{argv[2], mb::ir::DType::kFloat32, dims}}, {})
                            : session.status();
  if (!prepared.ok()) {
    std::fprintf(stderr, "error: %s\n", prepared.message().c_str());
    return 1;
  }
  mb::runtime::Session& s = **session;

  // FLOPs of the executed nodes, from each op's cost function.
  int64_t flops = 0;
  for (const mb::runtime::Step& step : s.steps()) {
    const mb::ir::Node& node = s.graph().node(step.node);
    const mb::ops::OpDef& def = mb::ops::GetOpDef(node.kind);
    if (def.count_cost == nullptr) continue;
    std::vector<mb::ops::TensorType> operands, outputs;
    for (mb::ir::ValueId v : node.operands) {
      operands.push_back(v == mb::ir::kNoValue ? mb::ops::TensorType{}
                                               : mb::ops::TensorType{s.graph().value(v).dtype,
                                                                     s.graph().value(v).shape});
    }
    for (mb::ir::ValueId v : node.outputs) {
      outputs.push_back({s.graph().value(v).dtype, s.graph().value(v).shape});
    }
    flops += def.count_cost({node, mb::ops::Params(node.params), operands, outputs}).flops;
  }

  mb::runtime::RunProfile profile;
  TimeRuns(s, runs / 4 + 1, nullptr);  // warm up
  std::vector<double> plain, profiled;
  for (int r = 0; r < rounds; ++r) {
    plain.push_back(TimeRuns(s, runs, nullptr));
    profiled.push_back(TimeRuns(s, runs, &profile));
  }
  const double latency_us = Median(plain);
  const double profiled_us = Median(profiled);
  std::printf("model %s, %d thread(s), %zu steps, %.2f MFLOP per run\n", argv[1], threads,
              s.steps().size(), flops / 1e6);
  std::printf("  latency (median of %d rounds x %d runs): %.1f us\n", rounds, runs, latency_us);
  std::printf("  with per-node profiling:                 %.1f us (overhead %+.2f%%)\n",
              profiled_us, (profiled_us / latency_us - 1.0) * 100.0);
  std::printf("  achieved: %.1f GFLOP/s\n", flops / latency_us / 1e3);
  return 0;
}
