// `modelbench run`: one run on .npy inputs, outputs written as .npy.
#include <filesystem>

#include "base/npy.h"
#include "importers/importer.h"
#include "runtime/session.h"
#include "tools/common/tensor_io.h"
#include "tools/modelbench/cli_util.h"

namespace mb::tools {

// `modelbench run`: feed .npy inputs, run once, write each output as .npy.
int RunModel(const std::vector<std::string>& args, const CliIo& io) {
  auto parsed = ParseArgs(
      args, 1, {"input", "output", "output-dir", "num_threads", "memory_limit_mb"}, io.err);
  if (!parsed) return kExitUsage;
  if (parsed->positional.size() != 1) {
    io.err << "error: run takes exactly one model file\n" << kUsage;
    return kExitUsage;
  }
  const std::string output_dir = parsed->Get("output-dir", "");
  if (output_dir.empty()) {
    io.err << "error: run needs --output-dir DIR\n";
    return kExitUsage;
  }
  auto threads = ParseThreads(*parsed);
  if (!threads.ok()) {
    io.err << "error: " << threads.status().message() << "\n";
    return kExitUsage;
  }
  const std::string& model_path = parsed->positional[0];
  auto fail = [&](const std::string& where, const Status& status) {
    io.err << "error: " << (where.empty() ? "" : where + ": ") << status.message() << "\n";
    return kExitError;
  };

  // Inputs: NAME=FILE.npy.
  std::vector<runtime::TensorSpec> specs;
  std::vector<NpyArray> arrays;
  for (const std::string& input : parsed->All("input")) {
    const size_t equals = input.find('=');
    if (equals == std::string::npos || equals == 0) {
      io.err << "error: --input wants NAME=FILE.npy, got '" << input << "'\n";
      return kExitUsage;
    }
    const std::string name = input.substr(0, equals);
    const std::string file = input.substr(equals + 1);
    auto array = ReadNpy(file);
    if (!array.ok()) return fail(file, array.status());
    std::optional<ir::DType> dtype = DTypeFromNpy(array->dtype);
    if (!dtype) return fail(file, UnimplementedError("unsupported .npy dtype " + array->dtype));
    specs.push_back({name, *dtype, array->shape});
    arrays.push_back(std::move(array).value());
  }

  auto model = importers::LoadModel(model_path);
  if (!model.ok()) return fail("", model.status());
  runtime::SessionOptions options;
  options.num_threads = *threads;
  if (Status limit = ParseMemoryLimit(*parsed, &options); !limit.ok()) {
    io.err << "error: " << limit.message() << "\n";
    return kExitUsage;
  }
  auto session = runtime::Session::Create(std::move(model).value(), options);
  if (!session.ok()) return fail(model_path, session.status());
  Status prepared = (*session)->Prepare(specs, parsed->All("output"));
  if (!prepared.ok()) return fail(model_path, prepared);
  // Every input the model needs must have been given.
  if ((*session)->num_inputs() > static_cast<int>(specs.size())) {
    return fail(model_path, InvalidArgumentError(
                                "input '" + (*session)->input_name(static_cast<int>(specs.size())) +
                                "' was not given (use --input NAME=FILE.npy)"));
  }
  for (size_t i = 0; i < arrays.size(); ++i) {
    Status copied = CopyNpyToView(arrays[i], (*session)->input(static_cast<int>(i)));
    if (!copied.ok()) return fail(parsed->All("input")[i], copied);
  }
  Status ran = (*session)->Run();
  if (!ran.ok()) return fail(model_path, ran);

  std::error_code error;
  std::filesystem::create_directories(output_dir, error);
  if (error) return fail(output_dir, InvalidArgumentError(error.message()));
  for (int i = 0; i < (*session)->num_outputs(); ++i) {
    const std::string path = output_dir + "/" + SafeFileName((*session)->output_name(i)) + ".npy";
    auto array = ViewToNpy((*session)->output(i));
    if (!array.ok()) return fail((*session)->output_name(i), array.status());
    Status written = WriteNpy(path, *array);
    if (!written.ok()) return fail("", written);
    io.out << path << "\n";
  }
  return kExitOk;
}

}  // namespace mb::tools
