// TensorFlow op table rows: see tf_op_table.h. This file holds the math and spatial rows:
// Conv2DBackpropInput, Select / SelectV2, AddN, FloorDiv / FloorMod, ResizeBilinear /
// ResizeNearestNeighbor, DepthToSpace / SpaceToDepth (shared/spec/tf-tools.md 6.2 rows 21,
// 45-47, 56, 79, 81). TF's constant shape inputs (input_sizes, size) become params.
#include "importers/tensorflow/tf_op_table_util.h"

namespace mb::importers::tf {
namespace {

// padding, strides, dilations and (for EXPLICIT) pads, as Conv2D's row sets them.
Status SetConvWindowParams(Legalization& l, std::pair<int, int> hw) {
  RETURN_IF_ERROR(SetWindowParams(l, hw));
  ASSIGN_OR_RETURN(auto dilations, SpatialPair(l, "dilations", hw));
  l.Set("dilations", dilations);
  return OkStatus();
}

// Conv2DBackpropInput(input_sizes, filter, out_backprop) -> ConvTranspose(out_backprop,
// filter) with output_size from the constant input_sizes (4 values in data_format order, or
// the 2 spatial ones newer TF also accepts). The filter is the forward conv's HWIO filter,
// i.e. HWOI from this op's side.
Status ConvBackpropInput(Legalization& l) {
  RETURN_IF_ERROR(l.RequireInputs(3));
  ASSIGN_OR_RETURN(std::vector<int64_t> sizes, l.ConstantIntsInput(0, "input_sizes"));
  ASSIGN_OR_RETURN(auto hw, SpatialPositions(l));
  RETURN_IF_ERROR(SetConvWindowParams(l, hw));
  for (int64_t size : sizes) {
    if (size < 0) return InvalidArgumentError("input_sizes has a negative size");
  }
  std::vector<int64_t> output_size;
  if (sizes.size() == 4) {
    output_size = {sizes[hw.first], sizes[hw.second]};
    // A grouped conv's filter holds out_channels / group; input_sizes has them all.
    const int channel = hw.first == 1 ? 3 : 1;
    const ir::Tensor* constant_filter = l.ConstantInput(1);
    const ir::Shape filter = constant_filter != nullptr ? constant_filter->shape()
                                                        : l.graph.value(l.node().inputs[1]).shape;
    if (filter.rank_known() && filter.rank() == 4 && filter.dim(2).is_known()) {
      const int64_t per_group = filter.dim(2).size();
      if (per_group <= 0 || sizes[channel] % per_group != 0) {
        return InvalidArgumentError("input_sizes has " + std::to_string(sizes[channel]) +
                                    " channels, the filter " + std::to_string(per_group));
      }
      if (sizes[channel] != per_group) l.Set("group", sizes[channel] / per_group);
    }
    const ir::Shape& x = l.graph.value(l.node().inputs[2]).shape;
    if (x.rank_known() && x.rank() == 4 && x.dim(0).is_known() && x.dim(0).size() != sizes[0]) {
      return InvalidArgumentError("input_sizes has batch " + std::to_string(sizes[0]) +
                                  ", out_backprop " + std::to_string(x.dim(0).size()));
    }
  } else if (sizes.size() == 2) {
    output_size = sizes;
  } else {
    return InvalidArgumentError("input_sizes needs 4 (or 2) values, has " +
                                std::to_string(sizes.size()));
  }
  l.Set("output_size", output_size);
  l.Set("filter_layout", std::string("HWOI"));
  l.node().kind = OpKind::kConvTranspose;
  l.node().operands = {l.node().inputs[2], l.node().inputs[1]};
  return OkStatus();
}

LegalizeFn Resize(const char* mode) {
  return [mode](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(2));
    ASSIGN_OR_RETURN(std::vector<int64_t> size, l.ConstantIntsInput(1, "the resize size"));
    if (size.size() != 2) {
      return InvalidArgumentError("size needs 2 values, has " + std::to_string(size.size()));
    }
    l.node().kind = OpKind::kResize;
    l.OperandsFromInputs(1);
    l.Set("mode", std::string(mode));
    l.Set("size", size);
    l.Set("data_layout", std::string("NHWC"));
    l.Set("align_corners", l.BoolAttr("align_corners", false));
    l.Set("half_pixel_centers", l.BoolAttr("half_pixel_centers", false));
    return OkStatus();
  };
}

LegalizeFn DepthSpace(OpKind kind) {
  return [kind](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    const int64_t block_size = l.IntAttr("block_size", 0);
    if (block_size < 2) {
      return InvalidArgumentError("block_size must be at least 2, got " +
                                  std::to_string(block_size));
    }
    RETURN_IF_ERROR(SpatialPositions(l).status());
    l.node().kind = kind;
    l.OperandsFromInputs(1);
    l.Set("block_size", block_size);
    l.Set("mode", std::string("DCR"));
    return OkStatus();
  };
}

}  // namespace

void AddTfMathAndSpatialRows(TfOpTable& table) {
  table["Conv2DBackpropInput"] = ConvBackpropInput;
  table["Select"] = [](Legalization& l) -> Status {
    RETURN_IF_ERROR(Simple(OpKind::kWhere, 3)(l));
    l.Set("cond_matches_dim0", true);
    return OkStatus();
  };
  table["SelectV2"] = Simple(OpKind::kWhere, 3);
  table["AddN"] = [](Legalization& l) -> Status {
    RETURN_IF_ERROR(l.RequireInputs(1));
    l.node().kind = OpKind::kSum;
    l.OperandsFromInputs();
    return OkStatus();
  };
  table["FloorDiv"] = Simple(OpKind::kFloorDiv, 2);
  table["FloorMod"] = Simple(OpKind::kFloorMod, 2);
  table["ResizeBilinear"] = Resize("linear");
  table["ResizeNearestNeighbor"] = Resize("nearest");
  table["DepthToSpace"] = DepthSpace(OpKind::kDepthToSpace);
  table["SpaceToDepth"] = DepthSpace(OpKind::kSpaceToDepth);
}

}  // namespace mb::importers::tf
