//! `slice` (CPython's layout: `start`, `stop`, `step` objects, `None` when left out), the
//! index arithmetic of sequences (`PySlice_Unpack`, `PySlice_AdjustIndices`) and
//! `_PyEval_SliceIndex`. The `__index__` conversions are the number protocol's
//! (`abstract_::number::index_check`, `index_any`, `as_ssize_t`).

use std::ptr::null_mut;

use super::*;
use crate::abi::{Py_EQ, Py_GE, Py_LE};

/// `slice`.
#[unsafe(no_mangle)]
pub static mut PySlice_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"slice".as_ptr(),
    tp_basicsize: std::mem::size_of::<PySliceObject>() as Py_ssize_t,
    tp_dealloc: Some(slice_dealloc),
    tp_repr: Some(slice_repr),
    tp_hash: Some(slice_hash),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE,
    tp_doc: c"slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.  This is used for extended slicing (e.g. a[0:10:2]).".as_ptr(),
    tp_richcompare: Some(slice_richcompare),
    tp_new: Some(slice_new),
    ..TYPE_TEMPLATE
};

#[inline]
pub(crate) unsafe fn is_slice(op: *mut PyObject) -> bool {
    // SAFETY: per caller, live; slice cannot be subclassed.
    unsafe { type_of(op) == &raw mut PySlice_Type }
}

#[inline]
unsafe fn fields<'a>(op: *mut PyObject) -> &'a mut PySliceObject {
    // SAFETY: per caller, a slice.
    unsafe { &mut *(op as *mut PySliceObject) }
}

/// `PySlice_New`: a slice of `start`, `stop`, `step` (borrowed; NULL means `None`).
pub(crate) unsafe fn new(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> PyResult<Owned> {
    let p = alloc::malloc(std::mem::size_of::<PySliceObject>()) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    let or_none = |o: *mut PyObject| if o.is_null() { singletons::none() } else { o };
    // SAFETY: fresh memory of the right size; the parts are live (per caller) or None.
    unsafe {
        typeobject::init_object(p, &raw mut PySlice_Type);
        let s = fields(p);
        s.start = new_ref(or_none(start));
        s.stop = new_ref(or_none(stop));
        s.step = new_ref(or_none(step));
    }
    Ok(p)
}

unsafe extern "C" fn slice_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a slice with no references.
    unsafe {
        let s = fields(op);
        decref(s.start);
        decref(s.stop);
        decref(s.step);
        typeobject::object_dealloc(op);
    }
}

/// `slice(stop)`, `slice(start, stop[, step])`.
unsafe extern "C" fn slice_new(
    _tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with an argument tuple and NULL or a mapping.
    unsafe {
        if abstract_::no_keywords("slice", kwds).is_err() {
            return null_mut();
        }
        let items = if args.is_null() { &[][..] } else { tupleobject::items(args) };
        let r = match *items {
            [] => Err(errors::type_error("slice expected at least 1 argument, got 0")),
            [stop] => new(null_mut(), stop, null_mut()),
            [start, stop] => new(start, stop, null_mut()),
            [start, stop, step] => new(start, stop, step),
            _ => Err(errors::type_error(&format!("slice expected at most 3 arguments, got {}", items.len()))),
        };
        r.unwrap_or(null_mut())
    }
}

/// `slice(start, stop, step)` with each part's repr.
unsafe extern "C" fn slice_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a slice.
    unsafe {
        let s = fields(op);
        let mut text = String::from("slice(");
        for (i, part) in [s.start, s.stop, s.step].into_iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            match abstract_::repr(part) {
                Ok(r) => {
                    text.push_str(unicodeobject::as_str(r));
                    decref(r);
                }
                Err(_) => return null_mut(),
            }
        }
        text.push(')');
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}

/// The xxHash lanes of CPython's `tuplehash` (see `pyhash::hash_tuple`).
const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// CPython 3.12+: slices are hashable, by `tuplehash`'s rounds over the three parts but
/// without its final length term.
unsafe extern "C" fn slice_hash(op: *mut PyObject) -> Py_hash_t {
    // SAFETY: called through tp_hash with a slice.
    unsafe {
        let s = fields(op);
        let mut acc = XXPRIME_5;
        for part in [s.start, s.stop, s.step] {
            let Ok(lane) = abstract_::hash(part) else { return -1 };
            acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
            acc = acc.rotate_left(31);
            acc = acc.wrapping_mul(XXPRIME_1);
        }
        if acc == u64::MAX {
            return 1546275796;
        }
        acc as Py_hash_t
    }
}

/// Slices compare as the tuples `(start, stop, step)`; a slice is equal to itself
/// whatever its parts say (CPython's shortcut).
unsafe extern "C" fn slice_richcompare(v: *mut PyObject, w: *mut PyObject, op: i32) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if !is_slice(v) || !is_slice(w) {
            return new_ref(singletons::not_implemented());
        }
        if v == w {
            return longobject::from_bool(matches!(op, Py_EQ | Py_LE | Py_GE));
        }
        let (a, b) = (fields(v), fields(w));
        tupleobject::compare_items(&[a.start, a.stop, a.step], &[b.start, b.stop, b.step], op)
            .unwrap_or(null_mut())
    }
}

