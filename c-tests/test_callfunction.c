/* PyObject_CallFunction (and _PyObject_CallFunction_SizeT, the name CPython 3.13 still
   exports for old PY_SSIZE_T_CLEAN builds): the arguments Py_BuildValue's format makes
   (none for NULL, "" or only separators; a tuple's items; one other value), N consumed also
   on failure, the callee's errors, CPython 3.13's texts; one recursion level per call. */
#include "call_util.h"

/* Not declared by CPython 3.13's headers, only exported. */
PyObject *_PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...);

static PyObject *echo(PyObject *self, PyObject *args) { return Py_NewRef(args); }
static PyObject *fast(PyObject *self, PyObject *const *args, Py_ssize_t n) {
    return PyTuple_Pack(2, PyLong_FromSsize_t(n), n > 0 ? args[0] : Py_None);
}
static PyObject *one_arg(PyObject *self, PyObject *arg) { return Py_NewRef(arg); }
static PyObject *fail(PyObject *self, PyObject *args) {
    PyErr_SetString(PyExc_ValueError, "callee failed");
    return NULL;
}

static PyMethodDef defs[] = {
    {"echo", echo, METH_VARARGS, NULL},
    {"fast", (PyCFunction)(void (*)(void))fast, METH_FASTCALL, NULL},
    {"one_arg", one_arg, METH_O, NULL},
    {"fail", fail, METH_VARARGS, NULL},
};

/* Each call through PyObject_Call / PyObject_Vectorcall counts one level of the C
   recursion limit, also for a METH_VARARGS function reached through tp_call (not two):
   CPython 3.13 raises RecursionError at depth 10001 for each of them. */
static PyObject *rec_fn;
static int depth;
static PyObject *rec_call(PyObject *self, PyObject *args) {
    depth++;
    return PyObject_Call(rec_fn, args, NULL);
}
static PyObject *rec_vector(PyObject *self, PyObject *args) {
    depth++;
    return PyObject_Vectorcall(rec_fn, NULL, 0, NULL);
}
static PyObject *rec_function(PyObject *self, PyObject *args) {
    depth++;
    return PyObject_CallFunction(rec_fn, NULL);
}
static PyMethodDef rec_defs[] = {
    {"rec_call", rec_call, METH_VARARGS, NULL},
    {"rec_vector", rec_vector, METH_VARARGS, NULL},
    {"rec_function", rec_function, METH_VARARGS | METH_KEYWORDS, NULL},
};

static void test_recursion_depth(void) {
    PyObject *empty = PyTuple_New(0);
    for (int i = 0; i < 3; i++) {
        rec_fn = PyCFunction_New(&rec_defs[i], NULL);
        depth = 0;
        CHECK(PyObject_Call(rec_fn, empty, NULL) == NULL);
        CHECK_ERR(PyExc_RecursionError, "maximum recursion depth exceeded while calling a Python object");
        CHECK_INT(depth, 10001);
        Py_DECREF(rec_fn);
    }
    Py_DECREF(empty);
}

