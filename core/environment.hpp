#pragma once

#include <cstdlib>
#include <functional>

namespace spaceport {

/// Reads one environment variable: nullptr when unset. What reads the environment takes one of
/// these, so that tests can give their own.
using Environment = std::function<const char*(const char*)>;

/// The process's own environment.
inline Environment process_environment() {
  return [](const char* name) { return std::getenv(name); };
}

}  // namespace spaceport
