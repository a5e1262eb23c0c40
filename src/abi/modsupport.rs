//! `modsupport.h`: the constants of argument parsing (the module-support ones,
//! `PYTHON_API_VERSION` and `PYTHON_ABI_VERSION`, are in `moduleobject.rs`).

use core::ffi::c_int;

/// An `O&` converter returns this to be called again with NULL if parsing fails later.
pub const Py_CLEANUP_SUPPORTED: c_int = 0x20000;
