// Ops from ONNX that generate or broadcast data from a shape: ConstantOfShape, Expand, Size.
//
// ConstantOfShape operand shape (int32 or int64, 1-D, non-negative; a value operand); param
//   value (a tensor with one element, any plain dtype; default float32 0). The output has
//   dtype value.dtype and the given shape (an empty shape gives a scalar), every element
//   equal to value.
// Expand operands X (any plain dtype), shape (int32 or int64, 1-D, non-negative; a value
//   operand). The output shape is the NumPy broadcast of X.shape and shape (bidirectional:
//   a 1 in shape keeps X's size), and the output is X broadcast to it.
// Size operand X (any dtype; only its shape is read). Output: an int64 scalar, the number of
//   elements of X.
//
// Cost: no arithmetic; ConstantOfShape and Expand write every output element (Expand reads
// X once), Size writes 8 bytes and reads nothing.
#include <cstring>
#include <string>
#include <vector>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

using ir::DType;

std::string Name(DType dtype) { return std::string(ir::DTypeName(dtype)); }

Status CheckOutput(const TensorView& output, DType dtype, const std::vector<int64_t>& sizes) {
  if (output.dtype != dtype || output.sizes != sizes) {
    return InvalidArgumentError("output is " + Name(output.dtype) + " " +
                                ir::Shape::Static(output.sizes).ToString() + ", expected " +
                                Name(dtype) + " " + ir::Shape::Static(sizes).ToString());
  }
  if (output.data == nullptr && output.num_elements() != 0) {
    return InvalidArgumentError("output has no buffer");
  }
  return OkStatus();
}

// A shape operand's values: 1-D (or a scalar holding one size), each >= 0, with a
// representable element count.
Status CheckShapeValues(const std::vector<int64_t>& sizes) {
  for (int64_t s : sizes) {
    if (s < 0) {
      return InvalidArgumentError("shape has a negative size " + std::to_string(s));
    }
  }
  return ir::CheckedNumElements(sizes).status();
}

Status RequireShapeOperand(const TensorType& type) {
  if (type.dtype != DType::kInt32 && type.dtype != DType::kInt64) {
    return InvalidArgumentError("shape must be int32 or int64, not " + Name(type.dtype));
  }
  if (type.shape.rank_known() && type.shape.rank() > 1) {
    return InvalidArgumentError("shape must be 1-D, not " + type.shape.ToString());
  }
  return OkStatus();
}

StatusOr<std::vector<int64_t>> ShapeValues(const TensorView& view) {
  if (view.dtype != DType::kInt32 && view.dtype != DType::kInt64) {
    return InvalidArgumentError("shape must be int32 or int64, not " + Name(view.dtype));
  }
  if (view.rank() > 1) return InvalidArgumentError("shape must be 1-D");
  std::vector<int64_t> sizes = ViewInts(view);
  RETURN_IF_ERROR(CheckShapeValues(sizes));
  return sizes;
}

// ---- ConstantOfShape ----

// The fill value: param `value` (a one-element tensor), or float32 0.
StatusOr<ir::Tensor> FillValue(const ir::Node& node) {
  auto it = node.params.find("value");
  if (it == node.params.end()) {
    return ir::Tensor::FromBytes(DType::kFloat32, {}, std::string(sizeof(float), '\0'));
  }
  if (!it->second.Is<ir::TensorPtr>() || it->second.Get<ir::TensorPtr>() == nullptr) {
    return InvalidArgumentError("param value must be a tensor");
  }
  const ir::Tensor& value = *it->second.Get<ir::TensorPtr>();
  if (!ir::IsPlainData(value.dtype()) || value.num_elements() != 1) {
    return InvalidArgumentError("value must hold one element of plain data, has " +
                                std::to_string(value.num_elements()) + " of " +
                                Name(value.dtype()));
  }
  return value;
}

Status InferConstantOfShape(InferenceContext& context) {
  RETURN_IF_ERROR(RequireShapeOperand(context.operand(0)));
  ASSIGN_OR_RETURN(ir::Tensor value, FillValue(context.node()));
  const ir::Tensor* shape = context.operand_value(0);
  if (shape == nullptr) {
    const ir::Shape& operand = context.operand(0).shape;
    if (operand.rank_known() && operand.rank() == 1 && operand.dim(0).is_known()) {
      context.set_output(0, {value.dtype(), ir::Shape(std::vector<ir::Dim>(operand.dim(0).size(),
                                                                           ir::Dim::Unknown()))});
    } else {
      context.set_output(0, {value.dtype(), ir::Shape::UnknownRank()});
    }
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes, ConstantInts(shape, "shape"));
  RETURN_IF_ERROR(CheckShapeValues(sizes));
  context.set_output(0, {value.dtype(), ir::Shape::Static(sizes)});
  return OkStatus();
}

