/*
 * gc_node.h: Node, a C GC type holding one reference (`item`), shared by the collector
 * tests (test_gc_collect.c, sub_gc_threads.c). Plain C API, so it works against CPython.
 *
 * Before including, define GC_NODE_NAME (the type's tp_name) and optionally
 * GC_NODE_ON_TRAVERSE(op), run at each traversal of a node (sub_gc_threads.c checks there
 * that the collector visiting a node is its own interpreter's). Every node records the
 * interpreter that made it in `owner`; node_deallocs counts the deallocations of nodes on
 * the calling thread.
 */
#ifndef GC_NODE_H
#define GC_NODE_H

#include <Python.h>

#ifndef GC_NODE_ON_TRAVERSE
#  define GC_NODE_ON_TRAVERSE(op) ((void)(op))
#endif

typedef struct { PyObject_HEAD PyObject *item; PyInterpreterState *owner; } Node;

static __thread long node_deallocs;

static int node_traverse(PyObject *op, visitproc visit, void *arg) {
    GC_NODE_ON_TRAVERSE(op);
    Py_VISIT(((Node *)op)->item);
    return 0;
}

static int node_clear(PyObject *op) {
    Py_CLEAR(((Node *)op)->item);
    return 0;
}

static void node_dealloc(PyObject *op) {
    PyObject_GC_UnTrack(op);
    node_clear(op);
    node_deallocs++;
    Py_TYPE(op)->tp_free(op);
}

static PyTypeObject NodeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = GC_NODE_NAME,
    .tp_basicsize = sizeof(Node),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = node_traverse,
    .tp_clear = node_clear,
    .tp_dealloc = node_dealloc,
};

/* A node of type `tp` (NodeType or a type with Node's layout), tracked, holding a new
   reference to `item` (may be NULL). */
static PyObject *node_new(PyTypeObject *tp, PyObject *item) {
    Node *n = PyObject_GC_New(Node, tp);
    if (n == NULL) return NULL;
    n->item = Py_XNewRef(item);
    n->owner = PyInterpreterState_Get();
    PyObject_GC_Track((PyObject *)n);
    return (PyObject *)n;
}

#endif /* GC_NODE_H */
