//! The C API: every `extern "C"` function, grouped like CPython's headers. These are thin:
//! check arguments, run inside the panic guard, call the core, translate errors.

pub mod ceval;
pub mod fileutils;
pub mod initconfig;
pub mod pathconfig;
pub mod pylifecycle;
pub mod pymem;
pub mod pystate;
pub mod subinterp;
