/*
 * test_pending.c: Py_AddPendingCall / Py_MakePendingCalls for the main interpreter, as
 * CPython 3.13 behaves (RESULTS.md §5): any thread may add; calls run FIFO, only in the main
 * thread of the main interpreter; capacity 32 (31 on 3.12); a failing call makes
 * Py_MakePendingCalls return -1 and leaves the later calls queued; no re-entrancy; queued
 * calls run at Py_FinalizeEx.
 *
 * SUBINTERP differences:
 * - a failing callback must set an exception on CPython (it returns -1 with it set); our API
 *   cannot set exceptions yet, so ours only returns -1.
 * - Py_AddPendingCall(NULL, ...) is refused with -1 by us; CPython would queue it and crash.
 */
#include "conc_util.h"

#define T_WAIT 10.0

#if PY_VERSION_HEX >= 0x030D0000
#define PENDING_CAPACITY 32
#else
#define PENDING_CAPACITY 31
#endif

static PyThreadState *main_ts;
static pthread_t main_thread;

/* What ran, in order (only ever appended to by the main thread, under the main GIL). */
static int ran[256];
static int nran;
static int ran_on_main_thread = 1;
static int ran_with_main_ts = 1;

static void reset_ran(void) { nran = 0; }

static int record(void *arg) {
    if (nran < (int)Py_ARRAY_LENGTH(ran)) ran[nran++] = (int)(intptr_t)arg;
    ran_on_main_thread &= pthread_equal(pthread_self(), main_thread) != 0;
    ran_with_main_ts &= PyThreadState_GetUnchecked() == main_ts;
    return 0;
}

static int fail(void *arg) {
    record(arg);
#ifndef SUBINTERP
    PyErr_SetString(PyExc_RuntimeError, "pending failed");   /* CPython requires one */
#endif
    return -1;
}

static void clear_error(void) {
#ifndef SUBINTERP
    CHECK(PyErr_Occurred() != NULL);
    PyErr_Clear();
#endif
}

static int ran_is(const int *want, int n) {
    if (nran != n) return 0;
    for (int i = 0; i < n; i++)
        if (ran[i] != want[i]) return 0;
    return 1;
}

static void test_fifo(void) {
    reset_ran();
    for (int i = 1; i <= 5; i++) CHECK_INT(Py_AddPendingCall(record, (void *)(intptr_t)i), 0);
    CHECK_INT(Py_MakePendingCalls(), 0);
    static const int want[] = { 1, 2, 3, 4, 5 };
    CHECK(ran_is(want, 5));
    CHECK_INT(Py_MakePendingCalls(), 0);                 /* empty: nothing more */
    CHECK_INT(nran, 5);
}

static void test_capacity(void) {
    reset_ran();
    int n = 0;
    while (n < 100 && Py_AddPendingCall(record, (void *)(intptr_t)(n + 1)) == 0) n++;
    CHECK_INT(n, PENDING_CAPACITY);
    CHECK_INT(Py_AddPendingCall(record, (void *)1000), -1);   /* still full */
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK_INT(nran, PENDING_CAPACITY);
    int in_order = 1;
    for (int i = 0; i < nran; i++) in_order &= ran[i] == i + 1;
    CHECK(in_order);
    /* Drained: the same number fits again. */
    reset_ran();
    n = 0;
    while (n < 100 && Py_AddPendingCall(record, (void *)(intptr_t)(n + 1)) == 0) n++;
    CHECK_INT(n, PENDING_CAPACITY);
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK_INT(nran, PENDING_CAPACITY);
}

static void test_failing_call(void) {
    reset_ran();
    CHECK_INT(Py_AddPendingCall(record, (void *)1), 0);
    CHECK_INT(Py_AddPendingCall(fail, (void *)2), 0);
    CHECK_INT(Py_AddPendingCall(record, (void *)3), 0);
    CHECK_INT(Py_AddPendingCall(record, (void *)4), 0);
    CHECK_INT(Py_MakePendingCalls(), -1);
    static const int first[] = { 1, 2 };
    CHECK(ran_is(first, 2));                             /* stopped at the failure */
    clear_error();
    CHECK_INT(Py_MakePendingCalls(), 0);                 /* the rest stayed queued */
    static const int all[] = { 1, 2, 3, 4 };
    CHECK(ran_is(all, 4));
}

