/* The abstract object layer: the object protocol (hash, rich comparison, truth, len,
   subscription, iteration, isinstance/issubclass, ascii, bytes, print, Py_ReprEnter), the
   sequence protocol and the mapping protocol, with CPython's dispatch orders, error texts
   and reference counts. The containers are C types whose slots log their calls. */
#include "obj_util.h"

static char log_buf[512];

static void logf_(const char *fmt, long v) {
    char tmp[64];
    snprintf(tmp, sizeof tmp, fmt, v);
    strncat(log_buf, tmp, sizeof log_buf - strlen(log_buf) - 1);
}

static const char *take_log(void) {
    static char out[512];
    strcpy(out, log_buf);
    log_buf[0] = '\0';
    return out;
}

/* --- Seq: a sequence of the ints 0..n-1 that logs its slots ------------------------------- */

typedef struct { PyObject_HEAD Py_ssize_t n; int fail_len; } Seq;

static Py_ssize_t seq_length(PyObject *o) {
    logf_("len;", 0);
    if (((Seq *)o)->fail_len) {
        PyErr_SetString(PyExc_ValueError, "no length");
        return -1;
    }
    return ((Seq *)o)->n;
}
static PyObject *seq_item(PyObject *o, Py_ssize_t i) {
    logf_("item(%ld);", (long)i);
    if (i < 0 || i >= ((Seq *)o)->n) {
        PyErr_SetString(PyExc_IndexError, "Seq index out of range");
        return NULL;
    }
    return PyLong_FromLong((long)i);
}
static int seq_ass_item(PyObject *o, Py_ssize_t i, PyObject *v) {
    logf_(v ? "set(%ld);" : "del(%ld);", (long)i);
    return 0;
}
static PyObject *seq_concat(PyObject *a, PyObject *b) { logf_("concat;", 0); return Py_NewRef(a); }
static PyObject *seq_repeat(PyObject *a, Py_ssize_t n) { logf_("repeat(%ld);", (long)n); return Py_NewRef(a); }
static PyObject *seq_iconcat(PyObject *a, PyObject *b) { logf_("iconcat;", 0); return Py_NewRef(a); }
static PyObject *seq_irepeat(PyObject *a, Py_ssize_t n) { logf_("irepeat(%ld);", (long)n); return Py_NewRef(a); }

static PySequenceMethods Seq_sequence = {
    .sq_length = seq_length, .sq_concat = seq_concat, .sq_repeat = seq_repeat, .sq_item = seq_item,
    .sq_ass_item = seq_ass_item, .sq_inplace_concat = seq_iconcat, .sq_inplace_repeat = seq_irepeat,
};
static PyTypeObject Seq_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Seq",
    .tp_basicsize = sizeof(Seq),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_sequence = &Seq_sequence,
};

static PyObject *new_seq(Py_ssize_t n) {
    Seq *s = PyObject_New(Seq, &Seq_Type);
    s->n = n;
    s->fail_len = 0;
    return (PyObject *)s;
}

/* Only sq_item (no length, no assignment). */
static PySequenceMethods Bare_sequence = { .sq_item = seq_item };
static PyTypeObject Bare_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Bare",
    .tp_basicsize = sizeof(Seq),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_sequence = &Bare_sequence,
};

/* A sequence with only nb_add: PySequence_Concat falls back to it for two sequences. */
static PyObject *addseq_add(PyObject *a, PyObject *b) { logf_("nb_add;", 0); return Py_NewRef(a); }
static PyNumberMethods AddSeq_number = { .nb_add = addseq_add };
static PyTypeObject AddSeq_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.AddSeq",
    .tp_basicsize = sizeof(Seq),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_sequence = &Bare_sequence,
    .tp_as_number = &AddSeq_number,
};

/* --- Map: a tiny mapping of str keys ---------------------------------------------------------- */

typedef struct { PyObject_HEAD PyObject *keys[4]; PyObject *vals[4]; } Map;

/* Keys are compared as text (the comparison of str is not what this test is about). */
static int map_find(Map *m, PyObject *key) {
    for (int i = 0; i < 4; i++) {
        if (m->keys[i] && PyUnicode_Check(key) && strcmp(PyUnicode_AsUTF8(m->keys[i]), PyUnicode_AsUTF8(key)) == 0)
            return i;
    }
    return -1;
}
static Py_ssize_t map_length(PyObject *o) {
    int n = 0;
    for (int i = 0; i < 4; i++) n += ((Map *)o)->keys[i] != NULL;
    logf_("mp_len;", 0);
    return n;
}
static PyObject *map_subscript(PyObject *o, PyObject *key) {
    if (PyUnicode_Check(key) && strcmp(PyUnicode_AsUTF8(key), "boom") == 0) {
        PyErr_SetString(PyExc_TypeError, "boom key");
        return NULL;
    }
    int i = map_find((Map *)o, key);
    if (i < 0) {
        PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    return Py_NewRef(((Map *)o)->vals[i]);
}
static int map_ass(PyObject *o, PyObject *key, PyObject *v) {
    Map *m = (Map *)o;
    int i = map_find(m, key);
    if (v == NULL) {
        if (i < 0) {
            PyErr_SetObject(PyExc_KeyError, key);
            return -1;
        }
        Py_CLEAR(m->keys[i]);
        Py_CLEAR(m->vals[i]);
        return 0;
    }
    if (i < 0) {
        for (i = 0; i < 4 && m->keys[i]; i++) {}
        if (i == 4) {
            PyErr_SetString(PyExc_MemoryError, "full");
            return -1;
        }
        m->keys[i] = Py_NewRef(key);
    }
    Py_XSETREF(m->vals[i], Py_NewRef(v));
    return 0;
}
static void map_dealloc(PyObject *o) {
    for (int i = 0; i < 4; i++) {
        Py_XDECREF(((Map *)o)->keys[i]);
        Py_XDECREF(((Map *)o)->vals[i]);
    }
    PyObject_Free(o);
}
static PyMappingMethods Map_mapping = { .mp_length = map_length, .mp_subscript = map_subscript, .mp_ass_subscript = map_ass };
static PyTypeObject Map_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Map",
    .tp_basicsize = sizeof(Map),
    .tp_dealloc = map_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_mapping = &Map_mapping,
};

