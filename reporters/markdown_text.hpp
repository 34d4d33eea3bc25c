#pragma once

#include <string>

namespace spaceport {

/// Makes text safe inside a Markdown table cell: no pipes, newlines, raw HTML, links or
/// mentions; `code spans` in it stay code spans. Every reporter that writes Markdown uses it.
std::string markdown_cell(const std::string& text);

/// A code span holding `text` literally, whatever backticks it contains.
std::string markdown_code(const std::string& text);

}  // namespace spaceport
