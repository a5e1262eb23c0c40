/*
 * sub_pep788.c: PEP 788 (CPython 3.15): interpreter views and guards, and
 * PyThreadState_Ensure/EnsureFromView/Release, from threads Python never saw, into
 * subinterpreters, across interpreters, after an interpreter ended and during finalization.
 *
 * The finalization scenarios run in child processes (forked before this process touches the
 * runtime), so each ends the runtime on its own and must exit cleanly.
 *
 * Ordering, not timing: "finalization waits for the guard" is proved with sequence numbers
 * (the guard is closed before the atexit functions run and before Py_FinalizeEx returns),
 * and "finalization has started" is observed as "new guards are refused".
 */
#include "conc_util.h"

#define T_WAIT 10.0

static PyThreadState *main_ts;

static SubinterpStats stats(void) {
    SubinterpStats s;
    memset(&s, 0, sizeof s);
    TCHECK_INT(Subinterp_GetStats(&s), SUBINTERP_OK);
    return s;
}

/* Polls until a new guard on `view` is refused (the interpreter started finalizing). */
static int wait_guards_refused(PyInterpreterView *view) {
    double end = now_s() + T_WAIT;
    for (;;) {
        PyInterpreterGuard *g = PyInterpreterGuard_FromView(view);
        if (g == NULL) return 1;
        PyInterpreterGuard_Close(g);
        if (now_s() > end) return 0;
        usleep(200);
    }
}

/* Reports a child's failures: its checks ran in its own memory. */
static void child_exit(void) {
    fprintf(stderr, "child: %d passed, %d failed\n", t_passed, t_failed);
    fflush(NULL);
    exit(t_failed ? 1 : 0);
}

#define CHECK_CHILD(res) do { \
    child_result _r = (res); \
    CHECK(!_r.signaled && _r.code == 0); \
    if (_r.signaled || _r.code != 0) \
        fprintf(stderr, "child (%s %d) said:\n%s\n", _r.signaled ? "signal" : "exit", _r.code, _r.err); \
    else if (strstr(_r.err, " 0 failed") == NULL) \
        fprintf(stderr, "child said:\n%s\n", _r.err); \
} while (0)

/* ==== child 1: EnsureFromView in a loop while Py_FinalizeEx runs ======================= */

static PyInterpreterView *loop_view;
static flag_t loop_started = FLAG_INIT;
static int fin_done, loop_ok, loop_null, loop_null_after;

static void *ensure_loop(void *p) {
    (void)p;
    double end = now_s() + 2 * T_WAIT;
    while (now_s() < end) {
        int after = aload(&fin_done);
        PyThreadStateToken *tok = PyThreadState_EnsureFromView(loop_view);
        if (tok != NULL) {
            TCHECK(!after);                          /* never after finalization */
            PyThreadState *ts = PyThreadState_GetUnchecked();
            TCHECK(ts != NULL);
            PyThreadState_Release(tok);              /* every success is released */
            TCHECK(PyThreadState_GetUnchecked() == NULL);
            if (ainc(&loop_ok) == 1) flag_set(&loop_started, 1);
        } else {
            ainc(&loop_null);
            if (after && ainc(&loop_null_after) >= 5) break;
        }
    }
    return NULL;
}

static void child_attach_during_finalization(void *arg) {
    (void)arg;
    Py_Initialize();
    main_ts = PyThreadState_Get();
    loop_view = PyInterpreterView_FromMain();
    TCHECK(loop_view != NULL);
    PyEval_SaveThread();
    pthread_t t = start_thread(ensure_loop, NULL);
    TCHECK(flag_wait(&loop_started, 1, T_WAIT));
    PyEval_RestoreThread(main_ts);
    TCHECK_INT(Py_FinalizeEx(), 0);                  /* while the thread keeps trying */
    astore(&fin_done, 1);
    pthread_join(t, NULL);
    TCHECK(aload(&loop_ok) >= 1);
    TCHECK(aload(&loop_null_after) >= 5);            /* after: NULL, promptly, every time */
    /* The view outlives the runtime: still safe to use and to close. */
    TCHECK(PyThreadState_EnsureFromView(loop_view) == NULL);
    TCHECK(PyInterpreterGuard_FromView(loop_view) == NULL);
    PyInterpreterView_Close(loop_view);
    TCHECK(PyInterpreterView_FromMain() == NULL);    /* no runtime, no view */
    SubinterpStats s = stats();
    TCHECK_INT(s.live_interpreters, 0);
    TCHECK_INT(s.live_thread_states, 0);
    child_exit();
}

