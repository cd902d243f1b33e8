#!/usr/bin/env bash
# Installs what is missing, builds everything (with tests) and runs ctest.
# Exit status is ctest's (or 1 when a sanitizer reported an error).
#   tools/test.sh              Release into build/, the whole suite
#   tools/test.sh --sanitize   ASan + UBSan into build-asan/, the whole suite
#                              except clients_node and k8s_* (see below)
#   tools/test.sh --tsan       TSan into build-tsan/, the concurrency tests
#   BUILD_DIR=... tools/test.sh [...]   another build directory
#   JOBS=N                     parallel build and test jobs (default: nproc)
#
# Sanitizer runs set *SAN_OPTIONS for every process the tests start (precisd
# and precis run as subprocesses, so their reports go to files under
# BUILD_DIR/sanitizer-logs/, which this script prints and counts as a
# failure). Suppressions (third-party frames only, each with its reason):
# tools/sanitizers/{lsan,ubsan,tsan}.supp.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

mode=release
case "${1:-}" in
  "") ;;
  --sanitize) mode=asan ;;
  --tsan) mode=tsan ;;
  -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
  *) echo "usage: tools/test.sh [--sanitize|--tsan]" >&2; exit 2 ;;
esac
jobs="${JOBS:-$(nproc)}"

tools/install-deps.sh --test

ctest_args=(--output-on-failure -j "$jobs")
case "$mode" in
  release)
    build_dir="${BUILD_DIR:-build}"
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPRECIS_BUILD_TESTS=ON
    cmake --build "$build_dir" -j "$jobs"
    exec ctest --test-dir "$build_dir" "${ctest_args[@]}"
    ;;
  asan)
    build_dir="${BUILD_DIR:-build-asan}"
    sanitizer=address
    # Not run under ASan: clients_node and the k8s_* checks install npm
    # packages into the build tree and test JavaScript and YAML, not project
    # C++ (the server paths the Node client drives are covered by the C++
    # integration tests, and clients_python still runs against the ASan
    # precisd).
    ctest_args+=(-E '^(clients_node|k8s_.*)$')
    ;;
  tsan)
    build_dir="${BUILD_DIR:-build-tsan}"
    sanitizer=thread
    # The tests that run code on several threads: the worker pool, the
    # service and stream handlers in-process, and a real server under
    # concurrent calls and streams.
    ctest_args+=(-R '^(api_worker_pool_test|api_summarizer_service_test|api_summarize_stream_test|integration_precisd_test|cli_precis_batch_test|core_engine_test)$')
    ;;
esac

# Optimized with debug info and assertions on: fast enough to run the whole
# suite, with usable stack traces.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DPRECIS_BUILD_TESTS=ON \
  -DPRECIS_SANITIZE="$sanitizer"
cmake --build "$build_dir" -j "$jobs"

logs="$root/$build_dir/sanitizer-logs"
rm -rf "$logs"
mkdir -p "$logs"
supp="$root/tools/sanitizers"
common="print_suppressions=0"
if [[ "$sanitizer" == address ]]; then
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$logs/asan:$common"
  export LSAN_OPTIONS="suppressions=$supp/lsan.supp:$common"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp:log_path=$logs/ubsan:$common"
else
  # The Debian gRPC/abseil/protobuf libraries are not TSan-instrumented.
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$supp/tsan.supp:log_path=$logs/tsan:$common"
fi

status=0
ctest --test-dir "$build_dir" "${ctest_args[@]}" || status=$?
# Reports from subprocesses (precisd, precis) and from tests alike.
shopt -s nullglob
reports=("$logs"/*)
if ((${#reports[@]} > 0)); then
  echo "test.sh: ${#reports[@]} sanitizer report(s) in $logs:" >&2
  for r in "${reports[@]}"; do
    echo "==== $r" >&2
    cat "$r" >&2
  done
  ((status == 0)) && status=1
fi
exit "$status"
