#include "core/log_line.hpp"

#include <cstring>

#include "core/log_fields.hpp"
#include "core/text.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace spaceport {
namespace {

using log_fields::is_digit;
using log_fields::parse_int;
using log_fields::router_host;
using log_fields::service_ms;

/// The first byte in [p, end) equal to a or b, or end. Sixteen bytes at a time where SSE2 is
/// there (every x86-64): router lines are long and this is their hot loop.
inline const char* find_either(const char* p, const char* end, char a, char b) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  while (end - p >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const int mask =
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, va), _mm_cmpeq_epi8(chunk, vb)));
    if (mask != 0) {
      return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
    p += 16;
  }
#endif
  while (p < end && *p != a && *p != b) {
    ++p;
  }
  return p;
}

/// The next space-separated token of `rest`, advancing `rest` past it and one space. Searched
/// inline: tokens are short, and a call to memchr per token cost more than the search.
std::string_view next_token(std::string_view& rest) {
  const char* const end = rest.data() + rest.size();
  const char* const space = find_either(rest.data(), end, ' ', ' ');
  const std::string_view token(rest.data(), static_cast<std::size_t>(space - rest.data()));
  rest = space == end ? std::string_view()
                      : std::string_view(space + 1, static_cast<std::size_t>(end - space - 1));
  return token;
}

/// "Error R14 (...", "R10 (...", "L11 (...", "Error L12: ..." at the start of a message: the code.
std::string_view leading_code(std::string_view message) {
  if (message.size() >= 6 && std::memcmp(message.data(), "Error ", 6) == 0) {
    message.remove_prefix(6);
  }
  if (message.size() < 4 || (message[0] != 'H' && message[0] != 'R' && message[0] != 'L') ||
      !is_digit(message[1]) || !is_digit(message[2])) {
    return {};
  }
  std::size_t length = 3;
  if (is_digit(message[3])) {
    ++length;  // the undocumented R151
  }
  if (length >= message.size() ||
      (message[length] != ' ' && message[length] != '(' && message[length] != ':')) {
    return {};
  }
  return message.substr(0, length);
}

/// One `key=value` token of a router line: the fields spaceport reads are stored; `p` points at
/// the key. Returns where the token ends (for a quoted value, after its closing quote, so that
/// spaces inside quotes are not taken for token boundaries).
const char* router_field(const char* p, const char* end, LogLine& out) {
  const char* const key = p;
  const char* const eq = find_either(p, end, '=', ' ');
  if (eq >= end || *eq == ' ') {
    return eq;  // a bare word, like the "error" of the prefix-less H31 fragment
  }
  const std::size_t key_length = static_cast<std::size_t>(eq - key);
  const char* value = eq + 1;
  const char* value_end = nullptr;
  const char* next = nullptr;
  if (value < end && *value == '"') {
    ++value;
    const void* close = std::memchr(value, '"', static_cast<std::size_t>(end - value));
    value_end = close == nullptr ? end : static_cast<const char*>(close);
    next = value_end == end ? end : value_end + 1;
  } else {
    value_end = find_either(value, end, ' ', ' ');
    next = value_end;
  }
  const std::string_view v(value, static_cast<std::size_t>(value_end - value));
  switch (key_length) {
    case 4:
      if (std::memcmp(key, "code", 4) == 0) {
        out.code = v;
      } else if (std::memcmp(key, "host", 4) == 0) {
        out.host = router_host(v);
      }
      break;
    case 6:
      if (std::memcmp(key, "status", 6) == 0) {
        out.status = parse_int(v);
      }
      break;
    case 7:
      if (std::memcmp(key, "service", 7) == 0) {
        out.service_ms = service_ms(v);
      }
      break;
    default:
      break;
  }
  return next;
}

/// Whether a token starting at p can be one of the fields spaceport reads (code, host, service,
/// status): a cheap filter so that most tokens are passed over without being parsed.
inline bool wanted_field(const char* p, const char* end) {
  if (end - p < 5) {
    return false;
  }
  switch (*p) {
    case 'c':
      return p[1] == 'o' && p[2] == 'd';
    case 'h':
      return p[1] == 'o' && p[2] == 's';
    case 's':
      return p[1] == 'e' || p[1] == 't';
    default:
      return false;
  }
}

