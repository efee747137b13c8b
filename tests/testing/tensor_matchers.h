// Comparing computed tensors with reference outputs at a tolerance, with a readable report
// of the worst element on failure.
#ifndef MODELBENCH_TESTS_TESTING_TENSOR_MATCHERS_H_
#define MODELBENCH_TESTS_TESTING_TENSOR_MATCHERS_H_

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace mb::testing {

// |actual - expected| <= abs_tolerance + rel_tolerance * |expected| for every element (NumPy's
// allclose rule); NaNs must match NaNs.
inline ::testing::AssertionResult AllClose(const float* actual, const float* expected,
                                           int64_t count, double rel_tolerance,
                                           double abs_tolerance) {
  int64_t worst = -1;
  double worst_excess = 0;
  int64_t failures = 0;
  for (int64_t i = 0; i < count; ++i) {
    const double a = actual[i], e = expected[i];
    if (std::isnan(a) && std::isnan(e)) continue;
    const double allowed = abs_tolerance + rel_tolerance * std::fabs(e);
    const double excess = std::fabs(a - e) - allowed;
    if (!(excess <= 0)) {
      ++failures;
      if (worst < 0 || excess > worst_excess || std::isnan(excess)) {
        worst = i;
        worst_excess = excess;
      }
    }
  }
  if (failures == 0) return ::testing::AssertionSuccess();
  std::ostringstream message;
  message << failures << " of " << count << " elements differ; worst at [" << worst << "]: actual "
          << actual[worst] << ", expected " << expected[worst];
  return ::testing::AssertionFailure() << message.str();
}

inline std::vector<float> FloatsOf(const std::string& bytes) {
  std::vector<float> values(bytes.size() / sizeof(float));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(float));
  return values;
}

}  // namespace mb::testing

#endif  // MODELBENCH_TESTS_TESTING_TENSOR_MATCHERS_H_
