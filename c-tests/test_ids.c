/*
 * test_ids.c: interpreter and thread-state identity and enumeration (RESULTS.md §3).
 *
 * Interpreter IDs: main 0, then 1, 2, 3, ... never reused while the runtime lives, and
 * reset by Py_FinalizeEx + Py_Initialize. Head()/Next() list live interpreters newest
 * first; ThreadHead()/PyThreadState_Next() list thread states newest first.
 * PyThreadState_GetID counts per interpreter from 1. CPython 3.13 creates hidden
 * main-interpreter thread states while making subinterpreters, so main's later IDs jump:
 * only subinterpreter thread-state IDs are asserted exactly on CPython.
 */
#include "lifecycle_util.h"

static PyThreadState *main_ts;
static PyInterpreterState *main_interp;

/* Checks ThreadHead/Next of `interp` is exactly the thread states given, newest first. */
static int thread_list_is(PyInterpreterState *interp, PyThreadState **want, int n) {
    PyThreadState *t = PyInterpreterState_ThreadHead(interp);
    for (int i = 0; i < n; i++) {
        if (t != want[i]) return 0;
        /* the public list links agree with PyThreadState_Next */
        if (t->next != PyThreadState_Next(t)) return 0;
        if (i > 0 && t->prev != want[i - 1]) return 0;
        if (t->interp != interp) return 0;
        t = PyThreadState_Next(t);
    }
    return t == NULL;
}
#define CHECK_THREADS(interp, ...) do { \
    PyThreadState *_w[] = { __VA_ARGS__ }; \
    CHECK(thread_list_is((interp), _w, (int)(sizeof _w / sizeof _w[0]))); \
} while (0)

static void test_main_identity(void) {
    Py_Initialize();
    main_ts = PyThreadState_Get();
    main_interp = main_ts->interp;
    CHECK(main_interp != NULL);
    CHECK(PyInterpreterState_Main() == main_interp);
    CHECK(PyInterpreterState_Get() == main_interp);
    CHECK(PyThreadState_GetInterpreter(main_ts) == main_interp);
    CHECK_INT(PyInterpreterState_GetID(main_interp), 0);
    CHECK_INT(PyThreadState_GetID(main_ts), 1);
    CHECK(PyInterpreterState_Head() == main_interp);
    CHECK(PyInterpreterState_Next(main_interp) == NULL);
    CHECK_THREADS(main_interp, main_ts);

    /* PyInterpreterState_Main and the Head list work with nothing attached */
    PyEval_SaveThread();
    CHECK(PyInterpreterState_Main() == main_interp);
    CHECK(PyInterpreterState_Head() == main_interp);
    CHECK(PyInterpreterState_ThreadHead(main_interp) == main_ts);
    PyEval_RestoreThread(main_ts);
}

