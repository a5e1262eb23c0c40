/* Weak references leave nothing behind in the interpreter's heap (where valgrind cannot
   see: objects live in our arenas): references, proxies and callbacks are all freed
   whichever of referent and reference dies first, in the main interpreter and in an
   own-GIL subinterpreter (the weakref types are shared static types; every list lives in
   its referent, or for a static type in the interpreter). NULL arguments raise SystemError
   where CPython crashes. */
#include "obj_util.h"
#include "conc_util.h"

/* PyWeakref_GetObject is deprecated in 3.13 but exported. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static Py_ssize_t live_blocks(void) {
    SubinterpHeapStats h;
    PyThreadState *ts = PyThreadState_Get();
    CHECK_INT(Subinterp_GetHeapStats(ts->interp, &h), SUBINTERP_OK);
    return h.live_blocks;
}

static int calls;
static PyObject *count_call(PyObject *self, PyObject *ref) {
    calls++;
    Py_RETURN_NONE;
}
static PyMethodDef count_def = {"count", count_call, METH_O, NULL};

/* One round: sets with references and proxies (with and without callbacks), dying in
   both orders. Returns how many callbacks ran. */
static int round_of_weakrefs(int n) {
    PyObject *cb = PyCFunction_New(&count_def, NULL);
    calls = 0;
    for (int i = 0; i < n; i++) {
        PyObject *s = PySet_New(NULL);
        PyObject *r = PyWeakref_NewRef(s, cb);
        PyObject *r2 = PyWeakref_NewRef(s, cb);
        PyObject *plain = PyWeakref_NewRef(s, NULL);
        PyObject *p = PyWeakref_NewProxy(s, cb);
        PyObject *p2 = PyWeakref_NewProxy(s, NULL);
        if (i % 2) {
            Py_DECREF(r2);          /* a reference dying first: no callback for it */
            Py_DECREF(s);
        } else {
            Py_DECREF(s);
            Py_DECREF(r2);
        }
        Py_DECREF(r);
        Py_DECREF(plain);
        Py_DECREF(p);
        Py_DECREF(p2);
    }
    Py_DECREF(cb);
    return calls;
}

static void check_no_leak(void) {
    round_of_weakrefs(10);  /* warm up whatever is made once */
    Py_ssize_t before = live_blocks();
    CHECK_INT(round_of_weakrefs(1000), 1000 * 2 + 500);
    CHECK_NO_EXC();
    CHECK_INT(live_blocks(), before);
}

/* Static types are shared, their weak reference lists are not: each interpreter has its
   own shared callback-less reference to `int`, alive as long as it is held. */
static PyObject *int_ref(void) {
    PyObject *r = PyWeakref_NewRef((PyObject *)&PyLong_Type, NULL);
    CHECK(r != NULL && PyWeakref_GetObject(r) == (PyObject *)&PyLong_Type);
    return r;
}

/* NULL arguments CPython would crash on give SystemError here. */
static void null_arguments(void) {
    PyObject *s = PySet_New(NULL);
    CHECK(PyWeakref_NewRef(NULL, NULL) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyWeakref_NewProxy(NULL, NULL) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    PyObject *r = PyWeakref_NewRef(s, NULL);
    CHECK_INT(PyWeakref_GetRef(r, NULL), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    PyObject_ClearWeakRefs(NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    PyUnstable_Object_ClearWeakRefsNoCallbacks(NULL);
    _PyWeakref_ClearRef(NULL);
    _PyWeakref_ClearRef((PyWeakReference *)s);      /* not a weak reference: nothing */
    CHECK_NO_EXC();
    CHECK(PyWeakref_GetObject(r) == s);
    _PyWeakref_ClearRef((PyWeakReference *)r);
    CHECK(PyWeakref_GetObject(r) == Py_None);
    Py_DECREF(r);
    Py_DECREF(s);
}

/* Two own-GIL interpreters on two threads make and drop weak references to the same static
   types at once: each interpreter's lists are its own, so nothing is shared to race on. (A
   shared list would be a data race that seldom shows here; the sharing checks in main() are
   what prove the lists are separate.) */
static void *static_type_worker(void *arg) {
    PyThreadState *ts = NULL;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    TCHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg)));
    PyObject *cb = PyCFunction_New(&count_def, NULL);
    PyObject *types[2] = {(PyObject *)&PyLong_Type, (PyObject *)&PyFloat_Type};
    PyObject *keep[64];
    int ok = 1;
    for (int round = 0; round < 300; round++) {
        PyObject *t = types[round % 2];
        for (int i = 0; i < 64; i++) {
            keep[i] = PyWeakref_NewRef(t, cb);
            ok &= keep[i] != NULL;
        }
        for (int i = 0; i < 64; i++) {
            PyObject *r = keep[(i * 7) % 64];   /* unlinked in another order than made */
            ok &= PyWeakref_GetObject(r) == t;
            Py_DECREF(r);
        }
    }
    TCHECK(ok);
    Py_DECREF(cb);
    Py_EndInterpreter(ts);
    return NULL;
}

static void static_types_in_parallel(void) {
    PyThreadState *main_ts = PyEval_SaveThread();
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, static_type_worker, NULL);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    PyEval_RestoreThread(main_ts);
}

int main(void) {
    Py_Initialize();
    null_arguments();
    check_no_leak();

    PyThreadState *main_ts = PyThreadState_Get();
    PyObject *main_ref = int_ref();
    PyThreadState *ts = NULL;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg)));
    check_no_leak();
    PyObject *sub_ref = int_ref();
    CHECK(sub_ref != main_ref);
    CHECK(int_ref() == sub_ref);
    Py_DECREF(sub_ref);
    Py_DECREF(sub_ref);
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
    CHECK(PyWeakref_GetObject(main_ref) == (PyObject *)&PyLong_Type);
    Py_DECREF(main_ref);
    watchdog(120);
    static_types_in_parallel();

    Py_Finalize();
    return TEST_DONE();
}
