/*
 * test_util.h: the harness every C test uses.
 *
 * Checks count and report; a test program exits 0 only if every check passed. Tests named
 * test_*.c describe CPython behaviour and are also built against CPython 3.13
 * (make check-cpython); inside them, `#ifdef SUBINTERP` guards what only subinterp does
 * (where CPython crashes, hangs, or lacks the API). sub_*.c test subinterp only.
 */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <Python.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int t_passed, t_failed;

#define CHECK(cond) do { \
    if (cond) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_INT(got, want) do { \
    long long _g = (long long)(got), _w = (long long)(want); \
    if (_g == _w) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: %s == %lld, expected %s == %lld\n", \
                               __FILE__, __LINE__, #got, _g, #want, _w); } \
} while (0)

#define CHECK_STR(got, want) do { \
    const char *_g = (got), *_w = (want); \
    if (_g != NULL && _w != NULL && strcmp(_g, _w) == 0) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: %s == \"%s\", expected \"%s\"\n", \
                               __FILE__, __LINE__, #got, _g ? _g : "(null)", _w ? _w : "(null)"); } \
} while (0)

/* Prints the summary; use as `return TEST_DONE();` from main. */
#define TEST_DONE() (fprintf(stderr, "%s: %d passed, %d failed\n", __FILE__, t_passed, t_failed), \
                     t_failed == 0 ? 0 : 1)

/* How a child process ended. */
typedef struct {
    int signaled;       /* 1 if killed by a signal */
    int code;           /* the signal number, or the exit status */
    char err[8192];     /* what it wrote to stderr (truncated) */
} child_result;

/*
 * Runs fn(arg) in a forked child with stderr captured, and waits (at most `timeout_s`
 * seconds; a child still running then is killed and reported as SIGKILL). For fatal paths:
 * the parent checks how the child ended and what it printed.
 */
static inline child_result run_in_child(void (*fn)(void *), void *arg, int timeout_s) {
    child_result r;
    memset(&r, 0, sizeof r);
    int fds[2];
    if (pipe(fds) != 0) { perror("pipe"); exit(2); }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); exit(2); }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        alarm((unsigned)timeout_s);
        fn(arg);
        fflush(NULL);
        _exit(0);
    }
    close(fds[1]);
    size_t n = 0;
    ssize_t k;
    while ((k = read(fds[0], r.err + n, sizeof r.err - 1 - n)) > 0) {
        n += (size_t)k;
        if (n >= sizeof r.err - 1) break;
    }
    r.err[n] = '\0';
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) { r.signaled = 1; r.code = WTERMSIG(status); }
    else { r.signaled = 0; r.code = WEXITSTATUS(status); }
    return r;
}

/* Checks that the child aborted (SIGABRT) and that its stderr contains `want`. */
#define CHECK_FATAL(res, want) do { \
    child_result _r = (res); \
    CHECK(_r.signaled && _r.code == SIGABRT); \
    if (strstr(_r.err, (want)) != NULL) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: stderr lacks \"%s\"; it was:\n%s\n", \
                               __FILE__, __LINE__, (want), _r.err); } \
} while (0)

/* Monotonic seconds, for timeouts in tests (never for asserting speed). */
static inline double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A one-shot flag threads can wait on (mutex + condvar), for proving overlap without timing. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int value;
} flag_t;

#define FLAG_INIT { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 }

static inline void flag_set(flag_t *f, int v) {
    pthread_mutex_lock(&f->mu);
    f->value = v;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

/* The CLOCK_REALTIME instant timeout_s from now, for pthread_cond_timedwait. */
static inline struct timespec deadline_after(double timeout_s) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    long long ns = deadline.tv_nsec + (long long)(timeout_s * 1e9);
    deadline.tv_sec += (time_t)(ns / 1000000000LL);
    deadline.tv_nsec = (long)(ns % 1000000000LL);
    return deadline;
}

/* Waits until the flag equals v or timeout_s passes; returns 1 if it did. */
static inline int flag_wait(flag_t *f, int v, double timeout_s) {
    struct timespec deadline = deadline_after(timeout_s);
    pthread_mutex_lock(&f->mu);
    while (f->value != v) {
        if (pthread_cond_timedwait(&f->cv, &f->mu, &deadline) != 0) break;
    }
    int ok = f->value == v;
    pthread_mutex_unlock(&f->mu);
    return ok;
}

#endif /* TEST_UTIL_H */
