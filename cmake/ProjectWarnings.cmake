# Linked PRIVATE by all project code, never by third-party code.
add_library(project_warnings INTERFACE)
target_compile_options(project_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
option(SPACEPORT_WERROR "Treat warnings as errors" OFF)
if(SPACEPORT_WERROR)
  target_compile_options(project_warnings INTERFACE -Werror)
endif()
