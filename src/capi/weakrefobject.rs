//! Weak references (CPython's `weakrefobject.h`): `PyWeakref_NewRef`, `PyWeakref_NewProxy`,
//! `PyWeakref_GetRef`, `PyWeakref_GetObject`, and the functions a `tp_dealloc` or the
//! collector calls to clear them: `PyObject_ClearWeakRefs` (`object.h`),
//! `PyUnstable_Object_ClearWeakRefsNoCallbacks`, `_PyWeakref_ClearRef`.

use std::ffi::c_int;
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::weakrefobject::{self as wr, Kind};
use crate::object::{errors, singletons, type_of};

/// A weak reference to `ob`: calling it returns `ob` while `ob` lives, None after.
///
/// Parameters: `callback` (borrowed; NULL or None for none) is called with the dead weak
/// reference once `ob` is gone, if the reference itself still lives.
/// Returns: a new reference. Without a callback, the existing callback-less reference to `ob`
/// is returned if there is one (CPython shares it).
/// Errors: NULL with `TypeError` "cannot create weak reference to 'T' object" when `ob`'s
/// type has no weak reference list; `SystemError` for a NULL `ob` (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyWeakref_NewRef(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject {
    guard("PyWeakref_NewRef", || {
        if ob.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects per the C API.
        unsafe { wr::new(Kind::Ref, ob, callback) }.unwrap_or(null_mut())
    })
}

/// A weak proxy to `ob`: it forwards the object protocols (numbers, sequences, mappings,
/// iteration, comparison, str, attributes; and calls, as `weakref.CallableProxyType`, when
/// `ob` is callable) and raises `ReferenceError` "weakly-referenced object no longer exists"
/// once `ob` is gone. Proxies are unhashable.
///
/// Parameters: `callback` as for `PyWeakref_NewRef`.
/// Returns: a new reference; the callback-less proxy is shared, as the reference is.
/// Errors: as `PyWeakref_NewRef`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyWeakref_NewProxy(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject {
    guard("PyWeakref_NewProxy", || {
        if ob.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects per the C API.
        unsafe { wr::new(Kind::Proxy, ob, callback) }.unwrap_or(null_mut())
    })
}

/// The referent of the weak reference or proxy `ref` (CPython 3.13).
///
/// Returns: 1 with `*pobj` a new (strong) reference to the referent; 0 with `*pobj` NULL
/// when it is gone; -1 with `*pobj` NULL on error.
/// Errors: `TypeError` "expected a weakref" when `ref` is not one; `SystemError` "bad
/// argument to internal function" for a NULL `ref`. A NULL `pobj` also gives -1 and
/// `SystemError` (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyWeakref_GetRef(r: *mut PyObject, pobj: *mut *mut PyObject) -> c_int {
    guard("PyWeakref_GetRef", || {
        if pobj.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: `pobj` is writable per the C API; `r` NULL or live.
        unsafe {
            *pobj = null_mut();
            if r.is_null() {
                errors::bad_internal_call();
                return -1;
            }
            if !wr::is_weakref(r) {
                errors::type_error("expected a weakref");
                return -1;
            }
            let obj = wr::get_ref(r);
            *pobj = obj;
            (!obj.is_null()) as c_int
        }
    })
}

/// The referent of `ref`, or None once it is gone. Deprecated in CPython 3.13 (use
/// `PyWeakref_GetRef`): the referent can die while the caller uses it.
///
/// Returns: a borrowed reference.
/// Errors: NULL with `SystemError` "bad argument to internal function" when `ref` is NULL
/// or not a weak reference.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyWeakref_GetObject(r: *mut PyObject) -> *mut PyObject {
    guard("PyWeakref_GetObject", || {
        // SAFETY: `r` NULL or live.
        unsafe {
            if r.is_null() || !wr::is_weakref(r) {
                errors::bad_internal_call();
                return null_mut();
            }
            let obj = wr::get_ref(r);
            if obj.is_null() {
                return singletons::none();
            }
            crate::object::decref(obj);
            obj
        }
    })
}

/// Clears the weak references to `op`, which a type's `tp_dealloc` calls while `op`'s
/// count is 0 (before freeing it): every reference reads as dead from then on, and the
/// callbacks then run, newest registration first, each with its reference. An exception a
/// callback raises is reported as unraisable (as `PyErr_WriteUnraisable`) and does not
/// propagate; an exception set before the call is kept.
///
/// Errors: `SystemError` "bad argument to internal function" (nothing cleared) for a NULL
/// `op`, a type without weak references, or a count other than 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_ClearWeakRefs(op: *mut PyObject) {
    guard("PyObject_ClearWeakRefs", || {
        // SAFETY: `op` NULL or an object being destroyed, per the C API.
        unsafe {
            if op.is_null() || !wr::supports_weakrefs(type_of(op)) || (*op).ob_refcnt != 0 {
                errors::bad_internal_call();
                return;
            }
            wr::clear_weakrefs(op);
        }
    })
}

/// Clears the weak references to `op` without calling their callbacks (CPython 3.13's
/// unstable API): each reference reads as dead and keeps its callback until it dies.
/// Objects whose type has no weak reference list are left alone.
///
/// Errors: none; a NULL `op` does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyUnstable_Object_ClearWeakRefsNoCallbacks(op: *mut PyObject) {
    guard("PyUnstable_Object_ClearWeakRefsNoCallbacks", || {
        if !op.is_null() {
            // SAFETY: a live object per the C API.
            unsafe { wr::clear_weakrefs_no_callbacks(op) }
        }
    })
}

/// Detaches the weak reference `self` from its referent (it reads as dead) and keeps its
/// callback uncalled (CPython's `_PyWeakref_ClearRef`, used by collectors).
///
/// Errors: none; NULL or an object that is not a weak reference does nothing (CPython
/// asserts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyWeakref_ClearRef(self_: *mut PyWeakReference) {
    guard("_PyWeakref_ClearRef", || {
        let op = self_.cast::<PyObject>();
        // SAFETY: NULL or live per the C API.
        unsafe {
            if !op.is_null() && wr::is_weakref(op) {
                wr::clear_ref(op);
            }
        }
    })
}
