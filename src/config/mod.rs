//! The embedding configuration (PEP 587) and what the runtime keeps of it after
//! `Py_Initialize*`: a Rust-owned copy, so C may free its `PyConfig` right after
//! initializing.
//!
//! * `fields`: `Config`, the Rust mirror of `PyConfig`, and the copies to and from C;
//! * `preinit`: `PyPreConfig` and pre-initialization;
//! * `read`: `PyConfig_Read`; `cmdline`: its command-line parser;
//! * `path`: the path configuration computed at initialization;
//! * `wstr`: wide strings and `PyWideStringList`s in `malloc`ed memory.

pub(crate) mod cmdline;
pub(crate) mod fields;
pub(crate) mod path;
pub(crate) mod preinit;
pub(crate) mod read;
pub(crate) mod wstr;

use std::ffi::{c_int, CStr};
use std::path::PathBuf;

use crate::abi::{_PyStatus_TYPE_ERROR, wchar_t, PyConfig, PyStatus};
use crate::runtime::{self, RUNTIME};
use fields::Config;
use wstr::WString;

/// What the runtime keeps of `PyConfig` from initialization to finalization.
#[derive(Debug)]
pub(crate) struct CoreConfig {
    pub(crate) install_signal_handlers: bool,
    /// The configuration after reading and computing the paths.
    pub(crate) config: Config,
    /// `SUBINTERP_PATH`'s entries, read at initialization (empty unless `use_environment`).
    pub(crate) subinterp_path: Vec<PathBuf>,
    read_back: ReadBack,
}

/// NUL-terminated copies handed to C by `Py_GetPath` and friends. They stay put until the
/// `CoreConfig` is dropped at finalization.
#[derive(Debug)]
struct ReadBack {
    program_name: Box<[wchar_t]>,
    home: Option<Box<[wchar_t]>>,
    path: Box<[wchar_t]>,
    executable: Box<[wchar_t]>,
    prefix: Box<[wchar_t]>,
    exec_prefix: Box<[wchar_t]>,
    /// `orig_argv` for `Py_GetArgcArgv`: the strings and the array pointing into them.
    argv: Vec<Box<[wchar_t]>>,
    argv_ptrs: Vec<*mut wchar_t>,
}

// SAFETY: the raw pointers point into `argv`, owned by the same struct and never written;
// C only reads through them.
unsafe impl Send for ReadBack {}

/// Which read-back string (`Py_GetProgramName`, ...).
#[derive(Clone, Copy)]
pub(crate) enum ReadBackField {
    ProgramName,
    Home,
    Path,
    ProgramFullPath,
    Prefix,
    ExecPrefix,
}

impl CoreConfig {
    /// The configuration `Py_InitializeEx(initsigs)` uses: CPython's compatible defaults,
    /// read from the environment, with `install_signal_handlers = initsigs`.
    ///
    /// Errors: as CPython's `Py_InitializeEx`, a configuration error (a malformed
    /// environment variable, such as `PYTHONHASHSEED=x`) ends the process through
    /// `Py_ExitStatusException`.
    pub(crate) fn for_initialize_ex(initsigs: bool) -> CoreConfig {
        let mut cfg = Config::compat();
        cfg.install_signal_handlers = c_int::from(initsigs);
        if runtime::is_initialized() {
            // Initializing again does nothing, so there is nothing to read (CPython returns
            // before reading, too).
            return CoreConfig::build(cfg);
        }
        match CoreConfig::read(cfg) {
            Ok(core) => core,
            Err(status) => crate::capi::pylifecycle::Py_ExitStatusException(status),
        }
    }

    /// `Py_InitializeFromConfig`'s configuration: C's struct (left unchanged) read as
    /// `PyConfig_Read` does, then the path configuration computed.
    ///
    /// # Safety
    /// `c` must be a valid `PyConfig` (strings NULL or NUL-terminated, lists readable).
    pub(crate) unsafe fn from_c(c: &PyConfig) -> Result<CoreConfig, PyStatus> {
        // SAFETY: caller's contract.
        let cfg = unsafe { Config::from_c(c, c"Py_InitializeFromConfig") }?;
        CoreConfig::read(cfg)
    }

