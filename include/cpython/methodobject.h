/* cpython/methodobject.h: builtin function accessors and the constructor macros (Python.h
   includes this after subinterp.h, whose declarations these names would otherwise rewrite).
   As in CPython, the GET_* accessors do no type check (an assert only). */
#ifndef Py_CPYTHON_METHODOBJECT_H
#define Py_CPYTHON_METHODOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

/* PyCFunction_New and PyCFunction_NewEx are exported for the stable ABI, and renamed here
   to what they call, as in CPython. */
#define PyCFunction_New(ML, SELF) PyCFunction_NewEx((ML), (SELF), NULL)
#define PyCFunction_NewEx(ML, SELF, MOD) PyCMethod_New((ML), (SELF), (MOD), NULL)

#define _PyCFunctionObject_CAST(func) (assert(PyCFunction_Check(func)), (PyCFunctionObject *)(func))
#define _PyCMethodObject_CAST(func) (assert(PyCMethod_Check(func)), (PyCMethodObject *)(func))

static inline PyCFunction PyCFunction_GET_FUNCTION(PyObject *func) {
    return _PyCFunctionObject_CAST(func)->m_ml->ml_meth;
}
#define PyCFunction_GET_FUNCTION(func) PyCFunction_GET_FUNCTION(_PyObject_CAST(func))

static inline PyObject *PyCFunction_GET_SELF(PyObject *func_obj) {
    PyCFunctionObject *func = _PyCFunctionObject_CAST(func_obj);
    if (func->m_ml->ml_flags & METH_STATIC) {
        return NULL;
    }
    return func->m_self;
}
#define PyCFunction_GET_SELF(func) PyCFunction_GET_SELF(_PyObject_CAST(func))

static inline int PyCFunction_GET_FLAGS(PyObject *func) {
    return _PyCFunctionObject_CAST(func)->m_ml->ml_flags;
}
#define PyCFunction_GET_FLAGS(func) PyCFunction_GET_FLAGS(_PyObject_CAST(func))

static inline PyTypeObject *PyCFunction_GET_CLASS(PyObject *func_obj) {
    PyCFunctionObject *func = _PyCFunctionObject_CAST(func_obj);
    if (func->m_ml->ml_flags & METH_METHOD) {
        return _PyCMethodObject_CAST(func)->mm_class;
    }
    return NULL;
}
#define PyCFunction_GET_CLASS(func) PyCFunction_GET_CLASS(_PyObject_CAST(func))

#ifdef __cplusplus
}
#endif
#endif /* !Py_CPYTHON_METHODOBJECT_H */
