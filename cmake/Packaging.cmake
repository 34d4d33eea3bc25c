# `cpack -G DEB` (from the build directory) makes spaceport_VERSION_amd64.deb: the binary, the man
# page and the completions (runner/CMakeLists.txt's install rules), depending on Debian 12's
# runtime libraries by their package names. scripts/test-package installs it into a fresh
# Debian 12 root and runs it there.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME spaceport)
set(CPACK_PACKAGE_VENDOR spaceport)
set(CPACK_PACKAGE_CONTACT "spaceport maintainers <spaceport@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "audits and verifies the move of Heroku apps into a Private Space")
set(CPACK_PACKAGE_DESCRIPTION
  "spaceport checks a Heroku migration plan phase by phase (Platform API, DNS, TLS, logs), writes
console, JSON, JUnit, Markdown and CI reports and evidence bundles, watches the new app, and
destroys the old app only when nothing it owns is still needed.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libc6, libstdc++6 (>= 12), libgcc-s1, libcurl4 (>= 7.88), libc-ares2 (>= 1.18), libpq5, libssl3, libpugixml1v5, libboost-program-options1.74.0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
include(CPack)
