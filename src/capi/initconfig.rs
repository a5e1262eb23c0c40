//! Initialization statuses and configuration (CPython's `cpython/initconfig.h`).

// Every pointer's contract is in the C documentation (Returns/Errors/Ownership), and NULL
// is checked: a separate `# Safety` section would only repeat it in the header.
#![allow(clippy::missing_safety_doc)]

use std::ffi::{c_char, c_int, CStr};

use crate::abi::*;
use crate::config::fields::Config;
use crate::config::preinit::{self, PreConfig};
use crate::config::wstr::{self, InsertError, WString};
use crate::config::{self, read, CoreConfig};
use crate::ffi::guard;
use crate::lifecycle;
use crate::status;

/// Returns: a success status.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Ok() -> PyStatus {
    status::ok()
}

/// Returns: an error status carrying `err_msg` (not copied: it must outlive the status;
/// use a string literal) and no function name, as CPython's.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Error(err_msg: *const c_char) -> PyStatus {
    PyStatus { _type: _PyStatus_TYPE_ERROR, func: std::ptr::null(), err_msg, exitcode: 0 }
}

/// Returns: the error status `memory allocation failed`.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_NoMemory() -> PyStatus {
    PyStatus_Error(c"memory allocation failed".as_ptr())
}

/// Returns: a status asking to exit the process with `exitcode`.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Exit(exitcode: c_int) -> PyStatus {
    status::exit(exitcode)
}

/// Returns: 1 if `err` is an error status, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_IsError(err: PyStatus) -> c_int {
    c_int::from(status::is_error(&err))
}

/// Returns: 1 if `err` is an exit status, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_IsExit(err: PyStatus) -> c_int {
    c_int::from(status::is_exit(&err))
}

/// Returns: 1 if `err` is an error or exit status (something `Py_ExitStatusException`
/// must handle), else 0.
#[unsafe(no_mangle)]
pub extern "C" fn PyStatus_Exception(err: PyStatus) -> c_int {
    c_int::from(status::is_exception(&err))
}

// ---------------------------------------------------------------------------------------
// PyWideStringList
// ---------------------------------------------------------------------------------------

/// Inserts a copy of `item` into `list` at `index`; an index past the end appends.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: `PyWideStringList_Insert index must be >= 0` for a negative index and
/// `memory allocation failed` (both with the function name `PyWideStringList_Insert`, as in
/// CPython); where CPython would crash: `list must not be NULL`, `item must not be NULL`,
/// `list has a negative length or NULL items`. The list is unchanged on error.
/// Ownership: the list owns its copy; its memory comes from `PyMem_RawMalloc` (`malloc`),
/// so `PyMem_RawFree` or `PyConfig_Clear` (for a config's list) frees it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyWideStringList_Insert(
    list: *mut PyWideStringList,
    index: Py_ssize_t,
    item: *const wchar_t,
) -> PyStatus {
    // SAFETY: pointers are checked by `insert_into`; the rest is the C API's contract.
    guard("PyWideStringList_Insert", || unsafe { insert_into(c"PyWideStringList_Insert", list, index, item) })
}

/// Appends a copy of `item` to `list` (`PyWideStringList_Insert` at its length).
///
/// Returns: `PyStatus_Ok()`.
/// Errors: as `PyWideStringList_Insert` (whose name the statuses carry, as in CPython),
/// with `PyWideStringList_Append` naming a NULL or malformed argument.
/// Ownership: as `PyWideStringList_Insert`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyWideStringList_Append(
    list: *mut PyWideStringList,
    item: *const wchar_t,
) -> PyStatus {
    guard("PyWideStringList_Append", || {
        if list.is_null() {
            return status::error(c"PyWideStringList_Append", c"list must not be NULL");
        }
        // SAFETY: non-NULL; a valid list per the C API.
        let len = unsafe { (*list).length };
        // SAFETY: as above.
        unsafe { insert_into(c"PyWideStringList_Append", list, len, item) }
    })
}

