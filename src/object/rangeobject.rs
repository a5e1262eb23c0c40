//! `range` and its iterators.
//!
//! CPython keeps a range's start, stop, step and length as `int` objects; we keep them as
//! `i128`, which gives the same results for every range whose arguments are at most
//! 2**125 in magnitude (so no intermediate result overflows). Larger arguments raise
//! `OverflowError` ("range() arguments beyond 2**125 are not supported"): CPython accepts
//! them. Iteration uses `range_iterator` (C `long` fields, CPython's fast path) when start,
//! step, length and the value after the last all fit a `long`, else `longrange_iterator`.

use std::ffi::c_int;
use std::ptr::null_mut;

use super::*;
use crate::abi::{Py_EQ, Py_NE};

/// The largest argument magnitude we accept (see the module comment).
const LIMIT: i128 = 1 << 125;

#[repr(C)]
struct RangeObject {
    ob_base: PyObject,
    start: i128,
    stop: i128,
    step: i128,
    len: i128,
}

/// `range`.
#[unsafe(no_mangle)]
pub static mut PyRange_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"range".as_ptr(),
    tp_basicsize: std::mem::size_of::<RangeObject>() as Py_ssize_t,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_repr: Some(range_repr),
    tp_as_number: RANGE_AS_NUMBER.as_mut_ptr(),
    tp_as_sequence: RANGE_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: RANGE_AS_MAPPING.as_mut_ptr(),
    tp_hash: Some(range_hash),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_SEQUENCE as std::ffi::c_ulong,
    tp_doc: c"range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive)\nto stop (exclusive) by step.".as_ptr(),
    tp_richcompare: Some(range_richcompare),
    tp_iter: Some(range_iter),
    tp_new: Some(range_new),
    ..TYPE_TEMPLATE
};

static RANGE_AS_NUMBER: ReadOnly<PyNumberMethods> =
    ReadOnly(PyNumberMethods { nb_bool: Some(range_bool), ..singletons::NUMBER_TEMPLATE });

static RANGE_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: Some(range_length),
    sq_concat: None,
    sq_repeat: None,
    sq_item: Some(range_item),
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(range_contains),
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

static RANGE_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(range_length),
    mp_subscript: Some(range_subscript),
    mp_ass_subscript: None,
});

#[inline]
unsafe fn fields<'a>(op: *mut PyObject) -> &'a RangeObject {
    // SAFETY: per caller, a range.
    unsafe { &*(op as *mut RangeObject) }
}

// --- int <-> i128 -----------------------------------------------------------------------------

/// `hash(int)` for a value that fits `i128`: CPython reduces modulo 2**61 - 1, keeping the
/// sign, with -1 moved to -2.
pub(crate) fn hash_i128(v: i128) -> Py_hash_t {
    let modulus: u128 = (1 << 61) - 1;
    let h = (v.unsigned_abs() % modulus) as i64;
    let h = if v < 0 { -h } else { h };
    if h == -1 {
        -2
    } else {
        h as Py_hash_t
    }
}

/// `PyNumber_Index(op)` as `i128`, within [`LIMIT`].
unsafe fn arg_as_i128(op: *mut PyObject) -> PyResult<i128> {
    // SAFETY: per caller, live.
    unsafe {
        let v = abstract_::number::index_any(op)?;
        let r = longobject::as_i128(v).filter(|x| x.abs() <= LIMIT);
        decref(v);
        r.ok_or_else(too_big)
    }
}

// --- construction ---------------------------------------------------------------------------

/// The number of items of `range(start, stop, step)`.
fn compute_len(start: i128, stop: i128, step: i128) -> i128 {
    if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    }
}

fn too_big() -> PyErr {
    errors::overflow_error("range() arguments beyond 2**125 are not supported")
}

/// A new range (`step` non-zero). Values beyond [`LIMIT`] raise `OverflowError`.
fn new(start: i128, stop: i128, step: i128) -> PyResult<Owned> {
    if start.abs() > LIMIT || stop.abs() > LIMIT || step.abs() > LIMIT {
        return Err(too_big());
    }
    let p = alloc::malloc(std::mem::size_of::<RangeObject>()) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size (16-byte aligned, as i128 needs).
    unsafe {
        typeobject::init_object(p, &raw mut PyRange_Type);
        let r = &mut *(p as *mut RangeObject);
        r.start = start;
        r.stop = stop;
        r.step = step;
        r.len = compute_len(start, stop, step);
    }
    Ok(p)
}

/// `range(stop)`, `range(start, stop[, step])`.
unsafe extern "C" fn range_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with an argument tuple and NULL or a mapping.
    unsafe {
        if abstract_::no_keywords("range", kwds).is_err() {
            return null_mut();
        }
        let items = if args.is_null() { &[][..] } else { tupleobject::items(args) };
        let r = (|| match *items {
            [] => Err(errors::type_error("range expected at least 1 argument, got 0")),
            [stop] => new(0, arg_as_i128(stop)?, 1),
            [start, stop] => new(arg_as_i128(start)?, arg_as_i128(stop)?, 1),
            [start, stop, step] => {
                let (start, stop) = (arg_as_i128(start)?, arg_as_i128(stop)?);
                match arg_as_i128(step)? {
                    0 => Err(errors::value_error("range() arg 3 must not be zero")),
                    step => new(start, stop, step),
                }
            }
            _ => Err(errors::type_error(&format!("range expected at most 3 arguments, got {}", items.len()))),
        })();
        r.unwrap_or(null_mut())
    }
}

