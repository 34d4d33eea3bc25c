#include "probes/fleet_lists.hpp"

#include <map>
#include <set>

#include "probes/platform_parse.hpp"

namespace spaceport {

struct FleetLists::Index {
  struct List {
    std::string path;
    std::size_t items = 0;
    std::string dropped;  // why it is not used; empty: read
    std::string request_id = {};
  };
  std::vector<List> lists;
  std::map<std::string, App> apps_by_id;
  std::map<std::string, std::string> app_ids_by_name;
  bool addons_read = false;
  std::map<std::string, Addon> addons_by_id;
  std::multimap<std::string, std::string> addon_ids_by_owner;  // owner app id -> add-on id
  bool attachments_read = false;
  std::multimap<std::string, Attachment> attachments_by_app;  // attached app id -> attachment

  /// The answer came from this list: its Request-Id goes into the asking check's evidence.
  void note(const std::string& path) const {
    for (const auto& list : lists) {
      if (list.path == path) {
        RequestIdTrail::note(list.request_id);
      }
    }
  }
};

void FleetLists::use_for(std::size_t apps, std::string why) {
  const std::lock_guard lock(m_mutex);
  m_max_pages = apps;
  m_why = std::move(why);
  m_index.reset();
}

void FleetLists::off(std::string why) {
  const std::lock_guard lock(m_mutex);
  m_max_pages = 0;
  m_why = std::move(why);
  m_index.reset();
}

void FleetLists::forget() {
  const std::lock_guard lock(m_mutex);
  m_index.reset();
}

std::shared_ptr<const FleetLists::Index> FleetLists::index() {
  // Read under the lock: the checks that ask at the start all wait for the one reading, which
  // is what a per-app read of the same resource would cost them too.
  const std::lock_guard lock(m_mutex);
  if (m_max_pages == 0) {
    return nullptr;
  }
  if (!m_index) {
    m_index = read_index();
  }
  return m_index;
}

std::shared_ptr<const FleetLists::Index> FleetLists::read_index() const {
  auto index = std::make_shared<Index>();
  // A list that cannot be read whole within its pages, or not at all, is left out: its
  // questions go to the per-app reads, which say what is wrong where a check can report it.
  const auto read = [&](const std::string& path) -> std::optional<nlohmann::json> {
    Index::List list{path, 0, {}};
    try {
      auto document = m_api.get_list_within(path, m_max_pages);
      if (!document) {
        list.dropped = "the API answered 404";
        index->lists.push_back(list);
        return std::nullopt;
      }
      list.items = document->body.size();
      list.request_id = document->request_id;
      index->lists.push_back(list);
      return std::move(document->body);
    } catch (const ListTooLong&) {
      list.dropped = "longer than the " + std::to_string(m_max_pages) +
                     " pages of the per-app reads it would replace";
    } catch (const std::exception& e) {
      list.dropped = e.what();
    }
    index->lists.push_back(list);
    return std::nullopt;
  };
  try {
    if (const auto apps = read("/apps")) {
      for (const auto& item : *apps) {
        App app = parse_app(item);
        index->app_ids_by_name[app.name] = app.id;
        index->apps_by_id.emplace(app.id, std::move(app));
      }
    }
    if (const auto addons = read("/addons")) {
      for (auto& addon : parse_addons(*addons)) {
        index->addon_ids_by_owner.emplace(addon.app_id, addon.id);
        index->addons_by_id.emplace(addon.id, std::move(addon));
      }
      index->addons_read = true;
    }
    if (const auto attachments = read("/addon-attachments")) {
      for (auto& attachment : parse_attachments(*attachments)) {
        index->attachments_by_app.emplace(attachment.app_id, std::move(attachment));
      }
      index->attachments_read = true;
    }
  } catch (const std::exception& e) {
    // An item the parser refuses: the per-app reads will meet it and say so.
    auto failed = std::make_shared<Index>();
    failed->lists.push_back({"/apps, /addons, /addon-attachments", 0, e.what()});
    return failed;
  }
  return index;
}

std::optional<App> FleetLists::app(const std::string& spelling) {
  const auto lists = index();
  if (!lists) {
    return std::nullopt;
  }
  auto found = lists->apps_by_id.find(spelling);
  if (found == lists->apps_by_id.end()) {
    if (const auto id = lists->app_ids_by_name.find(spelling); id != lists->app_ids_by_name.end()) {
      found = lists->apps_by_id.find(id->second);
    }
  }
  if (found != lists->apps_by_id.end()) {
    lists->note("/apps");
  }
  const std::lock_guard lock(m_mutex);
  if (found == lists->apps_by_id.end()) {
    ++m_asked_per_app;
    return std::nullopt;
  }
  ++m_answered;
  return found->second;
}

std::optional<std::vector<Addon>> FleetLists::addons(const std::string& app_id) {
  const auto lists = index();
  if (!lists) {
    return std::nullopt;
  }
  std::optional<std::vector<Addon>> out;
  // As GET /apps/{app}/addons lists them: those the app owns and those attached to it.
  if (lists->apps_by_id.count(app_id) > 0 && lists->addons_read && lists->attachments_read) {
    std::set<std::string> ids;
    const auto [owned_begin, owned_end] = lists->addon_ids_by_owner.equal_range(app_id);
    for (auto it = owned_begin; it != owned_end; ++it) {
      ids.insert(it->second);
    }
    const auto [attached_begin, attached_end] = lists->attachments_by_app.equal_range(app_id);
    for (auto it = attached_begin; it != attached_end; ++it) {
      ids.insert(it->second.addon_id);
    }
    out.emplace();
    for (const auto& id : ids) {
      const auto addon = lists->addons_by_id.find(id);
      if (addon == lists->addons_by_id.end()) {
        out.reset();  // attached from where the add-on list does not reach
        break;
      }
      out->push_back(addon->second);
    }
  }
  if (out) {
    lists->note("/apps");
    lists->note("/addons");
    lists->note("/addon-attachments");
  }
  const std::lock_guard lock(m_mutex);
  ++(out ? m_answered : m_asked_per_app);
  return out;
}

std::optional<std::vector<Attachment>> FleetLists::attachments(const std::string& app_id) {
  const auto lists = index();
  if (!lists) {
    return std::nullopt;
  }
  std::optional<std::vector<Attachment>> out;
  if (lists->apps_by_id.count(app_id) > 0 && lists->attachments_read) {
    out.emplace();
    const auto [begin, end] = lists->attachments_by_app.equal_range(app_id);
    for (auto it = begin; it != end; ++it) {
      out->push_back(it->second);
    }
    lists->note("/apps");
    lists->note("/addon-attachments");
  }
  const std::lock_guard lock(m_mutex);
  ++(out ? m_answered : m_asked_per_app);
  return out;
}

nlohmann::json FleetLists::describe() const {
  const std::lock_guard lock(m_mutex);
  nlohmann::json read = nlohmann::json::array();
  if (m_index) {
    for (const auto& list : m_index->lists) {
      nlohmann::json entry{{"path", list.path}};
      if (list.dropped.empty()) {
        entry["items"] = list.items;
      } else {
        entry["dropped"] = list.dropped;
      }
      read.push_back(std::move(entry));
    }
  }
  return {{"lists", m_max_pages > 0},
          {"why", m_why},
          {"read", std::move(read)},
          {"answered", m_answered},
          {"asked_per_app", m_asked_per_app}};
}

}  // namespace spaceport
