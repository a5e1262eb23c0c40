/* type(name, bases, dict) when a base's metaclass defines __new__: CPython's type_new finds
   the most derived metaclass and lets its __new__ make the class, so the metaclass sees
   every class made from its classes, also through type(). */
#include "obj_util.h"

static int meta_new_calls;
static PyObject *type_new_wrapper;     /* type.__new__ */

/* Meta.__new__(mcls, name, bases, dict): counts, then type.__new__(mcls, name, bases, dict)
   and tags the class. */
static PyObject *meta_new(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self;
    meta_new_calls++;
    PyObject *cls = PyObject_Vectorcall(type_new_wrapper, args, nargs, NULL);
    if (cls != NULL && PyObject_SetAttrString(cls, "tagged", Py_True) < 0) Py_CLEAR(cls);
    return cls;
}
static PyMethodDef meta_new_def = {"__new__", (PyCFunction)(void (*)(void))meta_new, METH_FASTCALL, NULL};

int main(void) {
    Py_Initialize();
    type_new_wrapper = PyObject_GetAttrString((PyObject *)&PyType_Type, "__new__");
    CHECK(type_new_wrapper != NULL);
    PyObject *fn = PyCFunction_New(&meta_new_def, NULL);
    PyObject *sm = PyStaticMethod_New(fn);
    PyObject *meta = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){s:O}", "Meta",
                                           (PyObject *)&PyType_Type, "__new__", sm);
    CHECK(meta != NULL);
    CHECK_INT(meta_new_calls, 0);

    /* Meta("A", (), {}) goes through Meta.__new__ */
    PyObject *a = PyObject_CallFunction(meta, "s(){}", "A");
    CHECK(a != NULL && Py_IS_TYPE(a, (PyTypeObject *)meta));
    CHECK_INT(meta_new_calls, 1);

    /* type("B", (A,), {}): the winner is Meta, whose __new__ makes B */
    PyObject *b = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){}", "B", a);
    CHECK(b != NULL && Py_IS_TYPE(b, (PyTypeObject *)meta));
    CHECK_INT(meta_new_calls, 2);
    PyObject *tag = b ? PyObject_GetAttrString(b, "tagged") : NULL;
    CHECK(tag == Py_True);
    Py_XDECREF(tag);

    Py_XDECREF(b);
    Py_XDECREF(a);
    Py_XDECREF(meta);
    Py_DECREF(sm);
    Py_DECREF(fn);
    Py_DECREF(type_new_wrapper);
    CHECK(!PyErr_Occurred());
    Py_Finalize();
    return TEST_DONE();
}
