//! The buffer protocol (CPython's `pybuffer.h`). `PyBuffer_SizeFromFormat` is not
//! provided: it needs the `struct` module's format parser.

use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{alloc, buffer, errors};

/// Returns: 1 if `o`'s type exports buffers, else 0 (also for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CheckBuffer(o: *mut PyObject) -> c_int {
    guard("PyObject_CheckBuffer", || {
        // SAFETY: NULL or live, per the C API.
        (!o.is_null() && unsafe { buffer::check(o) }) as c_int
    })
}

/// Fills `view` with `o`'s buffer as `flags` (`PyBUF_*`) requests. The view holds a
/// reference to its exporter (`view->obj`) until `PyBuffer_Release`.
///
/// Returns: 0.
/// Errors: -1 with `TypeError("a bytes-like object is required, not 'T'")` for a type
/// without the protocol, the exporter's `BufferError` for a request it cannot meet;
/// `SystemError` for `PyBUF_READ`/`PyBUF_WRITE` as flags, or NULL `o` or `view`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetBuffer(o: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    guard("PyObject_GetBuffer", || {
        if o.is_null() || view.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live object and writable view, per the C API.
        match unsafe { buffer::get(o, view, flags) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// Gives a view back to its exporter and drops its reference (`view->obj` becomes NULL,
/// so a second release does nothing). NULL is fine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBuffer_Release(view: *mut Py_buffer) {
    guard("PyBuffer_Release", || {
        if !view.is_null() {
            // SAFETY: a view filled by PyObject_GetBuffer, per the C API.
            unsafe { buffer::release(view) }
        }
    })
}

