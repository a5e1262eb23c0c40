//! The number protocol (CPython's `PyNumber_*`, `abstract.h`). The dispatch is CPython's:
//! see `object::abstract_::number`.

use std::ffi::c_int;
use std::ptr::null_mut;

use super::obj;
use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::abstract_::number::{self, BinOp, UnaryOp};
use crate::object::errors;

unsafe fn binary(name: &'static str, o1: *mut PyObject, o2: *mut PyObject, op: BinOp) -> *mut PyObject {
    guard(name, || {
        if o1.is_null() || o2.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        obj(unsafe { number::binary(o1, o2, op) })
    })
}

unsafe fn in_place(name: &'static str, o1: *mut PyObject, o2: *mut PyObject, op: BinOp) -> *mut PyObject {
    guard(name, || {
        if o1.is_null() || o2.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        obj(unsafe { number::in_place(o1, o2, op) })
    })
}

unsafe fn unary(name: &'static str, o: *mut PyObject, op: UnaryOp) -> *mut PyObject {
    guard(name, || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { number::unary(o, op) })
    })
}

/// `o1 + o2`: `nb_add` of either operand (CPython's dispatch), else `sq_concat` of `o1`.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for +: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Add(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Add", o1, o2, BinOp::Add) }
}

/// `o1 - o2`: `nb_subtract` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for -: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Subtract(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Subtract", o1, o2, BinOp::Sub) }
}

/// `o1 * o2`: `nb_multiply` of either operand, else `sq_repeat` of a sequence operand with the other's `__index__()`.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for *: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Multiply(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Multiply", o1, o2, BinOp::Mul) }
}

/// `o1 @ o2`: `nb_matrix_multiply` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for @: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_MatrixMultiply(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_MatrixMultiply", o1, o2, BinOp::MatMul) }
}

/// `o1 // o2`: `nb_floor_divide` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for //: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_FloorDivide(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_FloorDivide", o1, o2, BinOp::FloorDiv) }
}

/// `o1 / o2`: `nb_true_divide` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for /: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_TrueDivide(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_TrueDivide", o1, o2, BinOp::TrueDiv) }
}

/// `o1 % o2`: `nb_remainder` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for %: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Remainder(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Remainder", o1, o2, BinOp::Rem) }
}

/// `divmod(o1, o2)`: `nb_divmod` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for divmod(): 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Divmod(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Divmod", o1, o2, BinOp::Divmod) }
}

/// `o1 << o2`: `nb_lshift` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for <<: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Lshift(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Lshift", o1, o2, BinOp::Lshift) }
}

/// `o1 >> o2`: `nb_rshift` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for >>: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Rshift(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Rshift", o1, o2, BinOp::Rshift) }
}

/// `o1 & o2`: `nb_and` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for &: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_And(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_And", o1, o2, BinOp::And) }
}

/// `o1 ^ o2`: `nb_xor` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for ^: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Xor(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Xor", o1, o2, BinOp::Xor) }
}

/// `o1 | o2`: `nb_or` of either operand (CPython's dispatch).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for |: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Or(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { binary("PyNumber_Or", o1, o2, BinOp::Or) }
}

/// `o1 += o2`: `nb_inplace_add` of `o1`, then `o1 + o2`'s dispatch, then `sq_inplace_concat` or `sq_concat` of `o1`. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for +=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceAdd(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceAdd", o1, o2, BinOp::Add) }
}

/// `o1 -= o2`: the in-place slot of `o1`, then `o1 - o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for -=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceSubtract(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceSubtract", o1, o2, BinOp::Sub) }
}

/// `o1 *= o2`: `nb_inplace_multiply` of `o1`, then `o1 * o2`'s number dispatch, then `sq_inplace_repeat` or `sq_repeat` of `o1` (or `sq_repeat` of `o2` if `o1` has no sequence methods). The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for *=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceMultiply(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceMultiply", o1, o2, BinOp::Mul) }
}

/// `o1 @= o2`: the in-place slot of `o1`, then `o1 @ o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for @=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceMatrixMultiply(
    o1: *mut PyObject,
    o2: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceMatrixMultiply", o1, o2, BinOp::MatMul) }
}

/// `o1 //= o2`: the in-place slot of `o1`, then `o1 // o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for //=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceFloorDivide(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceFloorDivide", o1, o2, BinOp::FloorDiv) }
}

/// `o1 /= o2`: the in-place slot of `o1`, then `o1 / o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for /=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceTrueDivide(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceTrueDivide", o1, o2, BinOp::TrueDiv) }
}

/// `o1 %= o2`: the in-place slot of `o1`, then `o1 % o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for %=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceRemainder(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceRemainder", o1, o2, BinOp::Rem) }
}

/// `o1 <<= o2`: the in-place slot of `o1`, then `o1 << o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for <<=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceLshift(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceLshift", o1, o2, BinOp::Lshift) }
}

/// `o1 >>= o2`: the in-place slot of `o1`, then `o1 >> o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for >>=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceRshift(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceRshift", o1, o2, BinOp::Rshift) }
}

/// `o1 &= o2`: the in-place slot of `o1`, then `o1 & o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for &=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceAnd(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceAnd", o1, o2, BinOp::And) }
}

/// `o1 ^= o2`: the in-place slot of `o1`, then `o1 ^ o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for ^=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceXor(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceXor", o1, o2, BinOp::Xor) }
}

/// `o1 |= o2`: the in-place slot of `o1`, then `o1 | o2`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for |=: 'A' and 'B'"),
/// what a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlaceOr(o1: *mut PyObject, o2: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { in_place("PyNumber_InPlaceOr", o1, o2, BinOp::Or) }
}

