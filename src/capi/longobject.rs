//! `int` and `bool` (CPython's `longobject.h`, `cpython/longobject.h`, `boolobject.h`).
//!
//! Which conversions call `__index__` and what each raises follow CPython 3.13 exactly:
//! `PyLong_AsLong`, `AsLongLong`, `AsInt`, their `AndOverflow` forms and the `Mask`
//! functions accept any object with `__index__`; `AsSsize_t`, `AsSize_t`,
//! `AsUnsignedLong`, `AsUnsignedLongLong` and `AsDouble` require an int ("an integer is
//! required"). Where CPython crashes on a NULL argument, these raise SystemError.
//!
//! Not provided: `PyLong_GetInfo` (`sys.int_info` is a struct sequence, a type that does
//! not exist yet), `PyOS_strtol`/`PyOS_strtoul`.

use std::ffi::{c_char, c_double, c_int, c_long, c_longlong, c_uchar, c_ulong, c_ulonglong, c_void};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::longobject::convert::{self, or_null, IntArg};
use crate::object::longobject::{self, parse};
use crate::object::{errors, type_name, type_of, PyResult};

/// Returns: a new reference to the `int` `v` (-5..=256 are shared immortal objects).
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromLong(v: c_long) -> *mut PyObject {
    guard("PyLong_FromLong", || or_null(longobject::from_i64(v)))
}

/// Returns: a new reference to the `int` `v`.
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject {
    guard("PyLong_FromUnsignedLong", || or_null(longobject::from_u64(v)))
}

/// Returns: a new reference to the `int` `v`.
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject {
    guard("PyLong_FromLongLong", || or_null(longobject::from_i64(v)))
}

/// Returns: a new reference to the `int` `v`.
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject {
    guard("PyLong_FromUnsignedLongLong", || or_null(longobject::from_u64(v)))
}

/// Returns: a new reference to the `int` `v`.
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject {
    guard("PyLong_FromSsize_t", || or_null(longobject::from_i64(v as i64)))
}

/// Returns: a new reference to the `int` `v`.
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromSize_t(v: usize) -> *mut PyObject {
    guard("PyLong_FromSize_t", || or_null(longobject::from_u64(v as u64)))
}

/// Returns: a new reference to the `int` of `v` truncated toward zero.
/// Errors: NULL with `ValueError` ("cannot convert float NaN to integer") for a NaN,
/// `OverflowError` ("cannot convert float infinity to integer") for an infinity.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromDouble(v: c_double) -> *mut PyObject {
    guard("PyLong_FromDouble", || or_null(convert::from_f64(v)))
}

/// Returns: a new reference to the `int` the address `p` is, as an unsigned number.
/// Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyLong_FromVoidPtr(p: *mut c_void) -> *mut PyObject {
    guard("PyLong_FromVoidPtr", || or_null(longobject::from_u64(p as usize as u64)))
}

/// Parses the C string `str` as an int literal in `base` (2..=36, or 0: the prefix
/// `0x`/`0o`/`0b` decides, else decimal): leading and trailing ASCII whitespace, a sign,
/// a prefix matching the base, single underscores between digits. The whole string must be
/// the literal.
///
/// If `pend` is not NULL, `*pend` is set to where parsing stopped: the terminating NUL on
/// success, the offending character on a syntax error. It is left unchanged for a bad
/// base and for too many digits.
///
/// Returns: a new reference.
/// Errors: NULL with `ValueError`: "invalid literal for int() with base B: '...'", "int()
/// arg 2 must be >= 2 and <= 36", or the `sys.int_max_str_digits` text (4300 digits);
/// `SystemError` for a NULL `str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_FromString(
    str: *const c_char,
    pend: *mut *mut c_char,
    base: c_int,
) -> *mut PyObject {
    guard("PyLong_FromString", || {
        if str.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a NUL-terminated string, per the C API.
        let s = unsafe { std::ffi::CStr::from_ptr(str) }.to_bytes();
        let parsed = parse::from_c_str(s, base);
        if let (Some(end), false) = (parsed.end, pend.is_null()) {
            // SAFETY: `pend` points to a writable `char *`; `end` is within the string.
            unsafe { *pend = str.add(end).cast_mut() };
        }
        or_null(parsed.result)
    })
}

