/*
 * test_lifecycle.c: the runtime's state machine (RESULTS.md §7):
 * Py_Initialize / Py_InitializeEx / Py_IsInitialized / Py_IsFinalizing / Py_FinalizeEx,
 * several init -> fini rounds, finalization with lingering subinterpreters, from a
 * subinterpreter and with nothing attached (all CPython 3.13 semantics).
 * The atexit callback machinery is tested in test_atexit.c.
 */
#include "lifecycle_util.h"

static PyThreadState *main_ts;

/* Before the first Py_Initialize of the process. */
static void test_before_init(void) {
    CHECK_INT(Py_IsInitialized(), 0);
    CHECK_INT(Py_IsFinalizing(), 0);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyInterpreterState_Main() == NULL);
    CHECK(PyInterpreterState_Head() == NULL);
    /* Py_FinalizeEx before Py_Initialize: 0, and nothing changes */
    CHECK_INT(Py_FinalizeEx(), 0);
    CHECK_INT(Py_FinalizeEx(), 0);
    Py_Finalize();
    CHECK_INT(Py_IsInitialized(), 0);
    CHECK_INT(Py_IsFinalizing(), 0);
    CHECK(PyInterpreterState_Main() == NULL);
}

/* Checks the state right after an initialization; sets main_ts. */
static void check_fresh_runtime(void) {
    CHECK_INT(Py_IsInitialized(), 1);
    CHECK_INT(Py_IsFinalizing(), 0);
    main_ts = PyThreadState_GetUnchecked();
    CHECK(main_ts != NULL);
    if (main_ts == NULL) return;
    CHECK(PyThreadState_Get() == main_ts);
    CHECK(PyInterpreterState_Main() != NULL);
    CHECK(main_ts->interp == PyInterpreterState_Main());
    CHECK(PyThreadState_GetInterpreter(main_ts) == PyInterpreterState_Main());
    CHECK(PyInterpreterState_Get() == PyInterpreterState_Main());
    CHECK_INT(PyInterpreterState_GetID(main_ts->interp), 0);
    CHECK_INT(PyThreadState_GetID(main_ts), 1);
    CHECK_IDS(0);
    CHECK(PyInterpreterState_ThreadHead(main_ts->interp) == main_ts);
    CHECK(PyThreadState_Next(main_ts) == NULL);
}

/* Checks the state right after a finalization. */
static void check_finalized(void) {
    CHECK_INT(Py_IsInitialized(), 0);
    CHECK_INT(Py_IsFinalizing(), 1);   /* 3.13: stays 1 until the next initialization */
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyInterpreterState_Main() == NULL);
    CHECK(PyInterpreterState_Head() == NULL);
    CHECK(PyGILState_GetThisThreadState() == NULL);
}

/* Signal handlers: Py_InitializeEx(1) ignores SIGPIPE and SIGXFSZ (and they stay ignored
   after Py_FinalizeEx); Py_InitializeEx(0) touches nothing. */
static const char *disposition(int sig) {
    struct sigaction sa;
    sigaction(sig, NULL, &sa);
    return sa.sa_handler == SIG_DFL ? "DFL" : sa.sa_handler == SIG_IGN ? "IGN" : "handler";
}

static void test_init_signals(void) {
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
    Py_InitializeEx(0);
    CHECK_STR(disposition(SIGPIPE), "DFL");
    CHECK_STR(disposition(SIGXFSZ), "DFL");
    CHECK_STR(disposition(SIGINT), "DFL");
    CHECK_INT(Py_FinalizeEx(), 0);
    CHECK_STR(disposition(SIGPIPE), "DFL");

    Py_InitializeEx(1);
    CHECK_STR(disposition(SIGPIPE), "IGN");
    CHECK_STR(disposition(SIGXFSZ), "IGN");
#ifndef SUBINTERP
    /* CPython installs its SIGINT handler (KeyboardInterrupt) and restores SIG_DFL at
       finalization. subinterp has no eval loop to deliver it yet and leaves SIGINT alone. */
    CHECK_STR(disposition(SIGINT), "handler");
#endif
    CHECK_INT(Py_FinalizeEx(), 0);
    CHECK_STR(disposition(SIGPIPE), "IGN");
    CHECK_STR(disposition(SIGXFSZ), "IGN");
    CHECK_STR(disposition(SIGINT), "DFL");

    Py_Initialize();                     /* same as Py_InitializeEx(1) */
    signal(SIGPIPE, SIG_DFL);
    CHECK_INT(Py_FinalizeEx(), 0);
    Py_Initialize();
    CHECK_STR(disposition(SIGPIPE), "IGN");
    CHECK_INT(Py_FinalizeEx(), 0);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
}

