/*
 * test_parallel.c: interpreters with their own GIL run at the same time; interpreters that
 * share the main GIL do not. CPython 3.13 behaves the same (PEP 684).
 *
 * Every claim is proved by a handshake, never by timing:
 * - "held at once": each thread, while holding its GIL, waits for the other to report that
 *   it holds its own; with one GIL between them that wait could never succeed.
 * - "blocked": the waiter sets a drop request on the holder's thread state once it has
 *   waited a whole switch interval (both CPython 3.13 and we do that), so the holder knows
 *   the waiter is stuck on *this* GIL; the holder then records a sequence number and
 *   releases, the waiter records one when it gets in; the order proves the blocking.
 */
#include "conc_util.h"

#define T_WAIT 10.0   /* safety net for every handshake, seconds */

static PyThreadState *main_ts;

/* ---- 1. main thread holds the main GIL while another thread holds an own GIL ---------- */

typedef struct {
    PyThreadState *ts;      /* thread state to attach */
    flag_t *mine;           /* set while holding */
    flag_t *go_on;          /* released when this is set */
    int saw_go;
    int attached_right;
} holder_t;

static void *hold_until(void *p) {
    holder_t *h = p;
    PyEval_RestoreThread(h->ts);
    h->attached_right = PyThreadState_GetUnchecked() == h->ts;
    flag_set(h->mine, 1);
    h->saw_go = flag_wait(h->go_on, 1, T_WAIT);
    PyEval_SaveThread();
    return NULL;
}

