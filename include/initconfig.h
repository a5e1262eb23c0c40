/* initconfig.h: initialization statuses and configuration (PEP 587), CPython 3.13's layout. */
#ifndef Py_PYCORECONFIG_H
#define Py_PYCORECONFIG_H
#ifdef __cplusplus
extern "C" {
#endif

/* The result of the initialization functions; func and err_msg point to static strings. */
typedef struct {
    int _type;              /* _PyStatus_TYPE_OK, _ERROR or _EXIT */
    const char *func;       /* the function that failed, or NULL */
    const char *err_msg;    /* the message, or NULL */
    int exitcode;           /* for _PyStatus_TYPE_EXIT */
} PyStatus;

#define _PyStatus_TYPE_OK 0
#define _PyStatus_TYPE_ERROR 1
#define _PyStatus_TYPE_EXIT 2

/* A list of wide strings owned by the config that holds it. */
typedef struct {
    Py_ssize_t length;
    wchar_t **items;
} PyWideStringList;

typedef struct PyPreConfig {
    int _config_init;
    int parse_argv;
    int isolated;
    int use_environment;
    int configure_locale;
    int coerce_c_locale;
    int coerce_c_locale_warn;
    int utf8_mode;
    int dev_mode;
    int allocator;} PyPreConfig;

/* See CPython's Doc/c-api/init_config.rst for each field. */
typedef struct PyConfig {
    int _config_init;
    int isolated;
    int use_environment;
    int dev_mode;
    int install_signal_handlers;
    int use_hash_seed;
    unsigned long hash_seed;
    int faulthandler;
    int tracemalloc;
    int perf_profiling;
    int import_time;
    int code_debug_ranges;
    int show_ref_count;
    int dump_refs;
    wchar_t *dump_refs_file;
    int malloc_stats;
    wchar_t *filesystem_encoding;
    wchar_t *filesystem_errors;
    wchar_t *pycache_prefix;
    int parse_argv;
    PyWideStringList orig_argv;
    PyWideStringList argv;
    PyWideStringList xoptions;
    PyWideStringList warnoptions;
    int site_import;
    int bytes_warning;
    int warn_default_encoding;
    int inspect;
    int interactive;
    int optimization_level;
    int parser_debug;
    int write_bytecode;
    int verbose;
    int quiet;
    int user_site_directory;
    int configure_c_stdio;
    int buffered_stdio;
    wchar_t *stdio_encoding;
    wchar_t *stdio_errors;
    wchar_t *check_hash_pycs_mode;
    int use_frozen_modules;
    int safe_path;
    int int_max_str_digits;
    int cpu_count;
    int pathconfig_warnings;
    wchar_t *program_name;
    wchar_t *pythonpath_env;
    wchar_t *home;
    wchar_t *platlibdir;
    int module_search_paths_set;
    PyWideStringList module_search_paths;
    wchar_t *stdlib_dir;
    wchar_t *executable;
    wchar_t *base_executable;
    wchar_t *prefix;
    wchar_t *base_prefix;
    wchar_t *exec_prefix;
    wchar_t *base_exec_prefix;
    int skip_source_first_line;
    wchar_t *run_command;
    wchar_t *run_module;
    wchar_t *run_filename;
    wchar_t *sys_path_0;
    int _install_importlib;
    int _init_main;
    int _is_python_build;} PyConfig;

#ifdef __cplusplus
}
#endif
#endif /* !Py_PYCORECONFIG_H */
