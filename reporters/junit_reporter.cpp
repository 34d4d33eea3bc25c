#include "reporters/junit_reporter.hpp"

#include <ctime>
#include <map>
#include <sstream>
#include <utility>

#include <pugixml.hpp>

#include "core/text.hpp"

namespace spaceport {
namespace {

// Long messages make CI views unreadable and some readers cap report size; the full text stays in
// the JSON report.
constexpr std::size_t k_max_attribute_bytes = 1024;
constexpr std::size_t k_max_body_bytes = 16384;

/// The JUnit profile's timestamp: UTC without an offset (the Ant schema forbids one; Jenkins
/// reads it as UTC).
std::string junit_timestamp(std::chrono::system_clock::time_point time) {
  const std::time_t t = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  return buffer;
}

void set_attribute(pugi::xml_node node, const char* name, const std::string& value,
                   std::size_t max_bytes = k_max_attribute_bytes) {
  node.append_attribute(name).set_value(sanitize_text(value, max_bytes).c_str());
}

void set_text(pugi::xml_node node, const std::string& value) {
  node.text().set(sanitize_text(value, k_max_body_bytes).c_str());
}

std::string category_of(const std::string& check_id) {
  return check_id.substr(0, check_id.find('.'));
}

bool is_failure(Outcome outcome, bool strict) {
  return outcome == Outcome::fail || (strict && outcome == Outcome::warn);
}

struct SuiteKey {
  std::size_t migration_order;
  Phase phase;
  bool operator<(const SuiteKey& other) const {
    return std::pair(migration_order, static_cast<int>(phase)) <
           std::pair(other.migration_order, static_cast<int>(other.phase));
  }
};

}  // namespace

std::string format_junit_seconds(std::chrono::milliseconds duration) {
  const long long ms = duration.count() < 0 ? 0 : duration.count();
  std::string fraction = std::to_string(ms % 1000);
  fraction.insert(0, 3 - fraction.size(), '0');
  return std::to_string(ms / 1000) + "." + fraction;
}

namespace {

void write_testcase(pugi::xml_node suite, const Result& r, const std::string& prefix, bool strict) {
  const Finding& f = r.finding;
  auto testcase = suite.append_child("testcase");
  set_attribute(testcase, "name", r.check + "[" + f.subject + "]");
  set_attribute(testcase, "classname", prefix + "." + category_of(r.check));
  set_attribute(testcase, "time", format_junit_seconds(r.duration));
  const std::string outcome(to_string(f.outcome));
  // Child order follows jenkins-junit.xsd's sequence: skipped, error, failure, system-out.
  if (f.outcome == Outcome::skip || f.outcome == Outcome::waived) {
    set_text(testcase.append_child("skipped"), outcome + ": " + f.message);
  } else if (f.outcome == Outcome::error) {
    auto error = testcase.append_child("error");
    set_attribute(error, "type", r.check);
    set_attribute(error, "message", f.message);
    set_text(error, f.message);
  } else if (is_failure(f.outcome, strict)) {
    const std::string text =
        f.outcome == Outcome::warn ? "warn (--strict): " + f.message : f.message;
    auto failure = testcase.append_child("failure");
    set_attribute(failure, "type", r.check);
    set_attribute(failure, "message", text);
    set_text(failure, text);
  }
  std::ostringstream system_out;
  system_out << "outcome: " << outcome << "\nmessage: " << f.message << "\nattempts: " << r.attempts
             << "\nevidence: "
             << f.evidence.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  set_text(testcase.append_child("system-out"), system_out.str());
}

/// What a suite says about the run, so that a reader of the file alone can tell what ran.
void write_properties(pugi::xml_node suite, const Report& report, const std::string& migration,
                      const std::string& phase) {
  auto properties = suite.append_child("properties");
  const std::pair<const char*, std::string> props[] = {
      {"spaceport.version", report.tool_version},
      {"plan.path", report.plan_path},
      {"plan.sha256", report.plan_sha256},
      {"api.url", report.api_url},
      {"migration", migration},
      {"phase", phase},
      {"strict", report.run.strict ? "true" : "false"},
  };
  for (const auto& [name, value] : props) {
    auto property = properties.append_child("property");
    set_attribute(property, "name", name);
    set_attribute(property, "value", value);
  }
}

void write_suite(pugi::xml_node root, const Report& report,
                 const std::vector<const Result*>& results, Phase phase_of_suite, int id,
                 const std::string& hostname) {
  const bool strict = report.run.strict;
  const std::string& migration = results.front()->migration;
  const std::string phase(to_string(phase_of_suite));
  int failures = 0;
  int errors = 0;
  int skipped = 0;
  std::chrono::milliseconds suite_time{0};
  for (const Result* r : results) {
    suite_time += r->duration;
    failures += is_failure(r->finding.outcome, strict) ? 1 : 0;
    errors += r->finding.outcome == Outcome::error ? 1 : 0;
    skipped += r->finding.outcome == Outcome::skip || r->finding.outcome == Outcome::waived;
  }
  auto suite = root.append_child("testsuite");
  set_attribute(suite, "name", migration + "." + phase);
  set_attribute(suite, "tests", std::to_string(results.size()));
  set_attribute(suite, "failures", std::to_string(failures));
  set_attribute(suite, "errors", std::to_string(errors));
  set_attribute(suite, "skipped", std::to_string(skipped));
  set_attribute(suite, "time", format_junit_seconds(suite_time));
  set_attribute(suite, "timestamp", junit_timestamp(report.started_at));
  set_attribute(suite, "hostname", hostname.empty() ? "localhost" : hostname);
  set_attribute(suite, "id", std::to_string(id));
  set_attribute(suite, "package", migration);
  write_properties(suite, report, migration, phase);
  for (const Result* r : results) {
    write_testcase(suite, *r, migration + "." + phase, strict);
  }
  suite.append_child("system-out");
  suite.append_child("system-err");
}

}  // namespace

void write_junit_report(const Report& report, const std::string& hostname, std::ostream& out) {
  std::map<std::string, std::size_t> migration_order;
  std::map<SuiteKey, std::vector<const Result*>> suites;
  for (const auto& result : report.results) {
    const auto [it, inserted] = migration_order.emplace(result.migration, migration_order.size());
    suites[SuiteKey{it->second, result.phase}].push_back(&result);
  }
  const Summary totals = report.summary();

  pugi::xml_document document;
  auto declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";

  auto root = document.append_child("testsuites");
  std::chrono::milliseconds total_time{0};
  for (const auto& result : report.results) {
    total_time += result.duration;
  }
  set_attribute(root, "name", "spaceport");
  set_attribute(root, "tests", std::to_string(totals.total));
  // With --strict a warning fails the run, so it is a failed test: a red job never shows 0.
  set_attribute(root, "failures",
                std::to_string(totals.fail + (report.run.strict ? totals.warn : 0)));
  set_attribute(root, "errors", std::to_string(totals.error));
  set_attribute(root, "time", format_junit_seconds(total_time));
  int suite_id = 0;
  for (const auto& [key, results] : suites) {
    write_suite(root, report, results, key.phase, suite_id++, hostname);
  }
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
}

}  // namespace spaceport
