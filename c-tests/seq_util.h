/*
 * seq_util.h: shared by the sequence tests (test_tuple.c, test_list.c, test_slice_range.c,
 * test_iter.c). The type slots are called directly (sq_item, mp_subscript, tp_richcompare,
 * ...): that is what these tests are about, and it works the same against CPython.
 *
 * Key: a test object ordered by `value` only, so equal keys are told apart by `tag` (for
 * sort stability). Its comparison can count calls, fail after a given number of them,
 * and append to a list while comparing (to change a list during its sort).
 */
#ifndef SEQ_UTIL_H
#define SEQ_UTIL_H

#include "obj_util.h"

/* Checks that the current exception is exactly `type` with str() `msg` (NULL: any
   message), then clears it. */
#define CHECK_ERR(type, msg) do { \
    PyObject *_e = PyErr_GetRaisedException(); \
    if (_e == NULL) { t_failed++; fprintf(stderr, "FAIL %s:%d: no exception, expected %s\n", \
                                          __FILE__, __LINE__, #type); break; } \
    if (Py_TYPE(_e) == (PyTypeObject *)(type)) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: exception %s, expected %s\n", \
                               __FILE__, __LINE__, Py_TYPE(_e)->tp_name, #type); } \
    if ((msg) != NULL) { \
        PyObject *_s = PyObject_Str(_e); \
        CHECK_STR(utf8(_s), (msg)); \
        Py_XDECREF(_s); \
        PyErr_Clear(); \
    } \
    Py_DECREF(_e); \
} while (0)

/* Checks for SystemError from PyErr_BadInternalCall (CPython puts the C source file and
   line in front of the message), then clears it. */
#define CHECK_BADCALL() do { \
    PyObject *_e = PyErr_GetRaisedException(); \
    CHECK(_e != NULL && Py_TYPE(_e) == (PyTypeObject *)PyExc_SystemError); \
    PyObject *_s = _e ? PyObject_Str(_e) : NULL; \
    const char *_t = utf8(_s), *_want = "bad argument to internal function"; \
    size_t _n = strlen(_t), _m = strlen(_want); \
    CHECK(_n >= _m && strcmp(_t + _n - _m, _want) == 0); \
    Py_XDECREF(_s); \
    Py_XDECREF(_e); \
} while (0)

/* repr(o) as a C string (valid until the next call); "(error)" on error. */
static inline const char *repr_str(PyObject *o) {
    static PyObject *last;
    Py_XDECREF(last);
    last = PyObject_Repr(o);
    if (last == NULL) {
        PyErr_Clear();
        return "(error)";
    }
    return PyUnicode_AsUTF8(last);
}

static inline PyObject *richcmp(PyObject *a, PyObject *b, int op) {
    return Py_TYPE(a)->tp_richcompare(a, b, op);
}

/* 1 / 0 from a rich comparison returning True / False, -1 for anything else. */
static inline int cmp_bool(PyObject *a, PyObject *b, int op) {
    PyObject *r = richcmp(a, b, op);
    int v = r == Py_True ? 1 : r == Py_False ? 0 : -1;
    Py_XDECREF(r);
    return v;
}

static inline Py_hash_t hash_of(PyObject *o) { return Py_TYPE(o)->tp_hash(o); }
static inline Py_ssize_t len_of(PyObject *o) { return Py_TYPE(o)->tp_as_sequence->sq_length(o); }
static inline PyObject *item_of(PyObject *o, Py_ssize_t i) {
    return Py_TYPE(o)->tp_as_sequence->sq_item(o, i);
}
static inline PyObject *getitem(PyObject *o, PyObject *key) {
    return Py_TYPE(o)->tp_as_mapping->mp_subscript(o, key);
}
static inline int setitem(PyObject *o, PyObject *key, PyObject *v) {
    return Py_TYPE(o)->tp_as_mapping->mp_ass_subscript(o, key, v);
}
static inline int contains(PyObject *o, PyObject *v) { return Py_TYPE(o)->tp_as_sequence->sq_contains(o, v); }
static inline PyObject *iter_of(PyObject *o) { return Py_TYPE(o)->tp_iter(o); }

/* o[i] with a Python int index (new reference). */
static inline PyObject *getitem_i(PyObject *o, long i) {
    PyObject *k = PyLong_FromLong(i);
    PyObject *r = getitem(o, k);
    Py_DECREF(k);
    return r;
}

/* o[start:stop:step] (LONG_MIN means None). */
#define NONE LONG_MIN
static inline PyObject *slice3(long start, long stop, long step) {
    PyObject *a = start == NONE ? NULL : PyLong_FromLong(start);
    PyObject *b = stop == NONE ? NULL : PyLong_FromLong(stop);
    PyObject *c = step == NONE ? NULL : PyLong_FromLong(step);
    PyObject *s = PySlice_New(a, b, c);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return s;
}
static inline PyObject *getslice(PyObject *o, long start, long stop, long step) {
    PyObject *s = slice3(start, stop, step);
    PyObject *r = getitem(o, s);
    Py_DECREF(s);
    return r;
}

/* Calls a type with positional arguments through tp_new (NULL-terminated list). */
static inline PyObject *call_type(PyTypeObject *tp, int n, ...) {
    PyObject *args = PyTuple_New(n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        PyObject *a = va_arg(ap, PyObject *);
        Py_INCREF(a);
        PyTuple_SET_ITEM(args, i, a);
    }
    va_end(ap);
    PyObject *r = tp->tp_new(tp, args, NULL);
    Py_DECREF(args);
    return r;
}

/* ---- Key ---------------------------------------------------------------------------- */

typedef struct {
    PyObject_HEAD
    long value;
    long tag;
} Key;

static long key_compares;            /* rich comparisons made */
static long key_fail_after = -1;     /* >= 0: the comparison after this many raises */
static PyObject *key_append_to;      /* a list each comparison appends to */
static Py_ssize_t key_saw_len = -1;  /* len(key_watch) seen by the last comparison */
static PyObject *key_watch;          /* a list whose length comparisons record */
static int key_deallocs;

static PyTypeObject Key_Type;

static inline PyObject *key_richcompare(PyObject *a, PyObject *b, int op) {
    if (!PyObject_TypeCheck(a, &Key_Type) || !PyObject_TypeCheck(b, &Key_Type)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    key_compares++;
    if (key_fail_after >= 0 && key_compares > key_fail_after) {
        PyErr_SetString(PyExc_RuntimeError, "comparison failed");
        return NULL;
    }
    if (key_watch != NULL) {
        key_saw_len = PyList_GET_SIZE(key_watch);
    }
    if (key_append_to != NULL && PyList_Append(key_append_to, a) < 0) {
        return NULL;
    }
    long x = ((Key *)a)->value, y = ((Key *)b)->value;
    int r = 0;
    switch (op) {
    case Py_LT: r = x < y; break;
    case Py_LE: r = x <= y; break;
    case Py_EQ: r = x == y; break;
    case Py_NE: r = x != y; break;
    case Py_GT: r = x > y; break;
    case Py_GE: r = x >= y; break;
    }
    return PyBool_FromLong(r);
}

static inline Py_hash_t key_hash(PyObject *a) {
    long v = ((Key *)a)->value;
    return v == -1 ? -2 : v;
}

static inline PyObject *key_repr(PyObject *a) {
    char buf[64];
    snprintf(buf, sizeof buf, "K(%ld)", ((Key *)a)->value);
    return PyUnicode_FromString(buf);
}

static inline void key_dealloc(PyObject *a) {
    key_deallocs++;
    PyObject_Free(a);
}

static PyTypeObject Key_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Key",
    .tp_basicsize = sizeof(Key),
    .tp_dealloc = key_dealloc,
    .tp_repr = key_repr,
    .tp_hash = key_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_richcompare = key_richcompare,
};

static inline PyObject *key_new(long value, long tag) {
    Key *k = PyObject_New(Key, &Key_Type);
    if (k == NULL) return NULL;
    k->value = value;
    k->tag = tag;
    return (PyObject *)k;
}

static inline long key_value(PyObject *o) { return ((Key *)o)->value; }
static inline long key_tag(PyObject *o) { return ((Key *)o)->tag; }

/* Resets the comparison hooks. */
static inline void key_reset(void) {
    key_compares = 0;
    key_fail_after = -1;
    key_append_to = NULL;
    key_watch = NULL;
    key_saw_len = -1;
}

/* A type with no comparison at all (ordering it raises TypeError). */
static PyTypeObject Plain_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Plain",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static inline PyObject *plain_new(void) { return (PyObject *)PyObject_New(PyObject, &Plain_Type); }

static inline void seq_types_ready(void) {
    if (PyType_Ready(&Key_Type) < 0 || PyType_Ready(&Plain_Type) < 0) {
        fprintf(stderr, "PyType_Ready failed\n");
        exit(2);
    }
}

#endif /* SEQ_UTIL_H */
