/* str: construction and decoding, hashing, access, encoding, wide characters, the
   operations of the C API, the type's slots and interning, as measured on CPython 3.13.0.
   (PyUnicode_FromFormat is in test_unicode_format.c; per-interpreter interning in
   sub_unicode.c.) */
#include "unicode_util.h"

#define IMMORTAL(o) ((uint32_t)Py_REFCNT(o) == UINT32_MAX)

static void test_singletons(void) {
    PyObject *e1 = PyUnicode_FromString(""), *e2 = PyUnicode_FromStringAndSize(NULL, 0);
    CHECK(e1 == e2 && IMMORTAL(e1));
    CHECK(PyUnicode_DecodeUTF8(NULL, 0, NULL) == e1);
    PyObject *a1 = PyUnicode_FromStringAndSize("a", 1), *a2 = PyUnicode_FromString("a");
    CHECK(a1 == a2 && IMMORTAL(a1));
    CHECK(PyUnicode_FromOrdinal('a') == a1);
    PyObject *e9 = PyUnicode_FromString("\xc3\xa9");               /* U+00E9 */
    CHECK(e9 == PyUnicode_FromOrdinal(0xe9) && IMMORTAL(e9));
    CHECK(PyUnicode_FromString("\xc3\xbf") == PyUnicode_FromOrdinal(0xff));
    PyObject *nul = PyUnicode_FromStringAndSize("\0", 1);
    CHECK(nul == PyUnicode_FromOrdinal(0) && IMMORTAL(nul));
    PyObject *c100 = PyUnicode_FromOrdinal(0x100), *c100b = PyUnicode_FromOrdinal(0x100);
    CHECK(c100 != c100b && Py_REFCNT(c100) == 1);                  /* from U+0100 on: new */
    Py_DECREF(c100);
    Py_DECREF(c100b);
    CHECK_INT(PyUnicode_CHECK_INTERNED(e1), SSTATE_INTERNED_IMMORTAL_STATIC);
    CHECK_INT(PyUnicode_CHECK_INTERNED(a1), SSTATE_INTERNED_IMMORTAL_STATIC);
    CHECK_INT(PyUnicode_CHECK_INTERNED(e9), SSTATE_INTERNED_IMMORTAL_STATIC);
    PyObject *abc = PyUnicode_FromString("abc");
    CHECK(PyUnicode_Substring(abc, 1, 2) == PyUnicode_FromString("b"));
    CHECK(PyUnicode_Substring(abc, 2, 1) == e1);
    Py_DECREF(abc);
    CHECK(PyUnicode_IS_ASCII(a1) && !PyUnicode_IS_ASCII(e9) && PyUnicode_GET_LENGTH(e9) == 1);
}

