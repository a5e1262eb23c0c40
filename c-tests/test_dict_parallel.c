/*
 * test_dict_parallel.c: dicts and sets in isolated interpreters (own GIL) running on three
 * threads at once. What the types share between interpreters (the type objects, the empty
 * dict's table, the set's dummy) is read-only; every table comes from its interpreter's
 * heap. Each thread builds, checks and drops big dicts and sets while the others do, then
 * its interpreter ends. CPython 3.13 behaves the same (PEP 684).
 */
#include "conc_util.h"

#define T_WAIT 10.0
#define THREADS 3
#define N 50000

static barrier_t start = BARRIER_INIT;

typedef struct { PyThreadState *ts; int id; int ok; } worker_t;

/* One round of work; returns the number of wrong answers. */
static long work(int id) {
    long bad = 0;
    PyObject *d = PyDict_New(), *s = PySet_New(NULL);
    char buf[32];
    for (long i = 0; i < N; i++) {
        PyObject *k = PyLong_FromLong(i * (id + 2)), *v = PyLong_FromLong(i);
        snprintf(buf, sizeof buf, "w%d-%ld", id, i);
        PyObject *sk = PyUnicode_FromString(buf);
        if (PyDict_SetItem(d, k, v) < 0 || PyDict_SetItem(d, sk, v) < 0 || PySet_Add(s, k) < 0) bad++;
        Py_DECREF(k);
        Py_DECREF(v);
        Py_DECREF(sk);
    }
    for (long i = 0; i < N; i += 2) {
        snprintf(buf, sizeof buf, "w%d-%ld", id, i);
        if (PyDict_DelItemString(d, buf) < 0) bad++;
    }
    if (PyDict_Size(d) != N + N / 2 || PySet_Size(s) != N) bad++;
    for (long i = 0; i < N; i++) {
        PyObject *k = PyLong_FromLong(i * (id + 2));
        PyObject *v = PyDict_GetItemWithError(d, k);
        if (v == NULL || PyLong_AsLong(v) != i || PySet_Contains(s, k) != 1) bad++;
        snprintf(buf, sizeof buf, "w%d-%ld", id, i);
        if (PyDict_ContainsString(d, buf) != (int)(i % 2)) bad++;
        Py_DECREF(k);
    }
    PyObject *fs = PyFrozenSet_New(s), *c = PyDict_Copy(d);
    if (fs == NULL || c == NULL || PyDict_Size(c) != PyDict_Size(d)) bad++;
    if (Py_TYPE(fs)->tp_richcompare(fs, s, Py_EQ) != Py_True) bad++;
    Py_XDECREF(fs);
    Py_XDECREF(c);
    Py_DECREF(s);
    Py_DECREF(d);
    if (PyErr_Occurred()) { bad++; PyErr_Clear(); }
    return bad;
}

static void *worker(void *p) {
    worker_t *w = p;
    PyEval_RestoreThread(w->ts);
    int all_in = barrier_wait(&start, THREADS, T_WAIT);
    long bad = 0;
    for (int round = 0; round < 3; round++) bad += work(w->id);
    w->ok = all_in && bad == 0;
    Py_EndInterpreter(w->ts);
    return NULL;
}

int main(void) {
    watchdog(120);
    Py_Initialize();
    PyThreadState *main_ts = PyThreadState_Get();
    worker_t w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i].ts = new_isolated();
        w[i].id = i;
        w[i].ok = 0;
        CHECK(w[i].ts != NULL);
        if (w[i].ts == NULL) return TEST_DONE();
        PyThreadState_Swap(main_ts);  /* its own thread attaches it */
    }
    PyEval_SaveThread();
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) t[i] = start_thread(worker, &w[i]);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < THREADS; i++) CHECK(w[i].ok);
    PyEval_RestoreThread(main_ts);
    /* The main interpreter's dicts still work after the others ended. */
    CHECK_INT(work(9), 0);
    Py_Finalize();
    return TEST_DONE();
}
