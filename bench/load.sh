#!/usr/bin/env bash
# Load test: wrk against the app as `make run` serves it (gunicorn on 127.0.0.1).
# Prints requests per second, p50 and p99 for the start page and the directory.
# Goals on a 2-core machine: 1,500 requests/s or more, p99 under 100 ms, no errors.
#
# Usage: bench/load.sh [seconds]   (default 30; needs Debian's wrk: apt-get install wrk)
# Still to come (issue 7): the same run against the static export served by nginx,
# printed as a ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
PORT="${PORT:-8090}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

PORT="$PORT" .venv/bin/gunicorn -c gunicorn.conf.py 'server:create_app()' >/tmp/uitweg-load.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

for path in /nl/ /nl/contact/; do
  echo "== $path: 64 connections, ${DURATION}s"
  wrk -t2 -c64 -d"${DURATION}s" --latency -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT$path" \
    | awk '/Requests\/sec/ {print "requests/s " $2} / 50%/ {print "p50 " $2} / 99%/ {print "p99 " $2}
           /Non-2xx|Socket errors/ {print "errors: " $0}'
done
