//! `Config`: a Rust-owned mirror of C's `PyConfig`, field for field, and the copies
//! between the two. Reading the configuration works on the mirror, so the logic is safe
//! Rust; C's struct is read once at the start and written back at the end.

use std::ffi::{c_int, c_ulong, CStr};

use super::wstr::{self, BadList, WString};
use super::{error_in, no_memory};
use crate::abi::{PyConfig, PyStatus, PyWideStringList};

/// `_PyConfigInitEnum`.
pub(crate) const INIT_COMPAT: c_int = 1;
pub(crate) const INIT_PYTHON: c_int = 2;
pub(crate) const INIT_ISOLATED: c_int = 3;

/// `_PY_LONG_DEFAULT_MAX_STR_DIGITS`.
pub(crate) const DEFAULT_MAX_STR_DIGITS: c_int = 4300;

// Every field of `PyConfig` is named once, here, by kind (ints; strings; lists); each copy
// below takes all three lists, so no field can be forgotten in one direction only.
macro_rules! declare {
    ($($ints:ident),*; $($strs:ident),*; $($lists:ident),*) => {
        /// `PyConfig` with owned strings and lists; see CPython's `Doc/c-api/init_config.rst`
        /// for each field.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub(crate) struct Config {
            $(pub(crate) $ints: c_int,)*
            pub(crate) hash_seed: c_ulong,
            $(pub(crate) $strs: Option<WString>,)*
            $(pub(crate) $lists: Vec<WString>,)*
        }
    };
}

macro_rules! config_fields {
    ($m:ident) => {
        $m! {
            _config_init, isolated, use_environment, dev_mode, install_signal_handlers,
            use_hash_seed, faulthandler, tracemalloc, perf_profiling, import_time,
            code_debug_ranges, show_ref_count, dump_refs, malloc_stats, parse_argv,
            site_import, bytes_warning, warn_default_encoding, inspect, interactive,
            optimization_level, parser_debug, write_bytecode, verbose, quiet,
            user_site_directory, configure_c_stdio, buffered_stdio, use_frozen_modules,
            safe_path, int_max_str_digits, cpu_count, pathconfig_warnings,
            module_search_paths_set, skip_source_first_line, _install_importlib, _init_main,
            _is_python_build;
            dump_refs_file, filesystem_encoding, filesystem_errors, pycache_prefix,
            stdio_encoding, stdio_errors, check_hash_pycs_mode, program_name, pythonpath_env,
            home, platlibdir, stdlib_dir, executable, base_executable, prefix, base_prefix,
            exec_prefix, base_exec_prefix, run_command, run_module, run_filename, sys_path_0;
            orig_argv, argv, xoptions, warnoptions, module_search_paths
        }
    };
}

config_fields!(declare);

/// Does not compile if `PyConfig` has a field the list above misses.
#[allow(dead_code)]
fn names_every_field(c: &PyConfig) {
    macro_rules! exhaustive {
        ($($i:ident),*; $($s:ident),*; $($l:ident),*) => {
            let PyConfig { hash_seed: _, $($i: _,)* $($s: _,)* $($l: _,)* } = c;
        };
    }
    config_fields!(exhaustive);
}

/// The error for a malformed list field of `PyConfig`, naming the field.
fn bad_list(func: &'static CStr, field: &'static str, why: BadList) -> PyStatus {
    let msg: &'static CStr = match (field, why) {
        ("orig_argv", BadList::NullItem) => c"PyConfig.orig_argv contains a NULL item",
        ("argv", BadList::NullItem) => c"PyConfig.argv contains a NULL item",
        ("xoptions", BadList::NullItem) => c"PyConfig.xoptions contains a NULL item",
        ("warnoptions", BadList::NullItem) => c"PyConfig.warnoptions contains a NULL item",
        ("module_search_paths", BadList::NullItem) => c"PyConfig.module_search_paths contains a NULL item",
        ("orig_argv", _) => c"PyConfig.orig_argv has a negative length or NULL items",
        ("argv", _) => c"PyConfig.argv has a negative length or NULL items",
        ("xoptions", _) => c"PyConfig.xoptions has a negative length or NULL items",
        ("warnoptions", _) => c"PyConfig.warnoptions has a negative length or NULL items",
        _ => c"PyConfig.module_search_paths has a negative length or NULL items",
    };
    error_in(func, msg)
}

