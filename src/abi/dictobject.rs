//! `dict` and `set`/`frozenset` as C sees them (`dictobject.h`, `setobject.h` and their
//! `cpython/` twins): CPython 3.13's public object heads. Only these heads are shared;
//! the tables behind them are subinterp's own (`src/object/dictobject/`,
//! `src/object/setobject/`).

#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

use core::ffi::c_int;

use super::*;

/// A dict's table. Opaque to C (CPython's `struct _dictkeysobject` is internal too).
pub struct PyDictKeysObject {
    _private: [u8; 0],
}

/// Split-table values. subinterp never splits a dict: `ma_values` is always NULL.
pub struct PyDictValues {
    _private: [u8; 0],
}

/// `dict`: CPython 3.13's `PyDictObject`. C code reads `ma_used` (`PyDict_GET_SIZE`).
#[repr(C)]
pub struct PyDictObject {
    pub ob_base: PyObject,
    /// Number of items.
    pub ma_used: Py_ssize_t,
    /// Deprecated in CPython since 3.12 (3.14 renames it `_ma_watcher_tag`). Here: a count of
    /// table replacements, which lets a lookup notice that a key's `__eq__` swapped the table.
    pub ma_version_tag: u64,
    pub ma_keys: *mut PyDictKeysObject,
    /// Always NULL (no split tables).
    pub ma_values: *mut PyDictValues,
}

/// `PySet_MINSIZE`: the entries of a set's inline table.
pub const PySet_MINSIZE: c_int = 8;

/// One slot of a set's table: empty (`key` NULL, `hash` 0), a dummy left by a removal
/// (`hash` -1), or active.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct setentry {
    pub key: *mut PyObject,
    pub hash: Py_hash_t,
}

/// `set` and `frozenset`: CPython 3.13's `PySetObject`. C code reads `used`
/// (`PySet_GET_SIZE`).
#[repr(C)]
pub struct PySetObject {
    pub ob_base: PyObject,
    /// Active and dummy entries.
    pub fill: Py_ssize_t,
    /// Active entries.
    pub used: Py_ssize_t,
    /// The table has `mask + 1` slots, a power of two.
    pub mask: Py_ssize_t,
    /// `smalltable` or an allocated table; never NULL.
    pub table: *mut setentry,
    /// A frozenset's hash once computed, else -1 (always -1 for a set).
    pub hash: Py_hash_t,
    /// Where `pop()` resumes its search.
    pub finger: Py_ssize_t,
    pub smalltable: [setentry; 8],
    pub weakreflist: *mut PyObject,
}
