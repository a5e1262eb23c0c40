//! Objects: the CPython-compatible object model (issue 3).
//!
//! Pure algorithmic cores with no dependence on the object layout live here too, so they
//! can be tested on their own.
pub(crate) mod bigint;