/// Whether the token at p opens a quoted value (key="...), whose spaces are not separators.
inline const char* quoted_value(const char* p, const char* end) {
  const char* eq = find_either(p, end, '=', ' ');
  return eq + 1 < end && *eq == '=' && eq[1] == '"' ? eq + 1 : nullptr;
}

/// Router fields from `key=value key="quoted value" ...`. The line is walked sixteen bytes at a
/// time for spaces; only tokens that may be wanted fields, or that open a quoted value, are
/// looked at.
void parse_router_fields(std::string_view message, LogLine& out) {
  const char* const begin = message.data();
  const char* const end = begin + message.size();
  const char* resume = begin;  // spaces before this are inside a quoted value already passed
  const auto token = [&](const char* p) {
    if (p < resume || p >= end) {
      return;
    }
    if (wanted_field(p, end)) {
      resume = router_field(p, end, out);
    } else if (const char* quote = quoted_value(p, end); quote != nullptr) {
      const void* close = std::memchr(quote + 1, '"', static_cast<std::size_t>(end - quote - 1));
      resume = close == nullptr ? end : static_cast<const char*>(close) + 1;
    }
  };
  token(begin);
  const char* p = begin;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  while (end - p >= 16) {
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), space)));
    while (mask != 0) {
      token(p + __builtin_ctz(mask) + 1);
      mask &= mask - 1;
    }
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    if (*p == ' ') {
      token(p + 1);
    }
  }
}

/// The pre-2012 router shape: "Error H12 (Request timeout) -> GET host/path dyno=web.1 ...".
void parse_old_router_line(std::string_view message, LogLine& out) {
  out.code = leading_code(message);
  const auto arrow = message.find("-> ");
  if (arrow == std::string_view::npos) {
    return;
  }
  std::string_view rest = message.substr(arrow + 3);
  next_token(rest);  // the method
  const std::string_view target = next_token(rest);
  out.host = target.substr(0, target.find('/'));
  parse_router_fields(rest, out);
}

void classify(LogLine& out) {
  if (out.source == "heroku" && out.dyno == "router") {
    out.kind = LineKind::router;
    if (out.message.size() >= 6 && std::memcmp(out.message.data(), "Error ", 6) == 0) {
      parse_old_router_line(out.message, out);
    } else {
      parse_router_fields(out.message, out);
    }
    return;
  }
  if (out.source == "heroku") {
    out.kind = LineKind::system;
    out.code = leading_code(out.message);
    return;
  }
  out.kind = LineKind::app;
  if (out.dyno == "log-shuttle") {  // L12 and L13 come from the dyno's log shipper
    out.code = leading_code(out.message);
  }
}

/// "source[dyno]" (optionally with the colon): splits it, or returns false.
bool split_source(std::string_view token, LogLine& out) {
  if (!token.empty() && token.back() == ':') {
    token.remove_suffix(1);
  }
  const auto open = token.find('[');
  if (open == std::string_view::npos || open == 0 || token.back() != ']') {
    return false;
  }
  out.source = token.substr(0, open);
  out.dyno = token.substr(open + 1, token.size() - open - 2);
  return !out.dyno.empty();
}

/// After the HOSTNAME of RFC 5424 (or a drain token): "APP PROCID MSGID [SD] MSG". Heroku's
/// router lines carry a bare "-" for MSGID and no structured data, Logplex's "- -".
bool parse_syslog_tail(std::string_view rest, LogLine& out) {
  out.source = next_token(rest);
  out.dyno = next_token(rest);
  const std::string_view message_id = next_token(rest);
  if (out.source.empty() || out.dyno.empty() || message_id.empty()) {
    return false;
  }
  if (rest.size() >= 2 && rest[0] == '-' && rest[1] == ' ') {
    rest.remove_prefix(2);
  } else if (rest == "-") {
    rest = {};
  } else if (!rest.empty() && rest[0] == '[') {
    const auto close = rest.find("] ");
    rest = close == std::string_view::npos ? std::string_view() : rest.substr(close + 2);
  }
  out.message = rest;
  return true;
}

bool parse_syslog(std::string_view line, LogLine& out) {
  // <PRI>VERSION TIMESTAMP HOSTNAME APP PROCID MSGID ...
  const auto close = line.find('>');
  if (close == std::string_view::npos || close < 2 || close > 4) {
    return false;
  }
  for (std::size_t i = 1; i < close; ++i) {
    if (!is_digit(line[i])) {
      return false;
    }
  }
  std::string_view rest = line.substr(close + 1);
  const std::string_view version = next_token(rest);
  if (version.empty() || !is_digit(version[0])) {
    return false;
  }
  out.timestamp = next_token(rest);
  next_token(rest);  // HOSTNAME ("host" from Logplex)
  return !out.timestamp.empty() && parse_syslog_tail(rest, out);
}

