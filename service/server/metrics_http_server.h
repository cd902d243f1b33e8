// MetricsHttpServer: a minimal HTTP/1.1 server on its own thread for
// Prometheus scrapes and HTTP health probes (GET and HEAD only; one request
// per connection, answered with `Connection: close`).
//
// Why hand-written: Debian's prometheus-cpp (1.0) exposes metrics through an
// embedded civetweb and records histograms under a mutex; gRPC has no plain
// HTTP endpoint. A scrape endpoint needs only a request line and a response,
// which POSIX sockets give in ~200 lines with no new dependency.
//
// Robustness: requests are read with a 2 s total deadline and at most 8 KiB
// of headers; connections are served one at a time (scrapes are rare and
// cheap), so each stalled client ahead of a scrape delays it by at most the
// deadline (k stalled connections in the listen backlog of 16: k x 2 s), and
// none can grow memory or threads.
//
// Thread-safe; the destructor stops the thread and closes the socket.
#ifndef PRECIS_SERVICE_SERVER_METRICS_HTTP_SERVER_H_
#define PRECIS_SERVICE_SERVER_METRICS_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/statusor.h"

namespace precis {

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

class MetricsHttpServer {
 public:
  // Called on the server's thread with the request path (query removed).
  using Handler = std::function<HttpResponse(std::string_view path)>;

  // Listens on `address` ("host:port", "[v6]:port", ":port" = all
  // interfaces; port 0 picks a free one). UNAVAILABLE when it cannot bind,
  // INVALID_ARGUMENT for a malformed address.
  static absl::StatusOr<std::unique_ptr<MetricsHttpServer>> Start(
      const std::string& address, Handler handler);
  ~MetricsHttpServer();
  MetricsHttpServer(const MetricsHttpServer&) = delete;
  MetricsHttpServer& operator=(const MetricsHttpServer&) = delete;

  int port() const { return port_; }

  // The whole response for one raw request (exposed for tests): status line,
  // headers and, unless the method is HEAD, the body.
  static std::string Respond(std::string_view request, const Handler& handler);

 private:
  MetricsHttpServer(int listen_fd, int wake_read, int wake_write, int port,
                    Handler handler);
  void Run();
  void Serve(int fd);

  const int listen_fd_;
  const int wake_read_;   // Readable when the server is stopping.
  const int wake_write_;
  const int port_;
  const Handler handler_;
  std::thread thread_;
};

}  // namespace precis

#endif  // PRECIS_SERVICE_SERVER_METRICS_HTTP_SERVER_H_
