/* list: the C API (PyList_*), sorting (stability, errors, changes during the sort, the
   int and str fast paths), slices, and the slots, with CPython 3.13's error texts and
   reference counts. */
#include "seq_util.h"

/* A list of keys with the given values (tags 0, 1, ...). */
static PyObject *keylist(int n, const long *values) {
    PyObject *l = PyList_New(n);
    for (int i = 0; i < n; i++) PyList_SET_ITEM(l, i, key_new(values[i], i));
    return l;
}

/* The key values of a list, as "v,v,v". */
static const char *values_of(PyObject *l) {
    static char buf[4096];
    size_t n = 0;
    buf[0] = '\0';
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(l) && n < sizeof buf - 32; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, i ? ",%ld" : "%ld", key_value(PyList_GET_ITEM(l, i)));
    }
    return buf;
}

static void test_basics(void) {
    PyObject *l = PyList_New(0);
    CHECK(l != NULL && PyList_Check(l) && PyList_CheckExact(l) && PyList_GET_SIZE(l) == 0);
    CHECK(PyList_New(-1) == NULL);
    CHECK_BADCALL();
    /* (Strings of one character are shared singletons in CPython: not those.) */
    PyObject *a = PyUnicode_FromString("a1"), *b = PyUnicode_FromString("b1");
    CHECK_INT(PyList_Append(l, a), 0);
    CHECK_INT(PyList_Append(l, b), 0);
    CHECK_INT(Py_REFCNT(a), 2);                  /* Append borrows */
    CHECK_INT(PyList_Size(l), 2);
    CHECK(PyList_GetItem(l, 0) == a && PyList_GET_ITEM(l, 1) == b);
    CHECK(PyList_GetItem(l, 2) == NULL);
    CHECK_ERR(PyExc_IndexError, "list index out of range");
    CHECK(PyList_GetItem(l, -1) == NULL);
    CHECK_ERR(PyExc_IndexError, "list index out of range");
    CHECK(PyList_GetItem(a, 0) == NULL);
    CHECK_BADCALL();
    CHECK_INT(PyList_Size(a), -1);
    CHECK_BADCALL();
    CHECK_INT(PyList_Append(l, NULL), -1);
    CHECK_BADCALL();
    CHECK_INT(PyList_Append(a, b), -1);
    CHECK_BADCALL();

    PyObject *r = PyList_GetItemRef(l, 1);       /* 3.13: a new reference */
    CHECK(r == b && Py_REFCNT(b) == 3);
    Py_XDECREF(r);
    CHECK(PyList_GetItemRef(l, 5) == NULL);
    CHECK_ERR(PyExc_IndexError, "list index out of range");
    CHECK(PyList_GetItemRef(a, 0) == NULL);
    CHECK_ERR(PyExc_TypeError, "expected a list");

    /* SetItem steals (also on error) and releases the old item. */
    Py_INCREF(a);
    CHECK_INT(PyList_SetItem(l, 1, a), 0);
    CHECK_INT(Py_REFCNT(b), 1);
    CHECK_INT(Py_REFCNT(a), 3);
    Py_INCREF(b);
    CHECK_INT(PyList_SetItem(l, 2, b), -1);
    CHECK_ERR(PyExc_IndexError, "list assignment index out of range");
    CHECK_INT(Py_REFCNT(b), 1);
    Py_INCREF(b);
    CHECK_INT(PyList_SetItem(a, 0, b), -1);
    CHECK_BADCALL();
    CHECK_INT(Py_REFCNT(b), 1);

    /* Insert: negative positions count from the end, out of range ones are clipped. */
    PyObject *c = PyUnicode_FromString("c1"), *d = PyUnicode_FromString("d1");
    CHECK_INT(PyList_Insert(l, 0, c), 0);        /* c a a */
    CHECK_INT(PyList_Insert(l, -1, d), 0);       /* c a d a */
    CHECK_INT(PyList_Insert(l, 100, b), 0);      /* c a d a b */
    CHECK_INT(PyList_Insert(l, -100, b), 0);     /* b c a d a b */
    CHECK_STR(repr_str(l), "['b1', 'c1', 'a1', 'd1', 'a1', 'b1']");
    CHECK_INT(PyList_Insert(l, 0, NULL), -1);
    CHECK_BADCALL();

    CHECK_INT(PyList_Reverse(l), 0);
    CHECK_STR(repr_str(l), "['b1', 'a1', 'd1', 'a1', 'c1', 'b1']");
    CHECK_INT(PyList_Reverse(a), -1);
    CHECK_BADCALL();

    PyObject *t = PyList_AsTuple(l);
    CHECK(t != NULL && PyTuple_CheckExact(t) && PyTuple_GET_SIZE(t) == 6 && PyTuple_GET_ITEM(t, 2) == d);
    CHECK_INT(Py_REFCNT(d), 3);
    Py_XDECREF(t);
    CHECK(PyList_AsTuple(NULL) == NULL);
    CHECK_BADCALL();

    CHECK_INT(PyList_Clear(l), 0);               /* 3.13 */
    CHECK_INT(PyList_GET_SIZE(l), 0);
    CHECK_INT(Py_REFCNT(a), 1);
    CHECK_INT(Py_REFCNT(d), 1);
    CHECK_INT(PyList_Clear(a), -1);
    CHECK_BADCALL();
    Py_DECREF(l);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(c);
    Py_DECREF(d);
}

