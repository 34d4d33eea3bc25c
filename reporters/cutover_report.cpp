#include "reporters/cutover_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/duration.hpp"
#include "core/text.hpp"
#include "reporters/markdown_text.hpp"

namespace spaceport {
namespace {

using nlohmann::json;

std::string seconds_text(std::int64_t ms) {
  const bool negative = ms < 0;
  const std::int64_t a = negative ? -ms : ms;
  char buffer[64];
  if (a < 60'000) {
    std::snprintf(buffer, sizeof buffer, "%s%.1f s", negative ? "-" : "",
                  static_cast<double>(a) / 1000.0);
  } else {
    std::snprintf(buffer, sizeof buffer, "%s%lld min %04.1f s", negative ? "-" : "",
                  static_cast<long long>(a / 60'000), static_cast<double>(a % 60'000) / 1000.0);
  }
  return buffer;
}

json optional_ms(const std::optional<std::int64_t>& ms) {
  return ms ? json(*ms) : json(nullptr);
}

json measured_json(const std::optional<Measured>& m) {
  if (!m) {
    return nullptr;
  }
  return {{"ms", m->ms}, {"uncertainty_ms", m->uncertainty_ms}};
}

std::string optional_text(const std::optional<std::int64_t>& ms) {
  return ms ? format_offset(*ms) : std::string("-");
}

int kind_rank(const std::string& kind) {
  static const std::vector<std::string> order{"app", "database", "domain", "dns", "health"};
  return static_cast<int>(std::find(order.begin(), order.end(), kind) - order.begin());
}

/// The lanes as people read them: by migration, then apps, databases, domains, DNS, health.
std::vector<const Lane*> display_order(const CutoverTimeline& timeline) {
  std::vector<const Lane*> lanes;
  for (const auto& lane : timeline.lanes()) {
    lanes.push_back(&lane);
  }
  std::stable_sort(lanes.begin(), lanes.end(), [](const Lane* a, const Lane* b) {
    if (a->migration != b->migration) {
      return a->migration < b->migration;
    }
    if (kind_rank(a->kind) != kind_rank(b->kind)) {
      return kind_rank(a->kind) < kind_rank(b->kind);
    }
    return a->subject < b->subject;
  });
  return lanes;
}

struct LaneColour {
  const char* fill;
  const char* label;
};

LaneColour colour_of(LaneState state) {
  switch (state) {
    case LaneState::old_app:
      return {"#4e79a7", "old app"};
    case LaneState::maintenance:
      return {"#f2a93b", "maintenance"};
    case LaneState::down:
      return {"#d64541", "down"};
    case LaneState::pending:
      return {"#a0a7b0", "pending"};
    case LaneState::new_app:
      return {"#3a9d5d", "new app"};
    case LaneState::other:
      return {"#8e6bbf", "elsewhere"};
    case LaneState::none:
      return {"#f4f4f4", "no answer"};
  }
  return {"#f4f4f4", "no answer"};
}

/// A step for the time axis giving at most about ten ticks.
std::int64_t tick_step(std::int64_t span_ms) {
  static const std::int64_t steps[] = {1'000,   2'000,     5'000,     10'000,   15'000,
                                       30'000,  60'000,    120'000,   300'000,  600'000,
                                       900'000, 1'800'000, 3'600'000, 7'200'000};
  for (const auto step : steps) {
    if (span_ms / step <= 10) {
      return step;
    }
  }
  return 14'400'000;
}

/// A lane's name as the picture's label column holds it: at most 66 characters, the middle
/// elided (the whole name is in the bar's tooltip).
std::string lane_label(const Lane& lane) {
  constexpr std::size_t k_most = 66;
  const std::string title = lane_title(lane);
  if (title.size() <= k_most) {
    return title;
  }
  return title.substr(0, 30) + "\u2026" + title.substr(title.size() - (k_most - 31));
}

std::string stopped_text(const CutoverRun& run) {
  if (run.stopped == "settled") {
    return "everything settled on the new app";
  }
  if (run.stopped == "signal") {
    return "stopped by a signal";
  }
  return "the time was up";
}

}  // namespace

std::string lane_title(const Lane& lane) {
  if (lane.kind == "dns") {
    return "DNS " + lane.subject + " at " + lane.via + " (" + lane.role + ")";
  }
  if (lane.kind == "health") {
    return "health " + lane.url + " via " + lane.via + " (" + lane.role + ")";
  }
  if (lane.kind == "app") {
    return lane.role + " app " + lane.subject;
  }
  if (lane.kind == "database") {
    return "database " + lane.subject;
  }
  return "domain " + lane.subject + " on the apps";
}

std::string format_offset(std::int64_t ms) {
  return (ms < 0 ? "" : "+") + seconds_text(ms);
}

std::string format_measured(const Measured& m) {
  return seconds_text(m.ms) + " ± " + seconds_text(m.uncertainty_ms);
}

namespace {

/// The figures as the JSON report holds them.
json figures_json(const CutoverFigures& figures) {
  json downtime = json::array();
  for (const auto& d : figures.downtime) {
    downtime.push_back({{"migration", d.migration},
                        {"hostname", d.hostname},
                        {"health_url", d.health_url},
                        {"down_from_ms", optional_ms(d.down_from_ms)},
                        {"up_from_ms", optional_ms(d.up_from_ms)},
                        {"downtime", measured_json(d.downtime)},
                        {"ongoing", d.ongoing},
                        {"note", d.note}});
  }
  json switches = json::array();
  for (const auto& s : figures.switches) {
    switches.push_back({{"migration", s.migration},
                        {"hostname", s.hostname},
                        {"server", s.server},
                        {"role", s.role},
                        {"switched_at_ms", optional_ms(s.switched_at_ms)},
                        {"after_authoritative", measured_json(s.after_authoritative)}});
  }
  json maintenance = json::array();
  for (const auto& m : figures.maintenance) {
    maintenance.push_back({{"migration", m.migration},
                           {"app", m.app},
                           {"role", m.role},
                           {"total", measured_json(m.total)},
                           {"ongoing", m.ongoing}});
  }
  json freeze = json::array();
  for (const auto& f : figures.data_freeze) {
    freeze.push_back({{"migration", f.migration},
                      {"database", f.database},
                      {"freeze", measured_json(f.freeze)},
                      {"note", f.note}});
  }
  return {{"downtime", std::move(downtime)},
          {"dns_switches", std::move(switches)},
          {"maintenance", std::move(maintenance)},
          {"data_freeze", std::move(freeze)}};
}

/// Every lane with its final state, and every change with its time.
std::pair<json, json> lanes_and_changes_json(const CutoverRun& run,
                                             const CutoverTimeline& timeline) {
  json lanes = json::array();
  for (const auto& lane : timeline.lanes()) {
    lanes.push_back({{"id", lane.id},
                     {"kind", lane.kind},
                     {"migration", lane.migration},
                     {"subject", lane.subject},
                     {"url", lane.url},
                     {"via", lane.via},
                     {"role", lane.role},
                     {"state", to_string(timeline.current(lane.id).value_or(LaneState::none))}});
  }
  json changes = json::array();
  for (const auto& c : timeline.changes()) {
    changes.push_back({{"lane", c.lane},
                       {"at_ms", c.at_ms},
                       {"since_ms", c.since_ms},
                       {"at", format_rfc3339(run.started_at + std::chrono::milliseconds(c.at_ms))},
                       {"from", c.from ? json(to_string(*c.from)) : json(nullptr)},
                       {"to", to_string(c.to)},
                       {"detail", c.detail}});
  }
  return {std::move(lanes), std::move(changes)};
}

}  // namespace

json cutover_json(const CutoverRun& run, const CutoverTimeline& timeline) {
  auto [lanes, changes] = lanes_and_changes_json(run, timeline);
  const RateUse& use = run.api_use;
  return {
      {"schema", "spaceport.cutover/1"},
      {"tool", {{"name", "spaceport"}, {"version", run.tool_version}, {"commit", run.tool_commit}}},
      {"run",
       {{"command", "cutover"},
        {"command_line", run.command_line},
        {"started_at", format_rfc3339(run.started_at)},
        {"finished_at", format_rfc3339(run.finished_at)},
        {"interval_ms", run.interval.count()},
        {"api_interval_ms", run.api_interval.count()},
        {"settle_ms", run.settle.count()},
        {"stopped", run.stopped},
        {"exit_code", run.exit_code},
        {"account", run.account},
        {"ci", run.ci}}},
      {"plan", {{"path", run.plan_path}, {"sha256", run.plan_sha256}}},
      {"samples",
       {{"network", run.network_samples},
        {"api", run.api_samples},
        {"network_ms_mean", run.network_sample_mean.count()},
        {"network_ms_max", run.network_sample_max.count()},
        {"network_queries_per_sample", run.network_queries_per_sample},
        {"api_requests_per_sample", run.api_requests_per_sample},
        {"last_ms", timeline.last_sample_ms()}}},
      {"settled_since_ms", optional_ms(timeline.settled_since())},
      {"lanes", std::move(lanes)},
      {"changes", std::move(changes)},
      {"figures", figures_json(timeline.figures())},
      {"api",
       {{"requests", use.requests},
        {"rate_limited", use.rate_limited},
        {"lowest_remaining", use.lowest_remaining ? json(*use.lowest_remaining) : json(nullptr)},
        {"budget_wait_ms", use.waited.count()}}}};
}

std::string cutover_markdown(const CutoverRun& run, const CutoverTimeline& timeline) {
  const CutoverFigures figures = timeline.figures();
  std::string out = "## spaceport cutover: " + markdown_cell(run.plan_path) + "\n\n";
  out += "From " + format_rfc3339(run.started_at) + " to " + format_rfc3339(run.finished_at) +
         ": " + stopped_text(run) + " (exit " + std::to_string(run.exit_code) + "). DNS and " +
         "health sampled every " + format_duration(run.interval) + " (" +
         std::to_string(run.network_samples) + " samples), the apps and databases every " +
         format_duration(run.api_interval) + " (" + std::to_string(run.api_samples) +
         "); each figure is ± the gaps between the samples that saw its ends.\n\n";
  out +=
      "### User-visible downtime\n\n| Domain | Health URL | Downtime | Down from | On the new "
      "app from | Note |\n| --- | --- | --- | --- | --- | --- |\n";
  for (const auto& d : figures.downtime) {
    out += "| " + markdown_cell(d.hostname) + " | " + markdown_cell(d.health_url) + " | " +
           (d.downtime ? "**" + format_measured(*d.downtime) + "**"
                       : std::string(d.ongoing ? "ongoing" : "-")) +
           " | " + optional_text(d.down_from_ms) + " | " + optional_text(d.up_from_ms) + " | " +
           markdown_cell(d.note) + " |\n";
  }
  out +=
      "\n### DNS: when each server gave the new app's answer\n\n| Domain | Server | Role | "
      "Switched | After the authoritative servers |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& s : figures.switches) {
    out += "| " + markdown_cell(s.hostname) + " | " + markdown_cell(s.server) + " | " + s.role +
           " | " + (s.switched_at_ms ? format_offset(*s.switched_at_ms) : "not switched") + " | " +
           (s.after_authoritative ? format_measured(*s.after_authoritative) : "-") + " |\n";
  }
  out +=
      "\n### Maintenance mode and the data freeze\n\n| App | Role | In maintenance |\n"
      "| --- | --- | --- |\n";
  for (const auto& m : figures.maintenance) {
    out += "| " + markdown_cell(m.app) + " | " + m.role + " | " + format_measured(m.total) +
           (m.ongoing ? " (still on)" : "") + " |\n";
  }
  for (const auto& f : figures.data_freeze) {
    out += "\nData freeze of " + markdown_code(f.database) + " (source in maintenance until the " +
           "target database was promoted): " +
           (f.freeze ? "**" + format_measured(*f.freeze) + "**" : markdown_cell(f.note)) + "\n";
  }
  if (run.svg_link) {
    out += "\n[The timeline as a picture](" + markdown_cell(*run.svg_link) + ")\n";
  }
  out += "\n### Timeline\n\n| Time | Lane | From | To | Seen |\n| --- | --- | --- | --- | --- |\n";
  std::map<std::string, const Lane*> by_id;
  for (const auto& lane : timeline.lanes()) {
    by_id[lane.id] = &lane;
  }
  constexpr std::size_t k_rows = 400;  // a pull-request comment holds 65,536 characters
  std::size_t rows = 0;
  for (const auto& c : timeline.changes()) {
    if (++rows > k_rows) {
      out += "\n" + std::to_string(timeline.changes().size() - k_rows) +
             " later changes are in the JSON report.\n";
      break;
    }
    out += "| " + format_offset(c.at_ms) + " | " + markdown_cell(lane_title(*by_id.at(c.lane))) +
           " | " + (c.from ? to_string(*c.from) : std::string("-")) + " | " + to_string(c.to) +
           " | " + markdown_cell(c.detail) + " |\n";
  }
  return out;
}

namespace {

/// The SVG picture, part by part: the geometry, then the legend, the lanes, each domain's
/// downtime over its lanes and the time axis.
class SvgTimeline {
 public:
  SvgTimeline(const CutoverRun& run, const CutoverTimeline& timeline)
      : m_run(run),
        m_timeline(timeline),
        m_lanes(display_order(timeline)),
        m_span(std::max<std::int64_t>(timeline.last_sample_ms(), 1000)) {}

