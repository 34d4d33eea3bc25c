#include "probes/rate_budget.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace spaceport {
namespace rate_budget_test {
namespace {

/// A pool that refills by `refill` tokens each time it is read.
struct Pool {
  long remaining;
  long refill;
  int reads = 0;
  std::optional<long> read() {
    ++reads;
    if (reads > 1) {
      remaining += refill;
    }
    return remaining;
  }
  /// A request the server counts: what its RateLimit-Remaining header says.
  long take() { return --remaining; }
};

RateBudget::Options quick(std::ostream& progress, std::optional<long> budget = std::nullopt) {
  RateBudget::Options options;
  options.budget = budget;
  options.progress = &progress;
  options.refill_interval = std::chrono::milliseconds(1);
  options.longest_poll = std::chrono::milliseconds(1);
  return options;
}

TEST(RateBudget, LeavesTenPercentOfTheFirstReadingAndNeverSpendsIt) {
  Pool pool{100, 5};
  std::ostringstream progress;
  RateBudget budget(quick(progress));
  const RateBudget::PoolReader read = [&] { return pool.read(); };
  for (int i = 0; i < 120; ++i) {
    budget.acquire(read);
    EXPECT_GT(pool.remaining, 10) << "request " << i << " would dip into the reserve";
    budget.release(pool.take(), false);
  }
  const RateUse use = budget.use();
  EXPECT_EQ(use.reserve, 10);
  EXPECT_EQ(use.requests, 120);
  EXPECT_EQ(use.rate_limited, 0);
  EXPECT_EQ(use.lowest_remaining, 10);
  EXPECT_GT(pool.reads, 1);  // it asked the pool how far it had refilled
  EXPECT_NE(progress.str().find("the API rate budget is down to its reserve (RateLimit-Remaining "
                                "10, reserve 10 left for other tools and people): waiting about"),
            std::string::npos)
      << progress.str();
}

/// A pool that refills with time, one token every `pace`, as Heroku's does.
struct TimedPool {
  std::chrono::steady_clock::duration pace;
  long start;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  long taken = 0;
  int reads = 0;
  long remaining() const {
    return start - taken + static_cast<long>((std::chrono::steady_clock::now() - started) / pace);
  }
  std::optional<long> read() {
    ++reads;
    return remaining();
  }
  long take() {
    ++taken;
    return remaining();
  }
};

TEST(RateBudget, AWaitReadsThePoolOnceItShouldHaveGainedSeveralTokensNotForEachOne) {
  // A long wait at the documented pace read the pool once a token, 892 times in 759 s.
  TimedPool pool{std::chrono::milliseconds(40), 20};
  std::ostringstream progress;
  auto options = quick(progress, 2);
  options.longest_poll = std::chrono::milliseconds(5000);
  RateBudget budget(options);
  const RateBudget::PoolReader read = [&] { return pool.read(); };
  for (int i = 0; i < 42; ++i) {
    budget.acquire(read);
    EXPECT_GT(pool.remaining(), 18) << "request " << i << " would dip into the reserve";
    budget.release(pool.take(), false);
  }
  // 40 tokens waited for, 8 a read once the pace is seen: about 5 reads and the first ones.
  EXPECT_LE(pool.reads, 10);
  EXPECT_GT(budget.use().waited.count(), 0);
}

TEST(RateBudget, ARequestBudgetSetsTheReserve) {
  Pool pool{1000, 1000};
  std::ostringstream progress;
  RateBudget budget(quick(progress, 50));
  const RateBudget::PoolReader read = [&] { return pool.read(); };
  budget.acquire(read);
  budget.release(pool.take(), false);
  EXPECT_EQ(budget.use().reserve, 950);
  EXPECT_TRUE(progress.str().empty());
}

TEST(RateBudget, AnEmptyPoolIsWaitedOutAndSaidSo) {
  Pool pool{0, 3};
  std::ostringstream progress;
  RateBudget budget(quick(progress));
  const RateBudget::PoolReader read = [&] { return pool.read(); };
  budget.acquire(read);
  EXPECT_GT(pool.remaining, 0);
  budget.release(pool.take(), false);
  EXPECT_NE(progress.str().find("RateLimit-Remaining 0"), std::string::npos) << progress.str();
  EXPECT_GT(budget.use().waited.count(), 0);
}

TEST(RateBudget, WithoutAReadingTheFirstAnswerSetsTheReserve) {
  std::ostringstream progress;
  RateBudget budget(quick(progress));
  const RateBudget::PoolReader read = [] { return std::optional<long>(); };
  budget.acquire(read);
  budget.release(4000, false);
  budget.acquire(read);
  budget.release(std::nullopt, true);
  const RateUse use = budget.use();
  EXPECT_EQ(use.reserve, 400);
  EXPECT_EQ(use.lowest_remaining, 4000);
  EXPECT_EQ(use.rate_limited, 1);
}

TEST(RateBudget, GivesUpWhenThePoolDoesNotRefillAndSaysWhy) {
  // Someone else takes every token as it comes: the pool stays at the reserve. The run must end
  // (its checks in error, saying why), not wait for ever.
  Pool pool{100, 0};
  std::ostringstream progress;
  auto options = quick(progress, 10);
  options.give_up_after = std::chrono::milliseconds(20);
  RateBudget budget(options);
  const RateBudget::PoolReader read = [&] { return pool.read(); };
  for (int i = 0; i < 10; ++i) {
    budget.acquire(read);
    budget.release(pool.take(), false);
  }
  try {
    budget.acquire(read);
    FAIL() << "acquire() waited and returned although the pool never refilled";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("has not refilled above the reserve in 20ms "
                                         "(RateLimit-Remaining 90, reserve 90)"),
              std::string::npos)
        << e.what();
  }
  const int reads = pool.reads;
  EXPECT_THROW(budget.acquire(read), std::runtime_error);  // at once: no more waiting
  EXPECT_EQ(pool.reads, reads);
  EXPECT_EQ(budget.use().requests, 10);
}

}  // namespace
}  // namespace rate_budget_test
}  // namespace spaceport
