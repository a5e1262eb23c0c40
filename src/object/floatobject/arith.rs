//! `float`'s number slots. An int operand is converted exactly when it can be, else
//! OverflowError "int too large to convert to float"; any other operand gives
//! NotImplemented.

use std::ffi::c_int;
use std::ptr::null_mut;

use super::*;

pub(super) static FLOAT_AS_NUMBER: ReadOnly<PyNumberMethods> = ReadOnly(PyNumberMethods {
    nb_add: Some(float_add),
    nb_subtract: Some(float_sub),
    nb_multiply: Some(float_mul),
    nb_remainder: Some(float_rem),
    nb_divmod: Some(float_divmod),
    nb_power: Some(float_pow),
    nb_negative: Some(float_neg),
    nb_positive: Some(float_float),
    nb_absolute: Some(float_abs),
    nb_bool: Some(float_bool),
    nb_int: Some(float_int),
    nb_float: Some(float_float),
    nb_floor_divide: Some(float_floor_div),
    nb_true_divide: Some(float_div),
    ..singletons::NUMBER_TEMPLATE
});

/// An operand as a double: `Err(None)` means NotImplemented, `Err(Some(_))` an error.
unsafe fn to_double(op: *mut PyObject) -> Result<f64, Option<PyErr>> {
    // SAFETY: per caller, a live object.
    unsafe {
        if check(op) {
            Ok(value(op))
        } else if longobject::check(op) {
            longobject::as_f64(op).map_err(Some)
        } else {
            Err(None)
        }
    }
}

/// Both operands as doubles, then `f`.
#[inline(always)]
unsafe fn binary(
    v: *mut PyObject,
    w: *mut PyObject,
    f: impl FnOnce(f64, f64) -> PyResult<Owned>,
) -> *mut PyObject {
    // SAFETY: slot contract. The left operand is converted first, as in CPython: when it
    // is not a number the right one is never looked at.
    unsafe {
        let conv = |op| match to_double(op) {
            Ok(x) => Ok(x),
            Err(None) => Err(new_ref(singletons::not_implemented())),
            Err(Some(_)) => Err(null_mut()),
        };
        let a = match conv(v) {
            Ok(a) => a,
            Err(r) => return r,
        };
        let b = match conv(w) {
            Ok(b) => b,
            Err(r) => return r,
        };
        f(a, b).unwrap_or(null_mut())
    }
}

unsafe extern "C" fn float_add(v: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { binary(v, w, |a, b| from_f64(a + b)) }
}

unsafe extern "C" fn float_sub(v: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { binary(v, w, |a, b| from_f64(a - b)) }
}

unsafe extern "C" fn float_mul(v: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe { binary(v, w, |a, b| from_f64(a * b)) }
}

unsafe extern "C" fn float_div(v: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        binary(v, w, |a, b| {
            if b == 0.0 {
                return Err(errors::zero_division_error("float division by zero"));
            }
            from_f64(a / b)
        })
    }
}

/// `a % b` with the divisor's sign (`b != 0`); a zero result takes the divisor's sign too.
fn py_mod(a: f64, b: f64) -> f64 {
    // Rust's `%` on floats is C's fmod: the result has the dividend's sign.
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

unsafe extern "C" fn float_rem(v: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        binary(v, w, |a, b| {
            if b == 0.0 {
                return Err(errors::zero_division_error("float modulo by zero"));
            }
            from_f64(py_mod(a, b))
        })
    }
}

/// Floored quotient and remainder, as CPython's `_float_div_mod` (`b != 0`).
fn div_mod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    // a - m is (mathematically) an exact multiple of b; the division is close to an integer.
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

unsafe extern "C" fn float_divmod(v: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        binary(v, w, |a, b| {
            if b == 0.0 {
                return Err(errors::zero_division_error("float divmod()"));
            }
            let (q, m) = div_mod(a, b);
            let t = tupleobject::new(2)?;
            for (i, x) in [q, m].into_iter().enumerate() {
                match from_f64(x) {
                    Ok(f) => tupleobject::set_item(t, i as Py_ssize_t, f),
                    Err(e) => {
                        decref(t);
                        return Err(e);
                    }
                }
            }
            Ok(t)
        })
    }
}

