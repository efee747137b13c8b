#include "importers/tensorflow/tensor_decoder.h"

#include <cstring>

namespace mb::importers::tf {
namespace {

using ir::DType;

// TF DataType enum values 0..33 in order (types.proto); index = enum value.
constexpr DType kTfToIr[] = {
    DType::kInvalid,        DType::kFloat32,      DType::kFloat64,        DType::kInt32,
    DType::kUInt8,          DType::kInt16,        DType::kInt8,           DType::kString,
    DType::kComplex64,      DType::kInt64,        DType::kBool,           DType::kQInt8,
    DType::kQUInt8,         DType::kQInt32,       DType::kBFloat16,       DType::kQInt16,
    DType::kQUInt16,        DType::kUInt16,       DType::kComplex128,     DType::kFloat16,
    DType::kResource,       DType::kVariant,      DType::kUInt32,         DType::kUInt64,
    DType::kFloat8E5M2,     DType::kFloat8E4M3FN, DType::kFloat8E4M3FNUZ, DType::kFloat8E4M3B11FNUZ,
    DType::kFloat8E5M2FNUZ, DType::kInt4,         DType::kUInt4,          DType::kInt2,
    DType::kUInt2,          DType::kFloat4E2M1FN,
};
constexpr int kNumTfDTypes = sizeof(kTfToIr) / sizeof(kTfToIr[0]);

constexpr const char* kTfDTypeNames[] = {
    "INVALID",
    "float",
    "double",
    "int32",
    "uint8",
    "int16",
    "int8",
    "string",
    "complex64",
    "int64",
    "bool",
    "qint8",
    "quint8",
    "qint32",
    "bfloat16",
    "qint16",
    "quint16",
    "uint16",
    "complex128",
    "half",
    "resource",
    "variant",
    "uint32",
    "uint64",
    "float8_e5m2",
    "float8_e4m3fn",
    "float8_e4m3fnuz",
    "float8_e4m3b11fnuz",
    "float8_e5m2fnuz",
    "int4",
    "uint4",
    "int2",
    "uint2",
    "float4_e2m1fn",
};

// TensorShape's rank limit.
constexpr int kMaxRank = 254;

// Number of values present in the typed field that carries `dtype`, counting complex pairs
// as one element.
int64_t TypedValueCount(const tfproto::TensorProto& proto, DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
      return proto.float_val_size();
    case DType::kFloat64:
      return proto.double_val_size();
    case DType::kInt32:
    case DType::kInt16:
    case DType::kInt8:
    case DType::kUInt8:
    case DType::kUInt16:
    case DType::kQInt8:
    case DType::kQUInt8:
    case DType::kQInt16:
    case DType::kQUInt16:
    case DType::kQInt32:
    case DType::kInt4:
    case DType::kUInt4:
    case DType::kInt2:
    case DType::kUInt2:
      return proto.int_val_size();
    case DType::kInt64:
      return proto.int64_val_size();
    case DType::kBool:
      return proto.bool_val_size();
    case DType::kString:
      return proto.string_val_size();
    case DType::kComplex64:
      return proto.scomplex_val_size() / 2;
    case DType::kComplex128:
      return proto.dcomplex_val_size() / 2;
    case DType::kFloat16:
    case DType::kBFloat16:
      return proto.half_val_size();
    case DType::kUInt32:
      return proto.uint32_val_size();
    case DType::kUInt64:
      return proto.uint64_val_size();
    case DType::kFloat8E5M2:
    case DType::kFloat8E4M3FN:
    case DType::kFloat8E4M3FNUZ:
    case DType::kFloat8E4M3B11FNUZ:
    case DType::kFloat8E5M2FNUZ:
    case DType::kFloat4E2M1FN:
      return static_cast<int64_t>(proto.float8_val().size());
    case DType::kResource:
      return proto.resource_handle_val_size();
    case DType::kVariant:
      return proto.variant_val_size();
    case DType::kInvalid:
      return 0;
  }
  return 0;
}

// Writes typed value `index` of the field carrying `dtype` into `out` (DTypeSize bytes).
void StoreTypedValue(const tfproto::TensorProto& proto, DType dtype, int index, char* out) {
  auto store = [&out](auto value) { std::memcpy(out, &value, sizeof(value)); };
  switch (dtype) {
    case DType::kFloat32:
      store(proto.float_val(index));
      return;
    case DType::kFloat64:
      store(proto.double_val(index));
      return;
    case DType::kInt32:
    case DType::kQInt32:
      store(proto.int_val(index));
      return;
    case DType::kInt16:
    case DType::kQInt16:
      store(static_cast<int16_t>(proto.int_val(index)));
      return;
    case DType::kUInt16:
    case DType::kQUInt16:
      store(static_cast<uint16_t>(proto.int_val(index)));
      return;
    case DType::kInt8:
    case DType::kQInt8:
    case DType::kInt4:
    case DType::kInt2:
      store(static_cast<int8_t>(proto.int_val(index)));
      return;
    case DType::kUInt8:
    case DType::kQUInt8:
    case DType::kUInt4:
    case DType::kUInt2:
      store(static_cast<uint8_t>(proto.int_val(index)));
      return;
    case DType::kInt64:
      store(proto.int64_val(index));
      return;
    case DType::kBool:
      store(static_cast<uint8_t>(proto.bool_val(index) ? 1 : 0));
      return;
    case DType::kComplex64:
      store(proto.scomplex_val(2 * index));
      out += 4;
      store(proto.scomplex_val(2 * index + 1));
      return;
    case DType::kComplex128:
      store(proto.dcomplex_val(2 * index));
      out += 8;
      store(proto.dcomplex_val(2 * index + 1));
      return;
    case DType::kFloat16:
    case DType::kBFloat16:
      store(static_cast<uint16_t>(proto.half_val(index)));
      return;
    case DType::kUInt32:
      store(proto.uint32_val(index));
      return;
    case DType::kUInt64:
      store(proto.uint64_val(index));
      return;
    case DType::kFloat8E5M2:
    case DType::kFloat8E4M3FN:
    case DType::kFloat8E4M3FNUZ:
    case DType::kFloat8E4M3B11FNUZ:
    case DType::kFloat8E5M2FNUZ:
    case DType::kFloat4E2M1FN:
      *out = proto.float8_val()[index];
      return;
    default:
      return;
  }
}

// Reads a varint32 from [*pos, end); false if it runs past the end or over 5 bytes.
bool ReadVarint32(const std::string& data, size_t* pos, uint32_t* value) {
  uint32_t result = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (*pos >= data.size()) return false;
    uint8_t byte = static_cast<uint8_t>(data[(*pos)++]);
    result |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

// TF's encoded string list: `count` varint32 lengths, then the bytes back to back.
StatusOr<std::vector<std::string>> DecodeStringContent(const std::string& content, int64_t count) {
  // Each length takes at least one byte, so a count above the content size is corrupt; this
  // bounds the reservation below by the file's own size.
  if (static_cast<uint64_t>(count) > content.size()) {
    return InvalidArgumentError("string tensor content is too short for its shape");
  }
  std::vector<uint32_t> lengths(count);
  size_t pos = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (!ReadVarint32(content, &pos, &lengths[i])) {
      return InvalidArgumentError("string tensor content is truncated");
    }
  }
  std::vector<std::string> strings;
  strings.reserve(count);
  for (uint32_t length : lengths) {
    if (length > content.size() - pos) {
      return InvalidArgumentError("string tensor content is truncated");
    }
    strings.emplace_back(content, pos, length);
    pos += length;
  }
  if (pos != content.size()) {
    return InvalidArgumentError("string tensor content has trailing bytes");
  }
  return strings;
}

struct TensorHeader {
  DType dtype;
  std::vector<int64_t> sizes;
  int64_t num_elements;
};

StatusOr<TensorHeader> DecodeHeader(const tfproto::TensorProto& proto) {
  std::optional<DType> dtype = DTypeFromTf(proto.dtype());
  if (!dtype)
    return InvalidArgumentError("unknown dtype enum value " + std::to_string(proto.dtype()));
  if (*dtype == DType::kInvalid) return InvalidArgumentError("tensor has dtype DT_INVALID");
  ASSIGN_OR_RETURN(ir::Shape shape, ShapeFromTf(proto.tensor_shape()));
  if (!shape.IsFullyKnown()) {
    return InvalidArgumentError("tensor shape " + shape.ToString() + " is not fully defined");
  }
  TensorHeader header{*dtype, shape.Sizes(), 0};
  ASSIGN_OR_RETURN(header.num_elements, ir::CheckedNumElements(header.sizes));
  return header;
}

Status CheckContentSize(const TensorHeader& header, const std::string& content) {
  if (!ir::IsPlainData(header.dtype)) return OkStatus();
  auto expected =
      ir::CheckedMultiply(header.num_elements, static_cast<int64_t>(ir::DTypeSize(header.dtype)));
  if (!expected || static_cast<uint64_t>(*expected) != content.size()) {
    return InvalidArgumentError(
        "tensor_content has " + std::to_string(content.size()) + " bytes but shape " +
        ir::Shape::Static(header.sizes).ToString() + " of " +
        std::string(ir::DTypeName(header.dtype)) + " needs " +
        (expected ? std::to_string(*expected) : std::string("more than 2^63")));
  }
  if (header.dtype == DType::kBool) {
    for (char c : content) {
      if (c != 0 && c != 1) return InvalidArgumentError("bool tensor_content byte is not 0 or 1");
    }
  }
  return OkStatus();
}

}  // namespace

