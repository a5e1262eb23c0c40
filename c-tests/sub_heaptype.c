/* Heap types and modules belong to the interpreter that made them: made in a
   subinterpreter, they live in its heap and go with it (nothing leaks across 100
   create/end cycles); two interpreters making a type from the same spec get two distinct
   types, each finding its own module. A heap type whose count reaches zero (once its MRO
   cycle is cleared, as a collector does with tp_clear) frees every block it owned. */
#include "test_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    long value;
} ThingObject;

static PyMemberDef thing_members[] = {
    {"value", Py_T_LONG, offsetof(ThingObject, value), 0, NULL},
    {NULL},
};

static PyType_Slot thing_slots[] = {
    {Py_tp_doc, "A thing."},
    {Py_tp_members, thing_members},
    {0, NULL},
};

static PyType_Spec thing_spec = {"things.Thing", sizeof(ThingObject), 0,
                                 Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, thing_slots};

static PyModuleDef things_def = {PyModuleDef_HEAD_INIT, "things", NULL, sizeof(long), NULL, NULL, NULL, NULL, NULL};

static Py_ssize_t arenas(void) {
    SubinterpStats s;
    CHECK_INT(Subinterp_GetStats(&s), SUBINTERP_OK);
    return s.heap_arenas;
}

static SubinterpHeapStats heap(PyThreadState *ts) {
    SubinterpHeapStats h;
    memset(&h, 0, sizeof h);
    CHECK_INT(Subinterp_GetHeapStats(ts->interp, &h), SUBINTERP_OK);
    return h;
}

static PyThreadState *new_isolated(void) {
    PyThreadState *ts = NULL;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg)));
    return ts;
}

/* A module with a type made from the spec (and a subclass, and instances), all left alive. */
static PyObject *make_module(void) {
    PyObject *m = PyModule_Create(&things_def);
    if (m == NULL) return NULL;
    PyObject *t = PyType_FromModuleAndSpec(m, &thing_spec, NULL);
    if (t == NULL || PyModule_AddType(m, (PyTypeObject *)t) < 0) return NULL;
    PyType_Spec sub = {"things.Sub", 0, 0, Py_TPFLAGS_DEFAULT, thing_slots + 2};
    PyObject *s = PyType_FromSpecWithBases(&sub, t);
    if (s == NULL) return NULL;
    for (int i = 0; i < 10; i++) {
        PyObject *o = PyObject_CallNoArgs(i % 2 ? s : t);
        if (o == NULL || PyModule_AddObjectRef(m, i % 2 ? "odd" : "even", o) < 0) return NULL;
        Py_DECREF(o);
    }
    Py_DECREF(s);
    Py_DECREF(t);
    return m;
}

static void test_types_go_with_their_interpreter(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    Py_ssize_t base = arenas();
    for (int cycle = 0; cycle < 100; cycle++) {
        PyThreadState *ts = new_isolated();
        PyObject *m = make_module();
        CHECK(m != NULL);
        if (m == NULL) PyErr_Print();
        /* The module, its types and instances are never released here. */
        Py_EndInterpreter(ts);
        CHECK_INT(arenas(), base);
    }
    PyThreadState_Swap(main_ts);
}

static void test_each_interpreter_gets_its_own_type(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    PyObject *m0 = make_module();
    PyObject *t0 = m0 ? PyDict_GetItemString(PyModule_GetDict(m0), "Thing") : NULL;
    CHECK(t0 != NULL);
    PyThreadState *ts = new_isolated();
    PyObject *m1 = make_module();
    PyObject *t1 = m1 ? PyDict_GetItemString(PyModule_GetDict(m1), "Thing") : NULL;
    CHECK(t1 != NULL);
    CHECK(t0 != t1);
    CHECK(m0 != m1);
    CHECK(PyType_GetModuleByDef((PyTypeObject *)t1, &things_def) == m1);
    CHECK(PyType_GetModuleState((PyTypeObject *)t1) == PyModule_GetState(m1));
    CHECK(PyType_GetModuleState((PyTypeObject *)t1) != PyModule_GetState(m0));
    /* Both share the static metaclass. */
    CHECK(Py_TYPE(t1) == &PyType_Type);
    Py_XDECREF(m1);
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
    CHECK(PyType_GetModuleByDef((PyTypeObject *)t0, &things_def) == m0);
    Py_XDECREF(m0);
}

