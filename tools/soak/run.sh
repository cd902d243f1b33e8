#!/usr/bin/env bash
# tools/soak/run.sh — soak and graceful-shutdown checks of precisd.
#
#   tools/soak/run.sh [--build DIR] [--precisd BIN] [--loadgen BIN]
#                     [--rate CALLS_PER_S | --peak-fraction F]
#                     [--peak-mode open|closed] [--probe-p99-ms MS] [--duration S]
#                     [--warmup S] [--sample-interval S] [--max-rss-growth F]
#                     [--method summarize|segment|capabilities]
#                     [--articles-jsonl PATH] [--config FILE]
#                     [--shutdown-concurrency N] [--shutdown-grace S] [--no-soak]
#                     [--no-shutdown-check] [--out DIR]
#
# 1. Starts precisd (DIR/service/server/precisd, or --precisd) on a free
#    loopback port with the request log off (plus --config's YAML, if given).
# 2. Without --rate: measures the peak and soaks at --peak-fraction (0.7)
#    of it. First the closed-loop peak C (2 channels x 32 in flight, 10 s,
#    successful calls/s). With --peak-mode closed (the old rule) the peak is
#    C. With --peak-mode open (default) the peak is the highest fixed rate
#    the server sustains, the same traffic shape as the soak: a bisection
#    between 0.3 C and C (6 probes of 8 s after 2 s warm-up); a rate is
#    sustained when no call fails, every call is sent on schedule and p99
#    latency stays under --probe-p99-ms (50). Why: 64 calls kept in flight
#    let gRPC batch reads, writes and wake-ups, so C overstates what evenly
#    spaced calls can get; on a 2-core VM 0.7 C was already ~90% busy in
#    open loop and shed calls. Both peaks are printed.
# 3. Soak: precis-loadgen at that fixed rate (open loop) for --duration
#    (600 s) after --warmup (30 s), sampling the server's VmRSS every
#    --sample-interval (5 s). PASS: zero failed calls and RSS growth after
#    the warm-up below --max-rss-growth (0.10).
# 4. Graceful shutdown under load: a fresh precisd, closed loop with
#    --shutdown-concurrency (32: well under the default admission cap of 256 on two
#    cores, so the server holds a queue but rejects nothing) calls in
#    flight; SIGTERM after 5 s while the load goes on until precisd exits.
#    PASS: no call sent before SIGTERM failed and precisd exited 0.
#    --shutdown-grace S sets server.shutdown_grace_seconds (default: the
#    server's, 1 s; with 0 the server stops at once and gRPC cancels calls
#    that had arrived but not yet reached a handler, grpc/grpc#41785, so a
#    client that keeps sending until the GOAWAY can see a CANCELLED call or
#    two).
# Reports (text and JSON) are kept in --out (default: a temp dir, printed).
# Exit 0 when every check passed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/tools/soak/precisd_lib.sh"

BUILD="$ROOT/build"
PRECISD=""
LOADGEN=""
RATE=""
FRACTION=0.7
PEAK_MODE=open
PROBE_P99_MS=50
DURATION=600
WARMUP=30
INTERVAL=5
GROWTH=0.10
METHOD=summarize
JSONL=""
CONFIG=""
SOAK=1
SHUTDOWN=1
SHUTDOWN_CONCURRENCY=32
SHUTDOWN_GRACE=""
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --precisd) PRECISD="$2"; shift 2 ;;
    --loadgen) LOADGEN="$2"; shift 2 ;;
    --rate) RATE="$2"; shift 2 ;;
    --peak-fraction) FRACTION="$2"; shift 2 ;;
    --peak-mode) PEAK_MODE="$2"; shift 2 ;;
    --probe-p99-ms) PROBE_P99_MS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --sample-interval) INTERVAL="$2"; shift 2 ;;
    --max-rss-growth) GROWTH="$2"; shift 2 ;;
    --method) METHOD="$2"; shift 2 ;;
    --articles-jsonl) JSONL="$2"; shift 2 ;;
    --config) CONFIG="$2"; shift 2 ;;
    --shutdown-concurrency) SHUTDOWN_CONCURRENCY="$2"; shift 2 ;;
    --shutdown-grace) SHUTDOWN_GRACE="$2"; shift 2 ;;
    --no-soak) SOAK=0; shift ;;
    --no-shutdown-check) SHUTDOWN=0; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,46p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$PEAK_MODE" in open|closed) ;; *) echo "--peak-mode: open or closed" >&2; exit 2 ;; esac

