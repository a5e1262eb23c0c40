//! `UnicodeEncodeError`, `UnicodeDecodeError`, `UnicodeTranslateError`
//! (`PyUnicodeErrorObject`): CPython 3.13's constructors, `str()` formats, and the C
//! accessors' semantics (`PyUnicodeDecodeError_GetStart` clamps into the object, ...).
//! (`UnicodeError` itself has `BaseException`'s layout, as in CPython.)

use std::ffi::c_int;

use super::*;

/// Which of the three an instance or accessor is about.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Encode,
    Decode,
    Translate,
}

impl Kind {
    pub(crate) fn type_object(self) -> *mut PyTypeObject {
        match self {
            Kind::Encode => &raw mut _PyExc_UnicodeEncodeError,
            Kind::Decode => &raw mut _PyExc_UnicodeDecodeError,
            Kind::Translate => &raw mut _PyExc_UnicodeTranslateError,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Encode => "UnicodeEncodeError",
            Kind::Decode => "UnicodeDecodeError",
            Kind::Translate => "UnicodeTranslateError",
        }
    }
}

macro_rules! layout {
    ($name:ident, $init:ident, $str:ident) => {
        pub(super) const $name: Layout = Layout {
            basicsize: size_of::<PyUnicodeErrorObject>(),
            new: Some(base_exception_new),
            init: Some($init),
            dealloc: Some(unicode_error_dealloc),
            str: Some($str),
        };
    };
}

layout!(ENCODE, encode_init, encode_str);
layout!(DECODE, decode_init, decode_str);
layout!(TRANSLATE, translate_init, translate_str);

#[inline]
unsafe fn ue<'a>(op: *mut PyObject) -> &'a mut PyUnicodeErrorObject {
    // SAFETY: per caller, an instance of one of the three.
    unsafe { &mut *(op as *mut PyUnicodeErrorObject) }
}

unsafe fn is_str(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { typeobject::type_check(op, &raw mut unicodeobject::PyUnicode_Type) }
}

/// `PyArg_ParseTuple`'s `U`: a `str`.
unsafe fn arg_str(op: *mut PyObject, i: usize) -> PyResult<*mut PyObject> {
    // SAFETY: per caller.
    unsafe {
        if is_str(op) {
            Ok(op)
        } else {
            Err(errors::type_error(&format!(
                "argument {i} must be str, not {}",
                short_type_name(type_of(op))
            )))
        }
    }
}

/// `PyArg_ParseTuple`'s `n`: `__index__` as `Py_ssize_t`.
unsafe fn arg_ssize(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        let v = abstract_::number::index_any(op)?;
        let r = longobject::as_i64(v);
        decref(v);
        r.map(|x| x as Py_ssize_t)
            .ok_or_else(|| errors::overflow_error("Python int too large to convert to C ssize_t"))
    }
}

/// Parses "UOnnU" (encode: "UUnnU", translate: "UnnU") and stores the fields.
unsafe fn init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject, kind: Kind) -> PyResult<()> {
    // SAFETY: per caller, an instance of `kind` and an argument tuple.
    unsafe {
        if base_exception_init(op, args, kwds) < 0 {
            return Err(PyErr);
        }
        let a = if args.is_null() { &[][..] } else { tupleobject::items(args) };
        let want = if kind == Kind::Translate { 4 } else { 5 };
        if a.len() != want {
            return Err(arity_error("function", "exactly", want, a.len()));
        }
        let (encoding, rest) =
            if kind == Kind::Translate { (None, a) } else { (Some(arg_str(a[0], 1)?), &a[1..]) };
        let base = if kind == Kind::Translate { 1 } else { 2 };
        let object = match kind {
            Kind::Decode => rest[0],
            _ => arg_str(rest[0], base)?,
        };
        let start = arg_ssize(rest[1])?;
        let end = arg_ssize(rest[2])?;
        let reason = arg_str(rest[3], base + 3)?;
        let object = if kind == Kind::Decode { bytes_arg(object)? } else { new_ref(object) };
        let e = ue(op);
        set_field(&mut e.encoding, encoding.map_or(null_mut(), |o| new_ref(o)));
        set_field(&mut e.object, object);
        e.start = start;
        e.end = end;
        set_field(&mut e.reason, new_ref(reason));
    }
    Ok(())
}

/// The `object` of a `UnicodeDecodeError`: `bytes`, or a copy of a buffer's bytes.
unsafe fn bytes_arg(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if has_flag(type_of(op), Py_TPFLAGS_BYTES_SUBCLASS) {
            return Ok(new_ref(op));
        }
        let bp = (*type_of(op)).tp_as_buffer;
        if bp.is_null() || (*bp).bf_getbuffer.is_none() {
            return Err(errors::type_error(&format!(
                "a bytes-like object is required, not '{}'",
                abstract_::oname(op, 100)
            )));
        }
        abstract_::bytes(op)
    }
}

