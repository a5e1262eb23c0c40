//! The runtime: the one process-wide mutable global.
//!
//! It holds only what must be process-wide: the lifecycle state, the interpreter registry
//! (id counter, live interpreters in creation order), the embedding configuration, the
//! `Py_AtExit` functions and leak-check counters. Everything else belongs to an
//! interpreter. Each field is an atomic or sits behind its own lock; `make check-globals`
//! fails the build if any other writable static appears in the library.

use std::ffi::c_int;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicPtr, AtomicU64, AtomicU8, Ordering::*};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::abi::{PyInterpreterState, SubinterpStats};
use crate::config::preinit::PreConfig;
use crate::config::CoreConfig;
use crate::interp::Interp;

pub(crate) const UNINITIALIZED: u8 = 0;
/// `Py_Initialize` is running.
pub(crate) const INITIALIZING: u8 = 1;
pub(crate) const RUNNING: u8 = 2;
/// `Py_FinalizeEx` is tearing down interpreters: only `lifecycle_thread` may attach.
pub(crate) const FINALIZING: u8 = 3;

/// `Py_AtExit` keeps at most this many functions, as CPython does.
pub(crate) const MAX_EXIT_FUNCS: usize = 32;

pub(crate) struct Registry {
    /// Live interpreters in creation order (main first).
    pub(crate) interps: Vec<Arc<Interp>>,
    pub(crate) next_id: i64,
    pub(crate) created: isize,
}

pub(crate) struct Runtime {
    lifecycle: AtomicU8,
    /// The thread running `Py_Initialize`/`Py_FinalizeEx`, 0 otherwise: the only thread
    /// allowed to attach while the lifecycle is not `RUNNING`.
    lifecycle_thread: AtomicU64,
    /// The thread state that ran the last finalization, kept (like CPython's
    /// `_PyRuntime._finalizing`) until the runtime is initialized again: it is what
    /// `Py_IsFinalizing` and the fatal-error report's runtime state go by.
    finalizing_tstate: AtomicU64,
    ever_initialized: AtomicBool,
    preinitialized: AtomicBool,
    main: AtomicPtr<Interp>,
    /// Thread that called `Py_Initialize` (CPython's main thread).
    main_thread: AtomicU64,
    pub(crate) registry: Mutex<Registry>,
    /// Held for the whole of `Py_Initialize*`/`Py_FinalizeEx`.
    pub(crate) lifecycle_lock: Mutex<()>,
    /// The thread holding `lifecycle_lock` (0: none), to spot re-entry from callbacks.
    pub(crate) lifecycle_owner: AtomicU64,
    pub(crate) config: Mutex<Option<CoreConfig>>,
    /// What pre-initialization decided (`Py_PreInitialize*`, or implied by the first
    /// configuration call); cleared at finalization.
    pub(crate) preconfig: Mutex<Option<PreConfig>>,
    pub(crate) exit_funcs: Mutex<Vec<extern "C" fn()>>,
    live_interps: AtomicIsize,
    live_tstates: AtomicIsize,
    tstates_created: AtomicIsize,
    /// Object arenas mapped now (all heaps).
    pub(crate) live_arenas: AtomicIsize,
    /// Which address slots hold object arenas (`object::alloc`): process-wide because a
    /// block may be freed from any thread state.
    pub(crate) arena_map: crate::object::alloc::ArenaMap,
    /// Static types readied since initialization, and the heap for what they share.
    pub(crate) static_types: Mutex<crate::object::typeobject::StaticTypes>,
    /// The next type version tag (`object::attr`'s method cache); never reused.
    pub(crate) next_type_version: std::sync::atomic::AtomicU32,
    /// The 24 bytes of CPython's `_Py_HashSecret` (`str`/`bytes` hashing), little-endian
    /// words. Written once per process, by the first initialization (from `PYTHONHASHSEED`
    /// or the OS's random source), as CPython does; read by every interpreter.
    hash_secret: [AtomicU64; 3],
    hash_secret_set: AtomicBool,
    /// The last index `PyModuleDef_Init` gave a module definition (CPython's
    /// `_PyImport_GetNextModuleIndex`); indexes only go up.
    module_index: AtomicIsize,
}

