/* cpython/classobject.h: bound methods (`method`, `types.MethodType`) and `instancemethod`,
   CPython 3.13's layouts. Included by Python.h after subinterp.h (which declares
   PyMethod_Type, PyInstanceMethod_Type and the functions). */
#ifndef Py_CLASSOBJECT_H
#define Py_CLASSOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    PyObject_HEAD
    PyObject *im_func;        /* the callable implementing the method */
    PyObject *im_self;        /* the instance it is bound to */
    PyObject *im_weakreflist; /* weak references to the method */
    vectorcallfunc vectorcall;
} PyMethodObject;

#define PyMethod_Check(op) Py_IS_TYPE((op), &PyMethod_Type)

/* Direct access, no type check (as CPython's). */
static inline PyObject *PyMethod_GET_FUNCTION(PyObject *meth) {
    return ((PyMethodObject *)meth)->im_func;
}
#define PyMethod_GET_FUNCTION(meth) PyMethod_GET_FUNCTION(_PyObject_CAST(meth))

static inline PyObject *PyMethod_GET_SELF(PyObject *meth) {
    return ((PyMethodObject *)meth)->im_self;
}
#define PyMethod_GET_SELF(meth) PyMethod_GET_SELF(_PyObject_CAST(meth))

typedef struct {
    PyObject_HEAD
    PyObject *func;
} PyInstanceMethodObject;

#define PyInstanceMethod_Check(op) Py_IS_TYPE((op), &PyInstanceMethod_Type)

static inline PyObject *PyInstanceMethod_GET_FUNCTION(PyObject *meth) {
    return ((PyInstanceMethodObject *)meth)->func;
}
#define PyInstanceMethod_GET_FUNCTION(meth) PyInstanceMethod_GET_FUNCTION(_PyObject_CAST(meth))

#ifdef __cplusplus
}
#endif
#endif /* !Py_CLASSOBJECT_H */