unsafe extern "C" fn encode_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init.
    if unsafe { init(op, args, kwds, Kind::Encode) }.is_ok() {
        0
    } else {
        -1
    }
}

unsafe extern "C" fn decode_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init.
    if unsafe { init(op, args, kwds, Kind::Decode) }.is_ok() {
        0
    } else {
        -1
    }
}

unsafe extern "C" fn translate_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init.
    if unsafe { init(op, args, kwds, Kind::Translate) }.is_ok() {
        0
    } else {
        -1
    }
}

unsafe extern "C" fn unicode_error_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        let e = ue(op);
        for f in [&mut e.encoding, &mut e.object, &mut e.reason] {
            set_field(f, null_mut());
        }
        base_exception_dealloc(op);
    }
}

/// The character at code point index `i` of a `str`.
unsafe fn char_at(s: *mut PyObject, i: Py_ssize_t) -> Option<char> {
    // SAFETY: per caller, a str.
    unsafe { unicodeobject::as_str(s).chars().nth(usize::try_from(i).ok()?) }
}

fn char_escape(c: char) -> String {
    let v = c as u32;
    if v <= 0xff {
        format!("\\x{v:02x}")
    } else if v <= 0xffff {
        format!("\\u{v:04x}")
    } else {
        format!("\\U{v:08x}")
    }
}

unsafe fn message(op: *mut PyObject, kind: Kind) -> PyResult<Owned> {
    // SAFETY: per caller, an instance of `kind`.
    unsafe {
        let e = ue(op);
        if e.object.is_null() {
            // Not initialized (made by `__new__` alone).
            return unicodeobject::from_str("");
        }
        let reason = str_of(if e.reason.is_null() { singletons::none() } else { e.reason })?;
        let encoding = match kind {
            Kind::Translate => String::new(),
            _ => str_of(if e.encoding.is_null() { singletons::none() } else { e.encoding })?,
        };
        let (start, end) = (e.start, e.end);
        let text = match kind {
            Kind::Decode => {
                let data = if has_flag(type_of(e.object), Py_TPFLAGS_BYTES_SUBCLASS) {
                    bytesobject::as_slice(e.object)
                } else {
                    &[]
                };
                // CPython reads the byte without checking `start >= 0`; a negative start
                // takes the range form here.
                match usize::try_from(start).ok().filter(|&s| s < data.len() && end == start + 1) {
                    Some(s) => format!(
                        "'{encoding}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
                        data[s]
                    ),
                    None => format!(
                        "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
                        end - 1
                    ),
                }
            }
            Kind::Encode | Kind::Translate => {
                let single =
                    if is_str(e.object) && start < unicodeobject::length(e.object) && end == start + 1 {
                        char_at(e.object, start)
                    } else {
                        None
                    };
                match (kind, single) {
                    (Kind::Encode, Some(c)) => format!(
                        "'{encoding}' codec can't encode character '{}' in position {start}: {reason}",
                        char_escape(c)
                    ),
                    (Kind::Encode, None) => format!(
                        "'{encoding}' codec can't encode characters in position {start}-{}: {reason}",
                        end - 1
                    ),
                    (_, Some(c)) => format!(
                        "can't translate character '{}' in position {start}: {reason}",
                        char_escape(c)
                    ),
                    (_, None) => {
                        format!("can't translate characters in position {start}-{}: {reason}", end - 1)
                    }
                }
            }
        };
        unicodeobject::from_str(&text)
    }
}

unsafe extern "C" fn encode_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str.
    unsafe { message(op, Kind::Encode) }.unwrap_or(null_mut())
}

unsafe extern "C" fn decode_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str.
    unsafe { message(op, Kind::Decode) }.unwrap_or(null_mut())
}

unsafe extern "C" fn translate_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str.
    unsafe { message(op, Kind::Translate) }.unwrap_or(null_mut())
}

/// `UnicodeDecodeError(encoding, bytes(data), start, end, reason)`
/// (`PyUnicodeDecodeError_Create`).
pub(crate) fn decode_error_new(
    encoding: &str,
    data: &[u8],
    start: Py_ssize_t,
    end: Py_ssize_t,
    reason: &str,
) -> PyResult<Owned> {
    let parts = [
        unicodeobject::from_str(encoding),
        bytesobject::from_slice(data),
        longobject::from_i64(start as i64),
        longobject::from_i64(end as i64),
        unicodeobject::from_str(reason),
    ];
    let r = if parts.iter().all(|p| p.is_ok()) {
        let items: Vec<_> = parts.iter().map(|p| *p.as_ref().expect("checked")).collect();
        tupleobject::pack(&items)
    } else {
        Err(PyErr)
    };
    for p in parts.into_iter().flatten() {
        // SAFETY: ours.
        unsafe { decref(p) };
    }
    let args = r?;
    // SAFETY: a static exception type and a fresh tuple.
    unsafe {
        let e = call_type(Kind::Decode.type_object(), args);
        decref(args);
        e
    }
}

