//! Argument parsing: the format language of `PyArg_ParseTuple`, `PyArg_Parse`,
//! `PyArg_ParseTupleAndKeywords` and `PyArg_UnpackTuple`, with CPython 3.13's semantics and
//! error texts (`Python/getargs.c` defines them). Value building (`Py_BuildValue`) is the
//! [`buildvalue`] submodule.
//!
//! **Where the format is read.** Only here. The variadic entry points are C bodies
//! (`src/c/getargs.c`, `src/c/modsupport.c`) that start the `va_list` and hand a pointer
//! to it over; this walker pulls each argument through [`VaArgs`] with the C type the unit
//! names (stable Rust cannot read a `va_list`, so C does only that). One walker serves the
//! four parsing entry points and the skipping of absent optional units, and the messages,
//! which need the function name, the argument's position and its tuple nesting, are
//! built as Rust strings. Tests feed the walker from a plain list ([`VaArgs`] is a trait).
//!
//! **Lifetimes.** What a unit stores is borrowed from the argument (`O`, `s`, `y#`, ...),
//! as in CPython. Resources a unit acquires (a `Py_buffer` for `s*`/`y*`/`w*`, memory for
//! `es`/`et`, an `O&` converter returning `Py_CLEANUP_SUPPORTED`) are recorded and released
//! if a later unit fails, so a failed call leaves nothing behind.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

use super::*;
use crate::abi::{PyBUF_SIMPLE, PyBUF_WRITABLE};

pub(crate) mod buildvalue;
#[cfg(test)]
mod tests;

/// `Py_CLEANUP_SUPPORTED`: an `O&` converter returning it is called again with NULL to
/// release what it made, if parsing fails later.
pub(crate) const PY_CLEANUP_SUPPORTED: c_int = 0x20000;

/// An `O&` converter of a parsing format: `int conv(PyObject *obj, void *addr)`.
pub(crate) type Converter = unsafe extern "C" fn(*mut PyObject, *mut c_void) -> c_int;

/// The variadic arguments of a call, read in order with the C type each format unit
/// names (after C's default promotions: `char`, `short` and `float` arrive as `int` and
/// `double`).
pub(crate) trait VaArgs {
    fn ptr(&mut self) -> *mut c_void;
    /// A function pointer (`O&` converters), NULL as `None`.
    fn func(&mut self) -> Option<unsafe extern "C" fn()>;
    fn int(&mut self) -> c_int;
    fn uint(&mut self) -> std::ffi::c_uint;
    fn long(&mut self) -> std::ffi::c_long;
    fn ulong(&mut self) -> std::ffi::c_ulong;
    fn longlong(&mut self) -> std::ffi::c_longlong;
    fn ulonglong(&mut self) -> std::ffi::c_ulonglong;
    fn ssize(&mut self) -> Py_ssize_t;
    fn double(&mut self) -> f64;
}

/// The `va_list` of a C body (a `va_list *`). On x86-64 (System V) it is read here
/// directly, as the ABI lays it out (`va_arg` in Rust: a call per value to a C accessor
/// was a tenth of a parse); elsewhere through the accessors in `src/c/getargs.c`.
pub(crate) struct CVaList(pub(crate) *mut c_void);

/// The accessors (src/c/getargs.c); each takes a `va_list *`.
/// cbindgen:ignore
#[cfg(not(target_arch = "x86_64"))]
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_va_ptr(ap: *mut c_void) -> *mut c_void;
    fn subinterp_va_func(ap: *mut c_void) -> Option<unsafe extern "C" fn()>;
    fn subinterp_va_int(ap: *mut c_void) -> c_int;
    fn subinterp_va_uint(ap: *mut c_void) -> std::ffi::c_uint;
    fn subinterp_va_long(ap: *mut c_void) -> std::ffi::c_long;
    fn subinterp_va_ulong(ap: *mut c_void) -> std::ffi::c_ulong;
    fn subinterp_va_longlong(ap: *mut c_void) -> std::ffi::c_longlong;
    fn subinterp_va_ulonglong(ap: *mut c_void) -> std::ffi::c_ulonglong;
    fn subinterp_va_ssize(ap: *mut c_void) -> Py_ssize_t;
    fn subinterp_va_double(ap: *mut c_void) -> f64;
}

// SAFETY (every method): `self.0` is the `va_list *` of a live C frame (the C body that
// called us), and the caller's format says the next argument has this type.
#[cfg(not(target_arch = "x86_64"))]
impl VaArgs for CVaList {
    fn ptr(&mut self) -> *mut c_void {
        unsafe { subinterp_va_ptr(self.0) }
    }
    fn func(&mut self) -> Option<unsafe extern "C" fn()> {
        unsafe { subinterp_va_func(self.0) }
    }
    fn int(&mut self) -> c_int {
        unsafe { subinterp_va_int(self.0) }
    }
    fn uint(&mut self) -> std::ffi::c_uint {
        unsafe { subinterp_va_uint(self.0) }
    }
    fn long(&mut self) -> std::ffi::c_long {
        unsafe { subinterp_va_long(self.0) }
    }
    fn ulong(&mut self) -> std::ffi::c_ulong {
        unsafe { subinterp_va_ulong(self.0) }
    }
    fn longlong(&mut self) -> std::ffi::c_longlong {
        unsafe { subinterp_va_longlong(self.0) }
    }
    fn ulonglong(&mut self) -> std::ffi::c_ulonglong {
        unsafe { subinterp_va_ulonglong(self.0) }
    }
    fn ssize(&mut self) -> Py_ssize_t {
        unsafe { subinterp_va_ssize(self.0) }
    }
    fn double(&mut self) -> f64 {
        unsafe { subinterp_va_double(self.0) }
    }
}

/// The System V x86-64 `va_list` element (`__va_list_tag`): the offsets of the next
/// unread general-purpose (< 48) and vector (< 176) register in the register save area,
/// and the next stack-passed argument.
#[cfg(target_arch = "x86_64")]
#[repr(C)]
struct VaListTag {
    gp_offset: u32,
    fp_offset: u32,
    overflow_arg_area: *mut u8,
    reg_save_area: *mut u8,
}

