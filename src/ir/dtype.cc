#include "ir/dtype.h"

namespace mb::ir {
namespace {

struct DTypeInfo {
  std::string_view name;
  size_t size;
};

constexpr DTypeInfo kDTypeInfo[] = {
#define MB_DTYPE_INFO(name, text, size) {text, size},
    MB_DTYPE_LIST(MB_DTYPE_INFO)
#undef MB_DTYPE_INFO
};

constexpr size_t kNumDTypes = sizeof(kDTypeInfo) / sizeof(kDTypeInfo[0]);

}  // namespace

std::string_view DTypeName(DType dtype) {
  size_t index = static_cast<size_t>(dtype);
  return index < kNumDTypes ? kDTypeInfo[index].name : "invalid";
}

std::optional<DType> DTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kNumDTypes; ++i) {
    if (kDTypeInfo[i].name == name) return static_cast<DType>(i);
  }
  return std::nullopt;
}

size_t DTypeSize(DType dtype) {
  size_t index = static_cast<size_t>(dtype);
  return index < kNumDTypes ? kDTypeInfo[index].size : 0;
}

bool IsFloatingPoint(DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
    case DType::kFloat64:
    case DType::kFloat16:
    case DType::kBFloat16:
    case DType::kFloat8E5M2:
    case DType::kFloat8E4M3FN:
    case DType::kFloat8E4M3FNUZ:
    case DType::kFloat8E4M3B11FNUZ:
    case DType::kFloat8E5M2FNUZ:
    case DType::kFloat4E2M1FN:
      return true;
    default:
      return false;
  }
}

}  // namespace mb::ir
