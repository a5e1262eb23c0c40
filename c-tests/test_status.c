/*
 * test_status.c: PyStatus constructors and predicates, and Py_ExitStatusException
 * (RESULTS.md §1i). The exit paths run in forked children.
 */
#include "lifecycle_util.h"

static void check_constructors(void) {
    PyStatus ok = PyStatus_Ok();
    CHECK_INT(ok._type, _PyStatus_TYPE_OK);
    CHECK_INT(ok._type, 0);
    CHECK(ok.func == NULL);
    CHECK(ok.err_msg == NULL);
    CHECK_INT(ok.exitcode, 0);

    static const char custom[] = "custom error";
    PyStatus err = PyStatus_Error(custom);
    CHECK_INT(err._type, _PyStatus_TYPE_ERROR);
    CHECK_INT(err._type, 1);
    CHECK(err.func == NULL);            /* the public constructor names no function */
    CHECK(err.err_msg == custom);       /* not copied */
    CHECK_INT(err.exitcode, 0);

    PyStatus nomem = PyStatus_NoMemory();
    CHECK_INT(nomem._type, _PyStatus_TYPE_ERROR);
    CHECK(nomem.func == NULL);
    CHECK_STR(nomem.err_msg, "memory allocation failed");
    CHECK_INT(nomem.exitcode, 0);

    PyStatus ex = PyStatus_Exit(3);
    CHECK_INT(ex._type, _PyStatus_TYPE_EXIT);
    CHECK_INT(ex._type, 2);
    CHECK(ex.func == NULL);
    CHECK(ex.err_msg == NULL);
    CHECK_INT(ex.exitcode, 3);

    PyStatus ex0 = PyStatus_Exit(0);
    CHECK_INT(ex0._type, _PyStatus_TYPE_EXIT);
    CHECK_INT(ex0.exitcode, 0);
    PyStatus exneg = PyStatus_Exit(-7);
    CHECK_INT(exneg.exitcode, -7);

    /* predicates */
    CHECK_INT(PyStatus_IsError(err), 1);
    CHECK_INT(PyStatus_IsError(nomem), 1);
    CHECK_INT(PyStatus_IsError(ex), 0);
    CHECK_INT(PyStatus_IsError(ex0), 0);
    CHECK_INT(PyStatus_IsError(ok), 0);

    CHECK_INT(PyStatus_IsExit(err), 0);
    CHECK_INT(PyStatus_IsExit(nomem), 0);
    CHECK_INT(PyStatus_IsExit(ex), 1);
    CHECK_INT(PyStatus_IsExit(ex0), 1);     /* exit(0) is still an exit status */
    CHECK_INT(PyStatus_IsExit(ok), 0);

    CHECK_INT(PyStatus_Exception(err), 1);
    CHECK_INT(PyStatus_Exception(nomem), 1);
    CHECK_INT(PyStatus_Exception(ex), 1);
    CHECK_INT(PyStatus_Exception(ex0), 1);
    CHECK_INT(PyStatus_Exception(ok), 0);

    /* a hand-made status is judged by its _type only */
    PyStatus hand = { ._type = _PyStatus_TYPE_ERROR, .func = "some_func", .err_msg = "x", .exitcode = 9 };
    CHECK_INT(PyStatus_IsError(hand), 1);
    CHECK_INT(PyStatus_IsExit(hand), 0);
    CHECK_INT(PyStatus_Exception(hand), 1);
}

/* Children: arg selects the status; the low bit of `init` whether Py_Initialize ran. */
enum { S_ERROR, S_ERROR_FUNC, S_NOMEM, S_EXIT3, S_EXIT0, S_OK };

typedef struct { int which; int init; } exit_case;

static void c_exit_status(void *p) {
    exit_case *c = p;
    if (c->init) Py_Initialize();
    PyStatus st;
    switch (c->which) {
    case S_ERROR: st = PyStatus_Error("custom error"); break;
    case S_ERROR_FUNC: st = PyStatus_Error("custom error"); st.func = "some_func"; break;
    case S_NOMEM: st = PyStatus_NoMemory(); break;
    case S_EXIT3: st = PyStatus_Exit(3); break;
    case S_EXIT0: st = PyStatus_Exit(0); break;
    default: st = PyStatus_Ok(); break;
    }
    Py_ExitStatusException(st);
    fprintf(stderr, "UNREACHABLE\n");
    _exit(77);
}

int main(void) {
    check_constructors();

    const char *cur_block = current_thread_block();
    child_result r;
    exit_case c;

    /* Error statuses: the fatal report, then exit(1) (not abort). */
    c = (exit_case){ S_ERROR, 1 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK_EXITED(r, 1);
    CHECK(fatal_head_matches(r.err, "custom error", "initialized"));
    CHECK_STDERR_HAS(r, cur_block);

    c = (exit_case){ S_ERROR, 0 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK_EXITED(r, 1);
    CHECK_STDERR_IS(r, "Fatal Python error: custom error\nPython runtime state: unknown\n\n");

    c = (exit_case){ S_ERROR_FUNC, 1 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK_EXITED(r, 1);
    CHECK(fatal_head_matches(r.err, "some_func: custom error", "initialized"));

    c = (exit_case){ S_ERROR_FUNC, 0 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK_EXITED(r, 1);
    CHECK_STDERR_IS(r, "Fatal Python error: some_func: custom error\nPython runtime state: unknown\n\n");

    c = (exit_case){ S_NOMEM, 1 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK_EXITED(r, 1);
    CHECK(fatal_head_matches(r.err, "memory allocation failed", "initialized"));
    CHECK_STDERR_HAS(r, cur_block);

    c = (exit_case){ S_NOMEM, 0 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK_EXITED(r, 1);
    CHECK_STDERR_IS(r, "Fatal Python error: memory allocation failed\nPython runtime state: unknown\n\n");

    /* Exit statuses: exit(exitcode) silently, initialized or not. */
    for (int init = 0; init <= 1; init++) {
        c = (exit_case){ S_EXIT3, init };
        r = run_in_child(c_exit_status, &c, 10);
        CHECK_EXITED(r, 3);
        CHECK_STDERR_IS(r, "");
        c = (exit_case){ S_EXIT0, init };
        r = run_in_child(c_exit_status, &c, 10);
        CHECK_EXITED(r, 0);
        CHECK_STDERR_IS(r, "");
    }

    /* A success status is a fatal error (abort), with no function prefix. */
    c = (exit_case){ S_OK, 0 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK(r.signaled && r.code == SIGABRT);
    CHECK_STDERR_IS(r, "Fatal Python error: Py_ExitStatusException() must not be called on success\n"
                       "Python runtime state: unknown\n\n");
    c = (exit_case){ S_OK, 1 };
    r = run_in_child(c_exit_status, &c, 10);
    CHECK_FATAL_HEAD(r, "Py_ExitStatusException() must not be called on success", "initialized");
    CHECK_STDERR_HAS(r, cur_block);

    return TEST_DONE();
}