/* ==== child 2: finalization waits for an open guard ====================================== */

static PyInterpreterView *fin_view;
static flag_t have_guard = FLAG_INIT, about_to_finalize = FLAG_INIT;
static int guard_closed_seq, atexit_seq, saw_refusal, atexit_ran_early, ensure_ok;

static void record_atexit(void) { astore(&atexit_seq, seq_next()); }

static void *guard_holder(void *p) {
    (void)p;
    PyInterpreterGuard *g = PyInterpreterGuard_FromView(fin_view);
    TCHECK(g != NULL);
    if (!g) { flag_set(&have_guard, 1); return NULL; }
    PyInterpreterState *interp = PyInterpreterGuard_GetInterpreter(g);
    flag_set(&have_guard, 1);
    TCHECK(flag_wait(&about_to_finalize, 1, T_WAIT));
    /* Finalization has begun once new guards are refused... */
    saw_refusal = wait_guards_refused(fin_view);
    /* ...and it cannot get further while we hold ours. */
    atexit_ran_early = aload(&atexit_seq) != 0;
    TCHECK(PyThreadState_EnsureFromView(fin_view) == NULL);   /* a new guard: refused */
    /* Holding a guard, we can still attach (PEP 788: Ensure fails only for lack of memory). */
    PyThreadStateToken *tok = PyThreadState_Ensure(g);
    ensure_ok = tok != NULL;
    if (tok) {
        TCHECK(PyThreadState_Get()->interp == interp);
        PyThreadState_Release(tok);
        TCHECK(PyThreadState_GetUnchecked() == NULL);
    }
    astore(&guard_closed_seq, seq_next());
    PyInterpreterGuard_Close(g);
    return NULL;
}

static void child_finalization_waits_for_guard(void *arg) {
    (void)arg;
    Py_Initialize();
    TCHECK_INT(Py_AtExit(record_atexit), 0);
    fin_view = PyInterpreterView_FromMain();
    TCHECK(fin_view != NULL);
    pthread_t t = start_thread(guard_holder, NULL);
    TCHECK(flag_wait(&have_guard, 1, T_WAIT));
    flag_set(&about_to_finalize, 1);
    TCHECK_INT(Py_FinalizeEx(), 0);
    int fin_seq = seq_next();
    pthread_join(t, NULL);
    TCHECK(saw_refusal);
    TCHECK(!atexit_ran_early);
    TCHECK(ensure_ok);
    TCHECK(guard_closed_seq > 0);
    TCHECK(atexit_seq > guard_closed_seq);          /* finalization went on only after */
    TCHECK(fin_seq > atexit_seq);
    PyInterpreterView_Close(fin_view);
    child_exit();
}

/* ==== in-process tests =================================================================== */

