//! `PyConfig_Read`: completes a configuration from the command line (when `parse_argv`
//! is 1), the environment (when `use_environment`), `-X` options and defaults, in CPython
//! 3.13's order and with its error texts. The path configuration is computed later, at
//! initialization (`path.rs`), as in CPython since 3.11.

use std::ffi::{c_int, c_ulong, CStr};

use super::fields::{xoption_value, Config, DEFAULT_MAX_STR_DIGITS, INIT_COMPAT};
use super::preinit::{self, PreCmdline, PreConfig};
use super::wstr::{self, WString};
use super::{cmdline, env_var, env_wide, error_in, error_nofunc};
use crate::abi::PyStatus;

const MAX_HASH_SEED: c_ulong = 4_294_967_295;
/// `_PY_LONG_MAX_STR_DIGITS_THRESHOLD`.
const MAX_STR_DIGITS_THRESHOLD: c_int = 640;

/// `_PyConfig_Read(config, compute_path_config)`; `PyConfig_Read` passes false.
/// On error `cfg` keeps what was done before the error, as CPython's struct does.
pub(crate) fn read(cfg: &mut Config, compute_path_config: bool) -> Result<(), PyStatus> {
    preinit::preinitialize_for(cfg, None)?;
    if cfg._config_init == INIT_COMPAT {
        compat_defaults(cfg);
    }
    if cfg.orig_argv.is_empty() && !(cfg.argv.len() == 1 && cfg.argv[0].is_empty()) {
        cfg.orig_argv = cfg.argv.clone();
    }
    read_precmdline(cfg);
    if cfg.isolated != 0 {
        cfg.safe_path = 1;
        cfg.use_environment = 0;
        cfg.user_site_directory = 0;
    }
    read_cmdline(cfg)?;
    read_rest(cfg)?;
    if compute_path_config {
        super::path::compute(cfg)?;
    }
    Ok(())
}

/// `config_get_global_vars` with CPython's legacy `Py_*Flag` variables at their defaults
/// (we have none of those mutable globals).
fn compat_defaults(cfg: &mut Config) {
    for (field, value) in [
        (&mut cfg.isolated, 0),
        (&mut cfg.use_environment, 1),
        (&mut cfg.bytes_warning, 0),
        (&mut cfg.inspect, 0),
        (&mut cfg.interactive, 0),
        (&mut cfg.optimization_level, 0),
        (&mut cfg.parser_debug, 0),
        (&mut cfg.verbose, 0),
        (&mut cfg.quiet, 0),
        (&mut cfg.pathconfig_warnings, 1),
        (&mut cfg.buffered_stdio, 1),
        (&mut cfg.site_import, 1),
        (&mut cfg.write_bytecode, 1),
        (&mut cfg.user_site_directory, 1),
    ] {
        if *field == -1 {
            *field = value;
        }
    }
}

/// `core_read_precmdline`: the `-E`/`-I`/`-X` scan, starting from the runtime's
/// pre-configuration overridden by the config's own settings.
fn read_precmdline(cfg: &mut Config) {
    let mut pre = preinit::current().unwrap_or_else(|| PreConfig::for_config(cfg));
    pre.take_from_config(cfg);
    let argv = if cfg.parse_argv == 1 { cfg.argv.clone() } else { Vec::new() };
    let cmd = PreCmdline::read(&pre, &argv);
    cfg.xoptions.extend(cmd.xoptions);
    cfg.isolated = cmd.isolated;
    cfg.use_environment = cmd.use_environment;
    cfg.dev_mode = cmd.dev_mode;
    cfg.warn_default_encoding = cmd.warn_default_encoding;
}

/// `config_read_cmdline`: options, `sys.argv`, and the warning options.
fn read_cmdline(cfg: &mut Config) -> Result<(), PyStatus> {
    let mut cmdline_warnoptions = Vec::new();
    if cfg.parse_argv < 0 {
        cfg.parse_argv = 1;
    }
    if cfg.parse_argv == 1 {
        let index = cmdline::parse(cfg, &mut cmdline_warnoptions)?;
        cmdline::run_filename_abspath(cfg);
        cmdline::update_argv(cfg, index);
    } else {
        cmdline::run_filename_abspath(cfg);
    }
    let env_warnoptions: Vec<WString> = env_wide(cfg.use_environment != 0, "PYTHONWARNINGS")
        .map(|v| v.split(|&c| c == ',' as c_int).filter(|s| !s.is_empty()).map(<[c_int]>::to_vec).collect())
        .unwrap_or_default();
    init_warnoptions(cfg, &cmdline_warnoptions, &env_warnoptions);
    Ok(())
}

