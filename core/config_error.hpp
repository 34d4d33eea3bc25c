#pragma once

#include <stdexcept>
#include <string>

namespace spaceport {

/// Nothing can be checked: a usage, plan or configuration mistake (exit code 2). The message
/// says what is wrong, where, and what to do.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace spaceport
