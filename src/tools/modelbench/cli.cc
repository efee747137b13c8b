#include "tools/modelbench/cli.h"

#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <random>

#include "analysis/cost_analysis.h"
#include "analysis/shape_inference.h"
#include "analysis/summary.h"
#include "base/file.h"
#include "base/npy.h"
#include "base/strings.h"
#include "importers/importer.h"
#include "profiling/stats.h"
#include "report/cost_report.h"
#include "report/json_writer.h"
#include "report/summary_report.h"
#include "runtime/session.h"
#include "tools/common/tensor_io.h"

namespace mb::tools {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

constexpr const char* kUsage =
    "usage: modelbench <command> [options]\n"
    "\n"
    "Commands:\n"
    "  summarize MODEL   what is in a model: inputs, outputs, parameters, op types\n"
    "  run MODEL         run once on .npy inputs and write the outputs as .npy\n"
    "  benchmark MODEL   measure latency: load, prepare, first run, percentiles, throughput\n"
    "  analyze MODEL     static cost per node: parameters, FLOPs, MACs, bytes, intensity\n"
    "  help              this text\n"
    "\n"
    "Options for summarize:\n"
    "  --format=text|json   output format (default text)\n"
    "  --output=FILE        write the report to FILE (atomically) instead of stdout\n"
    "\n"
    "Options for run:\n"
    "  --input NAME=FILE.npy  feed input NAME from FILE (repeat for each input)\n"
    "  --output NAME          fetch tensor NAME (repeatable; default: the model's outputs)\n"
    "  --output-dir DIR       where to write one NAME.npy per output (required)\n"
    "  --num_threads N        threads for the engine (default 1)\n"
    "  --memory_limit_mb N    refuse models needing more memory (default: half of RAM)\n"
    "\n"
    "Options for benchmark:\n"
    "  --input NAME:DIMS[:DTYPE]  input shape, e.g. net_input:1x32x32x3:float (default: the\n"
    "                             model's declared shape, unknown batch = 1)\n"
    "  --input-file NAME=F.npy    feed NAME from a file instead of random values\n"
    "  --fetch NAME               tensor to compute (repeatable; default the model's outputs)\n"
    "  --runs N (100)  --warmup N (5)  --max_time SECONDS (10)  --num_threads N (1)\n"
    "  --format=text|json  --output=FILE  as for summarize\n"
    "\n"
    "Options for analyze:\n"
    "  --flops=full|tf       every op's cost (default), or TF benchmark_model's estimate\n"
    "  --input NAME:DIMS[:DTYPE]  as for benchmark\n"
    "  --format=text|json|csv  --output=FILE\n"
    "\n"
    "Models: TensorFlow GraphDef, binary (.pb) or text (.pbtxt), detected by content.\n";

// `--name=value` or `--name value` options, and positional arguments.
struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // repeated options keep all

  // The last value given for `name`, or `fallback`.
  std::string Get(const std::string& name, const std::string& fallback) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second.back();
  }
  std::vector<std::string> All(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>{} : it->second;
  }
};

