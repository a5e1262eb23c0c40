/* dict: the C API with CPython 3.13's semantics and texts, insertion order, big dicts,
   keys whose __eq__ raises or changes the dict, reference counts, and the type's slots
   (repr, ==, [], in, |, |=, iteration). Runs against CPython 3.13 too (make check-cpython). */
#include "obj_util.h"

/* ---- helpers ------------------------------------------------------------------------- */

/* d[k] = v for a C string key and a long value. */
static void set_sl(PyObject *d, const char *k, long v) {
    PyObject *val = I(v);
    CHECK_INT(PyDict_SetItemString(d, k, val), 0);
    Py_DECREF(val);
}

static long get_sl(PyObject *d, const char *k) {
    PyObject *v = PyDict_GetItemString(d, k);
    return v ? PyLong_AsLong(v) : -999;
}

/* The keys of d, as C strings joined by commas, in PyDict_Next order. */
static const char *key_order(PyObject *d) {
    static char buf[1024];
    buf[0] = '\0';
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(d, &pos, &k, &v)) {
        if (buf[0]) strcat(buf, ",");
        strncat(buf, utf8(k), sizeof buf - strlen(buf) - 2);
    }
    return buf;
}

/* ---- a key type whose __eq__ misbehaves on request -------------------------------------- */

enum { EQ_BY_ID, EQ_RAISES, EQ_GROWS_TARGET, EQ_CLEARS_TARGET, EQ_DELETES_SELF };

typedef struct {
    PyObject_HEAD
    Py_hash_t h;    /* the hash it claims */
    int mode;       /* what its __eq__ does (it is the stored key: lookups call stored == probe) */
    long id;        /* equal keys have equal ids */
} Key;

static PyObject *target;    /* the dict the mutating modes change */
static int eq_calls;
static int key_deallocs;

static void key_dealloc(PyObject *op) {
    key_deallocs++;
    PyObject_Free(op);
}

static Py_hash_t key_hash(PyObject *op) { return ((Key *)op)->h; }

static PyTypeObject Key_Type;

static PyObject *key_richcompare(PyObject *a, PyObject *b, int op) {
    if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(b, &Key_Type)) Py_RETURN_NOTIMPLEMENTED;
    Key *ka = (Key *)a, *kb = (Key *)b;
    eq_calls++;
    int eq = ka->id == kb->id;
    switch (ka->mode) {
    case EQ_RAISES:
        PyErr_SetString(PyExc_ValueError, "eq failed");
        return NULL;
    case EQ_GROWS_TARGET:
        ka->mode = EQ_BY_ID;            /* once: the restarted lookup compares normally */
        for (long i = 1000; i < 1100; i++) {
            PyObject *k = I(i);
            PyDict_SetItem(target, k, k);
            Py_DECREF(k);
        }
        break;
    case EQ_CLEARS_TARGET:
        ka->mode = EQ_BY_ID;
        PyDict_Clear(target);
        break;
    case EQ_DELETES_SELF:
        ka->mode = EQ_BY_ID;
        PyDict_DelItem(target, a);
        eq = 1;
        break;
    }
    if (op == Py_NE) eq = !eq;
    return Py_NewRef(eq ? Py_True : Py_False);
}

static PyTypeObject Key_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_dict.Key",
    .tp_basicsize = sizeof(Key),
    .tp_dealloc = key_dealloc,
    .tp_hash = key_hash,
    .tp_richcompare = key_richcompare,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *new_key(Py_hash_t h, int mode, long id) {
    Key *k = PyObject_New(Key, &Key_Type);
    k->h = h;
    k->mode = mode;
    k->id = id;
    return (PyObject *)k;
}

/* ---- the basic functions --------------------------------------------------------------- */

