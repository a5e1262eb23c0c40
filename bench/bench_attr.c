/*
 * bench_attr.c: the attribute protocol, ns per operation (names interned with
 * PyUnicode_InternFromString, as CPython code would):
 *
 *   attr_member_get   PyObject_GetAttr of a Py_T_INT member (member_descriptor) + DECREF
 *   attr_member_set   PyObject_SetAttr of that member
 *   attr_dict_get     PyObject_GetAttr of an instance-dict attribute of a
 *                     Py_TPFLAGS_MANAGED_DICT instance + DECREF
 *   attr_dict_set     PyObject_SetAttr of that attribute (replacing its value)
 *   attr_method_call  PyObject_VectorcallMethod of a METH_NOARGS method (lookup + call)
 *
 * The instance's type is the same C definition in both builds; CPython 3.13 refuses
 * Py_TPFLAGS_MANAGED_DICT on static types, so there it is made with PyType_FromSpec (a heap
 * type), here as a static type. attr_heap_member_get, attr_heap_member_set,
 * attr_heap_dict_get, attr_heap_dict_set and attr_heap_method_call do the same on an
 * instance of a PyType_FromSpec heap type in both builds (like for like).
 *
 * Usage: bench_attr [name...]   (no name: all). Output: RESULT lines (bench_util.h).
 */
#include "bench_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    int x;
} Obj;

static PyMemberDef obj_members[] = {
    {"x", Py_T_INT, offsetof(Obj, x), 0, NULL},
    {NULL}
};

static PyObject *obj_m(PyObject *self, PyObject *unused) {
    (void)self; (void)unused;
    Py_RETURN_NONE;
}

static PyMethodDef obj_methods[] = {
    {"m", obj_m, METH_NOARGS, NULL},
    {NULL}
};

static int obj_traverse(PyObject *self, visitproc visit, void *arg) {
    return PyObject_VisitManagedDict(self, visit, arg);
}

static int obj_clear(PyObject *self) {
    PyObject_ClearManagedDict(self);
    return 0;
}

static void obj_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    PyObject_ClearManagedDict(self);
    tp->tp_free(self);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(tp);
}

#define OBJ_FLAGS (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT)

#ifdef SUBINTERP
static PyTypeObject Obj_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench.Obj",
    .tp_basicsize = sizeof(Obj),
    .tp_dealloc = obj_dealloc,
    .tp_flags = OBJ_FLAGS,
    .tp_traverse = obj_traverse,
    .tp_clear = obj_clear,
    .tp_members = obj_members,
    .tp_methods = obj_methods,
    .tp_new = PyType_GenericNew,
};

static PyTypeObject *make_type(void) {
    if (PyType_Ready(&Obj_Type) < 0) BENCH_FAIL("PyType_Ready");
    return &Obj_Type;
}
#endif

/* The same definition as a PyType_FromSpec heap type (both builds): the attr_heap_* rows. */
static PyType_Slot obj_slots[] = {
    {Py_tp_dealloc, obj_dealloc},
    {Py_tp_traverse, obj_traverse},
    {Py_tp_clear, obj_clear},
    {Py_tp_members, obj_members},
    {Py_tp_methods, obj_methods},
    {Py_tp_new, PyType_GenericNew},
    {0, NULL}
};
static PyType_Spec obj_spec = {"bench.Obj", sizeof(Obj), 0, OBJ_FLAGS, obj_slots};

static PyTypeObject *make_heap_type(void) {
    PyObject *t = PyType_FromSpec(&obj_spec);
    if (t == NULL) BENCH_FAIL("PyType_FromSpec");
    return (PyTypeObject *)t;
}

#ifndef SUBINTERP
static PyTypeObject *make_type(void) { return make_heap_type(); }
#endif

static PyObject *g_obj, *name_x, *name_y, *name_m, *seven, *eight;

static double op_member_get(long iters, void *ctx) {
    PyObject *obj = ctx ? (PyObject *)ctx : g_obj;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *v = PyObject_GetAttr(obj, name_x);
        if (v == NULL) BENCH_FAIL("get x");
        Py_DECREF(v);
    }
    return bench_now() - t0;
}

