//! Interpreters: everything one interpreter owns (CPython's `PyInterpreterState`).
//!
//! An interpreter is an `Arc<Interp>`: the runtime registry holds one reference, each of
//! its thread states another, so an interpreter's memory outlives every thread state that
//! points at it. C sees `*mut PyInterpreterState`, which is `Arc::as_ptr` of the `Interp`;
//! entry points turn it back into an `Arc` only through the registry
//! ([`crate::runtime::lookup`]), so a stale pointer is an error, never a dereference.
//!
//! Lock order: runtime registry → `InterpShared::life` → `Interp::threads` → GIL mutex;
//! `Interp::pending` → `Interp::threads`.

use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::*};
use std::sync::Arc;
use std::time::Duration;

use parking_lot::{Condvar, Mutex};

use crate::abi::{
    PyInterpreterConfig, PyInterpreterConfig_OWN_GIL, PyInterpreterState, Py_RTFLAGS_DAEMON_THREADS,
    Py_RTFLAGS_EXEC, Py_RTFLAGS_FORK, Py_RTFLAGS_MULTI_INTERP_EXTENSIONS, Py_RTFLAGS_THREADS,
    Py_RTFLAGS_USE_MAIN_OBMALLOC, _PY_CALLS_TO_DO_BIT,
};
use crate::gil::Gil;
use crate::object::alloc::Heap;
use crate::tstate::ThreadState;

/// How an interpreter came to be (CPython 3.13's `_PyInterpreterState_WHENCE_*`).
pub(crate) const WHENCE_UNKNOWN: c_int = 0;
pub(crate) const WHENCE_RUNTIME: c_int = 1;
pub(crate) const WHENCE_LEGACY_CAPI: c_int = 2;
pub(crate) const WHENCE_CAPI: c_int = 3;

/// Pending-call queue capacity: CPython 3.13 allows 32 for the main interpreter and 300
/// for the others.
pub(crate) const MAX_PENDING_MAIN: usize = 32;
pub(crate) const MAX_PENDING: usize = 300;

pub(crate) type PendingFunc = unsafe extern "C" fn(*mut c_void) -> c_int;
pub(crate) type AtExitFunc = unsafe extern "C" fn(*mut c_void);

/// What outlives the interpreter: its PEP 788 guard state. Views hold this.
pub(crate) struct InterpShared {
    life: Mutex<Life>,
    /// Signalled when the last guard closes.
    guards_gone: Condvar,
}

struct Life {
    /// The interpreter, while it exists (NULL once deleted).
    interp: *const Interp,
    /// Set when finalization of the interpreter is requested: no new guards, no new
    /// thread states.
    closing: bool,
    /// Open guards (explicit ones and those `PyThreadState_EnsureFromView` holds).
    guards: usize,
}

// SAFETY: `interp` is only dereferenced while a guard or registry reference keeps the
// interpreter alive; the pointer itself is just data guarded by the mutex.
unsafe impl Send for Life {}

/// The interpreter's thread states, newest first, linked through their C heads.
struct Threads {
    head: *mut ThreadState,
    count: usize,
    next_id: u64,
}

// SAFETY: the raw pointers are only followed under the `threads` mutex or by the thread
// owning the thread state.
unsafe impl Send for Threads {}

struct Pending {
    queue: std::collections::VecDeque<(PendingFunc, usize)>,
    /// Set while some thread runs this queue: calls never run re-entrantly.
    busy: bool,
}