  std::string draw() {
    const int height = k_top + lanes_height() + 50;
    m_out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
        std::to_string(k_width) + "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " +
        std::to_string(k_width) + " " + std::to_string(height) +
        "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n"
        "<title>spaceport cutover: " +
        markup_text(m_run.plan_path) +
        "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    m_out += "<text x=\"10\" y=\"22\" font-size=\"16\" font-weight=\"bold\">Cutover " +
             markup_text(format_rfc3339(m_run.started_at)) + " to " +
             markup_text(format_rfc3339(m_run.finished_at)) + ": " +
             markup_text(stopped_text(m_run)) + "</text>\n";
    legend();
    lanes();
    downtime();
    axis();
    return std::move(m_out);
  }

 private:
  static constexpr int k_width = 1200;
  static constexpr int k_label = 470;
  static constexpr int k_right = 20;
  static constexpr int k_top = 70;
  static constexpr int k_lane = 20;
  static constexpr int k_gap = 4;
  static constexpr int k_plot = k_width - k_label - k_right;

  int lanes_height() const { return static_cast<int>(m_lanes.size()) * (k_lane + k_gap); }
  int x_of(std::int64_t ms) const {
    return k_label +
           static_cast<int>(static_cast<double>(ms) / static_cast<double>(m_span) * k_plot);
  }

