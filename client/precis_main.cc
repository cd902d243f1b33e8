// precis: the Précis command-line client (see cli_app.h).
#include <cstdlib>
#include <iostream>

#include "cli_app.h"
#include "grpc/support/log.h"

namespace {

// gRPC core's own log lines ("E1128 ... Handshake failed ...").
void DiscardGrpcLog(gpr_log_func_args* /*args*/) {}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // The CLI reports every failed call itself, in one line with the status
  // code and gRPC's message; gRPC core's log lines would only repeat it.
  // Setting GRPC_VERBOSITY asks for them back (debugging).
  if (std::getenv("GRPC_VERBOSITY") == nullptr) gpr_set_log_function(DiscardGrpcLog);
  return precis::cli::RunCli(argc, argv, std::cin, std::cout, std::cerr);
}