std::optional<ir::DType> DTypeFromTf(int tf_dtype) {
  if (tf_dtype > 100) tf_dtype -= 100;  // *_REF types
  if (tf_dtype < 0 || tf_dtype >= kNumTfDTypes) return std::nullopt;
  return kTfToIr[tf_dtype];
}

std::string TfDataTypeString(int tf_dtype) {
  if (tf_dtype > 100 && tf_dtype - 100 < kNumTfDTypes) {
    return std::string(kTfDTypeNames[tf_dtype - 100]) + "_ref";
  }
  if (tf_dtype >= 0 && tf_dtype < kNumTfDTypes) return kTfDTypeNames[tf_dtype];
  return "unknown dtype enum (" + std::to_string(tf_dtype) + ")";
}

StatusOr<ir::Shape> ShapeFromTf(const tfproto::TensorShapeProto& proto) {
  if (proto.unknown_rank()) {
    if (proto.dim_size() > 0) return InvalidArgumentError("shape has unknown rank but has dims");
    return ir::Shape::UnknownRank();
  }
  if (proto.dim_size() > kMaxRank) {
    return InvalidArgumentError("shape has rank " + std::to_string(proto.dim_size()) +
                                ", more than " + std::to_string(kMaxRank));
  }
  std::vector<ir::Dim> dims;
  dims.reserve(proto.dim_size());
  for (const auto& dim : proto.dim()) {
    if (dim.size() < -1) {
      return InvalidArgumentError("shape has negative dimension " + std::to_string(dim.size()));
    }
    if (dim.size() >= 0) {
      dims.push_back(ir::Dim::Known(dim.size()));
    } else {
      dims.push_back(dim.name().empty() ? ir::Dim::Unknown() : ir::Dim::Symbolic(dim.name()));
    }
  }
  return ir::Shape(std::move(dims));
}

