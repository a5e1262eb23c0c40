//! Thread states, the per-thread "current" pointer, and attaching/detaching.
//!
//! A thread state belongs to one interpreter and is used by at most one OS thread at a time.
//! A thread is *attached* when its current thread state holds that interpreter's GIL.
//!
//! Three thread-locals (the only per-thread globals): the attached thread state, read on
//! nearly every call, lives in initial-exec TLS in C (`src/c/tls.c`: Rust's `thread_local!`
//! in a shared library costs a `__tls_get_addr` call per read); `FAST` holds the identity
//! of the thread state most recently attached on this thread (CPython's gilstate binding);
//! `BINDING` holds a strong reference to that one's liveness cell, so the binding reads NULL
//! once the thread state is deleted, whichever thread deletes it.

use std::cell::{Cell, RefCell};
use std::ffi::c_int;
use std::mem::offset_of;
use std::sync::atomic::{AtomicI32, AtomicPtr, AtomicU64, AtomicUsize, Ordering::*};
use std::sync::Arc;
use std::time::Duration;

use crate::abi::{PyInterpreterState, PyThreadState, _PY_GIL_DROP_REQUEST_BIT};
use crate::fatal::fatal;
use crate::gil::{Gil, Refused};
use crate::interp::Interp;
use crate::runtime;

const DETACHED: i32 = crate::abi::_Py_THREAD_DETACHED;
const ATTACHED: i32 = crate::abi::_Py_THREAD_ATTACHED;
/// Waiting for the GIL inside `attach` (private to us; C sees it as "not attached").
const ATTACHING: i32 = 2;

/// The drop-request bit as a word mask (C spells the bits `unsigned int`, as CPython).
const DROP_REQUEST: usize = _PY_GIL_DROP_REQUEST_BIT as usize;

const MAGIC_LIVE: u64 = 0x5375_6249_6e54_5354; // "SuBInTST"
const MAGIC_DEAD: u64 = 0xdead_5453_dead_5453;

/// A thread state. Its first fields mirror [`PyThreadState`] exactly (checked below), with
/// atomic types where other threads write; the rest is private.
#[repr(C)]
pub(crate) struct ThreadState {
    prev: AtomicPtr<ThreadState>,
    next: AtomicPtr<ThreadState>,
    interp_c: *mut PyInterpreterState,
    eval_breaker: AtomicUsize,
    _status: u32,
    pub(crate) whence: c_int,
    state: AtomicI32,
    // --- private ---
    magic: AtomicU64,
    /// Unique within the interpreter, from 1 (as CPython's).
    pub(crate) id: u64,
    /// Keeps the interpreter (and so its GIL and heap) alive while this thread state exists.
    interp: Arc<Interp>,
    /// The interpreter's heap, cached for the allocation fast path.
    heap: Cell<*mut crate::object::alloc::Heap>,
    /// This thread's share of the interpreter's GC allocation count (the GC fast path).
    pub(crate) gc_young: crate::object::gc::YoungCount,
    /// The exception being raised (CPython 3.12+'s `current_exception`), owned, or NULL.
    pub(crate) current_exception: Cell<*mut crate::abi::PyObject>,
    /// The exception being handled (`sys.exception()`), owned, or NULL.
    pub(crate) handled_exception: Cell<*mut crate::abi::PyObject>,
    /// Points to this thread state until it is deleted; thread bindings hold clones.
    alive: Arc<AtomicPtr<ThreadState>>,
    /// The OS thread that created it (`pthread_self`).
    pub(crate) thread_key: u64,
    /// `PyGILState_Ensure` nesting; 1 for thread states not made by it (CPython's rule).
    gilstate_counter: Cell<i32>,
    /// `PyThreadState_Ensure` nesting on this thread state.
    ensure_counter: Cell<i32>,
    /// Made by `PyThreadState_Ensure`, deleted by the matching release.
    owned_by_ensure: Cell<bool>,
    /// Objects whose repr is being computed on this thread (`Py_ReprEnter`/`Py_ReprLeave`,
    /// what CPython keeps in the thread state dict as `Py_Repr`), owned references.
    pub(crate) repr_running: RefCell<Vec<*mut crate::abi::PyObject>>,
    /// `PyThreadState_GetDict`'s dict (owned, made on first use).
    pub(crate) state_dict: Cell<*mut crate::abi::PyObject>,
    /// Nested C calls still allowed (`Py_EnterRecursiveCall`; CPython 3.13's
    /// `c_recursion_remaining`, from `Py_C_RECURSION_LIMIT`).
    pub(crate) c_recursion_remaining: Cell<i32>,
    /// Set while a `RecursionError` is being raised (CPython's `recursion_headroom`).
    pub(crate) recursion_headroom: Cell<i32>,
}

