/* The buffer protocol (PyObject_GetBuffer, PyBuffer_*, PyObject_CopyData) and memoryview
   (construction, the managed buffer's hold on its exporter, re-export, item access,
   comparison, hashing, iteration, contiguous copies), with CPython 3.13's behaviour and
   error texts. Custom exporters (buffer_util.h) supply strided and 2-D layouts. */
#include "buffer_util.h"

static void test_get_and_release(void) {
    PyObject *b = PyBytes_FromString("abc"), *ba = PyByteArray_FromStringAndSize("x", 1);
    PyObject *s = PyUnicode_FromString("s"), *i = PyLong_FromLong(1), *mv = PyMemoryView_FromObject(b);
    CHECK_INT(PyObject_CheckBuffer(b), 1);
    CHECK_INT(PyObject_CheckBuffer(ba), 1);
    CHECK_INT(PyObject_CheckBuffer(mv), 1);
    CHECK_INT(PyObject_CheckBuffer(s), 0);
    CHECK_INT(PyObject_CheckBuffer(i), 0);

    Py_buffer view;
    CHECK_INT(PyObject_GetBuffer(s, &view, PyBUF_SIMPLE), -1);
    CHECK_EXC(PyExc_TypeError, "a bytes-like object is required, not 'str'");
    CHECK_INT(PyObject_GetBuffer(i, &view, PyBUF_FULL_RO), -1);
    CHECK_EXC(PyExc_TypeError, "a bytes-like object is required, not 'int'");
    CHECK_INT(PyObject_GetBuffer(b, &view, PyBUF_READ), -1);      /* not request flags */
    CHECK_BADCALL();
    CHECK_INT(PyObject_GetBuffer(b, &view, PyBUF_WRITE), -1);
    CHECK_BADCALL();
#ifdef SUBINTERP
    CHECK_INT(PyObject_GetBuffer(NULL, &view, PyBUF_SIMPLE), -1);   /* CPython crashes */
    CHECK_BADCALL();
    CHECK_INT(PyObject_GetBuffer(b, NULL, PyBUF_SIMPLE), -1);
    CHECK_BADCALL();
#endif

    Py_ssize_t before = Py_REFCNT(b);
    CHECK_INT(PyObject_GetBuffer(b, &view, PyBUF_SIMPLE), 0);
    CHECK_INT(Py_REFCNT(b), before + 1);
    PyBuffer_Release(&view);
    CHECK(view.obj == NULL);
    CHECK_INT(Py_REFCNT(b), before);
    PyBuffer_Release(&view);                    /* again: nothing to give back */
    CHECK_INT(Py_REFCNT(b), before);
    Py_DECREF(mv);
    Py_DECREF(b);
    Py_DECREF(ba);
    Py_DECREF(s);
    Py_DECREF(i);
}

static void test_fill_info(void) {
    char data[] = "hello";
    PyObject *owner = PyBytes_FromString("owner");
    Py_ssize_t before = Py_REFCNT(owner);
    Py_buffer v;
    CHECK_INT(PyBuffer_FillInfo(&v, owner, data, 5, 0, PyBUF_SIMPLE), 0);
    CHECK(v.obj == owner && Py_REFCNT(owner) == before + 1);
    CHECK(v.buf == data && v.len == 5 && v.readonly == 0 && v.itemsize == 1 && v.ndim == 1);
    CHECK(v.format == NULL && v.shape == NULL && v.strides == NULL && v.suboffsets == NULL);
    CHECK(v.internal == NULL);
    PyBuffer_Release(&v);
    CHECK_INT(Py_REFCNT(owner), before);

    CHECK_INT(PyBuffer_FillInfo(&v, NULL, data, 5, 1, PyBUF_FORMAT), 0);
    CHECK_STR(v.format, "B");
    CHECK(v.shape == NULL && v.obj == NULL && v.readonly == 1);
    CHECK_INT(PyBuffer_FillInfo(&v, NULL, data, 5, 1, PyBUF_ND), 0);
    CHECK(v.shape == &v.len && v.strides == NULL && v.format == NULL);
    CHECK_INT(PyBuffer_FillInfo(&v, NULL, data, 5, 1, PyBUF_STRIDES), 0);
    CHECK(v.shape == &v.len && v.strides == &v.itemsize);
    CHECK_INT(PyBuffer_FillInfo(&v, NULL, data, 5, 1, PyBUF_FULL_RO), 0);
    CHECK(v.shape == &v.len && v.strides == &v.itemsize && v.format && v.suboffsets == NULL);
    PyBuffer_Release(&v);                        /* obj NULL: nothing happens */

    CHECK_INT(PyBuffer_FillInfo(&v, owner, data, 5, 1, PyBUF_WRITABLE), -1);
    CHECK_EXC(PyExc_BufferError, "Object is not writable.");
    CHECK_INT(PyBuffer_FillInfo(&v, owner, data, 5, 1, PyBUF_FULL), -1);
    CHECK_EXC(PyExc_BufferError, "Object is not writable.");
    CHECK_INT(PyBuffer_FillInfo(&v, owner, data, 5, 0, PyBUF_FULL), 0);
    CHECK(v.readonly == 0);
    PyBuffer_Release(&v);
    CHECK_INT(PyBuffer_FillInfo(&v, owner, data, 5, 0, PyBUF_READ), -1);
    CHECK_BADCALL();
    CHECK_INT(PyBuffer_FillInfo(NULL, owner, data, 5, 0, PyBUF_SIMPLE), -1);
    CHECK_EXC(PyExc_BufferError, "PyBuffer_FillInfo: view==NULL argument is obsolete");
    CHECK_INT(Py_REFCNT(owner), before);
    Py_DECREF(owner);
}