static void test_basics(void) {
    /* Views and guards of the current interpreter need an attached thread state. */
    PyEval_SaveThread();
    CHECK(PyInterpreterView_FromCurrent() == NULL);
    CHECK(PyInterpreterGuard_FromCurrent() == NULL);
    PyInterpreterView *mv = PyInterpreterView_FromMain();    /* needs none */
    CHECK(mv != NULL);
    PyInterpreterGuard *g = PyInterpreterGuard_FromView(mv); /* needs none */
    CHECK(g != NULL);
    CHECK(PyInterpreterGuard_GetInterpreter(g) == PyInterpreterState_Main());
    PyInterpreterGuard_Close(g);
    PyEval_RestoreThread(main_ts);

    PyInterpreterView *cv = PyInterpreterView_FromCurrent();
    CHECK(cv != NULL);
    PyInterpreterGuard *g1 = PyInterpreterGuard_FromCurrent();
    PyInterpreterGuard *g2 = PyInterpreterGuard_FromView(cv);
    CHECK(g1 != NULL && g2 != NULL && g1 != g2);
    CHECK(PyInterpreterGuard_GetInterpreter(g1) == main_ts->interp);
    CHECK(PyInterpreterGuard_GetInterpreter(g2) == main_ts->interp);
    PyInterpreterGuard_Close(g1);
    PyInterpreterGuard_Close(g2);
    PyInterpreterView_Close(cv);
    PyInterpreterView_Close(mv);

    /* NULL in, NULL out; closing NULL is fine. */
    CHECK(PyInterpreterGuard_FromView(NULL) == NULL);
    CHECK(PyInterpreterGuard_GetInterpreter(NULL) == NULL);
    CHECK(PyThreadState_Ensure(NULL) == NULL);
    CHECK(PyThreadState_EnsureFromView(NULL) == NULL);
    PyInterpreterGuard_Close(NULL);
    PyInterpreterView_Close(NULL);
    CHECK(PyThreadState_Get() == main_ts);             /* nothing changed */

    /* Ensure for the interpreter already attached: same thread state, nested. */
    PyInterpreterView *v = PyInterpreterView_FromCurrent();
    PyThreadStateToken *t1 = PyThreadState_EnsureFromView(v);
    CHECK(t1 != NULL);
    CHECK(PyThreadState_Get() == main_ts);
    PyThreadStateToken *t2 = PyThreadState_EnsureFromView(v);
    CHECK(t2 != NULL);
    CHECK(PyThreadState_Get() == main_ts);
    PyThreadState_Release(t2);
    CHECK(PyThreadState_Get() == main_ts);
    PyThreadState_Release(t1);
    CHECK(PyThreadState_Get() == main_ts);             /* still attached: it was before */

    /* Detached main thread: Ensure re-attaches the thread state last used here. */
    PyEval_SaveThread();
    PyThreadStateToken *t3 = PyThreadState_EnsureFromView(v);
    CHECK(t3 != NULL);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    PyThreadState_Release(t3);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyGILState_GetThisThreadState() == main_ts); /* not deleted */
    PyEval_RestoreThread(main_ts);
    PyInterpreterView_Close(v);
}

typedef struct {
    PyInterpreterView *view;
    PyInterpreterState *interp;
} target_t;

/* A thread Python never saw, into a subinterpreter: explicit guard, nesting, view. */
static void *into_sub(void *p) {
    target_t *x = p;
    PyInterpreterState *m = PyInterpreterState_Main();
    TCHECK(PyThreadState_GetUnchecked() == NULL);

    PyInterpreterGuard *g = PyInterpreterGuard_FromView(x->view);
    TCHECK(g != NULL);
    if (!g) return NULL;
    TCHECK(PyInterpreterGuard_GetInterpreter(g) == x->interp);
    PyThreadStateToken *t1 = PyThreadState_Ensure(g);
    TCHECK(t1 != NULL);
    if (!t1) { PyInterpreterGuard_Close(g); return NULL; }
    PyThreadState *ts = PyThreadState_Get();
    TCHECK(ts->interp == x->interp);
    TCHECK(ts->interp != m);
    TCHECK(PyInterpreterState_Get() == x->interp);
    int locked = -1;
    TCHECK_INT(Subinterp_GetGilState(x->interp, &locked, NULL), SUBINTERP_OK);
    TCHECK_INT(locked, 1);

    PyThreadStateToken *t2 = PyThreadState_Ensure(g);        /* nested: same thread state */
    TCHECK(t2 != NULL);
    TCHECK(PyThreadState_Get() == ts);
    PyThreadStateToken *t3 = PyThreadState_EnsureFromView(x->view);
    TCHECK(t3 != NULL);
    TCHECK(PyThreadState_Get() == ts);
    PyThreadState_Release(t3);
    TCHECK(PyThreadState_Get() == ts);
    PyThreadState_Release(t2);
    TCHECK(PyThreadState_Get() == ts);
    PyThreadState_Release(t1);
    TCHECK(PyThreadState_GetUnchecked() == NULL);
    PyInterpreterGuard_Close(g);

    /* Many rounds through the view alone. */
    for (int i = 0; i < 100; i++) {
        PyThreadStateToken *t = PyThreadState_EnsureFromView(x->view);
        TCHECK(t != NULL);
        if (!t) break;
        TCHECK(PyThreadState_Get()->interp == x->interp);
        PyThreadState_Release(t);
        TCHECK(PyThreadState_GetUnchecked() == NULL);
    }
    return NULL;
}

