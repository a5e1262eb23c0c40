//! `int`'s slots: arithmetic (`nb_*`), comparison, hash and repr, with CPython 3.13's
//! semantics and texts.
//!
//! Every binary slot returns NotImplemented unless both operands are ints (subclasses
//! included), and always returns an exact `int` (CPython: `pow(True, 1)` is `1`). Operands
//! that fit an `i64` are computed in `i128` without touching the arbitrary-precision engine.

use std::cmp::Ordering;
use std::ffi::c_int;
use std::ptr::null_mut;

use super::super::bigint::{BigInt, BigIntError, HASH_BITS, HASH_MODULUS};
use super::super::floatobject;
use super::*;
use crate::abi::{Py_EQ, Py_GE, Py_GT, Py_LE, Py_LT, Py_NE};

/// int's number suite (bool's starts from it).
pub(super) const LONG_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(long_add),
    nb_subtract: Some(long_sub),
    nb_multiply: Some(long_mul),
    nb_remainder: Some(long_mod),
    nb_divmod: Some(long_divmod),
    nb_power: Some(long_pow),
    nb_negative: Some(long_neg),
    nb_positive: Some(long_long_slot),
    nb_absolute: Some(long_abs),
    nb_bool: Some(long_bool),
    nb_invert: Some(long_invert),
    nb_lshift: Some(long_lshift),
    nb_rshift: Some(long_rshift),
    nb_and: Some(long_and),
    nb_xor: Some(long_xor),
    nb_or: Some(long_or),
    nb_int: Some(long_long_slot),
    nb_float: Some(long_float),
    nb_floor_divide: Some(long_floordiv),
    nb_true_divide: Some(long_truediv),
    nb_index: Some(long_long_slot),
    ..singletons::NUMBER_TEMPLATE
};

pub(crate) static LONG_AS_NUMBER: ReadOnly<PyNumberMethods> = ReadOnly(LONG_NUMBER);

#[inline]
fn out(r: PyResult<Owned>) -> *mut PyObject {
    r.unwrap_or(null_mut())
}

#[inline]
fn not_implemented() -> *mut PyObject {
    // SAFETY: NotImplemented is immortal.
    unsafe { new_ref(singletons::not_implemented()) }
}

/// The common shape of the binary slots: NotImplemented for non-ints, `fast` on two
/// `i64`s (it may decline with `None`), else `slow` on two `BigInt`s.
#[inline(always)]
unsafe fn binary(
    a: *mut PyObject,
    b: *mut PyObject,
    fast: impl FnOnce(i64, i64) -> Option<PyResult<Owned>>,
    slow: impl FnOnce(BigInt, BigInt) -> PyResult<Owned>,
) -> *mut PyObject {
    // SAFETY: slots are called with live objects.
    unsafe {
        if !check(a) || !check(b) {
            return not_implemented();
        }
        if let (Some(x), Some(y)) = (as_i64(a), as_i64(b)) {
            if let Some(r) = fast(x, y) {
                return out(r);
            }
        }
        out(slow(to_bigint(a), to_bigint(b)))
    }
}

fn big(r: Result<BigInt, BigIntError>) -> PyResult<Owned> {
    from_bigint(&r.map_err(raise)?)
}

/// `a + b` or `a - b`: `i128` for `i64` operands, else on the digits.
#[inline(always)]
unsafe fn add_sub(a: *mut PyObject, b: *mut PyObject, subtract: bool) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if !check(a) || !check(b) {
            return not_implemented();
        }
        if let (Some(x), Some(y)) = (as_i64(a), as_i64(b)) {
            let (x, y) = (i128::from(x), i128::from(y));
            return out(from_i128(if subtract { x - y } else { x + y }));
        }
        out(digitops::add(a, b, subtract))
    }
}

unsafe extern "C" fn long_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { add_sub(a, b, false) }
}

unsafe extern "C" fn long_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { add_sub(a, b, true) }
}