static void test_layout_functions(void) {
    char data[8] = "abcdefg";
    Py_buffer v;
    PyBuffer_FillInfo(&v, NULL, data, 7, 0, PyBUF_FULL);
    CHECK_INT(PyBuffer_IsContiguous(&v, 'C'), 1);
    CHECK_INT(PyBuffer_IsContiguous(&v, 'F'), 1);
    CHECK_INT(PyBuffer_IsContiguous(&v, 'A'), 1);
    CHECK_INT(PyBuffer_IsContiguous(&v, 'X'), 0);
    Py_ssize_t idx = 3;
    CHECK(PyBuffer_GetPointer(&v, &idx) == data + 3);

    /* Every other byte. */
    PyObject *st = new_strided();
    Py_buffer sv;
    CHECK_INT(PyObject_GetBuffer(st, &sv, PyBUF_SIMPLE), -1);
    CHECK_EXC(PyExc_BufferError, "Strided: strides are required");
    CHECK_INT(PyObject_GetBuffer(st, &sv, PyBUF_FULL), 0);
    CHECK_INT(((Strided *)st)->exports, 1);
    CHECK_INT(PyBuffer_IsContiguous(&sv, 'C'), 0);
    CHECK_INT(PyBuffer_IsContiguous(&sv, 'A'), 0);
    idx = 2;
    CHECK(PyBuffer_GetPointer(&sv, &idx) == ((Strided *)st)->data + 4);
    char out[5] = {0};
    CHECK_INT(PyBuffer_ToContiguous(out, &sv, 4, 'C'), 0);
    CHECK_STR(out, "aceg");
    CHECK_INT(PyBuffer_ToContiguous(out, &sv, 3, 'C'), -1);
    CHECK_EXC(PyExc_ValueError, "PyBuffer_ToContiguous: len != view->len");
    CHECK_INT(PyBuffer_FromContiguous(&sv, "WXYZ", 4, 'C'), 0);
    CHECK(memcmp(((Strided *)st)->data, "W-X-Y-Z-", 8) == 0);
    CHECK_INT(PyBuffer_FromContiguous(&sv, "12345678", 8, 'C'), 0);   /* at most len */
    CHECK(memcmp(((Strided *)st)->data, "1-2-3-4-", 8) == 0);
    CHECK_INT(PyBuffer_FromContiguous(&sv, "ab", 2, 'C'), 0);
    CHECK(memcmp(((Strided *)st)->data, "a-b-3-4-", 8) == 0);
    PyBuffer_Release(&sv);
    CHECK_INT(((Strided *)st)->exports, 0);
    Py_DECREF(st);

    /* 2x3 shorts, column-major. */
    PyObject *m = new_matrix();
    Py_buffer mv;
    CHECK_INT(PyObject_GetBuffer(m, &mv, PyBUF_FULL_RO), 0);
    CHECK_INT(PyBuffer_IsContiguous(&mv, 'C'), 0);
    CHECK_INT(PyBuffer_IsContiguous(&mv, 'F'), 1);
    CHECK_INT(PyBuffer_IsContiguous(&mv, 'A'), 1);
    Py_ssize_t ij[2] = { 1, 2 };
    CHECK_INT(*(short *)PyBuffer_GetPointer(&mv, ij), 10 * 1 + 2 - 5);
    short c_order[6], f_order[6];
    CHECK_INT(PyBuffer_ToContiguous(c_order, &mv, sizeof c_order, 'C'), 0);
    CHECK_INT(PyBuffer_ToContiguous(f_order, &mv, sizeof f_order, 'F'), 0);
    short want_c[6] = { -5, -4, -3, 5, 6, 7 }, want_f[6] = { -5, 5, -4, 6, -3, 7 };
    CHECK(memcmp(c_order, want_c, sizeof want_c) == 0);
    CHECK(memcmp(f_order, want_f, sizeof want_f) == 0);
    PyBuffer_Release(&mv);
    Py_DECREF(m);

    Py_ssize_t shape[3] = { 2, 3, 4 }, strides[3];
    PyBuffer_FillContiguousStrides(3, shape, strides, 8, 'C');
    CHECK(strides[0] == 96 && strides[1] == 32 && strides[2] == 8);
    PyBuffer_FillContiguousStrides(3, shape, strides, 8, 'F');
    CHECK(strides[0] == 8 && strides[1] == 16 && strides[2] == 48);
}

