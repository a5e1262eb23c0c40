//! `tuple`: CPython's layout (items inline). The empty tuple is a static, immortal
//! singleton shared by every interpreter.

use std::mem::offset_of;
use std::ptr::null_mut;

use super::*;

/// `tuple`.
#[unsafe(no_mangle)]
pub static mut PyTuple_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"tuple".as_ptr(),
    tp_basicsize: offset_of!(PyTupleObject, ob_item) as Py_ssize_t,
    tp_itemsize: std::mem::size_of::<*mut PyObject>() as Py_ssize_t,
    tp_dealloc: Some(tuple_dealloc),
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"Built-in immutable sequence.".as_ptr(),
    ..TYPE_TEMPLATE
};

/// `()`: immortal, shared.
pub(crate) static mut EMPTY_TUPLE: PyTupleObject = PyTupleObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut PyTuple_Type), ob_size: 0 },
    ob_item: [null_mut()],
};

/// The empty tuple (borrowed; immortal).
#[inline]
pub(crate) fn empty() -> *mut PyObject {
    (&raw mut EMPTY_TUPLE).cast()
}

/// A tuple of `n` items, all NULL until set with [`set_item`] (CPython's `PyTuple_New`).
pub(crate) fn new(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    if n == 0 {
        return Ok(empty());
    }
    let size = (n as usize)
        .checked_mul(std::mem::size_of::<*mut PyObject>())
        .and_then(|b| b.checked_add(offset_of!(PyTupleObject, ob_item)))
        .ok_or_else(errors::no_memory)?;
    let p = alloc::calloc(1, size) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p, &raw mut PyTuple_Type);
        (*(p as *mut PyVarObject)).ob_size = n;
    }
    Ok(p)
}

/// A tuple holding new references to `items`.
pub(crate) fn pack(items: &[*mut PyObject]) -> PyResult<Owned> {
    let t = new(items.len() as Py_ssize_t)?;
    for (i, &item) in items.iter().enumerate() {
        // SAFETY: `t` is fresh with room for every item; items are live.
        unsafe { set_item(t, i as Py_ssize_t, new_ref(item)) };
    }
    Ok(t)
}

/// # Safety
/// `t` is a tuple.
#[inline]
pub(crate) unsafe fn size(t: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { (*(t as *mut PyVarObject)).ob_size }
}

/// # Safety
/// `t` is a tuple and `i` in range.
#[inline]
pub(crate) unsafe fn items<'a>(t: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: per caller; the items follow the head.
    unsafe {
        std::slice::from_raw_parts((*(t as *mut PyTupleObject)).ob_item.as_ptr(), size(t) as usize)
    }
}

/// Borrowed item `i`.
///
/// # Safety
/// `t` is a tuple and `i` in range.
#[inline]
pub(crate) unsafe fn get_item(t: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { *(*(t as *mut PyTupleObject)).ob_item.as_mut_ptr().add(i as usize) }
}

/// Stores `v` (stolen) at `i` without dropping what was there: for filling new tuples.
///
/// # Safety
/// `t` is a tuple and `i` in range.
#[inline]
pub(crate) unsafe fn set_item(t: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    // SAFETY: per caller.
    unsafe { *(*(t as *mut PyTupleObject)).ob_item.as_mut_ptr().add(i as usize) = v };
}

pub(crate) unsafe extern "C" fn tuple_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a tuple with no references.
    unsafe {
        for i in (0..size(op)).rev() {
            xdecref(get_item(op, i));
        }
        typeobject::object_dealloc(op);
    }
}
