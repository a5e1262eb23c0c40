//! Text to `int`: `PyLong_FromString` (a C string, with its `pend` rules),
//! `PyLong_FromUnicodeObject`, `int(bytes)`, and `int()` itself (`tp_new` and
//! `PyNumber_Long`'s conversions).

use std::ptr::null_mut;

use super::super::bigint::{invalid_literal_message, BigInt, BigIntError};
use super::super::{bytesobject, floatrepr};
use super::*;

/// CPython only applies `sys.int_max_str_digits` above this many digits
/// (`_PY_LONG_MAX_STR_DIGITS_THRESHOLD`).
const MAX_STR_DIGITS_THRESHOLD: usize = 640;

/// `Py_ISSPACE`: ASCII whitespace.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `_PyLong_DigitValue`: 0-9, a-z/A-Z as 10-35, anything else 37.
fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'a'..=b'z' => u32::from(c - b'a') + 10,
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 37,
    }
}

/// What `PyLong_FromString` did: the result, and where it stopped (`None` where CPython
/// leaves `*pend` untouched: a bad base, or the digit limit).
pub(crate) struct Parsed {
    pub(crate) result: PyResult<Owned>,
    pub(crate) end: Option<usize>,
}

/// `PyLong_FromString(s, &end, base)` on the bytes of a C string (up to its NUL).
pub(crate) fn from_c_str(s: &[u8], base: i32) -> Parsed {
    let fail = |e: PyErr| Parsed { result: Err(e), end: None };
    if (base != 0 && base < 2) || base > 36 {
        return fail(errors::value_error("int() arg 2 must be >= 2 and <= 36"));
    }
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut base = base as u32;
    let mut i = 0;
    while is_space(at(i)) {
        i += 1;
    }
    let mut neg = false;
    if at(i) == b'+' {
        i += 1;
    } else if at(i) == b'-' {
        neg = true;
        i += 1;
    }
    let mut error_if_nonzero = false;
    let p1 = at(i + 1).to_ascii_lowercase();
    if base == 0 {
        base = match (at(i), p1) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            // C-style octal ("010") is invalid, but zeros ("00") are fine.
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0' && matches!((base, p1), (16, b'x') | (8, b'o') | (2, b'b')) {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    let invalid = |base: u32, end: usize| Parsed { result: Err(invalid_literal(base, s)), end: Some(end) };

    // Digits and single underscores between them.
    let start = i;
    if at(start) == b'_' {
        return invalid(base, start);
    }
    let mut p = start;
    let mut ndigits = 0usize;
    let mut prev = 0u8;
    while digit_value(at(p)) < base || at(p) == b'_' {
        if at(p) == b'_' {
            if prev == b'_' {
                return invalid(base, p - 1);
            }
        } else {
            ndigits += 1;
        }
        prev = at(p);
        p += 1;
    }
    if prev == b'_' {
        return invalid(base, p - 1);
    }
    let end = p;
    if start == end {
        return invalid(base, end);
    }
    while p < s.len() && is_space(s[p]) {
        p += 1;
    }
    if p != s.len() {
        return invalid(base, p);
    }
    let max = max_str_digits();
    if !base.is_power_of_two() && ndigits > MAX_STR_DIGITS_THRESHOLD && max > 0 && ndigits > max {
        return fail(raise(BigIntError::ParseDigitLimit { limit: max, digits: ndigits }));
    }
    let value = digits_value(&s[start..end], base);
    if error_if_nonzero && !value.is_zero() {
        return invalid(0, p);
    }
    let value = if neg { value.neg() } else { value };
    Parsed { result: from_bigint_or_small(value), end: Some(p) }
}

/// The value of validated digits (and underscores) in `base`: in a `u64` while it fits,
/// through the engine's subquadratic parser beyond.
fn digits_value(text: &[u8], base: u32) -> Num {
    let mut v: u64 = 0;
    for &c in text {
        if c == b'_' {
            continue;
        }
        match v.checked_mul(u64::from(base)).and_then(|x| x.checked_add(u64::from(digit_value(c)))) {
            Some(x) => v = x,
            None => {
                let big = BigInt::from_ascii_radix(text, base, 0).expect("validated digits");
                return Num::Big(big);
            }
        }
    }
    Num::Small(v)
}

enum Num {
    Small(u64),
    Big(BigInt),
}

impl Num {
    fn is_zero(&self) -> bool {
        matches!(self, Num::Small(0))
    }

    fn neg(self) -> Num {
        match self {
            Num::Small(v) => match i64::try_from(v) {
                Ok(x) => Num::Big(BigInt::from(-x)),
                Err(_) => Num::Big(BigInt::from(v).neg()),
            },
            Num::Big(b) => Num::Big(b.neg()),
        }
    }
}

fn from_bigint_or_small(v: Num) -> PyResult<Owned> {
    match v {
        Num::Small(x) => from_u64(x),
        Num::Big(b) => from_bigint(&b),
    }
}

/// ValueError "invalid literal for int() with base B: '...'" quoting the C string's first
/// 200 bytes as a str. (CPython decodes them strictly and would raise UnicodeDecodeError
/// for invalid UTF-8 there; they are decoded with replacement characters here.)
fn invalid_literal(base: u32, s: &[u8]) -> PyErr {
    let text = String::from_utf8_lossy(&s[..s.len().min(200)]);
    errors::value_error(&invalid_literal_message(base, &floatrepr::str_repr(&text)))
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: ASCII as is, Unicode whitespace as a
/// space, Unicode decimal digits as ASCII digits; the first other character becomes `?`
/// and ends the text.
pub(crate) fn decimal_and_space_to_ascii(s: &str) -> std::borrow::Cow<'_, [u8]> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s.as_bytes());
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 127 {
            out.push(c as u8);
        } else if floatrepr::is_unicode_space(c) {
            out.push(b' ');
        } else if let Some(d) = floatrepr::unicode_decimal(c) {
            out.push(b'0' + d);
        } else {
            out.push(b'?');
            break;
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The bytes `PyLong_FromString` sees of a buffer: up to the first NUL.
fn c_string(b: &[u8]) -> &[u8] {
    &b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())]
}

/// `PyLong_FromUnicodeObject(u, base)`: the whole str must be the literal; the error
/// quotes `repr(u)` and the base as given.
///
/// # Safety
/// `u` is a str.
pub(crate) unsafe fn from_unicode(u: *mut PyObject, base: i32) -> PyResult<Owned> {
    // SAFETY: per caller.
    let text = unsafe { unicodeobject::as_str(u) };
    let ascii = decimal_and_space_to_ascii(text);
    let parsed = from_c_str(c_string(&ascii), base);
    match parsed.end {
        None => parsed.result,
        Some(end) if parsed.result.is_ok() && end == ascii.len() => parsed.result,
        Some(_) => {
            if let Ok(r) = parsed.result {
                // SAFETY: owned.
                unsafe { decref(r) };
            }
            errors::clear();
            // SAFETY: `u` is live.
            let repr = unsafe { errors::repr_lossy(u) };
            Err(errors::value_error(&invalid_literal_message(base as u32, &repr)))
        }
    }
}

/// `_PyLong_FromBytes`: `int(b, base)` for bytes; the error quotes the bytes' repr.
pub(crate) fn from_bytes_literal(b: &[u8], base: i32) -> PyResult<Owned> {
    let parsed = from_c_str(c_string(b), base);
    match parsed.end {
        None => parsed.result,
        Some(end) if parsed.result.is_ok() && end == b.len() => parsed.result,
        Some(_) => {
            if let Ok(r) = parsed.result {
                // SAFETY: owned.
                unsafe { decref(r) };
            }
            errors::clear();
            let repr = floatrepr::bytes_repr(&b[..b.len().min(200)]);
            Err(errors::value_error(&invalid_literal_message(base as u32, &repr)))
        }
    }
}

/// `int(x, base)` once the arguments are unpacked (CPython's `long_new_impl`).
unsafe fn long_new_impl(tp: *mut PyTypeObject, x: *mut PyObject, obase: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, live objects or NULL.
    unsafe {
        if tp != &raw mut PyLong_Type {
            return subtype_new(tp, x, obase);
        }
        if x.is_null() {
            if !obase.is_null() {
                return Err(errors::type_error("int() missing string argument"));
            }
            return from_i64(0);
        }
        if obase.is_null() {
            return abstract_::number::long(x);
        }
        // PyNumber_AsSsize_t(obase, NULL): out-of-range values clip, then fail the check.
        let base = abstract_::number::as_ssize_t(obase, null_mut())?;
        if (base != 0 && base < 2) || base > 36 {
            return Err(errors::value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let tp = type_of(x);
        if has_flag(tp, Py_TPFLAGS_UNICODE_SUBCLASS) {
            from_unicode(x, base as i32)
        } else if has_flag(tp, Py_TPFLAGS_BYTES_SUBCLASS) {
            from_bytes_literal(bytesobject::as_slice(x), base as i32)
        } else if bytearrayobject::check(x) {
            from_bytes_literal(bytearrayobject::as_slice(x), base as i32)
        } else {
            Err(errors::type_error("int() can't convert non-string with explicit base"))
        }
    }
}

/// `int` subclass instances: an int made as for `int`, copied into the subtype's own
/// allocation.
unsafe fn subtype_new(tp: *mut PyTypeObject, x: *mut PyObject, obase: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, `tp` is a subtype of int.
    unsafe {
        let tmp = long_new_impl(&raw mut PyLong_Type, x, obase)?;
        let n = ndigits(tmp).max(1);
        let alloc = (*tp).tp_alloc.unwrap_or(crate::capi::typeobject::PyType_GenericAlloc);
        let new = alloc(tp, n as Py_ssize_t);
        if new.is_null() {
            decref(tmp);
            return Err(PyErr);
        }
        (*(new as *mut PyLongObject)).long_value.lv_tag = (*(tmp as *mut PyLongObject)).long_value.lv_tag;
        std::ptr::copy_nonoverlapping(digit_ptr(tmp), digit_ptr(new), n);
        decref(tmp);
        Ok(new)
    }
}

/// `int.__new__` (`tp_new`): `int()`, `int(x)`, `int(x, base)`, `int(x, base=b)`, with
/// the argument errors of CPython 3.13's `long_new` (Argument Clinic: `x` positional-only,
/// `base` positional or keyword).
pub(super) unsafe extern "C" fn long_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: tp_new is called with a type, a tuple (or NULL) and NULL or a mapping.
    unsafe {
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        let nk = if kwds.is_null() {
            0
        } else {
            match abstract_::length(kwds) {
                Ok(nk) => nk,
                Err(_) => return null_mut(),
            }
        };
        if n + nk > 2 {
            let kw = if n == 0 { "keyword " } else { "" };
            errors::type_error(&format!("int() takes at most 2 {kw}arguments ({} given)", n + nk));
            return null_mut();
        }
        let arg = |i: Py_ssize_t| if i < n { tupleobject::get_item(args, i) } else { null_mut() };
        if nk == 0 {
            return long_new_impl(tp, arg(0), arg(1)).unwrap_or(null_mut());
        }
        let Ok(mut kw) = exceptions::kwargs::parse("int", kwds, &["base"]) else { return null_mut() };
        let base = kw.pop().flatten();
        let r = if base.is_some() && n >= 2 {
            Err(errors::type_error("argument for int() given by name ('base') and position (2)"))
        } else {
            long_new_impl(tp, arg(0), base.unwrap_or(arg(1)))
        };
        xdecref(base.unwrap_or(null_mut()));
        r.unwrap_or(null_mut())
    }
}
