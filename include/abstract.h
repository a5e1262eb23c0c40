/* abstract.h: the abstract object layer's macros (the functions are in subinterp.h, which
   Python.h includes first: some of these macros rename declared functions, as CPython's). */
#ifndef Py_ABSTRACTOBJECT_H
#define Py_ABSTRACTOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

/* Set in nargsf when the callee may use args[-1] as scratch space (PEP 590). */
#define PY_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))

/* Calls callable(arg1, arg2, ...) with the objects up to a terminating NULL (C-variadic:
   declared here by hand, not generated). */
PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...);
/* Calls callable with the arguments Py_BuildValue's `format` makes: none for NULL or "",
   the items of a tuple, or the one other value (C-variadic, declared by hand). */
PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...);

/* obj.name(*Py_BuildValue(format, ...)) and obj.name(arg1, ..., NULL) (C-variadic). */
PyObject *PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...);
PyObject *PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...);

#define PyObject_Length PyObject_Size
#define PySequence_Length PySequence_Size
#define PySequence_In PySequence_Contains
#define PyMapping_Length PyMapping_Size

/* Implemented as macros in CPython 3.13, as here. */
#define PyMapping_DelItemString(O, K) PyObject_DelItemString((O), (K))
#define PyMapping_DelItem(O, K) PyObject_DelItem((O), (K))

/* On what PySequence_Fast returned: a list or a tuple. */
#define PySequence_Fast_GET_SIZE(o) \
    (PyList_Check(o) ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o))
#define PySequence_Fast_GET_ITEM(o, i) \
    (PyList_Check(o) ? PyList_GET_ITEM((o), (i)) : PyTuple_GET_ITEM((o), (i)))
#define PySequence_Fast_ITEMS(sf) \
    (PyList_Check(sf) ? ((PyListObject *)(sf))->ob_item : ((PyTupleObject *)(sf))->ob_item)

/* Assumes the type has sq_item and that i needs no adjustment for a negative index. */
#define PySequence_ITEM(o, i) (Py_TYPE(o)->tp_as_sequence->sq_item((o), (i)))

#ifdef __cplusplus
}
#endif
#endif /* !Py_ABSTRACTOBJECT_H */
