/*
 * sub_fatal.c: misuse where CPython 3.13.0 crashes, deadlocks or silently corrupts state,
 * and subinterp gives a clear fatal error instead (RESULTS.md §1c, §1e, §1g, §9, §11).
 * Built only against subinterp. Each case runs in a forked child with its own runtime.
 */
#include "lifecycle_util.h"
#include <sys/mman.h>

#define TSTATE_NULL_MSG "the function must be called with the GIL held, after Python initialization " \
    "and before Python finalization, but the GIL is released (the current Python thread state is NULL)"

static char *shm;

static void note_ptr(int slot, const void *p) { snprintf(shm + slot * 64, 64, "%p", p); }
static const char *noted(int slot) { return shm + slot * 64; }

/* PyEval_SaveThread with nothing attached. CPython 3.13.0: SIGSEGV in _PyThreadState_Detach
   (3.12 gave this message). Also after a first Save that detached a sub. */
static void c_save_detached(void *arg) {
    Py_Initialize();
    if (arg) (void)new_sub(isolated_cfg());
    PyEval_SaveThread();
    PyEval_SaveThread();
    fprintf(stderr, "UNREACHABLE\n");
}

/* PyEval_ReleaseThread(NULL) while attached. CPython 3.13.0: SIGSEGV (3.12: this text). */
static void c_release_null_attached(void *arg) {
    Py_Initialize();
    PyEval_ReleaseThread(NULL);
    fprintf(stderr, "UNREACHABLE\n");
}

/* PyEval_ReleaseThread(NULL) detached. CPython 3.12 and 3.13: SIGSEGV. */
static void c_release_null_detached(void *arg) {
    Py_Initialize();
    PyEval_SaveThread();
    PyEval_ReleaseThread(NULL);
    fprintf(stderr, "UNREACHABLE\n");
}

/* PyEval_ReleaseThread(other) while main_ts is attached. CPython 3.13.0 silently detaches
   main_ts (3.12 aborts with this text). Also a tstate of another interpreter. */
static void c_release_other(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    PyThreadState *other;
    if (arg) {
        PyThreadState *s = new_sub(isolated_cfg());
        PyThreadState_Swap(m);
        other = s;
    } else {
        other = PyThreadState_New(m->interp);
    }
    PyEval_ReleaseThread(other);
    fprintf(stderr, "UNREACHABLE\n");
}

/* Py_EndInterpreter(NULL): CPython SIGSEGV (NULL == current passes its check). */
static void c_end_null(void *arg) {
    Py_Initialize();
    if (arg) PyEval_SaveThread();
    Py_EndInterpreter(NULL);
    fprintf(stderr, "UNREACHABLE\n");
}

/* Py_EndInterpreter(main_ts): CPython tears the main interpreter down (a later
   Py_FinalizeEx then crashes), or with a sub alive aborts with "PyInterpreterState_Delete:
   remaining subinterpreters". */
static void c_end_main(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    if (arg) { (void)new_sub(isolated_cfg()); PyThreadState_Swap(m); }
    Py_EndInterpreter(m);
    fprintf(stderr, "UNREACHABLE\n");
}

/* Py_EndInterpreter on a pointer that is no thread state (a stack buffer): not current. */
static void c_end_garbage(void *arg) {
    Py_Initialize();
    static _Alignas(64) unsigned char junk[512];
    memset(junk, 0x5a, sizeof junk);
    Py_EndInterpreter((PyThreadState *)junk);
    fprintf(stderr, "UNREACHABLE\n");
}

/* PyThreadState_Swap to something that is not a live thread state (CPython: crash). */
static void c_swap_invalid(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    PyThreadState *o = PyThreadState_New(m->interp);
    PyThreadState_Delete(o);   /* now dead */
    note_ptr(0, o);
    PyThreadState_Swap(o);
    fprintf(stderr, "UNREACHABLE\n");
}

/* A thread state attached on another thread: Restore / Swap / Delete it here. */
static flag_t held = FLAG_INIT;

static void *hold_attached(void *p) {
    PyEval_RestoreThread((PyThreadState *)p);
    flag_set(&held, 1);
    for (;;) pause();   /* killed with the process */
    return NULL;
}

enum { OT_RESTORE, OT_SWAP, OT_DELETE };

