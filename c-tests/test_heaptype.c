/*
 * test_heaptype.c: types from specs (PyType_FromSpec and family), as CPython 3.13: the
 * copied name, doc and member table, slots through PyType_GetSlot and the abstract API,
 * instantiation and deallocation (instances hold their heap type), subclasses of heap and
 * static types, metaclasses, module association, and the error texts.
 *
 * Attribute access (members, getsets and methods as descriptors) is tested with the
 * attribute protocol; here members are checked in the copied table.
 */
#include "obj_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    int x;
    double d;
    PyObject *o;
} PointObject;

static int dealloc_count, init_count;

static void point_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    Py_CLEAR(((PointObject *)self)->o);
    dealloc_count++;
    tp->tp_free(self);
    Py_DECREF(tp);
}

static int point_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((PointObject *)self)->o);
    return 0;
}

static int point_clear(PyObject *self) {
    Py_CLEAR(((PointObject *)self)->o);
    return 0;
}

static int point_init(PyObject *self, PyObject *args, PyObject *kw) {
    init_count++;
    ((PointObject *)self)->x = (int)PyTuple_GET_SIZE(args);
    return 0;
}

static PyObject *point_repr(PyObject *self) {
    return PyUnicode_FromFormat("<Point x=%d>", ((PointObject *)self)->x);
}

static PyTypeObject *point_type;

