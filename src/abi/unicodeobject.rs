//! `str`'s types and constants (`unicodeobject.h`); its layouts are in `object.rs`.

/// A code point (`Py_UCS4`).
pub type Py_UCS4 = u32;

/// `state.interned` values (`PyUnicode_CHECK_INTERNED`).
pub const SSTATE_NOT_INTERNED: core::ffi::c_int = 0;
pub const SSTATE_INTERNED_MORTAL: core::ffi::c_int = 1;
pub const SSTATE_INTERNED_IMMORTAL: core::ffi::c_int = 2;
pub const SSTATE_INTERNED_IMMORTAL_STATIC: core::ffi::c_int = 3;

/// `PyUnicode_KIND` of an ASCII string (the only kind the macros report correctly here).
pub const PyUnicode_1BYTE_KIND: core::ffi::c_int = 1;