PRECISD="$(precis_find_bin precisd ${PRECISD:+"$PRECISD"} "$BUILD/service/server/precisd")"
LOADGEN="$(precis_find_bin precis-loadgen ${LOADGEN:+"$LOADGEN"} "$BUILD/tools/loadgen/precis-loadgen")"
if [ -z "$OUT" ]; then OUT="$(mktemp -d "${TMPDIR:-/tmp}/precis-soak.XXXXXX")"; fi
mkdir -p "$OUT"
SERVER_CONFIG=$'server:\n  log_requests: false'
if [ -n "$CONFIG" ]; then SERVER_CONFIG="$(cat "$CONFIG")"; fi
if [ -n "$SHUTDOWN_GRACE" ]; then
  if [ -n "$CONFIG" ]; then echo "--shutdown-grace and --config: set it in the file" >&2; exit 2; fi
  SERVER_CONFIG+=$'\n'"  shutdown_grace_seconds: $SHUTDOWN_GRACE"
fi
WORKLOAD=(--method "$METHOD")
if [ -n "$JSONL" ]; then WORKLOAD+=(--articles-jsonl "$JSONL"); fi

# Keeps the server's log in $OUT and removes its temp dir.
keep_log() {
  if [ -n "${PRECISD_DIR:-}" ] && [ -d "$PRECISD_DIR" ]; then
    cp "$PRECISD_DIR/err" "$OUT/precisd-$1.log" 2>/dev/null || true
    rm -rf "$PRECISD_DIR"
  fi
}
# shellcheck disable=SC2317  # Called by the EXIT trap.
cleanup() { precis_stop_precisd || true; keep_log exit; }
trap cleanup EXIT

json_number() {  # json_number FILE KEY -> the first "KEY": number
  sed -n "s/^ *\"$2\": *\([-0-9][0-9.eE+]*\).*/\1/p" "$1" | head -n1
}

precis_start_precisd "$PRECISD" "$SERVER_CONFIG"
echo "precisd $PRECISD on $PRECISD_ADDR (pid $PRECISD_PID); reports in $OUT"

