//! `modsupport.h`: the constants of argument parsing and module support.

use core::ffi::c_int;

/// An `O&` converter returns this to be called again with NULL if parsing fails later.
pub const Py_CLEANUP_SUPPORTED: c_int = 0x20000;
/// The C API version (`PYTHON_API_STRING` is its text).
pub const PYTHON_API_VERSION: c_int = 1013;
/// The stable ABI version (PEP 384; `PYTHON_ABI_STRING` is its text).
pub const PYTHON_ABI_VERSION: c_int = 3;
