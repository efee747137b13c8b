// opencv_tf_reference: runs a TensorFlow frozen graph through OpenCV's dnn module and writes
// the outputs as .npy, so that tests can check modelbench's engine against an implementation
// nobody here wrote.
//
//   opencv_tf_reference MODEL.pb INPUT_NAME INPUT.npy OUTPUT_NAME OUT.npy [OUTPUT_NAME OUT.npy...]
//
// The input is float32 in TF's layout (NHWC for 4-D). OpenCV's TF importer converts the graph
// to NCHW internally and expects NCHW input blobs (tf_importer.cpp swaps a 4-D Placeholder's
// shape from NHWC to NCHW), so 4-D inputs are transposed to NCHW before setInput and 4-D
// outputs back to NHWC; other ranks pass through unchanged. A tensor name's ":0" suffix is
// dropped, because OpenCV names outputs by layer. Exit status 0 on success, 1 on any error
// (with one line on stderr that says what failed), 2 on bad usage.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

// OpenCV 4.6's headers add enums of different types, which C++20 deprecates, and use C11's
// _Atomic, which Clang's -Wpedantic flags; with -Werror either would fail the build whenever
// they are not included as system headers.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-enum-enum-conversion"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>
#pragma GCC diagnostic pop

#include "base/file.h"
#include "base/npy.h"
#include "base/status.h"

