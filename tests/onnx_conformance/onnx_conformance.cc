// Runs ONNX's backend node-test cases (generate_cases.py writes them) through modelbench:
// for each case folder it loads model.onnx, feeds test_data_set_0/input_K.pb, runs the
// engine and compares with output_K.pb at ONNX's tolerances (rtol 1e-3, atol 1e-7 for
// floats; exact for integers and bools; NaN matches NaN).
//
//   onnx_conformance CASES_DIR [--expected=FILE] [--write_passing=FILE] [--only=SUBSTRING]
//                    [--core_ops=FILE] [--verbose]
//
// Each case ends as PASS, FAIL (wrong values, or an error while preparing or running) or
// UNSUPPORTED (the importer or engine does not have an op or attribute the case needs).
// It prints one line per case that does not pass (all with --verbose), a table per op
// type, and totals. With --expected, every case named in FILE must pass, else the exit
// status is 1: CTest runs it that way, so a regression fails the build. With --core_ops
// (a whitespace-separated list of op types), it also reports the "core float32" cases: those
// whose ops are all listed and whose inputs and outputs are all float32.
//
// Inputs after the first, and every non-float input, are bound as constants before the
// model is mapped onto engine ops: the cases feed shapes, axes, indices and bounds as
// inputs where real models hold them as initializers, and the engine plans with constant
// shapes. The first float input stays a real input, so the kernels run in a real session.
//
// Each case runs in a child process with a time limit, so one crash or hang is recorded as
// a failure of that case and the run goes on.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/file.h"
#include "importers/importer.h"
#include "importers/onnx/onnx_importer.h"
#include "importers/onnx/onnx_op_table.h"
#include "importers/onnx/onnx_tensor.h"
#include "ir/graph.h"
#include "onnx.pb.h"
#include "runtime/session.h"

