/* The __getitem__ wrapper of an sq_item slot (CPython's wrap_sq_item): a negative index
   counts from the end when the type has sq_length, so the slot sees len + i; without
   sq_length it sees the index as given. */
#include "obj_util.h"

static Py_ssize_t seen;

static Py_ssize_t seq_len(PyObject *self) { (void)self; return 5; }
static PyObject *seq_item(PyObject *self, Py_ssize_t i) { (void)self; seen = i; return PyLong_FromSsize_t(i); }

static PySequenceMethods with_len = { .sq_length = seq_len, .sq_item = seq_item };
static PySequenceMethods without_len = { .sq_item = seq_item };

static PyTypeObject WithLen = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sqw.WithLen", .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT, .tp_as_sequence = &with_len, .tp_new = PyType_GenericNew,
};
static PyTypeObject WithoutLen = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "sqw.WithoutLen", .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT, .tp_as_sequence = &without_len, .tp_new = PyType_GenericNew,
};

static void check_getitem(PyTypeObject *tp, long index, Py_ssize_t want) {
    PyObject *o = PyType_GenericNew(tp, NULL, NULL);
    seen = -100;
    PyObject *r = PyObject_CallMethod(o, "__getitem__", "l", index);
    CHECK(r != NULL);
    CHECK_INT(seen, want);
    Py_XDECREF(r);
    Py_DECREF(o);
}

int main(void) {
    Py_Initialize();
    CHECK_INT(PyType_Ready(&WithLen), 0);
    CHECK_INT(PyType_Ready(&WithoutLen), 0);
    check_getitem(&WithLen, 2, 2);
    check_getitem(&WithLen, -1, 4);
    check_getitem(&WithLen, -7, -2);       /* still negative: the slot decides */
    check_getitem(&WithoutLen, -1, -1);
    CHECK(!PyErr_Occurred());
    Py_Finalize();
    return TEST_DONE();
}
