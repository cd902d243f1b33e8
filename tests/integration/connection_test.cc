// precisd's connection management from the config, observed on the wire:
// server.max_connection_age_seconds makes the server end a connection
// (GOAWAY; the client's channel leaves READY) and server.keepalive_* make it
// ping an idle connection and close it when the peer stops answering.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "precis/v1/precis.grpc.pb.h"
#include "test_process.h"

namespace precis {
namespace {

using testing::PrecisdProcess;

std::unique_ptr<PrecisdProcess> StartOrDie(const std::string& config) {
  std::string error;
  std::unique_ptr<PrecisdProcess> server = PrecisdProcess::Start(config, &error);
  EXPECT_NE(server, nullptr) << error;
  return server;
}

// A channel that has made one call (so it is READY).
std::shared_ptr<grpc::Channel> ReadyChannel(const PrecisdProcess& server) {
  std::shared_ptr<grpc::Channel> channel = testing::MakeTestChannel(server.address());
  auto stub = v1::SummarizerService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  v1::GetCapabilitiesResponse response;
  EXPECT_TRUE(stub->GetCapabilities(&context, {}, &response).ok());
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  return channel;
}

TEST(ConnectionTest, MaxConnectionAgeEndsTheConnection) {
  auto server = StartOrDie(
      "server:\n  max_connection_age_seconds: 1\n"
      "  max_connection_age_grace_seconds: 1\n");
  ASSERT_NE(server, nullptr);
  std::shared_ptr<grpc::Channel> channel = ReadyChannel(*server);
  // The server sends GOAWAY after ~1 s (+/-10% jitter): the channel leaves
  // READY long before this generous bound.
  EXPECT_TRUE(channel->WaitForStateChange(
      GRPC_CHANNEL_READY, std::chrono::system_clock::now() + std::chrono::seconds(20)));
  EXPECT_NE(channel->GetState(false), GRPC_CHANNEL_READY);
  // Clients reconnect transparently.
  ReadyChannel(*server);
}

TEST(ConnectionTest, WithoutMaxConnectionAgeTheConnectionStays) {
  auto server = StartOrDie("server:\n  worker_threads: 1\n");
  ASSERT_NE(server, nullptr);
  std::shared_ptr<grpc::Channel> channel = ReadyChannel(*server);
  // Control for the test above: nothing ends an idle connection within 3 s.
  EXPECT_FALSE(channel->WaitForStateChange(
      GRPC_CHANNEL_READY, std::chrono::system_clock::now() + std::chrono::seconds(3)));
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
}

// A raw HTTP/2 client that completes the SETTINGS exchange, then never
// answers a PING: what a vanished peer looks like to the server.
struct Frame {
  uint8_t type = 0;
  uint8_t flags = 0;
  std::string payload;
};

bool RecvAll(int fd, char* buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    const ssize_t r = recv(fd, buf + got, n - got, 0);
    if (r <= 0) return false;
    got += static_cast<size_t>(r);
  }
  return true;
}

bool ReadFrame(int fd, Frame* frame) {
  unsigned char header[9];
  if (!RecvAll(fd, reinterpret_cast<char*>(header), 9)) return false;
  const size_t length = (header[0] << 16) | (header[1] << 8) | header[2];
  frame->type = header[3];
  frame->flags = header[4];
  frame->payload.assign(length, '\0');
  return length == 0 || RecvAll(fd, frame->payload.data(), length);
}

TEST(ConnectionTest, KeepaliveClosesAnIdleConnectionWhosePeerStopsAnswering) {
  auto server = StartOrDie(
      "server:\n  keepalive_time_seconds: 1\n  keepalive_timeout_seconds: 1\n");
  ASSERT_NE(server, nullptr);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  timeval timeout{30, 0};  // Upper bound for the whole exchange.
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  const std::string preface = std::string("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") +
                              std::string("\0\0\0\x04\0\0\0\0\0", 9);
  ASSERT_EQ(send(fd, preface.data(), preface.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(preface.size()));
  bool pinged = false;
  bool closed = false;
  Frame frame;
  for (;;) {
    if (!ReadFrame(fd, &frame)) {
      closed = true;  // EOF or reset.
      break;
    }
    if (frame.type == 0x4 && (frame.flags & 0x1) == 0) {  // SETTINGS
      const std::string ack("\0\0\0\x04\x01\0\0\0\0", 9);
      send(fd, ack.data(), ack.size(), MSG_NOSIGNAL);
    } else if (frame.type == 0x6 && (frame.flags & 0x1) == 0) {  // PING
      pinged = true;  // Deliberately left unanswered.
    } else if (frame.type == 0x7) {  // GOAWAY
      closed = true;
      break;
    }
  }
  close(fd);
  EXPECT_TRUE(pinged) << "the server never pinged the idle connection";
  EXPECT_TRUE(closed);
  // The server itself is fine.
  ReadyChannel(*server);
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

}  // namespace
}  // namespace precis
