#pragma once

#include <optional>

#include "checks/check.hpp"

namespace spaceport {

/// The source app has a custom maintenance page (MAINTENANCE_PAGE_URL) that answers 2xx, so
/// visitors see it during the cutover; plain http is a warning.
class MaintenancePageCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"maintenance.page", Phase::preflight,
                                    "Custom maintenance page is set and reachable", "source app"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// What the check decides on. The URL itself is a config var value and never appears here.
struct MaintenancePageFacts {
  enum class Url { unset, https, http, not_http };
  Url url = Url::unset;
  std::optional<PageFetch> fetch;  // present when the URL was fetched
  bool error_page_set = false;
};

std::vector<Finding> evaluate_maintenance_page(const Migration& migration,
                                               const MaintenancePageFacts& facts);

}  // namespace spaceport
