//! The exception families with simple fields: `SystemExit` (`code`), `StopIteration`
//! (`value`), `AttributeError` (`name`, `obj`), `NameError` (`name`), `ImportError` (`msg`,
//! `name`, `path`, `name_from`) and `SyntaxError` (`msg`, `filename`, `lineno`, `offset`,
//! `end_lineno`, `end_offset`, `text`, `print_file_and_line`), with CPython 3.13's
//! constructors and `str()` formats.

use std::ffi::c_int;

use super::*;

macro_rules! layout {
    ($name:ident, $ty:ty, $init:ident, $dealloc:ident, $str:expr) => {
        pub(super) const $name: Layout = Layout {
            basicsize: size_of::<$ty>(),
            new: Some(base_exception_new),
            init: Some($init),
            dealloc: Some($dealloc),
            str: Some($str),
        };
    };
}

layout!(SYSTEM_EXIT, PySystemExitObject, system_exit_init, system_exit_dealloc, base_exception_str);
layout!(
    STOP_ITERATION,
    PyStopIterationObject,
    stop_iteration_init,
    stop_iteration_dealloc,
    base_exception_str
);
layout!(
    ATTRIBUTE_ERROR,
    PyAttributeErrorObject,
    attribute_error_init,
    attribute_error_dealloc,
    base_exception_str
);
layout!(NAME_ERROR, PyNameErrorObject, name_error_init, name_error_dealloc, base_exception_str);
layout!(IMPORT_ERROR, PyImportErrorObject, import_error_init, import_error_dealloc, import_error_str);
layout!(SYNTAX_ERROR, PySyntaxErrorObject, syntax_error_init, syntax_error_dealloc, syntax_error_str);

#[inline]
unsafe fn cast<'a, T>(op: *mut PyObject) -> &'a mut T {
    // SAFETY: per caller, an instance of the family whose layout `T` is.
    unsafe { &mut *(op as *mut T) }
}

#[inline]
unsafe fn args_slice<'a>(args: *mut PyObject) -> &'a [*mut PyObject] {
    // SAFETY: per caller, NULL or a tuple.
    if args.is_null() {
        &[]
    } else {
        unsafe { tupleobject::items(args) }
    }
}

// --- SystemExit -------------------------------------------------------------------------------

unsafe extern "C" fn system_exit_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a SystemExit.
    unsafe {
        if base_exception_init(op, args, kwds) < 0 {
            return -1;
        }
        let a = args_slice(args);
        let code = match a.len() {
            0 => return 0,
            1 => a[0],
            _ => args,
        };
        set_field(&mut cast::<PySystemExitObject>(op).code, new_ref(code));
    }
    0
}

unsafe extern "C" fn system_exit_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        set_field(&mut cast::<PySystemExitObject>(op).code, null_mut());
        base_exception_dealloc(op);
    }
}

/// `SystemExit.code` (borrowed; NULL reads as `None`).
pub(crate) unsafe fn system_exit_code(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller, a SystemExit.
    unsafe { cast::<PySystemExitObject>(op).code }
}

// --- StopIteration ----------------------------------------------------------------------------

unsafe extern "C" fn stop_iteration_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    // SAFETY: called through tp_init with a StopIteration.
    unsafe {
        if base_exception_init(op, args, kwds) < 0 {
            return -1;
        }
        let value = args_slice(args).first().copied().unwrap_or(singletons::none());
        set_field(&mut cast::<PyStopIterationObject>(op).value, new_ref(value));
    }
    0
}

unsafe extern "C" fn stop_iteration_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        set_field(&mut cast::<PyStopIterationObject>(op).value, null_mut());
        base_exception_dealloc(op);
    }
}

// --- AttributeError and NameError -----------------------------------------------------------

/// `BaseException.__init__` with the positional arguments only, then the keyword-only
/// `names` (`PyArg_ParseTupleAndKeywords(empty, kwds, "|$O...:Func")`).
unsafe fn init_with_keywords(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
    func: &str,
    names: &[&str],
) -> PyResult<Vec<Option<Owned>>> {
    // SAFETY: per caller.
    unsafe {
        if base_exception_init(op, args, null_mut()) < 0 {
            return Err(PyErr);
        }
        kwargs::parse(func, kwds, names)
    }
}

