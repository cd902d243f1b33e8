// Scale-out on loopback: what Kubernetes does with replicas behind a headless
// Service, simulated with three precisd processes and one client channel.
//
// The channel uses what k8s/README.md tells clients to use: the round_robin
// policy over every replica address (Kubernetes: dns:/// on the headless
// Service), a retry policy for UNAVAILABLE and client-side health checking
// (a replica that turned NOT_SERVING gets no new calls). Under steady load
// from a fixed number of threads, one replica is SIGKILLed (a crashed pod
// or lost node) and later another gets SIGTERM (a scale-in or rollout):
// no call may fail, the SIGTERMed replica must drain and exit 0, and the
// survivors take over. Calls per replica and phase come from the replicas'
// own request logs (each call carries its phase in request_id).
//
// No timing assertions: phases end after a number of completed calls.
#include <signal.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.grpc.pb.h"
#include "test_process.h"

namespace precis {
namespace {

using testing::PrecisdProcess;

// The replicas' configuration: as in k8s/base/precisd.yaml, a grace period
// in which the replica is NOT_SERVING but still accepts calls (so clients'
// health checks move traffic away first), then the drain.
constexpr char kReplicaConfig[] = R"(
server:
  worker_threads: 2
  log_requests: true
  shutdown_grace_seconds: 1
  shutdown_drain_seconds: 20
  max_connection_age_seconds: 300
)";

// The client side of the contract (k8s/README.md "Connecting clients").
// Summarize is idempotent, so retrying a call whose replica died is safe;
// waitForReady keeps a call queued while no replica is reachable yet.
constexpr char kServiceConfig[] = R"({
  "loadBalancingConfig": [{"round_robin": {}}],
  "healthCheckConfig": {"serviceName": "precis.v1.SummarizerService"},
  "methodConfig": [{
    "name": [{"service": "precis.v1.SummarizerService"}],
    "waitForReady": true,
    "retryPolicy": {
      "maxAttempts": 5,
      "initialBackoff": "0.05s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})";

constexpr int kReplicas = 3;
constexpr int kClientThreads = 6;
constexpr int kCallsPerPhase = 150;
// steady: all three replicas; after-kill: A is dead; draining: B got
// SIGTERM and has not exited yet; after-term: only C is left.
constexpr std::array<const char*, 4> kPhases = {"steady", "after-kill",
                                                "draining", "after-term"};

// Drives Summarize calls from kClientThreads threads; each call is tagged
// with the current phase in its request_id.
class LoadDriver {
 public:
  explicit LoadDriver(std::shared_ptr<grpc::Channel> channel)
      : stub_(v1::SummarizerService::NewStub(std::move(channel))),
        article_(testing::Article()) {}

  ~LoadDriver() { Stop(); }

  void Start() {
    for (int t = 0; t < kClientThreads; ++t) {
      threads_.emplace_back([this, t] { Run(t); });
    }
  }

  void Stop() {
    stop_.store(true);
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  // Blocks until `n` more calls have completed (ok or not). False if calls
  // stopped completing (every replica gone) for minutes.
  bool WaitForCalls(int n) const {
    const int target = completed_.load() + n;
    const auto give_up =
        std::chrono::steady_clock::now() + std::chrono::minutes(3);
    while (completed_.load() < target) {
      if (std::chrono::steady_clock::now() > give_up) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  // Calls started from now on carry the next phase's tag.
  void NextPhase() { phase_.fetch_add(1); }

  int completed() const { return completed_.load(); }
  int failed() const { return failed_.load(); }
  int succeeded_in(int phase) const { return ok_by_phase_[phase].load(); }
  std::vector<std::string> failures() const {
    std::lock_guard<std::mutex> lock(mu_);
    return failures_;
  }

 private:
  void Run(int thread) {
    for (int i = 0; !stop_.load(); ++i) {
      const int phase = std::min<int>(phase_.load(), kPhases.size() - 1);
      v1::SummarizeRequest request;
      request.set_text(article_);
      request.set_request_id(std::string(kPhases[phase]) + "-" +
                             std::to_string(thread) + "-" + std::to_string(i));
      v1::SummarizeResponse response;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::seconds(60));
      const grpc::Status status = stub_->Summarize(&context, request, &response);
      if (status.ok() && response.summary_size() > 0 &&
          response.request_id() == request.request_id()) {
        ok_by_phase_[phase].fetch_add(1);
      } else {
        failed_.fetch_add(1);
        std::lock_guard<std::mutex> lock(mu_);
        failures_.push_back(request.request_id() + ": " +
                            std::to_string(status.error_code()) + " " +
                            status.error_message());
      }
      completed_.fetch_add(1);
    }
  }

  std::unique_ptr<v1::SummarizerService::Stub> stub_;
  const std::string article_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false};
  std::atomic<int> phase_{0};
  std::atomic<int> completed_{0};
  std::atomic<int> failed_{0};
  std::array<std::atomic<int>, kPhases.size()> ok_by_phase_{};
  mutable std::mutex mu_;
  std::vector<std::string> failures_;
};

// Summarize calls of `phase` a replica answered OK, from its request log.
int CountServed(const std::string& log, const std::string& phase) {
  std::istringstream lines(log);
  int count = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("method=Summarize") != std::string::npos &&
        line.find(" item=" + phase + "-") != std::string::npos &&
        line.find("status=OK") != std::string::npos) {
      ++count;
    }
  }
  return count;
}

TEST(ScaleOutTest, RoundRobinWithRetriesSurvivesKillAndDrain) {
  std::vector<std::unique_ptr<PrecisdProcess>> replicas;
  std::string addresses;
  for (int i = 0; i < kReplicas; ++i) {
    std::string error;
    replicas.push_back(PrecisdProcess::Start(kReplicaConfig, &error));
    ASSERT_NE(replicas.back(), nullptr) << error;
    if (i > 0) addresses += ",";
    addresses += replicas.back()->address();
  }
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kServiceConfig);
  args.SetMaxReceiveMessageSize(-1);
  const std::string target = "ipv4:" + addresses;
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      target, grpc::InsecureChannelCredentials(), args);

  LoadDriver load(channel);
  load.Start();
  // Phase "steady": all three replicas serve. Round robin sends calls only
  // to replicas whose connection and health check are READY, and on a busy
  // machine one can get there after the first 150 calls (seen once in CI:
  // 105/100 calls on B and C, none on A), so the phase lasts until each
  // replica has served a call, for at most a minute: a client that did not
  // spread its calls still fails below.
  ASSERT_TRUE(load.WaitForCalls(kCallsPerPhase));
  const auto spread_by =
      std::chrono::steady_clock::now() + std::chrono::minutes(1);
  auto each_served = [&replicas] {
    for (const auto& replica : replicas) {
      if (CountServed(replica->Stderr(), "steady") == 0) return false;
    }
    return true;
  };
  while (!each_served() && std::chrono::steady_clock::now() < spread_by) {
    ASSERT_TRUE(load.WaitForCalls(10));
  }

  // A crashed pod: in-flight calls on it fail at the transport and are
  // retried on the others; new calls go to the survivors.
  replicas[0]->Signal(SIGKILL);
  EXPECT_EQ(replicas[0]->Wait(), 128 + SIGKILL);
  load.NextPhase();  // after-kill
  ASSERT_TRUE(load.WaitForCalls(kCallsPerPhase));

  // A scale-in (or rollout): health turns NOT_SERVING, clients move away
  // during the grace period, in-flight calls drain, exit 0.
  replicas[1]->Signal(SIGTERM);
  load.NextPhase();  // draining
  const int term_exit = replicas[1]->Wait();
  load.NextPhase();  // after-term
  ASSERT_TRUE(load.WaitForCalls(kCallsPerPhase));
  load.Stop();

  EXPECT_EQ(term_exit, 0) << replicas[1]->Stderr();
  EXPECT_THAT(replicas[1]->Stderr(), ::testing::HasSubstr("received SIGTERM"));
  EXPECT_EQ(load.failed(), 0) << ::testing::PrintToString(load.failures());

  // Calls per replica and phase, from the replicas' request logs.
  std::map<std::string, std::array<int, kReplicas>> served;
  std::printf("\n%-12s %10s %10s %10s %10s\n", "phase", "replica A",
              "replica B", "replica C", "client OK");
  for (size_t p = 0; p < kPhases.size(); ++p) {
    auto& row = served[kPhases[p]];
    for (int r = 0; r < kReplicas; ++r) {
      row[r] = CountServed(replicas[r]->Stderr(), kPhases[p]);
    }
    std::printf("%-12s %10d %10d %10d %10d\n", kPhases[p], row[0], row[1],
                row[2], load.succeeded_in(p));
    ::testing::Test::RecordProperty(
        std::string("served_") + kPhases[p],
        std::to_string(row[0]) + "/" + std::to_string(row[1]) + "/" +
            std::to_string(row[2]));
  }
  std::printf("SIGKILL: replica A; SIGTERM: replica B (exit %d); "
              "%d calls, %d failed\n\n",
              term_exit, load.completed(), load.failed());

  // Round robin spread the steady load over all three replicas.
  for (int r = 0; r < kReplicas; ++r) {
    EXPECT_GT(served["steady"][r], 0) << "replica " << r << " got no calls";
  }
  // After the kill, the dead replica served nothing tagged after it.
  EXPECT_EQ(served["after-kill"][0], 0);
  EXPECT_GT(served["after-kill"][1] + served["after-kill"][2], 0);
  // After B exited only replica C remains; it served the last phase.
  EXPECT_EQ(served["after-term"][0], 0);
  EXPECT_EQ(served["after-term"][1], 0);
  EXPECT_GT(served["after-term"][2], 0);
  // Every successful call was answered by some replica (retries can make
  // a replica's count exceed the client's: a reply lost with a killed
  // connection is answered again elsewhere).
  for (size_t p = 0; p < kPhases.size(); ++p) {
    const auto& row = served[kPhases[p]];
    EXPECT_GE(row[0] + row[1] + row[2], load.succeeded_in(p)) << kPhases[p];
  }
}

}  // namespace
}  // namespace precis
