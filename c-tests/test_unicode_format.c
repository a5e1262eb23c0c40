/* PyUnicode_FromFormat(V), PyBytes_FromFormat(V) and PyErr_Format(V): every conversion,
   flag, width and precision CPython 3.13 supports, its rejections and its texts (measured
   on CPython 3.13.0). */
#include <stddef.h>
#include <stdint.h>
#include "unicode_util.h"

/* PyBytes_FromFormat is printf-checked (as CPython declares it): malformed formats are
   the point here. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"

#define IMMORTAL_BYTES(o) ((uint32_t)Py_REFCNT(o) == UINT32_MAX)
#define F(want, ...) CHECK_TEXT(PyUnicode_FromFormat(__VA_ARGS__), (want))
#define F_FAILS(type, msg, ...) CHECK_RAISES(PyUnicode_FromFormat(__VA_ARGS__) == NULL, (type), (msg))

/* A bytes result against the expected bytes (drops it). */
static int bytes_is(PyObject *b, const char *want, Py_ssize_t n, int line) {
    if (b == NULL) {
        PyErr_Clear();
        fprintf(stderr, "  line %d: NULL, expected b\"%s\"\n", line, want);
        return 0;
    }
    int ok = PyBytes_Check(b) && PyBytes_GET_SIZE(b) == n && memcmp(PyBytes_AS_STRING(b), want, (size_t)n) == 0;
    if (!ok) fprintf(stderr, "  line %d: b\"%s\", expected b\"%s\"\n", line, PyBytes_AS_STRING(b), want);
    Py_DECREF(b);
    return ok;
}
#define B(want, ...) CHECK(bytes_is(PyBytes_FromFormat(__VA_ARGS__), (want), (Py_ssize_t)sizeof(want) - 1, __LINE__))