namespace mb {
namespace {

namespace fs = std::filesystem;

constexpr double kRtol = 1e-3;
constexpr double kAtol = 1e-7;
constexpr int kCaseTimeoutSeconds = 60;

enum class Outcome { kPass, kFail, kUnsupported };

struct CaseResult {
  Outcome outcome = Outcome::kFail;
  std::string detail;
};

StatusOr<ir::Tensor> ReadTensorFile(const fs::path& path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFile(path.string()));
  onnxproto::TensorProto proto;
  if (!proto.ParseFromString(bytes)) return InvalidArgumentError(path.string() + ": not a tensor");
  importers::onnx::TensorDecodeOptions options;
  options.max_tensor_bytes = uint64_t{1} << 30;
  return importers::onnx::DecodeOnnxTensor(&proto, options);
}

std::vector<fs::path> NumberedFiles(const fs::path& dir, const std::string& stem) {
  std::vector<fs::path> files;
  for (int k = 0;; ++k) {
    fs::path file = dir / (stem + "_" + std::to_string(k) + ".pb");
    if (!fs::exists(file)) break;
    files.push_back(file);
  }
  return files;
}

bool IsFloat(ir::DType dtype) {
  return dtype == ir::DType::kFloat32 || dtype == ir::DType::kFloat64 ||
         dtype == ir::DType::kFloat16 || dtype == ir::DType::kBFloat16;
}

// IEEE half -> double (exact: every half is a double).
double HalfToDouble(uint16_t bits) {
  const int sign = bits >> 15, exponent = (bits >> 10) & 0x1f, mantissa = bits & 0x3ff;
  double value;
  if (exponent == 0) {
    value = std::ldexp(mantissa, -24);
  } else if (exponent == 31) {
    value = mantissa == 0 ? INFINITY : NAN;
  } else {
    value = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return sign ? -value : value;
}

double ElementAsDouble(ir::DType dtype, const void* data, int64_t i) {
  switch (dtype) {
    case ir::DType::kFloat16:
      return HalfToDouble(static_cast<const uint16_t*>(data)[i]);
    case ir::DType::kBFloat16: {
      const uint32_t bits = static_cast<uint32_t>(static_cast<const uint16_t*>(data)[i]) << 16;
      float value;
      std::memcpy(&value, &bits, sizeof(value));
      return value;
    }
    case ir::DType::kFloat32:
      return static_cast<const float*>(data)[i];
    case ir::DType::kFloat64:
      return static_cast<const double*>(data)[i];
    case ir::DType::kInt32:
      return static_cast<const int32_t*>(data)[i];
    case ir::DType::kInt64:
      return static_cast<double>(static_cast<const int64_t*>(data)[i]);
    case ir::DType::kInt8:
      return static_cast<const int8_t*>(data)[i];
    case ir::DType::kUInt8:
    case ir::DType::kBool:
      return static_cast<const uint8_t*>(data)[i];
    case ir::DType::kInt16:
      return static_cast<const int16_t*>(data)[i];
    case ir::DType::kUInt16:
      return static_cast<const uint16_t*>(data)[i];
    case ir::DType::kUInt32:
      return static_cast<const uint32_t*>(data)[i];
    case ir::DType::kUInt64:
      return static_cast<double>(static_cast<const uint64_t*>(data)[i]);
    default:
      return std::nan("");
  }
}

// Compares one output; an empty string means it matches.
std::string Compare(const std::string& name, const ops::TensorView& actual,
                    const ir::Tensor& expected) {
  if (actual.dtype == ir::DType::kBFloat16 && expected.dtype() == ir::DType::kUInt16) {
    // ONNX 1.12 writes bfloat16 expectations as uint16 tensors of the same bits.
    ops::TensorView bits = actual;
    bits.dtype = ir::DType::kUInt16;
    return Compare(name, bits, expected);
  }
  if (actual.dtype != expected.dtype()) {
    return "output '" + name + "' has dtype " + std::string(ir::DTypeName(actual.dtype)) +
           ", expected " + std::string(ir::DTypeName(expected.dtype()));
  }
  if (actual.sizes != expected.sizes()) {
    std::vector<int64_t> sizes = actual.sizes;
    return "output '" + name + "' has shape " + ir::Shape::Static(sizes).ToString() +
           ", expected " + expected.shape().ToString();
  }
  if (!ir::IsPlainData(expected.dtype())) return "output '" + name + "' has an unsupported dtype";
  const bool is_float = IsFloat(expected.dtype());
  for (int64_t i = 0; i < expected.num_elements(); ++i) {
    const double a = ElementAsDouble(actual.dtype, actual.data, i);
    const double e = ElementAsDouble(expected.dtype(), expected.bytes().data(), i);
    bool ok;
    if (is_float) {
      ok = (std::isnan(a) && std::isnan(e)) || a == e ||
           std::fabs(a - e) <= kAtol + kRtol * std::fabs(e);
    } else {
      ok = a == e;
    }
    if (!ok) {
      std::ostringstream message;
      message << "output '" << name << "' element " << i << " is " << a << ", expected " << e;
      return message.str();
    }
  }
  return "";
}

bool LooksUnsupported(const Status& status) {
  return status.code() == StatusCode::kUnimplemented ||
         status.message().find("unsupported op type") != std::string::npos;
}

CaseResult RunCase(const fs::path& dir) {
  const fs::path data_dir = dir / "test_data_set_0";
  importers::LoadOptions load_options;
  load_options.map_to_engine_ops = false;
  auto model = importers::LoadModel((dir / "model.onnx").string(), load_options);
  if (!model.ok()) {
    return {LooksUnsupported(model.status()) ? Outcome::kUnsupported : Outcome::kFail,
            "import: " + model.status().message()};
  }
  std::vector<fs::path> input_files = NumberedFiles(data_dir, "input");
  std::vector<fs::path> output_files = NumberedFiles(data_dir, "output");
  ir::Graph& graph = model->graph;
  if (input_files.size() != graph.inputs().size()) {
    return {Outcome::kFail, "case has " + std::to_string(input_files.size()) +
                                " inputs, the model " + std::to_string(graph.inputs().size())};
  }

  // Bind inputs as constants (see the file comment), keeping the first float one live.
  std::vector<ir::ValueId> live_inputs;
  std::vector<std::shared_ptr<const ir::Tensor>> live_values;
  for (size_t k = 0; k < input_files.size(); ++k) {
    if (graph.value(graph.inputs()[k]).dtype == ir::DType::kInvalid) {
      return {Outcome::kUnsupported, "input '" + graph.value(graph.inputs()[k]).name +
                                         "' is not a tensor (a sequence or optional)"};
    }
    auto tensor = ReadTensorFile(input_files[k]);
    if (!tensor.ok()) return {Outcome::kFail, tensor.status().message()};
    ir::Value& value = graph.value(graph.inputs()[k]);
    // ONNX 1.12 writes bfloat16 test data as uint16 tensors of the same bits.
    if (value.dtype == ir::DType::kBFloat16 && tensor->dtype() == ir::DType::kUInt16) {
      tensor = ir::Tensor::FromBytes(ir::DType::kBFloat16, tensor->sizes(), tensor->bytes());
      if (!tensor.ok()) return {Outcome::kFail, tensor.status().message()};
    }
    auto shared = std::make_shared<const ir::Tensor>(std::move(*tensor));
    value.dtype = shared->dtype();
    value.shape = shared->shape();
    if (live_inputs.empty() && IsFloat(shared->dtype()) && shared->num_elements() > 0) {
      live_inputs.push_back(graph.inputs()[k]);
      live_values.push_back(std::move(shared));
    } else {
      value.constant = std::move(shared);
    }
  }
  graph.inputs() = live_inputs;
  const int64_t opset = importers::onnx::DefaultDomainOpset(model->info);
  importers::onnx::LegalizeOnnxGraph(opset, &graph);
  for (auto& function : graph.functions()) {
    importers::onnx::LegalizeOnnxGraph(opset, &function->body);
  }

  std::vector<std::string> output_names;
  for (ir::ValueId id : graph.outputs()) output_names.push_back(graph.value(id).name);
  if (output_files.size() != output_names.size()) {
    return {Outcome::kFail, "case has " + std::to_string(output_files.size()) +
                                " outputs, the model " + std::to_string(output_names.size())};
  }
  std::vector<runtime::TensorSpec> specs;
  for (size_t k = 0; k < live_inputs.size(); ++k) {
    specs.push_back(
        {graph.value(live_inputs[k]).name, live_values[k]->dtype(), live_values[k]->sizes()});
  }

  auto session = runtime::Session::Create(std::move(*model));
  if (!session.ok()) {
    return {LooksUnsupported(session.status()) ? Outcome::kUnsupported : Outcome::kFail,
            "create: " + session.status().message()};
  }
  Status prepared = (*session)->Prepare(specs, output_names);
  if (!prepared.ok()) {
    return {LooksUnsupported(prepared) ? Outcome::kUnsupported : Outcome::kFail,
            "prepare: " + prepared.message()};
  }
  for (size_t k = 0; k < live_values.size(); ++k) {
    std::memcpy((*session)->input(static_cast<int>(k)).data, live_values[k]->bytes().data(),
                live_values[k]->bytes().size());
  }
  Status ran = (*session)->Run();
  if (!ran.ok()) return {Outcome::kFail, "run: " + ran.message()};
  for (size_t k = 0; k < output_files.size(); ++k) {
    auto expected = ReadTensorFile(output_files[k]);
    if (!expected.ok()) return {Outcome::kFail, expected.status().message()};
    std::string mismatch =
        Compare(output_names[k], (*session)->output(static_cast<int>(k)), *expected);
    if (!mismatch.empty()) return {Outcome::kFail, mismatch};
  }
  return {Outcome::kPass, ""};
}

// RunCase in a child process: a crash, a sanitizer abort or a hang fails the case only.
CaseResult RunCaseIsolated(const fs::path& dir) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {Outcome::kFail, "pipe failed"};
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return {Outcome::kFail, "fork failed"};
  if (pid == 0) {
    ::close(pipe_fds[0]);
    ::alarm(kCaseTimeoutSeconds);
    CaseResult result = RunCase(dir);
    std::string message = std::to_string(static_cast<int>(result.outcome)) + result.detail;
    ssize_t written = ::write(pipe_fds[1], message.data(), message.size());
    (void)written;
    ::close(pipe_fds[1]);
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string message;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof(buffer))) > 0) message.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    return {Outcome::kFail, std::string("crashed: ") + strsignal(WTERMSIG(status))};
  }
  if (message.empty()) return {Outcome::kFail, "no result"};
  return {static_cast<Outcome>(message[0] - '0'), message.substr(1)};
}

