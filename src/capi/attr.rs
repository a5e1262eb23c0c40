//! The attribute API (CPython's `object.h`/`descrobject.h`/`funcobject.h` parts):
//! `PyObject_GetAttr` and friends, the generic implementations, `_PyType_Lookup`,
//! `PyType_Modified`, managed dicts, descriptor constructors, `classmethod`/`staticmethod`,
//! `PyMember_GetOne`/`SetOne`, and calling methods by name (`PyObject_VectorcallMethod`,
//! `PyObject_CallMethod*`).
//!
//! NULL object or name arguments (CPython crashes on most) raise `SystemError("bad argument
//! to internal function")`.

use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::{guard, guard_or};
use crate::object::{self, attr, call, descrobject, errors, preheader, structmember, Owned, PyResult};

fn raw(r: PyResult<Owned>) -> *mut PyObject {
    r.unwrap_or(null_mut())
}

fn status(r: PyResult<()>) -> c_int {
    match r {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

fn optional(r: PyResult<Option<Owned>>, out: *mut *mut PyObject) -> c_int {
    // SAFETY: per caller, `out` is writable.
    unsafe {
        match r {
            Ok(Some(v)) => {
                *out = v;
                1
            }
            Ok(None) => {
                *out = null_mut();
                0
            }
            Err(_) => {
                *out = null_mut();
                -1
            }
        }
    }
}

/// `o.name` (`getattr(o, name)`): `tp_getattro`, else `tp_getattr` with the name as UTF-8.
///
/// Returns: a new reference. Errors: NULL with `AttributeError` ("'T' object has no attribute
/// 'x'"), `TypeError` ("attribute name must be string, not 'int'"), or what the attribute's
/// getter raised; `SystemError` for NULL arguments.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard("PyObject_GetAttr", || {
        if o.is_null() || name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects, per the C API.
        raw(unsafe { attr::get_attr(o, name) })
    })
}

/// `PyObject_GetAttr` with a UTF-8 name.
///
/// Returns: a new reference. Errors: as `PyObject_GetAttr`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetAttrString(o: *mut PyObject, name: *const c_char) -> *mut PyObject {
    guard("PyObject_GetAttrString", || {
        if o.is_null() || name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object and a NUL-terminated name, per the C API.
        unsafe {
            let Ok(n) = attr::name_from_c(name) else { return null_mut() };
            let r = attr::get_attr(o, n);
            object::decref(n);
            raw(r)
        }
    })
}

/// `o.name`, with a missing attribute not an error.
///
/// Returns: 1 and a new reference in `*result` if found; 0 and NULL if `o` has no such
/// attribute (no exception set); -1 and NULL on another error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetOptionalAttr(
    o: *mut PyObject,
    name: *mut PyObject,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyObject_GetOptionalAttr", || {
        if result.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        if o.is_null() || name.is_null() {
            // SAFETY: checked writable.
            unsafe { *result = null_mut() };
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects.
        optional(unsafe { attr::get_optional_attr(o, name) }, result)
    })
}

/// `PyObject_GetOptionalAttr` with a UTF-8 name.
///
/// Returns: as `PyObject_GetOptionalAttr`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetOptionalAttrString(
    o: *mut PyObject,
    name: *const c_char,
    result: *mut *mut PyObject,
) -> c_int {
    guard("PyObject_GetOptionalAttrString", || {
        if result.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        if o.is_null() || name.is_null() {
            // SAFETY: checked writable.
            unsafe { *result = null_mut() };
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object and a NUL-terminated name.
        unsafe {
            let n = match attr::name_from_c(name) {
                Ok(n) => n,
                Err(_) => {
                    *result = null_mut();
                    return -1;
                }
            };
            let r = attr::get_optional_attr(o, n);
            object::decref(n);
            optional(r, result)
        }
    })
}

/// `hasattr(o, name)`.
///
/// Returns: 1 if `o` has the attribute, 0 if not. Errors: -1 with an exception set (any
/// error but `AttributeError` from the lookup).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_HasAttrWithError(o: *mut PyObject, name: *mut PyObject) -> c_int {
    guard("PyObject_HasAttrWithError", || {
        let mut r = null_mut();
        // SAFETY: as PyObject_GetOptionalAttr.
        let found = unsafe { PyObject_GetOptionalAttr(o, name, &mut r) };
        // SAFETY: NULL or a new reference.
        unsafe { object::xdecref(r) };
        found
    })
}

