/*
 * sub_config.c: what an interpreter reports about its configuration (subinterp only):
 * Subinterp_GetInterpreterConfig gives back every field as given, with `gil` resolved
 * (DEFAULT -> SHARED), and _PyInterpreterState_HasFeature answers Py_RTFLAGS_* for each
 * field. Exhaustive over every accepted combination of the six flags and three GIL values.
 * Also: the main interpreter, Py_NewInterpreter (legacy), bare PyInterpreterState_New
 * interpreters, and the error codes.
 */
#include "lifecycle_util.h"

static const struct { unsigned long flag; const char *name; } FLAGS[] = {
    { Py_RTFLAGS_USE_MAIN_OBMALLOC, "USE_MAIN_OBMALLOC" },
    { Py_RTFLAGS_FORK, "FORK" },
    { Py_RTFLAGS_EXEC, "EXEC" },
    { Py_RTFLAGS_THREADS, "THREADS" },
    { Py_RTFLAGS_DAEMON_THREADS, "DAEMON_THREADS" },
    { Py_RTFLAGS_MULTI_INTERP_EXTENSIONS, "MULTI_INTERP_EXTENSIONS" },
};

static int field_of(const PyInterpreterConfig *c, int i) {
    switch (i) {
    case 0: return c->use_main_obmalloc;
    case 1: return c->allow_fork;
    case 2: return c->allow_exec;
    case 3: return c->allow_threads;
    case 4: return c->allow_daemon_threads;
    default: return c->check_multi_interp_extensions;
    }
}

static int configs_equal(const PyInterpreterConfig *a, const PyInterpreterConfig *b) {
    return a->use_main_obmalloc == b->use_main_obmalloc && a->allow_fork == b->allow_fork
        && a->allow_exec == b->allow_exec && a->allow_threads == b->allow_threads
        && a->allow_daemon_threads == b->allow_daemon_threads
        && a->check_multi_interp_extensions == b->check_multi_interp_extensions && a->gil == b->gil;
}

static void print_cfg(const char *label, const PyInterpreterConfig *c) {
    fprintf(stderr, "  %s: obmalloc=%d fork=%d exec=%d threads=%d daemon=%d check_multi=%d gil=%d\n", label,
            c->use_main_obmalloc, c->allow_fork, c->allow_exec, c->allow_threads, c->allow_daemon_threads,
            c->check_multi_interp_extensions, c->gil);
}

/* Checks what `interp` reports against `want` (gil already resolved). */
static void check_reports(PyInterpreterState *interp, const PyInterpreterConfig *want, int line) {
    PyInterpreterConfig got;
    memset(&got, 0xab, sizeof got);
    int rc = Subinterp_GetInterpreterConfig(interp, &got);
    int ok = rc == SUBINTERP_OK && configs_equal(&got, want);
    unsigned long all = 0;
    for (int i = 0; i < 6; i++) {
        int has = _PyInterpreterState_HasFeature(interp, FLAGS[i].flag);
        if (has != (field_of(want, i) != 0)) {
            ok = 0;
            fprintf(stderr, "  HasFeature(%s) == %d\n", FLAGS[i].name, has);
        }
        if (field_of(want, i)) all |= FLAGS[i].flag;
    }
    /* all the set bits together; any unset bit added makes it 0 */
    if (!_PyInterpreterState_HasFeature(interp, all)) { ok = 0; fprintf(stderr, "  HasFeature(all set) == 0\n"); }
    for (int i = 0; i < 6; i++) {
        if (!field_of(want, i) && _PyInterpreterState_HasFeature(interp, all | FLAGS[i].flag)) {
            ok = 0;
            fprintf(stderr, "  HasFeature(all set | %s) == 1\n", FLAGS[i].name);
        }
    }
    if (ok) { t_passed++; }
    else {
        t_failed++;
        fprintf(stderr, "FAIL %s:%d: interpreter reports a different configuration (rc %d)\n", __FILE__, line, rc);
        print_cfg("want", want);
        print_cfg("got ", &got);
    }
}
#define CHECK_REPORTS(interp, want) check_reports((interp), (want), __LINE__)

static PyThreadState *main_ts;

static void test_main_interpreter(void) {
    /* the legacy settings, with its own GIL */
    PyInterpreterConfig want = _PyInterpreterConfig_LEGACY_INIT;
    want.gil = PyInterpreterConfig_OWN_GIL;
    CHECK_REPORTS(main_ts->interp, &want);
    CHECK_REPORTS(PyInterpreterState_Main(), &want);
}

