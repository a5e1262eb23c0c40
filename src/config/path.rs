//! The path configuration, computed at initialization (CPython's `getpath`), plus the
//! checks CPython makes while reading its results back.
//!
//! What we compute, field by field (a field the embedder set is kept):
//! * `program_name`: `orig_argv[0]` if not empty, else `python3`;
//! * `executable`: `program_name` made absolute if it contains a `/`, else found on `PATH`
//!   (an empty string when not found, as in CPython);
//! * `prefix`/`exec_prefix`: from `home` (`PREFIX` or `PREFIX:EXEC_PREFIX`), else the
//!   directory above the one holding `libsubinterp.so` (our installation, as CPython's
//!   is found from `libpython`); `base_*` follow them (no virtual environments here);
//! * `platlibdir`: `lib`;
//! * `module_search_paths`, unless `module_search_paths_set`: the `PYTHONPATH` entries
//!   (`pythonpath_env`, made absolute). We have no standard library, so no stdlib
//!   directories follow.
//!
//! `SUBINTERP_PATH` is ours and separate: when `use_environment`, its entries are searched
//! for extension modules after the module search path, whether that was computed or set.

use std::ffi::{c_int, CStr};
use std::path::{Path, PathBuf};

use super::fields::{Config, INIT_COMPAT, INIT_ISOLATED, INIT_PYTHON};
use super::wstr::{self, WString};
use super::{abs_path, env_wide, error_nofunc};
use crate::abi::PyStatus;

const MAX_HASH_SEED: std::ffi::c_ulong = 4_294_967_295;

/// Computes the path configuration into `cfg` and checks the values CPython rejects at
/// this point. Errors: `error getting getpath results` (no function name), after
/// CPython's report on stderr naming the offending field.
pub(crate) fn compute(cfg: &mut Config) -> Result<(), PyStatus> {
    // CPython reads the path configuration (and so checks it) only with importlib.
    if cfg._install_importlib != 0 {
        check(cfg)?;
    }
    let program_name = match &cfg.program_name {
        Some(p) if !p.is_empty() => p.clone(),
        _ => cfg.orig_argv.first().filter(|a| !a.is_empty()).cloned().unwrap_or_else(|| wstr::w("python3")),
    };
    if cfg.executable.is_none() {
        cfg.executable = Some(find_executable(&program_name));
    }
    cfg.program_name = Some(program_name);
    if cfg.prefix.is_none() || cfg.exec_prefix.is_none() {
        let (prefix, exec_prefix) = default_prefixes(cfg.home.as_deref());
        cfg.prefix.get_or_insert(prefix);
        cfg.exec_prefix.get_or_insert(exec_prefix);
    }
    cfg.base_prefix = cfg.base_prefix.take().or_else(|| cfg.prefix.clone());
    cfg.base_exec_prefix = cfg.base_exec_prefix.take().or_else(|| cfg.exec_prefix.clone());
    cfg.base_executable = cfg.base_executable.take().or_else(|| cfg.executable.clone());
    cfg.platlibdir.get_or_insert_with(|| wstr::w("lib"));
    if cfg.module_search_paths_set == 0 {
        cfg.module_search_paths = default_search_paths(cfg);
        cfg.module_search_paths_set = 1;
    }
    Ok(())
}

/// CPython converts the configuration to a dict and back around `getpath`; the way back
/// rejects these values (measured on 3.13.0: other negative values pass).
fn check(cfg: &Config) -> Result<(), PyStatus> {
    let bad: Option<&str> = if cfg.bytes_warning < 0 {
        Some("bytes_warning")
    } else if cfg.optimization_level < 0 {
        Some("optimization_level")
    } else if cfg.verbose < 0 {
        Some("verbose")
    } else if ![INIT_COMPAT, INIT_PYTHON, INIT_ISOLATED].contains(&cfg._config_init) {
        Some("_config_init")
    } else if cfg.hash_seed > MAX_HASH_SEED {
        Some("hash_seed")
    } else {
        None
    };
    match bad {
        None => Ok(()),
        Some(field) => {
            crate::fatal::write_stderr(&format!(
                "Exception ignored in reading getpath results:\nValueError: invalid config value: {field}\n"
            ));
            Err(error_nofunc(c"error getting getpath results"))
        }
    }
}

/// Where `program_name` runs from: absolute if it names a path, else looked up on `PATH`.
fn find_executable(program_name: &[c_int]) -> WString {
    if program_name.contains(&('/' as c_int)) {
        return abs_path(program_name).unwrap_or_else(|| program_name.to_vec());
    }
    let name = wstr::to_path(program_name);
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let dir = if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir };
        let candidate = dir.join(&name);
        if is_executable_file(&candidate) {
            let found = wstr::from_path(&candidate);
            return abs_path(&found).unwrap_or(found);
        }
    }
    Vec::new()
}

fn is_executable_file(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// `(prefix, exec_prefix)`: from `home`, else from where this library was loaded.
fn default_prefixes(home: Option<&[c_int]>) -> (WString, WString) {
    if let Some(home) = home {
        return match home.iter().position(|&c| c == ':' as c_int) {
            Some(i) => (home[..i].to_vec(), home[i + 1..].to_vec()),
            None => (home.to_vec(), home.to_vec()),
        };
    }
    let prefix = library_path()
        .and_then(|lib| lib.parent().and_then(Path::parent).map(Path::to_path_buf))
        .map(|p| wstr::from_path(&p))
        .unwrap_or_else(|| wstr::w("/usr/local"));
    (prefix.clone(), prefix)
}

/// The file this code was loaded from: `libsubinterp.so`, or the program when linked
/// statically.
fn library_path() -> Option<PathBuf> {
    let mut info = std::mem::MaybeUninit::<libc::Dl_info>::zeroed();
    let addr = library_path as *const () as *const libc::c_void;
    // SAFETY: dladdr only reads the address and fills `info`.
    if unsafe { libc::dladdr(addr, info.as_mut_ptr()) } == 0 {
        return None;
    }
    // SAFETY: dladdr succeeded, so `info` is initialized.
    let info = unsafe { info.assume_init() };
    if info.dli_fname.is_null() {
        return None;
    }
    // SAFETY: dli_fname is a NUL-terminated path owned by the dynamic loader.
    let bytes = unsafe { CStr::from_ptr(info.dli_fname) }.to_bytes().to_vec();
    let path = PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes));
    std::fs::canonicalize(&path).ok().or(Some(path))
}

/// `PYTHONPATH` entries, made absolute (an empty one is the current directory).
fn default_search_paths(cfg: &Config) -> Vec<WString> {
    let Some(pp) = &cfg.pythonpath_env else { return Vec::new() };
    pp.split(|&c| c == ':' as c_int).map(|e| abs_path(e).unwrap_or_else(|| e.to_vec())).collect()
}

/// The `SUBINTERP_PATH` entries (made absolute, empty ones skipped), when
/// `use_environment`.
pub(crate) fn subinterp_path(cfg: &Config) -> Vec<WString> {
    let Some(sp) = env_wide(cfg.use_environment != 0, "SUBINTERP_PATH") else { return Vec::new() };
    sp.split(|&c| c == ':' as c_int)
        .filter(|e| !e.is_empty())
        .map(|e| abs_path(e).unwrap_or_else(|| e.to_vec()))
        .collect()
}