#[cfg(target_arch = "x86_64")]
impl CVaList {
    /// The next INTEGER-class argument's 8-byte slot (smaller types in its low bytes).
    #[inline(always)]
    fn gp(&mut self) -> u64 {
        // SAFETY: `self.0` points at the live `__va_list_tag` of the C body's va_list, and
        // the format says an INTEGER-class argument comes next: its slot is in the register
        // save area while `gp_offset < 48`, else on the stack (8 bytes per argument).
        unsafe {
            let t = &mut *(self.0 as *mut VaListTag);
            if t.gp_offset < 48 {
                let v = (t.reg_save_area.add(t.gp_offset as usize) as *const u64).read_unaligned();
                t.gp_offset += 8;
                v
            } else {
                let v = (t.overflow_arg_area as *const u64).read_unaligned();
                t.overflow_arg_area = t.overflow_arg_area.add(8);
                v
            }
        }
    }

    /// The next SSE-class argument (`double`).
    #[inline(always)]
    fn fp(&mut self) -> f64 {
        // SAFETY: as `gp`, for the vector registers (16 bytes apart, up to offset 176).
        unsafe {
            let t = &mut *(self.0 as *mut VaListTag);
            if t.fp_offset < 176 {
                let v = (t.reg_save_area.add(t.fp_offset as usize) as *const f64).read_unaligned();
                t.fp_offset += 16;
                v
            } else {
                let v = (t.overflow_arg_area as *const f64).read_unaligned();
                t.overflow_arg_area = t.overflow_arg_area.add(8);
                v
            }
        }
    }
}

// The casts keep the low bytes of the slot, as C's `va_arg` of the narrower type does.
#[cfg(target_arch = "x86_64")]
impl VaArgs for CVaList {
    #[inline(always)]
    fn ptr(&mut self) -> *mut c_void {
        self.gp() as usize as *mut c_void
    }
    #[inline(always)]
    fn func(&mut self) -> Option<unsafe extern "C" fn()> {
        let p = self.gp() as usize;
        // SAFETY: C passed a function pointer (or NULL) here, per the format.
        unsafe { std::mem::transmute::<usize, Option<unsafe extern "C" fn()>>(p) }
    }
    #[inline(always)]
    fn int(&mut self) -> c_int {
        self.gp() as u32 as c_int
    }
    #[inline(always)]
    fn uint(&mut self) -> std::ffi::c_uint {
        self.gp() as u32
    }
    #[inline(always)]
    fn long(&mut self) -> std::ffi::c_long {
        self.gp() as std::ffi::c_long
    }
    #[inline(always)]
    fn ulong(&mut self) -> std::ffi::c_ulong {
        self.gp() as std::ffi::c_ulong
    }
    #[inline(always)]
    fn longlong(&mut self) -> std::ffi::c_longlong {
        self.gp() as std::ffi::c_longlong
    }
    #[inline(always)]
    fn ulonglong(&mut self) -> std::ffi::c_ulonglong {
        self.gp() as std::ffi::c_ulonglong
    }
    #[inline(always)]
    fn ssize(&mut self) -> Py_ssize_t {
        self.gp() as Py_ssize_t
    }
    #[inline(always)]
    fn double(&mut self) -> f64 {
        self.fp()
    }
}

// --- the format ---------------------------------------------------------------------------

/// A format string with a read position. Reading past the terminating NUL gives NUL.
#[derive(Clone, Copy)]
pub(crate) struct Fmt<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Fmt<'a> {
    pub(crate) fn new(s: &'a [u8]) -> Self {
        Fmt { s, pos: 0 }
    }
    #[inline]
    pub(crate) fn peek(&self) -> u8 {
        self.s.get(self.pos).copied().unwrap_or(0)
    }
    #[inline]
    pub(crate) fn next(&mut self) -> u8 {
        let c = self.peek();
        self.pos += 1;
        c
    }
    /// Consumes `c` if it comes next.
    #[inline]
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == c {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    /// The rest of the format, as text (for messages).
    fn rest(&self) -> String {
        String::from_utf8_lossy(self.s.get(self.pos..).unwrap_or(&[])).into_owned()
    }
}

fn is_end(c: u8) -> bool {
    c == 0 || c == b';' || c == b':'
}

/// What to release if parsing fails after a unit succeeded.
enum Cleanup {
    Buffer(*mut Py_buffer),
    /// An `es`/`et` allocation: `PyMem_Free(*p)`, then `*p = NULL`.
    Memory(*mut *mut c_char),
    Converter(Converter, *mut c_void),
}

#[derive(Default)]
struct Freelist(Vec<Cleanup>);

impl Freelist {
    /// Releases everything recorded (the call failed), in the order recorded.
    fn release(&mut self) {
        for c in self.0.drain(..) {
            // SAFETY: each entry was recorded by a unit that filled it and the caller has
            // not seen the result yet (the call fails).
            unsafe {
                match c {
                    Cleanup::Buffer(v) => buffer::release(v),
                    Cleanup::Memory(p) => {
                        crate::capi::pymem::PyMem_Free((*p).cast());
                        *p = null_mut();
                    }
                    Cleanup::Converter(f, addr) => {
                        f(null_mut(), addr);
                    }
                }
            }
        }
    }
}

/// A unit that failed: `msg` (CPython's `msgbuf`) is "must be T, not U" or a
/// parenthesized internal problem; `None` when the exception set says it all. `levels`
/// are the item indices into nested tuples, outermost first.
struct Fail {
    levels: Vec<usize>,
    msg: Option<String>,
}

impl Fail {
    /// An exception is set.
    fn set() -> Self {
        Fail { levels: Vec::new(), msg: None }
    }
    fn msg(msg: String) -> Self {
        Fail { levels: Vec::new(), msg: Some(msg) }
    }
}

type Conv = Result<(), Fail>;

/// CPython's `converterr`: "must be {expected}, not {type}", or the parenthesized
/// `expected` itself (an internal problem: the message becomes a `SystemError`).
unsafe fn converterr(expected: &str, arg: *mut PyObject) -> Fail {
    if expected.starts_with('(') {
        return Fail::msg(buffer::truncate_bytes(expected, 100).to_owned());
    }
    // SAFETY: per caller, a live object.
    let got = unsafe { type_name_or_none(arg, 50) };
    Fail::msg(format!("must be {}, not {got}", buffer::truncate_bytes(expected, 50)))
}

/// `tp_name` cut at `max` bytes, "None" for None (getargs.c's messages say so).
unsafe fn type_name_or_none(arg: *mut PyObject, max: usize) -> String {
    if arg == singletons::none() {
        return "None".into();
    }
    // SAFETY: per caller.
    unsafe { buffer::type_name_trunc(type_of(arg), max) }
}

/// `fname() ` / `function` in the count messages: `(name, "()")` or `("function", "")`.
fn fname_parts<'a>(fname: Option<&'a str>, anonymous: &'a str) -> (&'a str, &'a str) {
    match fname {
        Some(f) => (buffer::truncate_bytes(f, 200), "()"),
        None => (anonymous, ""),
    }
}

