//! Heap types from specs (CPython's `object.h`): `PyType_FromSpec` and its family,
//! `PyType_GetSlot`, the name and module accessors.

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{errors, heaptype, moduleobject, unicodeobject};

/// Makes a heap type from `spec` with metaclass `metaclass` (NULL: `type`, or the most
/// derived metaclass of the bases), associated with `module` (NULL: none; what
/// `PyType_GetModule` returns), deriving from `bases` (a type or a tuple of types; NULL:
/// the spec's `Py_tp_bases`, else `Py_tp_base`, else `object`). The spec's strings, slots
/// and `PyMemberDef` table are copied (`Py_RELATIVE_OFFSET` offsets resolved); the type
/// belongs to the calling interpreter.
///
/// Returns: a new reference to the type.
/// Errors: NULL with CPython 3.13's exceptions: `RuntimeError` "invalid slot offset",
/// `SystemError` for a spec without a name, several `Py_tp_members`/`Py_tp_doc` slots or a
/// bad relative offset, `TypeError` for an unusable base ("type 'X' is not an acceptable
/// base type"), a metaclass conflict, "Metaclasses with custom tp_new are not supported."
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_FromMetaclass(
    metaclass: *mut PyTypeObject,
    module: *mut PyObject,
    spec: *mut PyType_Spec,
    bases: *mut PyObject,
) -> *mut PyObject {
    guard("PyType_FromMetaclass", || {
        if spec.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: NULL or live objects and a live spec, per the C API.
        unsafe { heaptype::from_metaclass(metaclass, module, spec, bases, false) }.unwrap_or(null_mut())
    })
}

/// `PyType_FromMetaclass(NULL, module, spec, bases)`, except that a metaclass with its own
/// `tp_new` only gives a `DeprecationWarning` (as CPython 3.13).
///
/// Returns: a new reference to the type. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_FromModuleAndSpec(
    module: *mut PyObject,
    spec: *mut PyType_Spec,
    bases: *mut PyObject,
) -> *mut PyObject {
    guard("PyType_FromModuleAndSpec", || {
        if spec.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: NULL or live objects and a live spec, per the C API.
        unsafe { heaptype::from_metaclass(null_mut(), module, spec, bases, true) }.unwrap_or(null_mut())
    })
}

/// `PyType_FromModuleAndSpec(NULL, spec, bases)`.
///
/// Returns: a new reference to the type. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_FromSpecWithBases(
    spec: *mut PyType_Spec,
    bases: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyType_FromModuleAndSpec(null_mut(), spec, bases) }
}

/// `PyType_FromModuleAndSpec(NULL, spec, NULL)`.
///
/// Returns: a new reference to the type. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_FromSpec(spec: *mut PyType_Spec) -> *mut PyObject {
    // SAFETY: forwarded.
    unsafe { PyType_FromModuleAndSpec(null_mut(), spec, null_mut()) }
}

/// The value of slot `slot` (a `Py_*` id of typeslots.h) of any type, static or heap: what
/// the type has now, inherited values included; NULL when unset.
///
/// Returns: the slot's value (borrowed). Errors: NULL with `SystemError` ("bad argument to
/// internal function") for NULL or an invalid slot id; NULL without an exception for an
/// unset slot.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetSlot(tp: *mut PyTypeObject, slot: c_int) -> *mut c_void {
    guard("PyType_GetSlot", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe { heaptype::get_slot(tp, slot) }.unwrap_or(null_mut())
    })
}

/// `type.__module__`: a heap type's `__module__` (from its dict), a static type's
/// `tp_name` before the last dot, else `builtins`.
///
/// Returns: a new reference. Errors: NULL with `AttributeError` ("__module__") for a heap
/// type without one, `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetModuleName(tp: *mut PyTypeObject) -> *mut PyObject {
    guard("PyType_GetModuleName", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe { heaptype::module_name(tp) }.unwrap_or(null_mut())
    })
}

/// `module.qualname` of the type, or just the qualname when the module is `builtins` or
/// `__main__`.
///
/// Returns: a new reference to a `str`. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetFullyQualifiedName(tp: *mut PyTypeObject) -> *mut PyObject {
    guard("PyType_GetFullyQualifiedName", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unicodeobject::from_str(&unsafe { heaptype::fully_qualified_name(tp) }).unwrap_or(null_mut())
    })
}

