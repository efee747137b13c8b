// ONNX op table rows for convolution, pooling, matrix products, normalization, Einsum,
// Dropout and Flatten (see onnx_op_table_util.h for how nodes arrive).
//
// Layout: ONNX tensors are NCHW and its filters OIHW (Conv) or IOHW (ConvTranspose); the
// rows say so in data_layout / filter_layout rather than transposing. 1-D convolution and
// pooling ([N, C, L]) map onto the same ops (they run as 2-D with H = 1); 3-D ([N, C, D, H,
// W]) maps for MaxPool, AveragePool and ConvTranspose and is refused for Conv.
// Window attributes:
// - pads are [x1_begin, x2_begin, ..., x1_end, x2_end, ...] in ONNX and one [begin, end]
//   pair per spatial dimension in the engine ([top, bottom, left, right] for 2-D; [front,
//   back, top, bottom, left, right] for 3-D): reordered here.
// - auto_pad NOTSET (default) -> padding EXPLICIT; SAME_UPPER / SAME_LOWER / VALID -> the
//   padding of the same name (SAME_UPPER is TF's SAME).
// Opset differences handled here:
// - MaxPool's dilations and ceil_mode (10), AveragePool's ceil_mode (10): read when present.
// - BatchNormalization before 7 has is_test/spatial (spatial = 0 is refused); before 14
//   its training outputs (mean, var, saved_mean, saved_var) are refused; 14 adds
//   training_mode -> training, with outputs Y and optionally running_mean, running_var.
// - Dropout from 12 takes ratio and training_mode as inputs; a constant-true training_mode
//   or a requested mask output is refused.
// - Gemm before 11 requires C; the rows accept it either way.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "importers/onnx/onnx_op_table_util.h"

