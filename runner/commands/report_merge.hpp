#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "reporters/report.hpp"
#include "runner/options.hpp"

namespace spaceport {

/// Joins the JSON reports of the shards of one fleet run (`check --shard I/N`) into one report:
/// the results in shard order, the summary, the API use and the exit code recomputed. Every
/// shard of the same plan and count must be there exactly once: a missing, repeated or foreign
/// shard, or a migration in two shards, is a ConfigError naming them.
Report merge_reports(const std::vector<std::pair<std::string, Report>>& shards);

/// `spaceport report merge`: merge_reports over the files, the reports written (and with
/// --evidence a bundle of the merged reports and every shard's), exit as the joined results call
/// for.
int run_merge(const MergeCommand& command, const std::vector<std::string>& args, std::ostream& out,
              std::ostream& err);

}  // namespace spaceport
