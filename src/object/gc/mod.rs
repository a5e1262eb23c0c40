//! The cycle collector and the GC object API (`PyObject_GC_New`, `PyObject_GC_Track`, ...),
//! per interpreter, with CPython 3.13's semantics.
//!
//! # Objects
//! An object of a `Py_TPFLAGS_HAVE_GC` type is preceded by a hidden two-word header
//! ([`GcHead`]), as in CPython. Tracking links the header into its interpreter's youngest
//! generation; the lists, counts and flags are the interpreter's ([`GcState`], in
//! `Interp`) and are touched only under its GIL, so a collection in one interpreter never
//! visits, stops or waits for another. Immortal objects are never tracked, and the static
//! ones (the empty tuple, the last-resort `MemoryError`) have no header at all: every
//! function here checks immortality before it reads a header.
//!
//! The header's words are CPython's: `next` is 0 while untracked, else the next header
//! (bit 0 marks "unreachable" during a collection); `prev` is the previous header with two
//! flag bits, FINALIZED (the collector ran `tp_finalize`, PEP 442) and COLLECTING, and
//! during a collection it holds the object's `gc_refs` instead of the pointer.
//!
//! # Policy: CPython's three generations
//! New objects enter generation 0. A collection is *scheduled* when allocations of GC
//! objects minus deallocations exceed generation 0's threshold (2000); a generation-`g`
//! collection also counts towards generation `g+1` (thresholds 10 and 10), and a full
//! collection additionally waits until the objects that survived into the oldest
//! generation since the last full one are at least 25% of those there (CPython's guard
//! against quadratic work as the heap grows). Survivors move one generation up.
//! Generations make the common case (short-lived cycles) cost time proportional to the
//! young objects, not to the heap, which is why we keep them rather than one list with a
//! growing threshold; they are also what CPython 3.13 does, so collection timing, and what
//! C code observes of it, matches.
//!
//! A scheduled collection runs at the next safe point of the allocating thread, as in
//! CPython 3.13 (`_PY_GC_SCHEDULED_BIT` on its eval breaker): `PyErr_CheckSignals` (and,
//! later, the eval loop). It never runs inside an allocation, so no Rust code holding
//! borrowed pointers across an allocation can see objects cleared under it.
//! `PyGC_Disable` stops automatic collection; `PyGC_Collect` then returns 0 without
//! collecting, as CPython's does (measured: Python's `gc.collect()` is what collects
//! regardless, [`collect_forced`] is its counterpart here).
//!
//! # Builtin containers
//! `list`, `dict`, `tuple`, `set`/`frozenset` and their iterators are GC types
//! (`PyObject_IS_GC` is 1, as on CPython) with `tp_traverse` (and `tp_clear` for the
//! mutable ones); exceptions and `memoryview` too. Lists, sets and iterators are tracked
//! when made. Tuples and dicts follow CPython's observable `PyObject_GC_IsTracked`:
//! `PyTuple_New` tracks at once, generation collections untrack tuples holding only atomic
//! items (`untrack_tuples`); a dict starts untracked, is tracked when it receives a key or
//! value that may be tracked ([`may_be_tracked`]; a copy of a tracked dict is tracked) and
//! full collections untrack it again when it holds only atomic ones (`untrack_dicts`).
//! One difference, deliberate: a tuple *packed* from known items (`PyTuple_Pack`, the
//! tuples our own code builds) is tracked only if an item may be; CPython tracks it and
//! untracks it at its first collection. Skipping both steps keeps tuple packing (a hot
//! path) free of list linking, and no cycle can pass through such a tuple.
//!
//! Where CPython corrupts memory or aborts (tracking an object twice, tracking or freeing
//! an object of a type without `Py_TPFLAGS_HAVE_GC` as a GC object), these functions check
//! the type flag and the header and do nothing.

use std::cell::Cell;
use std::ptr::null_mut;

use super::*;
use crate::abi::{PyVarObject, Py_TPFLAGS_HAVE_GC, _PY_GC_SCHEDULED_BIT};
use crate::tstate::ThreadState;

