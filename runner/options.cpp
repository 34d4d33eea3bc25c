#include "runner/options.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <sstream>

#include <boost/program_options.hpp>

#include "checks/registry.hpp"
#include "core/config_error.hpp"
#include "core/dns_facts.hpp"
#include "core/duration.hpp"
#include "core/error_codes.hpp"
#include "core/text.hpp"
#include "runner/report_formats.hpp"

namespace po = boost::program_options;

namespace spaceport {
namespace {

constexpr std::string_view k_overview =
    "usage: spaceport COMMAND [options]\n"
    "\n"
    "Audits and verifies the migration of Heroku apps from the Common Runtime into a Private "
    "Space\n"
    "or Shield Private Space, and destroys the old app only when nothing it owns is still needed.\n"
    "\n"
    "Commands:\n"
    "  check         run the checks of one or more phases on a plan's migrations and report them\n"
    "  watch         re-run the postflight checks every interval; print changes, write metrics\n"
    "  cutover       sample the cutover window: DNS per server, health, maintenance, databases;\n"
    "                measure the downtime users saw and draw the timeline\n"
    "  destroy       destroy a migration's source app, by id, when every decommission guard "
    "passes\n"
    "  logs scan     count Heroku error codes, 5xx and service times in log lines\n"
    "  report merge  join the JSON reports of a sharded run into one report\n"
    "  list-checks   list every check: its id, phases, subject and title\n"
    "  help          print the help of a command: spaceport help COMMAND\n"
    "\n"
    "Options:\n"
    "  -h, --help    print this overview\n"
    "  --version     print the version and the commit it was built from\n"
    "\n"
    "Run 'spaceport help COMMAND' (or 'spaceport COMMAND --help') for a command's options, "
    "examples,\nexit codes and environment variables.\n";

constexpr std::string_view k_api_environment =
    "Environment:\n"
    "  HEROKU_API_KEY     the Platform API token (else the ~/.netrc entry of the API host)\n"
    "  HEROKU_HOST        the Platform API (default https://api.heroku.com; --api-url wins)\n"
    "  HEROKU_DATA_HOST   the Postgres data API (default https://api.data.heroku.com;\n"
    "                     --data-api-url wins)\n"
    "  NO_COLOR           when set and not empty, the console report has no colour\n";

constexpr std::string_view k_check_exit_codes =
    "Exit codes:\n"
    "  0  nothing failed and nothing errored\n"
    "  1  at least one check failed (with --strict, a warning counts)\n"
    "  2  usage, plan or configuration error: nothing was checked\n"
    "  3  nothing failed, but at least one check could not decide (error)\n";

/// What `help COMMAND` and `COMMAND --help` print around the option table.
struct CommandHelp {
  std::string_view name;
  std::string_view usage;
  std::string_view about;
  std::string_view examples;
  std::string_view exit_codes;
  std::string_view environment;
  std::string_view more_environment = {};
};

const CommandHelp k_check_help{
    "check",
    "spaceport check --plan FILE --phase PHASE [options]",
    "Runs the checks of the given phases on the plan's migrations and reports every result.\n"
    "Sends only GET requests (and opens read-only log sessions).",
    "  spaceport check --plan plan.json --phase preflight\n"
    "  spaceport check --plan plan.json --phase cutover --retry-timeout 15m --sleep 1m30s \\\n"
    "      --junit reports/spaceport.xml --json reports/spaceport.json --evidence "
    "reports/evidence\n"
    "  spaceport check --plan fleet.json --phase all --migration shop --only dns.ttl --json -\n",
    k_check_exit_codes,
    k_api_environment,
    "  GITHUB_ACTIONS, GITHUB_RUN_ID, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITLAB_CI,\n"
    "  CI_PIPELINE_ID, CI_PIPELINE_URL, JENKINS_URL, BUILD_URL\n"
    "                     the CI run, recorded in the JSON report\n"
    "  the variables a plan's data_parity names hold the database URLs for data.parity\n"};

const CommandHelp k_destroy_help{
    "destroy",
    "spaceport destroy --plan FILE --app NAME --confirm NAME [options]",
    "Destroys a migration's source app, by id, only when every decommission check passes now.\n"
    "Refuses (nothing sent) when --confirm differs from --app, when the app is not a source in\n"
    "the plan, or when it is any migration's target.",
    "  spaceport destroy --plan plan.json --app acme-web --confirm acme-web --dry-run\n"
    "  spaceport destroy --plan plan.json --app acme-web --confirm acme-web --evidence evidence\n",
    "Exit codes:\n"
    "  0  destroyed and confirmed gone (or, with --dry-run, every check passed)\n"
    "  1  refused by a guard: a decommission check did not pass, the app is not found or changed\n"
    "  2  usage or plan error (for example --confirm does not match): nothing was sent\n"
    "  3  the API failed around the DELETE: see the message before retrying\n",
    k_api_environment};

const CommandHelp k_watch_help{
    "watch",
    "spaceport watch --plan FILE [options]",
    "Runs the postflight checks every interval, prints each change of outcome, and keeps the\n"
    "latest reports and a Prometheus text file up to date. It exits as check would for the last\n"
    "round.",
    "  spaceport watch --plan plan.json --interval 5m --prometheus /var/lib/node_exporter/sp.prom\n"
    "  spaceport watch --plan plan.json --interval 1m30s --count 3 --junit watch.xml --strict\n",
    k_check_exit_codes,
    k_api_environment};

const CommandHelp k_cutover_help{
    "cutover",
    "spaceport cutover --plan FILE [--interval DURATION] [--for DURATION | --until-settled] "
    "[options]",
    "Samples the cutover window every interval: each domain's answer at every authoritative\n"
    "server and resolver (old app, new app, elsewhere, none), the health URL through each\n"
    "distinct answer, and, as often as the rate budget allows, both apps' maintenance mode, the\n"
    "domains on both apps and the target's databases. Prints each change of state as it is seen\n"
    "(on a terminal, also a live view of every lane), and at the end writes the timeline and its\n"
    "figures: the downtime users saw per domain, when each resolver switched after the\n"
    "authoritative servers, the time in maintenance mode, the data freeze; each ± the gaps\n"
    "between the samples that saw it. Sends only GET requests and DNS queries. Stops when\n"
    "everything has been on the new app for --settle (--until-settled), when --for is up, or on\n"
    "SIGINT or SIGTERM, writing its reports in every case.",
    "  spaceport cutover --plan plan.json --until-settled --for 45m --markdown cutover.md \\\n"
    "      --svg cutover.svg --json cutover.json\n"
    "  spaceport cutover --plan plan.json --interval 5s --for 30m --evidence evidence\n",
    "Exit codes:\n"
    "  0  everything settled on the new app (every lane but the source app's)\n"
    "  1  at the end something was not on the new app yet (old, down, in maintenance)\n"
    "  2  usage, plan or configuration error: nothing was sampled\n",
    k_api_environment};

const CommandHelp k_logs_help{
    "logs",
    "spaceport logs scan [FILE|-] [options]",
    "Reads Heroku log lines (`heroku logs` output, drain lines, RFC 5424 with or without octet\n"
    "counting) and prints every error code with its count, first and last time, the 5xx ratio\n"
    "and service-time quantiles, in constant memory. Without FILE (or with -) it reads standard\n"
    "input.",
    "  spaceport logs scan app.log\n"
    "  heroku logs -a acme-web -n 1500 | spaceport logs scan --fail-on H10,H12 --max-5xx-percent "
    "1\n"
    "  spaceport logs scan drain.log --format syslog --json summary.json\n",
    "Exit codes:\n"
    "  0  the log was read and no threshold was crossed\n"
    "  1  a threshold was crossed (--max-5xx-percent, --fail-on)\n"
    "  2  usage error, or the input cannot be read\n",
    "Environment: none.\n"};

const CommandHelp k_report_help{
    "report",
    "spaceport report merge --json FILE [--junit FILE] [--markdown FILE] [--html FILE] "
    "[--gitlab-codequality FILE] [--github] [--evidence DIR] IN.json...",
    "Joins the JSON reports of the shards of one fleet run (check --shard 1/N ... N/N) into one\n"
    "report of the same schema: the results, the summary, the API use and the exit code they\n"
    "call for. A missing or repeated shard, a report of another plan or shard count, or a\n"
    "migration in two shards is an error (exit 2) that names them.",
    "  spaceport report merge --json fleet.json --junit fleet.xml shard-*/spaceport.json\n",
    "Exit codes:\n"
    "  0  nothing failed and nothing errored in any shard\n"
    "  1  a check failed in some shard (with --strict in any, a warning counts)\n"
    "  2  usage error, or the shards do not make one whole run\n"
    "  3  nothing failed, but a check could not decide\n",
    "Environment: the CI variables check records (GITHUB_ACTIONS, GITLAB_CI, JENKINS_URL, ...).\n"};

const CommandHelp k_list_checks_help{"list-checks",
                                     "spaceport list-checks [--json [FILE|-]]",
                                     "Lists every check: its id, phases, subject and title.",
                                     "  spaceport list-checks\n"
                                     "  spaceport list-checks --json checks.json\n",
                                     "Exit codes:\n"
                                     "  0  listed\n"
                                     "  2  usage error, or the --json file cannot be written\n",
                                     "Environment: none.\n"};

const CommandHelp k_help_help{"help",
                              "spaceport help [COMMAND]",
                              "Prints the overview, or one command's help.",
                              "  spaceport help check\n",
                              "Exit codes:\n  0  printed\n  2  no such command\n",
                              "Environment: none.\n"};

const CommandHelp* const k_helps[] = {&k_check_help,       &k_destroy_help, &k_watch_help,
                                      &k_cutover_help,     &k_logs_help,    &k_report_help,
                                      &k_list_checks_help, &k_help_help};

const CommandHelp* find_help(std::string_view name) {
  for (const CommandHelp* help : k_helps) {
    if (help->name == name) {
      return help;
    }
  }
  return nullptr;
}

/// "; did you mean ..." for a word that is near a command's name, else nothing.
std::string command_hint(const std::string& word) {
  const std::vector<std::string> commands{"check", "watch",  "cutover",     "destroy",
                                          "logs",  "report", "list-checks", "help"};
  const auto hint = closest_match(word, commands);
  return hint ? "; did you mean \"" + *hint + "\"?" : std::string();
}

/// `text` broken into lines of at most `width` characters, the later ones indented by `indent`.
std::string wrapped(const std::string& text, std::size_t indent, std::size_t width) {
  std::string out;
  std::size_t column = indent;
  std::istringstream words(text);
  std::string word;
  bool first = true;
  while (words >> word) {
    if (!first && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (!first) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first = false;
  }
  return out;
}

/// One group of options as the help shows it: "-h, --help", "--json FILE", "--timeout DURATION
/// ... (default 30s)", "--json [FILE]" for an optional value. Boost's own table prints its
/// notation ("-h [ --help ]", "[=FILE(=-)]") which users are not expected to read.
std::string option_table(std::string_view caption, const po::options_description& options) {
  constexpr std::size_t k_column = 28;
  constexpr std::size_t k_width = 80;
  std::string out = std::string(caption) + ":\n";
  for (const auto& option : options.options()) {
    std::string names = "--" + option->long_name();
    if (const std::string formatted = option->format_name(); formatted.rfind("--", 0) != 0) {
      names = formatted.substr(0, formatted.find(' ')) + ", " + names;
    }
    std::string parameter = option->format_parameter();
    std::string description = option->description();
    if (const auto open = parameter.find(" (="); open != std::string::npos) {
      description += " (default " + parameter.substr(open + 3, parameter.size() - open - 4) + ")";
      parameter.resize(open);
    }
    if (parameter.rfind("[=", 0) == 0) {
      parameter = "[" + parameter.substr(2, parameter.find('(') - 2) + "]";
    }
    std::string head = "  " + names + (parameter.empty() ? "" : " " + parameter);
    head += head.size() + 2 > k_column ? "\n" + std::string(k_column, ' ')
                                       : std::string(k_column - head.size(), ' ');
    out += head + wrapped(description, k_column, k_width) + "\n";
  }
  return out;
}

std::string render_help(const CommandHelp& help, const po::options_description* options,
                        const po::options_description* common = nullptr) {
  std::ostringstream text;
  text << "usage: " << help.usage << "\n\n" << help.about << "\n\n";
  if (options != nullptr) {
    // "spaceport logs scan [FILE|-] ..." names the command "logs scan".
    std::string command;
    std::istringstream words{std::string(help.usage)};
    std::string word;
    words >> word;  // spaceport
    while (words >> word && std::islower(static_cast<unsigned char>(word.front())) != 0) {
      command += (command.empty() ? "" : " ") + word;
    }
    text << option_table("Options of spaceport " + command, *options) << '\n';
  }
  if (common != nullptr) {
    text << option_table("Common options", *common) << '\n';
  }
  text << "Examples:\n"
       << help.examples << '\n'
       << help.exit_codes << '\n'
       << help.environment << help.more_environment;
  return text.str();
}

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    std::stringstream stream(value);
    std::string item;
    while (std::getline(stream, item, ',')) {
      if (!item.empty()) {
        out.push_back(item);
      }
    }
  }
  return out;
}

void validate_check_ids(const std::vector<std::string>& ids, const char* option) {
  std::vector<std::string> known;
  for (const auto& check : registered_checks()) {
    known.emplace_back(check->info().id);
  }
  for (const auto& id : ids) {
    if (find_check(id) != nullptr) {
      continue;
    }
    std::string message = std::string(option) + ": unknown check id \"" + id + "\"";
    if (const auto hint = closest_match(id, known)) {
      message += "; did you mean \"" + *hint + "\"?";
    }
    throw ConfigError(message + " (run 'spaceport list-checks' for the ids)");
  }
}

std::vector<Phase> parse_phases(const std::vector<std::string>& values) {
  std::vector<Phase> phases;
  const auto add = [&](Phase phase) {
    if (std::find(phases.begin(), phases.end(), phase) == phases.end()) {
      phases.push_back(phase);
    }
  };
  for (const auto& value : split_commas(values)) {
    if (value == "all") {
      for (const Phase phase : k_all_phases) {
        add(phase);
      }
    } else if (const auto phase = phase_from_string(value)) {
      add(*phase);
    } else {
      throw ConfigError("--phase: unknown phase \"" + value +
                        "\"; use preflight, cutover, postflight, decommission or all");
    }
  }
  std::sort(phases.begin(), phases.end());
  return phases;
}

enum class Zero { refused, allowed };

std::chrono::milliseconds parse_duration_option(const std::string& text, const char* option,
                                                Zero zero = Zero::refused) {
  const auto duration = parse_duration(text);
  if (!duration) {
    throw ConfigError(std::string(option) + ": \"" + text +
                      "\" is not a duration; write e.g. 500ms, 30s, 2m or 1m30s");
  }
  if (duration->count() == 0 && zero == Zero::refused) {
    throw ConfigError(std::string(option) + " must be longer than zero");
  }
  return *duration;
}

/// The values of the common options that need checking after parsing.
struct CommonTexts {
  std::string timeout;
  std::string color;
  bool no_color = false;
};

po::options_description common_description(CommonOptions& common, CommonTexts& texts) {
  po::options_description d("Common options");
  d.add_options()("api-url", po::value<std::string>()->value_name("URL"),
                  "Platform API base URL (default: HEROKU_HOST, else https://api.heroku.com)")(
      "data-api-url", po::value<std::string>()->value_name("URL"),
      "Heroku Postgres data API base URL (default: HEROKU_DATA_HOST, else "
      "https://api.data.heroku.com)")("ca-file",
                                      po::value<std::string>(&common.ca_file)->value_name("FILE"),
                                      "CA bundle for HTTPS")(
      "timeout",
      po::value<std::string>(&texts.timeout)->default_value("30s")->value_name("DURATION"),
      "limit for each network request")(
      "concurrency", po::value<int>(&common.concurrency)->default_value(32)->value_name("N"),
      "checks (and so requests) in flight at once (1-256)")(
      "color", po::value<std::string>(&texts.color)->default_value("auto")->value_name("WHEN"),
      "colour the console report: auto (on a terminal, unless NO_COLOR or TERM=dumb; "
      "FORCE_COLOR or CLICOLOR_FORCE turn it on), always or never")(
      "no-color", po::bool_switch(&texts.no_color), "the same as --color=never")(
      "quiet", po::bool_switch(&common.quiet), "print only problems and the summary")(
      "verbose,v", po::bool_switch(&common.verbose),
      "print each request (method, URL, status, Request-Id, time, attempt) and each DNS query "
      "on standard error as it happens; never a token or a config var's value")(
      "resolver", po::value<std::vector<std::string>>()->value_name("IP[:PORT]"),
      "DNS resolver to ask (repeatable; replaces the plan's and the system's)")(
      "authoritative", po::value<std::vector<std::string>>()->value_name("IP[:PORT]"),
      "authoritative DNS server (repeatable; replaces NS discovery)")(
      "tls-port", po::value<int>(&common.tls_port)->default_value(443)->value_name("PORT"),
      "port tls.certificate connects to (Heroku serves custom domains on 443)")(
      "request-budget", po::value<long>()->value_name("N"),
      "Platform API requests the run may spend from the account's shared pool (watch: per "
      "hour); default: all but 10 % of what is left when it starts");
  return d;
}

void add_selection(po::options_description& d, std::vector<std::string>& only,
                   std::vector<std::string>& skip, std::vector<std::string>& migrations) {
  d.add_options()("only", po::value<std::vector<std::string>>(&only)->value_name("CHECK_ID"),
                  "run only these check ids (repeatable, comma lists)")(
      "skip", po::value<std::vector<std::string>>(&skip)->value_name("CHECK_ID"),
      "skip these check ids (repeatable, comma lists)")(
      "migration", po::value<std::vector<std::string>>(&migrations)->value_name("NAME"),
      "run only these migrations of the plan (repeatable, comma lists)");
}

Selection finish_selection(const std::vector<std::string>& only,
                           const std::vector<std::string>& skip,
                           const std::vector<std::string>& migrations) {
  Selection selection{split_commas(only), split_commas(skip), split_commas(migrations)};
  validate_check_ids(selection.only, "--only");
  validate_check_ids(selection.skip, "--skip");
  return selection;
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard shard;
  const bool read =
      slash != std::string::npos &&
      std::from_chars(text.data(), text.data() + slash, shard.index).ptr == text.data() + slash &&
      std::from_chars(text.data() + slash + 1, text.data() + text.size(), shard.count).ptr ==
          text.data() + text.size();
  if (!read || shard.count < 1 || shard.count > 10'000 || shard.index < 1 ||
      shard.index > shard.count) {
    throw ConfigError("--shard: \"" + sanitize_text(text, 100) +
                      "\" is not I/N with 1 <= I <= N <= 10000 (for example 2/8: the second of "
                      "eight shards)");
  }
  return shard;
}

std::vector<std::string> dns_servers_option(const po::variables_map& vm, const char* option) {
  std::vector<std::string> out;
  if (vm.count(option) == 0) {
    return out;
  }
  for (const auto& text : split_commas(vm[option].as<std::vector<std::string>>())) {
    const auto server = normalize_dns_server(text);
    if (!server) {
      throw ConfigError(std::string("--") + option + ": \"" + text +
                        "\" is not an IP address with an optional port (8.8.8.8, "
                        "127.0.0.1:5353, [2001:db8::1]:53)");
    }
    out.push_back(*server);
  }
  return out;
}

ColorChoice parse_color(const CommonTexts& texts) {
  if (texts.no_color) {
    return ColorChoice::never;
  }
  if (texts.color == "auto") {
    return ColorChoice::auto_detect;
  }
  if (texts.color == "always") {
    return ColorChoice::always;
  }
  if (texts.color == "never") {
    return ColorChoice::never;
  }
  throw ConfigError("--color: \"" + sanitize_text(texts.color, 40) +
                    "\" is not auto, always or never");
}

void finish_common(CommonOptions& common, const po::variables_map& vm, const CommonTexts& texts) {
  common.timeout = parse_duration_option(texts.timeout, "--timeout");
  common.color = parse_color(texts);
  if (common.concurrency < 1 || common.concurrency > 256) {
    throw ConfigError("--concurrency must be between 1 and 256");
  }
  common.resolvers = dns_servers_option(vm, "resolver");
  common.authoritative = dns_servers_option(vm, "authoritative");
  if (common.tls_port < 1 || common.tls_port > 65535) {
    throw ConfigError("--tls-port must be between 1 and 65535");
  }
  if (vm.count("api-url") > 0) {
    common.api_url = vm["api-url"].as<std::string>();
  }
  if (vm.count("data-api-url") > 0) {
    common.data_api_url = vm["data-api-url"].as<std::string>();
  }
  if (vm.count("request-budget") > 0) {
    common.request_budget = vm["request-budget"].as<long>();
    if (*common.request_budget < 1) {
      throw ConfigError("--request-budget must be 1 or more");
    }
  }
}

/// The value of an option that takes a file, or nullopt when it was not given.
std::optional<std::string> path_option(const po::variables_map& vm, const char* name) {
  if (vm.count(name) == 0) {
    return std::nullopt;
  }
  return vm[name].as<std::string>();
}

/// The report options of check, watch and report merge, by runner/report_formats.hpp.
ReportPaths report_paths(const po::variables_map& vm) {
  return report_paths_of(
      [&vm](std::string_view name) { return path_option(vm, std::string(name).c_str()); },
      vm.count("github") > 0 && vm["github"].as<bool>());
}

/// What an option's value is, for a message: "a file name", "a duration".
std::string value_kind(const po::option_description& option) {
  const std::string name = option.format_parameter();
  const std::string first = name.substr(0, name.find_first_of(" ("));
  const std::pair<std::string_view, std::string_view> kinds[] = {
      {"FILE", "a file name"},    {"DIR", "a directory"}, {"URL", "a URL"},
      {"DURATION", "a duration"}, {"N", "a number"},      {"NAME", "a name"}};
  for (const auto& [value_name, kind] : kinds) {
    if (first == value_name) {
      return std::string(kind);
    }
  }
  return "a value (" + first + ")";
}

/// A forgotten value must not swallow the next option: `--json --strict` would write a file
/// named "--strict" and drop strict mode, and the gate would pass. A value that is itself an
/// option, given as a separate word, is refused; "-" (standard output) and "--json=--x" stand.
void refuse_option_as_value(const po::options_description& d, const po::option& option) {
  if (option.original_tokens.size() < 2) {
    return;
  }
  for (const auto& value : option.value) {
    const bool long_option = value.size() > 2 && value.rfind("--", 0) == 0;
    const bool short_option =
        value.size() == 2 && value[0] == '-' && d.find_nothrow(value, false) != nullptr;
    if (!long_option && !short_option) {
      continue;
    }
    const auto* described = d.find_nothrow(option.string_key, false);
    throw ConfigError("--" + option.string_key + " needs " +
                      (described != nullptr ? value_kind(*described) : std::string("a value")) +
                      "; \"" + sanitize_text(value, 80) +
                      "\" is an option (for a file of that "
                      "name, write ./" +
                      sanitize_text(value, 80) + ")");
  }
}

/// Parses `args` against `d` with whole-word options only. Words that are not options are
/// returned in order; a command that takes none refuses them.
std::vector<std::string> parse_into(po::variables_map& vm, const po::options_description& d,
                                    const std::vector<std::string>& args) {
  po::parsed_options parsed(&d);
  try {
    parsed =
        po::command_line_parser(args)
            .options(d)
            .style(po::command_line_style::unix_style & ~po::command_line_style::allow_guessing)
            .run();
  } catch (const po::invalid_command_line_syntax& e) {
    // "the required argument for option '--json' is missing": said as the other mistakes are.
    const auto* option = d.find_nothrow(e.get_option_name().substr(2), false);
    if (e.kind() != po::invalid_syntax::missing_parameter || option == nullptr) {
      throw;
    }
    throw ConfigError(e.get_option_name() + " needs " + value_kind(*option));
  } catch (const po::unknown_option& e) {
    const std::string name = e.get_option_name();
    std::vector<std::string> known;
    for (const auto& option : d.options()) {
      known.push_back("--" + option->long_name());
    }
    const std::string typed = name.substr(0, name.find('='));
    std::string message = "unknown option \"" + name + "\"";
    // A prefix is the likeliest mistake (it used to be accepted); then a near spelling.
    auto hint = closest_match(typed, known);
    for (const auto& option : known) {
      if (typed.size() > 2 && option.rfind(typed, 0) == 0) {
        hint = option;
        break;
      }
    }
    if (hint) {
      message += "; did you mean \"" + *hint + "\"?";
    }
    throw ConfigError(message);
  }
  std::vector<std::string> words;
  for (const auto& option : parsed.options) {
    if (option.position_key >= 0) {
      words.insert(words.end(), option.value.begin(), option.value.end());
    } else {
      refuse_option_as_value(d, option);
    }
  }
  po::store(parsed, vm);
  return words;
}

void refuse_words(const std::vector<std::string>& words) {
  if (words.empty()) {
    return;
  }
  throw ConfigError("unexpected word \"" + sanitize_text(words.front(), 200) +
                    "\": every option takes one value; repeat the option (--phase preflight "
                    "--phase cutover) or give a comma list (--phase preflight,cutover)");
}

Command parse_check(const std::vector<std::string>& args) {
  CheckCommand command;
  CommonTexts texts;
  std::string sleep;
  std::vector<std::string> phases;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::vector<std::string> migrations;
  po::options_description d("Options of spaceport check");
  d.add_options()("help,h", "show this help")(
      "plan", po::value<std::string>(&command.plan)->value_name("FILE"), "plan file (JSON)")(
      "phase", po::value<std::vector<std::string>>(&phases)->value_name("PHASE"),
      "preflight|cutover|postflight|decommission|all (repeatable, comma lists)");
  add_selection(d, only, skip, migrations);
  d.add_options()("shard", po::value<std::string>()->value_name("I/N"),
                  "run shard I of N of the plan's migrations (a stable hash of each name; join "
                  "the shards' JSON reports with 'spaceport report merge')")(
      "strict", po::bool_switch(&command.strict), "warnings count as failures")(
      "junit", po::value<std::string>()->value_name("FILE"),
      "write a JUnit XML report (- : stdout)")("json", po::value<std::string>()->value_name("FILE"),
                                               "write a JSON report (- : stdout)")(
      "markdown", po::value<std::string>()->value_name("FILE"),
      "write a Markdown report (- : stdout)")(
      "html", po::value<std::string>()->value_name("FILE"),
      "write one self-contained HTML page: matrix, filters, every result and its evidence")(
      "gitlab-codequality", po::value<std::string>()->value_name("FILE"),
      "write a GitLab Code Quality report (failures shown in merge requests)")(
      "github", po::bool_switch(),
      "in GitHub Actions: an ::error/::warning annotation per problem on stdout, and the "
      "Markdown report added to the step summary")(
      "evidence", po::value<std::string>()->value_name("DIR"),
      "write an evidence bundle (reports, plan, request log, SHA256SUMS) into a new directory "
      "under DIR")("retry-timeout", po::value<std::string>()->value_name("DURATION"),
                   "re-run failing checks until they pass or this much time has passed (0s: "
                   "no retry)")(
      "sleep", po::value<std::string>(&sleep)->default_value("10s")->value_name("DURATION"),
      "pause between retries (0s: none)");
  const auto common = common_description(command.common, texts);
  po::options_description all;
  all.add(d).add(common);

  po::variables_map vm;
  const auto words = parse_into(vm, all, args);
  if (vm.count("help") > 0) {
    return HelpCommand{render_help(k_check_help, &d, &common)};
  }
  refuse_words(words);
  po::notify(vm);
  if (command.plan.empty()) {
    throw ConfigError("check: --plan FILE is required");
  }
  if (phases.empty()) {
    throw ConfigError(
        "check: --phase is required: preflight, cutover, postflight, decommission or all "
        "(cutover checks before the cutover would only raise false alarms)");
  }
  command.phases = parse_phases(phases);
  command.selection = finish_selection(only, skip, migrations);
  if (vm.count("shard") > 0) {
    command.selection.shard = parse_shard(vm["shard"].as<std::string>());
  }
  finish_common(command.common, vm, texts);
  command.reports = report_paths(vm);
  command.evidence = path_option(vm, "evidence");
  if (vm.count("retry-timeout") > 0) {
    command.retry_timeout = parse_duration_option(vm["retry-timeout"].as<std::string>(),
                                                  "--retry-timeout", Zero::allowed);
  }
  command.sleep = parse_duration_option(sleep, "--sleep", Zero::allowed);
  return command;
}

Command parse_destroy(const std::vector<std::string>& args) {
  DestroyCommand command;
  CommonTexts texts;
  po::options_description d("Options of spaceport destroy");
  d.add_options()("help,h", "show this help")(
      "plan", po::value<std::string>(&command.plan)->value_name("FILE"), "plan file (JSON)")(
      "app", po::value<std::string>(&command.app)->value_name("NAME"), "the source app to destroy")(
      "confirm", po::value<std::string>(&command.confirm)->value_name("NAME"),
      "the app's name again, exactly: nothing is destroyed otherwise")(
      "dry-run", po::bool_switch(&command.dry_run),
      "run the checks and say what would be destroyed; send nothing destructive")(
      "evidence", po::value<std::string>()->value_name("DIR"),
      "write an evidence bundle (the destroy record, reports, request log, SHA256SUMS) into a "
      "new directory under DIR");
  const auto common = common_description(command.common, texts);
  po::options_description all;
  all.add(d).add(common);
  po::variables_map vm;
  const auto words = parse_into(vm, all, args);
  if (vm.count("help") > 0) {
    return HelpCommand{render_help(k_destroy_help, &d, &common)};
  }
  refuse_words(words);
  po::notify(vm);
  if (command.plan.empty() || command.app.empty()) {
    throw ConfigError("destroy: --plan FILE and --app NAME are required");
  }
  if (vm.count("confirm") == 0) {
    throw ConfigError("destroy: --confirm " + command.app +
                      " is required: destroying an app destroys its add-ons and their data");
  }
  finish_common(command.common, vm, texts);
  command.evidence = path_option(vm, "evidence");
  return command;
}

Command parse_watch(const std::vector<std::string>& args) {
  WatchCommand command;
  CommonTexts texts;
  std::string interval;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  std::vector<std::string> migrations;
  po::options_description d("Options of spaceport watch");
  d.add_options()("help,h", "show this help")(
      "plan", po::value<std::string>(&command.plan)->value_name("FILE"), "plan file (JSON)")(
      "interval", po::value<std::string>(&interval)->default_value("60s")->value_name("DURATION"),
      "time between the starts of two rounds")(
      "count", po::value<int>(&command.count)->default_value(0)->value_name("N"),
      "stop after this many rounds (0: until stopped)");
  add_selection(d, only, skip, migrations);
  d.add_options()("strict", po::bool_switch(&command.strict), "warnings count as failures")(
      "prometheus", po::value<std::string>()->value_name("FILE"),
      "write a Prometheus text file (node_exporter textfile collector) after each round")(
      "json", po::value<std::string>()->value_name("FILE"),
      "write the latest round's JSON report (- : stdout)")(
      "junit", po::value<std::string>()->value_name("FILE"),
      "write the latest round's JUnit XML report (- : stdout)")(
      "html", po::value<std::string>()->value_name("FILE"), "write the latest round's HTML page");
  const auto common = common_description(command.common, texts);
  po::options_description all;
  all.add(d).add(common);
  po::variables_map vm;
  const auto words = parse_into(vm, all, args);
  if (vm.count("help") > 0) {
    return HelpCommand{render_help(k_watch_help, &d, &common)};
  }
  refuse_words(words);
  po::notify(vm);
  if (command.plan.empty()) {
    throw ConfigError("watch: --plan FILE is required");
  }
  if (command.count < 0) {
    throw ConfigError("--count must be 0 (until stopped) or more");
  }
  command.interval = parse_duration_option(interval, "--interval");
  command.selection = finish_selection(only, skip, migrations);
  finish_common(command.common, vm, texts);
  command.reports = report_paths(vm);
  return command;
}

Command parse_cutover(const std::vector<std::string>& args) {
  CutoverCommand command;
  CommonTexts texts;
  std::string interval;
  std::string for_duration;
  std::string settle;
  std::vector<std::string> migrations;
  po::options_description d("Options of spaceport cutover");
  d.add_options()("help,h", "show this help")(
      "plan", po::value<std::string>(&command.plan)->value_name("FILE"), "plan file (JSON)")(
      "interval", po::value<std::string>(&interval)->default_value("2s")->value_name("DURATION"),
      "time between the starts of two samples of DNS and the health URLs")(
      "for", po::value<std::string>(&for_duration)->value_name("DURATION"),
      "stop after this long (default: until settled, or until stopped)")(
      "until-settled", po::bool_switch(&command.until_settled),
      "stop once every lane has been on the new app for --settle")(
      "settle", po::value<std::string>(&settle)->default_value("60s")->value_name("DURATION"),
      "how long everything must stay on the new app to count as settled")(
      "migration", po::value<std::vector<std::string>>(&migrations)->value_name("NAME"),
      "sample only these migrations of the plan (repeatable, comma lists)")(
      "json", po::value<std::string>()->value_name("FILE"),
      "write the JSON report: every change of state and the figures (- : stdout)")(
      "markdown", po::value<std::string>()->value_name("FILE"),
      "write the Markdown report for the change ticket (- : stdout)")(
      "svg", po::value<std::string>()->value_name("FILE"),
      "write the timeline as a self-contained SVG picture")(
      "evidence", po::value<std::string>()->value_name("DIR"),
      "write an evidence bundle (the reports, the SVG, plan, request log, SHA256SUMS) into a new "
      "directory under DIR");
  const auto common = common_description(command.common, texts);
  po::options_description all;
  all.add(d).add(common);
  po::variables_map vm;
  const auto words = parse_into(vm, all, args);
  if (vm.count("help") > 0) {
    return HelpCommand{render_help(k_cutover_help, &d, &common)};
  }
  refuse_words(words);
  po::notify(vm);
  if (command.plan.empty()) {
    throw ConfigError("cutover: --plan FILE is required");
  }
  command.interval = parse_duration_option(interval, "--interval");
  if (command.interval < std::chrono::milliseconds(100)) {
    throw ConfigError("--interval must be 100ms or more");
  }
  command.settle = parse_duration_option(settle, "--settle");
  if (!for_duration.empty()) {
    command.for_duration = parse_duration_option(for_duration, "--for");
  }
  command.migrations = split_commas(migrations);
  finish_common(command.common, vm, texts);
  command.json = path_option(vm, "json");
  command.markdown = path_option(vm, "markdown");
  command.svg = path_option(vm, "svg");
  command.evidence = path_option(vm, "evidence");
  if (command.svg == std::optional<std::string>("-")) {
    throw ConfigError("--svg needs a file name: the picture does not go to standard output");
  }
  if (command.json == std::optional<std::string>("-") &&
      command.markdown == std::optional<std::string>("-")) {
    throw ConfigError("--json - and --markdown -: only one report can go to standard output");
  }
  return command;
}

LogFormat parse_log_format(const std::string& format) {
  if (format == "auto") {
    return LogFormat::auto_detect;
  }
  if (format == "heroku") {
    return LogFormat::heroku;
  }
  if (format == "syslog") {
    return LogFormat::syslog;
  }
  throw ConfigError("--format: \"" + format + "\" is not auto, heroku or syslog");
}

std::vector<std::string> parse_error_codes(const std::vector<std::string>& values) {
  std::vector<std::string> codes;
  for (const auto& value : split_commas(values)) {
    if (find_error_code(value) == nullptr) {
      throw ConfigError("--fail-on: \"" + value +
                        "\" is not a Heroku error code (H10, R14, L10, ...)");
    }
    codes.push_back(value);
  }
  return codes;
}

Command parse_logs(const std::vector<std::string>& args) {
  if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
    return HelpCommand{help_text("logs").value_or("")};
  }
  if (args.empty() || args.front() != "scan") {
    throw ConfigError(
        "logs: the only subcommand is \"scan\": spaceport logs scan [FILE|-] "
        "[--format auto|heroku|syslog] [--json FILE]");
  }
  LogsScanCommand command;
  std::string format;
  std::vector<std::string> fail_on;
  po::options_description d("Options of spaceport logs scan");
  d.add_options()("help,h", "show this help")(
      "format", po::value<std::string>(&format)->default_value("auto")->value_name("FORMAT"),
      "auto|heroku|syslog: `heroku logs` lines, RFC 5424 drain lines, or either")(
      "json", po::value<std::string>()->value_name("FILE"),
      "write the summary as JSON (- : stdout, instead of the table)")(
      "max-5xx-percent", po::value<double>()->value_name("P"),
      "exit 1 when more than P % of the router's responses are 5xx")(
      "fail-on", po::value<std::vector<std::string>>(&fail_on)->value_name("CODES"),
      "exit 1 when any of these error codes appears (repeatable, comma lists: H10,H12)");
  po::variables_map vm;
  const auto words = parse_into(vm, d, std::vector<std::string>(args.begin() + 1, args.end()));
  if (vm.count("help") > 0) {
    return HelpCommand{render_help(k_logs_help, &d)};
  }
  if (words.size() > 1) {
    throw ConfigError("logs scan reads one input; \"" + sanitize_text(words[1], 200) +
                      "\" is one too many (concatenate the files: cat a.log b.log | spaceport "
                      "logs scan)");
  }
  po::notify(vm);
  if (!words.empty()) {
    command.input = words.front();
  }
  command.format = parse_log_format(format);
  command.json = path_option(vm, "json");
  if (vm.count("max-5xx-percent") > 0) {
    const double percent = vm["max-5xx-percent"].as<double>();
    if (!(percent >= 0 && percent <= 100)) {
      throw ConfigError("--max-5xx-percent must be between 0 and 100");
    }
    command.max_5xx_percent = percent;
  }
  command.fail_on = parse_error_codes(fail_on);
  return command;
}

