/*
 * test_slots_dunder.c: dunders in the dict of a class made by type(name, bases, dict) drive
 * its slots, as CPython 3.13's slot_* dispatchers: pow/rpow (two and three arguments), the
 * in-place operators, __bool__ (and __len__ for truth), __index__/__int__/__float__, the
 * unary operators, __get__/__set__/__delete__, __del__, __new__, __getattr__, the async
 * slots, and dunders set or deleted later (on the class and on its subclasses); the layout
 * type() gives instances (GC, managed __dict__ and weak references, none with __slots__).
 *
 * The dunders are method descriptors of a plain base class B (PyDescr_NewMethod), so they
 * bind to instances of every class derived from B as Python functions would.
 */
#include "obj_util.h"

static PyTypeObject *B;

static PyObject *make_class(const char *name, PyObject *base, PyObject *dict) {
    return PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", name, base, dict);
}

/* (tag, *args) */
static PyObject *tagged(const char *tag, PyObject *args) {
    PyObject *t = PyUnicode_FromString(tag);
    PyObject *head = PyTuple_Pack(1, t);
    PyObject *r = PySequence_Concat(head, args);
    Py_DECREF(t);
    Py_DECREF(head);
    return r;
}

#define TAGGER(fn, tag) \
    static PyObject *fn(PyObject *self, PyObject *args) { (void)self; return tagged(tag, args); }
TAGGER(f_pow, "pow")
TAGGER(f_rpow, "rpow")
TAGGER(f_iadd, "iadd")
TAGGER(f_ipow, "ipow")
TAGGER(f_imatmul, "imatmul")
TAGGER(f_get, "get")
TAGGER(f_getattr, "ga")
TAGGER(f_await, "await")
TAGGER(f_aiter, "aiter")
TAGGER(f_anext, "anext")

static PyObject *last_set;
static PyObject *f_set(PyObject *self, PyObject *args) {
    (void)self;
    Py_XSETREF(last_set, tagged("set", args));
    Py_RETURN_NONE;
}
static PyObject *f_delete(PyObject *self, PyObject *args) {
    (void)self;
    Py_XSETREF(last_set, tagged("delete", args));
    Py_RETURN_NONE;
}

static PyObject *f_false(PyObject *self, PyObject *unused) { (void)self; (void)unused; Py_RETURN_FALSE; }
static PyObject *f_one(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyLong_FromLong(1); }
static PyObject *f_zero(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyLong_FromLong(0); }
static PyObject *f_minus1(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyLong_FromLong(-1); }
static PyObject *f_float(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyFloat_FromDouble(2.5); }
static PyObject *f_neg(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyUnicode_FromString("neg"); }
static PyObject *f_pos(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyUnicode_FromString("pos"); }
static PyObject *f_abs(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyUnicode_FromString("abs"); }
static PyObject *f_invert(PyObject *self, PyObject *unused) { (void)self; (void)unused; return PyUnicode_FromString("invert"); }

static int del_count;
static PyObject *f_del(PyObject *self, PyObject *unused) { (void)self; (void)unused; del_count++; Py_RETURN_NONE; }

/* __new__ as a staticmethod of a builtin: (cls, *args) comes back. */
static PyObject *f_new(PyObject *self, PyObject *args) { (void)self; return Py_NewRef(args); }

