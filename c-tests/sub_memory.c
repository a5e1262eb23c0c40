/* Per-interpreter memory: every block an interpreter allocates is counted in its heap, and
   when the interpreter ends its heap goes with it, leaked objects included (as closing a
   Lua state frees everything). CPython keeps ~1.7 MiB per ended isolated interpreter. */
#include "test_util.h"

static SubinterpHeapStats heap(PyThreadState *ts) {
    SubinterpHeapStats h;
    memset(&h, 0, sizeof h);
    CHECK_INT(Subinterp_GetHeapStats(ts->interp, &h), SUBINTERP_OK);
    return h;
}

static Py_ssize_t arenas(void) {
    SubinterpStats s;
    CHECK_INT(Subinterp_GetStats(&s), SUBINTERP_OK);
    return s.heap_arenas;
}

static PyThreadState *new_isolated(void) {
    PyThreadState *ts = NULL;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&ts, &cfg)));
    return ts;
}

/* Allocates `n` objects of a few kinds and returns them in a tuple. */
static PyObject *make_objects(int n) {
    PyObject *all = PyTuple_New(3 * (Py_ssize_t)n);
    for (int i = 0; i < n; i++) {
        PyObject *t = PyTuple_New(i % 7);
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(t); j++) {
            PyTuple_SET_ITEM(t, j, Py_NewRef(Py_None));
        }
        PyTuple_SET_ITEM(all, 3 * i, PyLong_FromLong(1000000 + i));
        PyTuple_SET_ITEM(all, 3 * i + 1, PyUnicode_FromString("some text to keep"));
        PyTuple_SET_ITEM(all, 3 * i + 2, t);
    }
    return all;
}

static void test_counting(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    PyThreadState *ts = new_isolated();
    SubinterpHeapStats before = heap(ts);
    PyObject *objs = make_objects(10000);
    SubinterpHeapStats during = heap(ts);
    CHECK(during.live_blocks >= before.live_blocks + 20000);
    CHECK(during.live_bytes > before.live_bytes + 500000);
    CHECK(during.arenas >= 1);
    Py_DECREF(objs);
    SubinterpHeapStats after = heap(ts);
    CHECK_INT(after.live_blocks, before.live_blocks);   /* everything freed came back */
    CHECK_INT(after.live_bytes, before.live_bytes);

    /* Another interpreter's heap is not readable from here. */
    SubinterpHeapStats h;
    CHECK_INT(Subinterp_GetHeapStats(main_ts->interp, &h), SUBINTERP_ERR_NOT_CURRENT);
    CHECK_INT(Subinterp_GetHeapStats(NULL, &h), SUBINTERP_ERR_NULL_ARGUMENT);
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
}

static void test_leaks_go_with_the_interpreter(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    Py_ssize_t base = arenas();
    for (int cycle = 0; cycle < 200; cycle++) {
        PyThreadState *ts = new_isolated();
        PyObject *leaked = make_objects(2000);      /* never released */
        CHECK(leaked != NULL);
        if (cycle == 0) CHECK(arenas() > base);
        Py_EndInterpreter(ts);
        CHECK_INT(arenas(), base);                  /* its arenas are gone with it */
    }
    PyThreadState_Swap(main_ts);
}

/* Legacy interpreters share main's allocator (use_main_obmalloc with the shared GIL), as in
   CPython: their objects count in main's heap. */
static void test_legacy_shares_main_heap(void) {
    PyThreadState *main_ts = PyThreadState_Get();
    SubinterpHeapStats m0 = heap(main_ts);
    PyThreadState *ts = Py_NewInterpreter();
    PyObject *o = make_objects(100);
    SubinterpHeapStats sub = heap(ts);
    CHECK(sub.live_blocks >= m0.live_blocks + 200);
    Py_DECREF(o);
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
    CHECK_INT(heap(main_ts).live_blocks, m0.live_blocks);
}

int main(void) {
    Py_Initialize();
    test_counting();
    test_leaks_go_with_the_interpreter();
    test_legacy_shares_main_heap();
    CHECK_INT(Py_FinalizeEx(), 0);
    SubinterpStats s;
    Subinterp_GetStats(&s);
    CHECK_INT(s.heap_arenas, 0);                    /* finalization releases every heap */
    return TEST_DONE();
}