pub(crate) struct Interp {
    pub(crate) id: i64,
    /// The configuration as given, with `gil` resolved to OWN or SHARED.
    pub(crate) config: PyInterpreterConfig,
    pub(crate) feature_flags: std::ffi::c_ulong,
    /// Kept for PEP 734's `Interpreter.whence` (the interpreters module, a later phase).
    #[allow(dead_code)]
    pub(crate) whence: c_int,
    pub(crate) is_main: bool,
    pub(crate) gil: Arc<Gil>,
    pub(crate) shared: Arc<InterpShared>,
    threads: Mutex<Threads>,
    pending: Mutex<Pending>,
    pending_count: AtomicUsize,
    atexit: Mutex<Vec<(AtExitFunc, usize)>>,
    /// CPython's `interp->finalizing`: set once `Py_EndInterpreter` began.
    pub(crate) finalizing: AtomicBool,
    /// Its interned strings (`object::unicodeobject::intern`), used under its GIL; the
    /// strings' memory goes with the heap, the table with the interpreter.
    interned: std::cell::UnsafeCell<crate::object::unicodeobject::intern::Table>,
    /// Its memory (see `object::alloc`), used under its GIL. Interpreters that share the
    /// main interpreter's allocator (`use_main_obmalloc` with the main GIL) use main's and
    /// leave this one empty.
    heap: std::cell::UnsafeCell<Heap>,
    /// The heap its thread states allocate from: its own, or main's.
    heap_ptr: *mut Heap,
    /// Warnings already shown by the "default" action, by (message, category address):
    /// CPython's `__warningregistry__` of the `sys` module, where C-level warnings land.
    pub(crate) warnings_shown: Mutex<std::collections::HashSet<(String, usize)>>,
    /// `PyInterpreterState_GetDict`'s dict (owned, made on first use), touched under its GIL.
    state_dict: std::cell::Cell<*mut crate::abi::PyObject>,
    /// Its tracked GC objects (`object::gc`), touched under its GIL.
    gc: crate::object::gc::GcState,
    /// Its weak reference list heads for static types (`object::weakrefobject`), which
    /// every interpreter shares: each interpreter keeps its own, as CPython 3.12+ does for
    /// static builtin types. Boxed so a head's address stays put; used under its GIL.
    static_weaklists: std::cell::UnsafeCell<std::collections::HashMap<usize, Box<*mut crate::abi::PyObject>>>,
    /// Its type attribute cache (`object::attr`), used under its GIL.
    pub(crate) type_cache: crate::object::attr::TypeCache,
}

// SAFETY: all mutable state is behind mutexes or atomics.
unsafe impl Send for Interp {}
unsafe impl Sync for Interp {}

fn feature_flags(c: &PyInterpreterConfig) -> std::ffi::c_ulong {
    let mut f = 0;
    let mut set = |on: c_int, flag: std::ffi::c_ulong| {
        if on != 0 {
            f |= flag;
        }
    };
    set(c.use_main_obmalloc, Py_RTFLAGS_USE_MAIN_OBMALLOC);
    set(c.check_multi_interp_extensions, Py_RTFLAGS_MULTI_INTERP_EXTENSIONS);
    set(c.allow_threads, Py_RTFLAGS_THREADS);
    set(c.allow_daemon_threads, Py_RTFLAGS_DAEMON_THREADS);
    set(c.allow_fork, Py_RTFLAGS_FORK);
    set(c.allow_exec, Py_RTFLAGS_EXEC);
    f
}

impl Interp {
    /// A new interpreter; `main_heap` is the heap to share, if it uses the main one's.
    pub(crate) fn new(
        id: i64,
        config: PyInterpreterConfig,
        whence: c_int,
        is_main: bool,
        gil: Arc<Gil>,
        main_heap: Option<*mut Heap>,
    ) -> Arc<Interp> {
        let shared = Arc::new(InterpShared {
            life: Mutex::new(Life { interp: std::ptr::null(), closing: false, guards: 0 }),
            guards_gone: Condvar::new(),
        });
        let interp = Arc::new(Interp {
            id,
            config,
            feature_flags: feature_flags(&config),
            whence,
            is_main,
            gil,
            shared,
            threads: Mutex::new(Threads { head: std::ptr::null_mut(), count: 0, next_id: 1 }),
            pending: Mutex::new(Pending { queue: Default::default(), busy: false }),
            pending_count: AtomicUsize::new(0),
            atexit: Mutex::new(Vec::new()),
            finalizing: AtomicBool::new(false),
            interned: std::cell::UnsafeCell::new(crate::object::unicodeobject::intern::Table::new()),
            heap: std::cell::UnsafeCell::new(Heap::new()),
            heap_ptr: std::ptr::null_mut(),
            warnings_shown: Mutex::new(std::collections::HashSet::new()),
            state_dict: std::cell::Cell::new(std::ptr::null_mut()),
            gc: crate::object::gc::GcState::new(),
            static_weaklists: Default::default(),
            type_cache: crate::object::attr::TypeCache::new(),
        });
        let own = interp.heap.get();
        // SAFETY: nobody else holds the new Arc yet; `heap_ptr` is written once, here.
        unsafe { (*(Arc::as_ptr(&interp) as *mut Interp)).heap_ptr = main_heap.unwrap_or(own) };
        interp.shared.life.lock().interp = Arc::as_ptr(&interp);
        interp
    }