namespace mb {
namespace {

struct OutputRequest {
  std::string name;
  std::string path;
};

// "conv1/Relu:0" -> "conv1/Relu". Only output 0 has a plain layer name in OpenCV.
StatusOr<std::string> LayerName(const std::string& tensor_name) {
  size_t colon = tensor_name.rfind(':');
  if (colon == std::string::npos) return tensor_name;
  std::string index = tensor_name.substr(colon + 1);
  if (index != "0") {
    return UnimplementedError("tensor '" + tensor_name +
                              "': only output 0 of a node can be requested by name");
  }
  return tensor_name.substr(0, colon);
}

// Copies `source` (dims d0..d3, C order) into a new array whose dim i is source dim perm[i].
std::vector<float> Transpose4D(const float* source, const int dims[4], const int perm[4]) {
  int64_t strides[4];
  strides[3] = 1;
  for (int i = 2; i >= 0; --i) strides[i] = strides[i + 1] * dims[i + 1];
  int out_dims[4];
  int64_t out_source_strides[4];
  for (int i = 0; i < 4; ++i) {
    out_dims[i] = dims[perm[i]];
    out_source_strides[i] = strides[perm[i]];
  }
  std::vector<float> out(static_cast<size_t>(dims[0]) * dims[1] * dims[2] * dims[3]);
  size_t next = 0;
  for (int a = 0; a < out_dims[0]; ++a) {
    for (int b = 0; b < out_dims[1]; ++b) {
      for (int c = 0; c < out_dims[2]; ++c) {
        const float* row = source + a * out_source_strides[0] + b * out_source_strides[1] +
                           c * out_source_strides[2];
        for (int d = 0; d < out_dims[3]; ++d) out[next++] = row[d * out_source_strides[3]];
      }
    }
  }
  return out;
}

constexpr int kNhwcToNchw[4] = {0, 3, 1, 2};
constexpr int kNchwToNhwc[4] = {0, 2, 3, 1};

// The input as an OpenCV blob: float32, NCHW when 4-D.
StatusOr<cv::Mat> InputBlob(const NpyArray& input) {
  if (input.dtype != "<f4") {
    return UnimplementedError("input dtype is '" + input.dtype + "'; only '<f4' is supported");
  }
  if (input.shape.empty()) return UnimplementedError("0-d (scalar) input is not supported");
  std::vector<int> dims;
  for (int64_t dim : input.shape) {
    if (dim > INT32_MAX) return InvalidArgumentError("input dimension too large for OpenCV");
    dims.push_back(static_cast<int>(dim));
  }
  const auto* data = reinterpret_cast<const float*>(input.data.data());
  if (dims.size() == 4) {
    std::vector<float> nchw = Transpose4D(data, dims.data(), kNhwcToNchw);
    int nchw_dims[4] = {dims[0], dims[3], dims[1], dims[2]};
    return cv::Mat(4, nchw_dims, CV_32F, nchw.data()).clone();
  }
  // A 1-D cv::Mat is really 2-D, so give OpenCV at least two dims.
  if (dims.size() == 1) dims.insert(dims.begin(), 1);
  return cv::Mat(static_cast<int>(dims.size()), dims.data(), CV_32F, const_cast<float*>(data))
      .clone();
}

// An OpenCV output blob as a TF-layout array: NHWC when 4-D.
StatusOr<NpyArray> OutputArray(const cv::Mat& blob) {
  if (blob.type() != CV_32F) {
    return UnimplementedError("OpenCV produced a non-float32 blob (type " +
                              std::to_string(blob.type()) + ")");
  }
  cv::Mat contiguous = blob.isContinuous() ? blob : blob.clone();
  NpyArray array;
  array.dtype = "<f4";
  std::vector<int> dims(contiguous.size.p, contiguous.size.p + contiguous.dims);
  const auto* data = reinterpret_cast<const float*>(contiguous.data);
  size_t count = contiguous.total();
  if (dims.size() == 4) {
    std::vector<float> nhwc = Transpose4D(data, dims.data(), kNchwToNhwc);
    array.shape = {dims[0], dims[2], dims[3], dims[1]};
    array.data.assign(reinterpret_cast<const char*>(nhwc.data()), count * sizeof(float));
  } else {
    array.shape.assign(dims.begin(), dims.end());
    array.data.assign(reinterpret_cast<const char*>(data), count * sizeof(float));
  }
  return array;
}

Status Run(const std::string& model_path, const std::string& input_name,
           const std::string& input_path, const std::vector<OutputRequest>& requests) {
  auto model = ReadFile(model_path);
  if (!model.ok()) return model.status().WithContext(model_path);
  auto input = ReadNpy(input_path);
  if (!input.ok()) return input.status().WithContext(input_path);
  ASSIGN_OR_RETURN(cv::Mat input_blob, InputBlob(*input));
  ASSIGN_OR_RETURN(std::string input_layer, LayerName(input_name));
  std::vector<std::string> output_layers;
  for (const OutputRequest& request : requests) {
    ASSIGN_OR_RETURN(std::string layer, LayerName(request.name));
    output_layers.push_back(layer);
  }

  // OpenCV reports failure by throwing cv::Exception; this is the one place that catches it.
  std::vector<cv::Mat> outputs;
  try {
    cv::dnn::Net net = cv::dnn::readNetFromTensorflow(model->data(), model->size());
    if (net.empty()) return InvalidArgumentError(model_path + ": OpenCV imported an empty net");
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    // OpenCV's own message for an unknown layer is "Layer with requested id=-1 not found".
    for (size_t i = 0; i < output_layers.size(); ++i) {
      if (net.getLayerId(output_layers[i]) >= 0) continue;
      std::string candidates;
      for (const cv::String& name : net.getUnconnectedOutLayersNames()) {
        candidates += (candidates.empty() ? "" : ", ") + name;
      }
      // The importer folds Identity nodes away (tf_graph_simplifier.cpp, RemoveIdentityOps),
      // so a graph's usual final Identity is no layer of OpenCV's.
      return NotFoundError("output '" + requests[i].name + "': OpenCV's net has no layer '" +
                           output_layers[i] +
                           "' (it removes Identity nodes; name the node feeding one); its "
                           "final layers are: " +
                           candidates);
    }
    net.setInput(input_blob, input_layer);
    net.forward(outputs, std::vector<cv::String>(output_layers.begin(), output_layers.end()));
  } catch (const cv::Exception& e) {
    // e.what() spans lines; the description and function name say it in one.
    return InternalError(model_path + ": OpenCV: " + e.err + " (in " + e.func + ")");
  } catch (const std::exception& e) {
    return InternalError(model_path + ": OpenCV: " + e.what());
  }
  if (outputs.size() != requests.size()) {
    return InternalError("OpenCV returned " + std::to_string(outputs.size()) + " outputs for " +
                         std::to_string(requests.size()) + " requested");
  }
  for (size_t i = 0; i < requests.size(); ++i) {
    auto array = OutputArray(outputs[i]);
    if (!array.ok()) return array.status().WithContext(requests[i].name);
    RETURN_IF_ERROR(WriteNpy(requests[i].path, *array));
    std::string shape;
    for (int64_t dim : array->shape) shape += (shape.empty() ? "" : ",") + std::to_string(dim);
    std::printf("%s: [%s] -> %s\n", requests[i].name.c_str(), shape.c_str(),
                requests[i].path.c_str());
  }
  return OkStatus();
}

}  // namespace
}  // namespace mb

int main(int argc, char** argv) {
  if (argc < 6 || (argc - 4) % 2 != 0) {
    std::fprintf(stderr,
                 "usage: %s MODEL.pb INPUT_NAME INPUT.npy OUTPUT_NAME OUT.npy "
                 "[OUTPUT_NAME OUT.npy ...]\n",
                 argv[0]);
    return 2;
  }
  std::vector<mb::OutputRequest> requests;
  for (int i = 4; i + 1 < argc; i += 2) requests.push_back({argv[i], argv[i + 1]});
  mb::Status status = mb::Run(argv[1], argv[2], argv[3], requests);
  if (!status.ok()) {
    std::fprintf(stderr, "error: %s\n", status.message().c_str());
    return 1;
  }
  return 0;
}
