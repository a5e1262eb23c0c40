/*
 * sub_pending.c: Subinterp_AddPendingCall (ours only): pending calls for any interpreter,
 * run by Py_MakePendingCalls on any thread of a subinterpreter (main: its main thread only),
 * at Py_EndInterpreter and at Py_FinalizeEx if still queued; capacity (32 main, 300 others)
 * and error codes; FIFO, failure semantics and no re-entrancy, across threads.
 */
#include "conc_util.h"

#define T_WAIT 10.0

static PyThreadState *main_ts;

/* Each call records (value, interpreter, thread state, thread). Calls may run on any thread,
 * so the log is appended under a mutex. */
typedef struct { int value; PyInterpreterState *interp; PyThreadState *ts; pthread_t thread; } entry_t;
static entry_t log_[1024];
static int nlog;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

static void log_reset(void) {
    pthread_mutex_lock(&log_mu);
    nlog = 0;
    pthread_mutex_unlock(&log_mu);
}

static int log_count(void) {
    pthread_mutex_lock(&log_mu);
    int n = nlog;
    pthread_mutex_unlock(&log_mu);
    return n;
}

static int record(void *arg) {
    PyThreadState *ts = PyThreadState_GetUnchecked();
    pthread_mutex_lock(&log_mu);
    if (nlog < (int)Py_ARRAY_LENGTH(log_)) {
        entry_t e = { (int)(intptr_t)arg, ts ? ts->interp : NULL, ts, pthread_self() };
        log_[nlog++] = e;
    }
    pthread_mutex_unlock(&log_mu);
    return 0;
}

static int fail(void *arg) {
    record(arg);
    return -1;
}

/* The log holds exactly values first..first+n-1, in order, all run in `interp`. */
static int log_is_range(int first, int n, PyInterpreterState *interp) {
    pthread_mutex_lock(&log_mu);
    int ok = nlog == n;
    for (int i = 0; ok && i < n; i++) ok = log_[i].value == first + i && log_[i].interp == interp;
    pthread_mutex_unlock(&log_mu);
    return ok;
}

#define ADD(interp, v) Subinterp_AddPendingCall((interp), record, (void *)(intptr_t)(v))

/* ---- error codes and messages ---------------------------------------------------------- */

