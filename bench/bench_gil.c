/*
 * bench_gil.c: attaching, detaching and handing over the GIL.
 *
 *   gilstate_locked     PyGILState_Ensure/Release pair on the main thread with its thread
 *                       state attached (Ensure returns PyGILState_LOCKED).
 *   gilstate_unlocked   the same pair on the main thread after PyEval_SaveThread: Ensure
 *                       re-attaches the thread's own thread state (PyGILState_UNLOCKED).
 *   gilstate_foreign    the same pair on a thread Python never saw, main detached: every
 *                       pair creates and deletes a thread state of the main interpreter.
 *   save_restore        PyEval_SaveThread/PyEval_RestoreThread pair, uncontended.
 *   handover            GIL hand-over latency between two threads of the main interpreter:
 *                       the holder flips a shared turn, waits until the other thread is
 *                       blocked in PyEval_RestoreThread, then releases (PyEval_SaveThread);
 *                       the time from just before that release to the moment the waiter's
 *                       PyEval_RestoreThread returns is one hand-over. The two threads are
 *                       pinned to two different CPUs: a cross-core hand-over, the case a
 *                       GIL meets with threads on several cores (unpinned, the figure
 *                       flipped between ~30 us and 2-7 us from run to run on a 2-vCPU VM,
 *                       for CPython and a bare pthread lock too: most likely both threads
 *                       sometimes shared one CPU). Reported: the median
 *                       hand-over of each repetition (median over repetitions); the note
 *                       adds the per-repetition mean (median over repetitions), which
 *                       multi-millisecond scheduler stalls inflate, and pooled p90/p99/max.
 *   handover_floor      the same ping-pong with a plain pthread mutex + condition variable
 *                       in place of the GIL (no Python call in the loop): what this machine
 *                       can do at best; both builds measure the same thing.
 *   pep788_foreign      (subinterp only) PEP 788 PyThreadState_EnsureFromView/Release pair
 *                       on a thread Python never saw, with a view of the main interpreter.
 *
 * Usage: bench_gil [name...]   (no name: all). Output: RESULT lines (bench_util.h).
 */
#include "bench_util.h"

#define REP_S 0.1   /* seconds per repetition of the per-operation loops */

/* ---- attached / detached pairs on the main thread ---------------------------------- */

/* One Ensure/Release pair; whether it takes the LOCKED or the re-attach path depends on
   whether the caller has a thread state attached. */
static double op_gilstate_pair(long iters, void *ctx) {
    (void)ctx;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyGILState_STATE s = PyGILState_Ensure();
        PyGILState_Release(s);
    }
    return bench_now() - t0;
}

static double op_save_restore(long iters, void *ctx) {
    (void)ctx;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyThreadState *ts = PyEval_SaveThread();
        PyEval_RestoreThread(ts);
    }
    return bench_now() - t0;
}

static void check_gilstate(int attached_before, PyGILState_STATE want) {
    PyGILState_STATE s = PyGILState_Ensure();
    if (s != want) BENCH_FAIL("PyGILState_Ensure returned %d, expected %d", (int)s, (int)want);
    if (!PyGILState_Check()) BENCH_FAIL("PyGILState_Ensure did not attach");
    PyGILState_Release(s);
    if ((PyThreadState_GetUnchecked() != NULL) != attached_before) BENCH_FAIL("PyGILState_Release left the wrong state");
}

/* ---- a thread Python never saw -------------------------------------------------------- */

typedef struct {
    bench_op_fn op;
    const char *key;
    const char *note;
} foreign_job;

static void *foreign_thread(void *p) {
    foreign_job *job = p;
    if (PyThreadState_GetUnchecked() != NULL) BENCH_FAIL("foreign thread starts attached");
    bench_time_op(job->key, job->op, NULL, REP_S, job->note);
    if (PyThreadState_GetUnchecked() != NULL) BENCH_FAIL("foreign thread ends attached");
    return NULL;
}

