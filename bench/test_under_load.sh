#!/usr/bin/env bash
# Run the whole test suite three times with one core kept busy, then once normally,
# and print each run's time and result. Proof that no test depends on the speed of
# the machine. Usage: bench/test_under_load.sh [loaded runs, default 3]
# (make test-under-load). Needs Debian's stress-ng; installs it when missing.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if ! command -v stress-ng >/dev/null 2>&1; then
  echo "Installing Debian's stress-ng"
  apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null || exit 1
fi
make --no-print-directory install-test translations system-packages >/dev/null || exit 1

stress_pid=""
stop_stress() { [ -n "$stress_pid" ] && kill "$stress_pid" 2>/dev/null; wait "$stress_pid" 2>/dev/null; stress_pid=""; }
trap stop_stress EXIT

results=()
failed=0
run() {  # run <label> <loaded:0|1>
  local label=$1 loaded=$2 log start status seconds
  log=$(mktemp -t uitweg-run-XXXX.log)
  if [ "$loaded" = 1 ]; then
    stress-ng --cpu 1 --timeout 0 --quiet &
    stress_pid=$!
  fi
  start=$(date +%s)
  make --no-print-directory check >"$log" 2>&1
  status=$?
  seconds=$(( $(date +%s) - start ))
  stop_stress
  local summary
  summary=$(grep -E "^(=+ )?[0-9]+ (passed|failed)|(passed|failed).* in " "$log" | sed "s/=//g; s/^ *//" | paste -sd ";" -)
  results+=("$label: exit $status, $((seconds / 60)) min $((seconds % 60)) s, ${summary:-no summary} (log: $log)")
  echo "${results[-1]}"
  [ "$status" = 0 ] || failed=1
}

for i in $(seq 1 "$runs"); do run "loaded run $i (stress-ng --cpu 1)" 1; done
run "normal run" 0

echo
echo "Summary, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %s\n' "${results[@]}"
exit $failed
