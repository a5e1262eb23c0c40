/* Sequence API calls where CPython 3.13 crashes (NULL or wrong-kind arguments) and
   subinterp raises instead. */
#include "seq_util.h"

int main(void) {
    Py_Initialize();
    Py_ssize_t a = 0, b = 0, c = 0, n = 0;
    PyObject *l = PyList_New(0), *t = PyTuple_New(0), *five = PyLong_FromLong(5);

    CHECK_INT(PyList_Extend(l, NULL), -1);               /* CPython: crash */
    CHECK_BADCALL();
    CHECK(PyList_GetItemRef(NULL, 0) == NULL);            /* CPython: crash */
    CHECK_BADCALL();
    CHECK(PySlice_New(NULL, NULL, NULL) != NULL);
    CHECK_INT(PySlice_Unpack(NULL, &a, &b, &c), -1);     /* CPython: crash */
    CHECK_BADCALL();
    CHECK_INT(PySlice_Unpack(t, &a, &b, &c), -1);        /* not a slice */
    CHECK_BADCALL();
    a = 0;
    b = 5;
    CHECK_INT(PySlice_AdjustIndices(10, &a, &b, 0), -1); /* CPython: division by zero */
    CHECK_BADCALL();
    CHECK_INT(PySlice_AdjustIndices(10, NULL, &b, 1), -1);
    CHECK_BADCALL();
    CHECK_INT((PySlice_GetIndicesEx)(NULL, 10, &a, &b, &c, &n), -1);
    CHECK_BADCALL();
    CHECK_INT(n, 0);
    CHECK(PySeqIter_New(NULL) == NULL);                  /* CPython: crash */
    CHECK_BADCALL();
    CHECK(PyIter_Next(NULL) == NULL);                    /* CPython: crash */
    CHECK_ERR(PyExc_SystemError, "null argument to internal routine"); /* abstract.c's */
    CHECK(PyIter_Next(five) == NULL);                    /* CPython: calls a NULL slot */
    CHECK_ERR(PyExc_TypeError, "'int' object is not an iterator");
    CHECK_INT(PyIter_Check(NULL), 0);
    CHECK(PyObject_SelfIter(NULL) == NULL);
    CHECK_BADCALL();
    CHECK_INT(_PyTuple_Resize(NULL, 1), -1);             /* CPython: crash */
    CHECK_BADCALL();
    CHECK(PyCapsule_Import(NULL, 0) == NULL);            /* CPython: crash */
    CHECK_BADCALL();
    CHECK_INT(Py_ReprEnter(NULL), -1);
    CHECK_BADCALL();
    Py_ReprLeave(NULL);                                  /* nothing to do */

    /* PyTuple_SetItem on a shared tuple is refused (as CPython), and so is resizing the
       shared empty tuple in place: it is replaced instead. */
    PyObject *e = PyTuple_New(0);
    CHECK_INT(_PyTuple_Resize(&e, 2), 0);
    CHECK(e != PyTuple_New(0) && PyTuple_GET_SIZE(e) == 2);
    PyTuple_SET_ITEM(e, 0, Py_NewRef(Py_None));
    PyTuple_SET_ITEM(e, 1, Py_NewRef(Py_None));
    Py_DECREF(e);

    Py_DECREF(five);
    Py_DECREF(t);
    Py_DECREF(l);
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
