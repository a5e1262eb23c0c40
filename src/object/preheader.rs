//! CPython 3.13's object pre-header: instances of types with `Py_TPFLAGS_MANAGED_DICT` or
//! `Py_TPFLAGS_MANAGED_WEAKREF` (`Py_TPFLAGS_PREHEADER`) get two pointer slots in front of
//! the GC header:
//!
//! ```text
//!   obj - 4 words   weakref list       (Py_TPFLAGS_MANAGED_WEAKREF; NULL until used)
//!   obj - 3 words   instance dict      (MANAGED_DICT_OFFSET; NULL until first needed)
//!   obj - 2 words   GC header          (object::gc)
//!   obj             PyObject
//! ```
//!
//! Such types must be GC types (PyType_Ready refuses otherwise, as CPython 3.13), so the GC
//! header is always there. Allocation and freeing go through [`alloc_gc`] and
//! [`block_start`]; the weakref engineer uses [`weakref_slot`].

use std::ffi::c_void;

use super::*;

/// Bytes reserved in front of the GC header.
pub(crate) const PRE_SIZE: usize = 2 * std::mem::size_of::<usize>();

/// `MANAGED_DICT_OFFSET` in words (CPython's value, -3).
pub(crate) const MANAGED_DICT_WORDS: isize = -3;
/// The managed weakref list's offset in words (-4).
pub(crate) const MANAGED_WEAKREF_WORDS: isize = -4;

/// Whether instances of `tp` have the pre-header.
#[inline(always)]
pub(crate) unsafe fn has_preheader(tp: *mut PyTypeObject) -> bool {
    // SAFETY: per caller, a live type.
    unsafe { (*tp).tp_flags & Py_TPFLAGS_PREHEADER as c_ulong != 0 }
}

/// Bytes in front of the GC header for instances of `tp` (0 or [`PRE_SIZE`]).
#[inline(always)]
pub(crate) unsafe fn pre_size(tp: *mut PyTypeObject) -> usize {
    // SAFETY: per caller.
    if unsafe { has_preheader(tp) } {
        PRE_SIZE
    } else {
        0
    }
}

/// The managed dict slot of `obj` (its type has `Py_TPFLAGS_MANAGED_DICT`).
#[inline(always)]
pub(crate) unsafe fn dict_slot(obj: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: per caller, the pre-header exists.
    unsafe { (obj as *mut *mut PyObject).offset(MANAGED_DICT_WORDS) }
}

/// The managed weakref list slot of `obj` (its type has `Py_TPFLAGS_MANAGED_WEAKREF`).
#[inline(always)]
#[allow(dead_code)]
pub(crate) unsafe fn weakref_slot(obj: *mut PyObject) -> *mut *mut PyObject {
    // SAFETY: per caller, the pre-header exists.
    unsafe { (obj as *mut *mut PyObject).offset(MANAGED_WEAKREF_WORDS) }
}

/// Allocates a zeroed GC object of `size` bytes for an instance of `tp`, with the
/// pre-header in front when `tp` has one; returns the object's address (untracked).
pub(crate) unsafe fn alloc_gc(tp: *mut PyTypeObject, size: usize) -> PyResult<*mut PyObject> {
    // SAFETY: per caller.
    let pre = unsafe { pre_size(tp) };
    if pre == 0 {
        return gc::alloc_object(size);
    }
    let total = size.checked_add(pre).ok_or_else(errors::no_memory)?;
    let p = gc::alloc_object(total)?;
    // SAFETY: `gc::alloc_object` gave [header (16)][total zeroed bytes]. The object goes
    // `pre` bytes further in, so its GC header (the 16 bytes right in front of it) is the
    // first zeroed part (NULL links: untracked), and the block's own first 16 bytes are the
    // pre-header: weakref list at -4 words, dict at -3 words. `block_start` gives the block
    // back to the allocator.
    unsafe { Ok((p as *mut u8).add(pre) as *mut PyObject) }
}

/// The start of the memory block of the GC object `op` whose GC header is at `head`: the
/// header itself, or `PRE_SIZE` before it when the object's type has the pre-header.
///
/// # Safety
/// `op` is a GC object whose type is still alive (read before the type is released, as
/// CPython's `PyObject_GC_Del` does).
#[inline(always)]
pub(crate) unsafe fn block_start(op: *mut PyObject, head: *mut c_void) -> *mut c_void {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        if !tp.is_null() && has_preheader(tp) {
            (head as *mut u8).sub(PRE_SIZE).cast()
        } else {
            head
        }
    }
}
