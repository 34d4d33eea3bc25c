// spaceport-docs: writes the man page spaceport(1) and the bash and zsh completions from the
// same help the binary prints (parse_command_line with --help), at build time, so that they
// cannot drift from it. Not installed itself.
//
//   spaceport-docs man|bash|zsh OUT
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "core/version.hpp"
#include "runner/options.hpp"

namespace {

using spaceport::HelpCommand;

struct Entry {
  std::string name;                // "check", "logs scan", ...
  std::vector<std::string> words;  // how the help is asked for
};

const std::vector<Entry> k_entries{{"check", {"check"}},
                                   {"watch", {"watch"}},
                                   {"cutover", {"cutover"}},
                                   {"destroy", {"destroy"}},
                                   {"logs scan", {"logs", "scan"}},
                                   {"report merge", {"report", "merge"}},
                                   {"list-checks", {"list-checks"}},
                                   {"help", {"help"}}};

std::string help_of(const Entry& entry) {
  auto args = entry.words;
  args.emplace_back("--help");
  return std::get<HelpCommand>(spaceport::parse_command_line(args)).text;
}

/// The options a command's help lists ("  --plan FILE  plan file" -> "--plan"), with the
/// first line of what each does.
std::vector<std::pair<std::string, std::string>> options_of(const std::string& help) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::regex option_line(R"(  (?:-\w, )?(--[a-z][a-z-]*)\S*(?: [^ ]+)*?(?:  +(.*))?)");
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, option_line)) {
      out.emplace_back(match[1].str(), match[2].str());
    }
  }
  return out;
}

/// Text set verbatim in troff: a backslash is \e, and a line may not start with . or '.
std::string troff_verbatim(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) {
      out += "\\&";
    }
    out += c == '\\' ? std::string("\\e") : std::string(1, c);
    line_start = c == '\n';
  }
  return out;
}

void write_man(std::ostream& out) {
  out << ".TH SPACEPORT 1 \"\" \"spaceport " << spaceport::k_version << "\" \"User Commands\"\n"
      << ".SH NAME\nspaceport \\- audit, verify and finish the move of Heroku apps into a "
         "Private Space\n"
      << ".SH SYNOPSIS\n.nf\n"
      << troff_verbatim(spaceport::help_text("").value_or("")) << ".fi\n"
      << ".SH DESCRIPTION\n"
         "spaceport checks a migration plan against the Heroku Platform API, DNS, TLS and logs, "
         "phase by phase, writes console, JSON, JUnit, Markdown and CI reports and evidence "
         "bundles, watches the new app, and destroys the old app only when nothing it owns is "
         "still needed.\n"
         "Each command's section below is its \\fB\\-\\-help\\fR text.\n"
      << ".SH COMMANDS\n";
  for (const auto& entry : k_entries) {
    out << ".SS " << entry.name << "\n.nf\n" << troff_verbatim(help_of(entry)) << ".fi\n";
  }
  out << ".SH FILES\n"
         "The plan file is JSON with comments; its keys are described in docs/plan.md of the "
         "source.\n"
         ".SH SEE ALSO\n"
         "\\fBheroku\\fR(1); the README and docs/ of the spaceport source.\n";
}

std::string command_names() {
  std::string names = "check watch cutover destroy logs report list-checks help --version --help";
  return names;
}

void write_bash(std::ostream& out) {
  out << "# bash completion for spaceport, generated from its --help by spaceport-docs\n"
         "_spaceport() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]} opts=\n"
         "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
         "    COMPREPLY=($(compgen -W \""
      << command_names()
      << "\" -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  case \"${COMP_WORDS[1]}\" in\n";
  for (const auto& entry : k_entries) {
    std::string opts;
    for (const auto& [option, what] : options_of(help_of(entry))) {
      opts += (opts.empty() ? "" : " ") + option;
    }
    const std::string word = entry.words.front();
    if (entry.words.size() > 1) {
      out << "    " << word
          << ")\n      if [ \"$COMP_CWORD\" -eq 2 ]; then COMPREPLY=($(compgen -W \""
          << entry.words[1] << "\" -- \"$cur\")); return; fi\n      opts=\"" << opts << "\" ;;\n";
    } else {
      out << "    " << word << ") opts=\"" << opts << "\" ;;\n";
    }
  }
  out << "  esac\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
         "  else\n"
         "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "  fi\n"
         "}\n"
         "complete -F _spaceport spaceport\n";
}

/// What zsh's _arguments takes inside [...]: no brackets, colons or backslashes.
std::string zsh_text(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\' || c == '\'') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

void write_zsh(std::ostream& out) {
  out << "#compdef spaceport\n# zsh completion for spaceport, generated from its --help by "
         "spaceport-docs\n"
         "if (( CURRENT == 2 )); then\n"
         "  compadd -- "
      << command_names()
      << "\n  return\n"
         "fi\n"
         "case $words[2] in\n";
  for (const auto& entry : k_entries) {
    out << "  " << entry.words.front() << ")\n    _arguments -s '*: :_files'";
    for (const auto& [option, what] : options_of(help_of(entry))) {
      out << " \\\n      '*" << option << "[" << zsh_text(what) << "]'";
    }
    out << " ;;\n";
  }
  out << "esac\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: spaceport-docs man|bash|zsh OUT\n";
    return 2;
  }
  const std::string kind = argv[1];
  std::ofstream out(argv[2]);
  if (kind == "man") {
    write_man(out);
  } else if (kind == "bash") {
    write_bash(out);
  } else if (kind == "zsh") {
    write_zsh(out);
  } else {
    std::cerr << "spaceport-docs: unknown kind " << kind << '\n';
    return 2;
  }
  out.close();
  return out ? 0 : 1;
}
