//! `int` and `bool`, laid out as CPython 3.12+'s `PyLongObject`: `lv_tag` holds the digit
//! count shifted left by 3 and the sign in the low 2 bits (0 positive, 1 zero, 2 negative);
//! 30-bit digits follow, least significant first. Values of at most one digit are
//! "compact", the fast path everywhere.
//!
//! Small ints (-5..=256), `True` and `False` are static and immortal, shared by every
//! interpreter.

use std::mem::offset_of;

use super::*;

pub(crate) const SHIFT: u32 = PyLong_SHIFT as u32;
pub(crate) const MASK: u32 = (1 << SHIFT) - 1;
const SIGN_ZERO: usize = 1;
const SIGN_NEGATIVE: usize = 2;
const NON_SIZE_BITS: u32 = 3;

/// Small ints kept as immortal statics: -5..=256, as CPython's.
pub(crate) const SMALL_MIN: i64 = -5;
pub(crate) const SMALL_MAX: i64 = 256;
const SMALL_COUNT: usize = (SMALL_MAX - SMALL_MIN + 1) as usize;

/// `int`.
#[unsafe(no_mangle)]
pub static mut PyLong_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"int".as_ptr(),
    tp_basicsize: offset_of!(PyLongObject, long_value) as Py_ssize_t + offset_of!(_PyLongValue, ob_digit) as Py_ssize_t,
    tp_itemsize: std::mem::size_of::<digit>() as Py_ssize_t,
    tp_dealloc: Some(typeobject::object_dealloc),
    tp_flags: Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_IMMUTABLETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"int([x]) -> integer\nint(x, base=10) -> integer".as_ptr(),
    ..TYPE_TEMPLATE
};

/// `bool`: a subclass of `int` with two instances.
#[unsafe(no_mangle)]
pub static mut PyBool_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"bool".as_ptr(),
    tp_basicsize: offset_of!(PyLongObject, long_value) as Py_ssize_t + offset_of!(_PyLongValue, ob_digit) as Py_ssize_t,
    tp_itemsize: std::mem::size_of::<digit>() as Py_ssize_t,
    tp_dealloc: Some(singletons::immortal_dealloc),
    tp_flags: Py_TPFLAGS_IMMUTABLETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"Returns True when the argument is true, False otherwise.".as_ptr(),
    tp_base: &raw mut PyLong_Type,
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

/// `True` or `False` (borrowed; immortal).
#[inline]
pub(crate) fn from_bool(b: bool) -> *mut PyObject {
    if b { (&raw mut _Py_TrueStruct).cast() } else { (&raw mut _Py_FalseStruct).cast() }
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

/// The digits of an `int` (least significant first).
///
/// # Safety
/// `op` is an `int`; the slice lives as long as it.
#[inline]
pub(crate) unsafe fn digits<'a>(op: *mut PyObject) -> &'a [digit] {
    // SAFETY: per caller; `ndigits` digits follow the tag.
    unsafe {
        let lv = &raw const (*(op as *mut PyLongObject)).long_value;
        std::slice::from_raw_parts((*lv).ob_digit.as_ptr(), ndigits(op))
    }
}

/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn ndigits(op: *mut PyObject) -> usize {
    // SAFETY: per caller.
    unsafe { (*(op as *mut PyLongObject)).long_value.lv_tag >> NON_SIZE_BITS }
}

/// -1, 0 or 1.
///
/// # Safety
/// `op` is an `int`.
#[inline]
pub(crate) unsafe fn sign(op: *mut PyObject) -> i32 {
    // SAFETY: per caller.
    1 - (unsafe { (*(op as *mut PyLongObject)).long_value.lv_tag } & 3) as i32
}

/// A new `int` (a shared small one when in range).
pub(crate) fn from_i64(v: i64) -> PyResult<Owned> {
    if let Some(s) = small(v) {
        return Ok(s);
    }
    let mag = v.unsigned_abs();
    let mut digits = [0u32; 3];
    let mut n = 0;
    let mut m = mag;
    while m != 0 {
        digits[n] = (m as u32) & MASK;
        m >>= SHIFT;
        n += 1;
    }
    let op = alloc(&raw mut PyLong_Type, n)?;
    // SAFETY: fresh with room for `n` digits.
    unsafe {
        let d = (&raw mut (*op).long_value.ob_digit) as *mut digit;
        std::ptr::copy_nonoverlapping(digits.as_ptr(), d, n);
        set_sign_and_size(op, if v < 0 { -1 } else { 1 }, n);
    }
    Ok(op.cast())
}

/// The value as `i64`, if it fits.
///
/// # Safety
/// `op` is an `int`.
pub(crate) unsafe fn as_i64(op: *mut PyObject) -> Option<i64> {
    // SAFETY: per caller.
    let (sign, digits) = unsafe { (sign(op), digits(op)) };
    let mut mag: u128 = 0;
    for &d in digits.iter().rev() {
        mag = (mag << SHIFT) | u128::from(d);
        if mag > 1u128 << 63 {
            return None;
        }
    }
    let v = if sign < 0 { -(mag as i128) } else { mag as i128 };
    i64::try_from(v).ok()
}
