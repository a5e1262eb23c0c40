/*
 * test_heaptype_cycles.c: reference cycles through instances of a PyType_FromSpec type with
 * GC and a managed dict (the headline type) are freed by PyGC_Collect, checked with
 * a tp_dealloc counter: o.self = o in the managed dict, two objects referencing each other
 * through a Py_T_OBJECT_EX member, a cycle through a type() subclass (subtype_traverse), and
 * a weakref callback on a cycle member. Passes against CPython 3.13 and ours alike.
 */
#include "obj_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    PyObject *other; /* Py_T_OBJECT_EX */
} CObject;

static int dealloc_count;

static int c_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((CObject *)self)->other);
    return PyObject_VisitManagedDict(self, visit, arg);
}

static int c_clear(PyObject *self) {
    Py_CLEAR(((CObject *)self)->other);
    PyObject_ClearManagedDict(self);
    return 0;
}

static void c_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    PyObject_ClearWeakRefs(self);
    c_clear(self);
    dealloc_count++;
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyMemberDef c_members[] = {
    {"other", Py_T_OBJECT_EX, offsetof(CObject, other), 0, NULL},
    {NULL},
};

static PyType_Slot c_slots[] = {
    {Py_tp_dealloc, c_dealloc},
    {Py_tp_traverse, c_traverse},
    {Py_tp_clear, c_clear},
    {Py_tp_members, c_members},
    {0, NULL},
};

static PyType_Spec c_spec = {
    "mod.C", sizeof(CObject), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_MANAGED_WEAKREF |
        Py_TPFLAGS_BASETYPE,
    c_slots};

static int callback_count;
static PyObject *on_gone(PyObject *self, PyObject *ref) {
    callback_count++;
    Py_RETURN_NONE;
}
static PyMethodDef on_gone_def = {"on_gone", on_gone, METH_O, NULL};

int main(void) {
    Py_Initialize();
    PyObject *C = PyType_FromSpec(&c_spec);
    CHECK(C != NULL);
    if (C == NULL) return 1;
    PyGC_Collect();

    /* o.self = o through the managed dict. */
    PyObject *o = PyObject_CallNoArgs(C);
    CHECK_INT(PyObject_SetAttrString(o, "self", o), 0);
    Py_DECREF(o);
    CHECK_INT(dealloc_count, 0);
    CHECK(PyGC_Collect() >= 1);
    CHECK_INT(dealloc_count, 1);

    /* a.other = b, b.other = a through the member, with a weakref callback on a. */
    PyObject *cb = PyCFunction_New(&on_gone_def, NULL);
    PyObject *a = PyObject_CallNoArgs(C), *b = PyObject_CallNoArgs(C);
    CHECK_INT(PyObject_SetAttrString(a, "other", b), 0);
    CHECK_INT(PyObject_SetAttrString(b, "other", a), 0);
    PyObject *wr = PyWeakref_NewRef(a, cb);
    Py_DECREF(a);
    Py_DECREF(b);
    CHECK_INT(dealloc_count, 1);
    CHECK(PyGC_Collect() >= 2);
    CHECK_INT(dealloc_count, 3);
    CHECK_INT(callback_count, 1);
    PyObject *got = (PyObject *)1;
    CHECK_INT(PyWeakref_GetRef(wr, &got), 0);
    Py_DECREF(wr);

    /* A cycle through an instance of a type() subclass: subtype_traverse reaches C's. */
    PyObject *bases = PyTuple_Pack(1, C), *dict = PyDict_New(), *name = PyUnicode_FromString("Sub");
    PyObject *Sub = PyObject_CallFunctionObjArgs((PyObject *)&PyType_Type, name, bases, dict, NULL);
    CHECK(Sub != NULL);
    PyObject *s = Sub ? PyObject_CallNoArgs(Sub) : NULL;
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(PyObject_SetAttrString(s, "me", s), 0);
        Py_DECREF(s);
    }
    CHECK(PyGC_Collect() >= 1);
    CHECK_INT(dealloc_count, 4);
    Py_XDECREF(Sub);
    Py_DECREF(name);
    Py_DECREF(dict);
    Py_DECREF(bases);

    /* A class of object made by type(): its instances get a GC-visible managed dict. */
    PyObject *obases = PyTuple_Pack(1, (PyObject *)&PyBaseObject_Type);
    PyObject *odict = PyDict_New(), *oname = PyUnicode_FromString("Plain");
    PyObject *Plain = PyObject_CallFunctionObjArgs((PyObject *)&PyType_Type, oname, obases, odict, NULL);
    PyObject *p = Plain ? PyObject_CallNoArgs(Plain) : NULL;
    PyObject *pw = p ? PyWeakref_NewRef(p, NULL) : NULL;
    CHECK(pw != NULL);
    if (p) {
        CHECK_INT(PyObject_SetAttrString(p, "me", p), 0);
        Py_DECREF(p);
    }
    CHECK(PyGC_Collect() >= 1);
    got = (PyObject *)1;
    CHECK_INT(pw ? PyWeakref_GetRef(pw, &got) : -1, 0);
    Py_XDECREF(pw);
    Py_XDECREF(Plain);
    Py_DECREF(oname);
    Py_DECREF(odict);
    Py_DECREF(obases);

    Py_DECREF(cb);
    Py_DECREF(C);
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
