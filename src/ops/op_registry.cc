#include <array>

#include "ops/op_def.h"

namespace mb::ops {
namespace {

using OpDefGetter = const OpDef& (*)();

constexpr std::array<OpDefGetter, ir::kNumOpKinds> kOpDefs = {
#define MB_OP(name) &name##OpDef,
#include "ops/op_list.inc"
#undef MB_OP
};

}  // namespace

const OpDef& GetOpDef(OpKind kind) {
  const auto index = static_cast<size_t>(kind);
  MB_CHECK(index < kOpDefs.size()) << "no OpDef for kind " << index;
  return kOpDefs[index]();
}

}  // namespace mb::ops
