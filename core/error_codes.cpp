#include "core/error_codes.hpp"

#include <algorithm>
#include <array>

namespace spaceport {
namespace {

using S = CodeSeverity;

// Defaults: crashes, timeouts, boot and memory failures and platform errors fail (the CLI's
// "critical" codes, less those clients cause); client-side and informational codes (H27, H28,
// H80-H83) only count. "in_private_spaces" follows "Routing in Private Spaces" for H codes and the
// error-codes article for R14 (never emitted in spaces).
constexpr std::array<ErrorCodeInfo, 42> k_codes{{
    {"H10", "App crashed", S::fail, true},
    {"H11", "Backlog too deep", S::fail, true},
    {"H12", "Request timeout", S::fail, true},
    {"H13", "Connection closed without response", S::fail, true},
    {"H14", "No web dynos running", S::fail, false},
    {"H15", "Idle connection", S::warn, true},
    {"H16", "Redirect to herokuapp.com (no longer in use)", S::warn, false},
    {"H17", "Poorly formatted HTTP response", S::warn, true},
    {"H18", "Server Request Interrupted", S::fail, true},
    {"H19", "Backend connection timeout", S::fail, true},
    {"H20", "App boot timeout", S::fail, false},
    {"H21", "Backend connection refused", S::fail, true},
    {"H22", "Connection limit reached", S::fail, false},
    {"H23", "Endpoint misconfigured", S::warn, false},
    {"H24", "Forced close", S::warn, false},
    {"H25", "HTTP Restriction", S::warn, true},
    {"H26", "Request Error", S::warn, true},
    {"H27", "Client Request Interrupted", S::info, true},
    {"H28", "Client Connection Idle", S::info, true},
    {"H31", "Misdirected Request", S::warn, false},
    {"H32", "TLS Certificate Mismatch", S::warn, true},
    {"H33", "HTTP/2 Stream Broken", S::warn, true},
    {"H34", "All up dynos are quarantined", S::fail, true},
    {"H80", "Maintenance mode", S::info, false},
    {"H81", "Blank app", S::info, false},
    {"H82", "You've used up your dyno hour pool", S::info, false},
    {"H83", "Planned Service Degradation", S::info, false},
    {"H99", "Platform error", S::fail, true},
    {"L10", "Drain buffer overflow", S::warn, true},
    {"L11", "Tail buffer overflow", S::warn, true},
    {"L12", "Local buffer overflow", S::warn, true},
    {"L13", "Local delivery error", S::warn, true},
    {"L14", "Certificate validation error", S::warn, true},
    {"L15", "Tail buffer temporarily unavailable", S::warn, true},
    {"R10", "Boot timeout", S::fail, true},
    {"R12", "Exit timeout", S::warn, true},
    {"R13", "Attach error", S::warn, true},
    {"R14", "Memory quota exceeded", S::fail, false},
    {"R15", "Memory quota vastly exceeded", S::fail, true},
    {"R16", "Detached", S::warn, true},
    {"R17", "Checksum error", S::fail, true},
    {"R99", "Platform error", S::fail, true},
}};

}  // namespace

std::span<const ErrorCodeInfo> error_codes() {
  return k_codes;
}

const ErrorCodeInfo* find_error_code(std::string_view code) {
  const auto codes = error_codes();
  const auto found =
      std::lower_bound(codes.begin(), codes.end(), code,
                       [](const ErrorCodeInfo& info, std::string_view c) { return info.code < c; });
  return found != codes.end() && found->code == code ? &*found : nullptr;
}

}  // namespace spaceport
