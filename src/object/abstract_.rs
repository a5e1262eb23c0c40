//! The object protocol's core: `repr()` and `str()` of any object, which error messages
//! need. (The full abstract object, number, sequence and mapping protocols build on it.)

use std::ptr::null_mut;

use super::*;
use crate::abi::{Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};

/// `repr(op)`: the type's `tp_repr`, else `<T object at 0x...>`.
pub(crate) unsafe fn repr(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a live object.
    unsafe {
        let tp = type_of(op);
        let r = match (*tp).tp_repr {
            Some(f) => f(op),
            None => default_repr(op),
        };
        check_str_result(r, "__repr__")
    }
}

/// `str(op)`: itself for an exact `str`, else the type's `tp_str`, else `repr`.
pub(crate) unsafe fn str(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a live object.
    unsafe {
        let tp = type_of(op);
        if tp == &raw mut unicodeobject::PyUnicode_Type {
            return Ok(new_ref(op));
        }
        match (*tp).tp_str {
            Some(f) => check_str_result(f(op), "__str__"),
            None => repr(op),
        }
    }
}

unsafe fn default_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    let text = unsafe { format!("<{} object at {:p}>", type_name(type_of(op)), op) };
    unicodeobject::from_str(&text).unwrap_or(null_mut())
}

/// A slot's result must be a `str` (CPython's TypeError text otherwise).
unsafe fn check_str_result(r: *mut PyObject, what: &str) -> PyResult<Owned> {
    if r.is_null() {
        return Err(PyErr);
    }
    // SAFETY: a live object returned by the slot.
    unsafe {
        if !typeobject::type_check(r, &raw mut unicodeobject::PyUnicode_Type) {
            let e = errors::type_error(&format!("{what} returned non-string (type {})", type_name(type_of(r))));
            decref(r);
            return Err(e);
        }
    }
    Ok(r)
}

/// Whether a mapping (e.g. keyword arguments) is empty; a non-mapping counts as non-empty.
pub(crate) unsafe fn is_empty_mapping(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a live object.
    unsafe {
        let m = (*type_of(op)).tp_as_mapping;
        if m.is_null() {
            return false;
        }
        match (*m).mp_length {
            Some(len) => len(op) == 0,
            None => false,
        }
    }
}

/// `hash(op)`: the type's `tp_hash`; a type without one is unhashable (CPython's
/// `TypeError: unhashable type: 'T'`).
pub(crate) unsafe fn hash(op: *mut PyObject) -> PyResult<Py_hash_t> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        match (*tp).tp_hash {
            Some(f) => {
                let h = f(op);
                if h == -1 && !errors::occurred().is_null() {
                    Err(PyErr)
                } else {
                    Ok(h)
                }
            }
            None => Err(errors::type_error(&format!("unhashable type: '{}'", type_name(tp)))),
        }
    }
}

const OP_SYMBOLS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];
/// The comparison with the operands swapped: `a < b` is `b > a`.
const SWAPPED: [i32; 6] = [Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE];