/// `UnicodeEncodeError(encoding, text, start, end, reason)`: `text` is the str (borrowed)
/// whose characters `start..end` could not be encoded.
pub(crate) fn encode_error_new(
    encoding: &str,
    text: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    reason: &str,
) -> PyResult<Owned> {
    // SAFETY: `text` is a live str; the tuple takes its own reference.
    unsafe { incref(text) };
    let parts = [
        unicodeobject::from_str(encoding),
        Ok(text),
        longobject::from_i64(start as i64),
        longobject::from_i64(end as i64),
        unicodeobject::from_str(reason),
    ];
    let r = if parts.iter().all(|p| p.is_ok()) {
        let items: Vec<_> = parts.iter().map(|p| *p.as_ref().expect("checked")).collect();
        tupleobject::pack(&items)
    } else {
        Err(PyErr)
    };
    for p in parts.into_iter().flatten() {
        // SAFETY: ours.
        unsafe { decref(p) };
    }
    let args = r?;
    // SAFETY: a static exception type and a fresh tuple.
    unsafe {
        let e = call_type(Kind::Encode.type_object(), args);
        decref(args);
        e
    }
}

/// Checks that `exc` is an instance of `kind`: CPython 3.13 reads the fields of whatever it
/// is given; here another object gets 3.14's `TypeError` ("expecting a UnicodeDecodeError
/// object, got ValueError").
pub(crate) unsafe fn check(exc: *mut PyObject, kind: Kind) -> PyResult<&'static mut PyUnicodeErrorObject> {
    // SAFETY: per caller, a live object.
    unsafe {
        if !typeobject::type_check(exc, kind.type_object()) {
            return Err(errors::type_error(&format!(
                "expecting a {} object, got {}",
                kind.name(),
                type_name(type_of(exc))
            )));
        }
        Ok(ue(exc))
    }
}

/// The `object` field: `bytes` for a decode error, `str` for the others (owned).
pub(crate) unsafe fn get_object(exc: *mut PyObject, kind: Kind) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let e = check(exc, kind)?;
        if kind == Kind::Decode {
            get_bytes(e.object, "object")
        } else {
            get_str(e.object, "object")
        }
    }
}

unsafe fn get_bytes(attr: *mut PyObject, name: &str) -> PyResult<Owned> {
    if attr.is_null() {
        return Err(errors::type_error(&format!("{name} attribute not set")));
    }
    // SAFETY: per caller, live.
    unsafe {
        if !has_flag(type_of(attr), Py_TPFLAGS_BYTES_SUBCLASS) {
            return Err(errors::type_error(&format!("{name} attribute must be bytes")));
        }
        Ok(new_ref(attr))
    }
}

pub(crate) unsafe fn get_str(attr: *mut PyObject, name: &str) -> PyResult<Owned> {
    if attr.is_null() {
        return Err(errors::type_error(&format!("{name} attribute not set")));
    }
    // SAFETY: per caller, live.
    unsafe {
        if !is_str(attr) {
            return Err(errors::type_error(&format!("{name} attribute must be unicode")));
        }
        Ok(new_ref(attr))
    }
}

/// The length of the `object` field in its units (bytes or code points).
unsafe fn object_len(exc: *mut PyObject, kind: Kind) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        let obj = get_object(exc, kind)?;
        let n = if kind == Kind::Decode {
            bytesobject::as_slice(obj).len() as Py_ssize_t
        } else {
            unicodeobject::length(obj)
        };
        decref(obj);
        Ok(n)
    }
}

/// `start`, clamped into `[0, len - 1]` (so -1 for an empty object), as CPython 3.13.
pub(crate) unsafe fn get_start(exc: *mut PyObject, kind: Kind) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        let size = object_len(exc, kind)?;
        let mut start = ue(exc).start;
        if start < 0 {
            start = 0;
        }
        if start >= size {
            start = size - 1;
        }
        Ok(start)
    }
}

/// `end`, clamped into `[1, len]` (so 0 for an empty object), as CPython 3.13.
pub(crate) unsafe fn get_end(exc: *mut PyObject, kind: Kind) -> PyResult<Py_ssize_t> {
    // SAFETY: per caller.
    unsafe {
        let size = object_len(exc, kind)?;
        let mut end = ue(exc).end;
        if end < 1 {
            end = 1;
        }
        if end > size {
            end = size;
        }
        Ok(end)
    }
}
