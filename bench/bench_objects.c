/*
 * bench_objects.c: the object-model workload of issue 3, built against subinterp and CPython.
 *
 * One "round" of the workload, run inside an isolated own-GIL interpreter:
 *   dict   build a dict of 100,000 int -> int, iterate it with PyDict_Next and sum, free it
 *   list   append 100,000 ints (pseudo-random order) to a list and sort it
 *   str    build 100,000 short strings with PyUnicode_FromFormat and join them
 *   tuple  pack 100,000 3-tuples with PyTuple_Pack and unpack them
 * Measurements (one process each; medians of BENCH_REPS, or of 21 rounds for one/two/scale):
 *   obj_dict, obj_list, obj_str, obj_tuple   one part alone, ms per round (dict: 20 rounds)
 *   obj_one    the whole round, one interpreter on one thread, ms
 *   obj_two    the same round in two own-GIL interpreters on two threads at once, ms for both
 *   obj_scale  throughput of two interpreters over one: 2 * obj_one / obj_two (higher is better)
 *   obj_peak_rss  the process's peak RSS (VmHWM) after those runs, KiB
 */
#include "bench_util.h"

#define N 100000

static long checksum;

static void part_dict(int rounds) {
    for (int r = 0; r < rounds; r++) {
        long sum = bench_int_dict_sum(N);
        bench_fail_if(sum != (long)N * (N - 1) / 2, "dict sum");
        checksum += sum;
    }
}

static void part_list(void) {
    PyObject *l = PyList_New(0);
    unsigned x = 12345;
    for (long i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        PyObject *v = PyLong_FromLong((long)(x >> 8));
        bench_fail_if(PyList_Append(l, v) < 0, "PyList_Append");
        Py_DECREF(v);
    }
    bench_fail_if(PyList_Sort(l) < 0, "PyList_Sort");
    bench_fail_if(PyLong_AsLong(PyList_GET_ITEM(l, 0)) > PyLong_AsLong(PyList_GET_ITEM(l, N - 1)), "sorted");
    checksum += PyList_GET_SIZE(l);
    Py_DECREF(l);
}

static void part_str(void) {
    PyObject *l = PyList_New(N);
    for (long i = 0; i < N; i++) {
        PyObject *s = PyUnicode_FromFormat("item-%ld", i);
        bench_fail_if(s == NULL, "PyUnicode_FromFormat");
        PyList_SET_ITEM(l, i, s);
    }
    PyObject *sep = PyUnicode_FromString(", ");
    PyObject *joined = PyUnicode_Join(sep, l);
    bench_fail_if(joined == NULL, "PyUnicode_Join");
    checksum += PyUnicode_GetLength(joined);
    Py_DECREF(joined);
    Py_DECREF(sep);
    Py_DECREF(l);
}

static void part_tuple(void) {
    PyObject *a = PyLong_FromLong(1), *b = PyLong_FromLong(2);
    long sum = 0;
    for (long i = 0; i < N; i++) {
        PyObject *c = PyLong_FromLong(i);
        PyObject *t = PyTuple_Pack(3, a, b, c);
        bench_fail_if(t == NULL, "PyTuple_Pack");
        sum += PyLong_AsLong(PyTuple_GET_ITEM(t, 0)) + PyLong_AsLong(PyTuple_GET_ITEM(t, 2));
        Py_DECREF(t);
        Py_DECREF(c);
    }
    checksum += sum;
    Py_DECREF(a);
    Py_DECREF(b);
}

/* The process's peak resident set (VmHWM in /proc/self/status), KiB. */
static long peak_rss_kib(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "VmHWM: %ld kB", &v) == 1) break;
    }
    if (f != NULL) fclose(f);
    if (v < 0) BENCH_FAIL("VmHWM not found in /proc/self/status");
    return v;
}

typedef enum { PART_DICT, PART_LIST, PART_STR, PART_TUPLE, PART_ALL } part_t;

static void run_part(part_t p) {
    switch (p) {
    case PART_DICT: part_dict(20); break;
    case PART_LIST: part_list(); break;
    case PART_STR: part_str(); break;
    case PART_TUPLE: part_tuple(); break;
    case PART_ALL: part_dict(1); part_list(); part_str(); part_tuple(); break;
    }
}

