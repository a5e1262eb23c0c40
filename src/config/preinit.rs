//! Pre-initialization (`PyPreConfig`, `Py_PreInitialize*`): the process-wide settings
//! decided before the configuration is read. The result lives in `RUNTIME.preconfig` until
//! finalization.
//!
//! Of what CPython's pre-initialization does, this keeps: the `-E`/`-I`/`-X` scan of the
//! arguments, the UTF-8 mode and development mode decisions, validation of the allocator
//! (`PYTHONMALLOC`; the value has no effect: objects use the runtime's allocator), and
//! setting `LC_CTYPE` to the user's locale when `configure_locale` asks for it. C locale
//! coercion (PEP 538) is not done: it would rewrite the embedder's environment.

use std::ffi::{c_int, CStr};

use super::cmdline::GetOpt;
use super::fields::{find_xoption, xoption_value, Config, INIT_ISOLATED, INIT_PYTHON};
use super::wstr::{self, WString};
use super::{env_var, error_in};
use crate::abi::{PyPreConfig, PyStatus};
use crate::runtime::{self, RUNTIME};

/// `PYMEM_ALLOCATOR_*`: `NOT_SET` (0) to `MIMALLOC_DEBUG` (8).
const ALLOCATOR_NOT_SET: c_int = 0;
const ALLOCATOR_DEBUG: c_int = 2;
const ALLOCATOR_MAX: c_int = 8;
const ALLOCATOR_NAMES: [(&str, c_int); 8] = [
    ("default", 1),
    ("debug", 2),
    ("malloc", 3),
    ("malloc_debug", 4),
    ("pymalloc", 5),
    ("pymalloc_debug", 6),
    ("mimalloc", 7),
    ("mimalloc_debug", 8),
];

/// What pre-initialization decided (CPython's `_PyRuntime.preconfig`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PreConfig {
    pub(crate) config_init: c_int,
    pub(crate) parse_argv: c_int,
    pub(crate) isolated: c_int,
    pub(crate) use_environment: c_int,
    pub(crate) configure_locale: c_int,
    pub(crate) coerce_c_locale: c_int,
    pub(crate) coerce_c_locale_warn: c_int,
    pub(crate) utf8_mode: c_int,
    pub(crate) dev_mode: c_int,
    pub(crate) allocator: c_int,
}

impl PreConfig {
    /// `_PyPreConfig_InitCompatConfig`.
    pub(crate) fn compat() -> PreConfig {
        PreConfig {
            config_init: super::fields::INIT_COMPAT,
            parse_argv: 0,
            isolated: -1,
            use_environment: -1,
            configure_locale: 1,
            coerce_c_locale: 0,
            coerce_c_locale_warn: 0,
            utf8_mode: -1,
            dev_mode: -1,
            allocator: ALLOCATOR_NOT_SET,
        }
    }

    /// `PyPreConfig_InitPythonConfig`.
    pub(crate) fn python() -> PreConfig {
        PreConfig {
            config_init: INIT_PYTHON,
            parse_argv: 1,
            isolated: 0,
            use_environment: 1,
            coerce_c_locale: -1,
            coerce_c_locale_warn: -1,
            utf8_mode: -1,
            ..PreConfig::compat()
        }
    }

    /// `PyPreConfig_InitIsolatedConfig`.
    pub(crate) fn isolated() -> PreConfig {
        PreConfig {
            config_init: INIT_ISOLATED,
            configure_locale: 0,
            isolated: 1,
            use_environment: 0,
            utf8_mode: 0,
            dev_mode: 0,
            ..PreConfig::compat()
        }
    }

    pub(crate) fn from_c(c: &PyPreConfig) -> PreConfig {
        PreConfig {
            config_init: c._config_init,
            parse_argv: c.parse_argv,
            isolated: c.isolated,
            use_environment: c.use_environment,
            configure_locale: c.configure_locale,
            coerce_c_locale: c.coerce_c_locale,
            coerce_c_locale_warn: c.coerce_c_locale_warn,
            utf8_mode: c.utf8_mode,
            dev_mode: c.dev_mode,
            allocator: c.allocator,
        }
    }

