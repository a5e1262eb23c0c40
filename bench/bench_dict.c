/*
 * bench_dict.c: dict and set throughput.
 *
 *   dict_int_build_sum  builds a 100,000-entry int -> int dict (PyDict_SetItem; keys and
 *                       values made with PyLong_FromLong), iterates it with PyDict_Next
 *                       summing the values (PyLong_AsLong), and drops it; 20 times per
 *                       repetition. Reported: milliseconds per 20 builds. The target is
 *                       at most 0.8x CPython's time.
 *   dict_int_prebuilt   the same with the 100,000 ints made once beforehand: the dict's own
 *                       share (insert, iterate, free), without int allocation.
 *   dict_int_lookup     PyDict_GetItem of every key of a 100,000-entry int dict; ns per lookup.
 *   dict_str_lookup     PyDict_GetItem of 1,000 str keys (hashes cached); ns per lookup.
 *   set_int_build       PySet_Add of 100,000 ints into a new set, then dropped; ms per set.
 *
 * Usage: bench_dict [name...]   (no name: all). Output: RESULT lines (bench_util.h).
 */
#include "bench_util.h"

#define N 100000
#define BUILDS 20

static PyObject *ints[N];

static void make_ints(void) {
    for (long i = 0; i < N; i++) {
        ints[i] = PyLong_FromLong(i);
        if (ints[i] == NULL) BENCH_FAIL("PyLong_FromLong");
    }
}

static double once_build_sum(int prebuilt) {
    double t0 = bench_now();
    long long total = 0;
    for (int b = 0; b < BUILDS; b++) {
        PyObject *d = PyDict_New();
        for (long i = 0; i < N; i++) {
            if (prebuilt) {
                if (PyDict_SetItem(d, ints[i], ints[i]) < 0) BENCH_FAIL("PyDict_SetItem");
                continue;
            }
            PyObject *k = PyLong_FromLong(i), *v = PyLong_FromLong(i);
            if (k == NULL || v == NULL || PyDict_SetItem(d, k, v) < 0) BENCH_FAIL("PyDict_SetItem");
            Py_DECREF(k);
            Py_DECREF(v);
        }
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        long long sum = 0;
        while (PyDict_Next(d, &pos, &key, &value)) sum += PyLong_AsLong(value);
        if (sum != (long long)N * (N - 1) / 2) BENCH_FAIL("sum %lld", sum);
        total += sum;
        Py_DECREF(d);
    }
    if (total == 0) BENCH_FAIL("no sum");
    return bench_now() - t0;
}

static void bench_build_sum(int prebuilt) {
    double v[BENCH_REPS];
    once_build_sum(prebuilt);   /* warm-up */
    for (int r = 0; r < BENCH_REPS; r++) v[r] = once_build_sum(prebuilt) * 1e3;
    bench_report(prebuilt ? "dict_int_prebuilt" : "dict_int_build_sum", v, BENCH_REPS, "ms", "builds=20 n=100000");
}

static PyObject *lookup_dict;
static PyObject *str_keys[1000];
static PyObject *str_dict;

static double op_int_lookup(long iters, void *ctx) {
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        if (PyDict_GetItem(lookup_dict, ints[i % N]) == NULL) BENCH_FAIL("missing");
    }
    return bench_now() - t0;
}

static double op_str_lookup(long iters, void *ctx) {
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        if (PyDict_GetItem(str_dict, str_keys[i % 1000]) == NULL) BENCH_FAIL("missing");
    }
    return bench_now() - t0;
}

static void bench_lookups(int want_int, int want_str) {
    lookup_dict = PyDict_New();
    for (long i = 0; i < N; i++) PyDict_SetItem(lookup_dict, ints[i], ints[i]);
    str_dict = PyDict_New();
    for (int i = 0; i < 1000; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "key_%d", i);
        str_keys[i] = PyUnicode_FromString(buf);
        PyDict_SetItem(str_dict, str_keys[i], Py_None);
    }
    if (want_int) bench_time_op("dict_int_lookup", op_int_lookup, NULL, 0.1, "");
    if (want_str) bench_time_op("dict_str_lookup", op_str_lookup, NULL, 0.1, "");
    Py_DECREF(lookup_dict);
    Py_DECREF(str_dict);
    for (int i = 0; i < 1000; i++) Py_DECREF(str_keys[i]);
}

static double once_set_build(void) {
    double t0 = bench_now();
    PyObject *s = PySet_New(NULL);
    for (long i = 0; i < N; i++) {
        if (PySet_Add(s, ints[i]) < 0) BENCH_FAIL("PySet_Add");
    }
    if (PySet_GET_SIZE(s) != N) BENCH_FAIL("size");
    Py_DECREF(s);
    return bench_now() - t0;
}

static void bench_set_build(void) {
    double v[BENCH_REPS];
    once_set_build();
    for (int r = 0; r < BENCH_REPS; r++) v[r] = once_set_build() * 1e3;
    bench_report("set_int_build", v, BENCH_REPS, "ms", "n=100000");
}

int main(int argc, char **argv) {
    Py_Initialize();
    make_ints();
    if (bench_wanted(argc, argv, "dict_int_build_sum")) bench_build_sum(0);
    if (bench_wanted(argc, argv, "dict_int_prebuilt")) bench_build_sum(1);
    int wi = bench_wanted(argc, argv, "dict_int_lookup"), ws = bench_wanted(argc, argv, "dict_str_lookup");
    if (wi || ws) bench_lookups(wi, ws);
    if (bench_wanted(argc, argv, "set_int_build")) bench_set_build();
    for (long i = 0; i < N; i++) Py_DECREF(ints[i]);
    if (Py_FinalizeEx() != 0) BENCH_FAIL("Py_FinalizeEx");
    return 0;
}
