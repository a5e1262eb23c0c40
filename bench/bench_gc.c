/*
 * bench_gc.c: the cycle collector's pause, alone and next to a busy interpreter, built
 * against subinterp and CPython.
 *
 * The garbage: 500,000 two-list cycles (a = [b], b = [a], built with PyList_New and
 * PyList_Append, which both runtimes do the same way), 1,000,000 objects; the pause is one
 * PyGC_Collect() that finds and frees all of them (the count is checked). No safe point runs
 * while the garbage is built (no PyErr_CheckSignals, no Python code), so on both runtimes
 * no automatic collection interferes. Everything runs in own-GIL interpreters on threads.
 *
 * Measurements (medians):
 *   gc_pause         the collection, ms (GC_REPS runs)
 *   gc_pause_busy    the same while a second interpreter on another thread does object work
 *   gc_other_alone   the second interpreter's work unit (a 20,000-entry int dict built and
 *                    iterated, 20,000 3-tuples packed), ms, while the first one sleeps
 *   gc_other_during  the same unit while the first interpreter is inside PyGC_Collect
 *                    (units that started and ended during a collection)
 */
#include "bench_util.h"

#define CYCLES 500000
#define GC_REPS 5
#define UNIT_N 20000
#define MAX_UNITS 100000

static void build_garbage(void) {
    for (long i = 0; i < CYCLES; i++) {
        PyObject *a = PyList_New(0), *b = PyList_New(0);
        bench_fail_if(a == NULL || b == NULL, "PyList_New");
        bench_fail_if(PyList_Append(a, b) < 0 || PyList_Append(b, a) < 0, "PyList_Append");
        Py_DECREF(a);
        Py_DECREF(b);
    }
}

/* ---- the second interpreter's work --------------------------------------------------- */

enum { PHASE_IDLE, PHASE_BUILD, PHASE_COLLECT, PHASE_DONE };
static _Atomic int phase = PHASE_IDLE;
static _Atomic int worker_ready;
static long checksum;

static void work_unit(void) {
    long sum = bench_int_dict_sum(UNIT_N);
    PyObject *a = PyLong_FromLong(1), *b = PyLong_FromLong(2);
    for (long i = 0; i < UNIT_N; i++) {
        PyObject *c = PyLong_FromLong(i);
        PyObject *t = PyTuple_Pack(3, a, b, c);
        bench_fail_if(t == NULL, "PyTuple_Pack");
        sum += PyLong_AsLong(PyTuple_GET_ITEM(t, 2));
        Py_DECREF(t);
        Py_DECREF(c);
    }
    Py_DECREF(a);
    Py_DECREF(b);
    checksum += sum;
}

static double alone_ms[MAX_UNITS], during_ms[MAX_UNITS];
static int n_alone, n_during;

static void *worker_thread(void *arg) {
    (void)arg;
    PyThreadState *ts = bench_new_interp();
    work_unit();                                        /* warm-up */
    atomic_store(&worker_ready, 1);
    for (;;) {
        int p0 = atomic_load(&phase);
        if (p0 == PHASE_DONE) break;
        double t0 = bench_now();
        work_unit();
        double t = (bench_now() - t0) * 1000.0;
        int p1 = atomic_load(&phase);
        if (p0 == p1 && p0 == PHASE_IDLE && n_alone < MAX_UNITS) alone_ms[n_alone++] = t;
        if (p0 == p1 && p0 == PHASE_COLLECT && n_during < MAX_UNITS) during_ms[n_during++] = t;
    }
    Py_EndInterpreter(ts);
    return NULL;
}

/* ---- the collecting interpreter ------------------------------------------------------ */

typedef struct { int busy; double pause_ms[GC_REPS]; } gc_job_t;

static void *gc_thread(void *arg) {
    gc_job_t *j = arg;
    PyThreadState *ts = bench_new_interp();
    PyGC_Collect();
    for (int r = 0; r < GC_REPS; r++) {
        if (j->busy) {
            /* the worker alone for a while (the first interpreter sleeps, detached) */
            PyThreadState *saved = PyEval_SaveThread();
            atomic_store(&phase, PHASE_IDLE);
            usleep(300000);
            PyEval_RestoreThread(saved);
        }
        atomic_store(&phase, PHASE_BUILD);
        build_garbage();
        atomic_store(&phase, PHASE_COLLECT);
        double t0 = bench_now();
        Py_ssize_t n = PyGC_Collect();
        j->pause_ms[r] = (bench_now() - t0) * 1000.0;
        atomic_store(&phase, PHASE_BUILD);
        if (n != 2 * CYCLES) BENCH_FAIL("PyGC_Collect found %zd objects, expected %d", n, 2 * CYCLES);
    }
    Py_EndInterpreter(ts);
    return NULL;
}

static void measure(int busy) {
    gc_job_t j = { busy, {0} };
    pthread_t w = 0, g;
    if (busy) {
        atomic_store(&phase, PHASE_BUILD);
        pthread_create(&w, NULL, worker_thread, NULL);
        while (!atomic_load(&worker_ready)) usleep(1000);
    }
    pthread_create(&g, NULL, gc_thread, &j);
    pthread_join(g, NULL);
    if (busy) {
        atomic_store(&phase, PHASE_DONE);
        pthread_join(w, NULL);
    }
    bench_report(busy ? "gc_pause_busy" : "gc_pause", j.pause_ms, GC_REPS, "ms",
                 "1,000,000 lists in 500,000 two-list cycles");
    if (busy) {
        if (n_alone == 0 || n_during == 0) BENCH_FAIL("no work units measured (alone %d, during %d)", n_alone, n_during);
        char note[64];
        snprintf(note, sizeof note, "units=%d", n_alone);
        bench_report("gc_other_alone", alone_ms, n_alone, "ms", note);
        snprintf(note, sizeof note, "units=%d", n_during);
        bench_report("gc_other_during", during_ms, n_during, "ms", note);
    }
}

int main(int argc, char **argv) {
    Py_Initialize();
    PyThreadState *main_ts = PyEval_SaveThread();
    int done_busy = 0;
    for (int i = 1; i < argc; i++) {
        const char *k = argv[i];
        if (!strcmp(k, "gc_pause")) measure(0);
        else if (!strcmp(k, "gc_pause_busy") || !strcmp(k, "gc_other_alone") || !strcmp(k, "gc_other_during")) {
            if (!done_busy) measure(1);
            done_busy = 1;
        } else {
            fprintf(stderr, "unknown measurement %s\n", k);
            return 2;
        }
    }
    PyEval_RestoreThread(main_ts);
    fprintf(stderr, "checksum %ld\n", checksum);
    return Py_FinalizeEx();
}
