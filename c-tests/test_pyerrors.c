/* The PyErr_* functions beyond raising: from errno, normalization, the exception being
   handled, chaining, new exception classes (heap types with CPython's base checks and C3
   MRO), printing (PyErr_Display/Print/WriteUnraisable: what CPython 3.13's traceback
   module and default hooks print for exceptions without a traceback, chains and groups
   included), SystemExit, warnings with the default filters, SyntaxError locations and
   program text, ImportError helpers. Output is checked in forked children. */
#include "call_util.h"

/* An exception instance: type(msg). */
static PyObject *exc(PyObject *type, const char *msg) {
    PyErr_SetString(type, msg);
    return PyErr_GetRaisedException();
}

static void test_from_errno(void) {
    errno = ENOENT;
    CHECK(PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/nope") == NULL);
    PyObject *e = PyErr_GetRaisedException();
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_FileNotFoundError));
    PyOSErrorObject *o = (PyOSErrorObject *)e;
    CHECK(o && PyLong_AsLong(o->myerrno) == ENOENT);
    CHECK(o && strcmp(utf8(o->strerror), strerror(ENOENT)) == 0);
    CHECK(o && strcmp(utf8(o->filename), "/nope") == 0 && o->filename2 == NULL);
    Py_XDECREF(e);

    errno = 0;
    CHECK(PyErr_SetFromErrno(PyExc_OSError) == NULL);
    e = PyErr_GetRaisedException();
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_OSError));
    CHECK(e && strcmp(utf8(((PyOSErrorObject *)e)->strerror), "Error") == 0);
    Py_XDECREF(e);

    PyObject *a = S("a"), *b = S("b");
    errno = EACCES;
    CHECK(PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, a, b) == NULL);
    e = PyErr_GetRaisedException();
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_PermissionError));
    CHECK(e && ((PyOSErrorObject *)e)->filename == a && ((PyOSErrorObject *)e)->filename2 == b);
    Py_XDECREF(e);
    errno = EEXIST;
    CHECK(PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, a) == NULL);
    e = PyErr_GetRaisedException();
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_FileExistsError) && ((PyOSErrorObject *)e)->filename2 == NULL);
    Py_XDECREF(e);
    errno = EACCES;                                   /* another class: called with the args */
    CHECK(PyErr_SetFromErrno(PyExc_ValueError) == NULL);
    e = PyErr_GetRaisedException();
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_ValueError));
    CHECK(e && PyTuple_GET_SIZE(((PyBaseExceptionObject *)e)->args) == 2);
    Py_XDECREF(e);
    Py_DECREF(a);
    Py_DECREF(b);
}