    /// The heap this interpreter's thread states allocate from.
    pub(crate) fn heap(&self) -> *mut Heap {
        self.heap_ptr
    }

    /// Its table of interned strings (use it only under its GIL).
    pub(crate) fn interned(&self) -> *mut crate::object::unicodeobject::intern::Table {
        self.interned.get()
    }

    /// What the heap its objects live in holds (main's, if it shares main's).
    /// The caller holds this interpreter's GIL.
    pub(crate) fn heap_stats(&self) -> crate::object::alloc::HeapStats {
        // SAFETY: the heap is alive as long as this interpreter (main's outlives every other)
        // and the caller holds the GIL guarding it.
        unsafe { (*self.heap_ptr).stats() }
    }

    /// Whether the calling thread is attached to this interpreter (so holds its GIL and
    /// allocates from its heap).
    fn attached_here(&self) -> bool {
        let ts = crate::tstate::current();
        // SAFETY: the attached thread state is live.
        !ts.is_null() && std::ptr::eq(unsafe { (*ts).interp() }.as_ref(), self)
    }

    /// `PyInterpreterState_GetDict`: this interpreter's dict for extensions' per-interpreter
    /// data (borrowed), made on first use; NULL, with no exception set, if it cannot be
    /// made. Only a thread attached to this interpreter makes it: an object must come from
    /// its own interpreter's heap (CPython would use the caller's allocator).
    pub(crate) fn state_dict(&self) -> *mut crate::abi::PyObject {
        if self.state_dict.get().is_null() && self.attached_here() {
            match crate::object::dictobject::new() {
                Ok(d) => self.state_dict.set(d),
                Err(_) => crate::object::errors::clear(),
            }
        }
        self.state_dict.get()
    }

    /// Drops the state dict (its values may run code: called attached, under its GIL,
    /// while the interpreter is being cleared or ended).
    /// From another thread it is left for the interpreter's end (its memory goes with
    /// the heap either way).
    pub(crate) fn clear_state_dict(&self) {
        if !self.attached_here() {
            return;
        }
        let d = self.state_dict.replace(std::ptr::null_mut());
        // SAFETY: an owned reference or NULL.
        unsafe { crate::object::xdecref(d) };
    }

    /// Its collector state (tracked GC objects). Used under its GIL.
    pub(crate) fn gc(&self) -> &crate::object::gc::GcState {
        &self.gc
    }

    /// The address of this interpreter's weak reference list head for the static type at
    /// address `tp` (an empty list on first use). Call under this interpreter's GIL.
    pub(crate) fn static_type_weaklist(&self, tp: usize) -> *mut *mut crate::abi::PyObject {
        // SAFETY: used only under this interpreter's GIL, and no reference into the map
        // outlives this call (the boxed head's address is what escapes).
        let map = unsafe { &mut *self.static_weaklists.get() };
        &mut **map.entry(tp).or_insert_with(|| Box::new(std::ptr::null_mut())) as *mut _
    }

    /// The pointer C sees.
    pub(crate) fn as_c(self: &Arc<Self>) -> *mut PyInterpreterState {
        Arc::as_ptr(self) as *mut PyInterpreterState
    }

    /// Whether this interpreter has a GIL of its own (it must free it when it ends).
    pub(crate) fn owns_gil(&self) -> bool {
        self.is_main || self.config.gil == PyInterpreterConfig_OWN_GIL
    }

    // --- thread states ------------------------------------------------------------------

