// Number and tensor formatting exactly as TensorFlow's tools print them, for the drop-in
// summarize_graph and benchmark_model (shared/spec/tf-tools.md 1.8 and 4.9).
#ifndef MODELBENCH_REPORT_TF_FORMAT_H_
#define MODELBENCH_REPORT_TF_FORMAT_H_

#include <cstdint>
#include <string>

#include "ir/tensor.h"

namespace mb::report {

// strings::HumanReadableNum: 999 -> "999", 438536 -> "438.54k", 82154321 -> "82.15M".
std::string TfHumanReadableNum(int64_t value);

// TF's float-to-text: "%.6g", or "%.9g" when six digits do not read back as the same float.
std::string TfFloatToString(float value);
// The same for doubles: "%.15g", else "%.17g".
std::string TfDoubleToString(double value);

// Tensor::SummarizeValue(max_entries) in its original (non-v2) form: "a b c..." for a
// vector, "[[[a b c...]]]..." for a 4-D tensor.
std::string TfSummarizeValue(const ir::Tensor& tensor, int64_t max_entries);

// Tensor::DebugString(): "Tensor<type: float shape: [3,3] values: [1 2 3]...>".
// `tf_type_name` is TF's DataTypeString of the tensor's dtype.
std::string TfTensorDebugString(const ir::Tensor& tensor, const std::string& tf_type_name);

}  // namespace mb::report

#endif  // MODELBENCH_REPORT_TF_FORMAT_H_
