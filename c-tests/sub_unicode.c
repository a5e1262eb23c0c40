/*
 * sub_unicode.c: interning is per interpreter. Each interpreter has its own table, so the
 * same text interned in two interpreters gives two objects, and a table dies with its
 * interpreter; the static strings ('' and U+0000..U+00FF) are shared by all. Interpreters
 * with their own GIL intern at the same time without touching each other's tables.
 * (CPython 3.13.0 also gives every interpreter its own table, legacy ones included.)
 */
#include "conc_util.h"

#define T_WAIT 30.0

static PyThreadState *main_ts;

static void test_two_tables(void) {
    PyObject *m = PyUnicode_InternFromString("zq_shared_text");
    PyObject *ma = PyUnicode_InternFromString("a");
    CHECK(m != NULL && PyUnicode_CHECK_INTERNED(m) == SSTATE_INTERNED_MORTAL);

    PyThreadState *sub = new_isolated();
    CHECK(sub != NULL);
    if (sub == NULL) return;
    PyObject *s = PyUnicode_InternFromString("zq_shared_text");
    CHECK(s != NULL && s != m);                                    /* its own table */
    CHECK_INT(PyUnicode_CHECK_INTERNED(s), SSTATE_INTERNED_MORTAL);
    PyObject *s2 = PyUnicode_FromString("zq_shared_text");
    PyUnicode_InternInPlace(&s2);
    CHECK(s2 == s && Py_REFCNT(s) == 2);
    PyObject *sa = PyUnicode_InternFromString("a");
    CHECK(sa == ma);                                               /* the statics are shared */
    Py_DECREF(s2);
    Py_DECREF(s);
    /* Left interned and alive in the subinterpreter when it ends: the table goes with it. */
    PyObject *kept = PyUnicode_InternFromString("zq_kept_in_sub");
    CHECK(kept != NULL);
    Py_EndInterpreter(sub);
    CHECK(PyThreadState_Swap(main_ts) == NULL);

    PyObject *m2 = PyUnicode_InternFromString("zq_shared_text");
    CHECK(m2 == m && Py_REFCNT(m) == 2);                           /* main's table untouched */
    PyObject *k = PyUnicode_InternFromString("zq_kept_in_sub");
    CHECK(k != NULL && k != kept && Py_REFCNT(k) == 1);           /* never seen by main */
    Py_DECREF(k);
    Py_DECREF(m2);
    Py_DECREF(m);
}

/* A legacy subinterpreter shares the main interpreter's GIL and allocator but still has
   its own table (as in CPython 3.13.0). */
static void test_legacy_subinterpreter(void) {
    PyObject *m = PyUnicode_InternFromString("zq_legacy_text");
    PyThreadState *sub = Py_NewInterpreter();
    CHECK(sub != NULL);
    if (sub == NULL) return;
    PyObject *s = PyUnicode_InternFromString("zq_legacy_text");
    CHECK(s != NULL && s != m && PyUnicode_CHECK_INTERNED(s) == SSTATE_INTERNED_MORTAL);
    /* A string interned here and still referenced when the interpreter ends: its memory is
       the main interpreter's, so it outlives the table (which never touches it again). */
    PyObject *zombie = PyUnicode_InternFromString("zq_outlives_its_table");
    Py_DECREF(s);
    Py_EndInterpreter(sub);
    CHECK(PyThreadState_Swap(main_ts) == NULL);

    PyObject *again = PyUnicode_InternFromString("zq_outlives_its_table");
    CHECK(again != NULL && again != zombie);                       /* main's table never had it */
    Py_DECREF(again);
    Py_DECREF(zombie);                                             /* freed here, no table to leave */
    PyObject *m2 = PyUnicode_InternFromString("zq_legacy_text");
    CHECK(m2 == m);
    Py_DECREF(m2);
    Py_DECREF(m);
}

/* ---- interpreters with their own GIL interning at the same time ------------------------ */

#define WORKERS 4
#define NSTR 3000

static barrier_t all_in = BARRIER_INIT;

typedef struct {
    int id;
    int created, identity_ok, refcount_ok, statics_ok, reinterned_ok, met;
    PyObject *first;                    /* its "zq_common" string, compared after the fact */
} worker_t;

