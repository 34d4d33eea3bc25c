#include "reporters/markdown_text.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace spaceport {
namespace {

/// Text inside a code span as GitHub renders it: characters are literal there, so no entities
/// (they would show as `&lt;`); only the table's pipe is escaped and line breaks become spaces.
void append_code(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
}

constexpr std::string_view k_zero_width_space = "\xE2\x80\x8B";

/// One character of text outside a code span, as Markdown must see it to show it and do
/// nothing else: punctuation that would make a link, an image, emphasis, a heading or an escape
/// is escaped; raw HTML becomes entities; an @mention, a #123 reference and a bare URL (which
/// GitHub would make live) are broken by a zero-width space.
void append_text(std::string& out, std::string_view text, std::size_t i) {
  const char c = text[i];
  const auto next = [&](std::size_t k) { return i + k < text.size() ? text[i + k] : '\0'; };
  switch (c) {
    case '\\':
    case '[':
    case ']':
    case '!':
    case '*':
    case '_':
    case '~':
    case '|':
      out += '\\';
      out += c;
      return;
    case '<':
      out += "&lt;";
      return;
    case '>':
      out += "&gt;";
      return;
    case '&':
      out += "&amp;";
      return;
    case '\n':
      out += "<br>";
      return;
    case '\r':
      return;
    case '@':
      out += c;
      out += k_zero_width_space;
      return;
    case '#':
      out += c;
      if (next(1) >= '0' && next(1) <= '9') {
        out += k_zero_width_space;
      }
      return;
    case ':':
      out += c;
      if (next(1) == '/' && next(2) == '/') {
        out += k_zero_width_space;
      }
      return;
    case '.':
      if (i >= 3 && text.substr(i - 3, 3) == "www") {
        out += k_zero_width_space;
      }
      out += c;
      return;
    default:
      out += c;
  }
}

/// Makes text safe inside a table cell: no pipes, newlines, raw HTML, links or mentions.
/// `code spans` in it stay code spans (and keep their characters literal); a lone backtick is
/// literal text. A backslash outside a span is escaped too, so that "\`" from outside cannot
/// make Markdown see text where this sees a span.
}  // namespace

std::string markdown_cell(const std::string& text) {
  const std::string safe = sanitize_text(text, 2000);
  std::string out;
  std::size_t i = 0;
  while (i < safe.size()) {
    const char c = safe[i];
    if (c == '`') {
      const auto close = safe.find('`', i + 1);
      if (close != std::string::npos) {
        out += '`';
        append_code(out, std::string_view(safe).substr(i + 1, close - i - 1));
        out += '`';
        i = close + 1;
        continue;
      }
      out += "\\`";
    } else {
      append_text(out, safe, i);
    }
    ++i;
  }
  return out;
}

/// A code span holding `text` literally, whatever backticks it contains: its fence is one
/// backtick longer than the longest run of them in the text (CommonMark's rule).
std::string markdown_code(const std::string& text) {
  const std::string safe = sanitize_text(text, 2000);
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : safe) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const std::string pad = longest > 0 ? " " : "";
  std::string out = fence + pad;
  append_code(out, safe);
  out += pad + fence;
  return out;
}

}  // namespace spaceport
