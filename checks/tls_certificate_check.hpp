#pragma once

#include <chrono>

#include "checks/check.hpp"

namespace spaceport {

/// A TLS handshake with SNI = domain, at the address spaceport's DNS answer gave, presents a
/// trusted chain that covers the name and is good for at least 14 more days.
class TlsCertificateCheck final : public Check {
 public:
  static constexpr CheckInfo k_info{"tls.certificate", Phase::cutover,
                                    "Each domain presents a valid certificate", "domain",
                                    Phase::postflight};
  const CheckInfo& info() const noexcept override { return k_info; }
  std::string primary_subject(const Migration& m) const override { return m.target.app; }
  std::vector<Finding> run(const CheckContext& context) const override;
};

inline constexpr int k_min_certificate_days = 14;

Finding evaluate_tls_certificate(const TlsFacts& facts, std::chrono::system_clock::time_point now);

}  // namespace spaceport