static void test_new_set_get(void) {
    PyObject *d = PyDict_New();
    CHECK(d != NULL && PyDict_Check(d) && PyDict_CheckExact(d));
    CHECK_INT(PyDict_Size(d), 0);
    CHECK_INT(PyDict_GET_SIZE(d), 0);
    CHECK(Py_TYPE(d) == &PyDict_Type);
    CHECK(!PyDict_Check(Py_None));

    PyObject *k = S("alpha"), *v = I(123456);
    Py_ssize_t kref = Py_REFCNT(k), vref = Py_REFCNT(v);
    CHECK_INT(PyDict_SetItem(d, k, v), 0);
    CHECK_INT(Py_REFCNT(k), kref + 1);          /* the dict holds its own references */
    CHECK_INT(Py_REFCNT(v), vref + 1);
    CHECK_INT(PyDict_GET_SIZE(d), 1);
    CHECK(PyDict_GetItem(d, k) == v);           /* borrowed */
    CHECK_INT(Py_REFCNT(v), vref + 1);
    CHECK(PyDict_GetItemWithError(d, k) == v);
    CHECK(PyDict_GetItemString(d, "alpha") == v);

    /* An equal key made separately finds the same entry. */
    PyObject *k2 = S("alpha");
    CHECK(PyDict_GetItem(d, k2) == v);
    PyObject *v2 = I(700007);
    CHECK_INT(PyDict_SetItem(d, k2, v2), 0);    /* replaces the value, keeps the first key */
    CHECK_INT(PyDict_Size(d), 1);
    CHECK_INT(Py_REFCNT(v), vref);              /* the old value was released */
    CHECK_INT(Py_REFCNT(k), kref + 1);
    Py_ssize_t pos = 0;
    PyObject *kk, *vv;
    CHECK(PyDict_Next(d, &pos, &kk, &vv) && kk == k && vv == v2);

    /* Missing keys. */
    PyObject *missing = S("beta");
    CHECK(PyDict_GetItem(d, missing) == NULL);
    CHECK_NO_EXC();
    CHECK(PyDict_GetItemWithError(d, missing) == NULL);
    CHECK_NO_EXC();
    CHECK(PyDict_GetItemString(d, "beta") == NULL);
    CHECK_NO_EXC();

    /* GetItemRef (3.13): new references, 1/0/-1. */
    PyObject *res = Py_None;
    CHECK_INT(PyDict_GetItemRef(d, k, &res), 1);
    CHECK(res == v2);
    Py_ssize_t v2ref = Py_REFCNT(v2);
    Py_DECREF(res);
    CHECK_INT(Py_REFCNT(v2), v2ref - 1);
    res = Py_None;
    CHECK_INT(PyDict_GetItemRef(d, missing, &res), 0);
    CHECK(res == NULL);
    CHECK_NO_EXC();
    res = Py_None;
    CHECK_INT(PyDict_GetItemStringRef(d, "alpha", &res), 1);
    CHECK(res == v2);
    Py_XDECREF(res);
    res = Py_None;
    CHECK_INT(PyDict_GetItemStringRef(d, "beta", &res), 0);
    CHECK(res == NULL);

    /* Contains. */
    CHECK_INT(PyDict_Contains(d, k), 1);
    CHECK_INT(PyDict_Contains(d, missing), 0);
    CHECK_INT(PyDict_ContainsString(d, "alpha"), 1);
    CHECK_INT(PyDict_ContainsString(d, "beta"), 0);
    CHECK_NO_EXC();

    /* SetItemString, DelItemString. */
    set_sl(d, "gamma", 3);
    CHECK_INT(get_sl(d, "gamma"), 3);
    CHECK_INT(PyDict_DelItemString(d, "gamma"), 0);
    CHECK_INT(PyDict_ContainsString(d, "gamma"), 0);
    CHECK_INT(PyDict_DelItemString(d, "gamma"), -1);
    CHECK_EXC(PyExc_KeyError, "'gamma'");

    /* DelItem releases both references. */
    CHECK_INT(PyDict_DelItem(d, k2), 0);
    CHECK_INT(Py_REFCNT(k), kref);
    CHECK_INT(Py_REFCNT(v2), 1);
    CHECK_INT(PyDict_Size(d), 0);
    CHECK_INT(PyDict_DelItem(d, k), -1);
    CHECK_EXC(PyExc_KeyError, "'alpha'");

    Py_DECREF(d);
    Py_DECREF(k);
    Py_DECREF(k2);
    Py_DECREF(v);
    Py_DECREF(v2);
    Py_DECREF(missing);
}

/* The KeyError of a missing key carries the key itself as its only argument, even a tuple. */
static void test_key_error_args(void) {
    PyObject *d = PyDict_New();
    PyObject *t = PyTuple_New(2);
    PyTuple_SetItem(t, 0, I(1));
    PyTuple_SetItem(t, 1, I(2));
    CHECK_INT(PyDict_DelItem(d, t), -1);
    PyObject *exc = PyErr_GetRaisedException();
    CHECK(exc != NULL && PyErr_GivenExceptionMatches(exc, PyExc_KeyError));
    if (exc) {
        PyObject *args = ((PyBaseExceptionObject *)exc)->args;
        CHECK(PyTuple_Check(args) && PyTuple_GET_SIZE(args) == 1 && PyTuple_GET_ITEM(args, 0) == t);
        Py_DECREF(exc);
    }
    /* d[key] through the mapping slot. */
    PyObject *r = Py_TYPE(d)->tp_as_mapping->mp_subscript(d, t);
    CHECK(r == NULL);
    exc = PyErr_GetRaisedException();
    CHECK(exc != NULL && PyErr_GivenExceptionMatches(exc, PyExc_KeyError));
    if (exc) {
        PyObject *args = ((PyBaseExceptionObject *)exc)->args;
        CHECK(PyTuple_GET_SIZE(args) == 1 && PyTuple_GET_ITEM(args, 0) == t);
        Py_DECREF(exc);
    }
    PyObject *empty = S("");
    CHECK(Py_TYPE(d)->tp_as_mapping->mp_subscript(d, empty) == NULL);
    CHECK_EXC(PyExc_KeyError, "''");     /* str(KeyError('')) is "''", not "" */
    Py_DECREF(empty);
    Py_DECREF(t);
    Py_DECREF(d);
}

