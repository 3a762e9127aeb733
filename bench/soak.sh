#!/usr/bin/env bash
# Soak test: 200 connections for 60 s against gunicorn; prints errors and the
# workers' memory (RSS) before and after, to show it does not grow.
#
# Usage: bench/soak.sh [seconds]   (default 60; needs Debian's wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-60}"
PORT="${PORT:-8091}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

PORT="$PORT" .venv/bin/gunicorn -c gunicorn.conf.py 'server:create_app()' >/tmp/uitweg-soak.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done

rss() { ps -o rss= --ppid "$SERVER" | awk '{s += $1} END {printf "%.1f MB", s / 1024}'; }
# Warm up every page once, so the cache is filled before measuring memory.
for lang in nl en ar tr pl uk ti fa; do
  for page in "" contact plan tips/call j/ xl/; do curl -s -o /dev/null "http://127.0.0.1:$PORT/$lang/$page"; done
done
# A short first round under the same load, so allocator and thread pools are warm.
wrk -t2 -c200 -d10s -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT/nl/contact/" >/dev/null
echo "workers' memory before: $(rss)"
wrk -t2 -c200 -d"${DURATION}s" --latency -H 'Accept-Encoding: br' "http://127.0.0.1:$PORT/nl/contact/" \
  | awk '/Requests\/sec/ {print "requests/s " $2} / 99%/ {print "p99 " $2}
         /Non-2xx|Socket errors/ {print "errors: " $0} END {}'
echo "workers' memory after:  $(rss)"