static PyObject *new_map(void) {
    Map *m = PyObject_New(Map, &Map_Type);
    memset(m->keys, 0, sizeof m->keys);
    memset(m->vals, 0, sizeof m->vals);
    return (PyObject *)m;
}

/* Both mapping and sequence methods: which one each entry point uses. */
static Py_ssize_t both_sq_length(PyObject *o) { logf_("sq_len;", 0); return 1; }
static Py_ssize_t both_mp_length(PyObject *o) { logf_("mp_len;", 0); return 0; }
static PyObject *both_subscript(PyObject *o, PyObject *k) { logf_("mp_sub;", 0); return Py_NewRef(k); }
static PySequenceMethods Both_sequence = { .sq_length = both_sq_length, .sq_item = seq_item };
static PyMappingMethods Both_mapping = { .mp_length = both_mp_length, .mp_subscript = both_subscript };
static PyTypeObject Both_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Both",
    .tp_basicsize = sizeof(Seq),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_sequence = &Both_sequence,
    .tp_as_mapping = &Both_mapping,
};

/* --- Cmp: rich comparison that logs the left operand's value --------------------------------- */

typedef struct { PyObject_HEAD long v; } Cmp;
static PyTypeObject Cmp_Type, SubCmp_Type;

static PyObject *cmp_richcompare(PyObject *a, PyObject *b, int op) {
    if (!PyObject_TypeCheck(a, &Cmp_Type)) Py_RETURN_NOTIMPLEMENTED;
    long va = ((Cmp *)a)->v;
    logf_(Py_IS_TYPE(a, &SubCmp_Type) ? "sub(%ld);" : "cmp(%ld);", va);
    if (op == Py_EQ && PyLong_Check(b)) return PyBool_FromLong(va == PyLong_AsLong(b));
    if (op == Py_LT && PyObject_TypeCheck(b, &Cmp_Type)) return PyBool_FromLong(va < ((Cmp *)b)->v);
    if (op == Py_GT && PyObject_TypeCheck(b, &Cmp_Type)) return PyBool_FromLong(va > ((Cmp *)b)->v);
    if (op == Py_EQ && PyObject_TypeCheck(b, &Cmp_Type)) return PyBool_FromLong(0);   /* never equal */
    Py_RETURN_NOTIMPLEMENTED;
}
static PyTypeObject Cmp_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Cmp",
    .tp_basicsize = sizeof(Cmp),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_richcompare = cmp_richcompare,
};
static PyTypeObject SubCmp_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.SubCmp",
    .tp_basicsize = sizeof(Cmp),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_richcompare = cmp_richcompare,
    .tp_base = &Cmp_Type,
};

static PyObject *new_cmp(PyTypeObject *tp, long v) {
    Cmp *c = PyObject_New(Cmp, tp);
    c->v = v;
    return (PyObject *)c;
}

/* --- Truth: nb_bool that may fail -------------------------------------------------------------- */

typedef struct { PyObject_HEAD int value; } Truth;
static int truth_bool(PyObject *o) {
    int v = ((Truth *)o)->value;
    if (v < 0) PyErr_SetString(PyExc_ValueError, "no truth");
    return v;
}
static PyNumberMethods Truth_number = { .nb_bool = truth_bool };
static PyTypeObject Truth_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Truth",
    .tp_basicsize = sizeof(Truth),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &Truth_number,
};

/* --- Iterables ----------------------------------------------------------------------------------- */

typedef struct { PyObject_HEAD long i, n; int mode; } Counter;
enum { STOP_NULL = 0, STOP_RAISE = 1, FAIL_AT_2 = 2 };
static PyObject *counter_next(PyObject *o) {
    Counter *c = (Counter *)o;
    if (c->mode == FAIL_AT_2 && c->i == 2) {
        PyErr_SetString(PyExc_RuntimeError, "iteration failed");
        return NULL;
    }
    if (c->i >= c->n) {
        if (c->mode == STOP_RAISE) PyErr_SetNone(PyExc_StopIteration);
        return NULL;
    }
    return PyLong_FromLong(c->i++);
}
static PyObject *self_iter(PyObject *o) { return Py_NewRef(o); }
static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Counter",
    .tp_basicsize = sizeof(Counter),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = self_iter,
    .tp_iternext = counter_next,
};
static PyObject *new_counter(long n, int mode) {
    Counter *c = PyObject_New(Counter, &Counter_Type);
    c->i = 0;
    c->n = n;
    c->mode = mode;
    return (PyObject *)c;
}
/* tp_iter returning something that is not an iterator. */
static PyObject *bad_iter(PyObject *o) { return PyLong_FromLong(1); }
static PyTypeObject BadIter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.BadIter",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = bad_iter,
};

/* --- Callable, buffer ------------------------------------------------------------------------------- */

static PyObject *call_me(PyObject *o, PyObject *a, PyObject *k) { return Py_NewRef(Py_None); }
static PyTypeObject Callable_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Callable",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_call = call_me,
};