    /// Links a new thread state at the head of the list and gives it its id; fails when the
    /// interpreter is closing (unless `force`, used by finalization itself).
    pub(crate) fn link_thread(
        &self,
        make: impl FnOnce(u64, *mut ThreadState) -> *mut ThreadState,
        force: bool,
    ) -> Option<*mut ThreadState> {
        let life = self.shared.life.lock();
        if life.closing && !force {
            return None;
        }
        let mut t = self.threads.lock();
        let id = t.next_id;
        t.next_id += 1;
        let ts = make(id, t.head);
        if !t.head.is_null() {
            // SAFETY: list members are live while linked; we hold the list lock.
            unsafe { ThreadState::set_prev(t.head, ts) };
        }
        t.head = ts;
        t.count += 1;
        drop(t);
        drop(life);
        Some(ts)
    }

    /// Unlinks `ts` from the list.
    ///
    /// # Safety
    /// `ts` must be a live thread state of this interpreter.
    pub(crate) unsafe fn unlink_thread(&self, ts: *mut ThreadState) {
        let mut t = self.threads.lock();
        // SAFETY: per caller; neighbours are live while linked and we hold the lock.
        unsafe {
            let prev = ThreadState::prev(ts);
            let next = ThreadState::next(ts);
            if prev.is_null() {
                debug_assert_eq!(t.head, ts);
                t.head = next;
            } else {
                ThreadState::set_next(prev, next);
            }
            if !next.is_null() {
                ThreadState::set_prev(next, prev);
            }
            ThreadState::set_prev(ts, std::ptr::null_mut());
            ThreadState::set_next(ts, std::ptr::null_mut());
        }
        t.count -= 1;
    }

    pub(crate) fn thread_head(&self) -> *mut ThreadState {
        self.threads.lock().head
    }

    pub(crate) fn thread_count(&self) -> usize {
        self.threads.lock().count
    }

    /// Every thread state, newest first (a snapshot).
    pub(crate) fn threads_snapshot(&self) -> Vec<*mut ThreadState> {
        let t = self.threads.lock();
        let mut out = Vec::with_capacity(t.count);
        let mut p = t.head;
        while !p.is_null() {
            out.push(p);
            // SAFETY: linked members are live while we hold the lock.
            p = unsafe { ThreadState::next(p) };
        }
        out
    }

    /// Runs `f` on every thread state under the list lock (for setting eval-breaker bits).
    fn for_each_thread(&self, mut f: impl FnMut(*mut ThreadState)) {
        let t = self.threads.lock();
        let mut p = t.head;
        while !p.is_null() {
            f(p);
            // SAFETY: as above.
            p = unsafe { ThreadState::next(p) };
        }
    }

    // --- PEP 788 guards and closing ------------------------------------------------------

    /// Takes a guard; fails once the interpreter is closing or gone.
    pub(crate) fn try_guard(shared: &InterpShared) -> Option<*const Interp> {
        let mut life = shared.life.lock();
        if life.closing || life.interp.is_null() {
            return None;
        }
        life.guards += 1;
        Some(life.interp)
    }

    pub(crate) fn release_guard(shared: &InterpShared) {
        let mut life = shared.life.lock();
        debug_assert!(life.guards > 0);
        life.guards = life.guards.saturating_sub(1);
        if life.guards == 0 {
            shared.guards_gone.notify_all();
        }
    }

    /// Marks the interpreter closing unless guards are open or other thread states exist
    /// besides `keep`; the all-or-nothing check behind `Subinterp_EndInterpreter`.
    pub(crate) fn try_close(&self, keep: *mut ThreadState) -> Result<(), CloseRefused> {
        let mut life = self.shared.life.lock();
        if life.closing {
            // Being ended already (e.g. a re-entrant call from its own callbacks), or the
            // runtime is finalizing.
            return Err(CloseRefused::Closing);
        }
        if life.guards > 0 {
            return Err(CloseRefused::GuardsHeld);
        }
        let t = self.threads.lock();
        if t.count != 1 || t.head != keep {
            return Err(CloseRefused::OtherThreads);
        }
        drop(t);
        life.closing = true;
        Ok(())
    }

