#include "checks/maintenance_page_check.hpp"

#include "probes/platform.hpp"
#include "probes/web_probe.hpp"

namespace spaceport {

std::vector<Finding> evaluate_maintenance_page(const Migration& migration,
                                               const MaintenancePageFacts& facts) {
  using Url = MaintenancePageFacts::Url;
  const std::string& app = migration.source.app;
  Finding finding;
  finding.subject = app;
  finding.evidence = {{"maintenance_page_url_set", facts.url != Url::unset},
                      {"error_page_url_set", facts.error_page_set}};
  const std::string advisory =
      facts.error_page_set
          ? ""
          : "; ERROR_PAGE_URL is not set either, so errors show Heroku's generic page: set it too";
  if (facts.url == Url::unset) {
    finding.outcome = Outcome::fail;
    finding.message =
        "MAINTENANCE_PAGE_URL is not set on \"" + app +
        "\": visitors would see Heroku's generic page during the cutover; set it with "
        "`heroku config:set MAINTENANCE_PAGE_URL=https://... -a " +
        app + "`" + advisory;
    return {finding};
  }
  if (facts.url == Url::not_http) {
    finding.outcome = Outcome::fail;
    finding.message = "MAINTENANCE_PAGE_URL on \"" + app +
                      "\" is not an http(s) URL (the value is not shown); point it at a page "
                      "served over https" +
                      advisory;
    return {finding};
  }
  finding.evidence["scheme"] = facts.url == Url::https ? "https" : "http";
  if (!facts.fetch || facts.fetch->status == 0) {
    finding.outcome = Outcome::fail;
    finding.message = "the page at MAINTENANCE_PAGE_URL of \"" + app + "\" could not be fetched: " +
                      (facts.fetch ? facts.fetch->failure : std::string("no answer")) +
                      "; make sure it is publicly reachable" + advisory;
    return {finding};
  }
  finding.evidence["status"] = facts.fetch->status;
  if (facts.fetch->status < 200 || facts.fetch->status > 299) {
    finding.outcome = Outcome::fail;
    finding.message = "the page at MAINTENANCE_PAGE_URL of \"" + app + "\" answered HTTP " +
                      std::to_string(facts.fetch->status) +
                      ", not 2xx; the router would have nothing to show" + advisory;
    return {finding};
  }
  if (facts.url == Url::http || facts.fetch->final_scheme == "http") {
    finding.outcome = Outcome::warn;
    finding.message = "the maintenance page of \"" + app + "\" answers HTTP " +
                      std::to_string(facts.fetch->status) +
                      " but over plain http: browsers on an https site may block it; serve it "
                      "over https" +
                      advisory;
    return {finding};
  }
  finding.outcome = Outcome::pass;
  finding.message = "the maintenance page of \"" + app + "\" answers HTTP " +
                    std::to_string(facts.fetch->status) + " over https" + advisory;
  return {finding};
}

std::vector<Finding> MaintenancePageCheck::run(const CheckContext& context) const {
  const std::string& app = context.migration.source.app;
  const std::string id = app_id(context, context.migration.source, "app.source");
  const auto page = found_or_error(context.platform.config_value(id, "MAINTENANCE_PAGE_URL"),
                                   "source app \"" + app + "\"", "app.source");
  MaintenancePageFacts facts;
  const auto error_page = context.platform.config_value(id, "ERROR_PAGE_URL");
  facts.error_page_set = error_page && !error_page->empty();
  if (page.empty()) {
    return evaluate_maintenance_page(context.migration, facts);
  }
  std::string url = page;
  // Heroku's own examples use protocol-relative URLs ("//bucket.s3.amazonaws.com/page.html");
  // the router serves https, so that is how a visitor's browser loads it.
  if (url.rfind("//", 0) == 0) {
    url = "https:" + url;
  }
  if (url.rfind("https://", 0) == 0) {
    facts.url = MaintenancePageFacts::Url::https;
  } else if (url.rfind("http://", 0) == 0) {
    facts.url = MaintenancePageFacts::Url::http;
  } else {
    facts.url = MaintenancePageFacts::Url::not_http;
    return evaluate_maintenance_page(context.migration, facts);
  }
  facts.fetch = context.web.fetch_page(
      url, "the page in MAINTENANCE_PAGE_URL of " + context.migration.source.app);
  return evaluate_maintenance_page(context.migration, facts);
}

}  // namespace spaceport