/* With PYTHONHASHSEED=0 (set before Py_Initialize): CPython 3.13's values. */
static void test_hash_seed0(void) {
    static const struct { const char *s; Py_ssize_t n; Py_hash_t h; } cases[] = {
        { "", 0, 0 },
        { "a", 1, 4644417185603328019 },
        { "\xc3\xa9", 2, 6047309291227476195 },
        { "hello", 5, -2096571579003691106 },
        { "h\xc3\xa9llo", 6, 6395329678795984700 },
        { "\xe2\x82\xac uro", 7, -3923655949318862083 },
        { "\xf0\x9f\x98\x80!", 5, 8079344741099293211 },
        { "abc\0def", 7, -1819344686818622556 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PyObject *s = PyUnicode_FromStringAndSize(cases[i].s, cases[i].n);
        /* PyObject_Hash(s) calls this slot. */
        CHECK_INT(Py_TYPE(s)->tp_hash(s), cases[i].h);
        CHECK_INT(Py_TYPE(s)->tp_hash(s), cases[i].h);            /* cached */
        Py_DECREF(s);
    }
    PyObject *x = PyUnicode_FromString("x");
    PyObject *xs = Py_TYPE(x)->tp_as_sequence->sq_repeat(x, 100);
    CHECK_INT(((PyASCIIObject *)xs)->hash, -1);                    /* not computed yet */
    CHECK_INT(Py_TYPE(xs)->tp_hash(xs), 1359644457043326220);
    CHECK_INT(((PyASCIIObject *)xs)->hash, 1359644457043326220);   /* cached in the object */
    Py_DECREF(xs);
}

/* In a fresh process with PYTHONHASHSEED=12345: CPython 3.13's values, statics included. */
static void hash_seed12345_child(void *arg) {
    setenv("PYTHONHASHSEED", "12345", 1);
    Py_Initialize();
    static const struct { const char *s; Py_hash_t h; } cases[] = {
        { "a", -8961251314296359281 },
        { "\xc3\xa9", 6247654839523334371 },
        { "hello", -2697042529920407201 },
        { "h\xc3\xa9llo", -3405917470080430561 },
        { "\xe2\x82\xac uro", -7642763270097362831 },
        { "\xf0\x9f\x98\x80!", -5371401290189565042 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        PyObject *s = PyUnicode_FromString(cases[i].s);
        CHECK_INT(Py_TYPE(s)->tp_hash(s), cases[i].h);
        Py_DECREF(s);
    }
    Py_FinalizeEx();
    fflush(stderr);
    _exit(t_failed == 0 ? 0 : 1);
}

/* After re-initializing with PYTHONHASHSEED=12345: the secret is the process's, fixed by
   the first initialization (as CPython's), so the seed-0 values still hold, statics too. */
static void test_hash_after_reinit(void) {
    PyObject *a = PyUnicode_FromString("a"), *e = PyUnicode_FromString("\xc3\xa9");
    CHECK_INT(Py_TYPE(a)->tp_hash(a), 4644417185603328019);
    CHECK_INT(Py_TYPE(e)->tp_hash(e), 6047309291227476195);
    PyObject *h = PyUnicode_FromString("h\xc3\xa9llo");
    CHECK_INT(Py_TYPE(h)->tp_hash(h), 6395329678795984700);
    Py_DECREF(h);
}

static void test_decode(void) {
    CHECK_TEXT(PyUnicode_FromString("h\xc3\xa9llo \xf0\x9f\x98\x80"), "h\xc3\xa9llo \xf0\x9f\x98\x80");
    CHECK_TEXTN(PyUnicode_FromStringAndSize("a\0b", 3), "a\0b");
    CHECK_RAISES(PyUnicode_FromStringAndSize("ab", -1) == NULL, PyExc_SystemError,
                 "Negative size passed to PyUnicode_FromStringAndSize");
    CHECK_RAISES(PyUnicode_FromStringAndSize(NULL, 3) == NULL, PyExc_SystemError,
                 "NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize");
    CHECK_RAISES(PyUnicode_FromStringAndSize("\xe2\x82", 2) == NULL, PyExc_UnicodeDecodeError,
                 "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
    CHECK_RAISES(PyUnicode_FromString("\xe2\x82\xac\xff") == NULL, PyExc_UnicodeDecodeError,
                 "'utf-8' codec can't decode byte 0xff in position 3: invalid start byte");

    /* Each kind of invalid sequence, and the maximal-subpart rule. */
    static const struct { const char *s; Py_ssize_t n; const char *msg; } bad[] = {
        { "a\xff" "b", 3, "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte" },
        { "a\xed\xa0\x80" "b", 5, "'utf-8' codec can't decode byte 0xed in position 1: invalid continuation byte" },
        { "a\xe2\x82", 3, "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data" },
        { "a\xe2\x82" "b", 4, "'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte" },
        { "a\xf0\x9f\x98", 4, "'utf-8' codec can't decode bytes in position 1-3: unexpected end of data" },
        { "a\xf0\x9f\x98" "b", 5, "'utf-8' codec can't decode bytes in position 1-3: invalid continuation byte" },
        { "\xc0\xaf", 2, "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte" },
        { "\xf5\x80", 2, "'utf-8' codec can't decode byte 0xf5 in position 0: invalid start byte" },
        { "\xe0\x80\x80", 3, "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte" },
        { "\xf4\x90\x80\x80", 4, "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK_RAISES(PyUnicode_DecodeUTF8(bad[i].s, bad[i].n, NULL) == NULL, PyExc_UnicodeDecodeError, bad[i].msg);
        CHECK_RAISES(PyUnicode_DecodeUTF8(bad[i].s, bad[i].n, "strict") == NULL, PyExc_UnicodeDecodeError, bad[i].msg);
    }
    CHECK_TEXT(PyUnicode_DecodeUTF8("a\xff" "b", 3, "replace"), "a\xef\xbf\xbd" "b");
    CHECK_TEXT(PyUnicode_DecodeUTF8("a\xf0\x9f\x98" "b", 5, "replace"), "a\xef\xbf\xbd" "b");
    CHECK_TEXT(PyUnicode_DecodeUTF8("\xc0\xaf", 2, "replace"), "\xef\xbf\xbd\xef\xbf\xbd");
    CHECK_TEXT(PyUnicode_DecodeUTF8("a\xff" "b", 3, "ignore"), "ab");
    CHECK_TEXT(PyUnicode_DecodeUTF8("\xe2\x82\xac\xff\xfe\xe2\x82\xac", 8, "backslashreplace"),
               "\xe2\x82\xac\\xff\\xfe\xe2\x82\xac");
    CHECK_TEXT(PyUnicode_DecodeUTF8("\xe2\x82", 2, "backslashreplace"), "\\xe2\\x82");
    CHECK_RAISES(PyUnicode_DecodeUTF8("a\xff" "b", 3, "surrogatepass") == NULL, PyExc_UnicodeDecodeError,
                 "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
    CHECK_RAISES(PyUnicode_DecodeUTF8("a\xff" "b", 3, "bogus") == NULL, PyExc_LookupError,
                 "unknown error handler name 'bogus'");
    CHECK_RAISES(PyUnicode_DecodeUTF8("\xff", 1, "") == NULL, PyExc_LookupError, "unknown error handler name ''");
    CHECK_TEXT(PyUnicode_DecodeUTF8("ab", 2, "bogus"), "ab");      /* looked up only when needed */
    CHECK_RAISES(PyUnicode_DecodeUTF8("\xff", 1, "xmlcharrefreplace") == NULL, PyExc_TypeError,
                 "don't know how to handle UnicodeDecodeError in error callback");
    CHECK_RAISES(PyUnicode_DecodeUTF8("\xff", 1, "strict\xc3\xa9") == NULL, PyExc_LookupError,
                 "unknown error handler name 'strict\xc3\xa9'");
    CHECK_RAISES(PyUnicode_DecodeUTF8("ab", -1, NULL) == NULL, PyExc_SystemError,
                 "Negative size passed to PyUnicode_New");
#ifdef SUBINTERP
    /* Surrogates cannot be held in a UTF-8 str: these handlers act as "strict". CPython
       gives '\udcff' and '\ud800'. */
    CHECK_RAISES(PyUnicode_DecodeUTF8("a\xff", 2, "surrogateescape") == NULL, PyExc_UnicodeDecodeError,
                 "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
    CHECK_RAISES(PyUnicode_DecodeUTF8("\xed\xa0\x80", 3, "surrogatepass") == NULL, PyExc_UnicodeDecodeError,
                 "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
    CHECK_RAISES(PyUnicode_DecodeUTF8(NULL, 3, NULL) == NULL, PyExc_SystemError, NULL);   /* CPython crashes */
    CHECK_RAISES(PyUnicode_FromString(NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
#endif

    /* Stateful: an unfinished sequence at the end waits for more. */
    Py_ssize_t used = -1;
    CHECK_TEXT(PyUnicode_DecodeUTF8Stateful("a\xe2\x82", 3, NULL, &used), "a");
    CHECK_INT(used, 1);
    CHECK_TEXT(PyUnicode_DecodeUTF8Stateful("a\xe2\x82\xac", 4, NULL, &used), "a\xe2\x82\xac");
    CHECK_INT(used, 4);
    CHECK_RAISES(PyUnicode_DecodeUTF8Stateful("a\xff\xe2", 3, NULL, &used) == NULL, PyExc_UnicodeDecodeError,
                 "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");

    CHECK_RAISES(PyUnicode_DecodeASCII("a\xe9\xe9" "b", 4, NULL) == NULL, PyExc_UnicodeDecodeError,
                 "'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)");
    CHECK_TEXT(PyUnicode_DecodeASCII("a\xe9\xe9" "b", 4, "replace"), "a\xef\xbf\xbd\xef\xbf\xbd" "b");
    CHECK_TEXT(PyUnicode_DecodeASCII("a\xe9" "b", 3, "ignore"), "ab");
    CHECK_TEXT(PyUnicode_DecodeASCII("a\xe9" "b", 3, "backslashreplace"), "a\\xe9b");
    CHECK_RAISES(PyUnicode_DecodeASCII("a\xe9" "b", 3, "bogus") == NULL, PyExc_LookupError,
                 "unknown error handler name 'bogus'");
    CHECK_RAISES(PyUnicode_DecodeASCII("ab", -1, NULL) == NULL, PyExc_SystemError,
                 "Negative size passed to PyUnicode_New");
    CHECK(PyUnicode_DecodeASCII(NULL, 0, NULL) == PyUnicode_FromString(""));
    CHECK_TEXT(PyUnicode_DecodeLatin1("a\xe9\xff" "b", 4, NULL), "a\xc3\xa9\xc3\xbf" "b");
    PyObject *l = PyUnicode_DecodeLatin1("abc", 3, NULL);
    CHECK(l != NULL && PyUnicode_IS_ASCII(l));
    Py_XDECREF(l);
    CHECK_RAISES(PyUnicode_DecodeLatin1("ab", -1, NULL) == NULL, PyExc_SystemError,
                 "Negative size passed to PyUnicode_New");
    CHECK(PyUnicode_DecodeLatin1("\xe9", 1, NULL) == PyUnicode_FromOrdinal(0xe9));
}

static void test_access(void) {
    PyObject *i5 = PyLong_FromLong(5);
    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo w\xf0\x9f\x98\x80rld");   /* héllo w😀rld */
    CHECK_INT(PyUnicode_GetLength(s), 11);
    CHECK_INT(PyUnicode_GET_LENGTH(s), 11);
    CHECK(!PyUnicode_IS_ASCII(s) && PyUnicode_IS_COMPACT(s));
    CHECK_INT(PyUnicode_ReadChar(s, 0), 'h');
    CHECK_INT(PyUnicode_ReadChar(s, 1), 0xe9);
    CHECK_INT(PyUnicode_ReadChar(s, 7), 0x1F600);
    CHECK_INT(PyUnicode_ReadChar(s, 10), 'd');
    CHECK_INT(PyUnicode_READ_CHAR(s, 7), 0x1F600);
    CHECK_RAISES(PyUnicode_ReadChar(s, 11) == (Py_UCS4)-1, PyExc_IndexError, "string index out of range");
    CHECK_RAISES(PyUnicode_ReadChar(s, -1) == (Py_UCS4)-1, PyExc_IndexError, "string index out of range");
    CHECK_RAISES(PyUnicode_ReadChar(i5, 0) == (Py_UCS4)-1, PyExc_TypeError,
                 "bad argument type for built-in operation");
    PyObject *ascii = PyUnicode_FromString("plain");
    CHECK(PyUnicode_IS_ASCII(ascii));
    CHECK_INT(PyUnicode_READ_CHAR(ascii, 4), 'n');
    CHECK_STR((const char *)(((PyASCIIObject *)ascii) + 1), "plain");   /* CPython's compact ASCII layout */
    Py_DECREF(ascii);

    Py_ssize_t n = 0;
    CHECK_STR(PyUnicode_AsUTF8AndSize(s, &n), "h\xc3\xa9llo w\xf0\x9f\x98\x80rld");
    CHECK_INT(n, 15);
    n = 9;
    CHECK_RAISES(PyUnicode_AsUTF8AndSize(i5, &n) == NULL, PyExc_TypeError, "bad argument type for built-in operation");
    CHECK_INT(n, -1);                                              /* 3.13 sets it on error */
    CHECK_RAISES(PyUnicode_AsUTF8(i5) == NULL, PyExc_TypeError, "bad argument type for built-in operation");
    CHECK_RAISES(PyUnicode_GetLength(i5) == -1, PyExc_TypeError, "bad argument type for built-in operation");
    PyObject *z = STR("a\0b");
    n = 0;
    CHECK(PyUnicode_AsUTF8AndSize(z, &n) != NULL && n == 3);
    CHECK(PyUnicode_AsUTF8(z) != NULL && !PyErr_Occurred());      /* no embedded-NUL check in 3.13.0 */
    Py_DECREF(z);

    PyObject *b = PyUnicode_AsUTF8String(s);
    CHECK(b != NULL && PyBytes_GET_SIZE(b) == 15 && memcmp(PyBytes_AS_STRING(b), "h\xc3\xa9llo", 6) == 0);
    Py_XDECREF(b);
    CHECK_RAISES(PyUnicode_AsUTF8String(i5) == NULL, PyExc_TypeError, "bad argument type for built-in operation");
    b = PyUnicode_AsASCIIString(PyUnicode_FromString("abc"));
    CHECK(b != NULL && PyBytes_GET_SIZE(b) == 3 && strcmp(PyBytes_AS_STRING(b), "abc") == 0);
    Py_XDECREF(b);
    CHECK_RAISES(PyUnicode_AsASCIIString(STR("a\xc3\xa9\xc3\xa9" "b")) == NULL, PyExc_UnicodeEncodeError,
                 "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)");
    CHECK_RAISES(PyUnicode_AsASCIIString(STR("a\xc3\xa9" "b\xc3\xa9")) == NULL, PyExc_UnicodeEncodeError,
                 "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)");
    CHECK_RAISES(PyUnicode_AsASCIIString(STR("a\xc2\x80" "b")) == NULL, PyExc_UnicodeEncodeError,
                 "'ascii' codec can't encode character '\\x80' in position 1: ordinal not in range(128)");
    CHECK_RAISES(PyUnicode_AsASCIIString(STR("a\xf0\x9f\x98\x80" "b")) == NULL, PyExc_UnicodeEncodeError,
                 "'ascii' codec can't encode character '\\U0001f600' in position 1: ordinal not in range(128)");
    CHECK_RAISES(PyUnicode_AsASCIIString(i5) == NULL, PyExc_TypeError, "bad argument type for built-in operation");
    b = PyUnicode_AsLatin1String(STR("a\xc3\xa9" "b"));
    CHECK(b != NULL && PyBytes_GET_SIZE(b) == 3 && memcmp(PyBytes_AS_STRING(b), "a\xe9" "b", 3) == 0);
    Py_XDECREF(b);
    CHECK_RAISES(PyUnicode_AsLatin1String(STR("a\xc3\xa9\xe2\x82\xac" "b")) == NULL, PyExc_UnicodeEncodeError,
                 "'latin-1' codec can't encode character '\\u20ac' in position 2: ordinal not in range(256)");
    CHECK_RAISES(PyUnicode_AsLatin1String(STR("a\xe2\x82\xac\xe2\x82\xac" "b")) == NULL, PyExc_UnicodeEncodeError,
                 "'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)");
    CHECK_RAISES(PyUnicode_AsLatin1String(i5) == NULL, PyExc_TypeError, "bad argument type for built-in operation");
#ifdef SUBINTERP
    /* CPython crashes on these. */
    CHECK_RAISES(PyUnicode_AsUTF8(NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
    CHECK_RAISES(PyUnicode_GetLength(NULL) == -1, PyExc_SystemError, "bad argument to internal function");
    CHECK_RAISES(PyUnicode_AsUTF8String(NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
    CHECK_RAISES(PyUnicode_AsASCIIString(NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
    CHECK_RAISES(PyUnicode_ReadChar(NULL, 0) == (Py_UCS4)-1, PyExc_SystemError, NULL);
#endif

    PyObject *same = PyUnicode_FromObject(s);
    CHECK(same == s && Py_REFCNT(s) == 2);
    Py_XDECREF(same);
    CHECK_RAISES(PyUnicode_FromObject(i5) == NULL, PyExc_TypeError, "Can't convert 'int' object to str implicitly");

    CHECK_TEXT(PyUnicode_FromOrdinal(0x1F600), "\xf0\x9f\x98\x80");
    CHECK_RAISES(PyUnicode_FromOrdinal(0x110000) == NULL, PyExc_ValueError, "chr() arg not in range(0x110000)");
    CHECK_RAISES(PyUnicode_FromOrdinal(-1) == NULL, PyExc_ValueError, "chr() arg not in range(0x110000)");
#ifdef SUBINTERP
    CHECK_RAISES(PyUnicode_FromOrdinal(0xD800) == NULL, PyExc_ValueError, NULL);   /* CPython: '\ud800' */
#endif
    Py_DECREF(s);
    Py_DECREF(i5);
}

static void test_wide(void) {
    PyObject *i5 = PyLong_FromLong(5);
    CHECK_TEXT(PyUnicode_FromWideChar(L"w\u00e9\U0001F600", -1), "w\xc3\xa9\xf0\x9f\x98\x80");
    CHECK(PyUnicode_FromWideChar(L"ab", 1) == PyUnicode_FromString("a"));
    CHECK(PyUnicode_FromWideChar(NULL, 0) == PyUnicode_FromString(""));
    CHECK_RAISES(PyUnicode_FromWideChar(NULL, 3) == NULL, PyExc_SystemError, NULL);
    CHECK_RAISES(PyUnicode_FromWideChar(L"ab", -2) == NULL, PyExc_SystemError, "Negative size passed to PyUnicode_New");
    static const wchar_t bad[] = { 0x110000, 0 };
    CHECK_RAISES(PyUnicode_FromWideChar(bad, 1) == NULL, PyExc_ValueError,
                 "character U+110000 is not in range [U+0000; U+10ffff]");
#ifdef SUBINTERP
    static const wchar_t sur[] = { 'a', 0xD800, 0 };
    CHECK_RAISES(PyUnicode_FromWideChar(sur, 2) == NULL, PyExc_ValueError, NULL);   /* CPython stores it */
#endif

    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo w\xf0\x9f\x98\x80rld");
    wchar_t buf[20];
    wmemset(buf, 'A', 20);
    CHECK_INT(PyUnicode_AsWideChar(s, buf, 20), 11);
    CHECK(buf[1] == 0xe9 && buf[7] == 0x1F600 && buf[10] == 'd' && buf[11] == 0 && buf[12] == 'A');
    wmemset(buf, 'A', 20);
    CHECK_INT(PyUnicode_AsWideChar(s, buf, 10), 10);               /* no room for the NUL */
    CHECK(buf[9] == 'l' && buf[10] == 'A');
    wmemset(buf, 'A', 20);
    CHECK_INT(PyUnicode_AsWideChar(s, buf, 11), 11);
    CHECK(buf[11] == 'A');
    CHECK_INT(PyUnicode_AsWideChar(s, NULL, 0), 12);               /* the size needed */
    CHECK_INT(PyUnicode_AsWideChar(s, buf, 0), 0);
    CHECK_RAISES(PyUnicode_AsWideChar(i5, NULL, 0) == -1, PyExc_TypeError, "bad argument type for built-in operation");
    CHECK_RAISES(PyUnicode_AsWideChar(NULL, NULL, 0) == -1, PyExc_SystemError, NULL);

    Py_ssize_t n = -7;
    wchar_t *w = PyUnicode_AsWideCharString(s, &n);
    CHECK(w != NULL && n == 11 && w[7] == 0x1F600 && w[11] == 0);
    PyMem_Free(w);
    PyObject *z = STR("a\0b");
    w = PyUnicode_AsWideCharString(z, &n);
    CHECK(w != NULL && n == 3 && w[1] == 0 && w[2] == 'b');
    PyMem_Free(w);
    CHECK_RAISES(PyUnicode_AsWideCharString(z, NULL) == NULL, PyExc_ValueError, "embedded null character");
    CHECK_RAISES(PyUnicode_AsWideCharString(i5, NULL) == NULL, PyExc_TypeError,
                 "bad argument type for built-in operation");
    CHECK_RAISES(PyUnicode_AsWideCharString(NULL, NULL) == NULL, PyExc_SystemError, NULL);
    Py_DECREF(z);
    Py_DECREF(s);
    Py_DECREF(i5);
}

static void test_concat_join(void) {
    PyObject *i5 = PyLong_FromLong(5);
    PyObject *ab = PyUnicode_FromString("ab"), *e = PyUnicode_FromString("");
    CHECK_TEXT(PyUnicode_Concat(ab, PyUnicode_FromString("\xc3\xa9")), "ab\xc3\xa9");
    PyObject *r = PyUnicode_Concat(ab, e);
    CHECK(r == ab && Py_REFCNT(ab) == 2);                          /* the other operand itself */
    Py_DECREF(r);
    r = PyUnicode_Concat(e, ab);
    CHECK(r == ab);
    Py_DECREF(r);
    CHECK_RAISES(PyUnicode_Concat(ab, i5) == NULL, PyExc_TypeError, "can only concatenate str (not \"int\") to str");
    CHECK_RAISES(PyUnicode_Concat(i5, ab) == NULL, PyExc_TypeError, "must be str, not int");
    PyObject *acc = PyUnicode_FromString("x");
    PyUnicode_Append(&acc, ab);
    CHECK(acc != NULL && PyUnicode_CompareWithASCIIString(acc, "xab") == 0);
    PyUnicode_AppendAndDel(&acc, PyUnicode_FromString("!"));
    CHECK(acc != NULL && PyUnicode_CompareWithASCIIString(acc, "xab!") == 0);
    PyUnicode_Append(&acc, i5);
    CHECK_RAISES(acc == NULL, PyExc_SystemError, NULL);           /* CPython's text names its source line */
    PyUnicode_Append(&acc, ab);                                    /* NULL stays NULL */
    CHECK_RAISES(acc == NULL, PyExc_SystemError, NULL);
#ifdef SUBINTERP
    CHECK_RAISES(PyUnicode_Concat(NULL, ab) == NULL, PyExc_SystemError, "bad argument to internal function");
#endif

    PyObject *dash = PyUnicode_FromString("-");
    PyObject *t = PyTuple_Pack(3, PyUnicode_FromString("a"), ab, PyUnicode_FromString("\xc3\xa9"));
    CHECK_TEXT(PyUnicode_Join(dash, t), "a-ab-\xc3\xa9");
    CHECK_TEXT(PyUnicode_Join(NULL, t), "a ab \xc3\xa9");         /* NULL: a space */
    CHECK_TEXT(PyUnicode_Join(e, t), "aab\xc3\xa9");
    Py_DECREF(t);
    t = PyTuple_Pack(3, ab, i5, ab);
    CHECK_RAISES(PyUnicode_Join(dash, t) == NULL, PyExc_TypeError, "sequence item 1: expected str instance, int found");
    Py_DECREF(t);
    t = PyTuple_Pack(2, ab, PyTuple_New(0));
    CHECK_RAISES(PyUnicode_Join(dash, t) == NULL, PyExc_TypeError,
                 "sequence item 1: expected str instance, tuple found");
    CHECK_RAISES(PyUnicode_Join(i5, t) == NULL, PyExc_TypeError, "separator: expected str instance, int found");
    Py_DECREF(t);
    CHECK_RAISES(PyUnicode_Join(dash, i5) == NULL, PyExc_TypeError, "can only join an iterable");
    CHECK_TEXT(PyUnicode_Join(dash, PyUnicode_FromString("a\xc3\xa9" "c")), "a-\xc3\xa9-c");   /* any iterable */
    CHECK(PyUnicode_Join(dash, PyTuple_New(0)) == e);
    CHECK(PyUnicode_Join(i5, PyTuple_New(0)) == e);                /* separator unchecked */
    t = PyTuple_Pack(1, ab);
    r = PyUnicode_Join(dash, t);
    CHECK(r == ab);                                                /* one item: itself */
    Py_XDECREF(r);
    Py_DECREF(t);
    CHECK_RAISES(PyUnicode_Join(dash, NULL) == NULL, PyExc_SystemError, "null argument to internal routine");
    Py_DECREF(dash);
    Py_DECREF(ab);
    Py_DECREF(i5);
}

/* The list a split returned, as "a|b|c" (the list is dropped). */
static int split_is(PyObject *list, const char *want, int line) {
    if (list == NULL) {
        PyErr_Clear();
        fprintf(stderr, "  line %d: split failed, expected %s\n", line, want);
        return 0;
    }
    char buf[256] = "";
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        if (i > 0) strcat(buf, "|");
        strncat(buf, PyUnicode_AsUTF8(PyList_GET_ITEM(list, i)), sizeof buf - strlen(buf) - 1);
    }
    int ok = strcmp(buf, want) == 0;
    if (!ok) fprintf(stderr, "  line %d: split gave %s, expected %s\n", line, buf, want);
    Py_DECREF(list);
    return ok;
}
#define CHECK_SPLIT(list, want) CHECK(split_is((list), (want), __LINE__))

static void test_split(void) {
    PyObject *i5 = PyLong_FromLong(5);
    PyObject *ws = PyUnicode_FromString("  a b\t\nc  ");
    CHECK_SPLIT(PyUnicode_Split(ws, NULL, -1), "a|b|c");
    CHECK_SPLIT(PyUnicode_Split(ws, NULL, 1), "a|b\t\nc  ");
    CHECK_SPLIT(PyUnicode_Split(ws, NULL, 0), "a b\t\nc  ");
    CHECK_SPLIT(PyUnicode_Split(ws, NULL, 5), "a|b|c");
    Py_DECREF(ws);
    /* U+00A0, U+2003, U+001C and U+3000 are whitespace; U+200B is not. */
    CHECK_SPLIT(PyUnicode_Split(STR("a\xc2\xa0" "b\xe2\x80\x83" "c\x1c" "d\xe3\x80\x80" "e\xe2\x80\x8b" "f"), NULL, -1),
                "a|b|c|d|e\xe2\x80\x8b" "f");
    PyObject *csv = PyUnicode_FromString("a,b,,c"), *comma = PyUnicode_FromString(",");
    CHECK_SPLIT(PyUnicode_Split(csv, comma, -1), "a|b||c");
    CHECK_SPLIT(PyUnicode_Split(csv, comma, 2), "a|b|,c");
    CHECK_SPLIT(PyUnicode_Split(csv, comma, 0), "a,b,,c");
    CHECK_RAISES(PyUnicode_Split(csv, PyUnicode_FromString(""), -1) == NULL, PyExc_ValueError, "empty separator");
    CHECK_RAISES(PyUnicode_Split(csv, i5, -1) == NULL, PyExc_TypeError, "must be str, not int");
    CHECK_RAISES(PyUnicode_Split(i5, comma, -1) == NULL, PyExc_TypeError, "must be str, not int");
    PyObject *l = PyUnicode_Split(PyUnicode_FromString(""), NULL, -1);
    CHECK(l != NULL && PyList_GET_SIZE(l) == 0);
    Py_XDECREF(l);
    CHECK_SPLIT(PyUnicode_Split(PyUnicode_FromString(""), comma, -1), "");
    CHECK_SPLIT(PyUnicode_Split(PyUnicode_FromString("a,"), comma, -1), "a|");
    l = PyUnicode_Split(PyUnicode_FromString(" "), NULL, 0);
    CHECK(l != NULL && PyList_GET_SIZE(l) == 0);
    Py_XDECREF(l);
    l = PyUnicode_Split(csv, PyUnicode_FromString(";"), -1);
    CHECK(l != NULL && PyList_GET_SIZE(l) == 1 && PyList_GET_ITEM(l, 0) == csv);   /* the string itself */
    CHECK_INT(Py_REFCNT(csv), 2);
    Py_XDECREF(l);
    CHECK_INT(Py_REFCNT(csv), 1);
    PyObject *word = PyUnicode_FromString("word");
    l = PyUnicode_Split(word, NULL, -1);
    CHECK(l != NULL && PyList_GET_SIZE(l) == 1 && PyList_GET_ITEM(l, 0) == word);
    Py_XDECREF(l);
    Py_DECREF(word);
    CHECK_SPLIT(PyUnicode_Split(STR("a\xc3\xa9" "b\xc3\xa9" "c"), STR("\xc3\xa9"), -1), "a|b|c");
    Py_DECREF(csv);
    Py_DECREF(comma);
    Py_DECREF(i5);
}

static void test_search(void) {
    PyObject *i5 = PyLong_FromLong(5);
    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo w\xf0\x9f\x98\x80rld");   /* héllo w😀rld */
    PyObject *o = PyUnicode_FromString("o"), *e = PyUnicode_FromString("");
    CHECK_INT(PyUnicode_Contains(s, PyUnicode_FromString("llo")), 1);
    CHECK_INT(PyUnicode_Contains(s, PyUnicode_FromString("xyz")), 0);
    CHECK_INT(PyUnicode_Contains(s, e), 1);
    CHECK_INT(PyUnicode_Contains(s, PyUnicode_FromString("w\xf0\x9f\x98\x80")), 1);
    CHECK_RAISES(PyUnicode_Contains(s, i5) == -1, PyExc_TypeError,
                 "'in <string>' requires string as left operand, not int");
    CHECK_RAISES(PyUnicode_Contains(i5, o) == -1, PyExc_TypeError, "must be str, not int");

    CHECK_INT(PyUnicode_Find(s, o, 0, 100, 1), 4);
    CHECK_INT(PyUnicode_Find(s, o, 0, 100, -1), 4);
    CHECK_INT(PyUnicode_Find(s, o, 5, 100, 1), -1);
    CHECK_INT(PyUnicode_Find(s, o, -5, 100, 1), -1);               /* slice semantics */
    CHECK_INT(PyUnicode_Find(s, o, 0, -5, -1), 4);
    CHECK_INT(PyUnicode_Find(s, PyUnicode_FromString("\xf0\x9f\x98\x80"), 0, 100, 1), 7);
    CHECK_INT(PyUnicode_Find(s, PyUnicode_FromString("r"), 0, 100, 1), 8);
    CHECK_INT(PyUnicode_Find(s, e, 3, 2, 1), -1);
    CHECK_INT(PyUnicode_Find(s, e, 12, 30, 1), -1);
    CHECK_INT(PyUnicode_Find(s, e, 3, 30, -1), 11);
    CHECK_INT(PyUnicode_Find(s, e, 3, 30, 1), 3);
    PyObject *abc2 = PyUnicode_FromString("abcabc"), *bc = PyUnicode_FromString("bc");
    CHECK_INT(PyUnicode_Find(abc2, bc, -100, -1, -1), 1);
    CHECK_INT(PyUnicode_Find(abc2, bc, 2, 100, 1), 4);
    CHECK_INT(PyUnicode_Find(abc2, abc2, 0, 5, 1), -1);
    CHECK_RAISES(PyUnicode_Find(s, i5, 0, 100, 1) == -2, PyExc_TypeError, "must be str, not int");
    CHECK_RAISES(PyUnicode_Find(i5, o, 0, 100, 1) == -2, PyExc_TypeError, "must be str, not int");

    CHECK_INT(PyUnicode_FindChar(s, 'o', 0, 100, 1), 4);
    CHECK_INT(PyUnicode_FindChar(s, 'o', 0, 100, -1), 4);
    CHECK_INT(PyUnicode_FindChar(s, 0x1F600, 0, 100, 1), 7);
    CHECK_INT(PyUnicode_FindChar(s, 'o', -3, 100, 1), -1);
    CHECK_INT(PyUnicode_FindChar(s, 'o', 5, 2, 1), -1);
    CHECK_INT(PyUnicode_FindChar(s, 'z', 0, 100, 1), -1);
    CHECK_INT(PyUnicode_FindChar(abc2, 'b', 2, 100, -1), 4);
    CHECK_INT(PyUnicode_FindChar(abc2, 0x110000, 0, 100, 1), -1);
#ifdef SUBINTERP
    CHECK_RAISES(PyUnicode_FindChar(i5, 'z', 0, 100, 1) == -2, PyExc_TypeError,   /* CPython reads garbage */
                 "bad argument type for built-in operation");
#endif

    PyObject *aaaa = PyUnicode_FromString("aaaa"), *a = PyUnicode_FromString("a");
    CHECK_INT(PyUnicode_Count(aaaa, PyUnicode_FromString("aa"), 0, 100), 2);
    CHECK_INT(PyUnicode_Count(aaaa, e, 0, 100), 5);
    CHECK_INT(PyUnicode_Count(aaaa, e, 1, 2), 2);
    CHECK_INT(PyUnicode_Count(aaaa, a, -2, 100), 2);
    CHECK_INT(PyUnicode_Count(abc2, bc, 5, 1), 0);
    CHECK_INT(PyUnicode_Count(abc2, e, 6, 10), 1);
    CHECK_INT(PyUnicode_Count(abc2, e, 7, 10), 0);
    CHECK_INT(PyUnicode_Count(STR("h\xc3\xa9h\xc3\xa9h"), PyUnicode_FromString("h"), 1, 5), 2);
    CHECK_RAISES(PyUnicode_Count(aaaa, i5, 0, 100) == -1, PyExc_TypeError, "must be str, not int");
    CHECK_RAISES(PyUnicode_Count(i5, a, 0, 100) == -1, PyExc_TypeError, "must be str, not int");

    PyObject *dash = PyUnicode_FromString("-"), *abc = PyUnicode_FromString("abc");
    CHECK_TEXT(PyUnicode_Replace(aaaa, a, PyUnicode_FromString("\xc3\xa9"), -1), "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
    CHECK_TEXT(PyUnicode_Replace(aaaa, a, PyUnicode_FromString("b"), 2), "bbaa");
    CHECK_TEXT(PyUnicode_Replace(abc, e, dash, -1), "-a-b-c-");
    CHECK_TEXT(PyUnicode_Replace(abc, e, dash, 2), "-a-bc");
    CHECK_TEXT(PyUnicode_Replace(STR("\xc3\xa9\xc3\xa9"), e, dash, -1), "-\xc3\xa9-\xc3\xa9-");
    CHECK_TEXT(PyUnicode_Replace(e, e, dash, -1), "-");
    CHECK_TEXT(PyUnicode_Replace(s, PyUnicode_FromString("\xf0\x9f\x98\x80"), o, -1), "h\xc3\xa9llo world");
    PyObject *r = PyUnicode_Replace(s, PyUnicode_FromString("\xc3\xa9"), PyUnicode_FromString("e"), -1);
    r = PyUnicode_Replace(r, PyUnicode_FromString("\xf0\x9f\x98\x80"), o, -1);
    CHECK(r != NULL && PyUnicode_IS_ASCII(r));                     /* an ASCII result is laid out as one */
    CHECK_TEXT(r, "hello world");
    r = PyUnicode_Replace(abc, PyUnicode_FromString("x"), dash, -1);
    CHECK(r == abc && Py_REFCNT(abc) == 2);                        /* nothing to replace: itself */
    Py_XDECREF(r);
    r = PyUnicode_Replace(abc, PyUnicode_FromString("b"), dash, 0);
    CHECK(r == abc);
    Py_XDECREF(r);
    CHECK_RAISES(PyUnicode_Replace(abc, i5, dash, -1) == NULL, PyExc_TypeError, "must be str, not int");
    CHECK_RAISES(PyUnicode_Replace(abc, a, i5, -1) == NULL, PyExc_TypeError, "must be str, not int");
    CHECK_RAISES(PyUnicode_Replace(i5, a, dash, -1) == NULL, PyExc_TypeError, "must be str, not int");
    Py_DECREF(abc);
    Py_DECREF(dash);
    Py_DECREF(aaaa);
    Py_DECREF(abc2);
    Py_DECREF(bc);
    Py_DECREF(s);
    Py_DECREF(o);
    Py_DECREF(i5);
}

static void test_substring(void) {
    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo w\xf0\x9f\x98\x80rld");
    CHECK_TEXT(PyUnicode_Substring(s, 1, 8), "\xc3\xa9llo w\xf0\x9f\x98\x80");
    CHECK_TEXT(PyUnicode_Substring(s, 5, 100), " w\xf0\x9f\x98\x80rld");
    CHECK(PyUnicode_Substring(s, 100, 200) == PyUnicode_FromString(""));
    CHECK(PyUnicode_Substring(s, 5, 2) == PyUnicode_FromString(""));
    PyObject *all = PyUnicode_Substring(s, 0, 100);
    CHECK(all == s && Py_REFCNT(s) == 2);
    Py_XDECREF(all);
    CHECK_TEXT(PyUnicode_Substring(s, 7, 8), "\xf0\x9f\x98\x80");
    CHECK(PyUnicode_Substring(s, 1, 2) == PyUnicode_FromOrdinal(0xe9));
    CHECK_RAISES(PyUnicode_Substring(s, -1, 2) == NULL, PyExc_IndexError, "string index out of range");
    CHECK_RAISES(PyUnicode_Substring(s, 0, -2) == NULL, PyExc_IndexError, "string index out of range");
    Py_DECREF(s);

    /* A long non-ASCII string: code point positions far from the start. */
    PyObject *unit = PyUnicode_FromString("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x");   /* é€😀x */
    PyObject *big = Py_TYPE(unit)->tp_as_sequence->sq_repeat(unit, 5000);
    CHECK_INT(PyUnicode_GetLength(big), 20000);
    int ok = 1;
    static const Py_UCS4 pattern[4] = { 0xe9, 0x20ac, 0x1F600, 'x' };
    for (Py_ssize_t i = 0; i < 20000; i += 997) {
        ok &= PyUnicode_ReadChar(big, i) == pattern[i % 4];
        ok &= PyUnicode_READ_CHAR(big, 19999 - i) == pattern[(19999 - i) % 4];
    }
    CHECK(ok);
    CHECK_TEXT(PyUnicode_Substring(big, 12345, 12349), "\xe2\x82\xac\xf0\x9f\x98\x80x\xc3\xa9");
    PyObject *x = PyUnicode_FromString("x\xc3\xa9");
    CHECK_INT(PyUnicode_Find(big, x, 15000, 20000, 1), 15003);
    CHECK_INT(PyUnicode_Find(big, x, 0, 15000, -1), 14995);
    CHECK_INT(PyUnicode_FindChar(big, 0x20ac, 19000, 20000, 1), 19001);
    CHECK_INT(PyUnicode_Count(big, x, 10000, 20000), 2499);
    Py_DECREF(x);
    Py_DECREF(big);
    Py_DECREF(unit);
}

static void test_compare(void) {
    PyObject *i5 = PyLong_FromLong(5);
    PyObject *a = PyUnicode_FromString("a"), *b = PyUnicode_FromString("b");
    CHECK_INT(PyUnicode_Compare(a, b), -1);
    CHECK_INT(PyUnicode_Compare(b, a), 1);
    CHECK_INT(PyUnicode_Compare(a, PyUnicode_FromString("a")), 0);
    CHECK_INT(PyUnicode_Compare(STR("\xef\xbf\xbf"), STR("\xf0\x9f\x98\x80")), -1);   /* U+FFFF < U+1F600 */
    CHECK_RAISES(PyUnicode_Compare(a, i5) == -1, PyExc_TypeError, "Can't compare str and int");
    CHECK_RAISES(PyUnicode_Compare(i5, a) == -1, PyExc_TypeError, "Can't compare int and str");
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("abc"), "abd"), -1);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("abc"), "ab"), 1);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("ab"), "abc"), -1);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("abc"), "abc"), 0);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("\xc3\xa9"), "z"), 1);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("a\0b"), "a"), 1);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("a\0"), "a"), 1);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("a\xc3\xa9"), "a\xc3"), 1);
    CHECK_INT(PyUnicode_CompareWithASCIIString(STR("\xe2\x82\xac"), "\xe2"), 1);
    CHECK_INT(PyUnicode_EqualToUTF8(STR("h\xc3\xa9"), "h\xc3\xa9"), 1);
    CHECK_INT(PyUnicode_EqualToUTF8(STR("h\xc3\xa9"), "h"), 0);
    CHECK_INT(PyUnicode_EqualToUTF8(STR("a\0b"), "a"), 0);
    CHECK_INT(PyUnicode_EqualToUTF8(i5, "5"), 0);
    CHECK(!PyErr_Occurred());
    CHECK_INT(PyUnicode_EqualToUTF8AndSize(STR("a\0b"), "a\0b", 3), 1);
    CHECK_INT(PyUnicode_EqualToUTF8AndSize(STR("a\0b"), "a\0c", 3), 0);
    CHECK_INT(PyUnicode_EqualToUTF8AndSize(STR("a"), "a\xff", 1), 1);
    CHECK_INT(PyUnicode_EqualToUTF8AndSize(STR("a"), "ab", -1), 0);
    CHECK_INT(PyUnicode_EqualToUTF8AndSize(STR("\xc3\xa9"), "\xc3\xa9", 2), 1);
