/* The abstract protocols where they meet the concrete types: int() and float() of text in
   every form CPython accepts (str, bytes, bytearray, other buffers), int.__new__'s base=
   keyword, __float__ returning a float subclass, PyNumber_ToBase, PySequence_GetSlice /
   SetSlice / DelSlice on the builtin sequences, and PyMapping_Keys / Values / Items of a
   dict. Texts and values are CPython 3.13's. */
#include "obj_util.h"

/* --- types with conversion slots ---------------------------------------------------------- */

static PyTypeObject SubFloat_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "SubFloat",
    .tp_basicsize = sizeof(PyFloatObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *make_subfloat(double v) {
    PyObject *f = PyFloat_FromDouble(v);
    PyObject *args = PyTuple_Pack(1, f);
    PyObject *r = SubFloat_Type.tp_new(&SubFloat_Type, args, NULL);
    Py_DECREF(args);
    Py_DECREF(f);
    return r;
}

/* __float__ returns a SubFloat (deprecated, but accepted with a DeprecationWarning). */
static PyObject *fl_float(PyObject *o) { return make_subfloat(1.5); }
static PyNumberMethods fl_as_number = { .nb_float = fl_float };
static PyTypeObject Fl_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Fl",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &fl_as_number,
    .tp_new = PyType_GenericNew,
};

/* __index__ only: float() and int() go through it. */
static PyObject *ix_index(PyObject *o) { return PyLong_FromLong(7); }
static PyNumberMethods ix_as_number = { .nb_index = ix_index };
static PyTypeObject Ix_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "Ix",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &ix_as_number,
    .tp_new = PyType_GenericNew,
};

static PyObject *new_of(PyTypeObject *tp) {
    PyObject *args = PyTuple_New(0);
    PyObject *o = tp->tp_new(tp, args, NULL);
    Py_DECREF(args);
    return o;
}

/* --- int() ------------------------------------------------------------------------------- */

static void check_long(PyObject *o, long want) {
    PyObject *r = PyNumber_Long(o);
    CHECK(r != NULL && PyLong_CheckExact(r));
    if (r) CHECK_INT(PyLong_AsLong(r), want);
    Py_XDECREF(r);
    Py_DECREF(o);
}

static void test_int_of_text(void) {
    check_long(PyUnicode_FromString(" 12_3 "), 123);
    check_long(PyBytes_FromString("-45"), -45);
    check_long(PyByteArray_FromStringAndSize("12", 2), 12);
    PyObject *b = PyBytes_FromString("42");
    check_long(PyMemoryView_FromObject(b), 42);
    Py_DECREF(b);

    PyObject *o = PyByteArray_FromStringAndSize("1x", 2);
    CHECK(PyNumber_Long(o) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "invalid literal for int() with base 10: b'1x'");
    Py_DECREF(o);
    b = PyBytes_FromString("9z");
    o = PyMemoryView_FromObject(b);
    CHECK(PyNumber_Long(o) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "invalid literal for int() with base 10: b'9z'");
    Py_DECREF(o);
    Py_DECREF(b);
    o = PyDict_New();
    CHECK(PyNumber_Long(o) == NULL);
    CHECK_STR(err_text(PyExc_TypeError),
              "int() argument must be a string, a bytes-like object or a real number, not 'dict'");
    Py_DECREF(o);
    check_long(new_of(&Ix_Type), 7);
}

/* int.__new__(int, *args, **kwds) as a string of its result or error. */
static const char *int_new(PyObject *args, PyObject *kwds) {
    static char buf[256];
    PyObject *r = PyLong_Type.tp_new(&PyLong_Type, args, kwds);
    if (r == NULL) {
        snprintf(buf, sizeof buf, "%s", err_text(PyExc_TypeError));
    } else {
        snprintf(buf, sizeof buf, "%ld", PyLong_AsLong(r));
        Py_DECREF(r);
    }
    Py_DECREF(args);
    Py_XDECREF(kwds);
    return buf;
}

