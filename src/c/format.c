/*
 * format.c: the bodies of PyUnicode_FromFormat(V), PyBytes_FromFormat(V) and
 * PyErr_Format(V) (see README.md).
 *
 * This side walks the format string and the va_list: it parses each conversion as CPython
 * 3.13 does (flags, width, precision, size modifier), rejects the combinations CPython
 * rejects, and fetches the argument with the C type the conversion names. The Rust side
 * (src/capi/unicodeobject/format.rs) appends each piece to a writer kept in this frame:
 * padding, truncation, decoding, str()/repr() of objects, and every error text.
 */
#include <Python.h>

typedef struct {
    int flags;              /* F_LJUST | F_ZERO | F_ALT */
    Py_ssize_t width;       /* -1: none */
    Py_ssize_t precision;   /* -1: none; -2: a negative '*' precision */
} subinterp_fmt_spec;

/* Room for the Rust writer; started once, ended once (finish, fail or abandon). */
typedef struct {
    void *opaque[4];
} subinterp_fmt_writer;

void subinterp_fmt_start(subinterp_fmt_writer *w, int bytes, size_t hint);
int subinterp_fmt_text(subinterp_fmt_writer *w, const char *s, size_t n);
int subinterp_fmt_int(subinterp_fmt_writer *w, const subinterp_fmt_spec *spec, int negative,
                      uint64_t magnitude, int conv);
int subinterp_fmt_char(subinterp_fmt_writer *w, int c);
int subinterp_fmt_cstr(subinterp_fmt_writer *w, const subinterp_fmt_spec *spec, const char *s);
int subinterp_fmt_wstr(subinterp_fmt_writer *w, const subinterp_fmt_spec *spec, const wchar_t *s);
int subinterp_fmt_object(subinterp_fmt_writer *w, const subinterp_fmt_spec *spec, int conv,
                         PyObject *obj);
PyObject *subinterp_fmt_fail(subinterp_fmt_writer *w, int what, const char *at);
void subinterp_fmt_abandon(subinterp_fmt_writer *w);
PyObject *subinterp_fmt_finish(subinterp_fmt_writer *w);

PyObject *subinterp_c_PyUnicode_FromFormatV(const char *format, va_list vargs);
PyObject *subinterp_c_PyUnicode_FromFormat(const char *format, ...);
PyObject *subinterp_c_PyBytes_FromFormatV(const char *format, va_list vargs);
PyObject *subinterp_c_PyBytes_FromFormat(const char *format, ...);
PyObject *subinterp_c_PyErr_FormatV(PyObject *exception, const char *format, va_list vargs);
PyObject *subinterp_c_PyErr_Format(PyObject *exception, const char *format, ...);

enum { F_LJUST = 1, F_ZERO = 2, F_ALT = 4 };
enum { M_NONE, M_LONG, M_LONGLONG, M_SIZE, M_PTRDIFF, M_INTMAX };
enum { FAIL_INVALID = 0, FAIL_WIDTH = 1, FAIL_PRECISION = 2 };

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_ALPHA(c) ((((c) | 0x20) >= 'a') && (((c) | 0x20) <= 'z'))

/* %p as CPython prints it: the C library's %p with a "0x" prefix made sure of. */
static int
put_pointer(subinterp_fmt_writer *w, void *ptr)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf - 2, "%p", ptr);
    if (n < 0) {
        n = 0;
        buf[0] = '\0';
    }
    if (buf[1] == 'X') {
        buf[1] = 'x';
    }
    else if (buf[1] != 'x') {
        memmove(buf + 2, buf, (size_t)n + 1);
        buf[0] = '0';
        buf[1] = 'x';
        n += 2;
    }
    return subinterp_fmt_text(w, buf, (size_t)n);
}

/* One conversion of PyUnicode_FromFormatV, at f (its '%'). Returns where the format goes
   on, or NULL once the writer has been ended with an exception set. */