unsafe extern "C" fn long_mul(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if !check(a) || !check(b) {
            return not_implemented();
        }
        if let (Some(x), Some(y)) = (as_i64(a), as_i64(b)) {
            return out(from_i128(i128::from(x) * i128::from(y)));
        }
        if ndigits(a).max(ndigits(b)) <= digitops::MUL_DIGITS_MAX {
            return out(digitops::mul(a, b));
        }
        out(from_bigint(&to_bigint(a).mul(&to_bigint(b))))
    }
}

/// Floored quotient and remainder of two `i64`s (`y != 0`), in `i128` so that
/// `i64::MIN // -1` does not overflow.
#[inline]
fn floor_divmod(x: i64, y: i64) -> (i128, i128) {
    let (x, y) = (i128::from(x), i128::from(y));
    let (mut q, mut r) = (x / y, x % y);
    if r != 0 && ((r < 0) != (y < 0)) {
        q -= 1;
        r += y;
    }
    (q, r)
}

/// The ZeroDivisionError `//` and `divmod()` raise.
const DIV_BY_ZERO: &str = "integer division or modulo by zero";
const MOD_BY_ZERO: &str = "integer modulo by zero";

fn zero_division(msg: &str) -> PyErr {
    errors::zero_division_error(msg)
}

/// Maps the engine's ZeroDivision to the operator's own text.
fn div_err(msg: &'static str) -> impl Fn(BigIntError) -> PyErr {
    move |e| if e == BigIntError::ZeroDivision { zero_division(msg) } else { raise(e) }
}

unsafe extern "C" fn long_floordiv(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        binary(
            a,
            b,
            |x, y| {
                Some(if y == 0 { Err(zero_division(DIV_BY_ZERO)) } else { from_i128(floor_divmod(x, y).0) })
            },
            |x, y| from_bigint(&x.div_floor(&y).map_err(div_err(DIV_BY_ZERO))?),
        )
    }
}

unsafe extern "C" fn long_mod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        binary(
            a,
            b,
            |x, y| {
                Some(if y == 0 { Err(zero_division(MOD_BY_ZERO)) } else { from_i128(floor_divmod(x, y).1) })
            },
            |x, y| from_bigint(&x.mod_floor(&y).map_err(div_err(MOD_BY_ZERO))?),
        )
    }
}

/// A new 2-tuple taking both (owned) items, which are released on failure.
fn pair(q: PyResult<Owned>, r: PyResult<Owned>) -> PyResult<Owned> {
    let (q, r) = match (q, r) {
        (Ok(q), Ok(r)) => (q, r),
        (q, r) => {
            // SAFETY: whichever was made is owned here.
            unsafe {
                xdecref(q.unwrap_or(null_mut()));
                xdecref(r.unwrap_or(null_mut()));
            }
            return Err(PyErr);
        }
    };
    match tupleobject::new(2) {
        Ok(t) => {
            // SAFETY: a fresh 2-tuple; set_item steals the references.
            unsafe {
                tupleobject::set_item(t, 0, q);
                tupleobject::set_item(t, 1, r);
            }
            Ok(t)
        }
        Err(e) => {
            // SAFETY: owned here.
            unsafe {
                decref(q);
                decref(r);
            }
            Err(e)
        }
    }
}

unsafe extern "C" fn long_divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        binary(
            a,
            b,
            |x, y| {
                Some(if y == 0 {
                    Err(zero_division(DIV_BY_ZERO))
                } else {
                    let (q, r) = floor_divmod(x, y);
                    pair(from_i128(q), from_i128(r))
                })
            },
            |x, y| {
                let (q, r) = x.divmod_floor(&y).map_err(div_err(DIV_BY_ZERO))?;
                pair(from_bigint(&q), from_bigint(&r))
            },
        )
    }
}