/// `hasattr(o, name)` with a UTF-8 name.
///
/// Returns/Errors: as `PyObject_HasAttrWithError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_HasAttrStringWithError(o: *mut PyObject, name: *const c_char) -> c_int {
    guard("PyObject_HasAttrStringWithError", || {
        let mut r = null_mut();
        // SAFETY: as PyObject_GetOptionalAttrString.
        let found = unsafe { PyObject_GetOptionalAttrString(o, name, &mut r) };
        // SAFETY: NULL or a new reference.
        unsafe { object::xdecref(r) };
        found
    })
}

/// `hasattr(o, name)`, errors swallowed (CPython 3.13 reports them as unraisable; they are
/// cleared here).
///
/// Returns: 1 or 0; never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_HasAttr(o: *mut PyObject, name: *mut PyObject) -> c_int {
    guard_or("PyObject_HasAttr", 0, || {
        // SAFETY: as PyObject_HasAttrWithError.
        let r = unsafe { PyObject_HasAttrWithError(o, name) };
        if r < 0 {
            errors::clear();
            return 0;
        }
        r
    })
}

/// `PyObject_HasAttr` with a UTF-8 name.
///
/// Returns: 1 or 0; never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_HasAttrString(o: *mut PyObject, name: *const c_char) -> c_int {
    guard_or("PyObject_HasAttrString", 0, || {
        // SAFETY: as PyObject_HasAttrStringWithError.
        let r = unsafe { PyObject_HasAttrStringWithError(o, name) };
        if r < 0 {
            errors::clear();
            return 0;
        }
        r
    })
}

/// `o.name = v` (`v` NULL: `del o.name`): `tp_setattro` (the name interned first), else
/// `tp_setattr`.
///
/// Returns: 0. Errors: -1 with `AttributeError`/`TypeError` as CPython ("'T' object has no
/// attribute 'x' and no __dict__ for setting new attributes", "cannot set 'x' attribute of
/// immutable type 'int'", ...).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_SetAttr(o: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int {
    guard("PyObject_SetAttr", || {
        if o.is_null() || name.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects (`v` may be NULL).
        status(unsafe { attr::set_attr(o, name, v) })
    })
}

/// `PyObject_SetAttr` with a UTF-8 name.
///
/// Returns/Errors: as `PyObject_SetAttr`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_SetAttrString(
    o: *mut PyObject,
    name: *const c_char,
    v: *mut PyObject,
) -> c_int {
    guard("PyObject_SetAttrString", || {
        if o.is_null() || name.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object and a NUL-terminated name.
        unsafe {
            let Ok(n) = attr::name_from_c(name) else { return -1 };
            let r = attr::set_attr(o, n, v);
            object::decref(n);
            status(r)
        }
    })
}

/// `del o.name`.
///
/// Returns/Errors: as `PyObject_SetAttr` with a NULL value.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_DelAttr(o: *mut PyObject, name: *mut PyObject) -> c_int {
    // SAFETY: as PyObject_SetAttr.
    guard("PyObject_DelAttr", || unsafe { PyObject_SetAttr(o, name, null_mut()) })
}

/// `del o.name` with a UTF-8 name.
///
/// Returns/Errors: as `PyObject_SetAttrString` with a NULL value.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_DelAttrString(o: *mut PyObject, name: *const c_char) -> c_int {
    // SAFETY: as PyObject_SetAttrString.
    guard("PyObject_DelAttrString", || unsafe { PyObject_SetAttrString(o, name, null_mut()) })
}

/// The generic `tp_getattro`: data descriptors of the type, then the instance dict, then
/// other class attributes.
///
/// Returns: a new reference. Errors: NULL with `AttributeError` ("'T' object has no
/// attribute 'x'") or what a descriptor raised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GenericGetAttr(o: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    guard("PyObject_GenericGetAttr", || {
        if o.is_null() || name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live objects.
        unsafe { attr::PyObject_GenericGetAttr_impl(o, name) }
    })
}