/// The runtime. cbindgen:ignore
pub(crate) static RUNTIME: Runtime = Runtime {
    lifecycle: AtomicU8::new(UNINITIALIZED),
    lifecycle_thread: AtomicU64::new(0),
    finalizing_tstate: AtomicU64::new(0),
    ever_initialized: AtomicBool::new(false),
    preinitialized: AtomicBool::new(false),
    main: AtomicPtr::new(std::ptr::null_mut()),
    main_thread: AtomicU64::new(0),
    registry: Mutex::new(Registry { interps: Vec::new(), next_id: 0, created: 0 }),
    lifecycle_lock: Mutex::new(()),
    lifecycle_owner: AtomicU64::new(0),
    config: Mutex::new(None),
    preconfig: Mutex::new(None),
    exit_funcs: Mutex::new(Vec::new()),
    live_interps: AtomicIsize::new(0),
    live_tstates: AtomicIsize::new(0),
    tstates_created: AtomicIsize::new(0),
    live_arenas: AtomicIsize::new(0),
    arena_map: crate::object::alloc::ArenaMap::new(),
    static_types: Mutex::new(crate::object::typeobject::StaticTypes::new()),
    next_type_version: std::sync::atomic::AtomicU32::new(1),
    hash_secret: [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)],
    hash_secret_set: AtomicBool::new(false),
    module_index: AtomicIsize::new(0),
};

/// A fresh module definition index (from 1).
pub(crate) fn next_module_index() -> isize {
    RUNTIME.module_index.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
}

#[inline]
pub(crate) fn lifecycle() -> u8 {
    RUNTIME.lifecycle.load(Acquire)
}

pub(crate) fn set_lifecycle(state: u8, thread: u64) {
    RUNTIME.lifecycle_thread.store(thread, Release);
    RUNTIME.lifecycle.store(state, Release);
}

pub(crate) fn is_initialized() -> bool {
    lifecycle() == RUNNING
}

/// `Py_IsFinalizing`: true from the start of finalization until the next initialization
/// (CPython 3.13 keeps reporting 1 after `Py_FinalizeEx` returns, and inside `Py_AtExit`
/// functions).
pub(crate) fn is_finalizing() -> bool {
    match lifecycle() {
        FINALIZING => true,
        UNINITIALIZED => RUNTIME.finalizing_tstate.load(Acquire) != 0,
        _ => false,
    }
}

/// Forgets the last finalization, as CPython's `_PyRuntime_Initialize` does (it runs at
/// `Py_Initialize` and at the start of `Py_NewInterpreter*`, even when they then fail).
pub(crate) fn forget_finalization() {
    RUNTIME.finalizing_tstate.store(0, Release);
}

/// Whether interpreters exist (the runtime is running or finalizing).
pub(crate) fn has_interpreters() -> bool {
    matches!(lifecycle(), RUNNING | FINALIZING)
}

pub(crate) fn ever_initialized() -> bool {
    RUNTIME.ever_initialized.load(Acquire)
}

pub(crate) fn set_ever_initialized() {
    RUNTIME.ever_initialized.store(true, Release);
}

pub(crate) fn set_preinitialized(v: bool) {
    RUNTIME.preinitialized.store(v, Release);
}

pub(crate) fn is_preinitialized() -> bool {
    RUNTIME.preinitialized.load(Acquire)
}

pub(crate) fn set_finalizing_tstate(ts: usize) {
    RUNTIME.finalizing_tstate.store(ts as u64, Release);
}

/// Sets the hash secret, unless an earlier initialization of this process did: like
/// CPython's, it stays fixed for the life of the process. Called while the runtime
/// initializes (nothing reads it concurrently then).
pub(crate) fn init_hash_secret(choose: impl FnOnce() -> crate::object::pyhash::HashSecret) {
    if RUNTIME.hash_secret_set.load(Acquire) {
        return;
    }
    let secret = choose();
    for (word, bytes) in RUNTIME.hash_secret.iter().zip(secret.as_bytes().chunks_exact(8)) {
        word.store(u64::from_le_bytes(bytes.try_into().expect("8 bytes")), Relaxed);
    }
    RUNTIME.hash_secret_set.store(true, Release);
}

/// The hash secret fixed at initialization.
#[inline]
pub(crate) fn hash_secret() -> crate::object::pyhash::HashSecret {
    let mut bytes = [0u8; 24];
    for (chunk, word) in bytes.chunks_exact_mut(8).zip(&RUNTIME.hash_secret) {
        chunk.copy_from_slice(&word.load(Relaxed).to_le_bytes());
    }
    crate::object::pyhash::HashSecret::from_bytes(bytes)
}

/// Whether the calling thread may take a GIL now: always while running; otherwise only
/// the thread initializing or finalizing the runtime.
#[inline]
pub(crate) fn attach_allowed() -> bool {
    lifecycle() == RUNNING || RUNTIME.lifecycle_thread.load(Acquire) == crate::tstate::thread_key()
}

pub(crate) fn set_main(interp: *const Interp, thread: u64) {
    RUNTIME.main.store(interp as *mut Interp, Release);
    RUNTIME.main_thread.store(thread, Release);
}

/// The main interpreter, while the runtime has one.
pub(crate) fn main() -> Option<Arc<Interp>> {
    let reg = RUNTIME.registry.lock();
    let p = RUNTIME.main.load(Acquire);
    reg.interps.iter().find(|i| Arc::as_ptr(i) == p).cloned()
}

