// ONNX op table rows for indexing, generation, quantization, casts and resampling (see
// onnx_op_table.h and onnx_op_table_util.h for how nodes arrive). The engine ops document
// their canonical params: ops/tensor/indexing.cc, generation.cc, manipulation.cc,
// depth_space.cc, ops/elementwise/quantize.cc, cast.cc and ops/nn/resize.cc.
//
// Opset differences handled here:
// - TopK before 10 has K as attribute `k`: it becomes a constant operand; largest and sorted
//   exist from 11 (before, always the largest, sorted).
// - Resize 10 (and Upsample 7 and 9) resize with x = o / scale (asymmetric) and nearest
//   takes floor; Upsample 7 has scales as an attribute, which becomes a constant operand.
//   Resize 11+ has inputs X, roi, scales, sizes and the coordinate attributes. Resize 18's
//   antialias, axes and keep_aspect_ratio_policy are refused unless at their defaults.
// - Tile before 6 had tiles/axis inputs: refused.
// - Gather allows negative indices (param negative_indices).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "importers/onnx/onnx_op_table_util.h"
#include "importers/onnx/onnx_tensor.h"

namespace mb::importers::onnx {
namespace {

// A row mapping onto `kind` with the first `operands` inputs and int attributes copied to
// params of the same names (with ONNX's defaults).
LegalizeFn WithInts(OpKind kind, int operands,
                    std::vector<std::pair<const char*, int64_t>> int_attrs) {
  return [kind, operands, int_attrs](Legalization& l) -> Status {
    RETURN_IF_ERROR(Simple(kind, operands)(l));
    for (const auto& [name, fallback] : int_attrs) l.Set(name, l.IntAttr(name, fallback));
    return OkStatus();
  };
}

Status TopK(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  std::vector<ir::ValueId> operands = {l.node().inputs[0]};
  if (l.opset < 10) {
    const ir::Attribute* k = l.Attr("k");
    if (k == nullptr || !k->Is<int64_t>()) return InvalidArgumentError("TopK needs attribute k");
    operands.push_back(AddInt64Constant(l, "K", {1}, {k->Get<int64_t>()}));
  } else {
    RETURN_IF_ERROR(l.RequireInputs(2));
    operands.push_back(l.node().inputs[1]);
  }
  l.node().kind = OpKind::kTopK;
  l.node().operands = std::move(operands);
  l.Set("axis", l.IntAttr("axis", -1));
  l.Set("largest", l.IntAttr("largest", 1) != 0);
  l.Set("sorted", l.IntAttr("sorted", 1) != 0);
  return OkStatus();
}

Status CumSum(Legalization& l) {
  RETURN_IF_ERROR(Simple(OpKind::kCumSum, 2)(l));
  l.Set("exclusive", l.IntAttr("exclusive", 0) != 0);
  l.Set("reverse", l.IntAttr("reverse", 0) != 0);
  return OkStatus();
}

Status ConstantOfShape(Legalization& l) {
  RETURN_IF_ERROR(Simple(OpKind::kConstantOfShape, 1)(l));
  if (const ir::Attribute* value = l.Attr("value"); value != nullptr) {
    if (!value->Is<ir::TensorPtr>()) return InvalidArgumentError("value must be a tensor");
    l.Set("value", value->Get<ir::TensorPtr>());
  }
  return OkStatus();
}

LegalizeFn Quantization(OpKind kind) {
  return [kind](Legalization& l) -> Status {
    if (l.IntAttr("block_size", 0) != 0) {
      return UnimplementedError("blocked quantization (block_size) is not supported");
    }
    RETURN_IF_ERROR(l.RequireInputs(2));
    l.node().kind = kind;
    l.OperandsFromInputs(3);
    l.Set("axis", l.IntAttr("axis", 1));
    return OkStatus();
  };
}

// Resize 10 and Upsample: x = o / scale, nearest rounds down (the Upsample definition).
Status SetLegacyResizeParams(Legalization& l) {
  std::string mode = l.StringAttr("mode", "nearest");
  if (mode == "bilinear") mode = "linear";  // Upsample-1's name for it
  if (mode != "nearest" && mode != "linear") {
    return InvalidArgumentError("unknown mode '" + mode + "' (expected nearest or linear)");
  }
  l.Set("mode", mode);
  l.Set("coordinate_transformation_mode", std::string("asymmetric"));
  l.Set("nearest_mode", std::string("floor"));
  return OkStatus();
}

Status Upsample(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  RETURN_IF_ERROR(SetLegacyResizeParams(l));
  ir::ValueId scales = ir::kNoValue;
  if (l.opset >= 9) {
    RETURN_IF_ERROR(l.RequireInputs(2));
    scales = l.node().inputs[1];
  } else {
    const ir::Attribute* attr = l.Attr("scales");
    if (attr == nullptr || !attr->Is<std::vector<float>>()) {
      return InvalidArgumentError("Upsample needs the float list attribute scales");
    }
    const std::vector<float>& values = attr->Get<std::vector<float>>();
    scales = AddFloatConstant(l, "scales", {static_cast<int64_t>(values.size())}, values);
  }
  l.node().kind = OpKind::kResize;
  l.node().operands = {l.node().inputs[0], ir::kNoValue, scales};
  return OkStatus();
}

Status Resize(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  if (l.opset < 11) {
    RETURN_IF_ERROR(SetLegacyResizeParams(l));
    l.node().kind = OpKind::kResize;
    l.node().operands = {l.node().inputs[0], ir::kNoValue, l.node().inputs[1]};
    return OkStatus();
  }
  if (l.IntAttr("antialias", 0) != 0) {
    return UnimplementedError("Resize with antialias is not supported");
  }
  if (l.Attr("axes") != nullptr) return UnimplementedError("Resize with axes is not supported");
  const std::string policy = l.StringAttr("keep_aspect_ratio_policy", "stretch");
  if (policy != "stretch") {
    return UnimplementedError("Resize with keep_aspect_ratio_policy '" + policy +
                              "' is not supported");
  }
  l.node().kind = OpKind::kResize;
  l.OperandsFromInputs(4);
  l.Set("mode", l.StringAttr("mode", "nearest"));
  l.Set("coordinate_transformation_mode",
        l.StringAttr("coordinate_transformation_mode", "half_pixel"));
  l.Set("nearest_mode", l.StringAttr("nearest_mode", "round_prefer_floor"));
  l.Set("cubic_coeff_a", l.FloatAttr("cubic_coeff_a", -0.75f));
  l.Set("exclude_outside", l.IntAttr("exclude_outside", 0) != 0);
  l.Set("extrapolation_value", l.FloatAttr("extrapolation_value", 0.0f));
  return OkStatus();
}

Status Gather(Legalization& l) {
  RETURN_IF_ERROR(Simple(OpKind::kGather, 2)(l));
  l.Set("axis", l.IntAttr("axis", 0));
  l.Set("negative_indices", true);
  return OkStatus();
}

Status Tile(Legalization& l) {
  if (l.opset < 6) return UnimplementedError("Tile before opset 6 (tiles, axis) is not supported");
  return Simple(OpKind::kTile, 2)(l);
}

LegalizeFn DepthSpace(OpKind kind) {
  return [kind](Legalization& l) -> Status {
    RETURN_IF_ERROR(Simple(kind, 1)(l));
    const ir::Attribute* block = l.Attr("blocksize");
    if (block == nullptr || !block->Is<int64_t>()) {
      return InvalidArgumentError("needs the int attribute blocksize");
    }
    l.Set("block_size", block->Get<int64_t>());
    l.Set("data_layout", std::string("NCHW"));
    if (kind == OpKind::kDepthToSpace) l.Set("mode", l.StringAttr("mode", "DCR"));
    return OkStatus();
  };
}

Status Cast(Legalization& l) {
  const ir::Attribute* to = l.Attr("to");
  if (to == nullptr || !to->Is<int64_t>()) return InvalidArgumentError("Cast needs attribute to");
  const int64_t code = to->Get<int64_t>();
  const std::optional<ir::DType> dtype =
      code >= 0 && code <= 1000 ? DTypeFromOnnx(static_cast<int32_t>(code)) : std::nullopt;
  if (!dtype) return InvalidArgumentError("Cast to unknown ONNX type " + std::to_string(code));
  RETURN_IF_ERROR(Simple(OpKind::kCast, 1)(l));
  l.Set("to", *dtype);
  return OkStatus();
}

// CastLike(input, target_type): a Cast to target_type's dtype, which must be known now.
Status CastLike(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  const ir::DType to = l.graph.value(l.node().inputs[1]).dtype;
  if (to == ir::DType::kInvalid) {
    return UnimplementedError("CastLike needs the dtype of target_type to be known");
  }
  RETURN_IF_ERROR(Simple(OpKind::kCast, 1)(l));
  l.Set("to", to);
  return OkStatus();
}

}  // namespace

void AddOnnxTensorRows(OpTable& table) {
  table["GatherElements"] = WithInts(OpKind::kGatherElements, 2, {{"axis", 0}});
  table["GatherND"] = WithInts(OpKind::kGatherND, 2, {{"batch_dims", 0}});
  table["ScatterND"] = [](Legalization& l) -> Status {
    RETURN_IF_ERROR(Simple(OpKind::kScatterND, 3)(l));
    l.Set("reduction", l.StringAttr("reduction", "none"));
    return OkStatus();
  };
  table["TopK"] = TopK;
  table["CumSum"] = CumSum;
  table["ConstantOfShape"] = ConstantOfShape;
  table["NonZero"] = Simple(OpKind::kNonZero, 1);
  table["Expand"] = Simple(OpKind::kExpand, 2);
  table["Size"] = Simple(OpKind::kSize, 1);
  table["QuantizeLinear"] = Quantization(OpKind::kQuantizeLinear);
  table["DequantizeLinear"] = Quantization(OpKind::kDequantizeLinear);
  table["Resize"] = Resize;
  table["Upsample"] = Upsample;
  table["Gather"] = Gather;
  table["Tile"] = Tile;
  table["DepthToSpace"] = DepthSpace(OpKind::kDepthToSpace);
  table["SpaceToDepth"] = DepthSpace(OpKind::kSpaceToDepth);
  table["Range"] = Simple(OpKind::kRange, 3);
  table["Cast"] = Cast;
  table["CastLike"] = CastLike;
}

}  // namespace mb::importers::onnx
