#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

namespace spaceport {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view k_truncated = " [truncated]";

/// Length of the valid UTF-8 sequence starting at bytes[i], or 0 when it is invalid
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char min_second = 0x80;
  unsigned char max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) {
      min_second = 0xA0;
    } else if (lead == 0xED) {
      max_second = 0x9F;
    }
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) {
      min_second = 0x90;
    } else if (lead == 0xF4) {
      max_second = 0x8F;
    }
  } else {
    return 0;
  }
  if (i + length > bytes.size()) {
    return 0;
  }
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) {
    return 0;
  }
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
      return 0;
    }
  }
  return length;
}

/// Length of an ANSI CSI or two-byte escape sequence starting with ESC at bytes[i].
std::size_t ansi_escape_length(std::string_view bytes, std::size_t i) {
  if (i + 1 >= bytes.size()) {
    return 0;
  }
  if (bytes[i + 1] != '[') {
    const auto next = static_cast<unsigned char>(bytes[i + 1]);
    return next >= 0x40 && next <= 0x5F ? 2 : 0;
  }
  for (std::size_t k = i + 2; k < bytes.size(); ++k) {
    const auto c = static_cast<unsigned char>(bytes[k]);
    if (c >= 0x40 && c <= 0x7E) {
      return k - i + 1;
    }
    if (c < 0x20 || c > 0x3F) {
      return 0;
    }
  }
  return 0;
}

/// C1 controls (U+0080-U+009F: a terminal may act on them as on ESC sequences) and the
/// bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069: they make a line read
/// other than it is), as one valid UTF-8 sequence.
bool is_c1_or_bidi_override(std::string_view s) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (s.size() == 2) {
    return b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F;
  }
  return s.size() == 3 && b(0) == 0xE2 &&
         ((b(1) == 0x80 && b(2) >= 0xAA && b(2) <= 0xAE) ||
          (b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9));
}

/// "0085", "202E": the code point of a two- or three-byte UTF-8 sequence, in hex.
std::string code_point_hex(std::string_view s) {
  const auto b = [&](std::size_t k) {
    return static_cast<unsigned>(static_cast<unsigned char>(s[k]));
  };
  const unsigned cp = s.size() == 2
                          ? ((b(0) & 0x1FU) << 6U) | (b(1) & 0x3FU)
                          : ((b(0) & 0x0FU) << 12U) | ((b(1) & 0x3FU) << 6U) | (b(2) & 0x3FU);
  char out[8];
  std::snprintf(out, sizeof out, "%04X", cp);
  return out;
}

void append_hex_escape(std::string& out, unsigned char c) {
  static constexpr std::string_view k_hex = "0123456789ABCDEF";
  out += "\\x";
  out += k_hex[c >> 4];
  out += k_hex[c & 0x0F];
}

}  // namespace

std::string sanitize_text(std::string_view bytes, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(bytes.size(), max_bytes) + k_truncated.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::string piece;
    std::size_t consumed = 1;
    if (c == 0x1B) {
      const std::size_t escape = ansi_escape_length(bytes, i);
      if (escape > 0) {
        i += escape;
        continue;
      }
      append_hex_escape(piece, c);
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      append_hex_escape(piece, c);
    } else if (c == 0x7F) {
      append_hex_escape(piece, c);
    } else if (c < 0x80) {
      piece = static_cast<char>(c);
    } else {
      const std::size_t length = utf8_sequence_length(bytes, i);
      if (length == 0) {
        piece = k_replacement;
      } else {
        piece = bytes.substr(i, length);
        consumed = length;
        // U+FFFE and U+FFFF are not XML characters.
        if (piece == "\xEF\xBF\xBE" || piece == "\xEF\xBF\xBF") {
          piece = k_replacement;
        } else if (is_c1_or_bidi_override(piece)) {
          piece = "\\u" + code_point_hex(piece);
        }
      }
    }
    if (out.size() + piece.size() > max_bytes) {
      out += k_truncated;
      return out;
    }
    out += piece;
    i += consumed;
  }
  return out;
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    // Optimal string alignment distance: a swap of neighbours ("domian") costs one, as typing
    // mistakes do.
    const std::size_t rows = word.size() + 1;
    const std::size_t columns = candidate.size() + 1;
    std::vector<std::size_t> d(rows * columns);
    const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& {
      return d[i * columns + j];
    };
    for (std::size_t i = 0; i < rows; ++i) {
      at(i, 0) = i;
    }
    for (std::size_t j = 0; j < columns; ++j) {
      at(0, j) = j;
    }
    for (std::size_t i = 1; i < rows; ++i) {
      for (std::size_t j = 1; j < columns; ++j) {
        const std::size_t cost = word[i - 1] == candidate[j - 1] ? 0 : 1;
        at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
        if (i > 1 && j > 1 && word[i - 1] == candidate[j - 2] && word[i - 2] == candidate[j - 1]) {
          at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
      }
    }
    const std::size_t distance = at(rows - 1, columns - 1);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // A third of the word may differ: "domian" -> "domains", but "x" suggests nothing.
  if (best && best_distance <= std::max<std::size_t>(1, word.size() / 3)) {
    return best;
  }
  return std::nullopt;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += items[i];
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::optional<std::size_t> first_unclean_byte(std::string_view text) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = begin;
  const auto* const end = p + text.size();
  const auto at = [&] { return static_cast<std::size_t>(p - begin); };
  while (p < end) {
    const unsigned char c = *p;
    if (c == 0) {
      return at();
    }
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t extra = 0;
    std::uint32_t min = 0;
    std::uint32_t code = 0;
    if ((c & 0xE0U) == 0xC0U) {
      extra = 1;
      min = 0x80;
      code = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
      extra = 2;
      min = 0x800;
      code = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
      extra = 3;
      min = 0x10000;
      code = c & 0x07U;
    } else {
      return at();
    }
    if (static_cast<std::size_t>(end - p) <= extra) {
      return at();
    }
    for (std::size_t i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0U) != 0x80U) {
        return at();
      }
      code = (code << 6U) | (p[i] & 0x3FU);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return at();  // overlong, out of range, or a surrogate
    }
    p += extra + 1;
  }
  return std::nullopt;
}

std::string markup_text(std::string_view bytes, std::size_t max_bytes) {
  std::string out;
  for (const char c : sanitize_text(bytes, max_bytes)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace spaceport
