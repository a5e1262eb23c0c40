/*
 * test_config.c: the embedding configuration API (PEP 587) as CPython 3.13 behaves,
 * measured against 3.13.0: PyWideStringList, PyConfig defaults and setters,
 * pre-initialization, Py_InitializeFromConfig and the read-back functions (Py_GetPath,
 * ...), error statuses and exit codes. PyConfig_Read is in test_config_read.c.
 *
 * Pre-initialization happens once per process, so the tests that need a process that was
 * never pre-initialized run first, each in a child; so do those that check stderr.
 */
#include "config_util.h"

/* ---- pre-initialization (each in a fresh child: it happens once per process) -------- */

static void pre_bad_allocator(void) {
    PyPreConfig p;
    PyPreConfig_InitPythonConfig(&p);
    p.allocator = 99;
    CHECK_ERR(Py_PreInitialize(&p), "_PyPreConfig_Write", "Unknown PYTHONMALLOC allocator");
    /* A failed pre-initialization leaves the runtime not pre-initialized. */
    PyPreConfig_InitPythonConfig(&p);
    CHECK_OK(Py_PreInitialize(&p));
}

static void pre_bad_env(void) {
    PyPreConfig p;
    PyPreConfig_InitPythonConfig(&p);
    setenv("PYTHONMALLOC", "bogus", 1);
    CHECK_ERR(Py_PreInitialize(&p), "preconfig_init_allocator", "PYTHONMALLOC: unknown allocator");
    unsetenv("PYTHONMALLOC");
    setenv("PYTHONUTF8", "2", 1);
    CHECK_ERR(Py_PreInitialize(&p), "preconfig_init_utf8_mode", "invalid PYTHONUTF8 environment variable value");
    unsetenv("PYTHONUTF8");
    char *args[] = { "prog", "-X", "utf8=2" };
    CHECK_ERR(Py_PreInitializeFromBytesArgs(&p, 3, args), "preconfig_init_utf8_mode", "invalid -X utf8 option value");
    /* The same environment is ignored when the pre-configuration does not use it. */
    setenv("PYTHONMALLOC", "bogus", 1);
    PyPreConfig_InitIsolatedConfig(&p);
    CHECK_OK(Py_PreInitialize(&p));
    unsetenv("PYTHONMALLOC");
}

static void pre_then_config(void) {
    PyPreConfig p;
    PyPreConfig_InitPythonConfig(&p);
    char *args[] = { "prog", "-X", "utf8" };
    CHECK_OK(Py_PreInitializeFromBytesArgs(&p, 3, args));
    CHECK_INT(p.utf8_mode, -1);     /* the caller's struct is left alone */
    /* Pre-initialized once: a second call with a bad value is ignored. */
    p.allocator = 99;
    CHECK_OK(Py_PreInitialize(&p));
    /* The UTF-8 mode decided by -X utf8 shows in the encodings Read picks. */
    PyConfig c;
    PyConfig_InitIsolatedConfig(&c);
    CHECK_OK(PyConfig_Read(&c));
    CHECK_WSTR(c.filesystem_encoding, L"utf-8");
    CHECK_WSTR(c.filesystem_errors, L"surrogateescape");
    PyConfig_Clear(&c);
}

static void test_preinit(void) {
    PyPreConfig p;
    PyPreConfig_InitPythonConfig(&p);
    CHECK_INT(p._config_init, 2);
    CHECK_INT(p.parse_argv, 1);
    CHECK_INT(p.isolated, 0);
    CHECK_INT(p.use_environment, 1);
    CHECK_INT(p.configure_locale, 1);
    CHECK_INT(p.coerce_c_locale, -1);
    CHECK_INT(p.coerce_c_locale_warn, -1);
    CHECK_INT(p.utf8_mode, -1);
    CHECK_INT(p.dev_mode, -1);
    CHECK_INT(p.allocator, 0);
    PyPreConfig_InitIsolatedConfig(&p);
    CHECK_INT(p._config_init, 3);
    CHECK_INT(p.parse_argv, 0);
    CHECK_INT(p.isolated, 1);
    CHECK_INT(p.use_environment, 0);
    CHECK_INT(p.configure_locale, 0);
    CHECK_INT(p.coerce_c_locale, 0);
    CHECK_INT(p.coerce_c_locale_warn, 0);
    CHECK_INT(p.utf8_mode, 0);
    CHECK_INT(p.dev_mode, 0);
    CHECK_INT(p.allocator, 0);

    CHECK_ERR(Py_PreInitialize(NULL), "_Py_PreInitializeFromPyArgv", "preinitialization config is NULL");
    CHECK_ERR(Py_PreInitializeFromArgs(NULL, 0, NULL), "_Py_PreInitializeFromPyArgv",
              "preinitialization config is NULL");
    CHECK_ERR(Py_InitializeFromConfig(NULL), "Py_InitializeFromConfig", "initialization config is NULL");

    CHECK_CHILD(in_child(pre_bad_allocator));
    CHECK_CHILD(in_child(pre_bad_env));
    CHECK_CHILD(in_child(pre_then_config));
}

