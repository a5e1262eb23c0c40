/* weakrefobject.h: weak references (weakref.ReferenceType, ProxyType, CallableProxyType),
   CPython 3.13's layout and type-check macros. PyWeakref_GET_OBJECT is in
   cpython/weakrefobject.h, which Python.h includes after subinterp.h. */
#ifndef Py_WEAKREFOBJECT_H
#define Py_WEAKREFOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct _PyWeakReference PyWeakReference;

struct _PyWeakReference {
    PyObject_HEAD
    PyObject *wr_object;        /* the referent (not counted), or Py_None once cleared */
    PyObject *wr_callback;      /* called with the reference when the referent dies, or NULL */
    Py_hash_t hash;             /* the referent's hash once computed, else -1 */
    PyWeakReference *wr_prev;   /* the referent's list of weak references */
    PyWeakReference *wr_next;
    vectorcallfunc vectorcall;  /* calling a reference returns the referent or None */
};

#define PyWeakref_CheckRef(op) PyObject_TypeCheck((op), &_PyWeakref_RefType)
#define PyWeakref_CheckRefExact(op) Py_IS_TYPE((op), &_PyWeakref_RefType)
#define PyWeakref_CheckProxy(op) \
        (Py_IS_TYPE((op), &_PyWeakref_ProxyType) \
         || Py_IS_TYPE((op), &_PyWeakref_CallableProxyType))
#define PyWeakref_Check(op) (PyWeakref_CheckRef(op) || PyWeakref_CheckProxy(op))

#ifdef __cplusplus
}
#endif
#endif /* !Py_WEAKREFOBJECT_H */
