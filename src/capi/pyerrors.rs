//! Raising and inspecting exceptions (CPython's `pyerrors.h`). The current exception lives
//! in the thread state, as one normalized instance (CPython 3.12+). The exception
//! objects' accessors are in the submodules: `PyException_*`, the Unicode errors', and the
//! `SyntaxError`/`ImportError` helpers.

use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or, lossy_str};
use crate::object::{self, errors, exceptions, typeobject};

pub mod exception;
pub mod location;
pub mod unicode;

/// Raises `exc_type` with the message `message` (UTF-8).
///
/// Errors: a NULL or non-exception `exc_type` raises `SystemError` instead.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetString(exc_type: *mut PyObject, message: *const c_char) {
    guard("PyErr_SetString", || {
        // SAFETY: NULL or a C string, per the C API.
        let msg = unsafe { lossy_str(message) }.unwrap_or_default();
        // On failure to make the message, the MemoryError it raised stays set.
        if let Ok(s) = object::unicodeobject::from_str(&msg) {
            // SAFETY: `exc_type` is checked by set_object; `s` is ours.
            unsafe {
                errors::set_object(exc_type, s);
                object::decref(s);
            }
        }
    })
}

/// Raises `exc_type` with `value` (borrowed): `value` itself if it is an instance of the
/// type, else the type called with it (a tuple gives the arguments, NULL none). The
/// exception being handled, if any, becomes the new one's `__context__`.
///
/// Errors: a NULL or non-exception `exc_type` raises `SystemError` instead.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetObject(exc_type: *mut PyObject, value: *mut PyObject) {
    // SAFETY: live objects or NULL, per the C API.
    guard("PyErr_SetObject", || unsafe {
        errors::set_object(exc_type, value);
    })
}

/// Raises `exc_type` with no arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetNone(exc_type: *mut PyObject) {
    // SAFETY: forwarded.
    unsafe { PyErr_SetObject(exc_type, null_mut()) }
}

/// Returns: the type of the current exception (borrowed), or NULL if none is set (or no
/// thread state is attached).
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_Occurred() -> *mut PyObject {
    errors::occurred()
}

/// Clears the current exception.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_Clear() {
    errors::clear();
}

/// Takes the current exception, leaving none.
///
/// Returns: a new reference to the exception instance, or NULL if none was set.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_GetRaisedException() -> *mut PyObject {
    errors::take_raised()
}

/// Makes `exc` the current exception (stealing the reference); NULL clears.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetRaisedException(exc: *mut PyObject) {
    // SAFETY: an owned reference or NULL, per the C API.
    guard("PyErr_SetRaisedException", || unsafe {
        errors::set_raised(exc);
    })
}

/// Takes the current exception as (type, value, traceback), each a new reference or NULL
/// (CPython 3.12+ keeps exceptions normalized, so `value` is the instance).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_Fetch(
    ptype: *mut *mut PyObject,
    pvalue: *mut *mut PyObject,
    ptraceback: *mut *mut PyObject,
) {
    guard("PyErr_Fetch", || {
        let exc = errors::take_raised();
        // SAFETY: out-pointers are valid per the C API (NULL ones are skipped).
        unsafe {
            let (t, tb) = if exc.is_null() {
                (null_mut(), null_mut())
            } else {
                let t = object::new_ref(object::type_of(exc).cast());
                let tb = (*(exc as *mut PyBaseExceptionObject)).traceback;
                (t, object::xincref_ret(tb))
            };
            write_or_drop(ptype, t);
            write_or_drop(pvalue, exc);
            write_or_drop(ptraceback, tb);
        }
    })
}

unsafe fn write_or_drop(out: *mut *mut PyObject, v: *mut PyObject) {
    // SAFETY: per caller.
    unsafe {
        if out.is_null() {
            object::xdecref(v);
        } else {
            *out = v;
        }
    }
}

/// Sets the current exception from (type, value, traceback), stealing all three; a NULL
/// type clears. A value that is not an instance of the type is normalized (the type called
/// with it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_Restore(ptype: *mut PyObject, value: *mut PyObject, traceback: *mut PyObject) {
    guard("PyErr_Restore", || {
        // SAFETY: owned references or NULL, per the C API.
        unsafe {
            object::xdecref(traceback);
            if ptype.is_null() {
                object::xdecref(value);
                errors::clear();
                return;
            }
            if !value.is_null()
                && exceptions::is_exception_instance(value)
                && typeobject::is_subtype(object::type_of(value), ptype as *mut PyTypeObject)
            {
                object::decref(ptype);
                errors::set_raised(value);
                return;
            }
            errors::set_object(ptype, value);
            object::decref(ptype);
            object::xdecref(value);
        }
    })
}

