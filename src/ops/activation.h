// Activations that convolution and matrix products can fuse (TF _FusedConv2D fused_ops,
// oneDNN post-ops), as one shared definition.
#ifndef MODELBENCH_OPS_ACTIVATION_H_
#define MODELBENCH_OPS_ACTIVATION_H_

#include <algorithm>
#include <cmath>
#include <string>

#include "base/status.h"

namespace mb::ops {

enum class Activation { kNone, kRelu, kRelu6, kElu, kLeakyRelu, kSigmoid, kTanh };

// "" -> kNone, "Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh".
StatusOr<Activation> ParseActivation(const std::string& name);

inline float ApplyActivation(Activation activation, float alpha, float x) {
  switch (activation) {
    case Activation::kNone:
      return x;
    case Activation::kRelu:
      return std::max(x, 0.0f);
    case Activation::kRelu6:
      return std::min(std::max(x, 0.0f), 6.0f);
    case Activation::kElu:
      return x < 0 ? std::expm1(x) : x;
    case Activation::kLeakyRelu:
      return x < 0 ? alpha * x : x;
    case Activation::kSigmoid:
      return 1.0f / (1.0f + std::exp(-x));
    case Activation::kTanh:
      return std::tanh(x);
  }
  return x;
}

}  // namespace mb::ops

#endif  // MODELBENCH_OPS_ACTIVATION_H_
