/* The cycle collector as C code sees it on CPython 3.13: PyGC_Collect frees reference
   cycles through C GC types and the builtin containers and returns how many objects it
   found unreachable; PEP 442 finalizers (called once, before any tp_clear; an object a
   finalizer resurrects survives, and is freed by a later collection without a second call);
   automatic collection once enough GC objects were allocated, at PyErr_CheckSignals (the
   safe point CPython 3.13 offers native code that runs no Python), not while PyGC_Disable'd;
   the containers' GC flag and their observable tracking (dict starts untracked, a tuple of
   atomic items is untracked by a collection).

   Every collection count is measured after a first PyGC_Collect() that clears whatever
   garbage existed before, so the count is exactly the graph the test built. */
#include "obj_util.h"
#include <string.h>

#define GC_NODE_NAME "test_gc_collect.Node"
#include "gc_node.h"

/* ---- a type with a finalizer: events are logged ('F' finalize, 'C' clear) ------------ */

static char events[64];
static int fin_calls, fin_deallocs;
static int resurrect;          /* the finalizer stores a new reference in `saved` */
static PyObject *saved;

static void log_event(char c) {
    size_t n = strlen(events);
    if (n + 1 < sizeof events) { events[n] = c; events[n + 1] = 0; }
}

static void fin_finalize(PyObject *op) {
    fin_calls++;
    log_event('F');
    if (resurrect) saved = Py_NewRef(op);
}

static int fin_clear(PyObject *op) {
    log_event('C');
    return node_clear(op);
}

static void fin_dealloc(PyObject *op) {
    if (PyObject_CallFinalizerFromDealloc(op) < 0) return;      /* resurrected */
    PyObject_GC_UnTrack(op);
    node_clear(op);
    fin_deallocs++;
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject FinType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_gc_collect.Fin",
    .tp_basicsize = sizeof(Node),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = fin_clear,
    .tp_dealloc = fin_dealloc,
    .tp_finalize = fin_finalize,
};

/* ---- the tests -------------------------------------------------------------------------- */

static void test_containers_are_gc(void) {
    PyObject *l = PyList_New(0), *d = PyDict_New(), *t = PyTuple_New(2), *s = PySet_New(NULL);
    PyObject *f = PyFrozenSet_New(NULL), *it = PyObject_GetIter(l);
    CHECK_INT(PyObject_IS_GC(l), 1);
    CHECK_INT(PyObject_IS_GC(d), 1);
    CHECK_INT(PyObject_IS_GC(t), 1);
    CHECK_INT(PyObject_IS_GC(s), 1);
    CHECK_INT(PyObject_IS_GC(f), 1);
    CHECK_INT(PyObject_IS_GC(it), 1);
    CHECK_INT(PyObject_GC_IsTracked(l), 1);
    CHECK_INT(PyObject_GC_IsTracked(s), 1);
    CHECK_INT(PyObject_GC_IsTracked(f), 1);
    CHECK_INT(PyObject_GC_IsTracked(it), 1);
    CHECK_INT(PyObject_GC_IsTracked(t), 1);                  /* PyTuple_New tracks */

    /* A dict starts untracked and is tracked when it receives a container; a full
       collection untracks it again once it holds atomic objects only. */
    CHECK_INT(PyObject_GC_IsTracked(d), 0);
    PyObject *one = PyLong_FromLong(1000);
    CHECK_INT(PyDict_SetItemString(d, "a", one), 0);
    CHECK_INT(PyObject_GC_IsTracked(d), 0);
    CHECK_INT(PyDict_SetItemString(d, "b", l), 0);
    CHECK_INT(PyObject_GC_IsTracked(d), 1);
    PyObject *d2 = PyDict_Copy(d);
    CHECK_INT(PyObject_GC_IsTracked(d2), 1);
    CHECK_INT(PyDict_DelItemString(d, "b"), 0);
    CHECK_INT(PyObject_GC_IsTracked(d), 1);
    PyGC_Collect();
    CHECK_INT(PyObject_GC_IsTracked(d), 0);
    CHECK_INT(PyObject_GC_IsTracked(d2), 1);

    /* A tuple whose items are all atomic is untracked by a collection. (A tuple from
       PyTuple_Pack of atomic items: CPython tracks it until then, we never do; not tested.) */
    PyTuple_SET_ITEM(t, 0, Py_NewRef(one));
    PyTuple_SET_ITEM(t, 1, PyUnicode_FromString("x"));
    PyObject *tl = PyTuple_Pack(2, one, l);
    CHECK_INT(PyObject_GC_IsTracked(tl), 1);
    PyGC_Collect();
    CHECK_INT(PyObject_GC_IsTracked(t), 0);
    CHECK_INT(PyObject_GC_IsTracked(tl), 1);

    Py_DECREF(tl); Py_DECREF(one); Py_DECREF(d2);
    Py_DECREF(l); Py_DECREF(d); Py_DECREF(t); Py_DECREF(s); Py_DECREF(f); Py_DECREF(it);
}

