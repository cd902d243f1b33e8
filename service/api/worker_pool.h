// WorkerPool: a fixed set of threads running queued tasks in FIFO order.
//
// The service runs engine calls here rather than on gRPC's callback threads,
// which must not block: the pool bounds CPU-bound work to `threads` and keeps
// gRPC's own threads free for I/O, health checks and cancellations.
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
  // `threads` == 0 means std::thread::hardware_concurrency() (at least 1).
  explicit WorkerPool(size_t threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Submit(std::function<void()> task);
  size_t size() const { return threads_.size(); }
  // Tasks submitted and not yet started (for tests and metrics).
  size_t queued();

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_WORKER_POOL_H_