static PyObject *point_add(PyObject *a, PyObject *b) {
    if (!PyObject_TypeCheck(a, point_type) || !PyObject_TypeCheck(b, point_type)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return PyLong_FromLong(((PointObject *)a)->x + ((PointObject *)b)->x);
}

static Py_ssize_t point_len(PyObject *self) { return 42; }

static PyObject *point_get_x(PyObject *self, void *closure) {
    return PyLong_FromLong(((PointObject *)self)->x);
}

static PyObject *point_noop(PyObject *self, PyObject *unused) { Py_RETURN_NONE; }

static PyMemberDef point_members[] = {
    {"x", Py_T_INT, offsetof(PointObject, x), 0, "the x"},
    {"d", Py_T_DOUBLE, offsetof(PointObject, d), Py_READONLY, NULL},
    {"o", Py_T_OBJECT_EX, offsetof(PointObject, o), 0, NULL},
    {NULL},
};

static PyGetSetDef point_getset[] = {
    {"xx", point_get_x, NULL, "x again", NULL},
    {NULL},
};

static PyMethodDef point_methods[] = {
    {"noop", point_noop, METH_NOARGS, NULL},
    {NULL},
};

static const char point_doc[] = "Point(x)\n--\n\nA point.";

static PyType_Slot point_slots[] = {
    {Py_tp_doc, (void *)point_doc},
    {Py_tp_dealloc, point_dealloc},
    {Py_tp_traverse, point_traverse},
    {Py_tp_clear, point_clear},
    {Py_tp_init, point_init},
    {Py_tp_repr, point_repr},
    {Py_nb_add, point_add},
    {Py_mp_length, point_len},
    {Py_tp_members, point_members},
    {Py_tp_getset, point_getset},
    {Py_tp_methods, point_methods},
    {0, NULL},
};

static PyType_Spec point_spec = {
    "heapmod.Point", sizeof(PointObject), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC, point_slots,
};

static PyObject *text_of(PyObject *s) {
    return s;
}

static void check_str_result(int line, PyObject *got, const char *want) {
    if (got == NULL) {
        t_failed++;
        fprintf(stderr, "FAIL line %d: NULL (%s), expected \"%s\"\n", line, err_text(NULL), want);
        return;
    }
    const char *g = utf8(text_of(got));
    if (strcmp(g, want) == 0) {
        t_passed++;
    } else {
        t_failed++;
        fprintf(stderr, "FAIL line %d: \"%s\", expected \"%s\"\n", line, g, want);
    }
    Py_DECREF(got);
}
#define CHECK_STR_RESULT(got, want) check_str_result(__LINE__, (got), (want))

static void test_point(void) {
    PyObject *t = PyType_FromSpec(&point_spec);
    CHECK(t != NULL);
    if (t == NULL) { PyErr_Print(); return; }
    PyTypeObject *tp = (PyTypeObject *)t;
    point_type = tp;
    CHECK(PyType_Check(t));
    CHECK(Py_IS_TYPE(t, &PyType_Type));
    unsigned long f = PyType_GetFlags(tp);
    CHECK(f & Py_TPFLAGS_HEAPTYPE);
    CHECK(f & Py_TPFLAGS_HAVE_GC);
    CHECK(f & Py_TPFLAGS_BASETYPE);
    CHECK(f & Py_TPFLAGS_READY);
    CHECK(PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE));
    /* Heap types are GC objects; static types are not. */
    CHECK_INT(PyObject_IS_GC(t), 1);
    CHECK_INT(PyObject_IS_GC((PyObject *)&PyLong_Type), 0);

    /* Names: tp_name is a copy of the spec's; __name__/__qualname__ after the dot. */
    CHECK_STR(tp->tp_name, "heapmod.Point");
    CHECK(tp->tp_name != point_spec.name);
    CHECK_STR_RESULT(PyType_GetName(tp), "Point");
    CHECK_STR_RESULT(PyType_GetQualName(tp), "Point");
    CHECK_STR_RESULT(PyType_GetModuleName(tp), "heapmod");
    CHECK_STR_RESULT(PyType_GetFullyQualifiedName(tp), "heapmod.Point");
    CHECK_STR(repr(t), "<class 'heapmod.Point'>");
    CHECK_STR_RESULT(PyType_GetName(&PyLong_Type), "int");
    CHECK_STR_RESULT(PyType_GetModuleName(&PyLong_Type), "builtins");
    CHECK_STR_RESULT(PyType_GetFullyQualifiedName(&PyLong_Type), "int");

    /* The doc is copied (with its signature); sizes as the spec says. */
    CHECK(tp->tp_doc != NULL && tp->tp_doc != point_doc);
    CHECK_STR(tp->tp_doc, point_doc);
    CHECK_INT(tp->tp_basicsize, sizeof(PointObject));
    CHECK_INT(tp->tp_itemsize, 0);
    CHECK(tp->tp_base == &PyBaseObject_Type);

    /* The member table is copied into the type. */
    CHECK(tp->tp_members != NULL && tp->tp_members != point_members);
    CHECK_STR(tp->tp_members[0].name, "x");
    CHECK_INT(tp->tp_members[0].offset, offsetof(PointObject, x));
    CHECK_INT(tp->tp_members[1].flags, Py_READONLY);
    CHECK_INT(tp->tp_members[2].type, Py_T_OBJECT_EX);
    CHECK(tp->tp_members[3].name == NULL);
    CHECK(tp->tp_getset == point_getset);
    CHECK(tp->tp_methods == point_methods);

    /* Slots, through PyType_GetSlot and the type's own suites. */
    CHECK(PyType_GetSlot(tp, Py_tp_repr) == (void *)point_repr);
    CHECK(PyType_GetSlot(tp, Py_nb_add) == (void *)point_add);
    CHECK(PyType_GetSlot(tp, Py_mp_length) == (void *)point_len);
    CHECK(PyType_GetSlot(tp, Py_tp_init) == (void *)point_init);
    CHECK(PyType_GetSlot(tp, Py_tp_doc) == (void *)tp->tp_doc);
    CHECK(PyType_GetSlot(tp, Py_tp_members) == (void *)tp->tp_members);
    CHECK(PyType_GetSlot(tp, Py_tp_methods) == (void *)point_methods);
    CHECK(PyType_GetSlot(tp, Py_tp_base) == (void *)&PyBaseObject_Type);
    CHECK(PyType_GetSlot(tp, Py_tp_bases) == (void *)tp->tp_bases);
    CHECK(PyType_GetSlot(tp, Py_nb_subtract) == NULL);
    CHECK(PyType_GetSlot(tp, Py_sq_item) == NULL);
    CHECK(PyType_GetSlot(tp, Py_am_send) == NULL);
    CHECK(!PyErr_Occurred());
    CHECK(PyType_GetSlot(tp, Py_tp_alloc) == (void *)PyType_GenericAlloc);
    CHECK(PyType_GetSlot(tp, Py_tp_free) == (void *)PyObject_GC_Del);
    CHECK(tp->tp_as_number != NULL && tp->tp_as_number->nb_add == point_add);
    CHECK(tp->tp_as_mapping != NULL && tp->tp_as_mapping->mp_length == point_len);
    /* Static types too. */
    CHECK(PyType_GetSlot(&PyLong_Type, Py_nb_add) == (void *)PyLong_Type.tp_as_number->nb_add);
    CHECK(PyType_GetSlot(&PyLong_Type, Py_tp_repr) == (void *)PyLong_Type.tp_repr);
    CHECK(PyType_GetSlot(&PyLong_Type, Py_mp_subscript) == NULL);
    CHECK(!PyErr_Occurred());
    /* Bad slot ids. */
    CHECK(PyType_GetSlot(tp, 0) == NULL);
    CHECK(strstr(err_text(PyExc_SystemError), "bad argument to internal function") != NULL);
    CHECK(PyType_GetSlot(tp, 1000) == NULL);
    CHECK(strstr(err_text(PyExc_SystemError), "bad argument to internal function") != NULL);
    CHECK(PyType_GetSlot(tp, -1) == NULL);
    CHECK(strstr(err_text(PyExc_SystemError), "bad argument to internal function") != NULL);

    /* Instances: tp_new (object's), tp_alloc (GC, tracked), tp_init; each holds the type. */
    Py_ssize_t type_refs = Py_REFCNT(t);
    PyObject *args = PyTuple_Pack(2, Py_None, Py_None);
    PyObject *p = PyObject_Call(t, args, NULL);
    CHECK(p != NULL);
    CHECK_INT(init_count, 1);
    CHECK(Py_IS_TYPE(p, tp));
    CHECK_INT(Py_REFCNT(t), type_refs + 1);
    CHECK_INT(PyObject_GC_IsTracked(p), 1);
    CHECK_INT(((PointObject *)p)->x, 2);
    CHECK(((PointObject *)p)->o == NULL && ((PointObject *)p)->d == 0.0);
    CHECK_STR(repr(p), "<Point x=2>");
    PyObject *sum = PyNumber_Add(p, p);
    CHECK(sum != NULL && PyLong_AsLong(sum) == 4);
    Py_XDECREF(sum);
    CHECK(PyNumber_Add(p, Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "unsupported operand type(s) for +: 'heapmod.Point' and 'NoneType'");
    CHECK_INT(PyObject_Length(p), 42);
    PyObject *q = PyObject_CallNoArgs(t);
    CHECK(q != NULL && ((PointObject *)q)->x == 0);
    CHECK_INT(init_count, 2);
    CHECK_INT(Py_REFCNT(t), type_refs + 2);
    ((PointObject *)q)->o = Py_NewRef(p);
    Py_DECREF(p);
    CHECK_INT(dealloc_count, 0);
    Py_DECREF(q);
    CHECK_INT(dealloc_count, 2);
    CHECK_INT(Py_REFCNT(t), type_refs);
    Py_DECREF(args);
}

/* A subclass of the heap type, with no dealloc of its own: the default one runs the base's,
   which drops the instance's reference to the subclass. */
static PyType_Slot sub_slots[] = {{0, NULL}};
static PyType_Spec sub_spec = {"heapmod.SubPoint", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, sub_slots};

static void test_subclass_of_heap_type(void) {
    PyObject *t = (PyObject *)point_type;
    PyObject *s = PyType_FromSpecWithBases(&sub_spec, t);
    CHECK(s != NULL);
    if (s == NULL) { PyErr_Print(); return; }
    PyTypeObject *st = (PyTypeObject *)s;
    CHECK(st->tp_base == point_type);
    CHECK(PyType_IsSubtype(st, point_type));
    CHECK_INT(PyTuple_GET_SIZE(st->tp_mro), 3);
    CHECK_INT(st->tp_basicsize, sizeof(PointObject));
    CHECK(PyType_HasFeature(st, Py_TPFLAGS_HAVE_GC)); /* inherited */
    CHECK(PyType_GetSlot(st, Py_tp_repr) == (void *)point_repr);
    CHECK(PyType_GetSlot(st, Py_nb_add) == (void *)point_add);
    CHECK(PyType_GetSlot(st, Py_tp_doc) == NULL);
    CHECK_STR(repr(s), "<class 'heapmod.SubPoint'>");
    Py_ssize_t sub_refs = Py_REFCNT(s), base_refs = Py_REFCNT(t);
    int before = dealloc_count;
    PyObject *o = PyObject_CallNoArgs(s);
    CHECK(o != NULL && Py_IS_TYPE(o, st));
    CHECK_INT(Py_REFCNT(s), sub_refs + 1);
    CHECK_STR(repr(o), "<Point x=0>");
    PyObject *sum = PyNumber_Add(o, o);
    CHECK(sum != NULL && PyLong_AsLong(sum) == 0);
    Py_XDECREF(sum);
    Py_DECREF(o);
    CHECK_INT(dealloc_count, before + 1);
    CHECK_INT(Py_REFCNT(s), sub_refs);
    CHECK_INT(Py_REFCNT(t), base_refs);
    Py_DECREF(s);
}

/* A heap subclass of a static type (Exception), and a type made with type() style bases
   given by Py_tp_base. */
static PyType_Slot err_slots[] = {{Py_tp_doc, "My error."}, {0, NULL}};
static PyType_Spec err_spec = {"heapmod.MyError", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, err_slots};

static void test_subclass_of_static_type(void) {
    PyObject *e = PyType_FromSpecWithBases(&err_spec, PyExc_Exception);
    CHECK(e != NULL);
    if (e == NULL) { PyErr_Print(); return; }
    PyTypeObject *et = (PyTypeObject *)e;
    CHECK(et->tp_base == (PyTypeObject *)PyExc_Exception);
    CHECK(PyExceptionClass_Check(e));
    CHECK_INT(et->tp_basicsize, ((PyTypeObject *)PyExc_Exception)->tp_basicsize);
    Py_ssize_t refs = Py_REFCNT(e);
    PyObject *msg = PyUnicode_FromString("boom");
    PyObject *inst = PyObject_CallOneArg(e, msg);
    Py_DECREF(msg);
    CHECK(inst != NULL);
    CHECK(PyErr_GivenExceptionMatches(inst, PyExc_Exception));
    CHECK_STR(str_of(inst), "boom");
    CHECK_STR(repr(inst), "MyError('boom')");
    CHECK_INT(Py_REFCNT(e), refs + 1);
    PyErr_SetObject(e, inst);
    CHECK(PyErr_ExceptionMatches(e));
    CHECK_STR(err_text(e), "boom");
    Py_DECREF(inst);
    CHECK_INT(Py_REFCNT(e), refs);
    Py_DECREF(e);
}

static PyType_Slot plain_slots[] = {{0, NULL}};

/* Heap subclasses of int, float and list (no slots of their own): the base's tp_new makes
   instances of the subclass, its slots work on them, and dealloc drops the type. */
static void test_subclass_of_builtin_types(void) {
    PyType_Spec ispec = {"heapmod.MyInt", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, plain_slots};
    PyObject *t = PyType_FromSpecWithBases(&ispec, (PyObject *)&PyLong_Type);
    CHECK(t != NULL);
    if (t == NULL) { PyErr_Print(); return; }
    CHECK_INT(((PyTypeObject *)t)->tp_basicsize, PyLong_Type.tp_basicsize);
    CHECK_INT(((PyTypeObject *)t)->tp_itemsize, PyLong_Type.tp_itemsize);
    CHECK(PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_LONG_SUBCLASS));
    Py_ssize_t refs = Py_REFCNT(t);
    PyObject *five = PyLong_FromLong(5);
    PyObject *i = PyObject_CallOneArg(t, five);
    CHECK(i != NULL && Py_IS_TYPE(i, (PyTypeObject *)t) && PyLong_Check(i) && !PyLong_CheckExact(i));
    CHECK_INT(PyLong_AsLong(i), 5);
    CHECK_STR(repr(i), "5");
    PyObject *sum = i ? PyNumber_Add(i, i) : NULL;
    CHECK(sum != NULL && PyLong_CheckExact(sum) && PyLong_AsLong(sum) == 10);
    Py_XDECREF(sum);
    CHECK_INT(Py_REFCNT(t), refs + 1);
    Py_XDECREF(i);
    CHECK_INT(Py_REFCNT(t), refs);
    Py_DECREF(t);

    PyType_Spec fspec = {"heapmod.MyFloat", 0, 0, Py_TPFLAGS_DEFAULT, plain_slots};
    t = PyType_FromSpecWithBases(&fspec, (PyObject *)&PyFloat_Type);
    PyObject *x = t ? PyObject_CallOneArg(t, five) : NULL;
    CHECK(x != NULL && PyFloat_Check(x) && PyFloat_AsDouble(x) == 5.0);
    Py_XDECREF(x);
    Py_XDECREF(t);

    PyType_Spec lspec = {"heapmod.MyList", 0, 0, Py_TPFLAGS_DEFAULT, plain_slots};
    t = PyType_FromSpecWithBases(&lspec, (PyObject *)&PyList_Type);
    PyObject *l = t ? PyObject_CallNoArgs(t) : NULL;
    CHECK(l != NULL && PyList_Check(l) && !PyList_CheckExact(l));
    CHECK(l != NULL && PyList_Append(l, five) == 0 && PyList_GET_SIZE(l) == 1);
    CHECK_INT(PyObject_Length(l), 1);
    Py_XDECREF(l);
    Py_XDECREF(t);
    Py_DECREF(five);
}

