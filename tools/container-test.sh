#!/usr/bin/env bash
# Container smoke test (opt-in; too slow for every CI run, not part of ctest).
#
#   1. installs podman, runc and debootstrap if missing;
#   2. makes the local base image debian:bookworm with debootstrap if missing
#      (no container registry is reachable here);
#   3. builds k8s/Dockerfile into precis:${PRECIS_IMAGE_TAG:-0.1.0};
#   4. runs precisd in it with k8s/base/precisd.yaml, read-only, no
#      capabilities (host network, a free port picked by precisd);
#   5. from the HOST, summarizes the sample article with the precis CLI
#      (built into build/ if missing) and checks `precis health`;
#   6. stops the container with SIGTERM and checks it drained and exited 0.
#
# Must run as root (or with sudo available for the install step). Only the
# podman flag set below works on this host: runc as runtime, cgroupfs, and
# explicit nofile/nproc ulimits.
set -euo pipefail
cd "$(dirname "$0")/.."

tag="${PRECIS_IMAGE_TAG:-0.1.0}"
image="localhost/precis:${tag}"
base="debian:bookworm"
build_dir="${BUILD_DIR:-build}"
article="tests/testdata/articles/us-russia-ukraine-talks.txt"
podman=(podman --runtime /usr/sbin/runc --cgroup-manager=cgroupfs)
limits=(--ulimit nofile=1024:1024 --ulimit nproc=4096:4096)

step() { echo; echo "== $*"; }
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"

step "packages: podman runc debootstrap"
missing=()
for p in podman runc debootstrap; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "present"
fi

step "base image $base"
# PRECIS_REBUILD_BASE=1 makes it again (e.g. for newer Debian packages).
if [[ "${PRECIS_REBUILD_BASE:-0}" == 1 ]] && "${podman[@]}" image exists "$base"; then
  "${podman[@]}" rmi -f "$base" >/dev/null
fi
if "${podman[@]}" image exists "$base"; then
  echo "present: $("${podman[@]}" image inspect --format '{{.Id}}' "$base" | cut -c1-12)"
else
  rootfs="$(mktemp -d /var/tmp/precis-rootfs-XXXXXX)"
  echo "debootstrap --variant=minbase bookworm $rootfs"
  $SUDO debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian \
    >/tmp/precis-debootstrap.log 2>&1 \
    || { tail -n 20 /tmp/precis-debootstrap.log >&2; exit 1; }
  # The downloaded .debs (~130 MB) would stay in every image built on it.
  $SUDO rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  # debootstrap unmounts /proc and /sys itself; never archive a live one.
  for fs in proc sys; do
    if mountpoint -q "$rootfs/$fs"; then $SUDO umount "$rootfs/$fs"; fi
  done
  $SUDO tar -C "$rootfs" -c . | "${podman[@]}" import - "$base"
  $SUDO rm -rf "$rootfs"
fi

step "build $image from k8s/Dockerfile"
start=$(date +%s)
"${podman[@]}" build --network host "${limits[@]}" \
  -f k8s/Dockerfile -t "$image" . >/tmp/precis-image-build.log 2>&1 \
  || { tail -n 40 /tmp/precis-image-build.log >&2; exit 1; }
echo "built in $(( $(date +%s) - start )) s; log /tmp/precis-image-build.log"
"${podman[@]}" image inspect --format \
  'user={{.Config.User}} ports={{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}entrypoint={{.Config.Entrypoint}} cmd={{.Config.Cmd}} healthcheck={{if .Config.Healthcheck}}yes{{else}}none{{end}}' \
  "$image"
"${podman[@]}" image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' "$image"

step "host CLI"
if [[ ! -x "$build_dir/client/precis" ]]; then
  tools/install-deps.sh
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir" -j "$(nproc)" --target precis
fi
echo "$build_dir/client/precis"

step "run precisd in the container"
name="precis-container-test-$$"
# As in the Deployment: k8s/base/precisd.yaml (the ConfigMap's source)
# mounted read-only at /etc/precisd, read-only root filesystem, no
# capabilities, a non-root user. Port 0: precisd binds a free port on the
# host network and prints it.
"${podman[@]}" run -d --name "$name" --network host "${limits[@]}" \
  --read-only --cap-drop ALL --security-opt no-new-privileges \
  -v "$PWD/k8s/base/precisd.yaml:/etc/precisd/precisd.yaml:ro" \
  "$image" --config /etc/precisd/precisd.yaml --listen 127.0.0.1:0 >/dev/null
cleanup() { "${podman[@]}" rm -f -t 0 "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
port=""
for _ in $(seq 1 150); do
  port="$("${podman[@]}" logs "$name" 2>&1 \
    | sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' | head -n1)"
  [[ -n "$port" ]] && break
  [[ "$("${podman[@]}" inspect --format '{{.State.Running}}' "$name")" == true ]] \
    || { "${podman[@]}" logs "$name" >&2; echo "precisd exited" >&2; exit 1; }
  sleep 0.2
done
[[ -n "$port" ]] || { "${podman[@]}" logs "$name" >&2; echo "no port" >&2; exit 1; }
echo "container $name: precisd on 127.0.0.1:$port as uid $("${podman[@]}" exec "$name" id -u)"
# The Deployment's preStop hook runs `sleep` inside the image.
"${podman[@]}" exec "$name" sleep 0 && echo "preStop command available: $("${podman[@]}" exec "$name" sh -c 'command -v sleep')"

step "precis health --server 127.0.0.1:$port"
"$build_dir/client/precis" health --server "127.0.0.1:$port"

step "precis summarize $article --server 127.0.0.1:$port"
# The sample was published on 28 December 2021: anchor relative dates there.
"$build_dir/client/precis" summarize --server "127.0.0.1:$port" \
  --reference-time 2021-12-28T12:00:00Z "$article"

step "stop (SIGTERM, graceful drain)"
"${podman[@]}" stop -t 30 "$name" >/dev/null
code="$("${podman[@]}" inspect --format '{{.State.ExitCode}}' "$name")"
"${podman[@]}" logs "$name" 2>&1 | tail -n 4
echo "exit code $code"
[[ "$code" == 0 ]] || { echo "precisd did not exit cleanly" >&2; exit 1; }
"$build_dir/client/precis" health --server "127.0.0.1:$port" >/dev/null 2>&1 \
  && { echo "server still answering after stop" >&2; exit 1; }
echo
echo "container test: OK"
