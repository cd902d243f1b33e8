// WorkerPool: runs every submitted task, in parallel, and drains on
// destruction.
#include "worker_pool.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "gtest/gtest.h"

namespace precis::api {
namespace {

TEST(WorkerPoolTest, ZeroThreadsMeansOnePerCpu) {
  WorkerPool pool(0);
  EXPECT_GE(pool.size(), 1u);
  WorkerPool three(3);
  EXPECT_EQ(three.size(), 3u);
}

TEST(WorkerPoolTest, DestructorRunsEveryQueuedTask) {
  std::atomic<int> done{0};
  {
    WorkerPool pool(2);
    for (int i = 0; i < 500; ++i) {
      pool.Submit([&done] { done.fetch_add(1); });
    }
  }
  EXPECT_EQ(done.load(), 500);
}

TEST(WorkerPoolTest, UsesSeveralThreads) {
  std::mutex mu;
  std::set<std::thread::id> ids;
  std::atomic<int> waiting{0};
  {
    WorkerPool pool(2);
    for (int i = 0; i < 2; ++i) {
      pool.Submit([&] {
        {
          std::lock_guard<std::mutex> lock(mu);
          ids.insert(std::this_thread::get_id());
        }
        // Each task waits for the other: only possible on two threads.
        waiting.fetch_add(1);
        while (waiting.load() < 2) std::this_thread::yield();
      });
    }
  }
  EXPECT_EQ(ids.size(), 2u);
}

}  // namespace
}  // namespace precis::api