static const char *
unicode_arg(subinterp_fmt_writer *w, const char *f, va_list *vargs)
{
    const char *p = f;
    f++;
    if (*f == '%') {
        if (subinterp_fmt_text(w, "%", 1) < 0) {
            goto error;
        }
        return f + 1;
    }

    subinterp_fmt_spec spec = { 0, -1, -1 };
    for (;; f++) {
        if (*f == '-') spec.flags |= F_LJUST;
        else if (*f == '0') spec.flags |= F_ZERO;
        else if (*f == '#') spec.flags |= F_ALT;
        else break;
    }
    if (*f == '*') {
        int v = va_arg(*vargs, int);
        if (v < 0) {
            spec.flags |= F_LJUST;
            spec.width = -(Py_ssize_t)v;
        }
        else {
            spec.width = v;
        }
        f++;
    }
    else if (IS_DIGIT(*f)) {
        spec.width = 0;
        for (; IS_DIGIT(*f); f++) {
            if (spec.width > (PY_SSIZE_T_MAX - (*f - '0')) / 10) {
                subinterp_fmt_fail(w, FAIL_WIDTH, p);
                return NULL;
            }
            spec.width = spec.width * 10 + (*f - '0');
        }
    }
    if (*f == '.') {
        f++;
        if (*f == '*') {
            int v = va_arg(*vargs, int);
            spec.precision = v < 0 ? -2 : v;
            f++;
        }
        else if (IS_DIGIT(*f)) {
            spec.precision = 0;
            for (; IS_DIGIT(*f); f++) {
                if (spec.precision > (PY_SSIZE_T_MAX - (*f - '0')) / 10) {
                    subinterp_fmt_fail(w, FAIL_PRECISION, p);
                    return NULL;
                }
                spec.precision = spec.precision * 10 + (*f - '0');
            }
        }
    }

    int mod = M_NONE;
    switch (*f) {
    case 'l':
        if (f[1] == 'l') {
            mod = M_LONGLONG;
            f++;
        }
        else {
            mod = M_LONG;
        }
        f++;
        break;
    case 'z': mod = M_SIZE; f++; break;
    case 't': mod = M_PTRDIFF; f++; break;
    case 'j': mod = M_INTMAX; f++; break;
    }

    /* What CPython 3.13 accepts. */
    switch (*f) {
    case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
        break;
    case 'c': case 'p':
        if (mod != M_NONE || spec.width >= 0 || spec.precision >= 0) goto invalid;
        break;
    case 's': case 'V':
        if (mod != M_NONE && mod != M_LONG) goto invalid;
        break;
    default:
        if (mod != M_NONE) goto invalid;
        break;
    }

    int r;
    switch (*f) {
    case 'c':
        r = subinterp_fmt_char(w, va_arg(*vargs, int));
        break;
    case 'd': case 'i': {
        intmax_t v;
        switch (mod) {
        case M_LONG: v = va_arg(*vargs, long); break;
        case M_LONGLONG: v = va_arg(*vargs, long long); break;
        case M_SIZE: v = va_arg(*vargs, Py_ssize_t); break;
        case M_PTRDIFF: v = va_arg(*vargs, ptrdiff_t); break;
        case M_INTMAX: v = va_arg(*vargs, intmax_t); break;
        default: v = va_arg(*vargs, int); break;
        }
        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        r = subinterp_fmt_int(w, &spec, v < 0, mag, 'd');
        break;
    }
    case 'u': case 'x': case 'X': case 'o': {
        uintmax_t v;
        switch (mod) {
        case M_LONG: v = va_arg(*vargs, unsigned long); break;
        case M_LONGLONG: v = va_arg(*vargs, unsigned long long); break;
        case M_SIZE: v = va_arg(*vargs, size_t); break;
        case M_PTRDIFF: v = (size_t)va_arg(*vargs, ptrdiff_t); break;
        case M_INTMAX: v = va_arg(*vargs, uintmax_t); break;
        default: v = va_arg(*vargs, unsigned int); break;
        }
        r = subinterp_fmt_int(w, &spec, 0, (uint64_t)v, *f);
        break;
    }
    case 'p':
        r = put_pointer(w, va_arg(*vargs, void *));
        break;
    case 's':
        if (mod == M_LONG) {
            r = subinterp_fmt_wstr(w, &spec, va_arg(*vargs, const wchar_t *));
        }
        else {
            r = subinterp_fmt_cstr(w, &spec, va_arg(*vargs, const char *));
        }
        break;
    case 'V': {
        PyObject *obj = va_arg(*vargs, PyObject *);
        if (mod == M_LONG) {
            const wchar_t *s = va_arg(*vargs, const wchar_t *);
            r = obj != NULL ? subinterp_fmt_object(w, &spec, 'U', obj) : subinterp_fmt_wstr(w, &spec, s);
        }
        else {
            const char *s = va_arg(*vargs, const char *);
            r = obj != NULL ? subinterp_fmt_object(w, &spec, 'U', obj) : subinterp_fmt_cstr(w, &spec, s);
        }
        break;
    }
    case 'U': case 'S': case 'R': case 'A': case 'T': case 'N':
        r = subinterp_fmt_object(w, &spec, *f, va_arg(*vargs, PyObject *));
        break;
    default:
        goto invalid;
    }
    if (r < 0) {
        goto error;
    }
    return f + 1;

invalid:
    subinterp_fmt_fail(w, FAIL_INVALID, p);
    return NULL;
error:
    subinterp_fmt_abandon(w);
    return NULL;
}

