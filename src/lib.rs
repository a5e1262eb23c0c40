//! subinterp: many isolated interpreters in one process, each with its own GIL, behind
//! CPython's C-API.
//!
//! C programs link `libsubinterp.so` and include `Python.h`. See `ARCHITECTURE.md` for the
//! layers and invariants; in short:
//!
//! * [`runtime`] is the only process-wide mutable state;
//! * an interpreter ([`interp`]) owns everything else, including its GIL ([`gil`]) unless it
//!   shares the main one;
//! * a thread state ([`tstate`]) belongs to one interpreter and at most one OS thread;
//! * [`capi`] holds every exported function: literal, panic-guarded, pointer-checked.
//!
//! API conventions: CPython names keep CPython 3.13 semantics (PEP 788's 3.15 API too);
//! `Subinterp_*` functions are ours, return a `SubinterpResult` and never abort.

#![allow(non_snake_case, non_upper_case_globals)]
#![deny(unsafe_op_in_unsafe_fn)]

pub mod abi;
pub mod capi;

pub(crate) mod config;
pub(crate) mod ensure;
pub(crate) mod fatal;
pub(crate) mod ffi;
pub(crate) mod gil;
pub(crate) mod interp;
pub(crate) mod lifecycle;
pub(crate) mod runtime;
pub(crate) mod status;
pub(crate) mod tstate;

pub(crate) mod object;
#[cfg(test)]
mod tests;