/// # Safety
/// `list` and `item` NULL or valid, per the C API.
unsafe fn insert_into(
    who: &'static CStr,
    list: *mut PyWideStringList,
    index: Py_ssize_t,
    item: *const wchar_t,
) -> PyStatus {
    if list.is_null() {
        return status::error(who, c"list must not be NULL");
    }
    if item.is_null() {
        return status::error(who, c"item must not be NULL");
    }
    // SAFETY: non-NULL; C passes a list it owns.
    let list = unsafe { &mut *list };
    if list.length == Py_ssize_t::MAX {
        // CPython's first check: length + 1 would overflow.
        return config::no_memory(c"PyWideStringList_Insert");
    }
    if list.length < 0 || (list.length > 0 && list.items.is_null()) {
        return status::error(who, c"list has a negative length or NULL items");
    }
    // SAFETY: a well-shaped, malloc'ed list and a NUL-terminated item.
    match unsafe { wstr::insert(list, index, item) } {
        Ok(()) => status::ok(),
        Err(InsertError::NegativeIndex) => {
            status::error(c"PyWideStringList_Insert", c"PyWideStringList_Insert index must be >= 0")
        }
        Err(InsertError::NoMemory) => config::no_memory(c"PyWideStringList_Insert"),
    }
}

// ---------------------------------------------------------------------------------------
// PyPreConfig and pre-initialization
// ---------------------------------------------------------------------------------------

/// Fills `config` with the Python pre-configuration: parse arguments, use the environment,
/// set `LC_CTYPE` to the user's locale, decide the UTF-8 mode from the locale.
///
/// Errors: none; a NULL `config` is ignored (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyPreConfig_InitPythonConfig(config: *mut PyPreConfig) {
    guard("PyPreConfig_InitPythonConfig", || {
        if !config.is_null() {
            // SAFETY: non-NULL and writable per the C API.
            unsafe { config.write(PreConfig::python().to_c()) };
        }
    })
}

/// Fills `config` with the isolated pre-configuration: no argument parsing, no
/// environment, locale untouched, UTF-8 mode off.
///
/// Errors: none; a NULL `config` is ignored (CPython crashes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyPreConfig_InitIsolatedConfig(config: *mut PyPreConfig) {
    guard("PyPreConfig_InitIsolatedConfig", || {
        if !config.is_null() {
            // SAFETY: non-NULL and writable per the C API.
            unsafe { config.write(PreConfig::isolated().to_c()) };
        }
    })
}

/// Pre-initializes the runtime from `src_config`. Does nothing if already pre-initialized
/// (also after `Py_Initialize`), as in CPython.
///
/// Returns: `PyStatus_Ok()`.
/// Errors (CPython's texts): `preinitialization config is NULL`; `Unknown PYTHONMALLOC
/// allocator` (`allocator` out of range); `PYTHONMALLOC: unknown allocator`; `invalid
/// PYTHONUTF8 environment variable value`.
/// Ownership: `src_config` is only read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_PreInitialize(src_config: *const PyPreConfig) -> PyStatus {
    // SAFETY: checked inside.
    guard("Py_PreInitialize", || unsafe { preinitialize_from(src_config, Args::None) })
}

/// Pre-initializes from `src_config`, scanning the bytes arguments (decoded as
/// `Py_DecodeLocale` does) for `-E`, `-I` and `-X` options when `parse_argv` is set.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: as `Py_PreInitialize`; `memory allocation failed` for a negative `argc` (as
/// CPython); `invalid -X utf8 option value`; where CPython would crash: `argv must not be
/// NULL`, `argv contains a NULL item`.
/// Ownership: the arguments are only read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_PreInitializeFromBytesArgs(
    src_config: *const PyPreConfig,
    argc: Py_ssize_t,
    argv: *mut *mut c_char,
) -> PyStatus {
    // SAFETY: checked inside.
    guard("Py_PreInitializeFromBytesArgs", || unsafe {
        preinitialize_from(src_config, Args::Bytes(argc, argv))
    })
}

/// Pre-initializes from `src_config`, scanning the wide arguments for `-E`, `-I` and `-X`
/// options when `parse_argv` is set.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: as `Py_PreInitializeFromBytesArgs`.
/// Ownership: the arguments are only read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_PreInitializeFromArgs(
    src_config: *const PyPreConfig,
    argc: Py_ssize_t,
    argv: *mut *mut wchar_t,
) -> PyStatus {
    // SAFETY: checked inside.
    guard("Py_PreInitializeFromArgs", || unsafe { preinitialize_from(src_config, Args::Wide(argc, argv)) })
}