/// `config_init_warnoptions`, lowest priority first: dev mode's `default`, then
/// `PYTHONWARNINGS`, `-W`, `-b`'s filter, and finally `PyConfig.warnoptions` itself. An
/// option already present is not added again, so reading twice changes nothing.
fn init_warnoptions(cfg: &mut Config, cmdline: &[WString], env: &[WString]) {
    let mut options: Vec<WString> = Vec::new();
    let add = |options: &mut Vec<WString>, opt: &WString| {
        if !cfg.warnoptions.contains(opt) && !options.contains(opt) {
            options.push(opt.clone());
        }
    };
    if cfg.dev_mode != 0 {
        add(&mut options, &wstr::w("default"));
    }
    env.iter().for_each(|o| add(&mut options, o));
    cmdline.iter().for_each(|o| add(&mut options, o));
    if cfg.bytes_warning != 0 {
        let filter = if cfg.bytes_warning > 1 { "error::BytesWarning" } else { "default::BytesWarning" };
        add(&mut options, &wstr::w(filter));
    }
    options.append(&mut cfg.warnoptions);
    cfg.warnoptions = options;
}

/// `config_read`: the environment, `-X` options and defaults.
fn read_rest(cfg: &mut Config) -> Result<(), PyStatus> {
    if cfg.use_environment != 0 {
        read_env_vars(cfg)?;
    }
    if cfg.xoption("showrefcount").is_some() {
        cfg.show_ref_count = 1;
    }
    read_complex_options(cfg)?;
    if cfg._install_importlib != 0 {
        read_frozen_modules(cfg)?;
    }
    if cfg.dev_mode != 0 && cfg.faulthandler < 0 {
        cfg.faulthandler = 1;
    }
    for field in [&mut cfg.faulthandler, &mut cfg.tracemalloc, &mut cfg.perf_profiling] {
        if *field < 0 {
            *field = 0;
        }
    }
    if cfg.use_hash_seed < 0 {
        cfg.use_hash_seed = 0;
        cfg.hash_seed = 0;
    }
    init_encodings(cfg);
    if cfg.argv.is_empty() {
        cfg.argv.push(Vec::new());
    }
    if cfg.check_hash_pycs_mode.is_none() {
        cfg.check_hash_pycs_mode = Some(wstr::w("default"));
    }
    if cfg.configure_c_stdio < 0 {
        cfg.configure_c_stdio = 1;
    }
    // Arguments are parsed once: a second read leaves them alone.
    if cfg.parse_argv == 1 {
        cfg.parse_argv = 2;
    }
    Ok(())
}

/// `_Py_get_env_flag`: a set variable raises the flag to its number (text or a negative
/// number count as 1).
fn env_flag(flag: &mut c_int, name: &str) {
    if let Some(v) = env_var(true, name) {
        let value = str_to_int(&v).filter(|&n| n >= 0).unwrap_or(1);
        if *flag < value {
            *flag = value;
        }
    }
}

fn str_to_int(s: &str) -> Option<c_int> {
    // Like strtol: leading whitespace and a sign are accepted, nothing may follow.
    s.trim_start().parse::<c_int>().ok()
}

fn wide_to_int(s: &[c_int]) -> Option<c_int> {
    str_to_int(&wstr::lossy(s))
}

/// `config_read_env_vars` (only called when `use_environment`).
fn read_env_vars(cfg: &mut Config) -> Result<(), PyStatus> {
    env_flag(&mut cfg.parser_debug, "PYTHONDEBUG");
    env_flag(&mut cfg.verbose, "PYTHONVERBOSE");
    env_flag(&mut cfg.optimization_level, "PYTHONOPTIMIZE");
    env_flag(&mut cfg.inspect, "PYTHONINSPECT");
    for (name, field) in [
        ("PYTHONDONTWRITEBYTECODE", &mut cfg.write_bytecode),
        ("PYTHONNOUSERSITE", &mut cfg.user_site_directory),
        ("PYTHONUNBUFFERED", &mut cfg.buffered_stdio),
    ] {
        let mut set = 0;
        env_flag(&mut set, name);
        if set != 0 {
            *field = 0;
        }
    }
    if env_var(true, "PYTHONDUMPREFS").is_some() {
        cfg.dump_refs = 1;
    }
    if env_var(true, "PYTHONMALLOCSTATS").is_some() {
        cfg.malloc_stats = 1;
    }
    for (name, field) in [
        ("PYTHONDUMPREFSFILE", &mut cfg.dump_refs_file),
        ("PYTHONPATH", &mut cfg.pythonpath_env),
        ("PYTHONPLATLIBDIR", &mut cfg.platlibdir),
    ] {
        if field.is_none() {
            *field = env_wide(true, name);
        }
    }
    if cfg.use_hash_seed < 0 {
        match env_var(true, "PYTHONHASHSEED").filter(|s| s != "random") {
            Some(text) => {
                let seed = text.parse::<c_ulong>().ok().filter(|&s| s <= MAX_HASH_SEED).ok_or_else(|| {
                    error_in(
                        c"config_init_hash_seed",
                        c"PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]",
                    )
                })?;
                cfg.use_hash_seed = 1;
                cfg.hash_seed = seed;
            }
            None => {
                cfg.use_hash_seed = 0;
                cfg.hash_seed = 0;
            }
        }
    }
    if env_var(true, "PYTHONSAFEPATH").is_some() {
        cfg.safe_path = 1;
    }
    Ok(())
}

