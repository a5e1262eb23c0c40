/*
 * test_config_read.c: PyConfig_Read as CPython 3.13.0 behaves: defaults it fills in,
 * isolation, command-line parsing (options, sys.argv, -c/-m/script), the environment,
 * -X options, warning options' priority, error statuses, and the messages and exit
 * statuses of command-line errors.
 */
#include "config_util.h"

/* ---- PyConfig_Read ------------------------------------------------------------------ */

static void test_read_defaults(void) {
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    CHECK_OK(PyConfig_Read(&c));
    CHECK_INT(c.parse_argv, 2);          /* parsed once: a second read leaves argv alone */
    CHECK_LIST(c.argv, L"");
    CHECK_INT(c.orig_argv.length, 0);
    CHECK_INT(c.dev_mode, 0);
    CHECK_INT(c.use_hash_seed, 0);
    CHECK_INT(c.faulthandler, 0);
    CHECK_INT(c.tracemalloc, 0);
    CHECK_INT(c.perf_profiling, 0);
    CHECK_INT(c.int_max_str_digits, 4300);
    CHECK_INT(c.buffered_stdio, 1);
    CHECK_INT(c.write_bytecode, 1);
    CHECK_WSTR(c.filesystem_errors, L"surrogateescape");
    CHECK(c.filesystem_encoding != NULL && c.stdio_encoding != NULL && c.stdio_errors != NULL);
    CHECK_WSTR(c.check_hash_pycs_mode, L"default");
    /* The path configuration is computed by Py_InitializeFromConfig, not here (3.11+). */
    CHECK(c.program_name == NULL && c.executable == NULL && c.prefix == NULL);
    CHECK_INT(c.module_search_paths_set, 0);
    CHECK_INT(c.module_search_paths.length, 0);
    PyConfig_Clear(&c);

    PyConfig_InitIsolatedConfig(&c);
    setenv("PYTHONVERBOSE", "3", 1);
    CHECK_OK(PyConfig_Read(&c));
    CHECK_INT(c.verbose, 0);             /* no environment */
    CHECK_INT(c.isolated, 1);
    CHECK_INT(c.safe_path, 1);
    CHECK_LIST(c.argv, L"");
    PyConfig_Clear(&c);

    /* isolated=1 in a Python config: no environment, no user site, safe path. */
    PyConfig_InitPythonConfig(&c);
    c.isolated = 1;
    CHECK_OK(PyConfig_Read(&c));
    CHECK_INT(c.use_environment, 0);
    CHECK_INT(c.user_site_directory, 0);
    CHECK_INT(c.safe_path, 1);
    CHECK_INT(c.verbose, 0);
    PyConfig_Clear(&c);
    unsetenv("PYTHONVERBOSE");
}

