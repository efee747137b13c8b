// TensorFlow op table rows: see tf_op_table.h. This file holds the tensor manipulation rows
// (ops/tensor/manipulation.cc, ops/elementwise/cast.cc, ops/reduce/arg_reduce.cc document
// the canonical params): constant axis inputs become params, and ops with a variable number
// of outputs (Unpack, Split, SplitV) get every output TF's attr declares, not only the ones
// the graph consumes.
#include "importers/tensorflow/tf_op_table_util.h"

namespace mb::importers::tf {
namespace {

// More outputs than this on one node is refused rather than allocated.
constexpr int64_t kMaxOutputs = 1 << 16;

// A constant scalar (or one-element) integer input.
StatusOr<int64_t> ConstantScalarInput(Legalization& l, int i, const char* what) {
  ASSIGN_OR_RETURN(std::vector<int64_t> values, l.ConstantIntsInput(i, what));
  if (values.size() != 1) {
    return InvalidArgumentError(std::string(what) + " must be a scalar, has " +
                                std::to_string(values.size()) + " values");
  }
  return values[0];
}

// The node's output count from a TF attr (num, num_split). Validates only; see AddOutputs.
StatusOr<int64_t> OutputCount(Legalization& l, const char* attr) {
  const ir::Attribute* a = l.Attr(attr);
  if (a == nullptr || !a->Is<int64_t>()) {
    return InvalidArgumentError(std::string("needs the int attr '") + attr + "'");
  }
  const int64_t count = a->Get<int64_t>();
  if (count < 1 || count > kMaxOutputs) {
    return InvalidArgumentError("attr '" + std::string(attr) + "' is " + std::to_string(count) +
                                ", expected 1 to " + std::to_string(kMaxOutputs));
  }
  if (static_cast<int64_t>(l.node().outputs.size()) > count) {
    return InvalidArgumentError("output " + std::to_string(l.node().outputs.size() - 1) +
                                " is consumed, but attr '" + std::string(attr) + "' is " +
                                std::to_string(count));
  }
  return count;
}

// Gives the node `count` outputs, named as the importer names them ("x", "x:1", ...). The
// importer creates only the outputs something consumes; the engine writes all of them.
// Call last, once nothing can fail.
void AddOutputs(Legalization& l, int64_t count) {
  while (static_cast<int64_t>(l.node().outputs.size()) < count) {
    const int k = static_cast<int>(l.node().outputs.size());
    ir::Value value;
    value.name = k == 0 ? l.node().name : l.node().name + ":" + std::to_string(k);
    value.producer = l.id;
    value.output_index = k;
    const ir::ValueId id = l.graph.AddValue(std::move(value));
    l.node().outputs.push_back(id);
  }
}

Status SetKind(Legalization& l, OpKind kind, std::vector<ir::ValueId> operands) {
  l.node().kind = kind;
  l.node().operands = std::move(operands);
  return OkStatus();
}

Status ExpandDims(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  ASSIGN_OR_RETURN(int64_t dim, ConstantScalarInput(l, 1, "the dim input"));
  l.Set("axes", std::vector<int64_t>{dim});
  return SetKind(l, OpKind::kUnsqueeze, {l.node().inputs[0]});
}

Status Unpack(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(1));
  ASSIGN_OR_RETURN(int64_t num, OutputCount(l, "num"));
  l.Set("axis", l.IntAttr("axis", 0));
  RETURN_IF_ERROR(SetKind(l, OpKind::kUnpack, {l.node().inputs[0]}));
  AddOutputs(l, num);
  return OkStatus();
}

// Split(split_dim, value); attr num_split.
Status Split(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(2));
  ASSIGN_OR_RETURN(int64_t axis, ConstantScalarInput(l, 0, "split_dim"));
  ASSIGN_OR_RETURN(int64_t num, OutputCount(l, "num_split"));
  l.Set("axis", axis);
  RETURN_IF_ERROR(SetKind(l, OpKind::kSplit, {l.node().inputs[1]}));
  AddOutputs(l, num);
  return OkStatus();
}

