//! `int` and `bool`, laid out as CPython 3.12+'s `PyLongObject`: `lv_tag` holds the digit
//! count shifted left by 3 and the sign in the low 2 bits (0 positive, 1 zero, 2 negative);
//! 30-bit digits follow, least significant first. Values of at most one digit are
//! "compact", the fast path everywhere.
//!
//! Small ints (-5..=256), `True` and `False` are static and immortal, shared by every
//! interpreter.
//!
//! Arithmetic has three tiers. Operands that fit an `i64` (at most three digits) are
//! computed in `i64`/`i128` and never leave the object layer: creating, hashing and
//! comparing such ints costs no allocation beyond the result. Hashing, comparison,
//! addition, subtraction, negation, small products and decimal text of larger ints work on
//! the 30-bit digits directly (`digitops`), as CPython does. Everything else crosses into
//! the arbitrary-precision engine ([`BigInt`]): [`to_bigint`] and [`from_bigint`] convert
//! between the digits and the engine's 64-bit limbs in linear time.
//!
//! The slots are in `ops` (arithmetic, comparison, hash, repr), `boolobj` (bool's), the
//! C-level conversions in `convert`, text to int and `int.__new__` in `parse`. `__index__`,
//! `int(x)` and `float(x)` are the number protocol's (`abstract_::number::index_any`,
//! `long`, `float`), which `int.__new__`, `float.__new__` and the `PyLong_As*` functions
//! call.

use std::mem::offset_of;

use super::bigint::{BigInt, BigIntError, ErrorKind};
use super::*;

mod boolobj;
pub(crate) mod convert;
mod digitops;
mod ops;
pub(crate) mod parse;
#[cfg(test)]
mod tests;

pub(crate) use boolobj::BOOL_AS_NUMBER;
pub(crate) use convert::as_f64;
pub(crate) use ops::{decimal_text, format, ordering_matches, LONG_AS_NUMBER};

pub(crate) const SHIFT: u32 = PyLong_SHIFT as u32;
pub(crate) const MASK: u32 = (1 << SHIFT) - 1;
const SIGN_ZERO: usize = 1;
const SIGN_NEGATIVE: usize = 2;
const SIGN_MASK: usize = 3;
const NON_SIZE_BITS: u32 = 3;

/// Small ints kept as immortal statics: -5..=256, as CPython's.
pub(crate) const SMALL_MIN: i64 = -5;
pub(crate) const SMALL_MAX: i64 = 256;
const SMALL_COUNT: usize = (SMALL_MAX - SMALL_MIN + 1) as usize;

/// `sys.int_info.default_max_str_digits`. One place to read it, so a per-interpreter
/// `sys.set_int_max_str_digits` can replace it later.
#[inline]
pub(crate) fn max_str_digits() -> usize {
    super::bigint::DEFAULT_MAX_STR_DIGITS
}

const LONG_BASICSIZE: Py_ssize_t =
    offset_of!(PyLongObject, long_value) as Py_ssize_t + offset_of!(_PyLongValue, ob_digit) as Py_ssize_t;

/// `int`.
#[unsafe(no_mangle)]
pub static mut PyLong_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"int".as_ptr(),
    tp_basicsize: LONG_BASICSIZE,
    tp_itemsize: std::mem::size_of::<digit>() as Py_ssize_t,
    tp_dealloc: Some(long_dealloc),
    // tp_str stays empty, as in CPython: str() falls back to repr, and bool inherits it.
    tp_repr: Some(ops::long_repr),
    tp_as_number: LONG_AS_NUMBER.as_mut_ptr(),
    tp_hash: Some(ops::long_hash),
    tp_flags: Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_LONG_SUBCLASS
        | Py_TPFLAGS_IMMUTABLETYPE
        | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"int([x]) -> integer\nint(x, base=10) -> integer".as_ptr(),
    tp_richcompare: Some(ops::long_richcompare),
    tp_new: Some(parse::long_new),
    ..TYPE_TEMPLATE
};