static PyMethodDef defs[] = {
    {"__pow__", f_pow, METH_VARARGS, NULL},
    {"__rpow__", f_rpow, METH_VARARGS, NULL},
    {"__iadd__", f_iadd, METH_VARARGS, NULL},
    {"__ipow__", f_ipow, METH_VARARGS, NULL},
    {"__imatmul__", f_imatmul, METH_VARARGS, NULL},
    {"__get__", f_get, METH_VARARGS, NULL},
    {"__getattr__", f_getattr, METH_VARARGS, NULL},
    {"__await__", f_await, METH_VARARGS, NULL},
    {"__aiter__", f_aiter, METH_VARARGS, NULL},
    {"__anext__", f_anext, METH_VARARGS, NULL},
    {"__set__", f_set, METH_VARARGS, NULL},
    {"__delete__", f_delete, METH_VARARGS, NULL},
    {"false", f_false, METH_NOARGS, NULL},
    {"one", f_one, METH_NOARGS, NULL},
    {"zero", f_zero, METH_NOARGS, NULL},
    {"minus1", f_minus1, METH_NOARGS, NULL},
    {"__float__", f_float, METH_NOARGS, NULL},
    {"__neg__", f_neg, METH_NOARGS, NULL},
    {"__pos__", f_pos, METH_NOARGS, NULL},
    {"__abs__", f_abs, METH_NOARGS, NULL},
    {"__invert__", f_invert, METH_NOARGS, NULL},
    {"__del__", f_del, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};
static PyMethodDef new_def = {"__new__", f_new, METH_VARARGS, NULL};

/* A method descriptor of B for defs[] entry `cname`. */
static PyObject *meth(const char *cname) {
    for (PyMethodDef *d = defs; d->ml_name; d++) {
        if (strcmp(d->ml_name, cname) == 0) return PyDescr_NewMethod(B, d);
    }
    return NULL;
}

/* dict {dunder: meth(cname), ...} from NULL-terminated pairs. */
static PyObject *dict_of(const char *first, ...) {
    PyObject *d = PyDict_New();
    va_list ap;
    va_start(ap, first);
    for (const char *k = first; k; k = va_arg(ap, const char *)) {
        PyObject *m = meth(va_arg(ap, const char *));
        CHECK(m != NULL);
        PyDict_SetItemString(d, k, m);
        Py_DECREF(m);
    }
    va_end(ap);
    return d;
}

static PyObject *new_class(const char *name, PyObject *dict) {
    PyObject *c = make_class(name, (PyObject *)B, dict);
    CHECK(c != NULL);
    Py_DECREF(dict);
    return c;
}

static void test_pow(void) {
    PyObject *P = new_class("P", dict_of("__pow__", "__pow__", "__rpow__", "__rpow__", NULL));
    PyObject *p = PyObject_CallNoArgs(P), *two = PyLong_FromLong(2), *five = PyLong_FromLong(5);
    PyObject *r = PyNumber_Power(p, two, Py_None);
    CHECK_STR(repr(r), "('pow', 2)");
    Py_XDECREF(r);
    r = PyNumber_Power(two, p, Py_None);
    CHECK_STR(repr(r), "('rpow', 2)");
    Py_XDECREF(r);
    r = PyNumber_Power(p, two, five);
    CHECK_STR(repr(r), "('pow', 2, 5)");
    Py_XDECREF(r);
    CHECK(PyNumber_Power(two, p, five) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for ** or pow(): 'int', 'P', 'int'");
    /* In place: __ipow__ gets no modulus. */
    PyObject *I = new_class("I", dict_of("__iadd__", "__iadd__", "__ipow__", "__ipow__",
                                         "__imatmul__", "__imatmul__", NULL));
    PyObject *i = PyObject_CallNoArgs(I);
    r = PyNumber_InPlaceAdd(i, two);
    CHECK_STR(repr(r), "('iadd', 2)");
    Py_XDECREF(r);
    r = PyNumber_InPlacePower(i, five, Py_None);
    CHECK_STR(repr(r), "('ipow', 5)");
    Py_XDECREF(r);
    r = PyNumber_InPlaceMatrixMultiply(i, five);
    CHECK_STR(repr(r), "('imatmul', 5)");
    Py_XDECREF(r);
    CHECK(PyNumber_InPlaceSubtract(i, two) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for -=: 'I' and 'int'");
    Py_DECREF(i);
    Py_DECREF(I);
    Py_DECREF(p);
    Py_DECREF(P);
    Py_DECREF(two);
    Py_DECREF(five);
}

static void test_bool_and_numbers(void) {
    PyObject *F = new_class("F", dict_of("__bool__", "false", NULL));
    PyObject *o = PyObject_CallNoArgs(F);
    CHECK_INT(PyObject_IsTrue(o), 0);
    Py_DECREF(o);
    Py_DECREF(F);
    PyObject *W = new_class("W", dict_of("__bool__", "one", NULL));
    o = PyObject_CallNoArgs(W);
    CHECK_INT(PyObject_IsTrue(o), -1);
    CHECK_STR(err_text(PyExc_TypeError), "__bool__ should return bool, returned int");
    Py_DECREF(o);
    Py_DECREF(W);
    PyObject *L = new_class("L", dict_of("__len__", "zero", NULL));
    o = PyObject_CallNoArgs(L);
    CHECK_INT(PyObject_IsTrue(o), 0);
    Py_DECREF(o);
    Py_DECREF(L);
    PyObject *E = new_class("E", dict_of("__index__", "minus1", "__int__", "one", "__float__", "__float__",
                                         "__neg__", "__neg__", "__pos__", "__pos__", "__abs__", "__abs__",
                                         "__invert__", "__invert__", NULL));
    o = PyObject_CallNoArgs(E);
    CHECK_INT(PyObject_IsTrue(o), 1);
    PyObject *r = PyNumber_Index(o);
    CHECK_STR(repr(r), "-1");
    Py_XDECREF(r);
    CHECK_INT(PyNumber_AsSsize_t(o, NULL), -1);
    r = PyNumber_Long(o);
    CHECK_STR(repr(r), "1");
    Py_XDECREF(r);
    r = PyNumber_Float(o);
    CHECK_STR(repr(r), "2.5");
    Py_XDECREF(r);
    PyObject *(*unary[])(PyObject *) = {PyNumber_Negative, PyNumber_Positive, PyNumber_Absolute, PyNumber_Invert};
    const char *want[] = {"'neg'", "'pos'", "'abs'", "'invert'"};
    for (int k = 0; k < 4; k++) {
        r = unary[k](o);
        CHECK_STR(repr(r), want[k]);
        Py_XDECREF(r);
    }
    Py_DECREF(o);
    Py_DECREF(E);
}

static void test_descriptors(void) {
    PyObject *G = new_class("G", dict_of("__get__", "__get__", NULL));
    PyObject *g = PyObject_CallNoArgs(G);
    PyObject *d = PyDict_New();
    PyDict_SetItemString(d, "a", g);
    PyObject *C = new_class("C", d);
    PyObject *r = PyObject_GetAttrString(C, "a");
    CHECK_STR(repr(r), "('get', None, <class 'C'>)");
    Py_XDECREF(r);
    PyObject *c = PyObject_CallNoArgs(C);
    r = PyObject_GetAttrString(c, "a");
    CHECK(r && PyTuple_GET_SIZE(r) == 3 && PyTuple_GET_ITEM(r, 1) == c && PyTuple_GET_ITEM(r, 2) == C);
    Py_XDECREF(r);
    Py_DECREF(c);
    Py_DECREF(C);
    Py_DECREF(g);
    /* A data descriptor: __set__ and __delete__. */
    PyObject *S = new_class("S", dict_of("__set__", "__set__", NULL));
    PyObject *s = PyObject_CallNoArgs(S);
    d = PyDict_New();
    PyDict_SetItemString(d, "a", s);
    C = new_class("C2", d);
    c = PyObject_CallNoArgs(C);
    PyObject *five = PyLong_FromLong(5);
    CHECK_INT(PyObject_SetAttrString(c, "a", five), 0);
    CHECK(last_set && PyTuple_GET_SIZE(last_set) == 3 && PyTuple_GET_ITEM(last_set, 1) == c &&
          PyTuple_GET_ITEM(last_set, 2) == five);
    CHECK_INT(PyObject_DelAttrString(c, "a"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "__delete__");
    PyObject *m = meth("__delete__");
    CHECK_INT(PyObject_SetAttrString(S, "__delete__", m), 0);
    Py_DECREF(m);
    CHECK_INT(PyObject_DelAttrString(c, "a"), 0);
    CHECK(last_set && PyTuple_GET_SIZE(last_set) == 2 && PyTuple_GET_ITEM(last_set, 1) == c);
    Py_DECREF(five);
    Py_DECREF(c);
    Py_DECREF(C);
    Py_DECREF(s);
    Py_DECREF(S);
}

static void test_del_new_getattr(void) {
    PyObject *D = new_class("D", dict_of("__del__", "__del__", NULL));
    PyObject *o = PyObject_CallNoArgs(D);
    CHECK_INT(del_count, 0);
    Py_DECREF(o);
    CHECK_INT(del_count, 1);
    Py_DECREF(D);
    /* __new__: a staticmethod; its result is not an instance, so no __init__. */
    PyObject *f = PyCFunction_New(&new_def, NULL);
    PyObject *sm = PyStaticMethod_New(f);
    PyObject *d = PyDict_New();
    PyDict_SetItemString(d, "__new__", sm);
    PyObject *N = new_class("N", d);
    PyObject *r = PyObject_CallFunction(N, "ii", 1, 2);
    CHECK_STR(repr(r), "(<class 'N'>, 1, 2)");
    Py_XDECREF(r);
    Py_DECREF(N);
    Py_DECREF(sm);
    Py_DECREF(f);
    /* __getattr__ after __getattribute__ fails with AttributeError. */
    PyObject *A = new_class("A", dict_of("__getattr__", "__getattr__", NULL));
    PyObject *one = PyLong_FromLong(1);
    PyObject_SetAttrString(A, "x", one);
    o = PyObject_CallNoArgs(A);
    r = PyObject_GetAttrString(o, "x");
    CHECK(r == one);
    Py_XDECREF(r);
    r = PyObject_GetAttrString(o, "foo");
    CHECK_STR(repr(r), "('ga', 'foo')");
    Py_XDECREF(r);
    Py_DECREF(o);
    /* Set later on a class without it, then deleted. */
    PyObject *Z = new_class("Z", PyDict_New());
    o = PyObject_CallNoArgs(Z);
    CHECK(PyObject_GetAttrString(o, "foo") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'Z' object has no attribute 'foo'");
    PyObject *m = meth("__getattr__");
    CHECK_INT(PyObject_SetAttrString(Z, "__getattr__", m), 0);
    Py_DECREF(m);
    r = PyObject_GetAttrString(o, "foo");
    CHECK_STR(repr(r), "('ga', 'foo')");
    Py_XDECREF(r);
    CHECK_INT(PyObject_DelAttrString(Z, "__getattr__"), 0);
    CHECK(PyObject_GetAttrString(o, "foo") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'Z' object has no attribute 'foo'");
    Py_DECREF(o);
    Py_DECREF(Z);
    Py_DECREF(one);
    Py_DECREF(A);
}

static void test_async(void) {
    PyObject *W = new_class("Aw", dict_of("__await__", "__await__", "__aiter__", "__aiter__",
                                          "__anext__", "__anext__", NULL));
    PyObject *o = PyObject_CallNoArgs(W);
    PyAsyncMethods *am = Py_TYPE(o)->tp_as_async;
    CHECK(am && am->am_await && am->am_aiter && am->am_anext);
    if (am && am->am_await && am->am_aiter && am->am_anext) {
        PyObject *r = am->am_await(o);
        CHECK_STR(repr(r), "('await',)");
        Py_XDECREF(r);
        r = am->am_aiter(o);
        CHECK_STR(repr(r), "('aiter',)");
        Py_XDECREF(r);
        r = am->am_anext(o);
        CHECK_STR(repr(r), "('anext',)");
        Py_XDECREF(r);
    }
    Py_DECREF(o);
    Py_DECREF(W);
}

static PyObject *call_subclasses(PyObject *tp) {
    return PyObject_CallMethod(tp, "__subclasses__", NULL);
}

/* A dunder set or deleted on a class reaches the subclasses that inherit it, not those that
   define it themselves; __subclasses__() lists the live direct subclasses. */
static void test_subclass_propagation(void) {
    PyObject *P = new_class("P", PyDict_New());
    PyObject *S = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){}", "S", P);
    CHECK(S != NULL);
    PyObject *S2 = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){}", "S2", S);
    PyObject *T = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){}", "T", P);
    PyObject *pos = meth("__pos__");
    CHECK_INT(PyObject_SetAttrString(T, "__neg__", pos), 0);
    PyObject *s2 = PyObject_CallNoArgs(S2), *t = PyObject_CallNoArgs(T);
    CHECK(PyNumber_Negative(s2) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad operand type for unary -: 'S2'");
    PyObject *neg = meth("__neg__");
    CHECK_INT(PyObject_SetAttrString(P, "__neg__", neg), 0);
    PyObject *r = PyNumber_Negative(s2);
    CHECK_STR(repr(r), "'neg'");
    Py_XDECREF(r);
    r = PyNumber_Negative(t);
    CHECK_STR(repr(r), "'pos'");
    Py_XDECREF(r);
    /* __getattr__ on the root reaches the grandchild. */
    PyObject *ga = meth("__getattr__");
    CHECK_INT(PyObject_SetAttrString(P, "__getattr__", ga), 0);
    r = PyObject_GetAttrString(s2, "zz");
    CHECK_STR(repr(r), "('ga', 'zz')");
    Py_XDECREF(r);
    CHECK_INT(PyObject_DelAttrString(P, "__getattr__"), 0);
    CHECK(PyObject_GetAttrString(s2, "zz") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'S2' object has no attribute 'zz'");
    CHECK_INT(PyObject_DelAttrString(P, "__neg__"), 0);
    CHECK(PyNumber_Negative(s2) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad operand type for unary -: 'S2'");
    r = PyNumber_Negative(t);
    CHECK_STR(repr(r), "'pos'");
    Py_XDECREF(r);
    r = call_subclasses(P);
    CHECK_STR(repr(r), "[<class 'S'>, <class 'T'>]");
    Py_XDECREF(r);
    r = call_subclasses(S);
    CHECK_STR(repr(r), "[<class 'S2'>]");
    Py_XDECREF(r);
    Py_DECREF(s2);
    PyObject *ws2 = PyWeakref_NewRef(S2, NULL);
    Py_DECREF(S2);
    PyGC_Collect();                         /* a class is in a cycle with its MRO */
    PyObject *got = NULL;
    CHECK_INT(PyWeakref_GetRef(ws2, &got), 0);
    Py_XDECREF(got);
    Py_XDECREF(ws2);
    r = call_subclasses(S);
    CHECK_STR(repr(r), "[]");
    Py_XDECREF(r);
    Py_DECREF(t);
    Py_DECREF(T);
    Py_DECREF(S);
    Py_DECREF(neg);
    Py_DECREF(pos);
    Py_DECREF(ga);
    Py_DECREF(P);
}

/* Classes made by type() are GC types with a managed __dict__ and managed weak references
   (unless the base has them or __slots__ is given); their instances are collected in cycles. */
static void test_instance_layout(void) {
    PyObject *X = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){}", "X", &PyBaseObject_Type);
    unsigned long f = PyType_GetFlags((PyTypeObject *)X);
    CHECK(f & Py_TPFLAGS_HAVE_GC);
    CHECK(f & Py_TPFLAGS_MANAGED_DICT);
    CHECK(f & Py_TPFLAGS_MANAGED_WEAKREF);
    PyObject *xd = PyObject_GetAttrString(X, "__dict__");
    PyObject *gd = xd ? PyMapping_GetItemString(xd, "__dict__") : NULL;
    CHECK_STR(repr(gd), "<attribute '__dict__' of 'X' objects>");
    PyObject *gw = xd ? PyMapping_GetItemString(xd, "__weakref__") : NULL;
    PyObject *doc = gw ? PyObject_GetAttrString(gw, "__doc__") : NULL;
    CHECK_STR(repr(doc), "'list of weak references to the object'");
    Py_XDECREF(doc);
    Py_XDECREF(gw);
    Py_XDECREF(gd);
    Py_XDECREF(xd);
    PyObject *a = PyObject_CallNoArgs(X), *b = PyObject_CallNoArgs(X);
    CHECK_INT(PyObject_SetAttrString(a, "other", b), 0);
    CHECK_INT(PyObject_SetAttrString(b, "other", a), 0);
    PyObject *ad = PyObject_GetAttrString(a, "__dict__");
    CHECK(ad && PyDict_Check(ad) && PyDict_Size(ad) == 1 && PyDict_GetItemString(ad, "other") == b);
    Py_XDECREF(ad);
    PyObject *wr = PyObject_GetAttrString(a, "__weakref__");
    CHECK(wr == Py_None);
    Py_XDECREF(wr);
    PyObject *w = PyWeakref_NewRef(a, NULL);
    CHECK(w != NULL);
    wr = PyObject_GetAttrString(a, "__weakref__");
    CHECK(wr == w);
    Py_XDECREF(wr);
    Py_DECREF(a);
    Py_DECREF(b);
    PyGC_Collect();
    PyObject *got = NULL;
    CHECK_INT(PyWeakref_GetRef(w, &got), 0);
    Py_XDECREF(got);
    Py_XDECREF(w);
    /* __slots__ = (): no instance dict, no weak references. */
    PyObject *Y = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){s()}", "Y", &PyBaseObject_Type, "__slots__");
    f = PyType_GetFlags((PyTypeObject *)Y);
    CHECK(!(f & Py_TPFLAGS_MANAGED_DICT));
    CHECK(!(f & Py_TPFLAGS_MANAGED_WEAKREF));
    PyObject *y = PyObject_CallNoArgs(Y);
    CHECK_INT(PyObject_SetAttrString(y, "q", Py_None), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "'Y' object has no attribute 'q' and no __dict__ for setting new attributes");
    CHECK(PyWeakref_NewRef(y, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "cannot create weak reference to 'Y' object");
    Py_DECREF(y);
    Py_DECREF(Y);
    /* An exception class: BaseException has the dict, the class adds weak references. */
    PyObject *E = PyErr_NewException("m.E", NULL, NULL);
    f = PyType_GetFlags((PyTypeObject *)E);
    CHECK(!(f & Py_TPFLAGS_MANAGED_DICT));
    CHECK(f & Py_TPFLAGS_MANAGED_WEAKREF);
    PyObject *e = PyObject_CallNoArgs(E);
    w = PyWeakref_NewRef(e, NULL);
    CHECK(w != NULL);
    Py_DECREF(e);
    got = NULL;
    CHECK_INT(PyWeakref_GetRef(w, &got), 0);
    Py_XDECREF(got);
    Py_XDECREF(w);
    Py_DECREF(E);
    Py_DECREF(X);
}

/* type(name, bases, {'__slots__': ...}) with dict d (stolen); NULL with the error set. */
static PyObject *slots_class(PyObject *base, PyObject *d) {
    PyObject *c = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O)O", "C", base, d);
    Py_DECREF(d);
    return c;
}

/* __slots__: a member descriptor per name after the base's fields, '__dict__'/'__weakref__'
   in it ask for those; the slot values are collected in cycles; CPython's errors. */
static void test_slots(void) {
    PyObject *obj = (PyObject *)&PyBaseObject_Type;
    PyObject *C = slots_class(obj, Py_BuildValue("{s(sss)ss}", "__slots__", "a", "b", "__dict__", "__module__", "m"));
    CHECK(C != NULL);
    if (C == NULL) { PyErr_Clear(); return; }
    CHECK_INT(((PyTypeObject *)C)->tp_basicsize, (Py_ssize_t)(sizeof(PyObject) + 2 * sizeof(PyObject *)));
    unsigned long f = PyType_GetFlags((PyTypeObject *)C);
    CHECK(f & Py_TPFLAGS_MANAGED_DICT);
    CHECK(!(f & Py_TPFLAGS_MANAGED_WEAKREF));
    PyObject *cd = PyObject_GetAttrString(C, "__dict__");
    PyObject *ma = cd ? PyMapping_GetItemString(cd, "a") : NULL;
    CHECK_STR(repr(ma), "<member 'a' of 'C' objects>");
    Py_XDECREF(ma);
    Py_XDECREF(cd);
    PyObject *c = PyObject_CallNoArgs(C);
    CHECK(PyObject_GetAttrString(c, "a") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'m.C' object has no attribute 'a'");   /* %T */
    PyObject *one = PyLong_FromLong(1);
    CHECK_INT(PyObject_SetAttrString(c, "a", one), 0);
    PyObject *r = PyObject_GetAttrString(c, "a");
    CHECK(r == one);
    Py_XDECREF(r);
    PyObject *lst = PyList_New(0);
    CHECK_INT(PyObject_SetAttrString(c, "z", lst), 0);   /* the __dict__ slot */
    CHECK_INT(PyObject_DelAttrString(c, "a"), 0);
    CHECK_INT(PyObject_DelAttrString(c, "a"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "a");
    /* A cycle through a slot is collected. */
    CHECK_INT(PyObject_SetAttrString(c, "b", c), 0);
    PyObject *w = PyWeakref_NewRef(c, NULL);
    CHECK(w == NULL);   /* no __weakref__ slot */
    PyErr_Clear();
    Py_ssize_t before = Py_REFCNT(lst);
    Py_DECREF(c);
    PyGC_Collect();
    CHECK_INT(Py_REFCNT(lst), before - 1);   /* the instance dict's 'z' went with it */
    Py_DECREF(lst);
    Py_DECREF(C);
    /* A str is one name. */
    C = slots_class(obj, Py_BuildValue("{ss}", "__slots__", "ab"));
    CHECK(C != NULL && ((PyTypeObject *)C)->tp_basicsize == (Py_ssize_t)(sizeof(PyObject) + sizeof(PyObject *)));
    Py_XDECREF(C);
    C = slots_class(obj, Py_BuildValue("{s(i)}", "__slots__", 1));
    CHECK(C == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "__slots__ items must be strings, not 'int'");
    C = slots_class(obj, Py_BuildValue("{s(ss)}", "__slots__", "__dict__", "__dict__"));
    CHECK(C == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "__dict__ slot disallowed: we already got one");
    C = slots_class(obj, Py_BuildValue("{s(s)si}", "__slots__", "x", "x", 1));
    CHECK(C == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "'x' in __slots__ conflicts with class variable");
    C = slots_class((PyObject *)&PyLong_Type, Py_BuildValue("{s(s)}", "__slots__", "x"));
    CHECK(C == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "nonempty __slots__ not supported for subtype of 'int'");
    C = slots_class(PyExc_Exception, Py_BuildValue("{s(s)}", "__slots__", "__dict__"));
    CHECK(C == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "__dict__ slot disallowed: we already got one");
    Py_DECREF(one);
}

int main(void) {
    Py_Initialize();
    PyObject *d = PyDict_New();
    B = (PyTypeObject *)make_class("B", (PyObject *)&PyBaseObject_Type, d);
    Py_DECREF(d);
    CHECK(B != NULL);
    test_pow();
    test_bool_and_numbers();
    test_descriptors();
    test_del_new_getattr();
    test_async();
    test_subclass_propagation();
    test_instance_layout();
    test_slots();
    Py_CLEAR(last_set);
    Py_DECREF(B);
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
