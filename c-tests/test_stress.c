/*
 * test_stress.c: 8 threads x 200 create/end cycles of isolated (own-GIL) interpreters, all at
 * once, each thread creating its interpreters with no thread state of its own (CPython 3.13
 * allows that, RESULTS.md §2). Every interpreter ID is unique; no thread state is left
 * attached; and (ours only, Subinterp_GetStats) nothing is left alive, before and after
 * Py_FinalizeEx.
 *
 * The threads start together (a barrier) so the cycles really overlap; the main thread is
 * detached meanwhile, as an embedding application waiting on workers would be.
 */
#include "conc_util.h"

#define THREADS 8
#ifdef SUBINTERP
#define CYCLES 200
#else
/* CPython 3.13 needs ~13 ms per cycle here (8 threads on 2 cores: 1600 cycles took 21 s);
 * fewer cycles keep `make check-cpython` quick while the 8 threads still overlap. */
#define CYCLES 60
#endif

static int64_t ids[THREADS * CYCLES];
static barrier_t start = BARRIER_INIT;

typedef struct { int index; int done; } worker_t;

static void *worker(void *p) {
    worker_t *w = p;
    TCHECK(barrier_wait(&start, THREADS, 30.0));
    for (int i = 0; i < CYCLES; i++) {
        TCHECK(PyThreadState_GetUnchecked() == NULL);    /* no thread state of our own */
        PyThreadState *ts = new_isolated();
        TCHECK(ts != NULL);
        if (!ts) return NULL;
        TCHECK(PyThreadState_GetUnchecked() == ts);
        TCHECK(PyGILState_GetThisThreadState() == ts);
        ids[w->index * CYCLES + i] = PyInterpreterState_GetID(ts->interp);
        Py_EndInterpreter(ts);
        TCHECK(PyThreadState_GetUnchecked() == NULL);
    }
    w->done = CYCLES;
    return NULL;
}

static int cmp_id(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int main(void) {
    watchdog(120);
    Py_Initialize();
    PyThreadState *main_ts = PyThreadState_Get();
#ifdef SUBINTERP
    SubinterpStats before;
    CHECK_INT(Subinterp_GetStats(&before), SUBINTERP_OK);
    CHECK_INT(before.live_interpreters, 1);
#endif

    PyEval_SaveThread();
    pthread_t t[THREADS];
    worker_t w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i].index = i;
        w[i].done = 0;
        t[i] = start_thread(worker, &w[i]);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    PyEval_RestoreThread(main_ts);

    int all_done = 1;
    for (int i = 0; i < THREADS; i++) all_done &= w[i].done == CYCLES;
    CHECK(all_done);

    /* Unique, all subinterpreter IDs (> 0). */
    qsort(ids, THREADS * CYCLES, sizeof ids[0], cmp_id);
    int unique = 1, positive = 1;
    for (int i = 0; i < THREADS * CYCLES; i++) {
        positive &= ids[i] > 0;
        if (i > 0) unique &= ids[i] != ids[i - 1];
    }
    CHECK(unique);
    CHECK(positive);
    CHECK_INT(ids[THREADS * CYCLES - 1] - ids[0] + 1 >= THREADS * CYCLES, 1);

    /* Only the main interpreter is left. */
    CHECK(PyInterpreterState_Head() == PyInterpreterState_Main());
    CHECK(PyInterpreterState_Next(PyInterpreterState_Head()) == NULL);
    CHECK(PyThreadState_GetUnchecked() == main_ts);

#ifdef SUBINTERP
    SubinterpStats after;
    CHECK_INT(Subinterp_GetStats(&after), SUBINTERP_OK);
    CHECK_INT(after.live_interpreters, 1);                         /* 0 subinterpreters */
    CHECK_INT(after.live_thread_states, before.live_thread_states);
    CHECK_INT(after.interpreters_created, before.interpreters_created + THREADS * CYCLES);
#endif

    CHECK_INT(Py_FinalizeEx(), 0);
#ifdef SUBINTERP
    SubinterpStats fin;
    CHECK_INT(Subinterp_GetStats(&fin), SUBINTERP_OK);
    CHECK_INT(fin.initialized, 0);
    CHECK_INT(fin.live_interpreters, 0);
    CHECK_INT(fin.live_thread_states, 0);
#endif
    return TEST_DONE();
}
