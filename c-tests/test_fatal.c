/*
 * test_fatal.c: the fatal-error paths of the lifecycle API, with CPython 3.13's exact texts
 * (/work/probes/RESULTS.md §0, §1). Each case runs in a forked child that initializes its
 * own runtime (the parent never initializes one, so forking is always clean).
 *
 * What is checked for each report: the child died of SIGABRT (exit 1 for the
 * Py_ExitStatusException path), its stderr *starts* with exactly
 *   "Fatal Python error: <func>: <msg>\nPython runtime state: <state>\n\n"
 * and, where CPython prints one, the "Current thread 0x%016lx" block of the calling thread.
 * Paths where CPython crashes or deadlocks instead are in sub_fatal.c.
 */
#include "lifecycle_util.h"
#include <sys/mman.h>

#define TSTATE_NULL_MSG "the function must be called with the GIL held, after Python initialization " \
    "and before Python finalization, but the GIL is released (the current Python thread state is NULL)"

/* Shared with the children (MAP_SHARED): values only the child knows, e.g. pointers. */
static char *shm;

static void note_ptr(int slot, const void *p) {
    snprintf(shm + slot * 64, 64, "%p", p);
}

static void note_ptr16(int slot, const void *p) {
    snprintf(shm + slot * 64, 64, "0x%016lx", (unsigned long)(uintptr_t)p);
}

static const char *noted(int slot) { return shm + slot * 64; }

static void clear_notes(void) { memset(shm, 0, 4096); }

/* ------------------------------------------------------------------------------------ */
/* 1a/1b: PyThreadState_Get / PyInterpreterState_Get with nothing attached */

static void c_tsget_detached(void *arg) {
    Py_Initialize();
    PyEval_SaveThread();
    PyThreadState_Get();
    fprintf(stderr, "UNREACHABLE\n");
}

static void c_interpget_detached(void *arg) {
    Py_Initialize();
    PyEval_SaveThread();
    PyInterpreterState_Get();
    fprintf(stderr, "UNREACHABLE\n");
}

/* After a sub was ended, nothing is attached: the same fatal error. */
static void c_tsget_after_end(void *arg) {
    Py_Initialize();
    PyThreadState *s = new_sub(isolated_cfg());
    Py_EndInterpreter(s);
    PyThreadState_Get();
    fprintf(stderr, "UNREACHABLE\n");
}

/* ------------------------------------------------------------------------------------ */
/* 1c: NULL to PyEval_RestoreThread / PyEval_AcquireThread, detached or attached */

static void c_restore_null(void *arg) {
    Py_Initialize();
    if (arg) PyEval_SaveThread();
    PyEval_RestoreThread(NULL);
    fprintf(stderr, "UNREACHABLE\n");
}

static void c_acquire_null(void *arg) {
    Py_Initialize();
    if (arg) PyEval_SaveThread();
    PyEval_AcquireThread(NULL);
    fprintf(stderr, "UNREACHABLE\n");
}

/* ------------------------------------------------------------------------------------ */
/* 1d: attach while attached (3.13: _PyThreadState_Attach; 3.12 deadlocked) */

enum { SAME = 0, OTHER = 1, SUB_SAME = 2 };

static void c_acquire_while_attached(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    int which = (int)(intptr_t)arg;
    if (which == SAME) PyEval_AcquireThread(m);
    else if (which == OTHER) PyEval_AcquireThread(PyThreadState_New(m->interp));
    else { PyThreadState *s = new_sub(isolated_cfg()); PyEval_AcquireThread(s); }
    fprintf(stderr, "UNREACHABLE\n");
}

static void c_restore_while_attached(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    int which = (int)(intptr_t)arg;
    if (which == SAME) PyEval_RestoreThread(m);
    else if (which == OTHER) PyEval_RestoreThread(PyThreadState_New(m->interp));
    else { PyThreadState *s = new_sub(legacy_cfg()); PyEval_RestoreThread(s); }
    fprintf(stderr, "UNREACHABLE\n");
}

/* ------------------------------------------------------------------------------------ */
/* 1f: deleting the current thread state */

static void c_delete_current(void *arg) {
    Py_Initialize();
    PyThreadState *ts = PyThreadState_Get();
    if (arg) ts = new_sub(isolated_cfg());   /* a sub's current thread state: the same check */
    note_ptr(0, ts);
    PyThreadState_Delete(ts);
    fprintf(stderr, "UNREACHABLE\n");
}

static void c_deletecurrent_detached(void *arg) {
    Py_Initialize();
    PyEval_SaveThread();
    PyThreadState_DeleteCurrent();
    fprintf(stderr, "UNREACHABLE\n");
}