bool parse_heroku(std::string_view line, LogLine& out) {
  std::string_view rest = line;
  out.timestamp = next_token(rest);
  if (out.timestamp.size() < 10 || !is_digit(out.timestamp[0])) {
    return false;
  }
  const std::string_view token = next_token(rest);
  if (token.size() > 2 && token[0] == 'd' && token[1] == '.') {
    // A drain token: "app[web.1] message" (no colon), or Logplex's "heroku logplex - - ...".
    const auto space = rest.find(' ');
    if (split_source(rest.substr(0, space), out)) {
      out.message = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      return true;
    }
    return parse_syslog_tail(rest, out);
  }
  if (token.empty() || token.back() != ':' || !split_source(token, out)) {
    return false;
  }
  out.message = rest;
  return true;
}

/// A router message without any prefix, as the H31 sample is printed.
bool parse_fragment(std::string_view line, LogLine& out) {
  static constexpr std::string_view k_starts[] = {
      "at=", "sock=", "error code=", "warning code=", "info code="};
  for (const auto start : k_starts) {
    if (line.substr(0, start.size()) == start) {
      out.source = "heroku";
      out.dyno = "router";
      out.message = line;
      return true;
    }
  }
  return false;
}

}  // namespace

bool is_plain_ascii(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();
#if defined(__SSE2__)
  __m128i high = _mm_setzero_si128();
  __m128i zero = _mm_setzero_si128();
  const __m128i nul = _mm_setzero_si128();
  while (end - p >= 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    high = _mm_or_si128(high, chunk);
    zero = _mm_or_si128(zero, _mm_cmpeq_epi8(chunk, nul));
    p += 16;
  }
  if (_mm_movemask_epi8(high) != 0 || _mm_movemask_epi8(zero) != 0) {
    return false;
  }
#endif
  for (; p < end; ++p) {
    const auto b = static_cast<unsigned char>(*p);
    if (b == 0 || b >= 0x80) {
      return false;
    }
  }
  return true;
}

bool is_clean_text(std::string_view text) {
  return !first_unclean_byte(text);
}

bool parse_log_line(std::string_view line, LogLine& out, LogFormat format, bool known_clean) {
  out = LogLine{};
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  if (line.empty() || line.size() > k_max_log_line || (!known_clean && !is_clean_text(line))) {
    return false;
  }
  bool parsed = false;
  if (line[0] == '<') {
    parsed = format != LogFormat::heroku && parse_syslog(line, out);
  } else if (format != LogFormat::syslog) {
    parsed = is_digit(line[0]) ? parse_heroku(line, out) : parse_fragment(line, out);
  }
  if (!parsed) {
    out = LogLine{};
    return false;
  }
  classify(out);
  return true;
}

std::optional<std::int64_t> parse_log_timestamp(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':' || t[16] != ':') {
    return std::nullopt;
  }
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!is_digit(t[i])) {
        return -1;
      }
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const int year = number(0, 4);
  const int month = number(5, 2);
  const int day = number(8, 2);
  const int hour = number(11, 2);
  const int minute = number(14, 2);
  const int second = number(17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  std::int64_t micros = 0;
  if (at < t.size() && t[at] == '.') {
    ++at;
    std::int64_t scale = 100'000;
    while (at < t.size() && is_digit(t[at])) {
      micros += (t[at] - '0') * scale;
      scale /= 10;
      ++at;
    }
  }
  std::int64_t offset_seconds = 0;
  if (at < t.size() && (t[at] == 'Z' || t[at] == 'z')) {
    ++at;
  } else if (at + 6 == t.size() && (t[at] == '+' || t[at] == '-') && t[at + 3] == ':') {
    const int oh = number(at + 1, 2);
    const int om = number(at + 4, 2);
    if (oh < 0 || om < 0) {
      return std::nullopt;
    }
    offset_seconds = (t[at] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != t.size()) {
    return std::nullopt;
  }
  // Days from the civil date (Howard Hinnant's algorithm).
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = y / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return seconds * 1'000'000 + micros;
}

}  // namespace spaceport
