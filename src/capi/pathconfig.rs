//! Reading back the path configuration (CPython's `Python/pathconfig.c`; declared in
//! `pylifecycle.h`, deprecated since 3.13 in favour of `sys` attributes, but still used
//! by embedders).
//!
//! Every string comes from the configuration the runtime was initialized with. It belongs
//! to the runtime and stays valid until `Py_FinalizeEx`; before initialization and after
//! finalization these return NULL (CPython returns NULL before initialization, and keeps
//! the last values after finalization).

use crate::abi::wchar_t;
use crate::config::{self, ReadBackField};
use crate::ffi::guard;

/// Returns: `PyConfig.program_name`, or its default: `orig_argv[0]`, else `python3`.
/// Errors: NULL when the runtime is not initialized.
/// Ownership: borrowed from the runtime until finalization; do not free or modify.
#[unsafe(no_mangle)]
pub extern "C" fn Py_GetProgramName() -> *mut wchar_t {
    guard("Py_GetProgramName", || config::read_back(ReadBackField::ProgramName))
}

/// Returns: `PyConfig.home`, or NULL if it was not set.
/// Errors: NULL when the runtime is not initialized.
/// Ownership: borrowed from the runtime until finalization; do not free or modify.
#[unsafe(no_mangle)]
pub extern "C" fn Py_GetPythonHome() -> *mut wchar_t {
    guard("Py_GetPythonHome", || config::read_back(ReadBackField::Home))
}

/// Returns: the module search path (`PyConfig.module_search_paths`, as set or computed at
/// initialization), its entries joined with `:`; `SUBINTERP_PATH` is searched after it but
/// not listed.
/// Errors: NULL when the runtime is not initialized.
/// Ownership: borrowed from the runtime until finalization; do not free or modify.
#[unsafe(no_mangle)]
pub extern "C" fn Py_GetPath() -> *mut wchar_t {
    guard("Py_GetPath", || config::read_back(ReadBackField::Path))
}

/// Returns: `PyConfig.executable`: as set, else `program_name` made absolute if it contains
/// a `/`, else found on `PATH`, else an empty string (as in CPython).
/// Errors: NULL when the runtime is not initialized.
/// Ownership: borrowed from the runtime until finalization; do not free or modify.
#[unsafe(no_mangle)]
pub extern "C" fn Py_GetProgramFullPath() -> *mut wchar_t {
    guard("Py_GetProgramFullPath", || config::read_back(ReadBackField::ProgramFullPath))
}

/// Returns: `PyConfig.prefix`: as set, else from `home` (`PREFIX[:EXEC_PREFIX]`), else the
/// directory above the one holding `libsubinterp.so`.
/// Errors: NULL when the runtime is not initialized.
/// Ownership: borrowed from the runtime until finalization; do not free or modify.
#[unsafe(no_mangle)]
pub extern "C" fn Py_GetPrefix() -> *mut wchar_t {
    guard("Py_GetPrefix", || config::read_back(ReadBackField::Prefix))
}

/// Returns: `PyConfig.exec_prefix`, found as `Py_GetPrefix` finds the prefix.
/// Errors: NULL when the runtime is not initialized.
/// Ownership: borrowed from the runtime until finalization; do not free or modify.
#[unsafe(no_mangle)]
pub extern "C" fn Py_GetExecPrefix() -> *mut wchar_t {
    guard("Py_GetExecPrefix", || config::read_back(ReadBackField::ExecPrefix))
}
