/*
 * test_config.c: PyInterpreterConfig and Py_NewInterpreterFromConfig (PEP 684;
 * RESULTS.md §2): the presets, every accepted and rejected combination with CPython 3.13's
 * exact status, what is attached afterwards, creation from a thread with no thread state
 * and from another sub, and what `gil` does (OWN runs in parallel, SHARED/DEFAULT do not).
 * What each field is reported as lives in sub_config.c.
 */
#include "lifecycle_util.h"

static PyThreadState *main_ts;

static void test_presets(void) {
    CHECK_INT(PyInterpreterConfig_DEFAULT_GIL, 0);
    CHECK_INT(PyInterpreterConfig_SHARED_GIL, 1);
    CHECK_INT(PyInterpreterConfig_OWN_GIL, 2);

    PyInterpreterConfig iso = _PyInterpreterConfig_INIT;
    CHECK_INT(iso.use_main_obmalloc, 0);
    CHECK_INT(iso.allow_fork, 0);
    CHECK_INT(iso.allow_exec, 0);
    CHECK_INT(iso.allow_threads, 1);
    CHECK_INT(iso.allow_daemon_threads, 0);
    CHECK_INT(iso.check_multi_interp_extensions, 1);
    CHECK_INT(iso.gil, PyInterpreterConfig_OWN_GIL);

    PyInterpreterConfig leg = _PyInterpreterConfig_LEGACY_INIT;
    CHECK_INT(leg.use_main_obmalloc, 1);
    CHECK_INT(leg.allow_fork, 1);
    CHECK_INT(leg.allow_exec, 1);
    CHECK_INT(leg.allow_threads, 1);
    CHECK_INT(leg.allow_daemon_threads, 1);
    CHECK_INT(leg.check_multi_interp_extensions, 0);
    CHECK_INT(_PyInterpreterConfig_LEGACY_CHECK_MULTI_INTERP_EXTENSIONS, 0);
    CHECK_INT(leg.gil, PyInterpreterConfig_SHARED_GIL);

    /* the field order is CPython's (code that initializes positionally depends on it) */
    PyInterpreterConfig pos = { 1, 2, 3, 4, 5, 6, 7 };
    CHECK_INT(pos.use_main_obmalloc, 1);
    CHECK_INT(pos.allow_fork, 2);
    CHECK_INT(pos.allow_exec, 3);
    CHECK_INT(pos.allow_threads, 4);
    CHECK_INT(pos.allow_daemon_threads, 5);
    CHECK_INT(pos.check_multi_interp_extensions, 6);
    CHECK_INT(pos.gil, 7);
    CHECK_INT(sizeof(PyInterpreterConfig), 7 * sizeof(int));
}

/* Before Py_Initialize and after Py_FinalizeEx: an error status, *tstate_p untouched. */
static void check_not_initialized(const char *when) {
    for (int legacy = 0; legacy <= 1; legacy++) {
        PyInterpreterConfig cfg = legacy ? legacy_cfg() : isolated_cfg();
        PyThreadState *sentinel = (PyThreadState *)(uintptr_t)0x1234;
        PyThreadState *ts = sentinel;
        PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
        CHECK_INT(st._type, _PyStatus_TYPE_ERROR);
        CHECK_STR(st.func, "new_interpreter");
        CHECK_STR(st.err_msg, "Py_Initialize must be called first");
        CHECK_INT(st.exitcode, 0);
        if (ts != sentinel) fprintf(stderr, "  (%s)\n", when);
        CHECK(ts == sentinel);
        CHECK(PyThreadState_GetUnchecked() == NULL);
    }
}

/* A rejected config: the exact status, *tstate_p NULL, the caller's thread state attached
   again and usable (3.13; on 3.12 the GIL was not really re-taken). */