Status ComputeConstantOfShape(const ComputeContext& context) {
  if (context.inputs.empty() || context.outputs.size() != 1) {
    return InvalidArgumentError("ConstantOfShape has one operand and one output");
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes, ShapeValues(context.inputs[0]));
  ASSIGN_OR_RETURN(ir::Tensor value, FillValue(context.node));
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutput(y, value.dtype(), sizes));
  const size_t element = ir::DTypeSize(value.dtype());
  char* out = static_cast<char*>(y.data);
  for (int64_t i = 0; i < y.num_elements(); ++i) {
    std::memcpy(out + i * element, value.bytes().data(), element);
  }
  return OkStatus();
}

// ---- Expand ----

Status InferExpand(InferenceContext& context) {
  const TensorType& x = context.operand(0);
  if (!ir::IsPlainData(x.dtype)) {
    return UnimplementedError("dtype " + Name(x.dtype) + " is not supported");
  }
  RETURN_IF_ERROR(RequireShapeOperand(context.operand(1)));
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes, ConstantInts(context.operand_value(1), "shape"));
  RETURN_IF_ERROR(CheckShapeValues(sizes));
  ASSIGN_OR_RETURN(ir::Shape shape, BroadcastShapes(x.shape, ir::Shape::Static(sizes)));
  if (shape.IsFullyKnown()) RETURN_IF_ERROR(ir::CheckedNumElements(shape.Sizes()).status());
  context.set_output(0, {x.dtype, shape});
  return OkStatus();
}

Status ComputeExpand(const ComputeContext& context) {
  if (context.inputs.size() < 2 || context.outputs.size() != 1) {
    return InvalidArgumentError("Expand has two operands and one output");
  }
  const TensorView& x = context.inputs[0];
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes, ShapeValues(context.inputs[1]));
  ASSIGN_OR_RETURN(ir::Shape shape,
                   BroadcastShapes(ir::Shape::Static(x.sizes), ir::Shape::Static(sizes)));
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutput(y, x.dtype, shape.Sizes()));
  const int64_t total = y.num_elements();
  if (total == 0) return OkStatus();
  if (x.data == nullptr) return InvalidArgumentError("operand 0 has no buffer");
  const int rank = y.rank();
  const std::vector<int64_t> strides = BroadcastStrides(x.sizes, rank, y.sizes);
  const size_t element = ir::DTypeSize(x.dtype);
  const char* in = static_cast<const char*>(x.data);
  char* out = static_cast<char*>(y.data);
  std::vector<int64_t> index(rank, 0);
  int64_t source = 0;
  for (int64_t i = 0; i < total; ++i) {
    std::memcpy(out + i * element, in + source * element, element);
    for (int d = rank - 1; d >= 0; --d) {
      ++index[d];
      source += strides[d];
      if (index[d] < y.sizes[d]) break;
      source -= strides[d] * index[d];
      index[d] = 0;
    }
  }
  return OkStatus();
}

// ---- Size ----

Status InferSize(InferenceContext& context) {
  if (context.num_operands() != 1) return InvalidArgumentError("Size has one operand");
  context.set_output(0, {DType::kInt64, ir::Shape::Scalar()});
  return OkStatus();
}

Status ComputeSize(const ComputeContext& context) {
  if (context.inputs.size() != 1 || context.outputs.size() != 1) {
    return InvalidArgumentError("Size has one operand and one output");
  }
  const TensorView& y = context.outputs[0];
  RETURN_IF_ERROR(CheckOutput(y, DType::kInt64, {}));
  *y.As<int64_t>() = context.inputs[0].num_elements();
  return OkStatus();
}

OpCost CountMove(const CostContext& context) { return ElementwiseCost(context, 0); }

OpCost CountExpand(const CostContext& context) {
  OpCost cost = ElementwiseCost(context, 0);
  cost.bytes_read = TypeBytes(context.operands[0]);
  return cost;
}

OpCost CountSize(const CostContext& context) {
  OpCost cost;
  cost.bytes_written = static_cast<int64_t>(sizeof(int64_t));
  (void)context;
  return cost;
}

}  // namespace

const OpDef& ConstantOfShapeOpDef() {
  static const OpDef def{.kind = OpKind::kConstantOfShape,
                         .value_operands = {0},
                         .infer_shapes = InferConstantOfShape,
                         .count_cost = CountMove,
                         .compute_reference = ComputeConstantOfShape};
  return def;
}

const OpDef& ExpandOpDef() {
  static const OpDef def{.kind = OpKind::kExpand,
                         .value_operands = {1},
                         .infer_shapes = InferExpand,
                         .count_cost = CountExpand,
                         .compute_reference = ComputeExpand};
  return def;
}

const OpDef& SizeOpDef() {
  static const OpDef def{.kind = OpKind::kSize,
                         .infer_shapes = InferSize,
                         .count_cost = CountSize,
                         .compute_reference = ComputeSize};
  return def;
}

}  // namespace mb::ops
