//! The `dict` type object and its slots: repr, comparison, the mapping and sequence
//! protocols, `|` and `|=`, iteration, construction.
//!
//! Not yet: `__missing__` for subclasses (needs attribute lookup), the Python-level methods
//! and views (`d.keys()` ...; they come with method objects), cyclic GC support.

use std::ffi::{c_int, c_ulong};
use std::ptr::null_mut;

use super::table::{dict, keys_of};
use super::*;
use crate::abi::{
    _Py_TPFLAGS_MATCH_SELF, PyMappingMethods, PyNumberMethods, PySequenceMethods, Py_EQ, Py_NE,
    Py_TPFLAGS_BASETYPE, Py_TPFLAGS_DICT_SUBCLASS, Py_TPFLAGS_MAPPING,
};

static DICT_AS_MAPPING: ReadOnly<PyMappingMethods> = ReadOnly(PyMappingMethods {
    mp_length: Some(dict_length),
    mp_subscript: Some(dict_subscript),
    mp_ass_subscript: Some(dict_ass_subscript),
});

static DICT_AS_SEQUENCE: ReadOnly<PySequenceMethods> = ReadOnly(PySequenceMethods {
    sq_length: None,
    sq_concat: None,
    sq_repeat: None,
    sq_item: None,
    was_sq_slice: null_mut(),
    sq_ass_item: None,
    was_sq_ass_slice: null_mut(),
    sq_contains: Some(dict_contains),
    sq_inplace_concat: None,
    sq_inplace_repeat: None,
});

static DICT_AS_NUMBER: ReadOnly<PyNumberMethods> = ReadOnly(PyNumberMethods {
    nb_or: Some(dict_or),
    nb_inplace_or: Some(dict_ior),
    ..singletons::NUMBER_TEMPLATE
});

/// `dict`. Unhashable: `tp_hash` stays empty, which `abstract_::hash` reports as
/// `TypeError: unhashable type: 'dict'`.
#[unsafe(no_mangle)]
pub static mut PyDict_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"dict".as_ptr(),
    tp_basicsize: std::mem::size_of::<crate::abi::PyDictObject>() as Py_ssize_t,
    tp_dealloc: Some(dict_dealloc),
    tp_repr: Some(dict_repr),
    tp_as_number: DICT_AS_NUMBER.as_mut_ptr(),
    tp_as_sequence: DICT_AS_SEQUENCE.as_mut_ptr(),
    tp_as_mapping: DICT_AS_MAPPING.as_mut_ptr(),
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_DICT_SUBCLASS
        | _Py_TPFLAGS_MATCH_SELF
        | Py_TPFLAGS_MAPPING as c_ulong,
    tp_traverse: Some(dict_traverse),
    tp_clear: Some(dict_tp_clear),
    tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
    tp_doc: c"dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)".as_ptr(),
    tp_richcompare: Some(dict_richcompare),
    tp_iter: Some(dict_iter),
    tp_init: Some(dict_init),
    tp_new: Some(dict_new),
    ..TYPE_TEMPLATE
};

unsafe extern "C" fn dict_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a dict with no references left.
    unsafe {
        gc::untrack_known(op);
        let k = keys_of(op);
        dict(op).ma_keys = table::empty_keys().cast();
        dict(op).ma_used = 0;
        drop_table(k);
        if check_exact(op) {
            gc::free_object(op);
        } else {
            typeobject::object_dealloc(op);
        }
    }
}

/// `tp_traverse`: every key and value.
unsafe extern "C" fn dict_traverse(
    op: *mut PyObject,
    visit: crate::abi::visitproc,
    arg: *mut std::ffi::c_void,
) -> c_int {
    // SAFETY: called by the collector (or C) with a dict; live entries hold references.
    unsafe {
        let mut pos = 0;
        while let Some((ix, e)) = table::next_entry(op, pos) {
            gc::py_visit!(e.key, visit, arg);
            gc::py_visit!(e.value, visit, arg);
            pos = ix + 1;
        }
    }
    0
}

/// `tp_clear`: empties the dict.
unsafe extern "C" fn dict_tp_clear(op: *mut PyObject) -> c_int {
    // SAFETY: called by the collector with a dict.
    unsafe { clear(op) };
    0
}

/// `{k!r: v!r, ...}`; `{...}` for a dict already being printed on this thread.
unsafe extern "C" fn dict_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a dict.
    unsafe { repr(op).unwrap_or(null_mut()) }
}

unsafe fn repr(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: forwarded.
    reprenter::guarded(op, "{...}", || unsafe { repr_body(op) })
}

