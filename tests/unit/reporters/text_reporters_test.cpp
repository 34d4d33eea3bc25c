#include <gtest/gtest.h>

#include <sstream>

#include "reporters/console_reporter.hpp"
#include "reporters/markdown_reporter.hpp"
#include "tests/unit/reporters/sample_report.hpp"

namespace spaceport {
namespace {

TEST(ConsoleReporter, WithoutColourWritesNoEscapeAtAll) {
  std::ostringstream out;
  write_console_report(test::hostile_report(), Colour::off, Verbosity::all, out);
  EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
  EXPECT_NE(out.str().find("FAIL    config.parity[KEY_1"), std::string::npos);
  EXPECT_NE(out.str().find("Summary: 6 results: 1 pass, 1 fail, 1 warn, 1 skip, 1 error, 1 waived"),
            std::string::npos);
}

TEST(ConsoleReporter, ColourComesOnlyFromTheReporter) {
  std::ostringstream out;
  write_console_report(test::hostile_report(), Colour::on, Verbosity::all, out);
  EXPECT_NE(out.str().find("\x1b[1;31mFAIL  \x1b[0m"), std::string::npos);
  EXPECT_EQ(out.str().find("\x1b[31mred"),
            std::string::npos);  // the message's own escapes are gone
}

TEST(ConsoleReporter, QuietShowsOnlyProblems) {
  std::ostringstream out;
  write_console_report(test::hostile_report(), Colour::off, Verbosity::problems_only, out);
  EXPECT_EQ(out.str().find("PASS"), std::string::npos);
  EXPECT_NE(out.str().find("ERROR"), std::string::npos);
}

TEST(MarkdownReporter, EscapesCellsSoTheTableHolds) {
  std::ostringstream out;
  write_markdown_report(test::hostile_report(), out);
  const std::string md = out.str();
  EXPECT_NE(md.find("| 6 | 1 | 1 | 1 | 1 | 1 | 1 |"), std::string::npos);
  EXPECT_NE(md.find("markup[&lt;b&gt;&amp;amp;&lt;/b&gt; \\| pipe]"), std::string::npos);
  std::istringstream lines(md);
  std::string line;
  int rows = 0;
  while (std::getline(lines, line)) {
    rows += line.rfind("| ❌", 0) == 0 || line.rfind("| ✅", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(rows, 2);
}

}  // namespace
}  // namespace spaceport
