//! `dict` (CPython's `dictobject.h` and `cpython/dictobject.h`), with CPython 3.13's
//! semantics. Where CPython crashes on a NULL or non-dict argument, these raise
//! `SystemError` ("bad argument to internal function") instead.

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::abi::*;
use crate::capi::unicodeobject::PyUnicode_FromString;
use crate::ffi::guard;
use crate::object::dictobject::{self as dict, Part};
use crate::object::{decref, errors, new_ref, type_name, type_of, unicodeobject, PyResult};

unsafe fn is_dict(op: *mut PyObject) -> bool {
    // SAFETY: NULL or live, per the C API.
    !op.is_null() && unsafe { dict::check(op) }
}

/// Runs `f` on a new `str` made from the C string `key`, dropped afterwards.
unsafe fn with_str_key<R>(key: *const c_char, f: impl FnOnce(*mut PyObject) -> PyResult<R>) -> PyResult<R> {
    if key.is_null() {
        return Err(errors::bad_internal_call());
    }
    // SAFETY: a NUL-terminated string, per the C API.
    let k = unsafe { PyUnicode_FromString(key) };
    if k.is_null() {
        return Err(crate::object::PyErr);
    }
    let r = f(k);
    // SAFETY: ours.
    unsafe { decref(k) };
    r
}

/// What CPython's default unraisable hook prints for an error a function must swallow
/// (`PyErr_FormatUnraisable`): `msg:` and the exception, on stderr. The error is cleared.
fn report_ignored(msg: &str) {
    let exc = errors::take_raised();
    if exc.is_null() {
        return;
    }
    // SAFETY: a live exception instance, owned until dropped here.
    unsafe {
        let name = type_name(type_of(exc)).into_owned();
        let text = match crate::object::abstract_::str(exc) {
            Ok(s) => {
                let t = unicodeobject::as_str(s).to_owned();
                decref(s);
                t
            }
            Err(_) => {
                errors::clear();
                "<exception str() failed>".to_owned()
            }
        };
        decref(exc);
        if text.is_empty() {
            eprintln!("{msg}:\n{name}");
        } else {
            eprintln!("{msg}:\n{name}: {text}");
        }
    }
}

/// `dict_getitem` of CPython 3.13: the lookup for the error-swallowing getters. A
/// pre-existing exception is kept; errors of the lookup are reported as unraisable.
unsafe fn getitem_ignoring_errors(mp: *mut PyObject, key: *mut PyObject, msg: &str) -> *mut PyObject {
    // SAFETY: per caller, a dict and a live key.
    unsafe {
        let hash = match dict::key::hash(key) {
            Ok(h) => h,
            Err(_) => {
                report_ignored(msg);
                return null_mut();
            }
        };
        let saved = errors::take_raised();
        let r = dict::get_known_hash(mp, key, hash);
        if r.is_err() && !errors::matches(&raw mut crate::object::exceptions::_PyExc_KeyError) {
            report_ignored(msg);
        }
        errors::set_raised(saved);
        r.ok().flatten().unwrap_or(null_mut())
    }
}

/// A new, empty dictionary.
///
/// Returns: a new reference. Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn PyDict_New() -> *mut PyObject {
    guard("PyDict_New", || dict::new().unwrap_or(null_mut()))
}

/// A new, empty dictionary with room for `minused` items before it resizes.
///
/// Returns: a new reference. Errors: NULL with `MemoryError`.
#[unsafe(no_mangle)]
pub extern "C" fn _PyDict_NewPresized(minused: Py_ssize_t) -> *mut PyObject {
    guard("_PyDict_NewPresized", || dict::new_presized(minused.max(0) as usize).unwrap_or(null_mut()))
}

/// `p[key] = val`. The dictionary takes its own references (nothing is stolen).
///
/// Returns: 0. Errors: -1 with `TypeError` if `key` is unhashable (or what its hash or
/// `__eq__` raised), `SystemError` if `p` is not a dict or an argument is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_SetItem(p: *mut PyObject, key: *mut PyObject, val: *mut PyObject) -> c_int {
    guard("PyDict_SetItem", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(p) || key.is_null() || val.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            if dict::set(p, key, val).is_ok() {
                0
            } else {
                -1
            }
        }
    })
}

/// `p[key] = val` with the key given as a UTF-8 C string.
///
/// Returns: 0. Errors: -1 with an exception set (decoding the key, or as `PyDict_SetItem`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_SetItemString(
    p: *mut PyObject,
    key: *const c_char,
    val: *mut PyObject,
) -> c_int {
    guard("PyDict_SetItemString", || {
        // SAFETY: forwarded to the checked entry point.
        let r = unsafe {
            with_str_key(
                key,
                |k| if PyDict_SetItem(p, k, val) == 0 { Ok(()) } else { Err(crate::object::PyErr) },
            )
        };
        if r.is_ok() {
            0
        } else {
            -1
        }
    })
}

