// Input, Constant, Identity and NoOp: ops that move no data of their own. And If, which
// chooses between two subgraphs.
//
// If operand: cond (bool, one element); params then_branch, else_branch (the names of the
// Functions holding the branches, whose outputs become the node's). The engine has no
// run-time control flow: before running, runtime/control_flow.h replaces an If whose
// condition is known (a constant, or folded from constants) with the chosen branch's nodes.
// So If has no shape function of its own and no reference math.
#include <cstring>

#include "ops/op_def.h"
#include "ops/op_util.h"

namespace mb::ops {
namespace {

// Each output is its operand, unchanged.
Status InferIdentity(InferenceContext& context) {
  if (context.num_operands() < context.num_outputs()) {
    return InvalidArgumentError("Identity has fewer operands than outputs");
  }
  for (int i = 0; i < context.num_outputs(); ++i) context.set_output(i, context.operand(i));
  return OkStatus();
}

Status ComputeIdentity(const ComputeContext& context) {
  for (size_t i = 0; i < context.outputs.size(); ++i) {
    const TensorView& in = context.inputs[i];
    if (context.outputs[i].data != in.data) {
      std::memcpy(context.outputs[i].data, in.data, in.num_elements() * ir::DTypeSize(in.dtype));
    }
  }
  return OkStatus();
}

Status InferNothing(InferenceContext&) { return OkStatus(); }

// Reached only when the condition is computed at run time.
Status ComputeIf(const ComputeContext&) {
  return UnimplementedError("If runs only when its condition is known before running");
}
Status ComputeNothing(const ComputeContext&) { return OkStatus(); }
OpCost NoCost(const CostContext&) { return {}; }

}  // namespace

// Inputs and constants get their types from their Values (the feed, the constant), so they
// have no shape function of their own.
const OpDef& InputOpDef() {
  static const OpDef def{.kind = OpKind::kInput, .count_cost = NoCost};
  return def;
}

const OpDef& ConstantOpDef() {
  static const OpDef def{.kind = OpKind::kConstant, .count_cost = NoCost};
  return def;
}

const OpDef& IdentityOpDef() {
  static const OpDef def{.kind = OpKind::kIdentity,
                         .infer_shapes = InferIdentity,
                         .count_cost = NoCost,
                         .compute_reference = ComputeIdentity};
  return def;
}

const OpDef& NoOpOpDef() {
  static const OpDef def{.kind = OpKind::kNoOp,
                         .infer_shapes = InferNothing,
                         .count_cost = NoCost,
                         .compute_reference = ComputeNothing};
  return def;
}

const OpDef& IfOpDef() {
  static const OpDef def{.kind = OpKind::kIf,
                         .value_operands = {0},
                         .infer_shapes = InferNothing,
                         .count_cost = NoCost,
                         .compute_reference = ComputeIf};
  return def;
}

}  // namespace mb::ops
