#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/heroku_facts.hpp"

namespace spaceport {

/// Add-ons whose whole job is a static outbound IP for Common Runtime apps (Fixie, QuotaGuard,
/// Proximo): a space gives its apps stable outbound IPs of its own, so they are not carried over.
bool provides_static_outbound_ip(std::string_view service) noexcept;

/// Heroku's data services: Postgres, Key-Value Store (Redis) and Kafka. Destroying an app
/// destroys the ones it owns, data included.
bool is_data_service(std::string_view service);

/// Whether `addon` is a Heroku Postgres database.
bool is_postgres(const Addon& addon);

/// Whether `addon` is a Heroku Postgres database that the app with id `owner_id` owns (rather
/// than one attached to it from another app).
bool is_postgres_of(const Addon& addon, std::string_view owner_id);

/// The Heroku Postgres add-ons the app with id `owner_id` owns among `addons`.
std::vector<Addon> postgres_owned_by(const std::vector<Addon>& addons, std::string_view owner_id);

/// Whether a plan's reference to an add-on (`accept_data_loss`, a dataclip's database) is this
/// add-on: the plan may write its name or its id.
bool names_addon(std::string_view reference, const Addon& addon);

/// Whether any of `addons` is the one `reference` names.
bool names_any(std::string_view reference, const std::vector<Addon>& addons);

/// Postgres plans that cannot have followers (Essential tier and its predecessors): a move needs
/// a copy with downtime.
bool is_essential_postgres_plan(std::string_view plan);

}  // namespace spaceport