Command parse_report(const std::vector<std::string>& args) {
  if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
    return HelpCommand{help_text("report").value_or("")};
  }
  if (args.empty() || args.front() != "merge") {
    throw ConfigError("report: the only subcommand is \"merge\": " +
                      std::string(k_report_help.usage));
  }
  MergeCommand command;
  po::options_description d("Options of spaceport report merge");
  d.add_options()("help,h", "show this help")(
      "json", po::value<std::string>()->value_name("FILE"),
      "write the joined JSON report (required; - : stdout)")(
      "junit", po::value<std::string>()->value_name("FILE"), "write a JUnit XML report")(
      "markdown", po::value<std::string>()->value_name("FILE"), "write a Markdown report")(
      "html", po::value<std::string>()->value_name("FILE"),
      "write one self-contained HTML page of the joined report")(
      "gitlab-codequality", po::value<std::string>()->value_name("FILE"),
      "write a GitLab Code Quality report")(
      "github", po::bool_switch(),
      "in GitHub Actions: annotations on stdout and the Markdown report in the step summary")(
      "evidence", po::value<std::string>()->value_name("DIR"),
      "write an evidence bundle of the joined reports and every shard's, with SHA256SUMS");
  po::variables_map vm;
  const auto words = parse_into(vm, d, std::vector<std::string>(args.begin() + 1, args.end()));
  if (vm.count("help") > 0) {
    return HelpCommand{render_help(k_report_help, &d)};
  }
  po::notify(vm);
  command.reports = report_paths(vm);
  if (!command.reports.json) {
    throw ConfigError("report merge: --json FILE is required: the joined report is its output");
  }
  command.evidence = path_option(vm, "evidence");
  if (words.empty()) {
    throw ConfigError("report merge: name the shards' JSON reports (IN.json...)");
  }
  command.inputs = words;
  return command;
}

