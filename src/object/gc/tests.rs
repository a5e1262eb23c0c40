use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use super::collect::collect_forced;
use super::*;
use crate::capi::objimpl::{_PyObject_GC_New, PyObject_GC_Del};
use crate::object::longobject;

/// A node: one reference (`item`), traverse and clear; deallocations counted in `DEALLOCS`.
#[repr(C)]
struct Node {
    ob_base: PyObject,
    item: *mut PyObject,
}

static DEALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe extern "C" fn node_traverse(op: *mut PyObject, visit: crate::abi::visitproc, arg: *mut std::ffi::c_void) -> i32 {
    // SAFETY: a Node.
    unsafe {
        let item = (*(op as *mut Node)).item;
        if !item.is_null() {
            let r = visit.unwrap()(item, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn node_clear(op: *mut PyObject) -> i32 {
    // SAFETY: a Node.
    unsafe {
        let n = op as *mut Node;
        let item = std::mem::replace(&mut (*n).item, null_mut());
        xdecref(item);
    }
    0
}

unsafe extern "C" fn node_dealloc(op: *mut PyObject) {
    // SAFETY: a Node with no references.
    unsafe {
        untrack(op);
        node_clear(op);
        DEALLOCS.fetch_add(1, Relaxed);
        free_object(op);
    }
}

fn node_type() -> *mut PyTypeObject {
    let tp = Box::leak(Box::new(unsafe { std::mem::zeroed::<PyTypeObject>() }));
    tp.tp_name = c"gc_tests.Node".as_ptr();
    tp.tp_basicsize = std::mem::size_of::<Node>() as Py_ssize_t;
    tp.tp_flags = Py_TPFLAGS_HAVE_GC;
    tp.tp_traverse = Some(node_traverse);
    tp.tp_clear = Some(node_clear);
    tp.tp_dealloc = Some(node_dealloc);
    // SAFETY: a zeroed static-like type with the fields PyType_Ready needs.
    unsafe { typeobject::ready(tp).expect("ready") };
    tp
}

unsafe fn new_node(tp: *mut PyTypeObject, item: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe {
        let n = _PyObject_GC_New(tp);
        (*(n as *mut Node)).item = item;
        track(n);
        n
    }
}

fn state<'a>() -> &'a GcState {
    // SAFETY: attached inside with_runtime.
    unsafe { (*crate::tstate::current()).interp().gc() }
}

#[test]
fn tracking_links_and_unlinks_in_the_interpreters_list() {
    crate::tests::with_runtime(|| unsafe {
        let tp = node_type();
        let st = state();
        let base = st.tracked();
        let objs: Vec<_> = (0..5).map(|_| _PyObject_GC_New(tp)).collect();
        assert_eq!(st.tracked(), base, "new objects start untracked");
        for &o in &objs {
            track(o);
            track(o); // a second track changes nothing
        }
        assert_eq!(st.tracked(), base + 5);
        untrack(objs[2]);
        untrack(objs[2]);
        assert_eq!(st.tracked(), base + 4);
        assert!(!is_tracked(objs[2]) && is_tracked(objs[3]));
        // Freeing a tracked object unlinks it; the list stays consistent around it.
        PyObject_GC_Del(objs[0].cast());
        PyObject_GC_Del(objs[4].cast());
        assert_eq!(st.tracked(), base + 2);
        for &o in &objs[1..4] {
            PyObject_GC_Del(o.cast());
        }
        assert_eq!(st.tracked(), base);
        // Not a GC object: tracking is a no-op (its memory has no header to write).
        let n = longobject::from_i64(1 << 40).unwrap();
        track(n);
        assert!(!is_gc(n));
        assert_eq!(st.tracked(), base);
        decref(n);
        // The static empty tuple has no header: never tracked, never read.
        let e = tupleobject::empty();
        track(e);
        untrack(e);
        assert!(!is_tracked(e) && !may_be_tracked(e));
    });
}

#[test]
fn resize_keeps_a_tracked_object_in_the_list() {
    crate::tests::with_runtime(|| unsafe {
        let tp = node_type();
        (*tp).tp_itemsize = 8;
        let st = state();
        let base = st.tracked();
        let a = _PyObject_GC_New(tp);
        let b = _PyObject_GC_New(tp);
        track(a);
        track(b);
        let b2 = resize(b.cast(), 10_000).expect("resize");
        assert!(is_tracked(b2.cast()));
        assert_eq!((*b2).ob_size, 10_000);
        assert_eq!(st.tracked(), base + 2);
        untrack(a);
        assert_eq!(st.tracked(), base + 1);
        PyObject_GC_Del(b2.cast());
        PyObject_GC_Del(a.cast());
        assert_eq!(st.tracked(), base);
    });
}

#[test]
fn a_collection_frees_cycles_and_keeps_what_is_reachable() {
    crate::tests::with_runtime(|| unsafe {
        let tp = node_type();
        let st = state();
        collect_explicit();
        let before = DEALLOCS.load(Relaxed);
        // A ring of 100 nodes, each holding the previous; garbage once `first` closes it
        // with the reference we held.
        let first = new_node(tp, null_mut());
        let mut last = first;
        for _ in 1..100 {
            last = new_node(tp, last);
        }
        (*(first as *mut Node)).item = last;
        // A 2-cycle we keep a reference to, and a garbage self-cycle.
        let kept = new_node(tp, null_mut());
        let other = new_node(tp, new_ref(kept));
        (*(kept as *mut Node)).item = other;
        let selfref = new_node(tp, null_mut());
        (*(selfref as *mut Node)).item = new_ref(selfref);
        decref(selfref);
        let full_before = st.stats(NUM_GENERATIONS - 1).collections;
        assert_eq!(collect_explicit(), 101);
        assert_eq!(DEALLOCS.load(Relaxed), before + 101);
        assert!(is_tracked(kept) && is_tracked(other));
        decref(kept);
        assert_eq!(collect_explicit(), 2);
        assert_eq!(DEALLOCS.load(Relaxed), before + 103);
        assert_eq!(st.stats(NUM_GENERATIONS - 1).collections, full_before + 2);
        // Disabled: PyGC_Collect does nothing (CPython), gc.collect() still collects.
        let a = new_node(tp, null_mut());
        (*(a as *mut Node)).item = new_ref(a);
        decref(a);
        st.set_enabled(false);
        assert_eq!(collect_explicit(), 0);
        assert_eq!(collect_forced(2), 1);
        st.set_enabled(true);
    });
}

#[test]
fn the_allocation_count_schedules_a_collection_run_at_a_safe_point() {
    crate::tests::with_runtime(|| unsafe {
        let tp = node_type();
        let st = state();
        let ts = &*crate::tstate::current();
        collect_explicit();
        assert_eq!(st.young_count(), 0);
        let before = DEALLOCS.load(Relaxed);
        let runs = st.stats(0).collections;
        for _ in 0..=THRESHOLDS[0] {
            let a = new_node(tp, null_mut());
            (*(a as *mut Node)).item = new_ref(a);
            decref(a);
        }
        assert!(ts.eval_breaker_bit_is_set(_PY_GC_SCHEDULED_BIT));
        assert_eq!(DEALLOCS.load(Relaxed), before, "nothing runs inside an allocation");
        run_scheduled(ts);
        assert!(!ts.eval_breaker_bit_is_set(_PY_GC_SCHEDULED_BIT));
        assert_eq!(st.stats(0).collections, runs + 1);
        assert_eq!(DEALLOCS.load(Relaxed), before + THRESHOLDS[0] as usize + 1);
        assert_eq!(st.young_count(), 0);
    });
}