// --- slots ----------------------------------------------------------------------------------

unsafe extern "C" fn range_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a range.
    let r = unsafe { fields(op) };
    let text = if r.step == 1 {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    };
    unicodeobject::from_str(&text).unwrap_or(null_mut())
}

/// CPython: `hash((len, None, None))` when empty, `hash((len, start, None))` for one item,
/// else `hash((len, start, step))`, so equal ranges hash equal.
unsafe extern "C" fn range_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a range; None's hash cannot fail.
    unsafe {
        let r = fields(op);
        let none = abstract_::hash(singletons::none()).unwrap_or(-1);
        let parts = match r.len {
            0 => [hash_i128(r.len), none, none],
            1 => [hash_i128(r.len), hash_i128(r.start), none],
            _ => [hash_i128(r.len), hash_i128(r.start), hash_i128(r.step)],
        };
        pyhash::hash_tuple(parts)
    }
}

/// Ranges are equal when they give the same items (`range(0) == range(5, 2)`); other
/// comparisons are not supported.
unsafe extern "C" fn range_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if type_of(v) != &raw mut PyRange_Type
            || type_of(w) != &raw mut PyRange_Type
            || (op != Py_EQ && op != Py_NE)
        {
            return new_ref(singletons::not_implemented());
        }
        let (a, b) = (fields(v), fields(w));
        let equal = v == w
            || (a.len == b.len && (a.len == 0 || (a.start == b.start && (a.len == 1 || a.step == b.step))));
        longobject::from_bool(equal == (op == Py_EQ))
    }
}

unsafe extern "C" fn range_bool(op: *mut PyObject) -> c_int {
    // SAFETY: called through nb_bool with a range.
    c_int::from(unsafe { fields(op) }.len != 0)
}

unsafe extern "C" fn range_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through sq_length with a range.
    let len = unsafe { fields(op) }.len;
    match Py_ssize_t::try_from(len) {
        Ok(n) => n,
        Err(_) => {
            errors::overflow_error("Python int too large to convert to C ssize_t");
            -1
        }
    }
}

/// Item `i` (negative counts from the end), as an `int`.
fn item(r: &RangeObject, i: i128) -> PyResult<Owned> {
    let i = if i < 0 { i + r.len } else { i };
    if i < 0 || i >= r.len {
        return Err(errors::index_error("range object index out of range"));
    }
    longobject::from_i128(r.start + i * r.step)
}

unsafe extern "C" fn range_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    // SAFETY: called through sq_item with a range.
    item(unsafe { fields(op) }, i as i128).unwrap_or(null_mut())
}

/// `_PySlice_GetLongIndices`'s `evaluate_slice_index`: `None`, or an index as `i128`
/// (clamped: a bound beyond `i128` clips the same way).
unsafe fn slice_bound(op: *mut PyObject) -> PyResult<Option<i128>> {
    if op == singletons::none() {
        return Ok(None);
    }
    // SAFETY: per caller, live.
    unsafe {
        if !abstract_::number::index_check(op) {
            return Err(errors::type_error(
                "slice indices must be integers or None or have an __index__ method",
            ));
        }
        let v = abstract_::number::index_any(op)?;
        let r = longobject::as_i128(v).unwrap_or(if longobject::sign(v) < 0 { i128::MIN } else { i128::MAX });
        decref(v);
        Ok(Some(r))
    }
}

/// `r[slice]`: a range of the selected items (CPython's `compute_slice`).
unsafe fn range_slice(r: &RangeObject, slice: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a slice.
    let [start, stop, step] = unsafe { sliceobject::parts(slice) };
    // SAFETY: live parts.
    let step = match unsafe { slice_bound(step) }? {
        None => 1,
        Some(0) => return Err(errors::value_error("slice step cannot be zero")),
        Some(s) => s,
    };
    let (lower, upper) = if step < 0 { (-1, r.len - 1) } else { (0, r.len) };
    let clip = |bound: Option<i128>, default: i128| match bound {
        None => default,
        Some(x) if x < 0 => x.saturating_add(r.len).max(lower),
        Some(x) => x.min(upper),
    };
    // SAFETY: live parts.
    let start = clip(unsafe { slice_bound(start) }?, if step < 0 { upper } else { lower });
    // SAFETY: live parts.
    let stop = clip(unsafe { slice_bound(stop) }?, if step < 0 { lower } else { upper });
    // Values of the old range at the clipped indices (which lie in -1..=len).
    let at = |i: i128| i.checked_mul(r.step).and_then(|x| x.checked_add(r.start)).ok_or_else(too_big);
    new(at(start)?, at(stop)?, step.checked_mul(r.step).ok_or_else(too_big)?)
}

