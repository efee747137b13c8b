// The `modelbench` command: subcommands over one model-loading path. Each subcommand is a
// function from parsed arguments to an exit code: 0 success, 1 a failure reported as one
// "error: ..." line, 2 a usage error.
#ifndef MODELBENCH_TOOLS_MODELBENCH_CLI_H_
#define MODELBENCH_TOOLS_MODELBENCH_CLI_H_

#include <ostream>
#include <string>
#include <vector>

namespace mb::tools {

struct CliIo {
  std::ostream& out;
  std::ostream& err;
  // Draw progress lines on `err` during long runs: main sets it when stderr is a terminal.
  bool progress = false;
};

// args excludes the program name: {"summarize", "model.pb", "--format=json"}.
int ModelbenchMain(const std::vector<std::string>& args, const CliIo& io);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_MODELBENCH_CLI_H_