static void test_read_argv(void) {
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    char *argv[] = { "prog", "-b", "-bb", "-B", "-d", "-i", "-O", "-O", "-q", "-u", "-v", "-v", "-s",
                     "-S", "-E", "-X", "foo=bar", "-Ximporttime", "-Wdefault", "-W", "error::BytesWarning",
                     "-x", "-P", "-R", "-c", "print(1)", "a", "-b" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, (Py_ssize_t)(sizeof argv / sizeof argv[0]), argv));
    CHECK_OK(PyConfig_Read(&c));
    CHECK_INT(c.bytes_warning, 3);
    CHECK_INT(c.write_bytecode, 0);
    CHECK_INT(c.parser_debug, 1);
    CHECK_INT(c.inspect, 1);
    CHECK_INT(c.interactive, 1);
    CHECK_INT(c.optimization_level, 2);
    CHECK_INT(c.quiet, 1);
    CHECK_INT(c.buffered_stdio, 0);
    CHECK_INT(c.verbose, 2);
    CHECK_INT(c.user_site_directory, 0);
    CHECK_INT(c.site_import, 0);
    CHECK_INT(c.use_environment, 0);
    CHECK_INT(c.skip_source_first_line, 1);
    CHECK_INT(c.safe_path, 1);
    CHECK_INT(c.use_hash_seed, 0);
    CHECK_INT(c.import_time, 1);
    CHECK_LIST(c.xoptions, L"foo=bar", L"importtime");
    CHECK_LIST(c.warnoptions, L"default", L"error::BytesWarning");
    CHECK_WSTR(c.run_command, L"print(1)\n");
    CHECK(c.run_module == NULL && c.run_filename == NULL);
    CHECK_LIST(c.argv, L"-c", L"a", L"-b");
    CHECK_INT(c.orig_argv.length, (int)(sizeof argv / sizeof argv[0]));
    CHECK_WSTR(c.orig_argv.items[0], L"prog");
    CHECK_WSTR(c.orig_argv.items[27], L"-b");
    /* A second read does not parse again. */
    CHECK_OK(PyConfig_Read(&c));
    CHECK_LIST(c.argv, L"-c", L"a", L"-b");
    CHECK_LIST(c.xoptions, L"foo=bar", L"importtime");
    CHECK_LIST(c.warnoptions, L"default", L"error::BytesWarning");
    CHECK_INT(c.bytes_warning, 3);
    PyConfig_Clear(&c);

    PyConfig_InitPythonConfig(&c);
    char *margv[] = { "prog", "-I", "-m", "mod", "x", "-v" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 6, margv));
    CHECK_OK(PyConfig_Read(&c));
    CHECK_WSTR(c.run_module, L"mod");
    CHECK_LIST(c.argv, L"-m", L"x", L"-v");
    CHECK_INT(c.verbose, 0);
    CHECK_INT(c.isolated, 1);
    CHECK_INT(c.use_environment, 0);
    CHECK_INT(c.safe_path, 1);
    PyConfig_Clear(&c);

    /* A script name ends the options and becomes an absolute run_filename. */
    char cwd[4096];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    wchar_t want[4200];
    swprintf(want, sizeof want / sizeof want[0], L"%s/script.py", cwd);
    PyConfig_InitPythonConfig(&c);
    char *sargv[] = { "prog", "-O", "script.py", "-z", "--", "arg" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 6, sargv));
    CHECK_OK(PyConfig_Read(&c));
    CHECK_WSTR(c.run_filename, want);
    CHECK_LIST(c.argv, L"script.py", L"-z", L"--", L"arg");
    CHECK_INT(c.optimization_level, 1);
    PyConfig_Clear(&c);

    /* `--` ends the options; `-` is stdin (no run_filename). */
    PyConfig_InitPythonConfig(&c);
    char *dargv[] = { "prog", "-v", "--", "-", "x" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 5, dargv));
    CHECK_OK(PyConfig_Read(&c));
    CHECK_INT(c.verbose, 1);
    CHECK(c.run_filename == NULL);
    CHECK_LIST(c.argv, L"-", L"x");
    PyConfig_Clear(&c);

    /* parse_argv=0: argv is sys.argv as given. */
    PyConfig_InitPythonConfig(&c);
    c.parse_argv = 0;
    char *nargv[] = { "prog", "-v", "x" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 3, nargv));
    CHECK_OK(PyConfig_Read(&c));
    CHECK_LIST(c.argv, L"prog", L"-v", L"x");
    CHECK_LIST(c.orig_argv, L"prog", L"-v", L"x");
    CHECK_INT(c.verbose, 0);
    CHECK_INT(c.parse_argv, 0);
    PyConfig_Clear(&c);
}

