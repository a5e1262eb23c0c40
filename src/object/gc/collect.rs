//! One collection, CPython 3.13's algorithm (`Python/gc.c`, `gc_collect_main`):
//!
//! 1. merge the younger generations into the one collected;
//! 2. `gc_refs` = refcount for each of its objects, minus the references coming from
//!    inside the set (found through `tp_traverse`): what is left counts references from
//!    outside; objects reachable from one with `gc_refs > 0` are reachable, the rest is
//!    the unreachable set;
//! 3. survivors move one generation up (tuples holding only atomic items are untracked
//!    on the way, and, in a full collection, such dicts);
//! 4. weak references to the unreachable objects would be cleared and their callbacks
//!    called here ([`handle_weakrefs`], a hook until weak references exist);
//! 5. `tp_finalize` runs once per object (the FINALIZED bit), errors reported as
//!    unraisable;
//! 6. the set is examined again: what a finalizer resurrected (and all it reaches)
//!    survives into the next generation (skipped when no finalizer or callback ran);
//! 7. `tp_clear` breaks the remaining cycles; reference counting frees them.
//!
//! The count returned is the number of objects found unreachable and not resurrected.

use super::*;
use crate::abi::{visitproc, PyTupleObject};

/// Why a collection runs (CPython's `_PyGC_Reason`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reason {
    /// The allocation threshold was crossed.
    Heap,
    /// `PyGC_Collect` and the like.
    Manual,
    /// The interpreter is ending.
    Shutdown,
}

#[inline]
fn gc_refs(h: Head) -> isize {
    // SAFETY: a live header during a collection.
    (unsafe { (*h).prev.get() } >> PREV_SHIFT) as isize
}

#[inline]
unsafe fn set_gc_refs(h: Head, refs: isize) {
    // SAFETY: per caller.
    unsafe { (*h).prev.set(((*h).prev.get() & !PREV_MASK) | ((refs as usize) << PREV_SHIFT)) }
}

#[inline]
unsafe fn is_collecting(h: Head) -> bool {
    // SAFETY: per caller.
    unsafe { (*h).prev.get() & PREV_COLLECTING != 0 }
}

#[inline]
unsafe fn clear_collecting(h: Head) {
    // SAFETY: per caller.
    unsafe { (*h).prev.set((*h).prev.get() & !PREV_COLLECTING) }
}

/// The header of `op` if it is a GC object that can be in a collection (mortal: immortal
/// objects may have no header).
#[inline]
unsafe fn gc_head_of(op: *mut PyObject) -> Option<Head> {
    // SAFETY: per caller, `op` is a live object.
    unsafe { (!is_immortal(op) && is_gc(op)).then(|| head_of(op)) }
}

unsafe fn traverse(op: *mut PyObject, visit: visitproc, arg: *mut std::ffi::c_void) {
    // SAFETY: per caller, a live object of a GC type.
    unsafe {
        if let Some(t) = (*type_of(op)).tp_traverse {
            t(op, visit, arg);
        }
    }
}

/// `update_refs`: `gc_refs` = refcount and COLLECTING for every object of `containers`
/// (immortal ones are untracked instead: they are never collected).
unsafe fn update_refs(containers: Head) {
    // SAFETY: per caller, a well-formed list of live headers.
    unsafe {
        let mut h = next(containers);
        while h != containers {
            let n = next(h);
            let op = object_of(h);
            if is_immortal(op) {
                list_remove(h);
            } else {
                let r = (*op).ob_refcnt;
                (*h).prev.set(((*h).prev.get() & PREV_FINALIZED) | PREV_COLLECTING | ((r as usize) << PREV_SHIFT));
            }
            h = n;
        }
    }
}

unsafe extern "C" fn visit_decref(op: *mut PyObject, _parent: *mut std::ffi::c_void) -> i32 {
    // SAFETY: called by tp_traverse with a live object.
    unsafe {
        if let Some(h) = gc_head_of(op) {
            if is_collecting(h) && gc_refs(h) > 0 {
                set_gc_refs(h, gc_refs(h) - 1);
            }
        }
    }
    0
}

/// `subtract_refs`: takes away the references from inside the set.
unsafe fn subtract_refs(containers: Head) {
    // SAFETY: per caller.
    unsafe {
        let mut h = next(containers);
        while h != containers {
            traverse(object_of(h), Some(visit_decref), object_of(h).cast());
            h = next(h);
        }
    }
}

