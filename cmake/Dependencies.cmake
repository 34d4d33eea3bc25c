# Every dependency is a Debian 12 package; scripts/setup installs them.
find_package(CURL 7.88 REQUIRED COMPONENTS HTTP HTTPS)               # CURL::libcurl
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS program_options)  # Boost::program_options
find_package(pugixml 1.13 CONFIG REQUIRED)                           # pugixml::pugixml
find_package(nlohmann_json 3.11 CONFIG REQUIRED)                     # nlohmann_json::nlohmann_json
find_package(OpenSSL 3.0 REQUIRED)                                   # OpenSSL::Crypto (SHA-256)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

# c-ares ships no CMake config on Debian 12; its pkg-config file does the job.
find_package(c-ares 1.18 CONFIG QUIET)
if(NOT TARGET c-ares::cares)
  pkg_check_modules(libcares REQUIRED IMPORTED_TARGET GLOBAL libcares>=1.18)
  add_library(c-ares::cares ALIAS PkgConfig::libcares)
endif()

# libpq (libpq-dev) for data.parity; PostgreSQL 15 from Debian is the test server.
pkg_check_modules(libpq REQUIRED IMPORTED_TARGET GLOBAL libpq>=15)



