/*
 * sub_endinterp.c: Subinterp_EndInterpreter, Subinterp_ErrorMessage, Subinterp_GetStats
 * (subinterp only).
 *
 * Subinterp_EndInterpreter is Py_EndInterpreter that never aborts: each broken
 * precondition gives its SUBINTERP_ERR_* code and changes nothing. For every error we
 * prove the interpreter is still fully usable (the thread state is still attached and can
 * be released and re-taken, new thread states and guards can be made, callbacks and
 * pending calls still run at the end), and then end it successfully.
 * GetStats: live interpreters and thread states return to 0 after Py_FinalizeEx whatever
 * was left behind (the Lua-style leak count).
 */
#include "lifecycle_util.h"

static PyThreadState *main_ts;

static int atexit_runs, pending_runs;
static void count_atexit(void *data) { atexit_runs++; }
static int count_pending(void *data) { pending_runs++; return 0; }

/*
 * Proves `s` (the calling thread's attached thread state) and its interpreter are intact:
 * attached, releasable, can get new thread states and guards, and accepts an atexit
 * callback and a pending call (which must run when it finally ends).
 */
static int still_usable(PyThreadState *s, int line) {
    int ok = 1;
    PyInterpreterState *interp = s->interp;
    ok &= PyThreadState_GetUnchecked() == s;
    ok &= PyInterpreterState_Get() == interp;
    ok &= Subinterp_InterpreterIsAlive(interp) == 1;
    ok &= PyInterpreterState_GetID(interp) > 0;
    ok &= PyEval_SaveThread() == s;
    PyEval_RestoreThread(s);
    ok &= PyThreadState_GetUnchecked() == s;
    PyThreadState *x = PyThreadState_New(interp);   /* NULL if it were marked closing */
    ok &= x != NULL;
    if (x) { PyThreadState_Clear(x); PyThreadState_Delete(x); }
    PyInterpreterGuard *g = PyInterpreterGuard_FromCurrent();   /* NULL if closing */
    ok &= g != NULL;
    if (g) {
        ok &= PyInterpreterGuard_GetInterpreter(g) == interp;
        PyInterpreterGuard_Close(g);
    }
    ok &= PyUnstable_AtExit(interp, count_atexit, NULL) == 0;
    ok &= Subinterp_AddPendingCall(interp, count_pending, NULL) == SUBINTERP_OK;
    ok &= PyInterpreterState_ThreadHead(interp) == s && PyThreadState_Next(s) == NULL;
    if (ok) t_passed++;
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: the interpreter is not intact after a refused end\n", __FILE__, line); }
    return ok;
}
#define CHECK_USABLE(s) still_usable((s), __LINE__)

/* Ends `s` (attached here) successfully and checks what is left: nothing attached, the
   interpreter gone, every callback and pending call registered on the way run. */
static void end_for_real(PyThreadState *s, int want_callbacks, int line) {
    PyInterpreterState *interp = s->interp;
    atexit_runs = pending_runs = 0;
    int rc = Subinterp_EndInterpreter(s);
    int ok = rc == SUBINTERP_OK;
    ok &= PyThreadState_GetUnchecked() == NULL;
    ok &= Subinterp_InterpreterIsAlive(interp) == 0;
    ok &= PyInterpreterState_GetID(interp) == -1;
    ok &= atexit_runs == want_callbacks && pending_runs == want_callbacks;
    /* the thread state is gone: a second end is refused as invalid */
    ok &= Subinterp_EndInterpreter(s) == SUBINTERP_ERR_INVALID_THREAD_STATE;
    if (ok) t_passed++;
    else {
        t_failed++;
        fprintf(stderr, "FAIL %s:%d: Subinterp_EndInterpreter -> %d (%s); attached %p, alive %d, atexit %d, "
                "pending %d (want %d each)\n", __FILE__, line, rc, Subinterp_ErrorMessage(rc),
                (void *)PyThreadState_GetUnchecked(), Subinterp_InterpreterIsAlive(interp), atexit_runs,
                pending_runs, want_callbacks);
    }
}
#define END_FOR_REAL(s, n) end_for_real((s), (n), __LINE__)

