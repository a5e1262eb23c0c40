/*
 * sub_gil.c: GIL hand-over ("fairness") and the per-GIL knobs (ours only).
 *
 * CPython's Py_MakePendingCalls() is not a safe point for GIL drop requests (only its eval
 * loop is), so a C holder can never hand over there; ours is, by design (DESIGN.md "Thread
 * states and the GIL"). Also covered: Subinterp_SetSwitchInterval/GetSwitchInterval per GIL,
 * Subinterp_DropRequested, Subinterp_GetGilState.
 *
 * No timing assertions: "the waiter got in while the holder was inside Py_MakePendingCalls"
 * is proved by the holder seeing, right after that one call, a flag only the waiter sets
 * while attached.
 */
#include "conc_util.h"

#define T_WAIT 10.0

static PyThreadState *main_ts;

static uint64_t interval_of(PyInterpreterState *interp) {
    uint64_t us = 0;
    CHECK_INT(Subinterp_GetSwitchInterval(interp, &us), SUBINTERP_OK);
    return us;
}

static uint64_t switches_of(PyInterpreterState *interp) {
    uint64_t n = 0;
    CHECK_INT(Subinterp_GetGilState(interp, NULL, &n), SUBINTERP_OK);
    return n;
}

static int locked_of(PyInterpreterState *interp) {
    int locked = -1;
    CHECK_INT(Subinterp_GetGilState(interp, &locked, NULL), SUBINTERP_OK);
    return locked;
}

/* ---- switch interval, per GIL ---------------------------------------------------------- */

