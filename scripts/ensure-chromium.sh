#!/usr/bin/env bash
# The console's browser tests drive Chromium from the Debian packages (never a downloaded browser build).
# Installs it when missing and this user may (root); otherwise says what to do.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing the Debian chromium package (once)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: Chromium is needed at $browser for the browser tests: sudo apt-get install chromium (or set CHROMIUM_PATH)" >&2
exit 1
