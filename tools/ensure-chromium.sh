#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download is not reachable here).
# Installs it, with Japanese fonts for faithful screenshots, when it is missing.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
# (grep without -q: with pipefail, an early exit of grep would fail fc-list on SIGPIPE.)
if [ -x "$chromium_path" ] && fc-list : family 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Chromium or the Noto CJK fonts are missing: run 'sudo apt-get install -y chromium fonts-noto-cjk' (or set CHROMIUM_PATH)." >&2
  exit 1
fi
echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