static void test_interp_ids(void) {
    PyThreadState *s1 = new_sub(legacy_cfg());
    CHECK(s1 != NULL);
    CHECK_INT(PyInterpreterState_GetID(s1->interp), 1);
    /* in the sub, "current" means the sub; Main stays main */
    CHECK(PyInterpreterState_Get() == s1->interp);
    CHECK(PyThreadState_Get() == s1);
    CHECK(PyThreadState_GetInterpreter(s1) == s1->interp);
    CHECK(PyInterpreterState_Main() == main_interp);
    CHECK(s1->interp != main_interp);

    PyThreadState *s2 = new_sub(isolated_cfg());
    CHECK_INT(PyInterpreterState_GetID(s2->interp), 2);
    CHECK(PyInterpreterState_Get() == s2->interp);
    PyThreadState_Swap(main_ts);
    CHECK_IDS(2, 1, 0);
    CHECK(PyInterpreterState_Head() == s2->interp);
    CHECK(PyInterpreterState_Next(s2->interp) == s1->interp);
    CHECK(PyInterpreterState_Next(s1->interp) == main_interp);

    end_sub(s1, main_ts);
    CHECK_IDS(2, 0);
    PyThreadState *s3 = new_sub(legacy_cfg());
    CHECK_INT(PyInterpreterState_GetID(s3->interp), 3);   /* 1 is not reused */
    PyThreadState_Swap(main_ts);
    CHECK_IDS(3, 2, 0);

    end_sub(s2, main_ts);
    end_sub(s3, main_ts);
    CHECK_IDS(0);
    PyThreadState *s4 = new_sub(isolated_cfg());
    CHECK_INT(PyInterpreterState_GetID(s4->interp), 4);   /* not back to 1 */
    end_sub(s4, main_ts);

    /* A failed creation does not disturb the sequence's promise: the next ID is still
       greater than every earlier one. (CPython 3.13 allocates the interpreter before it
       checks the config, so each failure consumes an ID: the next is 7 there, 5 here.) */
    PyInterpreterConfig bad = isolated_cfg();
    bad.gil = 99;
    PyThreadState *none = NULL;
    PyStatus st = Py_NewInterpreterFromConfig(&none, &bad);
    CHECK(PyStatus_IsError(st));
    bad = isolated_cfg();
    bad.check_multi_interp_extensions = 0;
    st = Py_NewInterpreterFromConfig(&none, &bad);
    CHECK(PyStatus_IsError(st));
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    CHECK_IDS(0);
    PyThreadState *s5 = new_sub(isolated_cfg());
    long long id5 = (long long)PyInterpreterState_GetID(s5->interp);
    CHECK(id5 >= 5);
#ifdef SUBINTERP
    CHECK_INT(id5, 5);
#endif
    PyThreadState *s6 = new_sub(legacy_cfg());
    CHECK_INT(PyInterpreterState_GetID(s6->interp), id5 + 1);
    PyThreadState_Swap(main_ts);
    CHECK_IDS(id5 + 1, id5, 0);

    /* Bare interpreters draw from the same counter. */
    PyInterpreterState *raw = PyInterpreterState_New();
    CHECK(raw != NULL);
    CHECK_INT(PyInterpreterState_GetID(raw), id5 + 2);
    CHECK(PyInterpreterState_Head() == raw);
    PyInterpreterState_Delete(raw);
    CHECK_IDS(id5 + 1, id5, 0);

    /* A sub created while another sub is attached. */
    PyThreadState_Swap(s5);
    PyThreadState *s7 = new_sub(isolated_cfg());
    CHECK_INT(PyInterpreterState_GetID(s7->interp), id5 + 3);
    CHECK(PyInterpreterState_Get() == s7->interp);
    PyThreadState_Swap(main_ts);
    CHECK_IDS(id5 + 3, id5 + 1, id5, 0);
    end_sub(s6, main_ts);   /* a middle one */
    CHECK_IDS(id5 + 3, id5, 0);
    end_sub(s7, main_ts);   /* the head */
    CHECK_IDS(id5, 0);
    end_sub(s5, main_ts);
    CHECK_IDS(0);
}

static void test_thread_ids(void) {
    /* main interpreter: newest first; IDs increase (exact values differ on CPython 3.13) */
    PyThreadState *a = PyThreadState_New(main_interp);
    PyThreadState *b = PyThreadState_New(main_interp);
    PyThreadState *c = PyThreadState_New(main_interp);
    CHECK(a && b && c);
    CHECK(PyThreadState_GetUnchecked() == main_ts);   /* New does not attach */
    CHECK_THREADS(main_interp, c, b, a, main_ts);
    uint64_t ia = PyThreadState_GetID(a), ib = PyThreadState_GetID(b), ic = PyThreadState_GetID(c);
    CHECK(ia > PyThreadState_GetID(main_ts));
    CHECK_INT(ib, ia + 1);
    CHECK_INT(ic, ib + 1);
#ifdef SUBINTERP
    /* no hidden thread states here: main_ts is 1 and these follow on */
    CHECK_INT(ia, 2);
#endif
    PyThreadState_Clear(b);
    PyThreadState_Delete(b);
    CHECK_THREADS(main_interp, c, a, main_ts);
    PyThreadState *d = PyThreadState_New(main_interp);
    CHECK_INT(PyThreadState_GetID(d), ic + 1);   /* b's ID is not reused */
    CHECK_THREADS(main_interp, d, c, a, main_ts);
    PyThreadState_Clear(a);
    PyThreadState_Delete(a);                       /* the oldest but main_ts */
    CHECK_THREADS(main_interp, d, c, main_ts);
    PyThreadState_Clear(d);
    PyThreadState_Delete(d);                       /* the head */
    CHECK_THREADS(main_interp, c, main_ts);
    PyThreadState_Clear(c);
    PyThreadState_Delete(c);
    CHECK_THREADS(main_interp, main_ts);

    /* subinterpreters: exact, per interpreter, from 1 */
    for (int legacy = 0; legacy <= 1; legacy++) {
        PyThreadState *s = new_sub(legacy ? legacy_cfg() : isolated_cfg());
        PyInterpreterState *si = s->interp;
        CHECK_INT(PyThreadState_GetID(s), 1);
        PyThreadState *sa = PyThreadState_New(si);
        PyThreadState *sb = PyThreadState_New(si);
        CHECK_INT(PyThreadState_GetID(sa), 2);
        CHECK_INT(PyThreadState_GetID(sb), 3);
        CHECK(PyThreadState_GetInterpreter(sa) == si);
        CHECK_THREADS(si, sb, sa, s);
        PyThreadState_Clear(sa);
        PyThreadState_Delete(sa);
        PyThreadState *sc = PyThreadState_New(si);
        CHECK_INT(PyThreadState_GetID(sc), 4);
        CHECK_THREADS(si, sc, sb, s);
        /* another sub starts again at 1 */
        PyThreadState *t = new_sub(isolated_cfg());
        CHECK_INT(PyThreadState_GetID(t), 1);
        CHECK_THREADS(t->interp, t);
        Py_EndInterpreter(t);
        PyThreadState_Swap(s);
        PyThreadState_Clear(sb);
        PyThreadState_Delete(sb);
        PyThreadState_Clear(sc);
        PyThreadState_Delete(sc);
        CHECK_THREADS(si, s);
        Py_EndInterpreter(s);
        PyThreadState_Swap(main_ts);
    }
    /* main's list is untouched by all that */
    CHECK_THREADS(main_interp, main_ts);
}

