#pragma once

#include <string>

namespace spaceport {

/// Whether a certificate name ("www.x.com", "*.x.com") covers a hostname: a wildcard covers
/// exactly one label.
bool certificate_covers(const std::string& certificate_name, const std::string& hostname);

}  // namespace spaceport
