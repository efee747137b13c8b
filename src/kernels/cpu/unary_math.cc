// Our own element-wise math kernels for the ops that ONNX exports of CNNs and transformers
// spell out node by node (MobileNetV3's hard activations, GELU's Erf, layer norm's
// Pow/Sqrt/Div):
//
//   cpu:unary_math        Sigmoid, Tanh, HardSigmoid (alpha, beta), HardSwish, Erf, Sqrt.
//   cpu:pow_scalar        Pow(X, e) with a constant scalar exponent e: 2 -> x * x,
//                         0.5 -> sqrt, 1 -> copy, otherwise std::pow per element.
//   cpu:broadcast_binary  Add, Sub, Mul, Div of float32 under any NumPy broadcast that
//                         collapses to at most kMaxDims dimensions (per-row and per-channel
//                         scales, scalars, either operand broadcast).
//
// Loops are written so that GCC vectorises them by itself (no calls into libm in the
// transcendental ones: exp, tanh and erf are polynomial approximations below; no
// `#pragma omp simd`, under which GCC 12 left the min/max of HardSigmoid as branches), run
// large tensors through ParallelFor, and allocate nothing in Run. Accuracy: exp within about
// 2 ulp (Cephes expf), tanh within a few ulp (Cephes tanhf), erf within 3e-7 absolute
// (Maclaurin series below 0.5, Abramowitz & Stegun 7.1.26 above); the arithmetic ones give
// the reference's bits.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

#include "kernels/cpu/parallel.h"
#include "kernels/kernel.h"

namespace mb::kernels {
namespace {

bool IsFloat(const ops::TensorView& view) { return view.dtype == ir::DType::kFloat32; }

// ---- Approximations (scalar code that vectorises) ----

// e^x, Cephes expf: x = n ln2 + r with |r| <= ln2 / 2, e^r by a degree-7 polynomial,
// 2^n through the exponent bits. Inputs are clamped to [-87, 88] so that 2^n stays a normal
// float: e^88 = 1.65e38 stands in for overflow, e^-87 = 1.6e-38 for underflow, which is
// where every caller below has already saturated. NaN stays NaN.
inline float Exp(float x) {
  x = std::min(std::max(x, -87.0f), 88.0f);
  // Round x * log2(e) to the nearest integer: adding 1.5 * 2^23 pushes the fraction out.
  constexpr float kRound = 12582912.0f;
  const float n = (x * 1.44269504088896341f + kRound) - kRound;
  // ln 2 in two parts, so that n * kLn2High is exact.
  const float r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * (r * r) + r + 1.0f;
  const float scale = std::bit_cast<float>((static_cast<int32_t>(n) + 127) << 23);
  return p * scale;
}

// tanh, Cephes tanhf: an odd polynomial below 0.625, 1 - 2 / (e^2|x| + 1) above. tanh(9.5)
// rounds to 1 in float, so larger inputs are clamped there.
inline float Tanh(float x) {
  const float a = std::min(std::fabs(x), 9.5f);
  const float z = x * x;
  float p = -5.70498872745e-3f;
  p = p * z + 2.06390887954e-2f;
  p = p * z - 5.37397155531e-2f;
  p = p * z + 1.33314422036e-1f;
  p = p * z - 3.33332819422e-1f;
  const float small = p * z * x + x;
  const float large = 1.0f - 2.0f / (Exp(a + a) + 1.0f);
  return a < 0.625f ? small : std::copysign(large, x);
}

// erf: below 0.5, the Maclaurin series 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)) to
// n = 7 (the next term is below 2e-11); above, Abramowitz & Stegun 7.1.26,
// 1 - t (a1 + t (a2 + ...)) e^(-x^2) with t = 1 / (1 + p x), absolute error <= 1.5e-7.
inline float Erf(float x) {
  const float a = std::fabs(x);
  const float z = x * x;
  float s = -1.492565035840625e-05f;
  s = s * z + 1.2055332981789664e-4f;
  s = s * z - 8.548327023450852e-4f;
  s = s * z + 5.223977625442188e-3f;
  s = s * z - 2.6866170645131252e-2f;
  s = s * z + 1.1283791670955126e-1f;
  s = s * z - 3.7612638903183754e-1f;
  s = s * z + 1.1283791670955126f;
  const float small = s * x;
  const float t = 1.0f / (1.0f + 0.3275911f * a);
  float q = 1.061405429f;
  q = q * t - 1.453152027f;
  q = q * t + 1.421413741f;
  q = q * t - 0.284496736f;
  q = q * t + 0.254829592f;
  const float large = 1.0f - q * t * Exp(-z);
  return a < 0.5f ? small : std::copysign(large, x);
}

// ---- Sigmoid, Tanh, HardSigmoid, HardSwish, Erf, Sqrt ----

// The transcendental loops are compute-bound: built for AVX2 and FMA (x86-64-v3) they run
// about 3x faster than for SSE2, the build's baseline, so GCC compiles them both ways and
// picks one when the program loads (FMA changes the last bit of some results, not their
// accuracy). Clang 14 accepts the attribute but did not dispatch to the fast clone in our
// measurement, so it builds the baseline only.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define MB_MULTIVERSION __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define MB_MULTIVERSION
#endif

MB_MULTIVERSION void SigmoidLoop(const float* in, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = 1.0f / (1.0f + Exp(-in[i]));
}
MB_MULTIVERSION void TanhLoop(const float* in, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = Tanh(in[i]);
}
MB_MULTIVERSION void ErfLoop(const float* in, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = Erf(in[i]);
}
#undef MB_MULTIVERSION

// out[i] = f(in[i]) for i in [0, count), split over the thread pool; `weight` is the cost
// of one element for ParallelFor.
template <typename F>
Status MapFloats(const float* in, float* out, int64_t count, int64_t weight, F f) {
  ParallelFor(count, weight, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = f(in[i]);
  });
  return OkStatus();
}

class UnaryMath : public Kernel {
 public:
  std::string_view name() const override { return "cpu:unary_math"; }
  Status Prepare(const KernelContext& context) override {
    kind_ = context.node.kind;
    in_ = context.inputs[0].As<float>();
    out_ = context.outputs[0].As<float>();
    count_ = context.inputs[0].num_elements();
    alpha_ = context.params.Float("alpha", 0.2f);
    beta_ = context.params.Float("beta", 0.5f);
    return OkStatus();
  }
  Status Run() override {
    // The second argument of Apply weighs an element against a copied float, for the
    // decision to use threads.
    switch (kind_) {
      case ir::OpKind::kSigmoid:
        return ApplyLoop(8, SigmoidLoop);
      case ir::OpKind::kTanh:
        return ApplyLoop(8, TanhLoop);
      case ir::OpKind::kErf:
        return ApplyLoop(8, ErfLoop);
      case ir::OpKind::kHardSigmoid: {
        // The reference's expression, so the same bits (NaN included).
        const float alpha = alpha_, beta = beta_;
        return Apply(1, [=](float x) { return std::max(0.0f, std::min(1.0f, alpha * x + beta)); });
      }
      case ir::OpKind::kHardSwish:
        return Apply(2,
                     [](float x) { return x * std::max(0.0f, std::min(1.0f, x / 6.0f + 0.5f)); });
      case ir::OpKind::kSqrt:
        return Apply(4, [](float x) { return std::sqrt(x); });
      default:
        return InternalError("unexpected op for cpu:unary_math");
    }
  }

