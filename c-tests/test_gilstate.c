/*
 * test_gilstate.c: PyGILState_* from threads Python never saw, from the main thread
 * attached and detached, concurrently, and PyGILState_Check. CPython 3.13 behaves the same,
 * except where marked SUBINTERP:
 * - PyGILState_Check: CPython returns 1 unconditionally once any subinterpreter was created
 *   (RESULTS.md §4); ours stays exact, so the "0 while detached" checks after a subinterpreter
 *   exists are ours only.
 * - A thread that exits while attached: CPython keeps its GIL held for ever (the next
 *   thread to attach deadlocks); ours detaches it at thread exit.
 * - Subinterp_GetStats: ours only; used to prove no thread state leaks.
 */
#include "conc_util.h"

#define T_WAIT 10.0
#define ROUNDS 1000
#define CONC_THREADS 4
#define CONC_ROUNDS 250

static PyThreadState *main_ts;
static PyInterpreterState *main_interp;

#ifdef SUBINTERP
static SubinterpStats stats(void) {
    SubinterpStats s;
    memset(&s, 0, sizeof s);
    CHECK_INT(Subinterp_GetStats(&s), SUBINTERP_OK);
    return s;
}
#endif

/* One top-level Ensure/Release cycle nested 3 deep on a thread with no thread state.
 * `check_exact` adds PyGILState_Check()==0 before: true where CPython agrees (no
 * subinterpreter was created yet) and always on ours. Returns the thread state's ID. */
static uint64_t nested_round(int check_exact) {
    TCHECK(PyThreadState_GetUnchecked() == NULL);
    TCHECK(PyGILState_GetThisThreadState() == NULL);
    if (check_exact) TCHECK_INT(PyGILState_Check(), 0);

    PyGILState_STATE g1 = PyGILState_Ensure();
    TCHECK_INT(g1, PyGILState_UNLOCKED);
    PyThreadState *ts = PyThreadState_Get();
    TCHECK(ts->interp == main_interp);                  /* always the main interpreter */
    TCHECK(PyThreadState_GetInterpreter(ts) == main_interp);
    TCHECK(PyGILState_GetThisThreadState() == ts);
    TCHECK(ts != main_ts);
    TCHECK_INT(PyGILState_Check(), 1);
    uint64_t id = PyThreadState_GetID(ts);

    PyGILState_STATE g2 = PyGILState_Ensure();
    TCHECK_INT(g2, PyGILState_LOCKED);
    TCHECK(PyThreadState_Get() == ts);
    PyGILState_STATE g3 = PyGILState_Ensure();
    TCHECK_INT(g3, PyGILState_LOCKED);
    TCHECK(PyThreadState_Get() == ts);
    PyGILState_Release(g3);
    TCHECK(PyThreadState_Get() == ts);
    PyGILState_Release(g2);
    TCHECK(PyThreadState_Get() == ts);
    TCHECK(PyGILState_GetThisThreadState() == ts);
    PyGILState_Release(g1);                             /* deletes the auto thread state */

    TCHECK(PyThreadState_GetUnchecked() == NULL);
    TCHECK(PyGILState_GetThisThreadState() == NULL);
    if (check_exact) TCHECK_INT(PyGILState_Check(), 0);
    return id;
}

typedef struct { int rounds; int check_exact; } rounds_t;

static void *rounds_thread(void *p) {
    rounds_t *r = p;
    uint64_t last = 0;
    for (int i = 0; i < r->rounds; i++) {
        uint64_t id = nested_round(r->check_exact);
        TCHECK(id != last);          /* each top-level Ensure makes a new thread state */
        last = id;
    }
    return NULL;
}

/* ---- PyGILState_Check before any subinterpreter ---------------------------------------- */

static void *check_on_fresh_thread(void *p) {
    int *out = p;
    out[0] = PyGILState_Check();
    PyGILState_STATE g = PyGILState_Ensure();
    out[1] = PyGILState_Check();
    PyGILState_Release(g);
    out[2] = PyGILState_Check();
    return NULL;
}

static void test_check_before_subinterpreters(void) {
    CHECK_INT(PyGILState_Check(), 1);                   /* main attached */
    PyEval_SaveThread();
    CHECK_INT(PyGILState_Check(), 0);                   /* main detached */
    int r[3] = { -1, -1, -1 };
    pthread_t t = start_thread(check_on_fresh_thread, r);
    pthread_join(t, NULL);
    CHECK_INT(r[0], 0);
    CHECK_INT(r[1], 1);
    CHECK_INT(r[2], 0);
    PyEval_RestoreThread(main_ts);
}

/* ---- the main thread ------------------------------------------------------------------- */