/// `bool`: a subclass of `int` with two instances; not subclassable.
#[unsafe(no_mangle)]
pub static mut PyBool_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"bool".as_ptr(),
    tp_basicsize: LONG_BASICSIZE,
    tp_itemsize: std::mem::size_of::<digit>() as Py_ssize_t,
    tp_dealloc: Some(singletons::immortal_dealloc),
    tp_repr: Some(boolobj::bool_repr),
    tp_as_number: BOOL_AS_NUMBER.as_mut_ptr(),
    tp_hash: Some(ops::long_hash),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_LONG_SUBCLASS,
    tp_doc: c"Returns True when the argument is true, False otherwise.".as_ptr(),
    tp_richcompare: Some(ops::long_richcompare),
    tp_base: &raw mut PyLong_Type,
    tp_new: Some(boolobj::bool_new),
    ..TYPE_TEMPLATE
};

/// `False`.
#[unsafe(no_mangle)]
pub static mut _Py_FalseStruct: PyLongObject = compact_static(&raw mut PyBool_Type, 0);

/// `True`.
#[unsafe(no_mangle)]
pub static mut _Py_TrueStruct: PyLongObject = compact_static(&raw mut PyBool_Type, 1);

/// -5..=256, immortal and shared.
static mut SMALL_INTS: [PyLongObject; SMALL_COUNT] = small_ints(&raw mut PyLong_Type);

const fn compact_static(tp: *mut PyTypeObject, v: i64) -> PyLongObject {
    let (tag, d) = if v == 0 {
        (SIGN_ZERO, 0)
    } else if v < 0 {
        ((1 << NON_SIZE_BITS) | SIGN_NEGATIVE, v.unsigned_abs() as u32)
    } else {
        (1 << NON_SIZE_BITS, v as u32)
    };
    PyLongObject { ob_base: static_head(tp), long_value: _PyLongValue { lv_tag: tag, ob_digit: [d] } }
}

const fn small_ints(tp: *mut PyTypeObject) -> [PyLongObject; SMALL_COUNT] {
    let mut out = [const { compact_static(std::ptr::null_mut(), 0) }; SMALL_COUNT];
    let mut i = 0;
    while i < SMALL_COUNT {
        out[i] = compact_static(tp, SMALL_MIN + i as i64);
        i += 1;
    }
    out
}

/// `int`'s deallocator. A small int is immortal, so this only runs for one if C code
/// decrefs it past zero (impossible with PEP 683 counts); CPython re-immortalizes it then.
unsafe extern "C" fn long_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on an `int` with no references left.
    unsafe {
        let base = (&raw mut SMALL_INTS) as usize;
        let end = base + SMALL_COUNT * std::mem::size_of::<PyLongObject>();
        if (base..end).contains(&(op as usize)) {
            typeobject::immortalize(op);
            return;
        }
        typeobject::object_dealloc(op);
    }
}

/// `True` or `False` (borrowed; immortal).
#[inline]
pub(crate) fn from_bool(b: bool) -> *mut PyObject {
    if b {
        (&raw mut _Py_TrueStruct).cast()
    } else {
        (&raw mut _Py_FalseStruct).cast()
    }
}

/// The static small int `v` (borrowed; immortal), if `v` is one.
#[inline]
pub(crate) fn small(v: i64) -> Option<*mut PyObject> {
    if (SMALL_MIN..=SMALL_MAX).contains(&v) {
        // SAFETY: in range of the static array.
        Some(unsafe { (&raw mut SMALL_INTS as *mut PyLongObject).add((v - SMALL_MIN) as usize) }.cast())
    } else {
        None
    }
}

/// A new `int` with room for `ndigits` digits (at least one), tag unset.
pub(crate) fn alloc(tp: *mut PyTypeObject, ndigits: usize) -> PyResult<*mut PyLongObject> {
    let size = offset_of!(PyLongObject, long_value)
        + offset_of!(_PyLongValue, ob_digit)
        + ndigits.max(1).checked_mul(std::mem::size_of::<digit>()).ok_or_else(errors::no_memory)?;
    let p = alloc::malloc(size) as *mut PyObject;
    if p.is_null() {
        return Err(errors::no_memory());
    }
    // SAFETY: fresh memory of the right size.
    unsafe { typeobject::init_object(p, tp) };
    Ok(p.cast())
}

/// Sets the tag of an `int` being built: its digit count and sign (-1, 0, 1).
///
/// # Safety
/// `op` is an `int` under construction with room for `ndigits` digits.
#[inline]
pub(crate) unsafe fn set_sign_and_size(op: *mut PyLongObject, sign: i32, ndigits: usize) {
    let sign_bits = match sign {
        0 => SIGN_ZERO,
        s if s < 0 => SIGN_NEGATIVE,
        _ => 0,
    };
    // SAFETY: per caller.
    unsafe { (*op).long_value.lv_tag = (ndigits << NON_SIZE_BITS) | sign_bits };
}