static void test_integers(void) {
    F("42|   42|42   |00042|042|  042|042  |00042", "%d|%5d|%-5d|%05d|%.3d|%5.3d|%-5.3d|%05.3d",
      42, 42, 42, 42, 42, 42, 42, 42);
    F("-42|  -42|-42  |-0042|-042| -042|-042 |-0042", "%d|%5d|%-5d|%05d|%.3d|%5.3d|%-5.3d|%05.3d",
      -42, -42, -42, -42, -42, -42, -42, -42);
    F("-7 4000000000 ff FF 10", "%i %u %x %X %o", -7, 4000000000u, 255, 255, 8);
    F("-1 18446744073709551615 ff -9223372036854775808 18446744073709551615 ff", "%ld %lu %lx %lld %llu %llx",
      -1L, ULONG_MAX, 255UL, LLONG_MIN, ULLONG_MAX, 255ULL);
    F("-3 3 5 ff -9 -10 10", "%zd %zu %zi %zx %td %jd %ju", (Py_ssize_t)-3, (size_t)3, (Py_ssize_t)5, (size_t)255,
      (ptrdiff_t)-9, (intmax_t)-10, (uintmax_t)10);
    F("10 ff 10", "%zo %jx %to", (size_t)8, (intmax_t)255, (ptrdiff_t)8);
    F("-5 1 1", "%lld %lli %llu", -5LL, 1LL, 1ULL);
    F("ff 10 FF", "%#x %#o %#X", 255, 8, 255);                     /* '#' is accepted, ignored */
    F("     1|1     |0001|  0001", "%*d|%-*d|%.*d|%*.*d", 6, 1, 6, 1, 4, 1, 6, 4, 1);
    F("1     |1", "%*d|%.*d", -6, 1, -4, 1);                       /* negative '*' width: '-' */
    F("3    |3    ", "%-05d|%0-5d", 3, 3);
    F("0|0", "%.0d|%.0u", 0, 0);                                   /* unlike printf */
    F("00a|   10|ffffffff", "%.3x|%5o|%05x", 10, 8, -1);
    F("5   ", "%0*d", -4, 5);
    F("005|       5", "%.3ld|%8ld", 5L, 5L);
    F("5", "%.d", 5);
    F("12345678910", "%d%d%d%d%d%d%d%d%d%d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    F("1    |", "%-#0-5d|", 1);
    F_FAILS(PyExc_ValueError, "width too big", "%1000000000000000000000d", 1);
    F_FAILS(PyExc_ValueError, "precision too big", "%.1000000000000000000000d", 1);
}

static void test_chars_and_pointers(void) {
    F("a\xc3\xa9\xf0\x9f\x98\x80", "%c%c%c", 'a', 0xe9, 0x1F600);
    F("a|a|a|a|a", "%-c|%0c|%#c|%.c|%.*c", 'a', 'a', 'a', 'a', -1, 'a');
    F_FAILS(PyExc_OverflowError, "character argument not in range(0x110000)", "%c", 0x110000);
    F_FAILS(PyExc_OverflowError, "character argument not in range(0x110000)", "%c", -1);
    F_FAILS(PyExc_SystemError, "invalid format string: %5c", "%5c", 'a');
    F_FAILS(PyExc_SystemError, "invalid format string: %*c", "%*c", -1, 'a');
    F_FAILS(PyExc_SystemError, "invalid format string: %.2c", "%.2c", 'a');
    F_FAILS(PyExc_SystemError, "invalid format string: %lc", "%lc", 'a');
    F_FAILS(PyExc_SystemError, "invalid format string: %llc", "%llc", 'a');
    F_FAILS(PyExc_SystemError, "invalid format string: %zc", "%zc", 1);
    F("0x1234", "%p", (void *)0x1234);
    char buf[64];
    snprintf(buf, sizeof buf, "%p", (void *)&buf);
    F(buf[1] == 'x' ? buf : "?", "%p", (void *)&buf);
    F("0x(nil)", "%p", (void *)NULL);                              /* glibc's "(nil)", prefixed */
    F_FAILS(PyExc_SystemError, "invalid format string: %5p", "%5p", (void *)NULL);
    F_FAILS(PyExc_SystemError, "invalid format string: %lp", "%lp", (void *)NULL);
#ifdef SUBINTERP
    /* A UTF-8 str cannot hold a lone surrogate (CPython gives '\ud800'). */
    F_FAILS(PyExc_ValueError, NULL, "%c", 0xD800);
#endif
}

static void test_c_strings(void) {
    F("abc|       abc|abc       |ab|        ab", "%s|%10s|%-10s|%.2s|%10.2s", "abc", "abc", "abc", "abc", "abc");
    F("h\xc3\xa9llo", "%s", "h\xc3\xa9llo");
    F("h\xef\xbf\xbd", "%.2s", "h\xc3\xa9llo");                    /* bytes cut first, then decoded */
    F("a\xef\xbf\xbd" "b", "%s", "a\xff" "b");                     /* with "replace" */
    F("\xef\xbf\xbd|\xc3\xa9", "%.1s|%.2s", "\xc3\xa9", "\xc3\xa9");
    F("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|", "%.3s|", "\xff\xfe\xfd\xfc");
    F("abc", "%.s", "abc");
    F("|", "%.*s|", 0, "abc");
    F("|", "%.*s|", -1, "abc");                                    /* a negative '*' precision: nothing */
    F("ab  |", "%-*s|", -4, "ab");
    F("ab|   ab", "%0s|%05s", "ab", "ab");                          /* '0' only pads numbers */
    F("    a|", "%05.1s|", "abc");
    F("w\xc3\xa9x|   ab|ab", "%ls|%5ls|%.2ls", L"w\u00e9x", L"ab", L"abcd");
    F("\xf0\x9f\x98\x80", "%ls", L"\U0001F600");
    F("|", "%.*ls|", -1, L"abc");
    static const wchar_t bad_wide[] = { 'a', 0x110000, 0 };
    F_FAILS(PyExc_ValueError, "character U+110000 is not in range [U+0000; U+10ffff]", "%ls", bad_wide);
    F_FAILS(PyExc_SystemError, "invalid format string: %zs", "%zs", "a");
    F_FAILS(PyExc_SystemError, "invalid format string: %lls", "%lls", "a");
#ifdef SUBINTERP
    /* CPython crashes on these. */
    F_FAILS(PyExc_SystemError, "bad argument to internal function", "%s", (char *)NULL);
    F_FAILS(PyExc_SystemError, "bad argument to internal function", "%ls", (wchar_t *)NULL);
#endif
}

static void test_objects(void) {
    PyObject *u = PyUnicode_FromString("h\xc3\xa9llo\xf0\x9f\x98\x80");   /* héllo😀 */
    PyObject *th = new_thing();
    F("h\xc3\xa9llo\xf0\x9f\x98\x80|    h\xc3\xa9llo\xf0\x9f\x98\x80|h\xc3\xa9llo\xf0\x9f\x98\x80    |h\xc3\xa9l|"
      "       h\xc3\xa9l|", "%U|%10U|%-10U|%.3U|%10.3U|%.0U", u, u, u, u, u, u);
    F("h\xc3\xa9llo\xf0\x9f\x98\x80|fallback", "%V|%V", u, "x", (PyObject *)NULL, "fallback");
    F("h\xc3\xa9x|h\xef\xbf\xbd", "%V|%.2V", (PyObject *)NULL, "h\xc3\xa9x", (PyObject *)NULL, "h\xc3\xa9x");
    F("wide", "%lV", (PyObject *)NULL, L"wide");
    F("h\xc3\xa9llo\xf0\x9f\x98\x80", "%lV", u, L"unused");
    F("h\xc3\xa9llo\xf0\x9f\x98\x80|'h\xc3\xa9llo\xf0\x9f\x98\x80'|'h\\xe9llo\\U0001f600'", "%S|%R|%A", u, u, u);
    F("'h\xc3\xa9|     'h\\", "%.3R|%8.3A", u, u);
    F("None|NotImplemented|Ellipsis", "%R|%S|%R", Py_None, Py_NotImplemented, Py_Ellipsis);
    F("thing as str|<th\xc3\xafng>|<th\\xefng>", "%S|%R|%A", th, th, th);
    F("'a\\x01\\x7f\\x80\\xff\\u2028\\uffff\\U0010ffff\\'\"\\\\'", "%A",
      PyUnicode_FromString("a\x01\x7f\xc2\x80\xc3\xbf\xe2\x80\xa8\xef\xbf\xbf\xf4\x8f\xbf\xbf'\"\\"));
    F("<NULL>|<NULL>|<NULL>", "%S|%R|%A", (PyObject *)NULL, (PyObject *)NULL, (PyObject *)NULL);
    F("str|str|NoneType|testmod.Thing|testmod.Thing", "%T|%#T|%T|%T|%#T", u, u, Py_None, th, th);
    F("type", "%T", (PyObject *)&PyLong_Type);
    F("int|str|testmod.Thing|testmod.Thing", "%N|%#N|%N|%#N", (PyObject *)&PyLong_Type, (PyObject *)&PyUnicode_Type,
      (PyObject *)&Thing_Type, (PyObject *)&Thing_Type);
    F("str|   str", "%.3T|%6T", u, u);
    F("    h", "%5.1S", u);
    F_FAILS(PyExc_TypeError, "%N argument must be a type", "%N", u);
    F_FAILS(PyExc_SystemError, "invalid format string: %lU", "%lU", u);
    F_FAILS(PyExc_SystemError, "invalid format string: %zS", "%zS", u);
#ifdef SUBINTERP
    /* CPython crashes on these. */
    F_FAILS(PyExc_SystemError, "bad argument to internal function", "%U", (PyObject *)NULL);
    F_FAILS(PyExc_SystemError, "bad argument to internal function", "%T", (PyObject *)NULL);
    F_FAILS(PyExc_SystemError, "bad argument to internal function", "%V", (PyObject *)NULL, (char *)NULL);
    /* CPython prints nothing more after a negative '*' precision with these; here only the
       piece is empty. */
    F("|", "%.*U|", -1, u);
    F("|", "%.*S|", -1, u);
#endif
    Py_INCREF(u);
    CHECK_INT(Py_REFCNT(u), 2);
    PyObject *r = PyUnicode_FromFormat("%U%S%R", u, u, u);
    CHECK_INT(Py_REFCNT(u), 2);                                    /* arguments are borrowed */
    Py_XDECREF(r);
    Py_DECREF(u);
    Py_DECREF(u);
    Py_DECREF(th);
}

static void test_format_strings(void) {
    F("%|x", "%%|x");
    F("abc", "abc");
    CHECK(PyUnicode_FromFormat("") == PyUnicode_FromString(""));  /* the shared statics */
    CHECK(PyUnicode_FromFormat("a") == PyUnicode_FromString("a"));
    CHECK(PyUnicode_FromFormat("%c", 0xe9) == PyUnicode_FromOrdinal(0xe9));
    F_FAILS(PyExc_SystemError, "invalid format string: %5%|x", "%%|%5%|x");
    F_FAILS(PyExc_SystemError, "invalid format string: %", "abc%");
    F_FAILS(PyExc_SystemError, "invalid format string: %", "%s%", "a");
    F_FAILS(PyExc_SystemError, "invalid format string: %y", "abc%y");
    F_FAILS(PyExc_SystemError, "invalid format string: %5y def", "abc%5y def");
    F_FAILS(PyExc_SystemError, "invalid format string: %ly", "%ly", 1);
    F_FAILS(PyExc_SystemError, "invalid format string: %l", "%l", 1);
    F_FAILS(PyExc_SystemError, "invalid format string: %ll", "%ll", 1);
    F_FAILS(PyExc_SystemError, "invalid format string: %5", "%5");
    F_FAILS(PyExc_SystemError, "invalid format string: %.5", "%.5");
    F_FAILS(PyExc_SystemError, "invalid format string: %-", "%-");
    F_FAILS(PyExc_SystemError, "invalid format string: %hd", "%hd", 1);
    F_FAILS(PyExc_SystemError, "invalid format string: % d|%+d", "% d|%+d", 5, 5);
    F_FAILS(PyExc_SystemError, "invalid format string: %k%d", "%k%d", 1);
    F_FAILS(PyExc_ValueError,
            "PyUnicode_FromFormatV() expects an ASCII-encoded format string, got a non-ASCII byte: 0xc3",
            "\xc3\xa9");
    F_FAILS(PyExc_ValueError,
            "PyUnicode_FromFormatV() expects an ASCII-encoded format string, got a non-ASCII byte: 0xe9",
            "%d \xe9", 1);
#ifdef SUBINTERP
    CHECK_RAISES(PyUnicode_FromFormat(NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
#endif
}

static PyObject *via_va_list(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = PyUnicode_FromFormatV(format, ap);
    va_end(ap);
    return r;
}

static PyObject *bytes_via_va_list(const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = PyBytes_FromFormatV(format, ap);
    va_end(ap);
    return r;
}

static PyObject *err_via_va_list(PyObject *exc, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    PyObject *r = PyErr_FormatV(exc, format, ap);
    va_end(ap);
    return r;
}

static void test_va_list(void) {
    CHECK_TEXT(via_va_list("%s=%d (%U)", "x", 42, PyUnicode_FromString("\xc3\xa9")), "x=42 (\xc3\xa9)");
    CHECK(bytes_is(bytes_via_va_list("%s-%d", "ab", -3), "ab--3", 5, __LINE__));
    CHECK(err_via_va_list(PyExc_KeyError, "missing %s", "k") == NULL);
    CHECK(raised(PyExc_KeyError, "'missing k'", __LINE__));        /* KeyError's str is the repr */
}

static void test_bytes(void) {
    B("42|42|42|42", "%d|%5d|%-5d|%.3d", 42, 42, 42, 42);
    B("a|\xff", "%c|%c", 'a', 255);
    B("-1 18446744073709551615 -3 3 -4 ff", "%ld %lu %zd %zu %i %x", -1L, ULONG_MAX, (Py_ssize_t)-3, (size_t)3, -4, 255);
    B("ffffffff", "%x", -1);
    B("4000000000|5|5", "%u|%lu|%zu", 4000000000u, 5UL, (size_t)5);
    B("0x1234", "%p", (void *)0x1234);
    B("abc|ab|abc|ab", "%s|%.2s|%5s|%5.2s", "abc", "abc", "abc", "abc");
    B("abc|", "%.0s|", "abc");                                     /* precision 0: all of it */
    B("\xff\xfe", "%s", "\xff\xfe");
    B("\xc3\xa9" "1", "\xc3\xa9%d", 1);                            /* bytes formats may be non-ASCII */
    B("%|%y|%d", "%%|%y|%d", 1);                                   /* the rest is copied unformatted */
    B("abc%", "abc%");
    B("%", "%");
    B("1%", "%zd%", (Py_ssize_t)1);
    B("%lld", "%lld", 5LL);
    B("%lx", "%lx", 255L);
    B("%S", "%S", Py_None);
    B("%X|%o", "%X|%o", 255, 8);
    B("%zi|%zx|%hd", "%zi|%zx|%hd", (Py_ssize_t)4, (size_t)1, 4);
    B("%.2", "%.2");
    B("%l", "%5|%l");                                              /* "%5|" skips to the '%': a "%%" */
    B("1|2|ff|3", "% d|%-5d|%#x|%+d", 1, 2, 255, 3);               /* other characters are skipped */
    B("x", "%-s", "x");
    CHECK_RAISES(PyBytes_FromFormat("%c", 256) == NULL, PyExc_OverflowError,
                 "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");
    CHECK_RAISES(PyBytes_FromFormat("%c", -1) == NULL, PyExc_OverflowError,
                 "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");
    PyObject *e = PyBytes_FromFormat("");
    CHECK(e != NULL && PyBytes_GET_SIZE(e) == 0 && IMMORTAL_BYTES(e));
#ifdef SUBINTERP
    /* CPython skips '*' and then reads the wrong arguments (here it would crash). */
    B("%.*s", "%.*s", 2, "abc");
    CHECK_RAISES(PyBytes_FromFormat("%s", (char *)NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
    CHECK_RAISES(PyBytes_FromFormat(NULL) == NULL, PyExc_SystemError, "bad argument to internal function");
#endif
}

static void test_err_format(void) {
    CHECK(PyErr_Format(PyExc_ValueError, "bad %d %s", 5, "thing") == NULL);
    PyObject *exc = PyErr_GetRaisedException();
    CHECK(exc != NULL && Py_IS_TYPE(exc, (PyTypeObject *)PyExc_ValueError));
    PyObject *args = ((PyBaseExceptionObject *)exc)->args;
    CHECK(PyTuple_GET_SIZE(args) == 1);
    CHECK_TEXT(PyObject_Str(exc), "bad 5 thing");
    Py_DECREF(exc);

    /* The current exception is cleared first: no context from it. */
    PyErr_SetString(PyExc_KeyError, "earlier");
    PyErr_Format(PyExc_TypeError, "new %R", Py_None);
    exc = PyErr_GetRaisedException();
    CHECK(exc != NULL && Py_IS_TYPE(exc, (PyTypeObject *)PyExc_TypeError));
    CHECK(((PyBaseExceptionObject *)exc)->context == NULL);
    CHECK_TEXT(PyObject_Str(exc), "new None");
    Py_DECREF(exc);

    PyObject *u = PyUnicode_FromString("\xc3\xa9t\xc3\xa9");
    PyErr_Format(PyExc_RuntimeError, "%U: %.1U", u, u);
    CHECK(raised(PyExc_RuntimeError, "\xc3\xa9t\xc3\xa9: \xc3\xa9", __LINE__));
    Py_DECREF(u);
    PyErr_Format(PyExc_TypeError, "bad %y");                       /* the formatting error wins */
    CHECK(raised(PyExc_SystemError, "invalid format string: %y", __LINE__));
    PyErr_Format(Py_None, "x");
    CHECK(raised(PyExc_SystemError, "_PyErr_SetObject: exception None is not a BaseException subclass", __LINE__));
#ifdef SUBINTERP
    /* CPython crashes on these. */
    PyErr_Format(PyExc_TypeError, NULL);
    CHECK(raised(PyExc_SystemError, "bad argument to internal function", __LINE__));
    PyErr_Format(NULL, "x");
    CHECK(raised(PyExc_SystemError, NULL, __LINE__));
#endif
}

int main(void) {
    Py_Initialize();
    test_integers();
    test_chars_and_pointers();
    test_c_strings();
    test_objects();
    test_format_strings();
    test_va_list();
    test_bytes();
    test_err_format();
    CHECK(!PyErr_Occurred());
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
