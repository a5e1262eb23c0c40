/*
 * sub_valgrind.c: a small, complete workout of the concurrent paths, sized to run under
 * valgrind (tools/valgrind.sh: memcheck, helgrind, and ThreadSanitizer where available;
 * `make check-valgrind`):
 * - 4 threads x 20 create/end cycles of isolated interpreters, from threads with no
 *   thread state;
 * - PyGILState_Ensure/Release nested from 4 threads Python never saw, at once;
 * - contention on one GIL, handed over at Py_MakePendingCalls;
 * - pending calls added from a foreign thread, for main and for a subinterpreter;
 * - one PEP 788 round: view, guard, PyThreadState_Ensure into a subinterpreter from two
 *   foreign threads at once, end it, use the view after;
 * - Py_FinalizeEx with a subinterpreter still alive; then nothing may be left.
 *
 * Written for race detectors: the threads share no C data and take no C lock while they
 * run. Each counts its own checks in its own struct, read after pthread_join. A shared
 * mutex (even just for counting checks) would give helgrind happens-before edges between
 * the threads and hide races in the library; and data guarded by the GIL would be reported
 * as racy, because helgrind cannot see the GIL.
 */
#include "test_util.h"

#define T_WAIT 60.0              /* valgrind is slow: generous safety nets */
#define CYCLE_THREADS 4
#define CYCLES 20
#define GS_THREADS 4
#define GS_ROUNDS 10
#define HANDOVERS 3

/* Per-thread check counts: only the owning thread writes them; main reads after join. */
typedef struct { int passed, failed; } counts_t;

