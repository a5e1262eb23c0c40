//! `memoryview` (CPython's `memoryobject.h`).

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{errors, memoryobject};

/// A memoryview of any object exporting a buffer; for a memoryview, a new view sharing
/// its export. The exporter's buffer is held (and the exporter referenced) until the last
/// memoryview made from it is released.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError("memoryview: a bytes-like object is required, not 'T'")`,
/// `ValueError("operation forbidden on released memoryview object")`, the exporter's
/// error; `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMemoryView_FromObject(o: *mut PyObject) -> *mut PyObject {
    guard("PyMemoryView_FromObject", || {
        if o.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        unsafe { memoryobject::from_object(o) }.unwrap_or(null_mut())
    })
}

/// A memoryview of `size` bytes at `mem`: read-only for `PyBUF_READ`, writable for
/// `PyBUF_WRITE`. The memory must outlive the memoryview; its base object is NULL.
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` if `mem` is NULL or `flags` is neither (CPython only
/// asserts both), `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMemoryView_FromMemory(
    mem: *mut c_char,
    size: Py_ssize_t,
    flags: c_int,
) -> *mut PyObject {
    guard("PyMemoryView_FromMemory", || {
        if mem.is_null() || (flags != PyBUF_READ && flags != PyBUF_WRITE) || size < 0 {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: `size` bytes at `mem`, per the C API.
        unsafe { memoryobject::from_memory(mem, size, flags == PyBUF_WRITE) }.unwrap_or(null_mut())
    })
}

/// A memoryview described by `info` (copied; `info->obj` is ignored, so the memory and
/// the format string must outlive the memoryview).
///
/// Returns: a new reference.
/// Errors: NULL with `ValueError("PyMemoryView_FromBuffer(): info->buf must not be
/// NULL")`, `ValueError` for more than 64 dimensions; `SystemError` if `info` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMemoryView_FromBuffer(info: *const Py_buffer) -> *mut PyObject {
    guard("PyMemoryView_FromBuffer", || {
        if info.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a filled view, per the C API.
        unsafe { memoryobject::from_buffer(&*info) }.unwrap_or(null_mut())
    })
}

/// A memoryview of `base` that is contiguous in `order` (`'C'`, `'F'` or `'A'`): a view
/// of `base`'s own memory when it already is, else (for `PyBUF_READ`) a view of a
/// read-only contiguous copy.
///
/// Returns: a new reference.
/// Errors: NULL with `BufferError("underlying buffer is not writable")` or
/// `BufferError("writable contiguous buffer requested for a non-contiguous object.")` for
/// `PyBUF_WRITE`, `PyMemoryView_FromObject`'s errors; `SystemError` for NULL, a
/// `buffertype` other than `PyBUF_READ`/`PyBUF_WRITE` or another order (CPython asserts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMemoryView_GetContiguous(
    base: *mut PyObject,
    buffertype: c_int,
    order: c_char,
) -> *mut PyObject {
    guard("PyMemoryView_GetContiguous", || {
        let order_ok = matches!(order as u8, b'C' | b'F' | b'A');
        if base.is_null() || (buffertype != PyBUF_READ && buffertype != PyBUF_WRITE) || !order_ok {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        unsafe { memoryobject::get_contiguous(base, buffertype == PyBUF_WRITE, order) }.unwrap_or(null_mut())
    })
}