mod collect;
#[cfg(test)]
mod tests;

pub(crate) use collect::{collect_at_end, collect_explicit, run_scheduled};

/// `next`: the object sits in a collection's unreachable list (during `move_unreachable`).
const NEXT_UNREACHABLE: usize = 1;
/// `prev`: the collector ran the object's `tp_finalize` (PEP 442: never twice).
const PREV_FINALIZED: usize = 1;
/// `prev`: the object belongs to the generation being collected.
const PREV_COLLECTING: usize = 2;
/// `prev` keeps the pointer (or `gc_refs`) above these two flag bits.
const PREV_SHIFT: u32 = 2;
const PREV_MASK: usize = !0usize << PREV_SHIFT;

pub(crate) const NUM_GENERATIONS: usize = 3;
/// CPython 3.13's `gc.get_threshold()`.
const THRESHOLDS: [isize; NUM_GENERATIONS] = [2000, 10, 10];

/// The hidden header in front of a GC object, and the sentinel of each list.
#[repr(C)]
pub(crate) struct GcHead {
    next: Cell<usize>,
    prev: Cell<usize>,
}

impl GcHead {
    const fn new() -> GcHead {
        GcHead { next: Cell::new(0), prev: Cell::new(0) }
    }
}

type Head = *mut GcHead;

/// Bytes in front of a GC object (a multiple of the heap's 16-byte alignment).
pub(crate) const HEAD_SIZE: usize = std::mem::size_of::<GcHead>();
const _: () = assert!(HEAD_SIZE % alloc::ALIGN == 0);

// --- list primitives (CPython's gc_list_*; `prev` keeps its flag bits) ----------------------

#[inline]
unsafe fn next(h: Head) -> Head {
    // SAFETY: per caller, a live header or sentinel.
    unsafe { (*h).next.get() as Head }
}

#[inline]
unsafe fn prev(h: Head) -> Head {
    // SAFETY: as above.
    unsafe { ((*h).prev.get() & PREV_MASK) as Head }
}

#[inline]
unsafe fn set_next(h: Head, n: Head) {
    // SAFETY: as above.
    unsafe { (*h).next.set(n as usize) }
}

#[inline]
unsafe fn set_prev(h: Head, p: Head) {
    // SAFETY: as above; headers and sentinels are at least 8-byte aligned.
    unsafe { (*h).prev.set(((*h).prev.get() & !PREV_MASK) | p as usize) }
}

unsafe fn list_init(l: Head) {
    // SAFETY: per caller.
    unsafe {
        (*l).next.set(l as usize);
        (*l).prev.set(l as usize);
    }
}

unsafe fn list_is_empty(l: Head) -> bool {
    // SAFETY: per caller.
    unsafe { next(l) == l }
}

/// Appends `node` (not in a list) to `list`.
#[inline]
unsafe fn list_append(node: Head, list: Head) {
    // SAFETY: per caller: `list` is a sentinel (no flags), `node` a header.
    unsafe {
        let last = prev(list);
        set_prev(node, last);
        set_next(last, node);
        set_next(node, list);
        (*list).prev.set(node as usize);
    }
}

/// Unlinks `node` from the list it is in; it reads as untracked after (FINALIZED kept).
#[inline]
unsafe fn list_remove(node: Head) {
    // SAFETY: per caller, `node` is linked in a well-formed list.
    unsafe {
        let (p, n) = (prev(node), next(node));
        set_next(p, n);
        set_prev(n, p);
        (*node).next.set(0);
        (*node).prev.set((*node).prev.get() & PREV_FINALIZED);
    }
}

/// Moves `node` from its list to the end of `list` (flags kept).
unsafe fn list_move(node: Head, list: Head) {
    // SAFETY: per caller.
    unsafe {
        let (p, n) = (prev(node), next(node));
        set_next(p, n);
        set_prev(n, p);
        list_append(node, list);
    }
}