unsafe extern "C" fn visit_reachable(op: *mut PyObject, arg: *mut std::ffi::c_void) -> i32 {
    let reachable = arg as Head;
    // SAFETY: called by tp_traverse with a live object; `reachable` is the young list.
    unsafe {
        let Some(h) = gc_head_of(op) else { return 0 };
        // Not in the set (another generation, untracked, or already scanned).
        if !is_collecting(h) {
            return 0;
        }
        if (*h).next.get() & NEXT_UNREACHABLE != 0 {
            // Moved to the unreachable list earlier, but reachable after all: back to the
            // young list, where the scan will reach it again.
            let p = prev(h);
            let n = ((*h).next.get() & !NEXT_UNREACHABLE) as Head;
            (*p).next.set((*h).next.get()); // keeps the UNREACHABLE bit
            set_prev(n, p);
            list_append(h, reachable);
            set_gc_refs(h, 1);
        } else if gc_refs(h) == 0 {
            // Not scanned yet: tell the scan it is reachable.
            set_gc_refs(h, 1);
        }
    }
    0
}

/// `move_unreachable`: moves the objects of `young` not reachable from outside it to
/// `unreachable` (whose nodes carry NEXT_UNREACHABLE until [`clear_unreachable_mask`]).
/// The reachable ones lose COLLECTING and get their `prev` links back.
unsafe fn move_unreachable(young: Head, unreachable: Head) {
    // SAFETY: per caller: `young` has gone through update_refs/subtract_refs, so its
    // `prev` words hold gc_refs and it is singly linked.
    unsafe {
        let mut prv = young;
        let mut h = next(young);
        while h != young {
            if gc_refs(h) != 0 {
                // Reachable: whatever it references is too. (Traversal may append to
                // `young`, so the next node is read after it.)
                traverse(object_of(h), Some(visit_reachable), young.cast());
                set_prev(h, prv);
                clear_collecting(h);
                prv = h;
            } else {
                // Maybe unreachable: to the unreachable list until proven otherwise.
                (*prv).next.set((*h).next.get());
                let last = prev(unreachable);
                (*last).next.set(NEXT_UNREACHABLE | h as usize);
                set_prev(h, last);
                (*h).next.set(NEXT_UNREACHABLE | unreachable as usize);
                (*unreachable).prev.set(h as usize);
            }
            h = next(prv);
        }
        (*young).prev.set(prv as usize);
        // The sentinel's next may carry the bit from the first append: repair it.
        (*unreachable).next.set((*unreachable).next.get() & !NEXT_UNREACHABLE);
    }
}

/// Clears NEXT_UNREACHABLE from the nodes of `unreachable`, making it a normal list.
unsafe fn clear_unreachable_mask(unreachable: Head) {
    // SAFETY: per caller.
    unsafe {
        let mut h = next(unreachable);
        while h != unreachable {
            (*h).next.set((*h).next.get() & !NEXT_UNREACHABLE);
            h = next(h);
        }
    }
}

/// `deduce_unreachable`: splits `base` into what stays (in `base`) and `unreachable`.
unsafe fn deduce_unreachable(base: Head, unreachable: Head) {
    // SAFETY: per caller.
    unsafe {
        update_refs(base);
        subtract_refs(base);
        move_unreachable(base, unreachable);
    }
}

/// CPython's `untrack_tuples`: untracks the exact tuples of `list` whose items are all
/// untracked or atomic (they cannot be part of a cycle; they are tracked again never, as
/// tuples do not change).
unsafe fn untrack_tuples(list: Head) {
    // SAFETY: per caller, a well-formed list of live objects.
    unsafe {
        let mut h = next(list);
        while h != list {
            let n = next(h);
            let op = object_of(h);
            if type_of(op) == &raw mut tupleobject::PyTuple_Type {
                let t = op as *mut PyTupleObject;
                let items = std::slice::from_raw_parts((*t).ob_item.as_ptr(), (*t).ob_base.ob_size as usize);
                if items.iter().all(|&i| !i.is_null() && !may_be_tracked(i)) {
                    list_remove(h);
                }
            }
            h = n;
        }
    }
}

/// CPython's `untrack_dicts` (full collections only): untracks the exact dicts of `list`
/// whose keys and values are all atomic or untracked; an insertion tracks them again.
unsafe fn untrack_dicts(list: Head) {
    // SAFETY: per caller, a well-formed list of live objects.
    unsafe {
        let mut h = next(list);
        while h != list {
            let n = next(h);
            let op = object_of(h);
            if type_of(op) == &raw mut dictobject::PyDict_Type {
                let mut pos = 0;
                let mut atomic = true;
                while let Some((ix, e)) = dictobject::table::next_entry(op, pos) {
                    if may_be_tracked(e.key) || may_be_tracked(e.value) {
                        atomic = false;
                        break;
                    }
                    pos = ix + 1;
                }
                if atomic {
                    list_remove(h);
                }
            }
            h = n;
        }
    }
}

