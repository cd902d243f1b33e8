// Minimal status propagation macros (abseil 20220623 ships none).
#ifndef PRECIS_SERVICE_CORE_STATUS_MACROS_H_
#define PRECIS_SERVICE_CORE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PRECIS_CONCAT_INNER_(a, b) a##b
#define PRECIS_CONCAT_(a, b) PRECIS_CONCAT_INNER_(a, b)

// Returns from the current function when `expr` (an absl::Status) is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    if (absl::Status _st = (expr); !_st.ok()) {      \
      return _st;                                    \
    }                                                \
  } while (0)

// `ASSIGN_OR_RETURN(lhs, expr)`: evaluates `expr` (an absl::StatusOr<T>),
// returns its status when not OK, else assigns (moves) the value to `lhs`.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(PRECIS_CONCAT_(_status_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return std::move(tmp).status(); \
  lhs = std::move(tmp).value()

#endif  // PRECIS_SERVICE_CORE_STATUS_MACROS_H_
