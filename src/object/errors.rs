//! The current exception, as CPython 3.12+ keeps it: one normalized exception instance per
//! thread state (`current_exception`), plus the exception being handled
//! (`handled_exception`, what `sys.exception()` returns), which a newly raised exception
//! records as its `__context__`.
//!
//! Every setter returns [`PyErr`], so Rust code writes `return Err(errors::type_error(..))`.
//! With no thread state attached there is nowhere to put an exception: setters then do
//! nothing (CPython crashes there).

use std::ptr::null_mut;

use super::*;
use crate::tstate::{current, ThreadState};

fn tstate<'a>() -> Option<&'a ThreadState> {
    let ts = current();
    // SAFETY: the attached thread state is live and only this thread uses its cells.
    (!ts.is_null()).then(|| unsafe { &*ts })
}

/// The current exception instance (borrowed), or NULL.
pub(crate) fn raised() -> *mut PyObject {
    tstate().map_or(null_mut(), |t| t.current_exception.get())
}

/// `PyErr_Occurred`: the current exception's type (borrowed), or NULL.
pub(crate) fn occurred() -> *mut PyObject {
    let exc = raised();
    // SAFETY: a live exception instance.
    if exc.is_null() {
        null_mut()
    } else {
        unsafe { type_of(exc).cast() }
    }
}

/// `PyErr_GetRaisedException`: takes the current exception (owned), leaving none.
pub(crate) fn take_raised() -> Owned {
    tstate().map_or(null_mut(), |t| t.current_exception.replace(null_mut()))
}

/// `PyErr_SetRaisedException`: makes `exc` (owned; NULL clears) the current exception.
pub(crate) unsafe fn set_raised(exc: Owned) -> PyErr {
    match tstate() {
        Some(t) => {
            let old = t.current_exception.replace(exc);
            // SAFETY: the previous one was owned by the thread state.
            unsafe { xdecref(old) };
        }
        // SAFETY: nowhere to keep it.
        None => unsafe { xdecref(exc) },
    }
    PyErr
}

/// `PyErr_Clear`.
pub(crate) fn clear() {
    // SAFETY: NULL clears.
    unsafe { set_raised(null_mut()) };
}

/// `PyErr_GetHandledException` (new reference or NULL).
pub(crate) fn handled() -> Owned {
    let exc = tstate().map_or(null_mut(), |t| t.handled_exception.get());
    // SAFETY: live or NULL.
    unsafe { xincref(exc) };
    exc
}

/// `PyErr_SetHandledException`: `exc` is borrowed; NULL or None clears.
pub(crate) unsafe fn set_handled(exc: *mut PyObject) {
    if let Some(t) = tstate() {
        // SAFETY: live or NULL, per caller.
        let new =
            if exc.is_null() || exc == singletons::none() { null_mut() } else { unsafe { new_ref(exc) } };
        let old = t.handled_exception.replace(new);
        // SAFETY: owned by the thread state.
        unsafe { xdecref(old) };
    }
}

/// `PyErr_SetObject`: raises `exc_type` with `value` (both borrowed): `value` itself if it is
/// an instance of the type, else the type called with it (a tuple gives the arguments).
pub(crate) unsafe fn set_object(exc_type: *mut PyObject, value: *mut PyObject) -> PyErr {
    // SAFETY: per caller, live objects or NULL value.
    unsafe {
        if exc_type.is_null() || !exceptions::is_exception_class(exc_type) {
            let shown = if exc_type.is_null() { "NULL".to_string() } else { repr_lossy(exc_type) };
            return system_error(&format!(
                "_PyErr_SetObject: exception {shown} is not a BaseException subclass"
            ));
        }
        let tp = exc_type as *mut PyTypeObject;
        let exc = if !value.is_null() && typeobject::type_check(value, tp) {
            new_ref(value)
        } else {
            match exceptions::create(tp, value) {
                Ok(e) => e,
                Err(e) => return e,
            }
        };
        chain_context(exc);
        set_raised(exc)
    }
}

/// Records the exception being handled as `exc.__context__`, as CPython does when raising
/// inside an `except` block, breaking any cycle that would make.
unsafe fn chain_context(exc: *mut PyObject) {
    let handled = tstate().map_or(null_mut(), |t| t.handled_exception.get());
    if handled.is_null() || handled == exc {
        return;
    }
    // SAFETY: both are live exception instances.
    unsafe {
        // If `exc` is already somewhere in the handled exception's context chain, cut the
        // chain there, so the contexts stay a list.
        let mut o = handled;
        while let Some(next) = exceptions::context_of(o) {
            if next == exc {
                exceptions::set_context(o, null_mut());
                break;
            }
            o = next;
        }
        exceptions::set_context(exc, new_ref(handled));
    }
}

/// `PyErr_SetString`: raises `exc_type` with the message `msg`.
pub(crate) fn set_string(exc_type: *mut PyTypeObject, msg: &str) -> PyErr {
    match unicodeobject::from_str(msg) {
        Ok(s) => {
            // SAFETY: a live type and a fresh string, dropped after use.
            unsafe {
                let e = set_object(exc_type.cast(), s);
                decref(s);
                e
            }
        }
        Err(e) => e,
    }
}