/// Command-line arguments as C passes them.
#[derive(Clone, Copy)]
enum Args {
    None,
    Bytes(Py_ssize_t, *const *mut c_char),
    Wide(Py_ssize_t, *const *mut wchar_t),
}

impl Args {
    /// Decodes the arguments (CPython's `_PyArgv_AsWstrList`).
    ///
    /// # Safety
    /// The array must hold `argc` pointers, each NULL or NUL-terminated.
    unsafe fn decode(self, who: &'static CStr) -> Result<Option<Vec<WString>>, PyStatus> {
        let (argc, is_null) = match self {
            Args::None => return Ok(None),
            Args::Bytes(n, p) => (n, p.is_null()),
            Args::Wide(n, p) => (n, p.is_null()),
        };
        if argc < 0 {
            return Err(config::no_memory(c"_PyArgv_AsWstrList"));
        }
        if argc > 0 && is_null {
            return Err(status::error(who, c"argv must not be NULL"));
        }
        let mut out = Vec::with_capacity(argc as usize);
        for i in 0..argc as usize {
            // SAFETY: `argc` readable pointers (caller's contract), checked for NULL.
            let item = unsafe {
                match self {
                    Args::Bytes(_, p) => Some(*p.add(i)).filter(|a| !a.is_null()).map(|a| wstr::decode_c(a)),
                    Args::Wide(_, p) => Some(*p.add(i)).filter(|a| !a.is_null()).map(|a| wstr::read(a)),
                    Args::None => None,
                }
            };
            out.push(item.ok_or_else(|| status::error(who, c"argv contains a NULL item"))?);
        }
        Ok(Some(out))
    }
}

/// # Safety
/// `src_config` NULL or valid; arguments as [`Args::decode`] needs.
unsafe fn preinitialize_from(src_config: *const PyPreConfig, args: Args) -> PyStatus {
    if src_config.is_null() {
        return status::error(c"_Py_PreInitializeFromPyArgv", c"preinitialization config is NULL");
    }
    if preinit::current().is_some() {
        return status::ok();
    }
    // SAFETY: non-NULL; read by value.
    let pre = PreConfig::from_c(unsafe { &*src_config });
    // SAFETY: caller's contract.
    let args = match unsafe { args.decode(c"_Py_PreInitializeFromPyArgv") } {
        Ok(a) => a,
        Err(s) => return s,
    };
    into_status(preinit::preinitialize(pre, args.as_deref()))
}

fn into_status(r: Result<(), PyStatus>) -> PyStatus {
    r.err().unwrap_or_else(status::ok)
}

// ---------------------------------------------------------------------------------------
// PyConfig
// ---------------------------------------------------------------------------------------

/// Fills `config` with the Python configuration (CPython 3.13's defaults: environment
/// used, arguments parsed, signal handlers installed, `site` imported, ...). The previous
/// contents are overwritten, not freed.
///
/// Errors: none; a NULL `config` is ignored (CPython crashes).
/// Ownership: free what later calls store in it with `PyConfig_Clear`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_InitPythonConfig(config: *mut PyConfig) {
    guard("PyConfig_InitPythonConfig", || {
        if !config.is_null() {
            // SAFETY: non-NULL and writable per the C API.
            unsafe { Config::python().init_c(config) };
        }
    })
}

/// Fills `config` with the isolated configuration: no environment, no argument parsing,
/// no user site directory, no signal handlers, `safe_path` on. The previous contents are
/// overwritten, not freed.
///
/// Errors: none; a NULL `config` is ignored (CPython crashes).
/// Ownership: free what later calls store in it with `PyConfig_Clear`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_InitIsolatedConfig(config: *mut PyConfig) {
    guard("PyConfig_InitIsolatedConfig", || {
        if !config.is_null() {
            // SAFETY: non-NULL and writable per the C API.
            unsafe { Config::isolated().init_c(config) };
        }
    })
}

