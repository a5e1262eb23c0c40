#!/usr/bin/env bash
# tools/bench.sh: `make bench`. Builds every bench/bench_*.c twice from the same source,
# against libsubinterp (build/bench/ours/) and against CPython 3.13 (build/bench/cpython/),
# runs each measurement for both, alternating, and prints one table: medians, the ratio
# ours/CPython and the project's targets. Lower is better everywhere.
#
# Environment: CC, CPYTHON_VERSION (3.13.0), CPYTHON_PREFIX (the pyenv install),
# BENCH_ONLY="key key..." to run some measurements only. Needs `make lib` first.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
CC=${CC:-cc}
OUT=build/bench
LIBDIR=target/release
CPYTHON_VERSION=${CPYTHON_VERSION:-3.13.0}
CPYTHON_PREFIX=${CPYTHON_PREFIX:-${PYENV_ROOT:-$HOME/.pyenv}/versions/$CPYTHON_VERSION}
CPYTHON_CONFIG=$CPYTHON_PREFIX/bin/python3-config

CFLAGS=(-std=gnu11 -O2 -g -pthread -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers -Ibench)

[ -f "$LIBDIR/libsubinterp.so" ] || { echo "bench: $LIBDIR/libsubinterp.so missing: run 'make lib'" >&2; exit 1; }

have_cpython=0
if [ -x "$CPYTHON_CONFIG" ]; then
    have_cpython=1
else
    echo "bench: CPython $CPYTHON_VERSION not found at $CPYTHON_PREFIX: measuring subinterp only" >&2
fi

mkdir -p "$OUT/ours" "$OUT/cpython"
progs=()
for src in bench/bench_*.c; do
    name=$(basename "$src" .c)
    progs+=("$name")
    "$CC" "${CFLAGS[@]}" -Iinclude "$src" -o "$OUT/ours/$name" \
        -L"$LIBDIR" -lsubinterp -Wl,-rpath,"$ROOT/$LIBDIR" -pthread
    if [ $have_cpython = 1 ]; then
        # shellcheck disable=SC2046
        "$CC" "${CFLAGS[@]}" $("$CPYTHON_CONFIG" --includes) "$src" -o "$OUT/cpython/$name" \
            $("$CPYTHON_CONFIG" --ldflags --embed) -Wl,-rpath,"$CPYTHON_PREFIX/lib" -pthread
    fi
done

