#!/usr/bin/env bash
# Starts a command that serves a site, waits until URL answers with a page containing MARKER, then
# stops that command and everything it started, by its own process group: never by name, so any
# other server on the machine (another `astro preview`) is left alone.
#
#   bash tools/serve-check.sh URL MARKER LOG -- command [args…]
#
# Exit 0 when the page was served, 1 otherwise (with the log's tail). SERVE_CHECK_TRIES (default
# 180) times 2 s is the longest wait.
set -euo pipefail
url=$1 marker=$2 log=$3
shift 3
[ "${1:-}" = "--" ] && shift
tries=${SERVE_CHECK_TRIES:-180}

# setsid: the command leads a new process group whose id is its PID, so one kill reaches npm, the
# shell it runs and the server, and nothing else.
setsid "$@" >"$log" 2>&1 &
group=$!
# setsid forks (and the group id is not $!) only when the caller already leads a group: never here.
if [ "$(ps -o pgid= -p "$group" | tr -d ' ')" != "$group" ]; then
  echo "serve-check: $* did not get its own process group" >&2
  kill -- "$group" 2>/dev/null || true
  exit 1
fi

stop() {
  kill -TERM -- "-$group" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 -- "-$group" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$group" 2>/dev/null || true
}
trap stop EXIT

served=0
for _ in $(seq 1 "$tries"); do
  if curl -fsS "$url" 2>/dev/null | grep -qF -- "$marker"; then served=1; break; fi
  if ! kill -0 "$group" 2>/dev/null; then break; fi
  sleep 2
done
stop
wait "$group" 2>/dev/null || true

if [ "$served" != 1 ]; then
  echo "The site was not served on $url:" >&2
  tail -50 "$log" >&2
  exit 1
fi
echo "Served the built site on $url"