if [ -z "$RATE" ] && [ "$SOAK" = 1 ]; then
  echo "== peak: closed loop, 2 channels x 32 in flight, 10 s"
  "$LOADGEN" --target "$PRECISD_ADDR" "${WORKLOAD[@]}" --channels 2 --concurrency 64 \
    --duration 10 --warmup 2 --json-out "$OUT/peak.json" | tee "$OUT/peak.txt" || true
  PEAK="$(json_number "$OUT/peak.json" ok_per_second)"
  CLOSED_PEAK="$PEAK"
  if [ "$PEAK_MODE" = open ]; then
    echo "== peak: highest sustained fixed rate, bisection in [0.3, 1] x $CLOSED_PEAK calls/s"
    lo="$(awk -v p="$CLOSED_PEAK" 'BEGIN { printf "%.0f", 0.3 * p }')"
    hi="$(awk -v p="$CLOSED_PEAK" 'BEGIN { printf "%.0f", p }')"
    for probe in 1 2 3 4 5 6; do
      r=$(( (lo + hi) / 2 ))
      json="$OUT/probe-$probe.json"
      "$LOADGEN" --target "$PRECISD_ADDR" "${WORKLOAD[@]}" --rate "$r" --duration 8 \
        --warmup 2 --json-out "$json" > "$OUT/probe-$probe.txt" 2>&1 || true
      # failed, not sent and p99 (ms) of the measured calls.
      read -r failed not_sent p99 < <(/usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print(j.get("errors", 1), j.get("not_sent", 0), j.get("latency_us", {}).get("p99", 1e12) / 1000)
' "$json" 2>/dev/null || echo "1 0 0")
      if [ "$failed" = 0 ] && [ "$not_sent" = 0 ] &&
         awk -v p="$p99" -v m="$PROBE_P99_MS" 'BEGIN { exit !(p < m) }'; then
        verdict=sustained; lo=$r
      else
        verdict="not sustained"; hi=$r
      fi
      printf '  probe %d: %5d calls/s  failed %s, not sent %s, p99 %.1f ms: %s\n' \
        "$probe" "$r" "$failed" "$not_sent" "$p99" "$verdict"
    done
    PEAK="$lo"
    echo "closed-loop peak $CLOSED_PEAK calls/s; sustained fixed-rate peak $PEAK calls/s"
  fi
  RATE="$(awk -v p="$PEAK" -v f="$FRACTION" 'BEGIN { printf "%.0f", p * f }')"
  echo "peak ($PEAK_MODE) ${PEAK} OK calls/s -> soak rate $RATE calls/s (x$FRACTION;" \
    "$(awk -v r="$RATE" -v c="$CLOSED_PEAK" 'BEGIN { printf "%.2f", r / c }') x the closed-loop peak)"
fi

SOAK_VERDICT="skipped"
if [ "$SOAK" = 1 ]; then
  echo "== soak: $RATE calls/s for $DURATION s after $WARMUP s warm-up, VmRSS every $INTERVAL s"
  set +e
  "$LOADGEN" --target "$PRECISD_ADDR" "${WORKLOAD[@]}" --rate "$RATE" \
    --duration "$DURATION" --warmup "$WARMUP" --server-pid "$PRECISD_PID" \
    --sample-interval "$INTERVAL" --max-rss-growth "$GROWTH" --progress \
    --json-out "$OUT/soak.json" > "$OUT/soak.txt" 2> "$OUT/soak.progress"
  rc=$?
  set -e
  cat "$OUT/soak.txt"
  SOAK_VERDICT="$([ $rc = 0 ] && echo PASS || echo "FAIL (precis-loadgen exit $rc)")"
fi
precis_stop_precisd
keep_log soak
[ "$PRECISD_EXIT" = 0 ] || SOAK_VERDICT="FAIL (precisd exit $PRECISD_EXIT after the soak)"

SHUTDOWN_VERDICT="skipped"
if [ "$SHUTDOWN" = 1 ]; then
  precis_start_precisd "$PRECISD" "$SERVER_CONFIG"
  echo "== graceful shutdown: $SHUTDOWN_CONCURRENCY calls in flight, SIGTERM to pid $PRECISD_PID after 5 s"
  set +e
  "$LOADGEN" --target "$PRECISD_ADDR" "${WORKLOAD[@]}" \
    --concurrency "$SHUTDOWN_CONCURRENCY" --duration 60 \
    --warmup 1 --server-pid "$PRECISD_PID" --sample-interval 1 --sigterm-after 5 \
    --json-out "$OUT/shutdown.json" > "$OUT/shutdown.txt" 2>&1
  rc=$?
  wait "$PRECISD_PID"
  exit_code=$?
  PRECISD_PID=""
  set -e
  cat "$OUT/shutdown.txt"
  echo "precisd exit code $exit_code; its log: $(tail -n 3 "$PRECISD_DIR/err" | tr '\n' ' ')"
  keep_log shutdown
  if [ $rc = 0 ] && [ $exit_code = 0 ]; then
    SHUTDOWN_VERDICT=PASS
  else
    SHUTDOWN_VERDICT="FAIL (precis-loadgen exit $rc, precisd exit $exit_code)"
  fi
fi

echo "== verdict"
echo "soak (${RATE:-?} calls/s, $DURATION s): $SOAK_VERDICT"
echo "graceful shutdown under load: $SHUTDOWN_VERDICT"
[[ "$SOAK_VERDICT" != FAIL* && "$SHUTDOWN_VERDICT" != FAIL* ]]
