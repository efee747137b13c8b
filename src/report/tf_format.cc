#include "report/tf_format.h"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "base/strings.h"

namespace mb::report {
namespace {

using ir::DType;

float HalfToFloat(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000) << 16;
  const int exponent = (bits >> 10) & 0x1f;
  uint32_t mantissa = bits & 0x3ff;
  uint32_t out;
  if (exponent == 0x1f) {
    out = sign | 0x7f800000 | (mantissa << 13);
  } else if (exponent != 0) {
    out = sign | (static_cast<uint32_t>(exponent - 15 + 127) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    out = sign;
  } else {
    // Subnormal half: normalise into float's exponent range.
    int shift = 0;
    while ((mantissa & 0x400) == 0) {
      mantissa <<= 1;
      ++shift;
    }
    mantissa &= 0x3ff;
    out = sign | (static_cast<uint32_t>(127 - 15 - shift + 1) << 23) | (mantissa << 13);
  }
  float value;
  std::memcpy(&value, &out, sizeof(value));
  return value;
}

float BFloat16ToFloat(uint16_t bits) {
  uint32_t out = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &out, sizeof(value));
  return value;
}

// One element as TF's PrintOneElement (non-v2) writes it; "?" where TF has no printer.
std::string FormatElement(const ir::Tensor& tensor, int64_t i) {
  switch (tensor.dtype()) {
    case DType::kFloat32:
      return TfFloatToString(tensor.At<float>(i));
    case DType::kFloat64:
      return TfDoubleToString(tensor.At<double>(i));
    case DType::kFloat16:
      return TfFloatToString(HalfToFloat(tensor.At<uint16_t>(i)));
    case DType::kBFloat16:
      return TfFloatToString(BFloat16ToFloat(tensor.At<uint16_t>(i)));
    case DType::kInt8:
      return std::to_string(tensor.At<int8_t>(i));
    case DType::kUInt8:
      return std::to_string(tensor.At<uint8_t>(i));
    case DType::kInt16:
      return std::to_string(tensor.At<int16_t>(i));
    case DType::kUInt16:
      return std::to_string(tensor.At<uint16_t>(i));
    case DType::kInt32:
      return std::to_string(tensor.At<int32_t>(i));
    case DType::kUInt32:
      return std::to_string(tensor.At<uint32_t>(i));
    case DType::kInt64:
      return std::to_string(tensor.At<int64_t>(i));
    case DType::kUInt64:
      return std::to_string(tensor.At<uint64_t>(i));
    case DType::kBool:
      return tensor.At<uint8_t>(i) ? "1" : "0";
    case DType::kString:
      return Utf8SafeCEscape(tensor.strings()[i]);
    default:
      return "?";
  }
}

// TF's PrintOneDim: nested brackets per dimension, elements of the innermost dimension
// separated by spaces, and "..." where the element limit cuts an inner dimension short.
void PrintOneDim(const ir::Tensor& tensor, size_t dim_index, int64_t limit, int64_t* data_index,
                 std::string* out) {
  if (*data_index >= limit) return;
  const std::vector<int64_t>& sizes = tensor.sizes();
  const int64_t count = sizes[dim_index];
  if (dim_index == sizes.size() - 1) {
    for (int64_t i = 0; i < count; ++i) {
      if (*data_index >= limit) {
        if (dim_index != 0) *out += "...";
        return;
      }
      if (i > 0) *out += " ";
      *out += FormatElement(tensor, (*data_index)++);
    }
    return;
  }
  for (int64_t i = 0; i < count; ++i) {
    bool opened = false;
    if (*data_index < limit) {
      *out += "[";
      opened = true;
    }
    PrintOneDim(tensor, dim_index + 1, limit, data_index, out);
    if (*data_index < limit || opened) *out += "]";
  }
}

bool HasElementPrinter(DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
    case DType::kFloat64:
    case DType::kFloat16:
    case DType::kBFloat16:
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kInt16:
    case DType::kUInt16:
    case DType::kInt32:
    case DType::kUInt32:
    case DType::kInt64:
    case DType::kUInt64:
    case DType::kBool:
    case DType::kString:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string TfHumanReadableNum(int64_t value) {
  std::string sign;
  uint64_t magnitude = static_cast<uint64_t>(value);
  if (value < 0) {
    sign = "-";
    magnitude = 0 - magnitude;
  }
  char buffer[64];
  if (magnitude < 1000) {
    std::snprintf(buffer, sizeof(buffer), "%llu", static_cast<unsigned long long>(magnitude));
  } else if (magnitude >= 1000000000000000ULL) {
    std::snprintf(buffer, sizeof(buffer), "%0.3G", static_cast<double>(magnitude));
  } else {
    // Integer divisions first, rounding only at the end: 999,999 prints as "1000.00k".
    static constexpr char kUnits[] = {'k', 'M', 'B', 'T'};
    int unit = 0;
    while (magnitude >= 1000000) {
      magnitude /= 1000;
      ++unit;
    }
    std::snprintf(buffer, sizeof(buffer), "%.2f%c", static_cast<double>(magnitude) / 1000.0,
                  kUnits[unit]);
  }
  return sign + buffer;
}

std::string TfFloatToString(float value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.*g", FLT_DIG, static_cast<double>(value));
  if (std::isfinite(value) && std::strtof(buffer, nullptr) != value) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", FLT_DIG + 3, static_cast<double>(value));
  }
  return buffer;
}

std::string TfDoubleToString(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%.*g", DBL_DIG, value);
  if (std::isfinite(value) && std::strtod(buffer, nullptr) != value) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", DBL_DIG + 2, value);
  }
  return buffer;
}

std::string TfSummarizeValue(const ir::Tensor& tensor, int64_t max_entries) {
  const int64_t num_elements = tensor.num_elements();
  if (max_entries < 0) max_entries = num_elements;
  const int64_t limit = std::min(max_entries, num_elements);
  std::string out;
  if (!HasElementPrinter(tensor.dtype()) || tensor.sizes().empty()) {
    for (int64_t i = 0; i < limit; ++i) {
      if (i > 0) out += " ";
      out += HasElementPrinter(tensor.dtype()) ? FormatElement(tensor, i) : "?";
    }
  } else {
    int64_t data_index = 0;
    PrintOneDim(tensor, 0, limit, &data_index, &out);
  }
  if (num_elements > limit) out += "...";
  return out;
}

std::string TfTensorDebugString(const ir::Tensor& tensor, const std::string& tf_type_name) {
  return "Tensor<type: " + tf_type_name + " shape: " + tensor.shape().ToString() +
         " values: " + TfSummarizeValue(tensor, 3) + ">";
}

}  // namespace mb::report
