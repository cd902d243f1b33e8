// WorkerPool: runs every submitted task, in parallel, drains on destruction
// and refuses tasks beyond its queue bound.
#include "worker_pool.h"

#include <atomic>
#include <chrono>
#include <future>
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
      ASSERT_TRUE(pool.Submit([&done] { done.fetch_add(1); }));
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
      ASSERT_TRUE(pool.Submit([&] {
        {
          std::lock_guard<std::mutex> lock(mu);
          ids.insert(std::this_thread::get_id());
        }
        // Each task waits for the other: only possible on two threads.
        waiting.fetch_add(1);
        while (waiting.load() < 2) std::this_thread::yield();
      }));
    }
  }
  EXPECT_EQ(ids.size(), 2u);
}

TEST(WorkerPoolTest, QueueIsBounded) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> done{0};
  {
    WorkerPool pool(1, 3);
    EXPECT_EQ(pool.max_queued(), 3u);
    // Occupy the only thread, and wait until it has taken the task.
    std::promise<void> started;
    ASSERT_TRUE(pool.Submit([&started, released] {
      started.set_value();
      released.wait();
    }));
    started.get_future().wait();
    for (int i = 0; i < 3; ++i) {
      EXPECT_TRUE(pool.Submit([&done] { done.fetch_add(1); })) << i;
    }
    EXPECT_EQ(pool.queued(), 3u);
    // Full: refused, and the refused task never runs.
    EXPECT_FALSE(pool.Submit([&done] { done.fetch_add(100); }));
    EXPECT_EQ(pool.queued(), 3u);
    release.set_value();
  }
  EXPECT_EQ(done.load(), 3);
}

TEST(WorkerPoolTest, DefaultBoundScalesWithThreads) {
  WorkerPool pool(2);
  EXPECT_EQ(pool.max_queued(), 2 * WorkerPool::kDefaultQueuedPerThread);
}

}  // namespace
}  // namespace precis::api
