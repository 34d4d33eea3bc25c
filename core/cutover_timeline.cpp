#include "core/cutover_timeline.hpp"

#include <algorithm>

namespace spaceport {
namespace {

bool is_down(LaneState state) {
  return state == LaneState::down || state == LaneState::maintenance;
}

/// The window a change was seen in: it happened after `since_ms`, at or before `at_ms`.
std::int64_t window(const LaneChange& change) {
  return change.at_ms - change.since_ms;
}

}  // namespace

std::string to_string(LaneState state) {
  switch (state) {
    case LaneState::old_app:
      return "old";
    case LaneState::maintenance:
      return "maintenance";
    case LaneState::down:
      return "down";
    case LaneState::pending:
      return "pending";
    case LaneState::new_app:
      return "new";
    case LaneState::other:
      return "other";
    case LaneState::none:
      return "none";
  }
  return "none";
}

void CutoverTimeline::add(std::int64_t at_ms, const std::vector<Observation>& observations) {
  for (const auto& o : observations) {
    auto found = m_records.find(o.lane.id);
    if (found == m_records.end()) {
      m_lanes.push_back(o.lane);
      m_records.emplace(o.lane.id, LaneRecord{m_lanes.size() - 1, o.state, at_ms, at_ms});
      m_changes.push_back(LaneChange{o.lane.id, std::nullopt, o.state, at_ms, at_ms, o.detail});
      continue;
    }
    LaneRecord& r = found->second;
    if (r.state != o.state) {
      m_changes.push_back(LaneChange{o.lane.id, r.state, o.state, at_ms, r.last_ms, o.detail});
      r.state = o.state;
      r.since_ms = at_ms;
    }
    r.last_ms = at_ms;
  }
  m_last_ms = std::max(m_last_ms, at_ms);
  ++m_samples;
}

std::optional<LaneState> CutoverTimeline::current(const std::string& lane) const {
  const auto found = m_records.find(lane);
  if (found == m_records.end()) {
    return std::nullopt;
  }
  return found->second.state;
}

std::optional<std::int64_t> CutoverTimeline::current_since(const std::string& lane) const {
  const auto found = m_records.find(lane);
  if (found == m_records.end()) {
    return std::nullopt;
  }
  return found->second.since_ms;
}

std::vector<const LaneChange*> CutoverTimeline::changes_of(const std::string& lane) const {
  std::vector<const LaneChange*> out;
  for (const auto& c : m_changes) {
    if (c.lane == lane) {
      out.push_back(&c);
    }
  }
  return out;
}

std::optional<std::int64_t> CutoverTimeline::settled_since() const {
  std::optional<std::int64_t> since;
  for (const auto& lane : m_lanes) {
    if (lane.kind == "app" && lane.role == "source") {
      continue;  // the old app stays as it was left (in maintenance, or serving): not a lane
                 // that moves
    }
    const LaneRecord& r = m_records.at(lane.id);
    if (r.state != LaneState::new_app) {
      return std::nullopt;
    }
    since = std::max(since.value_or(r.since_ms), r.since_ms);
  }
  return since;
}

const LaneChange* CutoverTimeline::last_change(const std::string& lane) const {
  const auto changes = changes_of(lane);
  return changes.empty() ? nullptr : changes.back();
}

std::vector<DomainDowntime> CutoverTimeline::downtime_figures() const {
  std::vector<DomainDowntime> out;
  // Downtime, per migration and hostname, from the health lanes (through resolvers when there
  // are any: that is what users see).
  std::map<std::pair<std::string, std::string>, std::vector<const Lane*>> health;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& lane : m_lanes) {
    if (lane.kind == "dns" || lane.kind == "health") {
      const auto key = std::make_pair(lane.migration, lane.subject);
      if (std::find(order.begin(), order.end(), key) == order.end()) {
        order.push_back(key);
      }
    }
    if (lane.kind == "health") {
      health[{lane.migration, lane.subject}].push_back(&lane);
    }
  }
  for (const auto& key : order) {
    DomainDowntime d{key.first, key.second, {}, {}, {}, {}, false, {}};
    auto lanes = health[key];
    if (lanes.empty()) {
      d.note = "the plan has no health URL on this domain: its downtime cannot be seen";
      out.push_back(d);
      continue;
    }
    if (std::any_of(lanes.begin(), lanes.end(),
                    [](const Lane* l) { return l->role == "resolver"; })) {
      lanes.erase(std::remove_if(lanes.begin(), lanes.end(),
                                 [](const Lane* l) { return l->role != "resolver"; }),
                  lanes.end());
    }
    d.health_url = lanes.front()->url;
    const LaneChange* first_down = nullptr;
    bool all_new = true;
    bool any_down_now = false;
    const LaneChange* up = nullptr;
    for (const Lane* lane : lanes) {
      for (const LaneChange* c : changes_of(lane->id)) {
        if (is_down(c->to) && (first_down == nullptr || c->at_ms < first_down->at_ms)) {
          first_down = c;
        }
      }
      const LaneState now = m_records.at(lane->id).state;
      all_new = all_new && now == LaneState::new_app;
      any_down_now = any_down_now || is_down(now);
      const LaneChange* last = last_change(lane->id);
      if (now == LaneState::new_app && (up == nullptr || last->at_ms > up->at_ms)) {
        up = last;
      }
    }
    if (first_down != nullptr) {
      d.down_from_ms = first_down->at_ms;
    }
    if (any_down_now) {
      d.ongoing = true;
      d.note = "still down at the last sample";
    } else if (!all_new) {
      d.note = "not answering through the new app at the last sample";
    } else {
      d.up_from_ms = up->at_ms;
      if (first_down == nullptr) {
        d.downtime = Measured{0, std::max<std::int64_t>(window(*up), 0)};
        d.note = "no sample saw it down (an outage shorter than the interval would not show)";
      } else {
        d.downtime =
            Measured{up->at_ms - first_down->at_ms, std::max(window(*up), window(*first_down))};
      }
    }
    out.push_back(d);
  }

