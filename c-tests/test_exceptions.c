/* The exception types: CPython 3.13's instance layouts (cpython/pyerrors.h) and what each
   family's constructor and str() do — OSError's errno → subclass mapping and its
   "[Errno N] ..." format, SyntaxError's location tuple, ImportError, the Unicode errors and
   their C accessors, StopIteration, SystemExit, exception groups (ExceptionGroup's two
   bases and MRO) — and the PyException_* links, with reference counts. Exceptions are built
   the way C code builds them: PyErr_SetObject(type, args). */
#include "call_util.h"
#include <stddef.h>

/* type(*args) as C code does it: raise, then take the exception. NULL if the constructor
   raised (that exception stays set). */
static PyObject *make(PyObject *type, PyObject *args) {
    PyErr_SetObject(type, args);
    Py_DECREF(args);
    PyObject *e = PyErr_GetRaisedException();
    if (e != NULL && !PyObject_TypeCheck(e, (PyTypeObject *)type)) {
        PyErr_SetRaisedException(e);                /* the constructor's own error */
        return NULL;
    }
    return e;
}

static void test_layouts(void) {
    struct { PyObject *type; size_t size; } sizes[] = {
        { PyExc_BaseException, sizeof(PyBaseExceptionObject) },
        { PyExc_ValueError, sizeof(PyBaseExceptionObject) },
        { PyExc_UnicodeError, sizeof(PyBaseExceptionObject) },    /* as in CPython */
        { PyExc_BaseExceptionGroup, sizeof(PyBaseExceptionGroupObject) },
        { PyExc_SystemExit, sizeof(PySystemExitObject) },
        { PyExc_StopIteration, sizeof(PyStopIterationObject) },
        { PyExc_AttributeError, sizeof(PyAttributeErrorObject) },
        { PyExc_NameError, sizeof(PyNameErrorObject) },
        { PyExc_UnboundLocalError, sizeof(PyNameErrorObject) },
        { PyExc_ImportError, sizeof(PyImportErrorObject) },
        { PyExc_ModuleNotFoundError, sizeof(PyImportErrorObject) },
        { PyExc_SyntaxError, sizeof(PySyntaxErrorObject) },
        { PyExc_IndentationError, sizeof(PySyntaxErrorObject) },
        { PyExc_TabError, sizeof(PySyntaxErrorObject) },
        { PyExc_OSError, sizeof(PyOSErrorObject) },
        { PyExc_FileNotFoundError, sizeof(PyOSErrorObject) },
        { PyExc_ConnectionResetError, sizeof(PyOSErrorObject) },
        { PyExc_BlockingIOError, sizeof(PyOSErrorObject) },
        { PyExc_UnicodeDecodeError, sizeof(PyUnicodeErrorObject) },
        { PyExc_UnicodeEncodeError, sizeof(PyUnicodeErrorObject) },
        { PyExc_UnicodeTranslateError, sizeof(PyUnicodeErrorObject) },
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        CHECK_INT(((PyTypeObject *)sizes[i].type)->tp_basicsize, (Py_ssize_t)sizes[i].size);
        CHECK_INT(((PyTypeObject *)sizes[i].type)->tp_dictoffset, (Py_ssize_t)offsetof(PyBaseExceptionObject, dict));
    }
    CHECK(PyExc_EnvironmentError == PyExc_OSError);
    CHECK_STR(PyExceptionClass_Name(PyExc_ZeroDivisionError), "ZeroDivisionError");
}

