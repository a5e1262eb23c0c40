/* cpython/unicodeobject.h: str macros over the declared functions (Python.h includes this
   after subinterp.h). */
#ifndef Py_CPYTHON_UNICODEOBJECT_H
#define Py_CPYTHON_UNICODEOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

/* Code point `index` (in range, unchecked as in CPython): read in place for ASCII strings,
   through PyUnicode_ReadChar (O(1), indexed) for the others. */
static inline Py_UCS4 PyUnicode_READ_CHAR(PyObject *unicode, Py_ssize_t index) {
    if (PyUnicode_IS_ASCII(unicode)) {
        return ((const Py_UCS1 *)(_PyASCIIObject_CAST(unicode) + 1))[index];
    }
    return PyUnicode_ReadChar(unicode, index);
}
#define PyUnicode_READ_CHAR(unicode, index) PyUnicode_READ_CHAR(_PyObject_CAST(unicode), (index))

#ifdef __cplusplus
}
#endif
#endif /* !Py_CPYTHON_UNICODEOBJECT_H */