/* --- flags -------------------------------------------------------------------------- */

static int visit_type_only(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    return 0;
}

static void test_flags(void) {
    PyType_Spec nonew = {"heapmod.NoNew", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION, plain_slots};
    PyObject *t = PyType_FromSpec(&nonew);
    CHECK(t != NULL);
    CHECK(((PyTypeObject *)t)->tp_new == NULL);
    CHECK(PyObject_CallNoArgs(t) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "cannot create 'heapmod.NoNew' instances");
    /* Not a base type: cannot be subclassed. */
    CHECK(!PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_BASETYPE));
    PyType_Spec sub = {"heapmod.Sub", 0, 0, Py_TPFLAGS_DEFAULT, plain_slots};
    CHECK(PyType_FromSpecWithBases(&sub, t) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "type 'heapmod.NoNew' is not an acceptable base type");
    CHECK(PyType_FromSpecWithBases(&sub, (PyObject *)&PyBool_Type) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "type 'bool' is not an acceptable base type");
    Py_DECREF(t);

    PyType_Spec imm = {"heapmod.Frozen", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_BASETYPE,
                       plain_slots};
    t = PyType_FromSpec(&imm);
    CHECK(t != NULL && PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_IMMUTABLETYPE));
    PyObject *o = PyObject_CallNoArgs(t);
    CHECK(o != NULL);
    CHECK(PyObject_CallOneArg(t, Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "heapmod.Frozen() takes no arguments");
    Py_XDECREF(o);
    Py_DECREF(t);
    /* Immutable from a mutable base: deprecated in 3.13 (a DeprecationWarning, ignored by
       the default filters), still made. */
    t = PyType_FromSpecWithBases(&imm, (PyObject *)point_type);
    CHECK(t != NULL && !PyErr_Occurred());
    Py_XDECREF(t);

    /* A GC type must traverse. */
    PyType_Spec notrav = {"heapmod.NoTraverse", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, plain_slots};
    CHECK(PyType_FromSpec(&notrav) == NULL);
    CHECK_STR(err_text(PyExc_SystemError),
              "type heapmod.NoTraverse has the Py_TPFLAGS_HAVE_GC flag but has no traverse function");

    /* A managed dict: creating the type works (its attribute behaviour is tested with the
       attribute protocol). */
    PyType_Slot managed_slots[] = {{Py_tp_traverse, visit_type_only}, {0, NULL}};
    PyType_Spec managed = {"heapmod.Managed", 0, 0,
                           Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT, managed_slots};
    t = PyType_FromSpec(&managed);
    if (t == NULL) fprintf(stderr, "managed: %s\n", err_text(NULL));
    CHECK(t != NULL);
    CHECK(t != NULL && PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_MANAGED_DICT));
    Py_XDECREF(t);
}

