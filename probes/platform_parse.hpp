#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/heroku_facts.hpp"

namespace spaceport {

/// The Platform API's and the data API's answers read into facts. Each takes a parsed JSON body
/// from outside (the API, or anything in its place) and throws std::invalid_argument, saying
/// which field is missing or of the wrong type, for a body the schema does not describe; the
/// caller adds which request it was. Kept apart from Platform so that they can be fuzzed.

/// An app (GET /apps/{app}).
App parse_app(const nlohmann::json& body);
/// A space's outbound addresses (GET /spaces/{space}/nat).
SpaceNat parse_nat(const nlohmann::json& body);
/// An app's add-ons (GET /apps/{app}/addons).
std::vector<Addon> parse_addons(const nlohmann::json& body);
/// A Postgres database from the data API (GET /client/v11/databases/{id}).
Database parse_database(const nlohmann::json& body);
/// A service's plans (GET /addon-services/{service}/plans).
std::vector<AddonPlan> parse_plans(const nlohmann::json& body);
/// A service's region capabilities.
std::vector<RegionCapability> parse_capabilities(const nlohmann::json& body);
/// An app's formation.
std::vector<Formation> parse_formation(const nlohmann::json& body);
/// An app's domains.
std::vector<Domain> parse_domains(const nlohmann::json& body);
/// An app's SNI endpoints (certificates).
std::vector<SniEndpoint> parse_sni_endpoints(const nlohmann::json& body);
/// An app's releases.
std::vector<Release> parse_releases(const nlohmann::json& body);
/// A slug.
Slug parse_slug(const nlohmann::json& body);
/// An app's buildpack installations, in order.
std::vector<std::string> parse_buildpacks(const nlohmann::json& body);
/// A space (GET /spaces/{space}).
Space parse_space(const nlohmann::json& body);
/// An app's config vars, as digests: the values are never kept.
ConfigDigests parse_config(const nlohmann::json& body);
/// Add-on attachments.
std::vector<Attachment> parse_attachments(const nlohmann::json& body);

}  // namespace spaceport