namespace mb::importers::onnx {
namespace {

bool HasInput(Legalization& l, size_t i) {
  return i < l.node().inputs.size() && l.node().inputs[i] != ir::kNoValue;
}

// The static shape of input i as the importer knows it (a constant's, or the Value's from
// the model's type information); nullopt when its rank is not known.
std::optional<ir::Shape> InputShape(Legalization& l, size_t i) {
  if (!HasInput(l, i)) return std::nullopt;
  if (const ir::Tensor* t = l.ConstantInput(static_cast<int>(i))) return t->shape();
  const ir::Value& value = l.graph.value(l.node().inputs[i]);
  if (value.shape.rank_known()) return value.shape;
  return std::nullopt;
}

// Spatial dimensions of a conv or pool node: from kernel_shape, the filter's rank, X's
// rank or the window attributes' lengths, in that order; 2 if nothing says. 1 and 2 are
// supported, and 3 where `allow_3d` (the op's engine math handles 5-D tensors).
StatusOr<int> SpatialRank(Legalization& l, bool has_filter, bool allow_3d) {
  int rank = -1;
  if (l.Attr("kernel_shape") != nullptr) {
    rank = static_cast<int>(l.IntsAttr("kernel_shape").size());
  } else if (auto w = has_filter ? InputShape(l, 1) : std::nullopt) {
    rank = w->rank() - 2;
  } else if (auto x = InputShape(l, 0)) {
    rank = x->rank() - 2;
  } else if (l.Attr("strides") != nullptr) {
    rank = static_cast<int>(l.IntsAttr("strides").size());
  } else if (l.Attr("dilations") != nullptr) {
    rank = static_cast<int>(l.IntsAttr("dilations").size());
  } else if (l.Attr("pads") != nullptr) {
    rank = static_cast<int>(l.IntsAttr("pads").size()) / 2;
  } else {
    rank = 2;
  }
  if (rank == 3 && !allow_3d) {
    return UnimplementedError("3-D " + l.node().op_type + " is not supported");
  }
  if (rank < 1 || rank > 3) {
    return InvalidArgumentError("has " + std::to_string(rank) + " spatial dimensions");
  }
  return rank;
}

// An INTS attribute of one value per spatial dimension, or `fallback` in each if absent.
StatusOr<std::vector<int64_t>> SpatialInts(Legalization& l, const std::string& name,
                                           int spatial_rank, int64_t fallback) {
  if (l.Attr(name) == nullptr) return std::vector<int64_t>(spatial_rank, fallback);
  std::vector<int64_t> values = l.IntsAttr(name);
  if (static_cast<int>(values.size()) != spatial_rank) {
    return InvalidArgumentError(name + " has " + std::to_string(values.size()) +
                                " values, expected " + std::to_string(spatial_rank));
  }
  return values;
}

// data_layout, strides, (dilations), padding and pads for a conv or pool node.
Status SetWindowParams(Legalization& l, int spatial_rank, bool dilations) {
  l.Set("data_layout", std::string("NCHW"));
  ASSIGN_OR_RETURN(auto strides, SpatialInts(l, "strides", spatial_rank, 1));
  l.Set("strides", strides);
  if (dilations) {
    ASSIGN_OR_RETURN(auto values, SpatialInts(l, "dilations", spatial_rank, 1));
    l.Set("dilations", values);
  }
  const std::string auto_pad = l.StringAttr("auto_pad", "NOTSET");
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER" || auto_pad == "VALID") {
    l.Set("padding", auto_pad);
    return OkStatus();
  }
  if (auto_pad != "NOTSET") return InvalidArgumentError("unknown auto_pad '" + auto_pad + "'");
  std::vector<int64_t> pads(2 * spatial_rank, 0);
  if (l.Attr("pads") != nullptr) pads = l.IntsAttr("pads");
  if (static_cast<int>(pads.size()) != 2 * spatial_rank) {
    return InvalidArgumentError("pads has " + std::to_string(pads.size()) + " values, expected " +
                                std::to_string(2 * spatial_rank));
  }
  for (int64_t p : pads) {
    if (p < 0) return UnimplementedError("negative pads are not supported");
  }
  l.Set("padding", std::string("EXPLICIT"));
  // ONNX [all begins, all ends] -> a [begin, end] pair per dimension (2-D: [h_begin, w_begin,
  // h_end, w_end] -> [top, bottom, left, right]); 1-D stays.
  std::vector<int64_t> pairs(pads.size());
  for (int i = 0; i < spatial_rank; ++i) {
    pairs[2 * i] = pads[i];
    pairs[2 * i + 1] = pads[i + spatial_rank];
  }
  l.Set("pads", pairs);
  return OkStatus();
}

Status Conv(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  ASSIGN_OR_RETURN(int spatial_rank, SpatialRank(l, /*has_filter=*/true, /*allow_3d=*/false));
  l.node().kind = OpKind::kConv;
  l.OperandsFromInputs(HasInput(l, 2) ? 3 : 2);
  RETURN_IF_ERROR(SetWindowParams(l, spatial_rank, /*dilations=*/true));
  l.Set("filter_layout", std::string("OIHW"));
  l.Set("group", l.IntAttr("group", 1));
  return OkStatus();
}

Status ConvTranspose(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  ASSIGN_OR_RETURN(int spatial_rank, SpatialRank(l, /*has_filter=*/true, /*allow_3d=*/true));
  l.node().kind = OpKind::kConvTranspose;
  l.OperandsFromInputs(HasInput(l, 2) ? 3 : 2);
  RETURN_IF_ERROR(SetWindowParams(l, spatial_rank, /*dilations=*/true));
  l.Set("filter_layout", std::string("IOHW"));
  l.Set("group", l.IntAttr("group", 1));
  ASSIGN_OR_RETURN(auto output_padding, SpatialInts(l, "output_padding", spatial_rank, 0));
  l.Set("output_padding", output_padding);
  if (l.Attr("output_shape") != nullptr) {
    // The spatial sizes, possibly preceded by N and C. With it the pads are derived from
    // the total padding: the extra cell after for SAME_UPPER, else before (the spec).
    std::vector<int64_t> shape = l.IntsAttr("output_shape");
    if (static_cast<int>(shape.size()) == spatial_rank + 2)
      shape.erase(shape.begin(), shape.begin() + 2);
    if (static_cast<int>(shape.size()) != spatial_rank) {
      return InvalidArgumentError("output_shape has " + std::to_string(shape.size()) +
                                  " values, expected " + std::to_string(spatial_rank));
    }
    l.Set("output_size", shape);
    l.Set("padding",
          std::string(l.StringAttr("auto_pad", "NOTSET") == "SAME_UPPER" ? "SAME_UPPER"
                                                                         : "SAME_LOWER"));
  }
  return OkStatus();
}

Status MaxPool(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  if (l.node().outputs.size() > 1) {
    return UnimplementedError("MaxPool's Indices output is not supported");
  }
  if (l.IntAttr("storage_order", 0) != 0) {
    return UnimplementedError("storage_order 1 (column major) is not supported");
  }
  if (l.Attr("kernel_shape") == nullptr) return InvalidArgumentError("kernel_shape is required");
  ASSIGN_OR_RETURN(int spatial_rank, SpatialRank(l, /*has_filter=*/false, /*allow_3d=*/true));
  l.node().kind = OpKind::kMaxPool;
  l.OperandsFromInputs(1);
  l.Set("kernel", l.IntsAttr("kernel_shape"));
  RETURN_IF_ERROR(SetWindowParams(l, spatial_rank, /*dilations=*/true));
  l.Set("ceil_mode", l.IntAttr("ceil_mode", 0) != 0);
  return OkStatus();
}

Status AveragePool(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  if (l.Attr("kernel_shape") == nullptr) return InvalidArgumentError("kernel_shape is required");
  ASSIGN_OR_RETURN(int spatial_rank, SpatialRank(l, /*has_filter=*/false, /*allow_3d=*/true));
  l.node().kind = OpKind::kAveragePool;
  l.OperandsFromInputs(1);
  l.Set("kernel", l.IntsAttr("kernel_shape"));
  // AveragePool has dilations only from opset 19; read them if a model has them.
  RETURN_IF_ERROR(SetWindowParams(l, spatial_rank, /*dilations=*/true));
  l.Set("ceil_mode", l.IntAttr("ceil_mode", 0) != 0);
  l.Set("count_include_pad", l.IntAttr("count_include_pad", 0) != 0);
  return OkStatus();
}

// GlobalAveragePool / GlobalMaxPool: a reduction over dimensions [2, rank) with keepdims
// where X's rank is known here (the reduce kernels are fast), else global pooling (any
// 3-D or 4-D input, resolved at shape inference).
LegalizeFn GlobalPool(OpKind reduce_kind, OpKind pool_kind) {
  return [reduce_kind, pool_kind](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    l.OperandsFromInputs(1);
    if (std::optional<ir::Shape> x = InputShape(l, 0)) {
      if (x->rank() < 3) return InvalidArgumentError("input must have rank >= 3");
      std::vector<int64_t> axes;
      for (int i = 2; i < x->rank(); ++i) axes.push_back(i);
      l.node().kind = reduce_kind;
      l.Set("axes", axes);
      l.Set("keepdims", true);
      return OkStatus();
    }
    l.node().kind = pool_kind;
    l.Set("data_layout", std::string("NCHW"));
    l.Set("global", true);
    return OkStatus();
  };
}

// Gemm -> MatMul (oneDNN) when it is one: alpha = beta = 1 (or no C) and C absent or a
// bias of N values; the Gemm op otherwise.
Status Gemm(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  const float alpha = l.FloatAttr("alpha", 1.0f);
  const float beta = l.FloatAttr("beta", 1.0f);
  const bool trans_a = l.IntAttr("transA", 0) != 0;
  const bool trans_b = l.IntAttr("transB", 0) != 0;
  const bool has_c = HasInput(l, 2);
  bool as_matmul = alpha == 1.0f && (!has_c || beta == 1.0f);
  if (as_matmul && has_c) {
    // MatMul's bias must have exactly N values; a C of one value broadcasts only if N = 1.
    std::optional<ir::Shape> c = InputShape(l, 2);
    std::optional<ir::Shape> b = InputShape(l, 1);
    std::optional<int64_t> c_count = c ? c->NumElements() : std::nullopt;
    std::optional<int64_t> n;
    if (b && b->rank() == 2 && b->dim(trans_b ? 0 : 1).is_known()) {
      n = b->dim(trans_b ? 0 : 1).size();
    }
    as_matmul = c && c->rank() == 1 && c_count && ((n && *c_count == *n) || (!n && *c_count != 1));
  }
  l.OperandsFromInputs(has_c ? 3 : 2);
  l.Set("trans_a", trans_a);
  l.Set("trans_b", trans_b);
  if (as_matmul) {
    l.node().kind = OpKind::kMatMul;
    return OkStatus();
  }
  l.node().kind = OpKind::kGemm;
  l.Set("alpha", alpha);
  l.Set("beta", beta);
  return OkStatus();
}

Status BatchNormalization(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(5));
  if (l.opset < 7 && l.IntAttr("spatial", 1) == 0) {
    return UnimplementedError("BatchNormalization with spatial = 0 is not supported");
  }
  const bool training = l.opset >= 14 && l.IntAttr("training_mode", 0) != 0;
  if (l.node().outputs.size() > (training ? 3u : 1u)) {
    if (l.opset < 14) {
      return UnimplementedError("BatchNormalization's training outputs are not supported");
    }
    return InvalidArgumentError("BatchNormalization has " +
                                std::to_string(l.node().outputs.size()) + " outputs, expected " +
                                (training ? "at most 3" : "1 when training_mode is 0"));
  }
  l.node().kind = OpKind::kBatchNormalization;
  l.OperandsFromInputs(5);
  l.Set("data_layout", std::string("NCHW"));
  l.Set("epsilon", l.FloatAttr("epsilon", 1e-5f));
  if (training) {
    l.Set("training", true);
    l.Set("momentum", l.FloatAttr("momentum", 0.9f));
  }
  return OkStatus();
}

