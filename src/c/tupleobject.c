/* tupleobject.c: the body of PyTuple_Pack (see README.md). */
#include <Python.h>

PyObject *subinterp_tuple_from_array(Py_ssize_t n, PyObject *const *items);

PyObject *subinterp_c_PyTuple_Pack(Py_ssize_t n, ...) {
    if (n < 0) {
        return subinterp_tuple_from_array(n, NULL);     /* raises SystemError */
    }
    PyObject *small[16];
    PyObject **items = n <= 16 ? small : PyMem_Malloc((size_t)n * sizeof(PyObject *));
    if (items == NULL) {
        return PyErr_NoMemory();
    }
    va_list ap;
    va_start(ap, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        items[i] = va_arg(ap, PyObject *);
    }
    va_end(ap);
    PyObject *t = subinterp_tuple_from_array(n, items);
    if (items != small) {
        PyMem_Free(items);
    }
    return t;
}
