/*
 * sub_gc_threads.c: the cycle collector is per interpreter (ours only: CPython 3.13 cannot
 * run two own-GIL interpreters with static C types like this one).
 *
 * Two own-GIL interpreters, each attached on its own thread, at the same time allocate
 * cyclic garbage (through a C GC type, lists and dicts), collect it explicitly and let
 * automatic collection run at PyErr_CheckSignals. Each thread counts the deallocations of
 * its nodes (thread-local counters) and reaches exactly the expected total; every node
 * records its interpreter and tp_traverse checks that the collector visiting it is that
 * interpreter's: a collection never touches the other interpreter's objects. Each thread
 * also keeps a live cycle the whole time, which must survive the other's collections.
 */
#include "conc_util.h"

#define ROUNDS 20
#define CYCLES 1000
#define T_WAIT 30.0

static int foreign_visits;           /* atomic: traversals by another interpreter */

#define GC_NODE_NAME "sub_gc_threads.Node"
#define GC_NODE_ON_TRAVERSE(op) \
    do { if (((Node *)(op))->owner != PyInterpreterState_Get()) ainc(&foreign_visits); } while (0)
#include "gc_node.h"

static barrier_t start = BARRIER_INIT;

typedef struct { PyThreadState *ts; long deallocs; long collected; int ok; } worker_t;

static void *worker(void *p) {
    worker_t *w = p;
    PyEval_RestoreThread(w->ts);
    PyGC_Collect();                            /* whatever the interpreter's start left */
    node_deallocs = 0;

    /* A live ring of 100 nodes, held the whole time. */
    PyObject *keep = node_new(&NodeType, NULL), *prev = keep;
    for (int i = 1; i < 100; i++) {
        PyObject *n = node_new(&NodeType, prev);
        if (prev != keep) Py_DECREF(prev);
        prev = n;
    }
    ((Node *)keep)->item = prev;

    TCHECK(barrier_wait(&start, 2, T_WAIT));
    long expect = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < CYCLES; i++) {
            /* node -> node -> node, node -> list -> node, node -> dict -> node */
            PyObject *a = node_new(&NodeType, NULL), *b = node_new(&NodeType, a);
            ((Node *)a)->item = b;
            Py_DECREF(a);
            PyObject *l = PyList_New(0), *c = node_new(&NodeType, l);
            TCHECK_INT(PyList_Append(l, c), 0);
            Py_DECREF(c);
            Py_DECREF(l);
            PyObject *d = PyDict_New(), *e = node_new(&NodeType, d);
            TCHECK_INT(PyDict_SetItemString(d, "e", e), 0);
            Py_DECREF(e);
            Py_DECREF(d);
            if (i % 100 == 99) TCHECK_INT(PyErr_CheckSignals(), 0);   /* automatic runs */
        }
        expect += 4 * CYCLES;
        w->collected += PyGC_Collect();
        TCHECK_INT(node_deallocs, expect);
    }
    /* The live ring is intact. */
    int n = 0;
    for (PyObject *o = keep; n == 0 || o != keep; o = ((Node *)o)->item) n++;
    TCHECK_INT(n, 100);
    TCHECK_INT(PyGC_Collect(), 0);
    TCHECK_INT(node_deallocs, expect);
    ((Node *)keep)->item = NULL;               /* break the ring: freed by refcounting */
    Py_DECREF(prev);
    Py_DECREF(keep);
    TCHECK_INT(node_deallocs, expect + 100);
    w->deallocs = node_deallocs;
    PyEval_SaveThread();
    return NULL;
}

int main(void) {
    watchdog(120);
    Py_Initialize();
    CHECK_INT(PyType_Ready(&NodeType), 0);
    PyThreadState *main_ts = PyThreadState_Get();

    worker_t w[2] = {{0}};
    for (int i = 0; i < 2; i++) {
        w[i].ts = new_isolated();
        CHECK(w[i].ts != NULL);
        PyEval_SaveThread();
        PyThreadState_Swap(NULL);
        PyEval_RestoreThread(main_ts);
    }
    PyThreadState *saved = PyEval_SaveThread();
    pthread_t t0 = start_thread(worker, &w[0]), t1 = start_thread(worker, &w[1]);
    pthread_join(t0, NULL);
    pthread_join(t1, NULL);
    PyEval_RestoreThread(saved);

    for (int i = 0; i < 2; i++) {
        CHECK_INT(w[i].deallocs, ROUNDS * 4 * CYCLES + 100);
        /* automatic collections ran (explicit ones found less than all the garbage) */
        CHECK(w[i].collected < ROUNDS * 6 * CYCLES);
    }
    CHECK_INT(aload(&foreign_visits), 0);
    CHECK_INT(node_deallocs, 0);               /* the main thread freed none of them */

    for (int i = 0; i < 2; i++) {
        PyThreadState_Swap(w[i].ts);
        Py_EndInterpreter(w[i].ts);
    }
    PyThreadState_Swap(main_ts);
    Py_Finalize();
    return TEST_DONE();
}
