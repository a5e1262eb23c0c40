/* set and frozenset: the C API with CPython 3.13's semantics and texts, CPython's table
   algorithm (iteration order, pop order, reprs), frozenset hashes equal to CPython's under
   PYTHONHASHSEED=0, set algebra and comparisons through the slots, elements whose __eq__
   raises or changes the set. Runs against CPython 3.13 too (make check-cpython). */
#include "obj_util.h"

static void add_long(PyObject *s, long v) {
    PyObject *o = I(v);
    CHECK_INT(PySet_Add(s, o), 0);
    Py_DECREF(o);
}

static void add_str(PyObject *s, const char *v) {
    PyObject *o = PyUnicode_FromString(v);
    CHECK_INT(PySet_Add(s, o), 0);
    Py_DECREF(o);
}

static PyObject *set_of(const long *v, int n) {
    PyObject *s = PySet_New(NULL);
    for (int i = 0; i < n; i++) add_long(s, v[i]);
    return s;
}

/* The elements (ints) in iteration order, comma separated. */
static const char *int_order(PyObject *s) {
    static char buf[2048];
    buf[0] = '\0';
    PyObject *it = Py_TYPE(s)->tp_iter(s), *o;
    if (it == NULL) { PyErr_Clear(); return "(error)"; }
    while ((o = Py_TYPE(it)->tp_iternext(it)) != NULL) {
        char num[32];
        snprintf(num, sizeof num, "%s%ld", buf[0] ? "," : "", PyLong_AsLong(o));
        strncat(buf, num, sizeof buf - strlen(buf) - 1);
        Py_DECREF(o);
    }
    Py_DECREF(it);
    return buf;
}

static Py_hash_t hash_of(PyObject *o) { return Py_TYPE(o)->tp_hash(o); }

/* ---- an element type whose __eq__ misbehaves on request ---------------------------------- */

enum { EQ_BY_ID, EQ_RAISES, EQ_CLEARS_TARGET, EQ_GROWS_TARGET };

typedef struct { PyObject_HEAD Py_hash_t h; int mode; long id; } Elem;
static PyObject *target;
static PyTypeObject Elem_Type;

static Py_hash_t elem_hash(PyObject *op) { return ((Elem *)op)->h; }
static void elem_dealloc(PyObject *op) { PyObject_Free(op); }

static PyObject *elem_richcompare(PyObject *a, PyObject *b, int op) {
    if ((op != Py_EQ && op != Py_NE) || !PyObject_TypeCheck(b, &Elem_Type)) Py_RETURN_NOTIMPLEMENTED;
    Elem *ea = (Elem *)a, *eb = (Elem *)b;
    int eq = ea->id == eb->id;
    switch (ea->mode) {
    case EQ_RAISES:
        PyErr_SetString(PyExc_ValueError, "eq failed");
        return NULL;
    case EQ_CLEARS_TARGET:
        ea->mode = EQ_BY_ID;
        PySet_Clear(target);
        break;
    case EQ_GROWS_TARGET:
        ea->mode = EQ_BY_ID;
        for (long i = 1000; i < 1100; i++) add_long(target, i);
        break;
    }
    if (op == Py_NE) eq = !eq;
    return Py_NewRef(eq ? Py_True : Py_False);
}

static PyTypeObject Elem_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_set.Elem",
    .tp_basicsize = sizeof(Elem),
    .tp_dealloc = elem_dealloc,
    .tp_hash = elem_hash,
    .tp_richcompare = elem_richcompare,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *new_elem(Py_hash_t h, int mode, long id) {
    Elem *e = PyObject_New(Elem, &Elem_Type);
    e->h = h;
    e->mode = mode;
    e->id = id;
    return (PyObject *)e;
}

/* A C subclass of set. */
static PyTypeObject MySet_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_set.MySet",
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
};

/* ---- tests ------------------------------------------------------------------------------ */

