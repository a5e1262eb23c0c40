/*
 * call_util.h: shared by the argument and call tests (test_getargs.c, test_buildvalue.c,
 * test_callfunction.c, test_exceptions.c, test_pyerrors.c): building argument tuples from
 * new references and checking results. Plain C API, so it works against CPython too.
 */
#ifndef CALL_UTIL_H
#define CALL_UTIL_H

#include "obj_util.h"
#include <stdarg.h>

/* The exception set now is `type` and its str() is exactly `text`; clears it. */
#define CHECK_ERR(type, text) CHECK_STR(err_text(type), (text))

/* A tuple of the n given new references (stolen). */
static inline PyObject *targs(int n, ...) {
    va_list ap;
    va_start(ap, n);
    PyObject *t = PyTuple_New(n);
    for (int i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, va_arg(ap, PyObject *));
    va_end(ap);
    return t;
}

/* repr() of a new reference, which is released; "NULL" (exception kept) for NULL. */
static inline const char *repr_steal(PyObject *o) {
    static char buf[512];
    if (o == NULL) return "NULL";
    snprintf(buf, sizeof buf, "%s", repr(o));
    Py_DECREF(o);
    return buf;
}

#endif /* CALL_UTIL_H */