static void test_main_and_own_gil_at_once(void) {
    PyThreadState *b = new_isolated();
    CHECK(b != NULL);
    if (!b) return;
    CHECK(PyThreadState_Swap(main_ts) == b);     /* main thread holds the main GIL again */

    flag_t b_holds = FLAG_INIT, go = FLAG_INIT;
    holder_t h = { b, &b_holds, &go, 0, 0 };
    pthread_t t = start_thread(hold_until, &h);
    /* We hold the main GIL the whole time; thread 2 holds B's. */
    CHECK(flag_wait(&b_holds, 1, T_WAIT));
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    flag_set(&go, 1);
    pthread_join(t, NULL);
    CHECK(h.saw_go && h.attached_right);

    CHECK(PyThreadState_Swap(b) == main_ts);
    Py_EndInterpreter(b);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

/* ---- 2. three GILs held at once: main (main thread), A and B (two threads) -------------- */

static barrier_t three = BARRIER_INIT;

typedef struct { PyThreadState *ts; int all_in; int interp_right; } trio_t;

static void *trio_worker(void *p) {
    trio_t *w = p;
    PyEval_RestoreThread(w->ts);
    w->interp_right = PyThreadState_Get()->interp == w->ts->interp;
    w->all_in = barrier_wait(&three, 3, T_WAIT);   /* all three hold a GIL here */
    PyEval_SaveThread();
    return NULL;
}

static void test_three_own_gils_at_once(void) {
    PyThreadState *a = new_isolated();
    PyThreadState *b = a ? new_isolated() : NULL;
    CHECK(a != NULL && b != NULL);
    if (!a || !b) return;
    CHECK(a->interp != b->interp);
    CHECK(PyThreadState_Swap(main_ts) == b);

    trio_t wa = { a, 0, 0 }, wb = { b, 0, 0 };
    pthread_t ta = start_thread(trio_worker, &wa), tb = start_thread(trio_worker, &wb);
    CHECK(barrier_wait(&three, 3, T_WAIT));        /* main thread still holds the main GIL */
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    CHECK(wa.all_in && wb.all_in);
    CHECK(wa.interp_right && wb.interp_right);

    CHECK(PyThreadState_Swap(a) == main_ts);
    Py_EndInterpreter(a);
    CHECK(PyThreadState_Swap(b) == NULL);
    Py_EndInterpreter(b);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

/* ---- 3. a SHARED-GIL subinterpreter waits for the main GIL ------------------------------ */

typedef struct { PyThreadState *ts; flag_t *trying; int got_seq; int interp_right; } waiter_t;

static void *attach_and_record(void *p) {
    waiter_t *w = p;
    flag_set(w->trying, 1);
    PyEval_RestoreThread(w->ts);                /* blocks while the main GIL is held */
    astore(&w->got_seq, seq_next());
    w->interp_right = PyThreadState_Get()->interp == w->ts->interp;
    PyEval_SaveThread();
    return NULL;
}

static void test_shared_gil_blocks(void) {
    PyThreadState *s = Py_NewInterpreter();     /* legacy config: the main GIL */
    CHECK(s != NULL);
    if (!s) return;
    CHECK(PyThreadState_Swap(main_ts) == s);

    flag_t trying = FLAG_INIT;
    waiter_t w = { s, &trying, 0, 0 };
    pthread_t t = start_thread(attach_and_record, &w);
    CHECK(flag_wait(&trying, 1, T_WAIT));
    /* Thread 2 asks *us* (the main GIL's holder) to drop: it is blocked on our GIL. */
    CHECK(wait_drop_request(main_ts, T_WAIT));
    CHECK_INT(aload(&w.got_seq), 0);            /* not in while we hold it */
    int release_seq = seq_next();
    PyEval_SaveThread();
    pthread_join(t, NULL);                      /* it gets in once we released */
    PyEval_RestoreThread(main_ts);
    CHECK_INT(w.got_seq, release_seq + 1);      /* and right after */
    CHECK(w.interp_right);

    CHECK(PyThreadState_Swap(s) == main_ts);
    Py_EndInterpreter(s);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

typedef struct { PyThreadState *holder; flag_t *go; int seen; int go_seq; } watcher_t;

/* Waits until someone asks `holder` to drop its GIL, then lets the holder go. */
static void *watch(void *p) {
    watcher_t *x = p;
    x->seen = wait_drop_request(x->holder, T_WAIT);
    x->go_seq = seq_next();
    flag_set(x->go, 1);
    return NULL;
}

/* The same, with a SHARED sub holding (on another thread) and the main thread waiting. */
static void test_shared_gil_blocks_main(void) {
    PyThreadState *s = Py_NewInterpreter();
    CHECK(s != NULL);
    if (!s) return;
    PyEval_SaveThread();                         /* s detached; nothing attached here */

    flag_t s_holds = FLAG_INIT, go = FLAG_INIT;
    holder_t h = { s, &s_holds, &go, 0, 0 };
    pthread_t t = start_thread(hold_until, &h);
    CHECK(flag_wait(&s_holds, 1, T_WAIT));
    /* Main thread: attaching main_ts must wait for s to let go of the shared GIL. A helper
     * thread watches for our drop request, then lets the holder go. */
    watcher_t wt = { s, &go, 0, 0 };
    pthread_t tw = start_thread(watch, &wt);
    PyEval_RestoreThread(main_ts);
    int in_seq = seq_next();
    pthread_join(tw, NULL);
    pthread_join(t, NULL);
    CHECK(wt.seen);
    CHECK(in_seq > wt.go_seq);                   /* we got in only after the holder was let go */
    CHECK(h.saw_go && h.attached_right);

    CHECK(PyThreadState_Swap(s) == main_ts);
    Py_EndInterpreter(s);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

/* ---- 4. PyThreadState_Swap between own-GIL interpreters on one thread ------------------ */

typedef struct { flag_t *in; flag_t *out; int ok; int interp_main; } ensure_t;

/* A thread Python never saw takes the main GIL (PyGILState_Ensure) while the main thread
 * holds another GIL, and holds it until told to let go. */
static void *ensure_main_and_wait(void *p) {
    ensure_t *e = p;
    PyGILState_STATE g = PyGILState_Ensure();
    e->interp_main = PyThreadState_Get()->interp == PyInterpreterState_Main();
    flag_set(e->in, 1);
    e->ok = flag_wait(e->out, 1, T_WAIT);
    PyGILState_Release(g);
    return NULL;
}

typedef struct {
    PyInterpreterState *interp;
    flag_t *holds;
    int released_seq;
} busy_t;

/* Holds `interp`'s GIL on a thread state of its own until someone waits for it (its drop
 * request), then records a sequence number and lets go. */
static void *hold_until_requested(void *p) {
    busy_t *b = p;
    PyThreadState *ts = PyThreadState_New(b->interp);
    PyEval_RestoreThread(ts);
    flag_set(b->holds, 1);
    int requested = wait_drop_request(ts, T_WAIT);
    TCHECK(requested);
    PyThreadState_Clear(ts);
    astore(&b->released_seq, seq_next());
    PyThreadState_DeleteCurrent();
    return NULL;
}

static void test_swap_between_own_gils(void) {
    PyThreadState *a = new_isolated();           /* main_ts detached, a attached */
    CHECK(a != NULL);
    if (!a) return;
    PyInterpreterState *ai = a->interp;

    /* The main GIL is free while this thread holds A's: another thread takes it now. */
    flag_t in = FLAG_INIT, out = FLAG_INIT;
    ensure_t e = { &in, &out, 0, 0 };
    pthread_t t = start_thread(ensure_main_and_wait, &e);
    CHECK(flag_wait(&in, 1, T_WAIT));
    CHECK(PyThreadState_GetUnchecked() == a);
    flag_set(&out, 1);
    pthread_join(t, NULL);
    CHECK(e.ok && e.interp_main);

    /* Swap back and forth: each returns the previous thread state. */
    CHECK(PyThreadState_Swap(main_ts) == a);
    CHECK(PyThreadState_Get()->interp == PyInterpreterState_Main());
    CHECK(PyThreadState_Swap(a) == main_ts);
    CHECK(PyThreadState_Get()->interp == ai);
    CHECK(PyInterpreterState_Get() == ai);
    CHECK(PyGILState_GetThisThreadState() == a);
    CHECK(PyThreadState_Swap(main_ts) == a);
    CHECK(PyThreadState_Swap(main_ts) == main_ts);   /* swapping to itself: no deadlock */
    CHECK(PyThreadState_Swap(NULL) == main_ts);
    CHECK(PyThreadState_Swap(NULL) == NULL);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyThreadState_Swap(main_ts) == NULL);

    /* Having swapped to main, A's GIL is free: another thread takes it meanwhile. */
    flag_t a_holds = FLAG_INIT, go = FLAG_INIT;
    holder_t h = { a, &a_holds, &go, 0, 0 };
    t = start_thread(hold_until, &h);
    CHECK(flag_wait(&a_holds, 1, T_WAIT));
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    flag_set(&go, 1);
    pthread_join(t, NULL);
    CHECK(h.saw_go && h.attached_right);

    /* Swap to A while another thread holds A's GIL: it waits until that thread lets go. */
    flag_t busy_holds = FLAG_INIT;
    busy_t b = { ai, &busy_holds, 0 };
    t = start_thread(hold_until_requested, &b);
    CHECK(flag_wait(&busy_holds, 1, T_WAIT));
    CHECK(PyThreadState_Swap(a) == main_ts);         /* blocks until the holder released */
    int in_seq = seq_next();
    pthread_join(t, NULL);
    CHECK(aload(&b.released_seq) > 0);
    CHECK(in_seq > b.released_seq);
    CHECK(PyThreadState_Get() == a);

    Py_EndInterpreter(a);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

int main(void) {
    watchdog(120);
    Py_Initialize();
    main_ts = PyThreadState_Get();

    test_main_and_own_gil_at_once();
    test_three_own_gils_at_once();
    test_shared_gil_blocks();
    test_shared_gil_blocks_main();
    test_swap_between_own_gils();

    CHECK(PyThreadState_GetUnchecked() == main_ts);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