static void test_basics(void) {
    PyObject *s = PySet_New(NULL);
    CHECK(s != NULL && PySet_Check(s) && PySet_CheckExact(s) && PyAnySet_Check(s) && PyAnySet_CheckExact(s));
    CHECK(!PyFrozenSet_Check(s) && !PyFrozenSet_CheckExact(s));
    CHECK_INT(PySet_Size(s), 0);
    CHECK_INT(PySet_GET_SIZE(s), 0);
    PyObject *k = I(123456);
    Py_ssize_t kref = Py_REFCNT(k);
    CHECK_INT(PySet_Add(s, k), 0);
    CHECK_INT(Py_REFCNT(k), kref + 1);
    CHECK_INT(PySet_Add(s, k), 0);                /* already there */
    CHECK_INT(Py_REFCNT(k), kref + 1);
    PyObject *k2 = I(123456);                      /* equal, not identical */
    CHECK_INT(PySet_Add(s, k2), 0);
    CHECK_INT(PySet_Size(s), 1);
    CHECK_INT(PySet_Contains(s, k2), 1);
    PyObject *other = I(654321);
    CHECK_INT(PySet_Contains(s, other), 0);
    CHECK_INT(PySet_Discard(s, other), 0);
    CHECK_INT(PySet_Discard(s, k2), 1);
    CHECK_INT(Py_REFCNT(k), kref);
    CHECK_INT(PySet_GET_SIZE(s), 0);
    CHECK_NO_EXC();

    /* True and 1 are one element. */
    PyObject *one = I(1);
    PySet_Add(s, one);
    PySet_Add(s, Py_True);
    CHECK_INT(PySet_Size(s), 1);
    CHECK_INT(PySet_Contains(s, Py_True), 1);

    /* Clear releases the elements. */
    PySet_Add(s, k);
    CHECK_INT(Py_REFCNT(k), kref + 1);
    CHECK_INT(PySet_Clear(s), 0);
    CHECK_INT(PySet_Size(s), 0);
    CHECK_INT(Py_REFCNT(k), kref);
    PySet_Add(s, k);
    Py_DECREF(s);                                  /* dealloc releases them too */
    CHECK_INT(Py_REFCNT(k), kref);
    Py_DECREF(one);
    Py_DECREF(k);
    Py_DECREF(k2);
    Py_DECREF(other);
}

static void test_frozenset(void) {
    PyObject *fs = PyFrozenSet_New(NULL);
    CHECK(fs != NULL && PyFrozenSet_Check(fs) && PyFrozenSet_CheckExact(fs) && PyAnySet_Check(fs));
    CHECK(!PySet_Check(fs));
    CHECK_INT(Py_REFCNT(fs), 1);
    /* Fillable while nobody else holds it (CPython's rule). */
    add_long(fs, 1);
    add_long(fs, 2);
    CHECK_INT(PySet_Size(fs), 2);
    Py_INCREF(fs);
    PyObject *three = I(3);
    CHECK_INT(PySet_Add(fs, three), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(fs);
    CHECK_INT(PySet_Discard(fs, three), -1);       /* never on a frozenset */
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Clear(fs), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PySet_Pop(fs) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Contains(fs, three), 0);
    PyObject *two = I(2);
    CHECK_INT(PySet_Contains(fs, two), 1);
    /* From another set, and a set from a frozenset. */
    PyObject *s = PySet_New(fs);
    CHECK(PySet_CheckExact(s) && PySet_Size(s) == 2);
    PyObject *fs2 = PyFrozenSet_New(s);
    CHECK(PyFrozenSet_CheckExact(fs2) && PySet_Size(fs2) == 2);
    CHECK(fs2 != fs);
    Py_DECREF(fs2);
    Py_DECREF(s);
    Py_DECREF(two);
    Py_DECREF(three);
    Py_DECREF(fs);
    /* Empty frozensets are not shared in 3.13. */
    PyObject *e1 = PyFrozenSet_New(NULL), *e2 = PyFrozenSet_New(NULL);
    CHECK(e1 != e2);
    Py_DECREF(e1);
    Py_DECREF(e2);
}

