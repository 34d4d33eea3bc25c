#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.hpp"

namespace spaceport {

/// Every check this build implements, in catalogue order (phase, then the order of
/// the README's "Checks"). Built once; duplicate ids abort start-up.
const std::vector<std::unique_ptr<const Check>>& registered_checks();

const Check* find_check(std::string_view id);

/// One check to run on one migration, reported under `phase`.
struct Job {
  const Check* check;
  Phase phase;
  const Migration* migration;
};

/// The jobs of a run, migration by migration, each in catalogue order: the checks of `phases`
/// (one in two phases runs once, reported under the first phase asked for), only those in
/// `only` when it is not empty, none in `skip`.
std::vector<Job> select_checks(const std::vector<Phase>& phases,
                               const std::vector<std::string>& only,
                               const std::vector<std::string>& skip,
                               const std::vector<Migration>& migrations);

}  // namespace spaceport
