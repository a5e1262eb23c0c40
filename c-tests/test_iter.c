/* Iterators: PySeqIter_New over objects with sq_item (ending at IndexError or
   StopIteration), PyIter_Check, PyIter_Next (NULL without an exception at the end), and
   PyObject_SelfIter. */
#include "seq_util.h"

/* A sequence of `n` small ints whose sq_item raises `end_exc` past the end, or `fail_exc`
   at index `fail_at`. */
typedef struct {
    PyObject_HEAD
    Py_ssize_t n;
    Py_ssize_t fail_at;
    PyObject *end_exc;
    PyObject *fail_exc;
} Seq;

static int seq_deallocs;

static PyObject *seq_item(PyObject *op, Py_ssize_t i) {
    Seq *s = (Seq *)op;
    if (i == s->fail_at) {
        PyErr_SetString(s->fail_exc, "item failed");
        return NULL;
    }
    if (i >= s->n) {
        PyErr_SetString(s->end_exc, "past the end");
        return NULL;
    }
    return PyLong_FromLong((long)i * 10);
}

static void seq_dealloc(PyObject *op) {
    seq_deallocs++;
    PyObject_Free(op);
}

static PySequenceMethods seq_as_sequence = { .sq_item = seq_item };

static PyTypeObject Seq_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "testmod.Seq",
    .tp_basicsize = sizeof(Seq),
    .tp_dealloc = seq_dealloc,
    .tp_as_sequence = &seq_as_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

static PyObject *seq_new(Py_ssize_t n, PyObject *end_exc) {
    Seq *s = PyObject_New(Seq, &Seq_Type);
    s->n = n;
    s->fail_at = -1;
    s->end_exc = end_exc;
    s->fail_exc = PyExc_ValueError;
    return (PyObject *)s;
}

static void test_seqiter(void) {
    PyObject *exc_kinds[] = { PyExc_IndexError, PyExc_StopIteration };
    for (int k = 0; k < 2; k++) {
        PyObject *s = seq_new(3, exc_kinds[k]);
        PyObject *it = PySeqIter_New(s);
        CHECK(it != NULL && PySeqIter_Check(it));
        CHECK_STR(Py_TYPE(it)->tp_name, "iterator");
        CHECK_INT(Py_REFCNT(s), 2);
        CHECK_INT(PyIter_Check(it), 1);
        PyObject *self = Py_TYPE(it)->tp_iter(it);
        CHECK(self == it);
        Py_XDECREF(self);
        long got = 0;
        int n = 0;
        PyObject *x;
        while ((x = PyIter_Next(it)) != NULL) {
            got = got * 100 + PyLong_AsLong(x);
            n++;
            Py_DECREF(x);
        }
        CHECK(!PyErr_Occurred());                /* the end exception is swallowed */
        CHECK_INT(n, 3);
        CHECK_INT(got, 1020);                    /* 0, 10, 20 */
        CHECK_INT(Py_REFCNT(s), 1);              /* exhausted: the sequence is let go */
        CHECK(PyIter_Next(it) == NULL && !PyErr_Occurred());
        seq_deallocs = 0;
        Py_DECREF(s);
        CHECK_INT(seq_deallocs, 1);
        Py_DECREF(it);
    }

    /* Other errors propagate, and the iterator goes on afterwards. */
    PyObject *s = seq_new(3, PyExc_IndexError);
    ((Seq *)s)->fail_at = 1;
    PyObject *it = PySeqIter_New(s);
    PyObject *x = PyIter_Next(it);
    CHECK(x != NULL && PyLong_AsLong(x) == 0);
    Py_XDECREF(x);
    CHECK(PyIter_Next(it) == NULL);
    CHECK_ERR(PyExc_ValueError, "item failed");
    ((Seq *)s)->fail_at = -1;
    x = PyIter_Next(it);                         /* the failed index is tried again */
    CHECK(x != NULL && PyLong_AsLong(x) == 10);
    Py_XDECREF(x);
    Py_DECREF(it);
    Py_DECREF(s);

    /* Through tp_iternext itself: NULL without an exception at the end as well. */
    s = seq_new(1, PyExc_IndexError);
    it = PySeqIter_New(s);
    x = Py_TYPE(it)->tp_iternext(it);
    Py_XDECREF(x);
    CHECK(Py_TYPE(it)->tp_iternext(it) == NULL && !PyErr_Occurred());
    Py_DECREF(it);
    Py_DECREF(s);

    /* Only sequences. */
    PyObject *n = PyLong_FromLong(5);
    CHECK(PySeqIter_New(n) == NULL);
    CHECK_BADCALL();
    Py_DECREF(n);
}

static void test_iter_check(void) {
    PyObject *t = PyTuple_New(0), *l = PyList_New(0);
    CHECK_INT(PyIter_Check(t), 0);               /* iterable, not an iterator */
    CHECK_INT(PyIter_Check(l), 0);
    PyObject *it = iter_of(l);
    CHECK_INT(PyIter_Check(it), 1);
    PyObject *self = PyObject_SelfIter(it);
    CHECK(self == it && Py_REFCNT(it) == 2);
    Py_XDECREF(self);
    Py_DECREF(it);
    Py_DECREF(l);
    CHECK(!PyErr_Occurred());
}

int main(void) {
    Py_Initialize();
    if (PyType_Ready(&Seq_Type) < 0) return 2;
    test_seqiter();
    test_iter_check();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