static PyObject *kw(const char *k1, PyObject *v1, const char *k2, PyObject *v2, const char *k3, PyObject *v3) {
    PyObject *d = PyDict_New();
    if (k1) { PyDict_SetItemString(d, k1, v1); Py_DECREF(v1); }
    if (k2) { PyDict_SetItemString(d, k2, v2); Py_DECREF(v2); }
    if (k3) { PyDict_SetItemString(d, k3, v3); Py_DECREF(v3); }
    return d;
}

static void test_int_new_keywords(void) {
    PyObject *s11 = PyUnicode_FromString("11");
    CHECK_STR(int_new(PyTuple_Pack(1, s11), kw("base", PyLong_FromLong(3), NULL, NULL, NULL, NULL)), "4");
    CHECK_STR(int_new(PyTuple_Pack(1, s11), kw("bas", PyLong_FromLong(3), NULL, NULL, NULL, NULL)),
              "int() got an unexpected keyword argument 'bas'. Did you mean 'base'?");
    CHECK_STR(int_new(PyTuple_Pack(2, s11, PyLong_FromLong(2)), kw("base", PyLong_FromLong(3), NULL, NULL, NULL, NULL)),
              "int() takes at most 2 arguments (3 given)");
    CHECK_STR(int_new(PyTuple_New(0), kw("x", PyLong_FromLong(1), "base", PyLong_FromLong(2), "c", PyLong_FromLong(3))),
              "int() takes at most 2 keyword arguments (3 given)");
    CHECK_STR(int_new(PyTuple_New(0), kw("x", PyUnicode_FromString("1"), NULL, NULL, NULL, NULL)),
              "int() got an unexpected keyword argument 'x'");
    CHECK_STR(int_new(PyTuple_New(0), kw("base", PyLong_FromLong(3), NULL, NULL, NULL, NULL)),
              "int() missing string argument");
    CHECK_STR(int_new(PyTuple_New(0), PyDict_New()), "0");
    PyObject *ba = PyByteArray_FromStringAndSize("11", 2);
    CHECK_STR(int_new(PyTuple_Pack(2, ba, PyLong_FromLong(2)), NULL), "3");
    CHECK_STR(int_new(PyTuple_Pack(1, ba), kw("base", PyLong_FromLong(0), NULL, NULL, NULL, NULL)), "11");
    Py_DECREF(ba);
    PyObject *n = PyLong_FromLong(5);
    CHECK_STR(int_new(PyTuple_Pack(1, n), kw("base", PyLong_FromLong(2), NULL, NULL, NULL, NULL)),
              "int() can't convert non-string with explicit base");
    Py_DECREF(n);
    Py_DECREF(s11);
}

/* --- float() ----------------------------------------------------------------------------- */

static void check_float(PyObject *o, double want) {
    PyObject *r = PyNumber_Float(o);
    CHECK(r != NULL && PyFloat_CheckExact(r));
    if (r) CHECK(PyFloat_AsDouble(r) == want);
    Py_XDECREF(r);
    Py_DECREF(o);
}

static void test_float_of_everything(void) {
    check_float(PyByteArray_FromStringAndSize("1.5", 3), 1.5);
    PyObject *b = PyBytes_FromString(" 2.5 ");
    check_float(PyMemoryView_FromObject(b), 2.5);
    Py_DECREF(b);
    check_float(new_of(&Ix_Type), 7.0);
    check_float(make_subfloat(-0.25), -0.25);

    PyObject *o = PyByteArray_FromStringAndSize("x", 1);
    CHECK(PyNumber_Float(o) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "could not convert string to float: bytearray(b'x')");
    CHECK(PyFloat_FromString(o) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "could not convert string to float: bytearray(b'x')");
    Py_DECREF(o);
    o = PyByteArray_FromStringAndSize("3.25", 4);
    PyObject *r = PyFloat_FromString(o);
    CHECK(r != NULL && PyFloat_AsDouble(r) == 3.25);
    Py_XDECREF(r);
    Py_DECREF(o);
    o = PyDict_New();
    CHECK(PyNumber_Float(o) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "float() argument must be a string or a real number, not 'dict'");
    Py_DECREF(o);

    /* __float__ returning a float subclass: the value, as an exact float (the
       DeprecationWarning is ignored by default). */
    o = new_of(&Fl_Type);
    r = PyNumber_Float(o);
    CHECK(r != NULL && PyFloat_CheckExact(r) && PyFloat_AsDouble(r) == 1.5);
    Py_XDECREF(r);
    CHECK(PyFloat_AsDouble(o) == 1.5);
    CHECK(PyErr_Occurred() == NULL);
    Py_DECREF(o);
}

