//! The call protocol (CPython's `abstract.h` and `cpython/abstract.h` call API, `ceval.h`'s
//! recursion limit): `PyObject_Call*`, vectorcall (PEP 590), `Py_EnterRecursiveCall`.
//!
//! NULL arguments that CPython only asserts against raise `SystemError` here ("null
//! argument to internal routine" for a NULL callable, as `call.c`'s `null_error`; "bad
//! argument to internal function" for the rest).

use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::{call, dictobject, errors, has_flag, tupleobject, type_of, PyErr};

/// `PyTuple_Check`.
#[inline(always)]
unsafe fn is_tuple(op: *mut PyObject) -> bool {
    // SAFETY: per caller, a live object.
    unsafe { has_flag(type_of(op), Py_TPFLAGS_TUPLE_SUBCLASS) }
}

/// Checks the tuple/dict form's arguments: `args` a tuple, `kwargs` NULL or a dict.
unsafe fn check_tuple_dict(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> Result<(), PyErr> {
    if callable.is_null() {
        return Err(errors::null_error());
    }
    // SAFETY: NULL or live objects, per the C API.
    unsafe {
        if args.is_null() {
            return Err(errors::bad_internal_call());
        }
        if !is_tuple(args) {
            return Err(errors::type_error("argument list must be a tuple"));
        }
        if !kwargs.is_null() && !dictobject::check(kwargs) {
            return Err(errors::type_error("keyword list must be a dictionary"));
        }
    }
    Ok(())
}

/// Checks the vector form's arguments: a callable, and an array when there are arguments.
#[inline(always)]
fn check_vector(callable: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> Result<(), PyErr> {
    if callable.is_null() {
        return Err(errors::null_error());
    }
    if n > 0 && args.is_null() {
        return Err(errors::bad_internal_call());
    }
    Ok(())
}

/// Calls `callable(*args, **kwargs)`: its vectorcall if it has one, else its type's
/// `tp_call` (inside the recursion limit).
///
/// Parameters: `args` a tuple (borrowed); `kwargs` NULL or a dict (borrowed).
/// Returns: a new reference.
/// Errors: NULL with what the callable raised; `TypeError("'T' object is not callable")`;
/// `SystemError` if it returned NULL without an exception or a result with one;
/// `RecursionError` past the C recursion limit. NULL `callable` or `args`: `SystemError`
/// (CPython crashes); a non-tuple `args` or non-dict `kwargs`: `TypeError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Call(
    callable: *mut PyObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard("PyObject_Call", || {
        // SAFETY: checked above; live objects per the C API.
        unsafe {
            if check_tuple_dict(callable, args, kwargs).is_err() {
                return null_mut();
            }
            call::call(callable, args, kwargs)
        }
    })
}

/// Calls `callable(*args)`; `args` NULL means no arguments.
///
/// Returns: a new reference.
/// Errors: as `PyObject_Call`; `TypeError("argument list must be a tuple")` if `args` is
/// not a tuple.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CallObject(callable: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    guard("PyObject_CallObject", || {
        // SAFETY: NULL-checked; live objects per the C API.
        unsafe {
            if args.is_null() {
                if check_vector(callable, null_mut(), 0).is_err() {
                    return null_mut();
                }
                return call::vectorcall(callable, null_mut(), 0, null_mut());
            }
            if check_tuple_dict(callable, args, null_mut()).is_err() {
                return null_mut();
            }
            call::call(callable, args, null_mut())
        }
    })
}

/// Calls `func()`.
///
/// Returns: a new reference. Errors: as `PyObject_Call`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CallNoArgs(func: *mut PyObject) -> *mut PyObject {
    guard("PyObject_CallNoArgs", || {
        if check_vector(func, null_mut(), 0).is_err() {
            return null_mut();
        }
        // SAFETY: a live callable.
        unsafe { call::vectorcall(func, null_mut(), 0, null_mut()) }
    })
}

/// Calls `func(arg)`.
///
/// Returns: a new reference. Errors: as `PyObject_Call`; a NULL `arg` is `SystemError`
/// (CPython asserts).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CallOneArg(func: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    guard("PyObject_CallOneArg", || {
        if check_vector(func, null_mut(), 0).is_err() {
            return null_mut();
        }
        if arg.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // Slot 0 is free for the callee (PY_VECTORCALL_ARGUMENTS_OFFSET).
        let args = [null_mut(), arg];
        // SAFETY: live objects; the array outlives the call.
        unsafe { call::vectorcall(func, args.as_ptr().add(1), 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, null_mut()) }
    })
}

