#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spaceport {

/// What one lane of a cutover shows at one sample: where users (or a server, an app, a database)
/// are in the move. The SVG timeline colours lanes by it.
enum class LaneState {
  old_app,      // the old app serves; DNS points at it; the database still follows the old one
  maintenance,  // the app is in maintenance mode, or the health URL answered its page (503)
  down,         // no answer, or not the expected status
  pending,      // between the two: a domain added but not yet serving, a database catching up
  new_app,      // the new app serves; DNS points at it; the database is promoted
  other,        // DNS points at a third name or address
  none,         // no answer that can be judged (a server that did not reply, NXDOMAIN)
};

std::string to_string(LaneState state);

/// What a lane follows. `id` is stable for the run and unique: "dns www.acme.test
/// 127.0.0.1:53 authoritative", "health https://www.acme.test/health via 10.0.0.2:53".
struct Lane {
  std::string id;
  std::string kind;  // "dns", "health", "app", "database", "domain"
  std::string migration;
  std::string subject;  // dns, health, domain: the hostname; app, database: the app or add-on
  std::string url;      // health: the URL asked
  std::string via;      // dns, health: the server ("127.0.0.1:53"); else empty
  std::string role;     // dns, health: "authoritative" or "resolver"; app: "source" or "target"
};

/// A lane's state in one sample, with what was seen (for the timeline's text).
struct Observation {
  Lane lane;
  LaneState state = LaneState::none;
  std::string detail;
};

/// A change of one lane's state, seen at a sample; it happened after the lane's previous sample
/// (`since_ms`) and at or before `at_ms` (both from the start of the run).
struct LaneChange {
  std::string lane;
  std::optional<LaneState> from;  // nullopt: the lane's first sample
  LaneState to = LaneState::none;
  std::int64_t at_ms = 0;
  std::int64_t since_ms = 0;
  std::string detail;
};

/// A time measured between two samples' changes: `ms` is the best estimate (the difference of the
/// samples that saw the two ends) and `uncertainty_ms` how far the truth may be from it (the
/// gaps between those samples and the ones before them).
struct Measured {
  std::int64_t ms = 0;
  std::int64_t uncertainty_ms = 0;
};

/// Per domain, what users of the health URL saw: from the first sample in which it did not answer
/// the expected status (or answered the maintenance page) to the first from which it answered
/// through the new app and kept answering.
struct DomainDowntime {
  std::string migration;
  std::string hostname;
  std::string health_url;  // empty: the plan has no health URL on this domain
  std::optional<std::int64_t> down_from_ms;
  std::optional<std::int64_t> up_from_ms;  // on the new app, for good
  std::optional<Measured> downtime;        // nullopt: no downtime seen, or not over yet
  bool ongoing = false;                    // down at the last sample
  std::string note;                        // why a figure is missing
};

/// When a DNS server gave the new app's answer for good, and how long after the authoritative
/// servers all did.
struct ResolverSwitch {
  std::string migration;
  std::string hostname;
  std::string server;
  std::string role;
  std::optional<std::int64_t> switched_at_ms;
  std::optional<Measured> after_authoritative;  // resolvers only
};

/// Time in maintenance mode, per app.
struct MaintenanceSpan {
  std::string migration;
  std::string app;
  std::string role;  // source, target
  Measured total;
  bool ongoing = false;
};

/// The data freeze: from the source app going into maintenance to the target's database
/// being promoted (following nothing).
struct DataFreeze {
  std::string migration;
  std::string database;
  std::optional<Measured> freeze;
  std::string note;
};

struct CutoverFigures {
  std::vector<DomainDowntime> downtime;
  std::vector<ResolverSwitch> switches;
  std::vector<MaintenanceSpan> maintenance;
  std::vector<DataFreeze> data_freeze;
};

/// The samples of a cutover reduced to what changed and when: the lanes, each lane's changes, and
/// the figures derived from them. Memory grows with the changes, not the samples, so a long
/// window costs nothing more.
class CutoverTimeline {
 public:
  /// One sample at `at_ms` from the start; lanes seen for the first time are added in order.
  void add(std::int64_t at_ms, const std::vector<Observation>& observations);

  const std::vector<Lane>& lanes() const noexcept { return m_lanes; }
  const std::vector<LaneChange>& changes() const noexcept { return m_changes; }
  /// The state each lane had at its latest sample.
  std::optional<LaneState> current(const std::string& lane) const;
  /// Since when (ms) the lane has been in its current state.
  std::optional<std::int64_t> current_since(const std::string& lane) const;
  std::int64_t last_sample_ms() const noexcept { return m_last_ms; }
  long samples() const noexcept { return m_samples; }

  /// Whether every lane that should end on the new app (all but the source app's) is there, and
  /// has been since when; nullopt when some lane is not, or there is none.
  std::optional<std::int64_t> settled_since() const;

  CutoverFigures figures() const;

 private:
  struct LaneRecord {
    std::size_t index = 0;  // in m_lanes
    LaneState state = LaneState::none;
    std::int64_t since_ms = 0;  // the sample that saw the current state
    std::int64_t last_ms = 0;   // the lane's latest sample
  };
  /// The changes of one lane, in order.
  std::vector<const LaneChange*> changes_of(const std::string& lane) const;
  /// The change into the lane's current state (nullptr: no sample of it).
  const LaneChange* last_change(const std::string& lane) const;
  std::vector<DomainDowntime> downtime_figures() const;
  std::vector<ResolverSwitch> switch_figures() const;
  /// When every authoritative server of the hostname gave the new app's answer for good (the
  /// latest of their switches); nullptr while one has not.
  const LaneChange* authoritative_switch(const std::string& migration,
                                         const std::string& hostname) const;
  std::vector<MaintenanceSpan> maintenance_figures() const;
  std::vector<DataFreeze> freeze_figures() const;

  std::vector<Lane> m_lanes;
  std::map<std::string, LaneRecord> m_records;
  std::vector<LaneChange> m_changes;
  std::int64_t m_last_ms = 0;
  long m_samples = 0;
};

}  // namespace spaceport
