/*
 * conc_util.h: helpers for the concurrency tests (test_parallel, test_gilstate, test_pending,
 * test_stress, sub_gil, sub_pep788, sub_pending, sub_valgrind), on top of test_util.h.
 *
 * Rules these tests follow: nothing is proved by timing. Overlap and blocking are proved by
 * handshakes (flags, barriers, sequence numbers); timeouts exist only as a safety net, so a
 * broken build fails instead of hanging.
 *
 * - TCHECK / TCHECK_INT: CHECK whose counters are updated atomically, so several threads
 *   may check at once; CHECK and CHECK_INT are redefined to them here.
 * - seq_next(): a process-wide sequence number, to prove the order of events in different
 *   threads ("A released before B got in").
 * - barrier_t: N threads arrive, each waits until all did (with a timeout).
 * - drop_requested(ts): whether some thread asked `ts` to drop its GIL. Both we and
 *   CPython 3.13 set bit 0 of the holder's `tstate->eval_breaker` when a waiter has waited a
 *   whole switch interval, so it proves "another thread is blocked on this GIL" without
 *   timing. (On CPython the bit's name is internal: _PY_GIL_DROP_REQUEST_BIT.)
 * - watchdog(s): the whole test program dies with SIGALRM after s seconds.
 */
#ifndef CONC_UTIL_H
#define CONC_UTIL_H

#include "test_util.h"
#include <sched.h>
#include <stdint.h>

#define TCHECK(cond) do { \
    if (cond) { __atomic_fetch_add(&t_passed, 1, __ATOMIC_RELAXED); } \
    else { __atomic_fetch_add(&t_failed, 1, __ATOMIC_RELAXED); \
           fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define TCHECK_INT(got, want) do { \
    long long _g = (long long)(got), _w = (long long)(want); \
    if (_g == _w) { __atomic_fetch_add(&t_passed, 1, __ATOMIC_RELAXED); } \
    else { __atomic_fetch_add(&t_failed, 1, __ATOMIC_RELAXED); \
           fprintf(stderr, "FAIL %s:%d: %s == %lld, expected %s == %lld\n", \
                   __FILE__, __LINE__, #got, _g, #want, _w); } \
} while (0)

/* In these tests the main thread checks while other threads may be checking too: make
 * CHECK and CHECK_INT the atomic versions as well (TEST_DONE reads the counters after every
 * thread was joined). */
#undef CHECK
#undef CHECK_INT
#define CHECK(cond) TCHECK(cond)
#define CHECK_INT(got, want) TCHECK_INT(got, want)

/* Atomic int helpers (tests share plain ints between threads only through these). */
static inline int aload(const int *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }
static inline void astore(int *p, int v) { __atomic_store_n(p, v, __ATOMIC_SEQ_CST); }
static inline int ainc(int *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }

static int g_seq;
/* The next number of the process-wide sequence (1, 2, ...). */
static inline int seq_next(void) { return ainc(&g_seq); }

/* Kills the test program (SIGALRM) if it is still running after `seconds`. */
static inline void watchdog(unsigned seconds) { alarm(seconds); }

/* Waits until *p != 0 (polling, yielding), at most timeout_s; returns 1 if it became so. */
static inline int wait_nonzero(const int *p, double timeout_s) {
    double end = now_s() + timeout_s;
    while (!aload(p)) {
        if (now_s() > end) return 0;
        usleep(200);
    }
    return 1;
}

/* Bit 0 of eval_breaker: "drop the GIL" (CPython 3.13's _PY_GIL_DROP_REQUEST_BIT). */
static inline int drop_requested(PyThreadState *ts) {
    return (int)(__atomic_load_n(&ts->eval_breaker, __ATOMIC_SEQ_CST) & 1u);
}

/* Waits (polling) until some thread has asked `ts` to drop its GIL; 1 if it happened. */
static inline int wait_drop_request(PyThreadState *ts, double timeout_s) {
    double end = now_s() + timeout_s;
    while (!drop_requested(ts)) {
        if (now_s() > end) return 0;
        usleep(200);
    }
    return 1;
}

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int count;
} barrier_t;

#define BARRIER_INIT { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 }

/* Arrives at the barrier and waits until `n` threads arrived in all; 1 if they did. */
static inline int barrier_wait(barrier_t *b, int n, double timeout_s) {
    struct timespec deadline = deadline_after(timeout_s);
    pthread_mutex_lock(&b->mu);
    b->count++;
    pthread_cond_broadcast(&b->cv);
    while (b->count < n) {
        if (pthread_cond_timedwait(&b->cv, &b->mu, &deadline) != 0) break;
    }
    int ok = b->count >= n;
    pthread_mutex_unlock(&b->mu);
    return ok;
}

static inline pthread_t start_thread(void *(*fn)(void *), void *arg) {
    pthread_t t;
    if (pthread_create(&t, NULL, fn, arg) != 0) { perror("pthread_create"); exit(2); }
    return t;
}

/* An isolated interpreter (own GIL); the calling thread's thread state, if any, is
 * detached and the new one is attached and returned (NULL on failure). */
static inline PyThreadState *new_isolated(void) {
    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    PyThreadState *ts = NULL;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
    return PyStatus_Exception(st) ? NULL : ts;
}

#endif /* CONC_UTIL_H */
