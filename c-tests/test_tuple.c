/* tuple: the C API (PyTuple_*), its slots (repr, hash, comparison, sequence and mapping
   methods, iteration), with CPython 3.13's error texts and reference counts. */
#include "seq_util.h"

/* A tuple of keys with the given values (tags 0, 1, ...). */
static PyObject *keys(int n, const long *values) {
    PyObject *t = PyTuple_New(n);
    for (int i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, key_new(values[i], i));
    return t;
}

static void test_c_api(void) {
    /* (Strings of one character are shared singletons in CPython: not those.) */
    PyObject *a = PyUnicode_FromString("a1"), *b = PyUnicode_FromString("b1");
    PyObject *t = PyTuple_Pack(3, a, b, a);
    CHECK_INT(Py_REFCNT(a), 3);
    CHECK_INT(PyTuple_Size(t), 3);
    CHECK(PyTuple_GetItem(t, 1) == b);
    CHECK(PyTuple_GetItem(t, -1) == NULL);
    CHECK_ERR(PyExc_IndexError, "tuple index out of range");
    CHECK(PyTuple_GetItem(t, 3) == NULL);
    CHECK_ERR(PyExc_IndexError, "tuple index out of range");
    CHECK_INT(PyTuple_Size(Py_None), -1);
    CHECK_BADCALL();

    /* PyTuple_GetSlice clips its bounds; the whole of an exact tuple is itself. */
    PyObject *s = PyTuple_GetSlice(t, 1, 100);
    CHECK(s != NULL && PyTuple_GET_SIZE(s) == 2 && PyTuple_GET_ITEM(s, 0) == b);
    CHECK_INT(Py_REFCNT(a), 4);
    Py_DECREF(s);
    s = PyTuple_GetSlice(t, -5, 3);
    CHECK(s == t);
    Py_DECREF(s);
    s = PyTuple_GetSlice(t, 2, 1);
    CHECK(s == PyTuple_New(0));
    s = PyTuple_GetSlice(t, 7, 9);
    CHECK(s != NULL && PyTuple_GET_SIZE(s) == 0);
    Py_XDECREF(s);
    CHECK(PyTuple_GetSlice(Py_None, 0, 1) == NULL);
    CHECK_BADCALL();

    /* PyTuple_SetItem steals, also on error, and only works on unshared tuples. */
    Py_INCREF(b);
    CHECK_INT(PyTuple_SetItem(t, 5, b), -1);
    CHECK_ERR(PyExc_IndexError, "tuple assignment index out of range");
    CHECK_INT(Py_REFCNT(b), 2);
    Py_INCREF(t);
    Py_INCREF(b);
    CHECK_INT(PyTuple_SetItem(t, 0, b), -1);
    CHECK_BADCALL();
    CHECK_INT(Py_REFCNT(b), 2);
    Py_DECREF(t);
    Py_INCREF(b);
    CHECK_INT(PyTuple_SetItem(t, 0, b), 0);
    CHECK_INT(Py_REFCNT(a), 2);                  /* the old item was released */
    CHECK(PyTuple_GET_ITEM(t, 0) == b);
    Py_DECREF(t);
    CHECK_INT(Py_REFCNT(a), 1);
    CHECK_INT(Py_REFCNT(b), 1);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_resize(void) {
    PyObject *x = PyUnicode_FromString("x1");
    PyObject *t = PyTuple_New(2);
    Py_INCREF(x);
    PyTuple_SET_ITEM(t, 0, x);
    Py_INCREF(x);
    PyTuple_SET_ITEM(t, 1, x);
    CHECK_INT(_PyTuple_Resize(&t, 5), 0);        /* grow: new slots are NULL */
    CHECK(t != NULL && PyTuple_GET_SIZE(t) == 5 && PyTuple_GET_ITEM(t, 1) == x);
    CHECK(PyTuple_GET_ITEM(t, 2) == NULL && PyTuple_GET_ITEM(t, 4) == NULL);
    CHECK_INT(Py_REFCNT(t), 1);
    CHECK_INT(_PyTuple_Resize(&t, 1), 0);        /* shrink: dropped items are released */
    CHECK(t != NULL && PyTuple_GET_SIZE(t) == 1);
    CHECK_INT(Py_REFCNT(x), 2);
    CHECK_INT(_PyTuple_Resize(&t, 0), 0);        /* to the shared empty tuple */
    CHECK(t == PyTuple_New(0));
    CHECK_INT(Py_REFCNT(x), 1);
    CHECK_INT(_PyTuple_Resize(&t, 2), 0);        /* from the empty tuple: a new one */
    CHECK(t != NULL && t != PyTuple_New(0) && PyTuple_GET_SIZE(t) == 2);
    Py_INCREF(x);
    PyTuple_SET_ITEM(t, 0, x);
    Py_INCREF(x);
    PyTuple_SET_ITEM(t, 1, x);
    Py_INCREF(t);                                /* shared: refused, and *p released */
    PyObject *keep = t;
    CHECK_INT(_PyTuple_Resize(&t, 3), -1);
    CHECK_BADCALL();
    CHECK(t == NULL);
    CHECK_INT(Py_REFCNT(keep), 1);
    Py_DECREF(keep);
    CHECK_INT(Py_REFCNT(x), 1);
    PyObject *notuple = PyUnicode_FromString("s1");
    PyObject *p = notuple;
    Py_INCREF(notuple);
    CHECK_INT(_PyTuple_Resize(&p, 3), -1);
    CHECK_BADCALL();
    CHECK(p == NULL && Py_REFCNT(notuple) == 1);
    Py_DECREF(notuple);
    p = NULL;
    CHECK_INT(_PyTuple_Resize(&p, 3), -1);
    CHECK_BADCALL();
    Py_DECREF(x);
}

static void test_repr_hash(void) {
    PyObject *e = PyTuple_New(0);
    CHECK_STR(repr_str(e), "()");
    PyObject *a = PyUnicode_FromString("a"), *b = PyUnicode_FromString("b'");
    PyObject *t = PyTuple_Pack(1, a);
    CHECK_STR(repr_str(t), "('a',)");
    Py_DECREF(t);
    t = PyTuple_Pack(3, a, b, Py_None);
    CHECK_STR(repr_str(t), "('a', \"b'\", None)");
    PyObject *nested = PyTuple_Pack(2, t, e);
    CHECK_STR(repr_str(nested), "(('a', \"b'\", None), ())");
    Py_DECREF(nested);
    Py_DECREF(t);
    t = PyTuple_New(1);                          /* holds itself: the repr guard applies */
    Py_INCREF(t);
    PyTuple_SET_ITEM(t, 0, t);
    CHECK_STR(repr_str(t), "((...),)");
    PyTuple_SET_ITEM(t, 0, Py_None);             /* break the cycle by hand */
    Py_INCREF(Py_None);
    Py_DECREF(t);
    Py_DECREF(t);

    /* CPython's tuplehash over the items' hashes: Key hashes as its value, like an int. */
    CHECK(hash_of(e) == 5740354900026072187LL);
    long v123[] = {1, 2, 3}, vm1[] = {-1}, v5[] = {5}, zeros[10] = {0};
    t = keys(3, v123);
    CHECK(hash_of(t) == 529344067295497451LL);  /* hash((1, 2, 3)) */
    Py_DECREF(t);
    t = keys(1, vm1);
    CHECK(hash_of(t) == 8078679518589016365LL); /* hash((-1,)): the item hashes as -2 */
    Py_DECREF(t);
    t = keys(1, v5);
    CHECK(hash_of(t) == -7813438383599366905LL);
    Py_DECREF(t);
    t = keys(10, zeros);
    CHECK(hash_of(t) == -7222447081605638768LL);
    Py_DECREF(t);
    PyObject *l = PyList_New(0);
    t = PyTuple_Pack(2, a, l);
    CHECK(hash_of(t) == -1);
    CHECK_ERR(PyExc_TypeError, "unhashable type: 'list'");
    Py_DECREF(t);
    Py_DECREF(l);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_compare(void) {
    long v12[] = {1, 2}, v13[] = {1, 3}, v123[] = {1, 2, 3}, v21[] = {2, 1};
    PyObject *t12 = keys(2, v12), *t12b = keys(2, v12), *t13 = keys(2, v13);
    PyObject *t123 = keys(3, v123), *t21 = keys(2, v21), *e = PyTuple_New(0);
    CHECK_INT(cmp_bool(t12, t12b, Py_EQ), 1);    /* equal items, distinct objects */
    CHECK_INT(cmp_bool(t12, t12b, Py_NE), 0);
    CHECK_INT(cmp_bool(t12, t13, Py_LT), 1);
    CHECK_INT(cmp_bool(t13, t12, Py_GT), 1);
    CHECK_INT(cmp_bool(t12, t13, Py_GE), 0);
    CHECK_INT(cmp_bool(t12, t123, Py_LT), 1);    /* a prefix is smaller */
    CHECK_INT(cmp_bool(t123, t12, Py_LE), 0);
    CHECK_INT(cmp_bool(t12, t123, Py_EQ), 0);
    CHECK_INT(cmp_bool(e, t12, Py_LT), 1);
    CHECK_INT(cmp_bool(e, e, Py_LE), 1);
    CHECK_INT(cmp_bool(t21, t123, Py_GT), 1);

    /* The first differing item decides: items are compared with == up to it, then it
       alone with the operation. */
    key_reset();
    CHECK_INT(cmp_bool(t123, t13, Py_LT), 1);
    CHECK_INT(key_compares, 3);                  /* 1 == 1, 2 == 3, then 2 < 3 */
    key_reset();
    CHECK_INT(cmp_bool(t12, t13, Py_EQ), 0);
    CHECK_INT(key_compares, 2);                  /* == and != answer at the difference */
    key_fail_after = 1;                          /* an error in an item comparison */
    key_compares = 0;
    CHECK(richcmp(t123, t13, Py_LT) == NULL);
    CHECK_ERR(PyExc_RuntimeError, "comparison failed");
    key_reset();

    PyObject *l = PyList_New(0);
    PyObject *r = richcmp(t12, l, Py_LT);        /* not a tuple: NotImplemented */
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    Py_DECREF(l);
    PyObject *p1 = plain_new(), *p2 = plain_new();
    PyObject *u = PyTuple_Pack(1, p1), *w = PyTuple_Pack(1, p2);
    CHECK(richcmp(u, w, Py_LT) == NULL);
    CHECK_ERR(PyExc_TypeError, "'<' not supported between instances of 'testmod.Plain' and 'testmod.Plain'");
    CHECK_INT(cmp_bool(u, w, Py_EQ), 0);         /* == falls back to identity */
    Py_DECREF(u);
    Py_DECREF(w);
    Py_DECREF(p1);
    Py_DECREF(p2);
    Py_DECREF(t12);
    Py_DECREF(t12b);
    Py_DECREF(t13);
    Py_DECREF(t123);
    Py_DECREF(t21);
}

static void test_sequence(void) {
    PySequenceMethods *sq = PyTuple_Type.tp_as_sequence;
    long v123[] = {1, 2, 3};
    PyObject *t = keys(3, v123), *e = PyTuple_New(0);
    CHECK_INT(len_of(t), 3);
    CHECK_INT(PyTuple_Type.tp_as_mapping->mp_length(t), 3);

    PyObject *c = sq->sq_concat(t, t);
    CHECK(c != NULL && PyTuple_GET_SIZE(c) == 6 && PyTuple_GET_ITEM(c, 4) == PyTuple_GET_ITEM(t, 1));
    CHECK_INT(Py_REFCNT(PyTuple_GET_ITEM(t, 1)), 3);
    Py_XDECREF(c);
    c = sq->sq_concat(e, t);                     /* () + t is t itself */
    CHECK(c == t);
    Py_XDECREF(c);
    c = sq->sq_concat(t, e);
    CHECK(c == t);
    Py_XDECREF(c);
    PyObject *l = PyList_New(0);
    CHECK(sq->sq_concat(t, l) == NULL);
    CHECK_ERR(PyExc_TypeError, "can only concatenate tuple (not \"list\") to tuple");
    Py_DECREF(l);

    c = sq->sq_repeat(t, 3);
    CHECK(c != NULL && PyTuple_GET_SIZE(c) == 9 && PyTuple_GET_ITEM(c, 7) == PyTuple_GET_ITEM(t, 1));
    Py_XDECREF(c);
    c = sq->sq_repeat(t, 1);
    CHECK(c == t);
    Py_XDECREF(c);
    c = sq->sq_repeat(t, 0);
    CHECK(c == e);
    c = sq->sq_repeat(t, -4);
    CHECK(c == e);
    CHECK(sq->sq_repeat(t, PY_SSIZE_T_MAX / 2) == NULL);
    CHECK_ERR(PyExc_MemoryError, NULL);

    PyObject *x = item_of(t, 2);
    CHECK(x == PyTuple_GET_ITEM(t, 2));
    CHECK_INT(Py_REFCNT(x), 2);
    Py_XDECREF(x);
    CHECK(item_of(t, 3) == NULL);
    CHECK_ERR(PyExc_IndexError, "tuple index out of range");
    CHECK(item_of(t, -1) == NULL);               /* sq_item takes no negative index */
    CHECK_ERR(PyExc_IndexError, "tuple index out of range");

    PyObject *k2 = key_new(2, 99), *k9 = key_new(9, 99);
    CHECK_INT(contains(t, k2), 1);               /* by ==, not identity */
    CHECK_INT(contains(t, k9), 0);
    key_fail_after = 0;
    key_compares = 0;
    CHECK_INT(contains(t, k2), -1);
    CHECK_ERR(PyExc_RuntimeError, "comparison failed");
    key_reset();
    Py_DECREF(k2);
    Py_DECREF(k9);
    Py_DECREF(t);
}

static void test_subscript(void) {
    long v[] = {10, 11, 12, 13, 14};
    PyObject *t = keys(5, v);
    PyObject *x = getitem_i(t, -1);
    CHECK(x == PyTuple_GET_ITEM(t, 4));
    Py_XDECREF(x);
    x = getitem_i(t, 1);
    CHECK(x == PyTuple_GET_ITEM(t, 1));
    Py_XDECREF(x);
    CHECK(getitem_i(t, 5) == NULL);
    CHECK_ERR(PyExc_IndexError, "tuple index out of range");
    CHECK(getitem_i(t, -6) == NULL);
    CHECK_ERR(PyExc_IndexError, "tuple index out of range");
    x = getitem(t, Py_True);                     /* bool is an int */
    CHECK(x == PyTuple_GET_ITEM(t, 1));
    Py_XDECREF(x);

    PyObject *s = getslice(t, 1, 4, NONE);
    CHECK(s != NULL && PyTuple_GET_SIZE(s) == 3 && key_value(PyTuple_GET_ITEM(s, 0)) == 11);
    Py_XDECREF(s);
    s = getslice(t, NONE, NONE, -2);
    CHECK(s != NULL && PyTuple_GET_SIZE(s) == 3);
    CHECK(s && key_value(PyTuple_GET_ITEM(s, 0)) == 14 && key_value(PyTuple_GET_ITEM(s, 2)) == 10);
    Py_XDECREF(s);
    s = getslice(t, -100, 100, NONE);            /* the whole exact tuple is itself */
    CHECK(s == t);
    Py_XDECREF(s);
    s = getslice(t, 4, 1, NONE);
    CHECK(s == PyTuple_New(0));
    s = getslice(t, NONE, NONE, 0);
    CHECK(s == NULL);
    CHECK_ERR(PyExc_ValueError, "slice step cannot be zero");
    PyObject *str = PyUnicode_FromString("1");
    CHECK(getitem(t, str) == NULL);
    CHECK_ERR(PyExc_TypeError, "tuple indices must be integers or slices, not str");
    PyObject *bad = PySlice_New(str, NULL, NULL);
    CHECK(getitem(t, bad) == NULL);
    CHECK_ERR(PyExc_TypeError, "slice indices must be integers or None or have an __index__ method");
    Py_DECREF(bad);
    Py_DECREF(str);
    Py_DECREF(t);
}

static void test_new(void) {
    long v[] = {4, 5};
    PyObject *src = keys(2, v);
    PyObject *t = call_type(&PyTuple_Type, 1, src);  /* tuple(t) is t */
    CHECK(t == src);
    Py_XDECREF(t);
    PyObject *l = PyList_New(0);
    PyList_Append(l, PyTuple_GET_ITEM(src, 1));
    t = call_type(&PyTuple_Type, 1, l);
    CHECK(t != NULL && PyTuple_CheckExact(t) && PyTuple_GET_SIZE(t) == 1);
    CHECK(t && PyTuple_GET_ITEM(t, 0) == PyTuple_GET_ITEM(src, 1));
    Py_XDECREF(t);
    PyObject *r = call_type(&PyRange_Type, 1, Py_True);
    t = call_type(&PyTuple_Type, 1, r);              /* any iterable */
    CHECK(t != NULL && PyTuple_GET_SIZE(t) == 1 && PyLong_AsLong(PyTuple_GET_ITEM(t, 0)) == 0);
    Py_XDECREF(t);
    Py_DECREF(r);
    t = call_type(&PyTuple_Type, 0);
    CHECK(t == PyTuple_New(0));
    CHECK(call_type(&PyTuple_Type, 2, l, l) == NULL);
    CHECK_ERR(PyExc_TypeError, "tuple expected at most 1 argument, got 2");
    PyObject *n = PyLong_FromLong(5);
    CHECK(call_type(&PyTuple_Type, 1, n) == NULL);
    CHECK_ERR(PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(n);
    Py_DECREF(l);
    Py_DECREF(src);
}

static void test_iter(void) {
    long v[] = {1, 2};
    PyObject *t = keys(2, v);
    PyObject *it = iter_of(t);
    CHECK(it != NULL && strcmp(Py_TYPE(it)->tp_name, "tuple_iterator") == 0);
    CHECK_INT(Py_REFCNT(t), 2);                  /* the iterator holds the tuple */
    CHECK(PyIter_Check(it));
    PyObject *self = Py_TYPE(it)->tp_iter(it);
    CHECK(self == it);
    Py_XDECREF(self);
    PyObject *a = PyIter_Next(it), *b = PyIter_Next(it);
    CHECK(a == PyTuple_GET_ITEM(t, 0) && b == PyTuple_GET_ITEM(t, 1));
    Py_XDECREF(a);
    Py_XDECREF(b);
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    CHECK_INT(Py_REFCNT(t), 1);                  /* exhausted: the tuple is let go */
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    Py_XDECREF(it);
    Py_DECREF(t);
}

int main(void) {
    Py_Initialize();
    seq_types_ready();
    test_c_api();
    test_resize();
    test_repr_hash();
    test_compare();
    test_sequence();
    test_subscript();
    test_new();
    test_iter();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
