//! Every layout and constant C code sees through `Python.h`.
//!
//! This file is deliberately self-contained (only `core::ffi` types, no crate-internal
//! names, no `impl` blocks): the ABI check in `systest/` (ctest) parses it on its own and
//! compares each `#[repr(C)]` struct's size, alignment and field offsets, and each
//! constant's value, with what a C compiler makes of `include/Python.h`.
//!
//! C enums are spelled as `int` typedefs plus constants rather than Rust enums: C may pass
//! any integer, and an out-of-range value in a Rust enum is undefined behaviour.

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use core::ffi::{c_char, c_int, c_uint, c_ulong};

/// `Py_ssize_t` is `ssize_t` (declared in the header prelude, not generated).
pub type Py_ssize_t = isize;

/// `wchar_t` as C's `<wchar.h>` declares it on the platforms we build for (32-bit signed).
pub type wchar_t = c_int;

// ---------------------------------------------------------------------------------------
// Opaque handles
// ---------------------------------------------------------------------------------------

/// An interpreter: opaque to C, as in CPython's public headers.
///
/// Pointers to it are handed out by `Py_NewInterpreter*`, `PyInterpreterState_*` and
/// `PyThreadState_GetInterpreter`. Every entry point taking one checks it against the
/// runtime's registry, so a pointer to an interpreter that has ended is reported as an
/// error instead of being dereferenced.
pub struct PyInterpreterState {
    _private: [u8; 0],
}

/// PEP 788: a guard that keeps an interpreter from finalizing while it is held.
pub struct PyInterpreterGuard {
    _private: [u8; 0],
}

/// PEP 788: a weak, thread-safe reference to an interpreter that may already be gone.
pub struct PyInterpreterView {
    _private: [u8; 0],
}

/// PEP 788: what `PyThreadState_Ensure` returns and `PyThreadState_Release` takes back.
/// Not a thread state; never pass it to another function.
pub struct PyThreadStateToken {
    _private: [u8; 0],
}

// ---------------------------------------------------------------------------------------
// Thread state
// ---------------------------------------------------------------------------------------

/// The public head of a thread state, laid out as CPython 3.13's `struct _ts` begins, so
/// C code that reads `tstate->interp` (or walks `prev`/`next`) works unchanged. The rest of
/// the thread state is private to the runtime; C never allocates one itself.
#[repr(C)]
pub struct PyThreadState {
    /// Older thread state of the same interpreter (the list is newest first).
    pub prev: *mut PyThreadState,
    /// Next thread state of the same interpreter, or NULL.
    pub next: *mut PyThreadState,
    /// The interpreter this thread state belongs to.
    pub interp: *mut PyInterpreterState,
    /// Bits telling the holder to leave its fast path at the next safe point
    /// (`_PY_*_BIT` below); written atomically by other threads.
    pub eval_breaker: usize,
    /// CPython keeps a status bit-field here; ours is private bookkeeping.
    pub _status: c_uint,
    /// How this thread state came to be (`_PyThreadState_WHENCE_*`).
    pub _whence: c_int,
    /// `_Py_THREAD_DETACHED` or `_Py_THREAD_ATTACHED`.
    pub state: c_int,
}

pub const _Py_THREAD_DETACHED: c_int = 0;
pub const _Py_THREAD_ATTACHED: c_int = 1;

pub const _PyThreadState_WHENCE_UNKNOWN: c_int = 0;
pub const _PyThreadState_WHENCE_INIT: c_int = 1;
pub const _PyThreadState_WHENCE_FINI: c_int = 2;
pub const _PyThreadState_WHENCE_THREADING: c_int = 3;
pub const _PyThreadState_WHENCE_GILSTATE: c_int = 4;
pub const _PyThreadState_WHENCE_EXEC: c_int = 5;

/// Eval-breaker bits (CPython 3.13 values).
#[allow(clippy::identity_op)] // spelled like its siblings, as CPython does
pub const _PY_GIL_DROP_REQUEST_BIT: c_uint = (1 as c_uint) << 0;
pub const _PY_SIGNALS_PENDING_BIT: c_uint = (1 as c_uint) << 1;
pub const _PY_CALLS_TO_DO_BIT: c_uint = (1 as c_uint) << 2;
pub const _PY_ASYNC_EXCEPTION_BIT: c_uint = (1 as c_uint) << 3;
pub const _PY_GC_SCHEDULED_BIT: c_uint = (1 as c_uint) << 4;
pub const _PY_EVAL_PLEASE_STOP_BIT: c_uint = (1 as c_uint) << 5;

// ---------------------------------------------------------------------------------------
// GIL state
// ---------------------------------------------------------------------------------------