/* Several rounds; each round also uses a subinterpreter, so state really is rebuilt. */
static void test_rounds(void) {
    for (int round = 0; round < 4; round++) {
        if (round % 2 == 0) Py_Initialize();
        else Py_InitializeEx(0);
        check_fresh_runtime();

        /* A second initialization while running does nothing. */
        PyInterpreterState *main_interp = PyInterpreterState_Main();
        Py_Initialize();
        Py_InitializeEx(0);
        CHECK(PyThreadState_GetUnchecked() == main_ts);
        CHECK(PyInterpreterState_Main() == main_interp);
        CHECK_IDS(0);

        /* The ID counter restarts with the runtime. */
        PyThreadState *sub = new_sub(round % 2 ? legacy_cfg() : isolated_cfg());
        CHECK(sub != NULL);
        if (sub != NULL) {
            CHECK_INT(PyInterpreterState_GetID(sub->interp), 1);
            CHECK_INT(PyThreadState_GetID(sub), 1);
            CHECK_IDS(1, 0);
            CHECK_INT(Py_IsInitialized(), 1);
            CHECK_INT(Py_IsFinalizing(), 0);
            Py_EndInterpreter(sub);
            CHECK(PyThreadState_GetUnchecked() == NULL);
            CHECK(PyThreadState_Swap(main_ts) == NULL);
        }
        CHECK_IDS(0);

        CHECK_INT(Py_FinalizeEx(), 0);
        check_finalized();
        /* Again, and through Py_Finalize: 0, nothing changes. */
        CHECK_INT(Py_FinalizeEx(), 0);
        Py_Finalize();
        check_finalized();
    }
}

/* Subinterpreters left alive at Py_FinalizeEx are ended (3.13; 3.12 aborted). */
static void test_lingering(void) {
    Py_Initialize();
    check_fresh_runtime();
    PyThreadState *s1 = new_sub(legacy_cfg());
    PyThreadState *s2 = new_sub(isolated_cfg());
    PyThreadState *s3 = new_sub(isolated_cfg());
    CHECK(s1 && s2 && s3);
    if (!(s1 && s2 && s3)) return;
    /* an extra, never attached thread state of main: deleted too */
    PyThreadState_Swap(main_ts);
    PyThreadState *extra = PyThreadState_New(main_ts->interp);
    CHECK(extra != NULL);
    CHECK_IDS(3, 2, 1, 0);
    CHECK_INT(Py_FinalizeEx(), 0);
    check_finalized();
    CHECK_INT(Py_FinalizeEx(), 0);

    /* Nothing survives into the next runtime. */
    Py_Initialize();
    check_fresh_runtime();
    PyThreadState *s = new_sub(isolated_cfg());
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(PyInterpreterState_GetID(s->interp), 1);
        CHECK_IDS(1, 0);
        end_sub(s, main_ts);
    }
    CHECK_INT(Py_FinalizeEx(), 0);
    check_finalized();
}

/* Py_FinalizeEx called while a subinterpreter's thread state is current: 3.13 finalizes
   everything (3.12 finalized only the sub and broke the runtime). */
static void test_finalize_from_sub(void) {
    for (int legacy = 0; legacy <= 1; legacy++) {
        Py_Initialize();
        check_fresh_runtime();
        PyThreadState *other = new_sub(isolated_cfg());
        PyThreadState *s = new_sub(legacy ? legacy_cfg() : isolated_cfg());
        CHECK(other && s);
        CHECK(PyThreadState_GetUnchecked() == s);
        CHECK_INT(Py_FinalizeEx(), 0);
        check_finalized();

        Py_Initialize();
        check_fresh_runtime();
        CHECK_IDS(0);
        CHECK_INT(Py_FinalizeEx(), 0);
    }
}

/* Py_FinalizeEx with nothing attached (after PyEval_SaveThread): 3.13 re-attaches main_ts
   (3.12 crashed). With and without a subinterpreter alive, and after a sub was detached. */
static void test_finalize_detached(void) {
    for (int variant = 0; variant < 3; variant++) {
        Py_Initialize();
        check_fresh_runtime();
        if (variant == 1) {
            PyThreadState *s = new_sub(isolated_cfg());
            CHECK(s != NULL);
            PyThreadState_Swap(main_ts);
        } else if (variant == 2) {
            PyThreadState *s = new_sub(legacy_cfg());
            CHECK(s != NULL);
            CHECK(PyEval_SaveThread() == s);   /* the sub is what gets detached */
        }
        if (variant != 2) CHECK(PyEval_SaveThread() == main_ts);
        CHECK(PyThreadState_GetUnchecked() == NULL);
        CHECK_INT(Py_IsInitialized(), 1);
        CHECK_INT(Py_FinalizeEx(), 0);
        check_finalized();

        Py_Initialize();
        check_fresh_runtime();
        CHECK_INT(Py_FinalizeEx(), 0);
    }
}

