// modelbench: what a trained model is, what it should cost, and what it costs here.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "tools/modelbench/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  return mb::tools::ModelbenchMain(args, {std::cout, std::cerr, isatty(STDERR_FILENO) == 1});
}
