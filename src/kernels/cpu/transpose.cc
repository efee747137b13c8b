// cpu:transpose: Transpose (operand X of any fixed-size dtype; param perm, default reversed)
// for the permutations that are a swap of two blocks of axes:
//
//   out[b][y][x][i] = in[b][x][y][i]
//
// after size-1 axes are dropped and axes that stay neighbours are merged. That covers
// NCHW <-> NHWC ((0,2,3,1), (0,3,1,2)), attention's head split and merge ((0,2,1,3),
// (1,0,2), (1,2,0)), the last-two-axes swap and every 2-D transpose; a permutation that
// only moves size-1 axes is a copy. Others (three blocks moving, such as (2,0,1,3)) are
// declined and the reference runs.
//
// When an element of the swap (i, in bytes) is 1, 2, 4, 8 or 16 bytes, the [x][y] matrix
// is transposed in 16 x 16 tiles, so that both sides stay in cache (4-byte units in 4 x 4
// SSE blocks within a tile); otherwise each i-run is copied whole. Threads split the output
// rows. Nothing is allocated in Run.
#include <xmmintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#include "kernels/cpu/parallel.h"
#include "kernels/kernel.h"

namespace mb::kernels {
namespace {

// The transpose as `batch` independent [x][y] -> [y][x] swaps of `unit_bytes` elements.
struct TransposePlan {
  int64_t batch = 1, x = 1, y = 1;
  int64_t unit_bytes = 0;
};

std::optional<TransposePlan> PlanTranspose(const KernelContext& context) {
  const ops::TensorView& in = context.inputs[0];
  const int rank = in.rank();
  const int64_t element = static_cast<int64_t>(ir::DTypeSize(in.dtype));
  if (element <= 0 || in.data == nullptr) return std::nullopt;
  std::vector<int64_t> perm = context.params.Ints("perm", {});
  if (perm.empty()) {
    for (int i = rank - 1; i >= 0; --i) perm.push_back(i);
  }
  // Validate as the reference does (negative axes count from the end); decline the rest.
  if (static_cast<int>(perm.size()) != rank) return std::nullopt;
  std::vector<bool> seen(rank, false);
  for (int64_t& p : perm) {
    if (p < -rank || p >= rank) return std::nullopt;
    if (p < 0) p += rank;
    if (seen[p]) return std::nullopt;
    seen[p] = true;
  }
  // Drop size-1 input axes and renumber the rest.
  std::vector<int64_t> new_axis(rank, -1), sizes;
  for (int i = 0; i < rank; ++i) {
    if (in.sizes[i] == 0) return std::nullopt;  // nothing to move: the reference is free
    if (in.sizes[i] != 1) {
      new_axis[i] = static_cast<int64_t>(sizes.size());
      sizes.push_back(in.sizes[i]);
    }
  }
  std::vector<int64_t> kept;
  for (int64_t p : perm) {
    if (new_axis[p] >= 0) kept.push_back(new_axis[p]);
  }
  // Merge output neighbours that are input neighbours in the same order: the merged axes
  // become one input axis (numbered by its first).
  std::vector<std::vector<int64_t>> groups;  // input axes per merged output axis
  for (int64_t axis : kept) {
    if (!groups.empty() && groups.back().back() + 1 == axis) {
      groups.back().push_back(axis);
    } else {
      groups.push_back({axis});
    }
  }
  // Input order of the groups: group g is input block order[g].
  std::vector<int> order(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) {
    int rank_of = 0;
    for (size_t h = 0; h < groups.size(); ++h) rank_of += groups[h][0] < groups[g][0] ? 1 : 0;
    order[g] = rank_of;
  }
  auto group_size = [&](size_t g) {
    int64_t size = 1;
    for (int64_t axis : groups[g]) size *= sizes[axis];
    return size;
  };
  TransposePlan plan;
  plan.unit_bytes = element;
  const std::vector<int> o = order;
  if (o.size() <= 1) {
    for (size_t g = 0; g < groups.size(); ++g) plan.x *= group_size(g);
    plan.unit_bytes = plan.x * element;  // one block: a copy
    plan.x = 1;
    return plan;
  }
  // Output groups g hold input block o[g]; the input blocks of a swap are [B][X][Y][I].
  if (o == std::vector<int>{1, 0}) {
    plan.y = group_size(0), plan.x = group_size(1);
  } else if (o == std::vector<int>{0, 2, 1}) {
    plan.batch = group_size(0), plan.y = group_size(1), plan.x = group_size(2);
  } else if (o == std::vector<int>{1, 0, 2}) {
    plan.y = group_size(0), plan.x = group_size(1), plan.unit_bytes *= group_size(2);
  } else if (o == std::vector<int>{0, 2, 1, 3}) {
    plan.batch = group_size(0), plan.y = group_size(1), plan.x = group_size(2);
    plan.unit_bytes *= group_size(3);
  } else {
    return std::nullopt;
  }
  return plan;
}

// Tile edge for the blocked path: 16 x 16 units of up to 16 bytes is at most 4 KiB a side.
constexpr int64_t kTile = 16;

class Transpose : public Kernel {
 public:
  std::string_view name() const override { return "cpu:transpose"; }
  Status Prepare(const KernelContext& context) override {
    std::optional<TransposePlan> plan = PlanTranspose(context);
    if (!plan) return InternalError("cpu:transpose: unsupported permutation");
    plan_ = *plan;
    in_ = static_cast<const char*>(context.inputs[0].data);
    out_ = static_cast<char*>(context.outputs[0].data);
    return OkStatus();
  }