/// Returns: 1 if the current exception is an instance of `exc` (a class or a tuple of
/// classes), else 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_ExceptionMatches(exc: *mut PyObject) -> c_int {
    // SAFETY: forwarded.
    unsafe { PyErr_GivenExceptionMatches(errors::occurred(), exc) }
}

/// Returns: 1 if `given` (an exception class or instance) matches `exc` (a class or a
/// tuple of classes, searched recursively), else 0; NULL arguments give 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_GivenExceptionMatches(given: *mut PyObject, exc: *mut PyObject) -> c_int {
    // SAFETY: live objects or NULL, per the C API.
    guard_or("PyErr_GivenExceptionMatches", 0, || c_int::from(unsafe { given_matches(given, exc) }))
}

unsafe fn given_matches(given: *mut PyObject, exc: *mut PyObject) -> bool {
    if given.is_null() || exc.is_null() {
        return false;
    }
    // SAFETY: per caller.
    unsafe {
        let tuple = &raw mut object::tupleobject::PyTuple_Type;
        if typeobject::type_check(exc, tuple) {
            return object::tupleobject::items(exc).iter().any(|&e| given_matches(given, e));
        }
        let given =
            if exceptions::is_exception_instance(given) { object::type_of(given).cast() } else { given };
        if exceptions::is_exception_class(given) && exceptions::is_exception_class(exc) {
            typeobject::is_subtype(given as *mut PyTypeObject, exc as *mut PyTypeObject)
        } else {
            given == exc
        }
    }
}

/// Raises `MemoryError`.
///
/// Returns: NULL, always (so a function can `return PyErr_NoMemory();`).
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_NoMemory() -> *mut PyObject {
    errors::no_memory();
    null_mut()
}

/// Raises `TypeError("bad argument type for built-in operation")`.
///
/// Returns: 0, always.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_BadArgument() -> c_int {
    errors::bad_argument();
    0
}

/// Raises `SystemError("bad argument to internal function")`: a C caller broke a
/// precondition.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_BadInternalCall() {
    errors::bad_internal_call();
}

/// Returns: the exception being handled (`sys.exception()`), a new reference, or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_GetHandledException() -> *mut PyObject {
    errors::handled()
}

/// Sets the exception being handled (borrowed); NULL or `None` clears.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetHandledException(exc: *mut PyObject) {
    // SAFETY: NULL or a live object, per the C API.
    guard("PyErr_SetHandledException", || unsafe { errors::set_handled(exc) })
}

/// The C bodies (src/c/format.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyErr_Format();
    fn subinterp_c_PyErr_FormatV();
}

/// `PyErr_Format(exception, format, ...)`: clears the current exception, formats the
/// message as `PyUnicode_FromFormat` does, and raises `exception` with it. Declared in
/// `pyerrors.h`; this symbol tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: NULL, always.
/// Errors: the formatting error instead, if formatting fails; `SystemError` if
/// `exception` is not an exception class (or NULL, where CPython crashes).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyErr_Format() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyErr_Format);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyErr_Format);
}

/// `PyErr_FormatV(exception, format, vargs)`: `PyErr_Format` with a `va_list`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyErr_FormatV() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyErr_FormatV);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyErr_FormatV);
}

/// Takes the exception being handled (`sys.exc_info()`) as (type, value, traceback), each a
/// new reference: `None`, NULL, `None` when nothing is handled (as CPython 3.13).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_GetExcInfo(
    ptype: *mut *mut PyObject,
    pvalue: *mut *mut PyObject,
    ptraceback: *mut *mut PyObject,
) {
    guard("PyErr_GetExcInfo", || {
        let value = errors::handled();
        // SAFETY: `value` is NULL or an owned exception; out-pointers per the C API.
        unsafe {
            let none = object::singletons::none();
            let (t, tb) = if value.is_null() {
                (object::new_ref(none), object::new_ref(none))
            } else {
                let tb = (*(value as *mut PyBaseExceptionObject)).traceback;
                (
                    object::new_ref(object::type_of(value).cast()),
                    object::new_ref(if tb.is_null() { none } else { tb }),
                )
            };
            write_or_drop(ptype, t);
            write_or_drop(pvalue, value);
            write_or_drop(ptraceback, tb);
        }
    })
}

