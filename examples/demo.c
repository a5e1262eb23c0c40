/*
 * demo.c: the multi-core story of subinterp in one screen (`make demo`).
 *
 * One interpreter per core, each created on its own pthread, each running the same
 * CPU-bound job on Python objects with its GIL held (ints, lists, tuples and dicts made,
 * sorted, hashed and freed through the C-API, with a Py_MakePendingCalls() safe point
 * after every chunk), then ended on that thread. Twice:
 *
 *   1. OWN GIL    (_PyInterpreterConfig_INIT): every interpreter has its own GIL, so the
 *                 jobs run in parallel, one per core;
 *   2. SHARED GIL (_PyInterpreterConfig_LEGACY_INIT): all of them share the main
 *                 interpreter's GIL, so the jobs take turns: a thread waiting for the GIL
 *                 asks the holder to drop it after the switch interval (5 ms) and the
 *                 holder hands it over at its next safe point.
 *
 * Every job folds the hashes of the tuples it builds into one value (int and tuple hashes
 * do not depend on the process's hash secret); the program checks that all workers of
 * both runs got the same value (and that every API call succeeded) and exits non-zero
 * otherwise. Builds against subinterp (make demo) and against CPython 3.12+ unchanged.
 */
#include <Python.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 16L             /* steps between two safe points (~20-40 us) */
#define STEP_ITEMS 24         /* ints per step */
#define MAX_WORKERS 256
#define JOB_TARGET_S 0.75     /* one job on one core */
#define SHARED_BUDGET_S 6.0   /* the shared-GIL run takes ~workers x job: cap it */

static int failures;
static pthread_mutex_t fail_mu = PTHREAD_MUTEX_INITIALIZER;

#define FAIL(...) do { \
    pthread_mutex_lock(&fail_mu); failures++; \
    fprintf(stderr, "demo: FAILED: " __VA_ARGS__); fputc('\n', stderr); \
    pthread_mutex_unlock(&fail_mu); \
} while (0)

