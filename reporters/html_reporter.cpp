#include "reporters/html_reporter.hpp"

#include <unordered_map>

#include "core/sha256.hpp"
#include "core/text.hpp"
#include "reporters/html_assets.hpp"

namespace spaceport {
namespace {

using nlohmann::json;

/// Every distinct string once: a fleet's results repeat their checks, phases and migrations.
class StringTable {
 public:
  int add(const std::string& text) {
    const auto [found, added] = m_index.emplace(text, static_cast<int>(m_strings.size()));
    if (added) {
      m_strings.push_back(text);
    }
    return found->second;
  }
  json take() { return std::move(m_strings); }

 private:
  std::unordered_map<std::string, int> m_index;
  json m_strings = json::array();
};

/// "sha256-…" of `text`, as a CSP source names an inline script or style.
std::string csp_hash(std::string_view text) {
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string hex = sha256_hex(text);
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  std::string out = "sha256-";
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const auto byte = [&](std::size_t k) {
      return k < bytes.size() ? static_cast<unsigned>(static_cast<unsigned char>(bytes[k])) : 0U;
    };
    const unsigned n = (byte(i) << 16U) | (byte(i + 1) << 8U) | byte(i + 2);
    out += k_alphabet[(n >> 18U) & 63U];
    out += k_alphabet[(n >> 12U) & 63U];
    out += i + 1 < bytes.size() ? k_alphabet[(n >> 6U) & 63U] : '=';
    out += i + 2 < bytes.size() ? k_alphabet[n & 63U] : '=';
  }
  return out;
}

std::string verdict_word(int exit_code) {
  switch (exit_code) {
    case 0:
      return "passed";
    case 1:
      return "failed";
    case 3:
      return "undecided";
    default:
      return "exit " + std::to_string(exit_code);
  }
}

std::string json_field(const json& object, const char* key) {
  return object.is_object() && object.contains(key) && object[key].is_string()
             ? object[key].get<std::string>()
             : std::string();
}

json meta_of(const Report& report) {
  const Summary s = report.summary();
  std::string phases;
  for (const Phase p : report.run.phases) {
    phases += (phases.empty() ? "" : ", ") + std::string(to_string(p));
  }
  const json& ci = report.run.ci;
  std::string change = json_field(ci, "commit");
  for (const char* key : {"ref", "actor"}) {
    if (!json_field(ci, key).empty()) {
      change += (change.empty() ? "" : ", ") + std::string(key) + " " + json_field(ci, key);
    }
  }
  std::string ci_run = json_field(ci, "system");
  if (!json_field(ci, "url").empty()) {
    ci_run += (ci_run.empty() ? "" : " ") + json_field(ci, "url");
  }
  json waivers = json::array();
  for (const auto& w : report.waivers) {
    waivers.push_back({{"status", w.status},
                       {"migration", sanitize_text(w.migration)},
                       {"check", sanitize_text(w.waiver.check)},
                       {"subject", sanitize_text(w.waiver.subject)},
                       {"reason", sanitize_text(w.waiver.reason)},
                       {"approved_by", sanitize_text(w.waiver.approved_by)},
                       {"expires", sanitize_text(w.waiver.expires)},
                       {"matched", w.matched}});
  }
  const std::string account = json_field(report.run.account, "email").empty()
                                  ? json_field(report.run.account, "id")
                                  : json_field(report.run.account, "email");
  return {{"command", report.run.command},
          {"exit_code", report.run.exit_code},
          {"plan", sanitize_text(report.plan_path)},
          {"plan_sha256", report.plan_sha256},
          {"phases", phases},
          {"account", sanitize_text(account)},
          {"started_at", format_rfc3339(report.started_at)},
          {"finished_at", format_rfc3339(report.finished_at)},
          {"tool", report.tool_version + " (" + report.tool_commit.substr(0, 12) + ")"},
          {"change", sanitize_text(change)},
          {"ci", sanitize_text(ci_run)},
          {"shard", report.run.shard ? std::to_string(report.run.shard->index) + "/" +
                                           std::to_string(report.run.shard->count)
                                     : std::string()},
          {"summary", to_json(s)},
          {"waivers", std::move(waivers)},
          {"api", describe_api_use(report.api_use)}};
}

/// The page's data: the run, a table of strings, and each result as
/// [outcome, phase, check, migration, subject, message, attempts, ms, evidence, request ids]
/// (indexes into the table; evidence -1 when there is none).
json page_data(const Report& report) {
  StringTable strings;
  json results = json::array();
  for (const auto& r : report.results) {
    // Request-Ids repeat across the results that read the same answers: they go into the table
    // too (a fifth of a fleet's page), and the script puts them back into the evidence.
    json evidence = r.finding.evidence.is_object() ? r.finding.evidence : json::object();
    json request_ids = json::array();
    if (evidence.contains("request_ids") && evidence["request_ids"].is_array()) {
      for (const auto& id : evidence["request_ids"]) {
        request_ids.push_back(strings.add(id.is_string() ? id.get<std::string>() : id.dump()));
      }
      evidence.erase("request_ids");
    }
    results.push_back(
        {strings.add(std::string(to_string(r.finding.outcome))),
         strings.add(std::string(to_string(r.phase))), strings.add(sanitize_text(r.check)),
         strings.add(sanitize_text(r.migration)), strings.add(sanitize_text(r.finding.subject)),
         strings.add(sanitize_text(r.finding.message)), r.attempts, r.duration.count(),
         evidence.empty() && request_ids.empty()
             ? -1
             : strings.add(evidence.dump(-1, ' ', true, json::error_handler_t::replace)),
         std::move(request_ids)});
  }
  return {{"meta", meta_of(report)}, {"strings", strings.take()}, {"results", std::move(results)}};
}

/// JSON that can sit inside a <script> element: no "<" (so no "</script>" or "<!--"), no ">"
/// and no "&" outside escapes. They occur only inside JSON strings, where \u escapes mean the
/// same characters.
std::string script_safe(const std::string& json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (const char c : json_text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

void write_html_report(const Report& report, std::ostream& out) {
  const std::string title = "spaceport " + report.run.command + ": " +
                            verdict_word(report.run.exit_code) + " \xE2\x80\x94 " +
                            report.plan_path;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "script-src '"
      << csp_hash(k_report_script) << "'; style-src '" << csp_hash(k_report_styles)
      << "'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"spaceport "
      << markup_text(report.tool_version) << "\">\n<title>" << markup_text(title)
      << "</title>\n<style>" << k_report_styles
      << "</style>\n</head>\n<body>\n<noscript><p>This report shows its results with JavaScript; "
         "the JSON report holds the same.</p></noscript>\n<main id=\"app\"></main>\n"
         "<script type=\"application/json\" id=\"spaceport-data\">"
      << script_safe(page_data(report).dump(-1, ' ', false, json::error_handler_t::replace))
      << "</script>\n<script>" << k_report_script << "</script>\n</body>\n</html>\n";
}

}  // namespace spaceport