// What the per-op table and the core float32 figure need to know of a case, from one load
// of its model: its op types (function bodies included), and whether every input and output
// is a float32 tensor as the model declares it (a sequence or optional is not a tensor) and
// as the data files hold it.
struct CaseFacts {
  std::set<std::string> op_types;
  bool all_float32 = false;
};

CaseFacts DescribeCase(const fs::path& dir) {
  importers::LoadOptions options;
  options.map_to_engine_ops = false;
  options.verify = false;
  auto model = importers::LoadModel((dir / "model.onnx").string(), options);
  if (!model.ok()) return {{"?"}, false};
  CaseFacts facts;
  for (const ir::Node& node : model->graph.nodes()) facts.op_types.insert(node.op_type);
  for (const auto& function : model->graph.functions()) {
    for (const ir::Node& node : function->body.nodes()) facts.op_types.insert(node.op_type);
  }
  for (const auto* ids : {&model->graph.inputs(), &model->graph.outputs()}) {
    for (ir::ValueId id : *ids) {
      if (model->graph.value(id).dtype != ir::DType::kFloat32) return facts;
    }
  }
  const fs::path data_dir = dir / "test_data_set_0";
  for (const char* stem : {"input", "output"}) {
    for (const fs::path& file : NumberedFiles(data_dir, stem)) {
      auto bytes = ReadFile(file.string());
      onnxproto::TensorProto proto;
      if (!bytes.ok() || !proto.ParseFromString(*bytes) || proto.data_type() != 1) return facts;
    }
  }
  facts.all_float32 = true;
  return facts;
}

