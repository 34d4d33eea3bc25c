#pragma once

#include "checks/check.hpp"

namespace spaceport {

/// After the switch: the target's DATABASE_URL is a database the target owns, that follows
/// nothing (`pg:promote` without `pg:unfollow` leaves a read-only follower) and is available.
class DataPromotedCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"data.promoted", Phase::cutover,
                                    "The target's DATABASE_URL is its own, promoted database",
                                    "target database"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

/// `database`: the attachment named DATABASE on the target (nullopt: none), and the data API's
/// record of its add-on (nullopt: none). Without Postgres on the source there is nothing to
/// promote.
Finding evaluate_data_promoted(const Migration& migration, bool source_has_postgres,
                               const std::optional<Attachment>& database,
                               const std::optional<Database>& record);

}  // namespace spaceport
