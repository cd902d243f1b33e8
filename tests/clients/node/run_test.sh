#!/bin/sh
# run_test.sh NODE NPM WORK_DIR [test args...]
# Installs the Node client's npm packages (package.json) into WORK_DIR once,
# then runs precis_client_test.js with them. Exit 77 (ctest: skipped) when
# the npm registry cannot be reached.
set -eu
node=$1 npm=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
if [ ! -f "$work/.installed" ] || [ "$here/package.json" -nt "$work/.installed" ]; then
  cp "$here/package.json" "$work/package.json"
  if ! (cd "$work" && "$npm" install --no-audit --no-fund --loglevel=error); then
    echo "SKIP: npm install failed (is the npm registry reachable?)"
    exit 77
  fi
  touch "$work/.installed"
fi
NODE_PATH="$work/node_modules" exec "$node" "$here/precis_client_test.js" "$@"