static void c_use_tstate_of_other_thread(void *arg) {
    Py_Initialize();
    PyThreadState *m = PyThreadState_Get();
    /* an own-GIL sub so that the holder does not block main */
    PyThreadState *s = new_sub(isolated_cfg());
    PyThreadState_Swap(m);
    note_ptr(0, s);
    pthread_t t;
    pthread_create(&t, NULL, hold_attached, s);
    if (!flag_wait(&held, 1, 5.0)) { fprintf(stderr, "holder did not attach\n"); _exit(5); }
    switch ((int)(intptr_t)arg) {
    case OT_RESTORE: PyEval_SaveThread(); PyEval_RestoreThread(s); break;
    case OT_SWAP: PyThreadState_Swap(s); break;
    case OT_DELETE: PyThreadState_Delete(s); break;
    }
    fprintf(stderr, "UNREACHABLE\n");
}

/* PyInterpreterState_Delete(main): CPython would free the running main interpreter. */
static void c_delete_main_interp(void *arg) {
    Py_Initialize();
    PyInterpreterState_Delete(PyInterpreterState_Main());
    fprintf(stderr, "UNREACHABLE\n");
}

int main(void) {
    shm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shm == MAP_FAILED) { perror("mmap"); return 2; }
    const char *cur_block = current_thread_block();
    child_result r;
    char msg[512];

    for (intptr_t sub = 0; sub <= 1; sub++) {
        r = run_in_child(c_save_detached, (void *)sub, 10);
        CHECK_FATAL_HEAD(r, "PyEval_SaveThread: " TSTATE_NULL_MSG, "initialized");
        CHECK_STDERR_HAS(r, cur_block);
    }

    r = run_in_child(c_release_null_attached, NULL, 10);
    CHECK_FATAL_HEAD(r, "PyEval_ReleaseThread: wrong thread state", "initialized");
    CHECK_STDERR_HAS(r, cur_block);
    r = run_in_child(c_release_null_detached, NULL, 10);
    CHECK_FATAL_HEAD(r, "PyEval_ReleaseThread: " TSTATE_NULL_MSG, "initialized");
    for (intptr_t sub = 0; sub <= 1; sub++) {
        r = run_in_child(c_release_other, (void *)sub, 10);
        CHECK_FATAL_HEAD(r, "PyEval_ReleaseThread: wrong thread state", "initialized");
        CHECK_STDERR_LACKS(r, "UNREACHABLE");
    }

    for (intptr_t detached = 0; detached <= 1; detached++) {
        r = run_in_child(c_end_null, (void *)detached, 10);
        CHECK_FATAL_HEAD(r, "Py_EndInterpreter: NULL thread state", "initialized");
    }
    for (intptr_t with_sub = 0; with_sub <= 1; with_sub++) {
        r = run_in_child(c_end_main, (void *)with_sub, 10);
        CHECK_FATAL_HEAD(r, "Py_EndInterpreter: cannot end the main interpreter; use Py_FinalizeEx()", "initialized");
        CHECK_STDERR_HAS(r, cur_block);
    }
    r = run_in_child(c_end_garbage, NULL, 10);
    CHECK_FATAL_HEAD(r, "Py_EndInterpreter: thread is not current", "initialized");

    memset(shm, 0, 4096);
    r = run_in_child(c_swap_invalid, NULL, 10);
    snprintf(msg, sizeof msg, "PyThreadState_Swap: invalid thread state %s", noted(0));
    CHECK_FATAL_HEAD(r, msg, "initialized");

    memset(shm, 0, 4096);
    r = run_in_child(c_use_tstate_of_other_thread, (void *)OT_RESTORE, 10);
    snprintf(msg, sizeof msg, "PyEval_RestoreThread: thread state %s is already attached to another thread", noted(0));
    CHECK_FATAL_HEAD(r, msg, "initialized");
    memset(shm, 0, 4096);
    r = run_in_child(c_use_tstate_of_other_thread, (void *)OT_SWAP, 10);
    snprintf(msg, sizeof msg, "PyThreadState_Swap: thread state %s is already attached to another thread", noted(0));
    CHECK_FATAL_HEAD(r, msg, "initialized");
    memset(shm, 0, 4096);
    r = run_in_child(c_use_tstate_of_other_thread, (void *)OT_DELETE, 10);
    snprintf(msg, sizeof msg, "PyThreadState_Delete: tstate %s is still attached to another thread", noted(0));
    CHECK_FATAL_HEAD(r, msg, "initialized");

    r = run_in_child(c_delete_main_interp, NULL, 10);
    CHECK_FATAL_HEAD(r, "PyInterpreterState_Delete: cannot delete the main interpreter; use Py_FinalizeEx()",
                     "initialized");

    munmap(shm, 4096);
    return TEST_DONE();
}