/// CPython's `seterror`: the message of a failed conversion of argument `iarg` (1-based; 0
/// for `PyArg_Parse`'s single object). An exception already set stays.
fn seterror(iarg: usize, fail: &Fail, fname: Option<&str>, custom: Option<&str>) {
    if !errors::occurred().is_null() {
        return;
    }
    let msg = fail.msg.as_deref().unwrap_or("");
    let text = match custom {
        Some(c) => c.to_owned(),
        None => {
            let mut t = String::new();
            if let Some(f) = fname {
                t.push_str(buffer::truncate_bytes(f, 200));
                t.push_str("() ");
            }
            if iarg != 0 {
                t.push_str(&format!("argument {iarg}"));
                for l in fail.levels.iter().take(32) {
                    if t.len() >= 220 {
                        break;
                    }
                    t.push_str(&format!(", item {l}"));
                }
            } else {
                t.push_str("argument");
            }
            t.push(' ');
            t.push_str(buffer::truncate_bytes(msg, 256));
            t
        }
    };
    if msg.starts_with('(') {
        errors::system_error(&text);
    } else {
        errors::type_error(&text);
    }
}

/// The text after `c` in the format, if `c` occurs (the function name after ':', the
/// custom message after ';').
fn after(format: &[u8], c: u8) -> Option<&str> {
    let i = format.iter().position(|&b| b == c)?;
    Some(std::str::from_utf8(&format[i + 1..]).unwrap_or("?"))
}

// --- converting one argument ----------------------------------------------------------------

struct Parser {
    /// The caller's `va_list *`, held by value (one indirection less per argument).
    va: CVaList,
    free: Freelist,
}

impl Parser {
    fn out<T>(&mut self) -> *mut T {
        self.va.ptr().cast()
    }

    /// One unit, or a parenthesized tuple of units, for `arg`. (Inlined into the loops
    /// over the arguments: a call level per argument was a sixth of a parse.)
    #[inline(always)]
    unsafe fn item(&mut self, arg: *mut PyObject, f: &mut Fmt) -> Conv {
        // SAFETY: per caller, `arg` is live.
        unsafe {
            match f.peek() {
                b'(' => self.nested(arg, f),
                // The commonest unit, a plain `O`, without the call.
                b'O' if !matches!(f.s.get(f.pos + 1), Some(b'!' | b'&')) => {
                    f.pos += 1;
                    *self.out::<*mut PyObject>() = arg;
                    Ok(())
                }
                _ => self.simple(arg, f),
            }
        }
    }

    /// A parenthesized tuple unit at `f`, `f` left after its ')'.
    #[inline(never)]
    unsafe fn nested(&mut self, arg: *mut PyObject, f: &mut Fmt) -> Conv {
        let mut g = *f;
        g.pos += 1;
        // SAFETY: per caller, `arg` is live.
        unsafe { self.tuple(arg, &mut g)? };
        g.pos += 1; // the ')'
        *f = g;
        Ok(())
    }