static void test_copy_data(void) {
    PyObject *dst = PyByteArray_FromStringAndSize("......", 6), *src = PyBytes_FromString("abcd");
    CHECK_INT(PyObject_CopyData(dst, src), 0);
    CHECK_STR(PyByteArray_AS_STRING(dst), "abcd..");
    PyObject *st = new_strided();
    CHECK_INT(PyObject_CopyData(dst, st), 0);          /* gathered from a strided source */
    CHECK_STR(PyByteArray_AS_STRING(dst), "aceg..");
    CHECK_INT(PyObject_CopyData(st, src), 0);          /* scattered into a strided target */
    CHECK(memcmp(((Strided *)st)->data, "a-b-c-d-", 8) == 0);
    PyObject *big = PyBytes_FromString("0123456789");
    CHECK_INT(PyObject_CopyData(dst, big), -1);
    CHECK_EXC(PyExc_BufferError, "destination is too small to receive data from source");
    CHECK_INT(PyObject_CopyData(src, src), -1);
    CHECK_EXC(PyExc_BufferError, "Object is not writable.");
    CHECK_INT(PyObject_CopyData(dst, Py_None), -1);
    CHECK_EXC(PyExc_TypeError, "both destination and source must be bytes-like objects");
    CHECK_INT(((PyByteArrayObject *)dst)->ob_exports, 0);
    CHECK_INT(((Strided *)st)->exports, 0);
    Py_DECREF(big);
    Py_DECREF(st);
    Py_DECREF(dst);
    Py_DECREF(src);
}

static void test_memoryview_basics(void) {
    PyObject *b = PyBytes_FromString("abc");
    Py_ssize_t before = Py_REFCNT(b);
    PyObject *mv = PyMemoryView_FromObject(b);
    CHECK(mv && PyMemoryView_Check(mv) && Py_TYPE(mv) == &PyMemoryView_Type);
    CHECK(PyMemoryView_GET_BASE(mv) == b);
    CHECK_INT(Py_REFCNT(b), before + 1);               /* the export holds the bytes */
    Py_buffer *view = PyMemoryView_GET_BUFFER(mv);
    CHECK(view->buf == PyBytes_AS_STRING(b) && view->len == 3 && view->readonly == 1);
    CHECK(view->ndim == 1 && view->itemsize == 1 && view->shape[0] == 3 && view->strides[0] == 1);
    CHECK_STR(view->format, "B");
    CHECK(view->suboffsets == NULL);

    /* A memoryview of a memoryview shares the export. */
    PyObject *mv2 = PyMemoryView_FromObject(mv);
    CHECK(mv2 && mv2 != mv && PyMemoryView_GET_BASE(mv2) == b);
    CHECK_INT(Py_REFCNT(b), before + 1);
    CHECK_INT(Py_REFCNT(mv), 1);
    CHECK(PyMemoryView_GET_BUFFER(mv2)->buf == view->buf);

    CHECK_INT(Py_TYPE(mv)->tp_as_sequence->sq_length(mv), 3);
    CHECK_INT(Py_TYPE(mv)->tp_as_mapping->mp_length(mv), 3);
    PyObject *r = PyObject_Repr(mv);
    CHECK(r && strncmp(PyUnicode_AsUTF8(r), "<memory at 0x", 13) == 0);
    Py_XDECREF(r);

    Py_DECREF(mv);
    CHECK_INT(Py_REFCNT(b), before + 1);               /* mv2 still holds it */
    Py_DECREF(mv2);
    CHECK_INT(Py_REFCNT(b), before);

    PyObject *s = PyUnicode_FromString("s");
    CHECK(PyMemoryView_FromObject(s) == NULL);
    CHECK_EXC(PyExc_TypeError, "memoryview: a bytes-like object is required, not 'str'");
#ifdef SUBINTERP
    CHECK(PyMemoryView_FromObject(NULL) == NULL);      /* CPython crashes */
    CHECK_BADCALL();
#endif
    Py_DECREF(s);
    Py_DECREF(b);
}

