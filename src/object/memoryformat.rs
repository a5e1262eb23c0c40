//! The item formats `memoryview` understands without the `struct` module: CPython's native
//! single-character formats (`get_native_fmtchar`), optionally prefixed with `@`. Items are
//! read into [`Scalar`]s, which compare as the Python objects they stand for would, and
//! written from Python objects with CPython's errors (`pack_single`).
//!
//! Reading into objects covers the integer formats, `?`, `c` and `P`; the float formats
//! `f`, `d`, `e` compare but are not turned into objects or written yet (there is no
//! `float` object to make or take): those raise CPython's NotImplementedError for
//! unsupported formats.

use super::*;

/// A native format character and its item size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Native {
    pub(crate) ch: u8,
    pub(crate) size: usize,
}

/// CPython's `get_native_fmtchar`: `"B"`, `"@i"`, ... → the character and its size.
pub(crate) fn native(fmt: &[u8]) -> Option<Native> {
    let f = fmt.strip_prefix(b"@").unwrap_or(fmt);
    let [ch] = f else { return None };
    use std::mem::size_of;
    let size = match ch {
        b'c' | b'b' | b'B' | b'?' => 1,
        b'h' | b'H' => size_of::<std::ffi::c_short>(),
        b'i' | b'I' => size_of::<std::ffi::c_int>(),
        b'l' | b'L' => size_of::<std::ffi::c_long>(),
        b'q' | b'Q' => size_of::<std::ffi::c_longlong>(),
        b'n' | b'N' => size_of::<isize>(),
        b'f' => 4,
        b'd' => 8,
        b'e' => 2,
        b'P' => size_of::<*const u8>(),
        _ => return None,
    };
    Some(Native { ch: *ch, size })
}

/// CPython's `adjust_fmt`: the one character of a format memoryview can index with, else
/// NotImplementedError "memoryview: unsupported format ...".
pub(crate) fn single_char(fmt: &[u8]) -> PyResult<u8> {
    let f = fmt.strip_prefix(b"@").unwrap_or(fmt);
    match f {
        [ch] => Ok(*ch),
        _ => Err(errors::not_implemented_error(&format!(
            "memoryview: unsupported format {}",
            String::from_utf8_lossy(fmt)
        ))),
    }
}

/// [`single_char`] of a view's format (NULL meaning `"B"`), reading only the characters it
/// needs.
///
/// # Safety
/// `format` is NULL or NUL-terminated.
#[inline]
pub(crate) unsafe fn view_char(format: *const std::ffi::c_char) -> PyResult<u8> {
    if format.is_null() {
        return Ok(b'B');
    }
    // SAFETY: per caller, NUL-terminated: each byte read comes before or at the NUL.
    unsafe {
        let f = format.cast::<u8>();
        let f = if *f == b'@' { f.add(1) } else { f };
        if *f != 0 && *f.add(1) == 0 {
            return Ok(*f);
        }
        not_single(format)
    }
}

#[cold]
unsafe fn not_single(format: *const std::ffi::c_char) -> PyResult<u8> {
    // SAFETY: per caller, NUL-terminated.
    single_char(unsafe { std::ffi::CStr::from_ptr(format) }.to_bytes())
}

/// CPython's text for a format it cannot unpack into an object.
pub(crate) fn unsupported(ch: u8) -> PyErr {
    errors::not_implemented_error(&format!("memoryview: format {} not supported", ch as char))
}

/// An item's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Scalar {
    Int(i128),
    Float(f64),
    Bool(bool),
    /// A `c` item: a one-byte `bytes`.
    Char(u8),
}

/// Reads the item at `p` as format character `ch` (native byte order, unaligned).
///
/// # Safety
/// `p` is readable for the format's size.
#[inline]
pub(crate) unsafe fn unpack(ch: u8, p: *const u8) -> Option<Scalar> {
    use std::ffi::{c_int, c_long, c_short};
    use std::ptr::read_unaligned as rd;
    // SAFETY: per caller.
    unsafe {
        Some(match ch {
            b'B' => Scalar::Int(i128::from(*p)),
            b'b' => Scalar::Int(i128::from(*p as i8)),
            b'c' => Scalar::Char(*p),
            b'?' => Scalar::Bool(*p != 0),
            b'h' => Scalar::Int(i128::from(rd(p as *const c_short))),
            b'H' => Scalar::Int(i128::from(rd(p as *const c_short) as u16)),
            b'i' => Scalar::Int(i128::from(rd(p as *const c_int))),
            b'I' => Scalar::Int(i128::from(rd(p as *const c_int) as u32)),
            b'l' | b'q' | b'n' => Scalar::Int(i128::from(rd(p as *const c_long))),
            b'L' | b'Q' | b'N' | b'P' => Scalar::Int(i128::from(rd(p as *const c_long) as u64)),
            b'f' => Scalar::Float(f64::from(rd(p as *const f32))),
            b'd' => Scalar::Float(rd(p as *const f64)),
            b'e' => Scalar::Float(half_to_f64(rd(p as *const u16))),
            _ => return None,
        })
    }
}

