# SPACEPORT_SANITIZE=ON builds everything with AddressSanitizer and UndefinedBehaviorSanitizer;
# any report aborts the process, so a test that triggers one fails.
option(SPACEPORT_SANITIZE "Build with ASan and UBSan" OFF)
if(SPACEPORT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# SPACEPORT_FUZZ=ON (clang) instruments everything for libFuzzer as well: see tests/fuzz.
option(SPACEPORT_FUZZ "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)
if(SPACEPORT_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