/* ---- PyWideStringList ------------------------------------------------------------- */

static void free_list(PyWideStringList *l) {
    for (Py_ssize_t i = 0; i < l->length; i++) PyMem_RawFree(l->items[i]);
    PyMem_RawFree(l->items);
    l->length = 0;
    l->items = NULL;
}

static void test_list(void) {
    PyWideStringList l = { 0, NULL };
    CHECK_ERR(PyWideStringList_Insert(&l, -1, L"x"), "PyWideStringList_Insert",
              "PyWideStringList_Insert index must be >= 0");
    CHECK_INT(l.length, 0);
    CHECK_OK(PyWideStringList_Insert(&l, 5, L"a"));        /* past the end: appended */
    CHECK_OK(PyWideStringList_Append(&l, L"b"));
    CHECK_OK(PyWideStringList_Insert(&l, 0, L"c"));
    CHECK_OK(PyWideStringList_Insert(&l, 1, L"d"));
    CHECK_OK(PyWideStringList_Insert(&l, PY_SSIZE_T_MAX, L"e"));
    CHECK_LIST(l, L"c", L"d", L"a", L"b", L"e");
    /* The list holds copies. */
    wchar_t buf[] = L"tmp";
    CHECK_OK(PyWideStringList_Append(&l, buf));
    buf[0] = L'X';
    CHECK_WSTR(l.items[5], L"tmp");
    free_list(&l);

    PyWideStringList full = { PY_SSIZE_T_MAX, NULL };
    CHECK_ERR(PyWideStringList_Insert(&full, 0, L"x"), "PyWideStringList_Insert", "memory allocation failed");
    CHECK_ERR(PyWideStringList_Append(&full, L"x"), "PyWideStringList_Insert", "memory allocation failed");
}

/* ---- PyConfig defaults and setters ------------------------------------------------- */

static void test_defaults(void) {
    PyConfig c;
    memset(&c, 0xAB, sizeof c);   /* Init overwrites everything */
    PyConfig_InitPythonConfig(&c);
    CHECK_INT(c._config_init, 2);
    CHECK_INT(c.isolated, 0);
    CHECK_INT(c.use_environment, 1);
    CHECK_INT(c.dev_mode, -1);
    CHECK_INT(c.install_signal_handlers, 1);
    CHECK_INT(c.use_hash_seed, -1);
    CHECK_INT(c.hash_seed, 0);
    CHECK_INT(c.faulthandler, -1);
    CHECK_INT(c.tracemalloc, -1);
    CHECK_INT(c.perf_profiling, -1);
    CHECK_INT(c.import_time, 0);
    CHECK_INT(c.code_debug_ranges, 1);
    CHECK_INT(c.parse_argv, 1);
    CHECK_INT(c.site_import, 1);
    CHECK_INT(c.write_bytecode, 1);
    CHECK_INT(c.user_site_directory, 1);
    CHECK_INT(c.configure_c_stdio, 1);
    CHECK_INT(c.buffered_stdio, 1);
    CHECK_INT(c.use_frozen_modules, 1);
    CHECK_INT(c.safe_path, 0);
    CHECK_INT(c.int_max_str_digits, -1);
    CHECK_INT(c.cpu_count, -1);
    CHECK_INT(c.pathconfig_warnings, 1);
    CHECK_INT(c.module_search_paths_set, 0);
    CHECK_INT(c._install_importlib, 1);
    CHECK_INT(c._init_main, 1);
    CHECK(c.program_name == NULL && c.home == NULL && c.executable == NULL && c.argv.length == 0);
    CHECK(c.argv.items == NULL && c.xoptions.length == 0 && c.module_search_paths.length == 0);
    PyConfig_Clear(&c);

    PyConfig_InitIsolatedConfig(&c);
    CHECK_INT(c._config_init, 3);
    CHECK_INT(c.isolated, 1);
    CHECK_INT(c.use_environment, 0);
    CHECK_INT(c.dev_mode, 0);
    CHECK_INT(c.install_signal_handlers, 0);
    CHECK_INT(c.use_hash_seed, 0);
    CHECK_INT(c.faulthandler, 0);
    CHECK_INT(c.tracemalloc, 0);
    CHECK_INT(c.perf_profiling, 0);
    CHECK_INT(c.parse_argv, 0);
    CHECK_INT(c.user_site_directory, 0);
    CHECK_INT(c.configure_c_stdio, 0);
    CHECK_INT(c.safe_path, 1);
    CHECK_INT(c.int_max_str_digits, 4300);
    CHECK_INT(c.pathconfig_warnings, 0);
    CHECK_INT(c.site_import, 1);
    PyConfig_Clear(&c);
}

