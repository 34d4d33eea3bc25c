#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spaceport {

/// Facts read from the Platform API, reduced to what checks decide on. Checks take these, never
/// raw API bodies, so they can be tested without a server.

struct SpaceRef {
  std::string id;
  std::string name;
  std::optional<bool> shield;
};

struct App {
  std::string id;
  std::string name;
  std::string region;
  std::string stack;
  std::optional<SpaceRef> space;  // nullopt: Common Runtime
  bool maintenance = false;
  std::string generation = "cedar";  // cedar | fir
  std::string owner = {};            // the owning account's id; empty when not given
  std::string team = {};             // the owning team's name; empty for a personal app
};

struct Space {
  std::string id;
  std::string name;
  std::string state;  // allocating | allocated | deleting
  std::string region;
  bool shield = false;
};

/// An add-on attachment: the add-on `addon_name`, owned by `addon_app`, attached to `app` as
/// `name` (which prefixes the config vars it sets there). The apps' names are for messages;
/// whose is what is decided by their ids.
struct Attachment {
  std::string id;
  std::string name;
  std::string app;
  std::string addon_id;
  std::string addon_name;
  std::string addon_app;
  std::string app_id = {};
  std::string addon_app_id = {};
};

/// The space's stable outbound IPs (GET /spaces/{space}/nat).
struct SpaceNat {
  std::string state;  // disabled | updating | enabled
  std::vector<std::string> sources;
};

/// An add-on as GET /apps/{app}/addons lists it: owned by `app`, possibly attached elsewhere.
struct Addon {
  std::string id;
  std::string name;
  std::string app;          // the owning (billing) app's name, for messages
  std::string service;      // e.g. heroku-postgresql
  std::string plan;         // e.g. heroku-postgresql:standard-0
  std::string state;        // provisioning | provisioned | deprovisioned
  std::string app_id = {};  // the owning app's id: what ownership is decided by
};

/// A Heroku Postgres database as the data API describes it (GET /client/v11/databases/{id}).
/// `resource_url` and `following` hold credentials: they are compared, never shown.
struct Database {
  std::string addon_id;
  std::string name;
  std::string plan;                      // "standard-0", "essential-1", "shield-4", ...
  std::string postgres_version;          // "16.4"
  std::string status;                    // the "Status" row: "Available", ...
  std::string fork_follow;               // the "Fork/Follow" row: "Available", "Unsupported", ...
  std::optional<long> behind_by;         // the "Behind By" row, in commits
  std::optional<std::string> leader;     // the leader's name when it follows one
  std::optional<std::string> following;  // the leader's URL (secret) when it follows one
  std::string resource_url;              // secret
};

/// A plan of an add-on service, with where it can be installed.
struct AddonPlan {
  std::string name;  // service:plan
  bool installable_inside_private_network = false;
  bool installable_outside_private_network = false;
  bool space_default = false;
};

/// Whether an add-on service is offered in a region, and inside spaces there.
struct RegionCapability {
  std::string region;
  bool supports_private_networking = false;
};

/// One process type of a formation.
struct Formation {
  std::string type;
  int quantity = 0;
  std::string size;  // as the API reports it: Standard-2X, Private-M, Shield-L, dyno-2c-4gb …
};

/// Host names here are canonical (lower case, no trailing dot: core/dns_facts.hpp), as the
/// plan's are once loaded, so that a comparison of two is a comparison of two domains.
struct Domain {
  std::string hostname;
  std::string kind;    // heroku | custom
  std::string status;  // the CNAME's status: pending | succeeded | failed | none
  std::optional<std::string> cname;
  std::optional<std::string> acm_status;  // e.g. "cert issued", "pending", "failing"
  std::optional<std::string> acm_status_reason;
  std::optional<std::string> sni_endpoint;  // the endpoint's name
};

/// A certificate installed on an app (SNI endpoint).
struct SniEndpoint {
  std::string name;
  std::vector<std::string> cert_domains;
  std::string expires_at;
};

struct Release {
  int version = 0;
  bool current = false;
  std::string status;  // failed | pending | succeeded | expired
  std::optional<std::string> slug_id;
};

struct Slug {
  std::string id;
  std::optional<std::string> commit;
  std::string stack;
};

/// What the code running on an app is made of, for release.parity.
struct ReleaseFacts {
  std::optional<Release> release;  // nullopt: the app has no release yet
  std::optional<Slug> slug;
  std::vector<std::string> buildpacks;  // in ordinal order
};

/// The outcome of fetching a page (the maintenance page, a health URL).
struct PageFetch {
  long status = 0;           // 0 when no HTTP answer came
  std::string failure;       // why no answer came; never contains the URL
  std::string final_scheme;  // http or https, after redirects
};

/// Config var names with the SHA-256 of each value: values never leave the probe layer.
using ConfigDigests = std::map<std::string, std::string>;

}  // namespace spaceport
