// docs/plan.schema.json, which editors use to complete and check plans, and the plan loader,
// which decides: the same keys in every object, and every example plan of the repository valid
// for both.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "core/config_error.hpp"
#include "plan/plan_loader.hpp"
#include "tests/support/support.hpp"

namespace spaceport {
namespace plan_schema_test {
namespace {

using nlohmann::json;

json schema() {
  return json::parse(test::read_file(test::source_dir() / "docs/plan.schema.json"));
}

/// The schema's description of one kind of object (plan_object_keys' names).
const json& node_of(const json& root, const std::string& kind) {
  if (kind == "plan") {
    return root.at("oneOf").at(0);
  }
  if (kind == "single") {
    return root.at("oneOf").at(1);
  }
  return root.at("definitions").at(kind);
}

TEST(PlanSchema, DescribesExactlyTheKeysTheLoaderAccepts) {
  const json root = schema();
  std::set<std::string> described;
  for (const auto& [kind, keys] : plan_object_keys()) {
    SCOPED_TRACE(kind);
    const json& node = node_of(root, kind);
    EXPECT_EQ(node.at("additionalProperties"), false);
    std::set<std::string> in_schema;
    for (const auto& [key, value] : node.at("properties").items()) {
      in_schema.insert(key);
    }
    EXPECT_EQ(in_schema, std::set<std::string>(keys.begin(), keys.end()));
    described.insert(kind);
  }
  // And no kind of object the loader does not know.
  for (const auto& [kind, value] : root.at("definitions").items()) {
    if (value.value("type", "") == "object") {
      EXPECT_EQ(described.count(kind), 1U) << kind;
    }
  }
}

/// Every plan the repository shows people: the sandbox's, the README's and docs/plan.md's.
std::vector<std::pair<std::string, std::string>> example_plans() {
  std::vector<std::pair<std::string, std::string>> plans;
  std::string sandbox = test::read_file(test::source_dir() / "fixtures/sandbox/plan.json");
  for (auto at = sandbox.find("{{site_port}}"); at != std::string::npos;
       at = sandbox.find("{{site_port}}")) {
    sandbox.replace(at, 13, "8443");
  }
  plans.emplace_back("fixtures/sandbox/plan.json", sandbox);
  const std::regex block("```(json|jsonc)\n([\\s\\S]*?)```");
  for (const char* document : {"README.md", "docs/plan.md"}) {
    const std::string text = test::read_file(test::source_dir() / document);
    int index = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), block), end; it != end; ++it) {
      const std::string body = (*it)[2];
      if (body.find("\"source\"") != std::string::npos) {
        plans.emplace_back(std::string(document) + " example " + std::to_string(++index), body);
      }
    }
  }
  plans.emplace_back("tests' base plan", test::base_plan().dump(2));
  plans.emplace_back("tests' fleet plan", test::fleet_plan(3).dump(2));
  return plans;
}

test::ProcessResult validate(const test::TempDir& dir, const std::string& plan_text) {
  const auto file = dir.write("plan.json", json::parse(plan_text, nullptr, true, true).dump(2));
  return test::validate_report(file, "docs/plan.schema.json");
}

TEST(PlanSchema, EveryExamplePlanIsValidForTheSchemaAndTheLoader) {
  const auto plans = example_plans();
  ASSERT_GE(plans.size(), 5U);
  const test::TempDir dir;
  for (const auto& [name, text] : plans) {
    SCOPED_TRACE(name);
    EXPECT_NO_THROW(parse_plan(text, name));
    const auto validation = validate(dir, text);
    EXPECT_EQ(validation.exit_code, 0) << validation.err;
  }
}

TEST(PlanSchema, ASchemaReferenceIsAllowedAndMistakesAreRefusedByBoth) {
  const test::TempDir dir;
  json plan = test::base_plan();
  plan["$schema"] = "/usr/share/spaceport/plan.schema.json";
  EXPECT_NO_THROW(parse_plan(plan.dump(2), "plan.json"));
  EXPECT_EQ(validate(dir, plan.dump()).exit_code, 0);
  json single = test::base_plan()["migrations"][0];
  single["$schema"] = "./plan.schema.json";
  EXPECT_NO_THROW(parse_plan(single.dump(2), "plan.json"));
  EXPECT_EQ(validate(dir, single.dump()).exit_code, 0);

  const std::vector<std::pair<std::string, json>> mistakes{
      {"a misspelt key", json::parse(R"({"version": 1, "migrations": [{"source": {"app": "a"},
          "target": {"app": "b", "space": "s"}, "dns": {"max_tll": 60}}]})")},
      {"a string where a number goes", json::parse(R"({"source": {"app": "a"},
          "target": {"app": "b", "space": "s"}, "health": [{"url": "https://x.test/", "status": "200"}]})")},
      {"a missing space", json::parse(R"({"source": {"app": "a"}, "target": {"app": "b"}})")},
      {"a waived guard",
       json::parse(R"({"source": {"app": "a"}, "target": {"app": "b", "space": "s"},
          "waivers": [{"check": "decommission.dns", "subject": "x", "reason": "r",
                       "approved_by": "p", "expires": "2027-01-01"}]})")},
      {"$schema that is not a string", json::parse(R"({"$schema": 1, "source": {"app": "a"},
          "target": {"app": "b", "space": "s"}})")}};
  for (const auto& [what, document] : mistakes) {
    SCOPED_TRACE(what);
    EXPECT_THROW(parse_plan(document.dump(2), "plan.json"), ConfigError);
    EXPECT_NE(validate(dir, document.dump()).exit_code, 0);
  }
}

TEST(PlanSchema, AMisspeltMigrationsGetsItsSpelling) {
  try {
    parse_plan(R"({"version": 1, "migration": []})", "plan.json");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown key \"migration\" in the plan; did you mean "
                                         "\"migrations\"?"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace plan_schema_test
}  // namespace spaceport
