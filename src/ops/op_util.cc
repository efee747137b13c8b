#include "ops/op_util.h"

#include <algorithm>

namespace mb::ops {

int64_t Params::Int(const std::string& name, int64_t fallback) const {
  auto it = params_.find(name);
  if (it == params_.end()) return fallback;
  MB_CHECK(it->second.Is<int64_t>()) << "param " << name << " is not an int";
  return it->second.Get<int64_t>();
}

float Params::Float(const std::string& name, float fallback) const {
  auto it = params_.find(name);
  if (it == params_.end()) return fallback;
  MB_CHECK(it->second.Is<float>()) << "param " << name << " is not a float";
  return it->second.Get<float>();
}

bool Params::Bool(const std::string& name, bool fallback) const {
  auto it = params_.find(name);
  if (it == params_.end()) return fallback;
  MB_CHECK(it->second.Is<bool>()) << "param " << name << " is not a bool";
  return it->second.Get<bool>();
}

std::string Params::String(const std::string& name, const std::string& fallback) const {
  auto it = params_.find(name);
  if (it == params_.end()) return fallback;
  MB_CHECK(it->second.Is<std::string>()) << "param " << name << " is not a string";
  return it->second.Get<std::string>();
}

std::vector<int64_t> Params::Ints(const std::string& name, std::vector<int64_t> fallback) const {
  auto it = params_.find(name);
  if (it == params_.end()) return fallback;
  MB_CHECK(it->second.Is<std::vector<int64_t>>()) << "param " << name << " is not an int list";
  return it->second.Get<std::vector<int64_t>>();
}

ir::DType Params::DType(const std::string& name, ir::DType fallback) const {
  auto it = params_.find(name);
  if (it == params_.end()) return fallback;
  MB_CHECK(it->second.Is<ir::DType>()) << "param " << name << " is not a dtype";
  return it->second.Get<ir::DType>();
}

InferenceContext::InferenceContext(const ir::Node& node, std::vector<TensorType> operand_types,
                                   std::vector<const ir::Tensor*> operand_values)
    : node_(node),
      operand_types_(std::move(operand_types)),
      operand_values_(std::move(operand_values)),
      outputs_(node.outputs.size()) {}

StatusOr<ir::Shape> BroadcastShapes(const ir::Shape& a, const ir::Shape& b) {
  if (!a.rank_known() || !b.rank_known()) return ir::Shape::UnknownRank();
  const int rank = std::max(a.rank(), b.rank());
  std::vector<ir::Dim> dims(rank);
  for (int i = 0; i < rank; ++i) {
    const int ia = i - (rank - a.rank());
    const int ib = i - (rank - b.rank());
    const ir::Dim da = ia >= 0 ? a.dim(ia) : ir::Dim::Known(1);
    const ir::Dim db = ib >= 0 ? b.dim(ib) : ir::Dim::Known(1);
    if (da.is_known() && db.is_known()) {
      if (da.size() != db.size() && da.size() != 1 && db.size() != 1) {
        return InvalidArgumentError("shapes " + a.ToString() + " and " + b.ToString() +
                                    " do not broadcast");
      }
      dims[i] = ir::Dim::Known(da.size() == 1 ? db.size() : da.size());
    } else if (da.is_known() && da.size() != 1) {
      dims[i] = da;
    } else if (db.is_known() && db.size() != 1) {
      dims[i] = db;
    } else if (da.is_known()) {  // da == 1
      dims[i] = db;
    } else {
      dims[i] = da;
    }
  }
  return ir::Shape(std::move(dims));
}

std::vector<int64_t> BroadcastStrides(const std::vector<int64_t>& sizes, int out_rank,
                                      const std::vector<int64_t>& out_sizes) {
  std::vector<int64_t> strides(out_rank, 0);
  int64_t stride = 1;
  const int offset = out_rank - static_cast<int>(sizes.size());
  for (int i = static_cast<int>(sizes.size()) - 1; i >= 0; --i) {
    strides[i + offset] = (sizes[i] == 1 && out_sizes[i + offset] != 1) ? 0 : stride;
    stride *= sizes[i];
  }
  return strides;
}

StatusOr<Window> ComputeWindow(int64_t input, int64_t filter, int64_t stride, int64_t dilation,
                               const std::string& padding, int64_t explicit_before,
                               int64_t explicit_after, bool ceil_mode) {
  // Sizes beyond 2^40 are no real model's; bounding them keeps the arithmetic exact.
  constexpr int64_t kLimit = int64_t{1} << 40;
  if (stride <= 0) return InvalidArgumentError("stride must be positive");
  if (dilation <= 0) return InvalidArgumentError("dilation must be positive");
  if (filter <= 0) return InvalidArgumentError("window size must be positive");
  if (input < 0) return InvalidArgumentError("negative input size");
  if (input > kLimit || filter > kLimit || stride > kLimit || dilation > kLimit ||
      explicit_before > kLimit || explicit_after > kLimit || (filter - 1) > kLimit / dilation) {
    return InvalidArgumentError("window geometry overflows");
  }
  const int64_t effective = (filter - 1) * dilation + 1;
  // Output size of a window sliding over `padded` cells, rounded down or (ceil_mode) up.
  auto slide = [&](int64_t padded, int64_t before) {
    int64_t output = (padded - effective + (ceil_mode ? stride - 1 : 0)) / stride + 1;
    if (ceil_mode && output > 1 && (output - 1) * stride >= input + before) --output;
    return output;
  };
  Window window;
  if (padding == "VALID") {
    if (input < effective) {
      return InvalidArgumentError("window of " + std::to_string(effective) +
                                  " is larger than the input (" + std::to_string(input) + ")");
    }
    window.output = slide(input, 0);
  } else if (padding == "SAME" || padding == "SAME_UPPER" || padding == "SAME_LOWER") {
    window.output = (input + stride - 1) / stride;
    const int64_t total = std::max<int64_t>(0, (window.output - 1) * stride + effective - input);
    window.pad_before = padding == "SAME_LOWER" ? total - total / 2 : total / 2;
    window.pad_after = total - window.pad_before;
  } else if (padding == "EXPLICIT") {
    if (explicit_before < 0 || explicit_after < 0) {
      return InvalidArgumentError("negative explicit padding");
    }
    const int64_t padded = input + explicit_before + explicit_after;
    if (padded < effective) return InvalidArgumentError("window is larger than padded input");
    window.output = slide(padded, explicit_before);
    window.pad_before = explicit_before;
    window.pad_after = explicit_after;
  } else {
    return InvalidArgumentError("unknown padding '" + padding + "'");
  }
  return window;
}

StatusOr<Layout4D> ParseDataLayout(const std::string& layout) {
  if (layout == "NHWC") return Layout4D{0, 3, 1, 2};
  if (layout == "NCHW") return Layout4D{0, 1, 2, 3};
  return InvalidArgumentError("unsupported data layout '" + layout + "'");
}

std::vector<int64_t> Expand4D(const std::vector<int64_t>& sizes, const Layout4D& layout) {
  if (sizes.size() != 3) return sizes;
  std::vector<int64_t> expanded = sizes;
  expanded.insert(expanded.begin() + layout.h, 1);
  return expanded;
}

StatusOr<std::vector<int64_t>> SpatialPair(const Params& params, const std::string& name,
                                           int64_t fallback, int spatial_rank) {
  std::vector<int64_t> values = params.Ints(name, std::vector<int64_t>(spatial_rank, fallback));
  if (static_cast<int>(values.size()) != spatial_rank) {
    return InvalidArgumentError(name + " has " + std::to_string(values.size()) +
                                " values, expected " + std::to_string(spatial_rank));
  }
  for (int64_t v : values) {
    if (v <= 0) return InvalidArgumentError(name + " must be positive");
  }
  if (spatial_rank == 1) values.insert(values.begin(), 1);
  return values;
}

StatusOr<std::vector<int64_t>> SpatialPads(const Params& params, int spatial_rank) {
  std::vector<int64_t> pads = params.Ints("pads", std::vector<int64_t>(2 * spatial_rank, 0));
  if (static_cast<int>(pads.size()) != 2 * spatial_rank) {
    return InvalidArgumentError("pads has " + std::to_string(pads.size()) + " values, expected " +
                                std::to_string(2 * spatial_rank));
  }
  for (int64_t p : pads) {
    if (p < 0) return InvalidArgumentError("negative padding");
  }
  if (spatial_rank == 1) pads.insert(pads.begin(), {0, 0});
  return pads;
}

Layout5D To5D(const Layout4D& layout) {
  // D sits where H was; everything from H on moves one place back.
  auto shift = [&](int i) { return i >= layout.h ? i + 1 : i; };
  return Layout5D{shift(layout.n), shift(layout.c), layout.h, layout.h + 1, shift(layout.w)};
}

std::vector<int64_t> Expand5D(const std::vector<int64_t>& sizes, const Layout4D& layout) {
  if (sizes.size() == 5) return sizes;
  std::vector<int64_t> expanded = Expand4D(sizes, layout);
  expanded.insert(expanded.begin() + layout.h, 1);
  return expanded;
}

StatusOr<std::vector<int64_t>> SpatialTriple(const Params& params, const std::string& name,
                                             int64_t fallback, int spatial_rank) {
  ASSIGN_OR_RETURN(std::vector<int64_t> values, SpatialPair(params, name, fallback, spatial_rank));
  if (spatial_rank < 3) values.insert(values.begin(), 1);
  return values;
}

StatusOr<std::vector<int64_t>> SpatialPads3(const Params& params, int spatial_rank) {
  ASSIGN_OR_RETURN(std::vector<int64_t> pads, SpatialPads(params, spatial_rank));
  if (spatial_rank < 3) pads.insert(pads.begin(), {0, 0});
  return pads;
}

StatusOr<std::vector<int64_t>> ConstantInts(const ir::Tensor* tensor, const char* what) {
  if (tensor == nullptr) {
    return UnimplementedError(std::string(what) + " must be a constant");
  }
  std::vector<int64_t> values(tensor->num_elements());
  if (tensor->dtype() == ir::DType::kInt32) {
    for (int64_t i = 0; i < tensor->num_elements(); ++i) values[i] = tensor->At<int32_t>(i);
  } else if (tensor->dtype() == ir::DType::kInt64) {
    for (int64_t i = 0; i < tensor->num_elements(); ++i) values[i] = tensor->At<int64_t>(i);
  } else {
    return InvalidArgumentError(std::string(what) + " must be int32 or int64, not " +
                                std::string(ir::DTypeName(tensor->dtype())));
  }
  return values;
}

std::vector<int64_t> ViewInts(const TensorView& view) {
  std::vector<int64_t> values(view.num_elements());
  for (size_t i = 0; i < values.size(); ++i) {
    values[i] = view.dtype == ir::DType::kInt32 ? view.As<int32_t>()[i] : view.As<int64_t>()[i];
  }
  return values;
}

StatusOr<int> NormalizeAxis(int64_t axis, int rank) {
  if (axis < -rank || axis >= std::max(rank, 1)) {
    return InvalidArgumentError("axis " + std::to_string(axis) + " is out of range for rank " +
                                std::to_string(rank));
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

Status CheckBroadcastOutput(const TensorView& a, const TensorView& b, const TensorView& out) {
  ASSIGN_OR_RETURN(ir::Shape shape,
                   BroadcastShapes(ir::Shape::Static(a.sizes), ir::Shape::Static(b.sizes)));
  if (shape.Sizes() != out.sizes) {
    return InvalidArgumentError("output is allocated as " +
                                ir::Shape::Static(out.sizes).ToString() + ", expected " +
                                shape.ToString());
  }
  return OkStatus();
}

std::string SizesString(const std::vector<int64_t>& sizes) {
  std::string text = "[";
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (i > 0) text += ",";
    text += std::to_string(sizes[i]);
  }
  return text + "]";
}

Status RequirePlainData(ir::DType dtype) {
  if (!ir::IsPlainData(dtype)) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(dtype)) + " is not supported");
  }
  return OkStatus();
}

