#include "jobs/identities.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "core/config_error.hpp"
#include "probes/platform.hpp"

namespace spaceport {
namespace {

struct Lookup {
  std::optional<App> app;
  std::string problem;
  long status = 0;
};

/// Each spelling's answer, asked by `concurrency` threads at once: a fleet names thousands of
/// apps, and one at a time they would cost a round trip each.
std::map<std::string, Lookup> look_up(Platform& platform, const std::vector<std::string>& spellings,
                                      int concurrency) {
  std::vector<Lookup> found(spellings.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < spellings.size(); i = next++) {
      try {
        found[i].app = platform.app(spellings[i]);
        if (!found[i].app) {
          found[i].problem = "not found (404)";
          found[i].status = 404;
        }
      } catch (const ApiError& e) {
        found[i].problem = e.what();
        found[i].status = e.status();
      } catch (const std::exception& e) {
        found[i].problem = e.what();
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    const auto count =
        std::min(static_cast<std::size_t>(std::max(concurrency, 1)), spellings.size());
    for (std::size_t w = 0; w < count; ++w) {
      workers.emplace_back(work);
    }
  }
  std::map<std::string, Lookup> out;
  for (std::size_t i = 0; i < spellings.size(); ++i) {
    out.emplace(spellings[i], std::move(found[i]));
  }
  return out;
}

AppIdentity resolve(AppRef& ref, const std::string& migration, const char* role,
                    const std::map<std::string, Lookup>& answers) {
  const Lookup& lookup = answers.at(ref.written);
  AppIdentity identity{migration, role, ref.written, {}, {}, lookup.problem, lookup.status};
  if (lookup.app) {
    ref.id = lookup.app->id;
    ref.app = lookup.app->name;
    identity.id = ref.id;
    identity.name = ref.app;
  }
  return identity;
}

}  // namespace

std::vector<AppIdentity> resolve_apps(Platform& platform, std::vector<Migration>& migrations,
                                      int concurrency) {
  std::vector<std::string> spellings;
  for (const auto& m : migrations) {
    spellings.push_back(m.source.written);
    spellings.push_back(m.target.written);
  }
  std::sort(spellings.begin(), spellings.end());
  spellings.erase(std::unique(spellings.begin(), spellings.end()), spellings.end());
  const auto answers = look_up(platform, spellings, concurrency);

  std::vector<AppIdentity> identities;
  for (auto& m : migrations) {
    identities.push_back(resolve(m.source, m.name, "source", answers));
    identities.push_back(resolve(m.target, m.name, "target", answers));
    if (!m.source.id.empty() && m.source.id == m.target.id) {
      throw ConfigError("migration \"" + m.name + "\": source \"" + m.source.written +
                        "\" and target \"" + m.target.written + "\" are one app (id " +
                        m.source.id + ", \"" + m.source.app +
                        "\"); the target must be the new app in the space");
    }
  }
  return identities;
}

nlohmann::json to_json(const std::vector<AppIdentity>& identities) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : identities) {
    out.push_back(
        {{"migration", i.migration},
         {"role", i.role},
         {"as_written", i.written},
         {"id", i.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.id)},
         {"name", i.name.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.name)},
         {"problem", i.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(i.problem)}});
  }
  return out;
}

}  // namespace spaceport
