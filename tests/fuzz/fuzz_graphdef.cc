// libFuzzer harness: arbitrary bytes as a model file, through the whole TF path a user's
// file takes: content detection, binary or text parsing, import, verification, the summary,
// the summarize_graph drop-in, shape inference and session preparation. Any crash, hang,
// sanitizer report or unbounded allocation is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>

#include "analysis/shape_inference.h"
#include "analysis/summary.h"
#include "base/file.h"
#include "importers/importer.h"
#include "report/summary_report.h"
#include "runtime/session.h"
#include "tools/summarize_graph/summarize_graph.h"

namespace {

// Writes the input where the loaders read it from; one file per process.
std::string ScratchFile() {
  static const std::string path = "/tmp/modelbench_fuzz_" + std::to_string(::getpid()) + ".pb";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ScratchFile();
  if (!mb::WriteFileAtomically(path, std::string_view(reinterpret_cast<const char*>(data), size))
           .ok()) {
    return 0;
  }
  {
    std::ostringstream out, log;
    std::string argv0 = "summarize_graph", flag = "--in_graph=" + path,
                structure = "--print_structure=true";
    char* argv[] = {argv0.data(), flag.data(), structure.data(), nullptr};
    mb::tools::SummarizeGraphMain(3, argv, {out, log});
  }
  mb::importers::LoadOptions options;
  options.max_tensor_bytes = uint64_t{64} << 20;  // bounded, so the fuzzer sees a clean error
  auto model = mb::importers::LoadModel(path, options);
  if (!model.ok()) return 0;
  mb::report::SummaryToJson(mb::analysis::SummarizeModel(*model));
  // Prepare with every input's declared shape, unknown dims as 1, within a small budget.
  std::vector<mb::runtime::TensorSpec> specs;
  int64_t elements = 0;
  for (mb::ir::ValueId id : model->graph.inputs()) {
    const mb::ir::Value& value = model->graph.value(id);
    if (!value.shape.rank_known() || value.shape.rank() > 6) return 0;
    mb::runtime::TensorSpec spec{value.name, value.dtype, {}};
    int64_t count = 1;
    for (const mb::ir::Dim& dim : value.shape.dims()) {
      const int64_t d = dim.is_known() ? dim.size() : 1;
      if (d > 64) return 0;
      spec.shape.push_back(d);
      count *= d;
    }
    elements += count;
    specs.push_back(std::move(spec));
  }
  if (elements > (1 << 16)) return 0;
  auto session = mb::runtime::Session::Create(std::move(model).value());
  if (!session.ok()) return 0;
  if ((*session)->Prepare(specs, {}).ok()) {
    // Outputs whose total size stays small are also run once.
    (void)(*session)->Run();
  }
  return 0;
}
