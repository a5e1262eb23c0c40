/*
 * test_callmethod_format.c: PyObject_CallMethod with a Py_BuildValue format (its body calls
 * Py_VaBuildValue).
 */
#include "obj_util.h"

int main(void) {
    Py_Initialize();
    PyObject *l = PyList_New(0);
    /* One value that is not a tuple: one argument. */
    PyObject *r = PyObject_CallMethod(l, "__contains__", "i", 5);
    CHECK(r == Py_False);
    Py_XDECREF(r);
    /* A tuple format: spread into the arguments. */
    PyObject *x = PyLong_FromLong(3);
    r = PyObject_CallMethod(x, "__add__", "(i)", 4);
    CHECK_STR(repr(r), "7");
    Py_XDECREF(r);
    r = PyObject_CallMethod(x, "__add__", "O", x);
    CHECK_STR(repr(r), "6");
    Py_XDECREF(r);
    /* Wrong counts reach the method. */
    r = PyObject_CallMethod(x, "__add__", "ii", 1, 2);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "expected 1 argument, got 2");
    /* An empty format: no arguments. */
    r = PyObject_CallMethod(l, "__len__", "");
    CHECK_STR(repr(r), "0");
    Py_XDECREF(r);
    /* A bad format unit. */
    r = PyObject_CallMethod(x, "__add__", "!", 1);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "bad format char passed to Py_BuildValue");
    /* Missing attribute and NULL arguments. */
    r = PyObject_CallMethod(x, "nope", "i", 1);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'nope'");
    r = PyObject_CallMethod(NULL, "nope", NULL);
    CHECK(r == NULL);
    CHECK_EXC(PyExc_SystemError, "null argument to internal routine");
    Py_DECREF(x);
    Py_DECREF(l);
    CHECK_NO_EXC();
    Py_Finalize();
    return TEST_DONE();
}