static void test_legacy_new_interpreter(void) {
    PyThreadState *s = Py_NewInterpreter();
    CHECK(s != NULL);
    CHECK(PyThreadState_GetUnchecked() == s);
    PyInterpreterConfig want = _PyInterpreterConfig_LEGACY_INIT;
    CHECK_REPORTS(s->interp, &want);
    Py_EndInterpreter(s);
    PyThreadState_Swap(main_ts);

    /* from a sub, Py_NewInterpreter is still legacy */
    PyThreadState *iso = new_sub(isolated_cfg());
    s = Py_NewInterpreter();
    CHECK_REPORTS(s->interp, &want);
    Py_EndInterpreter(s);
    PyThreadState_Swap(iso);
    PyInterpreterConfig want_iso = _PyInterpreterConfig_INIT;
    CHECK_REPORTS(iso->interp, &want_iso);
    Py_EndInterpreter(iso);
    PyThreadState_Swap(main_ts);
}

static void test_every_combination(void) {
    static const int gils[] = { PyInterpreterConfig_DEFAULT_GIL, PyInterpreterConfig_SHARED_GIL,
                                PyInterpreterConfig_OWN_GIL };
    int made = 0;
    for (int bits = 0; bits < 64; bits++) {
        for (int g = 0; g < 3; g++) {
            PyInterpreterConfig cfg = {
                .use_main_obmalloc = (bits >> 0) & 1,
                .allow_fork = (bits >> 1) & 1,
                .allow_exec = (bits >> 2) & 1,
                .allow_threads = (bits >> 3) & 1,
                .allow_daemon_threads = (bits >> 4) & 1,
                .check_multi_interp_extensions = (bits >> 5) & 1,
                .gil = gils[g],
            };
            PyThreadState *ts = NULL;
            PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
            if (!cfg.use_main_obmalloc && !cfg.check_multi_interp_extensions) {
                CHECK(PyStatus_IsError(st) && ts == NULL);
                CHECK(PyThreadState_GetUnchecked() == main_ts);
                continue;
            }
            CHECK(!PyStatus_Exception(st) && ts != NULL);
            if (ts == NULL) continue;
            made++;
            PyInterpreterConfig want = cfg;
            if (want.gil == PyInterpreterConfig_DEFAULT_GIL) want.gil = PyInterpreterConfig_SHARED_GIL;
            CHECK_REPORTS(ts->interp, &want);
            /* the reports do not depend on what is attached */
            PyThreadState_Swap(main_ts);
            CHECK_REPORTS(ts->interp, &want);
            PyThreadState_Swap(NULL);
            CHECK_REPORTS(ts->interp, &want);
            PyThreadState_Swap(ts);
            Py_EndInterpreter(ts);
            PyThreadState_Swap(main_ts);
        }
    }
    CHECK_INT(made, 48 * 3);
}

/* Values other than 0/1 are "true" for the flags. */
static void test_nonboolean_values(void) {
    PyInterpreterConfig cfg = { .use_main_obmalloc = 7, .allow_fork = 2, .allow_exec = 0, .allow_threads = -1,
                                .allow_daemon_threads = 0, .check_multi_interp_extensions = 5,
                                .gil = PyInterpreterConfig_OWN_GIL };
    PyThreadState *ts = new_sub(cfg);
    CHECK(ts != NULL);
    if (ts == NULL) return;
    CHECK_INT(_PyInterpreterState_HasFeature(ts->interp, Py_RTFLAGS_USE_MAIN_OBMALLOC), 1);
    CHECK_INT(_PyInterpreterState_HasFeature(ts->interp, Py_RTFLAGS_FORK), 1);
    CHECK_INT(_PyInterpreterState_HasFeature(ts->interp, Py_RTFLAGS_EXEC), 0);
    CHECK_INT(_PyInterpreterState_HasFeature(ts->interp, Py_RTFLAGS_THREADS), 1);
    CHECK_INT(_PyInterpreterState_HasFeature(ts->interp, Py_RTFLAGS_DAEMON_THREADS), 0);
    CHECK_INT(_PyInterpreterState_HasFeature(ts->interp, Py_RTFLAGS_MULTI_INTERP_EXTENSIONS), 1);
    PyInterpreterConfig got;
    CHECK_INT(Subinterp_GetInterpreterConfig(ts->interp, &got), SUBINTERP_OK);
    CHECK_INT(got.gil, PyInterpreterConfig_OWN_GIL);
    CHECK(got.use_main_obmalloc != 0 && got.allow_fork != 0 && got.allow_exec == 0);
    Py_EndInterpreter(ts);
    PyThreadState_Swap(main_ts);
}