/* Attached to the main interpreter (PyGILState), then into the subinterpreter and back. */
static void *swap_out_and_back(void *p) {
    target_t *x = p;
    PyGILState_STATE gs = PyGILState_Ensure();
    PyThreadState *m = PyThreadState_Get();
    TCHECK(m->interp == PyInterpreterState_Main());
    PyThreadStateToken *t = PyThreadState_EnsureFromView(x->view);
    TCHECK(t != NULL);
    if (t) {
        PyThreadState *s = PyThreadState_Get();
        TCHECK(s != m);
        TCHECK(s->interp == x->interp);
        /* m was really detached: the main GIL is free (the main thread is detached too). */
        int locked = -1;
        TCHECK_INT(Subinterp_GetGilState(PyInterpreterState_Main(), &locked, NULL), SUBINTERP_OK);
        TCHECK_INT(locked, 0);
        PyThreadState_Release(t);
    }
    TCHECK(PyThreadState_Get() == m);                       /* restored */
    PyGILState_Release(gs);
    TCHECK(PyThreadState_GetUnchecked() == NULL);
    return NULL;
}

static void test_into_subinterpreter(void) {
    SubinterpStats before = stats();
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    target_t x = { PyInterpreterView_FromCurrent(), sub->interp };
    CHECK(x.view != NULL);
    PyInterpreterView *main_view = PyInterpreterView_FromMain();
    CHECK(PyThreadState_Swap(main_ts) == sub);

    /* From threads Python never saw. */
    PyEval_SaveThread();
    pthread_t t = start_thread(into_sub, &x);
    pthread_join(t, NULL);
    t = start_thread(swap_out_and_back, &x);
    pthread_join(t, NULL);
    /* Two at once. */
    pthread_t t1 = start_thread(into_sub, &x), t2 = start_thread(into_sub, &x);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    PyEval_RestoreThread(main_ts);

    /* On the main thread, main_ts attached: into the sub and back. */
    PyThreadStateToken *tok = PyThreadState_EnsureFromView(x.view);
    CHECK(tok != NULL);
    CHECK(PyThreadState_Get()->interp == x.interp);
    PyThreadState_Release(tok);
    CHECK(PyThreadState_Get() == main_ts);

    /* The sub's own thread state attached here: into main and back. */
    CHECK(PyThreadState_Swap(sub) == main_ts);
    tok = PyThreadState_EnsureFromView(main_view);
    CHECK(tok != NULL);
    CHECK(PyThreadState_Get()->interp == PyInterpreterState_Main());
    PyThreadState_Release(tok);
    CHECK(PyThreadState_Get() == sub);

    /* A guard keeps the sub from ending; Subinterp_EndInterpreter says so and changes nothing. */
    PyInterpreterGuard *g = PyInterpreterGuard_FromCurrent();
    CHECK(g != NULL);
    CHECK(PyInterpreterGuard_GetInterpreter(g) == x.interp);
    CHECK_INT(Subinterp_EndInterpreter(sub), SUBINTERP_ERR_GUARDS_HELD);
    CHECK(PyThreadState_Get() == sub);
    CHECK(Subinterp_InterpreterIsAlive(x.interp));
    PyInterpreterGuard_Close(g);
    CHECK_INT(Subinterp_EndInterpreter(sub), SUBINTERP_OK);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(!Subinterp_InterpreterIsAlive(x.interp));
    CHECK(PyThreadState_Swap(main_ts) == NULL);

    /* Ended: the view is still safe, and attaching fails at once (on any thread). */
    CHECK(PyThreadState_EnsureFromView(x.view) == NULL);
    CHECK(PyInterpreterGuard_FromView(x.view) == NULL);
    CHECK(PyThreadState_Get() == main_ts);
    PyEval_SaveThread();
    CHECK(PyThreadState_EnsureFromView(x.view) == NULL);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    PyEval_RestoreThread(main_ts);
    PyInterpreterView_Close(x.view);
    PyInterpreterView_Close(main_view);

    SubinterpStats after = stats();
    CHECK_INT(after.live_thread_states, before.live_thread_states);   /* none leaked */
    CHECK_INT(after.live_interpreters, before.live_interpreters);
}

