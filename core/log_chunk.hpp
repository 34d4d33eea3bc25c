#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/log_line.hpp"
#include "core/log_stats.hpp"

namespace spaceport {

/// The vector instructions a byte index is built with: none (a byte at a time), or x86-64's.
enum class SimdLevel : std::uint8_t { portable, sse2, avx2, avx512 };

/// The best level this CPU (and its operating system) supports; SSE2 is every x86-64's.
SimdLevel best_simd_level() noexcept;
bool simd_level_supported(SimdLevel level) noexcept;

/// Where the bytes a log scanner stops at are in up to k_span bytes, one bit per byte, 64 to a
/// word: newlines, spaces, double quotes, and the unusual bytes (NUL, 0x80-0xFF) that call for
/// the parser's checks. Built once per span with vector instructions, it
/// lets the scanner jump from token to token with bit arithmetic instead of searching.
struct ByteIndex {
  static constexpr std::size_t k_span = 16U << 10U;
  static constexpr std::size_t k_words = k_span / 64;

  std::array<std::uint64_t, k_words> newline;
  std::array<std::uint64_t, k_words> space;
  std::array<std::uint64_t, k_words> quote;
  std::array<std::uint64_t, k_words> unusual;
  std::size_t size = 0;     // bytes indexed
  bool plain_ascii = true;  // no unusual byte at all

  /// Indexes `bytes` (at most k_span of them).
  void build(std::string_view bytes, SimdLevel level);

  /// Whether any bit of `mask` is set in [from, to).
  static bool any(const std::array<std::uint64_t, k_words>& mask, std::size_t from,
                  std::size_t to) noexcept {
    if (from >= to) {
      return false;
    }
    const std::size_t first = from / 64;
    const std::size_t last = (to - 1) / 64;
    const std::uint64_t head = ~std::uint64_t{0} << (from % 64);
    const std::uint64_t tail = ~std::uint64_t{0} >> (63 - (to - 1) % 64);
    if (first == last) {
      return (mask[first] & head & tail) != 0;
    }
    std::uint64_t bits = (mask[first] & head) | (mask[last] & tail);
    for (std::size_t word = first + 1; word < last; ++word) {
      bits |= mask[word];
    }
    return bits != 0;
  }

  /// The first position in [from, limit) whose bit is set in `mask`, or `limit`.
  static std::size_t next(const std::array<std::uint64_t, k_words>& mask, std::size_t from,
                          std::size_t limit) noexcept {
    if (from >= limit) {
      return limit;
    }
    std::size_t word = from / 64;
    std::uint64_t bits = mask[word] & (~std::uint64_t{0} << (from % 64));
    while (bits == 0) {
      if (++word * 64 >= limit) {
        return limit;
      }
      bits = mask[word];
    }
    const std::size_t at = word * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
    return at < limit ? at : limit;
  }
};

/// Reads the line [start, end) of an indexed span when it is a router line in the layout the
/// router writes today, in its order (`TIMESTAMP heroku[router]: at=info method= path="" host=
/// request_id= fwd="" dyno= connect= service= status= bytes=`, optionally `protocol=`). The
/// line's spaces and quotes are gathered from the index and each token is checked against its
/// key on its own, so the checks do not wait on one another. Where it says true, `out` is what
/// parse_log_line gives; false (out untouched) for anything else: error lines, older layouts,
/// odd spacing or quoting, a CR, NUL or non-ASCII byte, which parse_log_line reads.
bool common_router_line(std::string_view span, std::size_t start, std::size_t end,
                        const ByteIndex& index, LogLine& out);

/// Adds every line of newline-framed `lines` (`heroku logs` output or a drain's file) to `stats`,
/// as parse_log_line and LogStats::add would line by line (an empty line is not a line). The
/// router's common layout, which is most of any busy app's log, is read straight off the index
/// in one pass; every other line goes to parse_log_line.
void scan_log_lines(std::string_view lines, LogFormat format, LogStats& stats,
                    SimdLevel level = best_simd_level());

}  // namespace spaceport