Command parse_list_checks(const std::vector<std::string>& args) {
  ListChecksCommand command;
  po::options_description d("Options of spaceport list-checks");
  d.add_options()("help,h", "show this help")(
      "json", po::value<std::string>()->implicit_value("-")->value_name("FILE"),
      "print JSON (to standard output, or to FILE)");
  po::variables_map vm;
  const auto words = parse_into(vm, d, args);
  if (vm.count("help") > 0) {
    return HelpCommand{render_help(k_list_checks_help, &d)};
  }
  refuse_words(words);
  po::notify(vm);
  command.json = path_option(vm, "json");
  return command;
}

Command parse_help(const std::vector<std::string>& args) {
  if (args.size() > 1) {
    throw ConfigError("help takes one command name");
  }
  std::string name = args.empty() ? std::string() : args.front();
  if (name == "logs scan" || name == "report merge") {
    name.resize(name.find(' '));
  }
  if (name == "--help" || name == "-h") {
    return HelpCommand{help_text("help").value_or("")};
  }
  if (auto text = help_text(name)) {
    return HelpCommand{std::move(*text)};
  }
  throw ConfigError("help: no command \"" + sanitize_text(name, 200) + "\"" + command_hint(name) +
                    "\n" + std::string(k_overview));
}

using Parser = std::function<Command(const std::vector<std::string>&)>;