/// Frees the strings and lists of `config` and sets them to NULL/empty (and
/// `module_search_paths_set` to 0); other fields keep their values. Calling it twice is
/// fine.
///
/// Errors: none; a NULL `config` is ignored (CPython crashes).
/// Ownership: the strings must come from the `PyConfig_*` functions or `PyMem_RawMalloc`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_Clear(config: *mut PyConfig) {
    guard("PyConfig_Clear", || {
        if !config.is_null() {
            // SAFETY: non-NULL; its memory is malloc'ed per the C API.
            unsafe { Config::clear_c(&mut *config) };
        }
    })
}

/// The pre-initialization `PyConfig_Set*` and `PyConfig_Read` start with (CPython's
/// `_Py_PreInitializeFromConfig`); `args` replaces the config's `argv` for the scan.
///
/// # Safety
/// `config` non-NULL and valid.
unsafe fn preinit_for(
    config: *const PyConfig,
    who: &'static CStr,
    args: Option<&[WString]>,
) -> Result<(), PyStatus> {
    if preinit::current().is_some() {
        return Ok(());
    }
    // SAFETY: caller's contract.
    let cfg = unsafe { Config::from_c(&*config, who) }?;
    preinit::preinitialize_for(&cfg, args)
}

/// Replaces `*config_str` (a string field of `config`) with a copy of `str` (NULL sets it
/// to NULL), pre-initializing the runtime from `config` first if needed.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: pre-initialization errors; `memory allocation failed`; where CPython would
/// crash: `config must not be NULL`, `config_str must not be NULL`.
/// Ownership: `config` owns the copy; the old string is freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_SetString(
    config: *mut PyConfig,
    config_str: *mut *mut wchar_t,
    str: *const wchar_t,
) -> PyStatus {
    // SAFETY: checked inside.
    guard("PyConfig_SetString", || unsafe {
        // SAFETY: NUL-terminated when non-NULL, per the C API.
        set_string(c"PyConfig_SetString", config, config_str, (!str.is_null()).then(|| wstr::read(str)))
    })
}

/// Decodes `str` as `Py_DecodeLocale` does (UTF-8, undecodable bytes as lone surrogates)
/// and stores the result in `*config_str`, as `PyConfig_SetString`.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: as `PyConfig_SetString` (with this function's name).
/// Ownership: as `PyConfig_SetString`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_SetBytesString(
    config: *mut PyConfig,
    config_str: *mut *mut wchar_t,
    str: *const c_char,
) -> PyStatus {
    // SAFETY: checked inside.
    guard("PyConfig_SetBytesString", || unsafe {
        // SAFETY: NUL-terminated when non-NULL, per the C API.
        set_string(
            c"PyConfig_SetBytesString",
            config,
            config_str,
            (!str.is_null()).then(|| wstr::decode_c(str)),
        )
    })
}

/// # Safety
/// `config` and `config_str` NULL or valid; `*config_str` NULL or malloc'ed.
unsafe fn set_string(
    who: &'static CStr,
    config: *mut PyConfig,
    config_str: *mut *mut wchar_t,
    value: Option<WString>,
) -> PyStatus {
    if config.is_null() {
        return status::error(who, c"config must not be NULL");
    }
    if config_str.is_null() {
        return status::error(who, c"config_str must not be NULL");
    }
    // SAFETY: non-NULL, valid per the C API.
    if let Err(s) = unsafe { preinit_for(config, who, None) } {
        return s;
    }
    let new = match &value {
        Some(v) => {
            let p = wstr::to_malloc(v);
            if p.is_null() {
                return config::no_memory(who);
            }
            p
        }
        None => std::ptr::null_mut(),
    };
    // SAFETY: `*config_str` is NULL or malloc'ed, per the C API.
    unsafe {
        libc::free(*config_str as *mut libc::c_void);
        *config_str = new;
    }
    status::ok()
}