#ifdef SUBINTERP
    /* CPython crashes on these. */
    CHECK_RAISES(PyUnicode_Compare(NULL, a) == -1, PyExc_SystemError, "bad argument to internal function");
    CHECK_RAISES(PyUnicode_CompareWithASCIIString(i5, "a") == -1, PyExc_TypeError, NULL);
    CHECK_RAISES(PyUnicode_EqualToUTF8(a, NULL) == 0, PyExc_SystemError, NULL);
#endif
    PyObject *r = PyUnicode_RichCompare(a, b, Py_LT);
    CHECK(r == Py_True);
    r = PyUnicode_RichCompare(a, i5, Py_EQ);
    CHECK(r == Py_NotImplemented);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(i5);
}

static void test_slots(void) {
    PyObject *i5 = PyLong_FromLong(5);
    PyTypeObject *T = &PyUnicode_Type;
    PySequenceMethods *sq = T->tp_as_sequence;
    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo w\xf0\x9f\x98\x80rld");
    CHECK_INT(sq->sq_length(s), 11);
    CHECK_TEXT(sq->sq_item(s, 7), "\xf0\x9f\x98\x80");
    CHECK(sq->sq_item(s, 1) == PyUnicode_FromOrdinal(0xe9));
    CHECK_RAISES(sq->sq_item(s, 11) == NULL, PyExc_IndexError, "string index out of range");
    CHECK_RAISES(sq->sq_item(s, -1) == NULL, PyExc_IndexError, "string index out of range");
    PyObject *ab = PyUnicode_FromString("ab");
    CHECK_TEXT(sq->sq_repeat(ab, 3), "ababab");
    CHECK(sq->sq_repeat(ab, 0) == PyUnicode_FromString(""));
    CHECK(sq->sq_repeat(ab, -3) == PyUnicode_FromString(""));
    CHECK_RAISES(sq->sq_repeat(ab, PY_SSIZE_T_MAX) == NULL, PyExc_OverflowError, "repeated string is too long");
    PyObject *r = sq->sq_repeat(s, 1);
    CHECK(r == s);
    Py_XDECREF(r);
    CHECK_TEXT(sq->sq_repeat(PyUnicode_FromString("\xc3\xa9-"), 3), "\xc3\xa9-\xc3\xa9-\xc3\xa9-");
    CHECK_TEXT(sq->sq_concat(ab, PyUnicode_FromString("cd")), "abcd");
    CHECK_RAISES(sq->sq_concat(ab, i5) == NULL, PyExc_TypeError, "can only concatenate str (not \"int\") to str");
    CHECK_INT(sq->sq_contains(s, PyUnicode_FromString("llo")), 1);
    CHECK_INT(sq->sq_contains(s, PyUnicode_FromString("lol")), 0);
    CHECK_RAISES(sq->sq_contains(s, i5) == -1, PyExc_TypeError, "'in <string>' requires string as left operand, not int");

    CHECK(T->tp_richcompare(ab, i5, Py_EQ) == Py_NotImplemented);
    CHECK(T->tp_richcompare(PyUnicode_FromString("a"), PyUnicode_FromString("b"), Py_LT) == Py_True);
    CHECK(T->tp_richcompare(ab, PyUnicode_FromString("ab"), Py_GE) == Py_True);
    PyObject *ab2 = PyUnicode_FromStringAndSize("ab", 2);
    CHECK(ab2 != ab && T->tp_richcompare(ab, ab2, Py_EQ) == Py_True);
    CHECK(T->tp_richcompare(ab, ab2, Py_NE) == Py_False);
    CHECK(T->tp_richcompare(STR("\xef\xbf\xbf"), STR("\xf0\x9f\x98\x80"), Py_LT) == Py_True);
    Py_DECREF(ab2);

    r = T->tp_str(s);
    CHECK(r == s);
    Py_XDECREF(r);
    CHECK_TEXT(T->tp_repr(s), "'h\xc3\xa9llo w\xf0\x9f\x98\x80rld'");
    CHECK_TEXT(T->tp_repr(STR("it's \"q\"\n\t\\\x01\x7f\xc2\x80\xc3\xbf\xe2\x80\xa8")),
               "'it\\'s \"q\"\\n\\t\\\\\\x01\\x7f\\x80\xc3\xbf\\u2028'");
    CHECK_TEXT(T->tp_repr(STR("it's")), "\"it's\"");

    /* Iteration: str_iterator for this one, str_ascii_iterator for ASCII strings. */
    PyObject *it = T->tp_iter(s);
    CHECK_STR(Py_TYPE(it)->tp_name, "str_iterator");
    CHECK_INT(Py_REFCNT(s), 2);                                    /* the iterator holds it */
    char seen[64] = "";
    PyObject *c;
    while ((c = Py_TYPE(it)->tp_iternext(it)) != NULL) {
        strcat(seen, PyUnicode_AsUTF8(c));
        strcat(seen, "|");
        Py_DECREF(c);
    }
    CHECK(!PyErr_Occurred());
    CHECK_STR(seen, "h|\xc3\xa9|l|l|o| |w|\xf0\x9f\x98\x80|r|l|d|");
    CHECK_INT(Py_REFCNT(s), 1);                                    /* dropped when exhausted */
    CHECK(Py_TYPE(it)->tp_iternext(it) == NULL && !PyErr_Occurred());
    Py_DECREF(it);
    it = T->tp_iter(ab);
    CHECK_STR(Py_TYPE(it)->tp_name, "str_ascii_iterator");
    c = Py_TYPE(it)->tp_iternext(it);
    CHECK(c == PyUnicode_FromString("a"));
    Py_DECREF(it);
    CHECK_INT(Py_REFCNT(ab), 1);
    Py_DECREF(ab);
    Py_DECREF(s);
    Py_DECREF(i5);
}