    fn read(mut cfg: Config) -> Result<CoreConfig, PyStatus> {
        read::read(&mut cfg, true)?;
        Ok(CoreConfig::build(cfg))
    }

    fn build(config: Config) -> CoreConfig {
        let text = |s: &Option<WString>| wstr::nul_terminated(s.as_deref().unwrap_or_default());
        let path: Vec<wchar_t> = config.module_search_paths.join(&(':' as wchar_t));
        let argv: Vec<Box<[wchar_t]>> = config.orig_argv.iter().map(|a| wstr::nul_terminated(a)).collect();
        let mut argv_ptrs: Vec<*mut wchar_t> = argv.iter().map(|a| a.as_ptr() as *mut wchar_t).collect();
        argv_ptrs.push(std::ptr::null_mut());
        let read_back = ReadBack {
            program_name: text(&config.program_name),
            home: config.home.as_deref().map(wstr::nul_terminated),
            path: wstr::nul_terminated(&path),
            executable: text(&config.executable),
            prefix: text(&config.prefix),
            exec_prefix: text(&config.exec_prefix),
            argv,
            argv_ptrs,
        };
        let subinterp_path = path::subinterp_path(&config).iter().map(|p| wstr::to_path(p)).collect();
        CoreConfig {
            install_signal_handlers: config.install_signal_handlers != 0,
            config,
            subinterp_path,
            read_back,
        }
    }

    fn read_back_ptr(&self, field: ReadBackField) -> *mut wchar_t {
        let rb = &self.read_back;
        let s: &[wchar_t] = match field {
            ReadBackField::ProgramName => &rb.program_name,
            ReadBackField::Home => match &rb.home {
                Some(h) => h,
                None => return std::ptr::null_mut(),
            },
            ReadBackField::Path => &rb.path,
            ReadBackField::ProgramFullPath => &rb.executable,
            ReadBackField::Prefix => &rb.prefix,
            ReadBackField::ExecPrefix => &rb.exec_prefix,
        };
        s.as_ptr() as *mut wchar_t
    }
}

/// A read-back string of the running configuration, valid until finalization; NULL
/// before initialization and after finalization (and for an unset `home`).
pub(crate) fn read_back(field: ReadBackField) -> *mut wchar_t {
    RUNTIME.config.lock().as_ref().map_or(std::ptr::null_mut(), |c| c.read_back_ptr(field))
}

/// `Py_GetArgcArgv`: the running configuration's `orig_argv` (count, NULL-terminated
/// array), or `(0, NULL)` when not initialized or empty.
pub(crate) fn orig_argv() -> (c_int, *mut *mut wchar_t) {
    match RUNTIME.config.lock().as_ref() {
        Some(c) if !c.read_back.argv.is_empty() => {
            (c.read_back.argv.len() as c_int, c.read_back.argv_ptrs.as_ptr() as *mut *mut wchar_t)
        }
        _ => (0, std::ptr::null_mut()),
    }
}

/// Calls `f` with the running configuration, if the runtime is initialized.
#[allow(dead_code)] // for the subsystems that consult the configuration (import, sys)
pub(crate) fn with_running<R>(f: impl FnOnce(&CoreConfig) -> R) -> Option<R> {
    RUNTIME.config.lock().as_ref().map(f)
}

/// Where extension modules are looked for, in order: the module search path, then the
/// `SUBINTERP_PATH` entries not already on it (when `use_environment`). Empty before
/// initialization.
#[allow(dead_code)] // for the import system, which loads extension modules from here
pub(crate) fn extension_search_path() -> Vec<PathBuf> {
    with_running(CoreConfig::extension_search_path).unwrap_or_default()
}