/// # Safety
/// `op` is an `int`.
#[inline]
unsafe fn tag(op: *mut PyObject) -> usize {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyLongObject)).long_value.lv_tag }
}

/// Pointer to the first digit of an `int`.
///
/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn digit_ptr(op: *mut PyObject) -> *mut digit {
    // SAFETY: per caller.
    unsafe { (&raw mut (*(op as *mut PyLongObject)).long_value.ob_digit).cast() }
}

/// The digits of an `int` (least significant first).
///
/// # Safety
/// `op` is an `int`; the slice lives as long as it.
#[inline]
pub(crate) unsafe fn digits<'a>(op: *mut PyObject) -> &'a [digit] {
    // SAFETY: per caller; `ndigits` digits follow the tag.
    unsafe { std::slice::from_raw_parts(digit_ptr(op), ndigits(op)) }
}

/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn ndigits(op: *mut PyObject) -> usize {
    // SAFETY: per caller.
    unsafe { tag(op) >> NON_SIZE_BITS }
}

/// -1, 0 or 1.
///
/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn sign(op: *mut PyObject) -> i32 {
    // SAFETY: per caller.
    1 - (unsafe { tag(op) } & SIGN_MASK) as i32
}

/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn is_negative(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { tag(op) & SIGN_MASK == SIGN_NEGATIVE }
}

/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn is_zero(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { tag(op) & SIGN_MASK == SIGN_ZERO }
}

/// At most one digit (CPython's `_PyLong_IsCompact`).
///
/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn is_compact(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { tag(op) < (2 << NON_SIZE_BITS) }
}

/// The value of a compact `int` (CPython's `_PyLong_CompactValue`).
///
/// # Safety
/// `op` is a compact `int`.
#[inline]
pub(crate) unsafe fn compact_value(op: *mut PyObject) -> i64 {
    // SAFETY: per caller; a compact int always has digit 0 allocated (0 for zero).
    unsafe { (1 - (tag(op) & SIGN_MASK) as i64) * i64::from(*digit_ptr(op)) }
}

/// `PyLong_Check`: an `int` or an instance of a subclass.
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_LONG_SUBCLASS) }
}

/// `PyLong_CheckExact`.
///
/// # Safety
/// `op` is a live object.
#[inline]
pub(crate) unsafe fn check_exact(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { type_of(op) == &raw mut PyLong_Type }
}

/// A new `int` of `sign` (-1, 1) and magnitude `mag` (nonzero, normalized digits).
fn from_digits(sign: i32, mag: &[digit]) -> PyResult<Owned> {
    let op = alloc(&raw mut PyLong_Type, mag.len())?;
    // SAFETY: fresh with room for the digits.
    unsafe {
        std::ptr::copy_nonoverlapping(mag.as_ptr(), digit_ptr(op.cast()), mag.len());
        set_sign_and_size(op, sign, mag.len());
    }
    Ok(op.cast())
}

/// A new `int` from a sign and a magnitude (`neg` is ignored for 0).
#[inline]
fn from_mag_u128(neg: bool, mut m: u128) -> PyResult<Owned> {
    let mut d = [0 as digit; 5];
    let mut n = 0;
    while m != 0 {
        d[n] = (m as u32) & MASK;
        m >>= SHIFT;
        n += 1;
    }
    if n == 0 {
        return Ok(small(0).expect("0 is small"));
    }
    from_digits(if neg { -1 } else { 1 }, &d[..n])
}

/// A new `int` (a shared small one when in range).
#[inline(always)]
pub(crate) fn from_i64(v: i64) -> PyResult<Owned> {
    if let Some(s) = small(v) {
        return Ok(s);
    }
    let mag = v.unsigned_abs();
    if mag <= u64::from(MASK) {
        // One digit: the most common case after the small ints.
        let op = alloc(&raw mut PyLong_Type, 1)?;
        // SAFETY: fresh with room for one digit.
        unsafe {
            *digit_ptr(op.cast()) = mag as digit;
            set_sign_and_size(op, if v < 0 { -1 } else { 1 }, 1);
        }
        return Ok(op.cast());
    }
    from_mag_u128(v < 0, u128::from(mag))
}

/// A new `int` from an unsigned value.
pub(crate) fn from_u64(v: u64) -> PyResult<Owned> {
    match i64::try_from(v) {
        Ok(v) => from_i64(v),
        Err(_) => from_mag_u128(false, u128::from(v)),
    }
}