    /// Marks the interpreter closing (no new guards or thread states) and waits until every
    /// open guard is closed, as PEP 788 finalization does. `wait` is called around the
    /// blocking part, so the caller can release its GIL meanwhile.
    pub(crate) fn close_and_wait_for_guards(&self, mut around_wait: impl FnMut(bool)) {
        let mut life = self.shared.life.lock();
        life.closing = true;
        if life.guards == 0 {
            return;
        }
        drop(life);
        around_wait(true);
        let mut life = self.shared.life.lock();
        while life.guards > 0 {
            self.shared.guards_gone.wait_for(&mut life, Duration::from_millis(100));
        }
        drop(life);
        around_wait(false);
    }

    pub(crate) fn guards_open(&self) -> usize {
        self.shared.life.lock().guards
    }

    /// The interpreter is gone: views and guards can no longer reach it.
    pub(crate) fn mark_deleted(&self) {
        let mut life = self.shared.life.lock();
        life.closing = true;
        life.interp = std::ptr::null();
    }

    // --- pending calls -------------------------------------------------------------------

    pub(crate) fn add_pending_call(&self, func: PendingFunc, arg: *mut c_void) -> Result<(), ()> {
        let cap = if self.is_main { MAX_PENDING_MAIN } else { MAX_PENDING };
        let mut p = self.pending.lock();
        if p.queue.len() >= cap {
            return Err(());
        }
        p.queue.push_back((func, arg as usize));
        self.pending_count.store(p.queue.len(), Release);
        self.for_each_thread(|ts| {
            // SAFETY: live while linked; setting a bit is what other threads may do.
            unsafe { (*ts).set_eval_breaker_bit(_PY_CALLS_TO_DO_BIT) }
        });
        drop(p);
        Ok(())
    }

    pub(crate) fn has_pending_calls(&self) -> bool {
        self.pending_count.load(Acquire) != 0
    }

    /// Runs queued calls in order until the queue is empty or one fails (returns non-zero).
    /// Returns -1 if one failed, 0 otherwise; does nothing if already running on some thread.
    /// The caller holds this interpreter's GIL.
    pub(crate) fn run_pending_calls(&self) -> c_int {
        {
            let mut p = self.pending.lock();
            if p.busy {
                return 0;
            }
            p.busy = true;
        }
        let mut result = 0;
        loop {
            let next = {
                let mut p = self.pending.lock();
                let n = p.queue.pop_front();
                self.pending_count.store(p.queue.len(), Release);
                n
            };
            let Some((func, arg)) = next else { break };
            // SAFETY: the function and argument were registered by C for exactly this call.
            if unsafe { func(arg as *mut c_void) } != 0 {
                result = -1;
                break;
            }
        }
        let mut p = self.pending.lock();
        p.busy = false;
        if p.queue.is_empty() {
            // Every thread state was told there were calls to do; none are left. (Under the
            // queue lock, so a concurrent add sets the bits again after this.)
            self.for_each_thread(|ts| {
                // SAFETY: live while linked.
                unsafe { (*ts).clear_eval_breaker_bit(_PY_CALLS_TO_DO_BIT) }
            });
        }
        result
    }

    /// Drops queued calls without running them (`PyInterpreterState_Clear`).
    pub(crate) fn discard_pending_calls(&self) {
        let mut p = self.pending.lock();
        p.queue.clear();
        self.pending_count.store(0, Release);
    }

    // --- atexit ---------------------------------------------------------------------------

    pub(crate) fn add_atexit(&self, func: AtExitFunc, data: *mut c_void) {
        self.atexit.lock().push((func, data as usize));
    }

    /// Runs and forgets the registered callbacks in registration order, as CPython 3.13
    /// does (which, through a bug in its list append, runs only the first and the last;
    /// here every one runs). A callback may register more; they run too.
    pub(crate) fn run_atexit(&self) {
        loop {
            let batch = std::mem::take(&mut *self.atexit.lock());
            if batch.is_empty() {
                break;
            }
            for (func, data) in batch {
                // SAFETY: registered by C for exactly this call.
                unsafe { func(data as *mut c_void) };
            }
        }
    }

    pub(crate) fn discard_atexit(&self) {
        self.atexit.lock().clear();
    }
}

/// Why `try_close` refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CloseRefused {
    Closing,
    GuardsHeld,
    OtherThreads,
}
