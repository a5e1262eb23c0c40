//! `list` (CPython's `listobject.h`).

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{self, errors, listobject, listslice, listsort, tupleobject};

unsafe fn is_list(op: *mut PyObject) -> bool {
    // SAFETY: NULL or live, per the C API.
    !op.is_null() && unsafe { listobject::is_list(op) }
}

/// 0 for `Ok`, -1 for `Err`.
fn status(r: object::PyResult<()>) -> c_int {
    if r.is_ok() {
        0
    } else {
        -1
    }
}

/// A list of `size` items, each NULL until set with `PyList_SetItem` or `PyList_SET_ITEM`
/// (other list functions must not see it before).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` for a negative size, `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyList_New(size: Py_ssize_t) -> *mut PyObject {
    guard("PyList_New", || listobject::new(size).unwrap_or(null_mut()))
}

/// Returns: the number of items of a list.
/// Errors: -1 with `SystemError` if `op` is NULL or not a list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_Size(op: *mut PyObject) -> Py_ssize_t {
    guard("PyList_Size", || {
        // SAFETY: NULL or live, per the C API.
        if !unsafe { is_list(op) } {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a list.
        unsafe { listobject::size(op) }
    })
}

/// Returns: item `index` of a list (borrowed: it may go away when the list changes).
/// Errors: NULL with `IndexError("list index out of range")` (negative indexes are out of
/// range), `SystemError` if `op` is NULL or not a list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_GetItem(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    guard("PyList_GetItem", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) {
                errors::bad_internal_call();
                return null_mut();
            }
            match listobject::items(op).get(index as usize) {
                Some(&item) if index >= 0 => item,
                _ => {
                    errors::index_error("list index out of range");
                    null_mut()
                }
            }
        }
    })
}

/// Returns: item `index` of a list (CPython 3.13).
/// Errors: NULL with `IndexError("list index out of range")`, `TypeError("expected a
/// list")` if `op` is not a list, `SystemError` if it is NULL.
/// Ownership: a new reference.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_GetItemRef(op: *mut PyObject, index: Py_ssize_t) -> *mut PyObject {
    guard("PyList_GetItemRef", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if op.is_null() {
                errors::bad_internal_call();
                return null_mut();
            }
            if !is_list(op) {
                errors::type_error("expected a list");
                return null_mut();
            }
            listobject::list_item(op, index)
        }
    })
}

/// Stores `item` at `index`, dropping what was there.
///
/// Returns: 0. Errors: -1 with `IndexError("list assignment index out of range")`, or
/// `SystemError` if `op` is NULL or not a list.
/// Ownership: steals `item` (also on error). A NULL `item` leaves the slot empty, as in
/// CPython; it must be filled before the list is used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_SetItem(op: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int {
    guard("PyList_SetItem", || {
        // SAFETY: NULL or live, per the C API; `item` is owned by us now.
        unsafe {
            if !is_list(op) {
                object::xdecref(item);
                errors::bad_internal_call();
                return -1;
            }
            if index < 0 || index >= listobject::size(op) {
                object::xdecref(item);
                errors::index_error("list assignment index out of range");
                return -1;
            }
            let slot = listobject::fields(op).ob_item.add(index as usize);
            let old = std::mem::replace(&mut *slot, item);
            object::xdecref(old);
            0
        }
    })
}

/// Inserts `item` before position `index` (negative counts from the end; out of range
/// positions are clipped), as `list.insert`.
///
/// Returns: 0. Errors: -1 with `SystemError` if `op` is not a list or an argument is
/// NULL, `MemoryError`.
/// Ownership: `item` is borrowed (the list takes a new reference).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_Insert(op: *mut PyObject, index: Py_ssize_t, item: *mut PyObject) -> c_int {
    guard("PyList_Insert", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) || item.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            status(listobject::insert(op, index, item))
        }
    })
}

/// Appends `item`, as `list.append`.
///
/// Returns: 0. Errors: -1 with `SystemError` if `op` is not a list or an argument is
/// NULL, `MemoryError`.
/// Ownership: `item` is borrowed (the list takes a new reference).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_Append(op: *mut PyObject, item: *mut PyObject) -> c_int {
    guard("PyList_Append", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) || item.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            status(listobject::append(op, item))
        }
    })
}

/// `op[low:high]` as a new list (bounds clipped to the list).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError` if `op` is NULL or not a list, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_GetSlice(
    op: *mut PyObject,
    low: Py_ssize_t,
    high: Py_ssize_t,
) -> *mut PyObject {
    guard("PyList_GetSlice", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) {
                errors::bad_internal_call();
                return null_mut();
            }
            listslice::get_slice(op, low, high).unwrap_or(null_mut())
        }
    })
}

/// `op[low:high] = items`, or `del op[low:high]` when `items` is NULL. Bounds are clipped;
/// `items` may be any iterable, including `op` itself.
///
/// Returns: 0. Errors: -1 with `TypeError("can only assign an iterable")`, an error the
/// iteration raised, `SystemError` if `op` is NULL or not a list, `MemoryError`.
/// Ownership: `items` is borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_SetSlice(
    op: *mut PyObject,
    low: Py_ssize_t,
    high: Py_ssize_t,
    items: *mut PyObject,
) -> c_int {
    guard("PyList_SetSlice", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) {
                errors::bad_internal_call();
                return -1;
            }
            status(listslice::ass_slice(op, low, high, items))
        }
    })
}

/// Sorts the list in place, stably, by `<` (`list.sort()`). While it sorts, the list looks
/// empty to the comparisons.
///
/// Returns: 0. Errors: -1 with the first error a comparison raised (the list then holds
/// its items in some order), `ValueError("list modified during sort")` if a comparison
/// changed the list, `SystemError` if `op` is NULL or not a list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_Sort(op: *mut PyObject) -> c_int {
    guard("PyList_Sort", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) {
                errors::bad_internal_call();
                return -1;
            }
            status(listsort::sort(op, false))
        }
    })
}

/// Reverses the list in place.
///
/// Returns: 0. Errors: -1 with `SystemError` if `op` is NULL or not a list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_Reverse(op: *mut PyObject) -> c_int {
    guard("PyList_Reverse", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) {
                errors::bad_internal_call();
                return -1;
            }
            listobject::reverse(op);
            0
        }
    })
}

/// Returns: a new tuple of the list's items (`tuple(op)`).
/// Errors: NULL with `SystemError` if `op` is NULL or not a list, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_AsTuple(op: *mut PyObject) -> *mut PyObject {
    guard("PyList_AsTuple", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) {
                errors::bad_internal_call();
                return null_mut();
            }
            tupleobject::pack(listobject::items(op)).unwrap_or(null_mut())
        }
    })
}

/// Appends the items of `iterable` (`list.extend`, CPython 3.13); `PyList_Extend(l, l)`
/// doubles `l`.
///
/// Returns: 0. Errors: -1 with `TypeError("'T' object is not iterable")` or what the
/// iteration raised, `SystemError` if `op` is not a list or an argument is NULL.
/// Ownership: `iterable` is borrowed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_Extend(op: *mut PyObject, iterable: *mut PyObject) -> c_int {
    guard("PyList_Extend", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) || iterable.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            status(listobject::extend(op, iterable))
        }
    })
}

/// Removes every item (`list.clear`, CPython 3.13).
///
/// Returns: 0. Errors: -1 with `SystemError` if `op` is NULL or not a list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyList_Clear(op: *mut PyObject) -> c_int {
    guard("PyList_Clear", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_list(op) {
                errors::bad_internal_call();
                return -1;
            }
            listobject::clear(op);
            0
        }
    })
}