PyObject *
subinterp_c_PyUnicode_FromFormatV(const char *format, va_list vargs)
{
    if (format == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    subinterp_fmt_writer w;
    subinterp_fmt_start(&w, 0, strlen(format) + 16);
    va_list ap;
    va_copy(ap, vargs);
    const char *f = format;
    while (*f) {
        if (*f != '%') {
            const char *run = f;
            while (*f && *f != '%') f++;
            if (subinterp_fmt_text(&w, run, (size_t)(f - run)) < 0) {
                subinterp_fmt_abandon(&w);
                f = NULL;
                break;
            }
            continue;
        }
        f = unicode_arg(&w, f, &ap);
        if (f == NULL) {
            break;
        }
    }
    va_end(ap);
    return f == NULL ? NULL : subinterp_fmt_finish(&w);
}

PyObject *
subinterp_c_PyUnicode_FromFormat(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    PyObject *r = subinterp_c_PyUnicode_FromFormatV(format, ap);
    va_end(ap);
    return r;
}

/* PyBytes_FromFormatV: CPython's lenient parser. Widths are skipped, a precision only
   limits %s, 'l' and 'z' only modify %d and %u; at anything else, the rest of the format
   is copied as it is. A '*' (which CPython skips, then reads the wrong arguments and often
   crashes) is treated the same way. */
PyObject *
subinterp_c_PyBytes_FromFormatV(const char *format, va_list vargs)
{
    if (format == NULL) {
        PyErr_BadInternalCall();
        return NULL;
    }
    subinterp_fmt_writer w;
    subinterp_fmt_start(&w, 1, strlen(format) + 16);
    va_list ap;
    va_copy(ap, vargs);
    const subinterp_fmt_spec plain = { 0, -1, -1 };
    const char *f = format;
    int r = 0;
    while (*f && r == 0) {
        if (*f != '%') {
            const char *run = f;
            while (*f && *f != '%') f++;
            r = subinterp_fmt_text(&w, run, (size_t)(f - run));
            continue;
        }
        const char *p = f++;
        while (IS_DIGIT(*f)) f++;
        Py_ssize_t prec = 0;
        if (*f == '.') {
            for (f++; IS_DIGIT(*f); f++) {
                if (prec < PY_SSIZE_T_MAX / 10 - 10) prec = prec * 10 + (*f - '0');
            }
        }
        int star = 0;
        for (; *f && *f != '%' && !IS_ALPHA(*f); f++) {
            if (*f == '*') star = 1;
        }
        int longflag = 0, sizeflag = 0;
        if (*f == 'l' && (f[1] == 'd' || f[1] == 'u')) {
            longflag = 1;
            f++;
        }
        else if (*f == 'z' && (f[1] == 'd' || f[1] == 'u')) {
            sizeflag = 1;
            f++;
        }
        switch (star ? '\0' : *f) {
        case 'c':
            r = subinterp_fmt_char(&w, va_arg(ap, int));
            break;
        case 'd': {
            intmax_t v = longflag ? va_arg(ap, long) : sizeflag ? va_arg(ap, Py_ssize_t) : va_arg(ap, int);
            r = subinterp_fmt_int(&w, &plain, v < 0, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, 'd');
            break;
        }
        case 'u': {
            uintmax_t v = longflag ? va_arg(ap, unsigned long) : sizeflag ? va_arg(ap, size_t)
                                                                         : va_arg(ap, unsigned int);
            r = subinterp_fmt_int(&w, &plain, 0, (uint64_t)v, 'u');
            break;
        }
        case 'i': {
            int v = va_arg(ap, int);
            r = subinterp_fmt_int(&w, &plain, v < 0, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, 'd');
            break;
        }
        case 'x':
            r = subinterp_fmt_int(&w, &plain, 0, (unsigned int)va_arg(ap, int), 'x');
            break;
        case 's': {
            subinterp_fmt_spec spec = { 0, -1, prec };
            r = subinterp_fmt_cstr(&w, &spec, va_arg(ap, const char *));
            break;
        }
        case 'p':
            r = put_pointer(&w, va_arg(ap, void *));
            break;
        case '%':
            r = subinterp_fmt_text(&w, "%", 1);
            break;
        default:
            r = subinterp_fmt_text(&w, p, strlen(p));
            va_end(ap);
            return r < 0 ? (subinterp_fmt_abandon(&w), (PyObject *)NULL) : subinterp_fmt_finish(&w);
        }
        f++;
    }
    va_end(ap);
    if (r < 0) {
        subinterp_fmt_abandon(&w);
        return NULL;
    }
    return subinterp_fmt_finish(&w);
}

PyObject *
subinterp_c_PyBytes_FromFormat(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    PyObject *r = subinterp_c_PyBytes_FromFormatV(format, ap);
    va_end(ap);
    return r;
}

/* PyErr_FormatV: as CPython, the current exception is cleared first (the message is
   formatted without one set), then `exception` is raised with the message. */
PyObject *
subinterp_c_PyErr_FormatV(PyObject *exception, const char *format, va_list vargs)
{
    PyErr_Clear();
    PyObject *msg = subinterp_c_PyUnicode_FromFormatV(format, vargs);
    if (msg != NULL) {
        PyErr_SetObject(exception, msg);
        Py_DECREF(msg);
    }
    return NULL;
}

PyObject *
subinterp_c_PyErr_Format(PyObject *exception, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    subinterp_c_PyErr_FormatV(exception, format, ap);
    va_end(ap);
    return NULL;
}
