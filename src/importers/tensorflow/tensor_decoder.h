// TensorFlow TensorProto and TensorShapeProto decoding, with TensorFlow's own rules
// (Tensor::FromProto, shared/spec/tf-tools.md 5.4): raw `tensor_content` wins; otherwise the
// typed `*_val` field, where a short list repeats its last value and an empty one means zeros.
#ifndef MODELBENCH_IMPORTERS_TENSORFLOW_TENSOR_DECODER_H_
#define MODELBENCH_IMPORTERS_TENSORFLOW_TENSOR_DECODER_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "ir/dtype.h"
#include "ir/shape.h"
#include "ir/tensor.h"
#include "tensor.pb.h"

namespace mb::importers::tf {

// TF's DataType enum value to ours; *_REF types map to their base type. nullopt for values
// TensorFlow does not define.
std::optional<ir::DType> DTypeFromTf(int tf_dtype);

// TF's DataTypeString: "float", "int32", "float_ref", "INVALID", or
// "unknown dtype enum (<n>)".
std::string TfDataTypeString(int tf_dtype);

// A TensorShapeProto as a partial shape. Errors: a dim below -1, unknown rank with dims,
// rank above 254.
StatusOr<ir::Shape> ShapeFromTf(const tfproto::TensorShapeProto& proto);

// The element count TF's Tensor::FromProto would produce, or the reason it would fail,
// without allocating the tensor. Summaries use this to count parameters.
StatusOr<int64_t> CheckTensorProto(const tfproto::TensorProto& proto);

// Decodes to an IR tensor. `proto` may be consumed: its tensor_content is moved, not copied.
// Tensors over `max_bytes` are refused before anything is allocated.
StatusOr<ir::Tensor> DecodeTensorProto(tfproto::TensorProto* proto, uint64_t max_bytes);

}  // namespace mb::importers::tf

#endif  // MODELBENCH_IMPORTERS_TENSORFLOW_TENSOR_DECODER_H_
