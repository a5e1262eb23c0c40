//! Module objects (CPython's `moduleobject.h`) and the module helpers of `modsupport.h`
//! (`PyModule_Add*`, `PyModule_Create2`, `PyModule_FromDefAndSpec2`, `PyModule_ExecDef`).

use std::ffi::{c_char, c_int, c_long, c_void, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{self, decref, dictobject, errors, longobject, moduleobject, unicodeobject, xdecref};

/// A new module named `name` (any object; normally a `str`) with `__name__`, `__doc__`,
/// `__package__`, `__loader__` and `__spec__` in its dict (the last four `None`).
///
/// Returns: a new reference. Errors: NULL with an exception set (`SystemError` for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_NewObject(name: *mut PyObject) -> *mut PyObject {
    guard("PyModule_NewObject", || {
        if name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        unsafe { moduleobject::new_object(name) }.unwrap_or(null_mut())
    })
}

/// `PyModule_NewObject` with a UTF-8 name.
///
/// Returns: a new reference. Errors: NULL with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_New(name: *const c_char) -> *mut PyObject {
    guard("PyModule_New", || {
        if name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a C string, per the C API.
        let Ok(s) = (unsafe { CStr::from_ptr(name) }).to_str() else {
            errors::unicode_error("PyModule_New: the name is not UTF-8");
            return null_mut();
        };
        let Ok(n) = unicodeobject::from_str(s) else { return null_mut() };
        // SAFETY: a fresh str, dropped after use.
        unsafe {
            let r = moduleobject::new_object(n);
            decref(n);
            r.unwrap_or(null_mut())
        }
    })
}

/// Returns: the module's `__dict__` (borrowed). Errors: NULL with `SystemError` ("bad
/// argument to internal function") if `m` is not a module.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_GetDict(m: *mut PyObject) -> *mut PyObject {
    guard("PyModule_GetDict", || {
        // SAFETY: NULL or a live object, per the C API.
        unsafe {
            if m.is_null() || !moduleobject::check(m) {
                errors::bad_internal_call();
                return null_mut();
            }
            moduleobject::dict_of(m)
        }
    })
}

/// Returns: a new reference to the module's `__name__`. Errors: NULL with `TypeError`
/// ("bad argument type for built-in operation") for a non-module, `SystemError`
/// ("nameless module") when `__name__` is missing or not a `str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_GetNameObject(m: *mut PyObject) -> *mut PyObject {
    guard("PyModule_GetNameObject", || {
        if m.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live object, per the C API.
        unsafe { moduleobject::name_object(m) }.unwrap_or(null_mut())
    })
}

/// Returns: the module's `__name__` as UTF-8, borrowed from the `str` in its dict. Errors:
/// NULL as `PyModule_GetNameObject`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_GetName(m: *mut PyObject) -> *const c_char {
    guard("PyModule_GetName", || {
        if m.is_null() {
            errors::bad_internal_call();
            return std::ptr::null();
        }
        // SAFETY: a live object; the name stays alive in the module's dict.
        unsafe {
            let Ok(n) = moduleobject::name_object(m) else { return std::ptr::null() };
            decref(n);
            crate::capi::unicodeobject::PyUnicode_AsUTF8(n)
        }
    })
}

/// Returns: a new reference to the module's `__file__`. Errors: NULL with `TypeError` for a
/// non-module, `SystemError` ("module filename missing") when it has none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_GetFilenameObject(m: *mut PyObject) -> *mut PyObject {
    guard("PyModule_GetFilenameObject", || {
        // SAFETY: NULL or a live object, per the C API.
        unsafe {
            if m.is_null() || !moduleobject::check(m) {
                errors::bad_argument();
                return null_mut();
            }
            let d = moduleobject::dict_of(m);
            let Ok(k) = unicodeobject::from_str("__file__") else { return null_mut() };
            let r = if d.is_null() { Ok(None) } else { dictobject::get(d, k) };
            decref(k);
            match r {
                Ok(Some(f)) if unicodeobject::check(f) => object::new_ref(f),
                Ok(_) => {
                    errors::system_error("module filename missing");
                    null_mut()
                }
                Err(_) => null_mut(),
            }
        }
    })
}

/// Returns: the definition the module was made from (NULL without an exception for
/// none). Errors: NULL with `TypeError` ("bad argument type for built-in operation") for a
/// non-module.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_GetDef(m: *mut PyObject) -> *mut PyModuleDef {
    guard("PyModule_GetDef", || {
        // SAFETY: NULL or a live object, per the C API.
        unsafe {
            if m.is_null() || !moduleobject::check(m) {
                errors::bad_argument();
                return null_mut();
            }
            moduleobject::def_of(m)
        }
    })
}