#define VCHECK(c, cond) do { \
    if (cond) (c)->passed++; \
    else { (c)->failed++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

static void add_counts(const counts_t *c) {
    t_passed += c->passed;
    t_failed += c->failed;
}

static PyThreadState *main_ts;

static pthread_t start_thread(void *(*fn)(void *), void *arg) {
    pthread_t t;
    if (pthread_create(&t, NULL, fn, arg) != 0) { perror("pthread_create"); exit(2); }
    return t;
}

static PyThreadState *new_isolated(void) {
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    PyThreadState *ts = NULL;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
    return PyStatus_Exception(st) ? NULL : ts;
}

static uint64_t switches_of(PyInterpreterState *interp) {
    uint64_t n = 0;
    Subinterp_GetGilState(interp, NULL, &n);
    return n;
}

/* ---- create/end cycles -------------------------------------------------------------- */

typedef struct { counts_t c; int64_t ids[CYCLES]; } cycles_t;

static void *cycles(void *p) {
    cycles_t *w = p;
    for (int i = 0; i < CYCLES; i++) {
        VCHECK(&w->c, PyThreadState_GetUnchecked() == NULL);
        PyThreadState *ts = new_isolated();
        VCHECK(&w->c, ts != NULL);
        if (!ts) return NULL;
        w->ids[i] = PyInterpreterState_GetID(ts->interp);
        Py_EndInterpreter(ts);
        VCHECK(&w->c, PyThreadState_GetUnchecked() == NULL);
    }
    return NULL;
}

static int cmp_id(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void test_cycles(void) {
    static cycles_t w[CYCLE_THREADS];
    pthread_t t[CYCLE_THREADS];
    for (int i = 0; i < CYCLE_THREADS; i++) t[i] = start_thread(cycles, &w[i]);
    for (int i = 0; i < CYCLE_THREADS; i++) pthread_join(t[i], NULL);
    int64_t all[CYCLE_THREADS * CYCLES];
    for (int i = 0; i < CYCLE_THREADS; i++) {
        add_counts(&w[i].c);
        memcpy(&all[i * CYCLES], w[i].ids, sizeof w[i].ids);
    }
    qsort(all, CYCLE_THREADS * CYCLES, sizeof all[0], cmp_id);
    int unique = all[0] > 0;
    for (int i = 1; i < CYCLE_THREADS * CYCLES; i++) unique &= all[i] != all[i - 1];
    CHECK(unique);
}

/* ---- PyGILState from foreign threads ---------------------------------------------------- */

static void *gilstate_rounds(void *p) {
    counts_t *c = p;
    for (int i = 0; i < GS_ROUNDS; i++) {
        PyGILState_STATE g1 = PyGILState_Ensure();
        VCHECK(c, g1 == PyGILState_UNLOCKED);
        PyThreadState *ts = PyThreadState_Get();
        VCHECK(c, ts->interp == PyInterpreterState_Main());
        PyGILState_STATE g2 = PyGILState_Ensure();
        VCHECK(c, g2 == PyGILState_LOCKED);
        PyGILState_STATE g3 = PyGILState_Ensure();
        VCHECK(c, g3 == PyGILState_LOCKED);
        PyGILState_Release(g3);
        PyGILState_Release(g2);
        VCHECK(c, PyThreadState_Get() == ts);
        PyGILState_Release(g1);
        VCHECK(c, PyThreadState_GetUnchecked() == NULL);
        VCHECK(c, PyGILState_GetThisThreadState() == NULL);
    }
    return NULL;
}

static void test_gilstate(void) {
    counts_t c[GS_THREADS];
    memset(c, 0, sizeof c);
    pthread_t t[GS_THREADS];
    for (int i = 0; i < GS_THREADS; i++) t[i] = start_thread(gilstate_rounds, &c[i]);
    for (int i = 0; i < GS_THREADS; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < GS_THREADS; i++) add_counts(&c[i]);
}

/* ---- GIL hand-over at Py_MakePendingCalls ------------------------------------------------ */

/* Wants the GIL the main thread holds: attaches once, lets go, ends. */
static void *attach_once(void *p) {
    PyThreadState *ts = p;
    PyEval_RestoreThread(ts);
    PyEval_SaveThread();
    return NULL;
}

static void test_handover(void) {
    PyThreadState *a = new_isolated();                  /* held by this thread from now */
    CHECK(a != NULL);
    if (!a) return;
    CHECK_INT(Subinterp_SetSwitchInterval(a->interp, 1000), SUBINTERP_OK);
    PyThreadState *a2 = PyThreadState_New(a->interp);
    for (int i = 0; i < HANDOVERS; i++) {
        uint64_t before = switches_of(a->interp);
        pthread_t t = start_thread(attach_once, a2);
        /* We never let go except inside Py_MakePendingCalls: the other thread can only get
         * in there. Loop until it did (it took the GIL, and we took it back). */
        double end = now_s() + T_WAIT;
        int rc_ok = 1;
        while (switches_of(a->interp) < before + 2 && now_s() < end) rc_ok &= Py_MakePendingCalls() == 0;
        CHECK(rc_ok);
        CHECK(switches_of(a->interp) >= before + 2);
        pthread_join(t, NULL);
        CHECK(PyThreadState_GetUnchecked() == a);
    }
    PyThreadState_Clear(a2);
    PyThreadState_Delete(a2);
    Py_EndInterpreter(a);
    PyThreadState_Swap(main_ts);
}

/* ---- pending calls from a foreign thread --------------------------------------------- */

static int pending_ran;              /* only the main thread runs these calls */

static int count_call(void *arg) {
    (void)arg;
    pending_ran++;
    return 0;
}

typedef struct { counts_t c; PyInterpreterState *sub; } adder_t;

static void *add_pending(void *p) {
    adder_t *a = p;
    VCHECK(&a->c, Py_AddPendingCall(count_call, NULL) == 0);
    VCHECK(&a->c, Subinterp_AddPendingCall(a->sub, count_call, NULL) == SUBINTERP_OK);
    return NULL;
}

static void test_pending(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyThreadState_Swap(main_ts);
    adder_t a = { { 0, 0 }, sub->interp };
    pthread_t t = start_thread(add_pending, &a);
    pthread_join(t, NULL);
    add_counts(&a.c);
    CHECK_INT(Py_MakePendingCalls(), 0);                 /* main's */
    CHECK_INT(pending_ran, 1);
    PyThreadState_Swap(sub);
    Py_EndInterpreter(sub);                              /* the sub's, at its end */
    CHECK_INT(pending_ran, 2);
    PyThreadState_Swap(main_ts);
}

/* ---- PEP 788 ------------------------------------------------------------------------ */

typedef struct { counts_t c; PyInterpreterView *view; } pep_t;

static void *pep788_round(void *p) {
    pep_t *x = p;
    PyInterpreterGuard *g = PyInterpreterGuard_FromView(x->view);
    VCHECK(&x->c, g != NULL);
    if (!g) return NULL;
    PyInterpreterState *interp = PyInterpreterGuard_GetInterpreter(g);
    PyThreadStateToken *t1 = PyThreadState_Ensure(g);
    VCHECK(&x->c, t1 != NULL);
    if (t1) {
        VCHECK(&x->c, PyThreadState_Get()->interp == interp);
        PyThreadStateToken *t2 = PyThreadState_EnsureFromView(x->view);
        VCHECK(&x->c, t2 != NULL);
        if (t2) PyThreadState_Release(t2);
        PyThreadState_Release(t1);
    }
    VCHECK(&x->c, PyThreadState_GetUnchecked() == NULL);
    PyInterpreterGuard_Close(g);
    return NULL;
}

static void test_pep788(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterView *view = PyInterpreterView_FromCurrent();
    PyThreadState_Swap(main_ts);
    pep_t x1 = { { 0, 0 }, view }, x2 = { { 0, 0 }, view };
    pthread_t t1 = start_thread(pep788_round, &x1), t2 = start_thread(pep788_round, &x2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    add_counts(&x1.c);
    add_counts(&x2.c);
    PyThreadState_Swap(sub);
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
    CHECK(PyThreadState_EnsureFromView(view) == NULL);   /* ended: refused, no hang */
    PyInterpreterView_Close(view);
}

int main(void) {
    alarm(600);
    Py_Initialize();
    main_ts = PyThreadState_Get();

    PyEval_SaveThread();
    test_cycles();
    test_gilstate();
    PyEval_RestoreThread(main_ts);
    test_handover();
    test_pending();
    test_pep788();

    /* One subinterpreter left alive: Py_FinalizeEx ends it. */
    PyThreadState *left = new_isolated();
    CHECK(left != NULL);
    PyThreadState_Swap(main_ts);
    CHECK_INT(Py_FinalizeEx(), 0);

    SubinterpStats s;
    CHECK_INT(Subinterp_GetStats(&s), SUBINTERP_OK);
    CHECK_INT(s.live_interpreters, 0);
    CHECK_INT(s.live_thread_states, 0);
    return TEST_DONE();
}