const _: () = {
    assert!(offset_of!(ThreadState, prev) == offset_of!(PyThreadState, prev));
    assert!(offset_of!(ThreadState, next) == offset_of!(PyThreadState, next));
    assert!(offset_of!(ThreadState, interp_c) == offset_of!(PyThreadState, interp));
    assert!(offset_of!(ThreadState, eval_breaker) == offset_of!(PyThreadState, eval_breaker));
    assert!(offset_of!(ThreadState, _status) == offset_of!(PyThreadState, _status));
    assert!(offset_of!(ThreadState, whence) == offset_of!(PyThreadState, _whence));
    assert!(offset_of!(ThreadState, state) == offset_of!(PyThreadState, state));
    assert!(offset_of!(ThreadState, magic) >= std::mem::size_of::<PyThreadState>());
};

/// The C side of the attached-thread-state slot (src/c/tls.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    #[cfg_attr(target_arch = "x86_64", allow(dead_code))]
    fn subinterp_c_tls_current() -> *mut std::ffi::c_void;
    fn subinterp_c_tls_set_current(ts: *mut std::ffi::c_void);
}

struct Fast {
    /// Identity of the binding held in `BINDING` (the `Arc` allocation, unique while held).
    last_alive: Cell<*const AtomicPtr<ThreadState>>,
}

struct Binding(RefCell<Option<Arc<AtomicPtr<ThreadState>>>>);

impl Drop for Binding {
    /// Thread exit. A thread that ends while attached would hold its GIL forever (CPython
    /// deadlocks there); we detach it so the other threads go on.
    fn drop(&mut self) {
        let _ = FAST.try_with(|f| f.last_alive.set(std::ptr::null()));
        let cur = current();
        if !cur.is_null() {
            // SAFETY: the attached thread state is live and holds its GIL.
            unsafe { detach(cur) };
        }
    }
}

thread_local! {
    static FAST: Fast = const {
        Fast { last_alive: Cell::new(std::ptr::null()) }
    };
    static BINDING: Binding = const { Binding(RefCell::new(None)) };
}

/// The calling thread's attached thread state, or NULL.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(crate) fn current() -> *mut ThreadState {
    // SAFETY: reads this thread's slot; no preconditions.
    unsafe { subinterp_c_tls_current() }.cast()
}

/// The slot itself (src/c/tls.c), read inline on x86-64.
/// cbindgen:ignore
#[cfg(target_arch = "x86_64")]
#[allow(unused_doc_comments)]
unsafe extern "C" {
    static subinterp_c_tls_tstate: *mut std::ffi::c_void;
}

/// The attached thread state: on x86-64 the initial-exec sequence a C compiler emits for
/// the slot (its offset from the GOT, then one `%fs`-relative load), inline: every API
/// call reads it, often several times, and a call to `subinterp_c_tls_current` per read
/// was a fifth of a builtin function call.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn current() -> *mut ThreadState {
    let ts: *mut ThreadState;
    // SAFETY: reads this thread's slot (a TLS variable of this library's static TLS block,
    // which initial-exec requires and src/c/tls.c declares); only this thread writes it.
    unsafe {
        core::arch::asm!(
            "mov {ts}, qword ptr [rip + {slot}@GOTTPOFF]",
            "mov {ts}, qword ptr fs:[{ts}]",
            ts = out(reg) ts,
            slot = sym subinterp_c_tls_tstate,
            options(nostack, readonly, preserves_flags, pure),
        );
    }
    ts
}

#[inline]
fn set_current(ts: *mut ThreadState) {
    // SAFETY: writes this thread's slot; no preconditions.
    unsafe { subinterp_c_tls_set_current(ts.cast()) }
}

