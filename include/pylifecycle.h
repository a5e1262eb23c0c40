/* pylifecycle.h: lifecycle macros and the interpreter-config presets (PEP 684). */
#ifndef Py_PYLIFECYCLE_H
#define Py_PYLIFECYCLE_H

/* As in CPython 3.9+: the fatal error names the calling function. */
#define Py_FatalError(message) _Py_FatalErrorFunc(__func__, (message))

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

#endif /* !Py_PYLIFECYCLE_H */
