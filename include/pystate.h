/* pystate.h: thread states and the GIL state (the functions are in subinterp.h). */
#ifndef Py_PYSTATE_H
#define Py_PYSTATE_H
#ifdef __cplusplus
extern "C" {
#endif

/*
 * The public head of a thread state, laid out as CPython 3.13's `struct _ts` begins, so
 * code reading `tstate->interp` (or walking prev/next) works. The rest is private to the
 * runtime; C never allocates a thread state itself.
 */
struct _ts {
    PyThreadState *prev;        /* older thread state of the same interpreter */
    PyThreadState *next;        /* newer one, or NULL (the list is newest first) */
    PyInterpreterState *interp; /* the interpreter it belongs to */
    uintptr_t eval_breaker;     /* _PY_*_BIT requests to leave the fast path */
    unsigned int _status;       /* private bookkeeping */
    int _whence;                /* _PyThreadState_WHENCE_* */
    int state;                  /* _Py_THREAD_DETACHED or _Py_THREAD_ATTACHED */
};

#define _Py_THREAD_DETACHED 0
#define _Py_THREAD_ATTACHED 1

#define _PyThreadState_WHENCE_UNKNOWN 0
#define _PyThreadState_WHENCE_INIT 1
#define _PyThreadState_WHENCE_FINI 2
#define _PyThreadState_WHENCE_THREADING 3
#define _PyThreadState_WHENCE_GILSTATE 4
#define _PyThreadState_WHENCE_EXEC 5

/* Eval-breaker bits (CPython 3.13 values and types). */
#define _PY_GIL_DROP_REQUEST_BIT (1U << 0)
#define _PY_SIGNALS_PENDING_BIT (1U << 1)
#define _PY_CALLS_TO_DO_BIT (1U << 2)
#define _PY_ASYNC_EXCEPTION_BIT (1U << 3)
#define _PY_GC_SCHEDULED_BIT (1U << 4)
#define _PY_EVAL_PLEASE_STOP_BIT (1U << 5)

/* What PyGILState_Ensure returns (CPython's enum, as an int). */
typedef int PyGILState_STATE;
#define PyGILState_LOCKED 0
#define PyGILState_UNLOCKED 1

/* CPython's historical spelling. */
#define PyThreadState_GET() PyThreadState_Get()

#ifdef __cplusplus
}
#endif
#endif /* !Py_PYSTATE_H */