const std::pair<std::string_view, Parser> k_parsers[] = {{"check", parse_check},
                                                         {"destroy", parse_destroy},
                                                         {"watch", parse_watch},
                                                         {"cutover", parse_cutover},
                                                         {"logs", parse_logs},
                                                         {"report", parse_report},
                                                         {"list-checks", parse_list_checks},
                                                         {"help", parse_help}};

}  // namespace

std::optional<std::string> help_text(const std::string& command) {
  if (command.empty()) {
    return std::string(k_overview);
  }
  for (const auto& [name, parse] : k_parsers) {
    if (name == command && name != "help") {
      // The option table comes from the parser itself, so help and parsing cannot drift.
      // Commands with a subcommand are asked through it.
      const std::vector<std::string> args =
          name == "logs"     ? std::vector<std::string>{"scan", "--help"}
          : name == "report" ? std::vector<std::string>{"merge", "--help"}
                             : std::vector<std::string>{"--help"};
      return std::get<HelpCommand>(parse(args)).text;
    }
  }
  if (const CommandHelp* help = find_help(command)) {
    return render_help(*help, nullptr);
  }
  return std::nullopt;
}

Command parse_command_line(const std::vector<std::string>& args) {
  if (args.empty()) {
    throw ConfigError(std::string("no command given\n") + std::string(k_overview));
  }
  const std::string& verb = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (verb == "--version" || verb == "version") {
    return VersionCommand{};
  }
  if (verb == "--help" || verb == "-h") {
    return HelpCommand{std::string(k_overview)};
  }
  for (const auto& [name, parse] : k_parsers) {
    if (name != verb) {
      continue;
    }
    try {
      return parse(rest);
    } catch (const po::error& e) {
      throw ConfigError(verb + ": " + e.what() + "\nRun 'spaceport help " + verb +
                        "' for its options.");
    } catch (const ConfigError& e) {
      if (verb == "help") {
        throw;
      }
      throw ConfigError(std::string(e.what()) + "\nRun 'spaceport help " + verb +
                        "' for its options.");
    }
  }
  if (verb.rfind("-", 0) == 0) {
    std::string message = "unknown option \"" + sanitize_text(verb, 200) + "\"";
    const std::string typed = verb.substr(0, verb.find('='));
    if (const auto hint = closest_match(typed, {"--version", "--help"})) {
      message += "; did you mean \"" + *hint + "\"?";
    }
    throw ConfigError(message + "\nRun 'spaceport --help' for the commands and options.");
  }
  const std::string message =
      "unknown command \"" + sanitize_text(verb, 200) + "\"" + command_hint(verb);
  throw ConfigError(message + "\n" + std::string(k_overview));
}

}  // namespace spaceport
