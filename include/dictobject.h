/* dictobject.h: dict, with CPython 3.13's public object head. The table behind ma_keys is
   subinterp's own (compact and insertion ordered, like CPython's) and opaque to C. */
#ifndef Py_DICTOBJECT_H
#define Py_DICTOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct _dictkeysobject PyDictKeysObject;
typedef struct _dictvalues PyDictValues;

typedef struct {
    PyObject_HEAD
    Py_ssize_t ma_used;         /* number of items */
    uint64_t ma_version_tag;    /* deprecated (3.12); counts table replacements here */
    PyDictKeysObject *ma_keys;  /* the table */
    PyDictValues *ma_values;    /* always NULL: no split tables */
} PyDictObject;

#define PyDict_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_DICT_SUBCLASS)
#define PyDict_CheckExact(op) Py_IS_TYPE((op), &PyDict_Type)

/* The number of items of a dict (no check that it is one). */
static inline Py_ssize_t PyDict_GET_SIZE(PyObject *op) { return ((PyDictObject *)op)->ma_used; }
#define PyDict_GET_SIZE(op) PyDict_GET_SIZE(_PyObject_CAST(op))

#ifdef __cplusplus
}
#endif
#endif /* !Py_DICTOBJECT_H */