Status LayerNormalization(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  l.node().kind = OpKind::kLayerNormalization;
  l.OperandsFromInputs(HasInput(l, 2) ? 3 : 2);
  l.Set("axis", l.IntAttr("axis", -1));
  l.Set("epsilon", l.FloatAttr("epsilon", 1e-5f));
  l.Set("stash_type", l.IntAttr("stash_type", 1));
  return OkStatus();
}

Status Lrn(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  if (l.Attr("size") == nullptr) return InvalidArgumentError("size is required");
  l.node().kind = OpKind::kLRN;
  l.OperandsFromInputs(1);
  l.Set("size", l.IntAttr("size", 0));
  l.Set("alpha", l.FloatAttr("alpha", 1e-4f));
  l.Set("beta", l.FloatAttr("beta", 0.75f));
  l.Set("bias", l.FloatAttr("bias", 1.0f));
  return OkStatus();
}

Status Einsum(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  for (ir::ValueId input : l.node().inputs) {
    if (input == ir::kNoValue) return InvalidArgumentError("has an empty input name");
  }
  if (l.Attr("equation") == nullptr) return InvalidArgumentError("equation is required");
  l.node().kind = OpKind::kEinsum;
  l.OperandsFromInputs();
  l.Set("equation", l.StringAttr("equation", ""));
  return OkStatus();
}

