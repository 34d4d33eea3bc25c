# What makes the builds fast enough to run the whole suite often (README, "Tests"): 139 of the
# 178 translation units include nlohmann/json (1.5 s of parsing each) and 64 include GoogleTest
# (1 s each), so the targets that hold most of them parse these once, in a precompiled header.
# ccache caches the precompiled header too (scripts/test sets the sloppiness it needs).
option(SPACEPORT_PCH "Precompile the heavy third-party headers" ON)

# spaceport_precompile(target [GTEST]): the standard and JSON headers, GoogleTest's with GTEST.
function(spaceport_precompile target)
  if(NOT SPACEPORT_PCH)
    return()
  endif()
  cmake_parse_arguments(PARSE_ARGV 1 pch "GTEST" "" "")
  set(headers <chrono> <functional> <map> <memory> <optional> <string> <string_view> <vector>
    <nlohmann/json.hpp>)
  if(pch_GTEST)
    list(APPEND headers <gtest/gtest.h>)
  endif()
  target_precompile_headers(${target} PRIVATE ${headers})
  # clang stamps the build time into a precompiled header, which would make every compile that
  # uses it a ccache miss.
  target_compile_options(${target} PRIVATE
    "$<$<CXX_COMPILER_ID:Clang>:SHELL:-Xclang -fno-pch-timestamp>")
endfunction()
