//! Object memory (CPython's `objimpl.h`): the per-interpreter allocator and object set-up.

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::{self, alloc, errors, gc, typeobject};

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

/// What `_PyObject_New`/`NewVar` and their GC twins share: checks the arguments, allocates
/// `tp_basicsize` (+ `nitems` items when given) with or without the GC header, and sets up
/// the head. NULL with the exception set on failure.
///
/// # Safety
/// `tp` is NULL or a type object.
unsafe fn new_instance(tp: *mut PyTypeObject, nitems: Option<Py_ssize_t>, with_gc: bool) -> *mut PyObject {
    if tp.is_null() || nitems.is_some_and(|n| n < 0) {
        errors::bad_internal_call();
        return null_mut();
    }
    // SAFETY: a type object, per the caller.
    let size = unsafe {
        match nitems {
            None => Some((*tp).tp_basicsize as usize),
            Some(n) => typeobject::var_size(tp, n),
        }
    };
    let Some(size) = size else {
        errors::no_memory();
        return null_mut();
    };
    let p = if with_gc {
        gc::alloc_object(size).unwrap_or(null_mut())
    } else {
        let p = alloc::malloc(size) as *mut PyObject;
        if p.is_null() {
            errors::no_memory();
        }
        p
    };
    if !p.is_null() {
        // SAFETY: fresh memory of the computed size.
        unsafe {
            typeobject::init_object(p, tp);
            if let Some(n) = nitems {
                (*(p as *mut PyVarObject)).ob_size = n;
            }
        }
    }
    p
}

/// Allocates an uninitialized instance of `tp` (`tp_basicsize` bytes) with its head set up
/// (what the `PyObject_New` macro calls). Free it with `PyObject_Free` (`PyObject_Del`).
///
/// Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject {
    // SAFETY: NULL or a type object, per the C API.
    guard("_PyObject_New", || unsafe { new_instance(tp, None, false) })
}

/// Allocates an uninitialized variable-size instance of `tp` with room for `nitems` items
/// (what the `PyObject_NewVar` macro calls).
///
/// Returns: a new reference. Errors: NULL with `MemoryError` (also when the size overflows),
/// or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_NewVar(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyVarObject {
    // SAFETY: NULL or a type object, per the C API.
    guard("_PyObject_NewVar", || unsafe { new_instance(tp, Some(nitems), false) }.cast())
}

// --- GC objects (CPython's objimpl.h GC section; see object::gc) ---------------------------

/// Allocates an instance of the GC type `tp` (`tp_basicsize` bytes, zeroed) with the hidden
/// header GC objects have, untracked (what the `PyObject_GC_New` macro calls). Call
/// `PyObject_GC_Track` once its fields are set; free it with `PyObject_GC_Del`.
///
/// Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut PyObject {
    // SAFETY: NULL or a type object, per the C API.
    guard("_PyObject_GC_New", || unsafe { new_instance(tp, None, true) })
}

/// Allocates a variable-size instance of the GC type `tp` with room for `nitems` items,
/// untracked (what the `PyObject_GC_NewVar` macro calls).
///
/// Returns: a new reference. Errors: NULL with `MemoryError` (also when the size overflows),
/// or `SystemError` for NULL or a negative `nitems`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_GC_NewVar(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyVarObject {
    // SAFETY: NULL or a type object, per the C API.
    guard("_PyObject_GC_NewVar", || unsafe { new_instance(tp, Some(nitems), true) }.cast())
}

/// Resizes a variable-size GC object to `nitems` items (what `PyObject_GC_Resize` calls); a
/// tracked object stays tracked.
///
/// Returns: the object's new address (the old one is invalid), or NULL with the object left
/// as it was.
/// Errors: `MemoryError`; `SystemError` for NULL, a negative `nitems` or an object whose
/// type is not a GC type (CPython corrupts memory there).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_GC_Resize(op: *mut PyVarObject, nitems: Py_ssize_t) -> *mut PyVarObject {
    guard("_PyObject_GC_Resize", || {
        // SAFETY: NULL or a live object, per the C API.
        if op.is_null()
            || nitems < 0
            || !unsafe { object::has_flag(object::type_of(op.cast()), Py_TPFLAGS_HAVE_GC) }
        {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live GC object, per the check above and the C API.
        unsafe { gc::resize(op, nitems) }.unwrap_or(null_mut())
    })
}

/// Frees a GC object's memory, untracking it first (`tp_free` of GC types). NULL is
/// ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GC_Del(op: *mut c_void) {
    guard("PyObject_GC_Del", || {
        if !op.is_null() {
            // SAFETY: a GC object being freed, per the C API.
            unsafe { gc::free_object(op.cast()) };
        }
    })
}

/// Starts tracking the GC object `op` in the current interpreter (its fields must be
/// initialized: a collector would traverse it). Does nothing for NULL, an object already
/// tracked or one whose type lacks `Py_TPFLAGS_HAVE_GC` (CPython aborts or corrupts memory
/// there), or with no thread state attached.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GC_Track(op: *mut c_void) {
    guard("PyObject_GC_Track", || {
        if !op.is_null() {
            // SAFETY: a live object, per the C API.
            unsafe { gc::track(op.cast()) };
        }
    })
}