static void test_error_codes(int legacy) {
    PyInterpreterConfig cfg = legacy ? legacy_cfg() : isolated_cfg();
    int uses = 0;

    /* NULL: with main attached and with nothing attached */
    CHECK_INT(Subinterp_EndInterpreter(NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    CHECK(PyThreadState_GetUnchecked() == main_ts);

    PyThreadState *s = new_sub(cfg);
    CHECK(s != NULL);
    if (s == NULL) return;

    /* an invalid pointer: a deleted thread state, stack and static memory */
    PyThreadState *dead = PyThreadState_New(s->interp);
    PyThreadState_Clear(dead);
    PyThreadState_Delete(dead);
    CHECK_INT(Subinterp_EndInterpreter(dead), SUBINTERP_ERR_INVALID_THREAD_STATE);
    uses += CHECK_USABLE(s);
    _Alignas(64) unsigned char on_stack[512];
    memset(on_stack, 0, sizeof on_stack);
    CHECK_INT(Subinterp_EndInterpreter((PyThreadState *)on_stack), SUBINTERP_ERR_INVALID_THREAD_STATE);
    memcpy(on_stack, s, sizeof(PyThreadState));   /* a copy of the public head is not it either */
    CHECK_INT(Subinterp_EndInterpreter((PyThreadState *)on_stack), SUBINTERP_ERR_INVALID_THREAD_STATE);
    CHECK_INT(Subinterp_EndInterpreter((PyThreadState *)((char *)s + 1)), SUBINTERP_ERR_INVALID_THREAD_STATE);
    uses += CHECK_USABLE(s);

    /* not current: main attached instead, then nothing attached */
    CHECK(PyThreadState_Swap(main_ts) == s);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_NOT_CURRENT);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    PyThreadState_Swap(NULL);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_NOT_CURRENT);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK_INT(Subinterp_EndInterpreter(NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    PyThreadState_Swap(s);
    uses += CHECK_USABLE(s);

    /* not current: another thread state of the same interpreter is attached */
    PyThreadState *sibling = PyThreadState_New(s->interp);
    PyThreadState_Swap(sibling);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_NOT_CURRENT);
    CHECK(PyThreadState_GetUnchecked() == sibling);
    /* and the sibling itself is not the last one */
    CHECK_INT(Subinterp_EndInterpreter(sibling), SUBINTERP_ERR_OTHER_THREADS);
    CHECK(PyThreadState_GetUnchecked() == sibling);
    PyThreadState_Swap(s);
    PyThreadState_Clear(sibling);
    PyThreadState_Delete(sibling);
    uses += CHECK_USABLE(s);

    /* other thread states exist (one unused, then two) */
    PyThreadState *x1 = PyThreadState_New(s->interp);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_OTHER_THREADS);
    PyThreadState *x2 = PyThreadState_New(s->interp);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_OTHER_THREADS);
    CHECK(PyThreadState_GetUnchecked() == s);
    PyThreadState_Clear(x1); PyThreadState_Delete(x1);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_OTHER_THREADS);
    PyThreadState_Clear(x2); PyThreadState_Delete(x2);
    uses += CHECK_USABLE(s);

    /* PEP 788 guards held: from the current interpreter, and through a view */
    PyInterpreterGuard *g = PyInterpreterGuard_FromCurrent();
    CHECK(g != NULL);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_GUARDS_HELD);
    CHECK(PyThreadState_GetUnchecked() == s);
    uses += CHECK_USABLE(s);
    PyInterpreterView *v = PyInterpreterView_FromCurrent();
    CHECK(v != NULL);
    PyInterpreterGuard *g2 = PyInterpreterGuard_FromView(v);
    CHECK(g2 != NULL);
    PyInterpreterGuard_Close(g);
    CHECK_INT(Subinterp_EndInterpreter(s), SUBINTERP_ERR_GUARDS_HELD);   /* one is still open */
    PyInterpreterGuard_Close(g2);
    uses += CHECK_USABLE(s);

    /* both a guard and another thread state: refused either way, nothing changes */
    g = PyInterpreterGuard_FromCurrent();
    x1 = PyThreadState_New(s->interp);
    int rc = Subinterp_EndInterpreter(s);
    CHECK(rc == SUBINTERP_ERR_GUARDS_HELD || rc == SUBINTERP_ERR_OTHER_THREADS);
    PyInterpreterGuard_Close(g);
    PyThreadState_Clear(x1); PyThreadState_Delete(x1);
    uses += CHECK_USABLE(s);

    /* the main interpreter: refused, main untouched */
    PyThreadState_Swap(main_ts);
    CHECK_INT(Subinterp_EndInterpreter(main_ts), SUBINTERP_ERR_MAIN_INTERPRETER);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    CHECK_INT(Subinterp_InterpreterIsAlive(main_ts->interp), 1);
    CHECK(PyInterpreterState_ThreadHead(main_ts->interp) == main_ts);
    /* a second main thread state, attached: still the main interpreter */
    PyThreadState *m2 = PyThreadState_New(main_ts->interp);
    PyThreadState_Swap(m2);
    CHECK_INT(Subinterp_EndInterpreter(m2), SUBINTERP_ERR_MAIN_INTERPRETER);
    PyThreadState_Swap(main_ts);
    PyThreadState_Clear(m2); PyThreadState_Delete(m2);
    /* main still makes and ends interpreters */
    PyThreadState *other = new_sub(isolated_cfg());
    CHECK(other != NULL);
    END_FOR_REAL(other, 0);
    PyThreadState_Swap(s);

    /* the view outlives the interpreter: after the end it gives no guard */
    CHECK_INT(uses, 8);
    END_FOR_REAL(s, uses);
    CHECK(PyInterpreterGuard_FromView(v) == NULL);
    PyInterpreterView_Close(v);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
    CHECK_IDS(0);
}

