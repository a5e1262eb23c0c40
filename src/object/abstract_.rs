//! The object protocol's core: `repr()` and `str()` of any object, which error messages
//! need. (The full abstract object, number, sequence and mapping protocols build on it.)

use std::ptr::null_mut;

use super::*;

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