static void test_read_env(void) {
    PyConfig c;
    setenv("PYTHONVERBOSE", "3", 1);
    setenv("PYTHONOPTIMIZE", "text", 1);      /* text counts as 1 */
    setenv("PYTHONNOUSERSITE", "1", 1);
    setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
    setenv("PYTHONHASHSEED", "42", 1);
    setenv("PYTHONSAFEPATH", "1", 1);
    setenv("PYTHONFAULTHANDLER", "1", 1);
    setenv("PYTHONTRACEMALLOC", "5", 1);
    setenv("PYTHONPATH", "/pp1:/pp2", 1);
    setenv("PYTHONWARNINGS", "env1,,env2", 1);
    PyConfig_InitPythonConfig(&c);
    c.bytes_warning = 1;
    CHECK_OK(PyWideStringList_Append(&c.warnoptions, L"cfg1"));
    CHECK_OK(PyWideStringList_Append(&c.warnoptions, L"env2"));
    char *argv[] = { "prog", "-W", "cmd1", "-W", "cfg1", "-W", "env1" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 7, argv));
    CHECK_OK(PyConfig_Read(&c));
    CHECK_INT(c.verbose, 3);
    CHECK_INT(c.optimization_level, 1);
    CHECK_INT(c.user_site_directory, 0);
    CHECK_INT(c.write_bytecode, 0);
    CHECK_INT(c.use_hash_seed, 1);
    CHECK_INT(c.hash_seed, 42);
    CHECK_INT(c.safe_path, 1);
    CHECK_INT(c.faulthandler, 1);
    CHECK_INT(c.tracemalloc, 5);
    CHECK_WSTR(c.pythonpath_env, L"/pp1:/pp2");
    /* Lowest priority first: environment, -W, -b's filter, then PyConfig.warnoptions; an
       option already present is not repeated. */
    CHECK_LIST(c.warnoptions, L"env1", L"cmd1", L"default::BytesWarning", L"cfg1", L"env2");
    CHECK_OK(PyConfig_Read(&c));
    CHECK_LIST(c.warnoptions, L"env1", L"cmd1", L"default::BytesWarning", L"cfg1", L"env2");
    PyConfig_Clear(&c);
    const char *vars[] = { "PYTHONVERBOSE", "PYTHONOPTIMIZE", "PYTHONNOUSERSITE", "PYTHONDONTWRITEBYTECODE",
                           "PYTHONHASHSEED", "PYTHONSAFEPATH", "PYTHONFAULTHANDLER", "PYTHONTRACEMALLOC",
                           "PYTHONPATH", "PYTHONWARNINGS" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) unsetenv(vars[i]);

    /* -X options with values. */
    PyConfig_InitPythonConfig(&c);
    CHECK_OK(PyWideStringList_Append(&c.xoptions, L"pycache_prefix=/pc"));
    CHECK_OK(PyWideStringList_Append(&c.xoptions, L"int_max_str_digits=5000"));
    CHECK_OK(PyWideStringList_Append(&c.xoptions, L"no_debug_ranges"));
    CHECK_OK(PyWideStringList_Append(&c.xoptions, L"frozen_modules=off"));
    CHECK_OK(PyWideStringList_Append(&c.xoptions, L"cpu_count=3"));
    CHECK_OK(PyWideStringList_Append(&c.xoptions, L"tracemalloc"));
    CHECK_OK(PyWideStringList_Append(&c.xoptions, L"showrefcount"));
    CHECK_OK(PyConfig_Read(&c));
    CHECK_WSTR(c.pycache_prefix, L"/pc");
    CHECK_INT(c.int_max_str_digits, 5000);
    CHECK_INT(c.code_debug_ranges, 0);
    CHECK_INT(c.use_frozen_modules, 0);
    CHECK_INT(c.cpu_count, 3);
    CHECK_INT(c.tracemalloc, 1);
    CHECK_INT(c.show_ref_count, 1);
    PyConfig_Clear(&c);
}

static void read_error(const char *env, const char *value, const wchar_t *xoption,
                       const char *func, const char *msg) {
    if (env) setenv(env, value, 1);
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    if (xoption) CHECK_OK(PyWideStringList_Append(&c.xoptions, xoption));
    CHECK_ERR(PyConfig_Read(&c), func, msg);
    PyConfig_Clear(&c);
    if (env) unsetenv(env);
}