static void test_oserror(void) {
    PyObject *file = S("x.txt");
    Py_ssize_t rf = Py_REFCNT(file);
    PyObject *e = make(PyExc_OSError, targs(3, I(ENOENT), S("No such file or directory"), Py_NewRef(file)));
    CHECK(e != NULL && Py_IS_TYPE(e, (PyTypeObject *)PyExc_FileNotFoundError));
    PyOSErrorObject *o = (PyOSErrorObject *)e;
    CHECK(o->filename == file && o->filename2 == NULL && o->written == -1);
    CHECK(PyLong_AsLong(o->myerrno) == ENOENT);
    CHECK_STR(utf8(o->strerror), "No such file or directory");
    PyObject *args = PyException_GetArgs(e);                 /* the file name is not an arg */
    CHECK(args != NULL && PyTuple_GET_SIZE(args) == 2);
    Py_XDECREF(args);
    CHECK_INT(Py_REFCNT(file), rf + 1);
    Py_XDECREF(e);
    CHECK_INT(Py_REFCNT(file), rf);
    /* The texts (errno as a str here: str() of an int comes with the numbers). */
    e = make(PyExc_OSError, targs(3, S("2"), S("No such file or directory"), Py_NewRef(file)));
    CHECK_STR(str_of(e), "[Errno 2] No such file or directory: 'x.txt'");
    Py_XDECREF(e);

    struct { int errno_; PyObject *type; } map[] = {
        { EAGAIN, PyExc_BlockingIOError }, { EALREADY, PyExc_BlockingIOError },
        { EWOULDBLOCK, PyExc_BlockingIOError }, { EINPROGRESS, PyExc_BlockingIOError },
        { ECHILD, PyExc_ChildProcessError }, { EPIPE, PyExc_BrokenPipeError },
        { ESHUTDOWN, PyExc_BrokenPipeError }, { ECONNABORTED, PyExc_ConnectionAbortedError },
        { ECONNREFUSED, PyExc_ConnectionRefusedError }, { ECONNRESET, PyExc_ConnectionResetError },
        { EEXIST, PyExc_FileExistsError }, { ENOENT, PyExc_FileNotFoundError },
        { EISDIR, PyExc_IsADirectoryError }, { ENOTDIR, PyExc_NotADirectoryError },
        { EINTR, PyExc_InterruptedError }, { EACCES, PyExc_PermissionError },
        { EPERM, PyExc_PermissionError }, { ESRCH, PyExc_ProcessLookupError },
        { ETIMEDOUT, PyExc_TimeoutError }, { EIO, PyExc_OSError }, { 0, PyExc_OSError },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        e = make(PyExc_OSError, targs(2, I(map[i].errno_), S("m")));
        CHECK(e != NULL && Py_TYPE(e) == (PyTypeObject *)map[i].type);
        Py_XDECREF(e);
    }
    e = make(PyExc_OSError, targs(2, Py_NewRef(Py_True), S("m")));  /* True is 1: EPERM */
    CHECK(e != NULL && Py_TYPE(e) == (PyTypeObject *)PyExc_PermissionError);
    Py_XDECREF(e);
    e = make(PyExc_FileNotFoundError, targs(2, I(EACCES), S("m")));   /* a subclass stays itself */
    CHECK(e != NULL && Py_TYPE(e) == (PyTypeObject *)PyExc_FileNotFoundError);
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(1, I(ENOENT)));                   /* one argument: no fields */
    CHECK(e != NULL && Py_TYPE(e) == (PyTypeObject *)PyExc_OSError);
    CHECK(e && ((PyOSErrorObject *)e)->myerrno == NULL);
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(1, S("solo")));
    CHECK_STR(str_of(e), "solo");
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(6, I(1), I(2), I(3), I(4), I(5), I(6)));
    CHECK(e && ((PyOSErrorObject *)e)->myerrno == NULL && PyTuple_GET_SIZE(((PyBaseExceptionObject *)e)->args) == 6);
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(2, Py_NewRef(Py_None), S("x")));
    CHECK_STR(str_of(e), "[Errno None] x");
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(3, S("2"), Py_NewRef(Py_None), S("f")));
    CHECK_STR(str_of(e), "[Errno 2] None: 'f'");
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(3, S("2"), S("msg"), Py_NewRef(Py_None)));   /* None: no file name */
    CHECK(e && ((PyOSErrorObject *)e)->filename == NULL);
    CHECK(e && PyTuple_GET_SIZE(((PyBaseExceptionObject *)e)->args) == 3);
    CHECK_STR(str_of(e), "[Errno 2] msg");
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(5, S("13"), S("Permission denied"), S("a"), Py_NewRef(Py_None), S("b")));
    CHECK_STR(str_of(e), "[Errno 13] Permission denied: 'a' -> 'b'");
    CHECK(e && PyTuple_GET_SIZE(((PyBaseExceptionObject *)e)->args) == 2);
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(2, S("a"), S("b")));
    CHECK_STR(str_of(e), "[Errno a] b");
    Py_XDECREF(e);
    /* BlockingIOError's third argument may be the number of characters written. */
    e = make(PyExc_BlockingIOError, targs(3, I(EAGAIN), S("m"), I(5)));
    CHECK(e && ((PyOSErrorObject *)e)->written == 5 && ((PyOSErrorObject *)e)->filename == NULL);
    CHECK(e && PyTuple_GET_SIZE(((PyBaseExceptionObject *)e)->args) == 3);
    Py_XDECREF(e);
    e = make(PyExc_BlockingIOError, targs(3, S("11"), S("m"), I(5)));
    CHECK_STR(str_of(e), "[Errno 11] m");
    Py_XDECREF(e);
    e = make(PyExc_OSError, targs(3, I(EAGAIN), S("m"), I(5)));     /* mapped there, but not exactly */
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_BlockingIOError) && ((PyOSErrorObject *)e)->written == 5);
    Py_XDECREF(e);
    Py_DECREF(file);
}

