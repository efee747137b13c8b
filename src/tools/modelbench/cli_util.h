// What the `modelbench` subcommands share: argument parsing, input shapes, report output, and
// one entry point per subcommand (each in its own file: summarize.cc, run.cc, benchmark.cc,
// analyze.cc, peak.cc, compare.cc). cli.cc holds the usage text and the dispatch.
#ifndef MODELBENCH_TOOLS_MODELBENCH_CLI_UTIL_H_
#define MODELBENCH_TOOLS_MODELBENCH_CLI_UTIL_H_

#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"
#include "ops/op_def.h"
#include "runtime/session.h"
#include "tools/modelbench/cli.h"

namespace mb::tools {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitUsage = 2;

// The whole usage text (cli.cc).
extern const char* const kUsage;

// Subcommands: args[0] is the subcommand's name.
int Summarize(const std::vector<std::string>& args, const CliIo& io);
int RunModel(const std::vector<std::string>& args, const CliIo& io);
int Benchmark(const std::vector<std::string>& args, const CliIo& io);
int Analyze(const std::vector<std::string>& args, const CliIo& io);
int Peak(const std::vector<std::string>& args, const CliIo& io);
int Compare(const std::vector<std::string>& args, const CliIo& io);

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
  bool Has(const std::string& name) const { return options.count(name) > 0; }
};

// Parses args[first..]; nullopt after printing an error for an unknown option or a missing
// value.
std::optional<ParsedArgs> ParseArgs(const std::vector<std::string>& args, size_t first,
                                    const std::vector<std::string>& known_options,
                                    std::ostream& err);

// Writes `text` to --output (atomically) or stdout; returns the exit code.
int Emit(const std::string& text, const ParsedArgs& args, const CliIo& io);

// --memory_limit_mb, if given, into the session options.
Status ParseMemoryLimit(const ParsedArgs& args, runtime::SessionOptions* options);
// --num_threads (default 1).
StatusOr<int> ParseThreads(const ParsedArgs& args);

// "1x32x32x3" -> {1, 32, 32, 3}.
StatusOr<std::vector<int64_t>> ParseDims(const std::string& text);

// --input NAME:DIMS[:DTYPE] options (DIMS like 1x32x32x3); nullopt after printing an error.
std::optional<std::map<std::string, runtime::TensorSpec>> ParseInputShapes(const ParsedArgs& args,
                                                                           std::ostream& err);

// One spec per graph input: its override if given, else its declared shape with an unknown
// batch (first) dimension of 1. Overrides naming no graph input are kept (e.g. "x:0").
StatusOr<std::vector<runtime::TensorSpec>> DefaultInputSpecs(
    const ir::Graph& graph, const std::string& model_path,
    std::map<std::string, runtime::TensorSpec> overrides);

double SecondsSince(std::chrono::steady_clock::time_point start);

// Seeded uniform [0, 1) for floats, zeros otherwise: the same inputs every time.
void FillRandom(const ops::TensorView& view, unsigned seed);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_MODELBENCH_CLI_UTIL_H_