static void check_rejected(PyInterpreterConfig cfg, const char *msg, int line) {
    PyThreadState *before = PyThreadState_GetUnchecked();
    PyThreadState *ts = (PyThreadState *)(uintptr_t)0x1234;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
    int ok = 1;
    ok &= st._type == _PyStatus_TYPE_ERROR;
    ok &= st.func != NULL && strcmp(st.func, "init_interp_settings") == 0;
    ok &= st.err_msg != NULL && strcmp(st.err_msg, msg) == 0;
    ok &= st.exitcode == 0;
    ok &= PyStatus_IsError(st) && !PyStatus_IsExit(st) && PyStatus_Exception(st);
    ok &= ts == NULL;
    ok &= PyThreadState_GetUnchecked() == before;
    if (before != NULL) {
        /* the re-attached thread state really holds its GIL: release and take it back */
        PyThreadState *saved = PyEval_SaveThread();
        ok &= saved == before;
        ok &= PyThreadState_GetUnchecked() == NULL;
        PyEval_RestoreThread(saved);
        ok &= PyThreadState_GetUnchecked() == before;
        ok &= PyThreadState_Swap(NULL) == before;
        ok &= PyThreadState_Swap(before) == NULL;
    }
    if (ok) { t_passed++; }
    else {
        t_failed++;
        fprintf(stderr, "FAIL %s:%d: rejected config: status (%d, %s, %s, %d), *tstate_p %p, attached %p (was %p); "
                "expected (1, init_interp_settings, %s, 0), NULL, the caller's\n", __FILE__, line, st._type,
                st.func ? st.func : "(null)", st.err_msg ? st.err_msg : "(null)", st.exitcode, (void *)ts,
                (void *)PyThreadState_GetUnchecked(), (void *)before, msg);
    }
}
#define CHECK_REJECTED(cfg, msg) check_rejected((cfg), (msg), __LINE__)

#define OBMALLOC_MSG "per-interpreter obmalloc does not support single-phase init extension modules"
#define GIL_MSG "invalid interpreter config 'gil' value"

static void test_rejected(void) {
    PyInterpreterConfig c;

    c = isolated_cfg(); c.check_multi_interp_extensions = 0;
    CHECK_REJECTED(c, OBMALLOC_MSG);
    c = (PyInterpreterConfig){ 0 };                       /* all zero */
    CHECK_REJECTED(c, OBMALLOC_MSG);
    c = isolated_cfg(); c.gil = 99;
    CHECK_REJECTED(c, GIL_MSG);
    c = isolated_cfg(); c.gil = -1;
    CHECK_REJECTED(c, GIL_MSG);
    c = isolated_cfg(); c.gil = 3;
    CHECK_REJECTED(c, GIL_MSG);
    c = legacy_cfg(); c.gil = 99;
    CHECK_REJECTED(c, GIL_MSG);
    /* both wrong: the obmalloc check comes first */
    c = isolated_cfg(); c.check_multi_interp_extensions = 0; c.gil = 99;
    CHECK_REJECTED(c, OBMALLOC_MSG);

    /* from a subinterpreter: its thread state comes back */
    PyThreadState *s = new_sub(isolated_cfg());
    CHECK(s != NULL);
    c = isolated_cfg(); c.gil = 42;
    CHECK_REJECTED(c, GIL_MSG);
    c = legacy_cfg(); c.use_main_obmalloc = 0;
    CHECK_REJECTED(c, OBMALLOC_MSG);
    CHECK(PyThreadState_GetUnchecked() == s);
    Py_EndInterpreter(s);
    PyThreadState_Swap(main_ts);

    /* with nothing attached on the main thread: nothing comes back */
    PyEval_SaveThread();
    c = isolated_cfg(); c.gil = 99;
    CHECK_REJECTED(c, GIL_MSG);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    PyEval_RestoreThread(main_ts);
    CHECK_IDS(0);   /* nothing was left behind */
}

/* An accepted config: status Ok, the new thread state attached, a new interpreter. */
static void check_accepted(PyInterpreterConfig cfg, int line) {
    PyThreadState *before = PyThreadState_GetUnchecked();
    PyThreadState *ts = (PyThreadState *)(uintptr_t)0x1234;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &cfg);
    int ok = 1;
    ok &= st._type == _PyStatus_TYPE_OK && st.func == NULL && st.err_msg == NULL && st.exitcode == 0;
    ok &= !PyStatus_Exception(st);
    ok &= ts != NULL && ts != (PyThreadState *)(uintptr_t)0x1234;
    if (ok) {
        ok &= PyThreadState_GetUnchecked() == ts;
        ok &= ts->interp != NULL && ts->interp != PyInterpreterState_Main();
        ok &= PyThreadState_GetInterpreter(ts) == ts->interp;
        ok &= PyInterpreterState_Head() == ts->interp;
        ok &= PyThreadState_GetID(ts) == 1;
        ok &= PyInterpreterState_ThreadHead(ts->interp) == ts && PyThreadState_Next(ts) == NULL;
        Py_EndInterpreter(ts);
        ok &= PyThreadState_GetUnchecked() == NULL;
        if (before != NULL) ok &= PyThreadState_Swap(before) == NULL;
    }
    if (ok) { t_passed++; }
    else {
        t_failed++;
        fprintf(stderr, "FAIL %s:%d: accepted config: status (%d, %s, %s), tstate %p\n", __FILE__, line, st._type,
                st.func ? st.func : "(null)", st.err_msg ? st.err_msg : "(null)", (void *)ts);
    }
}
#define CHECK_ACCEPTED(cfg) check_accepted((cfg), __LINE__)

