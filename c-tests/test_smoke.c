/* Smoke test: the basic lifecycle works end to end. */
#include "test_util.h"

static flag_t a_holds = FLAG_INIT, b_holds = FLAG_INIT;

typedef struct { PyThreadState *ts; flag_t *mine; flag_t *other; int saw_other; } worker_t;

static void *worker(void *p) {
    worker_t *w = p;
    PyEval_RestoreThread(w->ts);          /* take this interpreter's GIL */
    flag_set(w->mine, 1);
    w->saw_other = flag_wait(w->other, 1, 10.0);  /* the other holds its GIL at the same time */
    PyEval_SaveThread();
    return NULL;
}

int main(void) {
    Py_Initialize();
    CHECK(Py_IsInitialized());
    PyThreadState *main_ts = PyThreadState_Get();
    CHECK_INT(PyInterpreterState_GetID(main_ts->interp), 0);

    PyInterpreterConfig cfg = _PyInterpreterConfig_INIT;
    PyThreadState *a = NULL, *b = NULL;
    PyStatus st = Py_NewInterpreterFromConfig(&a, &cfg);
    CHECK(!PyStatus_Exception(st));
    CHECK_INT(PyInterpreterState_GetID(a->interp), 1);
    PyEval_SaveThread();
    st = Py_NewInterpreterFromConfig(&b, &cfg);
    CHECK(!PyStatus_Exception(st));
    CHECK_INT(PyInterpreterState_GetID(b->interp), 2);
    PyEval_SaveThread();

    worker_t wa = { a, &a_holds, &b_holds, 0 }, wb = { b, &b_holds, &a_holds, 0 };
    pthread_t ta, tb;
    pthread_create(&ta, NULL, worker, &wa);
    pthread_create(&tb, NULL, worker, &wb);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    CHECK(wa.saw_other && wb.saw_other);

    PyThreadState_Swap(a);
    Py_EndInterpreter(a);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    PyThreadState_Swap(main_ts);
    CHECK_INT(Py_FinalizeEx(), 0);   /* b lingers: destroyed, as 3.13 does */
    CHECK(!Py_IsInitialized());

    Py_Initialize();
    CHECK_INT(PyInterpreterState_GetID(PyInterpreterState_Get()), 0);
    CHECK_INT(Py_FinalizeEx(), 0);
    return TEST_DONE();
}
