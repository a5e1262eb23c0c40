#!/usr/bin/env bash
# Checks that the structs and constants subinterp shares with CPython 3.13 have CPython's
# layout and values. systest/cpython_layout.c prints sizes, alignments, field offsets, sizes
# and types, and constant values and types; it is compiled against CPython 3.13's headers
# and against include/, both are run, and the outputs must be identical. A difference is a
# place where src/abi/ (include/subinterp.h is generated from it) departs from CPython.
#
# (The ctest check, `make check-abi`, compares src/abi/ with include/; this one compares
# both with CPython.)
#
# Usage: tools/check-cpython-abi.sh [PYTHON3_CONFIG]
#   PYTHON3_CONFIG (or $CPYTHON_CONFIG): python3-config of a CPython 3.13 with headers.
#   Default: $PYENV_ROOT/versions/3.13.0/bin/python3-config, then python3.13-config.
#   CC: the C compiler (default cc).
# Exit status: 0 when everything agrees, or when no CPython 3.13 headers are found (with a
# "skipped" message); 1 on any difference or if the program does not compile against include/.
set -euo pipefail
cd "$(dirname "$0")/.."

cc=${CC:-cc}
cflags=(-std=gnu11 -O0 -Wall -Wextra -Werror)
src=systest/cpython_layout.c
name=check-cpython-abi

skip() { echo "$name: skipped: $*"; exit 0; }

config=${1:-${CPYTHON_CONFIG:-}}
if [ -z "$config" ]; then
  for c in "${PYENV_ROOT:-$HOME/.pyenv}/versions/3.13.0/bin/python3-config" \
           "$(command -v python3.13-config || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then config=$c; break; fi
  done
fi
[ -n "$config" ] || skip "no CPython 3.13 python3-config found (set CPYTHON_CONFIG)"
[ -x "$config" ] || skip "$config: not found"
includes=$("$config" --includes 2>/dev/null) || skip "$config --includes failed"
read -r -a cpy_includes <<<"$includes"
inc=""
for f in "${cpy_includes[@]}"; do
  if [ -f "${f#-I}/Python.h" ]; then inc=${f#-I}; break; fi
done
[ -n "$inc" ] || skip "no Python.h in the include directories of $config (${cpy_includes[*]})"
major=$(sed -n 's/^#define PY_MAJOR_VERSION[[:space:]]*\([0-9]*\).*/\1/p' "$inc/patchlevel.h")
minor=$(sed -n 's/^#define PY_MINOR_VERSION[[:space:]]*\([0-9]*\).*/\1/p' "$inc/patchlevel.h")
[ "$major.$minor" = "3.13" ] || skip "the headers in $inc are CPython $major.$minor, not 3.13"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cbindgen declares a struct in include/subinterp.h only once an exported function uses it.
# Until then leave it out on both sides, and say so.
skips=()
for s in PyConfig PyPreConfig PyWideStringList; do
  if ! cat include/*.h | grep -q "struct $s {"; then
    skips+=("-DLAYOUT_SKIP_$s")
    echo "$name: NOT CHECKED: $s (include/ does not declare it yet)"
  fi
done

# CPython: with its internal headers if they compile (they hold Py_RTFLAGS_*, _Py_THREAD_*,
# _PY_*_BIT, _PyThreadState_WHENCE_*), else the public ones only.
if ! "$cc" "${cflags[@]}" "${cpy_includes[@]}" -DLAYOUT_CPYTHON_INTERNAL ${skips[@]+"${skips[@]}"} \
       "$src" -o "$tmp/cpython" 2>"$tmp/cpython.err"; then
  echo "$name: note: CPython's internal headers do not compile here; comparing public items only"
  sed 's/^/    /' "$tmp/cpython.err" | head -n 5
  if ! "$cc" "${cflags[@]}" "${cpy_includes[@]}" ${skips[@]+"${skips[@]}"} "$src" -o "$tmp/cpython"; then
    echo "$name: FAILED: $src does not compile against CPython's headers in $inc"
    exit 1
  fi
fi
if ! "$cc" "${cflags[@]}" -Iinclude ${skips[@]+"${skips[@]}"} "$src" -o "$tmp/ours" 2>"$tmp/ours.err"; then
  cat "$tmp/ours.err"
  echo "$name: FAILED: $src does not compile against include/ (a struct, field or constant CPython has is missing or has another type)"
  exit 1
fi
"$tmp/cpython" >"$tmp/cpython.txt"
"$tmp/ours" >"$tmp/ours.txt"

# Compare the items CPython's headers declare; list the ones only ours declare (possible only
# when CPython's internal headers could not be used).
awk '{ print $1, $2 }' "$tmp/cpython.txt" | sort >"$tmp/cpython.keys"
awk 'NR == FNR { want[$0] = 1; next } (($1 " " $2) in want)' "$tmp/cpython.keys" "$tmp/ours.txt" \
  >"$tmp/ours.compared"
only_ours=$(awk 'NR == FNR { want[$0] = 1; next } !(($1 " " $2) in want) { print $2 }' \
  "$tmp/cpython.keys" "$tmp/ours.txt" | paste -sd ' ' -)
if [ -n "$only_ours" ]; then
  echo "$name: not compared (not in CPython's headers as compiled): $only_ours"
fi

if ! diff -u --label "CPython $major.$minor ($inc)" --label "subinterp (include/)" \
       "$tmp/cpython.txt" "$tmp/ours.compared" >"$tmp/diff"; then
  cat "$tmp/diff"
  n=$(grep -c '^-[^-]' "$tmp/diff" || true)
  echo "$name: FAILED: $n of $(wc -l <"$tmp/cpython.txt") items differ from CPython $major.$minor (- CPython, + ours)"
  exit 1
fi
echo "$name: OK: $(grep -c '^struct' "$tmp/cpython.txt") structs, $(grep -c '^field' "$tmp/cpython.txt") fields," \
     "$(grep -c '^const' "$tmp/cpython.txt") constants agree with CPython $major.$minor"
