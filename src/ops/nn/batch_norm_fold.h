// Inference batch norm as a per-channel affine map, the one formula shared by the op's
// reference math, the fast kernel and the TF importer's folding of a fused batch norm into
// a convolution: y = x * scale[c] + shift[c] with
//   scale = gamma / sqrt(variance + epsilon),  shift = beta - mean * scale.
#ifndef MODELBENCH_OPS_NN_BATCH_NORM_FOLD_H_
#define MODELBENCH_OPS_NN_BATCH_NORM_FOLD_H_

#include <cmath>
#include <cstdint>

namespace mb::ops {

// Writes `channels` values to scale and shift; computed in double, stored as float.
inline void BatchNormScaleShift(const float* gamma, const float* beta, const float* mean,
                                const float* variance, float epsilon, int64_t channels,
                                float* scale, float* shift) {
  for (int64_t c = 0; c < channels; ++c) {
    const double inv_std = 1.0 / std::sqrt(static_cast<double>(variance[c]) + epsilon);
    scale[c] = static_cast<float>(gamma[c] * inv_std);
    shift[c] = static_cast<float>(beta[c] - mean[c] * static_cast<double>(scale[c]));
  }
}

}  // namespace mb::ops

#endif  // MODELBENCH_OPS_NN_BATCH_NORM_FOLD_H_
