/* Bound methods (`method`, types.MethodType) and `instancemethod` as CPython 3.13 gives
   them: PyMethod_New/Function/Self and the macros, calls with the instance prepended (by
   vectorcall, with and without PY_VECTORCALL_ARGUMENTS_OFFSET, keywords, and tp_call), repr,
   equality and hash (the instance by identity), attribute delegation to the function,
   binding (a method binds no further), the type's constructor and its errors; an
   instancemethod found on a class binds to instances and is the bare callable on the
   class. */
#include "obj_util.h"
#include <string.h>

/* Returns (self, args...) as a tuple, and keywords as a dict when any. */
static PyObject *echo(PyObject *self, PyObject *args, PyObject *kw) {
    (void)self;
    if (kw != NULL && PyDict_GET_SIZE(kw) > 0) return PyTuple_Pack(2, args, kw);
    return Py_NewRef(args);
}
static PyMethodDef echo_def = {"echo", (PyCFunction)(void (*)(void))echo, METH_VARARGS | METH_KEYWORDS,
                               "echo(*args, **kw)"};

static void test_method_basics(PyObject *f) {
    PyObject *inst = S("inst");
    PyObject *m = PyMethod_New(f, inst);
    CHECK(m != NULL && PyMethod_Check(m));
    CHECK(PyMethod_Function(m) == f && PyMethod_Self(m) == inst);
    CHECK(PyMethod_GET_FUNCTION(m) == f && PyMethod_GET_SELF(m) == inst);
    CHECK_STR(Py_TYPE(m)->tp_name, "method");

    /* Calls: the instance goes first. */
    PyObject *r = PyObject_CallNoArgs(m);
    CHECK_STR(repr(r), "('inst',)");
    Py_XDECREF(r);
    PyObject *a = I(1), *b = I(2);
    r = PyObject_CallFunctionObjArgs(m, a, b, NULL);
    CHECK_STR(repr(r), "('inst', 1, 2)");
    Py_XDECREF(r);
    PyObject *stack[3] = {NULL, a, b};     /* slot 0 lent to the callee */
    r = PyObject_Vectorcall(m, stack + 1, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    CHECK_STR(repr(r), "('inst', 1, 2)");
    CHECK(stack[0] == NULL && stack[1] == a);   /* the lent slot is given back */
    Py_XDECREF(r);
    PyObject *kwnames = Py_BuildValue("(s)", "k");
    r = PyObject_Vectorcall(m, stack + 1, 1, kwnames);
    CHECK_STR(repr(r), "(('inst', 1), {'k': 2})");
    Py_XDECREF(r);
    Py_DECREF(kwnames);
    PyObject *args = PyTuple_Pack(1, a), *kw = Py_BuildValue("{s:O}", "k", b);
    r = PyObject_Call(m, args, kw);
    CHECK_STR(repr(r), "(('inst', 1), {'k': 2})");
    Py_XDECREF(r);
    Py_DECREF(args);
    Py_DECREF(kw);

    /* repr, equality (same instance object, equal functions), hash */
    CHECK_STR(repr(m), "<bound method echo of 'inst'>");
    PyObject *m2 = PyMethod_New(f, inst);
    CHECK_INT(PyObject_RichCompareBool(m, m2, Py_EQ), 1);
    CHECK(PyObject_Hash(m) == PyObject_Hash(m2));
    PyObject *other = PyUnicode_FromFormat("%s", "inst");     /* equal, not identical */
    PyObject *m3 = PyMethod_New(f, other);
    CHECK_INT(PyObject_RichCompareBool(m, m3, Py_EQ), 0);
    CHECK_INT(PyObject_RichCompareBool(m, m3, Py_NE), 1);

    /* attributes: the method's own, then the function's */
    PyObject *v = PyObject_GetAttrString(m, "__func__");
    CHECK(v == f);
    Py_XDECREF(v);
    v = PyObject_GetAttrString(m, "__self__");
    CHECK(v == inst);
    Py_XDECREF(v);
    v = PyObject_GetAttrString(m, "__name__");
    CHECK_STR(utf8(v), "echo");
    Py_XDECREF(v);
    v = PyObject_GetAttrString(m, "__doc__");
    CHECK_STR(utf8(v), "echo(*args, **kw)");
    Py_XDECREF(v);
    CHECK(PyObject_GetAttrString(m, "nosuch") == NULL);
    CHECK_EXC(PyExc_AttributeError, "'builtin_function_or_method' object has no attribute 'nosuch'");
    CHECK_INT(PyObject_SetAttrString(m, "x", a), -1);
    CHECK_EXC(PyExc_AttributeError, "'method' object has no attribute 'x' and no __dict__ for setting new attributes");

    /* a bound method binds no further */
    descrgetfunc get = Py_TYPE(m)->tp_descr_get;
    CHECK(get != NULL);
    r = get(m, b, (PyObject *)Py_TYPE(b));
    CHECK(r == m);
    Py_XDECREF(r);

    /* PyMethod_Function/Self of a non-method */
    CHECK(PyMethod_Function(a) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyMethod_Self(a) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");

    Py_DECREF(m3);
    Py_DECREF(other);
    Py_DECREF(m2);
    Py_DECREF(m);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(inst);
}

static void test_method_type_call(PyObject *f) {
    PyObject *mt = (PyObject *)&PyMethod_Type;
    PyObject *one = I(1);
    PyObject *m = PyObject_CallFunctionObjArgs(mt, f, one, NULL);
    CHECK(m != NULL && PyMethod_Check(m));
    Py_XDECREF(m);
    CHECK(PyObject_CallFunctionObjArgs(mt, one, one, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "first argument must be callable");
    CHECK(PyObject_CallFunctionObjArgs(mt, f, Py_None, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "instance must not be None");
    CHECK(PyObject_CallFunctionObjArgs(mt, f, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "method expected 2 arguments, got 1");
    Py_DECREF(one);
}

static void test_instancemethod(PyObject *f) {
    PyObject *im = PyInstanceMethod_New(f);
    CHECK(im != NULL && PyInstanceMethod_Check(im));
    CHECK(PyInstanceMethod_Function(im) == f && PyInstanceMethod_GET_FUNCTION(im) == f);
    CHECK(PyInstanceMethod_Function(f) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");

    /* On a class made by type(): the class attribute is the bare callable, an instance's
       is a bound method. */
    PyObject *dict = Py_BuildValue("{s:O}", "m", im);
    PyObject *k = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", "K", (PyObject *)&PyBaseObject_Type, dict);
    CHECK(k != NULL);
    PyObject *on_class = PyObject_GetAttrString(k, "m");
    CHECK(on_class == f);
    Py_XDECREF(on_class);
    PyObject *o = PyObject_CallNoArgs(k);
    PyObject *bound = PyObject_GetAttrString(o, "m");
    CHECK(bound != NULL && PyMethod_Check(bound) && PyMethod_GET_SELF(bound) == o);
    PyObject *r = PyObject_CallMethod(o, "m", "i", 5);
    CHECK(r != NULL && PyTuple_Check(r) && PyTuple_GET_SIZE(r) == 2 && PyTuple_GET_ITEM(r, 0) == o);
    Py_XDECREF(r);
    /* calling the wrapper itself calls the callable */
    r = PyObject_CallNoArgs(im);
    CHECK_STR(repr(r), "()");
    Py_XDECREF(r);
    Py_XDECREF(bound);
    Py_XDECREF(o);
    Py_XDECREF(k);
    Py_DECREF(dict);
    Py_DECREF(im);
}

int main(void) {
    Py_Initialize();
    PyObject *f = PyCFunction_New(&echo_def, NULL);
    CHECK(f != NULL);
    test_method_basics(f);
    test_method_type_call(f);
    test_instancemethod(f);
    Py_DECREF(f);
    CHECK(!PyErr_Occurred());
    Py_Finalize();
    return TEST_DONE();
}
