#!/usr/bin/env bash
# Load test: wrk against the app as `make run` serves it (gunicorn on 127.0.0.1),
# and, in the same run, against the static export (`flask freeze`) served by nginx
# on another local port. For the start page and the directory it prints requests
# per second, p50, p99 and errors for both, and our throughput as a ratio of nginx's.
#
# Goals for our server on a 2-core machine: 1,500 requests/s or more, p99 under
# 100 ms, no errors. nginx serving files is the ceiling, not a goal.
#
# Usage: bench/load.sh [seconds]   (default 30 per run; 4 runs in all)
# Exits 1 when one of our goals is missed.
# Needs Debian's wrk and nginx: apt-get install -y wrk nginx
# Both servers are asked for the same encoding, so the bytes compare: brotli (what
# browsers get from us) when Debian's libnginx-mod-http-brotli-static is installed,
# gzip otherwise; ENCODING=gzip or ENCODING=br chooses.
# Ports: PORT (ours, default 8090) and NGINX_PORT (default 8190).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
PORT="${PORT:-8090}"
NGINX_PORT="${NGINX_PORT:-8190}"
CONNECTIONS=64
PATHS=(/nl/ /nl/contact/)
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
NGINX="$(PATH="$PATH:/usr/sbin" command -v nginx || true)"
[ -n "$NGINX" ] || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 1; }
for port in "$PORT" "$NGINX_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use; choose another with PORT=... or NGINX_PORT=..." >&2; exit 1
  fi
done

WORK="$(mktemp -d)"
chmod 755 "$WORK"  # nginx's workers (user nobody when run as root) read the export
SERVER="" NGINX_PID=""
cleanup() {
  [ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
  [ -z "$NGINX_PID" ] || { kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The static export first: it builds the front-end assets if pwa/ changed, which
# gunicorn's workers must not be doing at the same time.
.venv/bin/flask --app server:create_app freeze --base-url "http://127.0.0.1:$NGINX_PORT/" "$WORK/export" >/dev/null

# Our server, started as `make run` starts it.
PORT="$PORT" .venv/bin/gunicorn -c gunicorn.conf.py 'server:create_app()' >"$WORK/gunicorn.log" 2>&1 &
SERVER=$!

# nginx serves the export with its pre-compressed .br/.gz copies.
mkdir -p "$WORK/nginx"
LOAD_BROTLI="" BROTLI_STATIC=""
[ -n "${ENCODING:-}" ] || ENCODING="$([ -f "$BROTLI_MODULE" ] && echo br || echo gzip)"
if [ "$ENCODING" = br ]; then
  [ -f "$BROTLI_MODULE" ] || { echo "for brotli: apt-get install -y libnginx-mod-http-brotli-static" >&2; exit 1; }
  LOAD_BROTLI="load_module $BROTLI_MODULE;" BROTLI_STATIC="brotli_static on;"
fi
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
kill -0 "$SERVER" 2>/dev/null || { echo "gunicorn did not start:" >&2; cat "$WORK/gunicorn.log" >&2; exit 1; }
# nginx runs the server block operators get (deploy/nginx-export.conf), with its
# security and cache headers, pointed at this export and port.
sed -e "s#/srv/uitweg/site#$WORK/export#" \
    -e "s#listen 80;#listen 127.0.0.1:$NGINX_PORT;#" \
    -e "s#include security-headers.conf#include $PWD/deploy/security-headers.conf#" \
    -e "s#/var/log/nginx/uitweg-error.log#$WORK/nginx/error.log#" \
    deploy/nginx-export.conf >"$WORK/nginx/site.conf"
cat >"$WORK/nginx/nginx.conf" <<EOF
$LOAD_BROTLI
worker_processes 2;  # as many as gunicorn's workers and this machine's cores
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 5;  # as gunicorn.conf.py
  $BROTLI_STATIC
  include $WORK/nginx/site.conf;
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NGINX_PID=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/nl/" && break; sleep 0.2; done
kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx did not start:" >&2; cat "$WORK/nginx/error.log" >&2; exit 1; }

# wrk prints one line per run: requests/s, p50 ms, p99 ms, errors (socket errors,
# timeouts and 4xx/5xx answers).
cat >"$WORK/stats.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.1f %.1f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status))
end
EOF
run() {  # run URL [seconds]: prints "requests/s p50 p99 errors"
  wrk -t2 -c"$CONNECTIONS" -d"${2:-$DURATION}s" -s "$WORK/stats.lua" -H "Accept-Encoding: $ENCODING" "$1" \
    | awk '/^RESULT/ {print $2, $3, $4, $5}'
}
# Status, encoding and size of one response, to show both serve the same page.
describe() {
  curl -s -o /dev/null -H "Accept-Encoding: $ENCODING" \
    -w '%{http_code} %header{content-encoding} %{size_download}+%{size_header}' "$1"
}

echo "wrk: $CONNECTIONS connections, ${DURATION}s per run, Accept-Encoding: $ENCODING for both" \
  "(nginx sends the export's pre-compressed .$([ "$ENCODING" = br ] && echo br || echo gz) files)"
missed=0
for path in "${PATHS[@]}"; do
  ours_url="http://127.0.0.1:$PORT$path" nginx_url="http://127.0.0.1:$NGINX_PORT$path"
  for url in "$ours_url" "$nginx_url"; do
    read -r status encoding _ <<<"$(describe "$url")"
    if [ "$status" != 200 ] || [ "$encoding" != "$ENCODING" ]; then
      echo "$url answers $status with encoding '${encoding}', not 200 with $ENCODING" >&2; exit 1
    fi
  done
  # Two seconds' warm-up each, so both gunicorn workers have the page compiled and cached.
  for url in "$ours_url" "$nginx_url"; do run "$url" 2 >/dev/null; done
  read -r ours_rps ours_p50 ours_p99 ours_err <<<"$(run "$ours_url")"
  read -r nginx_rps nginx_p50 nginx_p99 nginx_err <<<"$(run "$nginx_url")"
  echo
  echo "== $path"
  printf '%-6s %10s %9s %9s %7s  %s\n' "" "requests/s" "p50" "p99" "errors" "bytes (body+headers)"
  printf '%-6s %10s %7sms %7sms %7s  %s\n' ours "$ours_rps" "$ours_p50" "$ours_p99" "$ours_err" \
    "$(describe "$ours_url" | cut -d' ' -f3)"
  printf '%-6s %10s %7sms %7sms %7s  %s\n' nginx "$nginx_rps" "$nginx_p50" "$nginx_p99" "$nginx_err" \
    "$(describe "$nginx_url" | cut -d' ' -f3)"
  echo "ours/nginx throughput: $(awk -v a="$ours_rps" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}')"
  if awk -v r="$ours_rps" -v p="$ours_p99" -v e="$ours_err" 'BEGIN {exit !(r >= 1500 && p < 100 && e == 0)}'; then
    echo "goals (>= 1500 requests/s, p99 < 100 ms, no errors): met"
  else
    echo "goals (>= 1500 requests/s, p99 < 100 ms, no errors): MISSED"; missed=1
  fi
done
exit "$missed"