/// Returns: the module's state (`m_size` bytes, zeroed when made; NULL without an exception
/// for none). Errors: NULL with `TypeError` ("bad argument type for built-in operation")
/// for a non-module.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_GetState(m: *mut PyObject) -> *mut c_void {
    guard("PyModule_GetState", || {
        // SAFETY: NULL or a live object, per the C API.
        unsafe {
            if m.is_null() || !moduleobject::check(m) {
                errors::bad_argument();
                return null_mut();
            }
            moduleobject::state_of(m)
        }
    })
}

/// Makes `def` an object of type `moduledef` (once) for multi-phase initialization.
///
/// Returns: `def` as an object (borrowed: definitions are static). Errors: NULL with
/// `SystemError` for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModuleDef_Init(def: *mut PyModuleDef) -> *mut PyObject {
    guard("PyModuleDef_Init", || {
        if def.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live definition, per the C API.
        unsafe { moduleobject::def_init(def) }
    })
}

/// Single-phase initialization (`PyModule_Create`): a module named `def->m_name` with
/// `m_size` bytes of zeroed state, `def->m_methods` bound to it and `def->m_doc` as
/// `__doc__`. A different `apiver` than `PYTHON_API_VERSION` gives a `RuntimeWarning`.
///
/// Returns: a new reference. Errors: NULL with an exception set (`SystemError` "module X:
/// PyModule_Create is incompatible with m_slots").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_Create2(def: *mut PyModuleDef, apiver: c_int) -> *mut PyObject {
    guard("PyModule_Create2", || {
        if def.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live definition that outlives the module, per the C API.
        unsafe { moduleobject::create(def, apiver) }.unwrap_or(null_mut())
    })
}

/// Multi-phase initialization, creation phase (`PyModule_FromDefAndSpec`): `spec.name` is
/// the module's name; `Py_mod_create` (if any) makes the module, else a plain module is
/// made; `Py_mod_multiple_interpreters` is honoured in subinterpreters that check
/// extensions. The state is allocated by `PyModule_ExecDef`.
///
/// Returns: a new reference. Errors: NULL with CPython 3.13's exceptions ("module X has
/// multiple create slots", "module X uses unknown slot ID N", "module X: m_size may not be
/// negative for multi-phase initialization", `ImportError` "module X does not support
/// loading in subinterpreters", ...).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_FromDefAndSpec2(
    def: *mut PyModuleDef,
    spec: *mut PyObject,
    apiver: c_int,
) -> *mut PyObject {
    guard("PyModule_FromDefAndSpec2", || {
        if def.is_null() || spec.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a live definition and object, per the C API.
        unsafe { moduleobject::from_def_and_spec(def, spec, apiver) }.unwrap_or(null_mut())
    })
}

/// Multi-phase initialization, execution phase: allocates the zeroed state (once) and runs
/// the `Py_mod_exec` slots in order.
///
/// Returns: 0. Errors: -1 with an exception set ("execution of module X failed without
/// setting an exception", ...).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_ExecDef(module: *mut PyObject, def: *mut PyModuleDef) -> c_int {
    guard("PyModule_ExecDef", || {
        if module.is_null() || def.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        match unsafe { moduleobject::exec_def(module, def) } {
            Ok(()) => 0,
            Err(_) => -1,
        }
    })
}

/// Adds the functions of `functions` (NULL-name terminated) to `module`, bound to it.
///
/// Returns: 0. Errors: -1 with an exception set (`ValueError` "module functions cannot set
/// METH_CLASS or METH_STATIC").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_AddFunctions(module: *mut PyObject, functions: *mut PyMethodDef) -> c_int {
    guard("PyModule_AddFunctions", || {
        if module.is_null() || functions.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: live objects, per the C API.
        unsafe {
            let Ok(name) = moduleobject::name_object(module) else { return -1 };
            let r = moduleobject::add_functions(module, name, functions);
            decref(name);
            if r.is_ok() {
                0
            } else {
                -1
            }
        }
    })
}

/// Sets the module's `__doc__` to the UTF-8 text `doc`.
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_SetDocString(module: *mut PyObject, doc: *const c_char) -> c_int {
    guard("PyModule_SetDocString", || {
        if module.is_null() || doc.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a live object and a C string, per the C API.
        if unsafe { moduleobject::set_doc(module, doc) }.is_ok() {
            0
        } else {
            -1
        }
    })
}

