/*
 * test_tstate.c: PyThreadState_New/Clear/Delete/DeleteCurrent/Swap and
 * PyInterpreterState_New/Clear/Delete (RESULTS.md §8, §9).
 *
 * A bare PyInterpreterState_New() interpreter is unusable in CPython (no GIL, no
 * builtins: attaching one of its thread states segfaults, PyInterpreterState_Clear
 * segfaults, and one left alive makes Py_FinalizeEx segfault); subinterp gives it a GIL
 * of its own, so those parts are checked under #ifdef SUBINTERP only.
 */
#include "lifecycle_util.h"

/* PyThreadState.state: 0 detached, 1 attached (CPython 3.13's _Py_THREAD_* values, kept
   up to date in its default build too; not in its public headers, hence the literals). */
#define DETACHED 0
#define ATTACHED 1

static PyThreadState *main_ts;
static PyInterpreterState *main_interp;

static void test_new_clear_delete(void) {
    CHECK_INT(main_ts->state, ATTACHED);
    PyThreadState *a = PyThreadState_New(main_interp);
    CHECK(a != NULL);
    CHECK(a != main_ts);
    CHECK(PyThreadState_GetUnchecked() == main_ts);   /* not attached by New */
    CHECK(a->interp == main_interp);
    CHECK(PyThreadState_GetInterpreter(a) == main_interp);
    CHECK_INT(a->state, DETACHED);
    CHECK(PyInterpreterState_ThreadHead(main_interp) == a);
    CHECK(a->next == main_ts && main_ts->prev == a && a->prev == NULL);

    /* attach it instead of main_ts, and back */
    CHECK(PyThreadState_Swap(a) == main_ts);
    CHECK(PyThreadState_Get() == a);
    CHECK_INT(a->state, ATTACHED);
    CHECK_INT(main_ts->state, DETACHED);
    CHECK(PyInterpreterState_Get() == main_interp);
    CHECK(PyEval_SaveThread() == a);
    CHECK_INT(a->state, DETACHED);
    PyEval_RestoreThread(a);
    CHECK(PyThreadState_Swap(main_ts) == a);
    CHECK_INT(a->state, DETACHED);
    CHECK_INT(main_ts->state, ATTACHED);

    /* Clear keeps it linked; Delete unlinks it */
    PyThreadState_Clear(a);
    CHECK(PyInterpreterState_ThreadHead(main_interp) == a);
    CHECK(PyThreadState_GetInterpreter(a) == main_interp);
    PyThreadState_Delete(a);
    CHECK(PyInterpreterState_ThreadHead(main_interp) == main_ts);
    CHECK(main_ts->prev == NULL && main_ts->next == NULL);
    CHECK(PyThreadState_GetUnchecked() == main_ts);

    /* Delete without Clear works too; and with nothing attached */
    PyThreadState *b = PyThreadState_New(main_interp);
    PyThreadState_Delete(b);
    PyEval_SaveThread();
    PyThreadState *c = PyThreadState_New(main_interp);
    CHECK(c != NULL && c->interp == main_interp);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    PyThreadState_Clear(c);
    PyThreadState_Delete(c);
    PyEval_RestoreThread(main_ts);
    CHECK(PyInterpreterState_ThreadHead(main_interp) == main_ts);

    /* a subinterpreter's thread states, made while main is attached */
    PyThreadState *s = new_sub(isolated_cfg());
    PyThreadState_Swap(main_ts);
    PyThreadState *sa = PyThreadState_New(s->interp);
    CHECK(sa != NULL && sa->interp == s->interp);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    CHECK(PyInterpreterState_ThreadHead(s->interp) == sa);
    PyThreadState_Clear(sa);
    PyThreadState_Delete(sa);
    CHECK(PyInterpreterState_ThreadHead(s->interp) == s);
    end_sub(s, main_ts);
}