unsafe extern "C" fn attribute_error_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> c_int {
    // SAFETY: called through tp_init with an AttributeError.
    unsafe {
        let Ok(v) = init_with_keywords(op, args, kwds, "AttributeError", &["name", "obj"]) else { return -1 };
        let e = cast::<PyAttributeErrorObject>(op);
        set_field(&mut e.name, v[0].unwrap_or(null_mut()));
        set_field(&mut e.obj, v[1].unwrap_or(null_mut()));
    }
    0
}

unsafe extern "C" fn attribute_error_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        let e = cast::<PyAttributeErrorObject>(op);
        set_field(&mut e.obj, null_mut());
        set_field(&mut e.name, null_mut());
        base_exception_dealloc(op);
    }
}

unsafe extern "C" fn name_error_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a NameError.
    unsafe {
        let Ok(v) = init_with_keywords(op, args, kwds, "NameError", &["name"]) else { return -1 };
        set_field(&mut cast::<PyNameErrorObject>(op).name, v[0].unwrap_or(null_mut()));
    }
    0
}

unsafe extern "C" fn name_error_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        set_field(&mut cast::<PyNameErrorObject>(op).name, null_mut());
        base_exception_dealloc(op);
    }
}

// --- ImportError ------------------------------------------------------------------------------

unsafe extern "C" fn import_error_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with an ImportError.
    unsafe {
        let Ok(v) = init_with_keywords(op, args, kwds, "ImportError", &["name", "path", "name_from"]) else {
            return -1;
        };
        let e = cast::<PyImportErrorObject>(op);
        set_field(&mut e.name, v[0].unwrap_or(null_mut()));
        set_field(&mut e.path, v[1].unwrap_or(null_mut()));
        set_field(&mut e.name_from, v[2].unwrap_or(null_mut()));
        let a = args_slice(args);
        set_field(&mut e.msg, if a.len() == 1 { new_ref(a[0]) } else { null_mut() });
    }
    0
}

unsafe extern "C" fn import_error_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        let e = cast::<PyImportErrorObject>(op);
        for f in [&mut e.msg, &mut e.name, &mut e.path, &mut e.name_from] {
            set_field(f, null_mut());
        }
        base_exception_dealloc(op);
    }
}

/// `str(ImportError)`: the message if it is exactly a `str`.
unsafe extern "C" fn import_error_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with an ImportError.
    unsafe {
        let msg = cast::<PyImportErrorObject>(op).msg;
        if !msg.is_null() && type_of(msg) == &raw mut unicodeobject::PyUnicode_Type {
            new_ref(msg)
        } else {
            base_exception_str(op)
        }
    }
}

/// `PyErr_SetImportErrorSubclass`: raises `exception(msg, name=name, path=path)` (`None`
/// for NULL names and paths). The instance is made positionally and its fields set, which
/// is what `ImportError.__init__` does with those keywords.
pub(crate) unsafe fn set_import_error(
    exception: *mut PyObject,
    msg: *mut PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
) -> PyErr {
    // SAFETY: per caller, live objects or NULL.
    unsafe {
        if !is_exception_class(exception)
            || !typeobject::is_subtype(exception as *mut PyTypeObject, &raw mut _PyExc_ImportError)
        {
            return errors::type_error("expected a subclass of ImportError");
        }
        if msg.is_null() {
            return errors::type_error("expected a message argument");
        }
        let args = match tupleobject::pack(&[msg]) {
            Ok(a) => a,
            Err(e) => return e,
        };
        let exc = call_type(exception as *mut PyTypeObject, args);
        decref(args);
        let exc = match exc {
            Ok(e) => e,
            Err(e) => return e,
        };
        if typeobject::type_check(exc, &raw mut _PyExc_ImportError) {
            let e = cast::<PyImportErrorObject>(exc);
            let or_none = |o: *mut PyObject| new_ref(if o.is_null() { singletons::none() } else { o });
            set_field(&mut e.name, or_none(name));
            set_field(&mut e.path, or_none(path));
            set_field(&mut e.name_from, new_ref(singletons::none()));
        }
        let r = errors::set_object(type_of(exc).cast(), exc);
        decref(exc);
        r
    }
}

