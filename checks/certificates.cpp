#include "checks/certificates.hpp"

namespace spaceport {

bool certificate_covers(const std::string& certificate_name, const std::string& hostname) {
  if (certificate_name == hostname) {
    return true;
  }
  if (certificate_name.rfind("*.", 0) != 0) {
    return false;
  }
  // A wildcard covers exactly one label.
  const auto dot = hostname.find('.');
  return dot != std::string::npos && dot > 0 && hostname.substr(dot) == certificate_name.substr(1);
}

}  // namespace spaceport
