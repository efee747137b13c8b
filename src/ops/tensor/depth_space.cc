// DepthToSpace and SpaceToDepth: move bs x bs spatial blocks into channels and back (TF
// DepthToSpace, SpaceToDepth; ONNX likewise). They move data only, on any plain-data dtype.
//
// Operand: X (4-D).
// Params:
//   block_size   bs >= 2 (required)
//   data_layout  "NHWC" (default; TF's default) or "NCHW"
//   mode         how channel k of the deep tensor splits into (block row i, block column j,
//                channel c of the shallow tensor with C channels):
//                "DCR" (default; TF's order, for either layout, and ONNX's default):
//                    k = (i * bs + j) * C + c
//                "CRD" (ONNX option): k = c * bs * bs + i * bs + j
// DepthToSpace: [N, H, W, C * bs * bs] -> [N, H * bs, W * bs, C] (NHWC shown), with
//   output[n, h * bs + i, w * bs + j, c] = input[n, h, w, k].
// SpaceToDepth is its inverse: [N, H, W, C] -> [N, H / bs, W / bs, C * bs * bs]; H and W must
//   be multiples of bs.
//
// Cost: no arithmetic; every element is read and written once.
#include <cstring>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

struct DepthSpaceParams {
  int64_t block = 0;
  Layout4D layout;
  bool dcr = true;
};

StatusOr<DepthSpaceParams> ParseDepthSpaceParams(const Params& params) {
  DepthSpaceParams p;
  if (!params.Has("block_size")) return InvalidArgumentError("block_size is required");
  p.block = params.Int("block_size", 0);
  // 2^20 keeps block * block and sizes * block far from overflow.
  if (p.block < 2 || p.block > (int64_t{1} << 20)) {
    return InvalidArgumentError("block_size must be at least 2, got " + std::to_string(p.block));
  }
  ASSIGN_OR_RETURN(p.layout, ParseDataLayout(params.String("data_layout", "NHWC")));
  const std::string mode = params.String("mode", "DCR");
  if (mode != "DCR" && mode != "CRD") {
    return InvalidArgumentError("unknown mode '" + mode + "' (expected DCR or CRD)");
  }
  p.dcr = mode == "DCR";
  return p;
}

// Output dims of DepthToSpace (to_space) or SpaceToDepth; unknown input dims stay unknown.
StatusOr<std::vector<ir::Dim>> OutputDims(const DepthSpaceParams& p, const ir::Shape& x,
                                          bool to_space) {
  if (x.rank() != 4) return InvalidArgumentError("input must be 4-D, got " + x.ToString());
  const int64_t area = p.block * p.block;
  std::vector<ir::Dim> dims = x.dims();
  const ir::Dim& c = x.dim(p.layout.c);
  if (c.is_known()) {
    if (to_space) {
      if (c.size() % area != 0) {
        return InvalidArgumentError("input depth " + std::to_string(c.size()) +
                                    " is not a multiple of block_size^2 = " + std::to_string(area));
      }
      dims[p.layout.c] = ir::Dim::Known(c.size() / area);
    } else {
      auto depth = ir::CheckedMultiply(c.size(), area);
      if (!depth) return InvalidArgumentError("output depth overflows");
      dims[p.layout.c] = ir::Dim::Known(*depth);
    }
  } else {
    dims[p.layout.c] = ir::Dim::Unknown();
  }
  for (int axis : {p.layout.h, p.layout.w}) {
    const ir::Dim& d = x.dim(axis);
    if (!d.is_known()) {
      dims[axis] = ir::Dim::Unknown();
    } else if (to_space) {
      auto size = ir::CheckedMultiply(d.size(), p.block);
      if (!size) return InvalidArgumentError("output size overflows");
      dims[axis] = ir::Dim::Known(*size);
    } else {
      if (d.size() % p.block != 0) {
        return InvalidArgumentError("spatial size " + std::to_string(d.size()) +
                                    " is not a multiple of block_size " + std::to_string(p.block));
      }
      dims[axis] = ir::Dim::Known(d.size() / p.block);
    }
  }
  return dims;
}

