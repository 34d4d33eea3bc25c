#include "probes/postgres.hpp"

#include <memory>

#include <libpq-fe.h>

#include "core/text.hpp"

namespace spaceport {
namespace {

/// libpq's words, trimmed: they name host, port and user, never the password.
std::string libpq_message(const PGconn* connection) {
  std::string text = PQerrorMessage(connection);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return sanitize_text(text, 400);
}

}  // namespace

PostgresReader::PostgresReader(const std::string& url, const std::string& label,
                               std::chrono::milliseconds statement_timeout)
    : m_label(label) {
  const std::string options = "-c default_transaction_read_only=on -c statement_timeout=" +
                              std::to_string(statement_timeout.count());
  const std::string connect_timeout =
      std::to_string(std::max<long long>(2, statement_timeout.count() / 1000));
  // The URL's own settings come first; ours come after and win.
  const char* const keys[] = {"dbname", "options", "connect_timeout", "application_name", nullptr};
  const char* const values[] = {url.c_str(), options.c_str(), connect_timeout.c_str(), "spaceport",
                                nullptr};
  m_connection = PQconnectdbParams(keys, values, 1);
  if (m_connection == nullptr) {
    throw PostgresError("cannot connect to " + label + ": out of memory");
  }
  if (PQstatus(m_connection) != CONNECTION_OK) {
    const std::string why = libpq_message(m_connection);
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
    throw PostgresError("reading " + m_label + " failed: " + libpq_message(m_connection));
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
    throw PostgresError("cannot quote the name " + name + ": " + libpq_message(m_connection));
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
  return std::make_unique<PostgresReader>(url, label, m_statement_timeout);
}

}  // namespace spaceport