/// Sets `config->argv` to copies of the bytes arguments, decoded as `Py_DecodeLocale`
/// does, pre-initializing the runtime from `config` and these arguments first if needed.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: `memory allocation failed` for a negative `argc` (as CPython); pre-initialization
/// errors; where CPython would crash: `config must not be NULL`, `argv must not be NULL`,
/// `argv contains a NULL item`.
/// Ownership: `config` owns the copies; the previous `argv` is freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_SetBytesArgv(
    config: *mut PyConfig,
    argc: Py_ssize_t,
    argv: *const *mut c_char,
) -> PyStatus {
    // SAFETY: checked inside.
    guard("PyConfig_SetBytesArgv", || unsafe {
        set_argv(c"PyConfig_SetBytesArgv", config, Args::Bytes(argc, argv))
    })
}

/// Sets `config->argv` to copies of the wide arguments, as `PyConfig_SetBytesArgv`.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: as `PyConfig_SetBytesArgv`.
/// Ownership: as `PyConfig_SetBytesArgv`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_SetArgv(
    config: *mut PyConfig,
    argc: Py_ssize_t,
    argv: *const *mut wchar_t,
) -> PyStatus {
    // SAFETY: checked inside.
    guard("PyConfig_SetArgv", || unsafe { set_argv(c"PyConfig_SetArgv", config, Args::Wide(argc, argv)) })
}

/// # Safety
/// `config` NULL or valid; arguments as [`Args::decode`] needs.
unsafe fn set_argv(who: &'static CStr, config: *mut PyConfig, args: Args) -> PyStatus {
    if config.is_null() {
        return status::error(who, c"config must not be NULL");
    }
    // SAFETY: caller's contract.
    let args = match unsafe { args.decode(who) } {
        Ok(a) => a.unwrap_or_default(),
        Err(s) => return s,
    };
    // SAFETY: non-NULL, valid per the C API.
    if let Err(s) = unsafe { preinit_for(config, who, Some(&args)) } {
        return s;
    }
    // SAFETY: non-NULL; its lists are malloc'ed per the C API.
    unsafe { replace_list(&mut (*config).argv, &args, who) }
}

/// # Safety
/// `list` valid and malloc'ed.
unsafe fn replace_list(list: &mut PyWideStringList, items: &[WString], who: &'static CStr) -> PyStatus {
    let Some(new) = wstr::alloc_list(items) else { return config::no_memory(who) };
    // SAFETY: caller's contract.
    unsafe { wstr::clear_list(list) };
    *list = new;
    status::ok()
}

/// Sets `*list` (a list field of `config`) to copies of `length` strings from `items`,
/// pre-initializing the runtime from `config` first if needed.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: `memory allocation failed` for a negative `length` (as CPython); pre-initialization
/// errors; where CPython would crash: `config must not be NULL`, `list must not be NULL`,
/// `items must not be NULL`, `items contains a NULL item`.
/// Ownership: `config` owns the copies; the previous list is freed; `items` stays the
/// caller's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_SetWideStringList(
    config: *mut PyConfig,
    list: *mut PyWideStringList,
    length: Py_ssize_t,
    items: *mut *mut wchar_t,
) -> PyStatus {
    const WHO: &CStr = c"PyConfig_SetWideStringList";
    guard("PyConfig_SetWideStringList", || {
        if config.is_null() {
            return status::error(WHO, c"config must not be NULL");
        }
        if list.is_null() {
            return status::error(WHO, c"list must not be NULL");
        }
        // SAFETY: non-NULL, valid per the C API.
        if let Err(s) = unsafe { preinit_for(config, WHO, None) } {
            return s;
        }
        if length < 0 {
            return config::no_memory(WHO);
        }
        if length > 0 && items.is_null() {
            return status::error(WHO, c"items must not be NULL");
        }
        let src = PyWideStringList { length, items };
        // SAFETY: `length` readable pointers, per the C API.
        let copy = match unsafe { wstr::read_list(&src) } {
            Ok(v) => v,
            Err(_) => return status::error(WHO, c"items contains a NULL item"),
        };
        // SAFETY: non-NULL; malloc'ed per the C API.
        unsafe { replace_list(&mut *list, &copy, WHO) }
    })
}

