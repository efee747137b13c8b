// Moving tensors between .npy files and a Session's input and output buffers.
#ifndef MODELBENCH_TOOLS_COMMON_TENSOR_IO_H_
#define MODELBENCH_TOOLS_COMMON_TENSOR_IO_H_

#include <optional>
#include <string>

#include "base/npy.h"
#include "base/status.h"
#include "ir/dtype.h"
#include "ops/op_def.h"

namespace mb::tools {

// numpy descr ("<f4") <-> DType; nullopt / empty for types we do not map.
std::optional<ir::DType> DTypeFromNpy(const std::string& descr);
std::string NpyDescrFromDType(ir::DType dtype);

// The contents of `view` as an .npy array.
StatusOr<NpyArray> ViewToNpy(const ops::TensorView& view);

// Copies `array` into `view`, whose dtype and shape it must match exactly.
Status CopyNpyToView(const NpyArray& array, const ops::TensorView& view);

// A file name for a tensor: every character outside [A-Za-z0-9._-] becomes '_'.
std::string SafeFileName(const std::string& tensor_name);

}  // namespace mb::tools

#endif  // MODELBENCH_TOOLS_COMMON_TENSOR_IO_H_
