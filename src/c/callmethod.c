/* callmethod.c: the bodies of PyObject_CallMethod and PyObject_CallMethodObjArgs (see
 * README.md). */
#include <Python.h>

PyObject *_Subinterp_NullError(void);

/* Py_VaBuildValue comes with the argument-building work (another branch); until it is
 * linked in, a format with arguments raises SystemError instead of failing to load. */
extern PyObject *Py_VaBuildValue(const char *format, va_list va) __attribute__((weak));

PyObject *subinterp_c_PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...) {
    if (obj == NULL || name == NULL) {
        return _Subinterp_NullError();
    }
    PyObject *callable = PyObject_GetAttrString(obj, name);
    if (callable == NULL) {
        return NULL;
    }
    if (!PyCallable_Check(callable)) {
        PyErr_Format(PyExc_TypeError, "attribute of type '%.200s' is not callable",
                     Py_TYPE(callable)->tp_name);
        Py_DECREF(callable);
        return NULL;
    }
    PyObject *result;
    if (format == NULL || *format == '\0') {
        result = PyObject_CallNoArgs(callable);
    } else {
        if (Py_VaBuildValue == NULL) {
            PyErr_SetString(PyExc_SystemError, "PyObject_CallMethod: Py_VaBuildValue is not available");
            Py_DECREF(callable);
            return NULL;
        }
        va_list va;
        va_start(va, format);
        PyObject *args = Py_VaBuildValue(format, va);
        va_end(va);
        if (args == NULL) {
            Py_DECREF(callable);
            return NULL;
        }
        if (PyTuple_Check(args)) {
            result = PyObject_Call(callable, args, NULL);
        } else {
            result = PyObject_CallOneArg(callable, args);
        }
        Py_DECREF(args);
    }
    Py_DECREF(callable);
    return result;
}

PyObject *subinterp_c_PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...) {
    if (obj == NULL || name == NULL) {
        return _Subinterp_NullError();
    }
    va_list ap;
    Py_ssize_t nargs = 0;
    va_start(ap, name);
    while (va_arg(ap, PyObject *) != NULL) {
        nargs++;
    }
    va_end(ap);
    /* A spare slot in front (PY_VECTORCALL_ARGUMENTS_OFFSET), then self, then the args. */
    PyObject *small[8];
    PyObject **stack = small;
    if (nargs + 2 > (Py_ssize_t)(sizeof small / sizeof small[0])) {
        stack = PyMem_Malloc((size_t)(nargs + 2) * sizeof(PyObject *));
        if (stack == NULL) {
            return PyErr_NoMemory();
        }
    }
    stack[1] = obj;
    va_start(ap, name);
    for (Py_ssize_t i = 0; i < nargs; i++) {
        stack[i + 2] = va_arg(ap, PyObject *);
    }
    va_end(ap);
    PyObject *result = PyObject_VectorcallMethod(name, stack + 1,
                                                 (size_t)(nargs + 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    if (stack != small) {
        PyMem_Free(stack);
    }
    return result;
}
