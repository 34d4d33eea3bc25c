#include "runner/options.hpp"

#include <sstream>

#include <boost/program_options.hpp>

#include "checks/registry.hpp"
#include "core/dns_facts.hpp"
#include "core/duration.hpp"
#include "core/text.hpp"
#include "runner/config_error.hpp"

namespace po = boost::program_options;

namespace spaceport {
namespace {

constexpr std::string_view k_usage =
    "usage: spaceport check --plan FILE --phase PHASE [options]\n"
    "       spaceport destroy --plan FILE --app NAME --confirm NAME [--dry-run] [--evidence DIR]\n"
    "       spaceport watch --plan FILE [--interval DURATION] [--count N] [--prometheus FILE] "
    "[--json FILE]\n"
    "       spaceport logs scan [FILE|-] [--format auto|heroku|syslog] [--json FILE]\n"
    "       spaceport list-checks [--json]\n"
    "       spaceport --version\n"
    "Run 'spaceport check --help' for the options of check.";

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

std::vector<std::string> registered_ids() {
  std::vector<std::string> ids;
  for (const auto& check : registered_checks()) {
    ids.emplace_back(check->info().id);
  }
  return ids;
}

void validate_check_ids(const std::vector<std::string>& ids, const char* option) {
  const auto known = registered_ids();
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

std::chrono::milliseconds parse_duration_option(const std::string& text, const char* option) {
  const auto duration = parse_duration(text);
  if (!duration || duration->count() == 0) {
    throw ConfigError(std::string(option) + ": \"" + text +
                      "\" is not a duration; write e.g. 500ms, 30s or 2m");
  }
  return *duration;
}

po::options_description common_description(CommonOptions& common, std::string& timeout) {
  po::options_description d("Common options");
  d.add_options()("api-url", po::value<std::string>(),
                  "Platform API base URL (default: HEROKU_HOST, else https://api.heroku.com)")(
      "data-api-url", po::value<std::string>(),
      "Heroku Postgres data API base URL (default: HEROKU_DATA_HOST, else "
      "https://api.data.heroku.com)")("ca-file", po::value<std::string>(&common.ca_file),
                                      "CA bundle for HTTPS")(
      "timeout", po::value<std::string>(&timeout)->default_value("30s"),
      "limit for each network request")("concurrency",
                                        po::value<int>(&common.concurrency)->default_value(8),
                                        "checks run at once (1-256)")(
      "no-color", po::bool_switch(&common.no_color), "never colour the console report")(
      "quiet", po::bool_switch(&common.quiet), "print only problems and the summary")(
      "resolver", po::value<std::vector<std::string>>(),
      "DNS resolver IP[:PORT] to ask (repeatable; replaces the plan's and the system's)")(
      "authoritative", po::value<std::vector<std::string>>(),
      "authoritative DNS server IP[:PORT] (repeatable; replaces NS discovery)")(
      "tls-port", po::value<int>(&common.tls_port)->default_value(443),
      "port tls.certificate connects to (Heroku serves custom domains on 443)");
  return d;
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

void finish_common(CommonOptions& common, const po::variables_map& vm, const std::string& timeout) {
  common.timeout = parse_duration_option(timeout, "--timeout");
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
}

Command parse_check(const std::vector<std::string>& args) {
  CheckCommand command;
  std::string timeout;
  std::vector<std::string> phases;
  std::vector<std::string> only;
  std::vector<std::string> skip;
  po::options_description d("Options of spaceport check");
  d.add_options()("help,h", "show this help")("plan", po::value<std::string>(&command.plan),
                                              "plan file (JSON)")(
      "phase", po::value<std::vector<std::string>>(&phases),
      "preflight|cutover|postflight|decommission|all (repeatable)")(
      "only", po::value<std::vector<std::string>>(&only),
      "run only these check ids (repeatable, comma lists)")(
      "skip", po::value<std::vector<std::string>>(&skip),
      "skip these check ids (repeatable, comma lists)")("strict", po::bool_switch(&command.strict),
                                                        "warnings count as failures")(
      "junit", po::value<std::string>(), "write a JUnit XML report")(
      "json", po::value<std::string>(), "write a JSON report")("markdown", po::value<std::string>(),
                                                               "write a Markdown report")(
      "evidence", po::value<std::string>(),
      "write an evidence bundle (reports, plan, request log, SHA256SUMS) into a new directory "
      "under DIR")("retry-timeout", po::value<std::string>(),
                   "re-run failing checks until they pass or this much time has passed")(
      "sleep", po::value<std::string>()->default_value("10s"), "pause between retries");
  d.add(common_description(command.common, timeout));

  po::variables_map vm;
  po::store(po::command_line_parser(args).options(d).run(), vm);
  if (vm.count("help") > 0) {
    std::ostringstream text;
    text << "usage: spaceport check --plan FILE --phase PHASE [options]\n\n" << d;
    return HelpCommand{text.str()};
  }
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
  command.only = split_commas(only);
  command.skip = split_commas(skip);
  validate_check_ids(command.only, "--only");
  validate_check_ids(command.skip, "--skip");
  finish_common(command.common, vm, timeout);
  for (const auto& [name, field] :
       {std::pair{"junit", &command.junit}, std::pair{"json", &command.json},
        std::pair{"markdown", &command.markdown}, std::pair{"evidence", &command.evidence}}) {
    if (vm.count(name) > 0) {
      *field = vm[name].as<std::string>();
    }
  }
  if (vm.count("retry-timeout") > 0) {
    command.retry_timeout =
        parse_duration_option(vm["retry-timeout"].as<std::string>(), "--retry-timeout");
  }
  command.sleep = parse_duration_option(vm["sleep"].as<std::string>(), "--sleep");
  return command;
}

Command parse_destroy(const std::vector<std::string>& args) {
  DestroyCommand command;
  std::string timeout;
  po::options_description d("Options of spaceport destroy");
  d.add_options()("help,h", "show this help")("plan", po::value<std::string>(&command.plan),
                                              "plan file (JSON)")(
      "app", po::value<std::string>(&command.app), "the source app to destroy")(
      "confirm", po::value<std::string>(&command.confirm),
      "the app's name again, exactly: nothing is destroyed otherwise")(
      "dry-run", po::bool_switch(&command.dry_run),
      "run the checks and say what would be destroyed; send nothing destructive")(
      "evidence", po::value<std::string>(), "directory for the evidence record");
  d.add(common_description(command.common, timeout));
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(d).run(), vm);
  if (vm.count("help") > 0) {
    std::ostringstream text;
    text << "usage: spaceport destroy --plan FILE --app NAME --confirm NAME [options]\n\n" << d;
    return HelpCommand{text.str()};
  }
  po::notify(vm);
  if (command.plan.empty() || command.app.empty()) {
    throw ConfigError("destroy: --plan FILE and --app NAME are required");
  }
  if (vm.count("confirm") == 0) {
    throw ConfigError("destroy: --confirm " + command.app +
                      " is required: destroying an app destroys its add-ons and their data");
  }
  finish_common(command.common, vm, timeout);
  if (vm.count("evidence") > 0) {
    command.evidence = vm["evidence"].as<std::string>();
  }
  return command;
}

Command parse_watch(const std::vector<std::string>& args) {
  WatchCommand command;
  std::string timeout;
  std::string interval;
  po::options_description d("Options of spaceport watch");
  d.add_options()("help,h", "show this help")("plan", po::value<std::string>(&command.plan),
                                              "plan file (JSON)")(
      "interval", po::value<std::string>(&interval)->default_value("60s"),
      "time between the starts of two rounds")("count",
                                               po::value<int>(&command.count)->default_value(0),
                                               "stop after this many rounds (0: until stopped)")(
      "prometheus", po::value<std::string>(),
      "write a Prometheus text file (node_exporter textfile collector) after each round")(
      "json", po::value<std::string>(), "write the latest round's JSON report");
  d.add(common_description(command.common, timeout));
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(d).run(), vm);
  if (vm.count("help") > 0) {
    std::ostringstream text;
    text << "usage: spaceport watch --plan FILE [options]\n\n" << d;
    return HelpCommand{text.str()};
  }
  po::notify(vm);
  if (command.plan.empty()) {
    throw ConfigError("watch: --plan FILE is required");
  }
  if (command.count < 0) {
    throw ConfigError("--count must be 0 (until stopped) or more");
  }
  command.interval = parse_duration_option(interval, "--interval");
  finish_common(command.common, vm, timeout);
  for (const auto& [name, field] :
       {std::pair{"prometheus", &command.prometheus}, std::pair{"json", &command.json}}) {
    if (vm.count(name) > 0) {
      *field = vm[name].as<std::string>();
    }
  }
  return command;
}

Command parse_logs(const std::vector<std::string>& args) {
  if (args.empty() || args.front() != "scan") {
    throw ConfigError(
        "logs: the only subcommand is \"scan\": spaceport logs scan [FILE|-] "
        "[--format auto|heroku|syslog] [--json FILE]");
  }
  LogsScanCommand command;
  std::string format = "auto";
  po::options_description d("Options of spaceport logs scan");
  d.add_options()("help,h", "show this help")(
      "format", po::value<std::string>(&format)->default_value("auto"),
      "auto|heroku|syslog: `heroku logs` lines, RFC 5424 drain lines, or either")(
      "json", po::value<std::string>(), "write the summary as JSON")(
      "input", po::value<std::string>(&command.input), "a log file, or - for standard input");
  po::positional_options_description positional;
  positional.add("input", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(std::vector<std::string>(args.begin() + 1, args.end()))
                .options(d)
                .positional(positional)
                .run(),
            vm);
  if (vm.count("help") > 0) {
    std::ostringstream text;
    text << "usage: spaceport logs scan [FILE|-] [options]\n\n" << d;
    return HelpCommand{text.str()};
  }
  po::notify(vm);
  if (format == "auto") {
    command.format = LogFormat::auto_detect;
  } else if (format == "heroku") {
    command.format = LogFormat::heroku;
  } else if (format == "syslog") {
    command.format = LogFormat::syslog;
  } else {
    throw ConfigError("--format: \"" + format + "\" is not auto, heroku or syslog");
  }
  if (vm.count("json") > 0) {
    command.json = vm["json"].as<std::string>();
  }
  return command;
}

}  // namespace

Command parse_command_line(const std::vector<std::string>& args) {
  if (args.empty()) {
    throw ConfigError(std::string("no command given\n") + std::string(k_usage));
  }
  const std::string& verb = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (verb == "--version" || verb == "version") {
      return VersionCommand{};
    }
    if (verb == "--help" || verb == "-h" || verb == "help") {
      return HelpCommand{std::string(k_usage) + "\n"};
    }
    if (verb == "check") {
      return parse_check(rest);
    }
    if (verb == "destroy") {
      return parse_destroy(rest);
    }
    if (verb == "watch") {
      return parse_watch(rest);
    }
    if (verb == "logs") {
      return parse_logs(rest);
    }
    if (verb == "list-checks") {
      ListChecksCommand command;
      po::options_description d("Options of spaceport list-checks");
      d.add_options()("json", po::bool_switch(&command.json), "print JSON");
      po::variables_map vm;
      po::store(po::command_line_parser(rest).options(d).run(), vm);
      po::notify(vm);
      return command;
    }
  } catch (const po::error& e) {
    throw ConfigError(verb + ": " + e.what() + "\n" + std::string(k_usage));
  }
  throw ConfigError("unknown command \"" + verb + "\"\n" + std::string(k_usage));
}

}  // namespace spaceport
