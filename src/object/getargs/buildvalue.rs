//! `Py_BuildValue`: objects from a format and C values, CPython 3.13's `Python/modsupport.c`
//! semantics and texts. `#` lengths are always `Py_ssize_t` (3.13 behaves as if
//! `PY_SSIZE_T_CLEAN` were always defined).
//!
//! `N` steals its reference, also when the call fails: after a failure the rest of the
//! enclosing container's units are still built (with the error put aside) and dropped, so
//! every `N` argument is consumed. A malformed format found by the initial count
//! ("unmatched paren in format") consumes nothing, as in CPython.

use std::ffi::{c_char, c_void};

use super::{CVaList, Fmt, VaArgs};
use crate::object::*;

/// `PyObject *(*)(void *)`: an `O&` converter of a building format.
type Builder = unsafe extern "C" fn(*mut c_void) -> *mut PyObject;

/// CPython's `countformat`: the number of items at this level up to `end`; SystemError
/// "unmatched paren in format" if the format ends first.
fn count(f: &Fmt, end: u8) -> PyResult<usize> {
    let mut g = *f;
    let mut n = 0;
    let mut level = 0i32;
    loop {
        let c = g.peek();
        if level <= 0 && c == end {
            return Ok(n);
        }
        match c {
            0 => return Err(errors::system_error("unmatched paren in format")),
            b'(' | b'[' | b'{' => {
                if level == 0 {
                    n += 1;
                }
                level += 1;
            }
            b')' | b']' | b'}' => level -= 1,
            b'#' | b'&' | b',' | b':' | b' ' | b'\t' => {}
            _ => {
                if level == 0 {
                    n += 1;
                }
            }
        }
        g.pos += 1;
    }
}

/// `Py_BuildValue(format, ...)`: None for an empty format, the object for one item, a
/// tuple for several.
///
/// # Safety
/// `va` holds the C values `format` names.
pub(crate) unsafe fn build(format: &[u8], va: &mut CVaList) -> PyResult<Owned> {
    let mut f = Fmt::new(format);
    let n = count(&f, 0)?;
    // SAFETY: per caller.
    unsafe {
        match n {
            0 => Ok(new_ref(singletons::none())),
            1 => value(&mut f, va),
            _ => container(&mut f, va, 0, n, Kind::Tuple),
        }
    }
}

/// The positional arguments a `PyObject_CallFunction` format makes (CPython's
/// `_PyObject_CallFunctionVa`).
pub(crate) enum CallArgs {
    /// No items (an empty format, or only separators).
    Nothing,
    /// One item that is not a tuple: the only argument (a new reference).
    One(Owned),
    /// A tuple whose items are the arguments (a new reference): several items, or one
    /// item that is itself a tuple (CPython's backward-compatible special case).
    Tuple(Owned),
}

