/*
 * config_util.h: checks shared by the configuration tests (test_config*.c, sub_config.c).
 */
#ifndef CONFIG_UTIL_H
#define CONFIG_UTIL_H

#include "test_util.h"
#include <wchar.h>

/* Py_GetPath and friends are deprecated in 3.13 but still part of the API under test. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

#define CHECK_WSTR(got, want) do { \
    const wchar_t *_g = (got), *_w = (want); \
    if (_g != NULL && _w != NULL && wcscmp(_g, _w) == 0) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: %s == \"%ls\", expected \"%ls\"\n", \
                               __FILE__, __LINE__, #got, _g ? _g : L"(null)", _w ? _w : L"(null)"); } \
} while (0)

#define CHECK_OK(st) do { \
    PyStatus _s = (st); \
    if (!PyStatus_Exception(_s)) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: %s failed: type %d exit %d func %s: %s\n", \
                               __FILE__, __LINE__, #st, (int)_s._type, _s.exitcode, \
                               _s.func ? _s.func : "(null)", _s.err_msg ? _s.err_msg : "(null)"); } \
} while (0)

/* An error status with this function name (NULL: none) and message. */
#define CHECK_ERR(st, want_func, want_msg) do { \
    PyStatus _e = (st); \
    const char *_wf = (want_func); \
    CHECK(PyStatus_IsError(_e)); \
    CHECK(!PyStatus_IsExit(_e)); \
    if (_wf == NULL) { CHECK(_e.func == NULL); } else { CHECK_STR(_e.func, _wf); } \
    CHECK_STR(_e.err_msg, (want_msg)); \
} while (0)

static inline void check_list(const char *what, const PyWideStringList *l, int n, const wchar_t *const *want) {
    if (l->length != n) {
        t_failed++;
        fprintf(stderr, "FAIL %s: length %zd, expected %d:", what, l->length, n);
        for (Py_ssize_t i = 0; i < l->length; i++) fprintf(stderr, " '%ls'", l->items[i]);
        fprintf(stderr, "\n");
        return;
    }
    t_passed++;
    for (int i = 0; i < n; i++) {
        if (wcscmp(l->items[i], want[i]) == 0) { t_passed++; }
        else { t_failed++; fprintf(stderr, "FAIL %s[%d] == '%ls', expected '%ls'\n", what, i, l->items[i], want[i]); }
    }
}
#define CHECK_LIST(l, ...) do { \
    const wchar_t *const _items[] = { __VA_ARGS__ }; \
    check_list(#l, &(l), (int)(sizeof _items / sizeof _items[0]), _items); \
} while (0)

/* Runs fn in a child; its checks count there, so the child exits 1 if any failed. */
typedef struct { void (*fn)(void); } child_fn;

static inline void child_trampoline(void *arg) {
    t_passed = t_failed = 0;   /* count the child's own checks only */
    ((child_fn *)arg)->fn();
    fflush(NULL);
    _exit(t_failed ? 1 : 0);
}

static inline child_result in_child(void (*fn)(void)) {
    child_fn c = { fn };
    return run_in_child(child_trampoline, &c, 30);
}

/* The child passed all its checks and exited normally. */
#define CHECK_CHILD(res) do { \
    child_result _c = (res); \
    if (!_c.signaled && _c.code == 0) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: child %s %d; its stderr:\n%s\n", __FILE__, __LINE__, \
                               _c.signaled ? "killed by signal" : "exited with", _c.code, _c.err); } \
} while (0)

#define CHECK_CONTAINS(hay, needle) do { \
    if (strstr((hay), (needle)) != NULL) { t_passed++; } \
    else { t_failed++; fprintf(stderr, "FAIL %s:%d: output lacks \"%s\"; it was:\n%s\n", \
                               __FILE__, __LINE__, (needle), (hay)); } \
} while (0)

static inline void clean_environment(void) {
    extern char **environ;
    for (int again = 1; again;) {
        again = 0;
        for (char **e = environ; *e; e++) {
            if (strncmp(*e, "PYTHON", 6) == 0 || strncmp(*e, "SUBINTERP_PATH=", 15) == 0) {
                char name[256];
                size_t n = strcspn(*e, "=");
                if (n >= sizeof name) continue;
                memcpy(name, *e, n);
                name[n] = '\0';
                unsetenv(name);
                again = 1;
                break;
            }
        }
    }
}

/* CPython's usage lines after a command-line error, for a program named "prog". */
#define USAGE "usage: prog [option] ... [-c cmd | -m mod | file | -] [arg] ...\n" \
              "Try `python -h' for more information.\n"

#endif /* CONFIG_UTIL_H */