unsafe extern "C" fn long_truediv(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    const EXACT: u64 = 1 << f64::MANTISSA_DIGITS;
    // SAFETY: slot contract.
    unsafe {
        binary(
            a,
            b,
            |x, y| {
                if y == 0 {
                    return Some(Err(zero_division("division by zero")));
                }
                // Both exactly representable: one IEEE division rounds correctly.
                (x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT)
                    .then(|| floatobject::from_f64(x as f64 / y as f64))
            },
            |x, y| floatobject::from_f64(x.true_div(&y).map_err(div_err("division by zero"))?),
        )
    }
}

/// `x ** e` for `e >= 0` in `i128`, `None` on overflow.
fn pow_i128(x: i64, e: i64) -> Option<i128> {
    match x {
        0 => return Some(i128::from(e == 0)),
        1 => return Some(1),
        -1 => return Some(if e & 1 == 1 { -1 } else { 1 }),
        _ => {}
    }
    let e = u32::try_from(e).ok().filter(|&e| e < 128)?;
    i128::from(x).checked_pow(e)
}

/// `pow(x, e, m)` for `e >= 0`, `m != 0`, with CPython's sign rule (the result takes the
/// modulus's sign).
fn pow_mod_i64(x: i64, e: i64, m: i64) -> i128 {
    let mabs = u128::from(m.unsigned_abs());
    if mabs == 1 {
        return 0;
    }
    let mut base = i128::from(x).rem_euclid(mabs as i128) as u128;
    let mut e = e as u64;
    let mut r: u128 = 1;
    // mabs < 2^64, so every product below fits u128.
    while e > 0 {
        if e & 1 == 1 {
            r = r * base % mabs;
        }
        base = base * base % mabs;
        e >>= 1;
    }
    let r = r as i128;
    if m < 0 && r != 0 {
        r - mabs as i128
    } else {
        r
    }
}

/// `pow(v, w[, x])`. A negative exponent without modulus gives a float (float's `nb_power`
/// computes it), as CPython.
unsafe extern "C" fn long_pow(v: *mut PyObject, w: *mut PyObject, x: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract: live objects (`x` is None when there is no modulus).
    unsafe {
        if !check(v) || !check(w) {
            return not_implemented();
        }
        let modulus = if check(x) {
            Some(x)
        } else if x == singletons::none() {
            None
        } else {
            return not_implemented();
        };
        match modulus {
            None => {
                if is_negative(w) {
                    return floatobject::float_pow(v, w, x);
                }
                if let (Some(a), Some(e)) = (as_i64(v), as_i64(w)) {
                    if let Some(r) = pow_i128(a, e) {
                        return out(from_i128(r));
                    }
                }
                out(big(to_bigint(v).pow(&to_bigint(w))))
            }
            Some(c) => {
                if is_zero(c) {
                    return out(Err(errors::value_error("pow() 3rd argument cannot be 0")));
                }
                if let (Some(a), Some(e), Some(m)) = (as_i64(v), as_i64(w), as_i64(c)) {
                    if e >= 0 {
                        return out(from_i128(pow_mod_i64(a, e, m)));
                    }
                }
                out(big(to_bigint(v).pow_mod(&to_bigint(w), &to_bigint(c))))
            }
        }
    }
}

unsafe extern "C" fn long_neg(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract: `v` is an int.
    unsafe {
        match as_i64(v) {
            Some(x) => out(from_i128(-i128::from(x))),
            None => out(digitops::negate_or_abs(v, true)),
        }
    }
}

unsafe extern "C" fn long_abs(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if is_negative(v) {
            long_neg(v)
        } else {
            out(long_long(v))
        }
    }
}

/// `nb_positive`, `nb_int`, `nb_index`: the value as an exact `int`.
unsafe extern "C" fn long_long_slot(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    out(unsafe { long_long(v) })
}

unsafe extern "C" fn long_bool(v: *mut PyObject) -> c_int {
    // SAFETY: slot contract.
    c_int::from(unsafe { !is_zero(v) })
}