static void test_slices_c_api(void) {
    long v[] = {0, 1, 2, 3, 4};
    PyObject *l = keylist(5, v);
    PyObject *s = PyList_GetSlice(l, 1, 3);
    CHECK_STR(values_of(s), "1,2");
    Py_DECREF(s);
    s = PyList_GetSlice(l, -10, 100);            /* clipped; always a new list */
    CHECK(s != l && PyList_GET_SIZE(s) == 5);
    Py_DECREF(s);
    s = PyList_GetSlice(l, 4, 2);
    CHECK(s != NULL && PyList_GET_SIZE(s) == 0);
    Py_XDECREF(s);
    CHECK(PyList_GetSlice(Py_None, 0, 1) == NULL);
    CHECK_BADCALL();

    long w[] = {7, 8};
    PyObject *src = keylist(2, w);
    PyObject *k1 = PyList_GET_ITEM(l, 1);
    Py_INCREF(k1);
    CHECK_INT(PyList_SetSlice(l, 1, 3, src), 0); /* replace */
    CHECK_STR(values_of(l), "0,7,8,3,4");
    CHECK_INT(Py_REFCNT(k1), 1);                 /* the replaced item was released */
    Py_DECREF(k1);
    CHECK_INT(PyList_SetSlice(l, 2, 2, src), 0); /* insert */
    CHECK_STR(values_of(l), "0,7,7,8,8,3,4");
    CHECK_INT(PyList_SetSlice(l, 1, 5, NULL), 0); /* delete */
    CHECK_STR(values_of(l), "0,3,4");
    CHECK_INT(PyList_SetSlice(l, 3, 1, src), 0); /* hi < lo: insert at lo */
    CHECK_STR(values_of(l), "0,3,4,7,8");
    CHECK_INT(PyList_SetSlice(l, 1, 3, l), 0);   /* self-assignment sees the old items */
    CHECK_STR(values_of(l), "0,0,3,4,7,8,7,8");
    PyObject *tup = PyList_AsTuple(src);
    CHECK_INT(PyList_SetSlice(l, 0, 100, tup), 0); /* any iterable: a tuple */
    CHECK_STR(values_of(l), "7,8");
    Py_DECREF(tup);
    CHECK_INT(PyList_SetSlice(l, 0, 1, Py_None), -1);
    CHECK_ERR(PyExc_TypeError, "can only assign an iterable");
    CHECK_STR(values_of(l), "7,8");
    CHECK_INT(PyList_SetSlice(l, -5, 50, NULL), 0); /* delete everything */
    CHECK_INT(PyList_GET_SIZE(l), 0);
    CHECK_INT(PyList_SetSlice(Py_None, 0, 1, NULL), -1);
    CHECK_BADCALL();
    CHECK_INT(Py_REFCNT(PyList_GET_ITEM(src, 0)), 1);
    Py_DECREF(src);
    Py_DECREF(l);
}

