/*
 * test_attr_members.c: a static C type with tp_members of every Py_T_* type, tp_getset
 * and tp_methods (every flag: plain, METH_CLASS, METH_STATIC, METH_COEXIST), read and
 * written through PyObject_GetAttr/SetAttr; member_descriptor, getset_descriptor,
 * method_descriptor, classmethod_descriptor and staticmethod objects in the type's dict
 * (repr, __get__/__set__, calling them unbound); CPython 3.13's messages, compared exactly.
 */
#include "obj_util.h"
#include <float.h>
#include <limits.h>
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    char c_bool;
    char c_byte;
    unsigned char c_ubyte;
    short c_short;
    unsigned short c_ushort;
    int c_int;
    unsigned int c_uint;
    long c_long;
    unsigned long c_ulong;
    Py_ssize_t c_ssize;
    long long c_ll;
    unsigned long long c_ull;
    float c_float;
    double c_double;
    char c_char;
    const char *c_string;
    char c_inplace[8];
    PyObject *o_ex;
    PyObject *o_obj;
    int ro_int;
    int value;          /* behind the getset */
} Rec;

static PyMemberDef rec_members[] = {
    {"b", Py_T_BOOL, offsetof(Rec, c_bool), 0, NULL},
    {"byte", Py_T_BYTE, offsetof(Rec, c_byte), 0, NULL},
    {"ubyte", Py_T_UBYTE, offsetof(Rec, c_ubyte), 0, NULL},
    {"short", Py_T_SHORT, offsetof(Rec, c_short), 0, NULL},
    {"ushort", Py_T_USHORT, offsetof(Rec, c_ushort), 0, NULL},
    {"int", Py_T_INT, offsetof(Rec, c_int), 0, "an int member"},
    {"uint", Py_T_UINT, offsetof(Rec, c_uint), 0, NULL},
    {"long", Py_T_LONG, offsetof(Rec, c_long), 0, NULL},
    {"ulong", Py_T_ULONG, offsetof(Rec, c_ulong), 0, NULL},
    {"ssize", Py_T_PYSSIZET, offsetof(Rec, c_ssize), 0, NULL},
    {"ll", Py_T_LONGLONG, offsetof(Rec, c_ll), 0, NULL},
    {"ull", Py_T_ULONGLONG, offsetof(Rec, c_ull), 0, NULL},
    {"float", Py_T_FLOAT, offsetof(Rec, c_float), 0, NULL},
    {"double", Py_T_DOUBLE, offsetof(Rec, c_double), 0, NULL},
    {"char", Py_T_CHAR, offsetof(Rec, c_char), 0, NULL},
    {"string", Py_T_STRING, offsetof(Rec, c_string), 0, NULL},
    {"inplace", Py_T_STRING_INPLACE, offsetof(Rec, c_inplace), 0, NULL},
    {"ex", Py_T_OBJECT_EX, offsetof(Rec, o_ex), 0, NULL},
    {"obj", _Py_T_OBJECT, offsetof(Rec, o_obj), 0, NULL},
    {"none", _Py_T_NONE, 0, Py_READONLY, NULL},
    {"ro", Py_T_INT, offsetof(Rec, ro_int), Py_READONLY, NULL},
    {NULL}
};

static PyObject *get_value(PyObject *self, void *closure) {
    return PyLong_FromLong(((Rec *)self)->value + (closure ? 1000 : 0));
}
static int set_value(PyObject *self, PyObject *v, void *closure) {
    (void)closure;
    if (v == NULL) {
        PyErr_SetString(PyExc_TypeError, "cannot delete value");
        return -1;
    }
    long x = PyLong_AsLong(v);
    if (x == -1 && PyErr_Occurred()) return -1;
    ((Rec *)self)->value = (int)x;
    return 0;
}

static PyGetSetDef rec_getset[] = {
    {"value", get_value, set_value, "the value", NULL},
    {"value_plus", get_value, NULL, NULL, (void *)1},
    {"writeonly", NULL, set_value, NULL, NULL},
    {NULL}
};

