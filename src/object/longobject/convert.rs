//! Conversions between `int` and C values (the `PyLong_As*` family, byte arrays, native
//! bytes), with CPython 3.13's rules for which functions call `__index__` and what each
//! raises.

use std::ptr::null_mut;

use super::super::bigint::BigInt;
use super::*;

/// An int to read: the argument itself (borrowed) or what `__index__` gave (owned,
/// released on drop).
pub(crate) struct IntArg {
    op: *mut PyObject,
    owned: bool,
}

impl IntArg {
    /// `op` if it is an int, else `op.__index__()` (`_PyNumber_Index`, with its
    /// `DeprecationWarning` for an `int` subclass result).
    ///
    /// # Safety
    /// `op` is a live object.
    pub(crate) unsafe fn index(op: *mut PyObject) -> PyResult<IntArg> {
        // SAFETY: per caller.
        unsafe {
            if check(op) {
                return Ok(IntArg { op, owned: false });
            }
            Ok(IntArg { op: abstract_::number::index_any(op)?, owned: true })
        }
    }

    /// `op`, which must be an int: TypeError "an integer is required" otherwise (the
    /// `PyLong_As*` functions that do not call `__index__`).
    ///
    /// # Safety
    /// `op` is a live object.
    pub(crate) unsafe fn exact(op: *mut PyObject) -> PyResult<IntArg> {
        // SAFETY: per caller.
        if unsafe { check(op) } {
            Ok(IntArg { op, owned: false })
        } else {
            Err(errors::type_error("an integer is required"))
        }
    }

    pub(crate) fn get(&self) -> *mut PyObject {
        self.op
    }
}

impl Drop for IntArg {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: we own this reference.
            unsafe { decref(self.op) };
        }
    }
}

/// The magnitude as `u128` when it has at most 4 digits (120 bits).
///
/// # Safety
/// `op` is an int.
unsafe fn mag_u128(op: *mut PyObject) -> Option<u128> {
    // SAFETY: per caller.
    let d = unsafe { digits(op) };
    if d.len() > 4 {
        return None;
    }
    Some(d.iter().rev().fold(0u128, |m, &x| (m << SHIFT) | u128::from(x)))
}

/// `PyLong_AsLongAndOverflow`'s core for an int: `Ok(v)` or `Err(sign)` of the overflow.
///
/// # Safety
/// `op` is an int.
pub(crate) unsafe fn to_i64(op: *mut PyObject) -> Result<i64, i32> {
    // SAFETY: per caller.
    unsafe { as_i64(op).ok_or_else(|| sign(op)) }
}

/// The value as `u64` for a nonnegative int, `None` if it does not fit.
///
/// # Safety
/// `op` is a nonnegative int.
pub(crate) unsafe fn to_u64(op: *mut PyObject) -> Option<u64> {
    // SAFETY: per caller.
    unsafe { mag_u128(op).and_then(|m| u64::try_from(m).ok()) }
}

/// The low 64 bits of the two's complement value (`PyLong_AsUnsignedLongLongMask`).
///
/// # Safety
/// `op` is an int.
pub(crate) unsafe fn low_u64(op: *mut PyObject) -> u64 {
    // SAFETY: per caller.
    unsafe {
        let lo = digits(op).iter().take(3).rev().fold(0u64, |m, &x| (m << SHIFT) | u64::from(x));
        if is_negative(op) {
            lo.wrapping_neg()
        } else {
            lo
        }
    }
}

/// `PyLong_AsDouble` for an int: correctly rounded; OverflowError "int too large to
/// convert to float".
///
/// # Safety
/// `op` is an int.
pub(crate) unsafe fn as_f64(op: *mut PyObject) -> PyResult<f64> {
    // SAFETY: per caller.
    unsafe {
        if let Some(x) = as_i64(op) {
            // `as` rounds to nearest, ties to even: what CPython's _PyLong_Frexp does.
            return Ok(x as f64);
        }
        to_bigint(op).to_f64().map_err(raise)
    }
}

/// Why [`to_byte_array`] failed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ByteArrayError {
    /// Negative value into an unsigned array; the buffer is untouched.
    Negative,
    /// Does not fit; the buffer holds the low bytes of the value all the same.
    Overflow,
}

impl ByteArrayError {
    /// Raises CPython's exception for it.
    pub(crate) fn raise(&self) -> PyErr {
        match self {
            ByteArrayError::Negative => errors::overflow_error("can't convert negative int to unsigned"),
            ByteArrayError::Overflow => errors::overflow_error("int too big to convert"),
        }
    }
}

/// `_PyLong_AsByteArray`: the low `out.len()` bytes of the value (two's complement when
/// `signed`), most significant last if `little_endian`, first otherwise. Every byte is
/// written even when the value does not fit (`PyLong_AsNativeBytes` relies on it).
///
/// # Safety
/// `op` is an int.
pub(crate) unsafe fn to_byte_array(
    op: *mut PyObject,
    out: &mut [u8],
    little_endian: bool,
    signed: bool,
) -> Result<(), ByteArrayError> {
    // SAFETY: per caller.
    let (d, neg) = unsafe { (digits(op), is_negative(op)) };
    if neg && !signed {
        return Err(ByteArrayError::Negative);
    }
    let n = out.len();
    let pos = |j: usize| if little_endian { j } else { n - 1 - j };
    let mut j = 0;
    let mut accum: u64 = 0;
    let mut accumbits = 0u32;
    let mut carry: u32 = u32::from(neg);
    for (i, &x) in d.iter().enumerate() {
        let mut this = x;
        if neg {
            this = (this ^ MASK) + carry;
            carry = this >> SHIFT;
            this &= MASK;
        }
        accum |= u64::from(this) << accumbits;
        if i == d.len() - 1 {
            // The top digit's sign bits need not be stored (one is added below).
            let s = if neg { this ^ MASK } else { this };
            accumbits += 32 - s.leading_zeros();
        } else {
            accumbits += SHIFT;
        }
        while accumbits >= 8 {
            if j >= n {
                return Err(ByteArrayError::Overflow);
            }
            out[pos(j)] = accum as u8;
            j += 1;
            accumbits -= 8;
            accum >>= 8;
        }
    }
    if accumbits > 0 {
        if j >= n {
            return Err(ByteArrayError::Overflow);
        }
        if neg {
            accum |= u64::MAX << accumbits;
        }
        out[pos(j)] = accum as u8;
        j += 1;
    } else if j == n && signed {
        // The digits filled the array exactly: the top bit must be the sign.
        let sign_bit = n > 0 && out[pos(n - 1)] >= 0x80;
        return if sign_bit == neg { Ok(()) } else { Err(ByteArrayError::Overflow) };
    }
    let fill = if neg { 0xff } else { 0 };
    while j < n {
        out[pos(j)] = fill;
        j += 1;
    }
    Ok(())
}

