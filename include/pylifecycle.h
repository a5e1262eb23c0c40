/* pylifecycle.h: interpreter configuration (PEP 684), its presets, and lifecycle macros. */
#ifndef Py_PYLIFECYCLE_H
#define Py_PYLIFECYCLE_H
#ifdef __cplusplus
extern "C" {
#endif

#define PyInterpreterConfig_DEFAULT_GIL (0)
#define PyInterpreterConfig_SHARED_GIL (1)
#define PyInterpreterConfig_OWN_GIL (2)

/* Configuration for Py_NewInterpreterFromConfig(); field order is CPython's. */
typedef struct {
    int use_main_obmalloc;      /* 1: the main interpreter's allocator; 0: its own */
    int allow_fork;
    int allow_exec;
    int allow_threads;
    int allow_daemon_threads;
    int check_multi_interp_extensions;  /* 1: single-phase-init modules refused */
    int gil;                    /* PyInterpreterConfig_*_GIL */
} PyInterpreterConfig;

/* An isolated interpreter: its own GIL, multi-phase extensions only. */
#define _PyInterpreterConfig_INIT \
    { \
        .use_main_obmalloc = 0, \
        .allow_fork = 0, \
        .allow_exec = 0, \
        .allow_threads = 1, \
        .allow_daemon_threads = 0, \
        .check_multi_interp_extensions = 1, \
        .gil = PyInterpreterConfig_OWN_GIL, \
    }

#define _PyInterpreterConfig_LEGACY_CHECK_MULTI_INTERP_EXTENSIONS 0

/* What Py_NewInterpreter() uses: the main interpreter's GIL, everything allowed. */
#define _PyInterpreterConfig_LEGACY_INIT \
    { \
        .use_main_obmalloc = 1, \
        .allow_fork = 1, \
        .allow_exec = 1, \
        .allow_threads = 1, \
        .allow_daemon_threads = 1, \
        .check_multi_interp_extensions = _PyInterpreterConfig_LEGACY_CHECK_MULTI_INTERP_EXTENSIONS, \
        .gil = PyInterpreterConfig_SHARED_GIL, \
    }

/* Feature flags as CPython 3.12 exposes them (_PyInterpreterState_HasFeature). */
#define Py_RTFLAGS_USE_MAIN_OBMALLOC (1UL << 5)
#define Py_RTFLAGS_MULTI_INTERP_EXTENSIONS (1UL << 8)
#define Py_RTFLAGS_THREADS (1UL << 10)
#define Py_RTFLAGS_DAEMON_THREADS (1UL << 11)
#define Py_RTFLAGS_FORK (1UL << 15)
#define Py_RTFLAGS_EXEC (1UL << 16)

#ifdef __cplusplus
}
#endif
#endif /* !Py_PYLIFECYCLE_H */