static PyObject *m_twice(PyObject *self, PyObject *arg) {
    long x = PyLong_AsLong(arg);
    if (x == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(2 * x + ((Rec *)self)->value);
}
static PyObject *m_self(PyObject *self, PyObject *unused) { (void)unused; return Py_NewRef(self); }
static PyObject *m_cls(PyObject *cls, PyObject *unused) { (void)unused; return Py_NewRef(cls); }
static PyObject *m_static(PyObject *null_self, PyObject *args) {
    return PyTuple_Pack(2, null_self ? null_self : Py_None, args);
}
static PyObject *m_fast(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    (void)self; (void)args;
    return PyLong_FromSsize_t(nargs);
}
static PyObject *m_repr_coexist(PyObject *self, PyObject *unused) {
    (void)self; (void)unused;
    return PyUnicode_FromString("coexisting __repr__");
}
static PyObject *m_len_no_coexist(PyObject *self, PyObject *unused) {
    (void)self; (void)unused;
    return PyLong_FromLong(-1);
}

static PyObject *m_class_getitem(PyObject *cls, PyObject *key) {
    return PyTuple_Pack(2, cls, key);
}

static PyMethodDef rec_methods[] = {
    {"__class_getitem__", m_class_getitem, METH_O | METH_CLASS, NULL},
    {"twice", m_twice, METH_O, "twice($self, x, /)\n--\n\nReturn 2*x + value."},
    {"me", m_self, METH_NOARGS, NULL},
    {"fast", (PyCFunction)(void (*)(void))m_fast, METH_FASTCALL, NULL},
    {"cls", m_cls, METH_NOARGS | METH_CLASS, NULL},
    {"stat", m_static, METH_VARARGS | METH_STATIC, NULL},
    {"__repr__", m_repr_coexist, METH_NOARGS | METH_COEXIST, NULL},
    {"__len__", m_len_no_coexist, METH_NOARGS, NULL},
    {NULL}
};

static PyObject *rec_repr(PyObject *self) { (void)self; return PyUnicode_FromString("<Rec>"); }
static Py_ssize_t rec_len(PyObject *self) { (void)self; return 7; }
static PySequenceMethods rec_as_sequence = { .sq_length = rec_len };

static void rec_dealloc(PyObject *self) {
    Rec *r = (Rec *)self;
    Py_CLEAR(r->o_ex);
    Py_CLEAR(r->o_obj);
    Py_TYPE(self)->tp_free(self);
}

static PyTypeObject Rec_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "attrtest.Rec",
    .tp_basicsize = sizeof(Rec),
    .tp_dealloc = rec_dealloc,
    .tp_repr = rec_repr,
    .tp_as_sequence = &rec_as_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Rec()\n--\n\nA record of every member type.",
    .tp_members = rec_members,
    .tp_getset = rec_getset,
    .tp_methods = rec_methods,
    .tp_new = PyType_GenericNew,
};

/* A static type with a Py_RELATIVE_OFFSET member: PyType_Ready refuses it. */
static PyMemberDef relative_members[] = {
    {"rel", Py_T_INT, 0, Py_RELATIVE_OFFSET, NULL},
    {NULL}
};
static PyTypeObject Relative_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "attrtest.Relative",
    .tp_basicsize = sizeof(PyObject) + sizeof(int),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_members = relative_members,
};

static PyObject *rec;

static const char *get_repr(const char *name) {
    PyObject *v = PyObject_GetAttrString(rec, name);
    if (v == NULL) return err_text(NULL);
    const char *r = repr(v);
    Py_DECREF(v);
    return r;
}

/* Sets rec.name = v (v is stolen); returns 0/-1. */
static int set(const char *name, PyObject *v) {
    int r = PyObject_SetAttrString(rec, name, v);
    Py_XDECREF(v);
    return r;
}