static void test_from_iterables(void) {
    PyObject *d = PyDict_New();
    for (long i = 0; i < 5; i++) {
        PyObject *k = I(i * 10);
        PyDict_SetItem(d, k, Py_None);
        Py_DECREF(k);
    }
    PyObject *s = PySet_New(d);                    /* a dict gives its keys */
    CHECK_INT(PySet_Size(s), 5);
    PyObject *k = I(40);
    CHECK_INT(PySet_Contains(s, k), 1);
    Py_DECREF(k);
    PyObject *fs = PyFrozenSet_New(d);
    CHECK_INT(PySet_Size(fs), 5);
    Py_DECREF(fs);
    Py_DECREF(s);
    Py_DECREF(d);
    PyObject *one = I(1);
    CHECK(PySet_New(one) == NULL);
    CHECK_EXC(PyExc_TypeError, "'int' object is not iterable");
    CHECK(PyFrozenSet_New(one) == NULL);
    CHECK_EXC(PyExc_TypeError, "'int' object is not iterable");
    Py_DECREF(one);
    /* Unhashable elements. */
    PyObject *holder = PyDict_New(), *inner = PyDict_New();
    PyDict_SetItemString(holder, "x", Py_None);
    s = PySet_New(NULL);
    CHECK_INT(PySet_Add(s, inner), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    CHECK_INT(PySet_Add(s, s), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'set'");
    CHECK_INT(PySet_Contains(s, s), -1);           /* the C API does not convert */
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'set'");
    CHECK_INT(PySet_Discard(s, inner), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'dict'");
    Py_DECREF(s);
    Py_DECREF(inner);
    Py_DECREF(holder);
}

static void test_order_and_pop(void) {
    long v[] = {5, 3, 1, 100, 7};
    PyObject *s = set_of(v, 5);
    CHECK_STR(int_order(s), "1,3,100,5,7");        /* CPython's table order */
    Py_DECREF(s);
    s = PySet_New(NULL);
    for (long i = 0; i < 20; i++) add_long(s, i);
    for (long i = 0; i < 20; i += 3) {
        PyObject *o = I(i);
        PySet_Discard(s, o);
        Py_DECREF(o);
    }
    CHECK_STR(int_order(s), "1,2,4,5,7,8,10,11,13,14,16,17,19");
    Py_DECREF(s);

    s = PySet_New(NULL);
    for (long i = 0; i < 10; i++) add_long(s, i);
    char popped[64] = "";
    for (int i = 0; i < 3; i++) {
        PyObject *o = PySet_Pop(s);
        char num[16];
        snprintf(num, sizeof num, "%s%ld", i ? "," : "", PyLong_AsLong(o));
        strcat(popped, num);
        Py_DECREF(o);
    }
    CHECK_STR(popped, "0,1,2");
    CHECK_STR(int_order(s), "3,4,5,6,7,8,9");
    PyObject *big = I(99999999);
    Py_ssize_t bref = Py_REFCNT(big);
    PySet_Clear(s);
    PySet_Add(s, big);
    PyObject *p = PySet_Pop(s);                    /* the set's reference, handed over */
    CHECK(p == big);
    CHECK_INT(Py_REFCNT(big), bref + 1);
    Py_DECREF(p);
    CHECK(PySet_Pop(s) == NULL);
    CHECK_EXC(PyExc_KeyError, "pop from an empty set");
    Py_DECREF(big);
    Py_DECREF(s);
}

static void test_repr(void) {
    PyObject *s = PySet_New(NULL), *fs = PyFrozenSet_New(NULL);
    CHECK_STR(repr(s), "set()");
    CHECK_STR(repr(fs), "frozenset()");
    const char *letters[] = {"a", "b", "c", "d", "e"};
    for (int i = 0; i < 5; i++) add_str(s, letters[i]);
    CHECK_STR(repr(s), "{'d', 'b', 'c', 'a', 'e'}");   /* added a..e; str hashes of seed 0 */
    add_str(fs, "x");
    add_str(fs, "y");
    CHECK_STR(repr(fs), "frozenset({'y', 'x'})");
    PyObject *sub = MySet_Type.tp_new(&MySet_Type, NULL, NULL);
    CHECK(sub != NULL && PySet_Check(sub) && !PySet_CheckExact(sub));
    CHECK_STR(repr(sub), "test_set.MySet()");
    add_str(sub, "x");
    add_str(sub, "y");
    CHECK_STR(repr(sub), "test_set.MySet({'y', 'x'})");
    /* Set operations on a subclass give the base type. */
    PyObject *u = Py_TYPE(sub)->tp_as_number->nb_or(sub, fs);
    CHECK(u != NULL && PySet_CheckExact(u));
    Py_XDECREF(u);
    Py_DECREF(sub);
    Py_DECREF(s);
    Py_DECREF(fs);
}

static void test_hash(void) {
    PyObject *fs = PyFrozenSet_New(NULL);
    CHECK_INT(hash_of(fs), 133146708735736LL);
    Py_DECREF(fs);
    fs = PyFrozenSet_New(NULL);
    add_long(fs, 1);
    add_long(fs, 2);
    add_long(fs, 3);
    CHECK_INT(hash_of(fs), -272375401224217160LL);
    CHECK_INT(hash_of(fs), -272375401224217160LL);   /* cached */
    Py_DECREF(fs);
    fs = PyFrozenSet_New(NULL);
    for (long i = 0; i < 100; i++) add_long(fs, i);
    CHECK_INT(hash_of(fs), 4411996150312757951LL);
    Py_DECREF(fs);
    fs = PyFrozenSet_New(NULL);
    for (long i = -50; i < 50; i++) add_long(fs, i);
    CHECK_INT(hash_of(fs), 8415179561864637165LL);
    Py_DECREF(fs);
    fs = PyFrozenSet_New(NULL);
    add_long(fs, -1);
    add_long(fs, -2);
    CHECK_INT(hash_of(fs), 399283329322573LL);
    Py_DECREF(fs);
    fs = PyFrozenSet_New(NULL);
    add_long(fs, 1L << 62);
    add_long(fs, -(1L << 62));
    add_long(fs, 1L << 40);
    CHECK_INT(hash_of(fs), 3794631167328946235LL);
    Py_DECREF(fs);
    fs = PyFrozenSet_New(NULL);
    add_str(fs, "a");
    CHECK_INT(hash_of(fs), -7857795138424989601LL);
    add_str(fs, "b");                                 /* (fresh: the hash is not cached yet) */
    Py_DECREF(fs);
    fs = PyFrozenSet_New(NULL);
    add_str(fs, "a");
    add_str(fs, "b");
    CHECK_INT(hash_of(fs), 1679668661828516449LL);
    /* Frozensets of frozensets: the elements' own hashes. */
    PyObject *f1 = PyFrozenSet_New(NULL), *f2 = PyFrozenSet_New(NULL), *outer = PyFrozenSet_New(NULL);
    add_long(f1, 1);
    add_long(f2, 2);
    PySet_Add(outer, f1);
    PySet_Add(outer, f2);
    CHECK_INT(hash_of(outer), 304806268181062474LL);
    /* A frozenset is a dict key; the equal set finds it through `in`. */
    PyObject *d = PyDict_New();
    CHECK_INT(PyDict_SetItem(d, fs, Py_True), 0);
    PyObject *as_set = PySet_New(fs);
    CHECK_INT(PyDict_SetItem(d, as_set, Py_True), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'set'");
    PyObject *holder = PySet_New(NULL);
    PySet_Add(holder, fs);
    CHECK_INT(Py_TYPE(holder)->tp_as_sequence->sq_contains(holder, as_set), 1);
    CHECK_NO_EXC();
    Py_DECREF(holder);
    Py_DECREF(as_set);
    Py_DECREF(d);
    Py_DECREF(f1);
    Py_DECREF(f2);
    Py_DECREF(outer);
    Py_DECREF(fs);
#ifndef SUBINTERP
    CHECK(PySet_Type.tp_hash == PyObject_HashNotImplemented);
#else
    CHECK(PySet_Type.tp_hash == NULL);     /* unhashable (CPython: PyObject_HashNotImplemented) */
#endif
}

static void test_iteration(void) {
    long v[] = {1, 2, 3};
    PyObject *s = set_of(v, 3);
    PyObject *it = Py_TYPE(s)->tp_iter(s);
    CHECK_STR(Py_TYPE(it)->tp_name, "set_iterator");
    PyObject *o = Py_TYPE(it)->tp_iternext(it);
    Py_XDECREF(o);
    add_long(s, 77);
    CHECK(Py_TYPE(it)->tp_iternext(it) == NULL);
    CHECK_EXC(PyExc_RuntimeError, "Set changed size during iteration");
    CHECK(Py_TYPE(it)->tp_iternext(it) == NULL);
    CHECK_EXC(PyExc_RuntimeError, "Set changed size during iteration");
    Py_DECREF(it);
    Py_ssize_t sref = Py_REFCNT(s);
    it = Py_TYPE(s)->tp_iter(s);
    CHECK_INT(Py_REFCNT(s), sref + 1);
    int n = 0;
    while ((o = Py_TYPE(it)->tp_iternext(it)) != NULL) { n++; Py_DECREF(o); }
    CHECK_NO_EXC();
    CHECK_INT(n, 4);
    CHECK_INT(Py_REFCNT(s), sref);                 /* released once exhausted */
    Py_DECREF(it);
    Py_DECREF(s);
}

static void test_algebra(void) {
    long av[] = {1, 2, 3, 40, 50}, bv[] = {2, 3, 4, 50, 60, 70};
    PyObject *a = set_of(av, 5), *b = set_of(bv, 6);
    PyNumberMethods *nb = Py_TYPE(a)->tp_as_number;
    PyObject *r;
    r = nb->nb_and(a, b);
    CHECK_STR(int_order(r), "2,3,50");
    Py_DECREF(r);
    r = nb->nb_or(a, b);
    CHECK_STR(int_order(r), "1,2,3,4,70,40,50,60");
    Py_DECREF(r);
    r = nb->nb_subtract(a, b);
    CHECK_STR(int_order(r), "40,1");
    Py_DECREF(r);
    r = nb->nb_subtract(b, a);
    CHECK_STR(int_order(r), "4,70,60");
    Py_DECREF(r);
    r = nb->nb_xor(a, b);
    CHECK_STR(int_order(r), "1,4,70,40,60");
    Py_DECREF(r);
    CHECK_INT(PySet_Size(a), 5);
    CHECK_INT(PySet_Size(b), 6);

    /* With a frozenset: the result takes the left operand's kind. */
    PyObject *fb = PyFrozenSet_New(b);
    r = nb->nb_or(fb, a);
    CHECK(r != NULL && PyFrozenSet_CheckExact(r));
    Py_XDECREF(r);
    r = nb->nb_or(a, fb);
    CHECK(r != NULL && PySet_CheckExact(r));
    Py_XDECREF(r);
    CHECK(PyFrozenSet_Type.tp_as_number->nb_inplace_or == NULL);

    /* Non-sets: NotImplemented. */
    PyObject *d = PyDict_New();
    CHECK(nb->nb_and(a, d) == Py_NotImplemented);
    CHECK(nb->nb_or(d, a) == Py_NotImplemented);
    CHECK(nb->nb_inplace_or(a, d) == Py_NotImplemented);
    CHECK(nb->nb_inplace_and(a, d) == Py_NotImplemented);
    Py_DECREF(d);

    /* In place. */
    PyObject *c = PySet_New(a);
    r = nb->nb_inplace_and(c, fb);
    CHECK(r == c);
    Py_XDECREF(r);
    CHECK_STR(int_order(c), "2,3,50");
    r = nb->nb_inplace_or(c, a);
    CHECK(r == c);
    Py_XDECREF(r);
    CHECK_INT(PySet_Size(c), 5);
    r = nb->nb_inplace_subtract(c, b);
    Py_XDECREF(r);
    CHECK_STR(int_order(c), "1,40");
    r = nb->nb_inplace_xor(c, a);
    Py_XDECREF(r);
    CHECK_STR(int_order(c), "2,3,50");
    r = nb->nb_inplace_xor(c, c);                   /* x ^= x empties it */
    Py_XDECREF(r);
    CHECK_INT(PySet_Size(c), 0);
    r = nb->nb_inplace_subtract(a, a);
    Py_XDECREF(r);
    CHECK_INT(PySet_Size(a), 0);
    Py_DECREF(c);
    Py_DECREF(fb);
    Py_DECREF(a);
    Py_DECREF(b);

    /* A big set minus a small one, and the other way round (CPython's two strategies). */
    PyObject *big = PySet_New(NULL), *small = PySet_New(NULL);
    for (long i = 0; i < 1000; i++) add_long(big, i);
    for (long i = 0; i < 10; i++) add_long(small, i * 100);
    r = nb->nb_subtract(big, small);
    CHECK_INT(PySet_Size(r), 990);
    Py_DECREF(r);
    r = nb->nb_subtract(small, big);
    CHECK_INT(PySet_Size(r), 0);
    Py_DECREF(r);
    r = nb->nb_inplace_subtract(big, small);        /* many dummies: compacted */
    Py_XDECREF(r);
    CHECK_INT(PySet_Size(big), 990);
    PyObject *k = I(100);
    CHECK_INT(PySet_Contains(big, k), 0);
    Py_DECREF(k);
    Py_DECREF(big);
    Py_DECREF(small);
}

static void test_compare(void) {
    long av[] = {1, 2}, bv[] = {1, 2, 3};
    PyObject *a = set_of(av, 2), *b = set_of(bv, 3), *a2 = set_of(av, 2);
    richcmpfunc cmp = Py_TYPE(a)->tp_richcompare;
    CHECK(cmp(a, a2, Py_EQ) == Py_True);
    CHECK(cmp(a, b, Py_EQ) == Py_False);
    CHECK(cmp(a, b, Py_NE) == Py_True);
    CHECK(cmp(a, b, Py_LT) == Py_True);
    CHECK(cmp(a, b, Py_LE) == Py_True);
    CHECK(cmp(a, a2, Py_LT) == Py_False);
    CHECK(cmp(a, a2, Py_LE) == Py_True);
    CHECK(cmp(b, a, Py_GT) == Py_True);
    CHECK(cmp(b, a, Py_GE) == Py_True);
    CHECK(cmp(a, b, Py_GT) == Py_False);
    add_long(a2, 9);
    CHECK(cmp(a2, b, Py_LE) == Py_False);           /* same size as b, not a subset */
    PyObject *fa = PyFrozenSet_New(a);
    CHECK(cmp(a, fa, Py_EQ) == Py_True);            /* set == frozenset */
    CHECK(Py_TYPE(fa)->tp_richcompare(fa, a, Py_EQ) == Py_True);
    PyObject *d = PyDict_New();
    CHECK(cmp(a, d, Py_EQ) == Py_NotImplemented);
    CHECK(cmp(a, d, Py_LT) == Py_NotImplemented);
    CHECK_NO_EXC();
    Py_DECREF(d);
    Py_DECREF(fa);
    Py_DECREF(a);
    Py_DECREF(a2);
    Py_DECREF(b);
}

static void test_eq_misbehaves(void) {
    PyObject *s = PySet_New(NULL);
    PyObject *a = new_elem(7, EQ_RAISES, 1), *b = new_elem(7, EQ_BY_ID, 2);
    CHECK_INT(PySet_Add(s, a), 0);
    CHECK_INT(PySet_Add(s, b), -1);                 /* a == b raises */
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK_INT(PySet_Contains(s, b), -1);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK_INT(PySet_Discard(s, b), -1);
    CHECK_EXC(PyExc_ValueError, "eq failed");
    CHECK_INT(PySet_Contains(s, a), 1);             /* identity: no comparison */
    CHECK_INT(PySet_Size(s), 1);
    Py_DECREF(s);

    /* __eq__ empties the set mid-insertion: the insertion starts over. */
    target = PySet_New(NULL);
    ((Elem *)a)->mode = EQ_CLEARS_TARGET;
    PySet_Add(target, a);
    CHECK_INT(PySet_Add(target, b), 0);
    CHECK_NO_EXC();
    CHECK_INT(PySet_Size(target), 1);
    CHECK_INT(PySet_Contains(target, b), 1);
    Py_DECREF(target);

    /* __eq__ grows the set (a new table) mid-lookup. */
    target = PySet_New(NULL);
    ((Elem *)a)->mode = EQ_GROWS_TARGET;
    PySet_Add(target, a);
    CHECK_INT(PySet_Contains(target, b), 0);
    CHECK_NO_EXC();
    CHECK_INT(PySet_Size(target), 101);
    CHECK_INT(PySet_Add(target, b), 0);
    CHECK_INT(PySet_Size(target), 102);
    Py_DECREF(target);
    target = NULL;
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_big(void) {
    enum { N = 100000 };
    PyObject *s = PySet_New(NULL);
    for (long i = 0; i < N; i++) add_long(s, i * 3);
    CHECK_INT(PySet_Size(s), N);
    long bad = 0;
    for (long i = 0; i < 3 * N; i++) {
        PyObject *o = I(i);
        if (PySet_Contains(s, o) != (i % 3 == 0)) bad++;
        Py_DECREF(o);
    }
    CHECK_INT(bad, 0);
    for (long i = 0; i < N; i += 2) {
        PyObject *o = I(i * 3);
        if (PySet_Discard(s, o) != 1) bad++;
        Py_DECREF(o);
    }
    CHECK_INT(bad, 0);
    CHECK_INT(PySet_Size(s), N / 2);
    PyObject *fs = PyFrozenSet_New(s);
    CHECK(Py_TYPE(s)->tp_richcompare(s, fs, Py_EQ) == Py_True);
    Py_DECREF(fs);
    Py_DECREF(s);
}

static void test_bad_arguments(void) {
    PyObject *d = PyDict_New(), *k = I(1);
    CHECK_INT(PySet_Add(d, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Discard(d, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Contains(d, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PySet_Pop(d) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Clear(d), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Size(d), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
#ifdef SUBINTERP
    /* NULL: CPython crashes. */
    PyObject *s = PySet_New(NULL);
    CHECK_INT(PySet_Add(NULL, k), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Add(s, NULL), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Contains(s, NULL), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PySet_Size(NULL), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(s);
#endif
    Py_DECREF(k);
    Py_DECREF(d);
}

int main(void) {
    /* frozenset hashes and str-element orders are compared with CPython's under seed 0. */
    setenv("PYTHONHASHSEED", "0", 1);
    Py_Initialize();
    MySet_Type.tp_base = &PySet_Type;
    if (PyType_Ready(&Elem_Type) < 0 || PyType_Ready(&MySet_Type) < 0) return 2;
    test_basics();
    test_frozenset();
    test_from_iterables();
    test_order_and_pop();
    test_repr();
    test_hash();
    test_iteration();
    test_algebra();
    test_compare();
    test_eq_misbehaves();
    test_big();
    test_bad_arguments();
    CHECK_NO_EXC();
    Py_Finalize();
    return TEST_DONE();
}
