#include "core/log_chunk.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cstring>

#include "core/log_fields.hpp"

namespace spaceport {
namespace {

using log_fields::is_digit;
using log_fields::opens_with;

// Each variant indexes `words` whole 64-byte words from p into the index's words from `first`
// on. "Unusual" bytes are NUL and 0x80-0xFF: a line without them needs no UTF-8 check.

struct WordBits {
  std::uint64_t newline = 0;
  std::uint64_t space = 0;
  std::uint64_t quote = 0;
  std::uint64_t unusual = 0;
};

inline void put(ByteIndex& ix, std::size_t word, const WordBits& bits) {
  ix.newline[word] = bits.newline;
  ix.space[word] = bits.space;
  ix.quote[word] = bits.quote;
  ix.unusual[word] = bits.unusual;
}

/// A byte at a time: for CPUs other than x86-64, and the reference the vector variants are
/// tested against.
void index_portable(const char* p, std::size_t words, std::size_t first, ByteIndex& ix) {
  for (std::size_t w = 0; w < words; ++w) {
    WordBits bits;
    for (unsigned i = 0; i < 64; ++i) {
      const auto c = static_cast<unsigned char>(p[w * 64 + i]);
      const std::uint64_t bit = std::uint64_t{1} << i;
      bits.newline |= c == '\n' ? bit : 0;
      bits.space |= c == ' ' ? bit : 0;
      bits.quote |= c == '"' ? bit : 0;
      bits.unusual |= c == 0 || c >= 0x80 ? bit : 0;
    }
    put(ix, first + w, bits);
  }
}

#if defined(__x86_64__)

__attribute__((target("avx512bw"))) void index_avx512(const char* p, std::size_t words,
                                                      std::size_t first, ByteIndex& ix) {
  const __m512i newline = _mm512_set1_epi8('\n');
  const __m512i space = _mm512_set1_epi8(' ');
  const __m512i quote = _mm512_set1_epi8('"');
  for (std::size_t w = 0; w < words; ++w) {
    const __m512i c = _mm512_loadu_si512(p + w * 64);
    put(ix, first + w,
        {_mm512_cmpeq_epi8_mask(c, newline), _mm512_cmpeq_epi8_mask(c, space),
         _mm512_cmpeq_epi8_mask(c, quote), _mm512_movepi8_mask(c) | _mm512_testn_epi8_mask(c, c)});
  }
}

__attribute__((target("avx2"))) void index_avx2(const char* p, std::size_t words, std::size_t first,
                                                ByteIndex& ix) {
  const __m256i newline = _mm256_set1_epi8('\n');
  const __m256i space = _mm256_set1_epi8(' ');
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i zero = _mm256_setzero_si256();
  for (std::size_t w = 0; w < words; ++w) {
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + w * 64));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + w * 64 + 32));
    // Two 32-bit movemasks make one 64-bit word.
    const auto n_lo =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, newline)));
    const auto n_hi =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, newline)));
    const auto s_lo =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, space)));
    const auto s_hi =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, space)));
    const auto q_lo =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, quote)));
    const auto q_hi =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, quote)));
    const auto u_lo = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_or_si256(lo, _mm256_cmpeq_epi8(lo, zero))));
    const auto u_hi = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_or_si256(hi, _mm256_cmpeq_epi8(hi, zero))));
    put(ix, first + w,
        {n_lo | std::uint64_t{n_hi} << 32U, s_lo | std::uint64_t{s_hi} << 32U,
         q_lo | std::uint64_t{q_hi} << 32U, u_lo | std::uint64_t{u_hi} << 32U});
  }
}

void index_sse2(const char* p, std::size_t words, std::size_t first, ByteIndex& ix) {
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i zero = _mm_setzero_si128();
  for (std::size_t w = 0; w < words; ++w) {
    WordBits word;
    for (unsigned part = 0; part < 4; ++part) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + w * 64 + part * 16));
      const unsigned shift = part * 16;
      const auto bits = [&](__m128i v) {
        return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(v))) << shift;
      };
      word.newline |= bits(_mm_cmpeq_epi8(c, newline));
      word.space |= bits(_mm_cmpeq_epi8(c, space));
      word.quote |= bits(_mm_cmpeq_epi8(c, quote));
      word.unusual |= bits(_mm_or_si128(c, _mm_cmpeq_epi8(c, zero)));
    }
    put(ix, first + w, word);
  }
}

