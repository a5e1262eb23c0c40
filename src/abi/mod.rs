//! Every layout and constant C code sees through `Python.h`.
//!
//! The layouts and constants are written twice on purpose: here, and by hand in the headers
//! under `include/` (CPython's header names), which C code sees; cbindgen generates only
//! function and global declarations. The ABI check in `systest/` (ctest) parses this module
//! tree on its own (so it is self-contained: only `core::ffi` types, no crate-internal
//! names, no `impl` blocks) and compares each `#[repr(C)]` struct's size, alignment, field
//! offsets and types, and each constant's value and type, with what a C compiler makes of
//! `include/Python.h`.
//!
//! C enums are spelled as `int` typedefs plus constants rather than Rust enums: C may pass
//! any integer, and an out-of-range value in a Rust enum is undefined behaviour.

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

/// `Py_ssize_t` is `ssize_t` (declared in the header prelude, not generated).
pub type Py_ssize_t = isize;

/// `wchar_t` as C's `<wchar.h>` declares it on the platforms we build for (32-bit signed).
pub type wchar_t = core::ffi::c_int;

/// Hash values (`Py_hash_t`, signed, pointer-sized) and their unsigned twin.
pub type Py_hash_t = isize;
pub type Py_uhash_t = usize;

pub mod bytearrayobject;
pub mod classobject;
pub mod dictobject;
pub mod floatobject;
pub mod initconfig;
pub mod longobject;
pub mod memoryobject;
pub mod methodobject;
pub mod modsupport;
pub mod moduleobject;
pub mod object;
pub mod pycapsule;
pub mod pyerrors;
pub mod pystate;
pub mod sliceobject;
pub mod typeslots;
pub mod unicodeobject;
pub mod weakrefobject;

pub use bytearrayobject::*;
pub use classobject::*;
pub use dictobject::*;
pub use floatobject::*;
pub use initconfig::*;
pub use longobject::*;
pub use memoryobject::*;
pub use methodobject::*;
pub use modsupport::*;
pub use moduleobject::*;
pub use object::*;
pub use pycapsule::*;
pub use pyerrors::*;
pub use pystate::*;
pub use sliceobject::*;
pub use typeslots::*;
pub use unicodeobject::*;
pub use weakrefobject::*;
