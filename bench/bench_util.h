/*
 * bench_util.h: timing, RSS, medians and result lines shared by the bench/ programs.
 *
 * Every bench program is built twice from the same source (tools/bench.sh): against
 * libsubinterp (our Python.h defines SUBINTERP) and against CPython 3.13. Each measurement
 * prints one machine-readable line that tools/bench.sh turns into the comparison table:
 *
 *     RESULT <key> <median> <unit> reps=<n> min=<v> max=<v> [note...]
 *
 * Anything else a program prints goes to stderr.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#ifndef _GNU_SOURCE
#  define _GNU_SOURCE 1      /* pthread_setaffinity_np; CPython's pyconfig.h says the same */
#endif
#include <Python.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef SUBINTERP
#  define BENCH_IMPL "subinterp"
#else
#  define BENCH_IMPL "cpython"
#endif

/* Repetitions per measurement; the reported value is their median. */
#define BENCH_REPS 7
#define BENCH_MAX_REPS 64

static inline double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Resident set size in KiB (second field of /proc/self/statm, in pages). */
static inline long bench_rss_kib(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL) { perror("/proc/self/statm"); exit(2); }
    long size = 0, resident = 0;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2) { fclose(f); fprintf(stderr, "statm: parse error\n"); exit(2); }
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static inline int bench_cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of v[0..n) (v is sorted in place). */
static inline double bench_median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Prints the RESULT line for the n values in v (sorted in place). */
static inline void bench_report(const char *key, double *v, int n, const char *unit, const char *note) {
    double med = bench_median(v, n);
    printf("RESULT %s %.6g %s reps=%d min=%.6g max=%.6g%s%s\n", key, med, unit, n, v[0], v[n - 1],
           note && *note ? " " : "", note ? note : "");
    fflush(stdout);
}

#define BENCH_FAIL(...) do { \
    fprintf(stderr, "bench(" BENCH_IMPL ") %s:%d: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); exit(3); \
} while (0)

/* Whether measurement `name` should run: no names on the command line means all of them. */
static inline int bench_wanted(int argc, char **argv, const char *name) {
    if (argc < 2) return 1;
    for (int i = 1; i < argc; i++) if (strcmp(argv[i], name) == 0) return 1;
    return 0;
}

/* If `bad`: prints the Python exception (if any) and fails with "<what> failed". */
static inline void bench_fail_if(int bad, const char *what) {
    if (bad) {
        PyErr_Print();
        BENCH_FAIL("%s failed", what);
    }
}

/* A new isolated (own-GIL) interpreter, attached on the calling thread. */
static inline PyThreadState *bench_new_interp(void) {
    PyThreadState *ts;
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
    if (PyStatus_Exception(st)) BENCH_FAIL("Py_NewInterpreterFromConfig");
    return ts;
}

/* The shared dict workload: builds a dict of n int -> int (k = i * 7 + 1000, v = i),
   iterates it with PyDict_Next summing the values, frees it; returns the sum. */
static inline long bench_int_dict_sum(long n) {
    PyObject *d = PyDict_New();
    bench_fail_if(d == NULL, "PyDict_New");
    for (long i = 0; i < n; i++) {
        PyObject *k = PyLong_FromLong(i * 7 + 1000), *v = PyLong_FromLong(i);
        bench_fail_if(PyDict_SetItem(d, k, v) < 0, "PyDict_SetItem");
        Py_DECREF(k);
        Py_DECREF(v);
    }
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    long sum = 0;
    while (PyDict_Next(d, &pos, &k, &v)) sum += PyLong_AsLong(v);
    Py_DECREF(d);
    return sum;
}

/*
 * Per-operation timing. `op(iters, ctx)` runs `iters` operations and returns the elapsed
 * seconds. The iteration count is calibrated so that one repetition takes about
 * `rep_seconds`; then BENCH_REPS repetitions run and the median time per operation (in
 * nanoseconds) is reported.
 */
typedef double (*bench_op_fn)(long iters, void *ctx);

static inline void bench_time_op(const char *key, bench_op_fn op, void *ctx, double rep_seconds,
                                 const char *note) {
    long iters = 1;
    double t = op(iters, ctx);                 /* warm-up + first calibration point */
    while (t < rep_seconds / 10 && iters < (1L << 40)) {
        iters *= 4;
        t = op(iters, ctx);
    }
    long per_rep = (long)((double)iters * rep_seconds / (t > 0 ? t : 1e-9));
    if (per_rep < 1) per_rep = 1;
    double v[BENCH_REPS];
    for (int r = 0; r < BENCH_REPS; r++) {
        v[r] = op(per_rep, ctx) / (double)per_rep * 1e9;
    }
    char buf[256];
    snprintf(buf, sizeof buf, "iters=%ld%s%s", per_rep, note && *note ? " " : "", note ? note : "");
    bench_report(key, v, BENCH_REPS, "ns", buf);
}

/*
 * Runs `fn(arg)` in `reps` forked children, one after the other, each returning one double
 * through a pipe: for measurements that need a fresh process (RSS). Fork happens before
 * the parent ever initializes Python. Returns the number of values collected.
 */
static inline int bench_forked(double (*fn)(void *), void *arg, int reps, double *out) {
    int got = 0;
    for (int r = 0; r < reps; r++) {
        int fds[2];
        if (pipe(fds) != 0) { perror("pipe"); exit(2); }
        fflush(NULL);
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); exit(2); }
        if (pid == 0) {
            close(fds[0]);
            double v = fn(arg);
            if (write(fds[1], &v, sizeof v) != (ssize_t)sizeof v) _exit(4);
            close(fds[1]);
            fflush(NULL);
            _exit(0);
        }
        close(fds[1]);
        double v;
        ssize_t k = read(fds[0], &v, sizeof v);
        close(fds[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        if (k == (ssize_t)sizeof v && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            out[got++] = v;
        } else {
            fprintf(stderr, "bench(" BENCH_IMPL "): child %d failed (status 0x%x)\n", r, status);
        }
    }
    return got;
}

#endif /* BENCH_UTIL_H */