  /// Colour and word, so the picture reads without colour too.
  void legend() {
    int x = 10;
    for (const LaneState s :
         {LaneState::old_app, LaneState::maintenance, LaneState::down, LaneState::pending,
          LaneState::new_app, LaneState::other, LaneState::none}) {
      const LaneColour c = colour_of(s);
      m_out += "<rect x=\"" + std::to_string(x) + "\" y=\"34\" width=\"14\" height=\"14\" fill=\"" +
               c.fill + "\" stroke=\"#555\" stroke-width=\"0.5\"/><text x=\"" +
               std::to_string(x + 18) + "\" y=\"45\">" + c.label + "</text>\n";
      x += 30 + static_cast<int>(std::string(c.label).size()) * 7;
    }
  }

  void lanes() {
    std::map<std::string, std::vector<const LaneChange*>> changes;
    for (const auto& c : m_timeline.changes()) {
      changes[c.lane].push_back(&c);
    }
    int y = k_top;
    for (const Lane* lane : m_lanes) {
      m_out += "<text x=\"" + std::to_string(k_label - 6) + "\" y=\"" + std::to_string(y + 14) +
               "\" text-anchor=\"end\">" + markup_text(lane_label(*lane)) + "</text>\n";
      const auto& list = changes[lane->id];
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::int64_t from = list[i]->at_ms;
        const std::int64_t to =
            i + 1 < list.size() ? list[i + 1]->at_ms : m_timeline.last_sample_ms();
        const LaneColour c = colour_of(list[i]->to);
        const int x = x_of(from);
        m_out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
                 std::to_string(std::max(x_of(to) - x, 2)) + "\" height=\"" +
                 std::to_string(k_lane) + "\" fill=\"" + c.fill + "\"><title>" +
                 markup_text(lane_title(*lane) + ": " + c.label + " from " + format_offset(from) +
                             " (" + list[i]->detail + ")") +
                 "</title></rect>\n";
      }
      if (lane->kind == "dns" || lane->kind == "health") {
        auto& rows = m_domain_rows[{lane->migration, lane->subject}];
        rows.first = rows.first == 0 ? y : rows.first;
        rows.second = y + k_lane;
      }
      y += k_lane + k_gap;
    }
  }

