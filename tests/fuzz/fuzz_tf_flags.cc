// libFuzzer harness: arbitrary argument lists through TF's flag parser, as the drop-in
// tools receive them (NUL-separated arguments).
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "tools/common/tf_flags.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> args = {"tool"};
  std::string current;
  for (size_t i = 0; i < size && args.size() < 64; ++i) {
    if (data[i] == 0) {
      args.push_back(current);
      current.clear();
    } else {
      current.push_back(static_cast<char>(data[i]));
    }
  }
  if (!current.empty()) args.push_back(current);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(args.size());
  std::string graph = "g";
  int32_t runs = 1000;
  int64_t big = 0;
  bool show = true;
  float delay = -1;
  std::vector<mb::tools::TfFlag> flags = {
      mb::tools::TfFlag("graph", &graph, "graph"), mb::tools::TfFlag("max_num_runs", &runs, "runs"),
      mb::tools::TfFlag("big", &big, "big"), mb::tools::TfFlag("show_flops", &show, "show"),
      mb::tools::TfFlag("delay", &delay, "delay")};
  std::ostringstream log;
  mb::tools::ParseTfFlags(&argc, argv.data(), flags, log);
  mb::tools::TfFlagsUsage("tool", flags);
  return 0;
}
