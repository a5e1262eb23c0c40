//! Capsules (CPython's `pycapsule.h`). As in CPython, an invalid capsule argument (NULL,
//! not an exact capsule, or one whose pointer is NULL) raises `ValueError("<function>
//! called with invalid PyCapsule object")` rather than `SystemError`.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::{capsule, errors, exceptions};

/// A capsule holding `pointer`, named `name` (NULL or a string that must outlive the
/// capsule: it is not copied), with `destructor` (NULL or called with the capsule when it
/// is deallocated).
///
/// Returns: a new reference.
/// Errors: NULL with `ValueError("PyCapsule_New called with null pointer")`,
/// `MemoryError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_New(
    pointer: *mut c_void,
    name: *const c_char,
    destructor: PyCapsule_Destructor,
) -> *mut PyObject {
    guard("PyCapsule_New", || {
        if pointer.is_null() {
            errors::value_error("PyCapsule_New called with null pointer");
            return null_mut();
        }
        capsule::new(pointer, name, destructor).unwrap_or(null_mut())
    })
}

/// Returns: the capsule's pointer, if `name` matches its name (both NULL, or equal
/// strings).
/// Errors: NULL with `ValueError("PyCapsule_GetPointer called with incorrect name")` or
/// `ValueError("PyCapsule_GetPointer called with invalid PyCapsule object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_GetPointer(op: *mut PyObject, name: *const c_char) -> *mut c_void {
    guard("PyCapsule_GetPointer", || {
        // SAFETY: NULL or live, per the C API; names are NULL or C strings.
        unsafe {
            let Ok(c) = capsule::legal(op, "PyCapsule_GetPointer") else { return null_mut() };
            if !capsule::name_matches(c.name, name) {
                errors::value_error("PyCapsule_GetPointer called with incorrect name");
                return null_mut();
            }
            c.pointer
        }
    })
}

/// Returns: the capsule's name (NULL for a nameless capsule: check `PyErr_Occurred`).
/// Errors: NULL with `ValueError("PyCapsule_GetName called with invalid PyCapsule
/// object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_GetName(op: *mut PyObject) -> *const c_char {
    guard("PyCapsule_GetName", || {
        // SAFETY: NULL or live, per the C API.
        unsafe { capsule::legal(op, "PyCapsule_GetName") }.map_or(std::ptr::null(), |c| c.name)
    })
}

/// Returns: the capsule's destructor (NULL if it has none: check `PyErr_Occurred`).
/// Errors: NULL with `ValueError("PyCapsule_GetDestructor called with invalid PyCapsule
/// object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_GetDestructor(op: *mut PyObject) -> PyCapsule_Destructor {
    guard_destructor(|| {
        // SAFETY: NULL or live, per the C API.
        unsafe { capsule::legal(op, "PyCapsule_GetDestructor") }.map_or(None, |c| c.destructor)
    })
}

/// A panic boundary for the function returning a destructor (`None` on panic).
fn guard_destructor(f: impl FnOnce() -> PyCapsule_Destructor) -> PyCapsule_Destructor {
    crate::ffi::guard_or("PyCapsule_GetDestructor", None, f)
}

/// Returns: the capsule's context (NULL if never set: check `PyErr_Occurred`).
/// Errors: NULL with `ValueError("PyCapsule_GetContext called with invalid PyCapsule
/// object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_GetContext(op: *mut PyObject) -> *mut c_void {
    guard("PyCapsule_GetContext", || {
        // SAFETY: NULL or live, per the C API.
        unsafe { capsule::legal(op, "PyCapsule_GetContext") }.map_or(null_mut(), |c| c.context)
    })
}

/// Replaces the capsule's pointer.
///
/// Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetPointer called with null
/// pointer")` or `ValueError("PyCapsule_SetPointer called with invalid PyCapsule
/// object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_SetPointer(op: *mut PyObject, pointer: *mut c_void) -> c_int {
    guard("PyCapsule_SetPointer", || {
        if pointer.is_null() {
            errors::value_error("PyCapsule_SetPointer called with null pointer");
            return -1;
        }
        // SAFETY: NULL or live, per the C API.
        match unsafe { capsule::legal(op, "PyCapsule_SetPointer") } {
            Ok(c) => {
                c.pointer = pointer;
                0
            }
            Err(_) => -1,
        }
    })
}

/// Replaces the capsule's name (NULL or a string that must outlive the capsule).
///
/// Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetName called with invalid
/// PyCapsule object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_SetName(op: *mut PyObject, name: *const c_char) -> c_int {
    guard("PyCapsule_SetName", || {
        // SAFETY: NULL or live, per the C API.
        match unsafe { capsule::legal(op, "PyCapsule_SetName") } {
            Ok(c) => {
                c.name = name;
                0
            }
            Err(_) => -1,
        }
    })
}

/// Replaces the capsule's destructor (NULL for none).
///
/// Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetDestructor called with invalid
/// PyCapsule object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_SetDestructor(
    op: *mut PyObject,
    destructor: PyCapsule_Destructor,
) -> c_int {
    guard("PyCapsule_SetDestructor", || {
        // SAFETY: NULL or live, per the C API.
        match unsafe { capsule::legal(op, "PyCapsule_SetDestructor") } {
            Ok(c) => {
                c.destructor = destructor;
                0
            }
            Err(_) => -1,
        }
    })
}

/// Replaces the capsule's context.
///
/// Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetContext called with invalid
/// PyCapsule object")`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_SetContext(op: *mut PyObject, context: *mut c_void) -> c_int {
    guard("PyCapsule_SetContext", || {
        // SAFETY: NULL or live, per the C API.
        match unsafe { capsule::legal(op, "PyCapsule_SetContext") } {
            Ok(c) => {
                c.context = context;
                0
            }
            Err(_) => -1,
        }
    })
}

/// Returns: 1 if `op` is a capsule with a pointer whose name matches `name`, else 0.
/// Never raises.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_IsValid(op: *mut PyObject, name: *const c_char) -> c_int {
    crate::ffi::guard_or("PyCapsule_IsValid", 0, || {
        // SAFETY: NULL or live, per the C API; names are NULL or C strings.
        unsafe {
            if op.is_null() || crate::object::type_of(op) != &raw mut capsule::PyCapsule_Type {
                return 0;
            }
            let c = &*(op as *mut capsule::Capsule);
            c_int::from(!c.pointer.is_null() && capsule::name_matches(c.name, name))
        }
    })
}

/// Imports the capsule named `name` ("package.module.attribute") and returns its pointer.
/// The import system is not there yet, so no module can be found: this raises what CPython
/// raises for a module that does not exist. `no_block` is ignored, as in CPython.
///
/// Returns: the capsule's pointer.
/// Errors: NULL with `ImportError("PyCapsule_Import could not import module \"M\"")` for
/// the first component `M`, `SystemError` for a NULL `name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyCapsule_Import(name: *const c_char, no_block: c_int) -> *mut c_void {
    let _ = no_block;
    guard("PyCapsule_Import", || {
        if name.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a C string, per the C API.
        let full = unsafe { CStr::from_ptr(name) }.to_string_lossy();
        let module = full.split('.').next().unwrap_or_default();
        errors::set_string(
            &raw mut exceptions::_PyExc_ImportError,
            &format!("PyCapsule_Import could not import module \"{module}\""),
        );
        null_mut()
    })
}
