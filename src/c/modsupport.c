/*
 * modsupport.c: the bodies of Py_BuildValue and Py_VaBuildValue (their exported symbols,
 * and the _Py_BuildValue_SizeT / _Py_VaBuildValue_SizeT aliases, tail-jump here; see
 * README.md). The format is read by the Rust side (src/object/getargs/buildvalue.rs),
 * which takes each value from the va_list through the accessors in getargs.c.
 */
#include <Python.h>

PyObject *subinterp_buildvalue(const char *format, va_list *ap);

PyObject *subinterp_c_Py_BuildValue(const char *format, ...);
PyObject *subinterp_c_Py_VaBuildValue(const char *format, va_list va);

PyObject *subinterp_c_Py_BuildValue(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = subinterp_buildvalue(format, &ap);
    va_end(ap);
    return r;
}

PyObject *subinterp_c_Py_VaBuildValue(const char *format, va_list va) {
    va_list ap;
    va_copy(ap, va);
    PyObject *r = subinterp_buildvalue(format, &ap);
    va_end(ap);
    return r;
}
