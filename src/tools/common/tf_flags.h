// TensorFlow's command-line flag syntax (tensorflow/core/util/command_line_flags.cc), so the
// drop-in tools accept exactly what TF's accept (shared/spec/tf-tools.md 1.2):
//   --name=value for strings and numbers; --name, --name=true, --name=false for bools;
//   unmatched arguments stay in argv; "--" passes everything after it through.
#ifndef MODELBENCH_TOOLS_COMMON_TF_FLAGS_H_
#define MODELBENCH_TOOLS_COMMON_TF_FLAGS_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace mb::tools {

class TfFlag {
 public:
  TfFlag(const char* name, int32_t* destination, const char* usage);
  TfFlag(const char* name, int64_t* destination, const char* usage);
  TfFlag(const char* name, bool* destination, const char* usage);
  TfFlag(const char* name, std::string* destination, const char* usage);
  TfFlag(const char* name, float* destination, const char* usage);

  // Returns true if `arg` names this flag. `*value_ok` is false if it did but the value did
  // not parse (the error is logged to `log`).
  bool Parse(const std::string& arg, bool* value_ok, std::ostream& log) const;

  // "\t--name=<default>   \t<type>\t<usage>\n", the default as it was at construction.
  std::string UsageLine() const;

 private:
  enum class Type { kInt32, kInt64, kBool, kString, kFloat };
  std::string name_;
  Type type_;
  void* destination_;
  std::string default_for_display_;
  std::string usage_;
};

// Parses and removes recognised flags from argv (argv[0] stays; a nullptr follows the rest).
// Returns false if a value failed to parse or the first leftover argument is "--help".
bool ParseTfFlags(int* argc, char** argv, const std::vector<TfFlag>& flags, std::ostream& log);

// "usage: <cmdline>\nFlags:\n" then one UsageLine per flag.
std::string TfFlagsUsage(const std::string& cmdline, const std::vector<TfFlag>& flags);

// TensorFlow's log-line prefix, "YYYY-MM-DD HH:MM:SS.uuuuuu: E <source>:<line>] ", then the
// message and a newline. Tests set a fixed clock so output compares byte for byte.
class TfLogger {
 public:
  TfLogger(std::ostream& out, std::string source_file)
      : out_(out), source_(std::move(source_file)) {}
  // Fixed microseconds since the epoch for every line (printed in local time, as TF does);
  // negative means the real clock.
  void set_fixed_time_us(int64_t time_us) { fixed_time_us_ = time_us; }

  void Info(int line, const std::string& message) { Write('I', line, message); }
  void Warning(int line, const std::string& message) { Write('W', line, message); }
  void Error(int line, const std::string& message) { Write('E', line, message); }
  void Fatal(int line, const std::string& message) { Write('F', line, message); }

 private:
  void Write(char severity, int line, const std::string& message);
  std::ostream& out_;
  std::string source_;
  int64_t fixed_time_us_ = -1;
};

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_COMMON_TF_FLAGS_H_
