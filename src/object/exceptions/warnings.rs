//! Warnings from C (`PyErr_WarnEx`, `PyErr_WarnExplicit`) without the `warnings` module:
//! CPython 3.13's default filters, applied as its C implementation does.
//!
//! * `DeprecationWarning` is shown only when issued from `__main__`;
//!   `PendingDeprecationWarning`, `ImportWarning` and `ResourceWarning` are ignored; every
//!   other category gets the "default" action: shown once per location.
//! * A warning issued from C with no Python frame is attributed to the `sys` module:
//!   `<sys>:0: Category: message`, once per (message, category) per interpreter (CPython's
//!   `sys.__warningregistry__`).
//! * `PyErr_WarnExplicit` shows `filename:lineno: Category: message` (and the source line,
//!   as `linecache` would, when the file has it); with no registry, every time.
//!
//! The filters of `-W`/`PyConfig.warnoptions`, `-X dev` and `warnings.filterwarnings`
//! need the `warnings` module (later); until then no warning is turned into an error, so
//! these functions only fail on bad arguments.

use super::*;

/// Whether the default filters show `category` warned from `module`.
unsafe fn shown_by_default(category: *mut PyTypeObject, module: &str) -> bool {
    // SAFETY: per caller, a live type.
    unsafe {
        if typeobject::is_subtype(category, &raw mut _PyExc_DeprecationWarning) {
            return module == "__main__";
        }
        ![
            &raw mut _PyExc_PendingDeprecationWarning,
            &raw mut _PyExc_ImportWarning,
            &raw mut _PyExc_ResourceWarning,
        ]
        .into_iter()
        .any(|c| typeobject::is_subtype(category, c))
    }
}

/// `category.__name__`.
unsafe fn category_name(category: *mut PyTypeObject) -> String {
    // SAFETY: per caller.
    unsafe {
        if has_flag(category, Py_TPFLAGS_HEAPTYPE) {
            heaptype::module_and_qualname(category).1
        } else {
            short_type_name(category).into_owned()
        }
    }
}

/// `warnings.formatwarning`: "file:line: Category: message\n", plus the stripped source
/// line if the file has one.
unsafe fn format(category: *mut PyTypeObject, msg: &str, filename: &str, lineno: i64) -> String {
    // SAFETY: per caller.
    let mut out = format!("{filename}:{lineno}: {}: {msg}\n", unsafe { category_name(category) });
    if let Some(line) = source_line(filename, lineno) {
        let line = line.trim();
        if !line.is_empty() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

fn source_line(filename: &str, lineno: i64) -> Option<String> {
    if lineno < 1 || filename.starts_with('<') {
        return None;
    }
    let data = std::fs::read(filename).ok()?;
    let line = data.split(|&b| b == b'\n').nth(lineno as usize - 1)?;
    Some(String::from_utf8_lossy(line).into_owned())
}

/// `PyErr_WarnEx(category, msg, stacklevel)` from C: no frame, so the `sys` module's
/// registry (NULL `category` is `RuntimeWarning`, as CPython's C path).
pub(crate) unsafe fn warn(category: *mut PyTypeObject, msg: &str, _stacklevel: isize) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let category = if category.is_null() { &raw mut _PyExc_RuntimeWarning } else { category };
        if !shown_by_default(category, "sys") {
            return Ok(());
        }
        let ts = crate::tstate::current();
        if !ts.is_null() {
            let first = (*ts).interp().warnings_shown.lock().insert((msg.to_owned(), category as usize));
            if !first {
                return Ok(());
            }
        }
        crate::fatal::write_stderr(&format(category, msg, "<sys>", 0));
    }
    Ok(())
}

/// `PyErr_WarnExplicit`: a warning attributed to `filename:lineno` of `module` (derived
/// from the file name when NULL, as CPython: the name without `.py`). With a `registry`
/// dict the warning is shown once per (location, message, category); the once-only record
/// is kept per interpreter rather than in that dict (dicts come with the dict merge).
pub(crate) unsafe fn warn_explicit(
    category: *mut PyTypeObject,
    msg: &str,
    filename: &str,
    lineno: i64,
    module: Option<&str>,
    registry: *mut PyObject,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if !registry.is_null()
            && registry != singletons::none()
            && !has_flag(type_of(registry), Py_TPFLAGS_DICT_SUBCLASS)
        {
            return Err(errors::type_error("'registry' must be a dict or None"));
        }
        let category = if category.is_null() { &raw mut _PyExc_RuntimeWarning } else { category };
        let derived;
        let module = match module {
            Some(m) => m,
            None => {
                derived = if filename.is_empty() {
                    "<unknown>".to_owned()
                } else {
                    filename.strip_suffix(".py").unwrap_or(filename).to_owned()
                };
                &derived
            }
        };
        if !shown_by_default(category, module) {
            return Ok(());
        }
        if !registry.is_null() && registry != singletons::none() {
            let ts = crate::tstate::current();
            if !ts.is_null() {
                let key = (format!("{filename}:{lineno}:{msg}"), category as usize);
                if !(*ts).interp().warnings_shown.lock().insert(key) {
                    return Ok(());
                }
            }
        }
        crate::fatal::write_stderr(&format(category, msg, filename, lineno));
    }
    Ok(())
}