static void fail_step(const char *what) {
    if (PyErr_Occurred()) PyErr_Print();
    FAIL("%s failed", what);
    exit(1);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void fail_step(const char *what);

/* The job, `n` steps from `start`: each step makes STEP_ITEMS ints from the running value,
   sorts them in a list, records them in a dict (int -> position), packs the sorted list
   into a tuple and folds the tuple's hash and the dict's size into the running value. Each
   step depends on the previous one, so nothing can be skipped. */
static uint64_t object_chunk(uint64_t h, long start, long n) {
    for (long i = start; i < start + n; i++) {
        PyObject *list = PyList_New(0), *dict = PyDict_New();
        if (list == NULL || dict == NULL) fail_step("PyList_New/PyDict_New");
        uint64_t x = h ^ (uint64_t)i;
        for (int k = 0; k < STEP_ITEMS; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            PyObject *v = PyLong_FromLongLong((long long)(x >> 20));
            PyObject *pos = PyLong_FromLong(k);
            if (v == NULL || pos == NULL || PyList_Append(list, v) < 0 || PyDict_SetItem(dict, v, pos) < 0)
                fail_step("building the items");
            Py_XDECREF(v);
            Py_XDECREF(pos);
        }
        if (PyList_Sort(list) < 0) fail_step("PyList_Sort");
        PyObject *tuple = PyList_AsTuple(list);
        Py_hash_t th = tuple ? PyObject_Hash(tuple) : -1;
        if (th == -1) fail_step("hashing the tuple");
        h = (h ^ (uint64_t)th) * 0xbf58476d1ce4e5b9ULL + (uint64_t)PyDict_Size(dict);
        h ^= h >> 31;
        Py_XDECREF(tuple);
        Py_DECREF(list);
        Py_DECREF(dict);
    }
    return h;
}

#define JOB_SEED 0x5375624970726574ULL

typedef struct {
    int index;
    int own_gil;
    long iterations;
    pthread_barrier_t *start;
    uint64_t result;
    long safe_points;
    double t_done;            /* when this worker's job finished (seconds since start) */
    double t0;                /* shared start time (written before the barrier opens) */
    int64_t interp_id;
} worker;

static void *worker_main(void *p) {
    worker *w = p;
    PyInterpreterConfig cfg_own = _PyInterpreterConfig_INIT;
    PyInterpreterConfig cfg_shared = _PyInterpreterConfig_LEGACY_INIT;

    /* A thread Python never saw: no thread state is needed to create an interpreter. */
    PyThreadState *ts = NULL;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, w->own_gil ? &cfg_own : &cfg_shared);
    if (PyStatus_Exception(st) || ts == NULL) {
        FAIL("worker %d: Py_NewInterpreterFromConfig: %s", w->index, st.err_msg ? st.err_msg : "?");
        pthread_barrier_wait(w->start);
        return NULL;
    }
    if (PyThreadState_GetUnchecked() != ts) FAIL("worker %d: new thread state is not attached", w->index);
    w->interp_id = PyInterpreterState_GetID(PyThreadState_GetInterpreter(ts));

    /* Wait for everyone without holding the GIL (with a shared GIL, holding it here would
       keep the other workers from even creating their interpreters). */
    PyEval_SaveThread();
    pthread_barrier_wait(w->start);
    PyEval_RestoreThread(ts);

    /* The job, GIL held throughout, with a safe point after every chunk. */
    uint64_t h = JOB_SEED;
    for (long done = 0; done < w->iterations; done += CHUNK) {
        long n = w->iterations - done < CHUNK ? w->iterations - done : CHUNK;
        h = object_chunk(h, done, n);
        if (Py_MakePendingCalls() != 0) FAIL("worker %d: Py_MakePendingCalls failed", w->index);
        w->safe_points++;
    }
    w->result = h;
    w->t_done = now_s() - w->t0;
    if (PyThreadState_GetUnchecked() != ts) FAIL("worker %d: lost its thread state during the job", w->index);

    Py_EndInterpreter(ts);
    if (PyThreadState_GetUnchecked() != NULL) FAIL("worker %d: a thread state is attached after Py_EndInterpreter", w->index);
    return NULL;
}

/* Runs one worker per core; returns the wall time from the start signal to the last join. */
static double run(int nworkers, int own_gil, long iterations, worker *ws) {
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, (unsigned)nworkers + 1);
    pthread_t th[MAX_WORKERS];
    for (int i = 0; i < nworkers; i++) {
        ws[i] = (worker){ .index = i, .own_gil = own_gil, .iterations = iterations, .start = &start };
        if (pthread_create(&th[i], NULL, worker_main, &ws[i]) != 0) {
            FAIL("pthread_create");
            exit(1);
        }
    }
    double t0 = now_s();
    for (int i = 0; i < nworkers; i++) ws[i].t0 = t0;   /* published by the barrier */
    pthread_barrier_wait(&start);
    for (int i = 0; i < nworkers; i++) pthread_join(th[i], NULL);
    double wall = now_s() - t0;
    pthread_barrier_destroy(&start);
    return wall;
}

static void summary(const char *name, int n, worker *ws, double wall) {
    double first = 1e9, last = 0;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (int i = 0; i < n; i++) {
        if (ws[i].t_done < first) first = ws[i].t_done;
        if (ws[i].t_done > last) last = ws[i].t_done;
        if (ws[i].interp_id < lo) lo = ws[i].interp_id;
        if (ws[i].interp_id > hi) hi = ws[i].interp_id;
    }
    printf("  %-10s %d interpreters (ids %" PRId64 "..%" PRId64 "): wall %.3f s, jobs finished between %.3f and %.3f s\n",
           name, n, lo, hi, wall, first, last);
}

