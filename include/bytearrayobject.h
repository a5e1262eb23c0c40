/* bytearrayobject.h: bytearray, laid out as CPython's (a separate, over-allocated buffer). */
#ifndef Py_BYTEARRAYOBJECT_H
#define Py_BYTEARRAYOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    PyObject_VAR_HEAD
    Py_ssize_t ob_alloc;   /* bytes allocated at ob_bytes */
    char *ob_bytes;        /* the buffer (NULL when nothing is allocated) */
    char *ob_start;        /* where the contents start inside ob_bytes */
    Py_ssize_t ob_exports; /* buffer views handed out; no resizing while > 0 */
} PyByteArrayObject;

/* What PyByteArray_AS_STRING gives for an empty bytearray: "" (never written). */
extern char _PyByteArray_empty_string[];

#define PyByteArray_Check(self) PyObject_TypeCheck((self), &PyByteArray_Type)
#define PyByteArray_CheckExact(self) Py_IS_TYPE((self), &PyByteArray_Type)
#define _PyByteArray_CAST(op) ((PyByteArrayObject *)(op))

static inline char *PyByteArray_AS_STRING(PyObject *op) {
    PyByteArrayObject *self = _PyByteArray_CAST(op);
    if (Py_SIZE(self)) {
        return self->ob_start;
    }
    return _PyByteArray_empty_string;
}
#define PyByteArray_AS_STRING(self) PyByteArray_AS_STRING(_PyObject_CAST(self))

static inline Py_ssize_t PyByteArray_GET_SIZE(PyObject *op) { return Py_SIZE(_PyByteArray_CAST(op)); }
#define PyByteArray_GET_SIZE(self) PyByteArray_GET_SIZE(_PyObject_CAST(self))

#ifdef __cplusplus
}
#endif
#endif /* !Py_BYTEARRAYOBJECT_H */
