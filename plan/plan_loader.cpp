#include "plan/plan_loader.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/config_error.hpp"
#include "core/dns_facts.hpp"
#include "core/error_codes.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "plan/located_json.hpp"

namespace spaceport {
namespace {

/// A DNS name Heroku can route: at most 253 characters, labels of 1 to 63 letters, digits and
/// hyphens (not at either end), the first label possibly "*".
bool is_hostname(std::string_view name) {
  if (name.empty() || name.size() > 253) {
    return false;
  }
  std::size_t start = 0;
  for (bool first = true;; first = false) {
    const auto dot = name.find('.', start);
    const auto label = name.substr(start, dot == std::string_view::npos ? name.npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    const bool wildcard = first && label == "*";
    if (!wildcard && !std::all_of(label.begin(), label.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
        })) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    start = dot + 1;
  }
}

using Kind = LocatedValue::Kind;

class Reader {
 public:
  explicit Reader(std::string path) : m_path(std::move(path)) {}

  [[noreturn]] void fail(Location where, const std::string& message) const {
    throw ConfigError(m_path + ":" + std::to_string(where.line) + ":" +
                      std::to_string(where.column) + ": " + message);
  }

  /// Rejects keys outside known, with the nearest known key as a hint.
  void expect_keys(const LocatedValue& object, const std::string& context,
                   const std::vector<std::string>& known) const {
    for (const auto& member : object.members) {
      if (std::find(known.begin(), known.end(), member.key) != known.end()) {
        continue;
      }
      std::string message = "unknown key \"" + member.key + "\" in " + context;
      if (const auto hint = closest_match(member.key, known)) {
        message += "; did you mean \"" + *hint + "\"?";
      } else {
        message += "; the keys allowed here are: " + join(known, ", ");
      }
      fail(member.where, message);
    }
  }

  static const LocatedValue::Member* find(const LocatedValue& object, std::string_view key) {
    for (const auto& member : object.members) {
      if (member.key == key) {
        return &member;
      }
    }
    return nullptr;
  }

  const LocatedValue& require_kind(const LocatedValue& value, Kind kind,
                                   const std::string& what) const {
    if (value.kind != kind) {
      fail(value.where, what + " must be " + std::string(kind_name(kind)) + ", not " +
                            std::string(kind_name(value.kind)));
    }
    return value;
  }

  const LocatedValue& required(const LocatedValue& object, std::string_view key, Kind kind,
                               const std::string& context) const {
    const auto* member = find(object, key);
    if (member == nullptr) {
      fail(object.where, context + " is missing the required key \"" + std::string(key) + "\"");
    }
    return require_kind(member->value, kind, "\"" + std::string(key) + "\" in " + context);
  }

  const LocatedValue* optional(const LocatedValue& object, std::string_view key, Kind kind,
                               const std::string& context) const {
    const auto* member = find(object, key);
    if (member == nullptr) {
      return nullptr;
    }
    return &require_kind(member->value, kind, "\"" + std::string(key) + "\" in " + context);
  }

  std::string non_empty_string(const LocatedValue& value, const std::string& what) const {
    require_kind(value, Kind::string, what);
    if (value.text.empty()) {
      fail(value.where, what + " must not be empty");
    }
    return value.text;
  }

  std::string required_string(const LocatedValue& object, std::string_view key,
                              const std::string& context) const {
    return non_empty_string(required(object, key, Kind::string, context),
                            "\"" + std::string(key) + "\" in " + context);
  }

  double number(const LocatedValue& value, const std::string& what, double min, double max) const {
    require_kind(value, Kind::number, what);
    double parsed = 0;
    const auto [end, error] =
        std::from_chars(value.text.data(), value.text.data() + value.text.size(), parsed);
    if (error != std::errc{} || end != value.text.data() + value.text.size() ||
        !std::isfinite(parsed)) {
      fail(value.where, what + " is not a usable number: " + value.text);
    }
    if (parsed < min || parsed > max) {
      std::ostringstream range;
      range << what << " must be between " << min << " and " << max << ", not " << value.text;
      fail(value.where, range.str());
    }
    return parsed;
  }

