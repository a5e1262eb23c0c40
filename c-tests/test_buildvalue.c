/* Py_BuildValue and Py_VaBuildValue: every format unit, containers and separators, the
   None / single item / tuple rule, reference counts (O and S take a reference, N steals
   one, also when the call fails), the NULL-object rule and CPython 3.13's error texts. */
#include "call_util.h"

static void test_numbers(void) {
    CHECK_STR(repr_steal(Py_BuildValue("")), "None");
    CHECK_STR(repr_steal(Py_BuildValue("  ,:")), "None");
    CHECK_STR(repr_steal(Py_BuildValue("i", -7)), "-7");
    CHECK_STR(repr_steal(Py_BuildValue("(i)", -7)), "(-7,)");
    CHECK_STR(repr_steal(Py_BuildValue("ii", 1, 2)), "(1, 2)");
    CHECK_STR(repr_steal(Py_BuildValue("b", -3)), "-3");
    CHECK_STR(repr_steal(Py_BuildValue("B", 200)), "200");
    CHECK_STR(repr_steal(Py_BuildValue("h", -32768)), "-32768");
    CHECK_STR(repr_steal(Py_BuildValue("H", 65535)), "65535");
    CHECK_STR(repr_steal(Py_BuildValue("I", UINT_MAX)), "4294967295");
    CHECK_STR(repr_steal(Py_BuildValue("i", INT_MIN)), "-2147483648");
    CHECK_STR(repr_steal(Py_BuildValue("l", LONG_MIN)), "-9223372036854775808");
    CHECK_STR(repr_steal(Py_BuildValue("k", ULONG_MAX)), "18446744073709551615");
    CHECK_STR(repr_steal(Py_BuildValue("L", LLONG_MAX)), "9223372036854775807");
    CHECK_STR(repr_steal(Py_BuildValue("K", ULLONG_MAX)), "18446744073709551615");
    CHECK_STR(repr_steal(Py_BuildValue("n", PY_SSIZE_T_MIN)), "-9223372036854775808");
    CHECK_STR(repr_steal(Py_BuildValue("d", 2.5)), "2.5");
    CHECK_STR(repr_steal(Py_BuildValue("f", 0.25f)), "0.25");
    CHECK_STR(repr_steal(Py_BuildValue("(bhilLnBHIkK)", 1, 2, 3, 4L, 5LL, (Py_ssize_t)6, 7, 8, 9u, 10UL, 11ULL)),
              "(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)");
    CHECK_STR(repr_steal(Py_BuildValue("(dfd)", 1.0, 2.0f, -0.0)), "(1.0, 2.0, -0.0)");
}