    pub(crate) fn to_c(self) -> PyPreConfig {
        PyPreConfig {
            _config_init: self.config_init,
            parse_argv: self.parse_argv,
            isolated: self.isolated,
            use_environment: self.use_environment,
            configure_locale: self.configure_locale,
            coerce_c_locale: self.coerce_c_locale,
            coerce_c_locale_warn: self.coerce_c_locale_warn,
            utf8_mode: self.utf8_mode,
            dev_mode: self.dev_mode,
            allocator: self.allocator,
        }
    }

    /// `_PyPreConfig_InitFromConfig`: the pre-configuration a `PyConfig` implies.
    pub(crate) fn for_config(config: &Config) -> PreConfig {
        let mut pre = match config._config_init {
            INIT_PYTHON => PreConfig::python(),
            INIT_ISOLATED => PreConfig::isolated(),
            _ => PreConfig::compat(),
        };
        pre.take_from_config(config);
        pre
    }

    /// `_PyPreConfig_GetConfig`: the config's own settings win where it has them.
    pub(crate) fn take_from_config(&mut self, config: &Config) {
        for (dst, src) in [
            (&mut self.parse_argv, config.parse_argv),
            (&mut self.isolated, config.isolated),
            (&mut self.use_environment, config.use_environment),
            (&mut self.dev_mode, config.dev_mode),
        ] {
            if src != -1 {
                *dst = src;
            }
        }
    }
}

/// What the `-E`/`-I`/`-X` scan of the command line found (CPython's `_PyPreCmdline`).
#[derive(Default)]
pub(crate) struct PreCmdline {
    pub(crate) isolated: c_int,
    pub(crate) use_environment: c_int,
    pub(crate) dev_mode: c_int,
    pub(crate) warn_default_encoding: c_int,
    pub(crate) xoptions: Vec<WString>,
}

impl PreCmdline {
    /// `_PyPreCmdline_Read`: starts from `pre`, scans `argv` if `pre.parse_argv`, then
    /// settles isolated/use_environment/dev_mode/warn_default_encoding.
    pub(crate) fn read(pre: &PreConfig, argv: &[WString]) -> PreCmdline {
        let mut cmd = PreCmdline {
            isolated: pre.isolated,
            use_environment: pre.use_environment,
            dev_mode: pre.dev_mode,
            ..PreCmdline::default()
        };
        if pre.parse_argv != 0 {
            let mut opts = GetOpt::new(argv);
            // Bad options are reported by the full parse later; this scan stays silent.
            while let Some(opt) = opts.next_opt() {
                match opt {
                    super::cmdline::Opt::Short('c' | 'm', _) => break,
                    super::cmdline::Opt::Short('E', _) => cmd.use_environment = 0,
                    super::cmdline::Opt::Short('I', _) => cmd.isolated = 1,
                    super::cmdline::Opt::Short('X', Some(arg)) => cmd.xoptions.push(arg),
                    _ => {}
                }
            }
        }
        if cmd.isolated < 0 {
            cmd.isolated = 0;
        }
        if cmd.isolated > 0 {
            cmd.use_environment = 0;
        }
        if cmd.use_environment < 0 {
            cmd.use_environment = 0;
        }
        let use_env = cmd.use_environment != 0;
        if cmd.dev_mode < 0
            && (find_xoption(&cmd.xoptions, "dev").is_some() || env_var(use_env, "PYTHONDEVMODE").is_some())
        {
            cmd.dev_mode = 1;
        }
        if cmd.dev_mode < 0 {
            cmd.dev_mode = 0;
        }
        if find_xoption(&cmd.xoptions, "warn_default_encoding").is_some()
            || env_var(use_env, "PYTHONWARNDEFAULTENCODING").is_some()
        {
            cmd.warn_default_encoding = 1;
        }
        cmd
    }
}

/// The pre-configuration in force, if the runtime is pre-initialized.
pub(crate) fn current() -> Option<PreConfig> {
    *RUNTIME.preconfig.lock()
}

/// Forgets the pre-configuration (at finalization, as CPython resets its runtime state).
pub(crate) fn forget() {
    *RUNTIME.preconfig.lock() = None;
    runtime::set_preinitialized(false);
}

