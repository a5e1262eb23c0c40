//! Object memory (CPython's `objimpl.h`): the per-interpreter allocator and object set-up.

use std::ffi::c_void;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{alloc, errors, typeobject};

/// Allocates `size` bytes from the calling thread's interpreter (16-byte aligned). Every
/// interpreter has its own allocator, released wholesale when the interpreter ends; with no
/// thread state attached the block comes from `malloc` (CPython crashes there).
///
/// Returns: the block (free it with `PyObject_Free`); `size` 0 gives a unique pointer.
/// Errors: NULL when out of memory (no exception is set).
#[unsafe(no_mangle)]
pub extern "C" fn PyObject_Malloc(size: usize) -> *mut c_void {
    alloc::malloc(size).cast()
}

/// Like `PyObject_Malloc` for `nelem * elsize` bytes, zeroed.
///
/// Returns: the block. Errors: NULL when out of memory or if the size overflows.
#[unsafe(no_mangle)]
pub extern "C" fn PyObject_Calloc(nelem: usize, elsize: usize) -> *mut c_void {
    alloc::calloc(nelem, elsize).cast()
}

/// Resizes a block from `PyObject_Malloc` (NULL allocates), keeping its contents.
///
/// Returns: the block, possibly moved.
/// Errors: NULL when out of memory; the old block is then left as it was.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Realloc(p: *mut c_void, size: usize) -> *mut c_void {
    // SAFETY: NULL or a block from this allocator, per the C API.
    unsafe { alloc::realloc(p.cast(), size) }.cast()
}

/// Frees a block from `PyObject_Malloc`/`Calloc`/`Realloc`. NULL is fine.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Free(p: *mut c_void) {
    // SAFETY: NULL or a block from this allocator, per the C API.
    unsafe { alloc::free(p.cast()) }
}

/// Sets up the head of freshly allocated memory as an object of type `tp` with one
/// reference (a heap type gains a reference from it).
///
/// Returns: `op` (borrowed: it is the caller's memory).
/// Errors: NULL with `SystemError` if `op` or `tp` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject {
    guard("PyObject_Init", || {
        if op.is_null() || tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: per the C API, `op` points to memory for an instance of `tp`.
        unsafe { typeobject::init_object(op, tp) };
        op
    })
}

/// `PyObject_Init` for a variable-size object, also setting `ob_size`.
///
/// Returns: `op` (borrowed). Errors: NULL with `SystemError` if `op` or `tp` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_InitVar(
    op: *mut PyVarObject,
    tp: *mut PyTypeObject,
    size: Py_ssize_t,
) -> *mut PyVarObject {
    guard("PyObject_InitVar", || {
        if op.is_null() || tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: per the C API, `op` points to memory for an instance of `tp`.
        unsafe {
            typeobject::init_object(op.cast(), tp);
            (*op).ob_size = size;
        }
        op
    })
}

/// Allocates an uninitialized instance of `tp` (`tp_basicsize` bytes) with its head set up
/// (what the `PyObject_New` macro calls). Free it with `PyObject_Free` (`PyObject_Del`).
///
/// Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject {
    guard("_PyObject_New", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        let size = unsafe { (*tp).tp_basicsize } as usize;
        let p = alloc::malloc(size) as *mut PyObject;
        if p.is_null() {
            errors::no_memory();
            return null_mut();
        }
        // SAFETY: fresh memory of the type's size.
        unsafe { typeobject::init_object(p, tp) };
        p
    })
}

/// Allocates an uninitialized variable-size instance of `tp` with room for `nitems` items
/// (what the `PyObject_NewVar` macro calls).
///
/// Returns: a new reference. Errors: NULL with `MemoryError` (also when the size overflows),
/// or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_NewVar(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyVarObject {
    guard("_PyObject_NewVar", || {
        if tp.is_null() || nitems < 0 {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        let Some(size) = (unsafe { typeobject::var_size(tp, nitems) }) else {
            errors::no_memory();
            return null_mut();
        };
        let p = alloc::malloc(size) as *mut PyVarObject;
        if p.is_null() {
            errors::no_memory();
            return null_mut();
        }
        // SAFETY: fresh memory of the computed size.
        unsafe {
            typeobject::init_object(p.cast(), tp);
            (*p).ob_size = nitems;
        }
        p
    })
}
