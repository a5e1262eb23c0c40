/* The object model's core: immortality (PEP 683), reference counting, static types and
   PyType_Ready, the first constructors (int, str, tuple) and the error indicator. */
#include "obj_util.h"

static int deallocs;

typedef struct { PyObject_HEAD int value; } Thing;

static void thing_dealloc(PyObject *op) {
    deallocs++;
    PyObject_Free(op);
}

static PyTypeObject Thing_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Thing",
    .tp_basicsize = sizeof(Thing),
    .tp_dealloc = thing_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyTypeObject SubThing_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.SubThing",
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_base = &Thing_Type,
};

static void test_immortal(void) {
    PyObject *objs[] = { Py_None, Py_True, Py_False, Py_Ellipsis, Py_NotImplemented,
                         (PyObject *)&PyLong_Type, (PyObject *)&PyType_Type, PyExc_ValueError };
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) {
        Py_ssize_t before = Py_REFCNT(objs[i]);
        CHECK((uint32_t)before == UINT32_MAX);      /* PEP 683 on 64-bit: low half saturated */
        for (int k = 0; k < 1000; k++) Py_INCREF(objs[i]);
        for (int k = 0; k < 1000; k++) Py_DECREF(objs[i]);
        CHECK_INT(Py_REFCNT(objs[i]), before);
#ifdef SUBINTERP
        CHECK_INT(PyUnstable_IsImmortal(objs[i]), 1);   /* CPython 3.14 API */
#endif
    }
    PyObject *five = PyLong_FromLong(5), *five2 = PyLong_FromLong(5);
    CHECK(five == five2);                        /* small ints are shared singletons */
    CHECK((uint32_t)Py_REFCNT(five) == UINT32_MAX);
    PyObject *big = PyLong_FromLong(100000);
    CHECK_INT(Py_REFCNT(big), 1);
    Py_INCREF(big);
    CHECK_INT(Py_REFCNT(big), 2);
    Py_DECREF(big);
    Py_DECREF(big);
    PyObject *empty = PyTuple_New(0);
    CHECK((uint32_t)Py_REFCNT(empty) == UINT32_MAX);
    CHECK(PyTuple_New(0) == empty);
}

static void test_types(void) {
    CHECK(Py_TYPE(Py_None) != NULL);
    CHECK(Py_IS_TYPE(Py_True, &PyBool_Type));
    CHECK(PyType_IsSubtype(&PyBool_Type, &PyLong_Type));
    CHECK(!PyType_IsSubtype(&PyLong_Type, &PyBool_Type));
    CHECK(PyType_IsSubtype(&PyLong_Type, &PyBaseObject_Type));
    CHECK(PyObject_TypeCheck(Py_True, &PyLong_Type));
    CHECK(PyLong_Check(Py_True) && !PyLong_CheckExact(Py_True) && PyBool_Check(Py_True));
    CHECK(PyType_Check((PyObject *)&PyLong_Type));
    CHECK(PyType_HasFeature(&PyType_Type, Py_TPFLAGS_TYPE_SUBCLASS));
    CHECK(PyType_GetFlags(&PyTuple_Type) & Py_TPFLAGS_TUPLE_SUBCLASS);
    CHECK(PyType_IsSubtype((PyTypeObject *)PyExc_KeyError, (PyTypeObject *)PyExc_LookupError));
    CHECK(PyType_IsSubtype((PyTypeObject *)PyExc_ZeroDivisionError, (PyTypeObject *)PyExc_ArithmeticError));
    CHECK(PyExc_IOError == PyExc_OSError && PyExc_EnvironmentError == PyExc_OSError);

    CHECK_INT(PyType_Ready(&SubThing_Type), 0);      /* readies its base first */
    CHECK(PyType_HasFeature(&Thing_Type, Py_TPFLAGS_READY));
    CHECK(Thing_Type.tp_base == &PyBaseObject_Type);
    CHECK(Py_TYPE(&Thing_Type) == &PyType_Type);
    CHECK_INT(SubThing_Type.tp_basicsize, (Py_ssize_t)sizeof(Thing));   /* inherited */
    CHECK(SubThing_Type.tp_dealloc == thing_dealloc);
    CHECK(PyType_IsSubtype(&SubThing_Type, &Thing_Type));
    CHECK(PyTuple_Check(SubThing_Type.tp_mro));
    CHECK_INT(PyTuple_GET_SIZE(SubThing_Type.tp_mro), 3);
    CHECK(PyTuple_GET_ITEM(SubThing_Type.tp_mro, 0) == (PyObject *)&SubThing_Type);
    CHECK(PyTuple_GET_ITEM(SubThing_Type.tp_mro, 1) == (PyObject *)&Thing_Type);
    CHECK(PyTuple_GET_ITEM(SubThing_Type.tp_mro, 2) == (PyObject *)&PyBaseObject_Type);
    CHECK_INT(PyType_Ready(&SubThing_Type), 0);      /* idempotent */

    PyObject *name = PyType_GetName(&SubThing_Type);
    CHECK_STR(utf8(name), "SubThing");
    Py_XDECREF(name);

    deallocs = 0;
    Thing *t = PyObject_New(Thing, &SubThing_Type);
    CHECK(t != NULL && Py_TYPE(t) == &SubThing_Type && Py_REFCNT(t) == 1);
    t->value = 42;
    Py_INCREF(t);
    Py_DECREF(t);
    CHECK_INT(deallocs, 0);
    Py_DECREF(t);
    CHECK_INT(deallocs, 1);                     /* tp_dealloc ran at zero */

    PyObject *r = PyObject_Repr((PyObject *)&PyLong_Type);
    CHECK_STR(utf8(r), "<class 'int'>");
    Py_XDECREF(r);
    r = PyObject_Repr(Py_None);
    CHECK_STR(utf8(r), "None");
    Py_XDECREF(r);
    r = PyObject_Str(Py_Ellipsis);
    CHECK_STR(utf8(r), "Ellipsis");
    Py_XDECREF(r);
}

