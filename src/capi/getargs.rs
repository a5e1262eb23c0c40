//! Argument parsing (`modsupport.h`): `PyArg_Parse`, `PyArg_ParseTuple`, `PyArg_VaParse`,
//! `PyArg_ParseTupleAndKeywords`, `PyArg_VaParseTupleAndKeywords`, `PyArg_UnpackTuple`
//! (C-variadic: naked symbols jumping to their C bodies in `src/c/getargs.c`, which call
//! back the guarded functions here), `PyArg_ValidateKeywordArguments`, and the private
//! helpers CPython 3.13 exports (`_PyArg_NoKeywords`, `_PyArg_NoPositional`,
//! `_PyArg_CheckPositional`, `_PyArg_BadArgument`, the `_SizeT` aliases).
//!
//! The format language itself is `crate::object::getargs`.

use std::ffi::{c_char, c_int, c_void, CStr};

use crate::abi::*;
use crate::ffi::guard_or;
use crate::object::getargs::{self, CVaList};
use crate::object::{dictobject, errors, has_flag, type_of};

/// The body of `PyArg_Parse` (`compat` 1: `args` is the one object to convert) and
/// `PyArg_ParseTuple`/`PyArg_VaParse` (`compat` 0), called by `src/c/getargs.c`.
///
/// Returns: 1 on success, 0 with an exception set.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_getargs_tuple(
    args: *mut PyObject,
    format: *const c_char,
    ap: *mut c_void,
    compat: c_int,
) -> c_int {
    guard_or("PyArg_ParseTuple", 0, || {
        // SAFETY: per the C API; `ap` is the caller's live va_list.
        unsafe {
            if format.is_null() {
                errors::bad_internal_call();
                return 0;
            }
            if compat == 0 && (args.is_null() || !has_flag(type_of(args), Py_TPFLAGS_TUPLE_SUBCLASS)) {
                errors::system_error("new style getargs format but argument is not a tuple");
                return 0;
            }
            getargs::parse_tuple(args, format, &mut CVaList(ap), compat != 0) as c_int
        }
    })
}

/// The body of `PyArg_ParseTupleAndKeywords` and `PyArg_VaParseTupleAndKeywords`, called
/// by `src/c/getargs.c`.
///
/// Returns: 1 on success, 0 with an exception set (`SystemError` for a non-tuple `args`,
/// a non-dict `kwargs`, a NULL `format` or `kwlist`).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_getargs_keywords(
    args: *mut PyObject,
    kwargs: *mut PyObject,
    format: *const c_char,
    kwlist: *const *const c_char,
    ap: *mut c_void,
) -> c_int {
    guard_or("PyArg_ParseTupleAndKeywords", 0, || {
        // SAFETY: per the C API; `ap` is the caller's live va_list.
        unsafe {
            if args.is_null()
                || !has_flag(type_of(args), Py_TPFLAGS_TUPLE_SUBCLASS)
                || (!kwargs.is_null() && !dictobject::check(kwargs))
                || format.is_null()
                || kwlist.is_null()
            {
                errors::bad_internal_call();
                return 0;
            }
            getargs::parse_keywords(args, kwargs, CStr::from_ptr(format), kwlist, &mut CVaList(ap)) as c_int
        }
    })
}

/// The body of `PyArg_UnpackTuple`, called by `src/c/getargs.c`.
///
/// Returns: 1 on success, 0 with an exception set.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_getargs_unpack(
    args: *mut PyObject,
    name: *const c_char,
    min: Py_ssize_t,
    max: Py_ssize_t,
    ap: *mut c_void,
) -> c_int {
    guard_or("PyArg_UnpackTuple", 0, || {
        // SAFETY: per the C API.
        unsafe {
            let name = crate::ffi::lossy_str(name);
            getargs::unpack_tuple(args, name.as_deref(), min, max, &mut CVaList(ap)) as c_int
        }
    })
}

/// Checks that every key of the dict `kwargs` is a `str`.
///
/// Returns: 1 if so; 0 with `TypeError("keywords must be strings")` if not.
/// Errors: `SystemError` if `kwargs` is NULL or not a dict.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyArg_ValidateKeywordArguments(kwargs: *mut PyObject) -> c_int {
    guard_or("PyArg_ValidateKeywordArguments", 0, || {
        // SAFETY: NULL or live, per the C API.
        unsafe { getargs::validate_keywords(kwargs) as c_int }
    })
}