 private:
  template <typename F>
  Status Apply(int64_t weight, F f) {
    return MapFloats(in_, out_, count_, weight, f);
  }

  Status ApplyLoop(int64_t weight, void (*loop)(const float*, float*, int64_t)) {
    const float* in = in_;
    float* out = out_;
    ParallelFor(count_, weight,
                [&](int64_t begin, int64_t end) { loop(in + begin, out + begin, end - begin); });
    return OkStatus();
  }

  ir::OpKind kind_ = ir::OpKind::kSigmoid;
  const float* in_ = nullptr;
  float* out_ = nullptr;
  int64_t count_ = 0;
  float alpha_ = 0, beta_ = 0;
};

bool SupportsUnaryMath(const KernelContext& context) {
  return context.inputs.size() == 1 && IsFloat(context.inputs[0]) &&
         context.outputs[0].num_elements() == context.inputs[0].num_elements();
}

// ---- Pow with a constant scalar exponent ----

class PowScalar : public Kernel {
 public:
  std::string_view name() const override { return "cpu:pow_scalar"; }
  Status Prepare(const KernelContext& context) override {
    in_ = context.inputs[0].As<float>();
    out_ = context.outputs[0].As<float>();
    count_ = context.outputs[0].num_elements();
    exponent_ = context.inputs[1].As<float>()[0];
    return OkStatus();
  }
  Status Run() override {
    const float e = exponent_;
    if (e == 2.0f) return Apply(1, [](float x) { return x * x; });
    if (e == 1.0f) return Apply(1, [](float x) { return x; });
    // pow(x, 0.5) differs from sqrt(x) at -0 (+0, not -0) and -inf (+inf, not NaN).
    if (e == 0.5f) {
      return Apply(4, [](float x) { return x == -INFINITY ? INFINITY : std::sqrt(x) + 0.0f; });
    }
    // General exponents: libm's powf, which does not vectorise.
    return Apply(16, [e](float x) { return std::pow(x, e); });
  }

 private:
  template <typename F>
  Status Apply(int64_t weight, F f) {
    return MapFloats(in_, out_, count_, weight, f);
  }

