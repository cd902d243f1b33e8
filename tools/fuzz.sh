#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang-14, ASan and UBSan into
# build-fuzz/, and runs each one for a bounded time on a seed corpus made
# from the test data (tests/fuzz/make_seeds.py). Exit status 1 when any
# target finds a crash, leak, timeout or out-of-memory input (saved under
# build-fuzz/artifacts/<target>/, printed as a C string for a regression
# test). Inputs under tests/fuzz/regressions/<target>/ are replayed first.
#   tools/fuzz.sh [--seconds N] [--target NAME] [--jobs N]
#     --seconds N   run time per target (default 60)
#     --target NAME only this target (e.g. engine_fuzzer)
#   BUILD_DIR=...   another build directory
# The corpus grown by earlier runs (build-fuzz/corpus/<target>/) is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

seconds=60
only=""
jobs="$(nproc)"
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --target) only="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "usage: tools/fuzz.sh [--seconds N] [--target NAME] [--jobs N]" >&2; exit 2 ;;
  esac
done
build_dir="${BUILD_DIR:-build-fuzz}"

# Inputs longer than this are cut (the pipeline's cost grows with length;
# long texts are covered by the abuse corpus test). Per-input time and
# memory limits turn hangs and blow-ups into findings.
max_len=4096
timeout_s=20
rss_mb=2560

tools/install-deps.sh --test
# The same configuration as tools/test.sh --sanitize --clang (keep the two
# in step), so that after CI's sanitizer suite in build-fuzz/ the fuzz
# targets are already built; only the fuzzers target is built here.
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DPRECIS_BUILD_TESTS=ON -DPRECIS_SANITIZE=address -DPRECIS_FUZZ=ON \
  -DPRECIS_BUILD_TOOLS=OFF
cmake --build "$build_dir" --target fuzzers -j "$jobs"

# The option bytes each target reads before its text (see the targets), so
# that seeds also reach it whole: hex prefixes per target.
declare -A prefixes=(
  [normalized_text_fuzzer]=""
  [sentence_segmenter_fuzzer]="00 03"
  [fact_extractor_fuzzer]="000000 030100"
  [engine_fuzzer]="000000"
  [simple_breakers_fuzzer]="00 02"
)
# The whole pipeline under ASan+UBSan+coverage runs ~10-70 inputs/s here:
# shorter inputs, so that the seed corpus loads well within a CI minute.
declare -A max_lens=([engine_fuzzer]=1024)

supp="$root/tools/sanitizers"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"

failed=()
for src in tests/fuzz/*_fuzzer.cc; do
  target="$(basename "$src" .cc)"
  [[ -n "$only" && "$target" != "$only" ]] && continue
  bin="$build_dir/tests/fuzz/$target"
  seeds="$build_dir/seeds/$target"
  corpus="$build_dir/corpus/$target"
  artifacts="$build_dir/artifacts/$target/"
  rm -rf "$seeds" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  prefix_args=()
  for p in ${prefixes[$target]:-}; do prefix_args+=(--prefix "$p"); done
  len="${max_lens[$target]:-$max_len}"
  python3 tests/fuzz/make_seeds.py "$seeds" --max-len "$len" "${prefix_args[@]}"

  regressions=(tests/fuzz/regressions/"$target"/*)
  if [[ -e "${regressions[0]}" ]]; then
    echo "fuzz.sh: $target: replaying ${#regressions[@]} regression input(s)"
    if ! "$bin" -rss_limit_mb="$rss_mb" -timeout="$timeout_s" "${regressions[@]}"; then
      failed+=("$target (regression)")
      continue
    fi
  fi

  echo "fuzz.sh: $target for ${seconds}s"
  start=$(date +%s)
  # -max_total_time is not checked while the seed corpus is being loaded; a
  # slow target is stopped by SIGINT (libFuzzer exits 72) at twice the time.
  rc=0
  timeout -s INT $((2 * seconds + 30)) "$bin" -max_total_time="$seconds" -max_len="$len" \
      -timeout="$timeout_s" -rss_limit_mb="$rss_mb" -malloc_limit_mb="$rss_mb" \
      -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "$seeds" \
      2> "$build_dir/$target.log" || rc=$?
  if ((rc == 72)); then
    echo "fuzz.sh: $target stopped at the time bound (seed corpus not fully run)"
  elif ((rc != 0)); then
    failed+=("$target")
    tail -60 "$build_dir/$target.log" >&2
  fi
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)' \
    "$build_dir/$target.log" || true
  echo "fuzz.sh: $target took $(( $(date +%s) - start ))s"
done

shopt -s nullglob
for src in tests/fuzz/*_fuzzer.cc; do
  target="$(basename "$src" .cc)"
  [[ -n "$only" && "$target" != "$only" ]] && continue
  for f in "$build_dir/artifacts/$target"/*; do
    echo "fuzz.sh: finding $f ($(stat -c %s "$f") bytes)"
    # Small inputs as a C++ string literal, for a regression test; minimize
    # larger ones first: $build_dir/tests/fuzz/$target -minimize_crash=1 FILE
    python3 -c 'import sys; d=open(sys.argv[1],"rb").read()
if len(d) <= 256: print("  \"" + "".join("\\x%02x" % b for b in d) + "\"")' "$f"
  done
done
if ((${#failed[@]})); then
  echo "fuzz.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: no findings"