static void test_main_thread_attached(void) {
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    PyGILState_STATE g1 = PyGILState_Ensure();
    CHECK_INT(g1, PyGILState_LOCKED);
    CHECK(PyThreadState_Get() == main_ts);
    PyGILState_STATE g2 = PyGILState_Ensure();
    CHECK_INT(g2, PyGILState_LOCKED);
    PyGILState_Release(g2);
    CHECK(PyThreadState_Get() == main_ts);
    PyGILState_Release(g1);
    CHECK(PyThreadState_Get() == main_ts);              /* still attached, not deleted */
    CHECK(PyGILState_GetThisThreadState() == main_ts);
}

static void test_main_thread_detached(void) {
    PyEval_SaveThread();
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyGILState_GetThisThreadState() == main_ts);  /* still bound to this thread */
    PyGILState_STATE g1 = PyGILState_Ensure();
    CHECK_INT(g1, PyGILState_UNLOCKED);
    CHECK(PyThreadState_Get() == main_ts);              /* re-attaches main's, no new one */
    PyGILState_STATE g2 = PyGILState_Ensure();
    CHECK_INT(g2, PyGILState_LOCKED);
    PyGILState_Release(g2);
    CHECK(PyThreadState_Get() == main_ts);
    PyGILState_Release(g1);
    CHECK(PyThreadState_GetUnchecked() == NULL);        /* detached again... */
    CHECK(PyGILState_GetThisThreadState() == main_ts);  /* ...but main_ts still exists */
    PyEval_RestoreThread(main_ts);
    CHECK(PyThreadState_Get() == main_ts);
}

/* ---- 1000 rounds of fresh threads -------------------------------------------------------- */

static void test_many_fresh_threads(int check_exact) {
#ifdef SUBINTERP
    SubinterpStats before = stats();
#endif
    PyEval_SaveThread();
    for (int i = 0; i < ROUNDS; i++) {
        rounds_t r = { 1, check_exact };
        pthread_t t = start_thread(rounds_thread, &r);
        pthread_join(t, NULL);
    }
    /* And a few threads doing several top-level rounds each. */
    for (int i = 0; i < 10; i++) {
        rounds_t r = { 20, check_exact };
        pthread_t t = start_thread(rounds_thread, &r);
        pthread_join(t, NULL);
    }
    PyEval_RestoreThread(main_ts);
#ifdef SUBINTERP
    SubinterpStats after = stats();
    CHECK_INT(after.live_thread_states, before.live_thread_states);   /* none leaked */
    CHECK_INT(after.live_interpreters, before.live_interpreters);
    CHECK(after.thread_states_created >= before.thread_states_created + ROUNDS + 200);
#endif
}

/* ---- concurrent foreign threads, with a subinterpreter around --------------------------- */