/* --- PyNumber_ToBase --------------------------------------------------------------------- */

static void check_base(const char *digits, int base, const char *want) {
    PyObject *n = PyLong_FromString(digits, NULL, 10);
    PyObject *s = PyNumber_ToBase(n, base);
    CHECK_STR(s ? utf8(s) : err_text(NULL), want);
    Py_XDECREF(s);
    Py_DECREF(n);
}

static void test_to_base(void) {
    check_base("-255", 16, "-0xff");
    check_base("-255", 8, "-0o377");
    check_base("-255", 2, "-0b11111111");
    check_base("0", 2, "0b0");
    check_base("1267650600228229401496703205376", 16, "0x10000000000000000000000000");
    check_base("-1267650600228229401496703205377", 8, "-0o2000000000000000000000000000000001");
    check_base("-1267650600228229401496703205376", 10, "-1267650600228229401496703205376");
    PyObject *o = new_of(&Ix_Type);
    PyObject *s = PyNumber_ToBase(o, 2);
    CHECK_STR(s ? utf8(s) : "(error)", "0b111");
    Py_XDECREF(s);
    Py_DECREF(o);
}

/* --- slices ------------------------------------------------------------------------------ */

static void test_sequence_slices(void) {
    PyObject *l = PyList_New(0);
    for (long i = 0; i < 5; i++) {
        PyObject *v = PyLong_FromLong(i);
        PyList_Append(l, v);
        Py_DECREF(v);
    }
    PyObject *r = PySequence_GetSlice(l, 1, 3);
    CHECK_STR(repr(r), "[1, 2]");
    Py_XDECREF(r);
    r = PySequence_GetSlice(l, -2, PY_SSIZE_T_MAX);
    CHECK_STR(repr(r), "[3, 4]");
    Py_XDECREF(r);

    PyObject *t = PySequence_Tuple(l);
    r = PySequence_GetSlice(t, 0, 2);
    CHECK(r != NULL && PyTuple_CheckExact(r));
    CHECK_STR(repr(r), "(0, 1)");
    Py_XDECREF(r);
    PyObject *s = PyUnicode_FromString("hello");
    r = PySequence_GetSlice(s, 1, 3);
    CHECK_STR(r ? utf8(r) : err_text(NULL), "el");
    Py_XDECREF(r);

    PyObject *ins = PyTuple_Pack(2, s, s);
    CHECK_INT(PySequence_SetSlice(l, 1, 4, ins), 0);
    CHECK_STR(repr(l), "[0, 'hello', 'hello', 4]");
    CHECK_INT(PySequence_DelSlice(l, 0, 2), 0);
    CHECK_STR(repr(l), "['hello', 4]");
    CHECK_INT(PySequence_SetSlice(l, 0, 1, NULL), 0);
    CHECK_STR(repr(l), "[4]");

    CHECK_INT(PySequence_SetSlice(t, 0, 1, ins), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'tuple' object doesn't support slice assignment");
    CHECK_INT(PySequence_DelSlice(s, 0, 1), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'str' object doesn't support slice deletion");
    PyObject *n = PyLong_FromLong(3);
    CHECK(PySequence_GetSlice(n, 0, 1) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is unsliceable");
    Py_DECREF(n);
    Py_DECREF(ins);
    Py_DECREF(s);
    Py_DECREF(t);
    Py_DECREF(l);
}

/* o[start:stop:step] through PyObject_GetItem, as repr or error text. */
static const char *sliced(PyObject *o, long start, long stop, long step) {
    static char buf[128];
    PyObject *a = PyLong_FromLong(start), *b = PyLong_FromLong(stop), *c = PyLong_FromLong(step);
    PyObject *sl = PySlice_New(a, b, c);
    PyObject *r = PyObject_GetItem(o, sl);
    snprintf(buf, sizeof buf, "%s", r ? repr(r) : err_text(NULL));
    Py_XDECREF(r);
    Py_DECREF(sl);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    Py_DECREF(o);
    return buf;
}

static void test_text_subscripts(void) {
    CHECK_STR(sliced(PyUnicode_FromString("hello"), 4, -6, -1), "'olleh'");
    CHECK_STR(sliced(PyUnicode_FromString("h\xc3\xa9llo\xe2\x82\xac"), 0, 9, 2), "'hlo'");
    CHECK_STR(sliced(PyUnicode_FromString("h\xc3\xa9llo\xe2\x82\xac"), 1, 6, 4), "'\xc3\xa9\xe2\x82\xac'");
    CHECK_STR(sliced(PyUnicode_FromString("abc"), 5, 9, 1), "''");
    CHECK_STR(sliced(PyBytes_FromString("abcdef"), 1, 5, 2), "b'bd'");
    CHECK_STR(sliced(PyBytes_FromString("abcdef"), -2, 100, 1), "b'ef'");
    CHECK_STR(sliced(PyByteArray_FromStringAndSize("abcdef", 6), 5, -100, -2), "bytearray(b'fdb')");
    CHECK_STR(sliced(PyByteArray_FromStringAndSize("abcdef", 6), 0, 2, 1), "bytearray(b'ab')");
    CHECK_STR(sliced(PyUnicode_FromString("abc"), 0, 1, 0), "slice step cannot be zero");

    PyObject *s = PyUnicode_FromString("hello");
    PyObject *i = PyLong_FromLong(-1);
    PyObject *r = PyObject_GetItem(s, i);
    CHECK_STR(r ? utf8(r) : err_text(NULL), "o");
    Py_XDECREF(r);
    PyObject *f = PyFloat_FromDouble(1.0);
    CHECK(PyObject_GetItem(s, f) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "string indices must be integers, not 'float'");
    CHECK_INT(PyMapping_Check(s), 1);
    Py_DECREF(f);
    Py_DECREF(i);
    Py_DECREF(s);
}

/* --- PyMapping_Keys / Values / Items ----------------------------------------------------- */

static void test_mapping_lists(void) {
    PyObject *d = PyDict_New();
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    PyDict_SetItemString(d, "b", one);
    PyDict_SetItemString(d, "a", two);
    PyObject *r = PyMapping_Keys(d);
    CHECK(r != NULL && PyList_CheckExact(r));
    CHECK_STR(repr(r), "['b', 'a']");
    Py_XDECREF(r);
    r = PyMapping_Values(d);
    CHECK_STR(repr(r), "[1, 2]");
    Py_XDECREF(r);
    r = PyMapping_Items(d);
    CHECK(r != NULL && PyList_CheckExact(r));
    CHECK_STR(repr(r), "[('b', 1), ('a', 2)]");
    Py_XDECREF(r);
    PyObject *e = PyDict_New();
    r = PyMapping_Items(e);
    CHECK_STR(repr(r), "[]");
    Py_XDECREF(r);
    Py_DECREF(e);
    Py_DECREF(one);
    Py_DECREF(two);
    Py_DECREF(d);
}

int main(void) {
    Py_Initialize();
    SubFloat_Type.tp_base = &PyFloat_Type;
    CHECK_INT(PyType_Ready(&SubFloat_Type), 0);
    CHECK_INT(PyType_Ready(&Fl_Type), 0);
    CHECK_INT(PyType_Ready(&Ix_Type), 0);
    test_int_of_text();
    test_int_new_keywords();
    test_float_of_everything();
    test_to_base();
    test_sequence_slices();
    test_text_subscripts();
    test_mapping_lists();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
