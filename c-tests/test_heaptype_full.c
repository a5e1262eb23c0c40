/*
 * test_heaptype_full.c: the headline type, as a 3.13 extension writes it: a
 * PyType_FromModuleAndSpec type with members, getsets, methods of every calling convention,
 * GC support, a managed dict and managed weak references, instantiated by calling it, then
 * used through the attribute protocol (members, getsets, bound methods, class and static
 * methods, METH_METHOD's defining class, the managed dict, slot <-> dunder both ways, weak
 * references to instances and to the type), with the error texts of CPython 3.13.
 * Reference cycles through such instances: c-tests/pending/test_heaptype_cycles.c.
 */
#include "obj_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    int n;
    PyObject *obj; /* Py_T_OBJECT_EX */
    int ro;        /* Py_READONLY */
    PyObject *g;   /* behind the getset "g" */
} TObject;

static int dealloc_count, init_count, new_count;

static int t_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((TObject *)self)->obj);
    Py_VISIT(((TObject *)self)->g);
    return PyObject_VisitManagedDict(self, visit, arg);
}

static int t_clear(PyObject *self) {
    Py_CLEAR(((TObject *)self)->obj);
    Py_CLEAR(((TObject *)self)->g);
    PyObject_ClearManagedDict(self);
    return 0;
}

static void t_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    PyObject_ClearWeakRefs(self);
    t_clear(self);
    dealloc_count++;
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyObject *t_new(PyTypeObject *tp, PyObject *args, PyObject *kw) {
    new_count++;
    TObject *self = (TObject *)tp->tp_alloc(tp, 0);
    if (self == NULL) return NULL;
    self->ro = 7;
    return (PyObject *)self;
}

static int t_init(PyObject *self, PyObject *args, PyObject *kw) {
    /* By hand: argument parsing is another part of the issue. T(n=0), n positional or keyword. */
    PyObject *arg = PyTuple_GET_SIZE(args) > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (arg == NULL && kw != NULL) arg = PyDict_GetItemString(kw, "n");
    long n = 0;
    if (arg != NULL) {
        PyObject *i = PyNumber_Index(arg);
        if (i == NULL) return -1;
        n = PyLong_AsLong(i);
        Py_DECREF(i);
    }
    init_count++;
    ((TObject *)self)->n = (int)n;
    return 0;
}

static PyObject *t_repr(PyObject *self) {
    return PyUnicode_FromFormat("<T n=%d>", ((TObject *)self)->n);
}

static PyObject *g_get(PyObject *self, void *closure) {
    TObject *t = (TObject *)self;
    if (t->g == NULL) return PyUnicode_FromString("unset");
    return Py_NewRef(t->g);
}

static int g_set(PyObject *self, PyObject *value, void *closure) {
    TObject *t = (TObject *)self;
    Py_XSETREF(t->g, Py_XNewRef(value));
    return 0;
}

static PyObject *twice_get(PyObject *self, void *closure) {
    return PyLong_FromLong(2 * ((TObject *)self)->n);
}

/* A tuple of a str and new references (NULL items: NULL, the others released). */
static PyObject *tupn(const char *s, int n, PyObject **items) {
    PyObject *t = PyTuple_New(n + 1);
    int ok = t != NULL;
    for (int i = 0; i < n; i++) {
        if (items[i] == NULL) ok = 0;
        if (t && items[i]) PyTuple_SET_ITEM(t, i + 1, items[i]);
        else Py_XDECREF(items[i]);
    }
    PyObject *str = PyUnicode_FromString(s);
    if (t && str) PyTuple_SET_ITEM(t, 0, str);
    else { ok = 0; Py_XDECREF(str); }
    if (!ok) { Py_XDECREF(t); return NULL; }
    return t;
}
static PyObject *tup2(const char *s, PyObject *a) { return tupn(s, 1, &a); }
static PyObject *tup3(const char *s, PyObject *a, PyObject *b) {
    PyObject *items[] = {a, b};
    return tupn(s, 2, items);
}
static PyObject *tup4(const char *s, PyObject *a, PyObject *b, PyObject *c) {
    PyObject *items[] = {a, b, c};
    return tupn(s, 3, items);
}

/* type(name, bases, dict) */
static PyObject *make_class(const char *name, PyObject *bases, PyObject *dict) {
    PyObject *n = PyUnicode_FromString(name);
    PyObject *r = PyObject_CallFunctionObjArgs((PyObject *)&PyType_Type, n, bases, dict, NULL);
    Py_DECREF(n);
    return r;
}

/* One method per calling convention; each returns a tuple naming itself and what it got. */
static PyObject *m_noargs(PyObject *self, PyObject *unused) {
    return tup2("noargs", Py_NewRef(self));
}
static PyObject *m_o(PyObject *self, PyObject *arg) {
    return tup2("o", Py_NewRef(arg));
}
static PyObject *m_varargs(PyObject *self, PyObject *args) {
    return tup2("varargs", Py_NewRef(args));
}
static PyObject *m_kw(PyObject *self, PyObject *args, PyObject *kw) {
    return tup3("kw", Py_NewRef(args), Py_NewRef(kw ? kw : Py_None));
}
static PyObject *m_fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    return tup2("fast", PyLong_FromSsize_t(nargs));
}
static PyObject *m_fastkw(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return tup3("fastkw", PyLong_FromSsize_t(nargs), Py_NewRef(kwnames ? kwnames : Py_None));
}

static PyModuleDef mod_def;

