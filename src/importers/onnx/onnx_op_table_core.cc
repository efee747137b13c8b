// Core rows of the ONNX op table: graph plumbing, shape and layout ops, and the helpers the
// family files share (onnx_op_table_util.h).
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "importers/onnx/onnx_op_table_util.h"
#include "ir/tensor.h"

namespace mb::importers::onnx {

StatusOr<std::optional<std::vector<int64_t>>> IntsFromInputOrAttr(Legalization& l, int i,
                                                                  const std::string& attr,
                                                                  int64_t input_since) {
  if (l.opset >= input_since) {
    if (i >= static_cast<int>(l.node().inputs.size()) || l.node().inputs[i] == ir::kNoValue) {
      return std::optional<std::vector<int64_t>>();
    }
    ASSIGN_OR_RETURN(std::vector<int64_t> values, l.ConstantIntsInput(i, attr.c_str()));
    return std::optional<std::vector<int64_t>>(std::move(values));
  }
  if (l.Attr(attr) == nullptr) return std::optional<std::vector<int64_t>>();
  return std::optional<std::vector<int64_t>>(l.IntsAttr(attr));
}

namespace {

template <typename T>
ir::ValueId AddConstant(Legalization& l, const std::string& suffix, ir::DType dtype,
                        std::vector<int64_t> sizes, const std::vector<T>& values) {
  std::string bytes(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  // The callers build sizes that match values, so this cannot fail.
  return l.graph.AddConstant(
      l.node().name + "/" + suffix,
      ir::Tensor::FromBytes(dtype, std::move(sizes), std::move(bytes)).value());
}

}  // namespace

ir::ValueId AddInt64Constant(Legalization& l, const std::string& suffix, std::vector<int64_t> sizes,
                             const std::vector<int64_t>& values) {
  return AddConstant(l, suffix, ir::DType::kInt64, std::move(sizes), values);
}

ir::ValueId AddFloatConstant(Legalization& l, const std::string& suffix, std::vector<int64_t> sizes,
                             const std::vector<float>& values) {
  return AddConstant(l, suffix, ir::DType::kFloat32, std::move(sizes), values);
}

namespace {

Status Reshape(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  l.node().kind = OpKind::kReshape;
  l.OperandsFromInputs(2);
  // ONNX's 0 copies the input's dimension unless allowzero (opset 14) asks for a real 0.
  l.Set("zero_copies_input", l.IntAttr("allowzero", 0) == 0);
  return OkStatus();
}

Status Squeeze(Legalization& l, OpKind kind) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  ASSIGN_OR_RETURN(auto axes, IntsFromInputOrAttr(l, 1, "axes", 13));
  if (kind == OpKind::kUnsqueeze && !axes) return InvalidArgumentError("needs axes");
  l.node().kind = kind;
  l.OperandsFromInputs(1);
  l.Set("axes", axes.value_or(std::vector<int64_t>{}));
  return OkStatus();
}

Status Slice(Legalization& l) {
  l.node().kind = OpKind::kStridedSlice;
  l.Set("onnx_axes", true);
  if (l.opset >= 10) {
    RETURN_IF_ERROR(l.RequireInputs(3));
    l.OperandsFromInputs(5);
    return OkStatus();
  }
  // Opsets 1-9: starts, ends and axes are attributes.
  RETURN_IF_ERROR(l.RequireInputs(1));
  const std::vector<int64_t> starts = l.IntsAttr("starts");
  const std::vector<int64_t> ends = l.IntsAttr("ends");
  l.OperandsFromInputs(1);
  auto& operands = l.node().operands;
  operands.push_back(AddInt64Constant(l, "starts", {static_cast<int64_t>(starts.size())}, starts));
  operands.push_back(AddInt64Constant(l, "ends", {static_cast<int64_t>(ends.size())}, ends));
  if (l.Attr("axes") != nullptr) {
    const std::vector<int64_t> axes = l.IntsAttr("axes");
    operands.push_back(AddInt64Constant(l, "axes", {static_cast<int64_t>(axes.size())}, axes));
  }
  return OkStatus();
}

Status Split(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  ASSIGN_OR_RETURN(auto splits, IntsFromInputOrAttr(l, 1, "split", 13));
  if (!splits && l.opset >= 18 && l.Attr("num_outputs") != nullptr &&
      l.IntAttr("num_outputs", 0) != static_cast<int64_t>(l.node().outputs.size())) {
    return InvalidArgumentError("num_outputs differs from the number of outputs");
  }
  l.node().kind = OpKind::kSplit;
  l.OperandsFromInputs(1);
  l.Set("axis", l.IntAttr("axis", 0));
  l.Set("splits", splits.value_or(std::vector<int64_t>{}));
  return OkStatus();
}

Status Pad(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  const std::string mode = l.StringAttr("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge") {
    return UnimplementedError("pad mode '" + mode + "' is not supported");
  }
  ASSIGN_OR_RETURN(auto pads, IntsFromInputOrAttr(l, 1, "pads", 11));
  if (!pads || pads->size() % 2 != 0) {
    return InvalidArgumentError("pads must list a begin and an end per dimension");
  }
  if (l.node().inputs.size() > 3 && l.node().inputs[3] != ir::kNoValue) {
    return UnimplementedError("Pad's axes input is not supported");
  }
  // ONNX lists every begin, then every end; the Pad op takes (before, after) per dimension.
  const int64_t rank = static_cast<int64_t>(pads->size()) / 2;
  std::vector<int64_t> pairs(2 * rank);
  for (int64_t d = 0; d < rank; ++d) {
    pairs[2 * d] = (*pads)[d];
    pairs[2 * d + 1] = (*pads)[rank + d];
  }
  l.node().kind = OpKind::kPad;
  l.Set("mode", mode == "reflect" ? std::string("REFLECT")
                : mode == "edge"  ? std::string("EDGE")
                                  : std::string("CONSTANT"));
  l.OperandsFromInputs(1);
  l.node().operands.push_back(AddInt64Constant(l, "paddings", {rank, 2}, pairs));
  if (l.opset >= 11) {
    if (l.node().inputs.size() > 2 && l.node().inputs[2] != ir::kNoValue) {
      l.node().operands.push_back(l.node().inputs[2]);
    }
  } else if (l.Attr("value") != nullptr) {
    l.node().operands.push_back(
        AddFloatConstant(l, "constant_value", {}, {l.FloatAttr("value", 0.0f)}));
  }
  return OkStatus();
}

Status ShapeOf(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  if (l.IntAttr("start", 0) != 0 || l.Attr("end") != nullptr) {
    return UnimplementedError("Shape's start and end attributes are not supported");
  }
  l.node().kind = OpKind::kShape;
  l.OperandsFromInputs(1);
  l.Set("out_dtype", ir::DType::kInt64);
  return OkStatus();
}

Status Concat(Legalization& l) {
  if (l.Attr("axis") == nullptr) return InvalidArgumentError("needs an axis");
  RETURN_IF_ERROR(l.RequireInputs(1));
  l.node().kind = OpKind::kConcat;
  l.OperandsFromInputs();
  l.Set("axis", l.IntAttr("axis", 0));
  return OkStatus();
}

// The branches stay Functions; runtime/control_flow.h inlines the chosen one.
Status If(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  const ir::Attribute* then_branch = l.Attr("then_branch");
  const ir::Attribute* else_branch = l.Attr("else_branch");
  if (then_branch == nullptr || else_branch == nullptr || !then_branch->Is<ir::FunctionRef>() ||
      !else_branch->Is<ir::FunctionRef>()) {
    return InvalidArgumentError("needs then_branch and else_branch subgraphs");
  }
  l.node().kind = OpKind::kIf;
  l.OperandsFromInputs(1);
  l.Set("then_branch", then_branch->Get<ir::FunctionRef>().name);
  l.Set("else_branch", else_branch->Get<ir::FunctionRef>().name);
  return OkStatus();
}

Status Transpose(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  l.node().kind = OpKind::kTranspose;
  l.OperandsFromInputs(1);
  if (l.Attr("perm") != nullptr) l.Set("perm", l.IntsAttr("perm"));
  return OkStatus();
}

}  // namespace

void AddOnnxCoreRows(OpTable& table) {
  table["Identity"] = Simple(OpKind::kIdentity, 1);
  table["Constant"] = Simple(OpKind::kConstant, 0);  // the importer stored its value
  table["Reshape"] = Reshape;
  table["Squeeze"] = [](Legalization& l) { return Squeeze(l, OpKind::kSqueeze); };
  table["Unsqueeze"] = [](Legalization& l) { return Squeeze(l, OpKind::kUnsqueeze); };
  table["Slice"] = Slice;
  table["Split"] = Split;
  table["Pad"] = Pad;
  table["Shape"] = ShapeOf;
  table["Concat"] = Concat;
  table["Transpose"] = Transpose;
  table["If"] = If;
}

}  // namespace mb::importers::onnx