/* ---- no re-entrancy --------------------------------------------------------------------- */

static int inner_result = -99, inner_saw = -1;

static int reentrant(void *arg) {
    record(arg);
    int before = nran;
    inner_result = Py_MakePendingCalls();   /* must not run the next one from in here */
    inner_saw = nran - before;
    return 0;
}

static void test_not_reentrant(void) {
    reset_ran();
    CHECK_INT(Py_AddPendingCall(reentrant, (void *)1), 0);
    CHECK_INT(Py_AddPendingCall(record, (void *)2), 0);
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK_INT(inner_result, 0);
    CHECK_INT(inner_saw, 0);
    static const int want[] = { 1, 2 };
    CHECK(ran_is(want, 2));
}

/* ---- from threads Python never saw ------------------------------------------------------ */

typedef struct { int base; int n; int rc_ok; } adder_t;

static void *add_from_thread(void *p) {
    adder_t *a = p;
    TCHECK(PyThreadState_GetUnchecked() == NULL);       /* no thread state at all */
    a->rc_ok = 1;
    for (int i = 0; i < a->n; i++)
        a->rc_ok &= Py_AddPendingCall(record, (void *)(intptr_t)(a->base + i)) == 0;
    return NULL;
}

static int flagged_value;
static int set_flag_call(void *arg) {
    record(arg);
    astore(&flagged_value, 1);
    return 0;
}

static void *add_one_flagged(void *p) {
    TCHECK_INT(Py_AddPendingCall(set_flag_call, p), 0);
    return NULL;
}

