#include "ir/op_kind.h"

namespace mb::ir {

std::string_view OpKindName(OpKind kind) {
  static constexpr std::string_view kNames[] = {
#define MB_OP(name) #name,
#include "ops/op_list.inc"
#undef MB_OP
  };
  const auto index = static_cast<int>(kind);
  return index < kNumOpKinds ? kNames[index] : std::string_view("Unsupported");
}

}  // namespace mb::ir