/// `PyObject_RichCompare`: CPython's dispatch. A subtype of the left operand's type that
/// overrides the comparison goes first; NotImplemented passes to the reflected operation;
/// `==`/`!=` fall back to identity; ordering raises `TypeError`.
pub(crate) unsafe fn rich_compare(v: *mut PyObject, w: *mut PyObject, op: i32) -> PyResult<Owned> {
    if !(Py_LT..=Py_GE).contains(&op) {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: per caller, live objects.
    unsafe {
        let (vt, wt) = (type_of(v), type_of(w));
        let mut checked_reverse = false;
        if vt != wt && typeobject::is_subtype(wt, vt) {
            if let Some(f) = (*wt).tp_richcompare {
                checked_reverse = true;
                let r = f(w, v, SWAPPED[op as usize]);
                if r.is_null() || r != singletons::not_implemented() {
                    return if r.is_null() { Err(PyErr) } else { Ok(r) };
                }
            }
        }
        if let Some(f) = (*vt).tp_richcompare {
            let r = f(v, w, op);
            if r.is_null() || r != singletons::not_implemented() {
                return if r.is_null() { Err(PyErr) } else { Ok(r) };
            }
        }
        if !checked_reverse {
            if let Some(f) = (*wt).tp_richcompare {
                let r = f(w, v, SWAPPED[op as usize]);
                if r.is_null() || r != singletons::not_implemented() {
                    return if r.is_null() { Err(PyErr) } else { Ok(r) };
                }
            }
        }
        match op {
            Py_EQ => Ok(longobject::from_bool(v == w)),
            Py_NE => Ok(longobject::from_bool(v != w)),
            _ => Err(errors::type_error(&format!(
                "'{}' not supported between instances of '{}' and '{}'",
                OP_SYMBOLS[op as usize],
                type_name(vt),
                type_name(wt)
            ))),
        }
    }
}

/// `PyObject_RichCompareBool`: identity implies equality (for `==` and `!=`), as CPython.
pub(crate) unsafe fn rich_compare_bool(v: *mut PyObject, w: *mut PyObject, op: i32) -> PyResult<bool> {
    if v == w {
        if op == Py_EQ {
            return Ok(true);
        }
        if op == Py_NE {
            return Ok(false);
        }
    }
    // SAFETY: per caller.
    unsafe {
        let r = rich_compare(v, w, op)?;
        let b = is_true(r);
        decref(r);
        b
    }
}

/// `PyObject_IsTrue`: `nb_bool`, else `mp_length`/`sq_length`, else true.
pub(crate) unsafe fn is_true(op: *mut PyObject) -> PyResult<bool> {
    if op == longobject::from_bool(true) {
        return Ok(true);
    }
    if op == longobject::from_bool(false) || op == singletons::none() {
        return Ok(false);
    }
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        let nb = (*tp).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_bool {
                let r = f(op);
                return if r < 0 { Err(PyErr) } else { Ok(r != 0) };
            }
        }
        match slot_length(op) {
            Some(len) => len.map(|n| n != 0),
            None => Ok(true),
        }
    }
}

/// The length through `mp_length` or `sq_length`, if the type has either.
unsafe fn slot_length(op: *mut PyObject) -> Option<PyResult<Py_ssize_t>> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        let f = {
            let mp = (*tp).tp_as_mapping;
            let sq = (*tp).tp_as_sequence;
            (if mp.is_null() { None } else { (*mp).mp_length })
                .or(if sq.is_null() { None } else { (*sq).sq_length })
        }?;
        let n = f(op);
        Some(if n < 0 { Err(PyErr) } else { Ok(n) })
    }
}

/// `len(op)` (`PyObject_Size`).
pub(crate) unsafe fn length(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        slot_length(op).unwrap_or_else(|| {
            Err(errors::type_error(&format!("object of type '{}' has no len()", type_name(type_of(op)))))
        })
    }
}

/// `iter(op)`: `tp_iter`, or an iterator over `sq_item` (`PySeqIter_New`).
pub(crate) unsafe fn get_iter(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        match (*tp).tp_iter {
            Some(f) => {
                let it = f(op);
                if it.is_null() {
                    return Err(PyErr);
                }
                if (*type_of(it)).tp_iternext.is_none() {
                    let e = errors::type_error(&format!(
                        "iter() returned non-iterator of type '{}'",
                        type_name(type_of(it))
                    ));
                    decref(it);
                    return Err(e);
                }
                Ok(it)
            }
            None if iterobject::sequence_check(op) => iterobject::seq_iter_new(op),
            None => Err(errors::type_error(&format!("'{}' object is not iterable", type_name(tp)))),
        }
    }
}

/// `next(it)`: `Ok(Some(item))`, `Ok(None)` when exhausted (a `StopIteration` is
/// swallowed), or `Err` with an exception set.
pub(crate) unsafe fn iter_next(it: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: per caller, `it` is an iterator.
    unsafe {
        let Some(f) = (*type_of(it)).tp_iternext else {
            return Err(errors::type_error(&format!("'{}' object is not an iterator", type_name(type_of(it)))));
        };
        let item = f(it);
        if !item.is_null() {
            return Ok(Some(item));
        }
        if errors::occurred().is_null() {
            return Ok(None);
        }
        if errors::matches(&raw mut exceptions::_PyExc_StopIteration) {
            errors::clear();
            return Ok(None);
        }
        Err(PyErr)
    }
}
