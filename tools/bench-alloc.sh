#!/usr/bin/env bash
# tools/bench-alloc.sh: `make bench-alloc`. Why subinterp has its own heap: the object
# workload of bench/bench_objects.c with three allocators behind the same runtime:
#   heap      the per-interpreter heap (src/object/alloc.rs; what ships)
#   glibc     every block from the C library's malloc (cargo feature system-malloc)
#   mimalloc  the same build with libmimalloc preloaded (skipped if it is not installed)
# and CPython 3.13 (pymalloc) for reference. Prints medians of BENCH_ALLOC_RUNS runs.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CC=${CC:-cc}
OUT=build/bench-alloc
RUNS=${BENCH_ALLOC_RUNS:-5}
CPYTHON_PREFIX=${CPYTHON_PREFIX:-${PYENV_ROOT:-$HOME/.pyenv}/versions/${CPYTHON_VERSION:-3.13.0}}
MIMALLOC=${MIMALLOC:-$(ls /usr/lib/*/libmimalloc.so.2 /usr/lib/libmimalloc.so.2 2>/dev/null | head -1 || true)}
CFLAGS=(-std=gnu11 -O2 -g -pthread -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Ibench)

mkdir -p "$OUT"
cargo build --release --quiet
cargo build --release --quiet --features system-malloc --target-dir target/sysmalloc
for v in heap:target/release sys:target/sysmalloc/release; do
    name=${v%%:*} dir=${v#*:}
    "$CC" "${CFLAGS[@]}" -Iinclude bench/bench_objects.c -o "$OUT/bench_objects_$name" \
        -L"$dir" -lsubinterp -Wl,-rpath,"$ROOT/$dir" -pthread
done
have_cpython=0
if [ -x "$CPYTHON_PREFIX/bin/python3-config" ]; then
    have_cpython=1
    # shellcheck disable=SC2046
    "$CC" "${CFLAGS[@]}" $("$CPYTHON_PREFIX/bin/python3-config" --includes) bench/bench_objects.c \
        -o "$OUT/bench_objects_cpython" $("$CPYTHON_PREFIX/bin/python3-config" --ldflags --embed) \
        -Wl,-rpath,"$CPYTHON_PREFIX/lib" -pthread
fi

variants=("heap|$OUT/bench_objects_heap|" "glibc|$OUT/bench_objects_sys|")
if [ -n "$MIMALLOC" ] && [ -f "$MIMALLOC" ]; then
    variants+=("mimalloc|$OUT/bench_objects_sys|$MIMALLOC")
else
    echo "bench-alloc: libmimalloc.so.2 not found (apt-get install libmimalloc2.0): skipping it" >&2
fi
[ $have_cpython = 1 ] && variants+=("CPython 3.13 (pymalloc)|$OUT/bench_objects_cpython|")

KEYS="obj_dict obj_list obj_str obj_tuple obj_one obj_two obj_scale obj_peak_rss"
RES="$OUT/results.txt"
: > "$RES"
for run in $(seq "$RUNS"); do
    for v in "${variants[@]}"; do
        IFS='|' read -r name prog preload <<< "$v"
        for k in obj_dict obj_list obj_str obj_tuple obj_scale; do
            LD_PRELOAD=$preload "$prog" "$k" 2>/dev/null | grep '^RESULT' | sed "s/^RESULT/$run|$name|/" >> "$RES"
        done
    done
done

echo "Allocators behind the same object workload (bench/bench_objects.c); medians of $RUNS runs."
echo "Times in ms (lower is better); scale = 2 interpreters' throughput / 1 (higher is better)."
awk -F'|' -v keys="$KEYS" '
{ split($3, f, " "); k = f[1]; v = f[2]; name = $2
  if (!(name in seen)) { seen[name] = 1; order[++n] = name }
  vals[name, k] = vals[name, k] " " v }
function median(s,    a, m, i, j, t) {
    m = split(s, a, " ")
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    if (m == 0) return "n/a"
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
END {
    nk = split(keys, K, " ")
    printf "%-26s", "allocator"
    for (i = 1; i <= nk; i++) printf " %12s", K[i]
    printf "\n"
    for (j = 1; j <= n; j++) {
        printf "%-26s", order[j]
        for (i = 1; i <= nk; i++) {
            v = median(vals[order[j], K[i]])
            printf " %12s", (v == "n/a" ? v : sprintf(K[i] == "obj_peak_rss" ? "%.0f" : "%.2f", v))
        }
        printf "\n"
    }
}' "$RES"
