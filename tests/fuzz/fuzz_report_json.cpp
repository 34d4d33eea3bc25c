// Shard reports read back by `report merge`: any JSON. A report that is not one is refused with
// std::runtime_error naming the field; nothing else may escape.
#include <stdexcept>

#include "reporters/json_reader.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spaceport;
  const auto document = nlohmann::json::parse(spaceport::fuzz::as_text(data, size), nullptr, false);
  if (document.is_discarded()) {
    return 0;
  }
  try {
    const Report report = report_from_json(document);
    (void)report.summary();
  } catch (const std::runtime_error&) {
  }
  return 0;
}
