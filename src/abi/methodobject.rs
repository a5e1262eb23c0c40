//! Builtin functions and methods (CPython's `methodobject.h`, `cpython/methodobject.h`) and
//! the vectorcall constant of `abstract.h`.

use core::ffi::c_int;

use super::object::{vectorcallfunc, PyMethodDef, PyObject, PyTypeObject};
use super::Py_ssize_t;

/// `METH_FASTCALL` functions: `(self, args, nargs)`.
pub type PyCFunctionFast =
    Option<unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject>;
/// `METH_VARARGS | METH_KEYWORDS` functions: `(self, args, kwargs)`.
pub type PyCFunctionWithKeywords =
    Option<unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject>;
/// `METH_FASTCALL | METH_KEYWORDS` functions: `(self, args, nargs, kwnames)`.
pub type PyCFunctionFastWithKeywords = Option<
    unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t, *mut PyObject) -> *mut PyObject,
>;
/// `METH_METHOD | METH_FASTCALL | METH_KEYWORDS` functions: `(self, defining class, args,
/// nargs, kwnames)`.
pub type PyCMethod = Option<
    unsafe extern "C" fn(
        *mut PyObject,
        *mut PyTypeObject,
        *const *mut PyObject,
        usize,
        *mut PyObject,
    ) -> *mut PyObject,
>;

/// `builtin_function_or_method` instances (CPython 3.13's layout).
#[repr(C)]
pub struct PyCFunctionObject {
    pub ob_base: PyObject,
    /// The definition (borrowed: it must outlive the function).
    pub m_ml: *mut PyMethodDef,
    /// Passed as `self` to the C function; NULL or a strong reference.
    pub m_self: *mut PyObject,
    /// `__module__`: NULL or a strong reference to anything.
    pub m_module: *mut PyObject,
    /// Weak references to this function.
    pub m_weakreflist: *mut PyObject,
    /// The calling convention's entry point (NULL for `METH_VARARGS`: `tp_call` is used).
    pub vectorcall: vectorcallfunc,
}

/// `builtin_method` instances: a `METH_METHOD` function with its defining class.
#[repr(C)]
pub struct PyCMethodObject {
    pub func: PyCFunctionObject,
    /// The class that defines the method (strong reference).
    pub mm_class: *mut PyTypeObject,
}

/// Set in `nargsf` when the callee may overwrite `args[-1]` (PEP 590).
pub const PY_VECTORCALL_ARGUMENTS_OFFSET: usize = 1 << (8 * core::mem::size_of::<usize>() - 1);

/// Stackless Python's bit; 0 here, as in CPython builds without Stackless.
pub const METH_STACKLESS: c_int = 0x0000;