/// The repr of an object for a message; `<unprintable>` if repr itself fails.
pub(crate) unsafe fn repr_lossy(op: *mut PyObject) -> String {
    let saved = take_raised();
    // SAFETY: per caller.
    let text = unsafe { abstract_::repr(op) }
        .ok()
        .map(|r| {
            // SAFETY: a fresh str.
            let s = unsafe { unicodeobject::as_str(r) }.to_owned();
            // SAFETY: owned.
            unsafe { decref(r) };
            s
        })
        .unwrap_or_else(|| "<unprintable object>".into());
    // SAFETY: restoring what was there.
    unsafe { set_raised(saved) };
    text
}

macro_rules! error_kind {
    ($($fn:ident => $exc:ident),* $(,)?) => {
        $(
            #[doc = concat!("Raises `", stringify!($exc), "` with `msg`.")]
            pub(crate) fn $fn(msg: &str) -> PyErr {
                set_string(&raw mut exceptions::$exc, msg)
            }
        )*
    };
}

error_kind! {
    type_error => _PyExc_TypeError,
    value_error => _PyExc_ValueError,
    system_error => _PyExc_SystemError,
    overflow_error => _PyExc_OverflowError,
    index_error => _PyExc_IndexError,
    key_error_msg => _PyExc_KeyError,
    zero_division_error => _PyExc_ZeroDivisionError,
    runtime_error => _PyExc_RuntimeError,
    attribute_error => _PyExc_AttributeError,
    unicode_error => _PyExc_UnicodeError,
    buffer_error => _PyExc_BufferError,
    lookup_error => _PyExc_LookupError,
    not_implemented_error => _PyExc_NotImplementedError,
    recursion_error => _PyExc_RecursionError,
}

/// `PyErr_BadInternalCall`: a C caller broke a precondition (usually a NULL argument).
pub(crate) fn bad_internal_call() -> PyErr {
    system_error("bad argument to internal function")
}

/// abstract.c's `null_error`: a NULL argument to an object-protocol function. An exception
/// already set (typically by the call that produced the NULL) is kept, as CPython does.
pub(crate) fn null_error() -> PyErr {
    if occurred().is_null() {
        system_error("null argument to internal routine");
    }
    PyErr
}

/// Raises a `UnicodeDecodeError` for `data[start..end]` (CPython's `str()` of it reads
/// "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte").
pub(crate) fn unicode_decode_error(
    encoding: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    raise_new(exceptions::unicode::decode_error_new(
        encoding,
        data,
        start as Py_ssize_t,
        end as Py_ssize_t,
        reason,
    ))
}

/// Raises a freshly made exception instance (or the error making it raised).
fn raise_new(made: PyResult<Owned>) -> PyErr {
    match made {
        Ok(exc) => {
            // SAFETY: a fresh exception instance, dropped after raising.
            unsafe {
                let e = set_object(type_of(exc).cast(), exc);
                decref(exc);
                e
            }
        }
        Err(e) => e,
    }
}

/// Raises a `UnicodeEncodeError` for characters `start..end` of the str `text` (borrowed);
/// its `str()` reads "'ascii' codec can't encode character '\\xe9' in position 0: ...".
pub(crate) fn unicode_encode_error(
    encoding: &str,
    text: *mut PyObject,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    raise_new(exceptions::unicode::encode_error_new(
        encoding,
        text,
        start as Py_ssize_t,
        end as Py_ssize_t,
        reason,
    ))
}

/// `PyErr_BadArgument`.
pub(crate) fn bad_argument() -> PyErr {
    type_error("bad argument type for built-in operation")
}

/// `PyErr_NoMemory`: a `MemoryError`. When even that cannot be allocated, the shared,
/// immortal last-resort instance is raised (it carries no context, so nothing writes it).
pub(crate) fn no_memory() -> PyErr {
    let tp = &raw mut exceptions::_PyExc_MemoryError;
    // SAFETY: the type is a static; creating may fail, then the static instance serves.
    unsafe {
        match exceptions::create(tp, null_mut()) {
            Ok(exc) => set_raised(exc),
            Err(_) => set_raised(new_ref(exceptions::last_resort_memory_error())),
        }
    }
}

/// Whether the current exception is an instance of `exc_type` (`PyErr_ExceptionMatches`).
pub(crate) unsafe fn matches(exc_type: *mut PyTypeObject) -> bool {
    let exc = raised();
    // SAFETY: live objects.
    !exc.is_null() && unsafe { typeobject::is_subtype(type_of(exc), exc_type) }
}

/// `KeyError(key)`: the key wrapped in a 1-tuple, so that a tuple key is not taken as the
/// exception's arguments (CPython's `_PyErr_SetKeyError`).
pub(crate) unsafe fn key_error(key: *mut PyObject) -> PyErr {
    match tupleobject::pack(&[key]) {
        Ok(args) => {
            // SAFETY: a live type and a fresh tuple, dropped after use.
            unsafe {
                let e = set_object((&raw mut exceptions::_PyExc_KeyError).cast(), args);
                decref(args);
                e
            }
        }
        Err(e) => e,
    }
}
