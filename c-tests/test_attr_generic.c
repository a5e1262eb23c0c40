/*
 * test_attr_generic.c: the attribute protocol on builtin and C-defined static types:
 * PyObject_GetAttr/SetAttr/DelAttr/HasAttr(WithError)/GetOptionalAttr and their error texts
 * (CPython 3.13's, compared exactly), instance dicts through tp_dictoffset (positive, and
 * negative for a variable-size type), __dict__ get/set, data descriptors winning over the
 * instance dict and the dict over methods, attributes of type objects (__name__, __mro__,
 * __dict__ as a mappingproxy, ...), slot wrappers (__repr__, __len__, __add__/__radd__,
 * __eq__, __hash__ = None, __new__), PyObject_Dir, PyObject_CallMethod* errors.
 */
#include "obj_util.h"
#include <stddef.h>

/* A type with an instance dict at a positive tp_dictoffset, a method and a getset. */
typedef struct {
    PyObject_HEAD
    PyObject *dict;
    long n;
} Obj;

static PyObject *obj_get_n(PyObject *self, void *c) { (void)c; return PyLong_FromLong(((Obj *)self)->n); }
static int obj_set_n(PyObject *self, PyObject *v, void *c) {
    (void)c;
    if (v == NULL) { PyErr_SetString(PyExc_TypeError, "can't delete n"); return -1; }
    ((Obj *)self)->n = PyLong_AsLong(v);
    return PyErr_Occurred() ? -1 : 0;
}
static PyObject *obj_get_bad(PyObject *self, void *c) {
    (void)self; (void)c;
    PyErr_SetString(PyExc_ValueError, "broken getter");
    return NULL;
}
static PyObject *obj_get_missing(PyObject *self, void *c) {
    (void)self; (void)c;
    PyErr_SetString(PyExc_AttributeError, "computed and missing");
    return NULL;
}
static PyGetSetDef obj_getset[] = {
    {"n", obj_get_n, obj_set_n, NULL, NULL},
    {"bad", obj_get_bad, NULL, NULL, NULL},
    {"missing", obj_get_missing, NULL, NULL, NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL}
};
static PyObject *obj_hello(PyObject *self, PyObject *unused) {
    (void)self; (void)unused;
    return PyUnicode_FromString("hello from the method");
}
static PyMethodDef obj_methods[] = {
    {"hello", obj_hello, METH_NOARGS, NULL},
    {NULL}
};
static void obj_dealloc(PyObject *self) {
    Py_CLEAR(((Obj *)self)->dict);
    Py_TYPE(self)->tp_free(self);
}
static PyTypeObject Obj_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "attrtest.Obj",
    .tp_basicsize = sizeof(Obj),
    .tp_dealloc = obj_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,     /* named, as C types often do */
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_getset = obj_getset,
    .tp_methods = obj_methods,
    .tp_dictoffset = offsetof(Obj, dict),
    .tp_new = PyType_GenericNew,
};

/* A variable-size type whose dict follows the items (negative tp_dictoffset). */
typedef struct {
    PyObject_VAR_HEAD
    long items[1];
} Var;
static void var_dealloc(PyObject *self) {
    PyObject **dp = _PyObject_GetDictPtr(self);
    if (dp != NULL) Py_CLEAR(*dp);
    Py_TYPE(self)->tp_free(self);
}
static PyTypeObject Var_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "attrtest.Var",
    .tp_basicsize = offsetof(Var, items) + sizeof(PyObject *),
    .tp_itemsize = sizeof(long),
    .tp_dealloc = var_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dictoffset = -(Py_ssize_t)sizeof(PyObject *),
};

/* A type with only the char* getattr slot. */
static PyObject *old_getattr(PyObject *self, char *name) {
    (void)self;
    if (strcmp(name, "answer") == 0) return PyLong_FromLong(42);
    PyErr_Format(PyExc_AttributeError, "no %s here", name);
    return NULL;
}
static PyTypeObject Old_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "attrtest.Old",
    .tp_basicsize = sizeof(PyObject),
    .tp_getattr = old_getattr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