static void test_constructors(void) {
    CHECK_INT(PyLong_AsLong(PyLong_FromLong(-5)), -5);
    PyObject *v = PyLong_FromLong(-1234567890123L);
    CHECK_INT(PyLong_AsLong(v), -1234567890123LL);
    Py_DECREF(v);
    v = PyLong_FromLong(LONG_MIN);
    CHECK(PyLong_AsLong(v) == LONG_MIN && !PyErr_Occurred());
    Py_DECREF(v);
    CHECK(PyBool_FromLong(7) == Py_True && PyBool_FromLong(0) == Py_False);
    CHECK_INT(PyLong_AsLong(Py_True), 1);

    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo");        /* "héllo" */
    CHECK_INT(PyUnicode_GetLength(s), 5);
    Py_ssize_t n = 0;
    CHECK_STR(PyUnicode_AsUTF8AndSize(s, &n), "h\xc3\xa9llo");
    CHECK_INT(n, 6);
    CHECK(!PyUnicode_IS_ASCII(s));
    Py_DECREF(s);
    s = PyUnicode_FromStringAndSize("abc\0def", 7);
    CHECK_INT(PyUnicode_GetLength(s), 7);
    CHECK(PyUnicode_IS_ASCII(s) && PyUnicode_CheckExact(s));
    Py_DECREF(s);
    CHECK(PyUnicode_FromString("\xff") == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_UnicodeError));
    PyErr_Clear();

    PyObject *t = PyTuple_New(3);
    CHECK_INT(PyTuple_Size(t), 3);
    for (int i = 0; i < 3; i++) CHECK_INT(PyTuple_SetItem(t, i, PyLong_FromLong(i * 10)), 0);
    CHECK_INT(PyLong_AsLong(PyTuple_GetItem(t, 2)), 20);
    CHECK(PyTuple_GetItem(t, 3) == NULL && PyErr_ExceptionMatches(PyExc_IndexError));
    PyErr_Clear();
    CHECK(PyTuple_GetItem(Py_None, 0) == NULL && PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
    Py_DECREF(t);

    /* PyTuple_Pack is C-variadic (a naked trampoline into its C body here). */
    PyObject *a = PyLong_FromLong(1000), *b = PyUnicode_FromString("b");
    t = PyTuple_Pack(2, a, b);
    CHECK(t != NULL && PyTuple_GET_SIZE(t) == 2);
    CHECK(PyTuple_GET_ITEM(t, 0) == a && PyTuple_GET_ITEM(t, 1) == b);
    CHECK_INT(Py_REFCNT(a), 2);
    Py_DECREF(t);
    CHECK_INT(Py_REFCNT(a), 1);
    PyObject *many = PyTuple_Pack(20, a, a, a, a, a, a, a, a, a, a, b, b, b, b, b, b, b, b, b, b);
    CHECK(many != NULL && PyTuple_GET_SIZE(many) == 20 && PyTuple_GET_ITEM(many, 19) == b);
    Py_XDECREF(many);
    CHECK(PyTuple_Pack(0) == PyTuple_New(0));
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_errors(void) {
    CHECK(PyErr_Occurred() == NULL);
    PyErr_SetString(PyExc_ValueError, "bad value");
    CHECK(PyErr_Occurred() == PyExc_ValueError);
    CHECK(PyErr_ExceptionMatches(PyExc_Exception));
    CHECK(PyErr_ExceptionMatches(PyExc_ValueError));
    CHECK(!PyErr_ExceptionMatches(PyExc_TypeError));
    PyObject *exc = PyErr_GetRaisedException();
    CHECK(exc != NULL && PyErr_Occurred() == NULL);
    PyObject *s = PyObject_Str(exc), *r = PyObject_Repr(exc);
    CHECK_STR(utf8(s), "bad value");
    CHECK_STR(utf8(r), "ValueError('bad value')");
    Py_XDECREF(s);
    Py_XDECREF(r);
    PyErr_SetRaisedException(exc);
    CHECK(PyErr_Occurred() == PyExc_ValueError);
    PyObject *type = NULL, *value = NULL, *tb = NULL;
    PyErr_Fetch(&type, &value, &tb);
    CHECK(type == PyExc_ValueError && value != NULL && PyErr_Occurred() == NULL);
    PyErr_Restore(type, value, tb);
    CHECK(PyErr_GivenExceptionMatches(PyErr_Occurred(), PyExc_ValueError));
    PyErr_Clear();

    PyObject *key = PyUnicode_FromString("k");
    PyErr_SetObject(PyExc_KeyError, key);
    exc = PyErr_GetRaisedException();
    s = PyObject_Str(exc);
    CHECK_STR(utf8(s), "'k'");                  /* KeyError's str is the key's repr */
    Py_XDECREF(s);
    Py_DECREF(exc);
    Py_DECREF(key);

    PyErr_SetNone(PyExc_TypeError);
    exc = PyErr_GetRaisedException();
    r = PyObject_Repr(exc);
    CHECK_STR(utf8(r), "TypeError()");
    Py_XDECREF(r);
    Py_DECREF(exc);

    /* Not an exception class: SystemError instead. */
    PyErr_SetString(Py_None, "x");
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();

    CHECK(PyErr_NoMemory() == NULL && PyErr_ExceptionMatches(PyExc_MemoryError));
    PyErr_Clear();
    PyErr_BadInternalCall();
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();

    /* A tuple of classes matches if any does. */
    PyObject *classes = PyTuple_New(2);
    Py_INCREF(PyExc_TypeError);
    PyTuple_SET_ITEM(classes, 0, PyExc_TypeError);
    Py_INCREF(PyExc_LookupError);
    PyTuple_SET_ITEM(classes, 1, PyExc_LookupError);
    CHECK(PyErr_GivenExceptionMatches(PyExc_IndexError, classes));
    CHECK(!PyErr_GivenExceptionMatches(PyExc_ValueError, classes));
    Py_DECREF(classes);
}

/* Two own-GIL interpreters on two threads hammer the shared immortal objects: their
   counts never change, and nothing races (helgrind/TSan run this under check-valgrind). */
static void *hammer(void *arg) {
    (void)arg;
    PyThreadState *ts;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    if (PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg))) return (void *)1;
    PyObject *objs[] = { Py_None, Py_True, Py_False, PyLong_FromLong(7), PyTuple_New(0),
                         (PyObject *)&PyLong_Type };
    for (int k = 0; k < 2000000; k++) {
        PyObject *o = objs[k % 6];
        Py_INCREF(o);
        Py_DECREF(o);
    }
    Py_EndInterpreter(ts);
    return NULL;
}

static void test_shared_immortals(void) {
    Py_ssize_t before = Py_REFCNT(Py_None);
    PyThreadState *main_ts = PyEval_SaveThread();
    pthread_t t1, t2;
    void *r1, *r2;
    pthread_create(&t1, NULL, hammer, NULL);
    pthread_create(&t2, NULL, hammer, NULL);
    pthread_join(t1, &r1);
    pthread_join(t2, &r2);
    PyEval_RestoreThread(main_ts);
    CHECK(r1 == NULL && r2 == NULL);
    CHECK_INT(Py_REFCNT(Py_None), before);
    CHECK((uint32_t)Py_REFCNT(Py_True) == UINT32_MAX);
}

int main(void) {
    for (int round = 0; round < 2; round++) {   /* types are readied again after re-init */
        Py_Initialize();
        test_immortal();
        test_types();
        test_constructors();
        test_errors();
        test_shared_immortals();
        CHECK(PyErr_Occurred() == NULL);
        CHECK_INT(Py_FinalizeEx(), 0);
    }
    return TEST_DONE();
}