// SplitV(value, size_splits, split_dim); attr num_split.
Status SplitV(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(3));
  ASSIGN_OR_RETURN(std::vector<int64_t> splits, l.ConstantIntsInput(1, "size_splits"));
  ASSIGN_OR_RETURN(int64_t axis, ConstantScalarInput(l, 2, "split_dim"));
  ASSIGN_OR_RETURN(int64_t num, OutputCount(l, "num_split"));
  if (static_cast<int64_t>(splits.size()) != num) {
    return InvalidArgumentError("size_splits has " + std::to_string(splits.size()) +
                                " values, but num_split is " + std::to_string(num));
  }
  l.Set("axis", axis);
  l.Set("splits", std::move(splits));
  RETURN_IF_ERROR(SetKind(l, OpKind::kSplit, {l.node().inputs[0]}));
  AddOutputs(l, num);
  return OkStatus();
}

// GatherV2(params, indices, axis); attr batch_dims.
Status GatherV2(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(3));
  ASSIGN_OR_RETURN(int64_t axis, ConstantScalarInput(l, 2, "the gather axis"));
  const int64_t batch_dims = l.IntAttr("batch_dims", 0);
  if (batch_dims != 0) {
    return UnimplementedError("GatherV2 with batch_dims " + std::to_string(batch_dims) +
                              " is not supported (only 0)");
  }
  l.Set("axis", axis);
  l.Set("batch_dims", batch_dims);
  return SetKind(l, OpKind::kGather, {l.node().inputs[0], l.node().inputs[1]});
}

// ArgMax/ArgMin(input, dimension); attr output_type (int64).
LegalizeFn ArgReduce(OpKind kind) {
  return [kind](Legalization& l) {
    RETURN_IF_ERROR(l.RequireInputs(2));
    ASSIGN_OR_RETURN(int64_t axis, ConstantScalarInput(l, 1, "the dimension input"));
    const ir::Attribute* type = l.Attr("output_type");
    l.Set("axis", axis);
    l.Set("keepdims", false);
    l.Set("out_dtype", type && type->Is<ir::DType>() ? type->Get<ir::DType>() : ir::DType::kInt64);
    return SetKind(l, kind, {l.node().inputs[0]});
  };
}

}  // namespace

void AddTfTensorRows(TfOpTable& table) {
  table["Squeeze"] = [](Legalization& l) {
    RETURN_IF_ERROR(Simple(OpKind::kSqueeze, 1)(l));
    l.Set("axes", l.IntsAttr("squeeze_dims"));
    return OkStatus();
  };
  table["ExpandDims"] = ExpandDims;
  table["Pack"] = [](Legalization& l) {
    RETURN_IF_ERROR(l.RequireInputs(1));
    RETURN_IF_ERROR(Simple(OpKind::kPack)(l));
    l.Set("axis", l.IntAttr("axis", 0));
    return OkStatus();
  };
  table["Unpack"] = Unpack;
  table["Split"] = Split;
  table["SplitV"] = SplitV;
  table["Slice"] = Simple(OpKind::kSlice, 3);
  table["Fill"] = Simple(OpKind::kFill, 2);
  table["Tile"] = Simple(OpKind::kTile, 2);
  table["GatherV2"] = GatherV2;
  table["Gather"] = [](Legalization& l) {  // v1: always axis 0
    RETURN_IF_ERROR(Simple(OpKind::kGather, 2)(l));
    l.Set("axis", int64_t{0});
    return OkStatus();
  };
  table["OneHot"] = [](Legalization& l) {
    RETURN_IF_ERROR(Simple(OpKind::kOneHot, 4)(l));
    l.Set("axis", l.IntAttr("axis", -1));
    return OkStatus();
  };
  table["Range"] = Simple(OpKind::kRange, 3);
  table["Cast"] = [](Legalization& l) {
    const ir::Attribute* to = l.Attr("DstT");
    if (to == nullptr || !to->Is<ir::DType>()) {
      return InvalidArgumentError("Cast needs the type attr 'DstT'");
    }
    RETURN_IF_ERROR(Simple(OpKind::kCast, 1)(l));
    l.Set("to", to->Get<ir::DType>());
    return OkStatus();
  };
  table["ArgMax"] = ArgReduce(OpKind::kArgMax);
  table["ArgMin"] = ArgReduce(OpKind::kArgMin);
}

}  // namespace mb::importers::tf
