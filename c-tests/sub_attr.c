/*
 * sub_attr.c: attribute behaviour that is ours only.
 *
 * - Static types are shared by every interpreter, so their dicts are read-only everywhere:
 *   setting an attribute of a static type without Py_TPFLAGS_IMMUTABLETYPE fails in the
 *   main interpreter too (CPython 3.13 allows it there), and in a subinterpreter.
 * - Py_TPFLAGS_MANAGED_DICT is accepted on a static (GC) type (CPython 3.13 refuses it
 *   without Py_TPFLAGS_HEAPTYPE): the dict sits in the pre-header, 3 words before the
 *   object, the weakref slot 4 words before (zeroed); PyObject_VisitManagedDict /
 *   PyObject_ClearManagedDict; the dict is freed with the object.
 * - A heap type (made here through PyErr_NewException, the heap-type path this branch has)
 *   whose dunder is set gets the slot dispatcher (repr, str, hash, call), and loses it on
 *   delete; class attribute changes are seen through the method cache, also from a
 *   subclass.
 * - Two own-GIL interpreters look up attributes of the same static types at once.
 * - A type dict survives finalization and re-initialization (built afresh).
 */
#include "obj_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    int x;
} Plain;

static PyMemberDef plain_members[] = {
    {"x", Py_T_INT, offsetof(Plain, x), 0, NULL},
    {NULL}
};

/* No Py_TPFLAGS_IMMUTABLETYPE: CPython would let the main interpreter change it. */
static PyTypeObject Plain_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "subattr.Plain",
    .tp_basicsize = sizeof(Plain),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_members = plain_members,
    .tp_new = PyType_GenericNew,
};

static int managed_visits;
static int visit_count(PyObject *o, void *arg) { (void)o; (void)arg; managed_visits++; return 0; }

static int managed_traverse(PyObject *self, visitproc visit, void *arg) {
    return PyObject_VisitManagedDict(self, visit, arg);
}
static int managed_clear(PyObject *self) {
    PyObject_ClearManagedDict(self);
    return 0;
}
static void managed_dealloc(PyObject *self) {
    PyObject_GC_UnTrack(self);
    PyObject_ClearManagedDict(self);
    Py_TYPE(self)->tp_free(self);
}

static PyGetSetDef managed_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL}
};

static PyTypeObject Managed_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "subattr.Managed",
    .tp_basicsize = sizeof(Plain),
    .tp_dealloc = managed_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_MANAGED_WEAKREF,
    .tp_traverse = managed_traverse,
    .tp_clear = managed_clear,
    .tp_members = plain_members,
    .tp_getset = managed_getset,
    .tp_new = PyType_GenericNew,
};

/* Managed dict without GC, and with a dict offset as well: both refused. */
static PyTypeObject NoGC_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "subattr.NoGC",
    .tp_basicsize = sizeof(Plain),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_MANAGED_DICT,
};
static PyTypeObject Both_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "subattr.Both",
    .tp_basicsize = sizeof(Plain) + sizeof(PyObject *),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT,
    .tp_traverse = managed_traverse,
    .tp_dictoffset = sizeof(Plain),
};

