//! `PyUnicode_FromFormat` and `PyUnicode_FromFormatV`, and the pieces the C format engine
//! (`src/c/format.c`, shared with `PyBytes_FromFormat` and `PyErr_Format`) calls: the C
//! side walks the format string and the `va_list`, these append each conversion to a
//! writer (`object::unicodeobject::format`).
//!
//! The writer lives in the C body's stack frame (`subinterp_fmt_writer`, four words that
//! hold a Rust `Writer`): started once, then ended exactly once by `finish`, `fail` or
//! `abandon`. Each piece returns 0, or -1 with an exception set (the writer stays valid).

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

use crate::abi::*;
use crate::ffi::guard;
use crate::object::unicodeobject::format::{self, Spec, Writer};
use crate::object::PyResult;

/// The C engine's view of a conversion (`subinterp_fmt_spec` in `src/c/format.c`).
/// cbindgen:ignore
#[repr(C)]
pub struct FmtSpec {
    /// 1: `-`, 2: `0`, 4: `#`.
    flags: c_int,
    /// -1: none.
    width: Py_ssize_t,
    /// -1: none; below -1: a negative `*` precision.
    precision: Py_ssize_t,
}

/// Room for a `Writer` in the C body's frame (`subinterp_fmt_writer`).
/// cbindgen:ignore
#[repr(C)]
pub struct FmtWriter {
    opaque: [*mut c_void; 4],
}

const _: () = assert!(std::mem::size_of::<Writer>() <= std::mem::size_of::<FmtWriter>());
const _: () = assert!(std::mem::align_of::<Writer>() <= std::mem::align_of::<FmtWriter>());

impl FmtSpec {
    fn get(&self) -> Spec {
        Spec {
            ljust: self.flags & 1 != 0,
            zero: self.flags & 2 != 0,
            alt: self.flags & 4 != 0,
            width: (self.width >= 0).then_some(self.width as usize),
            precision: match self.precision {
                -1 => None,
                p if p < -1 => Some(0),
                p => Some(p as usize),
            },
        }
    }
}

unsafe fn writer<'a>(w: *mut FmtWriter) -> &'a mut Writer {
    // SAFETY: per the protocol above, `w` holds a started writer.
    unsafe { &mut *(w as *mut Writer) }
}

fn status(r: PyResult<()>) -> c_int {
    if r.is_ok() {
        0
    } else {
        -1
    }
}

/// Starts a writer in `w`: `bytes` non-zero for `PyBytes_FromFormat`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_start(w: *mut FmtWriter, bytes: c_int, hint: usize) {
    // SAFETY: `w` is room for a writer (size and alignment checked above).
    guard("PyUnicode_FromFormat", || unsafe { (w as *mut Writer).write(Writer::new(bytes != 0, hint)) })
}

/// Literal text of the format string (`n` bytes at `s`).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_text(w: *mut FmtWriter, s: *const c_char, n: usize) -> c_int {
    // SAFETY: a started writer and `n` readable bytes, from the C body.
    guard("PyUnicode_FromFormat", || unsafe {
        status(writer(w).text(std::slice::from_raw_parts(s as *const u8, n)))
    })
}

/// An integer conversion (`conv` is `d`, `u`, `x`, `X` or `o`).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_int(
    w: *mut FmtWriter,
    spec: *const FmtSpec,
    negative: c_int,
    magnitude: u64,
    conv: c_int,
) -> c_int {
    // SAFETY: a started writer and a spec, from the C body.
    guard("PyUnicode_FromFormat", || unsafe {
        status(writer(w).int((*spec).get(), negative != 0, magnitude, conv as u8))
    })
}

/// `%c`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_char(w: *mut FmtWriter, c: c_int) -> c_int {
    // SAFETY: a started writer, from the C body.
    guard("PyUnicode_FromFormat", || unsafe { status(writer(w).char(c)) })
}

