/*
 * bench_heaptype.c: heap types from specs. Making a type from a spec (PyType_FromSpec with
 * members, a few slots and a doc; the type is then dropped, its MRO cycle cleared as a
 * collector would), and instantiating a heap type through PyObject_CallNoArgs (tp_new,
 * tp_alloc, tp_init) then dropping the instance (subtype_dealloc).
 */
#include "bench_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    long a;
    double b;
} Obj;

static int obj_init(PyObject *self, PyObject *args, PyObject *kw) {
    ((Obj *)self)->a = 1;
    return 0;
}

static PyObject *obj_repr(PyObject *self) { return PyUnicode_FromString("obj"); }

static PyMemberDef obj_members[] = {
    {"a", Py_T_LONG, offsetof(Obj, a), 0, NULL},
    {"b", Py_T_DOUBLE, offsetof(Obj, b), Py_READONLY, NULL},
    {NULL},
};

static PyType_Slot obj_slots[] = {
    {Py_tp_doc, "Obj()\n--\n\nAn object."},
    {Py_tp_init, obj_init},
    {Py_tp_repr, obj_repr},
    {Py_tp_members, obj_members},
    {0, NULL},
};

static PyType_Spec obj_spec = {"benchmod.Obj", sizeof(Obj), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, obj_slots};

static double op_from_spec(long iters, void *ctx) {
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *t = PyType_FromSpec(&obj_spec);
        if (t == NULL) BENCH_FAIL("PyType_FromSpec");
        /* Break the type's own cycle (its MRO holds it), as a collection would. */
        Py_TYPE(t)->tp_clear(t);
        Py_DECREF(t);
    }
    return bench_now() - t0;
}

static double op_instantiate(long iters, void *ctx) {
    PyObject *t = ctx;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *o = PyObject_CallNoArgs(t);
        if (o == NULL) BENCH_FAIL("instantiate");
        Py_DECREF(o);
    }
    return bench_now() - t0;
}

int main(int argc, char **argv) {
    Py_Initialize();
    if (bench_wanted(argc, argv, "heap_from_spec")) bench_time_op("heap_from_spec", op_from_spec, NULL, 0.1, "");
    if (bench_wanted(argc, argv, "heap_instance")) {
        PyObject *t = PyType_FromSpec(&obj_spec);
        if (t == NULL) BENCH_FAIL("PyType_FromSpec");
        bench_time_op("heap_instance", op_instantiate, t, 0.1, "");
        Py_DECREF(t);
    }
    Py_FinalizeEx();
    return 0;
}
