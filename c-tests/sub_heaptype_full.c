/*
 * sub_heaptype_full.c: the headline spec type (members, getsets, methods, GC, managed dict
 * and weak references) made in two own-GIL interpreters running at once on two threads.
 * Each interpreter gets its own type and module; attribute get/set, managed-dict attributes
 * and method calls run in a loop in both at once; METH_METHOD's defining class and
 * PyType_GetModuleByDef prove the method cache of one interpreter never serves the other
 * (the two types have the same names and attribute layout). Everything an interpreter made
 * is freed when released (heap statistics), and both interpreters end.
 */
#include "obj_util.h"
#include "conc_util.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    int n;
    PyObject *obj;
} TObject;

static int t_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((TObject *)self)->obj);
    return PyObject_VisitManagedDict(self, visit, arg);
}

static int t_clear(PyObject *self) {
    Py_CLEAR(((TObject *)self)->obj);
    PyObject_ClearManagedDict(self);
    return 0;
}

static void t_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    PyObject_ClearWeakRefs(self);
    t_clear(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyObject *twice_get(PyObject *self, void *closure) {
    return PyLong_FromLong(2 * ((TObject *)self)->n);
}

static PyModuleDef mod_def;

/* Returns (defining class, module found from it). */
static PyObject *m_where(PyObject *self, PyTypeObject *cls, PyObject *const *args, Py_ssize_t nargs,
                         PyObject *kwnames) {
    PyObject *m = PyType_GetModuleByDef(cls, &mod_def);
    return m ? PyTuple_Pack(2, (PyObject *)cls, m) : NULL;
}

static PyObject *m_bump(PyObject *self, PyObject *arg) {
    long by = PyLong_AsLong(arg);
    if (by == -1 && PyErr_Occurred()) return NULL;
    ((TObject *)self)->n += (int)by;
    return PyLong_FromLong(((TObject *)self)->n);
}

static PyMemberDef t_members[] = {
    {"n", Py_T_INT, offsetof(TObject, n), 0, NULL},
    {"obj", Py_T_OBJECT_EX, offsetof(TObject, obj), 0, NULL},
    {NULL},
};
static PyGetSetDef t_getset[] = {{"twice", twice_get, NULL, NULL, NULL}, {NULL}};
static PyMethodDef t_methods[] = {
    {"where", (PyCFunction)(void (*)(void))m_where, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {"bump", m_bump, METH_O, NULL},
    {NULL},
};
static PyType_Slot t_slots[] = {
    {Py_tp_new, PyType_GenericNew},
    {Py_tp_dealloc, t_dealloc},
    {Py_tp_traverse, t_traverse},
    {Py_tp_clear, t_clear},
    {Py_tp_members, t_members},
    {Py_tp_getset, t_getset},
    {Py_tp_methods, t_methods},
    {0, NULL},
};
static PyType_Spec t_spec = {"mod.T", sizeof(TObject), 0,
                             Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MANAGED_DICT |
                                 Py_TPFLAGS_MANAGED_WEAKREF | Py_TPFLAGS_BASETYPE,
                             t_slots};
static PyModuleDef mod_def = {PyModuleDef_HEAD_INIT, "mod", NULL, 0, NULL, NULL, NULL, NULL, NULL};

static barrier_t started = BARRIER_INIT, made = BARRIER_INIT, looped = BARRIER_INIT;
static PyObject *types[2];      /* each thread's type, compared by address only */

static size_t live_blocks(PyThreadState *ts) {
    SubinterpHeapStats h;
    memset(&h, 0, sizeof h);
    TCHECK(Subinterp_GetHeapStats(ts->interp, &h) == SUBINTERP_OK);
    return h.live_blocks;
}

/* One round: a module and its type, instances used in a loop, all released. */
static void round_trip(int me, int rounds_with_peer) {
    PyObject *m = PyModule_Create(&mod_def);
    PyObject *T = m ? PyType_FromModuleAndSpec(m, &t_spec, NULL) : NULL;
    TCHECK(T != NULL);
    if (T == NULL) { PyErr_Print(); return; }
    if (rounds_with_peer) {
        types[me] = T;
        TCHECK(barrier_wait(&made, 2, 60));
        TCHECK(types[0] != types[1]);
    }
    PyObject *bump = PyUnicode_FromString("bump"), *where = PyUnicode_FromString("where");
    PyObject *one = PyLong_FromLong(1), *val = PyUnicode_FromString("v");
    int ok = 1;
    for (int i = 0; i < 2000; i++) {
        PyObject *o = PyObject_CallNoArgs(T);
        if (o == NULL) { ok = 0; break; }
        ok &= PyObject_SetAttrString(o, "n", one) == 0;
        ok &= PyObject_SetAttrString(o, "attr", val) == 0;         /* managed dict */
        ok &= PyObject_SetAttrString(o, "obj", o) == 0;            /* a cycle, broken below */
        PyObject *a = PyObject_GetAttrString(o, "attr");
        ok &= a == val;
        Py_XDECREF(a);
        PyObject *args[2] = {o, one};
        PyObject *r = PyObject_VectorcallMethod(bump, args, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        ok &= r != NULL && PyLong_AsLong(r) == 2;
        Py_XDECREF(r);
        PyObject *t = PyObject_GetAttrString(o, "twice");
        ok &= t != NULL && PyLong_AsLong(t) == 4;
        Py_XDECREF(t);
        r = PyObject_VectorcallMethod(where, args, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        ok &= r != NULL && PyTuple_GET_ITEM(r, 0) == T && PyTuple_GET_ITEM(r, 1) == m;
        Py_XDECREF(r);
        PyObject *w = PyWeakref_NewRef(o, NULL);
        ok &= w != NULL;
        ok &= PyObject_DelAttrString(o, "obj") == 0;
        Py_DECREF(o);
        PyObject *gone = (PyObject *)1;
        ok &= w != NULL && PyWeakref_GetRef(w, &gone) == 0 && gone == NULL;
        Py_XDECREF(w);
    }
    TCHECK(ok);
    if (!ok && PyErr_Occurred()) PyErr_Print();
    if (rounds_with_peer) TCHECK(barrier_wait(&looped, 2, 60));
    Py_DECREF(val);
    Py_DECREF(one);
    Py_DECREF(where);
    Py_DECREF(bump);
    /* What a collector does with the type's own cycle (its MRO holds it). */
    Py_TYPE(T)->tp_clear(T);
    TCHECK(Py_REFCNT(T) == 1);
    Py_DECREF(T);
    Py_DECREF(m);
}

static void *worker(void *arg) {
    int me = (int)(intptr_t)arg;
    PyThreadState *ts = NULL;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT; /* own GIL */
    TCHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg)));
    TCHECK(barrier_wait(&started, 2, 60));
    round_trip(me, 0); /* the first round may intern names for good */
    size_t before = live_blocks(ts);
    round_trip(me, 1);
    size_t after = live_blocks(ts);
    TCHECK(after == before);
    if (after != before) fprintf(stderr, "interpreter %d: %zu blocks left\n", me, after - before);
    Py_EndInterpreter(ts);
    return NULL;
}

int main(void) {
    Py_Initialize();
    PyThreadState *main_ts = PyEval_SaveThread();
    pthread_t th[2];
    for (int i = 0; i < 2; i++) th[i] = start_thread(worker, (void *)(intptr_t)i);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    PyEval_RestoreThread(main_ts);
    CHECK(Py_FinalizeEx() == 0);
    return TEST_DONE();
}