static void test_concurrent_foreign_threads(void) {
    /* An own-GIL subinterpreter exists: Ensure still binds to the main interpreter. */
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    CHECK(PyThreadState_Swap(main_ts) == sub);
#ifdef SUBINTERP
    SubinterpStats before = stats();
    int exact = 1;              /* ours stays exact with subinterpreters around */
#else
    int exact = 0;              /* CPython: 1 unconditionally from now on */
#endif
    PyEval_SaveThread();
    pthread_t t[CONC_THREADS];
    rounds_t r = { CONC_ROUNDS, exact };
    for (int i = 0; i < CONC_THREADS; i++) t[i] = start_thread(rounds_thread, &r);
    for (int i = 0; i < CONC_THREADS; i++) pthread_join(t[i], NULL);
    PyEval_RestoreThread(main_ts);
#ifdef SUBINTERP
    SubinterpStats after = stats();
    CHECK_INT(after.live_thread_states, before.live_thread_states);
    CHECK(after.thread_states_created >= before.thread_states_created + CONC_THREADS * CONC_ROUNDS);
#endif
    CHECK(PyThreadState_Swap(sub) == main_ts);
    Py_EndInterpreter(sub);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

/* ---- with subinterpreters: binding, Check ------------------------------------------------ */

static void test_binding_follows_swaps(void) {
    PyThreadState *sub = new_isolated();                /* main_ts detached, sub attached */
    CHECK(sub != NULL);
    if (!sub) return;
    CHECK(PyGILState_GetThisThreadState() == sub);
    /* Ensure with a subinterpreter's thread state attached uses it. */
    PyGILState_STATE g = PyGILState_Ensure();
    CHECK_INT(g, PyGILState_LOCKED);
    CHECK(PyThreadState_Get() == sub);
    PyGILState_Release(g);
    CHECK(PyThreadState_Get() == sub);
    CHECK_INT(PyGILState_Check(), 1);
    CHECK(PyThreadState_Swap(main_ts) == sub);
    CHECK(PyGILState_GetThisThreadState() == main_ts);
    CHECK(PyThreadState_Swap(sub) == main_ts);
    CHECK(PyGILState_GetThisThreadState() == sub);
    Py_EndInterpreter(sub);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
    CHECK_INT(PyGILState_Check(), 1);
#ifdef SUBINTERP
    /* CPython answers 1 here too (its check is disabled for good once a subinterpreter
     * was created); ours is exact. */
    PyEval_SaveThread();
    CHECK_INT(PyGILState_Check(), 0);
    PyEval_RestoreThread(main_ts);
#endif
}

/* A thread that creates and ends its own subinterpreter, then uses PyGILState: it gets the
 * main interpreter, not the (gone) subinterpreter. */
static void *sub_then_gilstate(void *p) {
    int *ok = p;
    PyThreadState *s = new_isolated();
    TCHECK(s != NULL);
    if (!s) return NULL;
    TCHECK(PyGILState_GetThisThreadState() == s);
    Py_EndInterpreter(s);
    TCHECK(PyThreadState_GetUnchecked() == NULL);
    TCHECK(PyGILState_GetThisThreadState() == NULL);
    PyGILState_STATE g = PyGILState_Ensure();
    TCHECK_INT(g, PyGILState_UNLOCKED);
    TCHECK(PyThreadState_Get()->interp == main_interp);
    PyGILState_Release(g);
    TCHECK(PyThreadState_GetUnchecked() == NULL);
    *ok = 1;
    return NULL;
}

static void test_after_own_subinterpreter(void) {
    int ok = 0;
    PyEval_SaveThread();
    pthread_t t = start_thread(sub_then_gilstate, &ok);
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
    CHECK(ok);
}

/* ---- a thread that exits while attached (ours only) ---------------------------------- */

#ifdef SUBINTERP
static void *exit_attached_main(void *p) {
    (void)p;
    PyGILState_STATE g = PyGILState_Ensure();
    TCHECK_INT(g, PyGILState_UNLOCKED);
    return NULL;                 /* no Release: the thread ends holding the main GIL */
}

static void *exit_attached_ts(void *p) {
    PyThreadState *ts = PyThreadState_New((PyInterpreterState *)p);
    PyEval_RestoreThread(ts);
    return ts;                   /* ends attached to a thread state of its own */
}

static void test_thread_exit_while_attached(void) {
    /* CPython: the GIL stays held and the next attach deadlocks. Ours releases it. */
    PyEval_SaveThread();
    pthread_t t = start_thread(exit_attached_main, NULL);
    pthread_join(t, NULL);
    int locked = -1;
    CHECK_INT(Subinterp_GetGilState(main_interp, &locked, NULL), SUBINTERP_OK);
    CHECK_INT(locked, 0);        /* pthread_join returned: the thread's TLS destructors ran */
    if (locked != 0) exit(TEST_DONE());                 /* attaching would hang for ever */
    PyEval_RestoreThread(main_ts);                      /* does not hang */
    CHECK(PyThreadState_Get() == main_ts);

    /* The same on an own-GIL subinterpreter's thread state. */
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterState *si = sub->interp;
    CHECK(PyThreadState_Swap(main_ts) == sub);
    void *left = NULL;
    t = start_thread(exit_attached_ts, si);
    pthread_join(t, &left);
    CHECK(left != NULL);
    CHECK_INT(Subinterp_GetGilState(si, &locked, NULL), SUBINTERP_OK);
    CHECK_INT(locked, 0);
    if (locked != 0) exit(TEST_DONE());
    CHECK(PyThreadState_Swap(sub) == main_ts);          /* does not hang */
    /* The thread state it left behind is detached: it can be deleted, and the
     * subinterpreter ended. */
    PyThreadState_Clear((PyThreadState *)left);
    PyThreadState_Delete((PyThreadState *)left);
    Py_EndInterpreter(sub);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}
#endif

int main(void) {
    watchdog(120);
    Py_Initialize();
    main_ts = PyThreadState_Get();
    main_interp = PyInterpreterState_Main();
    CHECK(main_ts->interp == main_interp);

    /* No subinterpreter exists yet: PyGILState_Check is exact on CPython too. */
    test_check_before_subinterpreters();
    test_main_thread_attached();
    test_main_thread_detached();
    test_many_fresh_threads(1);

    test_concurrent_foreign_threads();
    test_binding_follows_swaps();
    test_after_own_subinterpreter();
#ifdef SUBINTERP
    test_many_fresh_threads(1);          /* exact Check on ours, subinterpreters or not */
    test_thread_exit_while_attached();
#endif
    test_main_thread_attached();
    test_main_thread_detached();

    CHECK_INT(Py_FinalizeEx(), 0);
#ifdef SUBINTERP
    SubinterpStats s = stats();
    CHECK_INT(s.live_interpreters, 0);
    CHECK_INT(s.live_thread_states, 0);   /* the one left by the exited thread too */
#endif
    return TEST_DONE();
}