static void test_normalize_and_handled(void) {
    PyObject *t = Py_NewRef(PyExc_ValueError), *v = I(3), *tb = NULL;
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(t == PyExc_ValueError && v && Py_IS_TYPE(v, (PyTypeObject *)PyExc_ValueError));
    CHECK(v && PyTuple_GET_SIZE(((PyBaseExceptionObject *)v)->args) == 1);
    Py_XDECREF(t); Py_XDECREF(v);
    t = Py_NewRef(PyExc_LookupError);                 /* a more derived instance: its class */
    v = exc(PyExc_KeyError, "k");
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(t == PyExc_KeyError);
    Py_XDECREF(t); Py_XDECREF(v);
    t = Py_NewRef(PyExc_ValueError);
    v = NULL;
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(v && PyTuple_GET_SIZE(((PyBaseExceptionObject *)v)->args) == 0);
    Py_XDECREF(t); Py_XDECREF(v);
    t = Py_NewRef(PyExc_ValueError);
    v = targs(2, I(1), I(2));                             /* a tuple is the arguments */
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(v && PyTuple_GET_SIZE(((PyBaseExceptionObject *)v)->args) == 2);
    Py_XDECREF(t); Py_XDECREF(v);
    t = Py_NewRef(PyExc_ValueError);
    v = Py_NewRef(Py_None);                           /* None is no argument */
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(v && PyTuple_GET_SIZE(((PyBaseExceptionObject *)v)->args) == 0);
    Py_XDECREF(t); Py_XDECREF(v);
    t = I(5);                                         /* not a class: left alone */
    v = I(6);
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(t && PyLong_AsLong(t) == 5 && v && PyLong_AsLong(v) == 6);
    Py_XDECREF(t); Py_XDECREF(v);
    t = Py_NewRef(PyExc_UnicodeDecodeError);          /* the constructor fails: its error */
    v = I(6);
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(t == PyExc_TypeError && v && Py_IS_TYPE(v, (PyTypeObject *)PyExc_TypeError));
    CHECK_STR(str_of(v), "function takes exactly 5 arguments (1 given)");
    CHECK(!PyErr_Occurred());
    Py_XDECREF(t); Py_XDECREF(v);
    t = v = NULL;
    PyErr_NormalizeException(&t, &v, &tb);
    CHECK(t == NULL && v == NULL);

    /* The exception being handled. */
    PyObject *pt = (PyObject *)1, *pv = (PyObject *)1, *ptb = (PyObject *)1;
    PyErr_GetExcInfo(&pt, &pv, &ptb);
    CHECK(pt == Py_None && pv == NULL && ptb == Py_None);
    Py_XDECREF(pt); Py_XDECREF(pv); Py_XDECREF(ptb);
    PyObject *h = exc(PyExc_KeyError, "handled");
    PyErr_SetExcInfo(NULL, Py_NewRef(h), NULL);
    PyErr_GetExcInfo(&pt, &pv, &ptb);
    CHECK(pt == PyExc_KeyError && pv == h && ptb == Py_None);
    Py_XDECREF(pt); Py_XDECREF(pv); Py_XDECREF(ptb);
    PyObject *got = PyErr_GetHandledException();
    CHECK(got == h);
    Py_XDECREF(got);
    PyErr_SetString(PyExc_ValueError, "while handling");  /* gets the handled one as context */
    PyObject *cur = PyErr_GetRaisedException();
    PyObject *ctx = PyException_GetContext(cur);
    CHECK(ctx == h);
    Py_XDECREF(ctx);
    Py_XDECREF(cur);
    PyErr_SetExcInfo(NULL, NULL, NULL);
    CHECK(PyErr_GetHandledException() == NULL);
    Py_DECREF(h);

    /* _PyErr_ChainExceptions1: the new exception becomes the context of the current one. */
    PyObject *first = exc(PyExc_ValueError, "first");
    PyErr_SetString(PyExc_TypeError, "second");
    _PyErr_ChainExceptions1(first);
    cur = PyErr_GetRaisedException();
    CHECK(cur && Py_IS_TYPE(cur, (PyTypeObject *)PyExc_TypeError));
    ctx = cur ? PyException_GetContext(cur) : NULL;
    CHECK(ctx == first);
    Py_XDECREF(ctx);
    Py_XDECREF(cur);
    first = exc(PyExc_ValueError, "alone");
    _PyErr_ChainExceptions1(first);                   /* nothing set: it is raised */
    CHECK(PyErr_ExceptionMatches(PyExc_ValueError));
    PyErr_Clear();
    CHECK_INT(PyErr_CheckSignals(), 0);
}

