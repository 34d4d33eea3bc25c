#include "probes/postgres.hpp"

#include <memory>
#include <string_view>

#include <libpq-fe.h>

#include "core/text.hpp"

namespace spaceport {
namespace {

/// What spaceport must know of a connection string before it connects: the words that must
/// never reach a message, and the TLS settings the string makes itself.
struct ConnectionSettings {
  std::vector<std::string> secrets;  // the password, the user, the string itself
  bool sets_sslmode = false;
  bool sets_min_tls = false;
};

/// Why libpq could not read a connection string, in words that hold no part of it: libpq's own
/// message quotes the token it stumbled on, which may be the password.
std::string unusable_because(const std::string& libpq_text) {
  if (libpq_text.find("percent-encod") != std::string::npos) {
    return "a %-escape in it is malformed (a % must be followed by two hex digits; write a "
           "literal % in a password as %25)";
  }
  if (libpq_text.find("missing \"=\"") != std::string::npos ||
      libpq_text.find("invalid connection option") != std::string::npos) {
    return "it is neither a postgres:// URL nor key=value pairs libpq knows";
  }
  if (libpq_text.find("unterminated") != std::string::npos) {
    return "a quoted value in it is not closed";
  }
  return "libpq cannot read it as a postgres:// URL or key=value pairs";
}

/// Parses the string as libpq will (PQconninfoParse), before any connection.
ConnectionSettings settings_of(const std::string& url, const std::string& label) {
  char* error = nullptr;
  const std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
      PQconninfoParse(url.c_str(), &error), PQconninfoFree);
  if (!options) {
    const std::string text = error != nullptr ? error : "";
    PQfreemem(error);
    throw PostgresError(label + " cannot be used: " + unusable_because(text) +
                        "; the URL itself is never printed");
  }
  ConnectionSettings out;
  out.secrets.push_back(url);
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') {
      continue;
    }
    const std::string_view key = o->keyword;
    if (key == "password" || key == "user") {
      out.secrets.emplace_back(o->val);
    }
    out.sets_sslmode = out.sets_sslmode || key == "sslmode";
    out.sets_min_tls = out.sets_min_tls || key == "ssl_min_protocol_version";
  }
  return out;
}

/// libpq's words, trimmed, with every secret of the connection string taken out: libpq names
/// the user ("password authentication failed for user ...") and quotes what it cannot parse.
std::string libpq_message(const PGconn* connection, const std::vector<std::string>& secrets) {
  std::string text = PQerrorMessage(connection);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return sanitize_text(redact(text, secrets), 400);
}

}  // namespace

std::string redact(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) {
      continue;
    }
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 10)) {
      text.replace(at, secret.size(), "[redacted]");
    }
  }
  return text;
}