unsafe extern "C" fn long_invert(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        match as_i64(v) {
            Some(x) => out(from_i64(!x)),
            None => out(from_bigint(&to_bigint(v).invert())),
        }
    }
}

unsafe extern "C" fn long_float(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    out(unsafe { convert::as_f64(v) }.and_then(floatobject::from_f64))
}

/// The shift count of `b` (a nonnegative int), or `None` beyond `u64`.
unsafe fn shift_count(b: *mut PyObject) -> Option<u64> {
    // SAFETY: per caller, `b` is an int.
    unsafe {
        match as_i64(b) {
            Some(n) => Some(n as u64),
            None => to_bigint(b).to_u64(),
        }
    }
}

unsafe extern "C" fn long_lshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if !check(a) || !check(b) {
            return not_implemented();
        }
        if is_negative(b) {
            return out(Err(errors::value_error("negative shift count")));
        }
        if is_zero(a) {
            return out(from_i64(0));
        }
        // CPython raises MemoryError for counts it cannot even represent.
        let Some(n) = shift_count(b) else { return out(Err(errors::no_memory())) };
        if let Some(x) = as_i64(a) {
            if n < 64 {
                return out(from_i128(i128::from(x) << n));
            }
        }
        out(big(to_bigint(a).shl(n)))
    }
}

unsafe extern "C" fn long_rshift(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if !check(a) || !check(b) {
            return not_implemented();
        }
        if is_negative(b) {
            return out(Err(errors::value_error("negative shift count")));
        }
        if is_zero(a) {
            return out(from_i64(0));
        }
        let n = shift_count(b).unwrap_or(u64::MAX);
        if let Some(x) = as_i64(a) {
            return out(from_i64(x >> n.min(63)));
        }
        out(from_bigint(&to_bigint(a).shr(n)))
    }
}

pub(super) unsafe extern "C" fn long_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { binary(a, b, |x, y| Some(from_i64(x & y)), |x, y| from_bigint(&x.and(&y))) }
}

pub(super) unsafe extern "C" fn long_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { binary(a, b, |x, y| Some(from_i64(x ^ y)), |x, y| from_bigint(&x.xor(&y))) }
}

pub(super) unsafe extern "C" fn long_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { binary(a, b, |x, y| Some(from_i64(x | y)), |x, y| from_bigint(&x.or(&y))) }
}

/// `a` compared with `b`, both ints, on their digits (CPython's `long_compare`).
///
/// # Safety
/// Both are ints.
#[inline]
pub(crate) unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> Ordering {
    // SAFETY: per caller.
    unsafe {
        if is_compact(a) && is_compact(b) {
            return compact_value(a).cmp(&compact_value(b));
        }
        let sa = sign(a) as isize * ndigits(a) as isize;
        let sb = sign(b) as isize * ndigits(b) as isize;
        if sa != sb {
            return sa.cmp(&sb);
        }
        let mag = digits(a).iter().rev().cmp(digits(b).iter().rev());
        if is_negative(a) {
            mag.reverse()
        } else {
            mag
        }
    }
}

/// Whether `ord` satisfies the comparison `op` (`Py_LT`..`Py_GE`).
#[inline]
pub(crate) fn ordering_matches(ord: Ordering, op: c_int) -> bool {
    match op {
        Py_LT => ord == Ordering::Less,
        Py_LE => ord != Ordering::Greater,
        Py_EQ => ord == Ordering::Equal,
        Py_NE => ord != Ordering::Equal,
        Py_GT => ord == Ordering::Greater,
        _ => ord != Ordering::Less, // Py_GE
    }
}

