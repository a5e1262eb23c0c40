/* listobject.h: list, laid out as CPython's (a separate item array). */
#ifndef Py_LISTOBJECT_H
#define Py_LISTOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    PyObject_VAR_HEAD
    PyObject **ob_item;     /* ob_size items in use, `allocated` slots */
    Py_ssize_t allocated;
} PyListObject;

#define PyList_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_LIST_SUBCLASS)
#define PyList_CheckExact(op) Py_IS_TYPE((op), &PyList_Type)
#define _PyList_CAST(op) ((PyListObject *)(op))

static inline Py_ssize_t PyList_GET_SIZE(PyObject *op) { return Py_SIZE(_PyList_CAST(op)); }
#define PyList_GET_SIZE(op) PyList_GET_SIZE(_PyObject_CAST(op))
#define PyList_GET_ITEM(op, index) (_PyList_CAST(op)->ob_item[(index)])

/* Stores `value` (stolen) without dropping the old item: for filling new lists. */
static inline void PyList_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value) {
    _PyList_CAST(op)->ob_item[index] = value;
}
#define PyList_SET_ITEM(op, index, value) PyList_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

#ifdef __cplusplus
}
#endif
#endif /* !Py_LISTOBJECT_H */