/// Parses the str `u` as an int literal in `base`, as `int(u, base)`: Unicode decimal
/// digits and whitespace are accepted.
///
/// Returns: a new reference.
/// Errors: NULL with `ValueError` ("invalid literal for int() with base B: <repr(u)>", the
/// base as given), the base and digit-limit errors of [`PyLong_FromString`]; `SystemError`
/// if `u` is NULL or not a str.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_FromUnicodeObject(u: *mut PyObject, base: c_int) -> *mut PyObject {
    guard("PyLong_FromUnicodeObject", || {
        // SAFETY: NULL or a live object, per the C API.
        if u.is_null() || !unsafe { crate::object::has_flag(type_of(u), Py_TPFLAGS_UNICODE_SUBCLASS) } {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a str.
        or_null(unsafe { parse::from_unicode(u, base) })
    })
}

/// Runs `f` on `op` as an int: itself, or `op.__index__()` (`_PyNumber_Index`).
unsafe fn with_index<T>(op: *mut PyObject, err: T, f: impl FnOnce(*mut PyObject) -> T) -> T {
    if op.is_null() {
        errors::bad_internal_call();
        return err;
    }
    // SAFETY: a live object, per the C API.
    match unsafe { IntArg::index(op) } {
        Ok(arg) => f(arg.get()),
        Err(_) => err,
    }
}

/// Runs `f` on `op`, which must be an int (TypeError "an integer is required").
unsafe fn with_int<T>(op: *mut PyObject, err: T, f: impl FnOnce(*mut PyObject) -> T) -> T {
    if op.is_null() {
        errors::bad_internal_call();
        return err;
    }
    // SAFETY: a live object, per the C API.
    match unsafe { IntArg::exact(op) } {
        Ok(arg) => f(arg.get()),
        Err(_) => err,
    }
}

/// Returns: the value of `op` (an int, or anything with `__index__`) as a C `long`.
/// Errors: -1 with `OverflowError` ("Python int too large to convert to C long"),
/// `TypeError` ("'T' object cannot be interpreted as an integer") for an object without
/// `__index__`, `SystemError` for NULL. Check `PyErr_Occurred()` to tell -1 from an error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsLong(op: *mut PyObject) -> c_long {
    guard("PyLong_AsLong", || {
        // SAFETY: per the C API.
        unsafe {
            with_index(op, -1, |v| {
                convert::to_i64(v).unwrap_or_else(|_| {
                    errors::overflow_error("Python int too large to convert to C long");
                    -1
                })
            })
        }
    })
}

/// Returns: the value of `op` (an int, or anything with `__index__`) as a C `long`; on
/// overflow -1 with `*overflow` set to 1 (too large) or -1 (too small) and no exception.
/// `*overflow` is 0 otherwise.
/// Errors: -1 with `*overflow` 0 and the exception of [`PyLong_AsLong`] for a non-int;
/// `SystemError` for a NULL `op` or `overflow` (CPython crashes on the latter).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_long {
    guard("PyLong_AsLongAndOverflow", || {
        // SAFETY: per the C API.
        unsafe { as_i64_and_overflow(op, overflow) }
    })
}

unsafe fn as_i64_and_overflow(op: *mut PyObject, overflow: *mut c_int) -> i64 {
    if overflow.is_null() {
        errors::bad_internal_call();
        return -1;
    }
    // SAFETY: a writable int, per the C API.
    unsafe {
        *overflow = 0;
        with_index(op, -1, |v| {
            convert::to_i64(v).unwrap_or_else(|sign| {
                *overflow = sign;
                -1
            })
        })
    }
}