/// `int`'s `tp_richcompare`: ints only (float's slot handles int operands).
pub(crate) unsafe extern "C" fn long_richcompare(
    a: *mut PyObject,
    b: *mut PyObject,
    op: c_int,
) -> *mut PyObject {
    if !(Py_LT..=Py_GE).contains(&op) {
        return out(Err(errors::bad_internal_call()));
    }
    // SAFETY: slot contract.
    unsafe {
        if !check(a) || !check(b) {
            return not_implemented();
        }
        let ord = if a == b { Ordering::Equal } else { compare(a, b) };
        from_bool(ordering_matches(ord, op))
    }
}

/// `hash(int)`: the value modulo 2**61 - 1 with the sign kept, -1 becoming -2; compact
/// values are their own hash (CPython's `long_hash`, digit by digit).
pub(crate) unsafe extern "C" fn long_hash(v: *mut PyObject) -> Py_hash_t {
    // SAFETY: slot contract.
    unsafe {
        if is_compact(v) {
            let x = compact_value(v) as Py_hash_t;
            return if x == -1 { -2 } else { x };
        }
        let mut x: u64 = 0;
        for &d in digits(v).iter().rev() {
            // x * 2^30 mod (2^61 - 1) is a rotation of x's 61 bits.
            x = ((x << SHIFT) & HASH_MODULUS) | (x >> (HASH_BITS - SHIFT));
            x += u64::from(d);
            if x >= HASH_MODULUS {
                x -= HASH_MODULUS;
            }
        }
        let h = if is_negative(v) { (x as i64).wrapping_neg() } else { x as i64 } as Py_hash_t;
        if h == -1 {
            -2
        } else {
            h
        }
    }
}

/// Decimal text of an `i64` without allocating on the heap.
fn i64_text(v: i64, buf: &mut [u8; 20]) -> &str {
    let mut m = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if v < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    std::str::from_utf8(&buf[i..]).expect("ASCII")
}

/// The decimal text of an int, subject to `sys.int_max_str_digits`.
///
/// # Safety
/// `v` is an int.
pub(crate) unsafe fn decimal_text(v: *mut PyObject) -> PyResult<String> {
    // SAFETY: per caller.
    unsafe {
        if let Some(x) = as_i64(v) {
            let mut buf = [0u8; 20];
            return Ok(i64_text(x, &mut buf).to_owned());
        }
        if ndigits(v) <= digitops::DECIMAL_DIGITS_MAX {
            return Ok(digitops::decimal(v));
        }
        to_bigint(v).repr(max_str_digits()).map_err(raise)
    }
}

/// `_PyLong_Format(v, base)`: the text of an int in base 10 ([`decimal_text`], subject to
/// `sys.int_max_str_digits`) or in base 2, 8 or 16 with CPython's `0b`/`0o`/`0x` prefix
/// after any sign (`bin()`, `oct()`, `hex()`; no digit limit).
///
/// # Safety
/// `v` is an int; `base` is 2, 8, 10 or 16.
pub(crate) unsafe fn format(v: *mut PyObject, base: u32) -> PyResult<String> {
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        // SAFETY: per caller.
        _ => return unsafe { decimal_text(v) },
    };
    // SAFETY: per caller.
    let (neg, body) = unsafe {
        match as_i64(v) {
            Some(x) => {
                let m = x.unsigned_abs();
                let body = match base {
                    2 => std::format!("{m:b}"),
                    8 => std::format!("{m:o}"),
                    _ => std::format!("{m:x}"),
                };
                (x < 0, body)
            }
            None => {
                let big = to_bigint(v).abs();
                (is_negative(v), big.to_str_radix(base, 0).map_err(raise)?)
            }
        }
    };
    Ok([if neg { "-" } else { "" }, prefix, &body].concat())
}

/// `repr(int)` and `str(int)`.
pub(crate) unsafe extern "C" fn long_repr(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if let Some(x) = as_i64(v) {
            let mut buf = [0u8; 20];
            return out(unicodeobject::from_str(i64_text(x, &mut buf)));
        }
        out(decimal_text(v).and_then(|s| unicodeobject::from_str(&s)))
    }
}
