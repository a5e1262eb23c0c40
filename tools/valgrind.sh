#!/usr/bin/env bash
# tools/valgrind.sh BINARY: memory and thread checks of a C test built against libsubinterp
# (`make check-valgrind` runs it on build/ours/sub_valgrind, and helgrind on
# build/ours/test_object_core's immortal-object hammering). Ends with "N passed, N failed"
# (tools/run-checks.sh); exits non-zero if any stage failed.
#
# 1. memcheck: any invalid access, use of uninitialised memory or definite leak fails
#    (the test ends with Py_FinalizeEx, so what is left reachable is only the process's own).
# 2. helgrind: data races, lock-order and pthread misuse on the C side. Helgrind cannot see
#    parking_lot's futex-based locks or Rust atomics, so tools/valgrind.supp drops reports
#    whose racing access is inside libsubinterp.so (its comment says why); races inside the
#    library are stage 3's job. Any other report fails.
# 3. ThreadSanitizer, when a nightly Rust toolchain with the TSan runtime is installed
#    (skipped with a message otherwise; SUBINTERP_TSAN=0 skips it): the library rebuilt with
#    -Zsanitizer=thread (target/tsan), the concurrency tests built with -fsanitize=thread.
#    Unlike helgrind, TSan models atomics and futex locks, so here no suppression covers the
#    library's own locking; the only one covers Arc's drop, which synchronizes with an
#    Acquire fence inside the (uninstrumented) standard library.
set -u
cd "$(dirname "$0")/.."

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: tools/valgrind.sh BINARY (an executable C test built against libsubinterp)" >&2
  exit 2
fi
bin=$1
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind not found (apt-get install valgrind)" >&2
  exit 1
fi

steps=(
  "memcheck|valgrind --tool=memcheck --error-exitcode=1 --leak-check=full \
     --show-leak-kinds=definite --errors-for-leak-kinds=definite --num-callers=30 $bin"
  "helgrind|valgrind --tool=helgrind --error-exitcode=1 --num-callers=30 \
     --suppressions=tools/valgrind.supp $bin"
)
# Two own-GIL interpreters hammering the shared immortal objects (None, True, small ints,
# (), PyLong_Type) with Py_INCREF/Py_DECREF: immortals are never written, so no race.
if [ -x build/ours/test_object_core ]; then
  steps+=("helgrind-immortals|valgrind --tool=helgrind --error-exitcode=1 --num-callers=30 \
     --suppressions=tools/valgrind.supp build/ours/test_object_core")
fi
# The headline heap type in two own-GIL interpreters at once (types, instances, managed
# dicts and weak references made and freed on two threads).
if [ -x build/ours/sub_heaptype_full ]; then
  steps+=("memcheck-heaptype|valgrind --tool=memcheck --error-exitcode=1 --leak-check=full \
     --show-leak-kinds=definite --errors-for-leak-kinds=definite --num-callers=30 build/ours/sub_heaptype_full")
fi

# ---- ThreadSanitizer --------------------------------------------------------------------
tsan_tests="sub_valgrind test_parallel test_gilstate test_pending test_stress sub_gil sub_pep788 sub_pending
  test_object_core test_dict_parallel sub_heaptype_full"
tsan_rt=""
if [ "${SUBINTERP_TSAN:-1}" != "0" ] && command -v rustup >/dev/null 2>&1 \
   && rustup run nightly rustc --version >/dev/null 2>&1; then
  sysroot=$(rustup run nightly rustc --print sysroot)
  host=$(rustup run nightly rustc -vV | sed -n 's/^host: //p')
  tsan_rt=$(ls "$sysroot"/lib/rustlib/"$host"/lib/librustc-nightly_rt.tsan.a 2>/dev/null | head -1)
fi
if [ -n "$tsan_rt" ]; then
  tsan_dir=build/tsan
  mkdir -p "$tsan_dir"
  # Arc<T>::drop ends with an Acquire fence in the precompiled std, which TSan does not
  # model (std only uses a load under cfg(sanitize="thread"), which needs -Zbuild-std);
  # the free after the last reference then looks like it races with the other threads'
  # decrements. That pattern only.
  cat > "$tsan_dir/tsan.supp" <<'EOF'
race:alloc::sync::Arc*drop_slow
EOF
  # The library: host build scripts stay uninstrumented because --target is given.
  build_lib="RUSTFLAGS='-Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer' \
    CARGO_TARGET_DIR=target/tsan cargo +nightly build -q --release --lib --target $host"
  libdir=target/tsan/$host/release
  # gcc instruments the C side; the runtime is the one rustc's instrumentation expects
  # (gcc's own libtsan lacks the newer __tsan_mem* entry points), exported to the library.
  tsan_cmd="set -e; $build_lib"
  for t in $tsan_tests; do
    tsan_cmd="$tsan_cmd; cc -std=gnu11 -O1 -g -pthread -fsanitize=thread -Ic-tests -Iinclude \
      -c c-tests/$t.c -o $tsan_dir/$t.o \
      && cc -pthread -rdynamic $tsan_dir/$t.o -Wl,--whole-archive $tsan_rt -Wl,--no-whole-archive \
      -ldl -lm -lrt -lstdc++ -L$libdir -lsubinterp -Wl,-rpath,$(pwd)/$libdir -o $tsan_dir/$t"
  done
  steps+=("tsan-build|$tsan_cmd")
  for t in $tsan_tests; do
    steps+=("tsan-$t|TSAN_OPTIONS='halt_on_error=1 exitcode=66 suppressions=$tsan_dir/tsan.supp' $tsan_dir/$t")
  done
else
  echo "tsan: skipped (needs a nightly Rust toolchain with the TSan runtime; SUBINTERP_TSAN=${SUBINTERP_TSAN:-1})"
fi

exec tools/run-checks.sh "${steps[@]}"