impl Config {
    /// Copies C's struct. Errors (naming `func`): a list with a negative length or NULL
    /// items (CPython would crash on these).
    ///
    /// # Safety
    /// Every string field must be NULL or NUL-terminated, every list readable as
    /// [`wstr::read_list`] requires.
    pub(crate) unsafe fn from_c(c: &PyConfig, func: &'static CStr) -> Result<Config, PyStatus> {
        let mut cfg = Config { hash_seed: c.hash_seed, ..Config::default() };
        macro_rules! copy {
            ($($i:ident),*; $($s:ident),*; $($l:ident),*) => {
                $(cfg.$i = c.$i;)*
                // SAFETY: NULL or NUL-terminated (caller's contract).
                $(cfg.$s = unsafe { wstr::read_opt(c.$s) };)*
                $(
                    // SAFETY: caller's contract.
                    cfg.$l = unsafe { wstr::read_list(&c.$l) }
                        .map_err(|why| bad_list(func, stringify!($l), why))?;
                )*
            };
        }
        config_fields!(copy);
        Ok(cfg)
    }

    /// Writes this configuration into C's struct, replacing only the strings and lists that
    /// changed (so pointers C keeps to unchanged ones stay valid).
    ///
    /// Errors: `memory allocation failed` (the struct is then partly written, as CPython's
    /// is after a failed read).
    ///
    /// # Safety
    /// `c`'s strings and lists must be NULL/empty or `malloc`ed, as `PyConfig_Clear` needs.
    pub(crate) unsafe fn write_c(&self, c: &mut PyConfig, func: &'static CStr) -> Result<(), PyStatus> {
        c.hash_seed = self.hash_seed;
        macro_rules! copy {
            ($($i:ident),*; $($s:ident),*; $($l:ident),*) => {
                $(c.$i = self.$i;)*
                // SAFETY: caller's contract.
                $(unsafe { write_str(&mut c.$s, self.$s.as_deref(), func) }?;)*
                // SAFETY: caller's contract.
                $(unsafe { write_list(&mut c.$l, &self.$l, func) }?;)*
            };
        }
        config_fields!(copy);
        Ok(())
    }

    /// Frees what `PyConfig_Clear` frees and resets those fields.
    ///
    /// # Safety
    /// As [`Config::write_c`].
    pub(crate) unsafe fn clear_c(c: &mut PyConfig) {
        macro_rules! free {
            ($($i:ident),*; $($s:ident),*; $($l:ident),*) => {
                $(
                    // SAFETY: NULL or malloc'ed (caller's contract).
                    unsafe { libc::free(c.$s as *mut libc::c_void) };
                    c.$s = std::ptr::null_mut();
                )*
                // SAFETY: caller's contract.
                $(unsafe { wstr::clear_list(&mut c.$l) };)*
            };
        }
        config_fields!(free);
        c.module_search_paths_set = 0;
    }

    /// `_PyConfig_InitCompatConfig`: the legacy defaults (-1 means "not set yet").
    pub(crate) fn compat() -> Config {
        Config {
            _config_init: INIT_COMPAT,
            isolated: -1,
            use_environment: -1,
            dev_mode: -1,
            install_signal_handlers: 1,
            use_hash_seed: -1,
            faulthandler: -1,
            tracemalloc: -1,
            perf_profiling: -1,
            site_import: -1,
            bytes_warning: -1,
            inspect: -1,
            interactive: -1,
            optimization_level: -1,
            parser_debug: -1,
            write_bytecode: -1,
            verbose: -1,
            quiet: -1,
            user_site_directory: -1,
            buffered_stdio: -1,
            _install_importlib: 1,
            pathconfig_warnings: -1,
            _init_main: 1,
            use_frozen_modules: 1,
            int_max_str_digits: -1,
            code_debug_ranges: 1,
            cpu_count: -1,
            ..Config::default()
        }
    }

    fn defaults() -> Config {
        Config {
            isolated: 0,
            use_environment: 1,
            site_import: 1,
            bytes_warning: 0,
            inspect: 0,
            interactive: 0,
            optimization_level: 0,
            parser_debug: 0,
            write_bytecode: 1,
            verbose: 0,
            quiet: 0,
            user_site_directory: 1,
            buffered_stdio: 1,
            pathconfig_warnings: 1,
            ..Config::compat()
        }
    }

