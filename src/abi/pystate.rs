//! Thread and interpreter states, the GIL state, interpreter configs (`pystate.h`,
//! `cpython/pylifecycle.h`), and our own `Subinterp_*` result codes and stats.

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use core::ffi::{c_int, c_uint, c_ulong};

use super::*;

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
    /// 1 MiB object arenas mapped now, by every interpreter's heap together.
    pub heap_arenas: Py_ssize_t,
}

/// What one interpreter's heap holds (`Subinterp_GetHeapStats`).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct SubinterpHeapStats {
    /// Blocks (objects and buffers) allocated and not freed.
    pub live_blocks: Py_ssize_t,
    /// Their sizes, summed (small blocks count their size class).
    pub live_bytes: Py_ssize_t,
    /// 1 MiB arenas the heap holds (released when the interpreter ends).
    pub arenas: Py_ssize_t,
    /// Blocks above 512 bytes, allocated separately.
    pub large_blocks: Py_ssize_t,
}
