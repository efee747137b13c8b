#include "tools/modelbench/cli_util.h"

#include <cstring>
#include <random>

#include "base/file.h"
#include "base/strings.h"

namespace mb::tools {

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
                                  "' has no declared shape; give --input " + value.name + ":DIMS");
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

}  // namespace mb::tools