static void test_delete_current(void) {
    PyThreadState *a = PyThreadState_New(main_interp);
    PyThreadState_Swap(a);
    PyThreadState_Clear(a);
    PyThreadState_DeleteCurrent();
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyInterpreterState_ThreadHead(main_interp) == main_ts);
    CHECK(PyThreadState_Swap(main_ts) == NULL);

    /* in a subinterpreter: its GIL is released (another thread state of it can attach) */
    PyThreadState *s = new_sub(isolated_cfg());
    PyThreadState *s2 = PyThreadState_New(s->interp);
    PyThreadState_Clear(s);
    PyThreadState_DeleteCurrent();
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyInterpreterState_ThreadHead(s2->interp) == s2);
    PyEval_RestoreThread(s2);
    CHECK(PyThreadState_Get() == s2);
    Py_EndInterpreter(s2);
    PyThreadState_Swap(main_ts);
    CHECK_IDS(0);
}

/* RESULTS.md §8 */
static void test_swap(void) {
    PyThreadState *sub = new_sub(isolated_cfg());          /* own GIL; current */
    CHECK(PyThreadState_GetUnchecked() == sub);
    CHECK(PyThreadState_Swap(main_ts) == sub);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    CHECK_INT(sub->state, DETACHED);
    CHECK(PyThreadState_Swap(sub) == main_ts);             /* across GILs */
    CHECK(PyThreadState_GetUnchecked() == sub);
    CHECK(PyInterpreterState_Get() == sub->interp);
    CHECK(PyThreadState_Swap(main_ts) == sub);
    CHECK(PyInterpreterState_Get() == main_interp);

    /* Swap(NULL) detaches and returns the old one; again returns NULL */
    CHECK(PyThreadState_Swap(NULL) == main_ts);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK_INT(main_ts->state, DETACHED);
    CHECK(PyThreadState_Swap(NULL) == NULL);
    /* from detached */
    CHECK(PyThreadState_Swap(main_ts) == NULL);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    /* to the one already current: returns it, no deadlock (unlike Restore) */
    CHECK(PyThreadState_Swap(main_ts) == main_ts);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    CHECK_INT(main_ts->state, ATTACHED);

    /* between two own-GIL subs and a legacy one */
    PyThreadState *other = new_sub(isolated_cfg());
    PyThreadState *leg = new_sub(legacy_cfg());
    CHECK(PyThreadState_Swap(sub) == leg);
    CHECK(PyThreadState_Swap(other) == sub);
    CHECK(PyThreadState_Swap(leg) == other);
    CHECK(PyThreadState_Swap(sub) == leg);
    CHECK(PyInterpreterState_Get() == sub->interp);
    /* Save/Restore after swaps */
    CHECK(PyEval_SaveThread() == sub);
    PyEval_RestoreThread(other);
    CHECK(PyThreadState_Get() == other);
    CHECK(PyThreadState_Swap(main_ts) == other);

    end_sub(leg, main_ts);
    end_sub(other, main_ts);
    PyThreadState_Swap(sub);
    Py_EndInterpreter(sub);
    CHECK(PyThreadState_Swap(main_ts) == NULL);              /* after Py_EndInterpreter */
    CHECK_IDS(0);
}

/* Swap blocks while the target's GIL is held by another thread. */
static flag_t held = FLAG_INIT, go = FLAG_INIT;
static volatile int released;

static void *hold_gil(void *p) {
    PyEval_RestoreThread((PyThreadState *)p);
    flag_set(&held, 1);
    flag_wait(&go, 1, 10.0);
    usleep(100 * 1000);          /* give a non-blocking Swap the chance to return early */
    released = 1;
    PyEval_SaveThread();
    return NULL;
}