/* Runs `reps` rounds of `p` in a fresh isolated interpreter on the calling thread; returns
   the seconds of each round in out[]. With a barrier, every round starts when all the
   threads sharing it are ready, so concurrent rounds really overlap. */
typedef struct { part_t part; int reps; double *out; pthread_barrier_t *bar; } job_t;

static void *job_thread(void *arg) {
    job_t *j = arg;
    PyThreadState *ts = bench_new_interp();
    run_part(j->part);                       /* warm-up */
    for (int r = 0; r < j->reps; r++) {
        if (j->bar != NULL) pthread_barrier_wait(j->bar);
        double t0 = bench_now();
        run_part(j->part);
        j->out[r] = bench_now() - t0;
    }
    Py_EndInterpreter(ts);
    return NULL;
}

static void measure_single(const char *key, part_t p) {
    double v[BENCH_REPS];
    job_t j = { p, BENCH_REPS, v, NULL };
    pthread_t t;
    pthread_create(&t, NULL, job_thread, &j);
    pthread_join(t, NULL);
    for (int i = 0; i < BENCH_REPS; i++) v[i] *= 1000.0;
    bench_report(key, v, BENCH_REPS, "ms", "");
}

/* Rounds are short (~20 ms for subinterp): more of them keep a burst of noise from the
   shared host out of the median. */
#define SCALE_REPS 21

/* One interpreter, then two at once; in the latter, each round starts on both threads
   together (a barrier) and its time is the slower thread's. */
static void measure_two(double *one_ms, double *two_ms) {
    double a[SCALE_REPS], b[SCALE_REPS], single[SCALE_REPS];
    job_t j1 = { PART_ALL, SCALE_REPS, single, NULL };
    pthread_t t;
    pthread_create(&t, NULL, job_thread, &j1);
    pthread_join(t, NULL);
    pthread_barrier_t bar;
    pthread_barrier_init(&bar, NULL, 2);
    job_t ja = { PART_ALL, SCALE_REPS, a, &bar }, jb = { PART_ALL, SCALE_REPS, b, &bar };
    pthread_t t1, t2;
    pthread_create(&t1, NULL, job_thread, &ja);
    pthread_create(&t2, NULL, job_thread, &jb);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&bar);
    for (int i = 0; i < SCALE_REPS; i++) {
        single[i] *= 1000.0;
        a[i] = (a[i] > b[i] ? a[i] : b[i]) * 1000.0;
    }
    *one_ms = bench_median(single, SCALE_REPS);
    *two_ms = bench_median(a, SCALE_REPS);
    bench_report("obj_one", single, SCALE_REPS, "ms", "");
    bench_report("obj_two", a, SCALE_REPS, "ms", "two interpreters, both rounds");
}

int main(int argc, char **argv) {
    Py_Initialize();
    PyThreadState *main_ts = PyEval_SaveThread();
    for (int i = 1; i < argc; i++) {
        const char *k = argv[i];
        if (!strcmp(k, "obj_dict")) measure_single(k, PART_DICT);
        else if (!strcmp(k, "obj_list")) measure_single(k, PART_LIST);
        else if (!strcmp(k, "obj_str")) measure_single(k, PART_STR);
        else if (!strcmp(k, "obj_tuple")) measure_single(k, PART_TUPLE);
        else if (!strcmp(k, "obj_one") || !strcmp(k, "obj_two") || !strcmp(k, "obj_scale") ||
                 !strcmp(k, "obj_peak_rss")) {
            double one, two;
            measure_two(&one, &two);
            double s[1] = { 2.0 * one / two };
            bench_report("obj_scale", s, 1, "x", "2 * one / two; higher is better");
            double rss[1] = { (double)peak_rss_kib() };
            bench_report("obj_peak_rss", rss, 1, "KiB", "VmHWM after one- and two-interpreter runs");
        } else {
            fprintf(stderr, "unknown measurement %s\n", k);
            return 2;
        }
    }
    PyEval_RestoreThread(main_ts);
    fprintf(stderr, "checksum %ld\n", checksum);
    return Py_FinalizeEx();
}
