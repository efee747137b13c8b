#include "tools/modelbench/cli.h"

#include <map>
#include <optional>

#include "analysis/summary.h"
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
    "  help              this text\n"
    "\n"
    "Options for summarize:\n"
    "  --format=text|json   output format (default text)\n"
    "  --output=FILE        write the report to FILE (atomically) instead of stdout\n"
    "\n"
    "Models: TensorFlow GraphDef, binary (.pb) or text (.pbtxt), detected by content.\n";

// `--name=value` or `--name value` options, and positional arguments.
struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
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
    parsed.options[name] = *value;
  }
  return parsed;
}

// Writes `text` to --output (atomically) or stdout.
int Emit(const std::string& text, const ParsedArgs& args, const CliIo& io) {
  auto output = args.options.find("output");
  if (output == args.options.end() || output->second == "-") {
    io.out << text;
    io.out.flush();
    return kExitOk;
  }
  Status status = WriteFileAtomically(output->second, text);
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
  std::string format = "text";
  if (auto it = parsed->options.find("format"); it != parsed->options.end()) format = it->second;
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
  io.err << "error: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}

}  // namespace mb::tools
