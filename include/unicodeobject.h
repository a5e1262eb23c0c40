/*
 * unicodeobject.h: str. An ASCII string is laid out as CPython's compact ASCII strings
 * (PEP 393): its characters follow the PyASCIIObject head, so CPython's macros work on it.
 * Any other string is stored as UTF-8 after a PyCompactUnicodeObject head (state.kind is 0
 * there): use the functions (PyUnicode_AsUTF8AndSize, PyUnicode_ReadChar, ...) on those.
 *
 * So PyUnicode_DATA, PyUnicode_KIND, PyUnicode_1BYTE_DATA and PyUnicode_READ are not
 * provided: they cannot be right for non-ASCII strings. PyUnicode_READ_CHAR is (it reads
 * ASCII strings directly and calls PyUnicode_ReadChar for the others, in O(1) either way);
 * it is defined in cpython/unicodeobject.h, after the function declarations.
 */
#ifndef Py_UNICODEOBJECT_H
#define Py_UNICODEOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef uint32_t Py_UCS4;
typedef uint16_t Py_UCS2;
typedef uint8_t Py_UCS1;

typedef struct {
    PyObject_HEAD
    Py_ssize_t length;      /* number of code points */
    Py_hash_t hash;         /* -1 until computed */
    struct {
        unsigned int interned:2;
        unsigned int kind:3;        /* 1 for ASCII strings; 0 for UTF-8-stored ones */
        unsigned int compact:1;
        unsigned int ascii:1;
        unsigned int statically_allocated:1;
        unsigned int :24;
    } state;
} PyASCIIObject;

typedef struct {
    PyASCIIObject _base;
    Py_ssize_t utf8_length; /* bytes, without the terminating NUL */
    char *utf8;             /* UTF-8, NUL-terminated */
} PyCompactUnicodeObject;

#define SSTATE_NOT_INTERNED 0
#define SSTATE_INTERNED_MORTAL 1
#define SSTATE_INTERNED_IMMORTAL 2
#define SSTATE_INTERNED_IMMORTAL_STATIC 3

#define PyUnicode_1BYTE_KIND 1

/* The interning state: one of the SSTATE_* values. '' and the one-character strings
   U+0000..U+00FF are static and count as interned (SSTATE_INTERNED_IMMORTAL_STATIC). */
#define PyUnicode_CHECK_INTERNED(op) (_PyASCIIObject_CAST(op)->state.interned)

#define PyUnicode_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_UNICODE_SUBCLASS)
#define PyUnicode_CheckExact(op) Py_IS_TYPE((op), &PyUnicode_Type)
#define _PyASCIIObject_CAST(op) ((PyASCIIObject *)(op))

static inline Py_ssize_t PyUnicode_GET_LENGTH(PyObject *op) { return _PyASCIIObject_CAST(op)->length; }
#define PyUnicode_GET_LENGTH(op) PyUnicode_GET_LENGTH(_PyObject_CAST(op))

static inline unsigned int PyUnicode_IS_ASCII(PyObject *op) { return _PyASCIIObject_CAST(op)->state.ascii; }
#define PyUnicode_IS_ASCII(op) PyUnicode_IS_ASCII(_PyObject_CAST(op))

static inline unsigned int PyUnicode_IS_COMPACT(PyObject *op) { return _PyASCIIObject_CAST(op)->state.compact; }
#define PyUnicode_IS_COMPACT(op) PyUnicode_IS_COMPACT(_PyObject_CAST(op))

/* C-variadic (cbindgen cannot declare these; see src/c/README.md). */
PyObject *PyUnicode_FromFormatV(const char *format, va_list vargs);
PyObject *PyUnicode_FromFormat(const char *format, ...);

#ifdef __cplusplus
}
#endif
#endif /* !Py_UNICODEOBJECT_H */
