// Dtype dispatch over every plain number type, and integer arithmetic with defined results,
// for the element-wise ops that ONNX defines on all integer widths (Add, Sub, Mul, Div, Max,
// Min, Clip, Pow's exponent, ArgMax/ArgMin). op_util.h's DispatchArithmetic covers the four
// types shape subgraphs use; these ops need the rest too.
#ifndef MODELBENCH_OPS_ELEMENTWISE_NUMERIC_DISPATCH_H_
#define MODELBENCH_OPS_ELEMENTWISE_NUMERIC_DISPATCH_H_

#include <cstdint>
#include <string>
#include <type_traits>

#include "base/status.h"
#include "ir/dtype.h"

namespace mb::ops {

// True for float32, float64 and the eight integer types int8..int64, uint8..uint64.
inline bool IsRealNumber(ir::DType dtype) {
  switch (dtype) {
    case ir::DType::kFloat32:
    case ir::DType::kFloat64:
    case ir::DType::kInt8:
    case ir::DType::kInt16:
    case ir::DType::kInt32:
    case ir::DType::kInt64:
    case ir::DType::kUInt8:
    case ir::DType::kUInt16:
    case ir::DType::kUInt32:
    case ir::DType::kUInt64:
      return true;
    default:
      return false;
  }
}

// Calls `f(T{})` with T the C++ type of `dtype` for every type IsRealNumber accepts; an
// error for any other dtype.
template <typename F>
Status DispatchRealNumber(ir::DType dtype, F&& f) {
  switch (dtype) {
    case ir::DType::kFloat32:
      f(float{});
      break;
    case ir::DType::kFloat64:
      f(double{});
      break;
    case ir::DType::kInt8:
      f(int8_t{});
      break;
    case ir::DType::kInt16:
      f(int16_t{});
      break;
    case ir::DType::kInt32:
      f(int32_t{});
      break;
    case ir::DType::kInt64:
      f(int64_t{});
      break;
    case ir::DType::kUInt8:
      f(uint8_t{});
      break;
    case ir::DType::kUInt16:
      f(uint16_t{});
      break;
    case ir::DType::kUInt32:
      f(uint32_t{});
      break;
    case ir::DType::kUInt64:
      f(uint64_t{});
      break;
    default:
      return UnimplementedError("dtype " + std::string(ir::DTypeName(dtype)) +
                                " is not supported by this op");
  }
  return OkStatus();
}

// Integer +, -, * wrap modulo 2^bits (two's complement) instead of being undefined on
// signed overflow. The arithmetic runs in an unsigned type of at least 32 bits, because
// narrower types promote to int, where uint16 * uint16 could overflow.
template <typename T>
using WrapUnsigned =
    std::conditional_t<(sizeof(T) < sizeof(uint32_t)), uint32_t, std::make_unsigned_t<T>>;

template <typename T>
T WrapAdd(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<WrapUnsigned<T>>(x) + static_cast<WrapUnsigned<T>>(y));
  } else {
    return x + y;
  }
}
template <typename T>
T WrapSub(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<WrapUnsigned<T>>(x) - static_cast<WrapUnsigned<T>>(y));
  } else {
    return x - y;
  }
}
template <typename T>
T WrapMul(T x, T y) {
  if constexpr (std::is_integral_v<T>) {
    return static_cast<T>(static_cast<WrapUnsigned<T>>(x) * static_cast<WrapUnsigned<T>>(y));
  } else {
    return x * y;
  }
}

// x / y truncating toward zero for integers; the minimum divided by -1 wraps to the minimum
// (it traps in hardware). REQUIRES: y != 0 for integer T (callers check divisors first).
template <typename T>
T SafeDiv(T x, T y) {
  if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    if (y == T{-1}) return WrapSub(T{0}, x);
  }
  return static_cast<T>(x / y);
}

}  // namespace mb::ops

#endif  // MODELBENCH_OPS_ELEMENTWISE_NUMERIC_DISPATCH_H_
