/* call.c: the bodies of PyObject_CallFunctionObjArgs and PyObject_CallFunction (see
   README.md). */
#include <Python.h>

PyObject *subinterp_c_PyObject_CallFunctionObjArgs(PyObject *callable, ...) {
    va_list ap;
    Py_ssize_t nargs = 0;
    va_start(ap, callable);
    while (va_arg(ap, PyObject *) != NULL) {
        nargs++;
    }
    va_end(ap);
    /* One spare slot in front, so the callee may use args[-1]. */
    PyObject *small[6];
    PyObject **stack = small;
    if (nargs + 1 > (Py_ssize_t)(sizeof small / sizeof small[0])) {
        stack = PyMem_Malloc((size_t)(nargs + 1) * sizeof(PyObject *));
        if (stack == NULL) {
            return PyErr_NoMemory();
        }
    }
    va_start(ap, callable);
    for (Py_ssize_t i = 0; i < nargs; i++) {
        stack[i + 1] = va_arg(ap, PyObject *);
    }
    va_end(ap);
    PyObject *result = PyObject_Vectorcall(callable, stack + 1,
                                           (size_t)nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    if (stack != small) {
        PyMem_Free(stack);
    }
    return result;
}

/* The bodies of PyObject_CallFunction and of _PyObject_CallFunction_SizeT, the name
   CPython 3.13 still exports for old PY_SSIZE_T_CLEAN builds (both symbols tail-jump
   here): the Rust side builds the arguments from the format and makes the call. */
PyObject *subinterp_callfunction(PyObject *callable, const char *format, va_list *ap);

PyObject *subinterp_c_PyObject_CallFunction(PyObject *callable, const char *format, ...);

PyObject *subinterp_c_PyObject_CallFunction(PyObject *callable, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = subinterp_callfunction(callable, format, &ap);
    va_end(ap);
    return r;
}
