/*
 * test_module.c: module objects and definitions, as CPython 3.13: PyModule_New, the
 * module dict and attribute lookup (through the type's tp_getattro), PyModule_Add*,
 * single-phase creation (PyModule_Create: state, functions, doc) and multi-phase
 * (PyModule_FromDefAndSpec + PyModule_ExecDef: slots, state allocated at exec, m_free at
 * dealloc), with CPython's error texts.
 */
#include "obj_util.h"

/* Attribute `name` of module `m` through its type's tp_getattro (what PyObject_GetAttr does
   for a module). */
static PyObject *mod_attr(PyObject *m, const char *name) {
    PyObject *n = PyUnicode_FromString(name);
    PyObject *v = Py_TYPE(m)->tp_getattro(m, n);
    Py_DECREF(n);
    return v;
}

static void test_new(void) {
    PyObject *m = PyModule_New("spam");
    CHECK(m != NULL);
    CHECK(PyModule_Check(m) && PyModule_CheckExact(m));
    CHECK(PyObject_IS_GC(m));
    CHECK_STR(PyModule_GetName(m), "spam");
    PyObject *n = PyModule_GetNameObject(m);
    CHECK_STR(utf8(n), "spam");
    Py_XDECREF(n);
    CHECK_STR(repr(m), "<module 'spam'>");
    PyObject *d = PyModule_GetDict(m);
    CHECK(d != NULL && PyDict_Check(d));
    CHECK(PyDict_GetItemString(d, "__doc__") == Py_None);
    CHECK(PyDict_GetItemString(d, "__package__") == Py_None);
    CHECK(PyDict_GetItemString(d, "__loader__") == Py_None);
    CHECK(PyDict_GetItemString(d, "__spec__") == Py_None);
    CHECK(PyModule_GetDef(m) == NULL && !PyErr_Occurred());
    CHECK(PyModule_GetState(m) == NULL && !PyErr_Occurred());

    /* Attributes live in the dict. */
    CHECK(mod_attr(m, "nope") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "module 'spam' has no attribute 'nope'");
    CHECK_INT(PyModule_AddIntConstant(m, "answer", 42), 0);
    PyObject *v = mod_attr(m, "answer");
    CHECK(v != NULL && PyLong_AsLong(v) == 42);
    Py_XDECREF(v);
    CHECK_INT(PyModule_AddStringConstant(m, "greeting", "hi"), 0);
    v = mod_attr(m, "greeting");
    CHECK_STR(utf8(v), "hi");
    Py_XDECREF(v);
    v = mod_attr(m, "__name__");
    CHECK_STR(utf8(v), "spam");
    Py_XDECREF(v);

    /* AddObjectRef keeps the caller's reference; AddObject steals on success; Add always. */
    PyObject *o = PyList_New(0);
    Py_ssize_t refs = Py_REFCNT(o);
    CHECK_INT(PyModule_AddObjectRef(m, "lst", o), 0);
    CHECK_INT(Py_REFCNT(o), refs + 1);
    Py_INCREF(o);
    CHECK_INT(PyModule_AddObject(m, "lst2", o), 0);
    CHECK_INT(Py_REFCNT(o), refs + 2);
    Py_INCREF(o);
    CHECK_INT(PyModule_Add(m, "lst3", o), 0);
    CHECK_INT(Py_REFCNT(o), refs + 3);
    CHECK(PyDict_GetItemString(d, "lst3") == o);
    Py_DECREF(o);
    /* NULL value: an error, keeping the exception that made it. */
    PyErr_SetString(PyExc_KeyError, "made it");
    CHECK_INT(PyModule_Add(m, "x", NULL), -1);
    CHECK_STR(err_text(PyExc_KeyError), "'made it'");
    CHECK_INT(PyModule_AddObjectRef(m, "x", NULL), -1);
    CHECK_STR(err_text(PyExc_SystemError),
              "PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
    CHECK_INT(PyModule_AddObjectRef(Py_None, "x", Py_None), -1);
    CHECK_STR(err_text(PyExc_TypeError), "PyModule_AddObjectRef() first argument must be a module");
    /* AddType: the name after the last dot. */
    CHECK_INT(PyModule_AddType(m, &PyLong_Type), 0);
    CHECK(PyDict_GetItemString(d, "int") == (PyObject *)&PyLong_Type);
    CHECK_INT(PyModule_SetDocString(m, "Spam module."), 0);
    CHECK_STR(utf8(PyDict_GetItemString(d, "__doc__")), "Spam module.");

    /* Not a module. */
    CHECK(PyModule_GetDict(Py_None) == NULL);
    CHECK(strstr(err_text(PyExc_SystemError), "bad argument to internal function") != NULL);
    CHECK(PyModule_GetState(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad argument type for built-in operation");
    CHECK(PyModule_GetDef(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad argument type for built-in operation");
    CHECK(PyModule_GetNameObject(Py_None) == NULL);
    CHECK_STR(err_text(PyExc_TypeError), "bad argument type for built-in operation");
    /* A module without a name. */
    PyDict_DelItemString(d, "__name__");
    CHECK(PyModule_GetName(m) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "nameless module");
    CHECK(mod_attr(m, "nope") == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "module has no attribute 'nope'");
    CHECK_STR(repr(m), "<module '?'>");
    Py_DECREF(m);

    PyObject *name = PyUnicode_FromString("eggs.ham");
    m = PyModule_NewObject(name);
    Py_DECREF(name);
    CHECK_STR(PyModule_GetName(m), "eggs.ham");
    CHECK(PyModule_GetFilenameObject(m) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "module filename missing");
    Py_DECREF(m);
}

/* --- single-phase ------------------------------------------------------------------------ */

static PyObject *mod_double(PyObject *self, PyObject *arg) {
    return PyLong_FromLong(2 * PyLong_AsLong(arg));
}

static PyObject *mod_self(PyObject *self, PyObject *unused) { return Py_NewRef(self); }

static PyMethodDef single_methods[] = {
    {"double", mod_double, METH_O, "Doubles."},
    {"me", mod_self, METH_NOARGS, NULL},
    {NULL},
};

static PyModuleDef single_def = {
    PyModuleDef_HEAD_INIT, "single", "The single module.", 24, single_methods, NULL, NULL, NULL, NULL,
};

static PyMethodDef bad_methods[] = {{"c", mod_self, METH_NOARGS | METH_CLASS, NULL}, {NULL}};

static void test_single_phase(void) {
    PyObject *m = PyModule_Create(&single_def);
    CHECK(m != NULL);
    if (m == NULL) { PyErr_Print(); return; }
    CHECK(PyModule_GetDef(m) == &single_def);
    CHECK(Py_IS_TYPE((PyObject *)&single_def, &PyModuleDef_Type));
    char *state = PyModule_GetState(m);
    CHECK(state != NULL);
    int zero = 1;
    for (int i = 0; state && i < 24; i++) zero &= state[i] == 0;
    CHECK(zero);
    CHECK_STR(utf8(PyDict_GetItemString(PyModule_GetDict(m), "__doc__")), "The single module.");
    PyObject *f = mod_attr(m, "double");
    CHECK(f != NULL && PyCFunction_Check(f));
    PyObject *five = PyLong_FromLong(5);
    PyObject *r = f ? PyObject_CallOneArg(f, five) : NULL;
    CHECK(r != NULL && PyLong_AsLong(r) == 10);
    Py_XDECREF(r);
    Py_DECREF(five);
    CHECK(f != NULL && PyCFunction_GetSelf(f) == m);
    CHECK_STR(repr(f), "<built-in function double>");   /* bound to a module: a function */
    Py_XDECREF(f);
    PyObject *me = mod_attr(m, "me");
    r = me ? PyObject_CallNoArgs(me) : NULL;
    CHECK(r == m);
    Py_XDECREF(r);
    Py_XDECREF(me);
    Py_DECREF(m);

    PyModuleDef_Slot slots[] = {{0, NULL}};
    PyModuleDef with_slots = {PyModuleDef_HEAD_INIT, "slotted", NULL, 0, NULL, slots, NULL, NULL, NULL};
    CHECK(PyModule_Create(&with_slots) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "module slotted: PyModule_Create is incompatible with m_slots");

    PyModuleDef bad = {PyModuleDef_HEAD_INIT, "bad", NULL, 0, bad_methods, NULL, NULL, NULL, NULL};
    CHECK(PyModule_Create(&bad) == NULL);
    CHECK_STR(err_text(PyExc_ValueError), "module functions cannot set METH_CLASS or METH_STATIC");
}

/* --- multi-phase ------------------------------------------------------------------------- */

static int exec_count, free_count, clear_count;
static char *state_at_exec;

static int exec_one(PyObject *m) {
    exec_count++;
    state_at_exec = PyModule_GetState(m);
    return PyModule_AddIntConstant(m, "executed", exec_count);
}

static int exec_two(PyObject *m) {
    exec_count += 10;
    return 0;
}

static void multi_free(void *m) { free_count++; }
static int multi_clear(PyObject *m) { clear_count++; return 0; }

static PyModuleDef_Slot multi_slots[] = {
    {Py_mod_exec, exec_one},
    {Py_mod_exec, exec_two},
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
    {0, NULL},
};

static PyModuleDef multi_def = {
    PyModuleDef_HEAD_INIT, "multi", "Multi-phase.", 16, NULL, multi_slots, NULL, multi_clear, multi_free,
};

/* A module spec: anything with a `name` attribute (here a module). */
static PyObject *make_spec(const char *name) {
    PyObject *spec = PyModule_New("specobj");
    PyModule_AddStringConstant(spec, "name", name);
    return spec;
}

static PyObject *created_by_slot;

static PyObject *create_module(PyObject *spec, PyModuleDef *def) {
    PyObject *n = PyUnicode_FromString("made.by.create");
    PyObject *m = PyModule_NewObject(n);
    Py_DECREF(n);
    created_by_slot = m;
    return m;
}

static PyObject *create_nothing(PyObject *spec, PyModuleDef *def) { return NULL; }
static int exec_fails_silently(PyObject *m) { return -1; }
static int exec_leaves_error(PyObject *m) {
    PyErr_SetString(PyExc_ValueError, "oops");
    return 0;
}

static void test_multi_phase(void) {
    PyObject *spec = make_spec("multi");
    CHECK(PyModuleDef_Init(&multi_def) == (PyObject *)&multi_def);
    CHECK(Py_IS_TYPE((PyObject *)&multi_def, &PyModuleDef_Type));
    PyObject *m = PyModule_FromDefAndSpec(&multi_def, spec);
    CHECK(m != NULL);
    if (m == NULL) { PyErr_Print(); Py_DECREF(spec); return; }
    CHECK_STR(PyModule_GetName(m), "multi");
    CHECK(PyModule_GetDef(m) == &multi_def);
    CHECK(PyModule_GetState(m) == NULL); /* allocated by exec */
    CHECK_INT(exec_count, 0);
    CHECK_STR(utf8(PyDict_GetItemString(PyModule_GetDict(m), "__doc__")), "Multi-phase.");
    CHECK_INT(PyModule_ExecDef(m, &multi_def), 0);
    CHECK_INT(exec_count, 11);
    char *state = PyModule_GetState(m);
    CHECK(state != NULL && state == state_at_exec);
    int zero = 1;
    for (int i = 0; state && i < 16; i++) zero &= state[i] == 0;
    CHECK(zero);
    PyObject *ex = mod_attr(m, "executed");
    CHECK(ex != NULL && PyLong_AsLong(ex) == 1);
    Py_XDECREF(ex);
    /* m_free runs when the module goes (its state exists). */
    CHECK_INT(free_count, 0);
    Py_DECREF(m);
    CHECK_INT(free_count, 1);
    CHECK_INT(clear_count, 0);

    /* Py_mod_create makes the module; the def is attached to it. */
    PyModuleDef_Slot create_slots[] = {{Py_mod_create, create_module}, {0, NULL}};
    PyModuleDef create_def = {PyModuleDef_HEAD_INIT, "created", NULL, 0, NULL, create_slots, NULL, NULL, NULL};
    m = PyModule_FromDefAndSpec(&create_def, spec);
    CHECK(m != NULL && m == created_by_slot);
    CHECK_STR(PyModule_GetName(m), "made.by.create");
    CHECK(PyModule_GetDef(m) == &create_def);
    CHECK_INT(PyModule_ExecDef(m, &create_def), 0);
    CHECK(PyModule_GetState(m) != NULL); /* m_size 0: a state pointer all the same */
    Py_XDECREF(m);

    /* Errors. */
    PyModuleDef_Slot two_creates[] = {{Py_mod_create, create_module}, {Py_mod_create, create_module}, {0, NULL}};
    PyModuleDef d1 = {PyModuleDef_HEAD_INIT, "x", NULL, 0, NULL, two_creates, NULL, NULL, NULL};
    CHECK(PyModule_FromDefAndSpec(&d1, spec) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "module multi has multiple create slots");

    PyModuleDef_Slot unknown[] = {{99, NULL}, {0, NULL}};
    PyModuleDef d2 = {PyModuleDef_HEAD_INIT, "x", NULL, 0, NULL, unknown, NULL, NULL, NULL};
    CHECK(PyModule_FromDefAndSpec(&d2, spec) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "module multi uses unknown slot ID 99");

    PyModuleDef d3 = {PyModuleDef_HEAD_INIT, "x", NULL, -1, NULL, NULL, NULL, NULL, NULL};
    CHECK(PyModule_FromDefAndSpec(&d3, spec) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "module multi: m_size may not be negative for multi-phase initialization");

    PyModuleDef_Slot nothing[] = {{Py_mod_create, create_nothing}, {0, NULL}};
    PyModuleDef d4 = {PyModuleDef_HEAD_INIT, "x", NULL, 0, NULL, nothing, NULL, NULL, NULL};
    CHECK(PyModule_FromDefAndSpec(&d4, spec) == NULL);
    CHECK_STR(err_text(PyExc_SystemError), "creation of module multi failed without setting an exception");

    PyModuleDef_Slot silent[] = {{Py_mod_exec, exec_fails_silently}, {0, NULL}};
    PyModuleDef d5 = {PyModuleDef_HEAD_INIT, "x", NULL, 0, NULL, silent, NULL, NULL, NULL};
    m = PyModule_FromDefAndSpec(&d5, spec);
    CHECK(m != NULL);
    CHECK_INT(PyModule_ExecDef(m, &d5), -1);
    CHECK_STR(err_text(PyExc_SystemError), "execution of module multi failed without setting an exception");
    Py_XDECREF(m);

    PyModuleDef_Slot leaves[] = {{Py_mod_exec, exec_leaves_error}, {0, NULL}};
    PyModuleDef d6 = {PyModuleDef_HEAD_INIT, "x", NULL, 0, NULL, leaves, NULL, NULL, NULL};
    m = PyModule_FromDefAndSpec(&d6, spec);
    CHECK(m != NULL);
    CHECK_INT(PyModule_ExecDef(m, &d6), -1);
    PyObject *e = PyErr_GetRaisedException();
    CHECK(e != NULL && PyErr_GivenExceptionMatches(e, PyExc_SystemError));
    CHECK_STR(str_of(e), "execution of module multi raised unreported exception");
    PyObject *cause = e ? PyException_GetCause(e) : NULL;
    CHECK(cause != NULL && PyErr_GivenExceptionMatches(cause, PyExc_ValueError));
    Py_XDECREF(cause);
    Py_XDECREF(e);
    Py_XDECREF(m);

    /* A spec without a name. */
    PyObject *nameless = PyModule_New("nameless");
    CHECK(PyModule_FromDefAndSpec(&d5, nameless) == NULL);
    CHECK_STR(err_text(PyExc_AttributeError), "module 'nameless' has no attribute 'name'");
    Py_DECREF(nameless);
    Py_DECREF(spec);
}

/* Calling the module type: module(name, doc=None), by position or by name, with
   Argument Clinic's errors in CPython 3.13's order. */
static void test_call_module_type(void) {
    PyObject *mt = (PyObject *)&PyModule_Type;
    PyObject *args = Py_BuildValue("()"), *kw = Py_BuildValue("{s:s}", "name", "kw_mod");
    PyObject *m = PyObject_Call(mt, args, kw);
    CHECK(m != NULL && PyModule_Check(m));
    CHECK_STR(m ? PyModule_GetName(m) : "", "kw_mod");
    Py_XDECREF(m);
    Py_DECREF(kw);
    Py_DECREF(args);

    args = Py_BuildValue("(s)", "m2");
    kw = Py_BuildValue("{s:s}", "doc", "the doc");
    m = PyObject_Call(mt, args, kw);
    PyObject *doc = m ? PyObject_GetAttrString(m, "__doc__") : NULL;
    CHECK_STR(doc ? utf8(doc) : "", "the doc");
    Py_XDECREF(doc);
    Py_XDECREF(m);
    Py_DECREF(kw);

    kw = Py_BuildValue("{s:s}", "name", "other");
    CHECK(PyObject_Call(mt, args, kw) == NULL);
    CHECK_EXC(PyExc_TypeError, "argument for module() given by name ('name') and position (1)");
    Py_DECREF(kw);
    kw = Py_BuildValue("{s:i}", "x", 1);
    CHECK(PyObject_Call(mt, args, kw) == NULL);
    CHECK_EXC(PyExc_TypeError, "module() got an unexpected keyword argument 'x'");
    Py_DECREF(kw);
    Py_DECREF(args);

    args = Py_BuildValue("()");
    CHECK(PyObject_Call(mt, args, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "module() missing required argument 'name' (pos 1)");
    kw = Py_BuildValue("{s:i}", "x", 1);
    CHECK(PyObject_Call(mt, args, kw) == NULL);
    CHECK_EXC(PyExc_TypeError, "module() missing required argument 'name' (pos 1)");
    Py_DECREF(kw);
    Py_DECREF(args);
    args = Py_BuildValue("(sss)", "a", "b", "c");
    CHECK(PyObject_Call(mt, args, NULL) == NULL);
    CHECK_EXC(PyExc_TypeError, "module() takes at most 2 arguments (3 given)");
    Py_DECREF(args);
    args = Py_BuildValue("(s)", "x");
    kw = Py_BuildValue("{s:s,s:i}", "doc", "d", "y", 2);
    CHECK(PyObject_Call(mt, args, kw) == NULL);
    CHECK_EXC(PyExc_TypeError, "module() takes at most 2 arguments (3 given)");
    Py_DECREF(kw);
    Py_DECREF(args);
}

int main(void) {
    Py_Initialize();
    test_new();
    test_single_phase();
    test_multi_phase();
    test_call_module_type();
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
