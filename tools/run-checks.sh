#!/usr/bin/env bash
# Runs named check steps ("name|command" arguments), one log per step under build/logs,
# and ends with one line: "N passed, N failed". Each step has a time limit.
set -u
logdir=build/logs
mkdir -p "$logdir"
limit=${CHECK_TIMEOUT:-600}
passed=0 failed=0 failures=()
for step in "$@"; do
  name=${step%%|*}
  cmd=${step#*|}
  log="$logdir/$name.log"
  start=$(date +%s%N)
  if timeout --kill-after=10 "$limit" bash -c "$cmd" >"$log" 2>&1; then
    passed=$((passed + 1))
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    printf 'ok    %-28s %4d.%03ds\n' "$name" $((ms / 1000)) $((ms % 1000))
  else
    rc=$?
    failed=$((failed + 1))
    failures+=("$name")
    printf 'FAIL  %-28s (exit %d; log: %s)\n' "$name" "$rc" "$log"
    tail -n 20 "$log" | sed 's/^/      | /'
  fi
done
if [ ${#failures[@]} -gt 0 ]; then
  echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
