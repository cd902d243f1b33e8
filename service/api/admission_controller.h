// AdmissionController: a cap on engine calls in flight (queued on the
// WorkerPool or running), for load shedding.
//
// Beyond the cap a call is refused at once with RESOURCE_EXHAUSTED instead of
// waiting: an unbounded queue under sustained overload only grows latency and
// memory until every call misses its deadline ("latency collapse"), while a
// fast refusal lets the client back off or try another replica. With N
// worker threads and a cap of C, a call waits behind at most C - N others.
//
// Lock-free (one atomic counter). Thread-safe.
#ifndef PRECIS_SERVICE_API_ADMISSION_CONTROLLER_H_
#define PRECIS_SERVICE_API_ADMISSION_CONTROLLER_H_

#include <atomic>
#include <cstdint>

namespace precis::api {

class AdmissionController {
 public:
  // `max_in_flight` >= 1.
  explicit AdmissionController(int64_t max_in_flight)
      : max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight) {}

  // Takes a slot; false when `max_in_flight` are taken. Every true must be
  // matched by one Release().
  bool TryAcquire() {
    // Optimistic increment: the counter may exceed the cap for an instant,
    // which only makes a concurrent TryAcquire refuse (never admit) more.
    if (in_flight_.fetch_add(1, std::memory_order_acq_rel) >= max_in_flight_) {
      in_flight_.fetch_sub(1, std::memory_order_acq_rel);
      return false;
    }
    return true;
  }
  void Release() { in_flight_.fetch_sub(1, std::memory_order_acq_rel); }

  int64_t in_flight() const {
    const int64_t n = in_flight_.load(std::memory_order_relaxed);
    return n < max_in_flight_ ? n : max_in_flight_;
  }
  int64_t max_in_flight() const { return max_in_flight_; }

 private:
  const int64_t max_in_flight_;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace precis::api

#endif  // PRECIS_SERVICE_API_ADMISSION_CONTROLLER_H_