static void test_type_dealloc_frees_everything(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    PyThreadState *ts = new_isolated();
    for (int round = 0; round < 3; round++) {
        SubinterpHeapStats before = heap(ts);
        PyObject *t = PyType_FromSpec(&thing_spec);
        CHECK(t != NULL);
        if (t == NULL) break;
        PyObject *o = PyObject_CallNoArgs(t);
        CHECK(o != NULL);
        Py_XDECREF(o);
        SubinterpHeapStats during = heap(ts);
        CHECK(during.live_blocks > before.live_blocks);
        /* What a collector does with the type's own cycle (the MRO holds it). */
        CHECK(PyObject_IS_GC(t));
        CHECK_INT(Py_TYPE(t)->tp_clear(t), 0);
        CHECK_INT(Py_REFCNT(t), 1);
        Py_DECREF(t);
        SubinterpHeapStats after = heap(ts);
        if (round > 0) { /* the first round may intern names for good */
            CHECK_INT(after.live_blocks, before.live_blocks);
            CHECK_INT(after.live_bytes, before.live_bytes);
        }
    }
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
}

/* Py_mod_multiple_interpreters in an isolated subinterpreter (own GIL, extensions checked):
   only a module declaring per-interpreter GIL support loads. */
static PyModuleDef_Slot not_supported_slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED}, {0, NULL}};
static PyModuleDef_Slot supported_slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED}, {0, NULL}};
static PyModuleDef_Slot per_gil_slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED}, {0, NULL}};
static PyModuleDef_Slot default_slots[] = {{0, NULL}};

static const char *import_error_text(void) {
    static char buf[256];
    PyObject *e = PyErr_GetRaisedException();
    if (e == NULL) return "(no exception)";
    PyObject *s = PyErr_GivenExceptionMatches(e, PyExc_ImportError) ? PyObject_Str(e) : NULL;
    snprintf(buf, sizeof buf, "%s", s ? PyUnicode_AsUTF8(s) : "(not an ImportError)");
    Py_XDECREF(s);
    Py_DECREF(e);
    return buf;
}

static void test_multiple_interpreters_slot(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    PyModuleDef defs[4] = {
        {PyModuleDef_HEAD_INIT, "nosub", NULL, 0, NULL, not_supported_slots, NULL, NULL, NULL},
        {PyModuleDef_HEAD_INIT, "shared", NULL, 0, NULL, supported_slots, NULL, NULL, NULL},
        {PyModuleDef_HEAD_INIT, "pergil", NULL, 0, NULL, per_gil_slots, NULL, NULL, NULL},
        {PyModuleDef_HEAD_INIT, "plain", NULL, 0, NULL, default_slots, NULL, NULL, NULL},
    };
    const char *names[4] = {"nosub", "shared", "pergil", "plain"};
    /* In the main interpreter every one loads. */
    for (int i = 0; i < 4; i++) {
        PyObject *spec = PyModule_New("spec");
        PyModule_AddStringConstant(spec, "name", names[i]);
        PyObject *m = PyModule_FromDefAndSpec(&defs[i], spec);
        CHECK(m != NULL);
        Py_XDECREF(m);
        Py_DECREF(spec);
    }
    PyThreadState *ts = new_isolated();
    for (int i = 0; i < 4; i++) {
        PyObject *spec = PyModule_New("spec");
        PyModule_AddStringConstant(spec, "name", names[i]);
        PyObject *m = PyModule_FromDefAndSpec(&defs[i], spec);
        if (i == 2) {
            CHECK(m != NULL);
        } else {
            char want[128];
            snprintf(want, sizeof want, "module %s does not support loading in subinterpreters", names[i]);
            CHECK(m == NULL);
            CHECK_STR(import_error_text(), want);
        }
        Py_XDECREF(m);
        Py_DECREF(spec);
    }
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
}

int main(void) {
    Py_Initialize();
    test_types_go_with_their_interpreter();
    test_each_interpreter_gets_its_own_type();
    test_type_dealloc_frees_everything();
    test_multiple_interpreters_slot();
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
