/* cpython/weakrefobject.h: PyWeakref_GET_OBJECT (deprecated in 3.13, as in CPython: a
   borrowed reference, Py_None once the referent is gone). Included by Python.h after
   subinterp.h. */
#ifndef Py_CPYTHON_WEAKREFOBJECT_H
#define Py_CPYTHON_WEAKREFOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

/* Deprecated in 3.13, as in CPython (the declaration in subinterp.h has no attribute). */
Py_DEPRECATED(3.13) PyObject *PyWeakref_GetObject(PyObject *ref);

Py_DEPRECATED(3.13) static inline PyObject *PyWeakref_GET_OBJECT(PyObject *ref_obj) {
    PyObject *obj = ((PyWeakReference *)ref_obj)->wr_object;
    /* A referent being deallocated (count 0) is already gone. */
    if (Py_REFCNT(obj) > 0) {
        return obj;
    }
    return Py_None;
}
#define PyWeakref_GET_OBJECT(ref) PyWeakref_GET_OBJECT(_PyObject_CAST(ref))

#ifdef __cplusplus
}
#endif
#endif /* !Py_CPYTHON_WEAKREFOBJECT_H */