unsafe extern "C" fn range_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through mp_subscript with a range and a live key.
    unsafe {
        let r = fields(op);
        if abstract_::number::index_check(key) {
            let Ok(i) = abstract_::number::index_any(key) else { return null_mut() };
            let v = longobject::as_i128(i);
            decref(i);
            return match v {
                Some(i) if i.abs() <= LIMIT => item(r, i).unwrap_or(null_mut()),
                _ => {
                    errors::index_error("range object index out of range");
                    null_mut()
                }
            };
        }
        if sliceobject::is_slice(key) {
            return range_slice(r, key).unwrap_or(null_mut());
        }
        errors::type_error(&format!(
            "range indices must be integers or slices, not {}",
            type_name(type_of(key))
        ));
        null_mut()
    }
}

/// O(1) for `int`s (and bools); anything else is compared with each item in turn.
unsafe extern "C" fn range_contains(op: *mut PyObject, ob: *mut PyObject) -> c_int {
    // SAFETY: called through sq_contains with a range and a live object.
    unsafe {
        let r = fields(op);
        let tp = type_of(ob);
        if tp == &raw mut longobject::PyLong_Type || tp == &raw mut longobject::PyBool_Type {
            let Some(x) = longobject::as_i128(ob) else { return 0 };
            let inside = if r.step > 0 { r.start <= x && x < r.stop } else { r.stop < x && x <= r.start };
            return c_int::from(inside && (x - r.start) % r.step == 0);
        }
        let mut i = 0;
        while i < r.len {
            let Ok(item) = longobject::from_i128(r.start + i * r.step) else { return -1 };
            let eq = abstract_::rich_compare_bool(item, ob, Py_EQ);
            decref(item);
            match eq {
                Ok(true) => return 1,
                Ok(false) => {}
                Err(_) => return -1,
            }
            i += 1;
        }
        0
    }
}

// --- iterators ------------------------------------------------------------------------------

/// `range_iterator`: CPython's `_PyRangeIterObject` (C longs, 64-bit on the LP64 targets
/// we build for).
#[repr(C)]
struct RangeIter {
    ob_base: PyObject,
    start: i64,
    step: i64,
    len: i64,
}

/// `longrange_iterator`, for ranges beyond C longs.
#[repr(C)]
struct LongRangeIter {
    ob_base: PyObject,
    start: i128,
    step: i128,
    len: i128,
}

/// `range_iterator`.
#[unsafe(no_mangle)]
pub static mut PyRangeIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"range_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<RangeIter>() as Py_ssize_t,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_iter: Some(crate::capi::iterobject::PyObject_SelfIter),
    tp_iternext: Some(range_iter_next),
    ..TYPE_TEMPLATE
};

/// `longrange_iterator`.
#[unsafe(no_mangle)]
pub static mut PyLongRangeIter_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"longrange_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<LongRangeIter>() as Py_ssize_t,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_iter: Some(crate::capi::iterobject::PyObject_SelfIter),
    tp_iternext: Some(longrange_iter_next),
    ..TYPE_TEMPLATE
};

unsafe extern "C" fn range_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a range.
    let r = unsafe { fields(op) };
    let long = |x: i128| i64::try_from(x).ok();
    // The value after the last must fit too: the iterator computes it.
    let after_last = r.len.checked_mul(r.step).and_then(|x| x.checked_add(r.start));
    let fast = (long(r.start), long(r.step), long(r.len), after_last.and_then(long));
    if let (Some(start), Some(step), Some(len), Some(_)) = fast {
        let p = alloc::malloc(std::mem::size_of::<RangeIter>()) as *mut PyObject;
        if p.is_null() {
            errors::no_memory();
            return null_mut();
        }
        // SAFETY: fresh memory of the right size.
        unsafe {
            typeobject::init_object(p, &raw mut PyRangeIter_Type);
            let it = &mut *(p as *mut RangeIter);
            (it.start, it.step, it.len) = (start, step, len);
        }
        return p;
    }
    let p = alloc::malloc(std::mem::size_of::<LongRangeIter>()) as *mut PyObject;
    if p.is_null() {
        errors::no_memory();
        return null_mut();
    }
    // SAFETY: fresh memory of the right size.
    unsafe {
        typeobject::init_object(p, &raw mut PyLongRangeIter_Type);
        let it = &mut *(p as *mut LongRangeIter);
        (it.start, it.step, it.len) = (r.start, r.step, r.len);
    }
    p
}

unsafe extern "C" fn range_iter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a range iterator.
    unsafe {
        let it = &mut *(op as *mut RangeIter);
        if it.len <= 0 {
            return null_mut();
        }
        let v = it.start;
        it.start = v.wrapping_add(it.step);
        it.len -= 1;
        longobject::from_i64(v).unwrap_or(null_mut())
    }
}

unsafe extern "C" fn longrange_iter_next(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iternext with a long range iterator.
    unsafe {
        let it = &mut *(op as *mut LongRangeIter);
        if it.len <= 0 {
            return null_mut();
        }
        let v = it.start;
        it.start = v.wrapping_add(it.step);
        it.len -= 1;
        longobject::from_i128(v).unwrap_or(null_mut())
    }
}