# key|program|label|unit shown|divisor from the program's unit|target (shown)|target test (awk, on ours)
ROWS=(
  "create_end|bench_lifecycle|isolated interpreter create+end, per cycle|us|1000|< 20 us|v < 20"
  "mem_live|bench_lifecycle|RSS per live isolated interpreter|KiB|1|< 32 KiB|v < 32"
  "mem_cycles|bench_lifecycle|RSS growth over 1,000 create/end cycles|KiB|1|0 KiB|v <= 0"
  "gilstate_locked|bench_gil|PyGILState_Ensure/Release, attached (LOCKED)|ns|1|< 30 ns|v < 30"
  "gilstate_unlocked|bench_gil|PyGILState_Ensure/Release, detached (re-attach)|ns|1|< 30 ns|v < 30"
  "save_restore|bench_gil|PyEval_SaveThread/RestoreThread, uncontended|ns|1|< 20 ns|v < 20"
  "gilstate_foreign|bench_gil|PyGILState_Ensure/Release, new thread (tstate made+freed)|ns|1|-|"
  "handover|bench_gil|GIL hand-over between 2 threads of 1 interpreter|us|1000|-|"
  "handover_floor|bench_gil|  same ping-pong, pthread mutex+condvar (machine floor)|us|1000|-|"
  "pep788_foreign|bench_gil|PEP 788 EnsureFromView/Release, new thread (ours only)|ns|1|-|"
  "dict_int_build_sum|bench_dict|dict: 20x build 100,000 int->int, iterate and sum|ms|1|<= 0.8x CPython|"
  "dict_int_prebuilt|bench_dict|  same, ints made once beforehand (the dict's own share)|ms|1|-|"
  "dict_int_lookup|bench_dict|dict: PyDict_GetItem, int key, 100,000-entry dict|ns|1|-|"
  "dict_str_lookup|bench_dict|dict: PyDict_GetItem, str key (hash cached)|ns|1|-|"
  "set_int_build|bench_dict|set: PySet_Add of 100,000 ints into a new set|ms|1|-|"
  "sort_ints|bench_list|append 100,000 ints (< 10**6) + PyList_Sort|ms|1000000|-|"
  "sort_ints_only|bench_list|  PyList_Sort alone, same 100,000 ints|ms|1000000|-|"
  "sort_big_ints|bench_list|PyList_Sort, 100,000 ints up to 2**43|ms|1000000|-|"
  "sort_sorted|bench_list|PyList_Sort, 100,000 ints already sorted|ms|1000000|-|"
  "sort_strs|bench_list|PyList_Sort, 100,000 short strs|ms|1000000|-|"
  "obj_dict|bench_objects|objects: dict round (20x 100,000 int->int, iterate)|ms|1|<= 0.8x CPython|r <= 0.8"
  "obj_list|bench_objects|objects: list round (append 100,000 ints, sort)|ms|1|<= 0.8x CPython|r <= 0.8"
  "obj_str|bench_objects|objects: str round (100,000 FromFormat, join)|ms|1|<= 0.8x CPython|r <= 0.8"
  "obj_tuple|bench_objects|objects: tuple round (100,000 Pack + unpack)|ms|1|<= 0.8x CPython|r <= 0.8"
  "obj_one|bench_objects|objects: whole round, 1 own-GIL interpreter|ms|1|<= 0.8x CPython|r <= 0.8"
  "obj_two|bench_objects|  same round in 2 own-GIL interpreters at once|ms|1|-|"
  "obj_scale|bench_objects|  throughput 2 interpreters / 1 (HIGHER is better)|x|1|>= 1.93x|v >= 1.93"
  "obj_peak_rss|bench_objects|  peak RSS of the process after those runs|KiB|1|-|"
  "call_vc_noargs|bench_call|call: PyObject_Vectorcall, METH_NOARGS|ns|1|<= CPython|r <= 1"
  "call_vc_o|bench_call|call: PyObject_Vectorcall, METH_O|ns|1|<= CPython|r <= 1"
  "call_vc_varargs|bench_call|call: PyObject_Vectorcall, METH_VARARGS (2 args)|ns|1|<= CPython|r <= 1"
  "call_vc_varkw|bench_call|call: PyObject_Vectorcall, METH_VARARGS+KEYWORDS (1 + 1 kw)|ns|1|<= CPython|r <= 1"
  "call_vc_fast|bench_call|call: PyObject_Vectorcall, METH_FASTCALL (2 args)|ns|1|<= CPython|r <= 1"
  "call_vc_fastkw|bench_call|call: PyObject_Vectorcall, METH_FASTCALL+KEYWORDS (1 + 1 kw)|ns|1|<= CPython|r <= 1"
  "call_vc_method|bench_call|call: PyObject_Vectorcall, METH_METHOD+FASTCALL+KEYWORDS (1 + 1 kw)|ns|1|<= CPython|r <= 1"
  "call_tp_noargs|bench_call|call: PyObject_Call, METH_NOARGS|ns|1|<= CPython|r <= 1"
  "call_tp_o|bench_call|call: PyObject_Call, METH_O|ns|1|<= CPython|r <= 1"
  "call_tp_varargs|bench_call|call: PyObject_Call, METH_VARARGS (2 args)|ns|1|<= CPython|r <= 1"
  "call_tp_varkw|bench_call|call: PyObject_Call, METH_VARARGS+KEYWORDS (1 + 1 kw)|ns|1|<= CPython|r <= 1"
  "call_tp_fast|bench_call|call: PyObject_Call, METH_FASTCALL (2 args)|ns|1|<= CPython|r <= 1"
  "call_tp_fastkw|bench_call|call: PyObject_Call, METH_FASTCALL+KEYWORDS (1 + 1 kw)|ns|1|<= CPython|r <= 1"
  "call_tp_method|bench_call|call: PyObject_Call, METH_METHOD+FASTCALL+KEYWORDS (1 + 1 kw)|ns|1|<= CPython|r <= 1"
  "getargs_kw|bench_call|PyArg_ParseTupleAndKeywords O, opt i, kw-only s (1 pos + 1 kw)|ns|1|<= CPython|r <= 1"
  "getargs_tuple|bench_call|PyArg_ParseTuple \"Ois\"|ns|1|<= CPython|r <= 1"
  "buildvalue_iis|bench_call|Py_BuildValue \"(iis)\"|ns|1|<= CPython|r <= 1"
  "weakref_cycle|bench_weakref|weakref: NewRef(o, callback) + o dies (callback runs) + ref freed|ns|1|<= CPython|r <= 1"
  "weakref_getref|bench_weakref|weakref: PyWeakref_GetRef on a live ref + DECREF|ns|1|<= CPython|r <= 1"
  "heap_from_spec|bench_heaptype|heap type: PyType_FromSpec (members, slots, doc) + drop|ns|1|<= CPython|r <= 1"
  "heap_instance|bench_heaptype|heap type: instantiate (CallNoArgs: new, alloc, init) + dealloc|ns|1|<= CPython|r <= 1"
  "attr_member_get|bench_attr|attr: PyObject_GetAttr, member descriptor (Py_T_INT)|ns|1|<= CPython|r <= 1"
  "attr_member_set|bench_attr|attr: PyObject_SetAttr, member descriptor|ns|1|<= CPython|r <= 1"
  "attr_dict_get|bench_attr|attr: PyObject_GetAttr, managed-dict attribute|ns|1|<= CPython|r <= 1"
  "attr_dict_set|bench_attr|attr: PyObject_SetAttr, managed-dict attribute|ns|1|<= CPython|r <= 1"
  "attr_method_call|bench_attr|attr: PyObject_VectorcallMethod, METH_NOARGS method|ns|1|<= CPython|r <= 1"
  "gc_pause|bench_gc|gc: PyGC_Collect of 1,000,000 lists (500,000 2-cycles)|ms|1|<= CPython|r <= 1"
  "gc_pause_busy|bench_gc|  same, a 2nd own-GIL interpreter busy on another thread|ms|1|<= CPython|r <= 1"
  "gc_other_alone|bench_gc|  2nd interpreter's work unit (20k dict + 20k tuples), alone|ms|1|<= CPython|r <= 1"
  "gc_other_during|bench_gc|  same unit while the 1st is inside PyGC_Collect|ms|1|<= CPython|r <= 1"
  "attr_heap_member_get|bench_attr|attr, heap type both sides: GetAttr of a Py_T_INT member|ns|1|<= CPython|r <= 1"
  "attr_heap_member_set|bench_attr|attr, heap type both sides: SetAttr of that member|ns|1|<= CPython|r <= 1"
  "attr_heap_dict_get|bench_attr|attr, heap type both sides: GetAttr, managed-dict attribute|ns|1|<= CPython|r <= 1"
  "attr_heap_dict_set|bench_attr|attr, heap type both sides: SetAttr, managed-dict attribute|ns|1|<= CPython|r <= 1"
  "attr_heap_method_call|bench_attr|attr, heap type both sides: VectorcallMethod, METH_NOARGS|ns|1|<= CPython|r <= 1"
)