  /// Each domain's downtime, a dashed frame over its lanes, labelled on a white ground.
  void downtime() {
    for (const auto& d : m_timeline.figures().downtime) {
      const auto rows = m_domain_rows.find({d.migration, d.hostname});
      if (!d.down_from_ms || rows == m_domain_rows.end()) {
        continue;
      }
      const auto [top, bottom] = rows->second;
      const int x = x_of(*d.down_from_ms);
      const int w = std::max(x_of(d.up_from_ms.value_or(m_timeline.last_sample_ms())) - x, 2);
      const std::string label =
          "downtime " + (d.downtime ? format_measured(*d.downtime) : std::string("(ongoing)"));
      m_out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top - 2) +
               "\" width=\"" + std::to_string(w) + "\" height=\"" +
               std::to_string(bottom - top + 4) +
               "\" fill=\"none\" stroke=\"#b00020\" stroke-width=\"2\" "
               "stroke-dasharray=\"6 3\"><title>" +
               markup_text(d.hostname + ": " + label) + "</title></rect>\n<rect x=\"" +
               std::to_string(x + 1) + "\" y=\"" + std::to_string(top - 17) + "\" width=\"" +
               std::to_string(static_cast<int>(d.hostname.size() + label.size() + 1) * 7 + 4) +
               "\" height=\"15\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>\n<text x=\"" +
               std::to_string(x + 3) + "\" y=\"" + std::to_string(top - 5) +
               "\" fill=\"#b00020\" font-weight=\"bold\">" + markup_text(d.hostname + " " + label) +
               "</text>\n";
    }
  }