/* Another thread has the sub attached: NOT_CURRENT here; that thread can end it. */
static flag_t t_created = FLAG_INIT, t_may_end = FLAG_INIT;
static PyThreadState *t_sub;
static int t_end_rc = -1;

static void *sub_on_thread(void *arg) {
    t_sub = new_sub(isolated_cfg());
    flag_set(&t_created, 1);
    flag_wait(&t_may_end, 1, 10.0);
    t_end_rc = Subinterp_EndInterpreter(t_sub);
    return NULL;
}

static void test_other_thread(void) {
    pthread_t t;
    pthread_create(&t, NULL, sub_on_thread, NULL);
    CHECK(flag_wait(&t_created, 1, 10.0));
    CHECK(t_sub != NULL);
    CHECK_INT(Subinterp_EndInterpreter(t_sub), SUBINTERP_ERR_NOT_CURRENT);
    PyEval_SaveThread();
    CHECK_INT(Subinterp_EndInterpreter(t_sub), SUBINTERP_ERR_NOT_CURRENT);
    PyEval_RestoreThread(main_ts);
    flag_set(&t_may_end, 1);
    pthread_join(t, NULL);
    CHECK_INT(t_end_rc, SUBINTERP_OK);
    CHECK_IDS(0);
}

/* A bare PyInterpreterState_New interpreter given a thread state can be ended too. */
static void test_bare_interpreter(void) {
    PyInterpreterState *raw = PyInterpreterState_New();
    PyThreadState *ts = PyThreadState_New(raw);
    CHECK(ts != NULL);
    CHECK_INT(Subinterp_EndInterpreter(ts), SUBINTERP_ERR_NOT_CURRENT);
    PyThreadState_Swap(ts);
    END_FOR_REAL(ts, 0);
    PyThreadState_Swap(main_ts);
}

static void test_error_messages(void) {
    static const int codes[] = {
        SUBINTERP_OK, SUBINTERP_ERR_NULL_ARGUMENT, SUBINTERP_ERR_NOT_INITIALIZED,
        SUBINTERP_ERR_INVALID_INTERPRETER, SUBINTERP_ERR_INVALID_THREAD_STATE, SUBINTERP_ERR_NOT_CURRENT,
        SUBINTERP_ERR_OTHER_THREADS, SUBINTERP_ERR_MAIN_INTERPRETER, SUBINTERP_ERR_INVALID_VALUE,
        SUBINTERP_ERR_FINALIZING, SUBINTERP_ERR_GUARDS_HELD, SUBINTERP_ERR_QUEUE_FULL, SUBINTERP_ERR_PANIC,
    };
    const int n = (int)(sizeof codes / sizeof codes[0]);
    /* stable values */
    CHECK_INT(SUBINTERP_OK, 0);
    CHECK_INT(SUBINTERP_ERR_NULL_ARGUMENT, 1);
    CHECK_INT(SUBINTERP_ERR_NOT_CURRENT, 5);
    CHECK_INT(SUBINTERP_ERR_OTHER_THREADS, 6);
    CHECK_INT(SUBINTERP_ERR_MAIN_INTERPRETER, 7);
    CHECK_INT(SUBINTERP_ERR_GUARDS_HELD, 10);
    CHECK_INT(SUBINTERP_ERR_PANIC, 99);
    const char *unknown = Subinterp_ErrorMessage(12345);
    CHECK(unknown != NULL);
    CHECK_STR(unknown, "unknown error code");
    for (int i = 0; i < n; i++) {
        const char *m = Subinterp_ErrorMessage(codes[i]);
        CHECK(m != NULL);
        if (m == NULL) continue;
        CHECK(m[0] != '\0');
        CHECK(strcmp(m, "unknown error code") != 0);
        CHECK(Subinterp_ErrorMessage(codes[i]) == m);   /* static */
        for (int j = 0; j < i; j++) {
            const char *o = Subinterp_ErrorMessage(codes[j]);
            if (o && strcmp(m, o) == 0) { t_failed++; fprintf(stderr, "FAIL: codes %d and %d share a message\n", codes[i], codes[j]); }
        }
    }
    static const int unknown_codes[] = { -1, 12, 13, 98, 100, 1 << 30 };
    for (int i = 0; i < 6; i++) CHECK_STR(Subinterp_ErrorMessage(unknown_codes[i]), "unknown error code");
    /* needs no runtime and no thread state */
    PyEval_SaveThread();
    CHECK(Subinterp_ErrorMessage(SUBINTERP_ERR_GUARDS_HELD) != NULL);
    PyEval_RestoreThread(main_ts);
}

