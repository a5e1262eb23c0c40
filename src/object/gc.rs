//! Objects of types with `Py_TPFLAGS_HAVE_GC`: CPython's allocation and tracking API
//! (`PyObject_GC_New`, `PyObject_GC_Track`, ...), so that container types written for
//! CPython work unchanged.
//!
//! As in CPython, such an object is preceded by a hidden two-word header. Tracking links
//! the header into its interpreter's list of tracked objects, which is what a cycle
//! collector walks; there is no collector yet, so a cycle of tracked objects lives until its
//! interpreter ends, when the interpreter's heap is released whole. `PyGC_Collect` therefore
//! finds nothing (0). The list is the interpreter's and is touched only under its GIL.
//!
//! Where CPython corrupts memory or aborts (tracking an object twice, tracking or freeing
//! an object of a type without `Py_TPFLAGS_HAVE_GC` as a GC object), these functions check
//! the type flag and the header and do nothing.

use std::cell::Cell;
use std::ptr::null_mut;

use super::*;
use crate::abi::{PyVarObject, Py_TPFLAGS_HAVE_GC};

/// The hidden header in front of a GC object. `next` is NULL while untracked.
#[repr(C)]
pub(crate) struct GcHead {
    next: Cell<*mut GcHead>,
    prev: Cell<*mut GcHead>,
}

/// Bytes in front of a GC object (a multiple of the heap's 16-byte alignment).
pub(crate) const HEAD_SIZE: usize = std::mem::size_of::<GcHead>();
const _: () = assert!(HEAD_SIZE % alloc::ALIGN == 0);

/// An interpreter's collector state: the circular list of tracked objects (its sentinel
/// is linked to itself on first use, once the state sits at its final address) and
/// whether collection is enabled (`PyGC_Enable`).
pub(crate) struct GcState {
    list: GcHead,
    enabled: Cell<bool>,
}

impl GcState {
    pub(crate) const fn new() -> GcState {
        GcState {
            list: GcHead { next: Cell::new(null_mut()), prev: Cell::new(null_mut()) },
            enabled: Cell::new(true),
        }
    }

    fn sentinel(&self) -> *mut GcHead {
        let s = &self.list as *const GcHead as *mut GcHead;
        if self.list.next.get().is_null() {
            self.list.next.set(s);
            self.list.prev.set(s);
        }
        s
    }

    /// How many objects are tracked.
    #[cfg(test)]
    pub(crate) fn tracked(&self) -> usize {
        let s = self.sentinel();
        let mut n = 0;
        // SAFETY: the list links live headers of this interpreter's objects.
        let mut h = unsafe { (*s).next.get() };
        while h != s {
            n += 1;
            // SAFETY: as above.
            h = unsafe { (*h).next.get() };
        }
        n
    }

    /// `PyGC_Enable`/`PyGC_Disable`: sets the flag, returns the previous state.
    pub(crate) fn set_enabled(&self, on: bool) -> bool {
        self.enabled.replace(on)
    }

    pub(crate) fn is_enabled(&self) -> bool {
        self.enabled.get()
    }
}

/// The calling thread's interpreter's collector state, if a thread state is attached.
fn current_state<'a>() -> Option<&'a GcState> {
    let ts = crate::tstate::current();
    // SAFETY: the attached thread state is live and keeps its interpreter alive.
    (!ts.is_null()).then(|| unsafe { (*ts).interp().gc() })
}

/// Whether `op`'s type says it is a GC object (`PyObject_IS_GC`).
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn is_gc(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        has_flag(tp, Py_TPFLAGS_HAVE_GC) && (*tp).tp_is_gc.is_none_or(|f| f(op) != 0)
    }
}

#[inline]
unsafe fn head_of(op: *mut PyObject) -> *mut GcHead {
    // SAFETY: per caller, a GC object, so the header precedes it.
    unsafe { (op as *mut u8).sub(HEAD_SIZE) as *mut GcHead }
}