static void test_getid_null(void) {
    /* with a thread state attached: -1 (CPython also sets RuntimeError) */
    CHECK_INT(PyInterpreterState_GetID(NULL), -1);
#ifndef SUBINTERP
    CHECK(PyErr_Occurred() != NULL);
    PyErr_Clear();
#endif
#ifdef SUBINTERP
    /* Detached: CPython 3.13 segfaults (it allocates the exception with no interpreter);
       ours returns -1. Also for interpreters that have ended, and PyThreadState_GetID of
       NULL (CPython dereferences it). */
    PyEval_SaveThread();
    CHECK_INT(PyInterpreterState_GetID(NULL), -1);
    PyEval_RestoreThread(main_ts);
    PyThreadState *s = new_sub(isolated_cfg());
    PyInterpreterState *gone = s->interp;
    Py_EndInterpreter(s);
    CHECK_INT(PyInterpreterState_GetID(gone), -1);
    CHECK(PyInterpreterState_Next(gone) == NULL);
    CHECK(PyInterpreterState_ThreadHead(gone) == NULL);
    CHECK_INT(PyThreadState_GetID(NULL), 0);
    CHECK(PyThreadState_GetInterpreter(NULL) == NULL);
    CHECK(PyThreadState_Next(NULL) == NULL);
    CHECK(PyInterpreterState_ThreadHead(NULL) == NULL);
    CHECK(PyInterpreterState_Next(NULL) == NULL);
    PyThreadState_Swap(main_ts);
#endif
}

/* IDs restart after Py_FinalizeEx + Py_Initialize, also when a sub was left alive. */
static void test_reset_after_reinit(void) {
    PyThreadState *s = new_sub(isolated_cfg());
    CHECK(PyInterpreterState_GetID(s->interp) > 1);
    PyThreadState_Swap(main_ts);
    CHECK_INT(Py_FinalizeEx(), 0);

    for (int round = 0; round < 2; round++) {
        Py_Initialize();
        main_ts = PyThreadState_Get();
        main_interp = main_ts->interp;
        CHECK_INT(PyInterpreterState_GetID(main_interp), 0);
        CHECK_INT(PyThreadState_GetID(main_ts), 1);
        CHECK_IDS(0);
        CHECK_THREADS(main_interp, main_ts);
        PyThreadState *s1 = new_sub(round ? legacy_cfg() : isolated_cfg());
        CHECK_INT(PyInterpreterState_GetID(s1->interp), 1);
        CHECK_INT(PyThreadState_GetID(s1), 1);
        PyThreadState *s2 = new_sub(isolated_cfg());
        CHECK_INT(PyInterpreterState_GetID(s2->interp), 2);
        PyThreadState_Swap(main_ts);
        CHECK_IDS(2, 1, 0);
        /* round 0 leaves both alive at finalization; round 1 ends them */
        if (round == 1) {
            end_sub(s1, main_ts);
            end_sub(s2, main_ts);
        }
        CHECK_INT(Py_FinalizeEx(), 0);
    }
}

int main(void) {
    test_main_identity();
    test_interp_ids();
    test_thread_ids();
    test_getid_null();
    test_reset_after_reinit();
    return TEST_DONE();
}