/// The main interpreter's C pointer, without taking the registry lock.
pub(crate) fn main_ptr() -> *mut PyInterpreterState {
    RUNTIME.main.load(Acquire) as *mut PyInterpreterState
}

pub(crate) fn is_main_thread() -> bool {
    RUNTIME.main_thread.load(Acquire) == crate::tstate::thread_key()
}

/// Turns a pointer from C into the live interpreter it names, or `None`.
pub(crate) fn lookup(p: *mut PyInterpreterState) -> Option<Arc<Interp>> {
    if p.is_null() {
        return None;
    }
    let reg = RUNTIME.registry.lock();
    reg.interps.iter().find(|i| Arc::as_ptr(i) as *mut PyInterpreterState == p).cloned()
}

/// Registers a new interpreter, giving it the next id. Fails unless the runtime is
/// running (or being initialized by this thread).
pub(crate) fn register(make: impl FnOnce(i64) -> Arc<Interp>) -> Option<Arc<Interp>> {
    let mut reg = RUNTIME.registry.lock();
    let state = lifecycle();
    if !(state == RUNNING || (state == INITIALIZING && attach_allowed())) {
        return None;
    }
    let id = reg.next_id;
    reg.next_id += 1;
    reg.created += 1;
    let interp = make(id);
    reg.interps.push(Arc::clone(&interp));
    RUNTIME.live_interps.fetch_add(1, Relaxed);
    Some(interp)
}

/// Removes an interpreter from the registry (its memory goes with the last reference).
pub(crate) fn unregister(interp: &Arc<Interp>) {
    let mut reg = RUNTIME.registry.lock();
    if let Some(pos) = reg.interps.iter().position(|i| Arc::ptr_eq(i, interp)) {
        reg.interps.remove(pos);
        RUNTIME.live_interps.fetch_sub(1, Relaxed);
    }
    if std::ptr::eq(RUNTIME.main.load(Acquire), Arc::as_ptr(interp)) {
        RUNTIME.main.store(std::ptr::null_mut(), Release);
    }
}

/// Live interpreters, newest first (the order of `PyInterpreterState_Head/Next`).
pub(crate) fn interps_newest_first() -> Vec<Arc<Interp>> {
    let reg = RUNTIME.registry.lock();
    reg.interps.iter().rev().cloned().collect()
}

/// `PyInterpreterState_Head`.
pub(crate) fn head() -> *mut PyInterpreterState {
    let reg = RUNTIME.registry.lock();
    reg.interps.last().map_or(std::ptr::null_mut(), |i| i.as_c())
}

/// `PyInterpreterState_Next`: the next older interpreter, or NULL (also for a pointer that
/// is not a live interpreter).
pub(crate) fn next(p: *mut PyInterpreterState) -> *mut PyInterpreterState {
    let reg = RUNTIME.registry.lock();
    match reg.interps.iter().position(|i| i.as_c() == p) {
        Some(pos) if pos > 0 => reg.interps[pos - 1].as_c(),
        _ => std::ptr::null_mut(),
    }
}

/// Resets the per-lifetime counters at `Py_Initialize` (IDs start again at 0 for main).
pub(crate) fn reset_counters(reg: &mut Registry) {
    reg.next_id = 0;
    reg.created = 0;
    RUNTIME.tstates_created.store(0, Relaxed);
}

pub(crate) fn count_thread_state(delta: isize) {
    RUNTIME.live_tstates.fetch_add(delta, Relaxed);
    if delta > 0 {
        RUNTIME.tstates_created.fetch_add(delta, Relaxed);
    }
}

pub(crate) fn stats() -> SubinterpStats {
    let reg = RUNTIME.registry.lock();
    SubinterpStats {
        initialized: c_int::from(lifecycle() == RUNNING),
        live_interpreters: RUNTIME.live_interps.load(Relaxed),
        live_thread_states: RUNTIME.live_tstates.load(Relaxed),
        interpreters_created: reg.created,
        thread_states_created: RUNTIME.tstates_created.load(Relaxed),
        heap_arenas: RUNTIME.live_arenas.load(Relaxed),
    }
}

/// The "Python runtime state" line of a fatal error report.
pub(crate) fn describe_state() -> String {
    match lifecycle() {
        RUNNING => "initialized".to_string(),
        FINALIZING | UNINITIALIZED if RUNTIME.finalizing_tstate.load(Acquire) != 0 => {
            format!("finalizing (tstate=0x{:016x})", RUNTIME.finalizing_tstate.load(Acquire))
        }
        INITIALIZING => "core initialized".to_string(),
        _ if is_preinitialized() => "preinitialized".to_string(),
        _ => "unknown".to_string(),
    }
}