  int integer(const LocatedValue& value, const std::string& what, int min, int max) const {
    const double parsed = number(value, what, min, max);
    if (std::floor(parsed) != parsed) {
      fail(value.where, what + " must be a whole number, not " + value.text);
    }
    return static_cast<int>(parsed);
  }

  void date(const LocatedValue& value, const std::string& what) const {
    const std::string& text = value.text;
    int y = 0;
    int m = 0;
    int d = 0;
    const bool shaped =
        text.size() == 10 && text[4] == '-' && text[7] == '-' &&
        std::from_chars(text.data(), text.data() + 4, y).ptr == text.data() + 4 &&
        std::from_chars(text.data() + 5, text.data() + 7, m).ptr == text.data() + 7 &&
        std::from_chars(text.data() + 8, text.data() + 10, d).ptr == text.data() + 10;
    if (!shaped) {
      fail(value.where, what + " must be a date written YYYY-MM-DD, not \"" + text + "\"");
    }
    using namespace std::chrono;
    const year_month_day date{year(y), month(static_cast<unsigned>(m)),
                              day(static_cast<unsigned>(d))};
    if (!date.ok()) {
      const std::string why =
          m < 1 || m > 12 ? "months run from 01 to 12"
                          : "that month has " +
                                std::to_string(static_cast<unsigned>(
                                    year_month_day_last(
                                        year(y), month_day_last(month(static_cast<unsigned>(m))))
                                        .day())) +
                                " days";
      fail(value.where, what + ": \"" + text + "\" is not a real date (" + why + ")");
    }
  }