/// The generic `tp_setattro` (`value` NULL deletes): a data descriptor's `__set__`, else the
/// instance dict.
///
/// Returns: 0. Errors: -1 with `AttributeError` ("'T' object attribute 'x' is read-only",
/// "... and no __dict__ for setting new attributes") or what a descriptor raised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GenericSetAttr(
    o: *mut PyObject,
    name: *mut PyObject,
    value: *mut PyObject,
) -> c_int {
    guard("PyObject_GenericSetAttr", || {
        if o.is_null() || name.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects.
        unsafe { attr::PyObject_GenericSetAttr_impl(o, name, value) }
    })
}

/// `__dict__` getter for types with an instance dict: the dict, made on first use.
///
/// Returns: a new reference. Errors: NULL with `AttributeError("This object has no
/// __dict__")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GenericGetDict(o: *mut PyObject, _context: *mut c_void) -> *mut PyObject {
    guard("PyObject_GenericGetDict", || {
        if o.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object.
        raw(unsafe { attr::get_dict(o) })
    })
}

/// `__dict__` setter for types with an instance dict.
///
/// Returns: 0. Errors: -1 with `TypeError` ("__dict__ must be set to a dictionary, not a
/// 'int'", "cannot delete __dict__") or `AttributeError("This object has no __dict__")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GenericSetDict(
    o: *mut PyObject,
    value: *mut PyObject,
    _context: *mut c_void,
) -> c_int {
    guard("PyObject_GenericSetDict", || {
        if o.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object; `value` NULL or live.
        status(unsafe { attr::set_dict(o, value) })
    })
}

/// `_PyType_Lookup`: `name` along `type`'s MRO, without calling descriptors.
///
/// Returns: a borrowed reference, or NULL (no exception set) if absent.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyType_Lookup(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    guard_or("_PyType_Lookup", null_mut(), || {
        // SAFETY: live objects, per the C API.
        unsafe {
            if tp.is_null() || name.is_null() || !object::unicodeobject::check(name) {
                return null_mut();
            }
            attr::lookup(tp, name)
        }
    })
}

/// `PyType_Modified`: call after changing a type's dict or bases directly, so cached
/// lookups are forgotten.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_Modified(tp: *mut PyTypeObject) {
    guard("PyType_Modified", || {
        if !tp.is_null() {
            // SAFETY: a live type.
            unsafe { attr::type_modified(tp) }
        }
    })
}

/// Visits the managed dict of `obj` (for a `tp_traverse` of a type with
/// `Py_TPFLAGS_MANAGED_DICT`).
///
/// Returns: what `visit` returned for the dict, or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_VisitManagedDict(
    obj: *mut PyObject,
    visit: visitproc,
    arg: *mut c_void,
) -> c_int {
    guard_or("PyObject_VisitManagedDict", 0, || {
        // SAFETY: a live object of a managed-dict type, per the C API.
        unsafe {
            if obj.is_null() || !preheader::has_preheader(object::type_of(obj)) {
                return 0;
            }
            if (*object::type_of(obj)).tp_flags & Py_TPFLAGS_MANAGED_DICT as std::ffi::c_ulong == 0 {
                return 0;
            }
            let d = *preheader::dict_slot(obj);
            match visit {
                Some(v) if !d.is_null() => v(d, arg),
                _ => 0,
            }
        }
    })
}

/// Drops the managed dict of `obj` (for `tp_clear`/`tp_dealloc`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_ClearManagedDict(obj: *mut PyObject) {
    guard("PyObject_ClearManagedDict", || {
        // SAFETY: a live object, per the C API.
        unsafe {
            if obj.is_null() {
                return;
            }
            let tp = object::type_of(obj);
            if (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT as std::ffi::c_ulong == 0 {
                return;
            }
            let p = preheader::dict_slot(obj);
            let d = std::mem::replace(&mut *p, null_mut());
            object::xdecref(d);
        }
    })
}