/// IEEE 754 binary16 to double (exact).
pub(crate) fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1f);
    let frac = f64::from(h & 0x3ff);
    let mag = match exp {
        0 => frac * 2f64.powi(-24),
        0x1f if frac == 0.0 => f64::INFINITY,
        0x1f => f64::NAN,
        _ => (1.0 + frac / 1024.0) * 2f64.powi(exp - 15),
    };
    sign * mag
}

/// `a == b` for the Python objects two items stand for: ints, bools and floats compare by
/// value (exactly, NaN unequal to everything), a `c` item only equals a `c` item.
pub(crate) fn scalar_eq(a: Scalar, b: Scalar) -> bool {
    use Scalar::*;
    let num = |s: Scalar| match s {
        Bool(x) => Some(Int(i128::from(x))),
        Int(_) | Float(_) => Some(s),
        Char(_) => None,
    };
    match (a, b) {
        (Char(x), Char(y)) => x == y,
        _ => match (num(a), num(b)) {
            (Some(Int(x)), Some(Int(y))) => x == y,
            (Some(Float(x)), Some(Float(y))) => x == y,
            (Some(Int(i)), Some(Float(f))) | (Some(Float(f)), Some(Int(i))) => int_eq_float(i, f),
            _ => false,
        },
    }
}

/// Exact int/float equality (Python never rounds the int).
fn int_eq_float(i: i128, f: f64) -> bool {
    // 2^127 is the first float outside i128; finite integral floats below it convert exactly.
    f.is_finite() && f.fract() == 0.0 && f.abs() < 1.7014118346046923e38 && f as i128 == i
}

/// The Python object for an item (a new reference).
#[inline]
pub(crate) fn to_object(ch: u8, s: Scalar) -> PyResult<Owned> {
    match s {
        Scalar::Int(v) => int_from_i128(v),
        Scalar::Bool(b) => Ok(longobject::from_bool(b)),
        Scalar::Char(c) => Ok(bytesobject::character(c)),
        Scalar::Float(_) => Err(unsupported(ch)),
    }
}

/// A new `int` for any value an item can hold (up to 64 bits unsigned).
#[inline]
pub(crate) fn int_from_i128(v: i128) -> PyResult<Owned> {
    if let Ok(small) = i64::try_from(v) {
        return longobject::from_i64(small);
    }
    let mut mag = v.unsigned_abs();
    let mut digits = [0 as digit; 5];
    let mut n = 0;
    while mag != 0 {
        digits[n] = (mag as u32) & longobject::MASK;
        mag >>= longobject::SHIFT;
        n += 1;
    }
    let op = longobject::alloc(&raw mut longobject::PyLong_Type, n)?;
    // SAFETY: a fresh int with room for `n` digits.
    unsafe {
        let d = (&raw mut (*op).long_value.ob_digit) as *mut digit;
        std::ptr::copy_nonoverlapping(digits.as_ptr(), d, n);
        longobject::set_sign_and_size(op, if v < 0 { -1 } else { 1 }, n);
    }
    Ok(op.cast())
}

/// CPython's `type_error_int`.
fn invalid_type(ch: u8) -> PyErr {
    errors::type_error(&format!("memoryview: invalid type for format '{}'", ch as char))
}

/// CPython's `value_error_int`.
fn invalid_value(ch: u8) -> PyErr {
    errors::value_error(&format!("memoryview: invalid value for format '{}'", ch as char))
}

