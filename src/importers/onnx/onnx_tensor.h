// ONNX TensorProto -> ir::Tensor: every data type ONNX stores, from raw_data, from the typed
// repeated fields, or from an external data file beside the model.
#ifndef MODELBENCH_IMPORTERS_ONNX_ONNX_TENSOR_H_
#define MODELBENCH_IMPORTERS_ONNX_ONNX_TENSOR_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "ir/dtype.h"
#include "ir/tensor.h"
#include "onnx.pb.h"

namespace mb::importers::onnx {

// TensorProto.DataType -> ir::DType; nullopt for values ONNX does not define.
std::optional<ir::DType> DTypeFromOnnx(int32_t onnx_dtype);
// ir::DType -> TensorProto.DataType; 0 (UNDEFINED) for types ONNX does not have.
int32_t OnnxDTypeFromIr(ir::DType dtype);

struct TensorDecodeOptions {
  // A tensor larger than this is refused before anything is allocated.
  uint64_t max_tensor_bytes = 0;
  // Folder of the model file: external data paths are relative to it and must stay inside
  // it. Empty: external data is refused.
  std::string model_dir;
};

// Decodes `proto`, consuming its data fields (moved, not copied, where possible). Errors
// name the problem, not the tensor (callers add the name).
StatusOr<ir::Tensor> DecodeOnnxTensor(onnxproto::TensorProto* proto,
                                      const TensorDecodeOptions& options);

}  // namespace mb::importers::onnx

#endif  // MODELBENCH_IMPORTERS_ONNX_ONNX_TENSOR_H_