/// Completes `config` as CPython 3.13 does: parses `argv` when `parse_argv` is 1 (then
/// sets it to 2, so a second read does not parse again), reads the environment when
/// `use_environment`, applies `isolated` (no environment, no user site directory,
/// `safe_path`), `-X` options and defaults. The path configuration (`module_search_paths`,
/// `executable`, `prefix`, ...) is not computed here but by `Py_InitializeFromConfig`, as
/// in CPython since 3.11.
///
/// Returns: `PyStatus_Ok()`.
/// Errors: an exit status for command-line errors (status 2, after CPython's messages and
/// usage on stderr) and for `-h`/`-V` (status 0, after the text on stdout); CPython's error
/// statuses for malformed environment variables and `-X` values (e.g.
/// `config_init_hash_seed`: `PYTHONHASHSEED must be "random" or an integer in range
/// [0; 4294967295]`); where CPython would crash: `config must not be NULL` and lists with
/// NULL items. On error `config` keeps what was read before it, as in CPython.
/// Ownership: strings and lists stored in `config` are freed by `PyConfig_Clear`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PyConfig_Read(config: *mut PyConfig) -> PyStatus {
    const WHO: &CStr = c"PyConfig_Read";
    guard("PyConfig_Read", || {
        if config.is_null() {
            return status::error(WHO, c"config must not be NULL");
        }
        // SAFETY: non-NULL, valid per the C API.
        let mut cfg = match unsafe { Config::from_c(&*config, WHO) } {
            Ok(c) => c,
            Err(s) => return s,
        };
        let result = read::read(&mut cfg, false);
        // SAFETY: non-NULL; malloc'ed strings per the C API.
        if let Err(s) = unsafe { cfg.write_c(&mut *config, WHO) } {
            return s;
        }
        into_status(result)
    })
}

/// Initializes the runtime from `config`, which is read first as `PyConfig_Read` does
/// (on a copy: `config` itself is not changed), then the path configuration is computed:
/// see `Py_GetPath`. Honoured: `isolated`, `use_environment`, `install_signal_handlers`,
/// `argv`/`parse_argv`/`orig_argv` (`Py_GetArgcArgv`), `program_name`, `home`,
/// `executable`, `prefix`/`exec_prefix`, `module_search_paths(_set)` (where extension
/// modules are looked for, followed by `SUBINTERP_PATH` when `use_environment`); other
/// fields are kept as read. If the runtime is already initialized, nothing changes (CPython
/// would apply part of the new configuration).
///
/// Returns: `PyStatus_Ok()`.
/// Errors: `initialization config is NULL` (CPython's text); every `PyConfig_Read` error
/// (an exit status for a command-line error: pass it to `Py_ExitStatusException`); `error
/// getting getpath results` (no function name) after CPython's report on stderr for an
/// invalid `_config_init`, a negative `bytes_warning`, `optimization_level` or `verbose`,
/// or a `hash_seed` above 4294967295.
/// Ownership: `config` stays the caller's; free it with `PyConfig_Clear` whenever.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_InitializeFromConfig(config: *const PyConfig) -> PyStatus {
    guard("Py_InitializeFromConfig", || {
        if config.is_null() {
            return status::error(c"Py_InitializeFromConfig", c"initialization config is NULL");
        }
        // SAFETY: non-NULL, valid per the C API.
        let core = match unsafe { CoreConfig::from_c(&*config) } {
            Ok(c) => c,
            Err(s) => return s,
        };
        into_status(lifecycle::initialize(core))
    })
}

/// Gives the command line the runtime was initialized with (`PyConfig.orig_argv`).
///
/// Returns: through `argc` and `argv` (NULL-terminated); 0 and NULL before initialization,
/// after finalization, or when `orig_argv` is empty. A NULL out-pointer is skipped.
/// Ownership: the array and strings belong to the runtime and stay valid until
/// finalization (CPython keeps them longer).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Py_GetArgcArgv(argc: *mut c_int, argv: *mut *mut *mut wchar_t) {
    guard("Py_GetArgcArgv", || {
        let (n, v) = config::orig_argv();
        // SAFETY: writable when non-NULL, per the C API.
        unsafe {
            if !argc.is_null() {
                *argc = n;
            }
            if !argv.is_null() {
                *argv = v;
            }
        }
    })
}
