// `modelbench peak`: this machine's FP32 peak and memory bandwidth (profiling/peak.h).
#include "profiling/peak.h"

#include <cstdio>

#include "base/strings.h"
#include "report/json_writer.h"
#include "tools/modelbench/cli_util.h"

namespace mb::tools {

int Peak(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(args, 1, {"rounds", "num_threads", "format", "output"}, io.err);
  if (!parsed) return kExitUsage;
  const std::string format = parsed->Get("format", "text");
  std::optional<int64_t> rounds = ParseInt64(parsed->Get("rounds", "3"));
  std::optional<int64_t> threads = ParseInt64(parsed->Get("num_threads", "0"));
  if (!parsed->positional.empty() || !rounds || *rounds < 1 || *rounds > 100 || !threads ||
      *threads < 0 || *threads > 1024 || (format != "text" && format != "json")) {
    io.err << "error: peak takes --rounds N (1-100), --num_threads N (0: all cores) and "
              "--format=text|json\n";
    return kExitUsage;
  }
  if (!profiling::PeakSupported()) {
    io.err << "error: this CPU has no AVX2+FMA; the FLOP/s measurement needs them\n";
    return kExitError;
  }
  profiling::PeakOptions options;
  options.rounds = static_cast<int>(*rounds);
  options.threads = static_cast<int>(*threads);
  const profiling::PeakResult peak = profiling::MeasurePeak(options);
  std::string text;
  if (format == "json") {
    report::JsonWriter json;
    json.BeginObject();
    json.Key("schema").String("modelbench.peak/1");
    json.Key("rounds").Int(options.rounds);
    json.Key("threads").Int(peak.threads);
    json.Key("isa").String(peak.avx512 ? "avx512" : "avx2");
    json.Key("fp32_gflops").BeginObject();
    json.Key("one_thread").Double(peak.gflops_one).Key("all_threads").Double(peak.gflops_all);
    json.EndObject();
    json.Key("memory_gbps").BeginObject();
    json.Key("triad").BeginObject();
    json.Key("one_thread").Double(peak.triad_gbps_one);
    json.Key("all_threads").Double(peak.triad_gbps_all).EndObject();
    json.Key("copy").BeginObject();
    json.Key("one_thread").Double(peak.copy_gbps_one);
    json.Key("all_threads").Double(peak.copy_gbps_all).EndObject();
    json.EndObject();
    json.EndObject();
    text = json.str();
  } else {
    char buffer[512];
    std::snprintf(buffer, sizeof(buffer),
                  "Peak FP32      1 thread %8.1f GFLOP/s   %d threads %8.1f GFLOP/s   (%s FMA)\n"
                  "Memory triad   1 thread %8.1f GB/s      %d threads %8.1f GB/s\n"
                  "Memory copy    1 thread %8.1f GB/s      %d threads %8.1f GB/s\n"
                  "(median of %d rounds; use --peak=GFLOPS with benchmark to skip measuring)\n",
                  peak.gflops_one, peak.threads, peak.gflops_all, peak.avx512 ? "AVX-512" : "AVX2",
                  peak.triad_gbps_one, peak.threads, peak.triad_gbps_all, peak.copy_gbps_one,
                  peak.threads, peak.copy_gbps_all, options.rounds);
    text = buffer;
  }
  return Emit(text, *parsed, io);
}

}  // namespace mb::tools
