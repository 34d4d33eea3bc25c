#pragma once

// What every fuzz target shares. A target's property is stronger than "does not crash": each
// says which exceptions are a clear refusal of bad input; any other escaping exception, any
// sanitizer report and any broken invariant is a finding (abort).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace spaceport::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void finding(const char* what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what);
  std::abort();
}

inline void require(bool condition, const char* what) {
  if (!condition) {
    finding(what);
  }
}

}  // namespace spaceport::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