  const float* in_ = nullptr;
  float* out_ = nullptr;
  int64_t count_ = 0;
  float exponent_ = 0;
};

// X float32 with the output's shape, the exponent a constant float32 with one element.
bool SupportsPowScalar(const KernelContext& context) {
  if (context.inputs.size() != 2) return false;
  const ops::TensorView& x = context.inputs[0];
  const ops::TensorView& e = context.inputs[1];
  return IsFloat(x) && IsFloat(e) && context.input_is_constant[1] && e.data != nullptr &&
         e.num_elements() == 1 && x.sizes == context.outputs[0].sizes;
}

// ---- Add, Sub, Mul, Div under NumPy broadcasting ----

// Collapsed dimensions the broadcast kernel walks; more are declined.
constexpr int kMaxDims = 6;

// The output as `rank` dimensions (innermost last) with each operand's element strides, 0
// where the operand is broadcast. Size-1 dimensions are dropped and neighbours that are
// contiguous in both operands merged, so [1,C,H,W] * [1,C,1,1] is [C, H*W] with b strides
// {1, 0}, and a same-shape product is one dimension.
struct BroadcastPlan {
  int rank = 0;
  std::array<int64_t, kMaxDims> sizes{}, a_strides{}, b_strides{};
};

std::optional<BroadcastPlan> PlanBroadcast(const ops::TensorView& a, const ops::TensorView& b,
                                           const ops::TensorView& y) {
  const int rank = y.rank();
  // Element strides of an operand aligned to the output's trailing dimensions.
  auto strides_of = [&](const ops::TensorView& v, std::vector<int64_t>* strides) -> bool {
    if (v.rank() > rank) return false;
    strides->assign(rank, 0);
    int64_t stride = 1;
    for (int d = rank - 1, i = v.rank() - 1; i >= 0; --d, --i) {
      if (v.sizes[i] == y.sizes[d]) {
        (*strides)[d] = y.sizes[d] == 1 ? 0 : stride;
      } else if (v.sizes[i] != 1) {
        return false;
      }
      stride *= v.sizes[i];
    }
    return true;
  };
  std::vector<int64_t> sa, sb;
  if (!strides_of(a, &sa) || !strides_of(b, &sb)) return std::nullopt;
  // Outermost to innermost, skipping size-1 dimensions and merging into the previous kept
  // dimension where both operands continue it.
  std::vector<int64_t> sizes, pa, pb;
  for (int d = 0; d < rank; ++d) {
    if (y.sizes[d] == 1) continue;
    if (!sizes.empty() && pa.back() == sa[d] * y.sizes[d] && pb.back() == sb[d] * y.sizes[d]) {
      sizes.back() *= y.sizes[d];
      pa.back() = sa[d];
      pb.back() = sb[d];
      continue;
    }
    sizes.push_back(y.sizes[d]);
    pa.push_back(sa[d]);
    pb.push_back(sb[d]);
  }
  if (sizes.empty()) sizes = {1}, pa = {1}, pb = {1};  // one element
  if (static_cast<int>(sizes.size()) > kMaxDims) return std::nullopt;
  BroadcastPlan plan;
  plan.rank = static_cast<int>(sizes.size());
  for (int d = 0; d < plan.rank; ++d) {
    plan.sizes[d] = sizes[d];
    plan.a_strides[d] = pa[d];
    plan.b_strides[d] = pb[d];
  }
  // The innermost dimension is contiguous or broadcast in each operand (it is contiguous in
  // at least one, since its size came from an operand).
  const int64_t ia = plan.a_strides[plan.rank - 1], ib = plan.b_strides[plan.rank - 1];
  if ((ia != 0 && ia != 1) || (ib != 0 && ib != 1) || (ia == 0 && ib == 0)) return std::nullopt;
  return plan;
}

class BroadcastBinary : public Kernel {
 public:
  std::string_view name() const override { return "cpu:broadcast_binary"; }
  Status Prepare(const KernelContext& context) override {
    kind_ = context.node.kind;
    a_ = context.inputs[0].As<float>();
    b_ = context.inputs[1].As<float>();
    out_ = context.outputs[0].As<float>();
    std::optional<BroadcastPlan> plan =
        PlanBroadcast(context.inputs[0], context.inputs[1], context.outputs[0]);
    if (!plan) return InternalError("cpu:broadcast_binary: shapes do not collapse");
    plan_ = *plan;
    return OkStatus();
  }
  Status Run() override {
    switch (kind_) {
      case ir::OpKind::kAdd:
        return Dispatch([](float x, float y) { return x + y; });
      case ir::OpKind::kSub:
        return Dispatch([](float x, float y) { return x - y; });
      case ir::OpKind::kMul:
        return Dispatch([](float x, float y) { return x * y; });
      case ir::OpKind::kDiv:
        return Dispatch([](float x, float y) { return x / y; });
      default:
        return InternalError("unexpected op for cpu:broadcast_binary");
    }
  }