static void test_errors(void) {
    PyInterpreterState *m = PyInterpreterState_Main();
    CHECK_INT(Subinterp_AddPendingCall(NULL, record, NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    CHECK_INT(Subinterp_AddPendingCall(m, NULL, NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    int not_an_interp = 0;
    CHECK_INT(Subinterp_AddPendingCall((PyInterpreterState *)&not_an_interp, record, NULL),
              SUBINTERP_ERR_INVALID_INTERPRETER);

    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterState *si = sub->interp;
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
    CHECK_INT(Subinterp_AddPendingCall(si, record, NULL), SUBINTERP_ERR_INVALID_INTERPRETER);

    static const int codes[] = {
        SUBINTERP_OK, SUBINTERP_ERR_NULL_ARGUMENT, SUBINTERP_ERR_INVALID_INTERPRETER,
        SUBINTERP_ERR_QUEUE_FULL,
    };
    for (size_t i = 0; i < Py_ARRAY_LENGTH(codes); i++) {
        const char *msg = Subinterp_ErrorMessage(codes[i]);
        CHECK(msg != NULL && msg[0] != '\0');
        for (size_t j = 0; j < i; j++) CHECK(strcmp(msg, Subinterp_ErrorMessage(codes[j])) != 0);
        CHECK(strcmp(msg, Subinterp_ErrorMessage(12345)) != 0);
    }
    CHECK(Subinterp_ErrorMessage(12345) != NULL);
}

/* ---- capacity -------------------------------------------------------------------------- */

static void test_capacity(void) {
    PyInterpreterState *m = PyInterpreterState_Main();
    log_reset();
    int n = 0;
    while (n < 1000 && ADD(m, n) == SUBINTERP_OK) n++;
    CHECK_INT(n, 32);                                   /* main: CPython 3.13's 32 */
    CHECK_INT(ADD(m, 999), SUBINTERP_ERR_QUEUE_FULL);
    CHECK_INT(Py_AddPendingCall(record, NULL), -1);      /* the same queue */
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK(log_is_range(0, 32, m));

    /* Py_AddPendingCall and Subinterp_AddPendingCall(main) share it, in order. */
    log_reset();
    for (int i = 0; i < 32; i++) {
        if (i % 2) CHECK_INT(ADD(m, i), SUBINTERP_OK);
        else CHECK_INT(Py_AddPendingCall(record, (void *)(intptr_t)i), 0);
    }
    CHECK_INT(ADD(m, 99), SUBINTERP_ERR_QUEUE_FULL);
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK(log_is_range(0, 32, m));

    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterState *si = sub->interp;
    log_reset();
    n = 0;
    while (n < 1000 && ADD(si, n) == SUBINTERP_OK) n++;
    CHECK_INT(n, 300);                                  /* others: CPython 3.13's 300 */
    CHECK_INT(ADD(si, 999), SUBINTERP_ERR_QUEUE_FULL);
    CHECK_INT(ADD(m, 5), SUBINTERP_OK);                  /* separate queues */
    CHECK_INT(Py_MakePendingCalls(), 0);                 /* runs the sub's (attached here) */
    CHECK(log_is_range(0, 300, si));
    CHECK_INT(ADD(si, 0), SUBINTERP_OK);                 /* room again */
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK(PyThreadState_Swap(main_ts) == sub);
    log_reset();
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK(log_is_range(5, 1, m));
    CHECK(PyThreadState_Swap(sub) == main_ts);
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
}

/* ---- who runs them ---------------------------------------------------------------------- */

typedef struct { PyThreadState *ts; int rc; int ran_before; } runner_t;

/* Attaches `ts` (a thread state of a subinterpreter) on this new thread and makes the
 * pending calls there. */
static void *run_on_thread(void *p) {
    runner_t *r = p;
    PyEval_RestoreThread(r->ts);
    r->ran_before = log_count();
    r->rc = Py_MakePendingCalls();
    PyEval_SaveThread();
    return NULL;
}

static void test_any_thread_of_sub(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterState *si = sub->interp;
    PyThreadState *other = PyThreadState_New(si);
    CHECK(PyThreadState_Swap(main_ts) == sub);

    log_reset();
    for (int i = 1; i <= 5; i++) CHECK_INT(ADD(si, i), SUBINTERP_OK);
    CHECK_INT(Py_MakePendingCalls(), 0);                 /* main's: not the sub's */
    CHECK_INT(log_count(), 0);
    /* The sub's thread states are told there is work. */
    CHECK(__atomic_load_n(&sub->eval_breaker, __ATOMIC_SEQ_CST) & _PY_CALLS_TO_DO_BIT);
    CHECK(__atomic_load_n(&other->eval_breaker, __ATOMIC_SEQ_CST) & _PY_CALLS_TO_DO_BIT);

    runner_t r = { other, -1, -1 };
    pthread_t t = start_thread(run_on_thread, &r);     /* a thread that is not main's */
    pthread_join(t, NULL);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.ran_before, 0);
    CHECK(log_is_range(1, 5, si));
    int right = 1;
    for (int i = 0; i < log_count(); i++)
        right &= log_[i].ts == other && pthread_equal(log_[i].thread, t);
    CHECK(right);                                       /* ran there, with its thread state */
    CHECK(!(__atomic_load_n(&other->eval_breaker, __ATOMIC_SEQ_CST) & _PY_CALLS_TO_DO_BIT));

    /* And on the sub's first thread state, on the main thread. */
    log_reset();
    CHECK_INT(ADD(si, 10), SUBINTERP_OK);
    CHECK(PyThreadState_Swap(sub) == main_ts);
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK(log_is_range(10, 1, si));
    CHECK(log_[0].ts == sub);
    CHECK(PyThreadState_Swap(main_ts) == sub);

    /* Failing call: -1, the later ones stay queued. */
    log_reset();
    CHECK_INT(ADD(si, 1), SUBINTERP_OK);
    CHECK_INT(Subinterp_AddPendingCall(si, fail, (void *)2), SUBINTERP_OK);
    CHECK_INT(ADD(si, 3), SUBINTERP_OK);
    runner_t r2 = { other, -1, -1 };
    t = start_thread(run_on_thread, &r2);
    pthread_join(t, NULL);
    CHECK_INT(r2.rc, -1);
    CHECK(log_is_range(1, 2, si));
    runner_t r3 = { other, -1, -1 };
    t = start_thread(run_on_thread, &r3);
    pthread_join(t, NULL);
    CHECK_INT(r3.rc, 0);
    CHECK(log_is_range(1, 3, si));

    PyThreadState_Clear(other);
    PyThreadState_Delete(other);
    CHECK(PyThreadState_Swap(sub) == main_ts);
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
}

/* Main's calls, added through Subinterp_AddPendingCall: only its main thread runs them. */
static void *make_main_from_thread(void *p) {
    int *out = p;
    PyGILState_STATE g = PyGILState_Ensure();
    out[0] = Py_MakePendingCalls();
    out[1] = log_count();
    PyGILState_Release(g);
    return NULL;
}

static void test_main_only_on_main_thread(void) {
    PyInterpreterState *m = PyInterpreterState_Main();
    log_reset();
    CHECK_INT(ADD(m, 1), SUBINTERP_OK);
    int out[2] = { -1, -1 };
    PyEval_SaveThread();
    pthread_t t = start_thread(make_main_from_thread, out);
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
    CHECK_INT(out[0], 0);
    CHECK_INT(out[1], 0);
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK(log_is_range(1, 1, m));
    CHECK(log_[0].ts == main_ts);
}

/* ---- added from a thread Python never saw while a sub thread keeps polling -------------- */

typedef struct { PyThreadState *ts; int stop; int rc_ok; long polls; } poller_t;

static void *poll_pending(void *p) {
    poller_t *x = p;
    PyEval_RestoreThread(x->ts);
    x->rc_ok = 1;
    double end = now_s() + T_WAIT;
    while (!aload(&x->stop) && now_s() < end) {
        x->rc_ok &= Py_MakePendingCalls() == 0;
        x->polls++;
        Py_BEGIN_ALLOW_THREADS
        usleep(100);
        Py_END_ALLOW_THREADS
    }
    PyEval_SaveThread();
    return NULL;
}

static int stop_poller(void *arg) {
    record(arg);
    poller_t *x = arg;
    astore(&x->stop, 1);
    return 0;
}

typedef struct { PyInterpreterState *interp; poller_t *poller; int rc; } adder_t;

static void *add_stopper(void *p) {
    adder_t *a = p;
    TCHECK(PyThreadState_GetUnchecked() == NULL);
    a->rc = Subinterp_AddPendingCall(a->interp, stop_poller, a->poller);
    return NULL;
}

static void test_added_from_foreign_thread(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    CHECK(PyThreadState_Swap(main_ts) == sub);
    log_reset();
    poller_t px = { sub, 0, 0, 0 };
    pthread_t tp = start_thread(poll_pending, &px);
    adder_t a = { sub->interp, &px, -1 };
    pthread_t ta = start_thread(add_stopper, &a);
    pthread_join(ta, NULL);
    pthread_join(tp, NULL);
    CHECK_INT(a.rc, SUBINTERP_OK);
    CHECK_INT(aload(&px.stop), 1);                      /* the poller ran it */
    CHECK(px.rc_ok);
    CHECK_INT(log_count(), 1);
    CHECK(log_[0].ts == sub && pthread_equal(log_[0].thread, tp));
    CHECK(PyThreadState_Swap(sub) == main_ts);
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
}

/* ---- never re-entrant, across threads ------------------------------------------------- */

typedef struct {
    PyThreadState *ts2;
    flag_t in_a, t2_done;
    int t2_rc, t2_saw;
} reent_t;

static reent_t re;

/* Call A: lets go of the GIL while "running", so another thread of the sub can try. */
static int call_a(void *arg) {
    record(arg);
    flag_set(&re.in_a, 1);
    Py_BEGIN_ALLOW_THREADS
    TCHECK(flag_wait(&re.t2_done, 1, T_WAIT));
    Py_END_ALLOW_THREADS
    return 0;
}

static void *second_thread(void *p) {
    (void)p;
    TCHECK(flag_wait(&re.in_a, 1, T_WAIT));
    PyEval_RestoreThread(re.ts2);
    re.t2_rc = Py_MakePendingCalls();      /* A is running elsewhere: must not run B here */
    re.t2_saw = log_count();
    PyEval_SaveThread();
    flag_set(&re.t2_done, 1);
    return NULL;
}

static void test_not_reentrant_across_threads(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterState *si = sub->interp;
    flag_t f0 = FLAG_INIT;
    re.in_a = f0;
    re.t2_done = f0;
    re.ts2 = PyThreadState_New(si);
    re.t2_rc = -1;
    re.t2_saw = -1;
    log_reset();
    CHECK_INT(Subinterp_AddPendingCall(si, call_a, (void *)1), SUBINTERP_OK);
    CHECK_INT(ADD(si, 2), SUBINTERP_OK);
    pthread_t t = start_thread(second_thread, NULL);
    CHECK_INT(Py_MakePendingCalls(), 0);                /* runs A (which waits for t), then B */
    pthread_join(t, NULL);
    CHECK_INT(re.t2_rc, 0);
    CHECK_INT(re.t2_saw, 1);                            /* only A had run */
    CHECK(log_is_range(1, 2, si));
    CHECK(log_[1].ts == sub);                           /* B ran on our thread, after A */
    PyThreadState_Clear(re.ts2);
    PyThreadState_Delete(re.ts2);
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
}

/* ---- still queued when the interpreter ends ------------------------------------------- */

static void test_run_at_end(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterState *si = sub->interp;
    CHECK(PyThreadState_Swap(main_ts) == sub);
    log_reset();
    PyEval_SaveThread();
    for (int i = 1; i <= 3; i++) CHECK_INT(ADD(si, i), SUBINTERP_OK);   /* no thread state */
    PyEval_RestoreThread(main_ts);
    CHECK(PyThreadState_Swap(sub) == main_ts);
    Py_EndInterpreter(sub);
    CHECK(log_is_range(1, 3, si));
    CHECK(log_[0].ts == sub);                           /* with its thread state attached */
    PyThreadState_Swap(main_ts);

    /* Subinterp_EndInterpreter too. */
    sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    si = sub->interp;
    log_reset();
    CHECK_INT(ADD(si, 7), SUBINTERP_OK);
    CHECK_INT(Subinterp_EndInterpreter(sub), SUBINTERP_OK);
    CHECK(log_is_range(7, 1, si));
    PyThreadState_Swap(main_ts);
}

int main(void) {
    watchdog(120);
    Py_Initialize();
    main_ts = PyThreadState_Get();

    test_errors();
    test_capacity();
    test_any_thread_of_sub();
    test_main_only_on_main_thread();
    test_added_from_foreign_thread();
    test_not_reentrant_across_threads();
    test_run_at_end();

    /* A subinterpreter left alive: its queued calls run at Py_FinalizeEx, in it. */
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    PyInterpreterState *si = sub ? sub->interp : NULL;
    PyThreadState_Swap(main_ts);
    log_reset();
    if (sub) {
        CHECK_INT(ADD(si, 1), SUBINTERP_OK);
        CHECK_INT(ADD(si, 2), SUBINTERP_OK);
    }
    CHECK_INT(ADD(PyInterpreterState_Main(), 3), SUBINTERP_OK);
    CHECK_INT(Py_FinalizeEx(), 0);
    pthread_mutex_lock(&log_mu);
    CHECK_INT(nlog, 3);
    /* Each interpreter's in order, each run in its own interpreter (the order between
     * interpreters is test_pending.c's business). */
    int sub_next = 1, main_ran = 0, right = 1;
    for (int i = 0; i < nlog; i++) {
        if (log_[i].value == 3) { main_ran = 1; right &= log_[i].interp != si; }
        else { right &= log_[i].value == sub_next++ && log_[i].interp == si; }
    }
    CHECK(right && main_ran && sub_next == 3);
    pthread_mutex_unlock(&log_mu);
    CHECK_INT(Subinterp_AddPendingCall(si, record, NULL), SUBINTERP_ERR_INVALID_INTERPRETER);
    return TEST_DONE();
}