/* Insertion order survives deletions; a re-inserted key goes to the end. */
static void test_order(void) {
    PyObject *d = PyDict_New();
    const char *names[] = {"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"};
    for (int i = 0; i < 10; i++) set_sl(d, names[i], i);
    CHECK_STR(key_order(d), "k0,k1,k2,k3,k4,k5,k6,k7,k8,k9");
    CHECK_INT(PyDict_DelItemString(d, "k3"), 0);
    CHECK_INT(PyDict_DelItemString(d, "k5"), 0);
    CHECK_INT(PyDict_DelItemString(d, "k0"), 0);
    CHECK_STR(key_order(d), "k1,k2,k4,k6,k7,k8,k9");
    set_sl(d, "k3", 33);
    set_sl(d, "k1", 11);        /* replacing a value keeps the key's place */
    set_sl(d, "k0", 0);
    CHECK_STR(key_order(d), "k1,k2,k4,k6,k7,k8,k9,k3,k0");
    CHECK_INT(get_sl(d, "k1"), 11);
    CHECK_INT(get_sl(d, "k3"), 33);

    /* Many deletions and re-insertions (resizes compact the table). */
    for (int round = 0; round < 50; round++) {
        CHECK_INT(PyDict_DelItemString(d, "k2"), 0);
        set_sl(d, "k2", round);
    }
    CHECK_STR(key_order(d), "k1,k4,k6,k7,k8,k9,k3,k0,k2");
    CHECK_INT(get_sl(d, "k2"), 49);

    /* Keys(), Values(), Items() follow the same order. */
    PyObject *keys = PyDict_Keys(d), *values = PyDict_Values(d), *items = PyDict_Items(d);
    CHECK(PyList_Check(keys) && PyList_GET_SIZE(keys) == 9);
    CHECK(PyList_Check(values) && PyList_GET_SIZE(values) == 9);
    CHECK(PyList_Check(items) && PyList_GET_SIZE(items) == 9);
    CHECK_STR(utf8(PyList_GET_ITEM(keys, 0)), "k1");
    CHECK_STR(utf8(PyList_GET_ITEM(keys, 8)), "k2");
    CHECK_INT(PyLong_AsLong(PyList_GET_ITEM(values, 0)), 11);
    CHECK_INT(PyLong_AsLong(PyList_GET_ITEM(values, 8)), 49);
    PyObject *it = PyList_GET_ITEM(items, 6);
    CHECK(PyTuple_Check(it) && PyTuple_GET_SIZE(it) == 2);
    CHECK_STR(utf8(PyTuple_GET_ITEM(it, 0)), "k3");
    CHECK_INT(PyLong_AsLong(PyTuple_GET_ITEM(it, 1)), 33);
    CHECK(PyTuple_GET_ITEM(it, 0) == PyList_GET_ITEM(keys, 6));
    Py_DECREF(keys);
    Py_DECREF(values);
    Py_DECREF(items);

    /* PyDict_Next: positions past the end, and negative ones, end the iteration. */
    Py_ssize_t pos = 1000;
    CHECK_INT(PyDict_Next(d, &pos, NULL, NULL), 0);
    pos = -1;
    CHECK_INT(PyDict_Next(d, &pos, NULL, NULL), 0);
    pos = 0;
    int n = 0;
    while (PyDict_Next(d, &pos, NULL, NULL)) n++;
    CHECK_INT(n, 9);
    Py_DECREF(d);
}