static void test_text(void) {
    CHECK_STR(repr_steal(Py_BuildValue("s", "h\xc3\xa9")), "'h\xc3\xa9'");
    CHECK_STR(repr_steal(Py_BuildValue("s#", "abcdef", (Py_ssize_t)3)), "'abc'");
    CHECK_STR(repr_steal(Py_BuildValue("s#", "a\0b", (Py_ssize_t)3)), "'a\\x00b'");
    CHECK_STR(repr_steal(Py_BuildValue("s#", "abc", (Py_ssize_t)-1)), "'abc'");
    CHECK_STR(repr_steal(Py_BuildValue("s", NULL)), "None");
    CHECK_STR(repr_steal(Py_BuildValue("z", NULL)), "None");
    CHECK_STR(repr_steal(Py_BuildValue("z#", NULL, (Py_ssize_t)5)), "None");
    CHECK_STR(repr_steal(Py_BuildValue("z", "zz")), "'zz'");
    CHECK_STR(repr_steal(Py_BuildValue("U", "uu")), "'uu'");
    CHECK_STR(repr_steal(Py_BuildValue("U#", "uvw", (Py_ssize_t)2)), "'uv'");
    CHECK_STR(repr_steal(Py_BuildValue("y", "by")), "b'by'");
    CHECK_STR(repr_steal(Py_BuildValue("y#", "\xff\0x", (Py_ssize_t)3)), "b'\\xff\\x00x'");
    CHECK_STR(repr_steal(Py_BuildValue("y", NULL)), "None");
    CHECK_STR(repr_steal(Py_BuildValue("u", L"w\u00e9")), "'w\xc3\xa9'");
    CHECK_STR(repr_steal(Py_BuildValue("u#", L"wide", (Py_ssize_t)2)), "'wi'");
    CHECK_STR(repr_steal(Py_BuildValue("u", (wchar_t *)NULL)), "None");
    CHECK_STR(repr_steal(Py_BuildValue("c", 'x')), "b'x'");
    CHECK_STR(repr_steal(Py_BuildValue("c", 0xff)), "b'\\xff'");
    CHECK_STR(repr_steal(Py_BuildValue("C", 0xe9)), "'\xc3\xa9'");
    CHECK_STR(repr_steal(Py_BuildValue("C", 0x1F600)), "'\xf0\x9f\x98\x80'");

    CHECK(Py_BuildValue("s", "\xff") == NULL);
    CHECK_ERR(PyExc_UnicodeDecodeError,
              "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    CHECK(Py_BuildValue("C", 0x110000) == NULL);
    CHECK_ERR(PyExc_ValueError, "chr() arg not in range(0x110000)");
    CHECK(Py_BuildValue("C", -1) == NULL);
    CHECK_ERR(PyExc_ValueError, "chr() arg not in range(0x110000)");
}

static void test_containers(void) {
    CHECK_STR(repr_steal(Py_BuildValue("()")), "()");
    CHECK_STR(repr_steal(Py_BuildValue("[]")), "[]");
    CHECK_STR(repr_steal(Py_BuildValue("{}")), "{}");
    CHECK_STR(repr_steal(Py_BuildValue("(())")), "((),)");
    CHECK_STR(repr_steal(Py_BuildValue("(i,i:i)", 1, 2, 3)), "(1, 2, 3)");
    CHECK_STR(repr_steal(Py_BuildValue("[i, s]", 1, "a")), "[1, 'a']");
    CHECK_STR(repr_steal(Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2)), "{'a': 1, 'b': 2}");
    CHECK_STR(repr_steal(Py_BuildValue("{i:i,i:i}", 1, 2, 1, 3)), "{1: 3}");
    CHECK_STR(repr_steal(Py_BuildValue("{s i s i}", "a", 1, "b", 2)), "{'a': 1, 'b': 2}");
    CHECK_STR(repr_steal(Py_BuildValue("((ii)[s{s:(i)}])", 1, 2, "x", "k", 3)), "((1, 2), ['x', {'k': (3,)}])");
    CHECK_STR(repr_steal(Py_BuildValue("\t(i)\t", 4)), "(4,)");
    CHECK_STR(repr_steal(Py_BuildValue("i:i", 1, 2)), "(1, 2)");
    /* One unit: separators and a trailing unknown character after it are not looked at. */
    CHECK_STR(repr_steal(Py_BuildValue("i ", 5)), "5");
    CHECK_STR(repr_steal(Py_BuildValue("i)", 5)), "5");
    CHECK_STR(repr_steal(Py_BuildValue("i&", 5)), "5");
    CHECK_STR(repr_steal(Py_BuildValue("i#", 5)), "5");
    /* Separators may also end a container, but not '#' or '&'. */
    CHECK_STR(repr_steal(Py_BuildValue("ii ", 1, 2)), "(1, 2)");
    CHECK_STR(repr_steal(Py_BuildValue("ii,:\t", 1, 2)), "(1, 2)");
    CHECK_STR(repr_steal(Py_BuildValue("(ii,)", 1, 2)), "(1, 2)");
    CHECK_STR(repr_steal(Py_BuildValue("[i ]", 1)), "[1]");
    CHECK_STR(repr_steal(Py_BuildValue("{i:i }", 1, 2)), "{1: 2}");
    CHECK(Py_BuildValue("ii #", 1, 2) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");
    CHECK(Py_BuildValue("ii &", 1, 2) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");

    /* Format errors. */
    CHECK(Py_BuildValue("(i", 1) == NULL);
    CHECK_ERR(PyExc_SystemError, "unmatched paren in format");
    CHECK(Py_BuildValue("[i}", 1) == NULL);
    CHECK_ERR(PyExc_SystemError, "unmatched paren in format");
    CHECK(Py_BuildValue("[i)]", 1) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");
    CHECK(Py_BuildValue("ii}", 1, 2) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");
    CHECK(Py_BuildValue("{s:i,s}", "a", 1, "b") == NULL);
    CHECK_ERR(PyExc_SystemError, "Bad dict format");
    CHECK(Py_BuildValue("x", 1) == NULL);
    CHECK_ERR(PyExc_SystemError, "bad format char passed to Py_BuildValue");
    CHECK(Py_BuildValue("#i", 1) == NULL);
    CHECK_ERR(PyExc_SystemError, "bad format char passed to Py_BuildValue");
    /* Inside a container a stray '#' is not counted as an item: the tuple ends early. */
    CHECK(Py_BuildValue("(i#)", 1) == NULL);
    CHECK_ERR(PyExc_SystemError, "Unmatched paren in format");
    PyObject *l = PyList_New(0);
    CHECK(Py_BuildValue("{O:i}", l, 2) == NULL);
    CHECK_ERR(PyExc_TypeError, "unhashable type: 'list'");
    CHECK_INT(Py_REFCNT(l), 1);
    Py_DECREF(l);
}

static PyObject *make_pair(void *arg) { return Py_BuildValue("(is)", *(int *)arg, "pair"); }
static PyObject *make_fail(void *arg) {
    PyErr_SetString(PyExc_RuntimeError, "make_fail");
    return NULL;
}

static void test_objects(void) {
    PyObject *a = PyUnicode_FromString("bv-a");
    Py_ssize_t rc = Py_REFCNT(a);

    /* O and S take a reference; N steals the caller's. */
    PyObject *t = Py_BuildValue("(OS)", a, a);
    CHECK_INT(Py_REFCNT(a), rc + 2);
    CHECK(PyTuple_GET_ITEM(t, 0) == a);
    Py_DECREF(t);
    CHECK_INT(Py_REFCNT(a), rc);
    PyObject *o = Py_BuildValue("O", a);
    CHECK(o == a);
    CHECK_INT(Py_REFCNT(a), rc + 1);
    Py_DECREF(o);
    Py_INCREF(a);
    t = Py_BuildValue("[N]", a);
    CHECK_INT(Py_REFCNT(a), rc + 1);       /* the list's, which was ours */
    Py_DECREF(t);
    CHECK_INT(Py_REFCNT(a), rc);

    /* N is consumed also when the call fails: before, after or inside the failing unit's
       container. */
    Py_INCREF(a);
    CHECK(Py_BuildValue("(Nx)", a) == NULL);
    CHECK_ERR(PyExc_SystemError, "bad format char passed to Py_BuildValue");
    CHECK_INT(Py_REFCNT(a), rc);
    Py_INCREF(a);
    CHECK(Py_BuildValue("(xN)", a) == NULL);
    CHECK_ERR(PyExc_SystemError, "bad format char passed to Py_BuildValue");
    CHECK_INT(Py_REFCNT(a), rc);
    Py_INCREF(a);
    Py_INCREF(a);
    CHECK(Py_BuildValue("N[i(x)N]", a, 1, a) == NULL);
    CHECK_ERR(PyExc_SystemError, "bad format char passed to Py_BuildValue");
    CHECK_INT(Py_REFCNT(a), rc);
    Py_INCREF(a);
    PyObject *l = PyList_New(0);
    CHECK(Py_BuildValue("{O:N}", l, a) == NULL);
    CHECK_ERR(PyExc_TypeError, "unhashable type: 'list'");
    CHECK_INT(Py_REFCNT(a), rc);
    Py_INCREF(a);
    CHECK(Py_BuildValue("{s:i,N}", "k", 1, a) == NULL);
    CHECK_ERR(PyExc_SystemError, "Bad dict format");
    CHECK_INT(Py_REFCNT(a), rc);
    Py_DECREF(l);

    /* A NULL object: SystemError unless an exception is already set (it is kept). */
    CHECK(Py_BuildValue("O", (PyObject *)NULL) == NULL);
    CHECK_ERR(PyExc_SystemError, "NULL object passed to Py_BuildValue");
    CHECK(Py_BuildValue("(iN)", 1, (PyObject *)NULL) == NULL);
    CHECK_ERR(PyExc_SystemError, "NULL object passed to Py_BuildValue");
    PyErr_SetString(PyExc_KeyError, "earlier");
    CHECK(Py_BuildValue("(S)", (PyObject *)NULL) == NULL);
    CHECK_ERR(PyExc_KeyError, "'earlier'");
    /* ... and the N objects after it are still consumed. */
    Py_INCREF(a);
    CHECK(Py_BuildValue("(ON)", (PyObject *)NULL, a) == NULL);
    CHECK_ERR(PyExc_SystemError, "NULL object passed to Py_BuildValue");
    CHECK_INT(Py_REFCNT(a), rc);

    /* O& calls a converter for a new reference. */
    int v = 42;
    CHECK_STR(repr_steal(Py_BuildValue("(O&)", make_pair, &v)), "((42, 'pair'),)");
    CHECK_STR(repr_steal(Py_BuildValue("N&", make_pair, &v)), "(42, 'pair')");
    CHECK(Py_BuildValue("[iO&]", 1, make_fail, NULL) == NULL);
    CHECK_ERR(PyExc_RuntimeError, "make_fail");
    Py_DECREF(a);
}

static PyObject *va_build(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    PyObject *o = Py_VaBuildValue(fmt, ap);
    va_end(ap);
    return o;
}

static void test_va(void) {
    CHECK_STR(repr_steal(va_build("(isd)", 3, "va", 0.5)), "(3, 'va', 0.5)");
    CHECK_STR(repr_steal(va_build("")), "None");
    CHECK(va_build("(i") == NULL);
    CHECK_ERR(PyExc_SystemError, "unmatched paren in format");
    /* The va_list is copied: the caller's stays where it was. */
    CHECK_STR(repr_steal(va_build("{sK}", "big", ULLONG_MAX)), "{'big': 18446744073709551615}");
}

int main(void) {
    Py_Initialize();
    test_numbers();
    test_text();
    test_containers();
    test_objects();
    test_va();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
