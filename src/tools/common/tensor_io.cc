#include "tools/common/tensor_io.h"

#include <cstring>

namespace mb::tools {

std::optional<ir::DType> DTypeFromNpy(const std::string& descr) {
  if (descr == "<f4") return ir::DType::kFloat32;
  if (descr == "<f8") return ir::DType::kFloat64;
  if (descr == "<f2") return ir::DType::kFloat16;
  if (descr == "<i4") return ir::DType::kInt32;
  if (descr == "<i8") return ir::DType::kInt64;
  if (descr == "<i2") return ir::DType::kInt16;
  if (descr == "<u2") return ir::DType::kUInt16;
  if (descr == "|i1") return ir::DType::kInt8;
  if (descr == "|u1") return ir::DType::kUInt8;
  if (descr == "|b1") return ir::DType::kBool;
  return std::nullopt;
}

std::string NpyDescrFromDType(ir::DType dtype) {
  switch (dtype) {
    case ir::DType::kFloat32:
      return "<f4";
    case ir::DType::kFloat64:
      return "<f8";
    case ir::DType::kFloat16:
      return "<f2";
    case ir::DType::kInt32:
      return "<i4";
    case ir::DType::kInt64:
      return "<i8";
    case ir::DType::kInt16:
      return "<i2";
    case ir::DType::kUInt16:
      return "<u2";
    case ir::DType::kInt8:
      return "|i1";
    case ir::DType::kUInt8:
      return "|u1";
    case ir::DType::kBool:
      return "|b1";
    default:
      return "";
  }
}

StatusOr<NpyArray> ViewToNpy(const ops::TensorView& view) {
  NpyArray array;
  array.dtype = NpyDescrFromDType(view.dtype);
  if (array.dtype.empty()) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(view.dtype)) +
                              " cannot be written as .npy");
  }
  array.shape = view.sizes;
  array.data.assign(static_cast<const char*>(view.data),
                    view.num_elements() * ir::DTypeSize(view.dtype));
  return array;
}

Status CopyNpyToView(const NpyArray& array, const ops::TensorView& view) {
  std::optional<ir::DType> dtype = DTypeFromNpy(array.dtype);
  if (!dtype || *dtype != view.dtype) {
    return InvalidArgumentError("has dtype " + array.dtype + ", the model expects " +
                                std::string(ir::DTypeName(view.dtype)));
  }
  if (array.shape != view.sizes) {
    return InvalidArgumentError("has shape " + ir::Shape::Static(array.shape).ToString() +
                                ", the model expects " + ir::Shape::Static(view.sizes).ToString());
  }
  std::memcpy(view.data, array.data.data(), array.data.size());
  return OkStatus();
}

std::string SafeFileName(const std::string& tensor_name) {
  std::string name = tensor_name;
  for (char& c : name) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    if (!safe) c = '_';
  }
  return name;
}

}  // namespace mb::tools