/// CPython's private `_PyArg_NoKeywords` (exported by 3.13, declared only in its internal
/// headers): for functions taking no keyword arguments.
///
/// Returns: 1 if `kwargs` is NULL or an empty dict; 0 with
/// `TypeError("F() takes no keyword arguments")` if it has items.
/// Errors: `SystemError` if `kwargs` is not exactly a dict.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyArg_NoKeywords(funcname: *const c_char, kwargs: *mut PyObject) -> c_int {
    guard_or("_PyArg_NoKeywords", 0, || {
        // SAFETY: NULL or live, per the C API.
        unsafe { takes_none(funcname, kwargs, &raw mut dictobject::PyDict_Type, dictobject::size, "keyword") }
    })
}

/// CPython's private `_PyArg_NoPositional`: for functions taking no positional arguments.
///
/// Returns: 1 if `args` is NULL or an empty tuple; 0 with
/// `TypeError("F() takes no positional arguments")` if it has items.
/// Errors: `SystemError` if `args` is not exactly a tuple.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyArg_NoPositional(funcname: *const c_char, args: *mut PyObject) -> c_int {
    guard_or("_PyArg_NoPositional", 0, || {
        use crate::object::tupleobject;
        // SAFETY: NULL or live, per the C API.
        unsafe {
            takes_none(funcname, args, &raw mut tupleobject::PyTuple_Type, tupleobject::size, "positional")
        }
    })
}

/// The body of [`_PyArg_NoKeywords`] and [`_PyArg_NoPositional`]: 1 if `obj` is NULL or
/// empty (`len` 0); 0 with `SystemError` if its type is not exactly `exact`; 0 with
/// `TypeError("F() takes no {kind} arguments")` (the name cut to 200 bytes) if it has items.
///
/// # Safety
/// `obj` is NULL or live; `len` reads an object of type `exact`; `funcname` is NULL or a C
/// string.
unsafe fn takes_none(
    funcname: *const c_char,
    obj: *mut PyObject,
    exact: *mut PyTypeObject,
    len: unsafe fn(*mut PyObject) -> Py_ssize_t,
    kind: &str,
) -> c_int {
    if obj.is_null() {
        return 1;
    }
    // SAFETY: per caller.
    unsafe {
        if type_of(obj) != exact {
            errors::bad_internal_call();
            return 0;
        }
        if len(obj) == 0 {
            return 1;
        }
        let name = crate::ffi::lossy_str(funcname).unwrap_or_default();
        let name = crate::object::buffer::truncate_bytes(&name, 200);
        errors::type_error(&format!("{name}() takes no {kind} arguments"));
    }
    0
}

/// CPython's private `_PyArg_CheckPositional` (Argument Clinic's arity check).
///
/// Returns: 1 if `min <= nargs <= max` (or `nargs` is 0 and `min` is 0); 0 with
/// `TypeError("NAME expected N arguments, got M")` (or "unpacked tuple should have ..."
/// when `name` is NULL) otherwise.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyArg_CheckPositional(
    name: *const c_char,
    nargs: Py_ssize_t,
    min: Py_ssize_t,
    max: Py_ssize_t,
) -> c_int {
    guard_or("_PyArg_CheckPositional", 0, || {
        // SAFETY: NULL or a C string, per the C API.
        let name = unsafe { crate::ffi::lossy_str(name) };
        getargs::check_positional(name.as_deref(), nargs, min, max) as c_int
    })
}

/// CPython's private `_PyArg_BadArgument`: raises
/// `TypeError("FNAME() DISPLAYNAME must be EXPECTED, not TYPE")` for `arg`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyArg_BadArgument(
    fname: *const c_char,
    displayname: *const c_char,
    expected: *const c_char,
    arg: *mut PyObject,
) {
    guard_or("_PyArg_BadArgument", (), || {
        // SAFETY: C strings and a live object, per the C API.
        unsafe {
            if arg.is_null() {
                errors::bad_internal_call();
                return;
            }
            let t = crate::object::buffer::truncate_bytes;
            let f = crate::ffi::lossy_str(fname).unwrap_or_default();
            let d = crate::ffi::lossy_str(displayname).unwrap_or_default();
            let e = crate::ffi::lossy_str(expected).unwrap_or_default();
            let got = if arg == crate::object::singletons::none() {
                "None".to_owned()
            } else {
                crate::object::buffer::type_name_trunc(type_of(arg), 50)
            };
            errors::type_error(&format!("{}() {} must be {}, not {got}", t(&f, 200), t(&d, 200), t(&e, 50)));
        }
    })
}