/// Appends every node of `from` to `to`; `from` is left empty.
unsafe fn list_merge(from: Head, to: Head) {
    // SAFETY: per caller, two distinct well-formed lists.
    unsafe {
        if !list_is_empty(from) {
            let to_tail = prev(to);
            let from_head = next(from);
            let from_tail = prev(from);
            set_next(to_tail, from_head);
            set_prev(from_head, to_tail);
            set_next(from_tail, to);
            (*to).prev.set(from_tail as usize);
        }
        list_init(from);
    }
}

unsafe fn list_size(l: Head) -> isize {
    let mut n = 0;
    // SAFETY: per caller, a well-formed list.
    unsafe {
        let mut h = next(l);
        while h != l {
            n += 1;
            h = next(h);
        }
    }
    n
}

#[inline]
unsafe fn head_of(op: *mut PyObject) -> Head {
    // SAFETY: per caller, a GC object with a header.
    unsafe { (op as *mut u8).sub(HEAD_SIZE) as Head }
}

#[inline]
unsafe fn object_of(h: Head) -> *mut PyObject {
    // SAFETY: per caller, a header in front of its object.
    unsafe { (h as *mut u8).add(HEAD_SIZE) as *mut PyObject }
}

// --- the per-interpreter state -----------------------------------------------------------

struct Generation {
    head: GcHead,
    threshold: Cell<isize>,
    /// Generation 0: allocations minus deallocations since its last collection; older
    /// ones: collections of the next younger generation since their own last one.
    count: Cell<isize>,
}

/// The most allocations a thread state counts before adding them to its interpreter's
/// generation-0 count.
const YOUNG_BATCH: isize = 64;

/// A thread state's unsynced share of its interpreter's generation-0 count (see
/// [`GcState::note_alloc`]); lives in the `ThreadState`, touched only while it is attached.
pub(crate) struct YoungCount {
    /// Allocations minus deallocations not yet added to the interpreter's count.
    local: Cell<isize>,
    /// `local` at which to add it: what takes the count past the threshold, at most
    /// [`YOUNG_BATCH`] (0 at first: the first allocation syncs).
    limit: Cell<isize>,
    /// The lowest `local` may go: minus the count at the last sync (it never goes below 0).
    floor: Cell<isize>,
}

impl YoungCount {
    pub(crate) const fn new() -> YoungCount {
        YoungCount { local: Cell::new(0), limit: Cell::new(0), floor: Cell::new(0) }
    }
}

/// What collections of one generation did (for tests and the benchmark).
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct GenStats {
    pub(crate) collections: isize,
    pub(crate) collected: isize,
}

/// An interpreter's collector state. The list sentinels are linked on first use, once the
/// state sits at its final address inside the interpreter.
pub(crate) struct GcState {
    gens: [Generation; NUM_GENERATIONS],
    enabled: Cell<bool>,
    /// A collection is running (no second one starts: reentrancy).
    collecting: Cell<bool>,
    /// The interpreter's final collection ran: no more collections.
    ended: Cell<bool>,
    /// Objects moved into the oldest generation since its last collection, and how many
    /// that collection left there (CPython's full-collection heuristic).
    long_lived_pending: Cell<isize>,
    long_lived_total: Cell<isize>,
    stats: [Cell<GenStats>; NUM_GENERATIONS],
}

impl GcState {
    pub(crate) const fn new() -> GcState {
        const fn generation(threshold: isize) -> Generation {
            Generation { head: GcHead::new(), threshold: Cell::new(threshold), count: Cell::new(0) }
        }
        GcState {
            gens: [generation(THRESHOLDS[0]), generation(THRESHOLDS[1]), generation(THRESHOLDS[2])],
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            ended: Cell::new(false),
            long_lived_pending: Cell::new(0),
            long_lived_total: Cell::new(0),
            stats: [const { Cell::new(GenStats { collections: 0, collected: 0 }) }; NUM_GENERATIONS],
        }
    }

