#!/usr/bin/env bash
# Lists the writable data symbols (.data and .bss) of the built library and fails on any
# that tools/globals.allow does not allow. This is how "no mutable global but the runtime
# and the immortal objects C names by symbol" is enforced.
set -euo pipefail
lib=$1 allow=$2
patterns=$(grep -v '^\s*#' "$allow" | grep -v '^\s*$' | sed 's/\s\+#.*$//')
bad=0 count=0
while IFS= read -r sym; do
  count=$((count + 1))
  ok=0
  while IFS= read -r pat; do
    if [[ "$sym" =~ ^($pat)$ ]]; then ok=1; break; fi
  done <<<"$patterns"
  if [ $ok -eq 0 ]; then
    echo "writable global not on the allowlist: $sym"
    bad=1
  fi
done < <(objdump -t -C "$lib" | awk '($3 == ".data" || $3 == ".bss" || $4 == ".data" || $4 == ".bss") && / O / {
          sub(/^.*\t[0-9a-f]+ +/, ""); sub(/^\.hidden /, ""); print }' | sort -u)
if [ $bad -ne 0 ]; then
  echo "check-globals: FAILED (see tools/globals.allow)"
  exit 1
fi
echo "check-globals: $count writable symbols, all allowed"
