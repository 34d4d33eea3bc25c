#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spaceport {

/// Makes arbitrary bytes safe for every report format: the result is valid UTF-8 that XML 1.0
/// accepts. Bytes that are not valid UTF-8 become U+FFFD, ANSI escape sequences are removed, other
/// C0 controls (TAB, LF and CR excepted) and DEL become the visible text "\xNN", and U+FFFE/U+FFFF
/// become U+FFFD. When the result would exceed max_bytes it is cut at a character boundary and
/// " [truncated]" is appended.
std::string sanitize_text(std::string_view bytes, std::size_t max_bytes = 8192);

/// Text for HTML or XML (an element's text or a quoted attribute): sanitize_text, then & < > " '
/// as entities.
std::string markup_text(std::string_view bytes, std::size_t max_bytes = 500);

/// The candidate nearest to word by edit distance, when it is near enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// The text with ASCII letters in lower case (host names, header names, schemes); other bytes
/// are kept as they are.
std::string ascii_lower(std::string_view text);

/// The offset of the first byte that makes `text` not clean text (a NUL, or not valid UTF-8:
/// a stray or missing continuation byte, an overlong form, a surrogate); nullopt when it is.
std::optional<std::size_t> first_unclean_byte(std::string_view text);

/// Joins items with a separator.
std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace spaceport