/* A descriptor type written in C: __get__ returns (obj or None, type), __set__ records. */
static PyObject *last_set;
static PyObject *descr_get(PyObject *self, PyObject *obj, PyObject *type) {
    (void)self;
    return PyTuple_Pack(2, obj ? obj : Py_None, type ? type : Py_None);
}
static int descr_set(PyObject *self, PyObject *obj, PyObject *value) {
    (void)self; (void)obj;
    Py_XSETREF(last_set, value ? Py_NewRef(value) : Py_NewRef(Py_Ellipsis));
    return 0;
}
static PyTypeObject Descr_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "attrtest.Descr",
    .tp_basicsize = sizeof(PyObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_descr_get = descr_get,
    .tp_descr_set = descr_set,
};

static const char *attr_repr(PyObject *o, const char *name) {
    PyObject *v = PyObject_GetAttrString(o, name);
    if (v == NULL) return err_text(NULL);
    const char *r = repr(v);
    Py_DECREF(v);
    return r;
}

static void test_builtin_errors(void) {
    PyObject *one = I(1);
    CHECK(PyObject_GetAttrString(one, "zz") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'zz'");
    CHECK_INT(PyObject_SetAttrString(one, "zz", Py_None), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'zz' and no __dict__ for setting new attributes");
    CHECK_INT(PyObject_DelAttrString(one, "zz"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'zz' and no __dict__ for setting new attributes");
    CHECK_INT(PyObject_SetAttrString(one, "__repr__", Py_None), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object attribute '__repr__' is read-only");
    CHECK(PyObject_GetAttrString((PyObject *)&PyLong_Type, "zz") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "type object 'int' has no attribute 'zz'");
    CHECK(PyObject_GetAttr(one, one) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "attribute name must be string, not 'int'");
    CHECK_INT(PyObject_SetAttr(Py_None, one, Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "attribute name must be string, not 'int'");
    CHECK(PyObject_GenericGetAttr(one, one) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "attribute name must be string, not 'int'");
    CHECK(PyObject_GetAttr((PyObject *)&PyLong_Type, one) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "attribute name must be string, not 'int'");
    CHECK_INT(PyObject_SetAttr((PyObject *)&PyLong_Type, one, Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "attribute name must be string, not 'int'");
    CHECK_INT(PyObject_HasAttrString(one, "zz"), 0);
    CHECK_INT(PyObject_HasAttrString(one, "__repr__"), 1);
    CHECK_NO_EXC();
    PyObject *res = (PyObject *)1;
    PyObject *name = PyUnicode_InternFromString("zz");
    CHECK_INT(PyObject_GetOptionalAttr(one, name, &res), 0);
    CHECK(res == NULL);
    CHECK_NO_EXC();
    CHECK_INT(PyObject_GetOptionalAttr((PyObject *)&PyLong_Type, name, &res), 0);
    CHECK(res == NULL);
    CHECK_NO_EXC();
    CHECK_INT(PyObject_GetOptionalAttrString(one, "__class__", &res), 1);
    CHECK(res == (PyObject *)&PyLong_Type);
    Py_XDECREF(res);
    CHECK_INT(PyObject_GetOptionalAttr(one, one, &res), -1);
    CHECK(res == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "attribute name must be string, not 'int'");
    Py_DECREF(name);
    Py_DECREF(one);
}

static void test_instance_dict(void) {
    PyObject *o = PyType_GenericNew(&Obj_Type, NULL, NULL);
    CHECK(((Obj *)o)->dict == NULL);
    CHECK_STR(attr_repr(o, "x"), "'attrtest.Obj' object has no attribute 'x'");
    PyObject *v = I(5);
    CHECK_INT(PyObject_SetAttrString(o, "x", v), 0);
    CHECK(((Obj *)o)->dict != NULL && PyDict_Check(((Obj *)o)->dict));
    CHECK_STR(attr_repr(o, "x"), "5");
    CHECK_STR(attr_repr(o, "__dict__"), "{'x': 5}");
    CHECK_INT(PyObject_DelAttrString(o, "x"), 0);
    CHECK_INT(PyObject_DelAttrString(o, "x"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "'attrtest.Obj' object has no attribute 'x'");
    /* A data descriptor (getset) wins over the dict; the dict wins over a method. */
    PyObject *d = ((Obj *)o)->dict;
    PyDict_SetItemString(d, "n", v);
    PyDict_SetItemString(d, "hello", v);
    CHECK_STR(attr_repr(o, "n"), "0");
    CHECK_STR(attr_repr(o, "hello"), "5");
    PyObject *r = PyObject_CallMethod(o, "hello", NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "attribute of type 'int' is not callable");
    PyObject *hn = PyUnicode_InternFromString("hello");
    r = PyObject_CallMethodNoArgs(o, hn);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'int' object is not callable");
    PyDict_DelItemString(d, "hello");
    r = PyObject_CallMethodNoArgs(o, hn);
    CHECK_STR(repr(r), "'hello from the method'");
    Py_XDECREF(r);
    Py_DECREF(hn);
    /* __dict__ assignment. */
    CHECK_INT(PyObject_SetAttrString(o, "__dict__", v), -1);
    CHECK_STR(err_text(PyExc_TypeError), "__dict__ must be set to a dictionary, not a 'int'");
    CHECK_INT(PyObject_DelAttrString(o, "__dict__"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot delete __dict__");
    PyObject *nd = PyDict_New();
    PyDict_SetItemString(nd, "y", v);
    CHECK_INT(PyObject_SetAttrString(o, "__dict__", nd), 0);
    CHECK(((Obj *)o)->dict == nd);
    CHECK_STR(attr_repr(o, "y"), "5");
    Py_DECREF(nd);
    /* Getters that raise. */
    CHECK_STR(attr_repr(o, "bad"), "broken getter");
    CHECK_INT(PyObject_HasAttrStringWithError(o, "bad"), -1);
    CHECK_STR(err_text(PyExc_ValueError), "broken getter");
    CHECK_INT(PyObject_HasAttrStringWithError(o, "missing"), 0);
    CHECK_NO_EXC();
    PyObject *res;
    CHECK_INT(PyObject_GetOptionalAttrString(o, "missing", &res), 0);
    CHECK_NO_EXC();
    CHECK_INT(PyObject_HasAttrString(o, "bad"), 0);
    /* The generic functions directly. */
    PyObject *dd = PyObject_GenericGetDict(o, NULL);
    CHECK(dd == ((Obj *)o)->dict);
    Py_XDECREF(dd);
    PyObject *none = Py_None;
    CHECK(PyObject_GenericGetDict(none, NULL) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "This object has no __dict__");
    Py_DECREF(v);
    Py_DECREF(o);
}

static void test_negative_dictoffset(void) {
    for (Py_ssize_t n = 0; n < 4; n++) {
        Var *o = PyObject_NewVar(Var, &Var_Type, n);
        /* PyObject_NewVar leaves the memory as is: clear the dict slot. */
        PyObject **dp = _PyObject_GetDictPtr((PyObject *)o);
        CHECK(dp != NULL);
        if (dp == NULL) { Py_DECREF(o); continue; }
        *dp = NULL;
        CHECK((char *)dp >= (char *)o + offsetof(Var, items) + n * sizeof(long));
        PyObject *v = I(n);
        CHECK_INT(PyObject_SetAttrString((PyObject *)o, "count", v), 0);
        CHECK_STR(attr_repr((PyObject *)o, "count"), repr(v));
        CHECK(*dp != NULL && PyDict_Check(*dp));
        Py_DECREF(v);
        Py_DECREF(o);
    }
}

static void test_char_getattr(void) {
    PyObject *o = PyType_GenericNew(&Old_Type, NULL, NULL);
    CHECK_STR(attr_repr(o, "answer"), "42");
    CHECK_STR(attr_repr(o, "other"), "no other here");
    CHECK_INT(PyObject_HasAttrString(o, "answer"), 1);
    Py_DECREF(o);
}

static void test_type_attributes(void) {
    PyObject *t = (PyObject *)&Obj_Type;
    CHECK_STR(attr_repr(t, "__name__"), "'Obj'");
    CHECK_STR(attr_repr(t, "__qualname__"), "'Obj'");
    CHECK_STR(attr_repr(t, "__module__"), "'attrtest'");
    CHECK_STR(attr_repr(t, "__mro__"), "(<class 'attrtest.Obj'>, <class 'object'>)");
    CHECK_STR(attr_repr(t, "__bases__"), "(<class 'object'>,)");
    CHECK_STR(attr_repr(t, "__base__"), "<class 'object'>");
    CHECK_STR(attr_repr(t, "__doc__"), "None");
    CHECK_STR(attr_repr((PyObject *)&PyLong_Type, "__module__"), "'builtins'");
    CHECK_STR(attr_repr((PyObject *)&PyBaseObject_Type, "__base__"), "None");
    CHECK_STR(attr_repr((PyObject *)&PyBaseObject_Type, "__doc__"),
              "'The base class of the class hierarchy.\\n\\nWhen called, it accepts no arguments and returns a new featureless\\n"
              "instance that has no instance attributes and cannot be given any.\\n'");
    PyObject *d = PyObject_GetAttrString(t, "__dict__");
    CHECK_STR(Py_TYPE(d)->tp_name, "mappingproxy");
    CHECK_INT(PyMapping_HasKeyString(d, "hello"), 1);
    CHECK_INT(PySequence_Contains(d, PyUnicode_FromString("n")), 1);
    PyObject *k = S("x");
    PyObject *keys = PyMapping_Keys(d);                     /* calls d.keys() */
    CHECK(keys != NULL && PyList_Check(keys));
    PyObject *hk = S("hello");
    CHECK_INT(PySequence_Contains(keys, hk), 1);
    Py_DECREF(hk);
    Py_XDECREF(keys);
    PyObject *one_ = I(1);
    CHECK(PyMapping_Items(one_) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'items'");
    Py_DECREF(one_);
    CHECK_INT(PyObject_SetItem(d, k, k), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'mappingproxy' object does not support item assignment");
    Py_DECREF(k);
    Py_DECREF(d);
    /* A class attribute through an instance: a getset of the type of the type. */
    PyObject *one = I(1);
    CHECK_STR(attr_repr(one, "__class__"), "<class 'int'>");
    Py_DECREF(one);
}

static void test_slot_wrappers(void) {
    PyObject *l = PyList_New(0);
    PyObject *x = I(3);
    PyObject_CallMethod(l, "__len__", NULL);
    PyObject *r = PyObject_CallMethod(l, "__len__", NULL);
    CHECK_STR(repr(r), "0");
    Py_XDECREF(r);
    PyObject *name = PyUnicode_InternFromString("__len__");
    r = PyObject_CallMethodOneArg(l, name, x);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "expected 0 arguments, got 1");
    PyObject *mw = PyObject_GetAttr(l, name);
    CHECK_STR(Py_TYPE(mw)->tp_name, "method-wrapper");
    CHECK(strncmp(repr(mw), "<method-wrapper '__len__' of list object at 0x", 45) == 0);
    Py_XDECREF(mw);
    PyObject *wd = PyObject_GetAttr((PyObject *)&PyList_Type, name);
    CHECK_STR(repr(wd), "<slot wrapper '__len__' of 'list' objects>");
    PyObject *doc = PyObject_GetAttrString(wd, "__doc__");
    CHECK_STR(repr(doc), "'Return len(self).'");
    Py_XDECREF(doc);
    r = PyObject_CallOneArg(wd, x);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor '__len__' requires a 'list' object but received a 'int'");
    r = PyObject_CallNoArgs(wd);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor '__len__' of 'list' object needs an argument");
    r = PyObject_CallOneArg(wd, l);
    CHECK_STR(repr(r), "0");
    Py_XDECREF(r);
    Py_DECREF(wd);
    Py_DECREF(name);

    /* Number slots and their reflections. */
    PyObject *four = I(4);
    PyObject *add = PyUnicode_InternFromString("__add__");
    PyObject *radd = PyUnicode_InternFromString("__radd__");
    r = PyObject_CallMethodOneArg(x, add, four);
    CHECK_STR(repr(r), "7");
    Py_XDECREF(r);
    r = PyObject_CallMethodOneArg(x, radd, four);
    CHECK_STR(repr(r), "7");
    Py_XDECREF(r);
    PyObject *sub = PyUnicode_InternFromString("__rsub__");
    r = PyObject_CallMethodOneArg(x, sub, four);
    CHECK_STR(repr(r), "1");
    Py_XDECREF(r);
    r = PyObject_CallMethodNoArgs(x, add);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "expected 1 argument, got 0");
    PyObject *s = S("s");
    r = PyObject_CallMethodOneArg(x, add, s);
    CHECK(r == Py_NotImplemented);
    Py_XDECREF(r);
    PyObject *eq = PyUnicode_InternFromString("__eq__");
    r = PyObject_CallMethodOneArg(x, eq, x);
    CHECK(r == Py_True);
    Py_XDECREF(r);
    PyObject *rd = PyObject_GetAttrString((PyObject *)&PyLong_Type, "__radd__");
    doc = PyObject_GetAttrString(rd, "__doc__");
    CHECK_STR(repr(doc), "'Return value+self.'");
    Py_XDECREF(doc);
    Py_XDECREF(rd);
    Py_DECREF(sub); Py_DECREF(eq); Py_DECREF(add); Py_DECREF(radd); Py_DECREF(s); Py_DECREF(four);

    /* Unhashable: __hash__ is None. */
    PyObject *ld = PyObject_GetAttrString((PyObject *)&PyList_Type, "__dict__");
    PyObject *h = PyMapping_GetItemString(ld, "__hash__");
    CHECK(h == Py_None);
    Py_XDECREF(h);
    Py_DECREF(ld);

    /* __repr__ of a type with tp_repr is callable; __new__ is a builtin method. */
    r = PyObject_CallMethod(x, "__repr__", NULL);
    CHECK_STR(repr(r), "'3'");
    Py_XDECREF(r);
    PyObject *nw = PyObject_GetAttrString((PyObject *)&PyLong_Type, "__new__");
    CHECK(strncmp(repr(nw), "<built-in method __new__ of type object at 0x", 44) == 0);
    doc = PyObject_GetAttrString(nw, "__doc__");
    CHECK_STR(repr(doc), "'Create and return a new object.  See help(type) for accurate signature.'");
    Py_XDECREF(doc);
    r = PyObject_CallNoArgs(nw);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "int.__new__(): not enough arguments");
    r = PyObject_CallOneArg(nw, x);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "int.__new__(X): X is not a type object (int)");
    r = PyObject_CallOneArg(nw, (PyObject *)&PyUnicode_Type);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "int.__new__(str): str is not a subtype of int");
    r = PyObject_CallOneArg(nw, (PyObject *)&PyLong_Type);
    CHECK_STR(repr(r), "0");
    Py_XDECREF(r);
    Py_DECREF(nw);
    Py_DECREF(x);
    Py_DECREF(l);
}

static void test_more_wrappers(void) {
    PyObject *l = PyList_New(0);
    PyObject *x = I(5);
    PyList_Append(l, x);
    PyObject *r;
    PyObject *name = PyUnicode_InternFromString("__contains__");
    r = PyObject_CallMethodOneArg(l, name, x);
    CHECK(r == Py_True);
    Py_XDECREF(r);
    Py_DECREF(name);
    name = PyUnicode_InternFromString("__getitem__");
    PyObject *zero = I(0);
    r = PyObject_CallMethodOneArg(l, name, zero);
    CHECK(r == x);
    Py_XDECREF(r);
    Py_DECREF(zero);
    Py_DECREF(name);
    PyObject *it = PyObject_CallMethod(l, "__iter__", NULL);
    CHECK(it != NULL && PyIter_Check(it));
    name = PyUnicode_InternFromString("__next__");
    r = PyObject_CallMethodNoArgs(it, name);
    CHECK(r == x);
    Py_XDECREF(r);
    r = PyObject_CallMethodNoArgs(it, name);
    CHECK(r == NULL);
    CHECK(PyErr_ExceptionMatches(PyExc_StopIteration));
    PyErr_Clear();
    Py_DECREF(name);
    Py_XDECREF(it);
    /* A method-wrapper's attributes. */
    PyObject *mw = PyObject_GetAttrString(l, "__len__");
    PyObject *self = PyObject_GetAttrString(mw, "__self__");
    CHECK(self == l);
    Py_XDECREF(self);
    CHECK_STR(attr_repr(mw, "__name__"), "'__len__'");
    CHECK_STR(attr_repr(mw, "__objclass__"), "<class 'list'>");
    CHECK_STR(attr_repr(mw, "__qualname__"), "'list.__len__'");
    r = PyObject_CallNoArgs(mw);
    CHECK_STR(repr(r), "1");
    Py_XDECREF(r);
    Py_XDECREF(mw);
    /* __call__ of a builtin function, with keywords refused by the function itself. */
    PyObject *f = PyObject_GetAttrString(l, "__len__");
    PyObject *call = PyObject_GetAttrString(f, "__call__");
    r = PyObject_CallNoArgs(call);
    CHECK_STR(repr(r), "1");
    Py_XDECREF(r);
    Py_XDECREF(call);
    Py_XDECREF(f);
    /* Keywords to a wrapper that takes none. */
    PyObject *wd = PyObject_GetAttrString((PyObject *)&PyList_Type, "__len__");
    PyObject *args = PyTuple_Pack(1, l);
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "k", x);
    r = PyObject_Call(wd, args, kw);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "wrapper __len__() takes no keyword arguments");
    Py_DECREF(kw); Py_DECREF(args); Py_XDECREF(wd);
    Py_DECREF(x);
    Py_DECREF(l);
}

static void test_dir(void) {
    PyObject *o = PyType_GenericNew(&Obj_Type, NULL, NULL);
    PyObject *v = I(1);
    PyObject_SetAttrString(o, "zeta", v);
    PyObject *names = PyObject_Dir(o);
    CHECK(names != NULL && PyList_Check(names));
    PyObject *k;
    k = S("zeta"); CHECK_INT(PySequence_Contains(names, k), 1); Py_DECREF(k);
    k = S("hello"); CHECK_INT(PySequence_Contains(names, k), 1); Py_DECREF(k);
    k = S("__class__"); CHECK_INT(PySequence_Contains(names, k), 1); Py_DECREF(k);
    k = S("__repr__"); CHECK_INT(PySequence_Contains(names, k), 1); Py_DECREF(k);
    /* Sorted. */
    int sorted = 1;
    for (Py_ssize_t i = 1; i < PyList_GET_SIZE(names); i++) {
        if (PyUnicode_Compare(PyList_GET_ITEM(names, i - 1), PyList_GET_ITEM(names, i)) > 0) sorted = 0;
    }
    CHECK(sorted);
    Py_XDECREF(names);
    names = PyObject_Dir((PyObject *)&Obj_Type);
    k = S("hello"); CHECK_INT(PySequence_Contains(names, k), 1); Py_DECREF(k);
    k = S("zeta"); CHECK_INT(PySequence_Contains(names, k), 0); Py_DECREF(k);
    Py_XDECREF(names);
    Py_DECREF(v);
    Py_DECREF(o);
}

static void test_exception_class_dict(void) {
    PyObject *d = PyDict_New();
    PyObject *v = I(42), *m = S("othermod");
    PyDict_SetItemString(d, "answer", v);
    PyDict_SetItemString(d, "__module__", m);
    PyObject *E = PyErr_NewException("mod.E", NULL, d);
    CHECK(E != NULL);
    CHECK_STR(attr_repr(E, "answer"), "42");
    CHECK_STR(attr_repr(E, "__module__"), "'othermod'");
    CHECK_STR(attr_repr(E, "__name__"), "'E'");
    CHECK_INT(PyObject_SetAttrString(E, "answer", m), 0);     /* heap types are mutable */
    CHECK_STR(attr_repr(E, "answer"), "'othermod'");
    Py_XDECREF(E);
    Py_DECREF(d); Py_DECREF(v); Py_DECREF(m);
}

static void test_c_descriptor(void) {
    PyObject *descr = PyType_GenericNew(&Descr_Type, NULL, NULL);
    PyObject *d = PyDict_New();
    PyDict_SetItemString(d, "computed", descr);
    PyObject *E = PyErr_NewException("mod.WithDescr", NULL, d);
    CHECK(E != NULL);
    PyObject *r = PyObject_GetAttrString(E, "computed");
    CHECK(r != NULL && PyTuple_Check(r) && PyTuple_GET_ITEM(r, 0) == Py_None && PyTuple_GET_ITEM(r, 1) == E);
    Py_XDECREF(r);
    PyErr_SetString(E, "x");
    PyObject *e = PyErr_GetRaisedException();
    r = PyObject_GetAttrString(e, "computed");
    CHECK(r != NULL && PyTuple_Check(r) && PyTuple_GET_ITEM(r, 0) == e && PyTuple_GET_ITEM(r, 1) == E);
    Py_XDECREF(r);
    PyObject *v = I(9);
    CHECK_INT(PyObject_SetAttrString(e, "computed", v), 0);   /* a data descriptor: __set__ */
    CHECK(last_set == v);
    CHECK_INT(PyObject_DelAttrString(e, "computed"), 0);
    CHECK(last_set == Py_Ellipsis);
    Py_CLEAR(last_set);
    /* Setting it on the class replaces it (type_setattro), no __set__ involved. */
    CHECK_INT(PyObject_SetAttrString(E, "computed", v), 0);
    CHECK(last_set == NULL);
    CHECK_STR(attr_repr(e, "computed"), "9");
    Py_DECREF(v); Py_DECREF(e); Py_XDECREF(E); Py_DECREF(d); Py_DECREF(descr);
}

static void test_call_method_errors(void) {
    PyObject *one = I(1);
    CHECK(PyObject_CallMethod(one, "nope", NULL) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'nope'");
    CHECK(PyObject_CallMethod((PyObject *)&PyLong_Type, "nope", NULL) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "type object 'int' has no attribute 'nope'");
    PyObject *name = PyUnicode_InternFromString("nope");
    CHECK(PyObject_CallMethodObjArgs(one, name, one, NULL) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'nope'");
    PyObject *args[1] = {one};
    CHECK(PyObject_VectorcallMethod(name, args, 1, NULL) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'int' object has no attribute 'nope'");
    CHECK(PyObject_CallMethod(NULL, "nope", NULL) == NULL);
    CHECK_EXC(PyExc_SystemError, "null argument to internal routine");
    CHECK(PyObject_CallMethodObjArgs(one, NULL, NULL) == NULL);
    CHECK_EXC(PyExc_SystemError, "null argument to internal routine");
    PyObject *lst = PyList_New(0);
    PyObject *n = PyObject_CallMethod(lst, "__len__", NULL);     /* NULL format: no arguments */
    CHECK_STR(repr(n), "0");
    Py_XDECREF(n);
    Py_DECREF(lst);
    Py_DECREF(name);
    Py_DECREF(one);
}

int main(void) {
    Py_Initialize();
    CHECK_INT(PyType_Ready(&Obj_Type), 0);
    CHECK_INT(PyType_Ready(&Var_Type), 0);
    CHECK_INT(PyType_Ready(&Old_Type), 0);
    CHECK_INT(PyType_Ready(&Descr_Type), 0);
    test_builtin_errors();
    test_instance_dict();
    test_negative_dictoffset();
    test_char_getattr();
    test_type_attributes();
    test_slot_wrappers();
    test_more_wrappers();
    test_dir();
    test_exception_class_dict();
    test_c_descriptor();
    test_call_method_errors();
    CHECK_NO_EXC();
    Py_Finalize();
    return TEST_DONE();
}