/// Returns: the value of `op` (an int, or anything with `__index__`) as a C `long long`.
/// Errors: -1 with `OverflowError` ("int too big to convert"), the `TypeError` of
/// [`PyLong_AsLong`], `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsLongLong(op: *mut PyObject) -> c_longlong {
    guard("PyLong_AsLongLong", || {
        // SAFETY: per the C API.
        unsafe {
            with_index(op, -1, |v| {
                convert::to_i64(v).unwrap_or_else(|_| {
                    errors::overflow_error("int too big to convert");
                    -1
                })
            })
        }
    })
}

/// Returns: as [`PyLong_AsLongAndOverflow`], for a C `long long`.
/// Errors: as [`PyLong_AsLongAndOverflow`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsLongLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_longlong {
    guard("PyLong_AsLongLongAndOverflow", || {
        // SAFETY: per the C API.
        unsafe { as_i64_and_overflow(op, overflow) }
    })
}

/// Returns: the value of `op` (an int, or anything with `__index__`) as a C `int`.
/// Errors: -1 with `OverflowError` ("Python int too large to convert to C int"), the
/// `TypeError` of [`PyLong_AsLong`], `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsInt(op: *mut PyObject) -> c_int {
    guard("PyLong_AsInt", || {
        let mut overflow = 0;
        // SAFETY: per the C API.
        let v = unsafe { as_i64_and_overflow(op, &mut overflow) };
        match c_int::try_from(v) {
            Ok(x) if overflow == 0 => x,
            _ => {
                errors::overflow_error("Python int too large to convert to C int");
                -1
            }
        }
    })
}

/// Returns: the value of the int `op` as a `Py_ssize_t` (no `__index__`).
/// Errors: -1 with `OverflowError` ("Python int too large to convert to C ssize_t"),
/// `TypeError` ("an integer is required") for a non-int, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsSsize_t(op: *mut PyObject) -> Py_ssize_t {
    guard("PyLong_AsSsize_t", || {
        // SAFETY: per the C API.
        unsafe {
            with_int(op, -1, |v| {
                convert::to_i64(v).map(|x| x as isize).unwrap_or_else(|_| {
                    errors::overflow_error("Python int too large to convert to C ssize_t");
                    -1
                })
            })
        }
    })
}

/// An unsigned conversion of the int `v` (no `__index__`), with its texts.
unsafe fn to_unsigned(v: *mut PyObject, negative: &str, too_large: &str) -> u64 {
    // SAFETY: per caller, `v` is an int.
    unsafe {
        if longobject::is_negative(v) {
            errors::overflow_error(negative);
            return u64::MAX;
        }
        convert::to_u64(v).unwrap_or_else(|| {
            errors::overflow_error(too_large);
            u64::MAX
        })
    }
}

/// Returns: the value of the int `op` as a `size_t` (no `__index__`).
/// Errors: `(size_t)-1` with `OverflowError` ("can't convert negative value to size_t",
/// "Python int too large to convert to C size_t"), `TypeError` ("an integer is required"),
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsSize_t(op: *mut PyObject) -> usize {
    guard_or("PyLong_AsSize_t", usize::MAX, || {
        // SAFETY: per the C API.
        unsafe {
            with_int(op, usize::MAX, |v| {
                to_unsigned(
                    v,
                    "can't convert negative value to size_t",
                    "Python int too large to convert to C size_t",
                ) as usize
            })
        }
    })
}

/// Returns: the value of the int `op` as an `unsigned long` (no `__index__`).
/// Errors: `(unsigned long)-1` with `OverflowError` ("can't convert negative value to
/// unsigned int", "Python int too large to convert to C unsigned long"), `TypeError` ("an
/// integer is required"), `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsUnsignedLong(op: *mut PyObject) -> c_ulong {
    guard_or("PyLong_AsUnsignedLong", c_ulong::MAX, || {
        // SAFETY: per the C API.
        unsafe {
            with_int(op, c_ulong::MAX, |v| {
                to_unsigned(
                    v,
                    "can't convert negative value to unsigned int",
                    "Python int too large to convert to C unsigned long",
                )
            })
        }
    })
}