    /// The list of generation `i`, linked to itself on first use.
    #[inline]
    fn gen_head(&self, i: usize) -> Head {
        let h = &self.gens[i].head;
        let p = h as *const GcHead as Head;
        if h.next.get() == 0 {
            h.next.set(p as usize);
            h.prev.set(p as usize);
        }
        p
    }

    /// Links the untracked header `h` at the end of generation 0.
    #[inline]
    unsafe fn link_young(&self, h: Head) {
        // SAFETY: per caller.
        unsafe { list_append(h, self.gen_head(0)) }
    }

    /// Counts a GC allocation; schedules a collection on `ts` past the threshold.
    ///
    /// The count is generation 0's, CPython's "allocations minus deallocations of GC
    /// objects, never below 0", kept in two parts so that the hot path touches only the
    /// thread state it already holds: `ts`'s [`YoungCount`] gathers a share, added to the
    /// interpreter's count when it reaches a limit computed so that crossing the threshold
    /// is seen on the exact allocation CPython would see it (with one thread per
    /// interpreter; with several, each one's unsynced share is at most [`YOUNG_BATCH`]).
    #[inline]
    fn note_alloc(&self, ts: &ThreadState) {
        let y = &ts.gc_young;
        let l = y.local.get() + 1;
        y.local.set(l);
        if l >= y.limit.get() {
            self.sync_young(ts);
        }
    }

    /// Counts a GC deallocation (never below 0).
    #[inline]
    fn note_free(&self, ts: &ThreadState) {
        let y = &ts.gc_young;
        let l = y.local.get();
        // At the floor the count is 0 and stays there (CPython's clamp). With several
        // threads the floor may be stale (another one's allocations raised the count
        // since): that free is then not counted, so a collection may come a little early.
        if l > y.floor.get() {
            y.local.set(l - 1);
        }
    }

    /// Adds `ts`'s share to the interpreter's count, schedules a collection past the
    /// threshold and sets the next limits.
    #[cold]
    #[inline(never)]
    fn sync_young(&self, ts: &ThreadState) {
        let g0 = &self.gens[0];
        let y = &ts.gc_young;
        let c = (g0.count.get() + y.local.get()).max(0);
        g0.count.set(c);
        y.local.set(0);
        let threshold = g0.threshold.get();
        if c > threshold {
            self.maybe_schedule(ts);
        }
        y.limit.set((threshold - c + 1).clamp(1, YOUNG_BATCH));
        y.floor.set(-c);
    }

    /// Generation 0's count with the calling thread's share added in (a collection, and
    /// the choice of which generation to collect, read it).
    fn sync_current(&self) {
        if let Some((ts, st)) = current() {
            if std::ptr::eq(st, self) {
                self.sync_young(ts);
            }
        }
    }

    #[cold]
    fn maybe_schedule(&self, ts: &ThreadState) {
        if self.enabled.get()
            && self.gens[0].threshold.get() != 0
            && !self.collecting.get()
            && !self.ended.get()
            && !ts.eval_breaker_bit_is_set(_PY_GC_SCHEDULED_BIT)
        {
            ts.set_eval_breaker_bit(_PY_GC_SCHEDULED_BIT);
        }
    }

    /// How many objects are tracked, in all generations.
    #[cfg(test)]
    pub(crate) fn tracked(&self) -> usize {
        // SAFETY: the lists link live headers of this interpreter's objects.
        (0..NUM_GENERATIONS).map(|i| unsafe { list_size(self.gen_head(i)) } as usize).sum()
    }

    /// Generation 0's allocation count and the per-generation statistics.
    #[cfg(test)]
    pub(crate) fn young_count(&self) -> isize {
        self.sync_current();
        self.gens[0].count.get()
    }

    #[cfg(test)]
    pub(crate) fn stats(&self, generation: usize) -> GenStats {
        self.stats[generation].get()
    }

    /// `PyGC_Enable`/`PyGC_Disable`: sets the flag, returns the previous state.
    pub(crate) fn set_enabled(&self, on: bool) -> bool {
        self.enabled.replace(on)
    }

