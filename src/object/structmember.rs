//! `PyMemberDef` fields read and written as attributes: CPython's `PyMember_GetOne` and
//! `PyMember_SetOne` (`Python/structmember.c`), every `Py_T_*` type with CPython 3.13's
//! conversions, truncation warnings and messages.

use std::ffi::{c_char, c_int, c_long, c_short, c_uint, c_ulong, c_ushort, CStr};

use super::*;
use crate::capi::longobject as cl;

unsafe fn member_name<'a>(l: *const PyMemberDef) -> std::borrow::Cow<'a, str> {
    // SAFETY: per caller, a live definition with a NUL-terminated name.
    unsafe {
        if (*l).name.is_null() {
            "?".into()
        } else {
            CStr::from_ptr((*l).name).to_string_lossy()
        }
    }
}

/// `PyMember_GetOne`: the field `l` of the object at `obj` as a new object.
///
/// # Safety
/// `obj` is a live object whose layout holds the field `l` describes.
// The C types' widths and signedness differ between platforms (c_char, c_long), so the
// conversions that are no-ops on x86-64 are kept.
#[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
pub(crate) unsafe fn get_one(obj: *const c_char, l: *const PyMemberDef) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if (*l).flags & Py_RELATIVE_OFFSET != 0 {
            return Err(errors::system_error("PyMember_GetOne used with Py_RELATIVE_OFFSET"));
        }
        let addr = obj.offset((*l).offset);
        let r = match (*l).type_ {
            Py_T_BOOL => new_ref(longobject::from_bool(*addr != 0)),
            Py_T_BYTE => longobject::from_i64(i64::from(*(addr as *const i8)))?,
            Py_T_UBYTE => longobject::from_i64(*(addr as *const u8) as i64)?,
            Py_T_SHORT => longobject::from_i64(*(addr as *const c_short) as i64)?,
            Py_T_USHORT => longobject::from_i64(*(addr as *const c_ushort) as i64)?,
            Py_T_INT => longobject::from_i64(*(addr as *const c_int) as i64)?,
            Py_T_UINT => longobject::from_i64(*(addr as *const c_uint) as i64)?,
            Py_T_LONG => longobject::from_i64(i64::from(*(addr as *const c_long)))?,
            Py_T_ULONG => longobject::from_u64(u64::from(*(addr as *const c_ulong)))?,
            Py_T_PYSSIZET => longobject::from_i64(*(addr as *const Py_ssize_t) as i64)?,
            Py_T_LONGLONG => longobject::from_i64(*(addr as *const i64))?,
            Py_T_ULONGLONG => longobject::from_u64(*(addr as *const u64))?,
            Py_T_FLOAT => floatobject::from_f64(*(addr as *const f32) as f64)?,
            Py_T_DOUBLE => floatobject::from_f64(*(addr as *const f64))?,
            Py_T_STRING => {
                let p = *(addr as *const *const c_char);
                if p.is_null() {
                    new_ref(singletons::none())
                } else {
                    text_to_str(CStr::from_ptr(p).to_bytes())?
                }
            }
            Py_T_STRING_INPLACE => text_to_str(CStr::from_ptr(addr).to_bytes())?,
            Py_T_CHAR => text_to_str(std::slice::from_raw_parts(addr as *const u8, 1))?,
            _Py_T_OBJECT => {
                let v = *(addr as *const *mut PyObject);
                new_ref(if v.is_null() { singletons::none() } else { v })
            }
            Py_T_OBJECT_EX => {
                let v = *(addr as *const *mut PyObject);
                if v.is_null() {
                    return Err(errors::attribute_error(&format!(
                        "'{}' object has no attribute '{}'",
                        super::heaptype::fully_qualified_name(type_of(obj as *mut PyObject)),
                        member_name(l)
                    )));
                }
                new_ref(v)
            }
            _Py_T_NONE => new_ref(singletons::none()),
            _ => return Err(errors::system_error("bad memberdescr type")),
        };
        Ok(r)
    }
}

/// `PyUnicode_FromStringAndSize` of UTF-8 bytes (a decoding error as CPython raises it).
fn text_to_str(b: &[u8]) -> PyResult<Owned> {
    // SAFETY: a valid pointer and length.
    let r = unsafe {
        crate::capi::unicodeobject::PyUnicode_FromStringAndSize(b.as_ptr().cast(), b.len() as Py_ssize_t)
    };
    if r.is_null() {
        Err(PyErr)
    } else {
        Ok(r)
    }
}

fn warn(msg: &str) -> PyResult<()> {
    // SAFETY: a static exception type.
    unsafe { exceptions::warnings::warn(&raw mut exceptions::_PyExc_RuntimeWarning, msg, 1) }
}

fn failed() -> bool {
    !errors::occurred().is_null()
}

/// A C `long` from `v` (`PyLong_AsLong`), an error if one was raised.
unsafe fn as_long(v: *mut PyObject) -> PyResult<c_long> {
    // SAFETY: per caller.
    let x = unsafe { cl::PyLong_AsLong(v) };
    if x == -1 && failed() {
        Err(PyErr)
    } else {
        Ok(x)
    }
}

