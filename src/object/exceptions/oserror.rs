//! `OSError` and its subclasses (`PyOSErrorObject`): `OSError(errno, strerror[, filename[,
//! winerror[, filename2]]])`, where `OSError` itself picks the subclass for the errno
//! (ENOENT → `FileNotFoundError`, ...), `BlockingIOError`'s characters written, the
//! `[Errno N] strerror: 'filename'` format, and `PyErr_SetFromErrno*`.

use std::ffi::c_int;

use super::*;

/// `PyOSErrorObject`.
pub(super) const OSERROR: Layout = Layout {
    basicsize: size_of::<PyOSErrorObject>(),
    new: Some(oserror_new),
    init: Some(oserror_init),
    dealloc: Some(oserror_dealloc),
    str: Some(oserror_str),
};

#[inline]
unsafe fn os<'a>(op: *mut PyObject) -> &'a mut PyOSErrorObject {
    // SAFETY: per caller, an OSError instance.
    unsafe { &mut *(op as *mut PyOSErrorObject) }
}

/// The subclass `OSError(errno, ...)` makes (CPython's `errnomap`).
fn errno_subclass(errno: i64) -> Option<*mut PyTypeObject> {
    let e = c_int::try_from(errno).ok()?;
    Some(match e {
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => &raw mut _PyExc_BlockingIOError,
        e if e == libc::EWOULDBLOCK => &raw mut _PyExc_BlockingIOError,
        libc::ECHILD => &raw mut _PyExc_ChildProcessError,
        libc::EPIPE | libc::ESHUTDOWN => &raw mut _PyExc_BrokenPipeError,
        libc::ECONNABORTED => &raw mut _PyExc_ConnectionAbortedError,
        libc::ECONNREFUSED => &raw mut _PyExc_ConnectionRefusedError,
        libc::ECONNRESET => &raw mut _PyExc_ConnectionResetError,
        libc::EEXIST => &raw mut _PyExc_FileExistsError,
        libc::ENOENT => &raw mut _PyExc_FileNotFoundError,
        libc::EISDIR => &raw mut _PyExc_IsADirectoryError,
        libc::ENOTDIR => &raw mut _PyExc_NotADirectoryError,
        libc::EINTR => &raw mut _PyExc_InterruptedError,
        libc::EACCES | libc::EPERM => &raw mut _PyExc_PermissionError,
        libc::ESRCH => &raw mut _PyExc_ProcessLookupError,
        libc::ETIMEDOUT => &raw mut _PyExc_TimeoutError,
        _ => return None,
    })
}

/// CPython's `oserror_use_init`: a subclass that overrides `__init__` but not `__new__`
/// parses its arguments in `__init__` (so extra ones can be accepted there).
unsafe fn use_init(tp: *mut PyTypeObject) -> bool {
    // SAFETY: per caller, a live type.
    unsafe {
        (*tp).tp_init.map(|f| f as usize) != Some(oserror_init as *const () as usize)
            && (*tp).tp_new.map(|f| f as usize) == Some(oserror_new as *const () as usize)
    }
}

/// The optional parts of `OSError`'s arguments (borrowed).
#[derive(Default)]
struct Parsed {
    errno: Option<*mut PyObject>,
    strerror: Option<*mut PyObject>,
    filename: Option<*mut PyObject>,
    filename2: Option<*mut PyObject>,
}

/// CPython's `oserror_parse_args`: 2 to 5 arguments are (errno, strerror, filename,
/// winerror, filename2); other counts are just `args`.
unsafe fn parse(args: *mut PyObject) -> Parsed {
    // SAFETY: per caller, a tuple.
    let a = unsafe { tupleobject::items(args) };
    if !(2..=5).contains(&a.len()) {
        return Parsed::default();
    }
    Parsed {
        errno: Some(a[0]),
        strerror: Some(a[1]),
        filename: a.get(2).copied(),
        filename2: a.get(4).copied(),
    }
}

/// CPython's `oserror_init`: fills the fields; with a filename, `args` keeps only
/// (errno, strerror).
unsafe fn fill(op: *mut PyObject, args: *mut PyObject, p: &Parsed) -> PyResult<()> {
    // SAFETY: per caller, an OSError instance and its argument tuple.
    unsafe {
        let e = os(op);
        let mut args_kept = new_ref(args);
        if let Some(f) = p.filename.filter(|&f| f != singletons::none()) {
            if type_of(op) == &raw mut _PyExc_BlockingIOError && abstract_::number::check(f) {
                match abstract_::number::as_ssize_t(f, (&raw mut _PyExc_ValueError).cast()) {
                    Ok(n) => e.written = n,
                    Err(err) => {
                        decref(args_kept);
                        return Err(err);
                    }
                }
            } else {
                set_field(&mut e.filename, new_ref(f));
                if let Some(f2) = p.filename2.filter(|&f| f != singletons::none()) {
                    set_field(&mut e.filename2, new_ref(f2));
                }
                let n = tupleobject::size(args);
                if (2..=5).contains(&n) {
                    decref(args_kept);
                    args_kept = tupleobject::pack(&tupleobject::items(args)[..2])?;
                }
            }
        }
        set_field(&mut e.myerrno, p.errno.map_or(null_mut(), |o| new_ref(o)));
        set_field(&mut e.strerror, p.strerror.map_or(null_mut(), |o| new_ref(o)));
        set_field(&mut e.args, args_kept);
    }
    Ok(())
}

