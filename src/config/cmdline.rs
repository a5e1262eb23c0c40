//! CPython's command line, as `PyConfig_Read` parses `PyConfig.argv` when `parse_argv` is
//! 1: the same options, the same option-scanning rules (CPython's `_PyOS_GetOpt`), the
//! same messages on stderr and exit statuses (2 for a usage error, 0 after `-h`/`-V`).

use std::ffi::c_int;

use super::fields::Config;
use super::wstr::{self, WString};
use super::{abs_path, exit_status};
use crate::abi::PyStatus;

/// Short options; a `:` marks one taking an argument (CPython 3.13's list).
const SHORT_OPTS: &str = "bBc:dEhiIm:OPqRsStuvVW:xX:?";

/// Long options: name, whether it takes an argument, and what it stands for.
const LONG_OPTS: [(&str, bool, Long); 4] = [
    ("check-hash-based-pycs", true, Long::CheckHashBasedPycs),
    ("help-all", false, Long::HelpAll),
    ("help-env", false, Long::HelpEnv),
    ("help-xoptions", false, Long::HelpXoptions),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Long {
    CheckHashBasedPycs,
    HelpAll,
    HelpEnv,
    HelpXoptions,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Opt {
    /// A short option and its argument, if it takes one.
    Short(char, Option<WString>),
    Long(Long, Option<WString>),
    /// Not an option we know, or a missing argument; the message is CPython's.
    Bad(Vec<u8>),
}

/// CPython's `_PyOS_GetOpt` over a wide `argv` (index 0 is the program and is skipped).
pub(crate) struct GetOpt<'a> {
    argv: &'a [WString],
    /// Index of the next argument to look at (`_PyOS_optind`).
    pub(crate) optind: usize,
    /// Rest of a cluster of short options (`-bOv`): (argument index, position in it).
    cluster: Option<(usize, usize)>,
}

impl<'a> GetOpt<'a> {
    pub(crate) fn new(argv: &'a [WString]) -> GetOpt<'a> {
        GetOpt { argv, optind: 1, cluster: None }
    }

    /// The next option, or `None` at the first non-option, `--`, a lone `-`, or the end.
    /// A bad option yields `Opt::Bad`; the caller decides whether to print its message.
    pub(crate) fn next_opt(&mut self) -> Option<Opt> {
        let is = |arg: &WString, s: &str| arg[..] == wstr::w(s)[..];
        let (ai, pos) = match self.cluster {
            Some(c) => c,
            None => {
                let arg = self.argv.get(self.optind)?;
                if arg.first() != Some(&('-' as c_int)) || arg.len() == 1 {
                    return None;
                }
                self.optind += 1;
                if is(arg, "--") {
                    return None;
                }
                if is(arg, "--help") {
                    return Some(Opt::Short('h', None));
                }
                if is(arg, "--version") {
                    return Some(Opt::Short('V', None));
                }
                (self.optind - 1, 1)
            }
        };
        let arg = &self.argv[ai];
        let Some(&c) = arg.get(pos) else {
            self.cluster = None;
            return None;
        };
        let rest = &arg[pos + 1..];
        self.cluster = (!rest.is_empty()).then_some((ai, pos + 1));
        if c == '-' as c_int {
            self.cluster = None;
            if rest.is_empty() {
                return Some(Opt::Bad(b"expected long option\n".to_vec()));
            }
            let Some(&(_, has_arg, long)) = LONG_OPTS.iter().find(|(name, _, _)| wstr::w(name) == rest)
            else {
                return Some(Opt::Bad(message("unknown option ", arg, "\n")));
            };
            if !has_arg {
                return Some(Opt::Long(long, None));
            }
            let Some(value) = self.argv.get(self.optind) else {
                return Some(Opt::Bad(message("Argument expected for the ", arg, " options\n")));
            };
            self.optind += 1;
            return Some(Opt::Long(long, Some(value.clone())));
        }
        // CPython prints the option as `(char)option`: its low byte.
        let byte = c as u8;
        if c == 'J' as c_int {
            return Some(Opt::Bad(b"-J is reserved for Jython\n".to_vec()));
        }
        let spec = SHORT_OPTS.find(|s: char| s as c_int == c);
        let Some(i) = spec else {
            return Some(Opt::Bad([&b"Unknown option: -"[..], &[byte], b"\n"].concat()));
        };
        let ch = c as u8 as char;
        if SHORT_OPTS.as_bytes().get(i + 1) != Some(&b':') {
            return Some(Opt::Short(ch, None));
        }
        if !rest.is_empty() {
            self.cluster = None;
            return Some(Opt::Short(ch, Some(rest.to_vec())));
        }
        let Some(value) = self.argv.get(self.optind) else {
            return Some(Opt::Bad([&b"Argument expected for the -"[..], &[byte], b" option\n"].concat()));
        };
        self.optind += 1;
        Some(Opt::Short(ch, Some(value.clone())))
    }
}

fn message(before: &str, arg: &[c_int], after: &str) -> Vec<u8> {
    let mut m = before.as_bytes().to_vec();
    m.extend(wstr::lossy(arg).as_bytes());
    m.extend(after.as_bytes());
    m
}

/// Output on the C streams: flush C's buffers first so ours keep their place.
fn emit(fd: c_int, bytes: &[u8]) {
    // SAFETY: fflush(NULL) flushes every C stream; no other precondition.
    unsafe { libc::fflush(std::ptr::null_mut()) };
    let mut rest = bytes;
    while !rest.is_empty() {
        // SAFETY: writing from a valid buffer of the given length.
        let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
        if n <= 0 {
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        rest = &rest[n as usize..];
    }
}

fn usage_line(program: &[c_int]) -> String {
    format!("usage: {} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n", wstr::lossy(program))
}

/// A usage error: the message, the usage line and CPython's hint on stderr; exit status 2.
fn usage_error(msg: &[u8], program: &[c_int]) -> PyStatus {
    let mut out = msg.to_vec();
    out.extend(usage_line(program).as_bytes());
    out.extend(b"Try `python -h' for more information.\n");
    emit(2, &out);
    exit_status(2)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Help {
    Options,
    Env,
    Xoptions,
    All,
}

/// Help on stdout, exit status 0. The text is subinterp's own summary.
fn help(program: &[c_int], what: Help) -> PyStatus {
    let mut out = String::new();
    if matches!(what, Help::Options | Help::All) {
        out.push_str(&usage_line(program));
        out.push_str(HELP_OPTIONS);
    }
    if matches!(what, Help::Env | Help::All) {
        out.push_str(HELP_ENV);
    }
    if matches!(what, Help::Xoptions | Help::All) {
        out.push_str(HELP_XOPTIONS);
    }
    emit(1, out.as_bytes());
    exit_status(0)
}

const HELP_OPTIONS: &str = "\
Options understood when PyConfig.parse_argv is 1 (CPython's, with their effect on PyConfig):
-b, -bb : bytes_warning += 1      -B : write_bytecode = 0     -c cmd : run_command
-d      : parser_debug += 1       -E : use_environment = 0    -h, --help : this help
-i      : inspect, interactive    -I : isolated = 1           -m mod : run_module
-O, -OO : optimization_level      -P : safe_path = 1          -q : quiet = 1
-R      : use_hash_seed = 0       -s : user_site_directory = 0
-S      : site_import = 0         -u : buffered_stdio = 0     -v : verbose += 1
-V, --version : print the version and exit                    -W arg : warnoptions
-x      : skip_source_first_line  -X opt : xoptions
--check-hash-based-pycs always|default|never : check_hash_pycs_mode
--help-env, --help-xoptions, --help-all : more help
";

const HELP_ENV: &str = "\
Environment variables read when PyConfig.use_environment is 1:
PYTHONPATH, SUBINTERP_PATH : ':'-separated directories searched for extension modules
PYTHONWARNINGS, PYTHONDEVMODE, PYTHONUTF8, PYTHONMALLOC, PYTHONHASHSEED, PYTHONVERBOSE,
PYTHONOPTIMIZE, PYTHONDEBUG, PYTHONINSPECT, PYTHONDONTWRITEBYTECODE, PYTHONNOUSERSITE,
PYTHONUNBUFFERED, PYTHONSAFEPATH, PYTHONFAULTHANDLER, PYTHONTRACEMALLOC,
PYTHONPROFILEIMPORTTIME, PYTHONNODEBUGRANGES, PYTHONINTMAXSTRDIGITS, PYTHON_CPU_COUNT,
PYTHONPERFSUPPORT, PYTHONPYCACHEPREFIX, PYTHONPLATLIBDIR, PYTHONIOENCODING,
PYTHON_FROZEN_MODULES, PYTHONWARNDEFAULTENCODING, PYTHONDUMPREFS, PYTHONMALLOCSTATS
";

const HELP_XOPTIONS: &str = "\
-X options with an effect on PyConfig: dev, utf8[=0|1], faulthandler, showrefcount,
tracemalloc[=N], importtime, no_debug_ranges, perf, int_max_str_digits=N, cpu_count=N,
pycache_prefix=PATH, frozen_modules=on|off, warn_default_encoding
";

/// `config_parse_cmdline`: applies the options in `cfg.argv` to `cfg`, collecting `-W`
/// options into `warnoptions`. Returns the index of the first argument left for the
/// program (the `-c`/`-m` option itself when there is one).
pub(crate) fn parse(cfg: &mut Config, warnoptions: &mut Vec<WString>) -> Result<usize, PyStatus> {
    let argv = cfg.argv.clone();
    let program = cfg.program_name.clone().or_else(|| argv.first().cloned()).unwrap_or_default();
    let mut opts = GetOpt::new(&argv);
    let mut print_version = 0;
    while let Some(opt) = opts.next_opt() {
        let (c, arg) = match opt {
            Opt::Bad(msg) => return Err(usage_error(&msg, &program)),
            Opt::Long(Long::CheckHashBasedPycs, Some(mode)) => {
                if ["always", "never", "default"].iter().any(|m| wstr::w(m) == mode) {
                    cfg.check_hash_pycs_mode = Some(mode);
                    continue;
                }
                let msg = b"--check-hash-based-pycs must be one of 'default', 'always', or 'never'\n";
                return Err(usage_error(msg, &program));
            }
            Opt::Long(Long::HelpEnv, _) => return Err(help(&program, Help::Env)),
            Opt::Long(Long::HelpXoptions, _) => return Err(help(&program, Help::Xoptions)),
            Opt::Long(_, _) => return Err(help(&program, Help::All)),
            Opt::Short(c, arg) => (c, arg),
        };
        match (c, arg) {
            ('c', Some(cmd)) => {
                // -c ends the options; what follows belongs to the command.
                if cfg.run_command.is_none() {
                    let mut cmd = cmd;
                    cmd.push('\n' as c_int);
                    cfg.run_command = Some(cmd);
                }
                break;
            }
            ('m', Some(module)) => {
                if cfg.run_module.is_none() {
                    cfg.run_module = Some(module);
                }
                break;
            }
            ('b', _) => cfg.bytes_warning += 1,
            ('d', _) => cfg.parser_debug += 1,
            ('i', _) => {
                cfg.inspect += 1;
                cfg.interactive += 1;
            }
            // -E, -I and -X were applied by the pre-scan.
            ('E' | 'I' | 'X', _) => {}
            ('O', _) => cfg.optimization_level += 1,
            ('P', _) => cfg.safe_path = 1,
            ('B', _) => cfg.write_bytecode = 0,
            ('s', _) => cfg.user_site_directory = 0,
            ('S', _) => cfg.site_import = 0,
            ('t', _) => {}
            ('u', _) => cfg.buffered_stdio = 0,
            ('v', _) => cfg.verbose += 1,
            ('x', _) => cfg.skip_source_first_line = 1,
            ('h' | '?', _) => return Err(help(&program, Help::Options)),
            ('V', _) => print_version += 1,
            ('W', Some(w)) => warnoptions.push(w),
            ('q', _) => cfg.quiet += 1,
            ('R', _) => cfg.use_hash_seed = 0,
            _ => unreachable!("SHORT_OPTS and this match list the same options"),
        }
    }
    if print_version > 0 {
        let text = if print_version >= 2 {
            format!("Python 3.13.0 (subinterp {})\n", env!("CARGO_PKG_VERSION"))
        } else {
            "Python 3.13.0\n".to_string()
        };
        emit(1, text.as_bytes());
        return Err(exit_status(0));
    }
    let mut index = opts.optind;
    if cfg.run_command.is_none() && cfg.run_module.is_none() && cfg.run_filename.is_none() {
        if let Some(arg) = argv.get(index).filter(|a| a[..] != wstr::w("-")[..]) {
            cfg.run_filename = Some(arg.clone());
        }
    }
    if cfg.run_command.is_some() || cfg.run_module.is_some() {
        index -= 1;
    }
    Ok(index)
}

/// `config_run_filename_abspath`.
pub(crate) fn run_filename_abspath(cfg: &mut Config) {
    if let Some(f) = &cfg.run_filename {
        if f.first() != Some(&('/' as c_int)) {
            if let Some(abs) = abs_path(f) {
                cfg.run_filename = Some(abs);
            }
        }
    }
}

/// `config_update_argv`: `sys.argv` becomes the arguments from `index` on, with `-c` or
/// `-m` as its first item when one of those options ran.
pub(crate) fn update_argv(cfg: &mut Config, index: usize) {
    let mut argv: Vec<WString> = cfg.argv.get(index..).map(<[WString]>::to_vec).unwrap_or_default();
    if argv.is_empty() {
        argv.push(Vec::new());
    }
    if cfg.run_command.is_some() {
        argv[0] = wstr::w("-c");
    } else if cfg.run_module.is_some() {
        argv[0] = wstr::w("-m");
    }
    cfg.argv = argv;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<WString> {
        a.iter().map(|s| wstr::w(s)).collect()
    }

    #[test]
    fn getopt_follows_cpython() {
        let argv = args(&["prog", "-bOWx", "-Xdev", "-c", "code", "-v"]);
        let mut g = GetOpt::new(&argv);
        assert_eq!(g.next_opt(), Some(Opt::Short('b', None)));
        assert_eq!(g.next_opt(), Some(Opt::Short('O', None)));
        assert_eq!(g.next_opt(), Some(Opt::Short('W', Some(wstr::w("x")))));
        assert_eq!(g.next_opt(), Some(Opt::Short('X', Some(wstr::w("dev")))));
        assert_eq!(g.next_opt(), Some(Opt::Short('c', Some(wstr::w("code")))));
        assert_eq!(g.optind, 5);
        let argv = args(&["prog", "-z"]);
        assert_eq!(GetOpt::new(&argv).next_opt(), Some(Opt::Bad(b"Unknown option: -z\n".to_vec())));
        let argv = args(&["prog", "--", "-z"]);
        let mut g = GetOpt::new(&argv);
        assert_eq!(g.next_opt(), None);
        assert_eq!(g.optind, 2);
    }
}
