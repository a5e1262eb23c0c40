/* Weak references and the cycle collector, as CPython 3.13 orders them: when a collection
   finds a cycle garbage, every weak reference to its objects is cleared first; the
   callbacks of those references that are themselves reachable run next, before any
   tp_finalize, and each sees its reference already dead; a reference that is part of the
   garbage never calls back; tp_clear comes last. */
#include "obj_util.h"
#include <stddef.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    PyObject *item;
    PyObject *weaklist;
} WNode;

static char events[64];
static int deallocs;

static void log_event(char c) {
    size_t n = strlen(events);
    if (n + 1 < sizeof events) { events[n] = c; events[n + 1] = 0; }
}

static int wnode_traverse(PyObject *op, visitproc visit, void *arg) {
    Py_VISIT(((WNode *)op)->item);
    return 0;
}

static int wnode_clear(PyObject *op) {
    log_event('C');
    Py_CLEAR(((WNode *)op)->item);
    return 0;
}

static void wnode_finalize(PyObject *op) {
    (void)op;
    log_event('F');
}

static void wnode_dealloc(PyObject *op) {
    if (PyObject_CallFinalizerFromDealloc(op) < 0) return;
    PyObject_GC_UnTrack(op);
    if (((WNode *)op)->weaklist != NULL) PyObject_ClearWeakRefs(op);
    Py_CLEAR(((WNode *)op)->item);
    deallocs++;
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject WNodeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test_gc_weakref.WNode",
    .tp_basicsize = sizeof(WNode),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = wnode_traverse,
    .tp_clear = wnode_clear,
    .tp_finalize = wnode_finalize,
    .tp_dealloc = wnode_dealloc,
    .tp_weaklistoffset = offsetof(WNode, weaklist),
};

static PyObject *wnode_new(PyObject *item) {
    WNode *n = PyObject_GC_New(WNode, &WNodeType);
    if (n == NULL) return NULL;
    n->item = Py_XNewRef(item);
    n->weaklist = NULL;
    PyObject_GC_Track((PyObject *)n);
    return (PyObject *)n;
}

static void set_item(PyObject *node, PyObject *item) {
    Py_XSETREF(((WNode *)node)->item, Py_XNewRef(item));
}

/* The callback: logs 'W' and records whether its reference was already dead. */
static int callback_saw_dead = -1;

static PyObject *callback(PyObject *self, PyObject *ref) {
    (void)self;
    log_event('W');
    PyObject *obj = NULL;
    int r = PyWeakref_GetRef(ref, &obj);
    callback_saw_dead = (r == 0 && obj == NULL);
    Py_XDECREF(obj);
    Py_RETURN_NONE;
}

static PyMethodDef callback_def = {"callback", callback, METH_O, NULL};

static void reset(void) {
    events[0] = 0;
    deallocs = 0;
    callback_saw_dead = -1;
}

/* A reachable reference with a callback to an object of a garbage cycle: cleared, its
   callback runs before the finalizers and sees it dead, then tp_clear breaks the cycle. */
static void test_callback_before_finalizers(PyObject *cb) {
    PyGC_Collect();
    reset();
    PyObject *a = wnode_new(NULL), *b = wnode_new(a);
    set_item(a, b);
    PyObject *ref = PyWeakref_NewRef(a, cb);
    PyObject *plain = PyWeakref_NewRef(b, NULL);
    CHECK(ref != NULL && plain != NULL);
    Py_DECREF(a);
    Py_DECREF(b);
    CHECK_INT(deallocs, 0);                      /* only the collector can free them */
    CHECK_INT(PyGC_Collect(), 2);
    CHECK_INT(deallocs, 2);
    CHECK_INT(callback_saw_dead, 1);
    /* 'W' before both 'F's, and one 'C' (breaking a two-node cycle takes one clear). */
    CHECK(events[0] == 'W');
    CHECK(strchr(events, 'F') != NULL && strchr(events, 'F') < strchr(events, 'C'));
    CHECK(strrchr(events, 'F') < strchr(events, 'C'));
    CHECK(strchr(events + 1, 'W') == NULL);      /* called once */
    PyObject *obj = (PyObject *)1;
    CHECK_INT(PyWeakref_GetRef(plain, &obj), 0); /* the callback-less one is cleared too */
    CHECK(obj == NULL);
    CHECK_INT(PyWeakref_GetRef(ref, &obj), 0);
    Py_DECREF(ref);
    Py_DECREF(plain);
    CHECK(strchr(events + 1, 'W') == NULL);      /* freeing the dead reference calls nothing */
}

/* Reference counting alone (no collection): b dies while a (alive) holds its reference, so
   the reference is reachable and calls back, dead already. */
static void test_refcount_death_calls_back(PyObject *cb) {
    reset();
    PyObject *b = wnode_new(NULL);
    PyObject *ref = PyWeakref_NewRef(b, cb);
    PyObject *a = wnode_new(ref);
    Py_DECREF(ref);
    Py_DECREF(b);
    CHECK_INT(deallocs, 1);
    CHECK_INT(callback_saw_dead, 1);
    CHECK_STR(events, "FW");               /* finalizer from dealloc, then the callback */
    Py_DECREF(a);
    CHECK_INT(deallocs, 2);
}

/* A reference that is itself part of the garbage (a -> b -> (a, ref to a)) never calls
   back, although its referent dies in the same collection. */
static void test_garbage_reference_never_calls_back(PyObject *cb) {
    PyGC_Collect();
    reset();
    PyObject *a = wnode_new(NULL), *b = wnode_new(NULL);
    PyObject *ref = PyWeakref_NewRef(a, cb);
    PyObject *pair = PyTuple_Pack(2, a, ref);
    Py_DECREF(ref);
    set_item(b, pair);
    Py_DECREF(pair);
    set_item(a, b);
    Py_DECREF(a);
    Py_DECREF(b);
    CHECK_INT(deallocs, 0);
    CHECK_INT(PyGC_Collect(), 4);          /* a, b, the tuple and the reference */
    CHECK_INT(deallocs, 2);
    CHECK(strchr(events, 'W') == NULL);
    CHECK_INT(callback_saw_dead, -1);
}

int main(void) {
    Py_Initialize();
    CHECK_INT(PyType_Ready(&WNodeType), 0);
    PyObject *cb = PyCFunction_New(&callback_def, NULL);
    CHECK(cb != NULL);
    test_callback_before_finalizers(cb);
    test_refcount_death_calls_back(cb);
    test_garbage_reference_never_calls_back(cb);
    Py_DECREF(cb);
    CHECK(!PyErr_Occurred());
    Py_Finalize();
    return TEST_DONE();
}
