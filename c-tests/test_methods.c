/*
 * test_methods.c: builtin functions and methods made from PyMethodDef (PyCFunction_New,
 * PyCFunction_NewEx, PyCMethod_New): every calling convention with right and wrong
 * argument counts and keywords (CPython 3.13's messages), through PyObject_Vectorcall and
 * PyObject_Call; what each C function receives; repr, hash and comparison; the accessors;
 * bad flags; reference counts of self, module, class, arguments and results.
 */
#include "obj_util.h"
#include <stddef.h>

/* What the last C function call received. */
static struct {
    int calls;
    PyObject *self;
    PyTypeObject *cls;
    PyObject *arg;       /* METH_O's argument, or VARARGS' tuple */
    PyObject *kwargs;    /* VARARGS|KEYWORDS' dict (NULL if none) */
    Py_ssize_t nargs;
    PyObject *kwnames;
    PyObject *first;     /* args[0] of the vector forms */
    PyObject *last_kwval;
    int arg_was_null;
} got;

static void reset(void) { memset(&got, 0, sizeof got); }

static PyObject *f_noargs(PyObject *self, PyObject *unused) {
    got.calls++; got.self = self; got.arg_was_null = unused == NULL;
    Py_RETURN_NONE;
}
static PyObject *f_o(PyObject *self, PyObject *arg) {
    got.calls++; got.self = self; got.arg = arg;
    return Py_NewRef(arg);
}
static PyObject *f_varargs(PyObject *self, PyObject *args) {
    got.calls++; got.self = self; got.arg = args; got.nargs = PyTuple_GET_SIZE(args);
    return Py_NewRef(args);
}
static PyObject *f_varargs_kw(PyObject *self, PyObject *args, PyObject *kwargs) {
    got.calls++; got.self = self; got.arg = args; got.kwargs = kwargs; got.nargs = PyTuple_GET_SIZE(args);
    if (kwargs != NULL) return Py_NewRef(kwargs);
    return Py_NewRef(args);
}
static PyObject *f_fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    got.calls++; got.self = self; got.nargs = nargs; got.first = nargs ? args[0] : NULL;
    return PyLong_FromSsize_t(nargs);
}
static PyObject *f_fast_kw(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    got.calls++; got.self = self; got.nargs = nargs; got.kwnames = kwnames;
    got.first = nargs ? args[0] : NULL;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    got.last_kwval = nkw ? args[nargs + nkw - 1] : NULL;
    return PyLong_FromSsize_t(nargs * 100 + nkw);
}
static PyObject *f_method(PyObject *self, PyTypeObject *cls, PyObject *const *args, size_t nargs, PyObject *kwnames) {
    got.calls++; got.self = self; got.cls = cls; got.nargs = (Py_ssize_t)nargs; got.kwnames = kwnames;
    got.first = nargs ? args[0] : NULL;
    return PyLong_FromSize_t(nargs);
}
static PyObject *f_raise(PyObject *self, PyObject *unused) {
    PyErr_SetString(PyExc_ValueError, "from the function");
    return NULL;
}
static PyObject *f_other(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

static PyMethodDef d_noargs = {"f_noargs", f_noargs, METH_NOARGS, NULL};
static PyMethodDef d_o = {"f_o", f_o, METH_O, NULL};
static PyMethodDef d_varargs = {"f_varargs", f_varargs, METH_VARARGS, "f_varargs(a, b)\n--\n\nDoc."};
static PyMethodDef d_varargs_kw = {"f_varargs_kw", _PyCFunction_CAST(f_varargs_kw), METH_VARARGS | METH_KEYWORDS, NULL};
static PyMethodDef d_fast = {"f_fast", _PyCFunction_CAST(f_fast), METH_FASTCALL, NULL};
static PyMethodDef d_fast_kw = {"f_fast_kw", _PyCFunction_CAST(f_fast_kw), METH_FASTCALL | METH_KEYWORDS, NULL};
static PyMethodDef d_method = {"f_method", _PyCFunction_CAST(f_method), METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL};
static PyMethodDef d_raise = {"f_raise", f_raise, METH_NOARGS, NULL};
static PyMethodDef d_other = {"f_other", f_other, METH_NOARGS, NULL};
static PyMethodDef d_static = {"f_static", f_noargs, METH_NOARGS | METH_STATIC, NULL};

/* A vector of three ints with a writable slot in front; kwnames ("k",). */
static PyObject *slots[5];
static PyObject **vec;
static PyObject *kwnames_k;
static PyObject *empty_kwnames;

static PyObject *kwdict(const char *k, long v) {
    PyObject *d = PyDict_New();
    PyObject *o = I(v);
    PyDict_SetItemString(d, k, o);
    Py_DECREF(o);
    return d;
}

static void test_noargs(void) {
    PyObject *f = PyCFunction_New(&d_noargs, NULL);
    CHECK(f != NULL && PyCFunction_Check(f) && PyCFunction_CheckExact(f));
    reset();
    PyObject *r = PyObject_Vectorcall(f, NULL, 0, NULL);
    CHECK(r == Py_None && got.calls == 1 && got.self == NULL && got.arg_was_null);
    Py_XDECREF(r);
    r = PyObject_Vectorcall(f, vec, 1, NULL);
    CHECK(r == NULL);
    CHECK_EXC(PyExc_TypeError, "f_noargs() takes no arguments (1 given)");
    r = PyObject_Vectorcall(f, vec, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    CHECK_EXC(PyExc_TypeError, "f_noargs() takes no arguments (3 given)");
    r = PyObject_Vectorcall(f, vec, 0, kwnames_k);
    CHECK(r == NULL);
    CHECK_EXC(PyExc_TypeError, "f_noargs() takes no keyword arguments");
    /* An empty kwnames tuple is no keywords. */
    r = PyObject_Vectorcall(f, vec, 0, empty_kwnames);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    CHECK(got.calls == 2);

    /* Through PyObject_Call: the tuple and dict become a vector. */
    PyObject *t0 = PyTuple_New(0), *t1 = PyTuple_Pack(1, Py_None);
    r = PyObject_Call(f, t0, NULL);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    CHECK(PyObject_Call(f, t1, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_noargs() takes no arguments (1 given)");
    PyObject *d = kwdict("a", 1);
    CHECK(PyObject_Call(f, t0, d) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_noargs() takes no keyword arguments");
    PyObject *empty = PyDict_New();
    r = PyObject_Call(f, t0, empty);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    r = PyObject_CallNoArgs(f);
    CHECK(r == Py_None);
    Py_XDECREF(r);
    CHECK(PyObject_CallOneArg(f, Py_None) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_noargs() takes no arguments (1 given)");

    /* A module other than builtins prefixes the name in the vectorcall messages. */
    PyObject *mod = S("mymod");
    PyObject *g = PyCFunction_NewEx(&d_noargs, NULL, mod);
    CHECK(PyObject_Vectorcall(g, vec, 2, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "mymod.f_noargs() takes no arguments (2 given)");
    CHECK(PyObject_Vectorcall(g, vec, 0, kwnames_k) == NULL);
    CHECK_EXC(PyExc_TypeError, "mymod.f_noargs() takes no keyword arguments");
    PyObject *builtins = S("builtins");
    PyObject *h = PyCFunction_NewEx(&d_noargs, NULL, builtins);
    CHECK(PyObject_Vectorcall(h, vec, 1, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "f_noargs() takes no arguments (1 given)");
    PyObject *hn = PyCFunction_NewEx(&d_noargs, NULL, Py_None);
    CHECK(PyObject_Vectorcall(hn, vec, 1, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "f_noargs() takes no arguments (1 given)");
    /* Bound to an object: named by its type. */
    PyObject *five = I(5);
    PyObject *b = PyCFunction_NewEx(&d_noargs, five, mod);
    reset();
    r = PyObject_CallNoArgs(b);
    CHECK(r == Py_None && got.self == five);
    Py_XDECREF(r);
    CHECK(PyObject_Vectorcall(b, vec, 1, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "mymod.int.f_noargs() takes no arguments (1 given)");
    Py_DECREF(b); Py_DECREF(five); Py_DECREF(h); Py_DECREF(hn); Py_DECREF(builtins); Py_DECREF(g);
    Py_DECREF(mod); Py_DECREF(empty); Py_DECREF(d); Py_DECREF(t0); Py_DECREF(t1); Py_DECREF(f);
}

static void test_o(void) {
    PyObject *f = PyCFunction_New(&d_o, NULL);
    reset();
    PyObject *r = PyObject_Vectorcall(f, vec, 1, NULL);
    CHECK(r == vec[0] && got.arg == vec[0] && got.calls == 1);
    Py_XDECREF(r);
    CHECK(PyObject_Vectorcall(f, NULL, 0, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_o() takes exactly one argument (0 given)");
    CHECK(PyObject_Vectorcall(f, vec, 2, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_o() takes exactly one argument (2 given)");
    CHECK(PyObject_Vectorcall(f, vec, 1, kwnames_k) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_o() takes no keyword arguments");
    r = PyObject_CallOneArg(f, vec[1]);
    CHECK(r == vec[1]);
    Py_XDECREF(r);
    PyObject *t = PyTuple_Pack(1, vec[2]);
    r = PyObject_Call(f, t, NULL);
    CHECK(r == vec[2]);
    Py_XDECREF(r);
    PyObject *d = kwdict("x", 1);
    CHECK(PyObject_Call(f, t, d) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_o() takes no keyword arguments");
    CHECK(PyObject_CallNoArgs(f) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_o() takes exactly one argument (0 given)");
    Py_DECREF(d); Py_DECREF(t); Py_DECREF(f);
}

static void test_varargs(void) {
    PyObject *f = PyCFunction_New(&d_varargs, NULL);
    /* METH_VARARGS functions have no vectorcall: tp_call builds the tuple. */
    CHECK(PyVectorcall_Function(f) == NULL);
    CHECK(((PyCFunctionObject *)f)->vectorcall == NULL);
    reset();
    PyObject *r = PyObject_Vectorcall(f, vec, 3, NULL);
    CHECK(r != NULL && PyTuple_Check(r) && PyTuple_GET_SIZE(r) == 3 && PyTuple_GET_ITEM(r, 2) == vec[2]);
    CHECK(got.calls == 1 && got.nargs == 3);
    Py_XDECREF(r);
    r = PyObject_Vectorcall(f, NULL, 0, NULL);
    CHECK(r != NULL && PyTuple_GET_SIZE(r) == 0);
    Py_XDECREF(r);
    CHECK(PyObject_Vectorcall(f, vec, 1, kwnames_k) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_varargs() takes no keyword arguments");
    PyObject *t = PyTuple_Pack(2, vec[0], vec[1]);
    reset();
    r = PyObject_Call(f, t, NULL);
    CHECK(r == t && got.arg == t);      /* the caller's tuple itself */
    Py_XDECREF(r);
    PyObject *d = kwdict("x", 1);
    CHECK(PyObject_Call(f, t, d) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_varargs() takes no keyword arguments");
    /* This message names the definition only, even with a module. */
    PyObject *mod = S("mymod");
    PyObject *g = PyCFunction_NewEx(&d_varargs, NULL, mod);
    CHECK(PyObject_Call(g, t, d) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "f_varargs() takes no keyword arguments");
    PyObject *empty = PyDict_New();
    r = PyObject_Call(f, t, empty);
    CHECK(r == t);
    Py_XDECREF(r);
    Py_DECREF(empty); Py_DECREF(g); Py_DECREF(mod); Py_DECREF(d); Py_DECREF(t); Py_DECREF(f);
}

static void test_varargs_keywords(void) {
    PyObject *f = PyCFunction_New(&d_varargs_kw, NULL);
    CHECK(PyVectorcall_Function(f) == NULL);
    reset();
    PyObject *r = PyObject_Vectorcall(f, vec, 2, NULL);
    CHECK(r != NULL && PyTuple_GET_SIZE(r) == 2 && got.kwargs == NULL);
    Py_XDECREF(r);
    /* kwnames become a dict. */
    reset();
    r = PyObject_Vectorcall(f, vec, 2, kwnames_k);
    CHECK(r != NULL && PyDict_Check(r) && PyDict_GET_SIZE(r) == 1);
    CHECK(r != NULL && PyDict_GetItemString(r, "k") == vec[2]);
    CHECK(got.nargs == 2);
    Py_XDECREF(r);
    PyObject *t = PyTuple_Pack(1, vec[0]);
    PyObject *d = kwdict("x", 7);
    reset();
    r = PyObject_Call(f, t, d);
    CHECK(r == d && got.arg == t && got.kwargs == d);  /* passed through as they are */
    Py_XDECREF(r);
    r = PyObject_VectorcallDict(f, vec, 1, d);
    CHECK(r != NULL && PyDict_Check(r) && PyLong_AsLong(PyDict_GetItemString(r, "x")) == 7);
    Py_XDECREF(r);
    Py_DECREF(d); Py_DECREF(t); Py_DECREF(f);
}

static void test_fastcall(void) {
    PyObject *f = PyCFunction_New(&d_fast, NULL);
    CHECK(PyVectorcall_Function(f) != NULL);
    reset();
    PyObject *r = PyObject_Vectorcall(f, vec, 3, NULL);
    CHECK(r != NULL && PyLong_AsLong(r) == 3 && got.first == vec[0]);
    Py_XDECREF(r);
    reset();
    r = PyObject_Vectorcall(f, vec, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    CHECK(r != NULL && got.nargs == 2);     /* the flag is not part of nargs */
    Py_XDECREF(r);
    CHECK(PyObject_Vectorcall(f, vec, 1, kwnames_k) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_fast() takes no keyword arguments");
    PyObject *t = PyTuple_Pack(2, vec[0], vec[1]);
    reset();
    r = PyObject_Call(f, t, NULL);
    CHECK(r != NULL && PyLong_AsLong(r) == 2 && got.first == vec[0]);
    Py_XDECREF(r);
    PyObject *d = kwdict("x", 1);
    CHECK(PyObject_Call(f, t, d) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_fast() takes no keyword arguments");
    CHECK(PyObject_VectorcallDict(f, vec, 1, d) == NULL);
    CHECK_EXC(PyExc_TypeError, "f_fast() takes no keyword arguments");
    Py_DECREF(d); Py_DECREF(t); Py_DECREF(f);
}

static void test_fastcall_keywords(void) {
    PyObject *f = PyCFunction_New(&d_fast_kw, NULL);
    reset();
    PyObject *r = PyObject_Vectorcall(f, vec, 2, kwnames_k);
    CHECK(r != NULL && PyLong_AsLong(r) == 201);
    CHECK(got.kwnames == kwnames_k && got.last_kwval == vec[2] && got.first == vec[0]);
    Py_XDECREF(r);
    /* A dict becomes kwnames + values after the positional ones. */
    PyObject *t = PyTuple_Pack(1, vec[0]);
    PyObject *d = kwdict("x", 9);
    reset();
    r = PyObject_Call(f, t, d);
    CHECK(r != NULL && PyLong_AsLong(r) == 101);
    CHECK(got.kwnames != NULL && PyTuple_GET_SIZE(got.kwnames) == 1);
    CHECK(got.last_kwval != NULL && PyLong_AsLong(got.last_kwval) == 9);
    Py_XDECREF(r);
    reset();
    r = PyObject_VectorcallDict(f, vec, 3, d);
    CHECK(r != NULL && PyLong_AsLong(r) == 301 && got.first == vec[0]);
    Py_XDECREF(r);
    /* An empty dict is no keywords: kwnames NULL. */
    PyObject *empty = PyDict_New();
    reset();
    r = PyObject_Call(f, t, empty);
    CHECK(r != NULL && got.kwnames == NULL && PyLong_AsLong(r) == 100);
    Py_XDECREF(r);
    /* Keys must be strings. */
    PyObject *bad = PyDict_New();
    PyObject *one = I(1);
    PyDict_SetItem(bad, one, one);
    CHECK(PyObject_Call(f, t, bad) == NULL);
    CHECK_EXC(PyExc_TypeError, "keywords must be strings");
    CHECK(PyObject_VectorcallDict(f, vec, 1, bad) == NULL);
    CHECK_EXC(PyExc_TypeError, "keywords must be strings");
    Py_DECREF(one); Py_DECREF(bad); Py_DECREF(empty); Py_DECREF(d); Py_DECREF(t); Py_DECREF(f);
}

static void test_method(void) {
    PyObject *self = I(42);
    Py_ssize_t cls_refs = Py_REFCNT((PyObject *)&PyLong_Type);
    PyObject *f = PyCMethod_New(&d_method, self, NULL, &PyLong_Type);
    CHECK(f != NULL && PyCMethod_Check(f) && PyCMethod_CheckExact(f) && PyCFunction_Check(f));
    CHECK(!PyCFunction_CheckExact(f));
    CHECK(f != NULL && ((PyCMethodObject *)f)->mm_class == &PyLong_Type);
    CHECK(PyCFunction_GET_CLASS(f) == &PyLong_Type);
    (void)cls_refs;
    reset();
    PyObject *r = PyObject_Vectorcall(f, vec, 2, kwnames_k);
    CHECK(r != NULL && PyLong_AsLong(r) == 2);
    CHECK(got.self == self && got.cls == &PyLong_Type && got.kwnames == kwnames_k && got.first == vec[0]);
    Py_XDECREF(r);
    /* nargs arrives without PY_VECTORCALL_ARGUMENTS_OFFSET. */
    reset();
    r = PyObject_Vectorcall(f, vec, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    CHECK(r != NULL && got.nargs == 1);
    Py_XDECREF(r);
    PyObject *t = PyTuple_Pack(1, vec[0]);
    PyObject *d = kwdict("x", 1);
    reset();
    r = PyObject_Call(f, t, d);
    CHECK(r != NULL && got.nargs == 1 && got.kwnames != NULL && got.cls == &PyLong_Type);
    Py_XDECREF(r);
    PyObject *type = PyObject_Type(f);
    CHECK(type == (PyObject *)&PyCMethod_Type);
    CHECK_STR(((PyTypeObject *)type)->tp_name, "builtin_method");
    CHECK(PyCMethod_Type.tp_base == &PyCFunction_Type);
    Py_XDECREF(type);
    Py_DECREF(d); Py_DECREF(t); Py_DECREF(f); Py_DECREF(self);
}

static void test_bad_flags(void) {
    static PyMethodDef bad[] = {
        {"b_noargs_o", f_noargs, METH_NOARGS | METH_O, NULL},
        {"b_none", f_noargs, 0, NULL},
        {"b_kw_only", f_noargs, METH_KEYWORDS, NULL},
        {"b_o_kw", f_noargs, METH_O | METH_KEYWORDS, NULL},
        {"b_method_fast", f_noargs, METH_METHOD | METH_FASTCALL, NULL},
        {"b_method_noargs", f_noargs, METH_METHOD | METH_NOARGS, NULL},
        {"b_varargs_fast", f_noargs, METH_VARARGS | METH_FASTCALL, NULL},
    };
    char want[128];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(PyCMethod_New(&bad[i], NULL, NULL, &PyLong_Type) == NULL);
        snprintf(want, sizeof want, "%s() method: bad call flags", bad[i].ml_name);
        CHECK_STR(err_text(PyExc_SystemError), want);
        CHECK(PyCFunction_New(&bad[i], NULL) == NULL);
        CHECK_STR(err_text(PyExc_SystemError), want);
    }
    /* METH_CLASS, METH_STATIC and METH_COEXIST do not change the convention. */
    static PyMethodDef ok = {"ok", f_noargs, METH_NOARGS | METH_CLASS | METH_COEXIST, NULL};
    PyObject *f = PyCFunction_New(&ok, NULL);
    CHECK(f != NULL);
    Py_XDECREF(f);
    CHECK(PyCFunction_New(&d_method, NULL) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "attempting to create PyCMethod with a METH_METHOD flag but no class");
    CHECK(PyCMethod_New(&d_noargs, NULL, NULL, &PyLong_Type) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "attempting to create PyCFunction with class but no METH_METHOD flag");
}

static void test_repr_hash_compare(void) {
    PyObject *f = PyCFunction_New(&d_noargs, NULL);
    CHECK_STR(repr(f), "<built-in function f_noargs>");
    PyObject *type = PyObject_Type(f);
    CHECK(type == (PyObject *)&PyCFunction_Type);
    CHECK_STR(repr(type), "<class 'builtin_function_or_method'>");
    Py_XDECREF(type);
    PyObject *five = I(1000);
    PyObject *b = PyCFunction_New(&d_o, five);
    char want[128];
    snprintf(want, sizeof want, "<built-in method f_o of int object at %p>", (void *)five);
    CHECK_STR(repr(b), want);
    PyObject *l = PyList_New(0);
    PyObject *bl = PyCFunction_New(&d_o, l);
    snprintf(want, sizeof want, "<built-in method f_o of list object at %p>", (void *)l);
    CHECK_STR(repr(bl), want);

    /* Equal: same self (identity) and same C function; hash agrees. */
    PyObject *f2 = PyCFunction_NewEx(&d_noargs, NULL, Py_None);
    static PyMethodDef same_c = {"other_name", f_noargs, METH_NOARGS, NULL};
    PyObject *f3 = PyCFunction_New(&same_c, NULL);
    PyObject *g = PyCFunction_New(&d_other, NULL);
    PyObject *b2 = PyCFunction_New(&d_o, five);
    PyObject *other5 = I(1000);
    PyObject *b3 = PyCFunction_New(&d_o, other5);
    CHECK_INT(PyObject_RichCompareBool(f, f2, Py_EQ), 1);
    CHECK_INT(PyObject_RichCompareBool(f, f3, Py_EQ), 1);
    CHECK_INT(PyObject_RichCompareBool(f, g, Py_EQ), 0);
    CHECK_INT(PyObject_RichCompareBool(f, g, Py_NE), 1);
    CHECK_INT(PyObject_RichCompareBool(b, b2, Py_EQ), 1);
    CHECK_INT(PyObject_RichCompareBool(b, b3, Py_EQ), 0);   /* equal ints, different objects */
    CHECK_INT(PyObject_RichCompareBool(f, Py_None, Py_EQ), 0);
    CHECK(PyObject_Hash(f) == PyObject_Hash(f2));
    CHECK(PyObject_Hash(b) == PyObject_Hash(b2));
    CHECK(PyObject_Hash(f) != -1);
    PyObject *lt = PyObject_RichCompare(f, f2, Py_LT);
    CHECK(lt == NULL);
    CHECK_EXC(PyExc_TypeError, "'<' not supported between instances of 'builtin_function_or_method' and 'builtin_function_or_method'");
    CHECK(PyCallable_Check(f));
    Py_DECREF(b3); Py_DECREF(other5); Py_DECREF(b2); Py_DECREF(g); Py_DECREF(f3); Py_DECREF(f2);
    Py_DECREF(bl); Py_DECREF(l); Py_DECREF(b); Py_DECREF(five); Py_DECREF(f);
}

static void test_accessors(void) {
    PyObject *self = I(1234);
    PyObject *mod = S("mod");
    PyObject *f = PyCFunction_NewEx(&d_fast, self, mod);
    CHECK(PyCFunction_GetFunction(f) == (PyCFunction)(void (*)(void))f_fast);
    CHECK(PyCFunction_GetSelf(f) == self);
    CHECK_INT(PyCFunction_GetFlags(f), METH_FASTCALL);
    CHECK(PyCFunction_GET_FUNCTION(f) == (PyCFunction)(void (*)(void))f_fast);
    CHECK(PyCFunction_GET_SELF(f) == self);
    CHECK_INT(PyCFunction_GET_FLAGS(f), METH_FASTCALL);
    CHECK(PyCFunction_GET_CLASS(f) == NULL);
    PyCFunctionObject *fo = (PyCFunctionObject *)f;
    CHECK(fo->m_ml == &d_fast && fo->m_self == self && fo->m_module == mod && fo->m_weakreflist == NULL);
    CHECK(fo->vectorcall != NULL && PyVectorcall_Function(f) == fo->vectorcall);
    CHECK(Py_TYPE(f)->tp_vectorcall_offset == (Py_ssize_t)offsetof(PyCFunctionObject, vectorcall));
    CHECK(PyType_HasFeature(Py_TYPE(f), Py_TPFLAGS_HAVE_VECTORCALL));
    CHECK(PyType_HasFeature(Py_TYPE(f), Py_TPFLAGS_HAVE_GC));
    CHECK(PyObject_IS_GC(f));
    /* METH_STATIC: no self is passed, whatever m_self holds. */
    PyObject *s = PyCFunction_New(&d_static, self);
    CHECK(PyCFunction_GetSelf(s) == NULL && PyCFunction_GET_SELF(s) == NULL);
    reset();
    PyObject *r = PyObject_CallNoArgs(s);
    CHECK(r == Py_None && got.calls == 1 && got.self == NULL);
    Py_XDECREF(r);
    /* Not a builtin function. */
    CHECK(PyCFunction_GetFunction(self) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK(PyCFunction_GetSelf(self) == NULL);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    CHECK_INT(PyCFunction_GetFlags(self), -1);
    CHECK_EXC(PyExc_SystemError, "bad argument to internal function");
    Py_DECREF(s); Py_DECREF(f); Py_DECREF(mod); Py_DECREF(self);
}

static void test_refcounts(void) {
    PyObject *self = I(987654);
    PyObject *mod = S("refmod");
    Py_ssize_t rs = Py_REFCNT(self), rm = Py_REFCNT(mod);
    PyObject *f = PyCFunction_NewEx(&d_o, self, mod);
    CHECK_INT(Py_REFCNT(self), rs + 1);
    CHECK_INT(Py_REFCNT(mod), rm + 1);
    CHECK_INT(Py_REFCNT(f), 1);
    /* The argument is borrowed by the call; the result is the function's new reference. */
    PyObject *arg = I(55555);
    Py_ssize_t ra = Py_REFCNT(arg);
    PyObject *r = PyObject_CallOneArg(f, arg);
    CHECK(r == arg);
    CHECK_INT(Py_REFCNT(arg), ra + 1);
    Py_XDECREF(r);
    CHECK_INT(Py_REFCNT(arg), ra);
    PyObject *t = PyTuple_Pack(1, arg);
    Py_ssize_t rt = Py_REFCNT(t);
    r = PyObject_Call(f, t, NULL);
    Py_XDECREF(r);
    CHECK_INT(Py_REFCNT(t), rt);
    CHECK_INT(Py_REFCNT(arg), ra + 1);     /* the tuple's */
    /* Keyword conversion leaves no references behind. */
    PyObject *g = PyCFunction_New(&d_fast_kw, NULL);
    PyObject *d = PyDict_New();
    PyDict_SetItemString(d, "kw", arg);
    Py_ssize_t rd = Py_REFCNT(d);
    ra = Py_REFCNT(arg);
    r = PyObject_Call(g, t, d);
    CHECK(r != NULL);
    Py_XDECREF(r);
    r = PyObject_VectorcallDict(g, &arg, 1, d);
    Py_XDECREF(r);
    CHECK_INT(Py_REFCNT(arg), ra);
    CHECK_INT(Py_REFCNT(d), rd);
    PyObject *h = PyCFunction_New(&d_varargs_kw, NULL);
    r = PyObject_Vectorcall(h, vec, 2, kwnames_k);
    Py_XDECREF(r);
    CHECK_INT(Py_REFCNT(kwnames_k), 1);
    CHECK_INT(Py_REFCNT(vec[2]), 1);
    /* The class of a METH_METHOD function is held and released. */
    PyObject *cls_holder = PyCMethod_New(&d_method, NULL, NULL, &PyLong_Type);
    Py_XDECREF(cls_holder);
    Py_DECREF(h); Py_DECREF(d); Py_DECREF(g); Py_DECREF(t);
    Py_DECREF(f);
    CHECK_INT(Py_REFCNT(self), rs);
    CHECK_INT(Py_REFCNT(mod), rm);
    Py_DECREF(arg); Py_DECREF(mod); Py_DECREF(self);
}

static void test_errors_pass_through(void) {
    PyObject *f = PyCFunction_New(&d_raise, NULL);
    CHECK(PyObject_CallNoArgs(f) == NULL);
    CHECK_EXC(PyExc_ValueError, "from the function");
    PyObject *t = PyTuple_New(0);
    CHECK(PyObject_Call(f, t, NULL) == NULL);
    CHECK_EXC(PyExc_ValueError, "from the function");
    Py_DECREF(t); Py_DECREF(f);
}

int main(void) {
    Py_Initialize();
    slots[0] = NULL;
    slots[1] = I(100001); slots[2] = I(100002); slots[3] = I(100003);
    vec = slots + 1;
    PyObject *k = S("k");
    kwnames_k = PyTuple_Pack(1, k);
    Py_DECREF(k);
    empty_kwnames = PyTuple_New(0);
    test_noargs();
    test_o();
    test_varargs();
    test_varargs_keywords();
    test_fastcall();
    test_fastcall_keywords();
    test_method();
    test_bad_flags();
    test_repr_hash_compare();
    test_accessors();
    test_refcounts();
    test_errors_pass_through();
    CHECK_NO_EXC();
    Py_DECREF(kwnames_k); Py_DECREF(empty_kwnames);
    for (int i = 1; i < 4; i++) Py_DECREF(slots[i]);
    Py_Finalize();
    return TEST_DONE();
}