static double op_member_set(long iters, void *ctx) {
    PyObject *obj = ctx ? (PyObject *)ctx : g_obj;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        if (PyObject_SetAttr(obj, name_x, (i & 1) ? seven : eight) < 0) BENCH_FAIL("set x");
    }
    return bench_now() - t0;
}

static double op_dict_get(long iters, void *ctx) {
    PyObject *obj = ctx ? (PyObject *)ctx : g_obj;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *v = PyObject_GetAttr(obj, name_y);
        if (v == NULL) BENCH_FAIL("get y");
        Py_DECREF(v);
    }
    return bench_now() - t0;
}

static double op_dict_set(long iters, void *ctx) {
    PyObject *obj = ctx ? (PyObject *)ctx : g_obj;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        if (PyObject_SetAttr(obj, name_y, (i & 1) ? seven : eight) < 0) BENCH_FAIL("set y");
    }
    return bench_now() - t0;
}

static double op_method_call(long iters, void *ctx) {
    PyObject *obj = ctx ? (PyObject *)ctx : g_obj;
    PyObject *stack[2] = {NULL, obj};
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyObject *r = PyObject_VectorcallMethod(name_m, stack + 1, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        if (r == NULL) BENCH_FAIL("call m");
        Py_DECREF(r);
    }
    return bench_now() - t0;
}

int main(int argc, char **argv) {
    Py_Initialize();
    PyTypeObject *tp = make_type();
    PyObject *obj = g_obj = PyType_GenericNew(tp, NULL, NULL);
    if (obj == NULL) BENCH_FAIL("new");
    PyTypeObject *htp = make_heap_type();
    PyObject *hobj = PyObject_CallNoArgs((PyObject *)htp);
    if (hobj == NULL) BENCH_FAIL("heap new");
    name_x = PyUnicode_InternFromString("x");
    name_y = PyUnicode_InternFromString("y");
    name_m = PyUnicode_InternFromString("m");
    seven = PyLong_FromLong(7);
    eight = PyLong_FromLong(8);
    if (PyObject_SetAttr(obj, name_y, seven) < 0) BENCH_FAIL("set y");
    if (PyObject_SetAttr(obj, name_x, seven) < 0) BENCH_FAIL("set x");
    if (PyObject_SetAttr(hobj, name_y, seven) < 0) BENCH_FAIL("heap set y");
    if (PyObject_SetAttr(hobj, name_x, seven) < 0) BENCH_FAIL("heap set x");
    if (bench_wanted(argc, argv, "attr_member_get")) bench_time_op("attr_member_get", op_member_get, NULL, 0.1, "");
    if (bench_wanted(argc, argv, "attr_member_set")) bench_time_op("attr_member_set", op_member_set, NULL, 0.1, "");
    if (bench_wanted(argc, argv, "attr_dict_get")) bench_time_op("attr_dict_get", op_dict_get, NULL, 0.1, "");
    if (bench_wanted(argc, argv, "attr_dict_set")) bench_time_op("attr_dict_set", op_dict_set, NULL, 0.1, "");
    if (bench_wanted(argc, argv, "attr_method_call")) bench_time_op("attr_method_call", op_method_call, NULL, 0.1, "");
    if (bench_wanted(argc, argv, "attr_heap_member_get")) bench_time_op("attr_heap_member_get", op_member_get, hobj, 0.1, "");
    if (bench_wanted(argc, argv, "attr_heap_member_set")) bench_time_op("attr_heap_member_set", op_member_set, hobj, 0.1, "");
    if (bench_wanted(argc, argv, "attr_heap_dict_get")) bench_time_op("attr_heap_dict_get", op_dict_get, hobj, 0.1, "");
    if (bench_wanted(argc, argv, "attr_heap_dict_set")) bench_time_op("attr_heap_dict_set", op_dict_set, hobj, 0.1, "");
    if (bench_wanted(argc, argv, "attr_heap_method_call")) bench_time_op("attr_heap_method_call", op_method_call, hobj, 0.1, "");
    Py_DECREF(hobj);
    Py_DECREF(htp);
    Py_DECREF(obj);
    Py_DECREF(name_x); Py_DECREF(name_y); Py_DECREF(name_m);
    Py_DECREF(seven); Py_DECREF(eight);
    if (Py_FinalizeEx() != 0) BENCH_FAIL("Py_FinalizeEx");
    return 0;
}
