#!/usr/bin/env bash
# tools/h2load/run.sh — Summarize and GetCapabilities through h2load (nghttp2),
# the issue's reference load tool, against one precisd in the same run.
#
#   tools/h2load/run.sh [--target HOST:PORT] [--build DIR] [--precisd BIN]
#                       [--loadgen BIN] [--text FILE] [--duration S] [--warmup S]
#                       [--connections N] [--streams N] [--rounds N]
#                       [--methods "summarize capabilities"] [--latency-streams N]
#                       [--floor] [--echo BIN]
#
# Without --target it starts precisd (DIR/service/server/precisd, request log
# off) on a free loopback port and stops it at the end. The request bodies are
# gRPC-framed (5-byte prefix + serialized request) by
# `precis-loadgen --write-request`.
#
# h2load only sees HTTP status 200: a gRPC error (e.g. RESOURCE_EXHAUSTED from
# admission control) is also a 200 with a grpc-status trailer. So the script
#  1. sends each exact body once with curl and requires grpc-status 0;
#  2. counts successes from h2load's received DATA bytes: a failed gRPC call
#     is trailers-only (no DATA), a successful one carries one response of
#     the size curl saw (Summarize varies by a few bytes: processing time is
#     a varint), so  OK calls ~= data bytes / response bytes.
# Latency: with summarize among the methods, each round also runs Summarize
# at --connections x --latency-streams (default 2 x 8 = 16 in flight; 0 =
# skip) with h2load's --log-file (one line per request: start, HTTP status,
# microseconds to the end of the response) and prints p50/p90/p99/p99.9 of
# those times (h2load itself prints only min/max/mean/sd).
# --floor: also starts precis-echo (DIR/tools/echo/precis-echo) answering
# with the exact Summarize response bytes curl received, and runs the same
# Summarize loads against it in every round ("floor", "floor-16"): the
# transport alone at precisd's message sizes, no engine, no parsing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/tools/soak/precisd_lib.sh"

TARGET=""
BUILD="$ROOT/build"
PRECISD=""
LOADGEN=""
TEXT="$ROOT/tests/testdata/articles/us-russia-ukraine-talks.txt"
DURATION=10
WARMUP=2
CONNECTIONS=2
STREAMS=32
ROUNDS=1
METHODS="summarize capabilities"
LATENCY_STREAMS=8
FLOOR=0
ECHO=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) TARGET="$2"; shift 2 ;;
    --build) BUILD="$2"; shift 2 ;;
    --precisd) PRECISD="$2"; shift 2 ;;
    --loadgen) LOADGEN="$2"; shift 2 ;;
    --text) TEXT="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --streams) STREAMS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --methods) METHODS="$2"; shift 2 ;;
    --latency-streams) LATENCY_STREAMS="$2"; shift 2 ;;
    --floor) FLOOR=1; shift ;;
    --echo) ECHO="$2"; shift 2 ;;
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v h2load >/dev/null || { echo "h2load not found (apt-get install nghttp2-client)" >&2; exit 3; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 3; }
LOADGEN="$(precis_find_bin precis-loadgen ${LOADGEN:+"$LOADGEN"} "$BUILD/tools/loadgen/precis-loadgen")"
if ((FLOOR)); then
  case " $METHODS " in
    *" summarize "*) ;;
    *) echo "--floor needs summarize among --methods" >&2; exit 2 ;;
  esac
  ECHO="$(precis_find_bin precis-echo ${ECHO:+"$ECHO"} "$BUILD/tools/echo/precis-echo")"
fi
ECHO_PID=""

WORK="$(mktemp -d "${TMPDIR:-/tmp}/precis-h2load.XXXXXX")"
# shellcheck disable=SC2317  # Called by the EXIT trap.
cleanup() {
  precis_stop_precisd || true
  if [ -n "$ECHO_PID" ]; then
    kill -TERM "$ECHO_PID" 2>/dev/null || true
    wait "$ECHO_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK" "${PRECISD_DIR:-/nonexistent}"
}
trap cleanup EXIT

if [ -z "$TARGET" ]; then
  PRECISD="$(precis_find_bin precisd ${PRECISD:+"$PRECISD"} "$BUILD/service/server/precisd")"
  precis_start_precisd "$PRECISD" $'server:\n  log_requests: false'
  TARGET="$PRECISD_ADDR"
  echo "started $PRECISD on $TARGET (pid $PRECISD_PID)"
fi