/// Builds the arguments of `PyObject_CallFunction(callable, format, ...)`: the format's
/// top-level items, as CPython's `_Py_VaBuildStack` (every `N` is consumed, also on
/// failure; after the items only the format's end may follow: "Unmatched paren in
/// format").
///
/// # Safety
/// `va` holds the C values `format` names.
pub(crate) unsafe fn build_call_args(format: &[u8], va: &mut CVaList) -> PyResult<CallArgs> {
    let mut f = Fmt::new(format);
    let n = count(&f, 0)?;
    // SAFETY: per caller.
    unsafe {
        match n {
            0 => Ok(CallArgs::Nothing),
            1 => {
                let v = value(&mut f, va)?;
                skip_separators(&mut f);
                if f.peek() != 0 {
                    decref(v);
                    return Err(errors::system_error("Unmatched paren in format"));
                }
                if has_flag(type_of(v), Py_TPFLAGS_TUPLE_SUBCLASS) {
                    Ok(CallArgs::Tuple(v))
                } else {
                    Ok(CallArgs::One(v))
                }
            }
            _ => container(&mut f, va, 0, n, Kind::Tuple).map(CallArgs::Tuple),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tuple,
    List,
    Dict,
}

/// Builds the `n` remaining items of a failed container with the error put aside, and
/// drops them (so each `N` is consumed), then steps over `end`.
unsafe fn ignore(f: &mut Fmt, va: &mut CVaList, end: u8, n: usize) {
    for _ in 0..n {
        let saved = errors::take_raised();
        // SAFETY: per caller.
        unsafe {
            let w = value(f, va);
            errors::set_raised(saved);
            if let Ok(w) = w {
                decref(w);
            }
        }
    }
    skip_separators(f);
    if f.peek() != end {
        errors::system_error("Unmatched paren in format");
        return;
    }
    if end != 0 {
        f.pos += 1;
    }
}

/// A tuple, list or dict of the `n` items before `end`.
unsafe fn container(f: &mut Fmt, va: &mut CVaList, end: u8, n: usize, kind: Kind) -> PyResult<Owned> {
    // SAFETY: per caller; each item is a fresh reference the container takes.
    unsafe {
        if kind == Kind::Dict && n % 2 == 1 {
            errors::system_error("Bad dict format");
            ignore(f, va, end, n);
            return Err(PyErr);
        }
        let made = match kind {
            Kind::Tuple => tupleobject::new(n as Py_ssize_t),
            Kind::List => listobject::new(n as Py_ssize_t),
            Kind::Dict => dictobject::new(),
        };
        let Ok(c) = made else {
            ignore(f, va, end, n);
            return Err(PyErr);
        };
        let mut i = 0;
        while i < n {
            let w = match value(f, va) {
                Ok(w) => w,
                Err(_) => {
                    ignore(f, va, end, n - i - 1);
                    decref(c);
                    return Err(PyErr);
                }
            };
            match kind {
                Kind::Tuple => tupleobject::set_item(c, i as Py_ssize_t, w),
                Kind::List => (*(c as *mut PyListObject)).ob_item.add(i).write(w),
                Kind::Dict => {
                    let v = value(f, va);
                    let ok = match v {
                        Ok(v) => {
                            let r = dictobject::set(c, w, v);
                            decref(v);
                            r.is_ok()
                        }
                        Err(_) => false,
                    };
                    decref(w);
                    if !ok {
                        ignore(f, va, end, n - i - 2);
                        decref(c);
                        return Err(PyErr);
                    }
                    i += 1;
                }
            }
            i += 1;
        }
        skip_separators(f);
        if f.peek() != end {
            decref(c);
            return Err(errors::system_error("Unmatched paren in format"));
        }
        if end != 0 {
            f.pos += 1;
        }
        Ok(c)
    }
}

/// Steps over the separators (`,` `:` space tab) that may follow a container's last
/// item, before its closing character.
fn skip_separators(f: &mut Fmt) {
    while matches!(f.peek(), b',' | b':' | b' ' | b'\t') {
        f.pos += 1;
    }
}

/// The `#` length after `s`, `y`, `u`, ... if there is one.
fn length(f: &mut Fmt, va: &mut CVaList) -> Option<Py_ssize_t> {
    if f.peek() == b'#' {
        f.pos += 1;
        Some(va.ssize())
    } else {
        None
    }
}

/// CPython's `do_mkvalue`: the object for the next unit (separators skipped).
unsafe fn value(f: &mut Fmt, va: &mut CVaList) -> PyResult<Owned> {
    loop {
        let c = f.next();
        // SAFETY: the C values are what the format names, per caller.
        unsafe {
            return match c {
                b'(' => {
                    let n = count(f, b')')?;
                    container(f, va, b')', n, Kind::Tuple)
                }
                b'[' => {
                    let n = count(f, b']')?;
                    container(f, va, b']', n, Kind::List)
                }
                b'{' => {
                    let n = count(f, b'}')?;
                    container(f, va, b'}', n, Kind::Dict)
                }
                b'b' | b'B' | b'h' | b'i' => longobject::from_i64(va.int() as i64),
                b'H' | b'I' => longobject::from_i64(va.uint() as i64),
                b'n' => longobject::from_i64(va.ssize() as i64),
                b'l' => longobject::from_i64(va.long()),
                b'k' => longobject::from_u64(va.ulong()),
                b'L' => longobject::from_i64(va.longlong()),
                b'K' => longobject::from_u64(va.ulonglong()),
                b'f' | b'd' => floatobject::from_f64(va.double()),
                b'D' => {
                    va.ptr();
                    Err(errors::not_implemented_error(
                        "complex numbers are not supported yet (format unit 'D'): there is no complex type",
                    ))
                }
                b'c' => {
                    let b = va.int() as u8;
                    bytesobject::from_slice(&[b])
                }
                b'C' => result(crate::capi::unicodeobject::PyUnicode_FromOrdinal(va.int())),
                b'u' => {
                    let w = va.ptr() as *const libc::wchar_t;
                    let n = length(f, va).unwrap_or(-1);
                    if w.is_null() {
                        Ok(new_ref(singletons::none()))
                    } else {
                        let n = if n < 0 { libc::wcslen(w) as Py_ssize_t } else { n };
                        result(crate::capi::unicodeobject::PyUnicode_FromWideChar(w, n))
                    }
                }
                b's' | b'z' | b'U' | b'y' => {
                    let s = va.ptr() as *const c_char;
                    let n = length(f, va).unwrap_or(-1);
                    if s.is_null() {
                        return Ok(new_ref(singletons::none()));
                    }
                    let n = if n < 0 { libc::strlen(s) as Py_ssize_t } else { n };
                    if c == b'y' {
                        result(crate::capi::bytesobject::PyBytes_FromStringAndSize(s, n))
                    } else {
                        result(crate::capi::unicodeobject::PyUnicode_FromStringAndSize(s, n))
                    }
                }
                b'N' | b'S' | b'O' => {
                    if f.peek() == b'&' {
                        let func = va.func();
                        let arg = va.ptr();
                        f.pos += 1;
                        let Some(func) = func else {
                            return Err(errors::bad_internal_call());
                        };
                        // SAFETY: C passed a `PyObject *(*)(void *)` for O&.
                        let func: Builder = std::mem::transmute::<unsafe extern "C" fn(), Builder>(func);
                        result(func(arg))
                    } else {
                        let v = va.ptr() as *mut PyObject;
                        if v.is_null() {
                            if errors::occurred().is_null() {
                                errors::system_error("NULL object passed to Py_BuildValue");
                            }
                            Err(PyErr)
                        } else {
                            if c != b'N' {
                                incref(v);
                            }
                            Ok(v)
                        }
                    }
                }
                b':' | b',' | b' ' | b'\t' => continue,
                _ => Err(errors::system_error("bad format char passed to Py_BuildValue")),
            };
        }
    }
}

/// A C API result: NULL means an exception is set.
fn result(p: *mut PyObject) -> PyResult<Owned> {
    if p.is_null() {
        Err(PyErr)
    } else {
        Ok(p)
    }
}