/* A view of an ended interpreter, used from a thread Python never saw. */
static void *after_end(void *p) {
    PyInterpreterView *v = p;
    for (int i = 0; i < 100; i++) {
        TCHECK(PyThreadState_EnsureFromView(v) == NULL);
        TCHECK(PyInterpreterGuard_FromView(v) == NULL);
    }
    TCHECK(PyThreadState_GetUnchecked() == NULL);
    return NULL;
}

static void test_after_end_foreign(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    PyInterpreterView *v = PyInterpreterView_FromCurrent();
    Py_EndInterpreter(sub);
    PyThreadState_Swap(main_ts);
    PyEval_SaveThread();
    pthread_t t = start_thread(after_end, v);
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
    PyInterpreterView_Close(v);
}

/* ---- Py_EndInterpreter waits for an open guard ---------------------------------------- */

typedef struct {
    PyInterpreterView *view;
    PyInterpreterState *interp;
    flag_t have_guard, about_to_end;
    int saw_refusal, ended_early, ensure_ok, closed_seq, cb_seq;
} endwait_t;

static void record_sub_atexit(void *p) {
    endwait_t *e = p;
    astore(&e->cb_seq, seq_next());
}

static void *sub_guard_holder(void *p) {
    endwait_t *e = p;
    PyInterpreterGuard *g = PyInterpreterGuard_FromView(e->view);
    TCHECK(g != NULL);
    flag_set(&e->have_guard, 1);
    if (!g) return NULL;
    TCHECK(flag_wait(&e->about_to_end, 1, T_WAIT));
    e->saw_refusal = wait_guards_refused(e->view);
    e->ended_early = aload(&e->cb_seq) != 0;
    PyThreadStateToken *tok = PyThreadState_Ensure(g);     /* a guard holder may attach */
    e->ensure_ok = tok != NULL;
    if (tok) {
        TCHECK(PyThreadState_Get()->interp == e->interp);
        PyThreadState_Release(tok);
    }
    astore(&e->closed_seq, seq_next());
    PyInterpreterGuard_Close(g);
    return NULL;
}

static void test_end_waits_for_guard(void) {
    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (!sub) return;
    endwait_t e;
    memset(&e, 0, sizeof e);
    flag_t f0 = FLAG_INIT;
    e.have_guard = f0;
    e.about_to_end = f0;
    e.view = PyInterpreterView_FromCurrent();
    e.interp = sub->interp;
    CHECK_INT(PyUnstable_AtExit(sub->interp, record_sub_atexit, &e), 0);
    pthread_t t = start_thread(sub_guard_holder, &e);
    CHECK(flag_wait(&e.have_guard, 1, T_WAIT));
    CHECK_INT(Subinterp_EndInterpreter(sub), SUBINTERP_ERR_GUARDS_HELD);
    flag_set(&e.about_to_end, 1);
    Py_EndInterpreter(sub);                                 /* waits for the guard */
    int end_seq = seq_next();
    pthread_join(t, NULL);
    CHECK(e.saw_refusal);
    CHECK(!e.ended_early);
    CHECK(e.ensure_ok);
    CHECK(e.closed_seq > 0);
    CHECK(e.cb_seq > e.closed_seq);                         /* it went on only after */
    CHECK(end_seq > e.cb_seq);
    CHECK(!Subinterp_InterpreterIsAlive(e.interp));
    CHECK(PyThreadState_GetUnchecked() == NULL);
    PyThreadState_Swap(main_ts);
    PyInterpreterView_Close(e.view);
}

int main(void) {
    watchdog(120);
    /* Children first, while this process has no runtime and no other thread. */
    CHECK_CHILD(run_in_child(child_attach_during_finalization, NULL, 60));
    CHECK_CHILD(run_in_child(child_finalization_waits_for_guard, NULL, 60));

    Py_Initialize();
    main_ts = PyThreadState_Get();
    SubinterpStats s0 = stats();
    test_basics();
    test_into_subinterpreter();
    test_after_end_foreign();
    test_end_waits_for_guard();
    SubinterpStats s1 = stats();
    CHECK_INT(s1.live_thread_states, s0.live_thread_states);
    CHECK_INT(s1.live_interpreters, 1);
    CHECK_INT(Py_FinalizeEx(), 0);
    SubinterpStats s2 = stats();
    CHECK_INT(s2.live_interpreters, 0);
    CHECK_INT(s2.live_thread_states, 0);
    return TEST_DONE();
}