// --- SyntaxError ------------------------------------------------------------------------------

unsafe extern "C" fn syntax_error_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a SyntaxError.
    unsafe {
        if base_exception_init(op, args, kwds) < 0 {
            return -1;
        }
        match syntax_error_args(cast(op), args_slice(args)) {
            Ok(()) => 0,
            Err(_) => -1,
        }
    }
}

/// `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))`.
unsafe fn syntax_error_args(e: &mut PySyntaxErrorObject, a: &[*mut PyObject]) -> PyResult<()> {
    // SAFETY: per caller, live arguments.
    unsafe {
        if let Some(&msg) = a.first() {
            set_field(&mut e.msg, new_ref(msg));
        }
        if a.len() != 2 {
            return Ok(());
        }
        let info = abstract_::sequence::tuple(a[1])?;
        let items = tupleobject::items(info);
        let r = if items.len() < 4 {
            Err(arity_error("function", "at least", 4, items.len()))
        } else if items.len() > 6 {
            Err(arity_error("function", "at most", 6, items.len()))
        } else {
            let get = |i: usize| items.get(i).map_or(null_mut(), |&o| new_ref(o));
            set_field(&mut e.filename, get(0));
            set_field(&mut e.lineno, get(1));
            set_field(&mut e.offset, get(2));
            set_field(&mut e.text, get(3));
            set_field(&mut e.end_lineno, get(4));
            set_field(&mut e.end_offset, get(5));
            if !e.end_lineno.is_null() && e.end_offset.is_null() {
                Err(errors::type_error("end_offset must be provided when end_lineno is provided"))
            } else {
                Ok(())
            }
        };
        decref(info);
        r
    }
}

unsafe extern "C" fn syntax_error_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        let e = cast::<PySyntaxErrorObject>(op);
        for f in [
            &mut e.msg,
            &mut e.filename,
            &mut e.lineno,
            &mut e.offset,
            &mut e.end_lineno,
            &mut e.end_offset,
            &mut e.text,
            &mut e.print_file_and_line,
        ] {
            set_field(f, null_mut());
        }
        base_exception_dealloc(op);
    }
}

/// `str(SyntaxError)`: "msg (file.py, line N)", with the file's base name.
unsafe extern "C" fn syntax_error_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with a SyntaxError.
    unsafe { syntax_str(cast(op)) }.unwrap_or(null_mut())
}

unsafe fn syntax_str(e: &PySyntaxErrorObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let filename = (!e.filename.is_null()
            && typeobject::type_check(e.filename, &raw mut unicodeobject::PyUnicode_Type))
        .then(|| {
            let f = unicodeobject::as_str(e.filename);
            f.rsplit('/').next().unwrap_or(f).to_owned()
        });
        let lineno = (!e.lineno.is_null() && type_of(e.lineno) == &raw mut longobject::PyLong_Type)
            .then(|| longobject::as_i64(e.lineno).unwrap_or(-1));
        let msg = if e.msg.is_null() { singletons::none() } else { e.msg };
        if filename.is_none() && lineno.is_none() {
            return abstract_::str(msg);
        }
        let msg = str_of(msg)?;
        let text = match (filename, lineno) {
            (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
            (Some(f), None) => format!("{msg} ({f})"),
            (None, Some(l)) => format!("{msg} (line {l})"),
            (None, None) => unreachable!("handled above"),
        };
        unicodeobject::from_str(&text)
    }
}

/// The fields display needs from a SyntaxError (borrowed, NULL when unset).
pub(crate) struct SyntaxFields {
    pub(crate) msg: *mut PyObject,
    pub(crate) filename: *mut PyObject,
    pub(crate) lineno: *mut PyObject,
    pub(crate) offset: *mut PyObject,
    pub(crate) end_lineno: *mut PyObject,
    pub(crate) end_offset: *mut PyObject,
    pub(crate) text: *mut PyObject,
}