/// The module a heap type was made with (`PyType_FromModuleAndSpec`).
///
/// Returns: a borrowed reference. Errors: NULL with `TypeError` ("PyType_GetModule: Type
/// 'X' is not a heap type", "... has no associated module"), `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetModule(tp: *mut PyTypeObject) -> *mut PyObject {
    guard("PyType_GetModule", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe { heaptype::module_of(tp) }.unwrap_or(null_mut())
    })
}

/// The state of the module a heap type was made with.
///
/// Returns: the state (NULL without an exception for a module without state).
/// Errors: NULL with `PyType_GetModule`'s `TypeError` for a static type or a heap type
/// without a module.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetModuleState(tp: *mut PyTypeObject) -> *mut c_void {
    guard("PyType_GetModuleState", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API; the module, if any, is live.
        unsafe {
            let Ok(m) = heaptype::module_of(tp) else { return null_mut() };
            if !moduleobject::check(m) {
                return null_mut();
            }
            moduleobject::state_of(m)
        }
    })
}

/// The module of the first class in `tp`'s MRO made with a module of definition `def`
/// (how a `METH_METHOD` method finds its module state from its defining class).
///
/// Returns: a borrowed reference. Errors: NULL with `TypeError` ("PyType_GetModuleByDef:
/// No superclass of 'X' has the given module"), `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetModuleByDef(
    tp: *mut PyTypeObject,
    def: *mut PyModuleDef,
) -> *mut PyObject {
    guard("PyType_GetModuleByDef", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a type object, per the C API.
        unsafe { heaptype::module_by_def(tp, def) }.unwrap_or(null_mut())
    })
}

/// PEP 697: the memory of `obj` that belongs to class `cls` (one of `obj`'s classes, made
/// with a negative `basicsize` or any size): what follows `cls`'s base's instance, aligned.
///
/// Returns: a pointer into `obj` (no reference involved). Errors: none (CPython checks
/// nothing either); NULL `obj` or `cls` gives NULL with `SystemError` where CPython
/// crashes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetTypeData(obj: *mut PyObject, cls: *mut PyTypeObject) -> *mut c_void {
    guard("PyObject_GetTypeData", || {
        // SAFETY: a type object per the C API; its tp_base is set once readied.
        if obj.is_null() || cls.is_null() || unsafe { (*cls).tp_base.is_null() } {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: as above; the offset stays inside `obj`'s instance of `cls`.
        unsafe { obj.cast::<u8>().offset(heaptype::align_up((*(*cls).tp_base).tp_basicsize) as isize).cast() }
    })
}

/// PEP 697: the size of the type data `cls` adds to its base's instances.
///
/// Returns: the size in bytes (0 when `cls` adds nothing). Errors: -1 with `SystemError`
/// for NULL or an unreadied type (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyType_GetTypeDataSize(cls: *mut PyTypeObject) -> Py_ssize_t {
    guard("PyType_GetTypeDataSize", || {
        // SAFETY: a type object per the C API.
        if cls.is_null() || unsafe { (*cls).tp_base.is_null() } {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: as above.
        let size = unsafe { (*cls).tp_basicsize - heaptype::align_up((*(*cls).tp_base).tp_basicsize) };
        size.max(0)
    })
}

/// PEP 697: the variable-size items of `obj`, whose type has `Py_TPFLAGS_ITEMS_AT_END`
/// (they follow the fixed part, `tp_basicsize`).
///
/// Returns: a pointer into `obj`. Errors: NULL with `TypeError` "type 'X' does not have
/// Py_TPFLAGS_ITEMS_AT_END", `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyObject_GetItemData(obj: *mut PyObject) -> *mut c_void {
    guard("PyObject_GetItemData", || {
        if obj.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object per the C API.
        unsafe {
            let tp = (*obj).ob_type;
            if (*tp).tp_flags & Py_TPFLAGS_ITEMS_AT_END == 0 {
                let name = std::ffi::CStr::from_ptr((*tp).tp_name).to_string_lossy();
                errors::type_error(&format!("type '{name}' does not have Py_TPFLAGS_ITEMS_AT_END"));
                return null_mut();
            }
            obj.cast::<u8>().offset((*tp).tp_basicsize).cast()
        }
    })
}