unsafe fn repr_body(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: a dict; key and value are held across their reprs, which may change it.
    unsafe {
        if size(op) == 0 {
            return unicodeobject::from_str("{}");
        }
        let mut out = String::from("{");
        let mut pos = 0;
        let mut first = true;
        while let Some((k, v)) = next(op, &mut pos) {
            if !first {
                out.push_str(", ");
            }
            first = false;
            incref(k);
            incref(v);
            let r = append_repr(&mut out, k).and_then(|()| {
                out.push_str(": ");
                append_repr(&mut out, v)
            });
            decref(k);
            decref(v);
            r?;
        }
        out.push('}');
        unicodeobject::from_str(&out)
    }
}

/// Appends `repr(op)` to `out`.
pub(crate) unsafe fn append_repr(out: &mut String, op: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, live; the repr is a fresh str.
    unsafe {
        let r = abstract_::repr(op)?;
        out.push_str(unicodeobject::as_str(r));
        decref(r);
    }
    Ok(())
}

/// `==` and `!=` between dicts; anything else is NotImplemented.
unsafe extern "C" fn dict_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
    // SAFETY: called through tp_richcompare with live objects.
    unsafe {
        if !check(v) || !check(w) || (op != Py_EQ && op != Py_NE) {
            return new_ref(singletons::not_implemented());
        }
        match equal(v, w) {
            Ok(eq) => longobject::from_bool(eq == (op == Py_EQ)),
            Err(_) => null_mut(),
        }
    }
}

unsafe extern "C" fn dict_length(op: *mut PyObject) -> Py_ssize_t {
    // SAFETY: called through mp_length with a dict.
    unsafe { size(op) }
}

/// `d[key]`: `KeyError(key)` if absent.
unsafe extern "C" fn dict_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through mp_subscript with a dict and a live key.
    unsafe {
        match get(op, key) {
            Ok(Some(v)) => new_ref(v),
            Ok(None) => {
                errors::key_error(key);
                null_mut()
            }
            Err(_) => null_mut(),
        }
    }
}

/// `d[key] = value`, or `del d[key]` when `value` is NULL.
unsafe extern "C" fn dict_ass_subscript(
    op: *mut PyObject,
    key: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    // SAFETY: called through mp_ass_subscript with a dict and live objects.
    let r = unsafe {
        if value.is_null() {
            del(op, key)
        } else {
            set(op, key, value)
        }
    };
    if r.is_ok() {
        0
    } else {
        -1
    }
}

unsafe extern "C" fn dict_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    // SAFETY: called through sq_contains with a dict.
    match unsafe { contains(op, key) } {
        Ok(b) => c_int::from(b),
        Err(_) => -1,
    }
}

/// `a | b` (PEP 584): a new dict with `b`'s items over `a`'s; both must be dicts.
unsafe extern "C" fn dict_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through nb_or with live objects.
    unsafe {
        if !check(a) || !check(b) {
            return new_ref(singletons::not_implemented());
        }
        let Ok(new) = copy(a) else { return null_mut() };
        if update_arg(new, b).is_err() {
            decref(new);
            return null_mut();
        }
        new
    }
}

/// `a |= b`: `b` may be any mapping or iterable of pairs, as for `dict.update`.
unsafe extern "C" fn dict_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through nb_inplace_or with a dict and a live object.
    unsafe {
        if update_arg(a, b).is_err() {
            return null_mut();
        }
        new_ref(a)
    }
}

unsafe extern "C" fn dict_iter(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_iter with a dict.
    unsafe { iter::new(op, iter::Kind::Keys).unwrap_or(null_mut()) }
}

/// `dict.__new__`: an empty instance (arguments are `__init__`'s business).
unsafe extern "C" fn dict_new(
    tp: *mut PyTypeObject,
    _args: *mut PyObject,
    _kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with a dict type.
    unsafe {
        let op = match (*tp).tp_alloc {
            Some(a) => a(tp, 0),
            None => typeobject::generic_alloc(tp, 0).unwrap_or(null_mut()),
        };
        if !op.is_null() {
            init_fields(op);
            if tp == &raw mut PyDict_Type {
                // As CPython: an exact dict starts untracked (see `new`).
                gc::untrack_known(op);
            }
        }
        op
    }
}

/// `dict.__init__(self, [arg], **kwds)`: `arg` is a mapping or an iterable of pairs.
unsafe extern "C" fn dict_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a dict, a tuple or NULL, a dict or NULL.
    unsafe {
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        if n > 1 {
            errors::type_error(&format!("dict expected at most 1 argument, got {n}"));
            return -1;
        }
        if n == 1 && update_arg(op, tupleobject::get_item(args, 0)).is_err() {
            return -1;
        }
        if !kwds.is_null() && merge(op, kwds, 1).is_err() {
            return -1;
        }
        0
    }
}