/// The thread state most recently attached on this thread, if it still exists
/// (what `PyGILState_GetThisThreadState` reports when nothing is attached).
pub(crate) fn bound() -> *mut ThreadState {
    FAST.with(|f| {
        let p = f.last_alive.get();
        if p.is_null() {
            std::ptr::null_mut()
        } else {
            // SAFETY: `BINDING` holds a strong reference to this cell while `p` is set.
            unsafe { (*p).load(Acquire) }
        }
    })
}

/// Binds `ts` to this thread if the thread has no live binding (CPython binds a new thread
/// state to its creating thread that way).
fn bind_if_unbound(ts: &ThreadState) {
    if bound().is_null() {
        FAST.with(|f| rebind(f, ts));
    }
}

/// A thread's identity, for "is this the finalizing thread" checks.
#[inline]
pub(crate) fn thread_key() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

/// Blocks the calling thread for good: what a legacy attach does once the runtime is
/// finalizing (CPython 3.14's choice; exiting the thread would skip C++/Rust unwinding).
pub(crate) fn park_forever() -> ! {
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

impl ThreadState {
    /// Creates a thread state for `interp`, linked into its list and bound to the calling
    /// thread if that thread has none. Fails (NULL) if the interpreter is closing, unless
    /// `force` (finalization making its own thread state).
    pub(crate) fn create(interp: &Arc<Interp>, whence: c_int, force: bool) -> Option<*mut ThreadState> {
        let alive = Arc::new(AtomicPtr::new(std::ptr::null_mut()));
        let ts = interp.link_thread(
            |id, head| {
                Box::into_raw(Box::new(ThreadState {
                    prev: AtomicPtr::new(std::ptr::null_mut()),
                    next: AtomicPtr::new(head),
                    interp_c: interp.as_c(),
                    eval_breaker: AtomicUsize::new(0),
                    _status: 0,
                    whence,
                    state: AtomicI32::new(DETACHED),
                    magic: AtomicU64::new(MAGIC_LIVE),
                    id,
                    interp: Arc::clone(interp),
                    heap: Cell::new(interp.heap()),
                    gc_young: crate::object::gc::YoungCount::new(),
                    current_exception: Cell::new(std::ptr::null_mut()),
                    handled_exception: Cell::new(std::ptr::null_mut()),
                    alive: Arc::clone(&alive),
                    thread_key: thread_key(),
                    gilstate_counter: Cell::new(1),
                    ensure_counter: Cell::new(0),
                    owned_by_ensure: Cell::new(false),
                    repr_running: RefCell::new(Vec::new()),
                    state_dict: Cell::new(std::ptr::null_mut()),
                    c_recursion_remaining: Cell::new(crate::object::call::C_RECURSION_LIMIT),
                    recursion_headroom: Cell::new(0),
                }))
            },
            force,
        )?;
        alive.store(ts, Release);
        runtime::count_thread_state(1);
        // SAFETY: just created.
        bind_if_unbound(unsafe { &*ts });
        Some(ts)
    }

    /// Unlinks and frees a detached thread state.
    ///
    /// # Safety
    /// `ts` must be live and not attached; no thread may use it afterwards.
    pub(crate) unsafe fn delete(ts: *mut ThreadState) {
        // SAFETY: per caller.
        let t = unsafe { &*ts };
        // Exceptions it still holds die with it (CPython clears them in _Clear).
        t.clear();
        // SAFETY: `ts` is a live member of its interpreter's list.
        unsafe { t.interp.unlink_thread(ts) };
        t.interp.gil.forget_holder(ts);
        t.alive.store(std::ptr::null_mut(), Release);
        let alive = Arc::as_ptr(&t.alive);
        FAST.with(|f| {
            if f.last_alive.get() == alive {
                f.last_alive.set(std::ptr::null());
                let _ = BINDING.try_with(|b| b.0.borrow_mut().take());
            }
        });
        t.magic.store(MAGIC_DEAD, Release);
        // SAFETY: allocated by `create` with Box; unlinked, so nobody else reaches it.
        drop(unsafe { Box::from_raw(ts) });
        runtime::count_thread_state(-1);
    }

    /// Checks a pointer from C: NULL, or not a live thread state (best effort: a freed one
    /// whose memory was not reused still reads as dead), gives `None`.
    pub(crate) fn from_c(p: *mut PyThreadState) -> Option<*mut ThreadState> {
        if p.is_null() || (p as usize) % std::mem::align_of::<ThreadState>() != 0 {
            return None;
        }
        let ts = p as *mut ThreadState;
        // SAFETY: non-NULL and aligned; reading the tag is how we tell a live one.
        let magic = unsafe { (*ts).magic.load(Acquire) };
        (magic == MAGIC_LIVE).then_some(ts)
    }

    pub(crate) fn as_c(ts: *mut ThreadState) -> *mut PyThreadState {
        ts as *mut PyThreadState
    }

    pub(crate) fn interp(&self) -> &Arc<Interp> {
        &self.interp
    }

    pub(crate) fn gil(&self) -> &Gil {
        &self.interp.gil
    }

    #[inline]
    pub(crate) fn heap(&self) -> *mut crate::object::alloc::Heap {
        self.heap.get()
    }

    /// Redirects this thread state's allocations (for building shared static-type data);
    /// returns the previous heap.
    ///
    /// # Safety
    /// Only the thread this thread state is attached to may call it.
    pub(crate) unsafe fn swap_heap(
        &self,
        heap: *mut crate::object::alloc::Heap,
    ) -> *mut crate::object::alloc::Heap {
        self.heap.replace(heap)
    }

    /// Attached or waiting to attach, on some thread.
    pub(crate) fn is_in_use(&self) -> bool {
        self.state.load(Acquire) != DETACHED
    }

    // --- list links (under the interpreter's list lock) ----------------------------------

    pub(crate) unsafe fn prev(ts: *mut ThreadState) -> *mut ThreadState {
        // SAFETY: per caller.
        unsafe { (*ts).prev.load(Acquire) }
    }

    pub(crate) unsafe fn next(ts: *mut ThreadState) -> *mut ThreadState {
        // SAFETY: per caller.
        unsafe { (*ts).next.load(Acquire) }
    }

    pub(crate) unsafe fn set_prev(ts: *mut ThreadState, p: *mut ThreadState) {
        // SAFETY: per caller.
        unsafe { (*ts).prev.store(p, Release) }
    }

    pub(crate) unsafe fn set_next(ts: *mut ThreadState, p: *mut ThreadState) {
        // SAFETY: per caller.
        unsafe { (*ts).next.store(p, Release) }
    }

    // --- eval breaker -------------------------------------------------------------------

    pub(crate) fn set_eval_breaker_bit(&self, bit: std::ffi::c_uint) {
        self.eval_breaker.fetch_or(bit as usize, Release);
    }

    #[inline]
    pub(crate) fn eval_breaker_bit_is_set(&self, bit: std::ffi::c_uint) -> bool {
        self.eval_breaker.load(Relaxed) & bit as usize != 0
    }

    #[inline]
    pub(crate) fn clear_eval_breaker_bit(&self, bit: std::ffi::c_uint) {
        let mask = bit as usize;
        if self.eval_breaker.load(Relaxed) & mask != 0 {
            self.eval_breaker.fetch_and(!mask, Release);
        }
    }

    pub(crate) fn request_drop(&self) {
        self.eval_breaker.fetch_or(DROP_REQUEST, Release);
    }

    #[inline]
    pub(crate) fn drop_requested(&self) -> bool {
        self.eval_breaker.load(Relaxed) & DROP_REQUEST != 0
    }

    #[inline]
    pub(crate) fn clear_drop_request(&self) {
        self.clear_eval_breaker_bit(_PY_GIL_DROP_REQUEST_BIT);
    }

    /// `PyThreadState_Clear`: reset per-thread bookkeeping and drop the exceptions it holds.
    pub(crate) fn clear(&self) {
        self.eval_breaker.store(0, Release);
        self.ensure_counter.set(0);
        for slot in [&self.current_exception, &self.handled_exception] {
            let exc = slot.replace(std::ptr::null_mut());
            // SAFETY: owned references held by this thread state; its interpreter is alive
            // (this thread state keeps it so).
            unsafe { crate::object::xdecref(exc) };
        }
        // SAFETY: an owned reference or NULL, as the exceptions above.
        unsafe { crate::object::xdecref(self.state_dict.replace(std::ptr::null_mut())) };
        let reprs = std::mem::take(&mut *self.repr_running.borrow_mut());
        for op in reprs {
            // SAFETY: owned references, as above.
            unsafe { crate::object::decref(op) };
        }
    }

    // --- counters (touched only by the thread using this thread state) --------------------

    pub(crate) fn gilstate_counter(&self) -> i32 {
        self.gilstate_counter.get()
    }

    pub(crate) fn set_gilstate_counter(&self, n: i32) {
        self.gilstate_counter.set(n);
    }

    pub(crate) fn ensure_counter(&self) -> i32 {
        self.ensure_counter.get()
    }

    pub(crate) fn set_ensure_counter(&self, n: i32) {
        self.ensure_counter.set(n);
    }

    pub(crate) fn owned_by_ensure(&self) -> bool {
        self.owned_by_ensure.get()
    }

    pub(crate) fn set_owned_by_ensure(&self, v: bool) {
        self.owned_by_ensure.set(v);
    }
}

/// What an attach does when the runtime refuses it (finalization).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum OnRefusal {
    /// Block the thread for good (the legacy APIs, which cannot report failure).
    Park,
    /// Return the refusal (PEP 788 and our own APIs).
    Fail,
}

