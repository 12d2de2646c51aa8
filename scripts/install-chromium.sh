#!/usr/bin/env bash
# Install Debian's Chromium when it is missing: the report test (`make test`) renders the HTML report in
# it, and `make bench` takes screenshots with it. With --required a failure to install is an error.
set -euo pipefail
required=0
[ "${1:-}" = "--required" ] && required=1
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"
else
  echo "finsam: Chromium is missing; run  sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit $required
fi
echo "finsam: installing chromium (Debian's package) for the report test" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "finsam: chromium did not install" >&2; exit $required; }
