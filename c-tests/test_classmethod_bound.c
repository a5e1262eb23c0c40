/*
 * test_classmethod_bound.c: classmethod(builtin function) as a dunder of a class made by
 * type(): CPython 3.13 binds the function in a types.MethodType, so tp_repr calls
 * f(cls).
 */
#include "obj_util.h"
#include <string.h>

static PyObject *f_repr(PyObject *self, PyObject *arg) {
    return PyUnicode_FromFormat("<f got %s>", Py_TYPE(arg)->tp_name);
}
static PyMethodDef f_def = {"f_repr", f_repr, METH_O, NULL};

int main(void) {
    Py_Initialize();
    PyObject *f = PyCFunction_New(&f_def, NULL);
    PyObject *cm = PyClassMethod_New(f);
    PyObject *dict = PyDict_New();
    PyDict_SetItemString(dict, "__repr__", cm);
    PyObject *bases = PyTuple_Pack(1, (PyObject *)&PyBaseObject_Type);
    PyObject *name = PyUnicode_FromString("K");
    PyObject *k = PyObject_CallFunctionObjArgs((PyObject *)&PyType_Type, name, bases, dict, NULL);
    CHECK(k != NULL);
    PyObject *o = k ? PyObject_CallNoArgs(k) : NULL;
    CHECK_STR(repr(o), "<f got type>"); /* f(K): K's type is `type` */
    PyObject *m = PyObject_GetAttrString(k, "__repr__");
    CHECK(m && strcmp(Py_TYPE(m)->tp_name, "method") == 0);
    Py_XDECREF(m);
    Py_XDECREF(o);
    Py_XDECREF(k);
    Py_DECREF(name);
    Py_DECREF(bases);
    Py_DECREF(dict);
    Py_DECREF(cm);
    Py_DECREF(f);
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