static void test_setters(void) {
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    CHECK_OK(PyConfig_SetString(&c, &c.home, L"/h"));
    CHECK_WSTR(c.home, L"/h");
    CHECK_OK(PyConfig_SetString(&c, &c.home, NULL));
    CHECK(c.home == NULL);
    /* Bytes are decoded as UTF-8; an undecodable byte becomes U+DC80+byte. */
    CHECK_OK(PyConfig_SetBytesString(&c, &c.program_name, "pr\xc3\xa9"));
    CHECK_WSTR(c.program_name, L"pr\xe9");
    CHECK_OK(PyConfig_SetBytesString(&c, &c.program_name, "\xff" "a"));
    CHECK_INT(c.program_name[0], 0xDCFF);
    CHECK_INT(c.program_name[1], L'a');

    char *bargv[] = { "prog", "x\xff" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 2, bargv));
    CHECK_INT(c.argv.length, 2);
    CHECK_WSTR(c.argv.items[0], L"prog");
    CHECK_INT(c.argv.items[1][1], 0xDCFF);
    wchar_t *wargv[] = { L"w0", L"w1", L"w2" };
    CHECK_OK(PyConfig_SetArgv(&c, 3, wargv));
    CHECK_LIST(c.argv, L"w0", L"w1", L"w2");
    CHECK_ERR(PyConfig_SetArgv(&c, -1, NULL), "_PyArgv_AsWstrList", "memory allocation failed");
    CHECK_ERR(PyConfig_SetBytesArgv(&c, -1, NULL), "_PyArgv_AsWstrList", "memory allocation failed");
    CHECK_LIST(c.argv, L"w0", L"w1", L"w2");
    CHECK_OK(PyConfig_SetArgv(&c, 0, NULL));
    CHECK_INT(c.argv.length, 0);

    wchar_t *items[] = { L"x", L"y" };
    CHECK_OK(PyConfig_SetWideStringList(&c, &c.xoptions, 2, items));
    CHECK_LIST(c.xoptions, L"x", L"y");
    CHECK_ERR(PyConfig_SetWideStringList(&c, &c.xoptions, -1, items), "PyConfig_SetWideStringList",
              "memory allocation failed");
    CHECK_OK(PyConfig_SetWideStringList(&c, &c.xoptions, 0, NULL));
    CHECK(c.xoptions.length == 0 && c.xoptions.items == NULL);
    CHECK_OK(PyWideStringList_Append(&c.module_search_paths, L"/m"));
    c.module_search_paths_set = 1;
    c.isolated = 7;

    PyConfig_Clear(&c);
    CHECK(c.program_name == NULL && c.home == NULL);
    CHECK(c.argv.length == 0 && c.argv.items == NULL);
    CHECK(c.module_search_paths.length == 0 && c.module_search_paths_set == 0);
    CHECK_INT(c.isolated, 7);     /* Clear frees memory; other fields keep their values */
    PyConfig_Clear(&c);           /* twice is fine */
}

/* ---- initialization ------------------------------------------------------------------ */

static int sigpipe_ignored(void) {
    struct sigaction sa;
    sigaction(SIGPIPE, NULL, &sa);
    return sa.sa_handler == SIG_IGN;
}

static wchar_t saved_path[8192];
static wchar_t saved_prefix[4096];