/// `config_read_complex_options`: settings an environment variable or a `-X` option give.
fn read_complex_options(cfg: &mut Config) -> Result<(), PyStatus> {
    let use_env = cfg.use_environment != 0;
    if cfg.faulthandler < 0
        && (env_var(use_env, "PYTHONFAULTHANDLER").is_some() || cfg.xoption("faulthandler").is_some())
    {
        cfg.faulthandler = 1;
    }
    if env_var(use_env, "PYTHONPROFILEIMPORTTIME").is_some() || cfg.xoption("importtime").is_some() {
        cfg.import_time = 1;
    }
    if env_var(use_env, "PYTHONNODEBUGRANGES").is_some() || cfg.xoption("no_debug_ranges").is_some() {
        cfg.code_debug_ranges = 0;
    }
    if cfg.tracemalloc < 0 {
        if let Some(v) = env_var(use_env, "PYTHONTRACEMALLOC") {
            cfg.tracemalloc = str_to_int(&v).filter(|&n| n >= 0).ok_or_else(|| {
                error_in(c"config_init_tracemalloc", c"PYTHONTRACEMALLOC: invalid number of frames")
            })?;
        }
        if let Some(opt) = cfg.xoption("tracemalloc") {
            cfg.tracemalloc = if opt.contains(&('=' as c_int)) {
                wide_to_int(xoption_value(opt)).filter(|&n| n >= 0).ok_or_else(|| {
                    error_in(c"config_init_tracemalloc", c"-X tracemalloc=NFRAME: invalid number of frames")
                })?
            } else {
                1
            };
        }
    }
    if cfg.perf_profiling < 0 {
        if env_var(use_env, "PYTHONPERFSUPPORT").and_then(|v| str_to_int(&v)).is_some_and(|n| n != 0) {
            cfg.perf_profiling = 1;
        }
        if cfg.xoption("perf").is_some() {
            cfg.perf_profiling = 1;
        }
    }
    if cfg.int_max_str_digits < 0 {
        read_int_max_str_digits(cfg, use_env)?;
    }
    if cfg.cpu_count < 0 {
        read_cpu_count(cfg, use_env)?;
    }
    if cfg.pycache_prefix.is_none() {
        match cfg.xoption("pycache_prefix") {
            // "-X pycache_prefix=" (empty) disables the environment variable too.
            Some(opt) => cfg.pycache_prefix = Some(xoption_value(opt).to_vec()).filter(|v| !v.is_empty()),
            None => cfg.pycache_prefix = env_wide(use_env, "PYTHONPYCACHEPREFIX"),
        }
    }
    Ok(())
}

fn read_int_max_str_digits(cfg: &mut Config, use_env: bool) -> Result<(), PyStatus> {
    let valid = |n: c_int| n == 0 || n >= MAX_STR_DIGITS_THRESHOLD;
    const WHO: &CStr = c"config_init_int_max_str_digits";
    if let Some(v) = env_var(use_env, "PYTHONINTMAXSTRDIGITS") {
        cfg.int_max_str_digits = str_to_int(&v).filter(|&n| valid(n)).ok_or_else(|| {
            error_in(WHO, c"PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.")
        })?;
    }
    if let Some(opt) = cfg.xoption("int_max_str_digits") {
        let n = opt.contains(&('=' as c_int)).then(|| wide_to_int(xoption_value(opt))).flatten();
        cfg.int_max_str_digits = n.filter(|&n| valid(n)).ok_or_else(|| {
            error_in(WHO, c"-X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.")
        })?;
    }
    if cfg.int_max_str_digits < 0 {
        cfg.int_max_str_digits = DEFAULT_MAX_STR_DIGITS;
    }
    Ok(())
}