// "+"-joined op types, the row label of the per-op table.
std::string OpLabel(const std::set<std::string>& types) {
  std::string label;
  for (const std::string& type : types) label += (label.empty() ? "" : "+") + type;
  return label;
}

// Whitespace-separated words of a file; lines starting with '#' are comments.
std::set<std::string> ReadNameList(const std::string& path) {
  std::set<std::string> names;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string word;
    while (words >> word) names.insert(word);
  }
  return names;
}

int Main(int argc, char** argv) {
  std::string cases_dir, expected_path, write_path, only, core_ops_path;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--expected=", 0) == 0) {
      expected_path = arg.substr(11);
    } else if (arg.rfind("--write_passing=", 0) == 0) {
      write_path = arg.substr(16);
    } else if (arg.rfind("--core_ops=", 0) == 0) {
      core_ops_path = arg.substr(11);
    } else if (arg.rfind("--only=", 0) == 0) {
      only = arg.substr(7);
    } else if (arg == "--verbose") {
      verbose = true;
    } else if (cases_dir.empty() && arg[0] != '-') {
      cases_dir = arg;
    } else {
      std::cerr << "error: unknown argument '" << arg << "'\n";
      return 2;
    }
  }
  if (cases_dir.empty()) {
    std::cerr << "usage: onnx_conformance CASES_DIR [--expected=FILE] [--write_passing=FILE]"
                 " [--only=SUBSTRING] [--core_ops=FILE] [--verbose]\n";
    return 2;
  }
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(cases_dir)) {
    if (!fs::exists(entry.path() / "model.onnx")) continue;
    if (!only.empty() && entry.path().filename().string().find(only) == std::string::npos) {
      continue;
    }
    cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  if (cases.empty()) {
    std::cerr << "error: " << cases_dir << ": no cases found\n";
    return 2;
  }

  struct Tally {
    int pass = 0, fail = 0, unsupported = 0;
  };
  std::map<std::string, Tally> by_op;
  Tally total;
  std::vector<std::string> passing;
  std::map<std::string, std::string> failures;
  const std::set<std::string> core_ops =
      core_ops_path.empty() ? std::set<std::string>() : ReadNameList(core_ops_path);
  Tally core;
  std::vector<std::string> core_misses;
  for (const fs::path& dir : cases) {
    const std::string name = dir.filename().string();
    CaseResult result = RunCaseIsolated(dir);
    const CaseFacts facts = DescribeCase(dir);
    Tally& op = by_op[OpLabel(facts.op_types)];
    const bool is_core =
        !core_ops.empty() && facts.all_float32 &&
        std::all_of(facts.op_types.begin(), facts.op_types.end(),
                    [&](const std::string& type) { return core_ops.contains(type); });
    if (is_core) {
      if (result.outcome == Outcome::kPass) {
        ++core.pass;
      } else {
        ++(result.outcome == Outcome::kFail ? core.fail : core.unsupported);
        core_misses.push_back(name);
      }
    }
    const char* word = "PASS";
    switch (result.outcome) {
      case Outcome::kPass:
        ++op.pass, ++total.pass;
        passing.push_back(name);
        break;
      case Outcome::kFail:
        ++op.fail, ++total.fail;
        word = "FAIL";
        failures[name] = result.detail;
        break;
      case Outcome::kUnsupported:
        ++op.unsupported, ++total.unsupported;
        word = "UNSUPPORTED";
        break;
    }
    if (verbose || result.outcome != Outcome::kPass) {
      std::cout << word << " " << name << (result.detail.empty() ? "" : ": ") << result.detail
                << "\n";
    }
  }

  std::cout << "\nop type                                    pass  fail  unsupported\n";
  for (const auto& [label, tally] : by_op) {
    char line[256];
    std::snprintf(line, sizeof(line), "%-40.40s %6d %5d %12d\n", label.c_str(), tally.pass,
                  tally.fail, tally.unsupported);
    std::cout << line;
  }
  const int all = total.pass + total.fail + total.unsupported;
  std::printf("\n%d cases: %d pass (%.1f%%), %d fail, %d unsupported\n", all, total.pass,
              100.0 * total.pass / all, total.fail, total.unsupported);

  if (!core_ops.empty()) {
    const int core_all = core.pass + core.fail + core.unsupported;
    std::printf("core float32 cases (ops of %s): %d of %d pass (%.1f%%)\n", core_ops_path.c_str(),
                core.pass, core_all, core_all > 0 ? 100.0 * core.pass / core_all : 0.0);
    for (const std::string& name : core_misses) std::printf("  not passing: %s\n", name.c_str());
  }

  if (!write_path.empty()) {
    std::string text =
        "# ONNX backend node-test cases that pass (tests/onnx_conformance/README.md).\n";
    for (const std::string& name : passing) text += name + "\n";
    Status written = WriteFileAtomically(write_path, text);
    if (!written.ok()) {
      std::cerr << "error: " << written.message() << "\n";
      return 2;
    }
  }
  if (!expected_path.empty()) {
    const std::set<std::string> expected = ReadNameList(expected_path);
    const std::set<std::string> passed(passing.begin(), passing.end());
    int regressions = 0;
    for (const std::string& name : expected) {
      if (!only.empty() && name.find(only) == std::string::npos) continue;
      if (!passed.contains(name)) {
        ++regressions;
        std::cout << "REGRESSION " << name << ": "
                  << (failures.contains(name) ? failures[name] : "not passing") << "\n";
      }
    }
    if (regressions > 0) {
      std::cout << regressions << " expected case(s) no longer pass\n";
      return 1;
    }
    std::cout << "all " << expected.size() << " expected cases pass\n";
  }
  return 0;
}

}  // namespace
}  // namespace mb

int main(int argc, char** argv) { return mb::Main(argc, argv); }
