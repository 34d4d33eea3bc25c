#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spaceport {

/// Where a value starts in its file, 1-based, for messages a person can jump to.
struct Location {
  int line = 1;
  int column = 1;
};

/// A JSON value that remembers where it was written, so that the plan loader can say
/// "plan.json:12:7" about a wrong type or an unknown key. nlohmann::json keeps no positions.
struct LocatedValue {
  enum class Kind { null, boolean, number, string, array, object };
  struct Member;

  Kind kind = Kind::null;
  Location where;
  bool boolean = false;
  std::string text;  // the string's value, or a number's literal text
  std::vector<LocatedValue> items;
  std::vector<Member> members;
};

struct LocatedValue::Member {
  std::string key;
  Location where;
  LocatedValue value;
};

std::string_view kind_name(LocatedValue::Kind kind) noexcept;

class JsonSyntaxError : public std::runtime_error {
 public:
  JsonSyntaxError(Location where, const std::string& message)
      : std::runtime_error(message), m_where(where) {}
  Location where() const noexcept { return m_where; }

 private:
  Location m_where;
};

/// Parses JSON that may contain // and /* */ comments (plan files are edited by hand).
/// Duplicate keys are an error: the second would silently win otherwise.
LocatedValue parse_located_json(std::string_view text);

}  // namespace spaceport
