//! `slice` (CPython's `sliceobject.h`).

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{errors, sliceobject};

unsafe fn is_slice(op: *mut PyObject) -> bool {
    // SAFETY: NULL or live, per the C API.
    !op.is_null() && unsafe { sliceobject::is_slice(op) }
}

/// A slice `start:stop:step`; a NULL part means `None`.
///
/// Returns: a new reference.
/// Errors: NULL with `MemoryError`.
/// Ownership: the parts are borrowed (the slice takes new references).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySlice_New(
    start: *mut PyObject,
    stop: *mut PyObject,
    step: *mut PyObject,
) -> *mut PyObject {
    guard("PySlice_New", || {
        // SAFETY: NULL or live parts, per the C API.
        unsafe { sliceobject::new(start, stop, step) }.unwrap_or(null_mut())
    })
}

/// Extracts a slice's start, stop and step as `Py_ssize_t` (values beyond it clipped),
/// with defaults for `None`: step 1; start 0 (or `PY_SSIZE_T_MAX` for a negative step);
/// stop `PY_SSIZE_T_MAX` (or `PY_SSIZE_T_MIN`). A step below `-PY_SSIZE_T_MAX` is stored
/// as `-PY_SSIZE_T_MAX`. Follow with `PySlice_AdjustIndices`.
///
/// Returns: 0. Errors: -1 with `ValueError("slice step cannot be zero")`,
/// `TypeError("slice indices must be integers or None or have an __index__ method")`,
/// what `__index__` raised, `SystemError` if `slice` is not a slice or a pointer is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySlice_Unpack(
    slice: *mut PyObject,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
) -> c_int {
    guard("PySlice_Unpack", || {
        // SAFETY: NULL or live, per the C API; the out-pointers are checked.
        unsafe {
            if !is_slice(slice) || start.is_null() || stop.is_null() || step.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            match sliceobject::unpack(slice) {
                Ok((a, b, c)) => {
                    (*start, *stop, *step) = (a, b, c);
                    0
                }
                Err(_) => -1,
            }
        }
    })
}

/// Clips `*start` and `*stop` (from `PySlice_Unpack`) to a sequence of `length` items, in
/// place.
///
/// Returns: the number of items the slice selects. Never fails for valid arguments (no
/// Python code runs).
/// Errors: -1 with `SystemError` if a pointer is NULL, `step` is 0 or below
/// `-PY_SSIZE_T_MAX` (CPython does not check: division by zero there).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySlice_AdjustIndices(
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: Py_ssize_t,
) -> Py_ssize_t {
    guard("PySlice_AdjustIndices", || {
        if start.is_null() || stop.is_null() || step == 0 || step < -Py_ssize_t::MAX {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: checked non-NULL; the caller's variables.
        unsafe { sliceobject::adjust_indices(length, &mut *start, &mut *stop, step) }
    })
}

/// `PySlice_Unpack` then `PySlice_AdjustIndices` for a sequence of `length` items; the
/// number of items selected goes to `*slicelength` (0 on error). C code compiled with
/// `Python.h` calls the two functions through a macro of this name, as CPython's.
///
/// Returns: 0. Errors: -1 as `PySlice_Unpack`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySlice_GetIndicesEx(
    slice: *mut PyObject,
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
    slicelength: *mut Py_ssize_t,
) -> c_int {
    guard("PySlice_GetIndicesEx", || {
        // SAFETY: NULL or live, per the C API; the out-pointers are checked.
        unsafe {
            if slicelength.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            *slicelength = 0;
            if PySlice_Unpack(slice, start, stop, step) < 0 {
                return -1;
            }
            *slicelength = sliceobject::adjust_indices(length, &mut *start, &mut *stop, *step);
            0
        }
    })
}

/// The old interface: start, stop and step of a slice of plain `int`s or `None`, negative
/// values counted from `length`, with no clipping.
///
/// Returns: 0. Errors: -1 with no exception set if a part is not an `int` or `None`, the
/// step is 0, `stop > length` or `start >= length`; -1 with `OverflowError` if a part does
/// not fit `Py_ssize_t`; -1 with `SystemError` for NULL pointers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PySlice_GetIndices(
    slice: *mut PyObject,
    length: Py_ssize_t,
    start: *mut Py_ssize_t,
    stop: *mut Py_ssize_t,
    step: *mut Py_ssize_t,
) -> c_int {
    guard("PySlice_GetIndices", || {
        // SAFETY: NULL or live, per the C API; the out-pointers are checked.
        unsafe {
            if !is_slice(slice) || start.is_null() || stop.is_null() || step.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            match sliceobject::get_indices(slice, length) {
                Ok(Some([a, b, c])) => {
                    (*start, *stop, *step) = (a, b, c);
                    0
                }
                _ => -1,
            }
        }
    })
}
