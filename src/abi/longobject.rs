//! `int` constants C code passes (`cpython/longobject.h`); the layout itself is in
//! `object.rs` with the other core objects.

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use core::ffi::c_int;

/// `PyLong_AsNativeBytes` flags: native endianness, C-like truncation, no `__index__`.
pub const Py_ASNATIVEBYTES_DEFAULTS: c_int = -1;
pub const Py_ASNATIVEBYTES_BIG_ENDIAN: c_int = 0;
pub const Py_ASNATIVEBYTES_LITTLE_ENDIAN: c_int = 1;
pub const Py_ASNATIVEBYTES_NATIVE_ENDIAN: c_int = 3;
/// The buffer is unsigned: a positive value with its top bit set fits.
pub const Py_ASNATIVEBYTES_UNSIGNED_BUFFER: c_int = 4;
/// Negative values raise ValueError.
pub const Py_ASNATIVEBYTES_REJECT_NEGATIVE: c_int = 8;
/// Objects with `__index__` are accepted.
pub const Py_ASNATIVEBYTES_ALLOW_INDEX: c_int = 16;

/// `_PyLong_NON_SIZE_BITS`: `lv_tag` holds the digit count above these bits.
pub const _PyLong_NON_SIZE_BITS: c_int = 3;
/// `_PyLong_SIGN_MASK`: the sign bits of `lv_tag` (0 positive, 1 zero, 2 negative).
pub const _PyLong_SIGN_MASK: c_int = 3;