 private:
  std::string m_path;
};

/// The keys of one kind of object (plan_object_keys).
const std::vector<std::string>& keys_of(const std::string& kind) {
  return plan_object_keys().at(kind);
}

void read_apps(const Reader& r, const LocatedValue& object, const std::string& context,
               Migration& m) {
  const auto& source = r.required(object, "source", Kind::object, context);
  r.expect_keys(source, "\"source\" of " + context, keys_of("source"));
  m.source.app = r.required_string(source, "app", "\"source\" of " + context);
  m.source.written = m.source.app;

  const auto& target = r.required(object, "target", Kind::object, context);
  const std::string target_context = "\"target\" of " + context;
  r.expect_keys(target, target_context, keys_of("target"));
  m.target.app = r.required_string(target, "app", target_context);
  m.target.written = m.target.app;
  m.target.space = r.required_string(target, "space", target_context);
  if (const auto* shield = r.optional(target, "shield", Kind::boolean, target_context)) {
    m.target.shield = shield->boolean;
  }
  if (m.source.app == m.target.app) {
    r.fail(target.where, context + ": source and target are the same app \"" + m.source.app +
                             "\"; the target must be the new app in the space");
  }
}

void read_dns(const Reader& r, const LocatedValue& dns, const std::string& c, Migration::Dns& out) {
  r.expect_keys(dns, c, keys_of("dns"));
  if (const auto* v = r.optional(dns, "max_ttl", Kind::number, c)) {
    out.max_ttl = r.integer(*v, "\"max_ttl\" in " + c, 0, 2'147'483'647);
  }
  const auto* resolvers = r.optional(dns, "resolvers", Kind::array, c);
  if (resolvers == nullptr) {
    return;
  }
  for (const auto& item : resolvers->items) {
    const std::string text = r.non_empty_string(item, "each item of \"resolvers\" in " + c);
    const auto server = normalize_dns_server(text);
    if (!server) {
      r.fail(item.where, "\"" + text + "\" in \"resolvers\" of " + c +
                             " is not an IP address with an optional port (8.8.8.8, "
                             "10.0.0.2:5353, [2001:db8::1]:53)");
    }
    out.resolvers.push_back(*server);
  }
}

Migration::Health read_health(const Reader& r, const LocatedValue& item, const std::string& c) {
  r.require_kind(item, Kind::object, c);
  r.expect_keys(item, c, keys_of("health"));
  Migration::Health h;
  h.url = r.required_string(item, "url", c);
  h.line = item.where.line;
  if (const auto open = h.url.find("{{"); open != std::string::npos) {
    const auto close = h.url.find("}}", open);
    r.fail(item.where,
           "\"url\" in " + c + " holds the placeholder \"" +
               sanitize_text(h.url.substr(open, close == std::string::npos ? std::string::npos
                                                                           : close + 2 - open),
                             60) +
               "\": this plan is a template; fill it in first (scripts/sandbox fills "
               "the sandbox's into out/sandbox/plan.json and runs that copy)");
  }
  if (!split_url(h.url)) {
    r.fail(item.where, "\"url\" in " + c +
                           " must be an http:// or https:// URL with a host (and no "
                           "user:password@)");
  }
  if (const auto* v = r.optional(item, "status", Kind::number, c)) {
    h.status = r.integer(*v, "\"status\" in " + c, 100, 599);
  }
  return h;
}

std::vector<std::string> read_error_codes(const Reader& r, const LocatedValue& list,
                                          const std::string& key, const std::string& c) {
  std::vector<std::string> codes;
  for (const auto& item : list.items) {
    const std::string code = r.non_empty_string(item, "each item of \"" + key + "\" in " + c);
    if (find_error_code(code) == nullptr) {
      std::vector<std::string> known;
      for (const auto& info : error_codes()) {
        known.emplace_back(info.code);
      }
      const auto hint = closest_match(code, known);
      r.fail(item.where, "\"" + code + "\" in \"" + key + "\" of " + c +
                             " is not a Heroku error code" +
                             (hint ? "; did you mean \"" + *hint + "\"?" : std::string()));
    }
    codes.push_back(code);
  }
  return codes;
}

void read_logs(const Reader& r, const LocatedValue& logs, const std::string& c,
               Migration::Logs& out) {
  r.expect_keys(logs, c, keys_of("logs"));
  if (const auto* v = r.optional(logs, "window_minutes", Kind::number, c)) {
    out.window_minutes = r.integer(*v, "\"window_minutes\" in " + c, 1, 10'080);
  }
  if (const auto* v = r.optional(logs, "max_5xx_ratio", Kind::number, c)) {
    out.max_5xx_ratio = r.number(*v, "\"max_5xx_ratio\" in " + c, 0, 1);
  }
  for (const auto& [key, field] :
       {std::pair{"fail_codes", &out.fail_codes}, std::pair{"warn_codes", &out.warn_codes}}) {
    if (const auto* v = r.optional(logs, key, Kind::array, c)) {
      *field = read_error_codes(r, *v, key, c);
    }
  }
  for (const auto& [key, field] :
       {std::pair{"target_file", &out.target_file}, std::pair{"source_file", &out.source_file}}) {
    if (const auto* v = r.optional(logs, key, Kind::string, c)) {
      *field = r.non_empty_string(*v, "\"" + std::string(key) + "\" in " + c);
    }
  }
  if (const auto* v = r.optional(logs, "max_p95_ms", Kind::number, c)) {
    out.max_p95_ms = r.integer(*v, "\"max_p95_ms\" in " + c, 1, 3'600'000);
  }
}

Migration::Dataclip read_dataclip(const Reader& r, const LocatedValue& item, const std::string& c) {
  r.require_kind(item, Kind::object, c);
  r.expect_keys(item, c, keys_of("dataclip"));
  Migration::Dataclip clip;
  clip.name = r.required_string(item, "name", c);
  clip.database = r.required_string(item, "database", c);
  clip.reassigned = r.required(item, "reassigned", Kind::boolean, c).boolean;
  return clip;
}

Migration::DataParity read_data_parity(const Reader& r, const LocatedValue& parity,
                                       const std::string& c) {
  r.expect_keys(parity, c, keys_of("data_parity"));
  Migration::DataParity out{r.required_string(parity, "source_url_env", c),
                            r.required_string(parity, "target_url_env", c)};
  if (const auto* v = r.optional(parity, "checksum_row_limit", Kind::number, c)) {
    out.checksum_row_limit = r.integer(*v, "\"checksum_row_limit\" in " + c, 0, 2'000'000'000);
  }
  return out;
}

Migration::AcceptedDataLoss read_accepted_loss(const Reader& r, const LocatedValue& item,
                                               const std::string& c) {
  r.require_kind(item, Kind::object, c);
  r.expect_keys(item, c, keys_of("accepted_loss"));
  return {r.required_string(item, "addon", c), r.required_string(item, "reason", c)};
}

Migration::Waiver read_waiver(const Reader& r, const LocatedValue& item, const std::string& c) {
  r.require_kind(item, Kind::object, c);
  r.expect_keys(item, c, keys_of("waiver"));
  Migration::Waiver w;
  w.line = item.where.line;
  w.check = r.required_string(item, "check", c);
  if (w.check.rfind("decommission.", 0) == 0) {
    // destroy demands that each guard passes; a waived guard would only look settled.
    r.fail(r.find(item, "check")->value.where,
           "\"" + sanitize_text(w.check, 80) + "\" in " + c +
               " cannot be waived: the decommission guards are what destroy demands; settle what "
               "the guard names instead (or, for a data add-on, list it in \"accept_data_loss\" "
               "with a reason)");
  }
  w.subject = r.required_string(item, "subject", c);
  w.reason = r.required_string(item, "reason", c);
  w.approved_by = r.required_string(item, "approved_by", c);
  const auto& expires = r.required(item, "expires", Kind::string, c);
  r.date(expires, "\"expires\" in " + c);
  w.expires = expires.text;
  return w;
}

/// Each item of the list `key` of `object`, read by `read_item`.
template <typename ReadItem>
void for_each_item(const Reader& r, const LocatedValue& object, const char* key,
                   const std::string& context, ReadItem&& read_item) {
  if (const auto* list = r.optional(object, key, Kind::array, context)) {
    for (const auto& item : list->items) {
      read_item(item, "an item of \"" + std::string(key) + "\" of " + context);
    }
  }
}

Migration read_migration(const Reader& r, const LocatedValue& object, const std::string& context,
                         std::optional<std::string> name) {
  Migration m;
  read_apps(r, object, context, m);
  m.name = name ? *name : m.source.app;
  m.line = object.where.line;
  if (const auto* source = Reader::find(object, "source")) {
    m.source_line = source->where.line;
  }
  if (const auto* target = Reader::find(object, "target")) {
    m.target_line = target->where.line;
  }
  if (const auto* domains = r.optional(object, "domains", Kind::array, context)) {
    m.domains.emplace();
    for (const auto& item : domains->items) {
      // DNS names are one name whatever their case and whether they end in the root's dot:
      // from here on the plan's domains are canonical, as the API's are once parsed.
      std::string host =
          canonical_dns_name(r.non_empty_string(item, "each item of \"domains\" of " + context));
      if (!is_hostname(host)) {
        r.fail(item.where, "\"" + sanitize_text(item.text, 80) + "\" in \"domains\" of " + context +
                               " is not a host name (at most 253 characters, labels of letters, "
                               "digits and hyphens)");
      }
      m.domain_lines.emplace(host, item.where.line);
      m.domains->push_back(std::move(host));
    }
  }
  if (const auto* dns = r.optional(object, "dns", Kind::object, context)) {
    read_dns(r, *dns, "\"dns\" of " + context, m.dns);
  }
  for_each_item(r, object, "health", context, [&](const LocatedValue& item, const std::string& c) {
    m.health.push_back(read_health(r, item, c));
  });
  if (const auto* logs = r.optional(object, "logs", Kind::object, context)) {
    read_logs(r, *logs, "\"logs\" of " + context, m.logs);
  }
  if (r.optional(object, "dataclips", Kind::array, context) != nullptr) {
    m.dataclips.emplace();  // an empty inventory differs from none
  }
  for_each_item(r, object, "dataclips", context,
                [&](const LocatedValue& item, const std::string& c) {
                  m.dataclips->push_back(read_dataclip(r, item, c));
                  m.named_lines.emplace(m.dataclips->back().name, item.where.line);
                });
  if (const auto* parity = r.optional(object, "data_parity", Kind::object, context)) {
    m.data_parity = read_data_parity(r, *parity, "\"data_parity\" of " + context);
  }
  for_each_item(r, object, "accept_data_loss", context,
                [&](const LocatedValue& item, const std::string& c) {
                  m.accept_data_loss.push_back(read_accepted_loss(r, item, c));
                  m.named_lines.emplace(m.accept_data_loss.back().addon, item.where.line);
                });
  for_each_item(r, object, "waivers", context, [&](const LocatedValue& item, const std::string& c) {
    m.waivers.push_back(read_waiver(r, item, c));
  });
  return m;
}

/// The "plan" form: a list of migrations with unique names.
std::vector<Migration> read_migration_list(const Reader& r, const LocatedValue& root) {
  r.expect_keys(root, "the plan", keys_of("plan"));
  const auto& list = r.required(root, "migrations", Kind::array, "the plan");
  if (list.items.empty()) {
    r.fail(list.where, "\"migrations\" is empty: there is nothing to check");
  }
  std::vector<Migration> migrations;
  std::set<std::string> names;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const auto& item = list.items[i];
    const std::string index_context = "migrations[" + std::to_string(i) + "]";
    r.require_kind(item, Kind::object, index_context);
    std::optional<std::string> name;
    if (const auto* n = r.optional(item, "name", Kind::string, index_context)) {
      name = r.non_empty_string(*n, "\"name\" in " + index_context);
    }
    std::string context = index_context;
    if (name) {
      context += " (\"" + *name + "\")";
    }
    r.expect_keys(item, context, keys_of("migration"));
    Migration m = read_migration(r, item, context, name);
    if (!names.insert(m.name).second) {
      r.fail(item.where, "two migrations are named \"" + m.name +
                             "\"; give each a unique \"name\" (reports are keyed by it)");
    }
    migrations.push_back(std::move(m));
  }
  return migrations;
}

/// The "single" form: one migration at the top level.
Migration read_single_migration(const Reader& r, const LocatedValue& root) {
  if (Reader::find(root, "source") == nullptr && Reader::find(root, "target") == nullptr) {
    // A misspelt "migrations", "source" or "target" is likelier than a plan of neither shape.
    const std::vector<std::string> shapes{"migrations", "source", "target"};
    for (const auto& member : root.members) {
      if (const auto hint = closest_match(member.key, shapes)) {
        r.fail(member.where,
               "unknown key \"" + member.key + "\" in the plan; did you mean \"" + *hint + "\"?");
      }
    }
    r.fail(root.where,
           "the plan has neither \"migrations\" nor \"source\"/\"target\"; write "
           "{\"version\": 1, \"migrations\": [...]} or a single migration with \"source\" and "
           "\"target\"");
  }
  r.expect_keys(root, "the plan", keys_of("single"));
  std::optional<std::string> name;
  if (const auto* n = r.optional(root, "name", Kind::string, "the plan")) {
    name = r.non_empty_string(*n, "\"name\" in the plan");
  }
  return read_migration(r, root, "the plan", name);
}

/// Where byte `offset` of `text` is, for a message.
Location location_of(std::string_view text, std::size_t offset) {
  Location where;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      ++where.column;  // a column is a character, not a byte
    }
  }
  return where;
}

}  // namespace

Plan parse_plan(std::string_view text, const std::string& path) {
  const Reader r(path);
  if (const auto bad = first_unclean_byte(text)) {
    std::ostringstream byte;
    byte << std::hex << std::uppercase << static_cast<int>(static_cast<unsigned char>(text[*bad]));
    r.fail(location_of(text, *bad),
           "the plan is not UTF-8 text (byte 0x" + byte.str() + " here); save it as UTF-8");
  }
  LocatedValue root;
  try {
    root = parse_located_json(text);
  } catch (const JsonSyntaxError& e) {
    r.fail(e.where(), std::string("invalid JSON: ") + e.what());
  }
  r.require_kind(root, Kind::object, "the plan");

  Plan plan;
  plan.path = path;
  plan.text = std::string(text);
  plan.sha256 = sha256_hex(text);

  const auto* version = Reader::find(root, "version");
  if (version != nullptr && r.integer(version->value, "\"version\"", 0, 1'000'000) != 1) {
    r.fail(version->value.where, "this spaceport reads plan version 1, not " + version->value.text +
                                     "; upgrade spaceport");
  }

  // "$schema" names docs/plan.schema.json for editors; spaceport itself reads the plan as is.
  if (const auto* schema = Reader::find(root, "$schema")) {
    r.require_kind(schema->value, Kind::string, "\"$schema\"");
  }

  if (Reader::find(root, "migrations") != nullptr) {
    if (version == nullptr) {
      r.expect_keys(root, "the plan", keys_of("plan"));
      r.fail(root.where, "a plan with \"migrations\" must say \"version\": 1");
    }
    plan.migrations = read_migration_list(r, root);
  } else {
    plan.migrations.push_back(read_single_migration(r, root));
  }
  return plan;
}

const std::map<std::string, std::vector<std::string>>& plan_object_keys() {
  static const std::map<std::string, std::vector<std::string>> keys = [] {
    const std::vector<std::string> migration{
        "name", "source",    "target",      "domains",          "dns",    "health",
        "logs", "dataclips", "data_parity", "accept_data_loss", "waivers"};
    std::vector<std::string> single = migration;
    single.insert(single.end(), {"version", "$schema"});
    return std::map<std::string, std::vector<std::string>>{
        {"plan", {"$schema", "version", "migrations"}},
        {"single", single},
        {"migration", migration},
        {"source", {"app"}},
        {"target", {"app", "space", "shield"}},
        {"dns", {"max_ttl", "resolvers"}},
        {"health", {"url", "status"}},
        {"logs",
         {"window_minutes", "max_5xx_ratio", "fail_codes", "warn_codes", "max_p95_ms",
          "target_file", "source_file"}},
        {"dataclip", {"name", "database", "reassigned"}},
        {"data_parity", {"source_url_env", "target_url_env", "checksum_row_limit"}},
        {"accepted_loss", {"addon", "reason"}},
        {"waiver", {"check", "subject", "reason", "approved_by", "expires"}}};
  }();
  return keys;
}

Plan load_plan(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ConfigError(path + ": cannot read the plan file (" + std::strerror(errno) +
                      "); check the --plan path");
  }
  // Read up to one byte past the limit, so that a pipe or device is bounded as a file is.
  std::string text(k_max_plan_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > k_max_plan_bytes) {
    throw ConfigError(path + ": the plan file is larger than " +
                      std::to_string(k_max_plan_bytes >> 20U) +
                      " MiB (a plan of 10,000 migrations is about 2 MiB); is it the right file?");
  }
  Plan plan = parse_plan(text, path);
  // Log files named in the plan are found next to it, wherever spaceport runs from.
  const std::filesystem::path directory = std::filesystem::path(path).parent_path();
  for (auto& m : plan.migrations) {
    for (auto* file : {&m.logs.target_file, &m.logs.source_file}) {
      if (*file && std::filesystem::path(**file).is_relative()) {
        *file = (directory / **file).string();
      }
    }
  }
  return plan;
}

