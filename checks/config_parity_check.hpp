#pragma once

#include <optional>
#include <vector>

#include "checks/check.hpp"

namespace spaceport {

/// Every config var key of the source exists on the target (except those that add-on
/// attachments set); values are compared by SHA-256 and never shown.
class ConfigParityCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"config.parity", Phase::preflight,
                                    "Config var keys are present on the target", "config var key"};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.source.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

struct ConfigParityFacts {
  std::optional<ConfigDigests> source;
  std::optional<ConfigDigests> target;
  std::vector<Attachment> source_attachments;  // attachments on the source app
};

std::vector<Finding> evaluate_config_parity(const Migration& migration,
                                            const ConfigParityFacts& facts);

}  // namespace spaceport