int main(void) {
    Py_Initialize();
    PyObject *f = PyCFunction_New(&defs[0], NULL);
    PyObject *fa = PyCFunction_New(&defs[1], NULL);
    PyObject *o1 = PyCFunction_New(&defs[2], NULL);
    PyObject *ff = PyCFunction_New(&defs[3], NULL);
    PyObject *t = Py_BuildValue("(ii)", 1, 2);
    PyObject *s = PyUnicode_FromString("cf-not-immortal");
    Py_ssize_t rc = Py_REFCNT(s);

    /* No arguments. */
    CHECK_STR(repr_steal(PyObject_CallFunction(f, NULL)), "()");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "")), "()");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, " ")), "()");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "()")), "()");
    /* One value. */
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "i", 5)), "(5,)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, " i ", 5)), "(5,)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "i,", 5)), "(5,)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "s", "str")), "('str',)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "O", Py_None)), "(None,)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "z", NULL)), "(None,)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "[ii]", 5, 6)), "([5, 6],)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "{i:i }", 5, 6)), "({5: 6},)");
    CHECK_STR(repr_steal(PyObject_CallFunction(o1, "i", 7)), "7");
    /* Several values, or one tuple: its items are the arguments. */
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "ii", 5, 6)), "(5, 6)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "ii ", 5, 6)), "(5, 6)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "(ii)", 5, 6)), "(5, 6)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "(i) ", 5)), "(5,)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "((ii))", 5, 6)), "((5, 6),)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "O", t)), "(1, 2)");
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "OO", t, t)), "((1, 2), (1, 2))");
    CHECK_STR(repr_steal(PyObject_CallFunction(o1, "(i)", 8)), "8");
    CHECK_STR(repr_steal(PyObject_CallFunction(fa, "")), "(0, None)");
    CHECK_STR(repr_steal(PyObject_CallFunction(fa, "si", "x", 2)), "(2, 'x')");
    CHECK_STR(repr_steal(PyObject_CallFunction(fa, "O", t)), "(2, 1)");
    CHECK_STR(repr_steal(_PyObject_CallFunction_SizeT(f, "s#", "abcdef", (Py_ssize_t)2)), "('ab',)");
    CHECK_STR(repr_steal(_PyObject_CallFunction_SizeT(f, "y#i", "xyz", (Py_ssize_t)3, 4)), "(b'xyz', 4)");

    /* N gives the callee the reference. */
    Py_INCREF(s);
    CHECK_STR(repr_steal(PyObject_CallFunction(f, "N", s)), "('cf-not-immortal',)");
    CHECK_INT(Py_REFCNT(s), rc);

    /* Format errors (N is consumed). */
    CHECK(PyObject_CallFunction(f, "i)", 5) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");
    CHECK(PyObject_CallFunction(f, "i #", 5) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");
    CHECK(PyObject_CallFunction(f, "(i", 5) == NULL);
    CHECK_ERR(PyExc_SystemError, "unmatched paren in format");
    CHECK(PyObject_CallFunction(f, "x", 5) == NULL);
    CHECK_ERR(PyExc_SystemError, "bad format char passed to Py_BuildValue");
    CHECK(PyObject_CallFunction(f, "O", (PyObject *)NULL) == NULL);
    CHECK_ERR(PyExc_SystemError, "NULL object passed to Py_BuildValue");
    Py_INCREF(s);
    CHECK(PyObject_CallFunction(f, "Nx", s) == NULL);
    CHECK_ERR(PyExc_SystemError, "bad format char passed to Py_BuildValue");
    CHECK_INT(Py_REFCNT(s), rc);
    Py_INCREF(s);
    CHECK(PyObject_CallFunction(f, "N)", s) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");
    CHECK_INT(Py_REFCNT(s), rc);

    /* The callee's errors. */
    CHECK(PyObject_CallFunction(ff, "i", 1) == NULL);
    CHECK_ERR(PyExc_ValueError, "callee failed");
    CHECK(PyObject_CallFunction(o1, "ii", 1, 2) == NULL);
    CHECK_ERR(PyExc_TypeError, "one_arg() takes exactly one argument (2 given)");
    CHECK(PyObject_CallFunction(o1, NULL) == NULL);
    CHECK_ERR(PyExc_TypeError, "one_arg() takes exactly one argument (0 given)");
    CHECK(PyObject_CallFunction(s, "i", 1) == NULL);
    CHECK_ERR(PyExc_TypeError, "'str' object is not callable");

    /* A NULL callable: SystemError, and nothing is built (an N stays the caller's). */
    Py_INCREF(s);
    CHECK(PyObject_CallFunction(NULL, "N", s) == NULL);
    CHECK_ERR(PyExc_SystemError, "null argument to internal routine");
    CHECK_INT(Py_REFCNT(s), rc + 1);
    Py_DECREF(s);
    PyErr_SetString(PyExc_KeyError, "earlier");
    CHECK(PyObject_CallFunction(NULL, "i", 1) == NULL);
    CHECK_ERR(PyExc_KeyError, "'earlier'");

    test_recursion_depth();

    Py_DECREF(s);
    Py_DECREF(t);
    Py_DECREF(f);
    Py_DECREF(fa);
    Py_DECREF(o1);
    Py_DECREF(ff);
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
