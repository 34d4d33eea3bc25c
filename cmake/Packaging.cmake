# `cpack -G DEB` (from the build directory) makes spaceport_VERSION_ARCH.deb: the binary, the man
# page, the completions and the plan schema (runner/CMakeLists.txt's install rules), the copyright
# and the changelog where Debian puts them, and dependencies computed by dpkg-shlibdeps from what
# the binary links. scripts/test-package checks it with lintian, installs it into a fresh Debian
# 12 root and runs it there. Maintainer, homepage and licence come from CMakeLists.txt.
set(doc ${CMAKE_BINARY_DIR}/packaging)
configure_file(${PROJECT_SOURCE_DIR}/packaging/copyright.in ${doc}/copyright @ONLY)
# Debian wants the changelog and the man page compressed, without a timestamp (-n) so that the
# package is the same whenever it is built.
add_custom_command(OUTPUT ${doc}/changelog.gz
  COMMAND ${CMAKE_COMMAND} -DIN=${PROJECT_SOURCE_DIR}/CHANGELOG.md -DOUT=${doc}/changelog
    "-DMAINTAINER=${SPACEPORT_MAINTAINER}" -P ${PROJECT_SOURCE_DIR}/cmake/DebianChangelog.cmake
  COMMAND gzip -9nf ${doc}/changelog
  DEPENDS ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_SOURCE_DIR}/cmake/DebianChangelog.cmake
  COMMENT "Writing the Debian changelog from CHANGELOG.md"
  VERBATIM)
add_custom_target(spaceport-package-docs ALL DEPENDS ${doc}/changelog.gz)
include(GNUInstallDirs)
install(FILES ${doc}/copyright ${doc}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME spaceport)
set(CPACK_PACKAGE_VENDOR spaceport)
set(CPACK_PACKAGE_CONTACT "${SPACEPORT_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SPACEPORT_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${SPACEPORT_HOMEPAGE}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
  "spaceport checks a Heroku migration plan phase by phase (Platform API, DNS,
TLS, logs), writes console, JSON, JUnit, Markdown and CI reports and evidence
bundles, watches the new app, and destroys the old app only when nothing it
owns is still needed.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