impl CoreConfig {
    /// See [`extension_search_path`].
    pub(crate) fn extension_search_path(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> =
            self.config.module_search_paths.iter().map(|p| wstr::to_path(p)).collect();
        for p in &self.subinterp_path {
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
        out
    }
}

/// An error status naming the function that found it.
pub(crate) fn error_in(func: &'static CStr, msg: &'static CStr) -> PyStatus {
    crate::status::error(func, msg)
}

/// An error status without a function name (CPython's `PyStatus_Error`).
pub(crate) fn error_nofunc(msg: &'static CStr) -> PyStatus {
    PyStatus { _type: _PyStatus_TYPE_ERROR, func: std::ptr::null(), err_msg: msg.as_ptr(), exitcode: 0 }
}

pub(crate) fn no_memory(func: &'static CStr) -> PyStatus {
    error_in(func, c"memory allocation failed")
}

pub(crate) fn exit_status(code: c_int) -> PyStatus {
    crate::status::exit(code)
}

/// `_Py_GetEnv`: the variable's value when `use_environment` and it is set and not empty.
pub(crate) fn env_var(use_environment: bool, name: &str) -> Option<String> {
    env_bytes(use_environment, name).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// [`env_var`] decoded to a wide string as `Py_DecodeLocale` would.
pub(crate) fn env_wide(use_environment: bool, name: &str) -> Option<WString> {
    env_bytes(use_environment, name).map(|b| wstr::decode_locale(&b))
}

fn env_bytes(use_environment: bool, name: &str) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStringExt;
    if !use_environment {
        return None;
    }
    std::env::var_os(name).map(OsStringExt::into_vec).filter(|v| !v.is_empty())
}

/// `path` made absolute against the current directory and normalized like Python's
/// `os.path.abspath` (`.` and `..` resolved lexically, repeated `/` collapsed). `None` if
/// the current directory cannot be read.
pub(crate) fn abs_path(path: &[wchar_t]) -> Option<WString> {
    let slash = '/' as wchar_t;
    let mut full: WString = Vec::new();
    if path.first() != Some(&slash) {
        full = wstr::from_path(&std::env::current_dir().ok()?);
        full.push(slash);
    }
    full.extend_from_slice(path);
    let mut parts: Vec<&[wchar_t]> = Vec::new();
    for part in full.split(|&c| c == slash) {
        match part {
            [] => {}
            [c] if *c == '.' as wchar_t => {}
            [a, b] if *a == '.' as wchar_t && *b == '.' as wchar_t => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = Vec::with_capacity(full.len());
    for p in &parts {
        out.push(slash);
        out.extend_from_slice(p);
    }
    if out.is_empty() {
        out.push(slash);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subinterp_path_follows_the_module_search_path() {
        let w = wstr::w;
        // Tests that initialize the runtime may read this meanwhile; none checks the value.
        std::env::set_var("SUBINTERP_PATH", "/sp1::/a:/sp2");
        let mut cfg = Config::python();
        cfg.module_search_paths = vec![w("/a")];
        cfg.module_search_paths_set = 1;
        let core = CoreConfig::build(cfg.clone());
        let want: Vec<PathBuf> = ["/a", "/sp1", "/sp2"].iter().map(PathBuf::from).collect();
        assert_eq!(core.extension_search_path(), want);
        // Not part of Py_GetPath, which stays the module search path.
        assert_eq!(&core.read_back.path[..], &wstr::nul_terminated(&w("/a"))[..]);
        cfg.use_environment = 0;
        assert_eq!(CoreConfig::build(cfg).extension_search_path(), vec![PathBuf::from("/a")]);
        std::env::remove_var("SUBINTERP_PATH");
    }

    #[test]
    fn abs_path_normalizes() {
        let w = wstr::w;
        assert_eq!(abs_path(&w("/a/./b//c/../d/")), Some(w("/a/b/d")));
        assert_eq!(abs_path(&w("/..")), Some(w("/")));
        let cwd = wstr::from_path(&std::env::current_dir().unwrap());
        let mut want = cwd.clone();
        want.extend(w("/x"));
        assert_eq!(abs_path(&w("./x")), Some(want));
        assert_eq!(abs_path(&w("")), Some(cwd));
    }
}
