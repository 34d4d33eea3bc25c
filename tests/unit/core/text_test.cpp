#include "core/text.hpp"

#include <gtest/gtest.h>

namespace spaceport {
namespace text_test {
namespace {

TEST(SanitizeText, KeepsPrintableUtf8AndWhitespace) {
  EXPECT_EQ(sanitize_text("héllo\tworld\nnext\r"), "héllo\tworld\nnext\r");
}

TEST(SanitizeText, MakesEveryOtherC0ControlVisible) {
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\t' || c == '\n' || c == '\r' || c == 0x1B) {
      continue;
    }
    const std::string input{'a', static_cast<char>(c), 'b'};
    const std::string out = sanitize_text(input);
    EXPECT_EQ(out.size(), 6U) << "control " << c;
    EXPECT_EQ(out.substr(0, 3), "a\\x") << "control " << c;
  }
  EXPECT_EQ(sanitize_text(std::string("\x7F", 1)), "\\x7F");
  EXPECT_EQ(sanitize_text(std::string("\0", 1)), "\\x00");
}

TEST(SanitizeText, StripsAnsiEscapeSequences) {
  EXPECT_EQ(sanitize_text("\x1b[31mred\x1b[0m plain"), "red plain");
  EXPECT_EQ(sanitize_text("lone \x1b"), "lone \\x1B");
}

TEST(SanitizeText, NeutralisesC1ControlsAndBidirectionalOverrides) {
  // U+009B is a one-byte CSI to some terminals; U+202E makes "exe.txt" read "txt.exe".
  EXPECT_EQ(sanitize_text("a\xC2\x9B"
                          "2Jb"),
            "a\\u009B2Jb");
  EXPECT_EQ(sanitize_text("\xE2\x80\xAEtxt.exe"), "\\u202Etxt.exe");
  EXPECT_EQ(sanitize_text("\xE2\x81\xA6x\xE2\x81\xA9"), "\\u2066x\\u2069");
  EXPECT_EQ(sanitize_text("caf\xC3\xA9 \xE2\x80\x94"), "caf\xC3\xA9 \xE2\x80\x94");  // é and — stay
}

TEST(SanitizeText, ReplacesInvalidUtf8) {
  EXPECT_EQ(sanitize_text("a\xFF"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(sanitize_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(sanitize_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(sanitize_text("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut short
  EXPECT_EQ(sanitize_text("\xEF\xBF\xBE"), "\xEF\xBF\xBD");  // U+FFFE is not an XML character
  EXPECT_EQ(sanitize_text("\xF0\x9F\x9A\x80"), "\xF0\x9F\x9A\x80");  // U+1F680 stays
}

TEST(SanitizeText, TruncatesAtACharacterBoundary) {
  const std::string out = sanitize_text("ééééé", 5);
  EXPECT_EQ(out, "éé [truncated]");
}

TEST(ClosestMatch, SuggestsNearKeysOnly) {
  const std::vector<std::string> keys{"domains", "dns", "health", "waivers"};
  EXPECT_EQ(closest_match("domian", keys), "domains");
  EXPECT_EQ(closest_match("waiver", keys), "waivers");
  EXPECT_EQ(closest_match("zzzzzzzz", keys), std::nullopt);
}

TEST(MarkupText, IsSanitisedTextWithEveryMarkupCharacterAnEntity) {
  EXPECT_EQ(markup_text("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(markup_text("x\x1b[2Jy"), "xy");  // the sanitiser first: no escape sequence
}

}  // namespace
}  // namespace text_test
}  // namespace spaceport
