/*
 * bench_weakref: weak reference costs, the same source against libsubinterp and CPython.
 *
 *   weakref_cycle   PyWeakref_NewRef(o, callback) on a fresh object of a C type with
 *                   tp_weaklistoffset, then Py_DECREF(o): its dealloc calls
 *                   PyObject_ClearWeakRefs, which calls the (C) callback; then the
 *                   reference is released. ns per cycle (object made and freed included).
 *   weakref_getref  PyWeakref_GetRef on a live reference + Py_DECREF of the result.
 *
 * Usage: bench_weakref [name...]   (no name: all). Output: RESULT lines (bench_util.h).
 */
#include "bench_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    PyObject *weakreflist;
} Obj;

static void obj_dealloc(PyObject *op) {
    if (((Obj *)op)->weakreflist != NULL) PyObject_ClearWeakRefs(op);
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject ObjType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench_weakref.Obj",
    .tp_basicsize = sizeof(Obj),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = obj_dealloc,
    .tp_weaklistoffset = offsetof(Obj, weakreflist),
};

static long callbacks;
static PyObject *on_death(PyObject *self, PyObject *ref) {
    callbacks++;
    Py_RETURN_NONE;
}
static PyMethodDef on_death_def = {"on_death", on_death, METH_O, NULL};

static PyObject *new_obj(void) {
    Obj *o = PyObject_New(Obj, &ObjType);
    if (o == NULL) BENCH_FAIL("PyObject_New");
    o->weakreflist = NULL;
    return (PyObject *)o;
}

static double op_cycle(long iters, void *ctx) {
    PyObject *cb = ctx;
    long before = callbacks;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *o = new_obj();
        PyObject *r = PyWeakref_NewRef(o, cb);
        if (r == NULL) BENCH_FAIL("PyWeakref_NewRef");
        Py_DECREF(o);
        Py_DECREF(r);
    }
    double t = bench_now() - t0;
    if (callbacks - before != iters) BENCH_FAIL("callbacks: %ld for %ld", callbacks - before, iters);
    return t;
}

static double op_getref(long iters, void *ctx) {
    PyObject *r = ctx, *got = NULL;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        if (PyWeakref_GetRef(r, &got) != 1) BENCH_FAIL("PyWeakref_GetRef");
        Py_DECREF(got);
    }
    return bench_now() - t0;
}

int main(int argc, char **argv) {
    Py_Initialize();
    if (PyType_Ready(&ObjType) < 0) BENCH_FAIL("PyType_Ready");
    if (bench_wanted(argc, argv, "weakref_cycle")) {
        PyObject *cb = PyCFunction_New(&on_death_def, NULL);
        bench_time_op("weakref_cycle", op_cycle, cb, 0.2, "");
        Py_DECREF(cb);
    }
    if (bench_wanted(argc, argv, "weakref_getref")) {
        PyObject *o = new_obj();
        PyObject *r = PyWeakref_NewRef(o, NULL);
        bench_time_op("weakref_getref", op_getref, r, 0.2, "");
        Py_DECREF(r);
        Py_DECREF(o);
    }
    Py_Finalize();
    return 0;
}