/// `pow(o1, o2, o3)` (`o3` is `Py_None` for `o1 ** o2`): `nb_power` of `o1` or `o2` as for
/// binary operators, then of `o3`.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for ** or pow(): ..."), what
/// a slot raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Power(
    o1: *mut PyObject,
    o2: *mut PyObject,
    o3: *mut PyObject,
) -> *mut PyObject {
    guard("PyNumber_Power", || {
        if o1.is_null() || o2.is_null() || o3.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        obj(unsafe { number::power(o1, o2, o3) })
    })
}

/// `o1 **= o2` (with modulus `o3`, `Py_None` for none): `nb_inplace_power` of `o1`, then
/// `pow()`'s dispatch. The result may be `o1` itself.
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("unsupported operand type(s) for **=: ..."), what a slot
/// raised, or `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_InPlacePower(
    o1: *mut PyObject,
    o2: *mut PyObject,
    o3: *mut PyObject,
) -> *mut PyObject {
    guard("PyNumber_InPlacePower", || {
        if o1.is_null() || o2.is_null() || o3.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        obj(unsafe { number::in_place_power(o1, o2, o3) })
    })
}

/// `-o` (`nb_negative`).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("bad operand type for unary -: 'T'"), what the slot raised,
/// or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Negative(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { unary("PyNumber_Negative", o, UnaryOp::Negative) }
}

/// `+o` (`nb_positive`).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("bad operand type for unary +: 'T'"), what the slot raised,
/// or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Positive(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { unary("PyNumber_Positive", o, UnaryOp::Positive) }
}

/// `abs(o)` (`nb_absolute`).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("bad operand type for abs(): 'T'"), what the slot raised,
/// or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Absolute(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { unary("PyNumber_Absolute", o, UnaryOp::Absolute) }
}

/// `~o` (`nb_invert`).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("bad operand type for unary ~: 'T'"), what the slot raised,
/// or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Invert(o: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { unary("PyNumber_Invert", o, UnaryOp::Invert) }
}

/// Returns: 1 if `o` is a number (its type has `nb_index`, `nb_int` or `nb_float`), else 0
/// (also for NULL). Never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Check(o: *mut PyObject) -> c_int {
    // SAFETY: NULL or a live object.
    guard_or("PyNumber_Check", 0, || c_int::from(!o.is_null() && unsafe { number::check(o) }))
}

/// Returns: 1 if `o` can be used as an index (its type has `nb_index`), else 0 (also for
/// NULL). Never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyIndex_Check(o: *mut PyObject) -> c_int {
    // SAFETY: NULL or a live object.
    guard_or("PyIndex_Check", 0, || c_int::from(!o.is_null() && unsafe { number::index_check(o) }))
}

/// `operator.index(o)`: `o` itself for an `int`, else `o.__index__()`; always an exact
/// `int` (an `int` subclass is copied; `__index__` returning one is deprecated and warns).
///
/// Returns: a new reference.
/// Errors: NULL with `TypeError` ("'T' object cannot be interpreted as an integer",
/// "__index__ returned non-int (type T)"), or `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Index(o: *mut PyObject) -> *mut PyObject {
    guard("PyNumber_Index", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { number::index(o) })
    })
}

/// `o.__index__()` as `Py_ssize_t`. A value out of range raises `exc` ("cannot fit 'T' into
/// an index-sized integer"), or is clamped to `PY_SSIZE_T_MIN`/`MAX` when `exc` is NULL.
///
/// Returns: the value. Errors: -1 with an exception set (check `PyErr_Occurred()`, -1 is
/// also a value).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_AsSsize_t(o: *mut PyObject, exc: *mut PyObject) -> Py_ssize_t {
    guard("PyNumber_AsSsize_t", || {
        if o.is_null() {
            errors::null_error();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        unsafe { number::as_ssize_t(o, exc) }.unwrap_or(-1)
    })
}

/// `int(o)`: `__int__` (an `int` subclass result is copied, with a `DeprecationWarning`),
/// then `__index__`, then the base-10 text of a `str`, `bytes`, `bytearray` or other buffer
/// exporter (copied to `bytes` first). `__trunc__` needs attribute lookup (issue 4) and is
/// not consulted.
///
/// Returns: a new reference to an exact `int`. Errors: NULL with `TypeError` ("int()
/// argument must be a string, a bytes-like object or a real number, not 'T'"),
/// `ValueError` ("invalid literal for int() with base 10: ..."), or what a slot raised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Long(o: *mut PyObject) -> *mut PyObject {
    guard("PyNumber_Long", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { number::long(o) })
    })
}

/// `float(o)`: `__float__` (a `float` subclass result is copied, with a
/// `DeprecationWarning`), then `__index__`, then a `float` subclass's value, then the text of
/// a `str`, `bytes`, `bytearray` or other buffer exporter (`PyFloat_FromString`).
///
/// Returns: a new reference to an exact `float`. Errors: NULL with `TypeError` ("float()
/// argument must be a string or a real number, not 'T'"), `ValueError` ("could not convert
/// string to float: ..."), or what a slot raised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_Float(o: *mut PyObject) -> *mut PyObject {
    guard("PyNumber_Float", || {
        if o.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { number::float(o) })
    })
}

/// `bin(n)`, `oct(n)`, `hex(n)` or `str(n)` of `n.__index__()`, for `base` 2, 8, 16 or 10.
///
/// Returns: a new reference to a `str`.
/// Errors: NULL with `SystemError` ("PyNumber_ToBase: base must be 2, 8, 10 or 16"),
/// `TypeError` from `__index__`, `ValueError` for more than 4300 decimal digits (CPython's
/// default limit).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyNumber_ToBase(n: *mut PyObject, base: c_int) -> *mut PyObject {
    guard("PyNumber_ToBase", || {
        if n.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        obj(unsafe { number::to_base(n, base) })
    })
}
