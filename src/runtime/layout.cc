#include "runtime/layout.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analysis/shape_inference.h"
#include "ir/topological_order.h"
#include "ops/op_def.h"

namespace mb::runtime {
namespace {

using ir::OpKind;

// NCHW -> NHWC and back, as Transpose perms.
const std::vector<int64_t> kToNhwc = {0, 2, 3, 1};
const std::vector<int64_t> kToNchw = {0, 3, 1, 2};
// Where NCHW axis a lives in NHWC.
constexpr int kNhwcAxisOf[4] = {0, 3, 1, 2};

// Ops with a data_layout param that run NHWC as well as NCHW.
bool IsLayoutAware(OpKind kind) {
  switch (kind) {
    case OpKind::kConv:
    case OpKind::kConvTranspose:
    case OpKind::kMaxPool:
    case OpKind::kAveragePool:
    case OpKind::kBatchNormalization:
    case OpKind::kBiasAdd:
    case OpKind::kDepthToSpace:
    case OpKind::kSpaceToDepth:
      return true;
    default:
      return false;
  }
}

// One activation operand, element by element: the layout does not matter.
bool IsUnaryElementwise(OpKind kind) {
  switch (kind) {
    case OpKind::kRelu:
    case OpKind::kClip:
    case OpKind::kLeakyRelu:
    case OpKind::kElu:
    case OpKind::kSelu:
    case OpKind::kCelu:
    case OpKind::kSigmoid:
    case OpKind::kHardSigmoid:
    case OpKind::kHardSwish:
    case OpKind::kTanh:
    case OpKind::kSoftplus:
    case OpKind::kSoftsign:
    case OpKind::kErf:
    case OpKind::kExp:
    case OpKind::kLog:
    case OpKind::kNeg:
    case OpKind::kAbs:
    case OpKind::kSqrt:
    case OpKind::kRsqrt:
    case OpKind::kSquare:
    case OpKind::kReciprocal:
    case OpKind::kIdentity:
      return true;
    default:
      return false;
  }
}

// Several operands with NumPy broadcasting, element by element.
bool IsBroadcastingElementwise(OpKind kind) {
  switch (kind) {
    case OpKind::kAdd:
    case OpKind::kSub:
    case OpKind::kMul:
    case OpKind::kDiv:
    case OpKind::kMax:
    case OpKind::kMin:
    case OpKind::kPow:
    case OpKind::kSquaredDifference:
    case OpKind::kMean:
    case OpKind::kPRelu:
      return true;
    default:
      return false;
  }
}

bool IsReduce(OpKind kind) {
  return kind == OpKind::kReduceMean || kind == OpKind::kReduceMax || kind == OpKind::kReduceSum ||
         kind == OpKind::kReduceMin;
}

bool IsRank4(const ir::Value& value) { return value.shape.rank_known() && value.shape.rank() == 4; }

class ChannelsLastPass {
 public:
  ChannelsLastPass(ir::Graph* graph, const std::vector<ir::ValueId>& keep)
      : graph_(*graph), keep_(keep.begin(), keep.end()) {}

  StatusOr<int> Run() {
    ASSIGN_OR_RETURN(std::vector<ir::NodeId> order, ir::TopologicalOrder(graph_));
    for (ir::NodeId id : order) {
      if (graph_.node(id).kind == OpKind::kUnsupported) continue;
      const std::vector<ir::ValueId> before = graph_.node(id).operands;
      if (ShouldConvert(id)) {
        RETURN_IF_ERROR(Convert(id));
        ++converted_;
      } else {
        // A node that keeps the model's layout reads NHWC values through a reorder. (Adding
        // nodes moves them: no reference into the graph is held across Reorder.)
        std::vector<ir::ValueId> operands = graph_.node(id).operands;
        for (ir::ValueId& operand : operands) {
          if (IsNhwc(operand)) operand = Reorder(operand, id, kToNchw, nchw_copy_);
        }
        graph_.node(id).operands = std::move(operands);
      }
      // Inputs order the nodes (ir::TopologicalOrder): a replaced operand is replaced there
      // too, so the node runs after its reorder.
      ir::Node& node = graph_.node(id);
      for (size_t i = 0; i < before.size() && i < node.operands.size(); ++i) {
        if (before[i] == node.operands[i]) continue;
        std::replace(node.inputs.begin(), node.inputs.end(), before[i], node.operands[i]);
      }
    }
    return converted_;
  }

 private:
  bool IsNhwc(ir::ValueId id) const { return id != ir::kNoValue && nhwc_.contains(id); }
  bool IsConstant(ir::ValueId id) const {
    return id != ir::kNoValue && graph_.value(id).constant != nullptr;
  }
  bool Kept(const ir::Node& node) const {
    return std::any_of(node.outputs.begin(), node.outputs.end(),
                       [&](ir::ValueId v) { return keep_.contains(v); });
  }

