//! `bytes` (CPython's `bytesobject.h` and `cpython/bytesobject.h`), including
//! `PyBytes_FromFormat(V)`, whose body is the C format engine shared with `PyUnicode_FromFormat`.

use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{buffer, bytes_methods, bytesobject, errors, type_of};

/// CPython's "expected bytes, T found"; NULL is a bad internal call.
unsafe fn expect_bytes(op: *mut PyObject) -> bool {
    if op.is_null() {
        errors::bad_internal_call();
        return false;
    }
    // SAFETY: live, per the C API.
    unsafe {
        if !bytesobject::check(op) {
            errors::type_error(&format!(
                "expected bytes, {} found",
                buffer::type_name_trunc(type_of(op), 200)
            ));
            return false;
        }
    }
    true
}

/// A `bytes` of `size` bytes copied from `s`; with `s` NULL, `size` bytes left to fill
/// (possibly shrunk later with `_PyBytes_Resize`). Objects of length 0 and of one byte
/// copied from `s` are shared immortals.
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError("Negative size passed to PyBytes_FromStringAndSize")`,
/// `OverflowError("byte string is too large")`, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_FromStringAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject {
    guard("PyBytes_FromStringAndSize", || {
        if size < 0 {
            errors::system_error("Negative size passed to PyBytes_FromStringAndSize");
            return null_mut();
        }
        if s.is_null() {
            return bytesobject::new_uninit(size as usize).unwrap_or(null_mut());
        }
        // SAFETY: `size` readable bytes, per the C API.
        let data = unsafe { std::slice::from_raw_parts(s as *const u8, size as usize) };
        bytesobject::from_slice(data).unwrap_or(null_mut())
    })
}

/// A `bytes` holding a copy of the NUL-terminated `s` (without the NUL).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` if `s` is NULL (CPython crashes), `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_FromString(s: *const c_char) -> *mut PyObject {
    guard("PyBytes_FromString", || {
        if s.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: NUL-terminated, per the C API.
        let data = unsafe { CStr::from_ptr(s) }.to_bytes();
        bytesobject::from_slice(data).unwrap_or(null_mut())
    })
}

/// `bytes(o)`: `o` itself if it is exactly a `bytes`, else a copy of its buffer (any
/// layout), else the values of a list, tuple or iterable of ints in `range(0, 256)`.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError("cannot convert 'T' object to bytes")` (also for `str`),
/// CPython's TypeError for a non-integer item, `ValueError("bytes must be in range(0,
/// 256)")`, what iteration raises; `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_FromObject(o: *mut PyObject) -> *mut PyObject {
    guard("PyBytes_FromObject", || {
        if o.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live, per the C API.
        unsafe { bytesobject::from_object(o) }.unwrap_or(null_mut())
    })
}

/// Returns: the length of a `bytes` (or subclass) object.
/// Errors: -1 with `TypeError("expected bytes, T found")`; `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_Size(o: *mut PyObject) -> Py_ssize_t {
    guard("PyBytes_Size", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !expect_bytes(o) {
                return -1;
            }
            bytesobject::size(o)
        }
    })
}

/// Returns: the bytes of a `bytes` object, NUL-terminated (borrowed: valid while `o`
/// lives; never write them unless `o` is new and nobody else has seen it).
/// Errors: NULL with `TypeError("expected bytes, T found")`; `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_AsString(o: *mut PyObject) -> *mut c_char {
    guard("PyBytes_AsString", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !expect_bytes(o) {
                return null_mut();
            }
            bytesobject::data_ptr(o).cast()
        }
    })
}

/// Stores the bytes of `o` in `*s` (borrowed, NUL-terminated) and, if `len` is not NULL,
/// the length in `*len`. With `len` NULL the bytes must not contain a NUL.
///
/// Returns: 0.
/// Errors: -1 with `TypeError("expected bytes, T found")`; `ValueError("embedded null
/// byte")` when `len` is NULL and `o` contains a NUL (`*s` is still set, as CPython);
/// `SystemError` if `o` or `s` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_AsStringAndSize(
    o: *mut PyObject,
    s: *mut *mut c_char,
    len: *mut Py_ssize_t,
) -> c_int {
    guard("PyBytes_AsStringAndSize", || {
        if s.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: NULL or live, per the C API; `s` and `len` writable.
        unsafe {
            if !expect_bytes(o) {
                return -1;
            }
            *s = bytesobject::data_ptr(o).cast();
            if !len.is_null() {
                *len = bytesobject::size(o);
            } else if bytesobject::as_slice(o).contains(&0) {
                errors::value_error("embedded null byte");
                return -1;
            }
            0
        }
    })
}

