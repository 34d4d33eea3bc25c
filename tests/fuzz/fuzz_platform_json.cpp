// Platform API answers (apps, spaces, add-ons, attachments, releases, slugs, buildpacks,
// domains, SNI endpoints, formation, config vars, NAT, plans, region capabilities): any JSON,
// through every reader. A reader refuses with an exception derived from std::exception, which
// Platform turns into an ApiError naming the request; nothing else may escape.
#include <stdexcept>

#include "probes/platform_parse.hpp"
#include "tests/fuzz/fuzz.hpp"

namespace {

template <typename Parse>
void read_with(Parse parse, const nlohmann::json& body) {
  try {
    (void)parse(body);
  } catch (const std::exception&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spaceport;
  const auto body = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
  if (body.is_discarded()) {
    return 0;  // HerokuApi refuses a body that is not JSON before any reader sees it
  }
  read_with(parse_app, body);
  read_with(parse_space, body);
  read_with(parse_nat, body);
  read_with(parse_addons, body);
  read_with(parse_attachments, body);
  read_with(parse_plans, body);
  read_with(parse_capabilities, body);
  read_with(parse_formation, body);
  read_with(parse_domains, body);
  read_with(parse_sni_endpoints, body);
  read_with(parse_releases, body);
  read_with(parse_slug, body);
  read_with(parse_buildpacks, body);
  try {
    const ConfigDigests digests = parse_config(body);
    for (const auto& [key, digest] : digests) {
      fuzz::require(digest.size() == 64, "a config var was kept as something other than a digest");
    }
  } catch (const std::exception&) {
  }
  return 0;
}
