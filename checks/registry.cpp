#include "checks/registry.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include "checks/addons_availability_check.hpp"
#include "checks/addons_reprovisioned_check.hpp"
#include "checks/app_source_check.hpp"
#include "checks/app_target_check.hpp"
#include "checks/config_parity_check.hpp"
#include "checks/data_follower_check.hpp"
#include "checks/data_parity_check.hpp"
#include "checks/data_promoted_check.hpp"
#include "checks/dataclips_reassigned_check.hpp"
#include "checks/decommission_data_addons_check.hpp"
#include "checks/decommission_dataclips_check.hpp"
#include "checks/decommission_dns_check.hpp"
#include "checks/decommission_domains_check.hpp"
#include "checks/decommission_shared_addons_check.hpp"
#include "checks/decommission_traffic_check.hpp"
#include "checks/dns_target_check.hpp"
#include "checks/dns_ttl_check.hpp"
#include "checks/dns_ttl_restored_check.hpp"
#include "checks/domains_moved_check.hpp"
#include "checks/formation_scaled_check.hpp"
#include "checks/formation_sizes_check.hpp"
#include "checks/http_health_check.hpp"
#include "checks/logs_errors_check.hpp"
#include "checks/logs_source_drained_check.hpp"
#include "checks/maintenance_page_check.hpp"
#include "checks/maintenance_target_off_check.hpp"
#include "checks/release_parity_check.hpp"
#include "checks/space_target_check.hpp"
#include "checks/tls_certificate_check.hpp"

namespace spaceport {
namespace {

std::vector<std::unique_ptr<const Check>> build() {
  std::vector<std::unique_ptr<const Check>> checks;
  // preflight
  checks.push_back(std::make_unique<AppSourceCheck>());
  checks.push_back(std::make_unique<AppTargetCheck>());
  checks.push_back(std::make_unique<SpaceTargetCheck>());
  checks.push_back(std::make_unique<MaintenancePageCheck>());
  checks.push_back(std::make_unique<DnsTtlCheck>());
  checks.push_back(std::make_unique<AddonsAvailabilityCheck>());
  checks.push_back(std::make_unique<FormationSizesCheck>());
  checks.push_back(std::make_unique<ConfigParityCheck>());
  checks.push_back(std::make_unique<DataFollowerCheck>());
  // cutover
  checks.push_back(std::make_unique<AddonsReprovisionedCheck>());
  checks.push_back(std::make_unique<DataPromotedCheck>());
  checks.push_back(std::make_unique<DataclipsReassignedCheck>());
  checks.push_back(std::make_unique<DomainsMovedCheck>());
  checks.push_back(std::make_unique<DnsTargetCheck>());
  checks.push_back(std::make_unique<TlsCertificateCheck>());
  checks.push_back(std::make_unique<HttpHealthCheck>());
  checks.push_back(std::make_unique<ReleaseParityCheck>());
  checks.push_back(std::make_unique<MaintenanceTargetOffCheck>());
  checks.push_back(std::make_unique<FormationScaledCheck>());
  checks.push_back(std::make_unique<DataParityCheck>());
  // postflight
  checks.push_back(std::make_unique<LogsErrorsCheck>());
  checks.push_back(std::make_unique<LogsSourceDrainedCheck>());
  checks.push_back(std::make_unique<DnsTtlRestoredCheck>());
  // decommission
  checks.push_back(std::make_unique<DecommissionSharedAddonsCheck>());
  checks.push_back(std::make_unique<DecommissionDataAddonsCheck>());
  checks.push_back(std::make_unique<DecommissionDataclipsCheck>());
  checks.push_back(std::make_unique<DecommissionDomainsCheck>());
  checks.push_back(std::make_unique<DecommissionDnsCheck>());
  checks.push_back(std::make_unique<DecommissionTrafficCheck>());

  std::set<std::string_view> ids;
  for (const auto& check : checks) {
    if (!ids.insert(check->info().id).second) {
      throw std::logic_error("check id registered twice: " + std::string(check->info().id));
    }
  }
  return checks;
}

}  // namespace

const std::vector<std::unique_ptr<const Check>>& registered_checks() {
  static const auto checks = build();
  return checks;
}

const Check* find_check(std::string_view id) {
  for (const auto& check : registered_checks()) {
    if (check->info().id == id) {
      return check.get();
    }
  }
  return nullptr;
}

std::vector<Job> select_checks(const std::vector<Phase>& phases,
                               const std::vector<std::string>& only,
                               const std::vector<std::string>& skip,
                               const std::vector<Migration>& migrations) {
  const auto contains = [](const auto& list, const auto& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  std::vector<std::pair<const Check*, Phase>> checks;
  for (const auto& check : registered_checks()) {
    const auto& info = check->info();
    const std::string id(info.id);
    const bool in_first = contains(phases, info.phase);
    const bool in_also = info.also && contains(phases, *info.also);
    if ((in_first || in_also) && (only.empty() || contains(only, id)) && !contains(skip, id)) {
      checks.emplace_back(check.get(), in_first ? info.phase : *info.also);
    }
  }
  std::vector<Job> jobs;
  for (const auto& migration : migrations) {
    for (const auto& [check, phase] : checks) {
      jobs.push_back(Job{check, phase, &migration});
    }
  }
  return jobs;
}

}  // namespace spaceport
