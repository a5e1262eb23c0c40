//! Unit tests of the weak reference lists and the collector's hooks (sets as referents:
//! they keep their list at `tp_weaklistoffset`).

use super::*;
use crate::object::setobject;
use crate::tests::with_runtime;

unsafe fn new_set() -> Owned {
    // SAFETY: a fresh set.
    unsafe { setobject::make_new(&raw mut setobject::PySet_Type, null_mut()).unwrap() }
}

/// The list of `op`'s weak references, head first.
unsafe fn list_of(op: *mut PyObject) -> Vec<*mut PyObject> {
    // SAFETY: per caller, a live object supporting weak references.
    unsafe {
        let mut v = Vec::new();
        let mut cur = *weaklist_ptr(op);
        while !cur.is_null() {
            v.push(cur);
            let w = wr(cur);
            if !w.wr_next.is_null() {
                assert_eq!(wr(w.wr_next.cast()).wr_prev.cast::<PyObject>(), cur);
            }
            cur = w.wr_next.cast();
        }
        v
    }
}

#[test]
fn list_order_is_basic_ref_basic_proxy_then_newest_first() {
    with_runtime(|| unsafe {
        let s = new_set();
        let cb = s; // any object will do as a callback that is never called here
        let c1 = new(Kind::Ref, s, cb).unwrap();
        let p = new(Kind::Proxy, s, null_mut()).unwrap();
        let c2 = new(Kind::Ref, s, cb).unwrap();
        let r = new(Kind::Ref, s, singletons::none()).unwrap();
        assert_eq!(list_of(s), vec![r, p, c2, c1]);
        // Shared: no new object for a second callback-less ref or proxy.
        let r2 = new(Kind::Ref, s, null_mut()).unwrap();
        assert_eq!(r2, r);
        decref(r2);
        // A reference that dies unlinks itself, wherever it is.
        decref(c2);
        assert_eq!(list_of(s), vec![r, p, c1]);
        decref(r);
        assert_eq!(list_of(s), vec![p, c1]);
        clear_weakrefs_no_callbacks(s);
        assert!(list_of(s).is_empty());
        assert!(get_ref(c1).is_null() && get_ref(p).is_null());
        // The callback is kept until the reference dies.
        assert_eq!(wr(c1).wr_callback, cb);
        decref(c1);
        decref(p);
        decref(s);
    });
}

#[test]
fn gc_detach_returns_only_reachable_references_with_callbacks() {
    with_runtime(|| unsafe {
        let s = new_set();
        let cb = new_set();
        let garbage_ref = new(Kind::Ref, s, cb).unwrap();
        let live_ref = new(Kind::Ref, s, cb).unwrap();
        let plain = new(Kind::Ref, s, null_mut()).unwrap();
        let mut to_call = Vec::new();
        gc_detach(s, |w| w == garbage_ref, &mut to_call);
        assert_eq!(to_call, vec![live_ref]);
        assert!(list_of(s).is_empty());
        for w in [garbage_ref, live_ref, plain] {
            assert!(get_ref(w).is_null());
        }
        // A weak reference that is itself garbage is cleared too.
        let s2 = new_set();
        let w2 = new(Kind::Ref, s2, null_mut()).unwrap();
        gc_detach(w2, |_| true, &mut to_call);
        assert!(get_ref(w2).is_null() && list_of(s2).is_empty());
        // `run_callback` calls `cb(live_ref)`: a set is not callable, so that is reported
        // as unraisable and nothing propagates.
        let before = (*live_ref).ob_refcnt;
        for w in to_call {
            run_callback(w);
        }
        assert_eq!((*live_ref).ob_refcnt, before - 1);
        assert!(errors::occurred().is_null());
        for o in [garbage_ref, live_ref, plain, w2, s, s2, cb] {
            decref(o);
        }
    });
}

#[test]
fn managed_weakref_slot_is_four_words_before_the_object() {
    // CPython 3.13's pre-header (the `attr` branch allocates it): [weaklist, dict, gc, gc]
    // then the object. Here the memory is laid out by hand.
    with_runtime(|| unsafe {
        let mut tp = Box::new(TYPE_TEMPLATE);
        tp.ob_base.ob_base.ob_type = &raw mut typeobject::PyType_Type;
        tp.tp_name = c"managed".as_ptr();
        tp.tp_basicsize = size_of::<PyObject>() as Py_ssize_t;
        tp.tp_flags = Py_TPFLAGS_MANAGED_WEAKREF as c_ulong | Py_TPFLAGS_MANAGED_DICT as c_ulong;
        let tp = Box::into_raw(tp);
        assert!(supports_weakrefs(tp));
        let mut mem = [0usize; 6];
        let op = mem.as_mut_ptr().add(4).cast::<PyObject>();
        (*op).ob_refcnt = 1;
        (*op).ob_type = tp;
        assert_eq!(weaklist_ptr(op), mem.as_mut_ptr().cast());
        let r = new(Kind::Ref, op, null_mut()).unwrap();
        let p = new(Kind::Proxy, op, null_mut()).unwrap();
        assert_eq!(mem[0], r as usize);
        assert_eq!(list_of(op), vec![r, p]);
        assert_eq!(mem[1], 0, "the dict slot is left alone");
        (*op).ob_refcnt = 0;
        clear_weakrefs(op);
        assert_eq!(mem[0], 0);
        assert!(get_ref(r).is_null() && get_ref(p).is_null());
        decref(r);
        decref(p);
        drop(Box::from_raw(tp));
    });
}
