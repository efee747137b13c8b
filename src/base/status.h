// Status and StatusOr: how every fallible function in modelbench reports failure.
//
// Our code does not throw. A function that can fail returns Status (or StatusOr<T>), and each
// layer adds context on the way up, so the user reads one line such as
//   error: model.pb: node 'conv1' (Conv2D): filter has rank 3, expected 4
#ifndef MODELBENCH_BASE_STATUS_H_
#define MODELBENCH_BASE_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/check.h"

namespace mb {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // The caller (or the model file) gave something malformed.
  kNotFound,         // A file, node or tensor that was named does not exist.
  kUnimplemented,    // Valid, but not supported by modelbench (yet).
  kResourceExhausted,
  kFailedPrecondition,
  kOutOfRange,
  kInternal,
  kUnknown,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<context>: <message>". No-op on an ok status.
  Status WithContext(std::string_view context) const;

  std::string ToString() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status UnimplementedError(std::string message);
Status ResourceExhaustedError(std::string message);
Status FailedPreconditionError(std::string message);
Status OutOfRangeError(std::string message);
Status InternalError(std::string message);

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  // REQUIRES: !status.ok().
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    MB_CHECK(!status_.ok()) << "StatusOr constructed from an ok Status";
  }
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok().
  T& value() & {
    MB_CHECK(ok()) << status_.ToString();
    return *value_;
  }
  const T& value() const& {
    MB_CHECK(ok()) << status_.ToString();
    return *value_;
  }
  T&& value() && {
    MB_CHECK(ok()) << status_.ToString();
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace mb

#define MB_STATUS_CONCAT_INNER(a, b) a##b
#define MB_STATUS_CONCAT(a, b) MB_STATUS_CONCAT_INNER(a, b)

// Returns from the enclosing function if `expr` (a Status) is not ok.
#define RETURN_IF_ERROR(expr)                \
  do {                                       \
    ::mb::Status mb_status_ = (expr);        \
    if (!mb_status_.ok()) return mb_status_; \
  } while (false)

// Like RETURN_IF_ERROR, but prefixes the error message with `context` (any string type).
#define RETURN_IF_ERROR_WITH_CONTEXT(expr, context)               \
  do {                                                            \
    ::mb::Status mb_status_ = (expr);                             \
    if (!mb_status_.ok()) return mb_status_.WithContext(context); \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, F())` declares x from a StatusOr or returns its error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  MB_ASSIGN_OR_RETURN_IMPL(MB_STATUS_CONCAT(mb_statusor_, __LINE__), lhs, expr)
#define MB_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()

#endif  // MODELBENCH_BASE_STATUS_H_
