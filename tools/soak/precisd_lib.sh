# shellcheck shell=bash
# shellcheck disable=SC2034  # The variables set here are used by the caller.
# Shared by tools/soak/run.sh and tools/h2load/run.sh (source it; bash).
#
#   precis_find_bin NAME DEFAULT_PATH...   first executable of the paths
#   precis_start_precisd BIN CONFIG_YAML_TEXT
#       starts BIN on 127.0.0.1 with a free port; sets PRECISD_PID,
#       PRECISD_ADDR, PRECISD_DIR (its config, stdout and stderr)
#   precis_stop_precisd   SIGTERM, wait; sets PRECISD_EXIT

precis_start_precisd() {
  local bin="$1" config="$2"
  PRECISD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/precis-load.XXXXXX")"
  printf '%s\n' "$config" > "$PRECISD_DIR/precisd.yaml"
  "$bin" --config "$PRECISD_DIR/precisd.yaml" --listen 127.0.0.1:0 \
    > "$PRECISD_DIR/out" 2> "$PRECISD_DIR/err" &
  PRECISD_PID=$!
  local _
  for _ in $(seq 1 600); do
    if grep -q "precisd listening on 127.0.0.1:" "$PRECISD_DIR/out" 2>/dev/null; then
      PRECISD_ADDR="$(sed -n 's/^precisd listening on \(127\.0\.0\.1:[0-9]*\).*/\1/p' \
        "$PRECISD_DIR/out" | head -n1)"
      return 0
    fi
    if ! kill -0 "$PRECISD_PID" 2>/dev/null; then
      echo "precisd exited early:" >&2
      cat "$PRECISD_DIR/err" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "precisd did not start within 60 s" >&2
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