    pub(crate) fn is_enabled(&self) -> bool {
        self.enabled.get()
    }
}

/// The calling thread's thread state and its interpreter's collector state, if attached.
#[inline]
fn current<'a>() -> Option<(&'a ThreadState, &'a GcState)> {
    let ts = crate::tstate::current();
    // SAFETY: the attached thread state is live and keeps its interpreter alive.
    (!ts.is_null()).then(|| unsafe { (&*ts, (*ts).interp().gc()) })
}

/// Whether `op`'s type says it is a GC object (`PyObject_IS_GC`).
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn is_gc(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        has_flag(tp, Py_TPFLAGS_HAVE_GC) && (*tp).tp_is_gc.is_none_or(|f| f(op) != 0)
    }
}

/// CPython's `_PyObject_GC_MAY_BE_TRACKED`: whether `op` is, or may later become, a
/// tracked object (a GC object, unless an exact tuple that is untracked; never an
/// immortal). Containers holding only objects for which this is false need no tracking.
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn may_be_tracked(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        if !has_flag(type_of(op), Py_TPFLAGS_HAVE_GC) || is_immortal(op) || !is_gc(op) {
            return false;
        }
        type_of(op) != &raw mut tupleobject::PyTuple_Type || is_tracked_unchecked(op)
    }
}

/// `Py_VISIT` for Rust `tp_traverse` functions: calls `visit` on `op` unless either is
/// NULL; a non-zero result is returned from the enclosing function.
macro_rules! py_visit {
    ($op:expr, $visit:expr, $arg:expr) => {{
        let op: *mut $crate::abi::PyObject = $op;
        if let (Some(f), false) = ($visit, op.is_null()) {
            let r = f(op, $arg);
            if r != 0 {
                return r;
            }
        }
    }};
}
pub(crate) use py_visit;

/// Allocates `size` bytes for a GC object, zeroed, header included; returns the object's
/// address (untracked). Counts towards the next automatic collection.
pub(crate) fn alloc_object(size: usize) -> PyResult<*mut PyObject> {
    let op = alloc_object_uninit(size)?;
    // SAFETY: `op` has room for `size` bytes.
    unsafe { std::ptr::write_bytes(op as *mut u8, 0, size) };
    Ok(op)
}

/// Like [`alloc_object`] but only the header is zeroed: the caller writes the object.
#[inline(always)]
pub(crate) fn alloc_object_uninit(size: usize) -> PyResult<*mut PyObject> {
    let total = size.checked_add(HEAD_SIZE).ok_or_else(errors::no_memory)?;
    // One read of the thread state for both the heap and the counts (a hot path: every
    // tuple, list, dict).
    let cur = current();
    let p = match cur {
        Some((ts, _)) => alloc::malloc_for(ts, total),
        None => alloc::malloc(total),
    };
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: `p` has room for the header: zero links, untracked.
    unsafe { (p as Head).write(GcHead::new()) };
    if let Some((ts, st)) = cur {
        st.note_alloc(ts);
    }
    // SAFETY: the object follows its header.
    Ok(unsafe { p.add(HEAD_SIZE) } as *mut PyObject)
}

/// Whether the GC object `op` (not immortal) is tracked.
#[inline]
unsafe fn is_tracked_unchecked(op: *mut PyObject) -> bool {
    // SAFETY: per caller, it has a header.
    unsafe { (*head_of(op)).next.get() != 0 }
}

/// Whether the GC object `op` is tracked (never for an immortal).
///
/// # Safety
/// `op` is a live GC object.
pub(crate) unsafe fn is_tracked(op: *mut PyObject) -> bool {
    // SAFETY: per caller; immortals may have no header.
    unsafe { !is_immortal(op) && is_tracked_unchecked(op) }
}

/// `PyObject_GC_Track`: links `op` into the current interpreter's youngest generation.
/// Does nothing if it is tracked already, immortal, not a GC object, or no thread state is
/// attached.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn track(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        if !is_gc(op) || is_tracked(op) || is_immortal(op) {
            return;
        }
        track_new(op);
    }
}