    /// The items of the tuple unit that starts after its '(' at `f`, leaving `f` on its ')'.
    unsafe fn tuple(&mut self, arg: *mut PyObject, f: &mut Fmt) -> Conv {
        let mut n = 0usize;
        let mut level = 0;
        let mut g = *f;
        loop {
            let c = g.next();
            match c {
                b'(' => {
                    if level == 0 {
                        n += 1;
                    }
                    level += 1;
                }
                b')' => {
                    if level == 0 {
                        break;
                    }
                    level -= 1;
                }
                b':' | b';' | 0 => break,
                c if level == 0 && c.is_ascii_alphabetic() => n += 1,
                _ => {}
            }
        }
        // SAFETY: per caller, `arg` is live.
        unsafe {
            if !abstract_::sequence::check(arg) || bytesobject::check(arg) {
                let t = type_name_or_none(arg, 50);
                return Err(Fail::msg(format!("must be {n}-item sequence, not {t}")));
            }
            let len = abstract_::sequence::size(arg).unwrap_or(-1);
            if len != n as Py_ssize_t {
                return Err(Fail::msg(format!("must be sequence of length {n}, not {len}")));
            }
            for i in 0..n {
                let Ok(item) = abstract_::sequence::get_item(arg, i as Py_ssize_t) else {
                    errors::clear();
                    return Err(Fail { levels: vec![i], msg: Some("is not retrievable".into()) });
                };
                let r = self.item(item, f);
                // As CPython: the item is released at once (a tuple or list keeps it alive).
                decref(item);
                if let Err(mut e) = r {
                    e.levels.insert(0, i);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// A simple unit (not a tuple), with its '#', '*', '!', '&' suffix.
    unsafe fn simple(&mut self, arg: *mut PyObject, f: &mut Fmt) -> Conv {
        let c = f.next();
        // SAFETY: `arg` is live; every out pointer is what the caller's format promises.
        unsafe {
            match c {
                b'b' => {
                    let p: *mut u8 = self.out();
                    let v = as_long(arg)?;
                    if v < 0 {
                        return Err(overflow("unsigned byte integer is less than minimum"));
                    }
                    if v > u8::MAX as i64 {
                        return Err(overflow("unsigned byte integer is greater than maximum"));
                    }
                    *p = v as u8;
                }
                b'B' => {
                    let p: *mut u8 = self.out();
                    *p = as_mask(arg)? as u8;
                }
                b'h' => {
                    let p: *mut i16 = self.out();
                    let v = as_long(arg)?;
                    if v < i16::MIN as i64 {
                        return Err(overflow("signed short integer is less than minimum"));
                    }
                    if v > i16::MAX as i64 {
                        return Err(overflow("signed short integer is greater than maximum"));
                    }
                    *p = v as i16;
                }
                b'H' => {
                    let p: *mut u16 = self.out();
                    *p = as_mask(arg)? as u16;
                }
                b'i' => {
                    let p: *mut c_int = self.out();
                    let v = as_long(arg)?;
                    if v > c_int::MAX as i64 {
                        return Err(overflow("signed integer is greater than maximum"));
                    }
                    if v < c_int::MIN as i64 {
                        return Err(overflow("signed integer is less than minimum"));
                    }
                    *p = v as c_int;
                }
                b'I' => {
                    let p: *mut u32 = self.out();
                    *p = as_mask(arg)? as u32;
                }
                b'n' => {
                    let p: *mut Py_ssize_t = self.out();
                    *p = as_i64(arg, "Python int too large to convert to C ssize_t")? as Py_ssize_t;
                }
                b'l' => {
                    let p: *mut std::ffi::c_long = self.out();
                    *p = as_long(arg)? as std::ffi::c_long;
                }
                b'k' | b'K' => {
                    let p: *mut u64 = self.out();
                    if !longobject::check(arg) {
                        return Err(converterr("int", arg));
                    }
                    *p = longobject::convert::low_u64(arg);
                }
                b'L' => {
                    let p: *mut i64 = self.out();
                    *p = as_i64(arg, "int too big to convert")?;
                }
                b'f' => {
                    let p: *mut f32 = self.out();
                    *p = floatobject::as_double(arg).map_err(|_| Fail::set())? as f32;
                }
                b'd' => {
                    let p: *mut f64 = self.out();
                    *p = floatobject::as_double(arg).map_err(|_| Fail::set())?;
                }
                b'D' => {
                    let _: *mut c_void = self.out();
                    return Err(no_complex());
                }
                b'c' => {
                    let p: *mut u8 = self.out();
                    if bytesobject::check(arg) && bytesobject::size(arg) == 1 {
                        *p = bytesobject::as_slice(arg)[0];
                    } else if bytearrayobject::check(arg) && bytearrayobject::size(arg) == 1 {
                        *p = bytearrayobject::as_slice(arg)[0];
                    } else {
                        return Err(converterr("a byte string of length 1", arg));
                    }
                }
                b'C' => {
                    let p: *mut c_int = self.out();
                    if !unicodeobject::check(arg) || unicodeobject::length(arg) != 1 {
                        return Err(converterr("a unicode character", arg));
                    }
                    *p = unicodeobject::char_at(arg, 0) as c_int;
                }
                b'p' => {
                    let p: *mut c_int = self.out();
                    *p = abstract_::is_true(arg).map_err(|_| Fail::set())? as c_int;
                }
                b'y' => {
                    let p: *mut c_void = self.out();
                    if f.eat(b'*') {
                        getbuffer(arg, p.cast()).map_err(|m| converterr(m, arg))?;
                        self.free.0.push(Cleanup::Buffer(p.cast()));
                        return Ok(());
                    }
                    let (buf, count) = convertbuffer(arg).map_err(|m| converterr(m, arg))?;
                    *(p as *mut *const u8) = buf;
                    if f.eat(b'#') {
                        let ps: *mut Py_ssize_t = self.out();
                        *ps = count;
                    } else if CStr::from_ptr(buf.cast()).to_bytes().len() != count as usize {
                        errors::value_error("embedded null byte");
                        return Err(Fail::set());
                    }
                }
                b's' | b'z' => self.string(arg, f, c == b'z')?,
                b'e' => self.encoded(arg, f)?,
                b'S' => {
                    let p: *mut *mut PyObject = self.out();
                    if !bytesobject::check(arg) {
                        return Err(converterr("bytes", arg));
                    }
                    *p = arg;
                }
                b'Y' => {
                    let p: *mut *mut PyObject = self.out();
                    if !bytearrayobject::check(arg) {
                        return Err(converterr("bytearray", arg));
                    }
                    *p = arg;
                }
                b'U' => {
                    let p: *mut *mut PyObject = self.out();
                    if !unicodeobject::check(arg) {
                        return Err(converterr("str", arg));
                    }
                    *p = arg;
                }
                b'O' => {
                    if f.eat(b'!') {
                        let tp: *mut PyTypeObject = self.out();
                        let p: *mut *mut PyObject = self.out();
                        if !typeobject::type_check(arg, tp) {
                            let name = buffer::type_name_trunc(tp, usize::MAX);
                            return Err(converterr(&name, arg));
                        }
                        *p = arg;
                    } else if f.eat(b'&') {
                        let conv = self.va.func();
                        let addr = self.out::<c_void>();
                        let Some(conv) = conv else {
                            errors::bad_internal_call();
                            return Err(Fail::set());
                        };
                        // SAFETY: C passed an `int (*)(PyObject *, void *)` for O&.
                        let conv: Converter = std::mem::transmute::<unsafe extern "C" fn(), Converter>(conv);
                        let res = conv(arg, addr);
                        if res == 0 {
                            return Err(converterr("(unspecified)", arg));
                        }
                        if res == PY_CLEANUP_SUPPORTED {
                            self.free.0.push(Cleanup::Converter(conv, addr));
                        }
                    } else {
                        let p: *mut *mut PyObject = self.out();
                        *p = arg;
                    }
                }
                b'w' => {
                    let p: *mut Py_buffer = self.out();
                    if !f.eat(b'*') {
                        return Err(converterr("(invalid use of 'w' format character)", arg));
                    }
                    if buffer::get(arg, p, PyBUF_WRITABLE).is_err() {
                        errors::clear();
                        return Err(converterr("read-write bytes-like object", arg));
                    }
                    if !buffer::is_contiguous(&*p, b'C' as c_char) {
                        buffer::release(p);
                        return Err(converterr("contiguous buffer", arg));
                    }
                    self.free.0.push(Cleanup::Buffer(p));
                }
                _ => return Err(converterr("(impossible<bad format char>)", arg)),
            }
        }
        Ok(())
    }

    /// `s`, `s#`, `s*`, `z`, `z#`, `z*` (the unit letter is consumed).
    unsafe fn string(&mut self, arg: *mut PyObject, f: &mut Fmt, z: bool) -> Conv {
        // SAFETY: per caller.
        unsafe {
            let is_none = z && arg == singletons::none();
            if f.eat(b'*') {
                let p: *mut Py_buffer = self.out();
                if is_none {
                    let _ = buffer::fill_info(p, null_mut(), null_mut(), 0, 1, 0);
                } else if unicodeobject::check(arg) {
                    let b = unicodeobject::as_bytes(arg);
                    buffer::fill_info(p, arg, b.as_ptr() as *mut c_void, b.len() as Py_ssize_t, 1, 0)
                        .map_err(|_| Fail::set())?;
                } else {
                    getbuffer(arg, p).map_err(|m| converterr(m, arg))?;
                }
                self.free.0.push(Cleanup::Buffer(p));
            } else if f.eat(b'#') {
                let p: *mut *const u8 = self.out();
                let ps: *mut Py_ssize_t = self.out();
                if is_none {
                    *p = std::ptr::null();
                    *ps = 0;
                } else if unicodeobject::check(arg) {
                    let b = unicodeobject::as_bytes(arg);
                    *p = b.as_ptr();
                    *ps = b.len() as Py_ssize_t;
                } else {
                    *p = std::ptr::null();
                    let (buf, count) = convertbuffer(arg).map_err(|m| converterr(m, arg))?;
                    *p = buf;
                    *ps = count;
                }
            } else {
                let p: *mut *const u8 = self.out();
                if is_none {
                    *p = std::ptr::null();
                } else if unicodeobject::check(arg) {
                    let b = unicodeobject::as_bytes(arg);
                    if b.contains(&0) {
                        errors::value_error("embedded null character");
                        return Err(Fail::set());
                    }
                    *p = b.as_ptr();
                } else {
                    return Err(converterr(if z { "str or None" } else { "str" }, arg));
                }
            }
        }
        Ok(())
    }

    /// `es`, `et`, `es#`, `et#` (the 'e' is consumed).
    unsafe fn encoded(&mut self, arg: *mut PyObject, f: &mut Fmt) -> Conv {
        // SAFETY: per caller; the pointers are the caller's `const char *`, `char **` and
        // `Py_ssize_t *`.
        unsafe {
            let encoding: *const c_char = self.out();
            let recode = match f.peek() {
                b's' => true,
                b't' => false,
                _ => return Err(converterr("(unknown parser marker combination)", arg)),
            };
            let buffer: *mut *mut c_char = self.out();
            f.pos += 1;
            if buffer.is_null() {
                return Err(converterr("(buffer is NULL)", arg));
            }
            // The bytes to copy out, and the object holding them (owned).
            let holder: Owned;
            if !recode && (bytesobject::check(arg) || bytearrayobject::check(arg)) {
                holder = new_ref(arg);
            } else if unicodeobject::check(arg) {
                let enc = if encoding.is_null() { None } else { Some(CStr::from_ptr(encoding)) };
                holder = encode(arg, enc).map_err(|_| Fail::set())?;
            } else {
                return Err(converterr(if recode { "str" } else { "str, bytes or bytearray" }, arg));
            }
            let data: &[u8] = if bytearrayobject::check(holder) {
                bytearrayobject::as_slice(holder)
            } else {
                bytesobject::as_slice(holder)
            };
            let size = data.len();
            let result = (|| {
                if f.eat(b'#') {
                    let psize: *mut Py_ssize_t = self.out();
                    if psize.is_null() {
                        return Err(converterr("(buffer_len is NULL)", arg));
                    }
                    if (*buffer).is_null() {
                        let m = crate::capi::pymem::PyMem_Malloc(size + 1) as *mut c_char;
                        if m.is_null() {
                            errors::no_memory();
                            return Err(Fail::set());
                        }
                        *buffer = m;
                        self.free.0.push(Cleanup::Memory(buffer));
                    } else if size as Py_ssize_t + 1 > *psize {
                        errors::value_error(&format!(
                            "encoded string too long ({size}, maximum length {})",
                            *psize - 1
                        ));
                        return Err(Fail::set());
                    }
                    std::ptr::copy_nonoverlapping(data.as_ptr(), (*buffer).cast(), size);
                    *(*buffer).add(size) = 0;
                    *psize = size as Py_ssize_t;
                } else {
                    if data.contains(&0) {
                        return Err(converterr("encoded string without null bytes", arg));
                    }
                    let m = crate::capi::pymem::PyMem_Malloc(size + 1) as *mut c_char;
                    if m.is_null() {
                        errors::no_memory();
                        return Err(Fail::set());
                    }
                    *buffer = m;
                    self.free.0.push(Cleanup::Memory(buffer));
                    std::ptr::copy_nonoverlapping(data.as_ptr(), m.cast(), size);
                    *m.add(size) = 0;
                }
                Ok(())
            })();
            decref(holder);
            result
        }
    }
}

/// `s` as bytes in an encoding `es`/`et` can name (NULL: the default, UTF-8). The codecs
/// `str` has: UTF-8, ASCII and Latin-1 under their usual names; anything else is
/// `LookupError("unknown encoding: NAME")` (there is no codec registry yet).
unsafe fn encode(s: *mut PyObject, encoding: Option<&CStr>) -> PyResult<Owned> {
    let name = encoding.map(|e| e.to_string_lossy().into_owned());
    let norm: String = name
        .as_deref()
        .unwrap_or("utf-8")
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() })
        .collect();
    // SAFETY: `s` is a str.
    unsafe {
        match norm.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => bytesobject::from_slice(unicodeobject::as_bytes(s)),
            "ascii" | "us_ascii" | "646" => unicodeobject::codecs::encode_8bit(s, 128),
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" => {
                unicodeobject::codecs::encode_8bit(s, 256)
            }
            _ => Err(errors::set_string(
                &raw mut exceptions::_PyExc_LookupError,
                &format!("unknown encoding: {}", name.as_deref().unwrap_or("")),
            )),
        }
    }
}