unsafe extern "C" fn oserror_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwds: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: called through tp_new with an OSError type and an argument tuple.
    unsafe { new(tp, args, kwds) }.unwrap_or(null_mut())
}

unsafe fn new(mut tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let args = if args.is_null() { tupleobject::empty() } else { args };
        let deferred = use_init(tp);
        let mut parsed = Parsed::default();
        if !deferred {
            no_keywords(tp, kwds)?;
            parsed = parse(args);
            if tp == &raw mut _PyExc_OSError {
                if let Some(errno) = parsed.errno.filter(|&o| has_flag(type_of(o), Py_TPFLAGS_LONG_SUBCLASS))
                {
                    if let Some(sub) = longobject::as_i64(errno).and_then(errno_subclass) {
                        tp = sub;
                    }
                }
            }
        }
        let obj = match (*tp).tp_alloc {
            Some(a) => a(tp, 0),
            None => typeobject::generic_alloc(tp, 0).unwrap_or(null_mut()),
        };
        if obj.is_null() {
            return Err(PyErr);
        }
        os(obj).written = -1;
        let r = if deferred {
            fields(obj).args = tupleobject::empty();
            Ok(())
        } else {
            fill(obj, args, &parsed)
        };
        match r {
            Ok(()) => Ok(obj),
            Err(e) => {
                decref(obj);
                Err(e)
            }
        }
    }
}

unsafe extern "C" fn oserror_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with an OSError instance.
    unsafe {
        if !use_init(type_of(op)) {
            // Everything was done by `__new__`.
            return 0;
        }
        if no_keywords(type_of(op), kwds).is_err() {
            return -1;
        }
        let args = if args.is_null() { tupleobject::empty() } else { args };
        match fill(op, args, &parse(args)) {
            Ok(()) => 0,
            Err(_) => -1,
        }
    }
}

unsafe extern "C" fn oserror_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc`.
    unsafe {
        let e = os(op);
        for f in [&mut e.myerrno, &mut e.strerror, &mut e.filename, &mut e.filename2] {
            set_field(f, null_mut());
        }
        base_exception_dealloc(op);
    }
}

/// `str(OSError)`: `[Errno N] strerror: 'filename' -> 'filename2'`.
unsafe extern "C" fn oserror_str(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_str with an OSError instance.
    unsafe { os_str(op) }.unwrap_or(null_mut())
}

unsafe fn os_str(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let e = os(op);
        let or_none = |o: *mut PyObject| if o.is_null() { singletons::none() } else { o };
        let text = if !e.filename.is_null() {
            let head = format!(
                "[Errno {}] {}: {}",
                str_of(or_none(e.myerrno))?,
                str_of(or_none(e.strerror))?,
                repr_of(e.filename)?
            );
            if e.filename2.is_null() {
                head
            } else {
                format!("{head} -> {}", repr_of(e.filename2)?)
            }
        } else if !e.myerrno.is_null() && !e.strerror.is_null() {
            format!("[Errno {}] {}", str_of(e.myerrno)?, str_of(e.strerror)?)
        } else {
            return base_str(op);
        };
        unicodeobject::from_str(&text)
    }
}

/// `PyErr_SetFromErrnoWithFilenameObjects`: raises `exc(errno, strerror(errno)[, filename[,
/// None, filename2]])` (`OSError` picks the subclass). `errno` 0 gives the message
/// "Error".
pub(crate) unsafe fn set_from_errno(
    exc: *mut PyTypeObject,
    errno: c_int,
    filename: *mut PyObject,
    filename2: *mut PyObject,
) -> PyErr {
    // SAFETY: per caller, an exception type and NULL or live file names.
    unsafe {
        let message = if errno != 0 {
            std::ffi::CStr::from_ptr(libc::strerror(errno)).to_string_lossy().into_owned()
        } else {
            "Error".to_owned()
        };
        let built = (|| {
            let n = longobject::from_i64(i64::from(errno))?;
            let m = match unicodeobject::from_str(&message) {
                Ok(m) => m,
                Err(e) => {
                    decref(n);
                    return Err(e);
                }
            };
            let zero = longobject::from_i64(0)?;
            let r = match (filename.is_null(), filename2.is_null()) {
                (true, _) => tupleobject::pack(&[n, m]),
                (false, true) => tupleobject::pack(&[n, m, filename]),
                (false, false) => tupleobject::pack(&[n, m, filename, zero, filename2]),
            };
            decref(n);
            decref(m);
            r
        })();
        let args = match built {
            Ok(a) => a,
            Err(e) => return e,
        };
        let v = call_type(exc, args);
        decref(args);
        match v {
            Ok(v) => {
                let e = errors::set_object(type_of(v).cast(), v);
                decref(v);
                e
            }
            Err(e) => e,
        }
    }
}
