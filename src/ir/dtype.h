// DType: the element types of tensors, format-neutral. Importers map their own enums onto it
// (TF DataType, ONNX TensorProto.DataType, TFLite TensorType).
#ifndef MODELBENCH_IR_DTYPE_H_
#define MODELBENCH_IR_DTYPE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mb::ir {

// X-macro: enumerator, canonical name, bytes per element as stored (0 = not plain data;
// sub-byte types are stored one element per byte).
#define MB_DTYPE_LIST(X)                         \
  X(kInvalid, "invalid", 0)                      \
  X(kFloat32, "float32", 4)                      \
  X(kFloat64, "float64", 8)                      \
  X(kFloat16, "float16", 2)                      \
  X(kBFloat16, "bfloat16", 2)                    \
  X(kInt8, "int8", 1)                            \
  X(kInt16, "int16", 2)                          \
  X(kInt32, "int32", 4)                          \
  X(kInt64, "int64", 8)                          \
  X(kUInt8, "uint8", 1)                          \
  X(kUInt16, "uint16", 2)                        \
  X(kUInt32, "uint32", 4)                        \
  X(kUInt64, "uint64", 8)                        \
  X(kBool, "bool", 1)                            \
  X(kString, "string", 0)                        \
  X(kComplex64, "complex64", 8)                  \
  X(kComplex128, "complex128", 16)               \
  X(kQInt8, "qint8", 1)                          \
  X(kQUInt8, "quint8", 1)                        \
  X(kQInt16, "qint16", 2)                        \
  X(kQUInt16, "quint16", 2)                      \
  X(kQInt32, "qint32", 4)                        \
  X(kFloat8E5M2, "float8_e5m2", 1)               \
  X(kFloat8E4M3FN, "float8_e4m3fn", 1)           \
  X(kFloat8E4M3FNUZ, "float8_e4m3fnuz", 1)       \
  X(kFloat8E4M3B11FNUZ, "float8_e4m3b11fnuz", 1) \
  X(kFloat8E5M2FNUZ, "float8_e5m2fnuz", 1)       \
  X(kInt4, "int4", 1)                            \
  X(kUInt4, "uint4", 1)                          \
  X(kInt2, "int2", 1)                            \
  X(kUInt2, "uint2", 1)                          \
  X(kFloat4E2M1FN, "float4_e2m1fn", 1)           \
  X(kResource, "resource", 0)                    \
  X(kVariant, "variant", 0)

enum class DType : uint8_t {
#define MB_DTYPE_ENUM(name, text, size) name,
  MB_DTYPE_LIST(MB_DTYPE_ENUM)
#undef MB_DTYPE_ENUM
};

// "float32", "int64", ...
std::string_view DTypeName(DType dtype);

// Inverse of DTypeName; nullopt for an unknown name.
std::optional<DType> DTypeFromName(std::string_view name);

// Bytes per element as stored in a Tensor; 0 for string, resource and variant.
size_t DTypeSize(DType dtype);

// True if elements are fixed-size plain bytes (everything but string, resource, variant).
inline bool IsPlainData(DType dtype) { return DTypeSize(dtype) > 0; }

bool IsFloatingPoint(DType dtype);

}  // namespace mb::ir

#endif  // MODELBENCH_IR_DTYPE_H_
