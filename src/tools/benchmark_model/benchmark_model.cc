#include "tools/benchmark_model/benchmark_model.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "analysis/cost_analysis.h"
#include "base/file.h"
#include "base/strings.h"
#include "importers/importer.h"
#include "profiling/stats.h"
#include "report/tf_format.h"
#include "report/tf_stats_report.h"
#include "runtime/session.h"
#include "test_log.pb.h"
#include "tools/common/tf_flags.h"

namespace mb::tools {
namespace {

constexpr int kExitFailure = 255;  // TF's Main returns -1
constexpr const char* kSourceFile = "tensorflow/tools/benchmark/benchmark_model.cc";

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void SleepSeconds(double seconds) {
  if (seconds <= 0.0) return;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

// TF's DataTypeFromString (spec 5.9) for the types benchmark_model can feed.
struct InputType {
  std::string tf_name;
  ir::DType dtype;
};
std::optional<InputType> ParseInputType(const std::string& name) {
  static const std::pair<const char*, ir::DType> kTypes[] = {
      {"float", ir::DType::kFloat32},         {"float32", ir::DType::kFloat32},
      {"double", ir::DType::kFloat64},        {"float64", ir::DType::kFloat64},
      {"half", ir::DType::kFloat16},          {"float16", ir::DType::kFloat16},
      {"int32", ir::DType::kInt32},           {"uint32", ir::DType::kUInt32},
      {"uint8", ir::DType::kUInt8},           {"uint16", ir::DType::kUInt16},
      {"int16", ir::DType::kInt16},           {"int8", ir::DType::kInt8},
      {"int64", ir::DType::kInt64},           {"uint64", ir::DType::kUInt64},
      {"string", ir::DType::kString},         {"complex64", ir::DType::kComplex64},
      {"complex128", ir::DType::kComplex128}, {"bool", ir::DType::kBool},
      {"qint8", ir::DType::kQInt8},           {"quint8", ir::DType::kQUInt8},
      {"qint16", ir::DType::kQInt16},         {"quint16", ir::DType::kQUInt16},
      {"qint32", ir::DType::kQInt32},         {"bfloat16", ir::DType::kBFloat16},
      {"resource", ir::DType::kResource},     {"variant", ir::DType::kVariant},
  };
  for (const auto& [text, dtype] : kTypes) {
    if (name == text) return InputType{text, dtype};
  }
  return std::nullopt;
}

// TF's supported feed types (CreateTensorsFromInputInfo), minus string and quint8, which
// modelbench's engine does not run.
bool IsFeedable(ir::DType dtype) {
  return dtype == ir::DType::kFloat32 || dtype == ir::DType::kInt32 || dtype == ir::DType::kInt64 ||
         dtype == ir::DType::kUInt8 || dtype == ir::DType::kBool;
}

struct InputLayerInfo {
  std::string name;
  ir::DType dtype;
  std::vector<int64_t> shape;
  std::vector<float> initialization_values;
};

// Zeros, then element i = static_cast<T>(value i) for the given values (spec 1.6).
void FillInput(const InputLayerInfo& info, const ops::TensorView& view) {
  const size_t bytes = view.num_elements() * ir::DTypeSize(view.dtype);
  std::memset(view.data, 0, bytes);
  const int64_t count = std::min<int64_t>(static_cast<int64_t>(info.initialization_values.size()),
                                          view.num_elements());
  for (int64_t i = 0; i < count; ++i) {
    const float v = info.initialization_values[i];
    switch (view.dtype) {
      case ir::DType::kFloat32:
        view.As<float>()[i] = v;
        break;
      case ir::DType::kInt32:
        view.As<int32_t>()[i] = static_cast<int32_t>(v);
        break;
      case ir::DType::kInt64:
        view.As<int64_t>()[i] = static_cast<int64_t>(v);
        break;
      case ir::DType::kUInt8:
        view.As<uint8_t>()[i] = static_cast<uint8_t>(v);
        break;
      case ir::DType::kBool:
        view.As<bool>()[i] = v != 0;
        break;
      default:
        break;
    }
  }
}

class BenchmarkRunner {
 public:
  BenchmarkRunner(TfLogger& logger, runtime::Session& session,
                  const std::vector<InputLayerInfo>& inputs,
                  const std::vector<std::string>& outputs)
      : logger_(logger), session_(session), inputs_(inputs), outputs_(outputs) {}

  // One timed Session::Run; with `stats`, also the per-node step times (spec 1.5).
  Status RunOnce(profiling::StatsCalculator* stats, int64_t* time_us) {
    if (!prepared_) {
      std::vector<runtime::TensorSpec> specs;
      for (const InputLayerInfo& input : inputs_) {
        specs.push_back({input.name, input.dtype, input.shape});
      }
      prepare_status_ = session_.Prepare(specs, outputs_);
      prepared_ = true;
    }
    *time_us = 0;
    if (!prepare_status_.ok()) {
      logger_.Error(__LINE__, "Error during inference: " + prepare_status_.ToString());
      return prepare_status_;
    }
    for (size_t i = 0; i < inputs_.size(); ++i) {
      FillInput(inputs_[i], session_.input(static_cast<int>(i)));
    }
    const int64_t start = NowMicros();
    Status status = session_.Run(stats != nullptr ? &profile_ : nullptr);
    *time_us = NowMicros() - start;
    if (!status.ok()) {
      logger_.Error(__LINE__, "Error during inference: " + status.ToString());
      return status;
    }
    if (stats != nullptr) Record(stats);
    return OkStatus();
  }

  Status TimeMultipleRuns(double sleep_seconds, int num_runs, double max_time_s,
                          profiling::StatsCalculator* stats, int64_t* total_time_us,
                          int64_t* actual_num_runs) {
    *total_time_us = 0;
    std::ostringstream header;
    header << "Running benchmark for max " << num_runs << " iterations, max " << max_time_s
           << " seconds " << (stats != nullptr ? "with" : "without")
           << " detailed stat logging, with " << sleep_seconds << "s sleep between inferences";
    logger_.Info(__LINE__, header.str());
    profiling::Stat<int64_t> stat;
    const bool until_max_time = num_runs <= 0;
    for (int i = 0; until_max_time || i < num_runs; ++i) {
      int64_t time = 0;
      Status status = RunOnce(stats, &time);
      stat.UpdateStat(time);
      *total_time_us += time;
      ++*actual_num_runs;
      // TF checks the time budget before the run's status (spec 1.5, a quirk kept).
      if (max_time_s > 0.0 && (*total_time_us / 1000000.0) > max_time_s) break;
      if (!status.ok()) {
        logger_.Info(__LINE__, "Failed on run " + std::to_string(i));
        return status;
      }
      SleepSeconds(sleep_seconds);
    }
    std::ostringstream line;
    stat.OutputToStream(&line);
    logger_.Info(__LINE__, line.str() + "\n");
    return OkStatus();
  }

 private:
  // Each executed node becomes one StatSummarizer entry: its TF name and op type, its
  // position in the run, its time in whole microseconds (TF's step-stats granularity) and
  // the bytes of its outputs.
  void Record(profiling::StatsCalculator* stats) {
    const auto& steps = session_.steps();
    int64_t run_total_us = 0, memory = 0;
    for (size_t s = 0; s < steps.size(); ++s) {
      const ir::Node& node = session_.graph().node(steps[s].node);
      const int64_t micros = profile_.step_ns[s] / 1000;
      stats->AddNodeStats(node.name, node.op_type, static_cast<int64_t>(s) + 1, micros,
                          steps[s].output_bytes);
      run_total_us += micros;
      memory += steps[s].output_bytes;
    }
    stats->UpdateRunTotalUs(run_total_us);
    stats->UpdateMemoryUsed(memory);
  }

  TfLogger& logger_;
  runtime::Session& session_;
  const std::vector<InputLayerInfo>& inputs_;
  const std::vector<std::string>& outputs_;
  runtime::RunProfile profile_;
  bool prepared_ = false;
  Status prepare_status_;
};

// TF's CalculateFlops (spec 2): the per-node estimate summed over the graph.
StatusOr<int64_t> CalculateFlops(const ir::Graph& graph) {
  int64_t total = 0;
  for (const ir::Node& node : graph.nodes()) {
    ASSIGN_OR_RETURN(int64_t flops, analysis::TfNodeFlops(graph, node));
    total += flops;
  }
  return total;
}

// TF's RecordBenchmarkEntry: one TestReporter file, `output_prefix` + the entry name with '/'
// replaced by "__", holding a serialized BenchmarkEntries with one entry (spec 1.9). TF
// aborts (QCHECK) when the file exists, and so do we.
void RecordBenchmarkEntry(TfLogger& logger, const std::string& output_prefix,
                          const std::string& benchmark_name, const std::string& postfix,
                          int64_t num_runs, double total_time_s, double throughput = -1.0) {
  std::string name = benchmark_name;
  if (!postfix.empty()) name += "_" + postfix;
  std::string file_name = name;
  for (size_t at = file_name.find('/'); at != std::string::npos; at = file_name.find('/', at)) {
    file_name.replace(at, 1, "__");
  }
  const std::string path = output_prefix + file_name;
  if (RegularFileSize(path).ok()) {
    logger.Fatal(__LINE__,
                 "Check failed: ::tensorflow::OkStatus() == (node_reporter.Initialize()) "
                 "(OK vs. ALREADY_EXISTS: Cannot create TestReporter, file exists: " +
                     path + ")");
    std::abort();
  }
  tfproto::BenchmarkEntries entries;
  tfproto::BenchmarkEntry* entry = entries.add_entry();
  entry->set_name(name);
  entry->set_iters(num_runs);
  entry->set_cpu_time(-1.0 / num_runs);
  entry->set_wall_time(total_time_s / num_runs);
  entry->set_throughput(throughput);
  Status written = WriteFileAtomically(path, entries.SerializeAsString());
  if (!written.ok()) {
    logger.Fatal(__LINE__, "Check failed: " + written.ToString());
    std::abort();
  }
}

[[noreturn]] void CheckFailed(TfLogger& logger, const std::string& message) {
  logger.Fatal(__LINE__, message);
  std::abort();
}

}  // namespace

int BenchmarkModelMain(int argc, char** argv, const BenchmarkModelIo& io) {
  TfLogger logger(io.log, kSourceFile);
  logger.set_fixed_time_us(io.fixed_log_time_us);

  std::string graph = "/data/local/tmp/tensorflow_inception_graph.pb";
  std::string init_ops_string = "";
  std::string input_layer_string = "input:0";
  std::string input_layer_shape_string = "1,224,224,3";
  std::string input_layer_type_string = "float";
  std::string input_layer_values_string = "";
  std::string output_layer_string = "output:0";
  std::string target_layer_string = "";
  int32_t max_num_runs = 1000;
  std::string max_time = "10.0";
  std::string inference_delay = "-1.0";
  std::string inter_benchmark_delay = "-1.0";
  int32_t num_threads = -1;
  std::string benchmark_name = "";
  std::string output_prefix = "";
  bool show_sizes = false;
  bool show_run_order = true;
  int32_t run_order_limit = 0;
  bool show_time = true;
  int32_t time_limit = 10;
  bool show_memory = true;
  int32_t memory_limit = 10;
  bool show_type = true;
  bool show_summary = true;
  bool show_flops = false;
  int32_t warmup_runs = 1;

  std::vector<TfFlag> flags = {
      TfFlag("graph", &graph, "graph file name"),
      TfFlag("init_ops", &init_ops_string, "init ops"),
      TfFlag("input_layer", &input_layer_string, "input layer names"),
      TfFlag("input_layer_shape", &input_layer_shape_string, "input layer shape"),
      TfFlag("input_layer_type", &input_layer_type_string, "input layer type"),
      TfFlag("input_layer_values", &input_layer_values_string,
             "values to initialize the inputs with"),
      TfFlag("output_layer", &output_layer_string, "output layer name"),
      TfFlag("target_layer", &target_layer_string, "target layer name"),
      TfFlag("max_num_runs", &max_num_runs, "number of runs max"),
      TfFlag("max_time", &max_time, "length to run max"),
      TfFlag("inference_delay", &inference_delay, "delay between runs in seconds"),
      TfFlag("inter_benchmark_delay", &inter_benchmark_delay,
             "delay between benchmarks in seconds"),
      TfFlag("num_threads", &num_threads, "number of threads"),
      TfFlag("benchmark_name", &benchmark_name, "benchmark name"),
      TfFlag("output_prefix", &output_prefix, "benchmark output prefix"),
      TfFlag("show_sizes", &show_sizes, "whether to show sizes"),
      TfFlag("show_run_order", &show_run_order, "whether to list stats by run order"),
      TfFlag("run_order_limit", &run_order_limit, "how many items to show by run order"),
      TfFlag("show_time", &show_time, "whether to list stats by time taken"),
      TfFlag("time_limit", &time_limit, "how many items to show by time taken"),
      TfFlag("show_memory", &show_memory, "whether to list stats by memory used"),
      TfFlag("memory_limit", &memory_limit, "how many items to show by memory used"),
      TfFlag("show_type", &show_type, "whether to list stats by op type"),
      TfFlag("show_summary", &show_summary, "whether to show a summary of the stats"),
      TfFlag("show_flops", &show_flops, "whether to estimate the model's FLOPs"),
      TfFlag("warmup_runs", &warmup_runs, "how many runs to initialize model"),
  };
  const std::string usage = TfFlagsUsage(argv[0], flags);
  std::ostringstream parse_log;
  const bool parsed = ParseTfFlags(&argc, argv, flags, parse_log);
  if (!parse_log.str().empty()) {
    for (const std::string& line : Split(parse_log.str(), '\n')) {
      if (!line.empty()) logger.Error(__LINE__, line);
    }
  }
  if (!parsed) {
    logger.Error(__LINE__, usage);
    return kExitFailure;
  }

  const std::vector<std::string> input_layers = Split(input_layer_string, ',');
  const std::vector<std::string> input_layer_shapes = Split(input_layer_shape_string, ':');
  const std::vector<std::string> input_layer_types = Split(input_layer_type_string, ',');
  const std::vector<std::string> input_layer_values = Split(input_layer_values_string, ':');
  const std::vector<std::string> output_layers = Split(output_layer_string, ',');
  const std::vector<std::string> target_layers = Split(target_layer_string, ',');
  if (input_layers.size() != input_layer_shapes.size() ||
      input_layers.size() != input_layer_types.size()) {
    logger.Error(__LINE__,
                 "There must be the same number of items in --input_layer, --input_layer_shape, "
                 "and --input_layer_type, for example --input_layer=input1,input2 "
                 "--input_layer_type=float,float  --input_layer_shape=1,224,224,4:1,20");
    logger.Error(__LINE__, "--input_layer=" + input_layer_string + " (" +
                               std::to_string(input_layers.size()) + " items)");
    logger.Error(__LINE__, "--input_layer_type=" + input_layer_type_string + " (" +
                               std::to_string(input_layer_types.size()) + " items)");
    logger.Error(__LINE__, "--input_layer_shape=" + input_layer_shape_string + " (" +
                               std::to_string(input_layer_shapes.size()) + " items)");
    return kExitFailure;
  }
  if (argc > 1) {
    logger.Error(__LINE__, std::string("Unknown argument ") + argv[1] + "\n" + usage);
    return kExitFailure;
  }

  logger.Info(__LINE__, "Graph: [" + graph + "]");
  logger.Info(__LINE__, "Init ops:" + init_ops_string);
  logger.Info(__LINE__, "Input layers: [" + input_layer_string + "]");
  logger.Info(__LINE__, "Input shapes: [" + input_layer_shape_string + "]");
  logger.Info(__LINE__, "Input types: [" + input_layer_type_string + "]");
  logger.Info(__LINE__, "Output layers: [" + output_layer_string + "]");
  logger.Info(__LINE__, "Target layers: [" + target_layer_string + "]");
  logger.Info(__LINE__, "Num runs: [" + std::to_string(max_num_runs) + "]");
  logger.Info(__LINE__, "Inter-inference delay (seconds): [" + inference_delay + "]");
  logger.Info(__LINE__, "Inter-benchmark delay (seconds): [" + inter_benchmark_delay + "]");
  logger.Info(__LINE__, "Num threads: [" + std::to_string(num_threads) + "]");
  logger.Info(__LINE__, "Benchmark name: [" + benchmark_name + "]");
  logger.Info(__LINE__, "Output prefix: [" + output_prefix + "]");
  logger.Info(__LINE__, std::string("Show sizes: [") + (show_sizes ? "1" : "0") + "]");
  logger.Info(__LINE__, "Warmup runs: [" + std::to_string(warmup_runs) + "]");

  // InitializeSession: load the graph and check that the engine can run what is fetched.
  const int64_t init_start_us = NowMicros();
  logger.Info(__LINE__, "Loading TensorFlow.");
  logger.Info(__LINE__, "Got config, 0 devices");
  std::unique_ptr<runtime::Session> session;
  Status init_status;
  {
    auto model = importers::LoadModel(graph);
    if (!model.ok()) {
      init_status = model.status();
      logger.Error(__LINE__, "Could not create TensorFlow Graph: " + init_status.ToString());
    } else {
      runtime::SessionOptions options;
      options.num_threads =
          num_threads > 0 ? num_threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
      auto created = runtime::Session::Create(std::move(model).value(), options);
      if (created.ok()) {
        std::vector<std::string> fetches = output_layers;
        fetches.insert(fetches.end(), target_layers.begin(), target_layers.end());
        init_status = (*created)->CheckRunnable(fetches);
        if (init_status.ok()) session = std::move(created).value();
      } else {
        init_status = created.status();
      }
      if (!init_status.ok()) {
        logger.Error(__LINE__, "Could not create TensorFlow Session: " + init_status.ToString());
      }
    }
  }
  const double init_seconds = (NowMicros() - init_start_us) / 1000000.0;
  {
    std::ostringstream line;
    line << "Initialized session in " << init_seconds << "s";
    logger.Info(__LINE__, line.str());
  }
  if (!init_status.ok()) return kExitFailure;

  if (!init_ops_string.empty()) {
    logger.Info(__LINE__, "Initializing graph variables");
    logger.Error(__LINE__,
                 "Graph variables initialization failed with UNIMPLEMENTED: modelbench runs "
                 "frozen graphs and does not run init ops");
    return kExitFailure;
  }

  profiling::StatSummarizerOptions stats_options;
  stats_options.show_run_order = show_run_order;
  stats_options.run_order_limit = run_order_limit;
  stats_options.show_time = show_time;
  stats_options.time_limit = time_limit;
  stats_options.show_memory = show_memory;
  stats_options.memory_limit = memory_limit;
  stats_options.show_type = show_type;
  stats_options.show_summary = show_summary;
  profiling::StatsCalculator stats;

  const double inter_inference_sleep_seconds = std::strtod(inference_delay.c_str(), nullptr);
  const double inter_benchmark_sleep_seconds = std::strtod(inter_benchmark_delay.c_str(), nullptr);
  const double max_benchmark_time_seconds = std::strtod(max_time.c_str(), nullptr);

  std::vector<InputLayerInfo> inputs;
  for (size_t n = 0; n < input_layers.size(); ++n) {
    InputLayerInfo input;
    std::optional<InputType> type = ParseInputType(input_layer_types[n]);
    if (!type)
      CheckFailed(logger,
                  "Check failed: DataTypeFromString(input_layer_types[n], &input.data_type) " +
                      input_layer_types[n] + " was an invalid type");
    input.dtype = type->dtype;
    for (const std::string& token : Split(input_layer_shapes[n], ',')) {
      std::optional<int64_t> size = ParseInt64(token);
      if (!size || *size < INT32_MIN || *size > INT32_MAX) {
        CheckFailed(logger,
                    "Check failed: str_util::SplitAndParseAsInts(input_layer_shapes[n], "
                    "',', &sizes) Incorrect size string specified: " +
                        input_layer_shapes[n]);
      }
      if (*size == -1) {
        logger.Error(__LINE__,
                     "Any unknown sizes in the shapes (-1's) must be replaced with the "
                     "size you want to benchmark with.");
        return kExitFailure;
      }
      input.shape.push_back(*size);
    }
    input.name = input_layers[n];
    if (n < input_layer_values.size()) {
      for (const std::string& token : Split(input_layer_values[n], ',')) {
        char* end = nullptr;
        const float value = std::strtof(token.c_str(), &end);
        if (token.empty() || end != token.c_str() + token.size()) {
          CheckFailed(logger,
                      "Check failed: str_util::SplitAndParseAsFloats(input_layer_values[n], "
                      "',', &input.initialization_values) Incorrect initialization values "
                      "string specified: " +
                          input_layer_values[n]);
        }
        input.initialization_values.push_back(value);
      }
    }
    if (!IsFeedable(input.dtype)) {
      CheckFailed(logger, "Unsupported input type: " + type->tf_name);
    }
    inputs.push_back(std::move(input));
  }

  std::vector<std::string> fetches = output_layers;
  fetches.insert(fetches.end(), target_layers.begin(), target_layers.end());
  BenchmarkRunner runner(logger, *session, inputs, fetches);

  int64_t warmup_time_us = 0, num_warmup_runs = 0;
  if (warmup_runs > 0) {
    Status status = runner.TimeMultipleRuns(inter_inference_sleep_seconds, warmup_runs, -1.0,
                                            nullptr, &warmup_time_us, &num_warmup_runs);
    if (!status.ok()) {
      logger.Error(__LINE__, "Timing failed with " + status.ToString());
      return kExitFailure;
    }
  }

  SleepSeconds(inter_benchmark_sleep_seconds);
  int64_t no_stat_time_us = 0, no_stat_num_runs = 0;
  Status status = runner.TimeMultipleRuns(inter_inference_sleep_seconds, max_num_runs,
                                          max_benchmark_time_seconds, nullptr, &no_stat_time_us,
                                          &no_stat_num_runs);
  const double no_stat_wall_time = no_stat_time_us / 1000000.0;
  if (!status.ok()) {
    logger.Error(__LINE__, "Timing failed with " + status.ToString());
    return kExitFailure;
  }

  SleepSeconds(inter_benchmark_sleep_seconds);
  int64_t stat_time_us = 0, stat_num_runs = 0;
  status =
      runner.TimeMultipleRuns(inter_inference_sleep_seconds, max_num_runs,
                              max_benchmark_time_seconds, &stats, &stat_time_us, &stat_num_runs);
  if (!status.ok()) {
    logger.Error(__LINE__, "Timing failed with " + status.ToString());
    return kExitFailure;
  }

  logger.Info(__LINE__, "Average inference timings in us: Warmup: " +
                            std::to_string(warmup_runs > 0 ? warmup_time_us / warmup_runs : 0) +
                            ", no stats: " + std::to_string(no_stat_time_us / no_stat_num_runs) +
                            ", with stats: " + std::to_string(stat_time_us / stat_num_runs));

  // PrintStepStats: each line of the summary is its own log line, blank ones included.
  const std::string summary = report::TfStatsOutputString(stats, stats_options);
  std::istringstream lines(summary);
  for (std::string line; std::getline(lines, line);) logger.Info(__LINE__, line);

  if (show_sizes) {
    logger.Info(__LINE__, "============ Node output tensor sizes in run order ========");
    for (const runtime::Step& step : session->steps()) {
      const ir::Node& node = session->graph().node(step.node);
      std::ostringstream line;
      line << node.name << "\t" << node.outputs.size();
      for (ir::ValueId output : node.outputs) {
        const ir::Value& value = session->graph().value(output);
        line << "\t" << ir::DTypeName(value.dtype) << "\t" << value.shape.rank();
        for (const ir::Dim& dim : value.shape.dims()) line << "\t" << dim.size();
      }
      logger.Info(__LINE__, line.str());
    }
  }

  if (show_flops) {
    auto flops = CalculateFlops(session->graph());
    if (!flops.ok()) {
      logger.Error(__LINE__, "FLOPs calculation failed with " + flops.status().ToString());
      return kExitFailure;
    }
    logger.Info(__LINE__, "FLOPs estimate: " + report::TfHumanReadableNum(*flops));
    const double mean_run_time = no_stat_wall_time / no_stat_num_runs;
    logger.Info(__LINE__, "FLOPs/second: " + report::TfHumanReadableNum(
                                                 static_cast<int64_t>(*flops / mean_run_time)));
  }

  if (!benchmark_name.empty() && !output_prefix.empty()) {
    // Throughput in MB/s of the first input, as TF computes it.
    int64_t total_size = 1;
    for (int64_t d : inputs[0].shape) total_size *= d;
    const double throughput = static_cast<double>(ir::DTypeSize(inputs[0].dtype)) * total_size *
                              no_stat_num_runs / no_stat_wall_time / (1024 * 1024);
    RecordBenchmarkEntry(logger, output_prefix, benchmark_name, "", no_stat_num_runs,
                         no_stat_wall_time, throughput);
    RecordBenchmarkEntry(logger, output_prefix, benchmark_name, "meta-init", 1, init_seconds);
    const double warmup_seconds = warmup_time_us / 1000000.0;
    RecordBenchmarkEntry(logger, output_prefix, benchmark_name, "meta-first-inference", warmup_runs,
                         warmup_seconds);
    RecordBenchmarkEntry(logger, output_prefix, benchmark_name, "meta-init-plus-first-inference", 1,
                         init_seconds + warmup_seconds / std::max(warmup_runs, 1));
    // Per op type: the summed per-run microseconds of its nodes (TF's ComputeStatsByType:
    // each node's total time divided by the run count, in integers).
    std::map<std::string, int64_t> type_time_us;
    const int64_t run_count = std::max<int64_t>(stats.num_runs(), 1);
    for (const auto& [name, detail] : stats.details()) {
      type_time_us[detail.type] += detail.elapsed_time.sum() / run_count;
    }
    for (const auto& [type, time_us] : type_time_us) {
      logger.Info(__LINE__, "Outputting: [" + type + "]");
      RecordBenchmarkEntry(logger, output_prefix, benchmark_name, type, stat_num_runs,
                           (time_us * stat_num_runs) / 1000000.0f);
    }
  }
  return 0;
}

}  // namespace mb::tools