/// `p[key]`, swallowing errors (CPython 3.13 reports them as unraisable, on stderr, and
/// keeps an exception that was already set).
///
/// Returns: the value (borrowed), or NULL if absent, if `p` is not a dict, or on error.
/// Prefer `PyDict_GetItemRef` or `PyDict_GetItemWithError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_GetItem(p: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard("PyDict_GetItem", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(p) || key.is_null() {
                return null_mut();
            }
            getitem_ignoring_errors(
                p,
                key,
                "Exception ignored in PyDict_GetItem(); consider using PyDict_GetItemRef() or \
                 PyDict_GetItemWithError()",
            )
        }
    })
}

/// `p[key]`.
///
/// Returns: the value (borrowed), or NULL without an exception if absent.
/// Errors: NULL with an exception set (unhashable key, a failing `__eq__`), `SystemError`
/// if `p` is not a dict or `key` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_GetItemWithError(p: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    guard("PyDict_GetItemWithError", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(p) || key.is_null() {
                errors::bad_internal_call();
                return null_mut();
            }
            dict::get(p, key).ok().flatten().unwrap_or(null_mut())
        }
    })
}

/// `p[key]` with the key given as a UTF-8 C string, swallowing errors like
/// `PyDict_GetItem`.
///
/// Returns: the value (borrowed) or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_GetItemString(p: *mut PyObject, key: *const c_char) -> *mut PyObject {
    guard("PyDict_GetItemString", || {
        const MSG: &str =
            "Exception ignored in PyDict_GetItemString(); consider using PyDict_GetItemRefString()";
        if key.is_null() {
            return null_mut();
        }
        // SAFETY: a NUL-terminated string, per the C API.
        let k = unsafe { PyUnicode_FromString(key) };
        if k.is_null() {
            report_ignored(MSG);
            return null_mut();
        }
        // SAFETY: NULL or a live object; `k` is ours.
        unsafe {
            let v = if is_dict(p) { getitem_ignoring_errors(p, k, MSG) } else { null_mut() };
            decref(k);
            v
        }
    })
}

/// `p[key]` into `*result` (CPython 3.13).
///
/// Returns: 1 with `*result` a new reference if present; 0 with `*result` NULL if absent.
/// Errors: -1 with `*result` NULL and an exception set (unhashable key, failing `__eq__`;
/// `SystemError` if `p` is not a dict or an argument is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_GetItemRef(
    p: *mut PyObject,
    key: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyDict_GetItemRef", || {
        if result.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: `result` is writable; the objects NULL or live, per the C API.
        unsafe {
            *result = null_mut();
            if !is_dict(p) || key.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            match dict::get(p, key) {
                Ok(Some(v)) => {
                    *result = new_ref(v);
                    1
                }
                Ok(None) => 0,
                Err(_) => -1,
            }
        }
    })
}

/// `PyDict_GetItemRef` with the key given as a UTF-8 C string (CPython 3.13).
///
/// Returns: 1 (`*result` a new reference), 0 (absent, `*result` NULL).
/// Errors: -1 with `*result` NULL and an exception set (decoding the key too).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_GetItemStringRef(
    p: *mut PyObject,
    key: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyDict_GetItemStringRef", || {
        if result.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: `result` is writable; the rest is forwarded to the checked entry point.
        unsafe {
            *result = null_mut();
            let mut rc = -1;
            let _ = with_str_key(key, |k| {
                rc = PyDict_GetItemRef(p, k, result);
                Ok(())
            });
            rc
        }
    })
}

/// `del p[key]`.
///
/// Returns: 0. Errors: -1 with `KeyError(key)` if absent, `TypeError` for an unhashable
/// key, `SystemError` if `p` is not a dict or `key` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_DelItem(p: *mut PyObject, key: *mut PyObject) -> c_int {
    guard("PyDict_DelItem", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(p) || key.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            if dict::del(p, key).is_ok() {
                0
            } else {
                -1
            }
        }
    })
}

/// `del p[key]` with the key given as a UTF-8 C string.
///
/// Returns: 0. Errors: -1 with an exception set, as `PyDict_DelItem`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_DelItemString(p: *mut PyObject, key: *const c_char) -> c_int {
    guard("PyDict_DelItemString", || {
        // SAFETY: forwarded to the checked entry point.
        let r = unsafe {
            with_str_key(key, |k| if PyDict_DelItem(p, k) == 0 { Ok(()) } else { Err(crate::object::PyErr) })
        };
        if r.is_ok() {
            0
        } else {
            -1
        }
    })
}