/// Attaches `ts` to the calling thread: takes its interpreter's GIL and makes it current.
///
/// The only atomic read-modify-write on this path is the GIL's compare-and-swap; the
/// "attached elsewhere" check uses plain loads and stores, so it catches misuse that is not
/// simultaneous (the common case: attaching a thread state another thread still holds).
///
/// # Safety
/// `ts` must be a live thread state.
#[inline]
pub(crate) unsafe fn attach(ts: *mut ThreadState, who: &str, on_refusal: OnRefusal) -> Result<(), Refused> {
    FAST.with(|f| {
        if !current().is_null() {
            fatal(Some("_PyThreadState_Attach"), "non-NULL old thread state");
        }
        // SAFETY: per caller.
        let t = unsafe { &*ts };
        if t.state.load(Relaxed) != DETACHED {
            fatal(Some(who), &format!("thread state {ts:p} is already attached to another thread"));
        }
        t.state.store(ATTACHING, Relaxed);
        // SAFETY: `ts` is live, uses this GIL and is not attached anywhere.
        if let Err(refused) = unsafe { t.gil().acquire(ts) } {
            match on_refusal {
                OnRefusal::Park => park_forever(),
                OnRefusal::Fail => {
                    t.state.store(DETACHED, Release);
                    return Err(refused);
                }
            }
        }
        t.state.store(ATTACHED, Release);
        set_current(ts);
        if f.last_alive.get() != Arc::as_ptr(&t.alive) {
            rebind(f, t);
        }
        Ok(())
    })
}