Status Dropout(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  if (l.node().outputs.size() > 1) {
    return UnimplementedError("Dropout's mask output is not supported");
  }
  if (l.opset >= 12 && HasInput(l, 2)) {
    const ir::Tensor* training = l.ConstantInput(2);
    if (training == nullptr || training->num_elements() != 1 ||
        training->dtype() != ir::DType::kBool) {
      return UnimplementedError("Dropout's training_mode must be a constant false");
    }
    if (training->At<uint8_t>(0) != 0) {
      return UnimplementedError("Dropout in training mode is not supported");
    }
  }
  l.node().kind = OpKind::kIdentity;
  l.OperandsFromInputs(1);
  return OkStatus();
}

// Flatten(axis) -> Reshape to [prod(d[0:axis]), prod(d[axis:])]. Axis 0 and 1 need no
// shape (shape [1, -1]; [0, -1] with 0 copying d0); another axis needs X's rank and the
// sizes of d[0:axis] or of d[axis:] from the model's type information.
Status Flatten(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  int64_t axis = l.IntAttr("axis", 1);
  std::optional<ir::Shape> x = InputShape(l, 0);
  if (x) {
    const int64_t rank = x->rank();
    if (axis < -rank || axis > rank) {
      return InvalidArgumentError("axis " + std::to_string(axis) + " is out of range for rank " +
                                  std::to_string(rank));
    }
    if (axis < 0) axis += rank;
  } else if (axis < 0) {
    return UnimplementedError("Flatten with a negative axis needs the input's rank");
  }
  std::vector<int64_t> shape;
  if (axis == 0) {
    shape = {1, -1};
  } else if (axis == 1) {
    shape = {0, -1};
  } else {
    if (!x) return UnimplementedError("Flatten with axis > 1 needs the input's shape");
    auto product = [&](int64_t begin, int64_t end) -> std::optional<int64_t> {
      int64_t p = 1;
      for (int64_t i = begin; i < end; ++i) {
        if (!x->dim(i).is_known()) return std::nullopt;
        auto next = ir::CheckedMultiply(p, x->dim(i).size());
        if (!next) return std::nullopt;
        p = *next;
      }
      return p;
    };
    if (auto outer = product(0, axis)) {
      shape = {*outer, -1};
    } else if (auto inner = product(axis, x->rank())) {
      shape = {-1, *inner};
    } else {
      return UnimplementedError("Flatten with axis > 1 needs the input's sizes");
    }
  }
  l.node().kind = OpKind::kReshape;
  l.OperandsFromInputs(1);
  l.node().operands.push_back(AddInt64Constant(l, "flatten_shape", {2}, shape));
  l.Set("zero_copies_input", true);
  return OkStatus();
}

}  // namespace

