#pragma once

#include <span>
#include <string_view>

namespace spaceport {

/// How logs.errors treats a code unless the plan says otherwise.
enum class CodeSeverity { fail, warn, info };

/// One Heroku error code (docs/sources.md §1).
struct ErrorCodeInfo {
  std::string_view code;
  std::string_view name;
  CodeSeverity severity;   // the default verdict
  bool in_private_spaces;  // emitted by Private Space routers and dynos
};

/// Every documented H, R and L code, in code order.
std::span<const ErrorCodeInfo> error_codes();

/// nullptr for a code Heroku does not document.
const ErrorCodeInfo* find_error_code(std::string_view code);

}  // namespace spaceport
