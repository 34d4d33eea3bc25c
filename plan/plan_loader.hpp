#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan.hpp"

namespace spaceport {

/// Reads and strictly validates a plan file. Any mistake throws ConfigError with
/// "FILE:LINE:COLUMN: message" and a hint; unknown keys are errors because a typo must not
/// silently disable a check.
Plan load_plan(const std::string& path);
/// The largest plan file read: a plan of 10,000 migrations is about 2 MiB.
inline constexpr std::size_t k_max_plan_bytes = std::size_t{16} << 20U;

/// Keeps only the migrations `names` asks for (all when empty), in plan order. A name the plan
/// does not have is a ConfigError naming the nearest one.
void keep_migrations(Plan& plan, const std::vector<std::string>& names);

/// The shard (0-based) of `count` a migration belongs to: rendezvous hashing of its name, so that
/// adding or removing a migration moves no other, and changing the count moves few.
int shard_of(std::string_view migration, int count);

/// Keeps only the migrations of shard `index` (1-based) of `count`.
void keep_shard(Plan& plan, int index, int count);

/// The same, for text already read (path is used in messages only).
Plan parse_plan(std::string_view text, const std::string& path);

/// Every kind of object a plan holds and the keys the loader accepts in it; any other key is
/// refused. docs/plan.schema.json describes exactly these, under "definitions" by the same
/// names, and the plan's two forms: "plan" (a list of "migrations") and "single" (one migration
/// at the top level). tests/unit/plan/plan_schema_test.cpp holds the two to each other.
const std::map<std::string, std::vector<std::string>>& plan_object_keys();

}  // namespace spaceport
