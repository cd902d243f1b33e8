// WorkerPool: a fixed set of threads running queued tasks in FIFO order,
// with a bounded queue.
//
// The service runs engine calls here rather than on gRPC's callback threads,
// which must not block: the pool bounds CPU-bound work to `threads` and keeps
// gRPC's own threads free for I/O, health checks and cancellations. The queue
// holds at most `max_queued` tasks; Submit refuses more (the caller answers
// RESOURCE_EXHAUSTED), so memory stays bounded however fast calls arrive.
// The service's admission control (AdmissionController) normally refuses
// calls first; this bound is the backstop.
//
// Measured, and why small calls do not skip the pool: running them inline on
// gRPC's callback thread (no hand-off) gave 7-16% more calls/s in a closed
// loop on 2 cores, but under an open-loop overload (6,000 calls/s offered,
// ~2,300/s served) calls piled up inside gRPC before admission control saw
// them: resident memory grew from ~120 MiB to 760-920 MiB in 20 s and calls
// ended in DEADLINE_EXCEEDED after 10 s, even when inline runs were allowed
// only while the workers were idle. With the pool the same overload is
// refused at once (RESOURCE_EXHAUSTED, +13% memory).
//
// Thread-safe. The destructor finishes every queued task, then joins.
#ifndef PRECIS_SERVICE_API_WORKER_POOL_H_
#define PRECIS_SERVICE_API_WORKER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace precis::api {

class WorkerPool {
 public:
  // Default queue bound per thread when none is given.
  static constexpr size_t kDefaultQueuedPerThread = 256;

  // `threads` == 0 means std::thread::hardware_concurrency() (at least 1).
  // `max_queued` == 0 means kDefaultQueuedPerThread per thread.
  explicit WorkerPool(size_t threads, size_t max_queued = 0);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false (and `task` is dropped unrun) when `max_queued`
  // tasks are already waiting.
  [[nodiscard]] bool Submit(std::function<void()> task);
  size_t size() const { return threads_.size(); }
  size_t max_queued() const { return max_queued_; }
  // Tasks submitted and not yet started (for tests and metrics).
  size_t queued();

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  size_t max_queued_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_WORKER_POOL_H_
