/* slice (PySlice_New, PySlice_Unpack, PySlice_AdjustIndices, PySlice_GetIndicesEx,
   PySlice_GetIndices, repr, comparison, hash) and range (construction, length, items,
   slicing, membership, comparison, hash, iteration), as CPython 3.13. */
#include "seq_util.h"

static PyObject *range1(long stop) {
    PyObject *a = PyLong_FromLong(stop);
    PyObject *r = call_type(&PyRange_Type, 1, a);
    Py_DECREF(a);
    return r;
}

static PyObject *range3(long start, long stop, long step) {
    PyObject *a = PyLong_FromLong(start), *b = PyLong_FromLong(stop), *c = PyLong_FromLong(step);
    PyObject *r = call_type(&PyRange_Type, 3, a, b, c);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    return r;
}

static void test_slice_object(void) {
    PyObject *one = PyLong_FromLong(1), *s1 = PyUnicode_FromString("s1");
    Py_ssize_t before = Py_REFCNT(s1);
    PyObject *s = PySlice_New(one, s1, NULL);
    CHECK(s != NULL && PySlice_Check(s) && Py_IS_TYPE(s, &PySlice_Type));
    PySliceObject *so = (PySliceObject *)s;
    CHECK(so->start == one && so->stop == s1 && so->step == Py_None);
    CHECK_INT(Py_REFCNT(s1), before + 1);
    Py_DECREF(s);
    s = PySlice_New(s1, s1, Py_None);
    CHECK_STR(repr_str(s), "slice('s1', 's1', None)");
    Py_DECREF(s);
    CHECK_INT(Py_REFCNT(s1), before);
    s = PySlice_New(NULL, NULL, NULL);
    CHECK_STR(repr_str(s), "slice(None, None, None)");
    CHECK(!PySlice_Check(one));

    /* slice() through its type, with CPython's argument errors. */
    PyObject *t = call_type(&PySlice_Type, 1, s1);
    CHECK_STR(repr_str(t), "slice(None, 's1', None)");
    Py_XDECREF(t);
    CHECK(call_type(&PySlice_Type, 0) == NULL);
    CHECK_ERR(PyExc_TypeError, "slice expected at least 1 argument, got 0");
    CHECK(call_type(&PySlice_Type, 4, one, one, one, one) == NULL);
    CHECK_ERR(PyExc_TypeError, "slice expected at most 3 arguments, got 4");

    /* Comparison as (start, stop, step) tuples; hash as CPython 3.12+. */
    PyObject *k1 = key_new(1, 0), *k2 = key_new(2, 0), *k3 = key_new(3, 0), *k3b = key_new(3, 1);
    PyObject *a = PySlice_New(k1, k2, k3), *b = PySlice_New(k1, k2, k3b), *c = PySlice_New(k1, k3, NULL);
    CHECK_INT(cmp_bool(a, b, Py_EQ), 1);
    CHECK_INT(cmp_bool(a, c, Py_LT), 1);
    CHECK_INT(cmp_bool(a, a, Py_GE), 1);
    CHECK_INT(cmp_bool(a, a, Py_LT), 0);
    PyObject *r = richcmp(a, one, Py_EQ);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    CHECK(hash_of(a) == -2340833382717974474LL);       /* hash(slice(1, 2, 3)) */
    PyObject *k7 = key_new(7, 0);
    PyObject *d = PySlice_New(NULL, k7, NULL);
    CHECK(hash_of(d) == 2622451306501157937LL);        /* hash(slice(None, 7, None)) */
    PyObject *l = PyList_New(0);
    PyObject *e = PySlice_New(l, NULL, NULL);
    CHECK(hash_of(e) == -1);
    CHECK_ERR(PyExc_TypeError, "unhashable type: 'list'");
    Py_DECREF(e);
    Py_DECREF(l);
    Py_DECREF(d);
    Py_DECREF(k7);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    Py_DECREF(k1);
    Py_DECREF(k2);
    Py_DECREF(k3);
    Py_DECREF(k3b);
    Py_DECREF(s);
    Py_DECREF(one);
    Py_DECREF(s1);
}

