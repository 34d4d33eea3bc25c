#include "plan/located_json.hpp"

#include <cstdint>

namespace spaceport {
namespace {

// Deep nesting is never a real plan; the limit keeps recursion far from the stack's end.
constexpr int k_max_depth = 64;

class Parser {
 public:
  explicit Parser(std::string_view text) : m_text(text) {}

  LocatedValue parse_document() {
    skip_space();
    LocatedValue value = parse_value(0);
    skip_space();
    if (m_pos < m_text.size()) {
      fail("unexpected text after the end of the JSON document");
    }
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw JsonSyntaxError(here(), message);
  }

  Location here() const { return {m_line, static_cast<int>(m_pos - m_line_start) + 1}; }

  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return m_text[m_pos]; }

  void advance() {
    if (m_text[m_pos] == '\n') {
      ++m_line;
      m_line_start = m_pos + 1;
    }
    ++m_pos;
  }

  void skip_space() {
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        advance();
      } else if (c == '/' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '/') {
        while (!at_end() && peek() != '\n') {
          advance();
        }
      } else if (c == '/' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '*') {
        const Location start = here();
        advance();
        advance();
        while (!(at_end() ||
                 (peek() == '*' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '/'))) {
          advance();
        }
        if (at_end()) {
          throw JsonSyntaxError(start, "comment is not closed with */");
        }
        advance();
        advance();
      } else {
        return;
      }
    }
  }

  LocatedValue parse_value(int depth) {
    if (depth > k_max_depth) {
      fail("nesting is deeper than " + std::to_string(k_max_depth) + " levels");
    }
    if (at_end()) {
      fail("unexpected end of file: a value was expected");
    }
    LocatedValue value;
    value.where = here();
    const char c = peek();
    if (c == '{') {
      value.kind = LocatedValue::Kind::object;
      parse_object(value, depth);
    } else if (c == '[') {
      value.kind = LocatedValue::Kind::array;
      parse_array(value, depth);
    } else if (c == '"') {
      value.kind = LocatedValue::Kind::string;
      value.text = parse_string();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      value.kind = LocatedValue::Kind::number;
      value.text = parse_number();
    } else if (consume_word("true")) {
      value.kind = LocatedValue::Kind::boolean;
      value.boolean = true;
    } else if (consume_word("false")) {
      value.kind = LocatedValue::Kind::boolean;
    } else if (consume_word("null")) {
      value.kind = LocatedValue::Kind::null;
    } else if (c == '\'') {
      fail("strings must use double quotes");
    } else {
      fail(std::string("unexpected character '") + c + "': a value was expected");
    }
    return value;
  }

  bool consume_word(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) != word) {
      return false;
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
      advance();
    }
    return true;
  }

  void parse_object(LocatedValue& object, int depth) {
    advance();  // {
    skip_space();
    if (!at_end() && peek() == '}') {
      advance();
      return;
    }
    while (true) {
      skip_space();
      if (at_end()) {
        fail("unexpected end of file inside an object: '}' is missing");
      }
      if (peek() == '}') {
        fail("trailing comma before '}'");
      }
      if (peek() != '"') {
        fail("object keys must be strings in double quotes");
      }
      LocatedValue::Member member;
      member.where = here();
      member.key = parse_string();
      for (const auto& existing : object.members) {
        if (existing.key == member.key) {
          throw JsonSyntaxError(member.where, "duplicate key \"" + member.key +
                                                  "\" (first written at line " +
                                                  std::to_string(existing.where.line) + ")");
        }
      }
      skip_space();
      if (at_end() || peek() != ':') {
        fail("':' expected after the key \"" + member.key + "\"");
      }
      advance();
      skip_space();
      member.value = parse_value(depth + 1);
      object.members.push_back(std::move(member));
      skip_space();
      if (at_end()) {
        fail("unexpected end of file inside an object: '}' is missing");
      }
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == '}') {
        advance();
        return;
      }
      fail("',' or '}' expected after an object member");
    }
  }

  void parse_array(LocatedValue& array, int depth) {
    advance();  // [
    skip_space();
    if (!at_end() && peek() == ']') {
      advance();
      return;
    }
    while (true) {
      skip_space();
      if (!at_end() && peek() == ']') {
        fail("trailing comma before ']'");
      }
      array.items.push_back(parse_value(depth + 1));
      skip_space();
      if (at_end()) {
        fail("unexpected end of file inside an array: ']' is missing");
      }
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') {
        advance();
        return;
      }
      fail("',' or ']' expected after an array item");
    }
  }

  std::string parse_number() {
    const std::size_t start = m_pos;
    if (peek() == '-') {
      advance();
    }
    if (at_end() || peek() < '0' || peek() > '9') {
      fail("a digit is expected in a number");
    }
    if (peek() == '0') {
      advance();
    } else {
      while (!at_end() && peek() >= '0' && peek() <= '9') {
        advance();
      }
    }
    if (!at_end() && peek() == '.') {
      advance();
      if (at_end() || peek() < '0' || peek() > '9') {
        fail("a digit is expected after the decimal point");
      }
      while (!at_end() && peek() >= '0' && peek() <= '9') {
        advance();
      }
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance();
      if (!at_end() && (peek() == '+' || peek() == '-')) {
        advance();
      }
      if (at_end() || peek() < '0' || peek() > '9') {
        fail("a digit is expected in the exponent");
      }
      while (!at_end() && peek() >= '0' && peek() <= '9') {
        advance();
      }
    }
    return std::string(m_text.substr(start, m_pos - start));
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::uint32_t parse_hex4() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      if (at_end()) {
        fail("unexpected end of file in a \\u escape");
      }
      const char c = peek();
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        fail("\\u must be followed by four hex digits");
      }
      advance();
    }
    return value;
  }

  std::string parse_string() {
    const Location start = here();
    advance();  // opening quote
    std::string out;
    while (true) {
      if (at_end()) {
        throw JsonSyntaxError(start, "string is not closed with '\"'");
      }
      const char c = peek();
      if (c == '"') {
        advance();
        return out;
      }
      if (c == '\n') {
        throw JsonSyntaxError(start, "string is not closed before the end of the line");
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        fail("control character inside a string: write it as an escape");
      }
      if (c != '\\') {
        out += c;
        advance();
        continue;
      }
      advance();
      if (at_end()) {
        throw JsonSyntaxError(start, "string is not closed with '\"'");
      }
      const char escape = peek();
      advance();
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = parse_hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (!consume_word("\\u")) {
              fail("a high surrogate must be followed by a low surrogate");
            }
            const std::uint32_t low = parse_hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
              fail("a high surrogate must be followed by a low surrogate");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("a low surrogate without a high surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail(std::string("unknown escape \\") + escape);
      }
    }
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line_start = 0;
  int m_line = 1;
};

}  // namespace

std::string_view kind_name(LocatedValue::Kind kind) noexcept {
  switch (kind) {
    case LocatedValue::Kind::null:
      return "null";
    case LocatedValue::Kind::boolean:
      return "a boolean";
    case LocatedValue::Kind::number:
      return "a number";
    case LocatedValue::Kind::string:
      return "a string";
    case LocatedValue::Kind::array:
      return "an array";
    case LocatedValue::Kind::object:
      return "an object";
  }
  return "a value";
}

LocatedValue parse_located_json(std::string_view text) {
  return Parser(text).parse_document();
}

}  // namespace spaceport
