// libFuzzer harness: arbitrary bytes as a .onnx file, through the path a user's ONNX model
// takes: content detection, protobuf parsing, import (initializers, subgraphs, external data,
// op table legalization), verification, the summary, shape inference with the declared shapes
// and session preparation with concrete ones. Any crash, hang, sanitizer report or unbounded
// allocation is a finding. Budgets stay small so that a clean error is the expected outcome
// for anything large.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/shape_inference.h"
#include "analysis/summary.h"
#include "base/file.h"
#include "importers/importer.h"
#include "report/summary_report.h"
#include "runtime/session.h"

namespace {

// The input is written as model.onnx in a directory of its own, so that external data (which
// must lie beside the model) can only ever name the model file itself: runs do not depend on
// what else is in /tmp.
std::string ScratchFile() {
  static const std::string path = [] {
    const std::string dir = "/tmp/modelbench_fuzz_onnx_" + std::to_string(::getpid());
    ::mkdir(dir.c_str(), 0700);
    return dir + "/model.onnx";
  }();
  return path;
}

mb::importers::LoadOptions Options() {
  mb::importers::LoadOptions options;
  options.max_tensor_bytes = uint64_t{64} << 20;  // bounded, so the fuzzer sees a clean error
  return options;
}

// Prepares (and, when that succeeds, runs once) a session with every input's declared shape,
// unknown dims as 1, within a small budget.
void PrepareAndRun(mb::ir::Model model) {
  std::vector<mb::runtime::TensorSpec> specs;
  int64_t elements = 0;
  for (mb::ir::ValueId id : model.graph.inputs()) {
    const mb::ir::Value& value = model.graph.value(id);
    if (!value.shape.rank_known() || value.shape.rank() > 6) return;
    mb::runtime::TensorSpec spec{value.name, value.dtype, {}};
    if (spec.dtype == mb::ir::DType::kInvalid) spec.dtype = mb::ir::DType::kFloat32;
    int64_t count = 1;
    for (const mb::ir::Dim& dim : value.shape.dims()) {
      const int64_t d = dim.is_known() ? dim.size() : 1;
      if (d > 64) return;
      spec.shape.push_back(d);
      count *= d;
    }
    elements += count;
    specs.push_back(std::move(spec));
  }
  if (elements > (1 << 16)) return;
  auto session = mb::runtime::Session::Create(std::move(model));
  if (!session.ok()) return;
  if ((*session)->Prepare(specs, {}).ok()) (void)(*session)->Run();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ScratchFile();
  if (!mb::WriteFileAtomically(path, std::string_view(reinterpret_cast<const char*>(data), size))
           .ok()) {
    return 0;
  }
  {
    auto model = mb::importers::LoadModel(path, Options());
    if (!model.ok()) return 0;
    mb::report::SummaryToJson(mb::analysis::SummarizeModel(*model));
    mb::analysis::ShapeInferenceOptions inference;
    inference.max_folded_bytes = int64_t{1} << 16;
    (void)mb::analysis::InferShapes(&model->graph, inference);
  }
  // A fresh load: shape inference above stored folded constants in the graph, and the session
  // must see the graph as the importer made it.
  auto model = mb::importers::LoadModel(path, Options());
  if (model.ok()) PrepareAndRun(std::move(model).value());
  return 0;
}