  bool ShouldConvert(ir::NodeId id) const {
    const ir::Node& node = graph_.node(id);
    if (node.operands.empty() || node.outputs.empty() || Kept(node)) return false;
    if (analysis::IsFolded(graph_, node)) return false;
    for (ir::ValueId output : node.outputs) {
      if (!IsRank4(graph_.value(output))) return false;
    }
    const ir::ValueId x = node.operands[0];
    if (x == ir::kNoValue || !IsRank4(graph_.value(x))) return false;
    const ops::Params params(node.params);
    if (IsLayoutAware(node.kind)) {
      if (params.String("data_layout", "NHWC") != "NCHW") return false;
      // Only the first operand is an activation; the others must be constants.
      for (size_t i = 1; i < node.operands.size(); ++i) {
        if (node.operands[i] != ir::kNoValue && !IsConstant(node.operands[i])) return false;
      }
      return node.outputs.size() == 1;
    }
    if (IsUnaryElementwise(node.kind)) {
      return IsNhwc(x) && node.outputs.size() == 1 &&
             std::all_of(node.operands.begin() + 1, node.operands.end(),
                         [&](ir::ValueId v) { return v == ir::kNoValue || IsConstant(v); });
    }
    if (IsBroadcastingElementwise(node.kind) || node.kind == OpKind::kConcat) {
      // Every operand is a 4-D activation or a constant, and one is NHWC already.
      bool any_nhwc = false;
      for (ir::ValueId v : node.operands) {
        if (v == ir::kNoValue) return false;
        any_nhwc |= IsNhwc(v);
        if (IsConstant(v)) {
          if (node.kind == OpKind::kConcat) return false;
          continue;
        }
        if (!IsRank4(graph_.value(v))) return false;
      }
      return any_nhwc;
    }
    if (IsReduce(node.kind)) {
      return IsNhwc(x) && params.Bool("keepdims", false) &&
             (node.operands.size() < 2 || node.operands[1] == ir::kNoValue ||
              IsConstant(node.operands[1]));
    }
    if (node.kind == OpKind::kPad) {
      return IsNhwc(x) && node.operands.size() >= 2 && IsConstant(node.operands[1]) &&
             params.String("mode", "CONSTANT") == "CONSTANT";
    }
    return false;
  }

  // Adding reorders and constants moves the graph's vectors, so this works on copies of the
  // node's operands and params and stores them at the end.
  Status Convert(ir::NodeId id) {
    const OpKind kind = graph_.node(id).kind;
    std::vector<ir::ValueId> operands = graph_.node(id).operands;
    ir::AttributeMap params = graph_.node(id).params;
    if (IsLayoutAware(kind)) {
      params["data_layout"] = ir::Attribute{std::string("NHWC")};
      operands[0] = ToNhwc(operands[0], id);
    } else if (IsUnaryElementwise(kind)) {
      operands[0] = ToNhwc(operands[0], id);
    } else if (IsBroadcastingElementwise(kind) || kind == OpKind::kConcat) {
      for (ir::ValueId& v : operands) {
        v = IsConstant(v) ? PermutedConstant(v) : ToNhwc(v, id);
      }
      if (kind == OpKind::kConcat) {
        const int64_t axis = ops::Params(params).Int("axis", 0);
        if (axis < -4 || axis > 3) return InvalidArgumentError("Concat axis out of range");
        params["axis"] = ir::Attribute{int64_t{kNhwcAxisOf[(axis + 4) % 4]}};
      }
    } else if (IsReduce(kind)) {
      operands[0] = ToNhwc(operands[0], id);
      std::vector<int64_t> axes;
      if (operands.size() > 1 && operands[1] != ir::kNoValue) {
        const ir::Tensor& t = *graph_.value(operands[1]).constant;
        for (int64_t k = 0; k < t.num_elements(); ++k) {
          axes.push_back(t.dtype() == ir::DType::kInt32 ? t.At<int32_t>(k) : t.At<int64_t>(k));
        }
        operands.erase(operands.begin() + 1, operands.end());
      } else {
        axes = ops::Params(params).Ints("axes", {});
      }
      for (int64_t& axis : axes) {
        if (axis < -4 || axis > 3) return InvalidArgumentError("reduction axis out of range");
        axis = kNhwcAxisOf[(axis + 4) % 4];
      }
      params["axes"] = ir::Attribute{axes};
    } else if (kind == OpKind::kPad) {
      operands[0] = ToNhwc(operands[0], id);
      const ir::Tensor& pads = *graph_.value(operands[1]).constant;
      if (pads.num_elements() != 8) return InvalidArgumentError("Pad needs 4 (before, after) rows");
      std::vector<int64_t> rows(8);
      for (int d = 0; d < 4; ++d) {
        for (int k = 0; k < 2; ++k) {
          const int64_t i = 2 * kToNhwc[d] + k;
          rows[2 * d + k] =
              pads.dtype() == ir::DType::kInt32 ? pads.At<int32_t>(i) : pads.At<int64_t>(i);
        }
      }
      operands[1] = graph_.AddConstant(
          graph_.value(operands[1]).name + "/nhwc",
          ir::Tensor::FromBytes(ir::DType::kInt64, {4, 2},
                                std::string(reinterpret_cast<const char*>(rows.data()),
                                            rows.size() * sizeof(int64_t)))
              .value());
    }
    ir::Node& node = graph_.node(id);
    node.operands = std::move(operands);
    node.params = std::move(params);
    for (ir::ValueId output : node.outputs) nhwc_.insert(output);
    return OkStatus();
  }