static void test_swap_blocks(void) {
    for (int shared_target = 0; shared_target <= 1; shared_target++) {
        flag_t z = FLAG_INIT;
        held = z;
        go = z;
        released = 0;
        PyThreadState *sub = new_sub(isolated_cfg());
        PyThreadState *holder_ts, *target;
        if (shared_target) {
            /* the holder has main's GIL (a second main thread state); we swap from the sub
               to main_ts */
            PyThreadState_Swap(main_ts);
            holder_ts = PyThreadState_New(main_interp);
            PyThreadState_Swap(sub);
            target = main_ts;
        } else {
            /* the holder has the sub's own GIL; we swap from main to the sub */
            holder_ts = PyThreadState_New(sub->interp);
            PyThreadState_Swap(main_ts);
            target = sub;
        }
        PyThreadState *from = PyThreadState_GetUnchecked();
        pthread_t t;
        pthread_create(&t, NULL, hold_gil, holder_ts);
        CHECK(flag_wait(&held, 1, 10.0));
        flag_set(&go, 1);
        PyThreadState *old = PyThreadState_Swap(target);
        CHECK_INT(released, 1);                 /* returned only after the holder let go */
        CHECK(old == from);
        CHECK(PyThreadState_GetUnchecked() == target);
        pthread_join(t, NULL);
        PyThreadState_Clear(holder_ts);
        PyThreadState_Delete(holder_ts);
        end_sub(sub, main_ts);
    }
}

/* A thread state made on a fresh thread is that thread's for PyGILState. */
static int fresh_ok;

static void *fresh_thread(void *arg) {
    int ok = PyGILState_GetThisThreadState() == NULL;
    PyThreadState *t = PyThreadState_New(main_interp);
    ok &= t != NULL;
    ok &= PyGILState_GetThisThreadState() == t;
    ok &= PyThreadState_GetUnchecked() == NULL;
    PyEval_RestoreThread(t);
    ok &= PyThreadState_Get() == t;
    /* Ensure uses the attached one */
    PyGILState_STATE g = PyGILState_Ensure();
    ok &= g == PyGILState_LOCKED && PyThreadState_Get() == t;
    PyGILState_Release(g);
    ok &= PyThreadState_GetUnchecked() == t;
    PyThreadState_Clear(t);
    PyThreadState_DeleteCurrent();
    ok &= PyThreadState_GetUnchecked() == NULL;
    ok &= PyGILState_GetThisThreadState() == NULL;
    fresh_ok = ok;
    return NULL;
}

static void test_fresh_thread(void) {
    PyEval_SaveThread();
    pthread_t t;
    pthread_create(&t, NULL, fresh_thread, NULL);
    pthread_join(t, NULL);
    CHECK(fresh_ok);
    PyEval_RestoreThread(main_ts);
    CHECK(PyInterpreterState_ThreadHead(main_interp) == main_ts);
}

/* RESULTS.md §9: the parts CPython supports. */
static void test_bare_interpreters(void) {
    PyInterpreterState *raw = PyInterpreterState_New();
    CHECK(raw != NULL);
    long long id = (long long)PyInterpreterState_GetID(raw);
    CHECK(id > 0);
    CHECK(PyInterpreterState_Head() == raw);
    CHECK(PyInterpreterState_Next(raw) == main_interp);
    CHECK(PyInterpreterState_ThreadHead(raw) == NULL);
    CHECK(PyThreadState_GetUnchecked() == main_ts);          /* nothing attached by New */
    PyThreadState *t1 = PyThreadState_New(raw);
    PyThreadState *t2 = PyThreadState_New(raw);
    CHECK(t1 && t2);
    CHECK_INT(PyThreadState_GetID(t1), 1);
    CHECK_INT(PyThreadState_GetID(t2), 2);
    CHECK(PyThreadState_GetInterpreter(t1) == raw);
    CHECK(PyInterpreterState_ThreadHead(raw) == t2);
    CHECK(PyThreadState_Next(t2) == t1);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    PyThreadState_Clear(t1);
    PyThreadState_Delete(t1);
    CHECK(PyInterpreterState_ThreadHead(raw) == t2);
    CHECK(PyThreadState_Next(t2) == NULL);
    /* Delete (without Clear) takes the remaining thread state with it */
    PyInterpreterState_Delete(raw);
    CHECK(PyInterpreterState_Head() == main_interp);
    CHECK(PyInterpreterState_Next(main_interp) == NULL);
    CHECK(PyThreadState_GetUnchecked() == main_ts);

    /* with nothing attached */
    PyEval_SaveThread();
    PyInterpreterState *raw2 = PyInterpreterState_New();
    CHECK(raw2 != NULL);
    CHECK_INT(PyInterpreterState_GetID(raw2), id + 1);       /* IDs are not reused */
    PyInterpreterState_Delete(raw2);
    PyEval_RestoreThread(main_ts);
    CHECK_IDS(0);

    /* the next subinterpreter continues the sequence */
    PyThreadState *s = new_sub(isolated_cfg());
    CHECK_INT(PyInterpreterState_GetID(s->interp), id + 2);
    end_sub(s, main_ts);
}