/// Makes `t` this thread's binding (the thread state most recently attached here).
#[cold]
fn rebind(f: &Fast, t: &ThreadState) {
    let held = BINDING.try_with(|b| *b.0.borrow_mut() = Some(Arc::clone(&t.alive))).is_ok();
    f.last_alive.set(if held { Arc::as_ptr(&t.alive) } else { std::ptr::null() });
}

/// Detaches the calling thread's attached thread state `ts`, releasing its GIL.
///
/// # Safety
/// `ts` must be the calling thread's attached thread state.
#[inline]
pub(crate) unsafe fn detach(ts: *mut ThreadState) {
    // SAFETY: per caller.
    let t = unsafe { &*ts };
    t.state.store(DETACHED, Release);
    set_current(std::ptr::null_mut());
    // SAFETY: we hold the GIL for `ts`.
    unsafe { t.gil().release(ts) };
}

/// A safe point for the attached thread state: honours a GIL drop request.
///
/// # Safety
/// `ts` must be the calling thread's attached thread state.
pub(crate) unsafe fn safe_point(ts: *mut ThreadState) {
    // SAFETY: per caller.
    let t = unsafe { &*ts };
    if t.drop_requested() {
        // Let the waiter in; park if the runtime started finalizing meanwhile.
        t.state.store(ATTACHING, Release);
        // SAFETY: we hold the GIL for `ts`.
        if unsafe { t.gil().yield_if_requested(ts) }.is_err() {
            park_forever();
        }
        t.state.store(ATTACHED, Release);
    }
}
