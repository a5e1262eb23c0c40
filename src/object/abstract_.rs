//! The object protocol (CPython's `object.c` and `abstract.c` object parts): `repr()`,
//! `str()`, `ascii()`, `bytes()`, hashing, rich comparison, truth, `len()`, subscription,
//! iteration, and `Py_ReprEnter`. The number, sequence and mapping protocols and
//! `isinstance`/`issubclass` are the submodules.
//!
//! `dir()` and `cls[key]` use the attribute machinery (`attr`: `__dir__`,
//! `__class_getitem__`); other special methods looked up by name (`__bytes__`,
//! `__length_hint__`) are not consulted yet: each place says what it does.

use std::ffi::c_int;
use std::ptr::null_mut;

use super::*;
use crate::abi::{Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};

pub(crate) mod isinstance;
pub(crate) mod iter;
pub(crate) mod mapping;
pub(crate) mod number;
pub(crate) mod sequence;

#[cfg(test)]
mod tests;

pub(crate) use iter::Iter;

/// The type's number slots, if it has any.
#[inline]
pub(crate) unsafe fn nb<'a>(op: *mut PyObject) -> Option<&'a PyNumberMethods> {
    // SAFETY: per caller, a live object; slot suites live as long as their type.
    unsafe { (*type_of(op)).tp_as_number.as_ref() }
}

/// The type's sequence slots, if it has any.
#[inline]
pub(crate) unsafe fn sq<'a>(op: *mut PyObject) -> Option<&'a PySequenceMethods> {
    // SAFETY: per caller.
    unsafe { (*type_of(op)).tp_as_sequence.as_ref() }
}

/// The type's mapping slots, if it has any.
#[inline]
pub(crate) unsafe fn mp<'a>(op: *mut PyObject) -> Option<&'a PyMappingMethods> {
    // SAFETY: per caller.
    unsafe { (*type_of(op)).tp_as_mapping.as_ref() }
}

/// `tp_name` cut to `n` bytes, as CPython's `%.<n>s` does in its messages (a cut inside a
/// character shows as U+FFFD, as there).
pub(crate) unsafe fn tname(tp: *mut PyTypeObject, n: usize) -> String {
    // SAFETY: per caller, a live type.
    unsafe {
        let p = (*tp).tp_name;
        if p.is_null() {
            return "?".into();
        }
        let b = std::ffi::CStr::from_ptr(p).to_bytes();
        String::from_utf8_lossy(&b[..b.len().min(n)]).into_owned()
    }
}

/// [`tname`] of an object's type.
#[inline]
pub(crate) unsafe fn oname(op: *mut PyObject, n: usize) -> String {
    // SAFETY: per caller.
    unsafe { tname(type_of(op), n) }
}

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
            let e =
                errors::type_error(&format!("{what} returned non-string (type {})", type_name(type_of(r))));
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

/// CPython's `_PyArg_NoKeywords`: TypeError "F() takes no keyword arguments" when `kwds`
/// is a non-empty mapping (NULL and empty are fine).
pub(crate) unsafe fn no_keywords(func: &str, kwds: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, NULL or a live mapping.
    if !kwds.is_null() && !unsafe { is_empty_mapping(kwds) } {
        return Err(errors::type_error(&format!("{func}() takes no keyword arguments")));
    }
    Ok(())
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
            None if !has_flag(tp, Py_TPFLAGS_READY) => {
                // CPython readies a type on its first hash, then uses what it inherited.
                typeobject::ready(tp)?;
                match (*tp).tp_hash {
                    Some(_) => hash(op),
                    None => Err(hash_not_implemented(op)),
                }
            }
            None => Err(hash_not_implemented(op)),
        }
    }
}

/// `PyObject_HashNotImplemented`: the `TypeError` of an unhashable object.
pub(crate) unsafe fn hash_not_implemented(op: *mut PyObject) -> PyErr {
    // SAFETY: per caller.
    errors::type_error(&format!("unhashable type: '{}'", unsafe { oname(op, 200) }))
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
        // The exact builtin sized types: what their length slots say, without the call.
        if tp == &raw mut unicodeobject::PyUnicode_Type {
            return Ok(unicodeobject::length(op) != 0);
        }
        if tp == &raw mut tupleobject::PyTuple_Type {
            return Ok(tupleobject::size(op) != 0);
        }
        if tp == &raw mut listobject::PyList_Type {
            return Ok(listobject::size(op) != 0);
        }
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
            (if mp.is_null() { None } else { (*mp).mp_length }).or(if sq.is_null() {
                None
            } else {
                (*sq).sq_length
            })
        }?;
        let n = f(op);
        Some(if n < 0 { Err(PyErr) } else { Ok(n) })
    }
}