/* --- errors of the spec --------------------------------------------------------------- */

static PyObject *dummy_repr(PyObject *o) { return PyUnicode_FromString("dummy"); }

static void test_spec_errors(void) {
    PyType_Slot bad_slot[] = {{999, NULL}, {0, NULL}};
    PyType_Spec s1 = {"heapmod.Bad", 0, 0, Py_TPFLAGS_DEFAULT, bad_slot};
    CHECK(PyType_FromSpec(&s1) == NULL);
    CHECK_STR(err_text(PyExc_RuntimeError), "invalid slot offset");

    PyType_Slot neg_slot[] = {{-3, NULL}, {0, NULL}};
    s1.slots = neg_slot;
    CHECK(PyType_FromSpec(&s1) == NULL);
    CHECK_STR(err_text(PyExc_RuntimeError), "invalid slot offset");

    PyType_Spec noname = {NULL, 0, 0, Py_TPFLAGS_DEFAULT, plain_slots};
    CHECK(PyType_FromSpec(&noname) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "Type spec does not define the name field.");

    PyType_Slot two_docs[] = {{Py_tp_doc, "a"}, {Py_tp_doc, "b"}, {0, NULL}};
    PyType_Spec s2 = {"heapmod.TwoDocs", 0, 0, Py_TPFLAGS_DEFAULT, two_docs};
    CHECK(PyType_FromSpec(&s2) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "Multiple Py_tp_doc slots are not supported.");

    PyType_Slot two_members[] = {{Py_tp_members, point_members}, {Py_tp_members, point_members}, {0, NULL}};
    PyType_Spec s3 = {"heapmod.TwoMembers", sizeof(PointObject), 0, Py_TPFLAGS_DEFAULT, two_members};
    CHECK(PyType_FromSpec(&s3) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "Multiple Py_tp_members slots are not supported.");

    /* Py_RELATIVE_OFFSET needs a negative basicsize, and an offset inside it. */
    static PyMemberDef rel[] = {{"v", Py_T_INT, 0, Py_RELATIVE_OFFSET, NULL}, {NULL}};
    PyType_Slot rel_slots[] = {{Py_tp_members, rel}, {0, NULL}};
    PyType_Spec s4 = {"heapmod.Rel", (int)sizeof(int), 0, Py_TPFLAGS_DEFAULT, rel_slots};
    CHECK(PyType_FromSpec(&s4) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "With Py_RELATIVE_OFFSET, basicsize must be negative.");
    static PyMemberDef rel_far[] = {{"v", Py_T_INT, 8, Py_RELATIVE_OFFSET, NULL}, {NULL}};
    PyType_Slot far_slots[] = {{Py_tp_members, rel_far}, {0, NULL}};
    PyType_Spec s5 = {"heapmod.Far", -(int)sizeof(int), 0, Py_TPFLAGS_DEFAULT, far_slots};
    CHECK(PyType_FromSpec(&s5) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "Member offset out of range (0..-basicsize)");

    /* Resolved: the member lands after the base's (aligned) instance, flag cleared. */
    PyType_Spec s6 = {"heapmod.Rel", -(int)sizeof(int), 0, Py_TPFLAGS_DEFAULT, rel_slots};
    PyObject *t = PyType_FromSpecWithBases(&s6, (PyObject *)point_type);
    CHECK(t != NULL);
    if (t != NULL) {
        PyTypeObject *tp = (PyTypeObject *)t;
        Py_ssize_t start = (Py_ssize_t)((sizeof(PointObject) + 15) & ~(size_t)15);
        CHECK_INT(tp->tp_members[0].offset, start);
        CHECK_INT(tp->tp_members[0].flags, 0);
        CHECK_INT(tp->tp_basicsize, start + 16);
        Py_DECREF(t);
    } else {
        PyErr_Clear();
    }

    /* No module in the name: a DeprecationWarning, still a type (with no __module__). */
    PyType_Slot repr_slots[] = {{Py_tp_repr, dummy_repr}, {0, NULL}};
    PyType_Spec nomod = {"NoModule", 0, 0, Py_TPFLAGS_DEFAULT, repr_slots};
    PyObject *w = PyType_FromSpec(&nomod);
    CHECK(w != NULL);
    if (w != NULL) {
        PyObject *o = PyObject_CallNoArgs(w);
        CHECK_STR(repr(o), "dummy");
        Py_XDECREF(o);
        CHECK(PyType_GetModuleName((PyTypeObject *)w) == NULL);
        CHECK_STR(err_text(PyExc_AttributeError), "__module__");
        Py_DECREF(w);
    }
}