static void test_cycle_of_nodes(void) {
    PyGC_Collect();
    long before = node_deallocs;
    PyObject *a = node_new(&NodeType, NULL), *b = node_new(&NodeType, a);
    ((Node *)a)->item = Py_NewRef(b);                         /* a -> b -> a */
    Py_DECREF(a);
    Py_DECREF(b);
    CHECK_INT(node_deallocs, before);                         /* refcounting cannot */
    CHECK_INT(PyGC_Collect(), 2);
    CHECK_INT(node_deallocs, before + 2);
    CHECK_INT(PyGC_Collect(), 0);

    /* A self-reference, and a long ring of 1,000. */
    PyObject *s = node_new(&NodeType, NULL);
    ((Node *)s)->item = Py_NewRef(s);
    Py_DECREF(s);
    PyObject *first = node_new(&NodeType, NULL), *prev = first;
    for (int i = 1; i < 1000; i++) {
        PyObject *n = node_new(&NodeType, prev);
        Py_DECREF(prev);
        prev = n;
    }
    ((Node *)first)->item = prev;                             /* closes the ring */
    before = node_deallocs;
    CHECK_INT(PyGC_Collect(), 1001);
    CHECK_INT(node_deallocs, before + 1001);
}

static void test_cycle_through_list_and_dict(void) {
    PyGC_Collect();
    long before = node_deallocs;

    /* node -> list -> node */
    PyObject *l = PyList_New(0);
    PyObject *a = node_new(&NodeType, l);
    CHECK_INT(PyList_Append(l, a), 0);
    Py_DECREF(a);
    Py_DECREF(l);
    CHECK_INT(PyGC_Collect(), 2);
    CHECK_INT(node_deallocs, before + 1);

    /* node -> dict -> node (the dict becomes tracked when it receives the node) */
    PyObject *d = PyDict_New();
    PyObject *b = node_new(&NodeType, d);
    CHECK_INT(PyDict_SetItemString(d, "b", b), 0);
    CHECK_INT(PyObject_GC_IsTracked(d), 1);
    Py_DECREF(b);
    Py_DECREF(d);
    CHECK_INT(PyGC_Collect(), 2);
    CHECK_INT(node_deallocs, before + 2);

    /* list -> tuple -> dict -> list, and a dict holding itself: builtins only */
    PyObject *x = PyList_New(0), *y = PyDict_New();
    PyObject *t = PyTuple_Pack(2, y, Py_None);
    CHECK_INT(PyList_Append(x, t), 0);
    CHECK_INT(PyDict_SetItemString(y, "x", x), 0);
    Py_DECREF(t); Py_DECREF(x); Py_DECREF(y);
    PyObject *z = PyDict_New();
    CHECK_INT(PyDict_SetItemString(z, "z", z), 0);
    Py_DECREF(z);
    CHECK_INT(PyGC_Collect(), 4);

    /* What is reachable from outside stays: a cycle held by a reference survives. */
    PyObject *held = PyList_New(0);
    CHECK_INT(PyList_Append(held, held), 0);
    CHECK_INT(PyGC_Collect(), 0);
    CHECK_INT(PyList_GET_SIZE(held), 1);
    CHECK(PyList_GET_ITEM(held, 0) == held);
    Py_DECREF(held);
    CHECK_INT(PyGC_Collect(), 1);
}