 private:
  // One loop per innermost stride pattern, so that each is a plain vector loop.
  template <typename F>
  Status Dispatch(F f) {
    const int last = plan_.rank - 1;
    const bool a_inner = plan_.a_strides[last] == 1, b_inner = plan_.b_strides[last] == 1;
    if (a_inner && b_inner) return Apply<1, 1>(f);
    if (a_inner) return Apply<1, 0>(f);
    return Apply<0, 1>(f);
  }

  // Rows are the innermost dimension's runs; each thread walks its rows with an index
  // counter over the outer dimensions.
  template <int kA, int kB, typename F>
  Status Apply(F f) {
    const BroadcastPlan& p = plan_;
    const int outer = p.rank - 1;
    const int64_t width = p.sizes[outer];
    int64_t rows = 1;
    for (int d = 0; d < outer; ++d) rows *= p.sizes[d];
    const float* a = a_;
    const float* b = b_;
    float* out = out_;
    ParallelFor(rows, width, [&](int64_t begin, int64_t end) {
      std::array<int64_t, kMaxDims> index{};
      int64_t offset_a = 0, offset_b = 0;
      int64_t rest = begin;
      for (int d = outer - 1; d >= 0; --d) {
        index[d] = rest % p.sizes[d];
        rest /= p.sizes[d];
        offset_a += index[d] * p.a_strides[d];
        offset_b += index[d] * p.b_strides[d];
      }
      for (int64_t row = begin; row < end; ++row) {
        const float* ra = a + offset_a;
        const float* rb = b + offset_b;
        float* ro = out + row * width;
        for (int64_t i = 0; i < width; ++i) ro[i] = f(ra[i * kA], rb[i * kB]);
        for (int d = outer - 1; d >= 0; --d) {
          offset_a += p.a_strides[d];
          offset_b += p.b_strides[d];
          if (++index[d] < p.sizes[d]) break;
          offset_a -= p.a_strides[d] * p.sizes[d];
          offset_b -= p.b_strides[d] * p.sizes[d];
          index[d] = 0;
        }
      }
    });
    return OkStatus();
  }

  ir::OpKind kind_ = ir::OpKind::kAdd;
  const float* a_ = nullptr;
  const float* b_ = nullptr;
  float* out_ = nullptr;
  BroadcastPlan plan_;
};

bool SupportsBroadcastBinary(const KernelContext& context) {
  if (context.inputs.size() != 2) return false;
  const ops::TensorView& a = context.inputs[0];
  const ops::TensorView& b = context.inputs[1];
  const ops::TensorView& y = context.outputs[0];
  if (!IsFloat(a) || !IsFloat(b) || !IsFloat(y) || y.num_elements() == 0) return false;
  return PlanBroadcast(a, b, y).has_value();
}

template <typename K>
std::unique_ptr<Kernel> Make() {
  return std::make_unique<K>();
}

}  // namespace

#define MB_UNARY_MATH_FACTORY(Name)                                                              \
  const KernelFactory& Cpu##Name##Factory() {                                                    \
    static const KernelFactory factory{ir::OpKind::k##Name, "cpu:unary_math", SupportsUnaryMath, \
                                       Make<UnaryMath>};                                         \
    return factory;                                                                              \
  }
MB_UNARY_MATH_FACTORY(Sigmoid)
MB_UNARY_MATH_FACTORY(Tanh)
MB_UNARY_MATH_FACTORY(HardSigmoid)
MB_UNARY_MATH_FACTORY(HardSwish)
MB_UNARY_MATH_FACTORY(Erf)
MB_UNARY_MATH_FACTORY(Sqrt)
#undef MB_UNARY_MATH_FACTORY

const KernelFactory& CpuPowScalarFactory() {
  static const KernelFactory factory{ir::OpKind::kPow, "cpu:pow_scalar", SupportsPowScalar,
                                     Make<PowScalar>};
  return factory;
}

#define MB_BROADCAST_FACTORY(Name)                                                      \
  const KernelFactory& CpuBroadcast##Name##Factory() {                                  \
    static const KernelFactory factory{ir::OpKind::k##Name, "cpu:broadcast_binary",     \
                                       SupportsBroadcastBinary, Make<BroadcastBinary>}; \
    return factory;                                                                     \
  }
MB_BROADCAST_FACTORY(Add)
MB_BROADCAST_FACTORY(Sub)
MB_BROADCAST_FACTORY(Mul)
MB_BROADCAST_FACTORY(Div)
#undef MB_BROADCAST_FACTORY

}  // namespace mb::kernels