pub(crate) unsafe fn syntax_fields(op: *mut PyObject) -> SyntaxFields {
    // SAFETY: per caller, a SyntaxError.
    let e = unsafe { cast::<PySyntaxErrorObject>(op) };
    SyntaxFields {
        msg: e.msg,
        filename: e.filename,
        lineno: e.lineno,
        offset: e.offset,
        end_lineno: e.end_lineno,
        end_offset: e.end_offset,
        text: e.text,
    }
}

/// `PyErr_RangedSyntaxLocationObject`: sets the location of the current exception, if it is
/// a `SyntaxError` (negative numbers mean "unknown": `None`), and its `text` from the file.
/// CPython sets these as attributes of any exception (in its dict): other exceptions are
/// left alone until attributes exist (issue 4).
pub(crate) unsafe fn syntax_location(
    filename: *mut PyObject,
    lineno: c_int,
    col: c_int,
    end_lineno: c_int,
    end_col: c_int,
) {
    let exc = errors::take_raised();
    if exc.is_null() {
        return;
    }
    // SAFETY: the exception instance we took, restored below.
    unsafe {
        if typeobject::type_check(exc, &raw mut _PyExc_SyntaxError) {
            let e = cast::<PySyntaxErrorObject>(exc);
            let num = |v: c_int, none_if_negative: bool| {
                if none_if_negative && v < 0 {
                    Ok(new_ref(singletons::none()))
                } else {
                    longobject::from_i64(i64::from(v))
                }
            };
            if let Ok(v) = num(lineno, false) {
                set_field(&mut e.lineno, v);
            }
            if let Ok(v) = num(col, true) {
                set_field(&mut e.offset, v);
            }
            if let Ok(v) = num(end_lineno, true) {
                set_field(&mut e.end_lineno, v);
            }
            if let Ok(v) = num(end_col, true) {
                set_field(&mut e.end_offset, v);
            }
            if !filename.is_null() {
                set_field(&mut e.filename, new_ref(filename));
                if let Some(text) = program_text(filename, lineno) {
                    set_field(&mut e.text, text);
                }
            }
            // Failures above only leave a field as it was, as CPython's cleared errors do.
            errors::clear();
        }
        errors::set_raised(exc);
    }
}

/// `PyErr_ProgramTextObject`: line `lineno` (from 1) of the file `filename`, with its
/// newline, decoded from UTF-8 with replacement (a BOM on line 1 skipped); lines are cut at
/// 999 bytes, as CPython's buffer does. `None` (no exception) if there is no such line.
pub(crate) unsafe fn program_text(filename: *mut PyObject, lineno: c_int) -> Option<Owned> {
    if filename.is_null() || lineno <= 0 {
        return None;
    }
    // SAFETY: per caller, a live object.
    let path = unsafe {
        if !typeobject::type_check(filename, &raw mut unicodeobject::PyUnicode_Type) {
            return None;
        }
        unicodeobject::as_str(filename).to_owned()
    };
    let data = std::fs::read(path).ok()?;
    let mut lines = universal_lines(&data);
    let line = lines.nth(lineno as usize - 1)?;
    let mut line = &line[..line.len().min(999)];
    if lineno == 1 && line.starts_with(b"\xef\xbb\xbf") {
        line = &line[3..];
    }
    unicodeobject::from_str(&String::from_utf8_lossy(line)).ok()
}

/// Lines with `\r\n` and `\r` read as `\n` (the newline kept), like a text-mode file.
fn universal_lines(data: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= data.len() {
            return None;
        }
        let mut line = Vec::new();
        while pos < data.len() {
            let c = data[pos];
            pos += 1;
            if c == b'\r' {
                if data.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
                line.push(b'\n');
                break;
            }
            line.push(c);
            if c == b'\n' {
                break;
            }
        }
        Some(line)
    })
}
