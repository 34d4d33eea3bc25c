#pragma once

// Small readers shared by the line parser and the chunk scanner, so that both read a router
// field the same way.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace spaceport::log_fields {

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// A non-negative decimal of at most nine digits, or -1 (empty, too long, not digits).
inline int parse_int(std::string_view digits) {
  if (digits.empty() || digits.size() > 9) {
    return -1;
  }
  int value = 0;
  for (const char c : digits) {
    if (!is_digit(c)) {
      return -1;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

/// A stray quote ends the host in one Dev Center sample: it is not part of the name.
inline std::string_view router_host(std::string_view v) {
  return !v.empty() && v.back() == '"' ? v.substr(0, v.size() - 1) : v;
}

/// "30001ms", or the unit-less "1" of newer lines, in ms; -1 when empty or not a number.
inline int service_ms(std::string_view v) {
  return parse_int(v.size() >= 2 && v.substr(v.size() - 2) == "ms" ? v.substr(0, v.size() - 2) : v);
}

/// Whether [p, end) opens with `literal` (its terminating NUL aside), 4 to 16 bytes. Two
/// overlapping words instead of a call to memcmp: this runs a dozen times per request line.
template <std::size_t N>
inline bool opens_with(const char* p, const char* end, const char (&literal)[N]) {
  constexpr std::size_t n = N - 1;
  static_assert(n >= 4 && n <= 16);
  if (end - p < static_cast<std::ptrdiff_t>(n)) {
    return false;
  }
  using Word = std::conditional_t<(n < 8), std::uint32_t, std::uint64_t>;
  const auto word = [](const char* at) {
    Word w = 0;
    std::memcpy(&w, at, sizeof w);
    return w;
  };
  return word(p) == word(literal) && word(p + n - sizeof(Word)) == word(literal + n - sizeof(Word));
}

}  // namespace spaceport::log_fields
