// AdmissionController: a hard cap on slots, released slots reused, and the
// cap holds under concurrent acquisition.
#include "admission_controller.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace precis::api {
namespace {

TEST(AdmissionControllerTest, RefusesBeyondTheCapAndReusesReleasedSlots) {
  AdmissionController admission(3);
  EXPECT_EQ(admission.max_in_flight(), 3);
  EXPECT_TRUE(admission.TryAcquire());
  EXPECT_TRUE(admission.TryAcquire());
  EXPECT_TRUE(admission.TryAcquire());
  EXPECT_EQ(admission.in_flight(), 3);
  EXPECT_FALSE(admission.TryAcquire());
  EXPECT_EQ(admission.in_flight(), 3);
  admission.Release();
  EXPECT_EQ(admission.in_flight(), 2);
  EXPECT_TRUE(admission.TryAcquire());
  EXPECT_FALSE(admission.TryAcquire());
}

TEST(AdmissionControllerTest, CapIsAtLeastOne) {
  AdmissionController admission(0);
  EXPECT_EQ(admission.max_in_flight(), 1);
  EXPECT_TRUE(admission.TryAcquire());
  EXPECT_FALSE(admission.TryAcquire());
}

TEST(AdmissionControllerTest, NeverAdmitsMoreThanTheCapConcurrently) {
  constexpr int kCap = 5;
  AdmissionController admission(kCap);
  std::atomic<int> holding{0};
  std::atomic<int> most{0};
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        if (!admission.TryAcquire()) continue;
        admitted.fetch_add(1);
        const int now = holding.fetch_add(1) + 1;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        holding.fetch_sub(1);
        admission.Release();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_LE(most.load(), kCap);
  EXPECT_GT(admitted.load(), 0);
  EXPECT_EQ(admission.in_flight(), 0);
}

}  // namespace
}  // namespace precis::api