static void test_memoryview_holds_export(void) {
    PyObject *ba = PyByteArray_FromStringAndSize("abc", 3);
    PyByteArrayObject *o = (PyByteArrayObject *)ba;
    PyObject *mv = PyMemoryView_FromObject(ba);
    CHECK_INT(o->ob_exports, 1);
    CHECK_INT(PyMemoryView_GET_BUFFER(mv)->readonly, 0);
    PyObject *mv2 = PyMemoryView_FromObject(mv);
    CHECK_INT(o->ob_exports, 1);                        /* one export, shared */
    CHECK_INT(PyByteArray_Resize(ba, 10), -1);
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    Py_DECREF(mv);
    CHECK_INT(PyByteArray_Resize(ba, 10), -1);          /* mv2 still holds it */
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");

    /* Re-exporting: a view of mv2 keeps mv2 alive. */
    Py_buffer v;
    CHECK_INT(PyObject_GetBuffer(mv2, &v, PyBUF_WRITABLE), 0);
    CHECK(v.obj == mv2 && Py_REFCNT(mv2) == 2 && v.buf == PyByteArray_AS_STRING(ba));
    CHECK(v.format == NULL && v.shape == NULL && v.strides == NULL && v.ndim == 1 && v.len == 3);
    Py_DECREF(mv2);
    ((char *)v.buf)[0] = 'A';
    CHECK_STR(PyByteArray_AS_STRING(ba), "Abc");
    CHECK_INT(PyByteArray_Resize(ba, 10), -1);
    CHECK_EXC(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    PyBuffer_Release(&v);                               /* the last holder goes */
    CHECK_INT(o->ob_exports, 0);
    CHECK_INT(PyByteArray_Resize(ba, 10), 0);
    CHECK_INT(Py_REFCNT(ba), 1);
    Py_DECREF(ba);
}

static void test_memoryview_reexport(void) {
    PyObject *b = PyBytes_FromString("abcd");
    PyObject *mv = PyMemoryView_FromObject(b);
    Py_buffer v;
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_WRITABLE), -1);
    CHECK_EXC(PyExc_BufferError, "memoryview: underlying buffer is not writable");
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_FORMAT), -1);
    CHECK_EXC(PyExc_BufferError, "memoryview: cannot cast to unsigned bytes if the format flag is present");
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_FULL_RO), 0);
    CHECK(v.obj == mv && v.shape && v.shape[0] == 4 && v.strides && v.strides[0] == 1);
    CHECK_STR(v.format, "B");
    PyBuffer_Release(&v);
    CHECK_INT(Py_REFCNT(mv), 1);
    Py_DECREF(mv);

    PyObject *st = new_strided();
    mv = PyMemoryView_FromObject(st);
    CHECK(mv != NULL);
    CHECK_INT(((Strided *)st)->exports, 1);
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_SIMPLE), -1);
    CHECK_EXC(PyExc_BufferError, "memoryview: underlying buffer is not C-contiguous");
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_ANY_CONTIGUOUS), -1);
    CHECK_EXC(PyExc_BufferError, "memoryview: underlying buffer is not contiguous");
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_F_CONTIGUOUS), -1);
    CHECK_EXC(PyExc_BufferError, "memoryview: underlying buffer is not Fortran contiguous");
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_STRIDES), 0);
    CHECK(v.strides && v.strides[0] == 2);
    PyBuffer_Release(&v);
    Py_DECREF(mv);
    CHECK_INT(((Strided *)st)->exports, 0);             /* the last view gave it back */
    Py_DECREF(st);
    Py_DECREF(b);
}