/// Allocates `size` bytes for a GC object, zeroed, header included; returns the object's
/// address (untracked).
pub(crate) fn alloc_object(size: usize) -> PyResult<*mut PyObject> {
    let total = size.checked_add(HEAD_SIZE).ok_or_else(errors::no_memory)?;
    let p = alloc::calloc(1, total);
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: `p` has room for the header, which calloc zeroed (NULL links: untracked).
    Ok(unsafe { p.add(HEAD_SIZE) } as *mut PyObject)
}

/// Whether the GC object `op` is tracked.
///
/// # Safety
/// `op` is a live GC object.
pub(crate) unsafe fn is_tracked(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { !(*head_of(op)).next.get().is_null() }
}

/// `PyObject_GC_Track`: links `op` into the current interpreter's list. Does nothing if
/// it is tracked already, not a GC object, or no thread state is attached.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn track(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        if !is_gc(op) || is_tracked(op) {
            return;
        }
        let Some(st) = current_state() else { return };
        let s = st.sentinel();
        let h = head_of(op);
        let last = (*s).prev.get();
        (*h).prev.set(last);
        (*h).next.set(s);
        (*last).next.set(h);
        (*s).prev.set(h);
    }
}

/// `PyObject_GC_UnTrack`: unlinks `op` if it is a tracked GC object.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn untrack(op: *mut PyObject) {
    // SAFETY: per caller; a tracked header's neighbours are live headers or the sentinel.
    unsafe {
        if !is_gc(op) || !is_tracked(op) {
            return;
        }
        let h = head_of(op);
        let (prev, next) = ((*h).prev.get(), (*h).next.get());
        (*prev).next.set(next);
        (*next).prev.set(prev);
        (*h).next.set(null_mut());
        (*h).prev.set(null_mut());
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
        let (prev, next) = ((*h).prev.get(), (*h).next.get());
        if !next.is_null() {
            (*prev).next.set(next);
            (*next).prev.set(prev);
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
        let was_tracked = is_tracked(op.cast());
        untrack(op.cast());
        let h = alloc::realloc(head_of(op.cast()).cast(), total);
        if h.is_null() {
            if was_tracked {
                track(op.cast());
            }
            return Err(errors::no_memory());
        }
        let op = h.add(HEAD_SIZE) as *mut PyVarObject;
        (*op).ob_size = nitems;
        if was_tracked {
            track(op.cast());
        }
        Ok(op)
    }
}

/// `PyGC_Enable`/`PyGC_Disable` on the current interpreter; returns the previous state
/// (false with no thread state).
pub(crate) fn set_enabled(on: bool) -> bool {
    current_state().is_some_and(|st| st.set_enabled(on))
}

/// `PyGC_IsEnabled` for the current interpreter (false with no thread state).
pub(crate) fn is_enabled() -> bool {
    current_state().is_some_and(GcState::is_enabled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capi::objimpl::{_PyObject_GC_New, PyObject_GC_Del};
    use crate::object::longobject;

    /// A GC type whose instances are a bare head (no fields to traverse).
    fn gc_type() -> *mut PyTypeObject {
        unsafe extern "C" fn traverse(
            _: *mut PyObject,
            _: crate::abi::visitproc,
            _: *mut std::ffi::c_void,
        ) -> i32 {
            0
        }
        let tp = Box::leak(Box::new(unsafe { std::mem::zeroed::<PyTypeObject>() }));
        tp.tp_name = c"gc_tests.T".as_ptr();
        tp.tp_basicsize = std::mem::size_of::<PyObject>() as Py_ssize_t;
        tp.tp_flags = Py_TPFLAGS_HAVE_GC;
        tp.tp_traverse = Some(traverse);
        // SAFETY: a zeroed static-like type with the fields PyType_Ready needs.
        unsafe { typeobject::ready(tp).expect("ready") };
        tp
    }

    #[test]
    fn tracking_links_and_unlinks_in_the_interpreters_list() {
        crate::tests::with_runtime(|| unsafe {
            let tp = gc_type();
            let st = (*crate::tstate::current()).interp().gc();
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
        });
    }

    #[test]
    fn resize_keeps_a_tracked_object_in_the_list() {
        crate::tests::with_runtime(|| unsafe {
            let tp = gc_type();
            (*tp).tp_itemsize = 8;
            let st = (*crate::tstate::current()).interp().gc();
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
}
