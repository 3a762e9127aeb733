#!/usr/bin/env bash
# Lighthouse scores for the app as `make run` serves it (gunicorn on 127.0.0.1).
# For each page it prints Lighthouse's performance, accessibility and best-practices
# scores (0-100), measured as a phone: Lighthouse's default mobile form factor,
# screen emulation and simulated throttling (slow 4G, 4x CPU slowdown). After the
# table, for every category below 100, it lists the failing audits (id, title, and
# on which pages) so a reader knows what to fix.
#
# Goal: 100 / 100 / 100 on every page. Exits 1 when a page misses it.
#
# Optional: not part of `make test`. It needs Node 18 or later, npm and the npm
# registry (once), and Debian's Chromium (`make chromium`). Lighthouse is installed
# with npm outside the repository, in ${XDG_CACHE_HOME:-$HOME/.cache}/uitweg-lighthouse
# (LIGHTHOUSE_DIR), only when it is not there yet. LIGHTHOUSE_VERSION defaults to
# 12.8.2, the last release that runs on Node 20 (13.x needs Node 22.19).
# Nothing else goes to the internet: the app loads no external resource, and
# Chromium runs without background networking, component updates or sync.
#
# Each page is first requested a few times, so Lighthouse sees the server as people
# do (templates compiled, the minute's page cache filled), not its very first request.
# The performance score depends on this machine's load: on a busy machine use RUNS=5,
# which runs Lighthouse five times per page and reports the run with the median
# performance score, as Lighthouse's own docs advise. The output ends with the
# machine's load average, to tell a slow app from a busy machine.
#
# Usage: bench/lighthouse.sh [path ...]
#   default paths: / /nl/ /nl/contact/ /nl/j/ /nl/xl/ /ar/
#   ("/" redirects to /nl/; Lighthouse warns about that redirect, as expected.)
# Environment: RUNS (default 1), PORT (default: a free port),
#   CHROME_PATH (default /usr/bin/chromium), LIGHTHOUSE_DIR, LIGHTHOUSE_VERSION.
# About 15 s per page and run.
set -euo pipefail
cd "$(dirname "$0")/.."

LH_DIR="${LIGHTHOUSE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/uitweg-lighthouse}"
LH_VERSION="${LIGHTHOUSE_VERSION:-12.8.2}"
LH="$LH_DIR/node_modules/.bin/lighthouse"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
CHROME_FLAGS="--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync"
RUNS="${RUNS:-1}"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive number" >&2; exit 1; }
if [ "$#" -gt 0 ]; then PAGES=("$@"); else PAGES=(/ /nl/ /nl/contact/ /nl/j/ /nl/xl/ /ar/); fi

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "Node and npm are needed: apt-get install -y nodejs npm" >&2; exit 1; }
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] \
  || { echo "Lighthouse $LH_VERSION needs Node 18 or later; this is $(node --version)" >&2; exit 1; }
[ -x "$CHROME_PATH" ] || { echo "No Chromium at $CHROME_PATH: make chromium" >&2; exit 1; }
[ -x .venv/bin/gunicorn ] || { echo "No .venv: run make install first" >&2; exit 1; }

# Lighthouse, once, outside the repository.
if [ ! -x "$LH" ] || [ "$("$LH" --version 2>/dev/null)" != "$LH_VERSION" ]; then
  echo "Installing lighthouse@$LH_VERSION in $LH_DIR" >&2
  mkdir -p "$LH_DIR"
  npm install --prefix "$LH_DIR" --no-audit --no-fund --loglevel=error "lighthouse@$LH_VERSION" >&2
fi

# Compiled translations, as `make run` has them.
if ! compgen -G 'translations/*/LC_MESSAGES/*.mo' >/dev/null; then
  .venv/bin/flask --app server:create_app translate compile >/dev/null
fi

if [ -z "${PORT:-}" ]; then
  PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