static void test_read_errors(void) {
    read_error("PYTHONHASHSEED", "abc", NULL, "config_init_hash_seed",
               "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]");
    read_error("PYTHONHASHSEED", "4294967296", NULL, "config_init_hash_seed",
               "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]");
    read_error("PYTHONTRACEMALLOC", "-3", NULL, "config_init_tracemalloc",
               "PYTHONTRACEMALLOC: invalid number of frames");
    read_error("PYTHONINTMAXSTRDIGITS", "5", NULL, "config_init_int_max_str_digits",
               "PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.");
    read_error("PYTHON_FROZEN_MODULES", "x", NULL, NULL,
               "bad value for PYTHON_FROZEN_MODULES (expected \"on\" or \"off\")");
    read_error("PYTHON_CPU_COUNT", "0", NULL, "config_init_cpu_count",
               "-X cpu_count=n option: n is missing or an invalid number, n must be greater than 0");
    read_error(NULL, NULL, L"int_max_str_digits=5", "config_init_int_max_str_digits",
               "-X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.");
    read_error(NULL, NULL, L"tracemalloc=-1", "config_init_tracemalloc",
               "-X tracemalloc=NFRAME: invalid number of frames");
    read_error(NULL, NULL, L"cpu_count", "config_init_cpu_count",
               "-X cpu_count=n option: n is missing or an invalid number, n must be greater than 0");
    read_error(NULL, NULL, L"frozen_modules=maybe", NULL,
               "bad value for option -X frozen_modules (expected \"on\" or \"off\")");
}

/* Command-line errors: an exit status, CPython's messages on stderr, exit code 2. */
static const char *bad_args[4];

static void read_bad_args(void) {
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    int n = 0;
    while (n < 4 && bad_args[n]) n++;
    CHECK_OK(PyConfig_SetBytesArgv(&c, n, (char **)bad_args));
    fflush(NULL);
    dup2(2, 1);                          /* -V and -h print on stdout */
    PyStatus st = PyConfig_Read(&c);
    CHECK(PyStatus_IsExit(st));
    CHECK(PyStatus_Exception(st));
    CHECK(!PyStatus_IsError(st));
    CHECK_INT(c.orig_argv.length, n);    /* orig_argv is set before parsing fails */
    PyConfig_Clear(&c);
    if (t_failed) return;
    Py_ExitStatusException(st);
}

static child_result run_bad_args(const char *a1, const char *a2) {
    bad_args[0] = "prog";
    bad_args[1] = a1;
    bad_args[2] = a2;
    bad_args[3] = NULL;
    return in_child(read_bad_args);
}


static void test_usage_errors(void) {
    child_result r = run_bad_args("-z", NULL);
    CHECK(!r.signaled && r.code == 2);
    CHECK_CONTAINS(r.err, "Unknown option: -z\n" USAGE);
    r = run_bad_args("-c", NULL);
    CHECK(!r.signaled && r.code == 2);
    CHECK_CONTAINS(r.err, "Argument expected for the -c option\n" USAGE);
    r = run_bad_args("-J", NULL);
    CHECK(!r.signaled && r.code == 2);
    CHECK_CONTAINS(r.err, "-J is reserved for Jython\n" USAGE);
    r = run_bad_args("--foo", NULL);
    CHECK(!r.signaled && r.code == 2);
    CHECK_CONTAINS(r.err, "unknown option --foo\n" USAGE);
    r = run_bad_args("--check-hash-based-pycs", "bad");
    CHECK(!r.signaled && r.code == 2);
    CHECK_CONTAINS(r.err, "--check-hash-based-pycs must be one of 'default', 'always', or 'never'\n" USAGE);
    r = run_bad_args("-V", NULL);
    CHECK(!r.signaled && r.code == 0);
    CHECK_CONTAINS(r.err, "Python 3.13.0\n");
    r = run_bad_args("-h", NULL);
    CHECK(!r.signaled && r.code == 0);
    CHECK_CONTAINS(r.err, "usage: prog [option] ... [-c cmd | -m mod | file | -] [arg] ...\n");
}

int main(void) {
    clean_environment();
    test_read_defaults();
    test_read_argv();
    test_read_env();
    test_read_errors();
    test_usage_errors();
    return TEST_DONE();
}