/// The unsigned conversions' shared shape (CPython 3.13): `__index__`, then a negative value
/// is stored as the C cast of its `long` with a warning, else as unsigned.
unsafe fn as_unsigned(v: *mut PyObject) -> PyResult<(u64, bool)> {
    // SAFETY: per caller.
    unsafe {
        let idx = abstract_::number::index(v)?;
        let r = if longobject::is_negative(idx) {
            let x = as_long(idx);
            decref(idx);
            (x? as u64, true)
        } else {
            let x = cl::PyLong_AsUnsignedLongLong(idx);
            decref(idx);
            if x == u64::MAX && failed() {
                return Err(PyErr);
            }
            (x, false)
        };
        Ok(r)
    }
}

/// `PyMember_SetOne`: stores `v` (NULL: delete) into the field `l` of the object at `obj`.
///
/// # Safety
/// As [`get_one`]; `v` is NULL or live.
pub(crate) unsafe fn set_one(obj: *mut c_char, l: *const PyMemberDef, v: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if (*l).flags & Py_RELATIVE_OFFSET != 0 {
            return Err(errors::system_error("PyMember_SetOne used with Py_RELATIVE_OFFSET"));
        }
        let addr = obj.offset((*l).offset);
        if (*l).flags & Py_READONLY != 0 {
            return Err(errors::attribute_error("readonly attribute"));
        }
        let ty = (*l).type_;
        if v.is_null() {
            if ty == Py_T_OBJECT_EX {
                if (*(addr as *const *mut PyObject)).is_null() {
                    return Err(errors::attribute_error(&member_name(l)));
                }
            } else if ty != _Py_T_OBJECT {
                return Err(errors::type_error("can't delete numeric/char attribute"));
            }
        }
        match ty {
            Py_T_BOOL => {
                if type_of(v) != &raw mut longobject::PyBool_Type {
                    return Err(errors::type_error("attribute value type must be bool"));
                }
                *addr = c_char::from(v == longobject::from_bool(true));
            }
            Py_T_BYTE => {
                let x = as_long(v)?;
                *addr = x as c_char;
                if x > i8::MAX as c_long || x < i8::MIN as c_long {
                    warn("Truncation of value to char")?;
                }
            }
            Py_T_UBYTE => {
                let x = as_long(v)?;
                *(addr as *mut u8) = x as u8;
                if !(0..=u8::MAX as c_long).contains(&x) {
                    warn("Truncation of value to unsigned char")?;
                }
            }
            Py_T_SHORT => {
                let x = as_long(v)?;
                *(addr as *mut c_short) = x as c_short;
                if x > c_short::MAX as c_long || x < c_short::MIN as c_long {
                    warn("Truncation of value to short")?;
                }
            }
            Py_T_USHORT => {
                let x = as_long(v)?;
                *(addr as *mut c_ushort) = x as c_ushort;
                if !(0..=c_ushort::MAX as c_long).contains(&x) {
                    warn("Truncation of value to unsigned short")?;
                }
            }
            Py_T_INT => {
                let x = as_long(v)?;
                *(addr as *mut c_int) = x as c_int;
                if x > c_int::MAX as c_long || x < c_int::MIN as c_long {
                    warn("Truncation of value to int")?;
                }
            }
            Py_T_UINT => {
                let (x, negative) = as_unsigned(v)?;
                *(addr as *mut c_uint) = x as c_uint;
                if negative {
                    warn("Writing negative value into unsigned field")?;
                } else if x > c_uint::MAX as u64 {
                    warn("Truncation of value to unsigned int")?;
                }
            }
            Py_T_LONG => *(addr as *mut c_long) = as_long(v)?,
            Py_T_ULONG => {
                let (x, negative) = as_unsigned(v)?;
                *(addr as *mut c_ulong) = x as c_ulong;
                if negative {
                    warn("Writing negative value into unsigned field")?;
                }
            }
            Py_T_PYSSIZET => {
                let x = cl::PyLong_AsSsize_t(v);
                if x == -1 && failed() {
                    return Err(PyErr);
                }
                *(addr as *mut Py_ssize_t) = x;
            }
            Py_T_FLOAT => {
                let x = crate::capi::floatobject::PyFloat_AsDouble(v);
                if x == -1.0 && failed() {
                    return Err(PyErr);
                }
                *(addr as *mut f32) = x as f32;
            }
            Py_T_DOUBLE => {
                let x = crate::capi::floatobject::PyFloat_AsDouble(v);
                if x == -1.0 && failed() {
                    return Err(PyErr);
                }
                *(addr as *mut f64) = x;
            }
            _Py_T_OBJECT | Py_T_OBJECT_EX => {
                let slot = addr as *mut *mut PyObject;
                let old = *slot;
                *slot = xincref_ret(v);
                xdecref(old);
            }
            Py_T_CHAR => {
                let mut len: Py_ssize_t = 0;
                let s = crate::capi::unicodeobject::PyUnicode_AsUTF8AndSize(v, &mut len);
                if s.is_null() || len != 1 {
                    return Err(errors::bad_argument());
                }
                *addr = *s;
            }
            Py_T_STRING | Py_T_STRING_INPLACE => return Err(errors::type_error("readonly attribute")),
            Py_T_LONGLONG => {
                let x = cl::PyLong_AsLongLong(v);
                if x == -1 && failed() {
                    return Err(PyErr);
                }
                *(addr as *mut i64) = x;
            }
            Py_T_ULONGLONG => {
                let (x, negative) = as_unsigned(v)?;
                *(addr as *mut u64) = x;
                if negative {
                    warn("Writing negative value into unsigned field")?;
                }
            }
            _ => return Err(errors::system_error(&format!("bad memberdescr type for {}", member_name(l)))),
        }
        Ok(())
    }
}
