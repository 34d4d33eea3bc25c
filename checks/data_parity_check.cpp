#include "checks/data_parity_check.hpp"

#include <cmath>
#include <cstdlib>
#include <set>

namespace spaceport {
namespace {

nlohmann::json side_evidence(const TableSide& side) {
  return {{"rows", side.contents.rows},
          {"method", side.contents.exact ? "count" : "estimate"},
          {"primary_key", side.table.primary_key},
          {"key_checksum", side.contents.key_checksum ? nlohmann::json(*side.contents.key_checksum)
                                                      : nlohmann::json(nullptr)}};
}

}  // namespace

std::vector<Finding> evaluate_data_parity(const std::map<std::string, TableSide>& source,
                                          const std::map<std::string, TableSide>& target) {
  std::set<std::string> names;
  for (const auto* side : {&source, &target}) {
    for (const auto& [name, table] : *side) {
      names.insert(name);
    }
  }
  std::vector<Finding> findings;
  for (const auto& name : names) {
    Finding f;
    f.subject = name;
    const auto s = source.find(name);
    const auto t = target.find(name);
    if (t == target.end()) {
      f.outcome = Outcome::fail;
      f.message = "table " + name + " is on the source but missing on the target";
      f.evidence = {{"source", side_evidence(s->second)}, {"target", nullptr}};
    } else if (s == source.end()) {
      f.outcome = Outcome::fail;
      f.message = "table " + name +
                  " is on the target only (an extra table: a leftover or a "
                  "migration run against the wrong database?)";
      f.evidence = {{"source", nullptr}, {"target", side_evidence(t->second)}};
    } else {
      const TableContents& a = s->second.contents;
      const TableContents& b = t->second.contents;
      f.evidence = {{"source", side_evidence(s->second)}, {"target", side_evidence(t->second)}};
      if (!a.exact || !b.exact) {
        const double larger = static_cast<double>(std::max(a.rows, b.rows));
        const bool close = larger == 0 || std::abs(static_cast<double>(a.rows - b.rows)) / larger <=
                                              k_estimate_tolerance;
        f.outcome = close ? Outcome::pass : Outcome::warn;
        f.message = "table " + name + ": about " + std::to_string(a.rows) +
                    " rows on the source, " + std::to_string(b.rows) +
                    " on the target (planner estimates: the table is over "
                    "checksum_row_limit" +
                    (close ? ")" : "; run ANALYZE on both or raise the limit to count exactly)");
      } else if (a.rows != b.rows) {
        f.outcome = Outcome::fail;
        f.message = "table " + name + ": " + std::to_string(a.rows) + " rows on the source, " +
                    std::to_string(b.rows) + " on the target";
      } else if (a.key_checksum != b.key_checksum) {
        f.outcome = Outcome::fail;
        f.message = "table " + name + ": " + std::to_string(a.rows) +
                    " rows on both, but the primary keys differ (or the keys are not the same "
                    "columns)";
      } else {
        f.outcome = Outcome::pass;
        f.message = "table " + name + ": " + std::to_string(a.rows) + " rows on both" +
                    (a.key_checksum ? ", same primary keys" : " (no primary key to compare)");
      }
    }
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<Finding> DataParityCheck::run(const CheckContext& context) const {
  const Migration& m = context.migration;
  if (!m.data_parity) {
    return {Finding{m.target.app, Outcome::skip,
                    "the plan names no database URLs (\"data_parity\": {\"source_url_env\", "
                    "\"target_url_env\"}), so the data is not compared",
                    nlohmann::json::object()}};
  }
  std::map<std::string, TableSide> sides[2];
  const std::string variables[2] = {m.data_parity->source_url_env, m.data_parity->target_url_env};
  const std::string labels[2] = {"the source database (" + variables[0] + ")",
                                 "the target database (" + variables[1] + ")"};
  for (int i = 0; i < 2; ++i) {
    const auto reader = context.databases.open(variables[i], labels[i]);
    for (const auto& table : reader->tables()) {
      sides[i][table.schema + "." + table.name] =
          TableSide{table, reader->contents(table, m.data_parity->checksum_row_limit)};
    }
  }
  auto findings = evaluate_data_parity(sides[0], sides[1]);
  if (findings.empty()) {
    findings.push_back(Finding{m.target.app, Outcome::pass, "neither database has any table",
                               nlohmann::json::object()});
  }
  return findings;
}

}  // namespace spaceport