/// Returns: the value of the int `op` as an `unsigned long long` (no `__index__`).
/// Errors: `(unsigned long long)-1` with `OverflowError` ("can't convert negative int to
/// unsigned", "int too big to convert"), `TypeError` ("an integer is required"),
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLong(op: *mut PyObject) -> c_ulonglong {
    guard_or("PyLong_AsUnsignedLongLong", c_ulonglong::MAX, || {
        // SAFETY: per the C API.
        unsafe {
            with_int(op, c_ulonglong::MAX, |v| {
                to_unsigned(v, "can't convert negative int to unsigned", "int too big to convert")
            })
        }
    })
}

/// Returns: the low bits of `op` (an int, or anything with `__index__`) in two's
/// complement, as an `unsigned long`: never an overflow.
/// Errors: `(unsigned long)-1` with the `TypeError` of [`PyLong_AsLong`], `SystemError`
/// for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsUnsignedLongMask(op: *mut PyObject) -> c_ulong {
    guard_or("PyLong_AsUnsignedLongMask", c_ulong::MAX, || {
        // SAFETY: per the C API.
        unsafe { with_index(op, c_ulong::MAX, |v| convert::low_u64(v)) }
    })
}

/// Returns: as [`PyLong_AsUnsignedLongMask`], as an `unsigned long long`.
/// Errors: as [`PyLong_AsUnsignedLongMask`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLongMask(op: *mut PyObject) -> c_ulonglong {
    guard_or("PyLong_AsUnsignedLongLongMask", c_ulonglong::MAX, || {
        // SAFETY: per the C API.
        unsafe { with_index(op, c_ulonglong::MAX, |v| convert::low_u64(v)) }
    })
}

/// Returns: the int `op` as the nearest double (ties to even; no `__index__`).
/// Errors: -1.0 with `OverflowError` ("int too large to convert to float"), `TypeError`
/// ("an integer is required"), `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsDouble(op: *mut PyObject) -> c_double {
    guard_or("PyLong_AsDouble", -1.0, || {
        // SAFETY: per the C API.
        unsafe { with_int(op, -1.0, |v| longobject::as_f64(v).unwrap_or(-1.0)) }
    })
}

/// Returns: the pointer the int `op` holds (made by [`PyLong_FromVoidPtr`]; negative values
/// are accepted as C would convert them).
/// Errors: NULL with the `OverflowError` or `TypeError` of `PyLong_AsUnsignedLong` /
/// `PyLong_AsLong`, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsVoidPtr(op: *mut PyObject) -> *mut c_void {
    guard("PyLong_AsVoidPtr", || {
        // SAFETY: a live object or NULL, per the C API.
        unsafe {
            let x: i64 = if !op.is_null() && longobject::check(op) && longobject::is_negative(op) {
                PyLong_AsLong(op)
            } else {
                PyLong_AsUnsignedLong(op) as i64
            };
            if x == -1 && !errors::occurred().is_null() {
                return null_mut();
            }
            x as usize as *mut c_void
        }
    })
}

