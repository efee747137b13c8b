// `modelbench benchmark`: latency, throughput and memory of a model on this machine.
#include <chrono>
#include <cstdio>

#include "base/npy.h"
#include "base/strings.h"
#include "importers/importer.h"
#include "profiling/stats.h"
#include "report/benchmark_report.h"
#include "report/json_writer.h"
#include "runtime/session.h"
#include "tools/common/tensor_io.h"
#include "tools/modelbench/cli_util.h"
#include "tools/modelbench/efficiency.h"
#include "tools/modelbench/measure.h"
#include "tools/modelbench/profile_reports.h"

namespace mb::tools {

// `modelbench benchmark`: modern defaults over the same engine as benchmark_model.
int Benchmark(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(
      args, 1,
      {"input", "input-file", "fetch", "runs", "warmup", "max_time", "num_threads",
       "memory_limit_mb", "format", "output", "trace", "html", "peak", "target", "layout"},
      io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 1) {
    io.err << "error: benchmark takes exactly one model file\n" << kUsage;
    return kExitUsage;
  }
  const std::string& model_path = parsed->positional[0];
  const std::string format = parsed->Get("format", "text");
  auto runs = ParseInt64(parsed->Get("runs", "100"));
  auto warmup = ParseInt64(parsed->Get("warmup", "5"));
  char* end = nullptr;
  const std::string max_time_text = parsed->Get("max_time", "10");
  const double max_time = std::strtod(max_time_text.c_str(), &end);
  auto threads = ParseThreads(*parsed);
  if (!runs || *runs < 1 || !warmup || *warmup < 0 || end == max_time_text.c_str() ||
      !threads.ok() || (format != "text" && format != "json" && format != "csv")) {
    io.err << "error: bad --runs, --warmup, --max_time, --num_threads or --format\n";
    return kExitUsage;
  }
  auto fail = [&](const Status& status) {
    io.err << "error: " << status.message() << "\n";
    return kExitError;
  };

  auto target = ParseTarget(parsed->Get("target", ""));
  if (!target.ok()) {
    io.err << "error: " << target.status().message() << "\n";
    return kExitUsage;
  }
  // --peak is checked now; without it the peak is measured after the runs.
  std::string peak_source;
  std::optional<double> peak_given;
  if (parsed->Has("peak")) {
    auto peak = PeakGflops(parsed->Get("peak", ""), *threads, &peak_source);
    if (!peak.ok()) {
      io.err << "error: " << peak.status().message() << "\n";
      return kExitUsage;
    }
    peak_given = *peak;
  }

  std::unique_ptr<Clock> clock = MakeClock();
  const int64_t load_start = clock->NowNs();
  auto model = importers::LoadModel(model_path);
  if (!model.ok()) return fail(model.status());
  const double load_s = MillisecondsBetween(load_start, clock->NowNs()) / 1e3;

  // Input shapes: --input overrides, else the model's declaration with an unknown batch = 1.
  auto input_shapes = ParseInputShapes(*parsed, io.err);
  if (!input_shapes) return kExitUsage;
  std::map<std::string, runtime::TensorSpec> overrides = std::move(*input_shapes);
  std::map<std::string, NpyArray> files;
  for (const std::string& text : parsed->All("input-file")) {
    const size_t equals = text.find('=');
    if (equals == std::string::npos) {
      io.err << "error: --input-file wants NAME=FILE.npy\n";
      return kExitUsage;
    }
    auto array = ReadNpy(text.substr(equals + 1));
    if (!array.ok()) return fail(array.status().WithContext(text.substr(equals + 1)));
    std::optional<ir::DType> dtype = DTypeFromNpy(array->dtype);
    if (!dtype) return fail(UnimplementedError("unsupported .npy dtype " + array->dtype));
    const std::string name = text.substr(0, equals);
    overrides[name] = {name, *dtype, array->shape};
    files[name] = std::move(array).value();
  }
  auto specs = DefaultInputSpecs(model->graph, model_path, std::move(overrides));
  if (!specs.ok()) return fail(specs.status());

  const int64_t prepare_start = clock->NowNs();
  runtime::SessionOptions options;
  options.num_threads = *threads;
  const std::string layout = parsed->Get("layout", "nhwc");
  if (layout != "nhwc" && layout != "model") {
    io.err << "error: --layout must be nhwc or model\n";
    return kExitUsage;
  }
  options.channels_last = layout == "nhwc";
  if (Status limit = ParseMemoryLimit(*parsed, &options); !limit.ok()) {
    io.err << "error: " << limit.message() << "\n";
    return kExitUsage;
  }
  auto session = runtime::Session::Create(std::move(model).value(), options);
  if (!session.ok()) return fail(session.status().WithContext(model_path));
  Status prepared = (*session)->Prepare(*specs, parsed->All("fetch"));
  if (!prepared.ok()) return fail(prepared.WithContext(model_path));
  const double prepare_s = MillisecondsBetween(prepare_start, clock->NowNs()) / 1e3;
  runtime::Session& s = **session;
  for (int i = 0; i < s.num_inputs(); ++i) {
    auto file = files.find(s.input_name(i));
    if (file != files.end()) {
      Status copied = CopyNpyToView(file->second, s.input(i));
      if (!copied.ok()) return fail(copied.WithContext(file->first));
    } else {
      FillRandom(s.input(i), 1234 + i);
    }
  }

  // Every run is profiled per step (one clock read per step, negligible); the measured runs'
  // step times add up into the per-node table.
  // The first kMaxProfiledRuns measured runs are kept whole for --trace and --html.
  int64_t run_index = 0;
  std::vector<int64_t> step_total_ns;
  std::vector<report::TraceRun> kept_runs;
  const bool keep_runs = parsed->Has("trace") || parsed->Has("html");
  auto timed_run = [&](double* seconds, bool measured = false) {
    double ms = 0;
    report::TraceRun run;
    const bool keep =
        measured && keep_runs && kept_runs.size() < static_cast<size_t>(kMaxProfiledRuns);
    Status status = TimedRun(s, *clock, run_index++, &ms, measured ? &step_total_ns : nullptr,
                             keep ? &run : nullptr);
    if (keep) kept_runs.push_back(std::move(run));
    *seconds = ms / 1e3;
    return status;
  };
  double first_run_s = 0;
  Status status = timed_run(&first_run_s);
  if (!status.ok()) return fail(status.WithContext(model_path));
  for (int64_t i = 0; i < *warmup; ++i) {
    double ignored;
    status = timed_run(&ignored);
    if (!status.ok()) return fail(status.WithContext(model_path));
  }
  profiling::Percentiles latency_ms;
  double total_s = 0;
  Progress progress(io.err, io.progress, "benchmark: run", *runs);
  for (int64_t i = 0; i < *runs && (max_time <= 0 || total_s < max_time); ++i) {
    progress.Update(i);
    double seconds = 0;
    status = timed_run(&seconds, /*measured=*/true);
    if (!status.ok()) return fail(status.WithContext(model_path));
    latency_ms.Add(seconds * 1e3);
    total_s += seconds;
  }
  const double mean_ms = total_s * 1e3 / latency_ms.count();
  const int64_t batch = s.num_inputs() > 0 && s.input(0).rank() > 0 ? s.input(0).sizes[0] : 1;

  // --trace and --html: the measured runs' own step times (the first 100 runs).
  ProfileReportOptions profile_reports;
  profile_reports.trace_path = parsed->Get("trace", "");
  profile_reports.html_path = parsed->Get("html", "");
  profile_reports.model_path = model_path;
  profile_reports.num_threads = *threads;
  char fact[160];
  std::snprintf(fact, sizeof(fact), "p50 %.3f ms, p90 %.3f ms, p99 %.3f ms (mean %.3f ms)",
                latency_ms.p50(), latency_ms.p90(), latency_ms.p99(), mean_ms);
  profile_reports.facts = {
      {"Latency", fact},
      {"Measured runs", std::to_string(latency_ms.count())},
      {"Threads", std::to_string(*threads)},
      {"Activations", HumanBytes(s.arena_bytes()) + " planned (" +
                          HumanBytes(s.naive_activation_bytes()) + " without buffer reuse)"}};
  if (Status written = WriteProfileReports(s, std::move(kept_runs), profile_reports);
      !written.ok()) {
    return fail(written);
  }

  progress.Done();

  report::BenchmarkReport result;
  result.model = model_path;
  result.num_threads = *threads;
  for (int i = 0; i < s.num_inputs(); ++i) {
    result.inputs.push_back(
        {s.input_name(i), std::string(ir::DTypeName(s.input(i).dtype)), s.input(i).sizes});
  }
  result.load_ms = load_s * 1e3;
  result.prepare_ms = prepare_s * 1e3;
  result.first_run_ms = first_run_s * 1e3;
  result.warmup_runs = *warmup;
  result.latency = Summarize(latency_ms);
  result.batch = batch;
  result.memory = EngineMemory(s);
  result.nodes =
      NodeRows(s, step_total_ns, latency_ms.count(), *target, &result.flops, &result.projected_s);
  result.target = *target;
  if (peak_given) {
    result.peak_gflops = *peak_given;
    result.peak_source = peak_source;
  } else {
    auto peak = PeakGflops("", *threads, &result.peak_source);
    if (!peak.ok()) return fail(peak.status());
    result.peak_gflops = *peak;
  }
  const std::string text = format == "json"  ? report::BenchmarkToJson(result)
                           : format == "csv" ? report::BenchmarkToCsv(result)
                                             : report::BenchmarkToText(result);
  return Emit(text, *parsed, io);
}

}  // namespace mb::tools