/* Py_FinalizeEx from a non-main thread attached through PyGILState_Ensure: 0. */
static int fin_from_thread_result = -99;
static int fin_from_thread_init_after = -99;

static void *finalize_in_thread(void *arg) {
    PyGILState_STATE g = PyGILState_Ensure();
    CHECK_INT(g, PyGILState_UNLOCKED);
    CHECK(PyThreadState_GetUnchecked() != NULL);
    fin_from_thread_result = Py_FinalizeEx();
    fin_from_thread_init_after = Py_IsInitialized();
    CHECK(PyThreadState_GetUnchecked() == NULL);
    return NULL;
}

static void test_finalize_from_other_thread(void) {
    Py_Initialize();
    check_fresh_runtime();
    PyEval_SaveThread();
    pthread_t t;
    pthread_create(&t, NULL, finalize_in_thread, NULL);
    pthread_join(t, NULL);
    CHECK_INT(fin_from_thread_result, 0);
    CHECK_INT(fin_from_thread_init_after, 0);
    check_finalized();
    /* and the main thread can initialize again */
    Py_Initialize();
    check_fresh_runtime();
    CHECK_INT(Py_FinalizeEx(), 0);
    check_finalized();
}

#ifdef SUBINTERP
/* Ours: Py_FinalizeEx from a thread that never had a thread state. CPython 3.13.0 crashes
   (SIGSEGV) here; we make a main-interpreter thread state for the purpose. */
static void *finalize_fresh_thread(void *arg) {
    CHECK(PyThreadState_GetUnchecked() == NULL);
    fin_from_thread_result = Py_FinalizeEx();
    fin_from_thread_init_after = Py_IsInitialized();
    CHECK(PyThreadState_GetUnchecked() == NULL);
    return NULL;
}

static void test_finalize_from_fresh_thread(void) {
    Py_Initialize();
    check_fresh_runtime();
    PyThreadState *s = new_sub(isolated_cfg());   /* lingering too */
    CHECK(s != NULL);
    PyThreadState_Swap(NULL);
    fin_from_thread_result = -99;
    pthread_t t;
    pthread_create(&t, NULL, finalize_fresh_thread, NULL);
    pthread_join(t, NULL);
    CHECK_INT(fin_from_thread_result, 0);
    CHECK_INT(fin_from_thread_init_after, 0);
    check_finalized();
    Py_Initialize();
    check_fresh_runtime();
    CHECK_INT(Py_FinalizeEx(), 0);
}
#endif

/*
 * A thread waiting to attach while Py_FinalizeEx runs: finalization does not wait for it,
 * and it never gets to run (CPython 3.13 ends such a thread; subinterp parks it for good,
 * as 3.14 does). It must be the last test: the thread may still be waiting in the process.
 * The thread announces itself, then calls PyGILState_Ensure, which blocks on main's GIL;
 * we give it 200 ms to get there.
 */
static flag_t waiter_started = FLAG_INIT;
static volatile int waiter_returned;

static void *late_attacher(void *arg) {
    flag_set(&waiter_started, 1);
    PyGILState_Ensure();
    waiter_returned = 1;
    return NULL;
}

static void test_waiter_during_finalize(void) {
    Py_Initialize();
    check_fresh_runtime();
    pthread_t t;
    pthread_create(&t, NULL, late_attacher, NULL);
    pthread_detach(t);
    CHECK(flag_wait(&waiter_started, 1, 10.0));
    usleep(200 * 1000);
    CHECK_INT(waiter_returned, 0);          /* main holds the GIL */
    CHECK_INT(Py_FinalizeEx(), 0);          /* does not hang */
    check_finalized();
    usleep(100 * 1000);
    CHECK_INT(waiter_returned, 0);          /* and the waiter never ran */
}

int main(void) {
    test_before_init();
    test_init_signals();
    test_rounds();
    test_lingering();
    test_finalize_from_sub();
    test_finalize_detached();
    test_finalize_from_other_thread();
#ifdef SUBINTERP
    test_finalize_from_fresh_thread();
#endif
    test_waiter_during_finalize();
    /* The process ends finalized: Py_IsFinalizing() stays 1. */
    CHECK_INT(Py_IsFinalizing(), 1);
    CHECK_INT(Py_IsInitialized(), 0);
    return TEST_DONE();
}