static void test_switch_interval(void) {
    PyInterpreterState *m = PyInterpreterState_Main();
    CHECK_INT(interval_of(m), 5000);                    /* CPython's default, 5 ms */

    uint64_t out = 4242;
    CHECK_INT(Subinterp_GetSwitchInterval(NULL, &out), SUBINTERP_ERR_NULL_ARGUMENT);
    CHECK_INT(out, 4242);                               /* untouched on failure */
    CHECK_INT(Subinterp_GetSwitchInterval(m, NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    CHECK_INT(Subinterp_SetSwitchInterval(NULL, 1000), SUBINTERP_ERR_NULL_ARGUMENT);
    CHECK_INT(Subinterp_SetSwitchInterval(m, 0), SUBINTERP_ERR_INVALID_VALUE);
    CHECK_INT(interval_of(m), 5000);                    /* 0 rejected, value kept */
    int not_an_interp = 0;
    CHECK_INT(Subinterp_GetSwitchInterval((PyInterpreterState *)&not_an_interp, &out),
              SUBINTERP_ERR_INVALID_INTERPRETER);
    CHECK_INT(Subinterp_SetSwitchInterval((PyInterpreterState *)&not_an_interp, 10),
              SUBINTERP_ERR_INVALID_INTERPRETER);

    PyThreadState *own = new_isolated();
    CHECK(own != NULL);
    PyThreadState *shared = Py_NewInterpreter();
    CHECK(shared != NULL);
    if (!own || !shared) return;
    PyInterpreterState *oi = own->interp, *si = shared->interp;
    CHECK(PyThreadState_Swap(main_ts) == shared);

    CHECK_INT(interval_of(oi), 5000);
    CHECK_INT(interval_of(si), 5000);
    CHECK_INT(Subinterp_SetSwitchInterval(m, 1234), SUBINTERP_OK);
    CHECK_INT(interval_of(m), 1234);
    CHECK_INT(interval_of(si), 1234);                   /* shares main's GIL */
    CHECK_INT(interval_of(oi), 5000);                   /* its own GIL keeps its own */
    CHECK_INT(Subinterp_SetSwitchInterval(si, 2345), SUBINTERP_OK);
    CHECK_INT(interval_of(m), 2345);
    CHECK_INT(interval_of(oi), 5000);
    CHECK_INT(Subinterp_SetSwitchInterval(oi, 777), SUBINTERP_OK);
    CHECK_INT(interval_of(oi), 777);
    CHECK_INT(interval_of(m), 2345);
    CHECK_INT(interval_of(si), 2345);
    CHECK_INT(Subinterp_SetSwitchInterval(oi, 0), SUBINTERP_ERR_INVALID_VALUE);
    CHECK_INT(interval_of(oi), 777);
    /* No thread state is needed to read or set it. */
    PyEval_SaveThread();
    CHECK_INT(interval_of(oi), 777);
    CHECK_INT(Subinterp_SetSwitchInterval(oi, 778), SUBINTERP_OK);
    CHECK_INT(interval_of(oi), 778);
    PyEval_RestoreThread(main_ts);

    CHECK(PyThreadState_Swap(own) == main_ts);
    Py_EndInterpreter(own);
    CHECK(PyThreadState_Swap(shared) == NULL);
    Py_EndInterpreter(shared);
    CHECK(PyThreadState_Swap(main_ts) == NULL);

    /* Ended interpreters are reported, not dereferenced. */
    CHECK_INT(Subinterp_GetSwitchInterval(oi, &out), SUBINTERP_ERR_INVALID_INTERPRETER);
    CHECK_INT(Subinterp_SetSwitchInterval(oi, 10), SUBINTERP_ERR_INVALID_INTERPRETER);
    CHECK_INT(Subinterp_SetSwitchInterval(si, 10), SUBINTERP_ERR_INVALID_INTERPRETER);
    CHECK_INT(interval_of(m), 2345);                    /* ending a SHARED sub leaves main's */

    CHECK_INT(Subinterp_SetSwitchInterval(m, 5000), SUBINTERP_OK);
}

/* ---- Subinterp_GetGilState ----------------------------------------------------------- */

static void test_gil_state(void) {
    PyInterpreterState *m = PyInterpreterState_Main();
    CHECK_INT(locked_of(m), 1);                         /* we are attached */
    CHECK_INT(Subinterp_GetGilState(m, NULL, NULL), SUBINTERP_OK);
    CHECK_INT(Subinterp_GetGilState(NULL, NULL, NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    int not_an_interp = 0, locked = 77;
    uint64_t sw = 77;
    CHECK_INT(Subinterp_GetGilState((PyInterpreterState *)&not_an_interp, &locked, &sw),
              SUBINTERP_ERR_INVALID_INTERPRETER);
    CHECK_INT(locked, 77);
    CHECK_INT(sw, 77);

    uint64_t s0 = switches_of(m);
    PyEval_SaveThread();
    CHECK_INT(locked_of(m), 0);
    PyEval_RestoreThread(main_ts);
    CHECK_INT(locked_of(m), 1);
    CHECK(switches_of(m) >= s0 + 1);                    /* taken again: one more switch */

    /* Own GIL: independent state. */
    PyThreadState *a = new_isolated();                  /* main_ts detached, a attached */
    CHECK(a != NULL);
    if (!a) return;
    PyInterpreterState *ai = a->interp;
    CHECK_INT(locked_of(ai), 1);
    CHECK_INT(locked_of(m), 0);
    uint64_t a0 = switches_of(ai);
    CHECK(a0 >= 1);
    CHECK(PyThreadState_Swap(main_ts) == a);
    CHECK_INT(locked_of(ai), 0);
    CHECK_INT(locked_of(m), 1);
    CHECK(PyThreadState_Swap(a) == main_ts);
    CHECK(switches_of(ai) >= a0 + 1);
    Py_EndInterpreter(a);
    CHECK_INT(Subinterp_GetGilState(ai, &locked, &sw), SUBINTERP_ERR_INVALID_INTERPRETER);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

/* ---- hand-over at Py_MakePendingCalls -------------------------------------------------- */

/* Joins `t` with our GIL released: if a hand-over the test expected did not happen, the
 * waiter gets in now, so a broken build reports failures instead of hanging. */
static void join_detached(pthread_t t) {
    Py_BEGIN_ALLOW_THREADS
    pthread_join(t, NULL);
    Py_END_ALLOW_THREADS
}

typedef struct {
    PyThreadState *ts;          /* NULL: PyGILState_Ensure (main interpreter) */
    flag_t *trying;
    int in;                     /* set by the waiter while attached */
    int holder_done;            /* set by the holder once its loop ended */
    int saw_holder_looping;
} waiter_t;

static void *waiter(void *p) {
    waiter_t *w = p;
    flag_set(w->trying, 1);
    PyGILState_STATE g = PyGILState_LOCKED;
    if (w->ts) PyEval_RestoreThread(w->ts);
    else g = PyGILState_Ensure();
    w->saw_holder_looping = !aload(&w->holder_done);
    astore(&w->in, 1);
    if (w->ts) PyEval_SaveThread();
    else PyGILState_Release(g);
    return NULL;
}

/*
 * The calling thread holds `holder`'s GIL. A waiter thread wants the same GIL. The holder
 * never releases except inside Py_MakePendingCalls: first it waits for the drop request
 * (Subinterp_DropRequested), makes one call and sees the waiter got in during it; then, with
 * a second waiter, it loops on Py_MakePendingCalls until the waiter got in.
 */
static void handover_scenario(PyThreadState *holder, PyThreadState *waiter_ts) {
    PyInterpreterState *interp = holder->interp;
    CHECK(PyThreadState_GetUnchecked() == holder);
    CHECK_INT(Subinterp_DropRequested(), 0);            /* nobody waits yet */

    /* One call, after the request. */
    flag_t trying = FLAG_INIT;
    waiter_t w = { waiter_ts, &trying, 0, 0, 0 };
    uint64_t s0 = switches_of(interp);
    pthread_t t = start_thread(waiter, &w);
    CHECK(flag_wait(&trying, 1, T_WAIT));
    int asked = 0;
    double end = now_s() + T_WAIT;
    while (!(asked = Subinterp_DropRequested()) && now_s() < end) usleep(200);
    CHECK(asked);                                       /* the waiter waited one interval */
    CHECK(drop_requested(holder));                      /* the same bit, seen from C */
    CHECK_INT(aload(&w.in), 0);                         /* we still hold it */
    CHECK_INT(Py_MakePendingCalls(), 0);
    CHECK_INT(aload(&w.in), 1);                         /* it ran inside that one call */
    CHECK(PyThreadState_GetUnchecked() == holder);      /* and we are back */
    CHECK_INT(Subinterp_DropRequested(), 0);            /* the request was consumed */
    CHECK(switches_of(interp) >= s0 + 2);               /* it took the GIL, we took it back */
    astore(&w.holder_done, 1);
    join_detached(t);
    CHECK(w.saw_holder_looping);

    /* A loop of safe points: the waiter gets in while we are still looping. */
    flag_t trying2 = FLAG_INIT;
    waiter_t w2 = { waiter_ts, &trying2, 0, 0, 0 };
    t = start_thread(waiter, &w2);
    CHECK(flag_wait(&trying2, 1, T_WAIT));
    long calls = 0;
    int rc_ok = 1;
    end = now_s() + T_WAIT;
    while (!aload(&w2.in) && now_s() < end) {
        rc_ok &= Py_MakePendingCalls() == 0;
        calls++;
    }
    int got_in = aload(&w2.in);
    astore(&w2.holder_done, 1);
    join_detached(t);
    CHECK(got_in);
    CHECK(rc_ok);
    CHECK(w2.saw_holder_looping);
    CHECK(calls >= 1);
    CHECK(PyThreadState_GetUnchecked() == holder);
}

static void test_handover_main(void) {
    /* The main thread holds the main GIL; a thread Python never saw wants it. */
    handover_scenario(main_ts, NULL);
}

typedef struct { PyThreadState *holder; PyThreadState *waiter_ts; } own_args_t;

static void *own_holder(void *p) {
    own_args_t *a = p;
    PyEval_RestoreThread(a->holder);
    handover_scenario(a->holder, a->waiter_ts);
    PyEval_SaveThread();
    return NULL;
}

static void test_handover_own_gil(void) {
    /* Two threads of one own-GIL subinterpreter, neither of them the main thread, while the
     * main thread keeps holding the main GIL (so it is about A's GIL only). */
    PyThreadState *a = new_isolated();
    CHECK(a != NULL);
    if (!a) return;
    PyThreadState *a2 = PyThreadState_New(a->interp);
    CHECK(a2 != NULL);
    CHECK(PyThreadState_Swap(main_ts) == a);
    own_args_t args = { a, a2 };
    pthread_t t = start_thread(own_holder, &args);
    pthread_join(t, NULL);
    CHECK(PyThreadState_GetUnchecked() == main_ts);
    PyThreadState_Clear(a2);
    PyThreadState_Delete(a2);
    CHECK(PyThreadState_Swap(a) == main_ts);
    Py_EndInterpreter(a);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

/* ---- ping-pong: two looping threads keep handing the GIL to each other ----------------- */

#define PP_TURNS 5

typedef struct {
    PyThreadState *ts[2];
    int turns[2];
    int last;          /* who ran last (-1 none); only touched under the GIL */
    int ok[2];
} pingpong_t;

typedef struct { pingpong_t *pp; int me; } pp_arg_t;

static void *pingpong_thread(void *p) {
    pp_arg_t *a = p;
    pingpong_t *pp = a->pp;
    int me = a->me;
    PyEval_RestoreThread(pp->ts[me]);
    double end = now_s() + T_WAIT;
    while ((aload(&pp->turns[0]) < PP_TURNS || aload(&pp->turns[1]) < PP_TURNS) && now_s() < end) {
        if (aload(&pp->last) != me) {
            astore(&pp->last, me);
            ainc(&pp->turns[me]);
        }
        if (Py_MakePendingCalls() != 0) break;
    }
    pp->ok[me] = aload(&pp->turns[me]) >= PP_TURNS;
    PyEval_SaveThread();
    return NULL;
}

static void test_pingpong(void) {
    PyThreadState *a = new_isolated();
    CHECK(a != NULL);
    if (!a) return;
    CHECK_INT(Subinterp_SetSwitchInterval(a->interp, 1000), SUBINTERP_OK);  /* faster turns */
    pingpong_t pp = { { a, PyThreadState_New(a->interp) }, { 0, 0 }, -1, { 0, 0 } };
    CHECK(PyThreadState_Swap(main_ts) == a);
    uint64_t s0 = switches_of(a->interp);
    pp_arg_t a0 = { &pp, 0 }, a1 = { &pp, 1 };
    pthread_t t0 = start_thread(pingpong_thread, &a0), t1 = start_thread(pingpong_thread, &a1);
    pthread_join(t0, NULL);
    pthread_join(t1, NULL);
    CHECK(pp.ok[0] && pp.ok[1]);                        /* each ran >= 5 separate turns */
    CHECK(switches_of(a->interp) >= s0 + 2 * PP_TURNS);
    PyThreadState_Clear(pp.ts[1]);
    PyThreadState_Delete(pp.ts[1]);
    CHECK(PyThreadState_Swap(a) == main_ts);
    Py_EndInterpreter(a);
    CHECK(PyThreadState_Swap(main_ts) == NULL);
}

/* ---- drop requests are per GIL --------------------------------------------------------- */

typedef struct { PyThreadState *ts; flag_t *holds; flag_t *check; flag_t *go; int requested; } own_hold_t;

static void *own_hold(void *p) {
    own_hold_t *h = p;
    PyEval_RestoreThread(h->ts);
    flag_set(h->holds, 1);
    TCHECK(flag_wait(h->check, 1, T_WAIT));
    h->requested = Subinterp_DropRequested();   /* main's waiter must not bother us */
    flag_set(h->go, 1);
    PyEval_SaveThread();
    return NULL;
}

static void test_drop_request_per_gil(void) {
    PyThreadState *a = new_isolated();
    CHECK(a != NULL);
    if (!a) return;
    CHECK(PyThreadState_Swap(main_ts) == a);
    flag_t holds = FLAG_INIT, check = FLAG_INIT, go = FLAG_INIT;
    own_hold_t h = { a, &holds, &check, &go, -1 };
    pthread_t th = start_thread(own_hold, &h);
    CHECK(flag_wait(&holds, 1, T_WAIT));

    /* A thread wants the main GIL, which we hold. */
    flag_t trying = FLAG_INIT;
    waiter_t w = { NULL, &trying, 0, 0, 0 };
    pthread_t tw = start_thread(waiter, &w);
    CHECK(flag_wait(&trying, 1, T_WAIT));
    CHECK(wait_drop_request(main_ts, T_WAIT));
    CHECK_INT(Subinterp_DropRequested(), 1);
    CHECK(!drop_requested(a));                          /* A's holder was not asked */
    flag_set(&check, 1);
    CHECK(flag_wait(&go, 1, T_WAIT));
    CHECK_INT(h.requested, 0);
    pthread_join(th, NULL);
    CHECK_INT(Py_MakePendingCalls(), 0);                /* let the waiter through */
    CHECK_INT(aload(&w.in), 1);
    join_detached(tw);

    CHECK(PyThreadState_Swap(a) == main_ts);
    Py_EndInterpreter(a);
    CHECK(PyThreadState_Swap(main_ts) == NULL);

    /* No thread state: no request. */
    PyEval_SaveThread();
    CHECK_INT(Subinterp_DropRequested(), 0);
    PyEval_RestoreThread(main_ts);
}

int main(void) {
    watchdog(120);
    Py_Initialize();
    main_ts = PyThreadState_Get();

    test_switch_interval();
    test_gil_state();
    test_handover_main();
    test_handover_own_gil();
    test_pingpong();
    test_drop_request_per_gil();

    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