// --- __index__ ------------------------------------------------------------------------------

/// `_PyEval_SliceIndex`: a slice part as a clamped index; `None` gives `None`.
pub(crate) unsafe fn slice_index(op: *mut PyObject) -> PyResult<Option<Py_ssize_t>> {
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
        abstract_::number::as_ssize_t(op, null_mut()).map(Some)
    }
}

// --- index arithmetic -----------------------------------------------------------------------

/// `PySlice_Unpack`: start, stop and step of a slice as `Py_ssize_t`, defaults filled in
/// (not yet adjusted to a length). A step below `-PY_SSIZE_T_MAX` becomes `-PY_SSIZE_T_MAX`
/// so that negating it is safe.
///
/// Errors: `ValueError("slice step cannot be zero")`, the index conversion's errors.
pub(crate) unsafe fn unpack(op: *mut PyObject) -> PyResult<(Py_ssize_t, Py_ssize_t, Py_ssize_t)> {
    // SAFETY: per caller, a slice.
    unsafe {
        let s = fields(op);
        let step = match slice_index(s.step)? {
            None => 1,
            Some(0) => return Err(errors::value_error("slice step cannot be zero")),
            Some(x) => x.max(-Py_ssize_t::MAX),
        };
        let start = slice_index(s.start)?.unwrap_or(if step < 0 { Py_ssize_t::MAX } else { 0 });
        let stop = slice_index(s.stop)?.unwrap_or(if step < 0 { Py_ssize_t::MIN } else { Py_ssize_t::MAX });
        Ok((start, stop, step))
    }
}

/// `PySlice_AdjustIndices`: clips `start` and `stop` to a sequence of `length` items and
/// returns how many items the slice selects. `step` is non-zero and `>= -PY_SSIZE_T_MAX`.
pub(crate) fn adjust_indices(
    length: Py_ssize_t,
    start: &mut Py_ssize_t,
    stop: &mut Py_ssize_t,
    step: Py_ssize_t,
) -> Py_ssize_t {
    fn clip(x: &mut Py_ssize_t, length: Py_ssize_t, step: Py_ssize_t) {
        if *x < 0 {
            *x += length;
            if *x < 0 {
                *x = if step < 0 { -1 } else { 0 };
            }
        } else if *x >= length {
            *x = if step < 0 { length - 1 } else { length };
        }
    }
    clip(start, length, step);
    clip(stop, length, step);
    if step < 0 {
        if *stop < *start {
            return (*start - *stop - 1) / (-step) + 1;
        }
    } else if *start < *stop {
        return (*stop - *start - 1) / step + 1;
    }
    0
}

/// The items a slice selects from `data`, as adjusted by [`adjust_indices`] (`start`,
/// `step` and the count `n` it returned): `data[start::step][:n]`. For the sequence types
/// that copy their items (bytes, bytearray, str).
pub(crate) fn pick<T: Copy>(data: &[T], start: Py_ssize_t, step: Py_ssize_t, n: Py_ssize_t) -> Vec<T> {
    let mut out = Vec::with_capacity(n.max(0) as usize);
    let mut cur = start;
    for _ in 0..n {
        out.push(data[cur as usize]);
        cur = cur.wrapping_add(step);
    }
    out
}

/// `PySlice_GetIndices` (the old API): plain `int` parts only, no clipping; -1 (with no
/// exception, unless a part overflows) when they do not fit `length`.
pub(crate) unsafe fn get_indices(op: *mut PyObject, length: Py_ssize_t) -> PyResult<Option<[Py_ssize_t; 3]>> {
    // SAFETY: per caller, a slice.
    unsafe {
        let s = fields(op);
        let part = |o: *mut PyObject| -> PyResult<Option<Option<Py_ssize_t>>> {
            if o == singletons::none() {
                return Ok(Some(None));
            }
            if !has_flag(type_of(o), Py_TPFLAGS_LONG_SUBCLASS) {
                return Ok(None);
            }
            match longobject::as_i64(o) {
                Some(v) => Ok(Some(Some(v as Py_ssize_t))),
                None => Err(errors::overflow_error("Python int too large to convert to C ssize_t")),
            }
        };
        let Some(step) = part(s.step)? else { return Ok(None) };
        let step = step.unwrap_or(1);
        let Some(start) = part(s.start)? else { return Ok(None) };
        let start = match start {
            None => {
                if step < 0 {
                    length - 1
                } else {
                    0
                }
            }
            Some(x) if x < 0 => x + length,
            Some(x) => x,
        };
        let Some(stop) = part(s.stop)? else { return Ok(None) };
        let stop = match stop {
            None => {
                if step < 0 {
                    -1
                } else {
                    length
                }
            }
            Some(x) if x < 0 => x + length,
            Some(x) => x,
        };
        if stop > length || start >= length || step == 0 {
            return Ok(None);
        }
        Ok(Some([start, stop, step]))
    }
}

/// The slice's parts (borrowed).
///
/// # Safety
/// `op` is a slice.
pub(crate) unsafe fn parts(op: *mut PyObject) -> [*mut PyObject; 3] {
    // SAFETY: per caller.
    let s = unsafe { fields(op) };
    [s.start, s.stop, s.step]
}