/// Copies the int `v` into `buffer` as a native integer of `n_bytes` bytes. `flags`: -1
/// (`Py_ASNATIVEBYTES_DEFAULTS`: native endianness, C-like truncation, ints only) or the
/// bits `Py_ASNATIVEBYTES_LITTLE_ENDIAN` (1) / `NATIVE_ENDIAN` (3), `UNSIGNED_BUFFER` (4: a
/// positive value with the top bit set fits), `REJECT_NEGATIVE` (8), `ALLOW_INDEX` (16:
/// call `__index__`). All `n_bytes` are written unless there is an error; `n_bytes` 0
/// asks for the size only (`buffer` may then be NULL).
///
/// Returns: the number of bytes needed for the value; it fits if that is `<= n_bytes`.
/// The count may exceed the minimum (as CPython's).
/// Errors: -1 with `TypeError` ("expect int, got T"), `ValueError` ("Cannot convert
/// negative int"), `SystemError` for a NULL `v`, a negative `n_bytes` or a NULL `buffer`
/// with `n_bytes > 0`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_AsNativeBytes(
    v: *mut PyObject,
    buffer: *mut c_void,
    n_bytes: Py_ssize_t,
    flags: c_int,
) -> Py_ssize_t {
    guard("PyLong_AsNativeBytes", || {
        if v.is_null() || n_bytes < 0 || (buffer.is_null() && n_bytes > 0) {
            errors::bad_internal_call();
            return -1;
        }
        let use_flag = |f: c_int| flags != -1 && flags & f != 0;
        // SAFETY: live objects; `buffer` has `n_bytes` writable bytes, per the C API.
        unsafe {
            let arg: PyResult<IntArg> = if longobject::check(v) || use_flag(Py_ASNATIVEBYTES_ALLOW_INDEX) {
                IntArg::index(v)
            } else {
                Err(errors::type_error(&format!("expect int, got {}", type_name(type_of(v)))))
            };
            let Ok(arg) = arg else { return -1 };
            if use_flag(Py_ASNATIVEBYTES_REJECT_NEGATIVE) && longobject::is_negative(arg.get()) {
                errors::value_error("Cannot convert negative int");
                return -1;
            }
            let buf: &mut [u8] = if n_bytes == 0 {
                &mut []
            } else {
                std::slice::from_raw_parts_mut(buffer.cast(), n_bytes as usize)
            };
            convert::as_native_bytes(arg.get(), buf, flags).unwrap_or(-1)
        }
    })
}

/// Returns: a new reference to the int stored in the `n_bytes` bytes at `buffer`, signed
/// (two's complement) unless `flags` has `Py_ASNATIVEBYTES_UNSIGNED_BUFFER`; endianness as
/// for [`PyLong_AsNativeBytes`]. Zero bytes give 0.
/// Errors: NULL with `SystemError` for a NULL `buffer`, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_FromNativeBytes(
    buffer: *const c_void,
    n_bytes: usize,
    flags: c_int,
) -> *mut PyObject {
    guard("PyLong_FromNativeBytes", || {
        let signed = flags == -1 || flags & Py_ASNATIVEBYTES_UNSIGNED_BUFFER == 0;
        // SAFETY: per the C API.
        unsafe { from_native(buffer, n_bytes, flags, signed) }
    })
}

/// Returns: as [`PyLong_FromNativeBytes`], always reading the bytes as unsigned.
/// Errors: as [`PyLong_FromNativeBytes`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyLong_FromUnsignedNativeBytes(
    buffer: *const c_void,
    n_bytes: usize,
    flags: c_int,
) -> *mut PyObject {
    guard("PyLong_FromUnsignedNativeBytes", || {
        // SAFETY: per the C API.
        unsafe { from_native(buffer, n_bytes, flags, false) }
    })
}

unsafe fn from_native(buffer: *const c_void, n: usize, flags: c_int, signed: bool) -> *mut PyObject {
    if buffer.is_null() {
        errors::bad_internal_call();
        return null_mut();
    }
    // SAFETY: `n` readable bytes, per the C API.
    let bytes = unsafe { std::slice::from_raw_parts(buffer.cast::<u8>(), n) };
    or_null(convert::from_byte_array(bytes, convert::little_endian_flag(flags), signed))
}