static void test_integer_members(void) {
    CHECK_STR(get_repr("int"), "0");
    CHECK_INT(set("int", I(-123456)), 0);
    CHECK_INT(((Rec *)rec)->c_int, -123456);
    CHECK_STR(get_repr("int"), "-123456");
    CHECK_INT(set("short", I(-300)), 0);
    CHECK_STR(get_repr("short"), "-300");
    CHECK_INT(set("ushort", I(65535)), 0);
    CHECK_STR(get_repr("ushort"), "65535");
    CHECK_INT(set("byte", I(-5)), 0);
    CHECK_STR(get_repr("byte"), "-5");
    CHECK_INT(set("ubyte", I(250)), 0);
    CHECK_STR(get_repr("ubyte"), "250");
    CHECK_INT(set("uint", PyLong_FromUnsignedLong(4000000000UL)), 0);
    CHECK_STR(get_repr("uint"), "4000000000");
    CHECK_INT(set("long", PyLong_FromLong(LONG_MIN)), 0);
    CHECK_INT(((Rec *)rec)->c_long, LONG_MIN);
    CHECK_INT(set("ulong", PyLong_FromUnsignedLong(ULONG_MAX)), 0);
    CHECK_STR(get_repr("ulong"), "18446744073709551615");
    CHECK_INT(set("ssize", I(-7)), 0);
    CHECK_STR(get_repr("ssize"), "-7");
    CHECK_INT(set("ll", PyLong_FromLongLong(LLONG_MIN)), 0);
    CHECK_STR(get_repr("ll"), "-9223372036854775808");
    CHECK_INT(set("ull", PyLong_FromUnsignedLongLong(ULLONG_MAX)), 0);
    CHECK_STR(get_repr("ull"), "18446744073709551615");

    /* Out of range for long: OverflowError from the conversion. */
    CHECK_INT(set("int", PyLong_FromString("99999999999999999999", NULL, 10)), -1);
    CHECK_STR(err_text(PyExc_OverflowError), "Python int too large to convert to C long");
    CHECK_INT(set("ll", PyLong_FromString("99999999999999999999", NULL, 10)), -1);
    CHECK_STR(err_text(PyExc_OverflowError), "int too big to convert");
    /* Wrong types. */
    CHECK_INT(set("int", S("x")), -1);
    CHECK_STR(err_text(PyExc_TypeError), "'str' object cannot be interpreted as an integer");
    CHECK_INT(set("double", S("x")), -1);
    CHECK_STR(err_text(PyExc_TypeError), "must be real number, not str");
    /* Deleting a number. */
    CHECK_INT(PyObject_DelAttrString(rec, "int"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "can't delete numeric/char attribute");
    /* Read-only. */
    CHECK_INT(set("ro", I(1)), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "readonly attribute");
    CHECK_STR(get_repr("ro"), "0");
}

static void test_other_members(void) {
    CHECK_STR(get_repr("b"), "False");
    CHECK_INT(set("b", Py_NewRef(Py_True)), 0);
    CHECK_STR(get_repr("b"), "True");
    CHECK_INT(set("b", I(1)), -1);
    CHECK_STR(err_text(PyExc_TypeError), "attribute value type must be bool");

    CHECK_INT(set("float", PyFloat_FromDouble(1.5)), 0);
    CHECK_STR(get_repr("float"), "1.5");
    CHECK_INT(set("double", I(3)), 0);
    CHECK_STR(get_repr("double"), "3.0");

    CHECK_INT(set("char", S("z")), 0);
    CHECK_STR(get_repr("char"), "'z'");
    CHECK_INT(set("char", S("zz")), -1);
    CHECK_STR(err_text(PyExc_TypeError), "bad argument type for built-in operation");

    CHECK_STR(get_repr("string"), "None");
    ((Rec *)rec)->c_string = "hello";
    CHECK_STR(get_repr("string"), "'hello'");
    CHECK_INT(set("string", S("x")), -1);
    CHECK_STR(err_text(PyExc_TypeError), "readonly attribute");
    strcpy(((Rec *)rec)->c_inplace, "abc");
    CHECK_STR(get_repr("inplace"), "'abc'");
    CHECK_INT(set("inplace", S("x")), -1);
    CHECK_STR(err_text(PyExc_TypeError), "readonly attribute");

    CHECK_STR(get_repr("none"), "None");

    /* _Py_T_OBJECT: NULL reads as None, deletes to NULL. */
    CHECK_STR(get_repr("obj"), "None");
    CHECK_INT(set("obj", I(5)), 0);
    CHECK_STR(get_repr("obj"), "5");
    CHECK_INT(PyObject_DelAttrString(rec, "obj"), 0);
    CHECK(((Rec *)rec)->o_obj == NULL);
    CHECK_INT(PyObject_DelAttrString(rec, "obj"), 0);

    /* Py_T_OBJECT_EX: NULL is a missing attribute. */
    CHECK_STR(get_repr("ex"), "'attrtest.Rec' object has no attribute 'ex'");
    CHECK_INT(PyObject_DelAttrString(rec, "ex"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "ex");
    PyObject *v = S("value");
    CHECK_INT(PyObject_SetAttrString(rec, "ex", v), 0);
    CHECK(((Rec *)rec)->o_ex == v);
    CHECK_STR(get_repr("ex"), "'value'");
    CHECK_INT(PyObject_HasAttrString(rec, "ex"), 1);
    CHECK_INT(PyObject_DelAttrString(rec, "ex"), 0);
    CHECK_INT(PyObject_HasAttrString(rec, "ex"), 0);
    CHECK_INT(PyObject_HasAttrStringWithError(rec, "ex"), 0);
    CHECK_NO_EXC();
    Py_DECREF(v);
}

static void test_getset(void) {
    CHECK_INT(set("value", I(41)), 0);
    CHECK_STR(get_repr("value"), "41");
    CHECK_STR(get_repr("value_plus"), "1041");
    CHECK_INT(set("value_plus", I(1)), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "attribute 'value_plus' of 'attrtest.Rec' objects is not writable");
    CHECK_INT(PyObject_DelAttrString(rec, "value"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot delete value");
    CHECK_STR(get_repr("writeonly"), "attribute 'writeonly' of 'attrtest.Rec' objects is not readable");
    CHECK_INT(set("writeonly", I(2)), 0);
    CHECK_STR(get_repr("value"), "2");
    CHECK_INT(set("value", I(41)), 0);
}

static void test_methods(void) {
    PyObject *r = PyObject_CallMethod(rec, "me", NULL);
    CHECK(r == rec);
    Py_XDECREF(r);
    PyObject *name = PyUnicode_InternFromString("twice");
    PyObject *arg = I(10);
    r = PyObject_CallMethodOneArg(rec, name, arg);
    CHECK_STR(repr(r), "61");
    Py_XDECREF(r);
    r = PyObject_CallMethodObjArgs(rec, name, arg, NULL);
    CHECK_STR(repr(r), "61");
    Py_XDECREF(r);
    r = PyObject_CallMethodNoArgs(rec, name);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "Rec.twice() takes exactly one argument (0 given)");
    PyObject *args[3] = {NULL, rec, arg};
    r = PyObject_VectorcallMethod(name, args + 1, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
    CHECK_STR(repr(r), "61");
    Py_XDECREF(r);

    /* A bound method. */
    PyObject *bound = PyObject_GetAttr(rec, name);
    CHECK_STR(Py_TYPE(bound)->tp_name, "builtin_function_or_method");
    r = PyObject_CallOneArg(bound, arg);
    CHECK_STR(repr(r), "61");
    Py_XDECREF(r);
    CHECK(PyCFunction_GetSelf(bound) == rec);
    Py_DECREF(bound);

    /* The descriptor from the type: unbound. */
    PyObject *d = PyObject_GetAttr((PyObject *)&Rec_Type, name);
    CHECK_STR(repr(d), "<method 'twice' of 'attrtest.Rec' objects>");
    CHECK_STR(Py_TYPE(d)->tp_name, "method_descriptor");
    PyObject *va[2] = {rec, arg};
    r = PyObject_Vectorcall(d, va, 2, NULL);
    CHECK_STR(repr(r), "61");
    Py_XDECREF(r);
    r = PyObject_Vectorcall(d, NULL, 0, NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unbound method Rec.twice() needs an argument");
    va[0] = arg;
    r = PyObject_Vectorcall(d, va, 2, NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor 'twice' for 'attrtest.Rec' objects doesn't apply to a 'int' object");
    PyObject *doc = PyObject_GetAttrString(d, "__doc__");
    CHECK_STR(repr(doc), "'Return 2*x + value.'");
    Py_XDECREF(doc);
    PyObject *sig = PyObject_GetAttrString(d, "__text_signature__");
    CHECK_STR(repr(sig), "'($self, x, /)'");
    Py_XDECREF(sig);
    PyObject *q = PyObject_GetAttrString(d, "__qualname__");
    CHECK_STR(repr(q), "'Rec.twice'");
    Py_XDECREF(q);
    PyObject *oc = PyObject_GetAttrString(d, "__objclass__");
    CHECK(oc == (PyObject *)&Rec_Type);
    Py_XDECREF(oc);
    Py_DECREF(d);

    /* METH_FASTCALL through the method path. */
    r = PyObject_CallMethod(rec, "fast", NULL);
    CHECK_STR(repr(r), "0");
    Py_XDECREF(r);

    /* METH_CLASS: bound to the type, from an instance or the type. */
    r = PyObject_CallMethod(rec, "cls", NULL);
    CHECK(r == (PyObject *)&Rec_Type);
    Py_XDECREF(r);
    r = PyObject_CallMethod((PyObject *)&Rec_Type, "cls", NULL);
    CHECK(r == (PyObject *)&Rec_Type);
    Py_XDECREF(r);
    PyObject *dict = PyObject_GetAttrString((PyObject *)&Rec_Type, "__dict__");
    CHECK_STR(Py_TYPE(dict)->tp_name, "mappingproxy");
    PyObject *cd = PyMapping_GetItemString(dict, "cls");
    CHECK_STR(Py_TYPE(cd)->tp_name, "classmethod_descriptor");
    CHECK_STR(repr(cd), "<method 'cls' of 'attrtest.Rec' objects>");
    PyObject *targs = PyTuple_Pack(1, (PyObject *)&PyLong_Type);
    r = PyObject_Call(cd, targs, NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor 'cls' requires a subtype of 'attrtest.Rec' but received 'int'");
    Py_DECREF(targs);
    targs = PyTuple_New(0);
    r = PyObject_Call(cd, targs, NULL);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor 'cls' of 'attrtest.Rec' object needs an argument");
    Py_DECREF(targs);
    Py_DECREF(cd);

    /* METH_STATIC: a staticmethod in the dict; called without self. */
    PyObject *sd = PyMapping_GetItemString(dict, "stat");
    CHECK_STR(Py_TYPE(sd)->tp_name, "staticmethod");
    Py_DECREF(sd);
    r = PyObject_CallMethod(rec, "stat", NULL);
    CHECK_STR(repr(r), "(None, ())");
    Py_XDECREF(r);

    /* METH_COEXIST replaces the slot wrapper; without it the wrapper stays. */
    PyObject *rw = PyMapping_GetItemString(dict, "__repr__");
    CHECK_STR(Py_TYPE(rw)->tp_name, "method_descriptor");
    Py_DECREF(rw);
    CHECK_STR(repr(rec), "<Rec>");
    r = PyObject_CallMethod(rec, "__repr__", NULL);
    CHECK_STR(repr(r), "'coexisting __repr__'");
    Py_XDECREF(r);
    PyObject *lw = PyMapping_GetItemString(dict, "__len__");
    CHECK_STR(Py_TYPE(lw)->tp_name, "wrapper_descriptor");
    CHECK_STR(repr(lw), "<slot wrapper '__len__' of 'attrtest.Rec' objects>");
    Py_DECREF(lw);
    r = PyObject_CallMethod(rec, "__len__", NULL);
    CHECK_STR(repr(r), "7");
    Py_XDECREF(r);
    Py_DECREF(dict);
    Py_DECREF(arg); Py_DECREF(name);
}

static void test_descriptors(void) {
    PyObject *dict = PyObject_GetAttrString((PyObject *)&Rec_Type, "__dict__");
    PyObject *md = PyMapping_GetItemString(dict, "int");
    CHECK_STR(Py_TYPE(md)->tp_name, "member_descriptor");
    CHECK_STR(repr(md), "<member 'int' of 'attrtest.Rec' objects>");
    CHECK_INT(PyDescr_IsData(md), 1);
    PyObject *doc = PyObject_GetAttrString(md, "__doc__");
    CHECK_STR(repr(doc), "'an int member'");
    Py_XDECREF(doc);
    /* __get__ and __set__ through the slots. */
    descrgetfunc get = Py_TYPE(md)->tp_descr_get;
    descrsetfunc setf = Py_TYPE(md)->tp_descr_set;
    PyObject *v = I(77);
    CHECK_INT(setf(md, rec, v), 0);
    Py_DECREF(v);
    PyObject *r = get(md, rec, (PyObject *)&Rec_Type);
    CHECK_STR(repr(r), "77");
    Py_XDECREF(r);
    r = get(md, NULL, (PyObject *)&Rec_Type);
    CHECK(r == md);
    Py_XDECREF(r);
    v = I(1);
    r = get(md, v, (PyObject *)&PyLong_Type);
    CHECK(r == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor 'int' for 'attrtest.Rec' objects doesn't apply to a 'int' object");
    CHECK_INT(setf(md, v, v), -1);
    CHECK_STR(err_text(PyExc_TypeError), "descriptor 'int' for 'attrtest.Rec' objects doesn't apply to a 'int' object");
    Py_DECREF(v);
    Py_DECREF(md);

    PyObject *gd = PyMapping_GetItemString(dict, "value");
    CHECK_STR(Py_TYPE(gd)->tp_name, "getset_descriptor");
    CHECK_STR(repr(gd), "<attribute 'value' of 'attrtest.Rec' objects>");
    doc = PyObject_GetAttrString(gd, "__doc__");
    CHECK_STR(repr(doc), "'the value'");
    Py_XDECREF(doc);
    Py_DECREF(gd);

    PyObject *tdoc = PyMapping_GetItemString(dict, "__doc__");
    CHECK_STR(repr(tdoc), "'A record of every member type.'");
    Py_XDECREF(tdoc);
    Py_DECREF(dict);

    /* PyDescr_New* directly. */
    PyObject *m = PyDescr_NewMember(&Rec_Type, &rec_members[5]);
    CHECK_STR(repr(m), "<member 'int' of 'attrtest.Rec' objects>");
    Py_XDECREF(m);
    PyObject *g = PyDescr_NewGetSet(&Rec_Type, &rec_getset[0]);
    CHECK_STR(repr(g), "<attribute 'value' of 'attrtest.Rec' objects>");
    Py_XDECREF(g);
    PyObject *mm = PyDescr_NewMethod(&Rec_Type, &rec_methods[1]);
    CHECK_STR(repr(mm), "<method 'twice' of 'attrtest.Rec' objects>");
    CHECK_INT(PyDescr_IsData(mm), 0);
    Py_XDECREF(mm);
    PyObject *cm = PyDescr_NewClassMethod(&Rec_Type, &rec_methods[4]);
    CHECK_STR(Py_TYPE(cm)->tp_name, "classmethod_descriptor");
    Py_XDECREF(cm);
    static PyMemberDef rel = {"rel", Py_T_INT, 0, Py_RELATIVE_OFFSET, NULL};
    CHECK(PyDescr_NewMember(&Rec_Type, &rel) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "PyDescr_NewMember used with Py_RELATIVE_OFFSET");
    CHECK(PyMember_GetOne((const char *)rec, &rel) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "PyMember_GetOne used with Py_RELATIVE_OFFSET");
    CHECK_INT(PyMember_SetOne((char *)rec, &rel, Py_None), -1);
    CHECK_STR(err_text(PyExc_SystemError), "PyMember_SetOne used with Py_RELATIVE_OFFSET");
    r = PyMember_GetOne((const char *)rec, &rec_members[5]);
    CHECK_STR(repr(r), "77");
    Py_XDECREF(r);
}

static void test_classmethod_staticmethod(void) {
    PyObject *len = PyCFunction_New(&rec_methods[2], NULL);
    PyObject *sm = PyStaticMethod_New(len);
    CHECK_STR(Py_TYPE(sm)->tp_name, "staticmethod");
    PyObject *got = Py_TYPE(sm)->tp_descr_get(sm, rec, (PyObject *)&Rec_Type);
    CHECK(got == len);
    Py_XDECREF(got);
    PyObject *fn = PyObject_GetAttrString(sm, "__func__");
    CHECK(fn == len);
    Py_XDECREF(fn);
    Py_DECREF(sm);
    PyObject *cm = PyClassMethod_New(len);
    CHECK_STR(Py_TYPE(cm)->tp_name, "classmethod");
    fn = PyObject_GetAttrString(cm, "__func__");
    CHECK(fn == len);
    Py_XDECREF(fn);
    Py_DECREF(cm);
    Py_DECREF(len);
}

static void test_class_getitem(void) {
    PyObject *k = I(3);
    PyObject *r = PyObject_GetItem((PyObject *)&Rec_Type, k);
    CHECK(r != NULL && PyTuple_Check(r) && PyTuple_GET_ITEM(r, 0) == (PyObject *)&Rec_Type
          && PyTuple_GET_ITEM(r, 1) == k);
    Py_XDECREF(r);
    CHECK(PyObject_GetItem((PyObject *)&PyLong_Type, k) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "type 'int' is not subscriptable");
    Py_DECREF(k);
}

static void test_static_type_is_immutable(void) {
    CHECK_INT(PyObject_SetAttrString((PyObject *)&Rec_Type, "x", Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot set 'x' attribute of immutable type 'attrtest.Rec'");
    CHECK_INT(PyObject_DelAttrString((PyObject *)&Rec_Type, "twice"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot set 'twice' attribute of immutable type 'attrtest.Rec'");
    CHECK_INT(PyObject_SetAttrString((PyObject *)&PyLong_Type, "real", Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot set 'real' attribute of immutable type 'int'");
}

static void test_refcounts(void) {
    Py_ssize_t before = Py_REFCNT(rec);
    for (int i = 0; i < 100; i++) {
        PyObject *v = PyObject_GetAttrString(rec, "value");
        Py_XDECREF(v);
        PyObject *m = PyObject_GetAttrString(rec, "twice");
        Py_XDECREF(m);
        PyObject *r = PyObject_CallMethod(rec, "me", NULL);
        Py_XDECREF(r);
    }
    CHECK_INT(Py_REFCNT(rec), before);
}

int main(void) {
    Py_Initialize();
    CHECK_INT(PyType_Ready(&Rec_Type), 0);
    CHECK_INT(PyType_Ready(&Relative_Type), -1);
    CHECK_STR(err_text(PyExc_SystemError), "PyDescr_NewMember used with Py_RELATIVE_OFFSET");
    rec = PyType_GenericNew(&Rec_Type, NULL, NULL);
    if (rec == NULL) { fprintf(stderr, "new: %s\n", err_text(NULL)); return 1; }
    test_integer_members();
    test_other_members();
    test_getset();
    test_methods();
    test_descriptors();
    test_classmethod_staticmethod();
    test_class_getitem();
    test_static_type_is_immutable();
    test_refcounts();
    CHECK_NO_EXC();
    Py_DECREF(rec);
    Py_Finalize();
    return TEST_DONE();
}