static void test_accepted(void) {
    PyInterpreterConfig c;
    CHECK_ACCEPTED(isolated_cfg());
    CHECK_ACCEPTED(legacy_cfg());
    c = isolated_cfg(); c.gil = PyInterpreterConfig_DEFAULT_GIL;
    CHECK_ACCEPTED(c);
    c = isolated_cfg(); c.gil = PyInterpreterConfig_SHARED_GIL;
    CHECK_ACCEPTED(c);
    c = (PyInterpreterConfig){ 0 }; c.check_multi_interp_extensions = 1;   /* all zero but that */
    CHECK_ACCEPTED(c);
    c = isolated_cfg(); c.use_main_obmalloc = 1;                         /* main obmalloc, own GIL */
    CHECK_ACCEPTED(c);
    c = legacy_cfg(); c.gil = PyInterpreterConfig_OWN_GIL;
    CHECK_ACCEPTED(c);
    c = legacy_cfg(); c.gil = PyInterpreterConfig_DEFAULT_GIL;
    CHECK_ACCEPTED(c);
    c = isolated_cfg(); c.allow_threads = 0; c.allow_daemon_threads = 1;  /* not rejected */
    CHECK_ACCEPTED(c);
    c = legacy_cfg(); c.allow_threads = 0; c.allow_daemon_threads = 1;
    CHECK_ACCEPTED(c);
    c = isolated_cfg(); c.allow_fork = 1; c.allow_exec = 1; c.allow_threads = 0;
    CHECK_ACCEPTED(c);
    /* the config is only read: a const one, reused */
    static const PyInterpreterConfig k = _PyInterpreterConfig_INIT;
    PyThreadState *t1 = NULL, *t2 = NULL;
    CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&t1, &k)));
    CHECK(!PyStatus_Exception(Py_NewInterpreterFromConfig(&t2, &k)));
    CHECK(t1 && t2 && t1->interp != t2->interp);
    CHECK_INT(k.gil, PyInterpreterConfig_OWN_GIL);
    end_sub(t2, NULL);
    end_sub(t1, main_ts);

    /* with nothing attached on the main thread */
    PyEval_SaveThread();
    CHECK_ACCEPTED(isolated_cfg());
    CHECK_ACCEPTED(legacy_cfg());
    PyEval_RestoreThread(main_ts);

    /* Py_NewInterpreter: the legacy config; the caller is detached, the new one attached */
    PyThreadState *p = Py_NewInterpreter();
    CHECK(p != NULL);
    CHECK(PyThreadState_GetUnchecked() == p);
    CHECK(p->interp != PyInterpreterState_Main());
    CHECK_INT(PyThreadState_GetID(p), 1);
    CHECK(PyThreadState_Swap(main_ts) == p);
    PyEval_SaveThread();
    PyThreadState *q = Py_NewInterpreter();               /* from nothing attached */
    CHECK(q != NULL && PyThreadState_GetUnchecked() == q);
    CHECK(PyInterpreterState_Next(q->interp) == p->interp);
    Py_EndInterpreter(q);
    end_sub(p, main_ts);
    CHECK_IDS(0);
}

/* From a sub: the new one becomes current; ending it leaves nothing attached (not the
   previous sub). */
static void test_from_sub(void) {
    PyThreadState *s1 = new_sub(isolated_cfg());
    PyThreadState *s2 = new_sub(legacy_cfg());
    CHECK(s1 && s2);
    CHECK(PyThreadState_GetUnchecked() == s2);
    CHECK(s2->interp != s1->interp);
    Py_EndInterpreter(s2);
    CHECK(PyThreadState_GetUnchecked() == NULL);
    PyThreadState_Swap(s1);
    PyThreadState *s3 = new_sub(isolated_cfg());
    CHECK(PyThreadState_GetUnchecked() == s3);
    PyThreadState_Swap(s1);                      /* s1 is still fine */
    CHECK(PyInterpreterState_Get() == s1->interp);
    Py_EndInterpreter(s1);
    end_sub(s3, main_ts);
    CHECK_IDS(0);
}

/* From a thread that never had a thread state (main detached). */
typedef struct { PyInterpreterConfig cfg; int bad; int ok; } fresh_arg;

