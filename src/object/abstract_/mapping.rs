//! The mapping protocol (CPython's `PyMapping_*`).
//!
//! `PyMapping_Keys`/`Values`/`Items` read an exact dict directly and call the `keys()`,
//! `values()`, `items()` methods of other mappings and list the results.

use super::*;

/// `PyMapping_Check`: the type has `mp_subscript`.
pub(crate) unsafe fn check(o: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let m = (*type_of(o)).tp_as_mapping;
        !m.is_null() && (*m).mp_subscript.is_some()
    }
}

/// `PyMapping_Size`: `mp_length`.
pub(crate) unsafe fn size(o: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(o);
        let m = (*tp).tp_as_mapping;
        if !m.is_null() {
            if let Some(f) = (*m).mp_length {
                let n = f(o);
                return if n < 0 { Err(PyErr) } else { Ok(n) };
            }
        }
        let s = (*tp).tp_as_sequence;
        if !s.is_null() && (*s).sq_length.is_some() {
            return Err(errors::type_error(&format!("{} is not a mapping", tname(tp, 200))));
        }
        Err(errors::type_error(&format!("object of type '{}' has no len()", tname(tp, 200))))
    }
}

/// `o[key]` for a text key (`PyMapping_GetItemString`).
pub(crate) unsafe fn get_item_str(o: *mut PyObject, key: &str) -> PyResult<Owned> {
    let k = unicodeobject::from_str(key)?;
    // SAFETY: per caller; `k` is ours.
    unsafe {
        let r = get_item(o, k);
        decref(k);
        r
    }
}

/// `PyMapping_GetOptionalItem`: `Ok(None)` when the key is missing (`KeyError` swallowed).
pub(crate) unsafe fn get_optional_item(o: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: per caller.
    unsafe {
        match get_item(o, key) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_KeyError) {
                    errors::clear();
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// [`get_optional_item`] for a text key.
pub(crate) unsafe fn get_optional_item_str(o: *mut PyObject, key: &str) -> PyResult<Option<Owned>> {
    let k = unicodeobject::from_str(key)?;
    // SAFETY: per caller; `k` is ours.
    unsafe {
        let r = get_optional_item(o, k);
        decref(k);
        r
    }
}

/// `key in o` for a mapping (`PyMapping_HasKeyWithError`).
pub(crate) unsafe fn has_key(o: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    // SAFETY: per caller.
    unsafe {
        let v = get_optional_item(o, key)?;
        let found = v.is_some();
        if let Some(v) = v {
            decref(v);
        }
        Ok(found)
    }
}

/// `o[key] = value` for a text key (`PyMapping_SetItemString`).
pub(crate) unsafe fn set_item_str(o: *mut PyObject, key: &str, value: *mut PyObject) -> PyResult<()> {
    let k = unicodeobject::from_str(key)?;
    // SAFETY: per caller; `k` is ours.
    unsafe {
        let r = set_item(o, k, value);
        decref(k);
        r
    }
}

/// `list(o.keys())`, `list(o.values())` or `list(o.items())`: an exact dict's own lists
/// (`PyDict_Keys`, ...); any other object's method is called and its result listed
/// (CPython's `method_output_as_list`).
pub(crate) unsafe fn method_list(o: *mut PyObject, part: dictobject::Part) -> PyResult<Owned> {
    // SAFETY: per caller, a live object.
    unsafe {
        if dictobject::check_exact(o) {
            return dictobject::to_list(o, part);
        }
        let method = match part {
            dictobject::Part::Keys => "keys",
            dictobject::Part::Values => "values",
            dictobject::Part::Items => "items",
        };
        let out = super::super::attr::call_method(o, method, &[])?;
        let it = super::get_iter(out);
        let it = match it {
            Ok(it) => it,
            Err(e) => {
                if errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                    errors::clear();
                    let msg = format!(
                        "{}.{method}() returned a non-iterable (type {})",
                        super::tname(type_of(o), 200),
                        super::oname(out, 200)
                    );
                    decref(out);
                    return Err(errors::type_error(&msg));
                }
                decref(out);
                return Err(e);
            }
        };
        decref(out);
        let list = crate::capi::abstract_::sequence::PySequence_List(it);
        decref(it);
        if list.is_null() {
            Err(PyErr)
        } else {
            Ok(list)
        }
    }
}