/// `key in p`.
///
/// Returns: 1 if present, 0 if not. Errors: -1 with an exception set (unhashable key,
/// failing `__eq__`; `SystemError` if `p` is not a dict, where CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Contains(p: *mut PyObject, key: *mut PyObject) -> c_int {
    guard("PyDict_Contains", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(p) || key.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            match dict::contains(p, key) {
                Ok(b) => c_int::from(b),
                Err(_) => -1,
            }
        }
    })
}

/// `key in p` with the key given as a UTF-8 C string (CPython 3.13).
///
/// Returns: 1 or 0. Errors: -1 with an exception set, as `PyDict_Contains`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_ContainsString(p: *mut PyObject, key: *const c_char) -> c_int {
    guard("PyDict_ContainsString", || {
        let mut rc = -1;
        // SAFETY: forwarded to the checked entry point.
        let _ = unsafe {
            with_str_key(key, |k| {
                rc = PyDict_Contains(p, k);
                Ok(())
            })
        };
        rc
    })
}

/// Returns: the number of items. Errors: -1 with `SystemError` if `p` is not a dict.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Size(p: *mut PyObject) -> Py_ssize_t {
    guard("PyDict_Size", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_dict(p) {
                errors::bad_internal_call();
                return -1;
            }
            dict::size(p)
        }
    })
}

unsafe fn list_of(p: *mut PyObject, part: Part) -> *mut PyObject {
    // SAFETY: NULL or live, per the C API.
    unsafe {
        if !is_dict(p) {
            errors::bad_internal_call();
            return null_mut();
        }
        dict::to_list(p, part).unwrap_or(null_mut())
    }
}

/// The keys, in insertion order.
///
/// Returns: a new list. Errors: NULL with `SystemError` if `p` is not a dict, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Keys(p: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked inside.
    guard("PyDict_Keys", || unsafe { list_of(p, Part::Keys) })
}

/// The values, in insertion order.
///
/// Returns: a new list. Errors: NULL with `SystemError` if `p` is not a dict, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Values(p: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked inside.
    guard("PyDict_Values", || unsafe { list_of(p, Part::Values) })
}

/// The `(key, value)` pairs, in insertion order.
///
/// Returns: a new list of new 2-tuples. Errors: NULL with `SystemError` if `p` is not a
/// dict, `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Items(p: *mut PyObject) -> *mut PyObject {
    // SAFETY: checked inside.
    guard("PyDict_Items", || unsafe { list_of(p, Part::Items) })
}

/// Iterates over the items in insertion order. Start with `*ppos = 0`; each call stores the
/// next key and value in `*pkey` and `*pvalue` (either may be NULL) and advances `*ppos`
/// (an opaque position). The dict must not change size meanwhile (replacing values of
/// existing keys is fine).
///
/// Returns: 1 for an item (borrowed references), 0 at the end. Not a dict, or a NULL
/// `ppos`: 0 (no error).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Next(
    p: *mut PyObject,
    ppos: *mut Py_ssize_t,
    pkey: *mut *mut PyObject,
    pvalue: *mut *mut PyObject,
) -> c_int {
    guard("PyDict_Next", || {
        // SAFETY: NULL or live, per the C API; the out-pointers are writable if not NULL.
        unsafe {
            if !is_dict(p) || ppos.is_null() {
                return 0;
            }
            let Some((k, v)) = dict::next(p, &mut *ppos) else { return 0 };
            if !pkey.is_null() {
                *pkey = k;
            }
            if !pvalue.is_null() {
                *pvalue = v;
            }
            1
        }
    })
}

/// Removes every item. Not a dict: nothing happens.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Clear(p: *mut PyObject) {
    guard("PyDict_Clear", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if is_dict(p) {
                dict::clear(p);
            }
        }
    })
}

/// A shallow copy (an exact `dict`, also for a subclass).
///
/// Returns: a new reference. Errors: NULL with `SystemError` if `p` is not a dict,
/// `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Copy(p: *mut PyObject) -> *mut PyObject {
    guard("PyDict_Copy", || {
        // SAFETY: NULL or live, per the C API.
        unsafe {
            if !is_dict(p) {
                errors::bad_internal_call();
                return null_mut();
            }
            dict::copy(p).unwrap_or(null_mut())
        }
    })
}

/// Adds the items of `b` to `a`, replacing the values of keys already present if
/// `override` is non-zero. `b` must be a dict (a subclass is read as a dict): CPython reads
/// other mappings through their `keys()` method, an attribute call not available yet; for
/// them this raises `AttributeError: 'T' object has no attribute 'keys'`, CPython's error
/// for an object that has no `keys`.
///
/// Returns: 0. Errors: -1 with an exception set (a failing `__eq__`, `RuntimeError` "dict
/// mutated during update", `SystemError` if `a` is not a dict or `b` is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Merge(a: *mut PyObject, b: *mut PyObject, override_: c_int) -> c_int {
    guard("PyDict_Merge", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(a) || b.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            if dict::merge(a, b, c_int::from(override_ != 0)).is_ok() {
                0
            } else {
                -1
            }
        }
    })
}