/// `*pv = *pv + w` for a `bytes` `*pv` and any bytes-like `w`, in place when `*pv` is
/// an exact `bytes` referenced only by the caller. Does nothing if `*pv` is NULL.
///
/// Ownership: `*pv` is replaced by a new reference (the old one is consumed); `w` is
/// borrowed.
/// Errors: `*pv` set to NULL with `TypeError("can't concat W to V")` or `MemoryError`;
/// with `w` NULL, `*pv` is cleared (no exception); `SystemError` if `pv` is NULL (CPython
/// asserts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_Concat(pv: *mut *mut PyObject, w: *mut PyObject) {
    guard("PyBytes_Concat", || {
        if pv.is_null() {
            errors::bad_internal_call();
            return;
        }
        // SAFETY: `pv` writable; `*pv` and `w` NULL or live, per the C API.
        unsafe { bytesobject::concat_in_place(pv, w) }
    })
}

/// `PyBytes_Concat`, then drops the caller's reference to `w`.
///
/// Ownership: as `PyBytes_Concat`; `w` is consumed (NULL allowed).
/// Errors: as `PyBytes_Concat`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_ConcatAndDel(pv: *mut *mut PyObject, w: *mut PyObject) {
    guard("PyBytes_ConcatAndDel", || {
        // SAFETY: per the C API.
        unsafe {
            if pv.is_null() {
                errors::bad_internal_call();
            } else {
                bytesobject::concat_in_place(pv, w);
            }
            crate::object::xdecref(w);
        }
    })
}

/// Changes the length of the `bytes` `*pv` to `newsize`: in place when the caller holds
/// the only reference (a new object from `PyBytes_FromStringAndSize(NULL, n)`), else by
/// replacing `*pv` with a resized copy.
///
/// Returns: 0. Ownership: `*pv` is replaced by a new reference (the old one consumed).
/// Errors: -1 with `*pv` set to NULL (its reference dropped): `SystemError` if `*pv` is
/// not a `bytes` or `newsize` is negative, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyBytes_Resize(pv: *mut *mut PyObject, newsize: Py_ssize_t) -> c_int {
    guard("_PyBytes_Resize", || {
        if pv.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: `pv` writable; `*pv` NULL or live, per the C API.
        match unsafe { bytesobject::resize(pv, newsize) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// `repr(o)` for a `bytes`: `b'...'`; with `smartquotes` non-zero, `b"..."` when the
/// bytes contain `'` but no `"`.
///
/// Returns: a new reference to a `str`.
/// Errors: NULL with `SystemError` if `o` is NULL or not a `bytes` (CPython does not
/// check), `OverflowError` for a repr too long for a `str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyBytes_Repr(o: *mut PyObject, smartquotes: c_int) -> *mut PyObject {
    guard("PyBytes_Repr", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if o.is_null() || !bytesobject::check(o) {
                errors::bad_internal_call();
                return null_mut();
            }
            bytes_methods::repr_object(bytesobject::as_slice(o), smartquotes != 0, "bytes", None)
                .unwrap_or(null_mut())
        }
    })
}

/// The C bodies (src/c/format.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyBytes_FromFormat();
    fn subinterp_c_PyBytes_FromFormatV();
}

/// `PyBytes_FromFormat(format, ...)`: `bytes` from a printf-style format, with CPython
/// 3.13's lenient subset: `%%`, `%c` (0..255), `%d`, `%u` (with `l` or `z`), `%i`, `%x`,
/// `%s` (a precision limits it), `%p`; widths are ignored; at any other conversion the
/// rest of the format is copied unformatted. Declared in `bytesobject.h`; this symbol
/// tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: a new reference.
/// Errors: NULL with `OverflowError("PyBytes_FromFormatV(): %c format expects an integer
/// in range [0; 255]")`, `SystemError` for a NULL format or `%s` argument. A `*` in a
/// conversion (which CPython skips, reading the wrong arguments) stops formatting there.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyBytes_FromFormat() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyBytes_FromFormat);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyBytes_FromFormat);
}

/// `PyBytes_FromFormatV(format, vargs)`: `PyBytes_FromFormat` with a `va_list`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyBytes_FromFormatV() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyBytes_FromFormatV);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyBytes_FromFormatV);
}