static void test_intern(void) {
    PyObject *s = PyUnicode_FromString("zq_unique_1");
    CHECK_INT(PyUnicode_CHECK_INTERNED(s), SSTATE_NOT_INTERNED);
    PyUnicode_InternInPlace(&s);
    CHECK_INT(Py_REFCNT(s), 1);                                    /* the table's reference is not counted */
    CHECK_INT(PyUnicode_CHECK_INTERNED(s), SSTATE_INTERNED_MORTAL);
    PyObject *t = PyUnicode_InternFromString("zq_unique_1");
    CHECK(t == s && Py_REFCNT(s) == 2);
    PyObject *u = PyUnicode_FromString("zq_unique_1");
    CHECK(u != s && PyUnicode_CHECK_INTERNED(u) == SSTATE_NOT_INTERNED);
    PyUnicode_InternInPlace(&u);                                   /* drops u, takes s */
    CHECK(u == s && Py_REFCNT(s) == 3);
    PyUnicode_InternInPlace(&u);                                   /* already interned: nothing */
    CHECK(u == s && Py_REFCNT(s) == 3);
    Py_DECREF(t);
    Py_DECREF(u);
    CHECK_INT(Py_REFCNT(s), 1);
    Py_DECREF(s);                                                  /* leaves the table */
    PyObject *again = PyUnicode_FromString("zq_unique_1");
    PyObject *again2 = again;
    PyUnicode_InternInPlace(&again);
    CHECK(again == again2 && PyUnicode_CHECK_INTERNED(again) == SSTATE_INTERNED_MORTAL);
    Py_DECREF(again);

    PyObject *na = PyUnicode_FromString("n\xc3\xa4ive \xf0\x9f\x98\x80");
    PyUnicode_InternInPlace(&na);
    PyObject *na2 = PyUnicode_InternFromString("n\xc3\xa4ive \xf0\x9f\x98\x80");
    CHECK(na == na2);
    Py_DECREF(na);
    Py_DECREF(na2);

    PyObject *a = PyUnicode_InternFromString("a");
    CHECK(a == PyUnicode_FromString("a") && PyUnicode_CHECK_INTERNED(a) == SSTATE_INTERNED_IMMORTAL_STATIC);
    PyObject *e = PyUnicode_InternFromString("");
    CHECK(e == PyUnicode_FromString(""));
    PyObject *i5 = PyLong_FromLong(5), *x = i5;
    PyUnicode_InternInPlace(&x);                                   /* not a str: left alone */
    CHECK(x == i5 && !PyErr_Occurred());
    x = NULL;
    PyUnicode_InternInPlace(&x);
    CHECK(x == NULL && !PyErr_Occurred());
    Py_DECREF(i5);
    CHECK_RAISES(PyUnicode_InternFromString("\xff") == NULL, PyExc_UnicodeDecodeError,
                 "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
#ifdef SUBINTERP
    PyUnicode_InternInPlace(NULL);                                 /* CPython crashes */
    CHECK(raised(PyExc_SystemError, "bad argument to internal function", __LINE__));
    CHECK_RAISES(PyUnicode_InternFromString(NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
#endif

    /* Many strings come and go: the table keeps up. */
    PyObject *keep[500];
    char name[32];
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "zq_many_%d", i);
        keep[i] = PyUnicode_InternFromString(name);
    }
    int ok = 1;
    for (int i = 0; i < 500; i += 2) {
        Py_DECREF(keep[i]);
    }
    for (int i = 1; i < 500; i += 2) {
        snprintf(name, sizeof name, "zq_many_%d", i);
        PyObject *again = PyUnicode_InternFromString(name);
        ok &= again == keep[i];
        Py_DECREF(again);
        Py_DECREF(keep[i]);
    }
    CHECK(ok);
}

int main(void) {
    child_result r = run_in_child(hash_seed12345_child, NULL, 60);
    CHECK(!r.signaled && r.code == 0);
    if (r.signaled || r.code != 0) fprintf(stderr, "%s", r.err);

    setenv("PYTHONHASHSEED", "0", 1);
    Py_Initialize();
    test_singletons();
    test_hash_seed0();
    test_decode();
    test_access();
    test_wide();
    test_concat_join();
    test_split();
    test_search();
    test_substring();
    test_compare();
    test_slots();
    test_intern();
    CHECK(!PyErr_Occurred());
    CHECK_INT(Py_FinalizeEx(), 0);

    setenv("PYTHONHASHSEED", "12345", 1);
    Py_Initialize();
    test_hash_after_reinit();
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
