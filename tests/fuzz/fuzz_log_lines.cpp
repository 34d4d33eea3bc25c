// Log lines in every format `logs scan` reads (heroku logs output, syslog drains with RFC 5424
// framing, or either), and the chunk scanner against the line parser: whatever the bytes, the
// scanner, at every vector level this CPU has, adds up exactly what parse_log_line and
// LogStats::add give line by line.
#include <algorithm>

#include "core/log_chunk.hpp"
#include "core/log_line.hpp"
#include "core/log_stats.hpp"
#include "tests/fuzz/fuzz.hpp"

namespace {

using namespace spaceport;

LogStats line_by_line(std::string_view text, LogFormat format) {
  LogStats stats;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto newline = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, newline - start);
    LogLine parsed;
    if (!line.empty() && parse_log_line(line, parsed, format)) {
      fuzz::require(parsed.kind != LineKind::unparsed, "an accepted line has no kind");
      // source and dyno of a prefix-less router fragment are the literals "heroku" and
      // "router"; every other field is read from the line. An empty one may point anywhere.
      for (const auto field : {parsed.timestamp, parsed.message, parsed.code, parsed.host}) {
        fuzz::require(field.empty() || (field.data() >= line.data() &&
                                        field.data() + field.size() <= line.data() + line.size()),
                      "a parsed field points outside its line");
      }
      stats.add(parsed);
    } else if (!line.empty()) {
      stats.add_unparsed();
    }
    start = newline + 1;
  }
  return stats;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  for (const auto format : {LogFormat::auto_detect, LogFormat::heroku, LogFormat::syslog}) {
    const LogStats expected = line_by_line(text, format);
    for (const auto level :
         {SimdLevel::portable, SimdLevel::sse2, SimdLevel::avx2, SimdLevel::avx512}) {
      if (!simd_level_supported(level)) {
        continue;
      }
      LogStats scanned;
      scan_log_lines(text, format, scanned, level);
      fuzz::require(scanned.to_json() == expected.to_json(),
                    "the chunk scanner and the line parser disagree");
    }
  }
  return 0;
}