/// `_PyLong_FromByteArray`: the int the `n` bytes spell, least significant first if
/// `little_endian`, two's complement if `is_signed`.
/// Returns: a new reference.
/// Errors: NULL with `MemoryError`, `SystemError` for NULL `bytes` with `n > 0`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyLong_FromByteArray(
    bytes: *const c_uchar,
    n: usize,
    little_endian: c_int,
    is_signed: c_int,
) -> *mut PyObject {
    guard("_PyLong_FromByteArray", || {
        if n == 0 {
            return or_null(longobject::from_i64(0));
        }
        if bytes.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: `n` readable bytes, per the C API.
        let b = unsafe { std::slice::from_raw_parts(bytes, n) };
        or_null(convert::from_byte_array(b, little_endian != 0, is_signed != 0))
    })
}

/// `_PyLong_AsByteArray` (3.13 signature): writes the low `n` bytes of the int `v` (two's
/// complement if `is_signed`) into `bytes`.
/// Returns: 0, or -1 if `v` is negative and `!is_signed` (bytes untouched) or does not fit
/// (the low bytes are written all the same).
/// Errors: with `with_exceptions`, `OverflowError` ("can't convert negative int to
/// unsigned", "int too big to convert"); `SystemError` for NULL or a non-int `v`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyLong_AsByteArray(
    v: *mut PyLongObject,
    bytes: *mut c_uchar,
    n: usize,
    little_endian: c_int,
    is_signed: c_int,
    with_exceptions: c_int,
) -> c_int {
    guard("_PyLong_AsByteArray", || {
        let v = v.cast::<PyObject>();
        // SAFETY: NULL or live, per the C API.
        if v.is_null() || (bytes.is_null() && n > 0) || !unsafe { longobject::check(v) } {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: `n` writable bytes.
        unsafe {
            let out: &mut [u8] = if n == 0 { &mut [] } else { std::slice::from_raw_parts_mut(bytes, n) };
            match convert::to_byte_array(v, out, little_endian != 0, is_signed != 0) {
                Ok(()) => 0,
                Err(e) => {
                    if with_exceptions != 0 {
                        e.raise();
                    }
                    -1
                }
            }
        }
    })
}

/// Returns: the number of bits of `|v|` for the int `v` (0 for 0).
/// Errors: `(size_t)-1` with `SystemError` for NULL or a non-int.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyLong_NumBits(v: *mut PyObject) -> usize {
    guard_or("_PyLong_NumBits", usize::MAX, || {
        // SAFETY: NULL or live.
        if v.is_null() || !unsafe { longobject::check(v) } {
            errors::bad_internal_call();
            return usize::MAX;
        }
        // SAFETY: an int.
        unsafe { longobject::num_bits(v) as usize }
    })
}

/// Returns: -1, 0 or 1, the sign of the int `v`.
/// Errors: none for an int; -1 with `SystemError` for NULL or a non-int (CPython asserts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyLong_Sign(v: *mut PyObject) -> c_int {
    guard("_PyLong_Sign", || {
        // SAFETY: NULL or live.
        if v.is_null() || !unsafe { longobject::check(v) } {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: an int.
        unsafe { longobject::sign(v) }
    })
}

/// Returns: 1 if the int `op` has at most one digit (its value is then
/// [`PyUnstable_Long_CompactValue`]), else 0. (Also an inline function in the header.)
/// Errors: none; `op` must be an int.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnstable_Long_IsCompact(op: *const PyLongObject) -> c_int {
    // SAFETY: an int, per the C API.
    c_int::from(unsafe { longobject::is_compact(op.cast_mut().cast()) })
}

/// Returns: the value of the compact int `op`.
/// Errors: none; `op` must be a compact int.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnstable_Long_CompactValue(op: *const PyLongObject) -> Py_ssize_t {
    // SAFETY: a compact int, per the C API.
    unsafe { longobject::compact_value(op.cast_mut().cast()) as Py_ssize_t }
}

/// Returns: `True` if `v` is non-zero, else `False` (immortal; the reference may be
/// treated as new).
#[unsafe(no_mangle)]
pub extern "C" fn PyBool_FromLong(v: c_long) -> *mut PyObject {
    longobject::from_bool(v != 0)
}
