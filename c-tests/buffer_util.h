/*
 * buffer_util.h: what test_bytes.c, test_bytearray.c and test_buffer.c share: checking a
 * raised exception's type and text, and small C types that exercise the protocols the
 * way extension modules do (custom buffer exporters, an iterator, an __index__ type).
 * Everything here only uses the CPython C API, so it builds against CPython 3.13 too.
 */
#ifndef BUFFER_UTIL_H
#define BUFFER_UTIL_H

#include "test_util.h"

#define MAYBE_UNUSED __attribute__((unused))

/* Whether `got` is `want`, or (suffix) ends with it. */
static inline int text_matches(const char *got, const char *want, int suffix) {
    size_t g = strlen(got), w = strlen(want);
    return suffix ? g >= w && strcmp(got + g - w, want) == 0 : strcmp(got, want) == 0;
}

/* Checks that the current exception is an instance of `type` whose str() is `msg` (any
   text when msg is NULL; with `suffix`, any text ending with msg), and clears it. */
static inline int exc_is(PyObject *type, const char *msg, int suffix, const char *file, int line) {
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *s = exc ? PyObject_Str(exc) : NULL;
    const char *got = s ? PyUnicode_AsUTF8(s) : NULL;
    int ok = exc != NULL && PyErr_GivenExceptionMatches(exc, type) && got != NULL &&
             (msg == NULL || text_matches(got, msg, suffix));
    if (!ok) {
        fprintf(stderr, "FAIL %s:%d: expected %s(\"%s\"), got %s(\"%s\")\n", file, line,
                ((PyTypeObject *)type)->tp_name, msg ? msg : "*",
                exc ? Py_TYPE(exc)->tp_name : "no exception", got ? got : "");
    }
    PyErr_Clear();
    Py_XDECREF(s);
    Py_XDECREF(exc);
    return ok;
}

#define CHECK_EXC(type, msg) do { \
    if (exc_is((type), (msg), 0, __FILE__, __LINE__)) { t_passed++; } else { t_failed++; } \
} while (0)

/* PyErr_BadInternalCall's SystemError (CPython prefixes the C file and line). */
#define CHECK_BADCALL() do { \
    if (exc_is(PyExc_SystemError, "bad argument to internal function", 1, __FILE__, __LINE__)) { \
        t_passed++; } else { t_failed++; } \
} while (0)

/* Checks a str object's text and drops it (NULL fails). */
#define CHECK_STR_OBJ(obj, want) do { \
    PyObject *_o = (obj); \
    CHECK_STR(_o ? PyUnicode_AsUTF8(_o) : NULL, (want)); \
    if (!_o) PyErr_Clear(); \
    Py_XDECREF(_o); \
} while (0)

/* Checks that an int object has value `want` and drops it. */
#define CHECK_LONG_OBJ(obj, want) do { \
    PyObject *_o = (obj); \
    CHECK(_o != NULL && PyLong_Check(_o)); \
    if (_o) { CHECK_INT(PyLong_AsLong(_o), (want)); Py_DECREF(_o); } else { PyErr_Clear(); } \
} while (0)

/* True/False/NotImplemented from a comparison slot, as 1/0/2; -1 for NULL. */
static inline int cmp_result(PyObject *r) {
    int v = r == NULL ? -1 : r == Py_True ? 1 : r == Py_False ? 0 : r == Py_NotImplemented ? 2 : 3;
    Py_XDECREF(r);
    return v;
}
#define RICHCMP(a, b, op) cmp_result(Py_TYPE(a)->tp_richcompare((a), (b), (op)))

/* A tuple of ints from a C array. */
static inline PyObject *int_tuple(const long *v, int n) {
    PyObject *t = PyTuple_New(n);
    for (int i = 0; i < n; i++) PyTuple_SetItem(t, i, PyLong_FromLong(v[i]));
    return t;
}

/* --- Strided: an exporter of every other byte of its store (1-D, stride 2), writable. --- */

typedef struct {
    PyObject_HEAD
    char data[16];
    Py_ssize_t shape[1];
    Py_ssize_t strides[1];
    int exports;
} Strided;

static inline int strided_getbuffer(PyObject *op, Py_buffer *view, int flags) {
    Strided *s = (Strided *)op;
    if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES) {
        PyErr_SetString(PyExc_BufferError, "Strided: strides are required");
        return -1;
    }
    view->obj = Py_NewRef(op);
    view->buf = s->data;
    view->len = s->shape[0];
    view->itemsize = 1;
    view->readonly = 0;
    view->ndim = 1;
    view->format = (flags & PyBUF_FORMAT) ? "B" : NULL;
    view->shape = s->shape;
    view->strides = s->strides;
    view->suboffsets = NULL;
    view->internal = NULL;
    s->exports++;
    return 0;
}

static inline void strided_releasebuffer(PyObject *op, Py_buffer *view) {
    ((Strided *)op)->exports--;
}