/// CPython's `handle_weakrefs`, before any finalizer runs: clears every weak reference to
/// an object of `unreachable` (and every unreachable weak reference itself), so no callback
/// or finalizer can reach the garbage through one; then calls the callbacks of the cleared
/// references that are themselves reachable (a callback of a reference that is garbage too
/// is never called, as in CPython). Returns the weak reference objects freed (none: they
/// are reachable, or freed with the rest of the garbage) and whether any callback ran: code
/// that ran may have resurrected objects, so [`collect_main`] then checks the set again.
unsafe fn handle_weakrefs(unreachable: Head, _old: Head) -> (isize, bool) {
    let mut to_call: Vec<Owned> = Vec::new();
    // SAFETY: per caller, `unreachable` is a list of live objects; clearing a reference
    // frees nothing (the collector's references keep each to-call one alive).
    unsafe {
        let mut h = next(unreachable);
        while h != unreachable {
            let op = object_of(h);
            let garbage = |w: *mut PyObject| is_gc(w) && is_collecting(head_of(w));
            weakrefobject::gc_detach(op, garbage, &mut to_call);
            h = next(h);
        }
        let ran = !to_call.is_empty();
        for w in to_call {
            weakrefobject::run_callback(w);
        }
        (0, ran)
    }
}

/// `finalize_garbage`: runs `tp_finalize` of each object of `collectable` not finalized
/// yet, marking it finalized first. A finalizer may free or resurrect anything, so the
/// list is consumed from its head into `seen` and merged back after. Returns how many
/// objects the list held and whether any finalizer ran.
unsafe fn finalize_garbage(collectable: Head) -> (isize, bool) {
    let seen = GcHead::new();
    let seen_p = &seen as *const GcHead as Head;
    let mut n = 0;
    let mut ran = false;
    // SAFETY: per caller; nodes freed by a finalizer unlink themselves.
    unsafe {
        list_init(seen_p);
        while !list_is_empty(collectable) {
            let h = next(collectable);
            let op = object_of(h);
            list_move(h, seen_p);
            n += 1;
            let fin = (*type_of(op)).tp_finalize;
            if let Some(f) = fin {
                if (*h).prev.get() & PREV_FINALIZED == 0 {
                    (*h).prev.set((*h).prev.get() | PREV_FINALIZED);
                    ran = true;
                    incref(op);
                    f(op);
                    if !errors::raised().is_null() {
                        exceptions::display::write_unraisable(op);
                    }
                    decref(op);
                }
            }
        }
        list_merge(seen_p, collectable);
    }
    (n, ran)
}

/// `handle_resurrected_objects`: what a finalizer made reachable again goes to `old`, the
/// rest to `still_unreachable`.
unsafe fn handle_resurrected_objects(unreachable: Head, still_unreachable: Head, old: Head) {
    // SAFETY: per caller.
    unsafe {
        let mut h = next(unreachable);
        while h != unreachable {
            clear_collecting(h);
            h = next(h);
        }
        deduce_unreachable(unreachable, still_unreachable);
        clear_unreachable_mask(still_unreachable);
        list_merge(unreachable, old);
    }
}

/// `delete_garbage`: `tp_clear` on each object until the list is empty; one still alive
/// after its clear (something else holds it) moves to `old`.
unsafe fn delete_garbage(collectable: Head, old: Head) {
    // SAFETY: per caller; objects freed by a clear unlink themselves.
    unsafe {
        while !list_is_empty(collectable) {
            let h = next(collectable);
            let op = object_of(h);
            if let Some(clear) = (*type_of(op)).tp_clear {
                incref(op);
                clear(op);
                if !errors::raised().is_null() {
                    let msg = format!("Exception ignored in tp_clear of {}", type_name(type_of(op)));
                    exceptions::display::write_unraisable_msg(&msg, null_mut());
                }
                decref(op);
            }
            if next(collectable) == h {
                // Still alive: it may die later.
                clear_collecting(h);
                list_move(h, old);
            }
        }
    }
}

/// The generation an automatic collection should collect, if any (CPython's
/// `gc_select_generation`).
fn select_generation(st: &GcState) -> Option<usize> {
    (0..NUM_GENERATIONS).rev().find(|&i| {
        let g = &st.gens[i];
        g.count.get() > g.threshold.get()
            && !(i == NUM_GENERATIONS - 1 && st.long_lived_pending.get() < st.long_lived_total.get() / 4)
    })
}

