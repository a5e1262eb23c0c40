/*
 * bench_list.c: building and sorting lists (PyList_Append, PyList_Sort).
 *
 *   sort_ints      append 100,000 pseudo-random ints in 0..10**6 (PyLong_FromLong) to a new
 *                  list, then PyList_Sort: time per list.
 *   sort_ints_only PyList_Sort of a fresh copy of that unsorted list (the copy is made
 *                  outside the timed part): time per sort.
 *   sort_big_ints  the same with ints up to 2**43 (beyond one 30-bit digit, where CPython
 *                  leaves its int fast path).
 *   sort_sorted    PyList_Sort of 100,000 ints already in order.
 *   sort_strs      PyList_Sort of a fresh copy of 100,000 short distinct strs.
 *
 * The same data in every run and in both builds (a fixed LCG seed). Usage:
 * bench_list [name...] (no name: all). Output: RESULT lines (bench_util.h).
 */
#include "bench_util.h"

#define N 100000
#define REP_SECONDS 0.3

static long values[N], big_values[N];

static void make_values(void) {
    unsigned long long x = 20261122;
    for (int i = 0; i < N; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        long v = (long)(x >> 34);                     /* 0 .. 2**30 */
        values[i] = v % 1000000;
        big_values[i] = v * 7919;
    }
}

static PyObject *int_list_of(const long *vals) {
    PyObject *l = PyList_New(0);
    for (int i = 0; i < N; i++) {
        PyObject *o = PyLong_FromLong(vals[i]);
        if (o == NULL || PyList_Append(l, o) < 0) BENCH_FAIL("building the list failed");
        Py_DECREF(o);
    }
    return l;
}

static void check_sorted(PyObject *l, int strs) {
    for (Py_ssize_t i = 1; i < PyList_GET_SIZE(l); i++) {
        PyObject *a = PyList_GET_ITEM(l, i - 1), *b = PyList_GET_ITEM(l, i);
        int bad = strs ? strcmp(PyUnicode_AsUTF8(a), PyUnicode_AsUTF8(b)) > 0
                       : PyLong_AsLong(a) > PyLong_AsLong(b);
        if (bad) BENCH_FAIL("not sorted at %zd", i);
    }
}

static double op_sort_ints(long iters, void *ctx) {
    (void)ctx;
    double t = 0;
    for (long k = 0; k < iters; k++) {
        double t0 = bench_now();
        PyObject *l = int_list_of(values);
        if (PyList_Sort(l) < 0) BENCH_FAIL("PyList_Sort failed");
        t += bench_now() - t0;
        if (k == 0) check_sorted(l, 0);
        Py_DECREF(l);
    }
    return t;
}

/* Sorts a fresh copy of `src` each time; only the sort is timed. */
static double sort_copies(long iters, PyObject *src, int strs) {
    double t = 0;
    for (long k = 0; k < iters; k++) {
        PyObject *l = PyList_GetSlice(src, 0, PyList_GET_SIZE(src));
        double t0 = bench_now();
        if (PyList_Sort(l) < 0) BENCH_FAIL("PyList_Sort failed");
        t += bench_now() - t0;
        if (k == 0) check_sorted(l, strs);
        Py_DECREF(l);
    }
    return t;
}

static PyObject *unsorted_ints, *unsorted_big_ints, *sorted_ints, *unsorted_strs;

static double op_sort_ints_only(long iters, void *ctx) { (void)ctx; return sort_copies(iters, unsorted_ints, 0); }
static double op_sort_big_ints(long iters, void *ctx) {
    (void)ctx;
    return sort_copies(iters, unsorted_big_ints, 0);
}
static double op_sort_sorted(long iters, void *ctx) { (void)ctx; return sort_copies(iters, sorted_ints, 0); }
static double op_sort_strs(long iters, void *ctx) { (void)ctx; return sort_copies(iters, unsorted_strs, 1); }

int main(int argc, char **argv) {
    Py_InitializeEx(0);
    make_values();
    unsorted_ints = int_list_of(values);
    unsorted_big_ints = int_list_of(big_values);
    sorted_ints = PyList_GetSlice(unsorted_ints, 0, N);
    if (PyList_Sort(sorted_ints) < 0) BENCH_FAIL("PyList_Sort failed");
    unsorted_strs = PyList_New(0);
    for (int i = 0; i < N; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "k%ld-%d", values[i], i);
        PyObject *s = PyUnicode_FromString(buf);
        PyList_Append(unsorted_strs, s);
        Py_DECREF(s);
    }
    const char *note = "n=100000";
    if (bench_wanted(argc, argv, "sort_ints")) bench_time_op("sort_ints", op_sort_ints, NULL, REP_SECONDS, note);
    if (bench_wanted(argc, argv, "sort_ints_only"))
        bench_time_op("sort_ints_only", op_sort_ints_only, NULL, REP_SECONDS, note);
    if (bench_wanted(argc, argv, "sort_big_ints"))
        bench_time_op("sort_big_ints", op_sort_big_ints, NULL, REP_SECONDS, note);
    if (bench_wanted(argc, argv, "sort_sorted")) bench_time_op("sort_sorted", op_sort_sorted, NULL, REP_SECONDS, note);
    if (bench_wanted(argc, argv, "sort_strs")) bench_time_op("sort_strs", op_sort_strs, NULL, REP_SECONDS, note);
    Py_DECREF(unsorted_ints);
    Py_DECREF(unsorted_big_ints);
    Py_DECREF(sorted_ints);
    Py_DECREF(unsorted_strs);
    Py_FinalizeEx();
    return 0;
}
