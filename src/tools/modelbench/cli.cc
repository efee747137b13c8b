#include "tools/modelbench/cli.h"

#include "tools/modelbench/cli_util.h"

namespace mb::tools {

const char* const kUsage =
    "usage: modelbench <command> [options]\n"
    "\n"
    "Commands:\n"
    "  summarize MODEL   what is in a model: inputs, outputs, parameters, op types\n"
    "  run MODEL         run once on .npy inputs and write the outputs as .npy\n"
    "  benchmark MODEL   measure latency: load, prepare, first run, percentiles, throughput\n"
    "  analyze MODEL     static cost per node: parameters, FLOPs, MACs, bytes, intensity\n"
    "  compare A B       two models side by side: cost, memory, op types, latency ratio B/A\n"
    "  peak              this machine's FP32 GFLOP/s and memory GB/s, 1 thread and all\n"
    "  help              this text\n"
    "\n"
    "Options for summarize:\n"
    "  --format=FORMAT      text (default), json or csv (one row per fact)\n"
    "  --output=FILE        write the report to FILE (atomically) instead of stdout\n"
    "  --html=FILE          also write a self-contained HTML report (charts, graph) to FILE\n"
    "\n"
    "Options for run:\n"
    "  --input NAME=FILE.npy  feed input NAME from FILE (repeat for each input)\n"
    "  --output NAME          fetch tensor NAME (repeatable; default: the model's outputs)\n"
    "  --output-dir DIR       where to write one NAME.npy per output (required)\n"
    "  --num_threads N        threads for the engine (default 1)\n"
    "  --memory_limit_mb N    refuse models needing more memory (default: half of RAM)\n"
    "\n"
    "Options for benchmark:\n"
    "  --input NAME:DIMS[:DTYPE]  input shape, e.g. net_input:1x32x32x3:float (default: the\n"
    "                             model's declared shape, unknown batch = 1)\n"
    "  --input-file NAME=F.npy    feed NAME from a file instead of random values\n"
    "  --fetch NAME               tensor to compute (repeatable; default the model's outputs)\n"
    "  --runs N (100)  --warmup N (5)  --max_time SECONDS (10)  --num_threads N (1)\n"
    "  --format=text|json|csv  --output=FILE  as for summarize\n"
    "  --peak=GFLOPS  this machine's peak for '% of peak' (default: measured, ~1 s)\n"
    "  --target=NAME|GFLOPS,GBPS  roofline projection on another device (data/devices.tsv)\n"
    "  --trace=FILE  also write a Chrome trace (Perfetto, chrome://tracing) of profiled runs\n"
    "  --html=FILE   also write an HTML report: times by op type, timeline, costs, graph\n"
    "  --layout=nhwc|model  run NCHW convolution chains on NHWC activations (default), or\n"
    "                       keep the model's layout\n"
    "\n"
    "Options for analyze:\n"
    "  --flops=full|tf       every op's cost (default), or TF benchmark_model's estimate\n"
    "  --input NAME:DIMS[:DTYPE]  as for benchmark\n"
    "  --target=NAME|GFLOPS,GBPS  as for benchmark\n"
    "  --format=text|json|csv  --output=FILE\n"
    "  --html=FILE  also write an HTML report: FLOPs by op type, top nodes, costs, graph\n"
    "\n"
    "Options for compare:\n"
    "  --static   no runs: parameters, FLOPs, memory and op types only\n"
    "  --runs N (50)  --warmup N (3)  --num_threads N (1)  --input NAME:DIMS[:DTYPE]\n"
    "  --format=text|json|csv  --output=FILE\n"
    "  --html=FILE  also write an HTML report: both models' figures, op types, costs, graphs\n"
    "\n"
    "Options for peak:\n"
    "  --rounds N (3)  --num_threads N (0: all cores)  --format=text|json  --output=FILE\n"
    "\n"
    "Models: TensorFlow GraphDef, binary (.pb) or text (.pbtxt), and ONNX (.onnx), detected\n"
    "by content.\n";

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
  if (command == "benchmark") return Benchmark(args, io);
  if (command == "analyze") return Analyze(args, io);
  if (command == "peak") return Peak(args, io);
  if (command == "compare") return Compare(args, io);
  io.err << "error: unknown command '" << command << "'\n" << kUsage;
  return kExitUsage;
}

}  // namespace mb::tools