void AddOnnxNnRows(OpTable& table) {
  table["Conv"] = Conv;
  table["ConvTranspose"] = ConvTranspose;
  table["MaxPool"] = MaxPool;
  table["AveragePool"] = AveragePool;
  table["GlobalAveragePool"] = GlobalPool(OpKind::kReduceMean, OpKind::kAveragePool);
  table["GlobalMaxPool"] = GlobalPool(OpKind::kReduceMax, OpKind::kMaxPool);
  table["MatMul"] = [](Legalization& l) -> Status {
    RETURN_IF_ERROR(Simple(OpKind::kMatMul, 2)(l));
    l.Set("trans_a", false);
    l.Set("trans_b", false);
    return OkStatus();
  };
  table["Gemm"] = Gemm;
  table["BatchNormalization"] = BatchNormalization;
  table["InstanceNormalization"] = [](Legalization& l) -> Status {
    RETURN_IF_ERROR(Simple(OpKind::kInstanceNormalization, 3)(l));
    l.Set("epsilon", l.FloatAttr("epsilon", 1e-5f));
    return OkStatus();
  };
  table["LayerNormalization"] = LayerNormalization;
  table["LRN"] = Lrn;
  table["Einsum"] = Einsum;
  table["Dropout"] = Dropout;
  table["Flatten"] = Flatten;
}

}  // namespace mb::importers::onnx