/// `len(op)` (`PyObject_Size`): `sq_length` first, then `mp_length` (CPython's order;
/// truth testing asks the mapping first).
pub(crate) unsafe fn length(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        let sq = (*type_of(op)).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_length {
                let n = f(op);
                return if n < 0 { Err(PyErr) } else { Ok(n) };
            }
        }
        mapping::size(op)
    }
}

/// Whether the type answers `len()` (CPython's `_PyObject_HasLen`).
pub(crate) unsafe fn has_len(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        let (sq, mp) = ((*tp).tp_as_sequence, (*tp).tp_as_mapping);
        (!sq.is_null() && (*sq).sq_length.is_some()) || (!mp.is_null() && (*mp).mp_length.is_some())
    }
}

/// `PyObject_LengthHint`: `len(op)` if it has one, else `default`. (`__length_hint__` is
/// a special method, looked up once attribute lookup exists.)
pub(crate) unsafe fn length_hint(op: *mut PyObject, default: Py_ssize_t) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        if has_len(op) {
            match length(op) {
                Ok(n) => return Ok(n),
                Err(e) => {
                    if !errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
    }
    Ok(default)
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
                        oname(it, 100)
                    ));
                    decref(it);
                    return Err(e);
                }
                Ok(it)
            }
            None if iterobject::sequence_check(op) => iterobject::seq_iter_new(op),
            None => Err(errors::type_error(&format!("'{}' object is not iterable", tname(tp, 200)))),
        }
    }
}

/// `next(it)`: `Ok(Some(item))`, `Ok(None)` when exhausted (a `StopIteration` is
/// swallowed), or `Err` with an exception set.
pub(crate) unsafe fn iter_next(it: *mut PyObject) -> PyResult<Option<Owned>> {
    // SAFETY: per caller, `it` is an iterator.
    unsafe {
        let Some(f) = (*type_of(it)).tp_iternext else {
            return Err(errors::type_error(&format!(
                "'{}' object is not an iterator",
                type_name(type_of(it))
            )));
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

/// `PyIter_Check`: the type has `tp_iternext`.
pub(crate) unsafe fn iter_check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { (*type_of(op)).tp_iternext.is_some() }
}

/// `PyAIter_Check`: the type has `am_anext`.
pub(crate) unsafe fn aiter_check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        let am = (*type_of(op)).tp_as_async;
        !am.is_null() && (*am).am_anext.is_some()
    }
}

/// `aiter(op)` (`PyObject_GetAIter`): `am_aiter`, whose result must be an async iterator.
pub(crate) unsafe fn get_aiter(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let am = (*type_of(op)).tp_as_async;
        let f = if am.is_null() { None } else { (*am).am_aiter };
        let Some(f) = f else {
            return Err(errors::type_error(&format!("'{}' object is not an async iterable", oname(op, 200))));
        };
        let it = f(op);
        if it.is_null() {
            return Err(PyErr);
        }
        if !aiter_check(it) {
            let e = errors::type_error(&format!(
                "aiter() returned not an async iterator of type '{}'",
                oname(it, 100)
            ));
            decref(it);
            return Err(e);
        }
        Ok(it)
    }
}

/// `PyCallable_Check`: the type has `tp_call`.
pub(crate) unsafe fn callable_check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { (*type_of(op)).tp_call.is_some() }
}

/// `ascii(op)`: the repr with every non-ASCII character escaped as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN` (CPython's `backslashreplace`).
pub(crate) unsafe fn ascii(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let r = repr(op)?;
        if unicodeobject::is_ascii(r) {
            return Ok(r);
        }
        let text = escape_non_ascii(unicodeobject::as_str(r));
        decref(r);
        unicodeobject::from_str(&text)
    }
}

pub(crate) fn escape_non_ascii(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        let v = c as u32;
        // Writing to a String cannot fail.
        let _ = match v {
            0..=0x7f => {
                out.push(c);
                Ok(())
            }
            0x80..=0xff => write!(out, "\\x{v:02x}"),
            0x100..=0xffff => write!(out, "\\u{v:04x}"),
            _ => write!(out, "\\U{v:08x}"),
        };
    }
    out
}

