/*
 * sub_config.c: what subinterp's configuration API does where CPython crashes or differs:
 * NULL and malformed arguments give error statuses, read-back strings end with the
 * runtime, a running runtime is not reconfigured, and the default prefix is where
 * libsubinterp.so lives.
 */
#define _GNU_SOURCE   /* dladdr */
#include "config_util.h"
#include <dlfcn.h>
#include <libgen.h>
#include <limits.h>

static void test_null_arguments(void) {
    PyConfig c;
    PyConfig_InitPythonConfig(NULL);
    PyConfig_InitIsolatedConfig(NULL);
    PyPreConfig_InitPythonConfig(NULL);
    PyPreConfig_InitIsolatedConfig(NULL);
    PyConfig_Clear(NULL);
    Py_GetArgcArgv(NULL, NULL);
    PyConfig_InitPythonConfig(&c);

    CHECK_ERR(PyConfig_Read(NULL), "PyConfig_Read", "config must not be NULL");
    CHECK_ERR(PyConfig_SetString(NULL, &c.home, L"x"), "PyConfig_SetString", "config must not be NULL");
    CHECK_ERR(PyConfig_SetString(&c, NULL, L"x"), "PyConfig_SetString", "config_str must not be NULL");
    CHECK_ERR(PyConfig_SetBytesString(&c, NULL, "x"), "PyConfig_SetBytesString", "config_str must not be NULL");
    CHECK_ERR(PyConfig_SetArgv(NULL, 0, NULL), "PyConfig_SetArgv", "config must not be NULL");
    CHECK_ERR(PyConfig_SetArgv(&c, 2, NULL), "PyConfig_SetArgv", "argv must not be NULL");
    wchar_t *wargv[] = { L"prog", NULL };
    CHECK_ERR(PyConfig_SetArgv(&c, 2, wargv), "PyConfig_SetArgv", "argv contains a NULL item");
    char *bargv[] = { "prog", NULL };
    CHECK_ERR(PyConfig_SetBytesArgv(&c, 2, bargv), "PyConfig_SetBytesArgv", "argv contains a NULL item");
    CHECK_ERR(PyConfig_SetWideStringList(&c, NULL, 0, NULL), "PyConfig_SetWideStringList", "list must not be NULL");
    CHECK_ERR(PyConfig_SetWideStringList(&c, &c.xoptions, 1, NULL), "PyConfig_SetWideStringList",
              "items must not be NULL");
    CHECK_ERR(PyConfig_SetWideStringList(&c, &c.xoptions, 2, wargv), "PyConfig_SetWideStringList",
              "items contains a NULL item");
    CHECK_INT(c.argv.length, 0);
    CHECK_INT(c.xoptions.length, 0);

    PyWideStringList l = { 0, NULL };
    CHECK_ERR(PyWideStringList_Append(NULL, L"x"), "PyWideStringList_Append", "list must not be NULL");
    CHECK_ERR(PyWideStringList_Append(&l, NULL), "PyWideStringList_Append", "item must not be NULL");
    CHECK_ERR(PyWideStringList_Insert(NULL, 0, L"x"), "PyWideStringList_Insert", "list must not be NULL");
    PyWideStringList broken = { 2, NULL };
    CHECK_ERR(PyWideStringList_Insert(&broken, 0, L"x"), "PyWideStringList_Insert",
              "list has a negative length or NULL items");
    CHECK_INT(l.length, 0);

    /* A list with a NULL item is reported, not followed. */
    wchar_t *items[] = { L"prog", NULL };
    c.argv.length = 2;
    c.argv.items = items;
    CHECK_ERR(PyConfig_Read(&c), "PyConfig_Read", "PyConfig.argv contains a NULL item");
    CHECK_ERR(Py_InitializeFromConfig(&c), "Py_InitializeFromConfig", "PyConfig.argv contains a NULL item");
    CHECK(!Py_IsInitialized());
    c.argv.length = 0;
    c.argv.items = NULL;
    c.xoptions.length = -1;
    CHECK_ERR(PyConfig_Read(&c), "PyConfig_Read", "PyConfig.xoptions has a negative length or NULL items");
    c.xoptions.length = 0;
    PyConfig_Clear(&c);

    size_t n = 0;
    CHECK(Py_DecodeLocale(NULL, &n) == NULL);
    CHECK(n == (size_t)-2);
    CHECK(Py_EncodeLocale(NULL, &n) == NULL);
    CHECK(n == (size_t)-1);
    /* Encoding works before initialization here (CPython needs an interpreter). */
    char *b = Py_EncodeLocale(L"ok", NULL);
    CHECK_STR(b, "ok");
    PyMem_RawFree(b);

    void *p = PyMem_RawMalloc(0);
    CHECK(p != NULL);
    p = PyMem_RawRealloc(p, 100);
    CHECK(p != NULL);
    PyMem_RawFree(p);
    int *z = PyMem_RawCalloc(4, sizeof(int));
    CHECK(z != NULL && z[0] == 0 && z[3] == 0);
    PyMem_RawFree(z);
    CHECK(PyMem_RawMalloc((size_t)PY_SSIZE_T_MAX + 1) == NULL);
    CHECK(PyMem_RawCalloc((size_t)PY_SSIZE_T_MAX, 2) == NULL);
    PyMem_RawFree(NULL);
}

static void test_lifetime(void) {
    setenv("SUBINTERP_PATH", "/sp/one:/sp/two", 1);
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    char *args[] = { "prog", "x" };
    CHECK_OK(PyConfig_SetBytesArgv(&c, 2, args));
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    /* SUBINTERP_PATH is searched for extension modules after the module search path, but
       is not part of it. */
    CHECK(wcsstr(Py_GetPath(), L"/sp/one") == NULL);

    /* Without home, the prefix is the directory above the one holding the library. */
    Dl_info info;
    CHECK(dladdr((void *)Py_GetPath, &info) != 0);
    char real[PATH_MAX];
    CHECK(realpath(info.dli_fname, real) != NULL);
    wchar_t want[PATH_MAX];
    swprintf(want, PATH_MAX, L"%s", dirname(dirname(real)));
    CHECK(Py_GetPrefix() != NULL && wcscmp(Py_GetPrefix(), want) == 0);
    CHECK(Py_GetExecPrefix() != NULL && wcscmp(Py_GetExecPrefix(), want) == 0);

    /* A running runtime is not reconfigured (CPython applies part of the new config). */
    PyConfig_InitIsolatedConfig(&c);
    CHECK_OK(PyConfig_SetString(&c, &c.program_name, L"other"));
    CHECK_OK(Py_InitializeFromConfig(&c));
    PyConfig_Clear(&c);
    CHECK(wcscmp(Py_GetProgramName(), L"prog") == 0);

    CHECK_INT(Py_FinalizeEx(), 0);
    /* The read-back strings end with the runtime (CPython keeps the last ones). */
    CHECK(Py_GetProgramName() == NULL);
    CHECK(Py_GetPath() == NULL);
    CHECK(Py_GetProgramFullPath() == NULL);
    CHECK(Py_GetPrefix() == NULL);
    CHECK(Py_GetExecPrefix() == NULL);
    int argc = -1;
    wchar_t **argv = (wchar_t **)&argc;
    Py_GetArgcArgv(&argc, &argv);
    CHECK_INT(argc, 0);
    CHECK(argv == NULL);
    unsetenv("SUBINTERP_PATH");
}

int main(void) {
    unsetenv("PYTHONPATH");
    test_null_arguments();
    test_lifetime();
    return TEST_DONE();
}
