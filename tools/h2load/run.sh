#!/usr/bin/env bash
# tools/h2load/run.sh — Summarize and GetCapabilities through h2load (nghttp2),
# the issue's reference load tool, against one precisd in the same run.
#
#   tools/h2load/run.sh [--target HOST:PORT] [--build DIR] [--precisd BIN]
#                       [--loadgen BIN] [--text FILE] [--duration S] [--warmup S]
#                       [--connections N] [--streams N] [--rounds N]
#                       [--methods "summarize capabilities"]
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
# h2load prints no percentiles (min/max/mean/sd only); use precis-loadgen for
# p50/p99.
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
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v h2load >/dev/null || { echo "h2load not found (apt-get install nghttp2-client)" >&2; exit 3; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 3; }
LOADGEN="$(precis_find_bin precis-loadgen ${LOADGEN:+"$LOADGEN"} "$BUILD/tools/loadgen/precis-loadgen")"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/precis-h2load.XXXXXX")"
# shellcheck disable=SC2317  # Called by the EXIT trap.
cleanup() {
  precis_stop_precisd || true
  rm -rf "$WORK" "${PRECISD_DIR:-/nonexistent}"
}
trap cleanup EXIT

if [ -z "$TARGET" ]; then
  PRECISD="$(precis_find_bin precisd ${PRECISD:+"$PRECISD"} "$BUILD/service/server/precisd")"
  precis_start_precisd "$PRECISD" $'server:\n  log_requests: false'
  TARGET="$PRECISD_ADDR"
  echo "started $PRECISD on $TARGET (pid $PRECISD_PID)"
fi

# One gRPC call with curl; prints the response body size; fails unless
# grpc-status is 0.
grpc_check() {
  local body="$1" path="$2" name="$3"
  curl -sS --http2-prior-knowledge --max-time 30 -D "$WORK/$name.hdr" \
    -o "$WORK/$name.resp" --data-binary "@$body" \
    -H 'content-type: application/grpc' -H 'te: trailers' "http://$TARGET$path"
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

echo "h2load: $CONNECTIONS connections x $STREAMS streams, ${DURATION} s (+${WARMUP} s warm-up), $ROUNDS round(s)"
for round in $(seq 1 "$ROUNDS"); do
  for m in $METHODS; do
    log="$WORK/$m.$round.h2load"
    # The warm-up is a run of its own: h2load's traffic totals include its
    # --warm-up-time requests, and the DATA-byte count must match the
    # measured requests alone.
    if [ "$WARMUP" != 0 ]; then
      h2load -c "$CONNECTIONS" -m "$STREAMS" -t 1 -D "$WARMUP" \
        -H 'content-type: application/grpc' -H 'te: trailers' \
        -d "$WORK/$m.bin" "http://$TARGET${PATHS[$m]}" > "$log.warmup" 2>&1 || true
    fi
    h2load -c "$CONNECTIONS" -m "$STREAMS" -t 1 -D "$DURATION" \
      -H 'content-type: application/grpc' -H 'te: trailers' \
      -d "$WORK/$m.bin" "http://$TARGET${PATHS[$m]}" > "$log" 2>&1 || true
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
    printf '  round %d %-13s %10.1f req/s  %s HTTP OK, %s failed; gRPC OK by DATA bytes ~%s (%s)  latency %s\n' \
      "$round" "$m" "$rps" "$succeeded" "${failed:-?}" "$ok_est" \
      "$([ "$grpc_ok" = yes ] && echo 'all OK' || echo 'SOME gRPC ERRORS')" "$lat"
    RESULTS[$m]+="$rps "
    [ "$grpc_ok" = yes ] || BAD=1
  done
done

for m in $METHODS; do
  # shellcheck disable=SC2086  # One word per round.
  median="$(printf '%s\n' ${RESULTS[$m]} | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')"
  printf 'median %-13s %10.1f req/s over %d round(s)\n' "$m" "$median" "$ROUNDS"
done
# The server must still answer after the load.
for m in $METHODS; do grpc_check "$WORK/$m.bin" "${PATHS[$m]}" "$m.after" >/dev/null; done
echo "after the load: curl check grpc-status 0 for every method"
exit "${BAD:-0}"