/// The bytes of `value` as an item of format `ch` (`pack_single`): CPython's TypeError for
/// a value of the wrong kind, ValueError for one out of the format's range.
pub(crate) unsafe fn pack(ch: u8, value: *mut PyObject) -> PyResult<[u8; 8]> {
    let mut out = [0u8; 8];
    let int_range = |lo: i128, hi: i128, size: usize, out: &mut [u8; 8]| -> PyResult<()> {
        // SAFETY: per caller, `value` is live.
        let v = match unsafe { bytes_methods::index_i128(value) } {
            Ok(v) => v,
            Err(e) => {
                // SAFETY: the exception just set.
                return Err(if unsafe { errors::matches(&raw mut exceptions::_PyExc_TypeError) } {
                    invalid_type(ch)
                } else {
                    e
                });
            }
        };
        if v < lo || v > hi {
            return Err(invalid_value(ch));
        }
        // Every accepted value fits 64 bits; keep the low `size` bytes in native order.
        let b = (v as u64).to_ne_bytes();
        let low = if cfg!(target_endian = "little") { &b[..size] } else { &b[8 - size..] };
        out[..size].copy_from_slice(low);
        Ok(())
    };
    let fmt = native(&[ch]).ok_or_else(|| unsupported(ch))?;
    let bits = (fmt.size * 8) as u32;
    match ch {
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => {
            let half = 1i128 << (bits - 1);
            int_range(-half, half - 1, fmt.size, &mut out)?;
        }
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' => int_range(0, (1i128 << bits) - 1, fmt.size, &mut out)?,
        // PyLong_AsVoidPtr takes C long and unsigned long values alike.
        b'P' => int_range(-(1i128 << (bits - 1)), (1i128 << bits) - 1, fmt.size, &mut out)?,
        b'?' => {
            // SAFETY: per caller, live.
            out[0] = unsafe { abstract_::is_true(value) }? as u8;
        }
        b'c' => {
            // SAFETY: per caller, live.
            unsafe {
                if !bytesobject::check(value) {
                    return Err(invalid_type(ch));
                }
                match bytesobject::as_slice(value) {
                    [b] => out[0] = *b,
                    _ => return Err(invalid_value(ch)),
                }
            }
        }
        _ => return Err(unsupported(ch)),
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_formats() {
        assert_eq!(native(b"B"), Some(Native { ch: b'B', size: 1 }));
        assert_eq!(native(b"@i"), Some(Native { ch: b'i', size: 4 }));
        assert_eq!(native(b"<i"), None);
        assert_eq!(native(b"2B"), None);
        assert_eq!(native(b""), None);
        assert_eq!(native(b"e").map(|n| n.size), Some(2));
    }

    #[test]
    fn items_unpack_natively() {
        let v: i16 = -2;
        assert_eq!(unsafe { unpack(b'h', v.to_ne_bytes().as_ptr()) }, Some(Scalar::Int(-2)));
        assert_eq!(unsafe { unpack(b'H', v.to_ne_bytes().as_ptr()) }, Some(Scalar::Int(65534)));
        let q: u64 = u64::MAX;
        assert_eq!(unsafe { unpack(b'Q', q.to_ne_bytes().as_ptr()) }, Some(Scalar::Int(u64::MAX as i128)));
        assert_eq!(unsafe { unpack(b'b', [0xffu8].as_ptr()) }, Some(Scalar::Int(-1)));
        assert_eq!(unsafe { unpack(b'x', [0u8].as_ptr()) }, None);
    }

    #[test]
    fn half_floats() {
        assert_eq!(half_to_f64(0x3c00), 1.0);
        assert_eq!(half_to_f64(0xc000), -2.0);
        assert_eq!(half_to_f64(0x7bff), 65504.0);
        assert_eq!(half_to_f64(0x0001), 2f64.powi(-24));
        assert!(half_to_f64(0x7e00).is_nan());
        assert_eq!(half_to_f64(0xfc00), f64::NEG_INFINITY);
    }

    #[test]
    fn scalars_compare_like_python_objects() {
        use Scalar::*;
        assert!(scalar_eq(Int(1), Bool(true)));
        assert!(scalar_eq(Int(3), Float(3.0)));
        assert!(!scalar_eq(Int(3), Float(3.5)));
        assert!(!scalar_eq(Float(f64::NAN), Float(f64::NAN)));
        assert!(!scalar_eq(Char(97), Int(97)));
        assert!(scalar_eq(Char(97), Char(97)));
        assert!(!scalar_eq(Int(i128::MAX), Float(f64::INFINITY)));
    }
}
