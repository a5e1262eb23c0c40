/* getargs: PyArg_ParseTuple, PyArg_ParseTupleAndKeywords, PyArg_VaParse(AndKeywords),
   PyArg_Parse, PyArg_UnpackTuple, PyArg_ValidateKeywordArguments, _PyArg_NoKeywords and
   _PyArg_NoPositional: every format unit with its values and CPython 3.13's error texts,
   reference counts, buffers released on failure, converters (Py_CLEANUP_SUPPORTED),
   optional, keyword-only and positional-only parameters, nested tuples. */
#include "call_util.h"

/* A dict from alternating C-string keys and new-reference values (stolen), NULL-ended. */
static PyObject *kwargs(const char *key, ...) {
    PyObject *d = PyDict_New();
    va_list ap;
    va_start(ap, key);
    for (const char *k = key; k != NULL; k = va_arg(ap, const char *)) {
        PyObject *v = va_arg(ap, PyObject *);
        PyDict_SetItemString(d, k, v);
        Py_DECREF(v);
    }
    va_end(ap);
    return d;
}

static PyObject *one(PyObject *o) { return targs(1, o); }

/* ---- integers ---- */

static void test_integers(void) {
    PyObject *t;
    char b = 0;
    unsigned char ub = 0;
    short h = 0;
    unsigned short uh = 0;
    int i = 0;
    unsigned int ui = 0;
    long l = 0;
    unsigned long ul = 0;
    long long ll = 0;
    unsigned long long ull = 0;
    Py_ssize_t n = 0;

    t = targs(11, I(200), I(-1), I(-32768), I(-1), I(-2147483648L), I(-1), I(LONG_MIN), I(-1),
              PyLong_FromLongLong(LLONG_MIN), I(-2), I(PY_SSIZE_T_MAX));
    CHECK_INT(PyArg_ParseTuple(t, "bBhHiIlkLKn", &b, &ub, &h, &uh, &i, &ui, &l, &ul, &ll, &ull, &n), 1);
    CHECK_INT((unsigned char)b, 200);
    CHECK_INT(ub, 255);
    CHECK_INT(h, -32768);
    CHECK_INT(uh, 65535);
    CHECK_INT(i, INT_MIN);
    CHECK(ui == UINT_MAX);
    CHECK(l == LONG_MIN);
    CHECK(ul == ULONG_MAX);
    CHECK(ll == LLONG_MIN);
    CHECK(ull == ULLONG_MAX - 1);
    CHECK(n == PY_SSIZE_T_MAX);
    Py_DECREF(t);

    /* Range errors. */
    struct { const char *fmt; long long v; const char *text; } over[] = {
        {"b", -1, "unsigned byte integer is less than minimum"},
        {"b", 256, "unsigned byte integer is greater than maximum"},
        {"h", -32769, "signed short integer is less than minimum"},
        {"h", 32768, "signed short integer is greater than maximum"},
        {"i", 2147483648LL, "signed integer is greater than maximum"},
        {"i", -2147483649LL, "signed integer is less than minimum"},
    };
    for (size_t k = 0; k < sizeof over / sizeof over[0]; k++) {
        long long sink = 0;
        t = one(PyLong_FromLongLong(over[k].v));
        CHECK_INT(PyArg_ParseTuple(t, over[k].fmt, &sink), 0);
        CHECK_ERR(PyExc_OverflowError, over[k].text);
        Py_DECREF(t);
    }
    PyObject *big = PyLong_FromString("100000000000000000000", NULL, 10);
    t = one(Py_NewRef(big));
    CHECK_INT(PyArg_ParseTuple(t, "l", &l), 0);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C long");
    CHECK_INT(PyArg_ParseTuple(t, "L", &ll), 0);
    CHECK_ERR(PyExc_OverflowError, "int too big to convert");
    CHECK_INT(PyArg_ParseTuple(t, "n", &n), 0);
    CHECK_ERR(PyExc_OverflowError, "Python int too large to convert to C ssize_t");
    /* The bit-field units wrap. */
    CHECK_INT(PyArg_ParseTuple(t, "BHIkK", &ub, &uh, &ui, &ul, &ull), 0);
    CHECK_ERR(PyExc_TypeError, "function takes exactly 5 arguments (1 given)");
    CHECK_INT(PyArg_ParseTuple(t, "K", &ull), 1);
    CHECK(ull == 7766279631452241920ULL);          /* 10**20 mod 2**64 */
    CHECK_INT(PyArg_ParseTuple(t, "B", &ub), 1);
    CHECK_INT(ub, 0);                               /* 10**20 mod 256 */
    Py_DECREF(t);
    Py_DECREF(big);

    /* Wrong types. */
    t = one(S("x"));
    CHECK_INT(PyArg_ParseTuple(t, "i", &i), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyArg_ParseTuple(t, "b:f", &b), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyArg_ParseTuple(t, "n", &n), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyArg_ParseTuple(t, "k", &ul), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be int, not str");
    CHECK_INT(PyArg_ParseTuple(t, "K:fn", &ull), 0);
    CHECK_ERR(PyExc_TypeError, "fn() argument 1 must be int, not str");
    CHECK_INT(PyArg_ParseTuple(t, "B", &ub), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyArg_ParseTuple(t, "L", &ll), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    Py_DECREF(t);
    t = one(PyFloat_FromDouble(2.5));
    CHECK_INT(PyArg_ParseTuple(t, "i", &i), 0);
    CHECK_ERR(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    CHECK_INT(PyArg_ParseTuple(t, "k", &ul), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be int, not float");
    Py_DECREF(t);
    t = one(Py_NewRef(Py_None));
    CHECK_INT(PyArg_ParseTuple(t, "K", &ull), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be int, not None");
    Py_DECREF(t);
    /* bool is an int. */
    t = one(Py_NewRef(Py_True));
    CHECK_INT(PyArg_ParseTuple(t, "i", &i), 1);
    CHECK_INT(i, 1);
    Py_DECREF(t);
}

/* ---- floats, characters, predicates ---- */

static void test_float_char_bool(void) {
    float f = 0;
    double d = 0;
    char c = 0;
    int ch = 0, p = -1;
    PyObject *t = targs(4, PyFloat_FromDouble(1.5), I(3), PyBytes_FromString("z"), S("\xc3\xa9"));
    CHECK_INT(PyArg_ParseTuple(t, "fdcC", &f, &d, &c, &ch), 1);
    CHECK(f == 1.5f);
    CHECK(d == 3.0);
    CHECK_INT(c, 'z');
    CHECK_INT(ch, 0xe9);
    Py_DECREF(t);

    t = one(S("x"));
    CHECK_INT(PyArg_ParseTuple(t, "d", &d), 0);
    CHECK_ERR(PyExc_TypeError, "must be real number, not str");
    CHECK_INT(PyArg_ParseTuple(t, "f", &f), 0);
    CHECK_ERR(PyExc_TypeError, "must be real number, not str");
    CHECK_INT(PyArg_ParseTuple(t, "c", &c), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be a byte string of length 1, not str");
    Py_DECREF(t);
    t = one(PyByteArray_FromStringAndSize("q", 1));
    CHECK_INT(PyArg_ParseTuple(t, "c", &c), 1);
    CHECK_INT(c, 'q');
    Py_DECREF(t);
    t = one(PyBytes_FromString("ab"));
    CHECK_INT(PyArg_ParseTuple(t, "c:g", &c), 0);
    CHECK_ERR(PyExc_TypeError, "g() argument 1 must be a byte string of length 1, not bytes");
    CHECK_INT(PyArg_ParseTuple(t, "C", &ch), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be a unicode character, not bytes");
    Py_DECREF(t);
    t = one(S("ab"));
    CHECK_INT(PyArg_ParseTuple(t, "C", &ch), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be a unicode character, not str");
    Py_DECREF(t);

    t = targs(3, I(0), S("x"), PyList_New(0));
    int p2 = -1, p3 = -1;
    CHECK_INT(PyArg_ParseTuple(t, "ppp", &p, &p2, &p3), 1);
    CHECK_INT(p, 0);
    CHECK_INT(p2, 1);
    CHECK_INT(p3, 0);
    Py_DECREF(t);
}

/* ---- strings and buffers ---- */

static void test_strings(void) {
    const char *s = NULL;
    Py_ssize_t len = -1;
    PyObject *str = S("h\xc3\xa9llo");
    PyObject *bytes = PyBytes_FromStringAndSize("a\0b", 3);
    PyObject *ba = PyByteArray_FromStringAndSize("xyz", 3);
    PyObject *t;

    t = one(Py_NewRef(str));
    CHECK_INT(PyArg_ParseTuple(t, "s", &s), 1);
    CHECK_STR(s, "h\xc3\xa9llo");
    CHECK_INT(PyArg_ParseTuple(t, "s#", &s, &len), 1);
    CHECK_INT(len, 6);
    CHECK_INT(PyArg_ParseTuple(t, "z#", &s, &len), 1);
    CHECK_INT(len, 6);
    /* The buffer protocol's own error stays. */
    CHECK_INT(PyArg_ParseTuple(t, "y", &s), 0);
    CHECK_ERR(PyExc_TypeError, "a bytes-like object is required, not 'str'");
    CHECK_INT(PyArg_ParseTuple(t, "y#", &s, &len), 0);
    CHECK_ERR(PyExc_TypeError, "a bytes-like object is required, not 'str'");
    PyObject *o = NULL;
    CHECK_INT(PyArg_ParseTuple(t, "U", &o), 1);
    CHECK(o == str);
    CHECK_INT(PyArg_ParseTuple(t, "S", &o), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be bytes, not str");
    CHECK_INT(PyArg_ParseTuple(t, "Y", &o), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be bytearray, not str");
    Py_DECREF(t);

    /* Embedded NULs. */
    t = one(PyUnicode_FromStringAndSize("a\0b", 3));
    CHECK_INT(PyArg_ParseTuple(t, "s", &s), 0);
    CHECK_ERR(PyExc_ValueError, "embedded null character");
    CHECK_INT(PyArg_ParseTuple(t, "z", &s), 0);
    CHECK_ERR(PyExc_ValueError, "embedded null character");
    CHECK_INT(PyArg_ParseTuple(t, "s#", &s, &len), 1);
    CHECK_INT(len, 3);
    Py_DECREF(t);
    t = one(Py_NewRef(bytes));
    CHECK_INT(PyArg_ParseTuple(t, "y", &s), 0);
    CHECK_ERR(PyExc_ValueError, "embedded null byte");
    CHECK_INT(PyArg_ParseTuple(t, "y#", &s, &len), 1);
    CHECK_INT(len, 3);
    CHECK(s == PyBytes_AS_STRING(bytes));
    CHECK_INT(PyArg_ParseTuple(t, "s#", &s, &len), 1);
    CHECK_INT(len, 3);
    CHECK_INT(PyArg_ParseTuple(t, "s", &s), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be str, not bytes");
    CHECK_INT(PyArg_ParseTuple(t, "z", &s), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be str or None, not bytes");
    CHECK_INT(PyArg_ParseTuple(t, "S", &o), 1);
    CHECK(o == bytes);
    CHECK_INT(PyArg_ParseTuple(t, "U", &o), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be str, not bytes");
    Py_DECREF(t);

    /* bytearray has bf_releasebuffer: not for the pointer-only units. */
    t = one(Py_NewRef(ba));
    CHECK_INT(PyArg_ParseTuple(t, "y#", &s, &len), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be read-only bytes-like object, not bytearray");
    CHECK_INT(PyArg_ParseTuple(t, "s#", &s, &len), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be read-only bytes-like object, not bytearray");
    CHECK_INT(PyArg_ParseTuple(t, "Y", &o), 1);
    CHECK(o == ba);
    Py_DECREF(t);

    /* None for z. */
    t = one(Py_NewRef(Py_None));
    s = "x";
    CHECK_INT(PyArg_ParseTuple(t, "z", &s), 1);
    CHECK(s == NULL);
    s = "x";
    len = 5;
    CHECK_INT(PyArg_ParseTuple(t, "z#", &s, &len), 1);
    CHECK(s == NULL);
    CHECK_INT(len, 0);
    CHECK_INT(PyArg_ParseTuple(t, "s", &s), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be str, not None");
    CHECK_INT(PyArg_ParseTuple(t, "s#", &s, &len), 0);
    CHECK_ERR(PyExc_TypeError, "a bytes-like object is required, not 'NoneType'");
    Py_DECREF(t);

    /* s*, z*, y*, w*: a Py_buffer the caller releases; refcounts. */
    Py_buffer view;
    t = one(Py_NewRef(str));
    Py_ssize_t before = Py_REFCNT(str);
    CHECK_INT(PyArg_ParseTuple(t, "s*", &view), 1);
    CHECK(view.obj == str);
    CHECK_INT(view.len, 6);
    CHECK_INT(view.readonly, 1);
    CHECK(memcmp(view.buf, "h\xc3\xa9llo", 6) == 0);
    CHECK_INT(Py_REFCNT(str), before + 1);
    PyBuffer_Release(&view);
    CHECK_INT(Py_REFCNT(str), before);
    CHECK_INT(PyArg_ParseTuple(t, "y*", &view), 0);
    CHECK_ERR(PyExc_TypeError, "a bytes-like object is required, not 'str'");
    CHECK_INT(PyArg_ParseTuple(t, "w*", &view), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be read-write bytes-like object, not str");
    Py_DECREF(t);
    t = one(Py_NewRef(Py_None));
    CHECK_INT(PyArg_ParseTuple(t, "z*", &view), 1);
    CHECK(view.obj == NULL && view.buf == NULL && view.len == 0);
    PyBuffer_Release(&view);
    CHECK_INT(PyArg_ParseTuple(t, "s*", &view), 0);
    CHECK_ERR(PyExc_TypeError, "a bytes-like object is required, not 'NoneType'");
    Py_DECREF(t);
    t = one(Py_NewRef(ba));
    CHECK_INT(PyArg_ParseTuple(t, "w*", &view), 1);
    CHECK(view.obj == ba && view.len == 3 && view.readonly == 0);
    /* An exported bytearray cannot resize. */
    CHECK_INT(PyByteArray_Resize(ba, 10), -1);
    CHECK_ERR(PyExc_BufferError, "Existing exports of data: object cannot be re-sized");
    PyBuffer_Release(&view);
    CHECK_INT(PyArg_ParseTuple(t, "y*", &view), 1);
    CHECK(view.obj == ba && view.readonly == 0);
    PyBuffer_Release(&view);
    CHECK_INT(PyArg_ParseTuple(t, "s*", &view), 1);
    PyBuffer_Release(&view);
    Py_DECREF(t);
    t = one(Py_NewRef(bytes));
    CHECK_INT(PyArg_ParseTuple(t, "w*", &view), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be read-write bytes-like object, not bytes");
    CHECK_INT(PyArg_ParseTuple(t, "w", &view), 0);
    CHECK_ERR(PyExc_SystemError, "argument 1 (invalid use of 'w' format character)");
    Py_DECREF(t);

    /* A buffer taken before a failing unit is released. */
    int iv;
    Py_buffer v2;
    t = targs(3, Py_NewRef(ba), Py_NewRef(ba), S("no"));
    CHECK_INT(PyArg_ParseTuple(t, "w*y*i", &view, &v2, &iv), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyByteArray_Resize(ba, 4), 0);
    CHECK_INT(PyArg_ParseTuple(t, "s*z*O!", &view, &v2, &PyLong_Type, &o), 0);
    CHECK_ERR(PyExc_TypeError, "argument 3 must be int, not str");
    CHECK_INT(PyByteArray_Resize(ba, 3), 0);
    Py_DECREF(t);

    Py_DECREF(str);
    Py_DECREF(bytes);
    Py_DECREF(ba);
}

/* ---- encoded strings: es, et, es#, et# ---- */

static void test_encoded(void) {
    char *buf = NULL;
    Py_ssize_t len;
    PyObject *t = one(S("h\xc3\xa9"));
    CHECK_INT(PyArg_ParseTuple(t, "es", "utf-8", &buf), 1);
    CHECK_STR(buf, "h\xc3\xa9");
    PyMem_Free(buf);
    buf = NULL;
    CHECK_INT(PyArg_ParseTuple(t, "es", "latin-1", &buf), 1);
    CHECK_STR(buf, "h\xe9");
    PyMem_Free(buf);
    buf = NULL;
    CHECK_INT(PyArg_ParseTuple(t, "es", NULL, &buf), 1);     /* the default: UTF-8 */
    CHECK_STR(buf, "h\xc3\xa9");
    PyMem_Free(buf);
    buf = NULL;
    CHECK_INT(PyArg_ParseTuple(t, "es:enc", "ascii", &buf), 0);
    CHECK_ERR(PyExc_UnicodeEncodeError,
              "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)");
    CHECK(buf == NULL);
    CHECK_INT(PyArg_ParseTuple(t, "es#", "utf-8", &buf, &len), 1);
    CHECK_INT(len, 3);
    CHECK_STR(buf, "h\xc3\xa9");
    PyMem_Free(buf);
    /* es# into the caller's buffer: *len is its size on entry. */
    char room[4];
    buf = room;
    len = sizeof room;
    CHECK_INT(PyArg_ParseTuple(t, "es#", "utf-8", &buf, &len), 1);
    CHECK(buf == room);
    CHECK_INT(len, 3);
    CHECK_STR(room, "h\xc3\xa9");
    len = 3;
    CHECK_INT(PyArg_ParseTuple(t, "es#", "utf-8", &buf, &len), 0);
    CHECK_ERR(PyExc_ValueError, "encoded string too long (3, maximum length 2)");
    Py_DECREF(t);

    /* et passes bytes and bytearray through; es does not. */
    t = one(PyBytes_FromString("raw"));
    buf = NULL;
    CHECK_INT(PyArg_ParseTuple(t, "et", "ascii", &buf), 1);
    CHECK_STR(buf, "raw");
    PyMem_Free(buf);
    buf = NULL;
    CHECK_INT(PyArg_ParseTuple(t, "es", "ascii", &buf), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be str, not bytes");
    Py_DECREF(t);
    t = one(I(1));
    CHECK_INT(PyArg_ParseTuple(t, "et", "ascii", &buf), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be str, bytes or bytearray, not int");
    Py_DECREF(t);
    t = one(PyUnicode_FromStringAndSize("a\0b", 3));
    CHECK_INT(PyArg_ParseTuple(t, "es", "utf-8", &buf), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be encoded string without null bytes, not str");
    buf = NULL;
    CHECK_INT(PyArg_ParseTuple(t, "et#", "utf-8", &buf, &len), 1);
    CHECK_INT(len, 3);
    CHECK(memcmp(buf, "a\0b", 4) == 0);
    PyMem_Free(buf);
    CHECK_INT(PyArg_ParseTuple(t, "ex", "utf-8", &buf), 0);
    CHECK_ERR(PyExc_SystemError, "argument 1 (unknown parser marker combination)");
    Py_DECREF(t);

    /* An allocated buffer is freed, and the pointer reset, when a later unit fails. */
    t = targs(2, S("abc"), S("x"));
    buf = NULL;
    int iv;
    CHECK_INT(PyArg_ParseTuple(t, "esi", "utf-8", &buf, &iv), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK(buf == NULL);
    Py_DECREF(t);
}

/* ---- objects and converters ---- */

static int conv_calls, conv_cleanups;

/* An O& converter: accepts ints (stores the value), refuses others with an error set. */
static int conv_int(PyObject *o, void *addr) {
    conv_calls++;
    if (!PyLong_Check(o)) {
        PyErr_SetString(PyExc_ValueError, "conv_int wants an int");
        return 0;
    }
    *(long *)addr = PyLong_AsLong(o);
    return 1;
}

/* A converter with cleanup: keeps a new reference, releases it when called with NULL. */
static int conv_keep(PyObject *o, void *addr) {
    PyObject **p = addr;
    if (o == NULL) {
        conv_cleanups++;
        Py_CLEAR(*p);
        return 0;
    }
    *p = Py_NewRef(o);
    return Py_CLEANUP_SUPPORTED;
}

/* A converter that fails without setting an exception. */
static int conv_silent(PyObject *o, void *addr) { return 0; }

static void test_objects(void) {
    PyObject *a = S("obj-a"), *o = NULL, *o2 = NULL;
    PyObject *t = targs(2, Py_NewRef(a), I(5));
    Py_ssize_t rc = Py_REFCNT(a);
    CHECK_INT(PyArg_ParseTuple(t, "OO", &o, &o2), 1);
    CHECK(o == a);
    CHECK_INT(Py_REFCNT(a), rc);            /* borrowed */
    CHECK_INT(PyArg_ParseTuple(t, "O!O!", &PyUnicode_Type, &o, &PyLong_Type, &o2), 1);
    CHECK(o == a);
    CHECK_INT(PyArg_ParseTuple(t, "O!O!", &PyLong_Type, &o, &PyLong_Type, &o2), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be int, not str");
    CHECK_INT(PyArg_ParseTuple(t, "OO!:h", &o, &PyUnicode_Type, &o2), 0);
    CHECK_ERR(PyExc_TypeError, "h() argument 2 must be str, not int");
    /* A subclass passes O!. */
    PyObject *tb = one(Py_NewRef(Py_True));
    CHECK_INT(PyArg_ParseTuple(tb, "O!", &PyLong_Type, &o), 1);
    CHECK(o == Py_True);
    Py_DECREF(tb);

    long lv = 0;
    conv_calls = 0;
    CHECK_INT(PyArg_ParseTuple(t, "OO&", &o, conv_int, &lv), 1);
    CHECK_INT(lv, 5);
    CHECK_INT(conv_calls, 1);
    CHECK_INT(PyArg_ParseTuple(t, "O&O", conv_int, &lv, &o), 0);
    CHECK_ERR(PyExc_ValueError, "conv_int wants an int");
    CHECK_INT(PyArg_ParseTuple(t, "O&O:q", conv_silent, NULL, &o), 0);
    CHECK_ERR(PyExc_SystemError, "q() argument 1 (unspecified)");

    /* Py_CLEANUP_SUPPORTED: on a later failure the converter is called again with NULL. */
    PyObject *kept = NULL;
    conv_cleanups = 0;
    CHECK_INT(PyArg_ParseTuple(t, "iO&", &lv, conv_keep, &kept), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(conv_cleanups, 0);           /* the converter never ran */
    CHECK(kept == NULL);
    Py_DECREF(t);
    t = targs(2, Py_NewRef(a), S("x"));
    CHECK_INT(PyArg_ParseTuple(t, "O&i", conv_keep, &kept, &lv), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(conv_cleanups, 1);
    CHECK(kept == NULL);
    CHECK_INT(Py_REFCNT(a), rc);           /* ours and t's: the kept one was released */
    CHECK_INT(PyArg_ParseTuple(t, "O&O", conv_keep, &kept, &o), 1);
    CHECK_INT(conv_cleanups, 1);           /* not on success */
    CHECK(kept == a);
    Py_CLEAR(kept);
    Py_DECREF(t);
    Py_DECREF(a);
}

/* ---- nested tuples ---- */

static void test_nested(void) {
    int x = 0, y = 0, z = 0;
    PyObject *o = NULL;
    const char *s = NULL;
    PyObject *t = targs(2, targs(2, I(1), targs(2, I(2), S("s"))), I(3));
    CHECK_INT(PyArg_ParseTuple(t, "(i(is))i", &x, &y, &s, &z), 1);
    CHECK_INT(x, 1);
    CHECK_INT(y, 2);
    CHECK_STR(s, "s");
    CHECK_INT(z, 3);
    CHECK_INT(PyArg_ParseTuple(t, "(i(ii))i", &x, &y, &z, &z), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(PyArg_ParseTuple(t, "(i(iS))i:nest", &x, &y, &s, &z), 0);
    CHECK_ERR(PyExc_TypeError, "nest() argument 1, item 1, item 1 must be bytes, not str");
    unsigned long k = 0;
    CHECK_INT(PyArg_ParseTuple(t, "(ik)i", &x, &k, &z), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1, item 1 must be int, not tuple");
    CHECK_INT(PyArg_ParseTuple(t, "(k(iO))i", &k, &y, &o, &z), 1);
    CHECK_INT(PyArg_ParseTuple(t, "i(ii)", &x, &y, &z), 0);
    CHECK_ERR(PyExc_TypeError, "'tuple' object cannot be interpreted as an integer");
    Py_DECREF(t);
    t = targs(2, I(1), I(2));
    CHECK_INT(PyArg_ParseTuple(t, "i(ii)", &x, &y, &z), 0);
    CHECK_ERR(PyExc_TypeError, "argument 2 must be 2-item sequence, not int");
    Py_DECREF(t);
    t = targs(1, targs(3, I(1), I(2), I(3)));
    CHECK_INT(PyArg_ParseTuple(t, "(ii)", &x, &y), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be sequence of length 2, not 3");
    Py_DECREF(t);
    /* Any sequence but bytes; a list works. */
    PyObject *l = PyList_New(2);
    PyList_SET_ITEM(l, 0, I(7));
    PyList_SET_ITEM(l, 1, I(8));
    t = one(l);
    CHECK_INT(PyArg_ParseTuple(t, "(ii)", &x, &y), 1);
    CHECK_INT(x + y, 15);
    Py_DECREF(t);
    t = one(PyBytes_FromString("ab"));
    CHECK_INT(PyArg_ParseTuple(t, "(bb)", &x, &y), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be 2-item sequence, not bytes");
    Py_DECREF(t);
    t = one(Py_NewRef(Py_None));
    CHECK_INT(PyArg_ParseTuple(t, "(bb)", &x, &y), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be 2-item sequence, not None");
    Py_DECREF(t);
}

/* ---- argument counts, names, messages ---- */

static void test_arity(void) {
    int a = 0, b = 0, c = 0;
    PyObject *t0 = PyTuple_New(0), *t1 = one(I(1)), *t3 = targs(3, I(1), I(2), I(3));
    CHECK_INT(PyArg_ParseTuple(t0, ""), 1);
    CHECK_INT(PyArg_ParseTuple(t1, ""), 0);
    CHECK_ERR(PyExc_TypeError, "function takes exactly 0 arguments (1 given)");
    CHECK_INT(PyArg_ParseTuple(t1, ":nothing"), 0);
    CHECK_ERR(PyExc_TypeError, "nothing() takes exactly 0 arguments (1 given)");
    CHECK_INT(PyArg_ParseTuple(t0, "i:f", &a), 0);
    CHECK_ERR(PyExc_TypeError, "f() takes exactly 1 argument (0 given)");
    CHECK_INT(PyArg_ParseTuple(t0, "ii|i:f", &a, &b, &c), 0);
    CHECK_ERR(PyExc_TypeError, "f() takes at least 2 arguments (0 given)");
    CHECK_INT(PyArg_ParseTuple(t3, "i|i:f", &a, &b), 0);
    CHECK_ERR(PyExc_TypeError, "f() takes at most 2 arguments (3 given)");
    CHECK_INT(PyArg_ParseTuple(t3, "i|i;custom message", &a, &b), 0);
    CHECK_ERR(PyExc_TypeError, "custom message");
    CHECK_INT(PyArg_ParseTuple(t3, "(i)|i", &a, &b), 0);
    CHECK_ERR(PyExc_TypeError, "function takes at most 2 arguments (3 given)");
    /* A custom message replaces a conversion error's text too. */
    CHECK_INT(PyArg_ParseTuple(t1, "s;need text", &a), 0);
    CHECK_ERR(PyExc_TypeError, "need text");
    /* Optional ones keep their values when absent. */
    a = b = c = 42;
    CHECK_INT(PyArg_ParseTuple(t1, "i|ii", &a, &b, &c), 1);
    CHECK_INT(a, 1);
    CHECK_INT(b, 42);
    CHECK_INT(c, 42);
    CHECK_INT(PyArg_ParseTuple(t3, "|iii", &a, &b, &c), 1);
    CHECK_INT(a + b + c, 6);
    /* Whitespace is not a unit. */
    CHECK_INT(PyArg_ParseTuple(t1, "i i", &a, &b), 0);
    CHECK_ERR(PyExc_TypeError, "function takes exactly 2 arguments (1 given)");
    CHECK_INT(PyArg_ParseTuple(t1, "i ", &a), 0);
    CHECK_ERR(PyExc_SystemError, "bad format string: i ");
    /* A bad unit. */
    CHECK_INT(PyArg_ParseTuple(t1, "x", &a), 0);
    CHECK_ERR(PyExc_SystemError, "argument 1 (impossible<bad format char>)");
    /* Not a tuple. */
    CHECK_INT(PyArg_ParseTuple(Py_None, "i", &a), 0);
    CHECK_ERR(PyExc_SystemError, "new style getargs format but argument is not a tuple");
    Py_DECREF(t0);
    Py_DECREF(t1);
    Py_DECREF(t3);
}

/* ---- keywords ---- */

static void test_keywords(void) {
    static char *kwlist[] = {"obj", "count", "size", "flag", NULL};
    PyObject *o = NULL;
    int count = -1, flag = -1;
    Py_ssize_t size = -1;
    PyObject *a = S("kw-a");
    PyObject *t, *kw;

    /* "O|in$p:func": 1 required, 2 optional positional-or-keyword, 1 keyword-only. */
    t = targs(2, Py_NewRef(a), I(3));
    kw = kwargs("flag", Py_NewRef(Py_True), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p:func", kwlist, &o, &count, &size, &flag), 1);
    CHECK(o == a);
    CHECK_INT(count, 3);
    CHECK_INT(size, -1);
    CHECK_INT(flag, 1);
    Py_DECREF(kw);
    kw = kwargs("size", I(9), "obj", Py_NewRef(Py_None), NULL);
    Py_DECREF(t);
    t = PyTuple_New(0);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p:func", kwlist, &o, &count, &size, &flag), 1);
    CHECK(o == Py_None);
    CHECK_INT(size, 9);
    Py_DECREF(kw);
    /* NULL kwargs and an empty dict both mean none. */
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "|O", kwlist, &o), 1);
    Py_DECREF(t);

    /* Errors. */
    t = one(Py_NewRef(a));
    kw = kwargs("obj", I(1), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "argument for func() given by name ('obj') and position (1)");
    Py_DECREF(kw);
    kw = kwargs("bogus", I(1), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() got an unexpected keyword argument 'bogus'");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "this function got an unexpected keyword argument 'bogus'");
    Py_DECREF(kw);
    /* A near miss gets a suggestion (CPython 3.13). */
    kw = kwargs("coutn", I(1), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() got an unexpected keyword argument 'coutn'. Did you mean 'count'?");
    Py_DECREF(kw);
    kw = kwargs("Flag", I(1), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "this function got an unexpected keyword argument 'Flag'. Did you mean 'flag'?");
    Py_DECREF(kw);
    kw = kwargs("FLAG", I(1), NULL);        /* four case changes: too far */
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "this function got an unexpected keyword argument 'FLAG'");
    Py_DECREF(kw);
    kw = PyDict_New();
    PyDict_SetItem(kw, Py_None, Py_None);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "keywords must be strings");
    Py_DECREF(kw);
    kw = kwargs("count", S("x"), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|in$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    Py_DECREF(kw);
    kw = kwargs("size", PyFloat_FromDouble(1.0), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|iO!$p:func", kwlist, &o, &count, &PyLong_Type, &o,
                                          &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() argument 3 must be int, not float");
    Py_DECREF(kw);
    Py_DECREF(t);
    t = PyTuple_New(0);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "O|in$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() missing required argument 'obj' (pos 1)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "O|in$p", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "function missing required argument 'obj' (pos 1)");
    kw = kwargs("count", I(1), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "OO|n$p:func", kwlist, &o, &o, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() missing required argument 'obj' (pos 1)");
    Py_DECREF(kw);
    Py_DECREF(t);
    t = targs(4, I(1), I(2), I(3), I(4));
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "O|in$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() takes at most 3 positional arguments (4 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "Oin$p:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() takes exactly 3 positional arguments (4 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "$Oinp:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() takes no positional arguments");
    Py_DECREF(t);
    t = targs(5, I(1), I(2), I(3), I(4), I(5));
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "O|inp:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() takes at most 4 arguments (5 given)");
    Py_DECREF(t);
    t = PyTuple_New(0);
    kw = kwargs("obj", I(1), "count", I(2), "size", I(3), "flag", I(4), "x", I(5), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|inp:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() takes at most 4 keyword arguments (5 given)");
    Py_DECREF(kw);
    kw = kwargs("obj", I(1), "count", I(2), "size", I(3), "flag", I(4), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "O|inp:func", kwlist, &o, &count, &size, &flag), 1);
    CHECK_INT(flag, 1);
    Py_DECREF(kw);
    kw = kwargs("flag", I(0), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "|$Oinp:func", kwlist, &o, &count, &size, &flag), 1);
    CHECK_INT(flag, 0);
    /* A required keyword-only argument. */
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "$Oinp:func", kwlist, &o, &count, &size, &flag), 0);
    CHECK_ERR(PyExc_TypeError, "func() missing required argument 'obj' (pos 1)");
    Py_DECREF(kw);
    Py_DECREF(t);

    /* Positional-only parameters: empty names first in kwlist. */
    static char *posonly[] = {"", "", "c", NULL};
    int x = 0, y = 0, z = 0;
    t = targs(2, I(1), I(2));
    kw = kwargs("c", I(3), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "ii|i:po", posonly, &x, &y, &z), 1);
    CHECK_INT(x * 100 + y * 10 + z, 123);
    Py_DECREF(t);
    t = one(I(1));
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "ii|i:po", posonly, &x, &y, &z), 0);
    CHECK_ERR(PyExc_TypeError, "po() takes at least 2 positional arguments (1 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "iii:po", posonly, &x, &y, &z), 0);
    CHECK_ERR(PyExc_TypeError, "po() takes at least 2 positional arguments (1 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "ii$i:po", posonly, &x, &y, &z), 0);
    CHECK_ERR(PyExc_TypeError, "po() takes exactly 2 positional arguments (1 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "i|ii:po", posonly, &x, &y, &z), 1);
    Py_DECREF(kw);
    kw = kwargs("", I(3), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "i|ii:po", posonly, &x, &y, &z), 0);
    CHECK_ERR(PyExc_TypeError, "po() got an unexpected keyword argument ''");
    Py_DECREF(kw);
    Py_DECREF(t);

    /* Format and kwlist disagreements are SystemErrors. */
    static char *bad_empty[] = {"a", "", NULL};
    static char *two[] = {"a", "b", NULL};
    t = one(I(1));
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "ii", bad_empty, &x, &y), 0);
    CHECK_ERR(PyExc_SystemError, "Empty keyword parameter name");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "i", two, &x, &y), 0);
    CHECK_ERR(PyExc_SystemError, "More keyword list entries (2) than format specifiers (1)");
    /* The format is checked only as far as the arguments take the walk: once every required
       argument is there and no keyword is left, the rest is not looked at. */
    static char *three[] = {"a", "b", "c", NULL};
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "i|i|i", three, &x, &y, &z), 1);
    PyObject *kc = kwargs("c", I(1), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|i|i", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "Invalid format string (| specified twice)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i$i|i", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_TypeError, "function missing required argument 'b' (pos 2)");
    PyObject *kbc = kwargs("b", I(2), "c", I(3), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kbc, "i$i|i", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "Invalid format string ($ before |)");
    Py_DECREF(kbc);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "|i$i$i", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "Invalid format string ($ specified twice)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|iii", three, &x, &y, &z, &z), 0);
    CHECK_ERR(PyExc_SystemError, "more argument specifiers than keyword list entries (remaining format:'i')");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|xi", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "impossible<bad format char>: 'xi'");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|i)i", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "argument 3 (impossible<bad format char>)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|)ii", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "Unmatched right paren in format string: ')ii'");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|(ii", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "Unmatched left paren in format string: '(ii'");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|i", three, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "More keyword list entries (3) than format specifiers (2)");
    /* Skipped units still take their pointers: the keyword after them gets the right one. */
    z = 0;
    char *enc = NULL;
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|eti", three, &x, "ascii", &enc, &z), 1);
    CHECK_INT(z, 1);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|O&i", three, &x, conv_silent, NULL, &z), 1);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|(is#)i", three, &x, &y, &enc, &size, &z), 1);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kc, "i|O!i", three, &x, &PyLong_Type, &o, &z), 1);
    Py_DECREF(kc);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, NULL, "$ii", posonly, &x, &y, &z), 0);
    CHECK_ERR(PyExc_SystemError, "Empty parameter name after $");
    /* The arguments themselves are checked first. */
    CHECK_INT(PyArg_ParseTupleAndKeywords(Py_None, NULL, "i", two, &x), 0);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    PyObject *l = PyList_New(0);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, l, "i", two, &x), 0);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(l);
    Py_DECREF(t);

    /* Nested tuples count as one argument and take one name. */
    static char *nest[] = {"pair", "k", NULL};
    t = PyTuple_New(0);
    kw = kwargs("pair", targs(2, I(4), I(5)), "k", I(6), NULL);
    CHECK_INT(PyArg_ParseTupleAndKeywords(t, kw, "(ii)i", nest, &x, &y, &z), 1);
    CHECK_INT(x * 100 + y * 10 + z, 456);
    Py_DECREF(kw);
    Py_DECREF(t);
    Py_DECREF(a);
}

/* ---- va_list forms ---- */

static int va_parse(PyObject *args, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = PyArg_VaParse(args, fmt, ap);
    va_end(ap);
    return r;
}

static int va_parse_kw(PyObject *args, PyObject *kw, const char *fmt, char **kwlist, ...) {
    va_list ap;
    va_start(ap, kwlist);
    int r = PyArg_VaParseTupleAndKeywords(args, kw, fmt, kwlist, ap);
    va_end(ap);
    return r;
}

static void test_va(void) {
    int a = 0;
    double d = 0;
    const char *s = NULL;
    PyObject *t = targs(3, I(7), PyFloat_FromDouble(0.5), S("v"));
    CHECK_INT(va_parse(t, "ids", &a, &d, &s), 1);
    CHECK_INT(a, 7);
    CHECK(d == 0.5);
    CHECK_STR(s, "v");
    unsigned long k;
    CHECK_INT(va_parse(t, "ik:va", &a, &k), 0);
    CHECK_ERR(PyExc_TypeError, "va() takes exactly 2 arguments (3 given)");
    CHECK_INT(va_parse(t, "iks:va", &a, &k, &s), 0);
    CHECK_ERR(PyExc_TypeError, "va() argument 2 must be int, not float");
    static char *kwl[] = {"a", "d", "s", NULL};
    PyObject *kw = kwargs("s", S("w"), NULL);
    Py_DECREF(t);
    t = targs(2, I(8), PyFloat_FromDouble(1.5));
    CHECK_INT(va_parse_kw(t, kw, "id|s", kwl, &a, &d, &s), 1);
    CHECK_INT(a, 8);
    CHECK_STR(s, "w");
    CHECK_INT(va_parse_kw(t, kw, "id|i:vk", kwl, &a, &d, &a), 0);
    CHECK_ERR(PyExc_TypeError, "'str' object cannot be interpreted as an integer");
    CHECK_INT(va_parse_kw(Py_None, kw, "id|s", kwl, &a, &d, &s), 0);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(kw);
    Py_DECREF(t);
}

/* ---- PyArg_Parse: the old style, one object ---- */

static void test_parse(void) {
    int a = 0;
    PyObject *o = NULL;
    PyObject *five = I(5);
    CHECK_INT(PyArg_Parse(five, "i", &a), 1);
    CHECK_INT(a, 5);
    CHECK_INT(PyArg_Parse(five, "O", &o), 1);
    CHECK(o == five);
    CHECK_INT(PyArg_Parse(five, "s:pp", &o), 0);
    CHECK_ERR(PyExc_TypeError, "pp() argument must be str, not int");
    CHECK_INT(PyArg_Parse(five, "s", &o), 0);
    CHECK_ERR(PyExc_TypeError, "argument must be str, not int");
    CHECK_INT(PyArg_Parse(five, "", &o), 0);
    CHECK_ERR(PyExc_TypeError, "function takes no arguments");
    CHECK_INT(PyArg_Parse(five, ":nope"), 0);
    CHECK_ERR(PyExc_TypeError, "nope() takes no arguments");
    CHECK_INT(PyArg_Parse(five, "ii", &a, &a), 0);
    CHECK_ERR(PyExc_SystemError, "old style getargs format uses new features");
    CHECK_INT(PyArg_Parse(five, "|i", &a), 0);
    CHECK_ERR(PyExc_SystemError, "old style getargs format uses new features");
    /* A tuple is one object: "(ii)" unpacks it. */
    PyObject *t = targs(2, I(1), I(2));
    int b = 0;
    CHECK_INT(PyArg_Parse(t, "(ii)", &a, &b), 1);
    CHECK_INT(a * 10 + b, 12);
    CHECK_INT(PyArg_Parse(t, "(iii)", &a, &b, &b), 0);
    CHECK_ERR(PyExc_TypeError, "argument must be sequence of length 3, not 2");
    Py_DECREF(t);
    Py_DECREF(five);
}

/* ---- PyArg_UnpackTuple ---- */

static void test_unpack(void) {
    PyObject *a = NULL, *b = NULL, *c = NULL;
    PyObject *t = targs(2, I(1), I(2));
    CHECK_INT(PyArg_UnpackTuple(t, "un", 1, 3, &a, &b, &c), 1);
    CHECK(a == PyTuple_GET_ITEM(t, 0) && b == PyTuple_GET_ITEM(t, 1) && c == NULL);
    CHECK_INT(PyArg_UnpackTuple(t, "un", 3, 3, &a, &b, &c), 0);
    CHECK_ERR(PyExc_TypeError, "un expected 3 arguments, got 2");
    CHECK_INT(PyArg_UnpackTuple(t, "un", 3, 4, &a, &b, &c), 0);
    CHECK_ERR(PyExc_TypeError, "un expected at least 3 arguments, got 2");
    CHECK_INT(PyArg_UnpackTuple(t, "un", 0, 1, &a), 0);
    CHECK_ERR(PyExc_TypeError, "un expected at most 1 argument, got 2");
    CHECK_INT(PyArg_UnpackTuple(t, "un", 1, 1, &a), 0);
    CHECK_ERR(PyExc_TypeError, "un expected 1 argument, got 2");
    CHECK_INT(PyArg_UnpackTuple(t, NULL, 3, 3, &a, &b, &c), 0);
    CHECK_ERR(PyExc_TypeError, "unpacked tuple should have 3 elements, but has 2");
    CHECK_INT(PyArg_UnpackTuple(t, NULL, 0, 1, &a), 0);
    CHECK_ERR(PyExc_TypeError, "unpacked tuple should have at most 1 element, but has 2");
    CHECK_INT(PyArg_UnpackTuple(Py_None, "un", 0, 1, &a), 0);
    CHECK_ERR(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
    Py_DECREF(t);
    t = PyTuple_New(0);
    CHECK_INT(PyArg_UnpackTuple(t, "un", 0, 0), 1);
    Py_DECREF(t);
}

/* ---- keyword validation helpers ---- */

/* Exported by CPython 3.13 but declared only in its internal headers. */
int _PyArg_NoKeywords(const char *funcname, PyObject *kwargs);
int _PyArg_NoPositional(const char *funcname, PyObject *args);

static void test_kw_helpers(void) {
    PyObject *d = kwargs("a", I(1), NULL);
    CHECK_INT(PyArg_ValidateKeywordArguments(d), 1);
    PyDict_SetItem(d, Py_None, Py_None);
    CHECK_INT(PyArg_ValidateKeywordArguments(d), 0);
    CHECK_ERR(PyExc_TypeError, "keywords must be strings");
    Py_DECREF(d);
    PyObject *l = PyList_New(0);
    CHECK_INT(PyArg_ValidateKeywordArguments(l), 0);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");

    d = PyDict_New();
    CHECK_INT(_PyArg_NoKeywords("nk", NULL), 1);
    CHECK_INT(_PyArg_NoKeywords("nk", d), 1);
    PyDict_SetItemString(d, "x", Py_None);
    CHECK_INT(_PyArg_NoKeywords("nk", d), 0);
    CHECK_ERR(PyExc_TypeError, "nk() takes no keyword arguments");
    CHECK_INT(_PyArg_NoKeywords("nk", l), 0);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(d);
    PyObject *t = PyTuple_New(0);
    CHECK_INT(_PyArg_NoPositional("np", NULL), 1);
    CHECK_INT(_PyArg_NoPositional("np", t), 1);
    Py_DECREF(t);
    t = one(I(1));
    CHECK_INT(_PyArg_NoPositional("np", t), 0);
    CHECK_ERR(PyExc_TypeError, "np() takes no positional arguments");
    CHECK_INT(_PyArg_NoPositional("np", l), 0);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(t);
    Py_DECREF(l);
}

/* ---- the error texts with and without `:name` and `;message` ---- */

static void test_messages(void) {
    static char *kwl[] = {"x", "y", NULL};
    const char *s = NULL;
    int i = 0;
    PyObject *o = NULL;
    PyObject *t0 = PyTuple_New(0), *t1 = one(I(5)), *t3 = targs(3, I(1), I(2), I(3));
    PyObject *ky = kwargs("y", I(5), NULL), *kz = kwargs("z", I(5), NULL), *kx = kwargs("x", I(5), NULL);

    CHECK_INT(PyArg_ParseTuple(t1, "s", &s), 0);
    CHECK_ERR(PyExc_TypeError, "argument 1 must be str, not int");
    CHECK_INT(PyArg_ParseTuple(t1, "s:name", &s), 0);
    CHECK_ERR(PyExc_TypeError, "name() argument 1 must be str, not int");
    CHECK_INT(PyArg_ParseTuple(t1, "s;msg", &s), 0);
    CHECK_ERR(PyExc_TypeError, "msg");
    CHECK_INT(PyArg_ParseTuple(t1, "ii", &i, &i), 0);
    CHECK_ERR(PyExc_TypeError, "function takes exactly 2 arguments (1 given)");
    CHECK_INT(PyArg_ParseTuple(t1, "ii;m", &i, &i), 0);
    CHECK_ERR(PyExc_TypeError, "m");

    /* Keywords: a keyword argument's conversion error still names its position. */
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, ky, "O|s:f", kwl, &o, &s), 0);
    CHECK_ERR(PyExc_TypeError, "f() argument 2 must be str, not int");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, ky, "O|s", kwl, &o, &s), 0);
    CHECK_ERR(PyExc_TypeError, "argument 2 must be str, not int");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, ky, "O|s;m", kwl, &o, &s), 0);
    CHECK_ERR(PyExc_TypeError, "m");
    /* The arity and keyword errors ignore a `;message` (and say "function"). */
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, NULL, "Oi:f", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "f() missing required argument 'y' (pos 2)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, NULL, "Oi;m", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "function missing required argument 'y' (pos 2)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, kz, "Oi;m", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "function missing required argument 'y' (pos 2)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t0, NULL, "Oi:f", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "f() missing required argument 'x' (pos 1)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, kz, "O|i:f", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "f() got an unexpected keyword argument 'z'");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t3, NULL, "Oi:f", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "f() takes at most 2 arguments (3 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t3, NULL, "Oi;m", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "function takes at most 2 arguments (3 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t3, NULL, "O|$i:f", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "f() takes at most 2 arguments (3 given)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, kx, "O|i:f", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "argument for f() given by name ('x') and position (1)");
    CHECK_INT(PyArg_ParseTupleAndKeywords(t1, kx, "O|i;m", kwl, &o, &i), 0);
    CHECK_ERR(PyExc_TypeError, "argument for function given by name ('x') and position (1)");

    CHECK_INT(PyArg_UnpackTuple(t1, "up", 2, 2, &o, &o), 0);
    CHECK_ERR(PyExc_TypeError, "up expected 2 arguments, got 1");
    CHECK_INT(PyArg_UnpackTuple(t3, "up", 1, 2, &o, &o), 0);
    CHECK_ERR(PyExc_TypeError, "up expected at most 2 arguments, got 3");
    Py_DECREF(t0);
    Py_DECREF(t1);
    Py_DECREF(t3);
    Py_DECREF(ky);
    Py_DECREF(kz);
    Py_DECREF(kx);
}

int main(void) {
    Py_Initialize();
    test_integers();
    test_float_char_bool();
    test_strings();
    test_encoded();
    test_objects();
    test_nested();
    test_arity();
    test_keywords();
    test_va();
    test_parse();
    test_unpack();
    test_kw_helpers();
    test_messages();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