static PyObject *m_method(PyObject *self, PyTypeObject *cls, PyObject *const *args, Py_ssize_t nargs,
                          PyObject *kwnames) {
    PyObject *m = PyType_GetModuleByDef(cls, &mod_def);
    if (m == NULL) return NULL;
    return tup4("method", Py_NewRef((PyObject *)cls), Py_NewRef(m), PyLong_FromSsize_t(nargs));
}
static PyObject *m_class(PyObject *cls, PyObject *unused) {
    return tup2("class", Py_NewRef(cls));
}
static PyObject *m_static(PyObject *self, PyObject *args) {
    return tup2("static", Py_NewRef(self ? self : Py_None));
}
static PyObject *m_bump(PyObject *self, PyObject *unused) {
    ((TObject *)self)->n++;
    return PyLong_FromLong(((TObject *)self)->n);
}

static PyMemberDef t_members[] = {
    {"n", Py_T_INT, offsetof(TObject, n), 0, "a number"},
    {"obj", Py_T_OBJECT_EX, offsetof(TObject, obj), 0, NULL},
    {"ro", Py_T_INT, offsetof(TObject, ro), Py_READONLY, NULL},
    {NULL},
};

static PyGetSetDef t_getset[] = {
    {"g", g_get, g_set, "settable", NULL},
    {"twice", twice_get, NULL, "read-only", NULL},
    {NULL},
};

static PyMethodDef t_methods[] = {
    {"noargs", m_noargs, METH_NOARGS, NULL},
    {"o", m_o, METH_O, NULL},
    {"varargs", m_varargs, METH_VARARGS, NULL},
    {"kw", (PyCFunction)(void (*)(void))m_kw, METH_VARARGS | METH_KEYWORDS, NULL},
    {"fast", (PyCFunction)(void (*)(void))m_fast, METH_FASTCALL, NULL},
    {"fastkw", (PyCFunction)(void (*)(void))m_fastkw, METH_FASTCALL | METH_KEYWORDS, NULL},
    {"method", (PyCFunction)(void (*)(void))m_method, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {"klass", m_class, METH_CLASS | METH_NOARGS, NULL},
    {"static", m_static, METH_STATIC | METH_VARARGS, NULL},
    {"bump", m_bump, METH_NOARGS, NULL},
    {NULL},
};

static PyType_Slot t_slots[] = {
    {Py_tp_new, t_new},
    {Py_tp_init, t_init},
    {Py_tp_dealloc, t_dealloc},
    {Py_tp_traverse, t_traverse},
    {Py_tp_clear, t_clear},
    {Py_tp_repr, t_repr},
    {Py_tp_members, t_members},
    {Py_tp_getset, t_getset},
    {Py_tp_methods, t_methods},
    {Py_tp_doc, "The full type."},
    {0, NULL},
};

#define T_FLAGS (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT | \
                 Py_TPFLAGS_MANAGED_WEAKREF | Py_TPFLAGS_BASETYPE)
static PyType_Spec t_spec = {"mod.T", sizeof(TObject), 0, T_FLAGS, t_slots};

/* A subclass spec adding its own data after the base's with Py_RELATIVE_OFFSET. */
typedef struct {
    int extra;
    short s;
} SubData;

static PyMemberDef sub_members[] = {
    {"extra", Py_T_INT, offsetof(SubData, extra), Py_RELATIVE_OFFSET, NULL},
    {"s", Py_T_SHORT, offsetof(SubData, s), Py_RELATIVE_OFFSET | Py_READONLY, NULL},
    {NULL},
};
static PyType_Slot sub_slots[] = {{Py_tp_members, sub_members}, {0, NULL}};
/* No Py_TPFLAGS_HAVE_GC: with it a spec must name its own tp_traverse ("type mod.Sub has the
   Py_TPFLAGS_HAVE_GC flag but has no traverse function"); without it GC, traverse and clear
   are inherited, as are the managed dict and weak references. */
static PyType_Spec sub_spec = {"mod.Sub", -(int)sizeof(SubData), 0,
                               Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, sub_slots};

static PyModuleDef mod_def = {PyModuleDef_HEAD_INIT, "mod", NULL, 0, NULL, NULL, NULL, NULL, NULL};

static PyObject *module, *T;

static PyObject *item(PyObject *tuple, Py_ssize_t i) {
    return tuple && PyTuple_Check(tuple) && i < PyTuple_GET_SIZE(tuple) ? PyTuple_GET_ITEM(tuple, i) : NULL;
}

/* The tuple's first item as a C string (the method's name), "(none)" if not one. */
static const char *tag(PyObject *tuple) {
    PyObject *s = item(tuple, 0);
    return s && PyUnicode_Check(s) ? PyUnicode_AsUTF8(s) : "(none)";
}

static void test_create_and_call(void) {
    CHECK(T != NULL);
    CHECK(PyType_GetFlags((PyTypeObject *)T) & Py_TPFLAGS_HEAPTYPE);
    CHECK(PyObject_IS_GC(T));
    int news = new_count, inits = init_count;
    PyObject *o = PyObject_CallNoArgs(T);
    CHECK(o != NULL);
    CHECK_INT(new_count, news + 1);
    CHECK_INT(init_count, inits + 1);
    CHECK(PyObject_GC_IsTracked(o));
    CHECK_STR(repr(o), "<T n=0>");
    CHECK_INT(Py_REFCNT(o), 1);
    Py_XDECREF(o);
    PyObject *five = I(5), *args = PyTuple_Pack(1, five);
    o = PyObject_Call(T, args, NULL);
    CHECK_STR(repr(o), "<T n=5>");
    Py_XDECREF(o);
    PyObject *kw = PyDict_New();
    PyObject *six = I(6);
    PyDict_SetItemString(kw, "n", six);
    PyObject *empty = PyTuple_New(0);
    o = PyObject_Call(T, empty, kw);
    CHECK_STR(repr(o), "<T n=6>");
    Py_XDECREF(o);
    Py_DECREF(kw);
    Py_DECREF(six);
    Py_DECREF(five);
    Py_DECREF(empty);
    Py_DECREF(args);
    /* The deallocator ran for each instance (and the type survives them). */
    CHECK_INT(dealloc_count, new_count);
}