/// Sets the exception being handled to `value`, stealing all three references (`type` and
/// `traceback` are ignored, as in CPython 3.11+); NULL or `None` clears.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetExcInfo(
    ptype: *mut PyObject,
    value: *mut PyObject,
    traceback: *mut PyObject,
) {
    guard("PyErr_SetExcInfo", || {
        // SAFETY: owned references or NULL, per the C API.
        unsafe {
            errors::set_handled(value);
            object::xdecref(value);
            object::xdecref(ptype);
            object::xdecref(traceback);
        }
    })
}

/// Makes `exc` (stolen) the current exception; if one is already set, `exc` becomes its
/// `__context__` instead (what `raise` inside `except` does). NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyErr_ChainExceptions1(exc: *mut PyObject) {
    guard("_PyErr_ChainExceptions1", || {
        if exc.is_null() {
            return;
        }
        // SAFETY: an owned exception instance, per the C API.
        unsafe {
            let cur = errors::take_raised();
            if cur.is_null() {
                errors::set_raised(exc);
            } else {
                exceptions::set_context(cur, exc);
                errors::set_raised(cur);
            }
        }
    })
}

/// `raise` semantics for a (type, value, traceback) triple: `*val` becomes an instance of
/// `*exc` (the type called with it, unless it already is one; a more derived instance's
/// class replaces `*exc`). Owned references in and out; if creating the instance fails,
/// the triple describes that error instead.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_NormalizeException(
    exc: *mut *mut PyObject,
    val: *mut *mut PyObject,
    tb: *mut *mut PyObject,
) {
    guard("PyErr_NormalizeException", || {
        if exc.is_null() || val.is_null() || tb.is_null() {
            errors::bad_internal_call();
            return;
        }
        // SAFETY: valid pointers to owned references or NULL, per the C API.
        unsafe { exceptions::normalize(&mut *exc, &mut *val) }
    })
}

/// Raises `exc(errno, strerror(errno))`, from the C `errno` (`OSError` picks the subclass:
/// ENOENT gives `FileNotFoundError`, ...; errno 0 gives the message "Error").
///
/// Returns: NULL, always.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetFromErrno(exc: *mut PyObject) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_SetFromErrnoWithFilenameObjects(exc, null_mut(), null_mut()) }
}

/// Raises `exc(errno, strerror(errno), filename)` from the C `errno` (see
/// `PyErr_SetFromErrno`); a NULL `filename` is left out.
///
/// Returns: NULL, always.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObject(
    exc: *mut PyObject,
    filename: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_SetFromErrnoWithFilenameObjects(exc, filename, null_mut()) }
}

/// Raises `exc(errno, strerror(errno), filename, None, filename2)` from the C `errno`
/// (`str()`: "[Errno 13] Permission denied: 'a' -> 'b'"); NULL file names are left out.
///
/// Returns: NULL, always. Errors: `SystemError` if `exc` is NULL or not a type.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObjects(
    exc: *mut PyObject,
    filename: *mut PyObject,
    filename2: *mut PyObject,
) -> *mut PyObject {
    // Read first: anything below may change errno.
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    guard("PyErr_SetFromErrnoWithFilenameObjects", || {
        // SAFETY: NULL or live objects, per the C API.
        unsafe {
            if exc.is_null() || !object::has_flag(object::type_of(exc), Py_TPFLAGS_TYPE_SUBCLASS) {
                errors::bad_internal_call();
                return null_mut();
            }
            exceptions::set_from_errno(exc as *mut PyTypeObject, errno, filename, filename2);
        }
        null_mut()
    })
}

/// Raises `exc(errno, strerror(errno), filename)` from the C `errno`, the file name decoded
/// from UTF-8 (invalid bytes are replaced: subinterp's strings cannot hold CPython's
/// surrogate escapes).
///
/// Returns: NULL, always.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilename(
    exc: *mut PyObject,
    filename: *const c_char,
) -> *mut PyObject {
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    guard("PyErr_SetFromErrnoWithFilename", || {
        // SAFETY: NULL or a C string, per the C API.
        let name = match unsafe { lossy_str(filename) } {
            Some(n) => match object::unicodeobject::from_str(&n) {
                Ok(o) => o,
                Err(_) => return null_mut(),
            },
            None => null_mut(),
        };
        // SAFETY: errno restored for the call below, which reads it first.
        unsafe {
            *libc::__errno_location() = errno;
            PyErr_SetFromErrnoWithFilenameObjects(exc, name, null_mut());
            object::xdecref(name);
        }
        null_mut()
    })
}