static void *create_on_fresh_thread(void *p) {
    fresh_arg *a = p;
    int ok = PyThreadState_GetUnchecked() == NULL;
    PyThreadState *ts = (PyThreadState *)(uintptr_t)0x1234;
    PyStatus st = Py_NewInterpreterFromConfig(&ts, &a->cfg);
    if (a->bad) {
        ok &= PyStatus_IsError(st) && st.func && strcmp(st.func, "init_interp_settings") == 0;
        ok &= ts == NULL;
        ok &= PyThreadState_GetUnchecked() == NULL;
        ok &= PyGILState_GetThisThreadState() == NULL;
    } else {
        ok &= !PyStatus_Exception(st) && ts != NULL;
        if (ts != NULL) {
            ok &= PyThreadState_GetUnchecked() == ts;
            ok &= PyGILState_GetThisThreadState() == ts;
            ok &= PyInterpreterState_Get() == ts->interp;
            ok &= PyThreadState_GetID(ts) == 1;
            /* detach and re-attach on this thread */
            ok &= PyEval_SaveThread() == ts;
            PyEval_RestoreThread(ts);
            Py_EndInterpreter(ts);
            ok &= PyThreadState_GetUnchecked() == NULL;
        }
    }
    a->ok = ok;
    return NULL;
}

static void test_fresh_thread(void) {
    PyEval_SaveThread();
    fresh_arg cases[] = {
        { isolated_cfg(), 0, 0 },
        { legacy_cfg(), 0, 0 },
        { isolated_cfg(), 1, 0 },
    };
    cases[2].cfg.gil = 99;
    for (int i = 0; i < 3; i++) {
        pthread_t t;
        pthread_create(&t, NULL, create_on_fresh_thread, &cases[i]);
        pthread_join(t, NULL);
        CHECK(cases[i].ok);
    }
    /* main re-attaches and goes on */
    PyEval_RestoreThread(main_ts);
    CHECK(PyThreadState_Get() == main_ts);
    CHECK_IDS(0);
}

/*
 * What `gil` means: a thread attached to the sub while another thread takes a main
 * thread state. OWN: both hold their GIL at once. SHARED (and DEFAULT, legacy): the second
 * waits until the first lets go. The holder waits for the overlap: 10 s where it must
 * come (so a loaded machine cannot fail it), 0.3 s where it must not (ample for a wrong,
 * parallel implementation to show it); the shared cases cost 0.3 s each.
 */
static flag_t g_sub_held, g_main_attached;
static int g_overlap;
static double g_wait;

static void *hold_sub(void *p) {
    PyEval_RestoreThread((PyThreadState *)p);
    flag_set(&g_sub_held, 1);
    g_overlap = flag_wait(&g_main_attached, 1, g_wait);
    PyEval_SaveThread();
    return NULL;
}

static int sub_runs_in_parallel(PyInterpreterConfig cfg, double wait) {
    flag_t z = FLAG_INIT;
    g_wait = wait;
    g_sub_held = z;
    g_main_attached = z;
    g_overlap = -1;
    PyThreadState *s = new_sub(cfg);
    if (s == NULL) return -1;
    PyEval_SaveThread();                       /* s detached; nothing attached here */
    pthread_t t;
    pthread_create(&t, NULL, hold_sub, s);
    if (!flag_wait(&g_sub_held, 1, 10.0)) { pthread_join(t, NULL); return -1; }
    PyEval_RestoreThread(main_ts);             /* blocks while the sub holds a shared GIL */
    flag_set(&g_main_attached, 1);
    PyEval_SaveThread();
    pthread_join(t, NULL);
    PyEval_RestoreThread(s);
    Py_EndInterpreter(s);
    PyThreadState_Swap(main_ts);
    return g_overlap;
}

static void test_gil_semantics(void) {
    PyInterpreterConfig c;
    CHECK_INT(sub_runs_in_parallel(isolated_cfg(), 10.0), 1);
    c = legacy_cfg(); c.gil = PyInterpreterConfig_OWN_GIL;
    CHECK_INT(sub_runs_in_parallel(c, 10.0), 1);
    CHECK_INT(sub_runs_in_parallel(legacy_cfg(), 0.3), 0);
    c = isolated_cfg(); c.gil = PyInterpreterConfig_DEFAULT_GIL;
    CHECK_INT(sub_runs_in_parallel(c, 0.3), 0);
}

int main(void) {
    test_presets();
    check_not_initialized("before Py_Initialize");
    Py_Initialize();
    main_ts = PyThreadState_Get();
    test_rejected();
    test_accepted();
    test_from_sub();
    test_fresh_thread();
    test_gil_semantics();
    CHECK_INT(Py_FinalizeEx(), 0);
    CHECK_INT(Py_IsFinalizing(), 1);
    check_not_initialized("after Py_FinalizeEx");
    /* CPython resets its runtime state at the start of Py_NewInterpreter*, even when it
       then fails: the past finalization is forgotten. */
    CHECK_INT(Py_IsFinalizing(), 0);
    CHECK_INT(Py_IsInitialized(), 0);
    return TEST_DONE();
}