/// Calls `callable` with `args[0..nargs]` positional and one keyword argument per name in
/// `kwnames` (its values follow the positional ones in `args`). `nargsf` is `nargs`, with
/// `PY_VECTORCALL_ARGUMENTS_OFFSET` if the callee may overwrite `args[-1]`.
///
/// Parameters: all borrowed; `kwnames` NULL or a tuple of str.
/// Returns: a new reference.
/// Errors: as `PyObject_Call`; a NULL `args` with arguments is `SystemError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_Vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard("PyObject_Vectorcall", || {
        let n = call::nargs_of(nargsf);
        if check_vector(callable, args, n).is_err() {
            return null_mut();
        }
        // SAFETY: checked; live objects per the C API.
        unsafe {
            if !kwnames.is_null() && !is_tuple(kwnames) {
                errors::bad_internal_call();
                return null_mut();
            }
            if !kwnames.is_null() && args.is_null() && tupleobject::size(kwnames) > 0 {
                errors::bad_internal_call();
                return null_mut();
            }
            call::vectorcall(callable, args, nargsf, kwnames)
        }
    })
}

/// Like `PyObject_Vectorcall`, with the keyword arguments in a dict (NULL for none).
///
/// Returns: a new reference.
/// Errors: as `PyObject_Call`; `TypeError("keywords must be strings")` for a non-str key
/// when the callable takes vectorcall.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_VectorcallDict(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard("PyObject_VectorcallDict", || {
        if check_vector(callable, args, call::nargs_of(nargsf)).is_err() {
            return null_mut();
        }
        // SAFETY: checked; live objects per the C API.
        unsafe {
            if !kwargs.is_null() && !dictobject::check(kwargs) {
                errors::bad_internal_call();
                return null_mut();
            }
            call::vectorcall_dict(callable, args, nargsf, kwargs)
        }
    })
}

/// Calls `callable`'s vectorcall with a tuple and a dict (NULL for no keywords): what a
/// type that implements vectorcall puts in `tp_call`.
///
/// Returns: a new reference.
/// Errors: `TypeError("'T' object does not support vectorcall")` if the object has no
/// vectorcall (`tp_vectorcall_offset` or the slot is 0); else as `PyObject_Call`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyVectorcall_Call(
    callable: *mut PyObject,
    tuple: *mut PyObject,
    dict: *mut PyObject,
) -> *mut PyObject {
    guard("PyVectorcall_Call", || {
        // SAFETY: checked; live objects per the C API.
        unsafe {
            if check_tuple_dict(callable, tuple, dict).is_err() {
                return null_mut();
            }
            call::vectorcall_call(callable, tuple, dict)
        }
    })
}

/// Returns: `callable`'s vectorcall function, or NULL if its type lacks
/// `Py_TPFLAGS_HAVE_VECTORCALL` or the slot is empty (also for a NULL `callable`). Never
/// raises.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyVectorcall_Function(callable: *mut PyObject) -> vectorcallfunc {
    guard_or("PyVectorcall_Function", None, || {
        if callable.is_null() {
            return None;
        }
        // SAFETY: a live object.
        unsafe { call::vectorcall_func(callable) }
    })
}

/// Returns: the number of positional arguments in `nargsf` (without
/// `PY_VECTORCALL_ARGUMENTS_OFFSET`). The function form, for the stable ABI; C code gets
/// the inline one.
#[unsafe(no_mangle)]
pub extern "C" fn PyVectorcall_NARGS(nargsf: usize) -> Py_ssize_t {
    call::nargs_of(nargsf)
}

/// Makes a dict of `kwnames[i]: values[i]` (a repeated name keeps the last value): the
/// vector form's keywords as a `**kwargs` dict.
///
/// Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` if
/// `kwnames` is not a tuple or `values` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyStack_AsDict(values: *const *mut PyObject, kwnames: *mut PyObject) -> *mut PyObject {
    guard("_PyStack_AsDict", || {
        // SAFETY: checked; live objects per the C API.
        unsafe {
            if kwnames.is_null() || !is_tuple(kwnames) || (values.is_null() && tupleobject::size(kwnames) > 0)
            {
                errors::bad_internal_call();
                return null_mut();
            }
            call::stack_as_dict(values, kwnames).unwrap_or(null_mut())
        }
    })
}

