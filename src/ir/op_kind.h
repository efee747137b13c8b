// OpKind: which engine operation a Node is, independent of the file format it came from.
// The list itself is ops/op_list.inc (a data file); ops/ holds each kind's definition.
#ifndef MODELBENCH_IR_OP_KIND_H_
#define MODELBENCH_IR_OP_KIND_H_

#include <cstdint>
#include <string_view>

namespace mb::ir {

enum class OpKind : uint16_t {
#define MB_OP(name) k##name,
#include "ops/op_list.inc"
#undef MB_OP
  kUnsupported,  // the engine has no definition: the node can be summarized, not run
};

inline constexpr int kNumOpKinds = static_cast<int>(OpKind::kUnsupported);

// "Conv", "MatMul", ...; "Unsupported" for kUnsupported.
std::string_view OpKindName(OpKind kind);

}  // namespace mb::ir

#endif  // MODELBENCH_IR_OP_KIND_H_