/// Sets `module.name = value` (a new reference is taken; `value` stays the caller's).
///
/// Returns: 0. Errors: -1 with `TypeError` ("PyModule_AddObjectRef() first argument must be
/// a module"), `SystemError` ("PyModule_AddObjectRef() must be called with an exception
/// raised if value is NULL"; an exception already set is kept).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_AddObjectRef(
    module: *mut PyObject,
    name: *const c_char,
    value: *mut PyObject,
) -> c_int {
    guard("PyModule_AddObjectRef", || {
        // SAFETY: NULL or live objects and a C string, per the C API.
        unsafe { add_object_ref(module, name, value) }
    })
}

unsafe fn add_object_ref(module: *mut PyObject, name: *const c_char, value: *mut PyObject) -> c_int {
    // SAFETY: per caller.
    unsafe {
        if module.is_null() || !moduleobject::check(module) {
            errors::type_error("PyModule_AddObjectRef() first argument must be a module");
            return -1;
        }
        if value.is_null() {
            if errors::occurred().is_null() {
                errors::system_error(
                    "PyModule_AddObjectRef() must be called with an exception raised if value is NULL",
                );
            }
            return -1;
        }
        if name.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        let d = moduleobject::dict_of(module);
        if d.is_null() {
            errors::system_error("module has no __dict__");
            return -1;
        }
        let Ok(key) = CStr::from_ptr(name).to_str() else {
            errors::unicode_error("PyModule_AddObjectRef: the name is not UTF-8");
            return -1;
        };
        let Ok(k) = unicodeobject::from_str(key) else { return -1 };
        let r = dictobject::set(d, k, value);
        decref(k);
        if r.is_ok() {
            0
        } else {
            -1
        }
    }
}

/// `PyModule_AddObjectRef`, stealing `value` (always, also on error; NULL with an exception
/// set is passed through as an error).
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_Add(
    module: *mut PyObject,
    name: *const c_char,
    value: *mut PyObject,
) -> c_int {
    guard("PyModule_Add", || {
        // SAFETY: as PyModule_AddObjectRef; `value` is ours to drop.
        unsafe {
            let r = add_object_ref(module, name, value);
            xdecref(value);
            r
        }
    })
}

/// `PyModule_AddObjectRef`, stealing `value` only on success (the legacy contract).
///
/// Returns: 0. Errors: -1 with an exception set (`value` is still the caller's).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_AddObject(
    module: *mut PyObject,
    name: *const c_char,
    value: *mut PyObject,
) -> c_int {
    guard("PyModule_AddObject", || {
        // SAFETY: as PyModule_AddObjectRef.
        unsafe {
            let r = add_object_ref(module, name, value);
            if r == 0 {
                decref(value);
            }
            r
        }
    })
}

/// Sets `module.name = int(value)`.
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_AddIntConstant(
    module: *mut PyObject,
    name: *const c_char,
    value: c_long,
) -> c_int {
    guard("PyModule_AddIntConstant", || {
        let v = longobject::from_i64(value).unwrap_or(null_mut());
        // SAFETY: as PyModule_Add.
        unsafe {
            let r = add_object_ref(module, name, v);
            xdecref(v);
            r
        }
    })
}

/// Sets `module.name = str(value)` (UTF-8).
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_AddStringConstant(
    module: *mut PyObject,
    name: *const c_char,
    value: *const c_char,
) -> c_int {
    guard("PyModule_AddStringConstant", || {
        if value.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a C string, per the C API.
        let v = match unsafe { CStr::from_ptr(value) }.to_str() {
            Ok(s) => unicodeobject::from_str(s).unwrap_or(null_mut()),
            Err(_) => {
                errors::unicode_error("PyModule_AddStringConstant: the value is not UTF-8");
                null_mut()
            }
        };
        // SAFETY: as PyModule_Add.
        unsafe {
            let r = add_object_ref(module, name, v);
            xdecref(v);
            r
        }
    })
}

/// Readies `type` if needed and sets `module.<name> = type`, where name is `tp_name` after
/// its last dot.
///
/// Returns: 0. Errors: -1 with an exception set.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyModule_AddType(module: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    guard("PyModule_AddType", || {
        if tp.is_null() {
            errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a type object, per the C API.
        unsafe {
            if object::typeobject::ready(tp).is_err() {
                return -1;
            }
            let name = std::ffi::CString::new(object::short_type_name(tp).as_bytes()).unwrap_or_default();
            add_object_ref(module, name.as_ptr(), tp.cast())
        }
    })
}