/* PyInterpreterState_New: its own GIL, legacy feature flags (documented). */
static void test_bare_interpreter(void) {
    PyInterpreterState *raw = PyInterpreterState_New();
    CHECK(raw != NULL);
    PyInterpreterConfig want = _PyInterpreterConfig_LEGACY_INIT;
    want.gil = PyInterpreterConfig_OWN_GIL;
    CHECK_REPORTS(raw, &want);
    PyInterpreterState_Delete(raw);
}

static void test_errors(void) {
    PyInterpreterConfig out, untouched;
    memset(&out, 0x5c, sizeof out);
    untouched = out;
    CHECK_INT(Subinterp_GetInterpreterConfig(NULL, &out), SUBINTERP_ERR_NULL_ARGUMENT);
    CHECK_INT(Subinterp_GetInterpreterConfig(main_ts->interp, NULL), SUBINTERP_ERR_NULL_ARGUMENT);
    PyThreadState *s = new_sub(isolated_cfg());
    PyInterpreterState *gone = s->interp;
    Py_EndInterpreter(s);
    PyThreadState_Swap(main_ts);
    CHECK_INT(Subinterp_GetInterpreterConfig(gone, &out), SUBINTERP_ERR_INVALID_INTERPRETER);
    static _Alignas(64) unsigned char junk[256];
    CHECK_INT(Subinterp_GetInterpreterConfig((PyInterpreterState *)junk, &out), SUBINTERP_ERR_INVALID_INTERPRETER);
    CHECK(memcmp(&out, &untouched, sizeof out) == 0);   /* written only on success */
    CHECK_INT(_PyInterpreterState_HasFeature(gone, Py_RTFLAGS_THREADS), 0);
    CHECK_INT(_PyInterpreterState_HasFeature(NULL, Py_RTFLAGS_THREADS), 0);
    CHECK_INT(_PyInterpreterState_HasFeature(NULL, 0), 0);
    /* no bits asked: every one of them is set */
    CHECK_INT(_PyInterpreterState_HasFeature(main_ts->interp, 0), 1);
}

/* Ours: NULL arguments give a status where CPython dereferences them. The caller's thread
   state stays attached. */
static void test_null_arguments(int initialized) {
    PyInterpreterConfig cfg = isolated_cfg();
    PyThreadState *before = PyThreadState_GetUnchecked();
    PyStatus st = Py_NewInterpreterFromConfig(NULL, &cfg);
    CHECK_INT(st._type, _PyStatus_TYPE_ERROR);
    CHECK_STR(st.func, "Py_NewInterpreterFromConfig");
    CHECK_STR(st.err_msg, "tstate_p must not be NULL");
    CHECK(PyThreadState_GetUnchecked() == before);
    PyThreadState *ts = (PyThreadState *)(uintptr_t)0x1234;
    st = Py_NewInterpreterFromConfig(&ts, NULL);
    CHECK_INT(st._type, _PyStatus_TYPE_ERROR);
    if (initialized) {
        CHECK_STR(st.func, "Py_NewInterpreterFromConfig");
        CHECK_STR(st.err_msg, "config must not be NULL");
        CHECK(ts == NULL);
    } else {
        CHECK_STR(st.func, "new_interpreter");
        CHECK_STR(st.err_msg, "Py_Initialize must be called first");
        CHECK(ts == (PyThreadState *)(uintptr_t)0x1234);
    }
    CHECK(PyThreadState_GetUnchecked() == before);
    if (before) {
        CHECK(PyEval_SaveThread() == before);
        PyEval_RestoreThread(before);
    }
}

int main(void) {
    PyInterpreterConfig out;
    /* before initialization there is nothing to ask */
    CHECK_INT(Subinterp_GetInterpreterConfig(NULL, &out), SUBINTERP_ERR_NULL_ARGUMENT);
    test_null_arguments(0);

    Py_Initialize();
    main_ts = PyThreadState_Get();
    test_null_arguments(1);
    test_main_interpreter();
    test_legacy_new_interpreter();
    test_every_combination();
    test_nonboolean_values();
    test_bare_interpreter();
    test_errors();
    PyInterpreterState *old_main = main_ts->interp;
    CHECK_INT(Py_FinalizeEx(), 0);
    CHECK_INT(Subinterp_GetInterpreterConfig(old_main, &out), SUBINTERP_ERR_INVALID_INTERPRETER);
    return TEST_DONE();
}