static void test_syntax_error(void) {
    PyObject *text = S("text");
    PyObject *e = make(PyExc_SyntaxError, targs(2, S("msg"), targs(4, S("f/g.py"), I(3), I(4), Py_NewRef(text))));
    CHECK(e != NULL);
    CHECK_STR(str_of(e), "msg (g.py, line 3)");
    PySyntaxErrorObject *se = (PySyntaxErrorObject *)e;
    CHECK(se && se->text == text && PyLong_AsLong(se->offset) == 4 && se->end_lineno == NULL);
    CHECK(se && se->print_file_and_line == NULL);
    Py_XDECREF(e);
    e = make(PyExc_SyntaxError, targs(2, S("msg"), targs(4, S("f/g.py"), Py_NewRef(Py_None), I(4), S("t"))));
    CHECK_STR(str_of(e), "msg (g.py)");
    Py_XDECREF(e);
    e = make(PyExc_SyntaxError, targs(2, S("msg"), targs(4, Py_NewRef(Py_None), I(3), I(4), S("t"))));
    CHECK_STR(str_of(e), "msg (line 3)");
    Py_XDECREF(e);
    e = make(PyExc_SyntaxError, targs(2, S("m"), targs(6, S("f"), I(1), I(2), S("t"), I(1), I(5))));
    CHECK(e && PyLong_AsLong(((PySyntaxErrorObject *)e)->end_offset) == 5);
    Py_XDECREF(e);
    e = make(PyExc_SyntaxError, targs(3, S("a"), S("b"), S("c")));
    CHECK_STR(str_of(e), "a");
    CHECK(e && ((PySyntaxErrorObject *)e)->filename == NULL);
    Py_XDECREF(e);
    e = make(PyExc_SyntaxError, PyTuple_New(0));
    CHECK_STR(str_of(e), "None");
    Py_XDECREF(e);
    e = make(PyExc_TabError, targs(2, S("5"), targs(4, S("f"), I(1), I(2), S("t"))));
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_TabError));
    CHECK_STR(str_of(e), "5 (f, line 1)");
    Py_XDECREF(e);
    CHECK(make(PyExc_SyntaxError, targs(2, S("m"), targs(2, I(1), I(2)))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "function takes at least 4 arguments (2 given)");
    CHECK(make(PyExc_SyntaxError, targs(2, S("m"), targs(7, I(1), I(2), I(3), I(4), I(5), I(6), I(7)))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "function takes at most 6 arguments (7 given)");
    CHECK(make(PyExc_SyntaxError, targs(2, S("m"), targs(5, I(1), I(2), I(3), I(4), I(5)))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "end_offset must be provided when end_lineno is provided");
    CHECK(make(PyExc_SyntaxError, targs(2, S("m"), I(5))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is not iterable");
    Py_DECREF(text);
}

static void test_field_families(void) {
    PyObject *v = S("the value");
    PyObject *e = make(PyExc_StopIteration, targs(2, Py_NewRef(v), I(2)));
    CHECK(e && ((PyStopIterationObject *)e)->value == v);
    Py_XDECREF(e);
    e = make(PyExc_StopIteration, PyTuple_New(0));
    CHECK(e && ((PyStopIterationObject *)e)->value == Py_None);
    Py_XDECREF(e);

    e = make(PyExc_SystemExit, PyTuple_New(0));
    CHECK(e && ((PySystemExitObject *)e)->code == NULL);
    Py_XDECREF(e);
    e = make(PyExc_SystemExit, targs(1, Py_NewRef(v)));
    CHECK(e && ((PySystemExitObject *)e)->code == v);
    Py_XDECREF(e);
    e = make(PyExc_SystemExit, targs(2, I(1), I(2)));
    CHECK(e && ((PySystemExitObject *)e)->code == ((PyBaseExceptionObject *)e)->args);
    Py_XDECREF(e);

    e = make(PyExc_ImportError, targs(1, S("no module")));
    CHECK_STR(str_of(e), "no module");
    CHECK(e && ((PyImportErrorObject *)e)->name == NULL && ((PyImportErrorObject *)e)->msg != NULL);
    Py_XDECREF(e);
    e = make(PyExc_ImportError, PyTuple_New(0));
    CHECK_STR(str_of(e), "");
    CHECK(e && ((PyImportErrorObject *)e)->msg == NULL);
    Py_XDECREF(e);
    e = make(PyExc_ModuleNotFoundError, targs(1, S("m")));
    CHECK(e && ((PyImportErrorObject *)e)->msg != NULL);
    Py_XDECREF(e);

    e = make(PyExc_AttributeError, targs(1, S("no attr")));
    CHECK_STR(str_of(e), "no attr");
    CHECK(e && ((PyAttributeErrorObject *)e)->name == NULL && ((PyAttributeErrorObject *)e)->obj == NULL);
    Py_XDECREF(e);
    e = make(PyExc_UnboundLocalError, targs(1, S("x")));
    CHECK(e && ((PyNameErrorObject *)e)->name == NULL);
    Py_XDECREF(e);

    e = make(PyExc_KeyError, targs(1, S("")));
    CHECK_STR(str_of(e), "''");
    Py_XDECREF(e);
    e = make(PyExc_ValueError, PyTuple_New(0));
    PyObject *r = PyObject_Repr(e);
    CHECK_STR(utf8(r), "ValueError()");
    Py_XDECREF(r);
    Py_XDECREF(e);
    Py_DECREF(v);
}

static void test_unicode_errors(void) {
    Py_ssize_t start = -7, end = -7;
    PyObject *e = PyUnicodeDecodeError_Create("utf-8", "ab\xff", 3, 2, 3, "invalid start byte");
    CHECK(e != NULL && Py_IS_TYPE(e, (PyTypeObject *)PyExc_UnicodeDecodeError));
    CHECK_STR(str_of(e), "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
    CHECK_INT(PyUnicodeDecodeError_GetStart(e, &start), 0);
    CHECK_INT(PyUnicodeDecodeError_GetEnd(e, &end), 0);
    CHECK(start == 2 && end == 3);
    PyObject *o = PyUnicodeDecodeError_GetObject(e);
    CHECK(o != NULL && PyBytes_Check(o) && PyBytes_GET_SIZE(o) == 3 && memcmp(PyBytes_AS_STRING(o), "ab\xff", 3) == 0);
    Py_XDECREF(o);
    o = PyUnicodeDecodeError_GetEncoding(e);
    CHECK_STR(utf8(o), "utf-8");
    Py_XDECREF(o);
    CHECK_INT(PyUnicodeDecodeError_SetStart(e, 10), 0);        /* stored as is, read clamped */
    CHECK_INT(PyUnicodeDecodeError_SetEnd(e, 20), 0);
    CHECK_STR(str_of(e), "'utf-8' codec can't decode bytes in position 10-19: invalid start byte");
    PyUnicodeDecodeError_GetStart(e, &start);
    PyUnicodeDecodeError_GetEnd(e, &end);
    CHECK(start == 2 && end == 3);
    PyUnicodeDecodeError_SetStart(e, -3);
    PyUnicodeDecodeError_SetEnd(e, -3);
    PyUnicodeDecodeError_GetStart(e, &start);
    PyUnicodeDecodeError_GetEnd(e, &end);
    CHECK(start == 0 && end == 1);
    CHECK_INT(PyUnicodeDecodeError_SetReason(e, "new reason"), 0);
    o = PyUnicodeDecodeError_GetReason(e);
    CHECK_STR(utf8(o), "new reason");
    Py_XDECREF(o);
    Py_XDECREF(e);
    e = PyUnicodeDecodeError_Create("utf-8", "", 0, 0, 0, "r");
    PyUnicodeDecodeError_GetStart(e, &start);
    PyUnicodeDecodeError_GetEnd(e, &end);
    CHECK(start == -1 && end == 0);                           /* clamped into an empty object */
    Py_XDECREF(e);

    e = make(PyExc_UnicodeEncodeError, targs(5, S("ascii"), S("h\xc3\xa9"), I(1), I(2), S("ordinal not in range(128)")));
    CHECK_STR(str_of(e), "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)");
    CHECK_INT(PyUnicodeEncodeError_GetEnd(e, &end), 0);
    CHECK_INT(end, 2);
    o = PyUnicodeEncodeError_GetObject(e);
    CHECK_STR(utf8(o), "h\xc3\xa9");
    Py_XDECREF(o);
    Py_XDECREF(e);
    e = make(PyExc_UnicodeEncodeError, targs(5, S("ascii"), S("h\xe2\x82\xac"), I(1), I(2), S("r")));
    CHECK_STR(str_of(e), "'ascii' codec can't encode character '\\u20ac' in position 1: r");
    Py_XDECREF(e);
    e = make(PyExc_UnicodeEncodeError, targs(5, S("ascii"), S("h\xf0\x9f\x98\x80"), I(1), I(2), S("r")));
    CHECK_STR(str_of(e), "'ascii' codec can't encode character '\\U0001f600' in position 1: r");
    Py_XDECREF(e);
    e = make(PyExc_UnicodeEncodeError, targs(5, S("ascii"), S("hab"), I(0), I(3), S("r")));
    CHECK_STR(str_of(e), "'ascii' codec can't encode characters in position 0-2: r");
    Py_XDECREF(e);
    e = make(PyExc_UnicodeTranslateError, targs(4, S("h\xc3\xa9"), I(1), I(2), S("r")));
    CHECK_STR(str_of(e), "can't translate character '\\xe9' in position 1: r");
    CHECK_INT(PyUnicodeTranslateError_GetStart(e, &start), 0);
    CHECK_INT(start, 1);
    Py_XDECREF(e);
    e = make(PyExc_UnicodeTranslateError, targs(4, S("hab"), I(0), I(2), S("r")));
    CHECK_STR(str_of(e), "can't translate characters in position 0-1: r");
    Py_XDECREF(e);

    CHECK(make(PyExc_UnicodeDecodeError, targs(4, S("utf-8"), S("x"), I(1), I(2))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "function takes exactly 5 arguments (4 given)");
    CHECK(make(PyExc_UnicodeDecodeError, targs(5, I(1), S("x"), I(1), I(2), S("r"))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "argument 1 must be str, not int");
    CHECK(make(PyExc_UnicodeDecodeError, targs(5, S("utf-8"), S("str"), I(1), I(2), S("r"))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "a bytes-like object is required, not 'str'");
    CHECK(make(PyExc_UnicodeDecodeError, targs(5, S("utf-8"), PyObject_Bytes(PyTuple_New(0)), S("a"), I(2), S("r"))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'str' object cannot be interpreted as an integer");
    CHECK(make(PyExc_UnicodeEncodeError, targs(5, S("ascii"), PyObject_Bytes(PyTuple_New(0)), I(0), I(3), S("r"))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "argument 2 must be str, not bytes");
    CHECK(make(PyExc_UnicodeTranslateError, targs(3, S("a"), I(0), I(3))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "function takes exactly 4 arguments (3 given)");

    /* Accessors on the wrong kind: CPython 3.13 reads the fields anyway (here the decode
       error's bytes, so its text is about the field); we check the type first. */
    e = PyUnicodeDecodeError_Create("utf-8", "x", 1, 0, 1, "r");
    CHECK(PyUnicodeEncodeError_GetObject(e) == NULL);
#ifdef SUBINTERP
    CHECK_STR(err_text(PyExc_TypeError), "expecting a UnicodeEncodeError object, got UnicodeDecodeError");
#else
    CHECK_STR(err_text(PyExc_TypeError), "object attribute must be unicode");
#endif
    Py_XDECREF(e);
}

static void test_groups(void) {
    PyObject *ve = make(PyExc_ValueError, targs(1, S("a"))), *te = make(PyExc_TypeError, targs(1, S("b")));
    Py_ssize_t rv = Py_REFCNT(ve);
    PyObject *excs = PyTuple_Pack(2, ve, te);
    PyObject *eg = make(PyExc_BaseExceptionGroup, targs(2, S("eg"), Py_NewRef(excs)));
    CHECK(eg != NULL);
    PyTypeObject *EG = eg ? Py_TYPE(eg) : NULL;             /* all Exceptions: ExceptionGroup */
    CHECK(EG && strcmp(EG->tp_name, "ExceptionGroup") == 0);
    CHECK(EG && EG->tp_base == (PyTypeObject *)PyExc_BaseExceptionGroup);
    CHECK_STR(str_of(eg), "eg (2 sub-exceptions)");
    PyBaseExceptionGroupObject *g = (PyBaseExceptionGroupObject *)eg;
    CHECK(g && g->excs == excs && strcmp(utf8(g->msg), "eg") == 0);
    CHECK_INT(Py_REFCNT(ve), rv + 1);
    CHECK_INT(PyErr_GivenExceptionMatches(eg, PyExc_Exception), 1);
    CHECK_INT(PyObject_IsSubclass((PyObject *)EG, PyExc_Exception), 1);
    CHECK_INT(PyObject_IsSubclass((PyObject *)EG, PyExc_BaseExceptionGroup), 1);
    CHECK(EG && PyTuple_Check(EG->tp_bases) && PyTuple_GET_SIZE(EG->tp_bases) == 2);
    CHECK(EG && PyTuple_GET_ITEM(EG->tp_bases, 1) == PyExc_Exception);
    /* The C3 order: ExceptionGroup, BaseExceptionGroup, Exception, BaseException, object. */
    CHECK(EG && PyTuple_GET_SIZE(EG->tp_mro) == 5);
    CHECK(EG && PyTuple_GET_ITEM(EG->tp_mro, 1) == PyExc_BaseExceptionGroup);
    CHECK(EG && PyTuple_GET_ITEM(EG->tp_mro, 2) == PyExc_Exception);
    CHECK(EG && PyTuple_GET_ITEM(EG->tp_mro, 3) == PyExc_BaseException);
    CHECK(EG && PyTuple_GET_ITEM(EG->tp_mro, 4) == (PyObject *)&PyBaseObject_Type);
#ifdef SUBINTERP
    CHECK(EG == (PyTypeObject *)PyExc_ExceptionGroup);      /* exported here, not by CPython */
#endif
    PyObject *one = make(PyExc_BaseExceptionGroup, targs(2, S("one"), targs(1, Py_NewRef(ve))));
    CHECK_STR(str_of(one), "one (1 sub-exception)");
    Py_XDECREF(one);
    PyObject *ki = make(PyExc_KeyboardInterrupt, PyTuple_New(0));
    PyObject *beg = make(PyExc_BaseExceptionGroup, targs(2, S("b"), targs(2, Py_NewRef(ve), Py_NewRef(ki))));
    CHECK(beg && Py_IS_TYPE(beg, (PyTypeObject *)PyExc_BaseExceptionGroup));
    Py_XDECREF(beg);
    if (EG) {
        CHECK(make((PyObject *)EG, targs(2, S("m"), targs(1, Py_NewRef(ki)))) == NULL);
        CHECK_STR(err_text(PyExc_TypeError), "Cannot nest BaseExceptions in an ExceptionGroup");
    }
    CHECK(make(PyExc_BaseExceptionGroup, targs(2, S("m"), PyTuple_New(0))) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "second argument (exceptions) must be a non-empty sequence");
    CHECK(make(PyExc_BaseExceptionGroup, targs(2, S("m"), I(5))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "second argument (exceptions) must be a sequence");
    CHECK(make(PyExc_BaseExceptionGroup, targs(2, S("m"), targs(2, Py_NewRef(ve), I(1)))) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "Item 1 of second argument (exceptions) is not an exception");
    CHECK(make(PyExc_BaseExceptionGroup, targs(2, I(5), targs(1, Py_NewRef(ve)))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "BaseExceptionGroup.__new__() argument 1 must be str, not int");
    CHECK(make(PyExc_BaseExceptionGroup, targs(1, S("m"))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "BaseExceptionGroup.__new__() takes exactly 2 arguments (1 given)");
    CHECK(make(PyExc_BaseExceptionGroup, targs(3, S("m"), targs(1, Py_NewRef(ve)), I(3))) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "BaseExceptionGroup.__new__() takes exactly 2 arguments (3 given)");
    Py_XDECREF(eg);
    CHECK_INT(Py_REFCNT(ve), rv + 1);                       /* still in `excs` */
    Py_DECREF(excs);
    CHECK_INT(Py_REFCNT(ve), rv);
    Py_DECREF(ve); Py_DECREF(te); Py_DECREF(ki);
}

static void test_links(void) {
    PyObject *a = make(PyExc_ValueError, targs(1, S("a"))), *b = make(PyExc_TypeError, targs(1, S("b")));
    Py_ssize_t ra = Py_REFCNT(a);
    CHECK(PyException_GetContext(b) == NULL && PyException_GetCause(b) == NULL);
    CHECK(!PyErr_Occurred());
    PyException_SetContext(b, Py_NewRef(a));                /* steals */
    CHECK_INT(Py_REFCNT(a), ra + 1);
    PyObject *c = PyException_GetContext(b);
    CHECK(c == a);
    Py_XDECREF(c);
    CHECK(((PyBaseExceptionObject *)b)->suppress_context == 0);
    PyException_SetCause(b, Py_NewRef(a));                  /* sets __suppress_context__ */
    CHECK(((PyBaseExceptionObject *)b)->suppress_context == 1);
    c = PyException_GetCause(b);
    CHECK(c == a);
    Py_XDECREF(c);
    CHECK_INT(Py_REFCNT(a), ra + 2);
    PyException_SetCause(b, NULL);
    PyException_SetContext(b, NULL);
    CHECK_INT(Py_REFCNT(a), ra);

    PyObject *args = PyException_GetArgs(a);
    CHECK(args != NULL && PyTuple_GET_SIZE(args) == 1);
    PyObject *newargs = PyTuple_New(0);
    PyException_SetArgs(a, newargs);
    PyObject *args2 = PyException_GetArgs(a);
    CHECK(args2 == newargs);
    CHECK_STR(str_of(a), "");
    Py_XDECREF(args); Py_XDECREF(args2); Py_DECREF(newargs);

    CHECK(PyException_GetTraceback(a) == NULL);
    CHECK_INT(PyException_SetTraceback(a, Py_None), 0);
    PyObject *one = I(1);
    CHECK_INT(PyException_SetTraceback(a, one), -1);
    CHECK_STR(err_text(PyExc_TypeError), "__traceback__ must be a traceback or None");
    Py_DECREF(one);
    Py_DECREF(a);
    Py_DECREF(b);
}

int main(void) {
    Py_Initialize();
    test_layouts();
    test_oserror();
    test_syntax_error();
    test_field_families();
    test_unicode_errors();
    test_groups();
    test_links();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