/*
 * Re-entry: an atexit callback (or pending call) of the interpreter being ended calls
 * Subinterp_EndInterpreter on it again. It must be refused (the interpreter is already
 * finalizing: SUBINTERP_ERR_FINALIZING) and the outer end must complete normally. Runs in
 * a child: a broken implementation double-frees.
 */
static int reentry_rc = -1;

static void end_again_cb(void *data) {
    reentry_rc = Subinterp_EndInterpreter(PyThreadState_GetUnchecked());
}

static int end_again_pending(void *data) {
    reentry_rc = Subinterp_EndInterpreter(PyThreadState_GetUnchecked());
    return 0;
}

static void c_reentrant_end(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    PyThreadState *s = new_sub(isolated_cfg());
    PyInterpreterState *interp = s->interp;
    if (arg) Subinterp_AddPendingCall(interp, end_again_pending, NULL);
    else PyUnstable_AtExit(interp, end_again_cb, NULL);
    int rc = Subinterp_EndInterpreter(s);
    int alive = Subinterp_InterpreterIsAlive(interp);
    PyThreadState *cur = PyThreadState_GetUnchecked();
    PyThreadState_Swap(m);
    int fin = Py_FinalizeEx();
    fprintf(stderr, "inner=%d outer=%d alive=%d attached=%d fin=%d\n", reentry_rc, rc, alive, cur != NULL, fin);
}

static void test_reentrant_end(void) {
    char want[128];
    snprintf(want, sizeof want, "inner=%d outer=%d alive=0 attached=0 fin=0\n", SUBINTERP_ERR_FINALIZING, SUBINTERP_OK);
    for (intptr_t pending = 0; pending <= 1; pending++) {
        child_result r = run_in_child(c_reentrant_end, (void *)pending, 10);
        CHECK_EXITED(r, 0);
        CHECK_STDERR_IS(r, want);
    }
}

/* ------------------------------------------------------------------------------------ */

static SubinterpStats stats(void) {
    SubinterpStats s;
    memset(&s, 0x7f, sizeof s);
    int rc = Subinterp_GetStats(&s);
    CHECK_INT(rc, SUBINTERP_OK);
    return s;
}

#define CHECK_LIVE(interps, tstates) do { \
    SubinterpStats _s = stats(); \
    CHECK_INT(_s.live_interpreters, (interps)); \
    CHECK_INT(_s.live_thread_states, (tstates)); \
} while (0)

static void *gilstate_round_trip(void *arg) {
    SubinterpStats before = stats();
    PyGILState_STATE g = PyGILState_Ensure();
    SubinterpStats during = stats();
    PyGILState_Release(g);
    SubinterpStats after = stats();
    int *ok = arg;
    *ok = during.live_thread_states == before.live_thread_states + 1
        && after.live_thread_states == before.live_thread_states
        && during.thread_states_created == before.thread_states_created + 1;
    return NULL;
}

