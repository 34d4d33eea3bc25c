// The CI examples in docs/ci use only options the binary has: each `spaceport VERB ...` in them
// is compared with `spaceport VERB --help`.
#include <regex>

#include "tests/e2e/e2e.hpp"

namespace spaceport::test {
namespace {

class CiExample : public testing::TestWithParam<const char*> {};

TEST_P(CiExample, UsesOnlyOptionsThatExist) {
  // Joins continued lines (a trailing backslash, or GitLab's folded lines) into one command.
  std::string text = read_file(source_dir() / "docs/ci" / GetParam());
  text = std::regex_replace(text, std::regex("\\\\\\n\\s*"), " ");
  text = std::regex_replace(text, std::regex("\\n\\s+--"), " --");
  const std::regex command("spaceport (check|watch|destroy|logs scan)([^\\n]*)");
  int commands = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), command), end; it != end; ++it) {
    ++commands;
    std::vector<std::string> args;
    std::istringstream verb((*it)[1].str());
    for (std::string word; verb >> word;) {
      args.push_back(word);
    }
    args.emplace_back("--help");
    const auto help = run_spaceport(args);
    ASSERT_EQ(help.exit_code, 0) << help.err;
    const std::string line = (*it)[2].str();
    const std::regex option("(--[a-z][a-z-]*)");
    for (std::sregex_iterator o(line.begin(), line.end(), option), oend; o != oend; ++o) {
      EXPECT_NE(help.out.find("  " + (*o)[1].str() + " "), std::string::npos)
          << GetParam() << ": " << (*o)[1] << " is not an option of spaceport " << (*it)[1];
    }
  }
  EXPECT_GE(commands, 1) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Docs, CiExample,
                         testing::Values("github-actions.yml", "gitlab-ci.yml"));

}  // namespace
}  // namespace spaceport::test