int main(void) {
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    int nworkers = online < 2 ? 2 : online > MAX_WORKERS ? MAX_WORKERS : (int)online;

    Py_InitializeEx(0);
    PyThreadState *main_ts = PyThreadState_Get();

    /* Calibrate: how many iterations make JOB_TARGET_S on one core (the shared run takes
       about nworkers jobs in a row, so big machines get shorter jobs). */
    double target = JOB_TARGET_S;
    if (target * nworkers > SHARED_BUDGET_S) target = SHARED_BUDGET_S / nworkers;
    long calib = 0;
    double t0 = now_s(), t;
    uint64_t sink = JOB_SEED;
    while ((t = now_s() - t0) < 0.1) { sink = object_chunk(sink, calib, CHUNK); calib += CHUNK; }
    long iterations = (long)((double)calib * target / t) / CHUNK * CHUNK;
    if (iterations < CHUNK) iterations = CHUNK;
    if (sink == 0) printf(" ");   /* keeps the calibration loop */

    printf("subinterp demo: %d cores online -> %d interpreters, one per pthread\n", (int)online, nworkers);
    printf("job: %ld object steps (%d ints each: list, sort, dict, tuple, hash) in chunks of %ld,\n"
           "     GIL held, Py_MakePendingCalls() between chunks (~%.2f s on one core)\n",
           iterations, STEP_ITEMS, CHUNK, target);

    static worker own[MAX_WORKERS], shared[MAX_WORKERS];

    /* The main thread lets go of the main interpreter's GIL for both runs: shared-GIL
       workers need it all along, and CPython needs it briefly even to create an own-GIL
       interpreter (importing builtin modules switches to the main interpreter). */
    PyEval_SaveThread();
    double wall_own = run(nworkers, 1, iterations, own);        /* 1. own GIL */
    double wall_shared = run(nworkers, 0, iterations, shared);  /* 2. shared GIL */
    PyEval_RestoreThread(main_ts);
#ifdef SUBINTERP
    uint64_t switches = 0;
    int locked = 0;
    if (Subinterp_GetGilState(PyInterpreterState_Main(), &locked, &switches) != SUBINTERP_OK) FAIL("Subinterp_GetGilState");
#endif

    /* Checks: every job computed the same value, in both runs. */
    uint64_t want = own[0].result;
    if (want == 0) FAIL("job result is 0");
    for (int i = 0; i < nworkers; i++) {
        if (own[i].result != want) FAIL("own-GIL worker %d: result %016" PRIx64 ", expected %016" PRIx64, i, own[i].result, want);
        if (shared[i].result != want) FAIL("shared-GIL worker %d: result %016" PRIx64 ", expected %016" PRIx64, i, shared[i].result, want);
        if (own[i].safe_points != (iterations + CHUNK - 1) / CHUNK || shared[i].safe_points != own[i].safe_points)
            FAIL("worker %d: wrong number of safe points", i);
    }

    printf("\n");
    summary("own GIL", nworkers, own, wall_own);
    summary("shared GIL", nworkers, shared, wall_shared);
#ifdef SUBINTERP
    printf("  (the shared GIL changed hands %" PRIu64 " times in all)\n", switches);
#endif
    printf("\n  speedup own/shared: %.2fx with %d interpreters; ", wall_shared / wall_own, nworkers);
    if (failures) printf("CHECKS FAILED (see stderr)\n");
    else printf("all %d job results = %016" PRIx64 " (verified)\n", 2 * nworkers, want);
    printf("  why: each own-GIL interpreter runs on its own core, while shared-GIL interpreters\n"
           "  take turns on one lock, handing it over at safe points every switch interval (5 ms).\n");
#ifndef SUBINTERP
    printf("  (CPython honours a drop request only in its eval loop, not in Py_MakePendingCalls:\n"
           "  there the shared-GIL jobs of this C demo run one after the other.)\n");
#endif

    if (PyThreadState_Get() != main_ts) FAIL("main thread state lost");
    if (Py_FinalizeEx() != 0) FAIL("Py_FinalizeEx");
    if (failures) {
        fprintf(stderr, "demo: %d check(s) failed\n", failures);
        return 1;
    }
    return 0;
}
