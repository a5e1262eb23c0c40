/* modsupport.h: argument parsing (PyArg_*) and value building (Py_BuildValue), and the
   module support macros, as CPython 3.13's (the module functions are declared in
   subinterp.h). */
#ifndef Py_MODSUPPORT_H
#define Py_MODSUPPORT_H
#ifdef __cplusplus
extern "C" {
#endif

/* C-variadic or taking a va_list (see src/c/README.md), so declared here rather than in
   subinterp.h. '#' lengths are always Py_ssize_t (PY_SSIZE_T_CLEAN is implied, as in
   CPython 3.13). PyArg_ValidateKeywordArguments is in subinterp.h. */
int PyArg_Parse(PyObject *, const char *, ...);
int PyArg_ParseTuple(PyObject *, const char *, ...);
int PyArg_ParseTupleAndKeywords(PyObject *, PyObject *, const char *, char * const *, ...);
int PyArg_VaParse(PyObject *, const char *, va_list);
int PyArg_VaParseTupleAndKeywords(PyObject *, PyObject *, const char *, char * const *, va_list);
int PyArg_UnpackTuple(PyObject *, const char *, Py_ssize_t, Py_ssize_t, ...);
PyObject *Py_BuildValue(const char *, ...);
PyObject *Py_VaBuildValue(const char *, va_list);

/* An O& converter returns this to be called again with NULL (to release what it made) if
   parsing fails after it. */
#define Py_CLEANUP_SUPPORTED 0x20000

/* --- modules (PyModule_Add*, PyModule_Create) ------------------------------------------- */

#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"

#define PyModule_AddIntMacro(m, c) PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))

#define PyModule_Create(module) PyModule_Create2((module), PYTHON_API_VERSION)
#define PyModule_FromDefAndSpec(module, spec) \
    PyModule_FromDefAndSpec2((module), (spec), PYTHON_API_VERSION)

#ifdef __cplusplus
}
#endif
#endif /* !Py_MODSUPPORT_H */
