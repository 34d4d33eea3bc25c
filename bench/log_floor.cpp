// The floor under any log scanner on this machine: what it costs to read a file the way
// `spaceport logs scan` does (pread into a 256 KiB buffer, one thread per core, each its own
// part of the file), to find every line in it, and to find the structure a parser of
// `key=value key="quoted value"` lines needs, before a single line is parsed or counted.
//
//   log_floor FILE [THREADS]
//
// Prints the best of five wall-clock times, in seconds, for each pass:
//   read       the reads alone
//   lines      the reads, plus finding every newline (a bitmap per 64 bytes, SSE2) and visiting
//              each line once
//   structure  the reads, plus per 64 bytes the bitmaps of newlines, spaces, quotes and '=',
//              the quoted spans (each line on its own), the token starts and each token's key
//              span up to its '=': the least a reader must know to tell one key from another.
//              AVX-512 BW and carry-less multiplication; "n/a" on a CPU without them.
// bench/logs.sh runs it next to grep, rg and spaceport on the same file.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <thread>
#include <vector>

#include "probes/unique_fd.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace {

constexpr std::size_t k_read_size = 256U << 10U;  // as probes/log_reader.cpp

enum class Pass { read, lines, structure };

/// Lines seen in [p, p + n): 64 bytes at a time into a bitmap of newlines, then line by line off
/// the bitmap, the way the scanner splits lines.
std::uint64_t visit_lines(const char* p, std::size_t n) {
  std::uint64_t seen = 0;
  std::size_t whole = 0;
#if defined(__x86_64__)
  whole = n / 64 * 64;
  const __m128i newline = _mm_set1_epi8('\n');
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < whole; i += 64) {
    std::uint64_t bits = 0;
    for (unsigned part = 0; part < 4; ++part) {
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 16 * part));
      const auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(c, newline)));
      bits |= std::uint64_t{m} << (16 * part);
    }
    for (; bits != 0; bits &= bits - 1) {
      seen += static_cast<std::uint64_t>(p[line_start] != 0);
      line_start = i + static_cast<std::size_t>(__builtin_ctzll(bits)) + 1;
    }
  }
#endif
  return seen + static_cast<std::uint64_t>(std::count(p + whole, p + n, '\n'));
}

#if defined(__x86_64__)
bool structure_supported() {
  return __builtin_cpu_supports("avx512bw") != 0 && __builtin_cpu_supports("pclmul") != 0;
}

/// The structural bitmaps of [p, p + n) (whole 64-byte words), folded into one number.
__attribute__((target("avx512f,avx512bw,pclmul"))) std::uint64_t find_structure(const char* p,
                                                                                std::size_t n) {
  const __m512i newline = _mm512_set1_epi8('\n');
  const __m512i space = _mm512_set1_epi8(' ');
  const __m512i quote = _mm512_set1_epi8('"');
  const __m512i equals = _mm512_set1_epi8('=');
  const __m128i ones = _mm_set1_epi8(-1);
  std::uint64_t quote_carry = 0;  // inside a quote at the end of the last word
  std::uint64_t odd_carry = 0;    // the last word ended in a newline closing an odd line
  std::uint64_t outer_carry = 0;  // the last word ended in a space outside quotes
  unsigned char line_borrow = 0;  // the subtractions' borrows into the next word
  unsigned char key_borrow = 0;
  std::uint64_t folded = 0;
  for (std::size_t i = 0; i + 64 <= n; i += 64) {
    const __m512i c = _mm512_loadu_si512(p + i);
    const std::uint64_t nl = _mm512_cmpeq_epi8_mask(c, newline);
    const std::uint64_t sp = _mm512_cmpeq_epi8_mask(c, space);
    const std::uint64_t qu = _mm512_cmpeq_epi8_mask(c, quote);
    const std::uint64_t eq = _mm512_cmpeq_epi8_mask(c, equals);
    // Quote parity over the whole buffer (a carry-less multiply by all ones is a prefix XOR),
    // then flipped back on every line that follows one with an odd number of quotes, so that
    // each line's quoted spans are its own.
    const std::uint64_t parity = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_clmulepi64_si128(
                                     _mm_cvtsi64_si128(static_cast<long long>(qu)), ones, 0))) ^
                                 quote_carry;
    quote_carry = 0 - (parity >> 63U);
    const std::uint64_t odd_ends = nl & parity;
    const std::uint64_t after_odd = (odd_ends << 1U) | odd_carry;
    odd_carry = odd_ends >> 63U;
    unsigned long long line_diff = 0;
    line_borrow = _subborrow_u64(line_borrow, nl, after_odd, &line_diff);
    const std::uint64_t inside = parity ^ (line_diff ^ nl);
    // Tokens start after spaces outside quotes; a key runs from its start to the first '=' or
    // space (subtracting each start from the stops borrows across exactly that span).
    const std::uint64_t outer = sp & ~inside;
    const std::uint64_t starts = (outer << 1U) | outer_carry;
    outer_carry = outer >> 63U;
    const std::uint64_t stops = eq | outer | nl;
    unsigned long long key_diff = 0;
    key_borrow = _subborrow_u64(key_borrow, stops, starts, &key_diff);
    folded += (key_diff ^ stops) | outer | qu;
  }
  return folded;
}
#else
bool structure_supported() {
  return false;
}