static void test_memoryview_items(void) {
    PyObject *b = PyBytes_FromStringAndSize("a\xff", 2);
    PyObject *mv = PyMemoryView_FromObject(b);
    PySequenceMethods *sq = Py_TYPE(mv)->tp_as_sequence;
    PyMappingMethods *mp = Py_TYPE(mv)->tp_as_mapping;
    CHECK_LONG_OBJ(sq->sq_item(mv, 0), 'a');
    CHECK_LONG_OBJ(sq->sq_item(mv, 1), 255);
    CHECK_LONG_OBJ(sq->sq_item(mv, -1), 255);
    CHECK(sq->sq_item(mv, 2) == NULL);
    CHECK_EXC(PyExc_IndexError, "index out of bounds on dimension 1");
    CHECK(sq->sq_item(mv, -3) == NULL);
    CHECK_EXC(PyExc_IndexError, "index out of bounds on dimension 1");
    PyObject *k = PyLong_FromLong(-2), *idx = new_index(1);
    CHECK_LONG_OBJ(mp->mp_subscript(mv, k), 'a');
    CHECK_LONG_OBJ(mp->mp_subscript(mv, idx), 255);
    PyObject *t1 = PyTuple_Pack(1, idx), *t2 = PyTuple_Pack(2, idx, idx);
    CHECK_LONG_OBJ(mp->mp_subscript(mv, t1), 255);
    CHECK(mp->mp_subscript(mv, t2) == NULL);
    CHECK_EXC(PyExc_TypeError, "cannot index 1-dimension view with 2-element tuple");
    CHECK(mp->mp_subscript(mv, Py_None) == NULL);
    CHECK_EXC(PyExc_TypeError, "memoryview: invalid slice key");

    CHECK_INT(mp->mp_ass_subscript(mv, k, idx), -1);
    CHECK_EXC(PyExc_TypeError, "cannot modify read-only memory");
    Py_DECREF(mv);

    PyObject *ba = PyByteArray_FromStringAndSize("xyz", 3);
    mv = PyMemoryView_FromObject(ba);
    PyObject *v65 = PyLong_FromLong(65), *v256 = PyLong_FromLong(256), *vneg = PyLong_FromLong(-1);
    PyObject *s = PyUnicode_FromString("s");
    PyObject *two = PyLong_FromLong(2), *t_two = PyTuple_Pack(1, two);
    CHECK_INT(mp->mp_ass_subscript(mv, k, v65), 0);
    CHECK_INT(mp->mp_ass_subscript(mv, t_two, idx), 0);   /* an __index__ value, a tuple key */
    Py_DECREF(two);
    Py_DECREF(t_two);
    CHECK_STR(PyByteArray_AS_STRING(ba), "xA\x01");
    CHECK_INT(mp->mp_ass_subscript(mv, k, v256), -1);
    CHECK_EXC(PyExc_ValueError, "memoryview: invalid value for format 'B'");
    CHECK_INT(mp->mp_ass_subscript(mv, k, vneg), -1);
    CHECK_EXC(PyExc_ValueError, "memoryview: invalid value for format 'B'");
    CHECK_INT(mp->mp_ass_subscript(mv, k, s), -1);
    CHECK_EXC(PyExc_TypeError, "memoryview: invalid type for format 'B'");
    CHECK_INT(mp->mp_ass_subscript(mv, k, NULL), -1);
    CHECK_EXC(PyExc_TypeError, "cannot delete memory");
    CHECK_INT(mp->mp_ass_subscript(mv, v256, v65), -1);
    CHECK_EXC(PyExc_IndexError, "index out of bounds on dimension 1");
    CHECK_INT(mp->mp_ass_subscript(mv, s, v65), -1);
    CHECK_EXC(PyExc_TypeError, "memoryview: invalid slice key");
    CHECK_STR(PyByteArray_AS_STRING(ba), "xA\x01");

    /* Iteration. */
    PyObject *it = Py_TYPE(mv)->tp_iter(mv);
    CHECK(it != NULL);
    CHECK_STR(it ? Py_TYPE(it)->tp_name : "", "memory_iterator");
    CHECK_INT(Py_REFCNT(mv), 2);
    CHECK_LONG_OBJ(Py_TYPE(it)->tp_iternext(it), 'x');
    CHECK_LONG_OBJ(Py_TYPE(it)->tp_iternext(it), 'A');
    CHECK_LONG_OBJ(Py_TYPE(it)->tp_iternext(it), 1);
    CHECK(Py_TYPE(it)->tp_iternext(it) == NULL && !PyErr_Occurred());
    CHECK_INT(Py_REFCNT(mv), 1);
    Py_DECREF(it);

    Py_DECREF(mv);
    Py_DECREF(ba);
    Py_DECREF(b);
    Py_DECREF(k);
    Py_DECREF(idx);
    Py_DECREF(t1);
    Py_DECREF(t2);
    Py_DECREF(v65);
    Py_DECREF(v256);
    Py_DECREF(vneg);
    Py_DECREF(s);
}

