/* bytes: the C API (construction, access, concatenation, resizing), the type's slots
   (repr, hash, comparison, sequence, buffer, iteration) and the shared immortal objects,
   with CPython 3.13's behaviour and error texts. Run with PYTHONHASHSEED=0 (set by main)
   so hashes compare with CPython's. */
#include "buffer_util.h"

static int is_immortal(PyObject *op) { return (uint32_t)Py_REFCNT(op) == UINT32_MAX; }

static void test_construction(void) {
    PyObject *b = PyBytes_FromStringAndSize("ab\0c", 4);
    CHECK(b != NULL && PyBytes_CheckExact(b) && PyBytes_Check(b));
    CHECK_INT(PyBytes_GET_SIZE(b), 4);
    CHECK(memcmp(PyBytes_AS_STRING(b), "ab\0c", 5) == 0);      /* NUL-terminated */
    CHECK_INT(Py_REFCNT(b), 1);
    Py_DECREF(b);

    /* b'' and single bytes are shared immortal objects. */
    PyObject *e1 = PyBytes_FromStringAndSize("xyz", 0), *e2 = PyBytes_FromString("");
    CHECK(e1 == e2 && is_immortal(e1) && PyBytes_GET_SIZE(e1) == 0);
    PyObject *e3 = PyBytes_FromStringAndSize(NULL, 0);
    CHECK(e3 == e1);
    PyObject *a1 = PyBytes_FromStringAndSize("a", 1), *a2 = PyBytes_FromString("a");
    CHECK(a1 == a2 && is_immortal(a1));
    CHECK_STR(PyBytes_AS_STRING(a1), "a");
    PyObject *ff = PyBytes_FromStringAndSize("\xff", 1);
    CHECK(ff != a1 && is_immortal(ff) && (unsigned char)PyBytes_AS_STRING(ff)[0] == 0xff);
    Py_ssize_t before = Py_REFCNT(a1);
    Py_INCREF(a1);
    Py_DECREF(a1);
    Py_DECREF(a1);
    Py_DECREF(a2);
    CHECK_INT(Py_REFCNT(a1), before);

    /* NULL data: a fresh object to fill, even of length 1. */
    PyObject *u = PyBytes_FromStringAndSize(NULL, 1);
    CHECK(u != NULL && u != a1 && Py_REFCNT(u) == 1 && PyBytes_GET_SIZE(u) == 1);
    CHECK(PyBytes_AS_STRING(u)[1] == '\0');
    PyBytes_AS_STRING(u)[0] = 'a';
    CHECK(RICHCMP(u, a1, Py_EQ) == 1);
    Py_DECREF(u);

    CHECK(PyBytes_FromStringAndSize("x", -1) == NULL);
    CHECK_EXC(PyExc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
    CHECK(PyBytes_FromStringAndSize(NULL, PY_SSIZE_T_MAX) == NULL);
    CHECK_EXC(PyExc_OverflowError, "byte string is too large");
#ifdef SUBINTERP
    CHECK(PyBytes_FromString(NULL) == NULL);      /* CPython crashes */
    CHECK_BADCALL();
#endif
}

static void test_access(void) {
    PyObject *b = PyBytes_FromString("hello");
    CHECK_INT(PyBytes_Size(b), 5);
    CHECK_STR(PyBytes_AsString(b), "hello");
    CHECK(PyBytes_AsString(b) == PyBytes_AS_STRING(b));
    char *s = NULL;
    Py_ssize_t n = -1;
    CHECK_INT(PyBytes_AsStringAndSize(b, &s, &n), 0);
    CHECK(s == PyBytes_AS_STRING(b) && n == 5);
    s = NULL;
    CHECK_INT(PyBytes_AsStringAndSize(b, &s, NULL), 0);
    CHECK_STR(s, "hello");

    PyObject *z = PyBytes_FromStringAndSize("a\0b", 3);
    s = NULL;
    CHECK_INT(PyBytes_AsStringAndSize(z, &s, NULL), -1);
    CHECK_EXC(PyExc_ValueError, "embedded null byte");
    CHECK(s == PyBytes_AS_STRING(z));       /* set even on that error, as CPython */
    CHECK_INT(PyBytes_AsStringAndSize(z, &s, &n), 0);
    CHECK_INT(n, 3);
    CHECK_INT(PyBytes_AsStringAndSize(z, NULL, &n), -1);
    CHECK_BADCALL();
    Py_DECREF(z);

    PyObject *i = PyLong_FromLong(3), *ba = PyByteArray_FromStringAndSize("x", 1);
    CHECK_INT(PyBytes_Size(i), -1);
    CHECK_EXC(PyExc_TypeError, "expected bytes, int found");
    CHECK(PyBytes_AsString(ba) == NULL);
    CHECK_EXC(PyExc_TypeError, "expected bytes, bytearray found");
    CHECK_INT(PyBytes_AsStringAndSize(i, &s, &n), -1);
    CHECK_EXC(PyExc_TypeError, "expected bytes, int found");
#ifdef SUBINTERP
    CHECK_INT(PyBytes_Size(NULL), -1);            /* CPython crashes */
    CHECK_BADCALL();
#endif
    Py_DECREF(ba);
    Py_DECREF(b);
}

static void test_repr_hash(void) {
    PyObject *b = PyBytes_FromStringAndSize("a'b", 3);
    CHECK_STR_OBJ(PyObject_Repr(b), "b\"a'b\"");
    CHECK_STR_OBJ(PyBytes_Repr(b, 0), "b'a\\'b'");
    CHECK_STR_OBJ(PyObject_Str(b), "b\"a'b\"");
    Py_DECREF(b);
    b = PyBytes_FromStringAndSize("a'\"b", 4);
    CHECK_STR_OBJ(PyObject_Repr(b), "b'a\\'\"b'");
    Py_DECREF(b);
    b = PyBytes_FromStringAndSize("\x00\t\n\r\\\x7f\xff ~", 9);
    CHECK_STR_OBJ(PyObject_Repr(b), "b'\\x00\\t\\n\\r\\\\\\x7f\\xff ~'");
    Py_DECREF(b);
    CHECK_STR_OBJ(PyObject_Repr(PyBytes_FromString("")), "b''");

    /* Hashes as CPython 3.13 computes them with PYTHONHASHSEED=0. */
    hashfunc h = PyBytes_Type.tp_hash;
    PyObject *abc = PyBytes_FromString("abc"), *a = PyBytes_FromString("a");
    PyObject *long_ = PyBytes_FromString("hello world, this is bytes");
    CHECK_INT(h(PyBytes_FromString("")), 0);
    CHECK_INT(h(a), 4644417185603328019LL);
    CHECK_INT(h(abc), -4594863902769663758LL);
    CHECK_INT(h(abc), -4594863902769663758LL);    /* cached */
    CHECK_INT(h(long_), -3501785637734329806LL);
    Py_DECREF(abc);
    Py_DECREF(a);
    Py_DECREF(long_);
}

static void test_compare(void) {
    PyObject *abc = PyBytes_FromString("abc"), *abd = PyBytes_FromString("abd");
    PyObject *ab = PyBytes_FromString("ab"), *abc2 = PyBytes_FromString("abc");
    PyObject *hi = PyBytes_FromString("\xff"), *s = PyUnicode_FromString("abc");
    CHECK_INT(RICHCMP(abc, abc2, Py_EQ), 1);
    CHECK_INT(RICHCMP(abc, abc2, Py_NE), 0);
    CHECK_INT(RICHCMP(abc, abc, Py_LE), 1);
    CHECK_INT(RICHCMP(abc, abc, Py_LT), 0);
    CHECK_INT(RICHCMP(abc, abd, Py_LT), 1);
    CHECK_INT(RICHCMP(abc, abd, Py_GE), 0);
    CHECK_INT(RICHCMP(ab, abc, Py_LT), 1);     /* a prefix is smaller */
    CHECK_INT(RICHCMP(hi, abc, Py_GT), 1);     /* unsigned bytes */
    CHECK_INT(RICHCMP(abc, s, Py_EQ), 2);      /* NotImplemented: str is not bytes */
    CHECK_INT(RICHCMP(abc, s, Py_LT), 2);
    PyObject *ba = PyByteArray_FromStringAndSize("abc", 3);
    CHECK_INT(RICHCMP(abc, ba, Py_EQ), 2);     /* bytearray's own comparison decides */
    CHECK_INT(RICHCMP(ba, abc, Py_EQ), 1);
    Py_DECREF(ba);
    Py_DECREF(abc);
    Py_DECREF(abd);
    Py_DECREF(ab);
    Py_DECREF(abc2);
    Py_DECREF(hi);
    Py_DECREF(s);
}

static void test_sequence(void) {
    PySequenceMethods *sq = PyBytes_Type.tp_as_sequence;
    PyObject *ab = PyBytes_FromString("ab"), *cd = PyBytes_FromString("cd");
    PyObject *empty = PyBytes_FromString("");
    CHECK_INT(sq->sq_length(ab), 2);

    PyObject *r = sq->sq_concat(ab, cd);
    CHECK_STR(r ? PyBytes_AS_STRING(r) : NULL, "abcd");
    Py_XDECREF(r);
    r = sq->sq_concat(ab, empty);               /* the other operand itself */
    CHECK(r == ab);
    Py_XDECREF(r);
    r = sq->sq_concat(empty, cd);
    CHECK(r == cd);
    Py_XDECREF(r);
    PyObject *ba = PyByteArray_FromStringAndSize("!", 1);
    r = sq->sq_concat(ab, ba);                  /* any bytes-like on the right */
    CHECK(r && PyBytes_CheckExact(r));
    CHECK_STR(r ? PyBytes_AS_STRING(r) : NULL, "ab!");
    Py_XDECREF(r);
    PyObject *s = PyUnicode_FromString("x"), *i = PyLong_FromLong(1);
    CHECK(sq->sq_concat(ab, s) == NULL);
    CHECK_EXC(PyExc_TypeError, "can't concat str to bytes");
    CHECK(sq->sq_concat(ab, i) == NULL);
    CHECK_EXC(PyExc_TypeError, "can't concat int to bytes");

    r = sq->sq_repeat(ab, 3);
    CHECK_STR(r ? PyBytes_AS_STRING(r) : NULL, "ababab");
    Py_XDECREF(r);
    r = sq->sq_repeat(ab, 1);
    CHECK(r == ab);
    Py_XDECREF(r);
    r = sq->sq_repeat(ab, -5);
    CHECK(r && PyBytes_GET_SIZE(r) == 0);
    Py_XDECREF(r);
    CHECK(sq->sq_repeat(ab, PY_SSIZE_T_MAX / 2 + 1) == NULL);
    CHECK_EXC(PyExc_OverflowError, "repeated bytes are too long");

    CHECK_LONG_OBJ(sq->sq_item(ab, 0), 'a');
    CHECK_LONG_OBJ(sq->sq_item(ab, 1), 'b');
    CHECK(sq->sq_item(ab, 2) == NULL);
    CHECK_EXC(PyExc_IndexError, "index out of range");
    CHECK(sq->sq_item(ab, -1) == NULL);         /* the slot takes adjusted indices only */
    CHECK_EXC(PyExc_IndexError, "index out of range");
    CHECK(sq->sq_ass_item == NULL);

    /* Subscripts: any __index__, negative from the end. */
    PyMappingMethods *mp = PyBytes_Type.tp_as_mapping;
    PyObject *m1 = PyLong_FromLong(-1), *m3 = PyLong_FromLong(-3), *i0 = new_index(0);
    CHECK_INT(mp->mp_length(ab), 2);
    CHECK_LONG_OBJ(mp->mp_subscript(ab, m1), 'b');
    CHECK_LONG_OBJ(mp->mp_subscript(ab, i0), 'a');
    CHECK(mp->mp_subscript(ab, m3) == NULL);
    CHECK_EXC(PyExc_IndexError, "index out of range");
    CHECK(mp->mp_subscript(ab, s) == NULL);
    CHECK_EXC(PyExc_TypeError, "byte indices must be integers or slices, not str");
    CHECK(mp->mp_ass_subscript == NULL);
    Py_DECREF(m1);
    Py_DECREF(m3);
    Py_DECREF(i0);

    PyObject *b98 = PyLong_FromLong('b'), *b99 = PyLong_FromLong('c');
    PyObject *neg = PyLong_FromLong(-1), *big = PyLong_FromLong(256), *idx = new_index('a');
    PyObject *sub = PyBytes_FromString("b"), *absub = PyBytes_FromString("ab");
    CHECK_INT(sq->sq_contains(ab, b98), 1);
    CHECK_INT(sq->sq_contains(ab, b99), 0);
    CHECK_INT(sq->sq_contains(ab, idx), 1);     /* __index__ */
    CHECK_INT(sq->sq_contains(ab, sub), 1);
    CHECK_INT(sq->sq_contains(ab, absub), 1);
    CHECK_INT(sq->sq_contains(ab, empty), 1);
    CHECK_INT(sq->sq_contains(ab, cd), 0);
    CHECK_INT(sq->sq_contains(ab, ba), 0);
    CHECK_INT(sq->sq_contains(ab, neg), -1);
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    CHECK_INT(sq->sq_contains(ab, big), -1);
    CHECK_EXC(PyExc_ValueError, "byte must be in range(0, 256)");
    CHECK_INT(sq->sq_contains(ab, s), -1);
    CHECK_EXC(PyExc_TypeError, "a bytes-like object is required, not 'str'");
    PyObject *hay = PyBytes_FromString("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"), *needle = PyBytes_FromString("aaab");
    CHECK_INT(sq->sq_contains(hay, needle), 1);
    CHECK_INT(sq->sq_contains(needle, hay), 0);
    Py_DECREF(hay);
    Py_DECREF(needle);

    Py_DECREF(b98);
    Py_DECREF(b99);
    Py_DECREF(neg);
    Py_DECREF(big);
    Py_DECREF(idx);
    Py_DECREF(sub);
    Py_DECREF(absub);
    Py_DECREF(ba);
    Py_DECREF(s);
    Py_DECREF(i);
    Py_DECREF(ab);
    Py_DECREF(cd);
}

static void test_iteration(void) {
    PyObject *b = PyBytes_FromStringAndSize("A\xff", 2);
    Py_ssize_t before = Py_REFCNT(b);
    PyObject *it = PyBytes_Type.tp_iter(b);
    CHECK(it != NULL && Py_TYPE(it) == &PyBytesIter_Type);
    CHECK_STR(Py_TYPE(it)->tp_name, "bytes_iterator");
    CHECK_INT(Py_REFCNT(b), before + 1);          /* the iterator holds the bytes */
    PyObject *self = Py_TYPE(it)->tp_iter(it);
    CHECK(self == it);
    Py_DECREF(self);
    iternextfunc next = Py_TYPE(it)->tp_iternext;
    CHECK_LONG_OBJ(next(it), 65);
    CHECK_LONG_OBJ(next(it), 255);
    CHECK(next(it) == NULL && PyErr_Occurred() == NULL);
    CHECK_INT(Py_REFCNT(b), before);              /* dropped once exhausted */
    CHECK(next(it) == NULL && PyErr_Occurred() == NULL);
    Py_DECREF(it);
    Py_DECREF(b);
}

static void test_from_object(void) {
    PyObject *b = PyBytes_FromString("xyz");
    Py_ssize_t before = Py_REFCNT(b);
    PyObject *r = PyBytes_FromObject(b);
    CHECK(r == b && Py_REFCNT(b) == before + 1);
    Py_DECREF(r);

    PyObject *ba = PyByteArray_FromStringAndSize("bytearray", 9);
    r = PyBytes_FromObject(ba);
    CHECK(r && PyBytes_CheckExact(r) && r != ba);
    CHECK_STR(r ? PyBytes_AS_STRING(r) : NULL, "bytearray");
    Py_XDECREF(r);
    PyObject *mv = PyMemoryView_FromObject(b);
    r = PyBytes_FromObject(mv);
    CHECK_STR(r ? PyBytes_AS_STRING(r) : NULL, "xyz");
    Py_XDECREF(r);
    Py_DECREF(mv);
    PyObject *st = new_strided();                 /* a non-contiguous buffer is gathered */
    r = PyBytes_FromObject(st);
    CHECK_STR(r ? PyBytes_AS_STRING(r) : NULL, "aceg");
    CHECK_INT(((Strided *)st)->exports, 0);
    Py_XDECREF(r);
    Py_DECREF(st);

    long ok[] = { 104, 105, 0, 255 };
    PyObject *t = int_tuple(ok, 4);
    r = PyBytes_FromObject(t);
    CHECK(r && PyBytes_GET_SIZE(r) == 4 && memcmp(PyBytes_AS_STRING(r), "hi\0\xff", 4) == 0);
    Py_XDECREF(r);
    Py_DECREF(t);
    long bad[] = { 1, 256 };
    t = int_tuple(bad, 2);
    CHECK(PyBytes_FromObject(t) == NULL);
    CHECK_EXC(PyExc_ValueError, "bytes must be in range(0, 256)");
    Py_DECREF(t);
    long neg[] = { -1 };
    t = int_tuple(neg, 1);
    CHECK(PyBytes_FromObject(t) == NULL);
    CHECK_EXC(PyExc_ValueError, "bytes must be in range(0, 256)");
    Py_DECREF(t);
    t = PyTuple_Pack(2, PyLong_FromLong(1), PyUnicode_FromString("x"));
    CHECK(PyBytes_FromObject(t) == NULL);
    CHECK_EXC(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    Py_DECREF(PyTuple_GET_ITEM(t, 0));
    Py_DECREF(PyTuple_GET_ITEM(t, 1));
    Py_DECREF(t);
    PyObject *e = PyTuple_New(0);
    r = PyBytes_FromObject(e);
    CHECK(r == PyBytes_FromStringAndSize(NULL, 0));
    Py_XDECREF(r);
    Py_DECREF(e);

    PyObject *items[] = { PyLong_FromLong('o'), new_index('k') };
    PyObject *it = new_iter(2, items);
    r = PyBytes_FromObject(it);
    CHECK_STR(r ? PyBytes_AS_STRING(r) : NULL, "ok");
    Py_XDECREF(r);
    Py_DECREF(it);
    PyObject *items2[] = { PyLong_FromLong(1), PyLong_FromLong(300) };
    it = new_iter(2, items2);
    CHECK(PyBytes_FromObject(it) == NULL);
    CHECK_EXC(PyExc_ValueError, "bytes must be in range(0, 256)");
    Py_DECREF(it);

    PyObject *s = PyUnicode_FromString("abc"), *i = PyLong_FromLong(3);
    CHECK(PyBytes_FromObject(s) == NULL);
    CHECK_EXC(PyExc_TypeError, "cannot convert 'str' object to bytes");
    CHECK(PyBytes_FromObject(i) == NULL);
    CHECK_EXC(PyExc_TypeError, "cannot convert 'int' object to bytes");
    CHECK(PyBytes_FromObject(NULL) == NULL);
    CHECK_BADCALL();
    Py_DECREF(s);
    Py_DECREF(i);
    Py_DECREF(ba);
    Py_DECREF(b);
}

static void test_concat(void) {
    /* Sole reference: extended in place. */
    PyObject *v = PyBytes_FromString("ab"), *w = PyBytes_FromString("cd");
    PyBytes_Concat(&v, w);
    CHECK_STR(v ? PyBytes_AS_STRING(v) : NULL, "abcd");
    CHECK_INT(Py_REFCNT(v), 1);
    CHECK_INT(Py_REFCNT(w), 1);

    /* Shared: *pv is replaced, the original left alone. */
    PyObject *keep = Py_NewRef(v);
    PyBytes_Concat(&v, w);
    CHECK(v != keep);
    CHECK_STR(v ? PyBytes_AS_STRING(v) : NULL, "abcdcd");
    CHECK_STR(PyBytes_AS_STRING(keep), "abcd");
    CHECK_INT(Py_REFCNT(keep), 1);
    Py_DECREF(keep);

    /* Itself. */
    PyBytes_Concat(&v, v);
    CHECK_STR(v ? PyBytes_AS_STRING(v) : NULL, "abcdcdabcdcd");

    /* Immortal *pv. */
    PyObject *x = PyBytes_FromString("x");
    PyBytes_Concat(&x, w);
    CHECK_STR(x ? PyBytes_AS_STRING(x) : NULL, "xcd");
    Py_XDECREF(x);

    /* Errors: *pv is cleared and its reference dropped. */
    PyObject *victim = PyBytes_FromString("victim"), *hold = Py_NewRef(victim);
    PyObject *i = PyLong_FromLong(1);
    PyBytes_Concat(&victim, i);
    CHECK(victim == NULL);
    CHECK_EXC(PyExc_TypeError, "can't concat int to bytes");
    CHECK_INT(Py_REFCNT(hold), 1);
    victim = Py_NewRef(hold);
    PyBytes_Concat(&victim, NULL);
    CHECK(victim == NULL && PyErr_Occurred() == NULL);
    CHECK_INT(Py_REFCNT(hold), 1);
    PyObject *none = NULL;
    PyBytes_Concat(&none, w);                    /* nothing to do */
    CHECK(none == NULL && PyErr_Occurred() == NULL);

    /* ConcatAndDel consumes w. */
    PyObject *w2 = PyBytes_FromString("zz");
    Py_INCREF(w2);
    PyBytes_ConcatAndDel(&hold, w2);
    CHECK_STR(hold ? PyBytes_AS_STRING(hold) : NULL, "victimzz");
    CHECK_INT(Py_REFCNT(w2), 1);
    Py_DECREF(w2);
    PyObject *ba = PyByteArray_FromStringAndSize("!!", 2);
    PyBytes_ConcatAndDel(&hold, ba);             /* any bytes-like */
    CHECK_STR(hold ? PyBytes_AS_STRING(hold) : NULL, "victimzz!!");
    Py_XDECREF(hold);

    Py_DECREF(i);
    Py_DECREF(v);
    Py_DECREF(w);
}

static void test_resize(void) {
    PyObject *b = PyBytes_FromStringAndSize(NULL, 10);
    memcpy(PyBytes_AS_STRING(b), "0123456789", 10);
    CHECK_INT(_PyBytes_Resize(&b, 4), 0);
    CHECK(b && PyBytes_GET_SIZE(b) == 4 && PyBytes_AS_STRING(b)[4] == '\0');
    CHECK_STR(PyBytes_AS_STRING(b), "0123");
    CHECK_INT(_PyBytes_Resize(&b, 1000), 0);
    CHECK(b && PyBytes_GET_SIZE(b) == 1000 && memcmp(PyBytes_AS_STRING(b), "0123", 4) == 0);
    CHECK(PyBytes_AS_STRING(b)[1000] == '\0');
    CHECK_INT(Py_REFCNT(b), 1);
    CHECK_INT(_PyBytes_Resize(&b, 0), 0);
    CHECK(b == PyBytes_FromString(""));           /* the shared b'' */
    CHECK_INT(_PyBytes_Resize(&b, 3), 0);          /* grows from b'' into a fresh object */
    CHECK(b && PyBytes_GET_SIZE(b) == 3 && Py_REFCNT(b) == 1);
    memcpy(PyBytes_AS_STRING(b), "xyz", 3);

    /* Shared: *pv becomes a copy; the original is untouched. */
    PyObject *keep = Py_NewRef(b);
    CHECK_INT(_PyBytes_Resize(&b, 2), 0);
    CHECK(b != keep && PyBytes_GET_SIZE(b) == 2 && memcmp(PyBytes_AS_STRING(b), "xy", 2) == 0);
    CHECK_STR(PyBytes_AS_STRING(keep), "xyz");
    CHECK_INT(Py_REFCNT(keep), 1);
    CHECK_INT(_PyBytes_Resize(&keep, 3), 0);       /* same size: nothing happens */
    CHECK_STR(PyBytes_AS_STRING(keep), "xyz");
    Py_DECREF(keep);

    /* Errors: *pv is set to NULL and its reference dropped. */
    PyObject *hold = Py_NewRef(b);
    CHECK_INT(_PyBytes_Resize(&b, -1), -1);
    CHECK(b == NULL);
    CHECK_BADCALL();
    CHECK_INT(Py_REFCNT(hold), 1);
    Py_DECREF(hold);
    PyObject *i = PyLong_FromLong(1000);
    Py_INCREF(i);
    CHECK_INT(_PyBytes_Resize(&i, 2), -1);
    CHECK(i == NULL);
    CHECK_BADCALL();
}

static void test_buffer(void) {
    PyObject *b = PyBytes_FromString("data");
    Py_buffer view;
    Py_ssize_t before = Py_REFCNT(b);
    CHECK_INT(PyObject_GetBuffer(b, &view, PyBUF_SIMPLE), 0);
    CHECK(view.buf == PyBytes_AS_STRING(b) && view.len == 4 && view.readonly == 1);
    CHECK(view.obj == b && Py_REFCNT(b) == before + 1);
    CHECK(view.format == NULL && view.shape == NULL && view.strides == NULL && view.ndim == 1);
    CHECK(view.itemsize == 1 && view.suboffsets == NULL);
    PyBuffer_Release(&view);
    CHECK(view.obj == NULL && Py_REFCNT(b) == before);
    CHECK_INT(PyObject_GetBuffer(b, &view, PyBUF_FULL_RO), 0);
    CHECK_STR(view.format, "B");
    CHECK(view.shape && view.shape[0] == 4 && view.strides && view.strides[0] == 1);
    PyBuffer_Release(&view);
    CHECK_INT(PyObject_GetBuffer(b, &view, PyBUF_WRITABLE), -1);
    CHECK_EXC(PyExc_BufferError, "Object is not writable.");
    CHECK_INT(PyObject_GetBuffer(b, &view, PyBUF_CONTIG), -1);
    CHECK_EXC(PyExc_BufferError, "Object is not writable.");
    CHECK_INT(Py_REFCNT(b), before);
    CHECK_INT(PyObject_CheckBuffer(b), 1);
    Py_DECREF(b);
}

/* The single-byte and empty objects are the same in every interpreter. */
static PyObject *seen_a, *seen_empty;
static void *in_subinterpreter(void *arg) {
    PyThreadState *ts;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    if (PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg))) return (void *)1;
    seen_a = PyBytes_FromStringAndSize("a", 1);
    seen_empty = PyBytes_FromStringAndSize("", 0);
    PyObject *b = PyBytes_FromString("private");
    int ok = b && PyBytes_GET_SIZE(b) == 7 && Py_REFCNT(b) == 1;
    Py_XDECREF(b);
    Py_EndInterpreter(ts);
    return ok ? NULL : (void *)2;
}

static void test_shared_across_interpreters(void) {
    PyObject *a = PyBytes_FromStringAndSize("a", 1), *e = PyBytes_FromString("");
    PyThreadState *main_ts = PyEval_SaveThread();
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, in_subinterpreter, NULL);
    pthread_join(t, &r);
    PyEval_RestoreThread(main_ts);
    CHECK(r == NULL);
    CHECK(seen_a == a && seen_empty == e);
    CHECK(is_immortal(a));
    Py_DECREF(a);
    Py_DECREF(e);
}

int main(void) {
    setenv("PYTHONHASHSEED", "0", 1);
    for (int round = 0; round < 2; round++) {
        Py_Initialize();
        test_construction();
        test_access();
        test_repr_hash();
        test_compare();
        test_sequence();
        test_iteration();
        test_from_object();
        test_concat();
        test_resize();
        test_buffer();
        test_shared_across_interpreters();
        CHECK(PyErr_Occurred() == NULL);
        CHECK_INT(Py_FinalizeEx(), 0);
    }
    return TEST_DONE();
}