/* --- metaclasses ------------------------------------------------------------------------- */

static PyObject *custom_new(PyTypeObject *tp, PyObject *args, PyObject *kw) {
    return PyType_Type.tp_new(tp, args, kw);
}

static void test_metaclass(void) {
    PyType_Spec meta_spec = {"heapmod.Meta", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, plain_slots};
    PyObject *meta = PyType_FromSpecWithBases(&meta_spec, (PyObject *)&PyType_Type);
    CHECK(meta != NULL);
    if (meta == NULL) { PyErr_Print(); return; }
    CHECK(PyType_IsSubtype((PyTypeObject *)meta, &PyType_Type));
    CHECK(PyType_HasFeature((PyTypeObject *)meta, Py_TPFLAGS_TYPE_SUBCLASS));
    PyType_Spec spec = {"heapmod.WithMeta", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, plain_slots};
    PyObject *t = PyType_FromMetaclass((PyTypeObject *)meta, NULL, &spec, NULL);
    CHECK(t != NULL);
    CHECK(t != NULL && Py_IS_TYPE(t, (PyTypeObject *)meta));
    /* A subclass inherits the metaclass. */
    PyType_Spec sub = {"heapmod.WithMetaSub", 0, 0, Py_TPFLAGS_DEFAULT, plain_slots};
    PyObject *s = PyType_FromSpecWithBases(&sub, t);
    CHECK(s != NULL && Py_IS_TYPE(s, (PyTypeObject *)meta));
    Py_XDECREF(s);
    Py_XDECREF(t);

    /* A metaclass that is not a type. */
    PyType_Slot new_slots[] = {{Py_tp_new, custom_new}, {0, NULL}};
    PyType_Spec cmeta_spec = {"heapmod.CustomMeta", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, new_slots};
    PyObject *cmeta = PyType_FromSpecWithBases(&cmeta_spec, (PyObject *)&PyType_Type);
    CHECK(cmeta != NULL);
    CHECK(PyType_FromMetaclass((PyTypeObject *)cmeta, NULL, &spec, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "Metaclasses with custom tp_new are not supported.");
    Py_XDECREF(cmeta);

    /* Bases with unrelated metaclasses. */
    PyType_Spec meta2_spec = {"heapmod.Meta2", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, plain_slots};
    PyObject *meta2 = PyType_FromSpecWithBases(&meta2_spec, (PyObject *)&PyType_Type);
    PyObject *a = PyType_FromMetaclass((PyTypeObject *)meta, NULL, &spec, NULL);
    PyObject *b = PyType_FromMetaclass((PyTypeObject *)meta2, NULL, &spec, NULL);
    CHECK(a != NULL && b != NULL);
    PyObject *bases = PyTuple_Pack(2, a, b);
    PyType_Spec both = {"heapmod.Both", 0, 0, Py_TPFLAGS_DEFAULT, plain_slots};
    CHECK(PyType_FromSpecWithBases(&both, bases) == NULL);
    CHECK_STR(err_text(PyExc_TypeError),
              "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the "
              "metaclasses of all its bases");
    Py_DECREF(bases);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(meta2);
    Py_DECREF(meta);
}

/* --- bases from slots ---------------------------------------------------------------------- */

static void test_bases_from_slots(void) {
    PyType_Slot base_slot[] = {{Py_tp_base, NULL}, {0, NULL}};
    base_slot[0].pfunc = point_type;
    PyType_Spec s = {"heapmod.ViaBase", 0, 0, Py_TPFLAGS_DEFAULT, base_slot};
    PyObject *t = PyType_FromSpec(&s);
    CHECK(t != NULL && ((PyTypeObject *)t)->tp_base == point_type);
    Py_XDECREF(t);
    /* The bases argument wins over Py_tp_base. */
    t = PyType_FromSpecWithBases(&s, PyExc_ValueError);
    CHECK(t != NULL && ((PyTypeObject *)t)->tp_base == (PyTypeObject *)PyExc_ValueError);
    Py_XDECREF(t);
    /* Py_tp_bases: a tuple. */
    PyObject *bases = PyTuple_Pack(1, PyExc_KeyError);
    PyType_Slot bases_slot[] = {{Py_tp_bases, bases}, {0, NULL}};
    PyType_Spec s2 = {"heapmod.ViaBases", 0, 0, Py_TPFLAGS_DEFAULT, bases_slot};
    t = PyType_FromSpec(&s2);
    CHECK(t != NULL && ((PyTypeObject *)t)->tp_base == (PyTypeObject *)PyExc_KeyError);
    CHECK(t != NULL && ((PyTypeObject *)t)->tp_bases == bases);
    Py_XDECREF(t);
    Py_DECREF(bases);
}

/* --- module association ------------------------------------------------------------------ */

static PyModuleDef assoc_def = {PyModuleDef_HEAD_INIT, "assoc", NULL, sizeof(int), NULL, NULL, NULL, NULL, NULL};
static PyModuleDef other_def = {PyModuleDef_HEAD_INIT, "other", NULL, 0, NULL, NULL, NULL, NULL, NULL};

/* METH_METHOD: gets the class that defined it, and finds its module's state through it. */
static PyObject *get_state(PyObject *self, PyTypeObject *defining_class, PyObject *const *args, size_t nargsf,
                           PyObject *kwnames) {
    PyObject *m = PyType_GetModuleByDef(defining_class, &assoc_def);
    if (m == NULL) return NULL;
    int *state = PyModule_GetState(m);
    PyObject *n = PyLong_FromLong(*state);
    PyObject *r = n ? PyTuple_Pack(2, (PyObject *)defining_class, n) : NULL;
    Py_XDECREF(n);
    return r;
}

static PyMethodDef get_state_def = {"get_state", (PyCFunction)(void (*)(void))get_state,
                                    METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL};

static void test_module_association(void) {
    PyObject *m = PyModule_Create(&assoc_def);
    CHECK(m != NULL);
    if (m == NULL) { PyErr_Print(); return; }
    *(int *)PyModule_GetState(m) = 1234;
    PyType_Spec spec = {"assoc.Thing", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, plain_slots};
    PyObject *t = PyType_FromModuleAndSpec(m, &spec, NULL);
    CHECK(t != NULL);
    if (t == NULL) { PyErr_Print(); Py_DECREF(m); return; }
    PyTypeObject *tp = (PyTypeObject *)t;
    CHECK(PyType_GetModule(tp) == m);
    CHECK(PyType_GetModuleState(tp) == PyModule_GetState(m));
    CHECK(PyType_GetModuleByDef(tp, &assoc_def) == m);
    CHECK(PyType_GetModuleByDef(tp, &other_def) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModuleByDef: No superclass of 'assoc.Thing' has the given module");

    /* A subclass without a module finds its base's through the MRO. */
    PyType_Spec sub = {"other.SubThing", 0, 0, Py_TPFLAGS_DEFAULT, plain_slots};
    PyObject *s = PyType_FromSpecWithBases(&sub, t);
    CHECK(s != NULL);
    CHECK(PyType_GetModuleByDef((PyTypeObject *)s, &assoc_def) == m);
    CHECK(PyType_GetModule((PyTypeObject *)s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModule: Type 'other.SubThing' has no associated module");
    CHECK(PyType_GetModuleState((PyTypeObject *)s) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModule: Type 'other.SubThing' has no associated module");

    /* The defining class is passed to METH_METHOD methods, also when called on a subclass. */
    PyObject *inst = PyObject_CallNoArgs(s);
    CHECK(inst != NULL);
    PyObject *meth = PyCMethod_New(&get_state_def, inst, NULL, tp);
    CHECK(meth != NULL);
    PyObject *r = meth ? PyObject_CallNoArgs(meth) : NULL;
    CHECK(r != NULL && PyTuple_GET_ITEM(r, 0) == t && PyLong_AsLong(PyTuple_GET_ITEM(r, 1)) == 1234);
    Py_XDECREF(r);
    Py_XDECREF(meth);
    Py_XDECREF(inst);

    /* Static types have no module. */
    CHECK(PyType_GetModule(&PyLong_Type) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModule: Type 'int' is not a heap type");
    CHECK(PyType_GetModuleByDef(&PyLong_Type, &assoc_def) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModuleByDef: No superclass of 'int' has the given module");
    CHECK(PyType_GetModuleState(&PyLong_Type) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModule: Type 'int' is not a heap type");
    /* A heap type without a module. */
    CHECK(PyType_GetModule(point_type) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "PyType_GetModule: Type 'heapmod.Point' has no associated module");
    Py_XDECREF(s);
    Py_DECREF(t);
    Py_DECREF(m);
}

/* --- PyErr_NewException with a class dict (type(name, bases, dict)) ------------------------- */

static void test_new_exception_with_dict(void) {
    PyObject *dict = PyDict_New();
    PyObject *v = PyLong_FromLong(7);
    PyDict_SetItemString(dict, "answer", v);
    Py_DECREF(v);
    PyObject *e = PyErr_NewException("mymod.DictError", PyExc_ValueError, dict);
    CHECK(e != NULL);
    if (e != NULL) {
        PyTypeObject *tp = (PyTypeObject *)e;
        CHECK(tp->tp_dict != NULL && tp->tp_dict != dict);
        PyObject *a = tp->tp_dict ? PyDict_GetItemString(tp->tp_dict, "answer") : NULL;
        CHECK(a != NULL && PyLong_AsLong(a) == 7);
        CHECK_STR(repr(e), "<class 'mymod.DictError'>");
        CHECK_STR_RESULT(PyType_GetModuleName(tp), "mymod");
        PyObject *msg = PyUnicode_FromString("bad");
        PyObject *inst = PyObject_CallOneArg(e, msg);
        Py_DECREF(msg);
        CHECK(inst != NULL);
        CHECK_STR(repr(inst), "DictError('bad')");
        Py_ssize_t refs = Py_REFCNT(e);
        Py_XDECREF(inst);
        CHECK_INT(Py_REFCNT(e), refs - 1);
        Py_DECREF(e);
    }
    /* __module__ in the dict wins over the dotted name. */
    PyObject *mod = PyUnicode_FromString("elsewhere");
    PyDict_SetItemString(dict, "__module__", mod);
    Py_DECREF(mod);
    e = PyErr_NewExceptionWithDoc("mymod.DocError", "Doc text.", NULL, dict);
    CHECK(e != NULL);
    if (e != NULL) {
        CHECK_STR(repr(e), "<class 'elsewhere.DocError'>");
        CHECK_STR(((PyTypeObject *)e)->tp_doc, "Doc text.");
        Py_DECREF(e);
    }
    Py_DECREF(dict);
}

/* type(name, bases, dict) through calling type. */
static void test_type_call(void) {
    PyObject *one = PyObject_CallOneArg((PyObject *)&PyType_Type, Py_None);
    CHECK(one == (PyObject *)Py_TYPE(Py_None));
    Py_XDECREF(one);
    PyObject *dict = PyDict_New();
    PyObject *q = PyUnicode_FromString("Outer.Inner");
    PyDict_SetItemString(dict, "__qualname__", q);
    PyDict_SetItemString(dict, "__module__", q);
    Py_DECREF(q);
    PyObject *name = PyUnicode_FromString("Inner"), *bases = PyTuple_Pack(1, PyExc_Exception);
    PyObject *args = PyTuple_Pack(3, name, bases, dict);
    PyObject *t = PyObject_Call((PyObject *)&PyType_Type, args, NULL);
    CHECK(t != NULL);
    if (t != NULL) {
        CHECK(PyType_HasFeature((PyTypeObject *)t, Py_TPFLAGS_HEAPTYPE));
        CHECK_STR_RESULT(PyType_GetName((PyTypeObject *)t), "Inner");
        CHECK_STR_RESULT(PyType_GetQualName((PyTypeObject *)t), "Outer.Inner");
        CHECK(PyDict_GetItemString(((PyTypeObject *)t)->tp_dict, "__qualname__") == NULL);
        Py_DECREF(t);
    }
    Py_DECREF(args);
    args = PyTuple_Pack(2, name, name);
    CHECK(PyObject_Call((PyObject *)&PyType_Type, args, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "type() takes 1 or 3 arguments");
    Py_DECREF(args);
    PyObject *one_ = PyLong_FromLong(1);
    args = PyTuple_Pack(3, one_, bases, dict);
    Py_DECREF(one_);
    CHECK(PyObject_Call((PyObject *)&PyType_Type, args, NULL) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "type.__new__() argument 1 must be str, not int");
    Py_DECREF(args);
    Py_DECREF(dict);
    Py_DECREF(name);
    Py_DECREF(bases);
}

int main(void) {
    Py_Initialize();
    test_point();
    test_subclass_of_heap_type();
    test_subclass_of_static_type();
    test_subclass_of_builtin_types();
    test_flags();
    test_spec_errors();
    test_metaclass();
    test_bases_from_slots();
    test_module_association();
    test_new_exception_with_dict();
    test_type_call();
    Py_XDECREF((PyObject *)point_type);
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