static void test_static_types_read_only(void) {
    CHECK_INT(PyObject_SetAttrString((PyObject *)&Plain_Type, "y", Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot set 'y' attribute of immutable type 'subattr.Plain'");
    CHECK_INT(PyObject_DelAttrString((PyObject *)&Plain_Type, "x"), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot set 'x' attribute of immutable type 'subattr.Plain'");
    /* The same in a subinterpreter, which shares the type. */
    PyThreadState *main_ts = PyThreadState_Get();
    PyThreadState *ts;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg)));
    CHECK_INT(PyObject_SetAttrString((PyObject *)&Plain_Type, "y", Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "cannot set 'y' attribute of immutable type 'subattr.Plain'");
    PyObject *p = PyType_GenericNew(&Plain_Type, NULL, NULL);
    PyObject *v = PyLong_FromLong(12345);
    CHECK_INT(PyObject_SetAttrString(p, "x", v), 0);
    PyObject *got = PyObject_GetAttrString(p, "x");
    CHECK_STR(repr(got), "12345");
    Py_XDECREF(got);
    Py_DECREF(v);
    Py_DECREF(p);
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
}

static void test_managed_dict(void) {
    CHECK_INT(PyType_Ready(&NoGC_Type), -1);
    CHECK_STR(err_text(PyExc_SystemError),
              "type subattr.NoGC has the Py_TPFLAGS_MANAGED_DICT flag but not Py_TPFLAGS_HAVE_GC flag");
    CHECK_INT(PyType_Ready(&Both_Type), -1);
    CHECK_STR(err_text(PyExc_TypeError), "type subattr.Both has the Py_TPFLAGS_MANAGED_DICT flag but tp_dictoffset is set");

    CHECK_INT(PyType_Ready(&Managed_Type), 0);
    PyObject *o = PyType_GenericNew(&Managed_Type, NULL, NULL);
    PyObject **pre = (PyObject **)o;
    CHECK(pre[-3] == NULL);                     /* the dict: made on first use */
    CHECK(pre[-4] == NULL);                     /* the weakref list */
    CHECK(PyObject_IS_GC(o));
    CHECK(_PyObject_GetDictPtr(o) == &pre[-3]);
    PyObject *v = PyLong_FromLong(1000001);
    Py_ssize_t before = Py_REFCNT(v);
    CHECK_INT(PyObject_SetAttrString(o, "y", v), 0);
    CHECK(pre[-3] != NULL && PyDict_Check(pre[-3]));
    CHECK_INT(Py_REFCNT(v), before + 1);
    PyObject *got = PyObject_GetAttrString(o, "y");
    CHECK(got == v);
    Py_XDECREF(got);
    CHECK_STR(str_of(pre[-3]), "{'y': 1000001}");
    PyObject *d = PyObject_GetAttrString(o, "__dict__");
    CHECK(d == pre[-3]);
    Py_XDECREF(d);
    /* The member still works beside the dict. */
    CHECK_INT(PyObject_SetAttrString(o, "x", v), 0);
    CHECK_INT(((Plain *)o)->x, 1000001);
    managed_visits = 0;
    CHECK_INT(PyObject_VisitManagedDict(o, visit_count, NULL), 0);
    CHECK_INT(managed_visits, 1);
    PyObject_ClearManagedDict(o);
    CHECK(pre[-3] == NULL);
    CHECK_INT(Py_REFCNT(v), before);
    CHECK_INT(PyObject_SetAttrString(o, "y", v), 0);
    CHECK_INT(Py_REFCNT(v), before + 1);
    Py_DECREF(o);                               /* frees the dict with the object */
    CHECK_INT(Py_REFCNT(v), before);
    /* Many objects: the pre-header is freed with them (no leak, no corruption). */
    for (int i = 0; i < 10000; i++) {
        PyObject *m = PyType_GenericNew(&Managed_Type, NULL, NULL);
        PyObject_SetAttrString(m, "i", v);
        Py_DECREF(m);
    }
    CHECK_INT(Py_REFCNT(v), before);
    Py_DECREF(v);
}

static PyObject *custom_repr(PyObject *self, PyObject *args) {
    (void)self;
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_SetString(PyExc_TypeError, "custom_repr takes no arguments here");
        return NULL;
    }
    return PyUnicode_FromString("<custom repr>");
}
static PyMethodDef custom_repr_def = {"custom_repr", custom_repr, METH_VARARGS, NULL};

static PyObject *new_instance(PyObject *type) {
    PyErr_SetString(type, "message");
    return PyErr_GetRaisedException();
}