static void test_init_basic(void) {
    CHECK(Py_GetProgramName() == NULL);
    CHECK(Py_GetPath() == NULL);
    CHECK(Py_GetPrefix() == NULL);
    int argc = -1;
    wchar_t **argv = (wchar_t **)&argc;
    Py_GetArgcArgv(&argc, &argv);
    CHECK_INT(argc, 0);
    CHECK(argv == NULL);

    signal(SIGPIPE, SIG_DFL);
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    char *args[] = { "prog", "-X", "foo", "a", "b" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 5, args));
    CHECK_OK(Py_InitializeFromConfig(&c));
    CHECK(Py_IsInitialized());
    /* The caller's config is not changed by initializing. */
    CHECK_INT(c.parse_argv, 1);
    CHECK(c.program_name == NULL && c.filesystem_encoding == NULL);
    PyConfig_Clear(&c);
    CHECK(sigpipe_ignored());
    CHECK_WSTR(Py_GetProgramName(), L"prog");     /* orig_argv[0] */
    CHECK(Py_GetPythonHome() == NULL);
    CHECK(Py_GetPath() != NULL && Py_GetProgramFullPath() != NULL);
    CHECK(Py_GetPrefix() != NULL && Py_GetExecPrefix() != NULL);
    CHECK(Py_GetPath() == Py_GetPath());          /* the same string, kept by the runtime */
    Py_GetArgcArgv(&argc, &argv);
    CHECK_INT(argc, 5);
    if (argc == 5) {
        CHECK_WSTR(argv[0], L"prog");
        CHECK_WSTR(argv[2], L"foo");
        CHECK_WSTR(argv[4], L"b");
    }
    wcsncpy(saved_path, Py_GetPath(), sizeof saved_path / sizeof saved_path[0] - 1);
    wcsncpy(saved_prefix, Py_GetPrefix(), sizeof saved_prefix / sizeof saved_prefix[0] - 1);

    /* Py_EncodeLocale round-trips what Py_DecodeLocale made. */
    size_t n = 0;
    wchar_t *w = Py_DecodeLocale("a\xff\xc3\xa9", &n);
    CHECK_INT(n, 3);
    CHECK(w != NULL && w[0] == L'a' && w[1] == 0xDCFF && w[2] == 0xE9 && w[3] == 0);
    size_t pos = 0;
    char *b = Py_EncodeLocale(w, &pos);
    CHECK_STR(b, "a\xff\xc3\xa9");
    CHECK_INT(pos, (long long)(size_t)-1);
#ifdef SUBINTERP
    PyMem_RawFree(b);
#else
    PyMem_Free(b);
#endif
    PyMem_RawFree(w);
    wchar_t bad[] = { L'a', 0xD800, 0 };
    CHECK(Py_EncodeLocale(bad, &pos) == NULL);
    CHECK_INT(pos, 1);

    CHECK_INT(Py_FinalizeEx(), 0);
    signal(SIGPIPE, SIG_DFL);

    /* An isolated config does not install signal handlers. */
    PyConfig_InitIsolatedConfig(&c);
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    CHECK(!sigpipe_ignored());
#ifdef SUBINTERP
    /* No argv: the default. Each initialization starts from its own configuration. */
    CHECK_WSTR(Py_GetProgramName(), L"python3");
#else
    /* CPython carries the previous initialization's program_name (and home, executable)
       into one whose configuration leaves them unset. */
    CHECK_WSTR(Py_GetProgramName(), L"prog");
#endif
    Py_GetArgcArgv(&argc, &argv);
    CHECK_INT(argc, 0);
    CHECK_INT(Py_FinalizeEx(), 0);
}

