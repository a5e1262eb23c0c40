/* bytesobject.h: bytes, laid out as CPython's (the bytes inline, NUL-terminated). */
#ifndef Py_BYTESOBJECT_H
#define Py_BYTESOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    PyObject_VAR_HEAD
    Py_DEPRECATED(3.11) Py_hash_t ob_shash;  /* -1 until computed */
    char ob_sval[1];        /* ob_size bytes, then a NUL */
} PyBytesObject;

#define PyBytes_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_BYTES_SUBCLASS)
#define PyBytes_CheckExact(op) Py_IS_TYPE((op), &PyBytes_Type)
#define _PyBytes_CAST(op) ((PyBytesObject *)(op))

static inline char *PyBytes_AS_STRING(PyObject *op) { return _PyBytes_CAST(op)->ob_sval; }
#define PyBytes_AS_STRING(op) PyBytes_AS_STRING(_PyObject_CAST(op))
static inline Py_ssize_t PyBytes_GET_SIZE(PyObject *op) { return Py_SIZE(_PyBytes_CAST(op)); }
#define PyBytes_GET_SIZE(op) PyBytes_GET_SIZE(_PyObject_CAST(op))

/* C-variadic (cbindgen cannot declare these; see src/c/README.md). printf-checked, as
   CPython declares them (the codes are a subset of printf's). */
PyObject *PyBytes_FromFormatV(const char *format, va_list vargs) Py_GCC_ATTRIBUTE((format(printf, 1, 0)));
PyObject *PyBytes_FromFormat(const char *format, ...) Py_GCC_ATTRIBUTE((format(printf, 1, 2)));

#ifdef __cplusplus
}
#endif
#endif /* !Py_BYTESOBJECT_H */