/* Runs job on a new thread while the main thread is detached. */
static void run_foreign(foreign_job *job) {
    PyThreadState *main_ts = PyEval_SaveThread();
    pthread_t t;
    if (pthread_create(&t, NULL, foreign_thread, job) != 0) BENCH_FAIL("pthread_create");
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
}

static double op_gilstate_foreign(long iters, void *ctx) {
    (void)ctx;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyGILState_STATE s = PyGILState_Ensure();
        if (s != PyGILState_UNLOCKED) BENCH_FAIL("foreign PyGILState_Ensure returned LOCKED");
        PyGILState_Release(s);
    }
    return bench_now() - t0;
}

#ifdef SUBINTERP_HAS_PEP788
static PyInterpreterView *main_view;

static double op_pep788_foreign(long iters, void *ctx) {
    (void)ctx;
    double t0 = bench_now();
    for (long i = 0; i < iters; i++) {
        PyThreadStateToken *tok = PyThreadState_EnsureFromView(main_view);
        if (tok == NULL) BENCH_FAIL("PyThreadState_EnsureFromView returned NULL");
        PyThreadState_Release(tok);
    }
    return bench_now() - t0;
}
#endif

/* ---- hand-over ping-pong -------------------------------------------------------------- */

#define HANDOVERS_PER_REP 2000
#ifndef DWELL_S
#define DWELL_S 30e-6         /* the holder waits this long after the other thread announced
                                  it is about to block, so that it really sleeps in the lock */
#endif
#define HANDOVER_BUDGET_S 6.0  /* stop adding repetitions after this (at least 3) */
#define REP_CAP_S 1.0          /* a repetition normally takes ~0.15 s; in a noisy period it is
                                  cut short after this many seconds (fewer hand-overs) */

/*
 * The lock being handed over: the interpreter's GIL (PyEval_RestoreThread/SaveThread), or,
 * as a floor for this machine, a plain "GIL" made of a pthread mutex + condition variable
 * (what CPython's GIL is built from), with no Python involved.
 */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int locked;
} plain_lock;

typedef struct {
    int python;                  /* 1: the GIL; 0: plain_lock */
    PyInterpreterState *interp;
    plain_lock plain;
    atomic_int turn;             /* whose turn it is next (flipped by the holder) */
    atomic_int waiting[2];       /* side i is about to block in the lock */
    _Atomic double t_release;    /* bench_now() just before the holder releases */
    double *lat;                 /* every measured hand-over, in seconds */
    atomic_long nlat;
    atomic_long rounds;          /* acquisitions per side (side 0 may lower it: REP_CAP_S) */
    int cpu[2];                  /* where each side runs (-1: not pinned) */
    double deadline;             /* side 0 ends the repetition early after this */
} pingpong;

static inline void spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static void pp_acquire(pingpong *pp, PyThreadState *ts) {
    if (pp->python) {
        PyEval_RestoreThread(ts);
        if (PyThreadState_GetUnchecked() != ts) BENCH_FAIL("hand-over: wrong thread state attached");
        return;
    }
    pthread_mutex_lock(&pp->plain.mu);
    while (pp->plain.locked) pthread_cond_wait(&pp->plain.cv, &pp->plain.mu);
    pp->plain.locked = 1;
    pthread_mutex_unlock(&pp->plain.mu);
}

static void pp_release(pingpong *pp) {
    if (pp->python) {
        PyEval_SaveThread();
        return;
    }
    pthread_mutex_lock(&pp->plain.mu);
    pp->plain.locked = 0;
    pthread_cond_signal(&pp->plain.cv);
    pthread_mutex_unlock(&pp->plain.mu);
}