    /// `PyConfig_InitPythonConfig`.
    pub(crate) fn python() -> Config {
        Config { _config_init: INIT_PYTHON, configure_c_stdio: 1, parse_argv: 1, ..Config::defaults() }
    }

    /// `PyConfig_InitIsolatedConfig`.
    pub(crate) fn isolated() -> Config {
        Config {
            _config_init: INIT_ISOLATED,
            isolated: 1,
            use_environment: 0,
            user_site_directory: 0,
            dev_mode: 0,
            install_signal_handlers: 0,
            use_hash_seed: 0,
            faulthandler: 0,
            tracemalloc: 0,
            perf_profiling: 0,
            int_max_str_digits: DEFAULT_MAX_STR_DIGITS,
            safe_path: 1,
            pathconfig_warnings: 0,
            ..Config::defaults()
        }
    }

    /// The `-X` option `name` (`name` or `name=value`), as `_Py_get_xoption` finds it.
    pub(crate) fn xoption(&self, name: &str) -> Option<&[c_int]> {
        find_xoption(&self.xoptions, name)
    }
}

/// The first `-X` option in `list` named `name`.
pub(crate) fn find_xoption<'a>(list: &'a [WString], name: &str) -> Option<&'a [c_int]> {
    let name = wstr::w(name);
    list.iter()
        .find(|opt| {
            let key_len = opt.iter().position(|&c| c == '=' as c_int).unwrap_or(opt.len());
            opt[..key_len] == name[..]
        })
        .map(Vec::as_slice)
}

/// The value of an `-X name=value` option: what follows `=`, or empty if there is none.
pub(crate) fn xoption_value(opt: &[c_int]) -> &[c_int] {
    match opt.iter().position(|&c| c == '=' as c_int) {
        Some(i) => &opt[i + 1..],
        None => &[],
    }
}

/// Replaces `*field` with a copy of `value` unless it already holds that string.
///
/// # Safety
/// `*field` must be NULL or a `malloc`ed NUL-terminated wide string.
unsafe fn write_str(
    field: &mut *mut c_int,
    value: Option<&[c_int]>,
    func: &'static CStr,
) -> Result<(), PyStatus> {
    // SAFETY: NULL or NUL-terminated (caller's contract).
    let current = unsafe { wstr::read_opt(*field) };
    if current.as_deref() == value {
        return Ok(());
    }
    let new = match value {
        Some(v) => {
            let p = wstr::to_malloc(v);
            if p.is_null() {
                return Err(no_memory(func));
            }
            p
        }
        None => std::ptr::null_mut(),
    };
    // SAFETY: NULL or malloc'ed (caller's contract).
    unsafe { libc::free(*field as *mut libc::c_void) };
    *field = new;
    Ok(())
}

/// Replaces a C list with a copy of `value` unless it already holds those strings.
///
/// # Safety
/// The list must be valid and `malloc`ed (see [`wstr::read_list`]).
unsafe fn write_list(
    list: &mut PyWideStringList,
    value: &[WString],
    func: &'static CStr,
) -> Result<(), PyStatus> {
    // SAFETY: caller's contract.
    if unsafe { wstr::read_list(list) }.is_ok_and(|cur| cur == value) {
        return Ok(());
    }
    let new = wstr::alloc_list(value).ok_or_else(|| no_memory(func))?;
    // SAFETY: caller's contract.
    unsafe { wstr::clear_list(list) };
    *list = new;
    Ok(())
}

impl Config {
    /// Writes a fresh default configuration (`PyConfig_Init*Config`): every byte zeroed,
    /// then the numbers; defaults hold no strings or lists.
    ///
    /// # Safety
    /// `c` must be valid for writing a `PyConfig`; whatever it held is not freed.
    pub(crate) unsafe fn init_c(&self, c: *mut PyConfig) {
        debug_assert!(self.program_name.is_none() && self.argv.is_empty());
        // SAFETY: all-zero is a valid PyConfig (NULL strings, empty lists); `c` is
        // writable per the caller's contract.
        unsafe {
            std::ptr::write_bytes(c, 0, 1);
            let c = &mut *c;
            c.hash_seed = self.hash_seed;
            macro_rules! ints {
                ($($i:ident),*; $($s:ident),*; $($l:ident),*) => { $(c.$i = self.$i;)* };
            }
            config_fields!(ints);
        }
    }
}