/// For exporters of `len` plain bytes at `buf`: fills `view` as `flags` requests (format
/// `"B"` if asked, one dimension, contiguous), with a new reference to `o` (NULL allowed).
///
/// Returns: 0.
/// Errors: -1 with `BufferError("Object is not writable.")` for a writable request of a
/// read-only buffer, `BufferError("PyBuffer_FillInfo: view==NULL argument is
/// obsolete")`; `SystemError` for `PyBUF_READ`/`PyBUF_WRITE` as flags.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBuffer_FillInfo(
    view: *mut Py_buffer,
    o: *mut PyObject,
    buf: *mut c_void,
    len: Py_ssize_t,
    readonly: c_int,
    flags: c_int,
) -> c_int {
    guard("PyBuffer_FillInfo", || {
        // SAFETY: NULL or writable view, NULL or live object, per the C API.
        match unsafe { buffer::fill_info(view, o, buf, len, readonly, flags) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// Returns: 1 if the view is contiguous in `order`: `'C'` (row-major), `'F'`
/// (column-major) or `'A'` (either); else 0 (also for views with suboffsets, another
/// order, or NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBuffer_IsContiguous(view: *const Py_buffer, order: c_char) -> c_int {
    guard("PyBuffer_IsContiguous", || {
        // SAFETY: NULL or a filled view, per the C API.
        (!view.is_null() && unsafe { buffer::is_contiguous(&*view, order) }) as c_int
    })
}

/// Returns: the address of the item at `indices` (one per dimension, each in range) of a
/// view. A view without strides counts as C-contiguous (CPython requires strides).
/// Errors: NULL if `view` or `indices` is NULL (no exception).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBuffer_GetPointer(
    view: *const Py_buffer,
    indices: *const Py_ssize_t,
) -> *mut c_void {
    guard("PyBuffer_GetPointer", || {
        if view.is_null() {
            return null_mut();
        }
        // SAFETY: a filled view and `ndim` indices, per the C API.
        unsafe {
            let nd = (*view).ndim.max(0) as usize;
            if indices.is_null() && nd > 0 {
                return null_mut();
            }
            let idx = if nd == 0 { &[][..] } else { std::slice::from_raw_parts(indices, nd) };
            buffer::item_pointer(&*view, idx).cast()
        }
    })
}

/// Copies the items of `src` into `buf` (`len` bytes, which must be `src->len`),
/// contiguous in `order` (`'F'`: column-major; `'C'` or `'A'`: row-major).
///
/// Returns: 0.
/// Errors: -1 with `ValueError("PyBuffer_ToContiguous: len != view->len")`; `SystemError`
/// for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBuffer_ToContiguous(
    buf: *mut c_void,
    src: *const Py_buffer,
    len: Py_ssize_t,
    order: c_char,
) -> c_int {
    guard("PyBuffer_ToContiguous", || {
        if src.is_null() || (buf.is_null() && len > 0) {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a filled view and `len` writable bytes, per the C API.
        unsafe {
            if len != (*src).len {
                errors::value_error("PyBuffer_ToContiguous: len != view->len");
                return -1;
            }
            buffer::copy_to_contiguous(buf.cast(), &*src, order);
        }
        0
    })
}

/// Copies up to `len` contiguous bytes at `buf` into the items of `view`, in `order`
/// (`'F'`: column-major; else row-major); at most `view->len` bytes, whole items only.
///
/// Returns: 0.
/// Errors: -1 with `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBuffer_FromContiguous(
    view: *const Py_buffer,
    buf: *const c_void,
    len: Py_ssize_t,
    order: c_char,
) -> c_int {
    guard("PyBuffer_FromContiguous", || {
        if view.is_null() || (buf.is_null() && len > 0) {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a filled view of writable memory and `len` readable bytes, per the C API.
        unsafe { buffer::copy_from_contiguous(&*view, buf.cast(), len, order) };
        0
    })
}

/// Fills `strides` (`ndims` entries) for a contiguous array of `shape` with items of
/// `itemsize` bytes: column-major for `order` `'F'`, row-major otherwise. NULL arrays are
/// ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBuffer_FillContiguousStrides(
    ndims: c_int,
    shape: *mut Py_ssize_t,
    strides: *mut Py_ssize_t,
    itemsize: c_int,
    order: c_char,
) {
    guard("PyBuffer_FillContiguousStrides", || {
        if ndims <= 0 || shape.is_null() || strides.is_null() {
            return;
        }
        // SAFETY: `ndims` entries each, per the C API.
        unsafe {
            let shape = std::slice::from_raw_parts(shape, ndims as usize);
            let ord = if order as u8 == b'F' { 'F' } else { 'C' };
            let s = buffer::contiguous_strides(shape, itemsize as Py_ssize_t, ord);
            std::ptr::copy_nonoverlapping(s.as_ptr(), strides, s.len());
        }
    })
}

/// Copies the items of `src`'s buffer into `dest`'s (writable) buffer, position by
/// position in row-major order.
///
/// Returns: 0.
/// Errors: -1 with `TypeError("both destination and source must be bytes-like
/// objects")`, `BufferError("destination is too small to receive data from source")`,
/// the exporters' errors; `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CopyData(dest: *mut PyObject, src: *mut PyObject) -> c_int {
    guard("PyObject_CopyData", || {
        if dest.is_null() || src.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects, per the C API; the views stay in place while held.
        unsafe {
            if !buffer::check(dest) || !buffer::check(src) {
                errors::type_error("both destination and source must be bytes-like objects");
                return -1;
            }
            let (mut rd, mut rs) = (buffer::empty_view(), buffer::empty_view());
            let Ok(hd) = buffer::Held::get(dest, &mut rd, PyBUF_FULL) else { return -1 };
            let Ok(hs) = buffer::Held::get(src, &mut rs, PyBUF_FULL_RO) else { return -1 };
            let (d, s) = (hd.view(), hs.view());
            if d.len < s.len {
                errors::buffer_error("destination is too small to receive data from source");
                return -1;
            }
            let n = s.len.max(0) as usize;
            let tmp = alloc::malloc(n.max(1));
            if tmp.is_null() {
                errors::no_memory();
                return -1;
            }
            buffer::copy_to_contiguous(tmp, s, b'C' as c_char);
            buffer::copy_from_contiguous(d, tmp, s.len, b'C' as c_char);
            alloc::free(tmp);
            0
        }
    })
}