void keep_migrations(Plan& plan, const std::vector<std::string>& names) {
  if (names.empty()) {
    return;
  }
  std::vector<std::string> known;
  for (const auto& m : plan.migrations) {
    known.push_back(m.name);
  }
  for (const auto& name : names) {
    if (std::find(known.begin(), known.end(), name) != known.end()) {
      continue;
    }
    std::string message = "--migration: the plan " + plan.path + " has no migration \"" +
                          sanitize_text(name, 200) + "\"";
    if (const auto hint = closest_match(name, known)) {
      message += "; did you mean \"" + *hint + "\"?";
    }
    throw ConfigError(message);
  }
  std::erase_if(plan.migrations, [&](const Migration& m) {
    return std::find(names.begin(), names.end(), m.name) == names.end();
  });
}

int shard_of(std::string_view migration, int count) {
  int best = 0;
  std::string best_weight;
  for (int shard = 0; shard < count; ++shard) {
    // The weight of (migration, shard); the highest wins. SHA-256 keeps it the same on every
    // machine and every version, which a CI matrix needs.
    std::string weight = sha256_hex(std::to_string(shard) + "/" + std::string(migration));
    if (shard == 0 || weight > best_weight) {
      best = shard;
      best_weight = std::move(weight);
    }
  }
  return best;
}

void keep_shard(Plan& plan, int index, int count) {
  std::erase_if(plan.migrations,
                [&](const Migration& m) { return shard_of(m.name, count) != index - 1; });
}

}  // namespace spaceport