# One gRPC call with curl (to TARGETS[name], else TARGET); prints the
# response body size; fails unless grpc-status is 0.
declare -A TARGETS
grpc_check() {
  local body="$1" path="$2" name="$3" target="${TARGETS[${3%.after}]:-$TARGET}"
  curl -sS --http2-prior-knowledge --max-time 30 -D "$WORK/$name.hdr" \
    -o "$WORK/$name.resp" --data-binary "@$body" \
    -H 'content-type: application/grpc' -H 'te: trailers' "http://$target$path"
  local status
  status="$(tr -d '\r' < "$WORK/$name.hdr" | sed -n 's/^grpc-status: *//p' | tail -n1)"
  if [ "$status" != "0" ]; then
    echo "$name: grpc-status '${status:-missing}' from curl:" >&2
    cat "$WORK/$name.hdr" >&2
    return 1
  fi
  stat -c %s "$WORK/$name.resp"
}

declare -A PATHS RESP_BYTES RESULTS
for m in $METHODS; do
  PATHS[$m]="$("$LOADGEN" --method "$m" --text "$TEXT" --write-request "$WORK/$m.bin")"
  RESP_BYTES[$m]="$(grpc_check "$WORK/$m.bin" "${PATHS[$m]}" "$m")"
  echo "$m: ${PATHS[$m]}, request body $(stat -c %s "$WORK/$m.bin") B," \
       "curl check grpc-status 0, response body ${RESP_BYTES[$m]} B"
done
FLOOR_METHODS=""
if ((FLOOR)); then
  # The message without gRPC's 5-byte frame prefix (uncompressed).
  tail -c +6 "$WORK/summarize.resp" > "$WORK/floor.reply"
  "$ECHO" --reply "$WORK/floor.reply" > "$WORK/echo.out" 2> "$WORK/echo.err" &
  ECHO_PID=$!
  TARGETS[floor]="$(precis_wait_listening precis-echo "$ECHO_PID" "$WORK/echo.out" \
    "$WORK/echo.err")"
  PATHS[floor]="${PATHS[summarize]}"
  cp "$WORK/summarize.bin" "$WORK/floor.bin"
  RESP_BYTES[floor]="$(grpc_check "$WORK/floor.bin" "${PATHS[floor]}" floor)"
  cmp -s "$WORK/summarize.resp" "$WORK/floor.resp" ||
    { echo "precis-echo's reply differs from precisd's" >&2; exit 1; }
  echo "floor: $ECHO on ${TARGETS[floor]} answers ${PATHS[floor]} with the same" \
       "${RESP_BYTES[floor]} B, no work"
  FLOOR_METHODS="floor"
fi

