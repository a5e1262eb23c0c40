/*
 * getargs.c: the bodies of PyArg_Parse, PyArg_ParseTuple, PyArg_VaParse,
 * PyArg_ParseTupleAndKeywords, PyArg_VaParseTupleAndKeywords and PyArg_UnpackTuple (their
 * exported symbols, and the _SizeT aliases CPython 3.13 still exports, tail-jump here; see
 * README.md), and the va_list accessors.
 *
 * Nothing here reads the format: each body starts (or copies) the va_list and hands a
 * pointer to it to the Rust walker (src/object/getargs.rs), which pulls every argument
 * back with the C type its format unit names (through the subinterp_va_* accessors, or
 * on x86-64 directly).
 */
#include <Python.h>

int subinterp_getargs_tuple(PyObject *args, const char *format, va_list *ap, int compat);
int subinterp_getargs_keywords(PyObject *args, PyObject *kwargs, const char *format,
                               char *const *kwlist, va_list *ap);
int subinterp_getargs_unpack(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max,
                             va_list *ap);

typedef void (*subinterp_va_fn)(void);

/* The accessors (also for Py_BuildValue's body, modsupport.c). On x86-64 the Rust side
   reads the va_list itself (its System V layout) and does not call them. */
void *subinterp_va_ptr(va_list *ap) { return va_arg(*ap, void *); }
subinterp_va_fn subinterp_va_func(va_list *ap) { return va_arg(*ap, subinterp_va_fn); }
int subinterp_va_int(va_list *ap) { return va_arg(*ap, int); }
unsigned int subinterp_va_uint(va_list *ap) { return va_arg(*ap, unsigned int); }
long subinterp_va_long(va_list *ap) { return va_arg(*ap, long); }
unsigned long subinterp_va_ulong(va_list *ap) { return va_arg(*ap, unsigned long); }
long long subinterp_va_longlong(va_list *ap) { return va_arg(*ap, long long); }
unsigned long long subinterp_va_ulonglong(va_list *ap) { return va_arg(*ap, unsigned long long); }
Py_ssize_t subinterp_va_ssize(va_list *ap) { return va_arg(*ap, Py_ssize_t); }
double subinterp_va_double(va_list *ap) { return va_arg(*ap, double); }

int subinterp_c_PyArg_Parse(PyObject *args, const char *format, ...);
int subinterp_c_PyArg_ParseTuple(PyObject *args, const char *format, ...);
int subinterp_c_PyArg_VaParse(PyObject *args, const char *format, va_list va);
int subinterp_c_PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                            char *const *kwlist, ...);
int subinterp_c_PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                              char *const *kwlist, va_list va);
int subinterp_c_PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...);

int subinterp_c_PyArg_Parse(PyObject *args, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = subinterp_getargs_tuple(args, format, &ap, 1);
    va_end(ap);
    return r;
}

int subinterp_c_PyArg_ParseTuple(PyObject *args, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    int r = subinterp_getargs_tuple(args, format, &ap, 0);
    va_end(ap);
    return r;
}

int subinterp_c_PyArg_VaParse(PyObject *args, const char *format, va_list va) {
    va_list ap;
    va_copy(ap, va);
    int r = subinterp_getargs_tuple(args, format, &ap, 0);
    va_end(ap);
    return r;
}

int subinterp_c_PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                            char *const *kwlist, ...) {
    va_list ap;
    va_start(ap, kwlist);
    int r = subinterp_getargs_keywords(args, kwargs, format, kwlist, &ap);
    va_end(ap);
    return r;
}

int subinterp_c_PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
                                              char *const *kwlist, va_list va) {
    va_list ap;
    va_copy(ap, va);
    int r = subinterp_getargs_keywords(args, kwargs, format, kwlist, &ap);
    va_end(ap);
    return r;
}

int subinterp_c_PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t max, ...) {
    va_list ap;
    va_start(ap, max);
    int r = subinterp_getargs_unpack(args, name, min, max, &ap);
    va_end(ap);
    return r;
}
