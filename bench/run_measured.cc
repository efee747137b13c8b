// Runs a command and reports its wall time and peak resident memory (the child's ru_maxrss),
// so benchmarks measure the real executables and not an in-process imitation.
// Usage: run_measured COMMAND [ARGS...]   (prints "wall_s=<s> max_rss_kb=<kb> exit=<code>")
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s COMMAND [ARGS...]\n", argv[0]);
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
    execvp(argv[1], argv + 1);
    std::perror("execvp");
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(child, &status, 0, &usage);
  double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "wall_s=%.3f max_rss_kb=%ld exit=%d\n", wall_s, usage.ru_maxrss,
               WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