/* 100,000-entry dicts: int keys, string keys, half deleted, order kept. */
static void test_big(void) {
    enum { N = 100000 };
    PyObject *d = PyDict_New();
    for (long i = 0; i < N; i++) {
        PyObject *k = I(i * 7), *v = I(i);
        PyDict_SetItem(d, k, v);
        Py_DECREF(k);
        Py_DECREF(v);
    }
    CHECK_INT(PyDict_Size(d), N);
    long bad = 0;
    for (long i = 0; i < N; i++) {
        PyObject *k = I(i * 7);                 /* a fresh, equal key */
        PyObject *v = PyDict_GetItemWithError(d, k);
        if (v == NULL || PyLong_AsLong(v) != i) bad++;
        Py_DECREF(k);
    }
    CHECK_INT(bad, 0);
    for (long i = 0; i < N; i += 2) {
        PyObject *k = I(i * 7);
        if (PyDict_DelItem(d, k) != 0) bad++;
        Py_DECREF(k);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(PyDict_Size(d), N / 2);
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    long expect = 1;
    while (PyDict_Next(d, &pos, &k, &v)) {
        if (PyLong_AsLong(v) != expect || PyLong_AsLong(k) != expect * 7) bad++;
        expect += 2;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(expect, N + 1);
    for (long i = 0; i < N; i++) {
        PyObject *k2 = I(i * 7);
        int c = PyDict_Contains(d, k2);
        if (c != (i % 2)) bad++;
        Py_DECREF(k2);
    }
    CHECK_INT(bad, 0);
    PyObject *c = PyDict_Copy(d);
    CHECK_INT(PyDict_Size(c), N / 2);
    PyDict_Clear(d);
    CHECK_INT(PyDict_Size(d), 0);
    CHECK_INT(PyDict_Size(c), N / 2);
    Py_DECREF(c);

    char buf[32];
    for (long i = 0; i < N; i++) {
        snprintf(buf, sizeof buf, "key-%ld", i);
        set_sl(d, buf, i);
    }
    CHECK_INT(PyDict_Size(d), N);
    for (long i = N - 1; i >= 0; i -= 3) {
        snprintf(buf, sizeof buf, "key-%ld", i);
        if (get_sl(d, buf) != i) bad++;
    }
    CHECK_INT(bad, 0);
    Py_DECREF(d);
}

/* Ints that hash alike but differ (-1 and -2 both hash to -2; multiples of 2**k share low
   bits), and True/1, which are one key. */
static void test_int_keys(void) {
    PyObject *d = PyDict_New();
    PyObject *m1 = I(-1), *m2 = I(-2);
    PyDict_SetItem(d, m1, Py_None);
    PyDict_SetItem(d, m2, Py_True);
    CHECK_INT(PyDict_Size(d), 2);
    CHECK(PyDict_GetItem(d, m1) == Py_None);
    CHECK(PyDict_GetItem(d, m2) == Py_True);
    for (long i = 0; i < 64; i++) {
        PyObject *k = I(i << 20);
        PyDict_SetItem(d, k, k);
        Py_DECREF(k);
    }
    long bad = 0;
    for (long i = 0; i < 64; i++) {
        PyObject *k = I(i << 20);
        PyObject *v = PyDict_GetItem(d, k);
        if (v == NULL || PyLong_AsLong(v) != (i << 20)) bad++;
        Py_DECREF(k);
    }
    CHECK_INT(bad, 0);
    /* Big ints (several digits) equal by value. */
    PyObject *b1 = PyLong_FromLong(1L << 62), *b2 = PyLong_FromLong(1L << 62);
    PyDict_SetItem(d, b1, Py_None);
    CHECK(PyDict_GetItem(d, b2) == Py_None);
    /* True and 1 are the same key; so are False and 0. */
    PyObject *one = I(1);
    PyDict_SetItem(d, one, Py_None);
    PyDict_SetItem(d, Py_True, Py_False);
    CHECK(PyDict_GetItem(d, one) == Py_False);
    Py_ssize_t n = PyDict_Size(d);
    PyObject *zero = I(0);
    CHECK(PyDict_GetItem(d, Py_False) != NULL);   /* 0 << 20 is there */
    CHECK_INT(PyDict_DelItem(d, Py_False), 0);
    CHECK_INT(PyDict_Contains(d, zero), 0);
    CHECK_INT(PyDict_Size(d), n - 1);
    Py_DECREF(zero);
    Py_DECREF(one);
    Py_DECREF(b1);
    Py_DECREF(b2);
    Py_DECREF(m1);
    Py_DECREF(m2);
    Py_DECREF(d);
}

/* ---- keys whose __eq__ raises or changes the dict ---------------------------------------- */

static void test_eq_raises(void) {
    PyObject *d = PyDict_New();
    PyObject *a = new_key(42, EQ_RAISES, 1), *b = new_key(42, EQ_BY_ID, 2);
    CHECK_INT(PyDict_SetItem(d, a, Py_None), 0);     /* alone in the dict: no comparison */
    eq_calls = 0;
    CHECK_INT(PyDict_SetItem(d, b, Py_None), -1);    /* same hash: a == b raises */
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK_INT(eq_calls, 1);
    CHECK_INT(PyDict_Size(d), 1);
    CHECK(PyDict_GetItemWithError(d, b) == NULL);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK_INT(PyDict_Contains(d, b), -1);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    PyObject *res = Py_None;
    CHECK_INT(PyDict_GetItemRef(d, b, &res), -1);
    CHECK(res == NULL);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK_INT(PyDict_DelItem(d, b), -1);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK_INT(PyDict_Pop(d, b, &res), -1);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK(PyDict_SetDefault(d, b, Py_None) == NULL);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    /* The identical key needs no comparison. */
    CHECK(PyDict_GetItemWithError(d, a) == Py_None);
    CHECK_NO_EXC();
    /* A different hash needs none either. */
    PyObject *c = new_key(43, EQ_BY_ID, 1);
    CHECK(PyDict_GetItemWithError(d, c) == NULL);
    CHECK_NO_EXC();
    Py_DECREF(c);
    /* PyDict_GetItem swallows the error (3.13 reports it as unraisable on stderr) and keeps
       an exception that was already set. */
    fprintf(stderr, "(an \"Exception ignored in PyDict_GetItem()\" report follows: expected)\n");
    PyErr_SetString(PyExc_OverflowError, "earlier");
    CHECK(PyDict_GetItem(d, b) == NULL);
    CHECK_EXC(PyExc_OverflowError, "earlier");
    /* Equality of dicts propagates the error too. */
    PyObject *d2 = PyDict_New();
    PyDict_SetItem(d2, b, Py_None);
    /* d2 == d looks d2's keys up in d, where the stored key's __eq__ raises. */
    PyObject *r = Py_TYPE(d)->tp_richcompare(d2, d, Py_EQ);
    CHECK(r == NULL);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    Py_DECREF(d2);
    Py_DECREF(d);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_eq_mutates(void) {
    /* __eq__ grows the dict (a resize swaps the table mid-lookup): the lookup starts over. */
    target = PyDict_New();
    PyObject *a = new_key(5, EQ_GROWS_TARGET, 1), *b = new_key(5, EQ_BY_ID, 2);
    PyDict_SetItem(target, a, Py_None);
    eq_calls = 0;
    CHECK_INT(PyDict_SetItem(target, b, Py_True), 0);
    CHECK_NO_EXC();
    CHECK(eq_calls >= 2);                       /* compared again after the restart */
    CHECK_INT(PyDict_Size(target), 102);
    CHECK(PyDict_GetItemWithError(target, a) == Py_None);
    CHECK(PyDict_GetItemWithError(target, b) == Py_True);
    long bad = 0;
    for (long i = 1000; i < 1100; i++) {
        PyObject *k = I(i);
        if (PyDict_GetItem(target, k) == NULL) bad++;
        Py_DECREF(k);
    }
    CHECK_INT(bad, 0);
    Py_DECREF(target);

    /* __eq__ empties the dict: the restarted lookup finds nothing; the insertion lands in
       the emptied dict. */
    target = PyDict_New();
    ((Key *)a)->mode = EQ_CLEARS_TARGET;
    PyDict_SetItem(target, a, Py_None);
    PyObject *res = Py_None;
    CHECK_INT(PyDict_GetItemRef(target, b, &res), 0);
    CHECK(res == NULL);
    CHECK_NO_EXC();
    CHECK_INT(PyDict_Size(target), 0);
    ((Key *)a)->mode = EQ_CLEARS_TARGET;
    PyDict_SetItem(target, a, Py_None);
    CHECK_INT(PyDict_SetItem(target, b, Py_False), 0);
    CHECK_INT(PyDict_Size(target), 1);
#ifdef SUBINTERP
    /* CPython 3.13 stores b in the emptied dict's str-only table, where no lookup finds it
       again (`b in d` is False with b the only key). */
    CHECK(PyDict_GetItemWithError(target, b) == Py_False);
#endif
    Py_DECREF(target);

    /* __eq__ deletes the very key it is compared as, and says "equal": the entry changed, so
       the answer is discarded and the lookup starts over (and finds nothing). */
    target = PyDict_New();
    ((Key *)a)->mode = EQ_DELETES_SELF;
    PyDict_SetItem(target, a, Py_None);
    CHECK_INT(PyDict_Contains(target, b), 0);
    CHECK_NO_EXC();
    CHECK_INT(PyDict_Size(target), 0);
    Py_DECREF(target);
    target = NULL;

    /* Key objects are all released. */
    key_deallocs = 0;
    Py_DECREF(a);
    Py_DECREF(b);
    CHECK_INT(key_deallocs, 2);
}

/* ---- the remaining functions ------------------------------------------------------------ */

static void test_setdefault_pop(void) {
    PyObject *d = PyDict_New();
    PyObject *k = S("k"), *v1 = I(100001), *v2 = I(100002);
    Py_ssize_t v1ref = Py_REFCNT(v1);
    CHECK(PyDict_SetDefault(d, k, v1) == v1);       /* inserted, borrowed */
    CHECK_INT(Py_REFCNT(v1), v1ref + 1);
    CHECK(PyDict_SetDefault(d, k, v2) == v1);       /* present: unchanged */
    PyObject *res = NULL;
    CHECK_INT(PyDict_SetDefaultRef(d, k, v2, &res), 1);
    CHECK(res == v1);
    CHECK_INT(Py_REFCNT(v1), v1ref + 2);
    Py_DECREF(res);
    PyObject *k2 = S("k2");
    CHECK_INT(PyDict_SetDefaultRef(d, k2, v2, &res), 0);
    CHECK(res == v2);
    Py_DECREF(res);
    CHECK_INT(PyDict_SetDefaultRef(d, k2, v1, NULL), 1);
    CHECK_INT(PyDict_Size(d), 2);

    /* Pop (3.13): 1 with the value, 0 without KeyError. */
    CHECK_INT(PyDict_Pop(d, k, &res), 1);
    CHECK(res == v1);
    CHECK_INT(Py_REFCNT(v1), v1ref + 1);             /* ours now */
    Py_DECREF(res);
    CHECK_INT(PyDict_Pop(d, k, &res), 0);
    CHECK(res == NULL);
    CHECK_NO_EXC();
    CHECK_INT(PyDict_PopString(d, "k2", NULL), 1);
    CHECK_INT(PyDict_PopString(d, "k2", &res), 0);
    CHECK(res == NULL);
    CHECK_INT(PyDict_Size(d), 0);
    /* An empty dict does not even hash the key. */
    PyObject *unhashable = PyDict_New();
    CHECK_INT(PyDict_Pop(d, unhashable, &res), 0);
    CHECK_NO_EXC();
    set_sl(d, "x", 1);
    CHECK_INT(PyDict_Pop(d, unhashable, &res), -1);
    CHECK(res == NULL);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    CHECK(PyDict_SetDefault(d, unhashable, v1) == NULL);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    CHECK_INT(PyDict_SetDefaultRef(d, unhashable, v1, &res), -1);
    CHECK(res == NULL);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    Py_DECREF(unhashable);
    Py_DECREF(k);
    Py_DECREF(k2);
    Py_DECREF(v1);
    Py_DECREF(v2);
    Py_DECREF(d);
}

static void test_unhashable(void) {
    PyObject *d = PyDict_New(), *key = PyDict_New(), *s = PySet_New(NULL);
    CHECK_INT(PyDict_SetItem(d, key, Py_None), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    CHECK_INT(PyDict_SetItem(d, s, Py_None), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'set'");
    CHECK(PyDict_GetItemWithError(d, key) == NULL);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    CHECK_INT(PyDict_Contains(d, key), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    CHECK_INT(PyDict_DelItem(d, key), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    CHECK(Py_TYPE(d)->tp_as_mapping->mp_subscript(d, key) == NULL);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    Py_DECREF(key);
    Py_DECREF(s);
    Py_DECREF(d);
}

static PyObject *pairs_source(PyObject *items[], int n);
static PyObject *pair(PyObject *a, PyObject *b);

/* Wrong types and NULL: SystemError, or CPython's documented quiet results. */
static void test_bad_arguments(void) {
    PyObject *notdict = PySet_New(NULL), *k = S("k"), *res = Py_None;
    CHECK(PyDict_GetItem(notdict, k) == NULL);           /* quietly */
    CHECK_NO_EXC();
    CHECK(PyDict_GetItemString(notdict, "k") == NULL);
    CHECK_NO_EXC();
    CHECK(PyDict_GetItemWithError(notdict, k) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_SetItem(notdict, k, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_SetItemString(notdict, "k", k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_GetItemRef(notdict, k, &res), -1);
    CHECK(res == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_DelItem(notdict, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_Size(notdict), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyDict_Keys(notdict) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyDict_Values(notdict) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyDict_Items(notdict) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyDict_Copy(notdict) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    PyObject *d = PyDict_New();
    CHECK_INT(PyDict_Merge(notdict, d, 1), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_Update(notdict, d), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_Merge(d, NULL, 1), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyDict_SetDefault(notdict, k, k) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_SetDefaultRef(notdict, k, k, &res), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    res = Py_None;
    CHECK_INT(PyDict_Pop(notdict, k, &res), -1);
    CHECK(res == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_PopString(notdict, "k", &res), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_ssize_t pos = 0;
    CHECK_INT(PyDict_Next(notdict, &pos, NULL, NULL), 0);  /* quietly */
    CHECK_NO_EXC();
    PyDict_Clear(notdict);                                 /* quietly */
    CHECK_NO_EXC();
    CHECK_INT(PyDict_Size(NULL), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyDict_Copy(NULL) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
#ifdef SUBINTERP
    /* CPython crashes on these (NULL dereferences, or a non-dict read as a dict). */
    PyObject *items[] = {pair(S("a"), I(1))};
    PyObject *src = pairs_source(items, 1);
    CHECK_INT(PyDict_MergeFromSeq2(notdict, src, 1), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(src);
    Py_DECREF(items[0]);
    CHECK_INT(PyDict_Contains(notdict, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_ContainsString(notdict, "k"), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_SetItem(d, NULL, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_SetItem(d, k, NULL), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_SetItem(NULL, k, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyDict_GetItem(NULL, k) == NULL);
    CHECK(PyDict_GetItemWithError(d, NULL) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_GetItemRef(d, k, NULL), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_SetItemString(d, NULL, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_MergeFromSeq2(d, NULL, 1), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyDict_Next(d, NULL, NULL, NULL), 0);
    CHECK_NO_EXC();
#endif
    Py_DECREF(d);
    Py_DECREF(k);
    Py_DECREF(notdict);
}

/* ---- copy, merge, update -------------------------------------------------------------- */

static void test_copy(void) {
    PyObject *d = PyDict_New();
    for (int i = 0; i < 20; i++) {
        char buf[8];
        snprintf(buf, sizeof buf, "c%d", i);
        set_sl(d, buf, 100000 + i);     /* not a shared small int: its count moves */
    }
    PyObject *v = PyDict_GetItemString(d, "c3");
    Py_ssize_t vref = Py_REFCNT(v);
    PyObject *c = PyDict_Copy(d);
    CHECK(c != d && PyDict_CheckExact(c));
    CHECK_INT(Py_REFCNT(v), vref + 1);
    CHECK_STR(key_order(c), key_order(d));
    set_sl(c, "new", 1);
    CHECK_INT(PyDict_Size(d), 20);
    CHECK_INT(PyDict_Size(c), 21);
    Py_DECREF(c);
    CHECK_INT(Py_REFCNT(v), vref);
    /* A sparse dict (most entries deleted) copies compactly, in order. */
    for (int i = 0; i < 18; i++) {
        char buf[8];
        snprintf(buf, sizeof buf, "c%d", i);
        PyDict_DelItemString(d, buf);
    }
    c = PyDict_Copy(d);
    CHECK_STR(key_order(c), "c18,c19");
    set_sl(c, "c0", 0);
    CHECK_STR(key_order(c), "c18,c19,c0");
    Py_DECREF(c);
    PyObject *e = PyDict_New();
    c = PyDict_Copy(e);
    CHECK(c != NULL && PyDict_Size(c) == 0);
    Py_DECREF(c);
    Py_DECREF(e);
    Py_DECREF(d);
}

static void test_merge(void) {
    PyObject *a = PyDict_New(), *b = PyDict_New();
    set_sl(a, "x", 1);
    set_sl(a, "y", 2);
    set_sl(b, "y", 20);
    set_sl(b, "z", 30);
    PyObject *a2 = PyDict_Copy(a);
    CHECK_INT(PyDict_Merge(a, b, 0), 0);           /* keep a's values */
    CHECK_STR(key_order(a), "x,y,z");
    CHECK_INT(get_sl(a, "y"), 2);
    CHECK_INT(get_sl(a, "z"), 30);
    CHECK_INT(PyDict_Update(a2, b), 0);            /* b's values win */
    CHECK_STR(key_order(a2), "x,y,z");
    CHECK_INT(get_sl(a2, "y"), 20);
    CHECK_INT(PyDict_Merge(a2, a2, 1), 0);         /* with itself: nothing */
    CHECK_INT(PyDict_Size(a2), 3);
    /* Into an empty dict: a copy. */
    PyObject *e = PyDict_New();
    CHECK_INT(PyDict_Merge(e, a2, 0), 0);
    CHECK_STR(key_order(e), "x,y,z");
    CHECK_INT(get_sl(e, "y"), 20);
    set_sl(e, "w", 0);
    CHECK_INT(PyDict_Size(a2), 3);
    /* A big source into a small target: one resize up front. */
    PyObject *big = PyDict_New();
    for (long i = 0; i < 1000; i++) {
        PyObject *k = I(i);
        PyDict_SetItem(big, k, k);
        Py_DECREF(k);
    }
    CHECK_INT(PyDict_Update(e, big), 0);
    CHECK_INT(PyDict_Size(e), 1004);
    /* Non-dict sources need keys(): an int has none. */
    PyObject *one = I(1);
    CHECK_INT(PyDict_Update(a, one), -1);
    CHECK_EXC(PyExc_AttributeError, "'int' object has no attribute 'keys'");
    CHECK_INT(PyDict_Merge(a, one, 0), -1);
    CHECK_EXC(PyExc_AttributeError, "'int' object has no attribute 'keys'");
    Py_DECREF(one);
    Py_DECREF(big);
    Py_DECREF(e);
    Py_DECREF(a);
    Py_DECREF(a2);
    Py_DECREF(b);
}

/* An ordered iterable of pairs without lists: a dict's keys (tuples here). */
static PyObject *pairs_source(PyObject *items[], int n) {
    PyObject *src = PyDict_New();
    for (int i = 0; i < n; i++) PyDict_SetItem(src, items[i], Py_None);
    return src;
}

static PyObject *pair(PyObject *a, PyObject *b) {
    PyObject *t = PyTuple_New(b ? 2 : 1);
    PyTuple_SetItem(t, 0, a);
    if (b) PyTuple_SetItem(t, 1, b);
    return t;
}

static void test_merge_from_seq2(void) {
    PyObject *d = PyDict_New();
    PyObject *items[] = {pair(S("a"), I(1)), pair(S("b"), I(2)), pair(S("a"), I(3))};
    PyObject *src = pairs_source(items, 3);
    CHECK_INT(PyDict_MergeFromSeq2(d, src, 1), 0);
    CHECK_STR(key_order(d), "a,b");
    CHECK_INT(get_sl(d, "a"), 3);                  /* the last one wins */
    PyDict_Clear(d);
    CHECK_INT(PyDict_MergeFromSeq2(d, src, 0), 0);
    CHECK_INT(get_sl(d, "a"), 1);                  /* the first one stays */
    Py_DECREF(src);

    /* Element #1 has one item. Element #0 was added before the error. */
    PyDict_Clear(d);
    PyObject *bad_len[] = {pair(S("p"), I(1)), pair(S("q"), NULL)};
    src = pairs_source(bad_len, 2);
    CHECK_INT(PyDict_MergeFromSeq2(d, src, 1), -1);
    CHECK_EXC(PyExc_ValueError, "dictionary update sequence element #1 has length 1; 2 is required");
    CHECK_INT(PyDict_Size(d), 1);
    Py_DECREF(src);

    /* Element #0 is not a sequence. */
    PyObject *not_seq[] = {I(5)};
    src = pairs_source(not_seq, 1);
    CHECK_INT(PyDict_MergeFromSeq2(d, src, 1), -1);
    CHECK_EXC(PyExc_TypeError, "cannot convert dictionary update sequence element #0 to a sequence");
    Py_DECREF(src);

    /* The source itself is not iterable. */
    PyObject *one = I(1);
    CHECK_INT(PyDict_MergeFromSeq2(d, one, 1), -1);
    CHECK_EXC(PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(one);

    for (int i = 0; i < 3; i++) Py_DECREF(items[i]);
    for (int i = 0; i < 2; i++) Py_DECREF(bad_len[i]);
    Py_DECREF(not_seq[0]);
    Py_DECREF(d);
}

/* ---- slots ------------------------------------------------------------------------------ */

static void test_repr(void) {
    PyObject *d = PyDict_New();
    CHECK_STR(repr(d), "{}");
    PyObject *k = S("a"), *v = S("b");
    PyDict_SetItem(d, k, v);
    CHECK_STR(repr(d), "{'a': 'b'}");
    PyDict_SetItemString(d, "n", Py_None);
    CHECK_STR(repr(d), "{'a': 'b', 'n': None}");
    PyDict_SetItemString(d, "self", d);             /* a cycle */
    CHECK_STR(repr(d), "{'a': 'b', 'n': None, 'self': {...}}");
    PyObject *outer = PyDict_New();
    PyDict_SetItemString(outer, "in", d);
    CHECK_STR(repr(outer), "{'in': {'a': 'b', 'n': None, 'self': {...}}}");
    PyDict_DelItemString(d, "self");                 /* break the cycle */
    Py_DECREF(outer);
    Py_DECREF(k);
    Py_DECREF(v);
    Py_DECREF(d);
}

static void test_compare(void) {
    PyObject *a = PyDict_New(), *b = PyDict_New();
    richcmpfunc cmp = Py_TYPE(a)->tp_richcompare;
    CHECK(cmp(a, b, Py_EQ) == Py_True);
    set_sl(a, "x", 100000);
    set_sl(a, "y", 2);
    CHECK(cmp(a, b, Py_EQ) == Py_False);
    CHECK(cmp(a, b, Py_NE) == Py_True);
    set_sl(b, "y", 2);
    set_sl(b, "x", 100000);                          /* other order, equal values */
    CHECK(cmp(a, b, Py_EQ) == Py_True);
    CHECK(cmp(a, b, Py_NE) == Py_False);
    set_sl(b, "x", 100001);
    CHECK(cmp(a, b, Py_EQ) == Py_False);
    PyObject *s = PySet_New(NULL);
    CHECK(cmp(a, b, Py_LT) == Py_NotImplemented);
    CHECK(cmp(a, b, Py_GE) == Py_NotImplemented);
    CHECK(cmp(a, s, Py_EQ) == Py_NotImplemented);
    CHECK_NO_EXC();
    Py_DECREF(s);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_mapping_slots(void) {
    PyObject *d = PyDict_New(), *k = S("k"), *v = I(99999);
    PyMappingMethods *mp = Py_TYPE(d)->tp_as_mapping;
    PySequenceMethods *sq = Py_TYPE(d)->tp_as_sequence;
    CHECK(mp != NULL && sq != NULL);
    CHECK_INT(mp->mp_ass_subscript(d, k, v), 0);
    CHECK_INT(mp->mp_length(d), 1);
    PyObject *r = mp->mp_subscript(d, k);
    CHECK(r == v);
    Py_XDECREF(r);                                    /* a new reference */
    CHECK_INT(sq->sq_contains(d, k), 1);
    CHECK_INT(mp->mp_ass_subscript(d, k, NULL), 0);   /* del d[k] */
    CHECK_INT(sq->sq_contains(d, k), 0);
    CHECK_INT(mp->mp_ass_subscript(d, k, NULL), -1);
    CHECK_EXC(PyExc_KeyError, "'k'");
#ifdef SUBINTERP
    CHECK(Py_TYPE(d)->tp_hash == NULL);     /* unhashable (CPython: PyObject_HashNotImplemented) */
#else
    CHECK(Py_TYPE(d)->tp_hash == PyObject_HashNotImplemented);
#endif
    Py_DECREF(k);
    Py_DECREF(v);
    Py_DECREF(d);
}

static void test_or(void) {
    PyObject *a = PyDict_New(), *b = PyDict_New();
    set_sl(a, "x", 1);
    set_sl(a, "y", 2);
    set_sl(b, "y", 20);
    set_sl(b, "z", 3);
    PyNumberMethods *nb = Py_TYPE(a)->tp_as_number;
    PyObject *u = nb->nb_or(a, b);
    CHECK(u != NULL && u != a && PyDict_CheckExact(u));
    CHECK_STR(key_order(u), "x,y,z");
    CHECK_INT(get_sl(u, "y"), 20);
    CHECK_INT(PyDict_Size(a), 2);
    Py_DECREF(u);
    PyObject *one = I(1);
    CHECK(nb->nb_or(a, one) == Py_NotImplemented);
    CHECK(nb->nb_or(one, a) == Py_NotImplemented);
    PyObject *r = nb->nb_inplace_or(a, b);
    CHECK(r == a);
    Py_XDECREF(r);
    CHECK_STR(key_order(a), "x,y,z");
    CHECK_INT(get_sl(a, "y"), 20);
    /* |= takes any iterable of pairs too (here a set holding one pair). */
    PyObject *items[] = {pair(S("p"), I(7))};
    PyObject *src = PySet_New(NULL);
    PySet_Add(src, items[0]);
    r = nb->nb_inplace_or(a, src);
    CHECK(r == a);
    Py_XDECREF(r);
    CHECK_INT(get_sl(a, "p"), 7);
    CHECK(nb->nb_inplace_or(a, one) == NULL);
    CHECK_EXC(PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(items[0]);
    Py_DECREF(src);
    Py_DECREF(one);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_iteration(void) {
    PyObject *d = PyDict_New();
    set_sl(d, "a", 1);
    set_sl(d, "b", 2);
    set_sl(d, "c", 3);
    PyDict_DelItemString(d, "b");
    set_sl(d, "b", 4);
    PyObject *it = Py_TYPE(d)->tp_iter(d);
    CHECK(it != NULL);
    CHECK_STR(Py_TYPE(it)->tp_name, "dict_keyiterator");
    CHECK(Py_TYPE(it)->tp_iter(it) == it);
    Py_DECREF(it);                                    /* tp_iter(it) returned a new reference */
    iternextfunc next = Py_TYPE(it)->tp_iternext;
    char order[16] = "";
    PyObject *k;
    while ((k = next(it)) != NULL) {
        strcat(order, utf8(k));
        Py_DECREF(k);
    }
    CHECK_NO_EXC();
    CHECK_STR(order, "acb");
    CHECK(next(it) == NULL);                          /* stays exhausted */
    CHECK_NO_EXC();
    Py_DECREF(it);

    /* Adding a key while iterating. */
    it = Py_TYPE(d)->tp_iter(d);
    k = next(it);
    Py_XDECREF(k);
    set_sl(d, "new", 5);
    CHECK(next(it) == NULL);
    CHECK_EXC(PyExc_RuntimeError, "dictionary changed size during iteration");
    CHECK(next(it) == NULL);                          /* sticky */
    CHECK_EXC(PyExc_RuntimeError, "dictionary changed size during iteration");
    Py_DECREF(it);

    /* The iterator keeps the dict alive. */
    Py_ssize_t dref = Py_REFCNT(d);
    it = Py_TYPE(d)->tp_iter(d);
    CHECK_INT(Py_REFCNT(d), dref + 1);
    Py_DECREF(it);
    CHECK_INT(Py_REFCNT(d), dref);
    Py_DECREF(d);
}

/* _PyDict_NewPresized (cpython/dictobject.h): an empty dict with room reserved. */
static void test_presized(void) {
    PyObject *d = _PyDict_NewPresized(1000);
    CHECK(d != NULL && PyDict_CheckExact(d) && PyDict_Size(d) == 0);
    for (long i = 0; i < 1000; i++) {
        PyObject *k = I(i);
        PyDict_SetItem(d, k, k);
        Py_DECREF(k);
    }
    CHECK_INT(PyDict_Size(d), 1000);
    PyObject *k = I(999);
    CHECK(PyDict_GetItem(d, k) != NULL);
    Py_DECREF(k);
    Py_DECREF(d);
    d = _PyDict_NewPresized(1L << 40);          /* capped, not a 2**40-slot table */
    CHECK(d != NULL && PyDict_Size(d) == 0);
    Py_XDECREF(d);
    d = _PyDict_NewPresized(0);
    CHECK(d != NULL && PyDict_Size(d) == 0);
    Py_XDECREF(d);
}

/* Values and references are released when the dict goes. */
static void test_dealloc_releases(void) {
    PyObject *k = S("key"), *v = I(123457);
    Py_ssize_t kref = Py_REFCNT(k), vref = Py_REFCNT(v);
    PyObject *d = PyDict_New();
    PyDict_SetItem(d, k, v);
    PyObject *d2 = PyDict_Copy(d);
    CHECK_INT(Py_REFCNT(k), kref + 2);
    Py_DECREF(d);
    Py_DECREF(d2);
    CHECK_INT(Py_REFCNT(k), kref);
    CHECK_INT(Py_REFCNT(v), vref);
    d = PyDict_New();
    PyDict_SetItem(d, k, v);
    PyDict_Clear(d);
    CHECK_INT(Py_REFCNT(k), kref);
    CHECK_INT(Py_REFCNT(v), vref);
    Py_DECREF(d);
    Py_DECREF(k);
    Py_DECREF(v);
}

int main(void) {
    Py_Initialize();
    if (PyType_Ready(&Key_Type) < 0) return 2;
    test_new_set_get();
    test_key_error_args();
    test_order();
    test_big();
    test_int_keys();
    test_eq_raises();
    test_eq_mutates();
    test_setdefault_pop();
    test_unhashable();
    test_bad_arguments();
    test_copy();
    test_merge();
    test_merge_from_seq2();
    test_repr();
    test_compare();
    test_mapping_slots();
    test_or();
    test_iteration();
    test_presized();
    test_dealloc_releases();
    CHECK_NO_EXC();
    Py_Finalize();
    return TEST_DONE();
}