# One measured h2load run of method $1 at $CONNECTIONS x $2 streams, after a
# warm-up run; sets RUN_LINE (the printed result) and RUN_RPS, and with a
# third argument writes h2load's per-request log there and sets RUN_PCT
# (p50 p90 p99 p99.9 in microseconds). Sets BAD when gRPC calls failed.
h2load_run() {
  local m="$1" streams="$2" request_log="${3:-}" label target="${TARGETS[$1]:-$TARGET}"
  local log="$WORK/$m.$streams.$round.h2load"
  # The warm-up is a run of its own: h2load's traffic totals include its
  # --warm-up-time requests, and the DATA-byte count must match the
  # measured requests alone.
  if [ "$WARMUP" != 0 ]; then
    h2load -c "$CONNECTIONS" -m "$streams" -t 1 -D "$WARMUP" \
      -H 'content-type: application/grpc' -H 'te: trailers' \
      -d "$WORK/$m.bin" "http://$target${PATHS[$m]}" > "$log.warmup" 2>&1 || true
  fi
  local log_args=()
  if [ -n "$request_log" ]; then
    rm -f "$request_log"  # h2load appends.
    log_args=(--log-file "$request_log")
  fi
  h2load -c "$CONNECTIONS" -m "$streams" -t 1 -D "$DURATION" "${log_args[@]}" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    -d "$WORK/$m.bin" "http://$target${PATHS[$m]}" > "$log" 2>&1 || true
  local rps succeeded failed data lat ok_est grpc_ok
  rps="$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$log")"
  succeeded="$(sed -n 's/^requests: .* \([0-9]*\) succeeded.*/\1/p' "$log")"
  failed="$(sed -n 's/^requests: .* \([0-9]*\) failed.*/\1/p' "$log")"
  data="$(sed -n 's/^traffic: .* (\([0-9]*\)) data.*/\1/p' "$log")"
  lat="$(sed -n 's/^time for request: *//p' "$log" | awk '{print "min " $1 ", max " $2 ", mean " $3}')"
  if [ -z "$rps" ] || [ -z "$succeeded" ]; then
    echo "h2load failed for $m:" >&2; cat "$log" >&2; exit 1
  fi
  ok_est="$(awk -v d="${data:-0}" -v b="${RESP_BYTES[$m]}" 'BEGIN { printf "%d", d / b + 0.5 }')"
  grpc_ok="yes"
  # Equal within 1% (Summarize responses differ by a few bytes).
  awk -v ok="$ok_est" -v s="$succeeded" \
    'BEGIN { d = ok - s; if (d < 0) d = -d; exit !(d <= 0.01 * s + 1) }' || grpc_ok="NO"
  RUN_PCT=""
  if [ -n "$request_log" ]; then
    # Nearest-rank percentiles of the third column.
    RUN_PCT="$(cut -f3 "$request_log" | sort -n | awk '
      { v[NR] = $1 }
      function at(q,  i) { i = int(q * NR); if (i < q * NR) i++; if (i < 1) i = 1; return v[i] }
      END { if (NR == 0) exit 1; printf "%d %d %d %d", at(0.5), at(0.9), at(0.99), at(0.999) }')" ||
      { echo "h2load wrote no request log for $m" >&2; exit 1; }
    read -r p50 p90 p99 p999 <<< "$RUN_PCT"
    lat="p50 ${p50}us, p90 ${p90}us, p99 ${p99}us, p99.9 ${p999}us"
  fi
  label="$m"
  [ "$streams" = "$STREAMS" ] || label="$m-$((CONNECTIONS * streams))"
  RUN_RPS="$rps"
  RUN_LINE="$(printf '  round %d %-13s %10.1f req/s  %s HTTP OK, %s failed; gRPC OK by DATA bytes ~%s (%s)  latency %s' \
    "$round" "$label" "$rps" "$succeeded" "${failed:-?}" "$ok_est" \
    "$([ "$grpc_ok" = yes ] && echo 'all OK' || echo 'SOME gRPC ERRORS')" "$lat")"
  [ "$grpc_ok" = yes ] || BAD=1
}

# The median of a space-separated list of numbers.
median_of() {
  tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}

LATENCY=""
if [ "$LATENCY_STREAMS" != 0 ] && [ -n "${PATHS[summarize]:-}" ]; then
  LATENCY="summarize"
fi
echo "h2load: $CONNECTIONS connections x $STREAMS streams, ${DURATION} s (+${WARMUP} s warm-up), $ROUNDS round(s)"
[ -z "$LATENCY" ] ||
  echo "latency: Summarize at $CONNECTIONS x $LATENCY_STREAMS = $((CONNECTIONS * LATENCY_STREAMS)) in flight, percentiles from h2load --log-file"
declare -A LAT_P50 LAT_P99 LAT_RPS
for round in $(seq 1 "$ROUNDS"); do
  for m in $METHODS $FLOOR_METHODS; do
    h2load_run "$m" "$STREAMS"
    echo "$RUN_LINE"
    RESULTS[$m]+="$RUN_RPS "
  done
  if [ -n "$LATENCY" ]; then
    for m in summarize $FLOOR_METHODS; do
      h2load_run "$m" "$LATENCY_STREAMS" "$WORK/latency.$m.$round.tsv"
      echo "$RUN_LINE"
      read -r p50 _ p99 _ <<< "$RUN_PCT"
      LAT_P50[$m]+="$p50 "; LAT_P99[$m]+="$p99 "; LAT_RPS[$m]+="$RUN_RPS "
    done
  fi
done

for m in $METHODS $FLOOR_METHODS; do
  printf 'median %-13s %10.1f req/s over %d round(s)\n' "$m" "$(median_of "${RESULTS[$m]}")" "$ROUNDS"
done
if [ -n "$LATENCY" ]; then
  for m in summarize $FLOOR_METHODS; do
    printf 'median %-13s %10.1f req/s, p50 %s us, p99 %s us over %d round(s)\n' \
      "$m-$((CONNECTIONS * LATENCY_STREAMS))" "$(median_of "${LAT_RPS[$m]}")" \
      "$(median_of "${LAT_P50[$m]}")" "$(median_of "${LAT_P99[$m]}")" "$ROUNDS"
  done
fi
# The servers must still answer after the load.
for m in $METHODS $FLOOR_METHODS; do
  grpc_check "$WORK/$m.bin" "${PATHS[$m]}" "$m.after" >/dev/null
done
echo "after the load: curl check grpc-status 0 for every method"
exit "${BAD:-0}"