/// `gc_collect_main` for `generation`; the caller has set `collecting`.
unsafe fn collect_main(st: &GcState, generation: usize) -> isize {
    // SAFETY: under the interpreter's GIL; the lists hold live headers.
    unsafe {
        if generation + 1 < NUM_GENERATIONS {
            let g = &st.gens[generation + 1];
            g.count.set(g.count.get() + 1);
        }
        // The calling thread's share is folded in (and so dropped with the count), then
        // its limits restart from the new count.
        st.sync_current();
        for g in &st.gens[..=generation] {
            g.count.set(0);
        }
        st.sync_current();
        for i in 0..generation {
            list_merge(st.gen_head(i), st.gen_head(generation));
        }
        let young = st.gen_head(generation);
        let old = if generation + 1 < NUM_GENERATIONS { st.gen_head(generation + 1) } else { young };

        let unreachable = GcHead::new();
        let unreachable_p = &unreachable as *const GcHead as Head;
        list_init(unreachable_p);
        deduce_unreachable(young, unreachable_p);

        untrack_tuples(young);
        if young != old {
            if generation == NUM_GENERATIONS - 2 {
                st.long_lived_pending.set(st.long_lived_pending.get() + list_size(young));
            }
            list_merge(young, old);
        } else {
            untrack_dicts(young);
            st.long_lived_pending.set(0);
            st.long_lived_total.set(list_size(young));
        }
        // CPython moves objects with a legacy `tp_del` aside here; there are none.
        clear_unreachable_mask(unreachable_p);

        let (mut collected, callbacks_ran) = handle_weakrefs(unreachable_p, old);
        let (size, finalizers_ran) = finalize_garbage(unreachable_p);

        // Only code that ran since the set was computed (a finalizer, a weakref callback)
        // can have resurrected part of it: when none ran, the set is final as it is, and
        // the second pass over it (CPython always makes it) is skipped. The objects are in
        // the state that pass would leave them in: COLLECTING set, plain list links.
        let final_unreachable = GcHead::new();
        let final_p = &final_unreachable as *const GcHead as Head;
        list_init(final_p);
        if finalizers_ran || callbacks_ran {
            handle_resurrected_objects(unreachable_p, final_p, old);
            collected += list_size(final_p);
        } else {
            list_merge(unreachable_p, final_p);
            collected += size;
        }
        delete_garbage(final_p, old);

        let s = &st.stats[generation];
        let mut v = s.get();
        v.collections += 1;
        v.collected += collected;
        s.set(v);
        collected
    }
}

/// Runs a collection of `generation` unless one is running or the interpreter's final
/// collection has happened; the exception set on entry (if any) is set again on exit.
fn collect_guarded(st: &GcState, generation: usize, reason: Reason) -> isize {
    if st.collecting.get() || st.ended.get() {
        return 0;
    }
    st.collecting.set(true);
    let saved = errors::take_raised();
    // SAFETY: attached to the state's interpreter (callers take it from the thread state).
    let n = unsafe { collect_main(st, generation) };
    if !errors::raised().is_null() {
        if reason == Reason::Shutdown {
            errors::clear();
        } else {
            exceptions::display::write_unraisable_msg("Exception ignored in garbage collection", null_mut());
        }
    }
    // SAFETY: the exception we took, given back (replacing nothing: none is set now).
    unsafe { errors::set_raised(saved) };
    st.collecting.set(false);
    n
}

/// `PyGC_Collect`: a full collection of the current interpreter if collection is enabled
/// (else 0, as CPython); the number of unreachable objects found.
pub(crate) fn collect_explicit() -> isize {
    match current() {
        Some((_, st)) if st.enabled.get() => collect_guarded(st, NUM_GENERATIONS - 1, Reason::Manual),
        _ => 0,
    }
}

/// Python's `gc.collect(generation)`: collects even when automatic collection is disabled.
#[allow(dead_code)] // for the gc module
pub(crate) fn collect_forced(generation: usize) -> isize {
    match current() {
        Some((_, st)) => collect_guarded(st, generation.min(NUM_GENERATIONS - 1), Reason::Manual),
        None => 0,
    }
}

/// A safe point of `ts` (attached): runs the automatic collection scheduled on it, if any
/// (CPython's `_Py_RunGC` from the eval breaker).
pub(crate) fn run_scheduled(ts: &ThreadState) {
    if !ts.eval_breaker_bit_is_set(_PY_GC_SCHEDULED_BIT) {
        return;
    }
    let st = ts.interp().gc();
    // Folds in this thread's share first (the bit is still set: that cannot schedule again).
    st.sync_young(ts);
    ts.clear_eval_breaker_bit(_PY_GC_SCHEDULED_BIT);
    if !st.enabled.get() {
        return;
    }
    if let Some(generation) = select_generation(st) {
        collect_guarded(st, generation, Reason::Heap);
    }
}

/// The interpreter's last collection, while it ends (attached, after its `atexit`
/// callbacks and state dict, as CPython's `finalize_modules` collects): finalizers of its
/// garbage run. After it nothing collects again; what is left goes with its heap.
pub(crate) fn collect_at_end(st: &GcState) {
    collect_guarded(st, NUM_GENERATIONS - 1, Reason::Shutdown);
    st.ended.set(true);
}
