// precis: the Précis command-line client (see cli_app.h).
#include <iostream>

#include "cli_app.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  return precis::cli::RunCli(argc, argv, std::cin, std::cout, std::cerr);
}