static void test_indices(void) {
    /* PySlice_Unpack then PySlice_AdjustIndices, against slice.indices(n) in CPython. */
    static const struct { long a, b, c, n, start, stop, len; } cases[] = {
        {NONE, NONE, NONE, 5, 0, 5, 5},  {NONE, NONE, NONE, 0, 0, 0, 0},
        {1, NONE, NONE, 5, 1, 5, 4},     {NONE, NONE, -1, 5, 4, -1, 5},
        {NONE, NONE, -1, 0, -1, -1, 0},  {-3, NONE, NONE, 5, 2, 5, 3},
        {2, -2, NONE, 5, 2, 3, 1},       {10, 0, -3, 5, 4, 0, 2},
        {-100, 100, 2, 5, 0, 5, 3},      {100, -100, -1, 5, 4, -1, 5},
        {3, 1, NONE, 5, 3, 1, 0},        {LONG_MAX, NONE, -2, 5, 4, -1, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PyObject *s = slice3(cases[i].a, cases[i].b, cases[i].c);
        Py_ssize_t start = -99, stop = -99, step = -99, len = -99;
        CHECK_INT(PySlice_Unpack(s, &start, &stop, &step), 0);
        CHECK_INT(step, cases[i].c == NONE ? 1 : cases[i].c);
        CHECK_INT(PySlice_AdjustIndices(cases[i].n, &start, &stop, step), cases[i].len);
        CHECK_INT(start, cases[i].start);
        CHECK_INT(stop, cases[i].stop);
        start = stop = step = -99;
        CHECK_INT(PySlice_GetIndicesEx(s, cases[i].n, &start, &stop, &step, &len), 0);
        CHECK_INT(len, cases[i].len);
        CHECK_INT(start, cases[i].start);
        len = -99;
        /* The function itself (deprecated in CPython in favour of the macro). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        CHECK_INT((PySlice_GetIndicesEx)(s, cases[i].n, &start, &stop, &step, &len), 0);
#pragma GCC diagnostic pop
        CHECK_INT(len, cases[i].len);
        Py_DECREF(s);
    }

    /* Defaults for None (before adjusting), and the step clamp. */
    PyObject *s = slice3(NONE, NONE, -1);
    Py_ssize_t start, stop, step, len;
    CHECK_INT(PySlice_Unpack(s, &start, &stop, &step), 0);
    CHECK(start == PY_SSIZE_T_MAX && stop == PY_SSIZE_T_MIN && step == -1);
    Py_DECREF(s);
    PyObject *lmin = PyLong_FromLong(LONG_MIN);  /* PY_SSIZE_T_MIN: negating it overflows */
    s = PySlice_New(NULL, NULL, lmin);
    CHECK_INT(PySlice_Unpack(s, &start, &stop, &step), 0);
    CHECK(step == -PY_SSIZE_T_MAX);
    Py_DECREF(s);
    Py_DECREF(lmin);

    /* Errors. */
    s = slice3(1, 2, 0);
    CHECK_INT(PySlice_Unpack(s, &start, &stop, &step), -1);
    CHECK_ERR(PyExc_ValueError, "slice step cannot be zero");
    len = 5;
    CHECK_INT(PySlice_GetIndicesEx(s, 10, &start, &stop, &step, &len), -1);
    CHECK_INT(len, 0);
    CHECK_ERR(PyExc_ValueError, "slice step cannot be zero");
    Py_DECREF(s);
    PyObject *str = PyUnicode_FromString("x1");
    s = PySlice_New(NULL, str, NULL);
    CHECK_INT(PySlice_Unpack(s, &start, &stop, &step), -1);
    CHECK_ERR(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    Py_DECREF(s);

    /* The old PySlice_GetIndices: no clipping, -1 without an exception. */
    s = slice3(-2, NONE, NONE);
    CHECK_INT(PySlice_GetIndices(s, 5, &start, &stop, &step), 0);
    CHECK(start == 3 && stop == 5 && step == 1);
    Py_DECREF(s);
    s = slice3(0, 9, NONE);
    CHECK_INT(PySlice_GetIndices(s, 5, &start, &stop, &step), -1);
    CHECK(!PyErr_Occurred());
    Py_DECREF(s);
    s = PySlice_New(str, NULL, NULL);
    CHECK_INT(PySlice_GetIndices(s, 5, &start, &stop, &step), -1);
    CHECK(!PyErr_Occurred());
    Py_DECREF(s);
    Py_DECREF(str);
}

static void test_range_construction(void) {
    PyObject *r = range1(5);
    CHECK(r != NULL && PyRange_Check(r));
    CHECK_STR(repr_str(r), "range(0, 5)");
    CHECK_INT(len_of(r), 5);
    Py_DECREF(r);
    r = range3(0, 10, 3);
    CHECK_STR(repr_str(r), "range(0, 10, 3)");
    CHECK_INT(len_of(r), 4);
    Py_DECREF(r);
    r = range3(-5, 5, 1);
    CHECK_STR(repr_str(r), "range(-5, 5)");
    Py_DECREF(r);
    r = range3(5, 2, 1);
    CHECK_INT(len_of(r), 0);
    CHECK_INT(PyRange_Type.tp_as_number->nb_bool(r), 0);
    Py_DECREF(r);
    r = call_type(&PyRange_Type, 2, Py_True, Py_True);   /* bool is an int */
    CHECK_STR(repr_str(r), "range(1, 1)");
    Py_XDECREF(r);

    PyObject *zero = PyLong_FromLong(0), *s = PyUnicode_FromString("x1");
    CHECK(call_type(&PyRange_Type, 3, zero, zero, zero) == NULL);
    CHECK_ERR(PyExc_ValueError, "range() arg 3 must not be zero");
    CHECK(call_type(&PyRange_Type, 0) == NULL);
    CHECK_ERR(PyExc_TypeError, "range expected at least 1 argument, got 0");
    CHECK(call_type(&PyRange_Type, 4, zero, zero, zero, zero) == NULL);
    CHECK_ERR(PyExc_TypeError, "range expected at most 3 arguments, got 4");
    CHECK(call_type(&PyRange_Type, 1, s) == NULL);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK(call_type(&PyRange_Type, 3, zero, zero, s) == NULL);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    Py_DECREF(zero);
    Py_DECREF(s);

    /* Longer than Py_ssize_t: len() overflows, truth does not. */
    r = range3(LONG_MIN, LONG_MAX, 1);
    CHECK_INT(len_of(r), -1);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
    CHECK_INT(PyRange_Type.tp_as_number->nb_bool(r), 1);
    PyObject *x = item_of(r, 3);
    CHECK(x != NULL && PyLong_AsLong(x) == LONG_MIN + 3);
    Py_XDECREF(x);
    Py_DECREF(r);
}

static void test_range_items(void) {
    PyObject *r = range3(0, 10, 3);             /* 0 3 6 9 */
    PyObject *x = item_of(r, 1);
    CHECK_INT(PyLong_AsLong(x), 3);
    Py_XDECREF(x);
    x = item_of(r, -1);                          /* range's sq_item takes negatives */
    CHECK_INT(PyLong_AsLong(x), 9);
    Py_XDECREF(x);
    CHECK(item_of(r, 4) == NULL);
    CHECK_ERR(PyExc_IndexError, "range object index out of range");
    CHECK(item_of(r, -5) == NULL);
    CHECK_ERR(PyExc_IndexError, "range object index out of range");
    x = getitem_i(r, -2);
    CHECK_INT(PyLong_AsLong(x), 6);
    Py_XDECREF(x);
    PyObject *s = PyUnicode_FromString("x1");
    CHECK(getitem(r, s) == NULL);
    CHECK_ERR(PyExc_TypeError, "range indices must be integers or slices, not str");

    /* Slices are ranges. */
    static const struct { long a, b, c, start, stop, step; const char *repr; } sl[] = {
        {NONE, NONE, -1, 0, 10, 3, "range(9, -3, -3)"},
        {1, 3, NONE, 0, 5, 1, "range(1, 3)"},
        {1, NONE, 2, 10, 0, -2, "range(8, 0, -4)"},
        {-3, NONE, NONE, 0, 20, 2, "range(14, 20, 2)"},
        {100, NONE, NONE, 0, 20, 2, "range(20, 20, 2)"},
        {NONE, NONE, -2, 0, 5, 1, "range(4, -1, -2)"},
        {-100, -1, 3, 0, 7, 2, "range(0, 6, 6)"},
    };
    for (size_t i = 0; i < sizeof sl / sizeof sl[0]; i++) {
        PyObject *base = range3(sl[i].start, sl[i].stop, sl[i].step);
        PyObject *sub = getslice(base, sl[i].a, sl[i].b, sl[i].c);
        CHECK_STR(repr_str(sub), sl[i].repr);
        Py_XDECREF(sub);
        Py_DECREF(base);
    }
    CHECK(getslice(r, NONE, NONE, 0) == NULL);
    CHECK_ERR(PyExc_ValueError, "slice step cannot be zero");
    PyObject *bad = PySlice_New(NULL, s, NULL);
    CHECK(getitem(r, bad) == NULL);
    CHECK_ERR(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    Py_DECREF(bad);

    /* Membership: arithmetic for ints, item by item for anything else. */
    PyObject *six = PyLong_FromLong(6), *seven = PyLong_FromLong(7), *big = PyLong_FromLong(1L << 50);
    CHECK_INT(contains(r, six), 1);
    CHECK_INT(contains(r, seven), 0);
    CHECK_INT(contains(r, big), 0);
    CHECK_INT(contains(r, Py_False), 1);         /* False == 0 */
    CHECK_INT(contains(r, Py_True), 0);
    CHECK_INT(contains(r, s), 0);
    PyObject *neg = range3(10, -10, -4);          /* 10 6 2 -2 -6 */
    PyObject *m6 = PyLong_FromLong(-6), *m10 = PyLong_FromLong(-10);
    CHECK_INT(contains(neg, m6), 1);
    CHECK_INT(contains(neg, m10), 0);
    CHECK_INT(contains(neg, six), 1);
    Py_DECREF(m6);
    Py_DECREF(m10);
    Py_DECREF(neg);
    Py_DECREF(six);
    Py_DECREF(seven);
    Py_DECREF(big);
    Py_DECREF(s);
    Py_DECREF(r);
}

static void test_range_compare_hash(void) {
    PyObject *a = range1(0), *b = range3(5, 2, 1), *c = range1(7), *d = range3(0, 7, 1);
    PyObject *e = range3(0, 1, 5), *f = range3(0, 1, 7), *g = range3(0, 7, 2);
    CHECK_INT(cmp_bool(a, b, Py_EQ), 1);         /* both empty */
    CHECK_INT(cmp_bool(c, d, Py_EQ), 1);
    CHECK_INT(cmp_bool(e, f, Py_EQ), 1);         /* one item each, same start */
    CHECK_INT(cmp_bool(c, g, Py_EQ), 0);
    CHECK_INT(cmp_bool(c, g, Py_NE), 1);
    PyObject *r = richcmp(c, d, Py_LT);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    PyObject *l = PyList_New(0);
    r = richcmp(a, l, Py_EQ);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    Py_DECREF(l);
    CHECK(hash_of(a) == 2676694398852732306LL);  /* hash(range(0)) */
    CHECK(hash_of(b) == hash_of(a));
    CHECK(hash_of(c) == -5488617717663682330LL); /* hash(range(7)) */
    CHECK(hash_of(d) == hash_of(c));
    CHECK(hash_of(e) == -6721383568238688696LL); /* hash(range(0, 1, 5)) */
    CHECK(hash_of(f) == hash_of(e));
    PyObject *h = range3(1, 10, 2);
    CHECK(hash_of(h) == -8580228179051518038LL);
    Py_DECREF(h);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    Py_DECREF(d);
    Py_DECREF(e);
    Py_DECREF(f);
    Py_DECREF(g);
}

static void test_range_iter(void) {
    PyObject *r = range3(10, 0, -3);
    PyObject *it = iter_of(r);
    CHECK(it != NULL && strcmp(Py_TYPE(it)->tp_name, "range_iterator") == 0);
    CHECK(PyIter_Check(it));
    long want[] = {10, 7, 4, 1}, got[8];
    int n = 0;
    PyObject *x;
    while (n < 8 && (x = PyIter_Next(it)) != NULL) {
        got[n++] = PyLong_AsLong(x);
        Py_DECREF(x);
    }
    CHECK(!PyErr_Occurred());
    CHECK_INT(n, 4);
    CHECK(memcmp(got, want, sizeof want) == 0);
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    Py_DECREF(it);
    Py_DECREF(r);

    /* Where start + len * step leaves a C long: the long iterator. */
    r = range3(LONG_MAX - 10, LONG_MAX, 3);
    it = iter_of(r);
    CHECK(it != NULL && strcmp(Py_TYPE(it)->tp_name, "longrange_iterator") == 0);
    n = 0;
    while ((x = PyIter_Next(it)) != NULL) {
        CHECK(PyLong_AsLong(x) == LONG_MAX - 10 + 3 * n);
        n++;
        Py_DECREF(x);
    }
    CHECK_INT(n, 4);
    Py_DECREF(it);
    Py_DECREF(r);
    r = range3(0, LONG_MAX - 1, 2);              /* the value after the last still fits */
    it = iter_of(r);
    CHECK(it != NULL && strcmp(Py_TYPE(it)->tp_name, "range_iterator") == 0);
    Py_XDECREF(it);
    Py_DECREF(r);
}

int main(void) {
    Py_Initialize();
    seq_types_ready();
    test_slice_object();
    test_indices();
    test_range_construction();
    test_range_items();
    test_range_compare_hash();
    test_range_iter();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