Status RequireIndexType(ir::DType dtype, const char* what) {
  if (dtype != ir::DType::kInt32 && dtype != ir::DType::kInt64) {
    return InvalidArgumentError(std::string(what) + " must be int32 or int64, not " +
                                std::string(ir::DTypeName(dtype)));
  }
  return OkStatus();
}

StatusOr<int> AxisIn(int64_t axis, int rank, const char* what) {
  if (axis < -rank || axis >= rank) {
    return InvalidArgumentError(std::string(what) + " " + std::to_string(axis) +
                                " is out of range for rank " + std::to_string(rank));
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

Status CheckElementCount(const std::vector<ir::Dim>& dims) {
  std::vector<int64_t> sizes;
  for (const ir::Dim& d : dims) {
    if (!d.is_known()) return OkStatus();
    sizes.push_back(d.size());
  }
  return ir::CheckedNumElements(sizes).status();
}

StatusOr<std::vector<int64_t>> IntsOf(const TensorView& view, const char* what) {
  RETURN_IF_ERROR(RequireIndexType(view.dtype, what));
  return ViewInts(view);
}

Status CheckOutputView(const TensorView& output, ir::DType dtype, const std::vector<int64_t>& sizes,
                       size_t index) {
  if (output.dtype != dtype || output.sizes != sizes) {
    return InvalidArgumentError("output " + std::to_string(index) + " is " +
                                std::string(ir::DTypeName(output.dtype)) + " " +
                                SizesString(output.sizes) + ", expected " +
                                std::string(ir::DTypeName(dtype)) + " " + SizesString(sizes));
  }
  if (output.data == nullptr && output.num_elements() != 0) {
    return InvalidArgumentError("output " + std::to_string(index) + " has no buffer");
  }
  return OkStatus();
}

int64_t TypeBytes(const TensorType& type) {
  std::optional<int64_t> count = type.shape.NumElements();
  if (!count) return 0;
  // A declared shape can be too large for its byte count to fit: unknown too.
  return ir::CheckedMultiply(*count, static_cast<int64_t>(ir::DTypeSize(type.dtype))).value_or(0);
}

bool CostIsCountable(std::span<const TensorType> operands, std::span<const TensorType> outputs) {
  constexpr int64_t kLimit = int64_t{1} << 30;
  auto fits = [&](const TensorType& type) {
    if (!type.shape.rank_known()) return true;
    int64_t elements = 1;
    for (const ir::Dim& dim : type.shape.dims()) {
      if (!dim.is_known()) continue;
      if (dim.size() > kLimit) return false;
      elements *= std::max<int64_t>(dim.size(), 1);  // below 2^30 before each multiply
      if (elements > kLimit) return false;
    }
    return true;
  };
  return std::all_of(operands.begin(), operands.end(), fits) &&
         std::all_of(outputs.begin(), outputs.end(), fits);
}

OpCost ElementwiseCost(const CostContext& context, int64_t flops_per_element) {
  OpCost cost;
  for (const TensorType& operand : context.operands) cost.bytes_read += TypeBytes(operand);
  for (const TensorType& output : context.outputs) {
    cost.bytes_written += TypeBytes(output);
    cost.flops += flops_per_element * output.shape.NumElements().value_or(0);
  }
  return cost;
}

}  // namespace mb::ops
