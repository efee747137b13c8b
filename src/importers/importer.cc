#include "importers/importer.h"

#include "base/file.h"
#include "importers/onnx/onnx_importer.h"
#include "importers/tensorflow/graphdef_importer.h"
#include "importers/tensorflow/graphdef_loader.h"
#include "ir/verifier.h"

namespace mb::importers {
namespace {

StatusOr<ir::Model> LoadTensorFlow(const std::string& path, const LoadOptions& options) {
  ASSIGN_OR_RETURN(tf::LoadedGraphDef loaded, tf::LoadGraphDef(path));
  ir::Model model;
  model.info.path = path;
  model.info.file_bytes = loaded.file_bytes;
  model.info.format = loaded.encoding == tf::GraphDefEncoding::kBinary
                          ? "TensorFlow GraphDef (binary)"
                          : "TensorFlow GraphDef (text)";
  if (loaded.graph_def.has_versions()) {
    model.info.producer =
        "TensorFlow GraphDef version " + std::to_string(loaded.graph_def.versions().producer());
    model.info.properties["graph_def_producer"] =
        std::to_string(loaded.graph_def.versions().producer());
  }
  tf::ImportOptions import_options;
  import_options.max_tensor_bytes = options.max_tensor_bytes;
  import_options.map_to_engine_ops = options.map_to_engine_ops;
  ASSIGN_OR_RETURN(model.graph, tf::ImportGraphDef(std::move(loaded.graph_def), import_options));
  return model;
}

StatusOr<ir::Model> LoadOnnx(const std::string& path, const LoadOptions& options) {
  onnx::ImportOptions import_options;
  import_options.max_tensor_bytes = options.max_tensor_bytes;
  import_options.map_to_engine_ops = options.map_to_engine_ops;
  return onnx::ImportOnnxFile(path, import_options);
}

// The format, from the file's first bytes: ONNX models start with their IR version; other
// protobuf or text files are read as TF GraphDefs (whose loader tells binary from text).
StatusOr<ir::Model> LoadByContent(const std::string& path, const LoadOptions& options) {
  ASSIGN_OR_RETURN(uint64_t size, RegularFileSize(path));
  if (size > 0) {
    ASSIGN_OR_RETURN(std::string head, ReadFileHead(path, 16));
    if (onnx::LooksLikeOnnx(head)) return LoadOnnx(path, options);
  }
  return LoadTensorFlow(path, options);
}

}  // namespace

StatusOr<ir::Model> LoadModel(const std::string& path, const LoadOptions& options) {
  auto model = LoadByContent(path, options);
  if (!model.ok()) return model.status().WithContext(path);
  if (options.verify) {
    RETURN_IF_ERROR_WITH_CONTEXT(ir::VerifyGraph(model->graph), path);
  }
  return model;
}

}  // namespace mb::importers