/// `D`: there is no `complex` type yet.
fn no_complex() -> Fail {
    errors::not_implemented_error("complex numbers are not supported yet (format unit 'D'): there is no complex type");
    Fail::set()
}

fn overflow(msg: &str) -> Fail {
    errors::overflow_error(msg);
    Fail::set()
}

/// `PyLong_AsLong` (with `__index__`).
unsafe fn as_long(arg: *mut PyObject) -> Result<i64, Fail> {
    // SAFETY: per caller.
    unsafe { as_i64(arg, "Python int too large to convert to C long") }
}

/// The value of `arg` (an int or anything with `__index__`) as a 64-bit integer;
/// `OverflowError(too_large)` if it does not fit.
#[inline(always)]
unsafe fn as_i64(arg: *mut PyObject, too_large: &str) -> Result<i64, Fail> {
    // SAFETY: per caller.
    unsafe {
        if longobject::check(arg) && longobject::is_compact(arg) {
            return Ok(longobject::compact_value(arg));
        }
        as_i64_slow(arg, too_large)
    }
}

/// [`as_i64`] for a big int or an object with `__index__`.
#[inline(never)]
unsafe fn as_i64_slow(arg: *mut PyObject, too_large: &str) -> Result<i64, Fail> {
    // SAFETY: per caller.
    unsafe {
        let v = longobject::convert::IntArg::index(arg).map_err(|_| Fail::set())?;
        longobject::convert::to_i64(v.get()).map_err(|_| overflow(too_large))
    }
}

