//! `list.sort()`: CPython's semantics with a stable, adaptive merge sort.
//!
//! - While sorting, the list is empty (`ob_item` NULL, `allocated` -1), so comparison code
//!   that looks at it sees `[]`, and code that changes it is detected afterwards:
//!   `ValueError: list modified during sort`; whatever it put in the list is dropped.
//! - Comparisons are `a < b` (`PyObject_RichCompareBool(a, b, Py_LT)`). The first error
//!   stops the sort and propagates, the list holding some permutation of its items.
//! - Fast paths, chosen by one pass over the items as CPython's pre-sort check does: all
//!   exact `int`s (compared by value without the slot dispatch; when all are compact the
//!   values are taken out once and the (value, object) pairs sorted), all exact `str`s
//!   (UTF-8 byte order is code point order, so comparing bytes is comparing strings), and
//!   all one type (its `tp_richcompare` called directly). Those comparisons cannot fail or
//!   run Python code, except the last.
//! - Otherwise timsort (`timsort`).

use std::cmp::Ordering;

use super::timsort::timsort;
use super::*;
use crate::abi::Py_LT;

/// `list.sort(reverse=...)` without a key function (`PyList_Sort` is `reverse = false`).
///
/// # Safety
/// `op` is a list.
pub(crate) unsafe fn sort(op: *mut PyObject, reverse: bool) -> PyResult<()> {
    // SAFETY: per caller; the saved array belongs to the sort while the list is emptied.
    unsafe {
        let l = listobject::fields(op);
        let (saved_size, saved_items, saved_allocated) = (l.ob_base.ob_size, l.ob_item, l.allocated);
        l.ob_base.ob_size = 0;
        l.ob_item = std::ptr::null_mut();
        l.allocated = -1;

        let v: &mut [*mut PyObject] = if saved_items.is_null() {
            &mut []
        } else {
            std::slice::from_raw_parts_mut(saved_items, saved_size as usize)
        };
        let mut result = Ok(());
        if v.len() > 1 {
            // A stable sort of the reversed list, reversed back, is a stable reverse sort.
            if reverse {
                v.reverse();
            }
            result = sort_items(v);
            if reverse {
                v.reverse();
            }
        }
        let l = listobject::fields(op);
        if l.allocated != -1 && result.is_ok() {
            result = Err(errors::value_error("list modified during sort"));
        }
        let (final_items, final_size) = (l.ob_item, l.ob_base.ob_size);
        l.ob_base.ob_size = saved_size;
        l.ob_item = saved_items;
        l.allocated = saved_allocated;
        if !final_items.is_null() {
            for i in (0..final_size as usize).rev() {
                xdecref(*final_items.add(i));
            }
            alloc::free(final_items.cast());
        }
        result
    }
}

/// Sorts at least two items, choosing the comparison as CPython's pre-sort check does.
unsafe fn sort_items(v: &mut [*mut PyObject]) -> PyResult<()> {
    // SAFETY: per caller, live objects, which nothing else can reach while sorting.
    unsafe {
        let tp = type_of(v[0]);
        if !v.iter().all(|&o| type_of(o) == tp) {
            return timsort(v, |a, b| abstract_::rich_compare_bool(a, b, Py_LT), errors::no_memory);
        }
        if tp == &raw mut longobject::PyLong_Type {
            return sort_ints(v);
        }
        if tp == &raw mut unicodeobject::PyUnicode_Type {
            return sort_strs(v);
        }
        match (*tp).tp_richcompare {
            Some(f) => timsort(v, |a, b| same_type_lt(f, a, b), errors::no_memory),
            None => timsort(v, |a, b| abstract_::rich_compare_bool(a, b, Py_LT), errors::no_memory),
        }
    }
}