static void pingpong_side(pingpong *pp, int me, PyThreadState *ts) {
    int other = 1 - me;
    for (long i = 0; i < atomic_load(&pp->rounds); i++) {
        /* Our turn comes when the other side holds the lock and flipped the turn; then we
           queue for the lock while the other side still holds it. */
        while (atomic_load(&pp->turn) != me) spin_pause();
        atomic_store(&pp->waiting[me], 1);
        pp_acquire(pp, ts);
        double t_acq = bench_now();
        atomic_store(&pp->waiting[me], 0);
        /* Side 0 may end the repetition: side 1's round i is then the last one. Side 1 reads
           `rounds` only after side 0's round i (hand-over ordering). */
        if (me == 0 && t_acq > pp->deadline && atomic_load(&pp->rounds) > i + 1) atomic_store(&pp->rounds, i + 1);
        double t_rel = atomic_load(&pp->t_release);
        if (t_rel > 0) pp->lat[atomic_fetch_add(&pp->nlat, 1)] = t_acq - t_rel;
        /* Holding the lock: flip the turn, let the other side block, hand over. */
        int last = (me == 1 && i == atomic_load(&pp->rounds) - 1);
        if (!last) {
            atomic_store(&pp->turn, other);
            while (!atomic_load(&pp->waiting[other])) spin_pause();
            double until = bench_now() + DWELL_S;
            while (bench_now() < until) spin_pause();
            atomic_store(&pp->t_release, bench_now());
        }
        pp_release(pp);
    }
}

/* Pins the calling thread to one CPU (no-op for -1). */
static void pin_to(int cpu) {
    if (cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) BENCH_FAIL("pthread_setaffinity_np(%d)", cpu);
}

static void *pingpong_thread(void *p) {
    pingpong *pp = p;
    pin_to(pp->cpu[1]);
    PyThreadState *ts = NULL;
    if (pp->python) {
        ts = PyThreadState_New(pp->interp);
        if (ts == NULL) BENCH_FAIL("PyThreadState_New failed");
    }
    pingpong_side(pp, 1, ts);
    if (pp->python) {
        PyEval_RestoreThread(ts);
        PyThreadState_Clear(ts);
        PyThreadState_DeleteCurrent();
    }
    return NULL;
}

/* One repetition (the main thread is side 0 and starts); appends the hand-over latencies
   to all[], stores their mean in *mean_ns and returns their median in ns. */
static double pingpong_rep(int python, PyThreadState *main_ts, double *all, long *nall, double *mean_ns) {
    static double lat[HANDOVERS_PER_REP];
    pingpong pp;
    memset(&pp, 0, sizeof pp);
    pp.python = python;
    pp.interp = PyThreadState_GetInterpreter(main_ts);
    pthread_mutex_init(&pp.plain.mu, NULL);
    pthread_cond_init(&pp.plain.cv, NULL);
    pp.lat = lat;
    atomic_store(&pp.rounds, HANDOVERS_PER_REP / 2);
    pp.deadline = bench_now() + REP_CAP_S;
    atomic_store(&pp.turn, 0);
    atomic_store(&pp.t_release, 0.0);
    atomic_store(&pp.nlat, 0);
    /* The first two CPUs we may run on; the main thread's mask is restored afterwards. */
    cpu_set_t saved;
    if (pthread_getaffinity_np(pthread_self(), sizeof saved, &saved) != 0) BENCH_FAIL("pthread_getaffinity_np");
    pp.cpu[0] = pp.cpu[1] = -1;
    for (int c = 0, k = 0; c < CPU_SETSIZE && k < 2; c++) if (CPU_ISSET(c, &saved)) pp.cpu[k++] = c;
    if (pp.cpu[1] < 0) pp.cpu[0] = -1;   /* one CPU: leave placement to the scheduler */
    pin_to(pp.cpu[0]);
    PyEval_SaveThread();
    pthread_t t;
    if (pthread_create(&t, NULL, pingpong_thread, &pp) != 0) BENCH_FAIL("pthread_create");
    pingpong_side(&pp, 0, main_ts);
    pthread_join(t, NULL);
    PyEval_RestoreThread(main_ts);
    if (pthread_setaffinity_np(pthread_self(), sizeof saved, &saved) != 0) BENCH_FAIL("pthread_setaffinity_np");
    pthread_mutex_destroy(&pp.plain.mu);
    pthread_cond_destroy(&pp.plain.cv);
    long n = atomic_load(&pp.nlat);
    if (n != 2 * atomic_load(&pp.rounds) - 1) BENCH_FAIL("hand-over: %ld hand-overs, expected %ld", n, 2 * atomic_load(&pp.rounds) - 1);
    if (n < HANDOVERS_PER_REP - 1) fprintf(stderr, "bench(" BENCH_IMPL "): hand-over repetition cut short after %.1f s: %ld hand-overs (noisy machine)\n", REP_CAP_S, n);
    double sum = 0;
    for (long i = 0; i < n; i++) {
        sum += lat[i];
        if (all) all[(*nall)++] = lat[i];
    }
    *mean_ns = sum / (double)n * 1e9;
    return bench_median(lat, (int)n) * 1e9;
}

