/* modsupport.h: argument parsing (PyArg_*) and value building (Py_BuildValue), as CPython
   3.13's. The module-support half (PyModule_Add*) comes with modules. */
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

#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"

#ifdef __cplusplus
}
#endif
#endif /* !Py_MODSUPPORT_H */
