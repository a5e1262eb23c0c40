/* Container types written for CPython's collector: Py_TPFLAGS_HAVE_GC types allocated with
   PyObject_GC_New/NewVar (or PyType_GenericAlloc, which tracks), PyObject_GC_Track/UnTrack/
   IsTracked/Del, tp_traverse with Py_VISIT, PyObject_GC_Resize, PyType_Ready's GC rules
   (tp_free becomes PyObject_GC_Del; a subtype without traverse/clear inherits the flag; a
   GC type without tp_traverse is refused), PyGC_Enable/Disable/IsEnabled. */
#include "obj_util.h"
#include <stddef.h>

typedef struct { PyObject_HEAD PyObject *item; } Box;

static int box_traverse(PyObject *op, visitproc visit, void *arg) {
    Py_VISIT(((Box *)op)->item);
    return 0;
}

static int box_clear(PyObject *op) {
    Py_CLEAR(((Box *)op)->item);
    return 0;
}

static int box_deallocs;

static void box_dealloc(PyObject *op) {
    PyObject_GC_UnTrack(op);
    box_clear(op);
    box_deallocs++;
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject BoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_gc.Box",
    .tp_basicsize = sizeof(Box),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
    .tp_dealloc = box_dealloc,
    .tp_new = PyType_GenericNew,
};

/* A subtype that says nothing about GC: it inherits the flag, traverse and clear. */
static PyTypeObject SubBoxType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_gc.SubBox",
    .tp_basicsize = sizeof(Box),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_base = &BoxType,
};

typedef struct { PyObject_VAR_HEAD PyObject *items[1]; } Vec;

static int vec_traverse(PyObject *op, visitproc visit, void *arg) {
    for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) Py_VISIT(((Vec *)op)->items[i]);
    return 0;
}

static void vec_dealloc(PyObject *op) {
    PyObject_GC_UnTrack(op);
    for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) Py_CLEAR(((Vec *)op)->items[i]);
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject VecType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_gc.Vec",
    .tp_basicsize = offsetof(Vec, items),
    .tp_itemsize = sizeof(PyObject *),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = vec_traverse,
    .tp_dealloc = vec_dealloc,
};

static PyTypeObject NoTraverseType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_gc.NoTraverse",
    .tp_basicsize = sizeof(Box),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
};

static int count_visit(PyObject *op, void *arg) {
    (void)op;
    (*(int *)arg)++;
    return 0;
}

static int stop_visit(PyObject *op, void *arg) {
    (void)op;
    (void)arg;
    return 42;
}

static void test_ready(void) {
    CHECK_INT(PyType_Ready(&BoxType), 0);
    CHECK(BoxType.tp_free == PyObject_GC_Del);          /* object's PyObject_Free replaced */
    CHECK_INT(PyType_Ready(&SubBoxType), 0);
    CHECK(PyType_IS_GC(&SubBoxType));
    CHECK(SubBoxType.tp_traverse == box_traverse && SubBoxType.tp_clear == box_clear);
    CHECK(SubBoxType.tp_free == PyObject_GC_Del);
    CHECK_INT(PyType_Ready(&VecType), 0);
    CHECK_INT(PyType_Ready(&NoTraverseType), -1);
    CHECK_STR(err_text(PyExc_SystemError),
              "type test_gc.NoTraverse has the Py_TPFLAGS_HAVE_GC flag but has no traverse function");
}

static void test_track_untrack(void) {
    Box *b = PyObject_GC_New(Box, &BoxType);
    CHECK(b != NULL);
    b->item = PyUnicode_FromString("content");
    PyObject *item = b->item;
    Py_INCREF(item);
    CHECK_INT(PyObject_IS_GC((PyObject *)b), 1);
    CHECK_INT(PyObject_GC_IsTracked((PyObject *)b), 0);   /* GC_New leaves it untracked */
    PyObject_GC_Track(b);
    CHECK_INT(PyObject_GC_IsTracked((PyObject *)b), 1);
    PyObject_GC_UnTrack(b);
    CHECK_INT(PyObject_GC_IsTracked((PyObject *)b), 0);
    PyObject_GC_UnTrack(b);                                /* untracking twice is fine */
    PyObject_GC_Track(b);

    int visited = 0;
    CHECK_INT(BoxType.tp_traverse((PyObject *)b, count_visit, &visited), 0);
    CHECK_INT(visited, 1);
    CHECK_INT(BoxType.tp_traverse((PyObject *)b, stop_visit, NULL), 42);   /* Py_VISIT returns it */

    Py_ssize_t before = Py_REFCNT(item);
    box_deallocs = 0;
    Py_DECREF(b);                                          /* untracks, clears, GC_Del */
    CHECK_INT(box_deallocs, 1);
    CHECK_INT(Py_REFCNT(item), before - 1);
    Py_DECREF(item);

    CHECK_INT(PyObject_IS_GC(Py_None), 0);
    PyObject *n = PyLong_FromLong(123456);
    CHECK_INT(PyObject_IS_GC(n), 0);
    CHECK_INT(PyObject_GC_IsTracked(n), 0);
    Py_DECREF(n);
}

static void test_generic_alloc_tracks(void) {
    PyObject *b = PyType_GenericAlloc(&BoxType, 0);
    CHECK(b != NULL);
    CHECK_INT(PyObject_GC_IsTracked(b), 1);
    CHECK(((Box *)b)->item == NULL);                       /* zeroed */
    Py_DECREF(b);
    PyObject *s = PyType_GenericNew(&SubBoxType, NULL, NULL);   /* inherited GC */
    CHECK(s != NULL && PyObject_IS_GC(s) && PyObject_GC_IsTracked(s));
    box_deallocs = 0;
    Py_DECREF(s);
    CHECK_INT(box_deallocs, 1);
}

static void test_var_and_resize(void) {
    Vec *v = PyObject_GC_NewVar(Vec, &VecType, 2);
    CHECK(v != NULL);
    CHECK_INT(Py_SIZE(v), 2);
    v->items[0] = PyLong_FromLong(1000);
    v->items[1] = PyLong_FromLong(2000);
    v = PyObject_GC_Resize(Vec, v, 5);                    /* untracked, as CPython requires */
    CHECK(v != NULL);
    CHECK_INT(Py_SIZE(v), 5);
    CHECK_INT(PyLong_AsLong(v->items[1]), 2000);           /* contents kept */
    for (int i = 2; i < 5; i++) v->items[i] = PyLong_FromLong(i);
    PyObject_GC_Track(v);
    int visited = 0;
    CHECK_INT(VecType.tp_traverse((PyObject *)v, count_visit, &visited), 0);
    CHECK_INT(visited, 5);
    Py_DECREF(v);
    CHECK(_PyObject_GC_NewVar(&VecType, -1) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
}

static void test_enable_disable(void) {
    CHECK_INT(PyGC_IsEnabled(), 1);
    CHECK_INT(PyGC_Disable(), 1);
    CHECK_INT(PyGC_IsEnabled(), 0);
    CHECK_INT(PyGC_Disable(), 0);
    CHECK_INT(PyGC_Enable(), 0);
    CHECK_INT(PyGC_IsEnabled(), 1);
    CHECK(PyGC_Collect() >= 0);
    CHECK(!PyErr_Occurred());
}

int main(void) {
    Py_Initialize();
    test_ready();
    test_track_untrack();
    test_generic_alloc_tracks();
    test_var_and_resize();
    test_enable_disable();
    Py_Finalize();
    return TEST_DONE();
}
