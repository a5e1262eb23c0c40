/*
 * unicode_util.h: checks shared by the str tests (test_unicode.c, test_unicode_format.c,
 * sub_unicode.c): a result's text, and the exception a failed call set.
 */
#ifndef UNICODE_UTIL_H
#define UNICODE_UTIL_H

#include "test_util.h"

/* Whether `o` is a str holding the `n` bytes of UTF-8 at `want`; reports a mismatch.
   Drops the reference to `o`. */
static inline int text_is(PyObject *o, const char *want, Py_ssize_t n, int line) {
    if (o == NULL) {
        PyObject *exc = PyErr_GetRaisedException();
        PyObject *s = exc ? PyObject_Str(exc) : NULL;
        fprintf(stderr, "  line %d: NULL (%s: %s), expected \"%s\"\n", line,
                exc ? Py_TYPE(exc)->tp_name : "no exception", s ? PyUnicode_AsUTF8(s) : "", want);
        Py_XDECREF(s);
        Py_XDECREF(exc);
        return 0;
    }
    Py_ssize_t got_n = -1;
    const char *got = PyUnicode_Check(o) ? PyUnicode_AsUTF8AndSize(o, &got_n) : NULL;
    int ok = got != NULL && got_n == n && memcmp(got, want, (size_t)n) == 0;
    if (!ok) {
        fprintf(stderr, "  line %d: \"%.*s\" (%zd bytes), expected \"%s\"\n", line,
                got ? (int)got_n : 6, got ? got : "(none)", got_n, want);
        PyErr_Clear();
    }
    Py_DECREF(o);
    return ok;
}

/* CHECK_TEXT(new reference, "expected"): the text of a result (the reference is dropped). */
#define CHECK_TEXT(o, want) CHECK(text_is((o), (want), (Py_ssize_t)strlen(want), __LINE__))
/* For expected texts with embedded NULs: a string literal. */
#define CHECK_TEXTN(o, want) CHECK(text_is((o), (want), (Py_ssize_t)sizeof(want) - 1, __LINE__))

/* Whether the current exception is an instance of `type` whose str() is `msg` (any message
   if `msg` is NULL). Clears it. */
static inline int raised(PyObject *type, const char *msg, int line) {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        fprintf(stderr, "  line %d: no exception set, expected %s\n", line, ((PyTypeObject *)type)->tp_name);
        return 0;
    }
    int ok = PyErr_GivenExceptionMatches(exc, type);
    PyObject *s = PyObject_Str(exc);
    const char *text = s ? PyUnicode_AsUTF8(s) : NULL;
    if (msg != NULL && (text == NULL || strcmp(text, msg) != 0)) {
        ok = 0;
    }
    if (!ok) {
        fprintf(stderr, "  line %d: %s(\"%s\"), expected %s(\"%s\")\n", line, Py_TYPE(exc)->tp_name,
                text ? text : "?", ((PyTypeObject *)type)->tp_name, msg ? msg : "...");
    }
    Py_XDECREF(s);
    Py_DECREF(exc);
    PyErr_Clear();
    return ok;
}

/* CHECK_RAISES(the call failed, PyExc_X, "message" or NULL). */
#define CHECK_RAISES(failed, type, msg) do { \
    int _failed = (failed); \
    CHECK(_failed); \
    CHECK(raised((type), (msg), __LINE__)); \
} while (0)

/* A new str from a C literal that may hold NULs. */
#define STR(lit) PyUnicode_FromStringAndSize((lit), (Py_ssize_t)sizeof(lit) - 1)

/* A type with a chosen repr and str, for %S/%R/%A and error messages naming types. */
typedef struct { PyObject_HEAD } Thing;

static PyObject *thing_repr(PyObject *self) { return PyUnicode_FromString("<th\xc3\xafng>"); }
static PyObject *thing_str(PyObject *self) { return PyUnicode_FromString("thing as str"); }

static PyTypeObject Thing_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Thing",
    .tp_basicsize = sizeof(Thing),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_repr = thing_repr,
    .tp_str = thing_str,
};

static inline PyObject *new_thing(void) {
    if (PyType_Ready(&Thing_Type) < 0) return NULL;
    return PyType_GenericNew(&Thing_Type, NULL, NULL);
}

#endif /* UNICODE_UTIL_H */