static void test_memoryview_compare_hash(void) {
    PyObject *b = PyBytes_FromString("aceg"), *other = PyBytes_FromString("acex");
    PyObject *ba = PyByteArray_FromStringAndSize("aceg", 4), *s = PyUnicode_FromString("aceg");
    PyObject *mv = PyMemoryView_FromObject(b), *mvba = PyMemoryView_FromObject(ba);
    PyObject *st = new_strided(), *mvst = PyMemoryView_FromObject(st);
    CHECK_INT(RICHCMP(mv, b, Py_EQ), 1);
    CHECK_INT(RICHCMP(mv, b, Py_NE), 0);
    CHECK_INT(RICHCMP(mv, other, Py_EQ), 0);
    CHECK_INT(RICHCMP(mv, mvba, Py_EQ), 1);
    CHECK_INT(RICHCMP(mv, mvst, Py_EQ), 1);             /* item by item, any layout */
    CHECK_INT(RICHCMP(mvst, ba, Py_EQ), 1);
    CHECK_INT(RICHCMP(mv, s, Py_EQ), 2);                /* NotImplemented */
    CHECK_INT(RICHCMP(mv, b, Py_LT), 2);
    CHECK_INT(RICHCMP(b, mv, Py_EQ), 2);                /* bytes leaves it to memoryview */
    PyObject *shorter = PyBytes_FromString("ace");
    CHECK_INT(RICHCMP(mv, shorter, Py_EQ), 0);
    Py_DECREF(shorter);
    CHECK_INT(((Strided *)st)->exports, 1);

    hashfunc h = PyMemoryView_Type.tp_hash;
    CHECK_INT(h(mv), PyBytes_Type.tp_hash(b));
    CHECK_INT(h(mvst), -1);
    CHECK_EXC(PyExc_ValueError, "cannot hash writable memoryview object");
    CHECK_INT(h(mvba), -1);
    CHECK_EXC(PyExc_ValueError, "cannot hash writable memoryview object");

    Py_DECREF(mvst);
    CHECK_INT(((Strided *)st)->exports, 0);
    Py_DECREF(st);
    Py_DECREF(mv);
    Py_DECREF(mvba);
    Py_DECREF(b);
    Py_DECREF(other);
    Py_DECREF(ba);
    Py_DECREF(s);
}