fn read_cpu_count(cfg: &mut Config, use_env: bool) -> Result<(), PyStatus> {
    let err = || {
        error_in(
            c"config_init_cpu_count",
            c"-X cpu_count=n option: n is missing or an invalid number, n must be greater than 0",
        )
    };
    if let Some(v) = env_var(use_env, "PYTHON_CPU_COUNT") {
        cfg.cpu_count =
            if v == "default" { -1 } else { str_to_int(&v).filter(|&n| n >= 1).ok_or_else(err)? };
    }
    if let Some(opt) = cfg.xoption("cpu_count") {
        if !opt.contains(&('=' as c_int)) {
            return Err(err());
        }
        let value = xoption_value(opt);
        cfg.cpu_count = if value == wstr::w("default") {
            -1
        } else {
            wide_to_int(value).filter(|&n| n >= 1).ok_or_else(err)?
        };
    }
    Ok(())
}

/// The frozen-modules part of `config_init_import`.
fn read_frozen_modules(cfg: &mut Config) -> Result<(), PyStatus> {
    match env_var(cfg.use_environment != 0, "PYTHON_FROZEN_MODULES").as_deref() {
        None => {}
        Some("on") => cfg.use_frozen_modules = 1,
        Some("off") => cfg.use_frozen_modules = 0,
        Some(_) => {
            return Err(error_nofunc(c"bad value for PYTHON_FROZEN_MODULES (expected \"on\" or \"off\")"))
        }
    }
    if let Some(opt) = cfg.xoption("frozen_modules") {
        let value = xoption_value(opt);
        cfg.use_frozen_modules = if value.is_empty() || value == wstr::w("on") {
            1
        } else if value == wstr::w("off") {
            0
        } else {
            return Err(error_nofunc(c"bad value for option -X frozen_modules (expected \"on\" or \"off\")"));
        };
    }
    Ok(())
}

/// Encodings. Ours are always UTF-8 with `surrogateescape` for the file system (the
/// locale codec of CPython's UTF-8 mode); stdio follows `PYTHONIOENCODING`, and its error
/// handler is CPython's choice for the current locale.
fn init_encodings(cfg: &mut Config) {
    if cfg.filesystem_encoding.is_none() {
        cfg.filesystem_encoding = Some(wstr::w("utf-8"));
    }
    if cfg.filesystem_errors.is_none() {
        cfg.filesystem_errors = Some(wstr::w("surrogateescape"));
    }
    if cfg.stdio_encoding.is_some() && cfg.stdio_errors.is_some() {
        return;
    }
    if let Some(v) = env_wide(cfg.use_environment != 0, "PYTHONIOENCODING") {
        let (enc, errors) = match v.iter().position(|&c| c == ':' as c_int) {
            Some(i) => (v[..i].to_vec(), Some(v[i + 1..].to_vec()).filter(|e| !e.is_empty())),
            None => (v.clone(), None),
        };
        if !enc.is_empty() {
            if cfg.stdio_encoding.is_none() {
                cfg.stdio_encoding = Some(enc);
            }
            // PYTHONIOENCODING=latin1 means latin1:strict.
            if cfg.stdio_errors.is_none() && errors.is_none() {
                cfg.stdio_errors = Some(wstr::w("strict"));
            }
        }
        if cfg.stdio_errors.is_none() {
            cfg.stdio_errors = errors;
        }
    }
    if cfg.stdio_encoding.is_none() {
        cfg.stdio_encoding = Some(wstr::w("utf-8"));
    }
    if cfg.stdio_errors.is_none() {
        cfg.stdio_errors = Some(wstr::w(default_stdio_errors()));
    }
}

/// `config_get_stdio_errors`: `surrogateescape` in the UTF-8 mode and in the C, POSIX and
/// C.UTF-8 locales, `strict` elsewhere.
fn default_stdio_errors() -> &'static str {
    if preinit::current().is_some_and(|p| p.utf8_mode > 0) {
        return "surrogateescape";
    }
    // SAFETY: querying the locale (NULL name) has no preconditions.
    let loc = unsafe { libc::setlocale(libc::LC_CTYPE, std::ptr::null()) };
    if loc.is_null() {
        return "strict";
    }
    // SAFETY: setlocale returns a NUL-terminated string.
    match unsafe { CStr::from_ptr(loc) }.to_bytes() {
        b"C" | b"POSIX" | b"C.UTF-8" | b"C.utf8" | b"UTF-8" => "surrogateescape",
        _ => "strict",
    }
}