static int released;
static char buffer_data[] = "buf!";
static int buf_get(PyObject *o, Py_buffer *view, int flags) {
    memset(view, 0, sizeof *view);
    view->buf = buffer_data;
    view->obj = Py_NewRef(o);
    view->len = 4;
    view->itemsize = 1;
    view->readonly = 1;
    view->ndim = 1;
    view->format = (flags & PyBUF_FORMAT) ? "B" : NULL;
    return 0;
}
static void buf_release(PyObject *o, Py_buffer *view) { released++; }
static PyBufferProcs Buf_buffer = { .bf_getbuffer = buf_get, .bf_releasebuffer = buf_release };
static PyTypeObject Buf_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Buf",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_buffer = &Buf_buffer,
};

/* A type that is equal to nothing and unhashable (defines tp_richcompare, not tp_hash). */
static PyTypeObject Eq_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Eq",
    .tp_basicsize = sizeof(Cmp),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_richcompare = cmp_richcompare,
};

/* --- tests --------------------------------------------------------------------------------------------- */

static PyObject *tuple3(long a, long b, long c) {
    PyObject *x = PyLong_FromLong(a), *y = PyLong_FromLong(b), *z = PyLong_FromLong(c);
    PyObject *t = PyTuple_Pack(3, x, y, z);
    Py_DECREF(x); Py_DECREF(y); Py_DECREF(z);
    return t;
}

static void test_hash_compare_truth(void) {
    PyObject *e = new_cmp(&Eq_Type, 1);
    CHECK_INT(PyObject_Hash(e), -1);
    CHECK_STR(err_text(PyExc_TypeError), "unhashable type: 'testmod.Eq'");
    CHECK_INT(PyObject_HashNotImplemented(Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "unhashable type: 'NoneType'");
    CHECK(PyObject_Hash(Py_None) != -1 && PyObject_Hash(Py_None) == PyObject_Hash(Py_None));
    PyObject *c = new_cmp(&Cmp_Type, 1);
    CHECK(PyObject_Hash(c) == -1);                          /* tp_richcompare without tp_hash */
    PyErr_Clear();
    Py_DECREF(e);

    PyObject *c2 = new_cmp(&Cmp_Type, 2), *s3 = new_cmp(&SubCmp_Type, 3);
    CHECK_INT(PyObject_RichCompareBool(c, c2, Py_LT), 1);
    CHECK_STR(take_log(), "cmp(1);");
    CHECK_INT(PyObject_RichCompareBool(c, s3, Py_LT), 1);   /* the subtype's reflected op first */
    CHECK_STR(take_log(), "sub(3);");
    CHECK_INT(PyObject_RichCompareBool(c, c, Py_EQ), 1);    /* identity: no call */
    CHECK_INT(PyObject_RichCompareBool(c, c, Py_NE), 0);
    CHECK_STR(take_log(), "");
    PyObject *r = PyObject_RichCompare(c, c, Py_EQ);        /* not RichCompareBool: a call */
    CHECK(r == Py_False);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "cmp(1);");
    r = PyObject_RichCompare(Py_None, c, Py_GT);            /* reflected: c < None */
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'>' not supported between instances of 'NoneType' and 'testmod.Cmp'");
    CHECK_STR(take_log(), "cmp(1);");
    r = PyObject_RichCompare(Py_None, Py_None, Py_EQ);      /* identity fallback for == */
    CHECK(r == Py_True);
    Py_XDECREF(r);
#ifdef SUBINTERP
    /* CPython does not check the operation (an assertion in debug builds). */
    CHECK(PyObject_RichCompare(c, c2, 99) == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError));
    PyErr_Clear();
#endif
    Py_DECREF(c); Py_DECREF(c2); Py_DECREF(s3);

    Truth *t = PyObject_New(Truth, &Truth_Type);
    t->value = 1;
    CHECK_INT(PyObject_IsTrue((PyObject *)t), 1);
    CHECK_INT(PyObject_Not((PyObject *)t), 0);
    t->value = 0;
    CHECK_INT(PyObject_IsTrue((PyObject *)t), 0);
    CHECK_INT(PyObject_Not((PyObject *)t), 1);
    t->value = -1;
    CHECK_INT(PyObject_IsTrue((PyObject *)t), -1);
    CHECK_STR(err_text(PyExc_ValueError), "no truth");
    CHECK_INT(PyObject_Not((PyObject *)t), -1);
    PyErr_Clear();
    Py_DECREF(t);
    CHECK_INT(PyObject_IsTrue(Py_None), 0);
    CHECK_INT(PyObject_IsTrue(Py_True), 1);
    CHECK_INT(PyObject_Not(Py_False), 1);
    PyObject *empty = new_seq(0), *two = new_seq(2), *both = PyObject_New(PyObject, &Both_Type);
    CHECK_INT(PyObject_IsTrue(empty), 0);                   /* sq_length */
    CHECK_INT(PyObject_IsTrue(two), 1);
    CHECK_INT(PyObject_IsTrue(both), 0);                    /* mp_length before sq_length */
    CHECK_STR(take_log(), "len;len;mp_len;");
    CHECK_INT(PyObject_IsTrue(Py_Ellipsis), 1);             /* nothing: true */
    Py_DECREF(empty); Py_DECREF(two); Py_DECREF(both);
}

