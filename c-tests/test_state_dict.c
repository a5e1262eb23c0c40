/* Per-interpreter and per-thread-state dicts (PyInterpreterState_GetDict,
   PyThreadState_GetDict), where extension modules keep state without globals: one dict per
   interpreter and per thread state, made on first use, stable afterwards, and dropped (its
   values' destructors run) when the thread state is cleared or the interpreter ends. Also
   PyInterpreterState_GetID's RuntimeError for NULL. */
#include "obj_util.h"

static int destroyed;

static void count_destruction(PyObject *capsule) {
    (void)capsule;
    destroyed++;
}

/* A capsule whose destruction increments `destroyed`. */
static PyObject *sentinel(void) {
    static int payload;
    return PyCapsule_New(&payload, "test_state_dict.sentinel", count_destruction);
}

static void test_thread_state_dict(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    PyObject *d = PyThreadState_GetDict();
    CHECK(d != NULL && PyDict_CheckExact(d));
    CHECK(PyThreadState_GetDict() == d);                       /* made once */
    CHECK(!PyErr_Occurred());

    /* another thread state of the same interpreter has its own, dropped by _Clear */
    PyThreadState *other = PyThreadState_New(main_ts->interp);
    PyThreadState_Swap(other);
    PyObject *d2 = PyThreadState_GetDict();
    CHECK(d2 != NULL && d2 != d);
    PyObject *s = sentinel();
    CHECK_INT(PyDict_SetItemString(d2, "state", s), 0);
    Py_DECREF(s);
    destroyed = 0;
    PyThreadState_Swap(main_ts);
    PyThreadState_Clear(other);
    CHECK_INT(destroyed, 1);
    PyThreadState_Delete(other);

    /* with no thread state there is none: NULL, and nothing to set an exception on */
    PyThreadState *saved = PyThreadState_Swap(NULL);
    CHECK(PyThreadState_GetDict() == NULL);
    PyThreadState_Swap(saved);
}

static void test_interpreter_dict(void) {
    PyInterpreterState *main_interp = PyInterpreterState_Get();
    PyObject *md = PyInterpreterState_GetDict(main_interp);
    CHECK(md != NULL && PyDict_CheckExact(md));
    CHECK(PyInterpreterState_GetDict(main_interp) == md);

    PyThreadState *main_ts = PyThreadState_Get();
    PyThreadState_Swap(NULL);
    PyThreadState *sub;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    PyStatus st = Py_NewInterpreterFromConfig(&sub, &cfg);
    CHECK(!PyStatus_Exception(st));
    PyObject *sd = PyInterpreterState_GetDict(sub->interp);
    CHECK(sd != NULL && sd != md);
    CHECK(PyInterpreterState_GetDict(sub->interp) == sd);
    PyObject *s = sentinel();
    CHECK_INT(PyDict_SetItemString(sd, "module_state", s), 0);
    Py_DECREF(s);

    /* the same dict from another thread state of that interpreter */
    PyThreadState *second = PyThreadState_New(sub->interp);
    PyThreadState_Swap(second);
    CHECK(PyInterpreterState_GetDict(sub->interp) == sd);
    PyThreadState_Clear(second);
    PyThreadState_Swap(sub);
    PyThreadState_Delete(second);

    destroyed = 0;
    Py_EndInterpreter(sub);                                   /* drops the dict */
    CHECK_INT(destroyed, 1);
    PyThreadState_Swap(main_ts);
    CHECK(PyInterpreterState_GetDict(main_interp) == md);    /* main's is untouched */
}

static void test_get_id_null(void) {
    CHECK_INT(PyInterpreterState_GetID(NULL), -1);
    CHECK_STR(err_text(PyExc_RuntimeError), "no interpreter provided");
}

int main(void) {
    Py_Initialize();
    test_thread_state_dict();
    test_interpreter_dict();
    test_get_id_null();
    Py_Finalize();
    return TEST_DONE();
}