static PyBufferProcs MAYBE_UNUSED strided_as_buffer = { strided_getbuffer, strided_releasebuffer };

static PyTypeObject MAYBE_UNUSED Strided_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Strided",
    .tp_basicsize = sizeof(Strided),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_buffer = &strided_as_buffer,
};

/* A Strided over "a?c?e?g?" (its items read "aceg"). */
static inline PyObject *new_strided(void) {
    if (PyType_Ready(&Strided_Type) < 0) return NULL;
    Strided *s = PyObject_New(Strided, &Strided_Type);
    memcpy(s->data, "a-c-e-g-", 8);
    s->shape[0] = 4;
    s->strides[0] = 2;
    s->exports = 0;
    return (PyObject *)s;
}

/* --- Matrix: a 2x3 array of shorts, laid out column-major (Fortran), format "h". ------- */

typedef struct {
    PyObject_HEAD
    short data[6];
    Py_ssize_t shape[2];
    Py_ssize_t strides[2];
} Matrix;

static inline int matrix_getbuffer(PyObject *op, Py_buffer *view, int flags) {
    Matrix *m = (Matrix *)op;
    if ((flags & PyBUF_STRIDES) != PyBUF_STRIDES || !(flags & PyBUF_FORMAT)) {
        PyErr_SetString(PyExc_BufferError, "Matrix: strides and format are required");
        return -1;
    }
    if ((flags & PyBUF_C_CONTIGUOUS) == PyBUF_C_CONTIGUOUS) {
        PyErr_SetString(PyExc_BufferError, "Matrix: not C-contiguous");
        return -1;
    }
    view->obj = Py_NewRef(op);
    view->buf = m->data;
    view->len = sizeof m->data;
    view->itemsize = sizeof(short);
    view->readonly = 1;
    view->ndim = 2;
    view->format = "h";
    view->shape = m->shape;
    view->strides = m->strides;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

static PyBufferProcs MAYBE_UNUSED matrix_as_buffer = { matrix_getbuffer, NULL };

static PyTypeObject MAYBE_UNUSED Matrix_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Matrix",
    .tp_basicsize = sizeof(Matrix),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_buffer = &matrix_as_buffer,
};

/* Item (i, j) is 10*i + j - 5 (so some are negative); stored column-major. */
static inline PyObject *new_matrix(void) {
    if (PyType_Ready(&Matrix_Type) < 0) return NULL;
    Matrix *m = PyObject_New(Matrix, &Matrix_Type);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) m->data[i + 2 * j] = (short)(10 * i + j - 5);
    m->shape[0] = 2;
    m->shape[1] = 3;
    m->strides[0] = sizeof(short);
    m->strides[1] = 2 * sizeof(short);
    return (PyObject *)m;
}

/* --- IntIter: an iterator over a C array of items (new references each time). --------- */

typedef struct {
    PyObject_HEAD
    PyObject *items[8];
    int n, pos;
} IntIter;

static inline PyObject *intiter_next(PyObject *op) {
    IntIter *it = (IntIter *)op;
    if (it->pos >= it->n) return NULL;
    return Py_NewRef(it->items[it->pos++]);
}

static inline void intiter_dealloc(PyObject *op) {
    IntIter *it = (IntIter *)op;
    for (int i = 0; i < it->n; i++) Py_XDECREF(it->items[i]);
    PyObject_Free(op);
}

static inline PyObject *intiter_iter(PyObject *op) { return Py_NewRef(op); }

static PyTypeObject MAYBE_UNUSED IntIter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.IntIter",
    .tp_basicsize = sizeof(IntIter),
    .tp_dealloc = intiter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = intiter_iter,
    .tp_iternext = intiter_next,
};

/* An iterator over `n` items (stolen references). */
static inline PyObject *new_iter(int n, PyObject **items) {
    if (PyType_Ready(&IntIter_Type) < 0) return NULL;
    IntIter *it = PyObject_New(IntIter, &IntIter_Type);
    it->n = n;
    it->pos = 0;
    for (int i = 0; i < n; i++) it->items[i] = items[i];
    return (PyObject *)it;
}

/* --- Index: an object whose __index__ (nb_index) returns a stored int. ---------------- */

typedef struct {
    PyObject_HEAD
    long value;
} Index;

static inline PyObject *index_index(PyObject *op) { return PyLong_FromLong(((Index *)op)->value); }

static PyNumberMethods MAYBE_UNUSED index_as_number = { .nb_index = index_index };

static PyTypeObject MAYBE_UNUSED Index_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Index",
    .tp_basicsize = sizeof(Index),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_as_number = &index_as_number,
};

static inline PyObject *new_index(long value) {
    if (PyType_Ready(&Index_Type) < 0) return NULL;
    Index *x = PyObject_New(Index, &Index_Type);
    x->value = value;
    return (PyObject *)x;
}

#endif /* BUFFER_UTIL_H */
