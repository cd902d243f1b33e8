# shellcheck shell=bash
# shellcheck disable=SC2034  # The variables set here are used by the caller.
# Shared by tools/soak/run.sh and tools/h2load/run.sh (source it; bash).
#
#   precis_find_bin NAME DEFAULT_PATH...   first executable of the paths
#   precis_start_precisd BIN CONFIG_YAML_TEXT
#       starts BIN on 127.0.0.1 with a free port; sets PRECISD_PID,
#       PRECISD_ADDR, PRECISD_DIR (its config, stdout and stderr)
#   precis_stop_precisd   SIGTERM, wait; sets PRECISD_EXIT
#   precis_wait_listening NAME PID OUT ERR
#       echoes the 127.0.0.1:PORT that NAME printed to OUT ("NAME listening
#       on ..."), or fails with ERR when it exits first

precis_start_precisd() {
  local bin="$1" config="$2"
  PRECISD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/precis-load.XXXXXX")"
  printf '%s\n' "$config" > "$PRECISD_DIR/precisd.yaml"
  "$bin" --config "$PRECISD_DIR/precisd.yaml" --listen 127.0.0.1:0 \
    > "$PRECISD_DIR/out" 2> "$PRECISD_DIR/err" &
  PRECISD_PID=$!
  PRECISD_ADDR="$(precis_wait_listening precisd "$PRECISD_PID" "$PRECISD_DIR/out" \
    "$PRECISD_DIR/err")"
}

# precis_wait_listening NAME PID OUT ERR: waits (at most 60 s) until process
# PID prints "NAME listening on 127.0.0.1:PORT" to the file OUT and echoes
# 127.0.0.1:PORT; fails with ERR's text when the process exits first.
precis_wait_listening() {
  local name="$1" pid="$2" out="$3" err="$4" _
  for _ in $(seq 1 600); do
    if grep -q "^$name listening on 127.0.0.1:" "$out" 2>/dev/null; then
      sed -n "s/^$name listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p" "$out" | head -n1
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited early:" >&2
      cat "$err" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$name did not start within 60 s" >&2
  return 1
}

precis_stop_precisd() {
  PRECISD_EXIT=""
  [ -n "${PRECISD_PID:-}" ] || return 0
  if kill -0 "$PRECISD_PID" 2>/dev/null; then kill -TERM "$PRECISD_PID"; fi
  wait "$PRECISD_PID" 2>/dev/null
  PRECISD_EXIT=$?
  PRECISD_PID=""
}

precis_find_bin() {
  local name="$1"; shift
  local p
  for p in "$@"; do
    if [ -x "$p" ]; then echo "$p"; return 0; fi
  done
  echo "cannot find $name (tried: $*); build it or pass its path" >&2
  return 1
}