/* Control: deleting a thread state that is not current is fine (exit 0). */
static void c_delete_other_ok(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    PyThreadState *o = PyThreadState_New(m->interp);
    PyThreadState_Clear(o);
    PyThreadState_Delete(o);
    if (PyThreadState_GetUnchecked() != m) { fprintf(stderr, "main_ts lost\n"); _exit(3); }
    if (Py_FinalizeEx() != 0) _exit(4);
}

/* ------------------------------------------------------------------------------------ */
/* 1g: Py_EndInterpreter misuse */

static void c_end_notcurrent(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    PyThreadState *s = new_sub(arg ? legacy_cfg() : isolated_cfg());
    PyThreadState_Swap(m);
    Py_EndInterpreter(s);
    fprintf(stderr, "UNREACHABLE\n");
}

static void c_end_notcurrent_detached(void *arg) {
    Py_Initialize();
    PyThreadState *s = new_sub(isolated_cfg());
    PyThreadState_Swap(NULL);
    Py_EndInterpreter(s);
    fprintf(stderr, "UNREACHABLE\n");
}

static void atexit_marker(void *data) {
    fprintf(stderr, "ATEXIT-CALLBACK-RAN\n");
}

static void c_end_notlast(void *arg) {
    Py_Initialize();
    PyThreadState *s = new_sub(arg ? legacy_cfg() : isolated_cfg());
    /* CPython runs the C atexit callbacks only while tearing the interpreter down, after
       the "not the last thread" check: the fatal error comes first. */
    PyUnstable_AtExit(s->interp, atexit_marker, NULL);
    PyThreadState *extra = PyThreadState_New(s->interp);
    (void)extra;
    Py_EndInterpreter(s);
    fprintf(stderr, "UNREACHABLE\n");
}

/* ------------------------------------------------------------------------------------ */
/* 1h: Py_FatalError from a function named my_func */

enum { FE_INIT, FE_DETACHED, FE_SUB, FE_NOINIT, FE_AFTER_FINI };

static void my_func(void *arg) {
    int where = (int)(intptr_t)arg;
    if (where != FE_NOINIT) { Py_Initialize(); note_ptr16(0, PyThreadState_Get()); }
    if (where == FE_DETACHED) PyEval_SaveThread();
    if (where == FE_SUB) (void)new_sub(legacy_cfg());
    if (where == FE_AFTER_FINI) Py_FinalizeEx();
    Py_FatalError("boom");
}

static void c_fatalerror_direct(void *arg) {
    Py_Initialize();
    (Py_FatalError)("boom");
}

/* Inside callbacks during finalization the runtime state names the finalizing tstate. */
static void fatal_in_atexit_cb(void *data) {
    Py_FatalError("in atexit");
}

static void fatal_in_py_atexit(void) {
    Py_FatalError("in Py_AtExit");
}

enum { FA_MAIN_CB, FA_LINGERING_CB, FA_PY_ATEXIT, FA_END_CB };

static void c_fatal_during_fini(void *arg) {
    int which = (int)(intptr_t)arg;
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    note_ptr16(0, m);
    if (which == FA_MAIN_CB) {
        PyUnstable_AtExit(m->interp, fatal_in_atexit_cb, NULL);
    } else if (which == FA_PY_ATEXIT) {
        Py_AtExit(fatal_in_py_atexit);
    } else {
        PyThreadState *s = new_sub(isolated_cfg());
        PyUnstable_AtExit(s->interp, fatal_in_atexit_cb, NULL);
        if (which == FA_END_CB) Py_EndInterpreter(s);
        PyThreadState_Swap(m);
    }
    Py_FinalizeEx();
    fprintf(stderr, "UNREACHABLE\n");
}

/* ------------------------------------------------------------------------------------ */
/* 1j: PyGILState_Release on a thread that never called PyGILState_Ensure */

static void *release_fresh(void *arg) {
    PyGILState_Release((PyGILState_STATE)(intptr_t)arg);
    fprintf(stderr, "UNREACHABLE\n");
    return NULL;
}

static void c_gil_release_fresh(void *arg) {
    Py_Initialize();
    PyEval_SaveThread();
    pthread_t t;
    pthread_create(&t, NULL, release_fresh, arg);
    pthread_join(t, NULL);
}

/* ------------------------------------------------------------------------------------ */
/* 1k: Py_NewInterpreter with no runtime: the Py_ExitStatusException path (exit 1) */

static void c_newinterp_noinit(void *arg) {
    if (arg) { Py_Initialize(); Py_FinalizeEx(); }
    Py_NewInterpreter();
    fprintf(stderr, "UNREACHABLE\n");
}

/* ------------------------------------------------------------------------------------ */