static void test_new_exception(void) {
    PyObject *my = PyErr_NewException("mymod.sub.MyError", NULL, NULL);
    CHECK(my != NULL && PyType_Check(my));
    PyTypeObject *tp = (PyTypeObject *)my;
    CHECK(tp && strcmp(tp->tp_name, "MyError") == 0);
    CHECK(tp && PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE) && PyType_HasFeature(tp, Py_TPFLAGS_BASETYPE));
    CHECK(tp && tp->tp_base == (PyTypeObject *)PyExc_Exception);
    CHECK(tp && tp->tp_basicsize == sizeof(PyBaseExceptionObject));
    CHECK_INT(PyObject_IsSubclass(my, PyExc_Exception), 1);
    PyObject *r = PyObject_Repr(my);
    CHECK_STR(utf8(r), "<class 'mymod.sub.MyError'>");
    Py_XDECREF(r);
    Py_ssize_t rt = Py_REFCNT(my);
    PyErr_SetString(my, "custom");                    /* raising it works like any class */
    CHECK(PyErr_ExceptionMatches(my) && PyErr_ExceptionMatches(PyExc_Exception));
    PyObject *e = PyErr_GetRaisedException();
    CHECK(e && Py_TYPE(e) == tp);
    CHECK_INT(Py_REFCNT(my), rt + 1);                 /* instances keep their class alive */
    CHECK_STR(str_of(e), "custom");
    r = PyObject_Repr(e);
    CHECK_STR(utf8(r), "MyError('custom')");
    Py_XDECREF(r);
    Py_XDECREF(e);
    CHECK_INT(Py_REFCNT(my), rt);

    PyObject *sub = PyErr_NewException("m.Sub", my, NULL);   /* a heap type as the base */
    CHECK(sub && ((PyTypeObject *)sub)->tp_base == tp);
    CHECK_INT(PyObject_IsSubclass(sub, my), 1);
    Py_XDECREF(sub);

    PyObject *w = PyErr_NewExceptionWithDoc("x.y.WithDoc", "the doc", PyExc_OSError, NULL);
    CHECK(w != NULL);
    CHECK(w && strcmp(((PyTypeObject *)w)->tp_name, "WithDoc") == 0);
    CHECK(w && strcmp(((PyTypeObject *)w)->tp_doc, "the doc") == 0);
    CHECK(w && ((PyTypeObject *)w)->tp_basicsize == sizeof(PyOSErrorObject));
    PyErr_SetObject(w, targs(2, S("2"), S("x")));         /* OSError's behaviour, not its errno map */
    e = PyErr_GetRaisedException();
    CHECK(e && Py_TYPE(e) == (PyTypeObject *)w);
    CHECK_STR(str_of(e), "[Errno 2] x");
    Py_XDECREF(e);
    PyErr_SetObject(w, targs(2, I(ENOENT), S("x")));
    e = PyErr_GetRaisedException();
    CHECK(e && Py_TYPE(e) == (PyTypeObject *)w);
    Py_XDECREF(e);
    Py_XDECREF(w);

    PyObject *bases = PyTuple_Pack(2, PyExc_ValueError, PyExc_KeyError);
    PyObject *vk = PyErr_NewException("a.VK", bases, NULL);
    CHECK(vk != NULL);
    PyTypeObject *vt = (PyTypeObject *)vk;
    CHECK(vt && vt->tp_base == (PyTypeObject *)PyExc_ValueError && vt->tp_bases == bases);
    /* C3: VK, ValueError, KeyError, LookupError, Exception, BaseException, object. */
    PyObject *want[] = { vk, PyExc_ValueError, PyExc_KeyError, PyExc_LookupError, PyExc_Exception,
                         PyExc_BaseException, (PyObject *)&PyBaseObject_Type };
    CHECK(vt && PyTuple_GET_SIZE(vt->tp_mro) == 7);
    for (int i = 0; vt && i < 7 && i < PyTuple_GET_SIZE(vt->tp_mro); i++) CHECK(PyTuple_GET_ITEM(vt->tp_mro, i) == want[i]);
    CHECK_INT(PyObject_IsSubclass(vk, PyExc_KeyError), 1);
    Py_XDECREF(vk);
    Py_DECREF(bases);

    CHECK(PyErr_NewException("noDot", NULL, NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "PyErr_NewException: name must be module.class");
    CHECK(PyErr_NewException("a.b", (PyObject *)&PyBool_Type, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "type 'bool' is not an acceptable base type");
    PyObject *five = I(5);
    CHECK(PyErr_NewException("a.b", five, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError),
              "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
              "metaclasses of all its bases");
    Py_DECREF(five);
    bases = PyTuple_Pack(2, PyExc_OSError, PyExc_SyntaxError);
    CHECK(PyErr_NewException("a.OS", bases, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "multiple bases have instance lay-out conflict");
    Py_DECREF(bases);
    bases = PyTuple_Pack(2, PyExc_ValueError, PyExc_ValueError);
    CHECK(PyErr_NewException("a.D", bases, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "duplicate base class ValueError");
    Py_DECREF(bases);
    bases = PyTuple_Pack(2, PyExc_Exception, PyExc_ValueError);
    CHECK(PyErr_NewException("a.M", bases, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError),
              "Cannot create a consistent method resolution order (MRO) for bases Exception, ValueError");
    Py_DECREF(bases);
    Py_DECREF(my);
}

static void test_location_and_import(void) {
    char path[] = "/tmp/test_pyerrors_XXXXXX";
    int fd = mkstemp(path);
    const char *src = "first line\r\n  second line\nthird\n";
    CHECK(fd >= 0 && write(fd, src, strlen(src)) == (ssize_t)strlen(src));
    close(fd);
    PyObject *t = PyErr_ProgramText(path, 2);
    CHECK_STR(utf8(t), "  second line\n");
    Py_XDECREF(t);
    t = PyErr_ProgramText(path, 1);                   /* \r\n reads as \n */
    CHECK_STR(utf8(t), "first line\n");
    Py_XDECREF(t);
    CHECK(PyErr_ProgramText(path, 9) == NULL && !PyErr_Occurred());
    CHECK(PyErr_ProgramText(path, 0) == NULL && !PyErr_Occurred());
    CHECK(PyErr_ProgramText("/no/such/file", 1) == NULL && !PyErr_Occurred());

    PyErr_SetObject(PyExc_SyntaxError, S("bad"));
    PyErr_SyntaxLocationEx(path, 2, 3);
    PyObject *e = PyErr_GetRaisedException();
    PySyntaxErrorObject *se = (PySyntaxErrorObject *)e;
    CHECK(se && PyLong_AsLong(se->lineno) == 2 && PyLong_AsLong(se->offset) == 3);
    CHECK(se && PyLong_AsLong(se->end_lineno) == 2 && se->end_offset == Py_None);
    CHECK(se && strcmp(utf8(se->filename), path) == 0);
    CHECK(se && strcmp(utf8(se->text), "  second line\n") == 0);
    Py_XDECREF(e);
    PyErr_SetObject(PyExc_SyntaxError, S("bad"));
    PyErr_SyntaxLocation(path, 1);                    /* no column: None */
    e = PyErr_GetRaisedException();
    se = (PySyntaxErrorObject *)e;
    CHECK(se && se->offset == Py_None && PyLong_AsLong(se->lineno) == 1);
    Py_XDECREF(e);
    PyObject *fname = S(path);
    PyErr_SetObject(PyExc_SyntaxError, S("bad"));
    PyErr_RangedSyntaxLocationObject(fname, 3, 1, 3, 4);
    e = PyErr_GetRaisedException();
    se = (PySyntaxErrorObject *)e;
    CHECK(se && PyLong_AsLong(se->end_offset) == 4 && se->filename == fname);
    CHECK(se && strcmp(utf8(se->text), "third\n") == 0);
    Py_XDECREF(e);
    t = PyErr_ProgramTextObject(fname, 3);
    CHECK_STR(utf8(t), "third\n");
    Py_XDECREF(t);
    Py_DECREF(fname);
    unlink(path);

    PyObject *msg = S("no module named x"), *name = S("x");
    CHECK(PyErr_SetImportError(msg, name, NULL) == NULL);
    e = PyErr_GetRaisedException();
    PyImportErrorObject *ie = (PyImportErrorObject *)e;
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_ImportError));
    CHECK(ie && ie->name == name && ie->path == Py_None && ie->msg == msg);
    CHECK_STR(str_of(e), "no module named x");
    Py_XDECREF(e);
    CHECK(PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, msg, NULL, name) == NULL);
    e = PyErr_GetRaisedException();
    ie = (PyImportErrorObject *)e;
    CHECK(e && Py_IS_TYPE(e, (PyTypeObject *)PyExc_ModuleNotFoundError));
    CHECK(ie && ie->name == Py_None && ie->path == name);
    Py_XDECREF(e);
    CHECK(PyErr_SetImportError(NULL, NULL, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "expected a message argument");
    CHECK(PyErr_SetImportErrorSubclass(PyExc_ValueError, msg, NULL, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "expected a subclass of ImportError");
    Py_DECREF(msg);
    Py_DECREF(name);
}

/* --- printing, in forked children (the parent is initialized) ------------------------------ */

static void display_cases(void *arg) {
    fprintf(stderr, "=1\n");
    PyErr_DisplayException(exc(PyExc_ValueError, "bad"));
    fprintf(stderr, "=2\n");
    PyErr_SetNone(PyExc_ValueError);
    PyErr_DisplayException(PyErr_GetRaisedException());
    PyObject *a = exc(PyExc_ValueError, "inner"), *b = exc(PyExc_TypeError, "outer");
    PyException_SetContext(b, Py_NewRef(a));
    fprintf(stderr, "=3\n");
    PyErr_DisplayException(b);
    PyObject *c = exc(PyExc_KeyError, "k");
    PyException_SetCause(c, Py_NewRef(b));
    fprintf(stderr, "=4\n");
    PyErr_DisplayException(c);
    PyObject *d = exc(PyExc_RuntimeError, "r");
    PyException_SetContext(d, Py_NewRef(a));
    PyException_SetCause(d, NULL);                    /* suppresses the context */
    fprintf(stderr, "=5\n");
    PyErr_DisplayException(d);
    PyObject *x1 = exc(PyExc_ValueError, "x1"), *x2 = exc(PyExc_ValueError, "x2");
    PyException_SetContext(x1, Py_NewRef(x2));
    PyException_SetContext(x2, Py_NewRef(x1));        /* a cycle */
    fprintf(stderr, "=6\n");
    PyErr_DisplayException(x1);
    PyObject *inner = PyTuple_Pack(2, exc(PyExc_IndexError, "i"), exc(PyExc_ValueError, "line1\nline2"));
    PyErr_SetObject(PyExc_BaseExceptionGroup, targs(2, S("inner group"), inner));
    PyObject *ieg = PyErr_GetRaisedException();
    PyErr_SetObject(PyExc_BaseExceptionGroup, targs(2, S("eg"), targs(3, exc(PyExc_ValueError, "a"), b, ieg)));
    fprintf(stderr, "=7\n");
    PyErr_DisplayException(PyErr_GetRaisedException());
    PyErr_SetObject(PyExc_SyntaxError, targs(2, S("invalid syntax"), targs(4, S("f.py"), I(2), I(5), S("   x = = 1\n"))));
    fprintf(stderr, "=8\n");
    PyErr_DisplayException(PyErr_GetRaisedException());
    PyErr_SetObject(PyExc_SyntaxError, targs(2, S("msg"), targs(4, S("f.py"), Py_NewRef(Py_None), Py_NewRef(Py_None), Py_NewRef(Py_None))));
    PyErr_DisplayException(PyErr_GetRaisedException());
    PyErr_SetObject(PyExc_SyntaxError, PyTuple_New(0));
    PyErr_DisplayException(PyErr_GetRaisedException());
    PyErr_SetObject(PyExc_SyntaxError, targs(2, S("bad"), targs(6, S("<x>"), I(1), I(1), S("\tab cd\n"), I(1), I(4))));
    PyErr_DisplayException(PyErr_GetRaisedException());
    PyErr_SetObject(PyExc_IndentationError, targs(2, S(""), targs(4, S("f"), I(3), I(0), S("abc"))));
    PyErr_DisplayException(PyErr_GetRaisedException());
    PyErr_SetObject(PyExc_SyntaxError, targs(2, S("bad"), targs(4, S(""), I(3), I(100), S("abc"))));
    PyErr_DisplayException(PyErr_GetRaisedException());
    fprintf(stderr, "=9\n");
    PyObject *my = PyErr_NewException("mymod.sub.MyError", NULL, NULL);
    PyErr_DisplayException(exc(my, "custom"));
    PyObject *bm = PyErr_NewException("builtins.BError", NULL, NULL);
    PyErr_DisplayException(exc(bm, "b"));
    PyObject *mm = PyErr_NewException("__main__.MError", NULL, NULL);
    PyErr_DisplayException(exc(mm, "m"));
    fprintf(stderr, "=10\n");
    PyErr_Display(NULL, I(5), NULL);
    PyErr_DisplayException(exc(PyExc_KeyError, ""));
    PyErr_DisplayException(exc(PyExc_KeyboardInterrupt, ""));
    PyErr_SetObject(PyExc_OSError, targs(3, S("2"), S("No such file or directory"), S("/nope")));
    PyErr_DisplayException(PyErr_GetRaisedException());
    fprintf(stderr, "=11\n");
    PyErr_SetString(PyExc_ValueError, "p");
    PyErr_Print();
    PyErr_Print();                                    /* nothing set: nothing printed */
    PyErr_SetString(PyExc_ValueError, "u");
    PyErr_WriteUnraisable(S("ctx"));
    PyErr_SetString(PyExc_ValueError, "u2");
    PyErr_WriteUnraisable(NULL);
    PyErr_SetNone(PyExc_ValueError);
    PyErr_WriteUnraisable(Py_None);
    PyErr_SetString(my, "x");
    PyErr_WriteUnraisable(NULL);
    PyErr_SetString(PyExc_TypeError, "b");
    PyErr_SetRaisedException(b);
    PyErr_WriteUnraisable(S("three"));                /* chains are not printed */
    PyErr_WriteUnraisable(Py_None);                   /* nothing set: nothing printed */
    fprintf(stderr, "=end occurred=%d\n", PyErr_Occurred() != NULL);
}

static const char *display_expected =
    "=1\n"
    "ValueError: bad\n"
    "=2\n"
    "ValueError\n"
    "=3\n"
    "ValueError: inner\n"
    "\n"
    "During handling of the above exception, another exception occurred:\n"
    "\n"
    "TypeError: outer\n"
    "=4\n"
    "ValueError: inner\n"
    "\n"
    "During handling of the above exception, another exception occurred:\n"
    "\n"
    "TypeError: outer\n"
    "\n"
    "The above exception was the direct cause of the following exception:\n"
    "\n"
    "KeyError: 'k'\n"
    "=5\n"
    "RuntimeError: r\n"
    "=6\n"
    "ValueError: x2\n"
    "\n"
    "During handling of the above exception, another exception occurred:\n"
    "\n"
    "ValueError: x1\n"
    "=7\n"
    "  | ExceptionGroup: eg (3 sub-exceptions)\n"
    "  +-+---------------- 1 ----------------\n"
    "    | ValueError: a\n"
    "    +---------------- 2 ----------------\n"
    "    | ValueError: inner\n"
    "    | \n"
    "    | During handling of the above exception, another exception occurred:\n"
    "    | \n"
    "    | TypeError: outer\n"
    "    +---------------- 3 ----------------\n"
    "    | ExceptionGroup: inner group (2 sub-exceptions)\n"
    "    +-+---------------- 1 ----------------\n"
    "      | IndexError: i\n"
    "      +---------------- 2 ----------------\n"
    "      | ValueError: line1\n"
    "      | line2\n"
    "      +------------------------------------\n"
    "=8\n"
    "  File \"f.py\", line 2\n"
    "    x = = 1\n"
    "     ^^^^^^\n"
    "SyntaxError: invalid syntax\n"
    "SyntaxError: msg (f.py)\n"
    "SyntaxError: <no detail available>\n"
    "  File \"<x>\", line 1\n"
    "    \tab cd\n"
    "    ^^^\n"
    "SyntaxError: bad\n"
    "  File \"f\", line 3\n"
    "    abc\n"
    "IndentationError: <no detail available>\n"
    "  File \"<string>\", line 3\n"
    "    abc\n"
    "       ^\n"
    "SyntaxError: bad\n"
    "=9\n"
    "mymod.sub.MyError: custom\n"
    "BError: b\n"
    "MError: m\n"
    "=10\n"
    "TypeError: print_exception(): Exception expected for value, int found\n"
    "KeyError: ''\n"
    "KeyboardInterrupt\n"
    "OSError: [Errno 2] No such file or directory: '/nope'\n"
    "=11\n"
    "ValueError: p\n"
    "Exception ignored in: 'ctx'\n"
    "ValueError: u\n"
    "ValueError: u2\n"
    "ValueError: \n"
    "mymod.sub.MyError: x\n"
    "Exception ignored in: 'three'\n"
    "TypeError: outer\n"
    "=end occurred=0\n";

static void print_system_exit(void *arg) {
    const char *code = arg;
    PyObject *c = code[0] == 'n' ? Py_NewRef(Py_None) : code[0] == 's' ? S("bye") : I(atoi(code));
    if (code[0] == 'e') {
        PyErr_SetNone(PyExc_SystemExit);              /* no argument: code None */
    } else {
        PyErr_SetObject(PyExc_SystemExit, c);
    }
    Py_DECREF(c);
    PyErr_Print();
    fprintf(stderr, "not reached\n");
    _exit(99);
}

static void warn_cases(void *arg) {
    int failed_before = t_failed;
    CHECK_INT(PyErr_WarnEx(PyExc_RuntimeWarning, "hello", 1), 0);
    CHECK_INT(PyErr_WarnEx(PyExc_RuntimeWarning, "hello", 1), 0);   /* once */
    CHECK_INT(PyErr_WarnEx(PyExc_UserWarning, "hello", 1), 0);      /* another category */
    CHECK_INT(PyErr_WarnEx(PyExc_DeprecationWarning, "dep", 1), 0); /* ignored by default */
    CHECK_INT(PyErr_WarnEx(PyExc_PendingDeprecationWarning, "pdep", 1), 0);
    CHECK_INT(PyErr_WarnEx(PyExc_ImportWarning, "imp", 1), 0);
    CHECK_INT(PyErr_WarnEx(PyExc_ResourceWarning, "res", 1), 0);
    CHECK_INT(PyErr_WarnEx(NULL, "nullcat", 1), 0);                  /* RuntimeWarning */
    CHECK_INT(PyErr_WarnEx(PyExc_FutureWarning, "level2", 2), 0);
    CHECK_INT(PyErr_WarnExplicit(PyExc_UserWarning, "explicit", "file.py", 7, "mod", NULL), 0);
    CHECK_INT(PyErr_WarnExplicit(PyExc_UserWarning, "explicit", "file.py", 7, "mod", NULL), 0);
    CHECK_INT(PyErr_WarnExplicit(PyExc_DeprecationWarning, "main", "x.py", 1, "__main__", NULL), 0);
    CHECK_INT(PyErr_WarnExplicit(PyExc_DeprecationWarning, "other", "x.py", 1, "other", NULL), 0);
    CHECK(!PyErr_Occurred());
    fprintf(stderr, "=warned %d failed\n", t_failed - failed_before);
}

static const char *warn_expected =
    "<sys>:0: RuntimeWarning: hello\n"
    "<sys>:0: UserWarning: hello\n"
    "<sys>:0: RuntimeWarning: nullcat\n"
    "<sys>:0: FutureWarning: level2\n"
    "file.py:7: UserWarning: explicit\n"
    "file.py:7: UserWarning: explicit\n"
    "x.py:1: DeprecationWarning: main\n"
    "=warned 0 failed\n";

static void test_printing(void) {
    child_result r = run_in_child(display_cases, NULL, 30);
    CHECK(!r.signaled && r.code == 0);
    CHECK_STR(r.err, display_expected);

    const char *codes[] = { "n", "e", "3", "0", "s" };
    int statuses[] = { 0, 0, 3, 0, 1 };
    for (int i = 0; i < 5; i++) {
        r = run_in_child(print_system_exit, (void *)codes[i], 30);
        CHECK(!r.signaled);
        CHECK_INT(r.code, statuses[i]);
        CHECK(strstr(r.err, "not reached") == NULL);
        if (codes[i][0] == 's') CHECK_STR(r.err, "bye\n");
        else CHECK_STR(r.err, "");
    }

    r = run_in_child(warn_cases, NULL, 30);
    CHECK(!r.signaled && r.code == 0);
    CHECK_STR(r.err, warn_expected);
}

int main(void) {
    Py_Initialize();
    test_from_errno();
    test_normalize_and_handled();
    test_new_exception();
    test_location_and_import();
    test_printing();
    CHECK(PyErr_Occurred() == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
