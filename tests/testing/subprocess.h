// Runs one of the project's executables as a user would, capturing stdout, stderr and the
// exit status, so CLI tests also catch crashes (a signal is never a clean exit).
#ifndef MODELBENCH_TESTS_TESTING_SUBPROCESS_H_
#define MODELBENCH_TESTS_TESTING_SUBPROCESS_H_

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "tests/testing/test_paths.h"

namespace mb::testing {

struct CommandResult {
  int exit_code = -1;     // -1 if the process did not exit normally
  bool signaled = false;  // killed by a signal (a crash)
  std::string out;
  std::string err;
};

// `command` is passed to /bin/sh with stdout and stderr redirected to files in `scratch`.
inline CommandResult RunCommand(const std::string& command, const std::string& scratch) {
  const std::string out_path = scratch + "/stdout.txt";
  const std::string err_path = scratch + "/stderr.txt";
  int status = std::system((command + " >" + out_path + " 2>" + err_path + " </dev/null").c_str());
  CommandResult result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  // The shell reports a child killed by signal N as exit status 128 + N.
  result.signaled = WIFSIGNALED(status) ||
                    (WIFEXITED(status) && WEXITSTATUS(status) > 128 && WEXITSTATUS(status) != 255);
  result.out = ReadTextFile(out_path);
  result.err = ReadTextFile(err_path);
  return result;
}

}  // namespace mb::testing

#endif  // MODELBENCH_TESTS_TESTING_SUBPROCESS_H_