RES="$OUT/results.txt"
: > "$RES"
start=$(date +%s)
echo "subinterp benchmarks: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), Linux $(uname -r)"
echo "CPython: $([ $have_cpython = 1 ] && echo "$CPYTHON_PREFIX" || echo "not found (ours only)")"
for row in "${ROWS[@]}"; do
    IFS='|' read -r key prog _ <<< "$row"
    if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $key "* ]]; then continue; fi
    for impl in ours cpython; do
        [ $impl = cpython ] && [ $have_cpython = 0 ] && continue
        [ $impl = cpython ] && [ "$key" = pep788_foreign ] && continue
        grep -q "^$impl $key " "$RES" && continue
        [ -t 2 ] && printf '  running %-18s %-8s\r' "$key" "$impl" >&2
        if ! "$OUT/$impl/$prog" "$key" > "$OUT/$impl.$key.out" 2> "$OUT/$impl.$key.err"; then
            echo "bench: $impl/$prog $key failed:" >&2
            cat "$OUT/$impl.$key.err" >&2
            exit 1
        fi
        grep '^RESULT' "$OUT/$impl.$key.out" | sed "s/^RESULT/$impl/" >> "$RES"
        # Notes the programs print (a repetition cut short on a noisy machine, ...).
        sort -u "$OUT/$impl.$key.err" | sed "s/^/  note: /" >&2
    done
done
[ -t 2 ] && printf '%-40s\r' "" >&2
elapsed=$(( $(date +%s) - start ))

echo
echo "Medians of repetitions; ratio = ours / CPython; lower is better except where a row says HIGHER."
printf '%s\n' "${ROWS[@]}" | awk -F'|' -v res="$RES" -v have_cpython=$have_cpython '
BEGIN {
    while ((getline line < res) > 0) {
        n = split(line, f, " ")
        val[f[1] "," f[2]] = f[3]
    }
    fmt = "%-58s %12s %12s %15s %10s %5s\n"
    printf fmt, "measurement", "subinterp", "CPython", "ratio", "target", "met?"
    printf fmt, "-----------", "---------", "-------", "-----", "------", "----"
}
function show(v, div, unit) {
    if (v == "") return "n/a"
    x = v / div
    if (unit == "KiB") return sprintf(x >= 100 ? "%.0f %s" : "%.1f %s", x, unit)
    if (x >= 100) return sprintf("%.0f %s", x, unit)
    if (x >= 10) return sprintf("%.1f %s", x, unit)
    return sprintf("%.2f %s", x, unit)
}
{
    key = $1; label = $3; unit = $4; div = $5; target = $6; test = $7
    o = val["ours," key]; c = val["cpython," key]
    if (o == "" && c == "") next
    ratio = "n/a"
    if (o != "" && c != "" && c + 0 != 0) {
        ratio = sprintf("%.2f", o / c)
        if (o / c < 0.1 && o + 0 > 0) ratio = sprintf("%.2f (1/%.0f)", o / c, c / o)
    }
    else if (o != "" && c != "" && o + 0 == 0) ratio = "both 0"
    met = "-"
    if (test != "" && o != "") {
        v = o / div
        split(test, t, " ")
        if (t[1] == "r") {
            if (c == "" || c + 0 == 0) { v = "" } else { v = o / c }
        }
        if (v == "") ok = 0
        else ok = (t[2] == "<" && v < t[3]) || (t[2] == "<=" && v <= t[3]) || (t[2] == ">=" && v >= t[3])
        met = ok ? "yes" : "NO"
    }
    printf fmt, label, show(o, div, unit), show(c, div, unit), ratio, target, met
}'
echo
echo "Repetitions and spread: $RES (one RESULT line per measurement: median, reps, min, max, notes)."
echo "Total time: ${elapsed}s."
