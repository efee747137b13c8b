#include "importers/onnx/onnx_tensor.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/file.h"
#include "base/strings.h"
#include "ir/shape.h"

namespace mb::importers::onnx {
namespace {

using ir::DType;

// TensorProto.DataType values 0..16 in order; index = enum value.
constexpr DType kOnnxToIr[] = {
    DType::kInvalid,    DType::kFloat32,  DType::kUInt8,  DType::kInt8,   DType::kUInt16,
    DType::kInt16,      DType::kInt32,    DType::kInt64,  DType::kString, DType::kBool,
    DType::kFloat16,    DType::kFloat64,  DType::kUInt32, DType::kUInt64, DType::kComplex64,
    DType::kComplex128, DType::kBFloat16,
};
constexpr int kNumOnnxDTypes = sizeof(kOnnxToIr) / sizeof(kOnnxToIr[0]);

// ONNX has no rank limit; this one keeps hostile dims lists small.
constexpr int kMaxRank = 64;

std::string ExternalEntry(const onnxproto::TensorProto& proto, const std::string& key) {
  for (const auto& entry : proto.external_data()) {
    if (entry.key() == key) return entry.value();
  }
  return {};
}

// Reads `length` bytes at `offset` of the external file named by the tensor, which must
// resolve to a regular file inside `model_dir` (no absolute paths, no escaping with "..",
// no symlinks leading out).
StatusOr<std::string> ReadExternalData(const onnxproto::TensorProto& proto,
                                       const std::string& model_dir, uint64_t expected_bytes) {
  const std::string location = ExternalEntry(proto, "location");
  if (location.empty()) return InvalidArgumentError("external data has no location");
  if (model_dir.empty()) return InvalidArgumentError("external data is not allowed here");
  if (location[0] == '/' || location.find('\0') != std::string::npos) {
    return InvalidArgumentError("external data location '" + location +
                                "' must be a path relative to the model's folder");
  }
  char dir_real[PATH_MAX];
  char file_real[PATH_MAX];
  const std::string joined = model_dir + "/" + location;
  if (::realpath(model_dir.c_str(), dir_real) == nullptr) {
    return InvalidArgumentError("cannot resolve the model's folder: " + ErrnoMessage(errno));
  }
  if (::realpath(joined.c_str(), file_real) == nullptr) {
    return InvalidArgumentError("external data file '" + location + "': " + ErrnoMessage(errno));
  }
  const std::string dir(dir_real);
  const std::string file(file_real);
  if (file.size() <= dir.size() || file.compare(0, dir.size(), dir) != 0 ||
      file[dir.size()] != '/') {
    return InvalidArgumentError("external data location '" + location +
                                "' is outside the model's folder");
  }
  int64_t offset = 0;
  int64_t length = -1;
  const std::string offset_text = ExternalEntry(proto, "offset");
  const std::string length_text = ExternalEntry(proto, "length");
  if (!offset_text.empty()) {
    std::optional<int64_t> parsed = ParseInt64(offset_text);
    if (!parsed) {
      return InvalidArgumentError("external data offset '" + offset_text + "' is not a number");
    }
    offset = *parsed;
  }
  if (!length_text.empty()) {
    std::optional<int64_t> parsed = ParseInt64(length_text);
    if (!parsed || *parsed < 0) {
      return InvalidArgumentError("external data length '" + length_text + "' is not valid");
    }
    length = *parsed;
  }
  ASSIGN_OR_RETURN(uint64_t file_bytes, RegularFileSize(file));
  if (offset < 0 || static_cast<uint64_t>(offset) > file_bytes) {
    return InvalidArgumentError("external data offset " + std::to_string(offset) + " is outside '" +
                                location + "'");
  }
  if (length < 0) length = static_cast<int64_t>(file_bytes - offset);
  if (static_cast<uint64_t>(length) != expected_bytes) {
    return InvalidArgumentError("external data has " + std::to_string(length) +
                                " bytes, the tensor's shape needs " +
                                std::to_string(expected_bytes));
  }
  if (static_cast<uint64_t>(offset) + static_cast<uint64_t>(length) > file_bytes) {
    return InvalidArgumentError("external data runs past the end of '" + location + "'");
  }
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return InvalidArgumentError("cannot open '" + location + "': " + ErrnoMessage(errno));
  std::string bytes(static_cast<size_t>(length), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n =
        ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n <= 0) {
      ::close(fd);
      return InvalidArgumentError("cannot read '" + location + "'");
    }
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  return bytes;
}

// Packs a typed repeated field into little-endian bytes of `dtype`, converting each element
// with `convert` (ONNX stores int8, uint8, int16, uint16, bool, float16 and bfloat16 one per
// int32; the 16-bit floats as their bit patterns).
template <typename Stored, typename Out, typename Field>
std::string PackField(const Field& field) {
  std::string bytes(field.size() * sizeof(Out), '\0');
  Out* out = reinterpret_cast<Out*>(bytes.data());
  for (int i = 0; i < field.size(); ++i) out[i] = static_cast<Out>(static_cast<Stored>(field[i]));
  return bytes;
}

StatusOr<std::string> TypedFieldBytes(const onnxproto::TensorProto& proto, DType dtype,
                                      int64_t count) {
  auto check_count = [&](int size, const char* field) -> Status {
    if (size != count) {
      return InvalidArgumentError(std::string(field) + " has " + std::to_string(size) +
                                  " values, the shape needs " + std::to_string(count));
    }
    return OkStatus();
  };
  switch (dtype) {
    case DType::kFloat32:
      RETURN_IF_ERROR(check_count(proto.float_data_size(), "float_data"));
      return PackField<float, float>(proto.float_data());
    case DType::kFloat64:
      RETURN_IF_ERROR(check_count(proto.double_data_size(), "double_data"));
      return PackField<double, double>(proto.double_data());
    case DType::kInt64:
      RETURN_IF_ERROR(check_count(proto.int64_data_size(), "int64_data"));
      return PackField<int64_t, int64_t>(proto.int64_data());
    case DType::kUInt32:
      RETURN_IF_ERROR(check_count(proto.uint64_data_size(), "uint64_data"));
      return PackField<uint64_t, uint32_t>(proto.uint64_data());
    case DType::kUInt64:
      RETURN_IF_ERROR(check_count(proto.uint64_data_size(), "uint64_data"));
      return PackField<uint64_t, uint64_t>(proto.uint64_data());
    case DType::kComplex64:
      RETURN_IF_ERROR(check_count(proto.float_data_size() / 2, "float_data (pairs)"));
      return PackField<float, float>(proto.float_data());
    case DType::kComplex128:
      RETURN_IF_ERROR(check_count(proto.double_data_size() / 2, "double_data (pairs)"));
      return PackField<double, double>(proto.double_data());
    default:
      break;
  }
  RETURN_IF_ERROR(check_count(proto.int32_data_size(), "int32_data"));
  switch (dtype) {
    case DType::kInt32:
      return PackField<int32_t, int32_t>(proto.int32_data());
    case DType::kInt16:
      return PackField<int32_t, int16_t>(proto.int32_data());
    case DType::kUInt16:
    case DType::kFloat16:
    case DType::kBFloat16:
      return PackField<int32_t, uint16_t>(proto.int32_data());
    case DType::kInt8:
      return PackField<int32_t, int8_t>(proto.int32_data());
    case DType::kUInt8:
      return PackField<int32_t, uint8_t>(proto.int32_data());
    case DType::kBool: {
      std::string bytes(proto.int32_data_size(), '\0');
      for (int i = 0; i < proto.int32_data_size(); ++i) bytes[i] = proto.int32_data(i) != 0;
      return bytes;
    }
    default:
      return InvalidArgumentError("cannot decode data of type " +
                                  std::string(ir::DTypeName(dtype)));
  }
}

}  // namespace

std::optional<ir::DType> DTypeFromOnnx(int32_t onnx_dtype) {
  if (onnx_dtype <= 0 || onnx_dtype >= kNumOnnxDTypes) return std::nullopt;
  return kOnnxToIr[onnx_dtype];
}

int32_t OnnxDTypeFromIr(ir::DType dtype) {
  for (int i = 1; i < kNumOnnxDTypes; ++i) {
    if (kOnnxToIr[i] == dtype) return i;
  }
  return 0;
}

StatusOr<ir::Tensor> DecodeOnnxTensor(onnxproto::TensorProto* proto,
                                      const TensorDecodeOptions& options) {
  std::optional<DType> dtype = DTypeFromOnnx(proto->data_type());
  if (!dtype) {
    return InvalidArgumentError("unknown tensor data type " + std::to_string(proto->data_type()));
  }
  if (proto->dims_size() > kMaxRank) {
    return InvalidArgumentError("tensor has rank " + std::to_string(proto->dims_size()) +
                                ", more than " + std::to_string(kMaxRank));
  }
  std::vector<int64_t> sizes(proto->dims().begin(), proto->dims().end());
  ASSIGN_OR_RETURN(int64_t count, ir::CheckedNumElements(sizes));

  if (*dtype == DType::kString) {
    if (proto->string_data_size() != count) {
      return InvalidArgumentError("string_data has " + std::to_string(proto->string_data_size()) +
                                  " values, the shape needs " + std::to_string(count));
    }
    std::vector<std::string> strings(proto->string_data().begin(), proto->string_data().end());
    return ir::Tensor::FromStrings(std::move(sizes), std::move(strings));
  }
  const uint64_t element_bytes = ir::DTypeSize(*dtype);
  std::optional<int64_t> total = ir::CheckedMultiply(count, static_cast<int64_t>(element_bytes));
  if (!total || static_cast<uint64_t>(*total) > options.max_tensor_bytes) {
    return ResourceExhaustedError("tensor of shape " + ir::Shape::Static(sizes).ToString() + " " +
                                  std::string(ir::DTypeName(*dtype)) + " needs more than the " +
                                  std::to_string(options.max_tensor_bytes) +
                                  "-byte limit for one tensor");
  }
  const uint64_t bytes_needed = static_cast<uint64_t>(*total);

  std::string bytes;
  if (proto->data_location() == 1) {
    ASSIGN_OR_RETURN(bytes, ReadExternalData(*proto, options.model_dir, bytes_needed));
  } else if (proto->has_raw_data()) {
    if (proto->raw_data().size() != bytes_needed) {
      return InvalidArgumentError("raw_data has " + std::to_string(proto->raw_data().size()) +
                                  " bytes, the shape needs " + std::to_string(bytes_needed));
    }
    bytes = std::move(*proto->mutable_raw_data());
  } else {
    ASSIGN_OR_RETURN(bytes, TypedFieldBytes(*proto, *dtype, count));
  }
  if (*dtype == DType::kBool) {
    // Normalise to 0/1 so every consumer can read bool bytes as 0 or 1.
    for (char& c : bytes) c = c != 0;
  }
  return ir::Tensor::FromBytes(*dtype, std::move(sizes), std::move(bytes));
}

}  // namespace mb::importers::onnx