/// Stops tracking `op` (call it first thing in a GC type's `tp_dealloc`). Does nothing for
/// NULL, an untracked object or one whose type lacks `Py_TPFLAGS_HAVE_GC`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GC_UnTrack(op: *mut c_void) {
    guard("PyObject_GC_UnTrack", || {
        if !op.is_null() {
            // SAFETY: a live object, per the C API.
            unsafe { gc::untrack(op.cast()) };
        }
    })
}

/// Returns: 1 if `op` is a GC object being tracked, else 0 (also for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GC_IsTracked(op: *mut PyObject) -> c_int {
    guard_or("PyObject_GC_IsTracked", 0, || {
        // SAFETY: NULL or a live object, per the C API.
        c_int::from(!op.is_null() && unsafe { gc::is_gc(op) && gc::is_tracked(op) })
    })
}

/// Returns: 1 if the collector has run `op`'s finalizer (`tp_finalize`, which it runs at
/// most once per object), else 0 (also for NULL and objects that are not GC objects).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GC_IsFinalized(op: *mut PyObject) -> c_int {
    guard_or("PyObject_GC_IsFinalized", 0, || {
        // SAFETY: NULL or a live object, per the C API.
        c_int::from(!op.is_null() && unsafe { gc::is_finalized(op) })
    })
}

/// Calls `op`'s `tp_finalize` (PEP 442) unless it has none or, for a GC object, it ran
/// already; a GC object is then marked finalized. NULL is ignored.
///
/// Errors: whatever the finalizer leaves set (finalizers should report their own errors
/// with `PyErr_WriteUnraisable`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CallFinalizer(op: *mut PyObject) {
    guard("PyObject_CallFinalizer", || {
        if !op.is_null() {
            // SAFETY: a live object, per the C API.
            unsafe { call_finalizer(op) };
        }
    })
}

/// # Safety
/// `op` is a live object.
unsafe fn call_finalizer(op: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        let Some(fin) = (*object::type_of(op)).tp_finalize else { return };
        if gc::is_finalized(op) {
            return;
        }
        fin(op);
        gc::set_finalized(op);
    }
}

/// For a `tp_dealloc` (`op` has no references left): calls the finalizer as
/// `PyObject_CallFinalizer` does, with `op` temporarily resurrected.
///
/// Returns: 0 if `op` may be freed now; -1 if the finalizer resurrected it (it keeps the
/// references the finalizer created; the dealloc must return without freeing).
/// Errors: -1 without an exception for NULL or an object that still has references
/// (CPython aborts there).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CallFinalizerFromDealloc(op: *mut PyObject) -> c_int {
    guard_or("PyObject_CallFinalizerFromDealloc", -1, || {
        // SAFETY: NULL or an object being deallocated, per the C API.
        unsafe {
            if op.is_null() || (*op).ob_refcnt != 0 {
                return -1;
            }
            (*op).ob_refcnt = 1;
            call_finalizer(op);
            (*op).ob_refcnt -= 1;
            if (*op).ob_refcnt == 0 { 0 } else { -1 }
        }
    })
}

/// Returns: 1 if `op` is a GC object (its type has `Py_TPFLAGS_HAVE_GC` and `tp_is_gc`,
/// if any, agrees), else 0 (also for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_IS_GC(op: *mut PyObject) -> c_int {
    guard_or("PyObject_IS_GC", 0, || {
        // SAFETY: NULL or a live object, per the C API.
        c_int::from(!op.is_null() && unsafe { gc::is_gc(op) })
    })
}

/// Runs a full collection of the current interpreter's cycle collector, if collection is
/// enabled (`PyGC_Disable` makes this return 0 at once, as in CPython; so does a call made
/// while a collection is running, from a finalizer say). An exception set on entry is set
/// again on return; errors raised by finalizers are reported as unraisable.
///
/// Returns: the number of unreachable objects found (CPython's count); 0 with no thread
/// state attached.
#[unsafe(no_mangle)]
pub extern "C" fn PyGC_Collect() -> Py_ssize_t {
    guard_or("PyGC_Collect", 0, gc::collect_explicit)
}

/// Enables automatic collection in the current interpreter.
///
/// Returns: 1 if it was enabled before, else 0 (0 with no thread state attached).
#[unsafe(no_mangle)]
pub extern "C" fn PyGC_Enable() -> c_int {
    guard_or("PyGC_Enable", 0, || c_int::from(gc::set_enabled(true)))
}

/// Disables automatic collection in the current interpreter.
///
/// Returns: 1 if it was enabled before, else 0 (0 with no thread state attached).
#[unsafe(no_mangle)]
pub extern "C" fn PyGC_Disable() -> c_int {
    guard_or("PyGC_Disable", 0, || c_int::from(gc::set_enabled(false)))
}

/// Returns: 1 if automatic collection is enabled in the current interpreter, else 0 (0
/// with no thread state attached).
#[unsafe(no_mangle)]
pub extern "C" fn PyGC_IsEnabled() -> c_int {
    guard_or("PyGC_IsEnabled", 0, || c_int::from(gc::is_enabled()))
}
