#!/usr/bin/env bash
# Installs what is missing, builds everything (Release, with tests) into
# build/, and runs the whole ctest suite. Exit status is ctest's.
#   tools/test.sh              the suite
#   BUILD_DIR=... tools/test.sh  another build directory
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
jobs="$(nproc)"

tools/install-deps.sh --test
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPRECIS_BUILD_TESTS=ON
cmake --build "$build_dir" -j "$jobs"
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