  // The NHWC form of `value` for node `consumer`.
  ir::ValueId ToNhwc(ir::ValueId value, ir::NodeId consumer) {
    if (IsNhwc(value)) return value;
    return Reorder(value, consumer, kToNhwc, nhwc_copy_);
  }

  // A Reorder node (Transpose by `perm`) of `value`, made once per value and direction and
  // named after the first node that needs it.
  ir::ValueId Reorder(ir::ValueId value, ir::NodeId consumer, const std::vector<int64_t>& perm,
                      std::unordered_map<ir::ValueId, ir::ValueId>& cache) {
    if (auto it = cache.find(value); it != cache.end()) return it->second;
    const std::string name = graph_.node(consumer).name + "/reorder_in";
    ir::Node node;
    node.name = name;
    node.op_type = "Reorder";
    node.kind = OpKind::kTranspose;
    node.params["perm"] = ir::Attribute{perm};
    node.inputs.push_back(value);
    node.operands.push_back(value);
    const ir::NodeId id = graph_.AddNode(std::move(node));
    ir::Value out;
    out.name = name;
    out.producer = id;
    out.dtype = graph_.value(value).dtype;
    const ir::ValueId out_id = graph_.AddValue(std::move(out));
    graph_.node(id).outputs.push_back(out_id);
    // If the consumer reads the value twice (x * x), both reads get the reorder; a reorder
    // into NHWC yields an NHWC value.
    if (&cache == &nhwc_copy_) nhwc_.insert(out_id);
    cache[value] = out_id;
    return out_id;
  }

  // A constant operand of a broadcasting op, as NHWC broadcasting needs it: right-aligned
  // to rank 4, then permuted like the activations.
  ir::ValueId PermutedConstant(ir::ValueId value) {
    const ir::Tensor& t = *graph_.value(value).constant;
    if (t.num_elements() <= 1 || t.sizes().size() > 4) return value;
    std::vector<int64_t> sizes(4 - t.sizes().size(), 1);
    sizes.insert(sizes.end(), t.sizes().begin(), t.sizes().end());
    std::vector<int64_t> permuted = {sizes[0], sizes[2], sizes[3], sizes[1]};
    const size_t element = ir::DTypeSize(t.dtype());
    std::string bytes(t.bytes().size(), '\0');
    // out[n, h, w, c] = in[n, c, h, w]
    for (int64_t n = 0; n < sizes[0]; ++n) {
      for (int64_t c = 0; c < sizes[1]; ++c) {
        for (int64_t h = 0; h < sizes[2]; ++h) {
          for (int64_t w = 0; w < sizes[3]; ++w) {
            const int64_t in = ((n * sizes[1] + c) * sizes[2] + h) * sizes[3] + w;
            const int64_t out = ((n * sizes[2] + h) * sizes[3] + w) * sizes[1] + c;
            std::memcpy(bytes.data() + out * element, t.bytes().data() + in * element, element);
          }
        }
      }
    }
    return graph_.AddConstant(graph_.value(value).name + "/nhwc",
                              ir::Tensor::FromBytes(t.dtype(), permuted, std::move(bytes)).value());
  }

  ir::Graph& graph_;
  std::unordered_set<ir::ValueId> keep_;
  std::unordered_set<ir::ValueId> nhwc_;                    // values held in NHWC order
  std::unordered_map<ir::ValueId, ir::ValueId> nhwc_copy_;  // NCHW value -> its NHWC reorder
  std::unordered_map<ir::ValueId, ir::ValueId> nchw_copy_;  // NHWC value -> its NCHW reorder
  int converted_ = 0;
};

}  // namespace

StatusOr<int> ConvertToChannelsLast(ir::Graph* graph, const std::vector<ir::ValueId>& keep) {
  return ChannelsLastPass(graph, keep).Run();
}

}  // namespace mb::runtime
