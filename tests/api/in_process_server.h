// Test helper shared by the in-process service tests: the real engine and a
// SummarizerService on a loopback port of a real grpc::Server, called through
// the generated stub.
//
// InProcessServer owns the worker pool, the logger, the service and the
// server; the engine is the caller's and must outlive it. Block() holds the
// pool's threads with a task of the test's own, so which calls are queued,
// running or refused is decided by the test, not by timing. Not thread-safe:
// one test thread drives it.
#ifndef PRECIS_TESTS_API_IN_PROCESS_SERVER_H_
#define PRECIS_TESTS_API_IN_PROCESS_SERVER_H_

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "language_data_loader.h"
#include "summarizer_service.h"
#include "../core/test_engine.h"

namespace precis::api::testing {

using ::precis::testing::CreateTestEngine;
using ::precis::testing::SampleArticle;

class InProcessServer {
 public:
  struct Options {
    size_t threads = 1;
    size_t max_queued = 0;  // 0: the pool's default bound
    ServiceOptions service;
  };

  InProcessServer(const Engine& engine, const Options& options)
      : pool_(options.threads, options.max_queued),
        logger_(false),
        service_(engine, &pool_, &logger_, options.service) {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    EXPECT_NE(server_, nullptr);
    EXPECT_NE(port, 0);
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                   grpc::InsecureChannelCredentials());
  }
  ~InProcessServer() {
    Release();
    if (server_ != nullptr) {
      server_->Shutdown();
      server_->Wait();
    }
  }
  InProcessServer(const InProcessServer&) = delete;
  InProcessServer& operator=(const InProcessServer&) = delete;

  // Occupies one worker thread until the next Release(); returns once it
  // runs. Call it once per thread to hold.
  void Block() {
    std::promise<void> started;
    std::shared_future<void> released = released_;
    ASSERT_TRUE(pool_.Submit([&started, released] {
      started.set_value();
      released.wait();
    }));
    blocked_ = true;
    started.get_future().wait();
  }
  // Lets every Block()ed task finish; later Block() calls hold again.
  void Release() {
    if (!blocked_) return;
    blocked_ = false;
    release_.set_value();
    release_ = std::promise<void>();
    released_ = release_.get_future().share();
  }
  // Waits (at most 20 s) until `n` tasks are queued; true when exactly n are.
  bool WaitQueued(size_t n) {
    const auto give_up =
        std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (pool_.queued() < n && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return pool_.queued() == n;
  }

  std::unique_ptr<v1::SummarizerService::Stub> Stub() {
    return v1::SummarizerService::NewStub(channel_);
  }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  WorkerPool& pool() { return pool_; }
  SummarizerService& service() { return service_; }

 private:
  WorkerPool pool_;
  RequestLogger logger_;
  SummarizerService service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  bool blocked_ = false;
};

}  // namespace precis::api::testing

#endif  // PRECIS_TESTS_API_IN_PROCESS_SERVER_H_