static void test_reinit(void) {
    /* Initialized again after finalization, with another configuration. */
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    c.parse_argv = 0;
    CHECK_OK(PyConfig_SetString(&c, &c.program_name, L"/abs/fake/second"));
    CHECK_OK(PyConfig_SetString(&c, &c.home, saved_prefix));
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    CHECK_WSTR(Py_GetProgramName(), L"/abs/fake/second");
    CHECK_WSTR(Py_GetProgramFullPath(), L"/abs/fake/second");
    CHECK_WSTR(Py_GetPythonHome(), saved_prefix);
    CHECK_WSTR(Py_GetPrefix(), saved_prefix);
    CHECK_WSTR(Py_GetExecPrefix(), saved_prefix);
    /* Initializing while initialized succeeds and keeps running. */
    PyConfig_InitIsolatedConfig(&c);
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    CHECK(Py_IsInitialized());
    CHECK_INT(Py_FinalizeEx(), 0);

    /* An explicit module search path is used as given. */
    PyConfig_InitPythonConfig(&c);
    wchar_t want[8400] = L"";
    wchar_t copy[8192];
    wcscpy(copy, saved_path);
    wchar_t *state = NULL;
    for (wchar_t *p = wcstok(copy, L":", &state); p; p = wcstok(NULL, L":", &state)) {
        CHECK_OK(PyWideStringList_Append(&c.module_search_paths, p));
        wcscat(want, p);
        wcscat(want, L":");
    }
    CHECK_OK(PyWideStringList_Append(&c.module_search_paths, L"/custom/dir"));
    wcscat(want, L"/custom/dir");
    c.module_search_paths_set = 1;
    setenv("PYTHONPATH", "/not/used", 1);
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    CHECK_WSTR(Py_GetPath(), want);
    CHECK_INT(Py_FinalizeEx(), 0);

    /* Otherwise PYTHONPATH comes first, made absolute, unless the environment is ignored. */
    setenv("PYTHONPATH", "/ppath1:/ppath2", 1);
    PyConfig_InitPythonConfig(&c);
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    CHECK(wcsncmp(Py_GetPath(), L"/ppath1:/ppath2", 15) == 0);
    CHECK_INT(Py_FinalizeEx(), 0);
    PyConfig_InitPythonConfig(&c);
    c.use_environment = 0;
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    CHECK(wcsstr(Py_GetPath(), L"/ppath1") == NULL);
    CHECK_INT(Py_FinalizeEx(), 0);
    unsetenv("PYTHONPATH");

    /* A configuration error: nothing is initialized. */
    setenv("PYTHONHASHSEED", "bad", 1);
    PyConfig_InitPythonConfig(&c);
    CHECK_ERR(Py_InitializeFromConfig(&c), "config_init_hash_seed",
              "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]");
    PyConfig_Clear(&c);
    CHECK(!Py_IsInitialized());
    unsetenv("PYTHONHASHSEED");
}

/* Values CPython rejects when reading back its path configuration. */
static int bad_field;

static void init_bad_value(void) {
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    switch (bad_field) {
    case 0: c._config_init = 99; break;
    case 1: c.verbose = -1; break;
    case 2: c.optimization_level = -2; break;
    case 3: c.bytes_warning = -1; break;
    default: c.use_hash_seed = 1; c.hash_seed = 4294967296UL; break;
    }
    CHECK_ERR(Py_InitializeFromConfig(&c), NULL, "error getting getpath results");
    CHECK(!Py_IsInitialized());
    PyConfig_Clear(&c);
}

static void init_bad_argv(void) {
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    char *args[] = { "prog", "-z" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 2, args));
    PyStatus st = Py_InitializeFromConfig(&c);
    PyConfig_Clear(&c);
    CHECK(PyStatus_IsExit(st));
    CHECK_INT(st.exitcode, 2);
    CHECK(!Py_IsInitialized());
    if (!t_failed) Py_ExitStatusException(st);
}

/* Py_Initialize reads the environment too; a bad value is fatal (exit status 1). */
static void initialize_bad_env(void) {
    setenv("PYTHONHASHSEED", "bad", 1);
    Py_Initialize();
}

static void initialize_reads_env(void) {
    setenv("PYTHONPATH", "/from/env", 1);
    Py_Initialize();
    CHECK(wcsncmp(Py_GetPath(), L"/from/env", 9) == 0);
    CHECK_INT(Py_FinalizeEx(), 0);
}

static void test_init_errors(void) {
    child_result e = in_child(initialize_bad_env);
    CHECK(!e.signaled && e.code == 1);
    CHECK_CONTAINS(e.err, "Fatal Python error: config_init_hash_seed: PYTHONHASHSEED must be \"random\" "
                          "or an integer in range [0; 4294967295]\nPython runtime state: preinitialized\n");
    CHECK_CHILD(in_child(initialize_reads_env));

    const char *names[] = { "_config_init", "verbose", "optimization_level", "bytes_warning", "hash_seed" };
    for (bad_field = 0; bad_field < 5; bad_field++) {
        child_result r = in_child(init_bad_value);
        CHECK_CHILD(r);
        char want[200];
        snprintf(want, sizeof want, "Exception ignored in reading getpath results:\n"
                                    "ValueError: invalid config value: %s\n", names[bad_field]);
        CHECK_CONTAINS(r.err, want);
    }
    child_result r = in_child(init_bad_argv);
    CHECK(!r.signaled && r.code == 2);
    CHECK_CONTAINS(r.err, "Unknown option: -z\n" USAGE);
}

int main(void) {
    clean_environment();
    test_preinit();          /* first: needs a process never pre-initialized */
    test_list();
    test_defaults();
    test_setters();
    test_init_errors();
    test_init_basic();
    test_reinit();
    return TEST_DONE();
}