/// `_PyLong_FromByteArray`: the int the bytes spell (two's complement when `signed`).
pub(crate) fn from_byte_array(bytes: &[u8], little_endian: bool, signed: bool) -> PyResult<Owned> {
    if bytes.len() <= 8 {
        let mut buf = [0u8; 8];
        let n = bytes.len();
        for (i, b) in buf.iter_mut().enumerate().take(n) {
            *b = if little_endian { bytes[i] } else { bytes[n - 1 - i] };
        }
        let raw = u64::from_le_bytes(buf);
        if n == 0 {
            return from_i64(0);
        }
        let top = buf[n - 1];
        if signed && top >= 0x80 {
            let shift = 64 - 8 * n as u32;
            return from_i64(((raw << shift) as i64) >> shift);
        }
        return from_u64(raw);
    }
    from_bigint(&BigInt::from_bytes(bytes, little_endian, signed))
}

pub(crate) const NATIVE_LITTLE: bool = cfg!(target_endian = "little");

/// The endianness `Py_ASNATIVEBYTES_*` flags select (-1 and the native bit: native).
pub(crate) fn little_endian_flag(flags: i32) -> bool {
    if flags == -1 || flags & 2 != 0 {
        NATIVE_LITTLE
    } else {
        flags & 1 != 0
    }
}

/// Whether `v` is representable in `n` bits of two's complement (`_fits_in_n_bits`).
fn fits_in_n_bits(v: i64, n: u64) -> bool {
    if n >= 64 {
        return true;
    }
    let ext = v >> (n as u32 - 1);
    ext == 0 || ext == -1
}

/// `PyLong_AsNativeBytes` for an int: writes `buf` and returns the bytes needed (see the
/// C function's documentation for the edge cases, which follow CPython 3.13 exactly).
///
/// # Safety
/// `op` is an int.
pub(crate) unsafe fn as_native_bytes(op: *mut PyObject, buf: &mut [u8], flags: i32) -> PyResult<isize> {
    const UNSIGNED_BUFFER: i32 = 4;
    let little = little_endian_flag(flags);
    let unsigned_ok = flags == -1 || flags & UNSIGNED_BUFFER != 0;
    let n = buf.len();
    // SAFETY: per caller.
    unsafe {
        if is_compact(op) {
            let v = compact_value(op);
            let bytes = v.to_le_bytes();
            const W: usize = std::mem::size_of::<isize>();
            let mut res = W as isize;
            if n == 0 {
            } else if n <= W {
                for (i, &b) in bytes.iter().enumerate().take(n) {
                    buf[if little { i } else { n - 1 - i }] = b;
                }
                if fits_in_n_bits(v, n as u64 * 8) {
                    res = n as isize;
                } else if v > 0 && fits_in_n_bits(v, n as u64 * 8 + 1) {
                    res = if unsigned_ok { n as isize } else { n as isize + 1 };
                }
            } else {
                let fill = if v < 0 { 0xff } else { 0 };
                for i in 0..n {
                    let b = if i < W { bytes[i] } else { fill };
                    buf[if little { i } else { n - 1 - i }] = b;
                }
            }
            return Ok(res);
        }
        if n > 0 {
            // Only the bytes matter here; fitting is decided below.
            let _ = to_byte_array(op, buf, little, true);
        }
        let nb = num_bits(op);
        let mut res = (nb / 8) as isize + 1;
        if n > 0 && res == n as isize + 1 && nb % 8 == 0 {
            if is_negative(op) {
                // -0x80..00 using every bit needs no extra sign bit.
                let edge = buf.iter().enumerate().all(|(i, &b)| {
                    let top = if little { i == n - 1 } else { i == 0 };
                    b == if top { 0x80 } else { 0 }
                });
                if edge {
                    res = n as isize;
                }
            } else if buf[if little { n - 1 } else { 0 }] & 0x80 != 0 {
                res = if unsigned_ok { n as isize } else { n as isize + 1 };
            }
        }
        Ok(res)
    }
}

/// `PyLong_FromDouble`: truncation toward zero; ValueError for NaN, OverflowError for
/// infinities, with CPython's texts.
pub(crate) fn from_f64(x: f64) -> PyResult<Owned> {
    // Values within i64 convert directly (truncating), as CPython's fast path.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if x > -LIMIT && x < LIMIT {
        return from_i64(x as i64);
    }
    from_bigint(&BigInt::from_f64(x).map_err(raise)?)
}

/// NULL as the C functions' pointer error value.
#[inline]
pub(crate) fn or_null(r: PyResult<Owned>) -> *mut PyObject {
    r.unwrap_or(null_mut())
}
