#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/environment.hpp"

// libpq's connection (PGconn), declared so that this header does not need libpq's.
struct pg_conn;

namespace spaceport {

/// A database could not be read. The message never holds the connection URL.
class PostgresError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One table as the catalogue describes it.
struct TableInfo {
  std::string schema;
  std::string name;
  long long estimated_rows = -1;  // pg_class.reltuples; -1 when never analysed
  std::vector<std::string> primary_key;
};

/// What one table holds: exact when counted, else the planner's estimate.
struct TableContents {
  long long rows = 0;
  bool exact = true;
  std::optional<std::string> key_checksum;  // sum of the primary keys' hashes, when checked
};

/// How spaceport connects to a database.
struct PostgresOptions {
  std::chrono::milliseconds statement_timeout{60'000};
  /// --ca-file: the server's certificate is verified against it (sslmode verify-full); without
  /// it TLS is required (sslmode require) unless the URL sets sslmode itself.
  std::optional<std::string> ca_file = std::nullopt;
};

/// `text` with each non-empty secret replaced by "[redacted]".
std::string redact(std::string text, const std::vector<std::string>& secrets);

/// A read-only connection, sole owner of its PGconn: every transaction is READ ONLY (the server
/// refuses writes), statements are bounded by a timeout, and one REPEATABLE READ transaction
/// gives every query the same snapshot.
class PostgresReader {
 public:
  /// `label` names the database in messages ("the source database"); the URL, its user and its
  /// password never appear: libpq reads the URL before anything connects, and its messages are
  /// redacted. TLS 1.2 or later is required unless the URL asks otherwise.
  PostgresReader(const std::string& url, const std::string& label, const PostgresOptions& options);
  ~PostgresReader();
  PostgresReader(const PostgresReader&) = delete;
  PostgresReader& operator=(const PostgresReader&) = delete;

  std::vector<TableInfo> tables();
  /// Exact count and key checksum when the estimate is at most `checksum_row_limit`, else the
  /// estimate alone.
  TableContents contents(const TableInfo& table, long checksum_row_limit);

 private:
  std::vector<std::vector<std::optional<std::string>>> query(const std::string& sql);
  std::string identifier(const std::string& name);

  pg_conn* m_connection = nullptr;
  std::string m_label;
  std::vector<std::string> m_secrets;
};

/// The databases data.parity compares: each URL comes from an environment variable the plan
/// names (and is never printed), each reader is read-only with its statements bounded.
class Databases {
 public:
  Databases(PostgresOptions options, Environment environment)
      : m_options(std::move(options)), m_environment(std::move(environment)) {}

  /// A reader of the database whose URL `variable` holds; `label` names it in messages. Throws
  /// std::runtime_error naming the variable when it is unset or empty, PostgresError when the
  /// database cannot be read.
  std::unique_ptr<PostgresReader> open(const std::string& variable, const std::string& label) const;

 private:
  PostgresOptions m_options;
  Environment m_environment;
};

}  // namespace spaceport