/// Counts one more nested C call on the current thread state: C code that recurses calls
/// it before each level and `Py_LeaveRecursiveCall` after. The limit is CPython 3.13's C
/// recursion limit (10,000 levels on Linux); `where` is appended to the message (NULL: nothing).
///
/// Returns: 0, or -1 with `RecursionError("maximum recursion depth exceeded" + where)` set
/// (the call is then not counted).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_EnterRecursiveCall(where_: *const c_char) -> c_int {
    guard("Py_EnterRecursiveCall", || {
        // SAFETY: NULL or a NUL-terminated string, per the C API.
        match call::enter_with(|| unsafe { call::where_text(where_) }) {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// Ends a level counted by a successful `Py_EnterRecursiveCall`.
#[unsafe(no_mangle)]
pub extern "C" fn Py_LeaveRecursiveCall() {
    guard("Py_LeaveRecursiveCall", call::leave)
}

/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyObject_CallFunctionObjArgs();
}

/// `PyObject_CallFunctionObjArgs(callable, arg1, ..., NULL)`: calls `callable` with the
/// objects before the terminating NULL as positional arguments (C-variadic: the body is in
/// `src/c/call.c`).
///
/// Returns: a new reference. Errors: as `PyObject_Call`; `SystemError` for a NULL callable.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyObject_CallFunctionObjArgs() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyObject_CallFunctionObjArgs);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyObject_CallFunctionObjArgs);
}

/// The body of `PyObject_CallFunction` (called by `src/c/call.c` with its `va_list`):
/// builds the arguments from `format` and calls `callable` with them.
///
/// Returns: a new reference; NULL with an exception set.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_callfunction(
    callable: *mut PyObject,
    format: *const c_char,
    ap: *mut std::ffi::c_void,
) -> *mut PyObject {
    use crate::object::getargs::buildvalue::{build_call_args, CallArgs};
    use crate::object::getargs::CVaList;
    guard("PyObject_CallFunction", || {
        if callable.is_null() {
            errors::null_error();
            return null_mut();
        }
        // SAFETY: a live callable; NULL or a C string and the caller's live va_list.
        unsafe {
            let f: &[u8] = if format.is_null() { b"" } else { std::ffi::CStr::from_ptr(format).to_bytes() };
            match build_call_args(f, &mut CVaList(ap)) {
                Err(_) => null_mut(),
                Ok(CallArgs::Nothing) => call::vectorcall(callable, null_mut(), 0, null_mut()),
                Ok(CallArgs::One(v)) => {
                    // One spare slot in front, so the callee may use args[-1].
                    let stack = [null_mut(), v];
                    let r = call::vectorcall(
                        callable,
                        stack.as_ptr().add(1),
                        1 | PY_VECTORCALL_ARGUMENTS_OFFSET,
                        null_mut(),
                    );
                    crate::object::decref(v);
                    r
                }
                Ok(CallArgs::Tuple(t)) => {
                    let r = call::call(callable, t, null_mut());
                    crate::object::decref(t);
                    r
                }
            }
        }
    })
}

/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyObject_CallFunction();
}

/// `PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...)`: calls
/// `callable` with arguments built from `format` as `Py_BuildValue` builds values (C-variadic:
/// the body is in `src/c/call.c`). A NULL or empty format means no arguments; several
/// items are the positional arguments; a single item that is a tuple gives its items as the
/// arguments (so `"(ii)"` and `"ii"` are the same call), any other single item is the one
/// argument.
///
/// Returns: a new reference. Errors: as `PyObject_Call`, or the format's `SystemError`s and
/// conversion errors (`Py_BuildValue`'s; every `N` is consumed then too); a NULL callable:
/// `SystemError("null argument to internal routine")` (nothing is consumed).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyObject_CallFunction() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyObject_CallFunction);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyObject_CallFunction);
}

/// `_PyObject_CallFunction_SizeT`: [`PyObject_CallFunction`] under the name
/// `PY_SSIZE_T_CLEAN` gave it before 3.13 (still exported by CPython 3.13; not declared in
/// its headers).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _PyObject_CallFunction_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyObject_CallFunction);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyObject_CallFunction);
}