static void test_extend(void) {
    long v[] = {1, 2};
    PyObject *l = keylist(2, v);
    CHECK_INT(PyList_Extend(l, l), 0);           /* doubles */
    CHECK_STR(values_of(l), "1,2,1,2");
    PyObject *t = PyList_AsTuple(l);
    CHECK_INT(PyList_Extend(l, t), 0);
    CHECK_INT(PyList_GET_SIZE(l), 8);
    Py_DECREF(t);
    PyObject *r = call_type(&PyRange_Type, 1, Py_True);  /* any iterable: range(1) */
    PyObject *l2 = PyList_New(0);
    CHECK_INT(PyList_Extend(l2, r), 0);
    CHECK(PyList_GET_SIZE(l2) == 1 && PyLong_AsLong(PyList_GET_ITEM(l2, 0)) == 0);
    Py_DECREF(r);
    Py_DECREF(l2);
    PyObject *n = PyLong_FromLong(5);
    CHECK_INT(PyList_Extend(l, n), -1);
    CHECK_ERR(PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(n);
    CHECK_INT(PyList_Extend(Py_None, l), -1);
    CHECK_BADCALL();
    CHECK_INT(Py_REFCNT(PyList_GET_ITEM(l, 0)), 4);
    Py_DECREF(l);
}

static void test_new_init(void) {
    PyObject *empty = PyTuple_New(0);
    PyObject *l = PyList_Type.tp_new(&PyList_Type, empty, NULL);
    CHECK(l != NULL && PyList_CheckExact(l) && PyList_GET_SIZE(l) == 0);
    long v[] = {1, 2, 3};
    PyObject *src = keylist(3, v);
    PyObject *args = PyTuple_Pack(1, src);
    CHECK_INT(PyList_Type.tp_init(l, args, NULL), 0);
    CHECK_STR(values_of(l), "1,2,3");
    Py_DECREF(args);
    PyObject *t = PyTuple_Pack(1, PyList_GET_ITEM(src, 2));
    args = PyTuple_Pack(1, t);
    CHECK_INT(PyList_Type.tp_init(l, args, NULL), 0); /* __init__ again: replaces */
    CHECK_STR(values_of(l), "3");
    Py_DECREF(args);
    CHECK_INT(PyList_Type.tp_init(l, empty, NULL), 0);
    CHECK_INT(PyList_GET_SIZE(l), 0);
    args = PyTuple_Pack(2, t, t);
    CHECK_INT(PyList_Type.tp_init(l, args, NULL), -1);
    CHECK_ERR(PyExc_TypeError, "list expected at most 1 argument, got 2");
    Py_DECREF(args);
    PyObject *n = PyLong_FromLong(5);
    args = PyTuple_Pack(1, n);
    CHECK_INT(PyList_Type.tp_init(l, args, NULL), -1);
    CHECK_ERR(PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(args);
    Py_DECREF(n);
    CHECK_INT(Py_REFCNT(PyList_GET_ITEM(src, 2)), 2);   /* src and t */
    Py_DECREF(t);
    Py_DECREF(src);
    Py_DECREF(l);
    Py_DECREF(empty);
}

static int is_permutation_of_tags(PyObject *l, int n) {
    char seen[4096] = {0};
    if (PyList_GET_SIZE(l) != n) return 0;
    for (int i = 0; i < n; i++) {
        long tag = key_tag(PyList_GET_ITEM(l, i));
        if (tag < 0 || tag >= n || seen[tag]) return 0;
        seen[tag] = 1;
    }
    return 1;
}

static void test_sort(void) {
    /* Stability: equal values keep their order (by tag). */
    enum { N = 2000 };
    long vals[N];
    unsigned x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        vals[i] = (long)((x >> 16) % 50);
    }
    PyObject *l = keylist(N, vals);
    key_reset();
    key_watch = l;
    CHECK_INT(PyList_Sort(l), 0);
    CHECK_INT(key_saw_len, 0);                   /* the list looks empty while sorted */
    int ok = 1;
    for (int i = 1; i < N; i++) {
        PyObject *p = PyList_GET_ITEM(l, i - 1), *q = PyList_GET_ITEM(l, i);
        if (key_value(p) > key_value(q) || (key_value(p) == key_value(q) && key_tag(p) > key_tag(q))) ok = 0;
    }
    CHECK(ok);
    CHECK(key_compares > N && key_compares < N * 20);
    Py_DECREF(l);

    /* Already sorted and reversed input: one run, N - 1 comparisons. */
    for (int i = 0; i < N; i++) vals[i] = i;
    l = keylist(N, vals);
    key_reset();
    CHECK_INT(PyList_Sort(l), 0);
    CHECK_INT(key_compares, N - 1);
    Py_DECREF(l);
    for (int i = 0; i < N; i++) vals[i] = N - i;
    l = keylist(N, vals);
    key_reset();
    CHECK_INT(PyList_Sort(l), 0);
    CHECK_INT(key_compares, N - 1);
    CHECK(key_value(PyList_GET_ITEM(l, 0)) == 1 && key_value(PyList_GET_ITEM(l, N - 1)) == N);
    Py_DECREF(l);

    /* An error in a comparison stops the sort: the list holds a permutation of its items,
       and no reference is lost or gained. */
    for (long fail = 0; fail < 3000; fail += 397) {
        for (int i = 0; i < N; i++) {
            x = x * 1103515245u + 12345u;
            vals[i] = (long)((x >> 16) % 1000);
        }
        l = keylist(N, vals);
        key_reset();
        key_fail_after = fail;
        CHECK_INT(PyList_Sort(l), -1);
        CHECK_ERR(PyExc_RuntimeError, "comparison failed");
        CHECK_INT(key_compares, fail + 1);
        CHECK(is_permutation_of_tags(l, N));
        int refs_ok = 1;
        for (int i = 0; i < N; i++) refs_ok &= Py_REFCNT(PyList_GET_ITEM(l, i)) == 1;
        CHECK(refs_ok);
        key_reset();
        key_deallocs = 0;
        Py_DECREF(l);
        CHECK_INT(key_deallocs, N);
    }

    /* Changing the list during the sort: ValueError, the additions are dropped. */
    long few[] = {3, 1, 2, 5, 4};
    l = keylist(5, few);
    key_reset();
    key_append_to = l;
    CHECK_INT(PyList_Sort(l), -1);
    CHECK_ERR(PyExc_ValueError, "list modified during sort");
    key_reset();
    CHECK(is_permutation_of_tags(l, 5));
    for (int i = 0; i < 5; i++) CHECK_INT(Py_REFCNT(PyList_GET_ITEM(l, i)), 1);
    Py_DECREF(l);

    /* Unorderable items. */
    PyObject *p = plain_new(), *q = plain_new();
    l = PyList_New(0);
    PyList_Append(l, p);
    PyList_Append(l, q);
    CHECK_INT(PyList_Sort(l), -1);
    CHECK_ERR(PyExc_TypeError, "'<' not supported between instances of 'testmod.Plain' and 'testmod.Plain'");
    CHECK_INT(PyList_GET_SIZE(l), 2);
    PyObject *k = key_new(1, 0);
    PyList_Append(l, k);
    CHECK_INT(PyList_Sort(l), -1);               /* mixed types: the general path */
    CHECK_ERR(PyExc_TypeError, NULL);
    Py_DECREF(k);
    Py_DECREF(l);
    Py_DECREF(p);
    Py_DECREF(q);
    CHECK_INT(PyList_Sort(Py_None), -1);
    CHECK_BADCALL();
    CHECK_INT(PyList_Sort(NULL), -1);
    CHECK_BADCALL();
    l = PyList_New(0);
    CHECK_INT(PyList_Sort(l), 0);
    Py_DECREF(l);
}

static void test_sort_fast_paths(void) {
    /* Exact ints: small, large (several digits) and negative; equal values of distinct
       objects keep their order. */
    enum { N = 5000 };
    PyObject *l = PyList_New(0);
    unsigned long long x = 99;
    for (int i = 0; i < N; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        long v = (long)(x >> 33) - (1L << 30);
        if (i % 3 == 0) v *= 1000003L;           /* beyond one 30-bit digit */
        if (i % 7 == 0) v = 1L << 40;             /* many equal, distinct objects */
        PyObject *o = PyLong_FromLong(v);
        PyList_Append(l, o);
        Py_DECREF(o);
    }
    PyObject *before = PyList_GetSlice(l, 0, N);
    CHECK_INT(PyList_Sort(l), 0);
    int ok = 1;
    for (int i = 1; i < N; i++) {
        ok &= PyLong_AsLong(PyList_GET_ITEM(l, i - 1)) <= PyLong_AsLong(PyList_GET_ITEM(l, i));
    }
    CHECK(ok);
    /* Stability: the objects equal to 2**40 appear in their original order. */
    Py_ssize_t last = -1;
    int stable = 1;
    for (int i = 0; i < N; i++) {
        PyObject *o = PyList_GET_ITEM(l, i);
        if (PyLong_AsLong(o) != (1L << 40)) continue;
        Py_ssize_t pos = -1;
        for (Py_ssize_t j = 0; j < N; j++) if (PyList_GET_ITEM(before, j) == o) { pos = j; break; }
        stable &= pos > last;
        last = pos;
    }
    CHECK(stable);
    Py_DECREF(before);
    Py_DECREF(l);

    /* Compact ints only (the keyed path), with duplicates. */
    l = PyList_New(0);
    for (int i = 0; i < N; i++) {
        PyObject *o = PyLong_FromLong((long)((i * 7919L) % 1001) - 500);
        PyList_Append(l, o);
        Py_DECREF(o);
    }
    CHECK_INT(PyList_Sort(l), 0);
    ok = PyLong_AsLong(PyList_GET_ITEM(l, 0)) == -500 && PyLong_AsLong(PyList_GET_ITEM(l, N - 1)) == 500;
    for (int i = 1; i < N; i++) {
        ok &= PyLong_AsLong(PyList_GET_ITEM(l, i - 1)) <= PyLong_AsLong(PyList_GET_ITEM(l, i));
    }
    CHECK(ok);
    Py_DECREF(l);

    /* Exact strs: code point order, also beyond ASCII. */
    const char *words[] = {"pear", "\xc3\xa9t\xc3\xa9", "apple", "", "Zebra", "\xe2\x82\xac", "app",
                           "\xc3\xa9", "z"};
    l = PyList_New(0);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        PyObject *s = PyUnicode_FromString(words[i]);
        PyList_Append(l, s);
        Py_DECREF(s);
    }
    CHECK_INT(PyList_Sort(l), 0);
    CHECK_STR(repr_str(l),
              "['', 'Zebra', 'app', 'apple', 'pear', 'z', '\xc3\xa9', '\xc3\xa9t\xc3\xa9', '\xe2\x82\xac']");
    Py_DECREF(l);
}