#endif

void index_words(const char* p, std::size_t words, std::size_t first, ByteIndex& ix,
                 SimdLevel level) {
  switch (level) {
#if defined(__x86_64__)
    case SimdLevel::avx512:
      index_avx512(p, words, first, ix);
      return;
    case SimdLevel::avx2:
      index_avx2(p, words, first, ix);
      return;
    case SimdLevel::sse2:
      index_sse2(p, words, first, ix);
      return;
#endif
    default:
      break;
  }
  index_portable(p, words, first, ix);
}

/// A router line's separators: the spaces outside quoted values, and the quotes.
struct Separators {
  static constexpr std::size_t k_max_spaces = 16;
  static constexpr std::size_t k_max_quotes = 4;
  std::uint32_t space[k_max_spaces + 64];
  std::uint32_t quote[k_max_quotes + 64];
  std::size_t spaces = 0;
  std::size_t quotes = 0;
};

/// Gathers the separators of [from, to) in one walk over the space and quote bits together, and
/// without a branch per bit beyond the walk's own: a space is kept when no quote is open, and
/// every position is written, then counted or not. False when there are more than the arrays
/// hold, which no line in the common layout has.
bool gather_separators(const char* b, const ByteIndex& ix, std::size_t from, std::size_t to,
                       Separators& out) {
  bool open = false;
  for (std::size_t word = from / 64; word * 64 < to; ++word) {
    std::uint64_t bits = ix.space[word] | ix.quote[word];
    if (word == from / 64) {
      bits &= ~std::uint64_t{0} << (from % 64);
    }
    if ((word + 1) * 64 > to) {
      bits &= ~(~std::uint64_t{0} << (to % 64));
    }
    for (; bits != 0; bits &= bits - 1) {
      const auto at =
          static_cast<std::uint32_t>(word * 64) + static_cast<std::uint32_t>(__builtin_ctzll(bits));
      const bool quote = b[at] == '"';
      out.space[out.spaces] = at;
      out.quote[out.quotes] = at;
      out.spaces += static_cast<std::size_t>(!quote && !open);
      out.quotes += static_cast<std::size_t>(quote);
      open = open != quote;
    }
    if (out.spaces > Separators::k_max_spaces || out.quotes > Separators::k_max_quotes) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool common_router_line(std::string_view span, std::size_t start, std::size_t end,
                        const ByteIndex& ix, LogLine& out) {
  const char* const b = span.data();
  // What the parser would check or strip first (length, a CR, NUL or invalid UTF-8) is left to it.
  if (start >= end || end - start > k_max_log_line || b[end - 1] == '\r' ||
      (!ix.plain_ascii && ByteIndex::any(ix.unusual, start, end))) {
    return false;
  }
  // Most lines that are not requests are told apart by their second token, before the gather.
  const std::size_t stamp_end = ByteIndex::next(ix.space, start, end);
  if (!is_digit(b[start]) || stamp_end - start < 10 ||
      !opens_with(b + stamp_end + 1, b + end, "heroku[router]: ")) {
    return false;
  }
  Separators sep;
  if (!gather_separators(b, ix, start, end, sep) || sep.quotes != 4 ||
      (sep.spaces != 12 && sep.spaces != 13)) {
    return false;
  }
  const std::uint32_t* const s = sep.space;
  const std::uint32_t* const q = sep.quote;
  const std::size_t n = sep.spaces;
  const char* const e = b + end;
  const bool layout =
      s[0] == stamp_end && opens_with(b + s[1], e, " at=info method=") &&
      opens_with(b + s[3], e, " path=\"") && q[0] == s[3] + 6 && q[1] + 1 == s[4] &&
      opens_with(b + s[4], e, " host=") && opens_with(b + s[5], e, " request_id=") &&
      opens_with(b + s[6], e, " fwd=\"") && q[2] == s[6] + 5 && q[3] + 1 == s[7] &&
      opens_with(b + s[7], e, " dyno=") && opens_with(b + s[8], e, " connect=") &&
      opens_with(b + s[9], e, " service=") && opens_with(b + s[10], e, " status=") &&
      opens_with(b + s[11], e, " bytes=") && (n == 12 || opens_with(b + s[12], e, " protocol="));
  if (!layout) {
    return false;
  }
  const auto between = [&](std::size_t from, std::size_t to) {
    return std::string_view(b + from, to - from);
  };
  out = LogLine{};
  out.kind = LineKind::router;
  out.timestamp = between(start, s[0]);
  out.source = between(s[0] + 1, s[0] + 7);
  out.dyno = between(s[0] + 8, s[0] + 14);
  out.message = between(s[1] + 1, end);
  out.host = log_fields::router_host(between(s[4] + 6, s[5]));
  out.service_ms = log_fields::service_ms(between(s[9] + 9, s[10]));
  out.status = log_fields::parse_int(between(s[10] + 8, s[11]));
  return true;
}

namespace {

/// The lines of one indexed span; the last may lack its newline.
void scan_indexed(std::string_view span, const ByteIndex& ix, LogFormat format, LogStats& stats) {
  const char* const b = span.data();
  const bool heroku_lines = format != LogFormat::syslog;
  LogLine line;
  const auto one = [&](std::size_t start, std::size_t end) {
    if (start == end) {
      return;
    }
    if (heroku_lines && common_router_line(span, start, end, ix, line)) {
      stats.add_request(line.host, line.status, line.service_ms);
      return;
    }
    const bool clean = ix.plain_ascii || !ByteIndex::any(ix.unusual, start, end);
    if (parse_log_line(std::string_view(b + start, end - start), line, format, clean)) {
      stats.add(line);
    } else {
      stats.add_unparsed();
    }
  };
  std::size_t start = 0;
  const std::size_t words = (span.size() + 63) / 64;
  for (std::size_t w = 0; w < words; ++w) {
    for (std::uint64_t bits = ix.newline[w]; bits != 0; bits &= bits - 1) {
      const std::size_t end = w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
      one(start, end);
      start = end + 1;
    }
  }
  one(start, span.size());
}

}  // namespace

bool simd_level_supported(SimdLevel level) noexcept {
  switch (level) {
    case SimdLevel::portable:
      return true;
#if defined(__x86_64__)
    case SimdLevel::sse2:
      return true;
    case SimdLevel::avx2:
      return __builtin_cpu_supports("avx2") != 0;
    case SimdLevel::avx512:
      return __builtin_cpu_supports("avx512bw") != 0;
#endif
    default:
      return false;
  }
}

SimdLevel best_simd_level() noexcept {
  static const SimdLevel best = [] {
    for (const auto level : {SimdLevel::avx512, SimdLevel::avx2, SimdLevel::sse2}) {
      if (simd_level_supported(level)) {
        return level;
      }
    }
    return SimdLevel::portable;
  }();
  return best;
}

void ByteIndex::build(std::string_view bytes, SimdLevel level) {
  size = std::min(bytes.size(), k_span);
  const std::size_t whole = size / 64;
  index_words(bytes.data(), whole, 0, *this, level);
  if (size % 64 != 0) {
    // The tail goes through the same code from a padded copy; the padding matches nothing.
    char tail[64];
    std::memset(tail, 'x', sizeof tail);
    std::memcpy(tail, bytes.data() + whole * 64, size % 64);
    index_words(tail, 1, whole, *this, level);
  }
  std::uint64_t seen = 0;
  for (std::size_t w = 0; w < (size + 63) / 64; ++w) {
    seen |= unusual[w];
  }
  plain_ascii = seen == 0;
}

void scan_log_lines(std::string_view lines, LogFormat format, LogStats& stats, SimdLevel level) {
  ByteIndex index;
  while (!lines.empty()) {
    std::string_view span = lines.substr(0, ByteIndex::k_span);
    if (span.size() < lines.size()) {
      // Spans end after a newline, so that no line is cut in two.
      const auto last = span.rfind('\n');
      if (last == std::string_view::npos) {
        // No newline in k_span bytes: a line far over the limit. Unparsed, as the parser
        // would say.
        stats.add_unparsed();
        const auto newline = lines.find('\n', span.size());
        lines.remove_prefix(newline == std::string_view::npos ? lines.size() : newline + 1);
        continue;
      }
      span = span.substr(0, last + 1);
    }
    index.build(span, level);
    scan_indexed(span, index, format, stats);
    lines.remove_prefix(span.size());
  }
}

}  // namespace spaceport
