/* cpython/abstract.h: the vectorcall protocol's inline parts (PEP 590) and CPython 3.13's
   compatibility aliases (Python.h includes this after subinterp.h, whose declarations
   these names would otherwise rewrite). */
#ifndef Py_CPYTHON_ABSTRACTOBJECT_H
#define Py_CPYTHON_ABSTRACTOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

/* PyVectorcall_NARGS is exported as a function for the stable ABI; here the name calls
   the inline form, as in CPython. */
static inline Py_ssize_t _PyVectorcall_NARGS(size_t n) {
    return (Py_ssize_t)(n & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
}
#define PyVectorcall_NARGS(n) _PyVectorcall_NARGS(n)

/* Aliases for the API that was provisional in Python 3.8 (PEP 590). */
#define _PyObject_Vectorcall PyObject_Vectorcall
#define _PyObject_VectorcallMethod PyObject_VectorcallMethod
#define _PyObject_FastCallDict PyObject_VectorcallDict
#define _PyVectorcall_Function PyVectorcall_Function
#define _PyObject_CallOneArg PyObject_CallOneArg
#define _PyObject_CallMethodNoArgs PyObject_CallMethodNoArgs
#define _PyObject_CallMethodOneArg PyObject_CallMethodOneArg

#ifdef __cplusplus
}
#endif
#endif /* !Py_CPYTHON_ABSTRACTOBJECT_H */
