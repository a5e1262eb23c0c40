//! The C API: every `extern "C"` function, grouped like CPython's headers. These are thin:
//! check arguments, run inside the panic guard, call the core, translate errors.
//!
//! They are `unsafe` because C hands them raw pointers; what a caller must guarantee beyond
//! what is checked (NULL, registry membership, thread-state tags) is CPython's documented
//! contract, stated in each doc comment, which is the C documentation.

#![allow(clippy::missing_safety_doc)]

pub mod abstract_;
pub mod attr;
pub mod bytearrayobject;
pub mod bytesobject;
pub mod call;
pub mod classobject;
pub mod ceval;
pub mod dictobject;
pub mod fileutils;
pub mod floatobject;
pub mod getargs;
pub mod heaptype;
pub mod initconfig;
pub mod iterobject;
pub mod listobject;
pub mod longobject;
pub mod memoryobject;
pub mod methodobject;
pub mod modsupport;
pub mod moduleobject;
pub mod object;
pub mod objimpl;
pub mod pathconfig;
pub mod pybuffer;
pub mod pycapsule;
pub mod pyerrors;
pub mod pylifecycle;
pub mod pymem;
pub mod pystate;
pub mod pythonrun;
pub mod setobject;
pub mod sliceobject;
pub mod subinterp;
pub mod tupleobject;
pub mod typeobject;
pub mod unicodeobject;
pub mod warnings;
pub mod weakrefobject;
