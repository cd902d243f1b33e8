#!/usr/bin/env bash
# Installs the Debian 12 packages Précis needs, only those missing.
# Idempotent and non-interactive; must run as root (or with sudo available).
#   tools/install-deps.sh          build + run dependencies
#   tools/install-deps.sh --test   also what the test suite needs
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libabsl-dev
  libicu-dev libyaml-cpp-dev libre2-dev libstemmer-dev libcld2-dev libcli11-dev
  libgoogle-perftools-dev
  libgtest-dev libgmock-dev
  ots libots-dev
)
if [[ "${1:-}" == "--test" ]]; then
  # Clients in other languages, manifest checks (yamllint, the kustomize renderer).
  packages+=(python3 python3-grpcio python3-protobuf yamllint python3-yaml libxml2-utils)
  # TLS tests make certificates with openssl; fuzz targets need clang's
  # libFuzzer and sanitizer runtimes; the load tools drive precisd with h2load.
  packages+=(openssl clang-14 libfuzzer-14-dev libclang-rt-14-dev nghttp2-client)
  # Node for the schema and client tests: Debian's nodejs + npm unless a Node
  # with npm is already there (nodesource's nodejs bundles npm and conflicts
  # with Debian's npm package).
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