PostgresReader::PostgresReader(const std::string& url, const std::string& label,
                               const PostgresOptions& options)
    : m_label(label) {
  const ConnectionSettings settings = settings_of(url, label);
  m_secrets = settings.secrets;
  const std::string server_options = "-c default_transaction_read_only=on -c statement_timeout=" +
                                     std::to_string(options.statement_timeout.count());
  const std::string connect_timeout =
      std::to_string(std::max<long long>(2, options.statement_timeout.count() / 1000));
  // The URL's own settings come first; ours come after and win. TLS is required unless the URL
  // asks otherwise (libpq's default, "prefer", sends the password in clear text to a server that
  // declines TLS), and verified against --ca-file when one is given.
  std::vector<const char*> keys{"dbname", "options", "connect_timeout", "application_name"};
  std::vector<const char*> values{url.c_str(), server_options.c_str(), connect_timeout.c_str(),
                                  "spaceport"};
  if (!settings.sets_sslmode) {
    keys.push_back("sslmode");
    values.push_back(options.ca_file ? "verify-full" : "require");
    if (options.ca_file) {
      keys.push_back("sslrootcert");
      values.push_back(options.ca_file->c_str());
    }
  }
  if (!settings.sets_min_tls) {
    keys.push_back("ssl_min_protocol_version");
    values.push_back("TLSv1.2");
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  m_connection = PQconnectdbParams(keys.data(), values.data(), 1);
  if (m_connection == nullptr) {
    throw PostgresError("cannot connect to " + label + ": out of memory");
  }
  if (PQstatus(m_connection) != CONNECTION_OK) {
    const std::string why = libpq_message(m_connection, m_secrets);
    PQfinish(m_connection);
    m_connection = nullptr;
    throw PostgresError("cannot connect to " + label + ": " + why);
  }
  query("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

PostgresReader::~PostgresReader() {
  if (m_connection != nullptr) {
    PQfinish(m_connection);  // ends the read-only transaction; nothing to commit
  }
}

std::vector<std::vector<std::optional<std::string>>> PostgresReader::query(const std::string& sql) {
  const std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(m_connection, sql.c_str()),
                                                              PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw PostgresError("reading " + m_label +
                        " failed: " + libpq_message(m_connection, m_secrets));
  }
  std::vector<std::vector<std::optional<std::string>>> rows;
  const int columns = PQnfields(result.get());
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    auto& row = rows.emplace_back();
    for (int c = 0; c < columns; ++c) {
      row.push_back(PQgetisnull(result.get(), r, c) != 0
                        ? std::nullopt
                        : std::optional<std::string>(PQgetvalue(result.get(), r, c)));
    }
  }
  return rows;
}

std::string PostgresReader::identifier(const std::string& name) {
  const std::unique_ptr<char, void (*)(void*)> quoted(
      PQescapeIdentifier(m_connection, name.c_str(), name.size()), PQfreemem);
  if (!quoted) {
    throw PostgresError("cannot quote the name " + name + ": " +
                        libpq_message(m_connection, m_secrets));
  }
  return quoted.get();
}

std::vector<TableInfo> PostgresReader::tables() {
  std::vector<TableInfo> out;
  for (const auto& row :
       query("SELECT n.nspname, c.relname, c.reltuples::bigint, c.oid FROM pg_class c "
             "JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
             "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
             "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
             "ORDER BY 1, 2")) {
    TableInfo table;
    table.schema = row[0].value_or("");
    table.name = row[1].value_or("");
    table.estimated_rows = std::stoll(row[2].value_or("-1"));
    for (const auto& key :
         query("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
               "AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND i.indrelid = " +
               row[3].value_or("0") + " ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
      table.primary_key.push_back(key[0].value_or(""));
    }
    out.push_back(std::move(table));
  }
  return out;
}

TableContents PostgresReader::contents(const TableInfo& table, long checksum_row_limit) {
  TableContents out;
  if (table.estimated_rows > checksum_row_limit) {
    out.rows = table.estimated_rows;
    out.exact = false;
    return out;
  }
  const std::string relation = identifier(table.schema) + "." + identifier(table.name);
  if (table.primary_key.empty()) {
    out.rows = std::stoll(query("SELECT count(*) FROM " + relation)[0][0].value_or("0"));
    return out;
  }
  std::string columns;
  for (const auto& column : table.primary_key) {
    columns += (columns.empty() ? "" : ", ") + identifier(column);
  }
  // A sum of per-key hashes: independent of row order and of the servers' collations.
  const auto row = query("SELECT count(*), coalesce(sum(('x' || substr(md5((" + columns +
                         ")::text), 1, 15))::bit(60)::bigint), 0)::text FROM " + relation)[0];
  out.rows = std::stoll(row[0].value_or("0"));
  out.key_checksum = row[1];
  return out;
}

std::unique_ptr<PostgresReader> Databases::open(const std::string& variable,
                                                const std::string& label) const {
  const char* url = m_environment(variable.c_str());
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error("the environment variable " + variable +
                             " named in the plan's data_parity is not set; export the "
                             "database URL in it (it is never printed)");
  }
  return std::make_unique<PostgresReader>(url, label, m_options);
}

}  // namespace spaceport
