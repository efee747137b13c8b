#include "tools/modelbench/cli.h"

#include <map>
#include <optional>

#include <filesystem>

#include "analysis/summary.h"
#include "base/npy.h"
#include "base/strings.h"
#include "runtime/session.h"
#include "tools/common/tensor_io.h"
#include "base/file.h"
#include "importers/importer.h"
#include "report/summary_report.h"

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
  auto model = importers::LoadModel(parsed->positional[0]);
  if (!model.ok()) {
    io.err << "error: " << model.status().message() << "\n";
    return kExitError;
  }
  analysis::ModelSummary summary = analysis::SummarizeModel(*model);
  return Emit(format == "json" ? report::SummaryToJson(summary) : report::SummaryToText(summary),
              *parsed, io);
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
  auto parsed = ParseArgs(args, 1, {"input", "output", "output-dir", "num_threads"}, io.err);
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
  auto session = runtime::Session::Create(std::move(model).value(), options);
  if (!session.ok()) return fail(model_path, session.status());
  Status prepared = (*session)->Prepare(specs, parsed->All("output"));
  if (!prepared.ok()) return fail(model_path, prepared);
  // Every input the model needs must have been given.
  if ((*session)->num_inputs() > static_cast<int>(specs.size())) {
    return fail(model_path, InvalidArgumentError("input '" + (*session)->input_name(
                                                     static_cast<int>(specs.size())) +
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
  io.err << "error: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}

}  // namespace mb::tools
