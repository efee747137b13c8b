// MB_CHECK: assertions for programmer errors only (never for bad input, which is a Status).
// A failed check prints the file, line, condition and message to stderr and aborts.
#ifndef MODELBENCH_BASE_CHECK_H_
#define MODELBENCH_BASE_CHECK_H_

#include <sstream>

namespace mb::internal {

class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* condition);
  [[noreturn]] ~CheckFailure();
  std::ostream& stream() { return stream_; }

 private:
  std::ostringstream stream_;
};

// Lets `MB_CHECK(x) << "message"` discard the stream when the check passes.
struct Voidify {
  void operator&(std::ostream&) {}
};

}  // namespace mb::internal

#define MB_CHECK(condition)                 \
  (condition) ? (void)0                     \
              : ::mb::internal::Voidify() & \
                    ::mb::internal::CheckFailure(__FILE__, __LINE__, #condition).stream()

#endif  // MODELBENCH_BASE_CHECK_H_