static void test_heap_type_dunders(void) {
    PyObject *E = PyErr_NewException("subattr.E", NULL, NULL);
    PyObject *E2 = PyErr_NewException("subattr.E2", E, NULL);
    CHECK(E != NULL && E2 != NULL);
    PyObject *e = new_instance(E);
    CHECK_STR(repr(e), "E('message')");
    /* A builtin function as __repr__: the slot now calls it (as CPython's slot_tp_repr;
       a builtin function does not bind, so it gets no self). */
    PyObject *f = PyCFunction_New(&custom_repr_def, NULL);
    CHECK_INT(PyObject_SetAttrString(E, "__repr__", f), 0);
    CHECK_STR(repr(e), "<custom repr>");
    PyObject *e2 = new_instance(E2);
    CHECK_STR(repr(e2), "<custom repr>");    /* a subclass inheriting the dunder follows it */
    Py_DECREF(e2);
    CHECK_INT(PyObject_DelAttrString(E, "__repr__"), 0);
    CHECK_STR(repr(e), "E('message')");
    CHECK_INT(PyObject_DelAttrString(E, "__repr__"), -1);
    CHECK_STR(err_text(PyExc_AttributeError), "type object 'E' has no attribute '__repr__'");
    /* __hash__ = None makes instances unhashable. */
    CHECK_INT(PyObject_SetAttrString(E, "__hash__", Py_None), 0);
    CHECK_INT(PyObject_Hash(e), -1);
    CHECK_STR(err_text(PyExc_TypeError), "unhashable type: 'E'");
    CHECK_INT(PyObject_DelAttrString(E, "__hash__"), 0);
    CHECK(PyObject_Hash(e) != -1);
    /* __call__ makes instances callable. */
    CHECK_INT(PyCallable_Check(e), 0);
    CHECK_INT(PyObject_SetAttrString(E, "__call__", f), 0);
    CHECK_INT(PyCallable_Check(e), 1);
    PyObject *r = PyObject_CallNoArgs(e);
    CHECK_STR(str_of(r), "<custom repr>");
    Py_XDECREF(r);
    Py_DECREF(f);

    /* Class attributes and the method cache: changes show at once, also through a
       subclass; instances see them too. */
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    CHECK_INT(PyObject_SetAttrString(E, "answer", one), 0);
    PyObject *name = PyUnicode_InternFromString("answer");
    for (int i = 0; i < 3; i++) {
        PyObject *a = PyObject_GetAttr(E2, name);
        CHECK(a == one);
        Py_XDECREF(a);
    }
    CHECK_INT(PyObject_SetAttrString(E, "answer", two), 0);
    PyObject *a = PyObject_GetAttr(E2, name);
    CHECK(a == two);
    Py_XDECREF(a);
    a = PyObject_GetAttr(e, name);
    CHECK(a == two);
    Py_XDECREF(a);
    CHECK_INT(PyObject_DelAttr(E, name), 0);
    CHECK(PyObject_GetAttr(E2, name) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "type object 'E2' has no attribute 'answer'");
    Py_DECREF(name);
    Py_DECREF(one); Py_DECREF(two);
    PyObject *md = PyObject_GetAttrString(E, "__module__");
    CHECK_STR(repr(md), "'subattr'");
    Py_XDECREF(md);
    Py_DECREF(e);
    Py_DECREF(E2);
    Py_DECREF(E);
}

/* Two own-GIL interpreters read attributes of the same static types at once. */
static void *lookups(void *arg) {
    (void)arg;
    PyThreadState *ts;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    if (PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg))) return (void *)1;
    void *bad = NULL;
    PyObject *names[3] = {PyUnicode_InternFromString("__len__"), PyUnicode_InternFromString("__add__"),
                          PyUnicode_InternFromString("x")};
    PyObject *p = PyType_GenericNew(&Plain_Type, NULL, NULL);
    for (int k = 0; k < 100000 && !bad; k++) {
        PyObject *a = PyObject_GetAttr((PyObject *)&PyList_Type, names[0]);
        PyObject *b = PyObject_GetAttr((PyObject *)&PyLong_Type, names[1]);
        PyObject *c = PyObject_GetAttr(p, names[2]);
        if (a == NULL || b == NULL || c == NULL) bad = (void *)2;
        Py_XDECREF(a); Py_XDECREF(b); Py_XDECREF(c);
    }
    Py_DECREF(p);
    for (int i = 0; i < 3; i++) Py_DECREF(names[i]);
    Py_EndInterpreter(ts);
    return bad;
}

static void test_parallel_lookups(void) {
    PyThreadState *main_ts = PyEval_SaveThread();
    pthread_t t1, t2;
    void *r1, *r2;
    pthread_create(&t1, NULL, lookups, NULL);
    pthread_create(&t2, NULL, lookups, NULL);
    pthread_join(t1, &r1);
    pthread_join(t2, &r2);
    PyEval_RestoreThread(main_ts);
    CHECK(r1 == NULL && r2 == NULL);
}

int main(void) {
    for (int round = 0; round < 2; round++) {   /* type dicts are built again after re-init */
        Py_Initialize();
        CHECK_INT(PyType_Ready(&Plain_Type), 0);
        test_static_types_read_only();
        if (round == 0) test_managed_dict();
        test_heap_type_dunders();
        test_parallel_lookups();
        PyObject *d = PyObject_GetAttrString((PyObject *)&PyList_Type, "__len__");
        CHECK_STR(repr(d), "<slot wrapper '__len__' of 'list' objects>");
        Py_XDECREF(d);
        CHECK_NO_EXC();
        CHECK_INT(Py_FinalizeEx(), 0);
    }
    return TEST_DONE();
}
