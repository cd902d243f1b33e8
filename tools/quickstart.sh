#!/usr/bin/env bash
# Quick start: installs what is missing, builds Release into build/, starts
# precisd on a free loopback port, summarizes the bundled sample article
# through the CLI over real gRPC, prints the summary and key facts, stops the
# server, and shows how to run both yourself.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
article="tests/testdata/articles/us-russia-ukraine-talks.txt"

tools/install-deps.sh
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j "$(nproc)" --target precisd precis

log="$(mktemp)"
"$build_dir/service/server/precisd" --listen 127.0.0.1:0 >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 100); do
  port="$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log" | head -n1)"
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; echo "precisd failed to start" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { cat "$log" >&2; echo "precisd did not report its port" >&2; exit 1; }

echo
echo "== precis summarize $article  (server 127.0.0.1:$port)"
# The sample was published on 28 December 2021: anchor relative dates there.
"$build_dir/client/precis" summarize --server "127.0.0.1:$port" \
  --reference-time 2021-12-28T12:00:00Z "$article"

kill -TERM "$server_pid"
wait "$server_pid" || true
trap 'rm -f "$log"' EXIT

cat <<MSG

== Run it yourself
  $build_dir/service/server/precisd --listen 127.0.0.1:50051 [--config service/server/precisd.yaml]
  $build_dir/client/precis summarize --server 127.0.0.1:50051 article.txt
  $build_dir/client/precis summarize --local --format json article.txt   # no server needed
  $build_dir/client/precis --help
MSG
