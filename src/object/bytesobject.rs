//! `bytes`: CPython's layout (the bytes inline, NUL-terminated). The empty bytes object is
//! an immortal static shared by every interpreter.

use std::mem::offset_of;

use super::*;

/// `bytes`.
#[unsafe(no_mangle)]
pub static mut PyBytes_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"bytes".as_ptr(),
    tp_basicsize: offset_of!(PyBytesObject, ob_sval) as Py_ssize_t,
    tp_itemsize: 1,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"bytes(iterable_of_ints) -> bytes".as_ptr(),
    ..TYPE_TEMPLATE
};

/// `b''`: immortal, shared.
pub(crate) static mut EMPTY_BYTES: PyBytesObject = PyBytesObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut PyBytes_Type), ob_size: 0 },
    ob_shash: 0,
    ob_sval: [0],
};

/// A new `bytes` object of `len` bytes, uninitialized but NUL-terminated.
pub(crate) fn alloc(len: usize) -> PyResult<*mut PyBytesObject> {
    let size = offset_of!(PyBytesObject, ob_sval).checked_add(len).and_then(|s| s.checked_add(1));
    let Some(size) = size.filter(|&s| s <= isize::MAX as usize) else {
        return Err(errors::overflow_error("byte string is too large"));
    };
    let p = alloc::malloc(size) as *mut PyBytesObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p.cast(), &raw mut PyBytes_Type);
        (*p).ob_base.ob_size = len as Py_ssize_t;
        (*p).ob_shash = -1;
        *(&raw mut (*p).ob_sval as *mut u8).add(len) = 0;
    }
    Ok(p)
}

/// A new `bytes` holding a copy of `data` (the shared `b''` when empty).
pub(crate) fn from_slice(data: &[u8]) -> PyResult<Owned> {
    if data.is_empty() {
        return Ok((&raw mut EMPTY_BYTES).cast());
    }
    let p = alloc(data.len())?;
    // SAFETY: room for `data.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), &raw mut (*p).ob_sval as *mut u8, data.len()) };
    Ok(p.cast())
}

/// The bytes of a `bytes` object.
///
/// # Safety
/// `op` is a `bytes`; the slice lives as long as it.
pub(crate) unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    // SAFETY: per caller.
    unsafe {
        let b = op as *mut PyBytesObject;
        std::slice::from_raw_parts(&raw const (*b).ob_sval as *const u8, (*b).ob_base.ob_size as usize)
    }
}