elif (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use; choose another with PORT=..." >&2; exit 1
fi

WORK="$(mktemp -d)"
SERVER=""
cleanup() {
  [ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The app, started as `make run` starts it.
PORT="$PORT" .venv/bin/gunicorn -c gunicorn.conf.py 'server:create_app()' >"$WORK/gunicorn.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null \
  || { echo "gunicorn did not start:" >&2; cat "$WORK/gunicorn.log" >&2; exit 1; }

LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"

# Warm up: six requests per page, so both workers (most likely) have rendered and
# cached it, with the encodings a browser asks for.
for page in "${PAGES[@]}"; do
  for _ in 1 2 3 4 5 6; do
    curl -s -o /dev/null -H 'Accept-Encoding: gzip, deflate, br, zstd' "http://127.0.0.1:$PORT$page" || true
  done
done

i=0
for page in "${PAGES[@]}"; do
  for run in $(seq "$RUNS"); do
    i=$((i + 1))
    echo "lighthouse $page (run $run of $RUNS)" >&2
    # Mobile is Lighthouse's default form factor, screen emulation and throttling.
    "$LH" "http://127.0.0.1:$PORT$page" \
      --only-categories=performance,accessibility,best-practices \
      --output=json --output-path="$WORK/$i.json" --quiet \
      --chrome-flags="$CHROME_FLAGS" \
      --disable-full-page-screenshot --no-enable-error-reporting \
      || echo "lighthouse failed on $page" >&2
    printf '%s\t%s\n' "$page" "$WORK/$i.json" >>"$WORK/reports"
  done
done

LOAD="load average $LOAD_BEFORE at the start, $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?') at the end, on $(nproc) CPUs"
python3 - "$WORK/reports" "$RUNS" "$LOAD" <<'EOF'
import json
import sys

CATEGORIES = ["performance", "accessibility", "best-practices"]
SKIP = {"notApplicable", "informative", "manual"}


def load(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError):
        return None


def performance(report):
    score = report and report.get("categories", {}).get("performance", {}).get("score")
    return -1 if score is None else score


runs = {}  # page: its reports, in order
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        page, path = line.rstrip("\n").split("\t")
        runs.setdefault(page, []).append(load(path))

rows, failing, warnings = [], {}, []
for page, reports in runs.items():
    # The run with the median performance score (the lower one of an even count).
    report = sorted(reports, key=performance)[(len(reports) - 1) // 2]
    if report is None:
        rows.append((page, [None] * len(CATEGORIES)))
        warnings.append(f"{page}: no report")
        continue
    if report.get("runtimeError"):
        error = report["runtimeError"]
        warnings.append(f"{page}: {error.get('code')} {error.get('message', '')}")
    warnings.extend(f"{page}: {warning}" for warning in report.get("runWarnings", []))
    scores = []
    for name in CATEGORIES:
        category = report["categories"].get(name, {})
        score = category.get("score")
        scores.append(None if score is None else round(score * 100))
        if score is None or score >= 1:
            continue
        for ref in category.get("auditRefs", []):
            audit = report["audits"][ref["id"]]
            if audit.get("scoreDisplayMode") in SKIP:
                continue
            if audit.get("score") is not None and audit["score"] >= 1:
                continue
            entry = failing.setdefault(
                (name, ref["id"]), {"title": audit.get("title", ""), "weight": ref.get("weight", 0), "pages": []}
            )
            detail = audit.get("displayValue") or audit.get("errorMessage") or ""
            if audit.get("score") is not None:
                detail = f"score {audit['score']:.2f}" + (f", {detail}" if detail else "")
            entry["pages"].append(f"{page} ({detail})" if detail else page)
    rows.append((page, scores))

width = max([len("page")] + [len(page) for page, _ in rows])
runs_note = f"   (median of {sys.argv[2]} runs)" if sys.argv[2] != "1" else ""
print(f"{'page':<{width}}  performance  accessibility  best-practices{runs_note}")
for page, scores in rows:
    cells = ["-" if s is None else str(s) for s in scores]
    print(f"{page:<{width}}  {cells[0]:>11}  {cells[1]:>13}  {cells[2]:>14}")

if failing:
    print()
    print("Failing audits (weight 0: Lighthouse's advice, not part of the score):")
    for (name, audit_id), info in sorted(failing.items(), key=lambda item: -item[1]["weight"]):
        print(f"  {name}/{audit_id} (weight {info['weight']}): {info['title']}")
        for page in info["pages"]:
            print(f"      {page}")
if warnings:
    print()
    print("Lighthouse warnings:")
    for warning in warnings:
        print(f"  {warning}")

met = all(score == 100 for _, scores in rows for score in scores)
print()
print(f"Machine: {sys.argv[3]} (a busy machine lowers performance: try RUNS=5)")
print("Goal 100/100/100 on every page: " + ("met" if met else "missed"))
sys.exit(0 if met else 1)
EOF