/// `PyLong_AsUnsignedLongMask` (with `__index__`): the low 64 bits.
unsafe fn as_mask(arg: *mut PyObject) -> Result<u64, Fail> {
    // SAFETY: per caller.
    unsafe {
        let v = longobject::convert::IntArg::index(arg).map_err(|_| Fail::set())?;
        Ok(longobject::convert::low_u64(v.get()))
    }
}

/// CPython's `getbuffer`: a simple, C-contiguous view of `arg` into `view`; the name of
/// what was expected on failure (an exception may be set).
unsafe fn getbuffer(arg: *mut PyObject, view: *mut Py_buffer) -> Result<(), &'static str> {
    // SAFETY: per caller.
    unsafe {
        if buffer::get(arg, view, PyBUF_SIMPLE).is_err() {
            return Err("bytes-like object");
        }
        if !buffer::is_contiguous(&*view, b'C' as c_char) {
            buffer::release(view);
            return Err("contiguous buffer");
        }
    }
    Ok(())
}

/// CPython's `convertbuffer`: the bytes of a read-only bytes-like object (one whose
/// exporter needs no release: the pointer outlives the view), without keeping a view.
unsafe fn convertbuffer(arg: *mut PyObject) -> Result<(*const u8, Py_ssize_t), &'static str> {
    // SAFETY: per caller.
    unsafe {
        let pb = (*type_of(arg)).tp_as_buffer;
        if !pb.is_null() && (*pb).bf_releasebuffer.is_some() {
            return Err("read-only bytes-like object");
        }
        let mut view: Py_buffer = std::mem::zeroed();
        getbuffer(arg, &mut view)?;
        let r = (view.buf as *const u8, view.len);
        buffer::release(&mut view);
        Ok(r)
    }
}

// --- skipping a unit (an optional argument that was not given) ------------------------------

/// CPython's `skipitem`: steps over one unit, consuming its variadic arguments when `va`
/// is given. On a malformed unit, the message and `f` left on the unit.
fn skip(f: &mut Fmt, mut va: Option<&mut CVaList>) -> Result<(), &'static str> {
    let mut g = *f;
    let take = |va: &mut Option<&mut CVaList>, n: usize| {
        if let Some(va) = va.as_deref_mut() {
            for _ in 0..n {
                va.ptr();
            }
        }
    };
    let c = g.next();
    match c {
        b'b' | b'B' | b'h' | b'H' | b'i' | b'I' | b'l' | b'k' | b'L' | b'K' | b'n' | b'f' | b'd' | b'D' | b'c'
        | b'C' | b'p' | b'S' | b'Y' | b'U' => take(&mut va, 1),
        b'e' | b's' | b'z' | b'y' | b'w' => {
            if c == b'e' {
                take(&mut va, 1);
                if !(g.peek() == b's' || g.peek() == b't') {
                    return Err("impossible<bad format char>");
                }
                g.pos += 1;
            }
            take(&mut va, 1);
            if g.eat(b'#') {
                take(&mut va, 1);
            } else if c != b'e' && g.peek() == b'*' {
                g.pos += 1;
            }
        }
        b'O' => {
            if g.eat(b'!') || g.eat(b'&') {
                take(&mut va, 2);
            } else {
                take(&mut va, 1);
            }
        }
        b'(' => {
            loop {
                if g.peek() == b')' {
                    break;
                }
                if is_end(g.peek()) {
                    return Err("Unmatched left paren in format string");
                }
                skip(&mut g, va.as_deref_mut())?;
            }
            g.pos += 1;
        }
        b')' => return Err("Unmatched right paren in format string"),
        _ => return Err("impossible<bad format char>"),
    }
    *f = g;
    Ok(())
}

// --- PyArg_ParseTuple, PyArg_VaParse, PyArg_Parse ---------------------------------------------

/// `PyArg_ParseTuple(args, format, ...)` (`compat` false) and `PyArg_Parse(arg, format,
/// ...)` (`compat` true: `args` is the single object to convert).
///
/// Returns: true on success. On failure an exception is set and what earlier units
/// acquired is released.
///
/// # Safety
/// `args` is live (NULL only with `compat`); `va` holds the pointers `format` asks for.
/// `format` is a NUL-terminated C string, read up to its ':' or ';' only when the parse
/// succeeds (no `strlen`).
pub(crate) unsafe fn parse_tuple(args: *mut PyObject, format: *const c_char, va: &mut CVaList, compat: bool) -> bool {
    let mut p = Parser { va: CVaList(va.0), free: Freelist::default() };
    // SAFETY: per caller.
    let ok = unsafe { tuple_walk(&mut p, args, format.cast(), compat) };
    if !ok {
        p.free.release();
    }
    ok
}