#ifdef SUBINTERP
static void bump(void *p) { ++*(int *)p; }

/* Ours: a bare interpreter has a GIL of its own, so its thread states can be used, and
   Clear/Delete and finalization with one alive work (CPython segfaults on each). */
static void test_bare_interpreters_usable(void) {
    PyInterpreterState *raw = PyInterpreterState_New();
    PyThreadState *t = PyThreadState_New(raw);
    CHECK(PyThreadState_Swap(t) == main_ts);
    CHECK(PyInterpreterState_Get() == raw);
    CHECK(PyEval_SaveThread() == t);
    PyEval_RestoreThread(t);
    CHECK(PyThreadState_Swap(main_ts) == t);
    /* Clear drops callbacks, keeps the interpreter usable */
    int dropped = 0, kept = 0;
    CHECK_INT(PyUnstable_AtExit(raw, bump, &dropped), 0);
    PyInterpreterState_Clear(raw);
    CHECK_INT(PyUnstable_AtExit(raw, bump, &kept), 0);
    CHECK(PyInterpreterState_Head() == raw);
    CHECK(PyInterpreterState_ThreadHead(raw) == t);
    CHECK(PyThreadState_Swap(t) == main_ts);
    CHECK(PyThreadState_Swap(main_ts) == t);
    /* Py_EndInterpreter ends it like any subinterpreter */
    PyThreadState_Swap(t);
    Py_EndInterpreter(t);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK_INT(dropped, 0);
    CHECK_INT(kept, 1);
    PyThreadState_Swap(main_ts);
    CHECK_IDS(0);

    /* Delete while one of its thread states is attached here: detached first */
    raw = PyInterpreterState_New();
    t = PyThreadState_New(raw);
    PyThreadState_Swap(t);
    PyInterpreterState_Clear(raw);
    PyInterpreterState_Delete(raw);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
    CHECK_IDS(0);

    /* Clear/Delete of something that is not a live interpreter: nothing happens */
    PyInterpreterState_Clear(NULL);
    PyInterpreterState_Delete(NULL);
    PyInterpreterState_Clear(raw);            /* already deleted */
    PyInterpreterState_Delete(raw);
    PyThreadState_Clear(NULL);
    PyThreadState_Delete(NULL);
    CHECK_IDS(0);
    CHECK(PyThreadState_GetUnchecked() == main_ts);

    /* left alive at Py_FinalizeEx (with a thread state): finalized with the rest */
    raw = PyInterpreterState_New();
    PyThreadState_New(raw);
    CHECK_INT(Py_FinalizeEx(), 0);
    Py_Initialize();
    main_ts = PyThreadState_Get();
    main_interp = main_ts->interp;
    CHECK_IDS(0);
}
#endif

int main(void) {
    Py_Initialize();
    main_ts = PyThreadState_Get();
    main_interp = main_ts->interp;
    test_new_clear_delete();
    test_delete_current();
    test_swap();
    test_swap_blocks();
    test_fresh_thread();
    test_bare_interpreters();
#ifdef SUBINTERP
    test_bare_interpreters_usable();
#endif
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