  return out;
}

const LaneChange* CutoverTimeline::authoritative_switch(const std::string& migration,
                                                        const std::string& hostname) const {
  const LaneChange* latest = nullptr;
  for (const auto& lane : m_lanes) {
    if (lane.kind != "dns" || lane.role != "authoritative" || lane.migration != migration ||
        lane.subject != hostname) {
      continue;
    }
    if (m_records.at(lane.id).state != LaneState::new_app) {
      return nullptr;  // one still answers otherwise: the authoritative side has not switched
    }
    const LaneChange* last = last_change(lane.id);
    latest = latest == nullptr || last->at_ms > latest->at_ms ? last : latest;
  }
  return latest;
}

std::vector<ResolverSwitch> CutoverTimeline::switch_figures() const {
  std::vector<ResolverSwitch> out;
  for (const auto& lane : m_lanes) {
    if (lane.kind != "dns") {
      continue;
    }
    ResolverSwitch s{lane.migration, lane.subject, lane.via, lane.role, {}, {}};
    if (m_records.at(lane.id).state == LaneState::new_app) {
      const LaneChange* last = last_change(lane.id);
      s.switched_at_ms = last->at_ms;
      const LaneChange* auth =
          lane.role == "resolver" ? authoritative_switch(lane.migration, lane.subject) : nullptr;
      if (auth != nullptr) {
        s.after_authoritative =
            Measured{last->at_ms - auth->at_ms, std::max(window(*last), window(*auth))};
      }
    }
    out.push_back(s);
  }
  return out;
}

std::vector<MaintenanceSpan> CutoverTimeline::maintenance_figures() const {
  std::vector<MaintenanceSpan> out;
  // Maintenance, per app.
  for (const auto& lane : m_lanes) {
    if (lane.kind != "app") {
      continue;
    }
    MaintenanceSpan span{lane.migration, lane.subject, lane.role, {}, false};
    const LaneChange* entered = nullptr;
    for (const LaneChange* c : changes_of(lane.id)) {
      if (c->to == LaneState::maintenance && entered == nullptr) {
        entered = c;
      } else if (c->to != LaneState::maintenance && entered != nullptr) {
        span.total.ms += c->at_ms - entered->at_ms;
        span.total.uncertainty_ms += window(*c) + window(*entered);
        entered = nullptr;
      }
    }
    if (entered != nullptr) {
      span.total.ms += m_last_ms - entered->at_ms;
      span.total.uncertainty_ms += window(*entered);
      span.ongoing = true;
    }
    out.push_back(span);
  }
  return out;
}

std::vector<DataFreeze> CutoverTimeline::freeze_figures() const {
  std::vector<DataFreeze> out;
  for (const auto& db : m_lanes) {
    if (db.kind != "database") {
      continue;
    }
    DataFreeze f{db.migration, db.subject, {}, {}};
    const LaneChange* frozen = nullptr;
    for (const auto& lane : m_lanes) {
      if (lane.kind == "app" && lane.role == "source" && lane.migration == db.migration) {
        for (const LaneChange* c : changes_of(lane.id)) {
          if (c->to == LaneState::maintenance) {
            frozen = c;
            break;
          }
        }
      }
    }
    const LaneChange* promoted = nullptr;
    for (const LaneChange* c : changes_of(db.id)) {
      if (c->to == LaneState::new_app && promoted == nullptr &&
          (frozen == nullptr || c->at_ms >= frozen->at_ms)) {
        promoted = c;
      }
    }
    if (frozen == nullptr) {
      f.note = "the source app was not seen in maintenance mode";
    } else if (promoted == nullptr) {
      f.note = "the database was not seen promoted after the source went into maintenance";
    } else {
      f.freeze =
          Measured{promoted->at_ms - frozen->at_ms, std::max(window(*promoted), window(*frozen))};
    }
    out.push_back(f);
  }
  return out;
}

CutoverFigures CutoverTimeline::figures() const {
  return CutoverFigures{downtime_figures(), switch_figures(), maintenance_figures(),
                        freeze_figures()};
}

}  // namespace spaceport