  Status Run() override {
    switch (plan_.unit_bytes) {
      case 1:
        return Blocked<Unit<1>>();
      case 2:
        return Blocked<Unit<2>>();
      case 4:
        return Blocked4();
      case 8:
        return Blocked<Unit<8>>();
      case 16:
        return Blocked<Unit<16>>();
      default:
        return Runs();
    }
  }

 private:
  template <int kBytes>
  struct Unit {
    unsigned char bytes[kBytes];
  };

  // [batch][x][y] -> [batch][y][x] in tiles; threads take bands of kTile output rows.
  template <typename T>
  Status Blocked() {
    const int64_t xs = plan_.x, ys = plan_.y;
    const int64_t bands = (ys + kTile - 1) / kTile;
    const T* in = reinterpret_cast<const T*>(in_);
    T* out = reinterpret_cast<T*>(out_);
    ParallelFor(plan_.batch * bands, kTile * xs, [&](int64_t begin, int64_t end) {
      for (int64_t job = begin; job < end; ++job) {
        const int64_t b = job / bands;
        const int64_t y0 = (job % bands) * kTile, y1 = std::min(y0 + kTile, ys);
        const T* src = in + b * xs * ys;
        T* dst = out + b * xs * ys;
        for (int64_t x0 = 0; x0 < xs; x0 += kTile) {
          const int64_t x1 = std::min(x0 + kTile, xs);
          for (int64_t y = y0; y < y1; ++y) {
            for (int64_t x = x0; x < x1; ++x) dst[y * xs + x] = src[x * ys + y];
          }
        }
      }
    });
    return OkStatus();
  }

  // 4-byte units (float32, int32): the tiles move in 4 x 4 SSE blocks (shuffles copy bits
  // exactly, NaN payloads included), about 3x the scalar tile loop.
  Status Blocked4() {
    const int64_t xs = plan_.x, ys = plan_.y;
    const int64_t bands = (ys + kTile - 1) / kTile;
    const float* in = reinterpret_cast<const float*>(in_);
    float* out = reinterpret_cast<float*>(out_);
    ParallelFor(plan_.batch * bands, kTile * xs, [&](int64_t begin, int64_t end) {
      for (int64_t job = begin; job < end; ++job) {
        const int64_t b = job / bands;
        const int64_t y0 = (job % bands) * kTile, y1 = std::min(y0 + kTile, ys);
        const float* src = in + b * xs * ys;
        float* dst = out + b * xs * ys;
        for (int64_t x0 = 0; x0 < xs; x0 += kTile) {
          const int64_t x1 = std::min(x0 + kTile, xs);
          int64_t y = y0;
          for (; y + 4 <= y1; y += 4) {
            int64_t x = x0;
            for (; x + 4 <= x1; x += 4) {
              __m128 r0 = _mm_loadu_ps(src + (x + 0) * ys + y);
              __m128 r1 = _mm_loadu_ps(src + (x + 1) * ys + y);
              __m128 r2 = _mm_loadu_ps(src + (x + 2) * ys + y);
              __m128 r3 = _mm_loadu_ps(src + (x + 3) * ys + y);
              _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
              _mm_storeu_ps(dst + (y + 0) * xs + x, r0);
              _mm_storeu_ps(dst + (y + 1) * xs + x, r1);
              _mm_storeu_ps(dst + (y + 2) * xs + x, r2);
              _mm_storeu_ps(dst + (y + 3) * xs + x, r3);
            }
            for (; x < x1; ++x) {
              for (int64_t j = 0; j < 4; ++j) Copy4(src + x * ys + y + j, dst + (y + j) * xs + x);
            }
          }
          for (; y < y1; ++y) {
            for (int64_t x = x0; x < x1; ++x) Copy4(src + x * ys + y, dst + y * xs + x);
          }
        }
      }
    });
    return OkStatus();
  }

  // One 4-byte unit, as bits (the dtype may be int32).
  static void Copy4(const float* from, float* to) { std::memcpy(to, from, 4); }

  // Units too large or odd for a typed tile: copy each whole.
  Status Runs() {
    const int64_t xs = plan_.x, ys = plan_.y, unit = plan_.unit_bytes;
    const char* in = in_;
    char* out = out_;
    ParallelFor(plan_.batch * ys, xs * unit / 4, [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) {
        const int64_t b = row / ys, y = row % ys;
        const char* src = in + (b * xs * ys + y) * unit;
        char* dst = out + row * xs * unit;
        for (int64_t x = 0; x < xs; ++x) std::memcpy(dst + x * unit, src + x * ys * unit, unit);
      }
    });
    return OkStatus();
  }

  TransposePlan plan_;
  const char* in_ = nullptr;
  char* out_ = nullptr;
};

bool SupportsTranspose(const KernelContext& context) {
  return context.inputs.size() == 1 && PlanTranspose(context).has_value();
}

std::unique_ptr<Kernel> Create() { return std::make_unique<Transpose>(); }

}  // namespace

const KernelFactory& CpuTransposeFactory() {
  static const KernelFactory factory{ir::OpKind::kTranspose, "cpu:transpose", SupportsTranspose,
                                     Create};
  return factory;
}

}  // namespace mb::kernels