/// `a < b` for two objects of one type, by its `tp_richcompare` (`f`) directly, falling
/// back to the full protocol if the types changed or it returns NotImplemented (CPython's
/// `unsafe_object_compare`).
unsafe fn same_type_lt(
    f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, i32) -> *mut PyObject,
    a: *mut PyObject,
    b: *mut PyObject,
) -> PyResult<bool> {
    // SAFETY: live objects.
    unsafe {
        if !(*type_of(a)).tp_richcompare.is_some_and(|g| std::ptr::fn_addr_eq(f, g)) {
            return abstract_::rich_compare_bool(a, b, Py_LT);
        }
        let r = f(a, b, Py_LT);
        if r.is_null() {
            return Err(PyErr);
        }
        if r == singletons::not_implemented() {
            decref(r);
            return abstract_::rich_compare_bool(a, b, Py_LT);
        }
        let t = if r == longobject::from_bool(true) {
            Ok(true)
        } else if r == longobject::from_bool(false) {
            Ok(false)
        } else {
            abstract_::is_true(r)
        };
        decref(r);
        t
    }
}

/// Orders two exact `int`s by value (sign, then digit count, then digits from the top).
unsafe fn cmp_ints(a: *mut PyObject, b: *mut PyObject) -> Ordering {
    // SAFETY: per caller, ints.
    unsafe {
        let (sa, sb) = (longobject::sign(a), longobject::sign(b));
        if sa != sb {
            return sa.cmp(&sb);
        }
        let (da, db) = (longobject::digits(a), longobject::digits(b));
        let mag = da.len().cmp(&db.len()).then_with(|| da.iter().rev().cmp(db.iter().rev()));
        if sa < 0 {
            mag.reverse()
        } else {
            mag
        }
    }
}

/// The value of an `int` if it fits `i64` (compact ones without a loop).
#[inline]
unsafe fn int_key(op: *mut PyObject) -> Option<i64> {
    // SAFETY: per caller, an int; a compact zero's digit is 0, as CPython keeps it.
    unsafe {
        if longobject::ndigits(op) <= 1 {
            let d = (*(op as *mut PyLongObject)).long_value.ob_digit[0];
            return Some(i64::from(longobject::sign(op)) * i64::from(d));
        }
        longobject::as_i64(op)
    }
}

/// Exact ints. When all fit `i64` (the usual case), the values are read once and the
/// (value, object) pairs sorted, so comparisons touch no object memory; otherwise the
/// objects are compared by digits.
unsafe fn sort_ints(v: &mut [*mut PyObject]) -> PyResult<()> {
    // SAFETY: per caller, exact ints.
    unsafe {
        // Already in order (common, and what timsort does in one pass): nothing to do.
        if v.windows(2).all(|w| cmp_ints(w[0], w[1]) != Ordering::Greater) {
            return Ok(());
        }
        let mut keyed: Vec<(i64, *mut PyObject)> = Vec::new();
        keyed.try_reserve_exact(v.len()).map_err(|_| errors::no_memory())?;
        for &o in v.iter() {
            match int_key(o) {
                Some(k) => keyed.push((k, o)),
                None => {
                    v.sort_by(|&a, &b| cmp_ints(a, b));
                    return Ok(());
                }
            }
        }
        keyed.sort_by_key(|&(k, _)| k);
        for (slot, (_, o)) in v.iter_mut().zip(keyed) {
            *slot = o;
        }
    }
    Ok(())
}

/// The first 8 bytes, zero-padded, as a big-endian number: ordering these orders the
/// strings, except that equal prefixes need the full comparison.
#[inline]
fn prefix_key(b: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let n = b.len().min(8);
    buf[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(buf)
}

/// Exact strs, by their UTF-8 bytes (whose order is code point order), with the first 8
/// bytes kept next to the pointers so most comparisons touch no string memory.
unsafe fn sort_strs(v: &mut [*mut PyObject]) -> PyResult<()> {
    // SAFETY: per caller, exact strs; their text lives as long as they do.
    unsafe {
        if v.windows(2).all(|w| unicodeobject::as_bytes(w[0]) <= unicodeobject::as_bytes(w[1])) {
            return Ok(());
        }
        let mut keyed: Vec<(u64, &[u8], *mut PyObject)> = Vec::new();
        keyed.try_reserve_exact(v.len()).map_err(|_| errors::no_memory())?;
        keyed.extend(v.iter().map(|&o| {
            let b = unicodeobject::as_bytes(o);
            (prefix_key(b), b, o)
        }));
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        for (slot, (_, _, o)) in v.iter_mut().zip(keyed) {
            *slot = o;
        }
    }
    Ok(())
}
