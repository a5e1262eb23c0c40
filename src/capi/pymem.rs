//! The raw memory allocator (CPython's `pymem.h`, `PYMEM_DOMAIN_RAW`): `malloc` and
//! friends, callable without a thread state or before initialization. The configuration
//! API allocates what C later frees through these, and the reverse.

// Every pointer's contract is in the C documentation (Returns/Errors/Ownership), and NULL
// is checked: a separate `# Safety` section would only repeat it in the header.
#![allow(clippy::missing_safety_doc)]

use std::ffi::c_void;

use crate::ffi::guard;

/// Allocates `size` bytes (at least one, so 0 gives a unique non-NULL pointer, as in
/// CPython).
///
/// Returns: the memory, uninitialized.
/// Errors: NULL if `size` exceeds `PY_SSIZE_T_MAX` or memory runs out.
/// Ownership: free it with `PyMem_RawFree`.
#[unsafe(no_mangle)]
pub extern "C" fn PyMem_RawMalloc(size: usize) -> *mut c_void {
    guard("PyMem_RawMalloc", || {
        if size > isize::MAX as usize {
            return std::ptr::null_mut();
        }
        // SAFETY: plain allocation.
        unsafe { libc::malloc(size.max(1)) }
    })
}

/// Allocates `nelem * elsize` zeroed bytes (one byte if either is 0).
///
/// Returns: the zeroed memory.
/// Errors: NULL if the size overflows `PY_SSIZE_T_MAX` or memory runs out.
/// Ownership: free it with `PyMem_RawFree`.
#[unsafe(no_mangle)]
pub extern "C" fn PyMem_RawCalloc(nelem: usize, elsize: usize) -> *mut c_void {
    guard("PyMem_RawCalloc", || {
        if nelem == 0 || elsize == 0 {
            // SAFETY: plain allocation.
            return unsafe { libc::calloc(1, 1) };
        }
        if nelem > isize::MAX as usize / elsize {
            return std::ptr::null_mut();
        }
        // SAFETY: plain allocation.
        unsafe { libc::calloc(nelem, elsize) }
    })
}

/// Resizes `ptr` (NULL: allocates) to `size` bytes (at least one).
///
/// Returns: the possibly moved memory; contents kept up to the smaller size.
/// Errors: NULL if `size` exceeds `PY_SSIZE_T_MAX` or memory runs out; `ptr` is then
/// still valid.
/// Ownership: `ptr` must come from `PyMem_Raw*`; free the result with `PyMem_RawFree`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMem_RawRealloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    guard("PyMem_RawRealloc", || {
        if size > isize::MAX as usize {
            return std::ptr::null_mut();
        }
        // SAFETY: `ptr` is NULL or from malloc, per the C API.
        unsafe { libc::realloc(ptr, size.max(1)) }
    })
}

/// Frees memory from `PyMem_RawMalloc`/`Calloc`/`Realloc` (and the strings the
/// configuration functions and `Py_DecodeLocale` return). NULL is fine.
///
/// Ownership: `ptr` must not be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMem_RawFree(ptr: *mut c_void) {
    // SAFETY: NULL or from malloc, per the C API.
    guard("PyMem_RawFree", || unsafe { libc::free(ptr) })
}