static void test_foreign_threads(void) {
    /* Added with the main thread detached; run by the main thread afterwards. */
    reset_ran();
    PyEval_SaveThread();
    adder_t a = { 100, 10, 0 };
    pthread_t t = start_thread(add_from_thread, &a);
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
    CHECK(a.rc_ok);
    CHECK_INT(nran, 0);                                 /* nothing runs by itself */
    CHECK_INT(Py_MakePendingCalls(), 0);
    int ok = nran == 10;
    for (int i = 0; i < nran; i++) ok &= ran[i] == 100 + i;
    CHECK(ok);

    /* Two threads at once (8 + 8 fit in 32): every call runs once, each thread's in order. */
    reset_ran();
    PyEval_SaveThread();
    adder_t b1 = { 200, 8, 0 }, b2 = { 300, 8, 0 };
    pthread_t t1 = start_thread(add_from_thread, &b1), t2 = start_thread(add_from_thread, &b2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    PyEval_RestoreThread(main_ts);
    CHECK(b1.rc_ok && b2.rc_ok);
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK_INT(nran, 16);
    int last1 = 199, last2 = 299, order_ok = 1;
    for (int i = 0; i < nran; i++) {
        if (ran[i] >= 300) { order_ok &= ran[i] == last2 + 1; last2 = ran[i]; }
        else { order_ok &= ran[i] == last1 + 1; last1 = ran[i]; }
    }
    CHECK(order_ok && last1 == 207 && last2 == 307);

    /* Added while the main thread keeps making pending calls: it runs them. */
    reset_ran();
    astore(&flagged_value, 0);
    t = start_thread(add_one_flagged, (void *)77);
    double end = now_s() + T_WAIT;
    while (!aload(&flagged_value) && now_s() < end) {
        CHECK_INT(Py_MakePendingCalls(), 0);
        Py_BEGIN_ALLOW_THREADS
        usleep(100);
        Py_END_ALLOW_THREADS
    }
    pthread_join(t, NULL);
    CHECK_INT(aload(&flagged_value), 1);
    CHECK_INT(nran, 1);
}

/* ---- only the main thread of the main interpreter runs them ---------------------------- */

static void *make_from_thread(void *p) {
    int *out = p;
    PyGILState_STATE g = PyGILState_Ensure();            /* attached to main, not main thread */
    out[0] = Py_MakePendingCalls();
    out[1] = nran;                                       /* read under the main GIL */
    PyGILState_Release(g);
    return NULL;
}

static void test_main_thread_only(void) {
    reset_ran();
    CHECK_INT(Py_AddPendingCall(record, (void *)1), 0);
    int out[2] = { -1, -1 };
    PyEval_SaveThread();
    pthread_t t = start_thread(make_from_thread, out);
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
    CHECK_INT(out[0], 0);
    CHECK_INT(out[1], 0);                                /* it ran nothing */
    CHECK_INT(nran, 0);

    /* A subinterpreter on the main thread: adds go to main's queue; it runs nothing. */
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (sub) {
        CHECK_INT(Py_AddPendingCall(record, (void *)2), 0);
        CHECK_INT(Py_MakePendingCalls(), 0);
        CHECK_INT(nran, 0);
        CHECK(PyThreadState_Swap(main_ts) == sub);
    }
    CHECK_INT(Py_MakePendingCalls(), 0);                 /* main thread, main interpreter */
    static const int want[] = { 1, 2 };
    CHECK(ran_is(want, sub ? 2 : 1));
    if (sub) {
        CHECK(PyThreadState_Swap(sub) == main_ts);
        Py_EndInterpreter(sub);
        CHECK(PyThreadState_Swap(main_ts) == NULL);
    }
}

#ifdef SUBINTERP
static void test_ours_only(void) {
    /* CPython would queue NULL and crash when running it. */
    CHECK_INT(Py_AddPendingCall(NULL, NULL), -1);
    /* No thread state: -1 (CPython crashes). */
    PyEval_SaveThread();
    CHECK_INT(Py_MakePendingCalls(), -1);
    PyEval_RestoreThread(main_ts);
    CHECK_INT(Py_MakePendingCalls(), 0);
}
#endif

/* ---- at finalization ------------------------------------------------------------------- */

static int fin_ran[8], fin_n, fin_pending_seq, sub_atexit_seq;
static int fin_record(void *arg) {
    if (fin_n < 8) fin_ran[fin_n++] = (int)(intptr_t)arg;
    fin_pending_seq = seq_next();
    return 0;
}

static void sub_atexit(void *arg) {
    (void)arg;
    sub_atexit_seq = seq_next();
}

int main(void) {
    watchdog(120);
    main_thread = pthread_self();
    Py_Initialize();
    main_ts = PyThreadState_Get();

    test_fifo();
    test_capacity();
    test_failing_call();
    test_not_reentrant();
    test_foreign_threads();
    test_main_thread_only();
#ifdef SUBINTERP
    test_ours_only();
#endif
    CHECK(ran_on_main_thread);
    CHECK(ran_with_main_ts);

    /* Still queued at Py_FinalizeEx: they run there, in order, and (CPython 3.13's
     * order) before a lingering subinterpreter is ended. */
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (sub) {
        CHECK_INT(PyUnstable_AtExit(sub->interp, sub_atexit, NULL), 0);
        CHECK(PyThreadState_Swap(main_ts) == sub);
    }
    CHECK_INT(Py_AddPendingCall(fin_record, (void *)1), 0);
    CHECK_INT(Py_AddPendingCall(fin_record, (void *)2), 0);
    CHECK_INT(Py_FinalizeEx(), 0);
    CHECK_INT(fin_n, 2);
    CHECK(fin_ran[0] == 1 && fin_ran[1] == 2);
    CHECK(fin_pending_seq > 0);
    CHECK(sub_atexit_seq > 0);
    CHECK(fin_pending_seq < sub_atexit_seq);
    /* Runtime gone: nothing can be queued (CPython: undefined, not checked there). */
#ifdef SUBINTERP
    CHECK_INT(Py_AddPendingCall(fin_record, (void *)3), -1);
#endif
    return TEST_DONE();
}