/// A `method_descriptor` for `method` of `type`.
///
/// Returns: a new reference. Errors: NULL with `SystemError` for bad call flags.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDescr_NewMethod(tp: *mut PyTypeObject, method: *mut PyMethodDef) -> *mut PyObject {
    guard("PyDescr_NewMethod", || {
        if tp.is_null() || method.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: live definitions that outlive the descriptor, per the C API.
        raw(unsafe { descrobject::new_method(tp, method, false) })
    })
}

/// A `classmethod_descriptor` for `method` of `type`.
///
/// Returns: a new reference. Errors: NULL with `SystemError` for bad call flags.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDescr_NewClassMethod(
    tp: *mut PyTypeObject,
    method: *mut PyMethodDef,
) -> *mut PyObject {
    guard("PyDescr_NewClassMethod", || {
        if tp.is_null() || method.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: as PyDescr_NewMethod.
        raw(unsafe { descrobject::new_method(tp, method, true) })
    })
}

/// A `member_descriptor` for `member` of `type`.
///
/// Returns: a new reference. Errors: NULL with `SystemError("PyDescr_NewMember used with
/// Py_RELATIVE_OFFSET")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDescr_NewMember(tp: *mut PyTypeObject, member: *mut PyMemberDef) -> *mut PyObject {
    guard("PyDescr_NewMember", || {
        if tp.is_null() || member.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: as PyDescr_NewMethod.
        unsafe {
            if (*member).flags & Py_RELATIVE_OFFSET != 0 {
                errors::system_error("PyDescr_NewMember used with Py_RELATIVE_OFFSET");
                return null_mut();
            }
            raw(descrobject::new_member(tp, member))
        }
    })
}

/// A `getset_descriptor` for `getset` of `type`.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDescr_NewGetSet(tp: *mut PyTypeObject, getset: *mut PyGetSetDef) -> *mut PyObject {
    guard("PyDescr_NewGetSet", || {
        if tp.is_null() || getset.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: as PyDescr_NewMethod.
        raw(unsafe { descrobject::new_getset(tp, getset) })
    })
}

/// Whether `descr` is a data descriptor (its type has `__set__`).
///
/// Returns: 1 or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDescr_IsData(descr: *mut PyObject) -> c_int {
    // SAFETY: NULL or a live object.
    guard_or("PyDescr_IsData", 0, || c_int::from(!descr.is_null() && unsafe { descrobject::is_data(descr) }))
}

/// `classmethod(callable)`.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyClassMethod_New(callable: *mut PyObject) -> *mut PyObject {
    guard("PyClassMethod_New", || {
        if callable.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object.
        raw(unsafe { descrobject::new_funcwrapper(&raw mut descrobject::PyClassMethod_Type, callable) })
    })
}

/// `staticmethod(callable)`.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyStaticMethod_New(callable: *mut PyObject) -> *mut PyObject {
    guard("PyStaticMethod_New", || {
        if callable.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object.
        raw(unsafe { descrobject::new_funcwrapper(&raw mut descrobject::PyStaticMethod_Type, callable) })
    })
}

/// `types.MappingProxyType(mapping)`: a read-only view.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyDictProxy_New(mapping: *mut PyObject) -> *mut PyObject {
    guard("PyDictProxy_New", || {
        if mapping.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object.
        raw(unsafe { descrobject::new_proxy(mapping) })
    })
}

/// Reads the field `member` of the object at `obj_addr` as an object.
///
/// Returns: a new reference. Errors: NULL with `AttributeError` (an unset
/// `Py_T_OBJECT_EX`), `SystemError` ("bad memberdescr type", "PyMember_GetOne used with
/// Py_RELATIVE_OFFSET").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMember_GetOne(obj_addr: *const c_char, member: *mut PyMemberDef) -> *mut PyObject {
    guard("PyMember_GetOne", || {
        if obj_addr.is_null() || member.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: an object whose layout has the member, per the C API.
        raw(unsafe { structmember::get_one(obj_addr, member) })
    })
}