/// Tracks a GC object known to be untracked and mortal (a builtin container just made).
///
/// # Safety
/// `op` came from [`alloc_object`]/[`alloc_object_uninit`], is untracked and its fields
/// are initialized (a collection may traverse it from now on).
#[inline]
pub(crate) unsafe fn track_new(op: *mut PyObject) {
    if let Some((_, st)) = current() {
        // SAFETY: per caller.
        unsafe { st.link_young(head_of(op)) }
    }
}

/// `PyObject_GC_UnTrack`: unlinks `op` if it is a tracked GC object.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn untrack(op: *mut PyObject) {
    // SAFETY: per caller; a tracked header's neighbours are live headers or a sentinel.
    unsafe {
        if is_gc(op) && is_tracked(op) {
            list_remove(head_of(op));
        }
    }
}

/// Untracks a mortal GC object of a builtin type if it is tracked (its `tp_dealloc`).
///
/// # Safety
/// `op` is a live, mortal GC object with a header.
#[inline]
pub(crate) unsafe fn untrack_known(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        if is_tracked_unchecked(op) {
            list_remove(head_of(op));
        }
    }
}

/// `PyObject_GC_IsFinalized`: whether the collector ran `op`'s `tp_finalize`.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn is_finalized(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { is_gc(op) && !is_immortal(op) && (*head_of(op)).prev.get() & PREV_FINALIZED != 0 }
}

/// Marks `op`'s finalizer as run (`PyObject_CallFinalizer`).
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn set_finalized(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        if is_gc(op) && !is_immortal(op) {
            let h = head_of(op);
            (*h).prev.set((*h).prev.get() | PREV_FINALIZED);
        }
    }
}

/// `PyObject_GC_Del`: untracks and frees a GC object's memory, header included.
///
/// # Safety
/// `op` came from [`alloc_object`] (directly or through `tp_alloc`) and is not used again.
pub(crate) unsafe fn free_object(op: *mut PyObject) {
    // SAFETY: per caller. The type may already be gone (a heap type dropped by its last
    // instance's dealloc), so the header alone says whether it is linked.
    unsafe {
        let h = head_of(op);
        if (*h).next.get() != 0 {
            list_remove(h);
        }
        if let Some((ts, st)) = current() {
            st.note_free(ts);
        }
        alloc::free(super::preheader::block_start(op, h.cast()).cast());
    }
}

/// `_PyObject_GC_Resize`: resizes a variable-size GC object to `nitems` items, keeping its
/// place in the tracked list.
///
/// # Safety
/// `op` is a live, variable-size GC object nobody else holds a pointer into.
pub(crate) unsafe fn resize(op: *mut PyVarObject, nitems: Py_ssize_t) -> PyResult<*mut PyVarObject> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op.cast());
        let size = typeobject::var_size(tp, nitems).ok_or_else(errors::no_memory)?;
        let total = size.checked_add(HEAD_SIZE).ok_or_else(errors::no_memory)?;
        let was_tracked = is_tracked_unchecked(op.cast());
        if was_tracked {
            list_remove(head_of(op.cast()));
        }
        let h = alloc::realloc(head_of(op.cast()).cast(), total);
        if h.is_null() {
            if was_tracked {
                track_new(op.cast());
            }
            return Err(errors::no_memory());
        }
        let op = h.add(HEAD_SIZE) as *mut PyVarObject;
        (*op).ob_size = nitems;
        if was_tracked {
            track_new(op.cast());
        }
        Ok(op)
    }
}

/// `PyGC_Enable`/`PyGC_Disable` on the current interpreter; returns the previous state
/// (false with no thread state).
pub(crate) fn set_enabled(on: bool) -> bool {
    current().is_some_and(|(_, st)| st.set_enabled(on))
}

/// `PyGC_IsEnabled` for the current interpreter (false with no thread state).
pub(crate) fn is_enabled() -> bool {
    current().is_some_and(|(_, st)| st.is_enabled())
}