static void test_members(void) {
    PyObject *o = PyObject_CallNoArgs(T);
    PyObject *v = PyObject_GetAttrString(o, "n");
    CHECK(v && PyLong_AsLong(v) == 0);
    Py_XDECREF(v);
    PyObject *five = I(5);
    CHECK_INT(PyObject_SetAttrString(o, "n", five), 0);
    CHECK_INT(((TObject *)o)->n, 5);
    CHECK_INT(PyObject_SetAttrString(o, "n", Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object cannot be interpreted as an integer");
    CHECK_INT(PyObject_DelAttrString(o, "n"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "can't delete numeric/char attribute");
    /* Py_T_OBJECT_EX: AttributeError while unset, set, delete, delete again. */
    CHECK(PyObject_GetAttrString(o, "obj") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute 'obj'");
    CHECK_INT(PyObject_HasAttrString(o, "obj"), 0);
    CHECK_INT(PyObject_SetAttrString(o, "obj", five), 0);
    CHECK(((TObject *)o)->obj == five);
    v = PyObject_GetAttrString(o, "obj");
    CHECK(v == five);
    Py_XDECREF(v);
    CHECK_INT(PyObject_DelAttrString(o, "obj"), 0);
    CHECK(((TObject *)o)->obj == NULL);
    CHECK_INT(PyObject_DelAttrString(o, "obj"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "obj");
    /* Py_READONLY */
    v = PyObject_GetAttrString(o, "ro");
    CHECK(v && PyLong_AsLong(v) == 7);
    Py_XDECREF(v);
    CHECK_INT(PyObject_SetAttrString(o, "ro", five), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "readonly attribute");
    CHECK_INT(PyObject_DelAttrString(o, "ro"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "readonly attribute");
    /* The member descriptors in the type's dict. */
    PyObject *d = PyObject_GetAttrString(T, "n");
    CHECK(d != NULL && strcmp(Py_TYPE(d)->tp_name, "member_descriptor") == 0);
    CHECK_STR(repr(d), "<member 'n' of 'mod.T' objects>");
    PyObject *doc = d ? PyObject_GetAttrString(d, "__doc__") : NULL;
    CHECK_STR(str_of(doc), "a number");
    Py_XDECREF(doc);
    Py_XDECREF(d);
    Py_DECREF(five);
    Py_DECREF(o);
}

static void test_relative_offset_subclass(void) {
    PyObject *sub = PyType_FromModuleAndSpec(module, &sub_spec, T);
    CHECK(sub != NULL);
    if (sub == NULL) { PyErr_Print(); return; }
    PyTypeObject *st = (PyTypeObject *)sub;
    /* basicsize: the base's, aligned, plus the subclass's own data; itemsize the base's. */
    CHECK(st->tp_basicsize >= (Py_ssize_t)(sizeof(TObject) + sizeof(SubData)));
    CHECK(st->tp_basicsize <= (Py_ssize_t)(sizeof(TObject) + sizeof(SubData) + 2 * sizeof(max_align_t)));
    CHECK_INT(st->tp_itemsize, 0);
    CHECK(st->tp_base == (PyTypeObject *)T);
    PyObject *o = PyObject_CallOneArg(sub, Py_None);
    CHECK(o == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "'NoneType' object cannot be interpreted as an integer");
    int deallocs = dealloc_count;
    PyObject *three = I(3);
    o = PyObject_CallOneArg(sub, three);
    CHECK(o != NULL);
    CHECK_STR(repr(o), "<T n=3>");
    PyObject *v = PyObject_GetAttrString(o, "extra");
    CHECK(v && PyLong_AsLong(v) == 0);
    Py_XDECREF(v);
    CHECK_INT(PyObject_SetAttrString(o, "extra", three), 0);
    CHECK_INT(PyObject_SetAttrString(o, "n", I(9)), 0); /* leaks an immortal-ish small int ref */
    v = PyObject_GetAttrString(o, "extra");
    CHECK(v && PyLong_AsLong(v) == 3);
    Py_XDECREF(v);
    /* The subclass's data does not overlap the base's. */
    CHECK_INT(((TObject *)o)->n, 9);
    CHECK_INT(((TObject *)o)->ro, 7);
    CHECK_INT(PyObject_SetAttrString(o, "s", three), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "readonly attribute");
    /* Inherited members, methods and the managed dict work on the subclass. */
    CHECK_INT(PyObject_SetAttrString(o, "obj", three), 0);
    CHECK_INT(PyObject_SetAttrString(o, "free", three), 0);
    v = PyObject_GetAttrString(o, "free");
    CHECK(v == three);
    Py_XDECREF(v);
    /* METH_METHOD: the defining class is T, not the subclass. */
    PyObject *r = PyObject_CallMethod(o, "method", NULL);
    CHECK_STR(tag(r), "method");
    CHECK(item(r, 1) == T);
    CHECK(item(r, 2) == module);
    Py_XDECREF(r);
    PyObject *ref = PyWeakref_NewRef(o, NULL);
    CHECK(ref != NULL);
    Py_DECREF(o);
    CHECK_INT(dealloc_count, deallocs + 1);
    PyObject *gone = (PyObject *)1;
    CHECK_INT(PyWeakref_GetRef(ref, &gone), 0);
    CHECK(gone == NULL);
    Py_XDECREF(ref);
    Py_DECREF(three);
    Py_DECREF(sub);
}

static void test_getsets(void) {
    PyObject *o = PyObject_CallOneArg(T, I(4));
    PyObject *v = PyObject_GetAttrString(o, "g");
    CHECK_STR(str_of(v), "unset");
    Py_XDECREF(v);
    PyObject *x = S("x");
    CHECK_INT(PyObject_SetAttrString(o, "g", x), 0);
    v = PyObject_GetAttrString(o, "g");
    CHECK(v == x);
    Py_XDECREF(v);
    CHECK_INT(PyObject_DelAttrString(o, "g"), 0);
    CHECK(((TObject *)o)->g == NULL);
    v = PyObject_GetAttrString(o, "twice");
    CHECK(v && PyLong_AsLong(v) == 8);
    Py_XDECREF(v);
    CHECK_INT(PyObject_SetAttrString(o, "twice", x), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "attribute 'twice' of 'mod.T' objects is not writable");
    CHECK_INT(PyObject_DelAttrString(o, "twice"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "attribute 'twice' of 'mod.T' objects is not writable");
    PyObject *d = PyObject_GetAttrString(T, "twice");
    CHECK(d != NULL && strcmp(Py_TYPE(d)->tp_name, "getset_descriptor") == 0);
    CHECK_STR(repr(d), "<attribute 'twice' of 'mod.T' objects>");
    Py_XDECREF(d);
    Py_DECREF(x);
    Py_DECREF(o);
}

static PyObject *call_attr(PyObject *o, const char *name, PyObject *args, PyObject *kw) {
    PyObject *m = PyObject_GetAttrString(o, name);
    if (m == NULL) return NULL;
    PyObject *r = PyObject_Call(m, args, kw);
    Py_DECREF(m);
    return r;
}

static void test_methods(void) {
    PyObject *o = PyObject_CallNoArgs(T);
    PyObject *one = I(1), *two = I(2);
    PyObject *empty = PyTuple_New(0), *a1 = PyTuple_Pack(1, one), *a2 = PyTuple_Pack(2, one, two);
    PyObject *kw = PyDict_New();
    PyDict_SetItemString(kw, "k", two);

    /* Bound methods through PyObject_GetAttrString, then called. */
    PyObject *m = PyObject_GetAttrString(o, "noargs");
    CHECK(m != NULL && strcmp(Py_TYPE(m)->tp_name, "builtin_function_or_method") == 0);
    CHECK(m && PyCFunction_GetSelf(m) == o);
    Py_XDECREF(m);
    PyObject *r = call_attr(o, "noargs", empty, NULL);
    CHECK_STR(tag(r), "noargs");
    CHECK(item(r, 1) == o);
    Py_XDECREF(r);
    r = call_attr(o, "noargs", a1, NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "T.noargs() takes no arguments (1 given)");
    r = call_attr(o, "o", a1, NULL);
    CHECK_STR(tag(r), "o");
    CHECK(item(r, 1) == one);
    Py_XDECREF(r);
    r = call_attr(o, "o", a2, NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "T.o() takes exactly one argument (2 given)");
    r = call_attr(o, "varargs", a2, NULL);
    CHECK_STR(tag(r), "varargs");
    CHECK_INT(PyTuple_Size(item(r, 1)), 2);
    Py_XDECREF(r);
    r = call_attr(o, "varargs", a1, kw);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "varargs() takes no keyword arguments");
    r = call_attr(o, "kw", a1, kw);
    CHECK_STR(tag(r), "kw");
    CHECK(item(r, 2) && PyDict_Check(item(r, 2)));
    Py_XDECREF(r);
    r = call_attr(o, "fast", a2, NULL);
    CHECK_STR(tag(r), "fast");
    CHECK(item(r, 1) && PyLong_AsLong(item(r, 1)) == 2);
    Py_XDECREF(r);
    r = call_attr(o, "fastkw", a1, kw);
    CHECK_STR(tag(r), "fastkw");
    CHECK_STR(repr(item(r, 2)), "('k',)");
    Py_XDECREF(r);

    /* PyObject_CallMethod* and PyObject_VectorcallMethod. */
    PyObject *name = S("varargs");
    r = PyObject_CallMethodObjArgs(o, name, one, two, NULL);
    Py_DECREF(name);
    CHECK_STR(tag(r), "varargs");
    CHECK_STR(repr(item(r, 1)), "(1, 2)");
    Py_XDECREF(r);
    r = PyObject_CallMethodNoArgs(o, PyUnicode_FromString("noargs"));
    CHECK_STR(tag(r), "noargs");
    Py_XDECREF(r);
    name = S("o");
    r = PyObject_CallMethodOneArg(o, name, two);
    CHECK(item(r, 1) == two);
    Py_XDECREF(r);
    Py_DECREF(name);
    name = S("fast");
    r = PyObject_CallMethodObjArgs(o, name, one, two, NULL);
    CHECK_STR(tag(r), "fast");
    CHECK(item(r, 1) && PyLong_AsLong(item(r, 1)) == 2);
    Py_XDECREF(r);
    Py_DECREF(name);
    name = S("fastkw");
    PyObject *k = S("k"), *kwnames = PyTuple_Pack(1, k);
    Py_DECREF(k);
    PyObject *vargs[] = {o, one, two};
    r = PyObject_VectorcallMethod(name, vargs, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    CHECK_STR(tag(r), "fastkw");
    CHECK(item(r, 1) && PyLong_AsLong(item(r, 1)) == 1);
    CHECK_STR(repr(item(r, 2)), "('k',)");
    Py_XDECREF(r);
    Py_DECREF(kwnames);
    Py_DECREF(name);
    r = PyObject_CallMethod(o, "nosuch", NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute 'nosuch'");

    /* METH_CLASS and METH_STATIC through the type and the instance. */
    r = PyObject_CallMethod(T, "klass", NULL);
    CHECK_STR(tag(r), "class");
    CHECK(item(r, 1) == T);
    Py_XDECREF(r);
    r = PyObject_CallMethod(o, "klass", NULL);
    CHECK(item(r, 1) == T);
    Py_XDECREF(r);
    name = S("static");
    r = PyObject_CallMethodOneArg(T, name, one);
    Py_DECREF(name);
    CHECK_STR(tag(r), "static");
    CHECK(item(r, 1) == Py_None);
    Py_XDECREF(r);
    r = PyObject_CallMethod(o, "static", NULL);
    CHECK(item(r, 1) == Py_None);
    Py_XDECREF(r);
    PyObject *d = PyObject_GetAttrString(T, "klass");
    CHECK(d && strcmp(Py_TYPE(d)->tp_name, "builtin_function_or_method") == 0);
    Py_XDECREF(d);
    d = PyDict_GetItemString(((PyTypeObject *)T)->tp_dict, "klass");
    CHECK(d && strcmp(Py_TYPE(d)->tp_name, "classmethod_descriptor") == 0);
    d = PyDict_GetItemString(((PyTypeObject *)T)->tp_dict, "static");
    CHECK(d && strcmp(Py_TYPE(d)->tp_name, "staticmethod") == 0);

    /* Unbound through the type: method descriptors check their self. */
    d = PyObject_GetAttrString(T, "noargs");
    CHECK(d && strcmp(Py_TYPE(d)->tp_name, "method_descriptor") == 0);
    CHECK_STR(repr(d), "<method 'noargs' of 'mod.T' objects>");
    r = d ? PyObject_CallOneArg(d, o) : NULL;
    CHECK_STR(tag(r), "noargs");
    Py_XDECREF(r);
    r = d ? PyObject_CallOneArg(d, one) : NULL;
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor 'noargs' for 'mod.T' objects doesn't apply to a 'int' object");
    Py_XDECREF(d);

    /* METH_METHOD: the defining class and its module. */
    name = S("method");
    r = PyObject_CallMethodObjArgs(o, name, one, two, NULL);
    Py_DECREF(name);
    CHECK_STR(tag(r), "method");
    CHECK(item(r, 1) == T);
    CHECK(item(r, 2) == module);
    CHECK(item(r, 3) && PyLong_AsLong(item(r, 3)) == 2);
    Py_XDECREF(r);

    Py_DECREF(kw);
    Py_DECREF(a2);
    Py_DECREF(a1);
    Py_DECREF(empty);
    Py_DECREF(two);
    Py_DECREF(one);
    Py_DECREF(o);
}

static void test_managed_dict(void) {
    PyObject *o = PyObject_CallNoArgs(T);
    PyObject *v = S("value");
    CHECK_INT(PyObject_SetAttrString(o, "attr", v), 0);
    PyObject *got = PyObject_GetAttrString(o, "attr");
    CHECK(got == v);
    Py_XDECREF(got);
    CHECK_INT(PyObject_HasAttrString(o, "attr"), 1);
    /* A spec type gets no __dict__ (nor __weakref__) descriptor, as CPython 3.13: only
       type() adds them; an extension wanting o.__dict__ names PyObject_GenericGetDict in a
       getset (see test_dict_getset). */
    CHECK(PyObject_GetAttrString(o, "__dict__") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute '__dict__'");
    PyObject *d = PyObject_GenericGetDict(o, NULL);
    CHECK(d != NULL && PyDict_CheckExact(d));
    CHECK(d && PyDict_GetItemString(d, "attr") == v);
    CHECK_INT(d ? PyDict_Size(d) : -1, 1);
    /* The same dict each time; writes through it are attributes. */
    PyObject *d2 = PyObject_GenericGetDict(o, NULL);
    CHECK(d == d2);
    Py_XDECREF(d2);
    if (d) PyDict_SetItemString(d, "via_dict", v);
    got = PyObject_GetAttrString(o, "via_dict");
    CHECK(got == v);
    Py_XDECREF(got);
    CHECK_INT(PyObject_DelAttrString(o, "attr"), 0);
    CHECK(PyObject_GetAttrString(o, "attr") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute 'attr'");
    CHECK_INT(PyObject_DelAttrString(o, "attr"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute 'attr'");
    CHECK_INT(d ? PyDict_Size(d) : -1, 1);
    /* Data descriptors win over the dict; the dict wins over methods. */
    if (d) PyDict_SetItemString(d, "n", v);
    got = PyObject_GetAttrString(o, "n");
    CHECK(got && PyLong_CheckExact(got));
    Py_XDECREF(got);
    CHECK_INT(PyObject_SetAttrString(o, "noargs", v), 0);
    got = PyObject_GetAttrString(o, "noargs");
    CHECK(got == v);
    Py_XDECREF(got);
    /* The dict replaced through PyObject_GenericSetDict. */
    PyObject *nd = PyDict_New();
    PyDict_SetItemString(nd, "fresh", v);
    CHECK_INT(PyObject_GenericSetDict(o, nd, NULL), 0);
    got = PyObject_GetAttrString(o, "fresh");
    CHECK(got == v);
    Py_XDECREF(got);
    CHECK(PyObject_GetAttrString(o, "via_dict") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute 'via_dict'");
    CHECK_INT(PyObject_GenericSetDict(o, v, NULL), -1);
    CHECK_STR(err_text(PyExc_TypeError), "__dict__ must be set to a dictionary, not a 'str'");
    CHECK_INT(PyObject_GenericSetDict(o, NULL, NULL), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot delete __dict__");
    Py_DECREF(nd);
    /* The type's own __dict__ is a read-only mappingproxy without __dict__/__weakref__. */
    PyObject *td = PyObject_GetAttrString(T, "__dict__");
    CHECK(td && strcmp(Py_TYPE(td)->tp_name, "mappingproxy") == 0);
    CHECK(td && !PyMapping_HasKeyString(td, "__dict__"));
    CHECK(td && !PyMapping_HasKeyString(td, "__weakref__"));
    CHECK(td && PyMapping_HasKeyString(td, "noargs"));
    Py_XDECREF(td);
    /* An attribute of the type itself. */
    CHECK_INT(PyObject_SetAttrString(T, "class_attr", v), 0);
    got = PyObject_GetAttrString(o, "class_attr");
    CHECK(got == v);
    Py_XDECREF(got);
    CHECK_INT(PyObject_DelAttrString(T, "class_attr"), 0);
    CHECK(PyObject_GetAttrString(o, "class_attr") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute 'class_attr'");
    Py_XDECREF(d); /* the old dict, detached */
    /* The instance's dict dies with it. */
    Py_ssize_t before = Py_REFCNT(v);
    Py_DECREF(o);
    CHECK_INT(Py_REFCNT(v), before - 1); /* "fresh" in the dict that replaced the first */
    Py_DECREF(v);
}

/* __dict__ as a 3.13 extension exposes it: a getset of the generic functions. */
static PyGetSetDef dict_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL},
};
static PyType_Slot dict_slots[] = {{Py_tp_getset, dict_getset}, {0, NULL}};
static PyType_Spec dict_spec = {"mod.D", 0, 0, Py_TPFLAGS_DEFAULT, dict_slots};

static void test_dict_getset(void) {
    PyObject *D = PyType_FromSpecWithBases(&dict_spec, T);
    CHECK(D != NULL);
    if (D == NULL) { PyErr_Print(); return; }
    PyObject *o = PyObject_CallNoArgs(D);
    PyObject *v = S("v");
    CHECK_INT(PyObject_SetAttrString(o, "a", v), 0);
    PyObject *d = PyObject_GetAttrString(o, "__dict__");
    CHECK(d && PyDict_CheckExact(d) && PyDict_GetItemString(d, "a") == v);
    PyObject *d2 = PyObject_GetAttrString(o, "__dict__");
    CHECK(d == d2);
    Py_XDECREF(d2);
    PyObject *nd = PyDict_New();
    PyDict_SetItemString(nd, "b", v);
    CHECK_INT(PyObject_SetAttrString(o, "__dict__", nd), 0);
    CHECK_INT(PyObject_HasAttrString(o, "a"), 0);
    CHECK_INT(PyObject_HasAttrString(o, "b"), 1);
    CHECK_INT(PyObject_SetAttrString(o, "__dict__", v), -1);
    CHECK_STR(err_text(PyExc_TypeError), "__dict__ must be set to a dictionary, not a 'str'");
    CHECK_INT(PyObject_DelAttrString(o, "__dict__"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot delete __dict__");
    Py_DECREF(nd);
    Py_XDECREF(d);
    Py_DECREF(o);
    Py_DECREF(v);
    Py_DECREF(D);
}

/* A PyCFunction and a classmethod wrapping one, for a class made by type(). */
static PyObject *sub_repr(PyObject *self, PyObject *arg) {
    /* As a staticmethod/function taking one argument: the instance. */
    return PyUnicode_FromFormat("<Sub of %s>", Py_TYPE(arg)->tp_name);
}
static PyMethodDef sub_repr_def = {"sub_repr", sub_repr, METH_O, NULL};

static void test_slots_and_dunders(void) {
    PyObject *o = PyObject_CallOneArg(T, I(2));
    /* tp_repr -> __repr__ */
    PyObject *r = PyObject_CallMethod(o, "__repr__", NULL);
    CHECK_STR(str_of(r), "<T n=2>");
    Py_XDECREF(r);
    PyObject *w = PyObject_GetAttrString(T, "__repr__");
    CHECK(w && strcmp(Py_TYPE(w)->tp_name, "wrapper_descriptor") == 0);
    CHECK_STR(repr(w), "<slot wrapper '__repr__' of 'mod.T' objects>");
    Py_XDECREF(w);
    w = PyObject_GetAttrString(o, "__init__");
    CHECK(w && strcmp(Py_TYPE(w)->tp_name, "method-wrapper") == 0);
    Py_XDECREF(w);

    /* __repr__ in a dict -> tp_repr of a class made by calling type(). A builtin function is
       not a descriptor: tp_repr calls it with no argument (CPython 3.13, measured). A
       classmethod wrapping it: c-tests/pending/test_classmethod_bound.c (bound methods). */
    PyObject *f = PyCFunction_New(&sub_repr_def, NULL);
    PyObject *bases = PyTuple_Pack(1, T);
    PyObject *dict = PyDict_New();
    PyDict_SetItemString(dict, "__repr__", f);
    PyObject *sub = make_class("Sub", bases, dict);
    CHECK(sub != NULL);
    if (sub == NULL) PyErr_Print();
    PyObject *so = sub ? PyObject_CallNoArgs(sub) : NULL;
    CHECK(so != NULL);
    /* tp_repr now calls type(so).__repr__(so): f receives so as its one argument. */
    PyObject *rr = so ? PyObject_Repr(so) : NULL;
    CHECK(rr == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "sub_repr() takes exactly one argument (0 given)");
    Py_XDECREF(rr);
    /* The heap subclass made by type() inherits the managed dict, members and methods. */
    CHECK_INT(PyObject_SetAttrString(so, "x", f), 0);
    PyObject *got = so ? PyObject_GetAttrString(so, "x") : NULL;
    CHECK(got == f);
    Py_XDECREF(got);
    r = so ? PyObject_CallMethod(so, "method", NULL) : NULL;
    CHECK(item(r, 1) == T);
    Py_XDECREF(r);
    r = so ? PyObject_CallMethod(so, "bump", NULL) : NULL;
    CHECK(r && PyLong_AsLong(r) == 1);
    Py_XDECREF(r);
    /* Instances of a type() subclass are deallocated through T's tp_dealloc. */
    int deallocs = dealloc_count;
    Py_XDECREF(so);
    CHECK_INT(dealloc_count, deallocs + 1);

    /* A class of object made by type() has an instance dict, __dict__ and weak references. */
    PyObject *obases = PyTuple_Pack(1, (PyObject *)&PyBaseObject_Type);
    PyObject *odict = PyDict_New();
    PyObject *plain = make_class("Plain", obases, odict);
    PyObject *po = plain ? PyObject_CallNoArgs(plain) : NULL;
    CHECK(po != NULL);
    CHECK_INT(po ? PyObject_SetAttrString(po, "x", f) : -1, 0);
    PyObject *pd = po ? PyObject_GetAttrString(po, "__dict__") : NULL;
    CHECK(pd && PyDict_GetItemString(pd, "x") == f);
    Py_XDECREF(pd);
    /* type()'s __dict__ may be deleted (a fresh one comes next), unlike GenericSetDict's. */
    CHECK_INT(po ? PyObject_DelAttrString(po, "__dict__") : -1, 0);
    CHECK_INT(po ? PyObject_HasAttrString(po, "x") : -1, 0);
    CHECK_INT(po ? PyObject_SetAttrString(po, "__dict__", f) : 0, -1);
    CHECK_STR(err_text(PyExc_TypeError), "__dict__ must be set to a dictionary, not a 'builtin_function_or_method'");
    PyObject *pwl = po ? PyObject_GetAttrString(po, "__weakref__") : NULL;
    CHECK(pwl == Py_None);
    Py_XDECREF(pwl);
    PyObject *pw = po ? PyWeakref_NewRef(po, NULL) : NULL;
    CHECK(pw != NULL);
    pwl = po ? PyObject_GetAttrString(po, "__weakref__") : NULL;
    CHECK(pwl == pw);
    Py_XDECREF(pwl);
    Py_XDECREF(po);
    PyObject *pgot = (PyObject *)1;
    CHECK_INT(pw ? PyWeakref_GetRef(pw, &pgot) : -1, 0);
    Py_XDECREF(pw);
    Py_XDECREF(plain);
    Py_DECREF(odict);
    Py_DECREF(obases);

    /* Reassigning __repr__ on the class after creation updates tp_repr. */
    if (sub) {
        PyObject *sm = PyStaticMethod_New(f);
        CHECK_INT(PyObject_SetAttrString(sub, "__repr__", sm), 0);
        so = PyObject_CallNoArgs(sub);
        PyObject *rr = so ? PyObject_Repr(so) : NULL;
        CHECK(rr == NULL); /* a staticmethod gets no instance: f() lacks its argument */
        CHECK_STR(err_text(PyExc_TypeError), "sub_repr() takes exactly one argument (0 given)");
        Py_XDECREF(rr);
        CHECK_INT(PyObject_DelAttrString(sub, "__repr__"), 0);
        CHECK_STR(repr(so), "<T n=0>");
        Py_XDECREF(so);
        Py_DECREF(sm);
    }
    Py_XDECREF(sub);
    Py_DECREF(dict);
    Py_DECREF(bases);
    Py_DECREF(f);
    Py_DECREF(o);
}

static int callback_count;
static PyObject *callback_ref;

static PyObject *on_gone(PyObject *self, PyObject *ref) {
    callback_count++;
    callback_ref = ref;
    Py_RETURN_NONE;
}
static PyMethodDef on_gone_def = {"on_gone", on_gone, METH_O, NULL};

static void test_weakrefs(void) {
    PyObject *cb = PyCFunction_New(&on_gone_def, NULL);
    PyObject *o = PyObject_CallNoArgs(T);
    PyObject *r1 = PyWeakref_NewRef(o, cb);
    PyObject *r2 = PyWeakref_NewRef(o, NULL);
    PyObject *r3 = PyWeakref_NewRef(o, NULL);
    CHECK(r1 != NULL && r2 != NULL);
    CHECK(r2 == r3); /* the callback-less reference is shared */
    Py_XDECREF(r3);
    PyObject *p = PyWeakref_NewProxy(o, NULL);
    CHECK(p != NULL);
    PyObject *v = p ? PyObject_GetAttrString(p, "ro") : NULL;
    CHECK(v && PyLong_AsLong(v) == 7);
    Py_XDECREF(v);
    PyObject *got = NULL;
    CHECK_INT(PyWeakref_GetRef(r1, &got), 1);
    CHECK(got == o);
    Py_XDECREF(got);
    /* No __weakref__ descriptor on a spec type (CPython 3.13). */
    CHECK(PyObject_GetAttrString(o, "__weakref__") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "'mod.T' object has no attribute '__weakref__'");
    /* The callback runs when the last reference goes, after the object is unreachable. */
    int deallocs = dealloc_count;
    Py_DECREF(o);
    CHECK_INT(dealloc_count, deallocs + 1);
    CHECK_INT(callback_count, 1);
    CHECK(callback_ref == r1);
    CHECK_INT(PyWeakref_GetRef(r2, &got), 0);
    CHECK(got == NULL);
    v = p ? PyObject_GetAttrString(p, "ro") : NULL;
    CHECK(v == NULL);
    CHECK_STR(err_text(PyExc_ReferenceError), "weakly-referenced object no longer exists");
    Py_XDECREF(p);
    Py_XDECREF(r1);
    Py_XDECREF(r2);

    /* Weak references to a heap type itself. */
    PyType_Spec tmp_spec = {"mod.Tmp", sizeof(TObject), 0, T_FLAGS, t_slots};
    PyObject *tmp = PyType_FromSpec(&tmp_spec);
    CHECK(tmp != NULL);
    PyObject *tr = tmp ? PyWeakref_NewRef(tmp, cb) : NULL;
    CHECK(tr != NULL);
    CHECK_INT(PyWeakref_GetRef(tr, &got), 1);
    CHECK(got == tmp);
    Py_XDECREF(got);
    /* The type's own reference cycles (MRO, descriptors' owner) are what a collector breaks;
       tp_clear does it here so that dropping the last reference frees the type. */
    if (tmp) Py_TYPE(tmp)->tp_clear(tmp);
    Py_XDECREF(tmp);
    CHECK_INT(callback_count, 2);
    CHECK_INT(PyWeakref_GetRef(tr, &got), 0);
    Py_XDECREF(tr);
    Py_DECREF(cb);
}

/* A spec type naming no Py_tp_dealloc: the inherited deallocation (subtype_dealloc in
   CPython) clears weak references (callback run), the managed dict and the type reference. */
static int plain_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    return PyObject_VisitManagedDict(self, visit, arg);
}
static PyType_Slot plain_slots[] = {{Py_tp_traverse, plain_traverse}, {0, NULL}};
static PyType_Spec plain_spec = {"mod.Plain", 0, 0, T_FLAGS, plain_slots};

static void test_default_dealloc(void) {
    PyObject *P = PyType_FromSpec(&plain_spec);
    CHECK(P != NULL);
    if (P == NULL) { PyErr_Print(); return; }
    Py_ssize_t type_refs = Py_REFCNT(P);
    PyObject *cb = PyCFunction_New(&on_gone_def, NULL);
    PyObject *o = PyObject_CallNoArgs(P);
    CHECK(o != NULL);
    CHECK_INT(Py_REFCNT(P), type_refs + 1);
    PyObject *v = PyList_New(0);
    CHECK_INT(PyObject_SetAttrString(o, "v", v), 0);
    CHECK_INT(Py_REFCNT(v), 2);
    PyObject *w = PyWeakref_NewRef(o, cb);
    int calls = callback_count;
    Py_DECREF(o);
    CHECK_INT(callback_count, calls + 1);
    CHECK_INT(Py_REFCNT(v), 1);
    CHECK_INT(Py_REFCNT(P), type_refs);
    Py_XDECREF(w);
    Py_DECREF(v);
    Py_DECREF(cb);
    Py_TYPE(P)->tp_clear(P);
    Py_DECREF(P);
}

/* No reference is gained or lost by attribute traffic on an instance, its type or module. */
static void test_refcounts(void) {
    PyObject *o = PyObject_CallNoArgs(T);
    PyObject *v = S("v"), *one = I(1);
    PyObject *names[] = {S("noargs"), S("method"), S("klass"), S("static")};
    Py_ssize_t o0 = Py_REFCNT(o), t0 = Py_REFCNT(T), m0 = Py_REFCNT(module), v0 = Py_REFCNT(v);
    for (int i = 0; i < 100; i++) {
        PyObject_SetAttrString(o, "a", v);
        PyObject_SetAttrString(o, "obj", v);
        PyObject_SetAttrString(o, "g", v);
        PyObject_SetAttrString(o, "n", one);
        const char *attrs[] = {"a", "obj", "g", "n", "twice", "noargs", "klass", "static", "__repr__"};
        for (size_t k = 0; k < sizeof attrs / sizeof *attrs; k++) Py_XDECREF(PyObject_GetAttrString(o, attrs[k]));
        for (int k = 0; k < 4; k++) {
            PyObject *args[] = {o};
            Py_XDECREF(PyObject_VectorcallMethod(names[k], args, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL));
        }
        PyObject *w = PyWeakref_NewRef(o, NULL);
        Py_XDECREF(w);
        PyObject_DelAttrString(o, "obj");
        PyObject_DelAttrString(o, "a");
        PyObject_DelAttrString(o, "g");
    }
    CHECK_NO_EXC();
    CHECK_INT(Py_REFCNT(o), o0);
    CHECK_INT(Py_REFCNT(T), t0);
    CHECK_INT(Py_REFCNT(module), m0);
    CHECK_INT(Py_REFCNT(v), v0);
    for (int k = 0; k < 4; k++) Py_DECREF(names[k]);
    Py_DECREF(one);
    Py_DECREF(v);
    Py_DECREF(o);
    CHECK_INT(Py_REFCNT(T), t0 - 1);
}

static void test_module_by_def_errors(void) {
    CHECK(PyType_GetModuleByDef((PyTypeObject *)T, &mod_def) == module);
    static PyModuleDef other = {PyModuleDef_HEAD_INIT, "other", NULL, 0, NULL, NULL, NULL, NULL, NULL};
    CHECK(PyType_GetModuleByDef((PyTypeObject *)T, &other) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModuleByDef: No superclass of 'mod.T' has the given module");
    CHECK(PyType_GetModule((PyTypeObject *)T) == module);
}

int main(void) {
    Py_Initialize();
    module = PyModule_Create(&mod_def);
    T = module ? PyType_FromModuleAndSpec(module, &t_spec, NULL) : NULL;
    if (T == NULL) {
        PyErr_Print();
        return 1;
    }
    test_create_and_call();
    test_members();
    test_relative_offset_subclass();
    test_getsets();
    test_methods();
    test_managed_dict();
    test_dict_getset();
    test_slots_and_dunders();
    test_weakrefs();
    test_default_dealloc();
    test_refcounts();
    test_module_by_def_errors();
    CHECK_NO_EXC();
    Py_DECREF(T);
    Py_DECREF(module);
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