std::optional<ParsedArgs> ParseArgs(const std::vector<std::string>& args, size_t first,
                                    const std::vector<std::string>& known_options,
                                    std::ostream& err) {
  ParsedArgs parsed;
  bool options_ended = false;  // after "--" everything is positional
  for (size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!options_ended && arg == "--") {
      options_ended = true;
      continue;
    }
    if (options_ended || arg.rfind("--", 0) != 0) {
      parsed.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    size_t equals = name.find('=');
    if (equals != std::string::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    bool known = false;
    for (const std::string& option : known_options) known |= option == name;
    if (!known) {
      err << "error: unknown option --" << name << "\n";
      return std::nullopt;
    }
    if (!value && i + 1 < args.size()) value = args[++i];
    if (!value) {
      err << "error: option --" << name << " needs a value\n";
      return std::nullopt;
    }
    parsed.options[name].push_back(*value);
  }
  return parsed;
}

// Writes `text` to --output (atomically) or stdout.
int Emit(const std::string& text, const ParsedArgs& args, const CliIo& io) {
  const std::string output = args.Get("output", "-");
  if (output == "-") {
    io.out << text;
    io.out.flush();
    return kExitOk;
  }
  Status status = WriteFileAtomically(output, text);
  if (!status.ok()) {
    io.err << "error: " << status.message() << "\n";
    return kExitError;
  }
  return kExitOk;
}

int Summarize(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(args, 1, {"format", "output"}, io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 1) {
    io.err << "error: summarize takes exactly one model file\n" << kUsage;
    return kExitUsage;
  }
  const std::string format = parsed->Get("format", "text");
  if (format != "text" && format != "json") {
    io.err << "error: unknown --format '" << format << "' (expected text or json)\n";
    return kExitUsage;
  }
  importers::LoadOptions load_options;
  load_options.map_to_engine_ops = false;  // a summary is about the file, not the engine
  auto model = importers::LoadModel(parsed->positional[0], load_options);
  if (!model.ok()) {
    io.err << "error: " << model.status().message() << "\n";
    return kExitError;
  }
  analysis::ModelSummary summary = analysis::SummarizeModel(*model);
  return Emit(format == "json" ? report::SummaryToJson(summary) : report::SummaryToText(summary),
              *parsed, io);
}

// --memory_limit_mb, if given, into the session options.
Status ParseMemoryLimit(const ParsedArgs& args, runtime::SessionOptions* options) {
  const std::string text = args.Get("memory_limit_mb", "");
  if (text.empty()) return OkStatus();
  std::optional<int64_t> megabytes = ParseInt64(text);
  if (!megabytes || *megabytes < 1 || *megabytes > (int64_t{1} << 40)) {
    return InvalidArgumentError("--memory_limit_mb must be a positive integer, not '" + text + "'");
  }
  options->memory_limit_bytes = *megabytes << 20;
  return OkStatus();
}

StatusOr<int> ParseThreads(const ParsedArgs& args) {
  const std::string text = args.Get("num_threads", "1");
  std::optional<int64_t> threads = ParseInt64(text);
  if (!threads || *threads < 1 || *threads > 1024) {
    return InvalidArgumentError("--num_threads must be a positive integer, not '" + text + "'");
  }
  return static_cast<int>(*threads);
}

// `modelbench run`: feed .npy inputs, run once, write each output as .npy.
int RunModel(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(
      args, 1, {"input", "output", "output-dir", "num_threads", "memory_limit_mb"}, io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 1) {
    io.err << "error: run takes exactly one model file\n" << kUsage;
    return kExitUsage;
  }
  const std::string output_dir = parsed->Get("output-dir", "");
  if (output_dir.empty()) {
    io.err << "error: run needs --output-dir DIR\n";
    return kExitUsage;
  }
  auto threads = ParseThreads(*parsed);
  if (!threads.ok()) {
    io.err << "error: " << threads.status().message() << "\n";
    return kExitUsage;
  }
  const std::string& model_path = parsed->positional[0];
  auto fail = [&](const std::string& where, const Status& status) {
    io.err << "error: " << (where.empty() ? "" : where + ": ") << status.message() << "\n";
    return kExitError;
  };

  // Inputs: NAME=FILE.npy.
  std::vector<runtime::TensorSpec> specs;
  std::vector<NpyArray> arrays;
  for (const std::string& input : parsed->All("input")) {
    const size_t equals = input.find('=');
    if (equals == std::string::npos || equals == 0) {
      io.err << "error: --input wants NAME=FILE.npy, got '" << input << "'\n";
      return kExitUsage;
    }
    const std::string name = input.substr(0, equals);
    const std::string file = input.substr(equals + 1);
    auto array = ReadNpy(file);
    if (!array.ok()) return fail(file, array.status());
    std::optional<ir::DType> dtype = DTypeFromNpy(array->dtype);
    if (!dtype) return fail(file, UnimplementedError("unsupported .npy dtype " + array->dtype));
    specs.push_back({name, *dtype, array->shape});
    arrays.push_back(std::move(array).value());
  }

  auto model = importers::LoadModel(model_path);
  if (!model.ok()) return fail("", model.status());
  runtime::SessionOptions options;
  options.num_threads = *threads;
  if (Status limit = ParseMemoryLimit(*parsed, &options); !limit.ok()) {
    io.err << "error: " << limit.message() << "\n";
    return kExitUsage;
  }
  auto session = runtime::Session::Create(std::move(model).value(), options);
  if (!session.ok()) return fail(model_path, session.status());
  Status prepared = (*session)->Prepare(specs, parsed->All("output"));
  if (!prepared.ok()) return fail(model_path, prepared);
  // Every input the model needs must have been given.
  if ((*session)->num_inputs() > static_cast<int>(specs.size())) {
    return fail(model_path, InvalidArgumentError(
                                "input '" + (*session)->input_name(static_cast<int>(specs.size())) +
                                "' was not given (use --input NAME=FILE.npy)"));
  }
  for (size_t i = 0; i < arrays.size(); ++i) {
    Status copied = CopyNpyToView(arrays[i], (*session)->input(static_cast<int>(i)));
    if (!copied.ok()) return fail(parsed->All("input")[i], copied);
  }
  Status ran = (*session)->Run();
  if (!ran.ok()) return fail(model_path, ran);

  std::error_code error;
  std::filesystem::create_directories(output_dir, error);
  if (error) return fail(output_dir, InvalidArgumentError(error.message()));
  for (int i = 0; i < (*session)->num_outputs(); ++i) {
    const std::string path = output_dir + "/" + SafeFileName((*session)->output_name(i)) + ".npy";
    auto array = ViewToNpy((*session)->output(i));
    if (!array.ok()) return fail((*session)->output_name(i), array.status());
    Status written = WriteNpy(path, *array);
    if (!written.ok()) return fail("", written);
    io.out << path << "\n";
  }
  return kExitOk;
}

// "1x32x32x3" -> {1, 32, 32, 3}.
StatusOr<std::vector<int64_t>> ParseDims(const std::string& text) {
  std::vector<int64_t> dims;
  if (text.empty()) return dims;  // a scalar
  for (const std::string& token : Split(text, 'x')) {
    std::optional<int64_t> d = ParseInt64(token);
    if (!d || *d < 0)
      return InvalidArgumentError("bad dimension '" + token + "' in '" + text + "'");
    dims.push_back(*d);
  }
  return dims;
}

// --input NAME:DIMS[:DTYPE] options (DIMS like 1x32x32x3); nullopt after printing an error.
std::optional<std::map<std::string, runtime::TensorSpec>> ParseInputShapes(const ParsedArgs& args,
                                                                            std::ostream& err) {
  std::map<std::string, runtime::TensorSpec> overrides;
  for (const std::string& text : args.All("input")) {
    std::vector<std::string> parts = Split(text, ':');
    if (parts.size() < 2 || parts.size() > 3) {
      err << "error: --input wants NAME:DIMS[:DTYPE], got '" << text << "'\n";
      return std::nullopt;
    }
    auto dims = ParseDims(parts[1]);
    std::optional<ir::DType> dtype =
        parts.size() == 3 ? ir::DTypeFromName(parts[2] == "float" ? "float32" : parts[2])
                          : std::optional<ir::DType>(ir::DType::kFloat32);
    if (!dims.ok() || !dtype) {
      err << "error: bad --input '" << text << "'\n";
      return std::nullopt;
    }
    overrides[parts[0]] = {parts[0], *dtype, *dims};
  }
  return overrides;
}

// One spec per graph input: its override if given, else its declared shape with an unknown
// batch (first) dimension of 1. Overrides naming no graph input are kept (e.g. "x:0").
StatusOr<std::vector<runtime::TensorSpec>> DefaultInputSpecs(
    const ir::Graph& graph, const std::string& model_path,
    std::map<std::string, runtime::TensorSpec> overrides) {
  std::vector<runtime::TensorSpec> specs;
  for (ir::ValueId id : graph.inputs()) {
    const ir::Value& value = graph.value(id);
    if (auto it = overrides.find(value.name); it != overrides.end()) {
      specs.push_back(it->second);
      overrides.erase(it);
      continue;
    }
    if (!value.shape.rank_known()) {
      return InvalidArgumentError(model_path + ": input '" + value.name +
                                  "' has no declared shape; give --input " + value.name +
                                  ":DIMS");
    }
    runtime::TensorSpec spec{value.name, value.dtype, {}};
    for (int d = 0; d < value.shape.rank(); ++d) {
      const ir::Dim& dim = value.shape.dim(d);
      if (dim.is_known()) {
        spec.shape.push_back(dim.size());
      } else if (d == 0) {
        spec.shape.push_back(1);  // the batch
      } else {
        return InvalidArgumentError(model_path + ": input '" + value.name + "' has shape " +
                                    value.shape.ToString() + "; give --input " + value.name +
                                    ":DIMS");
      }
    }
    specs.push_back(std::move(spec));
  }
  for (const auto& [name, spec] : overrides) specs.push_back(spec);
  return specs;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Seeded uniform [0, 1) for floats, zeros otherwise: the same inputs every time.
void FillRandom(const ops::TensorView& view, unsigned seed) {
  std::memset(view.data, 0, view.num_elements() * ir::DTypeSize(view.dtype));
  if (view.dtype != ir::DType::kFloat32) return;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
  for (int64_t i = 0; i < view.num_elements(); ++i) view.As<float>()[i] = uniform(rng);
}

// `modelbench benchmark`: modern defaults over the same engine as benchmark_model.
int Benchmark(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(args, 1,
                          {"input", "input-file", "fetch", "runs", "warmup", "max_time",
                           "num_threads", "memory_limit_mb", "format", "output"},
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
      !threads.ok() || (format != "text" && format != "json")) {
    io.err << "error: bad --runs, --warmup, --max_time, --num_threads or --format\n";
    return kExitUsage;
  }
  auto fail = [&](const Status& status) {
    io.err << "error: " << status.message() << "\n";
    return kExitError;
  };

  const auto load_start = std::chrono::steady_clock::now();
  auto model = importers::LoadModel(model_path);
  if (!model.ok()) return fail(model.status());
  const double load_s = SecondsSince(load_start);

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

  const auto prepare_start = std::chrono::steady_clock::now();
  runtime::SessionOptions options;
  options.num_threads = *threads;
  if (Status limit = ParseMemoryLimit(*parsed, &options); !limit.ok()) {
    io.err << "error: " << limit.message() << "\n";
    return kExitUsage;
  }
  auto session = runtime::Session::Create(std::move(model).value(), options);
  if (!session.ok()) return fail(session.status().WithContext(model_path));
  Status prepared = (*session)->Prepare(*specs, parsed->All("fetch"));
  if (!prepared.ok()) return fail(prepared.WithContext(model_path));
  const double prepare_s = SecondsSince(prepare_start);
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

  auto timed_run = [&](double* seconds) {
    const auto start = std::chrono::steady_clock::now();
    Status status = s.Run();
    *seconds = SecondsSince(start);
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
  for (int64_t i = 0; i < *runs && (max_time <= 0 || total_s < max_time); ++i) {
    double seconds = 0;
    status = timed_run(&seconds);
    if (!status.ok()) return fail(status.WithContext(model_path));
    latency_ms.Add(seconds * 1e3);
    total_s += seconds;
  }
  const double mean_ms = total_s * 1e3 / latency_ms.count();
  const int64_t batch = s.num_inputs() > 0 && s.input(0).rank() > 0 ? s.input(0).sizes[0] : 1;
  double min_ms = latency_ms.samples()[0], max_ms = min_ms;
  for (double v : latency_ms.samples()) min_ms = std::min(min_ms, v), max_ms = std::max(max_ms, v);

  std::string text;
  if (format == "json") {
    report::JsonWriter json;
    json.BeginObject();
    json.Key("schema").String("modelbench.benchmark/1");
    json.Key("model").String(model_path);
    json.Key("num_threads").Int(*threads);
    json.Key("inputs").BeginArray();
    for (int i = 0; i < s.num_inputs(); ++i) {
      json.BeginObject().Key("name").String(s.input_name(i));
      json.Key("dtype").String(ir::DTypeName(s.input(i).dtype));
      json.Key("shape").BeginArray();
      for (int64_t d : s.input(i).sizes) json.Int(d);
      json.EndArray().EndObject();
    }
    json.EndArray();
    json.Key("load_ms").Double(load_s * 1e3);
    json.Key("prepare_ms").Double(prepare_s * 1e3);
    json.Key("first_run_ms").Double(first_run_s * 1e3);
    json.Key("warmup_runs").Int(*warmup);
    json.Key("runs").Int(latency_ms.count());
    json.Key("latency_ms").BeginObject();
    json.Key("mean").Double(mean_ms).Key("min").Double(min_ms).Key("max").Double(max_ms);
    json.Key("p50").Double(latency_ms.p50()).Key("p90").Double(latency_ms.p90());
    json.Key("p99").Double(latency_ms.p99()).EndObject();
    json.Key("throughput_per_s").Double(1e3 / mean_ms * batch);
    json.Key("arena_bytes").Int(s.arena_bytes());
    json.Key("naive_activation_bytes").Int(s.naive_activation_bytes());
    json.EndObject();
    text = json.str();
  } else {
    char buffer[512];
    std::snprintf(buffer, sizeof(buffer),
                  "Model        %s\nThreads      %d\nLoad         %.2f ms\nPrepare      %.2f ms\n"
                  "First run    %.3f ms\nRuns         %lld (after %lld warm-up)\n"
                  "Latency      p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  (mean %.3f, min %.3f, "
                  "max %.3f)\nThroughput   %.1f inferences/s\n",
                  model_path.c_str(), *threads, load_s * 1e3, prepare_s * 1e3, first_run_s * 1e3,
                  static_cast<long long>(latency_ms.count()), static_cast<long long>(*warmup),
                  latency_ms.p50(), latency_ms.p90(), latency_ms.p99(), mean_ms, min_ms, max_ms,
                  1e3 / mean_ms * batch);
    text = buffer;
    text += "Activations  " + HumanBytes(s.arena_bytes()) + " planned (" +
            HumanBytes(s.naive_activation_bytes()) + " without buffer reuse)\n";
  }
  return Emit(text, *parsed, io);
}

// `modelbench analyze`: the static cost of every node, no run.
int Analyze(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(args, 1, {"flops", "input", "format", "output"}, io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 1) {
    io.err << "error: analyze takes exactly one model file\n" << kUsage;
    return kExitUsage;
  }
  const std::string& model_path = parsed->positional[0];
  const std::string format = parsed->Get("format", "text");
  const std::string flops = parsed->Get("flops", "full");
  if ((format != "text" && format != "json" && format != "csv") ||
      (flops != "full" && flops != "tf")) {
    io.err << "error: --format must be text, json or csv and --flops full or tf\n";
    return kExitUsage;
  }
  auto input_shapes = ParseInputShapes(*parsed, io.err);
  if (!input_shapes) return kExitUsage;
  auto fail = [&](const Status& status) {
    io.err << "error: " << status.message() << "\n";
    return kExitError;
  };
  auto model = importers::LoadModel(model_path);
  if (!model.ok()) return fail(model.status());
  auto specs = DefaultInputSpecs(model->graph, model_path, std::move(*input_shapes));
  if (!specs.ok()) return fail(specs.status());
  analysis::ShapeInferenceOptions inference;
  for (const runtime::TensorSpec& spec : *specs) {
    std::optional<ir::ValueId> id = model->graph.FindValue(spec.name);
    if (!id) return fail(NotFoundError(model_path + ": no input named '" + spec.name + "'"));
    model->graph.value(*id).dtype = spec.dtype;
    inference.input_shapes[spec.name] = ir::Shape::Static(spec.shape);
  }
  if (Status inferred = analysis::InferShapes(&model->graph, inference); !inferred.ok()) {
    return fail(inferred.WithContext(model_path));
  }
  auto report = analysis::AnalyzeCost(model->graph, flops == "tf"
                                                        ? analysis::FlopsConvention::kTensorFlow
                                                        : analysis::FlopsConvention::kFull);
  if (!report.ok()) return fail(report.status().WithContext(model_path));
  const std::string text = format == "json"  ? report::CostToJson(model->graph, *report)
                           : format == "csv" ? report::CostToCsv(model->graph, *report)
                                             : report::CostToText(model->graph, *report);
  return Emit(text, *parsed, io);
}

}  // namespace

int ModelbenchMain(const std::vector<std::string>& args, const CliIo& io) {
  if (args.empty()) {
    io.err << kUsage;
    return kExitUsage;
  }
  const std::string& command = args[0];
  if (command == "help" || command == "--help" || command == "-h") {
    io.out << kUsage;
    return kExitOk;
  }
  if (command == "summarize") return Summarize(args, io);
  if (command == "run") return RunModel(args, io);
  if (command == "benchmark") return Benchmark(args, io);
  if (command == "analyze") return Analyze(args, io);
  io.err << "error: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}

}  // namespace mb::tools