std::uint64_t find_structure(const char*, std::size_t) {
  return 0;
}
#endif

/// Reads [begin, end) of the file and makes `pass` of each buffer. Returns what it saw, so that
/// the work cannot be optimised away; nullopt on a read error.
std::optional<std::uint64_t> read_part(int fd, off_t begin, off_t end, Pass pass) {
  std::vector<char> buffer(k_read_size);
  std::uint64_t seen = 0;
  for (off_t at = begin; at < end;) {
    const auto want = static_cast<std::size_t>(std::min<off_t>(end - at, k_read_size));
    const ssize_t n = pread(fd, buffer.data(), want, at);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return std::nullopt;
    }
    at += n;
    const auto size = static_cast<std::size_t>(n);
    switch (pass) {
      case Pass::read:
        seen += size;
        break;
      case Pass::lines:
        seen += visit_lines(buffer.data(), size);
        break;
      case Pass::structure:
        seen += find_structure(buffer.data(), size);
        break;
    }
  }
  return seen;
}

/// Wall-clock seconds for one pass over the file on `threads` threads, or a negative number on
/// a read error.
double timed_pass(int fd, off_t size, unsigned threads, Pass pass) {
  std::vector<std::optional<std::uint64_t>> seen(threads);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back(
        [&, t] { seen[t] = read_part(fd, size * t / threads, size * (t + 1) / threads, pass); });
  }
  for (auto& w : workers) {
    w.join();
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const bool failed = std::any_of(seen.begin(), seen.end(), [](const auto& s) { return !s; });
  return failed ? -1.0 : took.count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: log_floor FILE [THREADS]\n");
    return 2;
  }
  const spaceport::UniqueFd fd(open(argv[1], O_RDONLY | O_CLOEXEC));
  struct stat info {};
  if (fd.get() < 0 || fstat(fd.get(), &info) != 0) {
    std::fprintf(stderr, "log_floor: cannot read %s: %s\n", argv[1], std::strerror(errno));
    return 1;
  }
  unsigned threads = std::max(1U, std::thread::hardware_concurrency());
  if (argc == 3) {
    threads = static_cast<unsigned>(std::clamp(std::atoi(argv[2]), 1, 16));
  }
  const struct {
    Pass pass;
    const char* name;
  } passes[] = {{Pass::read, "read"}, {Pass::lines, "lines"}, {Pass::structure, "structure"}};
  for (const auto& [pass, name] : passes) {
    if (pass == Pass::structure && !structure_supported()) {
      std::printf("%s n/a\n", name);
      continue;
    }
    double best = std::numeric_limits<double>::infinity();
    for (int run = 0; run < 5; ++run) {
      const double took = timed_pass(fd.get(), info.st_size, threads, pass);
      if (took < 0) {
        std::fprintf(stderr, "log_floor: reading %s failed\n", argv[1]);
        return 1;
      }
      best = std::min(best, took);
    }
    std::printf("%s %.3f\n", name, best);
  }
  return 0;
}
