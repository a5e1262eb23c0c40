/*
 * obj_util.h: helpers for the object-model tests: text of objects and exceptions, and
 * exception checks. Everything here is plain C API, so it works against CPython too.
 */
#ifndef OBJ_UTIL_H
#define OBJ_UTIL_H

#include "test_util.h"

/* The UTF-8 of the str `s`; "(null)" for NULL or a failed conversion. */
static inline const char *utf8(PyObject *s) {
    const char *p = s ? PyUnicode_AsUTF8(s) : NULL;
    return p ? p : "(null)";
}

/* repr(o) in a static buffer; "(error)" (exception cleared) if it raised. */
static inline const char *repr(PyObject *o) {
    static char buf[512];
    PyObject *r = PyObject_Repr(o);
    if (r == NULL) { PyErr_Clear(); return "(error)"; }
    snprintf(buf, sizeof buf, "%s", utf8(r));
    Py_DECREF(r);
    return buf;
}

/* str(o) in a static buffer; "(str failed)" (exception cleared) if it raised. */
static inline const char *str_of(PyObject *o) {
    static char buf[512];
    PyObject *s = o ? PyObject_Str(o) : NULL;
    snprintf(buf, sizeof buf, "%s", s ? utf8(s) : "(str failed)");
    if (s == NULL) PyErr_Clear();
    Py_XDECREF(s);
    return buf;
}

/* str() of the current exception, which is cleared: "(no exception)" if none is set,
   "(wrong type T)" if it is not an instance of `type` (NULL: any type). */
static inline const char *err_text(PyObject *type) {
    static char buf[512];
    PyObject *e = PyErr_GetRaisedException();
    if (e == NULL) return "(no exception)";
    if (type != NULL && !PyErr_GivenExceptionMatches(e, type)) {
        snprintf(buf, sizeof buf, "(wrong type %s)", Py_TYPE(e)->tp_name);
    } else {
        PyObject *s = PyObject_Str(e);
        snprintf(buf, sizeof buf, "%s", s ? utf8(s) : "(str failed)");
        Py_XDECREF(s);
    }
    Py_DECREF(e);
    return buf;
}

/* Checks that an exception of type `type` is set and that str(exc) contains `text` (NULL:
   any text), then clears it. SystemError texts differ in a prefix: CPython's name the C
   file and line ("Objects/dictobject.c:2391: bad argument to internal function"). */
#define CHECK_EXC(type, text) check_exc(__LINE__, (type), (text))
static inline void check_exc(int line, PyObject *type, const char *text) {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) {
        t_failed++;
        fprintf(stderr, "FAIL %s:%d: no exception set (expected %s)\n", __FILE__, line,
                ((PyTypeObject *)type)->tp_name);
        return;
    }
    if (!PyObject_TypeCheck(exc, (PyTypeObject *)type)) {
        t_failed++;
        fprintf(stderr, "FAIL %s:%d: exception %s, expected %s\n", __FILE__, line, Py_TYPE(exc)->tp_name,
                ((PyTypeObject *)type)->tp_name);
    } else if (text != NULL) {
        PyObject *s = PyObject_Str(exc);
        if (s != NULL && strstr(utf8(s), text) != NULL) {
            t_passed++;
        } else {
            t_failed++;
            fprintf(stderr, "FAIL %s:%d: exception text \"%s\" lacks \"%s\"\n", __FILE__, line, utf8(s), text);
        }
        Py_XDECREF(s);
    } else {
        t_passed++;
    }
    Py_DECREF(exc);
}

/* Checks that no exception is set (reporting and clearing one that is). */
#define CHECK_NO_EXC() check_no_exc(__LINE__)
static inline void check_no_exc(int line) {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == NULL) { t_passed++; return; }
    t_failed++;
    PyObject *s = PyObject_Str(exc);
    fprintf(stderr, "FAIL %s:%d: unexpected %s: %s\n", __FILE__, line, Py_TYPE(exc)->tp_name, utf8(s));
    Py_XDECREF(s);
    Py_DECREF(exc);
}

/* New references to a str and an int, for building test data. */
static inline PyObject *S(const char *s) { return PyUnicode_FromString(s); }
static inline PyObject *I(long v) { return PyLong_FromLong(v); }

#endif