/// The value of an `int` (or subclass instance) as `i128`, `None` if it does not fit.
///
/// # Safety
/// `op` is an `int`.
pub(crate) unsafe fn as_i128(op: *mut PyObject) -> Option<i128> {
    // SAFETY: per caller.
    let (sign, digits) = unsafe { (sign(op), digits(op)) };
    let mut mag: u128 = 0;
    for &d in digits.iter().rev() {
        if mag >> (128 - SHIFT) != 0 {
            return None;
        }
        mag = (mag << SHIFT) | u128::from(d);
    }
    if sign < 0 {
        0i128.checked_sub_unsigned(mag)
    } else {
        i128::try_from(mag).ok()
    }
}

/// A new `int` from an `i128` (the fast tier's results).
#[inline]
pub(crate) fn from_i128(v: i128) -> PyResult<Owned> {
    match i64::try_from(v) {
        Ok(v) => from_i64(v),
        Err(_) => from_mag_u128(v < 0, v.unsigned_abs()),
    }
}

/// A new `int` holding `v`.
pub(crate) fn from_bigint(v: &BigInt) -> PyResult<Owned> {
    if let Some(x) = v.to_i64() {
        return from_i64(x);
    }
    let n = v.digits30_len();
    let op = alloc(&raw mut PyLong_Type, n)?;
    // SAFETY: fresh with room for `n` digits.
    unsafe {
        v.write_digits30(std::slice::from_raw_parts_mut(digit_ptr(op.cast()), n));
        set_sign_and_size(op, v.signum(), n);
    }
    Ok(op.cast())
}

/// The value of an `int` (or an instance of a subclass) as a [`BigInt`].
///
/// # Safety
/// `op` is an `int`.
pub(crate) unsafe fn to_bigint(op: *mut PyObject) -> BigInt {
    // SAFETY: per caller.
    unsafe {
        if is_compact(op) {
            return BigInt::from(compact_value(op));
        }
        BigInt::from_digits30(is_negative(op), digits(op))
    }
}

/// The value as `i64`, if it fits (at most three digits, checked).
///
/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn as_i64(op: *mut PyObject) -> Option<i64> {
    // SAFETY: per caller.
    unsafe {
        if is_compact(op) {
            return Some(compact_value(op));
        }
        let d = digits(op);
        let neg = is_negative(op);
        let mag: u128 = match *d {
            [d0, d1] => u128::from(d0) | (u128::from(d1) << SHIFT),
            [d0, d1, d2] => u128::from(d0) | (u128::from(d1) << SHIFT) | (u128::from(d2) << (2 * SHIFT)),
            _ => return None,
        };
        let v = if neg { -(mag as i128) } else { mag as i128 };
        i64::try_from(v).ok()
    }
}

/// The number of bits of the magnitude (`int.bit_length()`, `_PyLong_NumBits`).
///
/// # Safety
/// `op` is an `int`.
pub(crate) unsafe fn num_bits(op: *mut PyObject) -> u64 {
    // SAFETY: per caller.
    let d = unsafe { digits(op) };
    match d.last() {
        None => 0,
        Some(&top) => (d.len() as u64 - 1) * u64::from(SHIFT) + u64::from(32 - top.leading_zeros()),
    }
}

/// `int(op)` for an `int` subclass instance: an exact `int` of the same value
/// (`_PyLong_Copy`); an exact `int` is returned itself (CPython's `long_long`). The one
/// copy of an int: `PyNumber_Index`, `PyNumber_Long` and the `int` slots use it.
///
/// # Safety
/// `op` is an `int`.
pub(crate) unsafe fn long_long(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if check_exact(op) {
            return Ok(new_ref(op));
        }
        if is_compact(op) {
            return from_i64(compact_value(op));
        }
        from_digits(sign(op), digits(op))
    }
}

/// Raises what a [`BigIntError`] stands for, with CPython's text.
pub(crate) fn raise(e: BigIntError) -> PyErr {
    let msg = e.message();
    match e.kind() {
        ErrorKind::ValueError => errors::value_error(&msg),
        ErrorKind::OverflowError => errors::overflow_error(&msg),
        ErrorKind::ZeroDivisionError => errors::zero_division_error(&msg),
        ErrorKind::MemoryError => errors::no_memory(),
    }
}
