//! Locale codecs for embedders (CPython's `fileutils.h`). Ours are CPython's UTF-8 mode
//! codec: UTF-8, with each undecodable byte carried as the lone surrogate U+DC80+byte
//! (`surrogateescape`), so bytes round-trip exactly.

// Every pointer's contract is in the C documentation (Returns/Errors/Ownership), and NULL
// is checked: a separate `# Safety` section would only repeat it in the header.
#![allow(clippy::missing_safety_doc)]

use std::ffi::c_char;

use crate::abi::wchar_t;
use crate::config::wstr;
use crate::ffi::guard;

/// Decodes the NUL-terminated bytes `arg`: UTF-8, undecodable bytes as U+DC80+byte.
/// Works before initialization.
///
/// Returns: a new wide string; if `size` is not NULL, `*size` is its length in `wchar_t`s.
/// Errors: NULL with `*size = (size_t)-1` when memory runs out, and, where CPython would
/// crash, NULL with `*size = (size_t)-2` (its "cannot decode" value) for a NULL `arg`.
/// Ownership: the caller frees the result with `PyMem_RawFree`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_DecodeLocale(arg: *const c_char, size: *mut usize) -> *mut wchar_t {
    guard("Py_DecodeLocale", || {
        let set_size = |n: usize| {
            if !size.is_null() {
                // SAFETY: writable when non-NULL, per the C API.
                unsafe { *size = n };
            }
        };
        if arg.is_null() {
            set_size(usize::MAX - 1);
            return std::ptr::null_mut();
        }
        // SAFETY: non-NULL and NUL-terminated per the C API.
        let w = unsafe { wstr::decode_c(arg) };
        let p = wstr::to_malloc(&w);
        set_size(if p.is_null() { usize::MAX } else { w.len() });
        p
    })
}

/// Encodes the wide string `text` as UTF-8, turning U+DC80..U+DCFF back into the bytes
/// they carry. Works before initialization.
///
/// Returns: a new NUL-terminated byte string; if `error_pos` is not NULL, `*error_pos` is
/// `(size_t)-1`.
/// Errors: NULL with `*error_pos` = the index of the first character that cannot be
/// encoded (another surrogate, or a value above U+10FFFF); NULL with `(size_t)-1` when
/// memory runs out or, where CPython would crash, for a NULL `text`.
/// Ownership: the caller frees the result with `PyMem_Free` in CPython; here
/// `PyMem_RawFree` (both are `free` in subinterp).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_EncodeLocale(text: *const wchar_t, error_pos: *mut usize) -> *mut c_char {
    guard("Py_EncodeLocale", || {
        let set_pos = |n: usize| {
            if !error_pos.is_null() {
                // SAFETY: writable when non-NULL, per the C API.
                unsafe { *error_pos = n };
            }
        };
        set_pos(usize::MAX);
        if text.is_null() {
            return std::ptr::null_mut();
        }
        // SAFETY: non-NULL and NUL-terminated per the C API.
        let bytes = match wstr::encode_locale(&unsafe { wstr::read(text) }) {
            Ok(b) => b,
            Err(i) => {
                set_pos(i);
                return std::ptr::null_mut();
            }
        };
        // SAFETY: plain allocation, checked before use.
        let p = unsafe { libc::malloc(bytes.len() + 1) } as *mut c_char;
        if !p.is_null() {
            // SAFETY: `p` has room for the bytes and the NUL.
            unsafe {
                std::ptr::copy_nonoverlapping(bytes.as_ptr().cast(), p, bytes.len());
                *p.add(bytes.len()) = 0;
            }
        }
        p
    })
}