/// `a.update(b)` for a dict `b`: `PyDict_Merge(a, b, 1)`.
///
/// Returns: 0. Errors: -1 with an exception set, as `PyDict_Merge`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Update(a: *mut PyObject, b: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyDict_Merge(a, b, 1) }
}

/// Adds the items of `seq2`, an iterable of 2-item sequences (key, value), to `d`; with
/// `override` zero, keys already present keep their values.
///
/// Returns: 0. Errors: -1 with `TypeError` ("cannot convert dictionary update sequence
/// element #N to a sequence"), `ValueError` ("dictionary update sequence element #N has
/// length L; 2 is required"), what iterating raised, `SystemError` if `d` is not a dict or
/// `seq2` is NULL. Items before the bad element stay added.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_MergeFromSeq2(
    d: *mut PyObject,
    seq2: *mut PyObject,
    override_: c_int,
) -> c_int {
    guard("PyDict_MergeFromSeq2", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(d) || seq2.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            if dict::merge_from_seq2(d, seq2, override_ != 0).is_ok() {
                0
            } else {
                -1
            }
        }
    })
}

/// `p.setdefault(key, defaultobj)`: inserts `defaultobj` if `key` is absent.
///
/// Returns: the value now stored for `key` (borrowed).
/// Errors: NULL with an exception set (unhashable key; `SystemError` if `p` is not a dict
/// or an argument is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_SetDefault(
    p: *mut PyObject,
    key: *mut PyObject,
    defaultobj: *mut PyObject,
) -> *mut PyObject {
    guard("PyDict_SetDefault", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if !is_dict(p) || key.is_null() || defaultobj.is_null() {
                errors::bad_internal_call();
                return null_mut();
            }
            dict::setdefault(p, key, defaultobj).map_or(null_mut(), |(v, _)| v)
        }
    })
}

/// Inserts `default_value` for `key` if absent (CPython 3.13). If `result` is not NULL,
/// `*result` receives a new reference to the value now stored (NULL on error).
///
/// Returns: 1 if `key` was present (nothing inserted), 0 if `default_value` was inserted.
/// Errors: -1 with an exception set (unhashable key; `SystemError` if `p` is not a dict or
/// an argument is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_SetDefaultRef(
    p: *mut PyObject,
    key: *mut PyObject,
    default_value: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyDict_SetDefaultRef", || {
        // SAFETY: NULL or live objects and a writable `result` if not NULL, per the C API.
        unsafe {
            if !result.is_null() {
                *result = null_mut();
            }
            if !is_dict(p) || key.is_null() || default_value.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            match dict::setdefault(p, key, default_value) {
                Ok((v, present)) => {
                    if !result.is_null() {
                        *result = new_ref(v);
                    }
                    c_int::from(present)
                }
                Err(_) => -1,
            }
        }
    })
}

/// Removes `key` (CPython 3.13). If `result` is not NULL, `*result` receives the removed
/// value (a new reference), or NULL. An empty dict returns 0 without hashing the key.
///
/// Returns: 1 if `key` was present, 0 if not (no `KeyError`).
/// Errors: -1 with `*result` NULL and an exception set (unhashable key; `SystemError` if
/// `p` is not a dict or `key` is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_Pop(
    p: *mut PyObject,
    key: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyDict_Pop", || {
        // SAFETY: NULL or live objects and a writable `result` if not NULL, per the C API.
        unsafe {
            if !result.is_null() {
                *result = null_mut();
            }
            if !is_dict(p) || key.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            match dict::pop(p, key, false) {
                Ok(Some(v)) => {
                    if result.is_null() {
                        decref(v);
                    } else {
                        *result = v;
                    }
                    1
                }
                Ok(None) => 0,
                Err(_) => -1,
            }
        }
    })
}

/// `PyDict_Pop` with the key given as a UTF-8 C string (CPython 3.13).
///
/// Returns: 1 or 0, as `PyDict_Pop`. Errors: -1 with `*result` NULL and an exception set
/// (decoding the key too).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDict_PopString(
    p: *mut PyObject,
    key: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyDict_PopString", || {
        // SAFETY: a writable `result` if not NULL; the rest is forwarded.
        unsafe {
            if !result.is_null() {
                *result = null_mut();
            }
            let mut rc = -1;
            let _ = with_str_key(key, |k| {
                rc = PyDict_Pop(p, k, result);
                Ok(())
            });
            rc
        }
    })
}
