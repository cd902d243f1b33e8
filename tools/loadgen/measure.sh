#!/usr/bin/env bash
# tools/loadgen/measure.sh — the closing note's gRPC numbers with precis-loadgen.
#
#   tools/loadgen/measure.sh [--build DIR] [--target HOST:PORT] [--rounds N]
#                            [--duration S] [--articles-jsonl PATH]
#
# Without --target starts precisd (request log off) on a free loopback port.
# Per round: Summarize and GetCapabilities at 2 channels x 32 in flight
# (throughput), Summarize at 16 in flight (latency), and with --articles-jsonl
# Summarize over those articles at 2 x 32. Prints every run and the median of
# each over the rounds (the machine is shared: quote medians).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/tools/soak/precisd_lib.sh"
BUILD="$ROOT/build"
TARGET=""
ROUNDS=3
DURATION=10
JSONL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --target) TARGET="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --articles-jsonl) JSONL="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
LOADGEN="$(precis_find_bin precis-loadgen "$BUILD/tools/loadgen/precis-loadgen")"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/precis-measure.XXXXXX")"
cleanup() { precis_stop_precisd || true; rm -rf "$WORK" "${PRECISD_DIR:-/nonexistent}"; }
trap cleanup EXIT
if [ -z "$TARGET" ]; then
  PRECISD="$(precis_find_bin precisd "$BUILD/service/server/precisd")"
  precis_start_precisd "$PRECISD" $'server:\n  log_requests: false'
  TARGET="$PRECISD_ADDR"
  echo "started $PRECISD on $TARGET (pid $PRECISD_PID)"
fi

json_number() {  # json_number FILE KEY -> the first "KEY": number
  sed -n "s/^ *\"$2\": *\([-0-9][0-9.eE+]*\).*/\1/p" "$1" | head -n1
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

declare -A RUNS
CASES=("summarize-64:--method summarize --concurrency 64"
       "capabilities-64:--method capabilities --concurrency 64"
       "summarize-16:--method summarize --concurrency 16")
if [ -n "$JSONL" ]; then CASES+=("summarize-jsonl-64:--method summarize --concurrency 64 --articles-jsonl $JSONL"); fi
for round in $(seq 1 "$ROUNDS"); do
  for c in "${CASES[@]}"; do
    name="${c%%:*}"
    # shellcheck disable=SC2086
    "$LOADGEN" --target "$TARGET" ${c#*:} --channels 2 --duration "$DURATION" --warmup 2 \
      --json-out "$WORK/$name.$round.json" > "$WORK/$name.$round.txt" || true
    ok="$(json_number "$WORK/$name.$round.json" ok_per_second)"
    p50="$(json_number "$WORK/$name.$round.json" p50)"
    p99="$(json_number "$WORK/$name.$round.json" p99)"
    err="$(json_number "$WORK/$name.$round.json" errors)"
    printf 'round %d %-20s %9.1f OK/s  p50 %8.0f us  p99 %8.0f us  errors %s\n' \
      "$round" "$name" "$ok" "$p50" "$p99" "$err"
    RUNS[$name.ok]+="$ok "; RUNS[$name.p50]+="$p50 "; RUNS[$name.p99]+="$p99 "
  done
done
for c in "${CASES[@]}"; do
  name="${c%%:*}"
  # shellcheck disable=SC2086
  printf 'median  %-20s %9.1f OK/s  p50 %8.0f us  p99 %8.0f us  (%d rounds)\n' "$name" \
    "$(median ${RUNS[$name.ok]})" "$(median ${RUNS[$name.p50]})" "$(median ${RUNS[$name.p99]})" "$ROUNDS"
done
