/* tupleobject.h: tuple, laid out as CPython's (items inline). */
#ifndef Py_TUPLEOBJECT_H
#define Py_TUPLEOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    PyObject_VAR_HEAD
    PyObject *ob_item[1];   /* ob_size items, all non-NULL once the tuple is built */
} PyTupleObject;

/* C-variadic (see src/c/README.md), so declared here rather than in subinterp.h. */
PyObject *PyTuple_Pack(Py_ssize_t n, ...);

#define PyTuple_Check(op) PyType_FastSubclass(Py_TYPE(op), Py_TPFLAGS_TUPLE_SUBCLASS)
#define PyTuple_CheckExact(op) Py_IS_TYPE((op), &PyTuple_Type)
#define _PyTuple_CAST(op) ((PyTupleObject *)(op))

static inline Py_ssize_t PyTuple_GET_SIZE(PyObject *op) { return Py_SIZE(_PyTuple_CAST(op)); }
#define PyTuple_GET_SIZE(op) PyTuple_GET_SIZE(_PyObject_CAST(op))
#define PyTuple_GET_ITEM(op, index) (_PyTuple_CAST(op)->ob_item[(index)])

/* Only for filling a new tuple: it steals `value` and does not drop the old item. */
static inline void PyTuple_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value) {
    _PyTuple_CAST(op)->ob_item[index] = value;
}
#define PyTuple_SET_ITEM(op, index, value) PyTuple_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

#ifdef __cplusplus
}
#endif
#endif /* !Py_TUPLEOBJECT_H */