StatusOr<int64_t> CheckTensorProto(const tfproto::TensorProto& proto) {
  ASSIGN_OR_RETURN(TensorHeader header, DecodeHeader(proto));
  if (header.num_elements > 0 && !proto.tensor_content().empty()) {
    if (header.dtype == DType::kString) {
      RETURN_IF_ERROR(DecodeStringContent(proto.tensor_content(), header.num_elements).status());
    } else {
      RETURN_IF_ERROR(CheckContentSize(header, proto.tensor_content()));
    }
  }
  return header.num_elements;
}

StatusOr<ir::Tensor> DecodeTensorProto(tfproto::TensorProto* proto, uint64_t max_bytes) {
  ASSIGN_OR_RETURN(TensorHeader header, DecodeHeader(*proto));
  const DType dtype = header.dtype;
  if (dtype == DType::kResource || dtype == DType::kVariant) {
    return UnimplementedError("constant tensors of dtype " + std::string(ir::DTypeName(dtype)) +
                              " are not supported");
  }
  if (dtype == DType::kString) {
    std::vector<std::string> strings;
    if (header.num_elements > 0 && !proto->tensor_content().empty()) {
      ASSIGN_OR_RETURN(strings, DecodeStringContent(proto->tensor_content(), header.num_elements));
    } else if (header.num_elements > 0) {
      int count = proto->string_val_size();
      // Strings repeat their last value like numbers do; each copy costs memory, so the
      // total is bounded first.
      uint64_t last_size = count > 0 ? proto->string_val(count - 1).size() : 0;
      if (static_cast<uint64_t>(header.num_elements) > max_bytes / (last_size + 32)) {
        return ResourceExhaustedError("string tensor of " + std::to_string(header.num_elements) +
                                      " elements exceeds the memory limit");
      }
      strings.reserve(header.num_elements);
      for (int64_t i = 0; i < header.num_elements; ++i) {
        strings.push_back(
            count == 0 ? std::string()
                       : proto->string_val(static_cast<int>(std::min<int64_t>(i, count - 1))));
      }
    }
    return ir::Tensor::FromStrings(std::move(header.sizes), std::move(strings));
  }

  const int64_t element_size = static_cast<int64_t>(ir::DTypeSize(dtype));
  auto total_bytes = ir::CheckedMultiply(header.num_elements, element_size);
  if (!total_bytes || static_cast<uint64_t>(*total_bytes) > max_bytes) {
    return ResourceExhaustedError("tensor of shape " + ir::Shape::Static(header.sizes).ToString() +
                                  " " + std::string(ir::DTypeName(dtype)) +
                                  " exceeds the memory limit of " + std::to_string(max_bytes) +
                                  " bytes");
  }
  if (header.num_elements > 0 && !proto->tensor_content().empty()) {
    RETURN_IF_ERROR(CheckContentSize(header, proto->tensor_content()));
    std::string content;
    content.swap(*proto->mutable_tensor_content());
    return ir::Tensor::FromBytes(dtype, std::move(header.sizes), std::move(content));
  }
  std::string bytes(static_cast<size_t>(*total_bytes), '\0');
  const int64_t count = TypedValueCount(*proto, dtype);
  if (count > 0) {
    for (int64_t i = 0; i < header.num_elements; ++i) {
      int index = static_cast<int>(std::min(i, count - 1));
      StoreTypedValue(*proto, dtype, index, bytes.data() + i * element_size);
    }
  }
  return ir::Tensor::FromBytes(dtype, std::move(header.sizes), std::move(bytes));
}

}  // namespace mb::importers::tf