static void test_length_and_items(void) {
    PyObject *s = new_seq(3), *both = PyObject_New(PyObject, &Both_Type), *m = new_map();
    PyObject *five = PyLong_FromLong(5), *minus1 = PyLong_FromLong(-1), *k = PyUnicode_FromString("key1");
    CHECK_INT(PyObject_Size(s), 3);
    CHECK_INT(PyObject_Length(s), 3);
    CHECK_INT(PyObject_Size(both), 1);                      /* sq_length first */
    CHECK_INT(PyMapping_Size(both), 0);
    CHECK_INT(PySequence_Size(both), 1);
    CHECK_STR(take_log(), "len;len;sq_len;mp_len;sq_len;");
    CHECK_INT(PyObject_Size(m), 0);
    CHECK_INT(PyObject_Size(five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "object of type 'int' has no len()");
    CHECK_INT(PySequence_Size(m), -1);
    CHECK_STR(err_text(PyExc_TypeError), "testmod.Map is not a sequence");
    CHECK_INT(PyMapping_Size(s), -1);
    CHECK_STR(err_text(PyExc_TypeError), "testmod.Seq is not a mapping");
    CHECK_INT(PyMapping_Size(five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "object of type 'int' has no len()");
    CHECK_INT(PyObject_LengthHint(s, 99), 3);
    CHECK_INT(PyObject_LengthHint(five, 99), 99);
    ((Seq *)s)->fail_len = 1;
    CHECK_INT(PyObject_LengthHint(s, 99), -1);              /* not a TypeError: it propagates */
    CHECK_STR(err_text(PyExc_ValueError), "no length");
    ((Seq *)s)->fail_len = 0;
    take_log();

    PyObject *r = PyObject_GetItem(s, minus1);              /* negative: counted from the end */
    CHECK(r != NULL && PyLong_AsLong(r) == 2);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "len;item(2);");
    r = PyObject_GetItem(both, k);                          /* mp_subscript first */
    CHECK(r == k);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "mp_sub;");
    CHECK(PyObject_GetItem(s, k) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "sequence index must be integer, not 'str'");
    CHECK(PyObject_GetItem(s, five) == NULL);
    CHECK_STR(err_text(PyExc_IndexError), "Seq index out of range");
    CHECK(PyObject_GetItem(five, five) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is not subscriptable");
    CHECK(PyObject_GetItem((PyObject *)&PyLong_Type, five) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "type 'int' is not subscriptable");
    CHECK_INT(PyObject_SetItem(s, minus1, k), 0);
    CHECK_INT(PyObject_DelItem(s, five), 0);
    CHECK_STR(take_log(), "item(5);len;set(2);del(5);");
    CHECK_INT(PyObject_SetItem(s, k, k), -1);
    CHECK_STR(err_text(PyExc_TypeError), "sequence index must be integer, not 'str'");
    CHECK_INT(PyObject_SetItem(five, k, k), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object does not support item assignment");
    CHECK_INT(PyObject_DelItem(five, k), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object does not support item deletion");
    PyObject *bare = PyObject_New(PyObject, &Bare_Type);
    CHECK_INT(PyObject_SetItem(bare, k, k), -1);            /* no sq_ass_item: generic text */
    CHECK_STR(err_text(PyExc_TypeError), "'testmod.Bare' object does not support item assignment");
    CHECK_INT(PyObject_SetItem(bare, five, k), -1);         /* an index: the sequence's text */
    CHECK_STR(err_text(PyExc_TypeError), "'testmod.Bare' object does not support item assignment");
    CHECK_INT(PyObject_DelItem(bare, five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'testmod.Bare' object doesn't support item deletion");

    /* Through the mapping. */
    Py_ssize_t rk = Py_REFCNT(k);
    CHECK_INT(PyObject_SetItem(m, k, five), 0);
    CHECK_INT(Py_REFCNT(k), rk + 1);
    r = PyObject_GetItem(m, k);
    CHECK(r == five);
    Py_XDECREF(r);
    CHECK_INT(PyObject_DelItemString(m, "key1"), 0);
    CHECK_INT(Py_REFCNT(k), rk);
    CHECK_INT(PyObject_DelItemString(m, "key1"), -1);
    CHECK_STR(err_text(PyExc_KeyError), "'key1'");

    /* NULL arguments: SystemError, unless an exception is already set (kept). */
    CHECK(PyObject_GetItem(NULL, k) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    PyErr_SetString(PyExc_OSError, "first");
    CHECK(PyObject_GetItem(s, NULL) == NULL);
    CHECK_STR(err_text(PyExc_OSError), "first");
    CHECK_INT(PyObject_Size(NULL), -1);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    CHECK(PyObject_Type(NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
    r = PyObject_Type(s);
    CHECK(r == (PyObject *)&Seq_Type);
    Py_XDECREF(r);
    take_log();
    Py_DECREF(bare); Py_DECREF(s); Py_DECREF(both); Py_DECREF(m); Py_DECREF(five); Py_DECREF(minus1); Py_DECREF(k);
}

static void test_iteration(void) {
    PyObject *c = new_counter(2, STOP_NULL);
    PyObject *it = PyObject_GetIter(c);
    CHECK(it == c);
    CHECK_INT(PyIter_Check(it), 1);
    CHECK_INT(PyIter_Check(Py_None), 0);
    PyObject *a = PyIter_Next(it), *b = PyIter_Next(it), *end = PyIter_Next(it);
    CHECK(a && b && PyLong_AsLong(a) == 0 && PyLong_AsLong(b) == 1);
    CHECK(end == NULL && !PyErr_Occurred());
    Py_XDECREF(a); Py_XDECREF(b); Py_XDECREF(it);
    Py_DECREF(c);
    c = new_counter(0, STOP_RAISE);                         /* StopIteration is swallowed */
    CHECK(PyIter_Next(c) == NULL && !PyErr_Occurred());
    Py_DECREF(c);
    c = new_counter(5, FAIL_AT_2);
    Py_XDECREF(PyIter_Next(c));
    Py_XDECREF(PyIter_Next(c));
    CHECK(PyIter_Next(c) == NULL);
    CHECK_STR(err_text(PyExc_RuntimeError), "iteration failed");
    Py_DECREF(c);
    CHECK(PyObject_GetIter(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object is not iterable");
    PyObject *bad = PyObject_New(PyObject, &BadIter_Type);
    CHECK(PyObject_GetIter(bad) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "iter() returned non-iterator of type 'int'");
    Py_DECREF(bad);
    CHECK(PyObject_GetAIter(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object is not an async iterable");
    CHECK_INT(PyAIter_Check(Py_None), 0);
}

static void test_isinstance(void) {
    PyObject *c = new_cmp(&Cmp_Type, 1), *s = new_cmp(&SubCmp_Type, 2), *five = PyLong_FromLong(5);
    PyObject *cmp = (PyObject *)&Cmp_Type, *sub = (PyObject *)&SubCmp_Type, *lng = (PyObject *)&PyLong_Type;
    CHECK_INT(PyObject_IsInstance(s, cmp), 1);
    CHECK_INT(PyObject_IsInstance(c, sub), 0);
    CHECK_INT(PyObject_IsInstance(Py_True, lng), 1);
    CHECK_INT(PyObject_IsInstance(c, (PyObject *)&PyBaseObject_Type), 1);
    PyObject *t = PyTuple_Pack(2, lng, sub), *nested = PyTuple_Pack(2, t, lng);
    PyObject *deep = PyTuple_Pack(1, nested);
    CHECK_INT(PyObject_IsInstance(s, t), 1);
    CHECK_INT(PyObject_IsInstance(c, t), 0);
    CHECK_INT(PyObject_IsInstance(s, deep), 1);             /* nested tuples */
    CHECK_INT(PyObject_IsInstance(five, five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "isinstance() arg 2 must be a type, a tuple of types, or a union");
    PyObject *bad = PyTuple_Pack(2, lng, five);
    CHECK_INT(PyObject_IsInstance(five, bad), 1);           /* found before the bad item */
    CHECK_INT(PyObject_IsInstance(c, bad), -1);
    PyErr_Clear();
    CHECK_INT(PyObject_IsInstance(c, PyTuple_New(0)), 0);

    CHECK_INT(PyObject_IsSubclass(sub, cmp), 1);
    CHECK_INT(PyObject_IsSubclass(cmp, sub), 0);
    CHECK_INT(PyObject_IsSubclass(cmp, cmp), 1);
    CHECK_INT(PyObject_IsSubclass(sub, t), 1);
    CHECK_INT(PyObject_IsSubclass(sub, deep), 1);
    CHECK_INT(PyObject_IsSubclass((PyObject *)&PyBool_Type, lng), 1);
    CHECK_INT(PyObject_IsSubclass(PyExc_KeyError, PyExc_LookupError), 1);
    CHECK_INT(PyObject_IsSubclass(five, lng), -1);
    CHECK_STR(err_text(PyExc_TypeError), "issubclass() arg 1 must be a class");
    CHECK_INT(PyObject_IsSubclass(lng, five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    CHECK_INT(PyObject_IsSubclass(five, PyTuple_New(0)), 0);
#ifdef SUBINTERP
    CHECK_INT(PyObject_IsInstance(NULL, lng), -1);          /* CPython crashes */
    CHECK_STR(err_text(PyExc_SystemError), "null argument to internal routine");
#endif
    Py_DECREF(t); Py_DECREF(nested); Py_DECREF(deep); Py_DECREF(bad);
    Py_DECREF(c); Py_DECREF(s); Py_DECREF(five);
}

static void test_ascii_bytes_misc(void) {
    PyObject *s = PyUnicode_FromString("h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n'");
    PyObject *a = PyObject_ASCII(s);
    CHECK_STR(utf8(a), "\"h\\xe9\\u20ac\\U0001f600\\n'\"");
    Py_XDECREF(a);
    PyObject *plain = PyUnicode_FromString("plain");
    a = PyObject_ASCII(plain);
    CHECK_STR(utf8(a), "'plain'");
    Py_XDECREF(a);
    a = PyObject_ASCII(NULL);
    CHECK_STR(utf8(a), "<NULL>");
    Py_XDECREF(a);

    PyObject *t = tuple3(104, 105, 33);
    PyObject *b = PyObject_Bytes(t);                        /* a tuple of ints */
    CHECK(b != NULL && PyBytes_Check(b) && PyBytes_GET_SIZE(b) == 3);
    CHECK(b && memcmp(PyBytes_AS_STRING(b), "hi!", 4) == 0);
    PyObject *b2 = PyObject_Bytes(b);                       /* bytes: itself */
    CHECK(b2 == b);
    Py_XDECREF(b2);
    PyObject *seq = new_seq(3);                             /* any iterable of ints */
    PyObject *b3 = PyObject_Bytes(seq);
    CHECK(b3 != NULL && PyBytes_GET_SIZE(b3) == 3 && memcmp(PyBytes_AS_STRING(b3), "\0\1\2", 3) == 0);
    Py_XDECREF(b3);
    take_log();
    PyObject *buf = PyObject_New(PyObject, &Buf_Type);      /* a buffer, released after */
    released = 0;
    PyObject *b4 = PyObject_Bytes(buf);
    CHECK(b4 != NULL && PyBytes_GET_SIZE(b4) == 4 && memcmp(PyBytes_AS_STRING(b4), "buf!", 4) == 0);
    CHECK_INT(released, 1);
    CHECK_INT(Py_REFCNT(buf), 1);
    Py_XDECREF(b4);
    Py_DECREF(buf);
    Py_DECREF(t);
    t = tuple3(1, 256, 2);
    CHECK(PyObject_Bytes(t) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "bytes must be in range(0, 256)");
    Py_DECREF(t);
    CHECK(PyObject_Bytes(s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "cannot convert 'str' object to bytes");
    CHECK(PyObject_Bytes(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "cannot convert 'NoneType' object to bytes");
    b2 = PyObject_Bytes(NULL);
    CHECK(b2 != NULL && PyBytes_GET_SIZE(b2) == 6 && memcmp(PyBytes_AS_STRING(b2), "<NULL>", 6) == 0);
    Py_XDECREF(b2);
    Py_XDECREF(b);

    PyObject *callable = PyObject_New(PyObject, &Callable_Type);
    CHECK_INT(PyCallable_Check(callable), 1);
    CHECK_INT(PyCallable_Check(Py_None), 0);
    CHECK_INT(PyCallable_Check(NULL), 0);
    Py_DECREF(callable);

    CHECK(PyObject_Dir(NULL) == NULL);                      /* no Python frame */
    CHECK_STR(err_text(PyExc_SystemError), "frame does not exist");
    PyObject *names = PyObject_Dir(Py_None);                /* type(None).__dir__(None) */
    CHECK(names != NULL && PyList_Check(names));
    PyObject *rname = PyUnicode_FromString("__repr__");
    CHECK_INT(PySequence_Contains(names, rname), 1);
    Py_DECREF(rname);
    Py_XDECREF(names);

    FILE *f = tmpfile();
    CHECK_INT(PyObject_Print(s, f, 0), 0);
    fputc('|', f);
    CHECK_INT(PyObject_Print(plain, f, Py_PRINT_RAW), 0);
    fputc('|', f);
    CHECK_INT(PyObject_Print(NULL, f, 0), 0);
    rewind(f);
    char text[128] = {0};
    CHECK(fread(text, 1, sizeof text - 1, f) > 0);
    CHECK_STR(text, "\"h\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\\n'\"|plain|<nil>");
    fclose(f);

    /* Py_ReprEnter: per thread, strong references, the most recent entry leaves first. */
    Py_ssize_t rs = Py_REFCNT(seq);
    CHECK_INT(Py_ReprEnter(seq), 0);
    CHECK_INT(Py_REFCNT(seq), rs + 1);
    CHECK_INT(Py_ReprEnter(seq), 1);
    CHECK_INT(Py_ReprEnter(s), 0);
    Py_ReprLeave(seq);
    CHECK_INT(Py_REFCNT(seq), rs);
    CHECK_INT(Py_ReprEnter(seq), 0);
    Py_ReprLeave(seq);
    Py_ReprLeave(s);
    Py_ReprLeave(s);                                        /* not entered: nothing */
    PyErr_SetString(PyExc_KeyError, "kept");
    Py_ReprLeave(seq);                                      /* keeps the exception */
    CHECK(PyErr_ExceptionMatches(PyExc_KeyError));
    PyErr_Clear();
    Py_DECREF(seq); Py_DECREF(s); Py_DECREF(plain);
}

static void test_sequence(void) {
    PyObject *s = new_seq(3), *m = new_map(), *five = PyLong_FromLong(5), *one = PyLong_FromLong(1);
    CHECK_INT(PySequence_Check(s), 1);
    CHECK_INT(PySequence_Check(m), 0);
    CHECK_INT(PySequence_Check(five), 0);
    CHECK_INT(PySequence_Length(s), 3);
    take_log();

    PyObject *r = PySequence_Concat(s, five);
    CHECK(r == s);
    Py_XDECREF(r);
    r = PySequence_Repeat(s, 4);
    CHECK(r == s);
    Py_XDECREF(r);
    r = PySequence_InPlaceConcat(s, five);
    CHECK(r == s);
    Py_XDECREF(r);
    r = PySequence_InPlaceRepeat(s, 2);
    CHECK(r == s);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "concat;repeat(4);iconcat;irepeat(2);");
    PyObject *as = PyObject_New(PyObject, &AddSeq_Type), *bare = PyObject_New(PyObject, &Bare_Type);
    r = PySequence_Concat(as, bare);                        /* nb_add for two sequences */
    CHECK(r == as);
    Py_XDECREF(r);
    r = PySequence_InPlaceConcat(as, bare);
    CHECK(r == as);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "nb_add;nb_add;");
    CHECK(PySequence_Concat(as, five) == NULL);             /* not for a non-sequence */
    CHECK_STR(err_text(PyExc_TypeError), "'testmod.AddSeq' object can't be concatenated");
    CHECK(PySequence_Concat(five, s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object can't be concatenated");
    CHECK(PySequence_Repeat(five, 2) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object can't be repeated");
    CHECK(PySequence_InPlaceConcat(five, s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object can't be concatenated");
    CHECK(PySequence_InPlaceRepeat(five, 2) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object can't be repeated");
    CHECK(PySequence_Repeat(bare, 2) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'testmod.Bare' object can't be repeated");

    r = PySequence_GetItem(s, -1);
    CHECK(r != NULL && PyLong_AsLong(r) == 2);
    Py_XDECREF(r);
    CHECK_STR(take_log(), "len;item(2);");
    r = PySequence_GetItem(bare, -1);                       /* no sq_length: passed as is */
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_IndexError), "Seq index out of range");
    CHECK_STR(take_log(), "item(-1);");
    CHECK(PySequence_GetItem(m, 0) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "testmod.Map is not a sequence");
    CHECK(PySequence_GetItem(Py_None, 0) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object does not support indexing");
    CHECK_INT(PySequence_SetItem(s, -3, five), 0);
    CHECK_INT(PySequence_DelItem(s, -1), 0);
    CHECK_STR(take_log(), "len;set(0);len;del(2);");
    CHECK_INT(PySequence_SetItem(m, 0, five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "testmod.Map is not a sequence");
    CHECK_INT(PySequence_SetItem(Py_None, 0, five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object does not support item assignment");
    CHECK_INT(PySequence_SetItem(s, 1, NULL), 0);           /* NULL deletes, as DelItem */
    CHECK_STR(take_log(), "del(1);");
    CHECK_INT(PySequence_SetItem(Py_None, 0, NULL), -1);    /* ... with SetItem's text */
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object does not support item assignment");
    CHECK_INT(PySequence_SetSlice(five, 0, 1, NULL), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object doesn't support slice assignment");
    CHECK_INT(PySequence_DelItem(Py_None, 0), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object doesn't support item deletion");
    CHECK(PySequence_GetSlice(five, 0, 1) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is unsliceable");
    CHECK_INT(PySequence_SetSlice(five, 0, 1, s), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object doesn't support slice assignment");
    CHECK_INT(PySequence_DelSlice(five, 0, 1), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object doesn't support slice deletion");

    /* Searching by iteration (through sq_item here): each item is the left operand. */
    PyObject *t = tuple3(7, 8, 7), *seven = PyLong_FromLong(7), *nine = PyLong_FromLong(9);
    CHECK_INT(PySequence_Contains(t, seven), 1);
    CHECK_INT(PySequence_In(t, nine), 0);
    CHECK_INT(PySequence_Count(t, seven), 2);
    CHECK_INT(PySequence_Index(t, seven), 0);
    CHECK_INT(PySequence_Index(t, nine), -1);
    CHECK_STR(err_text(PyExc_ValueError), "sequence.index(x): x not in sequence");
    take_log();
    CHECK_INT(PySequence_Contains(s, one), 1);
    CHECK_STR(take_log(), "item(0);item(1);");
    CHECK_INT(PySequence_Count(s, one), 1);
    CHECK_STR(take_log(), "item(0);item(1);item(2);item(3);");
    PyObject *c2 = new_cmp(&Cmp_Type, 2), *c3 = new_cmp(&Cmp_Type, 3);
    PyObject *ct = PyTuple_Pack(2, c2, c3);
    CHECK_INT(PySequence_Contains(ct, PyLong_FromLong(3)), 1);   /* item == value, item on the left */
    CHECK_STR(take_log(), "cmp(2);cmp(3);");
    Py_DECREF(ct); Py_DECREF(c2); Py_DECREF(c3);
    CHECK_INT(PySequence_Contains(five, five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "argument of type 'int' is not iterable");
    CHECK_INT(PySequence_Count(Py_None, five), -1);
    CHECK_STR(err_text(PyExc_TypeError), "argument of type 'NoneType' is not iterable");
    PyObject *failing = new_counter(5, FAIL_AT_2);
    CHECK_INT(PySequence_Index(failing, nine), -1);
    CHECK_STR(err_text(PyExc_RuntimeError), "iteration failed");
    Py_DECREF(failing);

    /* Conversions. */
    Py_ssize_t rt = Py_REFCNT(t);
    r = PySequence_Tuple(t);
    CHECK(r == t);
    Py_XDECREF(r);
    CHECK_INT(Py_REFCNT(t), rt);
    r = PySequence_Tuple(s);
    CHECK(r != NULL && PyTuple_CheckExact(r) && PyTuple_GET_SIZE(r) == 3);
    CHECK(r && PyLong_AsLong(PyTuple_GET_ITEM(r, 2)) == 2);
    Py_XDECREF(r);
    PyObject *l = PySequence_List(t);
    CHECK(l != NULL && PyList_CheckExact(l) && PyList_GET_SIZE(l) == 3);
    CHECK(l && PyList_GET_ITEM(l, 1) == PyTuple_GET_ITEM(t, 1));
    PyObject *l2 = PySequence_List(l);                      /* always a new list */
    CHECK(l2 != NULL && l2 != l && PyList_GET_SIZE(l2) == 3);
    r = PySequence_Tuple(l);
    CHECK(r != NULL && PyTuple_GET_SIZE(r) == 3 && PyTuple_GET_ITEM(r, 0) == PyList_GET_ITEM(l, 0));
    Py_XDECREF(r);
    PyObject *counter = new_counter(4, STOP_NULL);
    r = PySequence_List(counter);
    CHECK(r != NULL && PyList_GET_SIZE(r) == 4);
    Py_XDECREF(r);
    Py_DECREF(counter);
    CHECK(PySequence_Tuple(five) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is not iterable");
    CHECK(PySequence_List(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object is not iterable");

    r = PySequence_Fast(t, "unused");
    CHECK(r == t);
    CHECK(r && PySequence_Fast_GET_SIZE(r) == 3 && PySequence_Fast_GET_ITEM(r, 1) == PyTuple_GET_ITEM(t, 1));
    CHECK(r && PySequence_Fast_ITEMS(r)[2] == PyTuple_GET_ITEM(t, 2));
    Py_XDECREF(r);
    r = PySequence_Fast(l, "unused");
    CHECK(r == l);
    CHECK(r && PySequence_Fast_GET_SIZE(r) == 3 && PySequence_Fast_GET_ITEM(r, 0) == PyList_GET_ITEM(l, 0));
    Py_XDECREF(r);
    r = PySequence_Fast(s, "unused");
    CHECK(r != NULL && PyList_CheckExact(r) && PySequence_Fast_GET_SIZE(r) == 3);
    CHECK(r && PySequence_ITEM(s, 1) != NULL);
    Py_XDECREF(r);
    CHECK(PySequence_Fast(five, "expected an iterable here") == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "expected an iterable here");
    failing = new_counter(5, FAIL_AT_2);
    CHECK(PySequence_Fast(failing, "not this") == NULL);    /* errors while iterating stay */
    CHECK_STR(err_text(PyExc_RuntimeError), "iteration failed");
    Py_DECREF(failing);
    take_log();

    Py_DECREF(l); Py_DECREF(l2); Py_DECREF(t); Py_DECREF(seven); Py_DECREF(nine);
    Py_DECREF(as); Py_DECREF(bare); Py_DECREF(s); Py_DECREF(m); Py_DECREF(five); Py_DECREF(one);
}

/* Runs in a forked child of the initialized parent. */
static void check_haskey_unraisable(void *arg) {
    PyObject *m = new_map();
    PyObject *k = PyUnicode_FromString("boom");
    int r1 = PyMapping_HasKey(m, k);
    int r2 = PyMapping_HasKeyString(m, "boom");
    fprintf(stderr, "results %d %d %s\n", r1, r2, PyErr_Occurred() ? "set" : "clear");
    Py_DECREF(k);
    Py_DECREF(m);
}

static void test_mapping(void) {
    PyObject *m = new_map(), *s = new_seq(1), *v = PyLong_FromLong(42);
    CHECK_INT(PyMapping_Check(m), 1);
    CHECK_INT(PyMapping_Check(s), 0);
    CHECK_INT(PyMapping_Check(Py_None), 0);
    CHECK_INT(PyMapping_SetItemString(m, "a", v), 0);
    CHECK_INT(PyMapping_Length(m), 1);
    PyObject *r = PyMapping_GetItemString(m, "a");
    CHECK(r == v);
    Py_XDECREF(r);
    CHECK(PyMapping_GetItemString(m, "zz") == NULL);
    CHECK_STR(err_text(PyExc_KeyError), "'zz'");
    CHECK(PyMapping_GetItemString(v, "a") == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is not subscriptable");

    PyObject *out = (PyObject *)1;
    PyObject *ka = PyUnicode_FromString("a"), *kz = PyUnicode_FromString("zz"), *boom = PyUnicode_FromString("boom");
    CHECK_INT(PyMapping_GetOptionalItem(m, ka, &out), 1);
    CHECK(out == v);
    Py_XDECREF(out);
    CHECK_INT(PyMapping_GetOptionalItem(m, kz, &out), 0);   /* missing: no KeyError */
    CHECK(out == NULL && !PyErr_Occurred());
    CHECK_INT(PyMapping_GetOptionalItem(m, boom, &out), -1);
    CHECK(out == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "boom key");
    CHECK_INT(PyMapping_GetOptionalItemString(m, "a", &out), 1);
    Py_XDECREF(out);
    CHECK_INT(PyMapping_GetOptionalItemString(m, "zz", &out), 0);
    CHECK(out == NULL && !PyErr_Occurred());

    CHECK_INT(PyMapping_HasKey(m, ka), 1);
    CHECK_INT(PyMapping_HasKey(m, kz), 0);
    CHECK_INT(PyMapping_HasKeyString(m, "a"), 1);
    CHECK_INT(PyMapping_HasKeyString(m, "zz"), 0);
    CHECK_INT(PyMapping_HasKeyWithError(m, ka), 1);
    CHECK_INT(PyMapping_HasKeyWithError(m, kz), 0);
    CHECK_INT(PyMapping_HasKeyWithError(m, boom), -1);
    CHECK_STR(err_text(PyExc_TypeError), "boom key");
    CHECK_INT(PyMapping_HasKeyStringWithError(m, "a"), 1);
    CHECK_INT(PyMapping_HasKeyStringWithError(m, "boom"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "boom key");
    CHECK_INT(PyMapping_HasKeyStringWithError(v, "a"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is not subscriptable");

    /* HasKey cannot fail: errors are reported as unraisable (CPython 3.13's text). */
    child_result res = run_in_child(check_haskey_unraisable, NULL, 30);
    CHECK(!res.signaled && res.code == 0);
    CHECK(strstr(res.err, "Exception ignored in PyMapping_HasKey(); consider using PyMapping_HasKeyWithError(), "
                          "PyMapping_GetOptionalItem() or PyObject_GetItem():\nTypeError: boom key\n") != NULL);
    CHECK(strstr(res.err, "Exception ignored in PyMapping_HasKeyString(); consider using "
                          "PyMapping_HasKeyStringWithError(), PyMapping_GetOptionalItemString() or "
                          "PyMapping_GetItemString():\nTypeError: boom key\n") != NULL);
    CHECK(strstr(res.err, "results 0 0 clear") != NULL);

    CHECK_INT(PyMapping_DelItemString(m, "a"), 0);
    CHECK_INT(PyMapping_Size(m), 0);
    CHECK_INT(PyMapping_SetItemString(m, "b", v), 0);
    PyObject *kb = PyUnicode_FromString("b");
    CHECK_INT(PyMapping_DelItem(m, kb), 0);
    CHECK_INT(PyMapping_DelItem(m, kb), -1);
    CHECK_STR(err_text(PyExc_KeyError), "'b'");
    CHECK_INT(PyMapping_SetItemString(v, "a", v), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object does not support item assignment");
    /* Keys/Values/Items call the object's method. */
    CHECK(PyMapping_Keys(m) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'testmod.Map' object has no attribute 'keys'");
    take_log();
    Py_DECREF(kb); Py_DECREF(ka); Py_DECREF(kz); Py_DECREF(boom);
    Py_DECREF(m); Py_DECREF(s); Py_DECREF(v);
}

int main(void) {
    Py_Initialize();
    PyTypeObject *types[] = { &Seq_Type, &Bare_Type, &AddSeq_Type, &Map_Type, &Both_Type, &Cmp_Type,
                              &SubCmp_Type, &Truth_Type, &Counter_Type, &BadIter_Type, &Callable_Type,
                              &Buf_Type, &Eq_Type };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) CHECK_INT(PyType_Ready(types[i]), 0);
    test_hash_compare_truth();
    test_length_and_items();
    test_iteration();
    test_isinstance();
    test_ascii_bytes_misc();
    test_sequence();
    test_mapping();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
