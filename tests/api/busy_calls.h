// BusyCalls: Summarize calls started asynchronously, to keep a server's
// engine threads occupied while a test makes another call (one whose
// deadline must pass while it is still queued, say). Header-only; used by
// tests/api and tests/integration. The destructor waits for the calls.
#ifndef PRECIS_TESTS_API_BUSY_CALLS_H_
#define PRECIS_TESTS_API_BUSY_CALLS_H_

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grpcpp/client_context.h"
#include "precis/v1/precis.grpc.pb.h"

namespace precis::testing {

class BusyCalls {
 public:
  // Starts `count` Summarize calls (no deadline) on `stub`, each with `text`
  // repeated, newline-separated, to just under `max_bytes`.
  BusyCalls(v1::SummarizerService::Stub* stub, const std::string& text, size_t max_bytes,
            int count) {
    std::string big;
    while (big.size() + text.size() + 1 < max_bytes) big += text + "\n";
    request_.set_text(big);
    for (int i = 0; i < count; ++i) {
      calls_.push_back(std::make_unique<Call>());
      Call* call = calls_.back().get();
      stub->async()->Summarize(&call->context, &request_, &call->response,
                               [call](grpc::Status s) { call->done.set_value(std::move(s)); });
    }
  }
  ~BusyCalls() { Wait(); }

  // Waits for every call; their statuses in start order.
  std::vector<grpc::Status> Wait() {
    std::vector<grpc::Status> statuses;
    for (const auto& call : calls_) {
      if (!call->status.has_value()) call->status = call->done.get_future().get();
      statuses.push_back(*call->status);
    }
    return statuses;
  }

 private:
  struct Call {
    grpc::ClientContext context;
    v1::SummarizeResponse response;
    std::promise<grpc::Status> done;
    std::optional<grpc::Status> status;
  };
  v1::SummarizeRequest request_;
  std::vector<std::unique_ptr<Call>> calls_;
};

}  // namespace precis::testing

#endif  // PRECIS_TESTS_API_BUSY_CALLS_H_