/// `%s` (and `%V` with a NULL object): a C string, NULL raising `SystemError` (CPython
/// crashes).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_cstr(
    w: *mut FmtWriter,
    spec: *const FmtSpec,
    s: *const c_char,
) -> c_int {
    guard("PyUnicode_FromFormat", || {
        if s.is_null() {
            crate::object::errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a started writer and a spec from the C body; `s` is a C string.
        unsafe {
            let w = writer(w);
            let spec = &*spec;
            // `str`: the precision cuts bytes (a negative `*` one: all of them). `bytes`:
            // CPython reads a precision of 0 or less as "no precision".
            let limit = match spec.precision {
                p if w.is_bytes() && p <= 0 => None,
                -1 => None,
                p if p < -1 => Some(0),
                p => Some(p as usize),
            };
            let bytes = match limit {
                None => CStr::from_ptr(s).to_bytes(),
                Some(n) => {
                    let mut len = 0;
                    while len < n && *s.add(len) != 0 {
                        len += 1;
                    }
                    std::slice::from_raw_parts(s as *const u8, len)
                }
            };
            status(w.c_string(spec.get(), bytes))
        }
    })
}

/// `%ls` (and `%lV` with a NULL object): a wide string, its precision counting `wchar_t`s.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_wstr(
    w: *mut FmtWriter,
    spec: *const FmtSpec,
    s: *const wchar_t,
) -> c_int {
    guard("PyUnicode_FromFormat", || {
        if s.is_null() {
            crate::object::errors::bad_internal_call();
            return -1;
        }
        // SAFETY: a started writer and a spec from the C body; `s` is a wide C string.
        unsafe {
            let spec = &*spec;
            let limit = match spec.precision {
                -1 => usize::MAX,
                p if p < -1 => 0,
                p => p as usize,
            };
            let mut len = 0;
            while len < limit && *s.add(len) != 0 {
                len += 1;
            }
            status(writer(w).wide_string(spec.get(), std::slice::from_raw_parts(s, len)))
        }
    })
}

/// `%U %S %R %A %T %N` (and `%V` with an object).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_object(
    w: *mut FmtWriter,
    spec: *const FmtSpec,
    conv: c_int,
    obj: *mut PyObject,
) -> c_int {
    // SAFETY: a started writer and a spec from the C body; `obj` NULL or live.
    guard("PyUnicode_FromFormat", || unsafe { status(writer(w).object((*spec).get(), conv as u8, obj)) })
}

/// Ends the writer with the error `what` (0: the conversion at `at` is invalid, 1: width
/// too big, 2: precision too big).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_fail(
    w: *mut FmtWriter,
    what: c_int,
    at: *const c_char,
) -> *mut PyObject {
    guard("PyUnicode_FromFormat", || {
        // SAFETY: a started writer, ended here; `at` is the rest of the format string.
        unsafe {
            drop((w as *mut Writer).read());
            format::fail(what, &crate::ffi::lossy_str(at).unwrap_or_default());
        }
        null_mut()
    })
}

/// Ends the writer after a piece failed (its exception stays set).
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_abandon(w: *mut FmtWriter) {
    // SAFETY: a started writer, ended here.
    guard("PyUnicode_FromFormat", || unsafe { drop((w as *mut Writer).read()) })
}

/// Ends the writer, making the result.
///
/// Returns: a new reference to the `str` or `bytes`, or NULL with an exception set.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn subinterp_fmt_finish(w: *mut FmtWriter) -> *mut PyObject {
    // SAFETY: a started writer, ended here.
    guard("PyUnicode_FromFormat", || unsafe { (w as *mut Writer).read().finish().unwrap_or(null_mut()) })
}

/// The C bodies (src/c/format.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyUnicode_FromFormat();
    fn subinterp_c_PyUnicode_FromFormatV();
}

/// `PyUnicode_FromFormat(format, ...)`: a `str` from a printf-style format (CPython 3.13's
/// codes: `%%`, `%c`, `%d %i %u %x %X %o` with `l`, `ll`, `z`, `t`, `j`, `%p`, `%s`, `%ls`,
/// `%U`, `%V`, `%lV`, `%S`, `%R`, `%A`, `%T`, `%#T`, `%N`, `%#N`, with the `-`, `0` and
/// `#` flags, width and precision, `*` for either). Declared in `unicodeobject.h`; this
/// symbol tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: a new reference.
/// Errors: NULL with `SystemError("invalid format string: ...")` for an unknown or
/// malformed conversion, `ValueError` for a non-ASCII format string, `OverflowError` for a
/// `%c` out of range, whatever `str()`/`repr()` of an argument raised; `SystemError` for a
/// NULL format or a NULL `%s`/`%U`/`%T` argument (CPython crashes).
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyUnicode_FromFormat() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyUnicode_FromFormat);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyUnicode_FromFormat);
}

/// `PyUnicode_FromFormatV(format, vargs)`: `PyUnicode_FromFormat` with a `va_list`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyUnicode_FromFormatV() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyUnicode_FromFormatV);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyUnicode_FromFormatV);
}