Status InferDepthSpace(InferenceContext& context, bool to_space) {
  if (context.num_operands() != 1) return InvalidArgumentError("needs exactly 1 operand");
  const TensorType& x = context.operand(0);
  if (!ir::IsPlainData(x.dtype)) {
    return UnimplementedError("dtype " + std::string(ir::DTypeName(x.dtype)) + " is not supported");
  }
  ASSIGN_OR_RETURN(DepthSpaceParams p, ParseDepthSpaceParams(context.params()));
  if (!x.shape.rank_known()) {
    context.set_output(0, {x.dtype, ir::Shape::UnknownRank()});
    return OkStatus();
  }
  ASSIGN_OR_RETURN(std::vector<ir::Dim> dims, OutputDims(p, x.shape, to_space));
  context.set_output(0, {x.dtype, ir::Shape(std::move(dims))});
  return OkStatus();
}

Status InferDepthToSpace(InferenceContext& context) { return InferDepthSpace(context, true); }
Status InferSpaceToDepth(InferenceContext& context) { return InferDepthSpace(context, false); }

// Walks the shallow ("space") tensor and copies each element from or to its place in the
// deep ("depth") tensor.
Status ComputeDepthSpace(const ComputeContext& context, bool to_space) {
  const TensorView& x = context.inputs[0];
  const TensorView& y = context.outputs[0];
  ASSIGN_OR_RETURN(DepthSpaceParams p, ParseDepthSpaceParams(context.params));
  if (x.dtype != y.dtype || !ir::IsPlainData(x.dtype)) {
    return InvalidArgumentError("input and output dtypes differ");
  }
  ASSIGN_OR_RETURN(std::vector<ir::Dim> dims, OutputDims(p, ir::Shape::Static(x.sizes), to_space));
  if (ir::Shape(dims) != ir::Shape::Static(y.sizes)) {
    return InvalidArgumentError("output is allocated as " + ir::Shape::Static(y.sizes).ToString() +
                                ", expected " + ir::Shape(dims).ToString());
  }
  const TensorView& space = to_space ? y : x;
  const TensorView& depth = to_space ? x : y;
  const Layout4D& l = p.layout;
  const int64_t bs = p.block;
  const int64_t batch = space.sizes[l.n], channels = space.sizes[l.c];
  const int64_t depth_h = depth.sizes[l.h], depth_w = depth.sizes[l.w];
  const size_t element = ir::DTypeSize(x.dtype);
  auto* space_data = static_cast<char*>(space.data);
  auto* depth_data = static_cast<char*>(depth.data);
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t h = 0; h < depth_h; ++h) {
      for (int64_t i = 0; i < bs; ++i) {
        for (int64_t w = 0; w < depth_w; ++w) {
          for (int64_t j = 0; j < bs; ++j) {
            for (int64_t c = 0; c < channels; ++c) {
              const int64_t k = p.dcr ? (i * bs + j) * channels + c : (c * bs + i) * bs + j;
              char* s =
                  space_data + Offset4D(l, space.sizes, n, c, h * bs + i, w * bs + j) * element;
              char* d = depth_data + Offset4D(l, depth.sizes, n, k, h, w) * element;
              if (to_space) {
                std::memcpy(s, d, element);
              } else {
                std::memcpy(d, s, element);
              }
            }
          }
        }
      }
    }
  }
  return OkStatus();
}

Status ComputeDepthToSpace(const ComputeContext& context) {
  return ComputeDepthSpace(context, true);
}
Status ComputeSpaceToDepth(const ComputeContext& context) {
  return ComputeDepthSpace(context, false);
}

OpCost CountDepthSpace(const CostContext& context) { return ElementwiseCost(context, 0); }

}  // namespace

const OpDef& DepthToSpaceOpDef() {
  static const OpDef def{.kind = OpKind::kDepthToSpace,
                         .infer_shapes = InferDepthToSpace,
                         .count_cost = CountDepthSpace,
                         .compute_reference = ComputeDepthToSpace};
  return def;
}

const OpDef& SpaceToDepthOpDef() {
  static const OpDef def{.kind = OpKind::kSpaceToDepth,
                         .infer_shapes = InferSpaceToDepth,
                         .count_cost = CountDepthSpace,
                         .compute_reference = ComputeSpaceToDepth};
  return def;
}

}  // namespace mb::ops
