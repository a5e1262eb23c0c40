/* cpython/pyerrors.h: error macros over the declared functions (Python.h includes this
   after subinterp.h). */
#ifndef Py_CPYTHON_ERRORS_H
#define Py_CPYTHON_ERRORS_H

/* As in CPython 3.9+: the fatal error names the calling function. */
#define Py_FatalError(message) _Py_FatalErrorFunc(__func__, (message))

#endif /* !Py_CPYTHON_ERRORS_H */