/// The walk behind [`parse_tuple`].
unsafe fn tuple_walk(p: &mut Parser, args: *mut PyObject, format: *const u8, compat: bool) -> bool {
    // Scan: how many units (min before '|'), where the units end: at the NUL, or at the
    // ':' or ';' before the name or the message (made into text only for an error).
    let mut tail: Option<(usize, u8)> = None;
    let mut min: i64 = -1;
    let mut max: i64 = 0;
    let mut level = 0;
    let mut i = 0;
    loop {
        // SAFETY: per caller, NUL-terminated; the loop stops at the NUL.
        let c = unsafe { *format.add(i) };
        if c == 0 {
            break;
        }
        i += 1;
        match c {
            b'(' => {
                if level == 0 {
                    max += 1;
                }
                level += 1;
                if level >= 30 {
                    crate::fatal::fatal(None, "too many tuple nesting levels in argument format string");
                }
            }
            b')' => {
                if level == 0 {
                    crate::fatal::fatal(None, "excess ')' in getargs format");
                }
                level -= 1;
            }
            b':' | b';' => {
                i -= 1;
                tail = Some((i, c));
                break;
            }
            b'|' => {
                if level == 0 {
                    min = max;
                }
            }
            c => {
                if level == 0 && c.is_ascii_alphabetic() && c != b'e' {
                    max += 1;
                }
            }
        }
    }
    if level != 0 {
        crate::fatal::fatal(None, "missing ')' in getargs format");
    }
    if min < 0 {
        min = max;
    }
    // SAFETY: the `i` bytes before the NUL, ':' or ';' just read.
    let fmt = unsafe { std::slice::from_raw_parts(format, i) };
    let text_after = |want: u8| match tail {
        // SAFETY: the NUL-terminated text after the ':' or ';' at `i`.
        Some((i, c)) if c == want => {
            Some(unsafe { CStr::from_ptr(format.add(i + 1).cast()) }.to_str().unwrap_or("?"))
        }
        _ => None,
    };
    let fname = || text_after(b':');
    let message = || text_after(b';');
    let mut f = Fmt::new(fmt);

    // SAFETY: per caller.
    unsafe {
        if compat {
            if max == 0 {
                if args.is_null() {
                    return true;
                }
                let (fname_s, paren) = fname_parts(fname(), "function");
                errors::type_error(&format!("{fname_s}{paren} takes no arguments"));
                return false;
            }
            if min == 1 && max == 1 {
                if args.is_null() {
                    let (fname_s, paren) = fname_parts(fname(), "function");
                    errors::type_error(&format!("{fname_s}{paren} takes at least one argument"));
                    return false;
                }
                return match p.item(args, &mut f) {
                    Ok(()) => true,
                    Err(mut e) => {
                        // As CPython: the first tuple level becomes the argument number.
                        let iarg = if e.levels.is_empty() { 0 } else { e.levels.remove(0) + 1 };
                        seterror(iarg, &e, fname(), message());
                        false
                    }
                };
            }
            errors::system_error("old style getargs format uses new features");
            return false;
        }

        let stack = tupleobject::items(args);
        let nargs = stack.len() as i64;
        if nargs < min || max < nargs {
            let (fname_s, paren) = fname_parts(fname(), "function");
            match message() {
                None => {
                    let (how, n) = if min == max {
                        ("exactly", if nargs < min { min } else { max })
                    } else if nargs < min {
                        ("at least", min)
                    } else {
                        ("at most", max)
                    };
                    let name = buffer::truncate_bytes(fname_s, 150);
                    let s = if n == 1 { "" } else { "s" };
                    errors::type_error(&format!("{name}{paren} takes {how} {n} argument{s} ({nargs} given)"));
                }
                Some(m) => {
                    errors::type_error(m);
                }
            }
            return false;
        }
        for (i, &arg) in stack.iter().enumerate() {
            f.eat(b'|');
            if let Err(e) = p.item(arg, &mut f) {
                seterror(i + 1, &e, fname(), message());
                return false;
            }
        }
        let c = f.peek();
        if c != 0 && !c.is_ascii_alphabetic() && c != b'(' && c != b'|' && c != b':' && c != b';' {
            let all = CStr::from_ptr(format.cast()).to_string_lossy();
            errors::system_error(&format!("bad format string: {}", buffer::truncate_bytes(&all, 200)));
            return false;
        }
    }
    true
}

// --- PyArg_ParseTupleAndKeywords --------------------------------------------------------------

/// The value of the keyword `name` in the dict `kwargs` (borrowed), NULL if absent: the
/// keys are compared as text (no `str` is made for the name, unlike CPython's lookup).
unsafe fn kw_lookup(kwargs: *mut PyObject, name: &[u8]) -> *mut PyObject {
    let mut pos = 0;
    // SAFETY: per caller, `kwargs` is a live dict.
    unsafe {
        while let Some((k, v)) = dictobject::next(kwargs, &mut pos) {
            if unicodeobject::check(k) && unicodeobject::as_bytes(k) == name {
                return v;
            }
        }
    }
    null_mut()
}

/// `PyArg_ParseTupleAndKeywords(args, kwargs, format, kwlist, ...)`, CPython 3.13's
/// `vgetargskeywords`: positional arguments from the tuple, the rest by the names in
/// `kwlist` (leading empty names are positional-only), `|` starts the optional ones and
/// `$` the keyword-only ones.
///
/// Returns: true on success; false with an exception set (and everything acquired
/// released).
///
/// # Safety
/// `args` is a live tuple, `kwargs` NULL or a live dict, `kwlist` a NULL-terminated array
/// of C strings, and `va` holds the pointers `format` asks for.
pub(crate) unsafe fn parse_keywords(
    args: *mut PyObject,
    kwargs: *mut PyObject,
    format: &CStr,
    kwlist: *const *const c_char,
    va: &mut CVaList,
) -> bool {
    let mut p = Parser { va: CVaList(va.0), free: Freelist::default() };
    // SAFETY: per caller.
    let ok = unsafe { keywords_walk(&mut p, args, kwargs, format.to_bytes(), kwlist) };
    if !ok {
        p.free.release();
    }
    ok
}

