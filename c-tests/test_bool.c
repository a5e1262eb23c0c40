/* bool: its repr, &|^ between bools, bool() through tp_new, int behaviour everywhere
   else, and that it cannot be subclassed. */
#include "num_util.h"

static PyObject *call_bool(PyObject *args) {
    PyObject *r = PyBool_Type.tp_new(&PyBool_Type, args, NULL);
    Py_DECREF(args);
    return r;
}

static int nonzero_calls;
static int raising_bool(PyObject *self) {
    nonzero_calls++;
    PyErr_SetString(PyExc_RuntimeError, "no truth here");
    return -1;
}
static PyNumberMethods Liar_number = { .nb_bool = raising_bool };
typedef struct { PyObject_HEAD } Liar;
static PyTypeObject Liar_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Liar", .tp_basicsize = sizeof(Liar), .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &Liar_number,
};

static PyObject *return_true(void) { Py_RETURN_TRUE; }

static void test_repr_and_identity(void) {
    CHECK_STR(describe(PyObject_Repr(Py_True)), "'True'");
    CHECK_STR(describe(PyObject_Str(Py_False)), "'False'");
    CHECK(PyBool_FromLong(-3) == Py_True && PyBool_FromLong(0) == Py_False);
    CHECK(Py_IsTrue(Py_True) && Py_IsFalse(Py_False) && !Py_IsTrue(Py_False));
    CHECK(PyBool_Check(Py_True) && PyLong_Check(Py_True) && !PyLong_CheckExact(Py_True));
    PyObject *one = PyLong_FromLong(1);
    CHECK(!PyBool_Check(one));
    CHECK(_Py_IsImmortal(Py_True) && _Py_IsImmortal(Py_False));
    CHECK(!(PyBool_Type.tp_flags & Py_TPFLAGS_BASETYPE));       /* not subclassable */
    CHECK(PyBool_Type.tp_base == &PyLong_Type);
    CHECK(Py_TYPE(Py_True) == &PyBool_Type);
    CHECK(return_true() == Py_True);
    Py_DECREF(one);
}

static void test_bitwise(void) {
    PyNumberMethods *n = PyBool_Type.tp_as_number;
    PyObject *one = PyLong_FromLong(1), *three = PyLong_FromLong(3), *r;
    CHECK((r = n->nb_and(Py_True, Py_True)) == Py_True);
    Py_XDECREF(r);
    CHECK((r = n->nb_and(Py_True, Py_False)) == Py_False);
    Py_XDECREF(r);
    CHECK((r = n->nb_or(Py_False, Py_True)) == Py_True);
    Py_XDECREF(r);
    CHECK((r = n->nb_or(Py_False, Py_False)) == Py_False);
    Py_XDECREF(r);
    CHECK((r = n->nb_xor(Py_True, Py_True)) == Py_False);
    Py_XDECREF(r);
    CHECK((r = n->nb_xor(Py_True, Py_False)) == Py_True);
    Py_XDECREF(r);
    /* A bool with an int: int's answer, an int. */
    r = n->nb_and(Py_True, three);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 1);
    Py_XDECREF(r);
    r = n->nb_or(three, Py_False);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 3);
    Py_XDECREF(r);
    r = n->nb_xor(Py_True, one);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 0);
    Py_XDECREF(r);
    PyObject *f = PyFloat_FromDouble(1.0);
    r = n->nb_and(Py_True, f);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    Py_DECREF(f);
    /* Everything else is int's: True + True == 2, ~True == -2, -True == -1. */
    CHECK_STR(describe(n->nb_add(Py_True, Py_True)), "2");
    CHECK_STR(describe(n->nb_invert(Py_True)), "-2");
    CHECK_STR(describe(n->nb_negative(Py_True)), "-1");
    CHECK_STR(describe(n->nb_multiply(Py_False, three)), "0");
    CHECK_STR(describe(n->nb_power(Py_True, one, Py_None)), "1");     /* an int, not True */
    r = n->nb_int(Py_True);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 1);
    Py_XDECREF(r);
    r = n->nb_index(Py_False);
    CHECK(r != NULL && PyLong_CheckExact(r) && PyLong_AsLong(r) == 0);
    Py_XDECREF(r);
    CHECK_STR(describe(n->nb_float(Py_True)), "1.0");
    CHECK_INT(n->nb_bool(Py_True), 1);
    CHECK_INT(n->nb_bool(Py_False), 0);
    CHECK_INT(PyBool_Type.tp_hash(Py_True), 1);
    CHECK_INT(PyBool_Type.tp_hash(Py_False), 0);
    r = PyBool_Type.tp_richcompare(Py_True, one, Py_EQ);
    CHECK(r == Py_True);
    Py_XDECREF(r);
    r = PyBool_Type.tp_richcompare(Py_False, Py_True, Py_LT);
    CHECK(r == Py_True);
    Py_XDECREF(r);
    CHECK_INT(PyLong_AsLong(Py_True), 1);
    CHECK(PyFloat_AsDouble(Py_True) == 1.0);
    Py_DECREF(one);
    Py_DECREF(three);
}

static void test_bool_new(void) {
    CHECK(call_bool(PyTuple_New(0)) == Py_False);
    CHECK(call_bool(PyTuple_Pack(1, Py_None)) == Py_False);
    PyObject *zero = PyLong_FromLong(0), *big = PyLong_FromString("-100000000000000000000", NULL, 10);
    PyObject *fz = PyFloat_FromDouble(-0.0), *fn = PyFloat_FromDouble(NAN);
    CHECK(call_bool(PyTuple_Pack(1, zero)) == Py_False);
    CHECK(call_bool(PyTuple_Pack(1, big)) == Py_True);
    CHECK(call_bool(PyTuple_Pack(1, fz)) == Py_False);
    CHECK(call_bool(PyTuple_Pack(1, fn)) == Py_True);
    CHECK(call_bool(PyTuple_Pack(1, Py_True)) == Py_True);
    CHECK(call_bool(PyTuple_Pack(1, (PyObject *)&PyLong_Type)) == Py_True);   /* objects are true */
    CHECK_EXC(call_bool(PyTuple_Pack(2, zero, zero)), PyExc_TypeError, "bool expected at most 1 argument, got 2");
    CHECK(PyType_Ready(&Liar_Type) == 0);
    PyObject *liar = PyObject_New(PyObject, &Liar_Type);
    CHECK_EXC(call_bool(PyTuple_Pack(1, liar)), PyExc_RuntimeError, "no truth here");
    CHECK_INT(nonzero_calls, 1);
    Py_DECREF(liar);
    Py_DECREF(zero); Py_DECREF(big); Py_DECREF(fz); Py_DECREF(fn);
}

int main(void) {
    Py_Initialize();
    test_repr_and_identity();
    test_bitwise();
    test_bool_new();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