/// What `PyGILState_Ensure` returns: whether a thread state was already attached.
pub type PyGILState_STATE = c_int;
pub const PyGILState_LOCKED: PyGILState_STATE = 0;
pub const PyGILState_UNLOCKED: PyGILState_STATE = 1;

// ---------------------------------------------------------------------------------------
// Interpreter configuration (PEP 684)
// ---------------------------------------------------------------------------------------

/// Configuration for `Py_NewInterpreterFromConfig`; field order is CPython's.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PyInterpreterConfig {
    /// 1: share the main interpreter's object allocator; 0: its own (needs
    /// `check_multi_interp_extensions`).
    pub use_main_obmalloc: c_int,
    pub allow_fork: c_int,
    pub allow_exec: c_int,
    pub allow_threads: c_int,
    pub allow_daemon_threads: c_int,
    /// 1: single-phase-init extension modules fail to import here.
    pub check_multi_interp_extensions: c_int,
    /// `PyInterpreterConfig_DEFAULT_GIL`, `_SHARED_GIL` or `_OWN_GIL`.
    pub gil: c_int,
}

pub const PyInterpreterConfig_DEFAULT_GIL: c_int = 0;
pub const PyInterpreterConfig_SHARED_GIL: c_int = 1;
pub const PyInterpreterConfig_OWN_GIL: c_int = 2;

/// Feature flags as CPython 3.12 exposes them (`_PyInterpreterState_HasFeature`).
pub const Py_RTFLAGS_USE_MAIN_OBMALLOC: c_ulong = (1 as c_ulong) << 5;
pub const Py_RTFLAGS_MULTI_INTERP_EXTENSIONS: c_ulong = (1 as c_ulong) << 8;
pub const Py_RTFLAGS_THREADS: c_ulong = (1 as c_ulong) << 10;
pub const Py_RTFLAGS_DAEMON_THREADS: c_ulong = (1 as c_ulong) << 11;
pub const Py_RTFLAGS_FORK: c_ulong = (1 as c_ulong) << 15;
pub const Py_RTFLAGS_EXEC: c_ulong = (1 as c_ulong) << 16;

// ---------------------------------------------------------------------------------------
// PyStatus
// ---------------------------------------------------------------------------------------

/// Result of the initialization functions. `func` and `err_msg` point to static strings.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct PyStatus {
    /// `_PyStatus_TYPE_OK`, `_PyStatus_TYPE_ERROR` or `_PyStatus_TYPE_EXIT`.
    pub _type: c_int,
    /// Name of the function that failed, or NULL.
    pub func: *const c_char,
    /// Error message, or NULL.
    pub err_msg: *const c_char,
    /// Exit code when `_type` is `_PyStatus_TYPE_EXIT`.
    pub exitcode: c_int,
}

pub const _PyStatus_TYPE_OK: c_int = 0;
pub const _PyStatus_TYPE_ERROR: c_int = 1;
pub const _PyStatus_TYPE_EXIT: c_int = 2;

// ---------------------------------------------------------------------------------------
// Embedding configuration (PEP 587), CPython 3.13's field order
// ---------------------------------------------------------------------------------------

/// A list of wide strings owned by the config that holds it.
#[repr(C)]
pub struct PyWideStringList {
    pub length: Py_ssize_t,
    pub items: *mut *mut wchar_t,
}

/// Pre-initialization configuration.
#[repr(C)]
pub struct PyPreConfig {
    pub _config_init: c_int,
    pub parse_argv: c_int,
    pub isolated: c_int,
    pub use_environment: c_int,
    pub configure_locale: c_int,
    pub coerce_c_locale: c_int,
    pub coerce_c_locale_warn: c_int,
    pub utf8_mode: c_int,
    pub dev_mode: c_int,
    pub allocator: c_int,
}