/// Stores `v` (NULL: delete) into the field `member` of the object at `addr`.
///
/// Returns: 0. Errors: -1 with CPython's errors ("readonly attribute", "can't delete
/// numeric/char attribute", conversion errors; truncation is a `RuntimeWarning`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyMember_SetOne(
    addr: *mut c_char,
    member: *mut PyMemberDef,
    v: *mut PyObject,
) -> c_int {
    guard("PyMember_SetOne", || {
        if addr.is_null() || member.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: as PyMember_GetOne.
        status(unsafe { structmember::set_one(addr, member, v) })
    })
}

/// Calls the method `name` of `args[0]` with `args[1..]` (and keywords named by
/// `kwnames`); a method descriptor found on the type is called with `args[0]` as `self`
/// directly, no bound method made. `nargsf` counts `args[0]` and may carry
/// `PY_VECTORCALL_ARGUMENTS_OFFSET`.
///
/// Returns: a new reference. Errors: NULL with `AttributeError` or what the call raised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_VectorcallMethod(
    name: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    guard("PyObject_VectorcallMethod", || {
        if name.is_null() || args.is_null() || call::nargs_of(nargsf) < 1 || unsafe { (*args).is_null() } {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: per the C API.
        unsafe { attr::vectorcall_method(name, args, nargsf, kwnames) }
    })
}

/// `self.name()`.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CallMethodNoArgs(
    self_: *mut PyObject,
    name: *mut PyObject,
) -> *mut PyObject {
    guard("PyObject_CallMethodNoArgs", || {
        if self_.is_null() || name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        let args = [self_];
        // SAFETY: live objects.
        unsafe { attr::vectorcall_method(name, args.as_ptr(), 1, null_mut()) }
    })
}

/// `self.name(arg)`.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_CallMethodOneArg(
    self_: *mut PyObject,
    name: *mut PyObject,
    arg: *mut PyObject,
) -> *mut PyObject {
    guard("PyObject_CallMethodOneArg", || {
        if self_.is_null() || name.is_null() || arg.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        let args = [self_, arg];
        // SAFETY: live objects.
        unsafe { attr::vectorcall_method(name, args.as_ptr(), 2, null_mut()) }
    })
}

/// For the C bodies of `PyObject_CallMethod` and `PyObject_CallMethodObjArgs`: raises
/// CPython's error for a NULL argument (`SystemError("null argument to internal
/// routine")`).
///
/// Returns: NULL.
#[unsafe(no_mangle)]
pub extern "C" fn _Subinterp_NullError() -> *mut PyObject {
    guard("_Subinterp_NullError", || {
        errors::null_error();
        null_mut()
    })
}

/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyObject_CallMethod();
    fn subinterp_c_PyObject_CallMethodObjArgs();
}

/// `obj.name(*Py_BuildValue(format, ...))` (C-variadic: the body is in
/// `src/c/callmethod.c`). A NULL or empty format calls with no arguments; a format giving a
/// tuple spreads it.
///
/// Returns: a new reference. Errors: NULL with `AttributeError`, `TypeError("attribute of
/// type 'T' is not callable")`, format errors, or what the call raised.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyObject_CallMethod() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyObject_CallMethod);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyObject_CallMethod);
}

/// `obj.name(arg1, ..., NULL)` with the objects before the terminating NULL (C-variadic:
/// the body is in `src/c/callmethod.c`).
///
/// Returns: a new reference. Errors: NULL with an exception set.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyObject_CallMethodObjArgs() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyObject_CallMethodObjArgs);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyObject_CallMethodObjArgs);
}

/// Where `obj` keeps its instance dict (`tp_dictoffset`, negative offsets counted from the
/// end of a variable-size object; the managed dict slot for `Py_TPFLAGS_MANAGED_DICT`).
///
/// Returns: a pointer to the dict slot (which may hold NULL), or NULL if the type has no
/// instance dict. Never fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn _PyObject_GetDictPtr(obj: *mut PyObject) -> *mut *mut PyObject {
    guard_or("_PyObject_GetDictPtr", null_mut(), || {
        if obj.is_null() {
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        unsafe { attr::dict_ptr(obj) }
    })
}