static void *intern_worker(void *p) {
    worker_t *w = p;
    PyThreadState *ts = new_isolated();
    w->created = ts != NULL;
    if (ts == NULL) return NULL;
    static PyObject *strs[WORKERS][NSTR];
    PyObject **mine = strs[w->id];
    char name[48];
    w->identity_ok = w->refcount_ok = w->statics_ok = w->reinterned_ok = 1;
    w->first = PyUnicode_InternFromString("zq_common");
    /* Every worker holds its own GIL here, all at once. */
    w->met = barrier_wait(&all_in, WORKERS, T_WAIT);
    for (int i = 0; i < NSTR; i++) {
        snprintf(name, sizeof name, "zq_common_%d", i);
        mine[i] = PyUnicode_InternFromString(name);
    }
    for (int i = 0; i < NSTR; i++) {
        snprintf(name, sizeof name, "zq_common_%d", i);
        PyObject *s = PyUnicode_FromString(name);
        PyUnicode_InternInPlace(&s);
        w->identity_ok &= s == mine[i];
        w->refcount_ok &= Py_REFCNT(mine[i]) == 2;
        Py_DECREF(s);
    }
    w->statics_ok = PyUnicode_InternFromString("\xc3\xa9") == PyUnicode_FromOrdinal(0xe9);
    /* Half die; the other half are still found; the dead ones are interned afresh. */
    for (int i = 0; i < NSTR; i += 2) Py_DECREF(mine[i]);
    for (int i = 0; i < NSTR; i++) {
        snprintf(name, sizeof name, "zq_common_%d", i);
        PyObject *s = PyUnicode_InternFromString(name);
        if (i % 2) {
            w->reinterned_ok &= s == mine[i];
            Py_DECREF(mine[i]);
        }
        else {
            w->reinterned_ok &= Py_REFCNT(s) == 1 && PyUnicode_CHECK_INTERNED(s) == SSTATE_INTERNED_MORTAL;
        }
        Py_DECREF(s);
    }
    Py_DECREF(w->first);                /* only its address is compared later */
    Py_EndInterpreter(ts);
    return NULL;
}

static void test_parallel_tables(void) {
    PyThreadState *saved = PyEval_SaveThread();
    worker_t w[WORKERS];
    pthread_t t[WORKERS];
    memset(w, 0, sizeof w);
    for (int i = 0; i < WORKERS; i++) {
        w[i].id = i;
        t[i] = start_thread(intern_worker, &w[i]);
    }
    for (int i = 0; i < WORKERS; i++) pthread_join(t[i], NULL);
    PyEval_RestoreThread(saved);
    for (int i = 0; i < WORKERS; i++) {
        CHECK(w[i].created && w[i].met);
        CHECK(w[i].identity_ok && w[i].refcount_ok && w[i].statics_ok && w[i].reinterned_ok);
        for (int j = 0; j < i; j++) CHECK(w[i].first != w[j].first);   /* four tables, four objects */
    }
}

/* Many short-lived interpreters, each interning and ending: nothing accumulates. */
static void test_tables_die(void) {
    int ok = 1;
    for (int round = 0; round < 20; round++) {
        PyThreadState *sub = new_isolated();
        if (sub == NULL) { ok = 0; break; }
        char name[32];
        for (int i = 0; i < 500; i++) {
            snprintf(name, sizeof name, "zq_round_%d", i);
            PyObject *s = PyUnicode_InternFromString(name);
            ok &= s != NULL && Py_REFCNT(s) == 1;                  /* fresh in every interpreter */
            /* Leaked on purpose: ending the interpreter releases it with its heap. */
        }
        Py_EndInterpreter(sub);
        PyThreadState_Swap(main_ts);
    }
    CHECK(ok);
    SubinterpStats st;
    CHECK_INT(Subinterp_GetStats(&st), SUBINTERP_OK);
    CHECK_INT(st.live_interpreters, 1);
}

int main(void) {
    watchdog(120);
    Py_Initialize();
    main_ts = PyThreadState_Get();
    test_two_tables();
    test_legacy_subinterpreter();
    test_parallel_tables();
    test_tables_die();
    CHECK(!PyErr_Occurred());
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