static void test_stats_before_init(void) {
    CHECK_INT(Subinterp_GetStats(NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    SubinterpStats s = stats();
    CHECK_INT(s.initialized, 0);
    CHECK_INT(s.live_interpreters, 0);
    CHECK_INT(s.live_thread_states, 0);
    CHECK_INT(s.interpreters_created, 0);
    CHECK_INT(s.thread_states_created, 0);
}

static void test_stats_counts(void) {
    SubinterpStats s = stats();
    CHECK_INT(s.initialized, 1);
    CHECK_INT(s.live_interpreters, 1);
    CHECK_INT(s.live_thread_states, 1);
    Py_ssize_t ic = s.interpreters_created, tc = s.thread_states_created;

    PyThreadState *a = new_sub(isolated_cfg());
    CHECK_LIVE(2, 2);
    PyThreadState *ax = PyThreadState_New(a->interp);
    CHECK_LIVE(2, 3);
    s = stats();
    CHECK_INT(s.interpreters_created, ic + 1);
    CHECK_INT(s.thread_states_created, tc + 2);
    PyThreadState_Clear(ax);
    PyThreadState_Delete(ax);
    CHECK_LIVE(2, 2);
    s = stats();
    CHECK_INT(s.thread_states_created, tc + 2);   /* a total, not live */

    /* a refused config leaks nothing */
    PyInterpreterConfig bad = isolated_cfg();
    bad.gil = 99;
    PyThreadState *none = NULL;
    CHECK(PyStatus_IsError(Py_NewInterpreterFromConfig(&none, &bad)));
    CHECK_LIVE(2, 2);
    CHECK_INT(stats().interpreters_created, ic + 1);

    /* refused ends leak nothing either */
    PyThreadState *x = PyThreadState_New(a->interp);
    CHECK_INT(Subinterp_EndInterpreter(a), SUBINTERP_ERR_OTHER_THREADS);
    CHECK_LIVE(2, 3);
    PyThreadState_Clear(x);
    PyThreadState_Delete(x);
    CHECK_INT(Subinterp_EndInterpreter(a), SUBINTERP_OK);
    CHECK_LIVE(1, 1);
    PyThreadState_Swap(main_ts);

    /* PyGILState's auto thread state on a fresh thread comes and goes */
    int ok = 0;
    PyEval_SaveThread();
    pthread_t t;
    pthread_create(&t, NULL, gilstate_round_trip, &ok);
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
    CHECK(ok);
    CHECK_LIVE(1, 1);

    /* bare interpreters */
    PyInterpreterState *raw = PyInterpreterState_New();
    CHECK_LIVE(2, 1);
    PyThreadState *rt = PyThreadState_New(raw);
    CHECK_LIVE(2, 2);
    PyInterpreterState_Clear(raw);
    PyInterpreterState_Delete(raw);       /* deletes rt too */
    CHECK_LIVE(1, 1);
    (void)rt;

    /* now leave a mess behind for finalization: lingering subs of both kinds with extra
       thread states, a bare interpreter, extra main thread states */
    PyThreadState *l1 = new_sub(isolated_cfg());
    PyThreadState_New(l1->interp);
    PyThreadState_New(l1->interp);
    PyThreadState *l2 = new_sub(legacy_cfg());
    PyThreadState_New(l2->interp);
    PyThreadState_Swap(main_ts);
    raw = PyInterpreterState_New();
    PyThreadState_New(raw);
    PyThreadState_New(main_ts->interp);
    CHECK_LIVE(4, 8);
    CHECK_INT(Py_FinalizeEx(), 0);
    s = stats();
    CHECK_INT(s.initialized, 0);
    CHECK_INT(s.live_interpreters, 0);
    CHECK_INT(s.live_thread_states, 0);
}

static void test_stats_after_reinit(void) {
    Py_Initialize();
    main_ts = PyThreadState_Get();
    SubinterpStats s = stats();
    CHECK_INT(s.initialized, 1);
    CHECK_INT(s.live_interpreters, 1);
    CHECK_INT(s.live_thread_states, 1);
    CHECK_INT(s.interpreters_created, 1);     /* counted since the last initialization */
    CHECK_INT(s.thread_states_created, 1);

    /* finalize from a sub with a second sub alive */
    PyThreadState *a = new_sub(isolated_cfg());
    PyThreadState *b = new_sub(isolated_cfg());
    (void)a; (void)b;
    CHECK_LIVE(3, 3);
    CHECK_INT(Py_FinalizeEx(), 0);
    CHECK_LIVE(0, 0);
    CHECK_INT(stats().initialized, 0);
}

int main(void) {
    test_reentrant_end();   /* children first: the parent has no runtime yet */
    test_stats_before_init();
    CHECK_INT(Subinterp_EndInterpreter(NULL), SUBINTERP_ERR_NULL_ARGUMENT);   /* no runtime */
    Py_Initialize();
    main_ts = PyThreadState_Get();
    test_error_messages();
    test_error_codes(0);
    test_error_codes(1);
    test_other_thread();
    test_bare_interpreter();
    test_stats_counts();
    test_stats_after_reinit();
    return TEST_DONE();
}
