#include "ops/activation.h"

namespace mb::ops {

StatusOr<Activation> ParseActivation(const std::string& name) {
  if (name.empty()) return Activation::kNone;
  if (name == "Relu") return Activation::kRelu;
  if (name == "Relu6") return Activation::kRelu6;
  if (name == "Elu") return Activation::kElu;
  if (name == "LeakyRelu") return Activation::kLeakyRelu;
  if (name == "Sigmoid") return Activation::kSigmoid;
  if (name == "Tanh") return Activation::kTanh;
  return UnimplementedError("unsupported fused activation '" + name + "'");
}

}  // namespace mb::ops