/// `_Py_PreInitializeFromPyArgv`: pre-initializes from `pre` and the (already decoded)
/// arguments, unless already pre-initialized (then the new settings are ignored, as in
/// CPython).
pub(crate) fn preinitialize(pre: PreConfig, args: Option<&[WString]>) -> Result<(), PyStatus> {
    let mut slot = RUNTIME.preconfig.lock();
    if slot.is_some() {
        return Ok(());
    }
    let mut pre = pre;
    let cmd = PreCmdline::read(&pre, args.unwrap_or(&[]));
    pre.isolated = cmd.isolated;
    pre.use_environment = cmd.use_environment;
    pre.dev_mode = cmd.dev_mode;
    let use_env = pre.use_environment != 0;
    if pre.configure_locale == 0 {
        pre.coerce_c_locale = 0;
        pre.coerce_c_locale_warn = 0;
    }
    if pre.utf8_mode < 0 {
        pre.utf8_mode = utf8_mode(&cmd.xoptions, use_env)?;
    }
    if pre.allocator == ALLOCATOR_NOT_SET {
        if let Some(name) = env_var(use_env, "PYTHONMALLOC") {
            let Some(&(_, n)) = ALLOCATOR_NAMES.iter().find(|(s, _)| s.as_bytes() == name.as_bytes()) else {
                return Err(error_in(c"preconfig_init_allocator", c"PYTHONMALLOC: unknown allocator"));
            };
            pre.allocator = n;
        }
    }
    if pre.dev_mode != 0 && pre.allocator == ALLOCATOR_NOT_SET {
        pre.allocator = ALLOCATOR_DEBUG;
    }
    // `_PyPreConfig_Write`.
    if !(ALLOCATOR_NOT_SET..=ALLOCATOR_MAX).contains(&pre.allocator) {
        return Err(error_in(c"_PyPreConfig_Write", c"Unknown PYTHONMALLOC allocator"));
    }
    if pre.configure_locale != 0 {
        // As CPython: LC_CTYPE follows the user's locale from here on.
        // SAFETY: a valid category and a NUL-terminated (empty) locale name.
        unsafe { libc::setlocale(libc::LC_CTYPE, c"".as_ptr()) };
    }
    *slot = Some(pre);
    runtime::set_preinitialized(true);
    Ok(())
}

/// `_Py_PreInitializeFromConfig`: pre-initializes as `config` implies; the arguments
/// scanned are `args`, or the config's `argv` when it asks for parsing.
pub(crate) fn preinitialize_for(config: &Config, args: Option<&[WString]>) -> Result<(), PyStatus> {
    if current().is_some() {
        return Ok(());
    }
    let pre = PreConfig::for_config(config);
    let args = args.or_else(|| (config.parse_argv != 0).then_some(&config.argv[..]));
    preinitialize(pre, args)
}

/// `preconfig_init_utf8_mode`: `-X utf8[=0|1]`, else `PYTHONUTF8`, else on for the C and
/// POSIX locales.
fn utf8_mode(xoptions: &[WString], use_env: bool) -> Result<c_int, PyStatus> {
    const WHO: &CStr = c"preconfig_init_utf8_mode";
    if let Some(opt) = find_xoption(xoptions, "utf8") {
        let has_value = opt.contains(&('=' as c_int));
        return match xoption_value(opt) {
            _ if !has_value => Ok(1),
            v if v == wstr::w("1").as_slice() => Ok(1),
            v if v == wstr::w("0").as_slice() => Ok(0),
            _ => Err(error_in(WHO, c"invalid -X utf8 option value")),
        };
    }
    if let Some(v) = env_var(use_env, "PYTHONUTF8") {
        return match v.as_str() {
            "1" => Ok(1),
            "0" => Ok(0),
            _ => Err(error_in(WHO, c"invalid PYTHONUTF8 environment variable value")),
        };
    }
    // SAFETY: querying the locale (NULL name) has no preconditions.
    let loc = unsafe { libc::setlocale(libc::LC_CTYPE, std::ptr::null()) };
    // SAFETY: setlocale returns NULL or a NUL-terminated string.
    let loc = (!loc.is_null()).then(|| unsafe { CStr::from_ptr(loc) }.to_bytes().to_vec());
    Ok(c_int::from(matches!(loc.as_deref(), Some(b"C" | b"POSIX"))))
}