static void bench_handover(const char *key, int python, PyThreadState *main_ts) {
    static double all[BENCH_MAX_REPS * HANDOVERS_PER_REP];
    long nall = 0;
    double v[BENCH_MAX_REPS], means[BENCH_MAX_REPS], mean;
    pingpong_rep(python, main_ts, NULL, NULL, &mean);   /* warm-up */
    int n = 0;
    double t0 = bench_now();
    while (n < BENCH_REPS && (n < 3 || bench_now() - t0 < HANDOVER_BUDGET_S)) {
        v[n] = pingpong_rep(python, main_ts, all, &nall, &means[n]);
        n++;
    }
    mean = bench_median(means, n);
    qsort(all, (size_t)nall, sizeof *all, bench_cmp_double);
    char note[200];
    snprintf(note, sizeof note, "handovers/rep<=%d dwell_us=%.0f mean_ns=%.0f p90_ns=%.0f p99_ns=%.0f max_ns=%.0f",
             HANDOVERS_PER_REP - 1, DWELL_S * 1e6, mean, all[nall * 9 / 10] * 1e9,
             all[nall * 99 / 100] * 1e9, all[nall - 1] * 1e9);
    bench_report(key, v, n, "ns", note);
}

/* ---- main ----------------------------------------------------------------------------- */

int main(int argc, char **argv) {
    Py_InitializeEx(0);
    PyThreadState *main_ts = PyThreadState_Get();

    if (bench_wanted(argc, argv, "gilstate_locked")) {
        check_gilstate(1, PyGILState_LOCKED);
        bench_time_op("gilstate_locked", op_gilstate_pair, NULL, REP_S, "");
    }
    if (bench_wanted(argc, argv, "gilstate_unlocked")) {
        PyThreadState *ts = PyEval_SaveThread();
        check_gilstate(0, PyGILState_UNLOCKED);
        bench_time_op("gilstate_unlocked", op_gilstate_pair, NULL, REP_S, "");
        PyEval_RestoreThread(ts);
    }
    if (bench_wanted(argc, argv, "save_restore")) {
        bench_time_op("save_restore", op_save_restore, NULL, REP_S, "");
    }
    if (bench_wanted(argc, argv, "gilstate_foreign")) {
        foreign_job job = { op_gilstate_foreign, "gilstate_foreign", "" };
        run_foreign(&job);
    }
    if (bench_wanted(argc, argv, "handover")) {
        bench_handover("handover", 1, main_ts);
    }
    if (bench_wanted(argc, argv, "handover_floor")) {
        bench_handover("handover_floor", 0, main_ts);
    }
#ifdef SUBINTERP_HAS_PEP788
    if (bench_wanted(argc, argv, "pep788_foreign")) {
        main_view = PyInterpreterView_FromMain();
        if (main_view == NULL) BENCH_FAIL("PyInterpreterView_FromMain returned NULL");
        foreign_job job = { op_pep788_foreign, "pep788_foreign", "" };
        run_foreign(&job);
        PyInterpreterView_Close(main_view);
    }
#endif
    if (PyThreadState_Get() != main_ts) BENCH_FAIL("main thread state lost");
    if (Py_FinalizeEx() != 0) BENCH_FAIL("Py_FinalizeEx failed");
    return 0;
}