/// `bytes(op)` (`PyObject_Bytes`): a `bytes` is itself; otherwise CPython's
/// `PyBytes_FromObject`: the buffer, a list or tuple of ints, or any iterable of ints.
/// (`__bytes__` is a special method: looked up once attribute lookup exists.)
pub(crate) unsafe fn bytes(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let tp = type_of(op);
        if tp == &raw mut bytesobject::PyBytes_Type {
            return Ok(new_ref(op));
        }
        if has_flag(tp, Py_TPFLAGS_BYTES_SUBCLASS) {
            // What its buffer would give (the core `bytes` has no buffer slot yet).
            return bytesobject::from_slice(bytesobject::as_slice(op));
        }
        let bp = (*tp).tp_as_buffer;
        if !bp.is_null() && (*bp).bf_getbuffer.is_some() {
            return bytes_from_buffer(op);
        }
        let mut data = Vec::new();
        if !typeobject::type_check(op, &raw mut unicodeobject::PyUnicode_Type) {
            match Iter::new(op) {
                Ok(mut it) => {
                    while let Some(item) = it.next()? {
                        let v = number::as_ssize_t(item, null_mut());
                        decref(item);
                        let v = v?;
                        if !(0..256).contains(&v) {
                            return Err(errors::value_error("bytes must be in range(0, 256)"));
                        }
                        data.push(v as u8);
                    }
                    return bytesobject::from_slice(&data);
                }
                Err(e) => {
                    if !errors::matches(&raw mut exceptions::_PyExc_TypeError) {
                        return Err(e);
                    }
                    errors::clear();
                }
            }
        }
        Err(errors::type_error(&format!("cannot convert '{}' object to bytes", tname(tp, 200))))
    }
}

/// A copy of the object's buffer as `bytes` (contiguous and one-dimensional strided buffers;
/// general N-dimensional copies come with the buffer protocol's `PyBuffer_ToContiguous`).
unsafe fn bytes_from_buffer(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, the type has `bf_getbuffer`; the view is released below.
    unsafe {
        let mut view: Py_buffer = std::mem::zeroed();
        let get = (*(*type_of(op)).tp_as_buffer).bf_getbuffer.expect("checked by the caller");
        if get(op, &mut view, PyBUF_FULL_RO) != 0 {
            return Err(PyErr);
        }
        let len = view.len.max(0) as usize;
        let contiguous = view.suboffsets.is_null()
            && (view.strides.is_null()
                || view.ndim == 0
                || (view.ndim == 1 && *view.strides == view.itemsize));
        let r = if len == 0 || contiguous {
            bytesobject::from_slice(if len == 0 {
                &[]
            } else {
                std::slice::from_raw_parts(view.buf as *const u8, len)
            })
        } else if view.ndim == 1 && view.suboffsets.is_null() {
            let (n, item, stride) = (*view.shape, view.itemsize as usize, *view.strides);
            let mut data = Vec::with_capacity(len);
            for i in 0..n {
                let p = (view.buf as *const u8).offset(i * stride);
                data.extend_from_slice(std::slice::from_raw_parts(p, item));
            }
            bytesobject::from_slice(&data)
        } else {
            Err(errors::buffer_error(
                "bytes() of a multi-dimensional non-contiguous buffer is not supported yet",
            ))
        };
        release_buffer(&mut view);
        r
    }
}

/// `PyBuffer_Release`: the exporter's `bf_releasebuffer`, then its reference.
pub(crate) unsafe fn release_buffer(view: &mut Py_buffer) {
    let obj = std::mem::replace(&mut view.obj, null_mut());
    if obj.is_null() {
        return;
    }
    // SAFETY: the view was filled by `obj`'s `bf_getbuffer`, which took this reference.
    unsafe {
        let bp = (*type_of(obj)).tp_as_buffer;
        if !bp.is_null() {
            if let Some(rel) = (*bp).bf_releasebuffer {
                rel(obj, view);
            }
        }
        decref(obj);
    }
}

/// `dir(op)`: `type(op).__dir__(op)` as a sorted list. `dir()` of no object lists the
/// current frame's names: with no Python frame (there is no eval loop yet) that is CPython's
/// `SystemError: frame does not exist`.
pub(crate) unsafe fn dir(op: *mut PyObject) -> PyResult<Owned> {
    if op.is_null() {
        return Err(errors::system_error("frame does not exist"));
    }
    // SAFETY: per caller, a live object.
    unsafe { super::attr::dir(op) }
}