int main(void) {
    shm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shm == MAP_FAILED) { perror("mmap"); return 2; }
    const char *cur_block = current_thread_block();
    child_result r;
    char msg[512], state[128];

    /* 1a, 1b */
    r = run_in_child(c_tsget_detached, NULL, 10);
    CHECK_FATAL_HEAD(r, "PyThreadState_Get: " TSTATE_NULL_MSG, "initialized");
    CHECK_STDERR_HAS(r, cur_block);
    CHECK_STDERR_LACKS(r, "UNREACHABLE");

    r = run_in_child(c_interpget_detached, NULL, 10);
    CHECK_FATAL_HEAD(r, "PyInterpreterState_Get: " TSTATE_NULL_MSG, "initialized");
    CHECK_STDERR_HAS(r, cur_block);

    r = run_in_child(c_tsget_after_end, NULL, 10);
    CHECK_FATAL_HEAD(r, "PyThreadState_Get: " TSTATE_NULL_MSG, "initialized");

    /* 1c: the NULL argument is reported as "GIL is released", attached or not */
    for (intptr_t detached = 0; detached <= 1; detached++) {
        r = run_in_child(c_restore_null, (void *)detached, 10);
        CHECK_FATAL_HEAD(r, "PyEval_RestoreThread: " TSTATE_NULL_MSG, "initialized");
        CHECK_STDERR_HAS(r, cur_block);
        r = run_in_child(c_acquire_null, (void *)detached, 10);
        CHECK_FATAL_HEAD(r, "PyEval_AcquireThread: " TSTATE_NULL_MSG, "initialized");
        CHECK_STDERR_HAS(r, cur_block);
    }

    /* 1d: attach while attached. 3.13 fatals (3.12 self-deadlocked on the GIL). */
    for (intptr_t which = SAME; which <= SUB_SAME; which++) {
        r = run_in_child(c_acquire_while_attached, (void *)which, 10);
        CHECK_FATAL_HEAD(r, "_PyThreadState_Attach: non-NULL old thread state", "initialized");
        CHECK_STDERR_HAS(r, cur_block);
        CHECK_STDERR_LACKS(r, "UNREACHABLE");
        r = run_in_child(c_restore_while_attached, (void *)which, 10);
        CHECK_FATAL_HEAD(r, "_PyThreadState_Attach: non-NULL old thread state", "initialized");
        CHECK_STDERR_HAS(r, cur_block);
    }

    /* 1f */
    for (intptr_t sub = 0; sub <= 1; sub++) {
        clear_notes();
        r = run_in_child(c_delete_current, (void *)sub, 10);
        snprintf(msg, sizeof msg, "PyThreadState_Delete: tstate %s is still current", noted(0));
        CHECK(noted(0)[0] == '0');
        CHECK_FATAL_HEAD(r, msg, "initialized");
        CHECK_STDERR_HAS(r, cur_block);
    }

    r = run_in_child(c_deletecurrent_detached, NULL, 10);
    CHECK_FATAL_HEAD(r, "_PyThreadState_DeleteCurrent: " TSTATE_NULL_MSG, "initialized");
    CHECK_STDERR_HAS(r, cur_block);

    r = run_in_child(c_delete_other_ok, NULL, 10);
    CHECK_EXITED(r, 0);
    CHECK_STR(r.err, "");

    /* 1g: own-GIL (arg NULL) and legacy (arg non-NULL) subinterpreters alike */
    for (intptr_t legacy = 0; legacy <= 1; legacy++) {
        r = run_in_child(c_end_notcurrent, (void *)legacy, 10);
        CHECK_FATAL_HEAD(r, "Py_EndInterpreter: thread is not current", "initialized");
        CHECK_STDERR_HAS(r, cur_block);

        r = run_in_child(c_end_notlast, (void *)legacy, 10);
        CHECK_FATAL_HEAD(r, "Py_EndInterpreter: not the last thread", "initialized");
        CHECK_STDERR_HAS(r, cur_block);
        /* The precondition fails before any teardown: no atexit callback may have run. */
        CHECK_STDERR_LACKS(r, "ATEXIT-CALLBACK-RAN");
    }
    r = run_in_child(c_end_notcurrent_detached, NULL, 10);
    CHECK_FATAL_HEAD(r, "Py_EndInterpreter: thread is not current", "initialized");

    /* 1h: the prefix is __func__ of the caller */
    r = run_in_child(my_func, (void *)FE_INIT, 10);
    CHECK_FATAL_HEAD(r, "my_func: boom", "initialized");
    CHECK_STDERR_HAS(r, cur_block);
    r = run_in_child(my_func, (void *)FE_DETACHED, 10);
    CHECK_FATAL_HEAD(r, "my_func: boom", "initialized");
    /* the detached main_ts is still this thread's: CPython dumps it as the current thread */
    CHECK_STDERR_HAS(r, cur_block);
    r = run_in_child(my_func, (void *)FE_SUB, 10);
    CHECK_FATAL_HEAD(r, "my_func: boom", "initialized");
    CHECK_STDERR_HAS(r, cur_block);
    /* Before Py_Initialize: no thread dump at all; the report ends after the blank line. */
    r = run_in_child(my_func, (void *)FE_NOINIT, 10);
    CHECK(r.signaled && r.code == SIGABRT);
    CHECK_STDERR_IS(r, "Fatal Python error: my_func: boom\nPython runtime state: unknown\n\n");
    /* After Py_FinalizeEx, CPython 3.13 still reports "finalizing" with the (freed) main
       tstate that finalized, and dumps no thread. (RESULTS.md §0 says "unknown" here; the
       3.13.0 build prints this.) */
    clear_notes();
    r = run_in_child(my_func, (void *)FE_AFTER_FINI, 10);
    snprintf(state, sizeof state, "finalizing (tstate=%s)", noted(0));
    CHECK(r.signaled && r.code == SIGABRT);
    snprintf(msg, sizeof msg, "Fatal Python error: my_func: boom\nPython runtime state: %s\n\n", state);
    CHECK_STDERR_IS(r, msg);
    /* The function itself adds no prefix. */
    r = run_in_child(c_fatalerror_direct, NULL, 10);
    CHECK_FATAL_HEAD(r, "boom", "initialized");
    CHECK_STDERR_HAS(r, cur_block);

    /* During Py_FinalizeEx the state line names the finalizing (main) thread state. */
    clear_notes();
    r = run_in_child(c_fatal_during_fini, (void *)FA_MAIN_CB, 10);
    snprintf(state, sizeof state, "finalizing (tstate=%s)", noted(0));
    CHECK_FATAL_HEAD(r, "fatal_in_atexit_cb: in atexit", state);
    CHECK_STDERR_HAS(r, cur_block);
    clear_notes();
    r = run_in_child(c_fatal_during_fini, (void *)FA_LINGERING_CB, 10);
    snprintf(state, sizeof state, "finalizing (tstate=%s)", noted(0));
    CHECK_FATAL_HEAD(r, "fatal_in_atexit_cb: in atexit", state);
    CHECK_STDERR_HAS(r, cur_block);
    /* Py_AtExit functions run after the runtime is torn down, yet CPython still reports it
       as finalizing (with the old main tstate), and there is nothing left to dump. */
    clear_notes();
    r = run_in_child(c_fatal_during_fini, (void *)FA_PY_ATEXIT, 10);
    snprintf(state, sizeof state, "finalizing (tstate=%s)", noted(0));
    CHECK(r.signaled && r.code == SIGABRT);
    snprintf(msg, sizeof msg, "Fatal Python error: fatal_in_py_atexit: in Py_AtExit\nPython runtime state: %s\n\n", state);
    CHECK_STDERR_IS(r, msg);
    /* At Py_EndInterpreter the runtime is not finalizing. */
    r = run_in_child(c_fatal_during_fini, (void *)FA_END_CB, 10);
    CHECK_FATAL_HEAD(r, "fatal_in_atexit_cb: in atexit", "initialized");
    CHECK_STDERR_HAS(r, cur_block);

    /* 1j: UNLOCKED and LOCKED alike. (CPython's dump then shows main_ts as "Thread", and no
       "Current thread" block since the calling thread has none; not checked here.) */
    r = run_in_child(c_gil_release_fresh, (void *)(intptr_t)PyGILState_UNLOCKED, 10);
    CHECK_FATAL_HEAD(r, "PyGILState_Release: auto-releasing thread-state, but no thread-state for this thread",
                     "initialized");
    CHECK_STDERR_LACKS(r, "UNREACHABLE");
    r = run_in_child(c_gil_release_fresh, (void *)(intptr_t)PyGILState_LOCKED, 10);
    CHECK_FATAL_HEAD(r, "PyGILState_Release: auto-releasing thread-state, but no thread-state for this thread",
                     "initialized");

    /* 1k: before Py_Initialize and after Py_FinalizeEx: exit(1), not abort */
    for (intptr_t after = 0; after <= 1; after++) {
        r = run_in_child(c_newinterp_noinit, (void *)after, 10);
        CHECK_EXITED(r, 1);
        CHECK_STDERR_IS(r, "Fatal Python error: new_interpreter: Py_Initialize must be called first\n"
                           "Python runtime state: unknown\n\n");
    }

    munmap(shm, 4096);
    return TEST_DONE();
}