unsafe fn keywords_walk(
    p: &mut Parser,
    args: *mut PyObject,
    kwargs: *mut PyObject,
    fmt: &[u8],
    kwlist: *const *const c_char,
) -> bool {
    let fname = after(fmt, b':');
    let custom = if fname.is_some() { None } else { after(fmt, b';') };
    let (fname_s, paren) = fname_parts(fname, "function");

    // SAFETY: per caller, `kwlist` is NULL-terminated and each name NUL-terminated.
    let names: Vec<&[u8]> = unsafe {
        let mut v = Vec::with_capacity(8);
        let mut i = 0;
        while !(*kwlist.add(i)).is_null() {
            v.push(CStr::from_ptr(*kwlist.add(i)).to_bytes());
            i += 1;
        }
        v
    };
    let posonly = names.iter().take_while(|n| n.is_empty()).count();
    if names[posonly..].iter().any(|n| n.is_empty()) {
        errors::system_error("Empty keyword parameter name");
        return false;
    }
    let len = names.len();
    let name_at = |i: usize| String::from_utf8_lossy(names[i]).into_owned();

    // SAFETY: per caller.
    unsafe {
        let stack = tupleobject::items(args);
        let nargs = stack.len();
        let mut nkwargs = if kwargs.is_null() { 0 } else { dictobject::size(kwargs) as usize };
        if nargs + nkwargs > len {
            let kw = if nargs == 0 { "keyword " } else { "" };
            let s = if len == 1 { "" } else { "s" };
            errors::type_error(&format!(
                "{fname_s}{paren} takes at most {len} {kw}argument{s} ({} given)",
                nargs + nkwargs
            ));
            return false;
        }

        let mut min = usize::MAX;
        let mut max = usize::MAX;
        let mut skipping = false;
        let mut f = Fmt::new(fmt);
        let mut i = 0;
        while i < len {
            if f.peek() == b'|' {
                if min != usize::MAX {
                    errors::system_error("Invalid format string (| specified twice)");
                    return false;
                }
                min = i;
                f.pos += 1;
                if max != usize::MAX {
                    errors::system_error("Invalid format string ($ before |)");
                    return false;
                }
            }
            if f.peek() == b'$' {
                if max != usize::MAX {
                    errors::system_error("Invalid format string ($ specified twice)");
                    return false;
                }
                max = i;
                f.pos += 1;
                if max < posonly {
                    errors::system_error("Empty parameter name after $");
                    return false;
                }
                if skipping {
                    break;
                }
                if max < nargs {
                    if max == 0 {
                        errors::type_error(&format!("{fname_s}{paren} takes no positional arguments"));
                    } else {
                        let how = if min != usize::MAX { "at most" } else { "exactly" };
                        let s = if max == 1 { "" } else { "s" };
                        errors::type_error(&format!(
                            "{fname_s}{paren} takes {how} {max} positional argument{s} ({nargs} given)"
                        ));
                    }
                    return false;
                }
            }
            if is_end(f.peek()) {
                errors::system_error(&format!("More keyword list entries ({len}) than format specifiers ({i})"));
                return false;
            }
            if !skipping {
                let current = if i < nargs {
                    stack[i]
                } else if nkwargs > 0 && i >= posonly {
                    let v = kw_lookup(kwargs, names[i]);
                    if !v.is_null() {
                        nkwargs -= 1;
                    }
                    v
                } else {
                    null_mut()
                };
                if !current.is_null() {
                    if let Err(e) = p.item(current, &mut f) {
                        seterror(i + 1, &e, fname, custom);
                        return false;
                    }
                    i += 1;
                    continue;
                }
                if i < min {
                    if i < posonly {
                        // Raised below, once '|' and '$' tell how many positional
                        // arguments are wanted.
                        skipping = true;
                    } else {
                        errors::type_error(&format!(
                            "{fname_s}{paren} missing required argument '{}' (pos {})",
                            name_at(i),
                            i + 1
                        ));
                        return false;
                    }
                }
                if nkwargs == 0 && !skipping {
                    return true;
                }
            }
            if let Err(msg) = skip(&mut f, Some(&mut p.va)) {
                errors::system_error(&format!("{msg}: '{}'", f.rest()));
                return false;
            }
            i += 1;
        }

        if skipping {
            let want = posonly.min(min);
            let how = if want < i { "at least" } else { "exactly" };
            let s = if want == 1 { "" } else { "s" };
            errors::type_error(&format!(
                "{fname_s}{paren} takes {how} {want} positional argument{s} ({nargs} given)"
            ));
            return false;
        }
        let c = f.peek();
        if !is_end(c) && c != b'|' && c != b'$' {
            errors::system_error(&format!(
                "more argument specifiers than keyword list entries (remaining format:'{}')",
                f.rest()
            ));
            return false;
        }
        if nkwargs > 0 {
            for (i, name) in names.iter().enumerate().take(nargs).skip(posonly) {
                if !kw_lookup(kwargs, name).is_null() {
                    errors::type_error(&format!(
                        "argument for {fname_s}{paren} given by name ('{}') and position ({})",
                        String::from_utf8_lossy(name),
                        i + 1
                    ));
                    return false;
                }
            }
            let mut pos = 0;
            while let Some((key, _)) = dictobject::next(kwargs, &mut pos) {
                if !unicodeobject::check(key) {
                    errors::type_error("keywords must be strings");
                    return false;
                }
                let kb = unicodeobject::as_bytes(key);
                if !names[posonly..].contains(&kb) {
                    let (who, paren) = fname_parts(fname, "this function");
                    let key_s = unicodeobject::as_str(key);
                    let cands: Vec<String> = (posonly..len).map(name_at).collect();
                    let cands: Vec<&str> = cands.iter().map(String::as_str).collect();
                    let text = match exceptions::kwargs::suggest(key_s, &cands) {
                        Some(s) => format!("{who}{paren} got an unexpected keyword argument '{key_s}'. Did you mean '{s}'?"),
                        None => format!("{who}{paren} got an unexpected keyword argument '{key_s}'"),
                    };
                    errors::type_error(&text);
                    return false;
                }
            }
            let (who, paren) = fname_parts(fname, "this function");
            errors::type_error(&format!("invalid keyword argument for {who}{paren}"));
            return false;
        }
    }
    true
}

// --- PyArg_UnpackTuple, keyword helpers -------------------------------------------------------

/// `_PyArg_CheckPositional`: `nargs` is within `min..=max`, else CPython's TypeError.
pub(crate) fn check_positional(name: Option<&str>, nargs: Py_ssize_t, min: Py_ssize_t, max: Py_ssize_t) -> bool {
    let fail = |bound: &str, n: Py_ssize_t| {
        let what = if min == max { "" } else { bound };
        let text = match name {
            Some(nm) => {
                let s = if n == 1 { "" } else { "s" };
                format!("{} expected {what}{n} argument{s}, got {nargs}", buffer::truncate_bytes(nm, 200))
            }
            None => {
                let s = if n == 1 { "" } else { "s" };
                format!("unpacked tuple should have {what}{n} element{s}, but has {nargs}")
            }
        };
        errors::type_error(&text);
        false
    };
    if nargs < min {
        return fail("at least ", min);
    }
    if nargs == 0 {
        return true;
    }
    if nargs > max {
        return fail("at most ", max);
    }
    true
}

/// `PyArg_UnpackTuple(args, name, min, max, ...)`: each item of the tuple `args` into the
/// next `PyObject **` (borrowed references).
///
/// # Safety
/// `args` is NULL or live; `va` holds at least `PyTuple_GET_SIZE(args)` pointers.
pub(crate) unsafe fn unpack_tuple(
    args: *mut PyObject,
    name: Option<&str>,
    min: Py_ssize_t,
    max: Py_ssize_t,
    va: &mut CVaList,
) -> bool {
    // SAFETY: per caller.
    unsafe {
        if args.is_null() || !has_flag(type_of(args), Py_TPFLAGS_TUPLE_SUBCLASS) {
            errors::system_error("PyArg_UnpackTuple() argument list is not a tuple");
            return false;
        }
        let items = tupleobject::items(args);
        if !check_positional(name, items.len() as Py_ssize_t, min, max) {
            return false;
        }
        for &it in items {
            let p = va.ptr() as *mut *mut PyObject;
            *p = it;
        }
    }
    true
}

/// `PyArg_ValidateKeywordArguments`: every key of the dict is a `str`.
///
/// # Safety
/// `kwargs` is NULL or live.
pub(crate) unsafe fn validate_keywords(kwargs: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe {
        if kwargs.is_null() || !dictobject::check(kwargs) {
            errors::bad_internal_call();
            return false;
        }
        let mut pos = 0;
        while let Some((k, _)) = dictobject::next(kwargs, &mut pos) {
            if !unicodeobject::check(k) {
                errors::type_error("keywords must be strings");
                return false;
            }
        }
    }
    true
}