/// `o[key]` (`PyObject_GetItem`): `mp_subscript`, else `sq_item` with the key converted by
/// `__index__`; a type is subscriptable only through `__class_getitem__`.
pub(crate) unsafe fn get_item(o: *mut PyObject, key: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live objects.
    unsafe {
        let tp = type_of(o);
        let mp = (*tp).tp_as_mapping;
        if !mp.is_null() {
            if let Some(f) = (*mp).mp_subscript {
                let r = f(o, key);
                return if r.is_null() { Err(PyErr) } else { Ok(r) };
            }
        }
        let sq = (*tp).tp_as_sequence;
        if !sq.is_null() && (*sq).sq_item.is_some() {
            if number::index_check(key) {
                let i = number::as_ssize_t(key, (&raw mut exceptions::_PyExc_IndexError).cast())?;
                return sequence::get_item(o, i);
            }
            return Err(errors::type_error(&format!(
                "sequence index must be integer, not '{}'",
                oname(key, 200)
            )));
        }
        if has_flag(tp, Py_TPFLAGS_TYPE_SUBCLASS) {
            return class_getitem(o as *mut PyTypeObject, key);
        }
        Err(errors::type_error(&format!("'{}' object is not subscriptable", tname(tp, 200))))
    }
}

/// `cls[key]` for a type: its `__class_getitem__` called with `key`. `type[...]` (a
/// `types.GenericAlias`) is not supported yet (no such type): `NotImplementedError`.
unsafe fn class_getitem(cls: *mut PyTypeObject, key: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a type.
    unsafe {
        if cls == &raw mut typeobject::PyType_Type {
            return Err(errors::not_implemented_error("type[...] (types.GenericAlias) is not supported yet"));
        }
        let name = unicodeobject::intern::intern_str("__class_getitem__")?;
        let meth = super::attr::get_optional_attr(cls.cast(), name);
        decref(name);
        if let Some(m) = meth? {
            if m != singletons::none() {
                let r = super::call::vectorcall(m, &key, 1, null_mut());
                decref(m);
                return if r.is_null() { Err(PyErr) } else { Ok(r) };
            }
            decref(m);
        }
        Err(errors::type_error(&format!("type '{}' is not subscriptable", tname(cls, 200))))
    }
}

/// `o[key] = value`, or `del o[key]` when `value` is NULL (`PyObject_SetItem`/`DelItem`).
pub(crate) unsafe fn set_item(o: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller, live objects (`value` may be NULL).
    unsafe {
        let tp = type_of(o);
        let mp = (*tp).tp_as_mapping;
        if !mp.is_null() {
            if let Some(f) = (*mp).mp_ass_subscript {
                return if f(o, key, value) < 0 { Err(PyErr) } else { Ok(()) };
            }
        }
        let sq = (*tp).tp_as_sequence;
        if !sq.is_null() {
            if number::index_check(key) {
                let i = number::as_ssize_t(key, (&raw mut exceptions::_PyExc_IndexError).cast())?;
                return sequence::set_item(o, i, value, value.is_null());
            }
            if (*sq).sq_ass_item.is_some() {
                return Err(errors::type_error(&format!(
                    "sequence index must be integer, not '{}'",
                    oname(key, 200)
                )));
            }
        }
        let what = if value.is_null() { "deletion" } else { "assignment" };
        Err(errors::type_error(&format!("'{}' object does not support item {what}", tname(tp, 200))))
    }
}

/// `PyObject_Print`: writes `repr(op)` (or `str(op)` with `Py_PRINT_RAW`) to `fp` as UTF-8;
/// NULL prints `<nil>`.
pub(crate) unsafe fn print(op: *mut PyObject, fp: *mut libc::FILE, flags: c_int) -> PyResult<()> {
    // SAFETY: per caller, `fp` is an open stream and `op` NULL or live.
    unsafe {
        libc::clearerr(fp);
        if op.is_null() {
            libc::fputs(c"<nil>".as_ptr(), fp);
        } else if (*op).ob_refcnt <= 0 {
            let text = format!("<refcnt {} at {:p}>", (*op).ob_refcnt, op);
            libc::fwrite(text.as_ptr().cast(), 1, text.len(), fp);
        } else {
            let s = if flags & crate::abi::Py_PRINT_RAW != 0 { str(op)? } else { repr(op)? };
            let b = unicodeobject::as_bytes(s);
            libc::fwrite(b.as_ptr().cast(), 1, b.len(), fp);
            decref(s);
        }
        if libc::ferror(fp) != 0 {
            let errno = *libc::__errno_location();
            libc::clearerr(fp);
            return Err(exceptions::set_from_errno(
                &raw mut exceptions::_PyExc_OSError,
                errno,
                null_mut(),
                null_mut(),
            ));
        }
    }
    Ok(())
}
