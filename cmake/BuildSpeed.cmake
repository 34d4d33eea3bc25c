# What makes the builds fast enough to run the whole suite often (README, "Tests"): 139 of the
# 178 translation units include nlohmann/json (1.5 s of parsing each) and 64 include GoogleTest
# (1 s each), so the targets that hold most of them parse these once, in a precompiled header.
# ccache caches the precompiled header too (scripts/test sets the sloppiness it needs).
option(SPACEPORT_PCH "Precompile the heavy third-party headers" ON)
# scripts/lint turns this off: clang-tidy reads each file by itself, which also catches a file
# that compiles only because another in its unity batch included what it needs.
option(SPACEPORT_UNITY "Compile several files as one translation unit" ON)

# spaceport_unity(target...): compiled eight files to a translation unit, so the headers and the
# templates they share are compiled once for eight (the tests: 290 s of CPU to 60 s). So that no
# two files' helpers meet in a batch, each test file keeps its own in a namespace named after the
# file (check_e2e_test::), and production code keeps file-local names distinct.
function(spaceport_unity)
  if(NOT SPACEPORT_UNITY)
    return()
  endif()
  set_target_properties(${ARGN} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
endfunction()

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
