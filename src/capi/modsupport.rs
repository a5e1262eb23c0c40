//! Value building (`modsupport.h`): `Py_BuildValue` and `Py_VaBuildValue` (a C-variadic
//! function and a `va_list` one: naked symbols jumping to their C bodies in
//! `src/c/modsupport.c`, which call back [`subinterp_buildvalue`]), and the `_SizeT`
//! aliases CPython 3.13 still exports. The format language is
//! `crate::object::getargs::buildvalue`.

use std::ffi::{c_char, c_void, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::errors;
use crate::object::getargs::{buildvalue, CVaList};

/// The body of `Py_BuildValue`/`Py_VaBuildValue`, called by `src/c/modsupport.c`.
///
/// Returns: a new reference; NULL with an exception set.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_buildvalue(format: *const c_char, ap: *mut c_void) -> *mut PyObject {
    guard("Py_BuildValue", || {
        if format.is_null() {
            errors::bad_internal_call();
            return null_mut();
        }
        // SAFETY: a C string and the caller's live va_list, per the C API.
        unsafe {
            let f = CStr::from_ptr(format).to_bytes();
            buildvalue::build(f, &mut CVaList(ap)).unwrap_or(null_mut())
        }
    })
}

/// The C bodies (src/c/modsupport.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_Py_BuildValue();
    fn subinterp_c_Py_VaBuildValue();
}

/// `PyObject *Py_BuildValue(const char *format, ...)`: an object made from C values as
/// `format` says (CPython 3.13's units: `s z y u U` (`#` lengths are `Py_ssize_t`),
/// `b B h H i I l k L K n c C f d`, `O S N O&`, `()`, `[]`, `{}`; `D` raises
/// `NotImplementedError`, there is no complex type). Declared in `modsupport.h`; this
/// symbol tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: a new reference: None for an empty format, the object for one unit, a tuple
/// for several. Errors: NULL with `SystemError` for a bad format or a NULL object with no
/// exception set (an exception already set is kept), or the error of a conversion.
/// Ownership: `N` steals its reference, also on failure; `O`/`S` take a new one.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn Py_BuildValue() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_Py_BuildValue);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_Py_BuildValue);
}

/// `_Py_BuildValue_SizeT`: [`Py_BuildValue`] under its old `PY_SSIZE_T_CLEAN` name.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _Py_BuildValue_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_Py_BuildValue);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_Py_BuildValue);
}

/// `PyObject *Py_VaBuildValue(const char *format, va_list va)`: [`Py_BuildValue`] with the
/// values in a `va_list` (copied, not consumed).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn Py_VaBuildValue() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_Py_VaBuildValue);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_Py_VaBuildValue);
}

/// `_Py_VaBuildValue_SizeT`: [`Py_VaBuildValue`] under its old `PY_SSIZE_T_CLEAN` name.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn _Py_VaBuildValue_SizeT() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_Py_VaBuildValue);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_Py_VaBuildValue);
}
