// precis-echo: the transport floor for Précis load tests.
//
// A gRPC server offering precis.v1.SummarizerService whose unary methods do
// no work: each call is answered on gRPC's own thread with the request's
// bytes (echo, the "minimal echo service" of the load-test notes) or with
// one fixed message read at start-up (--reply FILE, e.g. a real
// SummarizeResponse), so that h2load measures what the transport alone
// costs at precisd's message sizes. The request is not parsed. It is a
// measuring stick, not a stand-in for precisd: no validation, no limits.
//
// Prints "precis-echo listening on HOST:PORT" once serving; SIGINT or
// SIGTERM shuts it down (exit 0).
#include <csignal>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "grpcpp/grpcpp.h"
#include "precis/v1/precis.grpc.pb.h"

namespace {

using EchoBase = precis::v1::SummarizerService::WithRawCallbackMethod_Summarize<
    precis::v1::SummarizerService::WithRawCallbackMethod_SummarizeStream<
        precis::v1::SummarizerService::WithRawCallbackMethod_Segment<
            precis::v1::SummarizerService::WithRawCallbackMethod_GetCapabilities<
                precis::v1::SummarizerService::Service>>>>;

class EchoService final : public EchoBase {
 public:
  // An empty `reply` means echo.
  explicit EchoService(const std::string& reply)
      : echo_(reply.empty()), reply_(reply.data(), reply.size()) {}

  grpc::ServerUnaryReactor* Summarize(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override {
    return Answer(context, request, response);
  }
  grpc::ServerUnaryReactor* Segment(grpc::CallbackServerContext* context,
                                    const grpc::ByteBuffer* request,
                                    grpc::ByteBuffer* response) override {
    return Answer(context, request, response);
  }
  grpc::ServerUnaryReactor* GetCapabilities(grpc::CallbackServerContext* context,
                                            const grpc::ByteBuffer* request,
                                            grpc::ByteBuffer* response) override {
    return Answer(context, request, response);
  }

 private:
  grpc::ServerUnaryReactor* Answer(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) {
    // Both share slices by reference count: no copy of the bytes per call.
    *response = echo_ ? *request : grpc::ByteBuffer(&reply_, 1);
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  const bool echo_;
  grpc::Slice reply_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "precis-echo: precis.v1.SummarizerService answering every unary call with the "
      "request's bytes or one fixed message, no work: the transport floor beside precisd "
      "(tools/h2load/run.sh --floor)"};
  std::string listen = "127.0.0.1:0";
  std::string reply_file;
  app.add_option("--listen", listen, "host:port to serve on (port 0 picks a free one)")
      ->capture_default_str();
  app.add_option("--reply", reply_file,
                 "answer with this file's bytes (one serialized message, no gRPC frame "
                 "prefix) instead of echoing the request")
      ->check(CLI::ExistingFile);
  CLI11_PARSE(app, argc, argv);

  std::string reply;
  if (!reply_file.empty()) {
    std::ifstream in(reply_file, std::ios::binary);
    reply.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      std::cerr << "precis-echo: cannot read " << reply_file << "\n";
      return 1;
    }
    if (reply.empty()) {
      std::cerr << "precis-echo: " << reply_file << " is empty (echo is the default)\n";
      return 2;
    }
  }

  // Signals are taken by sigwait below; every gRPC thread inherits the mask.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  EchoService service(reply);
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  builder.SetMaxReceiveMessageSize(-1);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "precis-echo: cannot listen on " << listen << "\n";
    return 1;
  }
  const std::string host = listen.substr(0, listen.rfind(':'));
  std::cout << "precis-echo listening on " << host << ":" << port << " ("
            << (reply.empty() ? "echo" : std::to_string(reply.size()) + "-byte reply")
            << ")" << std::endl;

  int sig = 0;
  sigwait(&stop, &sig);
  server->Shutdown();
  return 0;
}