/// Initialization configuration; see CPython's `Doc/c-api/init_config.rst`.
#[repr(C)]
pub struct PyConfig {
    pub _config_init: c_int,
    pub isolated: c_int,
    pub use_environment: c_int,
    pub dev_mode: c_int,
    pub install_signal_handlers: c_int,
    pub use_hash_seed: c_int,
    pub hash_seed: c_ulong,
    pub faulthandler: c_int,
    pub tracemalloc: c_int,
    pub perf_profiling: c_int,
    pub import_time: c_int,
    pub code_debug_ranges: c_int,
    pub show_ref_count: c_int,
    pub dump_refs: c_int,
    pub dump_refs_file: *mut wchar_t,
    pub malloc_stats: c_int,
    pub filesystem_encoding: *mut wchar_t,
    pub filesystem_errors: *mut wchar_t,
    pub pycache_prefix: *mut wchar_t,
    pub parse_argv: c_int,
    pub orig_argv: PyWideStringList,
    pub argv: PyWideStringList,
    pub xoptions: PyWideStringList,
    pub warnoptions: PyWideStringList,
    pub site_import: c_int,
    pub bytes_warning: c_int,
    pub warn_default_encoding: c_int,
    pub inspect: c_int,
    pub interactive: c_int,
    pub optimization_level: c_int,
    pub parser_debug: c_int,
    pub write_bytecode: c_int,
    pub verbose: c_int,
    pub quiet: c_int,
    pub user_site_directory: c_int,
    pub configure_c_stdio: c_int,
    pub buffered_stdio: c_int,
    pub stdio_encoding: *mut wchar_t,
    pub stdio_errors: *mut wchar_t,
    pub check_hash_pycs_mode: *mut wchar_t,
    pub use_frozen_modules: c_int,
    pub safe_path: c_int,
    pub int_max_str_digits: c_int,
    pub cpu_count: c_int,
    pub pathconfig_warnings: c_int,
    pub program_name: *mut wchar_t,
    pub pythonpath_env: *mut wchar_t,
    pub home: *mut wchar_t,
    pub platlibdir: *mut wchar_t,
    pub module_search_paths_set: c_int,
    pub module_search_paths: PyWideStringList,
    pub stdlib_dir: *mut wchar_t,
    pub executable: *mut wchar_t,
    pub base_executable: *mut wchar_t,
    pub prefix: *mut wchar_t,
    pub base_prefix: *mut wchar_t,
    pub exec_prefix: *mut wchar_t,
    pub base_exec_prefix: *mut wchar_t,
    pub skip_source_first_line: c_int,
    pub run_command: *mut wchar_t,
    pub run_module: *mut wchar_t,
    pub run_filename: *mut wchar_t,
    pub sys_path_0: *mut wchar_t,
    pub _install_importlib: c_int,
    pub _init_main: c_int,
    pub _is_python_build: c_int,
}

// ---------------------------------------------------------------------------------------
// Our own API (Subinterp_*): stable error codes, never reused
// ---------------------------------------------------------------------------------------

/// Result of every `Subinterp_*` function. Values are stable; a retired value is never
/// reused. `Subinterp_ErrorMessage` gives the text.
pub type SubinterpResult = c_int;
/// Success.
pub const SUBINTERP_OK: SubinterpResult = 0;
/// A required pointer argument was NULL.
pub const SUBINTERP_ERR_NULL_ARGUMENT: SubinterpResult = 1;
/// The runtime is not initialized (or is finalizing).
pub const SUBINTERP_ERR_NOT_INITIALIZED: SubinterpResult = 2;
/// The interpreter pointer does not name a live interpreter.
pub const SUBINTERP_ERR_INVALID_INTERPRETER: SubinterpResult = 3;
/// The thread-state pointer does not name a live thread state.
pub const SUBINTERP_ERR_INVALID_THREAD_STATE: SubinterpResult = 4;
/// The thread state must be the calling thread's attached thread state.
pub const SUBINTERP_ERR_NOT_CURRENT: SubinterpResult = 5;
/// Other thread states still exist in the interpreter.
pub const SUBINTERP_ERR_OTHER_THREADS: SubinterpResult = 6;
/// The operation does not apply to the main interpreter.
pub const SUBINTERP_ERR_MAIN_INTERPRETER: SubinterpResult = 7;
/// An argument value is out of range.
pub const SUBINTERP_ERR_INVALID_VALUE: SubinterpResult = 8;
/// The interpreter or the runtime is finalizing.
pub const SUBINTERP_ERR_FINALIZING: SubinterpResult = 9;
/// PEP 788 guards on the interpreter are still open.
pub const SUBINTERP_ERR_GUARDS_HELD: SubinterpResult = 10;
/// The pending-call queue is full.
pub const SUBINTERP_ERR_QUEUE_FULL: SubinterpResult = 11;
/// An internal error (a Rust panic was caught at the API boundary).
pub const SUBINTERP_ERR_PANIC: SubinterpResult = 99;

/// Counters of what the runtime holds, for leak checks (`Subinterp_GetStats`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct SubinterpStats {
    /// 1 between `Py_Initialize` and the end of `Py_FinalizeEx`.
    pub initialized: c_int,
    /// Interpreters alive now, main included.
    pub live_interpreters: Py_ssize_t,
    /// Thread states alive now, in all interpreters.
    pub live_thread_states: Py_ssize_t,
    /// Interpreters created since the runtime was (last) initialized, main included.
    pub interpreters_created: Py_ssize_t,
    /// Thread states created since the runtime was (last) initialized.
    pub thread_states_created: Py_ssize_t,
}