  void axis() {
    const int y = k_top + lanes_height() + 4;
    m_out += "<line x1=\"" + std::to_string(k_label) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" +
             std::to_string(k_label + k_plot) + "\" y2=\"" + std::to_string(y) +
             "\" stroke=\"#333\"/>\n";
    const std::int64_t step = tick_step(m_span);
    for (std::int64_t t = 0; t <= m_span; t += step) {
      const int x = x_of(t);
      m_out += "<line x1=\"" + std::to_string(x) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" +
               std::to_string(x) + "\" y2=\"" + std::to_string(y + 5) +
               "\" stroke=\"#333\"/><text x=\"" + std::to_string(x) + "\" y=\"" +
               std::to_string(y + 18) + "\" text-anchor=\"middle\">" +
               markup_text(format_offset(t)) + "</text>\n";
    }
    m_out += "<text x=\"" + std::to_string(k_label + k_plot) + "\" y=\"" + std::to_string(y + 36) +
             "\" text-anchor=\"end\" fill=\"#555\">time from " +
             markup_text(format_rfc3339(m_run.started_at)) + "; samples every " +
             markup_text(format_duration(m_run.interval)) + " (API every " +
             markup_text(format_duration(m_run.api_interval)) + ")</text>\n</svg>\n";
  }

  const CutoverRun& m_run;
  const CutoverTimeline& m_timeline;
  std::vector<const Lane*> m_lanes;
  std::int64_t m_span;
  std::string m_out;
  // Each domain's DNS and health lanes: the top and bottom of their rows.
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> m_domain_rows;
};

}  // namespace

std::string cutover_svg(const CutoverRun& run, const CutoverTimeline& timeline) {
  return SvgTimeline(run, timeline).draw();
}

}  // namespace spaceport
