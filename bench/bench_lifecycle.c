/*
 * bench_lifecycle.c: the cost of isolated interpreters (PEP 684 config).
 *
 *   create_end   Py_NewInterpreterFromConfig(_PyInterpreterConfig_INIT) + Py_EndInterpreter
 *                + PyThreadState_Swap(main): time per cycle.
 *   mem_live     RSS growth while N isolated interpreters are alive at once, per interpreter
 *                (a fresh process per repetition; one warm-up cycle first).
 *   mem_cycles   RSS growth over 1,000 create/end cycles after a 100-cycle warm-up, in KiB
 *                (consecutive windows of one process are the repetitions).
 *
 * Usage: bench_lifecycle [name...]   (no name: all). Output: RESULT lines (bench_util.h).
 */
#include "bench_util.h"

#ifdef SUBINTERP
#  define LIVE_N 1000      /* ours are small: more of them for a precise per-interpreter figure */
#else
#  define LIVE_N 100
#endif
#define CYCLES_N 1000
#define CYCLES_WARMUP 100
#define CYCLES_BUDGET_S 12.0   /* stop adding mem_cycles repetitions after this (min 3) */

static const PyInterpreterConfig isolated_cfg = _PyInterpreterConfig_INIT;

static PyThreadState *new_isolated(void) {
    PyThreadState *ts = NULL;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &isolated_cfg);
    if (PyStatus_Exception(st) || ts == NULL) {
        BENCH_FAIL("Py_NewInterpreterFromConfig failed: %s", st.err_msg ? st.err_msg : "(no message)");
    }
    return ts;
}

/* One create+end cycle; main_ts is attached before and after. */
static void cycle(PyThreadState *main_ts) {
    PyThreadState *ts = new_isolated();
    if (PyThreadState_GetUnchecked() != ts) BENCH_FAIL("new interpreter's thread state is not current");
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
}

static double op_create_end(long iters, void *ctx) {
    PyThreadState *main_ts = ctx;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) cycle(main_ts);
    return bench_now() - t0;
}

static void bench_create_end(void) {
    Py_InitializeEx(0);
    PyThreadState *main_ts = PyThreadState_Get();
    bench_time_op("create_end", op_create_end, main_ts, 0.15, "");
    if (PyThreadState_Get() != main_ts) BENCH_FAIL("main thread state lost");
    Py_FinalizeEx();
}

/* Child process: KiB of RSS per live interpreter with LIVE_N alive. */
static double child_mem_live(void *arg) {
    (void)arg;
    Py_InitializeEx(0);
    PyThreadState *main_ts = PyThreadState_Get();
    cycle(main_ts);                       /* one-time costs of the first subinterpreter */
    static PyThreadState *ts[LIVE_N];
    long rss0 = bench_rss_kib();
    for (int i = 0; i < LIVE_N; i++) {
        ts[i] = new_isolated();
        PyThreadState_Swap(main_ts);
    }
    long rss1 = bench_rss_kib();
    for (int i = LIVE_N - 1; i >= 0; i--) {
        PyThreadState_Swap(ts[i]);
        Py_EndInterpreter(ts[i]);
    }
    PyThreadState_Swap(main_ts);
    Py_FinalizeEx();
    return (double)(rss1 - rss0) / LIVE_N;
}

static void bench_mem_live(void) {
    double v[5];
    int n = bench_forked(child_mem_live, NULL, 5, v);
    if (n == 0) BENCH_FAIL("mem_live: no child succeeded");
    char note[64];
    snprintf(note, sizeof note, "N=%d", LIVE_N);
    bench_report("mem_live", v, n, "KiB", note);
}

static double child_mem_cycles(void *arg) {
    (void)arg;
    Py_InitializeEx(0);
    PyThreadState *main_ts = PyThreadState_Get();
    for (int i = 0; i < CYCLES_WARMUP; i++) cycle(main_ts);
    double v[7];
    int n = 0;
    double t0 = bench_now();
    while (n < 7 && (n < 3 || bench_now() - t0 < CYCLES_BUDGET_S)) {
        long rss0 = bench_rss_kib();
        for (int i = 0; i < CYCLES_N; i++) cycle(main_ts);
        v[n++] = (double)(bench_rss_kib() - rss0);
    }
    Py_FinalizeEx();
    /* Report from the child (the parent only learns it succeeded). */
    char note[96];
    snprintf(note, sizeof note, "cycles=%d warmup=%d", CYCLES_N, CYCLES_WARMUP);
    bench_report("mem_cycles", v, n, "KiB", note);
    return 0.0;
}

static void bench_mem_cycles(void) {
    double dummy;
    if (bench_forked(child_mem_cycles, NULL, 1, &dummy) != 1) BENCH_FAIL("mem_cycles: child failed");
}

int main(int argc, char **argv) {
    /* Memory first, in fresh children, before this process ever initializes Python. */
    if (bench_wanted(argc, argv, "mem_live")) bench_mem_live();
    if (bench_wanted(argc, argv, "mem_cycles")) bench_mem_cycles();
    if (bench_wanted(argc, argv, "create_end")) bench_create_end();
    return 0;
}
