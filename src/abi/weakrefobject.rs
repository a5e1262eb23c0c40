//! Weak references (CPython's `weakrefobject.h`, `cpython/weakrefobject.h`).

use super::object::{vectorcallfunc, PyObject};
use super::Py_hash_t;

/// `weakref.ReferenceType`, `ProxyType` and `CallableProxyType` instances (CPython 3.13's
/// layout, default build).
#[repr(C)]
pub struct PyWeakReference {
    pub ob_base: PyObject,
    /// The referent (not counted), or `Py_None` once cleared.
    pub wr_object: *mut PyObject,
    /// Called with the weak reference when the referent dies; NULL for none (strong).
    pub wr_callback: *mut PyObject,
    /// The referent's hash once computed, else -1.
    pub hash: Py_hash_t,
    /// The referent's doubly-linked, NULL-terminated list of weak references.
    pub wr_prev: *mut PyWeakReference,
    pub wr_next: *mut PyWeakReference,
    /// Calling a reference returns the referent or None.
    pub vectorcall: vectorcallfunc,
}
