#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spaceport {

/// One migration of a plan file, as docs/plan.md defines it. Optional parts that a check
/// needs are checked by that check; the loader only guarantees types and required fields.
/// An app the plan names, by name or by id (the Platform API takes either). The loader fills
/// `app` and `written` with the plan's spelling; at the start of a run every app is resolved
/// through the API (runner/identities.hpp): `id` becomes the API's id, which every read and
/// comparison uses, and `app` the API's name, which messages and results show.
struct AppRef {
  std::string app;
  std::string id;       // empty until resolved
  std::string written;  // as the plan spells it
};

struct Migration {
  struct Source : AppRef {};
  struct Target : AppRef {
    std::string space;
    std::optional<bool> shield;  // absent: the plan makes no claim about Shield
  };
  struct Dns {
    int max_ttl = 60;
    std::vector<std::string> resolvers;
  };
  struct Health {
    std::string url;
    int status = 200;
    int line = 0;  // in the plan file
  };
  struct Logs {
    int window_minutes = 15;
    double max_5xx_ratio = 0.01;
    // Absent: the defaults of core/error_codes.cpp (crashes, timeouts, boot, memory and
    // platform errors fail; client-side and informational codes only count).
    std::optional<std::vector<std::string>> fail_codes;
    std::optional<std::vector<std::string>> warn_codes;
    // Captured log lines to read instead of a log session (Shield spaces with Private Space
    // Logging have no `heroku logs`); relative paths are taken from the plan's directory.
    std::optional<std::string> target_file;
    std::optional<std::string> source_file;
    std::optional<int> max_p95_ms;
  };
  struct Dataclip {
    std::string name;
    std::string database;
    bool reassigned = false;
  };
  struct DataParity {
    std::string source_url_env;  // names of environment variables holding the database URLs
    std::string target_url_env;
    long checksum_row_limit = 1'000'000;  // above it, counts are estimates and keys unchecked
  };
  struct AcceptedDataLoss {
    std::string addon;
    std::string reason;
  };
  struct Waiver {
    std::string check;
    std::string subject;
    std::string reason;
    std::string approved_by;
    std::string expires;  // YYYY-MM-DD, validated by the loader
    int line = 0;         // in the plan file; 0 for a waiver read back from a report
  };

  std::string name;
  Source source;
  Target target;
  std::optional<std::vector<std::string>> domains;  // absent: taken from the apps
  Dns dns;
  std::vector<Health> health;
  Logs logs;
  std::optional<std::vector<Dataclip>> dataclips;  // absent differs from an empty inventory
  std::optional<DataParity> data_parity;
  std::vector<AcceptedDataLoss> accept_data_loss;
  std::vector<Waiver> waivers;

  // Where the plan file says it (1-based lines), so CI can point at them: the migration, its
  // "source" and "target" keys, each domain by its canonical name, and each dataclip and
  // accepted data loss by the name it gives (the dataclip's, the add-on's).
  int line = 0;
  int source_line = 0;
  int target_line = 0;
  std::map<std::string, int> domain_lines;
  std::map<std::string, int> named_lines;
};

struct Plan {
  std::string path;
  // The bytes read at the start of the run: the evidence holds these, not whatever the file says
  // by the time the run ends.
  std::string text;
  std::string sha256;
  std::vector<Migration> migrations;
};

}  // namespace spaceport