static void test_memoryview_2d(void) {
    PyObject *m = new_matrix();
    PyObject *mv = PyMemoryView_FromObject(m);
    CHECK(mv != NULL);
    Py_buffer *view = PyMemoryView_GET_BUFFER(mv);
    CHECK(view->ndim == 2 && view->shape[0] == 2 && view->shape[1] == 3 && view->itemsize == 2);
    CHECK(view->strides[0] == 2 && view->strides[1] == 4);
    CHECK_STR(view->format, "h");
    CHECK_INT(Py_TYPE(mv)->tp_as_sequence->sq_length(mv), 2);
    PyMappingMethods *mp = Py_TYPE(mv)->tp_as_mapping;
    PyObject *i1 = PyLong_FromLong(1), *i2 = PyLong_FromLong(2), *i0 = PyLong_FromLong(0);
    PyObject *key = PyTuple_Pack(2, i1, i2), *key0 = PyTuple_Pack(2, i0, i0);
    CHECK_LONG_OBJ(mp->mp_subscript(mv, key), 7);
    CHECK_LONG_OBJ(mp->mp_subscript(mv, key0), -5);
    CHECK(mp->mp_subscript(mv, i1) == NULL);
    CHECK_EXC(PyExc_NotImplementedError, "multi-dimensional sub-views are not implemented");
    CHECK(Py_TYPE(mv)->tp_iter(mv) == NULL);
    CHECK_EXC(PyExc_NotImplementedError, "multi-dimensional sub-views are not implemented");
    PyObject *key3 = PyTuple_Pack(3, i0, i0, i0);
    CHECK(mp->mp_subscript(mv, key3) == NULL);
    CHECK_EXC(PyExc_TypeError, "cannot index 2-dimension view with 3-element tuple");
    PyObject *bad = PyTuple_Pack(2, i2, i0);
    CHECK(mp->mp_subscript(mv, bad) == NULL);
    CHECK_EXC(PyExc_IndexError, "index out of bounds on dimension 1");

    /* A C-contiguous copy: same items, row-major. */
    PyObject *c = PyMemoryView_GetContiguous(m, PyBUF_READ, 'C');
    CHECK(c != NULL && c != mv);
    Py_buffer *cv = PyMemoryView_GET_BUFFER(c);
    CHECK(cv->buf != ((Matrix *)m)->data && cv->readonly == 1);
    CHECK(cv->ndim == 2 && cv->strides[0] == 6 && cv->strides[1] == 2);
    CHECK_STR(cv->format, "h");
    short want[6] = { -5, -4, -3, 5, 6, 7 };
    CHECK(memcmp(cv->buf, want, sizeof want) == 0);
    CHECK_LONG_OBJ(mp->mp_subscript(c, key), 7);
    CHECK_INT(RICHCMP(mv, c, Py_EQ), 1);
    PyObject *f = PyMemoryView_GetContiguous(m, PyBUF_READ, 'F');  /* already: no copy */
    CHECK(f && PyMemoryView_GET_BUFFER(f)->buf == (void *)((Matrix *)m)->data);
    CHECK(PyMemoryView_GetContiguous(m, PyBUF_WRITE, 'F') == NULL);
    CHECK_EXC(PyExc_BufferError, "underlying buffer is not writable");
    CHECK_INT(PyMemoryView_GET_BUFFER(mv)->readonly, 1);
    Py_XDECREF(f);
    Py_XDECREF(c);

    Py_buffer v;
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_FULL_RO), 0);
    CHECK(v.ndim == 2 && v.shape[1] == 3);
    PyBuffer_Release(&v);
    CHECK_INT(PyObject_GetBuffer(mv, &v, PyBUF_RECORDS_RO | PyBUF_C_CONTIGUOUS), -1);
    CHECK_EXC(PyExc_BufferError, "memoryview: underlying buffer is not C-contiguous");
    CHECK_INT(PyMemoryView_Type.tp_hash(mv), -1);
    CHECK_EXC(PyExc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");

    Py_DECREF(key);
    Py_DECREF(key0);
    Py_DECREF(key3);
    Py_DECREF(bad);
    Py_DECREF(i0);
    Py_DECREF(i1);
    Py_DECREF(i2);
    Py_DECREF(mv);
    CHECK_INT(Py_REFCNT(m), 1);
    Py_DECREF(m);
}