static void test_slots(void) {
    PySequenceMethods *sq = PyList_Type.tp_as_sequence;
    PyObject *a = PyUnicode_FromString("a");
    PyObject *l = PyList_New(0);
    CHECK_STR(repr_str(l), "[]");
    PyList_Append(l, a);
    PyList_Append(l, l);                         /* holds itself */
    CHECK_STR(repr_str(l), "['a', [...]]");
    PyObject *outer = PyList_New(0);
    PyList_Append(outer, l);
    CHECK_STR(repr_str(outer), "[['a', [...]]]");
    Py_DECREF(outer);
    PyList_SetSlice(l, 1, 2, NULL);              /* break the cycle */

    CHECK(hash_of(l) == -1);
    CHECK_ERR(PyExc_TypeError, "unhashable type: 'list'");

    long v12[] = {1, 2}, v13[] = {1, 3}, v123[] = {1, 2, 3};
    PyObject *l12 = keylist(2, v12), *l12b = keylist(2, v12);
    PyObject *l13 = keylist(2, v13), *l123 = keylist(3, v123);
    CHECK_INT(cmp_bool(l12, l12b, Py_EQ), 1);
    CHECK_INT(cmp_bool(l12, l13, Py_LT), 1);
    CHECK_INT(cmp_bool(l12, l123, Py_LT), 1);
    CHECK_INT(cmp_bool(l123, l12, Py_GE), 1);
    key_reset();
    CHECK_INT(cmp_bool(l12, l123, Py_EQ), 0);
    CHECK_INT(key_compares, 0);                  /* lengths differ: no item compared */
    CHECK_INT(cmp_bool(l12, l123, Py_NE), 1);
    PyObject *t = PyTuple_New(0);
    PyObject *r = richcmp(l12, t, Py_EQ);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);

    PyObject *c = sq->sq_concat(l12, l13);
    CHECK_STR(values_of(c), "1,2,1,3");
    Py_XDECREF(c);
    CHECK(sq->sq_concat(l12, t) == NULL);
    CHECK_ERR(PyExc_TypeError, "can only concatenate list (not \"tuple\") to list");
    c = sq->sq_repeat(l12, 3);
    CHECK_STR(values_of(c), "1,2,1,2,1,2");
    CHECK_INT(Py_REFCNT(PyList_GET_ITEM(l12, 0)), 4);
    Py_XDECREF(c);
    c = sq->sq_repeat(l12, -1);
    CHECK(c != NULL && c != l12 && PyList_GET_SIZE(c) == 0);
    Py_XDECREF(c);
    CHECK(sq->sq_repeat(l12, PY_SSIZE_T_MAX / 2) == NULL);
    CHECK_ERR(PyExc_MemoryError, NULL);

    PyObject *it = item_of(l13, 1);
    CHECK(it == PyList_GET_ITEM(l13, 1));
    Py_XDECREF(it);
    CHECK(item_of(l13, 2) == NULL);
    CHECK_ERR(PyExc_IndexError, "list index out of range");
    CHECK_INT(sq->sq_ass_item(l123, 3, a), -1);
    CHECK_ERR(PyExc_IndexError, "list assignment index out of range");
    CHECK_INT(sq->sq_ass_item(l123, 1, NULL), 0); /* del l[1] */
    CHECK_STR(values_of(l123), "1,3");

    PyObject *k3 = key_new(3, 0);
    CHECK_INT(contains(l123, k3), 1);
    CHECK_INT(contains(l12, k3), 0);

    c = sq->sq_inplace_concat(l12, l13);         /* l12 += l13 */
    CHECK(c == l12);
    Py_XDECREF(c);
    CHECK_STR(values_of(l12), "1,2,1,3");
    PyObject *r1 = call_type(&PyRange_Type, 1, Py_True);
    c = sq->sq_inplace_concat(l12, r1);          /* any iterable: range(1) */
    CHECK(c == l12);
    Py_XDECREF(c);
    Py_DECREF(r1);
    CHECK_INT(PyList_GET_SIZE(l12), 5);
    PyList_SetSlice(l12, 4, 5, NULL);
    PyObject *n = PyLong_FromLong(3);
    CHECK(sq->sq_inplace_concat(l12, n) == NULL);
    CHECK_ERR(PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(n);
    c = sq->sq_inplace_repeat(l13, 2);
    CHECK(c == l13);
    Py_XDECREF(c);
    CHECK_STR(values_of(l13), "1,3,1,3");
    c = sq->sq_inplace_repeat(l13, 0);
    Py_XDECREF(c);
    CHECK_INT(PyList_GET_SIZE(l13), 0);

    Py_DECREF(k3);
    Py_DECREF(t);
    Py_DECREF(l12);
    Py_DECREF(l12b);
    Py_DECREF(l13);
    Py_DECREF(l123);
    Py_DECREF(l);
    Py_DECREF(a);
}