static void test_finalizer_resurrects(void) {
    PyGC_Collect();
    fin_calls = fin_deallocs = 0;
    events[0] = 0;
    resurrect = 1;
    PyObject *a = node_new(&FinType, NULL);
    ((Node *)a)->item = Py_NewRef(a);                         /* a -> a */
    Py_DECREF(a);
    CHECK_INT(PyGC_Collect(), 0);                             /* resurrected: not counted */
    CHECK_INT(fin_calls, 1);
    CHECK_INT(fin_deallocs, 0);
    CHECK(saved == a);
    CHECK_STR(events, "F");                                   /* not cleared either */
    CHECK(((Node *)a)->item == a);
    CHECK_INT(PyObject_GC_IsFinalized(a), 1);
    CHECK_INT(PyObject_GC_IsTracked(a), 1);

    /* Garbage again: freed, the finalizer is not called a second time. */
    resurrect = 0;
    Py_CLEAR(saved);
    CHECK_INT(fin_deallocs, 0);
    CHECK_INT(PyGC_Collect(), 1);
    CHECK_INT(fin_calls, 1);
    CHECK_INT(fin_deallocs, 1);
    CHECK_STR(events, "FC");
}

static void test_finalizers_before_clear(void) {
    PyGC_Collect();
    fin_calls = fin_deallocs = 0;
    events[0] = 0;
    resurrect = 0;
    PyObject *a = node_new(&FinType, NULL), *b = node_new(&FinType, a);
    PyObject *c = node_new(&FinType, b);
    ((Node *)a)->item = Py_NewRef(c);                         /* a -> c -> b -> a */
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(c);
    CHECK_INT(fin_deallocs, 0);
    CHECK_INT(PyGC_Collect(), 3);
    /* Every finalizer, then clears: the first clear frees the rest (reference counting;
       their dealloc does not finalize again). */
    CHECK_STR(events, "FFFC");
    CHECK_INT(fin_calls, 3);
    CHECK_INT(fin_deallocs, 3);

    /* A finalized object freed by reference counting: not finalized again. */
    fin_calls = 0;
    PyObject *d = node_new(&FinType, NULL);
    Py_DECREF(d);                                             /* FromDealloc: called once */
    CHECK_INT(fin_calls, 1);
}

/* Many two-node cycles, no explicit collection; PyErr_CheckSignals now and then. */
static void make_garbage_cycles(int n) {
    for (int i = 0; i < n; i++) {
        PyObject *a = node_new(&NodeType, NULL), *b = node_new(&NodeType, a);
        ((Node *)a)->item = b;                                /* takes b's reference */
        Py_DECREF(a);
        if (i % 100 == 99) CHECK_INT(PyErr_CheckSignals(), 0);
    }
}

static void test_automatic_collection(void) {
    CHECK_INT(PyGC_IsEnabled(), 1);
    PyGC_Collect();
    long before = node_deallocs;
    make_garbage_cycles(5000);                                /* 10,000 GC allocations */
    CHECK(node_deallocs > before);
    CHECK(node_deallocs <= before + 10000);
    PyGC_Collect();
    CHECK_INT(node_deallocs, before + 10000);

    /* Disabled: no automatic collection, and PyGC_Collect does nothing (returns 0). */
    CHECK_INT(PyGC_Disable(), 1);
    CHECK_INT(PyGC_IsEnabled(), 0);
    before = node_deallocs;
    make_garbage_cycles(5000);
    CHECK_INT(node_deallocs, before);
    CHECK_INT(PyGC_Collect(), 0);
    CHECK_INT(node_deallocs, before);
    CHECK_INT(PyGC_Enable(), 0);
    CHECK_INT(PyGC_Collect(), 10000);
    CHECK_INT(node_deallocs, before + 10000);
}

int main(void) {
    Py_Initialize();
    CHECK_INT(PyType_Ready(&NodeType), 0);
    CHECK_INT(PyType_Ready(&FinType), 0);
    test_containers_are_gc();
    test_cycle_of_nodes();
    test_cycle_through_list_and_dict();
    test_finalizer_resurrects();
    test_finalizers_before_clear();
    test_automatic_collection();
    Py_Finalize();
    return TEST_DONE();
}