/// Reports the current exception (cleared) on stderr, for an error that cannot be raised
/// (in a destructor, a callback): "Exception ignored in: repr(obj)" (no such line for NULL
/// or `None`), then "Type: message", as CPython's default `sys.unraisablehook`. Does
/// nothing if no exception is set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_WriteUnraisable(obj: *mut PyObject) {
    // SAFETY: NULL or a live object, per the C API.
    guard("PyErr_WriteUnraisable", || unsafe { exceptions::display::write_unraisable(obj) })
}

/// A new exception class `name` ("module.Class": the class is named after the last dot,
/// the rest is its `__module__`) deriving from `base` (a class or a tuple of classes;
/// NULL: `Exception`). It is a heap type of the calling interpreter.
///
/// Returns: a new reference to the class.
/// Errors: NULL with `SystemError` ("PyErr_NewException: name must be module.class"),
/// `TypeError` for unusable bases (CPython's texts: "type 'bool' is not an acceptable base
/// type", "multiple bases have instance lay-out conflict", "duplicate base class X", "Cannot
/// create a consistent method resolution order (MRO) for bases A, B", metaclass conflict).
/// `dict` (NULL or a dict) is copied into the class's namespace; `__module__` comes from
/// `name` unless `dict` has one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_NewException(
    name: *const c_char,
    base: *mut PyObject,
    dict: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyErr_NewExceptionWithDoc(name, std::ptr::null(), base, dict) }
}

/// `PyErr_NewException` with the class's `__doc__` (NULL: none).
///
/// Returns: a new reference to the class. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyErr_NewExceptionWithDoc(
    name: *const c_char,
    doc: *const c_char,
    base: *mut PyObject,
    dict: *mut PyObject,
) -> *mut PyObject {
    guard("PyErr_NewExceptionWithDoc", || {
        if name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: C strings and NULL or live objects, per the C API.
        unsafe {
            let Ok(name) = CStr::from_ptr(name).to_str() else {
                errors::unicode_error("PyErr_NewException: the name is not UTF-8");
                return null_mut();
            };
            let Some(dot) = name.rfind('.') else {
                errors::system_error("PyErr_NewException: name must be module.class");
                return null_mut();
            };
            if !dict.is_null() && !object::dictobject::check(dict) {
                errors::bad_internal_call();
                return null_mut();
            }
            let doc =
                if doc.is_null() { None } else { Some(CStr::from_ptr(doc).to_string_lossy().into_owned()) };
            let base = if base.is_null() { exceptions::PyExc_Exception } else { base };
            let bases = if object::has_flag(object::type_of(base), Py_TPFLAGS_TUPLE_SUBCLASS) {
                object::new_ref(base)
            } else {
                match object::tupleobject::pack(&[base]) {
                    Ok(t) => t,
                    Err(_) => return null_mut(),
                }
            };
            let r = object::heaptype::new_type(&name[dot + 1..], &name[..dot], bases, doc.as_deref(), dict);
            object::decref(bases);
            r.unwrap_or(null_mut())
        }
    })
}

/// Returns: the name of an exception class (its `tp_name`, borrowed), or NULL (with
/// `SystemError`) if `ob` is not one (CPython asserts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyExceptionClass_Name(ob: *mut PyObject) -> *const c_char {
    guard("PyExceptionClass_Name", || {
        // SAFETY: NULL or a live object, per the C API.
        unsafe {
            if ob.is_null() || !exceptions::is_exception_class(ob) {
                errors::bad_internal_call();
                return std::ptr::null();
            }
            (*(ob as *mut PyTypeObject)).tp_name
        }
    })
}

/// A safe point: hands the GIL to a thread that asked for it (as `Py_MakePendingCalls`
/// does). Signal handlers come with the eval loop, so there is nothing else to run yet.
///
/// Returns: 0.
#[unsafe(no_mangle)]
pub extern "C" fn PyErr_CheckSignals() -> c_int {
    guard("PyErr_CheckSignals", || {
        let ts = crate::tstate::current();
        if !ts.is_null() {
            // SAFETY: attached on this thread.
            unsafe { crate::tstate::safe_point(ts) };
        }
        0
    })
}
