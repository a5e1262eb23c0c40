/* bytearray: the C API (construction, concatenation, size, resizing), the layout the
   macros read, the type's slots (repr, hash, comparison, sequence incl. assignment and
   deletion, buffer, iteration), and what buffer exports forbid: CPython 3.13's behaviour
   and error texts. */
#include "buffer_util.h"

static const char *as_str(PyObject *ba) { return ba ? PyByteArray_AS_STRING(ba) : "(null)"; }

static void test_construction(void) {
    PyObject *ba = PyByteArray_FromStringAndSize("ab\0c", 4);
    CHECK(ba && PyByteArray_CheckExact(ba) && PyByteArray_Check(ba));
    CHECK_INT(PyByteArray_GET_SIZE(ba), 4);
    CHECK_INT(PyByteArray_Size(ba), 4);
    CHECK(memcmp(PyByteArray_AS_STRING(ba), "ab\0c", 5) == 0);      /* NUL-terminated */
    CHECK(PyByteArray_AsString(ba) == PyByteArray_AS_STRING(ba));
    PyByteArrayObject *o = (PyByteArrayObject *)ba;
    CHECK(o->ob_start == o->ob_bytes && o->ob_alloc == 5 && o->ob_exports == 0);
    CHECK_INT(Py_REFCNT(ba), 1);
    Py_DECREF(ba);

    PyObject *e = PyByteArray_FromStringAndSize(NULL, 0), *e2 = PyByteArray_FromStringAndSize("x", 0);
    CHECK(e && e2 && e != e2);                                /* never shared: mutable */
    CHECK_INT(PyByteArray_GET_SIZE(e), 0);
    CHECK(PyByteArray_AS_STRING(e) != NULL && PyByteArray_AS_STRING(e)[0] == '\0');
    CHECK(((PyByteArrayObject *)e)->ob_bytes == NULL && ((PyByteArrayObject *)e)->ob_alloc == 0);
    Py_DECREF(e);
    Py_DECREF(e2);

    PyObject *u = PyByteArray_FromStringAndSize(NULL, 3);
    CHECK(u && PyByteArray_GET_SIZE(u) == 3 && PyByteArray_AS_STRING(u)[3] == '\0');
    Py_XDECREF(u);
    CHECK(PyByteArray_FromStringAndSize("x", -1) == NULL);
    CHECK_EXC(PyExc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
    CHECK(PyByteArray_FromStringAndSize(NULL, PY_SSIZE_T_MAX) == NULL);
    CHECK_EXC(PyExc_MemoryError, NULL);

#ifdef SUBINTERP
    /* CPython only asserts these arguments. */
    PyObject *b = PyBytes_FromString("b");
    CHECK_INT(PyByteArray_Size(b), -1);
    CHECK_BADCALL();
    CHECK(PyByteArray_AsString(NULL) == NULL);
    CHECK_BADCALL();
    CHECK_INT(PyByteArray_Resize(b, 1), -1);
    CHECK_BADCALL();
    CHECK(PyByteArray_Concat(NULL, b) == NULL);
    CHECK_BADCALL();
    Py_DECREF(b);
#endif
}

static void test_from_object(void) {
    PyObject *b = PyBytes_FromString("bytes");
    PyObject *ba = PyByteArray_FromObject(b);
    CHECK(ba && PyByteArray_CheckExact(ba));
    CHECK_STR(as_str(ba), "bytes");
    PyObject *copy = PyByteArray_FromObject(ba);
    CHECK(copy && copy != ba);
    CHECK_STR(as_str(copy), "bytes");
    PyByteArray_AS_STRING(copy)[0] = 'B';
    CHECK_STR(as_str(ba), "bytes");
    Py_XDECREF(copy);
    Py_XDECREF(ba);

    PyObject *n = PyLong_FromLong(3);
    ba = PyByteArray_FromObject(n);                  /* an int: that many zeros */
    CHECK(ba && PyByteArray_GET_SIZE(ba) == 3 && memcmp(PyByteArray_AS_STRING(ba), "\0\0\0", 4) == 0);
    Py_XDECREF(ba);
    Py_DECREF(n);
    n = new_index(2);
    ba = PyByteArray_FromObject(n);
    CHECK(ba && PyByteArray_GET_SIZE(ba) == 2);
    Py_XDECREF(ba);
    Py_DECREF(n);
    n = PyLong_FromLong(-1);
    CHECK(PyByteArray_FromObject(n) == NULL);
    CHECK_EXC(PyExc_ValueError, "negative count");
    Py_DECREF(n);

    PyObject *st = new_strided();
    ba = PyByteArray_FromObject(st);
    CHECK_STR(as_str(ba), "aceg");
    CHECK_INT(((Strided *)st)->exports, 0);
    Py_XDECREF(ba);
    Py_DECREF(st);

    long ok[] = { 'o', 'k', 255 };
    PyObject *t = int_tuple(ok, 3);
    ba = PyByteArray_FromObject(t);
    CHECK(ba && PyByteArray_GET_SIZE(ba) == 3 && memcmp(PyByteArray_AS_STRING(ba), "ok\xff", 3) == 0);
    Py_XDECREF(ba);
    Py_DECREF(t);
    long bad[] = { 'o', 256 };
    t = int_tuple(bad, 2);
    CHECK(PyByteArray_FromObject(t) == NULL);
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    Py_DECREF(t);
    t = PyTuple_Pack(1, Py_None);
    CHECK(PyByteArray_FromObject(t) == NULL);
    CHECK_EXC(PyExc_TypeError, "'NoneType' object cannot be interpreted as an integer");
    Py_DECREF(t);

    PyObject *items[] = { PyLong_FromLong('h'), new_index('i') };
    PyObject *it = new_iter(2, items);
    ba = PyByteArray_FromObject(it);
    CHECK_STR(as_str(ba), "hi");
    Py_XDECREF(ba);
    Py_DECREF(it);
    PyObject *items2[] = { PyLong_FromLong(-3) };
    it = new_iter(1, items2);
    CHECK(PyByteArray_FromObject(it) == NULL);
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    Py_DECREF(it);

    PyObject *s = PyUnicode_FromString("abc");
    CHECK(PyByteArray_FromObject(s) == NULL);
    CHECK_EXC(PyExc_TypeError, "string argument without an encoding");
    CHECK(PyByteArray_FromObject(Py_None) == NULL);
    CHECK_EXC(PyExc_TypeError, "cannot convert 'NoneType' object to bytearray");
    Py_DECREF(s);
    Py_DECREF(b);
}

static void test_concat(void) {
    PyObject *a = PyByteArray_FromStringAndSize("ab", 2), *b = PyBytes_FromString("cd");
    PyObject *r = PyByteArray_Concat(a, b);
    CHECK(r && PyByteArray_CheckExact(r) && r != a);
    CHECK_STR(as_str(r), "abcd");
    Py_XDECREF(r);
    r = PyByteArray_Concat(b, b);                    /* always a bytearray */
    CHECK(r && PyByteArray_CheckExact(r));
    CHECK_STR(as_str(r), "cdcd");
    Py_XDECREF(r);
    PyObject *e = PyBytes_FromString("");
    r = PyByteArray_Concat(e, e);
    CHECK(r && PyByteArray_GET_SIZE(r) == 0);
    Py_XDECREF(r);
    PyObject *i = PyLong_FromLong(1);
    CHECK(PyByteArray_Concat(a, i) == NULL);
    CHECK_EXC(PyExc_TypeError, "can't concat int to bytearray");
    CHECK(PyByteArray_Concat(i, a) == NULL);
    CHECK_EXC(PyExc_TypeError, "can't concat bytearray to int");
    CHECK_INT(((PyByteArrayObject *)a)->ob_exports, 0);   /* views given back on error */
    Py_DECREF(i);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_resize(void) {
    PyObject *ba = PyByteArray_FromStringAndSize("abc", 3);
    PyByteArrayObject *o = (PyByteArrayObject *)ba;
    CHECK_INT(PyByteArray_Resize(ba, 5), 0);
    CHECK_INT(PyByteArray_GET_SIZE(ba), 5);
    CHECK(memcmp(PyByteArray_AS_STRING(ba), "abc", 3) == 0 && PyByteArray_AS_STRING(ba)[5] == '\0');
    CHECK_INT(o->ob_alloc, 6);                           /* more than 1/8 more: exact */
    CHECK_INT(PyByteArray_Resize(ba, 6), 0);
    CHECK_INT(o->ob_alloc, 6 + (6 >> 3) + 3);            /* a little more: over-allocated */
    CHECK_INT(PyByteArray_Resize(ba, 4), 0);             /* small shrink stays in place */
    CHECK_INT(o->ob_alloc, 9);
    CHECK(PyByteArray_AS_STRING(ba)[4] == '\0');
    CHECK_INT(PyByteArray_Resize(ba, 1000), 0);
    CHECK_INT(o->ob_alloc, 1001);
    CHECK_INT(PyByteArray_Resize(ba, 0), 0);
    CHECK_INT(PyByteArray_GET_SIZE(ba), 0);
    CHECK_STR(PyByteArray_AS_STRING(ba), "");
#ifdef SUBINTERP
    /* CPython 3.13.0 "succeeds" and sets the size to -1; this is 3.14's error. */
    CHECK_INT(PyByteArray_Resize(ba, -1), -1);
    CHECK_EXC(PyExc_ValueError, "Can only resize to positive sizes, got -1");
#endif

    /* Exported buffers pin the bytes. */
    CHECK_INT(PyByteArray_Resize(ba, 4), 0);
    memcpy(PyByteArray_AS_STRING(ba), "wxyz", 4);
    Py_buffer v1, v2;
    CHECK_INT(PyObject_GetBuffer(ba, &v1, PyBUF_SIMPLE), 0);
    CHECK_INT(PyObject_GetBuffer(ba, &v2, PyBUF_WRITABLE), 0);
    CHECK_INT(o->ob_exports, 2);
    CHECK(v1.readonly == 0 && v1.buf == PyByteArray_AS_STRING(ba) && v1.len == 4);
    CHECK_INT(PyByteArray_Resize(ba, 10), -1);
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    CHECK_INT(PyByteArray_Resize(ba, 0), -1);
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    CHECK_INT(PyByteArray_Resize(ba, 4), 0);             /* same size: allowed */
    ((char *)v2.buf)[0] = 'W';                           /* writes show through */
    CHECK_STR(as_str(ba), "Wxyz");
    PyBuffer_Release(&v1);
    CHECK_INT(PyByteArray_Resize(ba, 10), -1);
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    PyBuffer_Release(&v2);
    CHECK_INT(o->ob_exports, 0);
    CHECK_INT(PyByteArray_Resize(ba, 10), 0);
    Py_DECREF(ba);
}

static void test_slots(void) {
    PyObject *ba = PyByteArray_FromStringAndSize("it's", 4);
    CHECK_STR_OBJ(PyObject_Repr(ba), "bytearray(b\"it\\'s\")");   /* ' escaped anyway */
    CHECK_STR_OBJ(PyObject_Str(ba), "bytearray(b\"it\\'s\")");
    PyObject *e = PyByteArray_FromStringAndSize(NULL, 0);
    CHECK_STR_OBJ(PyObject_Repr(e), "bytearray(b'')");

    CHECK(PyByteArray_Type.tp_hash != NULL);
    CHECK_INT(PyByteArray_Type.tp_hash(ba), -1);
    CHECK_EXC(PyExc_TypeError, "unhashable type: 'bytearray'");

    PyObject *b = PyBytes_FromString("it's"), *c = PyBytes_FromString("iu"), *s = PyUnicode_FromString("it's");
    PyObject *mv = PyMemoryView_FromObject(b);
    CHECK_INT(RICHCMP(ba, b, Py_EQ), 1);
    CHECK_INT(RICHCMP(ba, mv, Py_EQ), 1);              /* any bytes-like */
    CHECK_INT(RICHCMP(ba, c, Py_LT), 1);
    CHECK_INT(RICHCMP(ba, c, Py_NE), 1);
    CHECK_INT(RICHCMP(ba, e, Py_GT), 1);
    CHECK_INT(RICHCMP(ba, s, Py_EQ), 2);              /* NotImplemented */
    CHECK_INT(RICHCMP(ba, s, Py_LT), 2);
    CHECK_INT(((PyByteArrayObject *)ba)->ob_exports, 0);
    Py_DECREF(mv);

    PySequenceMethods *sq = PyByteArray_Type.tp_as_sequence;
    CHECK_INT(sq->sq_length(ba), 4);
    CHECK_LONG_OBJ(sq->sq_item(ba, 0), 'i');
    CHECK(sq->sq_item(ba, 4) == NULL);
    CHECK_EXC(PyExc_IndexError, "bytearray index out of range");
    CHECK(sq->sq_item(ba, -1) == NULL);
    CHECK_EXC(PyExc_IndexError, "bytearray index out of range");

    PyObject *v = PyLong_FromLong('I'), *big = PyLong_FromLong(256), *idx = new_index('T');
    CHECK_INT(sq->sq_ass_item(ba, 0, v), 0);
    CHECK_INT(sq->sq_ass_item(ba, -3, idx), 0);        /* negative: from the end */
    CHECK_STR(as_str(ba), "IT's");
    CHECK_INT(sq->sq_ass_item(ba, 0, big), -1);
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    CHECK_INT(sq->sq_ass_item(ba, 0, s), -1);
    CHECK_EXC(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(sq->sq_ass_item(ba, 4, v), -1);
    CHECK_EXC(PyExc_IndexError, "bytearray index out of range");
    CHECK_INT(sq->sq_ass_item(ba, 9, big), -1);        /* the value is checked first */
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    CHECK_STR(as_str(ba), "IT's");

    /* Subscripts: any __index__, negative from the end. */
    PyMappingMethods *mp = PyByteArray_Type.tp_as_mapping;
    PyObject *m1 = PyLong_FromLong(-1), *m9 = PyLong_FromLong(-9), *i1 = new_index(1);
    CHECK_INT(mp->mp_length(ba), 4);
    CHECK_LONG_OBJ(mp->mp_subscript(ba, m1), 's');
    CHECK_LONG_OBJ(mp->mp_subscript(ba, i1), 'T');
    CHECK(mp->mp_subscript(ba, m9) == NULL);
    CHECK_EXC(PyExc_IndexError, "bytearray index out of range");
    CHECK(mp->mp_subscript(ba, s) == NULL);
    CHECK_EXC(PyExc_TypeError, "bytearray indices must be integers or slices, not str");
    CHECK_INT(mp->mp_ass_subscript(ba, m1, v), 0);
    CHECK_STR(as_str(ba), "IT'I");
    CHECK_INT(mp->mp_ass_subscript(ba, m1, NULL), 0);
    CHECK_STR(as_str(ba), "IT'");
    CHECK_INT(mp->mp_ass_subscript(ba, s, v), -1);
    CHECK_EXC(PyExc_TypeError, "bytearray indices must be integers or slices, not str");
    CHECK_INT(mp->mp_ass_subscript(ba, m9, v), -1);
    CHECK_EXC(PyExc_IndexError, "bytearray index out of range");
    CHECK_INT(mp->mp_ass_subscript(ba, m9, big), -1);       /* the value first, here too */
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    CHECK_INT(PyByteArray_Resize(ba, 4), 0);
    PyByteArray_AS_STRING(ba)[3] = 's';
    CHECK_STR(as_str(ba), "IT's");
    Py_DECREF(m1);
    Py_DECREF(m9);
    Py_DECREF(i1);

    /* Deletion (NULL value): from the front moves the start, elsewhere the tail. */
    PyByteArrayObject *o = (PyByteArrayObject *)ba;
    CHECK_INT(sq->sq_ass_item(ba, 0, NULL), 0);
    CHECK_STR(as_str(ba), "T's");
    CHECK(o->ob_start == o->ob_bytes + 1);
    CHECK_INT(sq->sq_ass_item(ba, 1, NULL), 0);
    CHECK_STR(as_str(ba), "Ts");
    CHECK_INT(sq->sq_ass_item(ba, -1, NULL), 0);
    CHECK_STR(as_str(ba), "T");
    CHECK_INT(sq->sq_ass_item(ba, 1, NULL), -1);
    CHECK_EXC(PyExc_IndexError, "bytearray index out of range");
    Py_buffer view;
    CHECK_INT(PyObject_GetBuffer(ba, &view, PyBUF_SIMPLE), 0);
    CHECK_INT(sq->sq_ass_item(ba, 0, NULL), -1);
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    CHECK_INT(sq->sq_ass_item(ba, 0, v), 0);           /* assigning does not resize */
    PyBuffer_Release(&view);
    CHECK_STR(as_str(ba), "I");
    CHECK_INT(sq->sq_ass_item(ba, 0, NULL), 0);
    CHECK_INT(PyByteArray_GET_SIZE(ba), 0);
    CHECK_STR(as_str(ba), "");

    /* Concatenation and repetition, new and in place. */
    CHECK_INT(PyByteArray_Resize(ba, 2), 0);
    memcpy(PyByteArray_AS_STRING(ba), "ab", 2);
    PyObject *r = sq->sq_concat(ba, b);
    CHECK_STR(as_str(r), "abit's");
    Py_XDECREF(r);
    CHECK(sq->sq_concat(ba, s) == NULL);
    CHECK_EXC(PyExc_TypeError, "can't concat str to bytearray");
    r = sq->sq_repeat(ba, 3);
    CHECK(r && r != ba);
    CHECK_STR(as_str(r), "ababab");
    Py_XDECREF(r);
    r = sq->sq_repeat(ba, -1);
    CHECK(r && PyByteArray_GET_SIZE(r) == 0);
    Py_XDECREF(r);
    CHECK(sq->sq_repeat(ba, PY_SSIZE_T_MAX / 2 + 1) == NULL);
    CHECK_EXC(PyExc_MemoryError, NULL);
    r = sq->sq_inplace_concat(ba, c);
    CHECK(r == ba);
    Py_XDECREF(r);
    CHECK_STR(as_str(ba), "abiu");
    CHECK(sq->sq_inplace_concat(ba, ba) == NULL);      /* its own export pins it */
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    CHECK(sq->sq_inplace_concat(ba, v) == NULL);
    CHECK_EXC(PyExc_TypeError, "can't concat int to bytearray");
    r = sq->sq_inplace_repeat(ba, 2);
    CHECK(r == ba);
    Py_XDECREF(r);
    CHECK_STR(as_str(ba), "abiuabiu");
    r = sq->sq_inplace_repeat(ba, 0);
    CHECK(r == ba && PyByteArray_GET_SIZE(ba) == 0);
    Py_XDECREF(r);

    /* Membership. */
    CHECK_INT(PyByteArray_Resize(ba, 3), 0);
    memcpy(PyByteArray_AS_STRING(ba), "xyz", 3);
    PyObject *y = PyLong_FromLong('y'), *yz = PyBytes_FromString("yz");
    CHECK_INT(sq->sq_contains(ba, y), 1);
    CHECK_INT(sq->sq_contains(ba, yz), 1);
    CHECK_INT(sq->sq_contains(ba, c), 0);
    CHECK_INT(sq->sq_contains(ba, big), -1);
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    CHECK_INT(sq->sq_contains(ba, s), -1);
    CHECK_EXC(PyExc_TypeError, "a bytes-like object is required, not 'str'");
    Py_DECREF(y);
    Py_DECREF(yz);

    Py_DECREF(v);
    Py_DECREF(big);
    Py_DECREF(idx);
    Py_DECREF(b);
    Py_DECREF(c);
    Py_DECREF(s);
    Py_DECREF(e);
    Py_DECREF(ba);
}

static void test_iteration(void) {
    PyObject *ba = PyByteArray_FromStringAndSize("ab", 2);
    Py_ssize_t before = Py_REFCNT(ba);
    PyObject *it = PyByteArray_Type.tp_iter(ba);
    CHECK(it && Py_TYPE(it) == &PyByteArrayIter_Type);
    CHECK_STR(Py_TYPE(it)->tp_name, "bytearray_iterator");
    CHECK_INT(Py_REFCNT(ba), before + 1);
    iternextfunc next = Py_TYPE(it)->tp_iternext;
    CHECK_LONG_OBJ(next(it), 'a');
    /* The bytearray grows while iterated: the iterator sees it. */
    CHECK_INT(PyByteArray_Resize(ba, 3), 0);
    PyByteArray_AS_STRING(ba)[2] = 'c';
    CHECK_LONG_OBJ(next(it), 'b');
    CHECK_LONG_OBJ(next(it), 'c');
    CHECK(next(it) == NULL && PyErr_Occurred() == NULL);
    CHECK_INT(Py_REFCNT(ba), before);
    Py_DECREF(it);
    Py_DECREF(ba);
}

int main(void) {
    for (int round = 0; round < 2; round++) {
        Py_Initialize();
        test_construction();
        test_from_object();
        test_concat();
        test_resize();
        test_slots();
        test_iteration();
        CHECK(PyErr_Occurred() == NULL);
        CHECK_INT(Py_FinalizeEx(), 0);
    }
    return TEST_DONE();
}