/// The C bodies (src/c/getargs.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyArg_Parse();
    fn subinterp_c_PyArg_ParseTuple();
    fn subinterp_c_PyArg_VaParse();
    fn subinterp_c_PyArg_ParseTupleAndKeywords();
    fn subinterp_c_PyArg_VaParseTupleAndKeywords();
    fn subinterp_c_PyArg_UnpackTuple();
}

/// `int PyArg_Parse(PyObject *arg, const char *format, ...)`: converts the single object
/// `arg` by a format of one unit (the old style). Declared in `modsupport.h`; this symbol
/// tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: 1 on success, 0 with an exception set.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyArg_Parse() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_Parse);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_Parse);
}

/// `_PyArg_Parse_SizeT`: [`PyArg_Parse`] under the name `PY_SSIZE_T_CLEAN` gave it in
/// older headers (still exported by CPython 3.13 for old binaries).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _PyArg_Parse_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_Parse);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_Parse);
}

/// `int PyArg_ParseTuple(PyObject *args, const char *format, ...)`: converts the items of
/// the tuple `args` into the C variables given, as `format` says. Declared in
/// `modsupport.h`; this symbol tail-jumps to its C body.
///
/// Returns: 1 on success; 0 with CPython's exception (TypeError for a wrong count or
/// type, OverflowError, ValueError, SystemError for a bad format) and every buffer or
/// allocation the call had made released.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyArg_ParseTuple() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_ParseTuple);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_ParseTuple);
}

/// `_PyArg_ParseTuple_SizeT`: [`PyArg_ParseTuple`] (the old `PY_SSIZE_T_CLEAN` name).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _PyArg_ParseTuple_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_ParseTuple);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_ParseTuple);
}

/// `int PyArg_VaParse(PyObject *args, const char *format, va_list va)`: [`PyArg_ParseTuple`]
/// with the variables in a `va_list` (which is copied, not consumed).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyArg_VaParse() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_VaParse);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_VaParse);
}

/// `_PyArg_VaParse_SizeT`: [`PyArg_VaParse`] (the old `PY_SSIZE_T_CLEAN` name).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _PyArg_VaParse_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_VaParse);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_VaParse);
}

/// `int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
/// char *const *kwlist, ...)`: positional arguments from the tuple `args`, the others by
/// the names in `kwlist` from the dict `kwargs` (NULL: none). Leading empty names in
/// `kwlist` are positional-only; `|` starts the optional units, `$` the keyword-only ones.
///
/// Returns: 1 on success; 0 with CPython 3.13's exception ("f() missing required argument
/// 'x' (pos 2)", "argument for f() given by name ('x') and position (1)", "f() got an
/// unexpected keyword argument 'y'. Did you mean 'x'?", ...), everything acquired released.
/// Errors: `SystemError` for a non-tuple `args`, a non-dict `kwargs`, NULL `format` or
/// `kwlist`, and for a format that disagrees with `kwlist`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyArg_ParseTupleAndKeywords() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_ParseTupleAndKeywords);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_ParseTupleAndKeywords);
}

/// `_PyArg_ParseTupleAndKeywords_SizeT`: [`PyArg_ParseTupleAndKeywords`] (the old
/// `PY_SSIZE_T_CLEAN` name).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _PyArg_ParseTupleAndKeywords_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_ParseTupleAndKeywords);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_ParseTupleAndKeywords);
}

/// `int PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs, const char *format,
/// char *const *kwlist, va_list va)`: [`PyArg_ParseTupleAndKeywords`] with a `va_list`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyArg_VaParseTupleAndKeywords() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_VaParseTupleAndKeywords);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_VaParseTupleAndKeywords);
}

/// `_PyArg_VaParseTupleAndKeywords_SizeT`: [`PyArg_VaParseTupleAndKeywords`] (the old
/// `PY_SSIZE_T_CLEAN` name).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _PyArg_VaParseTupleAndKeywords_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_VaParseTupleAndKeywords);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_VaParseTupleAndKeywords);
}

/// `int PyArg_UnpackTuple(PyObject *args, const char *name, Py_ssize_t min, Py_ssize_t
/// max, ...)`: the items of the tuple `args` into the `PyObject **` given (borrowed
/// references; those beyond the tuple's length are left alone).
///
/// Returns: 1 on success; 0 with TypeError ("NAME expected at least 2 arguments, got 1")
/// for a count outside `min..=max`, `SystemError` if `args` is not a tuple.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyArg_UnpackTuple() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyArg_UnpackTuple);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyArg_UnpackTuple);
}
