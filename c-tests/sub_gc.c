/*
 * sub_gc.c: the GC object API where subinterp does better than CPython (subinterp only).
 *
 * - PyObject_GC_Track of an object whose type is not a GC type, or of one already tracked,
 *   does nothing (CPython writes before the object, or aborts in a debug build).
 * - Tracked GC objects an interpreter leaks, cycles included, are gone when it ends (its
 *   last collection frees the cycles, as CPython's would; anything left goes with its heap).
 */
#include "obj_util.h"

typedef struct { PyObject_HEAD PyObject *other; } Node;

static int node_traverse(PyObject *op, visitproc visit, void *arg) {
    Py_VISIT(((Node *)op)->other);
    return 0;
}

static void node_dealloc(PyObject *op) {
    PyObject_GC_UnTrack(op);
    Py_CLEAR(((Node *)op)->other);
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject NodeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sub_gc.Node",
    .tp_basicsize = sizeof(Node),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_dealloc = node_dealloc,
};

static Py_ssize_t arenas_now(void) {
    SubinterpStats s;
    CHECK_INT(Subinterp_GetStats(&s), SUBINTERP_OK);
    return s.heap_arenas;
}

int main(void) {
    Py_Initialize();
    CHECK_INT(PyType_Ready(&NodeType), 0);

    PyObject *n = PyLong_FromLong(1 << 30);
    PyObject_GC_Track(n);                                  /* not a GC object: no-op */
    CHECK_INT(PyObject_GC_IsTracked(n), 0);
    PyObject_GC_UnTrack(n);
    Py_DECREF(n);

    Node *a = PyObject_GC_New(Node, &NodeType);
    a->other = NULL;
    PyObject_GC_Track(a);
    PyObject_GC_Track(a);                                  /* twice: no-op */
    CHECK_INT(PyObject_GC_IsTracked((PyObject *)a), 1);
    Py_DECREF(a);

    /* 100 interpreters each leak 1,000 two-node cycles: all returned at their end. */
    PyThreadState *main_ts = PyThreadState_Get();
    Py_ssize_t before = arenas_now();
    for (int round = 0; round < 100; round++) {
        PyThreadState_Swap(NULL);
        PyThreadState *ts;
        PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
        CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg)));
        for (int i = 0; i < 1000; i++) {
            Node *x = PyObject_GC_New(Node, &NodeType), *y = PyObject_GC_New(Node, &NodeType);
            x->other = (PyObject *)y;                      /* x -> y -> x: a cycle */
            y->other = Py_NewRef(x);
            PyObject_GC_Track(x);
            PyObject_GC_Track(y);
            Py_DECREF(x);                                  /* both unreachable now */
        }
        Py_EndInterpreter(ts);
        PyThreadState_Swap(main_ts);
    }
    CHECK_INT(arenas_now(), before);

    Py_Finalize();
    return TEST_DONE();
}
