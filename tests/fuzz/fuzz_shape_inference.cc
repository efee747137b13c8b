// libFuzzer harness, structure-aware: the fuzz bytes choose a small, structurally valid
// ir::Graph of engine ops (graph inputs of random dtype and shape, including 0, unknown,
// symbolic and huge dims; small constants; nodes of any OpKind with random operands, output
// counts and canonical params from a small vocabulary) and analysis::InferShapes runs over
// it. Nodes whose operands are all small constants are also evaluated by their reference
// math (InferShapes folds them), and the cost function of every inferred node runs too.
// Shape arithmetic, attribute-driven indexing and the reference math must end in a clean
// error or a result: never a crash, hang, overflow or unbounded allocation.
//
// The graphs stay within what importers produce: ids in range, operands that are also the
// node's inputs, each param with the type its op reads (Params CHECK-fails on a wrong type,
// which is an op-table bug rather than a hostile-input one).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "analysis/shape_inference.h"
#include "ir/graph.h"
#include "ops/op_def.h"
#include "ops/op_util.h"

namespace {

using mb::ir::DType;
using mb::ir::OpKind;

constexpr DType kDTypes[] = {DType::kFloat32, DType::kFloat32, DType::kInt64,  DType::kInt32,
                             DType::kBool,    DType::kUInt8,   DType::kInt8,   DType::kFloat64,
                             DType::kFloat16, DType::kString,  DType::kInvalid};
constexpr DType kConstantDTypes[] = {DType::kFloat32, DType::kInt64, DType::kInt32,
                                     DType::kBool,    DType::kUInt8, DType::kFloat64};

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

// Dims of declared (non-constant) values; -1 is unknown, -2 symbolic.
constexpr int64_t kDims[] = {
    0, 1, 1, 2, 3, 4, 5, 7, 16, 64, int64_t{1} << 31, int64_t{1} << 40, kMax / 2, kMax, -1, -2};
// Integers for constant operands and int params.
constexpr int64_t kInts[] = {-3,
                             -2,
                             -1,
                             0,
                             1,
                             2,
                             3,
                             4,
                             5,
                             7,
                             8,
                             64,
                             kMax,
                             kMin,
                             1 << 30,
                             int64_t{1} << 40,
                             -(int64_t{1} << 40)};
constexpr float kFloats[] = {0.0f,
                             1.0f,
                             -1.0f,
                             0.5f,
                             2.0f,
                             1e30f,
                             -1e-30f,
                             3.0f,
                             std::numeric_limits<float>::infinity(),
                             std::numeric_limits<float>::quiet_NaN()};

int64_t PickInt(FuzzedDataProvider& in) {
  if (in.ConsumeBool()) return in.PickValueInArray(kInts);
  return in.ConsumeIntegralInRange<int64_t>(-10, 10);
}

std::vector<int64_t> PickInts(FuzzedDataProvider& in, int max_count) {
  std::vector<int64_t> values(in.ConsumeIntegralInRange(0, max_count));
  for (int64_t& v : values) v = PickInt(in);
  return values;
}

mb::ir::Shape PickShape(FuzzedDataProvider& in) {
  if (in.ConsumeIntegralInRange(0, 15) == 0) return mb::ir::Shape::UnknownRank();
  std::vector<mb::ir::Dim> dims(in.ConsumeIntegralInRange(0, 6));
  for (mb::ir::Dim& dim : dims) {
    const int64_t d = in.PickValueInArray(kDims);
    dim = d == -1   ? mb::ir::Dim::Unknown()
          : d == -2 ? mb::ir::Dim::Symbolic(in.ConsumeBool() ? "n" : "m")
                    : mb::ir::Dim::Known(d);
  }
  return mb::ir::Shape(std::move(dims));
}

// A constant of at most 64 elements with edge-case contents.
mb::ir::TensorPtr PickConstant(FuzzedDataProvider& in, DType dtype, std::vector<int64_t> sizes) {
  int64_t count = 1;
  for (int64_t s : sizes) count *= s;
  std::string bytes;
  for (int64_t i = 0; i < count; ++i) {
    if (dtype == DType::kInt64) {
      const int64_t v = PickInt(in);
      bytes.append(reinterpret_cast<const char*>(&v), sizeof(v));
    } else if (dtype == DType::kInt32) {
      const auto v = static_cast<int32_t>(PickInt(in));
      bytes.append(reinterpret_cast<const char*>(&v), sizeof(v));
    } else if (dtype == DType::kFloat32) {
      const float v = in.PickValueInArray(kFloats);
      bytes.append(reinterpret_cast<const char*>(&v), sizeof(v));
    } else if (dtype == DType::kFloat64) {
      const double v = in.PickValueInArray(kFloats);
      bytes.append(reinterpret_cast<const char*>(&v), sizeof(v));
    } else if (dtype == DType::kBool) {
      bytes.push_back(static_cast<char>(in.ConsumeBool()));
    } else {
      bytes.push_back(static_cast<char>(in.ConsumeIntegral<uint8_t>()));
    }
  }
  auto tensor = mb::ir::Tensor::FromBytes(dtype, std::move(sizes), std::move(bytes));
  if (!tensor.ok()) return nullptr;
  return std::make_shared<const mb::ir::Tensor>(std::move(tensor).value());
}

mb::ir::ValueId AddConstant(mb::ir::Graph& graph, mb::ir::TensorPtr tensor, int index) {
  mb::ir::Value value;
  value.name = "const_" + std::to_string(index);
  value.dtype = tensor->dtype();
  value.shape = tensor->shape();
  value.constant = std::move(tensor);
  return graph.AddValue(std::move(value));
}

// An int constant as shape-like operands (shapes, axes, pads, starts...) are: usually a
// vector, sometimes a scalar or a matrix.
mb::ir::TensorPtr PickIntConstant(FuzzedDataProvider& in) {
  const DType dtype = in.ConsumeIntegralInRange(0, 7) == 0 ? DType::kInt32 : DType::kInt64;
  std::vector<int64_t> sizes;
  switch (in.ConsumeIntegralInRange(0, 7)) {
    case 0:
      break;  // scalar
    case 1:
      sizes = {in.ConsumeIntegralInRange<int64_t>(0, 3), in.ConsumeIntegralInRange<int64_t>(0, 3)};
      break;
    default:
      sizes = {in.ConsumeIntegralInRange<int64_t>(0, 6)};
  }
  return PickConstant(in, dtype, std::move(sizes));
}

constexpr const char* kLayouts[] = {"NCHW", "NHWC", "OIHW", "HWIO", "", "NCW"};
constexpr const char* kPaddings[] = {"SAME", "VALID", "EXPLICIT", "SAME_LOWER", "bogus"};
constexpr const char* kModes[] = {"nearest",
                                  "linear",
                                  "cubic",
                                  "constant",
                                  "reflect",
                                  "edge",
                                  "DCR",
                                  "CRD",
                                  "bilinear",
                                  "none",
                                  "add",
                                  "mul",
                                  "half_pixel",
                                  "asymmetric",
                                  "align_corners",
                                  "round_prefer_floor",
                                  ""};
constexpr const char* kEquations[] = {"ij,jk->ik", "i,i->", "...ij->...ji", "ii->i",
                                      "abc",       "ij,jk", "->",           "i...,i...->i",
                                      "a,b->ab,",  "",      "ij->ji..."};

// Sets a random subset of the canonical params (ops/ header comments), each with the type
// its op reads.
void PickParams(FuzzedDataProvider& in, OpKind kind, mb::ir::AttributeMap& params) {
  auto set = [&params](const char* name, mb::ir::AttributeValue value) {
    params[name] = mb::ir::Attribute{std::move(value)};
  };
  const int count = in.ConsumeIntegralInRange(0, 8);
  for (int i = 0; i < count; ++i) {
    switch (in.ConsumeIntegralInRange(0, 20)) {
      case 0:
        set("axis", PickInt(in));
        break;
      case 1:
        set("axes", PickInts(in, 5));
        break;
      case 2:
        set("perm", PickInts(in, 6));
        break;
      case 3:
        set(in.ConsumeBool() ? "strides" : "dilations", PickInts(in, 3));
        break;
      case 4:
        set(in.ConsumeBool() ? "pads" : "output_padding", PickInts(in, 5));
        break;
      case 5:
        set(in.ConsumeBool() ? "kernel" : "output_size", PickInts(in, 3));
        break;
      case 6:
        set(in.ConsumeBool() ? "data_layout" : "filter_layout",
            std::string(in.PickValueInArray(kLayouts)));
        break;
      case 7:
        set("padding", std::string(in.PickValueInArray(kPaddings)));
        break;
      case 8: {
        constexpr const char* kBools[] = {"keepdims",
                                          "ceil_mode",
                                          "count_include_pad",
                                          "trans_a",
                                          "trans_b",
                                          "global",
                                          "exclusive",
                                          "reverse",
                                          "largest",
                                          "onnx_axes",
                                          "select_last_index",
                                          "broadcast",
                                          "coerce_2d",
                                          "negative_indices",
                                          "empty_axes_reduce_all",
                                          "align_corners",
                                          "half_pixel_centers",
                                          "exclude_outside",
                                          "detect_negative",
                                          "detect_positive",
                                          "cond_matches_dim0",
                                          "zero_copies_input"};
        set(in.PickValueInArray(kBools), in.ConsumeBool());
        break;
      }
      case 9: {
        constexpr const char* kIntNames[] = {"batch_dims",    "begin_mask",    "end_mask",
                                             "ellipsis_mask", "new_axis_mask", "shrink_axis_mask",
                                             "group",         "block_size",    "stash_type"};
        set(in.PickValueInArray(kIntNames), PickInt(in));
        break;
      }
      case 10: {
        constexpr const char* kFloatNames[] = {"alpha", "beta",          "bias",
                                               "gamma", "epsilon",       "min",
                                               "max",   "cubic_coeff_a", "extrapolation_value"};
        set(in.PickValueInArray(kFloatNames), in.PickValueInArray(kFloats));
        break;
      }
      case 11: {
        constexpr const char* kStringNames[] = {"mode", "activation", "nearest_mode",
                                                "coordinate_transformation_mode", "reduction"};
        set(in.PickValueInArray(kStringNames), std::string(in.PickValueInArray(kModes)));
        break;
      }
      case 12:
        set("equation", std::string(in.PickValueInArray(kEquations)));
        break;
      case 13:
        set(in.ConsumeBool() ? "to" : "out_dtype", in.PickValueInArray(kDTypes));
        break;
      case 14:
        // LRN reads an int size, Resize a list of output sizes.
        if (kind == OpKind::kResize) {
          set("size", PickInts(in, 4));
        } else {
          set("size", PickInt(in));
        }
        break;
      case 15:
        set("splits", PickInts(in, 4));
        break;
      default:
        break;  // fewer params on average
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  mb::ir::Graph graph;
  std::vector<mb::ir::ValueId> pool;  // values later nodes may consume
  int constants = 0;

  const int num_inputs = in.ConsumeIntegralInRange(0, 3);
  for (int i = 0; i < num_inputs; ++i) {
    mb::ir::Value value;
    value.name = "input_" + std::to_string(i);
    value.dtype = in.PickValueInArray(kDTypes);
    value.shape = PickShape(in);
    const mb::ir::ValueId id = graph.AddValue(std::move(value));
    graph.inputs().push_back(id);
    pool.push_back(id);
  }
  const int num_constants = in.ConsumeIntegralInRange(0, 3);
  for (int i = 0; i < num_constants; ++i) {
    std::vector<int64_t> sizes(in.ConsumeIntegralInRange(0, 4));
    int64_t count = 1;
    for (int64_t& s : sizes) {
      s = in.ConsumeIntegralInRange<int64_t>(0, 4);
      count *= s;
    }
    if (count > 64) sizes = {count % 64};
    auto tensor = PickConstant(in, in.PickValueInArray(kConstantDTypes), std::move(sizes));
    if (tensor) pool.push_back(AddConstant(graph, std::move(tensor), constants++));
  }

  const int num_nodes = in.ConsumeIntegralInRange(1, 6);
  for (int n = 0; n < num_nodes && in.remaining_bytes() > 0; ++n) {
    mb::ir::Node node;
    node.kind = static_cast<OpKind>(in.ConsumeIntegralInRange(0, mb::ir::kNumOpKinds - 1));
    node.name = "node_" + std::to_string(n);
    node.op_type = std::string(mb::ir::OpKindName(node.kind));
    const mb::ops::OpDef& def = mb::ops::GetOpDef(node.kind);
    const int num_operands = in.ConsumeIntegralInRange(1, 5);
    for (int k = 0; k < num_operands; ++k) {
      const bool value_operand = std::find(def.value_operands.begin(), def.value_operands.end(),
                                           k) != def.value_operands.end();
      mb::ir::ValueId operand = mb::ir::kNoValue;
      const int choice = in.ConsumeIntegralInRange(0, 9);
      if (choice == 0) {
        operand = mb::ir::kNoValue;  // an absent optional operand
      } else if ((value_operand && choice < 8) || choice == 1) {
        if (auto tensor = PickIntConstant(in)) {
          operand = AddConstant(graph, std::move(tensor), constants++);
        }
      } else if (!pool.empty()) {
        operand = pool[in.ConsumeIntegralInRange<size_t>(0, pool.size() - 1)];
      }
      node.operands.push_back(operand);
      if (operand != mb::ir::kNoValue) node.inputs.push_back(operand);
    }
    PickParams(in, node.kind, node.params);
    const int num_outputs =
        in.ConsumeIntegralInRange(0, 7) == 0 ? in.ConsumeIntegralInRange(0, 4) : 1;
    const mb::ir::NodeId id = graph.AddNode(std::move(node));
    for (int k = 0; k < num_outputs; ++k) {
      mb::ir::Value value;
      value.name = "node_" + std::to_string(n) + ":" + std::to_string(k);
      value.producer = id;
      value.output_index = k;
      const mb::ir::ValueId value_id = graph.AddValue(std::move(value));
      graph.node(id).outputs.push_back(value_id);
      pool.push_back(value_id);
    }
  }

  mb::analysis::ShapeInferenceOptions options;
  options.max_folded_bytes = int64_t{1} << 16;  // keeps each run fast
  if (!mb::analysis::InferShapes(&graph, options).ok()) return 0;
  // Cost functions read the inferred types. They run on the nodes whose shape function
  // accepted the operands (every output got a dtype). Like reference math, they may assume
  // the operand count an importer's row guarantees, which this harness does not: missing
  // operands are passed as absent ones (as InferenceContext::operand reads them).
  for (const mb::ir::Node& node : graph.nodes()) {
    if (node.kind == OpKind::kUnsupported) continue;
    const mb::ops::OpDef& def = mb::ops::GetOpDef(node.kind);
    if (def.count_cost == nullptr || node.outputs.empty()) continue;
    bool inferred = true;
    for (mb::ir::ValueId id : node.outputs) inferred &= graph.value(id).dtype != DType::kInvalid;
    if (!inferred) continue;
    std::vector<mb::ops::TensorType> operands, outputs;
    for (mb::ir::ValueId id : node.operands) {
      if (id == mb::ir::kNoValue) {
        operands.emplace_back();
      } else {
        operands.push_back({graph.value(id).dtype, graph.value(id).shape});
      }
    }
    operands.resize(std::max<size_t>(operands.size(), 8));
    for (mb::ir::ValueId id : node.outputs) {
      outputs.push_back({graph.value(id).dtype, graph.value(id).shape});
    }
    // As cost analysis does: sizes beyond what int64 cost arithmetic holds are not counted.
    if (!mb::ops::CostIsCountable(operands, outputs)) continue;
    (void)def.count_cost({node, mb::ops::Params(node.params), operands, outputs});
  }
  return 0;
}
