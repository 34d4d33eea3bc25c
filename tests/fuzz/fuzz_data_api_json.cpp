// Heroku Postgres data API answers (GET /client/v11/databases/{id}): any JSON. The reader
// refuses with an exception derived from std::exception; nothing else may escape.
#include <stdexcept>

#include "probes/platform_parse.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spaceport;
  const auto body = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
  if (body.is_discarded()) {
    return 0;
  }
  try {
    (void)parse_database(body);
  } catch (const std::exception&) {
  }
  return 0;
}
