/*
 * num_util.h: helpers for the number tests (test_long.c, test_float.c, test_bool.c).
 *
 * Results are compared as text: repr() of the value, or "!ExcType: message" for an error
 * (the exception is taken, so none is left set). The slots are called directly, so the
 * tests do not depend on the abstract number protocol.
 */
#ifndef NUM_UTIL_H
#define NUM_UTIL_H

#include "test_util.h"

/* Text of the current exception as "!" and its repr, e.g. "!ValueError('bad')" (clears
   it). The repr is used rather than str(): str() of an exception with several arguments
   is the repr of the args tuple. */
static inline const char *exc_text(void) {
    static char buf[8192];
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) return "!(no exception set)";
    PyObject *s = PyObject_Repr(exc);
    const char *m = s ? PyUnicode_AsUTF8(s) : NULL;
    snprintf(buf, sizeof buf, "!%s", m ? m : "(unprintable)");
    if (!s) PyErr_Clear();
    Py_XDECREF(s);
    Py_DECREF(exc);
    return buf;
}

/* repr(r), or the exception if r is NULL; steals r. Uses a ring of buffers so two results
   can be compared in one expression. */
static inline const char *describe(PyObject *r) {
    static char ring[4][65536];
    static int next;
    char *buf = ring[next++ & 3];
    if (r == NULL) {
        snprintf(buf, sizeof ring[0], "%s", exc_text());
        return buf;
    }
    PyObject *s = PyObject_Repr(r);
    if (s == NULL) {
        snprintf(buf, sizeof ring[0], "%s", exc_text());     /* e.g. the digit limit */
    } else {
        snprintf(buf, sizeof ring[0], "%s", PyUnicode_AsUTF8(s));
        Py_DECREF(s);
    }
    Py_DECREF(r);
    return buf;
}

/* "q, r" of a divmod result (a 2-tuple), or the exception; steals r. */
static inline const char *describe_pair(PyObject *r) {
    static char buf[65536];
    if (r == NULL || !PyTuple_Check(r) || PyTuple_GET_SIZE(r) != 2) {
        snprintf(buf, sizeof buf, "%s", r == NULL ? exc_text() : "not a pair");
        Py_XDECREF(r);
        return buf;
    }
    PyObject *q = PyTuple_GET_ITEM(r, 0), *m = PyTuple_GET_ITEM(r, 1);
    Py_INCREF(q);
    Py_INCREF(m);
    char first[32768];
    snprintf(first, sizeof first, "%s", describe(q));
    snprintf(buf, sizeof buf, "%s, %s", first, describe(m));
    Py_DECREF(r);
    return buf;
}

/* The <,<=,==,!=,>,>= outcome of a rich comparison slot as "TFTF..." ('?' on error). */
static inline const char *cmp6(richcmpfunc f, PyObject *a, PyObject *b) {
    static char buf[7];
    static const int ops[6] = {Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE};
    for (int i = 0; i < 6; i++) {
        PyObject *r = f(a, b, ops[i]);
        buf[i] = r == Py_True ? 'T' : r == Py_False ? 'F' : '?';
        if (r == NULL) PyErr_Clear();
        Py_XDECREF(r);
    }
    buf[6] = '\0';
    return buf;
}

/* The int spelled by the decimal text s. */
static inline PyObject *int_of(const char *s) {
    PyObject *v = PyLong_FromString(s, NULL, 10);
    if (v == NULL) {
        fprintf(stderr, "int_of(%s): %s\n", s, exc_text());
        abort();
    }
    return v;
}

static inline PyNumberMethods *nb(PyObject *o) { return Py_TYPE(o)->tp_as_number; }

/* str() of the current exception (clears it), or "(no exception set)". */
static inline const char *exc_message(void) {
    static char buf[8192];
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) return "(no exception set)";
    PyObject *s = PyObject_Str(exc);
    const char *m = s ? PyUnicode_AsUTF8(s) : NULL;
    snprintf(buf, sizeof buf, "%s", m ? m : "(unprintable)");
    if (!s) PyErr_Clear();
    Py_XDECREF(s);
    Py_DECREF(exc);
    return buf;
}

/* Checks that the last call failed with an exception of `type` whose text is `msg`. */
#define CHECK_ERR(type, msg) do { \
    CHECK(PyErr_ExceptionMatches(type)); \
    CHECK_STR(exc_message(), (msg)); \
} while (0)

/* Checks that r is NULL with an exception of `type` whose text is `msg`. */
#define CHECK_EXC(r, type, msg) do { \
    PyObject *_r = (r); \
    CHECK(_r == NULL); \
    Py_XDECREF(_r); \
    CHECK_ERR(type, msg); \
} while (0)

/* Checks that the last call failed with SystemError "bad argument to internal function"
   (CPython prefixes its source file and line). */
#define CHECK_BAD_CALL() do { \
    CHECK(PyErr_ExceptionMatches(PyExc_SystemError)); \
    const char *_m = exc_message(); \
    const char *_w = "bad argument to internal function"; \
    CHECK(strlen(_m) >= strlen(_w) && strcmp(_m + strlen(_m) - strlen(_w), _w) == 0); \
} while (0)

#endif /* !NUM_UTIL_H */
