#!/usr/bin/env bash
# Soak test: 200 connections for 60 s against /nl/contact/ on gunicorn, started as
# `make run` starts it. Requirement: zero errors, and the workers' memory does not
# grow. Prints the errors, and the workers' memory (RSS, summed over the workers)
# before, every 10 s during and after the run, and how much it grew.
#
# Memory is measured after a warm-up (every page once, then 10 s under the same
# load), so one-off costs (templates, translations, connection buffers) are paid.
# A run of 60 s or more crosses at least one minute boundary, when the page cache
# renders the page again: that is when memory used to grow, by several MB a minute,
# until gunicorn.conf.py tuned glibc's malloc (see tune_malloc there).
#
# Usage: bench/soak.sh [seconds]   (default 60; needs Debian's wrk: apt-get install -y wrk)
# Exits 1 on any error, or when memory grew by more than SOAK_TOLERANCE_MB (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-60}"
PORT="${PORT:-8091}"
TOLERANCE_MB="${SOAK_TOLERANCE_MB:-2}"
URL="http://127.0.0.1:$PORT/nl/contact/"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use; choose another with PORT=..." >&2; exit 1
fi

WORK="$(mktemp -d)"
SERVER="" WRK=""
cleanup() {
  [ -z "$WRK" ] || kill "$WRK" 2>/dev/null || true
  [ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$PORT" .venv/bin/gunicorn -c gunicorn.conf.py 'server:create_app()' >"$WORK/gunicorn.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
kill -0 "$SERVER" 2>/dev/null || { echo "gunicorn did not start:" >&2; cat "$WORK/gunicorn.log" >&2; exit 1; }

workers() { ps -o pid= --ppid "$SERVER" | sort -n | tr -s ' \n' ' '; }
rss_kb() { ps -o rss= --ppid "$SERVER" | awk '{s += $1} END {print s}'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f MB", k / 1024}'; }

# wrk prints one line: requests, requests/s, p50 ms, p99 ms, errors (socket errors,
# timeouts and 4xx/5xx answers).
cat >"$WORK/stats.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.0f %.1f %.1f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout + e.status))
end
EOF

# Warm-up: every page once, then a short round under the same load.
for lang in nl en ar tr pl uk ti fa; do
  for page in "" contact/ plan/ tips/call/ j/ xl/; do curl -s -o /dev/null "http://127.0.0.1:$PORT/$lang/$page"; done
done
status="$(curl -s -o /dev/null -w '%{http_code}' "$URL")"
[ "$status" = 200 ] || { echo "$URL answers $status, not 200" >&2; exit 1; }
wrk -t2 -c200 -d10s -H 'Accept-Encoding: br' "$URL" >/dev/null

echo "soak: 200 connections for ${DURATION}s on $URL (Accept-Encoding: br)"
pids_before="$(workers)"
before="$(rss_kb)"
echo "workers' memory before: $(mb "$before")"
wrk -t2 -c200 -d"${DURATION}s" -s "$WORK/stats.lua" -H 'Accept-Encoding: br' "$URL" >"$WORK/wrk.out" &
WRK=$!
elapsed=0
while kill -0 "$WRK" 2>/dev/null; do
  sleep 1
  elapsed=$((elapsed + 1))
  if (( elapsed % 10 == 0 && elapsed < DURATION )); then
    echo "  after ${elapsed}s: $(mb "$(rss_kb)")"
  fi
done
wait "$WRK"
WRK=""
after="$(rss_kb)"
echo "workers' memory after:  $(mb "$after")"

read -r requests rps p50 p99 errors <<<"$(awk '/^RESULT/ {print $2, $3, $4, $5, $6}' "$WORK/wrk.out")"
echo "requests: $requests ($rps/s), p50 ${p50}ms, p99 ${p99}ms, errors: $errors"
growth_kb=$((after - before))
echo "memory grew by $(mb "$growth_kb") ($(awk -v g="$growth_kb" -v b="$before" 'BEGIN {printf "%+.1f%%", 100 * g / b}'))"

failed=0
if [ "$(workers)" != "$pids_before" ]; then
  echo "FAILED: a worker was restarted during the run, so the memory figures do not compare"; failed=1
fi
if [ "$errors" != 0 ]; then echo "FAILED: $errors errors"; failed=1; fi
if (( growth_kb > TOLERANCE_MB * 1024 )); then
  echo "FAILED: memory grew by more than ${TOLERANCE_MB} MB"; failed=1
fi
(( failed )) || echo "passed: no errors, memory grew by less than ${TOLERANCE_MB} MB"
exit "$failed"
