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

/// Allocates `size` bytes from the calling thread's interpreter's allocator (CPython's
/// `PyMem_Malloc`, which needs an attached thread state; without one we fall back to
/// `malloc`). Free with `PyMem_Free`.
///
/// Returns: the block (16-byte aligned); `size` 0 gives a unique pointer.
/// Errors: NULL when out of memory or `size` exceeds `PY_SSIZE_T_MAX` (no exception set).
#[unsafe(no_mangle)]
pub extern "C" fn PyMem_Malloc(size: usize) -> *mut c_void {
    if size > isize::MAX as usize {
        return std::ptr::null_mut();
    }
    crate::object::alloc::malloc(size).cast()
}

/// Like `PyMem_Malloc` for `nelem * elsize` bytes, zeroed.
///
/// Returns: the block. Errors: NULL when out of memory or if the size overflows.
#[unsafe(no_mangle)]
pub extern "C" fn PyMem_Calloc(nelem: usize, elsize: usize) -> *mut c_void {
    crate::object::alloc::calloc(nelem, elsize).cast()
}

/// Resizes a block from `PyMem_Malloc` (NULL allocates), keeping its contents.
///
/// Returns: the block, possibly moved.
/// Errors: NULL when out of memory; the old block is then left as it was.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMem_Realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    if size > isize::MAX as usize {
        return std::ptr::null_mut();
    }
    // SAFETY: NULL or a block from this allocator, per the C API.
    unsafe { crate::object::alloc::realloc(ptr.cast(), size) }.cast()
}

/// Frees a block from `PyMem_Malloc`/`Calloc`/`Realloc`. NULL is fine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMem_Free(ptr: *mut c_void) {
    // SAFETY: NULL or a block from this allocator, per the C API.
    unsafe { crate::object::alloc::free(ptr.cast()) }
}
