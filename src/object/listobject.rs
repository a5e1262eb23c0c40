//! `list`: CPython's layout (a separate item array, over-allocated as it grows).

use std::ptr::null_mut;

use super::*;

/// `list`.
#[unsafe(no_mangle)]
pub static mut PyList_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"list".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyListObject>() as Py_ssize_t,
    tp_dealloc: Some(list_dealloc),
    tp_hash: None,
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LIST_SUBCLASS | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE as std::ffi::c_ulong,
    tp_doc: c"Built-in mutable sequence.".as_ptr(),
    ..TYPE_TEMPLATE
};

#[inline]
unsafe fn fields<'a>(op: *mut PyObject) -> &'a mut PyListObject {
    // SAFETY: per caller, a list.
    unsafe { &mut *(op as *mut PyListObject) }
}

/// A list of `n` items, each NULL until set (CPython's `PyList_New`).
pub(crate) fn new(n: Py_ssize_t) -> PyResult<Owned> {
    if n < 0 {
        return Err(errors::bad_internal_call());
    }
    let p = alloc::malloc(std::mem::size_of::<PyListObject>()) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    let items = if n == 0 { null_mut() } else { alloc::calloc(n as usize, std::mem::size_of::<*mut PyObject>()) };
    if n != 0 && items.is_null() {
        // SAFETY: ours, not yet an object.
        unsafe { alloc::free(p.cast()) };
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p, &raw mut PyList_Type);
        let l = fields(p);
        l.ob_base.ob_size = n;
        l.ob_item = items.cast();
        l.allocated = n;
    }
    Ok(p)
}

/// A list that takes ownership of `items`.
pub(crate) fn from_vec(items: Vec<Owned>) -> PyResult<Owned> {
    let l = match new(items.len() as Py_ssize_t) {
        Ok(l) => l,
        Err(e) => {
            for i in items {
                // SAFETY: owned.
                unsafe { decref(i) };
            }
            return Err(e);
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        // SAFETY: fresh list with room for every item.
        unsafe { *fields(l).ob_item.add(i) = item };
    }
    Ok(l)
}

/// # Safety
/// `op` is a list.
#[inline]
pub(crate) unsafe fn size(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: per caller.
    unsafe { fields(op).ob_base.ob_size }
}

/// The items in use (borrowed).
///
/// # Safety
/// `op` is a list; the slice is valid until the list changes.
pub(crate) unsafe fn items<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: per caller.
    unsafe {
        let l = fields(op);
        if l.ob_item.is_null() { &[] } else { std::slice::from_raw_parts(l.ob_item, l.ob_base.ob_size as usize) }
    }
}

/// Makes room for `needed` items, over-allocating as CPython's `list_resize` does (about
/// 1/8 more, so appends are amortized constant time).
///
/// # Safety
/// `op` is a list.
pub(crate) unsafe fn reserve(op: *mut PyObject, needed: Py_ssize_t) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let l = fields(op);
        if needed <= l.allocated {
            return Ok(());
        }
        let grown = (needed as usize + (needed as usize >> 3) + 6) & !3;
        let bytes = grown.checked_mul(std::mem::size_of::<*mut PyObject>()).ok_or_else(errors::no_memory)?;
        let items = alloc::realloc(l.ob_item.cast(), bytes);
        if items.is_null() {
            return Err(errors::no_memory());
        }
        l.ob_item = items.cast();
        l.allocated = grown as Py_ssize_t;
    }
    Ok(())
}

/// Appends a new reference to `item`.
///
/// # Safety
/// `op` is a list, `item` live.
pub(crate) unsafe fn append(op: *mut PyObject, item: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let n = size(op);
        reserve(op, n + 1)?;
        let l = fields(op);
        *l.ob_item.add(n as usize) = new_ref(item);
        l.ob_base.ob_size = n + 1;
    }
    Ok(())
}

pub(crate) unsafe extern "C" fn list_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a list with no references.
    unsafe {
        let l = fields(op);
        for i in (0..l.ob_base.ob_size).rev() {
            xdecref(*l.ob_item.add(i as usize));
        }
        alloc::free(l.ob_item.cast());
        typeobject::object_dealloc(op);
    }
}