static void test_subscript(void) {
    long v[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    PyObject *l = keylist(10, v);
    PyObject *x = getitem_i(l, -1);
    CHECK(x != NULL && key_value(x) == 9);
    Py_XDECREF(x);
    CHECK(getitem_i(l, 10) == NULL);
    CHECK_ERR(PyExc_IndexError, "list index out of range");
    PyObject *s = getslice(l, 2, 8, 3);
    CHECK_STR(values_of(s), "2,5");
    Py_XDECREF(s);
    s = getslice(l, NONE, NONE, -4);
    CHECK_STR(values_of(s), "9,5,1");
    Py_XDECREF(s);
    s = getslice(l, -3, NONE, NONE);
    CHECK_STR(values_of(s), "7,8,9");
    Py_XDECREF(s);
    PyObject *f = PyUnicode_FromString("x");
    CHECK(getitem(l, f) == NULL);
    CHECK_ERR(PyExc_TypeError, "list indices must be integers or slices, not str");
    CHECK_INT(setitem(l, f, f), -1);
    CHECK_ERR(PyExc_TypeError, "list indices must be integers or slices, not str");

    /* Assignment: by index, by slice (any length), by extended slice (same length). */
    PyObject *k = key_new(42, 0);
    PyObject *i3 = PyLong_FromLong(-7);
    CHECK_INT(setitem(l, i3, k), 0);             /* l[-7] = 42 */
    Py_DECREF(i3);
    CHECK_STR(values_of(l), "0,1,2,42,4,5,6,7,8,9");
    long w[] = {100, 101};
    PyObject *src = keylist(2, w);
    PyObject *sl = slice3(0, 10, 4);
    CHECK_INT(setitem(l, sl, src), -1);
    CHECK_ERR(PyExc_ValueError, "attempt to assign sequence of size 2 to extended slice of size 3");
    Py_DECREF(sl);
    sl = slice3(1, NONE, 5);
    CHECK_INT(setitem(l, sl, src), 0);           /* l[1::5] = [100, 101] */
    CHECK_STR(values_of(l), "0,100,2,42,4,5,101,7,8,9");
    CHECK_INT(setitem(l, sl, Py_None), -1);
    CHECK_ERR(PyExc_TypeError, "must assign iterable to extended slice");
    Py_DECREF(sl);
    sl = slice3(8, 2, NONE);                     /* l[8:2] = [...] inserts before 8 */
    CHECK_INT(setitem(l, sl, src), 0);
    CHECK_STR(values_of(l), "0,100,2,42,4,5,101,7,100,101,8,9");
    Py_DECREF(sl);
    sl = slice3(NONE, NONE, -1);                 /* l[::-1] = l */
    CHECK_INT(setitem(l, sl, l), 0);
    CHECK_STR(values_of(l), "9,8,101,100,7,101,5,4,42,2,100,0");
    Py_DECREF(sl);
    sl = slice3(NONE, NONE, -3);                 /* del l[::-3] */
    CHECK_INT(setitem(l, sl, NULL), 0);
    CHECK_STR(values_of(l), "9,8,100,7,5,4,2,100");
    Py_DECREF(sl);
    sl = slice3(1, 6, 2);                        /* del l[1:6:2] */
    CHECK_INT(setitem(l, sl, NULL), 0);
    CHECK_STR(values_of(l), "9,100,5,2,100");
    Py_DECREF(sl);
    sl = slice3(3, 1, NONE);                     /* empty: nothing deleted */
    CHECK_INT(setitem(l, sl, NULL), 0);
    CHECK_INT(PyList_GET_SIZE(l), 5);
    Py_DECREF(sl);
    sl = slice3(1, 3, NONE);
    CHECK_INT(setitem(l, sl, NULL), 0);
    CHECK_STR(values_of(l), "9,2,100");
    CHECK_INT(setitem(l, sl, Py_None), -1);
    CHECK_ERR(PyExc_TypeError, "must assign iterable to extended slice");
    Py_DECREF(sl);
    PyObject *zero = PyLong_FromLong(0);
    CHECK_INT(setitem(l, zero, NULL), 0);        /* del l[0] */
    CHECK_STR(values_of(l), "2,100");
    Py_DECREF(zero);
    CHECK_INT(Py_REFCNT(k), 1);
    CHECK_INT(Py_REFCNT(PyList_GET_ITEM(src, 0)), 2);
    Py_DECREF(src);
    Py_DECREF(k);
    Py_DECREF(f);
    Py_DECREF(l);
}

static void test_iter(void) {
    long v[] = {1, 2, 3, 4};
    PyObject *l = keylist(4, v);
    PyObject *it = iter_of(l);
    CHECK(it != NULL && strcmp(Py_TYPE(it)->tp_name, "list_iterator") == 0);
    CHECK_INT(Py_REFCNT(l), 2);
    PyObject *x = PyIter_Next(it);
    CHECK(x != NULL && key_value(x) == 1);
    Py_XDECREF(x);
    PyList_SetSlice(l, 1, 4, NULL);              /* shrinks under the iterator */
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    CHECK_INT(Py_REFCNT(l), 1);
    PyObject *k = key_new(9, 9);
    PyList_Append(l, k);                         /* an exhausted iterator stays so */
    PyList_Append(l, k);
    CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
    Py_DECREF(it);
    it = iter_of(l);                             /* growing during iteration is seen */
    x = PyIter_Next(it);
    Py_XDECREF(x);
    PyList_Append(l, k);
    int n = 1;
    while ((x = PyIter_Next(it)) != NULL) {
        n++;
        Py_DECREF(x);
    }
    CHECK_INT(n, 4);
    Py_DECREF(it);
    Py_DECREF(k);
    Py_DECREF(l);
}

int main(void) {
    Py_Initialize();
    seq_types_ready();
    test_basics();
    test_slices_c_api();
    test_extend();
    test_new_init();
    test_sort();
    test_sort_fast_paths();
    test_slots();
    test_subscript();
    test_iter();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