static void test_memoryview_constructors(void) {
    char mem[4] = "wxyz";
    PyObject *r = PyMemoryView_FromMemory(mem, 4, PyBUF_READ);
    CHECK(r && PyMemoryView_GET_BASE(r) == NULL && PyMemoryView_GET_BUFFER(r)->readonly == 1);
    CHECK(PyMemoryView_GET_BUFFER(r)->buf == mem && PyMemoryView_GET_BUFFER(r)->len == 4);
    PyObject *w = PyMemoryView_FromMemory(mem, 4, PyBUF_WRITE);
    CHECK(w && PyMemoryView_GET_BUFFER(w)->readonly == 0);
    PyObject *k = PyLong_FromLong(0), *v = PyLong_FromLong('W');
    CHECK_INT(Py_TYPE(w)->tp_as_mapping->mp_ass_subscript(w, k, v), 0);
    CHECK(mem[0] == 'W');
    CHECK_LONG_OBJ(Py_TYPE(r)->tp_as_sequence->sq_item(r, 0), 'W');
    Py_XDECREF(r);
    Py_XDECREF(w);
#ifdef SUBINTERP
    /* CPython only asserts these. */
    CHECK(PyMemoryView_FromMemory(NULL, 4, PyBUF_READ) == NULL);
    CHECK_BADCALL();
    CHECK(PyMemoryView_FromMemory(mem, 4, 0) == NULL);
    CHECK_BADCALL();
    CHECK(PyMemoryView_GetContiguous(Py_None, PyBUF_READ, 'X') == NULL);
    CHECK_BADCALL();
#endif

    Py_buffer info;
    PyBuffer_FillInfo(&info, NULL, mem, 3, 1, PyBUF_FULL_RO);
    PyObject *fb = PyMemoryView_FromBuffer(&info);
    CHECK(fb && PyMemoryView_GET_BASE(fb) == NULL && PyMemoryView_GET_BUFFER(fb)->len == 3);
    CHECK(PyMemoryView_GET_BUFFER(fb)->shape[0] == 3);
    Py_XDECREF(fb);
    info.buf = NULL;
    CHECK(PyMemoryView_FromBuffer(&info) == NULL);
    CHECK_EXC(PyExc_ValueError, "PyMemoryView_FromBuffer(): info->buf must not be NULL");

    /* GetContiguous: a view of the object itself, or a read-only copy. */
    PyObject *b = PyBytes_FromString("bytes");
    PyObject *c = PyMemoryView_GetContiguous(b, PyBUF_READ, 'C');
    CHECK(c && PyMemoryView_GET_BUFFER(c)->buf == PyBytes_AS_STRING(b) && PyMemoryView_GET_BASE(c) == b);
    Py_XDECREF(c);
    CHECK(PyMemoryView_GetContiguous(b, PyBUF_WRITE, 'C') == NULL);
    CHECK_EXC(PyExc_BufferError, "underlying buffer is not writable");
    PyObject *ba = PyByteArray_FromStringAndSize("ba", 2);
    c = PyMemoryView_GetContiguous(ba, PyBUF_WRITE, 'A');
    CHECK(c && PyMemoryView_GET_BUFFER(c)->readonly == 0);
    Py_XDECREF(c);
    PyObject *st = new_strided();
    c = PyMemoryView_GetContiguous(st, PyBUF_READ, 'C');
    CHECK(c && PyMemoryView_GET_BUFFER(c)->buf != ((Strided *)st)->data);
    CHECK(c && PyMemoryView_GET_BUFFER(c)->readonly == 1 && PyMemoryView_GET_BUFFER(c)->strides[0] == 1);
    CHECK(c && memcmp(PyMemoryView_GET_BUFFER(c)->buf, "aceg", 4) == 0);
    CHECK_INT(((Strided *)st)->exports, 0);                 /* the copy does not hold it */
    Py_XDECREF(c);
    CHECK(PyMemoryView_GetContiguous(st, PyBUF_WRITE, 'C') == NULL);
    CHECK_EXC(PyExc_BufferError, "writable contiguous buffer requested for a non-contiguous object.");
    CHECK_INT(((Strided *)st)->exports, 0);
    CHECK(PyMemoryView_GetContiguous(Py_None, PyBUF_READ, 'C') == NULL);
    CHECK_EXC(PyExc_TypeError, "memoryview: a bytes-like object is required, not 'NoneType'");
    Py_DECREF(st);
    Py_DECREF(ba);
    Py_DECREF(b);
    Py_DECREF(k);
    Py_DECREF(v);
}

int main(void) {
    for (int round = 0; round < 2; round++) {
        Py_Initialize();
        test_get_and_release();
        test_fill_info();
        test_layout_functions();
        test_copy_data();
        test_memoryview_basics();
        test_memoryview_holds_export();
        test_memoryview_reexport();
        test_memoryview_items();
        test_memoryview_compare_hash();
        test_memoryview_2d();
        test_memoryview_constructors();
        CHECK(PyErr_Occurred() == NULL);
        CHECK_INT(Py_FinalizeEx(), 0);
    }
    return TEST_DONE();
}