unsafe extern "C" fn float_floor_div(v: *mut PyObject, w: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        binary(v, w, |a, b| {
            if b == 0.0 {
                return Err(errors::zero_division_error("float floor division by zero"));
            }
            from_f64(div_mod(a, b).0)
        })
    }
}

/// Whether a finite `x` is an odd integer.
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// OverflowError as `PyErr_SetFromErrno(PyExc_OverflowError)` makes it with `ERANGE`:
/// arguments `(34, 'Numerical result out of range')`.
fn erange() -> PyErr {
    let code = match longobject::from_i64(34) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let text = match unicodeobject::from_str("Numerical result out of range") {
        Ok(t) => t,
        Err(e) => return e,
    };
    let args = tupleobject::pack(&[code, text]);
    // SAFETY: owned references, released after use.
    unsafe {
        decref(text);
        let Ok(args) = args else { return PyErr };
        let e = errors::set_object((&raw mut exceptions::_PyExc_OverflowError).cast(), args);
        decref(args);
        e
    }
}

/// `pow(v, w[, z])` for floats (and ints with a negative exponent, which int's slot passes
/// on), with CPython's special cases done before the C library's `pow`.
///
/// A negative base with a non-integer exponent gives a complex number in CPython 3; there
/// is no `complex` type here yet, so it raises ValueError "negative number cannot be raised
/// to a fractional power" (Python 2's answer) instead.
pub(crate) unsafe extern "C" fn float_pow(
    v: *mut PyObject,
    w: *mut PyObject,
    z: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if z != singletons::none() {
            errors::type_error("pow() 3rd argument not allowed unless all arguments are integers");
            return null_mut();
        }
        binary(v, w, |iv, iw| from_f64(pow(iv, iw)?))
    }
}

/// The value of `iv ** iw` (CPython's `float_pow` after conversion).
fn pow(mut iv: f64, iw: f64) -> PyResult<f64> {
    if iw == 0.0 {
        return Ok(1.0); // even 0**0 and nan**0
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        // |v| < 1: 0 for +inf, inf for -inf; |v| > 1 the other way round; |v| == 1: 1.
        let a = iv.abs();
        return Ok(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(errors::zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return Err(errors::value_error("negative number cannot be raised to a fractional power"));
        }
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if iv == 1.0 {
        // 1**w, and (-1)**(huge even/odd integer), which some libms get wrong.
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let ix = iv.powf(iw);
    // Finite operands: an infinite result is an overflow (ERANGE); underflow to 0 is fine.
    if ix.is_infinite() {
        return Err(erange());
    }
    Ok(if negate { -ix } else { ix })
}

unsafe extern "C" fn float_neg(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract: a float.
    from_f64(-unsafe { value(v) }).unwrap_or(null_mut())
}

unsafe extern "C" fn float_abs(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    from_f64(unsafe { value(v) }.abs()).unwrap_or(null_mut())
}

unsafe extern "C" fn float_bool(v: *mut PyObject) -> c_int {
    // SAFETY: slot contract.
    c_int::from(unsafe { value(v) } != 0.0)
}

/// `nb_positive` and `nb_float`: itself if exact, else a float of the same value.
unsafe extern "C" fn float_float(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    unsafe {
        if check_exact(v) {
            return new_ref(v);
        }
        from_f64(value(v)).unwrap_or(null_mut())
    }
}

/// `int(x)`: truncation; ValueError for NaN, OverflowError for infinities.
unsafe extern "C" fn float_int(v: *mut PyObject) -> *mut PyObject {
    // SAFETY: slot contract.
    longobject::convert::from_f64(unsafe { value(v) }).unwrap_or(null_mut())
}
