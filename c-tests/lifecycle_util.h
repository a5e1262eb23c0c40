/*
 * lifecycle_util.h: helpers shared by the lifecycle tests (test_lifecycle.c, test_ids.c,
 * test_config.c, test_status.c, test_fatal.c, test_atexit.c, test_tstate.c, sub_*.c).
 * Builds against our headers and CPython 3.13's alike. Include after test_util.h.
 */
#ifndef LIFECYCLE_UTIL_H
#define LIFECYCLE_UTIL_H

#include "test_util.h"

/* _PyInterpreterConfig_INIT / _LEGACY_INIT as values (the macros are initializers). */
static inline PyInterpreterConfig isolated_cfg(void) {
    PyInterpreterConfig c = _PyInterpreterConfig_INIT;
    return c;
}

static inline PyInterpreterConfig legacy_cfg(void) {
    PyInterpreterConfig c = _PyInterpreterConfig_LEGACY_INIT;
    return c;
}

/* Creates a subinterpreter (the new thread state is left attached) or returns NULL. */
static inline PyThreadState *new_sub(PyInterpreterConfig cfg) {
    PyThreadState *ts = NULL;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
    if (PyStatus_Exception(st)) {
        fprintf(stderr, "new_sub: %s: %s\n", st.func ? st.func : "(null)", st.err_msg ? st.err_msg : "(null)");
        return NULL;
    }
    return ts;
}

/* Ends `sub` from wherever we are: attaches it, ends it, then attaches `back` (may be NULL). */
static inline void end_sub(PyThreadState *sub, PyThreadState *back) {
    PyThreadState_Swap(sub);
    Py_EndInterpreter(sub);
    if (back != NULL) PyThreadState_Swap(back);
}

/* The interpreter IDs from PyInterpreterState_Head()/Next(), newest first; returns the count. */
static inline int list_interp_ids(long long *ids, int max) {
    int n = 0;
    for (PyInterpreterState *i = PyInterpreterState_Head(); i != NULL && n < max; i = PyInterpreterState_Next(i))
        ids[n++] = (long long)PyInterpreterState_GetID(i);
    return n;
}

/* Checks that Head()/Next() gives exactly the IDs listed (newest first), e.g. CHECK_IDS(2, 1, 0). */
#define CHECK_IDS(...) do { \
    long long _want[] = { __VA_ARGS__ }; \
    long long _got[64]; \
    int _nw = (int)(sizeof _want / sizeof _want[0]); \
    int _ng = list_interp_ids(_got, 64); \
    int _same = _ng == _nw; \
    for (int _i = 0; _same && _i < _nw; _i++) _same = _got[_i] == _want[_i]; \
    if (_same) { t_passed++; } \
    else { \
        t_failed++; \
        fprintf(stderr, "FAIL %s:%d: interpreter IDs (Head/Next) are [", __FILE__, __LINE__); \
        for (int _i = 0; _i < _ng; _i++) fprintf(stderr, "%s%lld", _i ? "," : "", _got[_i]); \
        fprintf(stderr, "], expected [%s]\n", #__VA_ARGS__); \
    } \
} while (0)

/*
 * The exact head of CPython's fatal-error report (RESULTS.md §0):
 *   "Fatal Python error: MSG\nPython runtime state: STATE\n\n"
 * where MSG already includes any "func: " prefix.
 */
static inline int fatal_head_matches(const char *err, const char *msg, const char *state) {
    char want[2048];
    snprintf(want, sizeof want, "Fatal Python error: %s\nPython runtime state: %s\n\n", msg, state);
    return strncmp(err, want, strlen(want)) == 0;
}

/* The child aborted (SIGABRT) and its stderr starts with exactly the report for MSG/STATE. */
#define CHECK_FATAL_HEAD(res, msg, state) do { \
    const child_result *_fr = &(res); \
    if (_fr->signaled && _fr->code == SIGABRT) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: child ended with %s %d, expected SIGABRT\n", \
                               __FILE__, __LINE__, _fr->signaled ? "signal" : "exit", _fr->code); } \
    if (fatal_head_matches(_fr->err, (msg), (state))) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: stderr does not start with \"Fatal Python error: %s\\n" \
                               "Python runtime state: %s\\n\\n\"; it was:\n%s\n", \
                               __FILE__, __LINE__, (msg), (state), _fr->err); } \
} while (0)

/* The child exited normally with `code` (no signal). */
#define CHECK_EXITED(res, want_code) do { \
    const child_result *_er = &(res); \
    if (!_er->signaled && _er->code == (want_code)) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: child ended with %s %d, expected exit %d; stderr:\n%s\n", \
                               __FILE__, __LINE__, _er->signaled ? "signal" : "exit", _er->code, \
                               (want_code), _er->err); } \
} while (0)

/* stderr was exactly `want` (use for reports with no thread dump, e.g. before Py_Initialize). */
#define CHECK_STDERR_IS(res, want) do { \
    const child_result *_sr = &(res); \
    if (strcmp(_sr->err, (want)) == 0) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: stderr was:\n---\n%s---\nexpected:\n---\n%s---\n", \
                               __FILE__, __LINE__, _sr->err, (want)); } \
} while (0)

/* stderr contains `want`. */
#define CHECK_STDERR_HAS(res, want) do { \
    const child_result *_hr = &(res); \
    if (strstr(_hr->err, (want)) != NULL) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: stderr lacks \"%s\"; it was:\n%s\n", \
                               __FILE__, __LINE__, (want), _hr->err); } \
} while (0)

/* stderr does not contain `bad`. */
#define CHECK_STDERR_LACKS(res, bad) do { \
    const child_result *_lr = &(res); \
    if (strstr(_lr->err, (bad)) == NULL) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: stderr has \"%s\"; it was:\n%s\n", \
                               __FILE__, __LINE__, (bad), _lr->err); } \
} while (0)

/*
 * The thread-dump block CPython prints for the calling thread:
 *   "Current thread 0x%016lx (most recent call first):\n  <no Python frame>\n"
 * A forked child's main thread keeps the parent's pthread_t, so the parent can compute it.
 */
static inline const char *current_thread_block(void) {
    static char buf[128];
    snprintf(buf, sizeof buf, "Current thread 0x%016lx (most recent call first):\n  <no Python frame>\n",
             (unsigned long)pthread_self());
    return buf;
}

#endif /* LIFECYCLE_UTIL_H */
